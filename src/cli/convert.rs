//! `standoff convert`: write a model as a Gambit `.nfg` or `.efg` file or as a TOML model.

use super::args::ModelArgs;
use clap::{Args, ValueEnum};
use standoff::error::Result;
use standoff::model;

use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff convert models/standoff.toml --to nfg -o standoff.nfg
  standoff convert models/standoff.toml --to nfg --scenario hawkish_us
  standoff convert tests/data/reference/games/contrib_games_pd.nfg --to toml -o pd.toml
  standoff convert models/offer_first.toml --to efg -o offer_first.efg
  standoff convert offer_first.efg --to toml -o offer_first_tree.toml";

/// Target formats of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// Gambit's strategic-form format (for a tree: its reduced strategic form)
    Nfg,
    /// a standoff TOML model with numeric payoffs (a tree model for trees)
    Toml,
    /// Gambit's extensive-form format (trees only)
    Efg,
}

/// Raw arguments of `standoff convert`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct ConvertArgs {
    /// The model and its parameter values (substituted into the payoffs).
    #[command(flatten)]
    pub model: ModelArgs,
    /// Target format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: Target,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `standoff convert`.
pub fn run(args: &ConvertArgs, stdout: &mut dyn Write) -> Result<()> {
    let settings = args.model.settings()?;
    let text = match model::load_game(&args.model.model, &settings)? {
        model::LoadedGame::Tree(t) => match args.to {
            Target::Nfg => model::write_nfg(&standoff::game::reduce(&t.tree)?.game),
            Target::Toml => model::write_toml_tree(&t.tree),
            Target::Efg => model::write_efg(&t.tree),
        },
        model::LoadedGame::Normal(loaded) => match args.to {
            Target::Nfg => model::write_nfg(&loaded.game),
            Target::Toml => model::write_toml(&loaded.game),
            Target::Efg => {
                return Err(standoff::error::Error::InvalidOption(format!(
                    "--to efg needs a game tree; {} is a strategic-form game",
                    args.model.model.display()
                )))
            }
        },
    };
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}
