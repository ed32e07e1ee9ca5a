//! A readable text layout: a header, one boxed table per equilibrium, components and notes.

use super::{mixed_text, mixture_text, with_decimal, EliminationInfo, Exporter, GameSummary, InfoReport, SolveReport};
use crate::num::fmt_q;
use comfy_table::{presets, ContentArrangement, Table as Grid};
use num_traits::Zero;
use std::fmt::Write;

/// The table exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Table;

/// Width at which long lists (parameters) wrap.
const WIDTH: usize = 100;

pub(crate) fn grid(header: Vec<String>) -> Grid {
    let mut g = Grid::new();
    g.load_preset(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    g
}

/// Joins `items` with ", " into lines no longer than [`WIDTH`] (an item longer than that gets
/// its own line), each line after the first indented by `indent` spaces.
pub(crate) fn wrap(first: &str, items: &[String], indent: usize) -> String {
    let mut out = first.to_string();
    let mut line_len = first.chars().count();
    for (k, item) in items.iter().enumerate() {
        let piece = if k + 1 < items.len() { format!("{item},") } else { item.clone() };
        let len = piece.chars().count();
        if k > 0 && line_len + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = indent;
        } else if k > 0 || !first.is_empty() {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(&piece);
        line_len += len;
    }
    out
}

fn point_text(game: &GameSummary, player: usize, probs: &[crate::num::Q]) -> String {
    let labels = game.strategies.get(player).map(Vec::as_slice).unwrap_or(&[]);
    format!("({})", mixed_text(labels, probs))
}

impl Exporter for Table {
    fn solve(&self, r: &SolveReport) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", r.game.title);
        let exact = if r.exact { "exact" } else { "approximate" };
        let complete = if r.complete { "complete" } else { "not necessarily complete" };
        let _ = writeln!(out, "Method: {} ({exact}, {complete})", r.method);
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
                Some(x) if crate::num::to_f64(x) < 1e-6 => {
                    format!(", ε-equilibrium: max regret ≤ {}, proven exactly", upper_sci(crate::num::to_f64(x)))
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
                        format!("{} {}", names.join("/"), super::prob_text(x))
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

    fn info(&self, r: &InfoReport) -> Option<String> {
        let mut out = String::new();
        let _ = writeln!(out, "{}", r.title);
        if !r.description.trim().is_empty() {
            let _ = writeln!(out, "\n{}", r.description.trim_end());
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
        Some(out)
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

/// `x > 0` as `d.dde-N`, rounded up (so it is an upper bound on a regret computed exactly).
fn upper_sci(x: f64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_lists() {
        let items: Vec<String> = (0..30).map(|k| format!("parameter_{k} = {k}")).collect();
        let s = wrap("Parameters:", &items, 2);
        assert!(s.lines().count() > 1);
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert!(s.lines().skip(1).all(|l| l.starts_with("  ")));
        assert_eq!(wrap("P:", &["a".into(), "b".into()], 2), "P: a, b");
    }
}
