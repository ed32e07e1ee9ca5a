//! `standoff thresholds`: where along one parameter does the regime change, exactly?
//!
//! JSON output:
//! ```text
//! { "parameter", "start", "stop", "scenario": name|null, "affine", "exact",
//!   "boundaries": [{"value": "8/3", "value_float", "exact", "tolerance": "..."|null, "candidate": "2/9"|null,
//!                   "left": regime|null, "at": regime|null, "right": regime|null}],
//!   "intervals": [{"from", "to", "regime"}], "notes": [text] }
//! ```

use super::solve::Method;
use super::sweep::load_model;
use super::ModelArgs;
use crate::analysis::sweep::parse_axis_spec;
use crate::analysis::thresholds::{thresholds, Thresholds};
use crate::error::{Error, Result};
use crate::num::{fmt_q, to_f64};
use crate::output::emit;
use clap::{value_parser, Args, ValueEnum};
use serde::Serialize;
use std::fmt::Write as _;
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
    #[arg(long, value_enum, default_value_t = Method::Auto)]
    pub method: Method,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ThresholdsFormat::Table)]
    pub format: ThresholdsFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Serialize)]
struct BoundaryJson<'a> {
    value: String,
    value_float: f64,
    exact: bool,
    tolerance: Option<String>,
    candidate: Option<String>,
    left: Option<&'a str>,
    at: Option<&'a str>,
    right: Option<&'a str>,
}

#[derive(Serialize)]
struct IntervalJson<'a> {
    from: String,
    to: String,
    regime: &'a str,
}

#[derive(Serialize)]
struct ThresholdsJson<'a> {
    parameter: &'a str,
    start: String,
    stop: String,
    scenario: Option<&'a str>,
    affine: bool,
    exact: bool,
    boundaries: Vec<BoundaryJson<'a>>,
    intervals: Vec<IntervalJson<'a>>,
    notes: &'a [String],
}

/// The JSON rendering.
pub fn render_json(t: &Thresholds, scenario: Option<&str>) -> String {
    let j = ThresholdsJson {
        parameter: &t.parameter,
        start: fmt_q(&t.start),
        stop: fmt_q(&t.stop),
        scenario,
        affine: t.affine,
        exact: t.exact,
        boundaries: t
            .boundaries
            .iter()
            .map(|b| BoundaryJson {
                value: fmt_q(&b.value),
                value_float: to_f64(&b.value),
                exact: b.exact,
                tolerance: b.tolerance.as_ref().map(fmt_q),
                candidate: b.candidate.as_ref().map(fmt_q),
                left: b.left.as_deref(),
                at: b.at.as_deref(),
                right: b.right.as_deref(),
            })
            .collect(),
        intervals: t
            .intervals
            .iter()
            .map(|i| IntervalJson { from: fmt_q(&i.from), to: fmt_q(&i.to), regime: &i.regime })
            .collect(),
        notes: &t.notes,
    };
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The readable rendering.
pub fn render_table(t: &Thresholds, title: &str, scenario: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "Parameter: {} from {} to {}", t.parameter, fmt_q(&t.start), fmt_q(&t.stop));
    if let Some(s) = scenario {
        let _ = writeln!(out, "Scenario: {s}");
    }
    let mode = if t.exact { "exact" } else { "bisection (approximate)" };
    let _ = writeln!(out, "Boundaries: {} ({mode})", t.boundaries.len());
    for b in &t.boundaries {
        let value = match &b.tolerance {
            Some(tol) => {
                let mut v = format!("{} ≈ {:.9} (± {:.1e})", t.parameter, to_f64(&b.value), to_f64(tol));
                if let Some(c) = &b.candidate {
                    v.push_str(&format!(
                        ", probably exactly {} (the one payoff-difference root in the bracket)",
                        fmt_q(c)
                    ));
                }
                v
            }
            None => format!("{} = {}", t.parameter, crate::output::with_decimal(&b.value)),
        };
        let _ = writeln!(out, "\n  {value}");
        for (side, r) in [("below", &b.left), ("at", &b.at), ("above", &b.right)] {
            if let Some(r) = r {
                let _ = writeln!(out, "    {side:<6} {r}");
            }
        }
    }
    let _ = writeln!(out, "\nRegimes:");
    for i in &t.intervals {
        let _ = writeln!(out, "  {} .. {}: {}", fmt_q(&i.from), fmt_q(&i.to), i.regime);
    }
    for n in &t.notes {
        let _ = writeln!(out, "Note: {n}");
    }
    out
}

/// Runs `standoff thresholds`.
pub fn run(args: &ThresholdsArgs, stdout: &mut dyn Write) -> Result<()> {
    let model = load_model(&args.model)?;
    let settings = args.model.settings()?;
    let base = model.values(&settings)?;
    let (name, start, stop, _) = parse_axis_spec(&args.param, Some(2))?;
    if start >= stop {
        return Err(Error::Usage(format!("--param {}: the range is empty (START must be less than STOP)", args.param)));
    }
    // The same checks as a sweep's axis: a known parameter, a range inside the declared one.
    let axis = crate::analysis::sweep::Axis::new(&model, &name, start, stop, 2)?;
    let steps = usize::try_from(args.steps).unwrap_or(usize::MAX);
    let t = thresholds(&model, &base, axis.index, &axis.start, &axis.stop, steps, args.method.name())?;
    let scenario = settings.scenario.as_deref();
    let text = match args.format {
        ThresholdsFormat::Json => render_json(&t, scenario),
        ThresholdsFormat::Table => render_table(&t, &model.title, scenario),
    };
    emit(&text, args.output.as_deref(), stdout)
}
