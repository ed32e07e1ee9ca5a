//! Wars of attrition: multistage models, their SPEs, the concession analysis, the continuous-time
//! closed forms, the expanded tree, and the `attrition` command (insta snapshots in
//! `tests/snapshots/`; regenerate with `INSTA_UPDATE=always cargo test --test attrition`).

use standoff::analysis::attrition::{concession, convergence, ContinuousWar};
use standoff::game::reduce;
use standoff::game::tree::BehaviorProfile;
use standoff::game::{Multistage, Player, StageOutcome};
use standoff::model::{load_multistage, Settings};
use standoff::num::{frac, q, Q};
use standoff::solve::tree::multistage::{solve_multistage, verify_spe, Selection, Spe};
use std::path::{Path, PathBuf};

fn model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/attrition.toml")
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = assert_cmd::Command::cargo_bin("standoff")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn settings(scenario: Option<&str>, set: &[(&str, Q)]) -> Settings {
    Settings {
        scenario: scenario.map(str::to_string),
        set: set.iter().map(|(n, v)| (n.to_string(), v.clone())).collect(),
    }
}

fn game(scenario: Option<&str>, set: &[(&str, Q)]) -> Multistage {
    load_multistage(&model(), &settings(scenario, set)).unwrap().game
}

fn mixed(g: &Multistage) -> Spe {
    solve_multistage(g, Selection::Mixed).unwrap().spes.remove(0)
}

/// A two-sided war of attrition built directly: prizes, costs, δ, horizon, terminal payoffs.
fn war(v: [Q; 2], c: [Q; 2], discount: Q, horizon: u64, terminal: [Q; 2]) -> Multistage {
    let p = |n: &str| Player { name: n.into(), strategies: vec!["Concede".into(), "Hold".into()] };
    let outcomes = vec![
        StageOutcome::Stop { payoffs: vec![q(0), q(0)] },
        StageOutcome::Stop { payoffs: vec![v[0].clone(), q(0)] },
        StageOutcome::Stop { payoffs: vec![q(0), v[1].clone()] },
        StageOutcome::Continue { flow: vec![-c[0].clone(), -c[1].clone()] },
    ];
    Multistage::new("war", vec![p("A"), p("B")], outcomes, discount, horizon, terminal.to_vec()).unwrap()
}

// ---- textbook closed forms ----

#[test]
fn symmetric_stationary_concession_is_c_over_v_plus_c() {
    for (v, c) in [(10, 2), (7, 3), (1, 1), (100, 1)] {
        for d in [frac(9, 10), q(1), frac(1, 3)] {
            let g = war([q(v), q(v)], [q(c), q(c)], d, 6, [q(0), q(0)]);
            let spe = mixed(&g);
            for p in &spe.periods {
                assert_eq!(p.profile.probs[0][0], frac(c, v + c));
                assert_eq!(p.profile.probs[1][0], frac(c, v + c));
            }
        }
    }
    // The model at its defaults: 2 / (10 + 2) = 1/6 every period.
    let a = concession(&game(None, &[]), &mixed(&game(None, &[]))).unwrap();
    assert!(a.periods.iter().all(|p| p.concede == vec![frac(1, 6), frac(1, 6)]));
}

#[test]
fn asymmetric_rates_are_pinned_by_the_other_sides_payoffs() {
    // Each side concedes at the rate that keeps the *other* indifferent: A's probability is
    // c_B / (V_B + c_B), whatever A's own prize and cost.
    let g = war([q(30), q(8)], [q(1), q(4)], frac(9, 10), 5, [q(0), q(0)]);
    let spe = mixed(&g);
    for p in &spe.periods {
        assert_eq!(p.profile.probs[0][0], frac(4, 12));
        assert_eq!(p.profile.probs[1][0], frac(1, 31));
    }
    // Changing A's own prize leaves A's concession probability alone and moves B's.
    let g2 = war([q(60), q(8)], [q(1), q(4)], frac(9, 10), 5, [q(0), q(0)]);
    let spe2 = mixed(&g2);
    assert_eq!(spe2.periods[0].profile.probs[0][0], frac(1, 3));
    assert_eq!(spe2.periods[0].profile.probs[1][0], frac(1, 61));
    // First to concede, per period: A alone with p_A (1 - p_B), B alone with p_B (1 - p_A).
    let a = concession(&g, &spe).unwrap();
    let (pa, pb) = (frac(1, 3), frac(1, 31));
    let stop = &pa + &pb - &pa * &pb;
    let on = q(1) - &stop;
    let geometric: Q = (0..5).map(|t| standoff::num::pow_q(&on, t).unwrap()).sum();
    assert_eq!(a.first_to_concede[0], &pa * (q(1) - &pb) * &geometric);
    assert_eq!(a.first_to_concede[1], &pb * (q(1) - &pa) * &geometric);
    assert_eq!(a.both_at_once, &pa * &pb * &geometric);
    assert_eq!(a.reaches_horizon, standoff::num::pow_q(&on, 5).unwrap());
}

#[test]
fn a_deadline_makes_one_side_concede_at_once() {
    // deadline_dprk: at the horizon the DPRK gets its prize. In the last period holding is
    // dominant for the DPRK (-2 + 9/10 * 10 > 0), so the US concedes; that hands the DPRK its
    // prize one period earlier, and so on back to period 0: the US concedes at once.
    let g = game(Some("deadline_dprk"), &[]);
    let sol = solve_multistage(&g, Selection::All).unwrap();
    assert_eq!(sol.spes.len(), 1, "the deadline leaves a unique SPE");
    let a = concession(&g, &sol.spes[0]).unwrap();
    assert_eq!(a.periods[0].concede, vec![q(1), q(0)]);
    assert_eq!(a.first_to_concede, vec![q(1), q(0)]);
    assert_eq!(a.expected_duration, q(0));
    assert_eq!(a.payoffs, vec![q(0), q(10)]);
    // deadline_us: the mirror image.
    let g = game(Some("deadline_us"), &[]);
    let a = concession(&g, &mixed(&g)).unwrap();
    assert_eq!(a.first_to_concede, vec![q(0), q(1)]);
    assert_eq!(a.payoffs, vec![q(10), q(0)]);
    // A deadline prize too small to cover the last period's cost does not unravel the war:
    // the stage game of the last period stays a war of attrition.
    let g = game(Some("deadline_dprk"), &[("dprk_deadline", frac(1, 10))]);
    let a = concession(&g, &mixed(&g)).unwrap();
    assert!(a.periods[0].concede[0] < q(1) && a.periods[0].concede[1] > q(0));
}

#[test]
fn continuous_time_hazards_and_first_concession() {
    let g = war([q(10), q(20)], [q(2), q(3)], q(1), 3, [q(0), q(0)]);
    let w = ContinuousWar::from_multistage(&g).unwrap();
    // λ_A = c_B / V_B = 3/20, λ_B = c_A / V_A = 1/5.
    assert_eq!(w.hazards(), [frac(3, 20), frac(1, 5)]);
    let m = w.atomless();
    assert_eq!(m.first_to_concede, [frac(3, 7), frac(4, 7)]);
    assert_eq!(m.expected_duration, frac(20, 7));
    assert_eq!(m.payoffs, [q(0), q(0)]);
    let names = ["A".to_string(), "B".to_string()];
    let atom = w.with_atom(0, frac(1, 3), &names).unwrap();
    assert_eq!(atom.first_to_concede[0], frac(1, 3) + frac(2, 3) * frac(3, 7));
    assert_eq!(atom.payoffs, [q(0), frac(20, 3)]);
    assert_eq!(atom.expected_duration, frac(2, 3) * frac(20, 7));
    let pure = w.pure(1, &names);
    assert_eq!((pure.first_to_concede.clone(), pure.payoffs.clone()), ([q(1), q(0)], [q(0), q(20)]));
    // The discrete game converges: p/Δ = c_j / (V_j + c_j Δ) → c_j / V_j.
    let lengths: Vec<Q> = (0..8).map(|k| frac(1, 1 << k)).collect();
    for r in convergence(&w, None, &lengths, 2).unwrap() {
        assert_eq!(r.hazard[0], q(3) / (q(20) + q(3) * &r.period_length));
        assert_eq!(r.hazard[1], q(2) / (q(10) + q(2) * &r.period_length));
        assert_eq!(r.limit, w.hazards());
    }
}

// ---- the compact model and its expanded tree agree ----

fn behaviour_of(tree: &standoff::game::Tree, spe: &Spe) -> BehaviorProfile {
    // One continuing outcome: each player's information sets are periods 0, 1, ... in order.
    let probs: Vec<Vec<Vec<Q>>> = (0..tree.num_players())
        .map(|i| {
            assert_eq!(tree.player_infosets(i).len(), spe.periods.len());
            spe.periods.iter().map(|p| p.profile.probs[i].clone()).collect()
        })
        .collect();
    let unreached = probs.iter().map(|p| vec![false; p.len()]).collect();
    BehaviorProfile { probs, unreached }
}

#[test]
fn compact_model_and_expanded_tree_give_the_same_equilibrium_payoffs() {
    for scenario in [None, Some("deadline_dprk"), Some("deadline_us")] {
        for set in [vec![], vec![("deal_value", q(3)), ("us_cost", q(1))], vec![("discount", q(1))]] {
            let st = settings(scenario, &set);
            let loaded = load_multistage(&model(), &st).unwrap();
            let tree = loaded.model.tree(&st).unwrap();
            let reduced = reduce(&tree).unwrap();
            for spe in solve_multistage(&loaded.game, Selection::Default).unwrap().spes {
                verify_spe(&loaded.game, &spe).unwrap();
                let b = behaviour_of(&tree, &spe);
                assert_eq!(tree.expected_payoffs(&b), spe.payoffs, "{scenario:?} {set:?} {}", spe.kind);
                // A Nash equilibrium of the tree: zero regret in its reduced strategic form.
                let induced = reduced.mixed_of(&b);
                assert_eq!(reduced.game.max_regret(&induced), q(0), "{scenario:?} {set:?} {}", spe.kind);
                assert_eq!(reduced.game.expected_payoffs(&induced), spe.payoffs);
            }
        }
    }
}

#[test]
fn solve_and_convert_work_on_the_expanded_tree() {
    let (out, err, code) = run(&["solve", "models/attrition.toml", "--scenario", "deadline_dprk", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let eqs = v["equilibria"].as_array().unwrap();
    assert!(!eqs.is_empty());
    let (out, err, code) = run(&["convert", "models/attrition.toml", "--to", "efg", "--set", "horizon=2"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("EFG 2 R") && out.contains("\"US t=1\""), "{out}");
}

// ---- the command ----

#[test]
fn table_snapshot() {
    let (out, err, code) = run(&["attrition", "models/attrition.toml"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("attrition_table", out);
}

#[test]
fn json_snapshot_and_keys() {
    let (out, err, code) = run(&["attrition", "models/attrition.toml", "--select", "mixed", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["periods", "first_to_concede", "both_at_once", "expected_duration", "payoffs"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["periods"][0]["t"], 0);
    assert_eq!(v["periods"][0]["concede"]["US"], "1/6");
    assert_eq!(v["periods"][0]["survival"], "25/36");
    // Per-player objects keep the players' order (US first, as declared), not alphabetical order.
    let payoffs = &out[out.find("\"payoffs\": {").unwrap()..];
    assert!(payoffs.find("\"US\"").unwrap() < payoffs.find("\"DPRK\"").unwrap(), "{payoffs}");
    assert!(out.find("\"model\"").unwrap() < out.find("\"all_exact\"").unwrap(), "top-level keys in schema order");
    insta::assert_snapshot!("attrition_json", out);
}

#[test]
fn deadline_scenarios_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("attrition.svg");
    let args = [
        "attrition",
        "models/attrition.toml",
        "--scenario",
        "deadline_dprk",
        "--scenario",
        "deadline_us",
        "--select",
        "mixed",
        "--format",
        "csv",
        "--plot",
        svg.to_str().unwrap(),
    ];
    let (out, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("attrition_deadlines_csv", out);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("deadline_dprk") && text.contains("deadline_us"));
    let (out, _, _) = run(&[
        "attrition",
        "models/attrition.toml",
        "--scenario",
        "deadline_dprk",
        "--scenario",
        "deadline_us",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scenarios"].as_array().unwrap().len(), 2);
    assert_eq!(v["scenarios"][0]["first_to_concede"]["US"], "1");
    assert_eq!(v["scenarios"][1]["first_to_concede"]["DPRK"], "1");
}

#[test]
fn continuous_snapshot() {
    let (out, err, code) = run(&[
        "attrition",
        "models/attrition.toml",
        "--set",
        "dprk_prize=20",
        "--set",
        "us_cost=3",
        "--select",
        "mixed",
        "--continuous",
    ]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("attrition_continuous", out);
}

#[test]
fn refuses_other_models_and_bad_settings() {
    let (_, err, code) = run(&["attrition", "models/standoff.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a multistage model"), "{err}");
    let (_, err, code) = run(&["attrition", "models/attrition.toml", "--scenario", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("deadline_dprk"), "{err}");
    let (_, err, code) = run(&["attrition", "models/attrition.toml", "--set", "horizon=0"]);
    assert_eq!(code, 2, "{err}");
}
