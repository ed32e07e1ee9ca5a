//! Lemke-Howson complementary pivoting, exact.
use super::{Solution, SolveOptions, Solver};
use crate::error::Result;
use crate::game::NormalForm;

/// Lemke-Howson.
pub struct LemkeHowson;

impl Solver for LemkeHowson {
    fn name(&self) -> &'static str {
        "lemke"
    }
    fn description(&self) -> &'static str {
        "Lemke-Howson from one or every starting label (two players)"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, _game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        Err(crate::error::Error::Internal("lemke: not yet implemented".into()))
    }
}
