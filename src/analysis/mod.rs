//! Analyses built on games and solvers: dominance, game classification.

pub mod classify;
pub mod correlated;
pub mod dominance;
pub mod geometry;
pub mod region;
