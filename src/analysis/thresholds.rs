//! Exact regime boundaries along one parameter.
//!
//! # Method
//! The payoffs are evaluated at the `steps` evenly spaced scan points of `[start, stop]`. If every
//! payoff entry is affine in the parameter at all of them (it lies on the line through its values
//! at `start` and `stop`), the payoffs are taken to be affine, `u(t) = α + β t`.
//!
//! **Exact mode** (affine payoffs, a 2x2 game, method `auto`/`enum`/`pure`): the equilibria of a
//! 2x2 game, and its ordinal class, depend only on the signs of the differences between each
//! player's payoffs (which of its strategies is a best response to each pure strategy of the other,
//! and how it ranks the four outcomes). Each difference is affine, so the candidates are its roots
//! `-α/β` inside the range; between two consecutive candidates no sign changes, so the regime is
//! constant and is read off exactly at the midpoint. A candidate is a boundary when the regime just
//! left of it, at it, and just right of it are not all equal; all three are reported (the regime
//! *at* a boundary is often special: a continuum of equilibria, or a tie in the class).
//!
//! **Bisection** (otherwise): the regimes at the scan points (plus the affine candidates, when
//! there are any) are compared; between two neighbours with different regimes the boundary is
//! bisected with exact midpoints until the bracket is narrower than `(stop - start) / 2^30`, and
//! reported with `exact: false` and that tolerance. Changes that come and go between two scan
//! points are missed in this mode; use more steps.

use super::regime::ClassCache;
use super::sweep::solve_game;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::num::Q;
use num_traits::{One, Zero};

/// Bisection stops when the bracket is narrower than the range divided by `2^BISECTION_BITS`.
pub const BISECTION_BITS: u32 = 30;

/// A boundary between two regimes.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// Where: exact in exact mode, else the midpoint of the final bracket.
    pub value: Q,
    /// True if `value` is the boundary exactly.
    pub exact: bool,
    /// Half the width of the final bracket (bisection only).
    pub tolerance: Option<Q>,
    /// The regime just below `value` (`None` at the start of the range).
    pub left: Option<String>,
    /// The regime at `value` itself (exact mode only).
    pub at: Option<String>,
    /// The regime just above `value` (`None` at the end of the range).
    pub right: Option<String>,
}

/// A stretch of the range with one regime.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub from: Q,
    /// Upper end.
    pub to: Q,
    /// The regime strictly inside (exact mode) or at the scan points in it (bisection).
    pub regime: String,
}

/// The boundaries of one parameter's range.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// The parameter.
    pub parameter: String,
    /// Start of the range.
    pub start: Q,
    /// End of the range.
    pub stop: Q,
    /// Whether every payoff was affine in the parameter at every scan point.
    pub affine: bool,
    /// True if the boundaries are exact and complete (exact mode, see the module docs).
    pub exact: bool,
    /// The boundaries, in increasing order.
    pub boundaries: Vec<Boundary>,
    /// The regimes between boundaries, in order.
    pub intervals: Vec<Interval>,
    /// How the boundaries were found.
    pub notes: Vec<String>,
}

/// Finds the regime boundaries of parameter `index` over `[start, stop]`, the other parameters at
/// `base`, with `steps` scan points (at least 2).
pub fn thresholds(
    model: &Model,
    base: &[Q],
    index: usize,
    start: &Q,
    stop: &Q,
    steps: usize,
    method: &str,
) -> Result<Thresholds> {
    let name = model
        .parameters
        .get(index)
        .map(|p| p.name.clone())
        .ok_or_else(|| Error::Usage(format!("no parameter number {index}")))?;
    if start >= stop {
        return Err(Error::Usage(format!("--param {name}: the range is empty (START must be less than STOP)")));
    }
    let steps = steps.max(2);
    let classes = ClassCache::new();
    let at = |t: &Q| -> Result<Vec<Q>> {
        let mut v = base.to_vec();
        if let Some(slot) = v.get_mut(index) {
            *slot = t.clone();
        }
        Ok(v)
    };
    let game_at = |t: &Q| model.evaluate(&at(t)?);
    let regime = |t: &Q| -> Result<String> { Ok(solve_game(&game_at(t)?, method, &classes)?.1) };

    let width = stop - start;
    let scan: Vec<Q> =
        (0..steps).map(|k| start + &width * Q::from_integer(k.into()) / Q::from_integer((steps - 1).into())).collect();
    let g0 = game_at(start)?;
    let g1 = game_at(stop)?;
    let (p0, p1) = (g0.flat_payoffs().to_vec(), g1.flat_payoffs().to_vec());
    // u(t) = alpha + beta t through the values at start and stop.
    let beta: Vec<Q> = p0.iter().zip(&p1).map(|(a, b)| (b - a) / &width).collect();
    let alpha: Vec<Q> = p0.iter().zip(&beta).map(|(a, b)| a - b * start).collect();
    let mut affine = true;
    for t in &scan[1..steps - 1] {
        let g = game_at(t)?;
        if g.flat_payoffs().iter().zip(alpha.iter().zip(&beta)).any(|(u, (a, b))| *u != a + b * t) {
            affine = false;
            break;
        }
    }

    let mut notes = Vec::new();
    let n = g0.num_players();
    let candidates: Vec<Q> = if affine {
        // Roots of every difference between two payoffs of the same player.
        let profiles = g0.num_profiles();
        let mut roots = Vec::new();
        for i in 0..n {
            for x in 0..profiles {
                for y in x + 1..profiles {
                    let (kx, ky) = (x * n + i, y * n + i);
                    let db = &beta[kx] - &beta[ky];
                    if !db.is_zero() {
                        let r = -(&alpha[kx] - &alpha[ky]) / db;
                        if &r > start && &r < stop {
                            roots.push(r);
                        }
                    }
                }
            }
        }
        roots.sort();
        roots.dedup();
        roots
    } else {
        notes.push(format!("the payoffs are not affine in {name}: boundaries are bisected"));
        Vec::new()
    };
    let exact_mode = affine && g0.shape() == [2, 2] && matches!(method, "auto" | "enum" | "pure");
    if affine && !exact_mode {
        notes.push(
            "exact boundaries are derived for 2x2 games (methods auto, enum, pure); here they are bisected".into(),
        );
    }

    let half = Q::new(1.into(), 2.into());
    let mut boundaries = Vec::new();
    let mut intervals = Vec::new();
    if exact_mode {
        notes.push(format!(
            "exact: payoffs are affine in {name}; candidates are the roots of differences between a player's payoffs"
        ));
        let mut points = vec![start.clone()];
        points.extend(candidates.iter().cloned());
        points.push(stop.clone());
        let at_points: Vec<String> = points.iter().map(&regime).collect::<Result<_>>()?;
        let mids: Vec<String> = points.windows(2).map(|w| regime(&((&w[0] + &w[1]) * &half))).collect::<Result<_>>()?;
        for (k, t) in points.iter().enumerate() {
            let left = if k > 0 { mids.get(k - 1).cloned() } else { None };
            let right = mids.get(k).cloned();
            let here = &at_points[k];
            let same = left.as_ref().is_none_or(|l| l == here) && right.as_ref().is_none_or(|r| r == here);
            if !same {
                boundaries.push(Boundary {
                    value: t.clone(),
                    exact: true,
                    tolerance: None,
                    left,
                    at: Some(here.clone()),
                    right,
                });
            }
        }
        // Merge neighbouring intervals with the same regime.
        for (k, m) in mids.iter().enumerate() {
            match intervals.last_mut() {
                Some(Interval { to, regime, .. }) if regime == m && !boundaries.iter().any(|b| &b.value == to) => {
                    *to = points[k + 1].clone();
                }
                _ => intervals.push(Interval { from: points[k].clone(), to: points[k + 1].clone(), regime: m.clone() }),
            }
        }
    } else {
        let mut points = scan.clone();
        points.extend(candidates.iter().cloned());
        points.sort();
        points.dedup();
        let regimes: Vec<String> = points.iter().map(&regime).collect::<Result<_>>()?;
        let tol = &width / Q::from_integer(num_bigint::BigInt::one() << BISECTION_BITS);
        for k in 0..points.len() - 1 {
            if regimes[k] != regimes[k + 1] {
                bisect(&regime, (&points[k], &regimes[k]), (&points[k + 1], &regimes[k + 1]), &tol, &mut boundaries)?;
            }
        }
        let mut from = start.clone();
        for b in &boundaries {
            if let Some(l) = &b.left {
                intervals.push(Interval { from: from.clone(), to: b.value.clone(), regime: l.clone() });
            }
            from = b.value.clone();
        }
        if let Some(last) = regimes.last() {
            intervals.push(Interval { from, to: stop.clone(), regime: last.clone() });
        }
        notes.push(format!("bisected to within (stop - start) / 2^{BISECTION_BITS}"));
    }
    Ok(Thresholds {
        parameter: name,
        start: start.clone(),
        stop: stop.clone(),
        affine,
        exact: exact_mode,
        boundaries,
        intervals,
        notes,
    })
}

/// Bisects between `lo` and `hi` (different regimes) down to `tol`; a third regime found in the
/// middle splits the search in two.
fn bisect(
    regime: &dyn Fn(&Q) -> Result<String>,
    lo: (&Q, &String),
    hi: (&Q, &String),
    tol: &Q,
    out: &mut Vec<Boundary>,
) -> Result<()> {
    let (mut a, ra) = (lo.0.clone(), lo.1.clone());
    let (mut b, rb) = (hi.0.clone(), hi.1.clone());
    let two = Q::from_integer(2.into());
    while &b - &a > *tol {
        let m = (&a + &b) / &two;
        let rm = regime(&m)?;
        if rm == ra {
            a = m;
        } else if rm == rb {
            b = m;
        } else {
            bisect(regime, (&a, &ra), (&m, &rm), tol, out)?;
            return bisect(regime, (&m, &rm), (&b, &rb), tol, out);
        }
    }
    out.push(Boundary {
        value: (&a + &b) / &two,
        exact: false,
        tolerance: Some((&b - &a) / &two),
        left: Some(ra),
        at: None,
        right: Some(rb),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::q;

    fn model() -> Model {
        Model::parse("standoff.toml", include_str!("../../models/standoff.toml")).unwrap()
    }

    fn values(t: &Thresholds) -> Vec<Q> {
        t.boundaries.iter().map(|b| b.value.clone()).collect()
    }

    #[test]
    fn us_sucker_boundaries_by_hand() {
        // US payoffs: deal 3, sucker t, win 5, standoff 0. Hold dominates for the US when t < 0
        // (against Hold: Concede t < Hold 0), the US ranking changes at t = 3 and t = 5.
        let m = model();
        let i = m.parameter_index("us_sucker").unwrap();
        let t = thresholds(&m, &m.default_values(), i, &q(-10), &q(10), 11, "auto").unwrap();
        assert!(t.exact && t.affine);
        assert_eq!(values(&t), vec![q(0), q(3), q(5)]);
        let b0 = &t.boundaries[0];
        assert!(b0.left.as_deref().unwrap().starts_with("Hold/Concede ["), "{b0:?}");
        assert!(b0.at.as_deref().unwrap().contains("{continuum}"), "{b0:?}");
        assert_eq!(b0.right.as_deref(), Some("Concede/Hold; Hold/Concede; mixed(Concede+Hold/Concede+Hold) [Chicken]"));
        // At 3 and 5 only the class changes: the equilibria stay those of chicken.
        for b in &t.boundaries[1..] {
            let eqs = |s: &Option<String>| s.as_deref().unwrap().split(" [").next().unwrap().to_string();
            assert_eq!(eqs(&b.left), eqs(&b.right));
        }
        assert_eq!(t.intervals.len(), 4);
    }

    #[test]
    fn dprk_standoff_boundaries_by_hand() {
        // DPRK payoffs: deal 2, win 4, sucker 1, standoff t. For t > 1 Hold dominates for the DPRK
        // (4 > 2 and t > 1): only (Concede, Hold) is left. Its ranking changes at 2 and 4.
        let m = model();
        let i = m.parameter_index("dprk_standoff").unwrap();
        let t = thresholds(&m, &m.default_values(), i, &q(-10), &q(10), 5, "auto").unwrap();
        assert_eq!(values(&t), vec![q(1), q(2), q(4)]);
        assert!(t.boundaries[0].right.as_deref().unwrap().starts_with("Concede/Hold ["));
        assert!(t.boundaries[0].left.as_deref().unwrap().contains("mixed"));
    }

    #[test]
    fn bisection_when_not_exact_mode() {
        // The pure method on a 2x2 game is exact mode too; lemke is not: it bisects.
        let m = model();
        let i = m.parameter_index("us_sucker").unwrap();
        let t = thresholds(&m, &m.default_values(), i, &q(-1), &q(2), 7, "lemke").unwrap();
        assert!(!t.exact);
        assert!(t.boundaries.iter().all(|b| !b.exact && b.tolerance.is_some()));
        // The change of equilibria at 0 is found within the tolerance.
        let near_zero = t.boundaries.iter().any(|b| {
            let tol = b.tolerance.clone().unwrap();
            b.value.clone() - tol.clone() <= q(0) && q(0) <= b.value.clone() + tol
        });
        assert!(near_zero, "{:?}", t.boundaries);
    }

    #[test]
    fn empty_range_is_refused() {
        let m = model();
        assert!(thresholds(&m, &m.default_values(), 0, &q(1), &q(1), 5, "auto").is_err());
    }
}
