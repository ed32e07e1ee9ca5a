//! `standoff compare`: scenarios (or model files) side by side.
//!
//! Columns: for each file given, each `--scenario` (or the defaults when none is given); `--set`
//! applies to every column. With one file and one scenario, the defaults come first, so
//! `standoff compare m.toml --scenario s` compares the defaults with `s`.
//!
//! CSV (long format): one row per (column, equilibrium): `column`, `regime`, `equilibrium`
//! (1-based), the `<player>:<strategy>` probabilities, `payoff:<player>`, and `outcome:A/B` for
//! each pure profile (at most 16), all exact. All columns must then have the same players and
//! strategies. JSON: `{"columns": [{"label", "parameters", "regime", "equilibria": [{"description",
//! "profile", "payoffs", "outcomes": [{"profile", "probability"}]}]}], "differing": [{"name",
//! "values"}], "changes": [[text]]}`.

use super::solve::Method;
use crate::analysis::compare::{compare, Comparison, Input, InputGame};
use crate::error::{Error, Result};
use crate::model::{self, Settings};
use crate::num::fmt_q;
use crate::output::{emit, mixed_text};
use clap::{Args, ValueEnum};
use indexmap::IndexMap;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff compare models/standoff.toml --scenario baseline --scenario coalition_pressure --scenario hawkish_us
  standoff compare models/standoff.toml --scenario coalition_pressure --format markdown
  standoff compare a.toml b.toml --format json
  standoff compare models/standoff.toml --scenario baseline --scenario coalition_pressure --plot plots/standoff-compare.svg";

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// readable text
    Table,
    /// Markdown tables
    Markdown,
    /// JSON
    Json,
    /// CSV, one row per column and equilibrium
    Csv,
}

/// Raw arguments of `standoff compare`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompareArgs {
    /// Model files (`.toml`, `.nfg` or `.efg`).
    #[arg(value_name = "MODEL", required = true)]
    pub models: Vec<PathBuf>,
    /// A scenario to compare (repeatable).
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// Set a parameter in every column (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Solution method.
    #[arg(long, value_enum, default_value_t = Method::Auto)]
    pub method: Method,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also draw a grouped bar chart (payoffs and outcome probabilities per equilibrium) to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

/// Loads the columns of the comparison.
pub fn inputs(args: &CompareArgs) -> Result<Vec<Input>> {
    let set = args.set.iter().map(|s| model::parse_assignment(s)).collect::<Result<Vec<_>>>()?;
    let mut scenarios: Vec<Option<String>> = args.scenarios.iter().cloned().map(Some).collect();
    if scenarios.is_empty() {
        scenarios.push(None);
    }
    if args.models.len() == 1 && scenarios.len() == 1 && scenarios[0].is_some() {
        scenarios.insert(0, None);
    }
    let mut out = Vec::new();
    for path in &args.models {
        for sc in &scenarios {
            let settings = Settings { scenario: sc.clone(), set: set.clone() };
            let (game, values) = match model::load_game(path, &settings)? {
                model::LoadedGame::Normal(l) => (InputGame::Normal(l.game), l.values),
                model::LoadedGame::Tree(t) => (InputGame::Tree(Box::new(t.tree)), t.values),
            };
            let name = sc.clone().unwrap_or_else(|| "defaults".into());
            let label = if args.models.len() > 1 {
                let file = path.file_name().map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into());
                if sc.is_some() {
                    format!("{file}:{name}")
                } else {
                    file
                }
            } else {
                name
            };
            out.push(Input { label, parameters: values, game });
        }
    }
    if out.len() < 2 {
        return Err(Error::Usage("nothing to compare: give two or more --scenario, or two or more model files".into()));
    }
    Ok(out)
}

/// Runs `standoff compare`.
pub fn run(args: &CompareArgs, stdout: &mut dyn Write) -> Result<()> {
    if let Some(p) = &args.plot {
        crate::plot::ImageFormat::from_path(p)?;
    }
    let c = compare(inputs(args)?, args.method.name())?;
    if let Some(p) = &args.plot {
        let title = match args.models.as_slice() {
            [one] => format!(
                "Comparison: {}",
                one.file_name().map_or_else(|| one.display().to_string(), |f| f.to_string_lossy().into())
            ),
            _ => "Comparison".to_string(),
        };
        crate::plot::write_chart(&crate::plot::compare::CompareChart::new(&c, &title), p)?;
    }
    let text = match args.format {
        CompareFormat::Table => render_text(&c, false),
        CompareFormat::Markdown => render_text(&c, true),
        CompareFormat::Json => render_json(&c),
        CompareFormat::Csv => render_csv(&c)?,
    };
    emit(&text, args.output.as_deref(), stdout)
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The table (`markdown = false`) or Markdown rendering.
pub fn render_text(c: &Comparison, markdown: bool) -> String {
    let mut out = String::new();
    let labels: Vec<&str> = c.columns.iter().map(|k| k.label.as_str()).collect();
    let table = |header: Vec<String>, rows: Vec<Vec<String>>| -> String {
        if markdown {
            let mut s = format!(
                "| {} |\n|{}\n",
                header.iter().map(|h| md_escape(h)).collect::<Vec<_>>().join(" | "),
                "---|".repeat(header.len())
            );
            for r in rows {
                let _ = writeln!(
                    s,
                    "| {} |",
                    r.iter().map(|x| md_escape(x).replace('\n', "<br>")).collect::<Vec<_>>().join(" | ")
                );
            }
            s
        } else {
            let mut g = comfy_table::Table::new();
            g.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .force_no_tty()
                .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
                .set_header(header);
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
            let _ = writeln!(out, "- **{}**:", md_escape(&col.label));
        } else {
            let _ = writeln!(out, "{}:", col.label);
        }
        for s in ch {
            let _ = writeln!(out, "  - {}", if markdown { md_escape(s) } else { s.clone() });
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
pub fn render_json(c: &Comparison) -> String {
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
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The CSV rendering (all columns must share players and strategies).
pub fn render_csv(c: &Comparison) -> Result<String> {
    use crate::output::csv::field as csv_field;
    let Some(first) = c.columns.first() else { return Ok(String::new()) };
    if c.columns.iter().any(|k| k.players != first.players || k.outcome_names != first.outcome_names) {
        return Err(Error::Usage(
            "CSV needs the same players, strategies and outcomes in every column; use --format json or table".into(),
        ));
    }
    let players = &first.players;
    let names = &first.outcome_names;
    let mut h = vec!["column".to_string(), "regime".into(), "equilibrium".into()];
    for p in players {
        h.extend(p.strategies.iter().map(|s| csv_field(&format!("{}:{s}", p.name))));
    }
    h.extend(players.iter().map(|p| csv_field(&format!("payoff:{}", p.name))));
    for name in names {
        h.push(csv_field(&format!("outcome:{name}")));
    }
    let mut out = h.join(",");
    out.push('\n');
    for col in &c.columns {
        for (k, e) in col.equilibria.iter().enumerate() {
            let mut row = vec![csv_field(&col.label), csv_field(&col.regime), (k + 1).to_string()];
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
