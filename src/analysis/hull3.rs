//! Exact convex hulls in three dimensions over [`Q`].
//!
//! [`convex_hull3`] handles every degenerate input: duplicate points, all points equal (a point),
//! collinear (a segment), coplanar (a polygon), and coplanar or collinear points on the faces and
//! edges of a full-dimensional hull (they are not vertices; coplanar triangles are merged into
//! polygonal facets).
//!
//! Method: incremental (beneath-beyond). Start from a tetrahedron of four affinely independent
//! points; each further point that lies strictly beyond some face plane removes the faces it sees
//! and is joined to their horizon. With exact arithmetic "strictly beyond" is decided exactly, so a
//! point on the hull's boundary never changes it. Triangles in one plane are then merged and each
//! facet is ordered counter-clockwise as seen from outside, without collinear vertices.

use super::geometry::{convex_hull, Point};
use crate::num::{common_denominator, Q};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::collections::{BTreeMap, HashSet};

/// A point in space with exact coordinates.
pub type Point3 = [Q; 3];

fn sub(a: &Point3, b: &Point3) -> Point3 {
    [&a[0] - &b[0], &a[1] - &b[1], &a[2] - &b[2]]
}

fn cross(a: &Point3, b: &Point3) -> Point3 {
    [&a[1] * &b[2] - &a[2] * &b[1], &a[2] * &b[0] - &a[0] * &b[2], &a[0] * &b[1] - &a[1] * &b[0]]
}

fn dot(a: &Point3, b: &Point3) -> Q {
    &a[0] * &b[0] + &a[1] * &b[1] + &a[2] * &b[2]
}

/// The normal `(b - a) x (c - a)` of the triangle `a, b, c` (zero if collinear).
pub fn normal(a: &Point3, b: &Point3, c: &Point3) -> Point3 {
    cross(&sub(b, a), &sub(c, a))
}

fn is_zero(v: &Point3) -> bool {
    v.iter().all(Zero::is_zero)
}

/// A facet of a full-dimensional hull: a convex polygon and its supporting plane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    /// Indices into [`Hull3::vertices`], counter-clockwise seen from outside the hull.
    pub vertices: Vec<usize>,
    /// Outward normal `n`, scaled so that its first non-zero entry is `1` or `-1`.
    pub normal: Point3,
    /// The plane's offset: every hull point `x` has `n . x <= offset`, with equality on the facet.
    pub offset: Q,
}

/// The convex hull of a finite set of points in space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hull3 {
    /// Affine dimension: 0 (one point), 1 (a segment), 2 (a planar polygon) or 3 (a polytope);
    /// `None` for no points.
    pub dimension: Option<usize>,
    /// The extreme points. Dimension 1: the two ends in lexicographic order. Dimension 2: the
    /// polygon's vertices, counter-clockwise seen from the side its normal points to (the normal
    /// whose first non-zero entry is positive), from the lexicographically smallest. Dimension 3:
    /// in lexicographic order.
    pub vertices: Vec<Point3>,
    /// The facets (dimension 3 only), sorted by their vertex lists.
    pub facets: Vec<Facet>,
}

/// Scales `n` so that its first non-zero entry has absolute value 1 (keeps the direction).
fn normalize(n: &Point3) -> Point3 {
    match n.iter().find(|x| !x.is_zero()) {
        Some(f) => {
            let f = f.abs();
            [&n[0] / &f, &n[1] / &f, &n[2] / &f]
        }
        None => n.clone(),
    }
}

/// The 2-D coordinates of `p` after dropping coordinate `drop`, and whether that projection
/// reverses the orientation of a polygon whose normal is `n`.
fn project(p: &Point3, drop: usize) -> Point {
    match drop {
        0 => Point::new(p[1].clone(), p[2].clone()),
        1 => Point::new(p[2].clone(), p[0].clone()),
        _ => Point::new(p[0].clone(), p[1].clone()),
    }
}

/// The convex polygon of coplanar points `pts` with normal `n` (non-zero), counter-clockwise seen
/// from the side `n` points to, without collinear vertices.
fn planar_polygon(pts: &[Point3], n: &Point3) -> Vec<Point3> {
    // Drop the coordinate where the normal is largest: the projection is then one-to-one on the plane.
    let drop = (0..3).max_by(|&i, &j| n[i].abs().cmp(&n[j].abs()).then(j.cmp(&i))).unwrap_or(2);
    // Dropping x keeps (y, z), y keeps (z, x), z keeps (x, y): cyclic, so a positive normal
    // component means counter-clockwise in the projection.
    let projected: Vec<Point> = pts.iter().map(|p| project(p, drop)).collect();
    let mut hull2 = convex_hull(&projected);
    if n[drop].is_negative() {
        hull2.reverse();
    }
    hull2.iter().filter_map(|q| pts.iter().find(|p| &project(p, drop) == q).cloned()).collect()
}

/// The exact convex hull of `points` (see the module docs).
pub fn convex_hull3(points: &[Point3]) -> Hull3 {
    match IncrementalHull3::new(points) {
        Some(h) => h.to_hull(),
        None => lower_dimensional_hull(points),
    }
}

/// The hull of points that are not affinely independent in space (dimension 0, 1 or 2, or no
/// points); a full-dimensional set gives the rational [`convex_hull3_reference`].
fn lower_dimensional_hull(points: &[Point3]) -> Hull3 {
    convex_hull3_reference(points)
}

/// A point in homogeneous integer coordinates `(X, Y, Z, W)` with `W > 0`: the point
/// `(X/W, Y/W, Z/W)`.
type HPoint = [BigInt; 4];

/// `p` in homogeneous integer coordinates, `W` the least common denominator.
fn homogeneous(p: &Point3) -> HPoint {
    let w = common_denominator(p.iter());
    let c = |x: &Q| x.numer() * (&w / x.denom());
    [c(&p[0]), c(&p[1]), c(&p[2]), w]
}

/// The 3x3 determinant of the columns `cols` of the rows `a, b, c`.
fn det3(a: &HPoint, b: &HPoint, c: &HPoint, cols: [usize; 3]) -> BigInt {
    let [i, j, k] = cols;
    &a[i] * (&b[j] * &c[k] - &b[k] * &c[j]) - &a[j] * (&b[i] * &c[k] - &b[k] * &c[i])
        + &a[k] * (&b[i] * &c[j] - &b[j] * &c[i])
}

/// The plane through `a, b, c` as integers `P` (divided by their gcd) such that for every point
/// `x`, `P · x̂` (`x̂` homogeneous) is a positive multiple of `((b − a) × (c − a)) · (x − a)`:
/// positive beyond the triangle's outward side. So `P[0..3]` is a positive multiple of the normal,
/// and the plane is `P[0..3] · x = −P[3]`. Zero if `a, b, c` are collinear.
///
/// Why: with rows `â, b̂, ĉ, x̂`, `det = W_a W_b W_c W_x · det[a 1; b 1; c 1; x 1]
/// = −W_a W_b W_c W_x · ((b − a) × (c − a)) · (x − a)`; expanding `det` along its last row, the
/// coefficient of `x_k` is `(−1)^(k+3) M_k` (`M_k`: the minor without column `k`), so
/// `P_k = (−1)^k M_k`.
fn plane(a: &HPoint, b: &HPoint, c: &HPoint) -> HPoint {
    let m = [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2]].map(|cols| det3(a, b, c, cols));
    let [m0, m1, m2, m3] = m;
    let p = [m0, -m1, m2, -m3];
    let g = p.iter().fold(BigInt::zero(), |g, x| g.gcd(x));
    if g.is_zero() || g.is_one() {
        return p;
    }
    p.map(|x| x / &g)
}

/// `P · x̂`: its sign tells on which side of the plane `P` the point `x` lies.
fn side(p: &HPoint, x: &HPoint) -> BigInt {
    let mut s = BigInt::zero();
    for k in 0..4 {
        if !p[k].is_zero() && !x[k].is_zero() {
            s += &p[k] * &x[k];
        }
    }
    s
}

/// The normal and offset of the plane `P` as [`Facet`] gives them: the normal scaled so that its
/// first non-zero entry is `1` or `-1`.
fn plane_to_facet(p: &HPoint) -> (Point3, Q) {
    let f = p[..3].iter().find(|x| !x.is_zero()).map(|x| x.abs()).unwrap_or_else(BigInt::one);
    let q = |x: &BigInt| Q::new(x.clone(), f.clone());
    ([q(&p[0]), q(&p[1]), q(&p[2])], q(&-&p[3]))
}

/// An exact full-dimensional convex hull that grows one point at a time (beneath-beyond), in
/// integer arithmetic: each point is kept in homogeneous integer coordinates and each triangle's
/// plane as four gcd-reduced integers, so the test "is this point strictly beyond that face" is
/// four products and a sign, with no fraction reduced. Coplanar triangles stay separate until
/// [`IncrementalHull3::to_hull`] (or [`IncrementalHull3::facet_planes`]) merges them by plane.
pub(crate) struct IncrementalHull3 {
    /// Every point added that was ever a vertex of the triangulation (exact and homogeneous).
    points: Vec<Point3>,
    hom: Vec<HPoint>,
    /// The boundary triangles, outward by `(b − a) × (c − a)`, each with its plane.
    faces: Vec<([usize; 3], HPoint)>,
}

impl IncrementalHull3 {
    /// The hull of `points`, or `None` if they are not full-dimensional (fewer than four
    /// affinely independent points).
    pub(crate) fn new(points: &[Point3]) -> Option<IncrementalHull3> {
        let hom: Vec<HPoint> = points.iter().map(homogeneous).collect();
        let p0 = 0;
        let i1 = (1..hom.len()).find(|&k| points[k] != points[p0])?;
        let zero_plane = |p: &HPoint| p[..3].iter().all(Zero::is_zero);
        // Collinear a, b, c: the plane's normal is zero.
        let i2 = (1..hom.len()).find(|&k| !zero_plane(&plane(&hom[p0], &hom[i1], &hom[k])))?;
        let pl = plane(&hom[p0], &hom[i1], &hom[i2]);
        let i3 = (1..hom.len()).find(|&k| !side(&pl, &hom[k]).is_zero())?;
        let tetra = [p0, i1, i2, i3];
        let mut h = IncrementalHull3 {
            points: tetra.iter().map(|&k| points[k].clone()).collect(),
            hom: tetra.iter().map(|&k| hom[k].clone()).collect(),
            faces: Vec::new(),
        };
        for skip in 0..4 {
            let f: Vec<usize> = (0..4).filter(|&k| k != skip).collect();
            let (a, b, c) = (f[0], f[1], f[2]);
            let pl = plane(&h.hom[a], &h.hom[b], &h.hom[c]);
            if side(&pl, &h.hom[skip]).is_positive() {
                let pl = plane(&h.hom[a], &h.hom[c], &h.hom[b]);
                h.faces.push(([a, c, b], pl));
            } else {
                h.faces.push(([a, b, c], pl));
            }
        }
        for (k, (p, x)) in points.iter().zip(hom).enumerate() {
            if !tetra.contains(&k) {
                h.insert(p, x);
            }
        }
        Some(h)
    }

    /// Adds `p`; true if it lies strictly outside the hull (the hull grew).
    pub(crate) fn add(&mut self, p: &Point3) -> bool {
        let x = homogeneous(p);
        self.insert(p, x)
    }

    fn insert(&mut self, p: &Point3, x: HPoint) -> bool {
        let visible: Vec<bool> = self.faces.iter().map(|(_, pl)| side(pl, &x).is_positive()).collect();
        if !visible.iter().any(|&v| v) {
            return false;
        }
        let k = self.points.len();
        self.points.push(p.clone());
        self.hom.push(x);
        let edges: HashSet<(usize, usize)> = self
            .faces
            .iter()
            .zip(&visible)
            .filter(|(_, &v)| v)
            .flat_map(|((f, _), _)| [(f[0], f[1]), (f[1], f[2]), (f[2], f[0])])
            .collect();
        let mut horizon: Vec<(usize, usize)> =
            edges.iter().filter(|(u, v)| !edges.contains(&(*v, *u))).copied().collect();
        horizon.sort_unstable();
        let mut keep = visible.iter().map(|v| !v);
        self.faces.retain(|_| keep.next().unwrap_or(true));
        for (u, v) in horizon {
            let pl = plane(&self.hom[u], &self.hom[v], &self.hom[k]);
            self.faces.push(([u, v, k], pl));
        }
        true
    }

    /// The triangles grouped by plane: each plane with the indices of the points on it.
    fn groups(&self) -> BTreeMap<&HPoint, Vec<usize>> {
        let mut planes: BTreeMap<&HPoint, Vec<usize>> = BTreeMap::new();
        for (f, pl) in &self.faces {
            planes.entry(pl).or_default().extend_from_slice(f);
        }
        planes
    }

    /// The distinct facet planes `(normal, offset)` (as [`Facet`] gives them): every point of the
    /// hull has `normal · x <= offset`.
    pub(crate) fn facet_planes(&self) -> Vec<(Point3, Q)> {
        self.groups().keys().map(|pl| plane_to_facet(pl)).collect()
    }

    /// The hull as a [`Hull3`]: coplanar triangles merged into facets, each ordered
    /// counter-clockwise from outside, without collinear vertices.
    pub(crate) fn to_hull(&self) -> Hull3 {
        let mut polygons: Vec<(Vec<Point3>, Point3, Q)> = Vec::new();
        for (pl, mut idx) in self.groups() {
            idx.sort_unstable();
            idx.dedup();
            let (n, offset) = plane_to_facet(pl);
            let on: Vec<Point3> = idx.iter().map(|&i| self.points[i].clone()).collect();
            polygons.push((planar_polygon(&on, &n), n, offset));
        }
        assemble(polygons)
    }
}

/// A full-dimensional [`Hull3`] from its facet polygons (each counter-clockwise from outside).
fn assemble(polygons: Vec<(Vec<Point3>, Point3, Q)>) -> Hull3 {
    let mut vertices: Vec<Point3> = polygons.iter().flat_map(|(p, _, _)| p.iter().cloned()).collect();
    vertices.sort();
    vertices.dedup();
    let mut facets: Vec<Facet> = polygons
        .into_iter()
        .map(|(poly, normal, offset)| {
            let mut ids: Vec<usize> = poly.iter().filter_map(|p| vertices.binary_search(p).ok()).collect();
            // Start each facet at its smallest vertex index, keeping the cyclic order.
            if let Some(m) = (0..ids.len()).min_by_key(|&i| ids[i]) {
                ids.rotate_left(m);
            }
            Facet { vertices: ids, normal, offset }
        })
        .collect();
    facets.sort_by(|a, b| a.vertices.cmp(&b.vertices));
    Hull3 { dimension: Some(3), vertices, facets }
}

/// [`convex_hull3`] by the previous method, all in rational arithmetic (every orientation test
/// reduces fractions): kept as the reference the integer hull is tested against.
#[doc(hidden)]
pub fn convex_hull3_reference(points: &[Point3]) -> Hull3 {
    let mut pts: Vec<Point3> = points.to_vec();
    pts.sort();
    pts.dedup();
    let empty = Hull3 { dimension: None, vertices: Vec::new(), facets: Vec::new() };
    let Some(p0) = pts.first().cloned() else { return empty };
    if pts.len() == 1 {
        return Hull3 { dimension: Some(0), vertices: pts, facets: Vec::new() };
    }
    let i1 = 1;
    let d1 = sub(&pts[i1], &p0);
    let Some(i2) = (0..pts.len()).find(|&k| !is_zero(&cross(&d1, &sub(&pts[k], &p0)))) else {
        // All collinear: the lexicographic extremes are the ends.
        let last = pts[pts.len() - 1].clone();
        return Hull3 { dimension: Some(1), vertices: vec![p0, last], facets: Vec::new() };
    };
    let n = normal(&p0, &pts[i1], &pts[i2]);
    let Some(i3) = (0..pts.len()).find(|&k| !dot(&n, &sub(&pts[k], &p0)).is_zero()) else {
        // Seen from the side where the normal's first non-zero entry is positive, from the
        // lexicographically smallest vertex.
        let mut n = normalize(&n);
        if n.iter().find(|x| !x.is_zero()).is_some_and(|f| f.is_negative()) {
            n = [-&n[0], -&n[1], -&n[2]];
        }
        let mut vertices = planar_polygon(&pts, &n);
        if let Some(m) = (0..vertices.len()).min_by(|&i, &j| vertices[i].cmp(&vertices[j])) {
            vertices.rotate_left(m);
        }
        return Hull3 { dimension: Some(2), vertices, facets: Vec::new() };
    };
    // Faces as vertex triples (indices into pts), outward by (b - a) x (c - a).
    let tetra = [0, i1, i2, i3];
    let mut faces: Vec<[usize; 3]> = Vec::new();
    for skip in 0..4 {
        let f: Vec<usize> = (0..4).filter(|&k| k != skip).map(|k| tetra[k]).collect();
        let (a, b, c) = (f[0], f[1], f[2]);
        let side = dot(&normal(&pts[a], &pts[b], &pts[c]), &sub(&pts[tetra[skip]], &pts[a]));
        faces.push(if side.is_positive() { [a, c, b] } else { [a, b, c] });
    }
    let beyond = |f: &[usize; 3], p: &Point3| {
        dot(&normal(&pts[f[0]], &pts[f[1]], &pts[f[2]]), &sub(p, &pts[f[0]])).is_positive()
    };
    for (k, point) in pts.iter().enumerate() {
        if tetra.contains(&k) {
            continue;
        }
        let visible: Vec<bool> = faces.iter().map(|f| beyond(f, point)).collect();
        if !visible.iter().any(|&v| v) {
            continue;
        }
        let edges: HashSet<(usize, usize)> = faces
            .iter()
            .zip(&visible)
            .filter(|(_, &v)| v)
            .flat_map(|(f, _)| [(f[0], f[1]), (f[1], f[2]), (f[2], f[0])])
            .collect();
        let mut next: Vec<[usize; 3]> = faces.iter().zip(&visible).filter(|(_, &v)| !v).map(|(f, _)| *f).collect();
        let mut horizon: Vec<(usize, usize)> =
            edges.iter().filter(|(u, v)| !edges.contains(&(*v, *u))).copied().collect();
        horizon.sort_unstable();
        next.extend(horizon.into_iter().map(|(u, v)| [u, v, k]));
        faces = next;
    }
    // Merge coplanar triangles into facets.
    let mut planes: BTreeMap<(Point3, Q), Vec<usize>> = BTreeMap::new();
    for f in &faces {
        let n = normalize(&normal(&pts[f[0]], &pts[f[1]], &pts[f[2]]));
        let offset = dot(&n, &pts[f[0]]);
        let e = planes.entry((n, offset)).or_default();
        e.extend_from_slice(f);
    }
    let mut polygons: Vec<(Vec<Point3>, Point3, Q)> = Vec::new();
    for ((n, offset), mut idx) in planes {
        idx.sort_unstable();
        idx.dedup();
        // Every input point on the plane is on the facet (the hull lies on one side of it).
        let on: Vec<Point3> = idx.iter().map(|&i| pts[i].clone()).collect();
        polygons.push((planar_polygon(&on, &n), n, offset));
    }
    assemble(polygons)
}

impl Hull3 {
    /// True if `p` lies in the hull (boundary included).
    pub fn contains(&self, p: &Point3) -> bool {
        match self.dimension {
            None => false,
            Some(0) => self.vertices.first() == Some(p),
            Some(1) => {
                let (a, b) = (&self.vertices[0], &self.vertices[1]);
                let (d, e) = (sub(b, a), sub(p, a));
                let t = dot(&e, &d);
                is_zero(&cross(&d, &e)) && !t.is_negative() && t <= dot(&d, &d)
            }
            Some(2) => {
                let v = &self.vertices;
                let n = normal(&v[0], &v[1], &v[2]);
                if !dot(&n, &sub(p, &v[0])).is_zero() {
                    return false;
                }
                let k = v.len();
                (0..k).all(|i| !dot(&n, &normal(&v[i], &v[(i + 1) % k], p)).is_negative())
            }
            Some(_) => self.facets.iter().all(|f| dot(&f.normal, p) <= f.offset),
        }
    }
}

/// What LP gift-wrapping ([`wrap3_with`]) asks about the polytope `P` it wraps.
pub trait Support3 {
    /// The error an answer can fail with.
    type Error;

    /// A point of `P` maximizing `d · x` (for instance the image of an LP optimum).
    fn extreme(&mut self, d: &Point3) -> std::result::Result<Point3, Self::Error>;

    /// A point of `P` strictly beyond the plane `d · x = c` (`d · x > c`), or `None` if `P` lies
    /// in the half-space `d · x <= c`; the answer must be exact either way. By default: the
    /// point [`Support3::extreme`] gives, if it is beyond.
    fn beyond(&mut self, d: &Point3, c: &Q) -> std::result::Result<Option<Point3>, Self::Error> {
        let p = self.extreme(d)?;
        Ok((&dot(d, &p) > c).then_some(p))
    }
}

/// A [`Support3`] from a closure that answers [`Support3::extreme`].
struct ByExtreme<F>(F);

impl<E, F: FnMut(&Point3) -> std::result::Result<Point3, E>> Support3 for ByExtreme<F> {
    type Error = E;
    fn extreme(&mut self, d: &Point3) -> std::result::Result<Point3, E> {
        (self.0)(d)
    }
}

/// The exact polytope `P` that `extreme` describes: `extreme(d)` must return a point of `P`
/// maximizing `d · x` (for instance the image of an LP optimum). The result is `P` itself, as a
/// [`Hull3`], whatever its dimension. See [`wrap3_with`].
pub fn wrap3<E>(extreme: impl FnMut(&Point3) -> std::result::Result<Point3, E>) -> std::result::Result<Hull3, E> {
    wrap3_with(&mut ByExtreme(extreme), Vec::new())
}

/// The exact polytope `P` that `oracle` describes, as a [`Hull3`], whatever its dimension;
/// `known` are points of `P` found beforehand (they only save work).
///
/// Method (LP gift-wrapping by vertex directions): start from `known` and the extreme points in
/// the six axis directions; then, while the hull of the points found is not confirmed, ask
/// [`Support3::beyond`] about every unconfirmed outward plane: each facet plane of a
/// full-dimensional hull; for a lower-dimensional one, both normals of its affine hull and the
/// outward normals of its edges or ends within it. A point strictly beyond the tested plane is
/// added; otherwise the plane supports `P`. When every plane supports `P`, the hull is `P`. Each
/// answer that does not confirm a plane adds an extreme point of a larger hull, so the loop ends;
/// the points are exact, so is the answer.
pub fn wrap3_with<S: Support3>(oracle: &mut S, known: Vec<Point3>) -> std::result::Result<Hull3, S::Error> {
    let (one, zero) = (|| Q::from_integer(1.into()), Q::zero);
    let mut points: Vec<Point3> = known;
    for k in 0..3 {
        for s in [one(), -one()] {
            let mut d = [zero(), zero(), zero()];
            d[k] = s;
            points.push(oracle.extreme(&d)?);
        }
    }
    let neg = |v: &Point3| [-&v[0], -&v[1], -&v[2]];
    let mut confirmed: HashSet<(Point3, Q)> = HashSet::new();
    loop {
        // Once the points span space, the hull grows by integer beneath-beyond steps.
        if let Some(mut inc) = IncrementalHull3::new(&points) {
            loop {
                let mut found = Vec::new();
                if !super::geometry::probe_faces(inc.facet_planes(), &mut confirmed, &mut found, |d, c| {
                    oracle.beyond(d, c)
                })? {
                    return Ok(inc.to_hull());
                }
                for p in &found {
                    inc.add(p);
                }
            }
        }
        let hull = lower_dimensional_hull(&points);
        let v = &hull.vertices;
        // Planes `d . x <= c` the current hull satisfies, to be tested against P.
        let mut planes: Vec<(Point3, Q)> = Vec::new();
        let mut push = |d: Point3, at: &Point3| {
            if !is_zero(&d) {
                let d = normalize(&d);
                let c = dot(&d, at);
                planes.push((d, c));
            }
        };
        match hull.dimension {
            None => return Ok(hull),
            // The six axis extremes coincide: P is that point.
            Some(0) => return Ok(hull),
            Some(1) => {
                let dir = sub(&v[1], &v[0]);
                let e = (0..3)
                    .map(|k| {
                        let mut u = [zero(), zero(), zero()];
                        u[k] = one();
                        cross(&dir, &u)
                    })
                    .find(|n| !is_zero(n))
                    .unwrap_or_else(|| [zero(), zero(), zero()]);
                let f = cross(&dir, &e);
                for n in [e.clone(), neg(&e), f.clone(), neg(&f)] {
                    push(n, &v[0]);
                }
                push(dir.clone(), &v[1]);
                push(neg(&dir), &v[0]);
            }
            Some(2) => {
                let n = normal(&v[0], &v[1], &v[2]);
                push(n.clone(), &v[0]);
                push(neg(&n), &v[0]);
                let k = v.len();
                for i in 0..k {
                    let (a, b) = (&v[i], &v[(i + 1) % k]);
                    let mut out = cross(&sub(b, a), &n);
                    // Outward: no vertex lies beyond the edge's line.
                    if v.iter().any(|p| dot(&out, &sub(p, a)).is_positive()) {
                        out = neg(&out);
                    }
                    push(out, a);
                }
            }
            // Dimension 3 is grown above: `IncrementalHull3::new` succeeds exactly then.
            Some(_) => {}
        }
        if !super::geometry::probe_faces(planes, &mut confirmed, &mut points, |d, c| oracle.beyond(d, c))? {
            return Ok(hull);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn p(x: i64, y: i64, z: i64) -> Point3 {
        [q(x), q(y), q(z)]
    }

    /// `wrap3` with the exact support oracle of a finite point set must rebuild its hull.
    fn wrapped(pts: &[Point3]) -> Hull3 {
        let mut calls = 0;
        let h = wrap3(|d: &Point3| -> Result<Point3, ()> {
            calls += 1;
            pts.iter().max_by(|a, b| dot(d, a).cmp(&dot(d, b))).cloned().ok_or(())
        })
        .unwrap();
        assert!(calls <= 6 + 4 * pts.len() + 8, "{calls} oracle calls for {} points", pts.len());
        h
    }

    #[test]
    fn wrapping_rebuilds_hulls_of_every_dimension() {
        let mut cube = Vec::new();
        for x in 0..3 {
            for y in 0..3 {
                for z in 0..3 {
                    cube.push(p(x, y, z));
                }
            }
        }
        let shapes: Vec<Vec<Point3>> = vec![
            vec![p(1, 2, 3)],
            vec![p(0, 0, 0), p(1, 2, 3), p(2, 4, 6)],
            vec![p(0, 0, 0), p(2, 0, 1), p(0, 2, 1), p(2, 2, 2), p(1, 1, 1)],
            cube,
            vec![p(0, 0, 0), p(5, 0, 0), p(0, 5, 0), p(0, 0, 5), p(1, 1, 1), p(2, 2, 0)],
        ];
        for pts in shapes {
            assert_eq!(wrapped(&pts), convex_hull3(&pts), "{pts:?}");
        }
        // Pseudo-random clouds.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 9) as i64 - 4
        };
        for _ in 0..20 {
            let pts: Vec<Point3> = (0..12).map(|_| p(next(), next(), next())).collect();
            assert_eq!(wrapped(&pts), convex_hull3(&pts));
        }
    }

    #[test]
    fn integer_hull_equals_the_rational_hull() {
        // Small grids (many coplanar and collinear points) and rational coordinates with
        // different denominators; points added one at a time give the same hull as all at once.
        let mut seed = 11u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for round in 0..60 {
            let n = 5 + next(25) as usize;
            let pts: Vec<Point3> = (0..n)
                .map(|_| {
                    [0, 1, 2].map(|_| {
                        if round % 2 == 0 {
                            q(next(4) as i64)
                        } else {
                            frac(next(41) as i64 - 20, 1 + next(6) as i64)
                        }
                    })
                })
                .collect();
            let h = convex_hull3(&pts);
            assert_eq!(h, convex_hull3_reference(&pts), "{pts:?}");
            if let Some(mut inc) =
                IncrementalHull3::new(&pts[..4.min(pts.len())]).or_else(|| IncrementalHull3::new(&pts))
            {
                for p in &pts {
                    inc.add(p);
                }
                assert_eq!(inc.to_hull(), h);
                let planes: HashSet<(Point3, Q)> = inc.facet_planes().into_iter().collect();
                let facets: HashSet<(Point3, Q)> =
                    h.facets.iter().map(|f| (f.normal.clone(), f.offset.clone())).collect();
                assert_eq!(planes, facets);
            }
        }
    }

    #[test]
    fn integer_planes_have_the_rational_orientation() {
        let pts =
            [[frac(1, 2), q(0), frac(-1, 3)], [q(2), frac(1, 7), q(0)], [q(0), q(3), frac(5, 2)], [q(1), q(1), q(1)]];
        let hom: Vec<HPoint> = pts.iter().map(homogeneous).collect();
        let pl = plane(&hom[0], &hom[1], &hom[2]);
        let n = normal(&pts[0], &pts[1], &pts[2]);
        for x in &pts {
            let exact = dot(&n, &sub(x, &pts[0]));
            assert_eq!(side(&pl, &homogeneous(x)).signum(), exact.signum().to_integer(), "{x:?}");
        }
        let (nn, off) = plane_to_facet(&pl);
        assert_eq!(nn, normalize(&n));
        assert_eq!(off, dot(&nn, &pts[0]));
    }

    #[test]
    fn cube_with_points_on_faces_edges_and_inside() {
        let mut pts = Vec::new();
        for x in 0..3 {
            for y in 0..3 {
                for z in 0..3 {
                    pts.push(p(x, y, z));
                }
            }
        }
        pts.push(p(2, 2, 2));
        let h = convex_hull3(&pts);
        assert_eq!(h.dimension, Some(3));
        assert_eq!(h.vertices.len(), 8, "{:?}", h.vertices);
        assert_eq!(h.facets.len(), 6);
        for f in &h.facets {
            assert_eq!(f.vertices.len(), 4);
            // Counter-clockwise from outside: consecutive triples turn along the outward normal.
            let v: Vec<&Point3> = f.vertices.iter().map(|&i| &h.vertices[i]).collect();
            for i in 0..4 {
                let n = normal(v[i], v[(i + 1) % 4], v[(i + 2) % 4]);
                assert!(dot(&n, &f.normal).is_positive(), "{f:?}");
            }
            for x in &pts {
                assert!(dot(&f.normal, x) <= f.offset);
            }
        }
        assert!(h.contains(&p(1, 1, 1)) && h.contains(&p(2, 1, 0)) && !h.contains(&p(3, 1, 1)));
        assert!(h.contains(&[frac(1, 2), frac(5, 3), q(2)]));
    }

    #[test]
    fn tetrahedron_and_octahedron() {
        let h = convex_hull3(&[p(0, 0, 0), p(1, 0, 0), p(0, 1, 0), p(0, 0, 1), p(0, 0, 0)]);
        assert_eq!((h.vertices.len(), h.facets.len()), (4, 4));
        let t = convex_hull3(&[p(1, 0, 0), p(-1, 0, 0), p(0, 1, 0), p(0, -1, 0), p(0, 0, 1), p(0, 0, -1), p(0, 0, 0)]);
        assert_eq!((t.vertices.len(), t.facets.len()), (6, 8));
        // Euler: V - E + F = 2, E = sum of facet sizes / 2.
        let e: usize = t.facets.iter().map(|f| f.vertices.len()).sum::<usize>() / 2;
        assert_eq!(t.vertices.len() + t.facets.len(), e + 2);
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(convex_hull3(&[]).dimension, None);
        let h = convex_hull3(&[p(1, 2, 3), p(1, 2, 3)]);
        assert_eq!((h.dimension, h.vertices.len()), (Some(0), 1));
        let h = convex_hull3(&[p(2, 2, 2), p(0, 0, 0), p(1, 1, 1), p(3, 3, 3)]);
        assert_eq!(h.dimension, Some(1));
        assert_eq!(h.vertices, vec![p(0, 0, 0), p(3, 3, 3)]);
        assert!(h.contains(&p(2, 2, 2)) && !h.contains(&p(4, 4, 4)));
        // Coplanar: the square in the plane x + y + z = 1 ... here z = 1 with an inner and an edge point.
        let h = convex_hull3(&[p(0, 0, 1), p(2, 0, 1), p(2, 2, 1), p(0, 2, 1), p(1, 1, 1), p(1, 0, 1)]);
        assert_eq!(h.dimension, Some(2));
        assert_eq!(h.vertices, vec![p(0, 0, 1), p(2, 0, 1), p(2, 2, 1), p(0, 2, 1)]);
        assert!(h.facets.is_empty());
        assert!(h.contains(&p(1, 0, 1)) && !h.contains(&p(1, 1, 0)) && !h.contains(&p(3, 0, 1)));
        // A tilted plane (normal with a negative component) still gives a cyclic order.
        let h = convex_hull3(&[p(0, 0, 0), p(1, 0, 1), p(0, 1, 0), p(1, 1, 1)]);
        assert_eq!(h.dimension, Some(2));
        assert_eq!(h.vertices.len(), 4);
        assert!(h.contains(&[frac(1, 2), frac(1, 2), frac(1, 2)]));
    }

    #[test]
    fn random_points_agree_with_a_brute_force_facet_test() {
        // Deterministic pseudo-random small integer points, many coplanar and collinear triples.
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 5) as i64
        };
        for _ in 0..20 {
            let pts: Vec<Point3> = (0..14).map(|_| p(next(), next(), next())).collect();
            let h = convex_hull3(&pts);
            if h.dimension != Some(3) {
                continue;
            }
            // Brute force: a point is a vertex iff it is not in the hull of the others.
            for x in &pts {
                let others: Vec<Point3> = pts.iter().filter(|y| *y != x).cloned().collect();
                let is_vertex = !convex_hull3(&others).contains(x);
                assert_eq!(h.vertices.contains(x), is_vertex, "{x:?} in {pts:?}");
            }
            for f in &h.facets {
                assert!(f.vertices.len() >= 3);
                assert!(pts.iter().all(|x| dot(&f.normal, x) <= f.offset));
            }
        }
    }
}
