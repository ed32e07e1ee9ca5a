//! Sweep charts: one parameter — equilibrium probabilities and payoffs against the parameter, with
//! the regimes shaded and the boundaries marked; two parameters — a regime map (one colour per
//! regime, boundaries drawn, a legend naming each regime). SVG or PNG by the file's extension.

use super::{Chart, FONT};
use crate::analysis::regime::{equilibrium_label, tree_equilibrium_label};
use crate::analysis::sweep::{Axis, PointEquilibria, Subject, SweepPoint};
use crate::analysis::thresholds::Boundary;
use crate::error::{Error, Result};
use crate::num::{fmt_q, to_f64};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// Regime colours, in order of first appearance.
const PALETTE: [RGBColor; 12] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(0, 0, 128),
    RGBColor(128, 0, 0),
];

/// The palette first, then distinct hues spaced by the golden angle (no colour repeats).
fn colour(k: usize) -> RGBColor {
    if let Some(c) = PALETTE.get(k) {
        return *c;
    }
    let hue = ((k - PALETTE.len()) as f64 * 0.618_033_988_75 + 0.05).fract();
    let (r, g, b) = HSLColor(hue, 0.55, if k.is_multiple_of(2) { 0.45 } else { 0.65 }).rgb();
    RGBColor(r, g, b)
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
    /// Key text of each probability line: `P(US Concede)` or `P(US Offer at us)`.
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
                .map(|p| format!("P({} {})", p.name, p.strategies.first().map_or("", |s| s.as_str())))
                .collect(),
            Subject::Tree(tree) => (0..tree.num_players())
                .flat_map(|i| tree.player_actions(i).into_iter().enumerate().map(move |(k, actions)| (i, k, actions)))
                .map(|(i, k, actions)| {
                    let first = actions.first().map_or("", |s| s.as_str()).to_string();
                    format!("P({} {first} at {})", tree.players()[i], tree.infoset_name(i, k))
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
    // Regime legend: a swatch and the full label per line.
    legend.draw_text("Regimes:", &(FONT, 15).into_font().color(&BLACK), (20, 5)).map_err(plot_error)?;
    for (k, r) in data.regimes.iter().enumerate() {
        let y = 28 + 22 * k as i32;
        legend.draw(&Rectangle::new([(20, y), (38, y + 14)], colour(k).filled())).map_err(plot_error)?;
        let max_chars = ((w as usize).saturating_sub(60)) / 7;
        let text: String = if r.chars().count() > max_chars {
            r.chars().take(max_chars.saturating_sub(1)).chain(['…']).collect()
        } else {
            r.clone()
        };
        legend.draw_text(&text, &(FONT, 13).into_font().color(&BLACK), (46, y)).map_err(plot_error)?;
    }
    Ok(())
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
        let ydesc = if panel == 0 { "probability of the first strategy" } else { "expected payoff" };
        chart
            .configure_mesh()
            .x_desc(data.names[0].as_str())
            .y_desc(ydesc)
            .label_style((FONT, 13))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(plot_error)?;
        // Regime shading.
        for (k, &(a, b)) in cells.iter().enumerate() {
            let r = data.point_regime.get(k).copied().unwrap_or(0);
            chart
                .draw_series(std::iter::once(Rectangle::new([(a, y0), (b, y1)], colour(r).mix(0.12).filled())))
                .map_err(plot_error)?;
        }
        // Boundaries.
        for b in boundaries {
            let x = to_f64(&b.value);
            chart
                .draw_series(DashedLineSeries::new(vec![(x, y0), (x, y1)], 6, 4, BLACK.mix(0.7).stroke_width(1)))
                .map_err(plot_error)?;
            if panel == first_panel {
                let top_y = if panel == 0 { 1.045 } else { y1 - (y1 - y0) * 0.005 };
                let label = if b.exact { fmt_q(&b.value) } else { format!("≈{:.4}", x) };
                chart
                    .draw_series(std::iter::once(Text::new(label, (x, top_y), (FONT, 12).into_font().color(&BLACK))))
                    .map_err(plot_error)?;
            }
        }
        // One line per (equilibrium kind, player), broken where the equilibrium does not exist.
        let key_area = if panel == 0 { &key_top } else { &key_bottom };
        let mut key_row = 0i32;
        let mut style_index = 0usize;
        for (s, name) in data.series.iter().enumerate() {
            // Pure equilibria have probabilities 0 and 1 by definition: only payoffs are drawn for them.
            let pure = !name.starts_with("mixed(");
            let lines = if panel == 0 { &data.prob_names } else { &data.payoff_names };
            for (i, line_name) in lines.iter().enumerate() {
                let c = colour(style_index + 3);
                style_index += 1;
                if panel == 0 && pure {
                    continue;
                }
                let mut segments: Vec<Vec<(f64, f64)>> = Vec::new();
                let mut last: Option<usize> = None;
                for (k, eqs) in data.eqs.iter().enumerate() {
                    for e in eqs.iter().filter(|e| e.series == s) {
                        let y = if panel == 0 { e.first_probs.get(i) } else { e.payoffs.get(i) };
                        let Some(&y) = y else { continue };
                        if last != Some(k.wrapping_sub(1)) || segments.is_empty() {
                            segments.push(Vec::new());
                        }
                        if let Some(seg) = segments.last_mut() {
                            seg.push((xs[k], y));
                        }
                        last = Some(k);
                    }
                }
                let label =
                    if panel == 0 { format!("{line_name} in {name}") } else { format!("{line_name} payoff in {name}") };
                let dash = i % 2 == 1;
                for seg in segments {
                    let style = c.stroke_width(2);
                    if dash {
                        chart.draw_series(DashedLineSeries::new(seg, 8, 4, style)).map_err(plot_error)?;
                    } else {
                        chart.draw_series(LineSeries::new(seg, style)).map_err(plot_error)?;
                    }
                }
                // The key, beside the panel (dashed for the second player).
                let y = 20 + 20 * key_row;
                key_row += 1;
                let pieces: Vec<(i32, i32)> = if dash { vec![(4, 12), (16, 24)] } else { vec![(4, 24)] };
                for (a, b) in pieces {
                    key_area
                        .draw(&PathElement::new(vec![(a, y + 6), (b, y + 6)], c.stroke_width(2)))
                        .map_err(plot_error)?;
                }
                key_area.draw_text(&label, &(FONT, 12).into_font().color(&BLACK), (30, y)).map_err(plot_error)?;
            }
        }
    }
    Ok(())
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
    let (xe, ye) = (edges(xs), edges(ys));
    let id = |i: usize, j: usize| data.point_regime.get(i * ny + j).copied().unwrap_or(0);
    // Cells, merged into runs along the second axis.
    let mut rects = Vec::new();
    for i in 0..nx {
        let mut j = 0;
        while j < ny {
            let r = id(i, j);
            let mut k = j;
            while k + 1 < ny && id(i, k + 1) == r {
                k += 1;
            }
            rects.push(Rectangle::new([(xe[i].0, ye[j].0), (xe[i].1, ye[k].1)], colour(r).mix(0.75).filled()));
            j = k + 1;
        }
    }
    chart.draw_series(rects).map_err(plot_error)?;
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
}
