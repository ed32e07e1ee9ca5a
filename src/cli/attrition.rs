//! `standoff attrition`: who concedes first, when, and for how long — for a multistage model.
//!
//! JSON output, one scenario (or none):
//! ```text
//! { "model", "scenario": name|null, "parameters": {name: "exact"}, "horizon", "discount",
//!   "selection", "stop_actions": {player: [action]}, "notes": [text], "all_exact",
//!   "kind",                                    // the first equilibrium of the selection, flattened:
//!   "periods": [{"t", "concede": {player: "exact"}, "survival": "exact"}],
//!   "first_to_concede": {player: "exact"}, "both_at_once", "other_stop", "reaches_horizon",
//!   "expected_duration", "expected_duration_float", "payoffs": {player: "exact"},
//!   "equilibria": [{ "kind", "periods", ... the same fields ... }],   // every selected SPE
//!   "continuous": null | { "values", "costs", "hazards", "equilibria": [...], "convergence": [...] } }
//! ```
//! With several `--scenario`s: `{ "model", "scenarios": [ the object above, ... ] }`.
//! Numbers are exact fractions as strings, except that a fraction longer than about 96 digits
//! (long horizons: survival after period 10,000 is (25/36)^10000) is written as a decimal in
//! scientific notation (`"1.23457e-1585"`); `"all_exact"` says whether that happened.
//! CSV: one row per scenario, equilibrium and period (`scenario,equilibrium,t,concede_P...,survival`).

use super::ModelArgs;
use crate::analysis::attrition::{concession, convergence, ConcessionAnalysis, ContinuousWar, ConvergenceRow};
use crate::error::Result;
use crate::game::Multistage;
use crate::model::{load_multistage, Scenario};
use crate::num::{fmt_q, to_f64, Q};
use crate::output::{decimal, emit, with_decimal};
use crate::solve::multistage::{solve_multistage, Selection};

/// Horizons from which a spinner shows progress on a terminal.
const LONG_HORIZON: u64 = 5_000;
use clap::{Args, ValueEnum};
use num_traits::{Signed, Zero};
use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff attrition models/attrition.toml
  standoff attrition models/attrition.toml --scenario deadline_dprk --scenario deadline_us
  standoff attrition models/attrition.toml --set horizon=12 --select all --format json
  standoff attrition models/attrition.toml --continuous
  standoff attrition models/attrition.toml --scenario deadline_dprk --scenario deadline_us --plot attrition.svg";

/// Rows of the period table shown in full; longer games show the first and last periods.
const MAX_TABLE_PERIODS: usize = 30;

/// Which SPEs to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Select {
    /// the mixed SPE and the stationary pure ones
    Default,
    /// the most mixed stage equilibrium in every period
    Mixed,
    /// the same pure stage equilibrium in every period
    Pure,
    /// every combination of stage equilibria (up to 1000)
    All,
}

impl From<Select> for Selection {
    fn from(s: Select) -> Selection {
        match s {
            Select::Default => Selection::Default,
            Select::Mixed => Selection::Mixed,
            Select::Pure => Selection::Pure,
            Select::All => Selection::All,
        }
    }
}

/// Output formats of `attrition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttritionFormat {
    /// readable text
    Table,
    /// JSON with exact fractions as strings
    Json,
    /// CSV: one row per period
    Csv,
}

/// Raw arguments of `standoff attrition`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct AttritionArgs {
    /// A multistage model (`kind = "multistage"`).
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// A scenario declared in the model (repeatable: the scenarios are analysed side by side).
    #[arg(long, value_name = "NAME")]
    pub scenario: Vec<String>,
    /// Set a parameter, on top of each scenario (repeatable). VALUE is exact: 3, -7/2, 0.25.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Which subgame-perfect equilibria to analyse.
    #[arg(long, value_enum, default_value_t = Select::Default)]
    pub select: Select,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AttritionFormat::Table)]
    pub format: AttritionFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also draw the survival curve and concession probabilities (first equilibrium of each scenario) to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Also show the continuous-time war of attrition with the same values and costs, and the convergence of the discrete game to it.
    #[arg(long)]
    pub continuous: bool,
}

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

/// Analyses one setting of a multistage model.
pub fn analyse(
    model: &std::path::Path,
    scenario: Option<&str>,
    set: &[String],
    selection: Selection,
    continuous: bool,
) -> Result<ScenarioReport> {
    let args = ModelArgs { model: model.to_path_buf(), set: set.to_vec(), scenario: scenario.map(str::to_string) };
    let settings = args.settings()?;
    let loaded = load_multistage(model, &settings)?;
    // Long horizons take seconds (exact numbers grow with the period): show a spinner on a terminal.
    let spinner = if loaded.game.horizon() >= LONG_HORIZON { super::progress::Spinner::start() } else { None };
    let say = |msg: String| {
        if let Some(s) = &spinner {
            s.message(msg);
        }
    };
    say(format!("solving {} periods by backward induction", loaded.game.horizon()));
    let sol = solve_multistage(&loaded.game, selection)?;
    let mut equilibria = Vec::with_capacity(sol.spes.len());
    for (k, spe) in sol.spes.iter().enumerate() {
        say(format!("concession analysis of SPE {} of {}", k + 1, sol.spes.len()));
        equilibria.push((spe.kind.clone(), concession(&loaded.game, spe)?));
    }
    drop(spinner);
    let continuous = if continuous {
        let war = ContinuousWar::from_multistage(&loaded.game)?;
        let d = loaded.game.discount().clone();
        let rate = (d < Q::from_integer(1.into())).then(|| Q::from_integer(1.into()) / &d - Q::from_integer(1.into()));
        let lengths: Vec<Q> = (0..7).map(|k| Q::new(1.into(), (1i64 << k).into())).collect();
        let convergence = convergence(&war, rate.as_ref(), &lengths, 3)?;
        Some(ContinuousReport { war, rate, convergence })
    } else {
        None
    };
    Ok(ScenarioReport {
        scenario: scenario.and_then(|s| loaded.model.scenario(s).cloned()),
        values: loaded.values,
        game: loaded.game,
        selection,
        equilibria,
        notes: sol.notes,
        continuous,
    })
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

fn by_player(names: &[String], xs: &[Q]) -> Value {
    let mut m = Map::new();
    for (n, x) in names.iter().zip(xs) {
        m.insert(n.clone(), Value::String(num(x)));
    }
    Value::Object(m)
}

fn analysis_json(kind: &str, a: &ConcessionAnalysis) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("kind".into(), json!(kind));
    m.insert(
        "periods".into(),
        Value::Array(
            a.periods
                .iter()
                .map(|p| json!({"t": p.t, "concede": by_player(&a.players, &p.concede), "survival": num(&p.survival)}))
                .collect(),
        ),
    );
    m.insert("first_to_concede".into(), by_player(&a.players, &a.first_to_concede));
    m.insert("both_at_once".into(), json!(num(&a.both_at_once)));
    m.insert("other_stop".into(), json!(num(&a.other_stop)));
    m.insert("reaches_horizon".into(), json!(num(&a.reaches_horizon)));
    m.insert("expected_duration".into(), json!(num(&a.expected_duration)));
    m.insert("expected_duration_float".into(), json!(to_f64(&a.expected_duration)));
    m.insert("payoffs".into(), by_player(&a.players, &a.payoffs));
    m
}

fn continuous_json(c: &ContinuousReport, names: &[String; 2]) -> Value {
    let pair = |xs: &[Q; 2]| by_player(names, xs);
    let opt_pair = |xs: &[Option<Q>; 2]| {
        let mut m = Map::new();
        for (n, x) in names.iter().zip(xs) {
            m.insert(n.clone(), x.as_ref().map_or(Value::Null, |x| Value::String(fmt_q(x))));
        }
        Value::Object(m)
    };
    json!({
        "values": pair(&c.war.values),
        "costs": pair(&c.war.costs),
        "hazards": pair(&c.war.hazards()),
        "equilibria": c.war.equilibria(names).iter().map(|e| json!({
            "name": e.name,
            "atom_at_zero": pair(&e.atom),
            "hazard": opt_pair(&e.hazard),
            "first_to_concede": pair(&e.first_to_concede),
            "expected_duration": fmt_q(&e.expected_duration),
            "payoffs": pair(&e.payoffs),
        })).collect::<Vec<_>>(),
        "rate": c.rate.as_ref().map(fmt_q),
        "convergence": c.convergence.iter().map(|r| json!({
            "period_length": fmt_q(&r.period_length),
            "concede": pair(&r.concede),
            "hazard": pair(&r.hazard),
            "limit": pair(&r.limit),
        })).collect::<Vec<_>>(),
    })
}

fn names2(game: &Multistage) -> [String; 2] {
    let p = game.players();
    [p.first().map_or_else(String::new, |p| p.name.clone()), p.get(1).map_or_else(String::new, |p| p.name.clone())]
}

fn scenario_json(r: &ScenarioReport) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("model".into(), json!(r.game.title));
    m.insert("scenario".into(), r.scenario.as_ref().map_or(Value::Null, |s| json!(s.name)));
    let mut params = Map::new();
    for (n, v) in &r.values {
        params.insert(n.clone(), json!(fmt_q(v)));
    }
    m.insert("parameters".into(), Value::Object(params));
    m.insert("horizon".into(), json!(r.game.horizon()));
    m.insert("discount".into(), json!(fmt_q(r.game.discount())));
    m.insert("selection".into(), json!(r.selection.name()));
    let mut stops = Map::new();
    if let Some((_, a)) = r.equilibria.first() {
        for (n, s) in a.players.iter().zip(&a.stop_actions) {
            stops.insert(n.clone(), json!(s));
        }
    }
    m.insert("stop_actions".into(), Value::Object(stops));
    m.insert("notes".into(), json!(r.notes));
    m.insert("all_exact".into(), json!(r.equilibria.iter().all(|(_, a)| analysis_exact(a))));
    if let Some((kind, a)) = r.equilibria.first() {
        m.extend(analysis_json(kind, a));
    }
    m.insert(
        "equilibria".into(),
        Value::Array(r.equilibria.iter().map(|(k, a)| Value::Object(analysis_json(k, a))).collect()),
    );
    m.insert("continuous".into(), r.continuous.as_ref().map_or(Value::Null, |c| continuous_json(c, &names2(&r.game))));
    m
}

/// The JSON rendering (see the module docs).
pub fn render_json(reports: &[ScenarioReport]) -> String {
    let v = match reports {
        [one] => Value::Object(scenario_json(one)),
        many => json!({
            "model": many.first().map(|r| r.game.title.clone()),
            "scenarios": many.iter().map(|r| Value::Object(scenario_json(r))).collect::<Vec<_>>(),
        }),
    };
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV rendering: one row per scenario, equilibrium and period.
pub fn render_csv(reports: &[ScenarioReport]) -> String {
    let mut out = String::new();
    let Some(first) = reports.first() else { return out };
    let names: Vec<String> = first.game.players().iter().map(|p| p.name.clone()).collect();
    let mut header = vec!["scenario".to_string(), "equilibrium".into(), "t".into()];
    header.extend(names.iter().map(|n| csv_field(&format!("concede_{n}"))));
    header.push("survival".into());
    let _ = writeln!(out, "{}", header.join(","));
    for r in reports {
        let sc = r.scenario.as_ref().map_or("", |s| s.name.as_str());
        for (kind, a) in &r.equilibria {
            for p in &a.periods {
                let mut row = vec![csv_field(sc), csv_field(kind), p.t.to_string()];
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
pub fn render_table(reports: &[ScenarioReport]) -> String {
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

/// Runs `standoff attrition`.
pub fn run(args: &AttritionArgs, stdout: &mut dyn Write) -> Result<()> {
    let selection: Selection = args.select.into();
    let scenarios: Vec<Option<&str>> =
        if args.scenario.is_empty() { vec![None] } else { args.scenario.iter().map(|s| Some(s.as_str())).collect() };
    let mut reports = Vec::with_capacity(scenarios.len());
    for s in scenarios {
        reports.push(analyse(&args.model, s, &args.set, selection, args.continuous)?);
    }
    if let Some(path) = &args.plot {
        let chart = crate::plot::attrition::AttritionChart::new(&reports_for_chart(&reports));
        crate::plot::write_chart(&chart, path)?;
    }
    let text = match args.format {
        AttritionFormat::Table => render_table(&reports),
        AttritionFormat::Json => render_json(&reports),
        AttritionFormat::Csv => render_csv(&reports),
    };
    emit(&text, args.output.as_deref(), stdout)
}

/// The chart input: per scenario, its label and the first selected equilibrium's analysis.
pub fn reports_for_chart(reports: &[ScenarioReport]) -> Vec<(String, ConcessionAnalysis)> {
    reports
        .iter()
        .filter_map(|r| {
            let label = r.scenario.as_ref().map_or_else(|| "defaults".to_string(), |s| s.name.clone());
            r.equilibria.first().map(|(kind, a)| (format!("{label} ({kind} SPE)"), a.clone()))
        })
        .collect()
}
