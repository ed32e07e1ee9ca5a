//! Polishing and certifying approximate equilibria.
//!
//! A float solver (`logit`, ...) ends near an equilibrium. [`certify`] turns such a point into
//! something we can stand behind:
//!
//! 1. It guesses the support (strategies with non-negligible probability; several thresholds)
//!    and refines the point by Newton's method on the support's indifference system
//!    (every support strategy earns the same value, probabilities sum to one), solved with
//!    `nalgebra`'s SVD so degenerate supports give least-squares steps instead of failures.
//! 2. It looks for an **exact** equilibrium: for two players the indifference system is linear
//!    and is solved in exact rationals; for any number of players each probability is replaced
//!    by its best rational approximation with a small denominator (continued fractions). A
//!    candidate counts only if its exact regret is exactly 0.
//! 3. Otherwise (three-player equilibria are often irrational) it reports the float profile
//!    rounded to 15 decimal places, as exact rationals (each player's largest probability
//!    absorbs the rounding so the probabilities sum to one exactly) together with its **max regret computed exactly**:
//!    a proven ε-equilibrium. Points whose proven regret exceeds [`regret_tolerance`] are
//!    rejected.

use super::numeric::FloatGame;
use super::Equilibrium;
use crate::game::{MixedProfile, NormalForm};
use crate::num::{to_f64, Q};
use nalgebra::{DMatrix, DVector};
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

/// An equilibrium with its exactly computed max regret.
#[derive(Debug, Clone, PartialEq)]
pub struct Certified {
    /// The profile and its exact expected payoffs.
    pub equilibrium: Equilibrium,
    /// The largest gain any player could make by deviating, computed exactly.
    pub max_regret: Q,
}

impl Certified {
    /// True if the regret is exactly zero (an exact Nash equilibrium).
    pub fn is_exact(&self) -> bool {
        self.max_regret.is_zero()
    }
}

/// The largest proven max regret accepted for an approximate equilibrium of `game`:
/// `1e-9` times the larger of 1 and the largest absolute payoff.
pub fn regret_tolerance(game: &NormalForm) -> Q {
    let big = game.flat_payoffs().iter().map(|x| x.abs()).max().unwrap_or_else(Q::zero).max(Q::one());
    big * Q::new(BigInt::one(), BigInt::from(1_000_000_000u64))
}

/// Polishes the float profile `p` (flat, player by player) and certifies it; `None` if no
/// candidate is proven to have max regret within [`regret_tolerance`]. With `near`, only
/// candidates within that distance of `p` (in every probability) count.
pub fn certify(game: &NormalForm, fg: &FloatGame, p: &[f64], near: Option<f64>) -> Option<Certified> {
    let tol = regret_tolerance(game);
    let close = |c: &Certified| {
        near.is_none_or(|d| to_flat(&c.equilibrium.profile).iter().zip(p).all(|(a, b)| (a - b).abs() <= d))
    };
    let mut best: Option<Certified> = None;
    let consider = |c: Certified, best: &mut Option<Certified>| {
        if c.max_regret <= tol && close(&c) && best.as_ref().is_none_or(|b| c.max_regret < b.max_regret) {
            *best = Some(c);
        }
    };
    let mut supports: Vec<Vec<Vec<usize>>> = Vec::new();
    for thr in [1e-3, 1e-5, 1e-7, 1e-9] {
        let s = support(fg, p, thr);
        if !supports.contains(&s) {
            supports.push(s);
        }
    }
    // Exact candidates first (the exact regret check is the only judge), from the Newton
    // point of each support and from the raw point.
    let mut points: Vec<Vec<f64>> = Vec::new();
    for s in &supports {
        if let Some(r) = refine(fg, p, s) {
            if let Some(c) = exact_candidates(game, fg, &r, s, &close) {
                return Some(c);
            }
            points.push(r);
        }
    }
    if let Some(c) = exact_candidates(game, fg, p, &supports[0], &close) {
        return Some(c);
    }
    points.push(p.to_vec());
    for r in &points {
        if let Some(c) = rounded(game, fg, r) {
            consider(c, &mut best);
        }
    }
    best
}

/// Per player, the strategies whose probability exceeds `thr` times the player's largest.
fn support(fg: &FloatGame, p: &[f64], thr: f64) -> Vec<Vec<usize>> {
    fg.split(p)
        .iter()
        .map(|x| {
            let top = x.iter().copied().fold(0.0, f64::max);
            (0..x.len()).filter(|&j| x[j] > thr * top).collect()
        })
        .collect()
}

/// Newton's method on the indifference system of `support`, starting from `p` restricted to
/// the support and renormalised (least-squares steps where the system is singular). Returns
/// the refined flat profile unless a probability went clearly negative; whether it is an
/// equilibrium is for the exact checks to say.
pub fn refine(fg: &FloatGame, p: &[f64], support: &[Vec<usize>]) -> Option<Vec<f64>> {
    let n = fg.num_players();
    let mut x = vec![0.0; fg.total];
    for i in 0..n {
        let s: f64 = support[i].iter().map(|&j| p[fg.offsets[i] + j].max(0.0)).sum();
        for &j in &support[i] {
            let a = fg.offsets[i] + j;
            x[a] = if s > 0.0 { p[a].max(0.0) / s } else { 1.0 / support[i].len() as f64 };
        }
    }
    // A player with a one-strategy support plays it with probability one (its rows of the
    // system say just that), and the strategy values on the support depend on the support
    // strategies only: so Newton runs on the game restricted to the support, without the
    // one-strategy players. Its size is that of the support system, not of the whole game
    // (200,000 one-strategy players would otherwise ask for a 200,000-square Jacobian).
    let keep: Vec<usize> = (0..n).filter(|&i| support[i].len() > 1).collect();
    if keep.is_empty() {
        return Some(x);
    }
    let sub = fg.restrict(support, &keep);
    let mut y = Vec::with_capacity(sub.total);
    for &i in &keep {
        y.extend(support[i].iter().map(|&j| x[fg.offsets[i] + j]));
    }
    let y = newton(&sub, y)?;
    for (&i, &o) in keep.iter().zip(&sub.offsets) {
        for (c, &j) in support[i].iter().enumerate() {
            x[fg.offsets[i] + j] = y[o + c];
        }
    }
    if x.iter().any(|&q| q < -1e-9 || !q.is_finite()) {
        return None;
    }
    for q in &mut x {
        *q = q.max(0.0);
    }
    Some(x)
}

/// Newton's method on the indifference system of the full-support game `fg` (every strategy
/// earns its player's value, each player's probabilities sum to one) from the flat profile `x`.
fn newton(fg: &FloatGame, mut x: Vec<f64>) -> Option<Vec<f64>> {
    let n = fg.num_players();
    let k = fg.total;
    let owner: Vec<usize> = (0..n).flat_map(|i| std::iter::repeat_n(i, fg.shape[i])).collect();
    let mut v: Vec<f64> = {
        let vals = fg.values(&x);
        (0..n).map(|i| (fg.offsets[i]..fg.offsets[i] + fg.shape[i]).map(|a| vals[a] * x[a]).sum()).collect()
    };
    let scale = fg.range.max(1e-300);
    for _ in 0..40 {
        let (vals, jac) = fg.values_and_jacobian(&x);
        let rows = k + n;
        let mut f = DVector::zeros(rows);
        let mut jm = DMatrix::zeros(rows, k + n);
        for a in 0..k {
            f[a] = (vals[a] - v[owner[a]]) / scale;
            for b in 0..k {
                jm[(a, b)] = jac[a * k + b] / scale;
            }
            jm[(a, k + owner[a])] = -1.0 / scale;
        }
        for i in 0..n {
            let r = k + i;
            f[r] = (fg.offsets[i]..fg.offsets[i] + fg.shape[i]).map(|a| x[a]).sum::<f64>() - 1.0;
            for (c, &o) in owner.iter().enumerate() {
                if o == i {
                    jm[(r, c)] = 1.0;
                }
            }
        }
        let norm = f.amax();
        if !norm.is_finite() {
            return None;
        }
        if norm < 1e-15 {
            break;
        }
        let step = jm.svd(true, true).solve(&(-f), 1e-13).ok()?;
        for (a, xa) in x.iter_mut().enumerate() {
            *xa += step[a];
        }
        for i in 0..n {
            v[i] += step[k + i];
        }
        if step.amax() < 1e-16 {
            break;
        }
    }
    Some(x)
}

/// Exact candidates near the refined point `r` on `support`: the exact two-player support
/// solution, then small-denominator rational approximations. The first with exact regret 0.
fn exact_candidates(
    game: &NormalForm,
    fg: &FloatGame,
    r: &[f64],
    support: &[Vec<usize>],
    close: &dyn Fn(&Certified) -> bool,
) -> Option<Certified> {
    if game.num_players() == 2 {
        if let Some(profile) = two_player_exact(game, support) {
            if let Some(c) = exact_if_equilibrium(game, fg, profile).filter(close) {
                return Some(c);
            }
        }
    }
    for digits in [1u32, 2, 3, 4, 5, 6, 7] {
        let max_den = 10i128.pow(digits);
        let probs: Vec<Vec<Q>> =
            fg.split(r).iter().map(|x| x.iter().map(|&y| best_rational(y, max_den)).collect()).collect();
        if let Some(c) = exact_if_equilibrium(game, fg, MixedProfile { probs }).filter(close) {
            return Some(c);
        }
    }
    None
}

fn exact_if_equilibrium(game: &NormalForm, fg: &FloatGame, profile: MixedProfile) -> Option<Certified> {
    // A float screen first: exact regrets of 6-player profiles are costly.
    if fg.max_regret(&to_flat(&profile)) > 1e-9 * fg.range {
        return None;
    }
    profile.check(game).ok()?;
    let regret = game.max_regret(&profile);
    regret.is_zero().then(|| certified(game, profile, regret))
}

fn certified(game: &NormalForm, profile: MixedProfile, max_regret: Q) -> Certified {
    let payoffs = game.expected_payoffs(&profile);
    Certified { equilibrium: Equilibrium { profile, payoffs }, max_regret }
}

/// The float profile as exact rationals (each player's largest probability takes up the
/// rounding so the sum is exactly one), with its exact max regret.
fn rounded(game: &NormalForm, fg: &FloatGame, r: &[f64]) -> Option<Certified> {
    let mut probs = Vec::with_capacity(fg.num_players());
    for x in fg.split(r) {
        let top = (0..x.len()).max_by(|&a, &b| x[a].total_cmp(&x[b]))?;
        let mut row: Vec<Q> = x.iter().map(|&y| decimal_round(y)).collect();
        let rest: Q = row.iter().enumerate().filter(|&(j, _)| j != top).map(|(_, q)| q.clone()).sum();
        row[top] = Q::one() - rest;
        if row[top].is_negative() {
            return None;
        }
        probs.push(row);
    }
    let profile = MixedProfile { probs };
    if fg.max_regret(&to_flat(&profile)) > 1e-6 * fg.range {
        return None;
    }
    profile.check(game).ok()?;
    let regret = game.max_regret(&profile);
    Some(certified(game, profile, regret))
}

/// `y` rounded exactly to 15 decimal places (0 for non-positive or non-finite `y`).
fn decimal_round(y: f64) -> Q {
    if y.is_nan() || y <= 0.0 || !y.is_finite() {
        return Q::zero();
    }
    let scale = Q::from_integer(num_traits::pow(BigInt::from(10), ROUND_DIGITS));
    match Q::from_float(y) {
        Some(q) => (q * &scale).round() / scale,
        None => Q::zero(),
    }
}

/// Decimal places of the probabilities of an approximate (ε-) equilibrium.
pub const ROUND_DIGITS: usize = 15;

/// The best rational approximation of `x` in `[0, 1]` with denominator at most `max_den`
/// (continued fraction convergents).
pub fn best_rational(x: f64, max_den: i128) -> Q {
    if x <= 0.0 || !x.is_finite() {
        return Q::zero();
    }
    if x >= 1.0 {
        return Q::one();
    }
    let (mut h0, mut h1, mut k0, mut k1) = (0i128, 1i128, 1i128, 0i128);
    let mut y = x;
    for _ in 0..64 {
        let a = y.floor();
        if a > 1e15 {
            break;
        }
        let a = a as i128;
        let (h2, k2) = (a * h1 + h0, a * k1 + k0);
        if k2 > max_den {
            break;
        }
        (h0, h1, k0, k1) = (h1, h2, k1, k2);
        let rest = y - a as f64;
        if rest < 1e-12 {
            break;
        }
        y = 1.0 / rest;
    }
    if k1 == 0 {
        return Q::zero();
    }
    Q::new(BigInt::from(h1), BigInt::from(k1))
}

/// For two players with equal support sizes: each player's mix on its support that makes the
/// other indifferent over the other's support, solved exactly. `None` if the supports differ
/// in size or a system is singular.
pub fn two_player_exact(game: &NormalForm, support: &[Vec<usize>]) -> Option<MixedProfile> {
    let (s1, s2) = (&support[0], &support[1]);
    if s1.len() != s2.len() {
        return None;
    }
    let y = indifference(s1, s2, |j, l| game.payoff(&[j, l], 0).clone())?;
    let x = indifference(s2, s1, |l, j| game.payoff(&[j, l], 1).clone())?;
    let mut probs = vec![vec![Q::zero(); game.num_strategies(0)], vec![Q::zero(); game.num_strategies(1)]];
    for (q, &j) in x.into_iter().zip(s1) {
        probs[0][j] = q;
    }
    for (q, &l) in y.into_iter().zip(s2) {
        probs[1][l] = q;
    }
    Some(MixedProfile { probs })
}

/// The mix over `theirs` that makes every strategy in `mine` earn the same (`pay(mine, theirs)`).
fn indifference(mine: &[usize], theirs: &[usize], pay: impl Fn(usize, usize) -> Q) -> Option<Vec<Q>> {
    let m = theirs.len();
    // Unknowns: y_1..y_m, v. Rows: sum_l pay(j, l) y_l - v = 0 for j in mine; sum y = 1.
    let mut a: Vec<Vec<Q>> = mine
        .iter()
        .map(|&j| {
            let mut row: Vec<Q> = theirs.iter().map(|&l| pay(j, l)).collect();
            row.push(-Q::one());
            row.push(Q::zero());
            row
        })
        .collect();
    let mut last = vec![Q::one(); m];
    last.push(Q::zero());
    last.push(Q::one());
    a.push(last);
    let sol = solve_square(a)?;
    Some(sol[..m].to_vec())
}

/// Solves the square system given as augmented rows `[A | b]` exactly; `None` if singular.
pub fn solve_square(mut a: Vec<Vec<Q>>) -> Option<Vec<Q>> {
    let n = a.len();
    for c in 0..n {
        let piv = (c..n).find(|&r| !a[r][c].is_zero())?;
        a.swap(c, piv);
        let inv = a[c][c].recip();
        for x in a[c].iter_mut() {
            *x *= &inv;
        }
        for r in 0..n {
            if r != c && !a[r][c].is_zero() {
                let f = a[r][c].clone();
                let (pivot_row, row) = if r < c {
                    let (lo, hi) = a.split_at_mut(c);
                    (&hi[0], &mut lo[r])
                } else {
                    let (lo, hi) = a.split_at_mut(r);
                    (&lo[c], &mut hi[0])
                };
                for (x, y) in row.iter_mut().zip(pivot_row) {
                    *x -= &f * y;
                }
            }
        }
    }
    Some(a.into_iter().map(|row| row[n].clone()).collect())
}

/// The float profile of an exact one (flat).
pub fn to_flat(profile: &MixedProfile) -> Vec<f64> {
    profile.probs.iter().flatten().map(to_f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::fixtures::chicken;
    use crate::num::frac;

    #[test]
    fn continued_fractions_find_small_fractions() {
        assert_eq!(best_rational(2.0 / 3.0 + 1e-13, 1000), frac(2, 3));
        assert_eq!(best_rational(0.0, 10), Q::zero());
        assert_eq!(best_rational(0.142857142857, 100), frac(1, 7));
    }

    #[test]
    fn a_rough_point_of_chicken_polishes_to_the_exact_mixed_equilibrium() {
        let g = chicken();
        let fg = FloatGame::new(&g);
        let c = certify(&g, &fg, &[0.66, 0.34, 0.67, 0.33], None).unwrap();
        assert!(c.is_exact());
        assert_eq!(c.equilibrium.profile.probs[0], vec![frac(2, 3), frac(1, 3)]);
        assert_eq!(g.max_regret(&c.equilibrium.profile), Q::zero());
    }

    #[test]
    fn a_point_far_from_equilibrium_is_not_certified() {
        let g = chicken();
        let fg = FloatGame::new(&g);
        // Both players mostly Dare: each gains by switching, and no support nearby works.
        assert!(rounded(&g, &fg, &[0.1, 0.9, 0.1, 0.9]).is_none());
        assert!(certify(&g, &fg, &[0.1, 0.9, 0.1, 0.9], Some(1e-3)).is_none());
    }

    #[test]
    fn solves_square_systems_exactly() {
        let a = vec![
            vec![Q::from(BigInt::from(2)), Q::one(), Q::from(BigInt::from(3))],
            vec![Q::one(), -Q::one(), Q::zero()],
        ];
        assert_eq!(solve_square(a).unwrap(), vec![Q::one(), Q::one()]);
        assert!(solve_square(vec![vec![Q::zero(), Q::one()]]).is_none());
    }
}
