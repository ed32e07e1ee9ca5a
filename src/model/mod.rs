//! Model files: our TOML format (parameters, scenarios, payoff expressions) and Gambit's
//! `.nfg`. Everything here returns located [`crate::error::ModelError`]s for bad input.

use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::Q;
use std::path::Path;

/// A model parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Identifier used in expressions.
    pub name: String,
    /// Default value (exact).
    pub default: Q,
    /// Allowed range, inclusive, if declared.
    pub range: Option<(Q, Q)>,
    /// What the parameter means.
    pub meaning: String,
}

/// A named scenario: a set of parameter overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Name used by `--scenario`.
    pub name: String,
    /// What the scenario represents.
    pub description: String,
    /// Parameter overrides, in file order.
    pub set: Vec<(String, Q)>,
}

/// Which parameter values to use: a scenario, then `--set` overrides on top.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Scenario name, if any.
    pub scenario: Option<String>,
    /// `name = value` overrides, applied after the scenario.
    pub set: Vec<(String, Q)>,
}

/// Parses a `--set` assignment `name=value` where value is an exact number (`-7/2`, `0.25`, `3`).
pub fn parse_assignment(s: &str) -> Result<(String, Q)> {
    let _ = s;
    Err(Error::Internal("parse_assignment: not yet implemented".into()))
}

/// A parsed model file (TOML), before parameter values are chosen.
#[derive(Debug, Clone)]
pub struct Model {
    /// Title.
    pub title: String,
    /// Description: the question the model answers.
    pub description: String,
    /// Declared parameters, in file order.
    pub parameters: Vec<Parameter>,
    /// Named scenarios, in file order.
    pub scenarios: Vec<Scenario>,
}

/// What a model or game file loaded into.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The game with the chosen parameter values.
    pub game: NormalForm,
    /// The model, for TOML files (None for `.nfg`).
    pub model: Option<Model>,
    /// The parameter values used (after scenario and overrides), in declaration order.
    pub values: Vec<(String, Q)>,
}

/// Loads a `.toml` model or a Gambit `.nfg` file (by extension) with the given settings.
pub fn load(path: &Path, settings: &Settings) -> Result<Loaded> {
    let _ = (path, settings);
    Err(Error::Internal("load: not yet implemented".into()))
}

// PLACEHOLDER (cli helper): replaced by the model helper
/// Writes a game in Gambit's `.nfg` format. (Placeholder so the command line compiles; the model
/// helper's implementation replaces it.)
pub fn write_nfg(game: &NormalForm) -> String {
    let _ = game;
    String::new()
}

/// Writes a game as a TOML model with numeric payoffs. (Placeholder so the command line compiles;
/// the model helper's implementation replaces it.)
pub fn write_toml(game: &NormalForm) -> String {
    let _ = game;
    String::new()
}
// END PLACEHOLDER (cli helper)
