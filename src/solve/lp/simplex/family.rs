//! Many objectives over one feasible region: the LPs behind payoff regions.
//!
//! A payoff region (the image of a polytope `P = {x : A x (<=|=|>=) b, x >= 0}` under a linear
//! map `x ↦ (c_1·x, …, c_d·x)`) is found by maximizing many combinations `Σ_k w_k c_k` over the same
//! `P`. Solving each as a fresh [`LinearProgram`] repeats the same work: the float phase starts
//! from the slack basis every time, and the exact certificate of a direction whose weights are long
//! fractions (the normal of an edge between two vertices with 40-digit coordinates) runs its dual
//! solve in big integers.
//!
//! [`ObjectiveFamily`] splits the two halves instead:
//! - [`ObjectiveFamily::float_basis`] runs the float simplex for a direction, warm-started from
//!   the basis of the previous direction (a few pivots where a cold start takes hundreds), and
//!   returns the basis it believes optimal;
//! - [`ObjectiveFamily::certify`] checks a basis exactly, once: its basic solution `x` (primal
//!   feasibility, exactly) and, for each base objective `c_k` separately, its reduced costs. The
//!   set of directions `w` for which the basis is optimal is then the exact polyhedral cone
//!   `{w : Σ_k w_k r_jk <= 0 for every non-basic column j}`, and
//!   [`CertifiedVertex::is_optimal_for`] tests any exact direction against it without another
//!   solve. The dual solves have the small base objectives as right-hand sides, never the long
//!   direction weights.
//!
//! A certified vertex is a proof: `x` is a feasible point of `P` (so its values are attained) and,
//! for every direction `w` in its cone, `max_P Σ_k w_k c_k·x` equals its value at `x` (the reduced
//! costs are a dual certificate). The float phase only proposes bases; a wrong proposal is caught
//! by the exact checks and costs time, never correctness.

use super::float::FloatFamily;
use super::repair::RepairStats;
use super::{scaled, Col, IntegerForm, LinearProgram, PrimalBasis};
use crate::error::Result;
use crate::num::{common_denominator, Q};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// Linear objectives `c_1, …, c_d` over the feasible region of one linear program; see the module
/// documentation.
pub struct ObjectiveFamily<'a> {
    form: IntegerForm<'a>,
    /// Per base objective: its row in the form of the phase-2 row of [`IntegerForm`] (maximizing
    /// `mult_k · c_k`, as integers).
    rows: Vec<Vec<BigInt>>,
    /// Per base objective: the positive factor `mult_k` that makes it integral.
    mults: Vec<BigInt>,
    /// The warm-started float phase (`None` if its phase 1 failed).
    float: Option<FloatFamily>,
}

/// A basis of the standard form, as proposed by [`ObjectiveFamily::float_basis`]: one column per
/// constraint row, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Basis(Vec<usize>);

/// A basis certified exactly by [`ObjectiveFamily::certify`]: its basic feasible solution, the
/// base objectives' values there, and the exact cone of directions for which it is optimal.
#[derive(Debug, Clone)]
pub struct CertifiedVertex {
    /// The basic solution (a vertex of the feasible region), one value per variable; see
    /// [`CertifiedVertex::x`].
    x: Vec<(usize, bool, BigInt)>,
    /// The common denominator of `x`.
    det: BigInt,
    /// The number of variables.
    num_vars: usize,
    /// `c_k · x` for each base objective.
    pub values: Vec<Q>,
    /// For each non-basic column that may enter, one integer per base objective: its reduced cost
    /// times the positive factor `ydet · mult_k`.
    reduced: Vec<Vec<BigInt>>,
    /// `mult_k` per base objective.
    mults: Vec<BigInt>,
}

impl CertifiedVertex {
    /// The basic solution (a vertex of the feasible region), one value per variable.
    pub fn x(&self) -> Vec<Q> {
        let mut x = vec![Q::zero(); self.num_vars];
        for (j, minus, v) in &self.x {
            let v = Q::new(v.clone(), self.det.clone());
            if *minus {
                x[*j] -= v;
            } else {
                x[*j] += v;
            }
        }
        x
    }

    /// True if this vertex maximizes `Σ_k w[k] · c_k·x` over the whole feasible region, proven by
    /// the exact reduced costs: no column that may enter improves the objective `Σ_k w_k c_k`.
    /// Missing weights count as 0.
    pub fn is_optimal_for(&self, w: &[Q]) -> bool {
        // Σ_k w_k r_jk = Σ_k (w_k / mult_k) R_jk / ydet with ydet > 0: scale the weights
        // w_k / mult_k to integers by a positive factor and test the sign of each column.
        let Some(ints) = integer_weights(&self.mults, w) else { return true };
        self.reduced.iter().all(|r| {
            let mut s = BigInt::zero();
            for (a, b) in ints.iter().zip(r) {
                if !a.is_zero() && !b.is_zero() {
                    s += a * b;
                }
            }
            !s.is_positive()
        })
    }
}

/// The weights `w_k / mult_k` scaled by a positive factor to coprime integers (the objective
/// `Σ_k w_k c_k` in terms of the integer rows `mult_k c_k`); `None` if they are all zero. Missing
/// weights count as 0.
fn integer_weights(mults: &[BigInt], w: &[Q]) -> Option<Vec<BigInt>> {
    let weights: Vec<Q> = mults
        .iter()
        .enumerate()
        .map(|(k, m)| w.get(k).map_or_else(Q::zero, |wk| wk / Q::from_integer(m.clone())))
        .collect();
    let l = common_denominator(&weights);
    let ints: Vec<BigInt> = weights.iter().map(|x| scaled(x, &l)).collect();
    let g = ints.iter().fold(BigInt::zero(), |acc, x| acc.gcd(x));
    if g.is_zero() {
        return None;
    }
    Some(ints.iter().map(|x| x / &g).collect())
}

impl<'a> ObjectiveFamily<'a> {
    /// The family of objectives `objectives` (each one coefficient per variable of `lp`; shorter
    /// ones are padded with zeros) over the feasible region of `lp`, whose own objective and sense
    /// are ignored. Fails only if `lp` is malformed.
    pub fn new(lp: &'a LinearProgram, objectives: &[Vec<Q>]) -> Result<ObjectiveFamily<'a>> {
        lp.validate()?;
        let form = IntegerForm::new(lp);
        let w = form.sf.cols.len();
        let mut rows = Vec::with_capacity(objectives.len());
        let mut mults = Vec::with_capacity(objectives.len());
        let mut costs = Vec::with_capacity(objectives.len());
        let zero = Q::zero();
        for c in objectives {
            let coef = |j: usize| c.get(j).unwrap_or(&zero);
            let mult = common_denominator(c);
            // The objective row `z − mult · c·x = 0`, as in `IntegerForm::new` (maximizing).
            let mut row: Vec<BigInt> = form
                .sf
                .cols
                .iter()
                .map(|col| match *col {
                    Col::Plus(j) => -scaled(coef(j), &mult),
                    Col::Minus(j) => scaled(coef(j), &mult),
                    Col::Surplus | Col::Identity { .. } => BigInt::zero(),
                })
                .collect();
            row.push(BigInt::from(1));
            row.push(BigInt::zero());
            let f = |x: &Q| x.to_f64().unwrap_or(f64::NAN);
            costs.push(
                form.sf
                    .cols
                    .iter()
                    .map(|col| match *col {
                        Col::Plus(j) => f(coef(j)),
                        Col::Minus(j) => -f(coef(j)),
                        Col::Surplus | Col::Identity { .. } => 0.0,
                    })
                    .collect::<Vec<f64>>(),
            );
            debug_assert_eq!(row.len(), w + 2);
            rows.push(row);
            mults.push(mult);
        }
        let float = FloatFamily::new(form.float_problem(), costs);
        Ok(ObjectiveFamily { form, rows, mults, float })
    }

    /// The float phase's guess of an optimal basis for the direction `Σ_k w[k] · c_k`, warm-started
    /// from the previous direction's basis, with its (approximate) objective values. `None` if the
    /// float phase cannot tell (numerical trouble, no feasible point found, or an unbounded
    /// direction): use an exact [`LinearProgram::solve`] then.
    pub fn float_basis(&mut self, w: &[f64]) -> Option<(Basis, Vec<f64>)> {
        let (mut basis, values) = self.float.as_mut()?.optimize(w)?;
        basis.sort_unstable();
        Some((Basis(basis), values))
    }

    /// Makes the float phase start over from phase 1: after a proposed basis fails
    /// [`ObjectiveFamily::certify`] (the warm-started dictionary may have drifted), a fresh one
    /// often proposes a good basis for the same direction.
    pub fn restart_float(&mut self) {
        if let Some(f) = self.float.as_mut() {
            if f.restart().is_none() {
                self.float = None;
            }
        }
    }

    /// A basis optimal for the direction `Σ_k w[k] · c_k`, reached by exact simplex pivots from
    /// `start` (a float guess that failed [`ObjectiveFamily::certify`], or a certified basis that
    /// is not optimal for `w`), and certified: see `repair.rs`. `None` if the repair gives up (or
    /// `w` is zero); then solve the direction as a fresh [`LinearProgram`].
    pub fn repair(&self, start: &Basis, w: &[Q]) -> Option<(Basis, CertifiedVertex, RepairStats)> {
        let ints = integer_weights(&self.mults, w)?;
        let width = self.form.sf.cols.len();
        let mut row = vec![BigInt::zero(); width + 2];
        for (r, wk) in self.rows.iter().zip(&ints) {
            if wk.is_zero() {
                continue;
            }
            for (x, a) in row.iter_mut().zip(r).take(width) {
                if !a.is_zero() {
                    *x += wk * a;
                }
            }
        }
        let (basis, stats) = self.form.repair(&start.0, &row)?;
        let basis = Basis(basis);
        let cert = self.certify(&basis)?;
        Some((basis, cert, stats))
    }

    /// Certifies `basis` exactly: `None` if it is singular or its basic solution is infeasible;
    /// otherwise its vertex, with the cone of directions for which it is optimal.
    pub fn certify(&self, basis: &Basis) -> Option<CertifiedVertex> {
        let form = &self.form;
        let rows: Vec<&[BigInt]> = self.rows.iter().map(Vec::as_slice).collect();
        let mut p: PrimalBasis = form.primal_basis(&basis.0, &rows)?;
        let (ys, ydet) = match p.duals.take() {
            Some(d) => d,
            None => form.dual_basis(&p, &rows)?,
        };
        let w = form.sf.cols.len();
        let reduced = (0..w)
            .filter(|&j| !p.basic[j] && !form.sf.is_artificial(j))
            .map(|j| rows.iter().zip(&ys).map(|(row, y)| form.reduced_cost(&p, row, y, &ydet, j)).collect())
            .collect();
        let values = rows
            .iter()
            .zip(&self.mults)
            .map(|(row, mult)| {
                let mut total = BigInt::zero();
                for (&k, v) in p.s_cols.iter().zip(&p.xs) {
                    if !row[k].is_zero() && !v.is_zero() {
                        total -= &row[k] * v;
                    }
                }
                Q::new(total, &p.det * mult)
            })
            .collect();
        let x = p
            .s_cols
            .iter()
            .zip(&p.xs)
            .filter(|(_, v)| !v.is_zero())
            .filter_map(|(&k, v)| match form.sf.cols[k] {
                Col::Plus(j) => Some((j, false, v.clone())),
                Col::Minus(j) => Some((j, true, v.clone())),
                _ => None,
            })
            .collect();
        Some(CertifiedVertex {
            x,
            det: p.det,
            num_vars: form.lp.num_vars(),
            values,
            reduced,
            mults: self.mults.clone(),
        })
    }
}
