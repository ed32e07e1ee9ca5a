//! `--method gnm`: the global Newton method of Govindan and Wilson, every crossing of the path
//! with the unperturbed game polished and certified.

mod common;

use common::{check_certified, data_dir, flat, load_game, one_billionth, random_game, reference_dir, standoff_bin};
use num_traits::Zero;
use serde_json::Value;
use standoff::model::{load, Settings};
use standoff::num::{parse_q, to_f64, Q};
use standoff::solve::{solve, Method, Solution, SolveOptions};
use standoff::NormalForm;

fn gnm(game: &NormalForm) -> Solution {
    solve(game, Method::Gnm, &SolveOptions::default()).unwrap()
}

/// Checks every equilibrium gnm reports ([`check_certified`]): at least one, and no
/// equilibrium listed twice. Returns the regrets.
fn check_answer(name: &str, game: &NormalForm, sol: &Solution) -> Vec<Q> {
    assert_eq!(sol.method, Method::Gnm, "{name}");
    assert!(!sol.equilibria.is_empty(), "{name}");
    assert!(!sol.complete, "{name}");
    let regrets = check_certified(name, game, sol);
    for (a, x) in sol.equilibria.iter().enumerate() {
        for y in &sol.equilibria[a + 1..] {
            let (p, q) = (flat(&x.profile), flat(&y.profile));
            assert!(p.iter().zip(&q).any(|(u, v)| (u - v).abs() > 1e-9), "{name}: listed twice: {p:?}");
        }
    }
    regrets
}

/// Wherever Gambit's `simpdiv` or `logit` found an equilibrium of an N-player game of the
/// reference corpus, gnm finds at least one, every one with exact max regret 0 or at most 1e-9.
#[test]
fn gnm_finds_certified_equilibria_wherever_gambit_did() {
    let text = std::fs::read_to_string(reference_dir().join("gambit-results.json")).unwrap();
    let reference: Value = serde_json::from_str(&text).unwrap();
    let (mut checked, mut total) = (0, 0);
    for (name, entry) in reference["games"].as_object().unwrap() {
        if !name.ends_with(".nfg") || entry["info"]["num_players"].as_u64().unwrap_or(0) < 3 {
            continue;
        }
        let found = |s: &str| {
            let r = &entry["solvers"][s];
            r["status"] == "ok" && r["equilibria"].as_array().is_some_and(|e| !e.is_empty())
        };
        if !found("simpdiv") && !found("logit") {
            continue;
        }
        let game = load_game(&reference_dir().join("games").join(name));
        total += check_answer(name, &game, &gnm(&game)).len();
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} games checked");
    assert!(total > checked, "one equilibrium per game only ({total} on {checked} games)");
}

/// Every tree of the corpus with three or more players, through its reduced strategic form.
#[test]
fn gnm_on_n_player_trees_through_the_reduced_form() {
    let mut checked = 0;
    for f in std::fs::read_dir(reference_dir().join("games")).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_none_or(|e| e != "efg") {
            continue;
        }
        let Ok(loaded) = load(&f, &Settings::default()) else { continue };
        let game = loaded.game;
        if game.num_players() < 3 || game.num_profiles() > 4096 {
            continue;
        }
        check_answer(&f.display().to_string(), &game, &gnm(&game));
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} trees checked");
}

/// Nau, Gomez Canovas and Hansen (2004), section 4: a 2x2x2 game whose unique equilibrium is
/// irrational, r = (√601 − 23)/4, p = (3 − 2r)/(4 − r), q = (2 − r)/(3 + r) (derived in
/// tests/nplayer.rs). The path crosses λ = 0 once, there; the answer is an ε-equilibrium (never
/// "exact") with a proven tiny regret, within 1e-12 of the closed form.
#[test]
fn gnm_finds_the_unique_irrational_2x2x2_equilibrium() {
    let game = load_game(&reference_dir().join("games/catalog_journals_ijgt_nau2004_sec4.nfg"));
    let sol = gnm(&game);
    assert!(!sol.exact);
    let regrets = check_answer("nau2004 sec4", &game, &sol);
    assert_eq!(regrets.len(), 1);
    assert!(!regrets[0].is_zero() && regrets[0] <= parse_q("1e-14").unwrap(), "regret {}", to_f64(&regrets[0]));
    let r = (601f64.sqrt() - 23.0) / 4.0;
    let p = (3.0 - 2.0 * r) / (4.0 - r);
    let q = (2.0 - r) / (3.0 + r);
    let got: Vec<f64> = sol.equilibria[0].profile.probs.iter().map(|x| to_f64(&x[0])).collect();
    for (g, want) in got.iter().zip([p, q, r]) {
        assert!((g - want).abs() < 1e-12, "{got:?} vs {:?}", [p, q, r]);
    }
    assert!(sol.notes.iter().any(|n| n.contains("1 crossing of λ = 0")), "{:?}", sol.notes);
}

/// Two-player games of the corpus: every answer is an equilibrium, and every exact one is one of
/// enum's extreme equilibria or lies in one of enum's convex sets (its supports covered by the
/// set's extreme strategies, its payoffs between the set's extreme payoffs).
#[test]
fn gnm_answers_are_among_enums_on_two_player_games() {
    let (mut checked, mut listed) = (0, 0);
    for f in std::fs::read_dir(reference_dir().join("games")).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_none_or(|e| e != "nfg") {
            continue;
        }
        let game = load_game(&f);
        if game.num_players() != 2 {
            continue;
        }
        let name = f.display().to_string();
        let sol = gnm(&game);
        let regrets = check_answer(&name, &game, &sol);
        checked += 1;
        let all = solve(&game, Method::Enum, &SolveOptions::default()).unwrap();
        for (eq, regret) in sol.equilibria.iter().zip(&regrets) {
            listed += 1;
            if !regret.is_zero() || all.equilibria.contains(eq) {
                continue;
            }
            let supp = |p: &[Q]| -> Vec<usize> { (0..p.len()).filter(|&k| !p[k].is_zero()).collect() };
            let covered =
                |points: &[Vec<Q>], mine: &[Q]| supp(mine).iter().all(|&k| points.iter().any(|pt| !pt[k].is_zero()));
            let inside = all.components.iter().any(|c| {
                let payoffs: Vec<&Vec<Q>> = c.equilibria.iter().map(|&k| &all.equilibria[k].payoffs).collect();
                let within = (0..2).all(|i| {
                    let lo = payoffs.iter().map(|p| &p[i]).min().unwrap();
                    let hi = payoffs.iter().map(|p| &p[i]).max().unwrap();
                    *lo <= eq.payoffs[i] && eq.payoffs[i] <= *hi
                });
                within
                    && c.convex_sets.iter().any(|s| {
                        let rows: Vec<Vec<Q>> = s.rows.iter().map(|&k| c.row_points[k].clone()).collect();
                        let cols: Vec<Vec<Q>> = s.cols.iter().map(|&k| c.col_points[k].clone()).collect();
                        covered(&rows, &eq.profile.probs[0]) && covered(&cols, &eq.profile.probs[1])
                    })
            });
            assert!(
                inside,
                "{name}: {:?} is neither an extreme equilibrium nor in a convex set of enum's",
                flat(&eq.profile)
            );
        }
    }
    assert!(checked >= 25, "only {checked} games");
    assert!(listed >= checked, "{listed} equilibria on {checked} games");
}

/// `scripts/gen_games.py --shapes 2^6 --seeds 2` (benches/README.md, "One equilibrium is missing
/// from our enumpoly list"): Gambit's gnm finds an equilibrium where five players mix and player 4
/// plays its second strategy (player 1's first strategy ≈ 0.4614, then 0.3359, 0.2992, 0, 0.8363,
/// 0.5467). The path from the default seed crosses λ = 0 five times and does not pass it; seed 2's
/// path does (seeds 4, 6, 9 and 11 too, of 1–12).
#[test]
fn gnm_and_the_five_player_mixed_equilibrium_of_the_2_6_seed_2_game() {
    let game = load_game(&data_dir().join("rand-2x2x2x2x2x2-s2.nfg"));
    let sol = gnm(&game);
    check_answer("2^6 s2", &game, &sol);
    let want = [0.4614, 0.3359, 0.2992, 0.0, 0.8363, 0.5467];
    let hit = |eqs: &[standoff::solve::Equilibrium]| {
        eqs.iter().any(|e| {
            let first: Vec<f64> = e.profile.probs.iter().map(|x| to_f64(&x[0])).collect();
            first.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-4)
        })
    };
    assert!(!hit(&sol.equilibria));
    // Seed 2's path crosses λ = 0 at eleven equilibria (as many as Gambit's gnm), this one among them.
    let r = standoff::solve::gnm::find_equilibria_with_seed(&game, &SolveOptions::default(), 2).unwrap();
    let eqs: Vec<standoff::solve::Equilibrium> = r.equilibria.iter().map(|c| c.equilibrium.clone()).collect();
    assert_eq!(eqs.len(), 11);
    assert!(hit(&eqs));
}

/// Random 3x3x3, 4x4x4, 2^6 and 3x2x2x2 games: certified equilibria, and on 2x2x2 games each
/// one is among enumpoly's (all equilibria). An odd number of crossings when the path ran to its
/// end (the path runs from λ = +∞ to λ = −∞).
#[test]
fn gnm_certifies_random_n_player_games() {
    for seed in 1..=4 {
        for shape in [&[3, 3, 3][..], &[4, 4, 4], &[2, 2, 2, 2, 2, 2], &[3, 2, 2, 2]] {
            let game = random_game(shape, seed, 0, 200);
            let name = format!("{shape:?} seed {seed}");
            let sol = gnm(&game);
            check_answer(&name, &game, &sol);
            let note = &sol.notes[0];
            let crossings: usize = note.split(" crossing").next().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
            assert!(crossings % 2 == 1, "{name}: {note}");
        }
    }
    for seed in 11..=20 {
        let game = random_game(&[2, 2, 2], seed, 0, 200);
        let all = solve(&game, Method::EnumPoly, &SolveOptions::default()).unwrap();
        if all.notes.iter().any(|n| n.contains("not resolved")) {
            continue;
        }
        for e in &gnm(&game).equilibria {
            let p = flat(&e.profile);
            assert!(
                all.equilibria.iter().any(|a| flat(&a.profile).iter().zip(&p).all(|(x, y)| (x - y).abs() < 1e-9)),
                "seed {seed}: {p:?} not among enumpoly's"
            );
        }
    }
}

/// Games with many ties (payoffs 0..2) and odd shapes, including players with one strategy:
/// gnm either answers with certified equilibria or says it could not (never a wrong answer,
/// never an internal error), and answers most of them.
#[test]
fn gnm_on_degenerate_random_games() {
    let shapes: [&[usize]; 6] = [&[2, 2, 2], &[1, 3, 2], &[3, 1, 3, 2], &[4, 3], &[2, 2, 2, 2], &[3, 3, 1]];
    let mut answered = 0;
    for case in 0..60u64 {
        let shape = shapes[case as usize % shapes.len()];
        let game = random_game(shape, 1000 + case, 0, 2);
        match solve(&game, Method::Gnm, &SolveOptions::default()) {
            Ok(sol) => {
                check_answer(&format!("case {case} {shape:?}"), &game, &sol);
                answered += 1;
            }
            Err(e) => assert!(matches!(e, standoff::error::Error::Unsupported { .. }), "case {case} {shape:?}: {e}"),
        }
    }
    assert!(answered >= 50, "only {answered} of 60 answered");
}

/// The same game gives the same answer (deterministic).
#[test]
fn gnm_is_deterministic() {
    let game = random_game(&[3, 3, 3], 7, 0, 200);
    assert_eq!(gnm(&game), gnm(&game));
}

/// The command line: `--method gnm` in JSON reports every equilibrium with `max_regret` and the
/// answer's `exact`; a tiny `--max-work` is refused naming the flag.
#[test]
fn cli_gnm() {
    let f = data_dir().join("rand-2x2x2x2x2x2-s2.nfg");
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "gnm", "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["method"], "gnm");
    assert_eq!(v["exact"], false);
    let eqs = v["equilibria"].as_array().unwrap();
    assert!(eqs.len() >= 2);
    for e in eqs {
        let regret = parse_q(e["max_regret"].as_str().unwrap()).unwrap();
        assert!(regret <= one_billionth());
    }
    let f = reference_dir().join("games/contrib_games_5x4x3.nfg");
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "gnm"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Method: gnm"), "{text}");
    assert!(text.contains("global Newton method"), "{text}");
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "gnm", "--max-work", "1000"]).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("--max-work"), "{err}");
}

/// `--seed N` follows another path: on the 2^6 seed-2 game seed 2 finds the five-mixer
/// equilibrium the default seed misses (eleven equilibria); JSON echoes the seed used, the
/// default one too; `--seed` with a method that makes no random choice is refused.
#[test]
fn cli_gnm_seed() {
    let f = data_dir().join("rand-2x2x2x2x2x2-s2.nfg");
    let json = |extra: &[&str]| -> Value {
        let out = standoff_bin()
            .arg("solve")
            .arg(&f)
            .args(["--method", "gnm", "--format", "json"])
            .args(extra)
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let v = json(&["--seed", "2"]);
    assert_eq!(v["seed"], 2);
    assert_eq!(v["equilibria"].as_array().unwrap().len(), 11);
    let v = json(&[]);
    assert_eq!(v["seed"], standoff::solve::gnm::DEFAULT_SEED);
    assert!(v["notes"][0].as_str().unwrap().contains(&format!("seed {}", standoff::solve::gnm::DEFAULT_SEED)));
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "simpdiv", "--seed", "2"]).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("--seed applies to --method gnm only"), "{err}");
}

/// Regression (issue 12): on this tie-heavy 3x1x3x2 game the default path runs into a loop of
/// the branching equilibrium graph at λ ≈ −1.9 and went round it until the step budget ran
/// out (1.8 million steps, 22 s of CPU in release, minutes in debug). The loop is now seen
/// the third time through one boundary point: a few hundred steps in all, the equilibrium
/// found before the loop is kept, and the note says where and why the path stopped.
#[test]
fn gnm_stops_at_a_loop_of_a_degenerate_game() {
    let game = random_game(&[3, 1, 3, 2], 1026, 0, 2);
    let r = standoff::solve::gnm::find_equilibria(&game, &SolveOptions::default()).unwrap();
    assert!(r.steps < 1000, "{} steps", r.steps);
    assert!(!r.equilibria.is_empty());
    let stopped = r.stopped.unwrap();
    assert!(stopped.contains("came back to a point it had passed"), "{stopped}");
    assert!(stopped.contains("perturbed copy"), "{stopped}");
    check_answer("3x1x3x2 case 26", &game, &gnm(&game));
}
