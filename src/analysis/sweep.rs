//! Parameter sweeps: solve a model at every point of an exact rational grid.
//!
//! An [`Axis`] is one swept parameter with `steps` evenly spaced exact values from `start` to
//! `stop` inclusive (`0:1:11` gives 0, 1/10, ..., 1). A [`Grid`] is the product of the axes; its
//! points are numbered in row-major order (the first axis varies slowest, the last fastest). A
//! [`Sweep`] solves the model at grid points in chunks, in parallel (rayon, a batch of chunks at a
//! time, each chunk solved and rendered by one worker into a buffer it reuses) and hands the chunks
//! to a sink in grid order ([`Sweep::stream`]): memory does not grow with the grid, the output does
//! not depend on the number of threads, and the next batch is solved while the sink writes this one.
//! A sink that fails (a closed pipe) stops the workers after the batch in progress. [`Shard`] picks a contiguous slice of the points, so shards
//! concatenate into the whole sweep.
//!
//! Every point is solved exactly and verified. For two-player 2x2 games with the `enum`/`auto`
//! method there is a fast path (`crate::solve::closed_form`) used when the game is non-degenerate (no player is
//! indifferent between its two strategies against a pure strategy of the other): it computes the
//! same equilibria as vertex enumeration, in the same order, and checks each one exactly
//! (strict best responses for pure equilibria, exact indifference for the mixed one). Degenerate
//! points go through [`crate::solve::solve`].
//!
//! The sweep works on anything that implements [`PointModel`]: a [`Model`], normal form or tree.
//! Trees are solved with [`crate::solve::tree::solve_tree`] (default method `spe`) and labelled
//! with `super::regime::tree_regime_label`.

use super::regime::{regime_label, tree_regime_label, ClassCache};
use crate::error::{Error, Result};
use crate::game::tree::Tree;
use crate::game::{NormalForm, Player};
use crate::model::{Body, Model};
use crate::num::{fmt_q, parse_q, Q};
use crate::solve::closed_form::{equilibria_2x2, equilibria_2x2_int, solve_2x2};
use crate::solve::tree::{solve_tree, TreeEquilibrium};
use crate::solve::Method;
use crate::solve::{self, Equilibrium, Solution, SolveOptions};
use rayon::prelude::*;
use std::ops::Range;

/// The default cap on the number of grid points of a sweep.
pub const DEFAULT_MAX_POINTS: u64 = 100_000_000;

/// Points solved per chunk: the unit of parallel work and of memory use.
pub const CHUNK: usize = 4096;

/// One swept parameter: `steps` exact values from `start` to `stop`, inclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The parameter's name.
    pub name: String,
    /// Its index in the model's parameters.
    pub index: usize,
    /// First value.
    pub start: Q,
    /// Last value.
    pub stop: Q,
    /// Number of values (at least 1).
    pub steps: usize,
    values: Vec<Q>,
}

/// The most values one axis may have.
pub const MAX_STEPS_PER_AXIS: usize = 10_000_000;

/// Parses `NAME=START:STOP:STEPS` (or `NAME=START:STOP` when `default_steps` is given) into
/// name, start, stop and steps. Values are exact numbers (`-7/2`, `0.25`).
pub fn parse_axis_spec(spec: &str, default_steps: Option<usize>) -> Result<(String, Q, Q, usize)> {
    let form = if default_steps.is_some() { "NAME=START:STOP" } else { "NAME=START:STOP:STEPS" };
    let usage =
        |why: String| Error::InvalidOption(format!("--param {spec}: {why}; expected {form}, e.g. us_sucker=-2:4:61"));
    let Some((name, range)) = spec.split_once('=') else {
        return Err(usage("no `=`".into()));
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(usage("no parameter name".into()));
    }
    let parts: Vec<&str> = range.split(':').collect();
    let (start, stop, steps) = match (parts.as_slice(), default_steps) {
        ([a, b, s], _) => {
            let steps: usize = s
                .trim()
                .parse()
                .map_err(|_| usage(format!("the number of steps `{}` is not a whole number", s.trim())))?;
            (*a, *b, steps)
        }
        ([a, b], Some(d)) => (*a, *b, d),
        _ => {
            return Err(usage(format!(
                "`{range}` is not START:STOP{}",
                if default_steps.is_some() { "" } else { ":STEPS" }
            )))
        }
    };
    let start = parse_q(start).map_err(|e| usage(format!("start: {}", e.0)))?;
    let stop = parse_q(stop).map_err(|e| usage(format!("stop: {}", e.0)))?;
    Ok((name.to_string(), start, stop, steps))
}

impl Axis {
    /// Checks an axis against `model`: a known parameter, a non-empty range inside the declared
    /// range, at least one step (exactly one if `start == stop`).
    pub fn new(model: &Model, name: &str, start: Q, stop: Q, steps: usize) -> Result<Axis> {
        let Some(index) = model.parameter_index(name) else {
            let known: Vec<&str> = model.parameters.iter().map(|p| p.name.as_str()).collect();
            let msg =
                crate::model::expr::unknown_name_message(name, &known).replacen("unknown name", "unknown parameter", 1);
            return Err(Error::Parameter(format!("--param {name}: {msg}")));
        };
        let usage = |why: String| {
            Error::InvalidOption(format!("--param {name}={}:{}:{steps}: {why}", fmt_q(&start), fmt_q(&stop)))
        };
        if steps == 0 {
            return Err(usage("zero steps; STEPS is the number of points, at least 1".into()));
        }
        if steps > MAX_STEPS_PER_AXIS {
            return Err(usage(format!("more than {MAX_STEPS_PER_AXIS} steps on one parameter")));
        }
        if start > stop {
            return Err(usage("the range is empty (START is greater than STOP)".into()));
        }
        if start == stop && steps != 1 {
            return Err(usage("START equals STOP, so the only point is START; use 1 step".into()));
        }
        if start != stop && steps == 1 {
            return Err(usage("one step gives only START; use at least 2 steps to reach STOP".into()));
        }
        if let Some((lo, hi)) = &model.parameters[index].range {
            if start < *lo || stop > *hi {
                return Err(usage(format!(
                    "the range leaves the declared range of `{name}`, which is [{}, {}]",
                    fmt_q(lo),
                    fmt_q(hi)
                )));
            }
        }
        let values = if steps == 1 {
            vec![start.clone()]
        } else {
            let width = &stop - &start;
            let last = Q::from_integer((steps - 1).into());
            (0..steps).map(|k| &start + &width * Q::from_integer(k.into()) / &last).collect()
        };
        Ok(Axis { name: name.to_string(), index, start, stop, steps, values })
    }

    /// The exact values of the axis, in order.
    pub fn values(&self) -> &[Q] {
        &self.values
    }
}

/// A product of axes: the points of a sweep, numbered row-major (last axis fastest).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The swept parameters, in the order given.
    pub axes: Vec<Axis>,
    /// Number of points.
    pub total: u64,
}

impl Grid {
    /// A grid over `axes` (at least one, distinct parameters), refused if it has more than
    /// `max_points` points.
    pub fn new(axes: Vec<Axis>, max_points: u64) -> Result<Grid> {
        if axes.is_empty() {
            return Err(Error::InvalidOption(
                "nothing to sweep: give at least one --param NAME=START:STOP:STEPS".into(),
            ));
        }
        for (k, a) in axes.iter().enumerate() {
            if axes[..k].iter().any(|b| b.index == a.index) {
                return Err(Error::InvalidOption(format!("--param {} is given twice", a.name)));
            }
        }
        let mut total: u64 = 1;
        for a in &axes {
            total = total.checked_mul(a.steps as u64).filter(|&t| t <= max_points).ok_or_else(|| {
                let sizes: Vec<String> = axes.iter().map(|a| a.steps.to_string()).collect();
                Error::TooLarge(format!(
                    "the sweep has {} points, more than the cap of {max_points}; use fewer steps, \
                     split it with --shard, or raise --max-points",
                    sizes.join(" x ")
                ))
            })?;
        }
        Ok(Grid { axes, total })
    }

    /// The grid of `--param NAME=START:STOP:STEPS` specifications, checked against `model`.
    pub fn from_specs(model: &Model, specs: &[String], max_points: u64) -> Result<Grid> {
        let axes = specs
            .iter()
            .map(|s| {
                let (name, start, stop, steps) = parse_axis_spec(s, None)?;
                Axis::new(model, &name, start, stop, steps)
            })
            .collect::<Result<Vec<_>>>()?;
        Grid::new(axes, max_points)
    }

    /// The axis coordinates of point `i` (one index per axis).
    pub fn coords(&self, mut i: u64) -> Vec<usize> {
        let mut out = vec![0usize; self.axes.len()];
        for (k, a) in self.axes.iter().enumerate().rev() {
            let s = a.steps as u64;
            out[k] = (i % s) as usize;
            i /= s;
        }
        out
    }

    /// The swept values at point `i`, one per axis.
    pub fn point_values(&self, i: u64) -> Vec<Q> {
        self.coords(i).iter().zip(&self.axes).map(|(&c, a)| a.values[c].clone()).collect()
    }
}

/// A slice `k` of `n` (1-based) of a sweep's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, 1..=n.
    pub k: u64,
    /// Number of slices.
    pub n: u64,
}

impl Shard {
    /// Parses `K/N` with `1 <= K <= N`.
    pub fn parse(s: &str) -> Result<Shard> {
        let bad = || Error::InvalidOption(format!("--shard {s}: expected K/N with 1 <= K <= N, e.g. --shard 2/8"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u64 = k.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }

    /// The points of this shard out of `total`: the contiguous range
    /// `[total*(k-1)/n, total*k/n)`. The shards 1..=n partition `0..total` in order.
    pub fn range(&self, total: u64) -> Range<u64> {
        let cut = |j: u64| ((total as u128 * j as u128) / self.n as u128) as u64;
        cut(self.k - 1)..cut(self.k)
    }
}

/// The equilibria found at one grid point.
#[derive(Debug, Clone, PartialEq)]
pub enum PointEquilibria {
    /// Equilibria of a normal-form game.
    Normal(Vec<Equilibrium>),
    /// Equilibria of a game tree, in behaviour strategies.
    Tree(Vec<TreeEquilibrium>),
}

impl PointEquilibria {
    /// How many equilibria.
    pub fn len(&self) -> usize {
        match self {
            PointEquilibria::Normal(e) => e.len(),
            PointEquilibria::Tree(e) => e.len(),
        }
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The equilibria of a normal-form game (empty for a tree).
    pub fn normal(&self) -> &[Equilibrium] {
        match self {
            PointEquilibria::Normal(e) => e,
            PointEquilibria::Tree(_) => &[],
        }
    }
}

/// The answer at one grid point.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepPoint {
    /// The point's number in the whole grid (0-based).
    pub index: u64,
    /// The swept parameters' values, one per axis.
    pub values: Vec<Q>,
    /// The regime label (see `super::regime`).
    pub regime: String,
    /// The equilibria, in the solver's order (the order of `standoff solve`).
    pub equilibria: PointEquilibria,
}

/// What the rows of a sweep describe: a normal form's players and strategies, or a tree's
/// players and information sets (the structure does not change with the parameters).
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A normal-form game's players.
    Normal(Vec<Player>),
    /// A game tree, evaluated at the base values.
    Tree(Box<Tree>),
}

impl Subject {
    /// The structure of `model` at parameter values `base`.
    pub fn of(model: &Model, base: &[Q]) -> Result<Subject> {
        match model.body() {
            Body::Normal(b) => Ok(Subject::Normal(b.players.clone())),
            _ => Ok(Subject::Tree(Box::new(model.evaluate_tree(base)?))),
        }
    }

    /// The player names.
    pub fn player_names(&self) -> Vec<String> {
        match self {
            Subject::Normal(p) => p.iter().map(|p| p.name.clone()).collect(),
            Subject::Tree(t) => t.players().to_vec(),
        }
    }
}

/// Something a sweep can solve at given parameter values: a normal-form or tree [`Model`].
pub trait PointModel: Sync {
    /// Solves at full parameter values (one per model parameter): equilibria and regime.
    fn solve_at(&self, values: &[Q], method: Method, classes: &ClassCache) -> Result<(PointEquilibria, String)>;
}

impl PointModel for Model {
    fn solve_at(&self, values: &[Q], method: Method, classes: &ClassCache) -> Result<(PointEquilibria, String)> {
        let players = match self.body() {
            Body::Normal(b) => &b.players,
            _ => {
                let tree = self.evaluate_tree(values)?;
                let (eqs, regime) = solve_tree_point(&tree, method)?;
                return Ok((PointEquilibria::Tree(eqs), regime));
            }
        };
        if matches!(method, Method::Auto | Method::Enum) {
            // The fast path: payoffs straight from the expressions, equilibria in closed form, and
            // the regime label memoised by the ordinal pattern of the payoffs, which determines it
            // for non-degenerate 2x2 games (equilibria and class depend only on each player's
            // comparisons of its own payoffs).
            if let Some(flat) = flat_payoffs_2x2(self, values) {
                if let Some((eqs, key)) = equilibria_2x2_int(&flat) {
                    let regime = classes.fast_regime_by_key(key, || fresh_label(players, &flat, &eqs, classes));
                    if let Some(regime) = regime {
                        return Ok((PointEquilibria::Normal(eqs), regime));
                    }
                }
                if let Some(eqs) = equilibria_2x2(&flat) {
                    let regime = classes.fast_regime(&flat, || fresh_label(players, &flat, &eqs, classes));
                    if let Some(regime) = regime {
                        return Ok((PointEquilibria::Normal(eqs), regime));
                    }
                }
            }
        }
        let game = self.evaluate(values)?;
        let (eqs, regime) = solve_game(&game, method, classes)?;
        Ok((PointEquilibria::Normal(eqs), regime))
    }
}

/// Solves one tree exactly (`auto` is the tree's default method) and labels its regime.
pub fn solve_tree_point(tree: &Tree, method: Method) -> Result<(Vec<TreeEquilibrium>, String)> {
    let solution = solve_tree(tree, method, &SolveOptions::default())?;
    let regime = tree_regime_label(tree, &solution);
    Ok((solution.equilibria, regime))
}

/// Solves one game exactly (with the 2x2 fast path when it applies) and labels its regime.
pub fn solve_game(game: &NormalForm, method: Method, classes: &ClassCache) -> Result<(Vec<Equilibrium>, String)> {
    let fast =
        if matches!(method, Method::Auto | Method::Enum) && game.shape() == [2, 2] { solve_2x2(game) } else { None };
    let solution = match fast {
        Some(s) => s,
        None => solve::solve(game, method, &SolveOptions::default())?,
    };
    let class = classes.class_name(game);
    let regime = regime_label(game, &solution, class.as_deref());
    Ok((solution.equilibria, regime))
}

/// The regime label of a 2x2 game given by its flat payoffs and its (already verified) equilibria,
/// computed from scratch; the fast path caches it by the payoffs' ordinal pattern.
fn fresh_label(players: &[Player], flat: &[Q], eqs: &[Equilibrium], classes: &ClassCache) -> Option<String> {
    let game = NormalForm::from_flat("", players.to_vec(), flat.to_vec()).ok()?;
    let solution = Solution {
        method: crate::solve::Method::Enum,
        exact: true,
        complete: true,
        equilibria: eqs.to_vec(),
        components: Vec::new(),
        notes: Vec::new(),
    };
    Some(regime_label(&game, &solution, classes.class_name(&game).as_deref()))
}

/// The payoffs of a 2x2 model at `values`, evaluated straight from its expressions (no game is
/// built); `None` if the model is not 2x2 or an expression fails (the caller then goes the
/// long way, which reports the error).
fn flat_payoffs_2x2(model: &Model, values: &[Q]) -> Option<Vec<Q>> {
    let Body::Normal(body) = model.body() else { return None };
    if body.players.len() != 2
        || body.players.iter().any(|p| p.strategies.len() != 2)
        || values.len() != model.parameters.len()
    {
        return None;
    }
    if model.derived_exprs.is_empty() {
        return body.payoffs.iter().map(|pe| pe.expr.eval(values).ok()).collect();
    }
    let mut env: Vec<Q> = values.to_vec();
    for pe in &model.derived_exprs {
        env.push(pe.expr.eval(&env).ok()?);
    }
    body.payoffs.iter().map(|pe| pe.expr.eval(&env).ok()).collect()
}

/// A sweep of a model over a grid, with the other parameters fixed.
pub struct Sweep<'a, M: PointModel + ?Sized> {
    model: &'a M,
    base: Vec<Q>,
    grid: Grid,
    method: Method,
    classes: ClassCache,
}

impl<'a, M: PointModel + ?Sized> Sweep<'a, M> {
    /// A sweep of `model` over `grid`; `base` holds every parameter's value (the swept ones are
    /// replaced at each point), `method` is a solver name or `auto`.
    pub fn new(model: &'a M, base: Vec<Q>, grid: Grid, method: Method) -> Sweep<'a, M> {
        Sweep { model, base, grid, method, classes: ClassCache::new() }
    }

    /// The grid.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The model.
    pub fn model(&self) -> &M {
        self.model
    }

    /// Solves grid point `i`.
    pub fn point(&self, i: u64) -> Result<SweepPoint> {
        self.point_with(i, &mut self.base.clone())
    }

    /// Solves grid point `i`; `values` holds every parameter's value and is updated in place
    /// (the swept parameters change from point to point, the others stay as in `base`).
    fn point_with(&self, i: u64, values: &mut [Q]) -> Result<SweepPoint> {
        let mut rest = i;
        let mut swept = Vec::with_capacity(self.grid.axes.len());
        for a in self.grid.axes.iter().rev() {
            let s = a.steps as u64;
            let v = &a.values[(rest % s) as usize];
            rest /= s;
            if let Some(slot) = values.get_mut(a.index) {
                slot.clone_from(v);
            }
            swept.push(v.clone());
        }
        swept.reverse();
        let (equilibria, regime) = self.model.solve_at(values, self.method, &self.classes).map_err(|e| {
            let at: Vec<String> =
                self.grid.axes.iter().zip(&swept).map(|(a, v)| format!("{} = {}", a.name, fmt_q(v))).collect();
            match e {
                Error::Model(m) => Error::Model(m),
                Error::Parameter(s) => Error::Parameter(format!("at {}: {s}", at.join(", "))),
                Error::InvalidOption(s) => Error::InvalidOption(format!("at {}: {s}", at.join(", "))),
                Error::Unsupported { method, reason } => {
                    Error::Unsupported { method, reason: format!("{reason} (at {})", at.join(", ")) }
                }
                Error::TooLarge(s) => Error::TooLarge(format!("at {}: {s}", at.join(", "))),
                Error::Game(s) => Error::Game(format!("at {}: {s}", at.join(", "))),
                other => other,
            }
        })?;
        Ok(SweepPoint { index: i, values: swept, regime, equilibria })
    }

    /// Solves the points in `range` in ordered chunks of `chunk` points, in parallel within a
    /// chunk, and hands each chunk, in order, to `sink`; `progress` is told how many points are
    /// done after each chunk. The first error (in point order) stops the sweep.
    pub fn run(
        &self,
        range: Range<u64>,
        chunk: usize,
        mut sink: impl FnMut(&[SweepPoint]) -> Result<()>,
        progress: &dyn Fn(u64),
    ) -> Result<()> {
        self.stream(range, chunk, |_, _: &mut ()| {}, |points, _| sink(points), progress)
    }

    /// Solves the points in `range` and renders them, in parallel, and hands them to `sink` in
    /// grid order.
    ///
    /// The range is cut into chunks of `chunk` points; a batch of chunks (two per thread) is solved
    /// at a time, each chunk by one worker, which then calls `render` on the chunk's points with
    /// the chunk's buffer (reused from batch to batch: `render` replaces its contents). `sink` gets
    /// each chunk's points and buffer in order, on the calling thread, while the workers solve the
    /// next batch; `progress` is told how many points are done after each chunk. The first error
    /// (a point that cannot be solved, in point order, or an error of `sink`) stops the sweep:
    /// the workers finish the batch in progress and stop.
    pub fn stream<B, R, S>(
        &self,
        range: Range<u64>,
        chunk: usize,
        render: R,
        mut sink: S,
        progress: &dyn Fn(u64),
    ) -> Result<()>
    where
        B: Default + Send,
        R: Fn(&[SweepPoint], &mut B) + Sync,
        S: FnMut(&[SweepPoint], &B) -> Result<()>,
    {
        use std::sync::mpsc;
        let chunk = chunk.max(1) as u64;
        let per_batch = 2 * rayon::current_num_threads().max(1);
        // Three batches circulate: one being solved, one waiting, one being written. Reusing them
        // keeps the buffers' memory (no page faults for fresh buffers on every batch).
        let (full_tx, full_rx) = mpsc::sync_channel::<Vec<Chunk<B>>>(1);
        let (empty_tx, empty_rx) = mpsc::channel::<Vec<Chunk<B>>>();
        for _ in 0..3 {
            // The receiver is alive: it is used below.
            let _ = empty_tx.send(std::iter::repeat_with(Chunk::default).take(per_batch).collect());
        }
        std::thread::scope(|scope| {
            // Owned here, so that an early return (a failed sink) drops it and a solving thread
            // waiting for an empty batch stops.
            let empty_tx = empty_tx;
            let render = &render;
            let end = range.end;
            let mut next = range.start;
            scope.spawn(move || {
                while next < end {
                    // No batch comes back once the sink has failed: stop.
                    let Ok(mut batch) = empty_rx.recv() else { return };
                    for c in batch.iter_mut() {
                        let stop = end.min(next.saturating_add(chunk));
                        c.range = next..stop;
                        next = stop;
                    }
                    batch.par_iter_mut().for_each(|c| self.solve_chunk(c, render));
                    let failed = batch.iter().any(|c| c.error.is_some());
                    if full_tx.send(batch).is_err() || failed {
                        return;
                    }
                }
            });
            for mut batch in full_rx {
                for c in batch.iter_mut() {
                    if c.range.is_empty() {
                        continue;
                    }
                    if !c.points.is_empty() {
                        sink(&c.points, &c.out)?;
                    }
                    if let Some(e) = c.error.take() {
                        return Err(e);
                    }
                    progress(c.range.end - range.start);
                }
                // The solving thread may have finished: then the batch is simply dropped.
                let _ = empty_tx.send(batch);
            }
            Ok(())
        })
    }

    /// Solves the points of `c.range` in order (stopping at the first error) and renders them.
    fn solve_chunk<B>(&self, c: &mut Chunk<B>, render: &(impl Fn(&[SweepPoint], &mut B) + Sync)) {
        c.points.clear();
        c.error = None;
        if c.range.is_empty() {
            return;
        }
        let mut values = self.base.clone();
        for i in c.range.clone() {
            match self.point_with(i, &mut values) {
                Ok(p) => c.points.push(p),
                Err(e) => {
                    c.error = Some(e);
                    break;
                }
            }
        }
        render(&c.points, &mut c.out);
    }
}

/// A chunk of grid points in flight: solved and rendered by one worker, reused between batches.
#[derive(Default)]
struct Chunk<B> {
    range: Range<u64>,
    points: Vec<SweepPoint>,
    out: B,
    error: Option<Error>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    const STANDOFF: &str = include_str!("../../models/standoff.toml");

    fn model() -> Model {
        Model::parse("standoff.toml", STANDOFF).unwrap()
    }

    #[test]
    fn exact_grid_values() {
        let m = model();
        let a = Axis::new(&m, "us_sucker", q(0), q(1), 11).unwrap();
        assert_eq!(a.values().len(), 11);
        assert_eq!(a.values()[1], frac(1, 10));
        assert_eq!(a.values()[10], q(1));
        let one = Axis::new(&m, "us_sucker", q(2), q(2), 1).unwrap();
        assert_eq!(one.values(), &[q(2)]);
    }

    #[test]
    fn bad_ranges_are_refused() {
        let m = model();
        let err = |r: Result<Axis>| r.unwrap_err().to_string();
        assert!(err(Axis::new(&m, "us_sucker", q(1), q(0), 5)).contains("empty"));
        assert!(err(Axis::new(&m, "us_sucker", q(0), q(1), 0)).contains("zero steps"));
        assert!(err(Axis::new(&m, "us_sucker", q(0), q(1), 1)).contains("at least 2"));
        assert!(err(Axis::new(&m, "us_sucker", q(0), q(0), 3)).contains("1 step"));
        assert!(err(Axis::new(&m, "us_sucker", q(-11), q(0), 3)).contains("[-10, 10]"));
        assert!(err(Axis::new(&m, "us_sucer", q(0), q(1), 3)).contains("did you mean `us_sucker`"));
    }

    #[test]
    fn parses_specs() {
        let (n, a, b, s) = parse_axis_spec("us_sucker=-7/2:0.5:9", None).unwrap();
        assert_eq!((n.as_str(), a, b, s), ("us_sucker", frac(-7, 2), frac(1, 2), 9));
        assert!(parse_axis_spec("us_sucker=0:1", None).is_err());
        assert_eq!(parse_axis_spec("x=0:1", Some(7)).unwrap().3, 7);
        assert!(parse_axis_spec("x=0:1:-3", None).is_err());
        assert!(parse_axis_spec("0:1:3", None).is_err());
        assert!(parse_axis_spec("x=a:1:3", None).is_err());
    }

    #[test]
    fn grid_cap_and_order() {
        let m = model();
        let a = || Axis::new(&m, "us_sucker", q(0), q(1), 1000).unwrap();
        let b = || Axis::new(&m, "dprk_standoff", q(-2), q(0), 3).unwrap();
        let err = Grid::new(vec![a(), a()], DEFAULT_MAX_POINTS).unwrap_err().to_string();
        assert!(err.contains("twice"), "{err}");
        let err = Grid::new(vec![a(), b()], 2999).unwrap_err().to_string();
        assert!(err.contains("1000 x 3 points") && err.contains("cap of 2999"), "{err}");
        let g = Grid::new(vec![a(), b()], DEFAULT_MAX_POINTS).unwrap();
        assert_eq!(g.total, 3000);
        assert_eq!(g.coords(4), vec![1, 1]);
        assert_eq!(g.point_values(5), vec![frac(1, 999), q(0)]);
    }

    #[test]
    fn shards_partition_in_order() {
        for total in [0u64, 1, 7, 100, 1001] {
            for n in 1..6 {
                let mut next = 0;
                for k in 1..=n {
                    let r = Shard { k, n }.range(total);
                    assert_eq!(r.start, next);
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
        assert_eq!(Shard::parse("2/8").unwrap(), Shard { k: 2, n: 8 });
        for bad in ["0/3", "4/3", "1", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sweep_is_ordered_and_matches_solve() {
        let m = model();
        let axes = vec![
            Axis::new(&m, "us_sucker", q(-1), q(1), 5).unwrap(),
            Axis::new(&m, "dprk_standoff", q(-2), q(2), 3).unwrap(),
        ];
        let grid = Grid::new(axes, DEFAULT_MAX_POINTS).unwrap();
        let sweep = Sweep::new(&m, m.default_values(), grid, crate::solve::Method::Auto);
        let mut seen = Vec::new();
        sweep
            .run(
                0..15,
                4,
                |pts| {
                    seen.extend(pts.iter().cloned());
                    Ok(())
                },
                &|_| {},
            )
            .unwrap();
        assert_eq!(seen.iter().map(|p| p.index).collect::<Vec<_>>(), (0..15).collect::<Vec<_>>());
        for p in &seen {
            let mut v = m.default_values();
            v[1] = p.values[0].clone();
            v[7] = p.values[1].clone();
            let game = m.evaluate(&v).unwrap();
            let s = solve::solve(&game, crate::solve::Method::Auto, &SolveOptions::default()).unwrap();
            assert_eq!(p.equilibria.normal(), s.equilibria);
            // The memoised fast-path regime equals the one computed from the full solution.
            assert_eq!(p.regime, solve_game(&game, crate::solve::Method::Enum, &ClassCache::new()).unwrap().1);
            let class = ClassCache::new().class_name(&game);
            assert_eq!(p.regime, regime_label(&game, &s, class.as_deref()));
        }
        // us_sucker = -1 < 0: Hold dominates for the US.
        assert_eq!(seen[0].regime.split(" [").next(), Some("Hold/Concede"));
        // us_sucker = 0: a continuum.
        assert!(seen[6].regime.contains("{continuum}"), "{}", seen[6].regime);
        // us_sucker = 1/2 > 0: chicken.
        assert_eq!(seen[9].regime, "Concede/Hold; Hold/Concede; mixed(Concede+Hold/Concede+Hold) [Chicken]");
    }

    #[test]
    fn a_failing_sink_stops_the_stream_with_its_error() {
        // Many small chunks, so that the solving thread is waiting for a batch when the sink
        // fails: the stream must end (not wait forever) and return the sink's error.
        let m = model();
        let grid = Grid::from_specs(&m, &["us_sucker=-1:1:2001".to_string()], DEFAULT_MAX_POINTS).unwrap();
        let sweep = Sweep::new(&m, m.default_values(), grid, crate::solve::Method::Auto);
        for fail_at in [0usize, 1, 5] {
            let mut calls = 0usize;
            let mut seen = 0u64;
            let err = sweep
                .stream(
                    0..2001,
                    3,
                    |points, n: &mut usize| *n = points.len(),
                    |points, n| {
                        assert_eq!(points.len(), *n, "the buffer was rendered from these points");
                        assert_eq!(points[0].index, seen, "chunks arrive in grid order");
                        seen += points.len() as u64;
                        calls += 1;
                        if calls > fail_at {
                            return Err(Error::Output("reader gone".into()));
                        }
                        Ok(())
                    },
                    &|_| {},
                )
                .unwrap_err();
            assert!(matches!(err, Error::Output(_)), "{err}");
            assert_eq!(calls, fail_at + 1, "no chunk after the failure");
        }
    }

    #[test]
    fn a_point_that_cannot_be_solved_stops_the_stream_after_the_points_before_it() {
        // `1 / us_sucker` fails at us_sucker = 0, point 5 of -1..1 in 11 steps.
        let src = STANDOFF.replace(
            r#""Concede, Hold" = ["us_sucker", "dprk_win"]"#,
            r#""Concede, Hold" = ["1 / us_sucker", "dprk_win"]"#,
        );
        assert_ne!(src, STANDOFF);
        let m = Model::parse("standoff.toml", &src).unwrap();
        let grid = Grid::from_specs(&m, &["us_sucker=-1:1:11".to_string()], DEFAULT_MAX_POINTS).unwrap();
        let sweep = Sweep::new(&m, m.default_values(), grid, crate::solve::Method::Auto);
        let mut seen = Vec::new();
        let err = sweep
            .stream(
                0..11,
                2,
                |_, _: &mut ()| {},
                |points, _| {
                    seen.extend(points.iter().map(|p| p.index));
                    Ok(())
                },
                &|_| {},
            )
            .unwrap_err();
        assert_eq!(seen, [0, 1, 2, 3, 4], "the points before the failing one, in order");
        assert!(err.to_string().contains("us_sucker = 0"), "{err}");
    }
}
