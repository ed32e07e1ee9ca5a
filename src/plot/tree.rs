//! The game-tree drawing: a tidy layered layout read left to right (the root on the left, one
//! column per depth, every leaf on its own row and each parent centred over its children),
//! decision nodes as boxes in their player's colour with the player's name, chance nodes in a
//! distinct box, elbow connectors with the action on each branch (chance probabilities as exact
//! fractions), information sets joined by dashed lines (named when they have a name), payoff
//! vectors at the leaves, and one equilibrium highlighted: thick edges along its path of play,
//! thinner ones for its choices off the path, and the probabilities of mixed behaviour.
//!
//! The layout ([`TreeLayout`]) is computed in pixels before drawing, from the embedded font's
//! metrics, so its text boxes can be checked for overlaps without rendering anything.

use super::common::{draw_legend, draw_title, Marker};
use super::labels::{self, sample_line, Rect};
use super::{chart_error, ensure_fonts, Chart, FONT};
use crate::error::{Error, Result};
use crate::game::tree::{NodeId, NodeKind, Tree};
use crate::num::{fmt_q, Q};
use crate::solve::tree::TreeEquilibrium;
use num_traits::{One, Zero};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The most nodes a tree drawing accepts (larger trees are unreadable on a page).
pub const MAX_DRAWN_NODES: usize = 400;

/// Player colours, in player order (cycled).
pub const PLAYER_COLORS: [RGBColor; 6] = [
    RGBColor(200, 45, 45),
    RGBColor(35, 95, 200),
    RGBColor(20, 135, 70),
    RGBColor(130, 60, 170),
    RGBColor(190, 110, 0),
    RGBColor(0, 130, 140),
];
const CHANCE_FILL: RGBColor = RGBColor(250, 240, 200);
const CHANCE_LINE: RGBColor = RGBColor(120, 100, 30);
const EDGE: RGBColor = RGBColor(120, 120, 120);
const PATH: RGBColor = RGBColor(245, 150, 0);
const OFF_PATH: RGBColor = RGBColor(250, 205, 140);
const TEXT: RGBColor = RGBColor(20, 20, 20);

const ROW: i32 = 40;
const BOX_H: i32 = 26;
const TOP: i32 = 84;
const LEFT: i32 = 20;
const LEGEND_W: i32 = 330;
const FONT_SIZE: u32 = 14;
const SMALL: u32 = 13;
const MIN_HEIGHT: i32 = 520;
const MIN_WIDTH: i32 = 900;

/// The colour of player `i`.
pub fn player_color(i: usize) -> RGBColor {
    PLAYER_COLORS[i % PLAYER_COLORS.len()]
}

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeStyle {
    /// A decision node of this player (0-based).
    Decision(usize),
    /// A chance node.
    Chance,
    /// A terminal node (a small dot; its payoffs are a separate text).
    Terminal,
}

/// A placed node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBox {
    /// Centre in pixels.
    pub center: (i32, i32),
    /// The box (for terminal nodes, the dot's footprint).
    pub rect: Rect,
    /// How it is drawn.
    pub style: NodeStyle,
    /// The text inside the box (player name, `Chance`; empty for terminal nodes).
    pub text: String,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeStyle {
    /// Not chosen by the highlighted equilibrium (or no equilibrium highlighted).
    Plain,
    /// Chosen with positive probability and reached with positive probability: the path of play.
    Path,
    /// Chosen with positive probability at a node the equilibrium does not reach.
    OffPath,
}

/// A text placed in the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBox {
    /// The text.
    pub text: String,
    /// Its box (top-left corner and size), the text drawn left-aligned inside with 2 px padding.
    pub rect: Rect,
}

/// A placed edge: an elbow from the parent's box to the child's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeDraw {
    /// Parent node.
    pub from: NodeId,
    /// Child node.
    pub to: NodeId,
    /// The polyline: parent's right side, the parent's spine, the child's left side.
    pub points: Vec<(i32, i32)>,
    /// The action label (with a chance probability or an equilibrium probability), above the
    /// branch's horizontal segment.
    pub label: TextBox,
    /// Highlighting.
    pub style: EdgeStyle,
}

/// A placed information set with more than one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfosetDraw {
    /// The player (0-based).
    pub player: usize,
    /// Dashed polylines joining consecutive nodes.
    pub lines: Vec<Vec<(i32, i32)>>,
    /// Its name, if it has one.
    pub label: Option<TextBox>,
}

/// The whole tree in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeLayout {
    /// Width of the tree part (the legend comes to its right).
    pub width: i32,
    /// Height of the whole chart.
    pub height: i32,
    /// One box per node, indexed by node id.
    pub nodes: Vec<NodeBox>,
    /// One edge per non-root node.
    pub edges: Vec<EdgeDraw>,
    /// Information sets with two or more nodes.
    pub infosets: Vec<InfosetDraw>,
    /// Payoff texts at the leaves.
    pub payoffs: Vec<TextBox>,
}

impl TreeLayout {
    fn shift(&mut self, dx: i32, dy: i32) {
        let mv = |r: &mut Rect| {
            r.x += dx;
            r.y += dy;
        };
        let mvp = |p: &mut (i32, i32)| {
            p.0 += dx;
            p.1 += dy;
        };
        for b in &mut self.nodes {
            mv(&mut b.rect);
            mvp(&mut b.center);
        }
        for e in &mut self.edges {
            mv(&mut e.label.rect);
            e.points.iter_mut().for_each(mvp);
        }
        for t in &mut self.payoffs {
            mv(&mut t.rect);
        }
        for h in &mut self.infosets {
            h.lines.iter_mut().flatten().for_each(mvp);
            if let Some(t) = &mut h.label {
                mv(&mut t.rect);
            }
        }
        self.width += dx;
    }

    /// Every text box of the chart's tree part (edge labels, payoffs, information-set names)
    /// and every node box: these must be pairwise disjoint.
    pub fn boxes(&self) -> Vec<Rect> {
        let mut out: Vec<Rect> = self.nodes.iter().map(|n| n.rect).collect();
        out.extend(self.edges.iter().map(|e| e.label.rect));
        out.extend(self.payoffs.iter().map(|t| t.rect));
        out.extend(self.infosets.iter().filter_map(|h| h.label.as_ref().map(|t| t.rect)));
        out
    }
}

fn text_size(text: &str, size: u32) -> Result<(i32, i32)> {
    let (w, h) = (FONT, size).into_font().box_size(text).map_err(chart_error)?;
    Ok((w as i32, h as i32))
}

/// The payoffs accumulated along the path to every node (outcomes may sit on inner nodes).
fn accumulated_payoffs(tree: &Tree) -> Vec<Vec<Q>> {
    let n = tree.num_players();
    let mut acc: Vec<Vec<Q>> = Vec::with_capacity(tree.num_nodes());
    for node in 0..tree.num_nodes() {
        let mut v = match tree.parent(node) {
            Some(p) => acc[p].clone(),
            None => vec![Q::zero(); n],
        };
        if let Some(u) = tree.node_payoffs(node) {
            for (a, x) in v.iter_mut().zip(u) {
                *a += x;
            }
        }
        acc.push(v);
    }
    acc
}

/// Per node: the probability of each action under `eq` (None at chance and terminal nodes, and
/// where the equilibrium leaves the information set unreached by its own player).
fn behaviour_at<'a>(tree: &Tree, eq: &'a TreeEquilibrium, node: NodeId) -> Option<&'a [Q]> {
    let NodeKind::Decision { infoset } = tree.kind(node) else { return None };
    let h = tree.infosets().get(infoset)?;
    if eq.behavior.unreached.get(h.player).and_then(|u| u.get(h.local)).copied().unwrap_or(false) {
        return None;
    }
    eq.behavior.probs.get(h.player)?.get(h.local).map(Vec::as_slice)
}

/// Refuses a tree too big to draw ([`MAX_DRAWN_NODES`]); cheap, so callers check it before
/// solving the tree for the equilibrium to highlight.
pub fn check_drawable(tree: &Tree) -> Result<()> {
    let n = tree.num_nodes();
    if n > MAX_DRAWN_NODES {
        return Err(Error::TooLarge(format!(
            "the tree has {n} nodes; tree drawings are made for trees of up to {MAX_DRAWN_NODES} nodes"
        )));
    }
    Ok(())
}

/// Lays out `tree` with equilibrium `eq` highlighted (if any).
pub fn layout(tree: &Tree, eq: Option<&TreeEquilibrium>) -> Result<TreeLayout> {
    ensure_fonts()?;
    check_drawable(tree)?;
    let n = tree.num_nodes();
    let rows = Rows::of(tree);
    let (styles, texts, widths) = node_texts(tree)?;
    let (edge_text, edge_style) = edge_labels(tree, eq);
    let (x, sizes) = columns(tree, &rows.depth, &widths, &edge_text)?;
    let y = &rows.y;
    let nodes: Vec<NodeBox> = (0..n)
        .map(|node| {
            let cx = x[rows.depth[node]];
            let (w, h) = if styles[node] == NodeStyle::Terminal { (10, 10) } else { (widths[node], BOX_H) };
            NodeBox {
                center: (cx, y[node]),
                rect: Rect { x: cx - w / 2, y: y[node] - h / 2, w, h },
                style: styles[node],
                text: texts[node].clone(),
            }
        })
        .collect();
    let mut edges = Vec::new();
    for (c, label_size) in sizes.iter().enumerate().skip(1) {
        let Some(p) = tree.parent(c) else { continue };
        let pr = nodes[p].rect;
        let spine = pr.x + pr.w + 14;
        let cl = nodes[c].rect.x;
        let (yp, yc) = (y[p], y[c]);
        let points = if yp == yc {
            vec![(pr.x + pr.w, yp), (cl, yc)]
        } else {
            vec![(pr.x + pr.w, yp), (spine, yp), (spine, yc), (cl, yc)]
        };
        let (w, h) = *label_size;
        let label = TextBox { text: edge_text[c].clone(), rect: Rect { x: spine + 6, y: yc - 3 - h, w, h } };
        edges.push(EdgeDraw { from: p, to: c, points, label, style: edge_style[c] });
    }
    let payoffs = leaf_payoffs(tree, &nodes, y)?;
    let right = payoffs.iter().map(|t| t.rect.x + t.rect.w).chain(nodes.iter().map(|b| b.rect.x + b.rect.w)).max();
    let width = right.unwrap_or(0).max(0) + 24;
    let drawn_height = TOP + rows.count * rows.row + 24;
    let height = drawn_height.max(MIN_HEIGHT);
    let infosets = infoset_lines(tree, &nodes, &edges, &payoffs, width, height)?;
    let mut l = TreeLayout { width, height, nodes, edges, infosets, payoffs };
    // Centre a small tree in the space left of the legend.
    let dx = (MIN_WIDTH - LEGEND_W - 10 - width).max(0) / 2;
    let dy = (height - drawn_height).max(0) / 2;
    if dx > 0 || dy > 0 {
        l.shift(dx, dy);
    }
    Ok(l)
}

/// Depths (pre-order: parents first) and vertical positions: one row per leaf, inner nodes
/// centred between their first and last child.
struct Rows {
    depth: Vec<usize>,
    y: Vec<i32>,
    /// Height of a row in pixels.
    row: i32,
    /// Number of rows (leaves).
    count: i32,
}

impl Rows {
    fn of(tree: &Tree) -> Rows {
        let n = tree.num_nodes();
        let mut depth = vec![0usize; n];
        for node in 1..n {
            if let Some(p) = tree.parent(node) {
                depth[node] = depth[p] + 1;
            }
        }
        let leaves = (0..n).filter(|&node| tree.num_children(node) == 0).count() as i32;
        // Small trees get more room per row (up to 64 px), never less than ROW.
        let row = ((MIN_HEIGHT - TOP - 24) / leaves.max(1)).clamp(ROW, 64);
        let mut y = vec![0i32; n];
        let mut count = 0i32;
        for (node, yn) in y.iter_mut().enumerate() {
            if tree.num_children(node) == 0 {
                *yn = TOP + count * row + row / 2;
                count += 1;
            }
        }
        for node in (0..n).rev() {
            let k = tree.num_children(node);
            if k > 0 {
                y[node] = (y[tree.child(node, 0)] + y[tree.child(node, k - 1)]) / 2;
            }
        }
        Rows { depth, y, row, count }
    }
}

/// Each node's style, text (the player's name, `Chance`, or nothing at a leaf) and box width.
fn node_texts(tree: &Tree) -> Result<(Vec<NodeStyle>, Vec<String>, Vec<i32>)> {
    let n = tree.num_nodes();
    let mut styles = Vec::with_capacity(n);
    let mut texts = Vec::with_capacity(n);
    let mut widths = Vec::with_capacity(n);
    for node in 0..n {
        let (style, text) = match tree.kind(node) {
            NodeKind::Terminal => (NodeStyle::Terminal, String::new()),
            NodeKind::Chance { .. } => (NodeStyle::Chance, "Chance".to_string()),
            NodeKind::Decision { infoset } => {
                let p = tree.infosets()[infoset].player;
                (NodeStyle::Decision(p), tree.players()[p].clone())
            }
        };
        let w = if style == NodeStyle::Terminal { 10 } else { text_size(&text, FONT_SIZE)?.0 + 16 };
        styles.push(style);
        texts.push(text);
        widths.push(w);
    }
    Ok((styles, texts, widths))
}

/// The label and style of the edge into each node: the action, a chance probability, the
/// equilibrium's probability when strictly mixed; on the path, off the path, or plain.
fn edge_labels(tree: &Tree, eq: Option<&TreeEquilibrium>) -> (Vec<String>, Vec<EdgeStyle>) {
    let n = tree.num_nodes();
    // Reach probabilities under the equilibrium (to tell the path from off-path choices).
    let mut reach: Vec<Q> = vec![Q::zero(); n];
    if n > 0 {
        reach[0] = Q::one();
    }
    let mut edge_text = vec![String::new(); n];
    let mut edge_style = vec![EdgeStyle::Plain; n];
    for node in 0..n {
        let actions = tree.actions(node);
        let chance_probs = match tree.kind(node) {
            NodeKind::Chance { chance } => tree.chances().get(chance).map(|c| c.probs.as_slice()),
            _ => None,
        };
        let behaviour = eq.and_then(|e| behaviour_at(tree, e, node));
        for (a, c) in tree.children(node).enumerate() {
            let action = actions.get(a).cloned().unwrap_or_default();
            let mut text = action;
            let mut prob = Q::zero();
            if let Some(p) = chance_probs.and_then(|ps| ps.get(a)) {
                text = format!("{text} ({})", fmt_q(p));
                prob = p.clone();
            }
            if let Some(p) = behaviour.and_then(|ps| ps.get(a)) {
                if !p.is_zero() && !p.is_one() {
                    text = format!("{text}: {}", fmt_q(p));
                }
                if !p.is_zero() {
                    edge_style[c] = if reach[node].is_zero() { EdgeStyle::OffPath } else { EdgeStyle::Path };
                }
                prob = p.clone();
            }
            reach[c] = &reach[node] * &prob;
            edge_text[c] = text;
        }
    }
    (edge_text, edge_style)
}

/// A width and a height in pixels.
type Size = (i32, i32);

/// Column positions (room for the widest box of each column, the spine, the widest edge label)
/// and the size of each edge label.
fn columns(tree: &Tree, depth: &[usize], widths: &[i32], edge_text: &[String]) -> Result<(Vec<i32>, Vec<Size>)> {
    let n = tree.num_nodes();
    let max_depth = depth.iter().copied().max().unwrap_or(0);
    let mut box_w = vec![0i32; max_depth + 1];
    let mut label_w = vec![0i32; max_depth + 1];
    let mut sizes = vec![(0i32, 0i32); n];
    for node in 0..n {
        box_w[depth[node]] = box_w[depth[node]].max(widths[node]);
        if node > 0 {
            let (w, h) = text_size(&edge_text[node], SMALL)?;
            sizes[node] = (w + 4, h + 2);
            label_w[depth[node]] = label_w[depth[node]].max(w + 4);
        }
    }
    let mut x = vec![0i32; max_depth + 1];
    x[0] = LEFT + box_w[0] / 2;
    for d in 1..=max_depth {
        x[d] = x[d - 1] + box_w[d - 1] / 2 + 14 + 8 + label_w[d].max(70) + 10 + box_w[d] / 2;
    }
    Ok((x, sizes))
}

/// The payoff vector written right of each leaf.
fn leaf_payoffs(tree: &Tree, nodes: &[NodeBox], y: &[i32]) -> Result<Vec<TextBox>> {
    let acc = accumulated_payoffs(tree);
    let mut payoffs = Vec::new();
    for node in 0..tree.num_nodes() {
        if tree.num_children(node) == 0 {
            let text = format!("({})", acc[node].iter().map(fmt_q).collect::<Vec<_>>().join(", "));
            let (w, h) = text_size(&text, FONT_SIZE)?;
            let r = nodes[node].rect;
            let rect = Rect { x: r.x + r.w + 6, y: y[node] - (h + 2) / 2, w: w + 4, h: h + 2 };
            payoffs.push(TextBox { text, rect });
        }
    }
    Ok(payoffs)
}

/// Information sets: dashed lines between consecutive nodes (by position), named if they have a
/// name, the name placed where it covers nothing else.
fn infoset_lines(
    tree: &Tree,
    nodes: &[NodeBox],
    edges: &[EdgeDraw],
    payoffs: &[TextBox],
    width: i32,
    height: i32,
) -> Result<Vec<InfosetDraw>> {
    let n = nodes.len();
    let mut taken: Vec<Rect> = nodes.iter().map(|b| b.rect).collect();
    taken.extend(edges.iter().map(|e| e.label.rect));
    taken.extend(payoffs.iter().map(|t| t.rect));
    let mut soft = Vec::new();
    for e in edges {
        soft.extend(sample_line(&e.points, 6));
    }
    let mut infosets = Vec::new();
    for (h, set) in tree.infosets().iter().enumerate() {
        let mut members: Vec<NodeId> = tree.infoset_nodes(h).collect();
        if members.len() < 2 {
            continue;
        }
        members.sort_by_key(|&m| (nodes[m].center.0, nodes[m].center.1));
        let mut lines = Vec::new();
        for pair in members.windows(2) {
            let (a, b) = (&nodes[pair[0]], &nodes[pair[1]]);
            let same_column = a.center.0 == b.center.0;
            let between = (0..n).any(|m| {
                nodes[m].center.0 == a.center.0 && nodes[m].center.1 > a.center.1 && nodes[m].center.1 < b.center.1
            });
            let line = if same_column && !between {
                vec![(a.center.0, a.rect.y + a.rect.h), (b.center.0, b.rect.y)]
            } else if same_column {
                // Around the nodes in between, on the left.
                let lx = a.rect.x.min(b.rect.x) - 8;
                vec![(a.rect.x, a.center.1), (lx, a.center.1), (lx, b.center.1), (b.rect.x, b.center.1)]
            } else {
                vec![a.center, b.center]
            };
            lines.push(line);
        }
        let mut label = None;
        if !set.label.is_empty() {
            let text = set.label.clone();
            let (w, hh) = text_size(&text, SMALL)?;
            let size = (w + 4, hh + 2);
            let first = &lines[0];
            let mid = ((first[0].0 + first[first.len() - 1].0) / 2, (first[0].1 + first[first.len() - 1].1) / 2);
            let bounds = Rect { x: 0, y: TOP - 10, w: width, h: height - TOP };
            let mut dashed = Vec::new();
            for l in &lines {
                dashed.extend(sample_line(l, 6));
            }
            let mut avoid = soft.clone();
            avoid.extend(dashed);
            let placed = labels::place(&[mid], &[size], &taken, &avoid, bounds);
            let rect = placed.first().map_or(Rect { x: mid.0, y: mid.1, w: size.0, h: size.1 }, |p| p.rect);
            taken.push(rect);
            label = Some(TextBox { text, rect });
        }
        infosets.push(InfosetDraw { player: set.player, lines, label });
    }
    Ok(infosets)
}

/// A game-tree chart, ready to draw.
#[derive(Debug, Clone)]
pub struct TreeChart {
    /// Chart title.
    pub title: String,
    /// Second line under the title, if any.
    pub subtitle: Option<String>,
    /// Player names.
    pub players: Vec<String>,
    /// The layout.
    pub layout: TreeLayout,
    /// Whether the tree has chance nodes (for the legend).
    pub has_chance: bool,
    /// Whether an equilibrium is highlighted, and whether it has choices off its path.
    pub highlighted: (bool, bool),
    /// Free-text lines under the legend.
    pub notes: Vec<String>,
}

impl TreeChart {
    /// The chart of `tree` with `eq` highlighted; `eq_note` describes which equilibrium it is.
    pub fn new(
        tree: &Tree,
        eq: Option<&TreeEquilibrium>,
        eq_note: Option<String>,
        subtitle: Option<String>,
    ) -> Result<TreeChart> {
        let layout = layout(tree, eq)?;
        let has_chance = (0..tree.num_nodes()).any(|n| matches!(tree.kind(n), NodeKind::Chance { .. }));
        let off = layout.edges.iter().any(|e| e.style == EdgeStyle::OffPath);
        let mut notes = Vec::new();
        notes.push(format!("Payoffs at the leaves: ({})", tree.players().join(", ")));
        if has_chance {
            notes.push("Chance probabilities in parentheses".into());
        }
        if let Some(e) = eq {
            if let Some(note) = eq_note {
                notes.push(note);
            }
            notes
                .push(format!("Equilibrium payoffs: ({})", e.payoffs.iter().map(fmt_q).collect::<Vec<_>>().join(", ")));
            if e.behavior.as_pure().is_none() {
                notes.push("Mixed: \"Action: p\" is its probability".into());
            }
        } else if let Some(note) = eq_note {
            notes.push(note);
        }
        Ok(TreeChart {
            title: format!("Game tree: {}", tree.title),
            subtitle,
            players: tree.players().to_vec(),
            layout,
            has_chance,
            highlighted: (eq.is_some(), off),
            notes,
        })
    }

    fn legend(&self) -> Vec<(Marker, String)> {
        let mut entries: Vec<(Marker, String)> = self
            .players
            .iter()
            .enumerate()
            .map(|(i, p)| (Marker::Area(player_color(i).to_rgba(), player_color(i)), format!("{p} moves")))
            .collect();
        if self.has_chance {
            entries.push((Marker::Area(CHANCE_FILL.to_rgba(), CHANCE_LINE), "Chance move".into()));
        }
        entries.push((Marker::Dot(TEXT, 4), "Outcome (payoffs)".into()));
        if !self.layout.infosets.is_empty() {
            entries.push((Marker::Dashed(RGBColor(90, 90, 90)), "Information set".into()));
        }
        if self.highlighted.0 {
            entries.push((Marker::Line(PATH, 6), "Equilibrium path".into()));
            if self.highlighted.1 {
                entries.push((Marker::Line(OFF_PATH, 4), "Equilibrium choice off the path".into()));
            }
        }
        entries
    }
}

fn err<T, E: std::fmt::Debug>(r: std::result::Result<T, E>) -> Result<T> {
    r.map_err(chart_error)
}

impl Chart for TreeChart {
    fn size(&self) -> (u32, u32) {
        let w = (self.layout.width + LEGEND_W + 10).max(MIN_WIDTH);
        (w as u32, self.layout.height as u32)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        err(root.fill(&WHITE))?;
        draw_title(root, &self.title, self.subtitle.as_deref())?;
        let l = &self.layout;
        // Edges: plain ones first, then the highlighted ones on top.
        for pass in [EdgeStyle::Plain, EdgeStyle::OffPath, EdgeStyle::Path] {
            for e in l.edges.iter().filter(|e| e.style == pass) {
                let style = match pass {
                    EdgeStyle::Plain => EDGE.stroke_width(2),
                    EdgeStyle::OffPath => OFF_PATH.stroke_width(4),
                    EdgeStyle::Path => PATH.stroke_width(6),
                };
                err(root.draw(&PathElement::new(e.points.clone(), style)))?;
            }
        }
        // Information sets.
        for h in &l.infosets {
            let c = player_color(h.player);
            for line in &h.lines {
                for w in line.windows(2) {
                    dashed(root, w[0], w[1], c)?;
                }
            }
        }
        // Nodes.
        let center = Pos::new(HPos::Center, VPos::Center);
        let left = Pos::new(HPos::Left, VPos::Center);
        for b in &l.nodes {
            let r = b.rect;
            match b.style {
                NodeStyle::Terminal => {
                    err(root.draw(&Circle::new(b.center, 4, TEXT.filled())))?;
                }
                NodeStyle::Chance => {
                    err(root.draw(&Rectangle::new([(r.x, r.y), (r.x + r.w, r.y + r.h)], CHANCE_FILL.filled())))?;
                    err(root.draw(&Rectangle::new([(r.x, r.y), (r.x + r.w, r.y + r.h)], CHANCE_LINE.stroke_width(2))))?;
                    let font = (FONT, FONT_SIZE).into_font().color(&CHANCE_LINE).pos(center);
                    err(root.draw(&Text::new(b.text.clone(), b.center, font)))?;
                }
                NodeStyle::Decision(p) => {
                    let c = player_color(p);
                    err(root.draw(&Rectangle::new([(r.x, r.y), (r.x + r.w, r.y + r.h)], c.filled())))?;
                    let font = (FONT, FONT_SIZE).into_font().color(&WHITE).pos(center);
                    err(root.draw(&Text::new(b.text.clone(), b.center, font)))?;
                }
            }
        }
        // Texts: edge labels, payoffs, information-set names.
        let text_at = |t: &TextBox, size: u32, color: RGBColor| -> Result<()> {
            let r = t.rect;
            err(root.draw(&Rectangle::new([(r.x, r.y), (r.x + r.w, r.y + r.h)], WHITE.mix(0.85).filled())))?;
            let font = (FONT, size).into_font().color(&color).pos(left);
            err(root.draw(&Text::new(t.text.clone(), (r.x + 2, r.y + r.h / 2), font)))
        };
        for e in &l.edges {
            let color = if e.style == EdgeStyle::Plain { TEXT } else { RGBColor(150, 80, 0) };
            text_at(&e.label, SMALL, color)?;
        }
        for t in &l.payoffs {
            text_at(t, FONT_SIZE, TEXT)?;
        }
        for h in &l.infosets {
            if let Some(t) = &h.label {
                text_at(t, SMALL, player_color(h.player))?;
            }
        }
        let (w, h) = root.dim_in_pixel();
        let legend = root.clone().shrink((w as i32 - LEGEND_W, TOP - 20), (LEGEND_W as u32, h.saturating_sub(64)));
        draw_legend(&legend, &self.legend(), &self.notes)
    }
}

/// A dashed segment from `a` to `b`.
fn dashed<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
) -> Result<()> {
    let len = f64::from(b.0 - a.0).hypot(f64::from(b.1 - a.1));
    let (dash, gap) = (7.0, 5.0);
    let mut t = 0.0;
    while t < len {
        let t1 = (t + dash).min(len);
        let p = |s: f64| {
            let f = if len > 0.0 { s / len } else { 0.0 };
            (a.0 + (f * f64::from(b.0 - a.0)).round() as i32, a.1 + (f * f64::from(b.1 - a.1)).round() as i32)
        };
        err(root.draw(&PathElement::new(vec![p(t), p(t1)], color.stroke_width(2))))?;
        t += dash + gap;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::{BehaviorProfile, TreeBuilder};
    use crate::num::{frac, q};

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// A tree of about sixty nodes: a chance move, three players, information sets spanning
    /// subtrees, long and short action names, outcomes on inner nodes.
    fn big_tree() -> Tree {
        let mut b = TreeBuilder::new("big", s(&["United States", "DPRK", "China"])).unwrap();
        let c = b
            .add_chance(
                "nature",
                s(&["Pragmatic", "Resolute", "Erratic", "Unknown"]),
                vec![frac(1, 2), frac(1, 3), frac(1, 12), frac(1, 12)],
            )
            .unwrap();
        let us = b.add_infoset(0, "US doesn't know the type", s(&["Comprehensive offer", "Pressure"])).unwrap();
        let dprk: Vec<usize> = (0..8)
            .map(|k| b.add_infoset(1, format!("d{k}"), s(&["Comply", "Exploit", "Stall", "Walk out"])).unwrap())
            .collect();
        let china = b.add_infoset(2, "China", s(&["Enforce", "Shield", "Abstain"])).unwrap();
        let mut k = 0;
        let o = b.add_outcome("", vec![q(-1), q(0), q(0)]).unwrap();
        b.chance("root", c, Some(o)).unwrap();
        for _ in 0..4 {
            b.decision("", us, None).unwrap();
            for _ in 0..2 {
                b.decision("", dprk[k], None).unwrap();
                k += 1;
                for a in 0..4i64 {
                    if a == 3 {
                        b.decision("", china, None).unwrap();
                        for z in 0..3 {
                            let o = b.add_outcome("", vec![frac(z - 7, 3), q(z), q(12 - z)]).unwrap();
                            b.terminal("", Some(o)).unwrap();
                        }
                    } else {
                        let o = b.add_outcome("", vec![q(a * 10 - 5), frac(a, 7), q(3)]).unwrap();
                        b.terminal("", Some(o)).unwrap();
                    }
                }
            }
        }
        b.finish().unwrap()
    }

    fn assert_disjoint(l: &TreeLayout) {
        let boxes = l.boxes();
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x >= 0 && a.y >= TOP - 20 && a.x + a.w <= l.width && a.y + a.h <= l.height, "{a:?} outside");
            for b in &boxes[i + 1..] {
                assert_eq!(a.overlap(b), 0, "{a:?} overlaps {b:?}");
            }
        }
        // No text crosses a drawn edge (each label sits above its own branch).
        let lines: Vec<Rect> = l.edges.iter().flat_map(|e| sample_line(&e.points, 3)).collect();
        for e in &l.edges {
            for r in &lines {
                assert_eq!(e.label.rect.overlap(r), 0, "label {:?} on a line", e.label.text);
            }
        }
        for t in &l.payoffs {
            assert!(lines.iter().all(|r| r.overlap(&t.rect) == 0), "payoff {:?} on a line", t.text);
        }
    }

    #[test]
    fn big_tree_labels_do_not_overlap() {
        let t = big_tree();
        assert!(t.num_nodes() > 55, "{}", t.num_nodes());
        let l = layout(&t, None).unwrap();
        assert_disjoint(&l);
        // Leaves evenly spaced, parents centred over their children.
        let leaves: Vec<i32> =
            (0..t.num_nodes()).filter(|&n| t.num_children(n) == 0).map(|n| l.nodes[n].center.1).collect();
        assert!(leaves.windows(2).all(|w| w[1] - w[0] == ROW), "{leaves:?}");
        for n in 0..t.num_nodes() {
            let k = t.num_children(n);
            if k > 0 {
                let (a, b) = (l.nodes[t.child(n, 0)].center.1, l.nodes[t.child(n, k - 1)].center.1);
                assert_eq!(l.nodes[n].center.1, (a + b) / 2);
                assert!(t.children(n).all(|c| l.nodes[c].center.0 > l.nodes[n].center.0));
            }
        }
        // The US information set spans three subtrees: joined by lines around the nodes between.
        let us = l.infosets.iter().find(|h| h.player == 0).unwrap();
        assert_eq!(us.lines.len(), 3);
        assert_eq!(us.label.as_ref().unwrap().text, "US doesn't know the type");
        // Chance probabilities as exact fractions; payoffs accumulated from the root's outcome.
        assert!(l.edges.iter().any(|e| e.label.text == "Erratic (1/12)"));
        assert!(l.payoffs.iter().any(|p| p.text == "(-10/3, 0, 12)"), "{:?}", l.payoffs[0]);
    }

    #[test]
    fn equilibrium_path_and_mixed_probabilities() {
        let t = crate::game::tree::tests::sequential_chicken();
        // A moves Straight; B swerves after Straight, mixes 1/3 after Swerve (off the path).
        let mut b = BehaviorProfile::pure(&t, &[vec![1], vec![0, 0]]);
        b.probs[1][0] = vec![frac(1, 3), frac(2, 3)];
        let eq = TreeEquilibrium {
            payoffs: t.expected_payoffs(&b),
            behavior: b,
            path: None,
            path_chance: vec![],
            mixed: None,
            beliefs: vec![],
            max_regret: None,
        };
        let l = layout(&t, Some(&eq)).unwrap();
        assert_disjoint(&l);
        let style = |to: NodeId| l.edges.iter().find(|e| e.to == to).unwrap();
        assert_eq!(style(4).style, EdgeStyle::Path);
        assert_eq!(style(1).style, EdgeStyle::Plain);
        assert_eq!(style(5).style, EdgeStyle::Path);
        assert_eq!(style(6).style, EdgeStyle::Plain);
        assert_eq!(style(2).style, EdgeStyle::OffPath);
        assert_eq!(style(2).label.text, "Swerve: 1/3");
        assert_eq!(style(3).label.text, "Straight: 2/3");
        let chart = TreeChart::new(&t, Some(&eq), Some("Equilibrium 1 of 1".into()), None).unwrap();
        assert!(chart.notes.iter().any(|n| n == "Equilibrium payoffs: (7, 2)"));
        let svg = crate::plot::render_svg(&chart).unwrap();
        assert!(svg.contains("Swerve: 1/3") && svg.contains("(6, 6)"));
    }

    #[test]
    fn huge_trees_are_refused() {
        let mut b = TreeBuilder::new("wide", s(&["A"])).unwrap();
        let actions: Vec<String> = (0..MAX_DRAWN_NODES).map(|k| format!("a{k}")).collect();
        let h = b.add_infoset(0, "", actions).unwrap();
        b.decision("", h, None).unwrap();
        for _ in 0..MAX_DRAWN_NODES {
            b.terminal("", None).unwrap();
        }
        let t = b.finish().unwrap();
        assert!(matches!(layout(&t, None), Err(Error::TooLarge(_))));
    }
}
