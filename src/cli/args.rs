//! Arguments shared by several subcommands: the model file and the parameter values to use
//! with it. Its own file so that the subcommands import it without importing `mod.rs`.

use clap::Args;
use standoff::error::Result;
use standoff::model::{self, Loaded, Settings};
use std::path::PathBuf;

/// The model file and the parameter values to use with it; shared by several subcommands.
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// Model file: a `.toml` model, or a Gambit `.nfg` (strategic form) or `.efg` (game tree) file.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// Set a parameter, overriding the scenario and the default (repeatable). VALUE is exact: 3, -7/2, 0.25.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Use a scenario declared in the model (its overrides apply before any --set).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}

impl ModelArgs {
    /// Checks the raw arguments: every `--set` must be `name=value` with an exact number.
    pub fn settings(&self) -> Result<Settings> {
        Settings::parse(self.scenario.clone(), &self.set)
    }

    /// Checks the arguments and loads the model with them.
    pub fn load(&self) -> Result<(Loaded, Settings)> {
        let settings = self.settings()?;
        let loaded = model::load(&self.model, &settings)?;
        Ok((loaded, settings))
    }
}
