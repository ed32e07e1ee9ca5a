//! Ordinal classification of 2x2 games (chicken, prisoner's dilemma, stag hunt, ...).

use crate::game::NormalForm;

/// The class of a 2x2 game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// Common name of the game class, e.g. "Chicken", "Prisoner's Dilemma", or a hybrid description.
    pub name: String,
    /// Each player's ordinal preference type, e.g. "chicken", "prisoner's dilemma".
    pub player_types: Vec<String>,
    /// Plain-language facts: dominant strategies, number of pure equilibria, Pareto inefficiency, ties.
    pub facts: Vec<String>,
}

/// Classifies a 2x2 game by the ordinal structure of its payoffs; `None` if not 2x2.
pub fn classify_2x2(game: &NormalForm) -> Option<Classification> {
    let _ = game;
    None
}
