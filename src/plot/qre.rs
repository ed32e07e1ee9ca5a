//! The logit QRE chart: one panel per player, each strategy's probability along the principal
//! branch against `λ` on a logarithmic axis (`λ = 0`, uniform play, is off a log axis: the
//! curves start at the branch's first positive `λ`).

use super::common::{frame, tick};
use super::{chart_error, Chart, FONT};
use crate::error::Result;
use crate::solve::logit::QrePoint;
use plotters::coord::Shift;
use plotters::prelude::*;

const COLOURS: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

/// Probabilities along the logit branch, per player.
#[derive(Debug, Clone)]
pub struct QreChart {
    /// Chart title.
    pub title: String,
    /// Player names.
    pub players: Vec<String>,
    /// Strategy labels per player.
    pub strategies: Vec<Vec<String>>,
    /// The branch (ascending λ as traced).
    pub points: Vec<QrePoint>,
}

impl QreChart {
    fn columns(&self) -> usize {
        self.players.len().clamp(1, 3)
    }
}

impl Chart for QreChart {
    fn size(&self) -> (u32, u32) {
        let cols = self.columns() as u32;
        let rows = self.players.len().div_ceil(self.columns()).max(1) as u32;
        (40 + 420 * cols, 80 + 330 * rows)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let (plot, _) = frame(root, &self.title, Some("logit QRE, principal branch: probabilities against λ"), 0)?;
        let cols = self.columns();
        let rows = self.players.len().div_ceil(cols).max(1);
        let areas = plot.split_evenly((rows, cols));
        let positive: Vec<&QrePoint> = self.points.iter().filter(|p| p.lambda > 0.0).collect();
        let lo = positive.first().map_or(1e-2, |p| p.lambda);
        let hi = positive.last().map_or(1.0, |p| p.lambda).max(lo * 10.0);
        for (i, area) in areas.iter().enumerate().take(self.players.len()) {
            let mut chart = ChartBuilder::on(area)
                .margin(10)
                .caption(&self.players[i], (FONT, 16))
                .x_label_area_size(40)
                .y_label_area_size(48)
                .build_cartesian_2d((lo..hi).log_scale(), -0.02..1.02)
                .map_err(chart_error)?;
            chart
                .configure_mesh()
                .x_desc("λ (log scale)")
                .y_desc("probability")
                .label_style((FONT, 12))
                .axis_desc_style((FONT, 13))
                .x_label_formatter(&|v: &f64| format!("{v:.0e}"))
                .y_label_formatter(&tick)
                .light_line_style(RGBColor(245, 245, 245))
                .bold_line_style(RGBColor(222, 222, 222))
                .draw()
                .map_err(chart_error)?;
            let labels = self.strategies.get(i).cloned().unwrap_or_default();
            for (j, label) in labels.iter().enumerate() {
                let colour = COLOURS[j % COLOURS.len()];
                let line =
                    positive.iter().filter_map(|p| p.profile.get(i).and_then(|x| x.get(j)).map(|&y| (p.lambda, y)));
                chart
                    .draw_series(LineSeries::new(line, colour.stroke_width(2)))
                    .map_err(chart_error)?
                    .label(label.clone())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2)));
            }
            chart
                .configure_series_labels()
                .label_font((FONT, 12))
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(200, 200, 200))
                .position(SeriesLabelPosition::MiddleRight)
                .draw()
                .map_err(chart_error)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::fixtures::chicken;
    use crate::solve::logit::branch;

    #[test]
    fn renders_an_svg_with_every_strategy() {
        let g = chicken();
        let chart = QreChart {
            title: "chicken".into(),
            players: vec!["A".into(), "B".into()],
            strategies: vec![vec!["Swerve".into(), "Straight".into()]; 2],
            points: branch(&g, 5.0).unwrap(),
        };
        let svg = crate::plot::render_svg(&chart).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("Straight") && svg.contains("λ (log scale)"));
    }
}
