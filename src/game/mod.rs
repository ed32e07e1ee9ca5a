//! Game representations. This module knows nothing of files, command lines or charts.

pub mod normal;
pub mod profile;
pub mod reduce;
pub mod tree;

pub use normal::{NormalForm, Player};
pub use profile::MixedProfile;
pub use reduce::{reduce, ReducedForm};
pub use tree::{BehaviorProfile, NodeKind, Tree, TreeBuilder, TreeError};
