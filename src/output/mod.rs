//! Every rendering of every report: a report in, a `String` out.
//!
//! One file per report — `solve`, `info`, [`tree`], [`region`], [`compare`], [`thresholds`],
//! [`attrition`], [`sweep`] — each implementing every format it has behind the small [`Report`]
//! trait (as hyperfine's exporters do). The shared kits hold the one copy of each helper:
//! `table` (boxed tables, wrapped lists), `json` (exact numbers as strings, ordered objects),
//! `csv` (field quoting), `markdown` (cell escaping). [`emit`] is the one place that writes the
//! text, to standard output or atomically to a file ([`write_atomic`]).
//!
//! A new report is one new file here with an `impl Report`; a new format is a new [`Format`]
//! variant and a method on [`Report`]. The JSON rendering is the stable machine interface
//! (documented in `docs/json.md`); the others are for people.

pub mod attrition;
pub mod compare;
pub(crate) mod csv;
pub(crate) mod info;
pub(crate) mod json;
pub(crate) mod markdown;
pub mod path;
pub mod qre;
pub mod region;
pub(crate) mod solve;
pub mod sweep;
pub(crate) mod table;
pub mod thresholds;
pub mod tree;
pub mod write;

pub use info::{EliminationInfo, InfoReport, ParameterInfo, ScenarioInfo, StepInfo};
pub use solve::{EquilibriumReport, SolveReport, MAX_OUTCOMES};
pub use write::{emit, write_atomic, Output, OutputFile};

use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::{fmt_q, to_f64, Q};
use num_traits::{One, Signed};

/// A report that can be rendered in some of the [`Format`]s: every report has a table and a
/// JSON rendering; those with CSV or Markdown say so in [`Report::formats`].
pub trait Report {
    /// What error messages call this report (`solve`, `region`, ...).
    fn name(&self) -> &'static str;
    /// The formats this report has, in help order.
    fn formats(&self) -> &'static [Format] {
        &[Format::Table, Format::Json]
    }
    /// The readable text layout.
    fn table(&self) -> String;
    /// The JSON document (the stable machine interface).
    fn json(&self) -> String;
    /// CSV (reports that list [`Format::Csv`]); an error if this report's data has no CSV form.
    fn csv(&self) -> Result<String> {
        Err(no_rendering(self.name(), Format::Csv, self.formats()))
    }
    /// Markdown (reports that list [`Format::Markdown`]).
    fn markdown(&self) -> Result<String> {
        Err(no_rendering(self.name(), Format::Markdown, self.formats()))
    }
}

fn no_rendering(name: &str, format: Format, has: &[Format]) -> Error {
    let has: Vec<&str> = has.iter().map(|f| f.name()).collect();
    Error::Output(format!("`{name}` cannot be written as {}; use {}", format.name(), has.join(" or ")))
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A human-readable text layout with boxed tables.
    Table,
    /// Pretty-printed JSON: the stable machine interface.
    Json,
    /// Comma-separated values.
    Csv,
    /// A Markdown document.
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

    /// Renders `report` in this format; an [`Error::Output`] naming the formats it has if
    /// it has no rendering in this one.
    pub fn render(self, report: &dyn Report) -> Result<String> {
        if !report.formats().contains(&self) {
            return Err(no_rendering(report.name(), self, report.formats()));
        }
        match self {
            Format::Table => Ok(report.table()),
            Format::Json => Ok(report.json()),
            Format::Csv => report.csv(),
            Format::Markdown => report.markdown(),
        }
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
            algebraic: None,
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
            notes: vec![],
        };
        assert!(Format::Table.render(&report).is_ok());
        assert!(Format::Json.render(&report).is_ok());
        let err = Format::Csv.render(&report).unwrap_err();
        assert!(matches!(err, Error::Output(_)));
        assert_eq!(err.to_string(), "`info` cannot be written as csv; use table or json");
    }
}
