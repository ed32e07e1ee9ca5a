//! Differential tests on Gambit's extensive-form games (`tests/data/reference/games/*.efg`)
//! against Gambit 16.7's answers (`gambit-results.json`, see the README there).
//!
//! - Every `.efg` parses. Where Gambit's own reader failed (`info_status: error`: repeated node
//!   labels or repeated information-set labels), we accept the file on purpose — labels are
//!   only names, identity is by number — and only check that it parses and solves.
//! - For the others: number of players and nodes, each player's information sets with their
//!   action labels (in order), and perfect recall equal Gambit's `info`; write then parse gives
//!   the same tree. (Where a set repeats an action label, e.g. `{ "1" "1" }`, the reference
//!   shows the labels made unique; we keep them as written and compare the number of actions.)
//! - Two players, Gambit's `enummixed_rational` ok: the distinct payoff vectors of our extreme
//!   equilibria of the reduced strategic form (`enum`) equal Gambit's.
//! - Gambit's `enumpure` ok: the distinct payoff vectors of our pure equilibria equal Gambit's.
//!
//! - Two players with perfect recall: the sequence-form Lemke equilibrium is exact (verified by
//!   `solve_tree`, and here again through the sequence form's best responses) and its payoff
//!   vector is among Gambit's `enummixed_rational` ones; on constant-sum trees the sequence-form
//!   LP's value equals the payoffs of every equilibrium our `enum` finds.
//!
//! No disagreement with Gambit has been found on this corpus.

use serde_json::Value;
use standoff::game::reduce;
use standoff::model::{parse_efg, write_efg};
use standoff::num::{fmt_q, Q};
use standoff::solve::tree::solve_tree;
use standoff::solve::SolveOptions;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference")
}

fn reference() -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join("gambit-results.json")).unwrap()).unwrap()
}

fn efg_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir().join("games"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "efg"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 79, "reference corpus missing");
    v
}

fn payoff_set_of_gambit(solver: &Value) -> BTreeSet<Vec<String>> {
    solver["equilibria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["payoffs"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .collect()
}

fn payoff_set(pays: impl Iterator<Item = Vec<Q>>) -> BTreeSet<Vec<String>> {
    pays.map(|v| v.iter().map(fmt_q).collect()).collect()
}

#[test]
fn every_efg_parses_and_matches_gambit_info() {
    let refs = reference();
    let mut compared = 0;
    for path in efg_files() {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let tree = parse_efg(&name, &src).unwrap_or_else(|e| panic!("{e}"));
        let back = parse_efg("written.efg", &write_efg(&tree)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Repeated labels are renamed on reading (with a note); the written file has the new
        // labels, so it reads back without notes.
        let mut renamed = tree.clone();
        renamed.notes.clear();
        assert_eq!(back, renamed, "{name}: write -> parse changed the tree");
        let r = &refs["games"][&name];
        if r["info_status"] != "ok" {
            continue;
        }
        let info = &r["info"];
        assert_eq!(tree.num_players() as u64, info["num_players"].as_u64().unwrap(), "{name}");
        assert_eq!(tree.num_nodes() as u64, info["num_nodes"].as_u64().unwrap(), "{name}");
        assert_eq!(tree.perfect_recall().is_ok(), info["is_perfect_recall"].as_bool().unwrap(), "{name}");
        let theirs: Vec<Vec<Vec<String>>> = serde_json::from_value(info["infosets"].clone()).unwrap();
        let ours: Vec<Vec<Vec<String>>> = (0..tree.num_players()).map(|i| tree.player_actions(i)).collect();
        if !tree.notes.is_empty() {
            // Repeated action labels within a set (`{ "1" "1" }`): the reference shows them made
            // unique as `1_1`, `1_2`; we rename the later ones `1 (2)`. Compare the shapes.
            let shape = |x: &Vec<Vec<Vec<String>>>| {
                x.iter().map(|p| p.iter().map(Vec::len).collect::<Vec<_>>()).collect::<Vec<_>>()
            };
            assert_eq!(shape(&ours), shape(&theirs), "{name}: information sets");
        } else {
            assert_eq!(ours, theirs, "{name}: information sets");
        }
        if tree.perfect_recall().is_ok() {
            let r = reduce(&tree).unwrap_or_else(|e| panic!("{name}: {e}"));
            let sizes: Vec<u64> = serde_json::from_value(info["num_strategies"].clone()).unwrap();
            assert_eq!(r.game.shape().iter().map(|&s| s as u64).collect::<Vec<_>>(), sizes, "{name}: reduced sizes");
        }
        compared += 1;
    }
    assert_eq!(compared, 74);
}

#[test]
fn equilibrium_payoffs_match_gambit() {
    let refs = reference();
    let (mut mixed, mut pure, mut spe) = (0, 0, 0);
    for path in efg_files() {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let r = &refs["games"][&name];
        let tree = parse_efg(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        if r["info_status"] != "ok" {
            // Gambit could not read it; we still solve it.
            if tree.perfect_recall().is_ok() && tree.num_players() == 2 {
                solve_tree(&tree, standoff::solve::Method::Pure, &SolveOptions::default())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            continue;
        }
        let solvers = &r["solvers"];
        if solvers["enummixed_rational"]["status"] == "ok" && tree.num_players() == 2 {
            let sol = solve_tree(&tree, standoff::solve::Method::Enum, &SolveOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let ours = payoff_set(sol.equilibria.iter().map(|e| e.payoffs.clone()));
            assert_eq!(ours, payoff_set_of_gambit(&solvers["enummixed_rational"]), "{name}: enum payoffs");
            mixed += 1;
        }
        if solvers["enumpure"]["status"] == "ok" {
            let sol = solve_tree(&tree, standoff::solve::Method::Pure, &SolveOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let ours = payoff_set(sol.equilibria.iter().map(|e| e.payoffs.clone()));
            assert_eq!(ours, payoff_set_of_gambit(&solvers["enumpure"]), "{name}: pure payoffs");
            pure += 1;
        }
        if tree.is_perfect_information() {
            let sol = solve_tree(&tree, standoff::solve::Method::Spe, &SolveOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!sol.equilibria.is_empty(), "{name}: a finite perfect-information tree has an SPE");
        } else if tree.perfect_recall().is_ok() {
            // Subgame perfection with imperfect information: every SPE is verified exactly in
            // every subgame by solve_tree; a pure SPE is a pure Nash equilibrium, so its payoffs
            // are among Gambit's `enumpure` ones.
            let sol = match solve_tree(&tree, standoff::solve::Method::Spe, &SolveOptions::default()) {
                Ok(sol) => sol,
                Err(standoff::Error::TooLarge(_)) => continue,
                Err(e) => panic!("{name}: {e}"),
            };
            if tree.num_players() == 2 {
                assert!(!sol.equilibria.is_empty(), "{name}: two-player trees have an SPE");
            }
            if solvers["enumpure"]["status"] == "ok" {
                let theirs = payoff_set_of_gambit(&solvers["enumpure"]);
                for e in sol.equilibria.iter().filter(|e| e.behavior.as_pure().is_some()) {
                    let pays: Vec<String> = e.payoffs.iter().map(fmt_q).collect();
                    assert!(theirs.contains(&pays), "{name}: pure SPE {pays:?} not among Gambit's pure equilibria");
                }
            }
            spe += 1;
        }
    }
    assert!(mixed >= 50, "{mixed}");
    assert!(pure >= 60, "{pure}");
    assert!(spe >= 20, "{spe}");
}

#[test]
fn sequence_form_lemke_and_lp_agree_with_gambit_and_enum() {
    use standoff::solve::tree::seq_lemke::constant_sum;
    use standoff::solve::tree::sequence::SequenceForm;
    let refs = reference();
    let (mut lemke, mut lp) = (0, 0);
    for path in efg_files() {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let r = &refs["games"][&name];
        let tree = parse_efg(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        if tree.num_players() != 2 || tree.perfect_recall().is_err() {
            continue;
        }
        let sol = solve_tree(&tree, standoff::solve::Method::Lemke, &SolveOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sol.equilibria.len(), 1, "{name}");
        let e = &sol.equilibria[0];
        let sf = SequenceForm::new(&tree).unwrap();
        let plans: Vec<Vec<Q>> = (0..2).map(|i| sf.realization(&e.behavior, i)).collect();
        assert!(sf.check_plans(&plans).is_ok(), "{name}");
        assert_eq!(sf.max_regret(&plans), Q::from_integer(0.into()), "{name}: Lemke's answer is not an equilibrium");
        assert_eq!(sf.expected(&plans), e.payoffs, "{name}");
        let solvers = &r["solvers"];
        if r["info_status"] == "ok" && solvers["enummixed_rational"]["status"] == "ok" {
            // Lemke's equilibrium need not be extreme in the reduced form, but on this corpus
            // its payoffs are always among the extreme equilibria's (checked, not assumed:
            // a failure here would say which game).
            let theirs = payoff_set_of_gambit(&solvers["enummixed_rational"]);
            let ours: Vec<String> = e.payoffs.iter().map(fmt_q).collect();
            assert!(theirs.contains(&ours), "{name}: Lemke payoffs {ours:?} not among Gambit's {theirs:?}");
            lemke += 1;
        }
        if constant_sum(&sf).is_some() {
            let sol = solve_tree(&tree, standoff::solve::Method::Lp, &SolveOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let value = &sol.equilibria[0].payoffs;
            match solve_tree(&tree, standoff::solve::Method::Enum, &SolveOptions::default()) {
                Ok(all) => {
                    for e in &all.equilibria {
                        assert_eq!(
                            &e.payoffs, value,
                            "{name}: every equilibrium of a constant-sum game pays the value"
                        );
                    }
                    lp += 1;
                }
                // Too large to enumerate (e.g. nim7's 60x24 reduced form): Lemke's payoffs must
                // still be the value.
                Err(standoff::Error::TooLarge(_)) => {
                    let lemke_pays = &solve_tree(&tree, standoff::solve::Method::Lemke, &SolveOptions::default())
                        .unwrap()
                        .equilibria[0]
                        .payoffs;
                    assert_eq!(lemke_pays, value, "{name}");
                }
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
    assert!(lemke >= 40, "{lemke}");
    assert!(lp >= 1, "{lp}");
}

/// On perfect-information trees the general subgame decomposition must agree with backward
/// induction: the same number of SPEs and the same payoff vectors (a cross-check of its
/// perfect-information steps, ties and chance included).
#[test]
fn subgame_decomposition_agrees_with_backward_induction() {
    use standoff::solve::tree::backward::all_spe;
    use standoff::solve::tree::subgame::{solve_subgames, verify_spe};
    let mut compared = 0;
    for path in efg_files() {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let tree = parse_efg(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        if !tree.is_perfect_information() {
            continue;
        }
        let bi = all_spe(&tree, 1000).unwrap_or_else(|e| panic!("{name}: {e}"));
        let sg = solve_subgames(&tree, &SolveOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sg.total, bi.total, "{name}: number of SPEs");
        assert_eq!(
            payoff_set(sg.equilibria.iter().map(|e| e.1.clone())),
            payoff_set(bi.equilibria.iter().map(|e| e.payoffs.clone())),
            "{name}"
        );
        for (b, v) in &sg.equilibria {
            assert_eq!(&verify_spe(&tree, b).unwrap_or_else(|m| panic!("{name}: {m}")), v, "{name}");
        }
        compared += 1;
    }
    assert!(compared >= 10, "{compared}");
}
