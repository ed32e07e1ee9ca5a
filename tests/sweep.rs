//! Sweeps, thresholds and comparisons through the command line.

use assert_cmd::Command;
use std::path::Path;

const MODEL: &str = "models/standoff.toml";

fn standoff() -> Command {
    let mut c = Command::cargo_bin("standoff").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn stdout(args: &[&str]) -> String {
    let out = standoff().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn stderr_of_failure(args: &[&str]) -> String {
    let out = standoff().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?} should be a usage error");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn sweep_rows_equal_solve_at_the_same_parameters() {
    let csv =
        stdout(&["sweep", MODEL, "--param", "us_sucker=-1:2:7", "--param", "dprk_standoff=-4:0:3", "--format", "csv"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("point,us_sucker,dprk_standoff,regime,equilibria,equilibrium,US:Concede"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 21);
    // Every point: the rows' solve columns equal `standoff solve --format csv` (without its header).
    for point in 0..21 {
        let mine: Vec<&str> = rows.iter().copied().filter(|r| r.starts_with(&format!("{point},"))).collect();
        let first: Vec<&str> = mine[0].split(',').collect();
        let (us, dprk) = (first[1], first[2]);
        let solved = stdout(&[
            "solve",
            MODEL,
            "--set",
            &format!("us_sucker={us}"),
            "--set",
            &format!("dprk_standoff={dprk}"),
            "--format",
            "csv",
        ]);
        let expected: Vec<&str> = solved.lines().skip(1).collect();
        assert_eq!(mine.len(), expected.len(), "point {point}");
        for (row, exp) in mine.iter().zip(&expected) {
            // Drop the regime (possibly quoted) by taking the last columns: equilibrium, 4 probabilities,
            // 2 payoffs, 4 outcomes.
            let cols: Vec<&str> = row.rsplitn(12, ',').collect();
            let mut tail: Vec<&str> = cols[..11].to_vec();
            tail.reverse();
            assert_eq!(tail[..7].join(","), *exp, "point {point}: {row}");
        }
    }
}

#[test]
fn shards_concatenate_byte_for_byte() {
    let normal = ["sweep", MODEL, "--param", "us_sucker=-2:2:9", "--param", "dprk_standoff=-3:2:7"];
    let tree = [
        "sweep",
        "models/coalition.toml",
        "--param",
        "credibility_after_engagement=0:4:9",
        "--param",
        "enforce_cost=0:3:4",
    ];
    for (args, format) in [(normal, "csv"), (normal, "json"), (tree, "csv"), (tree, "json")] {
        let whole = stdout(&[&args[..], &["--format", format]].concat());
        let mut joined = String::new();
        for k in 1..=4 {
            let shard = format!("{k}/4");
            joined.push_str(&stdout(&[&args[..], &["--format", format, "--shard", &shard]].concat()));
        }
        assert_eq!(joined, whole, "{format}");
    }
}

#[test]
fn output_is_the_same_with_one_or_two_threads() {
    let args = ["sweep", MODEL, "--param", "us_sucker=-3:3:41", "--param", "dprk_standoff=-5:2:41", "--format", "csv"];
    let run = |threads: &str| {
        let out = standoff().env("RAYON_NUM_THREADS", threads).args(args).output().unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn range_errors_are_usage_errors() {
    let e = stderr_of_failure(&["sweep", MODEL, "--param", "us_sucker=2:1:5"]);
    assert!(e.contains("empty"), "{e}");
    let e = stderr_of_failure(&["sweep", MODEL, "--param", "us_sucker=0:1:0"]);
    assert!(e.contains("zero steps"), "{e}");
    let e = stderr_of_failure(&["sweep", MODEL, "--param", "us_sucker=-20:1:5"]);
    assert!(e.contains("[-10, 10]"), "{e}");
    let e = stderr_of_failure(&["sweep", MODEL, "--param", "us_sucker=0:1"]);
    assert!(e.contains("NAME=START:STOP:STEPS"), "{e}");
    let e = stderr_of_failure(&["sweep", MODEL, "--param", "us_sucker=0:1:5", "--shard", "5/4"]);
    assert!(e.contains("K/N"), "{e}");
    let e = stderr_of_failure(&["thresholds", MODEL, "--param", "us_sucker=1:1"]);
    assert!(e.contains("empty"), "{e}");
    // Too many points is refused with the size and the cap.
    let out = standoff()
        .args(["sweep", MODEL, "--param", "us_sucker=0:1:1000", "--param", "us_win=0:1:1000", "--max-points", "1000"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains("1000 x 1000 points") && e.contains("cap of 1000"), "{e}");
}

#[test]
fn thresholds_json_has_exact_boundaries() {
    let json = stdout(&["thresholds", MODEL, "--param", "us_sucker=-10:10", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let values: Vec<&str> = v["boundaries"].as_array().unwrap().iter().map(|b| b["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["0", "3", "5"]);
    assert_eq!(v["exact"], true);
    assert!(v["boundaries"][0]["at"].as_str().unwrap().contains("{continuum}"));
    // A scenario is reported with the thresholds.
    let json = stdout(&[
        "thresholds",
        MODEL,
        "--scenario",
        "hawkish_us",
        "--param",
        "dprk_standoff=-10:10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["scenario"], "hawkish_us");
}

#[test]
fn compare_scenarios_in_every_format() {
    let base = ["compare", MODEL, "--scenario", "baseline", "--scenario", "coalition_pressure"];
    let table = stdout(&base);
    assert!(table.contains("P(US Concede) 1/2 -> 5/7"), "{table}");
    let md = stdout(&[&base[..], &["--format", "markdown"]].concat());
    // One Markdown escape for every report: `_` is escaped like the other eight characters.
    assert!(md.contains("| dprk\\_standoff | -1 | -4 |"), "{md}");
    let json = stdout(&[&base[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["columns"][1]["equilibria"][1]["outcomes"][3]["probability"], "4/21");
    let csv = stdout(&[&base[..], &["--format", "csv"]].concat());
    assert!(csv.lines().next().unwrap().ends_with("outcome:Hold/Hold"));
    assert_eq!(csv.lines().count(), 7);
    // One scenario: compared with the defaults.
    let one = stdout(&["compare", MODEL, "--scenario", "hawkish_us", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["columns"][0]["label"], "defaults");
    let e = stderr_of_failure(&["compare", MODEL]);
    assert!(e.contains("nothing to compare"), "{e}");
}

#[test]
fn charts_are_written() {
    let dir = tempfile::tempdir().unwrap();
    for (name, params) in
        [("one.svg", vec!["us_sucker=-2:6:81"]), ("map.png", vec!["us_sucker=-3:3:61", "dprk_standoff=-5:3:61"])]
    {
        let path = dir.path().join(name);
        let mut args = vec!["sweep", MODEL, "--format", "csv", "-o"];
        let csv = dir.path().join(format!("{name}.csv"));
        args.push(csv.to_str().unwrap());
        for p in &params {
            args.extend(["--param", p]);
        }
        args.extend(["--plot", path.to_str().unwrap()]);
        stdout(&args);
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size > 1000, "{name}: {size} bytes");
        assert!(Path::new(&csv).exists());
    }
}

#[test]
fn tree_sweep_rows_equal_solve_at_the_same_parameters() {
    // offer_first is a tree: the columns after `equilibrium` are those of `solve --format csv`.
    let csv = stdout(&["sweep", "models/offer_first.toml", "--param", "aid_value=2:8:7", "--format", "csv"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let solved_header = stdout(&["solve", "models/offer_first.toml", "--format", "csv"]);
    let solve_cols = solved_header.lines().next().unwrap();
    assert_eq!(header, format!("point,aid_value,regime,equilibria,{solve_cols}"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 7);
    for row in rows {
        let cols: Vec<&str> = row.splitn(5, ',').collect();
        let solved = stdout(&[
            "solve",
            "models/offer_first.toml",
            "--set",
            &format!("aid_value={}", cols[1]),
            "--format",
            "csv",
        ]);
        assert_eq!(cols[4], solved.lines().nth(1).unwrap(), "{row}");
    }
}

#[test]
fn tree_thresholds_are_exact_and_match_the_hand_derivations() {
    // Derivations in models/*.toml descriptions and the README findings:
    // offer_first: the DPRK complies iff aid_value >= 8/3; the US offers iff aid_value <= 22/3.
    // freeze_first: the US delivers iff renege_cost >= 5/2. coalition: China enforces after
    // engagement iff credibility_after_engagement >= 2.
    for (model, param, expected) in [
        ("models/offer_first.toml", "aid_value=0:10", vec!["8/3", "22/3"]),
        ("models/freeze_first.toml", "renege_cost=0:6", vec!["5/2"]),
        ("models/coalition.toml", "credibility_after_engagement=0:5", vec!["2"]),
        // type_uncertainty (imperfect information): the US offers iff 8p - 2 >= 3p, p >= 2/5. The
        // ends 0 and 1 are boundaries too: there one type is never met, so its replies drop out of
        // the path-of-play label.
        ("models/type_uncertainty.toml", "prob_pragmatic=0:1", vec!["0", "2/5", "1"]),
    ] {
        let json = stdout(&["thresholds", model, "--param", param, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["exact"], true, "{model}: {json}");
        let values: Vec<&str> =
            v["boundaries"].as_array().unwrap().iter().map(|b| b["value"].as_str().unwrap()).collect();
        assert_eq!(values, expected, "{model}");
        // At each boundary the tie gives both regimes' equilibria.
        for b in v["boundaries"].as_array().unwrap().iter().filter(|b| b["left"].is_string() && b["right"].is_string())
        {
            let at = b["at"].as_str().unwrap();
            assert!(at.contains("; "), "{model}: a tie should list several SPEs: {at}");
        }
    }
}

#[test]
fn compare_trees_by_path_and_leaf() {
    let base = ["compare", "models/offer_first.toml", "--scenario", "small_package", "--scenario", "snapback"];
    let v: serde_json::Value = serde_json::from_str(&stdout(&[&base[..], &["--format", "json"]].concat())).unwrap();
    // small_package: aid 3/2 < 8/3, so the DPRK would exploit and the US holds.
    assert_eq!(v["columns"][0]["regime"], "Hold");
    // snapback: a penalty of 2 for exploiting; the DPRK complies and the US offers.
    assert_eq!(v["columns"][1]["regime"], "Offer > Comply");
    assert_eq!(v["columns"][1]["equilibria"][0]["outcomes"][0]["profile"], "Offer > Comply");
    let csv = stdout(&[&base[..], &["--format", "csv"]].concat());
    assert!(
        csv.lines().next().unwrap().ends_with("outcome:Offer > Comply,outcome:Offer > Exploit,outcome:Hold"),
        "{csv}"
    );
    let table = stdout(&base);
    assert!(table.contains("regime: Hold -> Offer > Comply"), "{table}");
}

#[test]
fn compare_bar_chart_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("cmp.svg");
    let args = ["compare", MODEL, "--scenario", "baseline", "--scenario", "coalition_pressure", "--plot"];
    stdout(&[&args[..], &[svg.to_str().unwrap()]].concat());
    let text = std::fs::read_to_string(&svg).unwrap();
    // Both groups, each equilibrium's slot, the exact payoffs of the mixed equilibria, the outcome legend.
    for needle in ["baseline", "coalition_pressure", "E3", "12/7", "3/2", "Hold/Hold", "Equilibria"] {
        assert!(text.contains(needle), "{needle} missing from the chart");
    }
    let png = dir.path().join("cmp.png");
    stdout(&[&args[..], &[png.to_str().unwrap()]].concat());
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    // A chart file with an unknown extension is refused before any work.
    let out = standoff().args([&args[..], &["x.gif"]].concat()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The sweep, comparison and attrition charts in `plots/` are what `scripts/gallery.sh` draws today.
#[test]
fn gallery_sweep_charts_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases: [(&str, &[&str]); 7] = [
        ("attrition.svg", &["attrition", "models/attrition.toml", "--set", "horizon=12", "--select", "mixed"]),
        (
            "attrition_deadlines.svg",
            &[
                "attrition",
                "models/attrition.toml",
                "--scenario",
                "deadline_dprk",
                "--scenario",
                "deadline_us",
                "--select",
                "mixed",
            ],
        ),
        ("standoff-dprk_standoff.svg", &["sweep", MODEL, "--param", "dprk_standoff=-8:1:181"]),
        ("offer_first-aid_value.svg", &["sweep", "models/offer_first.toml", "--param", "aid_value=0:10:201"]),
        ("freeze_first-renege_cost.svg", &["sweep", "models/freeze_first.toml", "--param", "renege_cost=0:6:121"]),
        (
            "type_uncertainty-prob_pragmatic.svg",
            &["sweep", "models/type_uncertainty.toml", "--param", "prob_pragmatic=0:1:101"],
        ),
        (
            "standoff-compare.svg",
            &[
                "compare",
                MODEL,
                "--scenario",
                "baseline",
                "--scenario",
                "coalition_pressure",
                "--scenario",
                "hawkish_us",
            ],
        ),
    ];
    for (name, args) in cases {
        let out = dir.path().join(name);
        let mut all: Vec<&str> = args.to_vec();
        if args[0] == "sweep" {
            all.extend(["--format", "csv"]);
        }
        all.extend(["--plot", out.to_str().unwrap()]);
        stdout(&all);
        let fresh = std::fs::read_to_string(&out).unwrap();
        let current = std::fs::read_to_string(root.join("plots").join(name)).unwrap();
        assert!(fresh == current, "plots/{name} is out of date: run scripts/gallery.sh");
    }
}

/// `sweep --format table` lines were up to 579 characters wide (issue 13): every line fits in 100
/// columns, on the widest models (six players; the multistage model's long mixed labels; a tree
/// with chance; two swept parameters).
#[test]
fn sweep_table_lines_fit_in_100_columns() {
    let cases: [&[&str]; 5] = [
        &["sweep", "models/six_party.toml", "--param", "pressure=0:10:3"],
        &["sweep", "models/attrition.toml", "--param", "dprk_deadline=0:1:3"],
        &["sweep", "models/coalition.toml", "--param", "credibility_after_engagement=0:5:11"],
        &["sweep", "models/type_uncertainty.toml", "--param", "prob_pragmatic=0:1:6"],
        &["sweep", MODEL, "--param", "us_sucker=-1:2:4", "--param", "dprk_standoff=-2:0:2"],
    ];
    for args in cases {
        let text = stdout(args);
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "{args:?}: {} columns:\n{line}", line.chars().count());
        }
        assert!(text.contains("Regimes (") && text.contains("Points ("), "{text}");
    }
}

#[test]
fn sweep_table_snapshot() {
    let text = stdout(&["sweep", "models/type_uncertainty.toml", "--param", "prob_pragmatic=0:1:6"]);
    insta::assert_snapshot!("sweep_table_type_uncertainty", text);
    // Five SPEs of the war of attrition at dprk_deadline = 0 read "Concede > Hold -> 0, 10": once, counted.
    let text = stdout(&["sweep", "models/attrition.toml", "--param", "dprk_deadline=0:1:2"]);
    insta::assert_snapshot!("sweep_table_attrition", text);
}

/// One path notation (issue 13): the path of the same tree reads the same in `solve` (table and
/// CSV) and `sweep` (table and CSV), chance moves included; `thresholds` labels regimes with the
/// same notation.
#[test]
fn a_tree_path_reads_the_same_in_every_output() {
    let path = "[chance: Pragmatic 1/2] > Offer > Comply";
    let m = "models/type_uncertainty.toml";
    let solve = stdout(&["solve", m]);
    assert!(solve.contains(&format!("Path: {path}\n")), "{solve}");
    let csv = stdout(&["solve", m, "--format", "csv"]);
    assert!(csv.lines().nth(1).unwrap().ends_with(&format!(",{path}")), "{csv}");
    let sweep_args = ["sweep", m, "--param", "prob_pragmatic=0:1:3"];
    let sweep_csv = stdout(&[&sweep_args[..], &["--format", "csv"]].concat());
    let row = sweep_csv.lines().find(|l| l.starts_with("1,1/2,")).unwrap();
    assert!(row.ends_with(&format!(",{path}")), "{row}");
    let table = stdout(&sweep_args);
    assert!(table.contains(&format!("{path} -> 2, 7/2")), "{table}");
    // Without chance moves, the path of play is the regime label of `thresholds`.
    let m = "models/offer_first.toml";
    let solve = stdout(&["solve", m]);
    assert!(solve.contains("Path: Offer > Comply\n"), "{solve}");
    let th = stdout(&["thresholds", m, "--param", "aid_value=0:10"]);
    assert!(th.contains("above  Offer > Comply\n"), "{th}");
    let md = stdout(&["solve", m, "--format", "markdown"]);
    // Markdown escapes `>` in a cell; it renders as the same text.
    assert!(md.contains("| 1 | Offer \\> Comply |"), "{md}");
}
