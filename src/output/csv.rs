//! CSV: a header, then one row per equilibrium with every probability and payoff.
//!
//! Columns: `equilibrium` (1-based), `<player>:<strategy>` for every strategy of every player in
//! file order (exact probabilities), then `payoff:<player>` (exact expected payoffs).

use super::{Exporter, SolveReport};
use crate::num::fmt_q;

/// The CSV exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

/// Quotes a field if it contains a comma, quote, or line break (RFC 4180).
pub(crate) fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl Exporter for Csv {
    fn solve(&self, r: &SolveReport) -> String {
        let mut header = vec!["equilibrium".to_string()];
        for (i, labels) in r.game.strategies.iter().enumerate() {
            for l in labels {
                header.push(field(&format!("{}:{l}", r.game.player(i))));
            }
        }
        for p in &r.game.players {
            header.push(field(&format!("payoff:{p}")));
        }
        let mut out = header.join(",");
        out.push('\n');
        for (k, e) in r.equilibria.iter().enumerate() {
            let mut row = vec![(k + 1).to_string()];
            row.extend(e.profile.iter().flatten().map(fmt_q));
            row.extend(e.payoffs.iter().map(fmt_q));
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_when_needed() {
        assert_eq!(field("US:Hold"), "US:Hold");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
