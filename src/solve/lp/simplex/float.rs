//! The floating-point phase of the hybrid exact LP: a dense two-phase simplex method in `f64`
//! whose only product is a *candidate* optimal basis. Nothing it computes is reported: the exact
//! code rebuilds the basis in integer arithmetic and certifies it (see the parent module), so a
//! wrong guess here costs time, never correctness.
//!
//! The method works on the same standard form as the exact tableau (`A x = b`, `b >= 0`, an
//! identity column per row, artificial where the row is `=` or `>=`), kept as a condensed
//! dictionary: one row per basic variable, one column per non-basic one. Entering variables are
//! chosen by the largest reduced cost (Dantzig), switching to the smallest index (Bland) after
//! many pivots so that degenerate problems, such as the correlated-equilibrium programs whose
//! right-hand sides are almost all zero, cannot cycle; the ratio test prefers the largest pivot
//! element among near-ties, for stability.

/// What the float phase found.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum FloatOutcome {
    /// A basis that looks optimal, one standard-form column per constraint row, and the
    /// objective value it seems to give.
    Optimal { basis: Vec<usize>, value: f64 },
    /// The phase-1 optimum looks negative.
    Infeasible,
    /// An improving column without a blocking row.
    Unbounded,
    /// Numerical trouble or too many pivots: no guess.
    Failed,
}

/// A problem in standard form, in floats: `rows[i] · x = rhs[i]`, `x >= 0`, maximize `cost · x`.
#[derive(Clone)]
pub(super) struct FloatProblem {
    pub rows: Vec<Vec<f64>>,
    pub rhs: Vec<f64>,
    pub cost: Vec<f64>,
    /// Columns that are artificial: they may leave the basis but never enter it.
    pub artificial: Vec<bool>,
    /// The starting basis (the identity columns), one per row.
    pub basis: Vec<usize>,
}

/// Pivot elements and reduced costs smaller than this (after scaling) count as zero.
const EPS: f64 = 1e-9;

struct Dictionary {
    m: usize,
    /// Non-basic columns, in dictionary order.
    nonbasic: Vec<usize>,
    basis: Vec<usize>,
    /// `t[i * n + j]`: `x_basis[i] = beta[i] - Σ_j t[i][j] x_nonbasic[j]`.
    t: Vec<f64>,
    beta: Vec<f64>,
    /// Reduced costs of the non-basic columns for the current objective, and its value.
    d: Vec<f64>,
    z: f64,
    /// Columns that may enter.
    allowed: Vec<bool>,
}

impl Dictionary {
    fn n(&self) -> usize {
        self.nonbasic.len()
    }

    fn set_objective(&mut self, cost: &[f64]) {
        let n = self.n();
        self.d = self.nonbasic.iter().map(|&k| cost[k]).collect();
        self.z = 0.0;
        for i in 0..self.m {
            let cb = cost[self.basis[i]];
            if cb == 0.0 {
                continue;
            }
            self.z += cb * self.beta[i];
            let row = &self.t[i * n..(i + 1) * n];
            for (d, a) in self.d.iter_mut().zip(row) {
                *d -= cb * a;
            }
        }
    }

    fn pivot(&mut self, r: usize, e: usize) {
        let n = self.n();
        let p = self.t[r * n + e];
        let (before, rest) = self.t.split_at_mut(r * n);
        let (prow, after) = rest.split_at_mut(n);
        for (j, x) in prow.iter_mut().enumerate() {
            *x = if j == e { 1.0 / p } else { *x / p };
        }
        self.beta[r] /= p;
        let br = self.beta[r];
        let (beta_before, beta_rest) = self.beta.split_at_mut(r);
        for (row, beta) in
            before.chunks_mut(n).chain(after.chunks_mut(n)).zip(beta_before.iter_mut().chain(beta_rest[1..].iter_mut()))
        {
            let f = row[e];
            if f == 0.0 {
                continue;
            }
            for (x, &a) in row.iter_mut().zip(prow.iter()) {
                *x -= f * a;
            }
            // Column e of the pivot row now holds 1/p: the entry becomes -f/p as required.
            row[e] = -f * prow[e];
            *beta -= f * br;
        }
        let f = self.d[e];
        if f != 0.0 {
            for (d, &a) in self.d.iter_mut().zip(prow.iter()) {
                *d -= f * a;
            }
            self.d[e] = -f * prow[e];
            self.z += f * br;
        }
        std::mem::swap(&mut self.basis[r], &mut self.nonbasic[e]);
    }

    /// Runs the simplex method on the current objective. `Some(true)`: optimal; `Some(false)`:
    /// unbounded; `None`: the pivot budget ran out. Basic columns marked in `pinned` (artificial
    /// variables left at zero after phase 1) must stay at zero.
    fn optimize(&mut self, budget: &mut usize, pinned: &[bool]) -> Option<bool> {
        let n = self.n();
        let bland_after = *budget / 2;
        loop {
            let bland = *budget < bland_after;
            let mut entering: Option<usize> = None;
            for j in 0..n {
                if !self.allowed[self.nonbasic[j]] || self.d[j] <= EPS {
                    continue;
                }
                entering = match entering {
                    None => Some(j),
                    Some(b) if bland && self.nonbasic[j] < self.nonbasic[b] => Some(j),
                    Some(b) if !bland && self.d[j] > self.d[b] => Some(j),
                    keep => keep,
                };
            }
            let Some(e) = entering else { return Some(true) };
            let mut best: Option<(usize, f64)> = None;
            for i in 0..self.m {
                let a = self.t[i * n + e];
                // A basic artificial (left at zero by phase 1) must stay at zero: it blocks
                // whichever way the entering column moves it.
                let ratio = if pinned[self.basis[i]] && a.abs() > EPS {
                    0.0
                } else if a > EPS {
                    self.beta[i].max(0.0) / a
                } else {
                    continue;
                };
                best = match best {
                    None => Some((i, ratio)),
                    Some((b, br)) => {
                        let tie = (ratio - br).abs() <= 1e-12 * (1.0 + br.abs());
                        let better = if tie {
                            if bland {
                                self.basis[i] < self.basis[b]
                            } else {
                                a.abs() > self.t[b * n + e].abs()
                            }
                        } else {
                            ratio < br
                        };
                        if better {
                            Some((i, ratio))
                        } else {
                            Some((b, br))
                        }
                    }
                };
            }
            let Some((r, _)) = best else { return Some(false) };
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            self.pivot(r, e);
            if !self.z.is_finite() {
                return None;
            }
        }
    }
}

impl FloatProblem {
    /// Runs both phases and returns a candidate basis.
    pub(super) fn solve(mut self) -> FloatOutcome {
        let (mut dict, mut budget) = match self.phase1() {
            Ok(started) => started,
            Err(outcome) => return outcome,
        };
        let cs = self.cost.iter().fold(0.0f64, |acc, x| acc.max(x.abs()));
        if !cs.is_finite() {
            return FloatOutcome::Failed;
        }
        if cs > 0.0 {
            self.cost.iter_mut().for_each(|x| *x /= cs);
        }
        dict.set_objective(&self.cost);
        match dict.optimize(&mut budget, &self.artificial) {
            None => FloatOutcome::Failed,
            Some(false) => FloatOutcome::Unbounded,
            Some(true) => FloatOutcome::Optimal { basis: dict.basis, value: dict.z * cs },
        }
    }

    /// Scales and perturbs the rows, then runs phase 1: a dictionary at a feasible basis (free of
    /// artificial variables where a pivot can drive them out) and the pivot budget left, or the
    /// outcome when there is no feasible basis to go on from.
    fn phase1(&mut self) -> Result<(Dictionary, usize), FloatOutcome> {
        let m = self.rows.len();
        let w = self.cost.len();
        // Scale every row to a largest entry of 1.
        for (row, b) in self.rows.iter_mut().zip(self.rhs.iter_mut()) {
            let s = row.iter().fold(0.0f64, |acc, x| acc.max(x.abs()));
            if !s.is_finite() || !b.is_finite() {
                return Err(FloatOutcome::Failed);
            }
            if s > 0.0 {
                row.iter_mut().for_each(|x| *x /= s);
                *b /= s;
            }
        }
        // Perturb the right-hand sides by distinct tiny amounts: degenerate problems (the
        // correlated-equilibrium programs have zero right-hand sides almost everywhere) then have
        // no ties in the ratio test, so the float simplex cannot stall. The guess is checked
        // exactly against the unperturbed problem anyway.
        for (i, b) in self.rhs.iter_mut().enumerate() {
            *b += 1e-9 * (1.0 + ((i * 7919) % 1000) as f64 / 1000.0);
        }
        let mut is_basic = vec![false; w];
        for &b in &self.basis {
            is_basic[b] = true;
        }
        let nonbasic: Vec<usize> = (0..w).filter(|&k| !is_basic[k]).collect();
        let n = nonbasic.len();
        let mut t = Vec::with_capacity(m * n);
        for row in &self.rows {
            t.extend(nonbasic.iter().map(|&k| row[k]));
        }
        let mut dict = Dictionary {
            m,
            nonbasic,
            basis: self.basis.clone(),
            t,
            beta: self.rhs.clone(),
            d: Vec::new(),
            z: 0.0,
            allowed: self.artificial.iter().map(|a| !a).collect(),
        };
        let mut budget = 20 * (m + w) + 1000;
        if self.artificial.iter().any(|&a| a) {
            let phase1: Vec<f64> = self.artificial.iter().map(|&a| if a { -1.0 } else { 0.0 }).collect();
            dict.set_objective(&phase1);
            match dict.optimize(&mut budget, &vec![false; w]) {
                None => return Err(FloatOutcome::Failed),
                Some(false) => return Err(FloatOutcome::Failed), // phase 1 is bounded
                Some(true) => {}
            }
            if dict.z < -1e-7 {
                return Err(FloatOutcome::Infeasible);
            }
            // Drive artificial variables out of the basis where a usable pivot exists.
            for r in 0..m {
                if !self.artificial[dict.basis[r]] {
                    continue;
                }
                let row = &dict.t[r * n..(r + 1) * n];
                let e = (0..n)
                    .filter(|&j| dict.allowed[dict.nonbasic[j]] && row[j].abs() > 1e-7)
                    .max_by(|&a, &b| row[a].abs().total_cmp(&row[b].abs()));
                if let Some(e) = e {
                    dict.pivot(r, e);
                }
            }
        }
        Ok((dict, budget))
    }
}

/// The float phase for many objectives over one feasible region (see
/// [`super::ObjectiveFamily`]): phase 1 once, then each objective `Σ_k w_k cost_k` optimized from
/// the basis the previous one ended at. Neighbouring directions of a payoff region have
/// neighbouring optimal bases, so a warm start costs a few pivots where a cold one costs hundreds.
pub(super) struct FloatFamily {
    dict: Dictionary,
    /// The problem as it was before phase 1, to start over when the dictionary has drifted.
    problem: FloatProblem,
    /// One cost vector per objective, over the standard-form columns.
    costs: Vec<Vec<f64>>,
    /// The number of objectives optimized since the last fresh start.
    since_start: usize,
}

/// Fresh starts after this many warm-started objectives, so that rounding errors of the
/// accumulated pivots cannot pile up (a drifted dictionary proposes singular bases).
const RESTART_AFTER: usize = 60;

impl FloatFamily {
    /// Phase 1 on `problem` (its cost is ignored); `None` if the float phase finds no feasible basis.
    pub(super) fn new(problem: FloatProblem, costs: Vec<Vec<f64>>) -> Option<FloatFamily> {
        let (dict, _) = problem.clone().phase1().ok()?;
        Some(FloatFamily { dict, problem, costs, since_start: 0 })
    }

    /// Starts over from phase 1, dropping the accumulated rounding errors; the next objective is
    /// optimized from the phase-1 basis.
    pub(super) fn restart(&mut self) -> Option<()> {
        self.dict = self.problem.clone().phase1().ok()?.0;
        self.since_start = 0;
        Some(())
    }

    /// A basis that looks optimal for the objective `Σ_k w[k] · costs[k]`, and each objective's
    /// value there (approximate); `None` on numerical trouble or an unbounded objective.
    pub(super) fn optimize(&mut self, w: &[f64]) -> Option<(Vec<usize>, Vec<f64>)> {
        if self.since_start >= RESTART_AFTER {
            self.restart()?;
        }
        for attempt in 0..2 {
            if let Some(found) = self.try_optimize(w) {
                self.since_start += 1;
                return Some(found);
            }
            if attempt == 0 {
                self.restart()?;
            }
        }
        None
    }

    fn try_optimize(&mut self, w: &[f64]) -> Option<(Vec<usize>, Vec<f64>)> {
        let width = self.problem.cost.len();
        let mut cost = vec![0.0f64; width];
        for (c, &wk) in self.costs.iter().zip(w) {
            if wk != 0.0 {
                for (x, &ck) in cost.iter_mut().zip(c) {
                    *x += wk * ck;
                }
            }
        }
        let cs = cost.iter().fold(0.0f64, |acc, x| acc.max(x.abs()));
        if !cs.is_finite() {
            return None;
        }
        if cs > 0.0 {
            cost.iter_mut().for_each(|x| *x /= cs);
        }
        self.dict.set_objective(&cost);
        let mut budget = 20 * (self.dict.m + width) + 1000;
        if self.dict.optimize(&mut budget, &self.problem.artificial)? {
            let values = self
                .costs
                .iter()
                .map(|c| self.dict.basis.iter().zip(&self.dict.beta).map(|(&b, &x)| c[b] * x).sum())
                .collect();
            Some((self.dict.basis.clone(), values))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_basis() {
        // max 3x + 5y; x <= 4; 2y <= 12; 3x + 2y <= 18 (slacks 2, 3, 4): optimum x = 2, y = 6 with
        // the first slack basic.
        let p = FloatProblem {
            rows: vec![vec![1.0, 0.0, 1.0, 0.0, 0.0], vec![0.0, 2.0, 0.0, 1.0, 0.0], vec![3.0, 2.0, 0.0, 0.0, 1.0]],
            rhs: vec![4.0, 12.0, 18.0],
            cost: vec![3.0, 5.0, 0.0, 0.0, 0.0],
            artificial: vec![false; 5],
            basis: vec![2, 3, 4],
        };
        let FloatOutcome::Optimal { basis: mut b, value } = p.solve() else { panic!("expected an optimum") };
        b.sort_unstable();
        assert_eq!(b, vec![0, 1, 2]);
        assert!((value - 36.0).abs() < 1e-6, "{value}");
    }

    #[test]
    fn infeasible_and_unbounded() {
        // x + s = 1 (s a slack) and x - y + a = 2 (a artificial): x <= 1 cannot reach 2 + y.
        let p = FloatProblem {
            rows: vec![vec![1.0, 0.0, 1.0, 0.0], vec![1.0, -1.0, 0.0, 1.0]],
            rhs: vec![1.0, 2.0],
            cost: vec![1.0, 0.0, 0.0, 0.0],
            artificial: vec![false, false, false, true],
            basis: vec![2, 3],
        };
        assert_eq!(p.solve(), FloatOutcome::Infeasible);
        let p = FloatProblem {
            rows: vec![vec![1.0, -1.0, 1.0]],
            rhs: vec![1.0],
            cost: vec![1.0, 1.0, 0.0],
            artificial: vec![false; 3],
            basis: vec![2],
        };
        assert_eq!(p.solve(), FloatOutcome::Unbounded);
    }
}
