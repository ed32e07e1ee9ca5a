//! Correlated equilibria: the exact LP machinery lives in `crate::solve::correlated` (re-exported
//! here); this module adds the geometry, the two-player CE payoff region.

pub use crate::solve::correlated::{
    best_for_player, check, incentive_constraints, maximize, program, welfare_maximizing, CorrelatedEquilibrium,
    IncentiveConstraint, MAX_PROFILES,
};

use super::geometry::{convex_hull, Point};
use super::hull3::{wrap3, Hull3, Point3};
use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::Q;
use num_traits::{One, Zero};
use std::collections::BTreeSet;

/// The largest game (in pure profiles) whose exact CE payoff region [`payoff_region`] computes:
/// the limit of the correlated-equilibrium LPs themselves. (It was 36 while the LPs were solved by
/// the exact simplex alone: fraction growth made a 7x7 region take minutes. The hybrid LP of
/// [`crate::solve::lp::simplex`] computes a random 10x10 region, payoffs 0..99, in about a second;
/// see `benches/README.md`.)
pub const MAX_REGION_PROFILES: usize = MAX_PROFILES;

/// The set of expected-payoff pairs of all correlated equilibria of a two-player game: an exact
/// convex polygon (counter-clockwise, see [`super::geometry`]).
///
/// Method: the region is the image of the CE polytope under the (linear) payoff map, so its vertices
/// are images of polytope vertices. Starting from the extreme points in the four axis directions,
/// every edge of the current polygon is tested by one exact LP in its outward normal direction; a
/// point beyond the edge is added and the hull recomputed, until every edge is confirmed as a
/// supporting line of the region.
///
/// Fails with [`Error::TooLarge`] above [`MAX_REGION_PROFILES`] pure profiles.
pub fn payoff_region(game: &NormalForm) -> Result<Vec<Point>> {
    if game.num_players() != 2 {
        return Err(Error::Unsupported {
            method: "correlated payoff region".into(),
            reason: format!("it is drawn for two players; this game has {}", game.num_players()),
        });
    }
    if game.num_profiles() > MAX_REGION_PROFILES {
        return Err(Error::TooLarge(format!(
            "the exact correlated payoff region is computed for games with at most {MAX_REGION_PROFILES} pure \
             profiles (this one has {})",
            game.num_profiles()
        )));
    }
    let extreme = |dx: Q, dy: Q| -> Result<Point> {
        let ce = maximize(game, &[dx, dy])?;
        Ok(Point::new(ce.payoffs[0].clone(), ce.payoffs[1].clone()))
    };
    let one = Q::one;
    let mut start = Vec::new();
    for (dx, dy) in [(one(), Q::zero()), (Q::zero(), one()), (-one(), Q::zero()), (Q::zero(), -one())] {
        start.push(extreme(dx, dy)?);
    }
    let mut hull = convex_hull(&start);
    let mut confirmed: BTreeSet<(Point, Point)> = BTreeSet::new();
    loop {
        if hull.len() < 2 {
            return Ok(hull);
        }
        let n = hull.len();
        let mut found = Vec::new();
        for i in 0..n {
            let (a, b) = (&hull[i], &hull[(i + 1) % n]);
            if confirmed.contains(&(a.clone(), b.clone())) {
                continue;
            }
            // Outward normal of the counter-clockwise edge a -> b: its right-hand side.
            let (nx, ny) = (&b.y - &a.y, &a.x - &b.x);
            let p = extreme(nx.clone(), ny.clone())?;
            if &nx * &p.x + &ny * &p.y > &nx * &a.x + &ny * &a.y {
                found.push(p);
            } else {
                confirmed.insert((a.clone(), b.clone()));
            }
        }
        if found.is_empty() {
            return Ok(hull);
        }
        found.extend(hull);
        hull = convex_hull(&found);
    }
}

/// The set of expected-payoff vectors of all correlated equilibria of a three-player game: an
/// exact polytope in payoff space, with its vertices and (when full-dimensional) facets.
///
/// Method: LP gift-wrapping ([`wrap3`]); each direction is one exact CE LP, as in
/// [`payoff_region`].
pub fn payoff_polytope3(game: &NormalForm) -> Result<Hull3> {
    if game.num_players() != 3 {
        return Err(Error::Unsupported {
            method: "correlated payoff polytope".into(),
            reason: format!("it is computed for three players; this game has {}", game.num_players()),
        });
    }
    let mut lps = 0usize;
    wrap3(|d: &Point3| {
        lps += 1;
        if lps > MAX_POLYTOPE_LPS {
            return Err(Error::TooLarge(format!(
                "the correlated-equilibrium payoff polytope is not computed: it needs more than {MAX_POLYTOPE_LPS} \
                 exact LPs (one per facet direction) for this game"
            )));
        }
        let ce = maximize(game, d)?;
        Ok([ce.payoffs[0].clone(), ce.payoffs[1].clone(), ce.payoffs[2].clone()])
    })
}

/// The most LPs [`payoff_polytope3`] solves before it gives up with [`Error::TooLarge`]: the
/// polytope of a random 3x3x3 game has hundreds of vertices with long fractions, and every
/// round of gift-wrapping rebuilds the hull of all of them.
pub const MAX_POLYTOPE_LPS: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    use crate::game::fixtures::chicken;

    #[test]
    fn regions_of_random_6x6_games_contain_every_nash_payoff() {
        // Beyond the old 36-profile cap's reach in practice (minutes per region with the exact
        // simplex alone): 5x5 and 6x6 games, payoffs 0..99.
        let mut seed = 17u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 100) as i64
        };
        for n in [5usize, 6, 6] {
            let players: Vec<crate::game::Player> = (0..2)
                .map(|i| crate::game::Player {
                    name: format!("P{i}"),
                    strategies: (0..n).map(|s| format!("s{s}")).collect(),
                })
                .collect();
            let payoffs: Vec<Q> = (0..2 * n * n).map(|_| q(next())).collect();
            let g = NormalForm::from_flat("random", players, payoffs).unwrap();
            let r = payoff_region(&g).unwrap();
            assert!(!r.is_empty());
            let nash =
                crate::solve::solve(&g, crate::solve::Method::Enum, &crate::solve::SolveOptions::default()).unwrap();
            assert!(!nash.equilibria.is_empty());
            for e in &nash.equilibria {
                let p = Point::new(e.payoffs[0].clone(), e.payoffs[1].clone());
                assert!(super::super::geometry::contains(&r, &p), "Nash {p:?} not in {r:?}");
            }
            let w = welfare_maximizing(&g).unwrap();
            assert!(super::super::geometry::contains(&r, &Point::new(w.payoffs[0].clone(), w.payoffs[1].clone())));
        }
    }

    #[test]
    fn region_contains_nash_payoffs() {
        let r = payoff_region(&chicken()).unwrap();
        for p in [Point::new(q(7), q(2)), Point::new(q(2), q(7)), Point::new(frac(14, 3), frac(14, 3))] {
            assert!(super::super::geometry::contains(&r, &p), "{p:?} not in {r:?}");
        }
        assert!(r.contains(&Point::new(frac(21, 4), frac(21, 4))));
    }
}
