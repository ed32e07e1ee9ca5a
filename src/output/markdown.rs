//! Markdown: a heading, the method and parameters, and a table of equilibria.

use super::{mixed_text, with_decimal, Exporter, SolveReport};
use crate::num::fmt_q;
use num_traits::Zero;
use std::fmt::Write;

/// The Markdown exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// Escapes characters that would break a table cell or start inline markup.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

impl Exporter for Markdown {
    fn solve(&self, r: &SolveReport) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", cell(&r.game.title));
        let exact = if r.exact { "exact" } else { "approximate" };
        let complete = if r.complete { "complete" } else { "not necessarily complete" };
        let _ = writeln!(out, "- Method: `{}` ({exact}, {complete})", r.method);
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
                let _ = writeln!(out, "- equilibria {} and every mixture between them: {pieces}", members.join(", "));
            }
        }
        if !r.notes.is_empty() {
            out.push_str("\n## Notes\n\n");
            for n in &r.notes {
                let _ = writeln!(out, "- {}", cell(n));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn escapes_cells() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("x_y\nz"), "x\\_y z");
    }
}
