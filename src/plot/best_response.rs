//! The best-response diagram of a 2x2 game: in the unit square of mixed profiles (x = player 1's
//! probability of their first strategy, y = player 2's), each player's best-response
//! correspondence, and the Nash equilibria where they meet.

use super::common::tick;
use super::common::{draw_labels, draw_legend, frame, Marker};
use super::labels::{sample_line, Rect};
use super::{chart_error, Chart, FONT};
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
        chart
            .configure_mesh()
            .x_desc(format!("P({} plays {})", self.players[0], self.first_strategies[0]))
            .y_desc(format!("P({} plays {})", self.players[1], self.first_strategies[1]))
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 16))
            .x_label_formatter(&tick)
            .y_label_formatter(&tick)
            .max_light_lines(1)
            .light_line_style(RGBColor(245, 245, 245))
            .bold_line_style(RGBColor(222, 222, 222))
            .draw()
            .map_err(chart_error)?;
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
