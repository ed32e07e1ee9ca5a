//! Command-line and output-format tests.
//!
//! The first part renders hand-built reports in every format (insta snapshots). The second runs
//! the `standoff` binary end to end (assert_cmd). Snapshots live in `tests/snapshots/`; after an
//! intended change, regenerate them with `INSTA_UPDATE=always cargo test --test cli` and review
//! the diff.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use standoff::analysis::classify::Classification;
use standoff::analysis::dominance::{Dominator, Elimination, EliminationStep};
use standoff::num::{frac, q, Q};
use standoff::output::{EliminationInfo, Format, InfoReport, ParameterInfo, ScenarioInfo, SolveReport};
use standoff::solve::{Component, ConvexSet, Equilibrium, Solution};
use standoff::{MixedProfile, NormalForm, Player};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Hand-built games and solutions
// ---------------------------------------------------------------------------------------------

fn player(name: &str, strategies: &[&str]) -> Player {
    Player { name: name.into(), strategies: strategies.iter().map(|s| s.to_string()).collect() }
}

/// The `standoff` model at its defaults: a game of chicken.
fn standoff_game() -> NormalForm {
    let players = vec![player("US", &["Concede", "Hold"]), player("DPRK", &["Concede", "Hold"])];
    // Gambit order: player 1 fastest. (C,C), (H,C), (C,H), (H,H).
    let flat = vec![q(3), q(2), q(5), q(1), q(1), q(4), q(0), q(-1)];
    NormalForm::from_flat("Who concedes first", players, flat).unwrap()
}

fn equilibrium(game: &NormalForm, probs: Vec<Vec<Q>>) -> Equilibrium {
    let profile = MixedProfile { probs };
    let payoffs = game.expected_payoffs(&profile);
    Equilibrium { profile, payoffs }
}

fn isolated(k: usize, eq: &Equilibrium) -> Component {
    Component {
        equilibria: vec![k],
        row_points: vec![eq.profile.probs[0].clone()],
        col_points: vec![eq.profile.probs[1].clone()],
        convex_sets: vec![ConvexSet { rows: vec![0], cols: vec![0] }],
    }
}

fn standoff_parameters() -> Vec<(String, Q)> {
    [
        ("us_deal", 3),
        ("us_sucker", 1),
        ("us_win", 5),
        ("us_standoff", 0),
        ("dprk_deal", 2),
        ("dprk_sucker", 1),
        ("dprk_win", 4),
        ("dprk_standoff", -1),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_string(), q(v)))
    .collect()
}

/// The three equilibria of the standoff, as the enumeration solver should report them.
fn standoff_report() -> SolveReport {
    let game = standoff_game();
    let equilibria = vec![
        equilibrium(&game, vec![vec![q(1), q(0)], vec![q(0), q(1)]]),
        equilibrium(&game, vec![vec![frac(1, 2), frac(1, 2)], vec![frac(1, 3), frac(2, 3)]]),
        equilibrium(&game, vec![vec![q(0), q(1)], vec![q(1), q(0)]]),
    ];
    let components = equilibria.iter().enumerate().map(|(k, e)| isolated(k, e)).collect();
    let solution = Solution {
        method: standoff::solve::Method::Enum,
        exact: true,
        complete: true,
        equilibria,
        components,
        notes: vec!["The game is nondegenerate: every equilibrium is isolated.".into()],
    };
    SolveReport::new(&game, &solution, Some("baseline".into()), standoff_parameters())
}

/// A degenerate game: T strictly dominates B, and the column player is indifferent after T,
/// so (T, any mixture of L and R) is a continuum of equilibria.
fn continuum_report() -> SolveReport {
    let players = vec![player("Row", &["T", "B"]), player("Col", &["L", "R"])];
    let flat = vec![q(1), q(1), q(0), q(0), q(1), q(1), q(0), q(0)];
    let game = NormalForm::from_flat("Indifferent column", players, flat).unwrap();
    let equilibria = vec![
        equilibrium(&game, vec![vec![q(1), q(0)], vec![q(1), q(0)]]),
        equilibrium(&game, vec![vec![q(1), q(0)], vec![q(0), q(1)]]),
    ];
    let components = vec![Component {
        equilibria: vec![0, 1],
        row_points: vec![vec![q(1), q(0)]],
        col_points: vec![vec![q(1), q(0)], vec![q(0), q(1)]],
        convex_sets: vec![ConvexSet { rows: vec![0], cols: vec![0, 1] }],
    }];
    let solution = Solution {
        method: standoff::solve::Method::Enum,
        exact: true,
        complete: true,
        equilibria,
        components,
        notes: vec!["The game is degenerate: some equilibria form a continuum.".into()],
    };
    SolveReport::new(&game, &solution, None, vec![])
}

fn standoff_info() -> InfoReport {
    let game = standoff_game();
    let meanings = [
        "US payoff when both concede (action for action)",
        "US conceded, DPRK held",
        "DPRK conceded, US held",
        "both held",
        "DPRK payoff when both concede",
        "DPRK conceded, US held",
        "US conceded, DPRK held",
        "both held",
    ];
    let nothing = Elimination { steps: vec![], remaining: vec![vec![0, 1], vec![0, 1]], notes: vec![] };
    InfoReport {
        title: game.title.clone(),
        description: "Each side waits for the other to concede first.".into(),
        players: game.players().to_vec(),
        parameters: standoff_parameters()
            .into_iter()
            .zip(meanings)
            .map(|((name, value), meaning)| ParameterInfo {
                name,
                default: value.clone(),
                value,
                range: Some((q(-10), q(10))),
                meaning: meaning.into(),
            })
            .collect(),
        scenarios: vec![
            ScenarioInfo { name: "baseline".into(), description: "Defaults".into(), set: vec![] },
            ScenarioInfo {
                name: "hawkish_us".into(),
                description: "Conceding first costs the US at home".into(),
                set: vec![("us_sucker".into(), q(-2))],
            },
        ],
        scenario: None,
        constant_sum: game.constant_sum(),
        matrices: game.bimatrix(),
        pure_elimination: EliminationInfo::of(&game, &nothing),
        mixed_elimination: EliminationInfo::of(&game, &nothing),
        classification: Some(Classification {
            name: "Chicken".into(),
            player_types: vec!["chicken".into(), "chicken".into()],
            facts: vec!["no dominant strategies".into(), "two pure equilibria".into()],
        }),
        notes: Vec::new(),
    }
}

/// A 3x2 game where M is dominated only by a mixture of U and D; then L by R.
fn mixed_dominance_info() -> InfoReport {
    let players = vec![player("Row", &["U", "M", "D"]), player("Col", &["L", "R"])];
    let game = NormalForm::new("Mixed dominance", players, |p| match (p[0], p[1]) {
        (0, 0) => vec![q(3), q(0)],
        (0, 1) => vec![q(0), q(1)],
        (1, 0) => vec![q(1), q(2)],
        (1, 1) => vec![q(1), q(1)],
        (2, 0) => vec![q(0), q(0)],
        _ => vec![q(3), q(1)],
    })
    .unwrap();
    let pure = Elimination { steps: vec![], remaining: vec![vec![0, 1, 2], vec![0, 1]], notes: vec![] };
    let mixed = Elimination {
        steps: vec![
            EliminationStep {
                player: 0,
                strategy: 1,
                dominated_by: Dominator::Mixed(vec![(0, frac(1, 2)), (2, frac(1, 2))]),
            },
            EliminationStep { player: 1, strategy: 0, dominated_by: Dominator::Pure(1) },
        ],
        remaining: vec![vec![0, 2], vec![1]],
        notes: vec![],
    };
    InfoReport {
        title: game.title.clone(),
        description: String::new(),
        players: game.players().to_vec(),
        parameters: vec![],
        scenarios: vec![],
        scenario: None,
        constant_sum: game.constant_sum(),
        matrices: game.bimatrix(),
        pure_elimination: EliminationInfo::of(&game, &pure),
        mixed_elimination: EliminationInfo::of(&game, &mixed),
        classification: None,
        notes: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Output formats (no binary)
// ---------------------------------------------------------------------------------------------

#[test]
fn solve_table() {
    insta::assert_snapshot!("solve_table", Format::Table.render(&standoff_report()).unwrap());
}

#[test]
fn solve_json() {
    insta::assert_snapshot!("solve_json", Format::Json.render(&standoff_report()).unwrap());
}

#[test]
fn solve_csv() {
    insta::assert_snapshot!("solve_csv", Format::Csv.render(&standoff_report()).unwrap());
}

#[test]
fn solve_markdown() {
    insta::assert_snapshot!("solve_markdown", Format::Markdown.render(&standoff_report()).unwrap());
}

#[test]
fn continuum_every_format() {
    let report = continuum_report();
    for format in Format::ALL {
        insta::assert_snapshot!(format!("continuum_{}", format.name()), format.render(&report).unwrap());
    }
}

#[test]
fn info_table_and_json() {
    insta::assert_snapshot!("info_table", Format::Table.render(&standoff_info()).unwrap());
    insta::assert_snapshot!("info_json", Format::Json.render(&standoff_info()).unwrap());
    let mixed = mixed_dominance_info();
    insta::assert_snapshot!("info_mixed_dominance_table", Format::Table.render(&mixed).unwrap());
    insta::assert_snapshot!("info_mixed_dominance_json", Format::Json.render(&mixed).unwrap());
}

#[test]
fn output_is_deterministic() {
    for format in Format::ALL {
        assert_eq!(format.render(&standoff_report()).unwrap(), format.render(&standoff_report()).unwrap());
    }
}

/// The JSON keys and shapes other programs rely on. Changing this test is a breaking change.
#[test]
fn json_has_the_stable_keys() {
    let text = Format::Json.render(&standoff_report()).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let keys = ["game", "method", "exact", "complete", "scenario", "parameters", "equilibria", "components", "notes"];
    assert_eq!(v.as_object().unwrap().len(), keys.len());
    // Top-level keys appear in this order in the text.
    let positions: Vec<usize> =
        keys.iter().map(|k| text.find(&format!("\n  \"{k}\":")).unwrap_or_else(|| panic!("no key {k}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert_eq!(v["game"]["title"], "Who concedes first");
    assert_eq!(v["game"]["players"], serde_json::json!(["US", "DPRK"]));
    assert_eq!(v["game"]["strategies"], serde_json::json!([["Concede", "Hold"], ["Concede", "Hold"]]));
    assert_eq!(v["method"], "enum");
    assert_eq!(v["exact"], true);
    assert_eq!(v["complete"], true);
    assert_eq!(v["scenario"], "baseline");
    let (a, b) = (text.find("\"us_sucker\": \"1\""), text.find("\"us_win\": \"5\""));
    assert!(a.is_some() && a < b, "parameters in declaration order");
    assert_eq!(v["parameters"]["dprk_standoff"], "-1");
    let eq = &v["equilibria"][1];
    assert_eq!(eq["profile"], serde_json::json!([["1/2", "1/2"], ["1/3", "2/3"]]));
    assert_eq!(eq["payoffs"], serde_json::json!(["5/3", "3/2"]));
    assert_eq!(eq["pure"], false);
    assert_eq!(eq["support"], serde_json::json!([["Concede", "Hold"], ["Concede", "Hold"]]));
    assert_eq!(eq["max_regret"], "0");
    assert!((eq["payoffs_float"][0].as_f64().unwrap() - 5.0 / 3.0).abs() < 1e-12);
    assert_eq!(v["equilibria"][0]["pure"], true);
    assert_eq!(v["equilibria"][0]["support"], serde_json::json!([["Concede"], ["Hold"]]));
    assert_eq!(v["components"][2]["equilibria"], serde_json::json!([2]));
    assert_eq!(v["components"][2]["convex_sets"], serde_json::json!([{"rows": [0], "cols": [0]}]));
    assert!(v["notes"].is_array());

    let c: Value = serde_json::from_str(&Format::Json.render(&continuum_report()).unwrap()).unwrap();
    assert_eq!(c["scenario"], Value::Null);
    assert_eq!(c["parameters"], serde_json::json!({}));
    assert_eq!(c["components"][0]["convex_sets"][0]["cols"], serde_json::json!([0, 1]));
}

/// Regret is recomputed from the game, not copied: a wrong profile shows up.
#[test]
fn regret_is_computed_not_assumed() {
    let game = standoff_game();
    let solution = Solution {
        method: standoff::solve::Method::Enum,
        exact: false,
        complete: false,
        equilibria: vec![equilibrium(&game, vec![vec![q(1), q(0)], vec![q(1), q(0)]])],
        components: vec![],
        notes: vec![],
    };
    let report = SolveReport::new(&game, &solution, None, vec![]);
    assert_eq!(report.equilibria[0].max_regret, Some(q(2)));
    let v: Value = serde_json::from_str(&Format::Json.render(&report).unwrap()).unwrap();
    assert_eq!(v["equilibria"][0]["max_regret"], "2");
    assert!(Format::Table.render(&report).unwrap().contains("max regret 2"));
}

// ---------------------------------------------------------------------------------------------
// The binary, end to end
// ---------------------------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn standoff() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("standoff");
    cmd.current_dir(root()).env("COLUMNS", "100").env_remove("NO_COLOR");
    cmd
}

const FIXTURE: &str = "tests/data/cli/standoff.toml";

fn stdout_of(args: &[&str]) -> String {
    let out = standoff().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn stderr_of(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn help() {
    insta::assert_snapshot!("help", stdout_of(&["--help"]));
    insta::assert_snapshot!("help_solve", stdout_of(&["solve", "--help"]));
    insta::assert_snapshot!("help_info", stdout_of(&["info", "--help"]));
    insta::assert_snapshot!("help_convert", stdout_of(&["convert", "--help"]));
    let completions = stdout_of(&["completions", "--help"]);
    assert!(completions.contains("bash") && completions.contains("powershell"), "{completions}");
}

#[test]
fn completions_bash() {
    let script = stdout_of(&["completions", "bash"]);
    assert!(script.contains("_standoff()"), "{script}");
    for word in ["solve", "info", "convert", "--scenario", "--method", "markdown", "lemke"] {
        assert!(script.contains(word), "missing {word}");
    }
    standoff().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn unknown_method_is_a_usage_error() {
    standoff()
        .args(["solve", FIXTURE, "--method", "simplex"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("simplex").and(predicate::str::contains("lemke")));
}

#[test]
fn bad_flags_are_usage_errors() {
    standoff().args(["solve", FIXTURE, "--format", "xml"]).assert().code(2);
    standoff().args(["solve", FIXTURE, "--start-label", "0"]).assert().code(2);
    standoff().args(["info", FIXTURE, "--format", "csv"]).assert().code(2);
    standoff().args(["convert", FIXTURE]).assert().code(2).stderr(predicate::str::contains("--to"));
    standoff().assert().code(2);
}

/// Writing into a closed pipe (`standoff ... | head`) must neither panic nor fail.
#[test]
fn closed_stdout_does_not_panic() {
    use std::process::{Command as Process, Stdio};
    let mut child = Process::new(assert_cmd::cargo::cargo_bin!("standoff"))
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Quietly: no message, and either success (the text fit in the pipe before the reader left)
    // or 141, the status of a process killed by SIGPIPE, as for streamed output.
    assert!(stderr.is_empty(), "{stderr}");
    assert!(out.status.success() || out.status.code() == Some(141), "{:?} {stderr}", out.status);
}

// --- These need the model loader (and the solvers for `solve`). ---

fn equilibria_set(json: &str) -> Vec<(Value, Value)> {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut eqs: Vec<(Value, Value)> =
        v["equilibria"].as_array().unwrap().iter().map(|e| (e["profile"].clone(), e["payoffs"].clone())).collect();
    eqs.sort_by_key(|e| e.0.to_string());
    eqs
}

fn expected_standoff() -> Vec<(Value, Value)> {
    let mut eqs = vec![
        (serde_json::json!([["1", "0"], ["0", "1"]]), serde_json::json!(["1", "4"])),
        (serde_json::json!([["1/2", "1/2"], ["1/3", "2/3"]]), serde_json::json!(["5/3", "3/2"])),
        (serde_json::json!([["0", "1"], ["1", "0"]]), serde_json::json!(["5", "1"])),
    ];
    eqs.sort_by_key(|e| e.0.to_string());
    eqs
}

#[test]
fn solve_fixture_every_format() {
    let json = stdout_of(&["solve", FIXTURE, "--format", "json"]);
    assert_eq!(equilibria_set(&json), expected_standoff());
    insta::assert_snapshot!("e2e_solve_json", json);
    insta::assert_snapshot!("e2e_solve_table", stdout_of(&["solve", FIXTURE]));
    insta::assert_snapshot!("e2e_solve_csv", stdout_of(&["solve", FIXTURE, "--format", "csv"]));
    insta::assert_snapshot!("e2e_solve_markdown", stdout_of(&["solve", FIXTURE, "--format", "markdown"]));
}

#[test]
fn solve_flagship_model() {
    let model = "models/standoff.toml";
    for format in ["table", "json", "csv", "markdown"] {
        stdout_of(&["solve", model, "--format", format]);
    }
    let json = stdout_of(&["solve", model, "--format", "json"]);
    assert_eq!(equilibria_set(&json), expected_standoff());
    let json = stdout_of(&["solve", model, "--scenario", "hawkish_us", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["scenario"], "hawkish_us");
    assert_eq!(v["parameters"]["us_sucker"], "-2");
    let json = stdout_of(&["solve", model, "--set", "us_sucker=-2", "--format", "json"]);
    let w: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(w["equilibria"], v["equilibria"], "--set and the scenario agree");
}

#[test]
fn solve_methods_and_labels() {
    let json = stdout_of(&["solve", FIXTURE, "--method", "pure", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["method"], "pure");
    assert_eq!(v["equilibria"].as_array().unwrap().len(), 2);
    let json = stdout_of(&["solve", FIXTURE, "--method", "lemke", "--start-label", "4", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["method"], "lemke");
    assert!(!v["equilibria"].as_array().unwrap().is_empty());
    standoff()
        .args(["solve", FIXTURE, "--method", "lemke", "--start-label", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--start-label 5"));
}

#[test]
fn info_fixture() {
    insta::assert_snapshot!("e2e_info_table", stdout_of(&["info", FIXTURE]));
    let json = stdout_of(&["info", FIXTURE, "--scenario", "hawkish_us", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["scenario"], "hawkish_us");
    assert_eq!(v["parameters"][1]["name"], "us_sucker");
    assert_eq!(v["parameters"][1]["value"], "-2");
    assert_eq!(v["parameters"][1]["default"], "1");
    assert_eq!(v["parameters"][1]["range"], serde_json::json!(["-10", "10"]));
}

#[test]
fn bad_set_value_is_a_usage_error() {
    let err = stderr_of(standoff().args(["solve", FIXTURE, "--set", "us_deal=abc"]).assert().code(2));
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("abc"), "{err}");
    assert_eq!(err.matches("error").count(), 1, "printed once: {err}");
    standoff().args(["solve", FIXTURE, "--set", "us_deal"]).assert().code(2);
    standoff()
        .args(["solve", FIXTURE, "--set", "no_such_parameter=1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no_such_parameter"));
    standoff()
        .args(["solve", FIXTURE, "--scenario", "no_such_scenario"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no_such_scenario"));
}

#[test]
fn missing_file_is_named() {
    standoff()
        .args(["solve", "tests/data/cli/does-not-exist.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: ").and(predicate::str::contains("does-not-exist.toml")));
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("standoff-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn entries(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn output_file() {
    let dir = scratch("output");
    let out = dir.join("eq.json");
    standoff().args(["solve", FIXTURE, "--format", "json", "-o"]).arg(&out).assert().success().stdout("");
    let json = std::fs::read_to_string(&out).unwrap();
    assert_eq!(equilibria_set(&json), expected_standoff());
    assert_eq!(entries(&dir), 1, "no temporary file left");

    // Into a directory that does not exist: an error naming the file, and nothing written anywhere.
    let missing = dir.join("missing").join("eq.json");
    standoff()
        .args(["solve", FIXTURE, "-o"])
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("eq.json"));
    assert!(!missing.exists());
    assert_eq!(entries(&dir), 1);

    // A failing run leaves an existing output untouched.
    standoff().args(["solve", FIXTURE, "--set", "nope=1", "-o"]).arg(&out).assert().failure();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), json);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn convert_round_trip() {
    let dir = scratch("convert");
    let nfg = dir.join("standoff.nfg");
    standoff().args(["convert", FIXTURE, "--to", "nfg", "-o"]).arg(&nfg).assert().success();
    let text = std::fs::read_to_string(&nfg).unwrap();
    assert!(text.starts_with("NFG 1 R"), "{text}");
    let json = stdout_of(&["solve", nfg.to_str().unwrap(), "--format", "json"]);
    assert_eq!(equilibria_set(&json), expected_standoff());
    let toml = stdout_of(&["convert", FIXTURE, "--to", "toml", "--scenario", "hawkish_us"]);
    assert!(toml.contains("Concede"), "{toml}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The shape of every command's JSON (documented in docs/json.md), pinned: the keys of each object,
/// recursively (first element of each array), so a renamed, dropped or reordered key fails here.
fn json_shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Array(m.iter().map(|(k, x)| serde_json::json!({ k.clone(): json_shape(x) })).collect())
        }
        Value::Array(a) => Value::Array(a.first().map(json_shape).into_iter().collect()),
        Value::String(_) => Value::from("string"),
        Value::Number(_) => Value::from("number"),
        Value::Bool(_) => Value::from("bool"),
        Value::Null => Value::Null,
    }
}

/// The key order of every command's JSON, taken from the raw text (serde_json's `Value` sorts keys).
fn key_order(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('"') {
            if let Some(end) = rest.find("\": ") {
                let k = rest[..end].to_string();
                if seen.insert(k.clone()) {
                    keys.push(k);
                }
            }
        }
    }
    keys
}

#[test]
fn every_command_json_shape_is_pinned() {
    let commands: &[(&str, &[&str])] = &[
        ("solve_tree", &["solve", "models/offer_first.toml", "--format", "json"]),
        ("solve_correlated", &["solve", "models/mediated.toml", "--method", "correlated", "--format", "json"]),
        ("region3", &["region", "models/coalition.toml", "--format", "json"]),
        ("compare", &["compare", "models/standoff.toml", "--scenario", "coalition_pressure", "--format", "json"]),
        ("thresholds", &["thresholds", "models/standoff.toml", "--param", "us_sucker=-5:5", "--format", "json"]),
        ("qre", &["qre", "models/standoff.toml", "--lambda", "1", "--format", "json"]),
    ];
    for (name, args) in commands {
        let text = stdout_of(args);
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        let pinned = serde_json::json!({ "shape": json_shape(&v), "key_order": key_order(&text) });
        insta::assert_json_snapshot!(format!("json_shape_{name}"), pinned);
    }
    // sweep: JSON Lines, one object per grid point.
    let text = stdout_of(&["sweep", "models/standoff.toml", "--param", "us_sucker=-1:1:2", "--format", "json"]);
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    insta::assert_json_snapshot!("json_shape_sweep", json_shape(&first));
}

/// Every command that writes a file says so on stderr (`wrote FILE`), with nothing on stdout;
/// `--quiet` (anywhere on the line) silences it. Issue 13: sweep, compare, attrition --plot and
/// convert -o used to write silently while plot printed to stdout.
#[test]
fn every_written_file_is_announced_on_stderr() {
    let dir = scratch("notice");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, Vec<String>)> = vec![
        (vec!["solve".into(), FIXTURE.into(), "-o".into(), p("s.txt")], vec![p("s.txt")]),
        (vec!["info".into(), FIXTURE.into(), "-o".into(), p("i.txt")], vec![p("i.txt")]),
        (
            vec!["convert".into(), FIXTURE.into(), "--to".into(), "nfg".into(), "-o".into(), p("c.nfg")],
            vec![p("c.nfg")],
        ),
        (
            vec![
                "sweep".into(),
                "models/standoff.toml".into(),
                "--param".into(),
                "us_sucker=-1:1:3".into(),
                "--format".into(),
                "csv".into(),
                "-o".into(),
                p("w.csv"),
                "--plot".into(),
                p("w.svg"),
            ],
            vec![p("w.csv"), p("w.svg")],
        ),
        (
            vec![
                "compare".into(),
                "models/standoff.toml".into(),
                "--scenario".into(),
                "hawkish_us".into(),
                "--plot".into(),
                p("cmp.svg"),
                "-o".into(),
                p("cmp.txt"),
            ],
            vec![p("cmp.svg"), p("cmp.txt")],
        ),
        (
            vec![
                "attrition".into(),
                "models/attrition.toml".into(),
                "--plot".into(),
                p("a.svg"),
                "-o".into(),
                p("a.txt"),
            ],
            vec![p("a.svg"), p("a.txt")],
        ),
        (
            vec!["qre".into(), FIXTURE.into(), "--plot".into(), p("q.svg"), "-o".into(), p("q.txt")],
            vec![p("q.svg"), p("q.txt")],
        ),
        (vec!["plot".into(), FIXTURE.into(), "-o".into(), p("r.svg")], vec![p("r.svg")]),
        (vec!["region".into(), FIXTURE.into(), "-o".into(), p("g.txt")], vec![p("g.txt")]),
        (vec!["report".into(), "models/standoff.toml".into(), "-o".into(), p("r.html")], vec![p("r.html")]),
        (
            vec![
                "thresholds".into(),
                FIXTURE.into(),
                "--param".into(),
                "us_sucker=-10:10".into(),
                "-o".into(),
                p("t.txt"),
            ],
            vec![p("t.txt")],
        ),
    ];
    for (args, files) in &cases {
        let out = standoff().args(args).assert().success().get_output().clone();
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        let err = String::from_utf8(out.stderr).unwrap();
        let expected: String = files.iter().map(|f| format!("wrote {f}\n")).collect();
        let mut got: Vec<&str> = err.lines().collect();
        let mut want: Vec<&str> = expected.lines().collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{args:?}");
        for f in files {
            assert!(Path::new(f).exists(), "{f}");
        }
        // --quiet silences the line, before or after the subcommand.
        let quiet = standoff().arg("--quiet").args(args).assert().success().get_output().clone();
        assert!(quiet.stderr.is_empty() && quiet.stdout.is_empty(), "{args:?} --quiet");
        let quiet = standoff().args(args).arg("-q").assert().success().get_output().clone();
        assert!(quiet.stderr.is_empty(), "{args:?} -q");
    }
    // Without -o, output to stdout is not announced.
    let out = standoff().args(["solve", FIXTURE]).assert().success().get_output().clone();
    assert!(out.stderr.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `plot` without `-o` creates `plots/` and says so (it used to create it silently).
#[test]
fn plot_without_output_says_it_created_plots() {
    let dir = scratch("plotdir");
    let model = root().join(FIXTURE);
    let run = || {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("standoff");
        let out = cmd.current_dir(&dir).arg("plot").arg(&model).assert().success().get_output().clone();
        String::from_utf8(out.stderr).unwrap()
    };
    let first = run();
    assert_eq!(
        first,
        "created directory plots/ for the chart (choose the file with -o)\nwrote plots/standoff-region.svg\n"
    );
    assert!(dir.join("plots/standoff-region.svg").exists());
    // The directory exists now: only the file is announced.
    assert_eq!(run(), "wrote plots/standoff-region.svg\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Regression (hostile4 audit): `plots` being a file gave `plots: File exists (os error 17)`.
#[test]
fn plot_without_output_when_plots_is_a_file_names_the_problem_and_the_flag() {
    let dir = scratch("plotfile");
    std::fs::write(dir.join("plots"), "not a directory").unwrap();
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("standoff");
    let out = cmd.current_dir(&dir).arg("plot").arg(root().join(FIXTURE)).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("plots: not a directory") && err.contains("-o"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("plots")).unwrap(), "not a directory");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `standoff man` prints a roff page; `--dir` writes one page per subcommand.
#[test]
fn man_pages() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".ie") || page.contains(".TH standoff 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS") || page.contains("solve"), "{page}");
    let dir = scratch("man");
    let out = standoff().args(["man", "--dir"]).arg(&dir).assert().success().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("standoff-solve.1"), "{err}");
    let solve = std::fs::read_to_string(dir.join("standoff-solve.1")).unwrap();
    assert!(solve.contains("\\-\\-method"), "{solve}");
    assert_eq!(std::fs::read_to_string(dir.join("standoff.1")).unwrap(), page);
    standoff()
        .args(["man", "--dir"])
        .arg(dir.join("missing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mkdir -p"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 13: a Gambit file with repeated strategy labels solves, and `solve` and `info` say
/// how the labels were told apart (table and JSON).
#[test]
fn duplicate_gambit_labels_are_noted() {
    let file = "tests/data/gambit/2x2_bimatrix_all_zero_payoffs.nfg";
    let table = stdout_of(&["solve", file]);
    assert!(table.contains("strategy 2 \"defect\" is shown as \"defect (2)\""), "{table}");
    let json: Value = serde_json::from_str(&stdout_of(&["solve", file, "--format", "json"])).unwrap();
    assert!(json["notes"][0].as_str().unwrap().contains("repeat a label"), "{json}");
    assert_eq!(json["game"]["strategies"][1], serde_json::json!(["defect", "defect (2)"]));
    let info = stdout_of(&["info", file]);
    assert!(info.contains("Notes:\n- the strategies of \"Dan\" repeat a label"), "{info}");
    let json: Value = serde_json::from_str(&stdout_of(&["info", file, "--format", "json"])).unwrap();
    assert!(json["notes"][0].as_str().unwrap().contains("defect (2)"), "{json}");
    // No notes key for a file without remarks.
    let json: Value = serde_json::from_str(&stdout_of(&["info", FIXTURE, "--format", "json"])).unwrap();
    assert!(json.get("notes").is_none());
}
