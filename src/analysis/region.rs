//! Payoff regions, exactly.
//!
//! Two players ([`analyze`]): the feasible set, minmax values, the individually rational part,
//! the Pareto frontier, Nash and correlated-equilibrium payoffs. All polygons are exact convex
//! polygons in payoff space (player 1's payoff on `x`, player 2's on `y`), counter-clockwise (see
//! [`super::geometry`]).
//!
//! Three players ([`analyze3`]): the 3-D feasible set (see [`super::hull3`]) and its three
//! pairwise projections, pure and correlated minmax values, the Pareto-optimal vertices and the
//! pure Nash payoffs.

use super::correlated::{self, CorrelatedEquilibrium};
use super::geometry::{clip_half_plane, convex_hull, pareto_vertices, Point};
use super::hull3::{convex_hull3, Hull3, Point3};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::Q;
use crate::solve::lp::simplex::{LinearProgram, LpOutcome, Relation};
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

/// The payoffs of one maximal convex set of equilibria `conv X × conv Y` (a
/// [`crate::solve::ConvexSet`]): every `x` in `conv X` is a best response to every `y` in
/// `conv Y`, so player 1's payoff `x·Ay` equals `x0·Ay` for any fixed `x0` in `X` and depends on
/// `y` only (linearly), and player 2's on `x` only. The payoff set is therefore the product of two
/// intervals, spanned by the vertices: a point, a segment or a rectangle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoffBox {
    /// Player 1's payoff range `[low, high]`.
    pub x: (Q, Q),
    /// Player 2's payoff range `[low, high]`.
    pub y: (Q, Q),
}

impl PayoffBox {
    /// `point`, `segment` or `rectangle`.
    pub fn kind(&self) -> &'static str {
        match (self.x.0 == self.x.1, self.y.0 == self.y.1) {
            (true, true) => "point",
            (true, false) | (false, true) => "segment",
            (false, false) => "rectangle",
        }
    }

    /// The box as a convex polygon (counter-clockwise, degenerate when a point or segment).
    pub fn polygon(&self) -> Vec<Point> {
        let (x0, x1, y0, y1) = (&self.x.0, &self.x.1, &self.y.0, &self.y.1);
        convex_hull(&[
            Point::new(x0.clone(), y0.clone()),
            Point::new(x1.clone(), y0.clone()),
            Point::new(x1.clone(), y1.clone()),
            Point::new(x0.clone(), y1.clone()),
        ])
    }
}

/// The payoff set of an equilibrium component with more than one extreme equilibrium: the union
/// of its maximal convex sets' boxes (usually one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentPayoffs {
    /// The component's extreme equilibria (indices into [`PayoffRegion::nash`]).
    pub equilibria: Vec<usize>,
    /// One box per maximal convex set of the component.
    pub boxes: Vec<PayoffBox>,
}

/// The payoff box of the convex set `conv X × conv Y` of equilibria of a two-player game, with
/// `X` player 1's and `Y` player 2's extreme strategies (see [`PayoffBox`]).
pub fn payoff_box(game: &NormalForm, xs: &[&[Q]], ys: &[&[Q]]) -> Result<PayoffBox> {
    two_players(game, "component payoffs")?;
    let (Some(x0), Some(y0)) = (xs.first(), ys.first()) else {
        return Err(Error::Internal("an equilibrium set without strategies".into()));
    };
    let payoff = |x: &[Q], y: &[Q], i: usize| -> Q {
        let mut total = Q::zero();
        for (r, px) in x.iter().enumerate() {
            if px.is_zero() {
                continue;
            }
            for (c, py) in y.iter().enumerate() {
                if !py.is_zero() {
                    total += px * py * game.payoff(&[r, c], i);
                }
            }
        }
        total
    };
    let range = |v: Vec<Q>| -> (Q, Q) {
        let lo = v.iter().min().cloned().unwrap_or_else(Q::zero);
        let hi = v.iter().max().cloned().unwrap_or_else(Q::zero);
        (lo, hi)
    };
    Ok(PayoffBox {
        x: range(ys.iter().map(|y| payoff(x0, y, 0)).collect()),
        y: range(xs.iter().map(|x| payoff(x, y0, 1)).collect()),
    })
}

/// The payoff sets of the components of `solution` (from vertex enumeration) that have more than
/// one extreme equilibrium.
pub fn component_payoffs(game: &NormalForm, solution: &solve::Solution) -> Result<Vec<ComponentPayoffs>> {
    let mut out = Vec::new();
    for c in solution.components.iter().filter(|c| c.equilibria.len() > 1) {
        let mut boxes = Vec::new();
        for set in &c.convex_sets {
            let xs: Vec<&[Q]> = set.rows.iter().filter_map(|&r| c.row_points.get(r).map(Vec::as_slice)).collect();
            let ys: Vec<&[Q]> = set.cols.iter().filter_map(|&k| c.col_points.get(k).map(Vec::as_slice)).collect();
            let b = payoff_box(game, &xs, &ys)?;
            if !boxes.contains(&b) {
                boxes.push(b);
            }
        }
        out.push(ComponentPayoffs { equilibria: c.equilibria.clone(), boxes });
    }
    Ok(out)
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
    /// The payoff sets of the equilibrium components that are not single equilibria.
    pub components: Vec<ComponentPayoffs>,
    /// Correlated equilibria.
    pub correlated: CorrelatedSummary,
}

fn two_players(game: &NormalForm, what: &str) -> Result<()> {
    if game.num_players() != 2 {
        return Err(Error::Unsupported {
            method: what.into(),
            reason: format!(
                "this analysis is for two-player games (three-player games have their own, `analyze3`, and \
                 four or more are not supported); this game has {} players",
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
        return Err(Error::InvalidOption(format!("player {} does not exist", i + 1)));
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

/// A payoff region includes the game's correlated equilibria, whose exact LPs are limited to
/// [`crate::solve::correlated::MAX_PROFILES`] pure profiles: refuse larger games before any work.
fn check_size(game: &NormalForm) -> Result<()> {
    let limit = crate::game::budget::correlated_profile_limit();
    if game.num_profiles() > limit {
        return Err(Error::TooLarge(format!(
            "the payoff region includes the correlated equilibria, computed exactly for games of at most {limit} \
             pure profiles (raise the limit with --max-profiles); this game has {}. `standoff solve` finds its \
             Nash equilibria",
            game.num_profiles()
        )));
    }
    Ok(())
}

/// Operations the exact LPs of a payoff region are estimated to take, for `--max-work`: the
/// correlated-equilibrium LPs have one variable per pure profile (`v`) and one incentive
/// constraint per player and ordered pair of its strategies (`r`); one LP is taken as
/// `r·v·(r+v)` (that many pivots of that tableau), times `lps` LPs, times 50.
///
/// Calibration (release build, CPU time, shared machine, random games with payoffs 0..99 from
/// `scripts/gen_games.py`): the slowest of several seeds took 3.4 s at 10x10 (estimate 5.0e9),
/// at least 16 s at 12x12 (1.9e10), over 150 s at 15x15 (9.1e10); so with the default
/// `--max-work` (1e10) 10x10 and 11x11 games proceed and 12x12 and above are refused, naming the
/// flag. The time varies a lot between games of one size (a 12x12 seed took 2.6 s). Rechecked
/// after the faster modular certification (branch `region3`, 2026-12-07): the slowest 10x10
/// seed 1.5 s, `rand-n12-s1` 1.5 s, `rand-n12-s2` and `-s3` still running after 62 s and 39 s, so the limit stays.
pub fn region_work(game: &NormalForm, lps: u128) -> u128 {
    let v = game.num_profiles() as u128;
    let r: u128 = game.shape().iter().map(|&m| (m as u128) * (m.saturating_sub(1) as u128)).sum();
    lps.saturating_mul(r).saturating_mul(v).saturating_mul(r + v).saturating_mul(50)
}

/// Refuses a payoff region estimated beyond `--max-work` ([`region_work`]), before any work.
fn check_region_work(game: &NormalForm, lps: u128) -> Result<()> {
    let shape: Vec<String> = game.shape().iter().map(ToString::to_string).collect();
    crate::game::budget::check_work(
        region_work(game, lps),
        &format!(
            "the payoff region of this {} game (about {lps} exact LPs over its {} pure profiles)",
            shape.join("x"),
            game.num_profiles()
        ),
    )
}

/// The whole payoff-region analysis of a two-player game.
pub fn analyze(game: &NormalForm) -> Result<PayoffRegion> {
    check_size(game)?;
    // The region's directions grow with the strategies: about one LP per strategy.
    check_region_work(game, game.shape().iter().sum::<usize>() as u128)?;
    let pure_payoffs = pure_payoff_points(game)?;
    let feasible = feasible_set(game)?;
    let pareto = pareto_vertices(&feasible);
    let minmax = vec![minmax(game, 0)?, minmax(game, 1)?];
    let one = Q::one();
    let zero = Q::zero();
    let ir = clip_half_plane(&feasible, &one, &zero, &minmax[0].mixed);
    let individually_rational = clip_half_plane(&ir, &zero, &one, &minmax[1].mixed);
    let solution = solve::solve(game, crate::solve::Method::Enum, &SolveOptions::default())?;
    let nash = solution
        .equilibria
        .iter()
        .map(|e| NashPayoff {
            profile: e.profile.clone(),
            payoffs: Point::new(e.payoffs[0].clone(), e.payoffs[1].clone()),
            pure: e.profile.as_pure().is_some(),
        })
        .collect();
    let components = component_payoffs(game, &solution)?;
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
    Ok(PayoffRegion { pure_payoffs, feasible, pareto, minmax, individually_rational, nash, components, correlated })
}

/// A player's minmax values in a game of three (or more) players.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointMinmax {
    /// With the opponents restricted to pure strategies: `min_t max_s u(s, t)` over the
    /// opponents' pure profiles `t`.
    pub pure: Q,
    /// The opponents' pure profile achieving it (one strategy per opponent, in player order).
    pub pure_punishers: Vec<usize>,
    /// With the opponents correlating their punishment (a joint distribution over their pure
    /// profiles; exact LP). Never above `pure`; at most the independent mixed minmax, which is
    /// not a linear program with three or more players and is not computed.
    pub correlated: Q,
    /// The punishers' joint distribution achieving it: its support, as (opponent profile, probability).
    pub correlated_punishers: Vec<(Vec<usize>, Q)>,
}

/// The feasible set projected on two players' payoffs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projection {
    /// The two players (0-based): the first on `x`, the second on `y`.
    pub players: [usize; 2],
    /// The projection: a convex polygon, counter-clockwise.
    pub polygon: Vec<Point>,
}

/// A pure Nash equilibrium and its payoffs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PureNash {
    /// The profile (one strategy per player).
    pub profile: Vec<usize>,
    /// Its payoffs.
    pub payoffs: Vec<Q>,
}

/// A mixed Nash equilibrium of a three-player game (from `enumpoly`) and its payoffs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedNash3 {
    /// The profile, `[player][strategy]`: exact, or certified decimals when irrational.
    pub profile: Vec<Vec<Q>>,
    /// Its exact payoffs (of the decimal profile when irrational).
    pub payoffs: Vec<Q>,
    /// The exact largest gain of a deviation: 0 for an exact equilibrium.
    pub max_regret: Q,
}

/// Everything `standoff region` reports about a three-player game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoffRegion3 {
    /// Each pure profile (Gambit order) with its payoff vector.
    pub pure_payoffs: Vec<(Vec<usize>, Point3)>,
    /// The feasible set: the exact convex hull of the pure payoff vectors.
    pub hull: Hull3,
    /// The projections on players (1, 2), (1, 3) and (2, 3).
    pub projections: Vec<Projection>,
    /// Minmax values per player.
    pub minmax: Vec<JointMinmax>,
    /// The hull's vertices that no feasible payoff vector weakly Pareto-dominates.
    pub pareto: Vec<Point3>,
    /// The pure Nash equilibria.
    pub nash: Vec<PureNash>,
    /// The mixed (not pure) Nash equilibria `enumpoly` finds: every isolated one, one point of
    /// each continuum.
    pub mixed_nash: Vec<MixedNash3>,
    /// Why `mixed_nash` may be incomplete or empty (over `enumpoly`'s budget, continua).
    pub mixed_nash_note: Option<String>,
    /// The individually rational part of the feasible set: the points where every player gets at
    /// least its correlated minmax (exact; `None` when the feasible set is not full-dimensional).
    pub individually_rational: Option<Hull3>,
    /// The welfare-maximising correlated equilibrium and the best one for each player (`None`
    /// above [`solve::correlated::MAX_PROFILES`] pure profiles).
    pub correlated: Option<Correlated3>,
}

/// Correlated equilibria of a three-player game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correlated3 {
    /// The correlated equilibrium with the largest sum of payoffs.
    pub welfare_max: CorrelatedEquilibrium,
    /// Per player, the correlated equilibrium best for that player (ties: the most welfare).
    pub best_for: Vec<CorrelatedEquilibrium>,
    /// The set of payoff vectors of all correlated equilibria: an exact polytope (its vertices,
    /// and facets when it is full-dimensional); see [`correlated::payoff_polytope3`].
    pub polytope: Hull3,
    /// Why the polytope is empty when it was not computed (too many LPs for this game).
    pub polytope_note: Option<String>,
}

/// The part of a full-dimensional hull where each coordinate `i` is at least `floor[i]`. Its
/// vertices are (a) the hull's vertices above the floors, (b) the points where a hull edge crosses
/// a floor plane, (c) the points where two floor planes meet a facet's plane inside the hull, and
/// (d) the corner where the three floor planes meet, if inside: every vertex has three tight,
/// independent constraints, and one with a single tight floor lies on an edge of the hull. This
/// is linear in the hull's edges and facets per candidate, where trying every triple of planes
/// was quartic (minutes for the hull of a random 5x5x5 game).
fn clip_below(hull: &Hull3, floor: &[Q; 3]) -> Option<Hull3> {
    if hull.dimension != Some(3) {
        return None;
    }
    let dot = |n: &Point3, x: &Point3| &n[0] * &x[0] + &n[1] * &x[1] + &n[2] * &x[2];
    let above = |x: &Point3| (0..3).all(|i| x[i] >= floor[i]);
    let in_hull = |x: &Point3| hull.facets.iter().all(|f| dot(&f.normal, x) <= f.offset);
    let mut points: Vec<Point3> = Vec::new();
    let mut push = |x: Point3| {
        if !points.contains(&x) {
            points.push(x);
        }
    };
    // (a) Hull vertices above the floors.
    for v in hull.vertices.iter().filter(|v| above(v)) {
        push(v.clone());
    }
    // (b) Hull edges crossing a floor plane strictly between their ends.
    let mut edges = std::collections::BTreeSet::new();
    for f in &hull.facets {
        for (k, &u) in f.vertices.iter().enumerate() {
            let w = f.vertices[(k + 1) % f.vertices.len()];
            edges.insert((u.min(w), u.max(w)));
        }
    }
    for &(u, w) in &edges {
        let (p, q) = (&hull.vertices[u], &hull.vertices[w]);
        for i in 0..3 {
            let (dp, dq) = (&p[i] - &floor[i], &q[i] - &floor[i]);
            if (dp < Q::zero() && dq > Q::zero()) || (dp > Q::zero() && dq < Q::zero()) {
                let t = &dp / (&dp - &dq);
                let x: Point3 = [0, 1, 2].map(|j| &p[j] + &t * (&q[j] - &p[j]));
                if above(&x) {
                    push(x);
                }
            }
        }
    }
    // (c) Two floor planes and a facet's plane.
    for (i, j, k) in [(0, 1, 2), (0, 2, 1), (1, 2, 0)] {
        for f in &hull.facets {
            if f.normal[k].is_zero() {
                continue;
            }
            let mut x: Point3 = [Q::zero(), Q::zero(), Q::zero()];
            x[i] = floor[i].clone();
            x[j] = floor[j].clone();
            x[k] = (&f.offset - &f.normal[i] * &floor[i] - &f.normal[j] * &floor[j]) / &f.normal[k];
            if above(&x) && in_hull(&x) {
                push(x);
            }
        }
    }
    // (d) The three floors' corner.
    let corner = floor.clone();
    if in_hull(&corner) {
        push(corner);
    }
    if points.is_empty() {
        return Some(Hull3 { dimension: None, vertices: vec![], facets: vec![] });
    }
    Some(convex_hull3(&points))
}

fn three_players(game: &NormalForm) -> Result<()> {
    if game.num_players() != 3 {
        return Err(Error::Unsupported {
            method: "region".into(),
            reason: format!("this analysis is for three-player games; this game has {} players", game.num_players()),
        });
    }
    Ok(())
}

/// Player `i`'s pure and correlated minmax values in a game of any number of players.
pub fn joint_minmax(game: &NormalForm, i: usize) -> Result<JointMinmax> {
    if i >= game.num_players() {
        return Err(Error::InvalidOption(format!("player {} does not exist", i + 1)));
    }
    // The opponents' pure profiles: every full profile with player i at their first strategy.
    let opponents: Vec<Vec<usize>> =
        (0..game.num_profiles()).map(|k| game.profile_at(k)).filter(|p| p[i] == 0).collect();
    let m = game.num_strategies(i);
    let u = |s: usize, t: &[usize]| -> &Q {
        let mut prof = t.to_vec();
        prof[i] = s;
        game.payoff(&prof, i)
    };
    let without = |t: &[usize]| t.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &x)| x).collect::<Vec<_>>();
    let mut pure: Option<(Q, &Vec<usize>)> = None;
    for t in &opponents {
        let best = (0..m).map(|s| u(s, t)).max().cloned().unwrap_or_else(Q::zero);
        if pure.as_ref().is_none_or(|(v, _)| best < *v) {
            pure = Some((best, t));
        }
    }
    let (pure, punisher) = pure.ok_or_else(|| Error::Game("the game has no profiles".into()))?;
    let k = opponents.len();
    let mut objective = vec![Q::zero(); k + 1];
    objective[k] = Q::one();
    let mut lp = LinearProgram::minimize(objective);
    lp.set_free(k);
    for s in 0..m {
        let mut row: Vec<Q> = opponents.iter().map(|t| u(s, t).clone()).collect();
        row.push(-Q::one());
        lp.constrain(row, Relation::Le, Q::zero());
    }
    let mut sum = vec![Q::one(); k];
    sum.push(Q::zero());
    lp.constrain(sum, Relation::Eq, Q::one());
    let LpOutcome::Optimal(sol) = lp.solve()? else {
        return Err(Error::Internal("the correlated minmax LP has no optimum".into()));
    };
    let correlated_punishers =
        opponents.iter().zip(&sol.x).filter(|(_, y)| !y.is_zero()).map(|(t, y)| (without(t), y.clone())).collect();
    Ok(JointMinmax { pure, pure_punishers: without(punisher), correlated: sol.value, correlated_punishers })
}

/// True if some convex combination of `points` is at least `v` in every coordinate and
/// larger in one (exact LP: maximize the total gain over `v`).
fn weakly_dominated(points: &[Point3], v: &Point3) -> Result<bool> {
    let objective: Vec<Q> = points.iter().map(|p| &p[0] + &p[1] + &p[2]).collect();
    let mut lp = LinearProgram::maximize(objective);
    for c in 0..3 {
        lp.constrain(points.iter().map(|p| p[c].clone()).collect(), Relation::Ge, v[c].clone());
    }
    lp.constrain(vec![Q::one(); points.len()], Relation::Eq, Q::one());
    match lp.solve()? {
        LpOutcome::Optimal(sol) => Ok(sol.value > &v[0] + &v[1] + &v[2]),
        _ => Err(Error::Internal("the Pareto LP has no optimum".into())),
    }
}

/// The whole payoff-region analysis of a three-player game.
pub fn analyze3(game: &NormalForm) -> Result<PayoffRegion3> {
    three_players(game)?;
    check_size(game)?;
    // The correlated polytope (computed up to MAX_POLYTOPE_PROFILES pure profiles, else a note)
    // takes about one LP per vertex and facet; its vertices were measured at 25–31 per pure
    // profile (random 3x3x3 games: 651–829 vertices, 690–888 facets, 0.5–0.9 s CPU), so 70 LPs
    // per profile, plus the minmax and welfare LPs. Coalition (2x4x4) is estimated at 3e9.
    let polytope_lps =
        if game.num_profiles() <= correlated::MAX_POLYTOPE_PROFILES { 70 * game.num_profiles() as u128 } else { 0 };
    check_region_work(game, polytope_lps + 7)?;
    let pure_payoffs: Vec<(Vec<usize>, Point3)> = (0..game.num_profiles())
        .map(|k| {
            let u = game.payoffs_at(k);
            (game.profile_at(k), [u[0].clone(), u[1].clone(), u[2].clone()])
        })
        .collect();
    let points: Vec<Point3> = pure_payoffs.iter().map(|(_, p)| p.clone()).collect();
    let hull = convex_hull3(&points);
    let projections = [[0, 1], [0, 2], [1, 2]]
        .into_iter()
        .map(|[a, b]| {
            let pts: Vec<Point> = points.iter().map(|p| Point::new(p[a].clone(), p[b].clone())).collect();
            Projection { players: [a, b], polygon: convex_hull(&pts) }
        })
        .collect();
    let minmax = (0..3).map(|i| joint_minmax(game, i)).collect::<Result<Vec<_>>>()?;
    let mut pareto = Vec::new();
    for v in &hull.vertices {
        if !weakly_dominated(&hull.vertices, v)? {
            pareto.push(v.clone());
        }
    }
    let nash = solve::solve(game, crate::solve::Method::Pure, &SolveOptions::default())?
        .equilibria
        .iter()
        .filter_map(|e| e.profile.as_pure().map(|profile| PureNash { profile, payoffs: e.payoffs.clone() }))
        .collect();
    let (mixed_nash, mixed_nash_note) = mixed_nash3(game)?;
    let floor = [minmax[0].correlated.clone(), minmax[1].correlated.clone(), minmax[2].correlated.clone()];
    let individually_rational = clip_below(&hull, &floor);
    let correlated = if game.num_profiles() <= crate::game::budget::correlated_profile_limit() {
        let welfare_max = solve::correlated::welfare_maximizing(game)?;
        let best_for = (0..3).map(|i| solve::correlated::best_for_player(game, i)).collect::<Result<Vec<_>>>()?;
        let (polytope, polytope_note) = match correlated::payoff_polytope3(game) {
            Ok(p) => (p, None),
            Err(Error::TooLarge(why)) => (Hull3 { dimension: None, vertices: vec![], facets: vec![] }, Some(why)),
            Err(e) => return Err(e),
        };
        Some(Correlated3 { welfare_max, best_for, polytope, polytope_note })
    } else {
        None
    };
    Ok(PayoffRegion3 {
        pure_payoffs,
        hull,
        projections,
        minmax,
        pareto,
        nash,
        mixed_nash,
        mixed_nash_note,
        individually_rational,
        correlated,
    })
}

/// The mixed Nash equilibria of a three-player game by `enumpoly` within its default budget,
/// with a note when they were not computed or may be incomplete.
fn mixed_nash3(game: &NormalForm) -> Result<(Vec<MixedNash3>, Option<String>)> {
    let sol = match solve::solve(game, crate::solve::Method::EnumPoly, &SolveOptions::default()) {
        Ok(sol) => sol,
        Err(Error::TooLarge(why)) => {
            return Ok((Vec::new(), Some(format!("mixed Nash equilibria not computed: {why}"))));
        }
        Err(e) => return Err(e),
    };
    let mixed = sol
        .equilibria
        .iter()
        .filter(|e| e.profile.as_pure().is_none())
        .map(|e| MixedNash3 {
            profile: e.profile.probs.clone(),
            payoffs: e.payoffs.clone(),
            max_regret: game.max_regret(&e.profile),
        })
        .collect();
    let note = (!sol.complete).then(|| {
        "enumpoly left some support regions unresolved (a continuum of equilibria, or a degenerate game): the \
         mixed Nash equilibria listed may not be all (`standoff solve --method enumpoly` says where)"
            .to_string()
    });
    Ok((mixed, note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};

    fn p(x: i64, y: i64) -> Point {
        Point::new(q(x), q(y))
    }

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
    fn clipping_a_cube_below() {
        let cube: Vec<Point3> =
            (0..8).map(|k| [q((k & 1) as i64), q(((k >> 1) & 1) as i64), q(((k >> 2) & 1) as i64)]).collect();
        let hull = convex_hull3(&cube);
        let ir = clip_below(&hull, &[frac(1, 2), q(0), q(-3)]).unwrap();
        assert_eq!(ir.dimension, Some(3));
        assert_eq!(ir.vertices.len(), 8);
        assert!(ir.vertices.iter().all(|v| v[0] == frac(1, 2) || v[0] == q(1)));
        // A floor above the cube leaves nothing; one touching a corner leaves that point.
        assert_eq!(clip_below(&hull, &[q(2), q(0), q(0)]).unwrap().dimension, None);
        assert_eq!(clip_below(&hull, &[q(1), q(1), q(1)]).unwrap().vertices, vec![[q(1), q(1), q(1)]]);
    }

    #[test]
    fn three_player_region_of_the_coalition() {
        let m = crate::model::Model::parse("coalition.toml", include_str!("../../models/coalition.toml")).unwrap();
        let tree = m.tree(&crate::model::Settings::default()).unwrap();
        let g = crate::game::reduce::reduce(&tree).unwrap().game;
        let r = analyze3(&g).unwrap();
        let ir = r.individually_rational.unwrap();
        // Minmax (correlated) is (-1, -6, 0); every IR vertex is feasible and above it, and the
        // SPE payoff (5/2, -1, 1) is one of them.
        for v in &ir.vertices {
            assert!(r.hull.contains(v), "{v:?}");
            assert!(v[0] >= q(-1) && v[1] >= q(-6) && v[2] >= q(0), "{v:?}");
        }
        assert!(ir.vertices.contains(&[frac(5, 2), q(-1), q(1)]));
        let c = r.correlated.unwrap();
        assert_eq!(c.welfare_max.payoffs, vec![frac(5, 2), q(-1), q(1)]);
        assert!(crate::solve::correlated::check(&g, &c.welfare_max.distribution).is_ok());
        for (i, ce) in c.best_for.iter().enumerate() {
            assert!(crate::solve::correlated::check(&g, &ce.distribution).is_ok());
            assert!(ce.payoffs[i] >= c.welfare_max.payoffs[i]);
        }
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

    fn game3(f: impl Fn(&[usize]) -> [i64; 3], shape: [usize; 3]) -> NormalForm {
        let players = (0..3)
            .map(|i| Player {
                name: format!("P{}", i + 1),
                strategies: (0..shape[i]).map(|s| format!("s{s}")).collect(),
            })
            .collect();
        NormalForm::new("g3", players, |p| f(p).iter().map(|&x| q(x)).collect()).unwrap()
    }

    #[test]
    fn correlated_polytope_of_a_dominant_profile_is_a_point() {
        // Strategy 1 strictly dominates for everyone: the only CE is (1, 1, 1), payoffs (2, 3, 4).
        let g = game3(|p| [p[0] as i64 * 2, p[1] as i64 * 3, p[2] as i64 * 4], [2, 2, 2]);
        let c = analyze3(&g).unwrap().correlated.unwrap();
        assert_eq!(c.polytope.dimension, Some(0));
        assert_eq!(c.polytope.vertices, vec![[q(2), q(3), q(4)]]);
    }

    #[test]
    fn correlated_polytope_when_no_one_controls_their_payoff_is_a_box() {
        // Each player's payoff is the next player's strategy (0..2 for P2, 0..1 otherwise): no
        // deviation changes one's own payoff, so every distribution is a CE, and the payoff
        // vectors (E s2, E s3, E s1) fill the box [0, 2] x [0, 1] x [0, 1].
        let g = game3(|p| [p[1] as i64, p[2] as i64, p[0] as i64], [2, 3, 2]);
        let c = analyze3(&g).unwrap().correlated.unwrap();
        let h = &c.polytope;
        assert_eq!(h.dimension, Some(3));
        let mut corners: Vec<Point3> =
            (0..8).map(|k| [q(2 * (k & 1) as i64), q(((k >> 1) & 1) as i64), q(((k >> 2) & 1) as i64)]).collect();
        corners.sort();
        assert_eq!(h.vertices, corners);
        assert_eq!(h.facets.len(), 6);
    }

    #[test]
    fn correlated_polytope_contains_the_equilibria_on_random_games() {
        let mut seed = 3u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 10) as i64
        };
        for _ in 0..8 {
            let table: Vec<[i64; 3]> = (0..8).map(|_| [next(), next(), next()]).collect();
            let g = game3(|p| table[p[0] + 2 * p[1] + 4 * p[2]], [2, 2, 2]);
            let r = analyze3(&g).unwrap();
            let c = r.correlated.unwrap();
            let h = &c.polytope;
            assert!(h.dimension.is_some());
            for n in &r.nash {
                let v = [n.payoffs[0].clone(), n.payoffs[1].clone(), n.payoffs[2].clone()];
                assert!(h.contains(&v), "{v:?} not in {h:?}");
            }
            for ce in c.best_for.iter().chain([&c.welfare_max]) {
                let v = [ce.payoffs[0].clone(), ce.payoffs[1].clone(), ce.payoffs[2].clone()];
                assert!(h.contains(&v), "{v:?} not in {h:?}");
            }
            // Every vertex is the payoff of a CE: the welfare maximum is the largest vertex sum,
            // and each player's best CE payoff is that player's largest vertex coordinate.
            let best_sum = h.vertices.iter().map(|v| &v[0] + &v[1] + &v[2]).max().unwrap();
            assert_eq!(best_sum, c.welfare_max.welfare());
            for i in 0..3 {
                assert_eq!(h.vertices.iter().map(|v| v[i].clone()).max().unwrap(), c.best_for[i].payoffs[i]);
            }
        }
    }

    #[test]
    fn three_player_region_by_hand() {
        // Each player picks 0 or 1. A player gets 1 if they match the majority, else 0; on top,
        // player 1 gets 3 when all three play 1.
        let g = game3(
            |p| {
                let ones = p.iter().filter(|&&s| s == 1).count();
                let major = usize::from(ones >= 2);
                let mut u = [0i64; 3];
                for i in 0..3 {
                    u[i] = i64::from(p[i] == major);
                }
                if ones == 3 {
                    u[0] += 3;
                }
                u
            },
            [2, 2, 2],
        );
        let r = analyze3(&g).unwrap();
        // Payoff vectors: (1,1,1) when all play 0; (4,1,1) when all play 1; a lone deviant gets 0
        // and the others 1: (0,1,1), (1,0,1), (1,1,0). (1,1,1) lies on the segment from (0,1,1)
        // to (4,1,1), so it is not a vertex: the hull is a tetrahedron.
        assert_eq!(r.hull.dimension, Some(3));
        assert_eq!(r.hull.facets.len(), 4);
        let v: Vec<Vec<i64>> =
            r.hull.vertices.iter().map(|p| p.iter().map(|x| x.to_integer().try_into().unwrap()).collect()).collect();
        assert_eq!(v, vec![vec![0, 1, 1], vec![1, 0, 1], vec![1, 1, 0], vec![4, 1, 1]]);
        assert!(r.hull.contains(&[q(1), q(1), q(1)]));
        // Only (4, 1, 1) is Pareto-optimal: it dominates every other vertex.
        assert_eq!(r.pareto, vec![[q(4), q(1), q(1)]]);
        // Pure Nash: everyone 0 (1,1,1) and everyone 1 (4,1,1).
        let mut nash: Vec<Vec<Q>> = r.nash.iter().map(|n| n.payoffs.clone()).collect();
        nash.sort();
        assert_eq!(nash, vec![vec![q(1), q(1), q(1)], vec![q(4), q(1), q(1)]]);
        // Player 2's pure minmax: against any pure pair of opponents, player 2 can join or make
        // the majority and get 1. Correlated: with t the opponents' pair, playing 0 gets
        // P(t != (1,1)) and playing 1 gets P(t != (0,0)); both are 1/2 when the opponents play
        // (0,0) or (1,1) with probability 1/2 each, and their sum is at least 1, so 1/2 is least.
        let m = &r.minmax[1];
        assert_eq!(m.pure, q(1));
        assert_eq!(m.correlated, frac(1, 2));
        assert_eq!(m.correlated_punishers, vec![(vec![0, 0], frac(1, 2)), (vec![1, 1], frac(1, 2))]);
        // Projection on players 1 and 2: the hull of (1,1), (4,1), (0,1), (1,0).
        assert_eq!(r.projections[0].players, [0, 1]);
        assert_eq!(r.projections[0].polygon, vec![p(0, 1), p(1, 0), p(4, 1)]);
    }

    #[test]
    fn component_payoff_sets_are_points_segments_and_rectangles() {
        // Player 1 indifferent between the rows, player 2 between the columns: the whole square is one convex set of equilibria. Player 1's payoff depends on
        // the column mix only (2 against a, 1 against b), player 2's on the row mix (3 or 0).
        let g = game(&[[(2, 3), (1, 3)], [(2, 0), (1, 0)]]);
        let r = analyze(&g).unwrap();
        assert_eq!(r.components.len(), 1);
        let b = &r.components[0].boxes;
        assert_eq!(b, &vec![PayoffBox { x: (q(1), q(2)), y: (q(0), q(3)) }]);
        assert_eq!(b[0].kind(), "rectangle");
        assert_eq!(b[0].polygon(), vec![p(1, 0), p(2, 0), p(2, 3), p(1, 3)]);
        // Row a dominant; the column player indifferent after it: a segment of player-1 payoffs.
        let g = game(&[[(2, 1), (1, 1)], [(0, 0), (0, 2)]]);
        let r = analyze(&g).unwrap();
        assert_eq!(r.components.len(), 1);
        let b = &r.components[0].boxes[0];
        assert_eq!((b.x.clone(), b.y.clone(), b.kind()), ((q(1), q(2)), (q(1), q(1)), "segment"));
        assert_eq!(b.polygon(), vec![p(1, 1), p(2, 1)]);
        // Every equilibrium of the component has its payoffs in the box.
        for &k in &r.components[0].equilibria {
            let n = &r.nash[k].payoffs;
            assert!(n.x >= b.x.0 && n.x <= b.x.1 && n.y >= b.y.0 && n.y <= b.y.1);
        }
        // Identical payoffs: a point.
        let g = game(&[[(1, 1), (1, 1)], [(1, 1), (1, 1)]]);
        let r = analyze(&g).unwrap();
        assert_eq!(r.components[0].boxes[0].kind(), "point");
        // Chicken's equilibria are isolated: no components are reported.
        assert!(analyze(&crate::game::fixtures::chicken()).unwrap().components.is_empty());
    }

    #[test]
    fn two_player_games_are_refused_by_analyze3() {
        let g = game(&[[(1, 1), (1, 1)], [(1, 1), (1, 1)]]);
        assert!(matches!(analyze3(&g), Err(Error::Unsupported { .. })));
    }

    #[test]
    fn three_players_are_refused() {
        let s = || vec!["a".to_string()];
        let players = (0..3).map(|i| Player { name: format!("P{i}"), strategies: s() }).collect();
        let g = NormalForm::new("g", players, |_| vec![q(0); 3]).unwrap();
        assert!(matches!(analyze(&g), Err(Error::Unsupported { .. })));
    }
}
