//! Charts. The only user of plotters. Text is measured and (in PNGs) rasterized from the embedded
//! DejaVu Sans font (see `assets/fonts/LICENSE-DejaVu.txt` and `plot/text.rs`), so charts need no system
//! fonts or fontconfig. SVG text is `<text>` in the font stack [`FONT`]: DejaVu Sans where the
//! viewer has it (the layout is computed with its metrics), else the viewer's sans-serif.
//!
//! A chart implements [`Chart`] (its size and how to draw it on any plotters backend);
//! [`write_chart`] renders it as SVG or PNG, chosen by the file's extension, and writes the file
//! atomically. Charts: [`region::RegionChart`] (payoff region) and
//! [`best_response::BestResponseChart`] (best-response diagrams) and [`tree::TreeChart`] (game trees). `labels` places point labels
//! without overlaps.

pub mod attrition;
pub mod best_response;
pub(crate) mod common;
pub mod compare;
pub(crate) mod labels;
pub mod qre;
pub mod region;
pub mod tree;

pub mod sweep;
pub(crate) mod text;

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::{BitMapBackend, DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use plotters::style::{register_font, FontStyle};
use std::path::Path;
use std::sync::OnceLock;

/// DejaVu Sans, embedded at compile time.
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The font family charts use: written as the SVG `font-family` (a CSS font stack: DejaVu Sans
/// first, as measured, then the viewer's sans-serif) and the name the embedded font is
/// registered under with plotters.
pub const FONT: &str = "DejaVu Sans, sans-serif";

/// Registers the embedded font with plotters (once per process).
pub fn ensure_fonts() -> Result<()> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| register_font(FONT, FontStyle::Normal, DEJAVU_SANS).is_ok());
    if ok {
        Ok(())
    } else {
        Err(Error::Internal("the embedded font could not be loaded".into()))
    }
}

/// The image formats charts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics (text as `<text>` elements).
    Svg,
    /// A PNG bitmap, text rasterized from the embedded font.
    Png,
}

impl ImageFormat {
    /// The format named by a file's extension (`.svg` or `.png`, any case).
    pub fn from_path(path: &Path) -> Result<ImageFormat> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("svg") => Ok(ImageFormat::Svg),
            Some("png") => Ok(ImageFormat::Png),
            _ => Err(Error::Output(format!(
                "{}: the chart format is chosen by the file extension; use .svg or .png",
                path.display()
            ))),
        }
    }
}

/// A chart: a fixed size and a drawing procedure for any plotters backend.
pub trait Chart {
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32);
    /// Draws the whole chart on `root` (which has the chart's size).
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()>;
}

/// Converts a plotters error into ours (drawing failures are internal errors).
pub fn chart_error<E: std::fmt::Debug>(e: E) -> Error {
    Error::Internal(format!("drawing the chart failed: {e:?}"))
}

/// Renders `chart` as an SVG document.
pub fn render_svg<C: Chart>(chart: &C) -> Result<String> {
    ensure_fonts()?;
    let mut out = String::new();
    {
        let root = text::Glyphs::measuring(SVGBackend::with_string(&mut out, chart.size())).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(chart_error)?;
    }
    Ok(out)
}

/// Renders `chart` into an RGB pixel buffer (3 bytes per pixel, row by row).
pub fn render_rgb<C: Chart>(chart: &C) -> Result<Vec<u8>> {
    ensure_fonts()?;
    let (w, h) = chart.size();
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    {
        let root = text::Glyphs::rasterizing(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(chart_error)?;
    }
    Ok(buf)
}

/// Renders `chart` to `path` as SVG or PNG (by extension) through the one output writer
/// ([`crate::output::OutputFile`]): atomically for a regular file, through symbolic links, directly
/// to devices.
pub fn write_chart<C: Chart>(chart: &C, path: &Path) -> Result<()> {
    match ImageFormat::from_path(path)? {
        ImageFormat::Svg => crate::output::write_atomic(path, render_svg(chart)?.as_bytes()),
        ImageFormat::Png => {
            use image::ImageEncoder;
            let (w, h) = chart.size();
            let rgb = render_rgb(chart)?;
            let mut file = crate::output::OutputFile::create(path)?;
            // The encoder and settings plotters' bitmap backend uses when it saves a file.
            image::codecs::png::PngEncoder::new(&mut file).write_image(&rgb, w, h, image::ColorType::Rgb8).map_err(
                |e| match e {
                    image::ImageError::IoError(source) => Error::Io { path: path.to_path_buf(), source },
                    other => chart_error(other),
                },
            )?;
            file.commit()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    #[test]
    fn renders_text_without_system_fonts() {
        ensure_fonts().unwrap();
        let (w, h) = (120u32, 40u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = text::Glyphs::rasterizing(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
            root.draw_text("Standoff", &(FONT, 20).into_font().color(&BLACK), (5, 10)).unwrap();
            root.present().unwrap();
        }
        let dark = buf.chunks(3).filter(|p| p[0] < 128).count();
        assert!(dark > 50, "no glyph pixels drawn ({dark})");
    }
}
