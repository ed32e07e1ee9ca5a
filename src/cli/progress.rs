//! A progress spinner on standard error for long computations (hidden when stderr is not a terminal).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use standoff::solve::{Progress, ProgressEvent};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

/// A spinner and the observer that feeds it; `None` when stderr is not a terminal.
pub struct Spinner {
    bar: ProgressBar,
}

impl Spinner {
    /// Starts a spinner if stderr is a terminal.
    pub fn start() -> Option<Spinner> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(Spinner { bar })
    }

    /// Shows `msg` beside the spinner.
    pub fn message(&self, msg: impl Into<String>) {
        self.bar.set_message(msg.into());
    }

    /// The observer to pass to the solver.
    pub fn observer(&self) -> Progress {
        let bar = self.bar.clone();
        Arc::new(move |e: &ProgressEvent| {
            let bound = e.bound.map(|b| format!(" (limit {b})")).unwrap_or_default();
            bar.set_message(format!("{}: {}{bound}", e.stage, e.done));
        })
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
