//! An exact two-phase simplex method over [`Q`] for small and medium dense linear programs.
//!
//! The problem is
//!
//! ```text
//! maximize (or minimize)  c·x
//! subject to              a_i·x  (<= | = | >=)  b_i     for every constraint i
//!                         x_j >= 0                      unless variable j is declared free
//! ```
//!
//! Free variables are split into a difference of two non-negative ones. Phase 1 minimizes the
//! sum of artificial variables to find a feasible basis; phase 2 optimizes the objective.
//! Both phases use Bland's rule (smallest eligible entering index, ties in the ratio test
//! broken by the smallest basic index), so the method never cycles, even on degenerate problems.
//! All arithmetic is exact: the optimum, the solution and the duals are exact rationals.
//!
//! # The hybrid method ([`LinearProgram::solve`])
//! Exact pivoting from the slack basis lets fractions grow with every pivot, so
//! [`LinearProgram::solve`] first runs a float simplex (`simplex/float.rs`) for a *guess* of the
//! optimal basis, then certifies the guess exactly: with `S` its basic columns other than slack
//! and artificial ones and `T` the rows whose slack is not basic, it solves `A_TS x_S = b_T` and
//! `y_T A_TS = c_S` by fraction-free elimination and checks primal feasibility (every basic
//! value `>= 0`, basic artificial variables `0`) and dual feasibility (no reduced cost of the
//! wrong sign). Those exact checks are an optimality certificate, so the answer is exactly what the
//! exact method would certify. If they fail, the exact tableau moves to the guessed basis and phase
//! 2 pivots on from there (Bland's rule); if the guess is infeasible or singular, or the float
//! phase reports infeasibility or unboundedness or gives up, the exact two-phase method below
//! decides alone ([`LinearProgram::solve_exact`]). Where the optimum is not unique the hybrid
//! method may return another optimal vertex than the exact one, with the same value; the duals
//! follow the conventions below in every case.
//!
//! # Arithmetic
//! The tableau is kept in integers, without fractions or gcds (fraction-free pivoting after
//! Edmonds and Bareiss): every constraint row is multiplied once by the common denominator of its
//! data, the objective likewise, and each pivot replaces an entry `a` by `(a·p − c·r) / det`, an
//! exact division by the previous pivot element. Entries are subdeterminants of the data, so they
//! stay small; they are held in `i64`, else in 256-bit integers, else in big integers, whichever is
//! the narrowest that suffices (see [`crate::solve::lp::tableau`]). The scalings do not change the
//! choices of Bland's rule, so the pivots, and the answers, are exactly those of the simplex
//! method on the rational tableau.
//!
//! # Dual values
//! [`LpOutcome::Optimal`] carries one dual value per constraint, as *shadow prices*:
//! `duals[i]` is the rate of change of the optimal value as `b_i` increases. With this
//! convention, for both senses:
//! - strong duality holds exactly: `value == Σ_i b_i · duals[i]`;
//! - complementary slackness: `duals[i] · (a_i·x − b_i) == 0` for every constraint;
//! - signs: when maximizing, `duals[i] >= 0` for `<=` rows and `<= 0` for `>=` rows; when
//!   minimizing, the reverse; `=` rows are unrestricted;
//! - reduced costs: with `r_j = c_j − Σ_i duals[i]·a_ij`, maximizing gives `r_j <= 0` for
//!   non-negative variables (minimizing: `r_j >= 0`), `r_j = 0` for free variables, and
//!   `x_j · r_j == 0`.

mod family;
mod float;
mod repair;

pub use family::{Basis, CertifiedVertex, ObjectiveFamily};
pub use repair::RepairStats;

use super::tableau::{Overflow, TabInt, Tableau, NONBASIC};
use crate::error::{Error, Result};
use crate::num::{common_denominator, Q};
use ethnum::I256;
use float::{FloatOutcome, FloatProblem};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The relation of a constraint row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// `a·x <= b`
    Le,
    /// `a·x = b`
    Eq,
    /// `a·x >= b`
    Ge,
}

/// Whether to maximize or minimize the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// Maximize `c·x`.
    Maximize,
    /// Minimize `c·x`.
    Minimize,
}

/// One constraint row `coeffs·x (relation) rhs`.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// Coefficients, one per variable (shorter vectors are padded with zeros).
    pub coeffs: Vec<Q>,
    /// The relation.
    pub relation: Relation,
    /// Right-hand side.
    pub rhs: Q,
}

/// A linear program over `num_vars` variables; see the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearProgram {
    /// Maximize or minimize.
    pub sense: Sense,
    /// Objective coefficients, one per variable; its length is the number of variables.
    pub objective: Vec<Q>,
    /// The constraints.
    pub constraints: Vec<Constraint>,
    /// `free[j]` is true if variable `j` has no sign constraint (missing entries mean `x_j >= 0`).
    pub free: Vec<bool>,
}

/// An optimal solution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LpSolution {
    /// Optimal values of the variables.
    pub x: Vec<Q>,
    /// Optimal objective value.
    pub value: Q,
    /// One dual value (shadow price) per constraint; see the module documentation for signs.
    pub duals: Vec<Q>,
}

/// What the simplex method found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LpOutcome {
    /// An optimal solution exists; here is one (a basic optimal solution).
    Optimal(LpSolution),
    /// No point satisfies the constraints.
    Infeasible,
    /// The objective is unbounded over the feasible set.
    Unbounded,
}

impl LinearProgram {
    /// A problem maximizing `objective·x` with no constraints yet and all variables `>= 0`.
    pub fn maximize(objective: Vec<Q>) -> LinearProgram {
        LinearProgram { sense: Sense::Maximize, objective, constraints: Vec::new(), free: Vec::new() }
    }

    /// A problem minimizing `objective·x` with no constraints yet and all variables `>= 0`.
    pub fn minimize(objective: Vec<Q>) -> LinearProgram {
        LinearProgram { sense: Sense::Minimize, objective, constraints: Vec::new(), free: Vec::new() }
    }

    /// Number of variables (the length of the objective).
    pub fn num_vars(&self) -> usize {
        self.objective.len()
    }

    /// Adds the constraint `coeffs·x (relation) rhs`.
    pub fn constrain(&mut self, coeffs: Vec<Q>, relation: Relation, rhs: Q) -> &mut Self {
        self.constraints.push(Constraint { coeffs, relation, rhs });
        self
    }

    /// Declares variable `j` free (unrestricted in sign).
    pub fn set_free(&mut self, j: usize) -> &mut Self {
        if self.free.len() <= j {
            self.free.resize(j + 1, false);
        }
        self.free[j] = true;
        self
    }

    fn is_free(&self, j: usize) -> bool {
        self.free.get(j).copied().unwrap_or(false)
    }

    /// Checks that the problem is well formed.
    fn validate(&self) -> Result<()> {
        let n = self.num_vars();
        if let Some((i, c)) = self.constraints.iter().enumerate().find(|(_, c)| c.coeffs.len() > n) {
            return Err(Error::Internal(format!(
                "linear program: constraint {} has {} coefficients for {n} variables",
                i + 1,
                c.coeffs.len()
            )));
        }
        if self.free.len() > n && self.free[n..].iter().any(|&f| f) {
            return Err(Error::Internal("linear program: a free flag refers to a non-existent variable".into()));
        }
        Ok(())
    }

    /// Solves the problem exactly, by the hybrid method of the module documentation (a float
    /// simplex guesses the optimal basis, exact arithmetic certifies it). Fails only if the problem
    /// is malformed (a constraint with more coefficients than there are variables, or a free-flag
    /// for a non-existent variable).
    pub fn solve(&self) -> Result<LpOutcome> {
        self.validate()?;
        let outcome = solve_hybrid(self)?.0;
        // In the crate's unit tests, every LP any module solves (correlated equilibria, regions,
        // minmax, dominance, `lp`, the sequence form) is also solved by the exact simplex alone,
        // and the two must agree.
        #[cfg(test)]
        tests::cross_check(self, &outcome);
        Ok(outcome)
    }

    /// Solves the problem with the exact simplex method alone, from the slack basis (Bland's rule
    /// throughout). The answer is as exact as [`LinearProgram::solve`]'s, the same optimal value,
    /// though possibly another optimal vertex; it is kept as the reference the hybrid method is
    /// tested and measured against.
    pub fn solve_exact(&self) -> Result<LpOutcome> {
        self.validate()?;
        solve_lp(&IntegerForm::new(self))
    }

    /// Runs only the floating-point phase of [`LinearProgram::solve`] and returns its guess of the
    /// optimal value (`None` if it found no optimum). An approximation for benchmarks, which report
    /// the exact method's time as a multiple of this one; never use it as an answer.
    #[doc(hidden)]
    pub fn float_phase_value(&self) -> Option<f64> {
        let form = IntegerForm::new(self);
        let FloatOutcome::Optimal { value, .. } = form.float_problem().solve() else { return None };
        let value = value / form.mult.to_f64()?;
        Some(match self.sense {
            Sense::Maximize => value,
            Sense::Minimize => -value,
        })
    }
}

/// Column kinds of the internal standard-form tableau.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// Non-negative part of user variable `j`.
    Plus(usize),
    /// Negative part of free user variable `j`.
    Minus(usize),
    /// Surplus of a `>=` row (coefficient -1).
    Surplus,
    /// Identity column of row `i`: slack for `<=` rows, artificial otherwise.
    Identity { row: usize, artificial: bool },
}

/// The standard form `A x' = b, x' >= 0, b >= 0` of a problem: its columns and, per constraint,
/// whether the row was negated (to make `b_i >= 0`) and where its surplus and identity columns are.
struct StandardForm {
    cols: Vec<Col>,
    flipped: Vec<bool>,
    surplus_col: Vec<Option<usize>>,
    identity_col: Vec<usize>,
}

impl StandardForm {
    fn new(lp: &LinearProgram) -> StandardForm {
        let mut cols: Vec<Col> = Vec::new();
        for j in 0..lp.num_vars() {
            cols.push(Col::Plus(j));
            if lp.is_free(j) {
                cols.push(Col::Minus(j));
            }
        }
        // Row normalization: make every rhs non-negative.
        let flipped: Vec<bool> = lp.constraints.iter().map(|c| c.rhs.is_negative()).collect();
        let relations: Vec<Relation> = lp
            .constraints
            .iter()
            .zip(&flipped)
            .map(|(c, &neg)| match (c.relation, neg) {
                (Relation::Le, false) | (Relation::Ge, true) => Relation::Le,
                (Relation::Ge, false) | (Relation::Le, true) => Relation::Ge,
                (Relation::Eq, _) => Relation::Eq,
            })
            .collect();
        let mut surplus_col = vec![None; relations.len()];
        for (i, rel) in relations.iter().enumerate() {
            if *rel == Relation::Ge {
                surplus_col[i] = Some(cols.len());
                cols.push(Col::Surplus);
            }
        }
        let mut identity_col = vec![0; relations.len()];
        for (i, rel) in relations.iter().enumerate() {
            identity_col[i] = cols.len();
            cols.push(Col::Identity { row: i, artificial: *rel != Relation::Le });
        }
        StandardForm { cols, flipped, surplus_col, identity_col }
    }

    fn is_artificial(&self, k: usize) -> bool {
        matches!(self.cols[k], Col::Identity { artificial: true, .. })
    }
}

/// `x · s` for a multiple `s` of the denominator of `x`, as an integer.
fn scaled(x: &Q, s: &BigInt) -> BigInt {
    x.numer() * (s / x.denom())
}

/// The problem in integer form, ready for a tableau of any entry type: the standard form with
/// row `i` multiplied by the positive common denominator `d_i` of its data (so its slack or
/// artificial variable stands for `d_i` times the original one), followed by the objective row
/// `z - c·x = 0` with its own variable `z` (column `w`); the objectives of both phases scaled to
/// integers by positive factors.
///
/// These scalings change neither the signs of the reduced costs nor the order of the ratios, so
/// the pivots (Bland's rule) are those of the simplex method on the rational data, and so is the
/// resulting basis.
/// A basis split by [`IntegerForm::split_basis`]: which columns are basic, which rows have a
/// basic identity column, the other basic columns and the other rows.
struct BasisSplit {
    basic: Vec<bool>,
    row_free: Vec<bool>,
    s_cols: Vec<usize>,
    t_rows: Vec<usize>,
}

struct IntegerForm<'a> {
    lp: &'a LinearProgram,
    sf: StandardForm,
    /// Constraint rows then the objective row, one entry per column including `z`.
    coef: Vec<Vec<BigInt>>,
    rhs: Vec<BigInt>,
    basis: Vec<usize>,
    /// `d_i` per constraint.
    row_scale: Vec<BigInt>,
    /// The objective row of phase 1, `z + Σ_i (l / d_i) a_i = 0` with `l = lcm d_i` (maximizing
    /// minus the sum of the original artificial variables), if there are artificial variables.
    phase1: Option<Vec<BigInt>>,
    /// The objective row of phase 2, for the objective `sign · c` times `mult`.
    phase2: Vec<BigInt>,
    /// The positive factor that makes the objective integral.
    mult: BigInt,
}

/// A basis of an [`IntegerForm`] with its basic solution, checked exactly to be feasible: `S` the
/// basic columns other than identity (slack or artificial) columns, `T` the rows whose identity
/// column is not basic, and `x_S = xs / det` (see [`IntegerForm::certify`]).
struct PrimalBasis {
    basic: Vec<bool>,
    s_cols: Vec<usize>,
    t_rows: Vec<usize>,
    xs: Vec<BigInt>,
    det: BigInt,
    /// The dual solutions for the objective rows asked for, if they were solved together with
    /// the primal system (see [`IntegerForm::dual_basis`]).
    duals: Option<(Vec<Vec<BigInt>>, BigInt)>,
}

impl<'a> IntegerForm<'a> {
    fn new(lp: &'a LinearProgram) -> IntegerForm<'a> {
        let m = lp.constraints.len();
        let sf = StandardForm::new(lp);
        let w = sf.cols.len();
        let z = w;
        let mut row_scale = Vec::with_capacity(m);
        let mut coef = Vec::with_capacity(m + 1);
        let mut rhs = Vec::with_capacity(m + 1);
        for (i, c) in lp.constraints.iter().enumerate() {
            let d = common_denominator(c.coeffs.iter().chain(std::iter::once(&c.rhs)));
            let s = if sf.flipped[i] { -&d } else { d.clone() };
            let mut row = vec![BigInt::zero(); w + 1];
            for (k, col) in sf.cols.iter().enumerate() {
                match *col {
                    Col::Plus(j) => {
                        if let Some(a) = c.coeffs.get(j) {
                            row[k] = scaled(a, &s);
                        }
                    }
                    Col::Minus(j) => {
                        if let Some(a) = c.coeffs.get(j) {
                            row[k] = -scaled(a, &s);
                        }
                    }
                    Col::Surplus | Col::Identity { .. } => {}
                }
            }
            if let Some(k) = sf.surplus_col[i] {
                row[k] = -BigInt::one();
            }
            row[sf.identity_col[i]] = BigInt::one();
            coef.push(row);
            rhs.push(scaled(&c.rhs, &s));
            row_scale.push(d);
        }
        // Before the first objective is installed, the objective row is just `z = 0`.
        let mut obj_row = vec![BigInt::zero(); w + 1];
        obj_row[z] = BigInt::one();
        coef.push(obj_row);
        rhs.push(BigInt::zero());
        let mut basis = sf.identity_col.clone();
        basis.push(z);

        // The original objective row `z - cost·x = 0` for an integer cost vector.
        let objective_row = |cost: &dyn Fn(usize) -> BigInt| -> Vec<BigInt> {
            let mut row: Vec<BigInt> = (0..w).map(|k| -cost(k)).collect();
            row.push(BigInt::one());
            row.push(BigInt::zero());
            row
        };
        let artificial_rows: Vec<usize> = (0..m).filter(|&i| sf.is_artificial(sf.identity_col[i])).collect();
        let phase1 = (!artificial_rows.is_empty()).then(|| {
            let l = artificial_rows.iter().fold(BigInt::one(), |acc, &i| acc.lcm(&row_scale[i]));
            objective_row(&|k| match sf.cols[k] {
                Col::Identity { row: i, artificial: true } => -(&l / &row_scale[i]),
                _ => BigInt::zero(),
            })
        });
        let mult = common_denominator(&lp.objective);
        let unit = match lp.sense {
            Sense::Maximize => mult.clone(),
            Sense::Minimize => -&mult,
        };
        let phase2 = objective_row(&|k| match sf.cols[k] {
            Col::Plus(j) => scaled(&lp.objective[j], &unit),
            Col::Minus(j) => -scaled(&lp.objective[j], &unit),
            Col::Surplus | Col::Identity { .. } => BigInt::zero(),
        });
        IntegerForm { lp, sf, coef, rhs, basis, row_scale, phase1, phase2, mult }
    }

    /// The two-phase simplex method on a tableau with entries of type `T` and fraction-free
    /// (Edmonds/Bareiss) pivots; [`Overflow`] if an entry does not fit in `T`.
    #[cfg(test)]
    fn run<T: TabInt>(&self) -> std::result::Result<LpOutcome, Overflow> {
        self.run_from::<T>(None).map(|o| o.unwrap_or(LpOutcome::Infeasible))
    }

    /// The fast certificate of a guessed basis, without a tableau. With `S` the basic columns other
    /// than identity (slack or artificial) columns and `T` the rows whose identity column is not
    /// basic, the basis matrix is, up to a permutation, `[[A_TS, 0], [A_RS, I]]`; so the basic
    /// solution is `x_S = A_TS⁻¹ b_T` (then `x_i = b_i − A_iS x_S` on the other rows), and the dual
    /// is `y_T = c_S A_TS⁻¹`, `y = 0` elsewhere. Both `|S| × |S|` systems are solved exactly by
    /// fraction-free elimination, far cheaper than moving a whole tableau when `|S|` is small
    /// against the number of rows (the correlated-equilibrium programs). The basis is accepted if
    /// it is primal feasible (every basic value non-negative, basic artificial variables zero)
    /// and dual feasible (no allowed column with a positive reduced cost), checked exactly; that
    /// is an optimality certificate. `None` if any check fails (or the basis is singular): then
    /// the tableau path takes over from the same basis.
    fn certify(&self, hint: &[usize]) -> Option<LpOutcome> {
        let lp = self.lp;
        let sf = &self.sf;
        let m = lp.constraints.len();
        let w = sf.cols.len();
        let mut p = self.primal_basis(hint, &[&self.phase2])?;
        // y_T: solve A_TSᵀ y = c_S, with c = −(phase-2 row).
        let (mut ys, ydet) = match p.duals.take() {
            Some(d) => d,
            None => self.dual_basis(&p, &[&self.phase2])?,
        };
        let ys = ys.pop()?;
        // Reduced costs: ydet · r_j = ydet · c_j − Σ_t y_t A_tj must not be positive.
        for j in (0..w).filter(|&j| !p.basic[j] && !sf.is_artificial(j)) {
            if self.reduced_cost(&p, &self.phase2, &ys, &ydet, j).is_positive() {
                return None;
            }
        }
        // The answer, in the conventions of `extract`.
        let (x, total) = self.primal_answer(&p, &self.phase2);
        let maximize = lp.sense == Sense::Maximize;
        let mut duals = vec![Q::zero(); m];
        for (&i, y) in p.t_rows.iter().zip(&ys) {
            let v = Q::new(y * &self.row_scale[i], &ydet * &self.mult);
            duals[i] = if sf.flipped[i] == maximize { -v } else { v };
        }
        let value = Q::new(total, &p.det * &self.mult);
        let value = if maximize { value } else { -value };
        Some(LpOutcome::Optimal(LpSolution { x, value, duals }))
    }

    /// The columns of `basis` that are not a row's identity column (`s_cols`) and the rows
    /// whose identity column is not basic (`t_rows`, as many as `s_cols` for a square system);
    /// `None` for a repeated or out-of-range column or a non-square system.
    fn split_basis(&self, basis: &[usize]) -> Option<BasisSplit> {
        let m = self.lp.constraints.len();
        let w = self.sf.cols.len();
        let mut basic = vec![false; w];
        let mut row_free = vec![false; m];
        let mut s_cols = Vec::new();
        for &k in basis {
            if k >= w || basic[k] {
                return None;
            }
            basic[k] = true;
            match self.sf.cols[k] {
                Col::Identity { row, .. } => row_free[row] = true,
                _ => s_cols.push(k),
            }
        }
        let t_rows: Vec<usize> = (0..m).filter(|&i| !row_free[i]).collect();
        (t_rows.len() == s_cols.len()).then_some(BasisSplit { basic, row_free, s_cols, t_rows })
    }

    /// The primal half of [`IntegerForm::certify`]: the basic solution of the guessed basis
    /// `hint`, if the basis is non-singular and the solution feasible (checked exactly).
    fn primal_basis(&self, hint: &[usize], dual_rows: &[&[BigInt]]) -> Option<PrimalBasis> {
        let sf = &self.sf;
        let m = self.lp.constraints.len();
        let BasisSplit { basic, row_free, s_cols, t_rows } = self.split_basis(hint)?;
        let a = |i: usize, k: usize| &self.coef[i][k];
        // x_S: solve A_TS x = b_T.
        let primal: Vec<Vec<BigInt>> = t_rows
            .iter()
            .map(|&i| s_cols.iter().map(|&k| a(i, k).clone()).chain([self.rhs[i].clone()]).collect())
            .collect();
        // With dual rows, both systems at once by the modular method when it pays.
        let mut duals = None;
        let (xs, det) = match (!dual_rows.is_empty() && s_cols.len() >= MODULAR_FROM)
            .then(|| {
                let m: Vec<Vec<BigInt>> =
                    t_rows.iter().map(|&i| s_cols.iter().map(|&k| a(i, k).clone()).collect()).collect();
                let b = vec![t_rows.iter().map(|&i| self.rhs[i].clone()).collect()];
                let c: Vec<Vec<BigInt>> = dual_rows.iter().map(|r| s_cols.iter().map(|&k| -&r[k]).collect()).collect();
                super::modular::solve_both(&m, &b, &c)
            })
            .flatten()
        {
            Some((mut xs, ys, det)) => {
                duals = Some((ys, det.clone()));
                (xs.pop()?, det)
            }
            None => {
                let (mut xs, det) = solve_system(&primal, 1)?;
                (xs.pop()?, det)
            }
        };
        if xs.iter().any(Signed::is_negative) {
            return None;
        }
        // Identity-basic rows: det · x_i = det · b_i − A_iS · (det · x_S).
        for i in (0..m).filter(|&i| row_free[i]) {
            let mut v = &det * &self.rhs[i];
            for (&k, x) in s_cols.iter().zip(&xs) {
                let c = a(i, k);
                if !c.is_zero() && !x.is_zero() {
                    v -= c * x;
                }
            }
            if v.is_negative() || (sf.is_artificial(sf.identity_col[i]) && !v.is_zero()) {
                return None;
            }
        }
        Some(PrimalBasis { basic, s_cols, t_rows, xs, det, duals })
    }

    /// The dual half: for each objective row (in the form of [`IntegerForm::phase2`]), the dual
    /// solution `y_T` of the basis, solving `A_TSᵀ y = c_S` with `c = −row`, all over one
    /// positive common denominator; `None` if the basis is singular.
    fn dual_basis(&self, p: &PrimalBasis, rows: &[&[BigInt]]) -> Option<(Vec<Vec<BigInt>>, BigInt)> {
        let dual: Vec<Vec<BigInt>> = p
            .s_cols
            .iter()
            .map(|&k| p.t_rows.iter().map(|&i| self.coef[i][k].clone()).chain(rows.iter().map(|r| -&r[k])).collect())
            .collect();
        solve_system(&dual, rows.len())
    }

    /// `ydet · r_j = ydet · c_j − Σ_t y_t A_tj`, the reduced cost of column `j` for the objective
    /// row `row` (with `c = −row`) and its dual solution `ys / ydet`.
    fn reduced_cost(&self, p: &PrimalBasis, row: &[BigInt], ys: &[BigInt], ydet: &BigInt, j: usize) -> BigInt {
        let mut r = -(ydet * &row[j]);
        for (&i, y) in p.t_rows.iter().zip(ys) {
            let c = &self.coef[i][j];
            if !c.is_zero() && !y.is_zero() {
                r -= y * c;
            }
        }
        r
    }

    /// The user variables of a basic solution, and `det · mult · c·x` for the objective row `row`
    /// (with `c = −row`).
    fn primal_answer(&self, p: &PrimalBasis, row: &[BigInt]) -> (Vec<Q>, BigInt) {
        let mut x = vec![Q::zero(); self.lp.num_vars()];
        let mut total = BigInt::zero();
        for (&k, v) in p.s_cols.iter().zip(&p.xs) {
            total -= &row[k] * v;
            match self.sf.cols[k] {
                Col::Plus(j) => x[j] += Q::new(v.clone(), p.det.clone()),
                Col::Minus(j) => x[j] -= Q::new(v.clone(), p.det.clone()),
                _ => {}
            }
        }
        (x, total)
    }

    /// The problem in floating point, for the float phase.
    fn float_problem(&self) -> FloatProblem {
        let m = self.lp.constraints.len();
        let w = self.sf.cols.len();
        let f = |x: &BigInt| x.to_f64().unwrap_or(f64::NAN);
        FloatProblem {
            rows: self.coef[..m].iter().map(|r| r[..w].iter().map(f).collect()).collect(),
            rhs: self.rhs[..m].iter().map(f).collect(),
            cost: self.phase2[..w].iter().map(|x| -f(x)).collect(),
            artificial: (0..w).map(|k| self.sf.is_artificial(k)).collect(),
            basis: self.sf.identity_col.clone(),
        }
    }

    /// Moves the starting tableau to the basis `hint` (one column per row) by exact pivots, each
    /// entering column into a row whose basic variable leaves the basis for good. `None` if the
    /// columns are linearly dependent.
    fn reach_basis<T: TabInt>(&self, t: &mut Tableau<T>, hint: &[usize]) -> std::result::Result<Option<()>, Overflow> {
        let m = self.lp.constraints.len();
        let mut target = vec![false; self.sf.cols.len() + 1];
        for &c in hint {
            target[c] = true;
        }
        for &c in hint {
            if t.row_of(c) != NONBASIC {
                continue;
            }
            // Prefer a positive pivot element: it keeps the determinant positive without a pass
            // to negate the tableau.
            let mut row = None;
            for r in (0..m).filter(|&r| !target[t.basis()[r]]) {
                let a = t.entry(r, c);
                if a.is_pos() {
                    row = Some(r);
                    break;
                }
                if row.is_none() && !a.is_zero_() {
                    row = Some(r);
                }
            }
            let Some(r) = row else { return Ok(None) };
            t.pivot(r, c)?;
            if is_neg(t.det()) {
                t.negate()?;
            }
        }
        Ok(Some(()))
    }

    /// With `hint = None`: the two-phase simplex method (`None` never returned). With a basis
    /// guessed by the float phase: moves there by exact pivots and, if that basis is feasible,
    /// continues with phase 2 from it, which ends at once when the guess is optimal (the exact
    /// certificate) and otherwise pivots on from the guess; `None` if the guess is singular or
    /// infeasible, in which case the caller runs the full method.
    fn run_from<T: TabInt>(&self, hint: Option<&[usize]>) -> std::result::Result<Option<LpOutcome>, Overflow> {
        let lp = self.lp;
        let sf = &self.sf;
        let m = lp.constraints.len();
        let w = sf.cols.len();
        let rhs_col = w + 1;
        let mut t: Tableau<T> = Tableau::new(&self.coef, &self.rhs, &self.basis)?;
        let is_artificial: Vec<bool> = (0..w).map(|k| sf.is_artificial(k)).collect();

        if let Some(hint) = hint {
            if self.reach_basis(&mut t, hint)?.is_none() {
                return Ok(None);
            }
            // Primal feasibility, exactly: every basic value non-negative (the determinant is
            // positive) and every basic artificial variable zero.
            let feasible = (0..m).all(|r| {
                let v = t.entry(r, rhs_col);
                !is_neg(v) && (!is_artificial[t.basis()[r]] || v.is_zero_())
            });
            if !feasible {
                return Ok(None);
            }
            drive_out_artificials(&mut t, m, &is_artificial)?;
            // Dual feasibility, exactly: no allowed column has a positive reduced cost (a
            // negative entry of the objective row). Then the guess is optimal and the tableau
            // with this row is the certificate; otherwise phase 2 pivots on from here.
            let obj = self.objective_row(&t);
            if (0..w).all(|j| is_artificial[j] || !obj[j].is_negative()) {
                return Ok(Some(self.extract(&t, &obj)));
            }
        } else if let Some(row) = &self.phase1 {
            // Phase 1: maximize -(sum of artificials).
            t.replace_row(m, row)?;
            // Phase 1 is bounded above by 0, so `optimize` cannot report unboundedness.
            optimize(&mut t, m, &vec![true; w])?;
            if is_neg(t.entry(m, rhs_col)) {
                return Ok(Some(LpOutcome::Infeasible));
            }
            drive_out_artificials(&mut t, m, &is_artificial)?;
        }

        self.phase2(t).map(Some)
    }

    /// Phase 2 from a tableau whose basis is feasible and free of artificial variables except on
    /// redundant rows: Bland's rule to an optimal tableau, whose entries are the answer and its
    /// certificate.
    fn phase2<T: TabInt>(&self, mut t: Tableau<T>) -> std::result::Result<LpOutcome, Overflow> {
        let m = self.lp.constraints.len();
        let w = self.sf.cols.len();
        t.replace_row(m, &self.phase2)?;
        let allowed: Vec<bool> = (0..w).map(|k| !self.sf.is_artificial(k)).collect();
        if !optimize(&mut t, m, &allowed)? {
            return Ok(LpOutcome::Unbounded);
        }
        let obj: Vec<BigInt> = (0..w + 2).map(|j| t.entry(m, j).to_big()).collect();
        Ok(self.extract(&t, &obj))
    }

    /// The phase-2 objective row `det · (z - Σ_j r_j x_j)` in the current basis, in big integers
    /// and outside the tableau (the value [`Tableau::replace_row`] would store): objectives with
    /// large coefficients, such as the edge normals of a payoff region, then do not force the
    /// whole tableau into a wider integer type.
    fn objective_row<T: TabInt>(&self, t: &Tableau<T>) -> Vec<BigInt> {
        let m = self.lp.constraints.len();
        let width = self.sf.cols.len() + 2;
        let det = t.det().to_big();
        let mut acc: Vec<BigInt> = self.phase2.iter().map(|x| x * &det).collect();
        for (i, &b) in t.basis()[..m].iter().enumerate() {
            let f = &self.phase2[b];
            if f.is_zero() {
                continue;
            }
            for (j, a) in acc.iter_mut().enumerate().take(width) {
                let x = t.entry(i, j);
                if !x.is_zero_() {
                    *a -= f * x.to_big();
                }
            }
        }
        acc
    }

    /// The answer read off a tableau whose basis is optimal, given its objective row `obj`
    /// (`det · mult · (z - Σ_j r_j x_j)`, right-hand side last).
    fn extract<T: TabInt>(&self, t: &Tableau<T>, obj: &[BigInt]) -> LpOutcome {
        let lp = self.lp;
        let sf = &self.sf;
        let n = lp.num_vars();
        let m = lp.constraints.len();
        let rhs_col = sf.cols.len() + 1;
        let det = t.det().to_big();
        let mut x = vec![Q::zero(); n];
        for (r, &b) in t.basis()[..m].iter().enumerate() {
            match sf.cols[b] {
                Col::Plus(j) => x[j] += Q::new(t.entry(r, rhs_col).to_big(), det.clone()),
                Col::Minus(j) => x[j] -= Q::new(t.entry(r, rhs_col).to_big(), det.clone()),
                _ => {}
            }
        }
        // The objective row holds `det · mult · (z - Σ_j r_j x_j)` for the scaled problem. The
        // identity column of row i stands for `d_i` times the original one, whose reduced cost is
        // `-y_i` with y the dual of the normalized, maximized problem; so its entry is
        // `det · mult · y_i / d_i`.
        let scale = &det * &self.mult;
        let maximize = lp.sense == Sense::Maximize;
        let duals: Vec<Q> = (0..m)
            .map(|i| {
                let y = Q::new(&obj[sf.identity_col[i]] * &self.row_scale[i], scale.clone());
                if sf.flipped[i] == maximize {
                    -y
                } else {
                    y
                }
            })
            .collect();
        let value = Q::new(obj[rhs_col].clone(), scale);
        let value = if maximize { value } else { -value };
        LpOutcome::Optimal(LpSolution { x, value, duals })
    }
}

/// Solves the square system `[M | B]` as [`solve_fraction_free`] does: by the modular method
/// ([`super::modular`], checked exactly) when the system is large enough for it to pay, else (or
/// when it gives no checked answer) by fraction-free elimination.
fn solve_system(a: &[Vec<BigInt>], rhs: usize) -> Option<(Vec<Vec<BigInt>>, BigInt)> {
    if a.len() >= MODULAR_FROM {
        if let Some(answer) = super::modular::solve(a, rhs) {
            return Some(answer);
        }
    }
    solve_fraction_free(a, rhs)
}

/// The size from which [`solve_system`] tries the modular method first.
const MODULAR_FROM: usize = 12;

/// Solves the square system `[M | B]` (rows of `M` followed by `rhs` right-hand-side columns) by
/// fraction-free Gauss-Jordan elimination (Bareiss): returns `(V, d)` with `d > 0` and, for each
/// right-hand side `b_c`, `M (V[c] / d) = b_c`, or `None` if `M` is singular. Every intermediate
/// entry is a minor of `[M | B]`, so the numbers stay as small as the answer needs; they are held
/// in `i64`, else 256-bit integers, else big integers, as the tableaux are. An empty system gives
/// empty solutions over `d = 1`.
pub(super) fn solve_fraction_free(a: &[Vec<BigInt>], rhs: usize) -> Option<(Vec<Vec<BigInt>>, BigInt)> {
    if let Ok(r) = eliminate::<i64>(a, rhs) {
        return r;
    }
    if let Ok(r) = eliminate::<I256>(a, rhs) {
        return r;
    }
    eliminate::<BigInt>(a, rhs).ok().flatten()
}

/// [`solve_fraction_free`] in one integer type; [`Overflow`] if an entry does not fit.
#[allow(clippy::type_complexity)]
fn eliminate<T: TabInt>(
    rows: &[Vec<BigInt>],
    rhs: usize,
) -> std::result::Result<Option<(Vec<Vec<BigInt>>, BigInt)>, Overflow> {
    let k = rows.len();
    let mut a: Vec<Vec<T>> = rows
        .iter()
        .map(|r| r.iter().map(|x| T::from_big(x).ok_or(Overflow)).collect::<std::result::Result<Vec<T>, _>>())
        .collect::<std::result::Result<_, _>>()?;
    let mut prev = T::from_i128(1).ok_or(Overflow)?;
    for c in 0..k {
        let Some(r) = (c..k).find(|&r| !a[r][c].is_zero_()) else { return Ok(None) };
        a.swap(c, r);
        let (head, tail) = a.split_at_mut(c);
        let (pivot_row, below) = tail.split_at_mut(1);
        let prow = &pivot_row[0];
        let p = prow[c].clone();
        for row in head.iter_mut().chain(below.iter_mut()) {
            let f = row[c].clone();
            // Each entry becomes (x·p − f·y) / prev, an exact division.
            for (x, y) in row.iter_mut().zip(prow.iter()) {
                if f.is_zero_() && x.is_zero_() {
                    continue;
                }
                *x = T::pivot_op(x, &p, &f, y, &prev).ok_or(Overflow)?;
            }
        }
        prev = p;
    }
    // Every diagonal entry is now det(M) = prev, and the right-hand-side columns hold det(M)
    // times the solutions.
    let mut det = prev.to_big();
    let negative = det.is_negative();
    if negative {
        det = -det;
    }
    let v: Vec<Vec<BigInt>> = (k..k + rhs)
        .map(|c| {
            a.iter()
                .map(|row| {
                    let x = row[c].to_big();
                    if negative {
                        -x
                    } else {
                        x
                    }
                })
                .collect()
        })
        .collect();
    Ok(Some((v, det)))
}

/// Drives artificial variables (all at level zero) out of the basis where possible, by degenerate
/// pivots on any non-zero entry of their rows.
fn drive_out_artificials<T: TabInt>(
    t: &mut Tableau<T>,
    m: usize,
    is_artificial: &[bool],
) -> std::result::Result<(), Overflow> {
    let w = is_artificial.len();
    for r in 0..m {
        if !is_artificial[t.basis()[r]] {
            continue;
        }
        if let Some(e) = (0..w).find(|&j| !is_artificial[j] && !t.entry(r, j).is_zero_()) {
            t.pivot(r, e)?;
            // The pivot element may be negative; keep the determinant positive, as the sign
            // tests assume.
            if is_neg(t.det()) {
                t.negate()?;
            }
        }
        // Otherwise the row is redundant: its artificial stays basic at zero forever, since every
        // non-artificial entry of the row is zero.
    }
    Ok(())
}

fn is_neg<T: TabInt>(x: &T) -> bool {
    !x.is_zero_() && !x.is_pos()
}

/// Runs the simplex method (maximizing the objective held in row `obj`, the last one) over the
/// allowed columns with Bland's rule: the entering column is the first allowed one with a
/// positive reduced cost, the leaving row the first in the minimum-ratio test, ties broken by the
/// smallest basic variable. Returns false if the objective is unbounded.
fn optimize<T: TabInt>(t: &mut Tableau<T>, obj: usize, allowed: &[bool]) -> std::result::Result<bool, Overflow> {
    loop {
        // The objective row holds `z - Σ r_j x_j` times the (positive) determinant, so a positive
        // reduced cost `r_j` is a negative entry.
        let Some(e) = (0..allowed.len()).find(|&j| allowed[j] && is_neg(t.entry(obj, j))) else {
            return Ok(true);
        };
        match t.ratio_test_bland(e, 0..obj) {
            None => return Ok(false),
            Some(r) => t.pivot(r, e)?,
        }
    }
}

/// Solves with the narrowest entry type that holds every tableau entry: `i64`, then 256-bit
/// integers, then big integers, restarting on overflow (lost work is small: each attempt is far
/// cheaper than the next). `hint = None` runs the full two-phase method and always gives an
/// answer; with a hint, `None` means the hinted basis is unusable.
fn run_widening(form: &IntegerForm, hint: Option<&[usize]>) -> Result<Option<LpOutcome>> {
    if let Ok(outcome) = form.run_from::<i64>(hint) {
        return Ok(outcome);
    }
    if let Ok(outcome) = form.run_from::<I256>(hint) {
        return Ok(outcome);
    }
    form.run_from::<BigInt>(hint)
        .map_err(|Overflow| Error::Internal("linear program: overflow in arbitrary-precision arithmetic".into()))
}

/// The exact two-phase simplex method from the slack basis.
fn solve_lp(form: &IntegerForm) -> Result<LpOutcome> {
    run_widening(form, None)?
        .ok_or_else(|| Error::Internal("linear program: the exact simplex method gave no answer".into()))
}

/// How [`solve_hybrid`] reached its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// The float phase's basis, certified optimal by [`IntegerForm::certify`].
    Certified,
    /// From the float phase's basis after exact pivots in the revised form (`repair.rs`),
    /// certified there.
    Repaired,
    /// From the float phase's basis: certified there, or after some exact pivots from it.
    FromFloatBasis,
    /// The float phase gave no usable basis (or reported infeasibility or unboundedness): the
    /// full exact method decided.
    Exact,
}

/// The hybrid method: the float phase guesses an optimal basis; the exact tableau moves there,
/// checks primal feasibility and continues phase 2 from it (no pivot at all when the guess is
/// optimal, in which case the final tableau is the exact certificate). Infeasible and unbounded
/// answers, and unusable guesses, go to the full exact method, which is always right.
fn solve_hybrid(lp: &LinearProgram) -> Result<(LpOutcome, Path)> {
    let form = IntegerForm::new(lp);
    if let FloatOutcome::Optimal { basis, .. } = form.float_problem().solve() {
        if let Some(outcome) = form.certify(&basis) {
            return Ok((outcome, Path::Certified));
        }
        // Exact pivots from the guess in the revised form (a few solves of the basis systems),
        // then the same certificate.
        if let Some(outcome) = form.repair(&basis, &form.phase2).and_then(|(b, _)| form.certify(&b)) {
            return Ok((outcome, Path::Repaired));
        }
        if let Some(outcome) = run_widening(&form, Some(&basis))? {
            return Ok((outcome, Path::FromFloatBasis));
        }
    }
    Ok((solve_lp(&form)?, Path::Exact))
}

/// The previous implementation, with rational arithmetic throughout, kept as an oracle: the
/// integer tableau must reproduce its answers exactly (same pivots, same basis).
#[cfg(test)]
mod rational_oracle {
    use super::{Col, LinearProgram, LpOutcome, LpSolution, Relation, Sense};
    use crate::num::Q;
    use num_traits::{One, Signed, Zero};

    struct Tableau {
        /// `rows[i]` has one entry per column followed by the right-hand side.
        rows: Vec<Vec<Q>>,
        basis: Vec<usize>,
        /// Reduced costs `c_j - c_B B^-1 A_j` of the current objective.
        reduced: Vec<Q>,
        /// Current objective value.
        value: Q,
    }

    impl Tableau {
        fn width(&self) -> usize {
            self.reduced.len()
        }

        /// Recomputes reduced costs and value for cost vector `cost`.
        fn set_objective(&mut self, cost: &[Q]) {
            let w = self.width();
            let mut reduced = cost.to_vec();
            let mut value = Q::zero();
            for (row, &b) in self.rows.iter().zip(&self.basis) {
                let cb = &cost[b];
                if cb.is_zero() {
                    continue;
                }
                for j in 0..w {
                    if !row[j].is_zero() {
                        reduced[j] -= cb * &row[j];
                    }
                }
                value += cb * &row[w];
            }
            self.reduced = reduced;
            self.value = value;
        }

        fn pivot(&mut self, r: usize, e: usize) {
            let w = self.width();
            let p = self.rows[r][e].clone();
            if !p.is_one() {
                for x in self.rows[r].iter_mut() {
                    if !x.is_zero() {
                        *x /= &p;
                    }
                }
            }
            let pivot_row = std::mem::take(&mut self.rows[r]);
            let nz: Vec<usize> = (0..=w).filter(|&j| !pivot_row[j].is_zero()).collect();
            for (i, row) in self.rows.iter_mut().enumerate() {
                if i == r || row[e].is_zero() {
                    continue;
                }
                let f = row[e].clone();
                for &j in &nz {
                    row[j] -= &f * &pivot_row[j];
                }
            }
            let f = self.reduced[e].clone();
            if !f.is_zero() {
                for &j in nz.iter().filter(|&&j| j < w) {
                    self.reduced[j] -= &f * &pivot_row[j];
                }
                self.value += &f * &pivot_row[w];
            }
            self.rows[r] = pivot_row;
            self.basis[r] = e;
        }

        /// Runs the simplex method (maximizing) over the allowed columns with Bland's rule.
        /// Returns false if the objective is unbounded.
        fn optimize(&mut self, allowed: &[bool]) -> bool {
            let w = self.width();
            loop {
                let Some(e) = (0..w).find(|&j| allowed[j] && self.reduced[j].is_positive()) else {
                    return true;
                };
                let mut best: Option<(usize, Q)> = None;
                for (i, row) in self.rows.iter().enumerate() {
                    if !row[e].is_positive() {
                        continue;
                    }
                    let ratio = &row[w] / &row[e];
                    let better = match &best {
                        None => true,
                        Some((bi, br)) => ratio < *br || (ratio == *br && self.basis[i] < self.basis[*bi]),
                    };
                    if better {
                        best = Some((i, ratio));
                    }
                }
                match best {
                    None => return false,
                    Some((r, _)) => self.pivot(r, e),
                }
            }
        }
    }

    pub(super) fn solve_lp(lp: &LinearProgram) -> LpOutcome {
        let n = lp.num_vars();
        let m = lp.constraints.len();
        // Orientation: maximize sign * c.x.
        let sign = match lp.sense {
            Sense::Maximize => Q::one(),
            Sense::Minimize => -Q::one(),
        };

        // Columns.
        let mut cols: Vec<Col> = Vec::new();
        for j in 0..n {
            cols.push(Col::Plus(j));
            if lp.is_free(j) {
                cols.push(Col::Minus(j));
            }
        }
        // Row normalization: make every rhs non-negative.
        let mut flipped = vec![false; m];
        let mut relations = Vec::with_capacity(m);
        for (i, c) in lp.constraints.iter().enumerate() {
            let neg = c.rhs.is_negative();
            flipped[i] = neg;
            relations.push(match (c.relation, neg) {
                (Relation::Le, false) | (Relation::Ge, true) => Relation::Le,
                (Relation::Ge, false) | (Relation::Le, true) => Relation::Ge,
                (Relation::Eq, _) => Relation::Eq,
            });
        }
        let mut surplus_col = vec![None; m];
        for (i, rel) in relations.iter().enumerate() {
            if *rel == Relation::Ge {
                surplus_col[i] = Some(cols.len());
                cols.push(Col::Surplus);
            }
        }
        let mut identity_col = vec![0; m];
        for (i, rel) in relations.iter().enumerate() {
            identity_col[i] = cols.len();
            cols.push(Col::Identity { row: i, artificial: *rel != Relation::Le });
        }
        let w = cols.len();

        let mut rows = Vec::with_capacity(m);
        for (i, c) in lp.constraints.iter().enumerate() {
            let mut row = vec![Q::zero(); w + 1];
            let s = if flipped[i] { -Q::one() } else { Q::one() };
            for (k, col) in cols.iter().enumerate() {
                match *col {
                    Col::Plus(j) => {
                        if let Some(a) = c.coeffs.get(j) {
                            row[k] = &s * a;
                        }
                    }
                    Col::Minus(j) => {
                        if let Some(a) = c.coeffs.get(j) {
                            row[k] = -(&s * a);
                        }
                    }
                    Col::Surplus | Col::Identity { .. } => {}
                }
            }
            if let Some(k) = surplus_col[i] {
                row[k] = -Q::one();
            }
            row[identity_col[i]] = Q::one();
            row[w] = &s * &c.rhs;
            rows.push(row);
        }
        let is_artificial: Vec<bool> =
            cols.iter().map(|c| matches!(c, Col::Identity { artificial: true, .. })).collect();

        let mut t = Tableau { rows, basis: identity_col.clone(), reduced: vec![Q::zero(); w], value: Q::zero() };

        // Phase 1: maximize -(sum of artificials).
        if is_artificial.iter().any(|&a| a) {
            let cost: Vec<Q> = is_artificial.iter().map(|&a| if a { -Q::one() } else { Q::zero() }).collect();
            t.set_objective(&cost);
            let all = vec![true; w];
            // Phase 1 is bounded above by 0, so `optimize` cannot report unboundedness.
            t.optimize(&all);
            if t.value.is_negative() {
                return LpOutcome::Infeasible;
            }
            // Drive artificial variables (all at level zero) out of the basis where possible.
            for r in 0..m {
                if !is_artificial[t.basis[r]] {
                    continue;
                }
                if let Some(e) = (0..w).find(|&j| !is_artificial[j] && !t.rows[r][j].is_zero()) {
                    t.pivot(r, e);
                }
                // Otherwise the row is redundant: its artificial stays basic at zero forever, since
                // every non-artificial entry of the row is zero.
            }
        }

        // Phase 2.
        let cost: Vec<Q> = cols
            .iter()
            .map(|c| match *c {
                Col::Plus(j) => &sign * &lp.objective[j],
                Col::Minus(j) => -(&sign * &lp.objective[j]),
                Col::Surplus | Col::Identity { .. } => Q::zero(),
            })
            .collect();
        t.set_objective(&cost);
        let allowed: Vec<bool> = is_artificial.iter().map(|a| !a).collect();
        if !t.optimize(&allowed) {
            return LpOutcome::Unbounded;
        }

        let mut x = vec![Q::zero(); n];
        for (r, &b) in t.basis.iter().enumerate() {
            match cols[b] {
                Col::Plus(j) => x[j] += &t.rows[r][w],
                Col::Minus(j) => x[j] -= &t.rows[r][w],
                _ => {}
            }
        }
        // The identity column of row i has cost 0 and column e_i, so its reduced cost is -y_i,
        // where y is the dual of the normalized, maximized problem.
        let duals: Vec<Q> = (0..m)
            .map(|i| {
                let y = -t.reduced[identity_col[i]].clone();
                let y = if flipped[i] { -y } else { y };
                &sign * y
            })
            .collect();
        let value = &sign * &t.value;
        LpOutcome::Optimal(LpSolution { x, value, duals })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn qs(v: &[i64]) -> Vec<Q> {
        v.iter().map(|&x| q(x)).collect()
    }

    fn optimal(lp: &LinearProgram) -> LpSolution {
        match lp.solve().unwrap() {
            LpOutcome::Optimal(s) => s,
            other => panic!("expected an optimum, got {other:?}"),
        }
    }

    /// Checks feasibility, strong duality, complementary slackness and dual feasibility exactly.
    fn check_certificate(lp: &LinearProgram, s: &LpSolution) {
        let n = lp.num_vars();
        let obj: Q = lp.objective.iter().zip(&s.x).map(|(c, x)| c * x).sum();
        assert_eq!(obj, s.value, "stated value");
        let mut dual_obj = Q::zero();
        for (c, y) in lp.constraints.iter().zip(&s.duals) {
            let lhs: Q = c.coeffs.iter().zip(&s.x).map(|(a, x)| a * x).sum();
            match c.relation {
                Relation::Le => assert!(lhs <= c.rhs),
                Relation::Ge => assert!(lhs >= c.rhs),
                Relation::Eq => assert_eq!(lhs, c.rhs),
            }
            assert!(((&lhs - &c.rhs) * y).is_zero(), "complementary slackness (rows)");
            let max = lp.sense == Sense::Maximize;
            match c.relation {
                Relation::Le => assert!(if max { !y.is_negative() } else { !y.is_positive() }, "dual sign"),
                Relation::Ge => assert!(if max { !y.is_positive() } else { !y.is_negative() }, "dual sign"),
                Relation::Eq => {}
            }
            dual_obj += &c.rhs * y;
        }
        assert_eq!(dual_obj, s.value, "strong duality");
        for j in 0..n {
            assert!(lp.is_free(j) || !s.x[j].is_negative(), "x >= 0");
            let aty: Q =
                lp.constraints.iter().zip(&s.duals).map(|(c, y)| c.coeffs.get(j).map_or(Q::zero(), |a| a * y)).sum();
            let r = &lp.objective[j] - aty;
            if lp.is_free(j) {
                assert!(r.is_zero(), "free variable reduced cost");
            } else {
                match lp.sense {
                    Sense::Maximize => assert!(!r.is_positive(), "dual feasibility"),
                    Sense::Minimize => assert!(!r.is_negative(), "dual feasibility"),
                }
                assert!((&r * &s.x[j]).is_zero(), "complementary slackness (columns)");
            }
        }
    }

    #[test]
    fn textbook_maximum() {
        // max 3x + 5y; x <= 4; 2y <= 12; 3x + 2y <= 18  -> (2, 6), value 36.
        let mut lp = LinearProgram::maximize(qs(&[3, 5]));
        lp.constrain(qs(&[1, 0]), Relation::Le, q(4)).constrain(qs(&[0, 2]), Relation::Le, q(12)).constrain(
            qs(&[3, 2]),
            Relation::Le,
            q(18),
        );
        let s = optimal(&lp);
        assert_eq!(s.x, qs(&[2, 6]));
        assert_eq!(s.value, q(36));
        assert_eq!(s.duals, vec![q(0), frac(3, 2), q(1)]);
        check_certificate(&lp, &s);
    }

    #[test]
    fn minimization_with_ge_and_eq_rows() {
        // min 2x + 3y + z; x + y >= 4; y + 2z >= 3 (written as -y - 2z <= -3); x + y + z = 5.
        let mut lp = LinearProgram::minimize(qs(&[2, 3, 1]));
        lp.constrain(qs(&[1, 1, 0]), Relation::Ge, q(4)).constrain(qs(&[0, -1, -2]), Relation::Le, q(-3)).constrain(
            qs(&[1, 1, 1]),
            Relation::Eq,
            q(5),
        );
        let s = optimal(&lp);
        // With s = x + y in [4, 5]: z = 5 - s, y >= 2s - 7, cost s + y + 5, minimal at s = 4, y = 1.
        assert_eq!(s.value, q(10));
        assert_eq!(s.x, qs(&[3, 1, 1]));
        check_certificate(&lp, &s);
    }

    #[test]
    fn fractional_optimum_and_free_variable() {
        // max v, v free; v <= 2x - y... a tiny matrix game: value of [[1,-1],[-1,1]] is 0.
        // variables p1, p2, v: v - p1 + p2 <= 0; v + p1 - p2 <= 0; p1 + p2 = 1.
        let mut lp = LinearProgram::maximize(qs(&[0, 0, 1]));
        lp.constrain(qs(&[-1, 1, 1]), Relation::Le, q(0))
            .constrain(qs(&[1, -1, 1]), Relation::Le, q(0))
            .constrain(qs(&[1, 1, 0]), Relation::Eq, q(1))
            .set_free(2);
        let s = optimal(&lp);
        assert_eq!(s.x, vec![frac(1, 2), frac(1, 2), q(0)]);
        assert_eq!(s.value, q(0));
        check_certificate(&lp, &s);
        // Shift: the same with payoffs -3 lower gives value -3 with a negative free variable.
        let mut lp = LinearProgram::maximize(qs(&[0, 0, 1]));
        lp.constrain(qs(&[2, 4, 1]), Relation::Le, q(0))
            .constrain(qs(&[4, 2, 1]), Relation::Le, q(0))
            .constrain(qs(&[1, 1, 0]), Relation::Eq, q(1))
            .set_free(2);
        let s = optimal(&lp);
        assert_eq!(s.value, q(-3));
        assert_eq!(s.x[2], q(-3));
        check_certificate(&lp, &s);
    }

    #[test]
    fn infeasible() {
        let mut lp = LinearProgram::maximize(qs(&[1, 1]));
        lp.constrain(qs(&[1, 1]), Relation::Le, q(1)).constrain(qs(&[1, 1]), Relation::Ge, q(2));
        assert_eq!(lp.solve().unwrap(), LpOutcome::Infeasible);
        let mut lp = LinearProgram::minimize(qs(&[1]));
        lp.constrain(qs(&[1]), Relation::Eq, q(-1));
        assert_eq!(lp.solve().unwrap(), LpOutcome::Infeasible);
    }

    #[test]
    fn unbounded() {
        let mut lp = LinearProgram::maximize(qs(&[1, 1]));
        lp.constrain(qs(&[1, -1]), Relation::Le, q(1));
        assert_eq!(lp.solve().unwrap(), LpOutcome::Unbounded);
        let mut lp = LinearProgram::minimize(qs(&[1]));
        lp.set_free(0);
        assert_eq!(lp.solve().unwrap(), LpOutcome::Unbounded);
    }

    #[test]
    fn no_constraints_and_redundant_rows() {
        let lp = LinearProgram::minimize(qs(&[1, 2]));
        let s = optimal(&lp);
        assert_eq!(s.value, q(0));
        // x + y = 2 stated twice (a redundant equality row) plus 2x + 2y = 4.
        let mut lp = LinearProgram::maximize(qs(&[1, 3]));
        lp.constrain(qs(&[1, 1]), Relation::Eq, q(2)).constrain(qs(&[1, 1]), Relation::Eq, q(2)).constrain(
            qs(&[2, 2]),
            Relation::Eq,
            q(4),
        );
        let s = optimal(&lp);
        assert_eq!(s.x, qs(&[0, 2]));
        assert_eq!(s.value, q(6));
        check_certificate(&lp, &s);
    }

    #[test]
    fn beale_degenerate_example_terminates() {
        // Beale (1955): cycles under the largest-coefficient rule with naive tie-breaking.
        // min -3/4 x4 + 150 x5 - 1/50 x6 + 6 x7
        // s.t. 1/4 x4 - 60 x5 - 1/25 x6 + 9 x7 <= 0
        //      1/2 x4 - 90 x5 - 1/50 x6 + 3 x7 <= 0
        //      x6 <= 1
        let mut lp = LinearProgram::minimize(vec![frac(-3, 4), q(150), frac(-1, 50), q(6)]);
        lp.constrain(vec![frac(1, 4), q(-60), frac(-1, 25), q(9)], Relation::Le, q(0))
            .constrain(vec![frac(1, 2), q(-90), frac(-1, 50), q(3)], Relation::Le, q(0))
            .constrain(vec![q(0), q(0), q(1), q(0)], Relation::Le, q(1));
        let s = optimal(&lp);
        assert_eq!(s.value, frac(-1, 20));
        assert_eq!(s.x, vec![frac(1, 25), q(0), q(1), q(0)]);
        check_certificate(&lp, &s);
    }

    #[test]
    fn rejects_malformed() {
        let mut lp = LinearProgram::maximize(qs(&[1]));
        lp.constrain(qs(&[1, 2]), Relation::Le, q(1));
        assert!(lp.solve().is_err());
        let mut lp = LinearProgram::maximize(qs(&[1]));
        lp.set_free(3);
        assert!(lp.solve().is_err());
    }

    #[test]
    fn random_small_problems_satisfy_duality() {
        // A deterministic pseudo-random family: every optimum must carry an exact certificate.
        let mut seed: u64 = 12345;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 11) as i64 - 5
        };
        let mut optimal_count = 0;
        for _ in 0..60 {
            let n = 3;
            let obj: Vec<Q> = (0..n).map(|_| q(next())).collect();
            let mut lp = if next() > 0 { LinearProgram::maximize(obj) } else { LinearProgram::minimize(obj) };
            for _ in 0..4 {
                let coeffs: Vec<Q> = (0..n).map(|_| q(next())).collect();
                let rel = match next().rem_euclid(3) {
                    0 => Relation::Le,
                    1 => Relation::Ge,
                    _ => Relation::Eq,
                };
                lp.constrain(coeffs, rel, q(next()));
            }
            if next() > 2 {
                lp.set_free(0);
            }
            if let LpOutcome::Optimal(s) = lp.solve().unwrap() {
                check_certificate(&lp, &s);
                optimal_count += 1;
            }
        }
        assert!(optimal_count > 5, "too few optimal instances ({optimal_count}) to be a meaningful test");
    }

    /// A deterministic generator of small integers in `-k..=k`.
    struct Lcg(u64);

    impl Lcg {
        fn int(&mut self, k: i64) -> i64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) % (2 * k as u64 + 1)) as i64 - k
        }
    }

    /// Solves with the exact integer tableau and compares with the rational oracle exactly (same
    /// pivots, same basis); solves with the hybrid method and checks that it agrees on the outcome
    /// and the optimal value, and that its optimum carries an exact certificate. Returns the
    /// hybrid outcome.
    fn agree_with_oracle(lp: &LinearProgram) -> LpOutcome {
        let exact = lp.solve_exact().unwrap();
        assert_eq!(exact, rational_oracle::solve_lp(lp), "integer and rational simplex differ on {lp:?}");
        let got = lp.solve().unwrap();
        same_optimum(lp, &got, &exact);
        got
    }

    /// Checks a hybrid answer against the exact simplex (problems of moderate size only, so the
    /// unit tests stay fast).
    pub(super) fn cross_check(lp: &LinearProgram, got: &LpOutcome) {
        if lp.num_vars() * lp.constraints.len() <= 1_000 {
            same_optimum(lp, got, &lp.solve_exact().unwrap());
        }
    }

    /// The hybrid answer `got` and the exact simplex's `exact` agree: same kind, same optimal
    /// value, and `got` certified (feasible, dual feasible, strong duality, complementary
    /// slackness) in exact arithmetic.
    fn same_optimum(lp: &LinearProgram, got: &LpOutcome, exact: &LpOutcome) {
        match (got, exact) {
            (LpOutcome::Optimal(a), LpOutcome::Optimal(b)) => {
                assert_eq!(a.value, b.value, "hybrid and exact optima differ on {lp:?}");
                check_certificate(lp, a);
            }
            (a, b) => assert_eq!(a, b, "hybrid and exact outcomes differ on {lp:?}"),
        }
    }

    #[test]
    fn matches_the_rational_oracle_on_random_problems() {
        // Small coefficients and many zero right-hand sides make the problems highly degenerate,
        // so the tie-breaking rules are exercised; some data are fractions.
        let mut rng = Lcg(2024);
        let mut counts = [0usize; 3];
        for round in 0..400 {
            let n = 1 + (rng.int(2) + 2) as usize;
            let m = (rng.int(3) + 3) as usize;
            let entry = |rng: &mut Lcg| {
                let v = rng.int(3);
                if round % 3 == 0 && rng.int(2) == 2 {
                    frac(v, 1 + rng.int(3).abs())
                } else {
                    q(v)
                }
            };
            let obj: Vec<Q> = (0..n).map(|_| entry(&mut rng)).collect();
            let mut lp = if rng.int(1) >= 0 { LinearProgram::maximize(obj) } else { LinearProgram::minimize(obj) };
            for _ in 0..m {
                // Shorter coefficient vectors are padded with zeros.
                let len = if rng.int(4) == 4 { n - 1 } else { n };
                let coeffs: Vec<Q> = (0..len).map(|_| entry(&mut rng)).collect();
                let rel = match rng.int(1) {
                    -1 => Relation::Le,
                    0 => Relation::Ge,
                    _ => Relation::Eq,
                };
                let rhs = if rng.int(1) == 0 { q(0) } else { entry(&mut rng) };
                lp.constrain(coeffs, rel, rhs);
            }
            for j in 0..n {
                if rng.int(3) == 3 {
                    lp.set_free(j);
                }
            }
            counts[match agree_with_oracle(&lp) {
                LpOutcome::Optimal(_) => 0,
                LpOutcome::Infeasible => 1,
                LpOutcome::Unbounded => 2,
            }] += 1;
        }
        assert!(counts.iter().all(|&c| c >= 20), "outcomes not varied enough: {counts:?}");
    }

    #[test]
    fn matches_the_rational_oracle_on_matrix_games() {
        // The maximin program of random 7x6 games (the shape `lp` builds), with a free value.
        let mut rng = Lcg(7);
        for _ in 0..20 {
            let (rows, cols) = (7, 6);
            let a: Vec<Vec<Q>> = (0..rows).map(|_| (0..cols).map(|_| q(rng.int(9))).collect()).collect();
            let mut obj = vec![Q::zero(); rows + 1];
            obj[rows] = Q::one();
            let mut lp = LinearProgram::maximize(obj);
            lp.set_free(rows);
            for j in 0..cols {
                let mut row: Vec<Q> = a.iter().map(|r| r[j].clone()).collect();
                row.push(-Q::one());
                lp.constrain(row, Relation::Ge, Q::zero());
            }
            let mut sum = vec![Q::one(); rows];
            sum.push(Q::zero());
            lp.constrain(sum, Relation::Eq, Q::one());
            assert!(matches!(agree_with_oracle(&lp), LpOutcome::Optimal(_)));
        }
    }

    #[test]
    fn huge_entries_widen_the_integer_type() {
        // Entries near 2^50 over denominators near 2^30 overflow i64 and i128 intermediates.
        let mut rng = Lcg(99);
        let big = |rng: &mut Lcg| {
            let n = BigInt::from(1u64 << 50) * rng.int(1000) + rng.int(1000);
            let d = BigInt::from(1u64 << 30) + rng.int(1000).abs();
            Q::new(n, d)
        };
        for _ in 0..10 {
            let n = 4;
            let obj: Vec<Q> = (0..n).map(|_| big(&mut rng)).collect();
            let mut lp = LinearProgram::maximize(obj);
            for i in 0..5 {
                let coeffs: Vec<Q> = (0..n).map(|_| big(&mut rng)).collect();
                let rel = if i == 4 { Relation::Eq } else { Relation::Le };
                lp.constrain(coeffs, rel, big(&mut rng).abs());
            }
            agree_with_oracle(&lp);
        }
        // Integers near 2^22: the tableau starts with i64 entries and widens during the pivots.
        for _ in 0..10 {
            let int = |rng: &mut Lcg| q((rng.int(1000) << 12) + rng.int(1000));
            let obj: Vec<Q> = (0..4).map(|_| int(&mut rng)).collect();
            let mut lp = LinearProgram::minimize(obj);
            for _ in 0..4 {
                let coeffs: Vec<Q> = (0..4).map(|_| int(&mut rng)).collect();
                lp.constrain(coeffs, Relation::Ge, int(&mut rng));
            }
            agree_with_oracle(&lp);
        }
    }

    #[test]
    fn artificial_driven_out_on_a_negative_pivot() {
        // `-x1 = 0` keeps its artificial basic at level 0 through phase 1 (x1 has a negative
        // reduced cost), and driving it out pivots on the element -1.
        let mut lp = LinearProgram::maximize(qs(&[-1, 1]));
        lp.constrain(qs(&[-1, 0]), Relation::Eq, q(0)).constrain(qs(&[1, 1]), Relation::Le, q(3)).constrain(
            qs(&[0, 2]),
            Relation::Ge,
            q(1),
        );
        let s = optimal(&lp);
        assert_eq!(s.x, qs(&[0, 3]));
        assert_eq!(s.value, q(3));
        assert_eq!(agree_with_oracle(&lp), LpOutcome::Optimal(s));
    }

    /// A random `rows x cols` bimatrix game with integer payoffs in `0..=k`.
    fn random_game(rng: &mut Lcg, shape: &[usize], k: i64) -> crate::game::NormalForm {
        use crate::game::{NormalForm, Player};
        let players: Vec<Player> = shape
            .iter()
            .enumerate()
            .map(|(i, &m)| Player { name: format!("P{i}"), strategies: (0..m).map(|s| format!("s{s}")).collect() })
            .collect();
        let total: usize = shape.iter().product();
        let payoffs: Vec<Q> = (0..total * shape.len()).map(|_| q(rng.int(k / 2) + k / 2)).collect();
        NormalForm::from_flat("random", players, payoffs).unwrap()
    }

    #[test]
    fn hybrid_certifies_the_float_basis_of_correlated_programs() {
        // Correlated-equilibrium programs are highly degenerate (every incentive row has a zero
        // right-hand side): the float phase must still find bases the exact check accepts, and the
        // certified optimum must be the exact simplex's.
        let mut rng = Lcg(11);
        let (mut from_float, mut certified) = (0, 0);
        let mut total = 0;
        for shape in [vec![3, 3], vec![4, 4], vec![5, 4], vec![2, 2, 2], vec![3, 2, 2]] {
            for _ in 0..6 {
                let g = random_game(&mut rng, &shape, 20);
                let weights: Vec<Q> = (0..shape.len()).map(|_| q(rng.int(2))).collect();
                let lp = crate::solve::correlated::program(&g, &weights).unwrap();
                let (got, path) = solve_hybrid(&lp).unwrap();
                same_optimum(&lp, &got, &lp.solve_exact().unwrap());
                assert!(matches!(got, LpOutcome::Optimal(_)));
                total += 1;
                if path != Path::Exact {
                    from_float += 1;
                }
                if path == Path::Certified {
                    certified += 1;
                }
                // The tableau path from the same basis reaches the same optimum.
                let form = IntegerForm::new(&lp);
                let FloatOutcome::Optimal { basis, .. } = form.float_problem().solve() else { panic!() };
                let via_tableau = form.run_from::<BigInt>(Some(&basis)).unwrap().unwrap();
                same_optimum(&lp, &via_tableau, &got);
            }
        }
        assert_eq!(from_float, total, "the float basis was unusable in {} of {total} programs", total - from_float);
        assert!(certified * 10 >= total * 9, "only {certified} of {total} float bases certified as they were");
    }

    #[test]
    fn repair_reaches_a_certified_optimum_from_infeasible_bases() {
        // From the slack basis of correlated-equilibrium programs (the artificial variable of
        // the normalization row is basic at 1: primal infeasible) and from the textbook problem's
        // infeasible basis, the exact repair must reach a basis that the certificate accepts,
        // with the exact simplex's optimal value.
        let mut rng = Lcg(23);
        let mut repaired = 0;
        for shape in [vec![3, 3], vec![4, 4], vec![5, 4], vec![2, 2, 2]] {
            for _ in 0..4 {
                let g = random_game(&mut rng, &shape, 20);
                let weights: Vec<Q> = (0..shape.len()).map(|_| q(rng.int(5) - 2)).collect();
                let lp = crate::solve::correlated::program(&g, &weights).unwrap();
                let form = IntegerForm::new(&lp);
                let start = form.sf.identity_col.clone();
                assert!(form.certify(&start).is_none());
                let (basis, stats) = form.repair(&start, &form.phase2).expect("repair gave up");
                assert!(stats.dual_pivots > 0);
                let got = form.certify(&basis).expect("the repaired basis is not certified");
                same_optimum(&lp, &got, &lp.solve_exact().unwrap());
                repaired += 1;
            }
        }
        assert_eq!(repaired, 16);
        let mut lp = LinearProgram::maximize(qs(&[3, 5]));
        lp.constrain(qs(&[1, 0]), Relation::Le, q(4)).constrain(qs(&[0, 2]), Relation::Le, q(12)).constrain(
            qs(&[3, 2]),
            Relation::Le,
            q(18),
        );
        let form = IntegerForm::new(&lp);
        let slack = form.sf.identity_col.clone();
        let (basis, _) = form.repair(&[0, 1, slack[2]], &form.phase2).unwrap();
        let Some(LpOutcome::Optimal(s)) = form.certify(&basis) else { panic!("not certified") };
        assert_eq!(s.value, q(36));
    }

    #[test]
    fn pivots_on_from_a_feasible_but_suboptimal_basis() {
        // The slack basis of the textbook problem is feasible with value 0: phase 2 must continue
        // from it to the optimum 36.
        let mut lp = LinearProgram::maximize(qs(&[3, 5]));
        lp.constrain(qs(&[1, 0]), Relation::Le, q(4)).constrain(qs(&[0, 2]), Relation::Le, q(12)).constrain(
            qs(&[3, 2]),
            Relation::Le,
            q(18),
        );
        let form = IntegerForm::new(&lp);
        let slack = form.sf.identity_col.clone();
        let Some(LpOutcome::Optimal(s)) = form.run_from::<BigInt>(Some(&slack)).unwrap() else {
            panic!("expected an optimum from the slack basis")
        };
        assert_eq!(s.value, q(36));
        check_certificate(&lp, &s);
        // x and y basic with the third slack: x = 4, y = 6 violates 3x + 2y <= 18 (slack -6):
        // infeasible, refused.
        assert_eq!(form.run_from::<BigInt>(Some(&[0, 1, slack[2]])).unwrap(), None);
        // x + y <= 2 and x + y <= 3 with x and y basic: a singular basis, refused.
        let mut lp = LinearProgram::maximize(qs(&[1, 1]));
        lp.constrain(qs(&[1, 1]), Relation::Le, q(2)).constrain(qs(&[1, 1]), Relation::Le, q(3));
        assert_eq!(IntegerForm::new(&lp).run_from::<BigInt>(Some(&[0, 1])).unwrap(), None);
        same_optimum(&lp, &lp.solve().unwrap(), &lp.solve_exact().unwrap());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn hybrid_agrees_with_the_exact_simplex(
            sense in proptest::bool::ANY,
            obj in proptest::collection::vec(-4i64..=4, 1..5),
            rows in proptest::collection::vec((proptest::collection::vec(-3i64..=3, 1..5), 0u8..3, -4i64..=4), 0..6),
            free0 in proptest::bool::ANY,
        ) {
            let n = obj.len();
            let mut lp = if sense { LinearProgram::maximize(qs(&obj)) } else { LinearProgram::minimize(qs(&obj)) };
            for (coeffs, rel, rhs) in rows {
                let coeffs: Vec<i64> = coeffs.into_iter().take(n).collect();
                let rel = [Relation::Le, Relation::Ge, Relation::Eq][rel as usize];
                lp.constrain(qs(&coeffs), rel, q(rhs));
            }
            if free0 {
                lp.set_free(0);
            }
            same_optimum(&lp, &lp.solve().unwrap(), &lp.solve_exact().unwrap());
        }
    }

    #[test]
    fn every_entry_type_gives_the_same_answer() {
        // Entries of 20 and of 60 bits: the first overflow i64, the second 256-bit integers, at
        // some point of the run; an attempt either reports the overflow or agrees exactly.
        let mut rng = Lcg(5);
        let (mut overflows, mut agreements) = ([0usize; 2], [0usize; 2]);
        for bits in [20u32, 60] {
            for _ in 0..6 {
                let int = |rng: &mut Lcg| {
                    let hi = rng.int(1 << 20);
                    q(if bits == 20 { hi } else { (hi << 40) + rng.int(1 << 30) })
                };
                let (n, m) = (7, 7);
                let obj: Vec<Q> = (0..n).map(|_| int(&mut rng)).collect();
                let mut lp = LinearProgram::maximize(obj);
                for i in 0..m {
                    let coeffs: Vec<Q> = (0..n).map(|_| int(&mut rng)).collect();
                    let rel = if i == 0 { Relation::Eq } else { Relation::Le };
                    lp.constrain(coeffs, rel, int(&mut rng).abs());
                }
                let form = IntegerForm::new(&lp);
                let exact = form.run::<BigInt>().unwrap();
                assert_eq!(exact, rational_oracle::solve_lp(&lp));
                for (k, outcome) in [form.run::<i64>(), form.run::<I256>()].into_iter().enumerate() {
                    match outcome {
                        Ok(o) => {
                            assert_eq!(o, exact);
                            agreements[k] += 1;
                        }
                        Err(Overflow) => overflows[k] += 1,
                    }
                }
            }
        }
        assert!(overflows[0] >= 6 && overflows[1] >= 1 && agreements[1] >= 6, "{overflows:?} {agreements:?}");
    }
}
