//! Pieces shared by the charts: fitted titles, markers, legends, point labels.

use super::labels::{self, Rect};
use super::{chart_error, FONT};
use crate::error::Result;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A marker shape, used both on the chart and in the legend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Marker {
    /// A filled circle.
    Dot(RGBColor, i32),
    /// A ring (hollow circle) with a thick stroke.
    Ring(RGBColor, i32),
    /// A diagonal cross.
    Cross(RGBColor, i32),
    /// A hollow upward triangle with a thick stroke: drawn around whatever lies beneath it.
    Triangle(RGBColor, i32),
    /// A filled area swatch (legend only), with its outline colour.
    Area(RGBAColor, RGBColor),
    /// A line swatch (legend only) with a stroke width.
    Line(RGBColor, u32),
    /// A dashed line swatch (legend only).
    Dashed(RGBColor),
    /// A line swatch in a player's [`Stroke`] (dashes and mark), with a stroke width (legend only).
    Series(RGBColor, u32, Stroke),
}

/// The mark drawn along a player's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A filled dot.
    Dot,
    /// A ring (white inside), drawn smaller than a dot so that a dot beneath shows around it.
    Ring,
    /// A hollow triangle.
    Triangle,
    /// A diagonal cross.
    Cross,
}

/// How one player's line is drawn, so that lines of different players that coincide stay
/// distinguishable: the first player solid with dots, the second dashed with rings, the third
/// dotted with triangles, the fourth dash-dotted with crosses (then again, with longer dashes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stroke {
    /// Dash length and gap in pixels; `None` for a solid line.
    pub dash: Option<(u32, u32)>,
    /// The mark along the line.
    pub mark: Mark,
}

/// The [`Stroke`] of player `i` (0-based).
pub fn player_stroke(i: usize) -> Stroke {
    let round = (i / 4) as u32;
    match i % 4 {
        0 if round == 0 => Stroke { dash: None, mark: Mark::Dot },
        0 => Stroke { dash: Some((14 + 4 * round, 3)), mark: Mark::Dot },
        1 => Stroke { dash: Some((8 + 4 * round, 5)), mark: Mark::Ring },
        2 => Stroke { dash: Some((2, 4 + round)), mark: Mark::Triangle },
        _ => Stroke { dash: Some((10 + 4 * round, 4 + round)), mark: Mark::Cross },
    }
}

impl Stroke {
    /// The stroke's mark in colour `c`, about `r` pixels in radius (rings are smaller than dots).
    pub fn marker(&self, c: RGBColor, r: i32) -> Marker {
        match self.mark {
            Mark::Dot => Marker::Dot(c, r),
            Mark::Ring => Marker::Ring(c, (r * 2 / 3).max(3)),
            Mark::Triangle => Marker::Triangle(c, r),
            Mark::Cross => Marker::Cross(c, (r * 3 / 4).max(3)),
        }
    }

    /// Draws the polyline `pts` (pixels of `area`) in this stroke's dash pattern (no marks).
    pub fn draw_line<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        pts: &[(i32, i32)],
        style: ShapeStyle,
    ) -> Result<()> {
        match self.dash {
            None => area.draw(&PathElement::new(pts.to_vec(), style)).map_err(chart_error),
            Some((on, off)) => {
                for piece in dashes(pts, on as f64, off as f64) {
                    area.draw(&PathElement::new(piece, style)).map_err(chart_error)?;
                }
                Ok(())
            }
        }
    }
}

/// Splits a polyline into dashes `on` pixels long separated by `off`-pixel gaps; the pattern runs
/// on across vertices, so dashes do not restart at every point of a finely sampled curve.
pub fn dashes(pts: &[(i32, i32)], on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let mut out: Vec<Vec<(i32, i32)>> = Vec::new();
    let period = (on + off).max(1.0);
    let mut phase = 0.0f64; // position within the current period
    let mut current: Vec<(i32, i32)> = Vec::new();
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let len = dx.hypot(dy);
        let at = |t: f64| ((f64::from(a.0) + dx * t).round() as i32, (f64::from(a.1) + dy * t).round() as i32);
        let mut done = 0.0f64;
        while done < len - 1e-9 {
            let drawing = phase < on;
            let left_in_state = if drawing { on - phase } else { period - phase };
            let step = left_in_state.min(len - done);
            if drawing {
                if current.is_empty() {
                    current.push(at(done / len));
                }
                current.push(at((done + step) / len));
            }
            done += step;
            phase += step;
            if drawing && phase >= on - 1e-9 {
                out.push(std::mem::take(&mut current));
            }
            if phase >= period - 1e-9 {
                phase = 0.0;
            }
        }
    }
    if current.len() >= 2 {
        out.push(current);
    }
    out.retain(|d| d.len() >= 2);
    out
}

impl Marker {
    /// Half the side of the marker's footprint, for label avoidance.
    pub fn radius(&self) -> i32 {
        match *self {
            Marker::Dot(_, r) | Marker::Ring(_, r) | Marker::Cross(_, r) | Marker::Triangle(_, r) => r + 2,
            Marker::Area(..) | Marker::Line(..) | Marker::Dashed(..) | Marker::Series(..) => 8,
        }
    }

    /// Draws the marker centred at pixel `(x, y)` of `area`.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, (x, y): (i32, i32)) -> Result<()> {
        match *self {
            Marker::Dot(c, r) => {
                area.draw(&Circle::new((x, y), r, c.filled())).map_err(chart_error)?;
                area.draw(&Circle::new((x, y), r, BLACK.stroke_width(1))).map_err(chart_error)
            }
            Marker::Ring(c, r) => {
                area.draw(&Circle::new((x, y), r, WHITE.filled())).map_err(chart_error)?;
                area.draw(&Circle::new((x, y), r, c.stroke_width(3))).map_err(chart_error)
            }
            Marker::Cross(c, r) => {
                let style = c.stroke_width(3);
                area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], style)).map_err(chart_error)?;
                area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], style)).map_err(chart_error)
            }
            Marker::Triangle(c, r) => {
                let pts = vec![(x, y - r), (x + r, y + r * 3 / 4), (x - r, y + r * 3 / 4), (x, y - r)];
                area.draw(&PathElement::new(pts, c.stroke_width(3))).map_err(chart_error)
            }
            Marker::Area(fill, line) => {
                area.draw(&Rectangle::new([(x - 12, y - 8), (x + 12, y + 8)], fill.filled())).map_err(chart_error)?;
                area.draw(&Rectangle::new([(x - 12, y - 8), (x + 12, y + 8)], line.stroke_width(2)))
                    .map_err(chart_error)
            }
            Marker::Line(c, w) => {
                area.draw(&PathElement::new(vec![(x - 13, y), (x + 13, y)], c.stroke_width(w))).map_err(chart_error)
            }
            Marker::Series(c, w, stroke) => {
                stroke.draw_line(area, &[(x - 16, y), (x + 16, y)], c.stroke_width(w))?;
                stroke.marker(c, 5).draw(area, (x, y))
            }
            Marker::Dashed(c) => {
                for x0 in [x - 13, x - 1, x + 11] {
                    let x1 = (x0 + 7).min(x + 13);
                    area.draw(&PathElement::new(vec![(x0, y), (x1, y)], c.stroke_width(2))).map_err(chart_error)?;
                }
                Ok(())
            }
        }
    }
}

/// The largest font size (from `size` down to 11) at which `text` fits in `max_width` pixels,
/// and the text itself, shortened with an ellipsis if even the smallest size is too wide.
pub fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    size: u32,
    max_width: u32,
) -> Result<(String, u32)> {
    let mut s = size;
    loop {
        let (w, _) = area.estimate_text_size(text, &TextStyle::from((FONT, s).into_font())).map_err(chart_error)?;
        if w <= max_width {
            return Ok((text.to_string(), s));
        }
        if s <= 11 {
            break;
        }
        s -= 1;
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let t: String = chars.iter().collect::<String>() + "…";
        let (w, _) = area.estimate_text_size(&t, &TextStyle::from((FONT, s).into_font())).map_err(chart_error)?;
        if w <= max_width {
            return Ok((t, s));
        }
    }
    Ok((String::new(), s))
}

/// Draws a centred title (and an optional smaller subtitle below it) at the top of `root`;
/// returns the height used.
pub fn draw_title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: Option<&str>,
) -> Result<i32> {
    let (w, _) = root.dim_in_pixel();
    let center = Pos::new(HPos::Center, VPos::Top);
    let (t, size) = fit_text(root, title, 24, w.saturating_sub(30))?;
    root.draw(&Text::new(t, (w as i32 / 2, 10), (FONT, size).into_font().color(&BLACK).pos(center)))
        .map_err(chart_error)?;
    let mut used = 10 + size as i32 + 8;
    if let Some(sub) = subtitle {
        let (t, size) = fit_text(root, sub, 15, w.saturating_sub(30))?;
        root.draw(&Text::new(
            t,
            (w as i32 / 2, used),
            (FONT, size).into_font().color(&RGBColor(70, 70, 70)).pos(center),
        ))
        .map_err(chart_error)?;
        used += size as i32 + 8;
    }
    Ok(used)
}

/// The standard chart frame: a white page with the title (and subtitle) on top, and below it
/// the plot area on the left and a legend panel `legend_width` pixels wide on the right.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: Option<&str>,
    legend_width: i32,
) -> Result<(DrawingArea<DB, Shift>, DrawingArea<DB, Shift>)> {
    root.fill(&WHITE).map_err(chart_error)?;
    let top = draw_title(root, title, subtitle)?;
    let (w, _) = root.dim_in_pixel();
    let body = root.margin(top as u32, 10, 10, 10);
    Ok(body.split_horizontally(w as i32 - 20 - legend_width))
}

/// Draws a legend (marker, then text) in `area`, one entry per row from the top, followed by
/// free-text `notes` lines. Long texts are shrunk or shortened to fit the area's width.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(Marker, String)],
    notes: &[String],
) -> Result<()> {
    let (w, _) = area.dim_in_pixel();
    let left = Pos::new(HPos::Left, VPos::Center);
    let mut y = 30;
    area.draw(&Text::new("Legend", (10, y), (FONT, 17).into_font().color(&BLACK).pos(left))).map_err(chart_error)?;
    y += 30;
    for (marker, text) in entries {
        marker.draw(area, (24, y))?;
        let (t, size) = fit_text(area, text, 14, w.saturating_sub(56))?;
        area.draw(&Text::new(t, (46, y), (FONT, size).into_font().color(&BLACK).pos(left))).map_err(chart_error)?;
        y += 28;
    }
    y += 12;
    for note in notes {
        let (t, size) = fit_text(area, note, 13, w.saturating_sub(20))?;
        area.draw(&Text::new(t, (10, y), (FONT, size).into_font().color(&RGBColor(40, 40, 40)).pos(left)))
            .map_err(chart_error)?;
        y += 20;
    }
    Ok(())
}

/// Draws text labels next to anchor pixels on `root` without overlaps (see [`labels::place`]),
/// inside `bounds`, avoiding `obstacles` (markers) and, where possible, `soft` ones (lines); labels away from their anchor get a leader line.
pub fn draw_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: &[((i32, i32), String)],
    obstacles: &[Rect],
    soft: &[Rect],
    bounds: Rect,
) -> Result<()> {
    let font = (FONT, 14).into_font();
    let mut sizes = Vec::with_capacity(items.len());
    for (_, text) in items {
        let (w, h) = root.estimate_text_size(text, &TextStyle::from(font.clone())).map_err(chart_error)?;
        sizes.push((w as i32 + 6, h as i32 + 4));
    }
    let anchors: Vec<(i32, i32)> = items.iter().map(|(a, _)| *a).collect();
    let placements = labels::place(&anchors, &sizes, obstacles, soft, bounds);
    for ((anchor, text), p) in items.iter().zip(&placements) {
        let r = p.rect;
        if p.leader {
            let target = (anchor.0.clamp(r.x, r.x + r.w), r.y + r.h / 2);
            root.draw(&PathElement::new(vec![*anchor, target], RGBColor(120, 120, 120).stroke_width(1)))
                .map_err(chart_error)?;
        }
        root.draw(&Rectangle::new([(r.x, r.y), (r.x + r.w, r.y + r.h)], WHITE.mix(0.85).filled()))
            .map_err(chart_error)?;
        root.draw(&Text::new(
            text.clone(),
            (r.x + 3, r.y + r.h / 2),
            font.clone().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(chart_error)?;
    }
    Ok(())
}

/// Draws the standard axes of the payoff charts: descriptions, exact-looking tick labels and a
/// light grid.
pub fn draw_axes<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    x_desc: &str,
    y_desc: &str,
) -> Result<()> {
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .max_light_lines(1)
        .light_line_style(RGBColor(245, 245, 245))
        .bold_line_style(RGBColor(222, 222, 222))
        .draw()
        .map_err(chart_error)
}

/// Pixel position of data point `p` relative to the plotting area `pa` of `chart` (for drawing
/// in pixels on `chart.plotting_area().strip_coord_spec()`).
pub fn px<DB: DrawingBackend>(
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    pa: &DrawingArea<DB, Shift>,
    p: (f64, f64),
) -> (i32, i32) {
    let (bx, by) = chart.backend_coord(&p);
    let (ox, oy) = pa.get_base_pixel();
    (bx - ox, by - oy)
}

/// Tick labels without a useless `.0`: `7`, `2.5`, `-0.25`.
pub fn tick(v: &f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}
