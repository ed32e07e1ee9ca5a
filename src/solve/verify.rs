//! The exact verifier every reported equilibrium passes through.

use super::Solution;
use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::fmt_q;
use num_traits::Zero;

/// Checks that every equilibrium of `solution` is a valid profile with regret exactly zero
/// and correctly stated payoffs (for exact solutions), or, for approximate solutions, with an
/// exactly computed regret within [`super::polish::regret_tolerance`].
pub fn verify_solution(game: &NormalForm, solution: &Solution) -> Result<()> {
    for (k, eq) in solution.equilibria.iter().enumerate() {
        eq.profile
            .check(game)
            .map_err(|e| Error::Internal(format!("{}: equilibrium {} is malformed: {e}", solution.method, k + 1)))?;
        if !solution.exact {
            // Approximate solvers report ε-equilibria whose regret was proven small.
            let regret = game.max_regret(&eq.profile);
            if regret > super::polish::regret_tolerance(game) {
                return Err(Error::Internal(format!(
                    "{}: approximate equilibrium {} has regret {}, above the tolerance",
                    solution.method,
                    k + 1,
                    crate::num::to_f64(&regret)
                )));
            }
        } else {
            let regret = game.max_regret(&eq.profile);
            if !regret.is_zero() {
                return Err(Error::Internal(format!(
                    "{}: equilibrium {} has regret {} (not an equilibrium)",
                    solution.method,
                    k + 1,
                    fmt_q(&regret)
                )));
            }
            if game.expected_payoffs(&eq.profile) != eq.payoffs {
                return Err(Error::Internal(format!(
                    "{}: equilibrium {} states wrong payoffs",
                    solution.method,
                    k + 1
                )));
            }
        }
    }
    Ok(())
}
