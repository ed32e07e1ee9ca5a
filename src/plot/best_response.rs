//! Best-response diagrams.
//!
//! A 2x2 game ([`BestResponseChart`]): in the unit square of mixed profiles (x = player 1's
//! probability of their first strategy, y = player 2's), each player's best-response
//! correspondence, and the Nash equilibria where they meet.
//!
//! A 2xN or Nx2 game ([`PayoffLinesChart`]): against the probability `p` with which the player who
//! has two strategies (the *mixer*) plays their first, the other player's (the *responder's*)
//! expected payoff of each of its pure strategies is a line; their upper envelope is the
//! responder's best-response payoff, its breakpoints are where the best response changes, and
//! every Nash equilibrium sits on the envelope at the mixer's equilibrium probability.

use super::common::{draw_axes, draw_labels, draw_legend, frame, Marker};
use super::labels::{sample_line, Rect};
use super::{chart_error, Chart};
use crate::error::{Error, Result};
use crate::game::NormalForm;
use crate::num::{fmt_q, to_f64, Q};
use crate::solve::Equilibrium;
use num_traits::{Signed, Zero};
use plotters::coord::Shift;
use plotters::prelude::*;

const ROW: RGBColor = RGBColor(210, 40, 40);
const COL: RGBColor = RGBColor(30, 90, 200);
const EQ: RGBColor = RGBColor(20, 20, 20);

/// A best-response correspondence: segments in the unit square and, when the player is indifferent
/// everywhere, the whole square.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correspondence {
    /// Segments `((x0, y0), (x1, y1))` in (player 1's probability, player 2's probability).
    pub segments: Vec<((Q, Q), (Q, Q))>,
    /// True if every strategy is a best response to everything (the whole square).
    pub everything: bool,
}

/// The best-response set of a player whose gain from their first over their second strategy is `d0`
/// when the opponent plays their second strategy and `d1` when the opponent plays their first, as
/// segments in (own probability, opponent probability) coordinates.
fn correspondence(d0: &Q, d1: &Q) -> Correspondence {
    let zero = Q::zero;
    let one = || Q::from_integer(1.into());
    if d0.is_zero() && d1.is_zero() {
        return Correspondence { segments: Vec::new(), everything: true };
    }
    let own = |d: &Q| if d.is_positive() { one() } else { zero() };
    let root = if d0 != d1 {
        let r = d0 / (d0 - d1);
        (!r.is_negative() && r <= one()).then_some(r)
    } else {
        None
    };
    let segments = match root {
        None => vec![((own(d0), zero()), (own(d0), one()))],
        Some(r) => {
            let mut s = vec![((zero(), r.clone()), (one(), r.clone()))];
            if r.is_positive() {
                s.push(((own(d0), zero()), (own(d0), r.clone())));
            }
            if r < one() {
                s.push(((own(d1), r.clone()), (own(d1), one())));
            }
            s
        }
    };
    Correspondence { segments, everything: false }
}

/// Player 1's and player 2's best-response correspondences of a 2x2 game, in (p, q) coordinates
/// where `p` is player 1's probability of their first strategy and `q` player 2's.
pub fn correspondences(game: &NormalForm) -> Result<(Correspondence, Correspondence)> {
    if game.shape() != [2, 2] {
        return Err(Error::Unsupported {
            method: "best-response diagram".into(),
            reason: format!("it is drawn for 2x2 games; this game has shape {:?}", game.shape()),
        });
    }
    let u = |r: usize, c: usize, i: usize| game.payoff(&[r, c], i).clone();
    // Player 1's gain from the first strategy, against player 2's second (q = 0) and first (q = 1).
    let row = correspondence(&(u(0, 1, 0) - u(1, 1, 0)), &(u(0, 0, 0) - u(1, 0, 0)));
    // Player 2's gain from the first strategy, against player 1's second (p = 0) and first (p = 1).
    let mut col = correspondence(&(u(1, 0, 1) - u(1, 1, 1)), &(u(0, 0, 1) - u(0, 1, 1)));
    // Player 2's segments are in (q, p): swap to (p, q).
    for s in &mut col.segments {
        *s = ((s.0 .1.clone(), s.0 .0.clone()), (s.1 .1.clone(), s.1 .0.clone()));
    }
    Ok((row, col))
}

/// A best-response chart, ready to draw.
#[derive(Debug, Clone)]
pub struct BestResponseChart {
    /// Chart title.
    pub title: String,
    /// Second line under the title, if any.
    pub subtitle: Option<String>,
    /// Player names.
    pub players: [String; 2],
    /// Each player's first strategy label (the axes show its probability).
    pub first_strategies: [String; 2],
    /// Both players' strategy labels.
    pub strategies: [Vec<String>; 2],
    /// Player 1's best responses.
    pub row: Correspondence,
    /// Player 2's best responses.
    pub col: Correspondence,
    /// The extreme Nash equilibria.
    pub equilibria: Vec<Equilibrium>,
}

impl BestResponseChart {
    /// The chart of a 2x2 `game` with its equilibria (from vertex enumeration).
    pub fn new(game: &NormalForm, equilibria: Vec<Equilibrium>, subtitle: Option<String>) -> Result<Self> {
        let (row, col) = correspondences(game)?;
        let p = game.players();
        Ok(BestResponseChart {
            title: format!("Best responses: {}", game.title),
            subtitle,
            players: [p[0].name.clone(), p[1].name.clone()],
            first_strategies: [p[0].strategies[0].clone(), p[1].strategies[0].clone()],
            strategies: [p[0].strategies.clone(), p[1].strategies.clone()],
            row,
            col,
            equilibria,
        })
    }
}

type Coords = Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

fn draw_correspondence<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Coords>,
    c: &Correspondence,
    color: RGBColor,
    width: u32,
) -> Result<()> {
    if c.everything {
        chart
            .draw_series(std::iter::once(Rectangle::new([(0.0, 0.0), (1.0, 1.0)], color.mix(0.25).filled())))
            .map_err(chart_error)?;
    }
    for (a, b) in &c.segments {
        let pts = vec![(to_f64(&a.0), to_f64(&a.1)), (to_f64(&b.0), to_f64(&b.1))];
        chart.draw_series(LineSeries::new(pts, color.stroke_width(width))).map_err(chart_error)?;
    }
    Ok(())
}

impl Chart for BestResponseChart {
    fn size(&self) -> (u32, u32) {
        (1000, 760)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let (plot, legend) = frame(root, &self.title, self.subtitle.as_deref(), 310)?;
        let mut chart = ChartBuilder::on(&plot)
            .margin(20)
            .x_label_area_size(52)
            .y_label_area_size(64)
            .build_cartesian_2d(-0.04f64..1.04f64, -0.04f64..1.04f64)
            .map_err(chart_error)?;
        draw_axes(
            &mut chart,
            &format!("P({} plays {})", self.players[0], self.first_strategies[0]),
            &format!("P({} plays {})", self.players[1], self.first_strategies[1]),
        )?;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, 0.0), (1.0, 1.0)],
                RGBColor(150, 150, 150).stroke_width(1),
            )))
            .map_err(chart_error)?;
        draw_correspondence(&mut chart, &self.row, ROW, 5)?;
        draw_correspondence(&mut chart, &self.col, COL, 3)?;
        let mut obstacles = Vec::new();
        let mut items = Vec::new();
        for e in &self.equilibria {
            let (p, q) = (&e.profile.probs[0][0], &e.profile.probs[1][0]);
            let at = chart.backend_coord(&(to_f64(p), to_f64(q)));
            let pure = e.profile.as_pure().is_some();
            let m = if pure { Marker::Dot(EQ, 7) } else { Marker::Ring(EQ, 7) };
            m.draw(root, at)?;
            obstacles.push(Rect::around(at.0, at.1, m.radius()));
            let pay = e.payoffs.iter().map(fmt_q).collect::<Vec<_>>().join(", ");
            let what = match e.profile.as_pure() {
                Some(s) => format!("{}/{}", self.strategies[0][s[0]], self.strategies[1][s[1]]),
                None => format!("p = {}, q = {}", fmt_q(p), fmt_q(q)),
            };
            items.push((at, format!("{what}: payoffs ({pay})")));
        }
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let bounds = Rect { x: xr.start, y: yr.start, w: xr.end - xr.start, h: yr.end - yr.start };
        let mut soft = Vec::new();
        for (a, b) in self.row.segments.iter().chain(&self.col.segments) {
            let a = chart.backend_coord(&(to_f64(&a.0), to_f64(&a.1)));
            let b = chart.backend_coord(&(to_f64(&b.0), to_f64(&b.1)));
            soft.extend(sample_line(&[a, b], 6));
        }
        draw_labels(root, &items, &obstacles, &soft, bounds)?;
        let mut entries = vec![
            (Marker::Line(ROW, 5), format!("{}'s best responses", self.players[0])),
            (Marker::Line(COL, 3), format!("{}'s best responses", self.players[1])),
        ];
        if self.equilibria.iter().any(|e| e.profile.as_pure().is_some()) {
            entries.push((Marker::Dot(EQ, 7), "Pure Nash equilibrium".into()));
        }
        if self.equilibria.iter().any(|e| e.profile.as_pure().is_none()) {
            entries.push((Marker::Ring(EQ, 7), "Mixed Nash equilibrium".into()));
        }
        let notes = vec![
            format!("p = P({} plays {})", self.players[0], self.first_strategies[0]),
            format!("q = P({} plays {})", self.players[1], self.first_strategies[1]),
        ];
        draw_legend(&legend, &entries, &notes)
    }
}

/// The responder's payoff lines and their upper envelope in a game where the mixer has two
/// strategies (exact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoffLines {
    /// The player with two strategies (0 or 1); `p` is their probability of their first strategy.
    pub mixer: usize,
    /// For each of the responder's strategies, its expected payoff at `p = 0` and at `p = 1`.
    pub lines: Vec<(Q, Q)>,
    /// The vertices `(p, value)` of the upper envelope from `p = 0` to `p = 1` (both ends included).
    pub envelope: Vec<(Q, Q)>,
    /// For each envelope segment (between consecutive vertices), the best line on it (the one
    /// that stays best to its right when several coincide).
    pub best: Vec<usize>,
}

impl PayoffLines {
    /// The value of line `j` at `p`.
    pub fn value(&self, j: usize, p: &Q) -> Q {
        let (a, b) = &self.lines[j];
        a + (b - a) * p
    }

    /// The inner vertices of the envelope: where the responder's best response changes.
    pub fn breakpoints(&self) -> &[(Q, Q)] {
        let n = self.envelope.len();
        if n <= 2 {
            &[]
        } else {
            &self.envelope[1..n - 1]
        }
    }
}

/// The payoff lines of a 2xN or Nx2 game (see the module docs); when both players have two
/// strategies, player 1 is the mixer.
pub fn payoff_lines(game: &NormalForm) -> Result<PayoffLines> {
    let shape = game.shape();
    let mixer = match shape.as_slice() {
        [2, _] => 0,
        [_, 2] => 1,
        _ => {
            return Err(Error::Unsupported {
                method: "payoff-line diagram".into(),
                reason: format!("one of two players needs exactly two strategies; this game has shape {shape:?}"),
            })
        }
    };
    let responder = 1 - mixer;
    let u = |m: usize, r: usize| {
        let mut prof = [0usize; 2];
        prof[mixer] = m;
        prof[responder] = r;
        game.payoff(&prof, responder).clone()
    };
    // At p = 0 the mixer plays their second strategy.
    let lines: Vec<(Q, Q)> = (0..shape[responder]).map(|r| (u(1, r), u(0, r))).collect();
    let slope = |j: usize| &lines[j].1 - &lines[j].0;
    // Start with the best line at p = 0 (the steepest among ties), then walk right to the
    // nearest crossing with a steeper line.
    let start = (0..lines.len())
        .max_by(|&i, &j| lines[i].0.cmp(&lines[j].0).then(slope(i).cmp(&slope(j))).then(j.cmp(&i)))
        .ok_or_else(|| Error::Game("the responder has no strategies".into()))?;
    let one = Q::from_integer(1.into());
    let mut envelope = vec![(Q::zero(), lines[start].0.clone())];
    let mut best = vec![start];
    let mut cur = start;
    let mut p = Q::zero();
    loop {
        let mut next: Option<(Q, usize)> = None;
        for j in 0..lines.len() {
            let (sc, sj) = (slope(cur), slope(j));
            if sj <= sc {
                continue;
            }
            // a_c + s_c t = a_j + s_j t  =>  t = (a_c - a_j) / (s_j - s_c)
            let t = (&lines[cur].0 - &lines[j].0) / (&sj - &sc);
            if t < p || t >= one {
                continue;
            }
            let better = match &next {
                None => true,
                Some((tn, k)) => t < *tn || (t == *tn && sj > slope(*k)),
            };
            if better {
                next = Some((t, j));
            }
        }
        match next {
            Some((t, j)) => {
                let v = &lines[cur].0 + slope(cur) * &t;
                if t > p {
                    envelope.push((t.clone(), v));
                    best.push(j);
                } else if let Some(b) = best.last_mut() {
                    // A steeper line ties at the current vertex: it takes over the segment.
                    *b = j;
                }
                p = t;
                cur = j;
            }
            None => {
                envelope.push((one.clone(), lines[cur].1.clone()));
                break;
            }
        }
    }
    Ok(PayoffLines { mixer, lines, envelope, best })
}

const LINE_COLORS: [RGBColor; 8] = [
    RGBColor(30, 90, 200),
    RGBColor(210, 40, 40),
    RGBColor(20, 140, 70),
    RGBColor(140, 70, 180),
    RGBColor(230, 130, 0),
    RGBColor(0, 150, 160),
    RGBColor(150, 100, 40),
    RGBColor(220, 60, 160),
];

/// The payoff-line chart of a 2xN or Nx2 game.
#[derive(Debug, Clone)]
pub struct PayoffLinesChart {
    /// Chart title.
    pub title: String,
    /// Second line under the title, if any.
    pub subtitle: Option<String>,
    /// Player names.
    pub players: [String; 2],
    /// Both players' strategy labels.
    pub strategies: [Vec<String>; 2],
    /// The lines and their envelope.
    pub lines: PayoffLines,
    /// The extreme Nash equilibria.
    pub equilibria: Vec<Equilibrium>,
}

impl PayoffLinesChart {
    /// The chart of a 2xN or Nx2 `game` with its equilibria (from vertex enumeration).
    pub fn new(game: &NormalForm, equilibria: Vec<Equilibrium>, subtitle: Option<String>) -> Result<Self> {
        let lines = payoff_lines(game)?;
        let p = game.players();
        Ok(PayoffLinesChart {
            title: format!("Best responses: {}", game.title),
            subtitle,
            players: [p[0].name.clone(), p[1].name.clone()],
            strategies: [p[0].strategies.clone(), p[1].strategies.clone()],
            lines,
            equilibria,
        })
    }

    fn y_range(&self) -> (f64, f64) {
        let vals: Vec<f64> = self.lines.lines.iter().flat_map(|(a, b)| [to_f64(a), to_f64(b)]).collect();
        let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            return (-1.0, 1.0);
        }
        let pad = if hi > lo { (hi - lo) * 0.1 } else { 1.0 };
        (lo - pad, hi + pad)
    }
}

impl Chart for PayoffLinesChart {
    fn size(&self) -> (u32, u32) {
        (1100, 760)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<()> {
        let (plot, legend) = frame(root, &self.title, self.subtitle.as_deref(), 330)?;
        let m = self.lines.mixer;
        let r = 1 - m;
        let (mixer, responder) = (&self.players[m], &self.players[r]);
        let first = self.strategies[m].first().map_or("?", String::as_str);
        let (y0, y1) = self.y_range();
        let mut chart = ChartBuilder::on(&plot)
            .margin(20)
            .x_label_area_size(52)
            .y_label_area_size(64)
            .build_cartesian_2d(-0.03f64..1.03f64, y0..y1)
            .map_err(chart_error)?;
        draw_axes(&mut chart, &format!("p = P({mixer} plays {first})"), &format!("{responder}'s expected payoff"))?;
        let pl = &self.lines;
        let env: Vec<(f64, f64)> = pl.envelope.iter().map(|(p, v)| (to_f64(p), to_f64(v))).collect();
        chart
            .draw_series(LineSeries::new(env.clone(), RGBColor(40, 40, 40).mix(0.3).stroke_width(11)))
            .map_err(chart_error)?;
        let color = |j: usize| LINE_COLORS[j % LINE_COLORS.len()];
        for (j, (a, b)) in pl.lines.iter().enumerate() {
            let pts = vec![(0.0, to_f64(a)), (1.0, to_f64(b))];
            chart.draw_series(LineSeries::new(pts, color(j).stroke_width(3))).map_err(chart_error)?;
        }
        let mut obstacles = Vec::new();
        let mut items: Vec<((i32, i32), String)> = Vec::new();
        // Line labels: at the middle of the line's stretch on the envelope, else at its right end.
        let label = |j: usize| self.strategies[r].get(j).cloned().unwrap_or_else(|| format!("#{}", j + 1));
        for j in 0..pl.lines.len() {
            let at = match pl.best.iter().position(|&b| b == j) {
                Some(k) => {
                    let pm = (&pl.envelope[k].0 + &pl.envelope[k + 1].0) / Q::from_integer(2.into());
                    (to_f64(&pm), to_f64(&pl.value(j, &pm)))
                }
                None => (1.0, to_f64(&pl.lines[j].1)),
            };
            items.push((chart.backend_coord(&at), label(j)));
        }
        let breaks: Vec<(f64, f64)> = pl.breakpoints().iter().map(|(p, v)| (to_f64(p), to_f64(v))).collect();
        for (bp, (p, _)) in breaks.iter().zip(pl.breakpoints()) {
            let at = chart.backend_coord(bp);
            Marker::Dot(RGBColor(60, 60, 60), 5).draw(root, at)?;
            obstacles.push(Rect::around(at.0, at.1, 7));
            let has_eq = self.equilibria.iter().any(|e| e.profile.probs[m].first() == Some(p));
            if !has_eq {
                items.push((at, format!("p = {}", fmt_q(p))));
            }
        }
        // One label per equilibrium point (equilibria of one component can share a point).
        let mut eq_points: Vec<((i32, i32), String, usize)> = Vec::new();
        for e in &self.equilibria {
            let Some(p) = e.profile.probs[m].first() else { continue };
            let v = &e.payoffs[r];
            let at = chart.backend_coord(&(to_f64(p), to_f64(v)));
            let pure = e.profile.as_pure().is_some();
            let mk = if pure { Marker::Dot(EQ_RED, 7) } else { Marker::Ring(EQ_RED, 7) };
            mk.draw(root, at)?;
            obstacles.push(Rect::around(at.0, at.1, mk.radius()));
            if let Some(entry) = eq_points.iter_mut().find(|(a, _, _)| *a == at) {
                entry.2 += 1;
                continue;
            }
            let pay = e.payoffs.iter().map(fmt_q).collect::<Vec<_>>().join(", ");
            let text = match e.profile.as_pure() {
                Some(s) => format!("{}/{}: payoffs ({pay})", self.strategies[0][s[0]], self.strategies[1][s[1]]),
                None => format!(
                    "p = {}, {} {}: ({pay})",
                    fmt_q(p),
                    responder,
                    crate::output::mixed_text(&self.strategies[r], &e.profile.probs[r])
                ),
            };
            eq_points.push((at, text, 0));
        }
        for (at, text, more) in eq_points {
            let text = if more > 0 { format!("{text} (+{more} more)") } else { text };
            items.push((at, text));
        }
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let bounds = Rect { x: xr.start, y: yr.start, w: xr.end - xr.start, h: yr.end - yr.start };
        let mut soft = Vec::new();
        for (a, b) in &pl.lines {
            let pa = chart.backend_coord(&(0.0, to_f64(a)));
            let pb = chart.backend_coord(&(1.0, to_f64(b)));
            soft.extend(sample_line(&[pa, pb], 6));
        }
        draw_labels(root, &items, &obstacles, &soft, bounds)?;
        let mut entries: Vec<(Marker, String)> =
            (0..pl.lines.len()).map(|j| (Marker::Line(color(j), 3), format!("{responder}: {}", label(j)))).collect();
        entries.push((Marker::Line(RGBColor(170, 170, 170), 9), "Upper envelope (best response)".into()));
        if !breaks.is_empty() {
            entries.push((Marker::Dot(RGBColor(60, 60, 60), 5), "Best response changes".into()));
        }
        if self.equilibria.iter().any(|e| e.profile.as_pure().is_some()) {
            entries.push((Marker::Dot(EQ_RED, 7), "Pure Nash equilibrium".into()));
        }
        if self.equilibria.iter().any(|e| e.profile.as_pure().is_none()) {
            entries.push((Marker::Ring(EQ_RED, 7), "Mixed Nash equilibrium".into()));
        }
        let mut notes =
            vec![format!("Each line: {responder}'s payoff from one"), "pure strategy as p varies".to_string()];
        if !pl.breakpoints().is_empty() {
            let ps: Vec<String> = pl.breakpoints().iter().map(|(p, _)| fmt_q(p)).collect();
            notes.push(format!("Best response changes at p = {}", ps.join(", ")));
        }
        draw_legend(&legend, &entries, &notes)
    }
}

const EQ_RED: RGBColor = RGBColor(210, 30, 30);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};

    #[test]
    fn chicken_correspondences_cross_three_times() {
        let s = || vec!["Swerve".to_string(), "Straight".to_string()];
        let players = vec![Player { name: "A".into(), strategies: s() }, Player { name: "B".into(), strategies: s() }];
        let g = NormalForm::new("chicken", players, |p| match (p[0], p[1]) {
            (0, 0) => vec![q(6), q(6)],
            (0, 1) => vec![q(2), q(7)],
            (1, 0) => vec![q(7), q(2)],
            _ => vec![q(0), q(0)],
        })
        .unwrap();
        let (row, col) = correspondences(&g).unwrap();
        // A is indifferent when 6q + 2(1 - q) = 7q, q = 2/3; swerves (p = 1) when q < 2/3.
        assert_eq!(
            row.segments,
            vec![
                ((q(0), frac(2, 3)), (q(1), frac(2, 3))),
                ((q(1), q(0)), (q(1), frac(2, 3))),
                ((q(0), frac(2, 3)), (q(0), q(1))),
            ]
        );
        assert_eq!(col.segments[0], ((frac(2, 3), q(0)), (frac(2, 3), q(1))));
        assert!(!row.everything && !col.everything);
    }

    #[test]
    fn indifference_everywhere_is_the_whole_square() {
        let c = correspondence(&q(0), &q(0));
        assert!(c.everything && c.segments.is_empty());
        let c = correspondence(&q(1), &q(2));
        assert_eq!(c.segments, vec![((q(1), q(0)), (q(1), q(1)))]);
    }
}

#[cfg(test)]
mod lines_tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};

    fn game(rows: &[Vec<(i64, i64)>]) -> NormalForm {
        let players = vec![
            Player { name: "R".into(), strategies: (0..rows.len()).map(|i| format!("r{i}")).collect() },
            Player { name: "C".into(), strategies: (0..rows[0].len()).map(|j| format!("c{j}")).collect() },
        ];
        NormalForm::new("g", players, |p| {
            let (x, y) = rows[p[0]][p[1]];
            vec![q(x), q(y)]
        })
        .unwrap()
    }

    #[test]
    fn two_by_three_envelope_by_hand() {
        // Column payoffs against p = P(r0): c0: 3p, c1: 2 - p... written (at p = 0, at p = 1):
        // c0 (0, 3), c1 (2, 1), c2 (1, 1). c1 is best until 3p = 2 - p + ... : 3p = 2 - p at p = 1/2.
        let g = game(&[vec![(1, 3), (0, 1), (0, 1)], vec![(0, 0), (2, 2), (1, 1)]]);
        let l = payoff_lines(&g).unwrap();
        assert_eq!(l.mixer, 0);
        assert_eq!(l.lines, vec![(q(0), q(3)), (q(2), q(1)), (q(1), q(1))]);
        assert_eq!(l.envelope, vec![(q(0), q(2)), (frac(1, 2), frac(3, 2)), (q(1), q(3))]);
        assert_eq!(l.best, vec![1, 0]);
        assert_eq!(l.breakpoints(), &[(frac(1, 2), frac(3, 2))]);
        let eq = crate::solve::solve(&g, crate::solve::Method::Enum, &Default::default()).unwrap().equilibria;
        // Every equilibrium lies on the envelope at the row player's probability.
        for e in &eq {
            let p = &e.profile.probs[0][0];
            let on = (0..3).map(|j| l.value(j, p)).max().unwrap();
            assert_eq!(e.payoffs[1], on);
        }
        let chart = PayoffLinesChart::new(&g, eq, None).unwrap();
        let svg = crate::plot::render_svg(&chart).unwrap();
        assert!(svg.contains("p = P(R plays r0)") && svg.contains("Upper envelope"));
    }

    #[test]
    fn three_by_two_uses_the_column_player_as_mixer() {
        // Row payoffs against q = P(c0): r0 (1, 4) meaning 4q + 1(1 - q); r1 (3, 0); r2 (2, 2) flat.
        // Envelope: r1 (3 - 3q) until it meets r0 (1 + 3q) at q = 1/3 (value 2) where r2 also
        // passes (2): r0 is the steepest there and takes over; r2 never has a stretch of its own.
        let g = game(&[vec![(4, 0), (1, 0)], vec![(0, 0), (3, 0)], vec![(2, 0), (2, 0)]]);
        let l = payoff_lines(&g).unwrap();
        assert_eq!(l.mixer, 1);
        assert_eq!(l.lines, vec![(q(1), q(4)), (q(3), q(0)), (q(2), q(2))]);
        assert_eq!(l.envelope, vec![(q(0), q(3)), (frac(1, 3), q(2)), (q(1), q(4))]);
        assert_eq!(l.best, vec![1, 0]);
        // A tie at p = 0 goes to the steeper line; parallel lines never cross.
        let g = game(&[vec![(0, 1), (0, 3)], vec![(0, 1), (0, 1)]]);
        let l = payoff_lines(&g).unwrap();
        assert_eq!(l.envelope, vec![(q(0), q(1)), (q(1), q(3))]);
        assert_eq!(l.best, vec![1]);
        let g = game(&[vec![(0, 2), (0, 1)], vec![(0, 3), (0, 2)]]);
        assert_eq!(payoff_lines(&g).unwrap().envelope, vec![(q(0), q(3)), (q(1), q(2))]);
        let three = vec![vec![(0, 0); 3], vec![(0, 0); 3], vec![(0, 0); 3]];
        assert!(payoff_lines(&game(&three)).is_err());
    }
}
