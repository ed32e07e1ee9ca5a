//! `standoff`: exact game-theory payoff analysis.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod error;
pub mod game;
pub mod model;
pub mod num;
pub mod output;
pub mod plot;
pub mod solve;

pub use error::{Error, Result};
pub use game::{MixedProfile, NormalForm, Player};
pub use num::Q;
