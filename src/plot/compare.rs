//! The comparison chart: scenarios side by side as grouped bars. Top panel: each equilibrium's
//! expected payoff per player (one bar per player, coloured by player, the exact value above
//! it). Bottom panel: each equilibrium's distribution over outcomes as a stacked bar (pure
//! profiles of a normal form, or leaves of a tree), so a change in the probability of a
//! prolonged standoff is visible at a glance. Bars are grouped by scenario and labelled `E1`,
//! `E2`, ...; the legend names each equilibrium.

use super::common::{fit_text, frame, tick, Marker};
use super::{chart_error, Chart, FONT};
use crate::analysis::compare::Comparison;
use crate::error::Result;
use crate::num::{fmt_q, to_f64};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Player colours (payoff bars).
const PLAYERS: [RGBColor; 6] = [
    RGBColor(200, 50, 50),
    RGBColor(40, 90, 200),
    RGBColor(40, 150, 70),
    RGBColor(150, 90, 190),
    RGBColor(220, 140, 20),
    RGBColor(90, 90, 90),
];

/// Outcome colours (stacked bars), then lighter repeats.
const OUTCOMES: [RGBColor; 10] = [
    RGBColor(102, 194, 165),
    RGBColor(252, 141, 98),
    RGBColor(141, 160, 203),
    RGBColor(231, 138, 195),
    RGBColor(166, 216, 84),
    RGBColor(255, 217, 47),
    RGBColor(229, 196, 148),
    RGBColor(179, 179, 179),
    RGBColor(27, 158, 119),
    RGBColor(217, 95, 2),
];

/// The most outcomes given their own colour and legend entry; the rest are drawn as "other".
const MAX_OUTCOME_COLOURS: usize = 10;

fn player_colour(i: usize) -> RGBColor {
    PLAYERS[i % PLAYERS.len()]
}

/// One bar group slot: an equilibrium of a column.
#[derive(Debug, Clone, PartialEq)]
struct Slot {
    /// Index of the column (scenario).
    column: usize,
    /// `E1`, `E2`, ... (empty for a column without equilibria).
    name: String,
    /// The equilibrium's description, for the legend.
    label: String,
    /// Payoffs (exact text and value) per player.
    payoffs: Vec<(String, f64)>,
    /// Probability of each outcome (index into `outcomes`), in outcome order.
    outcomes: Vec<(usize, f64)>,
}

/// A grouped bar chart of a [`Comparison`].
#[derive(Debug, Clone, PartialEq)]
pub struct CompareChart {
    title: String,
    players: Vec<String>,
    columns: Vec<String>,
    outcomes: Vec<String>,
    slots: Vec<Slot>,
}

impl CompareChart {
    /// The chart of `comparison`, titled `title`.
    pub fn new(comparison: &Comparison, title: &str) -> CompareChart {
        let mut players: Vec<String> = Vec::new();
        let mut outcomes: Vec<String> = Vec::new();
        for c in &comparison.columns {
            for p in &c.players {
                if !players.contains(&p.name) {
                    players.push(p.name.clone());
                }
            }
            for per_eq in &c.outcomes {
                for (name, _) in per_eq {
                    if !outcomes.contains(name) {
                        outcomes.push(name.clone());
                    }
                }
            }
        }
        // Order the outcomes as the first column declares them, where it does.
        if let Some(first) = comparison.columns.first() {
            outcomes.sort_by_key(|o| first.outcome_names.iter().position(|n| n == o).unwrap_or(usize::MAX));
        }
        let mut slots = Vec::new();
        for (k, c) in comparison.columns.iter().enumerate() {
            if c.equilibria.is_empty() {
                slots.push(Slot {
                    column: k,
                    name: String::new(),
                    label: "no equilibrium".into(),
                    payoffs: vec![],
                    outcomes: vec![],
                });
            }
            for (j, e) in c.equilibria.iter().enumerate() {
                let payoffs = players
                    .iter()
                    .map(|name| {
                        c.players
                            .iter()
                            .position(|p| &p.name == name)
                            .and_then(|i| e.payoffs.get(i))
                            .map_or((String::new(), f64::NAN), |v| (fmt_q(v), to_f64(v)))
                    })
                    .collect();
                let outs = c.outcomes.get(j).map_or(vec![], |o| {
                    o.iter()
                        .filter_map(|(name, p)| outcomes.iter().position(|n| n == name).map(|i| (i, to_f64(p))))
                        .collect()
                });
                slots.push(Slot {
                    column: k,
                    name: format!("E{}", j + 1),
                    label: c.labels.get(j).cloned().unwrap_or_default(),
                    payoffs,
                    outcomes: outs,
                });
            }
        }
        CompareChart {
            title: title.to_string(),
            players,
            columns: comparison.columns.iter().map(|c| c.label.clone()).collect(),
            outcomes,
            slots,
        }
    }

    /// Left edge of each slot in slot units (groups separated by half a slot).
    fn slot_positions(&self) -> Vec<f64> {
        let mut x = 0.25;
        let mut out = Vec::with_capacity(self.slots.len());
        for (k, s) in self.slots.iter().enumerate() {
            if k > 0 && self.slots[k - 1].column != s.column {
                x += 0.5;
            }
            out.push(x);
            x += 1.0;
        }
        out
    }

    fn x_extent(&self) -> f64 {
        self.slot_positions().last().map_or(1.0, |x| x + 1.25)
    }

    fn outcome_colour(&self, i: usize) -> RGBColor {
        if i < MAX_OUTCOME_COLOURS {
            OUTCOMES[i % OUTCOMES.len()]
        } else {
            RGBColor(210, 210, 210)
        }
    }

    /// The legend lines naming each equilibrium: `baseline E1: Concede/Hold`.
    fn equilibrium_key(&self) -> Vec<String> {
        self.slots
            .iter()
            .filter(|s| !s.name.is_empty())
            .map(|s| format!("{} {}: {}", self.columns[s.column], s.name, s.label))
            .collect()
    }
}

impl Chart for CompareChart {
    fn size(&self) -> (u32, u32) {
        let width = (420.0 + 110.0 * self.x_extent()).clamp(1000.0, 2400.0) as u32;
        let legend_lines = self.players.len() + self.outcomes.len().min(MAX_OUTCOME_COLOURS + 1) + self.slots.len();
        let height = (820 + 26 * legend_lines.saturating_sub(18)) as u32;
        (width, height)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let subtitle = format!("{} compared: expected payoffs and outcome probabilities per equilibrium", {
            let n = self.columns.len();
            if n == 1 {
                "1 column".to_string()
            } else {
                format!("{n} columns")
            }
        });
        let (plot, legend) = frame(root, &self.title, Some(&subtitle), 360)?;
        let (_, h) = plot.dim_in_pixel();
        let (top, bottom) = plot.split_vertically(h / 2);
        let positions = self.slot_positions();
        let x1 = self.x_extent();

        // Payoffs.
        let values: Vec<f64> =
            self.slots.iter().flat_map(|s| s.payoffs.iter().map(|p| p.1)).filter(|v| v.is_finite()).collect();
        let lo = values.iter().copied().fold(0.0f64, f64::min);
        let hi = values.iter().copied().fold(0.0f64, f64::max);
        let pad = ((hi - lo) * 0.15).max(0.5);
        let (y0, y1) = (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad);
        let mut chart = panel(&top, x1, y0..y1, "expected payoff")?;
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (x1, 0.0)], BLACK.stroke_width(1))))
            .map_err(chart_error)?;
        let n = self.players.len().max(1) as f64;
        let bar = 0.8 / n;
        for (s, &x) in self.slots.iter().zip(&positions) {
            for (i, (text, v)) in s.payoffs.iter().enumerate() {
                if !v.is_finite() {
                    continue;
                }
                let a = x + 0.1 + bar * i as f64;
                let c = player_colour(i);
                chart
                    .draw_series(std::iter::once(Rectangle::new([(a, 0.0), (a + bar, *v)], c.filled())))
                    .map_err(chart_error)?;
                // The exact value above (or below) the bar, if it fits the bar's width.
                let (left, _) = chart.backend_coord(&(a, 0.0));
                let (right, _) = chart.backend_coord(&(a + bar, 0.0));
                let width = (right - left).max(0) as u32 + 14;
                let (t, size) = fit_text(root, text, 12, width)?;
                if !t.ends_with('…') && !t.is_empty() {
                    let (px, py) = chart.backend_coord(&(a + bar / 2.0, *v));
                    let (vpos, dy) = if *v >= 0.0 { (VPos::Bottom, -3) } else { (VPos::Top, 3) };
                    let base = root.get_base_pixel();
                    root.draw(&Text::new(
                        t,
                        (px - base.0, py + dy - base.1),
                        (FONT, size).into_font().color(&BLACK).pos(Pos::new(HPos::Center, vpos)),
                    ))
                    .map_err(chart_error)?;
                }
            }
        }
        self.draw_x_labels(root, &chart, &positions, y0)?;

        // Outcome probabilities.
        let mut chart = panel(&bottom, x1, 0.0..1.0, "probability of each outcome")?;
        for (s, &x) in self.slots.iter().zip(&positions) {
            let mut base = 0.0;
            for &(o, p) in &s.outcomes {
                if p <= 0.0 {
                    continue;
                }
                let c = self.outcome_colour(o);
                let rect = [(x + 0.2, base), (x + 0.8, base + p)];
                chart.draw_series(std::iter::once(Rectangle::new(rect, c.filled()))).map_err(chart_error)?;
                chart.draw_series(std::iter::once(Rectangle::new(rect, WHITE.stroke_width(1)))).map_err(chart_error)?;
                base += p;
            }
        }
        self.draw_x_labels(root, &chart, &positions, 0.0)?;

        // Legend: players, outcomes, then the equilibria.
        let left = Pos::new(HPos::Left, VPos::Center);
        let (w, _) = legend.dim_in_pixel();
        let mut y = 30;
        let heading = |y: i32, text: &str| {
            legend.draw(&Text::new(text.to_string(), (10, y), (FONT, 16).into_font().color(&BLACK).pos(left)))
        };
        heading(y, "Payoff bars").map_err(chart_error)?;
        y += 26;
        let entry = |y: &mut i32, marker: Marker, text: &str| -> Result<()> {
            marker.draw(&legend, (24, *y))?;
            let (t, size) = fit_text(&legend, text, 13, w.saturating_sub(56))?;
            legend
                .draw(&Text::new(t, (46, *y), (FONT, size).into_font().color(&BLACK).pos(left)))
                .map_err(chart_error)?;
            *y += 24;
            Ok(())
        };
        for (i, p) in self.players.iter().enumerate() {
            entry(&mut y, Marker::Area(player_colour(i).to_rgba(), player_colour(i)), p)?;
        }
        y += 10;
        heading(y, "Outcomes").map_err(chart_error)?;
        y += 26;
        for (i, o) in self.outcomes.iter().enumerate().take(MAX_OUTCOME_COLOURS) {
            entry(&mut y, Marker::Area(self.outcome_colour(i).to_rgba(), self.outcome_colour(i)), o)?;
        }
        if self.outcomes.len() > MAX_OUTCOME_COLOURS {
            let c = self.outcome_colour(MAX_OUTCOME_COLOURS);
            entry(&mut y, Marker::Area(c.to_rgba(), c), "other outcomes")?;
        }
        y += 10;
        heading(y, "Equilibria").map_err(chart_error)?;
        y += 24;
        for line in self.equilibrium_key() {
            let (t, size) = fit_text(&legend, &line, 13, w.saturating_sub(20))?;
            legend
                .draw(&Text::new(t, (10, y), (FONT, size).into_font().color(&RGBColor(40, 40, 40)).pos(left)))
                .map_err(chart_error)?;
            y += 22;
        }
        Ok(())
    }
}

/// The axes of one panel: slots `0..x1` without x labels, `y` with the description `y_desc`.
fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x1: f64,
    y: std::ops::Range<f64>,
    y_desc: &str,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    let mut chart = ChartBuilder::on(area)
        .margin(16)
        .x_label_area_size(46)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..x1, y)
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(y_desc)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 15))
        .y_label_formatter(&tick)
        .light_line_style(RGBColor(245, 245, 245))
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()
        .map_err(chart_error)?;
    Ok(chart)
}

impl CompareChart {
    /// Slot names under the bars and column names under each group, below the x axis at `y_axis`.
    fn draw_x_labels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &ChartContext<
            DB,
            Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
        >,
        positions: &[f64],
        y_axis: f64,
    ) -> Result<()> {
        let base = root.get_base_pixel();
        let at = |x: f64| {
            let (px, py) = chart.backend_coord(&(x, y_axis));
            (px - base.0, py - base.1)
        };
        let top = Pos::new(HPos::Center, VPos::Top);
        for (s, &x) in self.slots.iter().zip(positions) {
            let (px, py) = at(x + 0.5);
            root.draw(&Text::new(s.name.clone(), (px, py + 4), (FONT, 12).into_font().color(&BLACK).pos(top)))
                .map_err(chart_error)?;
        }
        // Column names centred under their groups.
        let mut k = 0;
        while k < self.slots.len() {
            let c = self.slots[k].column;
            let end = self.slots[k..].iter().take_while(|s| s.column == c).count() + k;
            let (a, _) = at(positions[k]);
            let (b, py) = at(positions[end - 1] + 1.0);
            let (t, size) = fit_text(root, &self.columns[c], 14, (b - a).max(40) as u32 + 30)?;
            root.draw(&Text::new(t, ((a + b) / 2, py + 20), (FONT, size).into_font().color(&BLACK).pos(top)))
                .map_err(chart_error)?;
            k = end;
        }
        Ok(())
    }
}
