//! TOML trees (`kind = "tree"`): named nodes, parsed with precise locations, evaluated for
//! parameter values into a [`Tree`]; and a writer from a [`Tree`] back to this form.
//!
//! ```toml
//! kind = "tree"
//! players = ["US", "DPRK"]
//! root = "start"                   # optional: default is the first node
//! [nodes.start]
//! player = "US"
//! actions = { Offer = "reply", Hold = [0, 0] }   # a child node's name, or a leaf's payoffs
//! [nodes.reply]
//! player = "DPRK"
//! infoset = "after_offer"          # optional: nodes sharing it form one information set
//! actions = { Comply = ["5 - x", 2], Exploit = [-1, 1] }
//! [nodes.nature]
//! chance = { Pragmatic = ["p", "us_move"], Resolute = ["1 - p", [0, 0]] }  # [probability, child]
//! payoffs = [1, 0]                  # optional on inner nodes: added along the path
//! ```
//! See `docs/model-format.md` ("Trees") for the full description.

use super::kit::{payoff_vector, toml_number, toml_str, Ctx, Entry, Kind, Node, PayoffExpr, Span};
use crate::error::ModelError;
use crate::game::tree::{NodeKind, Tree, TreeBuilder};
use crate::model::expr::close_names;
use crate::num::Q;
use std::collections::HashMap;

/// A node of a TOML tree before parameter values are chosen (pre-order).
#[derive(Debug, Clone)]
pub(crate) struct TreeNodeSpec {
    pub(crate) label: String,
    pub(crate) kind: SpecKind,
    pub(crate) payoffs: Option<Vec<PayoffExpr>>,
    /// Where the node is defined (for errors found at evaluation).
    pub(crate) at: usize,
}

#[derive(Debug, Clone)]
pub(crate) enum SpecKind {
    Terminal,
    Decision { infoset: usize },
    Chance { actions: Vec<String>, probs: Vec<PayoffExpr> },
}

/// The game part of a tree model: players, information sets and nodes with expressions.
#[derive(Debug, Clone)]
pub struct TreeBody {
    /// Player names.
    pub players: Vec<String>,
    /// Information sets: (player, label, action labels), in order of first appearance.
    pub(crate) infosets: Vec<(usize, String, Vec<String>)>,
    /// Nodes in pre-order, root first.
    pub(crate) nodes: Vec<TreeNodeSpec>,
}

impl TreeBody {
    /// Number of nodes (inline leaves included).
    pub fn num_nodes(&self) -> usize {
        self.nodes.len()
    }
}

/// An information set: (player, label, action labels).
type InfosetSpec = (usize, String, Vec<String>);

enum Target<'a> {
    Named(&'a str, Span),
    Leaf(&'a Node),
}

struct Parsed<'a> {
    entry: &'a Entry,
    player: Option<(usize, Span)>,
    infoset: Option<(&'a str, Span)>,
    /// (action label, label span, target)
    actions: Vec<(String, Span, Target<'a>)>,
    probs: Vec<&'a Node>,
    chance: bool,
    payoffs: Option<&'a Node>,
}

fn target<'a>(cx: &Ctx<'_>, node: &'a Node, what: &str) -> Result<Target<'a>, ModelError> {
    match &node.kind {
        Kind::Str(s) => Ok(Target::Named(s, node.span.clone())),
        Kind::Array(_) => Ok(Target::Leaf(node)),
        k => Err(cx.err(
            node.span.start,
            format!("{what} must be a node name (a string) or a payoff vector `[...]`, found {}", k.describe()),
        )),
    }
}

/// Parses `[nodes]` (and `root`) of a tree model.
pub(super) fn parse_tree_body(
    cx: &Ctx<'_>,
    top: &[Entry],
    players: Vec<String>,
    names: &[&str],
) -> Result<TreeBody, ModelError> {
    let Some(nodes_entry) = top.iter().find(|e| e.key == "nodes") else {
        return Err(cx.err(0, "a tree model needs `[nodes.NAME]` tables (see docs/model-format.md, \"Trees\")"));
    };
    let table = cx.table(&nodes_entry.value, "`[nodes]`")?;
    if table.is_empty() {
        return Err(cx.err(nodes_entry.value.span.start, "`[nodes]` is empty; a tree needs at least one node"));
    }
    let mut parsed: Vec<Parsed<'_>> = Vec::with_capacity(table.len());
    let mut index: HashMap<&str, usize> = HashMap::new();
    for e in table {
        let p = parse_node(cx, e, &players)?;
        index.insert(e.key.as_str(), parsed.len());
        parsed.push(p);
    }

    // The root.
    let root = match top.iter().find(|e| e.key == "root") {
        Some(r) => {
            let name = cx.str(&r.value, "`root`")?;
            *index.get(name).ok_or_else(|| unknown_node(cx, name, r.value.span.start, &index))?
        }
        None => 0,
    };

    let (infosets, nodes) = walk(cx, &parsed, &index, root, &players, names)?;
    Ok(TreeBody { players, infosets, nodes })
}

/// One `[nodes.NAME]` table: its player or chance moves, information set and payoffs, checked
/// for shape (the children are resolved by [`walk`]).
fn parse_node<'a>(cx: &Ctx<'_>, e: &'a Entry, players: &[String]) -> Result<Parsed<'a>, ModelError> {
    let what = format!("node `{}`", e.key);
    let fields = cx.table(&e.value, &what)?;
    cx.check_keys(fields, &["player", "infoset", "actions", "chance", "payoffs"], &format!(" in {what}"))?;
    let get = |k: &str| fields.iter().find(|f| f.key == k);
    let mut p = Parsed {
        entry: e,
        player: None,
        infoset: None,
        actions: Vec::new(),
        probs: Vec::new(),
        chance: false,
        payoffs: get("payoffs").map(|f| &f.value),
    };
    if let Some(f) = get("player") {
        let name = cx.str(&f.value, "`player`")?;
        let Some(i) = players.iter().position(|x| x == name) else {
            let known: Vec<&str> = players.iter().map(String::as_str).collect();
            let mut msg = format!("`{name}` is not a player");
            if let Some(c) = close_names(name, &known).first() {
                msg.push_str(&format!("; did you mean `{c}`?"));
            }
            msg.push_str(&format!(
                " (players: {})",
                known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ));
            return Err(cx.err(f.value.span.start, msg));
        };
        p.player = Some((i, f.value.span.clone()));
    }
    if let Some(f) = get("infoset") {
        if p.player.is_none() {
            return Err(cx.err(f.key_span.start, format!("{what} has `infoset` but no `player`")));
        }
        p.infoset = Some((cx.str(&f.value, "`infoset`")?, f.value.span.clone()));
    }
    if let (Some(f), Some(_)) = (get("chance"), &p.player) {
        return Err(
            cx.err(f.key_span.start, format!("{what} has both `player` and `chance`; a node is one or the other"))
        );
    }
    if let Some(f) = get("actions") {
        if p.player.is_none() {
            return Err(cx.err(
                f.key_span.start,
                format!("{what} has `actions` but no `player = \"...\"` (chance nodes use `chance = {{ ... }}`)"),
            ));
        }
        for a in cx.table(&f.value, "`actions`")? {
            let t = target(cx, &a.value, &format!("action `{}`", a.key))?;
            p.actions.push((a.key.clone(), a.key_span.clone(), t));
        }
        if p.actions.is_empty() {
            return Err(cx.err(f.value.span.start, format!("{what} has no actions")));
        }
    } else if let Some((_, span)) = &p.player {
        return Err(cx.err(span.start, format!("{what} has a `player` but no `actions = {{ ... }}`")));
    }
    if let Some(f) = get("chance") {
        p.chance = true;
        for a in cx.table(&f.value, "`chance`")? {
            let pair = cx.array(&a.value, &format!("chance action `{}`", a.key))?;
            if pair.len() != 2 {
                return Err(cx.err(
                    a.value.span.start,
                    format!(
                        "chance action `{}` must be `[probability, child]` (a child node's name or a payoff vector)",
                        a.key
                    ),
                ));
            }
            p.probs.push(&pair[0]);
            let t = target(cx, &pair[1], &format!("the child of chance action `{}`", a.key))?;
            p.actions.push((a.key.clone(), a.key_span.clone(), t));
        }
        if p.actions.is_empty() {
            return Err(cx.err(f.value.span.start, format!("{what} has no chance actions")));
        }
    }
    if p.player.is_none() && !p.chance && p.payoffs.is_none() {
        return Err(cx.err(
            e.key_span.start,
            format!("{what} has no `player`, `chance` or `payoffs`: a leaf needs its payoffs (`payoffs = [...]`)"),
        ));
    }
    Ok(p)
}

/// The nodes in pre-order from the root, with an explicit stack (no recursion, so a 50,000-deep
/// chain is fine): each child resolved by name and reached once, information sets checked for
/// one player and the same actions.
fn walk(
    cx: &Ctx<'_>,
    parsed: &[Parsed<'_>],
    index: &HashMap<&str, usize>,
    root: usize,
    players: &[String],
    names: &[&str],
) -> Result<(Vec<InfosetSpec>, Vec<TreeNodeSpec>), ModelError> {
    // Pre-order walk from the root with an explicit stack.
    let mut reached_from: Vec<Option<usize>> = vec![None; parsed.len()];
    let mut out: Vec<TreeNodeSpec> = Vec::new();
    let mut infosets: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut infoset_index: HashMap<String, (usize, usize)> = HashMap::new();
    let mut stack: Vec<(Target<'_>, Option<&str>)> = vec![(Target::Named(&parsed[root].entry.key, 0..0), None)];
    reached_from[root] = Some(usize::MAX);
    let root_name = parsed[root].entry.key.as_str();
    while let Some((t, _from)) = stack.pop() {
        match t {
            Target::Leaf(node) => {
                let payoffs = payoff_vector(cx, node, players, names, "a leaf's payoffs")?;
                out.push(TreeNodeSpec {
                    label: String::new(),
                    kind: SpecKind::Terminal,
                    payoffs: Some(payoffs),
                    at: node.span.start,
                });
            }
            Target::Named(name, _) => {
                let k = index[name];
                let p = &parsed[k];
                let what = format!("the payoffs of node `{name}`");
                let payoffs = p.payoffs.map(|v| payoff_vector(cx, v, players, names, &what)).transpose()?;
                let labels: Vec<String> = p.actions.iter().map(|a| a.0.clone()).collect();
                let kind = if let Some((player, _)) = p.player {
                    let (label, span) = match &p.infoset {
                        Some((l, s)) => (l.to_string(), s.clone()),
                        None => (name.to_string(), p.entry.key_span.clone()),
                    };
                    let h = match infoset_index.get(&label) {
                        Some(&(h, first_node)) => {
                            let (hp, _, hacts) = &infosets[h];
                            let first = &parsed[first_node].entry.key;
                            if *hp != player {
                                return Err(cx.err(
                                    span.start,
                                    format!(
                                        "information set `{label}` belongs to `{}` (node `{first}`), but node `{name}` is `{}`'s",
                                        players[*hp], players[player]
                                    ),
                                ));
                            }
                            if *hacts != labels {
                                return Err(cx.err(
                                    span.start,
                                    format!(
                                        "information set `{label}`: node `{name}` has actions {} but node `{first}` has {}; \
                                         the nodes of an information set have the same actions, in the same order",
                                        list(&labels),
                                        list(hacts)
                                    ),
                                ));
                            }
                            h
                        }
                        None => {
                            infosets.push((player, label.clone(), labels.clone()));
                            infoset_index.insert(label, (infosets.len() - 1, k));
                            infosets.len() - 1
                        }
                    };
                    SpecKind::Decision { infoset: h }
                } else if p.chance {
                    let probs = p
                        .probs
                        .iter()
                        .zip(&labels)
                        .map(|(node, a)| cx.bound(node, names, &format!("the probability of `{a}`")))
                        .collect::<Result<Vec<_>, ModelError>>()?;
                    SpecKind::Chance { actions: labels, probs }
                } else {
                    SpecKind::Terminal
                };
                out.push(TreeNodeSpec { label: name.to_string(), kind, payoffs, at: p.entry.key_span.start });
                for (_, _, t) in p.actions.iter().rev() {
                    match t {
                        Target::Named(child, span) => {
                            let Some(&c) = index.get(child) else {
                                return Err(unknown_node(cx, child, span.start, index));
                            };
                            if c == root {
                                return Err(cx.err(
                                    span.start,
                                    format!("node `{child}` is the root; it cannot also be a child (this would make a cycle)"),
                                ));
                            }
                            if let Some(prev) = reached_from[c] {
                                let prev_name = parsed.get(prev).map_or(root_name, |q| q.entry.key.as_str());
                                return Err(cx.err(
                                    span.start,
                                    format!(
                                        "node `{child}` is reached twice (also from node `{prev_name}`): in a tree each \
                                         node has one parent, so give each occurrence its own node (or this is a cycle)"
                                    ),
                                ));
                            }
                            reached_from[c] = Some(k);
                            stack.push((Target::Named(child, span.clone()), Some(name)));
                        }
                        Target::Leaf(node) => stack.push((Target::Leaf(node), Some(name))),
                    }
                }
            }
        }
    }
    if let Some(k) = reached_from.iter().position(Option::is_none) {
        let e = parsed[k].entry;
        return Err(cx.err(e.key_span.start, format!("node `{}` is not reachable from the root `{root_name}`", e.key)));
    }
    Ok((infosets, out))
}

fn list(xs: &[String]) -> String {
    format!("[{}]", xs.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", "))
}

fn unknown_node(cx: &Ctx<'_>, name: &str, at: usize, index: &HashMap<&str, usize>) -> ModelError {
    let mut known: Vec<&str> = index.keys().copied().collect();
    known.sort_unstable();
    let mut msg = format!("there is no node `{name}`");
    if let Some(c) = close_names(name, &known).first() {
        msg.push_str(&format!("; did you mean `{c}`?"));
    }
    msg.push_str(" (a child is the name of a `[nodes.NAME]` table, or a payoff vector `[...]` for a leaf)");
    cx.err(at, msg)
}

/// Evaluates a tree body for an environment (parameter then derived values). `eval` turns
/// an expression into a value or a located error; `located` makes a located error.
pub(crate) fn evaluate_tree(
    body: &TreeBody,
    title: &str,
    description: &str,
    mut eval: impl FnMut(&PayoffExpr, &str) -> Result<Q, crate::error::Error>,
    located: impl Fn(usize, String) -> crate::error::Error,
    describe_values: impl Fn(&[&PayoffExpr]) -> String,
) -> Result<Tree, crate::error::Error> {
    let mut b = TreeBuilder::new(title, body.players.clone()).map_err(|e| located(0, e.to_string()))?;
    let mut hs = Vec::with_capacity(body.infosets.len());
    for (player, label, actions) in &body.infosets {
        hs.push(b.add_infoset(*player, label.clone(), actions.clone()).map_err(|e| located(0, e.to_string()))?);
    }
    for node in &body.nodes {
        let outcome = match &node.payoffs {
            Some(exprs) => {
                let v = exprs.iter().map(|e| eval(e, "in a payoff")).collect::<Result<Vec<_>, _>>()?;
                Some(b.add_outcome("", v).map_err(|e| located(node.at, e.to_string()))?)
            }
            None => None,
        };
        let r = match &node.kind {
            SpecKind::Terminal => b.terminal(node.label.clone(), outcome),
            SpecKind::Decision { infoset } => b.decision(node.label.clone(), hs[*infoset], outcome),
            SpecKind::Chance { actions, probs } => {
                let p = probs.iter().map(|e| eval(e, "in a chance probability")).collect::<Result<Vec<_>, _>>()?;
                let c = b.add_chance("", actions.clone(), p).map_err(|e| {
                    let refs: Vec<&PayoffExpr> = probs.iter().collect();
                    located(node.at, format!("node `{}`: {e}{}", node.label, describe_values(&refs)))
                })?;
                b.chance(node.label.clone(), c, outcome)
            }
        };
        r.map_err(|e| located(node.at, e.to_string()))?;
    }
    let mut t = b.finish().map_err(|e| located(0, e.to_string()))?;
    t.description = description.to_string();
    Ok(t)
}

/// Writes a tree as a TOML tree model with literal payoffs. Nodes are named by their labels
/// when those are distinct identifiers-like keys, else `n1`, `n2`, ... (pre-order); leaves
/// without a (distinct) label are written inline as payoff vectors; outcomes on inner nodes
/// become `payoffs = [...]` on the node. Information sets with more than one node get
/// `infoset = "..."`.
pub fn write_toml_tree(tree: &Tree) -> String {
    let mut s = String::new();
    s.push_str(&format!("title = {}\n", toml_str(&tree.title)));
    if !tree.description.is_empty() {
        s.push_str(&format!("description = {}\n", toml_str(&tree.description)));
    }
    s.push_str("kind = \"tree\"\n");
    let names: Vec<String> = tree.players().iter().map(|p| toml_str(p)).collect();
    s.push_str(&format!("players = [{}]\n", names.join(", ")));
    // Node names.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for n in 0..tree.num_nodes() {
        *counts.entry(tree.label(n)).or_default() += 1;
    }
    let good = |l: &str| {
        !l.is_empty()
            && counts.get(l) == Some(&1)
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let taken: std::collections::HashSet<String> =
        (0..tree.num_nodes()).filter(|&n| good(tree.label(n))).map(|n| tree.label(n).to_string()).collect();
    let name_of = |n: usize| -> String {
        if good(tree.label(n)) {
            tree.label(n).to_string()
        } else {
            let mut k = format!("n{}", n + 1);
            while taken.contains(&k) {
                k.push('_');
            }
            k
        }
    };
    // The root is never inlined, even as a lone leaf: a TOML tree needs one `[nodes.NAME]`.
    let inline = |n: usize| n != tree.root() && tree.kind(n) == NodeKind::Terminal && !good(tree.label(n));
    let payoff_text = |n: usize| -> String {
        let v: Vec<String> = match tree.node_payoffs(n) {
            Some(u) => u.iter().map(toml_number).collect(),
            None => vec!["0".to_string(); tree.num_players()],
        };
        format!("[{}]", v.join(", "))
    };
    let child_text = |c: usize| if inline(c) { payoff_text(c) } else { toml_str(&name_of(c)) };
    // Infoset names: unique labels, else player-number names.
    let mut set_names: Vec<String> = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    for h in tree.infosets() {
        *used.entry(h.label.clone()).or_default() += 1;
    }
    for h in tree.infosets() {
        let name = if !h.label.is_empty() && used.get(&h.label) == Some(&1) {
            h.label.clone()
        } else {
            format!("{}:{}", tree.players()[h.player], h.local + 1)
        };
        set_names.push(name);
    }
    for n in 0..tree.num_nodes() {
        if inline(n) {
            continue;
        }
        s.push_str(&format!("\n[nodes.{}]\n", toml_key(&name_of(n))));
        match tree.kind(n) {
            NodeKind::Terminal => {
                s.push_str(&format!("payoffs = {}\n", payoff_text(n)));
                continue;
            }
            NodeKind::Decision { infoset } => {
                let h = &tree.infosets()[infoset];
                s.push_str(&format!("player = {}\n", toml_str(&tree.players()[h.player])));
                if tree.infoset_size(infoset) > 1 || (!h.label.is_empty() && h.label != tree.label(n)) {
                    s.push_str(&format!("infoset = {}\n", toml_str(&set_names[infoset])));
                }
                let acts: Vec<String> = tree
                    .children(n)
                    .zip(unique_labels(tree.actions(n)))
                    .map(|(c, a)| format!("{} = {}", toml_key(&a), child_text(c)))
                    .collect();
                s.push_str(&format!("actions = {{ {} }}\n", acts.join(", ")));
            }
            NodeKind::Chance { chance } => {
                let probs = &tree.chances()[chance].probs;
                let acts: Vec<String> = tree
                    .children(n)
                    .zip(unique_labels(tree.actions(n)))
                    .zip(probs)
                    .map(|((c, a), p)| format!("{} = [{}, {}]", toml_key(&a), toml_str(&p.to_string()), child_text(c)))
                    .collect();
                s.push_str(&format!("chance = {{ {} }}\n", acts.join(", ")));
            }
        }
        if tree.node_payoffs(n).is_some() {
            s.push_str(&format!("payoffs = {}\n", payoff_text(n)));
        }
    }
    s
}

/// Action labels made distinct for TOML keys (Gambit allows `"1/3"` three times at one chance
/// node; a TOML table does not): a repeated label becomes `label (2)`, `label (3)`, ... The
/// same list always gives the same labels, so the nodes of an information set still agree.
fn unique_labels(actions: &[String]) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = actions.iter().cloned().collect();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    actions
        .iter()
        .map(|a| {
            if seen.insert(a.as_str()) {
                return a.clone();
            }
            let mut k = 2;
            while taken.contains(&format!("{a} ({k})")) {
                k += 1;
            }
            let name = format!("{a} ({k})");
            taken.insert(name.clone());
            name
        })
        .collect()
}

fn toml_key(x: &str) -> String {
    if !x.is_empty() && x.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        x.to_string()
    } else {
        toml_str(x)
    }
}
