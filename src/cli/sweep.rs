//! `standoff sweep`: solve a model over a grid of parameter values.
//!
//! Arguments and orchestration only: the grid and the parallel solving are
//! [`standoff::analysis::sweep`], the formats [`standoff::output::sweep`] (CSV and JSON Lines streamed
//! chunk by chunk, so memory does not grow with the grid; the table for small sweeps), the chart
//! [`standoff::plot::sweep`], and the writing [`standoff::output::Output`].
//!
//! `--shard K/N` solves the K-th of N contiguous slices of the grid. The CSV header is written by
//! shard 1 only, so `cat shard-1.csv ... shard-N.csv` is byte for byte the output of the whole
//! sweep; JSON Lines shards concatenate the same way.

use super::args::ModelArgs;
use super::solve::MethodArg;
use clap::{value_parser, Args, ValueEnum};
use standoff::analysis::sweep::{Grid, Shard, Subject, Sweep, SweepPoint, CHUNK, DEFAULT_MAX_POINTS};
use standoff::error::{Error, Result};
use standoff::model::{self, LoadedGame, Model};
use standoff::output::sweep::{json_line, table, SweepCsv};
use standoff::output::Output;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  standoff sweep models/standoff.toml --param us_sucker=-2:4:61
  standoff sweep models/standoff.toml --param us_sucker=-2:4:61 \\
      --format csv -o sucker.csv --plot sucker.svg
  standoff sweep models/standoff.toml --param us_sucker=-5:5:201 \\
      --param dprk_standoff=-8:2:201 --plot map.png
  standoff sweep models/standoff.toml --param us_sucker=-5:5:1000 \\
      --param dprk_standoff=-8:2:1000 --format csv --shard 3/8 -o part-3.csv";

/// Largest sweep printed as a table.
pub const MAX_TABLE_POINTS: u64 = 10_000;

/// Output formats of `sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// a readable table of points and a summary of regimes (small sweeps)
    Table,
    /// CSV, one row per grid point and equilibrium (streamed)
    Csv,
    /// JSON Lines, one object per grid point (streamed)
    Json,
}

/// Raw arguments of `standoff sweep`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct SweepArgs {
    /// The model and the values of the parameters that are not swept.
    #[command(flatten)]
    pub model: ModelArgs,
    /// A swept parameter: STEPS exact values from START to STOP inclusive (repeatable; the last varies fastest).
    #[arg(long = "param", value_name = "NAME=START:STOP:STEPS", required = true)]
    pub params: Vec<String>,
    /// Solution method.
    #[arg(long, value_enum, default_value_t = MethodArg::Auto)]
    pub method: MethodArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SweepFormat::Table)]
    pub format: SweepFormat,
    /// Solve only slice K of N of the grid (contiguous; shard outputs concatenate to the whole).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Refuse sweeps with more than N grid points.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_POINTS, value_parser = value_parser!(u64).range(1..))]
    pub max_points: u64,
    /// Draw a chart to FILE (.svg or .png): one parameter: probabilities and payoffs; two: a regime map.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Loads the model of `args` through the model loader; sweeps need a TOML model (`.nfg` and
/// `.efg` games have no parameters).
pub fn load_model(args: &ModelArgs) -> Result<Model> {
    let loaded = match model::load_game(&args.model, &args.settings()?)? {
        LoadedGame::Normal(l) => l.model,
        LoadedGame::Tree(t) => t.model,
    };
    loaded.ok_or_else(|| {
        Error::WrongKind(format!("{}: sweeps need a `.toml` model with parameters", args.model.display()))
    })
}

/// A progress bar on stderr for sweeps of at least this many points (only on a terminal).
const PROGRESS_MIN_POINTS: u64 = 20_000;

fn progress_bar(len: u64) -> Option<indicatif::ProgressBar> {
    if len < PROGRESS_MIN_POINTS || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(len), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} points, {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Runs `standoff sweep`.
pub fn run(args: &SweepArgs, stdout: &mut dyn Write) -> Result<()> {
    let model = load_model(&args.model)?;
    let settings = args.model.settings()?;
    let base = model.values(&settings)?;
    let grid = Grid::from_specs(&model, &args.params, args.max_points)?;
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    if shard.is_some() && args.plot.is_some() {
        return Err(Error::InvalidOption(
            "--plot needs the whole grid; drop --shard (or plot the joined CSV later)".into(),
        ));
    }
    if let Some(p) = &args.plot {
        standoff::plot::sweep::check_extension(p)?;
        if grid.axes.len() > 2 {
            return Err(Error::InvalidOption("--plot draws sweeps of one or two parameters".into()));
        }
    }
    let range = shard.map_or(0..grid.total, |s| s.range(grid.total));
    if args.format == SweepFormat::Table && range.end - range.start > MAX_TABLE_POINTS {
        return Err(Error::InvalidOption(format!(
            "the sweep has {} points; the table format shows at most {MAX_TABLE_POINTS}: use --format csv or json",
            range.end - range.start
        )));
    }
    let sweep = Sweep::new(&model, base.clone(), grid, args.method.into());
    let subject = Subject::of(&model, &base)?;
    let axes = sweep.grid().axes.clone();
    let csv = SweepCsv::with_axes(&subject, &axes);
    let mut sink = Output::open(args.output.as_deref(), stdout)?;
    let mut plot = args.plot.as_ref().map(|_| standoff::plot::sweep::SweepData::new(&axes, &subject));
    let mut table_points: Vec<SweepPoint> = Vec::new();
    let bar = progress_bar(range.end - range.start);
    if args.format == SweepFormat::Csv && shard.is_none_or(|s| s.k == 1) {
        sink.write_str(&csv.header(&axes))?;
    }
    let render = |points: &[SweepPoint], out: &mut String| {
        out.clear();
        // Room for the usual rows at once: growing a large buffer step by step costs page faults.
        out.reserve(points.len() * 256);
        match args.format {
            SweepFormat::Csv => csv.push_points(points, out),
            SweepFormat::Json => points.iter().for_each(|p| out.push_str(&json_line(&subject, &axes, p))),
            SweepFormat::Table => {}
        }
    };
    let tick = |done: u64| {
        if let Some(b) = &bar {
            b.set_position(done);
        }
    };
    // On error the sink is dropped unfinished: a file's temporary is removed, the old file stays.
    let result = sweep.stream(
        range,
        CHUNK,
        render,
        |points, text| {
            if let Some(p) = plot.as_mut() {
                p.add(points);
            }
            if args.format == SweepFormat::Table {
                table_points.extend_from_slice(points);
            }
            sink.write_str(text)
        },
        &tick,
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    result?;
    if args.format == SweepFormat::Table {
        sink.write_str(&table(&model, &settings, &base, &axes, &subject, &table_points))?;
    }
    sink.finish()?;
    if let Some(path) = &args.output {
        super::notice::wrote(path);
    }
    if let (Some(path), Some(data)) = (&args.plot, plot) {
        let boundaries = match axes.as_slice() {
            [a] => standoff::analysis::thresholds::thresholds(
                &model,
                &base,
                a.index,
                &a.start,
                &a.stop,
                a.steps.clamp(2, 200),
                args.method.into(),
            )
            .map(|t| t.boundaries)
            .unwrap_or_default(),
            _ => Vec::new(),
        };
        standoff::plot::sweep::draw(&data, &boundaries, &model.title, path)?;
        super::notice::wrote(path);
    }
    Ok(())
}
