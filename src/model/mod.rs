//! Model files: our TOML format (parameters, scenarios, payoff expressions) and Gambit's
//! `.nfg`. Everything here returns located [`crate::error::ModelError`]s for bad input.
//!
//! The usual entry point is [`load`]. For repeated evaluation (sweeps), parse once with
//! [`Model::parse`] and call [`Model::evaluate`] per point:
//!
//! ```
//! use standoff::model::{Model, Settings};
//! use standoff::num::q;
//!
//! let src = r#"
//! players = ["A", "B"]
//! [parameters]
//! x = { default = 1, range = [0, 10] }
//! [strategies]
//! A = ["L", "R"]
//! B = ["l"]
//! [payoffs]
//! "L, l" = ["x", "1/2"]
//! "R, l" = ["x^2", 0]
//! "#;
//! let model = Model::parse("m.toml", src).unwrap();
//! let game = model.game(&Settings::default()).unwrap();
//! assert_eq!(game.payoff(&[1, 0], 0), &q(1));
//! let game = model.evaluate(&[q(3)]).unwrap();
//! assert_eq!(game.payoff(&[1, 0], 0), &q(9));
//! ```

mod definition;
pub(crate) mod efg;
pub(crate) mod expr;
mod kit;
mod labels;
pub mod limits;
pub(crate) mod multistage_model;
pub(crate) mod nfg;
pub(crate) mod toml_model;
pub(crate) mod tree_model;

pub use definition::{Body, Derived, Model, NormalBody, Parameter, Scenario};
pub use efg::{parse_efg, write_efg};
pub use expr::{Expr, ExprError};
pub use nfg::{parse_nfg, write_nfg};
pub use toml_model::{parse_model, write_toml};
pub use tree_model::write_toml_tree;

use crate::error::{Error, ModelError, Result};
use crate::game::{Multistage, NormalForm, Tree};
use crate::num::Q;
use std::path::Path;

pub(crate) use kit::PayoffExpr;

/// Which parameter values to use: a scenario, then `--set` overrides on top.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Scenario name, if any.
    pub scenario: Option<String>,
    /// `name = value` overrides, applied after the scenario.
    pub set: Vec<(String, Q)>,
}

impl Settings {
    /// Settings from raw command-line strings: a scenario name and `--set name=value`
    /// assignments (checked with [`parse_assignment`]). Whether the names exist is checked when
    /// the settings meet a model ([`Model::values`]).
    ///
    /// ```
    /// use standoff::model::Settings;
    /// let s = Settings::parse(Some("low".into()), &["x=-7/2".to_string()]).unwrap();
    /// assert_eq!(s.set[0].0, "x");
    /// assert!(Settings::parse(None, &["x".to_string()]).is_err());
    /// ```
    pub fn parse(scenario: Option<String>, set: &[String]) -> Result<Settings> {
        let set = set.iter().map(|s| parse_assignment(s)).collect::<Result<Vec<_>>>()?;
        Ok(Settings { scenario, set })
    }
}

/// Parses a `--set` assignment `name=value` where value is an exact number (`-7/2`, `0.25`, `3`, `1e-2`).
///
/// Errors are [`Error::Parameter`]; a value has at most [`limits::MAX_NUMBER_DIGITS`] digits.
pub fn parse_assignment(s: &str) -> Result<(String, Q)> {
    let shown = |s: &str| -> String {
        if s.len() > 80 {
            let mut end = 60;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}... ({} bytes)", &s[..end], s.len())
        } else {
            s.to_string()
        }
    };
    let usage = |why: String| Error::Parameter(format!("{why}; expected name=value, e.g. `--set us_deal=-7/2`"));
    let Some((name, value)) = s.split_once('=') else {
        return Err(usage(format!("`{}` has no `=`", shown(s))));
    };
    let name = name.trim();
    let value = value.trim();
    if name.is_empty() {
        return Err(usage(format!("`{}` names no parameter before `=`", shown(s))));
    }
    let mut c = name.chars();
    let valid = matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_');
    if !valid {
        return Err(usage(format!("`{}` is not a parameter name", shown(name))));
    }
    let v = limits::number(value).map_err(|e| usage(format!("in `{}`: {e}", shown(s))))?;
    Ok((name.to_string(), v))
}

impl Model {
    /// Parses a TOML model from text; `file` names it in error locations.
    pub fn parse(file: &str, src: &str) -> Result<Model> {
        limits::check_toml_size(file, src)?;
        Ok(parse_model(file, src)?)
    }

    /// The game structure (players, strategies) without payoff values.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// The index of a parameter in [`Model::parameters`].
    pub fn parameter_index(&self, name: &str) -> Option<usize> {
        self.parameters.iter().position(|p| p.name == name)
    }

    /// The scenario with this name.
    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.name == name)
    }

    /// Every parameter's default value, in declaration order.
    pub fn default_values(&self) -> Vec<Q> {
        self.parameters.iter().map(|p| p.default.clone()).collect()
    }

    /// Parameter values for `settings`: defaults, then the scenario, then `--set` overrides in order.
    ///
    /// An unknown scenario or parameter, or a value outside a parameter's range, is an
    /// [`Error::Parameter`] that lists what is allowed.
    pub fn values(&self, settings: &Settings) -> Result<Vec<Q>> {
        let mut values = self.default_values();
        if let Some(name) = &settings.scenario {
            let Some(sc) = self.scenario(name) else {
                let known: Vec<String> = self.scenarios.iter().map(|s| format!("`{}`", s.name)).collect();
                return Err(Error::Parameter(if known.is_empty() {
                    format!("unknown scenario `{name}`: {} defines no scenarios", self.file)
                } else {
                    format!("unknown scenario `{name}`; the scenarios of {} are {}", self.file, known.join(", "))
                }));
            };
            for (p, v) in &sc.set {
                if let Some(i) = self.parameter_index(p) {
                    values[i] = v.clone();
                }
            }
        }
        for (p, v) in &settings.set {
            let Some(i) = self.parameter_index(p) else {
                let known: Vec<&str> = self.parameters.iter().map(|p| p.name.as_str()).collect();
                let msg = expr::unknown_name_message(p, &known).replacen("unknown name", "unknown parameter", 1);
                return Err(Error::Parameter(format!("--set {p}={v}: {msg}")));
            };
            if let Some((lo, hi)) = &self.parameters[i].range {
                if v < lo || v > hi {
                    return Err(Error::Parameter(format!(
                        "--set {p}={v}: the value is outside the range of `{p}`, which is [{lo}, {hi}]"
                    )));
                }
            }
            values[i] = v.clone();
        }
        Ok(values)
    }

    /// Parameter values for `settings`, named, in declaration order.
    pub fn named_values(&self, settings: &Settings) -> Result<Vec<(String, Q)>> {
        let v = self.values(settings)?;
        Ok(self.parameters.iter().map(|p| p.name.clone()).zip(v).collect())
    }

    /// The game for `settings` (scenario, then `--set`).
    pub fn game(&self, settings: &Settings) -> Result<NormalForm> {
        self.evaluate(&self.values(settings)?)
    }

    /// The game for explicit parameter values (one per parameter, in declaration order).
    ///
    /// Ranges are not checked here. Errors in expressions (division by zero, ...) are located
    /// model errors that also show the parameter values involved.
    ///
    /// For a tree model this is the tree's reduced strategic form (see [`Model::evaluate_tree`]).
    pub fn evaluate(&self, values: &[Q]) -> Result<NormalForm> {
        if let Body::Tree(_) | Body::Multistage(_) = &self.body {
            return Ok(crate::game::reduce(&self.evaluate_tree(values)?)?.game);
        }
        let env = self.environment(values)?;
        match &self.body {
            Body::Normal(b) => {
                let mut flat = Vec::with_capacity(b.payoffs.len());
                for pe in &b.payoffs {
                    flat.push(pe.expr.eval(&env).map_err(|e| self.eval_error(pe, &e, &env, "in a payoff"))?);
                }
                let mut g = NormalForm::from_flat(self.title.clone(), b.players.clone(), flat)?;
                g.description = self.description.clone();
                Ok(g)
            }
            Body::Tree(_) | Body::Multistage(_) => {
                Err(Error::Internal("tree body reached the normal-form path".into()))
            }
        }
    }

    /// True for a tree model (`kind = "tree"`) or a multistage model (`kind = "multistage"`,
    /// which loads as its expanded tree).
    pub fn is_tree(&self) -> bool {
        matches!(self.body, Body::Tree(_) | Body::Multistage(_))
    }

    /// True for a multistage model (`kind = "multistage"`).
    pub fn is_multistage(&self) -> bool {
        matches!(self.body, Body::Multistage(_))
    }

    /// The multistage game of a multistage model for explicit parameter values (one per
    /// parameter, in declaration order). The horizon must evaluate to a whole number of periods
    /// and the discount factor to a number in (0, 1]; otherwise a located error.
    pub fn evaluate_multistage(&self, values: &[Q]) -> Result<Multistage> {
        let Body::Multistage(body) = &self.body else {
            return Err(Error::WrongKind(format!("{} is not a multistage model (`kind = \"multistage\"`)", self.file)));
        };
        let env = self.environment(values)?;
        multistage_model::evaluate_multistage(
            body,
            &self.title,
            &self.description,
            |pe, what| pe.expr.eval(&env).map_err(|e| self.eval_error(pe, &e, &env, what)),
            |at, msg| Error::Model(ModelError::at(&self.file, &self.source, at, msg)),
        )
    }

    /// The multistage game for `settings` (scenario, then `--set`).
    pub fn multistage(&self, settings: &Settings) -> Result<Multistage> {
        self.evaluate_multistage(&self.values(settings)?)
    }

    /// The game tree of a tree model for explicit parameter values (one per parameter, in
    /// declaration order). Chance probabilities are checked after substitution: a negative
    /// probability or a sum other than 1 is a located error showing the values involved.
    pub fn evaluate_tree(&self, values: &[Q]) -> Result<Tree> {
        if let Body::Multistage(_) = &self.body {
            return self.evaluate_multistage(values)?.expand();
        }
        let Body::Tree(body) = &self.body else {
            return Err(Error::WrongKind(format!("{} is a strategic-form model, not a tree", self.file)));
        };
        let env = self.environment(values)?;
        tree_model::evaluate_tree(
            body,
            &self.title,
            &self.description,
            |pe, what| pe.expr.eval(&env).map_err(|e| self.eval_error(pe, &e, &env, what)),
            |at, msg| Error::Model(ModelError::at(&self.file, &self.source, at, msg)),
            |exprs| {
                let used = self.used_values(exprs.iter().copied(), &env);
                if used.is_empty() {
                    String::new()
                } else {
                    format!(" (with {})", used.join(", "))
                }
            },
        )
    }

    /// The tree for `settings` (scenario, then `--set`).
    pub fn tree(&self, settings: &Settings) -> Result<Tree> {
        self.evaluate_tree(&self.values(settings)?)
    }

    fn environment(&self, values: &[Q]) -> Result<Vec<Q>> {
        if values.len() != self.parameters.len() {
            return Err(Error::Parameter(format!(
                "{} parameter values given, but the model has {} parameters",
                values.len(),
                self.parameters.len()
            )));
        }
        let mut env: Vec<Q> = values.to_vec();
        for (d, pe) in self.derived.iter().zip(&self.derived_exprs) {
            let v =
                pe.expr.eval(&env).map_err(|e| self.eval_error(pe, &e, &env, &format!("in derived `{}`", d.name)))?;
            env.push(v);
        }
        Ok(env)
    }

    fn used_values<'a>(&self, exprs: impl Iterator<Item = &'a PayoffExpr>, env: &[Q]) -> Vec<String> {
        let names: Vec<&str> = self
            .parameters
            .iter()
            .map(|p| p.name.as_str())
            .chain(self.derived.iter().map(|d| d.name.as_str()))
            .collect();
        let mut used: Vec<String> = Vec::new();
        for pe in exprs {
            for (n, _) in pe.expr.identifiers() {
                if let Some(i) = names.iter().position(|k| *k == n) {
                    let s = format!("{n} = {}", env.get(i).map_or("?".to_string(), |v| v.to_string()));
                    if !used.contains(&s) {
                        used.push(s);
                    }
                }
            }
        }
        used
    }

    fn eval_error(&self, pe: &PayoffExpr, e: &ExprError, env: &[Q], what: &str) -> Error {
        let used = self.used_values(std::iter::once(pe), env);
        let with = if used.is_empty() { String::new() } else { format!(" (with {})", used.join(", ")) };
        Error::Model(ModelError::at(
            &self.file,
            &self.source,
            pe.site.at(e.offset),
            format!("{}{with} {what}", e.message),
        ))
    }
}

/// What a model or game file loaded into.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The game with the chosen parameter values (for a tree: its reduced strategic form).
    pub game: NormalForm,
    /// The model, for TOML files (None for `.nfg` and `.efg`).
    pub model: Option<Model>,
    /// The parameter values used (after scenario and overrides), in declaration order.
    pub values: Vec<(String, Q)>,
    /// The game tree, for `.efg` files and tree models.
    pub tree: Option<Tree>,
}

/// A loaded game tree, before any strategic form is built.
#[derive(Debug, Clone)]
pub struct LoadedTree {
    /// The tree with the chosen parameter values.
    pub tree: Tree,
    /// The model, for TOML files (None for `.efg`).
    pub model: Option<Model>,
    /// The parameter values used, in declaration order.
    pub values: Vec<(String, Q)>,
}

/// A loaded file: a strategic-form game or a tree.
#[derive(Debug, Clone)]
pub enum LoadedGame {
    /// A `.nfg` file or a normal-form model.
    Normal(Loaded),
    /// A `.efg` file or a tree model.
    Tree(LoadedTree),
}

/// Loads a `.toml` model, a Gambit `.nfg` or a Gambit `.efg` file (by extension) with the
/// given settings. Trees (`.efg`, `kind = "tree"`) load as their reduced strategic form, with
/// the tree itself in [`Loaded::tree`]; use [`load_game`] to skip building that form.
///
/// Errors: [`Error::Io`] if the file cannot be read, [`Error::Model`] with file:line:column for
/// malformed content, [`Error::WrongKind`] for an unsupported extension, [`Error::Parameter`]
/// for an unknown scenario or parameter, a value out of range, or settings given for a Gambit
/// file, and [`Error::TooLarge`] for a file beyond [`limits::MAX_INPUT_BYTES`] or a game too
/// large to hold.
pub fn load(path: &Path, settings: &Settings) -> Result<Loaded> {
    match load_game(path, settings)? {
        LoadedGame::Normal(l) => Ok(l),
        LoadedGame::Tree(t) => {
            let game = crate::game::reduce(&t.tree)?.game;
            Ok(Loaded { game, model: t.model, values: t.values, tree: Some(t.tree) })
        }
    }
}

/// A loaded multistage model.
#[derive(Debug, Clone)]
pub struct LoadedMultistage {
    /// The game with the chosen parameter values.
    pub game: Multistage,
    /// The model.
    pub model: Model,
    /// The parameter values used, in declaration order.
    pub values: Vec<(String, Q)>,
}

/// Loads a multistage model (`kind = "multistage"`, a `.toml` file) with the given settings,
/// without expanding it into a tree. Other models and files are a [`Error::WrongKind`].
pub fn load_multistage(path: &Path, settings: &Settings) -> Result<LoadedMultistage> {
    let file = path.display().to_string();
    if !path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("toml")) {
        return Err(Error::WrongKind(format!("{file}: expected a `.toml` model of kind \"multistage\"")));
    }
    let src = limits::read_source(path)?;
    let model = Model::parse(&file, &src)?;
    if !model.is_multistage() {
        return Err(Error::WrongKind(format!(
            "{file} is not a multistage model; `attrition` needs `kind = \"multistage\"` (see docs/model-format.md)"
        )));
    }
    let values = model.named_values(settings)?;
    let raw: Vec<Q> = values.iter().map(|(_, v)| v.clone()).collect();
    let game = model.evaluate_multistage(&raw)?;
    Ok(LoadedMultistage { game, model, values })
}

/// Loads a file like [`load`], but keeps a tree as a tree (a multistage model loads as its
/// expanded tree).
pub fn load_game(path: &Path, settings: &Settings) -> Result<LoadedGame> {
    let file = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("toml") => FileKind::Toml,
        Some("nfg") => FileKind::Nfg,
        Some("efg") => FileKind::Efg,
        _ => {
            return Err(Error::WrongKind(format!(
                "{file}: unsupported file type; expected a `.toml` model or a Gambit `.nfg` or `.efg` game"
            )))
        }
    };
    let src = limits::read_source(path)?;
    load_str(&file, &src, kind, settings)
}

#[derive(Debug, Clone, Copy)]
enum FileKind {
    Toml,
    Nfg,
    Efg,
}

fn no_settings(file: &str, settings: &Settings, what: &str) -> Result<()> {
    if let Some((p, _)) = settings.set.first() {
        return Err(Error::Parameter(format!(
            "--set {p}=...: {file} is a Gambit {what} game and has no parameters (only .toml models do)"
        )));
    }
    if let Some(s) = &settings.scenario {
        return Err(Error::Parameter(format!(
            "--scenario {s}: {file} is a Gambit {what} game and has no scenarios (only .toml models do)"
        )));
    }
    Ok(())
}

fn load_str(file: &str, src: &str, kind: FileKind, settings: &Settings) -> Result<LoadedGame> {
    match kind {
        FileKind::Toml => {
            let model = Model::parse(file, src)?;
            let values = model.named_values(settings)?;
            let raw: Vec<Q> = values.iter().map(|(_, v)| v.clone()).collect();
            if model.is_tree() {
                let tree = model.evaluate_tree(&raw)?;
                return Ok(LoadedGame::Tree(LoadedTree { tree, model: Some(model), values }));
            }
            let game = model.evaluate(&raw)?;
            Ok(LoadedGame::Normal(Loaded { game, model: Some(model), values, tree: None }))
        }
        FileKind::Nfg => {
            let game = parse_nfg(file, src)?;
            no_settings(file, settings, ".nfg")?;
            Ok(LoadedGame::Normal(Loaded { game, model: None, values: Vec::new(), tree: None }))
        }
        FileKind::Efg => {
            let tree = parse_efg(file, src)?;
            no_settings(file, settings, ".efg")?;
            Ok(LoadedGame::Tree(LoadedTree { tree, model: None, values: Vec::new() }))
        }
    }
}
