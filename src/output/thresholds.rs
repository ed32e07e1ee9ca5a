//! `standoff thresholds`: the exact parameter values where the regime changes along one
//! parameter, as a table or JSON (schema in `docs/json.md`).

use super::json::finish;
use super::{with_decimal, Report};
use crate::analysis::thresholds::Thresholds;
use crate::num::{fmt_q, to_f64};
use serde::Serialize;
use std::fmt::Write as _;

/// The boundaries and regimes along one parameter, with the model's title.
pub struct ThresholdsReport<'a> {
    /// What was found.
    pub thresholds: &'a Thresholds,
    /// The model's title.
    pub title: &'a str,
    /// The scenario used, if any.
    pub scenario: Option<&'a str>,
}

impl Report for ThresholdsReport<'_> {
    fn name(&self) -> &'static str {
        "thresholds"
    }
    fn table(&self) -> String {
        render_table(self.thresholds, self.title, self.scenario)
    }
    fn json(&self) -> String {
        render_json(self.thresholds, self.scenario)
    }
}

#[derive(Serialize)]
struct BoundaryJson<'a> {
    value: String,
    value_float: f64,
    exact: bool,
    tolerance: Option<String>,
    candidate: Option<String>,
    left: Option<&'a str>,
    at: Option<&'a str>,
    right: Option<&'a str>,
}

#[derive(Serialize)]
struct IntervalJson<'a> {
    from: String,
    to: String,
    regime: &'a str,
}

#[derive(Serialize)]
struct ThresholdsJson<'a> {
    parameter: &'a str,
    start: String,
    stop: String,
    scenario: Option<&'a str>,
    affine: bool,
    exact: bool,
    boundaries: Vec<BoundaryJson<'a>>,
    intervals: Vec<IntervalJson<'a>>,
    notes: &'a [String],
}

/// The JSON rendering.
fn render_json(t: &Thresholds, scenario: Option<&str>) -> String {
    let j = ThresholdsJson {
        parameter: &t.parameter,
        start: fmt_q(&t.start),
        stop: fmt_q(&t.stop),
        scenario,
        affine: t.affine,
        exact: t.exact,
        boundaries: t
            .boundaries
            .iter()
            .map(|b| BoundaryJson {
                value: fmt_q(&b.value),
                value_float: to_f64(&b.value),
                exact: b.exact,
                tolerance: b.tolerance.as_ref().map(fmt_q),
                candidate: b.candidate.as_ref().map(fmt_q),
                left: b.left.as_deref(),
                at: b.at.as_deref(),
                right: b.right.as_deref(),
            })
            .collect(),
        intervals: t
            .intervals
            .iter()
            .map(|i| IntervalJson { from: fmt_q(&i.from), to: fmt_q(&i.to), regime: &i.regime })
            .collect(),
        notes: &t.notes,
    };
    finish(&j)
}

/// The readable rendering.
fn render_table(t: &Thresholds, title: &str, scenario: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "Parameter: {} from {} to {}", t.parameter, fmt_q(&t.start), fmt_q(&t.stop));
    if let Some(s) = scenario {
        let _ = writeln!(out, "Scenario: {s}");
    }
    let mode = if t.exact { "exact" } else { "bisection (approximate)" };
    let _ = writeln!(out, "Boundaries: {} ({mode})", t.boundaries.len());
    for b in &t.boundaries {
        let value = match &b.tolerance {
            Some(tol) if b.value == t.start || b.value == t.stop => format!(
                "{} = {} (the {} of the range: the regime at {} itself differs from the one just {}, bisected to \
                 within {:.1e}; the change is there unless another one lies that close)",
                t.parameter,
                with_decimal(&b.value),
                if b.value == t.start { "start" } else { "end" },
                fmt_q(&b.value),
                if b.value == t.start { "above" } else { "below" },
                to_f64(tol)
            ),
            Some(tol) if b.candidate.as_ref() == Some(&b.value) && b.at.is_some() => format!(
                "{} = {} (bisected to ± {:.1e} on each side; the regime at {} itself differs from both sides, \
                 so the boundary is there unless another change lies that close)",
                t.parameter,
                with_decimal(&b.value),
                to_f64(tol),
                fmt_q(&b.value)
            ),
            Some(tol) => {
                let mut v = format!("{} ≈ {:.9} (± {:.1e})", t.parameter, to_f64(&b.value), to_f64(tol));
                if let Some(c) = &b.candidate {
                    v.push_str(&format!(
                        ", probably exactly {} (the one payoff-difference root in the bracket)",
                        fmt_q(c)
                    ));
                }
                v
            }
            None => format!("{} = {}", t.parameter, with_decimal(&b.value)),
        };
        let _ = writeln!(out, "\n  {value}");
        for (side, r) in [("below", &b.left), ("at", &b.at), ("above", &b.right)] {
            if let Some(r) = r {
                let _ = writeln!(out, "    {side:<6} {r}");
            }
        }
    }
    let _ = writeln!(out, "\nRegimes:");
    for i in &t.intervals {
        let _ = writeln!(out, "  {} .. {}: {}", fmt_q(&i.from), fmt_q(&i.to), i.regime);
    }
    for n in &t.notes {
        let _ = writeln!(out, "Note: {n}");
    }
    out
}
