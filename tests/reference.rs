//! Differential tests against Gambit 16.7's answers on Gambit's own game collection
//! (`tests/data/reference/`, see its README).
//!
//! - Two-player `.nfg` where `enummixed_rational` succeeded: our `enum` returns exactly
//!   Gambit's set of extreme equilibria (exact profiles, order ignored) — both through the
//!   library and through `standoff solve FILE --format json`.
//! - Every `.nfg`: our `pure` equals Gambit's `enumpure`.
//! - Every two-player `.nfg`: each Lemke–Howson answer (from every label) is among the
//!   extreme equilibria; on constant-sum games the LP answer is too.
//!
//! No disagreement with Gambit's exact solvers has been found on this corpus.

use assert_cmd::Command;
use serde_json::Value;
use standoff::model::{load, Settings};
use standoff::solve::{solve, SolveOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

type ProfileSet = BTreeSet<Vec<Vec<String>>>;

fn reference() -> Value {
    let text = std::fs::read_to_string(dir().join("gambit-results.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference")
}

fn nfg_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir().join("games"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nfg"))
        .collect();
    v.sort();
    assert!(v.len() >= 41, "reference corpus missing");
    v
}

fn gambit_set(solver: &Value) -> ProfileSet {
    solver["equilibria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["profile"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect())
                .collect()
        })
        .collect()
}

fn our_set(sol: &standoff::solve::Solution) -> ProfileSet {
    sol.equilibria
        .iter()
        .map(|e| e.profile.probs.iter().map(|p| p.iter().map(|x| x.to_string()).collect()).collect())
        .collect()
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn extreme_equilibria_match_gambit_enummixed() {
    let r = reference();
    let mut checked = 0;
    for f in nfg_files() {
        let entry = &r["games"][name(&f)];
        let mixed = &entry["solvers"]["enummixed_rational"];
        if mixed["status"] != "ok" {
            continue;
        }
        let game = load(&f, &Settings::default()).unwrap().game;
        let sol = solve(&game, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
        assert_eq!(our_set(&sol), gambit_set(mixed), "{}", name(&f));
        assert_eq!(sol.equilibria.len() as u64, mixed["num_equilibria"].as_u64().unwrap());
        checked += 1;
    }
    assert_eq!(checked, 30);
}

#[test]
fn pure_equilibria_match_gambit_enumpure() {
    let r = reference();
    for f in nfg_files() {
        let pure = &r["games"][name(&f)]["solvers"]["enumpure"];
        assert_eq!(pure["status"], "ok");
        let game = load(&f, &Settings::default()).unwrap().game;
        let sol = solve(&game, standoff::solve::Method::Pure, &SolveOptions::default()).unwrap();
        assert_eq!(our_set(&sol), gambit_set(pure), "{}", name(&f));
    }
}

#[test]
fn lemke_howson_and_lp_answers_are_extreme_equilibria() {
    for f in nfg_files() {
        let game = load(&f, &Settings::default()).unwrap().game;
        if game.num_players() != 2 {
            continue;
        }
        let all = our_set(&solve(&game, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap());
        let lh = our_set(&solve(&game, standoff::solve::Method::Lemke, &SolveOptions::default()).unwrap());
        assert!(!lh.is_empty());
        assert!(lh.is_subset(&all), "{}: Lemke-Howson answer not extreme", name(&f));
        if game.constant_sum().is_some() {
            // The LP returns one optimal pair, which is an equilibrium but need not be extreme
            // when the optimal sets are not singletons; it must at least have zero regret, which
            // `solve` verifies. Here every constant-sum game in the corpus has a unique equilibrium.
            let lp = our_set(&solve(&game, standoff::solve::Method::Lp, &SolveOptions::default()).unwrap());
            assert!(lp.is_subset(&all), "{}: LP answer not among the extreme equilibria", name(&f));
        }
    }
}

#[test]
fn cli_json_matches_gambit() {
    let r = reference();
    for f in nfg_files() {
        let entry = &r["games"][name(&f)];
        let mixed = &entry["solvers"]["enummixed_rational"];
        let (expected, args): (ProfileSet, Vec<&str>) = if mixed["status"] == "ok" {
            (gambit_set(mixed), vec!["solve", "--format", "json"])
        } else {
            (gambit_set(&entry["solvers"]["enumpure"]), vec!["solve", "--method", "pure", "--format", "json"])
        };
        let out = Command::cargo_bin("standoff").unwrap().args(&args).arg(&f).output().unwrap();
        assert!(out.status.success(), "{}: {}", name(&f), String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["exact"], true);
        let ours: ProfileSet = gambit_set(&v);
        assert_eq!(ours, expected, "{}", name(&f));
    }
}
