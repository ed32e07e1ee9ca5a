//! What a tree solver returns: the equilibria in behaviour strategies, with paths, beliefs
//! and, when it was built, the reduced strategic form. Its own file so that every tree solver
//! (backward induction, subgames, the sequence form) can return it without importing the
//! dispatcher in `mod.rs`.

use crate::game::reduce::ReducedForm;
use crate::game::tree::BehaviorProfile;
use crate::game::MixedProfile;
use crate::num::Q;
use crate::solve::{Component, Method};

/// The most SPEs listed by `spe` (all are counted).
pub const MAX_LISTED_SPE: usize = 1000;

/// One equilibrium of a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeEquilibrium {
    /// The behaviour strategies, `[player][infoset][action]`.
    pub behavior: BehaviorProfile,
    /// Expected payoffs.
    pub payoffs: Vec<Q>,
    /// For pure SPEs: the actions along the play (most likely branch at chance nodes).
    pub path: Option<Vec<String>>,
    /// Per step of `path`: the probability of the branch taken when the step is a chance move,
    /// `None` for a player's move (empty when there is no path).
    pub path_chance: Vec<Option<Q>>,
    /// The equivalent mixed profile of the reduced strategic form, when that form was built.
    pub mixed: Option<MixedProfile>,
    /// Beliefs, `[player][infoset]`: the probability of each node of the information set (in
    /// pre-order) given that the set is reached — by Bayes' rule from the profile, conditional on
    /// reaching the smallest subgame containing the set for `spe`, on the root otherwise;
    /// `None` where the set is reached with probability zero (Bayes' rule says nothing).
    pub beliefs: Vec<Vec<Option<Vec<Q>>>>,
    /// For an approximate SPE (a subgame equilibrium is irrational and was rounded): the exact
    /// largest gain of a deviation in any subgame, proven by the verifier; `None` when exact.
    pub max_regret: Option<Q>,
}

/// What a tree solver found.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeSolution {
    /// The method that ran (never [`Method::Auto`]).
    pub method: Method,
    /// Every number exact and every equilibrium verified.
    pub exact: bool,
    /// The method finds all equilibria of its kind (all pure SPEs, all extreme equilibria, ...).
    pub complete: bool,
    /// The equilibria.
    pub equilibria: Vec<TreeEquilibrium>,
    /// The reduced strategic form, when it was built.
    pub reduced: Option<ReducedForm>,
    /// Components of the reduced form's equilibrium set (`enum` only).
    pub components: Vec<Component>,
    /// Remarks: choices made, caps reached, unreached information sets.
    pub notes: Vec<String>,
}
