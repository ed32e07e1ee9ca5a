//! `standoff solve` on a game tree: behaviour strategies, paths, beliefs and payoffs of each
//! equilibrium, in every format. JSON is the normal-form object with the tree fields described in
//! `docs/json.md`; `unreached` marks information sets the player's own strategy never reaches (any
//! behaviour there is as good; the probabilities shown are uniform).

use super::csv::field;
use super::json::qsss;
use super::markdown::cell;
use super::path::equilibrium_path;
use super::table::grid;
use super::{mixed_text, with_decimal};
use super::{Format, Report};
use crate::error::Result;
use crate::game::tree::Tree;
use crate::num::{fmt_q, to_f64, Q};
use crate::solve::tree::TreeSolution;
use indexmap::IndexMap;
use num_traits::{One, Zero};
use serde::Serialize;
use std::fmt::Write;

/// The most equilibria with the same path and payoffs compared with each one in the table.
const MAX_LOOKALIKES: usize = 3;

/// An information set as reported: its name and action labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InfosetSummary {
    /// Label, or `#k` (1-based, per player) when unlabelled.
    pub name: String,
    /// Action labels.
    pub actions: Vec<String>,
    /// The nodes, in pre-order: their labels, or `node N` (1-based pre-order position) when
    /// unlabelled. Beliefs list one probability per node in this order.
    pub nodes: Vec<String>,
}

/// Everything `standoff solve` reports for a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeSolveReport {
    /// Title.
    pub title: String,
    /// Player names.
    pub players: Vec<String>,
    /// Per player, the information sets in document order.
    pub infosets: Vec<Vec<InfosetSummary>>,
    /// Reduced-strategy labels per player, when the reduced form was built.
    pub strategies: Option<Vec<Vec<String>>>,
    /// The solution.
    pub solution: TreeSolution,
    /// Scenario used.
    pub scenario: Option<String>,
    /// Parameter values used.
    pub parameters: Vec<(String, Q)>,
    /// Number of nodes.
    pub num_nodes: usize,
    /// Whether the tree has perfect information.
    pub perfect_information: bool,
}

impl TreeSolveReport {
    /// Gathers a report.
    pub fn new(
        tree: &Tree,
        mut solution: TreeSolution,
        scenario: Option<String>,
        parameters: Vec<(String, Q)>,
    ) -> Self {
        // Remarks about the reading of the file (renamed labels) come first.
        if !tree.notes.is_empty() {
            solution.notes.splice(0..0, tree.notes.iter().cloned());
        }
        let infosets = (0..tree.num_players())
            .map(|i| {
                (0..tree.player_infosets(i).len())
                    .map(|k| {
                        let h = tree.player_infosets(i)[k];
                        InfosetSummary {
                            name: tree.infoset_name(i, k),
                            actions: tree.infoset_actions(h).to_vec(),
                            nodes: tree
                                .infoset_nodes(h)
                                .map(|n| {
                                    if tree.label(n).is_empty() {
                                        format!("node {}", n + 1)
                                    } else {
                                        tree.label(n).to_string()
                                    }
                                })
                                .collect(),
                        }
                    })
                    .collect()
            })
            .collect();
        let strategies =
            solution.reduced.as_ref().map(|r| r.game.players().iter().map(|p| p.strategies.clone()).collect());
        TreeSolveReport {
            title: tree.title.clone(),
            players: tree.players().to_vec(),
            infosets,
            strategies,
            solution,
            scenario,
            parameters,
            num_nodes: tree.num_nodes(),
            perfect_information: tree.is_perfect_information(),
        }
    }

    fn behavior_text(&self, i: usize, k: usize, probs: &[Q], unreached: bool) -> String {
        let acts = &self.infosets[i][k].actions;
        let t = match probs.iter().position(One::is_one) {
            Some(a) => acts[a].clone(),
            None => mixed_text(acts, probs),
        };
        if unreached {
            format!("(unreached) {t}")
        } else {
            t
        }
    }

    /// Beliefs at the information sets with several nodes, one line each.
    fn belief_lines(&self, out: &mut String, beliefs: &[Vec<Option<Vec<Q>>>]) {
        let mut lines = Vec::new();
        for (i, sets) in beliefs.iter().enumerate() {
            for (k, b) in sets.iter().enumerate() {
                let h = &self.infosets[i][k];
                if h.nodes.len() < 2 {
                    continue;
                }
                let text = match b {
                    Some(p) => {
                        h.nodes.iter().zip(p).map(|(n, x)| format!("{n} {}", fmt_q(x))).collect::<Vec<_>>().join(", ")
                    }
                    None => "undefined (reached with probability 0)".to_string(),
                };
                lines.push(format!("  {} at {}: {text}", self.players[i], h.name));
            }
        }
        if !lines.is_empty() {
            let conditional = if self.solution.method == crate::solve::Method::Spe {
                " (given that the smallest subgame containing the set is reached)"
            } else {
                ""
            };
            let _ = writeln!(out, "Beliefs{conditional}:");
            for l in lines {
                let _ = writeln!(out, "{l}");
            }
        }
    }

    /// For equilibrium `k`, the other equilibria with the same path and payoffs (they look alike
    /// on the path) and the information sets off the path where they differ, one line each (the
    /// first [`MAX_LOOKALIKES`]).
    fn off_path_lines(&self, out: &mut String, k: usize) {
        let eqs = &self.solution.equilibria;
        let Some(e) = eqs.get(k) else { return };
        let Some(path) = equilibrium_path(e) else { return };
        let alike: Vec<usize> = (0..eqs.len())
            .filter(|&j| j != k && eqs[j].payoffs == e.payoffs && equilibrium_path(&eqs[j]).as_ref() == Some(&path))
            .collect();
        for &j in alike.iter().take(MAX_LOOKALIKES) {
            let mut diffs = Vec::new();
            for (i, sets) in e.behavior.probs.iter().enumerate() {
                for (h, probs) in sets.iter().enumerate() {
                    let other = &eqs[j].behavior.probs[i][h];
                    if probs != other {
                        let here = self.behavior_text(i, h, probs, false);
                        let there = self.behavior_text(i, h, other, false);
                        diffs.push(format!(
                            "{} at {} plays {here} here, {there} there",
                            self.players[i], self.infosets[i][h].name
                        ));
                    }
                }
            }
            let _ = writeln!(out, "Same path and payoffs as equilibrium {}; it differs off the path:", j + 1);
            let _ = writeln!(out, "{}", super::table::wrap(" ", &diffs, 2));
        }
        if alike.len() > MAX_LOOKALIKES {
            let _ = writeln!(out, "... and {} more with the same path and payoffs", alike.len() - MAX_LOOKALIKES);
        }
    }

    fn header(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} (game tree: {} nodes, {} information)",
            self.title,
            self.num_nodes,
            if self.perfect_information { "perfect" } else { "imperfect" }
        );
        let s = &self.solution;
        let exact = if s.exact { "exact" } else { "approximate" };
        let complete = if s.complete { "complete" } else { "not necessarily complete" };
        let _ = writeln!(out, "Method: {} ({exact}, {complete})", s.method);
        if let Some(sc) = &self.scenario {
            let _ = writeln!(out, "Scenario: {sc}");
        }
        if !self.parameters.is_empty() {
            let items: Vec<String> = self.parameters.iter().map(|(k, v)| format!("{k} = {}", fmt_q(v))).collect();
            let _ = writeln!(out, "{}", super::table::wrap("Parameters:", &items, 2));
        }
        out
    }

    fn table_text(&self) -> String {
        let mut out = self.header();
        out.push('\n');
        let s = &self.solution;
        let kind = if s.method == crate::solve::Method::Spe { "subgame-perfect equilibri" } else { "equilibri" };
        match s.equilibria.len() {
            0 => out.push_str("No equilibria found.\n"),
            1 => {
                let _ = writeln!(out, "1 {kind}um");
            }
            n => {
                let _ = writeln!(out, "{n} {kind}a");
            }
        }
        for (k, e) in s.equilibria.iter().enumerate() {
            let pure = e.behavior.as_pure().is_some();
            let _ = writeln!(out, "\nEquilibrium {} ({})", k + 1, if pure { "pure" } else { "mixed" });
            let mut g = grid(vec!["Player".into(), "Information set".into(), "Behaviour".into()]);
            for (i, sets) in e.behavior.probs.iter().enumerate() {
                for (h, probs) in sets.iter().enumerate() {
                    let unreached = e.behavior.unreached[i][h];
                    g.add_row(vec![
                        self.players[i].clone(),
                        self.infosets[i][h].name.clone(),
                        self.behavior_text(i, h, probs, unreached),
                    ]);
                }
            }
            let _ = writeln!(out, "{g}");
            if let Some(p) = equilibrium_path(e) {
                let _ = writeln!(out, "Path: {p}");
            }
            let pays: Vec<String> =
                self.players.iter().zip(&e.payoffs).map(|(p, v)| format!("{p} {}", with_decimal(v))).collect();
            let _ = writeln!(out, "Payoffs: {}", pays.join(", "));
            if let Some(r) = e.max_regret.as_ref().filter(|r| !r.is_zero()) {
                let _ = writeln!(
                    out,
                    "ε-SPE: max regret in any subgame ≤ {}, proven exactly (rounded irrational subgame equilibria)",
                    super::solve::upper_sci(to_f64(r))
                );
            }
            self.off_path_lines(&mut out, k);
            self.belief_lines(&mut out, &e.beliefs);
        }
        if !s.notes.is_empty() {
            out.push_str("\nNotes:\n");
            for n in &s.notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out
    }

    fn markdown_text(&self) -> String {
        let mut out = format!("# {}\n\n", cell(&self.title));
        let s = &self.solution;
        let _ = writeln!(out, "Method: `{}`\n", s.method);
        out.push_str("| equilibrium | player | information set | behaviour |\n|---|---|---|---|\n");
        for (k, e) in s.equilibria.iter().enumerate() {
            for (i, sets) in e.behavior.probs.iter().enumerate() {
                for (h, probs) in sets.iter().enumerate() {
                    let text = self.behavior_text(i, h, probs, e.behavior.unreached[i][h]);
                    let (player, set) = (cell(&self.players[i]), cell(&self.infosets[i][h].name));
                    let _ = writeln!(out, "| {} | {player} | {set} | {} |", k + 1, cell(&text));
                }
            }
        }
        out.push_str("\n| equilibrium | path | payoffs |\n|---|---|---|\n");
        for (k, e) in s.equilibria.iter().enumerate() {
            let path = equilibrium_path(e).unwrap_or_default();
            let pays: Vec<String> = e.payoffs.iter().map(fmt_q).collect();
            let _ = writeln!(out, "| {} | {} | {} |", k + 1, cell(&path), pays.join(", "));
        }
        for n in &s.notes {
            let _ = writeln!(out, "\n- {}", cell(n));
        }
        out
    }

    fn csv_text(&self) -> String {
        let mut header = vec!["equilibrium".to_string()];
        for (i, sets) in self.infosets.iter().enumerate() {
            for h in sets {
                for a in &h.actions {
                    header.push(field(&format!("{}:{}:{a}", self.players[i], h.name)));
                }
            }
        }
        for p in &self.players {
            header.push(field(&format!("payoff:{p}")));
        }
        header.push("path".into());
        let mut out = header.join(",");
        out.push('\n');
        for (k, e) in self.solution.equilibria.iter().enumerate() {
            let mut row = vec![(k + 1).to_string()];
            row.extend(e.behavior.probs.iter().flatten().flatten().map(fmt_q));
            row.extend(e.payoffs.iter().map(fmt_q));
            row.push(field(&equilibrium_path(e).unwrap_or_default()));
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }

    fn json_text(&self) -> String {
        #[derive(Serialize)]
        struct GameJson<'a> {
            title: &'a str,
            players: &'a [String],
            strategies: Option<&'a Vec<Vec<String>>>,
            infosets: &'a [Vec<InfosetSummary>],
            nodes: usize,
            perfect_information: bool,
        }
        #[derive(Serialize)]
        struct EqJson {
            profile: Option<Vec<Vec<String>>>,
            payoffs: Vec<String>,
            payoffs_float: Vec<f64>,
            pure: bool,
            behavior: Vec<Vec<Vec<String>>>,
            unreached: Vec<Vec<bool>>,
            path: Option<Vec<String>>,
            beliefs: Option<Vec<Vec<Option<Vec<String>>>>>,
            exact: bool,
            max_regret: String,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            game: GameJson<'a>,
            method: &'a str,
            exact: bool,
            complete: bool,
            scenario: Option<&'a str>,
            parameters: IndexMap<&'a str, String>,
            equilibria: Vec<EqJson>,
            notes: &'a [String],
        }
        let s = &self.solution;
        let equilibria = s
            .equilibria
            .iter()
            .map(|e| {
                let regret = match (&e.max_regret, &s.reduced, &e.mixed) {
                    (Some(x), _, _) => fmt_q(x),
                    (None, Some(r), Some(m)) => fmt_q(&r.game.max_regret(m)),
                    _ => "0".to_string(),
                };
                EqJson {
                    profile: e.mixed.as_ref().map(|m| m.probs.iter().map(|p| p.iter().map(fmt_q).collect()).collect()),
                    payoffs: e.payoffs.iter().map(fmt_q).collect(),
                    payoffs_float: e.payoffs.iter().map(to_f64).collect(),
                    pure: e.behavior.as_pure().is_some(),
                    behavior: qsss(&e.behavior.probs),
                    unreached: e.behavior.unreached.clone(),
                    path: e.path.clone(),
                    beliefs: (!e.beliefs.is_empty()).then(|| {
                        e.beliefs
                            .iter()
                            .map(|p| p.iter().map(|b| b.as_ref().map(|v| v.iter().map(fmt_q).collect())).collect())
                            .collect()
                    }),
                    exact: regret == "0",
                    max_regret: regret,
                }
            })
            .collect();
        let out = Out {
            game: GameJson {
                title: &self.title,
                players: &self.players,
                strategies: self.strategies.as_ref(),
                infosets: &self.infosets,
                nodes: self.num_nodes,
                perfect_information: self.perfect_information,
            },
            method: s.method.name(),
            exact: s.exact,
            complete: s.complete,
            scenario: self.scenario.as_deref(),
            parameters: self.parameters.iter().map(|(k, v)| (k.as_str(), fmt_q(v))).collect(),
            equilibria,
            notes: &s.notes,
        };
        let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        text
    }
}

impl Report for TreeSolveReport {
    fn name(&self) -> &'static str {
        "solve"
    }
    fn formats(&self) -> &'static [Format] {
        &Format::ALL
    }

    fn table(&self) -> String {
        self.table_text()
    }
    fn json(&self) -> String {
        self.json_text()
    }
    fn csv(&self) -> Result<String> {
        Ok(self.csv_text())
    }
    fn markdown(&self) -> Result<String> {
        Ok(self.markdown_text())
    }
}
