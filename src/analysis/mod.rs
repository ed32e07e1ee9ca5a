//! Analyses built on games and solvers: dominance, game classification.

pub mod attrition;
pub mod classify;
pub mod compare;
pub mod correlated;
pub mod dominance;
pub mod geometry;
pub mod hull3;
pub(crate) mod regime;
pub mod region;
pub mod sweep;
pub mod thresholds;
