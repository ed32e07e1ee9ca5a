//! The one notation for the path of play of a game tree, used by every readable output that shows
//! one (`solve` table, CSV and Markdown, `sweep` table and CSV): the moves joined by ` > `, a
//! chance move in brackets with the probability of its branch, `[chance: Pragmatic 1/2] > Offer >
//! Comply`. The regime labels of `sweep` and `thresholds` use the same separator (`Offer >
//! Comply`). JSON keeps the path as a list of labels.

use crate::num::{fmt_q, Q};
use crate::solve::tree::TreeEquilibrium;

/// Separator between the moves of a path (and the parts of a tree's regime label).
pub const SEPARATOR: &str = " > ";

/// The path `labels` in the common notation; `chance[k]` is the probability of step `k`'s branch
/// when it is a chance move (missing or `None`: a player's move). An empty path (the root is a
/// leaf) is `(no moves)`.
pub fn path_text(labels: &[String], chance: &[Option<Q>]) -> String {
    if labels.is_empty() {
        return "(no moves)".to_string();
    }
    let steps: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(k, label)| match chance.get(k) {
            Some(Some(p)) => format!("[chance: {label} {}]", fmt_q(p)),
            _ => label.clone(),
        })
        .collect();
    steps.join(SEPARATOR)
}

/// The path of an equilibrium in the common notation, if it has one (pure equilibria).
pub fn equilibrium_path(e: &TreeEquilibrium) -> Option<String> {
    e.path.as_ref().map(|p| path_text(p, &e.path_chance))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::frac;

    #[test]
    fn chance_moves_are_bracketed_with_their_probability() {
        let labels: Vec<String> = ["Pragmatic", "Offer", "Comply"].map(String::from).to_vec();
        let chance = [Some(frac(1, 2)), None, None];
        assert_eq!(path_text(&labels, &chance), "[chance: Pragmatic 1/2] > Offer > Comply");
        assert_eq!(path_text(&labels[1..], &[]), "Offer > Comply");
        assert_eq!(path_text(&[], &[]), "(no moves)");
    }
}
