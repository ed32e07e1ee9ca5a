//! `standoff thresholds`: arguments, then the exact regime boundaries along one parameter.
//! Renderings live in [`standoff::output::thresholds`].

use super::args::ModelArgs;
use super::solve::MethodArg;
use super::sweep::load_model;
use clap::{value_parser, Args, ValueEnum};
use standoff::analysis::sweep::parse_axis_spec;
use standoff::analysis::thresholds::thresholds_observed;
use standoff::error::{Error, Result};
use standoff::output::thresholds::ThresholdsReport;
use standoff::output::Format;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff thresholds models/standoff.toml --param us_sucker=-10:10
  standoff thresholds models/standoff.toml --param dprk_standoff=-10:10 --format json
  standoff thresholds models/standoff.toml --scenario hawkish_us --param dprk_standoff=-10:10";

/// Output formats of `thresholds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThresholdsFormat {
    /// readable text
    Table,
    /// JSON
    Json,
}

/// Raw arguments of `standoff thresholds`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct ThresholdsArgs {
    /// The model and the values of the other parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// The parameter and its range.
    #[arg(long = "param", value_name = "NAME=START:STOP")]
    pub param: String,
    /// Number of scan points (used to check that payoffs are affine, and for bisection otherwise).
    #[arg(long, value_name = "K", default_value_t = 101, value_parser = value_parser!(u64).range(2..=1_000_000))]
    pub steps: u64,
    /// Solution method.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ThresholdsFormat::Table)]
    pub format: ThresholdsFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `standoff thresholds`.
pub fn run(args: &ThresholdsArgs, stdout: &mut dyn Write) -> Result<()> {
    let model = load_model(&args.model)?;
    let settings = args.model.settings()?;
    let base = model.values(&settings)?;
    let (name, start, stop, _) = parse_axis_spec(&args.param, Some(2))?;
    if start >= stop {
        return Err(Error::InvalidOption(format!(
            "--param {}: the range is empty (START must be less than STOP)",
            args.param
        )));
    }
    // The same checks as a sweep's axis: a known parameter, a range inside the declared one.
    let axis = standoff::analysis::sweep::Axis::new(&model, &name, start, stop, 2)?;
    let steps = usize::try_from(args.steps).unwrap_or(usize::MAX);
    // The cost is estimated before the work (a refusal names --max-work); a spinner counts the
    // solves when stderr is a terminal.
    let spinner = super::progress::Spinner::start();
    let progress = spinner.as_ref().map(super::progress::Spinner::observer);
    let t =
        thresholds_observed(&model, &base, axis.index, &axis.start, &axis.stop, steps, args.method.into(), progress)?;
    drop(spinner);
    let scenario = settings.scenario.as_deref();
    let format = match args.format {
        ThresholdsFormat::Json => Format::Json,
        ThresholdsFormat::Table => Format::Table,
    };
    let text = format.render(&ThresholdsReport { thresholds: &t, title: &model.title, scenario })?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}
