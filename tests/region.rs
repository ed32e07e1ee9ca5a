//! Payoff regions and correlated equilibria: Aumann's chicken derived by hand, properties on random
//! games, and the `region` / `solve --method correlated` commands end to end.

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;
use standoff::analysis::correlated::{self, check, payoff_region};
use standoff::analysis::geometry::{contains, Point};
use standoff::analysis::region::{analyze, feasible_set, minmax};
use standoff::model::{load, Settings};
use standoff::num::{frac, q, Q};
use standoff::solve::{solve, SolveOptions};
use standoff::{NormalForm, Player};
use std::path::{Path, PathBuf};

fn model(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Chicken with Aumann's numbers, from `models/mediated.toml`. Gambit order of profiles:
/// (C,C), (H,C), (C,H), (H,H) with C = Concede, H = Hold.
fn chicken() -> NormalForm {
    load(&model("models/mediated.toml"), &Settings::default()).unwrap().game
}

fn pt(x: Q, y: Q) -> Point {
    Point::new(x, y)
}

fn p(x: i64, y: i64) -> Point {
    pt(q(x), q(y))
}

#[test]
fn chicken_feasible_set_pareto_frontier_and_individually_rational_part() {
    let g = chicken();
    // The four payoff pairs (6,6), (7,2), (2,7), (0,0). (6,6) lies beyond the segment (7,2)-(2,7)
    // (x + y = 12 > 9), so all four are hull vertices; counter-clockwise from the lowest-leftmost.
    let r = analyze(&g).unwrap();
    assert_eq!(r.feasible, vec![p(0, 0), p(7, 2), p(6, 6), p(2, 7)]);
    assert_eq!(feasible_set(&g).unwrap(), r.feasible);
    // Pareto: moving right from (2,7) to (6,6) to (7,2) always costs the other player; (0,0) is
    // dominated by everything.
    assert_eq!(r.pareto, vec![p(2, 7), p(6, 6), p(7, 2)]);
    // Minmax of the US: against DPRK Concede its best is max(6, 7) = 7, against Hold max(2, 0) = 2,
    // so the pure minmax is 2 (DPRK holds). Mixed: DPRK concedes with y; the US gets
    // max(6y + 2(1 - y), 7y) = max(2 + 4y, 7y), smallest at y = 0: 2 again. Symmetric for the DPRK.
    for i in 0..2 {
        let m = minmax(&g, i).unwrap();
        assert_eq!((m.pure.clone(), m.mixed.clone()), (q(2), q(2)), "player {i}");
        assert_eq!(m.pure_punisher, 1);
        assert_eq!(m.mixed_punisher, vec![q(0), q(1)]);
    }
    // Individually rational part: the hull cut by x >= 2 and y >= 2. The edge (0,0)-(7,2) (y = 2x/7)
    // lies below y = 2 until (7,2); the edge (2,7)-(0,0) (y = 7x/2) crosses x = 2 at (2,7).
    assert_eq!(r.individually_rational, vec![p(2, 2), p(7, 2), p(6, 6), p(2, 7)]);
}

#[test]
fn chicken_nash_payoffs() {
    // Pure (Concede, Hold) and (Hold, Concede), and the mixed one: the US is indifferent when
    // 6y + 2(1 - y) = 7y, y = 2/3, paying 14/3; symmetric for the DPRK.
    let r = analyze(&chicken()).unwrap();
    let mut got: Vec<(Point, bool)> = r.nash.iter().map(|n| (n.payoffs.clone(), n.pure)).collect();
    got.sort();
    assert_eq!(got, vec![(p(2, 7), true), (pt(frac(14, 3), frac(14, 3)), false), (p(7, 2), true)]);
}

#[test]
fn chicken_correlated_equilibria_by_hand() {
    let g = chicken();
    // The constraints (a = p(C,C), b = p(H,C), c = p(C,H), d = p(H,H)):
    //   US told C: a(6 - 7) + c(2 - 0) >= 0, i.e. a <= 2c;  US told H: b(7 - 6) + d(0 - 2) >= 0, b >= 2d;
    //   DPRK told C: a <= 2b;                               DPRK told H: c >= 2d.
    let third = frac(1, 3);
    assert!(check(&g, &[third.clone(), third.clone(), third.clone(), q(0)]).is_ok());
    assert!(check(&g, &[q(1), q(0), q(0), q(0)]).is_err(), "(C,C) alone is not an equilibrium");
    // Welfare 12a + 9(b + c) with d = 0 (d only costs) and a <= 2 min(b, c): with s = b + c, a = 1 - s
    // and 1 - s <= s, so s >= 1/2 and welfare 12 - 3s is largest at s = 1/2: a = 1/2, b = c = 1/4.
    let ce = correlated::welfare_maximizing(&g).unwrap();
    assert_eq!(ce.distribution, vec![frac(1, 2), frac(1, 4), frac(1, 4), q(0)]);
    assert_eq!(ce.payoffs, vec![frac(21, 4), frac(21, 4)]);
    assert!(ce.as_product(&g).is_none());
    // The uniform CE gives each (6 + 7 + 2)/3 = 5, less than 21/4.
    // Lowest welfare (by symmetry b = c): a = 0, d = 1 - 2b <= b/2, so b >= 2/5: each gets 9 * 2/5 = 18/5.
    // The CE region is the quadrilateral through the two pure equilibria and these two points.
    let region = payoff_region(&g).unwrap();
    assert_eq!(region, vec![p(2, 7), pt(frac(18, 5), frac(18, 5)), p(7, 2), pt(frac(21, 4), frac(21, 4))]);
    assert!(contains(&region, &p(5, 5)));
    // Best for the US: (Hold, Concede), its favourite pure equilibrium.
    assert_eq!(correlated::best_for_player(&g, 0).unwrap().payoffs, vec![q(7), q(2)]);
    assert_eq!(correlated::best_for_player(&g, 1).unwrap().payoffs, vec![q(2), q(7)]);
}

fn game(m: usize, n: usize, a: &[i64], b: &[i64]) -> NormalForm {
    let players = vec![
        Player { name: "1".into(), strategies: (0..m).map(|i| format!("r{i}")).collect() },
        Player { name: "2".into(), strategies: (0..n).map(|j| format!("c{j}")).collect() },
    ];
    NormalForm::new("random", players, |p| vec![q(a[p[0] * n + p[1]]), q(b[p[0] * n + p[1]])]).unwrap()
}

fn arb_game() -> impl Strategy<Value = (usize, usize, Vec<i64>, Vec<i64>)> {
    (1..=3usize, 1..=3usize).prop_flat_map(|(m, n)| {
        (Just(m), Just(n), proptest::collection::vec(-4i64..=4, m * n), proptest::collection::vec(-4i64..=4, m * n))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_games_region_invariants((m, n, a, b) in arb_game(), wx in -3i64..=3, wy in -3i64..=3) {
        let g = game(m, n, &a, &b);
        let r = analyze(&g).unwrap();
        // Every reported CE satisfies the CE constraints exactly.
        prop_assert!(check(&g, &r.correlated.welfare_max.distribution).is_ok());
        for ce in &r.correlated.best_for {
            prop_assert!(check(&g, &ce.distribution).is_ok());
        }
        let other = correlated::maximize(&g, &[q(wx), q(wy)]).unwrap();
        prop_assert!(check(&g, &other.distribution).is_ok());
        // ... and its payoff pair lies in the CE region; the region's support function is exact.
        let point = pt(other.payoffs[0].clone(), other.payoffs[1].clone());
        prop_assert!(contains(&r.correlated.region, &point), "{:?} not in {:?}", point, r.correlated.region);
        let best_in_region = r.correlated.region.iter().map(|v| q(wx) * &v.x + q(wy) * &v.y).max().unwrap();
        prop_assert_eq!(best_in_region, q(wx) * &point.x + q(wy) * &point.y);
        // Every Nash payoff is a CE payoff, individually rational, and feasible.
        let nash = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
        for e in &nash.equilibria {
            let (outcomes, truncated) = e.profile.outcomes(usize::MAX);
            prop_assert!(!truncated);
            let mut dist = vec![q(0); g.num_profiles()];
            for (prof, pr) in outcomes {
                dist[g.profile_index(&prof)] = pr;
            }
            prop_assert!(check(&g, &dist).is_ok());
            let np = pt(e.payoffs[0].clone(), e.payoffs[1].clone());
            prop_assert!(contains(&r.correlated.region, &np), "Nash {:?} not in CE region {:?}", np, r.correlated.region);
            prop_assert!(contains(&r.individually_rational, &np));
        }
        // The CE region lies inside the feasible set; the IR part and the Pareto vertices too.
        for v in r.correlated.region.iter().chain(&r.individually_rational).chain(&r.pareto) {
            prop_assert!(contains(&r.feasible, v), "{:?} outside {:?}", v, r.feasible);
        }
        // Mixed minmax never exceeds pure minmax.
        for mm in &r.minmax {
            prop_assert!(mm.mixed <= mm.pure);
        }
        // Component payoff sets: inside the CE region (they are Nash payoffs), holding the
        // payoffs of their extreme equilibria.
        for c in &r.components {
            for b in &c.boxes {
                for v in b.polygon() {
                    prop_assert!(contains(&r.correlated.region, &v), "{:?} outside {:?}", v, r.correlated.region);
                }
            }
            for &k in &c.equilibria {
                let p = &r.nash[k].payoffs;
                prop_assert!(c.boxes.iter().any(|b| b.x.0 <= p.x && p.x <= b.x.1 && b.y.0 <= p.y && p.y <= b.y.1));
            }
        }
    }
}

fn standoff() -> Command {
    let mut c = Command::cargo_bin("standoff").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn json_of(args: &[&str]) -> Value {
    let out = standoff().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn region_json_has_the_documented_keys() {
    let v = json_of(&["region", "models/mediated.toml", "--format", "json"]);
    let pts = |key: &str| v[key].clone();
    assert_eq!(pts("feasible"), serde_json::json!([["0", "0"], ["7", "2"], ["6", "6"], ["2", "7"]]));
    assert_eq!(pts("pareto"), serde_json::json!([["2", "7"], ["6", "6"], ["7", "2"]]));
    assert_eq!(pts("individually_rational"), serde_json::json!([["2", "2"], ["7", "2"], ["6", "6"], ["2", "7"]]));
    assert_eq!(v["minmax"][0]["mixed"], "2");
    assert_eq!(v["minmax"][1]["pure_punisher"], "Hold");
    assert_eq!(v["nash"].as_array().unwrap().len(), 3);
    let w = &v["correlated"]["welfare_max"];
    assert_eq!(w["payoffs"], serde_json::json!(["21/4", "21/4"]));
    assert_eq!(w["distribution"][0], serde_json::json!({"profile": ["Concede", "Concede"], "probability": "1/2"}));
    assert_eq!(w["needs_mediator"], true);
    assert_eq!(v["correlated"]["region"].as_array().unwrap().len(), 4);
}

#[test]
fn region_table_and_scenarios() {
    let out = standoff().args(["region", "models/mediated.toml", "--scenario", "costly_standoff"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Scenario: costly_standoff"), "{text}");
    assert!(text.contains("welfare-maximising"), "{text}");
    // Four players: a clear refusal, exit code 1. Three players with one profile: a point.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("four.nfg");
    std::fs::write(&f, "NFG 1 R \"four\" { \"A\" \"B\" \"C\" \"D\" } { 1 1 1 1 }\n0 0 0 0\n").unwrap();
    let out = standoff().args(["region", f.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("three-player"));
    let f = dir.path().join("three.nfg");
    std::fs::write(&f, "NFG 1 R \"three\" { \"A\" \"B\" \"C\" } { 1 1 1 }\n1 2 3\n").unwrap();
    let v = json_of(&["region", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["feasible"]["dimension"], 0);
    assert_eq!(v["feasible"]["vertices"], serde_json::json!([["1", "2", "3"]]));
}

#[test]
fn solve_method_correlated() {
    let v = json_of(&["solve", "models/mediated.toml", "--method", "correlated", "--format", "json"]);
    // One JSON contract: the same top level as every method, the distribution under `equilibria`.
    assert_eq!(v["method"], "correlated");
    for key in ["game", "exact", "complete", "scenario", "parameters", "equilibria", "components", "notes"] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert!(v.get("welfare_max").is_none());
    assert_eq!(v["equilibria"][0]["payoffs"], serde_json::json!(["21/4", "21/4"]));
    assert_eq!(v["equilibria"][0]["welfare"], "21/2");
    let out = standoff().args(["solve", "models/mediated.toml", "--method", "correlated"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Concede/Concede") && text.contains("1/2") && text.contains("mediator"), "{text}");
    for format in ["csv", "markdown"] {
        let out = standoff()
            .args(["solve", "models/mediated.toml", "--method", "correlated", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8(out.stdout).unwrap().contains("1/4"));
    }
    // The flagship model: the welfare-maximising CE is again a lottery over the three non-standoff outcomes.
    let v = json_of(&["solve", "models/standoff.toml", "--method", "correlated", "--format", "json"]);
    let dist = v["equilibria"][0]["distribution"].as_array().unwrap();
    assert!(dist.iter().all(|o| o["profile"] != serde_json::json!(["Hold", "Hold"])), "{dist:?}");
}

#[test]
fn region_json_snapshot() {
    let out = standoff().args(["region", "models/mediated.toml", "--format", "json"]).output().unwrap();
    insta::assert_snapshot!("region_mediated_json", String::from_utf8(out.stdout).unwrap());
}

/// The coalition tree's reduced strategic form (US 2 x DPRK 4 x China 4 strategies): the 3-D
/// feasible set, its projections, minmax values, Pareto vertices and pure Nash payoffs, exactly.
#[test]
fn coalition_three_player_region() {
    use standoff::analysis::hull3::Point3;
    use standoff::analysis::region::analyze3;
    let g = load(&model("models/coalition.toml"), &Settings::default()).unwrap().game;
    assert_eq!(g.shape(), vec![2, 4, 4]);
    let r = analyze3(&g).unwrap();
    let v = |x: Q, y: Q, z: Q| -> Point3 { [x, y, z] };
    // The distinct payoff vectors are the leaves: (5/2,-1,1) Engage-Freeze, (-1/2,-7,1) Engage-Hold-
    // Enforce, (-1,0,0) Engage-Hold-Shield, (5,-6,-1) Pressure-Enforce-Freeze, (-2,-7,-2)
    // Pressure-Enforce-Hold, (-2,0,0) Pressure-Shield. No leaf is a convex combination of the
    // others (each is the unique maximiser of some linear function), so all six are vertices.
    assert_eq!(
        r.hull.vertices,
        vec![
            v(q(-2), q(-7), q(-2)),
            v(q(-2), q(0), q(0)),
            v(q(-1), q(0), q(0)),
            v(frac(-1, 2), q(-7), q(1)),
            v(frac(5, 2), q(-1), q(1)),
            v(q(5), q(-6), q(-1)),
        ]
    );
    assert_eq!(r.hull.dimension, Some(3));
    // Euler's formula for the polytope, and every pure payoff vector on the inner side of every facet.
    let edges: usize = r.hull.facets.iter().map(|f| f.vertices.len()).sum::<usize>() / 2;
    assert_eq!(r.hull.vertices.len() + r.hull.facets.len(), edges + 2);
    for (_, p) in &r.pure_payoffs {
        assert!(r.hull.contains(p));
    }
    // Projections: counter-clockwise hulls of the projected leaves.
    assert_eq!(
        r.projections[2].polygon,
        vec![Point::new(q(-7), q(-2)), Point::new(q(0), q(0)), Point::new(q(-1), q(1)), Point::new(q(-7), q(1))]
    );
    // Pure minmax. US: the DPRK holding and China shielding after engagement gives -1, and
    // Pressure then meets Shield-or-Hold: max(-1, -2) = -1. DPRK: Pressure with China enforcing
    // holds it to max(-6, -7) = -6. China: Pressure with the DPRK freezing gives max(-1, 0) = 0.
    let pure: Vec<Q> = r.minmax.iter().map(|m| m.pure.clone()).collect();
    assert_eq!(pure, vec![q(-1), q(-6), q(0)]);
    for m in &r.minmax {
        assert!(m.correlated <= m.pure);
        let total: Q = m.correlated_punishers.iter().map(|(_, p)| p.clone()).sum();
        assert_eq!(total, q(1));
    }
    // Pareto-optimal vertices: the SPE outcome, the US's best and the DPRK's best.
    assert_eq!(r.pareto, vec![v(q(-1), q(0), q(0)), v(frac(5, 2), q(-1), q(1)), v(q(5), q(-6), q(-1))]);
    assert!(r.nash.iter().all(|n| n.payoffs == vec![frac(5, 2), q(-1), q(1)]));
    assert!(!r.nash.is_empty());
}

#[test]
fn region_three_players_json_and_table() {
    let v = json_of(&["region", "models/coalition.toml", "--format", "json"]);
    for key in ["feasible", "projections", "minmax", "pareto", "nash", "pure_profiles", "notes"] {
        assert!(!v[key].is_null(), "missing {key}");
    }
    assert_eq!(v["feasible"]["vertices"].as_array().unwrap().len(), 6);
    assert_eq!(v["feasible"]["facets"].as_array().unwrap().len(), 8);
    assert_eq!(v["projections"][0]["players"], serde_json::json!(["US", "DPRK"]));
    assert_eq!(v["minmax"][1]["pure"], "-6");
    assert_eq!(v["minmax"][1]["pure_punishers"], serde_json::json!(["Pressure", "Enforce/Enforce"]));
    let out = standoff().args(["region", "models/coalition.toml"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in ["a polytope with 6 vertices and 8 facets", "Pairwise projections", "correlated", "Pareto-optimal"] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
}

/// Offer first with half the package up front: one component of equilibria (the DPRK mixing
/// 4/9 Comply while the US offers, holds or mixes) whose payoffs form two segments.
#[test]
fn component_payoff_sets_in_region_output() {
    let v = json_of(&["region", "models/offer_first.toml", "--scenario", "generous_upfront", "--format", "json"]);
    let c = &v["components"];
    assert_eq!(c.as_array().unwrap().len(), 1);
    assert_eq!(c[0]["equilibria"], serde_json::json!([0, 1, 2, 3]));
    let sets = c[0]["payoff_sets"].as_array().unwrap();
    assert!(sets.contains(&serde_json::json!({
        "kind": "segment", "x": ["0", "5/2"], "y": ["2", "2"], "polygon": [["0", "2"], ["5/2", "2"]]
    })));
    assert!(sets.contains(&serde_json::json!({
        "kind": "segment", "x": ["0", "0"], "y": ["0", "2"], "polygon": [["0", "0"], ["0", "2"]]
    })));
    let out =
        standoff().args(["region", "models/offer_first.toml", "--scenario", "generous_upfront"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("segment [0, 5/2] x 2"), "{text}");
    // Isolated equilibria make no components.
    let v = json_of(&["region", "models/mediated.toml", "--format", "json"]);
    assert_eq!(v["components"], serde_json::json!([]));
}

#[test]
fn certified_region_equals_the_reference_on_random_6x6_to_8x8_games() {
    // The fast path (float gift-wrapping, certified bases, modular solves) against one exact LP per
    // direction, vertex for vertex, on games of the sizes where the long fractions start
    // (payoffs 0..99, fixed seeds).
    let mut seed = 20261207u64;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) % 100) as i64
    };
    for (m, n) in [(6, 6), (6, 6), (7, 6), (7, 7), (8, 8)] {
        let a: Vec<i64> = (0..m * n).map(|_| next()).collect();
        let b: Vec<i64> = (0..m * n).map(|_| next()).collect();
        let g = game(m, n, &a, &b);
        let fast = payoff_region(&g).unwrap();
        assert!(fast.len() >= 3, "{m}x{n}: {fast:?}");
        assert_eq!(fast, correlated::payoff_region_reference(&g).unwrap(), "{m}x{n} a={a:?} b={b:?}");
    }
}

/// Three-player regions show mixed Nash payoffs. "Cyclic pennies" (see tests/textbook_trees.rs
/// for the derivation): P1 matches P2 (2 for H-H, 1 for T-T), P2 mismatches P3 (3 for H-T, 1 for
/// T-H), P3 matches P1 (1 for H-H, 4 for T-T). No pure equilibrium; the only one is P(H) = 4/5,
/// 1/3, 3/4 for P1, P2, P3, paying (2/3, 3/4, 4/5), exact.
#[test]
fn region_three_players_shows_mixed_nash_payoffs() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cyclic.nfg");
    std::fs::write(
        &f,
        "NFG 1 R \"cyclic pennies\" { \"P1\" \"P2\" \"P3\" } { 2 2 2 }\n2 0 1 0 0 0 0 1 1 1 1 0 2 3 0 0 3 4 0 0 0 1 0 4\n",
    )
    .unwrap();
    let v = json_of(&["region", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["nash"], serde_json::json!([]));
    assert_eq!(v["mixed_nash"].as_array().unwrap().len(), 1, "{}", v["mixed_nash"]);
    let m = &v["mixed_nash"][0];
    assert_eq!(m["payoffs"], serde_json::json!(["2/3", "3/4", "4/5"]));
    assert_eq!(m["profile"], serde_json::json!([["4/5", "1/5"], ["1/3", "2/3"], ["3/4", "1/4"]]));
    assert_eq!(m["exact"], true);
    assert_eq!(m["max_regret"], "0");
    assert!(v["mixed_nash_note"].is_null(), "{}", v["mixed_nash_note"]);
    let out = standoff().args(["region", f.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Mixed Nash equilibrium payoffs (enumpoly):\n  (2/3, 3/4, 4/5) (exact)"), "{text}");
}
