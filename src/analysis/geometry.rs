//! Exact plane geometry over [`Q`]: convex hulls, half-plane clipping, point location.
//!
//! A convex polygon is a list of distinct vertices in counter-clockwise order with no three
//! consecutive vertices collinear. Degenerate polygons are allowed: an empty list, a single
//! point, or a segment (two points).

use crate::num::Q;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// A point in the plane with exact coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Point {
    /// First coordinate (player 1's payoff in payoff diagrams).
    pub x: Q,
    /// Second coordinate (player 2's payoff).
    pub y: Q,
}

impl Point {
    /// The point `(x, y)`.
    pub fn new(x: Q, y: Q) -> Point {
        Point { x, y }
    }

    /// The two coordinates as a vector.
    pub fn to_vec(&self) -> Vec<Q> {
        vec![self.x.clone(), self.y.clone()]
    }
}

/// Twice the signed area of the triangle `a, b, c`: positive if `a, b, c` turn counter-clockwise,
/// zero if collinear.
pub fn cross(a: &Point, b: &Point, c: &Point) -> Q {
    (&b.x - &a.x) * (&c.y - &a.y) - (&b.y - &a.y) * (&c.x - &a.x)
}

/// The sign of [`cross`]`(a, b, c)`, computed in integers without reducing fractions (the
/// coordinates of payoff-region vertices have hundreds of digits, and every reduction is a gcd).
pub fn cross_sign(a: &Point, b: &Point, c: &Point) -> std::cmp::Ordering {
    // p − q as an unreduced fraction with a positive denominator.
    fn diff(p: &Q, q: &Q) -> (BigInt, BigInt) {
        if p.denom() == q.denom() {
            (p.numer() - q.numer(), p.denom().clone())
        } else {
            (p.numer() * q.denom() - q.numer() * p.denom(), p.denom() * q.denom())
        }
    }
    let (n1, d1) = diff(&b.x, &a.x);
    let (n2, d2) = diff(&c.y, &a.y);
    let (n3, d3) = diff(&b.y, &a.y);
    let (n4, d4) = diff(&c.x, &a.x);
    // n1/d1 · n2/d2 − n3/d3 · n4/d4, times the positive d1 d2 d3 d4.
    let left = if n1.is_zero() || n2.is_zero() { BigInt::zero() } else { n1 * n2 * d3 * d4 };
    let right = if n3.is_zero() || n4.is_zero() { BigInt::zero() } else { n3 * n4 * d1 * d2 };
    left.cmp(&right)
}

/// The convex hull of `points`, counter-clockwise, starting from the lowest-leftmost vertex
/// (smallest `x`, then smallest `y`), without collinear points.
///
/// Degenerate inputs give degenerate hulls: no points, one point (all points equal), or two points
/// (all points collinear: the two extreme ones).
pub fn convex_hull(points: &[Point]) -> Vec<Point> {
    let mut pts: Vec<Point> = points.to_vec();
    // The order of `Point`'s `Ord` (x, then y), compared by cross-multiplication: `Ratio`'s own
    // comparison expands continued fractions, dozens of big divisions for the long fractions of
    // payoff-region vertices.
    pts.sort_by(|p, q| cmp_q(&p.x, &q.x).then_with(|| cmp_q(&p.y, &q.y)));
    pts.dedup();
    if pts.len() <= 2 {
        return pts;
    }
    // Andrew's monotone chain: lower hull left to right, then upper hull right to left.
    let mut hull: Vec<Point> = Vec::with_capacity(2 * pts.len());
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &Point>> =
            if pass == 0 { Box::new(pts.iter()) } else { Box::new(pts.iter().rev()) };
        for p in iter {
            while hull.len() >= start + 2
                && cross_sign(&hull[hull.len() - 2], &hull[hull.len() - 1], p) != std::cmp::Ordering::Greater
            {
                hull.pop();
            }
            hull.push(p.clone());
        }
        // The last point of each chain is the first of the next.
        hull.pop();
    }
    if hull.len() < 2 {
        // All points collinear: the chains collapse to the two extremes.
        return vec![pts[0].clone(), pts[pts.len() - 1].clone()];
    }
    if hull.len() == 2 && hull[0] == hull[1] {
        hull.truncate(1);
    }
    hull
}

/// `a` against `b`, by cross-multiplication (denominators are positive); the same order as
/// `Q`'s `Ord`.
fn cmp_q(a: &Q, b: &Q) -> std::cmp::Ordering {
    if a.denom() == b.denom() {
        a.numer().cmp(b.numer())
    } else {
        (a.numer() * b.denom()).cmp(&(b.numer() * a.denom()))
    }
}

/// `Σ_i n_i / d_i` (every `d_i > 0`) as an unreduced fraction `(numerator, positive denominator)`:
/// no gcd, which for fractions of hundreds of digits costs far more than the multiplications.
pub(crate) fn sum_unreduced(terms: impl IntoIterator<Item = (BigInt, BigInt)>) -> (BigInt, BigInt) {
    let mut num = BigInt::zero();
    let mut den = BigInt::from(1);
    for (n, d) in terms {
        if n.is_zero() {
            continue;
        }
        if d == den {
            num += n;
        } else {
            num = num * &d + n * &den;
            den *= d;
        }
    }
    (num, den)
}

/// `Σ_i a_i b_i − c` compared with zero, exactly and without reducing any fraction.
pub(crate) fn dot_cmp(a: &[Q], b: &[Q], c: &Q) -> std::cmp::Ordering {
    let terms = a
        .iter()
        .zip(b)
        .filter(|(x, y)| !x.is_zero() && !y.is_zero())
        .map(|(x, y)| (x.numer() * y.numer(), x.denom() * y.denom()))
        .chain(std::iter::once((-c.numer(), c.denom().clone())));
    sum_unreduced(terms).0.sign().cmp(&num_bigint::Sign::NoSign)
}

/// `x − y`, with one gcd (the final reduction) where `Q`'s subtraction takes two.
fn sub_q(x: &Q, y: &Q) -> Q {
    let (n, d) = sum_unreduced([(x.numer().clone(), x.denom().clone()), (-y.numer(), y.denom().clone())]);
    Q::new(n, d)
}

/// `d · p`, with one gcd.
fn dot_q(d: &Point, p: &Point) -> Q {
    let (n, den) = sum_unreduced([
        (d.x.numer() * p.x.numer(), d.x.denom() * p.x.denom()),
        (d.y.numer() * p.y.numer(), d.y.denom() * p.y.denom()),
    ]);
    Q::new(n, den)
}

/// A face that [`wrap2`] tests: the outward normal line of the counter-clockwise edge `a -> b`
/// of a polygon (`kind` 0), or one of the four lines around a segment `a b` (`kind` 1 to 4).
/// Hashed by a few machine words of the coordinates: hashing a `Q` itself expands its continued
/// fraction, and the vertices of payoff regions have hundreds of digits.
#[derive(Clone, PartialEq, Eq)]
struct Face2 {
    kind: u8,
    a: Point,
    b: Point,
}

impl std::hash::Hash for Face2 {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // Consistent with `Eq`: equal rationals have equal numerators and denominators (lowest
        // terms, positive denominator).
        fn word<H: std::hash::Hasher>(x: &BigInt, h: &mut H) {
            h.write_u64(x.iter_u64_digits().next().unwrap_or(0));
            h.write_u64(x.bits());
            h.write_u8(x.is_negative() as u8);
        }
        h.write_u8(self.kind);
        for p in [&self.a, &self.b] {
            word(p.x.numer(), h);
            word(p.x.denom(), h);
            word(p.y.numer(), h);
            word(p.y.denom(), h);
        }
    }
}

impl Face2 {
    /// The line `d · p <= c` the face stands for.
    fn line(&self) -> (Point, Q) {
        let (a, b) = (&self.a, &self.b);
        match self.kind {
            0 => {
                // Outward normal of the counter-clockwise edge a -> b: its right-hand side.
                let d = Point::new(sub_q(&b.y, &a.y), sub_q(&a.x, &b.x));
                let c = dot_q(&d, a);
                (d, c)
            }
            _ => {
                let t = Point::new(&b.x - &a.x, &b.y - &a.y);
                let normal = Point::new(t.y.clone(), -&t.x);
                let (d, at) = match self.kind {
                    1 => (Point::new(-&normal.x, -&normal.y), a),
                    2 => (normal, a),
                    3 => (Point::new(-&t.x, -&t.y), a),
                    _ => (t, b),
                };
                let c = dot(&d, at);
                (d, c)
            }
        }
    }
}

/// True if `p` lies in the convex polygon `poly` (boundary included), for any degenerate polygon too.
pub fn contains(poly: &[Point], p: &Point) -> bool {
    match poly.len() {
        0 => false,
        1 => &poly[0] == p,
        2 => on_segment(&poly[0], &poly[1], p),
        n => (0..n).all(|i| !cross(&poly[i], &poly[(i + 1) % n], p).is_negative()),
    }
}

/// True if `p` lies on the closed segment `a b`.
pub fn on_segment(a: &Point, b: &Point, p: &Point) -> bool {
    cross(a, b, p).is_zero()
        && p.x >= a.x.clone().min(b.x.clone())
        && p.x <= a.x.clone().max(b.x.clone())
        && p.y >= a.y.clone().min(b.y.clone())
        && p.y <= a.y.clone().max(b.y.clone())
}

/// The part of the convex polygon `poly` where `a·x + b·y >= c`, as a convex polygon (possibly
/// empty or degenerate).
pub fn clip_half_plane(poly: &[Point], a: &Q, b: &Q, c: &Q) -> Vec<Point> {
    let side = |p: &Point| a * &p.x + b * &p.y - c;
    let n = poly.len();
    if n <= 1 {
        return poly.iter().filter(|p| !side(p).is_negative()).cloned().collect();
    }
    let mut out = Vec::new();
    for i in 0..n {
        let (p, r) = (&poly[i], &poly[(i + 1) % n]);
        let (sp, sr) = (side(p), side(r));
        if !sp.is_negative() {
            out.push(p.clone());
        }
        if (sp.is_negative() && sr.is_positive()) || (sp.is_positive() && sr.is_negative()) {
            let t = &sp / (&sp - &sr);
            out.push(Point::new(&p.x + &t * (&r.x - &p.x), &p.y + &t * (&r.y - &p.y)));
        }
    }
    convex_hull(&out)
}

/// The vertices of the convex polygon `poly` that no other point of the polygon weakly
/// Pareto-dominates (at least as good in both coordinates, better in one), ordered by increasing `x`.
/// The segments between consecutive returned vertices are the whole Pareto frontier.
pub fn pareto_vertices(poly: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = poly
        .iter()
        .filter(|v| {
            let one = Q::from_integer(1.into());
            let right = clip_half_plane(poly, &one, &Q::zero(), &v.x);
            clip_half_plane(&right, &Q::zero(), &one, &v.y).len() == 1
        })
        .cloned()
        .collect();
    out.sort();
    out
}

/// What LP gift-wrapping ([`wrap2`]) asks about the convex polygon `P` it wraps.
pub trait Support2 {
    /// The error an answer can fail with.
    type Error;

    /// A point of `P` maximizing `d · p` (for instance the image of an LP optimum).
    fn extreme(&mut self, d: &Point) -> std::result::Result<Point, Self::Error>;

    /// A point of `P` strictly beyond the line `d · p = c` (`d · p > c`), or `None` if `P` lies in
    /// the half-plane `d · p <= c`; the answer must be exact either way. By default: the point
    /// [`Support2::extreme`] gives, if it is beyond.
    fn beyond(&mut self, d: &Point, c: &Q) -> std::result::Result<Option<Point>, Self::Error> {
        let p = self.extreme(d)?;
        Ok((&dot(d, &p) > c).then_some(p))
    }
}

/// `d · p`.
pub fn dot(d: &Point, p: &Point) -> Q {
    &d.x * &p.x + &d.y * &p.y
}

/// One round of gift-wrapping, shared by [`wrap2`] and `hull3::wrap3_with`: asks `beyond` about
/// every outward face `(normal, offset)` not yet confirmed; a point beyond it is added to `points`,
/// a face with none is confirmed. True if any point was added (the hull must be recomputed).
pub(crate) fn probe_faces<D, C, P, E>(
    faces: Vec<(D, C)>,
    confirmed: &mut std::collections::HashSet<(D, C)>,
    points: &mut Vec<P>,
    mut beyond: impl FnMut(&D, &C) -> std::result::Result<Option<P>, E>,
) -> std::result::Result<bool, E>
where
    D: Clone + Eq + std::hash::Hash,
    C: Clone + Eq + std::hash::Hash,
{
    let mut grew = false;
    for (d, c) in faces {
        if confirmed.contains(&(d.clone(), c.clone())) {
            continue;
        }
        match beyond(&d, &c)? {
            Some(p) => {
                points.push(p);
                grew = true;
            }
            None => {
                confirmed.insert((d, c));
            }
        }
    }
    Ok(grew)
}

/// The exact convex polygon `P` that `oracle` describes (counter-clockwise, as [`convex_hull`]);
/// `known` are points of `P` found beforehand (they only save work).
///
/// Method (LP gift-wrapping): start from `known` and the extreme points in the four axis
/// directions; then, while the hull of the points found is not confirmed, ask
/// [`Support2::beyond`] about every unconfirmed outward line: each edge of a polygon; both
/// normals and both ends of a segment. A point strictly beyond the tested line is added;
/// otherwise the line supports `P`. When every line supports `P`, the hull is `P` (a hull of one
/// point is `P` at once: the four axis extremes coincide). Each answer that does not confirm a
/// line adds an extreme point of a larger hull, so the loop ends; the points are exact, so is the
/// answer.
pub fn wrap2<S: Support2>(oracle: &mut S, known: Vec<Point>) -> std::result::Result<Vec<Point>, S::Error> {
    let one = || Q::from_integer(1.into());
    let mut points = known;
    for (dx, dy) in [(one(), Q::zero()), (Q::zero(), one()), (-one(), Q::zero()), (Q::zero(), -one())] {
        points.push(oracle.extreme(&Point::new(dx, dy))?);
    }
    // Faces are keyed by the hull edge (or segment) they come from, and their lines computed only
    // when they are tested: a confirmed edge stays an edge of every later hull.
    let mut confirmed: std::collections::HashSet<(Face2, ())> = std::collections::HashSet::new();
    loop {
        let hull = convex_hull(&points);
        let n = hull.len();
        // Lines `d · p <= c` the current hull satisfies, to be tested against P.
        let faces: Vec<(Face2, ())> = match n {
            0 | 1 => return Ok(hull),
            2 => (1..=4).map(|kind| (Face2 { kind, a: hull[0].clone(), b: hull[1].clone() }, ())).collect(),
            _ => (0..n).map(|i| (Face2 { kind: 0, a: hull[i].clone(), b: hull[(i + 1) % n].clone() }, ())).collect(),
        };
        let grew = probe_faces(faces, &mut confirmed, &mut points, |face, ()| {
            let (d, c) = face.line();
            oracle.beyond(&d, &c)
        })?;
        if !grew {
            return Ok(hull);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn p(x: i64, y: i64) -> Point {
        Point::new(q(x), q(y))
    }

    #[test]
    fn hull_is_counter_clockwise_without_collinear_points() {
        let pts = [p(6, 6), p(2, 7), p(7, 2), p(0, 0), p(3, 3), p(1, 0), p(2, 0)];
        // (1, 0) lies on the hull edge (0,0)-(2,0) and is dropped; (3, 3) is inside.
        let h = convex_hull(&pts);
        assert_eq!(h, vec![p(0, 0), p(2, 0), p(7, 2), p(6, 6), p(2, 7)]);
        assert!(cross(&h[0], &h[1], &h[2]).is_positive());
    }

    #[test]
    fn degenerate_hulls() {
        assert!(convex_hull(&[]).is_empty());
        assert_eq!(convex_hull(&[p(1, 1), p(1, 1)]), vec![p(1, 1)]);
        assert_eq!(convex_hull(&[p(2, 2), p(0, 0), p(1, 1), p(3, 3)]), vec![p(0, 0), p(3, 3)]);
        assert_eq!(convex_hull(&[p(0, 1), p(0, 5), p(0, 3)]), vec![p(0, 1), p(0, 5)]);
    }

    #[test]
    fn clipping_is_exact() {
        let tri = vec![p(0, 0), p(7, 2), p(2, 7)];
        let c = clip_half_plane(&tri, &q(1), &q(0), &q(2));
        assert_eq!(c, vec![Point::new(q(2), frac(4, 7)), p(7, 2), p(2, 7)]);
        assert!(clip_half_plane(&tri, &q(1), &q(0), &q(8)).is_empty());
        assert_eq!(clip_half_plane(&tri, &q(1), &q(0), &q(7)), vec![p(7, 2)]);
        let seg = vec![p(0, 0), p(4, 4)];
        assert_eq!(clip_half_plane(&seg, &q(0), &q(1), &q(1)), vec![p(1, 1), p(4, 4)]);
    }

    #[test]
    fn containment_handles_degenerate_polygons() {
        let sq = vec![p(0, 0), p(2, 0), p(2, 2), p(0, 2)];
        assert!(contains(&sq, &p(1, 1)) && contains(&sq, &p(2, 1)) && !contains(&sq, &p(3, 1)));
        assert!(contains(&[p(0, 0), p(2, 2)], &p(1, 1)) && !contains(&[p(0, 0), p(2, 2)], &p(3, 3)));
        assert!(contains(&[p(1, 1)], &p(1, 1)) && !contains(&[], &p(1, 1)));
    }

    #[test]
    fn pareto_vertices_skip_weakly_dominated_ones() {
        let sq = vec![p(0, 0), p(2, 0), p(2, 2), p(0, 2)];
        assert_eq!(pareto_vertices(&sq), vec![p(2, 2)]);
        let h = convex_hull(&[p(6, 6), p(2, 7), p(7, 2), p(0, 0)]);
        assert_eq!(pareto_vertices(&h), vec![p(2, 7), p(6, 6), p(7, 2)]);
    }
}
