//! Charts. The only user of plotters. Text is rendered from the embedded DejaVu Sans font
//! (see `assets/fonts/LICENSE-DejaVu.txt`), so charts need no system fonts or fontconfig.

pub mod sweep;

use crate::error::{Error, Result};
use plotters::style::{register_font, FontStyle};
use std::sync::OnceLock;

/// DejaVu Sans, embedded at compile time.
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The font family name charts use.
pub const FONT: &str = "sans-serif";

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
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            root.draw_text("Standoff", &(FONT, 20).into_font().color(&BLACK), (5, 10)).unwrap();
            root.present().unwrap();
        }
        let dark = buf.chunks(3).filter(|p| p[0] < 128).count();
        assert!(dark > 50, "no glyph pixels drawn ({dark})");
    }
}
