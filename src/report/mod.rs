//! `standoff report`: the analyst's one-page report of a model.
//!
//! [`build`] gathers everything by calling the library — the equilibria, the 2x2 class, the
//! payoff region, the best-response or tree chart and the correlated equilibrium of the defaults
//! and of each scenario; the exact thresholds of every parameter over its declared range; the
//! scenario comparison; the war-of-attrition analysis of a multistage model; the grid of the
//! parameter explorer, solved by the sweep engine — into a [`Report`]. [`html::render`] turns it
//! into one self-contained HTML page (inline SVG, CSS and script; no network), [`md::render`] into
//! Markdown. A part that does not apply to a model, or is too large for it, is a
//! [`Part::Skipped`] with a one-line reason, never a failure of the whole report.
//!
//! This module sits above `output` and `plot` (it uses their text helpers and charts) and below
//! the command line; like the rest of the library it never prints.

pub mod html;
pub mod md;

use crate::analysis::attrition::{concession, ConcessionAnalysis};
use crate::analysis::classify::{classify_2x2, Classification};
use crate::analysis::compare::{compare, Comparison, Input, InputGame};
use crate::analysis::regime::tree_equilibrium_label;
use crate::analysis::region;
use crate::analysis::sweep::{Axis, Grid, PointEquilibria, Sweep};
use crate::analysis::thresholds::{thresholds, Thresholds};
use crate::error::{Error, Result};
use crate::game::tree::Tree;
use crate::game::NormalForm;
use crate::model::{Body, Model, Parameter, Scenario, Settings};
use crate::num::{fmt_q, Q};
use crate::output::{mixed_text, with_decimal};
use crate::plot::best_response::{BestResponseChart, PayoffLinesChart};
use crate::plot::region::{RegionChart, RegionChart3};
use crate::plot::tree::TreeChart;
use crate::plot::{render_svg, Chart};
use crate::solve::tree::multistage::{solve_multistage, Selection};
use crate::solve::tree::{solve_tree, TreeEquilibrium};
use crate::solve::{self, Equilibrium, Method, SolveOptions};
use num_traits::{One, Zero};
use std::path::Path;

/// Grid points per parameter in the explorer (plus the default when it is not one of them).
pub const EXPLORER_STEPS: usize = 21;

/// Scan points of the regime table (the default of `standoff thresholds`, so the numbers agree).
pub const THRESHOLD_STEPS: usize = 101;

/// The largest expanded tree (nodes) of a multistage model solved at one explorer point.
pub const MAX_EXPLORER_TREE_NODES: u64 = 200;

/// The largest expanded tree (nodes) of a multistage model whose thresholds the regime table
/// computes (at both ends of the parameter's range).
pub const MAX_REGIME_TREE_NODES: u64 = 200;

/// Equilibria shown per setting and per explorer point; the rest are counted.
pub const MAX_SHOWN_EQUILIBRIA: usize = 12;

/// The largest embedded explorer data (bytes of JSON); beyond it the grids are thinned.
pub const MAX_EXPLORER_BYTES: usize = 200_000;

/// What to put in the report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Scenarios to show after the defaults; empty: every scenario the model declares.
    pub scenarios: Vec<String>,
}

/// A part of the report, or why it is left out.
#[derive(Debug, Clone)]
pub enum Part<T> {
    /// The part.
    Done(T),
    /// Why it is left out (one line).
    Skipped(String),
}

impl<T> Part<T> {
    fn from_result(r: Result<T>, what: &str) -> Part<T> {
        match r {
            Ok(x) => Part::Done(x),
            Err(e) => Part::Skipped(format!("{what} skipped: {e}")),
        }
    }

    /// The part, if it is there.
    pub fn done(&self) -> Option<&T> {
        match self {
            Part::Done(x) => Some(x),
            Part::Skipped(_) => None,
        }
    }
}

/// The kind of game a model describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// A strategic-form game.
    Normal,
    /// A game tree.
    Tree,
    /// A multistage game (a war of attrition), analysed through its expanded tree.
    Multistage,
}

impl ModelKind {
    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            ModelKind::Normal => "strategic-form game",
            ModelKind::Tree => "game tree",
            ModelKind::Multistage => "multistage game (war of attrition)",
        }
    }
}

/// Equilibria as shown: one table per equilibrium, in the words of `standoff solve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EqView {
    /// `pure` or `mixed`.
    pub kind: String,
    /// Table rows: normal form `[player, strategy, payoff]`, trees `[player, information set, behaviour]`.
    pub rows: Vec<Vec<String>>,
    /// Lines under the table: path and payoffs of a tree equilibrium, outcome probabilities.
    pub lines: Vec<String>,
}

/// The equilibria of one setting, as shown.
#[derive(Debug, Clone)]
pub struct EquilibriaView {
    /// The method that ran (`enum`, `pure`, `spe`).
    pub method: String,
    /// Column headers of the tables.
    pub header: Vec<String>,
    /// The first [`MAX_SHOWN_EQUILIBRIA`] equilibria.
    pub shown: Vec<EqView>,
    /// How many there are in all.
    pub total: usize,
    /// The solver's remarks.
    pub notes: Vec<String>,
}

/// The welfare-maximising correlated equilibrium: payoffs and the recommended profiles.
#[derive(Debug, Clone)]
pub struct CorrelatedPoint {
    /// Expected payoff per player.
    pub payoffs: Vec<Q>,
    /// Recommended pure profiles (`A/B`) with their probabilities.
    pub distribution: Vec<(String, Q)>,
    /// Total payoff of the best Nash equilibrium found, for comparison.
    pub best_nash_welfare: Option<Q>,
}

/// The defaults or one scenario: everything about that setting.
#[derive(Debug, Clone)]
pub struct SettingReport {
    /// `defaults` or the scenario's name.
    pub label: String,
    /// The scenario, if any.
    pub scenario: Option<Scenario>,
    /// Parameter values used.
    pub values: Vec<(String, Q)>,
    /// The equilibria, as `standoff solve` shows them.
    pub equilibria: Part<EquilibriaView>,
    /// The ordinal class of a 2x2 game.
    pub class: Part<Classification>,
    /// The payoff-region chart (SVG).
    pub region: Part<String>,
    /// The best-response or tree chart: (caption, SVG).
    pub chart: Part<(String, String)>,
    /// The welfare-maximising correlated equilibrium.
    pub correlated: Part<CorrelatedPoint>,
    /// What it means, from the numbers.
    pub findings: Vec<String>,
}

/// The thresholds of one parameter over its declared range.
#[derive(Debug, Clone)]
pub struct RegimeRow {
    /// The parameter.
    pub parameter: String,
    /// Its thresholds, or why they are missing.
    pub thresholds: Part<Thresholds>,
}

/// The scenario comparison and its chart.
#[derive(Debug, Clone)]
pub struct ComparisonSection {
    /// The comparison (defaults first, then the scenarios).
    pub comparison: Comparison,
    /// The grouped bar chart (SVG).
    pub svg: Part<String>,
}

/// The war-of-attrition analysis of one setting of a multistage model.
#[derive(Debug, Clone)]
pub struct AttritionSetting {
    /// `defaults` or the scenario's name.
    pub label: String,
    /// Per selected SPE (the default selection of `standoff attrition`): its kind and analysis.
    pub equilibria: Vec<(String, ConcessionAnalysis)>,
}

/// The war-of-attrition section.
#[derive(Debug, Clone)]
pub struct AttritionSection {
    /// Per setting.
    pub settings: Vec<AttritionSetting>,
    /// The survival and concession chart (SVG).
    pub svg: Part<String>,
}

/// One explorer grid point: its exact value, regime and equilibria.
#[derive(Debug, Clone)]
pub struct ExplorerPoint {
    /// The parameter's exact value.
    pub value: Q,
    /// The regime label of the sweep.
    pub regime: String,
    /// The equilibria shown (at most [`MAX_SHOWN_EQUILIBRIA`]).
    pub equilibria: Vec<EqView>,
    /// How many there are in all.
    pub total: usize,
}

/// One explorer slider: a parameter and its grid.
#[derive(Debug, Clone)]
pub struct ExplorerParameter {
    /// The parameter.
    pub name: String,
    /// Its meaning.
    pub meaning: String,
    /// The grid points solved, in increasing order.
    pub points: Vec<ExplorerPoint>,
    /// The index of the default value in `points`.
    pub default_index: usize,
    /// Grid points left out and why.
    pub notes: Vec<String>,
}

/// The parameter explorer: one-at-a-time grids around the defaults, and the full product grid
/// of every parameter when it is small enough.
#[derive(Debug, Clone)]
pub struct Explorer {
    /// Column headers of the equilibrium tables.
    pub header: Vec<String>,
    /// Per parameter with a declared range.
    pub parameters: Vec<ExplorerParameter>,
    /// The product grid over every parameter with a declared range, if it was built: then the
    /// sliders move together and `parameters` is not embedded.
    pub product: Option<ProductGrid>,
    /// Remarks (parameters left out, thinned grids, why there is no product grid).
    pub notes: Vec<String>,
}

/// One axis of the product grid.
#[derive(Debug, Clone)]
pub struct ProductAxis {
    /// The parameter.
    pub name: String,
    /// Its meaning.
    pub meaning: String,
    /// Its grid values, in increasing order (evenly spaced over the declared range, plus the default).
    pub values: Vec<Q>,
    /// The index of the default value in `values`.
    pub default_index: usize,
}

/// One point of the product grid.
#[derive(Debug, Clone)]
pub struct GridPoint {
    /// The regime label of the sweep (empty if the point could not be solved).
    pub regime: String,
    /// The equilibria shown (at most [`MAX_SHOWN_EQUILIBRIA`]).
    pub equilibria: Vec<EqView>,
    /// How many there are in all.
    pub total: usize,
    /// Why the point is missing, if it could not be solved.
    pub error: Option<String>,
}

/// Every combination of the axes' values, solved: `points` in row-major order (last axis fastest).
#[derive(Debug, Clone)]
pub struct ProductGrid {
    /// The axes (every parameter with a declared range, in declaration order).
    pub axes: Vec<ProductAxis>,
    /// The points.
    pub points: Vec<GridPoint>,
}

/// The most points of the explorer's product grid of a strategic-form model.
pub const MAX_PRODUCT_POINTS: usize = 10_000;

/// The most points of the product grid of a tree model (each point is a tree solve).
pub const MAX_PRODUCT_TREE_POINTS: usize = 2_000;

/// The fewest grid values per parameter that make a product grid worth showing; with fewer the
/// explorer keeps one parameter at a time.
pub const MIN_PRODUCT_STEPS: usize = 5;

/// The largest embedded product grid (bytes of JSON).
pub const MAX_PRODUCT_BYTES: usize = 1_000_000;

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report {
    /// The model file as given.
    pub file: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The kind of game.
    pub kind: ModelKind,
    /// Player names.
    pub players: Vec<String>,
    /// Declared parameters.
    pub parameters: Vec<Parameter>,
    /// Declared scenarios.
    pub scenarios: Vec<Scenario>,
    /// The defaults, then each scenario shown.
    pub settings: Vec<SettingReport>,
    /// The regime table: thresholds of every parameter over its declared range, at the defaults.
    pub regimes: Part<Vec<RegimeRow>>,
    /// The scenario comparison.
    pub comparison: Part<ComparisonSection>,
    /// The war of attrition (multistage models only).
    pub attrition: Option<Part<AttritionSection>>,
    /// The parameter explorer.
    pub explorer: Part<Explorer>,
    /// What it means, across the sections.
    pub findings: Vec<String>,
}

/// Builds the report of the TOML model, Gambit `.nfg` or Gambit `.efg` file at `path`.
///
/// A Gambit file has no parameters or scenarios: its report shows the one game (equilibria,
/// class, charts, correlated equilibrium) and says why the regime table, the comparison and the
/// explorer are left out.
pub fn build(path: &Path, options: &ReportOptions) -> Result<Report> {
    let file = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("nfg") | Some("efg")) {
        return build_gambit(path, options);
    }
    if ext.as_deref() != Some("toml") {
        return Err(Error::WrongKind(format!(
            "{file}: the report needs a `.toml` model or a Gambit `.nfg` or `.efg` file"
        )));
    }
    let src = crate::model::limits::read_source(path)?;
    let model = Model::parse(&file, &src)?;
    let kind = match model.body() {
        Body::Normal(_) => ModelKind::Normal,
        Body::Multistage(_) => ModelKind::Multistage,
        _ => ModelKind::Tree,
    };
    let mut labels: Vec<Option<String>> = vec![None];
    if options.scenarios.is_empty() {
        labels.extend(model.scenarios.iter().map(|s| Some(s.name.clone())));
    } else {
        for s in &options.scenarios {
            if model.scenario(s).is_none() {
                // The same message as every other command's --scenario.
                model.values(&Settings { scenario: Some(s.clone()), set: vec![] })?;
            }
            if !labels.contains(&Some(s.clone())) {
                labels.push(Some(s.clone()));
            }
        }
    }
    let defaults = model.default_values();
    let players = match model.body() {
        Body::Normal(b) => b.players.iter().map(|p| p.name.clone()).collect(),
        _ => model.evaluate_tree(&defaults)?.players().to_vec(),
    };
    let mut settings = Vec::with_capacity(labels.len());
    for l in &labels {
        settings.push(setting(&model, kind, l.as_deref())?);
    }
    let regimes = regime_table(&model, kind, &defaults);
    let comparison = comparison(&model, &labels);
    let attrition = (kind == ModelKind::Multistage).then(|| attrition(&model, &labels));
    let explorer = Part::from_result(explorer(&model, kind, &defaults), "parameter explorer");
    let mut report = Report {
        file,
        title: model.title.clone(),
        description: model.description.clone(),
        kind,
        players,
        parameters: model.parameters.clone(),
        scenarios: model.scenarios.clone(),
        settings,
        regimes,
        comparison,
        attrition,
        explorer,
        findings: Vec::new(),
    };
    report.findings = overall_findings(&report);
    Ok(report)
}

/// The SVG of a chart, without the XML prolog (for inlining in HTML).
pub fn inline_svg<C: Chart>(chart: &C) -> Result<String> {
    let svg = render_svg(chart)?;
    let svg = match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    };
    Ok(svg)
}

/// The report of a Gambit `.nfg` or `.efg` file: one setting, no parameters.
fn build_gambit(path: &Path, options: &ReportOptions) -> Result<Report> {
    let file = path.display().to_string();
    if !options.scenarios.is_empty() {
        return Err(Error::Parameter(format!(
            "{file}: a Gambit file has no scenarios; --scenario applies to `.toml` models"
        )));
    }
    let (kind, title, players, game, tree) = match crate::model::load_game(path, &Settings::default())? {
        crate::model::LoadedGame::Normal(l) => {
            let players = l.game.players().iter().map(|p| p.name.clone()).collect();
            (ModelKind::Normal, l.game.title.clone(), players, Ok(l.game), None)
        }
        crate::model::LoadedGame::Tree(t) => {
            let game = crate::game::reduce(&t.tree).map(|r| r.game);
            (ModelKind::Tree, t.tree.title.clone(), t.tree.players().to_vec(), game, Some(t.tree))
        }
    };
    let setting = setting_of("defaults".into(), None, Vec::new(), None, game, tree)?;
    let no_params = "a Gambit file has no parameters";
    let mut report = Report {
        file,
        title: if title.trim().is_empty() { path.display().to_string() } else { title },
        description: String::new(),
        kind,
        players,
        parameters: Vec::new(),
        scenarios: Vec::new(),
        settings: vec![setting],
        regimes: Part::Skipped(format!("regime table skipped: {no_params}, so there is nothing to vary")),
        comparison: Part::Skipped(format!("scenario comparison skipped: {no_params} or scenarios")),
        attrition: None,
        explorer: Part::Skipped(format!(
            "parameter explorer skipped: {no_params}; write the game as a `.toml` model with parameters \
             (`standoff convert FILE --to toml`, then name the numbers) to explore it"
        )),
        findings: Vec::new(),
    };
    report.findings = overall_findings(&report);
    Ok(report)
}

fn setting(model: &Model, kind: ModelKind, scenario: Option<&str>) -> Result<SettingReport> {
    let settings = Settings { scenario: scenario.map(str::to_string), set: vec![] };
    let values = model.named_values(&settings)?;
    let raw: Vec<Q> = values.iter().map(|(_, v)| v.clone()).collect();
    let label = scenario.unwrap_or("defaults").to_string();
    let (game, tree): (Result<NormalForm>, Option<Tree>) = match kind {
        ModelKind::Normal => (model.evaluate(&raw), None),
        _ => {
            let tree = model.evaluate_tree(&raw)?;
            (crate::game::reduce(&tree).map(|r| r.game), Some(tree))
        }
    };
    let scenario_def = scenario.and_then(|s| model.scenario(s).cloned());
    setting_of(label, scenario_def, values, scenario, game, tree)
}

/// One setting's part of the report, from its game (strategic form, or the reduced form of `tree`).
fn setting_of(
    label: String,
    scenario_def: Option<Scenario>,
    values: Vec<(String, Q)>,
    scenario: Option<&str>,
    game: Result<NormalForm>,
    tree: Option<Tree>,
) -> Result<SettingReport> {
    let subtitle = scenario.map(|s| format!("scenario {s}"));
    // Equilibria: what `standoff solve` finds with its default method.
    let (equilibria, normal_eqs, tree_eqs) = match &tree {
        None => match game.as_ref().map(|g| (g, solve::solve(g, Method::Auto, &SolveOptions::default()))) {
            Err(e) => (Part::Skipped(format!("equilibria skipped: {e}")), Vec::new(), Vec::new()),
            Ok((_, Err(e))) => (Part::Skipped(format!("equilibria skipped: {e}")), Vec::new(), Vec::new()),
            Ok((g, Ok(sol))) => {
                let view = EquilibriaView {
                    method: sol.method.to_string(),
                    header: normal_header(),
                    shown: sol.equilibria.iter().take(MAX_SHOWN_EQUILIBRIA).map(|e| normal_view(g, e)).collect(),
                    total: sol.equilibria.len(),
                    notes: sol.notes.clone(),
                };
                (Part::Done(view), sol.equilibria, Vec::new())
            }
        },
        Some(t) => match solve_tree(t, Method::Auto, &SolveOptions::default()) {
            Ok(sol) => {
                let view = EquilibriaView {
                    method: sol.method.to_string(),
                    header: tree_header(),
                    shown: sol.equilibria.iter().take(MAX_SHOWN_EQUILIBRIA).map(|e| tree_view(t, e)).collect(),
                    total: sol.equilibria.len(),
                    notes: sol.notes.clone(),
                };
                (Part::Done(view), Vec::new(), sol.equilibria)
            }
            Err(e) => (Part::Skipped(format!("equilibria skipped: {e}")), Vec::new(), Vec::new()),
        },
    };
    let game = match game {
        Ok(g) => g,
        Err(e) => {
            let why = |what: &str| format!("{what} skipped: the strategic form could not be built ({e})");
            let chart = match &tree {
                Some(t) => tree_chart(t, tree_eqs.first(), tree_eqs.len(), subtitle.clone()),
                None => Part::Skipped(why("chart")),
            };
            return Ok(SettingReport {
                label,
                scenario: scenario_def,
                values,
                equilibria,
                class: Part::Skipped(why("class")),
                region: Part::Skipped(why("payoff region")),
                chart,
                correlated: Part::Skipped(why("correlated equilibrium")),
                findings: Vec::new(),
            });
        }
    };
    let shape = game.shape();
    let class = match classify_2x2(&game) {
        Some(c) => Part::Done(c),
        None => Part::Skipped(format!("ordinal class: only for 2x2 games; this one is {}", shape_text(&shape))),
    };
    let region = match game.num_players() {
        2 => Part::from_result(
            region::analyze(&game).and_then(|r| inline_svg(&RegionChart::new(&game, r, subtitle.clone()))),
            "payoff region",
        ),
        3 => Part::from_result(
            region::analyze3(&game).and_then(|r| inline_svg(&RegionChart3::new(&game, r, subtitle.clone()))),
            "payoff region",
        ),
        n => Part::Skipped(format!("payoff region skipped: {n} players (drawn for 2 or 3)")),
    };
    let chart = match &tree {
        Some(t) => tree_chart(t, tree_eqs.first(), tree_eqs.len(), subtitle.clone()),
        None if shape == [2, 2] => Part::from_result(
            BestResponseChart::new(&game, normal_eqs.clone(), subtitle.clone())
                .and_then(|c| inline_svg(&c))
                .map(|s| ("Best responses (each player's best reply to the other's mix)".to_string(), s)),
            "best-response chart",
        ),
        None if shape.len() == 2 && (shape[0] == 2 || shape[1] == 2) => Part::from_result(
            PayoffLinesChart::new(&game, normal_eqs.clone(), subtitle.clone())
                .and_then(|c| inline_svg(&c))
                .map(|s| ("Payoff lines against the mixer's probability".to_string(), s)),
            "best-response chart",
        ),
        None => Part::Skipped(format!(
            "best-response chart skipped: drawn for 2x2, 2xN and Nx2 games; this one is {}",
            shape_text(&shape)
        )),
    };
    let correlated = Part::from_result(correlated_point(&game, &normal_eqs, &tree_eqs), "correlated equilibrium");
    let mut report = SettingReport {
        label,
        scenario: scenario_def,
        values,
        equilibria,
        class,
        region,
        chart,
        correlated,
        findings: Vec::new(),
    };
    report.findings = setting_findings(&report, &game, &normal_eqs, &tree_eqs, tree.as_ref());
    Ok(report)
}

fn shape_text(shape: &[usize]) -> String {
    shape.iter().map(ToString::to_string).collect::<Vec<_>>().join("x")
}

fn tree_chart(
    tree: &Tree,
    eq: Option<&TreeEquilibrium>,
    total: usize,
    subtitle: Option<String>,
) -> Part<(String, String)> {
    let note = eq.map(|_| format!("Highlighted: equilibrium 1 of {total}"));
    Part::from_result(
        TreeChart::new(tree, eq, note, subtitle)
            .and_then(|c| inline_svg(&c))
            .map(|s| ("The game tree, the first equilibrium's path highlighted".to_string(), s)),
        "tree chart",
    )
}

fn correlated_point(
    game: &NormalForm,
    normal_eqs: &[Equilibrium],
    tree_eqs: &[TreeEquilibrium],
) -> Result<CorrelatedPoint> {
    let ce = crate::analysis::correlated::welfare_maximizing(game)?;
    let distribution = ce
        .support(game)
        .into_iter()
        .map(|(profile, p)| {
            let label: Vec<String> =
                profile.iter().enumerate().map(|(i, &s)| game.players()[i].strategies[s].clone()).collect();
            (label.join("/"), p)
        })
        .collect();
    let welfare = |p: &[Q]| p.iter().fold(Q::zero(), |a, b| a + b);
    let best_nash_welfare =
        normal_eqs.iter().map(|e| welfare(&e.payoffs)).chain(tree_eqs.iter().map(|e| welfare(&e.payoffs))).max();
    Ok(CorrelatedPoint { payoffs: ce.payoffs, distribution, best_nash_welfare })
}

fn normal_header() -> Vec<String> {
    vec!["Player".into(), "Strategy".into(), "Payoff".into()]
}

fn tree_header() -> Vec<String> {
    vec!["Player".into(), "Information set".into(), "Behaviour".into()]
}

/// A normal-form equilibrium in the words of `standoff solve`.
pub fn normal_view(game: &NormalForm, e: &Equilibrium) -> EqView {
    let players = game.players();
    let pure = e.profile.probs.iter().all(|p| p.iter().any(One::is_one));
    let rows = players
        .iter()
        .zip(&e.profile.probs)
        .zip(&e.payoffs)
        .map(|((p, probs), pay)| vec![p.name.clone(), mixed_text(&p.strategies, probs), with_decimal(pay)])
        .collect();
    let mut lines = Vec::new();
    if !pure {
        let outcomes = crate::analysis::compare::outcome_probabilities(players, e);
        if outcomes.len() <= 16 {
            let parts: Vec<String> = outcomes.iter().map(|(l, p)| format!("{l} {}", fmt_q(p))).collect();
            lines.push(format!("Outcome probabilities: {}", parts.join(", ")));
        }
    }
    EqView { kind: if pure { "pure" } else { "mixed" }.into(), rows, lines }
}

/// A tree equilibrium in the words of `standoff solve`.
pub fn tree_view(tree: &Tree, e: &TreeEquilibrium) -> EqView {
    let players = tree.players();
    let mut rows = Vec::new();
    for (i, sets) in e.behavior.probs.iter().enumerate() {
        for (k, probs) in sets.iter().enumerate() {
            let h = tree.player_infosets(i)[k];
            let acts = tree.infoset_actions(h);
            let t = match probs.iter().position(One::is_one) {
                Some(a) => acts[a].clone(),
                None => mixed_text(acts, probs),
            };
            let unreached = e.behavior.unreached.get(i).and_then(|u| u.get(k)).copied().unwrap_or(false);
            let t = if unreached { format!("(unreached) {t}") } else { t };
            rows.push(vec![players[i].clone(), tree.infoset_name(i, k), t]);
        }
    }
    let mut lines = Vec::new();
    if let Some(p) = &e.path {
        lines.push(format!("Path: {}", if p.is_empty() { "(the root is terminal)".into() } else { p.join(" -> ") }));
    }
    let pays: Vec<String> = players.iter().zip(&e.payoffs).map(|(p, v)| format!("{p} {}", with_decimal(v))).collect();
    lines.push(format!("Payoffs: {}", pays.join(", ")));
    let pure = e.behavior.as_pure().is_some();
    EqView { kind: if pure { "pure" } else { "mixed" }.into(), rows, lines }
}

fn regime_table(model: &Model, kind: ModelKind, defaults: &[Q]) -> Part<Vec<RegimeRow>> {
    let rows = model
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| RegimeRow {
            parameter: p.name.clone(),
            thresholds: match &p.range {
                None => Part::Skipped("no declared range".into()),
                Some((lo, hi)) if lo >= hi => Part::Skipped("the declared range is a single value".into()),
                Some((lo, hi)) => match multistage_too_large(model, kind, defaults, i, &[lo, hi]) {
                    Some(why) => Part::Skipped(why),
                    None => Part::from_result(
                        thresholds(model, defaults, i, lo, hi, THRESHOLD_STEPS, Method::Auto),
                        "thresholds",
                    ),
                },
            },
        })
        .collect();
    Part::Done(rows)
}

/// For a multistage model: why the thresholds of parameter `index` are left out, if its expanded
/// tree at one of `values` has more than [`MAX_REGIME_TREE_NODES`] nodes (a long horizon), or
/// cannot be built there.
fn multistage_too_large(model: &Model, kind: ModelKind, defaults: &[Q], index: usize, values: &[&Q]) -> Option<String> {
    if kind != ModelKind::Multistage {
        return None;
    }
    let name = &model.parameters[index].name;
    for v in values {
        let mut at = defaults.to_vec();
        at[index] = (*v).clone();
        match model.evaluate_multistage(&at) {
            Ok(g) if g.expanded_size() > MAX_REGIME_TREE_NODES => {
                return Some(format!(
                    "thresholds skipped: at {name} = {} the expanded tree has {} nodes (the regime table solves it \
                     at every scan and bisection point; it is computed up to {MAX_REGIME_TREE_NODES} nodes)",
                    fmt_q(v),
                    g.expanded_size()
                ))
            }
            Ok(_) => {}
            Err(e) => {
                return Some(format!("thresholds skipped: at {name} = {}: {}", fmt_q(v), first_line(&e.to_string())))
            }
        }
    }
    None
}

fn comparison(model: &Model, labels: &[Option<String>]) -> Part<ComparisonSection> {
    if labels.len() < 2 {
        return Part::Skipped("scenario comparison skipped: the model declares no scenarios".into());
    }
    let inputs = labels
        .iter()
        .map(|l| {
            let settings = Settings { scenario: l.clone(), set: vec![] };
            let values = model.named_values(&settings)?;
            let raw: Vec<Q> = values.iter().map(|(_, v)| v.clone()).collect();
            let game = if model.is_tree() {
                InputGame::Tree(Box::new(model.evaluate_tree(&raw)?))
            } else {
                InputGame::Normal(model.evaluate(&raw)?)
            };
            Ok(Input { label: l.clone().unwrap_or_else(|| "defaults".into()), parameters: values, game })
        })
        .collect::<Result<Vec<_>>>();
    let c = match inputs.and_then(|i| compare(i, Method::Auto)) {
        Ok(c) => c,
        Err(e) => return Part::Skipped(format!("scenario comparison skipped: {e}")),
    };
    let title = format!("Comparison: {}", model.title);
    let svg = Part::from_result(inline_svg(&crate::plot::compare::CompareChart::new(&c, &title)), "comparison chart");
    Part::Done(ComparisonSection { comparison: c, svg })
}

fn attrition(model: &Model, labels: &[Option<String>]) -> Part<AttritionSection> {
    let run = || -> Result<AttritionSection> {
        let mut settings = Vec::new();
        for l in labels {
            let values = model.values(&Settings { scenario: l.clone(), set: vec![] })?;
            let game = model.evaluate_multistage(&values)?;
            let sol = solve_multistage(&game, Selection::Default)?;
            let equilibria =
                sol.spes.iter().map(|spe| Ok((spe.kind.clone(), concession(&game, spe)?))).collect::<Result<_>>()?;
            settings.push(AttritionSetting { label: l.clone().unwrap_or_else(|| "defaults".into()), equilibria });
        }
        let panels: Vec<(String, ConcessionAnalysis)> = settings
            .iter()
            .filter_map(|s| s.equilibria.first().map(|(k, a)| (format!("{} ({k} SPE)", s.label), a.clone())))
            .collect();
        let svg =
            Part::from_result(inline_svg(&crate::plot::attrition::AttritionChart::new(&panels)), "attrition chart");
        Ok(AttritionSection { settings, svg })
    };
    Part::from_result(run(), "war-of-attrition analysis")
}

/// The explorer grid of one parameter: [`EXPLORER_STEPS`] evenly spaced values over the declared
/// range, plus the default if it is not one of them, in increasing order.
pub fn explorer_grid(lo: &Q, hi: &Q, default: &Q, steps: usize) -> Vec<Q> {
    let mut values: Vec<Q> = if lo >= hi {
        vec![lo.clone()]
    } else {
        let width = hi - lo;
        let last = Q::from_integer(((steps.max(2)) - 1).into());
        (0..steps.max(2)).map(|k| lo + &width * Q::from_integer(k.into()) / &last).collect()
    };
    if !values.contains(default) {
        values.push(default.clone());
        values.sort();
    }
    values
}

fn explorer(model: &Model, kind: ModelKind, defaults: &[Q]) -> Result<Explorer> {
    let base_tree = if kind == ModelKind::Normal { None } else { Some(model.evaluate_tree(defaults)?) };
    let header = if base_tree.is_some() { tree_header() } else { normal_header() };
    let mut notes = Vec::new();
    let mut steps = EXPLORER_STEPS;
    loop {
        let mut parameters = Vec::new();
        for (i, p) in model.parameters.iter().enumerate() {
            let Some((lo, hi)) = &p.range else {
                notes.push(format!("{}: no declared range, so no slider", p.name));
                continue;
            };
            parameters.push(explorer_parameter(model, kind, defaults, i, lo, hi, steps)?);
        }
        let ex = Explorer { header: header.clone(), parameters, product: None, notes: notes.clone() };
        let size = html::explorer_json(&ex, &model.file).len();
        if size <= MAX_EXPLORER_BYTES || steps <= 3 {
            let mut ex = ex;
            if steps < EXPLORER_STEPS {
                ex.notes.push(format!(
                    "grids thinned to {steps} points per parameter to keep the embedded data under {} kB",
                    MAX_EXPLORER_BYTES / 1000
                ));
            }
            match product_grid(model, kind, defaults, &header) {
                Ok(grid) => {
                    // The product grid holds every one-at-a-time point too: embed only it.
                    ex.product = Some(grid);
                    ex.parameters.clear();
                }
                Err(why) => ex.notes.push(why),
            }
            return Ok(ex);
        }
        notes.retain(|n| !n.contains("no declared range"));
        steps = steps.div_ceil(2).max(3);
    }
}

/// The product grid of every parameter with a declared range: the most grid values per
/// parameter (at most [`EXPLORER_STEPS`], at least [`MIN_PRODUCT_STEPS`]) whose product stays
/// within [`MAX_PRODUCT_POINTS`] ([`MAX_PRODUCT_TREE_POINTS`] for trees) and whose data within
/// [`MAX_PRODUCT_BYTES`]; `Err` says why there is none.
fn product_grid(
    model: &Model,
    kind: ModelKind,
    defaults: &[Q],
    header: &[String],
) -> std::result::Result<ProductGrid, String> {
    let one = "the sliders move one parameter at a time (the others at their defaults)";
    let ranged: Vec<(usize, &Parameter, &Q, &Q)> = model
        .parameters
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.range.as_ref().filter(|(lo, hi)| lo < hi).map(|(lo, hi)| (i, p, lo, hi)))
        .collect();
    if ranged.len() < 2 {
        return Err(format!("{one}: fewer than two parameters have a range"));
    }
    let cap = match kind {
        ModelKind::Normal => MAX_PRODUCT_POINTS,
        ModelKind::Tree => MAX_PRODUCT_TREE_POINTS,
        ModelKind::Multistage => {
            return Err(format!("{one}: no product grid for a multistage model (a tree solve per point)"))
        }
    };
    let mut steps = EXPLORER_STEPS;
    let mut last_why = String::new();
    while steps >= MIN_PRODUCT_STEPS {
        let axes: Vec<ProductAxis> = ranged
            .iter()
            .map(|(_, p, lo, hi)| {
                let values = explorer_grid(lo, hi, &p.default, steps);
                let default_index = values.iter().position(|v| *v == p.default).unwrap_or(0);
                ProductAxis { name: p.name.clone(), meaning: p.meaning.clone(), values, default_index }
            })
            .collect();
        let total = axes.iter().try_fold(1usize, |acc, a| acc.checked_mul(a.values.len()));
        match total {
            Some(n) if n <= cap => {}
            _ => {
                last_why = format!(
                    "the product grid of {} parameters would have more than {cap} points even with {} values each",
                    axes.len(),
                    steps.min(EXPLORER_STEPS)
                );
                steps -= 1;
                continue;
            }
        }
        let points = product_points(model, defaults, &ranged.iter().map(|r| r.0).collect::<Vec<_>>(), &axes);
        let grid = ProductGrid { axes, points };
        let ex = Explorer { header: header.to_vec(), parameters: Vec::new(), product: Some(grid), notes: Vec::new() };
        let size = html::explorer_json(&ex, &model.file).len();
        if size <= MAX_PRODUCT_BYTES {
            return ex.product.ok_or_else(String::new);
        }
        last_why = format!("the product grid's data would exceed {} kB", MAX_PRODUCT_BYTES / 1000);
        // Shrink in proportion to the excess (the data grows with the steps to the power n).
        let n = ranged.len() as f64;
        let ratio = (MAX_PRODUCT_BYTES as f64 / size as f64).powf(1.0 / n);
        steps = ((steps as f64 * ratio).floor() as usize).min(steps - 1);
    }
    Err(format!("{one}: {last_why} with at least {MIN_PRODUCT_STEPS} values per parameter"))
}

/// Solves every point of the product of `axes` (parameters `indices`) with the sweep engine.
fn product_points(model: &Model, defaults: &[Q], indices: &[usize], axes: &[ProductAxis]) -> Vec<GridPoint> {
    let total: usize = axes.iter().map(|a| a.values.len()).product();
    let mut coords = vec![0usize; axes.len()];
    let mut out = Vec::with_capacity(total);
    for _ in 0..total {
        let mut values = defaults.to_vec();
        for ((&i, a), &c) in indices.iter().zip(axes).zip(&coords) {
            values[i] = a.values[c].clone();
        }
        out.push(grid_point(model, &values, &axes[0].name, indices[0]).unwrap_or_else(|e| GridPoint {
            regime: String::new(),
            equilibria: Vec::new(),
            total: 0,
            error: Some(first_line(&e.to_string())),
        }));
        // Next combination (last axis fastest).
        for k in (0..coords.len()).rev() {
            coords[k] += 1;
            if coords[k] < axes[k].values.len() {
                break;
            }
            coords[k] = 0;
        }
    }
    out
}

/// One point solved by the sweep engine: `values` are every parameter's values; the sweep's one
/// axis is parameter `index` (named `name`) at its value there.
fn grid_point(model: &Model, values: &[Q], name: &str, index: usize) -> Result<GridPoint> {
    let v = values[index].clone();
    let axis = Axis::new(model, name, v.clone(), v, 1)?;
    let sweep = Sweep::new(model, values.to_vec(), Grid::new(vec![axis], 1)?, Method::Auto);
    let pt = sweep.point(0)?;
    let (equilibria, total) = match &pt.equilibria {
        PointEquilibria::Normal(eqs) => {
            let game = model.evaluate(values)?;
            (eqs.iter().take(MAX_SHOWN_EQUILIBRIA).map(|e| normal_view(&game, e)).collect(), eqs.len())
        }
        PointEquilibria::Tree(eqs) => {
            let tree = model.evaluate_tree(values)?;
            (eqs.iter().take(MAX_SHOWN_EQUILIBRIA).map(|e| tree_view(&tree, e)).collect(), eqs.len())
        }
    };
    Ok(GridPoint { regime: pt.regime, equilibria, total, error: None })
}

fn explorer_parameter(
    model: &Model,
    kind: ModelKind,
    defaults: &[Q],
    index: usize,
    lo: &Q,
    hi: &Q,
    steps: usize,
) -> Result<ExplorerParameter> {
    let p = &model.parameters[index];
    let mut points = Vec::new();
    let mut skipped: Vec<(String, String)> = Vec::new();
    for v in explorer_grid(lo, hi, &p.default, steps) {
        // One point of the sweep engine: the axis is this single value, the others at the defaults.
        let mut values = defaults.to_vec();
        values[index] = v.clone();
        if kind == ModelKind::Multistage {
            match model.evaluate_multistage(&values) {
                Ok(g) if g.expanded_size() > MAX_EXPLORER_TREE_NODES => {
                    skipped.push((fmt_q(&v), format!("the expanded tree has {} nodes", g.expanded_size())));
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    skipped.push((fmt_q(&v), first_line(&e.to_string())));
                    continue;
                }
            }
        }
        let axis = Axis::new(model, &p.name, v.clone(), v.clone(), 1)?;
        let sweep = Sweep::new(model, defaults.to_vec(), Grid::new(vec![axis], 1)?, Method::Auto);
        match sweep.point(0) {
            Ok(pt) => {
                let (equilibria, total) = match &pt.equilibria {
                    PointEquilibria::Normal(eqs) => {
                        let game = model.evaluate(&values)?;
                        (eqs.iter().take(MAX_SHOWN_EQUILIBRIA).map(|e| normal_view(&game, e)).collect(), eqs.len())
                    }
                    PointEquilibria::Tree(eqs) => {
                        let tree = model.evaluate_tree(&values)?;
                        (eqs.iter().take(MAX_SHOWN_EQUILIBRIA).map(|e| tree_view(&tree, e)).collect(), eqs.len())
                    }
                };
                points.push(ExplorerPoint { value: v, regime: pt.regime, equilibria, total });
            }
            Err(e) => skipped.push((fmt_q(&v), first_line(&e.to_string()))),
        }
    }
    let mut notes = Vec::new();
    if !skipped.is_empty() {
        let vals: Vec<&str> = skipped.iter().map(|(v, _)| v.as_str()).take(6).collect();
        notes.push(format!(
            "{} grid point{} left out ({}{}): {}",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" },
            vals.join(", "),
            if skipped.len() > 6 { ", ..." } else { "" },
            skipped[0].1
        ));
    }
    let default_index = points.iter().position(|pt| pt.value == p.default).unwrap_or(0);
    Ok(ExplorerParameter { name: p.name.clone(), meaning: p.meaning.clone(), points, default_index, notes })
}

/// Each boundary of a threshold analysis as text: the exact value, or `≈decimal` where bisected.
pub(crate) fn boundary_texts(t: &Thresholds) -> Vec<String> {
    t.boundaries
        .iter()
        .map(|b| if b.exact { fmt_q(&b.value) } else { format!("≈{}", crate::output::decimal(&b.value)) })
        .collect()
}

/// Each regime interval of a threshold analysis as text: `[from, to]: regime`.
pub(crate) fn interval_texts(t: &Thresholds) -> Vec<String> {
    t.intervals.iter().map(|i| format!("[{}, {}]: {}", fmt_q(&i.from), fmt_q(&i.to), i.regime)).collect()
}

/// Each player's probability of conceding first, as text: `US 1/2 (0.5)`.
pub(crate) fn first_to_concede_texts(an: &ConcessionAnalysis) -> Vec<String> {
    an.players.iter().zip(&an.first_to_concede).map(|(p, q)| format!("{p} {}", with_decimal(q))).collect()
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim_start_matches("error: ").to_string()
}

/// A strategy's name played for sure by player `i` in every equilibrium, if there is one.
fn always_played(eqs: &[Equilibrium], i: usize) -> Option<usize> {
    let first = eqs.first()?.profile.probs.get(i)?.iter().position(One::is_one)?;
    eqs.iter().all(|e| e.profile.probs[i].get(first).is_some_and(One::is_one)).then_some(first)
}

fn setting_findings(
    s: &SettingReport,
    game: &NormalForm,
    normal_eqs: &[Equilibrium],
    tree_eqs: &[TreeEquilibrium],
    tree: Option<&Tree>,
) -> Vec<String> {
    let mut out = Vec::new();
    let at = if s.label == "defaults" { "At the defaults".to_string() } else { format!("In scenario {}", s.label) };
    let players = game.players();
    if let (Part::Done(c), None) = (&s.class, tree) {
        out.push(format!("{at} it is {}.", article(&c.name)));
    }
    if tree.is_none() {
        let pure = normal_eqs.iter().filter(|e| e.profile.as_pure().is_some()).count();
        let n = normal_eqs.len();
        out.push(match (n, pure) {
            (1, 1) => format!("{at} there is exactly one equilibrium, in pure strategies."),
            (1, _) => format!("{at} there is exactly one equilibrium, in mixed strategies."),
            _ => format!("{at} there are {n} equilibria: {pure} pure and {} mixed.", n - pure),
        });
        for (i, p) in players.iter().enumerate() {
            if let Some(sx) = always_played(normal_eqs, i) {
                out.push(format!("In every equilibrium {} plays {}.", p.name, p.strategies[sx]));
            }
        }
        if let Some(e) = normal_eqs.iter().find(|e| e.profile.as_pure().is_none()) {
            let parts: Vec<String> = players
                .iter()
                .zip(&e.profile.probs)
                .filter(|(_, pr)| !pr.iter().any(One::is_one))
                .map(|(p, pr)| format!("{} plays {}", p.name, mixed_text(&p.strategies, pr)))
                .collect();
            let pays: Vec<String> =
                players.iter().zip(&e.payoffs).map(|(p, v)| format!("{} {}", p.name, with_decimal(v))).collect();
            out.push(format!(
                "In the mixed equilibrium {}; expected payoffs {}.",
                parts.join(" and "),
                pays.join(", ")
            ));
            if players.len() == 2 && s.label == "defaults" {
                out.push(
                    "In a two-player mixed equilibrium each side's mix is pinned by the other side's payoffs \
                     (it makes the other indifferent)."
                        .into(),
                );
            }
        }
    } else if let Some(t) = tree {
        let n = tree_eqs.len();
        out.push(format!(
            "{at} there {} {n} subgame-perfect equilibri{}.",
            if n == 1 { "is" } else { "are" },
            if n == 1 { "um" } else { "a" }
        ));
        if let Some(line) = common_play(t, tree_eqs) {
            out.push(line);
        }
    }
    if let Part::Done(c) = &s.correlated {
        let total = c.payoffs.iter().fold(Q::zero(), |a, b| a + b);
        if let Some(best) = &c.best_nash_welfare {
            if &total > best {
                out.push(format!(
                    "A mediator helps: the best correlated equilibrium gives a total payoff of {}, more than any \
                     equilibrium listed ({}).",
                    with_decimal(&total),
                    with_decimal(best)
                ));
            }
        }
    }
    out
}

/// The finding about the play of a tree's equilibria, when the pure ones (those with a path) all
/// follow one path: "Play follows P (payoffs ...)", "in every one of them" only when every
/// equilibrium plays that way. Play is compared by the path-of-play label of
/// [`tree_equilibrium_label`] (every action taken with positive probability, every chance branch),
/// so an equilibrium that mixes only off the path counts as following P, and one that mixes on
/// it, or takes another path, does not (and the sentence says how many do).
fn common_play(t: &Tree, tree_eqs: &[TreeEquilibrium]) -> Option<String> {
    let n = tree_eqs.len();
    let first = tree_eqs.iter().find(|e| e.path.is_some())?;
    let path = first.path.as_ref()?.join(" -> ");
    if tree_eqs.iter().filter_map(|e| e.path.as_ref()).any(|p| p.join(" -> ") != path) {
        return None;
    }
    let label = tree_equilibrium_label(t, &first.behavior);
    let labels: Vec<String> = tree_eqs.iter().map(|e| tree_equilibrium_label(t, &e.behavior)).collect();
    let same = labels.iter().filter(|l| **l == label).count();
    let pays: Vec<String> =
        t.players().iter().zip(&first.payoffs).map(|(p, v)| format!("{p} {}", with_decimal(v))).collect();
    let play = if path.is_empty() { "no move" } else { &path };
    let pays = pays.join(", ");
    Some(if same == n {
        format!("Play follows {play}{} (payoffs {pays}).", if n > 1 { " in every one of them" } else { "" })
    } else {
        let others = n - same;
        let mixing = labels.iter().filter(|l| **l != label && l.starts_with("mixed(")).count();
        let rest = match (others, mixing) {
            (1, 1) => "the other one mixes on the path of play".to_string(),
            (1, _) => "the other one takes another path".to_string(),
            (r, m) if m == r => format!("the other {r} mix on the path of play"),
            (r, 0) => format!("the other {r} take other paths"),
            (r, m) => format!("the other {r} take other paths ({m} of them mixing on the path of play)"),
        };
        format!("Play follows {play} in {same} of them (payoffs {pays}); {rest}.")
    })
}

fn article(name: &str) -> String {
    if name.starts_with("hybrid") {
        format!("a {name}")
    } else if name.starts_with("unclassified") {
        name.to_string()
    } else {
        format!("a game of {name}")
    }
}

fn overall_findings(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if let Part::Done(rows) = &r.regimes {
        for row in rows {
            let Part::Done(t) = &row.thresholds else { continue };
            if t.boundaries.is_empty() {
                continue;
            }
            out.push(threshold_finding(&row.parameter, t, r));
        }
    }
    if let Part::Done(c) = &r.comparison {
        for (col, changes) in c.comparison.columns.iter().skip(1).zip(&c.comparison.changes) {
            if !changes.is_empty() {
                out.push(format!("{} vs defaults: {}", col.label, changes.join("; ")));
            }
        }
    }
    if let Some(Part::Done(a)) = &r.attrition {
        for s in &a.settings {
            for (kind, an) in s.equilibria.iter().take(3) {
                let first = first_to_concede_texts(an);
                out.push(format!(
                    "{} ({kind} SPE): first to concede {}; both at once {}; expected duration {} periods.",
                    s.label,
                    first.join(", "),
                    with_decimal(&an.both_at_once),
                    with_decimal(&an.expected_duration)
                ));
            }
        }
    }
    out
}

/// A regime label without the 2x2 class in brackets; a single pure profile `A/B` as
/// `only (P1 A, P2 B)`.
fn short_regime(regime: &str, players: &[String]) -> String {
    let (bare, class) = match regime.find(" [") {
        Some(i) => (&regime[..i], &regime[i..]),
        None => (regime, ""),
    };
    let parts: Vec<&str> = bare.split('/').collect();
    if !bare.contains(';') && !bare.contains('(') && !bare.contains('>') && parts.len() == players.len() {
        let named: Vec<String> = players.iter().zip(&parts).map(|(p, s)| format!("{p} {s}")).collect();
        return format!("only ({}){class}", named.join(", "));
    }
    regime.to_string()
}

/// One sentence per parameter: where the defaults' outcome holds, and what replaces it on either side.
fn threshold_finding(name: &str, t: &Thresholds, r: &Report) -> String {
    let value = |b: &crate::analysis::thresholds::Boundary| {
        if b.exact {
            fmt_q(&b.value)
        } else {
            format!("≈{}", crate::output::decimal(&b.value))
        }
    };
    let default = r.parameters.iter().find(|p| p.name == name).map(|p| p.default.clone());
    let Some(d) = default else { return String::new() };
    let lower = t.boundaries.iter().rfind(|b| b.value < d);
    let upper = t.boundaries.iter().find(|b| b.value > d);
    let at = t.boundaries.iter().find(|b| b.value == d);
    let mut s = match at {
        Some(b) => format!("{name}: the default {} is itself a boundary", value(b)),
        None => format!(
            "{name}: the defaults' outcome ({}) holds from {} to {}",
            t.intervals
                .iter()
                .find(|i| i.from <= d && d <= i.to)
                .map_or_else(String::new, |i| short_regime(&i.regime, &r.players)),
            lower.map_or(fmt_q(&t.start), value),
            upper.map_or(fmt_q(&t.stop), value)
        ),
    };
    if let Some(l) = lower.and_then(|b| b.left.as_ref()) {
        s.push_str(&format!("; below {}: {}", lower.map(value).unwrap_or_default(), short_regime(l, &r.players)));
    }
    if let Some(rr) = upper.and_then(|b| b.right.as_ref()) {
        s.push_str(&format!("; above {}: {}", upper.map(value).unwrap_or_default(), short_regime(rr, &r.players)));
    }
    let more =
        t.boundaries.len() - usize::from(lower.is_some()) - usize::from(upper.is_some()) - usize::from(at.is_some());
    if more > 0 {
        s.push_str(&format!(
            " ({more} more change{} further out: see the regime table)",
            if more == 1 { "" } else { "s" }
        ));
    }
    s.push('.');
    s
}
