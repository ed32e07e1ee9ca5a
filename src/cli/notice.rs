//! One convention for files the command line writes: every command that writes a file (`-o`,
//! `--plot`, `plot`, `convert -o`, ...) says so with one line on standard error, `wrote PATH`,
//! after the file is complete; `--quiet` silences these lines (errors are still printed).
//!
//! The lines go to stderr so that standard output stays the command's answer (a pipe into `jq`
//! or a file sees only the answer). The quiet switch is process-wide: it is set once from the
//! global `--quiet` flag before the command runs.

use standoff::error::Result;
use standoff::output::emit;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Sets whether notices are silenced (the global `--quiet` flag).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Prints `message` as one line on standard error, unless `--quiet` was given.
pub fn say(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        // If stderr is gone there is nowhere to tell; the file is written all the same.
        let _ = writeln!(std::io::stderr(), "{message}");
    }
}

/// Says that `path` was written: `wrote PATH`.
pub fn wrote(path: &Path) {
    say(&format!("wrote {}", path.display()));
}

/// [`emit`], then `wrote PATH` when the text went to a file.
pub fn emit_to(text: &str, dest: Option<&Path>, stdout: &mut dyn Write) -> Result<()> {
    emit(text, dest, stdout)?;
    if let Some(path) = dest {
        wrote(path);
    }
    Ok(())
}
