//! Round trips through our writers (issue #14): every `.efg` of the reference corpus survives
//! efg → toml → solve and efg → efg → solve, and every `.nfg` survives nfg → toml → solve and
//! nfg → nfg → solve, with the same method giving the same equilibrium set.
//!
//! An equilibrium is compared by its payoffs and its strategies. For trees, the TOML writer may
//! number a player's information sets in another order than the `.efg` file, so a profile is
//! compared as the sorted list of each player's per-set action distributions (the action order
//! within a set is kept by every writer).

use standoff::model::{parse_efg, parse_nfg, write_efg, write_nfg, write_toml, write_toml_tree, Settings};
use standoff::num::fmt_q;
use standoff::solve::tree::solve_tree;
use standoff::solve::{solve, Method, SolveOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files(ext: &str, expected: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference/games");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    assert_eq!(v.len(), expected, "reference corpus missing");
    v
}

type EqSet = BTreeSet<(Vec<String>, Vec<Vec<Vec<String>>>)>;

/// The equilibrium set of a tree under `method`, or the error's text.
fn tree_set(tree: &standoff::game::Tree, method: Method) -> Result<EqSet, String> {
    let sol = solve_tree(tree, method, &SolveOptions::default()).map_err(|e| e.to_string())?;
    Ok(sol
        .equilibria
        .iter()
        .map(|e| {
            let pays = e.payoffs.iter().map(fmt_q).collect();
            let per_player = e
                .behavior
                .probs
                .iter()
                .map(|sets| {
                    let mut v: Vec<Vec<String>> = sets.iter().map(|d| d.iter().map(fmt_q).collect()).collect();
                    v.sort();
                    v
                })
                .collect();
            (pays, per_player)
        })
        .collect())
}

fn game_set(game: &standoff::NormalForm, method: Method) -> Result<EqSet, String> {
    let sol = solve(game, method, &SolveOptions::default()).map_err(|e| e.to_string())?;
    Ok(sol
        .equilibria
        .iter()
        .map(|e| {
            let pays = e.payoffs.iter().map(fmt_q).collect();
            let probs = e.profile.probs.iter().map(|p| vec![p.iter().map(fmt_q).collect()]).collect();
            (pays, probs)
        })
        .collect())
}

/// Only the Ok/Err status must agree on errors: a message names the file.
fn same(name: &str, how: &str, a: &Result<EqSet, String>, b: &Result<EqSet, String>) {
    match (a, b) {
        (Ok(x), Ok(y)) => assert_eq!(x, y, "{name}: {how} changed the equilibria"),
        (Err(_), Err(_)) => {}
        _ => panic!("{name}: {how}: solved {} before, {} after", a.is_ok(), b.is_ok()),
    }
}

#[test]
fn every_reference_efg_survives_toml_and_efg_round_trips() {
    let mut solved = 0;
    for path in files("efg", 79) {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let tree = parse_efg(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        let toml = write_toml_tree(&tree);
        let via_toml = standoff::model::Model::parse("back.toml", &toml)
            .and_then(|m| m.tree(&Settings::default()))
            .unwrap_or_else(|e| panic!("{name}: the written TOML does not load: {e}\n{toml}"));
        let efg = write_efg(&tree);
        let via_efg =
            parse_efg("back.efg", &efg).unwrap_or_else(|e| panic!("{name}: the written .efg does not load: {e}"));
        assert_eq!(via_toml.num_nodes(), tree.num_nodes(), "{name}");
        // The default method, and `enum` on the reduced form where that is the exact all-equilibria answer.
        let methods: &[Method] = if tree.num_players() == 2 { &[Method::Auto, Method::Enum] } else { &[Method::Auto] };
        for &method in methods {
            let before = tree_set(&tree, method);
            solved += usize::from(before.is_ok());
            same(&name, &format!("efg -> toml ({method})"), &before, &tree_set(&via_toml, method));
            same(&name, &format!("efg -> efg ({method})"), &before, &tree_set(&via_efg, method));
        }
    }
    assert!(solved >= 100, "only {solved} solves succeeded");
}

#[test]
fn every_reference_nfg_survives_toml_and_nfg_round_trips() {
    let mut solved = 0;
    for path in files("nfg", 41) {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let game = parse_nfg(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        let toml = write_toml(&game);
        let via_toml = standoff::model::Model::parse("back.toml", &toml)
            .and_then(|m| m.game(&Settings::default()))
            .unwrap_or_else(|e| panic!("{name}: the written TOML does not load: {e}"));
        let via_nfg = parse_nfg("back.nfg", &write_nfg(&game)).unwrap();
        assert_eq!(via_toml, game, "{name}: nfg -> toml changed the game");
        let before = game_set(&game, Method::Auto);
        solved += usize::from(before.is_ok());
        same(&name, "nfg -> toml", &before, &game_set(&via_toml, Method::Auto));
        same(&name, "nfg -> nfg", &before, &game_set(&via_nfg, Method::Auto));
    }
    assert!(solved >= 35, "only {solved} solves succeeded");
}
