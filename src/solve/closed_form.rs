//! The closed form for two-player 2x2 games: all equilibria of a non-degenerate game without
//! vertex enumeration, in the order vertex enumeration reports them, each checked exactly.
//!
//! A 2x2 game is non-degenerate here when no player is indifferent between its two strategies
//! against a pure strategy of the other. Then the pure equilibria are the cells where both
//! players play strict best responses, and there is a mixed equilibrium exactly when both
//! players' preferences flip with the other's strategy (each mixes to make the other
//! indifferent). Degenerate games return `None`: the caller uses a general solver.
//!
//! [`equilibria_2x2_int`] does the same in machine integers (the payoffs scaled to a common
//! denominator) and also returns the ordinal pattern of the payoffs, which sweeps use as a cache key.

use super::{Equilibrium, Solution};
use crate::game::{MixedProfile, NormalForm};
use crate::num::Q;
use num_traits::{One, Signed, Zero};

/// All equilibria of a non-degenerate 2x2 game, in the order vertex enumeration reports them,
/// each checked exactly; `None` if the game is not 2x2 or is degenerate (a player indifferent
/// between its strategies against a pure strategy of the other).
pub fn solve_2x2(game: &NormalForm) -> Option<Solution> {
    if game.shape() != [2, 2] {
        return None;
    }
    let equilibria = equilibria_2x2(game.flat_payoffs())?;
    Some(Solution {
        method: crate::solve::Method::Enum,
        exact: true,
        complete: true,
        equilibria,
        components: Vec::new(),
        notes: Vec::new(),
    })
}

/// [`solve_2x2`] on the flat payoffs of a two-player 2x2 game (Gambit order: profile `(r, c)` at
/// `r + 2c`, then player 1's and player 2's payoff).
#[allow(clippy::needless_range_loop)] // r and c index the profile, da and db together
pub fn equilibria_2x2(flat: &[Q]) -> Option<Vec<Equilibrium>> {
    if flat.len() != 8 {
        return None;
    }
    let a = |r: usize, c: usize| &flat[(r + 2 * c) * 2];
    let b = |r: usize, c: usize| &flat[(r + 2 * c) * 2 + 1];
    // Row player's gain from its first strategy against each column; column player's likewise.
    let da = [a(0, 0) - a(1, 0), a(0, 1) - a(1, 1)];
    let db = [b(0, 0) - b(0, 1), b(1, 0) - b(1, 1)];
    if da.iter().chain(&db).any(Zero::is_zero) {
        return None;
    }
    let unit = |s: usize| if s == 0 { vec![Q::one(), Q::zero()] } else { vec![Q::zero(), Q::one()] };
    let mut eqs = Vec::with_capacity(3);
    for r in 0..2 {
        for c in 0..2 {
            // Strict best responses (the game is non-degenerate): the check is the condition itself.
            let row_best = if r == 0 { da[c].is_positive() } else { da[c].is_negative() };
            let col_best = if c == 0 { db[r].is_positive() } else { db[r].is_negative() };
            if row_best && col_best {
                let profile = MixedProfile { probs: vec![unit(r), unit(c)] };
                eqs.push(Equilibrium { profile, payoffs: vec![a(r, c).clone(), b(r, c).clone()] });
            }
        }
    }
    if da[0].is_positive() != da[1].is_positive() && db[0].is_positive() != db[1].is_positive() {
        // q = P(column plays its first strategy) makes the row player indifferent, p likewise.
        let q = &da[1] / (&da[1] - &da[0]);
        let p = &db[1] / (&db[1] - &db[0]);
        let (q1, p1) = (Q::one() - &q, Q::one() - &p);
        // Exact check: both probabilities strictly inside (0, 1) and both players indifferent.
        let inside = |x: &Q| x.is_positive() && x < &Q::one();
        if !inside(&q)
            || !inside(&p)
            || !(&q * &da[0] + &q1 * &da[1]).is_zero()
            || !(&p * &db[0] + &p1 * &db[1]).is_zero()
        {
            return None;
        }
        let u_row = &q * a(0, 0) + &q1 * a(0, 1);
        let u_col = &p * b(0, 0) + &p1 * b(1, 0);
        let profile = MixedProfile { probs: vec![vec![p, p1], vec![q, q1]] };
        eqs.push(Equilibrium { profile, payoffs: vec![u_row, u_col] });
    }
    // The order of vertex enumeration: by profile, descending.
    eqs.sort_by(|x, y| y.profile.cmp(&x.profile));
    Some(eqs)
}

/// The rational `n / d` (`d != 0`), reduced in machine integers: the same value and
/// representation as `Q::new(n, d)`, without big-integer gcd.
fn reduced(n: i128, d: i128) -> Q {
    use num_integer::Integer;
    // The signs are moved to the numerator; g > 0 because d != 0. In 64 bits when the numbers
    // fit (the common case: 128-bit division is several times slower).
    if let (Ok(n), Ok(d)) = (i64::try_from(n), i64::try_from(d)) {
        if n != i64::MIN && d != i64::MIN {
            let g = n.gcd(&d);
            let (n, d) = if d < 0 { (-n / g, -d / g) } else { (n / g, d / g) };
            return Q::new_raw(num_bigint::BigInt::from(n), num_bigint::BigInt::from(d));
        }
    }
    let g = n.gcd(&d);
    let (n, d) = if d < 0 { (-n / g, -d / g) } else { (n / g, d / g) };
    Q::new_raw(num_bigint::BigInt::from(n), num_bigint::BigInt::from(d))
}

/// Scaled payoffs must stay below this in magnitude, so that every product below fits in `i128`.
const INT_LIMIT: i128 = 1 << 60;

/// [`equilibria_2x2`] in machine integers, with the ordinal key of the payoffs: the payoffs are
/// multiplied by the least common multiple of their denominators (a positive factor, so every
/// comparison and every zero is unchanged) and all arithmetic is exact `i128` arithmetic; only
/// the final probabilities and mixed payoffs become [`Q`]s. `None` if the numbers are too large
/// (then [`equilibria_2x2`] runs on big rationals) or the game is degenerate.
#[allow(clippy::needless_range_loop)] // r and c index the profile, da and db together
pub fn equilibria_2x2_int(flat: &[Q]) -> Option<(Vec<Equilibrium>, [u8; 8])> {
    use num_integer::Integer;
    use num_traits::ToPrimitive;
    if flat.len() != 8 {
        return None;
    }
    let mut l: i128 = 1;
    for x in flat {
        let d = x.denom().to_i128()?;
        l = l.lcm(&d);
        if l > INT_LIMIT {
            return None;
        }
    }
    let mut v = [0i128; 8];
    for (k, x) in flat.iter().enumerate() {
        let n = x.numer().to_i128()?;
        let d = x.denom().to_i128()?;
        v[k] = n.checked_mul(l / d).filter(|y| y.abs() < INT_LIMIT)?;
    }
    let a = |r: usize, c: usize| v[(r + 2 * c) * 2];
    let b = |r: usize, c: usize| v[(r + 2 * c) * 2 + 1];
    let da = [a(0, 0) - a(1, 0), a(0, 1) - a(1, 1)];
    let db = [b(0, 0) - b(0, 1), b(1, 0) - b(1, 1)];
    if da.contains(&0) || db.contains(&0) {
        return None;
    }
    let rank = |xs: [i128; 4]| {
        let mut out = [0u8; 4];
        for k in 0..4 {
            out[k] = (0..4).filter(|&j| xs[j] < xs[k] && !xs[..j].contains(&xs[j])).count() as u8;
        }
        out
    };
    let k1 = rank([a(0, 0), a(0, 1), a(1, 0), a(1, 1)]);
    let k2 = rank([b(0, 0), b(0, 1), b(1, 0), b(1, 1)]);
    let key = [k1[0], k1[1], k1[2], k1[3], k2[0], k2[1], k2[2], k2[3]];
    let unit = |s: usize| if s == 0 { vec![Q::one(), Q::zero()] } else { vec![Q::zero(), Q::one()] };
    let pure = |r: usize, c: usize| {
        // Strict best responses (the game is non-degenerate): the check is the condition itself.
        let row_best = if r == 0 { da[c] > 0 } else { da[c] < 0 };
        let col_best = if c == 0 { db[r] > 0 } else { db[r] < 0 };
        (row_best && col_best).then(|| Equilibrium {
            profile: MixedProfile { probs: vec![unit(r), unit(c)] },
            payoffs: vec![flat[(r + 2 * c) * 2].clone(), flat[(r + 2 * c) * 2 + 1].clone()],
        })
    };
    let ratio = |n: i128, d: i128| reduced(n, d);
    let mixed = if (da[0] > 0) != (da[1] > 0) && (db[0] > 0) != (db[1] > 0) {
        // q = da1 / (da1 - da0) = P(column's first strategy), p = db1 / (db1 - db0); both strictly
        // inside (0, 1) because the differences have opposite signs.
        let (qd, pd) = (da[1] - da[0], db[1] - db[0]);
        // By construction q*da0 + (1-q)*da1 = (da1*da0 - da0*da1) / qd = 0: the row player is
        // indifferent (exactly, in integers); likewise the column player with p.
        // Row payoff (q*A00 + (1-q)*A01) / l = (da1*A00 - da0*A01) / (qd*l); column's likewise.
        let u_row = ratio(da[1] * a(0, 0) - da[0] * a(0, 1), qd * l);
        let u_col = ratio(db[1] * b(0, 0) - db[0] * b(1, 0), pd * l);
        let probs = vec![vec![ratio(db[1], pd), ratio(-db[0], pd)], vec![ratio(da[1], qd), ratio(-da[0], qd)]];
        Some(Equilibrium { profile: MixedProfile { probs }, payoffs: vec![u_row, u_col] })
    } else {
        None
    };
    // Vertex enumeration's order (by profile, descending): player 1 on its first strategy, then
    // the mixed equilibrium (player 1's first probability strictly between), then player 1 on its
    // second; ties broken by player 2, first strategy first.
    let eqs: Vec<Equilibrium> = [pure(0, 0), pure(0, 1), mixed, pure(1, 0), pure(1, 1)].into_iter().flatten().collect();
    Some((eqs, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};
    use crate::solve::{self, SolveOptions};

    /// A small deterministic generator for test games.
    fn lcg(seed: &mut u64) -> i64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((*seed >> 33) % 5) as i64 - 2
    }

    #[test]
    fn reduced_equals_q_new() {
        for (n, d) in [
            (6i128, 4i128),
            (-6, 4),
            (6, -4),
            (-6, -4),
            (0, -5),
            (7, 1),
            (1 << 100, 3 << 90),
            (-(1 << 63), 6),
            (1 << 62, -(1 << 63)),
        ] {
            let x = reduced(n, d);
            let y = Q::new(n.into(), d.into());
            assert_eq!((x.numer(), x.denom()), (y.numer(), y.denom()), "{n}/{d}");
        }
    }

    #[test]
    fn fast_path_equals_vertex_enumeration() {
        let mut seed = 7u64;
        let mut fast = 0;
        for _ in 0..3000 {
            let vals: Vec<i64> = (0..8).map(|_| lcg(&mut seed)).collect();
            let players = vec![
                Player { name: "A".into(), strategies: vec!["a".into(), "b".into()] },
                Player { name: "B".into(), strategies: vec!["c".into(), "d".into()] },
            ];
            let g = NormalForm::new("g", players, |p| {
                let k = (p[0] * 2 + p[1]) * 2;
                vec![q(vals[k]), frac(vals[k + 1], 3)]
            })
            .unwrap();
            let full = solve::solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
            if let Some((eqs, _)) = equilibria_2x2_int(g.flat_payoffs()) {
                assert_eq!(eqs, full.equilibria, "integer path {vals:?}");
            }
            if let Some(s) = solve_2x2(&g) {
                fast += 1;
                assert_eq!(s.equilibria, full.equilibria, "{vals:?}");
                solve::verify::verify_solution(&g, &s).unwrap();
            }
        }
        assert!(fast > 1000, "the fast path ran on {fast} games only");
    }
}
