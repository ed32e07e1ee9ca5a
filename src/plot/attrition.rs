//! War-of-attrition charts: for each scenario, a panel with the survival curve (probability
//! that the standoff is still on after `t` periods) and each side's per-period concession
//! probability (given the standoff is still on). Several scenarios are drawn side by side on
//! the same axes, with one shared legend.

use super::common::{draw_legend, frame, tick, Marker};
use super::{chart_error, Chart, FONT};
use crate::analysis::attrition::ConcessionAnalysis;
use crate::error::Result;
use crate::num::to_f64;
use plotters::coord::Shift;
use plotters::prelude::*;

const SURVIVAL: RGBColor = RGBColor(30, 30, 30);
const SIDES: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
];

/// The most scenarios drawn side by side.
pub const MAX_PANELS: usize = 4;

/// A war-of-attrition chart (floats: drawing only).
#[derive(Debug, Clone)]
pub struct AttritionChart {
    title: String,
    players: Vec<String>,
    /// Per panel: label, survival after each period, concession per player per period.
    panels: Vec<(String, Vec<f64>, Vec<Vec<f64>>)>,
    notes: Vec<String>,
}

impl AttritionChart {
    /// A chart of `(label, analysis)` per scenario (at most [`MAX_PANELS`] are drawn).
    pub fn new(scenarios: &[(String, ConcessionAnalysis)]) -> AttritionChart {
        let players = scenarios.first().map(|(_, a)| a.players.clone()).unwrap_or_default();
        let mut notes = Vec::new();
        if scenarios.len() > MAX_PANELS {
            notes.push(format!("{} of {} scenarios shown", MAX_PANELS, scenarios.len()));
        }
        let panels = scenarios
            .iter()
            .take(MAX_PANELS)
            .map(|(label, a)| {
                let survival = a.periods.iter().map(|p| to_f64(&p.survival)).collect();
                let concede = (0..a.players.len())
                    .map(|i| a.periods.iter().map(|p| p.concede.get(i).map_or(0.0, to_f64)).collect())
                    .collect();
                (label.clone(), survival, concede)
            })
            .collect();
        notes.push("concession: given the standoff".into());
        notes.push("is still on at the period's start".into());
        AttritionChart { title: "Who concedes first: survival and concession".into(), players, panels, notes }
    }

    fn legend(&self) -> Vec<(Marker, String)> {
        let mut out = vec![(Marker::Line(SURVIVAL, 3), "still on after period t".to_string())];
        for (i, p) in self.players.iter().enumerate() {
            out.push((Marker::Line(SIDES[i % SIDES.len()], 3), format!("{p} concedes in period t")));
        }
        out
    }
}

impl Chart for AttritionChart {
    fn size(&self) -> (u32, u32) {
        let k = self.panels.len().max(1) as u32;
        (300 + 460 * k, 560)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let (plot, legend) = frame(root, &self.title, None, 280)?;
        let k = self.panels.len().max(1);
        let areas = plot.split_evenly((1, k));
        for ((label, survival, concede), area) in self.panels.iter().zip(&areas) {
            let last = survival.len().saturating_sub(1) as f64;
            let pad = (last * 0.03).max(0.3);
            let mut chart = ChartBuilder::on(area)
                .margin(12)
                .caption(label, (FONT, 16))
                .x_label_area_size(46)
                .y_label_area_size(56)
                .build_cartesian_2d(-pad..last + pad, -0.04..1.06)
                .map_err(chart_error)?;
            chart
                .configure_mesh()
                .x_desc("period t")
                .y_desc("probability")
                .label_style((FONT, 13))
                .axis_desc_style((FONT, 15))
                .x_label_formatter(&|v: &f64| if v.fract() == 0.0 { tick(v) } else { String::new() })
                .y_label_formatter(&|v: &f64| if *v < 0.0 || *v > 1.0 { String::new() } else { tick(v) })
                .max_light_lines(1)
                .light_line_style(RGBColor(245, 245, 245))
                .bold_line_style(RGBColor(222, 222, 222))
                .draw()
                .map_err(chart_error)?;
            // Survival after period t, and each side's concession in period t, at x = t.
            let dots = survival.len() <= 60;
            // (points, colour, line width, dot radius)
            type Series = (Vec<(f64, f64)>, RGBColor, u32, i32);
            let mut series: Vec<Series> = Vec::new();
            let pts = |v: &[f64]| v.iter().enumerate().map(|(t, p)| (t as f64, *p)).collect::<Vec<_>>();
            for (i, c) in concede.iter().enumerate() {
                // Earlier sides' dots are larger, so that coinciding dots stay visible.
                series.push((pts(c), SIDES[i % SIDES.len()], 3, 8 - 2 * (i.min(2) as i32)));
            }
            // Survival on top, thin, with small dots: visible even where it meets a side's line.
            series.push((pts(survival), SURVIVAL, 2, 3));
            for (pts, colour, width, r) in &series {
                chart.draw_series(LineSeries::new(pts.clone(), colour.stroke_width(*width))).map_err(chart_error)?;
                if dots {
                    chart.draw_series(pts.iter().map(|&p| Circle::new(p, *r, colour.filled()))).map_err(chart_error)?;
                }
            }
        }
        draw_legend(&legend, &self.legend(), &self.notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::attrition::concession;
    use crate::game::multistage::tests::attrition;
    use crate::num::frac;
    use crate::solve::tree::multistage::{solve_multistage, Selection};

    #[test]
    fn draws_side_by_side_panels() {
        let mut scenarios = Vec::new();
        for terminal in [[0, 0], [0, 10]] {
            let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, terminal);
            let spe = solve_multistage(&g, Selection::Mixed).unwrap().spes.remove(0);
            scenarios.push((format!("{terminal:?}"), concession(&g, &spe).unwrap()));
        }
        let chart = AttritionChart::new(&scenarios);
        assert_eq!(chart.size().0, 300 + 920);
        let svg = super::super::render_svg(&chart).unwrap();
        assert!(svg.contains("US concedes in period t") && svg.contains("[0, 10]"), "legend or panel missing");
        let rgb = super::super::render_rgb(&chart).unwrap();
        assert!(rgb.chunks(3).filter(|p| p[0] < 100 && p[2] > 150).count() > 100, "no blue series drawn");
    }
}
