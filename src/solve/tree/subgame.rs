//! Subgame perfection for general trees: proper subgames, solved bottom-up and combined.
//!
//! A node roots a **proper subgame** when its subtree contains every node of every information
//! set it touches (chance nodes and terminal nodes included). Because the arena is in pre-order,
//! a subtree is the contiguous range `n..end(n)`, so this is one reverse pass comparing, per
//! node, the smallest and largest node index of the information sets met in its subtree.
//!
//! Every subgame root `r` owns a **residual game**: its subtree with each maximal proper subgame
//! strictly inside it replaced by a terminal node paying that subgame's equilibrium value.
//! Either the residual is the single node `r` (a perfect-information step: a mover picks a best
//! child, with **all** ties, or nature averages), or it contains an information set with several
//! nodes and no proper subgame; then it is solved on its reduced strategic form — all extreme
//! equilibria (`enum`) with two players; with more, every equilibrium `enumpoly` finds (all
//! isolated ones, exact where rational and certified decimals otherwise, one verified point of
//! each continuum), or all pure equilibria (`pure`) when the residual is beyond `enumpoly`'s budget.
//!
//! An irrational subgame equilibrium is carried upward as its rounded rational profile and that
//! profile's exact value; the resulting SPE is then an ε-SPE whose bound [`spe_regret`] computes
//! exactly (the largest gain of a deviation in any subgame).
//!
//! The equilibria of a residual depend on which equilibrium was chosen in each subgame below it,
//! so every subgame root keeps, per distinct payoff vector, how many SPEs of its subgame give it
//! and up to [`MAX_LISTED_SPE`] of them; a residual is solved once per combination of its
//! children's payoff vectors. Every combination is an SPE (the subgame decomposition of Selten):
//! the result lists all pure SPEs and all combinations of extreme equilibria of the subgames.
//!
//! [`verify_spe`] checks a behaviour profile exactly with the same decomposition: the profile's
//! values are computed at every node, and the profile restricted to every residual (children
//! replaced by their values under the profile) must be a Nash equilibrium of that residual.

use super::solution::MAX_LISTED_SPE;
use crate::error::{Error, Result};
use crate::game::reduce::reduce;
use crate::game::tree::{BehaviorProfile, NodeId, NodeKind, Tree, TreeBuilder};
use crate::num::{fmt_q, Q};
use crate::solve::{Method, SolveOptions};
use num_traits::{One, Signed, Zero};

/// The most combinations of subgame values one residual game is solved for.
pub const MAX_COMBINATIONS: usize = 10_000;

/// The proper subgames of a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subgames {
    end: Vec<usize>,
    is_root: Vec<bool>,
}

impl Subgames {
    /// Finds every proper subgame (one linear pass).
    pub fn new(tree: &Tree) -> Subgames {
        let n = tree.num_nodes();
        let h = tree.infosets().len();
        let mut first = vec![usize::MAX; h];
        let mut last = vec![0usize; h];
        for (k, (f, l)) in first.iter_mut().zip(last.iter_mut()).enumerate() {
            for node in tree.infoset_nodes(k) {
                *f = (*f).min(node);
                *l = (*l).max(node);
            }
        }
        let mut end = vec![0usize; n];
        let mut lo = vec![usize::MAX; n];
        let mut hi = vec![0usize; n];
        let mut is_root = vec![false; n];
        for node in (0..n).rev() {
            let k = tree.num_children(node);
            end[node] = if k == 0 { node + 1 } else { end[tree.child(node, k - 1)] };
            let (mut l, mut u) = match tree.kind(node) {
                NodeKind::Decision { infoset } => (first[infoset], last[infoset]),
                _ => (usize::MAX, 0),
            };
            for c in tree.children(node) {
                l = l.min(lo[c]);
                u = u.max(hi[c]);
            }
            lo[node] = l;
            hi[node] = u;
            is_root[node] = l >= node && u < end[node];
        }
        Subgames { end, is_root }
    }

    /// True if `n` roots a proper subgame (the root always does).
    pub fn is_root(&self, n: NodeId) -> bool {
        self.is_root[n]
    }

    /// One past the last node of `n`'s subtree (subtrees are contiguous in pre-order).
    pub fn end(&self, n: NodeId) -> NodeId {
        self.end[n]
    }

    /// The roots of the maximal proper subgames strictly inside the subgame rooted at `r`.
    pub fn children(&self, r: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut x = r + 1;
        while x < self.end[r] {
            if self.is_root[x] {
                out.push(x);
                x = self.end[x];
            } else {
                x += 1;
            }
        }
        out
    }

    /// The root of the smallest proper subgame containing node `n`.
    pub fn smallest_containing(&self, tree: &Tree, mut n: NodeId) -> NodeId {
        while !self.is_root[n] {
            match tree.parent(n) {
                Some(p) => n = p,
                None => return n,
            }
        }
        n
    }

    /// The root of the smallest proper subgame containing information set `h` (global index).
    pub fn of_infoset(&self, tree: &Tree, h: usize) -> NodeId {
        tree.infoset_nodes(h).next().map_or(0, |n| self.smallest_containing(tree, n))
    }

    /// Number of non-terminal proper subgames other than the whole game.
    pub fn num_proper(&self, tree: &Tree) -> usize {
        (1..self.is_root.len()).filter(|&n| self.is_root[n] && tree.num_children(n) > 0).count()
    }
}

/// Behaviour at some information sets: `(global infoset, distribution, unreached)`.
type Assign = Vec<(usize, Vec<Q>, bool)>;

/// The SPEs of one subgame giving one payoff vector.
#[derive(Debug, Clone)]
struct Entry {
    value: Vec<Q>,
    count: u128,
    lists: Vec<Assign>,
}

fn merge(out: &mut Vec<Entry>, value: Vec<Q>, count: u128, lists: Vec<Assign>) {
    if let Some(e) = out.iter_mut().find(|e| e.value == value) {
        e.count = e.count.saturating_add(count);
        for l in lists {
            if e.lists.len() >= MAX_LISTED_SPE {
                break;
            }
            e.lists.push(l);
        }
    } else {
        out.push(Entry { value, count, lists });
    }
}

fn product(left: &[Assign], right: &[&Assign]) -> Vec<Assign> {
    let mut out = Vec::new();
    'outer: for l in left {
        for r in right {
            if out.len() >= MAX_LISTED_SPE {
                break 'outer;
            }
            let mut x = l.clone();
            x.extend(r.iter().cloned());
            out.push(x);
        }
    }
    out
}

/// The residual game of subgame root `r`: its subtree with each child subgame `c` replaced by a
/// terminal node paying `value(c)`. Returns the tree and, per residual information set, the
/// original one (global indices).
fn residual_tree(
    tree: &Tree,
    sg: &Subgames,
    r: NodeId,
    value: &dyn Fn(NodeId) -> Vec<Q>,
) -> Result<(Tree, Vec<usize>)> {
    let internal = |e: crate::game::TreeError| Error::Internal(format!("building a residual game: {e}"));
    let mut b = TreeBuilder::new(tree.title.clone(), tree.players().to_vec()).map_err(internal)?;
    let mut infoset_map: Vec<Option<usize>> = vec![None; tree.infosets().len()];
    let mut chance_map: Vec<Option<usize>> = vec![None; tree.chances().len()];
    let mut back = Vec::new();
    let mut x = r;
    while x < sg.end(r) {
        if x != r && sg.is_root(x) {
            let o = b.add_outcome("", value(x)).map_err(internal)?;
            b.terminal(tree.label(x), Some(o)).map_err(internal)?;
            x = sg.end(x);
            continue;
        }
        let o = match tree.node_payoffs(x) {
            Some(p) => Some(b.add_outcome("", p.to_vec()).map_err(internal)?),
            None => None,
        };
        match tree.kind(x) {
            NodeKind::Terminal => {
                b.terminal(tree.label(x), o).map_err(internal)?;
            }
            NodeKind::Decision { infoset } => {
                let h = match infoset_map[infoset] {
                    Some(h) => h,
                    None => {
                        let set = &tree.infosets()[infoset];
                        let h = b
                            .add_infoset(set.player, set.label.clone(), tree.infoset_actions(infoset).to_vec())
                            .map_err(internal)?;
                        infoset_map[infoset] = Some(h);
                        back.push(infoset);
                        h
                    }
                };
                b.decision(tree.label(x), h, o).map_err(internal)?;
            }
            NodeKind::Chance { chance } => {
                let c = match chance_map[chance] {
                    Some(c) => c,
                    None => {
                        let ch = &tree.chances()[chance];
                        let c = b
                            .add_chance(ch.label.clone(), tree.chance_actions(chance).to_vec(), ch.probs.clone())
                            .map_err(internal)?;
                        chance_map[chance] = Some(c);
                        c
                    }
                };
                b.chance(tree.label(x), c, o).map_err(internal)?;
            }
        }
        x += 1;
    }
    Ok((b.finish().map_err(internal)?, back))
}

/// True if the residual game of `r` is the single node `r`.
fn single_node_residual(tree: &Tree, sg: &Subgames, r: NodeId) -> bool {
    tree.children(r).all(|c| sg.is_root(c))
}

/// What [`solve_subgames`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct SubgameSolution {
    /// The SPEs listed (at most [`MAX_LISTED_SPE`]), with their payoffs, in a deterministic order.
    pub equilibria: Vec<(BehaviorProfile, Vec<Q>)>,
    /// How many SPEs of the kinds described in the module docs there are (saturating).
    pub total: u128,
    /// Non-terminal proper subgames (other than the whole game).
    pub proper_subgames: usize,
    /// Residual games with imperfect information solved on their reduced strategic form.
    pub imperfect_residuals: usize,
    /// True if a residual game with more than two players was solved for pure equilibria only
    /// (beyond `enumpoly`'s budget).
    pub pure_only: bool,
    /// False if some listed SPE uses an irrational (rounded, certified) subgame equilibrium.
    pub exact: bool,
    /// False if a residual game had a continuum of equilibria (one point of it is listed) or
    /// was solved for pure equilibria only.
    pub complete: bool,
    /// Remarks from the residual games' solvers (irrational roots, continua, budgets).
    pub notes: Vec<String>,
}

/// What the residual games' solvers reported, gathered over the bottom-up pass.
#[derive(Default)]
struct Status {
    pure_only: bool,
    inexact: bool,
    incomplete: bool,
    notes: Vec<String>,
}

impl Status {
    fn note(&mut self, s: String) {
        if !self.notes.contains(&s) && self.notes.len() < 50 {
            self.notes.push(s);
        }
    }
}

/// A residual game's note without its equilibrium numbers ("spanned by equilibria 1, 3"): they
/// count the residual game's own list, not the SPEs listed for the tree.
fn renumber_free(note: &str) -> String {
    const KEY: &str = "spanned by equilibria ";
    let Some(at) = note.find(KEY) else { return note.to_string() };
    let rest = &note[at + KEY.len()..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == ' ')).unwrap_or(rest.len());
    let count = rest[..end].split(',').filter(|k| !k.trim().is_empty()).count();
    format!(
        "{}spanned by {count} of its equilibria (its vertices, each part of a listed SPE){}",
        &note[..at],
        &rest[end..]
    )
}

/// Subgame-perfect equilibria of any tree with perfect recall (see the module docs).
pub fn solve_subgames(tree: &Tree, options: &SolveOptions) -> Result<SubgameSolution> {
    let sg = Subgames::new(tree);
    let n = tree.num_nodes();
    let np = tree.num_players();
    check_copy_work(tree, &sg)?;
    let mut entries: Vec<Option<Vec<Entry>>> = vec![None; n];
    let mut imperfect_residuals = 0;
    let mut status = Status::default();
    for r in (0..n).rev() {
        if !sg.is_root(r) {
            continue;
        }
        let mut base = vec![Q::zero(); np];
        if let Some(u) = tree.node_payoffs(r) {
            base = u.to_vec();
        }
        let kids = sg.children(r);
        let mut kid_entries: Vec<Vec<Entry>> = Vec::with_capacity(kids.len());
        for &c in &kids {
            kid_entries.push(entries[c].take().ok_or_else(|| Error::Internal("subgame solved out of order".into()))?);
        }
        let mut out: Vec<Entry> = Vec::new();
        match tree.kind(r) {
            NodeKind::Terminal => out.push(Entry { value: base.clone(), count: 1, lists: vec![Vec::new()] }),
            kind if single_node_residual(tree, &sg, r) => match kind {
                NodeKind::Decision { infoset } => {
                    decision_step(tree, infoset, &base, &kid_entries, &mut out);
                }
                _ => chance_step(tree, r, &base, &kid_entries, &mut out)?,
            },
            _ => {
                imperfect_residuals += 1;
                residual_step(tree, &sg, r, &kids, &kid_entries, options, &mut out, &mut status)?;
            }
        }
        out.sort_by(|x, y| x.value.cmp(&y.value));
        if out.len() > super::backward::MAX_VALUES_PER_NODE {
            return Err(Error::TooLarge(format!(
                "subgame perfection: a subgame has more than {} distinct equilibrium payoff vectors",
                super::backward::MAX_VALUES_PER_NODE
            )));
        }
        entries[r] = Some(out);
    }
    let root = entries[0].take().unwrap_or_default();
    let mut total: u128 = 0;
    let mut equilibria = Vec::new();
    for e in &root {
        total = total.saturating_add(e.count);
        for a in &e.lists {
            if equilibria.len() >= MAX_LISTED_SPE {
                break;
            }
            equilibria.push((profile_of(tree, a), e.value.clone()));
        }
    }
    Ok(SubgameSolution {
        equilibria,
        total,
        proper_subgames: sg.num_proper(tree),
        imperfect_residuals,
        pure_only: status.pure_only,
        exact: !status.inexact,
        complete: !(status.incomplete || status.pure_only),
        notes: status.notes,
    })
}

/// Refuses, before solving, a tree where copying each subgame's equilibrium assignments into
/// every enclosing subgame would exceed `--max-work`: at least one assignment per decision node
/// of the subtree at every subgame root, each an exact move. Quadratic in the depth for a deep
/// chain of subgames (a 200,000-deep chain ending in a simultaneous move ran for minutes).
fn check_copy_work(tree: &Tree, sg: &Subgames) -> Result<()> {
    let n = tree.num_nodes();
    let mut decisions = vec![0u64; n + 1];
    for node in 0..n {
        let d = u64::from(matches!(tree.kind(node), NodeKind::Decision { .. }));
        decisions[node + 1] = decisions[node] + d;
    }
    let mut roots: u64 = 0;
    let mut copies: u128 = 0;
    for r in (0..n).filter(|&r| sg.is_root(r)) {
        roots += 1;
        copies = copies.saturating_add(u128::from(decisions[sg.end(r)] - decisions[r]));
    }
    // Copying about linear in the tree is no concern (and tiny trees must not be refused ahead
    // of their callers' own estimates); only the superlinear case is checked.
    if copies <= 64 * n as u128 {
        return Ok(());
    }
    crate::game::budget::check_work(
        copies.saturating_mul(u128::from(crate::game::budget::EXACT_OP_COST)),
        &format!(
            "subgame perfection on this tree ({n} nodes, {roots} subgames whose equilibria are copied into every \
             enclosing subgame; --method lemke finds one Nash equilibrium instead)"
        ),
    )
}

/// A behaviour profile from assignments covering every information set.
fn profile_of(tree: &Tree, a: &Assign) -> BehaviorProfile {
    let mut probs: Vec<Vec<Vec<Q>>> = (0..tree.num_players())
        .map(|i| {
            tree.player_infosets(i)
                .iter()
                .map(|&h| {
                    let m = tree.infoset_actions(h).len();
                    vec![Q::new(1.into(), (m as i64).into()); m]
                })
                .collect()
        })
        .collect();
    let mut unreached: Vec<Vec<bool>> =
        (0..tree.num_players()).map(|i| vec![true; tree.player_infosets(i).len()]).collect();
    for (h, p, u) in a {
        let set = &tree.infosets()[*h];
        probs[set.player][set.local] = p.clone();
        unreached[set.player][set.local] = *u;
    }
    BehaviorProfile { probs, unreached }
}

/// A mover at a perfect-information node picks a best child, all ties kept: child `a`'s value `v`
/// is possible iff no other child's every SPE pays the mover more; the other children may then
/// play any SPE paying the mover at most `v`.
fn decision_step(tree: &Tree, infoset: usize, base: &[Q], kids: &[Vec<Entry>], out: &mut Vec<Entry>) {
    let i = tree.infosets()[infoset].player;
    let m = kids.len();
    let worst: Vec<Option<&Q>> = kids.iter().map(|es| es.iter().map(|e| &e.value[i]).min()).collect();
    for (a, es) in kids.iter().enumerate() {
        let threat = worst.iter().enumerate().filter(|&(b, _)| b != a).filter_map(|(_, w)| *w).max();
        for e in es {
            if threat.is_some_and(|t| e.value[i] < *t) {
                continue;
            }
            let mine = vec![(infoset, (0..m).map(|b| if a == b { Q::one() } else { Q::zero() }).collect(), false)];
            let mut count = e.count;
            let mut lists: Vec<Assign> = e
                .lists
                .iter()
                .map(|l| {
                    let mut x = mine.clone();
                    x.extend(l.iter().cloned());
                    x
                })
                .collect();
            for (b, others) in kids.iter().enumerate() {
                if b == a {
                    continue;
                }
                let ok: Vec<&Entry> = others.iter().filter(|w| w.value[i] <= e.value[i]).collect();
                count = count.saturating_mul(ok.iter().fold(0u128, |s, w| s.saturating_add(w.count)));
                let opts: Vec<&Assign> = ok.iter().flat_map(|w| w.lists.iter()).collect();
                lists = product(&lists, &opts);
            }
            let value = e.value.iter().zip(base).map(|(x, y)| x + y).collect();
            merge(out, value, count, lists);
        }
    }
}

/// Nature averages one SPE value per child.
fn chance_step(tree: &Tree, r: NodeId, base: &[Q], kids: &[Vec<Entry>], out: &mut Vec<Entry>) -> Result<()> {
    let NodeKind::Chance { chance } = tree.kind(r) else {
        return Err(Error::Internal("chance step at a non-chance node".into()));
    };
    let probs = &tree.chances()[chance].probs;
    let mut acc = vec![Entry { value: base.to_vec(), count: 1, lists: vec![Vec::new()] }];
    for (a, es) in kids.iter().enumerate() {
        let mut next = Vec::new();
        for x in &acc {
            for e in es {
                let v = x.value.iter().zip(&e.value).map(|(s, w)| s + &probs[a] * w).collect();
                let opts: Vec<&Assign> = e.lists.iter().collect();
                merge(&mut next, v, x.count.saturating_mul(e.count), product(&x.lists, &opts));
            }
        }
        if next.len() > super::backward::MAX_VALUES_PER_NODE {
            return Err(Error::TooLarge(format!(
                "subgame perfection: a chance node has more than {} distinct equilibrium payoff vectors",
                super::backward::MAX_VALUES_PER_NODE
            )));
        }
        acc = next;
    }
    out.extend(acc);
    Ok(())
}

/// Solves the residual game of `r` (it has imperfect information) once per combination of its
/// child subgames' values.
#[allow(clippy::too_many_arguments)]
fn residual_step(
    tree: &Tree,
    sg: &Subgames,
    r: NodeId,
    kids: &[NodeId],
    kid_entries: &[Vec<Entry>],
    options: &SolveOptions,
    out: &mut Vec<Entry>,
    status: &mut Status,
) -> Result<()> {
    let combos = kid_entries.iter().try_fold(1usize, |acc, es| acc.checked_mul(es.len().max(1)));
    if combos.is_none_or(|c| c > MAX_COMBINATIONS) {
        return Err(Error::TooLarge(format!(
            "subgame perfection: the subgame at node {r} would have to be solved for more than {MAX_COMBINATIONS} \
             combinations of equilibria of the subgames below it"
        )));
    }
    if kid_entries.iter().any(Vec::is_empty) {
        return Ok(());
    }
    let mut idx = vec![0usize; kids.len()];
    loop {
        let chosen: Vec<&Entry> = idx.iter().zip(kid_entries).map(|(&j, es)| &es[j]).collect();
        let value = |c: NodeId| {
            kids.iter()
                .position(|&k| k == c)
                .map_or_else(|| vec![Q::zero(); tree.num_players()], |p| chosen[p].value.clone())
        };
        let (res, back) = residual_tree(tree, sg, r, &value)?;
        let reduced = reduce(&res)?;
        let sol = solve_residual(tree, r, &reduced.game, options, status)?;
        let mut count: u128 = 1;
        let mut lists: Vec<Assign> = vec![Vec::new()];
        for e in &chosen {
            count = count.saturating_mul(e.count);
            let opts: Vec<&Assign> = e.lists.iter().collect();
            lists = product(&lists, &opts);
        }
        for eq in &sol.equilibria {
            let beh = reduced.behavior_of(&res, &eq.profile);
            let mut mine: Assign = Vec::new();
            for i in 0..res.num_players() {
                for (k, &h) in res.player_infosets(i).iter().enumerate() {
                    mine.push((back[h], beh.probs[i][k].clone(), beh.unreached[i][k]));
                }
            }
            let with: Vec<Assign> = lists
                .iter()
                .map(|l| {
                    let mut x = mine.clone();
                    x.extend(l.iter().cloned());
                    x
                })
                .collect();
            merge(out, eq.payoffs.clone(), count, with);
        }
        // Next combination (mixed radix, last child fastest).
        let mut k = idx.len();
        loop {
            if k == 0 {
                return Ok(());
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < kid_entries[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
}

/// Solves one residual game on its reduced strategic form: `enum` for two players; `enumpoly`
/// for more (`pure` past its budget), its remarks kept in `status` with the subgame named.
fn solve_residual(
    tree: &Tree,
    r: NodeId,
    game: &crate::game::NormalForm,
    options: &SolveOptions,
    status: &mut Status,
) -> Result<crate::solve::Solution> {
    if tree.num_players() == 2 {
        return crate::solve::solve(game, Method::Enum, options);
    }
    let at = if tree.label(r).is_empty() { format!("node {r}") } else { format!("`{}`", tree.label(r)) };
    let sol = match crate::solve::solve(game, Method::EnumPoly, options) {
        Ok(sol) => sol,
        Err(Error::TooLarge(why)) => {
            status.pure_only = true;
            status.note(format!(
                "the subgame at {at} is searched for pure equilibria only (its mixed ones are not computed): {why}"
            ));
            return crate::solve::solve(game, Method::Pure, options);
        }
        Err(e) => return Err(e),
    };
    if !sol.exact {
        status.inexact = true;
    }
    if !sol.complete {
        status.incomplete = true;
    }
    // The first note counts the equilibria of this residual; the rest (irrational roots,
    // continua) matter to the reader.
    for n in sol.notes.iter().skip(1) {
        status.note(format!("subgame at {at}: {}", renumber_free(n)));
    }
    Ok(sol)
}

/// The value of every node's subtree under a behaviour profile (outcomes accumulated from the
/// node down).
pub fn node_values(tree: &Tree, behavior: &BehaviorProfile) -> Vec<Vec<Q>> {
    let n = tree.num_nodes();
    let np = tree.num_players();
    let mut val: Vec<Vec<Q>> = vec![Vec::new(); n];
    for node in (0..n).rev() {
        let mut v = match tree.node_payoffs(node) {
            Some(u) => u.to_vec(),
            None => vec![Q::zero(); np],
        };
        let probs: &[Q] = match tree.kind(node) {
            NodeKind::Terminal => &[],
            NodeKind::Decision { infoset } => {
                let h = &tree.infosets()[infoset];
                &behavior.probs[h.player][h.local]
            }
            NodeKind::Chance { chance } => &tree.chances()[chance].probs,
        };
        for (c, p) in tree.children(node).zip(probs) {
            if p.is_zero() {
                continue;
            }
            for (x, y) in v.iter_mut().zip(&val[c]) {
                *x += p * y;
            }
        }
        val[node] = v;
    }
    val
}

/// Checks exactly that `behavior` is subgame perfect: in every proper subgame, no player gains
/// by deviating. Returns the root payoffs, or a description of the first failing subgame.
pub fn verify_spe(tree: &Tree, behavior: &BehaviorProfile) -> std::result::Result<Vec<Q>, String> {
    spe_check(tree, behavior, Some(&Q::zero())).map(|(v, _)| v)
}

/// The exact largest gain any player can make by deviating in any proper subgame (0 for an SPE;
/// the ε of an ε-SPE built from rounded irrational subgame equilibria), with the root payoffs.
pub fn spe_regret(tree: &Tree, behavior: &BehaviorProfile) -> std::result::Result<(Vec<Q>, Q), String> {
    spe_check(tree, behavior, None)
}

/// The subgame-by-subgame check behind [`verify_spe`] and [`spe_regret`]: fails at the first
/// subgame where a deviation gains more than `tolerance` (`None`: no limit).
fn spe_check(
    tree: &Tree,
    behavior: &BehaviorProfile,
    tolerance: Option<&Q>,
) -> std::result::Result<(Vec<Q>, Q), String> {
    behavior.check(tree)?;
    let sg = Subgames::new(tree);
    let val = node_values(tree, behavior);
    let mut worst = Q::zero();
    for r in 0..tree.num_nodes() {
        if !sg.is_root(r) || tree.num_children(r) == 0 {
            continue;
        }
        if single_node_residual(tree, &sg, r) {
            if let NodeKind::Decision { infoset } = tree.kind(r) {
                let h = &tree.infosets()[infoset];
                let i = h.player;
                let probs = &behavior.probs[i][h.local];
                let best = tree.children(r).map(|c| &val[c][i]).max().cloned().unwrap_or_else(Q::zero);
                let got: Q = tree.children(r).zip(probs).map(|(c, p)| p * &val[c][i]).sum();
                let regret = &best - got;
                if tolerance.is_some_and(|t| &regret > t) {
                    let a = tree
                        .children(r)
                        .enumerate()
                        .position(|(a, c)| probs[a].is_positive() && val[c][i] < best)
                        .unwrap_or(0);
                    return Err(format!(
                        "at node {r}, `{}` plays `{}` though another action pays {}",
                        tree.players()[i],
                        tree.actions(r)[a],
                        fmt_q(&best)
                    ));
                }
                worst = worst.max(regret);
            }
            continue;
        }
        let value = |c: NodeId| val[c].clone();
        let (res, back) = residual_tree(tree, &sg, r, &value).map_err(|e| e.to_string())?;
        let reduced = reduce(&res).map_err(|e| e.to_string())?;
        let probs = (0..res.num_players())
            .map(|i| {
                res.player_infosets(i)
                    .iter()
                    .map(|&h| {
                        let set = &tree.infosets()[back[h]];
                        behavior.probs[set.player][set.local].clone()
                    })
                    .collect()
            })
            .collect();
        let unreached = (0..res.num_players()).map(|i| vec![false; res.player_infosets(i).len()]).collect();
        let restricted = BehaviorProfile { probs, unreached };
        let regret = reduced.game.max_regret(&reduced.mixed_of(&restricted));
        if tolerance.is_some_and(|t| &regret > t) {
            return Err(format!(
                "in the subgame at node {r} a player gains {} by deviating (not a Nash equilibrium there)",
                fmt_q(&regret)
            ));
        }
        worst = worst.max(regret);
    }
    Ok((val.first().cloned().unwrap_or_default(), worst))
}

/// Beliefs at every information set (`[player][infoset]`, nodes in pre-order) by Bayes' rule:
/// each node's probability under `behavior` and chance, relative to the root of the smallest
/// proper subgame containing the set when `per_subgame` (for SPEs), else relative to the root;
/// `None` where the set is reached with probability zero.
pub fn beliefs(tree: &Tree, behavior: &BehaviorProfile, per_subgame: bool) -> Vec<Vec<Option<Vec<Q>>>> {
    let n = tree.num_nodes();
    let sg = per_subgame.then(|| Subgames::new(tree));
    let mut reach: Vec<Q> = vec![Q::zero(); n];
    for node in 0..n {
        let restart = node == 0 || sg.as_ref().is_some_and(|s| s.is_root(node));
        if restart {
            reach[node] = Q::one();
        }
        if reach[node].is_zero() {
            continue;
        }
        let probs: &[Q] = match tree.kind(node) {
            NodeKind::Terminal => &[],
            NodeKind::Decision { infoset } => {
                let h = &tree.infosets()[infoset];
                &behavior.probs[h.player][h.local]
            }
            NodeKind::Chance { chance } => &tree.chances()[chance].probs,
        };
        for (c, p) in tree.children(node).zip(probs) {
            reach[c] = &reach[node] * p;
        }
    }
    (0..tree.num_players())
        .map(|i| {
            tree.player_infosets(i)
                .iter()
                .map(|&h| {
                    let r: Vec<Q> = tree.infoset_nodes(h).map(|x| reach[x].clone()).collect();
                    let total: Q = r.iter().sum();
                    (!total.is_zero()).then(|| r.into_iter().map(|x| x / &total).collect())
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::tests::sequential_chicken;
    use crate::num::{frac, q};

    fn s(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    /// A moves In/Out; after In, A and B play a simultaneous coordination game
    /// (A: U/D, B: l/r): (U,l) = (3,1), (D,r) = (1,3), else (0,0). Out pays (2,2).
    fn entry_then_battle() -> Tree {
        let mut b = TreeBuilder::new("battle", s(&["A", "B"])).unwrap();
        let h0 = b.add_infoset(0, "entry", s(&["Out", "In"])).unwrap();
        let ha = b.add_infoset(0, "A", s(&["U", "D"])).unwrap();
        let hb = b.add_infoset(1, "B", s(&["l", "r"])).unwrap();
        let pay = |b: &mut TreeBuilder, x: i64, y: i64| b.add_outcome("", vec![q(x), q(y)]).unwrap();
        b.decision("", h0, None).unwrap();
        let o = pay(&mut b, 2, 2);
        b.terminal("", Some(o)).unwrap();
        b.decision("", ha, None).unwrap();
        for [x, y] in [[(3, 1), (0, 0)], [(0, 0), (1, 3)]] {
            b.decision("", hb, None).unwrap();
            let o = pay(&mut b, x.0, x.1);
            b.terminal("", Some(o)).unwrap();
            let o = pay(&mut b, y.0, y.1);
            b.terminal("", Some(o)).unwrap();
        }
        b.finish().unwrap()
    }

    #[test]
    fn finds_proper_subgames() {
        let t = entry_then_battle();
        let sg = Subgames::new(&t);
        // Root, Out terminal, the simultaneous game at node 2 and the terminals: B's nodes
        // (3 and 6) are not subgames.
        assert!(sg.is_root(0) && sg.is_root(1) && sg.is_root(2));
        assert!(!sg.is_root(3) && !sg.is_root(6));
        assert_eq!(sg.children(0), vec![1, 2]);
        assert_eq!(sg.children(2), vec![4, 5, 7, 8]);
        assert_eq!(sg.num_proper(&t), 1);
        assert_eq!(sg.of_infoset(&t, 2), 2);
        let seq = sequential_chicken();
        let sg = Subgames::new(&seq);
        assert!((0..seq.num_nodes()).all(|n| sg.is_root(n)));
    }

    #[test]
    fn combines_every_equilibrium_of_the_subgame() {
        // The battle has three equilibria: (U,l) pays A 3 > 2, so A enters; (D,r) pays A 1 < 2,
        // A stays out; the mixed one (A: 3/4 U, B: 1/4 l) pays A 3/4 < 2, A stays out.
        let t = entry_then_battle();
        let sol = solve_subgames(&t, &SolveOptions::default()).unwrap();
        assert_eq!(sol.total, 3);
        let pays: Vec<Vec<Q>> = sol.equilibria.iter().map(|e| e.1.clone()).collect();
        assert_eq!(pays, vec![vec![q(2), q(2)], vec![q(2), q(2)], vec![q(3), q(1)]]);
        for (b, v) in &sol.equilibria {
            assert_eq!(verify_spe(&t, b).unwrap(), *v);
        }
        let mixed = sol.equilibria.iter().find(|e| e.0.as_pure().is_none()).unwrap();
        assert_eq!(mixed.0.probs[0][1], vec![frac(3, 4), frac(1, 4)]);
        assert_eq!(mixed.0.probs[1][0], vec![frac(1, 4), frac(3, 4)]);
        // Entering and then playing the subgame equilibrium (D, r) is a mistake: 1 < 2.
        let bad = BehaviorProfile::pure(&t, &[vec![1, 1], vec![1]]);
        assert!(verify_spe(&t, &bad).unwrap_err().contains("node 0"));
        // Out with (U, r) in the subgame is not an equilibrium there.
        let bad = BehaviorProfile::pure(&t, &[vec![0, 0], vec![1]]);
        assert!(verify_spe(&t, &bad).unwrap_err().contains("subgame at node 2"));
    }

    #[test]
    fn beliefs_off_the_path_inside_subgames() {
        // In the equilibrium where A stays out and the battle is played as (D, r), B's set is
        // not reached from the root (undefined there) but is from the subgame: B is sure A
        // played D.
        let t = entry_then_battle();
        let b = BehaviorProfile::pure(&t, &[vec![0, 1], vec![1]]);
        assert_eq!(beliefs(&t, &b, false)[1][0], None);
        assert_eq!(beliefs(&t, &b, true)[1][0], Some(vec![q(0), q(1)]));
        assert_eq!(beliefs(&t, &b, true)[0], vec![Some(vec![q(1)]), Some(vec![q(1)])]);
        let m = BehaviorProfile {
            probs: vec![vec![vec![q(0), q(1)], vec![frac(3, 4), frac(1, 4)]], vec![vec![frac(1, 4), frac(3, 4)]]],
            unreached: vec![vec![false, false], vec![false]],
        };
        assert_eq!(beliefs(&t, &m, false)[1][0], Some(vec![frac(3, 4), frac(1, 4)]));
    }

    #[test]
    fn perfect_information_ties_are_all_kept() {
        let t = sequential_chicken();
        let sol = solve_subgames(&t, &SolveOptions::default()).unwrap();
        assert_eq!(sol.total, 1);
        assert_eq!(sol.equilibria[0].1, vec![q(7), q(2)]);
        assert_eq!(sol.equilibria[0].0.as_pure(), Some(vec![vec![1], vec![1, 0]]));
    }
}
