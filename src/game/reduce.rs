//! The reduced strategic form of a tree with perfect recall, and the maps between its mixed
//! strategies and behaviour strategies (Kuhn's theorem).
//!
//! A **reduced** pure strategy chooses an action only at the information sets that the player's
//! own earlier choices do not exclude; the others are shown as `*`. Strategies are labelled by
//! their actions in the player's document order of information sets, joined by `/`
//! (`Offer/Comply`, `Hold/*`). Payoffs are exact expected payoffs, chance included, with
//! outcomes on inner nodes accumulated along the path.

use super::budget::{human_bytes, BYTES_PER_PAYOFF};
use super::normal::{NormalForm, Player};
use super::profile::MixedProfile;
use super::tree::{BehaviorProfile, NodeKind, Tree};
use crate::error::{Error, Result};
use crate::num::Q;
use num_traits::{One, Zero};

/// The largest number of pure profiles of a reduced strategic form we build at the default
/// `--max-memory` (the cap scales with it: [`super::budget::reduced_profile_limit`]).
pub const MAX_REDUCED_PROFILES: usize = super::budget::DEFAULT_REDUCED_PROFILES as usize;

/// The largest number of reduced strategies of one player we enumerate at the default
/// `--max-memory` (the cap scales with it: [`super::budget::reduced_strategy_limit`]).
pub const MAX_REDUCED_STRATEGIES: usize = super::budget::DEFAULT_REDUCED_STRATEGIES as usize;

/// A tree's reduced strategic form and what each strategy means.
#[derive(Debug, Clone, PartialEq)]
pub struct ReducedForm {
    /// The strategic-form game (labels as described in the module docs).
    pub game: NormalForm,
    /// `strategies[player][s][infoset]`: the action of reduced strategy `s` at each of the
    /// player's information sets (document order), `None` where the strategy does not decide.
    pub strategies: Vec<Vec<Vec<Option<usize>>>>,
}

/// The memory the reduced strategies of all players may take (each strategy is one entry per
/// information set of its player) by default: 1 GiB, half of `--max-memory`.
pub const REDUCED_STRATEGY_MEMORY_BUDGET: u64 = 1 << 30;

/// How many reduced pure strategies player `i` has, counted without listing them (saturating).
///
/// At an information set the count is the sum over its actions of the product of the counts
/// of the player's information sets that follow that action directly; the player's count is
/// the product over the sets that no own move precedes. Linear in the size of the tree.
pub fn reduced_strategy_count(tree: &Tree, i: usize) -> u128 {
    let parents = tree.own_parent_moves(i);
    let sets = tree.player_infosets(i);
    // below[k][a]: product of the counts of the sets that follow action `a` of set `k` directly.
    let mut below: Vec<Vec<u128>> = sets.iter().map(|&h| vec![1; tree.infoset_actions(h).len()]).collect();
    let mut total: u128 = 1;
    // A set's own parent move is at an earlier set in document order, so one backward pass suffices.
    for k in (0..sets.len()).rev() {
        let count = below[k].iter().fold(0u128, |acc, &x| acc.saturating_add(x));
        match parents[k] {
            Some((pk, pa)) if pk < k => below[pk][pa] = below[pk][pa].saturating_mul(count),
            _ => total = total.saturating_mul(count),
        }
    }
    total
}

/// Estimated bytes of the listed reduced strategies of player `i` with `count` strategies.
fn strategies_bytes(tree: &Tree, i: usize, count: u128) -> u128 {
    let per = std::mem::size_of::<Option<usize>>() * tree.player_infosets(i).len() + 24;
    count.saturating_mul(per as u128)
}

fn too_many_strategies(tree: &Tree, i: usize, count: u128) -> Error {
    let shown = if count == u128::MAX { "astronomically many".to_string() } else { format!("{count}") };
    Error::TooLarge(format!(
        "player `{}` has more than {} reduced strategies ({shown}); the reduced strategic form is too large \
         (raise the limit with --max-memory, which scales it; or use --method spe on a perfect-information tree)",
        tree.players()[i],
        super::budget::reduced_strategy_limit()
    ))
}

/// Player `i`'s reduced pure strategies (first information set varying slowest).
///
/// They are counted first ([`reduced_strategy_count`]); more than [`MAX_REDUCED_STRATEGIES`],
/// or a list beyond [`REDUCED_STRATEGY_MEMORY_BUDGET`], is an [`Error::TooLarge`] before any
/// is built.
pub fn reduced_strategies(tree: &Tree, i: usize) -> Result<Vec<Vec<Option<usize>>>> {
    let count = reduced_strategy_count(tree, i);
    if count > super::budget::reduced_strategy_limit() {
        return Err(too_many_strategies(tree, i, count));
    }
    let bytes = strategies_bytes(tree, i, count);
    let budget = crate::game::budget::reduced_strategy_budget();
    if bytes > u128::from(budget) {
        return Err(Error::TooLarge(format!(
            "the {count} reduced strategies of player `{}` need about {} of memory (the limit is {}, \
             half of --max-memory); \
             the reduced strategic form is too large (use --method spe on a perfect-information tree)",
            tree.players()[i],
            human_bytes(u64::try_from(bytes).unwrap_or(u64::MAX)),
            human_bytes(budget)
        )));
    }
    let parents = tree.own_parent_moves(i);
    let sets = tree.player_infosets(i);
    let mut out: Vec<Vec<Option<usize>>> = vec![vec![None; sets.len()]];
    for (k, &h) in sets.iter().enumerate() {
        let m = tree.infoset_actions(h).len();
        let mut next = Vec::with_capacity(out.len());
        for s in out {
            let decides = match parents[k] {
                None => true,
                Some((pk, pa)) => s[pk] == Some(pa),
            };
            if decides {
                for a in 0..m {
                    let mut t = s.clone();
                    t[k] = Some(a);
                    next.push(t);
                }
            } else {
                next.push(s);
            }
            if next.len() as u128 > super::budget::reduced_strategy_limit() {
                return Err(too_many_strategies(tree, i, count));
            }
        }
        out = next;
    }
    Ok(out)
}

fn strategy_label(tree: &Tree, i: usize, s: &[Option<usize>]) -> String {
    if s.is_empty() {
        return "(no move)".to_string();
    }
    let sets = tree.player_infosets(i);
    s.iter()
        .zip(sets)
        .map(|(a, &h)| match a {
            Some(a) => tree.infoset_actions(h)[*a].clone(),
            None => "*".to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Builds the reduced strategic form of a tree with perfect recall.
///
/// Errors: [`Error::Unsupported`] without perfect recall (naming the player and information
/// set), [`Error::TooLarge`] when the form would be too large.
pub fn reduce(tree: &Tree) -> Result<ReducedForm> {
    if let Err(v) = tree.perfect_recall() {
        return Err(Error::Unsupported {
            method: "reduced strategic form".into(),
            reason: format!("{} (information set {} of that player)", v.reason, v.infoset + 1),
        });
    }
    let n = tree.num_players();
    // Counted before anything is listed: a 30,000-node chain is refused at once, not after 6 GB.
    let counts: Vec<u128> = (0..n).map(|i| reduced_strategy_count(tree, i)).collect();
    let (max_strategies, max_profiles) =
        (super::budget::reduced_strategy_limit(), super::budget::reduced_profile_limit());
    if let Some(i) = counts.iter().position(|&c| c > max_strategies) {
        return Err(too_many_strategies(tree, i, counts[i]));
    }
    let total = counts.iter().try_fold(1u128, |acc, &c| acc.checked_mul(c));
    if total.is_none_or(|t| t > max_profiles) {
        let sizes: Vec<String> = counts
            .iter()
            .map(|&c| if c == u128::MAX { "astronomically many".to_string() } else { c.to_string() })
            .collect();
        let about = match total {
            Some(t) => format!(
                "about {t} profiles, needing about {}",
                human_bytes(
                    u64::try_from(t.saturating_mul(n as u128 * u128::from(BYTES_PER_PAYOFF))).unwrap_or(u64::MAX)
                )
            ),
            None => "astronomically many profiles".to_string(),
        };
        return Err(Error::TooLarge(format!(
            "the reduced strategic form has more than {max_profiles} profiles ({about}; reduced strategies \
             per player [{}]); too large to build (raise the limit with --max-memory, which scales it)",
            sizes.join(", ")
        )));
    }
    let strategies: Vec<Vec<Vec<Option<usize>>>> =
        (0..n).map(|i| reduced_strategies(tree, i)).collect::<Result<_>>()?;
    let players: Vec<Player> = (0..n)
        .map(|i| {
            let mut labels: Vec<String> = strategies[i].iter().map(|s| strategy_label(tree, i, s)).collect();
            let mut seen = std::collections::HashSet::new();
            if !labels.iter().all(|l| seen.insert(l.clone())) {
                // Action labels containing `/` (or repeated labels) make names collide: number them.
                labels = (1..=labels.len()).map(|k| k.to_string()).collect();
            }
            Player { name: tree.players()[i].clone(), strategies: labels }
        })
        .collect();
    let mut failure = None;
    let mut game =
        NormalForm::new(tree.title.clone(), players, |profile| match pure_payoffs(tree, &strategies, profile) {
            Ok(v) => v,
            Err(e) => {
                failure.get_or_insert(e);
                vec![Q::zero(); n]
            }
        })?;
    if let Some(e) = failure {
        return Err(e);
    }
    game.description = tree.description.clone();
    game.notes = tree.notes.clone();
    Ok(ReducedForm { game, strategies })
}

/// Expected payoffs when each player plays the given reduced pure strategy.
fn pure_payoffs(tree: &Tree, strategies: &[Vec<Vec<Option<usize>>>], profile: &[usize]) -> Result<Vec<Q>> {
    let mut total = vec![Q::zero(); tree.num_players()];
    let mut stack: Vec<(usize, Q)> = vec![(tree.root(), Q::one())];
    while let Some((node, p)) = stack.pop() {
        if let Some(u) = tree.node_payoffs(node) {
            for (t, x) in total.iter_mut().zip(u) {
                *t += &p * x;
            }
        }
        match tree.kind(node) {
            NodeKind::Terminal => {}
            NodeKind::Decision { infoset } => {
                let h = &tree.infosets()[infoset];
                let a = strategies[h.player][profile[h.player]][h.local].ok_or_else(|| {
                    Error::Internal(format!("reduced strategy leaves a reached information set of `{}` open", h.player))
                })?;
                stack.push((tree.child(node, a), p));
            }
            NodeKind::Chance { chance } => {
                for (a, c) in tree.children(node).enumerate() {
                    let pa = &tree.chances()[chance].probs[a];
                    if !pa.is_zero() {
                        stack.push((c, &p * pa));
                    }
                }
            }
        }
    }
    Ok(total)
}

impl ReducedForm {
    /// The behaviour profile realization-equivalent to a mixed profile of the reduced form.
    /// Information sets the player's own mixed strategy never reaches are marked unreached
    /// and given the uniform distribution.
    pub fn behavior_of(&self, tree: &Tree, mixed: &MixedProfile) -> BehaviorProfile {
        let n = tree.num_players();
        let mut probs = Vec::with_capacity(n);
        let mut unreached = Vec::with_capacity(n);
        for i in 0..n {
            let sets = tree.player_infosets(i);
            let mut pi = Vec::with_capacity(sets.len());
            let mut ui = Vec::with_capacity(sets.len());
            for (k, &h) in sets.iter().enumerate() {
                let m = tree.infoset_actions(h).len();
                let mut mass = vec![Q::zero(); m];
                for (s, strat) in self.strategies[i].iter().enumerate() {
                    if let Some(a) = strat[k] {
                        mass[a] += &mixed.probs[i][s];
                    }
                }
                let total: Q = mass.iter().sum();
                if total.is_zero() {
                    pi.push(vec![Q::new(1.into(), (m as i64).into()); m]);
                    ui.push(true);
                } else {
                    pi.push(mass.into_iter().map(|x| x / &total).collect());
                    ui.push(false);
                }
            }
            probs.push(pi);
            unreached.push(ui);
        }
        BehaviorProfile { probs, unreached }
    }

    /// The mixed profile of the reduced form induced by a behaviour profile: each reduced
    /// strategy gets the product of the probabilities of the actions it chooses.
    pub fn mixed_of(&self, behavior: &BehaviorProfile) -> MixedProfile {
        let probs = self
            .strategies
            .iter()
            .enumerate()
            .map(|(i, strats)| {
                strats
                    .iter()
                    .map(|s| {
                        s.iter()
                            .enumerate()
                            .filter_map(|(k, a)| a.map(|a| behavior.probs[i][k][a].clone()))
                            .fold(Q::one(), |acc, x| acc * x)
                    })
                    .collect()
            })
            .collect();
        MixedProfile { probs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::tests::sequential_chicken;
    use crate::game::TreeBuilder;
    use crate::num::{frac, q};

    #[test]
    fn sequential_chicken_reduced_form() {
        let t = sequential_chicken();
        let r = reduce(&t).unwrap();
        assert_eq!(r.game.players()[0].strategies, vec!["Swerve", "Straight"]);
        assert_eq!(
            r.game.players()[1].strategies,
            vec!["Swerve/Swerve", "Swerve/Straight", "Straight/Swerve", "Straight/Straight"]
        );
        // A Straight, B (Straight after Swerve, Swerve after Straight) -> (7, 2).
        assert_eq!(r.game.payoffs_at(r.game.profile_index(&[1, 2])), &[q(7), q(2)]);
        let m = MixedProfile::pure(&r.game, &[1, 2]);
        let b = r.behavior_of(&t, &m);
        assert_eq!(b.as_pure(), Some(vec![vec![1], vec![1, 0]]));
        assert_eq!(r.mixed_of(&b), m);
        assert_eq!(t.expected_payoffs(&b), vec![q(7), q(2)]);
    }

    #[test]
    fn stars_for_excluded_sets_and_chance_weights() {
        // A: Out (ends, payoff 1) or In -> chance 1/4 win (4), 3/4 then A again: Up (2) / Down (0).
        let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let mut b = TreeBuilder::new("t", s(&["A"])).unwrap();
        let h1 = b.add_infoset(0, "", s(&["Out", "In"])).unwrap();
        let h2 = b.add_infoset(0, "", s(&["Up", "Down"])).unwrap();
        let c = b.add_chance("", s(&["win", "lose"]), vec![frac(1, 4), frac(3, 4)]).unwrap();
        let o = |b: &mut TreeBuilder, x: i64| b.add_outcome("", vec![q(x)]).unwrap();
        b.decision("", h1, None).unwrap();
        let o1 = o(&mut b, 1);
        b.terminal("", Some(o1)).unwrap();
        b.chance("", c, None).unwrap();
        let o4 = o(&mut b, 4);
        b.terminal("", Some(o4)).unwrap();
        b.decision("", h2, None).unwrap();
        let o2 = o(&mut b, 2);
        b.terminal("", Some(o2)).unwrap();
        b.terminal("", None).unwrap();
        let t = b.finish().unwrap();
        let r = reduce(&t).unwrap();
        assert_eq!(r.game.players()[0].strategies, vec!["Out/*", "In/Up", "In/Down"]);
        assert_eq!(r.game.flat_payoffs(), &[q(1), frac(5, 2), q(1)]);
        let m = MixedProfile { probs: vec![vec![q(1), q(0), q(0)]] };
        let beh = r.behavior_of(&t, &m);
        assert_eq!(beh.unreached, vec![vec![false, true]]);
        assert_eq!(beh.probs[0][1], vec![frac(1, 2), frac(1, 2)]);
        assert_eq!(r.mixed_of(&beh), m);
    }

    #[test]
    fn refuses_imperfect_recall() {
        let t = crate::game::tree::tests::absent_minded_driver();
        assert!(matches!(reduce(&t), Err(Error::Unsupported { .. })));
    }
}
