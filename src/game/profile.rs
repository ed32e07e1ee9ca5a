//! Mixed profiles, expected payoffs, best responses and regret — all exact.

use super::normal::NormalForm;
use crate::num::Q;
use num_traits::{One, Signed, Zero};

/// A mixed strategy profile: `probs[i][s]` is player `i`'s probability of strategy `s`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MixedProfile {
    /// Per player, per strategy probabilities.
    pub probs: Vec<Vec<Q>>,
}

impl MixedProfile {
    /// The pure profile where player `i` plays `profile[i]`.
    pub fn pure(game: &NormalForm, profile: &[usize]) -> MixedProfile {
        MixedProfile {
            probs: profile
                .iter()
                .enumerate()
                .map(|(i, &s)| (0..game.num_strategies(i)).map(|t| if t == s { Q::one() } else { Q::zero() }).collect())
                .collect(),
        }
    }

    /// If every player puts probability one on a strategy, those strategies.
    pub fn as_pure(&self) -> Option<Vec<usize>> {
        self.probs.iter().map(|p| p.iter().position(|x| x.is_one())).collect()
    }

    /// Indices of strategies with positive probability, per player.
    pub fn supports(&self) -> Vec<Vec<usize>> {
        self.probs.iter().map(|p| (0..p.len()).filter(|&s| p[s].is_positive()).collect()).collect()
    }

    /// The probability of each pure profile the mixed profile can produce (those with positive
    /// probability), in Gambit order (player 1's strategy varying fastest), at most `limit` of
    /// them; the flag says whether some were left out.
    pub fn outcomes(&self, limit: usize) -> (Vec<(Vec<usize>, Q)>, bool) {
        let supports = self.supports();
        if supports.iter().any(Vec::is_empty) {
            return (Vec::new(), false);
        }
        let mut out = Vec::new();
        let mut digit = vec![0usize; supports.len()];
        loop {
            if out.len() == limit {
                return (out, true);
            }
            let profile: Vec<usize> = digit.iter().zip(&supports).map(|(&d, s)| s[d]).collect();
            let p: Q = profile.iter().enumerate().map(|(i, &s)| &self.probs[i][s]).product();
            out.push((profile, p));
            let mut i = 0;
            loop {
                if i == digit.len() {
                    return (out, false);
                }
                digit[i] += 1;
                if digit[i] < supports[i].len() {
                    break;
                }
                digit[i] = 0;
                i += 1;
            }
        }
    }

    /// Checks shape, non-negativity and that each player's probabilities sum to one.
    pub fn check(&self, game: &NormalForm) -> Result<(), String> {
        if self.probs.len() != game.num_players() {
            return Err(format!("profile has {} players, game has {}", self.probs.len(), game.num_players()));
        }
        for (i, p) in self.probs.iter().enumerate() {
            if p.len() != game.num_strategies(i) {
                return Err(format!(
                    "player {} has {} probabilities for {} strategies",
                    i + 1,
                    p.len(),
                    game.num_strategies(i)
                ));
            }
            if p.iter().any(Signed::is_negative) {
                return Err(format!("player {} has a negative probability", i + 1));
            }
            if !p.iter().sum::<Q>().is_one() {
                return Err(format!("player {}'s probabilities do not sum to 1", i + 1));
            }
        }
        Ok(())
    }
}

/// A mixed profile's support, split for enumeration: players held at one strategy with
/// probability exactly one add a constant to the flat profile index and a factor one to the
/// weight, so only the other ("mixed") players are enumerated. Built once per profile (linear in
/// the number of players); each enumeration then costs the product of the mixed players' support
/// sizes times their number, not times the number of players (200,000 one-strategy players cost
/// nothing per profile).
struct SupportPlan {
    /// Sum of `strategy * stride` over the players held at one strategy.
    base: usize,
    /// Per player: `Some(strategy)` if held there with probability one.
    fixed: Vec<Option<usize>>,
    /// The other players with a non-empty support, and the support.
    mixed: Vec<(usize, Vec<usize>)>,
    /// Players whose probabilities are all zero (the support product is then empty).
    empty: Vec<usize>,
}

impl NormalForm {
    fn support_plan(&self, profile: &MixedProfile) -> SupportPlan {
        let mut plan = SupportPlan {
            base: 0,
            fixed: Vec::with_capacity(self.num_players()),
            mixed: Vec::new(),
            empty: Vec::new(),
        };
        for i in 0..self.num_players() {
            let p = &profile.probs[i];
            let support: Vec<usize> = (0..self.num_strategies(i)).filter(|&s| !p[s].is_zero()).collect();
            match support[..] {
                [s] if p[s].is_one() => {
                    plan.base += s * self.stride(i);
                    plan.fixed.push(Some(s));
                }
                [] => {
                    plan.empty.push(i);
                    plan.fixed.push(None);
                }
                _ => {
                    plan.mixed.push((i, support));
                    plan.fixed.push(None);
                }
            }
        }
        plan
    }

    /// Calls `f(profile_index, weight)` for every pure profile in the support of `profile`
    /// except that player `skip` (if any) is held at strategy `fixed`.
    fn for_each_weighted(&self, profile: &MixedProfile, skip: Option<(usize, usize)>, f: impl FnMut(usize, &Q)) {
        let plan = self.support_plan(profile);
        self.for_each_weighted_in(&plan, profile, skip, f);
    }

    /// [`Self::for_each_weighted`] with the support plan already built.
    fn for_each_weighted_in(
        &self,
        plan: &SupportPlan,
        profile: &MixedProfile,
        skip: Option<(usize, usize)>,
        mut f: impl FnMut(usize, &Q),
    ) {
        let skipped = skip.map(|(j, _)| j);
        if plan.empty.iter().any(|&e| Some(e) != skipped) {
            return;
        }
        let mut base = plan.base;
        if let Some((j, s)) = skip {
            if let Some(t) = plan.fixed[j] {
                base -= t * self.stride(j);
            }
            base += s * self.stride(j);
        }
        let mixed: Vec<&(usize, Vec<usize>)> = plan.mixed.iter().filter(|(i, _)| Some(*i) != skipped).collect();
        let mut digit = vec![0usize; mixed.len()];
        loop {
            let mut w = Q::one();
            let mut idx = base;
            for (&&(i, ref support), &d) in mixed.iter().zip(&digit) {
                let s = support[d];
                idx += s * self.stride(i);
                w *= &profile.probs[i][s];
            }
            f(idx, &w);
            let mut k = 0;
            loop {
                if k == mixed.len() {
                    return;
                }
                digit[k] += 1;
                if digit[k] < mixed[k].1.len() {
                    break;
                }
                digit[k] = 0;
                k += 1;
            }
        }
    }

    /// Expected payoff of every player under a mixed profile.
    pub fn expected_payoffs(&self, profile: &MixedProfile) -> Vec<Q> {
        let n = self.num_players();
        let mut out = vec![Q::zero(); n];
        self.for_each_weighted(profile, None, |idx, w| {
            for (o, u) in out.iter_mut().zip(self.payoffs_at(idx)) {
                *o += w * u;
            }
        });
        out
    }

    /// Player `i`'s expected payoff from each of its pure strategies against the others' mix.
    pub fn strategy_values(&self, profile: &MixedProfile, i: usize) -> Vec<Q> {
        self.strategy_values_in(&self.support_plan(profile), profile, i)
    }

    fn strategy_values_in(&self, plan: &SupportPlan, profile: &MixedProfile, i: usize) -> Vec<Q> {
        (0..self.num_strategies(i))
            .map(|s| {
                let mut v = Q::zero();
                self.for_each_weighted_in(plan, profile, Some((i, s)), |idx, w| v += w * &self.payoffs_at(idx)[i]);
                v
            })
            .collect()
    }

    /// Player `i`'s pure best responses to the others' mix.
    pub fn best_responses(&self, profile: &MixedProfile, i: usize) -> Vec<usize> {
        let vals = self.strategy_values(profile, i);
        let best = vals.iter().max().cloned().unwrap_or_else(Q::zero);
        (0..vals.len()).filter(|&s| vals[s] == best).collect()
    }

    /// Each player's regret: best pure-strategy value minus expected payoff (always >= 0).
    pub fn regrets(&self, profile: &MixedProfile) -> Vec<Q> {
        let plan = self.support_plan(profile);
        (0..self.num_players())
            .map(|i| {
                let vals = self.strategy_values_in(&plan, profile, i);
                let exp: Q = vals.iter().zip(&profile.probs[i]).map(|(v, p)| v * p).sum();
                let best = vals.into_iter().max().unwrap_or_else(Q::zero);
                best - exp
            })
            .collect()
    }

    /// The largest regret of any player: zero exactly at a Nash equilibrium.
    pub fn max_regret(&self, profile: &MixedProfile) -> Q {
        self.regrets(profile).into_iter().max().unwrap_or_else(Q::zero)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    use crate::game::fixtures::chicken;

    #[test]
    fn mixed_equilibrium_of_chicken_has_zero_regret() {
        let g = chicken();
        let p = MixedProfile { probs: vec![vec![frac(2, 3), frac(1, 3)], vec![frac(2, 3), frac(1, 3)]] };
        assert_eq!(g.max_regret(&p), q(0));
        assert_eq!(g.expected_payoffs(&p), vec![frac(14, 3), frac(14, 3)]);
        assert_eq!(g.best_responses(&p, 0), vec![0, 1]);
        let pure = MixedProfile::pure(&g, &[0, 0]);
        assert_eq!(g.max_regret(&pure), q(1));
        assert_eq!(pure.as_pure(), Some(vec![0, 0]));
        assert!(p.check(&g).is_ok());
        let (outcomes, cut) = p.outcomes(10);
        assert!(!cut);
        assert_eq!(outcomes.len(), 4);
        assert_eq!(outcomes[3], (vec![1, 1], frac(1, 9)));
        assert_eq!(outcomes.iter().map(|o| o.1.clone()).sum::<Q>(), q(1));
        assert_eq!(p.outcomes(2).0.len(), 2);
        assert!(p.outcomes(2).1);
    }
}
