//! Game representations. This module knows nothing of files, command lines or charts.

pub mod budget;
#[cfg(test)]
pub(crate) mod fixtures;
pub(crate) mod multistage;
pub(crate) mod normal;
pub(crate) mod profile;
pub mod reduce;
pub mod tree;

pub use multistage::{Multistage, StageOutcome};
pub use normal::{NormalForm, Player};
pub use profile::MixedProfile;
pub use reduce::{reduce, ReducedForm};
pub use tree::{BehaviorProfile, NodeKind, Tree, TreeBuilder, TreeError};
