//! The TOML model reader: parse, then evaluate at the defaults (a strategic form, or a tree
//! and its multistage expansion) — errors are fine, panics and aborts are bugs.
#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::model::{Model, Settings};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(model) = Model::parse("fuzz.toml", src) else { return };
    let settings = Settings::default();
    if model.is_multistage() {
        let _ = model.multistage(&settings);
    } else if model.is_tree() {
        let _ = model.tree(&settings);
    } else {
        let _ = model.game(&settings);
    }
});
