//! All extreme equilibria by vertex enumeration.
use super::{Solution, SolveOptions, Solver};
use crate::error::Result;
use crate::game::NormalForm;

/// Vertex enumeration.
pub struct VertexEnumeration;

impl Solver for VertexEnumeration {
    fn name(&self) -> &'static str {
        "enum"
    }
    fn description(&self) -> &'static str {
        "all extreme equilibria and their components (two players)"
    }
    fn supports(&self, _game: &NormalForm) -> Result<()> {
        Ok(())
    }
    fn run(&self, _game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        Err(crate::error::Error::Internal("enum: not yet implemented".into()))
    }
}
