//! Limits decided before the work (issue 14), through the binary on small inputs with lowered
//! limits: each refusal exits 1 and names the estimate and the flag that raises it; raising the
//! flag lets the same run through. No wall-clock assertions.

use assert_cmd::Command;
use std::fs;

fn standoff() -> Command {
    let mut c = Command::cargo_bin("standoff").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Runs `args`, expects exit 1 and every one of `needles` in stderr; returns stderr.
fn refused(args: &[&str], needles: &[&str]) -> String {
    let out = standoff().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: the message lacks `{n}`: {err}");
    }
    err
}

const PD: &str = "tests/data/reference/games/contrib_games_pd.nfg";

#[test]
fn thresholds_on_a_multistage_model_estimates_its_solves_and_names_max_work() {
    let err = refused(
        &["thresholds", "models/attrition.toml", "--param", "deal_value=-50:50", "--max-work", "1000"],
        &["thresholds along deal_value", "solves", "operations", "--max-work"],
    );
    assert!(err.contains("needs about"), "{err}");
}

#[test]
fn thresholds_bisection_is_estimated_after_the_scan_and_before_bisecting() {
    // A budget that lets the scan of 3 points through but not 30-odd bisection solves per change.
    let args = |work: &str| {
        vec!["thresholds", "models/attrition.toml", "--param", "deal_value=-50:50", "--steps", "2", "--max-work", work]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let out = standoff().args(args("3e8")).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("to bisect") && err.contains("--max-work"), "{err}");
}

#[test]
fn thresholds_of_a_small_model_still_run_under_the_default_budget() {
    standoff().args(["thresholds", "models/standoff.toml", "--param", "us_sucker=-5:5"]).assert().success();
}

#[test]
fn region_is_estimated_before_its_lps_and_names_max_work() {
    refused(&["region", "models/standoff.toml", "--max-work", "1000"], &["payoff region", "exact LPs", "--max-work"]);
    standoff().args(["region", "models/standoff.toml"]).assert().success();
}

#[test]
fn three_player_region_is_estimated_too() {
    refused(&["region", "models/coalition.toml", "--max-work", "1000"], &["payoff region", "--max-work"]);
}

#[test]
fn correlated_lp_profile_cap_is_raised_by_max_profiles() {
    // The prisoner's dilemma has 4 pure profiles.
    refused(&["solve", PD, "--method", "correlated", "--max-profiles", "3"], &["limited to 3", "--max-profiles"]);
    standoff().args(["solve", PD, "--method", "correlated", "--max-profiles", "4"]).assert().success();
    refused(&["region", PD, "--max-profiles", "3"], &["--max-profiles"]);
    standoff().args(["region", PD, "--max-profiles", "4"]).assert().success();
}

#[test]
fn reduced_form_caps_scale_with_max_memory_and_name_it() {
    // At 1 kB the caps on reduced strategies fall to one strategy per player.
    let pd = "tests/data/reference/games/catalog_books_shohamleytonbrown2008_fig5_11.efg";
    refused(
        &["solve", pd, "--method", "enum", "--max-memory", "1kB"],
        &["more than 1 reduced strategies", "--max-memory"],
    );
    standoff().args(["solve", pd, "--method", "enum"]).assert().success();
}

#[test]
fn a_streamed_nfg_reports_late_errors_with_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.nfg");
    fs::write(&bad, "NFG 1 R \"g\" { \"A\" \"B\" } { 2 2 }\n\n1 1 0 2\n2 0 0 0 ?\n").unwrap();
    let err = refused(&["info", bad.to_str().unwrap()], &["bad.nfg:4:9", "unexpected character `?`"]);
    assert!(!err.contains("panicked"), "{err}");
    let short = dir.path().join("short.nfg");
    fs::write(&short, "NFG 1 R \"g\" { \"A\" \"B\" } { 2 2 }\n\n1 1 0 2\n").unwrap();
    refused(&["info", short.to_str().unwrap()], &["too few payoffs: expected 8", "found 4"]);
}

#[test]
fn a_big_nfg_payoff_table_is_refused_from_its_header_naming_max_memory() {
    // 12 players with 2 strategies: 4096 profiles x 12 payoffs, beyond 100 kB.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p12.nfg");
    let names: Vec<String> = (0..12).map(|i| format!("\"P{i}\"")).collect();
    let mut text = format!("NFG 1 R \"p12\" {{ {} }} {{ {} }}\n\n", names.join(" "), ["2"; 12].join(" "));
    for k in 0..4096 * 12 {
        text.push_str(if k % 3 == 0 { "1 " } else { "0 " });
    }
    fs::write(&path, text).unwrap();
    refused(&["info", path.to_str().unwrap(), "--max-memory", "100kB"], &["payoff entries", "--max-memory"]);
    standoff().args(["info", path.to_str().unwrap()]).assert().success();
}

/// A centipede-like chain `depth` decisions deep: at each node the mover stops (a leaf) or goes
/// on; payoffs repeat with periods 7 and 5, so movers are often indifferent (ties).
fn deep_chain_efg(depth: usize, chance_every_other: bool) -> String {
    let mut text = String::from("EFG 2 R \"deep chain\" { \"A\" \"B\" }\n\"\"\n\n");
    for k in 0..depth {
        if chance_every_other && k % 2 == 1 {
            text.push_str(&format!("c \"\" {} \"\" {{ \"l\" 1/2 \"r\" 1/2 }} 0\n", k + 1));
        } else {
            text.push_str(&format!("p \"\" {} {} \"\" {{ \"stop\" \"go\" }} 0\n", k % 2 + 1, k + 1));
        }
        text.push_str(&format!("t \"\" {} \"\" {{ {} {} }}\n", k + 1, k % 7, (3 * k) % 5));
    }
    text.push_str(&format!("t \"\" {} \"\" {{ 0 0 }}\n", depth + 1));
    text
}

/// Exit status 0, 1 or 2 and no abort message; returns (status, stderr).
fn ends_cleanly(args: &[&str]) -> (i32, String) {
    let out = standoff().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code();
    assert!(matches!(code, Some(0..=2)), "{args:?}: status {:?} (134 is an abort): {err}", out.status);
    assert!(!err.contains("overflow") && !err.contains("panicked"), "{args:?}: {err}");
    (code.unwrap_or(-1), err)
}

#[test]
fn a_200000_deep_chain_is_solved_and_refused_without_overflowing_the_stack() {
    // Regression (issue 14): the SPE pieces of the listing pass were dropped recursively, one
    // stack frame per level, and `solve` and `plot --kind tree` aborted with exit 134.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.efg");
    fs::write(&path, deep_chain_efg(200_000, false)).unwrap();
    let p = path.to_str().unwrap();
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    assert_eq!(ends_cleanly(&["solve", p]).0, 0);
    assert_eq!(ends_cleanly(&["solve", p, "--method", "spe"]).0, 0);
    let (code, err) = ends_cleanly(&["plot", p, "--kind", "tree", "-o", &format!("{o}.svg")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(ends_cleanly(&["convert", p, "--to", "efg", "-o", &format!("{o}.efg")]).0, 0);
    assert_eq!(ends_cleanly(&["convert", p, "--to", "toml", "-o", &format!("{o}.toml")]).0, 0);
    for cmd in [&["info", p][..], &["region", p], &["solve", p, "--method", "lemke"]] {
        let (code, err) = ends_cleanly(cmd);
        assert_eq!(code, 1, "{cmd:?}: {err}");
        assert!(err.contains("--max-"), "{cmd:?}: the refusal names no flag: {err}");
    }
}

#[test]
fn a_deep_chain_of_coin_flips_is_refused_by_the_sequence_form_estimate() {
    // Regression: the exact reach probabilities (2^-100000 deep down) ran out of memory in an
    // abort; now the sequence form estimates them first and names --max-memory.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chance.efg");
    fs::write(&path, deep_chain_efg(200_000, true)).unwrap();
    let p = path.to_str().unwrap();
    refused(&["solve", p, "--method", "lemke"], &["chance probabilities", "--max-memory"]);
    assert_eq!(ends_cleanly(&["solve", p]).0, 0);
}

#[test]
fn a_deep_chain_of_subgames_is_estimated_before_copying_their_equilibria() {
    // Regression: 20,000 subgames ending in a simultaneous move: the equilibria of each are copied
    // into every enclosing one (quadratic); a low --max-work refuses it up front.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sim.efg");
    let mut text = deep_chain_efg(20_000, false);
    text.truncate(text.rfind("t \"\" 20001").unwrap());
    text.push_str("p \"\" 1 20001 \"\" { \"x\" \"y\" } 0\n");
    for (k, first) in [(20003, 1), (20005, 0)] {
        text.push_str("p \"\" 2 20002 \"\" { \"u\" \"v\" } 0\n");
        text.push_str(&format!("t \"\" {k} \"\" {{ {first} {} }}\n", 1 - first));
        text.push_str(&format!("t \"\" {} \"\" {{ {} {first} }}\n", k + 1, 1 - first));
    }
    fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    refused(&["solve", p, "--max-work", "1e9"], &["subgame perfection", "subgames", "--max-work"]);
}

#[test]
fn info_on_many_tied_strategies_is_linear_and_a_dominance_ladder_names_max_work() {
    // Regression (issue 14): `info` compared every pair of strategies for pure dominance: 58 s of
    // CPU for 200,000 tied labels. Tied strategies now take one pass within a budget of 10^6.
    let dir = tempfile::tempdir().unwrap();
    let tied = dir.path().join("tied.nfg");
    let labels: Vec<String> = (0..20_000).map(|i| format!("\"s{i}\"")).collect();
    fs::write(
        &tied,
        format!(
            "NFG 1 R \"tied\" {{ \"A\" \"B\" }}\n{{ {{ {} }} {{ \"x\" }} }}\n\"\"\n{}\n",
            labels.join(" "),
            ["1 1"; 20_000].join(" ")
        ),
    )
    .unwrap();
    let out = standoff().args(["info", tied.to_str().unwrap(), "--max-work", "1e6"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("elimination stopped"), "{}", &text[..text.len().min(2000)]);
    // Strategy s pays s: one removal per scan; a low budget stops with a note naming the flag.
    let ladder = dir.path().join("ladder.nfg");
    let pays: Vec<String> = (0..3_000).map(|i| format!("{i} 0")).collect();
    let labels: Vec<String> = (0..3_000).map(|i| format!("\"s{i}\"")).collect();
    fs::write(
        &ladder,
        format!(
            "NFG 1 R \"ladder\" {{ \"A\" \"B\" }}\n{{ {{ {} }} {{ \"x\" }} }}\n\"\"\n{}\n",
            labels.join(" "),
            pays.join(" ")
        ),
    )
    .unwrap();
    let out = standoff().args(["info", ladder.to_str().unwrap(), "--max-work", "1e6"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.contains("elimination stopped") && text.contains("--max-work"), "{}", &text[..text.len().min(3000)]);
}

/// A random two-player `.nfg` of `m` x `n` strategies, payoffs 0..99.
fn random_nfg(m: usize, n: usize, seed: u64) -> String {
    let mut s = seed;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 33) % 100
    };
    let pays: Vec<String> = (0..m * n * 2).map(|_| next().to_string()).collect();
    format!("NFG 1 R \"random\" {{ \"A\" \"B\" }} {{ {m} {n} }}\n\n{}\n", pays.join(" "))
}

#[test]
fn enum_takes_more_than_128_strategies_and_refuses_big_games_by_its_vertex_estimate() {
    // Issue 14: the 128-strategy cap of `enum` (128-bit label sets) could not be raised. Label
    // sets now widen with the game; the work is capped by the vertex estimate (--max-vertices).
    let dir = tempfile::tempdir().unwrap();
    let wide = dir.path().join("wide.nfg");
    fs::write(&wide, random_nfg(2, 150, 3)).unwrap();
    let out = standoff().args(["solve", wide.to_str().unwrap(), "--method", "enum"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Equilibrium 1"), "{text}");
    let big = dir.path().join("big.nfg");
    fs::write(&big, random_nfg(70, 70, 5)).unwrap();
    refused(&["solve", big.to_str().unwrap(), "--method", "enum"], &["vertices", "--max-vertices"]);
}

/// Runs `args` with the CPU time (not wall time) capped at `seconds` by `ulimit -t`: a run that
/// needs far more (a quadratic step) is killed, and the test fails, whatever the machine's load.
fn with_cpu_cap(seconds: u32, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("standoff");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -t {seconds}; exec '{}' {}", bin.display(), quoted.join(" ")))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// An `.nfg` of `n` players; the first `mixing` have two strategies and play matching pennies
/// (players 0 and 1), every other player has one strategy and gets `k % 3` at profile `k`.
fn many_players_nfg(n: usize, mixing: usize) -> String {
    let names: Vec<String> = (0..n).map(|i| format!("\"p{i}\"")).collect();
    let shape: Vec<&str> = (0..n).map(|i| if i < mixing { "2" } else { "1" }).collect();
    let mut text = format!("NFG 1 R \"{n} players\" {{ {} }} {{ {} }}\n\n", names.join(" "), shape.join(" "));
    let profiles = 1usize << mixing;
    for k in 0..profiles {
        let mut row: Vec<String> = Vec::with_capacity(n);
        if mixing == 2 {
            let win = if k == 0 || k == 3 { 1 } else { -1 };
            row.push(win.to_string());
            row.push((-win).to_string());
        }
        row.extend((mixing..n).map(|_| (k % 3).to_string()));
        text.push_str(&row.join(" "));
        text.push('\n');
    }
    text
}

#[test]
fn solve_on_200000_one_strategy_players_is_linear() {
    // Regression (issue 14): the exact regret check enumerated every player for every player
    // (and enumpoly's payoff polynomials did too): past 120 s; now about 1 s of CPU (release).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.nfg");
    fs::write(&path, many_players_nfg(200_000, 0)).unwrap();
    let out = with_cpu_cap(60, &["solve", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("\n1 equilibrium\n"), "{}", &text[..text.len().min(500)]);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.contains('┆'))
        .map(|l| l.split('┆').map(|c| c.trim_matches(|c| " │".contains(c))).collect())
        .collect();
    assert_eq!(rows.len(), 200_001, "a header and one row per player");
    assert!(rows[1..].iter().all(|r| r[1] == "1" && r[2] == "0"), "{:?}", &rows[..3]);
    assert_eq!(rows[200_000][0], "p199999");
}

#[test]
fn solve_on_200000_players_two_of_them_mixing_needs_no_square_jacobian() {
    // Regression: polishing an enumpoly root built a Jacobian over all strategies, 200,002
    // squared floats (320 GB): abort. It now runs on the support's players only.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.nfg");
    fs::write(&path, many_players_nfg(200_000, 2)).unwrap();
    let out = with_cpu_cap(120, &["solve", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("1 equilibrium") && text.contains("1 1/2, 2 1/2"), "{}", &text[..text.len().min(1500)]);
}

#[test]
fn plot_tree_refuses_a_big_tree_before_solving_it() {
    // Regression (issue 14): the tree was solved (seconds on big trees) before the 400-node cap
    // was checked. Asking for an equilibrium the tree does not have shows which came first.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.efg");
    fs::write(&path, deep_chain_efg(300, false)).unwrap();
    let svg = dir.path().join("chain.svg");
    refused(
        &["plot", path.to_str().unwrap(), "--kind", "tree", "--equilibrium", "1000000", "-o", svg.to_str().unwrap()],
        &["601 nodes", "up to 400 nodes"],
    );
}
