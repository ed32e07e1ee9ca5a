//! All equilibria of small N-player games by support enumeration (`--method enumpoly`, the idea
//! of Gambit's `enumpoly`, made exact).
//!
//! For every support profile (one non-empty set of strategies per player, skipping sets that
//! hold a strictly dominated strategy) the unknowns are each player's probabilities on its
//! support but the last (the last is one minus the others). The equations say that every
//! support strategy earns what the first one earns; the inequalities say that no strategy off
//! the support earns more and that the probabilities are non-negative.
//!
//! Every equation and inequality is **multilinear** (degree at most one in each unknown: a
//! player's probabilities enter each term through one factor), so its range over an
//! axis-aligned box is attained at the box's corners. The corner values come exactly from the
//! monomial coefficients by a shift and a subset-sum transform (`O(n·2ⁿ)` rational operations).
//! The unit box is subdivided; a box is dropped when an equation has a strict constant sign on
//! it, a player's probabilities must sum to more than one, or an off-support strategy is
//! strictly better everywhere on it. A remaining box is tested with the **Krawczyk operator**
//! in exact rational interval arithmetic (the Jacobian's ranges are again corner ranges): if
//! `K(X) ⊂ int X` the box holds exactly one root, which float Newton then finds; if `K(X)` misses
//! `X` there is none. A box the test leaves undecided is searched by float Newton from its
//! centre; a root it reaches is certified by **ε-inflation** (Krawczyk on dyadic boxes of
//! half-width 2⁻⁴⁰ up to 2⁻², float-screened, the tightest and the widest confirmed exactly), and
//! every later box inside the widest proven box is dropped (it can hold no other root). So boxes
//! are decided near every regular root long before the minimum width, and, for the sizes it
//! accepts, the method is complete: every isolated regular root of every support system is
//! found. Games whose estimate exceeds the work budget are refused before any work. Boxes that
//! are never resolved down to a minimum width (a continuum of equilibria, or a singular root), or
//! past a box cap, are reported in the notes and make the answer `complete: false`, never
//! dropped silently.
//!
//! A support system that is **linear** (every player but one pure, or linear once its linear
//! equations have fixed some unknowns) is not subdivided: its solution set is a polytope, solved
//! exactly by [`super::enumpoly_linear`]. Its vertices are listed as exact equilibria, and when it
//! is a continuum (positive dimension, with points using every support strategy) a note gives its
//! dimension and the listed equilibria that span it; the answer stays complete.
//!
//! Each root becomes an equilibrium through [`super::polish::certify`]: exact when a rational
//! point near it has regret exactly 0, otherwise the root's decimals with their max regret
//! computed exactly. Off-support inequalities are decided exactly over the root's isolating
//! box. For three players with two strategies each in the support, the root's minimal
//! polynomial and an isolating interval are given in the notes.

use super::enumpoly_linear::{self as linear, Affine, LinearSet};
use super::numeric::FloatGame;
use super::polish::{self, Certified};
use super::{Equilibrium, Method, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::{to_f64, Q};
use nalgebra::{DMatrix, DVector};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// Computes all equilibria of small games by support enumeration and exact subdivision.
pub struct EnumPoly;

/// Default work budget (the estimate of [`estimate`]); `--max-vertices` overrides it. Set so the
/// default accepts what the search completes (random 3x3x3, 4x3x3, 2^6 games: estimates 0.16M,
/// 0.91M, 0.23M) and refuses the rest up front (4x4x3: 5.2M, 4x4x4: 29M, 3x3x3x3: 6.2M), instead
/// of returning an incomplete list.
pub const DEFAULT_WORK_BUDGET: u64 = 1_000_000;
/// Most unknowns a support system may have.
pub const MAX_UNKNOWNS: usize = 12;
/// Boxes narrower than this (in every direction) are not split further.
const MIN_WIDTH_LOG2: u32 = 10;
/// Most boxes examined per support profile with `n` unknowns: the larger of this and `2^(n+6)`.
const MAX_BOXES_PER_SUPPORT: usize = 1_000;
/// Most boxes examined in all (degenerate games: continua in many supports), at least; the
/// work budget divided by 16 when larger. Past it the remaining supports are not examined and
/// the solution says so.
const MAX_BOXES_TOTAL: usize = 30_000;

impl Solver for EnumPoly {
    fn method(&self) -> Method {
        Method::EnumPoly
    }
    fn description(&self) -> &'static str {
        "all equilibria of small games with any number of players, by support enumeration"
    }
    fn supports(&self, game: &NormalForm) -> Result<()> {
        if game.num_players() < 3 {
            return Err(Error::Unsupported {
                method: "enumpoly".into(),
                reason: "it is for three or more players; for two, --method enum lists every extreme equilibrium \
                         and the components"
                    .into(),
            });
        }
        check_budget(game, None)
    }
    fn run(&self, game: &NormalForm, options: &SolveOptions) -> Result<Solution> {
        if game.num_players() < 3 {
            self.supports(game)?;
        }
        check_budget(game, options.max_vertices)?;
        run_with(game, true, options.max_vertices.unwrap_or(DEFAULT_WORK_BUDGET), options.progress.as_ref())
    }
}

/// Per player, the strategies that are strictly dominated by another pure strategy.
fn dominated(game: &NormalForm) -> Vec<Vec<bool>> {
    let n = game.num_players();
    let shape = game.shape();
    (0..n)
        .map(|i| {
            (0..shape[i])
                .map(|s| {
                    (0..shape[i]).any(|t| {
                        t != s
                            && game.profiles().filter(|p| p[i] == s).all(|p| {
                                let mut q = p.clone();
                                q[i] = t;
                                game.payoff(&q, i) > game.payoff(&p, i)
                            })
                    })
                })
                .collect()
        })
        .collect()
}

/// Per player, its candidate supports (no strictly dominated strategy), smallest first.
fn candidate_supports(game: &NormalForm) -> Vec<Vec<Vec<usize>>> {
    let dom = dominated(game);
    dom.iter()
        .map(|d| {
            let keep: Vec<usize> = (0..d.len()).filter(|&s| !d[s]).collect();
            let mut subsets: Vec<Vec<usize>> = (1u64..(1u64 << keep.len()))
                .map(|m| (0..keep.len()).filter(|&b| m >> b & 1 == 1).map(|b| keep[b]).collect())
                .collect();
            subsets.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            subsets
        })
        .collect()
}

/// Estimated work: the sum over support profiles of `(n+1)·4ⁿ` for `n` unknowns.
fn estimate(game: &NormalForm) -> (u128, u128, usize) {
    let mut hist: Vec<u128> = vec![1];
    let shape = game.shape();
    if shape.iter().any(|&m| m > 24) {
        return (u128::MAX, u128::MAX, usize::MAX);
    }
    for per in candidate_supports(game) {
        let mut h = vec![0u128; per.iter().map(Vec::len).max().unwrap_or(1)];
        for s in &per {
            h[s.len() - 1] += 1;
        }
        let mut next = vec![0u128; hist.len() + h.len() - 1];
        for (a, &x) in hist.iter().enumerate() {
            for (b, &y) in h.iter().enumerate() {
                next[a + b] = next[a + b].saturating_add(x.saturating_mul(y));
            }
        }
        hist = next;
    }
    let supports: u128 = hist.iter().fold(0u128, |a, &x| a.saturating_add(x));
    let largest = hist.iter().rposition(|&x| x > 0).unwrap_or(0);
    let work = hist.iter().enumerate().fold(0u128, |acc, (n, &c)| {
        let cost = if n >= 60 { u128::MAX } else { (n as u128 + 1) << (2 * n) };
        acc.saturating_add(c.saturating_mul(cost))
    });
    (supports, work, largest)
}

fn check_budget(game: &NormalForm, budget: Option<u64>) -> Result<()> {
    let budget = budget.unwrap_or(DEFAULT_WORK_BUDGET);
    let (supports, work, largest) = estimate(game);
    if largest > MAX_UNKNOWNS {
        return Err(Error::TooLarge(format!(
            "method `enumpoly`: a support profile of this game has {largest} unknown probabilities, more than the \
             limit of {MAX_UNKNOWNS} (strategies per player {:?}); remove dominated strategies or use --method logit",
            game.shape()
        )));
    }
    if work > u128::from(budget) {
        return Err(Error::TooLarge(format!(
            "method `enumpoly`: {supports} support profiles, estimated work {work} > the budget {budget}; \
             raise it with --max-vertices N, remove dominated strategies, or use --method logit"
        )));
    }
    Ok(())
}

/// The largest work estimate for which `auto` picks `enumpoly` for three or more players (2x2x2
/// games: 648; five players with two strategies each: about 34,000, left to `pure`).
pub const AUTO_WORK_BUDGET: u128 = 5_000;

/// True if `auto` should use enumpoly: three or more players and a small estimate.
pub fn auto_feasible(game: &NormalForm) -> bool {
    game.num_players() >= 3 && {
        let (_, work, largest) = estimate(game);
        largest <= MAX_UNKNOWNS && work <= AUTO_WORK_BUDGET
    }
}

// ---------------------------------------------------------------------------------------------
// Multilinear polynomials, dense over subsets of the unknowns.

/// A multilinear polynomial in `n` unknowns: `coef[mask]` multiplies `Π_{b ∈ mask} x_b`.
#[derive(Debug, Clone, PartialEq)]
struct Poly {
    n: usize,
    coef: Vec<Q>,
}

impl Poly {
    fn zero(n: usize) -> Poly {
        Poly { n, coef: vec![Q::zero(); 1 << n] }
    }

    fn sub(&self, other: &Poly) -> Poly {
        Poly { n: self.n, coef: self.coef.iter().zip(&other.coef).map(|(a, b)| a - b).collect() }
    }

    fn eval(&self, x: &[Q]) -> Q {
        let mut c = self.coef.clone();
        // Fold variables one at a time: c[m] += x_b · c[m | b].
        for (b, xb) in x.iter().enumerate().take(self.n) {
            let bit = 1 << b;
            for m in 0..c.len() {
                if m & bit == 0 && !c[m | bit].is_zero() {
                    let t = &c[m | bit] * xb;
                    c[m] += t;
                }
            }
        }
        c[0].clone()
    }

    /// The affine form `c + a·x` if no monomial has degree two or more.
    fn affine(&self) -> Option<Affine> {
        if self.coef.iter().enumerate().any(|(m, c)| m.count_ones() > 1 && !c.is_zero()) {
            return None;
        }
        Some(Affine { c: self.coef[0].clone(), a: (0..self.n).map(|b| self.coef[1 << b].clone()).collect() })
    }

    /// The polynomial with `x_b = v` (free of `x_b`).
    fn substitute(&mut self, b: usize, v: &Q) {
        let bit = 1 << b;
        for m in 0..self.coef.len() {
            if m & bit != 0 && !self.coef[m].is_zero() {
                let t = std::mem::take(&mut self.coef[m]) * v;
                self.coef[m ^ bit] += t;
            }
        }
    }

    /// `∂/∂x_b` (again multilinear, free of `x_b`).
    fn derivative(&self, b: usize) -> Poly {
        let bit = 1 << b;
        let coef =
            (0..self.coef.len()).map(|m| if m & bit == 0 { self.coef[m | bit].clone() } else { Q::zero() }).collect();
        Poly { n: self.n, coef }
    }

    /// Exact range over the box `[lo, hi]` (corner values).
    fn range(&self, lo: &[Q], hi: &[Q]) -> (Q, Q) {
        if self.coef.iter().skip(1).all(Zero::is_zero) {
            return (self.coef[0].clone(), self.coef[0].clone());
        }
        let mut c = self.coef.clone();
        for b in 0..self.n {
            let bit = 1 << b;
            let w = &hi[b] - &lo[b];
            for m in 0..c.len() {
                if m & bit == 0 && !c[m | bit].is_zero() {
                    let t = &c[m | bit] * &lo[b];
                    c[m] += t;
                    c[m | bit] *= &w;
                }
            }
        }
        for b in 0..self.n {
            let bit = 1 << b;
            for m in 0..c.len() {
                if m & bit == 0 {
                    let t = c[m].clone();
                    c[m | bit] += t;
                }
            }
        }
        let mut it = c.into_iter();
        let first = it.next().unwrap_or_else(Q::zero);
        it.fold((first.clone(), first), |(a, b), x| {
            if x < a {
                (x, b)
            } else if x > b {
                (a, x)
            } else {
                (a, b)
            }
        })
    }

    fn to_float(&self) -> FPoly {
        FPoly { coef: self.coef.iter().map(to_f64).collect() }
    }
}

/// A [`Poly`] in floats, for Newton's method.
struct FPoly {
    coef: Vec<f64>,
}

impl FPoly {
    /// Corner values over the box in floats, and a bound on their rounding errors: the
    /// largest possible term magnitude times `1e-10`, far above the `O(n·ε)` relative error
    /// of the conversion and the `O(n)` float operations per corner value (`ε ≈ 1.1e-16`), so
    /// a sign decided beyond it is the exact sign. Box ends are dyadic, hence exact floats.
    fn corner_range(&self, lo: &[f64], hi: &[f64]) -> (f64, f64, f64) {
        let mut c = self.coef.clone();
        let mut mag: Vec<f64> = self.coef.iter().map(|x| x.abs()).collect();
        for b in 0..lo.len() {
            let bit = 1 << b;
            let w = hi[b] - lo[b];
            let m_b = lo[b].abs().max(hi[b].abs());
            for m in 0..c.len() {
                if m & bit == 0 {
                    c[m] += c[m | bit] * lo[b];
                    c[m | bit] *= w;
                    mag[m | bit] *= m_b;
                }
            }
        }
        for b in 0..lo.len() {
            let bit = 1 << b;
            for m in 0..c.len() {
                if m & bit == 0 {
                    c[m | bit] += c[m];
                }
            }
        }
        let total: f64 = mag.iter().sum();
        let (a, z) = c.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, z), &x| (a.min(x), z.max(x)));
        (a, z, total * 1e-10 + f64::MIN_POSITIVE)
    }

    /// `Some(1)` / `Some(-1)` if the polynomial is proven strictly positive / negative on the box.
    fn sign(&self, lo: &[f64], hi: &[f64]) -> Option<i8> {
        let (a, z, err) = self.corner_range(lo, hi);
        if !(a.is_finite() && z.is_finite() && err.is_finite()) {
            return None;
        }
        if a > err {
            Some(1)
        } else if z < -err {
            Some(-1)
        } else {
            None
        }
    }

    /// True if the float range proves the polynomial takes both signs or zero well inside the
    /// box (so the exact range cannot exclude it either).
    fn decided(&self, lo: &[f64], hi: &[f64]) -> bool {
        let (a, z, err) = self.corner_range(lo, hi);
        a.is_finite() && z.is_finite() && a < -err && z > err
    }

    fn eval(&self, x: &[f64]) -> f64 {
        let mut c = self.coef.clone();
        for (b, &xb) in x.iter().enumerate() {
            let bit = 1 << b;
            for m in 0..c.len() {
                if m & bit == 0 {
                    c[m] += xb * c[m | bit];
                }
            }
        }
        c[0]
    }
}

// ---------------------------------------------------------------------------------------------
// The support system.

/// The equations and inequalities of one support profile.
struct System {
    support: Vec<Vec<usize>>,
    /// First unknown of each player.
    offset: Vec<usize>,
    n: usize,
    /// Indifference equations (`n` of them).
    eqs: Vec<Poly>,
    /// Their partial derivatives, `jac[e][b]`.
    jac: Vec<Vec<Poly>>,
    /// Off-support advantages `V_i(t) − V_i(first)`, each must be `≤ 0`.
    ineqs: Vec<Poly>,
    feqs: Vec<FPoly>,
    fineqs: Vec<FPoly>,
    fjac: Vec<Vec<FPoly>>,
    /// Use [`System::preconditioned_excluded`] (off only in the unpruned test path).
    preconditioned: bool,
}

impl System {
    fn new(game: &NormalForm, support: Vec<Vec<usize>>) -> System {
        let np = game.num_players();
        let mut offset = Vec::with_capacity(np);
        let mut n = 0;
        for s in &support {
            offset.push(n);
            n += s.len() - 1;
        }
        // factor[k][j]: player k's probability of support[k][j] as a sparse affine form.
        let factor: Vec<Vec<Vec<(usize, Q)>>> = (0..np)
            .map(|k| {
                let len = support[k].len();
                (0..len)
                    .map(|j| {
                        if j + 1 < len {
                            vec![(1usize << (offset[k] + j), Q::one())]
                        } else {
                            let mut f = vec![(0usize, Q::one())];
                            f.extend((0..len - 1).map(|jj| (1usize << (offset[k] + jj), -Q::one())));
                            f
                        }
                    })
                    .collect()
            })
            .collect();
        // A player with a one-strategy support adds a constant to the profile index and a factor
        // one to every term, so only the players with larger supports are enumerated: the cost is
        // linear, not quadratic, in one-strategy players (200,000 of them take milliseconds).
        let base: usize = (0..np).filter(|&k| support[k].len() == 1).map(|k| support[k][0] * game.stride(k)).sum();
        let multi: Vec<usize> = (0..np).filter(|&k| support[k].len() > 1).collect();
        let value = |i: usize, t: usize| -> Poly {
            let mut out = Poly::zero(n);
            let others: Vec<usize> = multi.iter().copied().filter(|&k| k != i).collect();
            let mut start = base + t * game.stride(i);
            if support[i].len() == 1 {
                start -= support[i][0] * game.stride(i);
            }
            let mut digit = vec![0usize; others.len()];
            loop {
                let idx =
                    start + digit.iter().zip(&others).map(|(d, &k)| support[k][*d] * game.stride(k)).sum::<usize>();
                let u = &game.payoffs_at(idx)[i];
                if !u.is_zero() {
                    let mut terms: Vec<(usize, Q)> = vec![(0, u.clone())];
                    for (d, &k) in digit.iter().zip(&others) {
                        let f = &factor[k][*d];
                        terms =
                            terms.iter().flat_map(|(m, c)| f.iter().map(move |(fm, fc)| (m | fm, c * fc))).collect();
                    }
                    for (m, c) in terms {
                        out.coef[m] += c;
                    }
                }
                let mut p = 0;
                loop {
                    if p == digit.len() {
                        return out;
                    }
                    digit[p] += 1;
                    if digit[p] < support[others[p]].len() {
                        break;
                    }
                    digit[p] = 0;
                    p += 1;
                }
            }
        };
        let mut eqs = Vec::with_capacity(n);
        let mut ineqs = Vec::new();
        for (i, sup) in support.iter().enumerate() {
            let first = value(i, sup[0]);
            for &s in &sup[1..] {
                eqs.push(value(i, s).sub(&first));
            }
            for t in (0..game.num_strategies(i)).filter(|t| !sup.contains(t)) {
                ineqs.push(value(i, t).sub(&first));
            }
        }
        let jac: Vec<Vec<Poly>> = eqs.iter().map(|e| (0..n).map(|b| e.derivative(b)).collect()).collect();
        let fjac = jac.iter().map(|row| row.iter().map(Poly::to_float).collect()).collect();
        let feqs = eqs.iter().map(Poly::to_float).collect();
        let fineqs = ineqs.iter().map(Poly::to_float).collect();
        System { support, offset, n, eqs, jac, ineqs, feqs, fineqs, fjac, preconditioned: true }
    }

    /// True if no point of the box `[lo, hi]` can be a feasible root.
    fn excluded(&self, lo: &[Q], hi: &[Q]) -> bool {
        for (k, s) in self.support.iter().enumerate() {
            let sum: Q = (0..s.len() - 1).map(|j| &lo[self.offset[k] + j]).sum();
            if sum > Q::one() {
                return true;
            }
        }
        let lof: Vec<f64> = lo.iter().map(to_f64).collect();
        let hif: Vec<f64> = hi.iter().map(to_f64).collect();
        for (e, fe) in self.eqs.iter().zip(&self.feqs) {
            match fe.sign(&lof, &hif) {
                Some(_) => return true,
                None if fe.decided(&lof, &hif) => {}
                None => {
                    let (a, b) = e.range(lo, hi);
                    if a.is_positive() || b.is_negative() {
                        return true;
                    }
                }
            }
        }
        self.ineqs.iter().zip(&self.fineqs).any(|(g, fg)| match fg.sign(&lof, &hif) {
            Some(s) => s > 0,
            None => !fg.decided(&lof, &hif) && g.range(lo, hi).0.is_positive(),
        })
    }

    /// Preconditioned exclusion: with `Y ≈ J(c)⁻¹` at the box centre, each combination
    /// `g_k = Σ_j Y_kj f_j` vanishes at every common root of the equations, and is again
    /// multilinear, so its exact range over the box is a corner range. Near-identity
    /// combinations exclude wide root-free boxes that no single equation's sign excludes. The
    /// float screen only proposes; the sign is confirmed exactly (`Y` rounded to `f32`
    /// rationals, exact combination and range).
    fn preconditioned_excluded(&self, lo: &[Q], hi: &[Q]) -> bool {
        let n = self.n;
        if n < 2 {
            return false;
        }
        let lof: Vec<f64> = lo.iter().map(to_f64).collect();
        let hif: Vec<f64> = hi.iter().map(to_f64).collect();
        let c: Vec<f64> = lof.iter().zip(&hif).map(|(a, b)| (a + b) / 2.0).collect();
        let Some(y) = self.j_float(&c).try_inverse() else { return false };
        for k in 0..n {
            let row: Vec<f32> = (0..n).map(|j| y[(k, j)] as f32).collect();
            if row.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let mut coef = vec![0.0f64; 1 << n];
            for (j, e) in self.feqs.iter().enumerate() {
                let w = f64::from(row[j]);
                if w != 0.0 {
                    for (a, b) in coef.iter_mut().zip(&e.coef) {
                        *a += w * b;
                    }
                }
            }
            if (FPoly { coef }).sign(&lof, &hif).is_none() {
                continue;
            }
            let mut g = Poly::zero(n);
            for (j, e) in self.eqs.iter().enumerate() {
                let Some(w) = Q::from_float(row[j]) else { continue };
                if w.is_zero() {
                    continue;
                }
                for (a, b) in g.coef.iter_mut().zip(&e.coef) {
                    if !b.is_zero() {
                        *a += &w * b;
                    }
                }
            }
            let (a, b) = g.range(lo, hi);
            if a.is_positive() || b.is_negative() {
                return true;
            }
        }
        false
    }

    fn f_float(&self, x: &[f64]) -> DVector<f64> {
        DVector::from_iterator(self.n, self.feqs.iter().map(|e| e.eval(x)))
    }

    fn j_float(&self, x: &[f64]) -> DMatrix<f64> {
        let mut m = DMatrix::zeros(self.n, self.n);
        for (r, row) in self.fjac.iter().enumerate() {
            for (c, d) in row.iter().enumerate() {
                m[(r, c)] = d.eval(x);
            }
        }
        m
    }

    /// The Krawczyk test in floats (a screen: only what it decides is tried exactly).
    fn krawczyk_float(&self, lo: &[f64], hi: &[f64]) -> Option<bool> {
        let n = self.n;
        let c: Vec<f64> = lo.iter().zip(hi).map(|(a, b)| (a + b) / 2.0).collect();
        let y = self.j_float(&c).try_inverse()?;
        let fc = self.f_float(&c);
        let yf = &y * &fc;
        let jx: Vec<Vec<(f64, f64)>> = self
            .fjac
            .iter()
            .map(|row| {
                row.iter()
                    .map(|d| {
                        let (a, z, _) = d.corner_range(lo, hi);
                        (a, z)
                    })
                    .collect()
            })
            .collect();
        let mut inside = true;
        for a in 0..n {
            let (mut klo, mut khi) = (c[a] - yf[a], c[a] - yf[a]);
            for b in 0..n {
                let (mut mlo, mut mhi) = if a == b { (1.0, 1.0) } else { (0.0, 0.0) };
                for (k, row) in jx.iter().enumerate() {
                    let (p, q) = (y[(a, k)] * row[b].0, y[(a, k)] * row[b].1);
                    mlo -= p.max(q);
                    mhi -= p.min(q);
                }
                let (dlo, dhi) = (lo[b] - c[b], hi[b] - c[b]);
                let prods = [mlo * dlo, mlo * dhi, mhi * dlo, mhi * dhi];
                klo += prods.iter().copied().fold(f64::INFINITY, f64::min);
                khi += prods.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            }
            if !(klo.is_finite() && khi.is_finite()) {
                return None;
            }
            let slack = 1e-9 * (hi[a] - lo[a]);
            if khi < lo[a] - slack || klo > hi[a] + slack {
                return Some(false);
            }
            if !(klo > lo[a] + slack && khi < hi[a] - slack) {
                inside = false;
            }
        }
        inside.then_some(true)
    }

    /// The Krawczyk test on `[lo, hi]`: `Some(true)` one root, `Some(false)` none, `None` undecided.
    /// Exact; run only where the float screen decides.
    fn krawczyk(&self, lo: &[Q], hi: &[Q]) -> Option<bool> {
        let lof: Vec<f64> = lo.iter().map(to_f64).collect();
        let hif: Vec<f64> = hi.iter().map(to_f64).collect();
        self.krawczyk_float(&lof, &hif)?;
        let n = self.n;
        let mut inside = true;
        let two = Q::from_integer(BigInt::from(2));
        let c: Vec<Q> = lo.iter().zip(hi).map(|(a, b)| (a + b) / &two).collect();
        let cf: Vec<f64> = c.iter().map(to_f64).collect();
        let y = self.j_float(&cf).try_inverse()?;
        if y.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let yq: Vec<Vec<Q>> =
            (0..n).map(|r| (0..n).map(|k| Q::from_float(y[(r, k)] as f32).unwrap_or_else(Q::zero)).collect()).collect();
        let fc: Vec<Q> = self.eqs.iter().map(|e| e.eval(&c)).collect();
        let jx: Vec<Vec<(Q, Q)>> = self.jac.iter().map(|row| row.iter().map(|d| d.range(lo, hi)).collect()).collect();
        for a in 0..n {
            // K_a = c_a − (Y f(c))_a + Σ_b (δ_ab − Σ_k Y_ak J_kb(X)) (X_b − c_b)
            let mut klo: Q = c[a].clone() - (0..n).map(|k| &yq[a][k] * &fc[k]).sum::<Q>();
            let mut khi = klo.clone();
            for b in 0..n {
                let (mut mlo, mut mhi) = if a == b { (Q::one(), Q::one()) } else { (Q::zero(), Q::zero()) };
                for k in 0..n {
                    let (jl, jh) = &jx[k][b];
                    let (p, q) = (&yq[a][k] * jl, &yq[a][k] * jh);
                    let (p, q) = if p <= q { (p, q) } else { (q, p) };
                    mlo -= q;
                    mhi -= p;
                }
                let (dlo, dhi) = (&lo[b] - &c[b], &hi[b] - &c[b]);
                let prods = [&mlo * &dlo, &mlo * &dhi, &mhi * &dlo, &mhi * &dhi];
                let pmin = prods.iter().min().cloned().unwrap_or_else(Q::zero);
                let pmax = prods.iter().max().cloned().unwrap_or_else(Q::zero);
                klo += pmin;
                khi += pmax;
            }
            if khi < lo[a] || klo > hi[a] {
                return Some(false);
            }
            if !(klo > lo[a] && khi < hi[a]) {
                inside = false;
            }
        }
        inside.then_some(true)
    }

    /// Float Newton from `x0`; the root if it converged.
    fn newton(&self, x0: &[f64]) -> Option<Vec<f64>> {
        let mut x = x0.to_vec();
        for _ in 0..60 {
            let f = self.f_float(&x);
            if f.amax() < 1e-15 {
                break;
            }
            let step = self.j_float(&x).lu().solve(&(-f))?;
            for (xi, s) in x.iter_mut().zip(step.iter()) {
                *xi += s;
            }
            if step.amax() < 1e-17 {
                break;
            }
        }
        (self.f_float(&x).amax() < 1e-9 && x.iter().all(|v| v.is_finite())).then_some(x)
    }

    /// The full flat profile (all strategies of all players) of the unknowns `x`.
    /// The exact mixed profile (per player, per strategy) at the exact point `x`.
    fn exact_profile(&self, game: &NormalForm, x: &[Q]) -> Vec<Vec<Q>> {
        self.support
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let mut p = vec![Q::zero(); game.num_strategies(k)];
                let mut rest = Q::one();
                for (j, &st) in s.iter().enumerate().take(s.len() - 1) {
                    p[st] = x[self.offset[k] + j].clone();
                    rest -= &x[self.offset[k] + j];
                }
                p[s[s.len() - 1]] = rest;
                p
            })
            .collect()
    }

    fn profile(&self, fg: &FloatGame, x: &[f64]) -> Vec<f64> {
        let mut p = vec![0.0; fg.total];
        for (k, s) in self.support.iter().enumerate() {
            let mut rest = 1.0;
            for (j, &st) in s.iter().enumerate().take(s.len() - 1) {
                p[fg.offsets[k] + st] = x[self.offset[k] + j];
                rest -= x[self.offset[k] + j];
            }
            p[fg.offsets[k] + s[s.len() - 1]] = rest;
        }
        p
    }
}

// ---------------------------------------------------------------------------------------------
// The solver.

/// A root proven unique in `[lo, hi]`, with its float value.
struct Root {
    x: Vec<f64>,
    lo: Vec<Q>,
    hi: Vec<Q>,
}

/// What subdividing one support system found.
struct Outcome {
    roots: Vec<Root>,
    /// Centres of boxes left unresolved at the minimum width or the box cap.
    unresolved: Vec<Vec<f64>>,
    /// True if the per-support box cap stopped the subdivision.
    capped: bool,
}

fn dyadic(k: i64, log2: u32) -> Q {
    Q::new(BigInt::from(k), BigInt::one() << log2)
}

/// True if the box `[lo, hi]` lies in the closed box `[ulo, uhi]`.
fn inside(lo: &[Q], hi: &[Q], ulo: &[Q], uhi: &[Q]) -> bool {
    lo.iter().zip(ulo).all(|(a, u)| a >= u) && hi.iter().zip(uhi).all(|(b, u)| b <= u)
}

/// The box of half-width `2^-k` around `x`, its centre rounded to a multiple of `2^-(k+8)`:
/// dyadic ends with short denominators, so the exact tests on it stay cheap.
fn ball(x: &[f64], k: u32) -> Option<(Vec<Q>, Vec<Q>)> {
    let grid = f64::from(k + 8).exp2();
    let mut lo = Vec::with_capacity(x.len());
    let mut hi = Vec::with_capacity(x.len());
    for &v in x {
        let c = (v * grid).round();
        if !c.is_finite() || c.abs() > 1e15 {
            return None;
        }
        let c = c as i64;
        lo.push(dyadic(c - 256, k + 8));
        hi.push(dyadic(c + 256, k + 8));
    }
    Some((lo, hi))
}

/// Half-widths `2^-k` tried when a Newton root is certified by Krawczyk (ε-inflation), smallest
/// first: the smallest that works gives the root's tight isolating box, the largest its
/// exclusion box.
const INFLATION: [u32; 10] = [40, 30, 23, 17, 13, 10, 8, 6, 4, 2];

/// Certifies a float root `x` of the system by Krawczyk tests on boxes around it: `(tight,
/// unique)`, a tiny box proven to hold exactly one root and the largest box tried that is proven
/// to hold exactly one root (the same root), or `None` if no tiny box is proven. The float
/// Krawczyk screen picks the candidates; only they are tested exactly.
#[allow(clippy::type_complexity)]
fn certify_root(sys: &System, x: &[f64]) -> Option<((Vec<Q>, Vec<Q>), (Vec<Q>, Vec<Q>))> {
    let screened: Vec<(Vec<Q>, Vec<Q>)> = INFLATION
        .iter()
        .filter_map(|&k| ball(x, k))
        .take_while(|(lo, hi)| {
            let lof: Vec<f64> = lo.iter().map(to_f64).collect();
            let hif: Vec<f64> = hi.iter().map(to_f64).collect();
            sys.krawczyk_float(&lof, &hif) == Some(true)
        })
        .collect();
    let tight = screened.iter().take(2).find(|(lo, hi)| sys.krawczyk(lo, hi) == Some(true))?.clone();
    let unique = screened
        .iter()
        .rev()
        .take(2)
        .find(|(lo, hi)| sys.krawczyk(lo, hi) == Some(true))
        .cloned()
        .unwrap_or_else(|| tight.clone());
    Some((tight, unique))
}

fn subdivide(sys: &System, total: &mut usize, cap: usize) -> Outcome {
    let n = sys.n;
    let mut out = Outcome { roots: Vec::new(), unresolved: Vec::new(), capped: false };
    // Boxes proven to hold exactly one root, a root already in `out.roots`: a box inside one of
    // them holds no other root and is dropped.
    let mut unique: Vec<(Vec<Q>, Vec<Q>)> = Vec::new();
    // Float roots whose certification failed (not retried).
    let mut failed: Vec<Vec<f64>> = Vec::new();
    // A box: per unknown, [a·2^-d, (a+1)·2^-d] as (a, d).
    let mut stack: Vec<Vec<(i64, u32)>> = vec![vec![(0, 0); n]];
    let mut boxes = 0usize;
    let near = |x: &[f64], y: &[f64]| x.iter().zip(y).all(|(a, b)| (a - b).abs() < 1e-9);
    while let Some(b) = stack.pop() {
        boxes += 1;
        *total += 1;
        let lo: Vec<Q> = b.iter().map(|&(a, d)| dyadic(a, d)).collect();
        let hi: Vec<Q> = b.iter().map(|&(a, d)| dyadic(a + 1, d)).collect();
        if boxes > cap {
            out.capped = true;
            out.unresolved.push(lo.iter().zip(&hi).map(|(a, b)| (to_f64(a) + to_f64(b)) / 2.0).collect());
            break;
        }
        if unique.iter().any(|(ulo, uhi)| inside(&lo, &hi, ulo, uhi)) {
            continue;
        }
        if sys.excluded(&lo, &hi) || (sys.preconditioned && sys.preconditioned_excluded(&lo, &hi)) {
            continue;
        }
        // Krawczyk on the box widened by a quarter of its width each side (so roots on a
        // box's face, e.g. a probability 0 or 1/2, are inside some tested box).
        let grow = |a: &Q, b: &Q| (b - a) / Q::from_integer(BigInt::from(4));
        let wlo: Vec<Q> = lo.iter().zip(&hi).map(|(a, b)| a - grow(a, b)).collect();
        let whi: Vec<Q> = lo.iter().zip(&hi).map(|(a, b)| b + grow(a, b)).collect();
        let c: Vec<f64> = wlo.iter().zip(&whi).map(|(a, b)| (to_f64(a) + to_f64(b)) / 2.0).collect();
        match sys.krawczyk(&wlo, &whi) {
            Some(false) => continue,
            Some(true) => {
                if let Some(x) = sys.newton(&c) {
                    let known = out.roots.iter().any(|r| near(&r.x, &x));
                    if !known {
                        out.roots.push(tighten(sys, x, wlo.clone(), whi.clone()));
                    }
                    unique.push((wlo, whi));
                    continue;
                }
            }
            None => {
                // Newton from the centre; a root it reaches is certified by ε-inflation, and
                // the largest box proven to hold it alone is excluded from further search.
                if let Some(x) = sys.newton(&c) {
                    let known = out.roots.iter().any(|r| near(&r.x, &x)) || failed.iter().any(|f| near(f, &x));
                    if !known {
                        match certify_root(sys, &x) {
                            Some(((tlo, thi), (ulo, uhi))) => {
                                out.roots.push(Root { x, lo: tlo, hi: thi });
                                let done = inside(&lo, &hi, &ulo, &uhi);
                                unique.push((ulo, uhi));
                                if done {
                                    continue;
                                }
                            }
                            None => failed.push(x),
                        }
                    }
                }
            }
        }
        // Split the widest side.
        let (k, &(a, d)) = b.iter().enumerate().min_by_key(|(_, &(_, d))| d).expect("n > 0");
        if d >= MIN_WIDTH_LOG2 {
            out.unresolved.push(lo.iter().zip(&hi).map(|(a, b)| (to_f64(a) + to_f64(b)) / 2.0).collect());
            continue;
        }
        for half in [1, 0] {
            let mut c = b.clone();
            c[k] = (2 * a + half, d + 1);
            stack.push(c);
        }
    }
    out
}

/// Most boxes [`overdetermined_infeasible`] examines per overdetermined subsystem.
const MAX_BOXES_OVERDETERMINED: usize = 2_000;

/// Early infeasibility: some players' equations involve fewer unknowns than there are equations
/// (e.g. one player is pure and the other two support sizes differ). Such a subsystem generically
/// has no root, but makes the whole Jacobian singular, so the full subdivision would never
/// isolate anything and would end in an unresolved region. Subdividing only the unknowns the
/// subsystem involves, with the usual exact exclusion tests, proves it has no feasible root (then
/// the support is skipped); `false` when that is not proven within the box cap (a degenerate
/// game: the full subdivision runs and reports what it finds).
fn overdetermined_infeasible(sys: &System, total: &mut usize) -> bool {
    let np = sys.support.len();
    if np > 12 {
        return false;
    }
    // Equations are in player order, `|support| − 1` per player.
    let mut owner = Vec::with_capacity(sys.n);
    for (i, s) in sys.support.iter().enumerate() {
        owner.extend(std::iter::repeat_n(i, s.len() - 1));
    }
    let masks: Vec<usize> = sys
        .eqs
        .iter()
        .map(|e| e.coef.iter().enumerate().filter(|(_, c)| !c.is_zero()).fold(0, |acc, (m, _)| acc | m))
        .collect();
    for players in 1usize..(1 << np) {
        let eqs: Vec<usize> = (0..sys.n).filter(|&e| players >> owner[e] & 1 == 1).collect();
        let vars = eqs.iter().fold(0usize, |acc, &e| acc | masks[e]);
        if eqs.is_empty() || vars.count_ones() as usize >= eqs.len() {
            continue;
        }
        let dims: Vec<usize> = (0..sys.n).filter(|&b| vars >> b & 1 == 1).collect();
        let mut stack: Vec<Vec<(i64, u32)>> = vec![vec![(0, 0); sys.n]];
        let mut boxes = 0usize;
        let mut proven = true;
        while let Some(b) = stack.pop() {
            boxes += 1;
            *total += 1;
            if boxes > MAX_BOXES_OVERDETERMINED {
                proven = false;
                break;
            }
            let lo: Vec<Q> = b.iter().map(|&(a, d)| dyadic(a, d)).collect();
            let hi: Vec<Q> = b.iter().map(|&(a, d)| dyadic(a + 1, d)).collect();
            if sys.excluded(&lo, &hi) {
                continue;
            }
            let Some(&k) = dims.iter().min_by_key(|&&k| b[k].1) else {
                proven = false;
                break;
            };
            let (a, d) = b[k];
            if d >= MIN_WIDTH_LOG2 {
                proven = false;
                break;
            }
            for half in [1, 0] {
                let mut c = b.clone();
                c[k] = (2 * a + half, d + 1);
                stack.push(c);
            }
        }
        if proven {
            return true;
        }
    }
    false
}

/// Most choices of tight inequalities [`linear_set`] solves for one support (each a small exact
/// linear solve); past it the support is subdivided as a nonlinear one.
const MAX_LINEAR_CHOICES: u128 = 20_000;

/// The exact solution set of a support system that is linear, or becomes linear once its affine
/// equations have fixed some unknowns (substituted in turn until nothing more is fixed): its
/// vertices and dimension (see [`super::enumpoly_linear`]). `None` if it stays nonlinear or its
/// vertex enumeration would exceed [`MAX_LINEAR_CHOICES`].
fn linear_set(sys: &System) -> Option<LinearSet> {
    let n = sys.n;
    let mut eqs = sys.eqs.clone();
    let mut ineqs = sys.ineqs.clone();
    let mut fixed: Vec<Option<Q>> = vec![None; n];
    loop {
        let affine: Vec<Affine> = eqs.iter().filter_map(Poly::affine).collect();
        let Some(rows) = linear::rref(&affine, n) else { return Some(LinearSet::Empty) };
        let mut more = false;
        for (p, row) in rows {
            if fixed[p].is_none() && row.a.iter().enumerate().all(|(j, v)| j == p || v.is_zero()) {
                let v = -row.c;
                for poly in eqs.iter_mut().chain(ineqs.iter_mut()) {
                    poly.substitute(p, &v);
                }
                fixed[p] = Some(v);
                more = true;
            }
        }
        if !more {
            break;
        }
    }
    let mut eqs: Vec<Affine> = eqs.iter().map(Poly::affine).collect::<Option<_>>()?;
    let mut ineqs: Vec<Affine> = ineqs.iter().map(Poly::affine).collect::<Option<_>>()?;
    let unit = |j: usize, v: Q| {
        let mut a = vec![Q::zero(); n];
        a[j] = v;
        a
    };
    for (j, v) in fixed.iter().enumerate() {
        if let Some(v) = v {
            eqs.push(Affine { c: -v.clone(), a: unit(j, Q::one()) });
        }
    }
    // Probabilities: each unknown ≥ 0, and each player's last support strategy 1 − Σ ≥ 0.
    for (k, s) in sys.support.iter().enumerate() {
        let vars = sys.offset[k]..sys.offset[k] + s.len() - 1;
        for j in vars.clone() {
            ineqs.push(Affine { c: Q::zero(), a: unit(j, -Q::one()) });
        }
        if !vars.is_empty() {
            let mut a = vec![Q::zero(); n];
            vars.for_each(|j| a[j] = Q::one());
            ineqs.push(Affine { c: -Q::one(), a });
        }
    }
    linear::solve(&eqs, &ineqs, n, MAX_LINEAR_CHOICES)
}

/// A tiny isolating box around the Newton root `x` if Krawczyk proves it, else `[lo, hi]`.
fn tighten(sys: &System, x: Vec<f64>, lo: Vec<Q>, hi: Vec<Q>) -> Root {
    let r = 1e-12;
    let tlo: Vec<Q> = x.iter().map(|&v| Q::from_float(v - r).unwrap_or_else(Q::zero)).collect();
    let thi: Vec<Q> = x.iter().map(|&v| Q::from_float(v + r).unwrap_or_else(Q::zero)).collect();
    let inside = tlo.iter().zip(&lo).all(|(a, b)| a >= b) && thi.iter().zip(&hi).all(|(a, b)| a <= b);
    if inside && sys.krawczyk(&tlo, &thi) == Some(true) {
        Root { x, lo: tlo, hi: thi }
    } else {
        Root { x, lo, hi }
    }
}

/// True if some support strategy is strictly dominated by another strategy of its player when
/// the others play within their supports (Gambit's conditional dominance): it earns strictly less
/// against every such pure profile, hence against every mixture of them, so no equilibrium has
/// this support (a profile with that strategy in the support would have it as a best response).
fn conditionally_dominated(game: &NormalForm, support: &[Vec<usize>]) -> bool {
    let np = game.num_players();
    (0..np).any(|i| {
        // A player with one strategy has nothing to compare (and skipping it keeps a game of
        // many one-strategy players linear, not cubic, in the number of players).
        if game.num_strategies(i) < 2 {
            return false;
        }
        let others: Vec<usize> = (0..np).filter(|&k| k != i).collect();
        // Every pure profile of the others within their supports.
        let mut rest: Vec<Vec<usize>> = vec![vec![0; np]];
        for &k in &others {
            if let [only] = support[k].as_slice() {
                rest.iter_mut().for_each(|p| p[k] = *only);
                continue;
            }
            rest = rest
                .into_iter()
                .flat_map(|p| {
                    support[k].iter().map(move |&t| {
                        let mut q = p.clone();
                        q[k] = t;
                        q
                    })
                })
                .collect();
        }
        support[i].iter().any(|&s| {
            (0..game.num_strategies(i)).any(|t| {
                t != s
                    && rest.iter().all(|p| {
                        let mut a = p.clone();
                        a[i] = t;
                        let mut b = p.clone();
                        b[i] = s;
                        game.payoff(&a, i) > game.payoff(&b, i)
                    })
            })
        })
    })
}

/// [`EnumPoly`] without its support pruning (conditional dominance, early infeasibility of
/// overdetermined subsystems): slower, for tests that check the pruning keeps every equilibrium.
#[doc(hidden)]
pub fn solve_unpruned(game: &NormalForm) -> Result<Solution> {
    check_budget(game, None)?;
    run_with(game, false, DEFAULT_WORK_BUDGET, None)
}

/// The solver; `prune` skips support profiles with a conditionally dominated strategy (always
/// on; off only to test that pruning keeps every equilibrium).
fn run_with(game: &NormalForm, prune: bool, budget: u64, progress: Option<&super::Progress>) -> Result<Solution> {
    let max_total = MAX_BOXES_TOTAL.max(usize::try_from(budget / 16).unwrap_or(usize::MAX));
    let fg = FloatGame::new(game);
    let per = candidate_supports(game);
    let mut profiles: Vec<Vec<Vec<usize>>> = vec![Vec::new()];
    for options in &per {
        // A player with one candidate support (one undominated strategy) extends every profile in
        // place: cloning the growing profiles was quadratic in the number of such players (a
        // 200,000-player game with one strategy each ran for minutes).
        if let [only] = options.as_slice() {
            profiles.iter_mut().for_each(|p| p.push(only.clone()));
            continue;
        }
        profiles = profiles
            .into_iter()
            .flat_map(|p| {
                options.iter().map(move |s| {
                    let mut q = p.clone();
                    q.push(s.clone());
                    q
                })
            })
            .collect();
    }
    if prune {
        profiles.retain(|p| !conditionally_dominated(game, p));
    }
    profiles.sort_by_key(|p| p.iter().map(Vec::len).sum::<usize>());
    let mut found: Vec<(Certified, Option<String>)> = Vec::new();
    let mut notes = Vec::new();
    let mut complete = true;
    let names = |support: &[Vec<usize>]| -> String {
        support
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let st = &game.players()[i].strategies;
                format!("{{{}}}", s.iter().map(|&j| st[j].as_str()).collect::<Vec<_>>().join(","))
            })
            .collect::<Vec<_>>()
            .join(" × ")
    };
    let mut total_boxes = 0usize;
    let mut convex_sets = 0usize;
    let num_profiles = profiles.len();
    for (done, support) in profiles.into_iter().enumerate() {
        if let Some(observer) = progress {
            observer(&super::ProgressEvent {
                stage: format!("enumpoly: support profiles ({total_boxes} boxes)"),
                done: done as u64,
                bound: Some(num_profiles as u64),
            });
        }
        if total_boxes > max_total {
            complete = false;
            notes.push(format!(
                "stopped after {total_boxes} boxes (a degenerate game, or a budget too small): {} of \
                 {num_profiles} support profiles not examined; --max-vertices N raises the box limit to N/16",
                num_profiles - done
            ));
            break;
        }
        let mut sys = System::new(game, support);
        sys.preconditioned = prune;
        if sys.n == 0 {
            let zero: Vec<Q> = Vec::new();
            if sys.ineqs.iter().all(|g| !g.range(&zero, &zero).0.is_positive()) {
                let pure: Vec<usize> = sys.support.iter().map(|s| s[0]).collect();
                let profile = crate::game::MixedProfile::pure(game, &pure);
                let payoffs = game.expected_payoffs(&profile);
                add(
                    &mut found,
                    Certified { equilibrium: Equilibrium { profile, payoffs }, max_regret: Q::zero() },
                    None,
                );
            }
            continue;
        }
        // A linear system (e.g. one player mixing, the others pure): its exact solution set.
        if let Some(set) = linear_set(&sys) {
            if let LinearSet::Polytope { vertices, dim } = set {
                let mut listed = Vec::new();
                for x in &vertices {
                    let probs = sys.exact_profile(game, x);
                    let profile = crate::game::MixedProfile { probs };
                    let max_regret = game.max_regret(&profile);
                    if !max_regret.is_zero() {
                        return Err(Error::Internal(format!(
                            "enumpoly: a vertex of the linear support system {} has regret {max_regret}",
                            names(&sys.support)
                        )));
                    }
                    let payoffs = game.expected_payoffs(&profile);
                    listed.push(add(
                        &mut found,
                        Certified { equilibrium: Equilibrium { profile, payoffs }, max_regret },
                        None,
                    ));
                }
                // Points using every support strategy exist iff each is used at some vertex
                // (then at their barycentre); otherwise the polytope lies on a face, a smaller
                // support's set, reported there.
                let profiles: Vec<Vec<Vec<Q>>> = vertices.iter().map(|x| sys.exact_profile(game, x)).collect();
                let full = sys
                    .support
                    .iter()
                    .enumerate()
                    .all(|(k, s)| s.iter().all(|&t| profiles.iter().any(|p| p[k][t].is_positive())));
                if dim > 0 && full {
                    convex_sets += 1;
                    listed.sort_unstable();
                    let list: Vec<String> = listed.iter().map(|k| (k + 1).to_string()).collect();
                    notes.push(format!(
                        "support {}: a continuum of equilibria, the convex set of dimension {dim} spanned by \
                         equilibria {}: every mixture of them is an equilibrium, and every equilibrium with this \
                         support is one",
                        names(&sys.support),
                        list.join(", ")
                    ));
                }
            }
            continue;
        }
        if prune && overdetermined_infeasible(&sys, &mut total_boxes) {
            continue;
        }
        let cap = MAX_BOXES_PER_SUPPORT.max(1 << (sys.n + 6).min(20));
        let outcome = subdivide(&sys, &mut total_boxes, cap);
        for root in &outcome.roots {
            consider_root(game, &fg, &sys, root, &mut found);
        }
        if !outcome.unresolved.is_empty() {
            complete = false;
            let mut msg = format!(
                "support {}: {} region(s) not resolved to isolated roots (a continuum of equilibria or a singular one{})",
                names(&sys.support),
                outcome.unresolved.len(),
                if outcome.capped {
                    format!(", or more than the {cap} boxes examined for this support were needed")
                } else {
                    String::new()
                }
            );
            let point = outcome.unresolved.iter().find_map(|c| {
                let x = sys.profile(&fg, c);
                polish::certify(game, &fg, &x, Some(1e-3))
            });
            if let Some(c) = point {
                msg.push_str("; one verified point of it is listed");
                add(&mut found, c, None);
            }
            notes.push(msg);
        }
    }
    let exact = found.iter().all(|(c, _)| c.is_exact());
    let mut equilibria = Vec::with_capacity(found.len());
    let mut eq_notes = Vec::new();
    for (k, (c, note)) in found.into_iter().enumerate() {
        if let Some(note) = note {
            eq_notes.push(format!("equilibrium {}: {note}", k + 1));
        }
        equilibria.push(c.equilibrium);
    }
    let count = equilibria.len();
    notes.insert(
        0,
        match count {
            0 => "no equilibrium found".to_string(),
            1 => "exactly one equilibrium (every isolated one is listed)".to_string(),
            k if convex_sets > 0 => format!(
                "{k} equilibria (every isolated one is listed, and every vertex of {})",
                if convex_sets == 1 {
                    "the convex set of equilibria below"
                } else {
                    "each convex set of equilibria below"
                }
            ),
            k => format!("{k} equilibria (every isolated one is listed)"),
        },
    );
    notes.extend(eq_notes);
    Ok(Solution { method: Method::EnumPoly, exact, complete, equilibria, components: Vec::new(), notes })
}

/// Adds `c` unless the same equilibrium is already there and returns its index. Two exact ones
/// are the same when equal (exact equilibria a hair apart, e.g. a vertex of a short segment of
/// equilibria next to its pure end, are both kept); otherwise the same within `1e-7` (every
/// probability), and an exact one replaces an approximate duplicate.
fn add(found: &mut Vec<(Certified, Option<String>)>, c: Certified, note: Option<String>) -> usize {
    let flat = polish::to_flat(&c.equilibrium.profile);
    for (k, (old, old_note)) in found.iter_mut().enumerate() {
        let same = if old.is_exact() && c.is_exact() {
            old.equilibrium.profile == c.equilibrium.profile
        } else {
            polish::to_flat(&old.equilibrium.profile).iter().zip(&flat).all(|(a, b)| (a - b).abs() < 1e-7)
        };
        if same {
            if !old.is_exact() && c.is_exact() {
                *old = c;
                *old_note = None;
            }
            return k;
        }
    }
    found.push((c, note));
    found.len() - 1
}

fn consider_root(
    game: &NormalForm,
    fg: &FloatGame,
    sys: &System,
    root: &Root,
    found: &mut Vec<(Certified, Option<String>)>,
) {
    let p = sys.profile(fg, &root.x);
    if p.iter().any(|&v| v < -1e-9) {
        return;
    }
    // Off-support strategies: decided exactly over the isolating box where possible.
    let mut tie = false;
    for g in &sys.ineqs {
        let (a, b) = g.range(&root.lo, &root.hi);
        if a.is_positive() {
            return;
        }
        if b.is_positive() {
            tie = true;
        }
    }
    let clamped: Vec<f64> = p.iter().map(|v| v.max(0.0)).collect();
    let Some(c) = polish::certify(game, fg, &clamped, Some(1e-6)) else { return };
    let note = if c.is_exact() {
        None
    } else {
        let mut s = format!(
            "irrational; the support system has exactly one root in the box {}",
            root.lo
                .iter()
                .zip(&root.hi)
                .map(|(a, b)| format!("[{:.15}, {:.15}]", to_f64(a), to_f64(b)))
                .collect::<Vec<_>>()
                .join(" × ")
        );
        if tie {
            s.push_str(" (an unused strategy ties there; its regret bound is the one shown)");
        }
        if let Some(alg) = algebraic_root(sys, root.x[0]) {
            s.push_str("; ");
            s.push_str(&algebraic_note(game, &alg));
        }
        Some(s)
    };
    add(found, c, note);
}

/// An irrational equilibrium probability in algebraic form: the root of an irreducible integer
/// quadratic in an isolating interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Algebraic {
    /// The player whose probability it is.
    pub player: usize,
    /// The strategy whose probability it is.
    pub strategy: usize,
    /// Integer coefficients, constant term first; primitive, leading coefficient positive.
    pub coefficients: Vec<BigInt>,
    /// The isolating interval `[lo, hi]` (six decimals; exactly one root of the polynomial in it).
    pub interval: (Q, Q),
}

impl Algebraic {
    /// The polynomial in `x` with Unicode superscripts and minus signs (`23x² − 53x + 24`).
    pub fn poly_text(&self) -> String {
        poly_text(&self.coefficients, true)
    }

    /// The polynomial in `x` in ASCII (`23*x^2 - 53*x + 24`), for machine readers.
    pub fn poly_ascii(&self) -> String {
        poly_text(&self.coefficients, false)
    }

    /// The interval ends as six-decimal strings.
    pub fn interval_text(&self) -> (String, String) {
        (decimal(&self.interval.0), decimal(&self.interval.1))
    }
}

/// The algebraic form of an irrational equilibrium `profile` of a three-player game whose support
/// has two strategies per player: player 1's probability of its first support strategy is a root
/// of a quadratic (eliminate the others' unknowns); its minimal polynomial and an isolating
/// interval, when that quadratic is irreducible over the rationals and changes sign on a
/// six-decimal interval around the profile's value. `None` otherwise.
pub fn algebraic(game: &NormalForm, profile: &crate::game::MixedProfile) -> Option<Algebraic> {
    if game.num_players() != 3 || profile.probs.len() != 3 {
        return None;
    }
    let support: Vec<Vec<usize>> =
        profile.probs.iter().map(|p| (0..p.len()).filter(|&s| p[s].is_positive()).collect()).collect();
    if support.iter().any(|s| s.len() != 2) {
        return None;
    }
    let x = to_f64(&profile.probs[0][support[0][0]]);
    let sys = System::new(game, support);
    algebraic_root(&sys, x)
}

fn algebraic_root(sys: &System, x: f64) -> Option<Algebraic> {
    if sys.support.len() != 3 || sys.support.iter().any(|s| s.len() != 2) {
        return None;
    }
    // Unknowns x (bit 0), y (bit 1), z (bit 2). eqs[0] = a(y,z), eqs[1] = b(x,z), eqs[2] = c(x,y).
    let (a, b, c) = (&sys.eqs[0].coef, &sys.eqs[1].coef, &sys.eqs[2].coef);
    // From b: z = −(b0 + bx·x)/(bz + bxz·x); from c: y = −(c0 + cx·x)/(cy + cxy·x).
    let b0 = [b[0].clone(), b[1].clone()];
    let b1 = [b[4].clone(), b[5].clone()];
    let c0 = [c[0].clone(), c[1].clone()];
    let c1 = [c[2].clone(), c[3].clone()];
    let mul = |p: &[Q; 2], q: &[Q; 2]| [&p[0] * &q[0], &p[0] * &q[1] + &p[1] * &q[0], &p[1] * &q[1]];
    let terms = [(&a[0], mul(&b1, &c1)), (&-&a[2], mul(&c0, &b1)), (&-&a[4], mul(&b0, &c1)), (&a[6], mul(&c0, &b0))];
    let mut poly = [Q::zero(), Q::zero(), Q::zero()];
    for (k, t) in terms {
        for d in 0..3 {
            poly[d] += k * &t[d];
        }
    }
    if poly[2].is_zero() {
        return None;
    }
    // Integer, primitive, positive leading coefficient.
    let den = poly.iter().fold(BigInt::one(), |acc, x| acc.lcm(x.denom()));
    let mut ints: Vec<BigInt> = poly.iter().map(|x| (x * Q::from_integer(den.clone())).to_integer()).collect();
    let g = ints.iter().fold(BigInt::zero(), |acc, x| acc.gcd(x));
    if g.is_zero() {
        return None;
    }
    let sign = if ints[2].is_negative() { -BigInt::one() } else { BigInt::one() };
    for x in &mut ints {
        *x = &*x / &g * &sign;
    }
    let disc = &ints[1] * &ints[1] - BigInt::from(4) * &ints[2] * &ints[0];
    if disc.is_negative() || disc.sqrt().pow(2) == disc {
        return None; // no real root, or rational roots (then the point would be exact)
    }
    let value = |x: &Q| -> Q {
        let i = |k: usize| Q::from_integer(ints[k].clone());
        i(2) * x * x + i(1) * x + i(0)
    };
    // An isolating interval with 6 decimals: a sign change of a quadratic means one root.
    let scale = 1_000_000i64;
    if !(x.is_finite() && (0.0..=1.0).contains(&x)) {
        return None;
    }
    let k = (x * scale as f64).floor() as i64;
    for widen in 0..3i64 {
        let lo = Q::new(BigInt::from(k - widen), BigInt::from(scale));
        let hi = Q::new(BigInt::from(k + 1 + widen), BigInt::from(scale));
        let (vl, vh) = (value(&lo), value(&hi));
        if (vl.is_negative() && vh.is_positive()) || (vl.is_positive() && vh.is_negative()) {
            return Some(Algebraic { player: 0, strategy: sys.support[0][0], coefficients: ints, interval: (lo, hi) });
        }
    }
    None
}

/// The note text of an algebraic probability.
fn algebraic_note(game: &NormalForm, alg: &Algebraic) -> String {
    let player = &game.players()[alg.player];
    let (lo, hi) = alg.interval_text();
    format!(
        "{}'s probability of {} is the root of {} in [{lo}, {hi}]",
        player.name,
        player.strategies[alg.strategy],
        alg.poly_text()
    )
}

/// `c[0] + c[1]·x + c[2]·x²`, highest degree first.
fn poly_text(c: &[BigInt], unicode: bool) -> String {
    let mut s = String::new();
    for d in (0..c.len()).rev() {
        let k = &c[d];
        if k.is_zero() {
            continue;
        }
        let mag = k.abs();
        let coef = if mag.is_one() && d > 0 {
            String::new()
        } else if d > 0 && !unicode {
            format!("{mag}*")
        } else {
            mag.to_string()
        };
        let var = match (d, unicode) {
            (0, _) => String::new(),
            (1, _) => "x".to_string(),
            (2, true) => "x²".to_string(),
            (d, _) => format!("x^{d}"),
        };
        let minus = if unicode { "−" } else { "-" };
        if s.is_empty() {
            if k.is_negative() {
                s.push_str(minus);
            }
        } else {
            s.push_str(if k.is_negative() {
                if unicode {
                    " − "
                } else {
                    " - "
                }
            } else {
                " + "
            });
        }
        s.push_str(&coef);
        s.push_str(&var);
    }
    s
}

fn decimal(x: &Q) -> String {
    format!("{:.6}", to_f64(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};
    use crate::solve::solve;

    fn game3(flat: &[i64], shape: [usize; 3]) -> NormalForm {
        let players = (0..3)
            .map(|i| Player {
                name: format!("P{}", i + 1),
                strategies: (0..shape[i]).map(|j| format!("s{}", j + 1)).collect(),
            })
            .collect();
        NormalForm::from_flat("t", players, flat.iter().map(|&x| q(x)).collect()).unwrap()
    }

    #[test]
    fn work_estimates() {
        let g = game3(&[0; 24], [2, 2, 2]);
        // 27 support profiles: 8 pure, 12 with one unknown, 6 with two, 1 with three.
        assert_eq!(estimate(&g), (27, 8 + 12 * 2 * 4 + 6 * 3 * 16 + 4 * 64, 3));
        assert!(auto_feasible(&g));
        let big = game3(&vec![0; 3 * 5 * 4 * 3], [5, 4, 3]);
        assert!(!auto_feasible(&big));
        let e = check_budget(&big, Some(1000)).unwrap_err();
        assert!(e.to_string().contains("--max-vertices"), "{e}");
    }

    #[test]
    fn polynomial_ranges_are_corner_ranges() {
        // p = 1 − 2x + 3xy on [0,1]²: corners 1, −1, 1, 2.
        let p = Poly { n: 2, coef: vec![q(1), q(-2), q(0), q(3)] };
        assert_eq!(p.range(&[q(0), q(0)], &[q(1), q(1)]), (q(-1), q(2)));
        assert_eq!(p.eval(&[frac(1, 2), frac(1, 3)]), frac(1, 2));
        assert_eq!(p.derivative(0).coef, vec![q(-2), q(0), q(3), q(0)]);
        let (lo, hi) = p.range(&[frac(1, 2), q(0)], &[q(1), frac(1, 2)]);
        assert_eq!((lo, hi), (q(-1), frac(3, 4)));
    }

    #[test]
    fn contrib_2x2x2_all_equilibria() {
        // contrib_games_2x2x2.nfg: Gambit's enumpure finds 4 pure equilibria; enumpoly also
        // finds the mixed ones (Gambit's enumpoly lists 9 in all for this game).
        let flat = [9, 8, 12, 0, 0, 0, 0, 0, 0, 9, 8, 2, 0, 0, 0, 3, 4, 6, 3, 4, 6, 0, 0, 0];
        let g = game3(&flat, [2, 2, 2]);
        let sol = solve(&g, Method::EnumPoly, &SolveOptions::default()).unwrap();
        let pure: Vec<Vec<usize>> = sol.equilibria.iter().filter_map(|e| e.profile.as_pure()).collect();
        assert_eq!(pure.len(), 4, "{:?}", sol.notes);
        for e in &sol.equilibria {
            assert!(g.max_regret(&e.profile) <= polish::regret_tolerance(&g));
        }
    }
}
