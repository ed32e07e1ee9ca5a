//! Exact repair of a guessed basis, without a tableau.
//!
//! The float phase perturbs the right-hand sides (see `float.rs`), so the basis it proposes is
//! optimal for a problem a little different from the real one. Where the real problem has a
//! vertex with tiny coordinates (CE polytopes of 12x12 games have vertices with probabilities of
//! order 1e-9: their determinants have hundreds of bits), that basis can be infeasible by such a
//! tiny amount, or a reduced cost can be positive by one, and the exact certificate fails. The old
//! way out, the exact tableau (move it to the guessed basis, and from scratch if the basis is
//! infeasible), costs minutes at that size: every pivot rewrites a few hundred rows of big
//! integers.
//!
//! [`IntegerForm::repair`] goes on from the guessed basis in the *revised* form instead: each step
//! solves only the small systems of the basis (`A_TS`, the rows `T` whose identity column is not
//! basic against the basic columns `S` that are not identity columns; see
//! [`IntegerForm::certify`]), exactly, by the modular method or fraction-free elimination, and
//! makes one exact pivot decision:
//! 1. *Dual phase*, when the basis is primal infeasible: the objective is first shifted so that the
//!    basis is dual feasible (each positive reduced cost `r_j` is subtracted from `c_j`, the cost
//!    shifting of dual simplex codes), then dual simplex pivots (leaving: the smallest infeasible
//!    basic column; entering: the minimum ratio `|r_j| / |α_j|`, ties to the smallest column,
//!    Bland's rule for the dual) until the basis is primal feasible.
//! 2. *Primal phase*, with the real objective: primal simplex pivots by Bland's rule (entering: the
//!    smallest column with a positive reduced cost; leaving: the minimum ratio, ties to the
//!    smallest basic column) until no reduced cost is positive.
//!
//! Both rules are exact and cannot cycle. The result is only a *proposal*: callers certify it
//! with the same exact checks as any float guess ([`IntegerForm::certify`],
//! [`super::ObjectiveFamily::certify`]), so a bug here could cost time, never correctness.
//! After [`MAX_REPAIR_STEPS`] pivots the repair gives up and the caller goes on as before.

use super::{BasisSplit, IntegerForm, MODULAR_FROM};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::cmp::Ordering;

/// The most pivots (of both phases together) [`IntegerForm::repair`] makes before giving up. The
/// failures it is for take a handful; each pivot costs two exact solves of the basis systems.
pub(super) const MAX_REPAIR_STEPS: usize = 200;

/// What [`IntegerForm::repair`] did: the pivots of each phase (for tests and benchmarks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RepairStats {
    /// Dual simplex pivots (towards primal feasibility).
    pub dual_pivots: usize,
    /// Primal simplex pivots (towards optimality).
    pub primal_pivots: usize,
}

/// The exact solution of one basis: `x_S = xs / det`, identity rows' values `xr[i] / det` (for
/// the rows whose identity column is basic), the duals `y_T = ys / ydet` of one objective row
/// (`det > 0`, `ydet > 0`; only signs and ratios of the `x` are needed, so `det` is not kept).
struct Factored {
    basic: Vec<bool>,
    s_cols: Vec<usize>,
    t_rows: Vec<usize>,
    /// Per row: its identity column is basic.
    row_free: Vec<bool>,
    xs: Vec<BigInt>,
    /// Per row (only rows in `row_free` are meaningful): `det ·` the value of its identity column.
    xr: Vec<BigInt>,
    ys: Vec<BigInt>,
    ydet: BigInt,
}

/// A basic variable that is out of its bounds: `below` if it is negative (it must increase),
/// otherwise a basic artificial variable that is positive (it must decrease to 0).
struct Infeasible {
    col: usize,
    /// Its position: `Ok(q)` for `s_cols[q]`, `Err(i)` for the identity column of row `i`.
    at: Result<usize, usize>,
    below: bool,
}

impl IntegerForm<'_> {
    /// Exact simplex pivots from the basis `start` (one column per row, as the float phase
    /// proposes) to a basis optimal for the objective row `row` (in the form of
    /// [`IntegerForm::phase2`]: `−c` on the columns, maximizing `c`); see the module
    /// documentation. `None` if `start` is singular or malformed, if the problem looks infeasible
    /// or unbounded from there, or after [`MAX_REPAIR_STEPS`] pivots.
    pub(super) fn repair(&self, start: &[usize], row: &[BigInt]) -> Option<(Vec<usize>, RepairStats)> {
        let mut basis = start.to_vec();
        let mut stats = RepairStats::default();
        let mut f = self.factor(&basis, row)?;
        if self.infeasible(&f).is_some() {
            // Shift the costs so that `basis` is dual feasible: c'_j = c_j − r_j for each column
            // with r_j > 0. In the integer rows, scaled by ydet > 0: row' = ydet · row + R⁺.
            let mut shifted: Vec<BigInt> = row.iter().map(|a| a * &f.ydet).collect();
            for j in self.enterable(&f) {
                let r = self.reduced(&f, row, j);
                if r.is_positive() {
                    shifted[j] += r;
                }
            }
            f = self.factor(&basis, &shifted)?;
            while let Some(out) = self.infeasible(&f) {
                if stats.dual_pivots + stats.primal_pivots >= MAX_REPAIR_STEPS {
                    return None;
                }
                let entering = self.dual_ratio_test(&f, &shifted, &out)?;
                let slot = basis.iter().position(|&c| c == out.col)?;
                basis[slot] = entering;
                stats.dual_pivots += 1;
                f = self.factor(&basis, &shifted)?;
            }
            f = self.factor(&basis, row)?;
        }
        loop {
            let Some(entering) = self.enterable(&f).find(|&j| self.reduced(&f, row, j).is_positive()) else {
                basis.sort_unstable();
                return Some((basis, stats));
            };
            if stats.dual_pivots + stats.primal_pivots >= MAX_REPAIR_STEPS {
                return None;
            }
            let leaving = self.primal_ratio_test(&f, entering)?;
            let slot = basis.iter().position(|&c| c == leaving)?;
            basis[slot] = entering;
            stats.primal_pivots += 1;
            f = self.factor(&basis, row)?;
        }
    }

    /// Solves the basis `basis` exactly for its basic solution and the duals of `row`, without
    /// any feasibility check; `None` if it is singular or malformed.
    fn factor(&self, basis: &[usize], row: &[BigInt]) -> Option<Factored> {
        let m = self.lp.constraints.len();
        let BasisSplit { basic, row_free, s_cols, t_rows } = self.split_basis(basis)?;
        if basis.len() != m {
            return None;
        }
        let a = |i: usize, k: usize| &self.coef[i][k];
        let mat: Vec<Vec<BigInt>> = t_rows.iter().map(|&i| s_cols.iter().map(|&k| a(i, k).clone()).collect()).collect();
        let b: Vec<BigInt> = t_rows.iter().map(|&i| self.rhs[i].clone()).collect();
        let c: Vec<BigInt> = s_cols.iter().map(|&k| -&row[k]).collect();
        let both = (s_cols.len() >= MODULAR_FROM)
            .then(|| super::super::modular::solve_both(&mat, std::slice::from_ref(&b), std::slice::from_ref(&c)))
            .flatten();
        let (xs, det, ys, ydet) = match both {
            Some((mut xs, mut ys, det)) => (xs.pop()?, det.clone(), ys.pop()?, det),
            None => {
                let primal: Vec<Vec<BigInt>> =
                    mat.iter().zip(&b).map(|(r, bi)| r.iter().cloned().chain([bi.clone()]).collect()).collect();
                let (mut xs, det) = super::solve_system(&primal, 1)?;
                let dual: Vec<Vec<BigInt>> = (0..s_cols.len())
                    .map(|q| mat.iter().map(|r| r[q].clone()).chain([c[q].clone()]).collect())
                    .collect();
                let (mut ys, ydet) = super::solve_system(&dual, 1)?;
                (xs.pop()?, det, ys.pop()?, ydet)
            }
        };
        let mut xr = vec![BigInt::zero(); m];
        for i in (0..m).filter(|&i| row_free[i]) {
            let mut v = &det * &self.rhs[i];
            for (&k, x) in s_cols.iter().zip(&xs) {
                let c = a(i, k);
                if !c.is_zero() && !x.is_zero() {
                    v -= c * x;
                }
            }
            xr[i] = v;
        }
        Some(Factored { basic, s_cols, t_rows, row_free, xs, xr, ys, ydet })
    }

    /// The non-basic columns that may enter the basis (not artificial), in increasing order.
    fn enterable<'f>(&'f self, f: &'f Factored) -> impl Iterator<Item = usize> + 'f {
        (0..self.sf.cols.len()).filter(move |&j| !f.basic[j] && !self.sf.is_artificial(j))
    }

    /// `ydet · r_j` for the objective row `row` whose duals `f` holds.
    fn reduced(&self, f: &Factored, row: &[BigInt], j: usize) -> BigInt {
        let mut r = -(&f.ydet * &row[j]);
        for (&i, y) in f.t_rows.iter().zip(&f.ys) {
            let c = &self.coef[i][j];
            if !c.is_zero() && !y.is_zero() {
                r -= y * c;
            }
        }
        r
    }

    /// The basic variable out of bounds with the smallest column index, if any.
    fn infeasible(&self, f: &Factored) -> Option<Infeasible> {
        let mut best: Option<Infeasible> = None;
        let mut consider = |cand: Infeasible| {
            if best.as_ref().is_none_or(|b| cand.col < b.col) {
                best = Some(cand);
            }
        };
        for (q, x) in f.xs.iter().enumerate() {
            if x.is_negative() {
                consider(Infeasible { col: f.s_cols[q], at: Ok(q), below: true });
            }
        }
        for i in (0..f.row_free.len()).filter(|&i| f.row_free[i]) {
            let col = self.sf.identity_col[i];
            let v = &f.xr[i];
            if v.is_negative() {
                consider(Infeasible { col, at: Err(i), below: true });
            } else if v.is_positive() && self.sf.is_artificial(col) {
                consider(Infeasible { col, at: Err(i), below: false });
            }
        }
        best
    }

    /// The dual simplex ratio test for the leaving variable `out`: the entering column, or `None`
    /// if no column can restore it (the problem is infeasible).
    ///
    /// With the basic solution written `x_B = β − Σ_j α_j x_j` over the non-basic columns, the row
    /// of `out` is `α_j = (B⁻¹ A_j)_out`: for a column of `S` at position `q`, `α_j = u · A_Tj`
    /// with `A_TSᵀ u = e_q`; for the identity column of a row `i`, `α_j = A_ij − u · A_Tj` with
    /// `A_TSᵀ u = A_iSᵀ` (both scaled by the solve's positive denominator).
    fn dual_ratio_test(&self, f: &Factored, row: &[BigInt], out: &Infeasible) -> Option<usize> {
        let k = f.s_cols.len();
        let g: Vec<BigInt> = match out.at {
            Ok(q) => (0..k).map(|p| BigInt::from(u8::from(p == q))).collect(),
            Err(i) => f.s_cols.iter().map(|&s| self.coef[i][s].clone()).collect(),
        };
        let system: Vec<Vec<BigInt>> = (0..k)
            .map(|p| f.t_rows.iter().map(|&t| self.coef[t][f.s_cols[p]].clone()).chain([g[p].clone()]).collect())
            .collect();
        let (mut us, udet) = super::solve_system(&system, 1)?;
        let u = us.pop()?;
        let alpha = |j: usize| -> BigInt {
            let mut s = BigInt::zero();
            for (&t, ut) in f.t_rows.iter().zip(&u) {
                let c = &self.coef[t][j];
                if !c.is_zero() && !ut.is_zero() {
                    s += ut * c;
                }
            }
            match out.at {
                Ok(_) => s,
                Err(i) => &udet * &self.coef[i][j] - s,
            }
        };
        // Eligible: α_j < 0 when `out` must increase, α_j > 0 when it must decrease. Minimize
        // |r_j| / |α_j| (r_j <= 0 by dual feasibility), ties to the smallest column.
        let mut best: Option<(usize, BigInt, BigInt)> = None;
        for j in self.enterable(f) {
            let a = alpha(j);
            let eligible = if out.below { a.is_negative() } else { a.is_positive() };
            if !eligible {
                continue;
            }
            let r = self.reduced(f, row, j).abs();
            let a = a.abs();
            let better = match &best {
                None => true,
                Some((_, br, ba)) => (&r * ba).cmp(&(br * &a)) == Ordering::Less,
            };
            if better {
                best = Some((j, r, a));
            }
        }
        best.map(|(j, _, _)| j)
    }

    /// The primal simplex ratio test for the entering column `j`: the leaving basic column, or
    /// `None` if nothing blocks (the objective is unbounded along `j`).
    ///
    /// The column `v = B⁻¹ A_j`: `v_S` solves `A_TS v_S = A_Tj`, and an identity row `i` has
    /// `v_i = A_ij − A_iS v_S` (scaled by the solve's positive denominator). A basic artificial
    /// variable (at zero) blocks whichever way it would move.
    fn primal_ratio_test(&self, f: &Factored, j: usize) -> Option<usize> {
        let system: Vec<Vec<BigInt>> = f
            .t_rows
            .iter()
            .map(|&t| f.s_cols.iter().map(|&s| self.coef[t][s].clone()).chain([self.coef[t][j].clone()]).collect())
            .collect();
        let (mut vs, vdet) = super::solve_system(&system, 1)?;
        let v = vs.pop()?;
        // Candidates (basic column, x scaled by det, v scaled by vdet); the ratio x / v compares
        // by cross-multiplication since both scales are positive and common.
        let mut best: Option<(usize, BigInt, BigInt)> = None;
        let mut consider = |col: usize, x: BigInt, a: BigInt| {
            let better = match &best {
                None => true,
                Some((bc, bx, ba)) => match (&x * ba).cmp(&(bx * &a)) {
                    Ordering::Less => true,
                    Ordering::Equal => col < *bc,
                    Ordering::Greater => false,
                },
            };
            if better {
                best = Some((col, x, a));
            }
        };
        for (q, (x, a)) in f.xs.iter().zip(&v).enumerate() {
            if a.is_positive() {
                consider(f.s_cols[q], x.clone(), a.clone());
            }
        }
        for i in (0..f.row_free.len()).filter(|&i| f.row_free[i]) {
            let col = self.sf.identity_col[i];
            let mut a = &vdet * &self.coef[i][j];
            for (&s, vs) in f.s_cols.iter().zip(&v) {
                let c = &self.coef[i][s];
                if !c.is_zero() && !vs.is_zero() {
                    a -= c * vs;
                }
            }
            if self.sf.is_artificial(col) && !a.is_zero() {
                consider(col, BigInt::zero(), a.abs());
            } else if a.is_positive() {
                consider(col, f.xr[i].clone(), a);
            }
        }
        best.map(|(c, _, _)| c)
    }
}
