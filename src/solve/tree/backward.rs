//! Backward induction on perfect-information trees: **all** pure subgame-perfect equilibria,
//! any number of players, chance nodes by exact expected values.
//!
//! The tree is stored in pre-order, so one reverse loop visits every node after its children;
//! the values of finished subtrees wait on an explicit stack (the children of the node being
//! processed are its top entries), so there is no recursion and memory beyond the tree is
//! proportional to the stack. A first pass computes one SPE and notices whether any mover is
//! ever indifferent between two continuation values; without such a tie the SPE is unique and
//! that pass is the whole computation.
//!
//! With ties, a second pass computes for every node the set `V` of payoff vectors that SPEs of
//! its subtree can give. At a decision node of player `i`, a value `v` of child `a` is
//! possible iff `v[i]` is at least, for every other child `b`, the smallest `w[i]` over `V(b)`
//! (the other children's continuations can be any of their SPEs, so the worst one for `i` is
//! the relevant threat). At a chance node the values are the probability-weighted sums of one
//! value per child. Then the SPEs giving each value are counted and listed (up to a cap).
//!
//! The first pass has a fixed-width fast path for trees without chance nodes whose payoffs
//! become 64-bit integers once each player's payoffs are scaled by the common denominator (a
//! positive scale changes no comparison): values are then `i128` sums in one flat stack, with
//! no allocation per node. Anything else (chance nodes, huge numbers) takes the exact path.

use crate::error::{Error, Result};
use crate::game::tree::{NodeKind, Tree};
use crate::num::Q;
use num_traits::{One, Zero};
use std::collections::BTreeMap;
use std::rc::Rc;

/// No action chosen (terminal and chance nodes).
pub const NO_CHOICE: u32 = u32::MAX;

/// How many distinct SPE payoff vectors a node may have before we give up.
pub const MAX_VALUES_PER_NODE: usize = 10_000;

/// One pure subgame-perfect equilibrium.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spe {
    /// `choice[node]`: the action taken at each decision node ([`NO_CHOICE`] elsewhere).
    pub choice: Vec<u32>,
    /// Expected payoffs at the root.
    pub payoffs: Vec<Q>,
}

/// All pure SPEs, or the first `cap` of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeSet {
    /// The equilibria listed (at most the cap).
    pub equilibria: Vec<Spe>,
    /// How many there are in all (saturating at `u128::MAX`).
    pub total: u128,
}

fn add_outcome(tree: &Tree, node: usize, v: &mut [Q]) {
    if let Some(u) = tree.node_payoffs(node) {
        for (x, y) in v.iter_mut().zip(u) {
            *x += y;
        }
    }
}

fn require_perfect_information(tree: &Tree) -> Result<()> {
    if let Some(h) = (0..tree.infosets().len()).find(|&h| tree.infoset_size(h) > 1) {
        let set = &tree.infosets()[h];
        return Err(Error::Unsupported {
            method: "spe".into(),
            reason: format!(
                "backward induction needs perfect information, but information set `{}` of `{}` has {} nodes; \
                 use --method enum (two players) or --method pure on the reduced strategic form",
                tree.infoset_name(set.player, set.local),
                tree.players()[set.player],
                tree.infoset_size(h)
            ),
        });
    }
    Ok(())
}

/// One SPE by a single reverse pass, and whether any mover faced a tie.
fn first_pass(tree: &Tree) -> (Spe, bool) {
    let n = tree.num_nodes();
    let mut choice = vec![NO_CHOICE; n];
    let mut stack: Vec<Vec<Q>> = Vec::new();
    let mut tie = false;
    for node in (0..n).rev() {
        let k = tree.num_children(node);
        let mut v = match tree.kind(node) {
            NodeKind::Terminal => vec![Q::zero(); tree.num_players()],
            NodeKind::Decision { infoset } => {
                let i = tree.infosets()[infoset].player;
                // Children are the top k entries; the first child is on top.
                let mut best: Option<(usize, Vec<Q>)> = None;
                for a in 0..k {
                    let v = stack.pop().unwrap_or_default();
                    match &best {
                        Some((_, b)) if v[i] < b[i] => {}
                        Some((_, b)) if v[i] == b[i] => tie = true,
                        _ => best = Some((a, v)),
                    }
                }
                let (a, v) = best.unwrap_or((0, vec![Q::zero(); tree.num_players()]));
                choice[node] = a as u32;
                v
            }
            NodeKind::Chance { chance } => {
                let mut acc = vec![Q::zero(); tree.num_players()];
                for a in 0..k {
                    let v = stack.pop().unwrap_or_default();
                    let p = &tree.chances()[chance].probs[a];
                    for (x, y) in acc.iter_mut().zip(&v) {
                        *x += p * y;
                    }
                }
                acc
            }
        };
        add_outcome(tree, node, &mut v);
        stack.push(v);
    }
    let payoffs = stack.pop().unwrap_or_default();
    (Spe { choice, payoffs }, tie)
}

/// The first pass in fixed-width integers (see the module docs), or `None` when it does not apply.
fn first_pass_fixed(tree: &Tree) -> Option<(Spe, bool)> {
    use num_integer::Integer;
    use num_traits::ToPrimitive;
    if !tree.chances().is_empty() {
        return None;
    }
    let np = tree.num_players();
    // Per player: the lcm of the denominators of its payoffs.
    let mut scale = vec![1i64; np];
    for o in tree.outcomes() {
        for (s, u) in scale.iter_mut().zip(&o.payoffs) {
            let d = u.denom().to_i64()?;
            *s = s.checked_div(s.gcd(&d))?.checked_mul(d)?;
        }
    }
    // Scaled integer payoffs, flat: outcome * np + player.
    let mut ints: Vec<i64> = Vec::with_capacity(tree.outcomes().len() * np);
    for o in tree.outcomes() {
        for (s, u) in scale.iter().zip(&o.payoffs) {
            let factor = s / u.denom().to_i64()?;
            ints.push(u.numer().to_i64()?.checked_mul(factor)?);
        }
    }
    let n = tree.num_nodes();
    let mut choice = vec![NO_CHOICE; n];
    // Finished subtrees' values, np entries each; a node's children are the top frames, its first
    // child on top. Sums of at most n (< 2^32) values of 64 bits cannot overflow 128 bits.
    let mut stack: Vec<i128> = Vec::new();
    let mut tie = false;
    for node in (0..n).rev() {
        match tree.kind(node) {
            NodeKind::Terminal => stack.extend(std::iter::repeat_n(0i128, np)),
            NodeKind::Decision { infoset } => {
                let i = tree.infosets()[infoset].player;
                let k = tree.num_children(node);
                let base = stack.len().checked_sub(k * np)?;
                // Child a's frame starts at base + (k - 1 - a) * np.
                let frame = |a: usize| base + (k - 1 - a) * np;
                let mut best = 0usize;
                for a in 1..k {
                    let (v, b) = (stack[frame(a) + i], stack[frame(best) + i]);
                    if v > b {
                        best = a;
                    } else if v == b {
                        tie = true;
                    }
                }
                choice[node] = best as u32;
                let from = frame(best);
                stack.copy_within(from..from + np, base);
                stack.truncate(base + np);
            }
            NodeKind::Chance { .. } => return None,
        }
        if let Some(o) = tree.outcome(node) {
            let top = stack.len().checked_sub(np)?;
            for (x, y) in stack[top..].iter_mut().zip(&ints[o * np..(o + 1) * np]) {
                *x += i128::from(*y);
            }
        }
    }
    if stack.len() != np {
        return None;
    }
    let payoffs = stack.iter().zip(&scale).map(|(v, s)| Q::new((*v).into(), (*s).into())).collect();
    Some((Spe { choice, payoffs }, tie))
}

/// A partial profile: (decision node, action) pairs for a subtree, shared between the
/// profiles that extend it (a tree of shared pieces, so extending one costs O(1), not a copy).
#[derive(Debug)]
struct Piece {
    at: Option<(u32, u32)>,
    parts: Vec<Partial>,
}

type Partial = Rc<Piece>;

/// Dropping a piece drops the pieces it alone holds with an explicit stack: the derived drop
/// recursed once per level, and the pieces of one SPE of a 200,000-deep chain are a chain
/// 200,000 deep (a stack overflow, issue 14).
impl Drop for Piece {
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.parts);
        while let Some(p) = stack.pop() {
            // Shared pieces stay alive for their other holders; a piece held only here gives
            // up its parts to the stack and is then dropped with none.
            if let Ok(mut piece) = Rc::try_unwrap(p) {
                stack.append(&mut piece.parts);
            }
        }
    }
}

/// The most (SPE, node) cells listed: a tree of `n` nodes lists at most this / `n` SPEs (at least one).
pub const MAX_LISTED_CELLS: usize = 200_000;

/// The most elementary steps the listing pass may take before we only count (see [`all_spe`]).
pub const MAX_LISTING_WORK: u128 = 50_000_000;

/// The possible SPE values of a decision node's subtree with how many SPEs give each, and the
/// listing work the second pass would need there.
fn decision_values(
    values: &[Vec<Vec<Q>>],
    counts: &[Vec<u128>],
    kids: &[usize],
    i: usize,
) -> (BTreeMap<Vec<Q>, u128>, u128) {
    let mut out: BTreeMap<Vec<Q>, u128> = BTreeMap::new();
    // Each child's worst value for the mover: the threat that keeps her from deviating to it.
    let worst: Vec<Option<&Q>> = kids.iter().map(|&c| values[c].iter().map(|w| &w[i]).min()).collect();
    // The largest and second largest threat, so "the largest over b != a" is O(1).
    let mut top: [Option<(usize, &Q)>; 2] = [None, None];
    for (b, w) in worst.iter().enumerate() {
        let Some(w) = w else { continue };
        if top[0].is_none_or(|(_, t)| *w > t) {
            top[1] = top[0];
            top[0] = Some((b, w));
        } else if top[1].is_none_or(|(_, t)| *w > t) {
            top[1] = Some((b, w));
        }
    }
    let threat = |a: usize| match top[0] {
        Some((b, _)) if b == a => top[1].map(|(_, t)| t),
        t => t.map(|(_, t)| t),
    };
    // Admissible (child, value index), grouped by the mover's payoff x = v[i].
    let mut by_x: BTreeMap<&Q, Vec<(usize, usize)>> = BTreeMap::new();
    for (a, &c) in kids.iter().enumerate() {
        for (j, v) in values[c].iter().enumerate() {
            if threat(a).is_none_or(|t| v[i] >= *t) {
                by_x.entry(&v[i]).or_default().push((a, j));
            }
        }
    }
    let mut work: u128 = 0;
    for (x, pairs) in by_x {
        // cnt[b]: SPEs of child b giving the mover at most x; products excluding one child.
        let cnt: Vec<u128> = kids
            .iter()
            .map(|&d| {
                values[d]
                    .iter()
                    .zip(&counts[d])
                    .filter(|(w, _)| w[i] <= *x)
                    .fold(0u128, |s, (_, &c)| s.saturating_add(c))
            })
            .collect();
        let k = cnt.len();
        let mut prefix = vec![1u128; k + 1];
        for b in 0..k {
            prefix[b + 1] = prefix[b].saturating_mul(cnt[b]);
        }
        let mut suffix = vec![1u128; k + 1];
        for b in (0..k).rev() {
            suffix[b] = suffix[b + 1].saturating_mul(cnt[b]);
        }
        for (a, j) in pairs {
            let c = kids[a];
            let count = counts[c][j].saturating_mul(prefix[a]).saturating_mul(suffix[a + 1]);
            let e = out.entry(values[c][j].clone()).or_insert(0);
            *e = e.saturating_add(count);
            work = work.saturating_add(k as u128);
        }
    }
    (out, work)
}

/// All pure subgame-perfect equilibria of a perfect-information tree (the first `cap` listed,
/// at most [`MAX_LISTED_CELLS`] / nodes of them; all counted), in a deterministic order.
///
/// Three passes, none recursive: one SPE and whether any mover is ever indifferent; with ties,
/// the count of SPEs per possible value at every node (linear in the number of children at
/// each node for the usual few distinct values); then the listing of the first `cap`, with
/// partial profiles shared rather than copied. When the listing would take more than
/// [`MAX_LISTING_WORK`] steps (a node with 100,000 tied actions), only the first SPE is listed
/// and `total` says how many there are.
pub fn all_spe(tree: &Tree, cap: usize) -> Result<SpeSet> {
    require_perfect_information(tree)?;
    // Each listed SPE holds a choice per node (and its report a behaviour profile): list fewer
    // of a big tree, so 1000 SPEs of a 3,000-node chain do not take gigabytes.
    let cap = cap.min((MAX_LISTED_CELLS / tree.num_nodes().max(1)).max(1));
    let (spe, tie) = first_pass_fixed(tree).unwrap_or_else(|| first_pass(tree));
    if !tie {
        return Ok(SpeSet { equilibria: vec![spe], total: 1 });
    }
    let n = tree.num_nodes();
    let np = tree.num_players();
    // Pass 2: for each node its possible values and how many SPEs give each.
    let mut values: Vec<Vec<Vec<Q>>> = vec![Vec::new(); n];
    let mut counts: Vec<Vec<u128>> = vec![Vec::new(); n];
    let mut work: u128 = 0;
    for node in (0..n).rev() {
        let kids: Vec<usize> = tree.children(node).collect();
        let mut out: BTreeMap<Vec<Q>, u128> = BTreeMap::new();
        match tree.kind(node) {
            NodeKind::Terminal => {
                out.insert(vec![Q::zero(); np], 1);
            }
            NodeKind::Decision { infoset } => {
                let i = tree.infosets()[infoset].player;
                let (o, w) = decision_values(&values, &counts, &kids, i);
                out = o;
                work = work.saturating_add(w.saturating_mul(cap as u128));
            }
            NodeKind::Chance { chance } => {
                let probs = &tree.chances()[chance].probs;
                let mut acc: BTreeMap<Vec<Q>, u128> = BTreeMap::from([(vec![Q::zero(); np], 1)]);
                for (a, &c) in kids.iter().enumerate() {
                    let mut next: BTreeMap<Vec<Q>, u128> = BTreeMap::new();
                    for (v, cnt) in &acc {
                        for (w, &k) in values[c].iter().zip(&counts[c]) {
                            let s: Vec<Q> = v.iter().zip(w).map(|(x, y)| x + &probs[a] * y).collect();
                            let e = next.entry(s).or_insert(0);
                            *e = e.saturating_add(cnt.saturating_mul(k));
                            work = work.saturating_add(cap as u128);
                        }
                    }
                    if next.len() > MAX_VALUES_PER_NODE {
                        return Err(Error::TooLarge(format!(
                            "backward induction: a chance node has more than {MAX_VALUES_PER_NODE} distinct \
                             subgame-perfect payoff vectors (too many ties)"
                        )));
                    }
                    acc = next;
                }
                out = acc;
            }
        }
        if out.len() > MAX_VALUES_PER_NODE {
            return Err(Error::TooLarge(format!(
                "backward induction: a node has more than {MAX_VALUES_PER_NODE} distinct subgame-perfect payoff vectors"
            )));
        }
        // Outcomes on the node shift every value alike, so the order (sorted) is kept.
        let (vs, cs): (Vec<Vec<Q>>, Vec<u128>) = out
            .into_iter()
            .map(|(mut v, c)| {
                add_outcome(tree, node, &mut v);
                (v, c)
            })
            .unzip();
        values[node] = vs;
        counts[node] = cs;
    }
    let total = counts[0].iter().fold(0u128, |s, &c| s.saturating_add(c));
    if work > MAX_LISTING_WORK {
        // Counting only: the first-pass SPE stands for them all.
        return Ok(SpeSet { equilibria: vec![spe], total });
    }
    // Pass 3: list up to `cap` SPEs per value at each node.
    let empty: Partial = Rc::new(Piece { at: None, parts: Vec::new() });
    let mut lists: Vec<Vec<Vec<Partial>>> = vec![Vec::new(); n];
    for node in (0..n).rev() {
        let kids: Vec<usize> = tree.children(node).collect();
        let mut out: Vec<(Vec<Q>, Vec<Partial>)> = Vec::new();
        match tree.kind(node) {
            NodeKind::Terminal => out.push((vec![Q::zero(); np], vec![empty.clone()])),
            NodeKind::Decision { infoset } => {
                let i = tree.infosets()[infoset].player;
                let worst: Vec<Q> = kids
                    .iter()
                    .map(|&c| values[c].iter().map(|w| w[i].clone()).min().unwrap_or_else(Q::zero))
                    .collect();
                for (a, &c) in kids.iter().enumerate() {
                    let threat = worst.iter().enumerate().filter(|&(b, _)| b != a).map(|(_, w)| w).max();
                    for (j, v) in values[c].iter().enumerate() {
                        if threat.is_some_and(|t| v[i] < *t) {
                            continue;
                        }
                        let mut partials: Vec<Partial> = lists[c]
                            .get(j)
                            .into_iter()
                            .flatten()
                            .map(|p| Rc::new(Piece { at: Some((node as u32, a as u32)), parts: vec![p.clone()] }))
                            .collect();
                        for (b, &d) in kids.iter().enumerate() {
                            if b == a {
                                continue;
                            }
                            let opts: Vec<&Partial> = (0..values[d].len())
                                .filter(|&k| values[d][k][i] <= v[i])
                                .flat_map(|k| lists[d].get(k).into_iter().flatten())
                                .collect();
                            partials = product(&partials, &opts, cap);
                        }
                        merge(&mut out, v.clone(), partials, cap);
                    }
                }
            }
            NodeKind::Chance { chance } => {
                let probs = &tree.chances()[chance].probs;
                let mut acc: Vec<(Vec<Q>, Vec<Partial>)> = vec![(vec![Q::zero(); np], vec![empty.clone()])];
                for (a, &c) in kids.iter().enumerate() {
                    let mut next = Vec::new();
                    for (v, parts) in &acc {
                        for (j, w) in values[c].iter().enumerate() {
                            let s: Vec<Q> = v.iter().zip(w).map(|(x, y)| x + &probs[a] * y).collect();
                            let opts: Vec<&Partial> = lists[c].get(j).into_iter().flatten().collect();
                            merge(&mut next, s, product(parts, &opts, cap), cap);
                        }
                    }
                    acc = next;
                }
                out = acc;
            }
        }
        for (v, _) in out.iter_mut() {
            add_outcome(tree, node, v);
        }
        out.sort_by(|x, y| x.0.cmp(&y.0));
        for &c in &kids {
            lists[c] = Vec::new();
        }
        lists[node] = out.into_iter().map(|o| o.1).collect();
    }
    let mut equilibria = Vec::new();
    for (j, v) in values[0].iter().enumerate() {
        for p in lists[0].get(j).into_iter().flatten() {
            if equilibria.len() >= cap {
                break;
            }
            let mut choice = vec![NO_CHOICE; n];
            let mut stack: Vec<&Piece> = vec![p];
            while let Some(piece) = stack.pop() {
                if let Some((node, a)) = piece.at {
                    choice[node as usize] = a;
                }
                stack.extend(piece.parts.iter().map(|q| &**q));
            }
            equilibria.push(Spe { choice, payoffs: v.clone() });
        }
    }
    Ok(SpeSet { equilibria, total })
}

fn product(left: &[Partial], right: &[&Partial], cap: usize) -> Vec<Partial> {
    let mut out = Vec::new();
    'outer: for l in left {
        for r in right {
            if out.len() >= cap {
                break 'outer;
            }
            out.push(Rc::new(Piece { at: None, parts: vec![l.clone(), (*r).clone()] }));
        }
    }
    out
}

fn merge(out: &mut Vec<(Vec<Q>, Vec<Partial>)>, v: Vec<Q>, parts: Vec<Partial>, cap: usize) {
    if let Some(e) = out.iter_mut().find(|e| e.0 == v) {
        for p in parts {
            if e.1.len() >= cap {
                break;
            }
            e.1.push(p);
        }
    } else {
        out.push((v, parts));
    }
}

/// Checks exactly that a pure profile (`choice` per decision node) is subgame perfect in a
/// perfect-information tree: at every decision node the chosen action is a best reply given
/// the continuation play (the one-shot deviation principle, which is equivalent in finite
/// trees). Returns the root payoffs, or a description of the first failing node.
pub fn check_subgame_perfect(tree: &Tree, choice: &[u32]) -> std::result::Result<Vec<Q>, String> {
    let n = tree.num_nodes();
    let mut stack: Vec<Vec<Q>> = Vec::new();
    for node in (0..n).rev() {
        let k = tree.num_children(node);
        let kids: Vec<Vec<Q>> = (0..k).map(|_| stack.pop().unwrap_or_default()).collect();
        let mut v = match tree.kind(node) {
            NodeKind::Terminal => vec![Q::zero(); tree.num_players()],
            NodeKind::Decision { infoset } => {
                let i = tree.infosets()[infoset].player;
                let a = choice.get(node).copied().unwrap_or(NO_CHOICE) as usize;
                let Some(chosen) = kids.get(a) else {
                    return Err(format!("node {node} has no action chosen"));
                };
                if let Some(b) = kids.iter().position(|w| w[i] > chosen[i]) {
                    let acts = tree.actions(node);
                    return Err(format!(
                        "at node {node}, `{}` gains by `{}` instead of `{}`",
                        tree.players()[i],
                        acts[b],
                        acts[a]
                    ));
                }
                chosen.clone()
            }
            NodeKind::Chance { chance } => {
                let mut acc = vec![Q::zero(); tree.num_players()];
                for (p, w) in tree.chances()[chance].probs.iter().zip(&kids) {
                    for (x, y) in acc.iter_mut().zip(w) {
                        *x += p * y;
                    }
                }
                acc
            }
        };
        add_outcome(tree, node, &mut v);
        stack.push(v);
    }
    Ok(stack.pop().unwrap_or_default())
}

/// The actions along the play of a pure profile; at chance nodes the most likely branch is
/// followed (the first one on ties). Returns the labels and, per label, the probability of the
/// branch when it is a chance move (`None` for a player's move).
pub fn path(tree: &Tree, choice: &[u32]) -> (Vec<String>, Vec<Option<Q>>) {
    let mut out = Vec::new();
    let mut chance_probs = Vec::new();
    let mut node = tree.root();
    loop {
        let (a, p) = match tree.kind(node) {
            NodeKind::Terminal => return (out, chance_probs),
            NodeKind::Decision { .. } => (choice.get(node).copied().unwrap_or(0) as usize, None),
            NodeKind::Chance { chance } => {
                let probs = &tree.chances()[chance].probs;
                let best = probs.iter().max().cloned().unwrap_or_else(Q::one);
                (probs.iter().position(|p| *p == best).unwrap_or(0), Some(best))
            }
        };
        if a >= tree.num_children(node) {
            return (out, chance_probs);
        }
        out.push(tree.actions(node)[a].clone());
        chance_probs.push(p);
        node = tree.child(node, a);
    }
}

/// The per-infoset action choice (`[player][infoset]`) of a per-node choice in a
/// perfect-information tree.
pub fn choice_by_infoset(tree: &Tree, choice: &[u32]) -> Vec<Vec<usize>> {
    (0..tree.num_players())
        .map(|i| {
            tree.player_infosets(i)
                .iter()
                .map(|&h| tree.infoset_nodes(h).next().map_or(0, |node| choice[node] as usize))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::tests::sequential_chicken;
    use crate::game::TreeBuilder;
    use crate::num::{frac, q};

    #[test]
    fn first_mover_wins_sequential_chicken() {
        let t = sequential_chicken();
        let s = all_spe(&t, 100).unwrap();
        assert_eq!(s.total, 1);
        let e = &s.equilibria[0];
        assert_eq!(e.payoffs, vec![q(7), q(2)]);
        assert_eq!(choice_by_infoset(&t, &e.choice), vec![vec![1], vec![1, 0]]);
        assert_eq!(path(&t, &e.choice), (vec!["Straight".to_string(), "Swerve".to_string()], vec![None, None]));
        assert_eq!(check_subgame_perfect(&t, &e.choice).unwrap(), vec![q(7), q(2)]);
        let mut bad = e.choice.clone();
        bad[4] = 1;
        assert!(check_subgame_perfect(&t, &bad).is_err());
    }

    fn s(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    /// A: L -> B chooses x (1, 0) or y (0, 0) [B indifferent]; R -> (1/2, 5).
    /// SPE: B x => A compares 1 vs 1/2 -> L. B y => A: 0 vs 1/2 -> R. Two SPE.
    #[test]
    fn ties_give_every_spe() {
        let mut b = TreeBuilder::new("tie", s(&["A", "B"])).unwrap();
        let ha = b.add_infoset(0, "", s(&["L", "R"])).unwrap();
        let hb = b.add_infoset(1, "", s(&["x", "y"])).unwrap();
        let o1 = b.add_outcome("", vec![q(1), q(0)]).unwrap();
        let o2 = b.add_outcome("", vec![q(0), q(0)]).unwrap();
        let o3 = b.add_outcome("", vec![frac(1, 2), q(5)]).unwrap();
        b.decision("", ha, None).unwrap();
        b.decision("", hb, None).unwrap();
        b.terminal("", Some(o1)).unwrap();
        b.terminal("", Some(o2)).unwrap();
        b.terminal("", Some(o3)).unwrap();
        let t = b.finish().unwrap();
        let set = all_spe(&t, 100).unwrap();
        assert_eq!(set.total, 2);
        let got: Vec<(Vec<Vec<usize>>, Vec<Q>)> =
            set.equilibria.iter().map(|e| (choice_by_infoset(&t, &e.choice), e.payoffs.clone())).collect();
        assert_eq!(
            got,
            vec![(vec![vec![1], vec![1]], vec![frac(1, 2), q(5)]), (vec![vec![0], vec![0]], vec![q(1), q(0)])]
        );
        for e in &set.equilibria {
            assert_eq!(check_subgame_perfect(&t, &e.choice).unwrap(), e.payoffs);
        }
        let capped = all_spe(&t, 1).unwrap();
        assert_eq!((capped.total, capped.equilibria.len()), (2, 1));
    }

    /// A chain of k independent indifferent choices off the path gives 2^k SPEs.
    #[test]
    fn counts_products_of_ties_beyond_the_cap() {
        let k = 10;
        let mut b = TreeBuilder::new("many", s(&["A"])).unwrap();
        let c = b.add_chance("", (0..k).map(|j| format!("c{j}")).collect(), vec![frac(1, k as i64); k]).unwrap();
        b.chance("", c, None).unwrap();
        for _ in 0..k {
            let h = b.add_infoset(0, "", s(&["x", "y"])).unwrap();
            b.decision("", h, None).unwrap();
            b.terminal("", None).unwrap();
            b.terminal("", None).unwrap();
        }
        let t = b.finish().unwrap();
        let set = all_spe(&t, 50).unwrap();
        assert_eq!(set.total, 1024);
        assert_eq!(set.equilibria.len(), 50);
        let distinct: std::collections::HashSet<_> = set.equilibria.iter().map(|e| e.choice.clone()).collect();
        assert_eq!(distinct.len(), 50);
        for e in &set.equilibria {
            assert!(check_subgame_perfect(&t, &e.choice).is_ok());
        }
    }

    #[test]
    fn refuses_imperfect_information() {
        let t = crate::game::tree::tests::simultaneous_moves();
        match all_spe(&t, 10) {
            Err(Error::Unsupported { reason, .. }) => assert!(reason.contains("`guess`"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fixed_width_pass_equals_the_exact_one() {
        use crate::game::tree::TreeBuilder;
        use crate::num::frac;
        let mut seed = 11u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let mut ties = 0;
        for round in 0..300 {
            let mut b = TreeBuilder::new("r", s(&["A", "B", "C"])).unwrap();
            let mut open = vec![0u32];
            while let Some(d) = open.pop() {
                // Payoffs with denominators 1..4 on some inner nodes and on every leaf.
                let pay = |b: &mut TreeBuilder, next: &mut dyn FnMut(u64) -> u64| {
                    let u = (0..3).map(|_| frac(next(9) as i64 - 4, next(4) as i64 + 1)).collect();
                    b.add_outcome("", u).unwrap()
                };
                if d >= 4 || (d > 0 && next(4) == 0) {
                    let o = pay(&mut b, &mut next);
                    b.terminal("", Some(o)).unwrap();
                } else {
                    let k = 2 + next(2) as usize;
                    let h = b.add_infoset(next(3) as usize, "", (0..k).map(|a| a.to_string()).collect()).unwrap();
                    let o = if next(3) == 0 { Some(pay(&mut b, &mut next)) } else { None };
                    b.decision("", h, o).unwrap();
                    open.extend(std::iter::repeat_n(d + 1, k));
                }
            }
            let t = b.finish().unwrap();
            let fixed = first_pass_fixed(&t).expect("small rational payoffs take the fixed-width path");
            assert_eq!(fixed, first_pass(&t), "round {round}");
            ties += usize::from(fixed.1);
        }
        assert!(ties > 10 && ties < 290, "ties in {ties} of 300 trees");
    }

    #[test]
    fn deep_chain_needs_no_recursion() {
        // A path of 200,000 decision nodes: each continues or stops.
        let depth = 200_000;
        let mut b = TreeBuilder::new("deep", s(&["A", "B"])).unwrap();
        let stop = b.add_outcome("", vec![q(1), q(1)]).unwrap();
        let end = b.add_outcome("", vec![q(2), q(2)]).unwrap();
        for d in 0..depth {
            let h = b.add_infoset(d % 2, "", s(&["go", "stop"])).unwrap();
            b.decision("", h, None).unwrap();
        }
        b.terminal("", Some(end)).unwrap();
        for _ in 0..depth {
            b.terminal("", Some(stop)).unwrap();
        }
        let t = b.finish().unwrap();
        let set = all_spe(&t, 10).unwrap();
        assert_eq!(set.total, 1);
        assert_eq!(set.equilibria[0].payoffs, vec![q(2), q(2)]);
        assert!(check_subgame_perfect(&t, &set.equilibria[0].choice).is_ok());
    }

    #[test]
    fn deep_chain_of_ties_lists_and_drops_without_recursion() {
        // Every payoff tied: each mover is indifferent, so the listing pass runs and one listed
        // SPE is a chain of 200,000 shared pieces (whose derived drop overflowed the stack).
        let depth = 200_000;
        let mut b = TreeBuilder::new("deep ties", s(&["A", "B"])).unwrap();
        let tied = b.add_outcome("", vec![q(1), q(1)]).unwrap();
        for d in 0..depth {
            let h = b.add_infoset(d % 2, "", s(&["go", "stop"])).unwrap();
            b.decision("", h, None).unwrap();
        }
        for _ in 0..=depth {
            b.terminal("", Some(tied)).unwrap();
        }
        let t = b.finish().unwrap();
        let set = all_spe(&t, 10).unwrap();
        assert_eq!(set.total, u128::MAX, "2^200000 SPEs, counted saturating");
        assert!(!set.equilibria.is_empty());
        for e in &set.equilibria {
            assert_eq!(e.payoffs, vec![q(1), q(1)]);
            assert!(check_subgame_perfect(&t, &e.choice).is_ok());
        }
    }
}
