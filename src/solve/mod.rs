//! Equilibrium solvers: one file per algorithm behind the small [`Solver`] trait.
//!
//! Every solver is a pure function from a game and options to a [`Solution`].
//! [`solve`] runs a solver and passes every equilibrium it reports through the
//! exact verifier (`verify`); a profile with non-zero regret is an internal error,
//! never output.

pub(crate) mod closed_form;
pub(crate) mod components;
pub(crate) mod correlated;
pub(crate) mod enumerate;
pub mod enumpoly;
mod enumpoly_linear;
pub mod gnm;
pub(crate) mod lemke_howson;
pub mod logit;
pub mod lp;
mod method;
pub(crate) mod numeric;
pub(crate) mod polish;
pub(crate) mod pure;
pub mod simpdiv;
pub mod tree;
pub(crate) mod verify;

use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::Q;

pub use method::Method;

/// One equilibrium: a mixed profile and its expected payoffs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Equilibrium {
    /// The profile.
    pub profile: MixedProfile,
    /// Expected payoff per player.
    pub payoffs: Vec<Q>,
}

/// A maximal convex set of equilibria: every listed strategy of player 1 combines with
/// every listed strategy of player 2 (a maximal biclique of compatible extreme points).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvexSet {
    /// Distinct extreme mixed strategies of player 1 (indices into [`Solution::equilibria`]'s
    /// player-1 parts, see [`Component::row_points`]).
    pub rows: Vec<usize>,
    /// Same for player 2.
    pub cols: Vec<usize>,
}

/// A connected component of the equilibrium set of a two-player game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Indices (into [`Solution::equilibria`]) of the extreme equilibria in this component.
    pub equilibria: Vec<usize>,
    /// Distinct player-1 extreme strategies of the component.
    pub row_points: Vec<Vec<Q>>,
    /// Distinct player-2 extreme strategies of the component.
    pub col_points: Vec<Vec<Q>>,
    /// The maximal convex subsets whose union is the component.
    pub convex_sets: Vec<ConvexSet>,
}

/// What a solver found.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The method that ran (never [`Method::Auto`]).
    pub method: Method,
    /// True if every number is exact and every equilibrium verified with regret exactly 0.
    pub exact: bool,
    /// True if the method finds all equilibria of its kind (all pure, all extreme).
    pub complete: bool,
    /// The equilibria, in a deterministic order.
    pub equilibria: Vec<Equilibrium>,
    /// Equilibrium components (two-player enumeration only; empty otherwise).
    pub components: Vec<Component>,
    /// Remarks for the user (degeneracy, components, choices made).
    pub notes: Vec<String>,
}

/// Options shared by the solvers; each uses what applies to it.
#[derive(Clone, Default)]
pub struct SolveOptions {
    /// Lemke–Howson: the starting (missing) label, 0-based over player 1's then player 2's
    /// strategies. `None` runs from every label and reports the distinct equilibria found.
    pub start_label: Option<usize>,
    /// Enumeration: refuse games whose vertex bound exceeds this (default 2,000,000).
    pub max_vertices: Option<u64>,
    /// Observer told about long computations (the library itself never prints).
    pub progress: Option<Progress>,
    /// Global Newton (`gnm`): the seed of the random perturbation direction (`None`:
    /// [`gnm::DEFAULT_SEED`]). The only solver with a random choice.
    pub seed: Option<u64>,
}

impl std::fmt::Debug for SolveOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SolveOptions")
            .field("start_label", &self.start_label)
            .field("max_vertices", &self.max_vertices)
            .field("progress", &self.progress.as_ref().map(|_| "observer"))
            .field("seed", &self.seed)
            .finish()
    }
}

/// A progress event from a long-running solver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressEvent {
    /// What is being done, e.g. "player 1's polytope".
    pub stage: String,
    /// Work units done so far (bases visited, pivots, profiles).
    pub done: u64,
    /// Known upper bound on the work, if any.
    pub bound: Option<u64>,
}

/// A progress observer. Called every few thousand work units, so it may do I/O.
pub type Progress = std::sync::Arc<dyn Fn(&ProgressEvent) + Send + Sync>;

/// An equilibrium-finding algorithm.
pub trait Solver: Sync {
    /// The method this solver implements.
    fn method(&self) -> Method;
    /// One line for `--help` and reports.
    fn description(&self) -> &'static str;
    /// `Ok` if this solver can handle `game`, else [`Error::Unsupported`] saying why.
    fn supports(&self, game: &NormalForm) -> Result<()>;
    /// Runs the algorithm. Callers should use [`solve`], which also verifies the answer.
    fn run(&self, game: &NormalForm, options: &SolveOptions) -> Result<Solution>;
}

/// Every normal-form solver, in the order `--help` lists them.
pub static SOLVERS: &[&dyn Solver] = &[
    &pure::PureEnumeration,
    &enumerate::VertexEnumeration,
    &lemke_howson::LemkeHowson,
    &lp::zero_sum::ZeroSumLp,
    &correlated::CorrelatedLp,
    &logit::LogitSolver,
    &enumpoly::EnumPoly,
    &simpdiv::Simpdiv,
    &gnm::Gnm,
];

/// The solver of a strategic-form method (`None` for [`Method::Auto`] and [`Method::Spe`]).
pub fn find(method: Method) -> Option<&'static dyn Solver> {
    SOLVERS.iter().copied().find(|s| s.method() == method)
}

/// The method `auto` picks: all extreme equilibria for two players, all equilibria of small
/// games with three or more players (`enumpoly` within [`enumpoly::AUTO_WORK_BUDGET`]), and all
/// pure equilibria of larger games of three or more players; [`solve`] then falls back to one
/// equilibrium by simplicial subdivision (`simpdiv`) when such a game has no pure equilibrium.
pub fn auto_method(game: &NormalForm) -> Method {
    if game.num_players() == 2 {
        Method::Enum
    } else if enumpoly::auto_feasible(game) {
        Method::EnumPoly
    } else {
        Method::Pure
    }
}

/// Why `auto` ended with `method` for `game`, when the choice deserves a word in the method line
/// (today: the `simpdiv` fallback for games too large for `enumpoly` without pure equilibria).
pub fn auto_reason(game: &NormalForm, method: Method) -> Option<&'static str> {
    (method == Method::SimpDiv && game.num_players() >= 3)
        .then_some("auto: no pure equilibrium and too large for enumpoly")
}

/// Runs `method` (`auto` allowed) and verifies every equilibrium exactly.
pub fn solve(game: &NormalForm, method: Method, options: &SolveOptions) -> Result<Solution> {
    let auto = method == Method::Auto;
    let method = if auto { auto_method(game) } else { method };
    let solver = find(method).ok_or_else(|| Error::Unsupported {
        method: method.name().into(),
        reason: "it needs a game tree (a `.efg` file or a model with kind = \"tree\"); this is a strategic-form game"
            .into(),
    })?;
    solver.supports(game)?;
    let mut solution = solver.run(game, options)?;
    if auto && method == Method::Pure && game.num_players() >= 3 && solution.equilibria.is_empty() {
        // Every game has an equilibrium: with no pure one and too many supports for enumpoly,
        // find a mixed one.
        solution = simpdiv::Simpdiv.run(game, options)?;
        solution.notes.insert(
            0,
            "auto ran simpdiv: the game has no pure equilibrium and is too large for enumpoly (all \
             equilibria), so this is one mixed equilibrium"
                .into(),
        );
    }
    verify::verify_solution(game, &solution)?;
    Ok(solution)
}
