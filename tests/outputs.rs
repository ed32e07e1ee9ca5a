//! Files, streams and signals through the binary: `-o` onto symbolic links, devices, FIFOs,
//! private and read-only files; stale temporary files; SIGINT/SIGTERM during a write; a reader
//! that leaves the pipe early.

use assert_cmd::cargo::cargo_bin;
use assert_cmd::Command;
use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const MODEL: &str = "models/standoff.toml";
const SMALL: &[&str] = &["sweep", MODEL, "--param", "us_sucker=-1:1:5", "--format", "csv"];
/// A sweep long enough to interrupt (a million points, about 300 MB of CSV).
const LONG: &[&str] =
    &["sweep", MODEL, "--param", "us_sucker=-5:5:1000", "--param", "dprk_standoff=-8:2:1000", "--format", "csv"];
/// A hang guard, not a speed requirement.
const GUARD: Duration = Duration::from_secs(60);

fn standoff() -> Command {
    let mut c = Command::cargo_bin("standoff").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn with_output(args: &[&str], out: &Path) -> Vec<String> {
    let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    v.extend(["-o".to_string(), out.display().to_string()]);
    v
}

fn small_csv() -> Vec<u8> {
    let out = standoff().args(SMALL).output().unwrap();
    assert!(out.status.success());
    out.stdout
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn temps(dir: &Path) -> Vec<String> {
    names(dir).into_iter().filter(|n| n.contains(".standoff-") && n.ends_with(".tmp")).collect()
}

#[test]
fn output_onto_a_symlink_rewrites_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    standoff().args(with_output(SMALL, &link)).assert().success();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
    assert_eq!(fs::read(&real).unwrap(), small_csv());
    assert_eq!(names(dir.path()), ["link.csv", "real.csv"]);
}

#[test]
fn output_onto_dev_null_and_dev_stdout_writes_in_place() {
    standoff().args(with_output(SMALL, Path::new("/dev/null"))).assert().success().stdout("");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null is still a device");
    // Standard output is a pipe here: written directly, as the shell would.
    let out = standoff().args(with_output(SMALL, Path::new("/dev/stdout"))).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.stdout, small_csv());
}

#[test]
fn output_into_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || fs::read(reader_path).unwrap());
    standoff().args(with_output(SMALL, &fifo)).timeout(GUARD).assert().success();
    assert_eq!(reader.join().unwrap(), small_csv());
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is not replaced");
}

#[test]
fn output_keeps_a_private_mode_and_refuses_a_read_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.csv");
    fs::write(&private, "old").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    standoff().args(with_output(SMALL, &private)).assert().success();
    assert_eq!(fs::metadata(&private).unwrap().permissions().mode() & 0o7777, 0o600);
    assert_eq!(fs::read(&private).unwrap(), small_csv());

    let ro = dir.path().join("ro.csv");
    fs::write(&ro, "keep me").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let out = standoff().args(with_output(SMALL, &ro)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ro.csv") && err.contains("read-only"), "{err}");
    assert_eq!(fs::read_to_string(&ro).unwrap(), "keep me");
    assert_eq!(names(dir.path()), ["private.csv", "ro.csv"]);
}

#[test]
fn a_new_file_gets_the_umask_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new.csv");
    // Run under a known umask through the shell.
    let bin = cargo_bin("standoff");
    let script = format!("umask 027 && exec '{}' \"$@\"", bin.display());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .args(with_output(SMALL, &out))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn stale_temp_files_of_dead_processes_are_removed_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    // Debris of a killed run: a PID above the kernel's maximum (4194304) is never alive.
    let stale = dir.path().join(".out.csv.standoff-99999999.Ab12Cd.tmp");
    let unrelated = dir.path().join(".out.csv.other.tmp");
    fs::write(&stale, "partial").unwrap();
    fs::write(&unrelated, "not ours").unwrap();
    standoff().args(with_output(SMALL, &dir.path().join("out.csv"))).assert().success();
    assert!(!stale.exists(), "stale temp file removed");
    assert!(unrelated.exists(), "a file that is not ours is left alone");
}

/// Spawns a long sweep writing to `out` (plus `extra` arguments), waits for its temporary file.
fn spawn_long_write(dir: &Path, out: &Path, extra: &[&str]) -> Child {
    let mut args = with_output(LONG, out);
    args.extend(extra.iter().map(|s| s.to_string()));
    let child = std::process::Command::new(cargo_bin("standoff"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while temps(dir).is_empty() {
        assert!(start.elapsed() < GUARD, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

fn wait(child: &mut Child) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > GUARD {
            let _ = child.kill();
            panic!("the process did not end");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn interrupt(signal: &str, status: i32, extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    fs::write(&out, "old results").unwrap();
    let mut child = spawn_long_write(dir.path(), &out, extra);
    let sent = std::process::Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let exit = wait(&mut child);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(exit.code(), Some(status), "{signal}: {exit:?} {err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "old results", "the old file is intact");
    let left: Vec<String> = names(dir.path()).into_iter().filter(|n| n != "out.csv").collect();
    assert!(left.is_empty(), "{signal}: left behind {left:?}");
}

#[test]
fn sigint_during_a_write_removes_the_temp_file_and_exits_130() {
    interrupt("-INT", 130, &[]);
}

#[test]
fn sigterm_during_a_write_removes_the_temp_file_and_exits_143() {
    interrupt("-TERM", 143, &[]);
}

#[test]
fn sigint_during_a_sweep_with_a_chart_leaves_no_csv_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let chart: PathBuf = dir.path().join("map.png");
    let chart = chart.display().to_string();
    interrupt("-INT", 130, &["--plot", chart.as_str()]);
}

#[test]
fn a_reader_leaving_the_pipe_ends_the_sweep_quietly_with_141() {
    let mut child = std::process::Command::new(cargo_bin("standoff"))
        .args(LONG)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut head).unwrap();
    assert!(head.starts_with(b"point,us_sucker,dprk_standoff,"));
    drop(child.stdout.take());
    let exit = wait(&mut child);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(exit.code(), Some(141), "{err}");
    assert_eq!(err, "", "no message for a closed pipe");
}

#[test]
fn a_killed_write_leaves_debris_that_the_next_write_removes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    fs::write(&out, "old results").unwrap();
    let mut child = spawn_long_write(dir.path(), &out, &[]);
    child.kill().unwrap(); // SIGKILL: no handler runs
    wait(&mut child);
    assert_eq!(fs::read_to_string(&out).unwrap(), "old results", "the old file is intact");
    assert!(!temps(dir.path()).is_empty(), "SIGKILL leaves the temporary file (the next run's job)");
    standoff().args(with_output(SMALL, &out)).assert().success();
    assert_eq!(fs::read(&out).unwrap(), small_csv());
    assert_eq!(names(dir.path()), ["out.csv"], "the debris of the killed run is gone");
}

/// Regression (hostile4 audit): `-o` and `--plot` naming one file wrote both and kept the last;
/// `-o` naming the model replaced the model. Both are refused before any work, files untouched.
#[test]
fn outputs_that_collide_with_each_other_or_with_the_model_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.toml");
    fs::copy(MODEL, &model).unwrap();
    let original = fs::read(&model).unwrap();
    let same = dir.path().join("same.svg");
    let m = model.display().to_string();
    let s = same.display().to_string();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&model, &link).unwrap();
    let l = link.display().to_string();
    let cases: [(Vec<&str>, &str); 4] = [
        (vec!["sweep", &m, "--param", "us_sucker=-1:1:3", "-o", &s, "--plot", &s], "name the same file"),
        (vec!["solve", &m, "-o", &m], "would overwrite the model file"),
        (vec!["convert", &m, "--to", "toml", "-o", &l], "would overwrite the model file"),
        (vec!["compare", MODEL, &m, "--plot", &m], "would overwrite the model file"),
    ];
    for (args, needle) in cases {
        let out = standoff().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(fs::read(&model).unwrap(), original, "{args:?}: the model is untouched");
        assert!(!same.exists(), "{args:?}: nothing written");
    }
}
