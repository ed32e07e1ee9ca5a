//! Keeps the README honest: the output it shows for the first set-up command must be what
//! `standoff solve models/standoff.toml` prints (lines shown verbatim, `...` lines skipped).

use assert_cmd::Command;

#[test]
fn readme_example_output_is_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let start = readme.find("The first command prints").expect("README lost its example");
    let block = &readme[start..];
    let open = block.find("```text\n").unwrap() + "```text\n".len();
    let close = block[open..].find("```").unwrap();
    let shown = &block[open..open + close];
    let out = Command::cargo_bin("standoff")
        .unwrap()
        .args(["solve", "models/standoff.toml"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success());
    let actual = String::from_utf8(out.stdout).unwrap();
    let mut checked = 0;
    for line in shown.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("...")) {
        assert!(
            actual.lines().any(|a| a == line),
            "README shows a line the tool no longer prints:\n{line}\n\nactual output:\n{actual}"
        );
        checked += 1;
    }
    assert!(checked > 20);
}

#[test]
fn readme_scenario_findings_are_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("standoff").unwrap().args(args).current_dir(root).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let pressure = run(&["solve", "models/standoff.toml", "--scenario", "coalition_pressure"]);
    assert!(pressure.contains("Concede 5/7, Hold 2/7"));
    assert!(pressure.contains("Hold/Hold 4/21"));
    assert!(pressure.contains("12/7"));
    let hawk = run(&["solve", "models/standoff.toml", "--scenario", "hawkish_us"]);
    assert!(hawk.contains("1 equilibrium"));
    let info = run(&["info", "models/standoff.toml"]);
    assert!(info.contains("Class: Chicken"));
    let info = run(&["info", "models/standoff.toml", "--scenario", "hawkish_us"]);
    assert!(info.contains("US has prisoner's-dilemma preferences, DPRK has chicken preferences"));
}

/// The sequential findings table: the number of subgame-perfect equilibria at each boundary and
/// on either side, as the README states them.
#[test]
fn readme_tree_findings_are_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let paths = |model: &str, set: &str| -> Vec<Vec<String>> {
        let out = Command::cargo_bin("standoff")
            .unwrap()
            .args(["solve", model, "--set", set, "--format", "json"])
            .current_dir(root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{model} {set}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["equilibria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect())
            .collect()
    };
    let hold = vec!["Hold".to_string()];
    let offer = vec!["Offer".to_string(), "Comply".to_string()];
    assert_eq!(paths("models/offer_first.toml", "aid_value=2"), vec![hold.clone()]);
    assert_eq!(paths("models/offer_first.toml", "aid_value=8/3"), vec![hold.clone(), offer.clone()]);
    assert_eq!(paths("models/offer_first.toml", "aid_value=3"), vec![offer.clone()]);
    assert_eq!(paths("models/offer_first.toml", "aid_value=22/3"), vec![hold.clone(), offer]);
    assert_eq!(paths("models/offer_first.toml", "aid_value=8"), vec![hold.clone()]);
    assert_eq!(paths("models/freeze_first.toml", "renege_cost=5/2").len(), 2);
    assert_eq!(
        paths("models/freeze_first.toml", "renege_cost=3"),
        vec![vec!["Freeze".to_string(), "Deliver".to_string()]]
    );
    assert_eq!(paths("models/freeze_first.toml", "renege_cost=1/2"), vec![hold]);
    assert_eq!(paths("models/coalition.toml", "credibility_after_engagement=2").len(), 2);
    assert_eq!(
        paths("models/coalition.toml", "credibility_after_engagement=3"),
        vec![vec!["Engage".to_string(), "Freeze".to_string()]]
    );
}
