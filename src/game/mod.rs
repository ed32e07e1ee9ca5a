//! Game representations. This module knows nothing of files, command lines or charts.

pub mod normal;
pub mod profile;

pub use normal::{NormalForm, Player};
pub use profile::MixedProfile;
