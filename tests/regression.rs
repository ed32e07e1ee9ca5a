//! One test per fixed bug, named after it (issue #14: hostile input). Inputs are generated;
//! each test's own completion is the time guard (no wall-clock assertions).

use standoff::game::{reduce, NormalForm, Player};
use standoff::model::limits::{check_toml_size, read_source, read_source_limited, MAX_NUMBER_DIGITS};
use standoff::model::{load, load_game, parse_assignment, parse_efg, parse_nfg, Model, Settings};
use standoff::solve::tree::backward::all_spe;
use standoff::Error;
use std::path::PathBuf;

fn write(dir: &tempfile::TempDir, name: &str, content: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// A chain of `d` decision nodes, players alternating; at node k `s` stops with (k, -k) (or
/// (0, 0) when `tied`), `c` continues.
fn efg_chain(d: usize, tied: bool) -> String {
    let mut s = String::from("EFG 2 R \"chain\" { \"A\" \"B\" }\n\"\"\n");
    for k in 0..d {
        let v = if tied { "0 0".to_string() } else { format!("{k} {}", -(k as i64)) };
        s.push_str(&format!(
            "p \"\" {} {} \"\" {{ \"s\" \"c\" }} 0\nt \"\" {} \"\" {{ {v} }}\n",
            k % 2 + 1,
            k / 2 + 1,
            k + 1
        ));
    }
    s.push_str(&format!("t \"\" {} \"\" {{ 0 0 }}\n", d + 1));
    s
}

fn toml_chain(d: usize, tied: bool) -> String {
    let mut s = String::from("kind = \"tree\"\nplayers = [\"A\", \"B\"]\n");
    for k in 0..d {
        let next = if k + 1 < d { format!("\"n{}\"", k + 1) } else { "[0, 0]".into() };
        let v = if tied { "[0, 0]".to_string() } else { format!("[{k}, {}]", -(k as i64)) };
        s.push_str(&format!("[nodes.n{k}]\nplayer = \"{}\"\nactions = {{ s = {v}, c = {next} }}\n", ["A", "B"][k % 2]));
    }
    s
}

fn expect_too_large(r: Result<impl std::fmt::Debug, Error>, gist: &str) -> String {
    match r {
        Err(Error::TooLarge(m)) => {
            assert!(m.contains(gist), "{m:?} lacks {gist:?}");
            m
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn model_symlinked_to_dev_zero_is_refused_at_the_first_nul_byte() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let e = load(&link, &Settings::default()).unwrap_err().to_string();
    assert!(e.contains("a NUL byte at byte 0"), "{e}");
}

#[test]
fn model_symlinked_to_dev_urandom_is_refused_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("random.nfg");
    std::os::unix::fs::symlink("/dev/urandom", &link).unwrap();
    let e = load(&link, &Settings::default()).unwrap_err().to_string();
    assert!(e.contains("NUL byte") || e.contains("invalid UTF-8"), "{e}");
}

#[test]
fn file_beyond_the_size_cap_is_refused_with_size_and_cap() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "big.toml", &"# comment\n".repeat(1000));
    let m = expect_too_large(read_source_limited(&p, 5000), "larger than the 5.0 kB");
    assert!(m.contains("10.0 kB") || m.contains("10 kB"), "{m}");
    // A FIFO-like source without a size (a character device) is cut off at the cap too.
    let m = expect_too_large(read_source_limited(std::path::Path::new("/dev/zero"), 0), "more than");
    assert!(m.contains("/dev/zero"), "{m}");
    assert!(read_source(&p).is_ok());
}

#[test]
fn non_utf8_model_reports_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, b"title = \"ab\xffcd\"\n").unwrap();
    let e = load(&p, &Settings::default()).unwrap_err().to_string();
    assert!(e.contains("invalid UTF-8 at byte 11") && e.contains("bad.toml:1:12"), "{e}");
}

#[test]
fn set_with_a_million_digits_is_refused_at_once() {
    let s = format!("x={}", "7".repeat(1_000_000));
    match parse_assignment(&s) {
        Err(Error::Parameter(m)) => {
            assert!(
                m.contains("1000000 digits") && m.contains(&format!("at most {MAX_NUMBER_DIGITS}")),
                "{}",
                &m[..200]
            );
            assert!(m.len() < 400, "the message repeats the input: {} bytes", m.len());
        }
        other => panic!("{other:?}"),
    }
    let s = format!("x=1/{}", "3".repeat(20_000));
    assert!(matches!(parse_assignment(&s), Err(Error::Parameter(_))));
}

#[test]
fn numbers_with_too_many_digits_in_files_are_located_errors() {
    let long = "9".repeat(MAX_NUMBER_DIGITS + 1);
    let nfg = format!("NFG 1 R \"g\" {{ \"A\" \"B\" }} {{ 1 1 }}\n\"\"\n{long} 0\n");
    let e = parse_nfg("g.nfg", &nfg).unwrap_err().to_string();
    assert!(e.starts_with("g.nfg:3:1:") && e.contains("digits"), "{}", &e[..100]);
    let toml = format!("players = [\"A\"]\n[strategies]\nA = [\"x\"]\n[payoffs]\nx = [\"{long}\"]\n");
    let e = Model::parse("m.toml", &toml).unwrap_err().to_string();
    assert!(e.contains("digits"), "{}", &e[..100]);
    let efg = format!("EFG 2 R \"t\" {{ \"A\" }}\n\"\"\nt \"\" 1 \"\" {{ {long} }}\n");
    assert!(parse_efg("t.efg", &efg).unwrap_err().to_string().contains("digits"));
}

#[test]
fn two_hundred_thousand_strategy_labels_are_checked_in_linear_time() {
    let labels: Vec<String> = (0..200_000).map(|i| format!("\"s{i}\"")).collect();
    // A duplicate at the very end: found (quadratic checks took minutes here).
    let src = format!(
        "players = [\"A\", \"B\"]\n[strategies]\nA = [{}, \"s0\"]\nB = [\"x\"]\n[payoffs]\n\"s0, x\" = [1, 2]\n",
        labels.join(", ")
    );
    let e = Model::parse("m.toml", &src).unwrap_err().to_string();
    assert!(e.contains("duplicate label `s0`"), "{}", &e[..200]);
    // Without the duplicate: the missing payoffs are reported with their count.
    let src = src.replace(", \"s0\"]", "]");
    let e = Model::parse("m.toml", &src).unwrap_err().to_string();
    assert!(e.contains("(and 199998 more)"), "{}", &e[..200]);
}

#[test]
fn two_hundred_thousand_player_names_are_checked_in_linear_time() {
    let names: Vec<String> = (0..200_000).map(|i| format!("\"p{i}\"")).collect();
    let src = format!("players = [{}, \"p7\"]\n", names.join(", "));
    let e = Model::parse("m.toml", &src).unwrap_err().to_string();
    assert!(e.contains("duplicate label `p7`"), "{}", &e[..200]);
    // .nfg files may repeat names (issue 13): the renaming is linear too, and the reading goes on
    // to the next error.
    let nfg = format!("NFG 1 R \"g\" {{ {} \"p7\" }} {{ }}\n", names.join(" "));
    let e = parse_nfg("g.nfg", &nfg).unwrap_err().to_string();
    assert!(e.contains("200001 players but strategies for 0"), "{}", &e[..200]);
}

#[test]
fn nfg_declaring_200000_labels_with_too_few_payoffs_fails_at_once_with_the_counts() {
    let labels: Vec<String> = (0..200_000).map(|i| format!("\"s{i}\"")).collect();
    let nfg = format!("NFG 1 R \"g\" {{ \"A\" \"B\" }} {{ {{ {} }} {{ \"x\" }} }}\n\"\"\n1 2 3\n", labels.join(" "));
    let e = parse_nfg("g.nfg", &nfg).unwrap_err().to_string();
    assert!(e.contains("too few payoffs: expected 400000 (200000 profiles x 2 players), found 3"), "{e}");
    // A declared count as large as the cap allows, with no payoffs: the same, without allocating.
    let nfg = "NFG 1 R \"g\" { \"A\" \"B\" } { 5000 5000 }\n\"\"\n1 2\n";
    let e = parse_nfg("g.nfg", nfg).unwrap_err().to_string();
    assert!(e.contains("expected 50000000"), "{e}");
}

#[test]
fn payoff_table_beyond_the_memory_budget_is_refused_with_an_estimate_before_allocation() {
    let players = vec![
        Player { name: "A".into(), strategies: (0..4500).map(|i| i.to_string()).collect() },
        Player { name: "B".into(), strategies: (0..4500).map(|i| i.to_string()).collect() },
    ];
    let m = expect_too_large(NormalForm::new("big", players, |_| unreachable!()), "needs about");
    assert!(m.contains("40500000 payoff entries") && m.contains("GB"), "{m}");
}

#[test]
fn toml_model_too_large_to_read_is_refused_before_parsing() {
    let src = format!("players = [\"A\"]\n{}", "# padding\n".repeat(1_000_000));
    expect_too_large(check_toml_size("m.toml", &src), "needs about");
    expect_too_large(Model::parse("m.toml", &src), ".nfg file instead");
}

#[test]
fn efg_chain_200000_deep_loads_and_solves_without_stack_overflow() {
    let tree = parse_efg("chain.efg", &efg_chain(200_000, false)).unwrap();
    assert_eq!(tree.num_nodes(), 400_001);
    let set = all_spe(&tree, 10).unwrap();
    assert_eq!(set.total, 1);
    // The reduced strategic form is refused at once, with the count.
    expect_too_large(reduce(&tree), "more than 100000 reduced strategies (100001)");
}

#[test]
fn toml_chain_50000_deep_loads_and_its_reduced_form_is_refused_with_an_estimate() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "chain.toml", &toml_chain(50_000, false));
    let t = match load_game(&p, &Settings::default()).unwrap() {
        standoff::model::LoadedGame::Tree(t) => t.tree,
        _ => panic!("not a tree"),
    };
    assert_eq!(t.num_nodes(), 100_001);
    let m = expect_too_large(reduce(&t), "reduced strategies per player [25001, 25001]");
    assert!(m.contains("about 625050001 profiles"), "{m}");
    // `load` builds the reduced form: the same refusal, not an abort after gigabytes.
    expect_too_large(load(&p, &Settings::default()), "too large to build");
}

#[test]
fn chain_30000_enum_refused_before_listing_strategies() {
    let tree = parse_efg("chain.efg", &efg_chain(30_000, false)).unwrap();
    let m = expect_too_large(reduce(&tree), "[15001, 15001]");
    assert!(m.contains("GB"), "{m}");
    assert_eq!(standoff::game::reduce::reduced_strategy_count(&tree, 0), 15_001);
    // A player's strategy list alone beyond its budget is refused too.
    expect_too_large(standoff::game::reduce::reduced_strategies(&tree, 0), "need about");
}

#[test]
fn all_payoffs_tied_chain_of_3000_counts_the_spes_and_lists_a_bounded_number() {
    let tree = parse_efg("tied.efg", &efg_chain(3000, true)).unwrap();
    let set = all_spe(&tree, 1000).unwrap();
    assert_eq!(set.total, u128::MAX, "2^3000 SPEs saturate the count");
    assert!(!set.equilibria.is_empty() && set.equilibria.len() <= 1000);
    for e in &set.equilibria {
        standoff::solve::tree::backward::check_subgame_perfect(&tree, &e.choice).unwrap();
    }
}

#[test]
fn one_node_with_100000_tied_actions_counts_every_spe() {
    for k in [20_000usize, 100_000] {
        let acts: Vec<String> = (0..k).map(|i| format!("a{i} = [0, 0]")).collect();
        let src = format!(
            "kind = \"tree\"\nplayers = [\"A\", \"B\"]\n[nodes.r]\nplayer = \"A\"\nactions = {{ {} }}\n",
            acts.join(", ")
        );
        let tree = Model::parse("wide.toml", &src).unwrap().tree(&Settings::default()).unwrap();
        let set = all_spe(&tree, 1000).unwrap();
        assert_eq!(set.total, k as u128);
        assert!(!set.equilibria.is_empty());
        standoff::solve::tree::backward::check_subgame_perfect(&tree, &set.equilibria[0].choice).unwrap();
    }
}

#[test]
fn reduced_strategy_count_equals_the_listed_strategies() {
    // Small chains and a tree with two own sets after one move: count == list length.
    for d in 1..8 {
        let tree = parse_efg("c.efg", &efg_chain(d, false)).unwrap();
        for i in 0..2 {
            let listed = standoff::game::reduce::reduced_strategies(&tree, i).unwrap().len() as u128;
            assert_eq!(standoff::game::reduce::reduced_strategy_count(&tree, i), listed, "d = {d}, player {i}");
        }
    }
}

#[test]
fn convert_efg_with_repeated_chance_labels_to_toml_loads_again() {
    // vonstengelforges2008 fig9: three chance actions all labelled "1/3".
    let efg = "EFG 2 R \"t\" { \"A\" \"B\" }\n\"\"\nc \"\" 1 \"\" { \"1/3\" 1/3 \"1/3\" 1/3 \"1/3\" 1/3 } 0\n\
               t \"\" 1 \"\" { 1 0 }\nt \"\" 2 \"\" { 2 0 }\nt \"\" 3 \"\" { 3 0 }\n";
    let tree = parse_efg("t.efg", efg).unwrap();
    let toml = standoff::model::write_toml_tree(&tree);
    let back =
        Model::parse("t.toml", &toml).unwrap_or_else(|e| panic!("{e}\n{toml}")).tree(&Settings::default()).unwrap();
    assert_eq!(back.num_nodes(), tree.num_nodes());
    assert_eq!(back.actions(back.root()), ["1/3", "1/3 (2)", "1/3 (3)"]);
}

#[test]
fn fuzz_expr_timeout_power_tower_22_422_2_is_refused() {
    // Found by `cargo fuzz run expr`: 22^(422^2) = 22^178084 has 794,000 bits.
    let e = standoff::model::Expr::parse("22^422^2").unwrap().eval(&[]).unwrap_err();
    assert!(e.message.contains("the power is too large"), "{}", e.message);
    assert!(standoff::model::Expr::parse("2^10000").unwrap().eval(&[]).is_ok());
}

/// Every input a fuzz target ever failed on (`fuzz/regressions/<target>/`), replayed with the
/// target's own checks against today's code: no panic, written files load again.
#[test]
fn fuzz_regressions_replay_cleanly() {
    use standoff::model::{write_efg, write_nfg, write_toml_tree, Expr};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let inputs = |target: &str| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(root.join(target))
            .map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.is_file())
            .filter_map(|p| {
                let text = String::from_utf8(std::fs::read(&p).unwrap()).ok()?;
                Some((p.file_name().unwrap().to_string_lossy().into_owned(), text))
            })
            .collect();
        v.sort();
        v
    };
    let mut replayed = 0;
    for (name, src) in inputs("efg") {
        replayed += 1;
        let Ok(tree) = parse_efg("fuzz.efg", &src) else { continue };
        parse_efg("back.efg", &write_efg(&tree)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let toml = write_toml_tree(&tree);
        Model::parse("back.toml", &toml)
            .and_then(|m| m.tree(&Settings::default()))
            .unwrap_or_else(|e| panic!("{name}: {e}\n{toml}"));
    }
    for (name, src) in inputs("nfg") {
        replayed += 1;
        let Ok(game) = parse_nfg("fuzz.nfg", &src) else { continue };
        let back = parse_nfg("back.nfg", &write_nfg(&game)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // A repeated label is renamed on reading, with a note; the written file reads back
        // without it (fuzz/regressions/nfg/crash-e0a9...: two players named "Player 2").
        let mut expected = game;
        expected.notes.clear();
        assert_eq!(back, expected, "{name}");
    }
    for (_, src) in inputs("expr") {
        replayed += 1;
        if let Ok(mut e) = Expr::parse(&src) {
            if e.bind(&["x", "y"]).is_ok() {
                let _ = e.eval(&[standoff::num::frac(-7, 2), standoff::num::q(3)]);
            }
        }
    }
    for (_, src) in inputs("toml_model") {
        replayed += 1;
        if let Ok(m) = Model::parse("fuzz.toml", &src) {
            let s = Settings::default();
            let _ = if m.is_tree() { m.tree(&s).map(|_| ()) } else { m.game(&s).map(|_| ()) };
        }
    }
    assert!(replayed >= 18, "only {replayed} inputs");
}

#[test]
fn fuzz_efg_convert_of_a_tree_that_is_one_leaf_to_toml_loads_again() {
    // Found by `cargo fuzz run efg`: the root leaf was written inline, leaving no `[nodes]`.
    let tree = parse_efg("t.efg", "EFG 2 R \"t\" { \"A\" \"B\" }\n\"\"\nt \"\" 1 \"\" { -1, 1 }\n").unwrap();
    let toml = standoff::model::write_toml_tree(&tree);
    let back = Model::parse("t.toml", &toml).and_then(|m| m.tree(&Settings::default())).unwrap();
    assert_eq!(back.num_nodes(), 1);
    assert_eq!(back.node_payoffs(back.root()).unwrap(), tree.node_payoffs(tree.root()).unwrap());
}

/// A random-looking game with small integer payoffs (a fixed linear congruential generator).
fn lcg_game(shape: &[usize], seed: u64) -> NormalForm {
    let players: Vec<Player> = shape
        .iter()
        .enumerate()
        .map(|(i, &k)| Player { name: format!("P{i}"), strategies: (0..k).map(|s| format!("s{s}")).collect() })
        .collect();
    let n = shape.len();
    let mut state = seed;
    NormalForm::new("random", players, |_| {
        (0..n)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                standoff::num::q(((state >> 33) % 100) as i64)
            })
            .collect()
    })
    .unwrap()
}

/// `region` on a 1000x1000 .nfg hung past 60 s (hull, minmax LPs and vertex enumeration ran before
/// the correlated-equilibrium limit was noticed): refused before any work now.
#[test]
fn region_beyond_the_correlated_limit_is_refused_before_any_work() {
    let g = lcg_game(&[40, 40], 1);
    let why = expect_too_large(standoff::analysis::region::analyze(&g), "correlated");
    assert!(why.contains("1600") && why.contains("standoff solve"), "{why}");
}

/// `info` on a 1000x1000 game hung (one exact LP per strategy and round of mixed dominance):
/// mixed dominance is skipped with a note beyond a work limit; pure dominance still runs.
#[test]
fn info_on_a_large_game_skips_mixed_dominance_with_a_note() {
    let g = lcg_game(&[250, 250], 2);
    let e = standoff::analysis::dominance::iterated_elimination(&g, true);
    assert!(
        e.notes.iter().any(|n| n.contains("mixed dominance not tested") && n.contains("LP entries")),
        "{:?}",
        e.notes
    );
}

/// `region` on a random 3x3x3 game hung in the gift-wrapping of the correlated-equilibrium payoff
/// polytope (every round rebuilt the hull in rationals), then gave it up after 120 LPs with a
/// note. With the incremental integer hull it is computed: full-dimensional, no note, holding
/// every pure Nash payoff and the welfare-maximising CE.
#[test]
fn three_player_region_computes_the_ce_polytope_of_a_random_3x3x3_game() {
    let g = lcg_game(&[3, 3, 3], 3);
    let r = standoff::analysis::region::analyze3(&g).unwrap();
    let c = r.correlated.expect("correlated equilibria of a 27-profile game");
    assert_eq!(c.polytope_note, None);
    assert_eq!(c.polytope.dimension, Some(3));
    assert!(c.polytope.vertices.len() > 20, "{}", c.polytope.vertices.len());
    for n in &r.nash {
        assert!(c.polytope.contains(&[n.payoffs[0].clone(), n.payoffs[1].clone(), n.payoffs[2].clone()]));
    }
    let w = &c.welfare_max.payoffs;
    assert!(c.polytope.contains(&[w[0].clone(), w[1].clone(), w[2].clone()]));
}

/// The CE payoff polytope of a 4x4x4 game (5,000–6,000 vertices, about 40 s CPU) is refused up
/// front with an estimate, in the report's note.
#[test]
fn three_player_region_refuses_a_4x4x4_ce_polytope_with_an_estimate() {
    let g = lcg_game(&[4, 4, 4], 3);
    let r = standoff::analysis::region::analyze3(&g).unwrap();
    let c = r.correlated.expect("correlated equilibria of a 64-profile game");
    let note = c.polytope_note.expect("a note");
    assert!(note.contains("at most 36") && note.contains("vertices") && c.polytope.vertices.is_empty(), "{note}");
}

/// `thresholds models/attrition.toml --param dprk_deadline=0:1` reported two boundaries within
/// 1e-9 of 2/9 with a sliver regime between them (issue 13): the regime *at* 2/9 (a payoff tie in
/// the last period) was bisected from both sides. By hand: in the last period, holding beats
/// conceding for the DPRK against a holding US iff -2 + (9/10)·10·d > 0, i.e. d > 2/9; below, every
/// period is chicken with continuation (0, 0); above, the DPRK holds throughout. One boundary, 2/9.
#[test]
fn attrition_deadline_threshold_is_one_boundary_at_two_ninths() {
    use standoff::num::frac;
    let m = Model::parse("attrition.toml", include_str!("../models/attrition.toml")).unwrap();
    let i = m.parameter_index("dprk_deadline").unwrap();
    let t = standoff::analysis::thresholds::thresholds(
        &m,
        &m.default_values(),
        i,
        &frac(0, 1),
        &frac(1, 1),
        11,
        standoff::Method::Auto,
    )
    .unwrap();
    assert_eq!(t.boundaries.len(), 1, "{:#?}", t.boundaries);
    let b = &t.boundaries[0];
    assert_eq!(b.value, frac(2, 9));
    assert_eq!(b.candidate, Some(frac(2, 9)));
    assert_ne!(b.left, b.at);
    assert_ne!(b.at, b.right);
    assert_eq!(b.right.as_deref(), Some("Concede > Hold"));
    assert_eq!(t.intervals.len(), 2, "{:#?}", t.intervals);
    assert_eq!((&t.intervals[0].to, &t.intervals[1].from), (&frac(2, 9), &frac(2, 9)));
}

/// Issue 13: Gambit's own `2x2_bimatrix_all_zero_payoffs.nfg` (Dan's strategies are "defect"
/// twice) was refused. Gambit accepts repeated labels; we rename the later ones and say so.
#[test]
fn nfg_with_duplicate_strategy_labels_is_read_with_a_note() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/gambit/2x2_bimatrix_all_zero_payoffs.nfg");
    let loaded = load(&path, &Settings::default()).unwrap();
    let game = &loaded.game;
    assert_eq!(game.players()[0].strategies, ["cooperate", "defect"]);
    assert_eq!(game.players()[1].strategies, ["defect", "defect (2)"]);
    assert_eq!(game.notes.len(), 1, "{:?}", game.notes);
    assert!(game.notes[0].contains("strategy 2 \"defect\" is shown as \"defect (2)\""), "{:?}", game.notes);
    // The note reaches the solve report (table and JSON) and info.
    let sol = standoff::solve::solve(game, standoff::Method::Enum, &Default::default()).unwrap();
    let report = standoff::output::SolveReport::new(game, &sol, None, Vec::new());
    assert!(report.notes[0].contains("repeat a label"), "{:?}", report.notes);
    // Players too, and a taken `x (2)` moves on to `x (3)`; empty labels are numbered.
    let g = parse_nfg("d.nfg", "NFG 1 R \"\" { \"A\" \"A\" } { { \"x\" \"x (2)\" \"x\" \"\" } { \"\" \"\" } }\n\"\"\n1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n").unwrap();
    assert_eq!(g.players()[0].name, "A");
    assert_eq!(g.players()[1].name, "A (2)");
    assert_eq!(g.players()[0].strategies, ["x", "x (2)", "x (3)", "4"]);
    assert_eq!(g.players()[1].strategies, ["1", "2"]);
    assert_eq!(g.notes.len(), 2, "{:?}", g.notes);
}

/// Issue 13, the `.efg` side: repeated player names and repeated action labels at one node were
/// refused or shown ambiguously (`x` for either action). They are renamed, with a note that the
/// tree report and the reduced form carry.
#[test]
fn efg_with_duplicate_labels_is_read_with_a_note() {
    let src = "EFG 2 R \"dup\" { \"A\" \"A\" }\n\"\"\np \"\" 1 1 \"\" { \"x\" \"x\" } 0\nt \"\" 1 \"\" { 1, 2 }\nt \"\" 2 \"\" { 3, 4 }\n";
    let tree = parse_efg("dup.efg", src).unwrap();
    assert_eq!(tree.players(), ["A", "A (2)"]);
    assert_eq!(tree.notes.len(), 2, "{:?}", tree.notes);
    assert!(tree.notes[1].contains("action 2 \"x\" is shown as \"x (2)\""), "{:?}", tree.notes);
    let reduced = reduce(&tree).unwrap();
    assert_eq!(reduced.game.players()[0].strategies, ["x", "x (2)"]);
    assert_eq!(reduced.game.notes, tree.notes);
    let sol = standoff::solve::tree::solve_tree(&tree, standoff::Method::Auto, &Default::default()).unwrap();
    let report = standoff::output::tree::TreeSolveReport::new(&tree, sol, None, Vec::new());
    let text = standoff::Format::Table.render(&report).unwrap();
    assert!(text.contains("Path: x (2)"), "{text}");
    assert!(text.contains("player 2 \"A\" is shown as \"A (2)\""), "{text}");
}

// Issue #14, the limit flags: each refusal names its flag, and the flag moves the limit. Small
// inputs with lowered caps, so the refusal paths stay fast.

fn standoff_cmd() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("standoff").unwrap()
}

fn refused_naming(args: &[&str], flag: &str) {
    let out = standoff_cmd().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // 1 for a refusal, 2 where the refused value came from the command line (`--set`).
    assert!(matches!(out.status.code(), Some(1 | 2)), "{args:?}: {err}");
    assert!(err.contains(flag), "{args:?}: the refusal does not name {flag}: {err}");
}

#[test]
fn lemke_pivot_budget_is_refused_naming_max_pivots_and_raised_by_it() {
    let g = "tests/data/reference/games/contrib_games_pd.nfg";
    refused_naming(&["solve", g, "--method", "lemke", "--max-pivots", "1"], "--max-pivots");
    standoff_cmd().args(["solve", g, "--method", "lemke", "--max-pivots", "1000"]).assert().success();
}

#[test]
fn attrition_long_horizon_is_refused_before_the_work_naming_max_memory() {
    refused_naming(
        &["attrition", "models/attrition.toml", "--set", "horizon=2000", "--max-memory", "1MB"],
        "--max-memory",
    );
    refused_naming(
        &["attrition", "models/attrition.toml", "--set", "horizon=200", "--set", "deal_value=1", "--max-work", "1000"],
        "--max-work",
    );
}

#[test]
fn logit_work_estimate_is_refused_naming_max_work() {
    refused_naming(&["solve", "models/six_party.toml", "--method", "logit", "--max-work", "1000"], "--max-work");
    refused_naming(&["qre", "models/standoff.toml", "--lambda", "1", "--max-work", "10"], "--max-work");
}

#[test]
fn input_size_digits_and_memory_caps_name_their_flags() {
    refused_naming(&["solve", "models/standoff.toml", "--max-input", "100"], "--max-input");
    refused_naming(&["solve", "models/standoff.toml", "--set", "us_win=123456", "--max-digits", "3"], "--max-digits");
    refused_naming(&["solve", "tests/data/reference/games/contrib_games_pd.nfg", "--max-memory", "10"], "--max-memory");
}

#[test]
fn sequence_form_tableau_is_estimated_before_it_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "chain.efg", &efg_chain(2_000, false));
    refused_naming(&["solve", p.to_str().unwrap(), "--method", "lemke"], "--max-memory");
    refused_naming(&["solve", p.to_str().unwrap(), "--method", "lp"], "--max-work");
}

/// Fuzzing (nfg, crash-0ba601fc…): a 1,000-digit mantissa with exponent `E8145` passed the
/// literal's digit cap but its exact value had over 10,000 digits, so `write_nfg` wrote a number
/// the reader then refused. The cap now applies to the value's numerator and denominator too.
#[test]
fn an_exponent_cannot_make_a_number_longer_than_the_digit_cap() {
    let game = |payoff: &str| format!("NFG 1 R \"e\" {{ \"1\" \"2\" }} {{ 1 1 }}\n{payoff} 0\n");
    let err = parse_nfg("e.nfg", &game(&format!("1e{MAX_NUMBER_DIGITS}"))).unwrap_err().to_string();
    assert!(err.contains("exact value has 10001 digits written out") && err.contains("--max-digits"), "{err}");
    let err = parse_nfg("e.nfg", &game(&format!("1/1e{MAX_NUMBER_DIGITS}"))).unwrap_err().to_string();
    assert!(err.contains("--max-digits"), "{err}");
    // At the cap itself the value is accepted and survives a round trip.
    let g = parse_nfg("e.nfg", &game(&format!("1e{}", MAX_NUMBER_DIGITS - 1))).unwrap();
    assert_eq!(parse_nfg("back.nfg", &standoff::model::write_nfg(&g)).unwrap(), g);
}
