//! `standoff report`: arguments, then the one-page report of [`standoff::report`].

use super::notice::emit_to;
use clap::{Args, ValueEnum};
use standoff::error::Result;
use standoff::report::{build, html, md, ReportOptions};
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff report models/standoff.toml -o report.html
  standoff report models/standoff.toml --scenario coalition_pressure -o pressure.html
  standoff report models/offer_first.toml --format md > offer_first.md";

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// one self-contained HTML page (inline charts and explorer; no network)
    Html,
    /// Markdown for notes (no charts, no explorer)
    Md,
}

/// Raw arguments of `standoff report`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct ReportArgs {
    /// A `.toml` model.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// A scenario to show after the defaults (repeatable; default: every scenario of the model).
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `standoff report`.
pub fn run(args: &ReportArgs, stdout: &mut dyn Write) -> Result<()> {
    let report = build(&args.model, &ReportOptions { scenarios: args.scenarios.clone() })?;
    let text = match args.format {
        ReportFormat::Html => html::render(&report),
        ReportFormat::Md => md::render(&report),
    };
    emit_to(&text, args.output.as_deref(), stdout)
}
