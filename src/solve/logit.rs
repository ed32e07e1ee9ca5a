//! Logit quantal response equilibria (QRE) and the Nash equilibrium at the end of their
//! principal branch, for any number of players.
//!
//! At precision `λ` every player mixes with probabilities proportional to
//! `exp(λ · value of the strategy)`. The logit QRE are the fixed points of that map. At
//! `λ = 0` the unique QRE is uniform play; as `λ` grows, the **principal branch** of QRE
//! starting there converges to a Nash equilibrium (McKelvey and Palfrey 1995), generically a
//! unique one, so following it is an equilibrium-finding method for N-player games (the idea of
//! Gambit's `logit`, Turocy 2005).
//!
//! The branch is followed in the variables `y = ln p` and `λ`, with the equations
//! `Σ_j exp(y_ij) = 1` and `y_ij − y_i1 − λ (V_ij − V_i1) = 0` (`V_ij` the value of player
//! `i`'s strategy `j` against the others' mix), by pseudo-arclength predictor–corrector
//! continuation: the tangent and the Newton corrections solve the Jacobian system bordered by
//! the tangent with `nalgebra`'s LU. Payoffs are divided by their range internally, so step
//! sizes do not depend on the payoff scale; reported `λ` are in the game's own units.
//!
//! [`LogitSolver`] (`--method logit`) tries to certify (`super::polish::certify`) the
//! branch's profile each time the scaled `λ` doubles past 4, and returns the first certified
//! equilibrium within 1e-3 (in every probability) of the branch's current point — exact when a
//! rational equilibrium is there, else with a proven regret bound.

use super::numeric::FloatGame;
use super::polish::{self, Certified};
use super::Method;
use super::{Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::NormalForm;
use nalgebra::{DMatrix, DVector};

/// One point of the logit correspondence.
#[derive(Debug, Clone, PartialEq)]
pub struct QrePoint {
    /// Precision `λ` in the game's payoff units.
    pub lambda: f64,
    /// `profile[i][j]`: player `i`'s probability of strategy `j`.
    pub profile: Vec<Vec<f64>>,
}

/// Largest scaled precision (`λ` times the payoff range) the tracer goes to.
pub const MAX_SCALED_LAMBDA: f64 = 1e7;
const MAX_STEPS: usize = 100_000;
/// Largest angle (radians) the branch's tangent may turn through in one step.
const MAX_TURN: f64 = 0.05;
/// Largest step, relative to `1 + λ` (scaled); see `Tracer::advance`.
const MAX_STEP_REL: f64 = 0.02;
/// How close (largest probability difference) the branch must be to a certified equilibrium
/// for it to count as the branch's limit.
const LIMIT_DISTANCE: f64 = 1e-3;

/// Follows the principal branch of `game`'s logit QRE from `λ = 0`.
pub struct Tracer {
    fg: FloatGame,
    /// Current point: `y` (log probabilities, flat) then scaled `λ`.
    x: DVector<f64>,
    tangent: DVector<f64>,
    step: f64,
    steps: usize,
    /// Steps allowed by `--max-work` (each step evaluates the Jacobian and factors it).
    max_steps: usize,
    /// Evaluations of the system so far, charged against `--max-work`.
    evals: std::cell::Cell<u64>,
}

/// Steps a branch takes at the least (from λ = 0 to the limit), for the estimate before work.
const MIN_STEPS: u64 = 50;

/// Estimated operations of one predictor–corrector step: a few evaluations of the Jacobian
/// (every profile, for every pair of players) and an LU factorisation of it.
fn step_ops(fg: &FloatGame) -> u64 {
    4u64.saturating_mul(eval_ops(fg))
}

/// Estimated operations of one evaluation of the system and its Jacobian: `n^3` per profile
/// (every pair of players, a product over the others) and a factorisation of `d^3 / 3`.
fn eval_ops(fg: &FloatGame) -> u64 {
    let n = fg.shape.len() as u64;
    let d = fg.total as u64 + 1;
    let jac = (fg.num_profiles() as u64).saturating_mul(n.saturating_mul(n).saturating_mul(n).max(1));
    jac.saturating_add(d.saturating_mul(d).saturating_mul(d) / 3)
}

/// Refuses, before any work, a game whose logit branch would take more than `--max-work`.
fn check_branch_work(fg: &FloatGame) -> Result<usize> {
    let per_step = step_ops(fg).max(1);
    crate::game::budget::check_work(
        u128::from(per_step) * u128::from(MIN_STEPS),
        &format!(
            "following the logit branch of this game ({} strategies in all, {} profiles; at least {MIN_STEPS} steps)",
            fg.total,
            fg.num_profiles()
        ),
    )?;
    Ok(usize::try_from(crate::game::budget::limits().work / per_step).unwrap_or(usize::MAX).min(MAX_STEPS))
}

impl Tracer {
    /// Starts at uniform play, `λ = 0`; refuses (with the estimate) a game whose branch
    /// would take more than `--max-work`.
    pub fn new(game: &NormalForm) -> Result<Tracer> {
        let fg = FloatGame::new(game);
        let max_steps = check_branch_work(&fg)?;
        let t = fg.total;
        let mut x = DVector::zeros(t + 1);
        for (i, &m) in fg.shape.iter().enumerate() {
            for j in 0..m {
                x[fg.offsets[i] + j] = -(m as f64).ln();
            }
        }
        let mut up = DVector::zeros(t + 1);
        up[t] = 1.0;
        let mut tr =
            Tracer { fg, x, tangent: up.clone(), step: 0.05, steps: 0, max_steps, evals: std::cell::Cell::new(0) };
        // At λ = 0 the Jacobian in `y` is the identity (bordered by the sums), so the tangent
        // exists and points to increasing λ.
        if let Some(tangent) = tr.tangent_at(&tr.x, &up) {
            tr.tangent = tangent;
        }
        Ok(tr)
    }

    /// The float game being traced.
    pub fn float_game(&self) -> &FloatGame {
        &self.fg
    }

    /// Current `λ` in payoff units.
    pub fn lambda(&self) -> f64 {
        self.x[self.fg.total] / self.fg.range
    }

    /// Current scaled `λ` (times the payoff range).
    pub fn scaled_lambda(&self) -> f64 {
        self.x[self.fg.total]
    }

    /// Current profile (flat).
    pub fn profile(&self) -> Vec<f64> {
        probabilities(&self.fg, &self.x)
    }

    /// Current point.
    pub fn point(&self) -> QrePoint {
        QrePoint { lambda: self.lambda(), profile: self.fg.split(&self.profile()) }
    }

    /// The point of the correspondence at internal coordinates `x` (`y` then scaled `λ`).
    fn point_of(&self, x: &DVector<f64>) -> QrePoint {
        QrePoint { lambda: x[self.fg.total] / self.fg.range, profile: self.fg.split(&probabilities(&self.fg, x)) }
    }

    /// Takes one predictor–corrector step along the branch (shrinking the step until the
    /// corrector converges).
    pub fn advance(&mut self) -> Result<()> {
        self.steps += 1;
        let spent = u128::from(self.evals.get()) * u128::from(eval_ops(&self.fg));
        if self.steps > self.max_steps || spent > u128::from(crate::game::budget::limits().work) {
            if self.steps <= MAX_STEPS {
                return Err(Error::TooLarge(format!(
                    "following the logit branch stopped after {} steps at λ = {:.6e}, the most --max-work allows \
                     ({:.1e} operations per step); raise --max-work, or try --method pure",
                    self.steps - 1,
                    self.lambda(),
                    step_ops(&self.fg) as f64
                )));
            }
            return Err(self.stalled("too many steps"));
        }
        let t = self.fg.total;
        let tangent = self.tangent.clone();
        loop {
            if self.step < 1e-10 {
                return Err(self.stalled("step size underflow"));
            }
            let predicted = &self.x + &tangent * self.step;
            let accepted = match self.correct(predicted, &tangent) {
                Some((x, iters, first)) if x[t] >= 0.0 || self.x[t] > 0.0 => {
                    // Step-size control that keeps the tracer on its own branch (where another
                    // branch of QRE passes close by, a long step's corrector can land on it, and
                    // a tracer would jump): the corrector's first move must be small beside the
                    // step, the point must not move much further than the step, and the tangent
                    // must turn by less than MAX_TURN per step (curvature control, as Gambit's
                    // tracer). A fold (λ turning back) is followed like any other bend: the
                    // tangent comes from the bordered Jacobian, oriented by the previous one.
                    let dist = (&x - &self.x).norm();
                    match self.tangent_at(&x, &tangent) {
                        Some(next)
                            if dist <= 1.5 * self.step
                                && first <= 0.3 * self.step
                                && next.dot(&tangent) >= MAX_TURN.cos() =>
                        {
                            Some((x, iters, next))
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            match accepted {
                Some((x, iters, next)) => {
                    self.x = x;
                    self.tangent = next;
                    if iters <= 3 {
                        self.step *= 1.5;
                    }
                    // Never longer than a fixed fraction of the distance from λ = 0: a bend
                    // shorter than the step cannot be seen from its two ends.
                    self.step = self.step.min(MAX_STEP_REL * (1.0 + self.x[t].abs()));
                    return Ok(());
                }
                None => self.step /= 2.0,
            }
        }
    }

    fn stalled(&self, why: &str) -> Error {
        Error::Unsupported {
            method: "logit".into(),
            reason: format!(
                "following the logit branch stalled at λ = {:.6e} ({why}); try --method pure or another method",
                self.lambda()
            ),
        }
    }

    /// The residual `H(x)` and its Jacobian (t rows, t + 1 columns).
    fn system(&self, x: &DVector<f64>) -> (DVector<f64>, DMatrix<f64>) {
        let fg = &self.fg;
        let t = fg.total;
        let lambda = x[t];
        let p = probabilities(fg, x);
        self.evals.set(self.evals.get() + 1);
        let (v, jac) = fg.values_and_jacobian(&p);
        let r = fg.range;
        let mut h = DVector::zeros(t);
        let mut jm = DMatrix::zeros(t, t + 1);
        for (i, &m) in fg.shape.iter().enumerate() {
            let o = fg.offsets[i];
            h[o] = (0..m).map(|j| p[o + j]).sum::<f64>() - 1.0;
            for j in 0..m {
                jm[(o, o + j)] = p[o + j];
            }
            for j in 1..m {
                let a = o + j;
                h[a] = x[a] - x[o] - lambda * (v[a] - v[o]) / r;
                jm[(a, a)] += 1.0;
                jm[(a, o)] -= 1.0;
                for b in 0..t {
                    let d = jac[a * t + b] - jac[o * t + b];
                    if d != 0.0 {
                        jm[(a, b)] -= lambda * d / r * p[b];
                    }
                }
                jm[(a, t)] = -(v[a] - v[o]) / r;
            }
        }
        (h, jm)
    }

    fn tangent_at(&self, x: &DVector<f64>, previous: &DVector<f64>) -> Option<DVector<f64>> {
        let t = self.fg.total;
        let (_, jm) = self.system(x);
        let mut a = jm.insert_row(t, 0.0);
        a.set_row(t, &previous.transpose());
        let mut rhs = DVector::zeros(t + 1);
        rhs[t] = 1.0;
        let z = a.lu().solve(&rhs)?;
        let norm = z.norm();
        if !norm.is_finite() || norm == 0.0 {
            return None;
        }
        let z = z / norm;
        Some(if z.dot(previous) < 0.0 { -z } else { z })
    }

    /// Newton's method on `H(x) = 0`, `tangent · (x − predicted) = 0`: the point, the
    /// iterations, and the size of the first correction.
    fn correct(&self, predicted: DVector<f64>, tangent: &DVector<f64>) -> Option<(DVector<f64>, usize, f64)> {
        let t = self.fg.total;
        let mut x = predicted.clone();
        let mut last = f64::INFINITY;
        let mut first = 0.0;
        for iter in 1..=8 {
            let (h, jm) = self.system(&x);
            let mut a = jm.insert_row(t, 0.0);
            a.set_row(t, &tangent.transpose());
            let mut rhs = -h.insert_row(t, 0.0);
            rhs[t] = -tangent.dot(&(&x - &predicted));
            let d = a.lu().solve(&rhs)?;
            let size = d.norm();
            if !size.is_finite() || (iter > 1 && size > 0.5 * last) && size > 1e-12 {
                return None;
            }
            x += &d;
            last = size;
            if iter == 1 {
                first = size;
            }
            if size < 1e-11 * (1.0 + x.norm()) {
                return Some((x, iter, first));
            }
        }
        None
    }

    /// Newton's method at fixed scaled `λ` from the current point (used to land exactly on a
    /// requested `λ` between two steps).
    fn solve_at(&self, start: &DVector<f64>, scaled: f64) -> Option<DVector<f64>> {
        let t = self.fg.total;
        let mut x = start.clone();
        x[t] = scaled;
        for _ in 0..30 {
            let (h, jm) = self.system(&x);
            let a = jm.columns(0, t).into_owned();
            let d = a.lu().solve(&(-&h))?;
            for k in 0..t {
                x[k] += d[k];
            }
            if d.amax() < 1e-12 {
                return Some(x);
            }
        }
        None
    }
}

fn probabilities(fg: &FloatGame, x: &DVector<f64>) -> Vec<f64> {
    (0..fg.total).map(|k| x[k].exp()).collect()
}

/// The QRE on the principal branch at each of the (ascending, non-negative) `lambdas`, in
/// payoff units. Where the branch folds back and passes a `λ` several times, the point
/// returned is its **first crossing** of that `λ` (the one reached first from `λ = 0`, as
/// Gambit's `logit_solve_lambda` returns); [`branch`] lists the whole path, folds included.
pub fn qre_at(game: &NormalForm, lambdas: &[f64]) -> Result<Vec<QrePoint>> {
    if lambdas.iter().any(|l| !l.is_finite() || *l < 0.0) || lambdas.windows(2).any(|w| w[0] > w[1]) {
        return Err(Error::InvalidOption("λ values must be finite, non-negative and ascending".into()));
    }
    let mut tr = Tracer::new(game)?;
    let range = tr.fg.range;
    let t = tr.fg.total;
    let mut before = tr.x.clone();
    let mut out = Vec::with_capacity(lambdas.len());
    for &lambda in lambdas {
        let target = lambda * range;
        if target > MAX_SCALED_LAMBDA {
            return Err(Error::InvalidOption(format!(
                "λ = {lambda} is beyond what the tracer follows ({:.3e} for this game's payoff range)",
                MAX_SCALED_LAMBDA / range
            )));
        }
        while tr.scaled_lambda() < target {
            before = tr.x.clone();
            tr.advance()?;
        }
        // The step from `before` to the current point is the branch's first crossing of λ:
        // interpolate along it, then correct at exactly λ. Steps are short beside the
        // branch's curvature (see `advance`), so Newton stays on this piece of the branch; a
        // landing further from the guess than the step's length is refused, not reported.
        let (l0, l1) = (before[t], tr.scaled_lambda());
        let guess = if l1 > l0 && l0 <= target {
            &before + (&tr.x - &before) * ((target - l0) / (l1 - l0))
        } else {
            tr.x.clone()
        };
        let reach = (&tr.x - &before).norm().max(1e-9);
        let x = [&guess, &tr.x]
            .into_iter()
            .filter_map(|start| tr.solve_at(start, target))
            .find(|x| (x - &guess).norm() <= reach);
        let x = x.ok_or_else(|| tr.stalled("could not land on the requested λ"))?;
        out.push(QrePoint { lambda, profile: tr.fg.split(&probabilities(&tr.fg, &x)) });
    }
    Ok(out)
}

/// The principal branch as the tracer visited it, up to `max_lambda` (payoff units): every
/// accepted step.
pub fn branch(game: &NormalForm, max_lambda: f64) -> Result<Vec<QrePoint>> {
    let (tr, xs) = trace_to(game, max_lambda)?;
    Ok(xs.iter().map(|x| tr.point_of(x)).collect())
}

/// The tracer's accepted points (`y` then scaled `λ`) from `λ = 0` up to `max_lambda` (payoff
/// units), and the tracer.
fn trace_to(game: &NormalForm, max_lambda: f64) -> Result<(Tracer, Vec<DVector<f64>>)> {
    if !max_lambda.is_finite() || max_lambda <= 0.0 {
        return Err(Error::InvalidOption(format!("the largest λ must be positive, got {max_lambda}")));
    }
    let mut tr = Tracer::new(game)?;
    let target = (max_lambda * tr.fg.range).min(MAX_SCALED_LAMBDA);
    let mut xs = vec![tr.x.clone()];
    while tr.scaled_lambda() < target {
        tr.advance()?;
        xs.push(tr.x.clone());
    }
    Ok((tr, xs))
}

/// The equilibrium `--method logit` found.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    /// The certified equilibrium.
    pub certified: Certified,
    /// The `λ` (payoff units) of the branch point it was certified from.
    pub lambda: f64,
    /// True if it lies within 1e-3 of the branch (the branch's limit, up to that distance);
    /// false if following the branch failed and this is the nearest equilibrium Newton's method
    /// found from the last point reached.
    pub on_branch: bool,
}

/// Follows the branch until its profile certifies as an equilibrium (see the module docs). If
/// the branch cannot be followed further, polishes the last point without the distance rule.
pub fn limit_equilibrium(game: &NormalForm) -> Result<Limit> {
    let mut tr = Tracer::new(game)?;
    let mut next_check = 4.0;
    let failure = loop {
        if tr.scaled_lambda() >= next_check {
            // Newton may land on another equilibrium than the branch's limit: accept only
            // one the branch has (nearly) reached.
            if let Some(c) = polish::certify(game, &tr.fg, &tr.profile(), Some(LIMIT_DISTANCE)) {
                return Ok(Limit { certified: c, lambda: tr.lambda(), on_branch: true });
            }
            next_check = tr.scaled_lambda() * 2.0;
        }
        if tr.scaled_lambda() > MAX_SCALED_LAMBDA {
            break tr.stalled("no certified equilibrium near the end of the branch");
        }
        if let Err(e) = tr.advance() {
            break e;
        }
    };
    match polish::certify(game, &tr.fg, &tr.profile(), None) {
        Some(c) => Ok(Limit { certified: c, lambda: tr.lambda(), on_branch: false }),
        None => Err(failure),
    }
}

/// The maximum-likelihood fit of `λ` to observed action frequencies.
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaFit {
    /// The `λ` (payoff units) of the point of the principal branch maximising the likelihood.
    /// Where the branch folds, that `λ` is crossed more than once (and `qre --lambda` gives the
    /// first crossing); `profile` is the point meant.
    pub lambda: f64,
    /// The log-likelihood there: `Σ f_ij ln p_ij(λ)`.
    pub log_likelihood: f64,
    /// The QRE at that `λ`.
    pub profile: Vec<Vec<f64>>,
}

/// Fits `λ` by maximum likelihood to observed frequencies (or counts) `freqs[i][j]` of player
/// `i`'s strategy `j`, over the principal branch up to `max_lambda`: the best branch point,
/// refined by golden-section search along the branch between its neighbours.
pub fn fit_lambda(game: &NormalForm, freqs: &[Vec<f64>], max_lambda: f64) -> Result<LambdaFit> {
    let shape = game.shape();
    if freqs.len() != shape.len() || freqs.iter().zip(&shape).any(|(f, &m)| f.len() != m) {
        return Err(Error::InvalidOption(format!(
            "--fit needs one frequency per strategy of each player (strategies per player {shape:?})"
        )));
    }
    if freqs.iter().flatten().any(|x| !x.is_finite() || *x < 0.0) || freqs.iter().flatten().all(|x| *x == 0.0) {
        return Err(Error::InvalidOption("--fit frequencies must be non-negative and not all zero".into()));
    }
    let ll = |profile: &[Vec<f64>]| -> f64 {
        freqs
            .iter()
            .zip(profile)
            .flat_map(|(f, p)| f.iter().zip(p))
            .map(|(&f, &p)| if f > 0.0 { f * p.max(1e-300).ln() } else { 0.0 })
            .sum()
    };
    let (tr, xs) = trace_to(game, max_lambda)?;
    let scores: Vec<f64> = xs.iter().map(|x| ll(&tr.point_of(x).profile)).collect();
    let best = (0..xs.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap_or(0);
    let best_point = tr.point_of(&xs[best]);
    let mut result = LambdaFit { lambda: best_point.lambda, log_likelihood: scores[best], profile: best_point.profile };
    // Refine between the best point's neighbours **along the branch**, not in λ: where the
    // branch folds, a λ is crossed several times and `qre_at` would return another piece of it.
    // Points of the chord from the previous to the next branch point are corrected onto the
    // branch in the hyperplane orthogonal to the chord (the branch turns by less than 0.1 rad
    // over two steps, so that hyperplane cuts this piece of it once), and a golden-section search
    // on the position along the chord maximises the likelihood.
    let (a, c) = (&xs[best.saturating_sub(1)], &xs[(best + 1).min(xs.len() - 1)]);
    let chord = c - a;
    let length = chord.norm();
    if length > 0.0 {
        let dir = &chord / length;
        let at = |s: f64| -> Option<(QrePoint, f64)> {
            let (x, _, _) = tr.correct(a + &chord * s, &dir)?;
            let pt = tr.point_of(&x);
            let f = ll(&pt.profile);
            Some((pt, f))
        };
        let g = (5f64.sqrt() - 1.0) / 2.0;
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        while hi - lo > 1e-10 {
            let (s1, s2) = (hi - g * (hi - lo), lo + g * (hi - lo));
            let mut value = |s: f64| match at(s) {
                Some((pt, f)) => {
                    if f > result.log_likelihood {
                        result = LambdaFit { lambda: pt.lambda.max(0.0), log_likelihood: f, profile: pt.profile };
                    }
                    f
                }
                None => f64::NEG_INFINITY,
            };
            let (f1, f2) = (value(s1), value(s2));
            if f1 >= f2 {
                hi = s2;
            } else {
                lo = s1;
            }
        }
    }
    Ok(result)
}

/// `--method logit`: the Nash equilibrium at the end of the principal logit branch.
pub struct LogitSolver;

impl Solver for LogitSolver {
    fn method(&self) -> Method {
        Method::Logit
    }
    fn description(&self) -> &'static str {
        "one equilibrium of any game: the limit of the logit QRE branch, polished (exact or with a proven regret bound)"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        let Limit { certified: c, lambda, on_branch } = limit_equilibrium(game)?;
        let exact = c.is_exact();
        let mut notes = vec![format!("followed the principal logit QRE branch to λ = {lambda:.4e}")];
        if !on_branch {
            notes.push(
                "the branch could not be followed to its end; this is the equilibrium nearest its last point".into(),
            );
        }
        if exact {
            notes.push("the equilibrium is exact (regret exactly 0)".into());
        } else {
            notes.push(format!(
                "ε-equilibrium: max regret ≈ {:.3e}, computed exactly from the rounded profile (the equilibrium is probably irrational)",
                crate::num::to_f64(&c.max_regret)
            ));
        }
        notes.push("one equilibrium only; the game may have others".into());
        Ok(Solution {
            method: Method::Logit,
            exact,
            complete: false,
            equilibria: vec![c.equilibrium],
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
    fn lambda_zero_is_uniform() {
        let g = bimatrix(&[&[1, 5, 2], &[0, 3, 1]], &[&[4, 0, 1], &[2, 2, 2]]);
        let pts = qre_at(&g, &[0.0]).unwrap();
        assert_eq!(pts.len(), 1);
        for p in &pts[0].profile {
            for &x in p {
                assert!((x - 1.0 / p.len() as f64).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn chicken_limit_is_an_exact_equilibrium() {
        let g = chicken();
        let c = limit_equilibrium(&g).unwrap().certified;
        assert!(c.is_exact());
        assert_eq!(g.max_regret(&c.equilibrium.profile), crate::num::q(0));
    }

    #[test]
    fn fitting_recovers_the_lambda_that_generated_the_frequencies() {
        let g = bimatrix(&[&[4, 0], &[1, 2]], &[&[1, 3], &[2, 0]]);
        let truth = qre_at(&g, &[1.3]).unwrap().remove(0);
        let fit = fit_lambda(&g, &truth.profile, 50.0).unwrap();
        assert!((fit.lambda - 1.3).abs() < 1e-4, "{}", fit.lambda);
        assert!(fit_lambda(&g, &[vec![1.0]], 50.0).is_err());
    }

    #[test]
    fn branch_points_satisfy_the_logit_equations() {
        let g = chicken();
        let fg = FloatGame::new(&g);
        for pt in branch(&g, 3.0).unwrap() {
            let flat: Vec<f64> = pt.profile.concat();
            let v = fg.values(&flat);
            for i in 0..2 {
                let o = fg.offsets[i];
                let z: f64 = (0..2).map(|j| (pt.lambda * v[o + j]).exp()).sum();
                for j in 0..2 {
                    assert!((flat[o + j] - (pt.lambda * v[o + j]).exp() / z).abs() < 1e-8);
                }
            }
        }
    }
}
