//! JSON: the stable machine interface.
//!
//! Exact numbers are strings (`"2/3"`, `"-1"`); keys come in a fixed order and objects keyed by
//! name (parameters, scenario overrides) keep declaration order, so the same input gives the
//! same bytes. Indices are 0-based.
//!
//! `solve` writes:
//! ```text
//! { "game": {"title", "players": [name], "strategies": [[label]]},
//!   "method", "exact", "complete", "scenario": name|null, "parameters": {name: value},
//!   "equilibria": [{"profile": [[p]], "payoffs": [v], "payoffs_float": [f], "pure",
//!                   "support": [[label]], "exact", "max_regret"}],
//!   "components": [{"equilibria": [index], "row_points": [[p]], "col_points": [[p]],
//!                   "convex_sets": [{"rows": [index], "cols": [index]}]}],
//!   "notes": [text] }
//! ```

use super::{EliminationInfo, Exporter, InfoReport, SolveReport};
use crate::num::{fmt_q, to_f64, Q};
use indexmap::IndexMap;
use serde::Serialize;

/// The JSON exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

fn qs(xs: &[Q]) -> Vec<String> {
    xs.iter().map(fmt_q).collect()
}

fn qss(xs: &[Vec<Q>]) -> Vec<Vec<String>> {
    xs.iter().map(|x| qs(x)).collect()
}

fn named(xs: &[(String, Q)]) -> IndexMap<&str, String> {
    xs.iter().map(|(k, v)| (k.as_str(), fmt_q(v))).collect()
}

fn finish<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings, numbers and maps cannot fail.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[derive(Serialize)]
struct GameJson<'a> {
    title: &'a str,
    players: &'a [String],
    strategies: &'a [Vec<String>],
}

#[derive(Serialize)]
struct EquilibriumJson {
    profile: Vec<Vec<String>>,
    payoffs: Vec<String>,
    payoffs_float: Vec<f64>,
    pure: bool,
    support: Vec<Vec<String>>,
    outcomes: Vec<OutcomeJson>,
    outcomes_truncated: bool,
    exact: bool,
    max_regret: Option<String>,
}

#[derive(Serialize)]
struct OutcomeJson {
    profile: Vec<String>,
    probability: String,
}

#[derive(Serialize)]
struct ConvexSetJson<'a> {
    rows: &'a [usize],
    cols: &'a [usize],
}

#[derive(Serialize)]
struct ComponentJson<'a> {
    equilibria: &'a [usize],
    row_points: Vec<Vec<String>>,
    col_points: Vec<Vec<String>>,
    convex_sets: Vec<ConvexSetJson<'a>>,
}

#[derive(Serialize)]
struct SolveJson<'a> {
    game: GameJson<'a>,
    method: &'a str,
    exact: bool,
    complete: bool,
    scenario: Option<&'a str>,
    parameters: IndexMap<&'a str, String>,
    equilibria: Vec<EquilibriumJson>,
    components: Vec<ComponentJson<'a>>,
    notes: &'a [String],
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

impl Exporter for Json {
    fn solve(&self, r: &SolveReport) -> String {
        let equilibria = r
            .equilibria
            .iter()
            .map(|e| {
                let (outcomes, outcomes_truncated) = e.outcomes();
                EquilibriumJson {
                    profile: qss(&e.profile),
                    payoffs: qs(&e.payoffs),
                    payoffs_float: e.payoffs.iter().map(to_f64).collect(),
                    pure: e.is_pure(),
                    support: e
                        .support()
                        .iter()
                        .enumerate()
                        .map(|(i, s)| s.iter().map(|&k| r.game.label(i, k)).collect())
                        .collect(),
                    outcomes: outcomes
                        .iter()
                        .map(|(p, x)| OutcomeJson {
                            profile: p.iter().enumerate().map(|(i, &k)| r.game.label(i, k)).collect(),
                            probability: fmt_q(x),
                        })
                        .collect(),
                    outcomes_truncated,
                    exact: e.is_exact(),
                    max_regret: e.max_regret.as_ref().map(fmt_q),
                }
            })
            .collect();
        let components = r
            .components
            .iter()
            .map(|c| ComponentJson {
                equilibria: &c.equilibria,
                row_points: qss(&c.row_points),
                col_points: qss(&c.col_points),
                convex_sets: c.convex_sets.iter().map(|s| ConvexSetJson { rows: &s.rows, cols: &s.cols }).collect(),
            })
            .collect();
        finish(&SolveJson {
            game: GameJson { title: &r.game.title, players: &r.game.players, strategies: &r.game.strategies },
            method: &r.method,
            exact: r.exact,
            complete: r.complete,
            scenario: r.scenario.as_deref(),
            parameters: named(&r.parameters),
            equilibria,
            components,
            notes: &r.notes,
        })
    }

    fn info(&self, r: &InfoReport) -> Option<String> {
        Some(finish(&InfoJson {
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
        }))
    }
}
