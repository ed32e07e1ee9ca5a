//! Charts: SVG structure snapshots, PNG rendering with only the embedded font, the `plot` command.

use assert_cmd::Command;
use standoff::analysis::region::{analyze, analyze3};
use standoff::model::{load, load_game, LoadedGame, Settings};
use standoff::plot::best_response::{BestResponseChart, PayoffLinesChart};
use standoff::plot::region::{RegionChart, RegionChart3};
use standoff::plot::tree::TreeChart;
use standoff::plot::{render_rgb, render_svg, write_chart, Chart};
use standoff::solve::tree::solve_tree;
use standoff::solve::{solve, SolveOptions};
use standoff::NormalForm;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn model(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn game(rel: &str) -> NormalForm {
    load(&model(rel), &Settings::default()).unwrap().game
}

fn region_chart(rel: &str) -> RegionChart {
    let g = game(rel);
    RegionChart::new(&g, analyze(&g).unwrap(), None)
}

fn best_response_chart(rel: &str) -> BestResponseChart {
    let g = game(rel);
    let eq = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap().equilibria;
    BestResponseChart::new(&g, eq, Some("baseline".into())).unwrap()
}

fn tree_chart(rel: &str, method: standoff::solve::Method, n: usize) -> TreeChart {
    let LoadedGame::Tree(t) = load_game(&model(rel), &Settings::default()).unwrap() else {
        panic!("{rel}: not a tree")
    };
    let sol = solve_tree(&t.tree, method, &SolveOptions::default()).unwrap();
    let total = sol.equilibria.len();
    let note = format!("Highlighted: equilibrium {n} of {total} ({})", sol.method);
    TreeChart::new(&t.tree, sol.equilibria.get(n - 1), Some(note), None).unwrap()
}

/// A normalized description of an SVG document: how many elements of each kind, and every text.
fn structure(svg: &str) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut texts = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        if name.is_empty() {
            continue;
        }
        *counts.entry(name.clone()).or_default() += 1;
        if name == "text" {
            if let (Some(open), Some(close)) = (rest.find('>'), rest.find("</text>")) {
                texts.push(rest[open + 1..close].trim().to_string());
            }
        }
    }
    let mut out = String::new();
    for (k, v) in counts {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push_str("texts:\n");
    for t in texts {
        out.push_str(&format!("  {t}\n"));
    }
    out
}

#[test]
fn region_svg_structure() {
    let svg = render_svg(&region_chart("models/mediated.toml")).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    let s = structure(&svg);
    // Every element is present: title, axis names, the four labelled profiles, the legend.
    for needle in [
        "Payoff region: China as mediator",
        "US&apos;s payoff",
        "DPRK&apos;s payoff",
        "Concede/Concede (6, 6)",
        "Hold/Hold (0, 0)",
        "Correlated equilibria",
        "Mixed Nash equilibrium",
        "Pareto frontier",
        "Best CE payoffs: (21/4, 21/4)",
    ] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("region_mediated_svg", s);
}

#[test]
fn best_response_svg_structure() {
    let svg = render_svg(&best_response_chart("models/standoff.toml")).unwrap();
    let s = structure(&svg);
    for needle in ["P(US plays Concede)", "Hold/Concede: payoffs (5, 1)", "p = 1/2, q = 1/3: payoffs (5/3, 3/2)"] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("best_response_standoff_svg", s);
}

#[test]
fn svg_is_deterministic() {
    let a = render_svg(&region_chart("models/standoff.toml")).unwrap();
    let b = render_svg(&region_chart("models/standoff.toml")).unwrap();
    assert_eq!(a, b);
}

/// Text is drawn from the embedded font only: nothing here touches fontconfig or system fonts,
/// and the title row must contain dark glyph pixels.
#[test]
fn png_renders_with_the_embedded_font() {
    let chart = region_chart("models/mediated.toml");
    let (w, h) = chart.size();
    let buf = render_rgb(&chart).unwrap();
    assert_eq!(buf.len(), (w * h * 3) as usize);
    let title_rows = &buf[..(w * 40 * 3) as usize];
    let dark = title_rows.chunks(3).filter(|p| p.iter().all(|&c| c < 100)).count();
    assert!(dark > 500, "no title glyphs ({dark} dark pixels)");
    let colours: std::collections::BTreeSet<&[u8]> = buf.chunks(3).collect();
    assert!(colours.len() > 20, "only {} colours", colours.len());

    let dir = tempfile::tempdir().unwrap();
    for (name, chart_png) in [("r.png", true), ("b.png", false)] {
        let path = dir.path().join(name);
        if chart_png {
            write_chart(&chart, &path).unwrap();
        } else {
            write_chart(&best_response_chart("models/standoff.toml"), &path).unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(bytes.len() > 10_000, "{name}: {} bytes", bytes.len());
    }
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn best_response_needs_a_2x2_game() {
    let g = game("models/classics/rock_paper_scissors.toml");
    assert!(BestResponseChart::new(&g, vec![], None).is_err());
}

fn standoff_cmd() -> Command {
    Command::cargo_bin("standoff").unwrap()
}

#[test]
fn plot_command_default_path_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let m = model("models/mediated.toml");
    let out = standoff_cmd().current_dir(dir.path()).args(["plot", m.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("plots/mediated-region.svg").is_file());
    let out = standoff_cmd()
        .current_dir(dir.path())
        .args(["plot", m.to_str().unwrap(), "--kind", "best-response", "--scenario", "costly_standoff"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("plots/mediated-costly_standoff-best-response.svg").is_file());
    // PNG by extension.
    let png = dir.path().join("x.png");
    let out = standoff_cmd().args(["plot", m.to_str().unwrap(), "-o", png.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    // Unknown extension: a usage error, and nothing written.
    let bad = dir.path().join("x.jpg");
    let out = standoff_cmd().args(["plot", m.to_str().unwrap(), "-o", bad.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!bad.exists());
    // Best response of a 3x3 game: refused with a reason.
    let rps = model("models/classics/rock_paper_scissors.toml");
    let out = standoff_cmd()
        .args([
            "plot",
            rps.to_str().unwrap(),
            "--kind",
            "best-response",
            "-o",
            dir.path().join("r.svg").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2x2"));
}

/// The gallery in `plots/` is current: `scripts/gallery.sh` regenerates it after a change to the
/// charts or the models.
#[test]
fn gallery_is_current() {
    let current = |file: &str| std::fs::read_to_string(model(&format!("plots/{file}"))).unwrap();
    assert_eq!(render_svg(&region_chart("models/standoff.toml")).unwrap(), current("standoff-region.svg"));
    assert_eq!(render_svg(&region_chart("models/mediated.toml")).unwrap(), current("mediated-region.svg"));
    let g = game("models/mediated.toml");
    let eq = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap().equilibria;
    let chart = BestResponseChart::new(&g, eq, None).unwrap();
    assert_eq!(render_svg(&chart).unwrap(), current("mediated-best-response.svg"), "run scripts/gallery.sh");
    let tree = |rel: &str| {
        let LoadedGame::Tree(t) = load_game(&model(rel), &Settings::default()).unwrap() else { panic!("{rel}") };
        t.tree
    };
    assert_eq!(render_svg(&region_chart3("models/coalition.toml")).unwrap(), current("coalition-region.svg"));
    let g =
        load(&model("models/offer_first.toml"), &Settings { scenario: Some("generous_upfront".into()), set: vec![] })
            .unwrap()
            .game;
    let chart = RegionChart::new(&g, analyze(&g).unwrap(), Some("scenario generous_upfront".into()));
    assert_eq!(render_svg(&chart).unwrap(), current("offer_first-generous_upfront-region.svg"));
    for name in ["offer_first", "coalition", "type_uncertainty"] {
        let t = tree(&format!("models/{name}.toml"));
        let sol = solve_tree(&t, standoff::solve::Method::Auto, &SolveOptions::default()).unwrap();
        let what =
            if sol.method == standoff::solve::Method::Spe { "subgame-perfect equilibrium" } else { "equilibrium" };
        let note = format!("Highlighted: {what} 1 of {} ({})", sol.equilibria.len(), sol.method);
        let chart = TreeChart::new(&t, sol.equilibria.first(), Some(note), None).unwrap();
        assert_eq!(render_svg(&chart).unwrap(), current(&format!("{name}-tree.svg")), "run scripts/gallery.sh");
    }
}

#[test]
fn tree_svg_structure() {
    let svg = render_svg(&tree_chart("models/type_uncertainty.toml", standoff::solve::Method::Enum, 1)).unwrap();
    let s = structure(&svg);
    for needle in [
        "Game tree: Type uncertainty: is North Korea pragmatic or resolute?",
        "Pragmatic (1/2)",
        "Resolute (1/2)",
        "Yield: 2/3",
        "Resist: 1/3",
        "(-2, 4)",
        "Chance",
        "Information set",
        "Equilibrium path",
        "Equilibrium payoffs: (2, 7/2)",
    ] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("tree_type_uncertainty_svg", s);
    let s = structure(&render_svg(&tree_chart("models/coalition.toml", standoff::solve::Method::Auto, 1)).unwrap());
    for needle in ["China", "(5/2, -1, 1)", "Highlighted: equilibrium 1 of 1 (spe)"] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("tree_coalition_svg", s);
}

/// The tree chart's text comes from the embedded font too: the PNG has title glyphs and the
/// players' colours.
#[test]
fn tree_png_renders_with_the_embedded_font() {
    let chart = tree_chart("models/offer_first.toml", standoff::solve::Method::Auto, 1);
    let (w, h) = chart.size();
    let buf = render_rgb(&chart).unwrap();
    assert_eq!(buf.len(), (w * h * 3) as usize);
    let title_rows = &buf[..(w * 40 * 3) as usize];
    let dark = title_rows.chunks(3).filter(|p| p.iter().all(|&c| c < 100)).count();
    assert!(dark > 300, "no title glyphs ({dark} dark pixels)");
    // White text inside the coloured player boxes: some white pixels among the box colour.
    let colours: std::collections::BTreeSet<&[u8]> = buf.chunks(3).collect();
    assert!(colours.contains(&[200u8, 45, 45][..]) && colours.contains(&[35u8, 95, 200][..]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.png");
    write_chart(&chart, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn plot_tree_command() {
    let dir = tempfile::tempdir().unwrap();
    let m = model("models/type_uncertainty.toml");
    let out =
        standoff_cmd().current_dir(dir.path()).args(["plot", m.to_str().unwrap(), "--kind", "tree"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("plots/type_uncertainty-tree.svg").is_file());
    let out = standoff_cmd()
        .current_dir(dir.path())
        .args([
            "plot",
            m.to_str().unwrap(),
            "--kind",
            "tree",
            "--method",
            "enum",
            "--equilibrium",
            "7",
            "-o",
            "seven.svg",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(dir.path().join("seven.svg")).unwrap();
    assert!(svg.contains("Comply: 7/16") && svg.contains("equilibrium 7 of 10"));
    // Out of range: a usage error naming the count.
    let out = standoff_cmd()
        .current_dir(dir.path())
        .args(["plot", m.to_str().unwrap(), "--kind", "tree", "--method", "enum", "--equilibrium", "11", "-o", "x.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10 equilibria"));
    // A strategic-form model has no tree; --equilibrium needs --kind tree.
    let med = model("models/mediated.toml");
    let out = standoff_cmd()
        .current_dir(dir.path())
        .args(["plot", med.to_str().unwrap(), "--kind", "tree"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("game trees"));
    let out = standoff_cmd()
        .current_dir(dir.path())
        .args(["plot", med.to_str().unwrap(), "--equilibrium", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A 2x3 game (Row mixes, Col's three payoff lines) and a 3x2 game (Col mixes, Row's lines).
const TWO_BY_THREE: &str = r#"
title = "Two by three"
players = ["Row", "Col"]
[strategies]
Row = ["Up", "Down"]
Col = ["Left", "Middle", "Right"]
[payoffs]
"Up, Left" = [1, 3]
"Up, Middle" = [0, 1]
"Up, Right" = [0, 1]
"Down, Left" = [0, 0]
"Down, Middle" = [2, 2]
"Down, Right" = [1, 1]
"#;

const THREE_BY_TWO: &str = r#"
title = "Three by two"
players = ["Row", "Col"]
[strategies]
Row = ["Top", "Middle", "Bottom"]
Col = ["Left", "Right"]
[payoffs]
"Top, Left" = [4, 0]
"Top, Right" = [1, 2]
"Middle, Left" = [0, 1]
"Middle, Right" = [3, 0]
"Bottom, Left" = [2, 1]
"Bottom, Right" = [2, 1]
"#;

fn lines_chart(src: &str) -> PayoffLinesChart {
    let g = standoff::model::Model::parse("g.toml", src).unwrap().game(&Settings::default()).unwrap();
    let eq = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap().equilibria;
    PayoffLinesChart::new(&g, eq, None).unwrap()
}

#[test]
fn payoff_lines_svg_structure() {
    let s = structure(&render_svg(&lines_chart(TWO_BY_THREE)).unwrap());
    for needle in [
        "p = P(Row plays Up)",
        "Col&apos;s expected payoff",
        "Col: Middle",
        "Upper envelope (best response)",
        "Best response changes at p = 1/2",
        "Up/Left: payoffs (1, 3)",
        "p = 1/2, Col Left 2/3, Middle 1/3: (2/3, 3/2)",
    ] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("payoff_lines_2x3_svg", s);
    let s = structure(&render_svg(&lines_chart(THREE_BY_TWO)).unwrap());
    for needle in
        ["p = P(Col plays Left)", "Row&apos;s expected payoff", "Row: Bottom", "Best response changes at p = 1/3"]
    {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("payoff_lines_3x2_svg", s);
}

#[test]
fn plot_best_response_of_2xn_and_nx2_games() {
    let dir = tempfile::tempdir().unwrap();
    for (name, src) in [("a.toml", TWO_BY_THREE), ("b.toml", THREE_BY_TWO)] {
        std::fs::write(dir.path().join(name), src).unwrap();
        let out = standoff_cmd()
            .current_dir(dir.path())
            .args(["plot", name, "--kind", "best-response", "-o", "x.png"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read(dir.path().join("x.png")).unwrap().starts_with(b"\x89PNG"));
    }
}

fn region_chart3(rel: &str) -> RegionChart3 {
    let g = game(rel);
    RegionChart3::new(&g, analyze3(&g).unwrap(), None)
}

#[test]
fn region3_svg_structure() {
    let s = structure(&render_svg(&region_chart3("models/coalition.toml")).unwrap());
    for needle in [
        "Payoff region: Coalition: pressure needs China",
        "US&apos;s payoff",
        "DPRK&apos;s payoff",
        "China&apos;s payoff",
        "(2.5, -1)",
        "(-7, -2)",
        "Correlated minmax: (-1, -6, 0)",
        "3-D hull: 6 vertices, 8 facets",
        "Pareto-optimal vertex",
        "(5/2, -1, 1)",
    ] {
        assert!(s.contains(needle), "missing {needle}:\n{s}");
    }
    insta::assert_snapshot!("region3_coalition_svg", s);
}

#[test]
fn region_chart_draws_component_payoff_sets() {
    let g =
        load(&model("models/offer_first.toml"), &Settings { scenario: Some("generous_upfront".into()), set: vec![] })
            .unwrap()
            .game;
    let chart = RegionChart::new(&g, analyze(&g).unwrap(), Some("scenario generous_upfront".into()));
    let s = structure(&render_svg(&chart).unwrap());
    assert!(s.contains("Equilibrium component payoffs"), "{s}");
    let plain = structure(&render_svg(&region_chart("models/mediated.toml")).unwrap());
    assert!(!plain.contains("Equilibrium component"));
}

/// The gallery trees: every node box and text box (edge labels, payoffs, information-set names)
/// is disjoint from every other, for each of the models' equilibria.
#[test]
fn model_tree_labels_do_not_overlap() {
    for name in ["offer_first", "freeze_first", "coalition", "type_uncertainty"] {
        let LoadedGame::Tree(t) = load_game(&model(&format!("models/{name}.toml")), &Settings::default()).unwrap()
        else {
            panic!("{name}")
        };
        let sol = solve_tree(&t.tree, standoff::solve::Method::Auto, &SolveOptions::default()).unwrap();
        let mut choices: Vec<Option<&standoff::solve::tree::TreeEquilibrium>> = vec![None];
        choices.extend(sol.equilibria.iter().map(Some));
        for eq in choices {
            let l = standoff::plot::tree::layout(&t.tree, eq).unwrap();
            let boxes = l.boxes();
            for (i, a) in boxes.iter().enumerate() {
                assert!(a.x >= 0 && a.x + a.w <= l.width && a.y + a.h <= l.height, "{name}: {a:?} outside");
                for b in &boxes[i + 1..] {
                    assert_eq!(a.overlap(b), 0, "{name}: {a:?} overlaps {b:?}");
                }
            }
        }
    }
}

/// Issue 13 (charts): the standoff sweep names the strategies on the probability axis, keys the
/// equilibrium that exists only at `dprk_standoff = 1` as a mark at one point (it was keyed as a
/// line nobody could see), and writes SVG text in the DejaVu Sans font stack.
#[test]
fn sweep_chart_names_strategies_and_keys_only_what_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.svg");
    let out = standoff_cmd()
        .args(["sweep", model("models/standoff.toml").to_str().unwrap(), "--param", "dprk_standoff=-8:1:181"])
        .args(["--format", "csv", "--plot", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(&path).unwrap();
    let s = structure(&svg);
    assert!(s.contains("\n  P(US plays Concede), P(DPRK plays Concede)\n"), "{s}");
    assert!(!s.contains("first strategy"), "{s}");
    let keys: Vec<&str> = s.lines().map(str::trim).filter(|l| l.contains(" in ")).collect();
    assert_eq!(keys.len(), 4 + 8, "{keys:#?}");
    for k in &keys {
        let single = k.contains("in mixed(Hold/Concede+Hold)");
        assert_eq!(k.ends_with("(at one point)"), single, "{k}");
    }
    assert!(svg.contains("font-family=\"DejaVu Sans, sans-serif\"") && !svg.contains("font-family=\"sans-serif\""));
}

/// Issue 13 (charts): a regime map with more regimes than the palette has colours repeats a
/// colour only with a pattern (hatching) drawn over it, on the map and in the legend.
#[test]
fn regime_map_hatches_regimes_past_the_palette() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.svg");
    let out = standoff_cmd()
        .args(["sweep", model("models/standoff.toml").to_str().unwrap()])
        .args(["--param", "us_sucker=-5:5:41", "--param", "dprk_standoff=-8:5:41"])
        .args(["--format", "csv", "-o", dir.path().join("m.csv").to_str().unwrap(), "--plot", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(&path).unwrap();
    let regimes =
        structure(&svg).lines().filter(|l| l.starts_with("  Concede/Hold") || l.starts_with("  Hold/")).count();
    assert!(regimes > 12, "{regimes} regimes: the test needs more than the palette");
    // Hatch strokes are thin black (60 %) lines; without hatching there are none.
    let hatch = svg.matches("opacity=\"0.6\" stroke=\"#000000\"").count();
    assert!(hatch > 20, "{hatch} hatch strokes");
}
