//! Integer-pivoting simplex tableaux with lexicographic ratio tests.
//!
//! The tableau stays integral: after a pivot every entry is divided exactly by the
//! previous pivot element (the basis determinant). Entries are subdeterminants of the
//! initial matrix, so their size is bounded by Hadamard's inequality; we pick the
//! narrowest integer type that provably holds them ("hybrid arithmetic" in lrslib's
//! words): `i64` with `i128` intermediates, `i128` with wide intermediates, or `BigInt`.
//!
//! Degeneracy is resolved by the lexicographic rule: ties in the ratio test are broken
//! by comparing rows of the basis inverse, which is the simplex method on a perturbed,
//! non-degenerate right-hand side. This never cycles.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt::Debug;

/// Integer arithmetic used by tableaux.
pub trait TabInt: Clone + Debug + PartialEq {
    /// Converts from a big integer known to fit.
    fn from_big(x: &BigInt) -> Self;
    /// Converts to a big integer.
    fn to_big(&self) -> BigInt;
    /// True if zero.
    fn is_zero_(&self) -> bool;
    /// True if strictly positive.
    fn is_pos(&self) -> bool;
    /// `(a*b - c*d) / e`, where the division is known to be exact.
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Self;
    /// Compares `a*b` with `c*d`.
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering;
}

impl TabInt for i64 {
    fn from_big(x: &BigInt) -> Self {
        x.to_i64().unwrap_or(0)
    }
    fn to_big(&self) -> BigInt {
        BigInt::from(*self)
    }
    fn is_zero_(&self) -> bool {
        *self == 0
    }
    fn is_pos(&self) -> bool {
        *self > 0
    }
    #[inline]
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Self {
        ((*a as i128 * *b as i128 - *c as i128 * *d as i128) / *e as i128) as i64
    }
    #[inline]
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        (*a as i128 * *b as i128).cmp(&(*c as i128 * *d as i128))
    }
}

impl TabInt for i128 {
    fn from_big(x: &BigInt) -> Self {
        x.to_i128().unwrap_or(0)
    }
    fn to_big(&self) -> BigInt {
        BigInt::from(*self)
    }
    fn is_zero_(&self) -> bool {
        *self == 0
    }
    fn is_pos(&self) -> bool {
        *self > 0
    }
    #[inline]
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Self {
        if let (Some(x), Some(y)) = (a.checked_mul(*b), c.checked_mul(*d)) {
            if let Some(z) = x.checked_sub(y) {
                return z / e;
            }
        }
        let r = (BigInt::from(*a) * b - BigInt::from(*c) * d) / e;
        r.to_i128().unwrap_or(0)
    }
    #[inline]
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        if let (Some(x), Some(y)) = (a.checked_mul(*b), c.checked_mul(*d)) {
            return x.cmp(&y);
        }
        (BigInt::from(*a) * b).cmp(&(BigInt::from(*c) * d))
    }
}

impl TabInt for BigInt {
    fn from_big(x: &BigInt) -> Self {
        x.clone()
    }
    fn to_big(&self) -> BigInt {
        self.clone()
    }
    fn is_zero_(&self) -> bool {
        self.is_zero()
    }
    fn is_pos(&self) -> bool {
        self.is_positive()
    }
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Self {
        (a * b - c * d) / e
    }
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        (a * b).cmp(&(c * d))
    }
}

/// Which integer width a matrix needs, from Hadamard's bound on its subdeterminants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Entries fit in i64 and products in i128.
    I64,
    /// Entries fit in i128.
    I128,
    /// Arbitrary precision.
    Big,
}

/// Chooses the integer width for a tableau built from `rows` (each row: coefficients and
/// right-hand side; identity columns are accounted for). Every subdeterminant is bounded by
/// the product of the (Euclidean) norms of the rows involved, each at least 1.
pub fn width_for(rows: &[Vec<BigInt>]) -> Width {
    let mut log2 = 0.0f64;
    for r in rows {
        let sq: f64 = r.iter().map(|x| x.to_f64().unwrap_or(f64::INFINITY).powi(2)).sum::<f64>() + 1.0;
        log2 += 0.5 * sq.log2();
    }
    // One bit of slack for rounding in the estimate.
    if log2 + 1.0 < 62.0 {
        Width::I64
    } else if log2 + 1.0 < 126.0 {
        Width::I128
    } else {
        Width::Big
    }
}

/// A dictionary `D * x_B = rhs - N x_N` kept as an integer matrix.
///
/// Variables are numbered `0..num_vars`. Column `num_vars` holds the right-hand side.
/// Basic variable columns are `det` times unit vectors. The lexicographic rule uses the
/// columns of the initial basis, which hold `det` times the basis inverse.
#[derive(Debug, Clone)]
pub struct Tableau<T: TabInt> {
    rows: usize,
    width: usize,
    m: Vec<T>,
    basis: Vec<usize>,
    row_of: Vec<usize>,
    det: T,
    lex: Vec<usize>,
}

/// Marks a nonbasic variable in `row_of`.
pub const NONBASIC: usize = usize::MAX;

impl<T: TabInt> Tableau<T> {
    /// Builds a tableau from constraint rows `coef[i] · x = rhs[i]` where the variables
    /// `initial_basis[i]` have unit columns in `coef` (a feasible starting basis with
    /// `rhs >= 0`).
    pub fn new(coef: &[Vec<BigInt>], rhs: &[BigInt], initial_basis: &[usize]) -> Tableau<T> {
        let rows = coef.len();
        let num_vars = coef.first().map_or(0, Vec::len);
        let width = num_vars + 1;
        let mut m = Vec::with_capacity(rows * width);
        for (r, b) in coef.iter().zip(rhs) {
            m.extend(r.iter().map(T::from_big));
            m.push(T::from_big(b));
        }
        let mut row_of = vec![NONBASIC; num_vars];
        for (i, &v) in initial_basis.iter().enumerate() {
            row_of[v] = i;
        }
        Tableau {
            rows,
            width,
            m,
            basis: initial_basis.to_vec(),
            row_of,
            det: T::from_big(&BigInt::from(1)),
            lex: initial_basis.to_vec(),
        }
    }

    /// Number of constraint rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of variables.
    pub fn num_vars(&self) -> usize {
        self.width - 1
    }

    /// The basic variable of each row.
    pub fn basis(&self) -> &[usize] {
        &self.basis
    }

    /// Row of a basic variable, or [`NONBASIC`].
    pub fn row_of(&self, var: usize) -> usize {
        self.row_of[var]
    }

    #[inline]
    fn at(&self, i: usize, j: usize) -> &T {
        &self.m[i * self.width + j]
    }

    /// The row that leaves when `col` enters, by the lexicographic minimum-ratio test;
    /// `None` if no entry of the column is positive (an unbounded direction).
    pub fn ratio_test(&self, col: usize) -> Option<usize> {
        let rhs = self.width - 1;
        let mut best: Option<usize> = None;
        for i in 0..self.rows {
            if !self.at(i, col).is_pos() {
                continue;
            }
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            // Compare rhs_i / a_i with rhs_b / a_b, then the basis-inverse columns.
            let (ai, ab) = (self.at(i, col), self.at(b, col));
            let mut ord = T::cmp_prod(self.at(i, rhs), ab, self.at(b, rhs), ai);
            let mut k = 0;
            while ord == Ordering::Equal && k < self.lex.len() {
                let c = self.lex[k];
                ord = T::cmp_prod(self.at(i, c), ab, self.at(b, c), ai);
                k += 1;
            }
            if ord == Ordering::Less {
                best = Some(i);
            }
        }
        best
    }

    /// Pivots: `col` enters the basis in `row`. The pivot element must be non-zero
    /// (positive when chosen by [`Tableau::ratio_test`]).
    pub fn pivot(&mut self, row: usize, col: usize) {
        let w = self.width;
        let piv = self.at(row, col).clone();
        let (before, rest) = self.m.split_at_mut(row * w);
        let (prow, after) = rest.split_at_mut(w);
        for chunk in before.chunks_mut(w).chain(after.chunks_mut(w)) {
            let f = chunk[col].clone();
            if f.is_zero_() {
                // Entry becomes (a*piv)/det for every column: still exact.
                for x in chunk.iter_mut() {
                    if !x.is_zero_() {
                        *x = T::pivot_op(x, &piv, &f, &f, &self.det);
                    }
                }
            } else {
                for (x, p) in chunk.iter_mut().zip(prow.iter()) {
                    *x = T::pivot_op(x, &piv, &f, p, &self.det);
                }
            }
        }
        // A negative pivot (only possible outside the ratio test) flips the row's sign convention.
        let leaving = self.basis[row];
        self.row_of[leaving] = NONBASIC;
        self.row_of[col] = row;
        self.basis[row] = col;
        self.det = piv;
    }

    /// Numerator of the value of `var` over [`Tableau::det`] (zero if nonbasic).
    pub fn value_numer(&self, var: usize) -> Option<&T> {
        match self.row_of[var] {
            NONBASIC => None,
            r => Some(self.at(r, self.width - 1)),
        }
    }

    /// The current basis determinant (the common denominator of the basic solution).
    pub fn det(&self) -> &T {
        &self.det
    }

    /// The basic solution as exact integers over a common denominator: `(numerators, denominator)`,
    /// reduced by their gcd.
    pub fn solution(&self, vars: std::ops::Range<usize>) -> (Vec<BigInt>, BigInt) {
        let mut nums: Vec<BigInt> =
            vars.map(|v| self.value_numer(v).map_or_else(BigInt::zero, TabInt::to_big)).collect();
        let mut den = self.det.to_big();
        let g = nums.iter().fold(den.clone(), |g, x| g.gcd(x));
        if !g.is_zero() && g != BigInt::from(1) {
            for x in &mut nums {
                *x /= &g;
            }
            den /= &g;
        }
        (nums, den)
    }

    /// The basic solution's numerators over [`Tableau::det`], unreduced (cheap).
    pub fn raw_values(&self, vars: std::ops::Range<usize>) -> Vec<BigInt> {
        vars.map(|v| self.value_numer(v).map_or_else(BigInt::zero, TabInt::to_big)).collect()
    }

    /// True if variable `var` is zero at the current basic solution (nonbasic, or basic at zero).
    pub fn is_zero_var(&self, var: usize) -> bool {
        self.value_numer(var).is_none_or(TabInt::is_zero_)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: &[i64]) -> Vec<BigInt> {
        v.iter().map(|&x| BigInt::from(x)).collect()
    }

    fn run<T: TabInt>() -> (Vec<BigInt>, BigInt) {
        // x1 + 2 x2 + s1 = 4 ; 3 x1 + x2 + s2 = 6
        let coef = vec![b(&[1, 2, 1, 0]), b(&[3, 1, 0, 1])];
        let mut t: Tableau<T> = Tableau::new(&coef, &b(&[4, 6]), &[2, 3]);
        let r = t.ratio_test(0).unwrap();
        assert_eq!(r, 1);
        t.pivot(r, 0);
        let r = t.ratio_test(1).unwrap();
        assert_eq!(r, 0);
        t.pivot(r, 1);
        t.solution(0..2)
    }

    #[test]
    fn pivots_exactly_in_every_width() {
        // Vertex x = (8/5, 6/5).
        for (n, d) in [run::<i64>(), run::<i128>(), run::<BigInt>()] {
            assert_eq!(n, b(&[8, 6]));
            assert_eq!(d, BigInt::from(5));
        }
    }

    #[test]
    fn lexicographic_rule_breaks_ties() {
        // Degenerate: both rows give ratio 0 for x1.
        let coef = vec![b(&[1, 1, 1, 0]), b(&[2, 1, 0, 1])];
        let t: Tableau<i64> = Tableau::new(&coef, &b(&[0, 0]), &[2, 3]);
        // Row 0: (0, 1, 0)/1 vs row 1: (0, 0, 1)/2 -> row 1 is lexicographically smaller.
        assert_eq!(t.ratio_test(0), Some(1));
    }

    #[test]
    fn width_choice() {
        assert_eq!(width_for(&[b(&[1, 2]), b(&[3, 4])]), Width::I64);
        let big = vec![b(&[1 << 40, 1 << 40]); 4];
        assert_eq!(width_for(&big), Width::Big);
    }
}
