//! `standoff report`: the HTML page's structure without a browser (sections and ids, no network
//! references, escaped model text, the explorer's embedded data against independent solves), the
//! Markdown format (snapshot), and a three-player tree. The page in a real browser is
//! `scripts/browser-test.sh`; six_party and attrition (about 30 s of CPU each in a debug build)
//! are covered there.

use assert_cmd::Command;
use serde_json::Value;
use standoff::model::{load, Settings};
use standoff::num::parse_q;
use standoff::output::{mixed_text, with_decimal};
use standoff::report::{build, html, md, Part, ReportOptions};
use standoff::solve::{solve, Method, SolveOptions};
use std::path::{Path, PathBuf};

fn model(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models").join(name)
}

fn standoff_html() -> String {
    html::render(&build(&model("standoff.toml"), &ReportOptions::default()).unwrap())
}

/// The JSON inside `<script type="application/json" id="explorer-data">`.
fn explorer_data(page: &str) -> Value {
    let start = page.find("id=\"explorer-data\">").expect("explorer data") + "id=\"explorer-data\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[test]
fn every_section_and_chart_is_present() {
    let page = standoff_html();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for id in ["overview", "findings", "parameters", "scenarios", "regimes", "regimes-table", "comparison"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "missing #{id}");
    }
    for id in ["comparison-chart", "explorer", "explorer-data", "explorer-controls", "explorer-output"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "missing #{id}");
    }
    // The defaults and the three scenarios, each with its parts; charts inline as SVG.
    for k in 0..4 {
        for part in ["setting", "equilibria", "class", "region", "chart", "correlated"] {
            assert!(page.contains(&format!("id=\"{part}-{k}\"")), "missing #{part}-{k}");
        }
        for chart in ["region", "chart"] {
            let at = page.find(&format!("<figure class=\"chart\" id=\"{chart}-{k}\">")).expect("chart figure");
            assert!(page[at..].trim_start_matches(|c| c != '\n').trim_start().starts_with("<svg"), "{chart}-{k}");
        }
    }
    assert!(!page.contains("<?xml"), "the SVG prolog is stripped");
    assert!(page.contains("@media print"));
    assert_eq!(page.matches("<svg").count(), 9, "4 settings x 2 charts + the comparison");
    assert!(!page.contains("id=\"attrition\""), "no attrition section for a one-shot game");
    // The flagship's numbers: three equilibria at the defaults, Chicken, the mixed one exact.
    assert!(page.contains("id=\"equilibria-0\" data-count=\"3\""));
    assert!(page.contains("<strong>Chicken</strong>"));
    assert!(page.contains("<td>Concede 1/2, Hold 1/2</td><td>5/3 (1.6667)</td>"));
    // coalition_pressure: the US concedes with 5/7.
    assert!(page.contains("Concede 5/7, Hold 2/7"));
}

#[test]
fn the_page_references_nothing_on_the_network() {
    let page = standoff_html();
    let lower = page.to_ascii_lowercase();
    for bad in ["src=\"http", "href=\"http", "src='http", "href='http", "<link", "@import", "url(http", "<script src"] {
        assert!(!lower.contains(bad), "found {bad}");
    }
    // The only http(s) text is the SVG namespace.
    let rest = lower.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!rest.contains("http://") && !rest.contains("https://"));
}

#[test]
fn the_thresholds_equal_those_of_the_thresholds_command() {
    let r = build(&model("standoff.toml"), &ReportOptions::default()).unwrap();
    let Part::Done(rows) = &r.regimes else { panic!("regime table skipped") };
    let row = rows.iter().find(|r| r.parameter == "us_sucker").unwrap();
    let t = row.thresholds.done().unwrap();
    let json = Command::cargo_bin("standoff")
        .unwrap()
        .args([
            "thresholds",
            model("standoff.toml").to_str().unwrap(),
            "--param",
            "us_sucker=-10:10",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let want: Vec<&str> = v["boundaries"].as_array().unwrap().iter().map(|b| b["value"].as_str().unwrap()).collect();
    let got: Vec<String> = t.boundaries.iter().map(|b| b.value.to_string()).collect();
    assert_eq!(got, want);
    assert_eq!(got, ["0", "3", "5"]);
    assert!(t.exact);
}

#[test]
fn the_explorer_data_equals_independent_solves_at_grid_points() {
    let page = standoff_html();
    let data = explorer_data(&page);
    assert_eq!(data["model"], model("standoff.toml").display().to_string());
    let params = data["params"].as_array().unwrap();
    assert_eq!(params.len(), 8);
    let mut checked = 0;
    for p in params.iter().filter(|p| ["us_sucker", "dprk_standoff"].contains(&p["name"].as_str().unwrap())) {
        let name = p["name"].as_str().unwrap();
        let values = p["values"].as_array().unwrap();
        assert_eq!(values.len(), 21, "-10..10 in steps of 1 includes the default");
        assert_eq!(values[p["default"].as_u64().unwrap() as usize], if name == "us_sucker" { "1" } else { "-1" });
        for k in [0, 7, 10, 13, 20] {
            let value = values[k].as_str().unwrap();
            let settings = Settings { scenario: None, set: vec![(name.to_string(), parse_q(value).unwrap())] };
            let loaded = load(&model("standoff.toml"), &settings).unwrap();
            let game = &loaded.game;
            let sol = solve(game, Method::Enum, &SolveOptions::default()).unwrap();
            let point = &p["points"][k];
            assert_eq!(point["total"].as_u64().unwrap() as usize, sol.equilibria.len(), "{name}={value}");
            for (e, shown) in sol.equilibria.iter().zip(point["eqs"].as_array().unwrap()) {
                for (i, pl) in game.players().iter().enumerate() {
                    let row = &shown["rows"][i];
                    assert_eq!(row[0], pl.name.as_str());
                    assert_eq!(row[1], mixed_text(&pl.strategies, &e.profile.probs[i]).as_str(), "{name}={value}");
                    assert_eq!(row[2], with_decimal(&e.payoffs[i]).as_str(), "{name}={value}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 10);
}

#[test]
fn model_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.toml");
    std::fs::write(
        &path,
        r#"title = "<script>alert('t')</script> & co"
description = "A <b>bold</b> \"claim\""
players = ["A<i>", "B&amp;"]
[parameters]
x = { default = 1, range = [0, 2], meaning = "</script><img src=x onerror=alert(1)>" }
[strategies]
"A<i>" = ["<L>", "R"]
"B&amp;" = ["l", "r"]
[payoffs]
"<L>, l" = ["x", 1]
"<L>, r" = [0, 0]
"R, l" = [0, 0]
"R, r" = [1, "x"]
[scenarios.s]
description = "<em>scenario</em>"
set = { x = 2 }
"#,
    )
    .unwrap();
    let r = build(&path, &ReportOptions::default()).unwrap();
    let page = html::render(&r);
    assert!(!page.contains("<script>alert"), "title not escaped");
    assert!(page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; co"));
    assert!(!page.contains("<b>bold</b>") && page.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(!page.contains("<em>scenario</em>"));
    assert!(!page.contains("<img src=x"), "the parameter's meaning is escaped, also in the explorer data");
    assert!(!page.contains("<L>") && !page.contains("A<i>"));
    // The embedded data cannot close its script element.
    let data = explorer_data(&page);
    assert_eq!(data["params"][0]["meaning"], "</script><img src=x onerror=alert(1)>");
    let md = md::render(&r);
    assert!(!md.contains("<script>") && md.contains("\\<script\\>"));
}

#[test]
fn markdown_of_the_flagship() {
    let r = build(Path::new("models/standoff.toml"), &ReportOptions::default()).unwrap();
    insta::assert_snapshot!("report_standoff_md", md::render(&r));
}

#[test]
fn a_three_player_tree_gets_a_report() {
    let r = build(&model("coalition.toml"), &ReportOptions::default()).unwrap();
    assert_eq!(r.players.len(), 3);
    let d = &r.settings[0];
    assert!(matches!(d.region, Part::Done(_)), "three-player region chart");
    assert!(matches!(d.chart, Part::Done(_)), "tree chart");
    assert!(matches!(&d.class, Part::Skipped(why) if why.contains("2x2")));
    let page = html::render(&r);
    assert!(page.contains("id=\"chart-0\""));
    assert!(explorer_data(&page)["header"][1] == "Information set");
}

/// A referee lets two players into a battle of the sexes (or not). Its pure SPEs both keep them
/// out (the referee gets 0 at either coordinated outcome, 1 outside); in the mixed one they
/// miscoordinate with probability 5/8, worth 5/2 to the referee, who lets them in. The findings
/// said "Play follows Out in every one of them": the mixed SPE has no pure path and was skipped.
const ENTRY_INTO_COORDINATION: &str = r#"title = "Entry into a coordination game"
kind = "tree"
players = ["Referee", "Row", "Col"]

[nodes.root]
player = "Referee"
actions = { Out = [1, 0, 0], In = "row" }

[nodes.row]
player = "Row"
actions = { B = "col_b", S = "col_s" }

[nodes.col_b]
player = "Col"
infoset = "col"
actions = { B = [0, 3, 1], S = [4, 0, 0] }

[nodes.col_s]
player = "Col"
infoset = "col"
actions = { B = [4, 0, 0], S = [0, 1, 3] }
"#;

#[test]
fn tree_findings_say_which_equilibria_follow_the_common_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entry.toml");
    std::fs::write(&path, ENTRY_INTO_COORDINATION).unwrap();
    let r = build(&path, &ReportOptions::default()).unwrap();
    let f = &r.settings[0].findings;
    assert!(f.iter().any(|l| l == "At the defaults there are 3 subgame-perfect equilibria."), "{f:#?}");
    assert!(!f.iter().any(|l| l.contains("every one of them")), "{f:#?}");
    assert!(
        f.iter().any(|l| l
            == "Play follows Out in 2 of them (payoffs Referee 1, Row 0, Col 0); the other one mixes on the path of play."),
        "{f:#?}"
    );
    // Where every SPE plays the same way the sentence says so: offer_first's scenarios and
    // coalition have one SPE each; attrition's deadline scenarios too.
    let r = build(&model("coalition.toml"), &ReportOptions::default()).unwrap();
    assert!(r.settings[0].findings.iter().any(|l| l.starts_with("Play follows Engage -> Freeze (payoffs")));
}

#[test]
fn cli_writes_html_and_markdown_and_refuses_unknown_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let m = model("standoff.toml");
    Command::cargo_bin("standoff")
        .unwrap()
        .args(["report", m.to_str().unwrap(), "--scenario", "hawkish_us", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("id=\"setting-1\"") && !page.contains("id=\"setting-2\""), "defaults + hawkish_us");
    let md = Command::cargo_bin("standoff")
        .unwrap()
        .args(["report", m.to_str().unwrap(), "--format", "md"])
        .output()
        .unwrap();
    assert!(String::from_utf8(md.stdout).unwrap().starts_with("# Who concedes first"));
    Command::cargo_bin("standoff")
        .unwrap()
        .args(["report", m.to_str().unwrap(), "--scenario", "nope"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown scenario `nope`"));
}

/// A short war of attrition (three periods) with two ranged parameters: its regime table is
/// computed (multistage models had none) and equals `standoff thresholds` over the same ranges.
#[test]
fn multistage_regime_table_equals_the_thresholds_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short_attrition.toml");
    std::fs::write(
        &path,
        r#"title = "Short war of attrition"
kind = "multistage"
players = ["US", "DPRK"]
horizon = "3"
discount = "9/10"
terminal = ["0", "dprk_deadline * 10"]
[parameters]
deal_value = { default = 0, range = [-20, 20], meaning = "payoff when both concede" }
dprk_deadline = { default = 0, range = [0, 1], meaning = "DPRK share of its prize at the horizon" }
[actions]
US = ["Concede", "Hold"]
DPRK = ["Concede", "Hold"]
[stage]
"Concede, Concede" = { stop = ["deal_value", "deal_value"] }
"Concede, Hold"    = { stop = [0, 10] }
"Hold, Concede"    = { stop = [10, 0] }
"Hold, Hold"       = { continue = [-2, -2] }
"#,
    )
    .unwrap();
    let r = build(&path, &ReportOptions::default()).unwrap();
    let Part::Done(rows) = &r.regimes else { panic!("regime table skipped: {:?}", r.regimes) };
    assert_eq!(rows.len(), 2);
    for (row, range) in rows.iter().zip(["-20:20", "0:1"]) {
        let t = row.thresholds.done().unwrap_or_else(|| panic!("{} skipped", row.parameter));
        let json = Command::cargo_bin("standoff")
            .unwrap()
            .args(["thresholds", path.to_str().unwrap(), "--param", &format!("{}={range}", row.parameter)])
            .args(["--format", "json"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&json.stdout).unwrap();
        let want: Vec<(String, String, String)> = v["boundaries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b["value"].as_str().unwrap().to_string(), b["left"].to_string(), b["right"].to_string()))
            .collect();
        let got: Vec<(String, String, String)> = t
            .boundaries
            .iter()
            .map(|b| {
                let s =
                    |x: &Option<String>| x.as_ref().map_or("null".to_string(), |l| Value::from(l.as_str()).to_string());
                (b.value.to_string(), s(&b.left), s(&b.right))
            })
            .collect();
        assert_eq!(got, want, "{}", row.parameter);
        assert!(!got.is_empty(), "{}: the regime changes over its range", row.parameter);
    }
    // The DPRK holds at the last period once 9/10 of its deadline share beats the cost: at 2/9.
    let deadline = rows[1].thresholds.done().unwrap();
    assert!(deadline
        .boundaries
        .iter()
        .any(|b| b.value == parse_q("2/9").unwrap() || b.candidate == parse_q("2/9").ok()));
    let page = html::render(&r);
    assert!(page.contains("id=\"regimes-table\""));
}

/// Gambit files have no parameters: the report shows the one game and says why the regime
/// table, the comparison and the explorer are left out.
#[test]
fn gambit_nfg_and_efg_files_get_a_report() {
    let games = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference/games");
    for (file, method) in [("contrib_games_pd.nfg", "enum"), ("catalog_books_watson2013_fig29_1.efg", "spe")] {
        let r = build(&games.join(file), &ReportOptions::default()).unwrap();
        assert_eq!(r.settings.len(), 1, "{file}");
        assert!(r.parameters.is_empty());
        let eqs = r.settings[0].equilibria.done().unwrap_or_else(|| panic!("{file}: no equilibria"));
        assert_eq!(eqs.method, method, "{file}");
        let loaded = load(&games.join(file), &Settings::default()).unwrap();
        let total = match &loaded.tree {
            None => solve(&loaded.game, Method::Auto, &SolveOptions::default()).unwrap().equilibria.len(),
            Some(t) => {
                standoff::solve::tree::solve_tree(t, Method::Auto, &SolveOptions::default()).unwrap().equilibria.len()
            }
        };
        assert_eq!(eqs.total, total, "{file}");
        let page = html::render(&r);
        for id in ["overview", "setting-0", "equilibria-0", "regimes", "comparison", "explorer", "explorer-output"] {
            assert!(page.contains(&format!("id=\"{id}\"")), "{file}: missing #{id}");
        }
        assert!(page.contains("a Gambit file has no parameters"), "{file}");
        assert!(!page.contains("id=\"explorer-data\""), "{file}: no explorer without parameters");
        let md = md::render(&r);
        assert!(md.contains("Equilibri"), "{file}");
    }
    // Scenarios do not apply.
    assert!(build(&games.join("contrib_games_pd.nfg"), &ReportOptions { scenarios: vec!["x".into()] }).is_err());
}

/// With few parameters the explorer embeds the product grid: every combination, each point what
/// `solve --set A=.. --set B=..` gives.
#[test]
fn the_product_grid_explorer_equals_independent_solves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.toml");
    std::fs::write(
        &path,
        r#"title = "Two parameters"
players = ["Row", "Col"]
[parameters]
a = { default = 1, range = [-2, 2], meaning = "row's payoff at (T, L)" }
b = { default = 0, range = [-1, 1], meaning = "col's payoff at (B, R)" }
[strategies]
Row = ["T", "B"]
Col = ["L", "R"]
[payoffs]
"T, L" = ["a", 1]
"T, R" = [0, 0]
"B, L" = [0, 0]
"B, R" = [1, "b"]
"#,
    )
    .unwrap();
    let page = html::render(&build(&path, &ReportOptions::default()).unwrap());
    assert!(page.contains("All parameters together"));
    let data = explorer_data(&page);
    assert!(data["params"].as_array().unwrap().is_empty(), "only the product grid is embedded");
    let axes = data["product"]["params"].as_array().unwrap();
    let points = data["product"]["points"].as_array().unwrap();
    assert_eq!(axes.len(), 2);
    let (na, nb) = (axes[0]["values"].as_array().unwrap().len(), axes[1]["values"].as_array().unwrap().len());
    assert_eq!((na, nb), (21, 21));
    assert_eq!(points.len(), na * nb);
    let mut checked = 0;
    for (ka, kb) in [(0, 0), (3, 17), (10, 10), (15, 2), (20, 20), (7, 11)] {
        let va = axes[0]["values"][ka].as_str().unwrap();
        let vb = axes[1]["values"][kb].as_str().unwrap();
        let settings = Settings {
            scenario: None,
            set: vec![("a".into(), parse_q(va).unwrap()), ("b".into(), parse_q(vb).unwrap())],
        };
        let loaded = load(&path, &settings).unwrap();
        let sol = solve(&loaded.game, Method::Auto, &SolveOptions::default()).unwrap();
        let point = &points[ka * nb + kb];
        assert_eq!(point["total"].as_u64().unwrap() as usize, sol.equilibria.len(), "a={va}, b={vb}");
        for (e, shown) in sol.equilibria.iter().zip(point["eqs"].as_array().unwrap()) {
            for (i, pl) in loaded.game.players().iter().enumerate() {
                assert_eq!(
                    shown["rows"][i][1],
                    mixed_text(&pl.strategies, &e.profile.probs[i]).as_str(),
                    "a={va}, b={vb}"
                );
                assert_eq!(shown["rows"][i][2], with_decimal(&e.payoffs[i]).as_str(), "a={va}, b={vb}");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 6);
    // The flagship's eight parameters are too many for a product grid: one at a time, and the page says why.
    let page = standoff_html();
    assert!(explorer_data(&page).get("product").is_none());
    assert!(page.contains("the sliders move one parameter at a time"));
}
