//! `standoff plot`: draw a chart of a model as SVG or PNG.

use super::args::ModelArgs;
use super::solve::MethodArg;
use clap::{Args, ValueEnum};
use standoff::analysis::region;
use standoff::error::{Error, Result};
use standoff::game::Tree;
use standoff::model::{self, Loaded, LoadedGame, Settings};
use standoff::plot::best_response::{BestResponseChart, PayoffLinesChart};
use standoff::plot::region::{RegionChart, RegionChart3};
use standoff::plot::tree::TreeChart;
use standoff::plot::{write_chart, ImageFormat};
use standoff::solve::{self, Method, SolveOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  standoff plot models/standoff.toml --kind region
  standoff plot models/standoff.toml --kind best-response -o standoff-br.png
  standoff plot models/standoff.toml --kind region --scenario coalition_pressure
  standoff plot models/offer_first.toml --kind tree
  standoff plot models/type_uncertainty.toml --kind tree --method enum --equilibrium 7";

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// payoff region: feasible set, individually rational part, Pareto frontier, Nash and correlated equilibria
    Region,
    /// best-response correspondences of a 2x2 game in the unit square, or a player's payoff lines in a 2xN game
    BestResponse,
    /// the game tree (tree models and .efg files) with an equilibrium's path highlighted
    Tree,
}

impl Kind {
    /// The name used on the command line and in default file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::BestResponse => "best-response",
            Kind::Tree => "tree",
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
    /// The chart file (`--help` gives the default name).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help = "Output file, .svg or .png (default: plots/<model>[-<scenario>]-<kind>.svg)"
    )]
    pub output: Option<PathBuf>,
    /// With --kind tree: highlight equilibrium N (1-based, in the order `standoff solve` lists them).
    #[arg(long, value_name = "N")]
    pub equilibrium: Option<usize>,
    /// With --kind tree: the method whose equilibria are highlighted (as for `standoff solve`).
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
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

/// Draws the tree of a tree model with equilibrium `n` (1-based; default the first) of
/// `solve_tree(tree, method)` highlighted, to `path`.
pub fn draw_tree(tree: &Tree, settings: &Settings, method: Method, n: Option<usize>, path: &Path) -> Result<()> {
    ImageFormat::from_path(path)?;
    // The size cap first: it costs nothing, the solve can cost seconds.
    standoff::plot::tree::check_drawable(tree)?;
    let sub = subtitle(settings);
    let chart = match solve::tree::solve_tree(tree, method, &SolveOptions::default()) {
        Ok(sol) => {
            let k = n.unwrap_or(1);
            let total = sol.equilibria.len();
            if k == 0 || k > total.max(1) {
                return Err(Error::InvalidOption(format!(
                    "--equilibrium {k}: the tree has {total} equilibri{} (method {}); choose 1 to {total}",
                    if total == 1 { "um" } else { "a" },
                    sol.method
                )));
            }
            match sol.equilibria.get(k - 1) {
                Some(e) => {
                    let what = if sol.method == Method::Spe { "subgame-perfect equilibrium" } else { "equilibrium" };
                    let note = format!("Highlighted: {what} {k} of {total} ({})", sol.method);
                    TreeChart::new(tree, Some(e), Some(note), sub)?
                }
                None => TreeChart::new(tree, None, Some(format!("No equilibrium found by {}", sol.method)), sub)?,
            }
        }
        Err(e @ (Error::Internal(_) | Error::InvalidOption(_))) => return Err(e),
        Err(e) if n.is_some() => return Err(e),
        Err(e) => TreeChart::new(tree, None, Some(format!("No equilibrium highlighted: {e}")), sub)?,
    };
    write_chart(&chart, path)
}

/// Draws the chart `kind` of a loaded model to `path`.
pub fn draw(loaded: &Loaded, settings: &Settings, kind: Kind, path: &Path) -> Result<()> {
    ImageFormat::from_path(path)?;
    let game = &loaded.game;
    let sub = subtitle(settings);
    match kind {
        Kind::Tree => match &loaded.tree {
            Some(tree) => draw_tree(tree, settings, Method::Auto, None, path),
            None => Err(not_a_tree()),
        },
        Kind::Region if game.num_players() == 3 => {
            write_chart(&RegionChart3::new(game, region::analyze3(game)?, sub), path)
        }
        Kind::Region => write_chart(&RegionChart::new(game, region::analyze(game)?, sub), path),
        Kind::BestResponse => {
            let shape = game.shape();
            let two = shape.len() == 2 && (shape[0] == 2 || shape[1] == 2);
            if !two {
                return Err(Error::Unsupported {
                    method: "plot --kind best-response".into(),
                    reason: format!("it draws 2x2, 2xN and Nx2 games; this game has shape {shape:?}"),
                });
            }
            let eq = solve::solve(game, Method::Enum, &SolveOptions::default())?.equilibria;
            if shape == [2, 2] {
                write_chart(&BestResponseChart::new(game, eq, sub)?, path)
            } else {
                write_chart(&PayoffLinesChart::new(game, eq, sub)?, path)
            }
        }
    }
}

fn not_a_tree() -> Error {
    Error::Unsupported {
        method: "plot --kind tree".into(),
        reason: "it draws game trees (tree models with kind = \"tree\" and .efg files); this is a strategic-form game"
            .into(),
    }
}

/// Runs `standoff plot`; says on stderr which file it wrote (standard output stays empty).
pub fn run(args: &PlotArgs, _stdout: &mut dyn Write) -> Result<()> {
    if args.equilibrium.is_some() && args.kind != Kind::Tree {
        return Err(Error::InvalidOption("--equilibrium applies to --kind tree only".into()));
    }
    if args.method != MethodArg::Auto && args.kind != Kind::Tree {
        return Err(Error::InvalidOption("--method applies to --kind tree only".into()));
    }
    let settings = args.model.settings()?;
    let path = match &args.output {
        Some(p) => p.clone(),
        None => default_path(&args.model.model, settings.scenario.as_deref(), args.kind),
    };
    ImageFormat::from_path(&path)?;
    // A tree chart keeps the tree as loaded (no reduced strategic form is built).
    let loaded = if args.kind == Kind::Tree {
        match model::load_game(&args.model.model, &settings)? {
            LoadedGame::Tree(t) => LoadedGame::Tree(t),
            LoadedGame::Normal(_) => return Err(not_a_tree()),
        }
    } else {
        LoadedGame::Normal(model::load(&args.model.model, &settings)?)
    };
    if args.output.is_none() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
            if dir.exists() {
                return Err(Error::Output(format!(
                    "{}: not a directory, so the chart cannot go into it; choose the file with -o",
                    dir.display()
                )));
            }
            std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
            super::notice::say(&format!(
                "created directory {}/ for the chart (choose the file with -o)",
                dir.display()
            ));
        }
    }
    match loaded {
        LoadedGame::Normal(loaded) => draw(&loaded, &settings, args.kind, &path)?,
        LoadedGame::Tree(t) => draw_tree(&t.tree, &settings, args.method.into(), args.equilibrium, &path)?,
    }
    super::notice::wrote(&path);
    Ok(())
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
