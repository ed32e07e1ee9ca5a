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
