//! Equilibria of N-player games (`--method logit`: the limit of the logit QRE branch, polished
//! and certified) and logit QRE, against Gambit's answers and closed forms derived by hand.

mod common;

use common::{flat, one_billionth, reference_dir, reference_game, standoff_bin};
use num_traits::{One, ToPrimitive, Zero};
use serde_json::Value;
use standoff::model::{load, Settings};
use standoff::num::{parse_q, to_f64, Q};
use standoff::solve::logit::{qre_at, LogitSolver};
use standoff::solve::{solve, SolveOptions, Solver};
use standoff::NormalForm;
use std::path::Path;

fn model(name: &str, set: &[(&str, &str)]) -> NormalForm {
    let settings =
        Settings { scenario: None, set: set.iter().map(|(k, v)| (k.to_string(), parse_q(v).unwrap())).collect() };
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models").join(name), &settings).unwrap().game
}

/// Wherever Gambit's `simpdiv` or `logit` found an equilibrium of a strategic-form game, ours
/// finds one too, with a max regret (recomputed here, exactly) of at most 1e-9 or exactly 0;
/// where Gambit's `simpdiv` answer is an exact equilibrium, ours is exact as well.
#[test]
fn logit_finds_a_certified_equilibrium_wherever_gambit_did() {
    let text = std::fs::read_to_string(reference_dir().join("gambit-results.json")).unwrap();
    let reference: Value = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    for (name, entry) in reference["games"].as_object().unwrap() {
        if !name.ends_with(".nfg") {
            continue;
        }
        let found = |s: &str| {
            let r = &entry["solvers"][s];
            r["status"] == "ok" && r["equilibria"].as_array().is_some_and(|e| !e.is_empty())
        };
        if !found("simpdiv") && !found("logit") {
            continue;
        }
        let game = reference_game(name);
        let sol = solve(&game, standoff::solve::Method::Logit, &SolveOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sol.equilibria.len(), 1, "{name}");
        let regret = game.max_regret(&sol.equilibria[0].profile);
        assert!(regret <= one_billionth(), "{name}: regret {}", to_f64(&regret));
        assert_eq!(sol.exact, regret.is_zero(), "{name}");
        let gambit_exact = entry["solvers"]["simpdiv"]["equilibria"]
            .as_array()
            .is_some_and(|e| !e.is_empty() && e.iter().all(|x| x["max_regret"] == "0"));
        if gambit_exact {
            assert!(regret.is_zero(), "{name}: Gambit's simpdiv answer is exact, ours has regret {}", to_f64(&regret));
        }
        checked += 1;
    }
    assert!(checked >= 11, "only {checked} games checked");
}

/// Every two-player game of the corpus: the logit limit is an equilibrium (regret <= 1e-9).
#[test]
fn logit_on_every_two_player_reference_game() {
    let mut checked = 0;
    for f in std::fs::read_dir(reference_dir().join("games")).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_none_or(|e| e != "nfg") {
            continue;
        }
        let game = load(&f, &Settings::default()).unwrap().game;
        if game.num_players() != 2 {
            continue;
        }
        let sol = LogitSolver.run(&game, &SolveOptions::default()).unwrap();
        assert!(game.max_regret(&sol.equilibria[0].profile) <= one_billionth(), "{}", f.display());
        checked += 1;
    }
    assert!(checked >= 25);
}

/// Nau, Gomez Canovas and Hansen (2004), section 4: a 2x2x2 game whose only Nash equilibrium
/// is irrational. With p = P(Top), q = P(Left), r = P(1) and the payoffs of the file:
///
/// - Player 1: u(Top) = 3qr + q(1-r) = q + 2qr, u(Bottom) = r(1-q) + 2(1-q)(1-r) = (1-q)(2-r);
///   indifference gives q = (2-r)/(3+r).
/// - Player 2: u(Left) = (1-p)r + 3(1-p)(1-r) = (1-p)(3-2r), u(Right) = 2pr + p(1-r) = p(1+r);
///   indifference gives p = (3-2r)/(4-r).
/// - Player 3: u(1) = 2pq, u(2) = 3(1-p)(1-q). With 1-p = (1+r)/(4-r), 1-q = (1+2r)/(3+r),
///   indifference is 2(3-2r)(2-r) = 3(1+r)(1+2r), i.e. 2r^2 + 23r - 9 = 0, so
///   r = (sqrt(601) - 23)/4 ≈ 0.378825, p ≈ 0.619233, q ≈ 0.479804.
///
/// No rational profile is an equilibrium, so ours must be an ε-equilibrium (not exact) with a
/// proven tiny regret, within 1e-12 of the closed form.
#[test]
fn irrational_2x2x2_equilibrium_matches_its_closed_form() {
    let game = reference_game("catalog_journals_ijgt_nau2004_sec4.nfg");
    let sol = solve(&game, standoff::solve::Method::Logit, &SolveOptions::default()).unwrap();
    assert!(!sol.exact);
    let eq = &sol.equilibria[0];
    let regret = game.max_regret(&eq.profile);
    assert!(!regret.is_zero());
    assert!(regret <= parse_q("1e-14").unwrap(), "regret {}", to_f64(&regret));
    let r = (601f64.sqrt() - 23.0) / 4.0;
    let p = (3.0 - 2.0 * r) / (4.0 - r);
    let q = (2.0 - r) / (3.0 + r);
    let got: Vec<f64> = eq.profile.probs.iter().map(|x| to_f64(&x[0])).collect();
    for (g, want) in got.iter().zip([p, q, r]) {
        assert!((g - want).abs() < 1e-12, "{got:?} vs {:?}", [p, q, r]);
    }
    // The rounded profile really is rational and sums to one per player.
    for probs in &eq.profile.probs {
        assert_eq!(probs.iter().sum::<Q>(), Q::from_integer(1.into()));
    }
}

/// λ = 0 is uniform play, for any number of players.
#[test]
fn qre_at_lambda_zero_is_uniform() {
    let game = reference_game("contrib_games_5x4x3.nfg");
    let pts = qre_at(&game, &[0.0]).unwrap();
    for probs in &pts[0].profile {
        for &x in probs {
            assert!((x - 1.0 / probs.len() as f64).abs() < 1e-12);
        }
    }
}

/// Matching pennies (+1 to the matcher, -1 to the other): by symmetry of the logit fixed point
/// p = 1/(1+exp(-λ·2(2q-1))), q = 1/(1+exp(-λ·2(1-2p))), the only solution is p = q = 1/2 at
/// every λ (if p > 1/2 then q < 1/2, then p < 1/2: contradiction).
#[test]
fn matching_pennies_qre_is_uniform_at_every_lambda() {
    let path = std::env::temp_dir().join(format!("pennies-{}.nfg", std::process::id()));
    std::fs::write(&path, "NFG 1 R \"pennies\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n").unwrap();
    let game = load(&path, &Settings::default()).unwrap().game;
    let _ = std::fs::remove_file(&path);
    let pts = qre_at(&game, &[0.0, 0.5, 2.0, 10.0, 100.0]).unwrap();
    assert_eq!(pts.len(), 5);
    for pt in pts {
        for probs in &pt.profile {
            assert!((probs[0] - 0.5).abs() < 1e-9, "λ = {}: {probs:?}", pt.lambda);
        }
    }
}

/// The 2x2 standoff (models/standoff.toml, defaults). With p = P(US concedes) and
/// q = P(DPRK concedes): US values Concede 3q + (1-q) = 1 + 2q, Hold 5q, so the US's
/// logit odds are ln(p/(1-p)) = λ(1 - 3q); DPRK values Concede 2p + (1-p) = 1 + p,
/// Hold 4p - (1-p) = 5p - 1, so ln(q/(1-q)) = λ(2 - 4p). Each QRE the tracer returns must
/// satisfy both identities; the branch's limit is one of the game's (exact) Nash equilibria.
#[test]
fn standoff_qre_satisfies_the_closed_form_and_ends_at_a_nash_equilibrium() {
    let game = model("standoff.toml", &[]);
    let lambdas = [0.0, 0.1, 0.5, 1.0, 3.0, 10.0];
    for pt in qre_at(&game, &lambdas).unwrap() {
        let (p, q) = (pt.profile[0][0], pt.profile[1][0]);
        let l = pt.lambda;
        // In the logistic form p = 1/(1 + exp(-λ(1 - 3q))), which is well conditioned near 0 and 1.
        let logistic = |z: f64| 1.0 / (1.0 + (-z).exp());
        assert!((p - logistic(l * (1.0 - 3.0 * q))).abs() < 1e-10, "λ={l} p={p} q={q}");
        assert!((q - logistic(l * (2.0 - 4.0 * p))).abs() < 1e-10, "λ={l} p={p} q={q}");
    }
    let limit = solve(&game, standoff::solve::Method::Logit, &SolveOptions::default()).unwrap();
    assert!(limit.exact);
    let all = solve(&game, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
    assert!(all.equilibria.contains(&limit.equilibria[0]));
    // At large λ the QRE is close to that limit.
    let far = qre_at(&game, &[1000.0]).unwrap();
    let target = limit.equilibria[0].profile.probs[0][0].to_f64().unwrap();
    assert!((far[0].profile[0][0] - target).abs() < 1e-2);
}

/// `standoff qre`: JSON points at the requested λ, the exact limit, a fit, and the chart in
/// both formats.
#[test]
fn qre_command_reports_points_limit_fit_and_chart() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("qre.svg");
    let png = dir.path().join("qre.png");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = standoff_bin()
        .current_dir(root)
        .args(["qre", "models/standoff.toml", "--lambda", "0", "--lambda", "1", "--format", "json"])
        .args(["--fit", "0.4,0.6;0.7,0.3", "--plot"])
        .arg(&svg)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["points"].as_array().unwrap().len(), 2);
    assert_eq!(v["points"][0]["profile"][0][0], 0.5);
    assert_eq!(v["limit"]["exact"], true);
    assert_eq!(v["limit"]["max_regret"], "0");
    assert_eq!(v["limit"]["profile"], serde_json::json!([["0", "1"], ["1", "0"]]));
    assert!(v["fit"]["lambda"].as_f64().unwrap() > 0.0);
    assert!(std::fs::read_to_string(&svg).unwrap().contains("DPRK"));
    standoff_bin().current_dir(root).args(["qre", "models/standoff.toml", "--plot"]).arg(&png).assert().success();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let csv = standoff_bin()
        .current_dir(root)
        .args(["qre", "models/standoff.toml", "--lambda", "2", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("lambda,US:Concede,US:Hold,DPRK:Concede,DPRK:Hold\n2,"));
    // Trees are refused with a pointer to `convert`.
    standoff_bin().current_dir(root).args(["qre", "models/offer_first.toml"]).assert().code(2);
}

/// `standoff solve --method logit` on a 3-player file: table shows the proven bound, JSON says
/// `"exact": false` with the regret as a fraction.
#[test]
fn solve_logit_reports_epsilon_equilibria_honestly() {
    let f = reference_dir().join("games/catalog_journals_ijgt_nau2004_sec4.nfg");
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "logit", "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["exact"], false);
    assert_eq!(v["equilibria"][0]["exact"], false);
    let regret = parse_q(v["equilibria"][0]["max_regret"].as_str().unwrap()).unwrap();
    assert!(regret > Q::zero() && regret <= one_billionth());
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "logit"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("ε-equilibrium: max regret ≤"), "{text}");
    assert!(text.contains("Top 0.6192"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// `--method enumpoly`: all equilibria of small N-player games.

fn enumpoly(game: &NormalForm) -> standoff::solve::Solution {
    solve(game, standoff::solve::Method::EnumPoly, &SolveOptions::default()).unwrap()
}

/// A JSON number or exact-fraction string as a float.
fn json_number(x: &Value) -> f64 {
    x.as_f64().unwrap_or_else(|| to_f64(&parse_q(x.as_str().unwrap()).unwrap()))
}

fn near(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

/// The reference corpus' 3+ player games (the 5x4x3 one is left out: minutes in a debug build): enumpoly's pure equilibria are exactly Gambit's `enumpure` ones (and ours),
/// every equilibrium Gambit's `simpdiv` or `logit` found (with regret at most 1e-6) is within 1e-6 of one of ours, every
/// one of ours has exact regret 0 or a proven regret of at most 1e-9, and where Gambit's
/// `simpdiv` answer is exact ours is exact too.
#[test]
fn enumpoly_on_the_reference_corpus_n_player_games() {
    let text = std::fs::read_to_string(reference_dir().join("gambit-results.json")).unwrap();
    let reference: Value = serde_json::from_str(&text).unwrap();
    let names = [
        "catalog_journals_ijgt_nau2004_sec4.nfg",
        "catalog_journals_ijgt_nau2004_sec5.nfg",
        "catalog_journals_ijgt_nau2004_sec6.nfg",
        "contrib_games_2x2x2.nfg",
        "contrib_games_3x3x3.nfg",
        "contrib_games_2x2x2x2x2.nfg",
    ];
    for name in names {
        let game = reference_game(name);
        let sol = enumpoly(&game);
        let entry = &reference["games"][name]["solvers"];
        // Pure equilibria: same count as Gambit, same set as `pure`.
        let ours: Vec<Vec<usize>> = sol.equilibria.iter().filter_map(|e| e.profile.as_pure()).collect();
        assert_eq!(ours.len(), entry["enumpure"]["num_equilibria"].as_u64().unwrap() as usize, "{name}");
        let pure = solve(&game, standoff::solve::Method::Pure, &SolveOptions::default()).unwrap();
        let mut theirs: Vec<Vec<usize>> = pure.equilibria.iter().map(|e| e.profile.as_pure().unwrap()).collect();
        let mut ours_sorted = ours.clone();
        ours_sorted.sort();
        theirs.sort();
        assert_eq!(ours_sorted, theirs, "{name}");
        for e in &sol.equilibria {
            let r = game.max_regret(&e.profile);
            assert!(r <= one_billionth(), "{name}: regret {}", to_f64(&r));
        }
        for s in ["simpdiv", "logit"] {
            for eq in entry[s]["equilibria"].as_array().into_iter().flatten() {
                // Gambit's logit answer for contrib 2x2x2 has regret 0.21: not an equilibrium.
                if eq["max_regret_float"].as_f64().unwrap() > 1e-6 {
                    continue;
                }
                let g: Vec<f64> = eq["profile"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|p| p.as_array().unwrap().iter().map(json_number))
                    .collect();
                let close = sol.equilibria.iter().any(|e| near(&flat(&e.profile), &g, 1e-6));
                // Gambit's logit stops at regret ~1e-8, so its profile can be off by ~1e-7.
                let close = close || sol.equilibria.iter().any(|e| near(&flat(&e.profile), &g, 1e-4));
                // nau2004 sec5/sec6 have continua of equilibria: Gambit's point lies on one of
                // them. sec6's is a segment listed by its two exact ends (Gambit's point lies
                // between two listed equilibria); sec5 has one we report by one verified point.
                let on_segment = sol.equilibria.iter().any(|a| {
                    sol.equilibria.iter().any(|b| {
                        let (a, b) = (flat(&a.profile), flat(&b.profile));
                        let d: Vec<f64> = a.iter().zip(&b).map(|(x, y)| y - x).collect();
                        let dd: f64 = d.iter().map(|v| v * v).sum();
                        if dd == 0.0 {
                            return false;
                        }
                        let t = (g.iter().zip(&a).zip(&d).map(|((gv, av), dv)| (gv - av) * dv).sum::<f64>() / dd)
                            .clamp(0.0, 1.0);
                        let p: Vec<f64> = a.iter().zip(&d).map(|(av, dv)| av + t * dv).collect();
                        near(&p, &g, 1e-6)
                    })
                });
                let continuum = sol.notes.iter().any(|n| n.contains("not resolved"));
                assert!(close || on_segment || continuum, "{name}: Gambit's {s} equilibrium {g:?} is not among ours");
                // A point inside sec6's segment is exact as a mixture of its exact ends.
                if s == "simpdiv" && eq["max_regret"] == "0" && !continuum && close {
                    assert!(
                        sol.equilibria
                            .iter()
                            .any(|e| near(&flat(&e.profile), &g, 1e-9) && game.max_regret(&e.profile).is_zero()),
                        "{name}: Gambit's exact answer should be exact here"
                    );
                }
            }
        }
        // sec5 has a continuum on a nonlinear support (unresolved); sec6's is linear, listed exactly.
        let continuum = name.contains("sec5");
        assert_eq!(sol.complete, !continuum, "{name}: {:?}", sol.notes);
    }
}

/// Nau, Gomez Canovas and Hansen (2004), section 4: a 2x2x2 game with a unique equilibrium, in
/// irrational strategies. With x = P(Top), y = P(Left), z = P(1), the payoffs give
///   player 3 indifferent: 2xy = 3(1−x)(1−y)             ⇒ y = 3(1−x)/(3−x),
///   player 2 indifferent: (1−x)(3−2z) = x(1+z)           ⇒ z = (3−4x)/(2−x),
///   player 1 indifferent: y + 2yz = (1−y)(2−z)           ⇒ 3y + yz + z − 2 = 0;
/// substituting and multiplying by (3−x)(2−x): 23x² − 53x + 24 = 0, so
/// x = (53 − √601)/46 ≈ 0.6192326 (the other root is above 1), irreducible since 601 is prime.
#[test]
fn enumpoly_gives_the_minimal_polynomial_of_the_irrational_2x2x2_equilibrium() {
    let game = reference_game("catalog_journals_ijgt_nau2004_sec4.nfg");
    let sol = enumpoly(&game);
    assert_eq!(sol.equilibria.len(), 1);
    assert!(!sol.exact && sol.complete);
    let x = (53.0 - 601f64.sqrt()) / 46.0;
    let p = flat(&sol.equilibria[0].profile);
    assert!((p[0] - x).abs() < 1e-12, "{p:?}");
    let note = sol.notes.iter().find(|n| n.starts_with("equilibrium 1: irrational")).unwrap();
    assert!(
        note.contains("Player 1's probability of Top is the root of 23x² − 53x + 24 in [0.619232, 0.619233]"),
        "{note}"
    );
    let regret = game.max_regret(&sol.equilibria[0].profile);
    assert!(!regret.is_zero() && regret <= one_billionth());
}

/// A game with a continuum: player 3's payoff is always 0 (any mix is a best response) and
/// players 1 and 2 play matching pennies whatever player 3 does. The equilibria are
/// (1/2, 1/2, any z). The support system is linear once players 1 and 2's indifference has
/// fixed each other's mix at 1/2 (player 3's equation is 0 = 0), so the segment is listed exactly
/// by its ends z = 0 and z = 1, with a note, and the answer is complete.
#[test]
fn enumpoly_reports_a_continuum() {
    let s = || vec!["a".to_string(), "b".to_string()];
    let players = (1..=3).map(|i| standoff::Player { name: format!("P{i}"), strategies: s() }).collect();
    let game = NormalForm::new("continuum", players, |p| {
        let win = if p[0] == p[1] { 1 } else { -1 };
        vec![Q::from_integer(win.into()), Q::from_integer((-win).into()), Q::zero()]
    })
    .unwrap();
    let sol = enumpoly(&game);
    assert!(sol.complete && sol.exact, "{:?}", sol.notes);
    assert!(
        sol.notes.iter().any(|n| n.contains("{a,b} × {a,b} × {a,b}") && n.contains("convex set of dimension 1")),
        "{:?}",
        sol.notes
    );
    let mut third: Vec<Vec<Q>> = sol.equilibria.iter().map(|e| e.profile.probs[2].clone()).collect();
    third.sort();
    assert_eq!(third, [vec![Q::zero(), Q::one()], vec![Q::one(), Q::zero()]]);
    for e in &sol.equilibria {
        assert!(game.max_regret(&e.profile).is_zero());
        assert_eq!(e.profile.probs[0], vec![parse_q("1/2").unwrap(), parse_q("1/2").unwrap()]);
    }
}

/// Random 2x2x2 and 3x2x2 games: enumpoly's pure equilibria are `pure`'s, and the equilibrium
/// the logit solver finds is among enumpoly's.
#[test]
fn enumpoly_contains_logit_and_pure_on_random_games() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 2001) as i64 - 1000
    };
    for case in 0..12 {
        let shape = if case % 2 == 0 { [2, 2, 2] } else { [3, 2, 2] };
        let players = (0..3)
            .map(|i| standoff::Player {
                name: format!("P{}", i + 1),
                strategies: (0..shape[i]).map(|j| format!("s{j}")).collect(),
            })
            .collect();
        let n: usize = shape.iter().product::<usize>() * 3;
        let flat_payoffs: Vec<Q> = (0..n).map(|_| Q::from_integer(next().into())).collect();
        let game = NormalForm::from_flat("random", players, flat_payoffs).unwrap();
        let sol = enumpoly(&game);
        let mut ours: Vec<Vec<usize>> = sol.equilibria.iter().filter_map(|e| e.profile.as_pure()).collect();
        let pure = solve(&game, standoff::solve::Method::Pure, &SolveOptions::default()).unwrap();
        let mut theirs: Vec<Vec<usize>> = pure.equilibria.iter().map(|e| e.profile.as_pure().unwrap()).collect();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs, "case {case}");
        if let Ok(l) = solve(&game, standoff::solve::Method::Logit, &SolveOptions::default()) {
            let lp = flat(&l.equilibria[0].profile);
            let continuum = sol.notes.iter().any(|n| n.contains("not resolved"));
            assert!(
                continuum || sol.equilibria.iter().any(|e| near(&flat(&e.profile), &lp, 1e-6)),
                "case {case}: logit's {lp:?} not among {:?} ({:?})",
                sol.equilibria.iter().map(|e| flat(&e.profile)).collect::<Vec<_>>(),
                sol.notes
            );
        }
    }
}

/// Pruning (conditional dominance, early infeasibility of overdetermined subsystems) keeps every
/// equilibrium: on random 3x3x3 games (payoffs 0..99, splitmix64 seeds 1-4, as the benchmarks)
/// every equilibrium of the unpruned search is among the pruned search's, and the pure ones are
/// exactly `pure`'s.
#[test]
fn enumpoly_pruning_keeps_every_equilibrium_on_random_3x3x3_games() {
    for seed in 1u64..=4 {
        let mut state = seed;
        let mut below = move |bound: u64| {
            let zone = u64::MAX - u64::MAX % bound;
            loop {
                state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                let x = z ^ (z >> 31);
                if x < zone {
                    return x % bound;
                }
            }
        };
        let players = (0..3)
            .map(|i| standoff::Player {
                name: format!("{}", i + 1),
                strategies: (1..=3).map(|j| format!("s{j}")).collect(),
            })
            .collect();
        let payoffs: Vec<Q> = (0..81).map(|_| Q::from_integer((below(100) as i64).into())).collect();
        let game = NormalForm::from_flat("random", players, payoffs).unwrap();
        let pruned = enumpoly(&game);
        let unpruned = standoff::solve::enumpoly::solve_unpruned(&game).unwrap();
        for e in &unpruned.equilibria {
            let p = flat(&e.profile);
            assert!(
                pruned.equilibria.iter().any(|f| near(&flat(&f.profile), &p, 1e-7)),
                "seed {seed}: {p:?} lost by pruning ({:?})",
                pruned.notes
            );
        }
        for e in &pruned.equilibria {
            assert!(game.max_regret(&e.profile) <= one_billionth() * Q::from_integer(99.into()), "seed {seed}");
        }
        let mut ours: Vec<Vec<usize>> = pruned.equilibria.iter().filter_map(|e| e.profile.as_pure()).collect();
        let pure = solve(&game, standoff::solve::Method::Pure, &SolveOptions::default()).unwrap();
        let mut theirs: Vec<Vec<usize>> = pure.equilibria.iter().map(|e| e.profile.as_pure().unwrap()).collect();
        ours.sort();
        theirs.sort();
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

/// The algebraic form of the irrational 2x2x2 equilibrium is in the JSON (see the closed form
/// derived above): `"algebraic": {"player", "strategy", "poly", "coefficients", "interval"}`.
#[test]
fn enumpoly_json_has_the_algebraic_form() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/reference/games/catalog_journals_ijgt_nau2004_sec4.nfg");
    let out = assert_cmd::Command::cargo_bin("standoff")
        .unwrap()
        .args(["solve", path.to_str().unwrap(), "--method", "enumpoly", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &v["equilibria"][0];
    assert_eq!(e["exact"], false);
    let a = &e["algebraic"];
    assert_eq!(a["player"], "Player 1");
    assert_eq!(a["strategy"], "Top");
    assert_eq!(a["poly"], "23*x^2 - 53*x + 24");
    assert_eq!(a["coefficients"], serde_json::json!(["24", "-53", "23"]));
    assert_eq!(a["interval"], serde_json::json!(["0.619232", "0.619233"]));
}
