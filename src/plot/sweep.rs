//! Sweep charts: one parameter — equilibrium probabilities and payoffs against the parameter, with
//! the regimes shaded and the boundaries marked; two parameters — a regime map (one colour per
//! regime, boundaries drawn, a legend naming each regime). SVG or PNG by the file's extension.

use super::common::{player_stroke, px, Marker};
use super::{Chart, FONT};
use crate::analysis::regime::{equilibrium_label, tree_equilibrium_label};
use crate::analysis::sweep::{Axis, PointEquilibria, Subject, SweepPoint};
use crate::analysis::thresholds::Boundary;
use crate::error::{Error, Result};
use crate::num::{fmt_q, to_f64};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::HashMap;
use std::path::Path;

/// Regime colours, in order of first appearance: a qualitative palette (Okabe–Ito's blue,
/// orange and green, then colours from ColorBrewer's Dark2, Paired and Set3 chosen greedily so that
/// every pair differs by at least ΔE*ab ≈ 29 as drawn on the map, at 80 % strength on white).
const PALETTE: [RGBColor; 12] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xE7, 0x29, 0x8A),
    RGBColor(0x8C, 0x56, 0x4B),
    RGBColor(0x6A, 0x3D, 0x9A),
    RGBColor(0x66, 0xA6, 0x1E),
    RGBColor(0x7F, 0x00, 0x00),
    RGBColor(0x8D, 0xD3, 0xC7),
    RGBColor(0xFB, 0x80, 0x72),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xFF, 0xFF, 0x99),
];

/// How strongly regime colours are drawn on the map (over white).
const MAP_STRENGTH: f64 = 0.8;

/// Line colours of the one-parameter charts (one per equilibrium kind and player).
const LINE_COLOURS: [RGBColor; 10] = [
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(0, 0, 128),
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
];

/// A fill pattern drawn over a regime's colour once the palette is used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hatch {
    /// Plain colour.
    Solid,
    /// Lines rising to the right.
    Diagonal,
    /// A grid of dots.
    Dots,
    /// Lines falling to the right.
    BackDiagonal,
    /// Both diagonals.
    Crossed,
    /// Horizontal lines.
    Horizontal,
}

const HATCHES: [Hatch; 6] =
    [Hatch::Solid, Hatch::Diagonal, Hatch::Dots, Hatch::BackDiagonal, Hatch::Crossed, Hatch::Horizontal];

/// The colour and pattern of regime `k` (0-based, in order of first appearance): the palette's
/// colours plain, then again with diagonal lines, dots, ... — distinct for the first 72 regimes.
pub(crate) fn regime_style(k: usize) -> (RGBColor, Hatch) {
    (PALETTE[k % PALETTE.len()], HATCHES[(k / PALETTE.len()) % HATCHES.len()])
}

fn line_colour(k: usize) -> RGBColor {
    LINE_COLOURS[k % LINE_COLOURS.len()]
}

/// Draws `hatch` over the pixel rectangle `[x0, x1) x [y0, y1)` of `area`. The pattern is aligned
/// to the area's pixel grid, so neighbouring cells of one regime join seamlessly.
fn draw_hatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    hatch: Hatch,
    colour: RGBAColor,
) -> Result<()> {
    const GAP: i32 = 8;
    let (x0, x1, y0, y1) = (x0.min(x1), x0.max(x1), y0.min(y1), y0.max(y1));
    if x1 <= x0 || y1 <= y0 {
        return Ok(());
    }
    let style = colour.stroke_width(1);
    let mut lines: Vec<[(i32, i32); 2]> = Vec::new();
    let first = |lo: i32| lo.div_euclid(GAP) * GAP;
    let rising = |lines: &mut Vec<[(i32, i32); 2]>| {
        // x + y = c
        let mut c = first(x0 + y0);
        while c <= x1 + y1 {
            let (xa, xb) = ((c - y1).max(x0), (c - y0).min(x1));
            if xa < xb {
                lines.push([(xa, c - xa), (xb, c - xb)]);
            }
            c += GAP;
        }
    };
    let falling = |lines: &mut Vec<[(i32, i32); 2]>| {
        // x - y = c
        let mut c = first(x0 - y1);
        while c <= x1 - y0 {
            let (xa, xb) = ((c + y0).max(x0), (c + y1).min(x1));
            if xa < xb {
                lines.push([(xa, xa - c), (xb, xb - c)]);
            }
            c += GAP;
        }
    };
    match hatch {
        Hatch::Solid => {}
        Hatch::Diagonal => rising(&mut lines),
        Hatch::BackDiagonal => falling(&mut lines),
        Hatch::Crossed => {
            rising(&mut lines);
            falling(&mut lines);
        }
        Hatch::Horizontal => {
            let mut y = first(y0) + GAP / 2;
            while y < y1 {
                if y >= y0 {
                    lines.push([(x0, y), (x1, y)]);
                }
                y += GAP;
            }
        }
        Hatch::Dots => {
            let mut y = first(y0) + GAP / 2;
            while y < y1 {
                let shift = if y.div_euclid(GAP) % 2 == 0 { 0 } else { GAP / 2 };
                let mut x = first(x0) + shift;
                while x < x1 {
                    if x >= x0 {
                        area.draw(&Rectangle::new([(x, y), (x + 2, y + 2)], colour.filled())).map_err(plot_error)?;
                    }
                    x += GAP;
                }
                y += GAP;
            }
        }
    }
    for [a, b] in lines {
        area.draw(&PathElement::new(vec![a, b], style)).map_err(plot_error)?;
    }
    Ok(())
}

/// Refuses chart files that are neither `.svg` nor `.png`.
pub fn check_extension(path: &Path) -> Result<()> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("svg") | Some("png") => Ok(()),
        _ => Err(Error::Output(format!("{}: charts are written as .svg or .png", path.display()))),
    }
}

/// One equilibrium at one point, for charts.
#[derive(Debug, Clone)]
struct EqPoint {
    series: usize,
    first_probs: Vec<f64>,
    payoffs: Vec<f64>,
}

/// What a sweep chart needs, gathered chunk by chunk (floats: charts only).
#[derive(Debug, Clone)]
pub struct SweepData {
    names: Vec<String>,
    steps: Vec<usize>,
    axis_values: Vec<Vec<f64>>,
    subject: Subject,
    /// Key text of each probability line: `P(US plays Concede)` or `P(US plays Offer at us)`.
    prob_names: Vec<String>,
    /// Player names, for the payoff lines.
    payoff_names: Vec<String>,
    regimes: Vec<String>,
    regime_ids: HashMap<String, usize>,
    point_regime: Vec<usize>,
    series: Vec<String>,
    series_ids: HashMap<String, usize>,
    eqs: Vec<Vec<EqPoint>>,
}

impl SweepData {
    /// Empty data for a sweep over `axes` of `subject` (a normal form's players or a tree).
    pub fn new(axes: &[Axis], subject: &Subject) -> SweepData {
        let prob_names = match subject {
            Subject::Normal(players) => players
                .iter()
                .map(|p| format!("P({} plays {})", p.name, p.strategies.first().map_or("", |s| s.as_str())))
                .collect(),
            Subject::Tree(tree) => (0..tree.num_players())
                .flat_map(|i| tree.player_actions(i).into_iter().enumerate().map(move |(k, actions)| (i, k, actions)))
                .map(|(i, k, actions)| {
                    let first = actions.first().map_or("", |s| s.as_str()).to_string();
                    format!("P({} plays {first} at {})", tree.players()[i], tree.infoset_name(i, k))
                })
                .collect(),
        };
        SweepData {
            names: axes.iter().map(|a| a.name.clone()).collect(),
            steps: axes.iter().map(|a| a.steps).collect(),
            axis_values: axes.iter().map(|a| a.values().iter().map(to_f64).collect()).collect(),
            subject: subject.clone(),
            prob_names,
            payoff_names: subject.player_names(),
            regimes: Vec::new(),
            regime_ids: HashMap::new(),
            point_regime: Vec::new(),
            series: Vec::new(),
            series_ids: HashMap::new(),
            eqs: Vec::new(),
        }
    }

    /// The series label, first-action probabilities and payoffs of each equilibrium at a point.
    fn describe(&self, equilibria: &PointEquilibria) -> Vec<(String, Vec<f64>, Vec<f64>)> {
        match (equilibria, &self.subject) {
            (PointEquilibria::Normal(eqs), Subject::Normal(players)) => eqs
                .iter()
                .map(|e| {
                    (
                        equilibrium_label(players, &e.profile),
                        e.profile.probs.iter().map(|p| p.first().map_or(0.0, to_f64)).collect(),
                        e.payoffs.iter().map(to_f64).collect(),
                    )
                })
                .collect(),
            (PointEquilibria::Tree(eqs), Subject::Tree(tree)) => eqs
                .iter()
                .map(|e| {
                    (
                        tree_equilibrium_label(tree, &e.behavior),
                        e.behavior.probs.iter().flatten().map(|h| h.first().map_or(0.0, to_f64)).collect(),
                        e.payoffs.iter().map(to_f64).collect(),
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Adds points (in grid order).
    pub fn add(&mut self, points: &[SweepPoint]) {
        for p in points {
            let next = self.regimes.len();
            let id = *self.regime_ids.entry(p.regime.clone()).or_insert(next);
            if id == next {
                self.regimes.push(p.regime.clone());
            }
            self.point_regime.push(id);
            if self.names.len() == 1 {
                let eqs = self
                    .describe(&p.equilibria)
                    .into_iter()
                    .map(|(label, first_probs, payoffs)| {
                        let next = self.series.len();
                        let series = *self.series_ids.entry(label.clone()).or_insert(next);
                        if series == next {
                            self.series.push(label);
                        }
                        EqPoint { series, first_probs, payoffs }
                    })
                    .collect();
                self.eqs.push(eqs);
            }
        }
    }

    /// The distinct regimes, in order of first appearance.
    pub fn regimes(&self) -> &[String] {
        &self.regimes
    }
}

fn plot_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("drawing the chart failed: {e}"))
}

/// Draws the chart of `data` to `path` (.svg or .png); `boundaries` are marked on 1-parameter charts.
pub fn draw(data: &SweepData, boundaries: &[Boundary], title: &str, path: &Path) -> Result<()> {
    check_extension(path)?;
    super::write_chart(&SweepChart { data, boundaries, title }, path)
}

/// A sweep chart as a [`Chart`], so it is written atomically like every other chart.
struct SweepChart<'a> {
    data: &'a SweepData,
    boundaries: &'a [Boundary],
    title: &'a str,
}

impl Chart for SweepChart<'_> {
    fn size(&self) -> (u32, u32) {
        let legend_lines = self.data.regimes.len() as u32;
        if self.data.names.len() == 1 {
            (1400, 860 + 22 * legend_lines)
        } else {
            (1000, 760 + 22 * legend_lines)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        render(root, self.data, self.boundaries, self.title)
    }
}

fn render<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &SweepData,
    boundaries: &[Boundary],
    title: &str,
) -> Result<()> {
    root.fill(&WHITE).map_err(plot_error)?;
    let (w, h) = root.dim_in_pixel();
    let legend_h = 30 + 22 * data.regimes.len() as u32;
    let (main, legend) = root.split_vertically(h.saturating_sub(legend_h));
    let main = main.titled(title, (FONT, 20)).map_err(plot_error)?;
    if data.names.len() == 1 {
        one_parameter(&main, data, boundaries)?;
    } else {
        regime_map(&main, data)?;
    }
    // Regime legend: a swatch (colour and pattern, as drawn) and the full label per line.
    legend.draw_text("Regimes:", &(FONT, 15).into_font().color(&BLACK), (20, 5)).map_err(plot_error)?;
    for (k, r) in data.regimes.iter().enumerate() {
        let y = 28 + 22 * k as i32;
        let (c, hatch) = regime_style(k);
        legend.draw(&Rectangle::new([(20, y), (40, y + 16)], c.mix(MAP_STRENGTH).filled())).map_err(plot_error)?;
        draw_hatch(&legend, (20, y, 40, y + 16), hatch, BLACK.mix(0.6))?;
        legend.draw(&Rectangle::new([(20, y), (40, y + 16)], BLACK.mix(0.5).stroke_width(1))).map_err(plot_error)?;
        let (text, size) = super::common::fit_text(&legend, r, 13, w.saturating_sub(70))?;
        legend
            .draw(&Text::new(
                text,
                (48, y + 8),
                (FONT, size).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(plot_error)?;
    }
    Ok(())
}

/// Where the labels of boundaries go, in pixels of a plot `width` wide: for each label (at line
/// position `xs[k]`, `widths[k]` wide) its left edge and its row. A label sits right of its line,
/// or left of it where it would cross the plot's right edge, always inside `[0, width]`; it moves
/// down a row when it would overlap an earlier label of the same row.
pub(crate) fn place_boundary_labels(xs: &[i32], widths: &[i32], width: i32) -> Vec<(i32, usize)> {
    const PAD: i32 = 3;
    let mut rows: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut out = Vec::with_capacity(xs.len());
    for (&x, &w) in xs.iter().zip(widths) {
        let mut left = x + PAD;
        if left + w > width - PAD {
            left = x - PAD - w;
        }
        let left = left.min(width - PAD - w).max(PAD.min(width - w).max(0));
        let free = |row: &Vec<(i32, i32)>| row.iter().all(|&(a, b)| left + w + PAD <= a || b + PAD <= left);
        let row = rows.iter().position(free).unwrap_or(rows.len());
        if row == rows.len() {
            rows.push(Vec::new());
        }
        rows[row].push((left, left + w));
        out.push((left, row));
    }
    out
}

/// The segments (runs at consecutive grid points, at least two points: drawn as lines) and the
/// isolated points (an equilibrium found at one grid point only: drawn as marks) of one line.
#[derive(Debug, Default)]
struct Trace {
    segments: Vec<Vec<(f64, f64)>>,
    isolated: Vec<(f64, f64)>,
}

impl Trace {
    fn from_runs(runs: Vec<Vec<(f64, f64)>>) -> Trace {
        let mut t = Trace::default();
        for run in runs {
            if run.len() >= 2 {
                t.segments.push(run);
            } else {
                t.isolated.extend(run);
            }
        }
        t
    }

    fn is_empty(&self) -> bool {
        self.segments.is_empty() && self.isolated.is_empty()
    }
}

/// Extent of a sorted list of values, padded when it is a single value.
fn extent(v: &[f64]) -> (f64, f64) {
    let lo = v.first().copied().unwrap_or(0.0);
    let hi = v.last().copied().unwrap_or(1.0);
    if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    }
}

/// Cell edges around each grid value (half-way to the neighbours).
fn edges(v: &[f64]) -> Vec<(f64, f64)> {
    let (lo, hi) = extent(v);
    (0..v.len())
        .map(|k| {
            let a = if k == 0 { lo } else { (v[k - 1] + v[k]) / 2.0 };
            let b = if k + 1 == v.len() { hi } else { (v[k] + v[k + 1]) / 2.0 };
            (a, b)
        })
        .collect()
}

fn one_parameter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &SweepData,
    boundaries: &[Boundary],
) -> Result<()> {
    let xs = &data.axis_values[0];
    let (x0, x1) = extent(xs);
    let (w, h) = area.dim_in_pixel();
    let (plots, key) = area.split_horizontally(w.saturating_sub(380));
    // Without mixed equilibria the probability panel would be empty: payoffs take the whole height.
    let any_mixed = data.series.iter().any(|n| n.starts_with("mixed("));
    let split = if any_mixed { h / 2 } else { 0 };
    let (top, bottom) = plots.split_vertically(split);
    let (key_top, key_bottom) = key.split_vertically(split);
    let first_panel = if any_mixed { 0 } else { 1 };
    let cells = edges(xs);
    // Marks along lines every `every` grid points (players' marks staggered).
    let every = (xs.len() / 12).max(1);
    for panel in first_panel..2 {
        let target = if panel == 0 { &top } else { &bottom };
        let (y0, y1) = if panel == 0 {
            (-0.05, 1.05)
        } else {
            let all: Vec<f64> = data.eqs.iter().flatten().flat_map(|e| e.payoffs.iter().copied()).collect();
            let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() && hi > lo {
                let pad = (hi - lo) * 0.08;
                (lo - pad, hi + pad)
            } else {
                (lo.min(0.0) - 1.0, hi.max(0.0) + 1.0)
            }
        };
        let mut chart = ChartBuilder::on(target)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(plot_error)?;
        let ydesc = if panel == 0 {
            // Name the strategies: "P(US plays Concede), P(DPRK plays Concede)" if it fits.
            let full = data.prob_names.join(", ");
            let (_, plot_h) = chart.plotting_area().dim_in_pixel();
            let (tw, _) =
                target.estimate_text_size(&full, &TextStyle::from((FONT, 13).into_font())).map_err(plot_error)?;
            if tw + 10 <= plot_h {
                full
            } else {
                "probability (see the key)".to_string()
            }
        } else {
            "expected payoff".to_string()
        };
        chart
            .configure_mesh()
            .x_desc(data.names[0].as_str())
            .y_desc(ydesc)
            .label_style((FONT, 13))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(plot_error)?;
        let pa = chart.plotting_area().strip_coord_spec();
        // Regime shading (faint), with the regime's pattern past the palette.
        for (k, &(a, b)) in cells.iter().enumerate() {
            let r = data.point_regime.get(k).copied().unwrap_or(0);
            let (c, hatch) = regime_style(r);
            chart
                .draw_series(std::iter::once(Rectangle::new([(a, y0), (b, y1)], c.mix(0.12).filled())))
                .map_err(plot_error)?;
            if hatch != Hatch::Solid {
                let (p, q) = (px(&chart, &pa, (a, y1)), px(&chart, &pa, (b, y0)));
                draw_hatch(&pa, (p.0, p.1, q.0, q.1), hatch, c.mix(0.35))?;
            }
        }
        // Boundaries.
        for b in boundaries {
            let x = to_f64(&b.value);
            chart
                .draw_series(DashedLineSeries::new(vec![(x, y0), (x, y1)], 6, 4, BLACK.mix(0.7).stroke_width(1)))
                .map_err(plot_error)?;
        }
        // One line per (equilibrium kind, player), broken where the equilibrium does not exist;
        // players differ in dashes and marks, so coinciding lines stay visible.
        let key_area = if panel == 0 { &key_top } else { &key_bottom };
        let mut key_row = 0i32;
        let mut style_index = 0usize;
        for (s, name) in data.series.iter().enumerate() {
            // Pure equilibria have probabilities 0 and 1 by definition: only payoffs are drawn for them.
            let pure = !name.starts_with("mixed(");
            let lines = if panel == 0 { &data.prob_names } else { &data.payoff_names };
            for (i, line_name) in lines.iter().enumerate() {
                let c = line_colour(style_index);
                style_index += 1;
                if panel == 0 && pure {
                    continue;
                }
                let trace = data.trace(s, i, panel == 0);
                if trace.is_empty() {
                    continue;
                }
                let stroke = player_stroke(i);
                let offset = (i * every / 2 + s * every / 5) % every;
                for seg in &trace.segments {
                    let pts: Vec<(i32, i32)> = seg.iter().map(|&p| px(&chart, &pa, p)).collect();
                    stroke.draw_line(&pa, &pts, c.stroke_width(2))?;
                    for p in pts.iter().skip(offset).step_by(every) {
                        stroke.marker(c, 4).draw(&pa, *p)?;
                    }
                }
                for &p in &trace.isolated {
                    stroke.marker(c, 5).draw(&pa, px(&chart, &pa, p))?;
                }
                // The key, beside the panel: the line as drawn.
                let mut label =
                    if panel == 0 { format!("{line_name} in {name}") } else { format!("{line_name} payoff in {name}") };
                if trace.segments.is_empty() {
                    let n = trace.isolated.len();
                    label.push_str(if n == 1 { " (at one point)" } else { " (at single points)" });
                }
                let y = 26 + 22 * key_row;
                key_row += 1;
                Marker::Series(c, 2, stroke).draw(key_area, (20, y))?;
                let (text, size) = super::common::fit_text(key_area, &label, 12, 380 - 48)?;
                key_area
                    .draw(&Text::new(
                        text,
                        (42, y),
                        (FONT, size).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
                    ))
                    .map_err(plot_error)?;
            }
        }
        // Boundary labels, inside the plot area along its top edge, on a white ground.
        if panel == first_panel && !boundaries.is_empty() {
            let font = (FONT, 12).into_font();
            let texts: Vec<String> = boundaries
                .iter()
                .map(|b| if b.exact { fmt_q(&b.value) } else { format!("≈{:.4}", to_f64(&b.value)) })
                .collect();
            let mut widths = Vec::with_capacity(texts.len());
            for t in &texts {
                widths.push(pa.estimate_text_size(t, &TextStyle::from(font.clone())).map_err(plot_error)?.0 as i32 + 4);
            }
            let line_x: Vec<i32> = boundaries.iter().map(|b| px(&chart, &pa, (to_f64(&b.value), y1)).0).collect();
            let (pw, _) = pa.dim_in_pixel();
            for ((text, &width), (left, row)) in
                texts.iter().zip(&widths).zip(place_boundary_labels(&line_x, &widths, pw as i32))
            {
                let top_y = 3 + 16 * row as i32;
                pa.draw(&Rectangle::new([(left, top_y), (left + width, top_y + 15)], WHITE.mix(0.85).filled()))
                    .map_err(plot_error)?;
                pa.draw(&Text::new(
                    text.clone(),
                    (left + 2, top_y + 1),
                    font.clone().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top)),
                ))
                .map_err(plot_error)?;
            }
        }
    }
    Ok(())
}

impl SweepData {
    /// The probability (`prob`) or payoff line of player `i` in equilibrium series `s`: its runs
    /// over consecutive grid points.
    fn trace(&self, s: usize, i: usize, prob: bool) -> Trace {
        let xs = &self.axis_values[0];
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut last: Option<usize> = None;
        for (k, eqs) in self.eqs.iter().enumerate() {
            for e in eqs.iter().filter(|e| e.series == s) {
                let y = if prob { e.first_probs.get(i) } else { e.payoffs.get(i) };
                let Some(&y) = y else { continue };
                if last.is_none_or(|l| l + 1 != k && l != k) {
                    runs.push(Vec::new());
                }
                if let Some(run) = runs.last_mut() {
                    run.push((xs[k], y));
                }
                last = Some(k);
            }
        }
        Trace::from_runs(runs)
    }
}

#[allow(clippy::needless_range_loop)] // cells are addressed by (i, j) in several arrays
fn regime_map<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &SweepData) -> Result<()> {
    let (xs, ys) = (&data.axis_values[0], &data.axis_values[1]);
    let (nx, ny) = (data.steps[0], data.steps[1]);
    let (x0, x1) = extent(xs);
    let (y0, y1) = extent(ys);
    let mut chart = ChartBuilder::on(area)
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(plot_error)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(data.names[0].as_str())
        .y_desc(data.names[1].as_str())
        .label_style((FONT, 13))
        .draw()
        .map_err(plot_error)?;
    let pa = chart.plotting_area().strip_coord_spec();
    let (xe, ye) = (edges(xs), edges(ys));
    let id = |i: usize, j: usize| data.point_regime.get(i * ny + j).copied().unwrap_or(0);
    // Cells, merged into runs along the second axis.
    let mut rects = Vec::new();
    let mut hatched = Vec::new();
    for i in 0..nx {
        let mut j = 0;
        while j < ny {
            let r = id(i, j);
            let mut k = j;
            while k + 1 < ny && id(i, k + 1) == r {
                k += 1;
            }
            let (c, hatch) = regime_style(r);
            rects.push(Rectangle::new([(xe[i].0, ye[j].0), (xe[i].1, ye[k].1)], c.mix(MAP_STRENGTH).filled()));
            if hatch != Hatch::Solid {
                hatched.push(((xe[i].0, ye[k].1), (xe[i].1, ye[j].0), hatch));
            }
            j = k + 1;
        }
    }
    chart.draw_series(rects).map_err(plot_error)?;
    for (a, b, hatch) in hatched {
        let (p, q) = (px(&chart, &pa, a), px(&chart, &pa, b));
        draw_hatch(&pa, (p.0, p.1, q.0, q.1), hatch, BLACK.mix(0.6))?;
    }
    // Boundaries: edges between cells of different regimes.
    let mut lines = Vec::new();
    for i in 0..nx {
        for j in 0..ny {
            if i + 1 < nx && id(i, j) != id(i + 1, j) {
                lines.push(PathElement::new(vec![(xe[i].1, ye[j].0), (xe[i].1, ye[j].1)], BLACK.stroke_width(1)));
            }
            if j + 1 < ny && id(i, j) != id(i, j + 1) {
                lines.push(PathElement::new(vec![(xe[i].0, ye[j].1), (xe[i].1, ye[j].1)], BLACK.stroke_width(1)));
            }
        }
    }
    chart.draw_series(lines).map_err(plot_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_edges() {
        assert_eq!(edges(&[0.0, 1.0, 2.0]), vec![(0.0, 0.5), (0.5, 1.5), (1.5, 2.0)]);
        assert_eq!(extent(&[3.0]), (2.5, 3.5));
        assert!(check_extension(Path::new("a.pdf")).is_err());
        assert!(check_extension(Path::new("a.PNG")).is_ok());
    }

    /// CIE L*a*b* of an sRGB colour drawn at `strength` over white.
    fn lab(c: RGBColor, strength: f64) -> [f64; 3] {
        let lin = |u: u8| {
            let u = (255.0 * (1.0 - strength) + f64::from(u) * strength) / 255.0;
            if u <= 0.04045 {
                u / 12.92
            } else {
                ((u + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    fn delta_e(a: RGBColor, b: RGBColor) -> f64 {
        let (p, q) = (lab(a, MAP_STRENGTH), lab(b, MAP_STRENGTH));
        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
    }

    #[test]
    fn regimes_get_distinct_colour_and_pattern_pairs() {
        // Up to 40 regimes: no two share colour and pattern, and two regimes whose colours are
        // alike on the map (ΔE < 25, e.g. the old palette's brown and grey, or its golden-angle
        // hues after 12) never share a pattern.
        let styles: Vec<(RGBColor, Hatch)> = (0..40).map(regime_style).collect();
        for (a, sa) in styles.iter().enumerate() {
            for (b, sb) in styles.iter().enumerate().skip(a + 1) {
                assert_ne!(sa, sb, "regimes {a} and {b}");
                if sa.1 == sb.1 {
                    let d = delta_e(sa.0, sb.0);
                    assert!(d >= 25.0, "regimes {a} and {b}: ΔE {d:.1} with the same pattern {:?}", sa.1);
                }
            }
        }
        assert_eq!(styles[11].1, Hatch::Solid);
        assert_eq!(styles[12], (PALETTE[0], Hatch::Diagonal));
        assert_eq!(styles[24].1, Hatch::Dots);
    }

    #[test]
    fn hatching_stays_inside_its_cell() {
        use crate::plot::text::Glyphs;
        let mut buf = vec![255u8; 60 * 40 * 3];
        {
            let root = Glyphs::rasterizing(BitMapBackend::with_buffer(&mut buf, (60, 40))).into_drawing_area();
            for hatch in HATCHES {
                draw_hatch(&root, (10, 10, 30, 30), hatch, BLACK.to_rgba()).unwrap();
            }
            root.present().unwrap();
        }
        let mut inked = 0;
        for y in 0..40 {
            for x in 0..60 {
                if buf[(y * 60 + x) * 3] < 128 {
                    inked += 1;
                    assert!((10..=31).contains(&x) && (10..=31).contains(&y), "ink at ({x}, {y})");
                }
            }
        }
        assert!(inked > 150, "{inked}");
    }

    #[test]
    fn boundary_labels_stay_inside_and_apart() {
        // A boundary at the right edge (the standoff's dprk_standoff = 1): the label goes left of
        // its line instead of past the edge; two close boundaries: the second label drops a row.
        let width = 900;
        let placed = place_boundary_labels(&[100, 110, 899, 0], &[30, 30, 20, 40], width);
        for (&(left, _), w) in placed.iter().zip([30, 30, 20, 40]) {
            assert!(left >= 0 && left + w <= width, "{placed:?}");
        }
        assert_eq!(placed[0], (103, 0));
        assert_eq!(placed[1].1, 1, "{placed:?}");
        assert!(placed[2].0 + 20 <= 899, "{placed:?}");
        assert_eq!(placed[3], (3, 0));
    }

    #[test]
    fn single_point_equilibria_are_marks_not_lines() {
        let t = Trace::from_runs(vec![vec![(0.0, 1.0), (1.0, 1.0)], vec![(3.0, 2.0)]]);
        assert_eq!(t.segments.len(), 1);
        assert_eq!(t.isolated, vec![(3.0, 2.0)]);
        assert!(Trace::from_runs(Vec::new()).is_empty());
    }
}
