//! All pure-strategy equilibria, any number of players.
use super::{Solution, SolveOptions, Solver};
use crate::error::Result;
use crate::game::NormalForm;

/// Enumerates every pure profile.
pub struct PureEnumeration;

impl Solver for PureEnumeration {
    fn name(&self) -> &'static str {
        "pure"
    }
    fn description(&self) -> &'static str {
        "all pure-strategy equilibria (any number of players)"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, _game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        Err(crate::error::Error::Internal("pure: not yet implemented".into()))
    }
}
