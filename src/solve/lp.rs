//! Linear programming for two-player constant-sum games.
use super::{Solution, SolveOptions, Solver};
use crate::error::Result;
use crate::game::NormalForm;

/// Solves a constant-sum game by LP.
pub struct ZeroSumLp;

impl Solver for ZeroSumLp {
    fn name(&self) -> &'static str {
        "lp"
    }
    fn description(&self) -> &'static str {
        "linear programming for two-player constant-sum games"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, _game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        Err(crate::error::Error::Internal("lp: not yet implemented".into()))
    }
}
