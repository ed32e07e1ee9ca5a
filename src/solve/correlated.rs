//! Correlated equilibria (Aumann 1974), exactly, by linear programming; `--method correlated`.
//!
//! A correlated equilibrium is a probability distribution `p` over pure profiles such that no
//! player, told only their own recommended strategy `s`, gains by switching to another strategy
//! `t`:
//!
//! ```text
//! Σ_{profiles k with player i playing s}  p_k · (u_i(k) − u_i(k with i switched to t))  >=  0
//! ```
//!
//! for every player `i` and every pair `s != t`. These constraints, `p >= 0` and `Σ p = 1` define
//! the CE polytope; every Nash equilibrium's outcome distribution lies in it. Linear objectives
//! over it are optimized with the exact simplex method ([`super::lp::simplex`]).
//!
//! A correlated equilibrium is a distribution over profiles, not a mixed profile, so it does not
//! fit [`Solution`]'s list of Nash equilibria. The registered solver [`CorrelatedLp`] therefore
//! reports the welfare-maximising CE in its notes, and lists it as an equilibrium only when it is a
//! product distribution (then it is a Nash equilibrium). The command line prints the full
//! distribution with [`welfare_maximizing`].

use super::lp::simplex::{LinearProgram, LpOutcome, Relation};
use super::Method;
use super::{Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::Q;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// Largest number of pure profiles the correlated-equilibrium LPs accept by default; the limit in
/// force is `--max-profiles` ([`crate::game::budget::correlated_profile_limit`]).
pub const MAX_PROFILES: usize = crate::game::budget::DEFAULT_MAX_PROFILES as usize;

/// One incentive constraint of the CE polytope: `Σ_k coeffs[k] · p_k >= 0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncentiveConstraint {
    /// The player being recommended a strategy.
    pub player: usize,
    /// The recommended strategy.
    pub recommended: usize,
    /// The deviation considered.
    pub deviation: usize,
    /// One coefficient per pure profile (flat index in Gambit order).
    pub coeffs: Vec<Q>,
}

/// A correlated equilibrium: a distribution over pure profiles and its expected payoffs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrelatedEquilibrium {
    /// Probability of each pure profile, by flat profile index (Gambit order).
    pub distribution: Vec<Q>,
    /// Expected payoff of each player.
    pub payoffs: Vec<Q>,
}

impl CorrelatedEquilibrium {
    /// The profiles with positive probability, in Gambit order, with their probabilities.
    pub fn support(&self, game: &NormalForm) -> Vec<(Vec<usize>, Q)> {
        self.distribution
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_positive())
            .map(|(k, p)| (game.profile_at(k), p.clone()))
            .collect()
    }

    /// Sum of the players' expected payoffs.
    pub fn welfare(&self) -> Q {
        self.payoffs.iter().sum()
    }

    /// Each player's marginal distribution over their own strategies.
    pub fn marginals(&self, game: &NormalForm) -> MixedProfile {
        let mut probs: Vec<Vec<Q>> = game.shape().iter().map(|&m| vec![Q::zero(); m]).collect();
        for (k, p) in self.distribution.iter().enumerate() {
            for (i, s) in game.profile_at(k).into_iter().enumerate() {
                probs[i][s] += p;
            }
        }
        MixedProfile { probs }
    }

    /// If the distribution is the product of its marginals (the players need no mediator), the
    /// mixed profile it is; such a correlated equilibrium is a Nash equilibrium.
    pub fn as_product(&self, game: &NormalForm) -> Option<MixedProfile> {
        let m = self.marginals(game);
        let independent = self.distribution.iter().enumerate().all(|(k, p)| {
            let prod: Q = game.profile_at(k).iter().enumerate().map(|(i, &s)| &m.probs[i][s]).product();
            &prod == p
        });
        independent.then_some(m)
    }
}

fn check_size(game: &NormalForm) -> Result<()> {
    let limit = crate::game::budget::correlated_profile_limit();
    if game.num_profiles() > limit {
        return Err(Error::TooLarge(format!(
            "correlated equilibria: the game has {} pure profiles; the exact LP is limited to {limit} \
             (raise the limit with --max-profiles)",
            game.num_profiles()
        )));
    }
    Ok(())
}

/// The incentive constraints of the CE polytope, for every player and every ordered pair of
/// distinct strategies.
pub fn incentive_constraints(game: &NormalForm) -> Vec<IncentiveConstraint> {
    let mut out = Vec::new();
    let total = game.num_profiles();
    for i in 0..game.num_players() {
        let m = game.num_strategies(i);
        let stride = game.stride(i);
        for s in 0..m {
            for t in (0..m).filter(|&t| t != s) {
                let mut coeffs = vec![Q::zero(); total];
                for (k, c) in coeffs.iter_mut().enumerate() {
                    if (k / stride) % m == s {
                        let dev = k - s * stride + t * stride;
                        *c = &game.payoffs_at(k)[i] - &game.payoffs_at(dev)[i];
                    }
                }
                out.push(IncentiveConstraint { player: i, recommended: s, deviation: t, coeffs });
            }
        }
    }
    out
}

/// Checks exactly that `distribution` is a correlated equilibrium of `game`; the error says which
/// condition fails.
pub fn check(game: &NormalForm, distribution: &[Q]) -> std::result::Result<(), String> {
    if distribution.len() != game.num_profiles() {
        return Err(format!("{} probabilities for {} profiles", distribution.len(), game.num_profiles()));
    }
    if distribution.iter().any(Signed::is_negative) {
        return Err("a probability is negative".into());
    }
    if !distribution.iter().sum::<Q>().is_one() {
        return Err("the probabilities do not sum to 1".into());
    }
    // The incentive constraints, summed over the support only (a vertex of the CE polytope has
    // few positive probabilities, and they can be long fractions).
    // Scaled to integers by their common denominator (positive), which keeps the signs.
    let l = crate::num::common_denominator(distribution);
    let scaled: Vec<Q> = distribution.iter().map(|p| Q::from_integer(p.numer() * (&l / p.denom()))).collect();
    let support: Vec<usize> = (0..distribution.len()).filter(|&k| !distribution[k].is_zero()).collect();
    for i in 0..game.num_players() {
        let m = game.num_strategies(i);
        let stride = game.stride(i);
        for s in 0..m {
            for t in (0..m).filter(|&t| t != s) {
                let mut gain = Q::zero();
                for &k in support.iter().filter(|&&k| (k / stride) % m == s) {
                    let dev = k - s * stride + t * stride;
                    gain += &scaled[k] * (&game.payoffs_at(k)[i] - &game.payoffs_at(dev)[i]);
                }
                if gain.is_negative() {
                    let gain = gain / Q::from_integer(l.clone());
                    let p = &game.players()[i];
                    return Err(format!(
                        "{} gains {} by playing {} when told {}",
                        p.name, -gain, p.strategies[t], p.strategies[s]
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The CE polytope as a linear program over the profile probabilities, with objective `objective`.
fn ce_program(game: &NormalForm, objective: Vec<Q>, maximize: bool) -> LinearProgram {
    let total = game.num_profiles();
    let mut lp = if maximize { LinearProgram::maximize(objective) } else { LinearProgram::minimize(objective) };
    // Written as `-coeffs·p <= 0`: the slack columns then form the starting basis, and only the
    // normalization row needs an artificial variable in phase 1.
    for c in incentive_constraints(game) {
        lp.constrain(c.coeffs.into_iter().map(|a| -a).collect(), Relation::Le, Q::zero());
    }
    lp.constrain(vec![Q::one(); total], Relation::Eq, Q::one());
    lp
}

/// `Σ_i w_i · u_i(k)` for every profile `k`, where `w` is `weights` scaled by a positive factor to
/// coprime integers (the same maximizers, smaller numbers: the directions a payoff region asks for
/// are differences of vertices with large denominators).
fn weighted_payoffs(game: &NormalForm, weights: &[Q]) -> Vec<Q> {
    let l = crate::num::common_denominator(weights);
    let ints: Vec<BigInt> = weights.iter().map(|w| w.numer() * (&l / w.denom())).collect();
    let g = ints.iter().fold(BigInt::zero(), |acc, x| acc.gcd(x));
    let w: Vec<Q> = if g.is_zero() { weights.to_vec() } else { ints.iter().map(|x| Q::from_integer(x / &g)).collect() };
    (0..game.num_profiles()).map(|k| game.payoffs_at(k).iter().zip(&w).map(|(u, w)| u * w).sum()).collect()
}

fn expected(game: &NormalForm, distribution: &[Q]) -> Vec<Q> {
    let mut out = vec![Q::zero(); game.num_players()];
    for (k, p) in distribution.iter().enumerate().filter(|(_, p)| !p.is_zero()) {
        for (o, u) in out.iter_mut().zip(game.payoffs_at(k)) {
            *o += p * u;
        }
    }
    out
}

fn solve_program(game: &NormalForm, lp: &LinearProgram) -> Result<CorrelatedEquilibrium> {
    match lp.solve()? {
        LpOutcome::Optimal(sol) => {
            let distribution = sol.x;
            check(game, &distribution).map_err(|e| Error::Internal(format!("correlated equilibrium LP: {e}")))?;
            let payoffs = expected(game, &distribution);
            Ok(CorrelatedEquilibrium { distribution, payoffs })
        }
        other => Err(Error::Internal(format!("correlated equilibrium LP is {other:?}; it always has an optimum"))),
    }
}

/// The linear program over the CE polytope (one variable per pure profile, Gambit order) that
/// maximizes `Σ_i weights[i] · (player i's expected payoff)`: what [`maximize`] solves. Public for
/// benchmarks and tests of the LP engine.
pub fn program(game: &NormalForm, weights: &[Q]) -> Result<LinearProgram> {
    check_size(game)?;
    Ok(ce_program(game, weighted_payoffs(game, weights), true))
}

/// A correlated equilibrium maximizing `Σ_i weights[i] · (player i's expected payoff)` (a basic
/// optimal solution of the exact LP, so a vertex of the CE polytope).
pub fn maximize(game: &NormalForm, weights: &[Q]) -> Result<CorrelatedEquilibrium> {
    check_size(game)?;
    solve_program(game, &ce_program(game, weighted_payoffs(game, weights), true))
}

/// A correlated equilibrium maximizing the weighted sum `first`, and among those, `second`.
fn maximize_lex(game: &NormalForm, first: &[Q], second: &[Q]) -> Result<CorrelatedEquilibrium> {
    let best = maximize(game, first)?;
    let first = weighted_payoffs(game, first);
    let value: Q = best.distribution.iter().zip(&first).map(|(p, u)| p * u).sum();
    let mut lp = ce_program(game, weighted_payoffs(game, second), true);
    lp.constrain(first, Relation::Eq, value);
    solve_program(game, &lp)
}

/// The correlated equilibrium maximizing the sum of the players' payoffs (ties: a vertex of the
/// optimal face).
pub fn welfare_maximizing(game: &NormalForm) -> Result<CorrelatedEquilibrium> {
    maximize(game, &vec![Q::one(); game.num_players()])
}

/// The correlated equilibrium best for player `i`; among those, the one with the largest total payoff.
pub fn best_for_player(game: &NormalForm, i: usize) -> Result<CorrelatedEquilibrium> {
    if i >= game.num_players() {
        return Err(Error::InvalidOption(format!("player {} does not exist", i + 1)));
    }
    let mut first = vec![Q::zero(); game.num_players()];
    first[i] = Q::one();
    maximize_lex(game, &first, &vec![Q::one(); game.num_players()])
}

/// The `correlated` method: the welfare-maximising correlated equilibrium by exact LP.
pub struct CorrelatedLp;

impl Solver for CorrelatedLp {
    fn method(&self) -> Method {
        Method::Correlated
    }

    fn description(&self) -> &'static str {
        "the correlated equilibrium maximizing total payoff, by exact linear programming"
    }

    fn supports(&self, game: &NormalForm) -> Result<()> {
        check_size(game).map_err(|e| Error::Unsupported { method: self.method().name().into(), reason: e.to_string() })
    }

    fn run(&self, game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        self.supports(game)?;
        let ce = welfare_maximizing(game)?;
        let describe = ce
            .support(game)
            .iter()
            .map(|(prof, p)| {
                let labels: Vec<&str> =
                    prof.iter().enumerate().map(|(i, &s)| game.players()[i].strategies[s].as_str()).collect();
                format!("{} {p}", labels.join("/"))
            })
            .collect::<Vec<_>>()
            .join(", ");
        let payoffs = ce.payoffs.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let mut notes =
            vec![format!("welfare-maximising correlated equilibrium: {describe}; expected payoffs {payoffs}")];
        let equilibria = match ce.as_product(game) {
            Some(profile) => {
                notes.push("it is a product distribution, so it is also a Nash equilibrium (listed)".into());
                vec![super::Equilibrium { profile, payoffs: ce.payoffs.clone() }]
            }
            None => {
                notes.push(
                    "it needs a mediator (it is not a product of independent mixed strategies), so it is not listed \
                     as a Nash equilibrium"
                        .into(),
                );
                Vec::new()
            }
        };
        Ok(Solution { method: self.method(), exact: true, complete: false, equilibria, components: Vec::new(), notes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};

    use crate::game::fixtures::chicken;

    #[test]
    fn chicken_constraints_by_hand() {
        // Profiles in Gambit order: (S,S), (T,S), (S,T), (T,T) with S = Swerve, T = Straight.
        let c = incentive_constraints(&chicken());
        assert_eq!(c.len(), 4);
        // A told Swerve, considering Straight: p_SS (6 - 7) + p_ST (2 - 0) >= 0.
        assert_eq!(c[0].coeffs, vec![q(-1), q(0), q(2), q(0)]);
        // A told Straight: p_TS (7 - 6) + p_TT (0 - 2) >= 0.
        assert_eq!(c[1].coeffs, vec![q(0), q(1), q(0), q(-2)]);
    }

    #[test]
    fn uniform_over_three_profiles_is_a_ce_and_both_hold_is_not() {
        let g = chicken();
        let third = frac(1, 3);
        assert!(check(&g, &[third.clone(), third.clone(), third, q(0)]).is_ok());
        let err = check(&g, &[q(0), q(0), q(0), q(1)]).unwrap_err();
        assert!(err.contains("gains"), "{err}");
    }

    #[test]
    fn welfare_maximum_is_aumanns() {
        let ce = welfare_maximizing(&chicken()).unwrap();
        assert_eq!(ce.distribution, vec![frac(1, 2), frac(1, 4), frac(1, 4), q(0)]);
        assert_eq!(ce.payoffs, vec![frac(21, 4), frac(21, 4)]);
        assert!(ce.as_product(&chicken()).is_none());
    }

    #[test]
    fn best_for_a_player_is_its_favourite_pure_equilibrium() {
        let ce = best_for_player(&chicken(), 0).unwrap();
        assert_eq!(ce.payoffs, vec![q(7), q(2)]);
        assert!(ce.as_product(&chicken()).is_some());
    }

    #[test]
    fn solver_lists_only_product_equilibria() {
        let s = CorrelatedLp.run(&chicken(), &SolveOptions::default()).unwrap();
        assert!(s.equilibria.is_empty());
        assert!(s.notes[0].contains("Swerve/Swerve 1/2"), "{:?}", s.notes);
        // A game with a dominant-strategy outcome: the best CE is the pure equilibrium.
        let players = vec![
            Player { name: "A".into(), strategies: vec!["x".into(), "y".into()] },
            Player { name: "B".into(), strategies: vec!["x".into(), "y".into()] },
        ];
        let g = NormalForm::new("pd", players, |p| match (p[0], p[1]) {
            (0, 0) => vec![q(3), q(3)],
            (0, 1) => vec![q(0), q(5)],
            (1, 0) => vec![q(5), q(0)],
            _ => vec![q(1), q(1)],
        })
        .unwrap();
        let s = super::super::solve(&g, crate::solve::Method::Correlated, &SolveOptions::default()).unwrap();
        assert_eq!(s.equilibria.len(), 1);
        assert_eq!(s.equilibria[0].payoffs, vec![q(1), q(1)]);
    }
}
