//! `standoff qre`: logit quantal response equilibria of a strategic-form model.

use super::args::ModelArgs;
use clap::{Args, ValueEnum};
use standoff::error::{Error, Result};
use standoff::output::qre::{self as report, QreReport};
use standoff::output::GameSummary;
use standoff::solve::logit;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff qre models/standoff.toml
  standoff qre models/standoff.toml --lambda 0.5 --lambda 2 --format json
  standoff qre models/six_party.toml --set pressure=3 --plot qre.svg
  standoff qre models/standoff.toml --fit '0.4,0.6;0.7,0.3'";

/// Output formats of `qre`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QreFormat {
    /// readable text
    Table,
    /// JSON (probabilities as floats; the limiting equilibrium exact)
    Json,
    /// CSV: one row per λ
    Csv,
}

/// Raw arguments of `standoff qre`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct QreArgs {
    /// The model and its parameter values.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Report the QRE at precision λ (repeatable; payoff units). Default: a logarithmic grid.
    #[arg(long, value_name = "X")]
    pub lambda: Vec<f64>,
    /// The largest λ of the default grid, the chart and the fit (default: 1000 / payoff range).
    #[arg(long, value_name = "X")]
    pub max_lambda: Option<f64>,
    /// Fit λ by maximum likelihood to observed frequencies or counts: players separated by `;`,
    /// strategies by `,` (e.g. `0.4,0.6;0.7,0.3`).
    #[arg(long, value_name = "FREQS")]
    pub fit: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QreFormat::Table)]
    pub format: QreFormat,
    /// Also draw each player's probabilities against λ (log scale) to FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Parses `--fit` frequencies: `a,b;c,d`.
pub fn parse_freqs(s: &str) -> Result<Vec<Vec<f64>>> {
    s.split(';')
        .map(|player| {
            player
                .split(',')
                .map(|x| {
                    x.trim().parse::<f64>().map_err(|_| Error::InvalidOption(format!("--fit: `{x}` is not a number")))
                })
                .collect()
        })
        .collect()
}

/// The default grid: 0, then 1, 2, 5 times powers of ten from about 0.1 to `max` (payoff units).
fn default_grid(range: f64, max: f64) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut decade = 10f64.powf((0.1 / range).log10().floor());
    while decade <= max {
        for m in [1.0, 2.0, 5.0] {
            let l = m * decade;
            if l <= max * (1.0 + 1e-12) {
                out.push(l);
            }
        }
        decade *= 10.0;
    }
    out
}

/// Runs `standoff qre`.
pub fn run(args: &QreArgs, stdout: &mut dyn Write) -> Result<()> {
    let settings = args.model.settings()?;
    let loaded = match standoff::model::load_game(&args.model.model, &settings)? {
        standoff::model::LoadedGame::Normal(l) => l,
        standoff::model::LoadedGame::Tree(_) => {
            return Err(Error::WrongKind(format!(
                "{}: `qre` needs a strategic-form game; convert the tree with `standoff convert` first",
                args.model.model.display()
            )))
        }
    };
    let game = &loaded.game;
    if let Some(p) = &args.plot {
        standoff::plot::ImageFormat::from_path(p)?;
    }
    let range = logit::Tracer::new(game)?.float_game().range;
    let max = args.max_lambda.unwrap_or(1000.0 / range);
    if !max.is_finite() || max <= 0.0 {
        return Err(Error::InvalidOption(format!("--max-lambda must be positive, got {max}")));
    }
    let mut lambdas = if args.lambda.is_empty() { default_grid(range, max) } else { args.lambda.clone() };
    lambdas.sort_by(f64::total_cmp);
    let points = logit::qre_at(game, &lambdas)?;
    let limit = logit::limit_equilibrium(game).ok();
    let fit = match &args.fit {
        Some(s) => Some(logit::fit_lambda(game, &parse_freqs(s)?, max)?),
        None => None,
    };
    let r = QreReport {
        game: GameSummary::of(game),
        scenario: settings.scenario.clone(),
        parameters: loaded.values.clone(),
        points,
        limit,
        fit,
    };
    if let Some(path) = &args.plot {
        let chart = standoff::plot::qre::QreChart {
            title: game.title.clone(),
            players: r.game.players.clone(),
            strategies: r.game.strategies.clone(),
            points: logit::branch(game, max)?,
        };
        standoff::plot::write_chart(&chart, path)?;
        super::notice::wrote(path);
    }
    let text = match args.format {
        QreFormat::Table => report::table(&r),
        QreFormat::Json => report::json(&r),
        QreFormat::Csv => report::csv(&r),
    };
    super::notice::emit_to(&text, args.output.as_deref(), stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_frequencies_and_grids() {
        assert_eq!(parse_freqs("1,2;0.5, 0.5").unwrap(), vec![vec![1.0, 2.0], vec![0.5, 0.5]]);
        assert!(parse_freqs("1,x").is_err());
        let g = default_grid(1.0, 1000.0);
        assert_eq!(g[..4], [0.0, 0.1, 0.2, 0.5]);
        assert_eq!(*g.last().unwrap(), 1000.0);
    }
}
