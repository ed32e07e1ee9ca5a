//! The command line: the only user of clap.
//!
//! Arguments are parsed in two steps: clap turns the command line into raw argument structs
//! ([`Cli`]), then each subcommand checks them into settings (exact `--set` values, 0-based
//! labels, output format) before calling the library. [`run`] executes a parsed command and
//! writes its output through [`standoff::output::emit`]; it never prints errors itself — the
//! binary prints the returned error once and picks the exit code with [`exit_code`].

mod args;
pub mod attrition;
pub mod compare;
pub mod completions;
pub mod convert;
pub mod info;
pub mod man;
pub mod notice;
mod paths;

pub mod limits;
pub mod plot;
pub mod progress;
pub mod qre;
pub mod region;
pub mod report;
pub mod solve;
pub mod sweep;
pub mod thresholds;

use clap::{Parser, Subcommand};
use standoff::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

const MAIN_EXAMPLES: &str = "\
Examples:
  standoff solve models/standoff.toml
  standoff solve models/standoff.toml --scenario hawkish_us --format json
  standoff info models/standoff.toml
  standoff convert models/standoff.toml --to nfg -o standoff.nfg
  standoff completions bash > standoff.bash
  standoff man > standoff.1";

/// Exact game-theory analysis of strategic standoffs.
#[derive(Debug, Parser)]
#[command(name = "standoff", version, about, long_about = None, after_help = MAIN_EXAMPLES)]
#[command(propagate_version = true, arg_required_else_help = true)]
pub struct Cli {
    /// Do not say which files were written (the `wrote FILE` lines on stderr).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
    /// Caps on memory, input size and work (global flags).
    #[command(flatten)]
    pub limits: limits::LimitArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find the equilibria of a game, exactly.
    Solve(solve::SolveArgs),
    /// Describe a model: players, parameters, scenarios, dominance, and the class of a 2x2 game.
    Info(info::InfoArgs),
    /// Convert a model to Gambit's .nfg or .efg format or to a TOML model (parameter values substituted).
    Convert(convert::ConvertArgs),
    /// The payoff region: feasible set, minmax, Pareto frontier, Nash and correlated equilibria (2 or 3 players).
    Region(region::RegionArgs),
    /// Draw a chart of a game (payoff region, best responses, or the game tree) as SVG or PNG.
    Plot(plot::PlotArgs),
    /// Solve a model over a grid of parameter values: equilibria and regime at every point.
    Sweep(sweep::SweepArgs),
    /// Find the exact parameter values where the regime changes along one parameter.
    Thresholds(thresholds::ThresholdsArgs),
    /// Compare scenarios or model files side by side: parameters, equilibria, outcomes, what changed.
    Compare(compare::CompareArgs),
    /// War of attrition: per-period concession probabilities, survival, who concedes first, duration (multistage models).
    Attrition(attrition::AttritionArgs),
    /// Logit quantal response equilibria: play at chosen precisions λ, the limiting Nash equilibrium, a chart, a fit of λ.
    Qre(qre::QreArgs),
    /// One self-contained HTML page (or Markdown) with everything about a model: equilibria, charts, thresholds, scenarios, an explorer.
    Report(report::ReportArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the manual page (or write one page per subcommand into a directory).
    Man(man::ManArgs),
}

/// A file a command writes: the flag that names it and its path.
type Written<'a> = (&'static str, &'a Path);

impl Command {
    /// The model files the command reads and the files it writes (flag, path), for
    /// [`paths::check_distinct`].
    fn files(&self) -> (Vec<&Path>, Vec<Written<'_>>) {
        fn out<'a>(flag: &'static str, p: &'a Option<PathBuf>) -> Option<Written<'a>> {
            p.as_deref().map(|p| (flag, p))
        }
        let (inputs, outputs): (Vec<&Path>, Vec<Option<Written<'_>>>) = match self {
            Command::Solve(a) => (vec![&a.model.model], vec![out("-o", &a.output)]),
            Command::Info(a) => (vec![&a.model.model], vec![out("-o", &a.output)]),
            Command::Convert(a) => (vec![&a.model.model], vec![out("-o", &a.output)]),
            Command::Region(a) => (vec![&a.model.model], vec![out("-o", &a.output)]),
            Command::Plot(a) => (vec![&a.model.model], vec![out("-o", &a.output)]),
            Command::Sweep(a) => (vec![&a.model.model], vec![out("-o", &a.output), out("--plot", &a.plot)]),
            Command::Thresholds(a) => (vec![&a.model.model], vec![out("-o", &a.output)]),
            Command::Compare(a) => {
                (a.models.iter().map(PathBuf::as_path).collect(), vec![out("-o", &a.output), out("--plot", &a.plot)])
            }
            Command::Attrition(a) => (vec![&a.model], vec![out("-o", &a.output), out("--plot", &a.plot)]),
            Command::Qre(a) => (vec![&a.model.model], vec![out("-o", &a.output), out("--plot", &a.plot)]),
            Command::Report(a) => (vec![&a.model], vec![out("-o", &a.output)]),
            Command::Completions(_) | Command::Man(_) => (Vec::new(), Vec::new()),
        };
        (inputs, outputs.into_iter().flatten().collect())
    }
}

/// Runs a parsed command, writing its normal output to `stdout` (or to the `-o` file).
pub fn run(cli: Cli, stdout: &mut dyn Write) -> Result<()> {
    notice::set_quiet(cli.quiet);

    standoff::game::budget::set_limits(cli.limits.limits());
    let (inputs, outputs) = cli.command.files();
    paths::check_distinct(&inputs, &outputs)?;
    match cli.command {
        Command::Solve(args) => solve::run(&args, stdout),
        Command::Info(args) => info::run(&args, stdout),
        Command::Convert(args) => convert::run(&args, stdout),
        Command::Region(args) => region::run(&args, stdout),
        Command::Plot(args) => plot::run(&args, stdout),
        Command::Sweep(args) => sweep::run(&args, stdout),
        Command::Thresholds(args) => thresholds::run(&args, stdout),
        Command::Compare(args) => compare::run(&args, stdout),
        Command::Attrition(args) => attrition::run(&args, stdout),
        Command::Qre(args) => qre::run(&args, stdout),
        Command::Report(args) => report::run(&args, stdout),
        Command::Completions(args) => completions::run(&args, stdout),
        Command::Man(args) => man::run(&args, stdout),
    }
}

/// The process exit code for an error: 2 for usage errors (bad flags or values), 1 otherwise.
pub fn exit_code(error: &Error) -> u8 {
    match error {
        Error::Parameter(_) | Error::WrongKind(_) | Error::InvalidOption(_) | Error::Output(_) => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Issue 13: help examples wrapped mid-command at 100 columns. Every line of every
    /// `Examples:` block fits in 96 columns (long commands continue with `\` on the next line).
    #[test]
    fn help_examples_fit_in_100_columns() {
        let cmd = Cli::command();
        let mut blocks = vec![cmd.get_after_help().map(|h| h.to_string())];
        blocks.extend(cmd.get_subcommands().map(|s| s.get_after_help().map(|h| h.to_string())));
        let mut checked = 0;
        for text in blocks.into_iter().flatten() {
            for line in text.lines() {
                assert!(line.chars().count() <= 96, "too long for an 100-column terminal: {line}");
                checked += 1;
            }
        }
        assert!(checked > 40, "{checked}");
    }

    #[test]
    fn usage_errors_exit_2() {
        assert_eq!(exit_code(&Error::InvalidOption("x".into())), 2);
        assert_eq!(exit_code(&Error::Game("x".into())), 1);
    }

    #[test]
    fn parses_repeated_set() {
        let cli = Cli::try_parse_from(["standoff", "solve", "m.toml", "--set", "a=1", "--set", "b=-1/2"]).unwrap();
        let Command::Solve(args) = cli.command else { panic!("expected solve") };
        assert_eq!(args.model.set, vec!["a=1", "b=-1/2"]);
    }
}
