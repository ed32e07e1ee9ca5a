//! `standoff sweep`: solve a model over a grid of parameter values.
//!
//! Output formats (all streamed chunk by chunk, so memory does not grow with the grid, except
//! `table`, which is for small sweeps):
//!
//! - `csv` (long format): a header, then one row per (grid point, equilibrium). Columns: `point`
//!   (0-based number of the grid point, last parameter fastest), one column per swept parameter
//!   (exact values), `regime`, `equilibria` (how many at this point), `equilibrium` (1-based, in
//!   the order of `standoff solve`), then exactly the columns of `standoff solve --format csv` after
//!   its `equilibrium` column: `<player>:<strategy>` probabilities and `payoff:<player>`; then, for
//!   games with at most 16 pure profiles, `outcome:<label>/<label>...`: the probability of each
//!   pure profile (e.g. `outcome:Hold/Hold`, a prolonged standoff). A point without equilibria has
//!   one row with those columns empty.
//!   For a game tree the columns after `equilibrium` are those of `standoff solve --format csv` on
//!   a tree: `<player>:<information set>:<action>` behaviour probabilities, `payoff:<player>`, and
//!   `path` (the play of a pure subgame-perfect equilibrium).
//! - `json`: JSON Lines, one object per grid point:
//!   `{"point", "parameters": {name: value}, "regime", "equilibria": [{"profile", "payoffs", "outcomes"}]}`;
//!   for a tree each equilibrium is `{"behavior", "payoffs", "path"}` (`behavior`: player →
//!   information set → action, as in `standoff solve --format json`).
//! - `table`: a table of points and a summary of regimes (at most 10,000 points).
//!
//! `--shard K/N` solves the K-th of N contiguous slices of the grid. The CSV header is written by
//! shard 1 only, so `cat shard-1.csv ... shard-N.csv` is byte for byte the output of the whole
//! sweep; JSON Lines shards concatenate the same way.

use super::solve::Method;
use super::ModelArgs;
use crate::analysis::regime::tree_equilibrium_label;
use crate::analysis::sweep::{
    parse_axis_spec, Axis, Grid, PointEquilibria, Shard, Subject, Sweep, SweepPoint, CHUNK, DEFAULT_MAX_POINTS,
};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, Player};
use crate::model::Model;
use crate::num::{fmt_q, Q};
use crate::output::{mixed_text, Output};
use clap::{value_parser, Args, ValueEnum};
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff sweep models/standoff.toml --param us_sucker=-2:4:61
  standoff sweep models/standoff.toml --param us_sucker=-2:4:61 --format csv -o sucker.csv --plot sucker.svg
  standoff sweep models/standoff.toml --param us_sucker=-5:5:201 --param dprk_standoff=-8:2:201 --plot map.png
  standoff sweep models/standoff.toml --param us_sucker=-5:5:1000 --param dprk_standoff=-8:2:1000 \\
      --format csv --shard 3/8 -o part-3.csv";

/// Largest sweep printed as a table.
pub const MAX_TABLE_POINTS: u64 = 10_000;

/// Most pure profiles for which `outcome:` columns are written.
pub const MAX_OUTCOME_COLUMNS: usize = 16;

/// Output formats of `sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// a readable table of points and a summary of regimes (small sweeps)
    Table,
    /// CSV, one row per grid point and equilibrium (streamed)
    Csv,
    /// JSON Lines, one object per grid point (streamed)
    Json,
}

/// Raw arguments of `standoff sweep`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct SweepArgs {
    /// The model and the values of the parameters that are not swept.
    #[command(flatten)]
    pub model: ModelArgs,
    /// A swept parameter: STEPS exact values from START to STOP inclusive (repeatable; the last varies fastest).
    #[arg(long = "param", value_name = "NAME=START:STOP:STEPS", required = true)]
    pub params: Vec<String>,
    /// Solution method.
    #[arg(long, value_enum, default_value_t = Method::Auto)]
    pub method: Method,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SweepFormat::Table)]
    pub format: SweepFormat,
    /// Solve only slice K of N of the grid (contiguous; shard outputs concatenate to the whole).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Refuse sweeps with more than N grid points.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_POINTS, value_parser = value_parser!(u64).range(1..))]
    pub max_points: u64,
    /// Draw a chart to FILE (.svg or .png): one parameter: probabilities and payoffs; two: a regime map.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Loads the model of `args` (a TOML model is required: `.nfg` games have no parameters).
pub fn load_model(args: &ModelArgs) -> Result<Model> {
    let path = &args.model;
    let file = path.display().to_string();
    let is_toml = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !is_toml {
        return Err(Error::Usage(format!("{file}: sweeps need a `.toml` model with parameters")));
    }
    let src = fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?;
    Model::parse(&file, &src)
}

/// Quotes a CSV field if it contains a comma, quote, or line break (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

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

/// The CSV header of a sweep of `subject` over `axes` (with a final newline).
pub fn csv_header(subject: &Subject, axes: &[Axis]) -> String {
    let mut h = vec!["point".to_string()];
    h.extend(axes.iter().map(|a| csv_field(&a.name)));
    h.extend(["regime", "equilibria", "equilibrium"].map(String::from));
    match subject {
        Subject::Normal(players) => {
            for p in players {
                h.extend(p.strategies.iter().map(|s| csv_field(&format!("{}:{s}", p.name))));
            }
            h.extend(players.iter().map(|p| csv_field(&format!("payoff:{}", p.name))));
            for prof in outcome_profiles(players) {
                let labels: Vec<&str> = prof.iter().zip(players).map(|(&s, p)| p.strategies[s].as_str()).collect();
                h.push(csv_field(&format!("outcome:{}", labels.join("/"))));
            }
        }
        Subject::Tree(tree) => {
            for (i, name) in tree.players().iter().enumerate() {
                for (k, actions) in tree.player_actions(i).iter().enumerate() {
                    let set = tree.infoset_name(i, k);
                    h.extend(actions.iter().map(|a| csv_field(&format!("{name}:{set}:{a}"))));
                }
            }
            h.extend(tree.players().iter().map(|p| csv_field(&format!("payoff:{p}"))));
            h.push("path".into());
        }
    }
    let mut out = h.join(",");
    out.push('\n');
    out
}

/// Number of CSV columns after `equilibrium`.
fn value_columns(subject: &Subject) -> usize {
    match subject {
        Subject::Normal(players) => {
            players.iter().map(|p| p.strategies.len() + 1).sum::<usize>() + outcome_profiles(players).len()
        }
        Subject::Tree(tree) => {
            let actions: usize = (0..tree.num_players()).flat_map(|i| tree.player_actions(i)).map(|a| a.len()).sum();
            actions + tree.num_players() + 1
        }
    }
}

/// The probability of the pure profile `prof` under `profile`.
fn profile_probability(profile: &MixedProfile, prof: &[usize]) -> Q {
    prof.iter()
        .enumerate()
        .map(|(i, &s)| profile.probs.get(i).and_then(|p| p.get(s)).cloned().unwrap_or_default())
        .product()
}

/// Appends `x` as [`fmt_q`] would write it, without big-integer formatting when it fits in `i64`.
fn push_q(out: &mut String, x: &Q) {
    use num_traits::ToPrimitive;
    match (x.numer().to_i64(), x.denom().to_i64()) {
        (Some(n), Some(1)) => {
            let _ = write!(out, "{n}");
        }
        (Some(n), Some(d)) => {
            let _ = write!(out, "{n}/{d}");
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
    if d == 1 {
        let _ = write!(out, "{n}");
    } else {
        let _ = write!(out, "{n}/{d}");
    }
}

/// The CSV rows of one grid point (see the module docs).
pub fn csv_rows(subject: &Subject, point: &SweepPoint) -> String {
    let mut prefix = point.index.to_string();
    for v in &point.values {
        prefix.push(',');
        push_q(&mut prefix, v);
    }
    prefix.push(',');
    prefix.push_str(&csv_field(&point.regime));
    let _ = write!(prefix, ",{}", point.equilibria.len());
    let mut out = String::new();
    if point.equilibria.is_empty() {
        out.push_str(&prefix);
        out.push_str(&",".repeat(value_columns(subject) + 1));
        out.push('\n');
    }
    match (&point.equilibria, subject) {
        (PointEquilibria::Normal(eqs), Subject::Normal(players)) => {
            let outcomes = outcome_profiles(players);
            for (k, eq) in eqs.iter().enumerate() {
                out.push_str(&prefix);
                let _ = write!(out, ",{}", k + 1);
                for x in eq.profile.probs.iter().flatten().chain(&eq.payoffs) {
                    out.push(',');
                    push_q(&mut out, x);
                }
                for prof in &outcomes {
                    out.push(',');
                    push_probability(&mut out, &eq.profile, prof);
                }
                out.push('\n');
            }
        }
        (PointEquilibria::Tree(eqs), _) => {
            for (k, eq) in eqs.iter().enumerate() {
                out.push_str(&prefix);
                let _ = write!(out, ",{}", k + 1);
                for x in eq.behavior.probs.iter().flatten().flatten().chain(&eq.payoffs) {
                    out.push(',');
                    push_q(&mut out, x);
                }
                out.push(',');
                out.push_str(&csv_field(&eq.path.as_ref().map_or(String::new(), |p| p.join(" > "))));
                out.push('\n');
            }
        }
        // A normal-form answer for a tree subject (or the reverse) cannot happen: both come from
        // the same model.
        _ => {}
    }
    out
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
                    behavior: e
                        .behavior
                        .probs
                        .iter()
                        .map(|p| p.iter().map(|h| h.iter().map(fmt_q).collect()).collect())
                        .collect(),
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
    let mut s = serde_json::to_string(&record).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Checks the `--param` specifications against the model and builds the grid.
pub fn build_grid(model: &Model, specs: &[String], max_points: u64) -> Result<Grid> {
    let axes = specs
        .iter()
        .map(|s| {
            let (name, start, stop, steps) = parse_axis_spec(s, None)?;
            Axis::new(model, &name, start, stop, steps)
        })
        .collect::<Result<Vec<_>>>()?;
    Grid::new(axes, max_points)
}

/// A progress bar on stderr for sweeps of at least this many points (only on a terminal).
const PROGRESS_MIN_POINTS: u64 = 20_000;

fn progress_bar(len: u64) -> Option<indicatif::ProgressBar> {
    if len < PROGRESS_MIN_POINTS || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(len), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} points, {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Runs `standoff sweep`.
pub fn run(args: &SweepArgs, stdout: &mut dyn Write) -> Result<()> {
    let model = load_model(&args.model)?;
    let settings = args.model.settings()?;
    let base = model.values(&settings)?;
    let grid = build_grid(&model, &args.params, args.max_points)?;
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    if shard.is_some() && args.plot.is_some() {
        return Err(Error::Usage("--plot needs the whole grid; drop --shard (or plot the joined CSV later)".into()));
    }
    if let Some(p) = &args.plot {
        crate::plot::sweep::check_extension(p)?;
        if grid.axes.len() > 2 {
            return Err(Error::Usage("--plot draws sweeps of one or two parameters".into()));
        }
    }
    let range = shard.map_or(0..grid.total, |s| s.range(grid.total));
    if args.format == SweepFormat::Table && range.end - range.start > MAX_TABLE_POINTS {
        return Err(Error::Usage(format!(
            "the sweep has {} points; the table format shows at most {MAX_TABLE_POINTS}: use --format csv or json",
            range.end - range.start
        )));
    }
    let sweep = Sweep::new(&model, base.clone(), grid, args.method.name());
    let subject = Subject::of(&model, &base)?;
    let axes = sweep.grid().axes.clone();
    let mut sink = Output::open(args.output.as_deref(), stdout)?;
    let mut plot = args.plot.as_ref().map(|_| crate::plot::sweep::SweepData::new(&axes, &subject));
    let mut table_points: Vec<SweepPoint> = Vec::new();
    let bar = progress_bar(range.end - range.start);
    let first_shard = shard.is_none_or(|s| s.k == 1);
    let result = (|| -> Result<()> {
        if args.format == SweepFormat::Csv && first_shard {
            sink.write_str(&csv_header(&subject, &axes))?;
        }
        let tick = |done: u64| {
            if let Some(b) = &bar {
                b.set_position(done);
            }
        };
        sweep.run(
            range.clone(),
            CHUNK,
            |points| {
                if let Some(p) = plot.as_mut() {
                    p.add(points);
                }
                match args.format {
                    SweepFormat::Table => table_points.extend_from_slice(points),
                    SweepFormat::Csv | SweepFormat::Json => {
                        let parts: Vec<String> = points
                            .par_iter()
                            .map(|pt| match args.format {
                                SweepFormat::Csv => csv_rows(&subject, pt),
                                _ => json_line(&subject, &axes, pt),
                            })
                            .collect();
                        for part in &parts {
                            sink.write_str(part)?;
                        }
                    }
                }
                Ok(())
            },
            &tick,
        )?;
        if args.format == SweepFormat::Table {
            sink.write_str(&table(&model, &settings, &base, &axes, &subject, &table_points))?;
        }
        Ok(())
    })();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // On error the sink is dropped: a file's temporary is removed, the old file stays.
    result?;
    sink.finish()?;
    if let (Some(path), Some(data)) = (&args.plot, plot) {
        let boundaries = if axes.len() == 1 {
            let a = &axes[0];
            crate::analysis::thresholds::thresholds(
                &model,
                &base,
                a.index,
                &a.start,
                &a.stop,
                a.steps.clamp(2, 200),
                args.method.name(),
            )
            .map(|t| t.boundaries)
            .unwrap_or_default()
        } else {
            Vec::new()
        };
        crate::plot::sweep::draw(&data, &boundaries, &model.title, path)?;
    }
    Ok(())
}

/// The table rendering: one row per point, then the regimes with how many points each covers.
fn table(
    model: &Model,
    settings: &crate::model::Settings,
    base: &[Q],
    axes: &[Axis],
    subject: &Subject,
    points: &[SweepPoint],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", model.title);
    let swept: Vec<String> = axes
        .iter()
        .map(|a| format!("{} = {}..{} ({} steps)", a.name, fmt_q(&a.start), fmt_q(&a.stop), a.steps))
        .collect();
    let _ = writeln!(out, "Sweep: {}", swept.join(", "));
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
        let _ = writeln!(out, "Fixed: {}", fixed.join(", "));
    }
    out.push('\n');
    let mut grid = comfy_table::Table::new();
    grid.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    let mut header: Vec<String> = axes.iter().map(|a| a.name.clone()).collect();
    header.extend(["regime".to_string(), "equilibria (strategies -> payoffs)".to_string()]);
    grid.set_header(header);
    for p in points {
        let mut row: Vec<String> = p.values.iter().map(fmt_q).collect();
        row.push(p.regime.replace("; ", ";\n"));
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
                    format!("{} -> {}", tree_equilibrium_label(tree, &e.behavior), pay.join(", "))
                })
                .collect(),
            _ => Vec::new(),
        };
        row.push(eqs.join("\n"));
        grid.add_row(row);
    }
    let _ = writeln!(out, "{grid}");
    let mut counts: IndexMap<&str, usize> = IndexMap::new();
    for p in points {
        *counts.entry(p.regime.as_str()).or_default() += 1;
    }
    let _ = writeln!(out, "\nRegimes ({}):", counts.len());
    for (r, n) in counts {
        let _ = writeln!(out, "  {n:>6} point{}  {r}", if n == 1 { " " } else { "s" });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_rows_have_the_same_width() {
        let m = Model::parse("m.toml", include_str!("../../models/standoff.toml")).unwrap();
        let grid = build_grid(&m, &["us_sucker=-1:1:3".to_string()], 100).unwrap();
        let sweep = Sweep::new(&m, m.default_values(), grid, "auto");
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
}
