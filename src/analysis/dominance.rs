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
    let n = game.num_players();
    let mut remaining: Vec<Vec<usize>> = game.shape().iter().map(|&k| (0..k).collect()).collect();
    let mut steps = Vec::new();
    let mut notes = Vec::new();
    let mut capped = vec![false; n];
    'scan: loop {
        for i in 0..n {
            if remaining[i].len() < 2 {
                continue;
            }
            let opp = opponent_bases(game, &remaining, i);
            if let Some(step) = pure_domination(game, i, &remaining[i], &opp) {
                remaining[i].retain(|&s| s != step.strategy);
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
            let work = remaining[i].len().saturating_mul(remaining[i].len()).saturating_mul(opp.len());
            if work > MAX_MIXED_WORK {
                if !capped[i] {
                    capped[i] = true;
                    notes.push(format!(
                        "mixed dominance not tested for {}: {} strategies against {} opponent profiles need about \
                         {work} LP entries, above the limit of {MAX_MIXED_WORK}",
                        game.players()[i].name,
                        remaining[i].len(),
                        opp.len()
                    ));
                }
                continue;
            }
            for &s in &remaining[i] {
                if let Some(mix) = mixed_dominator(game, i, s, &remaining[i], &opp) {
                    remaining[i].retain(|&x| x != s);
                    steps.push(EliminationStep { player: i, strategy: s, dominated_by: Dominator::Mixed(mix) });
                    continue 'scan;
                }
            }
        }
        break;
    }
    Elimination { steps, remaining, notes }
}

/// Flat indices of the remaining opponent profiles of player `i`, with player `i` at strategy 0.
fn opponent_bases(game: &NormalForm, remaining: &[Vec<usize>], i: usize) -> Vec<usize> {
    let mut bases = vec![0usize];
    for (j, rem) in remaining.iter().enumerate() {
        if j == i {
            continue;
        }
        let stride = game.stride(j);
        bases = bases.iter().flat_map(|&b| rem.iter().map(move |&s| b + s * stride)).collect();
    }
    bases
}

fn payoff(game: &NormalForm, i: usize, s: usize, base: usize) -> &Q {
    &game.payoffs_at(base + s * game.stride(i))[i]
}

fn pure_domination(game: &NormalForm, i: usize, rem: &[usize], opp: &[usize]) -> Option<EliminationStep> {
    for &s in rem {
        for &t in rem {
            if t != s && opp.iter().all(|&b| payoff(game, i, t, b) > payoff(game, i, s, b)) {
                return Some(EliminationStep { player: i, strategy: s, dominated_by: Dominator::Pure(t) });
            }
        }
    }
    None
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
