//! The sequence form of a tree with perfect recall (Koller, Megiddo and von Stengel 1996).
//!
//! A **sequence** of player `i` is the list of `i`'s own (information set, action) pairs on the
//! path to a node; by perfect recall it is determined by its last pair, so player `i`'s
//! sequences are the empty sequence (index 0) and one per action of each of `i`'s information
//! sets (information sets in document order, actions in order). A **realization plan** `x`
//! gives each sequence the probability that the player's own moves follow it; it satisfies
//! `E x = e`: `x[∅] = 1` (row 0) and, for each information set `k` (row `1 + k`), the
//! sequences extending it sum to the sequence leading to it. Behaviour strategies and
//! realization plans correspond one to one up to unreached information sets (Kuhn).
//!
//! The payoffs are **sparse**: for every terminal node, the path's outcomes (inner nodes
//! included) are accumulated, multiplied by the probability of chance's moves on the path and
//! added at the tuple of the players' sequences leading there. The expected payoff of a
//! profile is then `Σ payoff[s] · Π_i x_i[s_i]` over the stored tuples.

use crate::error::{Error, Result};
use crate::game::tree::{BehaviorProfile, NodeKind, Tree};
use crate::num::Q;
use num_traits::{One, Signed, Zero};
use std::collections::BTreeMap;

/// The sequence form of a tree (any number of players; Lemke and LP use two).
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceForm {
    /// Number of sequences per player (the empty sequence included).
    pub num_sequences: Vec<usize>,
    /// `parent[i][k]`: the sequence leading to player `i`'s information set `k` (local index).
    pub parent: Vec<Vec<usize>>,
    /// `first[i][k]`: the sequence of action 0 at information set `k`; action `a` is `first + a`.
    pub first: Vec<Vec<usize>>,
    /// Sparse payoffs: sequence tuple (one per player) → payoff vector (chance folded in).
    pub payoffs: BTreeMap<Vec<usize>, Vec<Q>>,
    /// Per terminal node: the sequence tuple, chance probability and accumulated payoffs.
    pub leaves: Vec<Leaf>,
}

/// One terminal node as the sequence form sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    /// The players' sequences leading to it.
    pub sequences: Vec<usize>,
    /// The product of chance probabilities on its path.
    pub chance: Q,
    /// The outcomes along its path, summed.
    pub payoffs: Vec<Q>,
}

/// Refuses trees without perfect recall, naming the player and information set.
pub fn require_perfect_recall(tree: &Tree, method: &str) -> Result<()> {
    tree.perfect_recall().map_err(|v| Error::Unsupported {
        method: method.into(),
        reason: format!(
            "the sequence form needs perfect recall: {} (information set {} of that player)",
            v.reason,
            v.infoset + 1
        ),
    })
}

/// Refuses, before the walk, a tree whose exact chance reach probabilities would not fit in
/// `--max-memory`: the walk keeps one per node and one per leaf, and along a deep path of
/// chance nodes they grow by the bits of every probability met (a 200,000-deep chain with a
/// coin flip at every other node needs gigabytes, and ran out of memory in an abort).
fn check_chance_memory(tree: &Tree) -> Result<()> {
    if tree.chances().is_empty() {
        return Ok(());
    }
    let n = tree.num_nodes();
    // Bits of each node's reach probability (numerator and denominator), bounded above by the
    // sum over the path's chance moves; pre-order, so a parent comes before its children.
    let mut bits: Vec<u64> = vec![0; n];
    let mut total: u128 = 0;
    for node in 0..n {
        if let Some(p) = tree.parent(node) {
            bits[node] = bits[p];
            if let NodeKind::Chance { chance } = tree.kind(p) {
                let a = tree.action_into(node).unwrap_or(0);
                let prob = &tree.chances()[chance].probs[a];
                bits[node] = bits[node].saturating_add(prob.numer().bits()).saturating_add(prob.denom().bits());
            }
        }
        let copies = if tree.num_children(node) == 0 { 2 } else { 1 };
        total = total.saturating_add(copies * (u128::from(bits[node] / 8) + 64));
    }
    crate::game::budget::check_memory(
        total,
        &format!(
            "the sequence form's exact chance probabilities ({n} nodes, up to {} bits each)",
            bits.iter().max().copied().unwrap_or(0)
        ),
    )
}

impl SequenceForm {
    /// Builds the sequence form. Errors: [`Error::Unsupported`] without perfect recall.
    pub fn new(tree: &Tree) -> Result<SequenceForm> {
        require_perfect_recall(tree, "sequence form")?;
        let np = tree.num_players();
        let mut num_sequences = Vec::with_capacity(np);
        let mut parent = Vec::with_capacity(np);
        let mut first = Vec::with_capacity(np);
        for i in 0..np {
            let sets = tree.player_infosets(i);
            let mut f = Vec::with_capacity(sets.len());
            let mut next = 1;
            for &h in sets {
                f.push(next);
                next += tree.infoset_actions(h).len();
            }
            let p = tree.own_parent_moves(i).into_iter().map(|m| m.map_or(0, |(k, a)| f[k] + a)).collect();
            num_sequences.push(next);
            parent.push(p);
            first.push(f);
        }
        let n = tree.num_nodes();
        check_chance_memory(tree)?;
        // Pre-order walk: each node's sequences, chance probability and accumulated payoffs.
        let mut seq: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut chance: Vec<Q> = vec![Q::zero(); n];
        let mut acc: Vec<Vec<Q>> = vec![Vec::new(); n];
        let mut leaves = Vec::new();
        let mut payoffs: BTreeMap<Vec<usize>, Vec<Q>> = BTreeMap::new();
        for node in 0..n {
            let (mut s, mut c, mut u) = match tree.parent(node) {
                None => (vec![0; np], Q::one(), vec![Q::zero(); np]),
                Some(p) => {
                    let a = tree.action_into(node).unwrap_or(0);
                    let mut s = seq[p].clone();
                    let mut c = chance[p].clone();
                    match tree.kind(p) {
                        NodeKind::Decision { infoset } => {
                            let h = &tree.infosets()[infoset];
                            s[h.player] = first[h.player][h.local] + a;
                        }
                        NodeKind::Chance { chance: ch } => c *= &tree.chances()[ch].probs[a],
                        NodeKind::Terminal => {}
                    }
                    (s, c, acc[p].clone())
                }
            };
            if let Some(o) = tree.node_payoffs(node) {
                for (x, y) in u.iter_mut().zip(o) {
                    *x += y;
                }
            }
            if tree.num_children(node) == 0 {
                if !c.is_zero() {
                    let e = payoffs.entry(s.clone()).or_insert_with(|| vec![Q::zero(); np]);
                    for (x, y) in e.iter_mut().zip(&u) {
                        *x += &c * y;
                    }
                }
                leaves.push(Leaf { sequences: std::mem::take(&mut s), chance: std::mem::take(&mut c), payoffs: u });
                u = Vec::new();
            }
            seq[node] = s;
            chance[node] = c;
            acc[node] = u;
        }
        payoffs.retain(|_, v| v.iter().any(|x| !x.is_zero()));
        Ok(SequenceForm { num_sequences, parent, first, payoffs, leaves })
    }

    /// The number of rows of player `i`'s constraint matrix: one per information set, plus one.
    pub fn constraint_rows(&self, i: usize) -> usize {
        self.parent[i].len() + 1
    }

    /// Player `i`'s constraint matrix (`E` for player 1, `F` for player 2), dense, one row per
    /// information set plus row 0 for the empty sequence; the right-hand side is `(1, 0, ..., 0)`.
    pub fn constraints(&self, i: usize) -> Vec<Vec<Q>> {
        let m = self.num_sequences[i];
        let mut rows = vec![vec![Q::zero(); m]];
        rows[0][0] = Q::one();
        for (k, &p) in self.parent[i].iter().enumerate() {
            let mut r = vec![Q::zero(); m];
            r[p] = -Q::one();
            let end = self.first[i].get(k + 1).copied().unwrap_or(m);
            for x in &mut r[self.first[i][k]..end] {
                *x = Q::one();
            }
            rows.push(r);
        }
        rows
    }

    /// Number of actions at player `i`'s information set `k`.
    fn actions(&self, i: usize, k: usize) -> usize {
        self.first[i].get(k + 1).copied().unwrap_or(self.num_sequences[i]) - self.first[i][k]
    }

    /// The sparse payoff matrix of player `p` in a two-player tree: `(s1, s2, payoff)` triples
    /// (`A` for `p = 0`, `B` for `p = 1`).
    pub fn matrix(&self, p: usize) -> Vec<(usize, usize, Q)> {
        self.payoffs
            .iter()
            .filter(|(_, v)| !v[p].is_zero())
            .map(|(s, v)| (s[0], s.get(1).copied().unwrap_or(0), v[p].clone()))
            .collect()
    }

    /// Player `i`'s realization plan of a behaviour profile.
    pub fn realization(&self, behavior: &BehaviorProfile, i: usize) -> Vec<Q> {
        let mut x = vec![Q::zero(); self.num_sequences[i]];
        x[0] = Q::one();
        for k in self.topological(i) {
            let p = x[self.parent[i][k]].clone();
            for (a, b) in behavior.probs[i][k].iter().enumerate() {
                x[self.first[i][k] + a] = &p * b;
            }
        }
        x
    }

    /// Player `i`'s information sets ordered so that each comes after the one leading to it.
    pub fn topological(&self, i: usize) -> Vec<usize> {
        let sets = self.parent[i].len();
        let mut owner = vec![usize::MAX; self.num_sequences[i]];
        for k in 0..sets {
            for a in 0..self.actions(i, k) {
                owner[self.first[i][k] + a] = k;
            }
        }
        // Depth in the player's own forest of information sets, without recursion.
        let mut depth = vec![usize::MAX; sets];
        let mut chain = Vec::new();
        for k in 0..sets {
            let mut j = k;
            let base = loop {
                if depth[j] != usize::MAX {
                    break depth[j] + 1;
                }
                chain.push(j);
                let p = self.parent[i][j];
                if p == 0 || owner[p] == usize::MAX || chain.len() > sets {
                    break 0;
                }
                j = owner[p];
            };
            let mut d = base;
            while let Some(c) = chain.pop() {
                depth[c] = d;
                d += 1;
            }
        }
        let mut order: Vec<usize> = (0..sets).collect();
        order.sort_by_key(|&k| (depth[k], k));
        order
    }

    /// The behaviour strategy of a realization plan of player `i`: probabilities relative to the
    /// sequence leading to each information set; where that has probability zero the set is
    /// unreached and gets the uniform distribution. Returns `(probs, unreached)`.
    pub fn behavior(&self, x: &[Q], i: usize) -> (Vec<Vec<Q>>, Vec<bool>) {
        let sets = self.parent[i].len();
        let mut probs = Vec::with_capacity(sets);
        let mut unreached = Vec::with_capacity(sets);
        for k in 0..sets {
            let m = self.actions(i, k);
            let p = &x[self.parent[i][k]];
            if p.is_positive() {
                probs.push((0..m).map(|a| &x[self.first[i][k] + a] / p).collect());
                unreached.push(false);
            } else {
                probs.push(vec![Q::new(1.into(), (m as i64).into()); m]);
                unreached.push(true);
            }
        }
        (probs, unreached)
    }

    /// The behaviour profile of realization plans, one per player.
    pub fn profile(&self, plans: &[Vec<Q>]) -> BehaviorProfile {
        let (probs, unreached) = plans.iter().enumerate().map(|(i, x)| self.behavior(x, i)).unzip();
        BehaviorProfile { probs, unreached }
    }

    /// Expected payoffs of realization plans.
    pub fn expected(&self, plans: &[Vec<Q>]) -> Vec<Q> {
        let np = self.num_sequences.len();
        let mut total = vec![Q::zero(); np];
        for (s, v) in &self.payoffs {
            let w = s.iter().enumerate().fold(Q::one(), |acc, (i, &si)| acc * &plans[i][si]);
            if w.is_zero() {
                continue;
            }
            for (t, x) in total.iter_mut().zip(v) {
                *t += &w * x;
            }
        }
        total
    }

    /// Player `i`'s best-response value against the others' realization plans (`plans[i]` is
    /// ignored): the maximum over `i`'s realization plans, by backward induction over `i`'s own
    /// information sets (exact).
    pub fn best_response_value(&self, plans: &[Vec<Q>], i: usize) -> Q {
        // Payoff weight of each of i's sequences given the others' plans.
        let mut w = vec![Q::zero(); self.num_sequences[i]];
        for (s, v) in &self.payoffs {
            let others =
                s.iter().enumerate().filter(|&(j, _)| j != i).fold(Q::one(), |acc, (j, &sj)| acc * &plans[j][sj]);
            if !others.is_zero() {
                w[s[i]] += others * &v[i];
            }
        }
        // Value of each sequence: its own weight plus the best values of the sets it leads to.
        let mut order = self.topological(i);
        order.reverse();
        let mut value = w;
        for k in order {
            let best =
                (0..self.actions(i, k)).map(|a| value[self.first[i][k] + a].clone()).max().unwrap_or_else(Q::zero);
            value[self.parent[i][k]] += best;
        }
        value[0].clone()
    }

    /// The largest gain any player has from deviating (zero at an equilibrium).
    pub fn max_regret(&self, plans: &[Vec<Q>]) -> Q {
        let pay = self.expected(plans);
        (0..plans.len()).map(|i| self.best_response_value(plans, i) - &pay[i]).max().unwrap_or_else(Q::zero)
    }

    /// Checks that every plan satisfies its constraints `E x = e, x >= 0`.
    pub fn check_plans(&self, plans: &[Vec<Q>]) -> std::result::Result<(), String> {
        for (i, x) in plans.iter().enumerate() {
            if x.len() != self.num_sequences[i] || x.iter().any(Signed::is_negative) || !x[0].is_one() {
                return Err(format!("player {}'s realization plan is malformed", i + 1));
            }
            for k in 0..self.parent[i].len() {
                let s: Q = (0..self.actions(i, k)).map(|a| &x[self.first[i][k] + a]).sum();
                if s != x[self.parent[i][k]] {
                    return Err(format!("player {}'s realization plan violates information set {}", i + 1, k + 1));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::tests::sequential_chicken;
    use crate::game::TreeBuilder;
    use crate::num::{frac, q};

    #[test]
    fn sequential_chicken_sequence_form() {
        let t = sequential_chicken();
        let sf = SequenceForm::new(&t).unwrap();
        assert_eq!(sf.num_sequences, vec![3, 5]);
        assert_eq!(sf.parent, vec![vec![0], vec![0, 0]]);
        assert_eq!(sf.first, vec![vec![1], vec![1, 3]]);
        // E = [1 0 0; -1 1 1], F = [1 0 0 0 0; -1 1 1 0 0; -1 0 0 1 1].
        assert_eq!(sf.constraints(0), vec![vec![q(1), q(0), q(0)], vec![q(-1), q(1), q(1)]]);
        assert_eq!(sf.constraints(1)[2], vec![q(-1), q(0), q(0), q(1), q(1)]);
        // A: (Straight, Swerve after Straight) = 7.
        assert!(sf.matrix(0).contains(&(2, 3, q(7))));
        assert_eq!(sf.matrix(1).len(), 3); // the (0, 0) outcome is not stored
        let b = BehaviorProfile::pure(&t, &[vec![1], vec![1, 0]]);
        let plans = vec![sf.realization(&b, 0), sf.realization(&b, 1)];
        assert_eq!(plans[0], vec![q(1), q(0), q(1)]);
        assert!(sf.check_plans(&plans).is_ok());
        assert_eq!(sf.expected(&plans), vec![q(7), q(2)]);
        assert_eq!(sf.max_regret(&plans), q(0));
        assert_eq!(sf.profile(&plans), b);
        // B going Straight after Straight is a threat that A's best response ignores: it is not
        // credible but A then does better swerving... regret 0 for A, B loses nothing off path.
        let threat = BehaviorProfile::pure(&t, &[vec![0], vec![1, 1]]);
        let plans = vec![sf.realization(&threat, 0), sf.realization(&threat, 1)];
        assert_eq!(sf.max_regret(&plans), q(0));
        let bad = BehaviorProfile::pure(&t, &[vec![1], vec![1, 1]]);
        let plans = vec![sf.realization(&bad, 0), sf.realization(&bad, 1)];
        assert_eq!(sf.max_regret(&plans), q(2));
    }

    #[test]
    fn chance_and_inner_outcomes_fold_into_the_payoffs() {
        let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let mut b = TreeBuilder::new("c", s(&["A", "B"])).unwrap();
        let c = b.add_chance("", s(&["H", "T"]), vec![frac(1, 3), frac(2, 3)]).unwrap();
        let fee = b.add_outcome("fee", vec![q(-1), q(0)]).unwrap();
        let win = b.add_outcome("win", vec![q(3), q(1)]).unwrap();
        let ha = b.add_infoset(0, "", s(&["x", "y"])).unwrap();
        b.chance("", c, Some(fee)).unwrap();
        b.decision("", ha, None).unwrap();
        b.terminal("", Some(win)).unwrap();
        b.terminal("", None).unwrap();
        b.decision("", ha, None).unwrap();
        b.terminal("", None).unwrap();
        b.terminal("", Some(win)).unwrap();
        let t = b.finish().unwrap();
        let sf = SequenceForm::new(&t).unwrap();
        // Sequence x: 1/3 * (3 - 1) + 2/3 * (-1) = 0; sequence y: 1/3 * (-1) + 2/3 * 2 = 1.
        assert_eq!(sf.matrix(0), vec![(2, 0, q(1))]);
        assert_eq!(sf.leaves.len(), 4);
        assert_eq!(sf.leaves[0].payoffs, vec![q(2), q(1)]);
        let plan = vec![vec![q(1), frac(1, 2), frac(1, 2)], vec![q(1)]];
        assert_eq!(sf.expected(&plan)[0], frac(1, 2));
        assert_eq!(sf.best_response_value(&plan, 0), q(1));
        let beh = BehaviorProfile {
            probs: vec![vec![vec![frac(1, 2), frac(1, 2)]], vec![]],
            unreached: vec![vec![false], vec![]],
        };
        assert_eq!(t.expected_payoffs(&beh), sf.expected(&plan));
    }

    #[test]
    fn refuses_imperfect_recall() {
        let t = crate::game::tree::tests::absent_minded_driver();
        match SequenceForm::new(&t) {
            Err(Error::Unsupported { reason, .. }) => assert!(reason.contains("perfect recall"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }
}
