//! The exact LP engine: integer-pivoting tableaux ([`tableau`]: the entries stay integral, held
//! in the narrowest of i64, i128, 256-bit, 512-bit or big integers that fits), the hybrid exact
//! simplex method ([`simplex`]: a float simplex guesses the optimal basis, exact arithmetic
//! certifies it or pivots on from it), and the `lp` method for two-player constant-sum games
//! ([`zero_sum`]). Vertex enumeration (`enum`) uses the tableaux; correlated equilibria, payoff
//! regions, mixed minmax, mixed dominance and the sequence-form LP use the simplex method.

mod modular;
pub mod simplex;
pub mod tableau;
pub mod zero_sum;
