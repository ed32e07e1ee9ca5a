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
//! The same argument makes boundaries exact for **pure equilibria** of any game (method `pure`: a
//! profile is an equilibrium iff no unilateral deviation gains, a sign condition; also method
//! `auto` on three or more players when, between every two candidates, it picks `pure` and finds
//! pure equilibria, or the game is dominance solvable — both decided by signs) and for
//! **subgame-perfect equilibria of trees** (method `spe`, the default for trees) when, inside each
//! subgame with its proper subgames solved, only one player moves: every choice backward
//! induction makes then compares two of that player's expected payoffs at pure profiles of the
//! reduced strategic form that differ in its own strategy. For trees the candidates are the roots
//! of those differences (payoffs affine in the parameter, chance probabilities included).
//!
//! **Bisection** (otherwise): the regimes at the scan points (plus the affine candidates, when
//! there are any) are compared; between two neighbours with different regimes the boundary is
//! bisected with exact midpoints until the bracket is narrower than `(stop - start) / 2^30`, and
//! reported with `exact: false` and that tolerance. When the payoffs are affine and exactly one
//! root of a payoff difference lies in the final bracket it is reported as the boundary's
//! `candidate` (likely exact, not proved). A bracket that closes in on an end of the range is a
//! boundary at that end point (its regime `at` it, one side). Changes that come and go between two
//! scan points are missed in this mode; use more steps.

use super::dominance::iterated_elimination;
use super::regime::tree_regime_label;
use super::regime::ClassCache;
use super::sweep::{solve_game, solve_tree_point};
use crate::error::{Error, Result};
use crate::game::budget::{check_work, EXACT_OP_COST};
use crate::game::reduce::reduce;
use crate::game::tree::{NodeKind, Tree};
use crate::game::NormalForm;
use crate::model::Model;
use crate::num::{fmt_q, to_f64, Q};
use crate::solve::tree::subgame::Subgames;
use crate::solve::tree::{default_method, solve_tree_unverified};
use crate::solve::SolveOptions;
use crate::solve::{auto_method, Method};
use crate::solve::{Progress, ProgressEvent};
use num_traits::{One, Signed, Zero};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

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
    /// Bisection only: the one root of a difference between a player's payoffs (affine payoffs)
    /// inside the final bracket, if there is exactly one — the boundary is probably exactly
    /// there, but that is not proved (the equilibria may change where no payoff difference
    /// vanishes).
    pub candidate: Option<Q>,
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
    method: Method,
) -> Result<Thresholds> {
    thresholds_observed(model, base, index, start, stop, steps, method, None)
}

/// Operations one exact solve at one parameter value is estimated to take, for the `--max-work`
/// budget of [`thresholds`]: `equilibria × profiles × players × nodes ×` [`EXACT_OP_COST`], where
/// `equilibria` is the larger count at the two ends of the range, `profiles` those of the
/// (reduced) strategic form and `nodes` the tree's (1 for a strategic-form model). Every
/// equilibrium is verified on the reduced strategic form and through the tree, which dominates.
///
/// Calibration (release build, CPU time of one solve, shared machine): `models/attrition.toml`
/// (84 nodes, 36 reduced profiles) at `deal_value=50`, 81 equilibria: estimate 4.9e7, measured
/// 0.02–0.03 s; at `deal_value=-50`, 11 equilibria: 6.7e6, under 0.01 s. So one operation is
/// about half a nanosecond to a nanosecond, as `--max-work`'s default (1e10, "tens of seconds at
/// most") assumes.
pub fn solve_cost(equilibria: usize, profiles: usize, players: usize, nodes: usize) -> u128 {
    [equilibria.max(1), profiles.max(1), players.max(1), nodes.max(1)]
        .iter()
        .fold(u128::from(EXACT_OP_COST), |acc, &x| acc.saturating_mul(x as u128))
}

/// How many times a solve at a bisection point is taken to cost more than one at a scan point.
/// Bisection midpoints are rationals of 30-odd more bits, which makes exact arithmetic slower
/// (0.03 s at `deal_value=12`, 0.10 s at `deal_value=12345678901/1000000000` for a verified solve
/// of the expanded attrition tree), but bisection compares unverified signatures, which skip the
/// verification that dominates a verified solve; so one. Calibration (release build, CPU time):
/// `thresholds models/attrition.toml --param deal_value=-50:50` makes 106 scan and 141 bisection
/// solves in 2.4 s; `--param dprk_deadline=0:1` 0.13 s (see [`TREE_SIGNATURE_DIVISOR`]).
pub const BISECTION_COST_FACTOR: u128 = 1;

/// How much cheaper a tree's unverified signature is taken to be than the verified solve
/// [`solve_cost`] describes. Calibration (release build, CPU time, after the merge of the
/// signature bisection): `thresholds models/attrition.toml --param deal_value=-50:50` is estimated
/// at 1.1e9 operations and takes 2.3 s; `--param discount=1/100:1` at 2.7e9 and takes 0.76 s; so
/// about half a nanosecond per operation or less, as `--max-work`'s default assumes.
pub const TREE_SIGNATURE_DIVISOR: u128 = 4;

/// [`thresholds`], telling `progress` (if any) after every solve how many were made and how
/// many are planned.
#[allow(clippy::too_many_arguments)]
pub fn thresholds_observed(
    model: &Model,
    base: &[Q],
    index: usize,
    start: &Q,
    stop: &Q,
    steps: usize,
    method: Method,
    progress: Option<Progress>,
) -> Result<Thresholds> {
    let name = model
        .parameters
        .get(index)
        .map(|p| p.name.clone())
        .ok_or_else(|| Error::InvalidOption(format!("no parameter number {index}")))?;
    if start >= stop {
        return Err(Error::InvalidOption(format!("--param {name}: the range is empty (START must be less than STOP)")));
    }
    let steps = steps.max(2);
    let classes = ClassCache::new();
    let values_at = |t: &Q| -> Vec<Q> {
        let mut v = base.to_vec();
        if let Some(slot) = v.get_mut(index) {
            *slot = t.clone();
        }
        v
    };
    let tree = model.is_tree();
    // The payoffs whose comparisons decide the regime: the normal form's, or the reduced
    // strategic form's of a tree (expected payoffs of pure strategy profiles).
    let game_at = |t: &Q| -> Result<NormalForm> {
        if tree {
            Ok(reduce(&model.evaluate_tree(&values_at(t))?)?.game)
        } else {
            model.evaluate(&values_at(t))
        }
    };
    // Regimes by parameter value: `verified` ones (every equilibrium checked exactly, as
    // `solve` does) and cheap signatures for bisection, which for trees skip that check (it
    // dominates the time of a multistage tree). A signature is the same label computed by the same
    // solver, so the boundaries found with it are those of the verified labels; every regime
    // reported (both sides of each boundary, each interval) is then recomputed verified.
    let verified: RefCell<HashMap<Q, String>> = RefCell::new(HashMap::new());
    let signatures: RefCell<HashMap<Q, String>> = RefCell::new(HashMap::new());
    let solves = Cell::new(0u64);
    let planned: Cell<Option<u64>> = Cell::new(None);
    let count_solve = || {
        solves.set(solves.get() + 1);
        if let Some(p) = &progress {
            p(&ProgressEvent {
                stage: format!("thresholds along {name}: solves"),
                done: solves.get(),
                bound: planned.get(),
            });
        }
    };
    let regime = |t: &Q| -> Result<String> {
        if let Some(r) = verified.borrow().get(t) {
            return Ok(r.clone());
        }
        count_solve();
        let r = if tree {
            solve_tree_point(&model.evaluate_tree(&values_at(t))?, method)?.1
        } else {
            solve_game(&model.evaluate(&values_at(t))?, method, &classes)?.1
        };
        if let Some(s) = signatures.borrow().get(t) {
            if *s != r {
                return Err(Error::Internal(format!(
                    "thresholds: at {name} = {} the regime signature `{s}` differs from the verified regime `{r}`",
                    fmt_q(t)
                )));
            }
        }
        verified.borrow_mut().insert(t.clone(), r.clone());
        Ok(r)
    };
    let signature = |t: &Q| -> Result<String> {
        if let Some(r) = verified.borrow().get(t).or(signatures.borrow().get(t)) {
            return Ok(r.clone());
        }
        let r = if tree {
            count_solve();
            let tr = model.evaluate_tree(&values_at(t))?;
            let sol = solve_tree_unverified(&tr, method, &SolveOptions::default())?;
            tree_regime_label(&tr, &sol)
        } else {
            return regime(t);
        };
        signatures.borrow_mut().insert(t.clone(), r.clone());
        Ok(r)
    };

    let width = stop - start;
    let scan: Vec<Q> =
        (0..steps).map(|k| start + &width * Q::from_integer(k.into()) / Q::from_integer((steps - 1).into())).collect();
    let mut notes = Vec::new();
    // The strategic form may be too large to build for a big tree: then there are no candidates.
    let ends = game_at(start).and_then(|g0| Ok((g0, game_at(stop)?)));
    let (g0, g1) = match ends {
        Ok(pair) => (Some(pair.0), Some(pair.1)),
        Err(e) if tree => {
            notes.push(format!("no exact candidates: the strategic form could not be built ({e})"));
            (None, None)
        }
        Err(e) => return Err(e),
    };
    // The cost of one solve, from the equilibria at both ends (decided before the scan).
    let unit = {
        let (eqs, nodes, players) = if tree {
            let (t0, t1) = (model.evaluate_tree(&values_at(start))?, model.evaluate_tree(&values_at(stop))?);
            let eqs = solve_tree_point(&t0, method)?.0.len().max(solve_tree_point(&t1, method)?.0.len());
            (eqs, t0.num_nodes(), t0.num_players())
        } else {
            let (h0, h1) = (model.evaluate(&values_at(start))?, model.evaluate(&values_at(stop))?);
            let eqs = solve_game(&h0, method, &classes)?.0.len().max(solve_game(&h1, method, &classes)?.0.len());
            (eqs, 1, h0.num_players())
        };
        let profiles = g0.as_ref().map_or(1, NormalForm::num_profiles);
        let cost = solve_cost(eqs, profiles, players, nodes);
        // Trees scan and bisect on unverified signatures; only the reported regimes are verified.
        if tree {
            (cost / TREE_SIGNATURE_DIVISOR).max(1)
        } else {
            cost
        }
    };
    let what = |count: u128, stage: &str| {
        format!("thresholds along {name} ({count} solves {stage}, about {:.1e} operations each)", unit as f64)
    };
    // The scan: the affine check and one solve per scan point.
    check_work(unit.saturating_mul(2 * steps as u128), &what(2 * steps as u128, "to scan"))?;
    let mut affine = g0.is_some();
    let (mut alpha, mut beta) = (Vec::new(), Vec::new());
    if let (Some(g0), Some(g1)) = (&g0, &g1) {
        let (p0, p1) = (g0.flat_payoffs(), g1.flat_payoffs());
        // u(t) = alpha + beta t through the values at start and stop.
        beta = p0.iter().zip(p1).map(|(a, b)| (b - a) / &width).collect();
        alpha = p0.iter().zip(&beta).map(|(a, b)| a - b * start).collect();
        for t in &scan[1..steps - 1] {
            let g = game_at(t)?;
            if g.flat_payoffs().iter().zip(alpha.iter().zip(&beta)).any(|(u, (a, b))| *u != a + b * t) {
                affine = false;
                break;
            }
        }
    }

    let candidates: Vec<Q> = match &g0 {
        Some(g0) if affine => {
            // Every pair of a player's payoffs for a two-player game (the 2x2 class ranks all
            // four outcomes); for three or more players only unilateral deviations matter (no
            // class; pure equilibria and dominance compare a player's own strategies).
            let all_pairs = !tree && g0.num_players() == 2;
            let roots = candidate_roots(g0, &alpha, &beta, start, stop, all_pairs);
            if roots.len() > MAX_CANDIDATES {
                notes.push(format!("{} candidate values is too many to check one by one: bisecting", roots.len()));
                affine = false;
                Vec::new()
            } else {
                roots
            }
        }
        Some(_) => {
            notes.push(format!("the payoffs are not affine in {name}: boundaries are bisected"));
            Vec::new()
        }
        None => Vec::new(),
    };
    // `auto` on a game of three or more players picks `pure` unless the game, with its strictly
    // dominated strategies removed, is small enough for `enumpoly` (and runs `simpdiv` when there
    // is no pure equilibrium). Both choices are decided by signs of differences between a
    // player's own payoffs, constant between two consecutive candidates; so when auto lists the
    // pure equilibria (and finds some) at the midpoint of every such interval, its regime there is
    // a set of pure equilibria and the boundaries are exact as for `pure`. Where auto picks
    // `enumpoly` instead, the interval still qualifies when iterated elimination of strategies
    // strictly dominated by pure ones (again a matter of signs) leaves one profile: then that
    // pure profile is the only equilibrium all along the interval.
    let auto_pure = match &g0 {
        Some(g) if affine && !tree && method == Method::Auto && g.num_players() >= 3 => {
            let mut pts = vec![start.clone()];
            pts.extend(candidates.iter().cloned());
            pts.push(stop.clone());
            let mids: Vec<Q> = pts.windows(2).map(|w| (&w[0] + &w[1]) / Q::from_integer(2.into())).collect();
            let count = mids.len() as u128;
            check_work(unit.saturating_mul(count), &what(count, "to check that auto finds pure equilibria"))?;
            let mut all = true;
            for m in &mids {
                let g = game_at(m)?;
                let pure_here = if auto_method(&g) == Method::Pure {
                    !solve_game(&g, Method::Pure, &classes)?.0.is_empty()
                } else {
                    iterated_elimination(&g, false).remaining.iter().all(|r| r.len() == 1)
                };
                if !pure_here {
                    all = false;
                    break;
                }
            }
            if !all {
                notes.push(format!(
                    "auto does not list pure equilibria everywhere along {name} (it uses enumpoly on a game that is \
                     not dominance solvable, or simpdiv where no pure equilibrium exists, and mixed equilibria can \
                     change anywhere): boundaries are bisected"
                ));
            }
            all
        }
        _ => false,
    };
    let exact_mode = affine
        && match &g0 {
            Some(g) if !tree => {
                method == Method::Pure
                    || auto_pure
                    || (g.shape() == [2, 2] && matches!(method, Method::Auto | Method::Enum))
            }
            Some(_) => {
                let t0 = model.evaluate_tree(&values_at(start))?;
                ordinal_tree_method(&t0, method)
            }
            None => false,
        };
    if affine && !exact_mode {
        notes.push(
            "exact boundaries are derived for 2x2 games (methods auto, enum, pure), for pure equilibria of any game \
             (method pure, or auto where it lists pure equilibria), and for subgame-perfect equilibria of trees \
             where each subgame's moves are by one player; here they are bisected"
                .into(),
        );
    }

    let scan_solves = if exact_mode { 2 * candidates.len() + 3 } else { steps + candidates.len() } as u128;
    check_work(unit.saturating_mul(scan_solves), &what(scan_solves, "at the scan points and candidates"))?;
    planned.set(u64::try_from(scan_solves).ok());
    let bisection_budget = |changes: usize, bits: u128| -> Result<()> {
        planned.set(u64::try_from(scan_solves + bits).ok());
        let each = unit.saturating_mul(BISECTION_COST_FACTOR);
        check_work(
            unit.saturating_mul(scan_solves).saturating_add(each.saturating_mul(bits)),
            &format!(
                "thresholds along {name} ({scan_solves} solves to scan, about {:.1e} operations each, then {bits} \
                 to bisect {changes} change(s) of regime, about {:.1e} each)",
                unit as f64, each as f64
            ),
        )
    };
    let (boundaries, intervals) = if exact_mode {
        notes.push(format!(
            "exact: payoffs are affine in {name}; candidates are the roots of differences between a player's payoffs{}",
            if tree { " in the reduced strategic form" } else { "" }
        ));
        if auto_pure {
            notes.push(
                "between every two candidates auto lists the pure equilibria (all of them, and there are some), or \
                 the game is dominance solvable (strict dominance by pure strategies) with one pure equilibrium"
                    .into(),
            );
        }
        exact_boundaries(&regime, start, stop, &candidates)?
    } else {
        notes.push(format!("bisected to within (stop - start) / 2^{BISECTION_BITS}"));
        bisected_boundaries(&regime, &signature, start, stop, &scan, &candidates, &bisection_budget)?
    };
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

/// The regime at a parameter value.
type RegimeAt<'a> = dyn Fn(&Q) -> Result<String> + 'a;

/// Exact mode: the regime can change only at `candidates`; each candidate where the regime at
/// the point differs from the regime on either side is a boundary.
fn exact_boundaries(
    regime: &RegimeAt<'_>,
    start: &Q,
    stop: &Q,
    candidates: &[Q],
) -> Result<(Vec<Boundary>, Vec<Interval>)> {
    let half = Q::new(1.into(), 2.into());
    let mut boundaries = Vec::new();
    let mut intervals = Vec::new();
    let mut points = vec![start.clone()];
    points.extend(candidates.iter().cloned());
    points.push(stop.clone());
    let at_points: Vec<String> = points.iter().map(regime).collect::<Result<_>>()?;
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
                candidate: None,
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
    Ok((boundaries, intervals))
}

/// Bisection mode: scan the grid (and the candidates), bisect every change of regime, and name
/// the one candidate inside a boundary's bracket as its likely exact value.
///
/// The scan and the bisection compare `signature`s (see [`thresholds`]); the regimes on both sides
/// of every boundary found, and at the last scan point, are then computed by `regime` (verified).
fn bisected_boundaries(
    regime: &RegimeAt<'_>,
    signature: &RegimeAt<'_>,
    start: &Q,
    stop: &Q,
    scan: &[Q],
    candidates: &[Q],
    budget: &dyn Fn(usize, u128) -> Result<()>,
) -> Result<(Vec<Boundary>, Vec<Interval>)> {
    let mut boundaries = Vec::new();
    let mut intervals = Vec::new();
    let mut points = scan.to_vec();
    points.extend(candidates.iter().cloned());
    points.sort();
    points.dedup();
    let mut regimes: Vec<String> = points.iter().map(signature).collect::<Result<_>>()?;
    let tol = (stop - start) / Q::from_integer(num_bigint::BigInt::one() << BISECTION_BITS);
    // Decided before bisecting: each change needs about log2(gap / tol) solves.
    let changes: Vec<usize> = (0..points.len() - 1).filter(|&k| regimes[k] != regimes[k + 1]).collect();
    let bits: u128 = changes
        .iter()
        .map(|&k| {
            let ratio = to_f64(&((&points[k + 1] - &points[k]) / &tol));
            if ratio > 1.0 {
                ratio.log2().ceil() as u128
            } else {
                0
            }
        })
        .sum();
    budget(changes.len(), bits)?;
    for k in 0..points.len() - 1 {
        if regimes[k] != regimes[k + 1] {
            bisect(signature, (&points[k], &regimes[k]), (&points[k + 1], &regimes[k + 1]), &tol, &mut boundaries)?;
        }
    }
    // Verify what is reported: both ends of every final bracket and the last scan point (the
    // regime of the last interval). `regime` fails if a verified label differs from its signature.
    for b in &boundaries {
        if let Some(tol) = &b.tolerance {
            regime(&(&b.value - tol))?;
            regime(&(&b.value + tol))?;
        }
    }
    if let (Some(last), Some(p)) = (regimes.last_mut(), points.last()) {
        *last = regime(p)?;
    }
    // Scan points that are merged into a point regime below are reported `at` a boundary.
    for c in candidates {
        if let Ok(k) = points.binary_search(c) {
            regimes[k] = regime(c)?;
        }
    }
    // A change at an end of the range (the end point is itself a boundary, e.g. a tie at 0):
    // bisection closes in on the end point itself, leaving a bracket that starts (or ends) there
    // and a sliver of an "interval" as wide as the tolerance with the end point's regime. It is
    // reported as what it is, a boundary at the end point with its regime `at` it and one side;
    // that no other change lies within the bracket is not proved (`exact` stays false).
    for b in &mut boundaries {
        let Some(tol) = b.tolerance.clone() else { continue };
        let (lo, hi) = (&b.value - &tol, &b.value + &tol);
        if &lo == start {
            b.at = b.left.take();
            b.value = start.clone();
            b.tolerance = Some(hi - start);
            b.candidate = Some(start.clone());
        } else if &hi == stop {
            b.at = b.right.take();
            b.value = stop.clone();
            b.tolerance = Some(stop - lo);
            b.candidate = Some(stop.clone());
        }
    }
    for b in &mut boundaries {
        if let Some(tol) = &b.tolerance {
            let near: Vec<&Q> = candidates.iter().filter(|c| (*c - &b.value).abs() <= *tol).collect();
            if let [c] = near[..] {
                b.candidate = Some(c.clone());
            }
        }
    }
    // No payoff-difference root in a bracket (payoffs not affine, or the change is not at one):
    // the simplest fraction inside it is the likely boundary when the regime *at* it differs from
    // both sides (a tie, as at a root). It is reported as the value, with the bracket kept as the
    // tolerance; that no other change lies that close is not proved (`exact` stays false).
    for b in &mut boundaries {
        let Some(tol) = b.tolerance.clone() else { continue };
        if b.candidate.is_some() || b.at.is_some() {
            continue;
        }
        let (lo, hi) = (&b.value - &tol, &b.value + &tol);
        let c = simplest_between(&lo, &hi);
        if c == lo || c == hi {
            continue;
        }
        let at = regime(&c)?;
        if Some(&at) != b.left.as_ref() && Some(&at) != b.right.as_ref() {
            b.tolerance = Some((&c - &lo).max(&hi - &c));
            b.value = c.clone();
            b.candidate = Some(c);
            b.at = Some(at);
        }
    }
    let boundaries = merge_point_regimes(boundaries, &points, &regimes);
    let mut from = start.clone();
    for b in &boundaries {
        if let Some(l) = &b.left {
            intervals.push(Interval { from: from.clone(), to: b.value.clone(), regime: l.clone() });
        }
        from = b.value.clone();
    }
    // (After a boundary at the end of the range, the last interval has been pushed.)
    if let (Some(last), true) = (regimes.last(), &from < stop) {
        intervals.push(Interval { from, to: stop.clone(), regime: last.clone() });
    }
    Ok((boundaries, intervals))
}

/// Merges two neighbouring bisected boundaries that close in on the same candidate `c` from
/// both sides, when the regime at `c` itself is the one between them: that regime holds at the
/// candidate (a root of a payoff difference, often a tie with a continuum of equilibria), not on a
/// sliver of the range, so the pair is one boundary at `c` with that regime `at` it. The value is
/// `c` exactly; that nothing else changes within the tolerance is not proved (`exact` stays false,
/// `candidate` is `c`).
fn merge_point_regimes(boundaries: Vec<Boundary>, points: &[Q], regimes: &[String]) -> Vec<Boundary> {
    let mut out: Vec<Boundary> = Vec::with_capacity(boundaries.len());
    for b in boundaries {
        if let Some(prev) = out.last_mut() {
            let shared = prev.candidate.is_some() && prev.candidate == b.candidate;
            let at_point =
                prev.candidate.as_ref().and_then(|c| points.iter().position(|p| p == c)).map(|k| &regimes[k]);
            if shared
                && prev.at.is_none()
                && at_point.is_some()
                && prev.right.as_ref() == at_point
                && b.left.as_ref() == at_point
            {
                let c = prev.candidate.clone().unwrap_or_else(|| b.value.clone());
                let lo = prev.value.clone() - prev.tolerance.clone().unwrap_or_default();
                let hi = b.value.clone() + b.tolerance.clone().unwrap_or_default();
                let reach = (&c - &lo).max(&hi - &c);
                *prev = Boundary {
                    value: c,
                    exact: false,
                    tolerance: Some(reach),
                    left: prev.left.take(),
                    at: prev.right.take(),
                    right: b.right,
                    candidate: prev.candidate.take(),
                };
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// The simplest fraction (smallest denominator, then smallest magnitude) in `[lo, hi]`, `lo < hi`,
/// by continued fractions.
fn simplest_between(lo: &Q, hi: &Q) -> Q {
    if lo <= &Q::zero() && &Q::zero() <= hi {
        return Q::zero();
    }
    if hi < &Q::zero() {
        return -simplest_between(&-hi, &-lo);
    }
    let fl = lo.floor();
    if &fl == lo {
        return fl;
    }
    let next = &fl + Q::one();
    if &next <= hi {
        return next;
    }
    // Same integer part: lo - fl and hi - fl lie in (0, 1); recurse on their reciprocals.
    let inner = simplest_between(&(Q::one() / (hi - &fl)), &(Q::one() / (lo - &fl)));
    fl + Q::one() / inner
}

/// The most candidate values checked one by one in exact mode.
pub const MAX_CANDIDATES: usize = 5_000;

/// The roots inside `(start, stop)` of the differences between one player's payoffs at two
/// profiles, payoffs being `alpha + beta t` (flat, Gambit order). With `all_pairs` false only
/// profiles that differ in that player's own strategy are compared (enough for best responses).
fn candidate_roots(game: &NormalForm, alpha: &[Q], beta: &[Q], start: &Q, stop: &Q, all_pairs: bool) -> Vec<Q> {
    let n = game.num_players();
    let profiles = game.num_profiles();
    let mut roots = Vec::new();
    let push = |roots: &mut Vec<Q>, kx: usize, ky: usize| {
        let db = &beta[kx] - &beta[ky];
        if !db.is_zero() {
            let r = -(&alpha[kx] - &alpha[ky]) / db;
            if &r > start && &r < stop {
                roots.push(r);
            }
        }
    };
    for i in 0..n {
        if all_pairs {
            for x in 0..profiles {
                for y in x + 1..profiles {
                    push(&mut roots, x * n + i, y * n + i);
                }
            }
        } else {
            // Profiles differing in player i's strategy only: same index up to i's digit.
            let (stride, m) = (game.stride(i), game.num_strategies(i));
            for x in 0..profiles {
                let own = (x / stride) % m;
                if own != 0 {
                    continue;
                }
                for a in 0..m {
                    for b in a + 1..m {
                        push(&mut roots, (x + a * stride) * n + i, (x + b * stride) * n + i);
                    }
                }
            }
        }
        if roots.len() > 4 * MAX_CANDIDATES {
            break;
        }
    }
    roots.sort();
    roots.dedup();
    roots
}

/// Whether the regime `method` finds on `tree` is decided by each player's ordinal comparisons of
/// pure-profile payoffs: pure equilibria (`pure`), or subgame-perfect ones (`spe`, the default)
/// when within every subgame, once its proper subgames are solved, only one player moves. Then
/// no regime changes between two consecutive candidate values.
fn ordinal_tree_method(tree: &Tree, method: Method) -> bool {
    let method = if method == Method::Auto { default_method(tree) } else { method };
    match method {
        Method::Pure => true,
        Method::Spe => {
            let subgames = Subgames::new(tree);
            // The player moving in each subgame's top part (None: nobody yet).
            let mut mover: Vec<Option<usize>> = vec![None; tree.num_nodes()];
            let mut level = vec![0usize; tree.num_nodes()];
            for n in tree.preorder() {
                level[n] = match tree.parent(n) {
                    Some(p) if !subgames.is_root(n) => level[p],
                    _ => n,
                };
                if let NodeKind::Decision { infoset } = tree.kind(n) {
                    let player = tree.infosets()[infoset].player;
                    match mover[level[n]] {
                        None => mover[level[n]] = Some(player),
                        Some(other) if other != player => return false,
                        _ => {}
                    }
                }
            }
            true
        }
        _ => false,
    }
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
        candidate: None,
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
        let t = thresholds(&m, &m.default_values(), i, &q(-10), &q(10), 11, crate::solve::Method::Auto).unwrap();
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
        let t = thresholds(&m, &m.default_values(), i, &q(-10), &q(10), 5, crate::solve::Method::Auto).unwrap();
        assert_eq!(values(&t), vec![q(1), q(2), q(4)]);
        assert!(t.boundaries[0].right.as_deref().unwrap().starts_with("Concede/Hold ["));
        assert!(t.boundaries[0].left.as_deref().unwrap().contains("mixed"));
    }

    #[test]
    fn bisection_when_not_exact_mode() {
        // The pure method on a 2x2 game is exact mode too; lemke is not: it bisects.
        let m = model();
        let i = m.parameter_index("us_sucker").unwrap();
        let t = thresholds(&m, &m.default_values(), i, &q(-1), &q(2), 7, crate::solve::Method::Lemke).unwrap();
        assert!(!t.exact);
        assert!(t.boundaries.iter().all(|b| !b.exact && b.tolerance.is_some()));
        // The change of equilibria at 0 is found within the tolerance.
        let near_zero = t.boundaries.iter().any(|b| {
            let tol = b.tolerance.clone().unwrap();
            b.value.clone() - tol.clone() <= q(0) && q(0) <= b.value.clone() + tol
        });
        assert!(near_zero, "{:?}", t.boundaries);
        // The payoffs are affine, so the one payoff-difference root in that bracket, 0, is named.
        assert!(t.boundaries.iter().any(|b| b.candidate == Some(q(0))), "{:?}", t.boundaries);
    }

    #[test]
    fn ordinal_trees() {
        // Perfect information: every decision node starts a subgame with one mover.
        let t = crate::game::tree::tests::sequential_chicken();
        assert!([Method::Spe, Method::Auto, Method::Pure].into_iter().all(|m| ordinal_tree_method(&t, m)));
        assert!(!ordinal_tree_method(&t, Method::Enum));
        // Simultaneous moves: A and B move in the same subgame, so mixed equilibria can appear
        // between candidates.
        let t = crate::game::tree::tests::simultaneous_moves();
        assert!(!ordinal_tree_method(&t, Method::Spe));
        assert!(ordinal_tree_method(&t, Method::Pure));
    }

    #[test]
    fn simplest_fraction_in_a_bracket() {
        let f = crate::num::frac;
        assert_eq!(simplest_between(&f(2221, 10000), &f(2223, 10000)), f(2, 9));
        assert_eq!(simplest_between(&f(-3, 2), &f(7, 3)), q(0));
        assert_eq!(simplest_between(&f(-2223, 10000), &f(-2221, 10000)), f(-2, 9));
        assert_eq!(simplest_between(&f(5, 2), &f(7, 2)), q(3));
        assert_eq!(simplest_between(&f(1999999, 10000000), &f(2000001, 10000000)), f(1, 5));
        assert_eq!(simplest_between(&q(4), &f(9, 2)), q(4));
    }

    #[test]
    fn auto_pure_regimes_of_six_players_are_exact() {
        // Auto picks pure (or enumpoly where the game is dominance solvable) all along pressure,
        // so the boundaries are the candidates 1 and 10/9 exactly; it used to bisect.
        let m = Model::parse("six_party.toml", include_str!("../../models/six_party.toml")).unwrap();
        let i = m.parameter_index("pressure").unwrap();
        let t = thresholds(&m, &m.default_values(), i, &q(0), &q(10), 11, Method::Auto).unwrap();
        assert!(t.exact, "{:?}", t.notes);
        assert_eq!(values(&t), vec![q(1), crate::num::frac(10, 9)]);
        assert!(t.boundaries.iter().all(|b| b.exact && b.tolerance.is_none()));
    }

    #[test]
    fn a_change_at_the_start_of_the_range_is_a_boundary_there() {
        // Attrition with no US cost of waiting: the US is indifferent about holding, more SPEs.
        // Bisection closed in on 0 and reported a sliver [0, 1/67108864] with the regime at 0.
        let m = Model::parse("attrition.toml", include_str!("../../models/attrition.toml")).unwrap();
        let i = m.parameter_index("us_cost").unwrap();
        let t = thresholds(&m, &m.default_values(), i, &q(0), &q(20), 5, Method::Auto).unwrap();
        let b = &t.boundaries[0];
        assert_eq!((&b.value, &b.candidate, &b.left), (&q(0), &Some(q(0)), &None), "{b:#?}");
        assert!(b.at.is_some() && b.right.is_some() && b.at != b.right && !b.exact, "{b:#?}");
        // No interval narrower than a bisection bracket; the first one starts at 0.
        let tol = b.tolerance.clone().unwrap();
        assert!(t.intervals.iter().all(|iv| &iv.to - &iv.from > tol), "{:#?}", t.intervals);
        assert_eq!(t.intervals[0].from, q(0));
        assert_eq!(t.intervals.last().unwrap().to, q(20));
    }

    #[test]
    fn empty_range_is_refused() {
        let m = model();
        assert!(thresholds(&m, &m.default_values(), 0, &q(1), &q(1), 5, crate::solve::Method::Auto).is_err());
    }
}
