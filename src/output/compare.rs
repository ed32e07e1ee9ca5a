//! `standoff compare`: scenarios or model files side by side (parameters that differ,
//! equilibria, regimes, what changed) as a table, Markdown, JSON or CSV.

use super::csv::field;
use super::json::finish;
use super::markdown::cell;
use super::table::grid;
use super::{mixed_text, Format, Report};
use crate::analysis::compare::Comparison;
use crate::error::{Error, Result};
use crate::num::fmt_q;
use indexmap::IndexMap;
use serde::Serialize;
use std::fmt::Write as _;

impl Report for Comparison {
    fn name(&self) -> &'static str {
        "compare"
    }
    fn formats(&self) -> &'static [Format] {
        &Format::ALL
    }
    fn table(&self) -> String {
        render_text(self, false)
    }
    fn json(&self) -> String {
        render_json(self)
    }
    fn csv(&self) -> Result<String> {
        render_csv(self)
    }
    fn markdown(&self) -> Result<String> {
        Ok(render_text(self, true))
    }
}

/// A Markdown cell: each line escaped, lines joined with `<br>`.
fn md_cell(s: &str) -> String {
    s.split('\n').map(cell).collect::<Vec<_>>().join("<br>")
}

/// The table (`markdown = false`) or Markdown rendering.
fn render_text(c: &Comparison, markdown: bool) -> String {
    let mut out = String::new();
    let labels: Vec<&str> = c.columns.iter().map(|k| k.label.as_str()).collect();
    let table = |header: Vec<String>, rows: Vec<Vec<String>>| -> String {
        if markdown {
            let mut s = format!(
                "| {} |\n|{}\n",
                header.iter().map(|h| md_cell(h)).collect::<Vec<_>>().join(" | "),
                "---|".repeat(header.len())
            );
            for r in rows {
                let _ = writeln!(s, "| {} |", r.iter().map(|x| md_cell(x)).collect::<Vec<_>>().join(" | "));
            }
            s
        } else {
            let mut g = grid(header);
            for r in rows {
                g.add_row(r);
            }
            format!("{g}\n")
        }
    };
    let h = |s: &str| if markdown { format!("\n## {s}\n\n") } else { format!("\n{s}\n") };
    let _ = write!(out, "{}", if markdown { "# Comparison\n" } else { "Comparison\n" });
    out.push_str(&h("Parameters that differ"));
    if c.differing.is_empty() {
        out.push_str("(none)\n");
    } else {
        let mut header = vec!["parameter".to_string()];
        header.extend(labels.iter().map(|s| s.to_string()));
        let rows = c
            .differing
            .iter()
            .map(|d| {
                let mut r = vec![d.name.clone()];
                r.extend(d.values.iter().map(|v| v.as_ref().map_or("-".into(), fmt_q)));
                r
            })
            .collect();
        out.push_str(&table(header, rows));
    }
    out.push_str(&h("Equilibria"));
    let header = ["column", "equilibrium", "strategies", "payoffs", "outcome probabilities"].map(String::from).to_vec();
    let mut rows = Vec::new();
    for col in &c.columns {
        for (k, e) in col.equilibria.iter().enumerate() {
            let strategies: Vec<String> = col
                .players
                .iter()
                .zip(&e.profile.probs)
                .map(|(p, probs)| format!("{}: {}", p.name, mixed_text(&p.strategies, probs)))
                .collect();
            let payoffs: Vec<String> =
                col.players.iter().zip(&e.payoffs).map(|(p, v)| format!("{} {}", p.name, fmt_q(v))).collect();
            let outs: Vec<String> = col.outcomes[k].iter().map(|(n, p)| format!("{n} {}", fmt_q(p))).collect();
            rows.push(vec![
                if k == 0 { col.label.clone() } else { String::new() },
                format!("{}. {}", k + 1, col.labels[k]),
                strategies.join("\n"),
                payoffs.join("\n"),
                outs.join("\n"),
            ]);
        }
    }
    out.push_str(&table(header, rows));
    out.push_str(&h("Regimes"));
    let rows = c.columns.iter().map(|k| vec![k.label.clone(), k.regime.clone()]).collect();
    out.push_str(&table(vec!["column".into(), "regime".into()], rows));
    out.push_str(&h(&format!("What changed (relative to {})", labels.first().copied().unwrap_or(""))));
    for (col, ch) in c.columns.iter().skip(1).zip(&c.changes) {
        if markdown {
            let _ = writeln!(out, "- **{}**:", md_cell(&col.label));
        } else {
            let _ = writeln!(out, "{}:", col.label);
        }
        for s in ch {
            let _ = writeln!(out, "  - {}", if markdown { md_cell(s) } else { s.clone() });
        }
    }
    out
}

#[derive(Serialize)]
struct OutcomeJson {
    profile: String,
    probability: String,
}

#[derive(Serialize)]
struct EqJson {
    description: String,
    profile: Vec<Vec<String>>,
    payoffs: Vec<String>,
    outcomes: Vec<OutcomeJson>,
}

#[derive(Serialize)]
struct ColumnJson<'a> {
    label: &'a str,
    parameters: IndexMap<&'a str, String>,
    regime: &'a str,
    equilibria: Vec<EqJson>,
}

#[derive(Serialize)]
struct DiffJson<'a> {
    name: &'a str,
    values: Vec<Option<String>>,
}

#[derive(Serialize)]
struct CompareJson<'a> {
    columns: Vec<ColumnJson<'a>>,
    differing: Vec<DiffJson<'a>>,
    changes: &'a [Vec<String>],
}

/// The JSON rendering.
fn render_json(c: &Comparison) -> String {
    let j = CompareJson {
        columns: c
            .columns
            .iter()
            .map(|col| ColumnJson {
                label: &col.label,
                parameters: col.parameters.iter().map(|(k, v)| (k.as_str(), fmt_q(v))).collect(),
                regime: &col.regime,
                equilibria: col
                    .equilibria
                    .iter()
                    .zip(&col.labels)
                    .zip(&col.outcomes)
                    .map(|((e, l), outs)| EqJson {
                        description: l.clone(),
                        profile: e.profile.probs.iter().map(|p| p.iter().map(fmt_q).collect()).collect(),
                        payoffs: e.payoffs.iter().map(fmt_q).collect(),
                        outcomes: outs
                            .iter()
                            .map(|(profile, p)| OutcomeJson { profile: profile.clone(), probability: fmt_q(p) })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        differing: c
            .differing
            .iter()
            .map(|d| DiffJson { name: &d.name, values: d.values.iter().map(|v| v.as_ref().map(fmt_q)).collect() })
            .collect(),
        changes: &c.changes,
    };
    finish(&j)
}

/// The CSV rendering (all columns must share players and strategies).
fn render_csv(c: &Comparison) -> Result<String> {
    let Some(first) = c.columns.first() else { return Ok(String::new()) };
    if c.columns.iter().any(|k| k.players != first.players || k.outcome_names != first.outcome_names) {
        return Err(Error::Output(
            "CSV needs the same players, strategies and outcomes in every column; use --format json or table".into(),
        ));
    }
    let players = &first.players;
    let names = &first.outcome_names;
    let mut h = vec!["column".to_string(), "regime".into(), "equilibrium".into()];
    for p in players {
        h.extend(p.strategies.iter().map(|s| field(&format!("{}:{s}", p.name))));
    }
    h.extend(players.iter().map(|p| field(&format!("payoff:{}", p.name))));
    for name in names {
        h.push(field(&format!("outcome:{name}")));
    }
    let mut out = h.join(",");
    out.push('\n');
    for col in &c.columns {
        for (k, e) in col.equilibria.iter().enumerate() {
            let mut row = vec![field(&col.label), field(&col.regime), (k + 1).to_string()];
            row.extend(e.profile.probs.iter().flatten().chain(&e.payoffs).map(fmt_q));
            for name in names {
                let p = col.outcomes[k].iter().find(|(n, _)| n == name).map(|(_, p)| p.clone()).unwrap_or_default();
                row.push(fmt_q(&p));
            }
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    Ok(out)
}
