//! The `standoff` binary: parse the command line, run it, print any error once.

use clap::Parser;
use standoff::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Clap prints its own messages (help, version, usage errors) and exits 0 or 2.
    let args = Cli::parse();
    match cli::run(args, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write;
            // If stderr is gone there is nowhere left to report to.
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(cli::exit_code(&e))
        }
    }
}
