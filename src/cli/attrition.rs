//! `standoff attrition`: arguments, then the war-of-attrition analysis of each scenario of a
//! multistage model. The report and its renderings live in [`standoff::output::attrition`].

use clap::{Args, ValueEnum};
use standoff::analysis::attrition::{concession, convergence, ConcessionAnalysis, ContinuousWar};
use standoff::error::Result;
use standoff::model::{load_multistage, Settings};
use standoff::num::Q;
use standoff::output::attrition::{AttritionReport, ContinuousReport, ScenarioReport};
use standoff::output::Format;
use standoff::solve::tree::multistage::{solve_multistage, Selection};
use std::io::Write;
use std::path::PathBuf;

/// Horizons from which a spinner shows progress on a terminal.
const LONG_HORIZON: u64 = 5_000;

const EXAMPLES: &str = "\
Examples:
  standoff attrition models/attrition.toml
  standoff attrition models/attrition.toml --scenario deadline_dprk --scenario deadline_us
  standoff attrition models/attrition.toml --set horizon=12 --select all --format json
  standoff attrition models/attrition.toml --continuous
  standoff attrition models/attrition.toml --scenario deadline_dprk \\
      --scenario deadline_us --plot attrition.svg";

/// Which SPEs to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Select {
    /// the mixed SPE and the stationary pure ones
    Default,
    /// the most mixed stage equilibrium in every period
    Mixed,
    /// the same pure stage equilibrium in every period
    Pure,
    /// every combination of stage equilibria (up to 1000)
    All,
}

impl From<Select> for Selection {
    fn from(s: Select) -> Selection {
        match s {
            Select::Default => Selection::Default,
            Select::Mixed => Selection::Mixed,
            Select::Pure => Selection::Pure,
            Select::All => Selection::All,
        }
    }
}

/// Output formats of `attrition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttritionFormat {
    /// readable text
    Table,
    /// JSON with exact fractions as strings
    Json,
    /// CSV: one row per period
    Csv,
}

/// Raw arguments of `standoff attrition`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct AttritionArgs {
    /// A multistage model (`kind = "multistage"`).
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// A scenario declared in the model (repeatable: the scenarios are analysed side by side).
    #[arg(long, value_name = "NAME")]
    pub scenario: Vec<String>,
    /// Set a parameter, on top of each scenario (repeatable). VALUE is exact: 3, -7/2, 0.25.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Which subgame-perfect equilibria to analyse.
    #[arg(long, value_enum, default_value_t = Select::Default)]
    pub select: Select,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AttritionFormat::Table)]
    pub format: AttritionFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also draw the survival curve and concession probabilities (first equilibrium of each scenario) to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Also show the continuous-time war of attrition with the same values and costs, and the convergence of the discrete game to it.
    #[arg(long)]
    pub continuous: bool,
}

/// Analyses one setting of a multistage model.
pub fn analyse(
    model: &std::path::Path,
    scenario: Option<&str>,
    set: &[String],
    selection: Selection,
    continuous: bool,
) -> Result<ScenarioReport> {
    let settings = Settings::parse(scenario.map(str::to_string), set)?;
    let loaded = load_multistage(model, &settings)?;
    // Long horizons take seconds (exact numbers grow with the period): show a spinner on a terminal.
    let spinner = if loaded.game.horizon() >= LONG_HORIZON { super::progress::Spinner::start() } else { None };
    let say = |msg: String| {
        if let Some(s) = &spinner {
            s.message(msg);
        }
    };
    say(format!("solving {} periods by backward induction", loaded.game.horizon()));
    let sol = solve_multistage(&loaded.game, selection)?;
    let mut equilibria = Vec::with_capacity(sol.spes.len());
    for (k, spe) in sol.spes.iter().enumerate() {
        say(format!("concession analysis of SPE {} of {}", k + 1, sol.spes.len()));
        equilibria.push((spe.kind.clone(), concession(&loaded.game, spe)?));
    }
    drop(spinner);
    let continuous = if continuous {
        let war = ContinuousWar::from_multistage(&loaded.game)?;
        let d = loaded.game.discount().clone();
        let rate = (d < Q::from_integer(1.into())).then(|| Q::from_integer(1.into()) / &d - Q::from_integer(1.into()));
        let lengths: Vec<Q> = (0..7).map(|k| Q::new(1.into(), (1i64 << k).into())).collect();
        let convergence = convergence(&war, rate.as_ref(), &lengths, 3)?;
        Some(ContinuousReport { war, rate, convergence })
    } else {
        None
    };
    Ok(ScenarioReport {
        scenario: scenario.and_then(|s| loaded.model.scenario(s).cloned()),
        values: loaded.values,
        game: loaded.game,
        selection,
        equilibria,
        notes: sol.notes,
        continuous,
    })
}

/// Runs `standoff attrition`.
pub fn run(args: &AttritionArgs, stdout: &mut dyn Write) -> Result<()> {
    let selection: Selection = args.select.into();
    let scenarios: Vec<Option<&str>> =
        if args.scenario.is_empty() { vec![None] } else { args.scenario.iter().map(|s| Some(s.as_str())).collect() };
    let mut reports = Vec::with_capacity(scenarios.len());
    for s in scenarios {
        reports.push(analyse(&args.model, s, &args.set, selection, args.continuous)?);
    }
    if let Some(path) = &args.plot {
        let chart = standoff::plot::attrition::AttritionChart::new(&reports_for_chart(&reports));
        standoff::plot::write_chart(&chart, path)?;
        super::notice::wrote(path);
    }
    let format = match args.format {
        AttritionFormat::Table => Format::Table,
        AttritionFormat::Json => Format::Json,
        AttritionFormat::Csv => Format::Csv,
    };
    let text = format.render(&AttritionReport(&reports))?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}

/// The chart input: per scenario, its label and the first selected equilibrium's analysis.
pub fn reports_for_chart(reports: &[ScenarioReport]) -> Vec<(String, ConcessionAnalysis)> {
    reports
        .iter()
        .filter_map(|r| {
            let label = r.scenario.as_ref().map_or_else(|| "defaults".to_string(), |s| s.name.clone());
            r.equilibria
                .first()
                .map(|(kind, a)| (standoff::plot::attrition::panel_label(&label, kind, &r.game, a), a.clone()))
        })
        .collect()
}
