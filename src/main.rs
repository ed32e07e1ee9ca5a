//! The `standoff` binary: parse the command line, run it, print any error once.
//!
//! Exit statuses: 0 success; 1 and 2 as [`cli::exit_code`] decides; 130 on SIGINT and 143 on
//! SIGTERM (128 + the signal, after removing the temporary files of unfinished writes); 141 when
//! streamed output (`standoff sweep ... | head`) meets a pipe whose reader has gone: the status
//! of a process killed by SIGPIPE, without a message.

use clap::Parser;
mod cli;

use cli::Cli;
use standoff::output::write::{is_broken_pipe, remove_live_temp_files};
use std::process::ExitCode;

/// mimalloc: exact arithmetic allocates many small big integers (a sweep tens per grid point);
/// this allocator makes them about twice as cheap as the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit status of a process ended by SIGPIPE (128 + 13).
const BROKEN_PIPE_STATUS: u8 = 141;

/// On SIGINT or SIGTERM: remove our live temporary files, then exit with 128 + the signal.
fn install_signal_handler() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    // Without a handler the signals keep their default action (the process ends; temporary files
    // of a write in progress stay behind and are removed by the next write to the same file).
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            remove_live_temp_files();
            std::process::exit(128 + signal);
        }
    });
}

fn main() -> ExitCode {
    // Clap prints its own messages (help, version, usage errors) and exits 0 or 2.
    let args = Cli::parse();
    install_signal_handler();
    match cli::run(args, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::from(BROKEN_PIPE_STATUS),
        Err(e) => {
            use std::io::Write;
            // If stderr is gone there is nowhere left to report to.
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(cli::exit_code(&e))
        }
    }
}
