//! War-of-attrition charts: for each scenario, a panel with the survival curve (probability
//! that the standoff is still on after `t` periods) and each side's per-period concession
//! probability (given the standoff is still on). Several scenarios are drawn side by side on
//! the same axes, with one shared legend.

use super::common::{draw_legend, frame, player_stroke, px, tick, Marker};
use super::{chart_error, Chart, FONT};
use crate::analysis::attrition::ConcessionAnalysis;
use crate::error::Result;
use crate::game::multistage::Multistage;
use crate::num::{to_f64, Q};
use num_traits::{One, Zero};
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
            out.push((
                Marker::Series(SIDES[i % SIDES.len()], 3, player_stroke(i)),
                format!("{p} concedes in period t"),
            ));
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
            // Survival after period t, and each side's concession in period t, at x = t. The
            // sides' lines often coincide (a symmetric war): each side has its own dashes and
            // marks (solid with dots, dashed with rings drawn inside the dots, ...).
            let dots = survival.len() <= 60;
            let pa = chart.plotting_area().strip_coord_spec();
            let pts = |v: &[f64]| v.iter().enumerate().map(|(t, p)| (t as f64, *p)).collect::<Vec<_>>();
            for (i, c) in concede.iter().enumerate() {
                let colour = SIDES[i % SIDES.len()];
                let stroke = player_stroke(i);
                let pixels: Vec<(i32, i32)> = pts(c).into_iter().map(|p| px(&chart, &pa, p)).collect();
                stroke.draw_line(&pa, &pixels, colour.stroke_width(3))?;
                if dots {
                    for &p in &pixels {
                        stroke.marker(colour, 7).draw(&pa, p)?;
                    }
                }
            }
            // Survival on top, thin, with small dots: visible even where it meets a side's line.
            let survival = pts(survival);
            chart.draw_series(LineSeries::new(survival.clone(), SURVIVAL.stroke_width(2))).map_err(chart_error)?;
            if dots {
                chart
                    .draw_series(survival.iter().map(|&p| Circle::new(p, 3, SURVIVAL.filled())))
                    .map_err(chart_error)?;
            }
        }
        draw_legend(&legend, &self.legend(), &self.notes)
    }
}

/// The panel title of a scenario's SPE of kind `kind` (as the solver names it: `mixed`,
/// `pure: Hold, Concede`, `combination 2`): `"deadline_dprk (pure SPE)"`. The `mixed` selection
/// takes the most mixed stage equilibrium in every period, which is pure when no stage game has a
/// mixed equilibrium (a deadline unravels the war): such an SPE is called pure, and mixed only
/// when it mixes. Concession probabilities show mixing exactly when each side has at most one stop
/// and one other action; otherwise the panel just says "SPE".
pub fn panel_label(scenario: &str, kind: &str, game: &Multistage, analysis: &ConcessionAnalysis) -> String {
    if kind != "mixed" {
        return format!("{scenario} ({kind} SPE)");
    }
    let strictly_between = |q: &Q| !q.is_zero() && !q.is_one();
    let concession_mixes = analysis.periods.iter().any(|p| p.concede.iter().any(strictly_between));
    let binary = game.players().iter().enumerate().all(|(i, p)| {
        let stops = game.stop_actions(i).len();
        stops <= 1 && p.strategies.len() - stops <= 1
    });
    let what = match (concession_mixes, binary) {
        (true, _) => "mixed SPE",
        (false, true) => "pure SPE",
        (false, false) => "SPE",
    };
    format!("{scenario} ({what})")
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

    #[test]
    fn panel_says_mixed_only_when_the_spe_mixes() {
        // No deadline: the stationary mixed SPE concedes with probability 1/6 a month.
        // A deadline prize for the DPRK: the `mixed` selection's SPE is pure (the US concedes at once).
        let mut labels = Vec::new();
        for terminal in [[0, 0], [0, 10]] {
            let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, terminal);
            let spe = solve_multistage(&g, Selection::Mixed).unwrap().spes.remove(0);
            assert_eq!(spe.kind, "mixed");
            labels.push(panel_label("s", &spe.kind, &g, &concession(&g, &spe).unwrap()));
        }
        assert_eq!(labels, vec!["s (mixed SPE)", "s (pure SPE)"]);
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, [0, 0]);
        let sol = solve_multistage(&g, Selection::Default).unwrap();
        let pure = sol.spes.iter().find(|s| s.kind.starts_with("pure")).unwrap();
        let label = panel_label("s", &pure.kind, &g, &concession(&g, pure).unwrap());
        assert!(label.starts_with("s (pure: ") && label.ends_with(" SPE)"), "{label}");
    }

    #[test]
    fn the_two_sides_are_drawn_in_different_styles() {
        // Symmetric war: both sides concede with probability 1/6 every month, so their lines
        // coincide; they must differ in more than colour.
        let (a, b) = (player_stroke(0), player_stroke(1));
        assert_ne!(a.dash, b.dash);
        assert_ne!(a.mark, b.mark);
        let chart = AttritionChart::new(&[("s".to_string(), {
            let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, [0, 0]);
            let spe = solve_multistage(&g, Selection::Mixed).unwrap().spes.remove(0);
            concession(&g, &spe).unwrap()
        })]);
        let legend = chart.legend();
        assert!(matches!(legend[1].0, Marker::Series(_, _, s) if s == a));
        assert!(matches!(legend[2].0, Marker::Series(_, _, s) if s == b));
        // Both colours show where the lines coincide (the DPRK's rings sit inside the US's dots).
        let rgb = super::super::render_rgb(&chart).unwrap();
        let count = |c: RGBColor| rgb.chunks(3).filter(|p| p[0] == c.0 && p[1] == c.1 && p[2] == c.2).count();
        assert!(count(SIDES[0]) > 200 && count(SIDES[1]) > 200, "{} {}", count(SIDES[0]), count(SIDES[1]));
    }
}
