//! What a parsed model is: its parameters, scenarios, derived names and game body, before
//! parameter values are chosen. Its own file so that the TOML reader (`toml_model.rs`) and the
//! loader (`mod.rs`, which also holds `impl Model`) both import it and not each other.

use super::kit::PayoffExpr;
use super::multistage_model::MultistageBody;
use super::tree_model::TreeBody;
use crate::game::Player;
use crate::num::Q;
use std::sync::Arc;

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

/// A derived name: an expression over parameters and earlier derived names.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// Identifier used in expressions.
    pub name: String,
    /// The expression text as written.
    pub expression: String,
}

/// The game part of a model, before parameter values are chosen.
///
/// A strategic-form game or a tree.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Body {
    /// A strategic-form game with payoff expressions.
    Normal(NormalBody),
    /// A game tree (`kind = "tree"`) with payoff and probability expressions.
    Tree(TreeBody),
    /// A multistage game (`kind = "multistage"`): a stage game repeated over periods.
    Multistage(MultistageBody),
}

/// A strategic-form game whose payoffs are expressions.
#[derive(Debug, Clone)]
pub struct NormalBody {
    /// Players and their strategy labels.
    pub players: Vec<Player>,
    /// Payoff expressions in Gambit order (player 1's strategy fastest; all players per profile).
    pub(crate) payoffs: Vec<PayoffExpr>,
}

/// A parsed model file (TOML), before parameter values are chosen.
///
/// Parse once, then call [`Model::game`] (or [`Model::evaluate`] in a sweep) for each parameter
/// setting; nothing is re-read or re-parsed.
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
    /// Derived names, in file order.
    pub derived: Vec<Derived>,
    /// The file name used in error locations.
    pub file: String,
    pub(crate) source: Arc<str>,
    pub(crate) derived_exprs: Vec<PayoffExpr>,
    pub(crate) body: Body,
}
