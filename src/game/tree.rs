//! Extensive-form games (game trees), any number of players.
//!
//! A [`Tree`] is an arena of nodes stored in **pre-order** (a parent always comes before its
//! children, node 0 is the root), so every bottom-up computation is a plain reverse loop and
//! every top-down one a forward loop: no recursion, no depth limit. Nodes are compact (indices
//! are `u32`); action labels are shared between information sets with the same labels, and the
//! nodes of an information set are linked through the nodes themselves, so a perfect-information
//! tree with ten million nodes costs memory proportional to its size and nothing more.
//!
//! Payoffs live in **outcomes** that may be attached to any node (as in Gambit's `.efg`); a
//! player's payoff at a terminal node is the sum of the outcomes along the path from the root.
//!
//! Trees are built with a [`TreeBuilder`] in pre-order; it checks what can be checked locally
//! (payoff counts, chance probabilities, the shape of the tree) and returns typed
//! [`TreeError`]s that the file parsers turn into located errors. Perfect recall
//! ([`Tree::perfect_recall`]) and perfect information ([`Tree::is_perfect_information`]) are
//! properties checked on demand.

use crate::num::Q;
use num_traits::{One, Signed, Zero};
use std::collections::HashMap;

/// Index of a node in a [`Tree`] (pre-order position; the root is 0).
pub type NodeId = usize;

const NONE: u32 = u32::MAX;

/// What happens at a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// The game ends here.
    Terminal,
    /// A player moves; `infoset` indexes [`Tree::infosets`] (global index).
    Decision {
        /// Global information-set index.
        infoset: usize,
    },
    /// Nature moves; `chance` indexes [`Tree::chances`].
    Chance {
        /// Chance-move index.
        chance: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct NodeData {
    /// 0 terminal, 1 decision, 2 chance.
    tag: u8,
    /// Infoset or chance index.
    index: u32,
    parent: u32,
    /// Start of this node's children in `child_list`.
    child_start: u32,
    outcome: u32,
    /// Next node of the same information set (decision nodes), or NONE.
    next_in_infoset: u32,
}

/// An information set: the nodes a player cannot tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Infoset {
    /// The player (0-based) who moves here.
    pub player: usize,
    /// Position among the player's information sets (document order).
    pub local: usize,
    /// Label (may be empty).
    pub label: String,
    actions: u32,
    first_node: u32,
    last_node: u32,
    num_nodes: u32,
}

/// A chance move: labelled actions with exact probabilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chance {
    /// Label (may be empty).
    pub label: String,
    actions: u32,
    /// Probability of each action (non-negative, summing to 1).
    pub probs: Vec<Q>,
}

/// A payoff vector attached to one or more nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Label (may be empty).
    pub label: String,
    /// One payoff per player.
    pub payoffs: Vec<Q>,
}

/// A finite game in extensive form with exact payoffs and probabilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    /// Title.
    pub title: String,
    /// Free-text description.
    pub description: String,
    /// Remarks about how the tree was read (e.g. repeated labels in a Gambit file, renamed);
    /// reports show them with their own notes.
    pub notes: Vec<String>,
    players: Vec<String>,
    nodes: Vec<NodeData>,
    labels: Vec<String>,
    child_list: Vec<u32>,
    action_sets: Vec<Vec<String>>,
    infosets: Vec<Infoset>,
    player_infosets: Vec<Vec<usize>>,
    chances: Vec<Chance>,
    outcomes: Vec<Outcome>,
}

/// What is wrong with a tree being built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// The game has no players.
    #[error("a game needs at least one player")]
    NoPlayers,
    /// Two players share a name.
    #[error("player name `{0}` is used twice")]
    DuplicatePlayer(String),
    /// A payoff vector has the wrong length.
    #[error("expected {expected} payoffs (one per player), found {found}")]
    PayoffCount {
        /// Number of players.
        expected: usize,
        /// Number given.
        found: usize,
    },
    /// A move without actions.
    #[error("a move needs at least one action")]
    NoActions,
    /// The number of chance probabilities differs from the number of actions.
    #[error("{found} probabilities for {expected} chance actions")]
    ProbabilityCount {
        /// Number of actions.
        expected: usize,
        /// Number of probabilities.
        found: usize,
    },
    /// A negative chance probability.
    #[error("chance probability of `{action}` is negative ({value})")]
    NegativeProbability {
        /// The action.
        action: String,
        /// Its probability.
        value: Q,
    },
    /// Chance probabilities that do not sum to one.
    #[error("chance probabilities sum to {sum}, not 1")]
    ProbabilitySum {
        /// The sum.
        sum: Q,
    },
    /// A reference to a player, information set, chance move or outcome that does not exist.
    #[error("{what} {index} does not exist")]
    BadIndex {
        /// What kind of thing.
        what: &'static str,
        /// The index given.
        index: usize,
    },
    /// A node of an information set has a different player than the set.
    #[error("information set `{infoset}` belongs to `{expected}`, but this node is `{found}`'s")]
    InfosetPlayer {
        /// Label of the set.
        infoset: String,
        /// Its player.
        expected: String,
        /// The node's player.
        found: String,
    },
    /// A node of an information set has different actions than the set.
    #[error("information set `{infoset}` has actions {expected:?}, but this node has {found:?}")]
    InfosetActions {
        /// Label of the set.
        infoset: String,
        /// The set's actions.
        expected: Vec<String>,
        /// The node's actions.
        found: Vec<String>,
    },
    /// A node was added after the tree was complete.
    #[error("the tree is already complete; this node is not part of it")]
    ExtraNode,
    /// The tree ended before every move had all its children.
    #[error("the tree is incomplete: node {node} still needs {missing} more child node(s)")]
    Incomplete {
        /// The node lacking children.
        node: NodeId,
        /// How many are missing.
        missing: usize,
    },
    /// No node at all.
    #[error("the tree has no nodes")]
    Empty,
    /// More nodes than the arena can index.
    #[error("the tree has too many nodes (at most {} are supported)", u32::MAX - 1)]
    TooLarge,
}

/// Why a tree does not have perfect recall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallViolation {
    /// The player who forgets.
    pub player: usize,
    /// The player's information set (local index) whose nodes have different histories.
    pub infoset: usize,
    /// Explanation.
    pub reason: String,
}

impl Tree {
    /// Player names, in order.
    pub fn players(&self) -> &[String] {
        &self.players
    }

    /// Number of players.
    pub fn num_players(&self) -> usize {
        self.players.len()
    }

    /// Number of nodes.
    pub fn num_nodes(&self) -> usize {
        self.nodes.len()
    }

    /// The root (always 0).
    pub fn root(&self) -> NodeId {
        0
    }

    /// A node's label (may be empty).
    pub fn label(&self, n: NodeId) -> &str {
        &self.labels[n]
    }

    /// What happens at node `n`.
    pub fn kind(&self, n: NodeId) -> NodeKind {
        let d = &self.nodes[n];
        match d.tag {
            1 => NodeKind::Decision { infoset: d.index as usize },
            2 => NodeKind::Chance { chance: d.index as usize },
            _ => NodeKind::Terminal,
        }
    }

    /// The parent of `n` (None for the root).
    pub fn parent(&self, n: NodeId) -> Option<NodeId> {
        let p = self.nodes[n].parent;
        (p != NONE).then_some(p as usize)
    }

    /// Number of children of `n` (its number of actions).
    pub fn num_children(&self, n: NodeId) -> usize {
        match self.kind(n) {
            NodeKind::Terminal => 0,
            NodeKind::Decision { infoset } => self.action_sets[self.infosets[infoset].actions as usize].len(),
            NodeKind::Chance { chance } => self.action_sets[self.chances[chance].actions as usize].len(),
        }
    }

    /// Child `a` (the node reached by action `a`) of node `n`.
    pub fn child(&self, n: NodeId, a: usize) -> NodeId {
        self.child_list[self.nodes[n].child_start as usize + a] as usize
    }

    /// The action of its parent that leads to `n` (`None` at the root), in O(log k) for a
    /// parent of k actions: children are numbered in pre-order, so each child list is sorted.
    /// (A linear search per child made one node of 100,000 actions quadratic.)
    pub fn action_into(&self, n: NodeId) -> Option<usize> {
        let p = self.parent(n)?;
        let start = self.nodes[p].child_start as usize;
        self.child_list[start..start + self.num_children(p)].binary_search(&(n as u32)).ok()
    }

    /// The children of `n`, in action order.
    pub fn children(&self, n: NodeId) -> impl ExactSizeIterator<Item = NodeId> + '_ {
        let start = self.nodes[n].child_start as usize;
        self.child_list[start..start + self.num_children(n)].iter().map(|&c| c as usize)
    }

    /// The action labels at node `n` (empty for a terminal node).
    pub fn actions(&self, n: NodeId) -> &[String] {
        match self.kind(n) {
            NodeKind::Terminal => &[],
            NodeKind::Decision { infoset } => self.infoset_actions(infoset),
            NodeKind::Chance { chance } => self.chance_actions(chance),
        }
    }

    /// The outcome attached to node `n`, if any.
    pub fn outcome(&self, n: NodeId) -> Option<usize> {
        let o = self.nodes[n].outcome;
        (o != NONE).then_some(o as usize)
    }

    /// The payoffs attached to node `n` (not accumulated), if any.
    pub fn node_payoffs(&self, n: NodeId) -> Option<&[Q]> {
        self.outcome(n).map(|o| self.outcomes[o].payoffs.as_slice())
    }

    /// All information sets, in order of first appearance (pre-order).
    pub fn infosets(&self) -> &[Infoset] {
        &self.infosets
    }

    /// The action labels of information set `h` (global index).
    pub fn infoset_actions(&self, h: usize) -> &[String] {
        &self.action_sets[self.infosets[h].actions as usize]
    }

    /// The nodes of information set `h` (global index), in pre-order.
    pub fn infoset_nodes(&self, h: usize) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.infosets[h].first_node;
        std::iter::from_fn(move || {
            if cur == NONE {
                return None;
            }
            let n = cur as usize;
            cur = self.nodes[n].next_in_infoset;
            Some(n)
        })
    }

    /// Number of nodes in information set `h`.
    pub fn infoset_size(&self, h: usize) -> usize {
        self.infosets[h].num_nodes as usize
    }

    /// Global indices of player `i`'s information sets, in document order.
    pub fn player_infosets(&self, i: usize) -> &[usize] {
        &self.player_infosets[i]
    }

    /// All chance moves, in order of first appearance.
    pub fn chances(&self) -> &[Chance] {
        &self.chances
    }

    /// The action labels of chance move `c`.
    pub fn chance_actions(&self, c: usize) -> &[String] {
        &self.action_sets[self.chances[c].actions as usize]
    }

    /// All outcomes, in order of first appearance.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// True if every information set has exactly one node (chance moves allowed).
    pub fn is_perfect_information(&self) -> bool {
        self.infosets.iter().all(|h| h.num_nodes == 1)
    }

    /// True if every node's outcome (if any) is on a terminal node.
    pub fn has_inner_outcomes(&self) -> bool {
        (0..self.nodes.len()).any(|n| self.nodes[n].tag != 0 && self.nodes[n].outcome != NONE)
    }

    /// Checks perfect recall: every player remembers all their own earlier information sets
    /// and actions. Returns the first violation (player, information set) in document order.
    ///
    /// The check interns each node's sequence of own (information set, action) pairs per player
    /// and requires all nodes of an information set to share the mover's sequence; this also
    /// catches absent-mindedness (an information set met twice on one path).
    pub fn perfect_recall(&self) -> Result<(), RecallViolation> {
        let n = self.num_players();
        // seq[node * n + i]: id of player i's own sequence on the path to node.
        let mut seq: Vec<u32> = vec![0; self.nodes.len() * n];
        let mut trie: HashMap<(u32, u32, u32), u32> = HashMap::new();
        let mut next_id: u32 = 1;
        let mut infoset_seq: Vec<u32> = vec![NONE; self.infosets.len()];
        for node in 0..self.nodes.len() {
            if let Some(p) = self.parent(node) {
                let a = self.action_into(node).unwrap_or(0);
                for i in 0..n {
                    seq[node * n + i] = seq[p * n + i];
                }
                if let NodeKind::Decision { infoset } = self.kind(p) {
                    let i = self.infosets[infoset].player;
                    let key = (seq[p * n + i], infoset as u32, a as u32);
                    let id = *trie.entry(key).or_insert_with(|| {
                        next_id += 1;
                        next_id
                    });
                    seq[node * n + i] = id;
                }
            }
            if let NodeKind::Decision { infoset } = self.kind(node) {
                let h = &self.infosets[infoset];
                let s = seq[node * n + h.player];
                if infoset_seq[infoset] == NONE {
                    infoset_seq[infoset] = s;
                } else if infoset_seq[infoset] != s {
                    let name = if h.label.is_empty() { format!("#{}", h.local + 1) } else { format!("`{}`", h.label) };
                    return Err(RecallViolation {
                        player: h.player,
                        infoset: h.local,
                        reason: format!(
                            "player `{}` does not have perfect recall: the nodes of information set {name} \
                             follow different earlier moves of that player",
                            self.players[h.player]
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// For each of player `i`'s information sets (local index), the player's own last move
    /// before reaching it: `(local infoset, action)`, or `None` if it is among the player's first.
    /// Meaningful under perfect recall (taken from the set's first node).
    ///
    /// One walk over the tree (an explicit stack carrying the last own move), so a chain of
    /// 100,000 nodes costs linear time, not a walk to the root per information set.
    pub fn own_parent_moves(&self, i: usize) -> Vec<Option<(usize, usize)>> {
        let sets = &self.player_infosets[i];
        let mut out: Vec<Option<(usize, usize)>> = vec![None; sets.len()];
        if self.nodes.is_empty() {
            return out;
        }
        let mut stack: Vec<(NodeId, Option<(usize, usize)>)> = vec![(self.root(), None)];
        while let Some((node, last)) = stack.pop() {
            let mut own = None;
            if let NodeKind::Decision { infoset } = self.kind(node) {
                let h = &self.infosets[infoset];
                if h.player == i {
                    if h.first_node as usize == node {
                        out[h.local] = last;
                    }
                    own = Some(h.local);
                }
            }
            for (a, c) in self.children(node).enumerate() {
                stack.push((c, own.map(|k| (k, a)).or(last)));
            }
        }
        out
    }

    /// Exact expected payoffs under a behaviour profile (outcomes on inner nodes included).
    pub fn expected_payoffs(&self, behavior: &BehaviorProfile) -> Vec<Q> {
        let mut reach: Vec<Q> = vec![Q::zero(); self.nodes.len()];
        let mut total = vec![Q::zero(); self.num_players()];
        if self.nodes.is_empty() {
            return total;
        }
        reach[0] = Q::one();
        for node in 0..self.nodes.len() {
            if reach[node].is_zero() {
                continue;
            }
            if let Some(u) = self.node_payoffs(node) {
                for (t, x) in total.iter_mut().zip(u) {
                    *t += &reach[node] * x;
                }
            }
            let r = reach[node].clone();
            match self.kind(node) {
                NodeKind::Terminal => {}
                NodeKind::Decision { infoset } => {
                    let h = &self.infosets[infoset];
                    let probs = &behavior.probs[h.player][h.local];
                    for (a, c) in self.children(node).enumerate() {
                        reach[c] = &r * &probs[a];
                    }
                }
                NodeKind::Chance { chance } => {
                    let probs = &self.chances[chance].probs;
                    for (a, c) in self.children(node).enumerate() {
                        reach[c] = &r * &probs[a];
                    }
                }
            }
        }
        total
    }

    /// The action labels of player `i`'s information sets, in document order.
    pub fn player_actions(&self, i: usize) -> Vec<Vec<String>> {
        self.player_infosets[i].iter().map(|&h| self.infoset_actions(h).to_vec()).collect()
    }

    /// A readable name for player `i`'s information set with local index `k`: its label, or
    /// `#k` (1-based) when it has none.
    pub fn infoset_name(&self, i: usize, k: usize) -> String {
        let h = &self.infosets[self.player_infosets[i][k]];
        if h.label.is_empty() {
            format!("#{}", k + 1)
        } else {
            h.label.clone()
        }
    }

    /// The nodes in depth-first preorder (children in action order).
    pub fn preorder(&self) -> Vec<NodeId> {
        let mut order = Vec::with_capacity(self.nodes.len());
        if self.nodes.is_empty() {
            return order;
        }
        let mut stack = vec![self.root()];
        while let Some(n) = stack.pop() {
            order.push(n);
            // Push the children reversed so that the first child is popped first.
            let k = stack.len();
            stack.extend(self.children(n));
            stack[k..].reverse();
        }
        order
    }
}

/// A behaviour strategy profile: `probs[player][infoset][action]`, information sets in the
/// player's document order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BehaviorProfile {
    /// Probabilities per player, information set, action.
    pub probs: Vec<Vec<Vec<Q>>>,
    /// `unreached[player][infoset]`: the player's own strategy never reaches this set, so any
    /// behaviour there is as good (the probabilities shown are then uniform).
    pub unreached: Vec<Vec<bool>>,
}

impl BehaviorProfile {
    /// The pure behaviour profile choosing `choice[player][infoset]`.
    pub fn pure(tree: &Tree, choice: &[Vec<usize>]) -> BehaviorProfile {
        let probs = (0..tree.num_players())
            .map(|i| {
                tree.player_infosets(i)
                    .iter()
                    .enumerate()
                    .map(|(k, &h)| {
                        let m = tree.infoset_actions(h).len();
                        (0..m).map(|a| if choice[i][k] == a { Q::one() } else { Q::zero() }).collect()
                    })
                    .collect()
            })
            .collect();
        let unreached = (0..tree.num_players()).map(|i| vec![false; tree.player_infosets(i).len()]).collect();
        BehaviorProfile { probs, unreached }
    }

    /// If every information set has an action with probability one, those actions.
    pub fn as_pure(&self) -> Option<Vec<Vec<usize>>> {
        self.probs.iter().map(|p| p.iter().map(|h| h.iter().position(|x| x.is_one())).collect()).collect()
    }

    /// Checks shape, non-negativity and normalisation against `tree`.
    pub fn check(&self, tree: &Tree) -> Result<(), String> {
        if self.probs.len() != tree.num_players() {
            return Err(format!("{} players in the profile, {} in the game", self.probs.len(), tree.num_players()));
        }
        for (i, p) in self.probs.iter().enumerate() {
            if p.len() != tree.player_infosets(i).len() {
                return Err(format!("player {} has {} information sets in the profile", i + 1, p.len()));
            }
            for (k, h) in p.iter().enumerate() {
                if h.len() != tree.infoset_actions(tree.player_infosets(i)[k]).len()
                    || h.iter().any(Signed::is_negative)
                    || !h.iter().sum::<Q>().is_one()
                {
                    return Err(format!("player {}'s information set {} is not a distribution", i + 1, k + 1));
                }
            }
        }
        Ok(())
    }
}

/// Builds a [`Tree`] node by node in pre-order.
///
/// Declare outcomes, information sets and chance moves, then push nodes root first; each
/// decision or chance node takes the next pushed nodes as its children, one per action.
#[derive(Debug)]
pub struct TreeBuilder {
    tree: Tree,
    action_index: HashMap<Vec<String>, u32>,
    /// (node, children attached so far)
    stack: Vec<(u32, u32)>,
}

impl TreeBuilder {
    /// Starts a tree with these players.
    pub fn new(title: impl Into<String>, players: Vec<String>) -> Result<TreeBuilder, TreeError> {
        if players.is_empty() {
            return Err(TreeError::NoPlayers);
        }
        for (k, p) in players.iter().enumerate() {
            if players[..k].contains(p) {
                return Err(TreeError::DuplicatePlayer(p.clone()));
            }
        }
        let n = players.len();
        Ok(TreeBuilder {
            tree: Tree {
                title: title.into(),
                description: String::new(),
                notes: Vec::new(),
                players,
                nodes: Vec::new(),
                labels: Vec::new(),
                child_list: Vec::new(),
                action_sets: Vec::new(),
                infosets: Vec::new(),
                player_infosets: vec![Vec::new(); n],
                chances: Vec::new(),
                outcomes: Vec::new(),
            },
            action_index: HashMap::new(),
            stack: Vec::new(),
        })
    }

    /// Number of players.
    pub fn num_players(&self) -> usize {
        self.tree.players.len()
    }

    /// Number of nodes pushed so far.
    pub fn num_nodes(&self) -> usize {
        self.tree.nodes.len()
    }

    fn action_set(&mut self, actions: Vec<String>) -> Result<u32, TreeError> {
        if actions.is_empty() {
            return Err(TreeError::NoActions);
        }
        if let Some(&k) = self.action_index.get(&actions) {
            return Ok(k);
        }
        let k = u32::try_from(self.tree.action_sets.len()).map_err(|_| TreeError::TooLarge)?;
        self.tree.action_sets.push(actions.clone());
        self.action_index.insert(actions, k);
        Ok(k)
    }

    /// Declares an outcome (a payoff vector, one entry per player); returns its index.
    pub fn add_outcome(&mut self, label: impl Into<String>, payoffs: Vec<Q>) -> Result<usize, TreeError> {
        if payoffs.len() != self.num_players() {
            return Err(TreeError::PayoffCount { expected: self.num_players(), found: payoffs.len() });
        }
        self.tree.outcomes.push(Outcome { label: label.into(), payoffs });
        Ok(self.tree.outcomes.len() - 1)
    }

    /// Declares an information set of `player` (0-based); returns its global index.
    pub fn add_infoset(
        &mut self,
        player: usize,
        label: impl Into<String>,
        actions: Vec<String>,
    ) -> Result<usize, TreeError> {
        if player >= self.num_players() {
            return Err(TreeError::BadIndex { what: "player", index: player + 1 });
        }
        let actions = self.action_set(actions)?;
        let local = self.tree.player_infosets[player].len();
        self.tree.infosets.push(Infoset {
            player,
            local,
            label: label.into(),
            actions,
            first_node: NONE,
            last_node: NONE,
            num_nodes: 0,
        });
        let h = self.tree.infosets.len() - 1;
        self.tree.player_infosets[player].push(h);
        Ok(h)
    }

    /// Checks that a node of `player` with `actions` may join information set `h`.
    pub fn check_infoset(&self, h: usize, player: usize, actions: &[String]) -> Result<(), TreeError> {
        let set = self.tree.infosets.get(h).ok_or(TreeError::BadIndex { what: "information set", index: h })?;
        let name = if set.label.is_empty() { format!("#{}", set.local + 1) } else { set.label.clone() };
        if set.player != player {
            return Err(TreeError::InfosetPlayer {
                infoset: name,
                expected: self.tree.players[set.player].clone(),
                found: self.tree.players.get(player).cloned().unwrap_or_default(),
            });
        }
        let have = &self.tree.action_sets[set.actions as usize];
        if have.as_slice() != actions {
            return Err(TreeError::InfosetActions { infoset: name, expected: have.clone(), found: actions.to_vec() });
        }
        Ok(())
    }

    /// The action labels of information set `h`.
    pub fn infoset_actions(&self, h: usize) -> Option<&[String]> {
        self.tree.infosets.get(h).map(|s| self.tree.action_sets[s.actions as usize].as_slice())
    }

    /// Declares a chance move with exact probabilities (non-negative, summing to 1).
    pub fn add_chance(
        &mut self,
        label: impl Into<String>,
        actions: Vec<String>,
        probs: Vec<Q>,
    ) -> Result<usize, TreeError> {
        check_probabilities(&actions, &probs)?;
        let actions = self.action_set(actions)?;
        self.tree.chances.push(Chance { label: label.into(), actions, probs });
        Ok(self.tree.chances.len() - 1)
    }

    /// Pushes a terminal node.
    pub fn terminal(&mut self, label: impl Into<String>, outcome: Option<usize>) -> Result<NodeId, TreeError> {
        self.push(label.into(), 0, 0, 0, outcome)
    }

    /// Pushes a decision node in information set `h`; its children are pushed next.
    pub fn decision(
        &mut self,
        label: impl Into<String>,
        h: usize,
        outcome: Option<usize>,
    ) -> Result<NodeId, TreeError> {
        let set = self.tree.infosets.get(h).ok_or(TreeError::BadIndex { what: "information set", index: h })?;
        let k = self.tree.action_sets[set.actions as usize].len();
        let id = self.push(label.into(), 1, h, k, outcome)?;
        let set = &mut self.tree.infosets[h];
        if set.first_node == NONE {
            set.first_node = id as u32;
        } else {
            let last = set.last_node as usize;
            self.tree.nodes[last].next_in_infoset = id as u32;
        }
        set.last_node = id as u32;
        set.num_nodes += 1;
        Ok(id)
    }

    /// Pushes a chance node using chance move `c`; its children are pushed next.
    pub fn chance(&mut self, label: impl Into<String>, c: usize, outcome: Option<usize>) -> Result<NodeId, TreeError> {
        let ch = self.tree.chances.get(c).ok_or(TreeError::BadIndex { what: "chance move", index: c })?;
        let k = self.tree.action_sets[ch.actions as usize].len();
        self.push(label.into(), 2, c, k, outcome)
    }

    fn push(
        &mut self,
        label: String,
        tag: u8,
        index: usize,
        num_children: usize,
        outcome: Option<usize>,
    ) -> Result<NodeId, TreeError> {
        if !self.tree.nodes.is_empty() && self.stack.is_empty() {
            return Err(TreeError::ExtraNode);
        }
        if let Some(o) = outcome {
            if o >= self.tree.outcomes.len() {
                return Err(TreeError::BadIndex { what: "outcome", index: o });
            }
        }
        let id = self.tree.nodes.len();
        if id >= (NONE - 1) as usize || self.tree.child_list.len() + num_children >= (NONE - 1) as usize {
            return Err(TreeError::TooLarge);
        }
        let parent = match self.stack.last_mut() {
            Some((p, filled)) => {
                let slot = self.tree.nodes[*p as usize].child_start + *filled;
                self.tree.child_list[slot as usize] = id as u32;
                *filled += 1;
                *p
            }
            None => NONE,
        };
        // Pop every node whose children are complete.
        while let Some(&(p, filled)) = self.stack.last() {
            let pd = &self.tree.nodes[p as usize];
            let need = match pd.tag {
                1 => self.tree.action_sets[self.tree.infosets[pd.index as usize].actions as usize].len(),
                2 => self.tree.action_sets[self.tree.chances[pd.index as usize].actions as usize].len(),
                _ => 0,
            };
            if filled as usize >= need {
                self.stack.pop();
            } else {
                break;
            }
        }
        let child_start = self.tree.child_list.len() as u32;
        self.tree.child_list.extend(std::iter::repeat_n(NONE, num_children));
        self.tree.nodes.push(NodeData {
            tag,
            index: index as u32,
            parent,
            child_start,
            outcome: outcome.map_or(NONE, |o| o as u32),
            next_in_infoset: NONE,
        });
        self.tree.labels.push(label);
        if num_children > 0 {
            self.stack.push((id as u32, 0));
        }
        Ok(id)
    }

    /// True once the root and all its descendants have been pushed.
    pub fn is_complete(&self) -> bool {
        !self.tree.nodes.is_empty() && self.stack.is_empty()
    }

    /// Finishes the tree; fails if it is empty or some move lacks children.
    pub fn finish(self) -> Result<Tree, TreeError> {
        if self.tree.nodes.is_empty() {
            return Err(TreeError::Empty);
        }
        if let Some(&(node, filled)) = self.stack.last() {
            let need = self.tree.num_children(node as usize);
            return Err(TreeError::Incomplete { node: node as usize, missing: need - filled as usize });
        }
        Ok(self.tree)
    }
}

/// Checks chance probabilities: one per action, non-negative, summing to exactly 1.
pub fn check_probabilities(actions: &[String], probs: &[Q]) -> Result<(), TreeError> {
    if actions.is_empty() {
        return Err(TreeError::NoActions);
    }
    if probs.len() != actions.len() {
        return Err(TreeError::ProbabilityCount { expected: actions.len(), found: probs.len() });
    }
    if let Some((a, p)) = actions.iter().zip(probs).find(|(_, p)| p.is_negative()) {
        return Err(TreeError::NegativeProbability { action: a.clone(), value: p.clone() });
    }
    let sum: Q = probs.iter().sum();
    if !sum.is_one() {
        return Err(TreeError::ProbabilitySum { sum });
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn s(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    /// Sequential chicken: A moves (Swerve/Straight), B sees it and moves.
    pub(crate) fn sequential_chicken() -> Tree {
        let mut b = TreeBuilder::new("seq chicken", s(&["A", "B"])).unwrap();
        let ha = b.add_infoset(0, "A", s(&["Swerve", "Straight"])).unwrap();
        let hb1 = b.add_infoset(1, "B after Swerve", s(&["Swerve", "Straight"])).unwrap();
        let hb2 = b.add_infoset(1, "B after Straight", s(&["Swerve", "Straight"])).unwrap();
        let pay = |b: &mut TreeBuilder, x: i64, y: i64| b.add_outcome("", vec![q(x), q(y)]).unwrap();
        b.decision("root", ha, None).unwrap();
        b.decision("", hb1, None).unwrap();
        let o = pay(&mut b, 6, 6);
        b.terminal("", Some(o)).unwrap();
        let o = pay(&mut b, 2, 7);
        b.terminal("", Some(o)).unwrap();
        b.decision("", hb2, None).unwrap();
        let o = pay(&mut b, 7, 2);
        b.terminal("", Some(o)).unwrap();
        let o = pay(&mut b, 0, 0);
        b.terminal("", Some(o)).unwrap();
        b.finish().unwrap()
    }

    /// A moves, then (forgetting its move) moves again in information set `second`; B never moves.
    pub(crate) fn forgetful() -> Tree {
        let mut b = TreeBuilder::new("forgetful", s(&["A", "B"])).unwrap();
        let h1 = b.add_infoset(0, "first", s(&["L", "R"])).unwrap();
        let h2 = b.add_infoset(0, "second", s(&["l", "r"])).unwrap();
        b.decision("", h1, None).unwrap();
        for _ in 0..2 {
            b.decision("", h2, None).unwrap();
            b.terminal("", None).unwrap();
            b.terminal("", None).unwrap();
        }
        b.finish().unwrap()
    }

    /// Simultaneous moves: A chooses x or y, B chooses u or v in information set `guess` without
    /// seeing A's move. No payoffs.
    pub(crate) fn simultaneous_moves() -> Tree {
        let mut b = TreeBuilder::new("sim", s(&["A", "B"])).unwrap();
        let ha = b.add_infoset(0, "", s(&["x", "y"])).unwrap();
        let hb = b.add_infoset(1, "guess", s(&["u", "v"])).unwrap();
        b.decision("", ha, None).unwrap();
        for _ in 0..2 {
            b.decision("", hb, None).unwrap();
            b.terminal("", None).unwrap();
            b.terminal("", None).unwrap();
        }
        b.finish().unwrap()
    }

    /// The absent-minded driver: one information set met twice on a path (no perfect recall).
    pub(crate) fn absent_minded_driver() -> Tree {
        let mut b = TreeBuilder::new("driver", s(&["A"])).unwrap();
        let h = b.add_infoset(0, "", s(&["Exit", "Continue"])).unwrap();
        b.decision("", h, None).unwrap();
        b.terminal("", None).unwrap();
        b.decision("", h, None).unwrap();
        b.terminal("", None).unwrap();
        b.terminal("", None).unwrap();
        b.finish().unwrap()
    }

    #[test]
    fn builds_in_pre_order() {
        let t = sequential_chicken();
        assert_eq!(t.num_nodes(), 7);
        assert_eq!(t.children(0).collect::<Vec<_>>(), vec![1, 4]);
        assert_eq!(t.children(4).collect::<Vec<_>>(), vec![5, 6]);
        assert_eq!(t.parent(6), Some(4));
        assert_eq!(t.parent(0), None);
        assert!(t.is_perfect_information());
        assert!(t.perfect_recall().is_ok());
        assert_eq!(t.actions(4), &s(&["Swerve", "Straight"])[..]);
        assert_eq!(t.player_infosets(1), &[1, 2]);
        assert_eq!(t.own_parent_moves(1), vec![None, None]);
        let b = BehaviorProfile::pure(&t, &[vec![1], vec![1, 0]]);
        assert!(b.check(&t).is_ok());
        assert_eq!(t.expected_payoffs(&b), vec![q(7), q(2)]);
    }

    #[test]
    fn rejects_bad_shapes() {
        let mut b = TreeBuilder::new("t", s(&["A"])).unwrap();
        let h = b.add_infoset(0, "", s(&["x", "y"])).unwrap();
        b.decision("", h, None).unwrap();
        b.terminal("", None).unwrap();
        assert_eq!(b.finish().unwrap_err(), TreeError::Incomplete { node: 0, missing: 1 });
        let mut b = TreeBuilder::new("t", s(&["A"])).unwrap();
        b.terminal("", None).unwrap();
        assert_eq!(b.terminal("", None).unwrap_err(), TreeError::ExtraNode);
        assert_eq!(TreeBuilder::new("t", vec![]).unwrap_err(), TreeError::NoPlayers);
        assert!(matches!(TreeBuilder::new("t", s(&["A", "A"])), Err(TreeError::DuplicatePlayer(_))));
        let mut b = TreeBuilder::new("t", s(&["A", "B"])).unwrap();
        assert_eq!(b.add_outcome("", vec![q(1)]).unwrap_err(), TreeError::PayoffCount { expected: 2, found: 1 });
        assert_eq!(b.add_infoset(0, "", vec![]).unwrap_err(), TreeError::NoActions);
        assert!(matches!(b.add_infoset(2, "", s(&["x"])), Err(TreeError::BadIndex { .. })));
        assert!(matches!(
            b.add_chance("", s(&["a", "b"]), vec![frac(1, 2), frac(1, 3)]),
            Err(TreeError::ProbabilitySum { .. })
        ));
        assert!(matches!(
            b.add_chance("", s(&["a", "b"]), vec![frac(3, 2), frac(-1, 2)]),
            Err(TreeError::NegativeProbability { .. })
        ));
        assert!(matches!(b.add_chance("", s(&["a"]), vec![]), Err(TreeError::ProbabilityCount { .. })));
        let h = b.add_infoset(0, "h", s(&["x"])).unwrap();
        assert!(matches!(b.check_infoset(h, 1, &s(&["x"])), Err(TreeError::InfosetPlayer { .. })));
        assert!(matches!(b.check_infoset(h, 0, &s(&["y"])), Err(TreeError::InfosetActions { .. })));
        assert!(b.check_infoset(h, 0, &s(&["x"])).is_ok());
        assert_eq!(TreeBuilder::new("t", s(&["A"])).unwrap().finish().unwrap_err(), TreeError::Empty);
    }

    #[test]
    fn detects_imperfect_recall_and_information() {
        let t = forgetful();
        assert!(!t.is_perfect_information());
        let v = t.perfect_recall().unwrap_err();
        assert_eq!((v.player, v.infoset), (0, 1));
        assert!(v.reason.contains("`second`"), "{}", v.reason);

        assert!(absent_minded_driver().perfect_recall().is_err());

        // Simultaneous moves: B does not see A's move, but that is perfect recall.
        let t = simultaneous_moves();
        let hb = 1;
        assert!(t.perfect_recall().is_ok());
        assert!(!t.is_perfect_information());
        assert_eq!(t.infoset_nodes(hb).collect::<Vec<_>>(), vec![1, 4]);
        assert_eq!(t.infoset_size(hb), 2);
        assert_eq!(t.preorder(), (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn payoffs_accumulate_along_the_path_with_chance() {
        let mut b = TreeBuilder::new("c", s(&["A"])).unwrap();
        let c = b.add_chance("", s(&["H", "T"]), vec![frac(1, 3), frac(2, 3)]).unwrap();
        let o1 = b.add_outcome("entry fee", vec![q(-1)]).unwrap();
        let o2 = b.add_outcome("win", vec![q(3)]).unwrap();
        b.chance("", c, Some(o1)).unwrap();
        b.terminal("", Some(o2)).unwrap();
        b.terminal("", None).unwrap();
        let t = b.finish().unwrap();
        assert!(t.has_inner_outcomes());
        let beh = BehaviorProfile { probs: vec![vec![]], unreached: vec![vec![]] };
        assert_eq!(t.expected_payoffs(&beh), vec![q(0)]);
    }
}
