//! Subgame-perfect equilibria of multistage games ([`Multistage`]) by backward induction over
//! periods.
//!
//! With `V_T` the terminal payoffs, period `t`'s stage game has the Stop payoffs on stopping
//! outcomes and `flow + δ·V_{t+1}` on continuing ones ([`Multistage::stage_game`]); a stage
//! equilibrium `σ_t` of it gives `V_t`, its expected payoffs. Any choice of one stage
//! equilibrium per period is a subgame-perfect equilibrium (one-shot deviation principle); the
//! ones found here are *stationary in structure*: play in period `t` does not depend on which
//! continuing outcome led there.
//!
//! Stage games are solved exactly: two players — every extreme equilibrium (a closed form for
//! non-degenerate 2x2 stage games, vertex enumeration otherwise); more players — the pure
//! equilibria. Which stage equilibria make up the reported SPEs is the [`Selection`]:
//!
//! - `mixed`: in every period the most mixed stage equilibrium (largest total support; the
//!   first in a fixed order among ties). One SPE.
//! - `pure`: every SPE that plays one and the same pure profile in every period (that profile
//!   must be a stage equilibrium in every period, given its own continuation values).
//! - `default`: the `mixed` SPE and the `pure` ones (without repeats).
//! - `all`: every combination of stage equilibria over the periods, at most [`MAX_ALL_SPE`]
//!   listed; the report says whether the list is complete.
//!
//! Every reported SPE is verified exactly ([`verify_spe`]): each period's profile has regret 0
//! in that period's stage game and the stated values follow from it.

use crate::error::{Error, Result};
use crate::game::multistage::Multistage;
use crate::game::{MixedProfile, NormalForm};
use crate::num::{fmt_q, Q};
use crate::solve::enumerate::enumerate;
use crate::solve::pure::pure_equilibria;
use crate::solve::SolveOptions;
use num_traits::{One, Zero};

/// The most SPEs listed by [`Selection::All`].
pub const MAX_ALL_SPE: usize = 1000;

/// Which subgame-perfect equilibria to report (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    /// The `mixed` SPE and the stationary pure ones.
    #[default]
    Default,
    /// The most mixed stage equilibrium in every period.
    Mixed,
    /// The same pure stage equilibrium in every period.
    Pure,
    /// Every combination of stage equilibria, up to [`MAX_ALL_SPE`].
    All,
}

impl Selection {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Selection::Default => "default",
            Selection::Mixed => "mixed",
            Selection::Pure => "pure",
            Selection::All => "all",
        }
    }
}

/// Play in one period of an SPE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodPlay {
    /// The stage equilibrium played in this period.
    pub profile: MixedProfile,
    /// `V_t`: each player's expected payoff from this period on, valued at this period.
    pub value: Vec<Q>,
}

/// A subgame-perfect equilibrium of a multistage game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spe {
    /// What kind of SPE: `mixed`, `pure: Hold, Concede` (stationary pure), or `combination k`.
    pub kind: String,
    /// Play in periods `0..T`.
    pub periods: Vec<PeriodPlay>,
    /// Expected payoffs at the start (`V_0`).
    pub payoffs: Vec<Q>,
}

/// What [`solve_multistage`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultistageSolution {
    /// The selection used.
    pub selection: Selection,
    /// The SPEs, verified exactly.
    pub spes: Vec<Spe>,
    /// For `all`: true if every combination is listed. Otherwise true.
    pub complete: bool,
    /// Remarks (selection, caps, periods with several stage equilibria).
    pub notes: Vec<String>,
}

/// All stage equilibria found for a stage game, in a fixed order: two players — every extreme
/// equilibrium (closed form for non-degenerate 2x2 games, else vertex enumeration); otherwise
/// the pure equilibria.
pub fn stage_equilibria(game: &NormalForm) -> Result<Vec<MixedProfile>> {
    if game.num_players() == 2 {
        if let Some(eqs) = two_by_two(game) {
            return Ok(eqs);
        }
        let sol = enumerate(game, &SolveOptions::default())?;
        let mut eqs: Vec<MixedProfile> = sol.equilibria.into_iter().map(|e| e.profile).collect();
        eqs.sort();
        eqs.dedup();
        return Ok(eqs);
    }
    let mut eqs: Vec<MixedProfile> =
        pure_equilibria(game).into_iter().map(|k| MixedProfile::pure(game, &game.profile_at(k))).collect();
    eqs.sort();
    Ok(eqs)
}

/// Every equilibrium of a non-degenerate 2x2 game in closed form (None if the game is not 2x2
/// or some player is indifferent between its actions against a pure action of the other).
pub fn two_by_two(game: &NormalForm) -> Option<Vec<MixedProfile>> {
    if game.num_players() != 2 || game.num_strategies(0) != 2 || game.num_strategies(1) != 2 {
        return None;
    }
    let a = |i: usize, j: usize| game.payoff(&[i, j], 0);
    let b = |i: usize, j: usize| game.payoff(&[i, j], 1);
    if (0..2).any(|j| a(0, j) == a(1, j)) || (0..2).any(|i| b(i, 0) == b(i, 1)) {
        return None;
    }
    let mut out = Vec::new();
    for i in 0..2 {
        for j in 0..2 {
            if a(i, j) > a(1 - i, j) && b(i, j) > b(i, 1 - j) {
                out.push(MixedProfile::pure(game, &[i, j]));
            }
        }
    }
    // p = P(row 0) leaves player 2 indifferent; r = P(column 0) leaves player 1 indifferent.
    let dp = b(0, 0) - b(1, 0) - b(0, 1) + b(1, 1);
    let dr = a(0, 0) - a(0, 1) - a(1, 0) + a(1, 1);
    if !dp.is_zero() && !dr.is_zero() {
        let p = (b(1, 1) - b(1, 0)) / dp;
        let r = (a(1, 1) - a(0, 1)) / dr;
        let inside = |x: &Q| x > &Q::zero() && x < &Q::one();
        if inside(&p) && inside(&r) {
            out.push(MixedProfile { probs: vec![vec![p.clone(), Q::one() - p], vec![r.clone(), Q::one() - r]] });
        }
    }
    out.sort();
    Some(out)
}

fn support_size(p: &MixedProfile) -> usize {
    p.probs.iter().map(|x| x.iter().filter(|v| !v.is_zero()).count()).sum()
}

/// The most mixed profile (largest total support; the first among ties).
fn most_mixed(eqs: &[MixedProfile]) -> Option<&MixedProfile> {
    let best = eqs.iter().map(support_size).max()?;
    eqs.iter().find(|e| support_size(e) == best)
}

fn no_equilibrium(t: u64) -> Error {
    Error::Unsupported {
        method: "attrition".into(),
        reason: format!(
            "the stage game of period {t} has no pure equilibrium (with more than two players only pure stage \
             equilibria are computed)"
        ),
    }
}

/// Exact operations (in `--max-work` units) per squared 64-bit limb of a period's continuation
/// values: solving one stage game with them (measured: 300 periods of the attrition model with
/// `deal_value = 1` take about 5 s).
const OPS_PER_LIMB2: u128 = 12_000;

/// The cost of the periods solved so far, to project the whole horizon's before it is spent.
/// When the continuation values change every period their exact size grows about linearly, so
/// a period costs about t^2 and the horizon about T^3 / 3.
#[derive(Default)]
struct Growth {
    ops: u128,
    solved: u64,
}

impl Growth {
    fn period(&mut self, values: &[Q], done: u64, horizon: u64) -> Result<()> {
        let bits = values.iter().map(|v| v.numer().bits() + v.denom().bits()).max().unwrap_or(0);
        let limbs = u128::from(bits / 64 + 1);
        self.ops = self.ops.saturating_add(limbs * limbs * OPS_PER_LIMB2);
        self.solved += 1;
        if self.solved.is_multiple_of(32) && done < horizon {
            let scale = u128::from(horizon) / u128::from(done.max(1));
            let projected = self.ops.saturating_mul(scale.saturating_pow(3));
            if projected > u128::from(crate::game::budget::limits().work) {
                return Err(Error::TooLarge(format!(
                    "solving all {horizon} periods would take about {:.1e} operations (the limit is {:.1e}; raise \
                     it with --max-work, or lower the horizon): the continuation values change every period and \
                     their exact fractions grow, to about {bits} bits after {done} periods",
                    projected as f64,
                    crate::game::budget::limits().work as f64
                )));
            }
        }
        Ok(())
    }
}

/// The `mixed` SPE: the most mixed stage equilibrium in every period.
fn mixed_spe(game: &Multistage) -> Result<(Spe, u64)> {
    let t_max = game.horizon();
    let mut periods: Vec<PeriodPlay> = Vec::with_capacity(t_max as usize);
    let mut next = game.terminal().to_vec();
    let mut several = 0u64;
    // The last stage game solved: (continuation, chosen profile, its value, several equilibria?).
    let mut cache: Option<(Vec<Q>, MixedProfile, Vec<Q>, bool)> = None;
    let mut growth = Growth::default();
    for t in (0..t_max).rev() {
        let hit = cache.as_ref().filter(|c| c.0 == next).map(|c| (c.1.clone(), c.2.clone(), c.3));
        let (profile, value, many) = match hit {
            Some(h) => h,
            None => {
                growth.period(&next, t_max - t, t_max)?;
                let stage = game.stage_game(&next)?;
                let eqs = stage_equilibria(&stage)?;
                let p = most_mixed(&eqs).ok_or_else(|| no_equilibrium(t))?.clone();
                let val = stage.expected_payoffs(&p);
                let many = eqs.len() > 1;
                cache = Some((next.clone(), p.clone(), val.clone(), many));
                (p, val, many)
            }
        };
        if many {
            several += 1;
        }
        next = value.clone();
        periods.push(PeriodPlay { profile, value });
    }
    periods.reverse();
    let payoffs = periods.first().map(|p| p.value.clone()).unwrap_or_default();
    Ok((Spe { kind: "mixed".into(), periods, payoffs }, several))
}

/// The SPE playing pure profile `k` in every period, if it is a stage equilibrium in each.
fn stationary_pure(game: &Multistage, k: usize) -> Result<Option<Spe>> {
    let prof = game.profile_at(k);
    let mut periods: Vec<PeriodPlay> = Vec::with_capacity(game.horizon() as usize);
    let mut next = game.terminal().to_vec();
    let mut last_ok: Option<Vec<Q>> = None;
    for _ in (0..game.horizon()).rev() {
        let stage = game.stage_game(&next)?;
        let p = MixedProfile::pure(&stage, &prof);
        if last_ok.as_ref() != Some(&next) {
            if !stage.max_regret(&p).is_zero() {
                return Ok(None);
            }
            last_ok = Some(next.clone());
        }
        let value = stage.payoffs_at(k).to_vec();
        next = value.clone();
        periods.push(PeriodPlay { profile: p, value });
    }
    periods.reverse();
    let payoffs = periods.first().map(|p| p.value.clone()).unwrap_or_default();
    Ok(Some(Spe { kind: format!("pure: {}", game.profile_label(k)), periods, payoffs }))
}

/// Every combination of stage equilibria, at most `limit` (depth-first from the last period).
fn all_spe(game: &Multistage, limit: usize) -> Result<(Vec<Spe>, bool)> {
    let t_max = game.horizon();
    // (plays for periods T-1 down to t+1, in that order)
    let mut stack: Vec<Vec<PeriodPlay>> = vec![Vec::new()];
    let mut out = Vec::new();
    while let Some(mut partial) = stack.pop() {
        loop {
            if partial.len() as u64 == t_max {
                partial.reverse();
                let payoffs = partial.first().map(|p| p.value.clone()).unwrap_or_default();
                out.push(Spe { kind: format!("combination {}", out.len() + 1), periods: partial, payoffs });
                if out.len() >= limit {
                    return Ok((out, stack.is_empty()));
                }
                break;
            }
            let t = t_max - 1 - partial.len() as u64;
            let next = partial.last().map_or_else(|| game.terminal().to_vec(), |p| p.value.clone());
            let stage = game.stage_game(&next)?;
            let eqs = stage_equilibria(&stage)?;
            if eqs.is_empty() {
                return Err(no_equilibrium(t));
            }
            // Branch: push all but the first; continue with the first in place.
            for e in eqs.iter().skip(1).rev() {
                let mut other = partial.clone();
                other.push(PeriodPlay { value: stage.expected_payoffs(e), profile: e.clone() });
                stack.push(other);
            }
            let first = &eqs[0];
            partial.push(PeriodPlay { value: stage.expected_payoffs(first), profile: first.clone() });
        }
    }
    Ok((out, true))
}

/// Solves a multistage game by backward induction with the given selection; every SPE is
/// verified exactly.
pub fn solve_multistage(game: &Multistage, selection: Selection) -> Result<MultistageSolution> {
    let mut spes: Vec<Spe> = Vec::new();
    let mut notes = Vec::new();
    let mut complete = true;
    if matches!(selection, Selection::Default | Selection::Mixed) {
        let (spe, several) = mixed_spe(game)?;
        if several > 0 {
            notes.push(format!(
                "{several} period(s) have several stage equilibria; the `mixed` SPE plays the most mixed one \
                 in each (use --select all to list every combination)"
            ));
        }
        spes.push(spe);
    }
    if matches!(selection, Selection::Default | Selection::Pure) {
        for k in 0..game.outcomes().len() {
            if let Some(spe) = stationary_pure(game, k)? {
                if !spes.iter().any(|s| s.periods == spe.periods) {
                    spes.push(spe);
                }
            }
        }
        if selection == Selection::Pure && spes.is_empty() {
            notes.push("no pure profile is a stage equilibrium in every period".into());
        }
    }
    if selection == Selection::All {
        let (all, done) = all_spe(game, MAX_ALL_SPE)?;
        complete = done;
        notes.push(if done {
            format!("all {} combinations of stage equilibria over the periods are listed", all.len())
        } else {
            format!("the first {MAX_ALL_SPE} combinations of stage equilibria are listed; more exist")
        });
        spes = all;
    }
    for (k, s) in spes.iter().enumerate() {
        verify_spe(game, s).map_err(|m| Error::Internal(format!("SPE {}: {m}", k + 1)))?;
    }
    Ok(MultistageSolution { selection, spes, complete, notes })
}

/// Checks an SPE exactly: in every period the profile is a distribution with regret 0 in that
/// period's stage game (whose continuation comes from the later periods), and the stated
/// values are its expected payoffs.
pub fn verify_spe(game: &Multistage, spe: &Spe) -> std::result::Result<(), String> {
    if spe.periods.len() as u64 != game.horizon() {
        return Err(format!("{} periods for a horizon of {}", spe.periods.len(), game.horizon()));
    }
    let mut next = game.terminal().to_vec();
    let mut checked: Option<(Vec<Q>, MixedProfile)> = None;
    for (t, play) in spe.periods.iter().enumerate().rev() {
        let stage = game.stage_game(&next).map_err(|e| e.to_string())?;
        let same = checked.as_ref().is_some_and(|(v, p)| *v == next && *p == play.profile);
        if !same {
            play.profile.check(&stage).map_err(|m| format!("period {t}: {m}"))?;
            let regret = stage.max_regret(&play.profile);
            if !regret.is_zero() {
                return Err(format!("period {t}: regret {} in the stage game", fmt_q(&regret)));
            }
            if stage.expected_payoffs(&play.profile) != play.value {
                return Err(format!("period {t}: wrong continuation value"));
            }
            checked = Some((next.clone(), play.profile.clone()));
        }
        next = play.value.clone();
    }
    if spe.periods.first().map(|p| &p.value) != Some(&spe.payoffs) {
        return Err("wrong payoffs".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::multistage::tests::attrition;
    use crate::game::Player;
    use crate::num::{frac, q};

    #[test]
    fn closed_form_2x2_agrees_with_enumeration() {
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 7) as i64 - 3
        };
        let players = vec![
            Player { name: "A".into(), strategies: vec!["x".into(), "y".into()] },
            Player { name: "B".into(), strategies: vec!["u".into(), "v".into()] },
        ];
        let mut closed = 0;
        for _ in 0..300 {
            let flat: Vec<Q> = (0..8).map(|_| q(next())).collect();
            let g = NormalForm::from_flat("r", players.clone(), flat).unwrap();
            let mut e: Vec<MixedProfile> =
                enumerate(&g, &SolveOptions::default()).unwrap().equilibria.into_iter().map(|e| e.profile).collect();
            e.sort();
            e.dedup();
            if let Some(c) = two_by_two(&g) {
                closed += 1;
                assert_eq!(c, e, "{:?}", g.flat_payoffs());
            }
            assert_eq!(stage_equilibria(&g).unwrap(), e);
        }
        assert!(closed > 100, "{closed}");
    }

    #[test]
    fn symmetric_stationary_concession_is_c_over_v_plus_c() {
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, [0, 0]);
        let sol = solve_multistage(&g, Selection::Mixed).unwrap();
        let spe = &sol.spes[0];
        for p in &spe.periods {
            assert_eq!(p.profile.probs[0][0], frac(1, 6));
            assert_eq!(p.profile.probs[1][0], frac(1, 6));
            assert_eq!(p.value, vec![q(0), q(0)]);
        }
        // Default: the mixed SPE plus the two stationary pure ones (one side always concedes).
        let sol = solve_multistage(&g, Selection::Default).unwrap();
        let kinds: Vec<&str> = sol.spes.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, vec!["mixed", "pure: Hold, Concede", "pure: Concede, Hold"]);
        assert_eq!(sol.spes[1].payoffs, vec![q(10), q(0)]);
    }

    #[test]
    fn all_combinations_are_counted_and_capped() {
        // Last period: three stage equilibria; after either pure one the winner's value makes
        // holding dominant for it earlier, so only the mixed branch splits again: 2T + 1 SPEs.
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 2, [0, 0]);
        let sol = solve_multistage(&g, Selection::All).unwrap();
        assert!(sol.complete);
        assert_eq!(sol.spes.len(), 5);
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 12, [0, 0]);
        assert_eq!(solve_multistage(&g, Selection::All).unwrap().spes.len(), 25);
        // A repeated coordination game (everything continues): 3 stage equilibria every
        // period, 3^7 = 2187 combinations, so the list stops at the cap.
        let players = vec![
            Player { name: "A".into(), strategies: vec!["x".into(), "y".into()] },
            Player { name: "B".into(), strategies: vec!["x".into(), "y".into()] },
        ];
        let flow = |a: i64, b: i64| crate::game::StageOutcome::Continue { flow: vec![q(a), q(b)] };
        let outcomes = vec![flow(2, 1), flow(0, 0), flow(0, 0), flow(1, 2)];
        let g = Multistage::new("bos", players, outcomes, q(1), 7, vec![q(0), q(0)]).unwrap();
        let sol = solve_multistage(&g, Selection::All).unwrap();
        assert!(!sol.complete);
        assert_eq!(sol.spes.len(), MAX_ALL_SPE);
        assert!(sol.notes[0].contains("more exist"), "{:?}", sol.notes);
    }

    #[test]
    fn deadline_makes_one_side_concede_at_once_in_the_last_period() {
        // At the horizon the DPRK gets 10: in the last period holding costs the DPRK 2 but is
        // worth 9 (= 9/10 * 10), so Hold is dominant for the DPRK and the US concedes.
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, [0, 10]);
        let sol = solve_multistage(&g, Selection::Mixed).unwrap();
        let last = sol.spes[0].periods.last().unwrap();
        assert_eq!(last.profile.probs[0][0], q(1));
        assert_eq!(last.profile.probs[1][0], q(0));
    }

    #[test]
    fn verifier_rejects_a_wrong_profile() {
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 3, [0, 0]);
        let mut spe = solve_multistage(&g, Selection::Mixed).unwrap().spes.remove(0);
        spe.periods[1].profile.probs[0] = vec![frac(1, 2), frac(1, 2)];
        assert!(verify_spe(&g, &spe).unwrap_err().contains("period 1"));
    }
}
