//! `standoff region`: the payoff region of a two-player game (feasible set, minmax, individually
//! rational part, Pareto frontier, Nash and correlated-equilibrium payoffs) or of a three-player
//! game, as a table or JSON; and `standoff solve --method correlated` (the welfare-maximising
//! correlated equilibrium) in all four formats. JSON schemas: `docs/json.md`.

use super::csv::field;
use super::json::{finish, named, qs, OutcomeJson};
use super::markdown::cell;
use super::{mixed_text, with_decimal, Format, Report};
use crate::analysis::correlated::CorrelatedEquilibrium;
use crate::analysis::geometry::Point;
use crate::analysis::region::{PayoffRegion, PayoffRegion3};
use crate::error::Result;
use crate::game::NormalForm;
use crate::num::{fmt_q, to_f64, Q};
use indexmap::IndexMap;
use serde::Serialize;
use std::fmt::Write as _;

/// A payoff region ([`PayoffRegion`] for two players, [`PayoffRegion3`] for three), with the
/// game and the parameter values it came from.
pub struct RegionReport<'a, R> {
    /// The game.
    pub game: &'a NormalForm,
    /// Its payoff region.
    pub region: &'a R,
    /// The scenario used, if any.
    pub scenario: Option<&'a str>,
    /// The parameter values used, in declaration order.
    pub values: &'a [(String, Q)],
}

impl Report for RegionReport<'_, PayoffRegion> {
    fn name(&self) -> &'static str {
        "region"
    }
    fn table(&self) -> String {
        region_table(self.game, self.region, self.scenario)
    }
    fn json(&self) -> String {
        region_json(self.game, self.region, self.scenario, self.values)
    }
}

impl Report for RegionReport<'_, PayoffRegion3> {
    fn name(&self) -> &'static str {
        "region"
    }
    fn table(&self) -> String {
        region3_table(self.game, self.region, self.scenario)
    }
    fn json(&self) -> String {
        region3_json(self.game, self.region, self.scenario, self.values)
    }
}

/// `standoff solve --method correlated`: the welfare-maximising correlated equilibrium.
pub struct CorrelatedReport<'a> {
    /// The game.
    pub game: &'a NormalForm,
    /// The correlated equilibrium.
    pub equilibrium: &'a CorrelatedEquilibrium,
    /// The scenario used, if any.
    pub scenario: Option<&'a str>,
    /// The parameter values used, in declaration order.
    pub values: &'a [(String, Q)],
    /// Remarks for the reader.
    pub notes: Vec<String>,
}

/// The JSON of `solve --method correlated`: the same top level as every other method, with the
/// distribution(s) under `equilibria`.
#[derive(Serialize)]
struct CorrelatedSolveJson<'a> {
    game: GameJson<'a>,
    method: &'static str,
    exact: bool,
    complete: bool,
    scenario: Option<&'a str>,
    parameters: IndexMap<&'a str, String>,
    equilibria: Vec<CeJson>,
    components: Vec<()>,
    notes: &'a [String],
}

impl Report for CorrelatedReport<'_> {
    fn name(&self) -> &'static str {
        "solve --method correlated"
    }

    fn formats(&self) -> &'static [Format] {
        &Format::ALL
    }

    fn table(&self) -> String {
        let (game, ce) = (self.game, self.equilibrium);
        let mut s = format!("{}\nMethod: correlated (exact LP)\n", game.title);
        if let Some(sc) = self.scenario {
            let _ = writeln!(s, "Scenario: {sc}");
        }
        let _ = writeln!(s, "\nWelfare-maximising correlated equilibrium:");
        for (prof, p) in ce.support(game) {
            let _ = writeln!(s, "  {:<24} {}", labels(game, &prof).join("/"), with_decimal(&p));
        }
        for (i, u) in ce.payoffs.iter().enumerate() {
            let _ = writeln!(s, "Payoff {}: {}", game.players()[i].name, with_decimal(u));
        }
        let verdict = if ce.as_product(game).is_none() {
            "It needs a mediator: no pair of independent mixed strategies produces this distribution."
        } else {
            "It is a product of independent mixed strategies, so it is also a Nash equilibrium."
        };
        let _ = writeln!(s, "{verdict}");
        s
    }

    fn json(&self) -> String {
        finish(&CorrelatedSolveJson {
            game: GameJson::of(self.game),
            method: "correlated",
            exact: true,
            complete: false,
            scenario: self.scenario,
            parameters: named(self.values),
            equilibria: vec![ce_json(self.game, self.equilibrium)],
            components: Vec::new(),
            notes: &self.notes,
        })
    }

    fn csv(&self) -> Result<String> {
        let mut s = String::from("profile,probability\n");
        for (prof, p) in self.equilibrium.support(self.game) {
            let _ = writeln!(s, "{},{}", field(&labels(self.game, &prof).join("/")), fmt_q(&p));
        }
        Ok(s)
    }

    fn markdown(&self) -> Result<String> {
        let (game, ce) = (self.game, self.equilibrium);
        let mut s = format!("# {}\n\nWelfare-maximising correlated equilibrium (exact LP)\n\n", cell(&game.title));
        s.push_str("| Profile | Probability |\n|---|---|\n");
        for (prof, p) in ce.support(game) {
            let _ = writeln!(s, "| {} | {} |", cell(&labels(game, &prof).join("/")), fmt_q(&p));
        }
        let pay = ce.payoffs.iter().map(fmt_q).collect::<Vec<_>>().join(", ");
        let _ = writeln!(s, "\nPayoffs: {pay}");
        Ok(s)
    }
}

#[derive(Serialize)]
struct GameJson<'a> {
    title: &'a str,
    players: Vec<&'a str>,
    strategies: Vec<&'a [String]>,
}

impl<'a> GameJson<'a> {
    fn of(game: &'a NormalForm) -> Self {
        GameJson {
            title: &game.title,
            players: game.players().iter().map(|p| p.name.as_str()).collect(),
            strategies: game.players().iter().map(|p| p.strategies.as_slice()).collect(),
        }
    }
}

#[derive(Serialize)]
struct CeJson {
    distribution: Vec<OutcomeJson>,
    payoffs: Vec<String>,
    payoffs_float: Vec<f64>,
    welfare: String,
    needs_mediator: bool,
}

#[derive(Serialize)]
struct PureJson {
    profile: Vec<String>,
    payoffs: Vec<String>,
}

#[derive(Serialize)]
struct MinmaxJson<'a> {
    player: &'a str,
    pure: String,
    pure_punisher: &'a str,
    mixed: String,
    mixed_punisher: Vec<String>,
}

#[derive(Serialize)]
struct NashJson {
    payoffs: Vec<String>,
    pure: bool,
    profile: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct PayoffBoxJson {
    kind: &'static str,
    x: [String; 2],
    y: [String; 2],
    polygon: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct ComponentJson {
    equilibria: Vec<usize>,
    payoff_sets: Vec<PayoffBoxJson>,
}

#[derive(Serialize)]
struct CorrelatedJson {
    welfare_max: CeJson,
    best_for: Vec<CeJson>,
    region: Vec<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_note: Option<String>,
}

#[derive(Serialize)]
struct Correlated3Json {
    welfare_max: CeJson,
    best_for: Vec<CeJson>,
    polytope: Hull3Json,
    polytope_note: Option<String>,
}

#[derive(Serialize)]
struct RegionJson<'a> {
    game: GameJson<'a>,
    scenario: Option<&'a str>,
    parameters: IndexMap<&'a str, String>,
    pure_profiles: Vec<PureJson>,
    feasible: Vec<Vec<String>>,
    pareto: Vec<Vec<String>>,
    minmax: Vec<MinmaxJson<'a>>,
    individually_rational: Vec<Vec<String>>,
    nash: Vec<NashJson>,
    components: Vec<ComponentJson>,
    correlated: CorrelatedJson,
}

fn points(ps: &[Point]) -> Vec<Vec<String>> {
    ps.iter().map(|p| vec![fmt_q(&p.x), fmt_q(&p.y)]).collect()
}

fn labels(game: &NormalForm, profile: &[usize]) -> Vec<String> {
    profile.iter().enumerate().map(|(i, &s)| game.players()[i].strategies[s].clone()).collect()
}

fn ce_json(game: &NormalForm, ce: &CorrelatedEquilibrium) -> CeJson {
    CeJson {
        distribution: ce
            .support(game)
            .into_iter()
            .map(|(prof, p)| OutcomeJson { profile: labels(game, &prof), probability: fmt_q(&p) })
            .collect(),
        payoffs: qs(&ce.payoffs),
        payoffs_float: ce.payoffs.iter().map(to_f64).collect(),
        welfare: fmt_q(&ce.welfare()),
        needs_mediator: ce.as_product(game).is_none(),
    }
}

/// The JSON rendering of a payoff region.
fn region_json(game: &NormalForm, r: &PayoffRegion, scenario: Option<&str>, values: &[(String, Q)]) -> String {
    let opponent = |i: usize, s: usize| game.players()[1 - i].strategies[s].as_str();
    let json = RegionJson {
        game: GameJson::of(game),
        scenario,
        parameters: named(values),
        pure_profiles: r
            .pure_payoffs
            .iter()
            .map(|(prof, p)| PureJson { profile: labels(game, prof), payoffs: vec![fmt_q(&p.x), fmt_q(&p.y)] })
            .collect(),
        feasible: points(&r.feasible),
        pareto: points(&r.pareto),
        minmax: r
            .minmax
            .iter()
            .enumerate()
            .map(|(i, m)| MinmaxJson {
                player: &game.players()[i].name,
                pure: fmt_q(&m.pure),
                pure_punisher: opponent(i, m.pure_punisher),
                mixed: fmt_q(&m.mixed),
                mixed_punisher: qs(&m.mixed_punisher),
            })
            .collect(),
        individually_rational: points(&r.individually_rational),
        nash: r
            .nash
            .iter()
            .map(|n| NashJson {
                payoffs: n.payoffs.to_vec().iter().map(fmt_q).collect(),
                pure: n.pure,
                profile: n.profile.probs.iter().map(|p| qs(p)).collect(),
            })
            .collect(),
        components: r
            .components
            .iter()
            .map(|c| ComponentJson {
                equilibria: c.equilibria.clone(),
                payoff_sets: c
                    .boxes
                    .iter()
                    .map(|b| PayoffBoxJson {
                        kind: b.kind(),
                        x: [fmt_q(&b.x.0), fmt_q(&b.x.1)],
                        y: [fmt_q(&b.y.0), fmt_q(&b.y.1)],
                        polygon: points(&b.polygon()),
                    })
                    .collect(),
            })
            .collect(),
        correlated: CorrelatedJson {
            welfare_max: ce_json(game, &r.correlated.welfare_max),
            best_for: r.correlated.best_for.iter().map(|ce| ce_json(game, ce)).collect(),
            region: points(&r.correlated.region),
            region_note: r.correlated.region_note.clone(),
        },
    };
    finish(&json)
}

#[derive(Serialize)]
struct FacetJson {
    vertices: Vec<usize>,
    normal: Vec<String>,
    offset: String,
}

#[derive(Serialize)]
struct Hull3Json {
    dimension: Option<usize>,
    vertices: Vec<Vec<String>>,
    facets: Vec<FacetJson>,
}

#[derive(Serialize)]
struct ProjectionJson<'a> {
    players: [&'a str; 2],
    polygon: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct JointMinmaxJson<'a> {
    player: &'a str,
    pure: String,
    pure_punishers: Vec<String>,
    correlated: String,
    correlated_punishers: Vec<OutcomeJson>,
}

#[derive(Serialize)]
struct PureNashJson {
    profile: Vec<String>,
    payoffs: Vec<String>,
}

#[derive(Serialize)]
struct MixedNash3Json {
    profile: Vec<Vec<String>>,
    payoffs: Vec<String>,
    payoffs_float: Vec<f64>,
    exact: bool,
    max_regret: String,
}

#[derive(Serialize)]
struct Region3Json<'a> {
    game: GameJson<'a>,
    scenario: Option<&'a str>,
    parameters: IndexMap<&'a str, String>,
    pure_profiles: Vec<PureJson>,
    feasible: Hull3Json,
    projections: Vec<ProjectionJson<'a>>,
    minmax: Vec<JointMinmaxJson<'a>>,
    pareto: Vec<Vec<String>>,
    nash: Vec<PureNashJson>,
    mixed_nash: Vec<MixedNash3Json>,
    mixed_nash_note: Option<String>,
    individually_rational: Option<Hull3Json>,
    correlated: Option<Correlated3Json>,
    notes: Vec<String>,
}

fn hull3_json(h: &crate::analysis::hull3::Hull3) -> Hull3Json {
    Hull3Json {
        dimension: h.dimension,
        vertices: h.vertices.iter().map(|v| qs(v)).collect(),
        facets: h
            .facets
            .iter()
            .map(|f| FacetJson { vertices: f.vertices.clone(), normal: qs(&f.normal), offset: fmt_q(&f.offset) })
            .collect(),
    }
}

/// The labels of player `i`'s opponents' strategies in an opponent profile (player order, `i` skipped).
fn opponent_labels(game: &NormalForm, i: usize, t: &[usize]) -> Vec<String> {
    let others = (0..game.num_players()).filter(|&j| j != i);
    others.zip(t).map(|(j, &s)| game.players()[j].strategies[s].clone()).collect()
}

/// Strategy labels of a profile joined with `", "` (three-player strategies may contain `/`).
fn joined(v: &[String]) -> String {
    v.join(", ")
}

const MIXED_MINMAX_NOTE: &str = "the correlated minmax lets the two punishers correlate (an exact LP); \
     the minmax with independently mixing punishers lies between it and the pure minmax, but is not a \
     linear program with three players and is not computed";

const IR3_NOTE: &str = "the individually rational part is the feasible set where every player gets at least \
     its correlated minmax (a superset of the part above the independent mixed minmax)";

/// The JSON rendering of a three-player payoff region.
fn region3_json(game: &NormalForm, r: &PayoffRegion3, scenario: Option<&str>, values: &[(String, Q)]) -> String {
    let name = |i: usize| game.players()[i].name.as_str();
    let json = Region3Json {
        game: GameJson::of(game),
        scenario,
        parameters: named(values),
        pure_profiles: r
            .pure_payoffs
            .iter()
            .map(|(prof, p)| PureJson { profile: labels(game, prof), payoffs: qs(p) })
            .collect(),
        feasible: hull3_json(&r.hull),
        projections: r
            .projections
            .iter()
            .map(|p| ProjectionJson { players: [name(p.players[0]), name(p.players[1])], polygon: points(&p.polygon) })
            .collect(),
        minmax: r
            .minmax
            .iter()
            .enumerate()
            .map(|(i, m)| JointMinmaxJson {
                player: name(i),
                pure: fmt_q(&m.pure),
                pure_punishers: opponent_labels(game, i, &m.pure_punishers),
                correlated: fmt_q(&m.correlated),
                correlated_punishers: m
                    .correlated_punishers
                    .iter()
                    .map(|(t, p)| OutcomeJson { profile: opponent_labels(game, i, t), probability: fmt_q(p) })
                    .collect(),
            })
            .collect(),
        pareto: r.pareto.iter().map(|v| qs(v)).collect(),
        nash: r
            .nash
            .iter()
            .map(|n| PureNashJson { profile: labels(game, &n.profile), payoffs: qs(&n.payoffs) })
            .collect(),
        mixed_nash: r
            .mixed_nash
            .iter()
            .map(|n| MixedNash3Json {
                profile: n.profile.iter().map(|p| qs(p)).collect(),
                payoffs: qs(&n.payoffs),
                payoffs_float: n.payoffs.iter().map(crate::num::to_f64).collect(),
                exact: num_traits::Zero::is_zero(&n.max_regret),
                max_regret: fmt_q(&n.max_regret),
            })
            .collect(),
        mixed_nash_note: r.mixed_nash_note.clone(),
        individually_rational: r.individually_rational.as_ref().map(hull3_json),
        correlated: r.correlated.as_ref().map(|c| Correlated3Json {
            welfare_max: ce_json(game, &c.welfare_max),
            best_for: c.best_for.iter().map(|ce| ce_json(game, ce)).collect(),
            polytope: hull3_json(&c.polytope),
            polytope_note: c.polytope_note.clone(),
        }),
        notes: vec![MIXED_MINMAX_NOTE.to_string(), IR3_NOTE.to_string()],
    };
    finish(&json)
}

fn vector_text(v: &[Q]) -> String {
    format!("({})", v.iter().map(fmt_q).collect::<Vec<_>>().join(", "))
}

/// The text rendering of a three-player payoff region.
fn region3_table(game: &NormalForm, r: &PayoffRegion3, scenario: Option<&str>) -> String {
    let names: Vec<&str> = game.players().iter().map(|p| p.name.as_str()).collect();
    let mut s = String::new();
    let _ = writeln!(s, "{}", game.title);
    if let Some(sc) = scenario {
        let _ = writeln!(s, "Scenario: {sc}");
    }
    let _ = writeln!(s, "Payoff vectors are ({}).\n", names.join(", "));
    let _ = writeln!(s, "Pure profiles:");
    for (prof, p) in &r.pure_payoffs {
        let _ = writeln!(s, "  {:<40} {}", joined(&labels(game, prof)), vector_text(p));
    }
    let h = &r.hull;
    let dim = match h.dimension {
        None => "empty".to_string(),
        Some(0) => "a single point".to_string(),
        Some(1) => "a segment".to_string(),
        Some(2) => "a planar polygon".to_string(),
        Some(_) => format!("a polytope with {} vertices and {} facets", h.vertices.len(), h.facets.len()),
    };
    let _ = writeln!(s, "\nFeasible set (convex hull of the pure payoff vectors): {dim}");
    let _ = writeln!(s, "  Vertices:");
    for (k, v) in h.vertices.iter().enumerate() {
        let _ = writeln!(s, "    v{:<3} {}", k + 1, vector_text(v));
    }
    if !h.facets.is_empty() {
        let _ = writeln!(
            s,
            "  Facets (vertices counter-clockwise seen from outside; the hull satisfies normal . u <= offset):"
        );
        for f in &h.facets {
            let vs: Vec<String> = f.vertices.iter().map(|k| format!("v{}", k + 1)).collect();
            let _ =
                writeln!(s, "    {:<28} normal {} offset {}", vs.join(" "), vector_text(&f.normal), fmt_q(&f.offset));
        }
    }
    let _ = writeln!(s, "\nPairwise projections (counter-clockwise):");
    for p in &r.projections {
        let _ = writeln!(s, "  ({}, {}): {}", names[p.players[0]], names[p.players[1]], polygon_text(&p.polygon));
    }
    let _ = writeln!(s, "\nMinmax (the least the two opponents can hold a player to):");
    for (i, m) in r.minmax.iter().enumerate() {
        let dist = m
            .correlated_punishers
            .iter()
            .map(|(t, p)| format!("{}: {}", joined(&opponent_labels(game, i, t)), fmt_q(p)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            s,
            "  {}: pure {} (opponents play {}), correlated {} (opponents draw {})",
            names[i],
            with_decimal(&m.pure),
            joined(&opponent_labels(game, i, &m.pure_punishers)),
            with_decimal(&m.correlated),
            dist
        );
    }
    let _ = writeln!(s, "  Note: {MIXED_MINMAX_NOTE}.");
    let _ = writeln!(s, "\nPareto-optimal vertices:");
    for v in &r.pareto {
        let _ = writeln!(s, "  {}", vector_text(v));
    }
    let _ = writeln!(s, "\nPure Nash equilibrium payoffs:");
    if r.nash.is_empty() {
        let _ = writeln!(s, "  (none)");
    }
    for n in &r.nash {
        let _ = writeln!(s, "  {:<40} {}", joined(&labels(game, &n.profile)), vector_text(&n.payoffs));
    }
    let _ = writeln!(s, "\nMixed Nash equilibrium payoffs (enumpoly):");
    if r.mixed_nash.is_empty() {
        let _ = writeln!(s, "  (none)");
    }
    // One line per distinct payoff vector (degenerate games repeat them), with the count.
    let mut lines: Vec<(String, usize)> = Vec::new();
    for n in &r.mixed_nash {
        let kind = if num_traits::Zero::is_zero(&n.max_regret) {
            "exact".to_string()
        } else {
            format!("decimals, max regret {:.1e} proven", crate::num::to_f64(&n.max_regret))
        };
        let line = format!("{} ({kind})", vector_text(&n.payoffs));
        match lines.iter_mut().find(|(l, _)| *l == line) {
            Some((_, k)) => *k += 1,
            None => lines.push((line, 1)),
        }
    }
    for (line, k) in lines {
        match line.strip_suffix(')') {
            Some(head) if k > 1 => {
                let _ = writeln!(s, "  {head}; {k} equilibria)");
            }
            _ => {
                let _ = writeln!(s, "  {line}");
            }
        }
    }
    if let Some(note) = &r.mixed_nash_note {
        let _ = writeln!(s, "  Note: {note}.");
    }
    match &r.individually_rational {
        Some(ir) if ir.dimension.is_some() => {
            let _ = writeln!(
                s,
                "\nIndividually rational part (every player at least its correlated minmax): {} vertices",
                ir.vertices.len()
            );
            for v in &ir.vertices {
                let _ = writeln!(s, "  {}", vector_text(v));
            }
        }
        Some(_) => {
            let _ = writeln!(s, "\nIndividually rational part: empty");
        }
        None => {
            let _ =
                writeln!(s, "\nIndividually rational part: not computed (the feasible set is not full-dimensional)");
        }
    }
    if let Some(c) = &r.correlated {
        let _ = writeln!(s, "\nCorrelated equilibria (exact LP):");
        let _ = writeln!(s, "  Welfare-maximising: {}", ce_text(game, &c.welfare_max));
        for (i, ce) in c.best_for.iter().enumerate() {
            let _ = writeln!(s, "  Best for {}: {}", names[i], ce_text(game, ce));
        }
        let p = &c.polytope;
        if let Some(note) = &c.polytope_note {
            let _ = writeln!(s, "  Payoff polytope: {note}");
        }
        let facets = if p.dimension == Some(3) { format!(", {} facets", p.facets.len()) } else { String::new() };
        let _ = writeln!(s, "  Payoff polytope: {} vertices{facets}", p.vertices.len());
        for v in &p.vertices {
            let _ = writeln!(s, "    {}", vector_text(v));
        }
    }
    s
}

fn point_text(p: &Point) -> String {
    format!("({}, {})", fmt_q(&p.x), fmt_q(&p.y))
}

fn polygon_text(ps: &[Point]) -> String {
    if ps.is_empty() {
        return "(empty)".into();
    }
    ps.iter().map(point_text).collect::<Vec<_>>().join(", ")
}

fn ce_text(game: &NormalForm, ce: &CorrelatedEquilibrium) -> String {
    // Strategies of reduced strategic forms contain `/`: then profiles are written `(a, b, c)`.
    let slash = game.players().iter().flat_map(|p| &p.strategies).any(|s| s.contains('/'));
    let profile = |prof: &[usize]| {
        if slash {
            format!("({})", joined(&labels(game, prof)))
        } else {
            labels(game, prof).join("/")
        }
    };
    let dist = ce
        .support(game)
        .into_iter()
        .map(|(prof, p)| format!("{} {}", profile(&prof), fmt_q(&p)))
        .collect::<Vec<_>>()
        .join(", ");
    let pay = ce.payoffs.iter().map(with_decimal).collect::<Vec<_>>().join(", ");
    let mediator = if ce.as_product(game).is_none() { "needs a mediator" } else { "a Nash equilibrium" };
    format!("{dist}\n    payoffs ({pay}); total {}; {mediator}", with_decimal(&ce.welfare()))
}

/// The text rendering of a payoff region.
fn region_table(game: &NormalForm, r: &PayoffRegion, scenario: Option<&str>) -> String {
    let names: Vec<&str> = game.players().iter().map(|p| p.name.as_str()).collect();
    let mut s = String::new();
    let _ = writeln!(s, "{}", game.title);
    if let Some(sc) = scenario {
        let _ = writeln!(s, "Scenario: {sc}");
    }
    let _ = writeln!(s, "Payoff pairs are ({}, {}).\n", names[0], names[1]);
    let _ = writeln!(s, "Pure profiles:");
    for (prof, p) in &r.pure_payoffs {
        let _ = writeln!(s, "  {:<24} {}", labels(game, prof).join("/"), point_text(p));
    }
    let _ = writeln!(s, "\nFeasible set (convex hull, counter-clockwise): {}", polygon_text(&r.feasible));
    let _ = writeln!(s, "Pareto frontier (vertices): {}", polygon_text(&r.pareto));
    let _ = writeln!(s, "\nMinmax (the least the opponent can hold a player to):");
    for (i, m) in r.minmax.iter().enumerate() {
        let opp = &game.players()[1 - i];
        let _ = writeln!(
            s,
            "  {}: pure {} ({} plays {}), mixed {} ({} plays {})",
            names[i],
            with_decimal(&m.pure),
            opp.name,
            opp.strategies[m.pure_punisher],
            with_decimal(&m.mixed),
            opp.name,
            mixed_text(&opp.strategies, &m.mixed_punisher)
        );
    }
    let _ = writeln!(s, "Individually rational part: {}", polygon_text(&r.individually_rational));
    let _ = writeln!(s, "\nNash equilibrium payoffs:");
    for (k, n) in r.nash.iter().enumerate() {
        let kind = if n.pure { "pure" } else { "mixed" };
        let strategies = n
            .profile
            .probs
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} {}", names[i], mixed_text(&game.players()[i].strategies, p)))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(s, "  {}. {} {kind}: {strategies}", k + 1, point_text(&n.payoffs));
    }
    if !r.components.is_empty() {
        let _ = writeln!(
            s,
            "\nEquilibrium components (payoff sets; player 1's payoff depends only on player 2's strategy \
             within a convex set of equilibria, and vice versa):"
        );
        for (k, c) in r.components.iter().enumerate() {
            let eqs: Vec<String> = c.equilibria.iter().map(|e| (e + 1).to_string()).collect();
            let _ = writeln!(s, "  component {} (extreme equilibria {}):", k + 1, eqs.join(", "));
            for b in &c.boxes {
                let range = |r: &(Q, Q)| {
                    if r.0 == r.1 {
                        fmt_q(&r.0)
                    } else {
                        format!("[{}, {}]", fmt_q(&r.0), fmt_q(&r.1))
                    }
                };
                let _ = writeln!(s, "    {} {} x {}", b.kind(), range(&b.x), range(&b.y));
            }
        }
    }
    let _ = writeln!(s, "\nCorrelated equilibria:");
    let _ = writeln!(s, "  welfare-maximising: {}", ce_text(game, &r.correlated.welfare_max));
    for (i, ce) in r.correlated.best_for.iter().enumerate() {
        let _ = writeln!(s, "  best for {}: {}", names[i], ce_text(game, ce));
    }
    match &r.correlated.region_note {
        Some(why) => {
            let _ = writeln!(s, "  payoff region: not computed: {why}");
        }
        None => {
            let _ = writeln!(s, "  payoff region: {}", polygon_text(&r.correlated.region));
        }
    }
    s
}
