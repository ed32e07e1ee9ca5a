//! Game trees end to end: the tree models of MODELS.md sections 2–5 solved at their defaults
//! and at the parameter values where the answer changes (every expected answer derived by hand
//! in the comments), TOML tree errors with exact locations, conversions, and the CLI.

use assert_cmd::Command;
use standoff::model::{load_game, parse_model, write_efg, write_toml_tree, LoadedGame, Settings};
use standoff::num::{frac, parse_q, q, Q};
use standoff::solve::tree::{solve_tree, TreeSolution};
use standoff::solve::SolveOptions;
use std::path::Path;

fn model(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models").join(name)
}

fn solve(name: &str, set: &[(&str, &str)], method: standoff::solve::Method) -> TreeSolution {
    let settings =
        Settings { scenario: None, set: set.iter().map(|(k, v)| (k.to_string(), parse_q(v).unwrap())).collect() };
    let LoadedGame::Tree(t) = load_game(&model(name), &settings).unwrap() else { panic!("{name} is not a tree") };
    solve_tree(&t.tree, method, &SolveOptions::default()).unwrap()
}

/// (path, payoffs) of every SPE.
fn spe(name: &str, set: &[(&str, &str)]) -> Vec<(Vec<String>, Vec<Q>)> {
    let sol = solve(name, set, standoff::solve::Method::Auto);
    assert_eq!(sol.method, standoff::solve::Method::Spe);
    sol.equilibria.iter().map(|e| (e.path.clone().unwrap(), e.payoffs.clone())).collect()
}

fn p(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

#[test]
fn offer_first() {
    // Defaults: Comply gives the DPRK 4 - 2 = 2, Exploit 4/4 - 0 = 1, so it complies; the US
    // then gets 5 - 3/4*4 + 1/2 = 5/2 > 0 from offering.
    assert_eq!(spe("offer_first.toml", &[]), vec![(p(&["Offer", "Comply"]), vec![frac(5, 2), q(2)])]);
    // upfront_share = 1/2: Exploit gives the DPRK 2 = Comply's 2, a tie. If it complies the US
    // offers (5/2 > 0); if it exploits the US gets -3/4*1/2*4 - 1 + 1/2 = -2 < 0 and holds.
    assert_eq!(
        spe("offer_first.toml", &[("upfront_share", "1/2")]),
        vec![(p(&["Hold"]), vec![q(0), q(0)]), (p(&["Offer", "Comply"]), vec![frac(5, 2), q(2)])]
    );
    // Just above: 0.51*4 = 2.04 > 2, the DPRK exploits, the US holds.
    assert_eq!(spe("offer_first.toml", &[("upfront_share", "0.51")]), vec![(p(&["Hold"]), vec![q(0), q(0)])]);
    // Enforcement reopens the window: with a penalty of 1, exploiting gives 0.51*4 - 1 = 1.04 < 2.
    assert_eq!(
        spe("offer_first.toml", &[("upfront_share", "0.51"), ("enforcement_penalty", "1")]),
        vec![(p(&["Offer", "Comply"]), vec![frac(5, 2), q(2)])]
    );
    // A small package (aid 3/2): comply -1/2 < exploit 3/8; offering then costs the US
    // -3/4*1/4*3/2 - 1 + 1/2 = -25/32 < 0: no deal.
    assert_eq!(spe("offer_first.toml", &[("aid_value", "3/2")]), vec![(p(&["Hold"]), vec![q(0), q(0)])]);
    // The US indifferent: freeze_value = 5/2 makes Offer->Comply worth 5/2 - 3 + 1/2 = 0 = Hold.
    assert_eq!(
        spe("offer_first.toml", &[("freeze_value", "5/2")]),
        vec![(p(&["Hold"]), vec![q(0), q(0)]), (p(&["Offer", "Comply"]), vec![q(0), q(2)])]
    );
}

#[test]
fn freeze_first() {
    // Defaults: after a freeze the US delivers for 5 - 3 + 1/2 = 5/2 or reneges for 5 - 1/2 = 9/2:
    // it reneges, so the DPRK (-2 if it freezes) holds.
    assert_eq!(spe("freeze_first.toml", &[]), vec![(p(&["Hold"]), vec![q(0), q(0)])]);
    // The US delivers iff renege_cost + ally_bonus >= aid_cost_ratio*aid_value = 3, i.e.
    // renege_cost >= 5/2. At 5/2 it is indifferent: two SPE.
    assert_eq!(
        spe("freeze_first.toml", &[("renege_cost", "5/2")]),
        vec![(p(&["Hold"]), vec![q(0), q(0)]), (p(&["Freeze", "Deliver"]), vec![frac(5, 2), q(2)])]
    );
    // Guaranteed (renege_cost = 3): Deliver 5/2 > Renege 2; the DPRK freezes (4 - 2 = 2 > 0).
    let sol = {
        let settings = Settings { scenario: Some("guaranteed".into()), set: vec![] };
        let LoadedGame::Tree(t) = load_game(&model("freeze_first.toml"), &settings).unwrap() else { panic!() };
        solve_tree(&t.tree, standoff::solve::Method::Spe, &SolveOptions::default()).unwrap()
    };
    assert_eq!(sol.equilibria.len(), 1);
    assert_eq!(sol.equilibria[0].path, Some(p(&["Freeze", "Deliver"])));
    // Even with delivery guaranteed, a package worth less than the freeze (aid 3/2 < cost 2) is refused.
    assert_eq!(
        spe("freeze_first.toml", &[("renege_cost", "3"), ("aid_value", "3/2")]),
        vec![(p(&["Hold"]), vec![q(0), q(0)])]
    );
}

#[test]
fn coalition() {
    // Defaults, S = 7/10*10 = 7. After Engage->Hold China enforces (3 - 2 = 1 > 0), so the DPRK
    // freezes (4 - 5 = -1 > -7). After Pressure->Enforce the DPRK freezes (-6 > -7), which gives
    // China 1 - 2 = -1 < 0 from shielding... so China shields and the US gets -2 from pressure,
    // against 5 - 3 + 1/2 = 5/2 from engaging.
    let sol = solve("coalition.toml", &[], standoff::solve::Method::Auto);
    assert_eq!(sol.equilibria.len(), 1);
    let e = &sol.equilibria[0];
    assert_eq!(e.path, Some(p(&["Engage", "Freeze"])));
    assert_eq!(e.payoffs, vec![frac(5, 2), q(-1), q(1)]);
    // China's plan: Enforce after engagement, Shield under pressure (information sets in
    // document order: china_engaged, china_pressed).
    assert_eq!(e.behavior.as_pure().unwrap()[2], vec![0, 1]);
    // credibility_after_engagement = 2: China indifferent after Engage->Hold. Enforce => the
    // DPRK freezes (5/2, -1, 1); Shield => the DPRK holds (-1 > ... it gets 0 > -1), the US gets
    // -1, still better than pressure's -2. Two SPE, both with the US engaging.
    assert_eq!(
        spe("coalition.toml", &[("credibility_after_engagement", "2")]),
        vec![
            (p(&["Engage", "Hold", "Shield"]), vec![q(-1), q(0), q(0)]),
            (p(&["Engage", "Freeze"]), vec![frac(5, 2), q(-1), q(1)])
        ]
    );
    // Pressure works only if China enforces under pressure: with enforce_cost = 0 China gets
    // 1 > 0 from enforcing, the DPRK freezes, and pressure gives the US 5 > 5/2.
    assert_eq!(
        spe("coalition.toml", &[("enforce_cost", "0")]),
        vec![(p(&["Pressure", "Enforce", "Freeze"]), vec![q(5), q(-6), q(1)])]
    );
}

#[test]
fn type_uncertainty() {
    // A pragmatic DPRK complies (3 > 2) and yields (1 > 0); a resolute one exploits (4 > 1) and
    // resists (0 > -2): these are the four proper subgames, solved by backward induction. The
    // US does not see the type, so the rest (nature, then the US's one information set) is a
    // residual game without proper subgames: Offer gives the US 6p - 2(1-p) = 8p - 2 and
    // Pressure 3p, so it offers iff p >= 2/5. One command (`spe` is the default for trees).
    let dprk = vec![0, 0, 1, 1];
    let answer = |set: &[(&str, &str)]| -> Vec<(usize, Vec<Q>)> {
        let sol = solve("type_uncertainty.toml", set, standoff::solve::Method::Auto);
        assert_eq!(sol.method, standoff::solve::Method::Spe);
        assert!(sol.complete);
        sol.equilibria
            .iter()
            .map(|e| {
                let b = e.behavior.as_pure().expect("pure SPE");
                assert_eq!(b[1], dprk);
                (b[0][0], e.payoffs.clone())
            })
            .collect()
    };
    // Default p = 1/2: Offer (2 > 3/2); the DPRK expects 3/2 + 2 = 7/2.
    assert_eq!(answer(&[]), vec![(0, vec![q(2), frac(7, 2)])]);
    // Just above the threshold (p = 41/100): Offer gives 8*41/100 - 2 = 32/25 > Pressure's
    // 3*41/100 = 123/100. The DPRK then gets 41/100*3 + 59/100*4 = 359/100.
    assert_eq!(answer(&[("prob_pragmatic", "41/100")]), vec![(0, vec![frac(32, 25), frac(359, 100)])]);
    // Below (p = 1/4): Pressure, 3/4 > 0; the DPRK gets 1/4*1 + 3/4*0 = 1/4.
    assert_eq!(answer(&[("prob_pragmatic", "1/4")]), vec![(1, vec![frac(3, 4), frac(1, 4)])]);
    // At p = 2/5 the US is indifferent (6/5 either way): two SPEs, sorted by payoffs
    // (Pressure: DPRK 2/5; Offer: DPRK 2/5*3 + 3/5*4 = 18/5).
    assert_eq!(
        answer(&[("prob_pragmatic", "2/5")]),
        vec![(1, vec![frac(6, 5), frac(2, 5)]), (0, vec![frac(6, 5), frac(18, 5)])]
    );
    // The reduced form has Nash equilibria that are not subgame perfect (e.g. the DPRK
    // threatening to resist pressure even when pragmatic); every SPE is among them.
    let nash = solve("type_uncertainty.toml", &[], standoff::solve::Method::Pure);
    assert!(nash.equilibria.len() > 1);
    let spe = solve("type_uncertainty.toml", &[], standoff::solve::Method::Spe);
    assert!(nash.equilibria.iter().any(|e| e.behavior == spe.equilibria[0].behavior));
    for m in [standoff::solve::Method::Lemke, standoff::solve::Method::Enum] {
        assert!(!solve("type_uncertainty.toml", &[], m).equilibria.is_empty());
    }
}

const TREE: &str = r#"title = "t"
kind = "tree"
players = ["A", "B"]

[parameters]
x = { default = "1/2", range = [-1, 2] }

[nodes.root]
chance = { Good = ["x", "a"], Bad = ["1 - x", [0, 0]] }

[nodes.a]
player = "A"
actions = { L = "b", R = [1, 1] }

[nodes.b]
player = "B"
infoset = "hb"
actions = { l = [2, 0], r = [0, 2] }
"#;

fn tree_err(from: &str, to: &str) -> (usize, usize, String) {
    let src = TREE.replacen(from, to, 1);
    assert_ne!(src, TREE, "{from:?} not found");
    let e = match parse_model("t.toml", &src) {
        Err(e) => e,
        Ok(m) => match m.tree(&Settings::default()) {
            Err(standoff::Error::Model(e)) => e,
            other => panic!("expected a model error, got {other:?}"),
        },
    };
    (e.location.line, e.location.column, e.message)
}

#[test]
fn toml_tree_parses_and_errors_are_located() {
    let m = parse_model("t.toml", TREE).unwrap();
    let t = m.tree(&Settings::default()).unwrap();
    assert_eq!(t.num_nodes(), 7);
    assert_eq!(t.chances()[0].probs, vec![frac(1, 2), frac(1, 2)]);
    let (l, c, m) = tree_err("\"a\"]", "\"aa\"]");
    assert_eq!((l, c), (9, 25));
    assert!(m.contains("there is no node `aa`; did you mean `a`?"), "{m}");
    let (l, c, m) = tree_err("R = [1, 1]", "R = \"b\"");
    assert_eq!((l, c), (13, 17));
    assert!(m.contains("node `b` is reached twice"), "{m}");
    let (l, _, m) = tree_err("R = [1, 1]", "R = \"root\"");
    assert_eq!(l, 13);
    assert!(m.contains("is the root"), "{m}");
    let (l, c, m) = tree_err("[nodes.b]", "[nodes.c]\npayoffs = [0, 0]\n[nodes.b]");
    assert_eq!((l, c), (15, 8));
    assert!(m.contains("node `c` is not reachable"), "{m}");
    let (l, c, m) = tree_err("r = [0, 2]", "r = [0]");
    assert_eq!((l, c), (18, 29));
    assert!(m.contains("expected 2 payoffs"), "{m}");
    let (l, _, m) = tree_err("player = \"B\"", "player = \"C\"");
    assert_eq!(l, 16);
    assert!(m.contains("`C` is not a player"), "{m}");
    let (l, c, m) = tree_err("player = \"B\"\ninfoset", "infoset");
    assert_eq!((l, c), (16, 1));
    assert!(m.contains("`infoset` but no `player`"), "{m}");
    let (l, c, m) = tree_err("player = \"A\"\n", "");
    assert_eq!((l, c), (12, 1));
    assert!(m.contains("`actions` but no `player"), "{m}");
    let (l, _, m) = tree_err("actions = { L = \"b\", R = [1, 1] }", "");
    assert_eq!(l, 12);
    assert!(m.contains("has a `player` but no `actions"), "{m}");
    let (l, _, m) = tree_err("player = \"A\"\nactions = { L = \"b\", R = [1, 1] }", "");
    assert_eq!(l, 11);
    assert!(m.contains("no `player`, `chance` or `payoffs`"), "{m}");
    // Information sets: same player, same actions.
    let (l, c, m) = tree_err("actions = { L = \"b\"", "infoset = \"hb\"\nactions = { L = \"b\"");
    assert_eq!((l, c), (18, 11));
    assert!(m.contains("information set `hb` belongs to `A` (node `a`), but node `b` is `B`'s"), "{m}");
    let (_, _, m) = tree_err("player = \"A\"", "player = \"B\"\ninfoset = \"hb\"");
    assert!(m.contains("node `b` has actions [`l`, `r`] but node `a` has [`L`, `R`]"), "{m}");
    // A player without moves is fine: one strategy, "(no move)".
    let t = parse_model("t.toml", &TREE.replace("player = \"B\"", "player = \"A\"")).unwrap();
    let r = standoff::game::reduce(&t.tree(&Settings::default()).unwrap()).unwrap();
    assert_eq!(r.game.players()[1].strategies, vec!["(no move)"]);
    // Chance probabilities are checked after substitution, at the node, with the values.
    let (l, c, m) = tree_err("[\"1 - x\"", "[\"1 - x/2\"");
    assert_eq!((l, c), (8, 8));
    assert!(m.contains("sum to 5/4, not 1") && m.contains("x = 1/2"), "{m}");
    let src = TREE.replace("default = \"1/2\"", "default = \"3/2\"");
    let e = parse_model("t.toml", &src).unwrap().tree(&Settings::default()).unwrap_err().to_string();
    assert!(e.contains("negative") && e.contains("t.toml:8:8"), "{e}");
    let (_, _, m) = tree_err("Good = [\"x\", \"a\"]", "Good = [\"x\"]");
    assert!(m.contains("[probability, child]"), "{m}");
    let (_, _, m) = tree_err("kind = \"tree\"", "kind = \"tree\"\nstrategies = 1");
    assert!(m.contains("`strategies` is a key of normal models, but this is a tree model"), "{m}");
    let (_, _, m) = tree_err("kind = \"tree\"", "root = \"zz\"\nkind = \"tree\"");
    assert!(m.contains("no node `zz`"), "{m}");
}

#[test]
fn conversions_round_trip() {
    for name in ["offer_first.toml", "freeze_first.toml", "coalition.toml", "type_uncertainty.toml"] {
        let LoadedGame::Tree(t) = load_game(&model(name), &Settings::default()).unwrap() else { panic!() };
        let efg = write_efg(&t.tree);
        let back = standoff::model::parse_efg("x.efg", &efg).unwrap();
        assert_eq!(write_efg(&back), efg, "{name}");
        let toml = write_toml_tree(&back);
        let again = parse_model("x.toml", &toml).unwrap_or_else(|e| panic!("{name}: {e}\n{toml}"));
        let again = again.tree(&Settings::default()).unwrap();
        let r1 = standoff::game::reduce(&t.tree).unwrap();
        let r2 = standoff::game::reduce(&again).unwrap();
        assert_eq!(r1.game.flat_payoffs(), r2.game.flat_payoffs(), "{name}");
        assert_eq!(r1.game.players(), r2.game.players(), "{name}");
        assert_eq!(again.num_nodes(), t.tree.num_nodes());
    }
}

fn cli(args: &[&str]) -> (String, i32) {
    let out =
        Command::cargo_bin("standoff").unwrap().current_dir(env!("CARGO_MANIFEST_DIR")).args(args).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cli_solves_and_converts_trees() {
    let (out, code) = cli(&["solve", "models/offer_first.toml", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["method"], "spe");
    assert_eq!(v["equilibria"][0]["path"], serde_json::json!(["Offer", "Comply"]));
    assert_eq!(v["equilibria"][0]["behavior"], serde_json::json!([[["1", "0"]], [["1", "0"]]]));
    assert_eq!(v["equilibria"][0]["payoffs"], serde_json::json!(["5/2", "2"]));
    assert_eq!(v["game"]["strategies"], serde_json::json!([["Offer", "Hold"], ["Comply", "Exploit"]]));
    let (out, code) = cli(&["solve", "models/offer_first.toml", "--scenario", "generous_upfront"]);
    assert_eq!(code, 0);
    assert!(out.contains("2 subgame-perfect equilibria"), "{out}");
    let (out, code) = cli(&["solve", "models/type_uncertainty.toml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Method: spe") && out.contains("Path: [chance: Pragmatic 1/2] > Offer > Comply"), "{out}");
    // The US's belief about the type is the prior: the only non-singleton information set.
    assert!(out.contains("US at US: us_pragmatic 1/2, us_resolute 1/2"), "{out}");
    let (out, code) = cli(&["solve", "models/type_uncertainty.toml", "--format", "json", "--scenario", "confident"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["equilibria"][0]["beliefs"][0], serde_json::json!([["3/4", "1/4"]]));
    assert_eq!(v["game"]["infosets"][0][0]["nodes"], serde_json::json!(["us_pragmatic", "us_resolute"]));
    let (out, code) = cli(&["solve", "models/standoff.toml", "--method", "spe"]);
    assert_eq!(code, 2, "{out}");
    let (out, code) =
        cli(&["solve", "tests/data/reference/games/catalog_books_watson2013_fig29_1.efg", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("equilibrium,You:#1:E"), "{out}");
    for fmt in ["table", "markdown"] {
        let (out, code) = cli(&["solve", "models/coalition.toml", "--format", fmt]);
        assert_eq!(code, 0, "{out}");
        // Markdown cells escape `_` (one escape routine for every report).
        let set = if fmt == "markdown" { "china\\_pressed" } else { "china_pressed" };
        assert!(out.contains(set), "{out}");
    }
    let (efg, code) = cli(&["convert", "models/coalition.toml", "--to", "efg"]);
    assert_eq!(code, 0, "{efg}");
    assert!(efg.starts_with("EFG 2 R \"Coalition"), "{efg}");
    let (nfg, code) = cli(&["convert", "models/offer_first.toml", "--to", "nfg"]);
    assert_eq!(code, 0);
    assert!(nfg.contains("\"Offer\" \"Hold\""), "{nfg}");
    let (toml, code) =
        cli(&["convert", "tests/data/reference/games/catalog_books_watson2013_fig29_1.efg", "--to", "toml"]);
    assert_eq!(code, 0, "{toml}");
    assert!(toml.contains("kind = \"tree\""), "{toml}");
    let (out, code) = cli(&["convert", "models/standoff.toml", "--to", "efg"]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn the_documented_example_parses_and_solves() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model-format.md")).unwrap();
    let trees = &doc[doc.find("## Trees").unwrap()..];
    let start = trees.find("```toml\n").unwrap() + 8;
    let end = start + trees[start..].find("```").unwrap();
    let m = parse_model("doc.toml", &trees[start..end]).unwrap_or_else(|e| panic!("{e}"));
    let t = m.tree(&Settings::default()).unwrap();
    assert!(!t.is_perfect_information());
    // Pragmatic: comply (3 > 2); resolute: exploit (4 > 1). Offer: 6/2 - 2/2 = 2 > Pressure 3/2.
    let sol = solve_tree(&t, standoff::solve::Method::Auto, &SolveOptions::default()).unwrap();
    assert!(sol
        .equilibria
        .iter()
        .any(|e| e.behavior.as_pure() == Some(vec![vec![0], vec![0, 1]]) && e.payoffs == vec![q(2), frac(7, 2)]));
}

/// Three players, no proper subgame and no pure equilibrium (van der Laan et al.; Gambit's
/// `enumpure` finds none): `spe` now solves the whole game with enumpoly and finds its mixed
/// equilibrium, exact and verified (regret 0 by `solve_tree`'s verifier), and says it is complete.
#[test]
fn no_pure_spe_is_explained() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference/games/contrib_games_g1.efg");
    let LoadedGame::Tree(t) = load_game(&path, &Settings::default()).unwrap() else { panic!("a tree") };
    let sol = solve_tree(&t.tree, standoff::solve::Method::Auto, &SolveOptions::default()).unwrap();
    assert!(sol.exact && sol.complete, "{:?}", sol.notes);
    assert_eq!(sol.equilibria.len(), 1, "{:?}", sol.notes);
    let b = &sol.equilibria[0].behavior;
    assert!(b.as_pure().is_none());
    assert_eq!(
        b.probs,
        vec![
            vec![vec![frac(1, 5), frac(4, 5)]],
            vec![vec![frac(3, 7), frac(4, 7)]],
            vec![vec![frac(2, 3), frac(1, 3)]]
        ]
    );
    assert_eq!(sol.equilibria[0].payoffs, vec![frac(-32, 7), q(-2), frac(-96, 35)]);
}

/// Two SPEs printed alike (`Path: Refrain`, payoffs 0, 0, twice) must say how they differ
/// (issue 13): off the path, in what the DPRK would do after a strike.
#[test]
fn lookalike_spes_say_how_they_differ_off_the_path() {
    let (out, code) = cli(&["solve", "tests/data/cli/off_path_tie.toml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Same path and payoffs as equilibrium 2; it differs off the path:"), "{out}");
    assert!(out.contains("DPRK at dprk plays Retaliate here, Absorb there"), "{out}");
    insta::assert_snapshot!("solve_off_path_tie", out);
}
