//! Report writers: a report in, a `String` out.
//!
//! The command line gathers what it computed into a [`SolveReport`] or an [`InfoReport`];
//! a [`Format`] picks one exporter (one file per format: [`table`], [`json`], [`csv`],
//! [`markdown`]) that turns the report into text. [`emit`] is the one place that writes
//! the text, to standard output or atomically to a file ([`write_atomic`]).
//!
//! The JSON rendering is the stable machine interface; the others are for people.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod qre;
pub mod table;
pub mod tree;
mod write;

pub use write::{emit, write_atomic};

use crate::analysis::classify::Classification;
use crate::error::{Error, Result};
use crate::game::{NormalForm, Player};
use crate::num::{fmt_q, to_f64, Q};
use crate::solve::{Component, Solution};
use num_traits::{One, Signed, Zero};

/// Turns reports into text in one format.
pub trait Exporter {
    /// Renders the result of `standoff solve`.
    fn solve(&self, report: &SolveReport) -> String;
    /// Renders the result of `standoff info`, or `None` if this format has no such rendering.
    fn info(&self, report: &InfoReport) -> Option<String> {
        let _ = report;
        None
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A human-readable text layout with boxed tables.
    Table,
    /// Pretty-printed JSON: the stable machine interface.
    Json,
    /// Comma-separated values, one row per equilibrium.
    Csv,
    /// A Markdown document with a table of equilibria.
    Markdown,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 4] = [Format::Table, Format::Json, Format::Csv, Format::Markdown];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
        }
    }

    /// The exporter for this format.
    pub fn exporter(self) -> &'static dyn Exporter {
        match self {
            Format::Table => &table::Table,
            Format::Json => &json::Json,
            Format::Csv => &csv::Csv,
            Format::Markdown => &markdown::Markdown,
        }
    }

    /// Renders a solve report.
    pub fn render_solve(self, report: &SolveReport) -> String {
        self.exporter().solve(report)
    }

    /// Renders an info report; a usage error if the format has no info rendering.
    pub fn render_info(self, report: &InfoReport) -> Result<String> {
        self.exporter()
            .info(report)
            .ok_or_else(|| Error::Usage(format!("`info` cannot be written as {}; use table or json", self.name())))
    }
}

/// A payoff matrix: rows are player 1's strategies, columns player 2's.
pub type Matrix = Vec<Vec<Q>>;

/// The title, players and strategy labels of a game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GameSummary {
    /// Title.
    pub title: String,
    /// Player names, in file order.
    pub players: Vec<String>,
    /// Strategy labels per player, in file order.
    pub strategies: Vec<Vec<String>>,
}

impl GameSummary {
    /// The summary of `game`.
    pub fn of(game: &NormalForm) -> GameSummary {
        GameSummary {
            title: game.title.clone(),
            players: game.players().iter().map(|p| p.name.clone()).collect(),
            strategies: game.players().iter().map(|p| p.strategies.clone()).collect(),
        }
    }

    /// Label of strategy `s` of player `i` (or `#k`, 1-based, if out of range).
    pub fn label(&self, i: usize, s: usize) -> String {
        self.strategies.get(i).and_then(|l| l.get(s)).cloned().unwrap_or_else(|| format!("#{}", s + 1))
    }

    /// Name of player `i` (or `Player k`, 1-based, if out of range).
    pub fn player(&self, i: usize) -> String {
        self.players.get(i).cloned().unwrap_or_else(|| format!("Player {}", i + 1))
    }
}

/// The most outcomes (pure profiles with positive probability) listed per equilibrium.
pub const MAX_OUTCOMES: usize = 64;

/// One equilibrium as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EquilibriumReport {
    /// `profile[i][s]`: player `i`'s probability of strategy `s`, in file order.
    pub profile: Vec<Vec<Q>>,
    /// Expected payoff per player.
    pub payoffs: Vec<Q>,
    /// The largest gain any player could make by deviating (0 at an exact equilibrium);
    /// `None` if it could not be computed (malformed profile).
    pub max_regret: Option<Q>,
}

impl EquilibriumReport {
    /// True if every player plays one strategy with probability one.
    pub fn is_pure(&self) -> bool {
        self.profile.iter().all(|p| p.iter().any(One::is_one))
    }

    /// The probability of each pure profile that can occur (in Gambit order), at most
    /// [`MAX_OUTCOMES`] of them, and whether some were left out.
    pub fn outcomes(&self) -> (Vec<(Vec<usize>, Q)>, bool) {
        crate::game::MixedProfile { probs: self.profile.clone() }.outcomes(MAX_OUTCOMES)
    }

    /// True if the regret is exactly 0 (an exact equilibrium, not an ε-equilibrium).
    pub fn is_exact(&self) -> bool {
        self.max_regret.as_ref().is_some_and(Zero::is_zero)
    }

    /// Indices of strategies played with positive probability, per player.
    pub fn support(&self) -> Vec<Vec<usize>> {
        self.profile.iter().map(|p| (0..p.len()).filter(|&s| p[s].is_positive()).collect()).collect()
    }
}

/// Everything `standoff solve` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveReport {
    /// The game solved.
    pub game: GameSummary,
    /// The method that ran (after resolving `auto`).
    pub method: String,
    /// True if every number is exact and every equilibrium verified with regret 0.
    pub exact: bool,
    /// True if the method finds all equilibria of its kind.
    pub complete: bool,
    /// The scenario used, if any.
    pub scenario: Option<String>,
    /// Parameter values used, in declaration order (empty for `.nfg` files).
    pub parameters: Vec<(String, Q)>,
    /// The equilibria, in the solver's order.
    pub equilibria: Vec<EquilibriumReport>,
    /// Equilibrium components (two-player enumeration only).
    pub components: Vec<Component>,
    /// Remarks for the reader.
    pub notes: Vec<String>,
}

impl SolveReport {
    /// Gathers a report from a game, the solver's answer and the parameter values used.
    /// Each equilibrium's regret is recomputed exactly from the game.
    pub fn new(
        game: &NormalForm,
        solution: &Solution,
        scenario: Option<String>,
        parameters: Vec<(String, Q)>,
    ) -> SolveReport {
        let equilibria = solution
            .equilibria
            .iter()
            .map(|eq| EquilibriumReport {
                profile: eq.profile.probs.clone(),
                payoffs: eq.payoffs.clone(),
                max_regret: eq.profile.check(game).ok().map(|()| game.max_regret(&eq.profile)),
            })
            .collect();
        SolveReport {
            game: GameSummary::of(game),
            method: solution.method.to_string(),
            exact: solution.exact,
            complete: solution.complete,
            scenario,
            parameters,
            equilibria,
            components: solution.components.clone(),
            notes: solution.notes.clone(),
        }
    }
}

/// A declared model parameter and the value used.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterInfo {
    /// Identifier.
    pub name: String,
    /// Value used (after scenario and `--set`).
    pub value: Q,
    /// Declared default.
    pub default: Q,
    /// Declared inclusive range, if any.
    pub range: Option<(Q, Q)>,
    /// What the parameter means.
    pub meaning: String,
}

/// A named scenario of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioInfo {
    /// Name used by `--scenario`.
    pub name: String,
    /// What it represents.
    pub description: String,
    /// Parameter overrides, in file order.
    pub set: Vec<(String, Q)>,
}

/// One step of iterated elimination, with labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepInfo {
    /// Player whose strategy is eliminated.
    pub player: String,
    /// The eliminated strategy.
    pub strategy: String,
    /// The dominating strategy or mixture: (label, probability); one entry with probability 1 for a pure dominator.
    pub dominated_by: Vec<(String, Q)>,
}

/// The outcome of iterated elimination of strictly dominated strategies, with labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EliminationInfo {
    /// Steps in order.
    pub steps: Vec<StepInfo>,
    /// Surviving strategies per player.
    pub remaining: Vec<Vec<String>>,
    /// Remarks (e.g. a mixed-dominance test skipped because the game is too large).
    pub notes: Vec<String>,
}

impl EliminationInfo {
    /// Labels an elimination result of `game`.
    pub fn of(game: &NormalForm, elimination: &crate::analysis::dominance::Elimination) -> EliminationInfo {
        use crate::analysis::dominance::Dominator;
        let summary = GameSummary::of(game);
        let steps = elimination
            .steps
            .iter()
            .map(|step| StepInfo {
                player: summary.player(step.player),
                strategy: summary.label(step.player, step.strategy),
                dominated_by: match &step.dominated_by {
                    Dominator::Pure(s) => vec![(summary.label(step.player, *s), Q::one())],
                    Dominator::Mixed(mix) => {
                        mix.iter().map(|(s, p)| (summary.label(step.player, *s), p.clone())).collect()
                    }
                },
            })
            .collect();
        let remaining = elimination
            .remaining
            .iter()
            .enumerate()
            .map(|(i, kept)| kept.iter().map(|&s| summary.label(i, s)).collect())
            .collect();
        EliminationInfo { steps, remaining, notes: elimination.notes.clone() }
    }
}

/// Everything `standoff info` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct InfoReport {
    /// Title.
    pub title: String,
    /// Description: the question the model answers.
    pub description: String,
    /// Players and their strategies.
    pub players: Vec<Player>,
    /// Declared parameters with the values used (empty for `.nfg` files).
    pub parameters: Vec<ParameterInfo>,
    /// Declared scenarios (empty for `.nfg` files).
    pub scenarios: Vec<ScenarioInfo>,
    /// The scenario used, if any.
    pub scenario: Option<String>,
    /// The constant sum of payoffs if the game is constant-sum.
    pub constant_sum: Option<Q>,
    /// Payoff matrices `(A, B)` for two-player games small enough to print.
    pub matrices: Option<(Matrix, Matrix)>,
    /// Iterated elimination by pure strategies.
    pub pure_elimination: EliminationInfo,
    /// Iterated elimination by pure and mixed strategies.
    pub mixed_elimination: EliminationInfo,
    /// The class of a 2x2 game.
    pub classification: Option<Classification>,
}

/// `x` exactly, plus a decimal approximation in parentheses when it is not an integer:
/// `"2/3 (0.6667)"`, `"-1"`.
pub fn with_decimal(x: &Q) -> String {
    if x.denom().bits() > 40 {
        // The exact payoff of a rounded ε-equilibrium profile: the fraction is unreadable.
        return format!("≈{}", prob_text(x));
    }
    if x.is_integer() {
        fmt_q(x)
    } else {
        format!("{} ({})", fmt_q(x), decimal(x))
    }
}

/// A decimal approximation with at most four places, trailing zeros removed: `0.6667`, `1.5`.
pub fn decimal(x: &Q) -> String {
    let s = format!("{:.4}", to_f64(x));
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A mixed strategy in words: `"Concede 2/3, Hold 1/3"`, or just the label if pure.
/// Strategies with probability zero are left out.
pub fn mixed_text(labels: &[String], probs: &[Q]) -> String {
    let label = |s: usize| labels.get(s).cloned().unwrap_or_else(|| format!("#{}", s + 1));
    if let Some(s) = probs.iter().position(One::is_one) {
        return label(s);
    }
    let parts: Vec<String> = probs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_positive())
        .map(|(s, p)| format!("{} {}", label(s), prob_text(p)))
        .collect();
    if parts.is_empty() {
        "(none)".to_string()
    } else {
        parts.join(", ")
    }
}

/// A probability: exact (`2/3`) unless its denominator has more than 12 digits (the rounded
/// profile of an ε-equilibrium), then a decimal (`0.619232556257637`); JSON keeps the fraction.
pub fn prob_text(p: &Q) -> String {
    if p.denom().bits() <= 40 {
        fmt_q(p)
    } else {
        let s = format!("{:.15}", to_f64(p));
        s.trim_end_matches('0').to_string()
    }
}

/// A dominating mixture in words: `"Hold"` or `"1/2 Concede + 1/2 Hold"`.
pub fn mixture_text(mix: &[(String, Q)]) -> String {
    match mix {
        [(label, p)] if p.is_one() => label.clone(),
        _ => mix.iter().map(|(l, p)| format!("{} {l}", fmt_q(p))).collect::<Vec<_>>().join(" + "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    #[test]
    fn decimals() {
        assert_eq!(with_decimal(&frac(2, 3)), "2/3 (0.6667)");
        assert_eq!(with_decimal(&frac(3, 2)), "3/2 (1.5)");
        assert_eq!(with_decimal(&q(-1)), "-1");
        assert_eq!(decimal(&frac(-1, 100_000)), "0");
        assert_eq!(decimal(&q(12)), "12");
    }

    #[test]
    fn mixed_strategies_in_words() {
        let labels = vec!["Concede".to_string(), "Hold".to_string()];
        assert_eq!(mixed_text(&labels, &[frac(2, 3), frac(1, 3)]), "Concede 2/3, Hold 1/3");
        assert_eq!(mixed_text(&labels, &[q(0), q(1)]), "Hold");
        assert_eq!(mixed_text(&labels, &[q(0), q(0), frac(1, 2), frac(1, 2)]), "#3 1/2, #4 1/2");
        assert_eq!(mixture_text(&[("A".into(), q(1))]), "A");
        assert_eq!(mixture_text(&[("A".into(), frac(1, 2)), ("B".into(), frac(1, 2))]), "1/2 A + 1/2 B");
    }

    #[test]
    fn equilibrium_support() {
        let e = EquilibriumReport {
            profile: vec![vec![q(1), q(0)], vec![frac(1, 3), frac(2, 3)]],
            payoffs: vec![q(0), q(0)],
            max_regret: Some(q(0)),
        };
        assert!(!e.is_pure());
        assert_eq!(e.support(), vec![vec![0], vec![0, 1]]);
    }

    #[test]
    fn info_needs_table_or_json() {
        let report = InfoReport {
            title: "t".into(),
            description: String::new(),
            players: vec![],
            parameters: vec![],
            scenarios: vec![],
            scenario: None,
            constant_sum: None,
            matrices: None,
            pure_elimination: EliminationInfo { steps: vec![], remaining: vec![], notes: vec![] },
            mixed_elimination: EliminationInfo { steps: vec![], remaining: vec![], notes: vec![] },
            classification: None,
        };
        assert!(Format::Table.render_info(&report).is_ok());
        assert!(Format::Json.render_info(&report).is_ok());
        assert!(matches!(Format::Csv.render_info(&report), Err(Error::Usage(_))));
    }
}
