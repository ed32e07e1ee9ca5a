//! `standoff solve` on a strategic-form game: the report and its four renderings.
//!
//! - table: a header, one boxed table per equilibrium, components and notes;
//! - JSON: the stable machine interface (schema in `docs/json.md`);
//! - CSV: a header, then one row per equilibrium: `equilibrium` (1-based), `<player>:<strategy>` for every
//!   strategy of every player in file order (exact probabilities), then `payoff:<player>`;
//! - Markdown: a heading, the method and parameters, and a table of equilibria.

use super::csv::field;
use super::json::{finish, named, qs, qss, GameJson, OutcomeJson};
use super::markdown::cell;
use super::table::{grid, wrap};
use super::{mixed_text, prob_text, with_decimal, Format, GameSummary, Report};
use crate::error::Result;
use crate::game::NormalForm;
use crate::num::{fmt_q, to_f64, Q};
use crate::solve::{Component, Solution};
use indexmap::IndexMap;
use num_traits::{One, Signed, Zero};
use serde::Serialize;
use std::fmt::Write;

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
    /// For an irrational equilibrium of three players with two strategies each in the support:
    /// one probability as the root of its minimal polynomial in an isolating interval.
    pub algebraic: Option<crate::solve::enumpoly::Algebraic>,
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
    /// Why `auto` chose the method, shown in the method line (e.g. "auto: too large for
    /// enumpoly"); `None` when the method was asked for or the choice needs no word.
    pub auto_reason: Option<String>,
    /// The seed of a method's random choice (`gnm`'s perturbation direction), echoed in JSON.
    pub seed: Option<u64>,
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
            .map(|eq| {
                let max_regret = eq.profile.check(game).ok().map(|()| game.max_regret(&eq.profile));
                let exact = max_regret.as_ref().is_some_and(Zero::is_zero);
                EquilibriumReport {
                    profile: eq.profile.probs.clone(),
                    payoffs: eq.payoffs.clone(),
                    algebraic: if exact { None } else { crate::solve::enumpoly::algebraic(game, &eq.profile) },
                    max_regret,
                }
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
            notes: game.notes.iter().chain(&solution.notes).cloned().collect(),
            auto_reason: None,
            seed: None,
        }
    }
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
    algebraic: Option<AlgebraicJson>,
}

/// An irrational probability: the root of `poly` (in `x`) in `interval`.
#[derive(Serialize)]
struct AlgebraicJson {
    player: String,
    strategy: String,
    poly: String,
    coefficients: Vec<String>,
    interval: [String; 2],
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
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    exact: bool,
    complete: bool,
    scenario: Option<&'a str>,
    parameters: IndexMap<&'a str, String>,
    equilibria: Vec<EquilibriumJson>,
    components: Vec<ComponentJson<'a>>,
    notes: &'a [String],
}

fn point_text(game: &GameSummary, player: usize, probs: &[crate::num::Q]) -> String {
    let labels = game.strategies.get(player).map(Vec::as_slice).unwrap_or(&[]);
    format!("({})", mixed_text(labels, probs))
}

impl Report for SolveReport {
    fn name(&self) -> &'static str {
        "solve"
    }

    fn formats(&self) -> &'static [Format] {
        &Format::ALL
    }

    fn table(&self) -> String {
        let r = self;
        let mut out = String::new();
        let _ = writeln!(out, "{}", r.game.title);
        let exact = if r.exact { "exact" } else { "approximate" };
        let complete = if r.complete { "complete" } else { "not necessarily complete" };
        let why = r.auto_reason.as_deref().map(|w| format!("; {w}")).unwrap_or_default();
        let _ = writeln!(out, "Method: {} ({exact}, {complete}{why})", r.method);
        if let Some(s) = &r.scenario {
            let _ = writeln!(out, "Scenario: {s}");
        }
        if !r.parameters.is_empty() {
            let items: Vec<String> = r.parameters.iter().map(|(k, v)| format!("{k} = {}", fmt_q(v))).collect();
            let _ = writeln!(out, "{}", wrap("Parameters:", &items, 2));
        }
        out.push('\n');
        match r.equilibria.len() {
            0 => out.push_str("No equilibria found.\n"),
            1 => out.push_str("1 equilibrium\n"),
            n => {
                let _ = writeln!(out, "{n} equilibria");
            }
        }
        for (k, e) in r.equilibria.iter().enumerate() {
            let kind = if e.is_pure() { "pure" } else { "mixed" };
            let regret = match &e.max_regret {
                Some(x) if x.is_zero() => String::new(),
                // A tiny proven regret: an ε-equilibrium from an approximate solver.
                Some(x) if to_f64(x) < 1e-6 => {
                    format!(", ε-equilibrium: max regret ≤ {}, proven exactly", upper_sci(to_f64(x)))
                }
                Some(x) => format!(", max regret {}", with_decimal(x)),
                None => ", max regret unknown".to_string(),
            };
            let _ = writeln!(out, "\nEquilibrium {} ({kind}{regret})", k + 1);
            let mut g = grid(vec!["Player".into(), "Strategy".into(), "Payoff".into()]);
            for (i, probs) in e.profile.iter().enumerate() {
                let labels = r.game.strategies.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let payoff = e.payoffs.get(i).map(with_decimal).unwrap_or_default();
                g.add_row(vec![r.game.player(i), mixed_text(labels, probs), payoff]);
            }
            let _ = writeln!(out, "{g}");
            if !e.is_pure() {
                let (outcomes, cut) = e.outcomes();
                let mut items: Vec<String> = outcomes
                    .iter()
                    .map(|(p, x)| {
                        let names: Vec<String> = p.iter().enumerate().map(|(i, &k)| r.game.label(i, k)).collect();
                        format!("{} {}", names.join("/"), prob_text(x))
                    })
                    .collect();
                if cut {
                    items.push("...".into());
                }
                let _ = writeln!(out, "{}", wrap("Outcome probabilities:", &items, 2));
            }
        }
        let continua: Vec<(usize, &crate::solve::Component)> =
            r.components.iter().enumerate().filter(|(_, c)| c.equilibria.len() > 1).collect();
        if !continua.is_empty() {
            out.push_str("\nEquilibrium components (every mixture within a convex set is an equilibrium)\n");
            for (k, c) in continua {
                let members: Vec<String> = c.equilibria.iter().map(|e| (e + 1).to_string()).collect();
                let _ = writeln!(out, "  Component {}: equilibria {}", k + 1, members.join(", "));
                for (s, set) in c.convex_sets.iter().enumerate() {
                    let side = |player: usize, idx: &[usize], points: &[Vec<crate::num::Q>]| {
                        let pts: Vec<String> = idx
                            .iter()
                            .filter_map(|&p| points.get(p))
                            .map(|pt| point_text(&r.game, player, pt))
                            .collect();
                        let name = r.game.player(player);
                        if pts.len() == 1 {
                            format!("{name} {}", pts.join(""))
                        } else {
                            format!("{name} any mixture of {}", pts.join(" and "))
                        }
                    };
                    let _ = writeln!(
                        out,
                        "    convex set {}: {}; {}",
                        s + 1,
                        side(0, &set.rows, &c.row_points),
                        side(1, &set.cols, &c.col_points)
                    );
                }
            }
        }
        if !r.notes.is_empty() {
            out.push_str("\nNotes:\n");
            for n in &r.notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out
    }

    fn json(&self) -> String {
        let r = self;
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
                    algebraic: e.algebraic.as_ref().map(|a| {
                        let (lo, hi) = a.interval_text();
                        AlgebraicJson {
                            player: r.game.players.get(a.player).cloned().unwrap_or_default(),
                            strategy: r.game.label(a.player, a.strategy),
                            poly: a.poly_ascii(),
                            coefficients: a.coefficients.iter().map(ToString::to_string).collect(),
                            interval: [lo, hi],
                        }
                    }),
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
            seed: r.seed,
            exact: r.exact,
            complete: r.complete,
            scenario: r.scenario.as_deref(),
            parameters: named(&r.parameters),
            equilibria,
            components,
            notes: &r.notes,
        })
    }

    fn csv(&self) -> Result<String> {
        let r = self;
        Ok({
            let mut header = vec!["equilibrium".to_string()];
            for (i, labels) in r.game.strategies.iter().enumerate() {
                for l in labels {
                    header.push(field(&format!("{}:{l}", r.game.player(i))));
                }
            }
            for p in &r.game.players {
                header.push(field(&format!("payoff:{p}")));
            }
            let mut out = header.join(",");
            out.push('\n');
            for (k, e) in r.equilibria.iter().enumerate() {
                let mut row = vec![(k + 1).to_string()];
                row.extend(e.profile.iter().flatten().map(fmt_q));
                row.extend(e.payoffs.iter().map(fmt_q));
                out.push_str(&row.join(","));
                out.push('\n');
            }
            out
        })
    }

    fn markdown(&self) -> Result<String> {
        let r = self;
        Ok({
            let mut out = String::new();
            let _ = writeln!(out, "# {}\n", cell(&r.game.title));
            let exact = if r.exact { "exact" } else { "approximate" };
            let complete = if r.complete { "complete" } else { "not necessarily complete" };
            let why = r.auto_reason.as_deref().map(|w| format!("; {w}")).unwrap_or_default();
            let _ = writeln!(out, "- Method: `{}` ({exact}, {complete}{why})", r.method);
            if let Some(s) = &r.scenario {
                let _ = writeln!(out, "- Scenario: `{s}`");
            }
            if !r.parameters.is_empty() {
                let items: Vec<String> = r.parameters.iter().map(|(k, v)| format!("`{k} = {}`", fmt_q(v))).collect();
                let _ = writeln!(out, "- Parameters: {}", items.join(", "));
            }
            out.push('\n');
            if r.equilibria.is_empty() {
                out.push_str("No equilibria found.\n");
            } else {
                let mut header = vec!["#".to_string()];
                header.extend(r.game.players.iter().map(|p| cell(p)));
                header.extend(r.game.players.iter().map(|p| format!("Payoff {}", cell(p))));
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
                for (k, e) in r.equilibria.iter().enumerate() {
                    let mut row = vec![(k + 1).to_string()];
                    for (i, probs) in e.profile.iter().enumerate() {
                        let labels = r.game.strategies.get(i).map(Vec::as_slice).unwrap_or(&[]);
                        row.push(cell(&mixed_text(labels, probs)));
                    }
                    row.extend(e.payoffs.iter().map(with_decimal));
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                }
                let off: Vec<String> = r
                    .equilibria
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| !e.max_regret.as_ref().is_some_and(Zero::is_zero))
                    .map(|(k, e)| {
                        let regret = e.max_regret.as_ref().map_or_else(|| "unknown".to_string(), with_decimal);
                        format!("equilibrium {} has max regret {regret}", k + 1)
                    })
                    .collect();
                if !off.is_empty() {
                    let _ = writeln!(out, "\nNot exact: {}.", off.join("; "));
                }
            }
            let continua: Vec<_> = r.components.iter().filter(|c| c.equilibria.len() > 1).collect();
            if !continua.is_empty() {
                out.push_str("\n## Equilibrium components\n\n");
                for c in continua {
                    let members: Vec<String> = c.equilibria.iter().map(|e| (e + 1).to_string()).collect();
                    let pieces = match c.convex_sets.len() {
                        1 => "one convex set".to_string(),
                        k => format!("a union of {k} convex sets"),
                    };
                    let _ =
                        writeln!(out, "- equilibria {} and every mixture between them: {pieces}", members.join(", "));
                }
            }
            if !r.notes.is_empty() {
                out.push_str("\n## Notes\n\n");
                for n in &r.notes {
                    let _ = writeln!(out, "- {}", cell(n));
                }
            }
            out
        })
    }
}

/// `x > 0` as `d.dde-N`, rounded up (so it is an upper bound on a regret computed exactly).
pub(super) fn upper_sci(x: f64) -> String {
    if x <= 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let mut e = x.log10().floor() as i32;
    let mut m = (x * (1.0 + 1e-12) / 10f64.powi(e) * 100.0).ceil() / 100.0;
    if m >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!("{m:.2}e{e}")
}
