//! Analyses built on games and solvers: dominance, game classification.

pub mod classify;
pub mod compare;
pub mod dominance;
pub mod regime;
pub mod sweep;
pub mod thresholds;
