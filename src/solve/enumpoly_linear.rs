//! Exact solution sets of the support systems of [`super::enumpoly`] that are **linear**.
//!
//! A support system is multilinear; it is affine when each equation and inequality has degree at
//! most one, e.g. when all players but one play a pure strategy (the mixing player's own
//! indifference equations are then constants, and the others' advantages are affine in its
//! probabilities), or after the affine equations have pinned some unknowns to values (a player
//! whose indifference fixes another's mix). Its solution set is then a polytope (bounded: the
//! unknowns are probabilities), possibly of positive dimension — a continuum of equilibria that
//! subdivision cannot isolate. Here it is described exactly by its vertices: the equations are
//! reduced to row echelon form, the free unknowns parametrise their solution space, and every
//! choice of as many tight inequalities as free unknowns is solved exactly and kept when it
//! satisfies every inequality. Every point of the polytope satisfies every equation and
//! inequality, so the convex hull of the vertices is exactly the support's solution set (closed).

use crate::num::Q;
use num_traits::{One, Signed, Zero};

/// The affine form `c + a·x`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Affine {
    pub c: Q,
    pub a: Vec<Q>,
}

impl Affine {
    fn eval(&self, x: &[Q]) -> Q {
        self.a.iter().zip(x).fold(self.c.clone(), |acc, (a, v)| if a.is_zero() { acc } else { acc + a * v })
    }
}

/// The exact solution set of a linear system `eqs = 0`, `ineqs ≤ 0` in `n` unknowns.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum LinearSet {
    /// No solution.
    Empty,
    /// A non-empty bounded polytope: its vertices (distinct, in a deterministic order) and its
    /// dimension (that of the affine hull of the vertices).
    Polytope { vertices: Vec<Vec<Q>>, dim: usize },
}

/// Reduced row echelon form of `rows` (each `c + a·x = 0`): pairs `(pivot, row)` with the pivot's
/// coefficient 1 and zero in every other row; `None` if the system is inconsistent.
pub(super) fn rref(rows: &[Affine], n: usize) -> Option<Vec<(usize, Affine)>> {
    let mut rows: Vec<Affine> = rows.to_vec();
    let mut out: Vec<(usize, Affine)> = Vec::new();
    let mut r = 0;
    for col in 0..n {
        let Some(p) = (r..rows.len()).find(|&k| !rows[k].a[col].is_zero()) else { continue };
        rows.swap(r, p);
        let inv = Q::one() / &rows[r].a[col];
        let pivot = Affine { c: &rows[r].c * &inv, a: rows[r].a.iter().map(|v| v * &inv).collect() };
        for (k, row) in rows.iter_mut().enumerate() {
            if k != r && !row.a[col].is_zero() {
                let f = row.a[col].clone();
                row.c -= &f * &pivot.c;
                for (v, pv) in row.a.iter_mut().zip(&pivot.a) {
                    if !pv.is_zero() {
                        *v -= &f * pv;
                    }
                }
            }
        }
        for (_, row) in out.iter_mut() {
            if !row.a[col].is_zero() {
                let f = row.a[col].clone();
                row.c -= &f * &pivot.c;
                for (v, pv) in row.a.iter_mut().zip(&pivot.a) {
                    if !pv.is_zero() {
                        *v -= &f * pv;
                    }
                }
            }
        }
        rows[r] = pivot.clone();
        out.push((col, pivot));
        r += 1;
    }
    // Rows left without a pivot are constants: consistent only if zero.
    if rows[r..].iter().any(|row| !row.c.is_zero()) {
        return None;
    }
    Some(out)
}

/// Solves the square system `m y = rhs` exactly; `None` if `m` is singular.
fn solve_square(mut m: Vec<Vec<Q>>, mut rhs: Vec<Q>) -> Option<Vec<Q>> {
    let d = rhs.len();
    for col in 0..d {
        let p = (col..d).find(|&k| !m[k][col].is_zero())?;
        m.swap(col, p);
        rhs.swap(col, p);
        let inv = Q::one() / &m[col][col];
        for v in m[col].iter_mut() {
            *v *= &inv;
        }
        rhs[col] *= &inv;
        for k in 0..d {
            if k != col && !m[k][col].is_zero() {
                let f = m[k][col].clone();
                let (pivot_row, pivot_rhs) = (m[col].clone(), rhs[col].clone());
                for (v, pv) in m[k].iter_mut().zip(&pivot_row) {
                    *v -= &f * pv;
                }
                rhs[k] -= &f * &pivot_rhs;
            }
        }
    }
    Some(rhs)
}

/// Binomial coefficient, saturating.
fn choose(m: usize, d: usize) -> u128 {
    let mut c: u128 = 1;
    for k in 0..d.min(m) {
        c = c.saturating_mul((m - k) as u128) / (k as u128 + 1);
    }
    if d > m {
        0
    } else {
        c
    }
}

/// The exact solution set of `eqs = 0`, `ineqs ≤ 0` in `n` unknowns, assumed bounded (every
/// unknown is a probability and `ineqs` says so). `None` when more than `cap` choices of tight
/// inequalities would have to be solved (the caller then falls back to subdivision).
pub(super) fn solve(eqs: &[Affine], ineqs: &[Affine], n: usize, cap: u128) -> Option<LinearSet> {
    let Some(rows) = rref(eqs, n) else { return Some(LinearSet::Empty) };
    let pivots: Vec<usize> = rows.iter().map(|(p, _)| *p).collect();
    let free: Vec<usize> = (0..n).filter(|j| !pivots.contains(j)).collect();
    let d = free.len();
    // x = x0 + M y over the free unknowns y.
    let mut x0 = vec![Q::zero(); n];
    let mut m = vec![vec![Q::zero(); d]; n];
    for (p, row) in &rows {
        x0[*p] = -row.c.clone();
        for (k, &f) in free.iter().enumerate() {
            m[*p][k] = -row.a[f].clone();
        }
    }
    for (k, &f) in free.iter().enumerate() {
        m[f][k] = Q::one();
    }
    // The inequalities in y: c' + a'·y ≤ 0; constant ones are checked now, repeats dropped.
    let mut reduced: Vec<Affine> = Vec::new();
    for g in ineqs {
        let c = g.eval(&x0);
        let a: Vec<Q> = (0..d)
            .map(|k| {
                g.a.iter().zip(&m).fold(Q::zero(), |acc, (gj, mj)| if gj.is_zero() { acc } else { acc + gj * &mj[k] })
            })
            .collect();
        if a.iter().all(Zero::is_zero) {
            if c.is_positive() {
                return Some(LinearSet::Empty);
            }
            continue;
        }
        // Scale so the first non-zero coefficient is ±1 (exact repeats then compare equal).
        let lead = a.iter().find(|v| !v.is_zero()).map(|v| v.abs()).unwrap_or_else(Q::one);
        let g = Affine { c: c / &lead, a: a.iter().map(|v| v / &lead).collect() };
        if !reduced.contains(&g) {
            reduced.push(g);
        }
    }
    let back = |y: &[Q]| -> Vec<Q> {
        (0..n).map(|j| m[j].iter().zip(y).fold(x0[j].clone(), |acc, (mj, yk)| acc + mj * yk)).collect()
    };
    if d == 0 {
        return Some(LinearSet::Polytope { vertices: vec![x0], dim: 0 });
    }
    let count = reduced.len();
    if choose(count, d) > cap {
        return None;
    }
    let mut vertices: Vec<Vec<Q>> = Vec::new();
    let mut pick: Vec<usize> = (0..d).collect();
    if count >= d {
        loop {
            let mat: Vec<Vec<Q>> = pick.iter().map(|&k| reduced[k].a.clone()).collect();
            let rhs: Vec<Q> = pick.iter().map(|&k| -reduced[k].c.clone()).collect();
            if let Some(y) = solve_square(mat, rhs) {
                if reduced.iter().all(|g| !g.eval(&y).is_positive()) && !vertices.contains(&y) {
                    vertices.push(y);
                }
            }
            // Next combination in lexicographic order.
            let Some(i) = (0..d).rev().find(|&i| pick[i] < count - d + i) else { break };
            pick[i] += 1;
            for j in i + 1..d {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }
    if vertices.is_empty() {
        return Some(LinearSet::Empty);
    }
    let dim = affine_rank(&vertices);
    let mut vertices: Vec<Vec<Q>> = vertices.iter().map(|y| back(y)).collect();
    vertices.sort();
    Some(LinearSet::Polytope { vertices, dim })
}

/// Dimension of the affine hull of `points`.
fn affine_rank(points: &[Vec<Q>]) -> usize {
    let Some((first, rest)) = points.split_first() else { return 0 };
    let rows: Vec<Affine> =
        rest.iter().map(|p| Affine { c: Q::zero(), a: p.iter().zip(first).map(|(a, b)| a - b).collect() }).collect();
    rref(&rows, first.len()).map_or(0, |r| r.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn aff(c: Q, a: &[Q]) -> Affine {
        Affine { c, a: a.to_vec() }
    }

    #[test]
    fn a_segment_in_the_unit_square() {
        // x + y = 1, 0 ≤ x ≤ 3/4, y ≥ 0: the segment from (0, 1) to (3/4, 1/4).
        let eqs = [aff(q(-1), &[q(1), q(1)])];
        let ineqs = [aff(q(0), &[q(-1), q(0)]), aff(frac(-3, 4), &[q(1), q(0)]), aff(q(0), &[q(0), q(-1)])];
        let set = solve(&eqs, &ineqs, 2, 1000).unwrap();
        assert_eq!(set, LinearSet::Polytope { vertices: vec![vec![q(0), q(1)], vec![frac(3, 4), frac(1, 4)]], dim: 1 });
    }

    #[test]
    fn inconsistent_or_infeasible_is_empty() {
        assert_eq!(solve(&[aff(q(1), &[q(0)])], &[], 1, 10), Some(LinearSet::Empty));
        // x ≥ 1 and x ≤ 1/2.
        let ineqs = [aff(q(1), &[q(-1)]), aff(frac(-1, 2), &[q(1)])];
        assert_eq!(solve(&[], &ineqs, 1, 10), Some(LinearSet::Empty));
    }

    #[test]
    fn a_triangle_and_the_cap() {
        // x, y ≥ 0, x + y ≤ 1: three vertices, dimension 2; refused under a cap of 2 choices.
        let ineqs = [aff(q(0), &[q(-1), q(0)]), aff(q(0), &[q(0), q(-1)]), aff(q(-1), &[q(1), q(1)])];
        let Some(LinearSet::Polytope { vertices, dim }) = solve(&[], &ineqs, 2, 10) else { panic!() };
        assert_eq!((vertices.len(), dim), (3, 2));
        assert_eq!(solve(&[], &ineqs, 2, 2), None);
    }
}
