//! The expression evaluator: parse, bind to two names, evaluate with exact values.
//!
//! The digit cap (`--max-digits`) is lowered to 500 here. At the default 10,000 digits an
//! expression of 256 bytes can spend a second in big-integer gcds, which coverage instrumentation
//! makes several times slower (176 executions a second); every cap check and error path is the
//! same code at 500 digits, reached at a fraction of the cost.
#![no_main]
use libfuzzer_sys::fuzz_target;
use standoff::game::budget::{set_limits, Limits};
use standoff::model::Expr;
use standoff::num::{frac, q};

fuzz_target!(|data: &[u8]| {
    set_limits(Limits { digits: 500, ..Limits::default() });
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(mut e) = Expr::parse(src) else { return };
    if e.bind(&["x", "y"]).is_ok() {
        let _ = e.eval(&[frac(-7, 2), q(3)]);
    }
});
