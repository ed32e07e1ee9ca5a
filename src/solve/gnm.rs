//! The global Newton method (`--method gnm`): several equilibria of any N-player game from one
//! path.
//!
//! Govindan and Wilson (2003, "A global Newton method to compute Nash equilibria", Journal of
//! Economic Theory 110), on the structure theorem of Kohlberg and Mertens (1986):
//!
//! - Add a bonus `λ·g_is` to every pure strategy `s` of every player `i`: the games `G + λg`.
//!   The graph of their equilibria over `λ` is, for a generic direction `g`, a union of curves,
//!   one of which (the *principal* one) runs from `λ = +∞` to `λ = −∞`. For large `λ` the game's
//!   only equilibrium is each player's strategy with the largest `g_is`; every point where the
//!   curve crosses `λ = 0` is an equilibrium of `G`, and there may be several crossings.
//! - Kohlberg and Mertens' homeomorphism flattens that graph: a point `z ∈ R^S` (`S` strategies
//!   in all) stands for the profile `σ = r(z)` (per player, the Euclidean projection of `z_i` on
//!   the simplex: `σ_is = max(z_is − v_i, 0)` with `v_i` making the sum one) and the bonus
//!   `F(z) = z − σ − V(σ)`, where `V_is(σ)` is `i`'s payoff from `s` against `σ`: `σ` is an
//!   equilibrium of `G + F(z)`. So the curve is `{(z, λ) : F(z) = λg}`.
//! - That curve is traced by predictor–corrector continuation in arc length: the tangent is the
//!   kernel of `[DF(z), −g]`, the corrector is Newton's method orthogonal to the tangent, both
//!   by `nalgebra`'s LU. `F` is smooth inside each *cell* (fixed supports) and continuous
//!   across them; the tangent is oriented by the sign of the cofactor vector
//!   `(adj(DF)·g, det DF)` — Govindan and Wilson's global Newton direction — whose component
//!   normal to a cell boundary is the same on both sides, so the orientation needs no guess.
//!   The step length adapts to the corrector (halved when Newton needs many iterations or moves
//!   far, grown when it is idle).
//! - Each sign change of `λ` is refined by Newton's method on `F(z) = 0`, and `r(z)` is polished
//!   and certified by [`super::polish::certify`] (exact when the support system has a rational
//!   solution, otherwise decimals with a max regret proven in exact arithmetic). The path ends
//!   once `λ` is below `−λ₁`, past which `G + λg` has a single equilibrium (so the path cannot
//!   return to `λ = 0`).
//!
//! Payoffs are divided by their range (the equilibria do not change), so `λ` and the step
//! lengths mean the same on every game. The direction `g` is pseudo-random from a fixed seed
//! ([`DEFAULT_SEED`], splitmix64): for player `i` with `n` strategies, a random permutation of
//! `0, 1/n, …, (n−1)/n` plus a random jitter below `1/(2n)`, so the largest and smallest
//! entries are well separated and `λ₀` stays moderate. Other seeds trace other paths and may
//! find other equilibria ([`find_equilibria_with_seed`]).

use super::numeric::FloatGame;
use super::polish::{self, Certified};
use super::{Method, ProgressEvent, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::to_f64;
use nalgebra::{DMatrix, DVector};

/// The seed of the perturbation direction `g` (the same game always gives the same path).
pub const DEFAULT_SEED: u64 = 0x6e6d_2003;
/// Newton iterations of one corrector step at the most.
const CORRECTOR_ITERATIONS: usize = 6;
/// The corrector has converged when `|F(z) − λg|` (payoffs scaled to range 1) is below this.
const CORRECTOR_TOL: f64 = 1e-11;
/// Smallest step length before the path counts as lost.
const MIN_STEP: f64 = 1e-13;
/// Steps taken at the most, whatever `--max-work` allows (a path this long on a game small
/// enough to allow it would be a bug, not a hard game).
const MAX_STEPS: u64 = 5_000_000;
/// A slack beyond this (payoffs scaled to range 1) puts a point outside its cell.
const SLACK_TOL: f64 = 1e-12;
/// Steps the estimate before work assumes at the least.
const MIN_STEPS: u64 = 200;
/// How close (largest probability difference) a certified equilibrium must be to the point
/// where the path crossed `λ = 0` to count as found there.
const NEAR: f64 = 1e-3;
/// The payoff noise of the retrace on degenerate games, a fraction of the payoff range.
pub const PAYOFF_NOISE: f64 = 1e-4;
/// A crossing whose profile is within this (every probability) of one already tried on the
/// same trace is not certified again.
const TRIED: f64 = 1e-4;
/// Steps between progress reports.
const PROGRESS_EVERY: u64 = 2000;

/// What one run of the global Newton method found.
#[derive(Debug, Clone, PartialEq)]
pub struct GnmResult {
    /// The distinct certified equilibria, in the order the path met them.
    pub equilibria: Vec<Certified>,
    /// Times the path crossed `λ = 0` (each a candidate equilibrium).
    pub crossings: usize,
    /// Crossings whose point could not be certified (none, normally).
    pub uncertified: usize,
    /// Predictor–corrector steps accepted.
    pub steps: u64,
    /// The seed of the perturbation direction.
    pub seed: u64,
    /// `λ` at the start (the bonus that makes one pure profile the only equilibrium).
    pub lambda_start: f64,
    /// Why the path stopped early, if it did (the list may then be short of the path's).
    pub stopped: Option<String>,
}

/// splitmix64: a tiny deterministic generator (no dependency, same numbers everywhere).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The perturbation direction for `shape` from `seed` (see the module documentation).
fn perturbation(shape: &[usize], seed: u64) -> Vec<f64> {
    let mut rng = SplitMix(seed);
    let mut g = Vec::with_capacity(shape.iter().sum());
    for &n in shape {
        let mut order: Vec<usize> = (0..n).collect();
        for k in (1..n).rev() {
            let j = (rng.next() % (k as u64 + 1)) as usize;
            order.swap(k, j);
        }
        let step = 1.0 / n as f64;
        g.extend(order.iter().map(|&r| (r as f64 + 0.5 * rng.unit()) * step));
    }
    g
}

/// The path-following state.
struct Tracer<'a> {
    fg: &'a FloatGame,
    /// The perturbation direction.
    g: Vec<f64>,
    /// `1 / payoff range`.
    scale: f64,
}

/// `F`, its Jacobian and the profile at one point.
struct Eval {
    /// `F(z)`.
    f: Vec<f64>,
    /// `DF(z)` (of the cell containing `z`).
    df: DMatrix<f64>,
    /// `σ = r(z)`, flat.
    sigma: Vec<f64>,
}

impl Tracer<'_> {
    fn total(&self) -> usize {
        self.fg.total
    }

    /// The slacks of the cell `support` at `z`: `z_is − v_i` with `v_i` the cell's own formula
    /// (`(Σ_{S_i} z_is − 1)/|S_i|`). `z` is in the cell when the slacks are `≥ 0` on the support
    /// (they are the probabilities there) and `≤ 0` off it.
    fn slack(&self, z: &[f64], support: &[bool]) -> Vec<f64> {
        let mut c = vec![0.0; self.total()];
        for (i, &n) in self.fg.shape.iter().enumerate() {
            let o = self.fg.offsets[i];
            let k = support[o..o + n].iter().filter(|&&b| b).count().max(1) as f64;
            let v = ((o..o + n).filter(|&a| support[a]).map(|a| z[a]).sum::<f64>() - 1.0) / k;
            for a in o..o + n {
                c[a] = z[a] - v;
            }
        }
        c
    }

    /// The gradient of slack `a` of the cell `support` (a constant).
    fn slack_gradient(&self, a: usize, support: &[bool]) -> Vec<f64> {
        let mut d = vec![0.0; self.total()];
        let i = self.fg.offsets.iter().rposition(|&o| o <= a).unwrap_or(0);
        let o = self.fg.offsets[i];
        let n = self.fg.shape[i];
        let k = support[o..o + n].iter().filter(|&&b| b).count().max(1) as f64;
        for b in o..o + n {
            if support[b] {
                d[b] = -1.0 / k;
            }
        }
        d[a] += 1.0;
        d
    }

    /// `F` of the cell `support` (its polynomial formula, also just outside the cell), its
    /// Jacobian and the profile.
    fn eval(&self, z: &[f64], support: &[bool]) -> Eval {
        let t = self.total();
        let slack = self.slack(z, support);
        let sigma: Vec<f64> = (0..t).map(|a| if support[a] { slack[a] } else { 0.0 }).collect();
        let (vals, jac) = self.fg.values_and_jacobian(&sigma);
        let f: Vec<f64> = (0..t).map(|a| z[a] - sigma[a] - vals[a] * self.scale).collect();
        // Dr: per player i with support S_i (k_i strategies), ∂σ_s/∂z_u = δ_su − 1/k_i for s, u in
        // S_i, else 0. DF = I − Dr − DV·Dr.
        let mut owner = vec![0; t];
        let mut k = vec![0usize; self.fg.num_players()];
        for (i, &n) in self.fg.shape.iter().enumerate() {
            let o = self.fg.offsets[i];
            owner[o..o + n].fill(i);
            k[i] = support[o..o + n].iter().filter(|&&b| b).count().max(1);
        }
        let mut df = DMatrix::<f64>::identity(t, t);
        for a in 0..t {
            // Row a of DV·Dr: for b in the support of its owner p,
            // DV[a][b] − (1/k_p) Σ_{c ∈ S_p} DV[a][c].
            for (p, &n) in self.fg.shape.iter().enumerate() {
                let o = self.fg.offsets[p];
                let mean: f64 = (o..o + n).filter(|&c| support[c]).map(|c| jac[a * t + c]).sum::<f64>() / k[p] as f64;
                for b in o..o + n {
                    if support[b] {
                        let dr = if owner[a] == p && support[a] {
                            f64::from(u8::from(a == b)) - 1.0 / k[p] as f64
                        } else {
                            0.0
                        };
                        df[(a, b)] -= dr + (jac[a * t + b] - mean) * self.scale;
                    }
                }
            }
        }
        Eval { f, df, sigma }
    }

    /// `[DF, −g; w^T]`.
    fn bordered(&self, e: &Eval, w: &[f64]) -> DMatrix<f64> {
        let t = self.total();
        let mut b = DMatrix::<f64>::zeros(t + 1, t + 1);
        b.view_mut((0, 0), (t, t)).copy_from(&e.df);
        for a in 0..t {
            b[(a, t)] = -self.g[a];
        }
        for (c, &x) in w.iter().enumerate() {
            b[(t, c)] = x;
        }
        b
    }

    /// The oriented unit tangent at a point: the cofactor vector of `[DF, −g]` (computed as
    /// `det(B)·B⁻¹e` with `B` bordered by `w`, which does not depend on `w`), times `orient`.
    fn tangent(&self, e: &Eval, w: &[f64], orient: f64) -> Option<Vec<f64>> {
        let t = self.total();
        let lu = self.bordered(e, w).lu();
        let det = lu.determinant();
        let mut rhs = DVector::<f64>::zeros(t + 1);
        rhs[t] = 1.0;
        let x = lu.solve(&rhs)?;
        if !det.is_finite() || det == 0.0 {
            return None;
        }
        let norm = x.norm();
        if !norm.is_finite() || norm == 0.0 {
            return None;
        }
        let sign = orient * det.signum();
        Some(x.iter().map(|&c| sign * c / norm).collect())
    }

    /// `F(z) − λg`.
    fn residual(&self, e: &Eval, lambda: f64) -> Vec<f64> {
        e.f.iter().zip(&self.g).map(|(f, g)| f - lambda * g).collect()
    }

    /// Newton's method in the cell `support` for `F(z) = λg` from `y = (z, λ)`; the last row
    /// of each step's system is `row · Δ = rhs_last(y)` (orthogonal to the tangent, or the slack
    /// of a boundary). Returns the corrected point and the length of the first correction;
    /// `None` if it does not converge in a few iterations.
    fn newton(
        &self,
        mut y: Vec<f64>,
        support: &[bool],
        row: &[f64],
        last: &dyn Fn(&[f64]) -> f64,
        iterations: usize,
    ) -> Option<(Vec<f64>, f64)> {
        let t = self.total();
        let mut first = None;
        for _ in 0..=iterations {
            let e = self.eval(&y[..t], support);
            let h = self.residual(&e, y[t]);
            let extra = last(&y);
            let norm = h.iter().fold(extra.abs(), |m, x| m.max(x.abs()));
            if !norm.is_finite() {
                return None;
            }
            if norm < CORRECTOR_TOL {
                return Some((y, first.unwrap_or(0.0)));
            }
            let mut rhs = DVector::<f64>::zeros(t + 1);
            for a in 0..t {
                rhs[a] = -h[a];
            }
            rhs[t] = -extra;
            let d = self.bordered(&e, row).lu().solve(&rhs)?;
            let len = d.norm();
            if !len.is_finite() {
                return None;
            }
            first.get_or_insert(len);
            for (a, x) in y.iter_mut().enumerate() {
                *x += d[a];
            }
        }
        None
    }

    /// The corrector: Newton steps orthogonal to the tangent `tan`.
    fn correct(&self, y: Vec<f64>, tan: &[f64], support: &[bool]) -> Option<(Vec<f64>, f64)> {
        self.newton(y, support, tan, &|_| 0.0, CORRECTOR_ITERATIONS)
    }

    /// The point of the path where slack `a` of the cell vanishes, from the estimate `y`.
    fn to_boundary(&self, y: Vec<f64>, support: &[bool], a: usize) -> Option<Vec<f64>> {
        let mut row = self.slack_gradient(a, support);
        row.push(0.0);
        let t = self.total();
        let slack = |y: &[f64]| self.slack(&y[..t], support)[a];
        self.newton(y, support, &row, &slack, 20).map(|r| r.0)
    }

    /// Newton's method in the cell for `F(z) = 0` from `z` (the crossing of `λ = 0`); the
    /// final profile.
    fn solve_at_zero(&self, mut z: Vec<f64>, support: &[bool]) -> Vec<f64> {
        let t = self.total();
        for _ in 0..30 {
            let e = self.eval(&z, support);
            let norm = e.f.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if norm < 1e-15 {
                return e.sigma;
            }
            let rhs = DVector::from_iterator(t, e.f.iter().map(|x| -x));
            let Some(d) = e.df.clone().lu().solve(&rhs) else { return e.sigma };
            if !d.iter().all(|x| x.is_finite()) {
                return e.sigma;
            }
            for a in 0..t {
                z[a] += d[a];
            }
        }
        self.eval(&z, support).sigma
    }
}

/// Float operations of one evaluation of `F` and `DF` plus one LU of the bordered matrix.
fn step_ops(fg: &FloatGame) -> u64 {
    let n = fg.num_players() as u64;
    let t = fg.total as u64 + 1;
    (fg.num_profiles() as u64).saturating_mul(n * n + n).saturating_add(t.saturating_mul(t).saturating_mul(t)).max(1)
}

/// Traces the principal path from the default seed and certifies every crossing of `λ = 0`.
pub fn find_equilibria(game: &NormalForm, options: &SolveOptions) -> Result<GnmResult> {
    find_equilibria_with_seed(game, options, DEFAULT_SEED)
}

/// How one trace of the path ended.
enum End {
    /// Past `λ = −λ₁`: the whole path was followed.
    Done,
    /// The step budget ran out.
    Budget,
    /// The tracer came back to a point it had passed: on a loop of a degenerate game's
    /// equilibrium graph (where arcs branch, the graph is not a path and the tracer can take
    /// a branch that leads round a loop), or numerical trouble.
    Loop,
    /// The step length collapsed.
    Lost,
}

/// What one trace of the path saw.
struct Trace {
    crossings: usize,
    uncertified: usize,
    steps: u64,
    end: End,
    /// `λ` (unscaled) where the trace ended.
    lambda: f64,
}

/// The budget and observers one trace runs under.
struct Budget<'a> {
    /// `−λ₁` (scaled): past it the path cannot come back to `λ = 0`.
    lambda_end: f64,
    /// Steps this trace may take.
    max_steps: u64,
    /// Steps taken by earlier traces (for progress reports).
    before: u64,
    /// Steps of the whole run at the most (for progress reports).
    total: u64,
    options: &'a SolveOptions,
}

/// Boundary points the path passed, by the cell entered and the slack crossed, with how often.
type Visits = rustc_hash::FxHashMap<(Vec<bool>, usize), Vec<(Vec<f64>, u32)>>;

/// `|a − b| ≤ 1e-7·(1 + |a|)` in every coordinate: the same point of the path.
fn same_point(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-7 * (1.0 + x.abs()))
}

/// Follows the path of `tracer` from `y` (at `λ₀`) until `λ < lambda_end`, certifying each
/// crossing of `λ = 0` on `game` itself (whatever game `tracer` follows) into `found`.
fn trace(
    game: &NormalForm,
    fg: &FloatGame,
    tracer: &Tracer,
    start: &[f64],
    mut y: Vec<f64>,
    budget: &Budget,
    found: &mut Vec<Certified>,
) -> Result<Trace> {
    let t = tracer.total();
    let mut cell: Vec<bool> = start.iter().map(|&x| x > 0.0).collect();
    let e = tracer.eval(&y[..t], &cell);
    // Orientation: λ decreases at the start (there DF = I, so the cofactor vector is (g, 1)).
    let mut w = vec![0.0; t + 1];
    w[t] = 1.0;
    let mut tan =
        tracer.tangent(&e, &w, -1.0).ok_or_else(|| Error::Internal("global Newton: singular start".into()))?;
    let orient = if tan[t] < 0.0 { -1.0 } else { 1.0 };
    tan = tracer.tangent(&e, &w, orient).ok_or_else(|| Error::Internal("global Newton: singular start".into()))?;

    // Points where the path crossed λ = 0, and where it crossed each cell boundary (by the
    // slack and the cell entered): a path never passes the same point twice, so meeting one
    // again means the tracer is going round a loop.
    let mut crossed: Vec<Vec<f64>> = Vec::new();
    let mut boundaries: Visits = Default::default();
    let (mut crossings, mut uncertified) = (0usize, 0usize);
    // Profiles already certified (or found not to certify) on this trace.
    let mut tried: Vec<Vec<f64>> = Vec::new();
    let mut steps = 0u64;
    let mut h = 0.1;
    let max_h = y[t].max(1.0) * 0.25;
    let end = loop {
        if y[t] < budget.lambda_end {
            break End::Done;
        }
        if steps >= budget.max_steps {
            break End::Budget;
        }
        if h < MIN_STEP {
            break End::Lost;
        }
        let pred: Vec<f64> = y.iter().zip(&tan).map(|(a, d)| a + h * d).collect();
        let Some((mut ny, first)) = tracer.correct(pred, &tan, &cell) else {
            h *= 0.5;
            continue;
        };
        // Curvature control: the corrector must not move far from the prediction.
        if first > 0.25 * h {
            h *= 0.5;
            continue;
        }
        // Did the step leave the cell? Then stop at the first boundary it met (slacks are
        // linear in z, so the chord gives the estimate) and cross into the next cell there.
        let (c0, c1) = (tracer.slack(&y[..t], &cell), tracer.slack(&ny[..t], &cell));
        let mut exit: Option<(f64, usize)> = None;
        for a in 0..t {
            let out = if cell[a] { c1[a] < -SLACK_TOL } else { c1[a] > SLACK_TOL };
            if out {
                let th = (c0[a] / (c0[a] - c1[a])).clamp(0.0, 1.0);
                if exit.is_none_or(|(b, _)| th < b) {
                    exit = Some((th, a));
                }
            }
        }
        let mut next_cell = cell.clone();
        if let Some((th, a)) = exit {
            let guess: Vec<f64> = y.iter().zip(&ny).map(|(p, q)| p + th * (q - p)).collect();
            let Some(b) = tracer.to_boundary(guess, &cell, a) else {
                h *= 0.5;
                continue;
            };
            // The boundary point must be on this arc (not the extended formula's curve
            // elsewhere) and in the closure of the cell in every other slack.
            let cb = tracer.slack(&b[..t], &cell);
            let inside = (0..t).all(|c| c == a || if cell[c] { cb[c] >= -SLACK_TOL } else { cb[c] <= SLACK_TOL });
            let dist = b.iter().zip(&y).map(|(p, q)| (p - q) * (p - q)).sum::<f64>().sqrt();
            if !inside || dist > 1.5 * h {
                h *= 0.5;
                continue;
            }
            ny = b;
            next_cell[a] = !cell[a];
        }
        let ne = tracer.eval(&ny[..t], &next_cell);
        let Some(ntan) = tracer.tangent(&ne, &tan, orient) else {
            h *= 0.5;
            continue;
        };
        if let Some((_, a)) = exit {
            // The path crosses the boundary: it leaves the old cell and enters the new one
            // (slack a of the new cell moves away from zero on the new cell's side).
            let grad = tracer.slack_gradient(a, &next_cell);
            let rate: f64 = grad.iter().zip(&ntan).map(|(g, d)| g * d).sum();
            let into = if next_cell[a] { rate > 0.0 } else { rate < 0.0 };
            if !into {
                h *= 0.5;
                continue;
            }
            // The third time through the same boundary point: going round a loop. (The second
            // time may still leave it: the tracer's step lengths differ on the second round.)
            let seen = boundaries.entry((next_cell.clone(), a)).or_default();
            match seen.iter_mut().find(|(p, _)| same_point(p, &ny)) {
                Some((_, visits)) if *visits >= 2 => break End::Loop,
                Some((_, visits)) => *visits += 1,
                None => seen.push((ny.clone(), 1)),
            }
        }
        steps += 1;
        if (y[t] > 0.0) != (ny[t] > 0.0) {
            crossings += 1;
            let s = y[t] / (y[t] - ny[t]);
            let z0: Vec<f64> = (0..t).map(|a| y[a] + s * (ny[a] - y[a])).collect();
            if crossed.iter().any(|c| same_point(c, &z0)) {
                break End::Loop;
            }
            crossed.push(z0.clone());
            let p = tracer.solve_at_zero(z0, &cell);
            // Certify each candidate once: on a degenerate game the path can run along a set of
            // equilibria at λ ≈ 0 and cross it many times at nearly the same profile.
            if !tried.iter().any(|q| q.iter().zip(&p).all(|(a, b)| (a - b).abs() <= TRIED)) {
                tried.push(p.clone());
                match polish::certify(game, fg, &p, Some(NEAR)).or_else(|| polish::certify(game, fg, &p, None)) {
                    Some(c) => {
                        if !found.iter().any(|f| same(f, &c)) {
                            found.push(c);
                        }
                    }
                    None => uncertified += 1,
                }
            }
        }
        y = ny;
        tan = ntan;
        cell = next_cell;
        if exit.is_none() && first < 0.05 * h {
            h = (h * 1.6).min(max_h);
        }
        if steps.is_multiple_of(PROGRESS_EVERY) {
            if let Some(progress) = &budget.options.progress {
                progress(&ProgressEvent {
                    stage: format!("global Newton path, {} equilibria so far", found.len()),
                    done: budget.before + steps,
                    bound: Some(budget.total),
                });
            }
        }
    };
    Ok(Trace { crossings, uncertified, steps, end, lambda: y[t] / tracer.scale })
}

/// [`find_equilibria`] with the perturbation direction drawn from `seed`.
///
/// The path is followed on the game itself. On a degenerate game (ties) the equilibrium graph
/// can branch, and the tracer may take a branch that leads round a loop; when it comes back
/// to a point it has passed (or its step length collapses), the path is followed again on a
/// copy of the game whose payoffs are moved by at most [`PAYOFF_NOISE`] of their range (from
/// the same seed), which is generic; its crossings of `λ = 0` are polished and certified on the
/// game itself, like the first trace's. Both traces share the step budget.
pub fn find_equilibria_with_seed(game: &NormalForm, options: &SolveOptions, seed: u64) -> Result<GnmResult> {
    let fg = FloatGame::new(game);
    // Each accepted step: a tangent and about three corrector iterations.
    let per_step = step_ops(&fg).saturating_mul(4);
    crate::game::budget::check_work(
        u128::from(per_step) * u128::from(MIN_STEPS),
        &format!(
            "the global Newton method on this game ({} strategies in all, {} profiles)",
            fg.total,
            fg.num_profiles()
        ),
    )?;
    let max_steps = (crate::game::budget::limits().work / per_step).clamp(MIN_STEPS, MAX_STEPS);
    let t = fg.total;
    let g = perturbation(&fg.shape, seed);
    // λ₀: with the bonus λ·g, for λ ≥ λ₀ each player's top strategy beats every other by more
    // than the payoff range (1 after scaling); for λ ≤ −λ₁ the bottom one does.
    let mut gap_top = f64::INFINITY;
    let mut gap_bottom = f64::INFINITY;
    let mut start = vec![0.0; t];
    for (i, &n) in fg.shape.iter().enumerate() {
        let o = fg.offsets[i];
        let mut gi: Vec<f64> = g[o..o + n].to_vec();
        let top = (0..n).max_by(|&a, &b| gi[a].total_cmp(&gi[b])).unwrap_or(0);
        start[o + top] = 1.0;
        if n > 1 {
            gi.sort_by(f64::total_cmp);
            gap_top = gap_top.min(gi[n - 1] - gi[n - 2]);
            gap_bottom = gap_bottom.min(gi[1] - gi[0]);
        }
    }
    if !gap_top.is_finite() {
        // Every player has one strategy: the only profile is the equilibrium.
        let c = polish::certify(game, &fg, &start, None)
            .ok_or_else(|| Error::Internal("global Newton: the only profile did not certify".into()))?;
        return Ok(GnmResult {
            equilibria: vec![c],
            crossings: 0,
            uncertified: 0,
            steps: 0,
            seed,
            lambda_start: 0.0,
            stopped: None,
        });
    }
    let lambda_start = 2.0 / gap_top;
    let lambda_end = -2.0 / gap_bottom;
    // The payoff noise of the retrace, from the seed's own stream (after g's numbers).
    let mut rng = SplitMix(!seed);
    let noisy = fg.perturbed(|| (2.0 * rng.unit() - 1.0) * PAYOFF_NOISE);
    let mut found: Vec<Certified> = Vec::new();
    let (mut crossings, mut uncertified, mut steps) = (0usize, 0usize, 0u64);
    let mut notes: Vec<String> = Vec::new();
    for (pass, tfg) in [&fg, &noisy].into_iter().enumerate() {
        let tracer = Tracer { fg: tfg, g: g.clone(), scale: 1.0 / tfg.range };
        // z = σ + V(σ) + λ₀g at the pure start profile.
        let vals = tfg.values(&start);
        let mut y: Vec<f64> = (0..t).map(|a| start[a] + vals[a] * tracer.scale + lambda_start * tracer.g[a]).collect();
        y.push(lambda_start);
        let budget = Budget { lambda_end, max_steps: max_steps - steps, before: steps, total: max_steps, options };
        let r = trace(game, &fg, &tracer, &start, y, &budget, &mut found)?;
        crossings += r.crossings;
        uncertified += r.uncertified;
        steps += r.steps;
        let on = if pass == 0 { "the game" } else { "the perturbed copy" };
        match r.end {
            End::Done => break,
            End::Budget => {
                notes.push(format!(
                    "path tracing stopped after {steps} steps, the most --max-work allows ({per_step} operations a step), \
                     at λ = {:.3e} on {on}; {} equilibri{} found; raise --max-work to follow it further",
                    r.lambda,
                    found.len(),
                    if found.len() == 1 { "um" } else { "a" }
                ));
                break;
            }
            End::Loop | End::Lost => {
                let why = if matches!(r.end, End::Loop) {
                    "came back to a point it had passed (a loop: the equilibrium graph of a degenerate game branches)"
                } else {
                    "could not be followed further (step length below 1e-13)"
                };
                notes.push(format!(
                    "the path on {on} {why} at λ = {:.3e} after {} steps; {} equilibri{} found so far",
                    r.lambda,
                    r.steps,
                    found.len(),
                    if found.len() == 1 { "um" } else { "a" }
                ));
                if pass == 0 {
                    notes.push(format!(
                        "so the path was followed again on a copy of the game with payoffs moved by at most {PAYOFF_NOISE:e} \
                         of their range (generic); every equilibrium is still certified on the game itself"
                    ));
                }
            }
        }
    }
    let stopped = (!notes.is_empty()).then(|| notes.join("; "));
    Ok(GnmResult { equilibria: found, crossings, uncertified, steps, seed, lambda_start, stopped })
}

/// The same equilibrium (exactly equal, or every probability within 1e-9).
fn same(a: &Certified, b: &Certified) -> bool {
    let (p, q) = (&a.equilibrium.profile, &b.equilibrium.profile);
    p == q || p.probs.iter().flatten().zip(q.probs.iter().flatten()).all(|(x, y)| (to_f64(x) - to_f64(y)).abs() <= 1e-9)
}

/// `--method gnm`: the equilibria the global Newton path crosses.
pub struct Gnm;

impl Solver for Gnm {
    fn method(&self) -> Method {
        Method::Gnm
    }
    fn description(&self) -> &'static str {
        "several equilibria of any game by the global Newton method (Govindan-Wilson), each polished (exact or with a proven regret bound)"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, game: &NormalForm, options: &SolveOptions) -> Result<Solution> {
        let r = find_equilibria_with_seed(game, options, options.seed.unwrap_or(DEFAULT_SEED))?;
        if r.equilibria.is_empty() {
            return Err(Error::Unsupported {
                method: Method::Gnm.name().into(),
                reason: format!(
                    "path tracing stopped after {} steps with no certified equilibrium ({}); try another --seed, or \
                     --method simpdiv or enumpoly",
                    r.steps,
                    r.stopped.as_deref().unwrap_or("no crossing of λ = 0 could be certified")
                ),
            });
        }
        let exact = r.equilibria.iter().all(Certified::is_exact);
        let n = r.equilibria.len();
        let mut notes = vec![format!(
            "global Newton method (perturbation seed {}, λ from {:.3} times the payoff range down past 0): {} step{}, \
             {} crossing{} of λ = 0, {} distinct equilibri{}",
            r.seed,
            r.lambda_start,
            r.steps,
            if r.steps == 1 { "" } else { "s" },
            r.crossings,
            if r.crossings == 1 { "" } else { "s" },
            n,
            if n == 1 { "um" } else { "a" }
        )];
        let approx = r.equilibria.iter().filter(|c| !c.is_exact()).count();
        if approx == 0 {
            notes.push("every equilibrium is exact (regret exactly 0)".into());
        } else {
            let worst = r.equilibria.iter().map(|c| to_f64(&c.max_regret)).fold(0.0, f64::max);
            notes.push(format!(
                "{approx} of {n} are ε-equilibria (probably irrational): max regret ≤ {worst:.3e}, computed exactly from the \
                 rounded profile"
            ));
        }
        if r.uncertified > 0 {
            notes.push(format!("{} crossing(s) could not be certified and are not listed", r.uncertified));
        }
        if let Some(s) = &r.stopped {
            notes.push(s.clone());
        }
        notes.push("the equilibria on one path only; the game may have others".into());
        Ok(Solution {
            method: Method::Gnm,
            exact,
            complete: false,
            equilibria: r.equilibria.into_iter().map(|c| c.equilibrium).collect(),
            components: Vec::new(),
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::fixtures::{bimatrix, chicken};

    #[test]
    fn the_cell_formula_is_the_projection_on_the_simplex() {
        let g = chicken();
        let fg = FloatGame::new(&g);
        let tr = Tracer { fg: &fg, g: perturbation(&fg.shape, 1), scale: 1.0 };
        let z = [0.7, 0.5, 3.0, -1.0];
        let cell = [true, true, true, false];
        let c = tr.slack(&z, &cell);
        assert!((c[0] - 0.6).abs() < 1e-15 && (c[1] - 0.4).abs() < 1e-15, "{c:?}");
        assert_eq!((c[2], c[3]), (1.0, -3.0));
        let s = tr.eval(&z, &cell).sigma;
        assert_eq!((s[2], s[3]), (1.0, 0.0));
    }

    #[test]
    fn jacobian_matches_finite_differences() {
        let g = bimatrix(&[&[3, 0, 2], &[1, 4, 0], &[0, 2, 3]], &[&[1, 2, 0], &[4, 0, 1], &[2, 3, 4]]);
        let fg = FloatGame::new(&g);
        let tr = Tracer { fg: &fg, g: perturbation(&fg.shape, 7), scale: 1.0 / fg.range };
        let z = [0.9, 0.6, -0.2, 0.3, 0.5, 0.45];
        let cell = [true, true, false, true, true, true];
        let e = tr.eval(&z, &cell);
        for b in 0..6 {
            let mut zp = z;
            zp[b] += 1e-7;
            let ep = tr.eval(&zp, &cell);
            for a in 0..6 {
                let fd = (ep.f[a] - e.f[a]) / 1e-7;
                assert!((fd - e.df[(a, b)]).abs() < 1e-6, "a={a} b={b}: {fd} vs {}", e.df[(a, b)]);
            }
        }
    }

    #[test]
    fn matching_pennies_gives_its_mixed_equilibrium_exactly() {
        let g = bimatrix(&[&[1, -1], &[-1, 1]], &[&[-1, 1], &[1, -1]]);
        let r = find_equilibria(&g, &SolveOptions::default()).unwrap();
        assert_eq!(r.equilibria.len(), 1);
        assert!(r.equilibria[0].is_exact());
        assert_eq!(r.equilibria[0].equilibrium.profile.probs[0], vec![crate::num::frac(1, 2), crate::num::frac(1, 2)]);
        assert!(r.stopped.is_none());
    }

    #[test]
    fn perturbation_is_deterministic_and_separated() {
        let a = perturbation(&[3, 4], DEFAULT_SEED);
        assert_eq!(a, perturbation(&[3, 4], DEFAULT_SEED));
        assert_ne!(a, perturbation(&[3, 4], DEFAULT_SEED + 1));
        let mut b = a[3..].to_vec();
        b.sort_by(f64::total_cmp);
        assert!(b.windows(2).all(|w| w[1] - w[0] >= 0.125), "{b:?}");
    }
}
