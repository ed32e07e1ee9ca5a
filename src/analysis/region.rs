//! Payoff regions of two-player games, exactly: the feasible set, minmax values, the individually
//! rational part, the Pareto frontier, Nash and correlated-equilibrium payoffs.
//!
//! All polygons are exact convex polygons in payoff space (player 1's payoff on `x`, player 2's on
//! `y`), counter-clockwise (see [`super::geometry`]).

use super::correlated::{self, CorrelatedEquilibrium};
use super::geometry::{clip_half_plane, convex_hull, pareto_vertices, Point};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::Q;
use crate::solve::simplex::{LinearProgram, LpOutcome, Relation};
use crate::solve::{self, SolveOptions};
use num_traits::{One, Zero};

/// A player's minmax values: the least the opponent can hold them to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minmax {
    /// With the opponent restricted to pure strategies: `min_t max_s u(s, t)`.
    pub pure: Q,
    /// An opponent strategy achieving the pure minmax.
    pub pure_punisher: usize,
    /// With the opponent mixing: `min_y max_s u(s, y)` (exact LP). Never above `pure`.
    pub mixed: Q,
    /// An opponent mixed strategy achieving the mixed minmax.
    pub mixed_punisher: Vec<Q>,
}

/// The payoff pair of one extreme Nash equilibrium.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NashPayoff {
    /// The equilibrium profile.
    pub profile: MixedProfile,
    /// Its expected payoffs as a point.
    pub payoffs: Point,
    /// True if the equilibrium is in pure strategies.
    pub pure: bool,
}

/// Correlated equilibria of the game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrelatedSummary {
    /// The CE maximizing the sum of payoffs.
    pub welfare_max: CorrelatedEquilibrium,
    /// For each player, the CE best for that player (ties broken by total payoff).
    pub best_for: Vec<CorrelatedEquilibrium>,
    /// The set of CE payoff pairs: an exact polygon (empty when not computed, see `region_note`).
    pub region: Vec<Point>,
    /// Why the region was not computed (game too large), if it was not.
    pub region_note: Option<String>,
}

/// Everything `standoff region` reports about a two-player game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoffRegion {
    /// Each pure profile (Gambit order) with its payoff pair.
    pub pure_payoffs: Vec<(Vec<usize>, Point)>,
    /// The feasible set: convex hull of the pure payoff pairs.
    pub feasible: Vec<Point>,
    /// The Pareto-optimal vertices of the feasible set, by increasing player-1 payoff; the segments
    /// between consecutive ones form the Pareto frontier.
    pub pareto: Vec<Point>,
    /// Minmax values per player.
    pub minmax: Vec<Minmax>,
    /// The feasible payoffs at least the mixed minmax value for both players.
    pub individually_rational: Vec<Point>,
    /// Payoffs of every extreme Nash equilibrium (from vertex enumeration).
    pub nash: Vec<NashPayoff>,
    /// Correlated equilibria.
    pub correlated: CorrelatedSummary,
}

fn two_players(game: &NormalForm, what: &str) -> Result<()> {
    if game.num_players() != 2 {
        return Err(Error::Unsupported {
            method: what.into(),
            reason: format!(
                "payoff regions are computed for two-player games; this game has {} players",
                game.num_players()
            ),
        });
    }
    Ok(())
}

/// The payoff pair of every pure profile, in Gambit order.
pub fn pure_payoff_points(game: &NormalForm) -> Result<Vec<(Vec<usize>, Point)>> {
    two_players(game, "region")?;
    Ok((0..game.num_profiles())
        .map(|k| {
            let u = game.payoffs_at(k);
            (game.profile_at(k), Point::new(u[0].clone(), u[1].clone()))
        })
        .collect())
}

/// The feasible payoff set of a two-player game: the convex hull of the pure payoff pairs.
pub fn feasible_set(game: &NormalForm) -> Result<Vec<Point>> {
    let pts: Vec<Point> = pure_payoff_points(game)?.into_iter().map(|(_, p)| p).collect();
    Ok(convex_hull(&pts))
}

/// Player `i`'s pure and mixed minmax values in a two-player game.
pub fn minmax(game: &NormalForm, i: usize) -> Result<Minmax> {
    two_players(game, "minmax")?;
    if i > 1 {
        return Err(Error::Usage(format!("player {} does not exist", i + 1)));
    }
    let j = 1 - i;
    let (mi, mj) = (game.num_strategies(i), game.num_strategies(j));
    let u = |s: usize, t: usize| -> &Q {
        let mut prof = [0usize; 2];
        prof[i] = s;
        prof[j] = t;
        game.payoff(&prof, i)
    };
    let best_against = |t: usize| (0..mi).map(|s| u(s, t)).max().cloned().unwrap_or_else(Q::zero);
    let (pure_punisher, pure) =
        (0..mj).map(|t| (t, best_against(t))).min_by(|a, b| a.1.cmp(&b.1)).unwrap_or((0, Q::zero()));
    // Variables: the opponent's mix y_0..y_{mj-1}, then the bound v (free). Minimize v subject to
    // Σ_t y_t u(s, t) <= v for every own strategy s, Σ y = 1.
    let mut objective = vec![Q::zero(); mj + 1];
    objective[mj] = Q::one();
    let mut lp = LinearProgram::minimize(objective);
    lp.set_free(mj);
    for s in 0..mi {
        let mut row: Vec<Q> = (0..mj).map(|t| u(s, t).clone()).collect();
        row.push(-Q::one());
        lp.constrain(row, Relation::Le, Q::zero());
    }
    let mut sum = vec![Q::one(); mj];
    sum.push(Q::zero());
    lp.constrain(sum, Relation::Eq, Q::one());
    let LpOutcome::Optimal(sol) = lp.solve()? else {
        return Err(Error::Internal("the minmax LP has no optimum".into()));
    };
    let mixed_punisher = sol.x[..mj].to_vec();
    Ok(Minmax { pure, pure_punisher, mixed: sol.value, mixed_punisher })
}

/// The whole payoff-region analysis of a two-player game.
pub fn analyze(game: &NormalForm) -> Result<PayoffRegion> {
    let pure_payoffs = pure_payoff_points(game)?;
    let feasible = feasible_set(game)?;
    let pareto = pareto_vertices(&feasible);
    let minmax = vec![minmax(game, 0)?, minmax(game, 1)?];
    let one = Q::one();
    let zero = Q::zero();
    let ir = clip_half_plane(&feasible, &one, &zero, &minmax[0].mixed);
    let individually_rational = clip_half_plane(&ir, &zero, &one, &minmax[1].mixed);
    let solution = solve::solve(game, "enum", &SolveOptions::default())?;
    let nash = solution
        .equilibria
        .iter()
        .map(|e| NashPayoff {
            profile: e.profile.clone(),
            payoffs: Point::new(e.payoffs[0].clone(), e.payoffs[1].clone()),
            pure: e.profile.as_pure().is_some(),
        })
        .collect();
    let (region, region_note) = match correlated::payoff_region(game) {
        Ok(r) => (r, None),
        Err(Error::TooLarge(why)) => (Vec::new(), Some(why)),
        Err(e) => return Err(e),
    };
    let correlated = CorrelatedSummary {
        welfare_max: correlated::welfare_maximizing(game)?,
        best_for: vec![correlated::best_for_player(game, 0)?, correlated::best_for_player(game, 1)?],
        region,
        region_note,
    };
    Ok(PayoffRegion { pure_payoffs, feasible, pareto, minmax, individually_rational, nash, correlated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};

    fn game(rows: &[[(i64, i64); 2]; 2]) -> NormalForm {
        let s = || vec!["a".to_string(), "b".to_string()];
        let players = vec![Player { name: "R".into(), strategies: s() }, Player { name: "C".into(), strategies: s() }];
        NormalForm::new("g", players, |p| {
            let (x, y) = rows[p[0]][p[1]];
            vec![q(x), q(y)]
        })
        .unwrap()
    }

    #[test]
    fn matching_pennies_minmax_needs_mixing() {
        let g = game(&[[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]]);
        let m = minmax(&g, 0).unwrap();
        assert_eq!((m.pure, m.mixed), (q(1), q(0)));
        assert_eq!(m.mixed_punisher, vec![frac(1, 2), frac(1, 2)]);
        // Constant-sum: the feasible set is a segment, and all of it is Pareto-optimal.
        let f = feasible_set(&g).unwrap();
        assert_eq!(f, vec![Point::new(q(-1), q(1)), Point::new(q(1), q(-1))]);
        let r = analyze(&g).unwrap();
        assert_eq!(r.individually_rational, vec![Point::new(q(0), q(0))]);
        assert_eq!(r.correlated.region, vec![Point::new(q(0), q(0))]);
    }

    #[test]
    fn identical_payoffs_give_a_point() {
        let g = game(&[[(1, 1), (1, 1)], [(1, 1), (1, 1)]]);
        let r = analyze(&g).unwrap();
        assert_eq!(r.feasible, vec![Point::new(q(1), q(1))]);
        assert_eq!(r.pareto, r.feasible);
        assert_eq!(r.correlated.region, r.feasible);
    }

    #[test]
    fn three_players_are_refused() {
        let s = || vec!["a".to_string()];
        let players = (0..3).map(|i| Player { name: format!("P{i}"), strategies: s() }).collect();
        let g = NormalForm::new("g", players, |_| vec![q(0); 3]).unwrap();
        assert!(matches!(analyze(&g), Err(Error::Unsupported { .. })));
    }
}
