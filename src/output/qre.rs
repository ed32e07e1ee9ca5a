//! `standoff qre` reports: logit QRE at chosen precisions, the branch's limiting Nash
//! equilibrium and an optional fit of `λ`, as a table, JSON or CSV.
//!
//! JSON:
//! ```text
//! { "game": {"title", "players": [name], "strategies": [[label]]},
//!   "scenario": name|null, "parameters": {name: value},
//!   "points": [{"lambda", "profile": [[p]]}],            // floats: QRE are not rational
//!   "limit": null | {"lambda", "on_branch", "profile": [["exact"]], "profile_float": [[p]],
//!                    "payoffs": ["exact"], "exact", "max_regret": "exact"},
//!   "fit": null | {"lambda", "log_likelihood", "profile": [[p]]} }
//! ```
//! CSV: one row per point, `lambda` then `<player>:<strategy>` columns.

use super::{fmt_q, prob_text, with_decimal, GameSummary};
use crate::num::{to_f64, Q};
use crate::solve::logit::{LambdaFit, Limit, QrePoint};
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

/// Everything `standoff qre` reports.
#[derive(Debug, Clone)]
pub struct QreReport {
    /// The game.
    pub game: GameSummary,
    /// The scenario used, if any.
    pub scenario: Option<String>,
    /// Parameter values used.
    pub parameters: Vec<(String, Q)>,
    /// The QRE at the requested (or default) precisions.
    pub points: Vec<QrePoint>,
    /// The Nash equilibrium the branch converges to, certified.
    pub limit: Option<Limit>,
    /// The maximum-likelihood `λ`, if frequencies were given.
    pub fit: Option<LambdaFit>,
}

fn probs_text(labels: &[String], probs: &[f64]) -> String {
    labels.iter().zip(probs).map(|(l, p)| format!("{l} {p:.4}")).collect::<Vec<_>>().join(", ")
}

fn columns(game: &GameSummary) -> Vec<String> {
    game.players
        .iter()
        .zip(&game.strategies)
        .flat_map(|(p, s)| s.iter().map(move |l| super::csv::field(&format!("{p}:{l}"))))
        .collect()
}

/// The readable report.
pub fn table(r: &QreReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", r.game.title);
    let _ = writeln!(out, "Logit quantal response equilibria (principal branch from λ = 0)");
    if let Some(s) = &r.scenario {
        let _ = writeln!(out, "Scenario: {s}");
    }
    if !r.parameters.is_empty() {
        let items: Vec<String> = r.parameters.iter().map(|(k, v)| format!("{k} = {}", fmt_q(v))).collect();
        let _ = writeln!(out, "Parameters: {}", items.join(", "));
    }
    out.push('\n');
    let mut header = vec!["λ".to_string()];
    header.extend(r.game.players.iter().cloned());
    let mut g = super::table::grid(header);
    for pt in &r.points {
        let mut row = vec![format!("{:.4}", pt.lambda)];
        for (i, probs) in pt.profile.iter().enumerate() {
            row.push(probs_text(r.game.strategies.get(i).map(Vec::as_slice).unwrap_or(&[]), probs));
        }
        g.add_row(row);
    }
    let _ = writeln!(out, "{g}");
    if let Some(Limit { certified: c, lambda, on_branch }) = &r.limit {
        let kind = if c.is_exact() {
            "exact Nash equilibrium".to_string()
        } else {
            format!("ε-equilibrium, max regret {:.3e} (computed exactly)", to_f64(&c.max_regret))
        };
        let whence = if *on_branch { "Limit of the branch" } else { "Equilibrium nearest the branch's last point" };
        let _ = writeln!(out, "\n{whence} (reached by λ = {lambda:.4}): {kind}");
        for (i, probs) in c.equilibrium.profile.probs.iter().enumerate() {
            let labels = r.game.strategies.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let mix: Vec<String> = labels
                .iter()
                .zip(probs)
                .filter(|(_, p)| *p > &Q::from_integer(0.into()))
                .map(|(l, p)| format!("{l} {}", prob_text(p)))
                .collect();
            let payoff = c.equilibrium.payoffs.get(i).map(with_decimal).unwrap_or_default();
            let _ = writeln!(out, "  {}: {} (payoff {payoff})", r.game.player(i), mix.join(", "));
        }
    }
    if let Some(f) = &r.fit {
        let _ = writeln!(out, "\nMaximum-likelihood λ = {:.6} (log-likelihood {:.6})", f.lambda, f.log_likelihood);
        for (i, probs) in f.profile.iter().enumerate() {
            let labels = r.game.strategies.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let _ = writeln!(out, "  {}: {}", r.game.player(i), probs_text(labels, probs));
        }
    }
    out
}

/// The JSON report (see the module docs).
pub fn json(r: &QreReport) -> String {
    let params: Map<String, Value> = r.parameters.iter().map(|(k, v)| (k.clone(), Value::from(fmt_q(v)))).collect();
    let limit = r.limit.as_ref().map(|Limit { certified: c, lambda, on_branch }| {
        let p = &c.equilibrium.profile.probs;
        json!({
            "lambda": lambda,
            "on_branch": on_branch,
            "profile": p.iter().map(|x| x.iter().map(fmt_q).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "profile_float": p.iter().map(|x| x.iter().map(to_f64).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "payoffs": c.equilibrium.payoffs.iter().map(fmt_q).collect::<Vec<_>>(),
            "exact": c.is_exact(),
            "max_regret": fmt_q(&c.max_regret),
        })
    });
    let v = json!({
        "game": {"title": r.game.title, "players": r.game.players, "strategies": r.game.strategies},
        "scenario": r.scenario,
        "parameters": params,
        "points": r.points.iter().map(|p| json!({"lambda": p.lambda, "profile": p.profile})).collect::<Vec<_>>(),
        "limit": limit,
        "fit": r.fit.as_ref().map(|f| json!({"lambda": f.lambda, "log_likelihood": f.log_likelihood, "profile": f.profile})),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// CSV: one row per point; columns `lambda` and `<player>:<strategy>` (as `solve`'s CSV).
pub fn csv(r: &QreReport) -> String {
    let mut header = vec!["lambda".to_string()];
    header.extend(columns(&r.game));
    let mut out = header.join(",");
    out.push('\n');
    for pt in &r.points {
        let mut row = vec![format!("{}", pt.lambda)];
        row.extend(pt.profile.iter().flatten().map(|p| format!("{p}")));
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
