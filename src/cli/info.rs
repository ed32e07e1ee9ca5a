//! `standoff info`: describe a model and what simple analysis says about it.

use super::args::ModelArgs;
use clap::{Args, ValueEnum};
use standoff::analysis::{classify, dominance};
use standoff::error::Result;
use standoff::model::Loaded;
use standoff::output::{EliminationInfo, Format, InfoReport, ParameterInfo, ScenarioInfo};
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff info models/standoff.toml
  standoff info models/standoff.toml --scenario coalition_pressure
  standoff info models/standoff.toml --set dprk_standoff=-4 --format json";

/// Largest payoff matrix (rows or columns) printed by `info`.
const MAX_MATRIX_SIDE: usize = 20;

/// Output formats of `info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InfoFormat {
    /// readable text
    Table,
    /// JSON
    Json,
}

impl From<InfoFormat> for Format {
    fn from(f: InfoFormat) -> Format {
        match f {
            InfoFormat::Table => Format::Table,
            InfoFormat::Json => Format::Json,
        }
    }
}

/// Raw arguments of `standoff info`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct InfoArgs {
    /// The model and its parameter values.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InfoFormat::Table)]
    pub format: InfoFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Gathers the info report for a loaded model.
pub fn report(loaded: &Loaded, scenario: Option<String>) -> InfoReport {
    let game = &loaded.game;
    let value_of = |name: &str| loaded.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (parameters, scenarios, description) = match &loaded.model {
        Some(m) => (
            m.parameters
                .iter()
                .map(|p| ParameterInfo {
                    name: p.name.clone(),
                    value: value_of(&p.name).unwrap_or_else(|| p.default.clone()),
                    default: p.default.clone(),
                    range: p.range.clone(),
                    meaning: p.meaning.clone(),
                })
                .collect(),
            m.scenarios
                .iter()
                .map(|s| ScenarioInfo { name: s.name.clone(), description: s.description.clone(), set: s.set.clone() })
                .collect(),
            if m.description.is_empty() { game.description.clone() } else { m.description.clone() },
        ),
        None => (Vec::new(), Vec::new(), game.description.clone()),
    };
    let title = match &loaded.model {
        Some(m) if !m.title.is_empty() => m.title.clone(),
        _ => game.title.clone(),
    };
    let matrices = game.bimatrix().filter(|_| game.shape().iter().all(|&k| k <= MAX_MATRIX_SIDE));
    InfoReport {
        title,
        description,
        players: game.players().to_vec(),
        parameters,
        scenarios,
        scenario,
        constant_sum: game.constant_sum(),
        matrices,
        pure_elimination: EliminationInfo::of(game, &dominance::iterated_elimination(game, false)),
        mixed_elimination: EliminationInfo::of(game, &dominance::iterated_elimination(game, true)),
        classification: classify::classify_2x2(game),
        notes: game.notes.clone(),
    }
}

/// Runs `standoff info`.
pub fn run(args: &InfoArgs, stdout: &mut dyn Write) -> Result<()> {
    let (loaded, settings) = args.model.load()?;
    let text = Format::from(args.format).render(&report(&loaded, settings.scenario))?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}
