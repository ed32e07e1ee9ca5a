//! `standoff attrition`: who concedes first, when, and for how long — the report of one or
//! more scenarios of a multistage model, as a table, JSON (schema in `docs/json.md`) or CSV (one row
//! per scenario, equilibrium and period: `scenario,equilibrium,t,concede_P...,survival`).
//!
//! Numbers are exact fractions, except that a fraction longer than about 96 digits (long horizons)
//! is written as a decimal in scientific notation; the JSON's `all_exact` says whether that happened.

use super::csv::field;
use super::json::{by_player, finish, named};
use super::{decimal, with_decimal, Format, Report};
use crate::analysis::attrition::{ConcessionAnalysis, ContinuousEquilibrium, ContinuousWar, ConvergenceRow};
use crate::error::Result;
use crate::game::Multistage;
use crate::model::Scenario;
use crate::num::{fmt_q, to_f64, Q};
use crate::solve::tree::multistage::Selection;
use indexmap::IndexMap;
use num_traits::{Signed, Zero};
use serde::Serialize;
use std::fmt::Write as _;

/// Rows of the period table shown in full; longer games show the first and last periods.
const MAX_TABLE_PERIODS: usize = 30;

/// The analysis of one scenario.
#[derive(Debug, Clone)]
pub struct ScenarioReport {
    /// The scenario, if any.
    pub scenario: Option<Scenario>,
    /// Parameter values used.
    pub values: Vec<(String, Q)>,
    /// The game.
    pub game: Multistage,
    /// The selection.
    pub selection: Selection,
    /// One analysis per selected SPE, with the SPE's kind.
    pub equilibria: Vec<(String, ConcessionAnalysis)>,
    /// Solver notes.
    pub notes: Vec<String>,
    /// The continuous-time comparison, when asked for.
    pub continuous: Option<ContinuousReport>,
}

/// The continuous-time war of attrition matching a model, and the convergence table.
#[derive(Debug, Clone)]
pub struct ContinuousReport {
    /// Values and costs.
    pub war: ContinuousWar,
    /// The per-period rate used for discounting in the convergence table (from δ), if any.
    pub rate: Option<Q>,
    /// The convergence table.
    pub convergence: Vec<ConvergenceRow>,
}

/// The attrition analysis of one or more scenarios of a model.
pub struct AttritionReport<'a>(pub &'a [ScenarioReport]);

impl Report for AttritionReport<'_> {
    fn name(&self) -> &'static str {
        "attrition"
    }
    fn formats(&self) -> &'static [Format] {
        &[Format::Table, Format::Json, Format::Csv]
    }
    fn table(&self) -> String {
        render_table(self.0)
    }
    fn json(&self) -> String {
        render_json(self.0)
    }
    fn csv(&self) -> Result<String> {
        Ok(render_csv(self.0))
    }
}

/// Numbers whose numerator and denominator together have more bits than this are written as
/// decimals in scientific notation (about 96 decimal digits in all).
const MAX_EXACT_BITS: u64 = 320;

/// True if `x` is written exactly in JSON and CSV (see [`MAX_EXACT_BITS`]).
fn fits(x: &Q) -> bool {
    x.numer().bits() + x.denom().bits() <= MAX_EXACT_BITS
}

/// `x` in scientific notation with six significant digits, even far below f64's range.
fn scientific(x: &Q) -> String {
    if x.is_zero() {
        return "0".into();
    }
    let f = to_f64(x);
    if f.is_finite() && f.abs() > 1e-300 && f.abs() < 1e300 {
        return format!("{f:.5e}");
    }
    let ln = |b: &num_bigint::BigInt| {
        let bits = b.bits();
        let shift = bits.saturating_sub(60);
        let top = num_traits::ToPrimitive::to_f64(&(b.abs() >> shift)).unwrap_or(1.0);
        top.ln() + shift as f64 * std::f64::consts::LN_2
    };
    let l10 = (ln(x.numer()) - ln(x.denom())) / std::f64::consts::LN_10;
    let e = l10.floor();
    let m = 10f64.powf(l10 - e);
    let sign = if x.is_negative() { "-" } else { "" };
    format!("{sign}{m:.5}e{e}")
}

/// A number for JSON and CSV: the exact fraction, or a decimal when it is too long (see
/// [`MAX_EXACT_BITS`]).
fn num(x: &Q) -> String {
    if fits(x) {
        fmt_q(x)
    } else {
        scientific(x)
    }
}

fn analysis_exact(a: &ConcessionAnalysis) -> bool {
    a.periods.iter().all(|p| fits(&p.survival) && p.concede.iter().all(fits))
        && a.first_to_concede.iter().chain(&a.payoffs).all(fits)
        && [&a.both_at_once, &a.other_stop, &a.reaches_horizon, &a.expected_duration].into_iter().all(fits)
}

/// Per-player exact values, in the players' order.
fn per_player<'a>(names: &'a [String], xs: &[Q]) -> IndexMap<&'a str, String> {
    by_player(names, xs.iter().map(num))
}

#[derive(Serialize)]
struct PeriodJson<'a> {
    t: u64,
    concede: IndexMap<&'a str, String>,
    survival: String,
}

#[derive(Serialize)]
struct AnalysisJson<'a> {
    kind: &'a str,
    periods: Vec<PeriodJson<'a>>,
    first_to_concede: IndexMap<&'a str, String>,
    both_at_once: String,
    other_stop: String,
    reaches_horizon: String,
    expected_duration: String,
    expected_duration_float: f64,
    payoffs: IndexMap<&'a str, String>,
}

fn analysis_json<'a>(kind: &'a str, a: &'a ConcessionAnalysis) -> AnalysisJson<'a> {
    AnalysisJson {
        kind,
        periods: a
            .periods
            .iter()
            .map(|p| PeriodJson { t: p.t, concede: per_player(&a.players, &p.concede), survival: num(&p.survival) })
            .collect(),
        first_to_concede: per_player(&a.players, &a.first_to_concede),
        both_at_once: num(&a.both_at_once),
        other_stop: num(&a.other_stop),
        reaches_horizon: num(&a.reaches_horizon),
        expected_duration: num(&a.expected_duration),
        expected_duration_float: to_f64(&a.expected_duration),
        payoffs: per_player(&a.players, &a.payoffs),
    }
}

#[derive(Serialize)]
struct ContinuousEquilibriumJson<'a> {
    name: &'a str,
    atom_at_zero: IndexMap<&'a str, String>,
    hazard: IndexMap<&'a str, Option<String>>,
    first_to_concede: IndexMap<&'a str, String>,
    expected_duration: String,
    payoffs: IndexMap<&'a str, String>,
}

#[derive(Serialize)]
struct ConvergenceJson<'a> {
    period_length: String,
    concede: IndexMap<&'a str, String>,
    hazard: IndexMap<&'a str, String>,
    limit: IndexMap<&'a str, String>,
}

#[derive(Serialize)]
struct ContinuousJson<'a> {
    values: IndexMap<&'a str, String>,
    costs: IndexMap<&'a str, String>,
    hazards: IndexMap<&'a str, String>,
    equilibria: Vec<ContinuousEquilibriumJson<'a>>,
    rate: Option<String>,
    convergence: Vec<ConvergenceJson<'a>>,
}

fn continuous_json<'a>(
    c: &ContinuousReport,
    names: &'a [String; 2],
    eqs: &'a [ContinuousEquilibrium],
) -> ContinuousJson<'a> {
    let pair = |xs: &[Q; 2]| by_player(names, xs.iter().map(fmt_q));
    ContinuousJson {
        values: pair(&c.war.values),
        costs: pair(&c.war.costs),
        hazards: pair(&c.war.hazards()),
        equilibria: eqs
            .iter()
            .map(|e| ContinuousEquilibriumJson {
                name: &e.name,
                atom_at_zero: pair(&e.atom),
                hazard: by_player(names, e.hazard.iter().map(|h| h.as_ref().map(fmt_q))),
                first_to_concede: pair(&e.first_to_concede),
                expected_duration: fmt_q(&e.expected_duration),
                payoffs: pair(&e.payoffs),
            })
            .collect(),
        rate: c.rate.as_ref().map(fmt_q),
        convergence: c
            .convergence
            .iter()
            .map(|r| ConvergenceJson {
                period_length: fmt_q(&r.period_length),
                concede: pair(&r.concede),
                hazard: pair(&r.hazard),
                limit: pair(&r.limit),
            })
            .collect(),
    }
}

fn names2(game: &Multistage) -> [String; 2] {
    let p = game.players();
    [p.first().map_or_else(String::new, |p| p.name.clone()), p.get(1).map_or_else(String::new, |p| p.name.clone())]
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    model: &'a str,
    scenario: Option<&'a str>,
    parameters: IndexMap<&'a str, String>,
    horizon: u64,
    discount: String,
    selection: &'static str,
    stop_actions: IndexMap<&'a str, &'a [String]>,
    notes: &'a [String],
    all_exact: bool,
    /// The first selected equilibrium, flattened into the top level.
    #[serde(flatten)]
    first: Option<AnalysisJson<'a>>,
    equilibria: Vec<AnalysisJson<'a>>,
    continuous: Option<ContinuousJson<'a>>,
}

#[derive(Serialize)]
struct ScenariosJson<'a> {
    model: Option<&'a str>,
    scenarios: Vec<ScenarioJson<'a>>,
}

fn scenario_json<'a>(
    r: &'a ScenarioReport,
    names: &'a [String; 2],
    eqs: &'a [ContinuousEquilibrium],
) -> ScenarioJson<'a> {
    let first = r.equilibria.first();
    ScenarioJson {
        model: &r.game.title,
        scenario: r.scenario.as_ref().map(|s| s.name.as_str()),
        parameters: named(&r.values),
        horizon: r.game.horizon(),
        discount: fmt_q(r.game.discount()),
        selection: r.selection.name(),
        stop_actions: first.map_or_else(IndexMap::new, |(_, a)| {
            a.players.iter().map(String::as_str).zip(a.stop_actions.iter().map(Vec::as_slice)).collect()
        }),
        notes: &r.notes,
        all_exact: r.equilibria.iter().all(|(_, a)| analysis_exact(a)),
        first: first.map(|(kind, a)| analysis_json(kind, a)),
        equilibria: r.equilibria.iter().map(|(k, a)| analysis_json(k, a)).collect(),
        continuous: r.continuous.as_ref().map(|c| continuous_json(c, names, eqs)),
    }
}

fn render_json(reports: &[ScenarioReport]) -> String {
    let names: Vec<[String; 2]> = reports.iter().map(|r| names2(&r.game)).collect();
    let eqs: Vec<Vec<ContinuousEquilibrium>> = reports
        .iter()
        .zip(&names)
        .map(|(r, n)| r.continuous.as_ref().map_or_else(Vec::new, |c| c.war.equilibria(n)))
        .collect();
    let mut scenarios = reports.iter().zip(&names).zip(&eqs).map(|((r, n), e)| scenario_json(r, n, e));
    match reports {
        [_] => finish(&scenarios.next()),
        many => finish(&ScenariosJson {
            model: many.first().map(|r| r.game.title.as_str()),
            scenarios: scenarios.collect(),
        }),
    }
}

/// The CSV rendering: one row per scenario, equilibrium and period.
fn render_csv(reports: &[ScenarioReport]) -> String {
    let mut out = String::new();
    let Some(first) = reports.first() else { return out };
    let names: Vec<String> = first.game.players().iter().map(|p| p.name.clone()).collect();
    let mut header = vec!["scenario".to_string(), "equilibrium".into(), "t".into()];
    header.extend(names.iter().map(|n| field(&format!("concede_{n}"))));
    header.push("survival".into());
    let _ = writeln!(out, "{}", header.join(","));
    for r in reports {
        let sc = r.scenario.as_ref().map_or("", |s| s.name.as_str());
        for (kind, a) in &r.equilibria {
            for p in &a.periods {
                let mut row = vec![field(sc), field(kind), p.t.to_string()];
                row.extend(p.concede.iter().map(num));
                row.push(num(&p.survival));
                let _ = writeln!(out, "{}", row.join(","));
            }
        }
    }
    out
}

/// An exact number, or its decimal when the fraction is long.
fn short(x: &Q) -> String {
    if x.numer().bits() + x.denom().bits() > 64 {
        return format!("≈ {}", if to_f64(x).abs() >= 1e-4 { decimal(x) } else { scientific(x) });
    }
    let s = fmt_q(x);
    if s.len() <= 14 {
        if x.is_integer() {
            s
        } else {
            format!("{s} ({})", decimal(x))
        }
    } else {
        let d = decimal(x);
        if d == "0" || d == "-0" || d.len() > 14 {
            format!("≈ {}", scientific(x))
        } else {
            format!("≈ {d}")
        }
    }
}

fn analysis_table(out: &mut String, a: &ConcessionAnalysis) {
    let mut header = vec!["t".to_string()];
    header.extend(a.players.iter().map(|n| format!("{n} concedes")));
    header.push("still on after".into());
    let keep = |t: usize| a.periods.len() <= MAX_TABLE_PERIODS || t < 20 || t + 5 >= a.periods.len();
    let rows: Vec<Vec<String>> = a
        .periods
        .iter()
        .enumerate()
        .filter(|(t, _)| keep(*t))
        .map(|(_, p)| {
            let mut row = vec![p.t.to_string()];
            row.extend(p.concede.iter().map(short));
            row.push(short(&p.survival));
            row
        })
        .collect();
    let shown: Vec<Option<&Vec<String>>> = if a.periods.len() <= MAX_TABLE_PERIODS {
        rows.iter().map(Some).collect()
    } else {
        let mut v: Vec<Option<&Vec<String>>> = rows[..20].iter().map(Some).collect();
        v.push(None);
        v.extend(rows[rows.len() - 5..].iter().map(Some));
        v
    };
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .chain(std::iter::once(header[c].chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells.iter().zip(&widths).map(|(c, w)| format!("{c:>w$}", w = *w)).collect::<Vec<_>>().join("  ")
    };
    let _ = writeln!(out, "  {}", line(&header));
    for r in shown {
        match r {
            Some(r) => {
                let _ = writeln!(out, "  {}", line(r));
            }
            None => {
                let _ =
                    writeln!(out, "  … ({} periods not shown; use --format json or csv for all)", a.periods.len() - 25);
            }
        }
    }
    let firsts: Vec<String> =
        a.players.iter().zip(&a.first_to_concede).map(|(n, x)| format!("{n} {}", short(x))).collect();
    let _ = writeln!(out, "First to concede: {}", firsts.join(", "));
    let _ = writeln!(out, "Both at once: {}", short(&a.both_at_once));
    if !a.other_stop.is_zero() {
        let _ = writeln!(out, "Ends without a concession: {}", short(&a.other_stop));
    }
    let _ = writeln!(out, "Nobody concedes by the horizon: {}", short(&a.reaches_horizon));
    let _ = writeln!(out, "Expected duration: {} periods of standoff", short(&a.expected_duration));
    let pays: Vec<String> = a.players.iter().zip(&a.payoffs).map(|(n, x)| format!("{n} {}", short(x))).collect();
    let _ = writeln!(out, "Expected payoffs: {}", pays.join(", "));
}

fn continuous_table(out: &mut String, c: &ContinuousReport, names: &[String; 2]) {
    let w = &c.war;
    let h = w.hazards();
    let _ = writeln!(out, "\nContinuous time (values V, cost rates c per period; no discounting):");
    for i in 0..2 {
        let j = 1 - i;
        let _ = writeln!(
            out,
            "  {}: V = {}, c = {}; concedes at hazard c_{}/V_{} = {}",
            names[i],
            fmt_q(&w.values[i]),
            fmt_q(&w.costs[i]),
            names[j],
            names[j],
            with_decimal(&h[i])
        );
    }
    for e in w.equilibria(names) {
        let _ = writeln!(out, "  {}:", e.name);
        let _ = writeln!(
            out,
            "    first to concede: {} {}, {} {}; expected duration {}; payoffs {} {}, {} {}",
            names[0],
            with_decimal(&e.first_to_concede[0]),
            names[1],
            with_decimal(&e.first_to_concede[1]),
            with_decimal(&e.expected_duration),
            names[0],
            with_decimal(&e.payoffs[0]),
            names[1],
            with_decimal(&e.payoffs[1])
        );
    }
    let _ = writeln!(out, "  (any atom α in (0, 1) for either side is an equilibrium; α = 1/2 shown)");
    let disc = match &c.rate {
        Some(r) => format!("δ = 1/(1 + {}·Δ)", fmt_q(r)),
        None => "δ = 1".into(),
    };
    let _ =
        writeln!(out, "\nConvergence: period length Δ, cost c·Δ per period, {disc}; concession hazard p/Δ → c_j/V_j");
    let _ = writeln!(out, "  {:>6}  {:>22}  {:>22}", "Δ", format!("{} p/Δ", names[0]), format!("{} p/Δ", names[1]));
    for r in &c.convergence {
        let _ =
            writeln!(out, "  {:>6}  {:>22}  {:>22}", fmt_q(&r.period_length), short(&r.hazard[0]), short(&r.hazard[1]));
    }
    let _ = writeln!(out, "  {:>6}  {:>22}  {:>22}", "limit", short(&h[0]), short(&h[1]));
}

/// The readable rendering.
fn render_table(reports: &[ScenarioReport]) -> String {
    let mut out = String::new();
    for (k, r) in reports.iter().enumerate() {
        if k > 0 {
            out.push_str("\n\n");
        }
        let _ = writeln!(out, "{}", r.game.title);
        if let Some(s) = &r.scenario {
            let desc = if s.description.is_empty() { String::new() } else { format!(": {}", s.description) };
            let _ = writeln!(out, "Scenario: {}{desc}", s.name);
        }
        let params: Vec<String> = r.values.iter().map(|(n, v)| format!("{n} = {}", fmt_q(v))).collect();
        let _ = writeln!(out, "Parameters: {}", params.join(", "));
        let _ = writeln!(
            out,
            "Horizon: {} periods (t = 0..{}), discount {}",
            r.game.horizon(),
            r.game.horizon() - 1,
            fmt_q(r.game.discount())
        );
        if let Some((_, a)) = r.equilibria.first() {
            let stops: Vec<String> =
                a.players.iter().zip(&a.stop_actions).map(|(n, s)| format!("{n} {}", s.join("/"))).collect();
            let _ = writeln!(out, "Concession (stop) actions: {}", stops.join(", "));
        }
        let _ = writeln!(out, "Selection: {} ({} SPE)", r.selection.name(), r.equilibria.len());
        for (i, (kind, a)) in r.equilibria.iter().enumerate() {
            let _ = writeln!(out, "\nSPE {} ({kind})", i + 1);
            analysis_table(&mut out, a);
        }
        if let Some(c) = &r.continuous {
            continuous_table(&mut out, c, &names2(&r.game));
        }
        for n in &r.notes {
            let _ = writeln!(out, "Note: {n}");
        }
    }
    out
}
