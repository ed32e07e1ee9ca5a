//! `standoff region`: arguments, then the payoff region of a two- or three-player game.
//! Renderings live in [`standoff::output::region`].

use super::args::ModelArgs;
use clap::{Args, ValueEnum};
use standoff::analysis::region;
use standoff::error::{Error, Result};
use standoff::output::region::RegionReport;
use standoff::output::Format;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff region models/standoff.toml
  standoff region models/mediated.toml --format json
  standoff region models/standoff.toml --scenario coalition_pressure";

/// Output formats of `region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionFormat {
    /// readable text
    Table,
    /// JSON
    Json,
}

impl From<RegionFormat> for Format {
    fn from(f: RegionFormat) -> Format {
        match f {
            RegionFormat::Table => Format::Table,
            RegionFormat::Json => Format::Json,
        }
    }
}

/// Raw arguments of `standoff region`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct RegionArgs {
    /// The model and its parameter values.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RegionFormat::Table)]
    pub format: RegionFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `standoff region`.
pub fn run(args: &RegionArgs, stdout: &mut dyn Write) -> Result<()> {
    let (loaded, settings) = args.model.load()?;
    let (game, values) = (&loaded.game, loaded.values.as_slice());
    let scenario = settings.scenario.as_deref();
    let format = Format::from(args.format);
    let text = match game.num_players() {
        2 => format.render(&RegionReport { game, region: &region::analyze(game)?, scenario, values })?,
        3 => format.render(&RegionReport { game, region: &region::analyze3(game)?, scenario, values })?,
        n => {
            return Err(Error::Unsupported {
                method: "region".into(),
                reason: format!(
                    "payoff regions are computed for two-player and three-player games; this game has {n} players"
                ),
            })
        }
    };
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}
