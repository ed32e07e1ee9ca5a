//! The expression evaluator: parse, bind to two names, evaluate with exact values.
#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::model::Expr;
use standoff::num::{frac, q};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(mut e) = Expr::parse(src) else { return };
    if e.bind(&["x", "y"]).is_ok() {
        let _ = e.eval(&[frac(-7, 2), q(3)]);
    }
});
