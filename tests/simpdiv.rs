//! `--method simpdiv`: simplicial subdivision on a refining grid (van der Laan, Talman and van
//! der Heyden's restart algorithm, as Gambit's `simpdiv`), polished and certified; and `auto`'s
//! fallback to it for N-player games too large for `enumpoly`.

mod common;

use common::{check_certified, flat, one_billionth, random_game, reference_dir, reference_game, standoff_bin};
use num_traits::Zero;
use serde_json::Value;
use standoff::model::{load, Settings};
use standoff::num::{parse_q, to_f64, Q};
use standoff::solve::{solve, Method, Solution, SolveOptions};
use standoff::NormalForm;

fn simpdiv(game: &NormalForm) -> Solution {
    solve(game, Method::SimpDiv, &SolveOptions::default()).unwrap()
}

/// Checks the one equilibrium simpdiv reports ([`check_certified`]: max regret recomputed
/// exactly here is 0 or at most 1e-9, `exact` says which, a pure answer is one of `pure`'s).
fn check_answer(name: &str, game: &NormalForm, sol: &Solution) -> Q {
    assert_eq!(sol.method, Method::SimpDiv, "{name}");
    assert_eq!(sol.equilibria.len(), 1, "{name}");
    assert!(!sol.complete, "{name}");
    check_certified(name, game, sol).remove(0)
}

/// Wherever Gambit's `simpdiv` or `logit` found an equilibrium of an N-player game of the
/// reference corpus, ours finds one, with exact max regret 0 or at most 1e-9; where Gambit's
/// `simpdiv` answer is exact, ours is exact too; pure answers are `pure`'s (Gambit's
/// `enumpure`'s, which `tests/nplayer.rs` pins).
#[test]
fn simpdiv_finds_a_certified_equilibrium_wherever_gambit_did() {
    let text = std::fs::read_to_string(reference_dir().join("gambit-results.json")).unwrap();
    let reference: Value = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
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
        let game = reference_game(name);
        let sol = simpdiv(&game);
        let regret = check_answer(name, &game, &sol);
        let gambit_exact = entry["solvers"]["simpdiv"]["equilibria"]
            .as_array()
            .is_some_and(|e| !e.is_empty() && e.iter().all(|x| x["max_regret"] == "0"));
        if gambit_exact {
            assert!(regret.is_zero(), "{name}: Gambit's simpdiv answer is exact, ours has regret {}", to_f64(&regret));
        }
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} games checked");
}

/// Every tree of the corpus with three or more players, through its reduced strategic form.
#[test]
fn simpdiv_on_n_player_trees_through_the_reduced_form() {
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
        check_answer(&f.display().to_string(), &game, &simpdiv(&game));
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} trees checked");
}

/// Nau, Gomez Canovas and Hansen (2004), section 4: the unique equilibrium is irrational,
/// r = (√601 − 23)/4, p = (3 − 2r)/(4 − r), q = (2 − r)/(3 + r) (derived in tests/nplayer.rs).
/// Simplicial subdivision converges to it; the answer is an ε-equilibrium (never "exact") with
/// a proven tiny regret, within 1e-12 of the closed form.
#[test]
fn simpdiv_converges_to_the_irrational_2x2x2_equilibrium() {
    let game = reference_game("catalog_journals_ijgt_nau2004_sec4.nfg");
    let sol = simpdiv(&game);
    assert!(!sol.exact);
    let regret = check_answer("nau2004 sec4", &game, &sol);
    assert!(!regret.is_zero());
    assert!(regret <= parse_q("1e-14").unwrap(), "regret {}", to_f64(&regret));
    let r = (601f64.sqrt() - 23.0) / 4.0;
    let p = (3.0 - 2.0 * r) / (4.0 - r);
    let q = (2.0 - r) / (3.0 + r);
    let got: Vec<f64> = sol.equilibria[0].profile.probs.iter().map(|x| to_f64(&x[0])).collect();
    for (g, want) in got.iter().zip([p, q, r]) {
        assert!((g - want).abs() < 1e-12, "{got:?} vs {:?}", [p, q, r]);
    }
    assert!(sol.notes.iter().any(|n| n.contains("grid refinements")), "{:?}", sol.notes);
}

/// Two-player games of the corpus: the answer is an equilibrium, and where it is exact it
/// agrees with exact vertex enumeration (`enum`, complete): it is one of enum's extreme
/// equilibria, or it lies in one of enum's convex sets: its supports are covered by the
/// supports of that set's extreme strategies and its payoffs lie between the set's extreme
/// payoffs.
#[test]
fn simpdiv_agrees_with_enum_on_two_player_games() {
    let (mut checked, mut exact) = (0, 0);
    for f in std::fs::read_dir(reference_dir().join("games")).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_none_or(|e| e != "nfg") {
            continue;
        }
        let game = load(&f, &Settings::default()).unwrap().game;
        if game.num_players() != 2 {
            continue;
        }
        let name = f.display().to_string();
        let sol = simpdiv(&game);
        check_answer(&name, &game, &sol);
        checked += 1;
        if !sol.exact {
            continue;
        }
        exact += 1;
        let all = solve(&game, Method::Enum, &SolveOptions::default()).unwrap();
        let eq = &sol.equilibria[0];
        if all.equilibria.contains(eq) {
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
    assert!(checked >= 25, "only {checked} games");
    assert!(exact * 10 >= checked * 9, "only {exact} of {checked} exact");
}

/// Random 3x3x3, 4x4x4, 2^6 and 3x2x2x2 games: always a certified equilibrium.
#[test]
fn simpdiv_certifies_random_n_player_games() {
    for seed in 1..=4 {
        for shape in [&[3, 3, 3][..], &[4, 4, 4], &[2, 2, 2, 2, 2, 2], &[3, 2, 2, 2]] {
            let game = random_game(shape, seed, -100, 100);
            check_answer(&format!("{shape:?} seed {seed}"), &game, &simpdiv(&game));
        }
    }
}

/// On small random games the equilibrium found is one of enumpoly's (all equilibria).
#[test]
fn simpdiv_answer_is_among_enumpolys_on_random_2x2x2_games() {
    for seed in 11..=20 {
        let game = random_game(&[2, 2, 2], seed, -100, 100);
        let all = solve(&game, Method::EnumPoly, &SolveOptions::default()).unwrap();
        if all.notes.iter().any(|n| n.contains("not resolved")) {
            continue;
        }
        let sol = simpdiv(&game);
        let p = flat(&sol.equilibria[0].profile);
        assert!(
            all.equilibria.iter().any(|e| flat(&e.profile).iter().zip(&p).all(|(a, b)| (a - b).abs() < 1e-9)),
            "seed {seed}: {p:?} not among enumpoly's"
        );
    }
}

/// The same game gives the same answer (deterministic).
#[test]
fn simpdiv_is_deterministic() {
    let game = random_game(&[3, 3, 3], 7, -100, 100);
    assert_eq!(simpdiv(&game), simpdiv(&game));
}

/// The command line: `--method simpdiv` on the irrational 2x2x2 game reports an honest
/// ε-equilibrium in JSON; `auto` on games too large for enumpoly lists the pure equilibria
/// (3x3x3), or runs simpdiv when there is none (5x4x3) and says so in the method line; a tiny `--max-work` is refused naming the flag.
#[test]
fn cli_simpdiv_and_auto_fallback() {
    let f = reference_dir().join("games/catalog_journals_ijgt_nau2004_sec4.nfg");
    let out = standoff_bin().arg("solve").arg(&f).args(["--method", "simpdiv", "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["method"], "simpdiv");
    assert_eq!(v["exact"], false);
    let regret = parse_q(v["equilibria"][0]["max_regret"].as_str().unwrap()).unwrap();
    assert!(regret > Q::zero() && regret <= one_billionth());

    // 3x3x3 is too large for enumpoly but has pure equilibria: auto lists them all, as `pure`.
    let f = reference_dir().join("games/contrib_games_3x3x3.nfg");
    let out = standoff_bin().arg("solve").arg(&f).args(["--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["method"], "pure");
    assert_eq!(v["equilibria"].as_array().unwrap().len(), 2);
    // 5x4x3 has no pure equilibrium: auto falls back to one mixed equilibrium by simpdiv.
    let f = reference_dir().join("games/contrib_games_5x4x3.nfg");
    let out = standoff_bin().arg("solve").arg(&f).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains(
            "Method: simpdiv (exact, not necessarily complete; auto: no pure equilibrium and too large for enumpoly)"
        ),
        "{text}"
    );
    assert!(text.contains("auto ran simpdiv"), "{text}");
    let out = standoff_bin().arg("solve").arg(&f).args(["--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["method"], "simpdiv");

    let out =
        standoff_bin().arg("solve").arg(&f).args(["--method", "simpdiv", "--max-work", "1000"]).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("--max-work"), "{err}");
}

/// Random games with many ties (payoffs 0..2) and odd shapes, including players with a single
/// strategy: always a certified equilibrium, never an internal error.
#[test]
fn simpdiv_certifies_degenerate_random_games() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let shapes: [&[usize]; 6] = [&[2, 2, 2], &[1, 3, 2], &[3, 1, 3, 2], &[4, 3], &[2, 2, 2, 2], &[3, 3, 1]];
    for case in 0..60 {
        let shape = shapes[case % shapes.len()];
        let players = shape
            .iter()
            .enumerate()
            .map(|(i, &m)| standoff::Player {
                name: format!("P{}", i + 1),
                strategies: (0..m).map(|j| format!("s{j}")).collect(),
            })
            .collect();
        let n = shape.iter().product::<usize>() * shape.len();
        let flat_payoffs: Vec<Q> = (0..n).map(|_| Q::from_integer((next(3) as i64).into())).collect();
        let game = NormalForm::from_flat("ties", players, flat_payoffs).unwrap();
        let sol = solve(&game, Method::SimpDiv, &SolveOptions::default())
            .unwrap_or_else(|e| panic!("case {case} {shape:?}: {e}"));
        check_answer(&format!("case {case} {shape:?}"), &game, &sol);
    }
}
