//! Wars of attrition: who concedes, when, and for how long the standoff lasts — exactly.
//!
//! **Discrete time** ([`concession`]): for a subgame-perfect equilibrium of a [`Multistage`]
//! game, period by period. A player's *stop* actions ("concede") are derived from the game:
//! the actions after which the game ends whatever the others do
//! ([`Multistage::stop_actions`]). With `S_t` the probability that the standoff is still on
//! after period `t` (`S_{-1} = 1`):
//!
//! - `concede[i]` in period `t`: the probability that `i` plays a stop action in period `t`,
//!   given that the standoff is still on when the period starts;
//! - `survival` after `t`: `S_t = S_{t-1} · P(a continuing outcome in period t)`;
//! - `first_to_concede[i]`: the probability that the standoff ends in a period where `i` is the
//!   only player to play a stop action; `both_at_once`: where two or more do; `other_stop`:
//!   where it ends although nobody plays a stop action (an outcome that stops only in
//!   combination); `reaches_horizon`: nobody stops by the horizon, `S_{T-1}`. These add up to 1;
//! - `expected_duration`: the expected number of periods that end with the standoff still on,
//!   `Σ_{t<T} S_t` — a concession in period `t` means a standoff of `t` periods (0 if somebody
//!   concedes at once), and reaching the horizon means `T`;
//! - `payoffs`: expected payoffs at the start, recomputed along the path and checked against
//!   the SPE's values.
//!
//! **Continuous time** ([`ContinuousWar`]): the complete-information war of attrition in which
//! player `i` wins `V_i` when the other concedes first and pays `c_i` per unit of time while
//! both hold. Its equilibria: the two pure ones (one side concedes at once, the other never), the
//! atomless mixed one in which `i` concedes at the constant hazard rate `λ_i = c_j / V_j` (which
//! keeps `j` indifferent), and the family in which one side concedes at time 0 with probability
//! `α` and both then concede at those rates. [`convergence`] shows the discrete game with
//! period length `Δ` (cost `c_i Δ` per period) approaching it: the per-period concession
//! probability `p_i` satisfies `p_i / Δ → c_j / V_j`.

use crate::error::{Error, Result};
use crate::game::multistage::{Multistage, StageOutcome};
use crate::game::Player;
use crate::num::Q;
use crate::solve::tree::multistage::{solve_multistage, Selection, Spe};
use num_traits::{One, Signed, Zero};

/// Concession in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodConcession {
    /// The period (0-based).
    pub t: u64,
    /// Per player: probability of playing a stop action, given the standoff is still on.
    pub concede: Vec<Q>,
    /// Probability that the standoff is still on after this period (`S_t`).
    pub survival: Q,
}

/// The concession analysis of one SPE (see the module docs for the definitions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcessionAnalysis {
    /// Player names.
    pub players: Vec<String>,
    /// Each player's stop actions.
    pub stop_actions: Vec<Vec<String>>,
    /// Period by period.
    pub periods: Vec<PeriodConcession>,
    /// Per player: probability of being the only one to concede when the standoff ends.
    pub first_to_concede: Vec<Q>,
    /// Probability that two or more concede in the same (first) period.
    pub both_at_once: Q,
    /// Probability that the game stops with nobody playing a stop action.
    pub other_stop: Q,
    /// Probability that nobody stops by the horizon.
    pub reaches_horizon: Q,
    /// Expected number of periods ending with the standoff still on.
    pub expected_duration: Q,
    /// Expected payoffs at the start.
    pub payoffs: Vec<Q>,
}

/// `Σ_{k<len} x^k` exactly (`len` when `x = 1`).
fn geometric_sum(x: &Q, len: u64) -> Q {
    if x.is_one() {
        return Q::from_integer(len.into());
    }
    let p = pow_u(x, len);
    (Q::one() - p) / (Q::one() - x)
}

/// `x^e`, raising numerator and denominator separately (they stay coprime, so no gcd is needed).
fn pow_u(x: &Q, e: u64) -> Q {
    let e = usize::try_from(e).unwrap_or(usize::MAX);
    Q::new_raw(num_traits::pow(x.numer().clone(), e), num_traits::pow(x.denom().clone(), e))
}

/// gcd with one Euclidean step first: far cheaper than a binary gcd when one side is small.
fn gcd(a: &num_bigint::BigInt, b: &num_bigint::BigInt) -> num_bigint::BigInt {
    use num_integer::Integer;
    let (big, small) = if a.bits() >= b.bits() { (a, b) } else { (b, a) };
    if small.is_zero() {
        return big.abs();
    }
    (big % small).gcd(small)
}

/// `a · b` for reduced fractions, cancelling crosswise only (the product of reduced fractions
/// with the cross factors removed is reduced): no gcd of two long numbers.
fn mul(a: &Q, b: &Q) -> Q {
    if a.is_zero() || b.is_zero() {
        return Q::zero();
    }
    let g1 = gcd(a.numer(), b.denom());
    let g2 = gcd(b.numer(), a.denom());
    Q::new_raw((a.numer() / &g1) * (b.numer() / &g2), (a.denom() / &g2) * (b.denom() / &g1))
}

/// Analyses an SPE of `game` period by period; fails (internal error) if the payoffs along the
/// path disagree with the SPE's values.
///
/// Runs of consecutive periods with the same profile are summed in closed form (geometric
/// series), so a stationary SPE over 10,000 periods costs little beyond the per-period survival
/// probabilities themselves.
pub fn concession(game: &Multistage, spe: &Spe) -> Result<ConcessionAnalysis> {
    let n = game.num_players();
    let players: &[Player] = game.players();
    let stops: Vec<Vec<usize>> = (0..n).map(|i| game.stop_actions(i)).collect();
    let profiles: Vec<Vec<usize>> = (0..game.outcomes().len()).map(|k| game.profile_at(k)).collect();
    let conceders: Vec<Vec<usize>> =
        profiles.iter().map(|p| (0..n).filter(|&i| stops[i].contains(&p[i])).collect()).collect();
    let delta = game.discount();
    let mut reach = Q::one(); // S_{t-1}
    let mut weight = Q::one(); // δ^t
    let mut periods = Vec::with_capacity(spe.periods.len());
    let mut first = vec![Q::zero(); n];
    let mut both = Q::zero();
    let mut other = Q::zero();
    let mut duration = Q::zero();
    let mut payoffs = vec![Q::zero(); n];
    let mut t = 0usize;
    // Bytes held by the survival probabilities so far.
    let mut held: u128 = 0;
    while t < spe.periods.len() {
        let profile = &spe.periods[t].profile;
        let len = spe.periods[t..].iter().take_while(|p| p.profile == *profile).count();
        let probs = &profile.probs;
        let concede: Vec<Q> = (0..n).map(|i| stops[i].iter().map(|&a| probs[i][a].clone()).sum()).collect();
        // Per period of the run, given the standoff is on: continuation probability, stopping
        // mass by kind, and the expected stage payoff.
        let mut cont = Q::zero();
        let mut first_here = vec![Q::zero(); n];
        let mut both_here = Q::zero();
        let mut other_here = Q::zero();
        let mut stage_pay = vec![Q::zero(); n];
        for (k, prof) in profiles.iter().enumerate() {
            let w: Q = prof.iter().enumerate().map(|(i, &a)| &probs[i][a]).product();
            if w.is_zero() {
                continue;
            }
            let outcome = &game.outcomes()[k];
            for (p, u) in stage_pay.iter_mut().zip(outcome.payoffs()) {
                *p += &w * u;
            }
            match outcome {
                StageOutcome::Continue { .. } => cont += &w,
                StageOutcome::Stop { .. } => match conceders[k].as_slice() {
                    [] => other_here += &w,
                    [i] => first_here[*i] += &w,
                    _ => both_here += &w,
                },
            }
        }
        // Before the run (its sums below are as large): its survival probabilities are reach * cont^k, about k times the
        // size of cont each, so the run holds about len^2 / 2 times it.
        let cont_bytes = u128::from(cont.numer().bits() + cont.denom().bits()) / 8;
        let reach_bytes = u128::from(reach.numer().bits() + reach.denom().bits()) / 8 + 48;
        let run = len as u128;
        let estimate = held + run * reach_bytes + cont_bytes * run * (run + 1) / 2;
        if estimate > u128::from(crate::game::budget::limits().memory) {
            return Err(Error::TooLarge(format!(
                "the exact survival probabilities of this {}-period war need about {} of memory (the limit is {}; \
                 raise it with --max-memory, or lower the horizon): each period's probability is about {} bytes \
                 larger than the last",
                spe.periods.len(),
                crate::game::budget::human_bytes(u64::try_from(estimate).unwrap_or(u64::MAX)),
                crate::game::budget::human_bytes(crate::game::budget::limits().memory),
                cont_bytes.max(1)
            )));
        }
        // Σ over the run of S_{t-1} and of S_{t-1} δ^t.
        let len_u = len as u64;
        let reach_sum = &reach * geometric_sum(&cont, len_u);
        let disc_sum = &reach * &weight * geometric_sum(&(&cont * delta), len_u);
        for (f, x) in first.iter_mut().zip(&first_here) {
            *f += &reach_sum * x;
        }
        both += &reach_sum * &both_here;
        other += &reach_sum * &other_here;
        for (p, x) in payoffs.iter_mut().zip(&stage_pay) {
            *p += &disc_sum * x;
        }
        duration += &reach_sum * &cont;
        for k in 0..len {
            reach = mul(&reach, &cont);
            // The survival probabilities are exact: their size grows with every period, so the
            // table of them grows quadratically with the horizon. Stop at the memory budget.
            held = held.saturating_add(u128::from((reach.numer().bits() + reach.denom().bits()) / 8 + 48));
            if held > u128::from(crate::game::budget::limits().memory) {
                let periods_total = spe.periods.len() as u128;
                let done = (t + k + 1) as u128;
                return Err(Error::TooLarge(format!(
                    "the exact survival probabilities of this {periods_total}-period war need about {} of memory \
                     (the limit is {}; raise it with --max-memory, or lower the horizon): each period's \
                     probability has about {} more digits than the last, and {done} periods already hold {}",
                    crate::game::budget::human_bytes(
                        u64::try_from(held * periods_total * periods_total / (done * done)).unwrap_or(u64::MAX)
                    ),
                    crate::game::budget::human_bytes(crate::game::budget::limits().memory),
                    ((reach.numer().bits() + reach.denom().bits()) as f64 / done as f64 * std::f64::consts::LOG10_2)
                        .ceil(),
                    crate::game::budget::human_bytes(u64::try_from(held).unwrap_or(u64::MAX))
                )));
            }
            periods.push(PeriodConcession { t: (t + k) as u64, concede: concede.clone(), survival: reach.clone() });
        }
        weight *= pow_u(delta, len_u);
        t += len;
    }
    for (p, u) in payoffs.iter_mut().zip(game.terminal()) {
        *p += &reach * &weight * u;
    }
    if payoffs != spe.payoffs {
        return Err(Error::Internal("the concession analysis and the SPE disagree on the payoffs".into()));
    }
    Ok(ConcessionAnalysis {
        players: players.iter().map(|p| p.name.clone()).collect(),
        stop_actions: stops
            .iter()
            .zip(players)
            .map(|(s, p)| s.iter().map(|&a| p.strategies[a].clone()).collect())
            .collect(),
        periods,
        first_to_concede: first,
        both_at_once: both,
        other_stop: other,
        reaches_horizon: reach,
        expected_duration: duration,
        payoffs,
    })
}

/// The continuous-time war of attrition with values `V_i > 0` and cost rates `c_i > 0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinuousWar {
    /// `V_i`: what `i` gains when the other concedes first (over conceding itself).
    pub values: [Q; 2],
    /// `c_i`: what holding costs `i` per unit of time.
    pub costs: [Q; 2],
}

/// One equilibrium (or one member of a family) of the continuous-time war of attrition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinuousEquilibrium {
    /// A short name: `US never concedes; DPRK concedes at once`, `atomless mixed`, ...
    pub name: String,
    /// Per player: probability of conceding at time 0.
    pub atom: [Q; 2],
    /// Per player: the constant hazard rate of conceding after time 0 (None: never concedes).
    pub hazard: [Option<Q>; 2],
    /// Per player: probability of conceding first (ties have probability 0 here, except both
    /// atoms, which this family never has).
    pub first_to_concede: [Q; 2],
    /// Expected time until somebody concedes.
    pub expected_duration: Q,
    /// Expected payoffs.
    pub payoffs: [Q; 2],
}

impl ContinuousWar {
    /// A war of attrition; values and costs must be positive.
    pub fn new(values: [Q; 2], costs: [Q; 2]) -> Result<ContinuousWar> {
        if values.iter().chain(&costs).any(|x| !x.is_positive()) {
            return Err(Error::Game(format!(
                "the continuous war of attrition needs positive values and costs, found V = ({}, {}), c = ({}, {})",
                values[0], values[1], costs[0], costs[1]
            )));
        }
        Ok(ContinuousWar { values, costs })
    }

    /// Reads `V_i` and `c_i` off a two-player multistage game in which each player has one stop
    /// action and one other action, and only the profile of the two other actions continues:
    /// `V_i` = i's payoff when only the other stops minus i's payoff when only i stops;
    /// `c_i` = −(i's flow payoff when both hold). Discounting is ignored.
    pub fn from_multistage(game: &Multistage) -> Result<ContinuousWar> {
        let unsupported = |why: String| Error::Unsupported { method: "attrition --continuous".into(), reason: why };
        if game.num_players() != 2 {
            return Err(unsupported(format!("it needs two players, the game has {}", game.num_players())));
        }
        let mut stop = [0usize; 2];
        let mut hold = [0usize; 2];
        for i in 0..2 {
            let s = game.stop_actions(i);
            let m = game.players()[i].strategies.len();
            if m != 2 || s.len() != 1 {
                return Err(unsupported(format!(
                    "each player needs exactly two actions, one of which stops the game (a concession); `{}` has {m} \
                     action(s), {} of them stopping",
                    game.players()[i].name,
                    s.len()
                )));
            }
            stop[i] = s[0];
            hold[i] = 1 - s[0];
        }
        let at = |a: [usize; 2]| &game.outcomes()[game.profile_index(&a)];
        let StageOutcome::Continue { flow } = at(hold) else {
            return Err(unsupported("the profile where both hold must continue".into()));
        };
        let win = [at([hold[0], stop[1]]).payoffs()[0].clone(), at([stop[0], hold[1]]).payoffs()[1].clone()];
        let lose = [at([stop[0], hold[1]]).payoffs()[0].clone(), at([hold[0], stop[1]]).payoffs()[1].clone()];
        let values = [&win[0] - &lose[0], &win[1] - &lose[1]];
        let costs = [-flow[0].clone(), -flow[1].clone()];
        ContinuousWar::new(values, costs)
    }

    /// `λ_i = c_j / V_j`: the hazard rate at which `i` concedes in the mixed equilibrium.
    pub fn hazards(&self) -> [Q; 2] {
        [&self.costs[1] / &self.values[1], &self.costs[0] / &self.values[0]]
    }

    /// The pure equilibrium in which `winner` never concedes and the other concedes at once.
    pub fn pure(&self, winner: usize, names: &[String; 2]) -> ContinuousEquilibrium {
        let w = winner.min(1);
        let l = 1 - w;
        let mut atom = [Q::zero(), Q::zero()];
        atom[l] = Q::one();
        let mut first = [Q::zero(), Q::zero()];
        first[l] = Q::one();
        let mut payoffs = [Q::zero(), Q::zero()];
        payoffs[w] = self.values[w].clone();
        ContinuousEquilibrium {
            name: format!("{} never concedes, {} concedes at once", names[w], names[l]),
            atom,
            hazard: [None, None],
            first_to_concede: first,
            expected_duration: Q::zero(),
            payoffs,
        }
    }

    /// The atomless mixed equilibrium: constant hazards `λ_i = c_j / V_j`.
    pub fn atomless(&self) -> ContinuousEquilibrium {
        self.with_atom_unchecked(0, Q::zero(), "atomless mixed: constant hazard rates".into())
    }

    /// A member of the family with an atom at zero: `i` concedes at time 0 with probability
    /// `alpha` in (0, 1), then both concede at the hazards of [`ContinuousWar::hazards`].
    pub fn with_atom(&self, i: usize, alpha: Q, names: &[String; 2]) -> Result<ContinuousEquilibrium> {
        if !alpha.is_positive() || alpha >= Q::one() || i > 1 {
            return Err(Error::InvalidOption(format!("the atom at zero must be in (0, 1), found {alpha}")));
        }
        let name = format!("{} concedes at once with probability {alpha}, then hazards", names[i]);
        Ok(self.with_atom_unchecked(i, alpha, name))
    }

    fn with_atom_unchecked(&self, i: usize, alpha: Q, name: String) -> ContinuousEquilibrium {
        let j = 1 - i;
        let h = self.hazards();
        let total = &h[0] + &h[1];
        let rest = Q::one() - &alpha;
        let mut atom = [Q::zero(), Q::zero()];
        atom[i] = alpha.clone();
        let mut first = [Q::zero(), Q::zero()];
        first[i] = &alpha + &rest * &h[i] / &total;
        first[j] = &rest * &h[j] / &total;
        let mut payoffs = [Q::zero(), Q::zero()];
        payoffs[j] = &alpha * &self.values[j];
        ContinuousEquilibrium {
            name,
            atom,
            hazard: [Some(h[0].clone()), Some(h[1].clone())],
            first_to_concede: first,
            expected_duration: rest / total,
            payoffs,
        }
    }

    /// The two pure equilibria, the atomless one, and the atom family at `alpha = 1/2` for
    /// each side (as examples of the family).
    pub fn equilibria(&self, names: &[String; 2]) -> Vec<ContinuousEquilibrium> {
        let half = Q::new(1.into(), 2.into());
        let mut out = vec![self.pure(0, names), self.pure(1, names), self.atomless()];
        for (i, name) in names.iter().enumerate() {
            out.push(self.with_atom_unchecked(
                i,
                half.clone(),
                format!("{name} concedes at once with probability 1/2, then hazards"),
            ));
        }
        out
    }
}

/// One row of the convergence table: the discrete game with period length `Δ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvergenceRow {
    /// `Δ`.
    pub period_length: Q,
    /// Per player: the probability of conceding in the first period (mixed SPE).
    pub concede: [Q; 2],
    /// `concede / Δ`: the per-unit-of-time hazard.
    pub hazard: [Q; 2],
    /// The continuous-time limit `c_j / V_j`.
    pub limit: [Q; 2],
}

/// The discrete war of attrition with period length `Δ` for each `Δ` in `lengths`: winner's
/// prize `V_i`, loser 0, cost `c_i Δ` per period both hold, δ = `1 / (1 + rate·Δ)` (1 without
/// a rate), `horizon` periods; its mixed SPE's first-period concession probabilities and the
/// implied hazards `p_i / Δ`, which tend to `c_j / V_j` as `Δ → 0`.
pub fn convergence(war: &ContinuousWar, rate: Option<&Q>, lengths: &[Q], horizon: u64) -> Result<Vec<ConvergenceRow>> {
    let players = vec![
        Player { name: "1".into(), strategies: vec!["Concede".into(), "Hold".into()] },
        Player { name: "2".into(), strategies: vec!["Concede".into(), "Hold".into()] },
    ];
    let limit = war.hazards();
    let mut rows = Vec::with_capacity(lengths.len());
    for d in lengths {
        if !d.is_positive() {
            return Err(Error::InvalidOption(format!("a period length must be positive, found {d}")));
        }
        let discount = match rate {
            Some(r) => Q::one() / (Q::one() + r * d),
            None => Q::one(),
        };
        let outcomes = vec![
            StageOutcome::Stop { payoffs: vec![Q::zero(), Q::zero()] },
            StageOutcome::Stop { payoffs: vec![war.values[0].clone(), Q::zero()] },
            StageOutcome::Stop { payoffs: vec![Q::zero(), war.values[1].clone()] },
            StageOutcome::Continue { flow: vec![-(&war.costs[0] * d), -(&war.costs[1] * d)] },
        ];
        let game = Multistage::new("convergence", players.clone(), outcomes, discount, horizon, vec![Q::zero(); 2])?;
        let sol = solve_multistage(&game, Selection::Mixed)?;
        let first = sol
            .spes
            .first()
            .and_then(|s| s.periods.first())
            .ok_or_else(|| Error::Internal("no mixed SPE in the convergence game".into()))?;
        let concede = [first.profile.probs[0][0].clone(), first.profile.probs[1][0].clone()];
        let hazard = [&concede[0] / d, &concede[1] / d];
        rows.push(ConvergenceRow { period_length: d.clone(), concede, hazard, limit: limit.clone() });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::multistage::tests::attrition;
    use crate::num::{frac, q};

    fn names() -> [String; 2] {
        ["US".to_string(), "DPRK".to_string()]
    }

    #[test]
    fn fast_products_are_reduced_and_exact() {
        for (a, b) in [(frac(4, 9), frac(3, 8)), (frac(-5, 6), frac(6, 25)), (q(0), frac(1, 3)), (frac(7, 1), q(1))] {
            let m = mul(&a, &b);
            assert_eq!(m, &a * &b);
            assert_eq!((m.numer().clone(), m.denom().clone()), ((&a * &b).numer().clone(), (&a * &b).denom().clone()));
        }
        assert_eq!(pow_u(&frac(-2, 3), 3), frac(-8, 27));
        assert_eq!(geometric_sum(&frac(1, 2), 3), frac(7, 4));
        assert_eq!(geometric_sum(&q(1), 3), q(3));
    }

    #[test]
    fn symmetric_stationary_war() {
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, [0, 0]);
        let spe = solve_multistage(&g, Selection::Mixed).unwrap().spes.remove(0);
        let a = concession(&g, &spe).unwrap();
        assert_eq!(a.stop_actions, vec![vec!["Concede".to_string()], vec!["Concede".to_string()]]);
        // Each concedes with 1/6 per period; the standoff survives a period with (5/6)^2.
        let s = frac(25, 36);
        for (t, p) in a.periods.iter().enumerate() {
            assert_eq!(p.concede, vec![frac(1, 6), frac(1, 6)]);
            assert_eq!(p.survival, crate::num::pow_q(&s, t as i64 + 1).unwrap());
        }
        // Symmetric: each is first with the same probability; they add up to 1.
        assert_eq!(a.first_to_concede[0], a.first_to_concede[1]);
        let total =
            &a.first_to_concede[0] + &a.first_to_concede[1] + &a.both_at_once + &a.other_stop + &a.reaches_horizon;
        assert_eq!(total, q(1));
        let ended = q(1) - &a.reaches_horizon;
        // Per period, P(both | ends) = (1/36) / (11/36).
        assert_eq!(&a.both_at_once / &ended, frac(1, 11));
        let expected: Q = (1..=5).map(|t| crate::num::pow_q(&s, t).unwrap()).sum();
        assert_eq!(a.expected_duration, expected);
        assert_eq!(a.payoffs, vec![q(0), q(0)]);
    }

    #[test]
    fn asymmetric_rates_are_pinned_by_the_other_sides_payoffs() {
        // The US concedes at the rate that keeps the DPRK indifferent: c_D / (V_D + c_D).
        let g = attrition([10, 20], [2, 3], 0, q(1), 4, [0, 0]);
        let spe = solve_multistage(&g, Selection::Mixed).unwrap().spes.remove(0);
        let a = concession(&g, &spe).unwrap();
        assert_eq!(a.periods[0].concede, vec![frac(3, 23), frac(2, 12)]);
    }

    #[test]
    fn continuous_time_closed_forms() {
        let g = attrition([10, 20], [2, 3], 0, q(1), 4, [0, 0]);
        let w = ContinuousWar::from_multistage(&g).unwrap();
        assert_eq!(w.values, [q(10), q(20)]);
        assert_eq!(w.costs, [q(2), q(3)]);
        // λ_US = c_D / V_D = 3/20, λ_D = c_US / V_US = 1/5.
        assert_eq!(w.hazards(), [frac(3, 20), frac(1, 5)]);
        let m = w.atomless();
        assert_eq!(m.first_to_concede, [frac(3, 7), frac(4, 7)]);
        assert_eq!(m.expected_duration, frac(20, 7));
        assert_eq!(m.payoffs, [q(0), q(0)]);
        let p = w.pure(0, &names());
        assert_eq!(p.payoffs, [q(10), q(0)]);
        assert_eq!(p.first_to_concede, [q(0), q(1)]);
        let a = w.with_atom(1, frac(1, 4), &names()).unwrap();
        assert_eq!(a.payoffs, [frac(5, 2), q(0)]);
        assert_eq!(a.first_to_concede[1], frac(1, 4) + frac(3, 4) * frac(4, 7));
        assert_eq!(&a.first_to_concede[0] + &a.first_to_concede[1], q(1));
        assert_eq!(a.expected_duration, frac(15, 7));
        assert!(w.with_atom(0, q(1), &names()).is_err());
        assert_eq!(w.equilibria(&names()).len(), 5);
        assert!(ContinuousWar::new([q(0), q(1)], [q(1), q(1)]).is_err());
    }

    #[test]
    fn discrete_hazards_converge() {
        let w = ContinuousWar::new([q(10), q(20)], [q(2), q(3)]).unwrap();
        let lengths: Vec<Q> = (0..6).map(|k| frac(1, 1 << k)).collect();
        let rows = convergence(&w, None, &lengths, 3).unwrap();
        for r in &rows {
            // p_1 = c_2 Δ / (V_2 + c_2 Δ), so p_1 / Δ = c_2 / (V_2 + c_2 Δ).
            assert_eq!(r.hazard[0], q(3) / (q(20) + q(3) * &r.period_length));
        }
        let gaps: Vec<Q> = rows.iter().map(|r| &r.limit[0] - &r.hazard[0]).collect();
        assert!(gaps.windows(2).all(|g| g[1] < g[0] && g[1].is_positive()), "{gaps:?}");
        let with_rate = convergence(&w, Some(&frac(1, 10)), &lengths, 3).unwrap();
        assert!((&with_rate[5].hazard[1] - &with_rate[5].limit[1]).abs() < frac(1, 100));
    }
}
