//! The report as Markdown, for pasting into notes: the same sections as the HTML page without
//! the charts and the explorer (a line says where they are). Model text is escaped with the one
//! Markdown cell routine.

use super::{Part, Report};
use crate::num::fmt_q;
use crate::output::markdown::cell;
use crate::output::with_decimal;
use std::fmt::Write;

fn row(o: &mut String, cells: &[String]) {
    let _ = writeln!(o, "| {} |", cells.join(" | "));
}

fn header(o: &mut String, cells: &[&str]) {
    row(o, &cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    let _ = writeln!(o, "|{}", "---|".repeat(cells.len()));
}

fn bullets(o: &mut String, items: &[String]) {
    for i in items {
        let _ = writeln!(o, "- {}", cell(i));
    }
}

/// Renders the report as Markdown.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", cell(&r.title));
    let _ = writeln!(o, "`{}` · {} · players: {}\n", r.file, r.kind.describe(), cell(&r.players.join(", ")));
    for para in r.description.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(o, "{}\n", cell(para.trim()));
    }
    o.push_str("## What this means\n\n");
    let mut all: Vec<String> = r.settings.first().map(|s| s.findings.clone()).unwrap_or_default();
    all.extend(r.findings.iter().cloned());
    bullets(&mut o, &all);
    o.push_str("\n## Parameters\n\n");
    if r.parameters.is_empty() {
        o.push_str("The model has no parameters.\n");
    } else {
        header(&mut o, &["Name", "Default", "Range", "Meaning"]);
        for p in &r.parameters {
            let range = p.range.as_ref().map_or("—".to_string(), |(a, b)| format!("{} .. {}", fmt_q(a), fmt_q(b)));
            row(&mut o, &[cell(&p.name), fmt_q(&p.default), range, cell(&p.meaning)]);
        }
    }
    o.push_str("\n## Scenarios\n\n");
    if r.scenarios.is_empty() {
        o.push_str("The model declares no scenarios.\n");
    } else {
        header(&mut o, &["Scenario", "Description", "Sets"]);
        for s in &r.scenarios {
            let sets: Vec<String> = s.set.iter().map(|(k, v)| format!("{k} = {}", fmt_q(v))).collect();
            row(&mut o, &[cell(&s.name), cell(&s.description), cell(&sets.join(", "))]);
        }
    }
    for s in &r.settings {
        let title = if s.label == "defaults" { "Defaults".to_string() } else { format!("Scenario {}", s.label) };
        let _ = writeln!(o, "\n## {}\n", cell(&title));
        match &s.equilibria {
            Part::Done(v) => {
                let _ = writeln!(
                    o,
                    "Method {}: {} equilibri{}.\n",
                    v.method,
                    v.total,
                    if v.total == 1 { "um" } else { "a" }
                );
                for (k, e) in v.shown.iter().enumerate() {
                    let _ = writeln!(o, "Equilibrium {} ({}):\n", k + 1, e.kind);
                    let h: Vec<&str> = v.header.iter().map(String::as_str).collect();
                    header(&mut o, &h);
                    for r in &e.rows {
                        row(&mut o, &r.iter().map(|c| cell(c)).collect::<Vec<_>>());
                    }
                    o.push('\n');
                    for l in &e.lines {
                        let _ = writeln!(o, "{}\n", cell(l));
                    }
                }
                if v.total > v.shown.len() {
                    let _ = writeln!(o, "… and {} more (`standoff solve` lists all).\n", v.total - v.shown.len());
                }
            }
            Part::Skipped(why) => {
                let _ = writeln!(o, "{}\n", cell(why));
            }
        }
        match &s.class {
            Part::Done(c) => {
                let _ = writeln!(o, "Ordinal class: **{}** ({}).\n", cell(&c.name), cell(&c.facts.join("; ")));
            }
            Part::Skipped(why) => {
                let _ = writeln!(o, "{}.\n", cell(why));
            }
        }
        match &s.correlated {
            Part::Done(c) => {
                let pays: Vec<String> =
                    r.players.iter().zip(&c.payoffs).map(|(p, v)| format!("{p} {}", with_decimal(v))).collect();
                let dist: Vec<String> = c.distribution.iter().map(|(l, p)| format!("{l} {}", fmt_q(p))).collect();
                let _ = writeln!(
                    o,
                    "Welfare-maximising correlated equilibrium: payoffs {}; recommendations {}.\n",
                    cell(&pays.join(", ")),
                    cell(&dist.join(", "))
                );
            }
            Part::Skipped(why) => {
                let _ = writeln!(o, "{}.\n", cell(why));
            }
        }
        if s.label != "defaults" {
            bullets(&mut o, &s.findings);
        }
    }
    o.push_str("\n## Regime table\n\n");
    match &r.regimes {
        Part::Skipped(why) => {
            let _ = writeln!(o, "{}\n", cell(why));
        }
        Part::Done(rows) => {
            header(&mut o, &["Parameter", "Range", "Boundaries", "Regimes (low to high)"]);
            for rr in rows {
                match &rr.thresholds {
                    Part::Done(t) => {
                        let b = super::boundary_texts(t);
                        let iv = super::interval_texts(t);
                        row(
                            &mut o,
                            &[
                                cell(&rr.parameter),
                                format!("{} .. {}", fmt_q(&t.start), fmt_q(&t.stop)),
                                if b.is_empty() { "none".into() } else { b.join(", ") },
                                cell(&iv.join("; ")),
                            ],
                        );
                    }
                    Part::Skipped(why) => row(&mut o, &[cell(&rr.parameter), String::new(), cell(why), String::new()]),
                }
            }
        }
    }
    o.push_str("\n## Scenario comparison\n\n");
    match &r.comparison {
        Part::Skipped(why) => {
            let _ = writeln!(o, "{}", cell(why));
        }
        Part::Done(c) => {
            header(&mut o, &["Column", "Regime", "Equilibria"]);
            for col in &c.comparison.columns {
                row(&mut o, &[cell(&col.label), cell(&col.regime), cell(&col.labels.join("; "))]);
            }
        }
    }
    if let Some(a) = &r.attrition {
        o.push_str("\n## War of attrition\n\n");
        match a {
            Part::Skipped(why) => {
                let _ = writeln!(o, "{}", cell(why));
            }
            Part::Done(a) => {
                header(&mut o, &["Setting", "SPE", "First to concede", "Both at once", "Expected duration"]);
                for s in &a.settings {
                    for (kind, an) in &s.equilibria {
                        let first = super::first_to_concede_texts(an);
                        row(
                            &mut o,
                            &[
                                cell(&s.label),
                                cell(kind),
                                cell(&first.join(", ")),
                                with_decimal(&an.both_at_once),
                                with_decimal(&an.expected_duration),
                            ],
                        );
                    }
                }
            }
        }
    }
    let _ = writeln!(o, "\nCharts and the parameter explorer: `standoff report {} -o report.html`.", r.file);
    o
}
