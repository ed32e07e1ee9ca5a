//! Text layout and rasterization from the embedded DejaVu Sans, for every chart backend.
//!
//! plotters' own `ab_glyph` text path drops each glyph's left side bearing, truncates the pen
//! position to whole pixels glyph by glyph and scales the font so that ascent + descent (not the
//! em) equals the size; PNG text therefore came out unevenly spaced ("Block ade") and larger
//! than the same text in the SVG. [`Glyphs`] wraps a backend and does text itself:
//!
//! - **measuring** (both backends): glyph advances plus kerning at the em size the SVG backend
//!   writes (`font-size = size / 1.24`), so label boxes and fitted titles match what is drawn;
//! - **drawing** (bitmap backends only): glyphs placed at fractional pen positions with their side
//!   bearings and kerning, on a baseline placed as the SVG backend places it (`dy = 0.76em` for
//!   top-anchored text, `±0.5ex` for centred and bottom-anchored text), rotations included. SVG
//!   text stays `<text>`, drawn by the viewer with the font stack in [`super::FONT`].

use super::DEJAVU_SANS;
use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};
use std::sync::OnceLock;

/// plotters' font sizes are 1.24 times the em (the SVG backend writes `size / 1.24` as font-size).
const SIZE_PER_EM: f64 = 1.24;
/// The SVG backend's baseline offset of top-anchored text, in ems.
const TOP_BASELINE: f32 = 0.76;
/// DejaVu Sans's x-height (OS/2 sxHeight 1120 of 2048 units), in ems: `0.5ex` centres text.
const X_HEIGHT: f32 = 1120.0 / 2048.0;

fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(DEJAVU_SANS).ok()).as_ref()
}

/// The ab_glyph scale whose em is `em` pixels.
fn scale_for_em(font: &FontRef<'_>, em: f32) -> PxScale {
    let upm = font.units_per_em().unwrap_or(2048.0);
    PxScale::from(em * font.height_unscaled() / upm)
}

/// A line of text laid out at an em size: each glyph and its pen position, and the total advance.
pub(crate) struct Line {
    /// Glyphs and their pen x positions (pixels from the start of the line).
    pub glyphs: Vec<(GlyphId, f32)>,
    /// Total advance width in pixels.
    pub width: f32,
    scale: PxScale,
}

/// Lays out `text` at plotters font size `size`: advances and pair kerning, fractional positions.
pub(crate) fn layout(text: &str, size: f64) -> Option<Line> {
    let font = font()?;
    let scale = scale_for_em(font, (size / SIZE_PER_EM) as f32);
    let scaled = font.as_scaled(scale);
    let mut glyphs = Vec::with_capacity(text.len());
    let mut x = 0f32;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        glyphs.push((id, x));
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    Some(Line { glyphs, width: x, scale })
}

/// Width and height in pixels of `text` at plotters font size `size` (height: one em).
pub(crate) fn text_size(text: &str, size: f64) -> (u32, u32) {
    let em = size / SIZE_PER_EM;
    let width = layout(text, size).map_or(0.0, |l| l.width);
    (width.ceil() as u32, em.round() as u32)
}

/// The covered pixels of `text` drawn with its anchor at the origin, unrotated: `(x, y, coverage)`.
pub(crate) fn raster(text: &str, size: f64, h: HPos, v: VPos) -> Vec<(i32, i32, f32)> {
    let (Some(font), Some(line)) = (font(), layout(text, size)) else { return Vec::new() };
    let em = (size / SIZE_PER_EM) as f32;
    let dx = match h {
        HPos::Left => 0.0,
        HPos::Center => -line.width / 2.0,
        HPos::Right => -line.width,
    };
    let baseline = match v {
        VPos::Top => TOP_BASELINE * em,
        VPos::Center => 0.5 * X_HEIGHT * em,
        VPos::Bottom => -0.5 * X_HEIGHT * em,
    };
    let mut out = Vec::new();
    for &(id, x) in &line.glyphs {
        let glyph = id.with_scale_and_position(line.scale, point(dx + x, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            let (x0, y0) = (b.min.x as i32, b.min.y as i32);
            outline.draw(|px, py, c| {
                if c > 0.0 {
                    out.push((x0 + px as i32, y0 + py as i32, c.min(1.0)));
                }
            });
        }
    }
    out
}

/// A backend wrapper that measures text with [`text_size`] and, when `rasterize` is set, draws it
/// with [`raster`]; everything else goes to the wrapped backend unchanged.
pub struct Glyphs<B> {
    inner: B,
    rasterize: bool,
}

impl<B: DrawingBackend> Glyphs<B> {
    /// Wraps a vector backend: text is measured here and written by the backend as text.
    pub fn measuring(inner: B) -> Glyphs<B> {
        Glyphs { inner, rasterize: false }
    }

    /// Wraps a bitmap backend: text is measured and rasterized here.
    pub fn rasterizing(inner: B) -> Glyphs<B> {
        Glyphs { inner, rasterize: true }
    }
}

impl<B: DrawingBackend> DrawingBackend for Glyphs<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, (iw, ih), src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_size(text, style.size()))
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if !self.rasterize {
            return self.inner.draw_text(text, style, pos);
        }
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let trans: FontTransform = style.transform();
        let (w, h) = self.inner.get_size();
        for (x, y, c) in raster(text, style.size(), anchor.h_pos, anchor.v_pos) {
            let (tx, ty) = trans.transform(x, y);
            let (px, py) = (pos.0 + tx, pos.1 + ty);
            if px >= 0 && py >= 0 && (px as u32) < w && (py as u32) < h {
                self.inner.draw_pixel((px, py), color.mix(f64::from(c)))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns of `text`'s raster that hold ink.
    fn ink_columns(text: &str) -> Vec<bool> {
        let px = raster(text, 40.0, HPos::Left, VPos::Top);
        let max = px.iter().map(|p| p.0).max().unwrap_or(0);
        let mut cols = vec![false; max as usize + 1];
        for (x, _, c) in px {
            if c > 0.3 && x >= 0 {
                cols[x as usize] = true;
            }
        }
        cols
    }

    /// The runs of empty columns between the inked parts of `text` (the gaps between letters).
    fn gaps(text: &str) -> Vec<usize> {
        let cols = ink_columns(text);
        let first = cols.iter().position(|&c| c).unwrap_or(0);
        let last = cols.iter().rposition(|&c| c).unwrap_or(0);
        let mut out = Vec::new();
        let mut run = 0;
        for &c in &cols[first..=last] {
            if c && run > 0 {
                out.push(run);
                run = 0;
            } else if !c {
                run += 1;
            }
        }
        out
    }

    #[test]
    fn regression_blockade_is_not_block_ade() {
        // plotters' path dropped the side bearings: at this size it left 6 px between "k" and
        // "a" (and 7 between "l" and "o"), so "Blockade" read as "Block ade". In DejaVu Sans the
        // "k" and "a" nearly touch, and no gap between letters is wider than a bearing pair.
        let g = gaps("Blockade");
        assert_eq!(g.len(), 7, "{g:?}");
        assert!(g[4] <= 3, "k-a gap {g:?}");
        assert!(g.iter().all(|&x| x <= 5), "{g:?}");
        // A real space is much wider.
        assert!(gaps("Block ade")[4] >= 10, "{:?}", gaps("Block ade"));
    }

    #[test]
    fn glyph_pen_positions_are_fractional_and_kerned() {
        let line = layout("AVAV", 20.0).unwrap();
        // Kerning pulls A and V together: the pair is narrower than their advances.
        let plain = layout("A", 20.0).unwrap().width + layout("V", 20.0).unwrap().width;
        assert!(line.glyphs[1].1 < layout("A", 20.0).unwrap().width + 1e-3);
        assert!(line.width < 2.0 * plain + 1e-3);
        assert!(line.glyphs.iter().any(|g| g.1.fract() != 0.0), "positions rounded");
    }

    #[test]
    fn measured_width_matches_the_drawn_ink() {
        let (w, _) = text_size("Concede/Hold", 40.0);
        let ink = ink_columns("Concede/Hold");
        let last = ink.iter().rposition(|&c| c).unwrap();
        // The advance ends after the last glyph's right side bearing (a few pixels at this size).
        assert!((0..=5).contains(&(i64::from(w) - last as i64)), "ink ends at {last}, measured {w}");
        assert_eq!(text_size("Concede/Hold", 14.0).1, (14.0f64 / 1.24).round() as u32);
    }

    #[test]
    fn anchors_place_the_text_around_the_origin() {
        let top = raster("Hx", 30.0, HPos::Left, VPos::Top);
        assert!(top.iter().all(|p| p.1 >= -1 && p.0 >= -1), "top-left anchored text extends above or left");
        let right = raster("Hx", 30.0, HPos::Right, VPos::Bottom);
        assert!(right.iter().all(|p| p.0 <= 1 && p.1 <= 1), "bottom-right anchored text extends below or right");
        let centre = raster("x", 30.0, HPos::Center, VPos::Center);
        let (lo, hi) = (centre.iter().map(|p| p.1).min().unwrap(), centre.iter().map(|p| p.1).max().unwrap());
        assert!((lo + hi).abs() <= 2, "x centred vertically: {lo}..{hi}");
    }
}
