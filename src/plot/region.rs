//! The payoff-region chart of a two-player game ([`RegionChart`]): feasible set, individually
//! rational part, Pareto frontier, minmax point, Nash equilibria (pure and mixed marked
//! differently), the correlated equilibrium region and its welfare maximum, every pure profile
//! labelled, and the payoff sets of equilibrium components.
//!
//! Of a three-player game ([`RegionChart3`]): the feasible set's three pairwise projections side
//! by side, each with its vertices labelled, the projected pure payoff vectors, the correlated
//! minmax point, the Pareto-optimal vertices and the pure Nash payoffs.

use super::common::tick;
use super::common::{draw_axes, draw_labels, draw_legend, frame, Marker};
use super::labels::{sample_line, Rect};
use super::{chart_error, Chart, FONT};
use crate::analysis::geometry::{convex_hull, Point};
use crate::analysis::region::{PayoffRegion, PayoffRegion3};
use crate::error::Result;
use crate::game::NormalForm;
use crate::num::{fmt_q, to_f64, Q};
use plotters::coord::Shift;
use plotters::prelude::*;

const FEASIBLE_FILL: RGBColor = RGBColor(222, 222, 222);
const FEASIBLE_LINE: RGBColor = RGBColor(110, 110, 110);
const IR_FILL: RGBColor = RGBColor(140, 185, 235);
const IR_LINE: RGBColor = RGBColor(40, 100, 180);
const CE_FILL: RGBColor = RGBColor(250, 170, 70);
const CE_LINE: RGBColor = RGBColor(205, 100, 0);
const PARETO: RGBColor = RGBColor(0, 135, 65);
const NASH: RGBColor = RGBColor(210, 30, 30);
const WELFARE: RGBColor = RGBColor(120, 50, 170);
const COMPONENT: RGBColor = RGBColor(190, 20, 90);

/// A payoff-region chart, ready to draw.
#[derive(Debug, Clone)]
pub struct RegionChart {
    /// Chart title.
    pub title: String,
    /// Second line under the title (scenario, parameters), if any.
    pub subtitle: Option<String>,
    /// The two players' names (x axis, y axis).
    pub players: [String; 2],
    /// The analysis to draw.
    pub region: PayoffRegion,
    /// One label per pure profile (same order as `region.pure_payoffs`).
    pub profile_labels: Vec<String>,
}

/// A number for a chart label: exact if an integer, else two decimals.
fn short(x: &Q) -> String {
    if x.is_integer() {
        fmt_q(x)
    } else {
        let s = format!("{:.2}", to_f64(x));
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl RegionChart {
    /// The chart of `region` for `game`, with an optional subtitle.
    pub fn new(game: &NormalForm, region: PayoffRegion, subtitle: Option<String>) -> RegionChart {
        let name = |i: usize| game.players().get(i).map_or_else(|| format!("Player {}", i + 1), |p| p.name.clone());
        let players = [name(0), name(1)];
        let label =
            |i: usize, s: usize| game.players().get(i).and_then(|p| p.strategies.get(s)).map_or("?", String::as_str);
        let profile_labels = region
            .pure_payoffs
            .iter()
            .map(|(prof, _)| prof.iter().enumerate().map(|(i, &s)| label(i, s)).collect::<Vec<_>>().join("/"))
            .collect();
        RegionChart { title: format!("Payoff region: {}", game.title), subtitle, players, region, profile_labels }
    }

    /// Label texts grouped by payoff point (profiles with equal payoffs share one label).
    fn grouped_labels(&self) -> Vec<(Point, String)> {
        let mut groups: Vec<(Point, Vec<&str>)> = Vec::new();
        for ((_, p), label) in self.region.pure_payoffs.iter().zip(&self.profile_labels) {
            match groups.iter_mut().find(|(q, _)| q == p) {
                Some((_, v)) => v.push(label),
                None => groups.push((p.clone(), vec![label])),
            }
        }
        groups
            .into_iter()
            .map(|(p, names)| {
                let shown = if names.len() > 3 {
                    format!("{}, … (+{})", names[..2].join(", "), names.len() - 2)
                } else {
                    names.join(", ")
                };
                let text = format!("{shown} ({}, {})", short(&p.x), short(&p.y));
                (p, text)
            })
            .collect()
    }

    fn bounds(&self) -> ((f64, f64), (f64, f64)) {
        let pts = &self.region.feasible;
        let xs = pts.iter().map(|p| to_f64(&p.x));
        let ys = pts.iter().map(|p| to_f64(&p.y));
        let range = |v: Vec<f64>| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if !lo.is_finite() || !hi.is_finite() {
                return (-1.0, 1.0);
            }
            let pad = if hi > lo { (hi - lo) * 0.12 } else { 1.0 };
            (lo - pad, hi + pad)
        };
        (range(xs.collect()), range(ys.collect()))
    }

    fn legend(&self) -> (Vec<(Marker, String)>, Vec<String>) {
        let r = &self.region;
        let mut entries = vec![
            (Marker::Area(FEASIBLE_FILL.to_rgba(), FEASIBLE_LINE), "Feasible payoffs".to_string()),
            (Marker::Area(IR_FILL.mix(0.55), IR_LINE), "Individually rational".to_string()),
        ];
        if !r.correlated.region.is_empty() {
            entries.push((Marker::Area(CE_FILL.mix(0.5), CE_LINE), "Correlated equilibria".to_string()));
        }
        entries.extend([
            (Marker::Line(PARETO, 4), "Pareto frontier".to_string()),
            (Marker::Cross(BLACK, 6), "Minmax point (mixed)".to_string()),
        ]);
        if r.nash.iter().any(|n| n.pure) {
            entries.push((Marker::Dot(NASH, 7), "Pure Nash equilibrium".to_string()));
        }
        if r.nash.iter().any(|n| !n.pure) {
            entries.push((Marker::Ring(NASH, 7), "Mixed Nash equilibrium".to_string()));
        }
        let boxes = || r.components.iter().flat_map(|c| &c.boxes);
        if boxes().any(|b| b.kind() == "rectangle") {
            entries.push((Marker::Area(COMPONENT.mix(0.3), COMPONENT), "Equilibrium component payoffs".to_string()));
        } else if boxes().any(|b| b.kind() == "segment") {
            entries.push((Marker::Line(COMPONENT, 7), "Equilibrium component payoffs".to_string()));
        }
        entries.push((Marker::Triangle(WELFARE, 9), "Best CE for total payoff".to_string()));
        entries.push((Marker::Dot(BLACK, 3), "Pure profile".to_string()));
        let w = &r.correlated.welfare_max.payoffs;
        let mut notes = vec![
            format!(
                "Minmax: {} {}, {} {}",
                self.players[0],
                fmt_q(&r.minmax[0].mixed),
                self.players[1],
                fmt_q(&r.minmax[1].mixed)
            ),
            format!("Best CE payoffs: ({}, {})", fmt_q(&w[0]), fmt_q(&w[1])),
        ];
        let mut nash: Vec<String> = Vec::new();
        for n in &r.nash {
            let t = format!("({}, {})", fmt_q(&n.payoffs.x), fmt_q(&n.payoffs.y));
            if !nash.contains(&t) {
                nash.push(t);
            }
        }
        notes.push("Nash payoffs:".into());
        notes.extend(nash.into_iter().map(|t| format!("  {t}")));
        (entries, notes)
    }
}

fn to_px(p: &Point) -> (f64, f64) {
    (to_f64(&p.x), to_f64(&p.y))
}

/// Draws a possibly degenerate convex polygon: filled if it has an area, outlined always.
fn polygon<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    pts: &[Point],
    fill: RGBAColor,
    line: RGBColor,
    width: u32,
) -> Result<()> {
    let v: Vec<(f64, f64)> = pts.iter().map(to_px).collect();
    match v.len() {
        0 => Ok(()),
        1 => chart.draw_series(std::iter::once(Circle::new(v[0], 5, line.filled()))).map(|_| ()).map_err(chart_error),
        _ => {
            if v.len() >= 3 {
                chart.draw_series(std::iter::once(Polygon::new(v.clone(), fill.filled()))).map_err(chart_error)?;
            }
            let mut closed = v.clone();
            closed.push(v[0]);
            chart
                .draw_series(std::iter::once(PathElement::new(closed, line.stroke_width(width))))
                .map(|_| ())
                .map_err(chart_error)
        }
    }
}

impl Chart for RegionChart {
    fn size(&self) -> (u32, u32) {
        (1100, 760)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let (plot, legend) = frame(root, &self.title, self.subtitle.as_deref(), 300)?;
        let ((x0, x1), (y0, y1)) = self.bounds();
        let mut chart = ChartBuilder::on(&plot)
            .margin(12)
            .x_label_area_size(52)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(chart_error)?;
        draw_axes(&mut chart, &format!("{}'s payoff", self.players[0]), &format!("{}'s payoff", self.players[1]))?;
        let r = &self.region;
        polygon(&mut chart, &r.feasible, FEASIBLE_FILL.to_rgba(), FEASIBLE_LINE, 2)?;
        polygon(&mut chart, &r.individually_rational, IR_FILL.mix(0.55), IR_LINE, 2)?;
        polygon(&mut chart, &r.correlated.region, CE_FILL.mix(0.5), CE_LINE, 2)?;

        // Minmax guide lines: the boundaries of individual rationality.
        let (vx, vy) = (to_f64(&r.minmax[0].mixed), to_f64(&r.minmax[1].mixed));
        let guide = RGBColor(90, 90, 90).stroke_width(1);
        chart.draw_series(DashedLineSeries::new(vec![(vx, y0), (vx, y1)], 6, 5, guide)).map_err(chart_error)?;
        chart.draw_series(DashedLineSeries::new(vec![(x0, vy), (x1, vy)], 6, 5, guide)).map_err(chart_error)?;
        let pareto: Vec<(f64, f64)> = r.pareto.iter().map(to_px).collect();
        if pareto.len() >= 2 {
            chart.draw_series(LineSeries::new(pareto.clone(), PARETO.stroke_width(4))).map_err(chart_error)?;
        } else if let Some(&p) = pareto.first() {
            chart.draw_series(std::iter::once(Circle::new(p, 6, PARETO.filled()))).map_err(chart_error)?;
        }
        // Equilibrium components' payoff sets (segments and rectangles; points are Nash markers),
        // on top of the regions and lines they may run along.
        for b in r.components.iter().flat_map(|c| &c.boxes) {
            match b.kind() {
                "rectangle" => polygon(&mut chart, &b.polygon(), COMPONENT.mix(0.3), COMPONENT, 4)?,
                "segment" => {
                    let v: Vec<(f64, f64)> = b.polygon().iter().map(to_px).collect();
                    chart.draw_series(LineSeries::new(v, COMPONENT.stroke_width(7))).map_err(chart_error)?;
                }
                _ => {}
            }
        }
        // Markers, drawn in pixel space so that they have fixed sizes; remember their footprints.
        let mut obstacles = Vec::new();
        let mut markers: Vec<(Marker, (i32, i32))> = Vec::new();
        let px = |p: &Point| chart.backend_coord(&to_px(p));
        for (_, p) in &r.pure_payoffs {
            markers.push((Marker::Dot(BLACK, 3), px(p)));
        }
        for n in &r.nash {
            let m = if n.pure { Marker::Dot(NASH, 7) } else { Marker::Ring(NASH, 7) };
            markers.push((m, px(&n.payoffs)));
        }
        // Drawn last and open, so that they stay visible on top of a coinciding equilibrium.
        markers.push((Marker::Cross(BLACK, 6), chart.backend_coord(&(vx, vy))));
        let w_ce = &r.correlated.welfare_max.payoffs;
        markers.push((Marker::Triangle(WELFARE, 14), chart.backend_coord(&(to_f64(&w_ce[0]), to_f64(&w_ce[1])))));
        for (m, at) in &markers {
            m.draw(root, *at)?;
            obstacles.push(Rect::around(at.0, at.1, m.radius()));
        }
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let bounds = Rect { x: xr.start, y: yr.start, w: xr.end - xr.start, h: yr.end - yr.start };
        let items: Vec<((i32, i32), String)> = self.grouped_labels().into_iter().map(|(p, t)| (px(&p), t)).collect();
        let mut soft = Vec::new();
        for poly in [&r.feasible, &r.individually_rational, &r.correlated.region] {
            let mut line: Vec<(i32, i32)> = poly.iter().map(px).collect();
            if let Some(&first) = line.first() {
                line.push(first);
            }
            soft.extend(sample_line(&line, 6));
        }
        soft.extend(sample_line(&r.pareto.iter().map(px).collect::<Vec<_>>(), 6));
        for b in r.components.iter().flat_map(|c| &c.boxes) {
            let mut line: Vec<(i32, i32)> = b.polygon().iter().map(px).collect();
            if let Some(&first) = line.first() {
                line.push(first);
            }
            soft.extend(sample_line(&line, 6));
        }
        let guides = [[(vx, y0), (vx, y1)], [(x0, vy), (x1, vy)]];
        for g in guides {
            soft.extend(sample_line(&[chart.backend_coord(&g[0]), chart.backend_coord(&g[1])], 6));
        }
        draw_labels(root, &items, &obstacles, &soft, bounds)?;
        let (entries, notes) = self.legend();
        draw_legend(&legend, &entries, &notes)?;
        Ok(())
    }
}

/// A three-player payoff-region chart: three projection panels, ready to draw.
#[derive(Debug, Clone)]
pub struct RegionChart3 {
    /// Chart title.
    pub title: String,
    /// Second line under the title, if any.
    pub subtitle: Option<String>,
    /// The three players' names.
    pub players: [String; 3],
    /// The analysis to draw.
    pub region: PayoffRegion3,
}

impl RegionChart3 {
    /// The chart of `region` for the three-player `game`.
    pub fn new(game: &NormalForm, region: PayoffRegion3, subtitle: Option<String>) -> RegionChart3 {
        let name = |i: usize| game.players().get(i).map_or_else(|| format!("Player {}", i + 1), |p| p.name.clone());
        RegionChart3 {
            title: format!("Payoff region: {}", game.title),
            subtitle,
            players: [name(0), name(1), name(2)],
            region,
        }
    }

    fn legend(&self) -> (Vec<(Marker, String)>, Vec<String>) {
        let r = &self.region;
        let mut entries = vec![
            (Marker::Area(FEASIBLE_FILL.to_rgba(), FEASIBLE_LINE), "Feasible payoffs (projected)".to_string()),
            (Marker::Dot(BLACK, 3), "Pure profile".to_string()),
            (Marker::Cross(BLACK, 6), "Correlated minmax point".to_string()),
        ];
        if r.correlated.as_ref().is_some_and(|c| c.polytope.dimension.is_some()) {
            entries.push((Marker::Area(CE_FILL.mix(0.5), CE_LINE), "Correlated equilibria (projected)".to_string()));
        }
        if !r.pareto.is_empty() {
            entries.push((Marker::Ring(PARETO, 8), "Pareto-optimal vertex".to_string()));
        }
        if !r.nash.is_empty() {
            entries.push((Marker::Dot(NASH, 6), "Pure Nash equilibrium".to_string()));
        }
        if !r.mixed_nash.is_empty() {
            entries.push((Marker::Ring(NASH, 7), "Mixed Nash equilibrium".to_string()));
        }
        let vec_text = |v: &[Q]| format!("({})", v.iter().map(fmt_q).collect::<Vec<_>>().join(", "));
        let mut notes = vec![format!("Payoff vectors: ({})", self.players.join(", "))];
        let h = &r.hull;
        if h.dimension == Some(3) {
            notes.push(format!("3-D hull: {} vertices, {} facets", h.vertices.len(), h.facets.len()));
        }
        if let Some(c) = &r.correlated {
            let k = c.polytope.vertices.len();
            notes.push(format!("CE payoff polytope: {k} {}", if k == 1 { "vertex" } else { "vertices" }));
        }
        notes.push(format!(
            "Correlated minmax: {}",
            vec_text(&r.minmax.iter().map(|m| m.correlated.clone()).collect::<Vec<_>>())
        ));
        notes.push("Pareto-optimal vertices:".into());
        notes.extend(r.pareto.iter().take(6).map(|v| format!("  {}", vec_text(v))));
        if r.pareto.len() > 6 {
            notes.push(format!("  … and {} more", r.pareto.len() - 6));
        }
        let mut nash: Vec<String> = Vec::new();
        for n in &r.nash {
            let t = vec_text(&n.payoffs);
            if !nash.contains(&t) {
                nash.push(t);
            }
        }
        notes.push(if nash.is_empty() { "No pure Nash equilibrium".into() } else { "Pure Nash payoffs:".into() });
        notes.extend(nash.iter().take(6).map(|t| format!("  {t}")));
        if nash.len() > 6 {
            notes.push(format!("  … and {} more", nash.len() - 6));
        }
        let dec =
            |v: &[Q]| format!("({})", v.iter().map(|x| format!("{:.3}", to_f64(x))).collect::<Vec<_>>().join(", "));
        let mut mixed: Vec<String> = Vec::new();
        for n in &r.mixed_nash {
            let t = if num_traits::Zero::is_zero(&n.max_regret) {
                vec_text(&n.payoffs)
            } else {
                format!("~{}", dec(&n.payoffs))
            };
            if !mixed.contains(&t) {
                mixed.push(t);
            }
        }
        if !mixed.is_empty() {
            notes.push("Mixed Nash payoffs (~: certified decimals):".into());
            notes.extend(mixed.iter().take(6).map(|t| format!("  {t}")));
            if mixed.len() > 6 {
                notes.push(format!("  … and {} more", mixed.len() - 6));
            }
        }
        if r.mixed_nash_note.is_some() {
            notes.push("Mixed Nash: see the JSON's mixed_nash_note".into());
        }
        (entries, notes)
    }

    fn panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        root: &DrawingArea<DB, Shift>,
        k: usize,
    ) -> Result<()> {
        let r = &self.region;
        let Some(proj) = r.projections.get(k) else { return Ok(()) };
        let [a, b] = proj.players;
        let pts: Vec<Point> = r.pure_payoffs.iter().map(|(_, p)| Point::new(p[a].clone(), p[b].clone())).collect();
        let range = |v: Vec<f64>| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if !lo.is_finite() || !hi.is_finite() {
                return (-1.0, 1.0);
            }
            let pad = if hi > lo { (hi - lo) * 0.15 } else { 1.0 };
            (lo - pad, hi + pad)
        };
        let (x0, x1) = range(pts.iter().map(|p| to_f64(&p.x)).collect());
        let (y0, y1) = range(pts.iter().map(|p| to_f64(&p.y)).collect());
        let mut chart = ChartBuilder::on(area)
            .margin(10)
            .x_label_area_size(46)
            .y_label_area_size(52)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .x_desc(format!("{}'s payoff", self.players[a]))
            .y_desc(format!("{}'s payoff", self.players[b]))
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 15))
            .x_label_formatter(&tick)
            .y_label_formatter(&tick)
            .x_labels(6)
            .y_labels(8)
            .max_light_lines(1)
            .light_line_style(RGBColor(245, 245, 245))
            .bold_line_style(RGBColor(222, 222, 222))
            .draw()
            .map_err(chart_error)?;
        polygon(&mut chart, &proj.polygon, FEASIBLE_FILL.to_rgba(), FEASIBLE_LINE, 2)?;
        if let Some(c) = &r.correlated {
            // The CE payoff polytope's shadow on this pair of players: the hull of its projected
            // vertices.
            let shadow: Vec<Point> =
                c.polytope.vertices.iter().map(|v| Point::new(v[a].clone(), v[b].clone())).collect();
            polygon(&mut chart, &convex_hull(&shadow), CE_FILL.mix(0.5), CE_LINE, 2)?;
        }
        let (vx, vy) = (to_f64(&r.minmax[a].correlated), to_f64(&r.minmax[b].correlated));
        let guide = RGBColor(90, 90, 90).stroke_width(1);
        chart.draw_series(DashedLineSeries::new(vec![(vx, y0), (vx, y1)], 6, 5, guide)).map_err(chart_error)?;
        chart.draw_series(DashedLineSeries::new(vec![(x0, vy), (x1, vy)], 6, 5, guide)).map_err(chart_error)?;
        let px = |p: &Point| chart.backend_coord(&to_px(p));
        let mut markers: Vec<(Marker, (i32, i32))> = Vec::new();
        for p in &pts {
            markers.push((Marker::Dot(BLACK, 3), px(p)));
        }
        for v in &r.pareto {
            markers.push((Marker::Ring(PARETO, 8), px(&Point::new(v[a].clone(), v[b].clone()))));
        }
        // Many equilibria share a payoff pair (a continuum's vertices, duplicates across
        // reduced-form strategies): one marker each, so the chart does not depend on how many.
        let mut seen: Vec<(bool, (i32, i32))> = Vec::new();
        let pure = r.nash.iter().map(|n| (true, &n.payoffs));
        for (is_pure, p) in pure.chain(r.mixed_nash.iter().map(|n| (false, &n.payoffs))) {
            let at = px(&Point::new(p[a].clone(), p[b].clone()));
            if seen.contains(&(is_pure, at)) {
                continue;
            }
            seen.push((is_pure, at));
            markers.push((if is_pure { Marker::Dot(NASH, 6) } else { Marker::Ring(NASH, 7) }, at));
        }
        markers.push((Marker::Cross(BLACK, 6), chart.backend_coord(&(vx, vy))));
        let mut obstacles = Vec::new();
        for (m, at) in &markers {
            m.draw(root, *at)?;
            obstacles.push(Rect::around(at.0, at.1, m.radius()));
        }
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let bounds = Rect { x: xr.start, y: yr.start, w: xr.end - xr.start, h: yr.end - yr.start };
        let items: Vec<((i32, i32), String)> =
            proj.polygon.iter().map(|p| (px(p), format!("({}, {})", short(&p.x), short(&p.y)))).collect();
        let mut line: Vec<(i32, i32)> = proj.polygon.iter().map(px).collect();
        if let Some(&first) = line.first() {
            line.push(first);
        }
        let mut soft = sample_line(&line, 6);
        for g in [[(vx, y0), (vx, y1)], [(x0, vy), (x1, vy)]] {
            soft.extend(sample_line(&[chart.backend_coord(&g[0]), chart.backend_coord(&g[1])], 6));
        }
        draw_labels(root, &items, &obstacles, &soft, bounds)
    }
}

impl Chart for RegionChart3 {
    fn size(&self) -> (u32, u32) {
        (1600, 640)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let (plot, legend) = frame(root, &self.title, self.subtitle.as_deref(), 300)?;
        let panels = plot.split_evenly((1, 3));
        for (k, area) in panels.iter().enumerate() {
            self.panel(area, root, k)?;
        }
        let (entries, notes) = self.legend();
        draw_legend(&legend, &entries, &notes)
    }
}
