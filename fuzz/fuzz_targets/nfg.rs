//! Gambit `.nfg` reader; a game that parses is written back and must parse to the same game.
#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::model::{parse_nfg, write_nfg};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(game) = parse_nfg("fuzz.nfg", src) else { return };
    let text = write_nfg(&game);
    let back = parse_nfg("back.nfg", &text).expect("write_nfg output must parse");
    assert_eq!(back, game, "nfg round trip changed the game");
});
