//! Iterated elimination of strictly dominated strategies (by pure and by mixed strategies).
//!
//! Each step scans the players in index order. For a player with at least two remaining
//! strategies it looks, lowest strategy index first, for a strategy strictly dominated by
//! another remaining pure strategy (lowest dominator index first) against every remaining
//! profile of the opponents. With `mixed`, if no pure domination is found for that player, each
//! remaining strategy (lowest index first) is tested against mixtures of the player's other
//! remaining strategies by an exact linear program. The first dominated strategy found is removed
//! and the scan restarts; the process ends when a full scan removes nothing. (The surviving set
//! does not depend on the order: strict dominance is order-independent.)
//!
//! # The mixed-dominance LP
//! Strategy `s` is strictly dominated by a mixture `σ` of the other remaining strategies `K` iff
//! `ε* = max_σ min_t Σ_k σ_k (u(k,t) − u(s,t)) > 0`, `t` ranging over the opponents' remaining
//! profiles. This is the value of a matrix game between `σ` and a distribution `τ` over `t`, so
//! we solve the smaller dual program (one row per strategy in `K` instead of one per opponent
//! profile): `min z  s.t.  Σ_t τ_t (u(k,t) − u(s,t)) <= z  for all k ∈ K,  Σ τ = 1,  τ >= 0`.
//! Its shadow prices give `σ` exactly; the certificate `Σ_k σ_k u(k,t) > u(s,t)` for every `t`
//! is re-checked exactly before anything is removed.
//!
//! # Size cap
//! Mixed dominance is only tested for a player whose opponents have at most
//! [`MAX_MIXED_OPPONENT_PROFILES`] remaining profiles; above that the test is skipped for that
//! player (pure dominance is still checked) and [`Elimination::notes`] says so.

use crate::game::NormalForm;
use crate::num::Q;
use crate::solve::lp::simplex::{LinearProgram, LpOutcome, Relation};
use num_traits::{One, Signed, Zero};

/// Mixed dominance is not tested for a player whose opponents have more remaining profiles than this.
pub const MAX_MIXED_OPPONENT_PROFILES: usize = 20_000;

/// The most work one round of mixed-dominance tests may take for one player, in LP entries:
/// (remaining strategies)² × (opponent profiles), one LP per strategy. Above it the test is
/// skipped for that player with a note (a 1000x1000 game would need 10⁹: minutes of exact LPs).
pub const MAX_MIXED_WORK: usize = 10_000_000;

/// What dominated an eliminated strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dominator {
    /// A single pure strategy (original index).
    Pure(usize),
    /// A mixture of pure strategies: (original index, probability), probabilities positive and summing to 1.
    Mixed(Vec<(usize, Q)>),
}

/// One elimination step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EliminationStep {
    /// The player whose strategy goes.
    pub player: usize,
    /// The eliminated strategy (original index).
    pub strategy: usize,
    /// What strictly dominates it in the game remaining at that step.
    pub dominated_by: Dominator,
}

/// The result of iterated elimination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elimination {
    /// Steps in order.
    pub steps: Vec<EliminationStep>,
    /// Surviving strategies per player (original indices, ascending).
    pub remaining: Vec<Vec<usize>>,
    /// Remarks, e.g. where mixed dominance was not tested because the game is too large.
    pub notes: Vec<String>,
}

/// Iteratively removes strictly dominated strategies. With `mixed`, a strategy is also removed
/// when a mixture of the player's other remaining strategies strictly dominates it (found by exact LP).
pub fn iterated_elimination(game: &NormalForm, mixed: bool) -> Elimination {
    eliminate(game, mixed, MAX_MIXED_OPPONENT_PROFILES)
}

fn eliminate(game: &NormalForm, mixed: bool, mixed_cap: usize) -> Elimination {
    let budget = u128::from(crate::game::budget::limits().work / PAYOFF_OP_COST).max(1);
    eliminate_within(game, mixed, mixed_cap, budget)
}

/// Each player's payoff sums over the opponents' remaining profiles (indexed by original
/// strategy) and their largest value over the player's remaining strategies; `None` when an
/// opponent lost a strategy since they were computed.
type SumCache = Vec<Option<(Vec<Q>, Q)>>;

fn eliminate_within(game: &NormalForm, mixed: bool, mixed_cap: usize, budget: u128) -> Elimination {
    let n = game.num_players();
    let mut remaining: Vec<Vec<usize>> = game.shape().iter().map(|&k| (0..k).collect()).collect();
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut capped = vec![false; n];
    let mut sums: SumCache = vec![None; n];
    let mut work = Work { done: 0, budget };
    'scan: loop {
        for i in 0..n {
            if remaining[i].len() < 2 {
                continue;
            }
            let found = opponent_bases(game, &remaining, i, &mut work).and_then(|opp| {
                let step = pure_domination(game, i, &remaining[i], &opp, &mut sums[i], &mut work)?;
                Some((opp, step))
            });
            let Some((opp, step)) = found else {
                notes.push(format!(
                    "iterated elimination stopped after {} step(s): the pairwise dominance checks of this game \
                     need more than about {:.1e} operations (raise the limit with --max-work); the remaining \
                     strategies listed may still include strictly dominated ones",
                    steps.len(),
                    (budget.saturating_mul(u128::from(PAYOFF_OP_COST))) as f64
                ));
                break 'scan;
            };
            if let Some(step) = step {
                remove(&mut remaining, &mut sums, step.player, step.strategy, &mut work);
                steps.push(step);
                continue 'scan;
            }
            if !mixed || remaining[i].len() < 3 {
                continue;
            }
            if opp.len() > mixed_cap {
                if !capped[i] {
                    capped[i] = true;
                    notes.push(format!(
                        "mixed dominance not tested for {}: {} opponent profiles exceed the limit of {mixed_cap}",
                        game.players()[i].name,
                        opp.len()
                    ));
                }
                continue;
            }
            let lp_work = remaining[i].len().saturating_mul(remaining[i].len()).saturating_mul(opp.len());
            if lp_work > MAX_MIXED_WORK {
                if !capped[i] {
                    capped[i] = true;
                    notes.push(format!(
                        "mixed dominance not tested for {}: {} strategies against {} opponent profiles need about \
                         {lp_work} LP entries, above the limit of {MAX_MIXED_WORK}",
                        game.players()[i].name,
                        remaining[i].len(),
                        opp.len()
                    ));
                }
                continue;
            }
            let found = remaining[i].iter().find_map(|&s| Some((s, mixed_dominator(game, i, s, &remaining[i], &opp)?)));
            if let Some((s, mix)) = found {
                remove(&mut remaining, &mut sums, i, s, &mut work);
                steps.push(EliminationStep { player: i, strategy: s, dominated_by: Dominator::Mixed(mix) });
                continue 'scan;
            }
        }
        break;
    }
    Elimination { steps, remaining, notes }
}

/// Exact payoff operations (a comparison or an addition of two payoffs) count this many
/// operations of `--max-work` in the pure-dominance scans.
pub const PAYOFF_OP_COST: u64 = 10;

/// Payoff operations done so far and allowed in all (`--max-work` / [`PAYOFF_OP_COST`]).
struct Work {
    done: u128,
    budget: u128,
}

impl Work {
    /// Counts `ops` operations; false once the budget is spent.
    fn spend(&mut self, ops: usize) -> bool {
        self.done = self.done.saturating_add(ops as u128);
        self.done <= self.budget
    }
}

/// Removes strategy `s` of player `i`: the opponents' payoff sums are stale now; player `i`'s
/// own stay valid (its opponents did not change) unless `s` held the largest.
fn remove(remaining: &mut [Vec<usize>], sums: &mut SumCache, i: usize, s: usize, work: &mut Work) {
    work.spend(remaining[i].len() / 8);
    remaining[i].retain(|&x| x != s);
    for (j, cache) in sums.iter_mut().enumerate() {
        if j != i {
            *cache = None;
        } else if let Some((sum, max)) = cache {
            if sum[s] == *max {
                *cache = None;
            }
        }
    }
}

/// Flat indices of the remaining opponent profiles of player `i`, with player `i` at strategy
/// 0; `None` if making them exceeds the work budget.
fn opponent_bases(game: &NormalForm, remaining: &[Vec<usize>], i: usize, work: &mut Work) -> Option<Vec<usize>> {
    let profiles =
        remaining.iter().enumerate().filter(|&(j, _)| j != i).fold(1usize, |p, (_, rem)| p.saturating_mul(rem.len()));
    if !work.spend(profiles) {
        return None;
    }
    let mut bases = vec![0usize];
    for (j, rem) in remaining.iter().enumerate() {
        if j == i {
            continue;
        }
        let stride = game.stride(j);
        bases = bases.iter().flat_map(|&b| rem.iter().map(move |&s| b + s * stride)).collect();
    }
    Some(bases)
}

fn payoff(game: &NormalForm, i: usize, s: usize, base: usize) -> &Q {
    &game.payoffs_at(base + s * game.stride(i))[i]
}

/// The first remaining strategy (lowest index) strictly dominated by another remaining pure
/// strategy (lowest index first); `None` when the work budget runs out.
///
/// Strict domination against every opponent profile implies a strictly larger payoff sum over
/// those profiles, so only strategies with a larger sum are tried as dominators, and a
/// strategy with the largest sum is skipped at once: a game of 200,000 tied strategies takes
/// one pass over its payoffs, not 200,000² comparisons. The sums are kept between scans while
/// the opponents' strategies stay the same. A player with at most [`SUM_FILTER_MIN`] strategies
/// skips the sums: summing every opponent profile costs more than the few pairwise checks, which
/// mostly stop at the first profile that breaks dominance (a 20-player game of two strategies
/// each spent 44 s of `info` re-summing 2^19 profiles after every elimination).
fn pure_domination(
    game: &NormalForm,
    i: usize,
    rem: &[usize],
    opp: &[usize],
    cache: &mut Option<(Vec<Q>, Q)>,
    work: &mut Work,
) -> Option<Option<EliminationStep>> {
    if rem.len() <= SUM_FILTER_MIN {
        return pairwise_domination(game, i, rem, opp, work);
    }
    if cache.is_none() {
        if !work.spend(rem.len().saturating_mul(opp.len())) {
            return None;
        }
        let mut sum = vec![Q::zero(); game.shape()[i]];
        for &s in rem {
            sum[s] = opp.iter().map(|&b| payoff(game, i, s, b)).sum();
        }
        let max = rem.iter().map(|&s| &sum[s]).max().cloned().unwrap_or_else(Q::zero);
        *cache = Some((sum, max));
    }
    let (sum, max) = cache.as_ref()?;
    for &s in rem {
        if sum[s] >= *max {
            continue;
        }
        for &t in rem {
            if !work.spend(1) {
                return None;
            }
            if sum[t] <= sum[s] {
                continue;
            }
            if strictly_dominates(game, i, t, s, opp, work)? {
                return Some(Some(EliminationStep { player: i, strategy: s, dominated_by: Dominator::Pure(t) }));
            }
        }
    }
    Some(None)
}

/// Whether `t` does strictly better than `s` against every profile in `opp` (stopping at the
/// first that breaks it); `None` when the work budget runs out.
fn strictly_dominates(game: &NormalForm, i: usize, t: usize, s: usize, opp: &[usize], work: &mut Work) -> Option<bool> {
    let mut checked = 0;
    let dominates = opp.iter().all(|&b| {
        checked += 1;
        payoff(game, i, t, b) > payoff(game, i, s, b)
    });
    work.spend(checked).then_some(dominates)
}

/// Players with at most this many remaining strategies are scanned pair by pair, without the
/// payoff sums of [`pure_domination`].
const SUM_FILTER_MIN: usize = 16;

/// [`pure_domination`] without the sums: every ordered pair, lowest indices first, each check
/// stopping at the first opponent profile where the candidate does not do strictly better.
fn pairwise_domination(
    game: &NormalForm,
    i: usize,
    rem: &[usize],
    opp: &[usize],
    work: &mut Work,
) -> Option<Option<EliminationStep>> {
    for &s in rem {
        for &t in rem {
            if t == s {
                continue;
            }
            if strictly_dominates(game, i, t, s, opp, work)? {
                return Some(Some(EliminationStep { player: i, strategy: s, dominated_by: Dominator::Pure(t) }));
            }
        }
    }
    Some(None)
}

/// A mixture of `rem \ {s}` strictly dominating `s`, if any (positive probabilities only).
fn mixed_dominator(game: &NormalForm, i: usize, s: usize, rem: &[usize], opp: &[usize]) -> Option<Vec<(usize, Q)>> {
    let others: Vec<usize> = rem.iter().copied().filter(|&k| k != s).collect();
    let m = opp.len();
    // Variables: tau_0..tau_{m-1} >= 0, z free (index m).
    let mut obj = vec![Q::zero(); m + 1];
    obj[m] = Q::one();
    let mut lp = LinearProgram::minimize(obj);
    lp.set_free(m);
    for &k in &others {
        let mut row: Vec<Q> = opp.iter().map(|&b| payoff(game, i, k, b) - payoff(game, i, s, b)).collect();
        row.push(-Q::one());
        lp.constrain(row, Relation::Le, Q::zero());
    }
    let mut sum = vec![Q::one(); m];
    sum.push(Q::zero());
    lp.constrain(sum, Relation::Eq, Q::one());
    let sol = match lp.solve() {
        Ok(LpOutcome::Optimal(sol)) => sol,
        _ => return None,
    };
    if !sol.value.is_positive() {
        return None;
    }
    let sigma: Vec<Q> = sol.duals[..others.len()].iter().map(|y| -y).collect();
    // Exact certificate check before claiming domination.
    if sigma.iter().any(Signed::is_negative) || !sigma.iter().sum::<Q>().is_one() {
        return None;
    }
    let dominates = opp.iter().all(|&b| {
        let mix: Q = others.iter().zip(&sigma).map(|(&k, p)| p * payoff(game, i, k, b)).sum();
        mix > *payoff(game, i, s, b)
    });
    if !dominates {
        return None;
    }
    Some(others.into_iter().zip(sigma).filter(|(_, p)| p.is_positive()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};

    fn bimatrix(a: &[&[i64]], b: &[&[i64]]) -> NormalForm {
        let players = vec![
            Player { name: "Row".into(), strategies: (0..a.len()).map(|i| format!("r{i}")).collect() },
            Player { name: "Col".into(), strategies: (0..a[0].len()).map(|j| format!("c{j}")).collect() },
        ];
        NormalForm::new("g", players, |p| vec![q(a[p[0]][p[1]]), q(b[p[0]][p[1]])]).unwrap()
    }

    fn step(player: usize, strategy: usize, dominated_by: Dominator) -> EliminationStep {
        EliminationStep { player, strategy, dominated_by }
    }

    /// The scan as first written: every pair, every opponent profile, no sums (the reference
    /// for the order of the steps).
    fn naive_pure(game: &NormalForm) -> Vec<EliminationStep> {
        let mut remaining: Vec<Vec<usize>> = game.shape().iter().map(|&k| (0..k).collect()).collect();
        let mut steps = Vec::new();
        let mut unlimited = Work { done: 0, budget: u128::MAX };
        'scan: loop {
            for i in 0..game.num_players() {
                let opp = opponent_bases(game, &remaining, i, &mut unlimited).unwrap();
                for &s in &remaining[i] {
                    for &t in &remaining[i] {
                        if t != s && opp.iter().all(|&b| payoff(game, i, t, b) > payoff(game, i, s, b)) {
                            remaining[i].retain(|&x| x != s);
                            steps.push(step(i, s, Dominator::Pure(t)));
                            continue 'scan;
                        }
                    }
                }
            }
            return steps;
        }
    }

    #[test]
    fn sums_filter_keeps_the_steps_of_the_plain_scan() {
        let mut seed: u64 = 7;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut steps = 0;
        for round in 0..200 {
            let mut shape: Vec<usize> = (0..2 + next(2) as usize).map(|_| 1 + next(5) as usize).collect();
            if round % 2 == 0 {
                // Above SUM_FILTER_MIN strategies, the scan filters dominators by payoff sums.
                shape[0] = SUM_FILTER_MIN + 1 + next(8) as usize;
            }
            let players = shape
                .iter()
                .enumerate()
                .map(|(i, &k)| Player { name: format!("P{i}"), strategies: (0..k).map(|s| format!("s{s}")).collect() })
                .collect();
            let total: usize = shape.iter().product::<usize>() * shape.len();
            let flat: Vec<Q> = (0..total).map(|_| frac(next(7) as i64 - 3, 1 + next(2) as i64)).collect();
            let g = NormalForm::from_flat("r", players, flat).unwrap();
            let e = eliminate_within(&g, false, MAX_MIXED_OPPONENT_PROFILES, u128::MAX);
            assert_eq!(e.steps, naive_pure(&g), "round {round}");
            assert!(e.notes.is_empty());
            steps += e.steps.len();
        }
        assert!(steps > 100, "only {steps} steps in 200 random games");
    }

    #[test]
    fn many_tied_strategies_take_one_pass_and_a_small_budget() {
        // 20,000 strategies, all tied: no pair is tried, so 40,000 payoff operations suffice.
        let players = vec![
            Player { name: "A".into(), strategies: (0..20_000).map(|s| format!("s{s}")).collect() },
            Player { name: "B".into(), strategies: vec!["x".into()] },
        ];
        let g = NormalForm::new("tied", players, |_| vec![q(1), q(1)]).unwrap();
        let e = eliminate_within(&g, true, MAX_MIXED_OPPONENT_PROFILES, 50_000);
        assert!(e.steps.is_empty());
        assert_eq!(e.remaining[0].len(), 20_000);
        assert!(!e.notes.iter().any(|n| n.contains("stopped")), "{:?}", e.notes);
    }

    #[test]
    fn an_exhausted_budget_stops_with_a_note_naming_max_work() {
        // Strategy s pays s: each is dominated by the next, one removal per scan.
        let players = vec![
            Player { name: "A".into(), strategies: (0..2_000).map(|s| format!("s{s}")).collect() },
            Player { name: "B".into(), strategies: vec!["x".into()] },
        ];
        let g = NormalForm::new("ladder", players, |p| vec![q(p[0] as i64), q(0)]).unwrap();
        let full = eliminate_within(&g, false, MAX_MIXED_OPPONENT_PROFILES, u128::MAX);
        assert_eq!(full.remaining[0], vec![1_999]);
        let cut = eliminate_within(&g, false, MAX_MIXED_OPPONENT_PROFILES, 10_000);
        assert!(cut.steps.len() < 1_999 && cut.remaining[0].len() > 1);
        assert_eq!(cut.steps[..], full.steps[..cut.steps.len()]);
        assert!(cut.notes.iter().any(|n| n.contains("stopped") && n.contains("--max-work")), "{:?}", cut.notes);
    }

    #[test]
    fn prisoners_dilemma_leaves_defection() {
        let g = bimatrix(&[&[3, 0], &[5, 1]], &[&[3, 5], &[0, 1]]);
        for mixed in [false, true] {
            let e = iterated_elimination(&g, mixed);
            assert_eq!(e.steps, vec![step(0, 0, Dominator::Pure(1)), step(1, 0, Dominator::Pure(1))]);
            assert_eq!(e.remaining, vec![vec![1], vec![1]]);
            assert!(e.notes.is_empty());
        }
    }

    #[test]
    fn dominated_only_by_a_mixture() {
        let g = bimatrix(&[&[3, 0], &[0, 3], &[1, 1]], &[&[0, 0], &[0, 0], &[0, 0]]);
        let e = iterated_elimination(&g, false);
        assert!(e.steps.is_empty());
        assert_eq!(e.remaining, vec![vec![0, 1, 2], vec![0, 1]]);
        let e = iterated_elimination(&g, true);
        assert_eq!(e.steps, vec![step(0, 2, Dominator::Mixed(vec![(0, frac(1, 2)), (1, frac(1, 2))]))]);
        assert_eq!(e.remaining, vec![vec![0, 1], vec![0, 1]]);
    }

    #[test]
    fn weak_domination_by_a_mixture_is_not_strict() {
        // r2 weakly dominates r0 and r1, but strictly dominates neither.
        let g = bimatrix(&[&[3, 0], &[0, 3], &[3, 3]], &[&[0, 0], &[0, 0], &[0, 0]]);
        assert!(iterated_elimination(&g, true).steps.is_empty());
        // (2, 2) equals the half-half mixture of r0 and r1: weakly, not strictly, dominated.
        let g = bimatrix(&[&[4, 0], &[0, 4], &[2, 2]], &[&[0, 0], &[0, 0], &[0, 0]]);
        assert!(iterated_elimination(&g, true).steps.is_empty());
    }

    #[test]
    fn matching_pennies_keeps_everything() {
        let g = bimatrix(&[&[1, -1], &[-1, 1]], &[&[-1, 1], &[1, -1]]);
        let e = iterated_elimination(&g, true);
        assert!(e.steps.is_empty());
        assert_eq!(e.remaining, vec![vec![0, 1], vec![0, 1]]);
    }

    #[test]
    fn second_round_needs_the_first() {
        // Row: r0 dominates r1. Col: c0 is better against r0, c1 against r1, so c1 falls only after r1.
        let g = bimatrix(&[&[3, 2], &[1, 0]], &[&[2, 1], &[0, 3]]);
        let e = iterated_elimination(&g, false);
        assert_eq!(e.steps, vec![step(0, 1, Dominator::Pure(0)), step(1, 1, Dominator::Pure(0))]);
        assert_eq!(e.remaining, vec![vec![0], vec![0]]);
    }

    #[test]
    fn mixed_elimination_enables_pure_elimination() {
        // After r2 goes (dominated by a mixture), c1 becomes dominated for the column player.
        let g = bimatrix(&[&[3, 0], &[0, 3], &[1, 1]], &[&[1, 0], &[1, 0], &[0, 5]]);
        let e = iterated_elimination(&g, true);
        assert_eq!(e.steps[0], step(0, 2, Dominator::Mixed(vec![(0, frac(1, 2)), (1, frac(1, 2))])));
        assert_eq!(e.steps[1], step(1, 1, Dominator::Pure(0)));
        // Against c0 alone, r0 (3) beats r1 (0).
        assert_eq!(e.steps[2], step(0, 1, Dominator::Pure(0)));
        assert_eq!(e.remaining, vec![vec![0], vec![0]]);
    }

    #[test]
    fn three_players() {
        // Player 3 prefers strategy 0 always; player 1 then wants 1; player 2 matches player 1.
        let s = || vec!["0".to_string(), "1".to_string()];
        let players = (1..=3).map(|i| Player { name: format!("P{i}"), strategies: s() }).collect();
        let g = NormalForm::new("3p", players, |p| {
            let best1 = if p[2] == 0 { 1 } else { 0 };
            vec![q((p[0] == best1) as i64), q((p[1] == p[0]) as i64), q((p[2] == 0) as i64)]
        })
        .unwrap();
        let e = iterated_elimination(&g, true);
        assert_eq!(
            e.steps,
            vec![step(2, 1, Dominator::Pure(0)), step(0, 0, Dominator::Pure(1)), step(1, 0, Dominator::Pure(1))]
        );
        assert_eq!(e.remaining, vec![vec![1], vec![1], vec![0]]);
    }

    #[test]
    fn three_player_mixed_domination() {
        // Player 1 has three strategies; against the four profiles of the others, strategy 2 is beaten
        // by the half-half mixture of 0 and 1 but by neither alone.
        let players = vec![
            Player { name: "A".into(), strategies: vec!["x".into(), "y".into(), "z".into()] },
            Player { name: "B".into(), strategies: vec!["0".into(), "1".into()] },
            Player { name: "C".into(), strategies: vec!["0".into(), "1".into()] },
        ];
        let g = NormalForm::new("3pm", players, |p| {
            let u = match p[0] {
                0 => [4, 0, 4, 0][p[1] + 2 * p[2]],
                1 => [0, 4, 0, 4][p[1] + 2 * p[2]],
                _ => 1,
            };
            vec![q(u), q(0), q(0)]
        })
        .unwrap();
        let e = iterated_elimination(&g, true);
        assert_eq!(e.steps, vec![step(0, 2, Dominator::Mixed(vec![(0, frac(1, 2)), (1, frac(1, 2))]))]);
        assert_eq!(e.remaining, vec![vec![0, 1], vec![0, 1], vec![0, 1]]);
    }

    #[test]
    fn cap_skips_mixed_test_with_a_note() {
        let g = bimatrix(&[&[3, 0], &[0, 3], &[1, 1]], &[&[0, 0], &[0, 0], &[0, 0]]);
        let e = eliminate(&g, true, 1);
        assert!(e.steps.is_empty());
        assert_eq!(e.notes.len(), 1);
        assert!(e.notes[0].contains("Row") && e.notes[0].contains("2 opponent profiles"), "{:?}", e.notes);
    }
}
