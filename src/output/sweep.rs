//! The output of `standoff sweep`: CSV rows, JSON Lines records and the table.
//!
//! - CSV (long format): a header, then one row per (grid point, equilibrium). Columns: `point`
//!   (0-based number of the grid point, last parameter fastest), one column per swept parameter
//!   (exact values), `regime`, `equilibria` (how many at this point), `equilibrium` (1-based, in
//!   the order of `standoff solve`), then exactly the columns of `standoff solve --format csv` after
//!   its `equilibrium` column: `<player>:<strategy>` probabilities and `payoff:<player>`; then, for
//!   games with at most [`MAX_OUTCOME_COLUMNS`] pure profiles, `outcome:<label>/<label>...`: the
//!   probability of each pure profile (e.g. `outcome:Hold/Hold`, a prolonged standoff). A point
//!   without equilibria has one row with those columns empty.
//!   For a game tree the columns after `equilibrium` are those of `standoff solve --format csv` on
//!   a tree: `<player>:<information set>:<action>` behaviour probabilities, `payoff:<player>`, and
//!   `path` (the play of a pure subgame-perfect equilibrium).
//! - JSON Lines, one object per grid point:
//!   `{"point", "parameters": {name: value}, "regime", "equilibria": [{"profile", "payoffs", "outcomes"}]}`;
//!   for a tree each equilibrium is `{"behavior", "payoffs", "path"}` (`behavior`: player →
//!   information set → action, as in `standoff solve --format json`).
//! - The table (small sweeps, at most 100 columns): the numbered regimes, then the points (see [`table`]).
//!   Paths of trees are written as [`super::path`] writes them, in the CSV too.
//!
//! Rows are appended to a caller's buffer ([`SweepCsv::push_point`]), which a sweep reuses from
//! chunk to chunk: no allocation per row for grid points whose numbers fit in 64 bits.

use super::csv::push_field;
use super::json::qsss;
use super::mixed_text;
use super::path::equilibrium_path;
use crate::analysis::regime::tree_equilibrium_label;
use crate::analysis::sweep::{Axis, PointEquilibria, Subject, SweepPoint};
use crate::game::{MixedProfile, Player};
use crate::model::{Model, Settings};
use crate::num::{fmt_q, Q};
use indexmap::IndexMap;
use serde::Serialize;
use std::fmt::Write as _;

/// Most pure profiles for which `outcome:` columns are written.
pub const MAX_OUTCOME_COLUMNS: usize = 16;

/// All pure profiles (Gambit order: player 1 fastest) if there are at most [`MAX_OUTCOME_COLUMNS`].
fn outcome_profiles(players: &[Player]) -> Vec<Vec<usize>> {
    let total = players.iter().try_fold(1usize, |acc, p| acc.checked_mul(p.strategies.len()));
    match total {
        Some(t) if t <= MAX_OUTCOME_COLUMNS => (0..t)
            .map(|mut idx| {
                players
                    .iter()
                    .map(|p| {
                        let s = idx % p.strategies.len();
                        idx /= p.strategies.len();
                        s
                    })
                    .collect()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Appends `s` as a CSV field.
fn push(out: &mut String, s: &str) {
    push_field(out, s);
}

/// The CSV rendering of a sweep of one subject (its columns are fixed by the subject).
#[derive(Debug, Clone)]
pub struct SweepCsv<'a> {
    subject: &'a Subject,
    outcomes: Vec<Vec<usize>>,
    /// Number of columns after `equilibrium`.
    value_columns: usize,
    /// The axes' values as text, by axis and step (see [`SweepCsv::with_axes`]).
    axis_text: Vec<Vec<String>>,
}

/// Axes with at most this many steps have their values' text prepared once.
const MAX_AXIS_TEXT: usize = 100_000;

impl<'a> SweepCsv<'a> {
    /// The rendering for `subject`.
    pub fn new(subject: &'a Subject) -> SweepCsv<'a> {
        let outcomes = match subject {
            Subject::Normal(players) => outcome_profiles(players),
            Subject::Tree(_) => Vec::new(),
        };
        let value_columns = match subject {
            Subject::Normal(players) => players.iter().map(|p| p.strategies.len() + 1).sum::<usize>() + outcomes.len(),
            Subject::Tree(tree) => {
                let actions: usize =
                    (0..tree.num_players()).flat_map(|i| tree.player_actions(i)).map(|a| a.len()).sum();
                actions + tree.num_players() + 1
            }
        };
        SweepCsv { subject, outcomes, value_columns, axis_text: Vec::new() }
    }

    /// The rendering for a sweep of `subject` over `axes` (the grid of the points to render):
    /// the swept values are formatted once per axis step instead of once per row.
    pub fn with_axes(subject: &'a Subject, axes: &[Axis]) -> SweepCsv<'a> {
        let mut csv = SweepCsv::new(subject);
        if axes.iter().all(|a| a.steps <= MAX_AXIS_TEXT) {
            csv.axis_text = axes.iter().map(|a| a.values().iter().map(fmt_q).collect()).collect();
        }
        csv
    }

    /// Appends the swept values of `point`: from the prepared text when there is one (the point's
    /// number gives its step on each axis, the last axis fastest), else formatted.
    fn push_values(&self, point: &SweepPoint, out: &mut String) {
        let mut steps = [0usize; 8];
        let n = self.axis_text.len();
        if n == 0 || n != point.values.len() || n > steps.len() {
            for v in &point.values {
                out.push(',');
                push_q(out, v);
            }
            return;
        }
        let mut rest = point.index;
        for (k, text) in self.axis_text.iter().enumerate().rev() {
            let len = text.len() as u64;
            steps[k] = (rest % len) as usize;
            rest /= len;
        }
        for (text, &step) in self.axis_text.iter().zip(&steps) {
            out.push(',');
            out.push_str(&text[step]);
        }
    }

    /// Appends the rows of `points` to `out`: as [`SweepCsv::push_point`] on each, with the quoted
    /// regime of a point copied when it repeats the previous point's.
    pub fn push_points(&self, points: &[SweepPoint], out: &mut String) {
        let mut last: Option<(&str, std::ops::Range<usize>)> = None;
        for p in points {
            self.push_row_set(p, out, &mut last);
        }
    }

    /// The header line (with a final newline) for a sweep over `axes`.
    pub fn header(&self, axes: &[Axis]) -> String {
        let mut h = vec!["point".to_string()];
        let field = super::csv::field;
        h.extend(axes.iter().map(|a| field(&a.name)));
        h.extend(["regime", "equilibria", "equilibrium"].map(String::from));
        match self.subject {
            Subject::Normal(players) => {
                for p in players {
                    h.extend(p.strategies.iter().map(|s| field(&format!("{}:{s}", p.name))));
                }
                h.extend(players.iter().map(|p| field(&format!("payoff:{}", p.name))));
                for prof in &self.outcomes {
                    let labels: Vec<&str> = prof.iter().zip(players).map(|(&s, p)| p.strategies[s].as_str()).collect();
                    h.push(field(&format!("outcome:{}", labels.join("/"))));
                }
            }
            Subject::Tree(tree) => {
                for (i, name) in tree.players().iter().enumerate() {
                    for (k, actions) in tree.player_actions(i).iter().enumerate() {
                        let set = tree.infoset_name(i, k);
                        h.extend(actions.iter().map(|a| field(&format!("{name}:{set}:{a}"))));
                    }
                }
                h.extend(tree.players().iter().map(|p| field(&format!("payoff:{p}"))));
                h.push("path".into());
            }
        }
        let mut out = h.join(",");
        out.push('\n');
        out
    }

    /// Appends the rows of one grid point to `out` (see the module docs).
    pub fn push_point(&self, point: &SweepPoint, out: &mut String) {
        self.push_row_set(point, out, &mut None);
    }

    /// [`SweepCsv::push_point`]; `last` is the previous point's regime and where its quoted text is in `out`.
    fn push_row_set<'p>(
        &self,
        point: &'p SweepPoint,
        out: &mut String,
        last: &mut Option<(&'p str, std::ops::Range<usize>)>,
    ) {
        let start = out.len();
        out.push_str(itoa::Buffer::new().format(point.index));
        self.push_values(point, out);
        out.push(',');
        match last {
            Some((regime, text)) if *regime == point.regime => out.extend_from_within(text.clone()),
            _ => {
                let at = out.len();
                push(out, &point.regime);
                *last = Some((&point.regime, at..out.len()));
            }
        }
        out.push(',');
        out.push_str(itoa::Buffer::new().format(point.equilibria.len()));
        let prefix = start..out.len();
        if point.equilibria.is_empty() {
            for _ in 0..=self.value_columns {
                out.push(',');
            }
            out.push('\n');
            return;
        }
        let mut first = true;
        let mut begin_row = |out: &mut String, k: usize| {
            if !first {
                out.extend_from_within(prefix.clone());
            }
            first = false;
            out.push(',');
            out.push_str(itoa::Buffer::new().format(k + 1));
        };
        match (&point.equilibria, self.subject) {
            (PointEquilibria::Normal(eqs), Subject::Normal(_)) => {
                for (k, eq) in eqs.iter().enumerate() {
                    begin_row(out, k);
                    for x in eq.profile.probs.iter().flatten().chain(&eq.payoffs) {
                        out.push(',');
                        push_q(out, x);
                    }
                    for prof in &self.outcomes {
                        out.push(',');
                        push_probability(out, &eq.profile, prof);
                    }
                    out.push('\n');
                }
            }
            (PointEquilibria::Tree(eqs), _) => {
                for (k, eq) in eqs.iter().enumerate() {
                    begin_row(out, k);
                    for x in eq.behavior.probs.iter().flatten().flatten().chain(&eq.payoffs) {
                        out.push(',');
                        push_q(out, x);
                    }
                    out.push(',');
                    if let Some(path) = equilibrium_path(eq) {
                        push(out, &path);
                    }
                    out.push('\n');
                }
            }
            // A normal-form answer for a tree subject cannot happen: both come from the same
            // model. Should it, the point has no rows.
            _ => {
                out.truncate(start);
                *last = None;
            }
        }
    }
}

/// The CSV header of a sweep of `subject` over `axes` (with a final newline).
pub fn csv_header(subject: &Subject, axes: &[Axis]) -> String {
    SweepCsv::new(subject).header(axes)
}

/// The CSV rows of one grid point (see the module docs).
pub fn csv_rows(subject: &Subject, point: &SweepPoint) -> String {
    let mut out = String::new();
    SweepCsv::new(subject).push_point(point, &mut out);
    out
}

/// The probability of the pure profile `prof` under `profile`.
fn profile_probability(profile: &MixedProfile, prof: &[usize]) -> Q {
    prof.iter()
        .enumerate()
        .map(|(i, &s)| profile.probs.get(i).and_then(|p| p.get(s)).cloned().unwrap_or_default())
        .product()
}

/// Appends `x` as [`fmt_q`] writes it (`n` or `n/d`), without big-integer formatting when both
/// parts fit in `i64`.
fn push_q(out: &mut String, x: &Q) {
    use num_traits::ToPrimitive;
    match (x.numer().to_i64(), x.denom().to_i64()) {
        (Some(n), Some(1)) => out.push_str(itoa::Buffer::new().format(n)),
        (Some(n), Some(d)) => {
            out.push_str(itoa::Buffer::new().format(n));
            out.push('/');
            out.push_str(itoa::Buffer::new().format(d));
        }
        _ => out.push_str(&fmt_q(x)),
    }
}

/// Appends the probability of the pure profile `prof` under `profile`, exactly; in machine
/// integers when the numbers are small (the common case), else with big rationals.
fn push_probability(out: &mut String, profile: &MixedProfile, prof: &[usize]) {
    use num_integer::Integer;
    use num_traits::ToPrimitive;
    let (mut n, mut d) = (1i128, 1i128);
    for (i, &s) in prof.iter().enumerate() {
        let Some(x) = profile.probs.get(i).and_then(|p| p.get(s)) else {
            out.push('0');
            return;
        };
        let small = x.numer().to_i64().zip(x.denom().to_i64());
        let Some((xn, xd)) = small else {
            push_q(out, &profile_probability(profile, prof));
            return;
        };
        if xn == 0 {
            out.push('0');
            return;
        }
        let (pn, pd) = (n * i128::from(xn), d * i128::from(xd));
        let g = pn.gcd(&pd);
        (n, d) = (pn / g, pd / g);
        if n.abs() > i128::from(i64::MAX) || d > i128::from(i64::MAX) {
            push_q(out, &profile_probability(profile, prof));
            return;
        }
    }
    out.push_str(itoa::Buffer::new().format(n));
    if d != 1 {
        out.push('/');
        out.push_str(itoa::Buffer::new().format(d));
    }
}

#[derive(Serialize)]
struct OutcomeJson {
    profile: Vec<String>,
    probability: String,
}

#[derive(Serialize)]
struct EquilibriumJson {
    profile: Vec<Vec<String>>,
    payoffs: Vec<String>,
    outcomes: Vec<OutcomeJson>,
}

#[derive(Serialize)]
struct TreeEquilibriumJson {
    behavior: Vec<Vec<Vec<String>>>,
    payoffs: Vec<String>,
    path: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PointEquilibriaJson {
    Normal(Vec<EquilibriumJson>),
    Tree(Vec<TreeEquilibriumJson>),
}

#[derive(Serialize)]
struct PointJson<'a> {
    point: u64,
    parameters: IndexMap<&'a str, String>,
    regime: &'a str,
    equilibria: PointEquilibriaJson,
}

/// One JSON Lines record for a grid point (with a final newline).
pub fn json_line(subject: &Subject, axes: &[Axis], point: &SweepPoint) -> String {
    let players: &[Player] = match subject {
        Subject::Normal(p) => p,
        Subject::Tree(_) => &[],
    };
    let label = |i: usize, s: usize| players.get(i).and_then(|p| p.strategies.get(s)).cloned().unwrap_or_default();
    let equilibria = match &point.equilibria {
        PointEquilibria::Normal(eqs) => PointEquilibriaJson::Normal(
            eqs.iter()
                .map(|e| EquilibriumJson {
                    profile: e.profile.probs.iter().map(|p| p.iter().map(fmt_q).collect()).collect(),
                    payoffs: e.payoffs.iter().map(fmt_q).collect(),
                    outcomes: e
                        .profile
                        .outcomes(64)
                        .0
                        .into_iter()
                        .map(|(prof, p)| OutcomeJson {
                            profile: prof.iter().enumerate().map(|(i, &s)| label(i, s)).collect(),
                            probability: fmt_q(&p),
                        })
                        .collect(),
                })
                .collect(),
        ),
        PointEquilibria::Tree(eqs) => PointEquilibriaJson::Tree(
            eqs.iter()
                .map(|e| TreeEquilibriumJson {
                    behavior: qsss(&e.behavior.probs),
                    payoffs: e.payoffs.iter().map(fmt_q).collect(),
                    path: e.path.clone(),
                })
                .collect(),
        ),
    };
    let record = PointJson {
        point: point.index,
        parameters: axes.iter().zip(&point.values).map(|(a, v)| (a.name.as_str(), fmt_q(v))).collect(),
        regime: &point.regime,
        equilibria,
    };
    // Plain strings and vectors: serializing cannot fail; should it, the line says so.
    let mut s = serde_json::to_string(&record).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The `table` format, every line at most 100 columns: the header (model, swept and fixed
/// parameters), then the regimes, numbered `R1`, `R2`, ... in order of first appearance, each with
/// where it holds (runs of consecutive values for one swept parameter, else the count and the span
/// of each parameter) and its equilibria, one a line; then one row per point with its regime's
/// number and its equilibria (strategies, or a tree's path, and payoffs), wrapped.
pub fn table(
    model: &Model,
    settings: &Settings,
    base: &[Q],
    axes: &[Axis],
    subject: &Subject,
    points: &[SweepPoint],
) -> String {
    use super::table::{narrow_grid, wrap, wrap_words};
    let mut out = String::new();
    let _ = writeln!(out, "{}", wrap_words("", &model.title, 2));
    let swept: Vec<String> = axes
        .iter()
        .map(|a| format!("{} = {}..{} ({} steps)", a.name, fmt_q(&a.start), fmt_q(&a.stop), a.steps))
        .collect();
    let _ = writeln!(out, "{}", wrap("Sweep:", &swept, 2));
    if let Some(s) = &settings.scenario {
        let _ = writeln!(out, "Scenario: {s}");
    }
    let fixed: Vec<String> = model
        .parameters
        .iter()
        .zip(base)
        .filter(|(p, _)| !axes.iter().any(|a| a.name == p.name))
        .map(|(p, v)| format!("{} = {}", p.name, fmt_q(v)))
        .collect();
    if !fixed.is_empty() {
        let _ = writeln!(out, "{}", wrap("Fixed:", &fixed, 2));
    }

    // Regimes in order of first appearance, with the points where each holds.
    let mut regimes: IndexMap<&str, Vec<usize>> = IndexMap::new();
    for (k, p) in points.iter().enumerate() {
        regimes.entry(p.regime.as_str()).or_default().push(k);
    }
    let _ = writeln!(out, "\nRegimes ({}):", regimes.len());
    for (r, (label, at)) in regimes.iter().enumerate() {
        let n = at.len();
        let mut place = format!("{n} point{}", if n == 1 { "" } else { "s" });
        if let [axis] = axes {
            let runs = runs_of(at)
                .iter()
                .map(|&(a, b)| value_span(&points[a].values[0], &points[b].values[0]))
                .collect::<Vec<_>>();
            place.push_str(&format!(": {} = {}", axis.name, runs.join(", ")));
        } else {
            let spans: Vec<String> = axes
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let lo = at.iter().map(|&k| &points[k].values[i]).min();
                    let hi = at.iter().map(|&k| &points[k].values[i]).max();
                    match (lo, hi) {
                        (Some(lo), Some(hi)) => format!("{} {}", a.name, value_span(lo, hi)),
                        _ => a.name.clone(),
                    }
                })
                .collect();
            place.push_str(&format!(" within {}", spans.join(", ")));
        }
        let tag = format!("  R{} ", r + 1);
        let _ = writeln!(out, "{}", wrap_words(&tag, &place, tag.len() + 2));
        let pad = " ".repeat(tag.len() + 2);
        for part in label.split("; ") {
            let _ = writeln!(out, "{}", wrap_words(&pad, part, tag.len() + 4));
        }
    }

    let number: IndexMap<&str, usize> = regimes.keys().enumerate().map(|(k, r)| (*r, k + 1)).collect();
    let mut header: Vec<String> = axes.iter().map(|a| a.name.clone()).collect();
    header.extend(["regime".to_string(), "equilibria (strategies -> payoffs)".to_string()]);
    let mut grid = narrow_grid(header);
    for p in points {
        let mut row: Vec<String> = p.values.iter().map(fmt_q).collect();
        row.push(number.get(p.regime.as_str()).map_or_else(String::new, |k| format!("R{k}")));
        let eqs: Vec<String> = match (&p.equilibria, subject) {
            (PointEquilibria::Normal(eqs), Subject::Normal(players)) => eqs
                .iter()
                .map(|e| {
                    let strategies: Vec<String> = players
                        .iter()
                        .zip(&e.profile.probs)
                        .map(|(pl, probs)| format!("{} {}", pl.name, mixed_text(&pl.strategies, probs)))
                        .collect();
                    let pay: Vec<String> = e.payoffs.iter().map(fmt_q).collect();
                    format!("{} -> {}", strategies.join(" | "), pay.join(", "))
                })
                .collect(),
            (PointEquilibria::Tree(eqs), Subject::Tree(tree)) => eqs
                .iter()
                .map(|e| {
                    let pay: Vec<String> = e.payoffs.iter().map(fmt_q).collect();
                    let play = equilibrium_path(e).unwrap_or_else(|| tree_equilibrium_label(tree, &e.behavior));
                    format!("{play} -> {}", pay.join(", "))
                })
                .collect(),
            _ => Vec::new(),
        };
        // Equilibria that read the same (tree SPEs that differ only off the path) once, counted.
        let mut lines: IndexMap<String, usize> = IndexMap::new();
        for e in eqs {
            *lines.entry(e).or_default() += 1;
        }
        let lines: Vec<String> = lines
            .into_iter()
            .map(|(l, n)| if n == 1 { l } else { format!("{l} (x{n}: they differ off the path)") })
            .collect();
        row.push(if lines.is_empty() { "(none)".to_string() } else { lines.join("\n") });
        grid.add_row(row);
    }
    let _ = writeln!(out, "\nPoints ({}):", points.len());
    let _ = writeln!(out, "{grid}");
    out
}

/// Runs of consecutive numbers in the increasing list `at`, as (first, last).
fn runs_of(at: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &k in at {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == k => *last = k,
            _ => runs.push((k, k)),
        }
    }
    runs
}

/// `a .. b`, or `a` when they are equal.
fn value_span(a: &Q, b: &Q) -> String {
    if a == b {
        fmt_q(a)
    } else {
        format!("{} .. {}", fmt_q(a), fmt_q(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sweep::{Grid, Sweep};

    #[test]
    fn header_and_rows_have_the_same_width() {
        let m = Model::parse("m.toml", include_str!("../../models/standoff.toml")).unwrap();
        let grid = Grid::from_specs(&m, &["us_sucker=-1:1:3".to_string()], 100).unwrap();
        let sweep = Sweep::new(&m, m.default_values(), grid, crate::solve::Method::Auto);
        let subject = Subject::of(&m, &m.default_values()).unwrap();
        let header = csv_header(&subject, &sweep.grid().axes);
        let width = header.trim_end().split(',').count();
        assert!(header.contains("outcome:Hold/Hold"), "{header}");
        for i in 0..3 {
            let rows = csv_rows(&subject, &sweep.point(i).unwrap());
            for row in rows.lines() {
                // Regime labels of 2x2 games may be quoted but hold no quotes themselves.
                let unquoted: String = row.split('"').step_by(2).collect();
                assert_eq!(unquoted.split(',').count(), width, "{row}");
            }
        }
    }

    #[test]
    fn numbers_are_written_as_fmt_q_writes_them() {
        use crate::num::frac;
        let big: Q = "123456789012345678901234567890/7".parse().unwrap();
        for x in [frac(0, 1), frac(-7982, 999), frac(5, 1), frac(i64::MAX, 3), frac(i64::MIN + 1, 1), big] {
            let mut out = String::new();
            push_q(&mut out, &x);
            assert_eq!(out, fmt_q(&x));
        }
    }

    #[test]
    fn streamed_rows_equal_row_by_row_rendering() {
        // The reused buffer of a streamed sweep gives the same bytes as one point at a time, for
        // points with one and with three equilibria and with a continuum.
        let m = Model::parse("m.toml", include_str!("../../models/standoff.toml")).unwrap();
        let specs = ["us_sucker=-1:1:5".to_string(), "dprk_standoff=-2:2:3".to_string()];
        let grid = Grid::from_specs(&m, &specs, 100).unwrap();
        let sweep = Sweep::new(&m, m.default_values(), grid, crate::solve::Method::Auto);
        let subject = Subject::of(&m, &m.default_values()).unwrap();
        let csv = SweepCsv::with_axes(&subject, &sweep.grid().axes);
        let mut streamed = String::new();
        sweep
            .stream(
                0..15,
                4,
                |points, out: &mut String| {
                    out.clear();
                    csv.push_points(points, out);
                },
                |_, text| {
                    streamed.push_str(text);
                    Ok(())
                },
                &|_| {},
            )
            .unwrap();
        let one_by_one: String = (0..15).map(|i| csv_rows(&subject, &sweep.point(i).unwrap())).collect();
        assert_eq!(streamed, one_by_one);
        assert!(streamed.lines().count() > 15, "some points have several equilibria");
    }
}
