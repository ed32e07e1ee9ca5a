//! Gambit `.efg` reader; a tree that parses is written back (as .efg and as TOML) and must load again.
//!
//! The digit cap (`--max-digits`) is lowered to 500 here: at the default 10,000 digits most of the
//! time went to big-integer gcds under coverage instrumentation; the number paths (the cap's error,
//! long values written back) are the same code at 500 digits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::game::budget::{set_limits, Limits};
use standoff::model::{parse_efg, write_efg, write_toml_tree, Model, Settings};

fuzz_target!(|data: &[u8]| {
    set_limits(Limits { digits: 500, ..Limits::default() });
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(tree) = parse_efg("fuzz.efg", src) else { return };
    let text = write_efg(&tree);
    parse_efg("back.efg", &text).expect("write_efg output must parse");
    let toml = write_toml_tree(&tree);
    let model = Model::parse("back.toml", &toml).expect("write_toml_tree output must parse");
    model.tree(&Settings::default()).expect("write_toml_tree output must evaluate");
});
