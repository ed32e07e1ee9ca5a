//! Keeps the README honest: the output it shows for the first set-up command must be what
//! `standoff solve models/standoff.toml` prints (lines shown verbatim, `...` lines skipped);
//! every shell command of the README and docs/ runs as written; every local link resolves.

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

// ---------------------------------------------------------------------------------------------
// Every shell command the README (and docs/) shows runs as written
// ---------------------------------------------------------------------------------------------

/// Commands not run, each with the reason. A command is matched by its start (comments and
/// continuation lines removed); an entry that matches nothing is an error, so the list cannot
/// go stale.
const SKIP: &[(&str, &str)] = &[
    ("cargo test", "the test suite itself: this test is part of it"),
    ("scripts/browser-test.sh", "run by .ci/run after cargo test; it installs Chromium and builds the release binary"),
];

/// Documents whose `sh` blocks are run.
const DOCUMENTS: &[&str] =
    &["README.md", "docs/model-format.md", "docs/six_party.md", "docs/json.md", "docs/models.md"];

/// Directories copied into the scratch checkout the commands run in.
const COPIED: &[&str] = &["models", "tests/data", "scripts"];

/// One shell command: where it is, the text as the shell gets it, and the text without comments.
#[derive(Debug)]
struct ShellCommand {
    at: String,
    text: String,
    bare: String,
}

/// The commands of every ```` ```sh ```` block of `doc` (lines ending in `\` continue).
fn shell_commands(root: &std::path::Path, doc: &str) -> Vec<ShellCommand> {
    let text = std::fs::read_to_string(root.join(doc)).unwrap();
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current = String::new();
    let mut start = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_block = !in_block && line.trim() == "```sh";
            continue;
        }
        if !in_block {
            continue;
        }
        if current.is_empty() {
            start = i + 1;
        }
        current.push_str(line);
        if line.trim_end().ends_with('\\') {
            current.push('\n');
            continue;
        }
        let text = std::mem::take(&mut current);
        let bare = text
            .lines()
            .map(|l| l.trim_end().trim_end_matches('\\'))
            .map(|l| match l.find(" #") {
                Some(k) => &l[..k],
                None => l,
            })
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !bare.is_empty() {
            out.push(ShellCommand { at: format!("{doc}:{start}"), text, bare });
        }
    }
    assert!(!in_block, "{doc}: an ```sh block is not closed");
    out
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs every shell command of the README and docs/ in a scratch copy of the repository, with
/// `standoff` on PATH as the binary under test (`cargo run --release --` mapped to it), HOME a
/// fresh empty directory (so `~/.local/...` paths start missing, as on a new account), and
/// `STANDOFF` set for scripts that take a prebuilt binary. Every command must exit 0.
#[test]
fn every_documented_command_runs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().join("repo");
    for dir in COPIED {
        copy_dir(&root.join(dir), &work.join(dir));
    }
    let home = scratch.path().join("home");
    let bin = scratch.path().join("bin");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_standoff"));
    std::os::unix::fs::symlink(&exe, bin.join("standoff")).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());

    let mut used = vec![false; SKIP.len()];
    let mut ran = 0;
    let mut failures = Vec::new();
    for doc in DOCUMENTS {
        for cmd in shell_commands(root, doc) {
            if let Some(k) = SKIP.iter().position(|(start, _)| cmd.bare.starts_with(start)) {
                used[k] = true;
                continue;
            }
            let text = cmd.text.replacen("cargo run --release --", "standoff", 1);
            assert!(
                cmd.bare.starts_with("standoff ")
                    || cmd.bare.starts_with("cargo run --release -- ")
                    || cmd.bare.starts_with("mkdir -p ")
                    || cmd.bare.starts_with("scripts/"),
                "{}: `{}` is neither a standoff command nor in the skip list (with a reason)",
                cmd.at,
                cmd.bare
            );
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&text)
                .current_dir(&work)
                .env("PATH", &path)
                .env("HOME", &home)
                .env("STANDOFF", &exe)
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            ran += 1;
            if !out.status.success() {
                failures.push(format!(
                    "{}: `{}` failed ({}):\n{}",
                    cmd.at,
                    cmd.bare,
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    for (k, (start, reason)) in SKIP.iter().enumerate() {
        assert!(used[k], "the skip entry `{start}` ({reason}) matches no documented command: remove it");
    }
    assert!(failures.is_empty(), "{} of {ran} documented commands failed:\n{}", failures.len(), failures.join("\n"));
    assert!(ran >= 50, "only {ran} commands found");
    // The fresh home got what the README promises.
    assert!(home.join(".local/share/bash-completion/completions/standoff").is_file());
    assert!(home.join(".local/share/man/man1/standoff.1").is_file());
    assert!(home.join(".local/share/man/man1/standoff-solve.1").is_file());
}

/// The splitter joins continuation lines and drops comments.
#[test]
fn shell_commands_are_split_as_the_shell_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.md"),
        "text\n```sh\nstandoff a \\\n    --b c   # note\n\nstandoff d\n```\n```text\nstandoff e\n```\n",
    )
    .unwrap();
    let cmds = shell_commands(dir.path(), "d.md");
    let bare: Vec<&str> = cmds.iter().map(|c| c.bare.as_str()).collect();
    assert_eq!(bare, ["standoff a --b c", "standoff d"]);
    assert_eq!(cmds[0].at, "d.md:3");
}

/// Every link in README.md and docs/*.md to a file of the repository points at a file that
/// exists, inside the repository (no `../shared/...`).
#[test]
fn local_links_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for doc in DOCUMENTS {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        let base = root.join(doc).parent().unwrap().to_path_buf();
        let mut rest = text.as_str();
        while let Some(k) = rest.find("](") {
            rest = &rest[k + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            rest = &rest[end..];
            if target.starts_with("http") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap();
            let path = base.join(file);
            assert!(path.exists(), "{doc}: the link `{target}` points at a missing file");
            let canonical = path.canonicalize().unwrap();
            assert!(
                canonical.starts_with(root.canonicalize().unwrap()),
                "{doc}: the link `{target}` leaves the repository"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} links found");
}
