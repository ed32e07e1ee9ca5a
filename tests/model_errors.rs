//! Malformed model and game files: every kind of mistake gives a located error with the exact
//! file:line:column and a useful message. Also: every shipped model loads (with every scenario),
//! the classic games' stated equilibria are equilibria, and no truncated input makes a parser panic.

use standoff::game::MixedProfile;
use standoff::model::{load, parse_assignment, parse_model, parse_nfg, Loaded, Settings};
use standoff::num::{frac, q, Q};
use standoff::Error;
use std::path::{Path, PathBuf};

/// A valid model; each test breaks one thing in it.
const GOOD: &str = r#"title = "Who concedes first"
description = "A test model"
players = ["US", "DPRK"]

[parameters]
us_deal = { default = 3, range = [-10, 10], meaning = "US payoff when both concede" }
share = "1/4"

[derived]
S = "us_deal * share"

[strategies]
US = ["Concede", "Hold"]
DPRK = ["Concede", "Hold"]

[payoffs]
"Concede, Concede" = ["us_deal", "S"]
"Concede, Hold" = [1, 4]
"Hold, Concede" = [5, "1/share"]
"Hold, Hold" = [0, "-1"]

[scenarios.baseline]
description = "Defaults"
[scenarios.squeeze]
set = { us_deal = -4 }
"#;

const GOOD_NFG: &str = "NFG 1 R \"PD\" { \"Row\" \"Col\" } { 2 2 }\n\"\"\n3 3 5 0 0 5 1 1\n";

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }

    fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.0.path().join(name);
        std::fs::write(&p, content).unwrap();
        p
    }
}

fn settings(scenario: Option<&str>, set: &[&str]) -> Settings {
    Settings { scenario: scenario.map(str::to_string), set: set.iter().map(|s| parse_assignment(s).unwrap()).collect() }
}

/// Loads `content` as `name` and returns the located error as ("line:col", message).
fn located(name: &str, content: &str, s: &Settings) -> (String, String) {
    let dir = Dir::new();
    let path = dir.write(name, content);
    match load(&path, s) {
        Err(Error::Model(e)) => {
            assert_eq!(e.location.file, path.display().to_string(), "the file is named as given");
            let shown = e.to_string();
            assert!(shown.contains('^'), "the error shows a caret: {shown}");
            (format!("{}:{}", e.location.line, e.location.column), e.message)
        }
        Err(other) => panic!("expected a located model error, got: {other}"),
        Ok(_) => panic!("expected an error for:\n{content}"),
    }
}

/// `GOOD` with one replacement, loaded with default settings.
fn toml_err(from: &str, to: &str) -> (String, String) {
    let src = GOOD.replacen(from, to, 1);
    assert_ne!(src, GOOD, "pattern {from:?} not in the model");
    located("m.toml", &src, &Settings::default())
}

fn usage(name: &str, content: &str, s: &Settings) -> String {
    let dir = Dir::new();
    let path = dir.write(name, content);
    match load(&path, s) {
        Err(Error::Parameter(m) | Error::WrongKind(m)) => m,
        Err(other) => panic!("expected a parameter or wrong-kind error, got: {other}"),
        Ok(_) => panic!("expected a usage error"),
    }
}

fn assert_gist(msg: &str, gist: &str) {
    assert!(msg.contains(gist), "message {msg:?} lacks {gist:?}");
}

#[test]
fn good_model_loads() {
    let dir = Dir::new();
    let path = dir.write("m.toml", GOOD);
    let l: Loaded = load(&path, &Settings::default()).unwrap();
    assert_eq!(l.values, vec![("us_deal".to_string(), q(3)), ("share".to_string(), frac(1, 4))]);
    assert_eq!(l.game.payoff(&[0, 0], 1), &frac(3, 4));
    assert_eq!(l.game.payoff(&[1, 0], 1), &q(4));
    let l = load(&path, &settings(Some("squeeze"), &["share=0.5", "us_deal=2", "us_deal=-7/2"])).unwrap();
    assert_eq!(l.values, vec![("us_deal".to_string(), frac(-7, 2)), ("share".to_string(), frac(1, 2))]);
    assert_eq!(l.game.payoff(&[0, 0], 1), &frac(-7, 4));
    assert!(l.model.is_some());
}

// ---- TOML syntax and keys ----

#[test]
fn toml_syntax_error() {
    let (at, msg) = toml_err("[strategies]", "[strategies");
    assert_eq!(at, "12:12");
    assert_gist(&msg, "TOML syntax error");
}

#[test]
fn toml_duplicate_key_is_a_syntax_error() {
    let (at, msg) = toml_err("\"Hold, Hold\" = [0, \"-1\"]", "\"Hold, Hold\" = [0, \"-1\"]\n\"Hold, Hold\" = [0, 0]");
    assert_eq!(at, "21:1");
    assert_gist(&msg, "duplicate key");
}

#[test]
fn unknown_top_level_key() {
    let (at, msg) = toml_err("[payoffs]", "[payof]");
    assert_eq!(at, "16:2");
    assert_gist(&msg, "unknown key `payof`; did you mean `payoff`?");
    assert_gist(&msg, "expected one of `title`, `description`");
}

#[test]
fn unknown_key_in_a_table() {
    let (at, msg) = toml_err("meaning =", "meening =");
    assert_eq!(at, "6:45");
    assert_gist(&msg, "unknown key `meening` in parameter `us_deal`; did you mean `meaning`?");
}

#[test]
fn unsupported_kind() {
    let (at, msg) = toml_err("players =", "kind = \"sequential\"\nplayers =");
    assert_eq!(at, "3:8");
    assert_gist(&msg, "unknown kind `sequential` (expected `normal` (a strategic-form game");
    assert_gist(&msg, "`tree` (a game tree");
    assert_gist(&msg, "`multistage` (a stage game");
}

/// Issue 13: a tree model without `kind = "tree"`, or with a misspelt kind, was told
/// "unknown key `root`". It is told the kind is missing or unknown, and the kinds are listed.
#[test]
fn tree_model_without_its_kind() {
    let tree = std::fs::read_to_string("models/offer_first.toml").unwrap();
    // Missing: the first tree-only key is named, with the fix.
    let src = tree.replacen("kind = \"tree\"\n", "", 1);
    assert_ne!(src, tree);
    let (at, msg) = located("offer_first.toml", &src, &Settings::default());
    assert_eq!(at, "22:2");
    assert_gist(&msg, "`nodes` is a key of tree models, but the file declares no `kind`");
    assert_gist(&msg, "this looks like a tree model: add kind = \"tree\"");
    assert_gist(&msg, "`normal`");
    assert_gist(&msg, "`multistage`");
    // With `root` first.
    let src = tree.replacen("kind = \"tree\"\n", "root = \"us\"\n", 1);
    let (_, msg) = located("offer_first.toml", &src, &Settings::default());
    assert_gist(&msg, "`root` is a key of tree models");
    assert_gist(&msg, "add kind = \"tree\"");
    // Misspelt: the kind is named unknown, with a suggestion, at the value.
    let src = tree.replacen("kind = \"tree\"", "kind = \"trees\"", 1);
    let (at, msg) = located("offer_first.toml", &src, &Settings::default());
    assert_eq!(at, "10:8");
    assert_gist(&msg, "unknown kind `trees`; did you mean `tree`?");
    assert_gist(&msg, "(expected `normal`");
    // A multistage model without its kind.
    let multi = std::fs::read_to_string("models/attrition.toml").unwrap();
    let src = multi.replacen("kind = \"multistage\"\n", "", 1);
    assert_ne!(src, multi);
    let (_, msg) = located("attrition.toml", &src, &Settings::default());
    assert_gist(&msg, "this looks like a multistage model: add kind = \"multistage\"");
    // A tree model with a normal-form key: which kind has it.
    let src = tree.replacen("[nodes.us]", "[strategies]\nUS = [\"a\"]\n\n[nodes.us]", 1);
    let (_, msg) = located("offer_first.toml", &src, &Settings::default());
    assert_gist(&msg, "`strategies` is a key of normal models, but this is a tree model (kind = \"tree\")");
}

#[test]
fn wrong_value_type() {
    let (at, msg) = toml_err("title = \"Who concedes first\"", "title = 3");
    assert_eq!(at, "1:9");
    assert_gist(&msg, "`title` must be a string, found an integer");
}

// ---- players and strategies ----

#[test]
fn duplicate_player() {
    let (at, msg) = toml_err("[\"US\", \"DPRK\"]", "[\"US\", \"US\"]");
    assert_eq!(at, "3:18");
    assert_gist(&msg, "duplicate label `US` in `players` (first given on line 3)");
}

#[test]
fn duplicate_strategy() {
    let (at, msg) = toml_err("DPRK = [\"Concede\", \"Hold\"]", "DPRK = [\"Hold\", \"Hold\"]");
    assert_eq!(at, "14:17");
    assert_gist(&msg, "duplicate label `Hold` in the strategies of `DPRK`");
}

#[test]
fn comma_in_label_with_payoffs_table() {
    let (at, msg) = toml_err("US = [\"Concede\", \"Hold\"]", "US = [\"Concede, fully\", \"Hold\"]");
    assert_eq!(at, "13:7");
    assert_gist(&msg, "contains a comma");
    assert_gist(&msg, "[[payoff]]");
}

#[test]
fn comma_in_label_is_fine_with_payoff_entries() {
    let src = r#"players = ["A", "B"]
[strategies]
A = ["x, y", "z"]
B = ["w"]
[[payoff]]
profile = ["x, y", "w"]
values = [1, 2]
[[payoff]]
profile = ["z", "w"]
values = ["1/2", 0.5]
"#;
    let g = parse_model("c.toml", src).unwrap().game(&Settings::default()).unwrap();
    assert_eq!(g.payoffs_at(1), &[frac(1, 2), frac(1, 2)]);
}

#[test]
fn player_without_strategies() {
    let (at, msg) = toml_err("DPRK = [\"Concede\", \"Hold\"]", "DPRK = []");
    assert_eq!(at, "14:8");
    assert_gist(&msg, "player `DPRK` has no strategies");
}

#[test]
fn strategies_for_unknown_player() {
    let (at, msg) = toml_err("DPRK = [", "DPKR = [");
    assert_eq!(at, "14:1");
    assert_gist(&msg, "`DPKR` is not a player; did you mean `DPRK`? (players: `US`, `DPRK`)");
}

#[test]
fn strategies_missing_a_player() {
    let (at, msg) = toml_err("DPRK = [\"Concede\", \"Hold\"]\n", "");
    assert_eq!(at, "12:1");
    assert_gist(&msg, "`[strategies]` gives no strategies for player `DPRK`");
}

// ---- payoffs ----

#[test]
fn profile_with_wrong_number_of_labels() {
    let (at, msg) = toml_err("\"Concede, Hold\" =", "\"Concede, Hold, Hold\" =");
    assert_eq!(at, "18:1");
    assert_gist(&msg, "names 3 strategies; expected 2 (one per player: `US`, `DPRK`");
}

#[test]
fn profile_with_unknown_label() {
    let (at, msg) = toml_err("\"Hold, Concede\" =", "\"Hold, Concde\" =");
    assert_eq!(at, "19:8");
    assert_gist(&msg, "`Concde` is not a strategy of `DPRK`; did you mean `Concede`?");
    assert_gist(&msg, "(strategies of `DPRK`: `Concede`, `Hold`)");
}

#[test]
fn unknown_label_in_payoff_entry() {
    let (at, msg) =
        toml_err("\"Hold, Hold\" = [0, \"-1\"]", "[[payoff]]\nprofile = [\"Hold\", \"Wait\"]\nvalues = [0, -1]");
    assert_eq!(at, "21:20");
    assert_gist(&msg, "`Wait` is not a strategy of `DPRK`");
}

#[test]
fn same_profile_twice() {
    let (at, msg) = toml_err("\"Hold, Hold\" = [0, \"-1\"]", "\"Hold, Hold\" = [0, \"-1\"]\n\"Hold,Hold\" = [0, 0]");
    assert_eq!(at, "21:1");
    assert_gist(&msg, "payoffs for profile `Hold, Hold` are given twice (first on line 20)");
}

#[test]
fn same_profile_in_both_forms() {
    let (at, msg) = toml_err(
        "\n[scenarios.baseline]",
        "\n[[payoff]]\nprofile = [\"Concede\", \"Hold\"]\nvalues = [0, 0]\n[scenarios.baseline]",
    );
    assert_eq!(at, "23:11");
    assert_gist(&msg, "payoffs for profile `Concede, Hold` are given twice (first on line 18)");
}

#[test]
fn missing_profile() {
    let (at, msg) = toml_err("\"Hold, Concede\" = [5, \"1/share\"]\n", "");
    assert_eq!(at, "16:1");
    assert_gist(&msg, "missing payoffs for profile `Hold, Concede`");
}

#[test]
fn wrong_number_of_payoff_values() {
    let (at, msg) = toml_err("\"Concede, Hold\" = [1, 4]", "\"Concede, Hold\" = [1]");
    assert_eq!(at, "18:19");
    assert_gist(&msg, "expected 2 payoffs (one per player: `US`, `DPRK`), found 1");
}

#[test]
fn payoff_value_of_wrong_type() {
    let (at, msg) = toml_err("\"Concede, Hold\" = [1, 4]", "\"Concede, Hold\" = [1, true]");
    assert_eq!(at, "18:23");
    assert_gist(&msg, "the payoff of `DPRK` must be a number or a string");
}

// ---- parameters, derived names, expressions ----

#[test]
fn parameter_clashes_with_derived() {
    let (at, msg) = toml_err("S = \"us_deal * share\"", "share = \"us_deal * 2\"");
    assert_eq!(at, "10:1");
    assert_gist(&msg, "`share` is already a parameter (line 7)");
}

#[test]
fn reserved_function_name() {
    let (at, msg) = toml_err("share = \"1/4\"", "max = \"1/4\"");
    assert_eq!(at, "7:1");
    assert_gist(&msg, "`max` is a function name and cannot be a parameter name");
}

#[test]
fn range_min_above_max() {
    let (at, msg) = toml_err("range = [-10, 10]", "range = [\"1/2\", 0.25]");
    assert_eq!(at, "6:34");
    assert_gist(&msg, "the range of `us_deal` is empty: minimum 1/2 is greater than maximum 1/4");
}

#[test]
fn default_outside_range() {
    let (at, msg) = toml_err("default = 3", "default = \"21/2\"");
    assert_eq!(at, "6:23");
    assert_gist(&msg, "the default 21/2 of `us_deal` is outside its range [-10, 10]");
}

#[test]
fn bad_parameter_number() {
    let (at, msg) = toml_err("share = \"1/4\"", "share = \"1/4x\"");
    assert_eq!(at, "7:13");
    assert_gist(&msg, "unexpected name `x`");
}

#[test]
fn unknown_identifier_in_payoff() {
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deel + 1\", \"S\"]");
    assert_eq!(at, "17:24");
    assert_gist(&msg, "unknown name `us_deel`; did you mean `us_deal`?");
}

#[test]
fn expression_syntax_error_inside_string() {
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deal\", \"(S + 1\"]");
    assert_eq!(at, "17:41");
    assert_gist(&msg, "expected `)`");
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deal\", \"S * * 2\"]");
    assert_eq!(at, "17:39");
    assert_gist(&msg, "unexpected `*`");
}

#[test]
fn escaped_string_points_at_its_start() {
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deal\", \"S \\u002B * 2\"]");
    assert_eq!(at, "17:34");
    assert_gist(&msg, "unexpected `*`");
}

#[test]
fn unknown_function_and_arity() {
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deal\", \"mix(S, 1)\"]");
    assert_eq!(at, "17:35");
    assert_gist(&msg, "unknown function `mix`; did you mean `min`?");
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deal\", \"1 + abs(S, 1)\"]");
    assert_eq!(at, "17:39");
    assert_gist(&msg, "`abs` takes exactly 1 argument, found 2");
}

#[test]
fn non_integer_exponent() {
    let (at, msg) = toml_err("[\"us_deal\", \"S\"]", "[\"us_deal\", \"S^share\"]");
    assert_eq!(at, "17:36");
    assert_gist(&msg, "the exponent 1/4 is not an integer");
}

#[test]
fn division_by_zero_in_payoff_under_set() {
    let dir = Dir::new();
    let path = dir.write("m.toml", GOOD);
    let Err(Error::Model(e)) = load(&path, &settings(None, &["share=0"])) else { panic!("expected a model error") };
    assert_eq!((e.location.line, e.location.column), (19, 25));
    assert_gist(&e.message, "division by zero (with share = 0)");
}

#[test]
fn division_by_zero_in_derived_and_in_constants() {
    let (at, msg) = toml_err("S = \"us_deal * share\"", "S = \"us_deal / (share - 1/4)\"");
    assert_eq!(at, "10:14");
    assert_gist(&msg, "division by zero (with us_deal = 3, share = 1/4) in derived `S`");
    let (at, msg) = toml_err("share = \"1/4\"", "share = \"1/(2-2)\"");
    assert_eq!(at, "7:11");
    assert_gist(&msg, "division by zero");
}

// ---- scenarios and settings ----

#[test]
fn scenario_sets_unknown_parameter() {
    let (at, msg) = toml_err("set = { us_deal = -4 }", "set = { us_dea = -4 }");
    assert_eq!(at, "25:9");
    assert_gist(&msg, "scenario `squeeze`: unknown parameter `us_dea`; did you mean `us_deal`?");
}

#[test]
fn scenario_value_outside_range() {
    let (at, msg) = toml_err("set = { us_deal = -4 }", "set = { us_deal = -11 }");
    assert_eq!(at, "25:19");
    assert_gist(&msg, "scenario `squeeze` sets `us_deal` to -11, outside its range [-10, 10]");
}

#[test]
fn unknown_scenario_is_a_usage_error() {
    let msg = usage("m.toml", GOOD, &settings(Some("squeez"), &[]));
    assert_gist(&msg, "unknown scenario `squeez`");
    assert_gist(&msg, "`baseline`, `squeeze`");
}

#[test]
fn set_unknown_parameter_is_a_usage_error() {
    let msg = usage("m.toml", GOOD, &settings(None, &["shares=1"]));
    assert_gist(&msg, "unknown parameter `shares`; did you mean `share`?");
}

#[test]
fn set_outside_range_is_a_usage_error() {
    let msg = usage("m.toml", GOOD, &settings(Some("baseline"), &["us_deal=21/2"]));
    assert_gist(&msg, "--set us_deal=21/2: the value is outside the range of `us_deal`, which is [-10, 10]");
}

#[test]
fn set_on_nfg_is_a_usage_error() {
    let msg = usage("g.nfg", GOOD_NFG, &settings(None, &["x=1"]));
    assert_gist(&msg, "has no parameters");
    let msg = usage("g.nfg", GOOD_NFG, &settings(Some("baseline"), &[]));
    assert_gist(&msg, "has no scenarios");
}

#[test]
fn bad_assignments() {
    for (s, gist) in [
        ("us_deal", "has no `=`"),
        ("=3", "names no parameter"),
        ("1x=3", "is not a parameter name"),
        ("x=abc", "is not a number"),
        ("x=1/0", "divides by zero"),
    ] {
        match parse_assignment(s) {
            Err(Error::Parameter(m)) => {
                assert_gist(&m, gist);
                assert_gist(&m, "e.g. `--set us_deal=-7/2`");
            }
            other => panic!("{s}: expected a parameter error, got {other:?}"),
        }
    }
    assert_eq!(parse_assignment(" us_deal = -7/2 ").unwrap(), ("us_deal".to_string(), frac(-7, 2)));
    assert_eq!(parse_assignment("x=0.25").unwrap().1, frac(1, 4));
    assert_eq!(parse_assignment("x=1e-2").unwrap().1, frac(1, 100));
}

#[test]
fn unsupported_extension_and_missing_file() {
    let msg = usage("m.json", "{}", &Settings::default());
    assert_gist(&msg, "expected a `.toml` model or a Gambit `.nfg` or `.efg` game");
    let set = Settings { scenario: None, set: vec![("x".into(), standoff::num::q(1))] };
    let msg = usage("m.efg", "EFG 2 R \"\" { \"A\" } \"\" t \"\" 0", &set);
    assert_gist(&msg, "has no parameters");
    let dir = Dir::new();
    let missing = dir.0.path().join("nope.toml");
    match load(&missing, &Settings::default()) {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

// ---- Gambit .nfg ----

fn nfg_err(content: &str) -> (String, String) {
    located("g.nfg", content, &Settings::default())
}

#[test]
fn nfg_loads() {
    let dir = Dir::new();
    let l = load(&dir.write("g.nfg", GOOD_NFG), &Settings::default()).unwrap();
    assert!(l.model.is_none() && l.values.is_empty());
    assert_eq!(l.game.payoff(&[1, 0], 0), &q(5));
}

#[test]
fn nfg_wrong_header() {
    let (at, msg) = nfg_err("NGF 1 R \"PD\" { \"Row\" \"Col\" } { 2 2 }\n1 1 1 1 1 1 1 1");
    assert_eq!(at, "1:1");
    assert_gist(&msg, "expected the header `NFG 1 R`");
    let (at, msg) = nfg_err("NFG 2 R \"PD\" { \"Row\" } { 1 }\n1");
    assert_eq!(at, "1:5");
    assert_gist(&msg, "unsupported .nfg version `2`");
    let (at, msg) = nfg_err("NFG 1 X \"PD\" { \"Row\" } { 1 }\n1");
    assert_eq!(at, "1:7");
    assert_gist(&msg, "expected the number kind `R` (rational) or `D` (decimal), found `X`");
}

#[test]
fn nfg_truncated() {
    let (at, msg) = nfg_err("NFG 1 R \"PD\" { \"Row\" \"Col\" } { 2 ");
    assert_eq!(at, "1:34");
    assert_gist(&msg, "the file ends too early");
    let (at, msg) = nfg_err("NFG 1 R \"PD\" { \"Row\" \"Col\" } { 2 2 }\n\"\"\n3 3 5 0 0");
    assert_eq!(at, "3:10");
    assert_gist(&msg, "too few payoffs: expected 8 (4 profiles x 2 players), found 5; the file may be truncated");
}

#[test]
fn nfg_too_many_payoffs() {
    let (at, msg) = nfg_err("NFG 1 R \"PD\" { \"Row\" \"Col\" } { 2 2 }\n\"\"\n3 3 5 0 0 5 1 1\n7");
    assert_eq!(at, "4:1");
    assert_gist(&msg, "too many payoffs: expected 8");
}

#[test]
fn nfg_bad_number() {
    let (at, msg) = nfg_err("NFG 1 R \"PD\" { \"Row\" \"Col\" } { 2 2 }\n\"\"\n3 3 5 0.0.1 0 5 1 1");
    assert_eq!(at, "3:7");
    assert_gist(&msg, "bad number");
    let (at, msg) = nfg_err("NFG 1 R \"PD\" { \"Row\" \"Col\" } { 2 2 }\n\"\"\n3 3 5 0 0 5 1 x");
    assert_eq!(at, "3:15");
    assert_gist(&msg, "expected a payoff (a number), found `x`");
}

/// Repeated labels were errors here; Gambit accepts them, and so do we (issue 13): the later
/// ones are renamed and a note says so (more in tests/regression.rs).
#[test]
fn nfg_duplicate_labels_are_renamed() {
    let g = parse_nfg("d.nfg", "NFG 1 R \"PD\" { \"Row\" \"Row\" } { 2 2 }\n3 3 5 0 0 5 1 1").unwrap();
    assert_eq!(g.players()[1].name, "Row (2)");
    assert!(g.notes[0].contains("player 2 \"Row\" is shown as \"Row (2)\""), "{:?}", g.notes);
    let g = parse_nfg(
        "d.nfg",
        "NFG 1 R \"PD\" { \"Row\" \"Col\" }\n{ { \"C\" \"D\" }\n{ \"C\" \"C\" } }\n\"\"\n3 3 5 0 0 5 1 1",
    )
    .unwrap();
    assert_eq!(g.players()[1].strategies, ["C", "C (2)"]);
    assert!(g.notes[0].contains("the strategies of \"Col\" repeat a label"), "{:?}", g.notes);
}

#[test]
fn nfg_outcome_errors() {
    let head = "NFG 1 R \"\" { \"A\" \"B\" }\n{ { \"1\" \"2\" } { \"1\" } }\n\"\"\n";
    let (at, msg) = nfg_err(&format!("{head}{{ {{ \"\" 1, 2 }} {{ \"\" 3, 4 }} }}\n1 3\n"));
    assert_eq!(at, "5:3");
    assert_gist(&msg, "outcome index 3 out of range: there are 2 outcomes");
    let (at, msg) = nfg_err(&format!("{head}{{ {{ \"\" 1, 2 }}\n{{ \"\" 3 }} }}\n1 2\n"));
    assert_eq!(at, "5:1");
    assert_gist(&msg, "outcome 2 has 1 payoffs; expected 2");
    let (at, msg) = nfg_err(&format!("{head}{{ {{ \"\" 1, 2 }} }}\n1"));
    assert_eq!(at, "5:2");
    assert_gist(&msg, "too few outcome indices: expected 2");
    let (at, msg) = nfg_err(&format!("{head}{{ {{ \"\" 1, 2 }} }}\n1 1 1"));
    assert_eq!(at, "5:5");
    assert_gist(&msg, "too many outcome indices");
}

// ---- shipped models ----

fn model_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml" || x == "nfg") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models"), &mut out);
    out.sort();
    out
}

#[test]
fn every_model_loads_with_every_scenario() {
    let files = model_files();
    assert!(files.len() >= 7, "{files:?}");
    for f in files {
        let l = load(&f, &Settings::default()).unwrap_or_else(|e| panic!("{e}"));
        let Some(model) = l.model else { continue };
        assert!(!model.title.is_empty(), "{}: no title", f.display());
        assert!(model.description.len() > 40, "{}: the description should state the question", f.display());
        for p in &model.parameters {
            assert!(!p.meaning.is_empty(), "{}: parameter `{}` has no meaning", f.display(), p.name);
        }
        for s in &model.scenarios {
            let l =
                load(&f, &settings(Some(&s.name), &[])).unwrap_or_else(|e| panic!("{} / {}: {e}", f.display(), s.name));
            assert_eq!(l.values.len(), model.parameters.len());
        }
    }
}

#[test]
fn standoff_model_matches_the_spec() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/standoff.toml");
    let l = load(&path, &Settings::default()).unwrap();
    let expected: [(&str, i64); 8] = [
        ("us_deal", 3),
        ("us_sucker", 1),
        ("us_win", 5),
        ("us_standoff", 0),
        ("dprk_deal", 2),
        ("dprk_sucker", 1),
        ("dprk_win", 4),
        ("dprk_standoff", -1),
    ];
    let got: Vec<(String, Q)> = l.values.clone();
    assert_eq!(got, expected.iter().map(|(n, v)| (n.to_string(), q(*v))).collect::<Vec<_>>());
    let model = l.model.unwrap();
    assert!(model.parameters.iter().all(|p| p.range == Some((q(-10), q(10)))));
    let names: Vec<&str> = model.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["baseline", "coalition_pressure", "hawkish_us"]);
    let g = l.game;
    assert_eq!(g.payoffs_at(g.profile_index(&[0, 1])), &[q(1), q(4)]);
    assert_eq!(g.payoffs_at(g.profile_index(&[1, 0])), &[q(5), q(1)]);
    let g = load(&path, &settings(Some("coalition_pressure"), &[])).unwrap().game;
    assert_eq!(g.payoff(&[1, 1], 1), &q(-4));
    let g = load(&path, &settings(Some("hawkish_us"), &[])).unwrap().game;
    assert_eq!(g.payoff(&[0, 1], 0), &q(-2));
}

/// Pure equilibria by brute force.
fn pure_equilibria(g: &standoff::NormalForm) -> Vec<Vec<usize>> {
    g.profiles().filter(|p| g.max_regret(&MixedProfile::pure(g, p)) == q(0)).collect()
}

fn mixed(probs: &[&[Q]]) -> MixedProfile {
    MixedProfile { probs: probs.iter().map(|p| p.to_vec()).collect() }
}

#[test]
fn classic_games_have_the_stated_equilibria() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/classics");
    let game = |f: &str| load(&dir.join(f), &Settings::default()).unwrap().game;
    let (t, h) = (frac(2, 3), frac(1, 3));

    let g = game("prisoners_dilemma.toml");
    assert_eq!(pure_equilibria(&g), vec![vec![1, 1]]);
    let harmony = load(&dir.join("prisoners_dilemma.toml"), &settings(Some("harmony"), &[])).unwrap().game;
    assert_eq!(pure_equilibria(&harmony), vec![vec![0, 0]]);

    let g = game("chicken.toml");
    assert_eq!(pure_equilibria(&g), vec![vec![1, 0], vec![0, 1]]);
    let m = mixed(&[&[t.clone(), h.clone()], &[t.clone(), h.clone()]]);
    assert_eq!(g.max_regret(&m), q(0));
    assert_eq!(g.expected_payoffs(&m), vec![frac(14, 3), frac(14, 3)]);

    let g = game("stag_hunt.toml");
    assert_eq!(pure_equilibria(&g), vec![vec![0, 0], vec![1, 1]]);
    let m = mixed(&[&[frac(3, 4), frac(1, 4)], &[frac(3, 4), frac(1, 4)]]);
    assert_eq!(g.max_regret(&m), q(0));
    assert_eq!(g.expected_payoffs(&m), vec![q(3), q(3)]);

    let g = game("battle_of_the_sexes.toml");
    assert_eq!(pure_equilibria(&g), vec![vec![0, 0], vec![1, 1]]);
    let m = mixed(&[&[frac(3, 5), frac(2, 5)], &[frac(2, 5), frac(3, 5)]]);
    assert_eq!(g.max_regret(&m), q(0));
    assert_eq!(g.expected_payoffs(&m), vec![frac(6, 5), frac(6, 5)]);

    let g = game("matching_pennies.toml");
    assert!(pure_equilibria(&g).is_empty());
    let m = mixed(&[&[frac(1, 2), frac(1, 2)], &[frac(1, 2), frac(1, 2)]]);
    assert_eq!(g.max_regret(&m), q(0));
    assert!(g.is_zero_sum());

    let g = game("rock_paper_scissors.toml");
    assert!(pure_equilibria(&g).is_empty());
    let third = [h.clone(), h.clone(), h.clone()];
    let m = mixed(&[&third, &third]);
    assert_eq!(g.max_regret(&m), q(0));
    assert_eq!(g.expected_payoffs(&m), vec![q(0), q(0)]);
    assert!(g.is_zero_sum());
}

// ---- robustness ----

/// Cut points: every byte for short inputs, otherwise a few hundred spread over the text.
fn cuts(len: usize) -> Vec<usize> {
    if len <= 1500 {
        (0..=len).collect()
    } else {
        let step = len / 500;
        (0..=len).step_by(step.max(1)).chain(std::iter::once(len)).collect()
    }
}

fn prefix(s: &str, mut i: usize) -> &str {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

#[test]
fn truncated_inputs_never_panic() {
    let mut inputs: Vec<(String, String)> =
        model_files().into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect();
    inputs.push(("good.toml".into(), GOOD.into()));
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference/games");
    for e in std::fs::read_dir(&reference).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "nfg") {
            inputs.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
        }
    }
    let mut checked = 0;
    for (name, text) in &inputs {
        for cut in cuts(text.len()) {
            let part = prefix(text, cut);
            // Feed every input to both parsers: the wrong format must fail cleanly too.
            let _ = parse_nfg(name, part);
            if let Ok(m) = parse_model(name, part) {
                let _ = m.game(&Settings::default());
            }
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn the_documented_example_loads() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model-format.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let len = doc[start..].find("```").unwrap();
    let model = parse_model("example.toml", &doc[start..start + len]).unwrap_or_else(|e| panic!("{e}"));
    let g = model.game(&settings(Some("coalition_pressure"), &[])).unwrap();
    // dprk_standoff - S/10 with S = 9/10 * 10.
    assert_eq!(g.payoff(&[1, 1], 1), &frac(-49, 10));
    assert_eq!(model.derived[0].name, "S");
}

#[test]
fn documented_error_display() {
    let src = GOOD.replacen("[\"us_deal\", \"S\"]", "[\"us_dael\", \"S\"]", 1);
    let e = parse_model("models/example.toml", &src).unwrap_err();
    let shown = e.to_string();
    let expected = "models/example.toml:17:24: unknown name `us_dael`; did you mean `us_deal`?\n   |\n17 | \"Concede, Concede\" = [\"us_dael\", \"S\"]\n   |                        ^";
    assert_eq!(shown, expected);
}

#[test]
fn mutated_inputs_never_panic() {
    let mut inputs: Vec<String> = model_files().iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    inputs.push(GOOD.to_string());
    inputs.push(GOOD_NFG.to_string());
    let mut checked = 0;
    for text in &inputs {
        let bytes = text.as_bytes();
        // Every 13th byte; files over 10 kB (the 96-profile six_party model, whose every
        // mutation rebuilds six scenarios) at 100 positions.
        let step = if bytes.len() > 10_000 { bytes.len() / 100 } else { 13 };
        for pos in (0..bytes.len()).step_by(step) {
            if !bytes[pos].is_ascii() {
                continue;
            }
            for c in ["\"", "{", "[", "]", "\n", "0", "/", "^", "(", ",", "=", "\\", "'", "x"] {
                let mutated = format!("{}{c}{}", &text[..pos], &text[pos + 1..]);
                let _ = parse_nfg("m", &mutated);
                if let Ok(m) = parse_model("m", &mutated) {
                    let _ = m.game(&Settings::default());
                    for s in &m.scenarios {
                        let _ = m.game(&settings(Some(&s.name), &[]));
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 4_000, "{checked}");
}

/// The tree models, cut at every byte: every strict prefix that drops a node the rest of the
/// tree refers to is an error (never a panic), and whatever parses also builds (or fails)
/// cleanly as a tree, and solves.
#[test]
fn tree_models_cut_at_every_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let mut checked = 0;
    for name in ["offer_first.toml", "freeze_first.toml", "coalition.toml", "type_uncertainty.toml"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(parse_model(name, &text).unwrap().is_tree(), "{name}");
        // Before the last node's header, the last node is missing, and some node leads to it.
        let last_node = text.rfind("\n[nodes.").unwrap();
        for cut in 0..=text.len() {
            let part = prefix(&text, cut);
            let built = parse_model(name, part).map_err(|e| e.to_string()).and_then(|m| {
                let t = m.tree(&Settings::default()).map_err(|e| e.to_string())?;
                standoff::solve::tree::solve_tree(&t, standoff::solve::Method::Auto, &Default::default())
                    .map_err(|e| e.to_string())?;
                Ok(())
            });
            if cut <= last_node {
                let msg = built.expect_err(&format!("{name} cut at byte {cut} should not load"));
                assert!(!msg.is_empty());
            }
            checked += 1;
        }
    }
    assert!(checked > 8_000, "{checked}");
}

/// Gambit `.efg` files cut at many points never make the parser (or the solver) panic.
#[test]
fn truncated_efg_never_panics() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference/games");
    let mut checked = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&reference)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "efg"))
        .collect();
    files.sort();
    for p in files.iter().take(20) {
        let text = std::fs::read_to_string(p).unwrap();
        for cut in cuts(text.len()) {
            // A prefix may still be a valid game (`t "" 16 ...` cut to `t "" 1` names an earlier
            // outcome), so only the absence of panics is required; what parses must also solve.
            if let Ok(t) = standoff::model::parse_efg("t.efg", prefix(&text, cut)) {
                let _ = standoff::solve::tree::solve_tree(&t, standoff::solve::Method::Auto, &Default::default());
            }
            checked += 1;
        }
    }
    assert!(checked > 2_000, "{checked}");
}

/// Issue 13: non-UTF-8 input. UTF-16 (what some Windows editors save) is recognised, with or
/// without a byte-order mark, and the user is told to save it as UTF-8; other encodings get the
/// byte offset with line and column; binary files are called binary.
#[test]
fn non_utf8_input_is_explained() {
    let dir = Dir::new();
    let load_err = |name: &str, bytes: &[u8]| -> String {
        let p = dir.0.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        match load(&p, &Settings::default()) {
            Err(e @ Error::Model(_)) => e.to_string(),
            Err(other) => panic!("expected a model error, got {other}"),
            Ok(_) => panic!("{name} loaded"),
        }
    };
    let utf16le = |bom: bool| -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
        out
    };
    let e = load_err("bom.toml", &utf16le(true));
    assert_gist(&e, "bom.toml:1:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
    let mut be = vec![0xFE, 0xFF];
    be.extend(GOOD_NFG.encode_utf16().flat_map(u16::to_be_bytes));
    assert_gist(&load_err("be.nfg", &be), "the file is UTF-16");
    let e = load_err("nobom.toml", &utf16le(false));
    assert_gist(&e, "nobom.toml:1:2: the file looks like UTF-16 (every other byte is NUL); save it as UTF-8");
    assert_gist(&e, "a NUL byte at byte 1");
    // Latin-1: `é` as one byte 0xE9 on line 2, column 26.
    let latin1 = GOOD.replacen("A test model", "A test mod\u{e9}le", 1);
    let bytes: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
    let e = load_err("latin1.toml", &bytes);
    let offset = GOOD.find("A test model").unwrap() + "A test mod".len();
    assert_gist(&e, &format!("latin1.toml:2:26: invalid UTF-8 at byte {offset}: model and game files must be UTF-8"));
    assert_gist(&e, "save the file as UTF-8");
    // Binary: a PNG header.
    let e = load_err("image.nfg", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    assert_gist(&e, "image.nfg:1:1: invalid UTF-8 at byte 0: this looks like a binary file");
}
