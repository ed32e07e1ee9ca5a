//! Gambit `.nfg` reader; a game that parses is written back and must parse to the same game.
//!
//! The digit cap (`--max-digits`) is lowered to 500 here: at the default 10,000 digits most of the
//! time went to big-integer gcds under coverage instrumentation; the number paths (the cap's error,
//! long values written back) are the same code at 500 digits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::game::budget::{set_limits, Limits};
use standoff::model::{parse_nfg, write_nfg};

fuzz_target!(|data: &[u8]| {
    set_limits(Limits { digits: 500, ..Limits::default() });
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(game) = parse_nfg("fuzz.nfg", src) else { return };
    let text = write_nfg(&game);
    let back = parse_nfg("back.nfg", &text).expect("write_nfg output must parse");
    // Repeated labels are renamed on reading, with a note; the written file has the new, distinct
    // labels, so it reads back without the note.
    let mut expected = game;
    expected.notes.clear();
    assert_eq!(back, expected, "nfg round trip changed the game");
});
