//! Simplicial subdivision (`--method simpdiv`): one equilibrium of any N-player game.
//!
//! The restart algorithm of van der Laan, Talman and van der Heyden (1987, "Simplicial
//! variable dimension algorithms for solving the nonlinear complementarity problem on a product
//! of unit simplices using a general labelling", Mathematics of Operations Research 12), the
//! method of Gambit's `simpdiv`:
//!
//! - The product of the players' strategy simplices is triangulated with grid step `d`. Every
//!   grid point `y` gets a **label** `(j, h)`: the player `j` with the largest regret at `y` and
//!   that player's best response `h` (first maximum on ties).
//! - From a start point `v`, a path of adjacent simplices is followed in regions
//!   `A(T, U) = v + cone{q(j, h) : (j, h) ∈ T}`, where `q(j, h)` moves mass `d` to strategy `h`
//!   from the previous strategy of `j` (cyclically, skipping the strategies in `U`, those whose
//!   probability the path has pushed to zero). Each `t`-simplex of the path carries all `t`
//!   labels of `T`; a new label raises the dimension, a facet on the region's boundary lowers
//!   it, one at the boundary of the strategy simplex moves a strategy into `U`.
//! - The path ends when some player's labels (with its strategies in `U`) cover all its
//!   strategies: every strategy of that player is a best response of the largest regret near
//!   there, so all regrets are small. The best grid point seen (smallest max regret) is the
//!   approximate equilibrium.
//! - The grid is then halved and the path restarted from that point, until the max regret is
//!   below `1e-10` times the payoff range (or the grid reaches `2^-48`).
//!
//! Grid points are kept as integers (multiples of `d`), so the path is exact; labels are
//! computed in floats (any deterministic labelling works for the combinatorics). Like Gambit,
//! the first start point is every player's first strategy (the coarse first grids then find
//! pure equilibria and equilibria with small denominators quickly). The answer is polished and
//! certified by [`super::polish::certify`]: exact when the support system has a rational
//! solution there, otherwise an ε-equilibrium with a regret bound proven in exact arithmetic.

use super::numeric::FloatGame;
use super::polish::{self, Certified};
use super::{Method, ProgressEvent, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::NormalForm;

/// Grid refinements at most (the grid step goes down to `2^-MAX_ROUNDS`).
const MAX_ROUNDS: u32 = 48;
/// Stop refining when the best point's max regret is below this times the payoff range.
const TARGET_REGRET: f64 = 1e-10;
/// Try to certify once the best point's max regret is below this times the payoff range.
const CERTIFY_REGRET: f64 = 1e-6;
/// How close (largest probability difference) a certified equilibrium must be to the path's
/// point to count as the one the path converged to.
const NEAR: f64 = 1e-3;
/// Label evaluations a round takes at the least, per strategy, for the estimate before work.
const MIN_EVALS_PER_STRATEGY: u64 = 20;
/// Grid points labelled at most in one run, whatever `--max-work` allows (a path this long on
/// a game small enough to allow it would mean a bug, not a hard game).
const MAX_EVALS: u64 = 50_000_000;

/// The equilibrium simplicial subdivision found.
#[derive(Debug, Clone, PartialEq)]
pub struct SimpdivResult {
    /// The certified equilibrium.
    pub certified: Certified,
    /// Grid refinements made (the last grid step is `2^-rounds`).
    pub rounds: u32,
    /// Grid points labelled in all.
    pub evaluations: u64,
    /// Float max regret of the last grid point (before polishing).
    pub grid_regret: f64,
}

/// A label: player and strategy.
type Label = (usize, usize);

/// Float operations of one label evaluation: every pure profile, every player.
fn eval_ops(fg: &FloatGame) -> u64 {
    (fg.num_profiles() as u64).saturating_mul(fg.num_players() as u64 + 1).max(1)
}

/// The path-following state of one grid (one run of the restart algorithm).
struct Path<'a> {
    fg: &'a FloatGame,
    /// Grid denominator: probabilities are `Y / m`.
    m: i64,
    /// Start point (integer coordinates, per player summing to `m`).
    v: Vec<Vec<i64>>,
    /// `T`: strategies whose vector spans the current region.
    in_t: Vec<Vec<bool>>,
    /// `U`: strategies held at probability zero.
    in_u: Vec<Vec<bool>>,
    /// The base vertex as `v + Σ ab(j, h) (e(j, h) − e(j, h − 1))` (cyclic, not skipping `U`).
    ab: Vec<Vec<i64>>,
    /// The order of the vectors spanning the current simplex (`t` entries).
    pi: Vec<Label>,
    /// Label of each vertex (`t + 1` entries).
    labels: Vec<Label>,
    /// The vertex whose label is computed next.
    ibar: usize,
    /// Best grid point seen (smallest float max regret) and its regret.
    best: Vec<Vec<i64>>,
    best_regret: f64,
    evals: &'a mut u64,
    max_evals: u64,
}

enum Step {
    /// Label the vertex `y` (index `ibar`).
    Label(Vec<Vec<i64>>),
    /// Replace vertex `i` of the simplex.
    Replace(usize),
    /// The path ended: a completely labelled simplex.
    Done,
}

impl<'a> Path<'a> {
    fn n(&self, j: usize) -> usize {
        self.fg.shape[j]
    }

    /// The previous strategy of `j` before `h`, cyclically, skipping `U`.
    fn prev(&self, j: usize, h: usize) -> usize {
        let n = self.n(j);
        let mut k = (h + n - 1) % n;
        while self.in_u[j][k] {
            k = (k + n - 1) % n;
        }
        k
    }

    /// The strategy after [`Self::prev`]: the first of the run `(prev(h), h]`.
    fn first_after_prev(&self, j: usize, h: usize) -> usize {
        (self.prev(j, h) + 1) % self.n(j)
    }

    /// Adds `sign` to `ab(j, k)` for every `k` in `(prev(h), h]` (the vector `q(j, h)` in
    /// the basis that does not skip `U`).
    fn shift_ab(&mut self, j: usize, h: usize, sign: i64) {
        let n = self.n(j);
        let mut k = self.first_after_prev(j, h);
        loop {
            self.ab[j][k] += sign;
            if k == h {
                break;
            }
            k = (k + 1) % n;
        }
    }

    /// `y += sign · q(j, h)`.
    fn step_along(&self, y: &mut [Vec<i64>], (j, h): Label, sign: i64) {
        let b = self.prev(j, h);
        y[j][h] += sign;
        y[j][b] -= sign;
    }

    /// Vertex `k` (0-based) of the current simplex.
    fn vertex(&self, k: usize) -> Vec<Vec<i64>> {
        let mut x = self.v.clone();
        for (j, row) in self.ab.iter().enumerate() {
            let n = row.len();
            for (h, &a) in row.iter().enumerate() {
                if a != 0 && (self.in_t[j][h] || self.in_u[j][h]) {
                    x[j][h] += a;
                    x[j][(h + n - 1) % n] -= a;
                }
            }
        }
        for &l in &self.pi[..k] {
            self.step_along(&mut x, l, 1);
        }
        x
    }

    fn count_t_or_u(&self, j: usize) -> usize {
        (0..self.n(j)).filter(|&h| self.in_t[j][h] || self.in_u[j][h]).count()
    }

    /// The label of grid point `y` (the player with the largest regret, its best response),
    /// recording the best point seen.
    fn label(&mut self, y: &[Vec<i64>]) -> Result<Label> {
        *self.evals += 1;
        if *self.evals > self.max_evals {
            return Err(Error::TooLarge(format!(
                "simplicial subdivision stopped after {} grid points (grid step 1/{}), the most --max-work allows \
                 ({:.1e} operations per point); raise --max-work, or try --method logit",
                *self.evals - 1,
                self.m,
                eval_ops(self.fg) as f64
            )));
        }
        let fg = self.fg;
        let scale = self.m as f64;
        let p: Vec<f64> = y.iter().flatten().map(|&c| c as f64 / scale).collect();
        let vals = fg.values(&p);
        let mut worst = f64::NEG_INFINITY;
        let mut label = (0, 0);
        for (j, &n) in fg.shape.iter().enumerate() {
            let o = fg.offsets[j];
            let mut top = (0, f64::NEG_INFINITY);
            let mut expected = 0.0;
            for h in 0..n {
                expected += p[o + h] * vals[o + h];
                if vals[o + h] > top.1 {
                    top = (h, vals[o + h]);
                }
            }
            let regret = top.1 - expected;
            if regret > worst {
                worst = regret;
                label = (j, top.0);
            }
        }
        if worst < self.best_regret {
            self.best_regret = worst;
            self.best = y.to_vec();
        }
        Ok(label)
    }

    fn internal(&self, what: &str) -> Error {
        Error::Internal(format!("simplicial subdivision: {what} (grid step 1/{})", self.m))
    }

    /// Follows the path from `v` to a completely labelled simplex.
    fn run(&mut self) -> Result<()> {
        let mut step = Step::Label(self.v.clone());
        loop {
            step = match step {
                Step::Done => return Ok(()),
                Step::Label(y) => self.after_label(y)?,
                Step::Replace(i) => self.replace(i)?,
            };
        }
    }

    /// Step 1: label the new vertex and decide what to do with the label.
    fn after_label(&mut self, y: Vec<Vec<i64>>) -> Result<Step> {
        let (j, h) = self.label(&y)?;
        self.labels[self.ibar] = (j, h);
        let t = self.pi.len();
        if self.in_t[j][h] {
            // The label is already in T: drop the other vertex carrying it.
            let ibar = self.ibar;
            let i = (0..=t)
                .find(|&r| r != ibar && self.labels[r] == (j, h))
                .ok_or_else(|| self.internal("a label of T is missing from the simplex"))?;
            return Ok(Step::Replace(i));
        }
        if self.in_u[j][h] {
            // A strategy held at zero is now a best response: release it into T, next to the
            // vector that spans over it.
            let n = self.n(j);
            let mut k = h;
            while self.in_u[j][k] {
                k = (k + 1) % n;
            }
            let i = if self.in_t[j][k] {
                self.pi.iter().position(|&l| l == (j, k)).ok_or_else(|| self.internal("T and π disagree"))?
            } else {
                t
            };
            return Ok(self.raise(i, (j, h)));
        }
        if self.count_t_or_u(j) + 1 == self.n(j) {
            return Ok(Step::Done);
        }
        Ok(self.raise(t, (j, h)))
    }

    /// Step 2: raise the dimension, inserting `(j, h)` into π at position `i`.
    fn raise(&mut self, i: usize, (j, h): Label) -> Step {
        let mut y = self.vertex(i);
        self.pi.insert(i, (j, h));
        self.labels.insert(i + 1, (j, h));
        self.ibar = i + 1;
        self.step_along(&mut y, (j, h), 1);
        self.in_t[j][h] = true;
        self.in_u[j][h] = false;
        Step::Label(y)
    }

    /// Step 3: replace vertex `i` (0-based, `0..=t`) of the current simplex.
    fn replace(&mut self, i: usize) -> Result<Step> {
        let t = self.pi.len();
        if t == 0 {
            return Err(self.internal("the path returned to its start"));
        }
        let (j, h) = self.pi[if i == t { t - 1 } else { i }];
        let k = if i < t { self.prev(j, h) } else { h };
        let mut y = self.vertex(if i == 0 {
            t
        } else if i == t {
            0
        } else {
            i - 1
        });
        if i == 0 && y[j][k] <= 0 {
            // Moving on would push strategy k of player j below zero: hold it at zero.
            if self.count_t_or_u(j) + 1 == self.n(j) {
                self.in_u[j][k] = true;
                return Ok(Step::Done);
            }
            self.pivot(j, 0);
            self.in_u[j][k] = true;
            let last = self.pi[t - 1];
            self.step_along(&mut y, last, 1);
            return Ok(Step::Label(y));
        }
        if i >= 1 && i < t && y[j][k] <= 0 {
            return self.lower(i);
        }
        if i == t {
            let mut kk = self.first_after_prev(j, h);
            if self.ab[j][kk] == 0 {
                // The base vertex cannot move back along q(j, h): a boundary of the region.
                if y[j][h] <= 0 {
                    return self.lower(i);
                }
                let n = self.n(j);
                let mut passed = false;
                while self.ab[j][kk] == 0 && !passed {
                    if kk == h {
                        passed = true;
                    }
                    kk = (kk + 1) % n;
                }
                kk = (kk + n - 1) % n;
                return if kk == h { self.lower(i) } else { Ok(self.release(kk, (j, h), y)) };
            }
        }
        if i == 0 {
            let first = self.pi[0];
            self.step_along(&mut y, first, 1);
        } else if i < t {
            let next = self.pi[i];
            self.step_along(&mut y, next, 1);
        } else {
            self.step_along(&mut y, (j, h), -1);
        }
        self.pivot(j, i);
        Ok(Step::Label(y))
    }

    /// The bookkeeping of replacing vertex `i` inside the region (player `j` owns the vector
    /// that moves).
    fn pivot(&mut self, j: usize, i: usize) {
        let t = self.pi.len();
        if i >= 1 && i < t {
            self.pi.swap(i, i - 1);
            self.ibar = i;
        } else if i == 0 {
            self.labels.rotate_left(1);
            self.ibar = t;
            let (jj, hh) = self.pi[0];
            if jj == j {
                self.shift_ab(j, hh, 1);
                self.pi.rotate_left(1);
            }
        } else {
            self.labels.rotate_right(1);
            self.ibar = 0;
            let (jj, hh) = self.pi[t - 1];
            if jj == j {
                self.shift_ab(j, hh, -1);
                self.pi.rotate_right(1);
            }
        }
    }

    /// Step 4: lower the dimension, dropping vector `π(i − 1)` from T (into U if its strategy
    /// is at zero), then drop the vertex carrying its label.
    fn lower(&mut self, i: usize) -> Result<Step> {
        if i == 0 {
            return Err(self.internal("cannot lower the dimension at vertex 0"));
        }
        let y = self.vertex(0);
        let (j, h) = self.pi[i - 1];
        self.in_t[j][h] = false;
        if y[j][h] <= 0 {
            self.in_u[j][h] = true;
        }
        self.labels.remove(i);
        self.pi.remove(i - 1);
        let r = self
            .labels
            .iter()
            .position(|&l| l == (j, h))
            .ok_or_else(|| self.internal("the dropped label is on no vertex"))?;
        Ok(Step::Replace(r))
    }

    /// Step 5: release strategy `k` of player `j` from U, moving the base vertex back along the
    /// shortened vector `q(j, h)`.
    fn release(&mut self, k: usize, (j, h): Label, mut y: Vec<Vec<i64>>) -> Step {
        self.labels.rotate_right(1);
        self.ibar = 0;
        self.pi.rotate_right(1);
        self.in_u[j][k] = false;
        self.step_along(&mut y, (j, h), -1);
        self.shift_ab(j, h, -1);
        Step::Label(y)
    }
}

/// Runs the restart algorithm from every player's first strategy and certifies the result.
pub fn find_equilibrium(game: &NormalForm, options: &SolveOptions) -> Result<SimpdivResult> {
    let fg = FloatGame::new(game);
    let per_eval = eval_ops(&fg);
    crate::game::budget::check_work(
        u128::from(per_eval) * u128::from(MIN_EVALS_PER_STRATEGY) * (fg.total as u128 + 1),
        &format!(
            "simplicial subdivision on this game ({} strategies in all, {} profiles)",
            fg.total,
            fg.num_profiles()
        ),
    )?;
    let max_evals = (crate::game::budget::limits().work / per_eval).min(MAX_EVALS);
    let mut y: Vec<Vec<i64>> = fg.shape.iter().map(|&n| (0..n).map(|h| i64::from(h == 0)).collect()).collect();
    let mut m: i64 = 1;
    let mut evals = 0u64;
    let mut last_regret = f64::INFINITY;
    for round in 1..=MAX_ROUNDS {
        m *= 2;
        for c in y.iter_mut().flatten() {
            *c *= 2;
        }
        let shape = &fg.shape;
        let mut path = Path {
            fg: &fg,
            m,
            in_t: shape.iter().map(|&n| vec![false; n]).collect(),
            in_u: y.iter().map(|row| row.iter().map(|&c| c == 0).collect()).collect(),
            ab: shape.iter().map(|&n| vec![0; n]).collect(),
            pi: Vec::new(),
            labels: vec![(0, 0)],
            ibar: 0,
            best: y.clone(),
            best_regret: f64::INFINITY,
            v: y,
            evals: &mut evals,
            max_evals,
        };
        path.run()?;
        y = path.best;
        last_regret = path.best_regret;
        if let Some(progress) = &options.progress {
            progress(&ProgressEvent {
                stage: format!("simplicial subdivision, grid 1/{m}"),
                done: evals,
                bound: Some(max_evals),
            });
        }
        let p: Vec<f64> = y.iter().flatten().map(|&c| c as f64 / m as f64).collect();
        let done = last_regret <= TARGET_REGRET * fg.range || round == MAX_ROUNDS;
        if last_regret <= CERTIFY_REGRET * fg.range {
            if let Some(c) = polish::certify(game, &fg, &p, Some(NEAR)) {
                return Ok(SimpdivResult { certified: c, rounds: round, evaluations: evals, grid_regret: last_regret });
            }
        }
        if done {
            if let Some(c) = polish::certify(game, &fg, &p, None) {
                return Ok(SimpdivResult { certified: c, rounds: round, evaluations: evals, grid_regret: last_regret });
            }
            break;
        }
    }
    Err(Error::Unsupported {
        method: "simpdiv".into(),
        reason: format!(
            "simplicial subdivision reached max regret {last_regret:.3e} on a grid of step 1/{m} but the point could \
             not be certified as an equilibrium; try --method logit or --method enumpoly"
        ),
    })
}

/// `--method simpdiv`: one equilibrium by simplicial subdivision on a refining grid.
pub struct Simpdiv;

impl Solver for Simpdiv {
    fn method(&self) -> Method {
        Method::SimpDiv
    }
    fn description(&self) -> &'static str {
        "one equilibrium of any game by simplicial subdivision on a refining grid, polished (exact or with a proven regret bound)"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, game: &NormalForm, options: &SolveOptions) -> Result<Solution> {
        let r = find_equilibrium(game, options)?;
        let exact = r.certified.is_exact();
        let mut notes = vec![format!(
            "simplicial subdivision from every player's first strategy: {} grid refinement{} (last step 1/2^{}), \
             {} grid points labelled, grid max regret {:.3e}",
            r.rounds,
            if r.rounds == 1 { "" } else { "s" },
            r.rounds,
            r.evaluations,
            r.grid_regret
        )];
        if exact {
            notes.push("the equilibrium is exact (regret exactly 0)".into());
        } else {
            notes.push(format!(
                "ε-equilibrium: max regret ≈ {:.3e}, computed exactly from the rounded profile (the equilibrium is probably irrational)",
                crate::num::to_f64(&r.certified.max_regret)
            ));
        }
        notes.push("one equilibrium only; the game may have others".into());
        Ok(Solution {
            method: Method::SimpDiv,
            exact,
            complete: false,
            equilibria: vec![r.certified.equilibrium],
            components: Vec::new(),
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::fixtures::{bimatrix, chicken};

    fn regret_zero(g: &NormalForm) {
        let r = find_equilibrium(g, &SolveOptions::default()).unwrap();
        assert!(r.certified.is_exact());
        assert_eq!(g.max_regret(&r.certified.equilibrium.profile), crate::num::q(0));
    }

    #[test]
    fn chicken_gives_an_exact_equilibrium() {
        regret_zero(&chicken());
    }

    #[test]
    fn matching_pennies_mixed_equilibrium_is_found_exactly() {
        let g = bimatrix(&[&[1, -1], &[-1, 1]], &[&[-1, 1], &[1, -1]]);
        let r = find_equilibrium(&g, &SolveOptions::default()).unwrap();
        assert!(r.certified.is_exact());
        assert_eq!(r.certified.equilibrium.profile.probs[0], vec![crate::num::frac(1, 2), crate::num::frac(1, 2)]);
    }

    #[test]
    fn rock_paper_scissors_and_a_3x4_game() {
        regret_zero(&bimatrix(&[&[0, -1, 1], &[1, 0, -1], &[-1, 1, 0]], &[&[0, 1, -1], &[-1, 0, 1], &[1, -1, 0]]));
        regret_zero(&bimatrix(
            &[&[3, 0, 2, 1], &[1, 4, 0, 2], &[0, 2, 3, 5]],
            &[&[1, 2, 0, 3], &[4, 0, 1, 2], &[2, 3, 4, 0]],
        ));
    }
}
