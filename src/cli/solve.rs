//! `standoff solve`: load a model, run a solver, write the equilibria.

use super::args::ModelArgs;
use clap::{value_parser, Args, ValueEnum};
use standoff::analysis::correlated;
use standoff::error::{Error, Result};
use standoff::output::region::CorrelatedReport;
use standoff::output::{Format, SolveReport};
use standoff::solve::{self, Method, SolveOptions};
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff solve models/standoff.toml
  standoff solve models/standoff.toml --scenario hawkish_us --format json
  standoff solve models/standoff.toml --set us_sucker=-2 --set dprk_standoff=-4
  standoff solve models/standoff.toml --method lemke --start-label 3
  standoff solve tests/data/reference/games/contrib_games_pd.nfg --method pure --format csv
  standoff solve models/offer_first.toml --set aid_value=2
  standoff solve tests/data/reference/games/catalog_books_watson2013_fig29_1.efg --method enum";

/// The equilibrium-finding method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// games: enum for two players, enumpoly for tiny games of 3+ players (2x2x2), simpdiv (one equilibrium) for larger ones; trees: spe
    Auto,
    /// trees: subgame-perfect equilibria (backward induction with all ties; subgames with imperfect information by enum, or pure for 3+ players)
    Spe,
    /// all pure-strategy equilibria (any number of players)
    Pure,
    /// all extreme equilibria and their components, by vertex enumeration (two players)
    Enum,
    /// one equilibrium per starting label by Lemke-Howson (two players); trees: Lemke on the sequence form
    Lemke,
    /// an equilibrium of a two-player constant-sum game by linear programming (trees: on the sequence form)
    Lp,
    /// the correlated equilibrium with the largest total payoff, by exact linear programming
    Correlated,
    /// one equilibrium of any game (any number of players): the limit of the logit QRE branch, exact or with a proven regret bound
    Logit,
    /// all equilibria of small games with any number of players (support enumeration; exact, or irrational with a proven regret bound)
    Enumpoly,
    /// one equilibrium of any game by simplicial subdivision on a refining grid (from every player's first strategy), exact or with a proven regret bound
    Simpdiv,
    /// several equilibria of any game by the global Newton method (Govindan-Wilson; one path, fixed perturbation), each exact or with a proven regret bound
    Gnm,
}

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Method {
        match m {
            MethodArg::Auto => Method::Auto,
            MethodArg::Spe => Method::Spe,
            MethodArg::Pure => Method::Pure,
            MethodArg::Enum => Method::Enum,
            MethodArg::Lemke => Method::Lemke,
            MethodArg::Lp => Method::Lp,
            MethodArg::Correlated => Method::Correlated,
            MethodArg::Logit => Method::Logit,
            MethodArg::Enumpoly => Method::EnumPoly,
            MethodArg::Simpdiv => Method::SimpDiv,
            MethodArg::Gnm => Method::Gnm,
        }
    }
}

/// Output formats of `solve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolveFormat {
    /// readable text with tables
    Table,
    /// JSON: the stable machine interface
    Json,
    /// one CSV row per equilibrium
    Csv,
    /// a Markdown table
    Markdown,
}

impl From<SolveFormat> for Format {
    fn from(f: SolveFormat) -> Format {
        match f {
            SolveFormat::Table => Format::Table,
            SolveFormat::Json => Format::Json,
            SolveFormat::Csv => Format::Csv,
            SolveFormat::Markdown => Format::Markdown,
        }
    }
}

/// Raw arguments of `standoff solve`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct SolveArgs {
    /// The model and its parameter values.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Solution method.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SolveFormat::Table)]
    pub format: SolveFormat,
    /// Lemke-Howson: start by dropping label N (1-based: player 1's strategies are 1..m, player 2's m+1..m+n).
    /// Without it, every label is tried.
    #[arg(long, value_name = "N", value_parser = value_parser!(u64).range(1..))]
    pub start_label: Option<u64>,
    /// Enumeration: refuse games whose vertex bound exceeds N (default 2,000,000); enumpoly: whose work estimate exceeds N (default 50,000,000).
    #[arg(long, value_name = "N", value_parser = value_parser!(u64).range(1..))]
    pub max_vertices: Option<u64>,
    /// gnm: the seed of the random perturbation direction (default 1852645379). Another seed follows another path
    /// and may find other equilibria; JSON output echoes the seed used.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Converts the user's 1-based start label into the solver's 0-based one, checking it
/// against the number of strategies of the game (`total`).
pub fn start_label(label: Option<u64>, total: usize) -> Result<Option<usize>> {
    let Some(label) = label else { return Ok(None) };
    match usize::try_from(label) {
        Ok(k) if (1..=total).contains(&k) => Ok(Some(k - 1)),
        _ => Err(Error::InvalidOption(format!(
            "--start-label {label} is out of range: this game has {total} strategies in all (labels 1..{total})"
        ))),
    }
}

/// Runs `standoff solve`.
pub fn run(args: &SolveArgs, stdout: &mut dyn Write) -> Result<()> {
    if args.seed.is_some() && args.method != MethodArg::Gnm {
        // Only gnm makes a random choice (simpdiv and Lemke-Howson start from fixed points).
        return Err(Error::InvalidOption("--seed applies to --method gnm only (no other method is randomised)".into()));
    }
    if args.method == MethodArg::Correlated {
        return run_correlated(args, stdout);
    }
    let settings = args.model.settings()?;
    let loaded = match standoff::model::load_game(&args.model.model, &settings)? {
        standoff::model::LoadedGame::Tree(t) => return run_tree(args, t, settings, stdout),
        standoff::model::LoadedGame::Normal(l) => l,
    };
    if args.method == MethodArg::Spe {
        return Err(Error::InvalidOption(format!(
            "--method spe needs a game tree (a `.efg` file or a model with kind = \"tree\"); {} is a strategic-form game",
            args.model.model.display()
        )));
    }
    let game = &loaded.game;
    let total: usize = game.shape().iter().sum();
    let spinner = super::progress::Spinner::start();
    let options = SolveOptions {
        start_label: start_label(args.start_label, total)?,
        max_vertices: args.max_vertices,
        progress: spinner.as_ref().map(super::progress::Spinner::observer),
        seed: args.seed,
    };
    let solution = solve::solve(game, args.method.into(), &options);
    drop(spinner);
    let solution = solution?;
    let mut report = SolveReport::new(game, &solution, settings.scenario, loaded.values.clone());
    if args.method == MethodArg::Auto {
        report.auto_reason = solve::auto_reason(game, solution.method).map(String::from);
    }
    if solution.method == solve::Method::Gnm {
        report.seed = Some(args.seed.unwrap_or(solve::gnm::DEFAULT_SEED));
    }
    let text = Format::from(args.format).render(&report)?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}

fn run_tree(
    args: &SolveArgs,
    loaded: standoff::model::LoadedTree,
    settings: standoff::model::Settings,
    stdout: &mut dyn Write,
) -> Result<()> {
    let spinner = super::progress::Spinner::start();
    let options = SolveOptions {
        start_label: None,
        max_vertices: args.max_vertices,
        progress: spinner.as_ref().map(super::progress::Spinner::observer),
        seed: args.seed,
    };
    let mut options = options;
    if let Some(label) = args.start_label {
        // Labels refer to the reduced strategic form's strategies.
        let reduced = standoff::game::reduce(&loaded.tree)?;
        options.start_label = start_label(Some(label), reduced.game.shape().iter().sum())?;
    }
    let solution = solve::tree::solve_tree(&loaded.tree, args.method.into(), &options);
    drop(spinner);
    let report =
        standoff::output::tree::TreeSolveReport::new(&loaded.tree, solution?, settings.scenario, loaded.values);
    let text = Format::from(args.format).render(&report)?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}

/// Runs `standoff solve --method correlated`: the welfare-maximising correlated equilibrium.
fn run_correlated(args: &SolveArgs, stdout: &mut dyn Write) -> Result<()> {
    if args.start_label.is_some() || args.max_vertices.is_some() || args.seed.is_some() {
        return Err(Error::InvalidOption(
            "--start-label, --max-vertices and --seed do not apply to --method correlated".into(),
        ));
    }
    let (loaded, settings) = args.model.load()?;
    let game = &loaded.game;
    let report = CorrelatedReport {
        game,
        equilibrium: &correlated::welfare_maximizing(game)?,
        scenario: settings.scenario.as_deref(),
        values: &loaded.values,
        notes: vec!["a correlated equilibrium is a distribution over profiles recommended privately by a mediator; \
             this one maximizes the total payoff"
            .to_string()],
    };
    let text = Format::from(args.format).render(&report)?;
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_labels_are_one_based() {
        assert_eq!(start_label(None, 4).unwrap(), None);
        assert_eq!(start_label(Some(1), 4).unwrap(), Some(0));
        assert_eq!(start_label(Some(4), 4).unwrap(), Some(3));
        assert!(matches!(start_label(Some(5), 4), Err(Error::InvalidOption(_))));
        assert!(matches!(start_label(Some(u64::MAX), 4), Err(Error::InvalidOption(_))));
    }

    #[test]
    fn method_names_match_the_registry() {
        for m in MethodArg::value_variants() {
            let method = Method::from(*m);
            // Every value names the library method of the same name.
            assert_eq!(m.to_possible_value().unwrap().get_name(), method.name());
            if *m != MethodArg::Auto && *m != MethodArg::Spe {
                assert!(solve::find(method).is_some(), "{method}");
            }
        }
        assert_eq!(solve::SOLVERS.len(), MethodArg::value_variants().len() - 2);
    }
}
