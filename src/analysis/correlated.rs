//! Correlated equilibria: the exact LP machinery lives in `crate::solve::correlated` (re-exported
//! here); this module adds the geometry, the two-player CE payoff region.

pub use crate::solve::correlated::{
    best_for_player, check, incentive_constraints, maximize, program, welfare_maximizing, CorrelatedEquilibrium,
    IncentiveConstraint, MAX_PROFILES,
};

use super::geometry::{convex_hull, dot_cmp, wrap2, Point, Support2};
use super::hull3::{wrap3, wrap3_with, Hull3, Point3, Support3};
use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::Q;
use crate::solve::lp::simplex::{Basis, CertifiedVertex, LinearProgram, ObjectiveFamily};
use num_traits::{One, ToPrimitive, Zero};
use std::collections::{BTreeSet, HashMap};

/// The largest game (in pure profiles) whose exact CE payoff region [`payoff_region`] computes:
/// the limit of the correlated-equilibrium LPs themselves. (It was 36 while the LPs were solved by
/// the exact simplex alone: fraction growth made a 7x7 region take minutes.)
pub const MAX_REGION_PROFILES: usize = MAX_PROFILES;

/// The set of expected-payoff pairs of all correlated equilibria of a two-player game: an exact
/// convex polygon (counter-clockwise, see [`super::geometry`]).
///
/// Method: the region is the image of the CE polytope under the (linear) payoff map, so its vertices
/// are images of polytope vertices, and it is found by LP gift-wrapping ([`wrap2`]): every edge of
/// the current polygon is tested in its outward normal direction until every edge is confirmed as
/// a supporting line of the region. The LPs are those of one [`ObjectiveFamily`] (the CE
/// polytope, with the two players' payoffs as base objectives): a warm-started float simplex
/// proposes an optimal basis for each direction, and each basis is certified exactly once, which
/// gives its vertex (exact payoffs of a CE) and the exact cone of directions it is optimal for. An
/// edge is confirmed when the direction of its normal lies in the cone of a certified vertex on
/// it: no further LP, and no arithmetic with the edge's long normal beyond one sign test per
/// column. Where the float phase cannot help, a direction is solved by the exact LP
/// ([`maximize`]). The result is the same polygon, vertex for vertex, as the exact LP for every
/// direction gives ([`payoff_region_reference`], kept for tests and benchmarks).
///
/// Fails with [`Error::TooLarge`] above [`MAX_REGION_PROFILES`] pure profiles.
pub fn payoff_region(game: &NormalForm) -> Result<Vec<Point>> {
    Ok(payoff_region_stats(game)?.0)
}

/// [`payoff_region`] with the counts of its work, for tests and benchmarks.
#[doc(hidden)]
pub fn payoff_region_stats(game: &NormalForm) -> Result<(Vec<Point>, RegionStats)> {
    region_checks(game)?;
    let lp = program(game, &[Q::zero(), Q::zero()])?;
    let mut oracle = CeSupport::new(game, &lp, FLOAT_DIRECTIONS_2D, usize::MAX, usize::MAX)?;
    let known = oracle.certified_points().map(|p| Point::new(p[0].clone(), p[1].clone())).collect();
    let region = wrap2(&mut oracle, known)?;
    Ok((region, oracle.stats))
}

/// What one CE payoff region cost ([`payoff_region_stats`]): how the directions were settled.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegionStats {
    /// Directions asked about by gift-wrapping (and the initial probes not counted).
    pub directions: usize,
    /// Bases the float phase proposed, and how often it proposed none.
    pub float_bases: usize,
    pub float_failures: usize,
    /// Distinct bases certified, and how many of them failed the exact checks.
    pub certifications: usize,
    pub certification_failures: usize,
    /// Exact repairs from a failed (or not optimal) basis, those that gave up, and their pivots.
    pub repairs: usize,
    pub repair_failures: usize,
    pub repair_dual_pivots: usize,
    pub repair_primal_pivots: usize,
    /// Directions solved by the exact LP ([`maximize`]) from scratch.
    pub exact_lps: usize,
}

fn region_checks(game: &NormalForm) -> Result<()> {
    if game.num_players() != 2 {
        return Err(Error::Unsupported {
            method: "correlated payoff region".into(),
            reason: format!("it is drawn for two players; this game has {}", game.num_players()),
        });
    }
    let limit = crate::game::budget::correlated_profile_limit();
    if game.num_profiles() > limit {
        return Err(Error::TooLarge(format!(
            "the exact correlated payoff region is computed for games with at most {limit} pure profiles (this one \
             has {}; raise the limit with --max-profiles)",
            game.num_profiles()
        )));
    }
    Ok(())
}

/// [`payoff_region`] by the previous method, one exact LP ([`maximize`]) per direction: starting
/// from the extreme points in the four axis directions, every edge of the current polygon is
/// tested by one exact LP in its outward normal direction; a point beyond the edge is added and the
/// hull recomputed, until every edge is confirmed. Slow on large games (minutes for a 10x10 game);
/// kept as the reference [`payoff_region`] is tested and measured against.
#[doc(hidden)]
pub fn payoff_region_reference(game: &NormalForm) -> Result<Vec<Point>> {
    region_checks(game)?;
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

/// Directions the float phase tries before gift-wrapping starts (two players): evenly spaced, so
/// the first hull is already close to the region.
const FLOAT_DIRECTIONS_2D: usize = 32;

/// The support oracle of a CE payoff set (2 or 3 players), for [`wrap2`] and [`wrap3_with`]; see
/// [`payoff_region`] for the method. Every point it returns is the exact payoff vector of a
/// correlated equilibrium (a certified basic feasible solution of the CE polytope, or the answer of
/// the exact LP), and every `None` of `beyond` is proven by an exact dual certificate.
struct CeSupport<'a> {
    game: &'a NormalForm,
    family: ObjectiveFamily<'a>,
    /// Certified vertices: exact payoffs, the same in floats, the certificate.
    certified: Vec<(Vec<Q>, Vec<f64>, CertifiedVertex)>,
    /// Every basis the float phase proposed: the index of its certificate, or `None` if it failed.
    seen: HashMap<Basis, Option<usize>>,
    /// The basis of each certified vertex (the same order as `certified`).
    bases: Vec<Basis>,
    /// The basis the float phase proposed for the last direction (certified or not; `None` if it
    /// proposed none): where an exact repair starts.
    last_basis: Option<Basis>,
    /// Work counts.
    stats: RegionStats,
    /// Exact LPs solved (directions the float phase could not settle).
    exact_lps: usize,
    /// The most exact LPs allowed before giving up with [`Error::TooLarge`].
    max_exact_lps: usize,
    /// Directions asked about ([`Support2`]/[`Support3`] calls) so far, and the most allowed
    /// before giving up with [`Error::TooLarge`].
    calls: usize,
    max_calls: usize,
}

impl<'a> CeSupport<'a> {
    /// The oracle for the CE polytope `lp` of `game` (from [`program`]), after probing
    /// `directions` directions spread evenly over the circle (two players) or the sphere (three).
    fn new(
        game: &'a NormalForm,
        lp: &'a LinearProgram,
        directions: usize,
        max_exact_lps: usize,
        max_calls: usize,
    ) -> Result<Self> {
        let d = game.num_players();
        let objectives: Vec<Vec<Q>> =
            (0..d).map(|i| (0..game.num_profiles()).map(|k| game.payoffs_at(k)[i].clone()).collect()).collect();
        let family = ObjectiveFamily::new(lp, &objectives)?;
        let mut s = CeSupport {
            game,
            family,
            certified: Vec::new(),
            seen: HashMap::new(),
            bases: Vec::new(),
            last_basis: None,
            stats: RegionStats::default(),
            exact_lps: 0,
            max_exact_lps,
            calls: 0,
            max_calls,
        };
        for w in spread_directions(d, directions) {
            s.probe(&w);
        }
        Ok(s)
    }

    fn certified_points(&self) -> impl Iterator<Item = &Vec<Q>> {
        self.certified.iter().map(|(p, _, _)| p)
    }

    /// The float phase's basis for direction `w`, certified (once per basis): the index of its
    /// certificate, `None` if the float phase failed or the basis did not pass the exact checks.
    fn probe(&mut self, w: &[f64]) -> Option<usize> {
        if let Some(found) = self.probe_once(w) {
            return Some(found);
        }
        // A basis that fails the exact checks usually comes from a drifted dictionary: start the
        // float phase over and ask again.
        self.family.restart_float();
        self.probe_once(w)
    }

    fn probe_once(&mut self, w: &[f64]) -> Option<usize> {
        self.last_basis = None;
        let Some((basis, _)) = self.family.float_basis(w) else {
            self.stats.float_failures += 1;
            return None;
        };
        self.stats.float_bases += 1;
        self.last_basis = Some(basis.clone());
        if let Some(&known) = self.seen.get(&basis) {
            return known;
        }
        self.stats.certifications += 1;
        let found = self.family.certify(&basis).map(|cert| self.add(basis.clone(), cert));
        self.stats.certification_failures += usize::from(found.is_none());
        self.seen.insert(basis, found);
        found
    }

    /// Records a certified vertex and its basis; its index.
    fn add(&mut self, basis: Basis, cert: CertifiedVertex) -> usize {
        let point = cert.values.clone();
        let approx = point.iter().map(|x| x.to_f64().unwrap_or(f64::NAN)).collect();
        self.certified.push((point, approx, cert));
        self.bases.push(basis);
        self.certified.len() - 1
    }

    /// A certified vertex optimal for the exact direction `d` (unless the certificate says
    /// otherwise: callers check), by exact simplex pivots ([`ObjectiveFamily::repair`]) from the
    /// float phase's basis for the last direction, else from the certified vertex best in direction
    /// `d` (in floats). `None` if the repair gives up.
    ///
    /// This is what settles the directions whose float basis fails the exact checks: the float
    /// phase perturbs the right-hand sides, and the CE polytopes of 12x12 games have vertices
    /// with coordinates of order 1e-9, so a basis optimal for the perturbed problem can be
    /// infeasible for the real one by that much. A handful of exact dual simplex pivots fixes it,
    /// where the exact LP from scratch took minutes.
    fn repair(&mut self, d: &[Q]) -> Option<usize> {
        let start = self.last_basis.clone().or_else(|| {
            let df = to_f64(d)?;
            let value = |approx: &[f64]| -> f64 { df.iter().zip(approx).map(|(a, b)| a * b).sum() };
            let best = (0..self.certified.len())
                .max_by(|&a, &b| value(&self.certified[a].1).total_cmp(&value(&self.certified[b].1)))?;
            Some(self.bases[best].clone())
        })?;
        self.stats.repairs += 1;
        let Some((basis, cert, pivots)) = self.family.repair(&start, d) else {
            self.stats.repair_failures += 1;
            return None;
        };
        self.stats.repair_dual_pivots += pivots.dual_pivots;
        self.stats.repair_primal_pivots += pivots.primal_pivots;
        if let Some(&Some(k)) = self.seen.get(&basis) {
            return Some(k);
        }
        let k = self.add(basis.clone(), cert);
        self.seen.insert(basis, Some(k));
        Some(k)
    }

    /// The exact LP in direction `d`: a CE maximizing `d · payoffs`, and its payoffs.
    fn exact(&mut self, d: &[Q]) -> Result<Vec<Q>> {
        self.exact_lps += 1;
        self.stats.exact_lps += 1;
        if self.exact_lps > self.max_exact_lps {
            return Err(Error::TooLarge(format!(
                "the correlated-equilibrium payoff set is not computed: it needs more than {} exact LPs for this \
                 game",
                self.max_exact_lps
            )));
        }
        Ok(maximize(self.game, d)?.payoffs)
    }

    /// Counts one direction asked about; [`Error::TooLarge`] past the limit.
    fn count_call(&mut self) -> Result<()> {
        self.calls += 1;
        self.stats.directions += 1;
        self.last_basis = None;
        if self.calls > self.max_calls {
            return Err(Error::TooLarge(format!(
                "the correlated-equilibrium payoff polytope is not computed: it needs more than {} LP directions \
                 (one per facet) for this game",
                self.max_calls
            )));
        }
        Ok(())
    }

    fn extreme(&mut self, d: &[Q]) -> Result<Vec<Q>> {
        self.count_call()?;
        if let Some(k) = to_f64(d).and_then(|w| self.probe(&w)) {
            let (point, _, cert) = &self.certified[k];
            if cert.is_optimal_for(d) {
                return Ok(point.clone());
            }
        }
        if let Some(k) = self.repair(d) {
            let (point, _, cert) = &self.certified[k];
            if cert.is_optimal_for(d) {
                return Ok(point.clone());
            }
        }
        self.exact(d)
    }

    fn beyond(&mut self, d: &[Q], c: &Q) -> Result<Option<Vec<Q>>> {
        self.count_call()?;
        // `d · p` against `c`, exactly, without reducing fractions.
        let beyond_c = |p: &[Q]| dot_cmp(d, p, c);
        // A certified vertex on the plane whose cone holds d proves that the plane supports.
        if let Some(df) = to_f64(d) {
            let cf = c.to_f64().unwrap_or(f64::NAN);
            let norm: f64 = df.iter().map(|x| x.abs()).sum();
            for (point, approx, cert) in &self.certified {
                let v: f64 = df.iter().zip(approx).map(|(a, b)| a * b).sum();
                let scale = norm * (1.0 + approx.iter().fold(0.0f64, |m, x| m.max(x.abs())));
                if (v - cf).abs() <= 1e-7 * scale && beyond_c(point).is_eq() && cert.is_optimal_for(d) {
                    return Ok(None);
                }
            }
            if let Some(k) = self.probe(&df) {
                let (point, _, cert) = &self.certified[k];
                if beyond_c(point).is_gt() {
                    return Ok(Some(point.clone()));
                }
                if cert.is_optimal_for(d) {
                    return Ok(None);
                }
            }
        }
        if let Some(k) = self.repair(d) {
            let (point, _, cert) = &self.certified[k];
            if beyond_c(point).is_gt() {
                return Ok(Some(point.clone()));
            }
            if cert.is_optimal_for(d) {
                return Ok(None);
            }
        }
        let p = self.exact(d)?;
        Ok(beyond_c(&p).is_gt().then_some(p))
    }
}

impl Support2 for CeSupport<'_> {
    type Error = Error;
    fn extreme(&mut self, d: &Point) -> Result<Point> {
        let p = CeSupport::extreme(self, &d.to_vec())?;
        Ok(Point::new(p[0].clone(), p[1].clone()))
    }
    fn beyond(&mut self, d: &Point, c: &Q) -> Result<Option<Point>> {
        Ok(CeSupport::beyond(self, &d.to_vec(), c)?.map(|p| Point::new(p[0].clone(), p[1].clone())))
    }
}

impl Support3 for CeSupport<'_> {
    type Error = Error;
    fn extreme(&mut self, d: &Point3) -> Result<Point3> {
        let p = CeSupport::extreme(self, d)?;
        Ok([p[0].clone(), p[1].clone(), p[2].clone()])
    }
    fn beyond(&mut self, d: &Point3, c: &Q) -> Result<Option<Point3>> {
        Ok(CeSupport::beyond(self, d, c)?.map(|p| [p[0].clone(), p[1].clone(), p[2].clone()]))
    }
}

/// `d` in floats, scaled to a largest entry of 1; `None` if it does not convert.
fn to_f64(d: &[Q]) -> Option<Vec<f64>> {
    let v: Vec<f64> = d.iter().map(|x| x.to_f64()).collect::<Option<_>>()?;
    let m = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    (m.is_finite() && m > 0.0).then(|| v.iter().map(|x| x / m).collect())
}

/// `count` directions in `dim` (2 or 3) dimensions: evenly spaced angles on the circle, or a
/// Fibonacci lattice on the sphere.
fn spread_directions(dim: usize, count: usize) -> Vec<Vec<f64>> {
    use std::f64::consts::PI;
    (0..count)
        .map(|k| {
            let t = k as f64 + 0.5;
            if dim == 2 {
                let a = 2.0 * PI * t / count as f64;
                vec![a.cos(), a.sin()]
            } else {
                let z = 1.0 - 2.0 * t / count as f64;
                let r = (1.0 - z * z).max(0.0).sqrt();
                let a = PI * (1.0 + 5f64.sqrt()) * t;
                vec![r * a.cos(), r * a.sin(), z]
            }
        })
        .collect()
}

/// The set of expected-payoff vectors of all correlated equilibria of a three-player game: an
/// exact polytope in payoff space, with its vertices and (when full-dimensional) facets.
///
/// Method: LP gift-wrapping ([`wrap3_with`]) with the certified float-first LPs of
/// [`payoff_region`]: each basis the float phase proposes is certified exactly once, and a facet
/// is confirmed when its normal lies in the exact optimality cone of a certified vertex on it;
/// directions the float phase cannot settle are solved by the exact LP. The hull of the points
/// found grows one point at a time in integer homogeneous coordinates
/// ([`super::hull3::IncrementalHull3`]), so each round costs one LP per new facet and a few integer
/// products per (point, face) pair. The answer is exact: every vertex is the payoff vector of a
/// certified CE, and every facet's offset is the proven LP optimum in its normal direction.
///
/// A random 3x3x3 game (payoffs 0..99) has 500–850 vertices and takes 0.5–0.9 s CPU; a random
/// 4x4x4 one 5,000–6,000 vertices and about 40 s, so games above [`MAX_POLYTOPE_PROFILES`] pure
/// profiles are refused up front with [`Error::TooLarge`] and an estimate; as a safety net, it
/// also gives up after [`MAX_POLYTOPE_LPS`] LP directions.
pub fn payoff_polytope3(game: &NormalForm) -> Result<Hull3> {
    polytope3_checks(game)?;
    let profiles = game.num_profiles();
    if profiles > MAX_POLYTOPE_PROFILES {
        return Err(Error::TooLarge(format!(
            "the correlated-equilibrium payoff polytope is computed for games with at most {MAX_POLYTOPE_PROFILES} pure \
             profiles; this one has {profiles}, and its polytope would have about {} vertices (about {} s CPU; a \
             random 3x3x3 game has 500-850, in under 1 s)",
            estimated_vertices(profiles),
            estimated_seconds(profiles)
        )));
    }
    polytope3_with_cap(game, MAX_POLYTOPE_LPS)
}

/// The number of vertices expected of the CE payoff polytope of a random three-player game with
/// `profiles` pure profiles: fitted to random games with payoffs 0..99 (27 profiles: 480–830
/// vertices, 64 profiles: 4,934 and 5,883), `650 · (profiles / 27)^2.5`, rounded to two
/// significant digits.
fn estimated_vertices(profiles: usize) -> u64 {
    round2(650.0 * (profiles as f64 / 27.0).powf(2.5))
}

/// The CPU seconds expected for [`estimated_vertices`]: 0.5–0.9 s at 27 profiles, 37 s at 64
/// (release build, user time), `0.6 · (profiles / 27)^4.8`.
fn estimated_seconds(profiles: usize) -> u64 {
    round2(0.6 * (profiles as f64 / 27.0).powf(4.8))
}

/// `x` rounded to two significant digits.
fn round2(x: f64) -> u64 {
    if !x.is_finite() || x < 1.0 {
        return 1;
    }
    let p = 10f64.powi((x.log10().floor() as i32 - 1).max(0));
    ((x / p).round() * p) as u64
}

/// [`payoff_polytope3`] with at most `cap` LP directions and no profile limit.
fn polytope3_with_cap(game: &NormalForm, cap: usize) -> Result<Hull3> {
    polytope3_checks(game)?;
    let lp = program(game, &[Q::zero(), Q::zero(), Q::zero()])?;
    let mut oracle = CeSupport::new(game, &lp, 0, cap, cap)?;
    let known = oracle.certified_points().map(|p| [p[0].clone(), p[1].clone(), p[2].clone()]).collect();
    wrap3_with(&mut oracle, known)
}

fn polytope3_checks(game: &NormalForm) -> Result<()> {
    if game.num_players() != 3 {
        return Err(Error::Unsupported {
            method: "correlated payoff polytope".into(),
            reason: format!("it is computed for three players; this game has {}", game.num_players()),
        });
    }
    Ok(())
}

/// [`payoff_polytope3`] by the previous method, one exact LP ([`maximize`]) per direction, gift
/// wrapping from the six axis directions; no limit on the number of LPs. Kept as the reference
/// for tests; slow beyond small games.
#[doc(hidden)]
pub fn payoff_polytope3_reference(game: &NormalForm) -> Result<Hull3> {
    polytope3_checks(game)?;
    wrap3(|d: &Point3| {
        let ce = maximize(game, d)?;
        Ok([ce.payoffs[0].clone(), ce.payoffs[1].clone(), ce.payoffs[2].clone()])
    })
}

/// The most LP directions [`payoff_polytope3`] asks about before it gives up with
/// [`Error::TooLarge`]: a safety net, far above what games of [`MAX_POLYTOPE_PROFILES`] profiles
/// need (one direction per facet found, plus one per vertex: under 2,000 for random 3x3x3 games).
pub const MAX_POLYTOPE_LPS: usize = 20_000;

/// The largest game (in pure profiles) whose CE payoff polytope [`payoff_polytope3`] computes:
/// 3x3x3 and 4x3x3 (36); 4x4x4 (64 profiles, about 5,000 vertices) is refused with an estimate.
pub const MAX_POLYTOPE_PROFILES: usize = 36;

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

    fn random_game(shape: &[usize], range: i64, seed: &mut u64) -> NormalForm {
        let mut next = || {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((*seed >> 33) % range as u64) as i64
        };
        let players: Vec<crate::game::Player> = shape
            .iter()
            .enumerate()
            .map(|(i, &n)| crate::game::Player {
                name: format!("P{i}"),
                strategies: (0..n).map(|s| format!("s{s}")).collect(),
            })
            .collect();
        let total: usize = shape.iter().product::<usize>() * shape.len();
        let payoffs: Vec<Q> = (0..total).map(|_| q(next())).collect();
        NormalForm::from_flat("random", players, payoffs).unwrap()
    }

    #[test]
    fn certified_region_equals_the_exact_lp_region_on_random_games() {
        // Vertex for vertex, against one exact LP per direction; small payoff ranges give ties,
        // degenerate polytopes, segments and points.
        let mut seed = 5u64;
        for (shape, range, count) in
            [([2, 2], 3, 40), ([2, 3], 5, 30), ([3, 3], 4, 30), ([3, 3], 100, 20), ([4, 3], 10, 15), ([4, 4], 100, 10)]
        {
            for _ in 0..count {
                let g = random_game(&shape, range, &mut seed);
                assert_eq!(payoff_region(&g).unwrap(), payoff_region_reference(&g).unwrap(), "{g:?}");
            }
        }
    }

    #[test]
    fn certified_polytope_equals_the_exact_lp_polytope_on_random_games() {
        let mut seed = 9u64;
        for (shape, range, count) in [([2, 2, 2], 3, 15), ([2, 2, 2], 100, 10), ([3, 2, 2], 6, 6)] {
            for _ in 0..count {
                let g = random_game(&shape, range, &mut seed);
                assert_eq!(
                    polytope3_with_cap(&g, usize::MAX).unwrap(),
                    payoff_polytope3_reference(&g).unwrap(),
                    "{g:?}"
                );
            }
        }
    }

    /// The facets and vertices of `h` against the exact LP, one per facet: each facet's offset is
    /// the exact optimum in its normal direction (so the CE payoff set lies in the hull), and the
    /// hull holds every pure Nash payoff, the welfare maximum and each player's best CE; the
    /// largest vertex sum and coordinates are those optima (so the vertices are attained).
    fn check_polytope(g: &NormalForm, h: &Hull3) {
        assert!(h.dimension.is_some(), "{g:?}");
        for f in &h.facets {
            let best = maximize(g, &f.normal).unwrap();
            let value: Q = f.normal.iter().zip(&best.payoffs).map(|(a, b)| a * b).sum();
            assert_eq!(value, f.offset, "facet {f:?} of {g:?}");
        }
        let pure = crate::solve::solve(g, crate::solve::Method::Pure, &crate::solve::SolveOptions::default()).unwrap();
        for e in &pure.equilibria {
            let v = [e.payoffs[0].clone(), e.payoffs[1].clone(), e.payoffs[2].clone()];
            assert!(h.contains(&v), "Nash {v:?} not in the polytope of {g:?}");
        }
        let w = welfare_maximizing(g).unwrap();
        assert!(h.contains(&[w.payoffs[0].clone(), w.payoffs[1].clone(), w.payoffs[2].clone()]));
        assert_eq!(h.vertices.iter().map(|v| &v[0] + &v[1] + &v[2]).max().unwrap(), w.welfare());
        for i in 0..3 {
            let b = best_for_player(g, i).unwrap();
            assert!(h.contains(&[b.payoffs[0].clone(), b.payoffs[1].clone(), b.payoffs[2].clone()]));
            assert_eq!(h.vertices.iter().map(|v| v[i].clone()).max().unwrap(), b.payoffs[i]);
        }
    }

    #[test]
    fn polytope_facets_are_exact_lp_optima_on_random_games() {
        // Some of the small games have a polytope of lower dimension (a dominant profile gives a
        // point); at least the 3x3x3 ones are full-dimensional, with hundreds of facets.
        let mut seed = 21u64;
        let mut full = 0;
        for (shape, range, count) in [([2, 2, 2], 100, 5), ([2, 3, 2], 10, 3), ([3, 3, 3], 100, 2)] {
            for _ in 0..count {
                let g = random_game(&shape, range, &mut seed);
                let h = payoff_polytope3(&g).unwrap();
                check_polytope(&g, &h);
                full += usize::from(h.dimension == Some(3));
            }
        }
        assert!(full >= 4, "{full} full-dimensional polytopes");
    }

    #[test]
    fn polytope_of_the_battle_of_the_sexes_with_a_bystander_by_hand() {
        // Players 1 and 2 play the battle of the sexes, u1 = (2 0; 0 1), u2 = (1 0; 0 2); player 3
        // has two strategies that change nothing and gets 1 exactly when (s1, s2) = (0, 1). With
        // a, b, c, d the probabilities of (0,0), (0,1), (1,0), (1,1), the CE constraints are
        // b <= 2a, c <= a/2 (player 1), c <= d/2, b <= 2d (player 2); player 3's hold trivially.
        // The payoffs are (2a + d, a + 2d, b), one-to-one in (a, d, b) (det 3), so the polytope's
        // vertices are the images of those of {a, d, b >= 0, b <= 2a, b <= 2d, a + d + b <= 1,
        // 1.5a + d + b >= 1, a + 1.5d + b >= 1} (c = 1 - a - d - b):
        //   (1, 0, 0), (0, 1, 0): the pure equilibria           -> A = (2, 1, 0), B = (1, 2, 0)
        //   (2/5, 2/5, 0): b = 0, c = 1/5 = a/2 = d/2              -> C = (6/5, 6/5, 0)
        //   (1/4, 1/4, 1/2): c = 0, b = 2a = 2d                     -> D = (3/4, 3/4, 1/2)
        //   (2/9, 2/9, 4/9): c = 1/9 = a/2 = d/2, b = 2a = 2d       -> E = (2/3, 2/3, 4/9)
        // Each of the six inequalities that can be tight (all but a, d >= 0) is tight at exactly
        // three of them, so the facets are six triangles: ABC (b = 0), ABD (c = 0), BCE
        // (c = a/2), ACE (c = d/2), BDE (b = 2a), ADE (b = 2d): a bipyramid over ABE with apexes
        // C and D (5 vertices, 9 edges, 6 facets).
        let players: Vec<crate::game::Player> = (0..3)
            .map(|i| crate::game::Player { name: format!("P{i}"), strategies: vec!["s0".into(), "s1".into()] })
            .collect();
        let g = NormalForm::new("bos+bystander", players, |p| {
            let (u1, u2) = match (p[0], p[1]) {
                (0, 0) => (2, 1),
                (1, 1) => (1, 2),
                _ => (0, 0),
            };
            vec![q(u1), q(u2), q(i64::from((p[0], p[1]) == (0, 1)))]
        })
        .unwrap();
        let h = payoff_polytope3(&g).unwrap();
        let mut expected = vec![
            [q(2), q(1), q(0)],
            [q(1), q(2), q(0)],
            [frac(6, 5), frac(6, 5), q(0)],
            [frac(3, 4), frac(3, 4), frac(1, 2)],
            [frac(2, 3), frac(2, 3), frac(4, 9)],
        ];
        expected.sort();
        assert_eq!(h.vertices, expected);
        assert_eq!(h, super::super::hull3::convex_hull3(&expected));
        assert_eq!(h.facets.len(), 6);
        assert!(h.facets.iter().all(|f| f.vertices.len() == 3));
        // The facet b = 0 (player 3's payoff at least 0): normal (0, 0, -1), offset 0.
        assert!(h.facets.iter().any(|f| f.normal == [q(0), q(0), q(-1)] && f.offset == q(0)));
        check_polytope(&g, &h);
    }

    #[test]
    fn polytope_of_a_4x4x4_game_is_refused_with_an_estimate() {
        let g = random_game(&[4, 4, 4], 100, &mut 3u64);
        match payoff_polytope3(&g) {
            Err(Error::TooLarge(why)) => assert!(why.contains("64") && why.contains("about 5"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!((estimated_vertices(27), estimated_vertices(64)), (650, 5600));
        assert_eq!((estimated_seconds(27), estimated_seconds(64), round2(1234.0)), (1, 38, 1200));
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
