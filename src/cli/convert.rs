//! `standoff convert`: write a model as a Gambit `.nfg` file or as a TOML model.

use super::ModelArgs;
use crate::error::Result;
use crate::model;
use crate::output::emit;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff convert models/standoff.toml --to nfg -o standoff.nfg
  standoff convert models/standoff.toml --to nfg --scenario hawkish_us
  standoff convert game.nfg --to toml -o game.toml";

/// Target formats of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// Gambit's strategic-form format
    Nfg,
    /// a standoff TOML model with numeric payoffs
    Toml,
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
    let (loaded, _) = args.model.load()?;
    let text = match args.to {
        Target::Nfg => model::write_nfg(&loaded.game),
        Target::Toml => model::write_toml(&loaded.game),
    };
    emit(&text, args.output.as_deref(), stdout)
}
