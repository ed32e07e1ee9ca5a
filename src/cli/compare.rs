//! `standoff compare`: scenarios (or model files) side by side.
//!
//! Columns: for each file given, each `--scenario` (or the defaults when none is given); `--set`
//! applies to every column. With one file and one scenario, the defaults come first, so
//! `standoff compare m.toml --scenario s` compares the defaults with `s`.
//!
//! CSV (long format): one row per (column, equilibrium): `column`, `regime`, `equilibrium`
//! (1-based), the `<player>:<strategy>` probabilities, `payoff:<player>`, and `outcome:A/B` for
//! each pure profile (at most 16), all exact. All columns must then have the same players and
//! strategies. Renderings live in [`standoff::output::compare`]; JSON schema in `docs/json.md`.

use super::solve::MethodArg;
use clap::{Args, ValueEnum};
use standoff::analysis::compare::{compare, Input, InputGame};
use standoff::error::{Error, Result};
use standoff::model::{self, Settings};
use standoff::output::Format;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff compare models/standoff.toml --scenario baseline \\
      --scenario coalition_pressure --scenario hawkish_us
  standoff compare models/standoff.toml --scenario coalition_pressure --format markdown
  standoff compare models/offer_first.toml models/freeze_first.toml --format json
  standoff compare models/standoff.toml --scenario baseline \\
      --scenario coalition_pressure --plot standoff-compare.svg";

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// readable text
    Table,
    /// Markdown tables
    Markdown,
    /// JSON
    Json,
    /// CSV, one row per column and equilibrium
    Csv,
}

/// Raw arguments of `standoff compare`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompareArgs {
    /// Model files (`.toml`, `.nfg` or `.efg`).
    #[arg(value_name = "MODEL", required = true)]
    pub models: Vec<PathBuf>,
    /// A scenario to compare (repeatable).
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// Set a parameter in every column (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Solution method.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also draw a grouped bar chart (payoffs and outcome probabilities per equilibrium) to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

/// Loads the columns of the comparison.
pub fn inputs(args: &CompareArgs) -> Result<Vec<Input>> {
    let set = args.set.iter().map(|s| model::parse_assignment(s)).collect::<Result<Vec<_>>>()?;
    let mut scenarios: Vec<Option<String>> = args.scenarios.iter().cloned().map(Some).collect();
    if scenarios.is_empty() {
        scenarios.push(None);
    }
    if args.models.len() == 1 && scenarios.len() == 1 && scenarios[0].is_some() {
        scenarios.insert(0, None);
    }
    let mut out = Vec::new();
    for path in &args.models {
        for sc in &scenarios {
            let settings = Settings { scenario: sc.clone(), set: set.clone() };
            let (game, values) = match model::load_game(path, &settings)? {
                model::LoadedGame::Normal(l) => (InputGame::Normal(l.game), l.values),
                model::LoadedGame::Tree(t) => (InputGame::Tree(Box::new(t.tree)), t.values),
            };
            let name = sc.clone().unwrap_or_else(|| "defaults".into());
            let label = if args.models.len() > 1 {
                let file = path.file_name().map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into());
                if sc.is_some() {
                    format!("{file}:{name}")
                } else {
                    file
                }
            } else {
                name
            };
            out.push(Input { label, parameters: values, game });
        }
    }
    if out.len() < 2 {
        return Err(Error::InvalidOption(
            "nothing to compare: give two or more --scenario, or two or more model files".into(),
        ));
    }
    Ok(out)
}

/// Runs `standoff compare`.
pub fn run(args: &CompareArgs, stdout: &mut dyn Write) -> Result<()> {
    if let Some(p) = &args.plot {
        standoff::plot::ImageFormat::from_path(p)?;
    }
    let c = compare(inputs(args)?, args.method.into())?;
    if let Some(p) = &args.plot {
        let title = match args.models.as_slice() {
            [one] => format!(
                "Comparison: {}",
                one.file_name().map_or_else(|| one.display().to_string(), |f| f.to_string_lossy().into())
            ),
            _ => "Comparison".to_string(),
        };
        standoff::plot::write_chart(&standoff::plot::compare::CompareChart::new(&c, &title), p)?;
        super::notice::wrote(p);
    }
    let format = match args.format {
        CompareFormat::Table => Format::Table,
        CompareFormat::Markdown => Format::Markdown,
        CompareFormat::Json => Format::Json,
        CompareFormat::Csv => Format::Csv,
    };
    let text = format.render(&c)?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}
