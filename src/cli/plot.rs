//! `standoff plot`: draw a chart of a model as SVG or PNG.

use super::ModelArgs;
use crate::analysis::region;
use crate::error::{Error, Result};
use crate::model::{Loaded, Settings};
use crate::plot::best_response::BestResponseChart;
use crate::plot::region::RegionChart;
use crate::plot::{write_chart, ImageFormat};
use crate::solve::{self, SolveOptions};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  standoff plot models/standoff.toml --kind region
  standoff plot models/standoff.toml --kind best-response -o standoff-br.png
  standoff plot models/standoff.toml --kind region --scenario coalition_pressure";

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// payoff region: feasible set, individually rational part, Pareto frontier, Nash and correlated equilibria
    Region,
    /// best-response correspondences of a 2x2 game in the unit square, with the equilibria
    BestResponse,
}

impl Kind {
    /// The name used on the command line and in default file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::BestResponse => "best-response",
        }
    }
}

/// Raw arguments of `standoff plot`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct PlotArgs {
    /// The model and its parameter values.
    #[command(flatten)]
    pub model: ModelArgs,
    /// What to draw.
    #[arg(long, value_enum, default_value_t = Kind::Region)]
    pub kind: Kind,
    /// Output file, .svg or .png (default: plots/<model>[-<scenario>]-<kind>.svg).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The default output file: `plots/<model stem>[-<scenario>]-<kind>.svg`.
pub fn default_path(model: &Path, scenario: Option<&str>, kind: Kind) -> PathBuf {
    let stem = model.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "chart".into());
    let name = match scenario {
        Some(s) => format!("{stem}-{s}-{}.svg", kind.name()),
        None => format!("{stem}-{}.svg", kind.name()),
    };
    Path::new("plots").join(name)
}

/// The subtitle: scenario and `--set` overrides, if any.
fn subtitle(settings: &Settings) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(s) = &settings.scenario {
        parts.push(format!("scenario {s}"));
    }
    for (name, v) in &settings.set {
        parts.push(format!("{name} = {v}"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Draws the chart `kind` of a loaded model to `path`.
pub fn draw(loaded: &Loaded, settings: &Settings, kind: Kind, path: &Path) -> Result<()> {
    ImageFormat::from_path(path)?;
    let game = &loaded.game;
    let sub = subtitle(settings);
    match kind {
        Kind::Region => write_chart(&RegionChart::new(game, region::analyze(game)?, sub), path),
        Kind::BestResponse => {
            if game.shape() != [2, 2] {
                return Err(Error::Unsupported {
                    method: "plot --kind best-response".into(),
                    reason: format!("it draws 2x2 games; this game has shape {:?}", game.shape()),
                });
            }
            let eq = solve::solve(game, "enum", &SolveOptions::default())?.equilibria;
            write_chart(&BestResponseChart::new(game, eq, sub)?, path)
        }
    }
}

/// Runs `standoff plot`; prints the file written.
pub fn run(args: &PlotArgs, stdout: &mut dyn Write) -> Result<()> {
    let (loaded, settings) = args.model.load()?;
    let path = match &args.output {
        Some(p) => p.clone(),
        None => {
            let p = default_path(&args.model.model, settings.scenario.as_deref(), args.kind);
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
            }
            p
        }
    };
    draw(&loaded, &settings, args.kind, &path)?;
    crate::output::emit(&format!("wrote {}\n", path.display()), None, stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(
            default_path(Path::new("models/standoff.toml"), None, Kind::Region),
            Path::new("plots/standoff-region.svg")
        );
        assert_eq!(
            default_path(Path::new("x/m.toml"), Some("hawkish"), Kind::BestResponse),
            Path::new("plots/m-hawkish-best-response.svg")
        );
    }
}
