//! `standoff info`: players, parameters, scenarios, dominance and the class of a 2x2 game, as a
//! table or as JSON (schema in `docs/json.md`).

use super::json::{finish, named, qss};
use super::table::grid;
use super::{mixture_text, GameSummary, Matrix, Report};
use crate::analysis::classify::Classification;
use crate::game::{NormalForm, Player};
use crate::num::{fmt_q, Q};
use indexmap::IndexMap;
use num_traits::One;
use serde::Serialize;
use std::fmt::Write;

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
    /// Remarks about how the game was read (e.g. renamed duplicate labels of a Gambit file).
    pub notes: Vec<String>,
}

#[derive(Serialize)]
struct PlayerJson<'a> {
    name: &'a str,
    strategies: &'a [String],
}

#[derive(Serialize)]
struct ParameterJson<'a> {
    name: &'a str,
    value: String,
    default: String,
    range: Option<[String; 2]>,
    meaning: &'a str,
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    name: &'a str,
    description: &'a str,
    set: IndexMap<&'a str, String>,
}

#[derive(Serialize)]
struct DominatorJson<'a> {
    strategy: &'a str,
    probability: String,
}

#[derive(Serialize)]
struct StepJson<'a> {
    player: &'a str,
    strategy: &'a str,
    dominated_by: Vec<DominatorJson<'a>>,
}

#[derive(Serialize)]
struct EliminationJson<'a> {
    steps: Vec<StepJson<'a>>,
    remaining: &'a [Vec<String>],
    notes: &'a [String],
}

#[derive(Serialize)]
struct DominanceJson<'a> {
    pure: EliminationJson<'a>,
    mixed: EliminationJson<'a>,
}

#[derive(Serialize)]
struct ClassificationJson<'a> {
    name: &'a str,
    player_types: &'a [String],
    facts: &'a [String],
}

#[derive(Serialize)]
struct InfoJson<'a> {
    title: &'a str,
    description: &'a str,
    players: Vec<PlayerJson<'a>>,
    parameters: Vec<ParameterJson<'a>>,
    scenarios: Vec<ScenarioJson<'a>>,
    scenario: Option<&'a str>,
    constant_sum: Option<String>,
    payoff_matrices: Option<[Vec<Vec<String>>; 2]>,
    dominance: DominanceJson<'a>,
    classification: Option<ClassificationJson<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

fn elimination(e: &EliminationInfo) -> EliminationJson<'_> {
    EliminationJson {
        steps: e
            .steps
            .iter()
            .map(|s| StepJson {
                player: &s.player,
                strategy: &s.strategy,
                dominated_by: s
                    .dominated_by
                    .iter()
                    .map(|(l, p)| DominatorJson { strategy: l, probability: fmt_q(p) })
                    .collect(),
            })
            .collect(),
        remaining: &e.remaining,
        notes: &e.notes,
    }
}

fn elimination_text(out: &mut String, e: &EliminationInfo, players: &[crate::game::Player]) {
    if e.steps.is_empty() {
        out.push_str("  nothing is eliminated\n");
    }
    for (k, s) in e.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}: {} is strictly dominated by {}",
            k + 1,
            s.player,
            s.strategy,
            mixture_text(&s.dominated_by)
        );
    }
    let remaining: Vec<String> =
        players.iter().zip(&e.remaining).map(|(p, kept)| format!("{} {{{}}}", p.name, kept.join(", "))).collect();
    if !e.steps.is_empty() {
        let _ = writeln!(out, "  remaining: {}", remaining.join("; "));
    }
    for n in &e.notes {
        let _ = writeln!(out, "  note: {n}");
    }
}

impl Report for InfoReport {
    fn name(&self) -> &'static str {
        "info"
    }

    fn table(&self) -> String {
        let r = self;
        let mut out = String::new();
        let _ = writeln!(out, "{}", r.title);
        if !r.description.trim().is_empty() {
            let _ = writeln!(out, "\n{}", r.description.trim_end());
        }
        if !r.notes.is_empty() {
            out.push_str("\nNotes:\n");
            for n in &r.notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out.push_str("\nPlayers and strategies\n");
        for p in &r.players {
            let _ = writeln!(out, "  {}: {}", p.name, p.strategies.join(", "));
        }
        if let Some((a, b)) = &r.matrices {
            if let [row, col] = r.players.as_slice() {
                let _ = writeln!(out, "\nPayoffs ({}, {})", row.name, col.name);
                let mut header = vec![String::new()];
                header.extend(col.strategies.iter().cloned());
                let mut g = grid(header);
                for (i, label) in row.strategies.iter().enumerate() {
                    let mut cells = vec![label.clone()];
                    for j in 0..col.strategies.len() {
                        let cell = match (a.get(i).and_then(|x| x.get(j)), b.get(i).and_then(|x| x.get(j))) {
                            (Some(u), Some(v)) => format!("{}, {}", fmt_q(u), fmt_q(v)),
                            _ => String::new(),
                        };
                        cells.push(cell);
                    }
                    g.add_row(cells);
                }
                let _ = writeln!(out, "{g}");
            }
        }
        if !r.parameters.is_empty() {
            let heading = match &r.scenario {
                Some(s) => format!("\nParameters (scenario {s})\n"),
                None => "\nParameters\n".to_string(),
            };
            out.push_str(&heading);
            let mut g = grid(vec!["Name".into(), "Value".into(), "Default".into(), "Range".into(), "Meaning".into()]);
            for p in &r.parameters {
                let range = p.range.as_ref().map(|(lo, hi)| format!("{} .. {}", fmt_q(lo), fmt_q(hi)));
                g.add_row(vec![
                    p.name.clone(),
                    fmt_q(&p.value),
                    fmt_q(&p.default),
                    range.unwrap_or_else(|| "-".into()),
                    p.meaning.clone(),
                ]);
            }
            let _ = writeln!(out, "{g}");
        }
        if !r.scenarios.is_empty() {
            out.push_str("\nScenarios\n");
            for s in &r.scenarios {
                let set: Vec<String> = s.set.iter().map(|(k, v)| format!("{k} = {}", fmt_q(v))).collect();
                let changes = if set.is_empty() { "defaults".to_string() } else { set.join(", ") };
                let desc = if s.description.is_empty() { String::new() } else { format!(": {}", s.description) };
                let _ = writeln!(out, "  {}{desc} [{changes}]", s.name);
            }
        }
        out.push('\n');
        match &r.constant_sum {
            Some(c) => {
                let _ = writeln!(out, "Constant-sum: yes (payoffs always sum to {})", fmt_q(c));
            }
            None => out.push_str("Constant-sum: no\n"),
        }
        for (title, e) in [
            ("Iterated elimination of strictly dominated strategies (pure dominators)", &r.pure_elimination),
            ("Iterated elimination of strictly dominated strategies (mixed dominators)", &r.mixed_elimination),
        ] {
            let _ = writeln!(out, "\n{title}");
            elimination_text(&mut out, e, &r.players);
        }
        if let Some(c) = &r.classification {
            let _ = writeln!(out, "\nClass: {}", c.name);
            for (p, t) in r.players.iter().zip(&c.player_types) {
                let _ = writeln!(out, "  {}: {t} preferences", p.name);
            }
            for f in &c.facts {
                let _ = writeln!(out, "  - {f}");
            }
        }
        out
    }

    fn json(&self) -> String {
        let r = self;
        finish(&InfoJson {
            title: &r.title,
            description: &r.description,
            players: r.players.iter().map(|p| PlayerJson { name: &p.name, strategies: &p.strategies }).collect(),
            parameters: r
                .parameters
                .iter()
                .map(|p| ParameterJson {
                    name: &p.name,
                    value: fmt_q(&p.value),
                    default: fmt_q(&p.default),
                    range: p.range.as_ref().map(|(lo, hi)| [fmt_q(lo), fmt_q(hi)]),
                    meaning: &p.meaning,
                })
                .collect(),
            scenarios: r
                .scenarios
                .iter()
                .map(|s| ScenarioJson { name: &s.name, description: &s.description, set: named(&s.set) })
                .collect(),
            scenario: r.scenario.as_deref(),
            constant_sum: r.constant_sum.as_ref().map(fmt_q),
            payoff_matrices: r.matrices.as_ref().map(|(a, b)| [qss(a), qss(b)]),
            dominance: DominanceJson {
                pure: elimination(&r.pure_elimination),
                mixed: elimination(&r.mixed_elimination),
            },
            classification: r.classification.as_ref().map(|c| ClassificationJson {
                name: &c.name,
                player_types: &c.player_types,
                facts: &c.facts,
            }),
            notes: &r.notes,
        })
    }
}
