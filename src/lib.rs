//! `standoff`: exact game-theory payoff analysis.
//!
//! A walk through the flagship model: load it with a scenario, solve it exactly, read the
//! answer. Every number is an exact rational ([`num::Q`]); every equilibrium returned by
//! [`solve::solve`] has been verified to have regret exactly zero.
//!
//! ```
//! use standoff::model::{load, Settings};
//! use standoff::num::frac;
//! use standoff::solve::{solve, Method, SolveOptions};
//!
//! // models/standoff.toml with China and South Korea squeezing North Korea.
//! let settings = Settings { scenario: Some("coalition_pressure".into()), set: vec![] };
//! let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/standoff.toml");
//! let loaded = load(&path, &settings)?;
//! let game = &loaded.game;
//! assert_eq!(game.players()[0].name, "US");
//!
//! // All extreme equilibria of the two-player game (the `auto` method picks `enum`).
//! let solution = solve(game, Method::Auto, &SolveOptions::default())?;
//! assert_eq!(solution.equilibria.len(), 3);
//!
//! // The mixed equilibrium: the US concedes with probability 5/7, North Korea with 1/3.
//! let mixed = solution.equilibria.iter().find(|e| e.profile.as_pure().is_none()).unwrap();
//! assert_eq!(mixed.profile.probs[0][0], frac(5, 7));
//! assert_eq!(mixed.profile.probs[1][0], frac(1, 3));
//! assert_eq!(mixed.payoffs, vec![frac(5, 3), frac(12, 7)]);
//! assert_eq!(game.max_regret(&mixed.profile), frac(0, 1));
//! # Ok::<(), standoff::Error>(())
//! ```
//!
//! # Where things live
//!
//! Dependencies point one way: `output`/`plot` → `analysis` → `solve` → `game` ← `model`. The
//! command line (clap) is part of the `standoff` binary only (`src/cli/`), not of this library;
//! the library never prints or exits, it returns values and typed [`Error`]s.
//!
//! - [`num`]: exact rationals and their parsing and printing.
//! - [`game`]: normal-form games, trees, multistage games, profiles, regret, the reduced form.
//! - [`model`]: model files — TOML models with parameters and scenarios, Gambit `.nfg`/`.efg`.
//! - [`solve`](mod@solve): a [`Method`] per algorithm, one file per solver behind [`solve::Solver`]; the exact
//!   LP engine (`simplex`, `tableau`); the tree solvers in [`solve::tree`]; `solve::verify`
//!   checks every answer exactly.
//! - [`analysis`]: dominance, 2x2 classes, payoff regions, correlated equilibria, sweeps,
//!   thresholds, comparisons, the war of attrition.
//! - [`output`]: one file per report, each rendering every format it has behind
//!   [`output::Report`]; the one atomic writer.
//! - [`plot`]: the charts (the only user of plotters).
//! - [`report`](mod@report): the one-page HTML (or Markdown) report of a model, built from all of the above.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod error;
pub mod game;
pub mod model;
pub mod num;
pub mod output;
pub mod plot;
pub mod report;
pub mod solve;

pub use error::{Error, Result};
pub use game::{MixedProfile, NormalForm, Player, Tree};
pub use model::{load, load_game, Loaded, LoadedGame, Settings};
pub use num::Q;
pub use output::{Format, Report};
pub use solve::{solve, Equilibrium, Method, Solution, SolveOptions};
