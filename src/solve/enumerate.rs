//! All extreme equilibria of a two-player game by vertex enumeration.
//!
//! Following Avis, Rosenberg, Savani and von Stengel (2010), the equilibria of a bimatrix
//! game `(A, B)` (made positive) are the completely labelled pairs of vertices of the
//! best-response polytopes
//!
//! ```text
//! P = { x >= 0 : B^T x <= 1 }      Q = { y >= 0 : A y <= 1 }
//! ```
//!
//! where the labels of a point are the indices of its tight inequalities (player 1's
//! strategies `0..m` for `x_i = 0` or `(Ay)_i = 1`, player 2's `m..m+n` for `(B^T x)_j = 1`
//! or `y_j = 0`). We enumerate every vertex of both polytopes by a depth-first search over
//! lexicographically feasible bases (integer pivoting, exact), key each vertex by its label
//! set (distinct vertices have distinct label sets), and keep the pairs whose labels cover
//! all `m + n`. Degenerate games are handled exactly: labels come from the actual values
//! (a basic variable at zero is tight), so no equilibrium is lost. Extreme equilibria that
//! share a strategy form the maximal convex sets and components computed in
//! [`super::components`].

use super::components::components;
use super::lp::tableau::{width_for, AnyTableau, Width, NONBASIC};
use super::Method;
use super::{Equilibrium, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::{common_denominator, Q};
use num_bigint::BigInt;
use num_traits::{One, Zero};
use rustc_hash::{FxHashMap, FxHashSet};

/// Vertex enumeration (`--method enum`).
pub struct VertexEnumeration;

/// Default cap on the number of bases visited per polytope.
pub const DEFAULT_MAX_VERTICES: u64 = 2_000_000;

impl Solver for VertexEnumeration {
    fn method(&self) -> Method {
        Method::Enum
    }
    fn description(&self) -> &'static str {
        "all extreme equilibria and their components (two players), exact vertex enumeration"
    }
    fn supports(&self, game: &NormalForm) -> Result<()> {
        if game.num_players() != 2 {
            return Err(Error::Unsupported {
                method: "enum".into(),
                reason: format!(
                    "vertex enumeration needs two players, this game has {}; use `--method pure`",
                    game.num_players()
                ),
            });
        }
        let (m, n) = (game.num_strategies(0), game.num_strategies(1));
        if m + n > MAX_STRATEGIES {
            return Err(Error::TooLarge(format!(
                "a {m}x{n} game is too large for exhaustive enumeration (at most {MAX_STRATEGIES} strategies in \
                 all, the width of its label sets); use `--method lemke` to find some equilibria"
            )));
        }
        Ok(())
    }
    fn run(&self, game: &NormalForm, options: &SolveOptions) -> Result<Solution> {
        enumerate(game, options)
    }
}

/// The most strategies (both players together) of a game `enum` takes: label sets are bit
/// sets of this many bits. Below it, the work is capped by the vertex estimate and
/// `--max-vertices` (a 1000x1000 game is refused by that estimate; a 1x5000 game is quick).
pub const MAX_STRATEGIES: usize = 8192;

/// A set of labels (or basic variables) `0..64 W`: `W` = 2 (up to 128 strategies, the common
/// case, as fast as one `u128`), 8, 32 or 128 words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Bits<const W: usize>([u64; W]);

impl<const W: usize> Bits<W> {
    const EMPTY: Self = Bits([0; W]);

    /// The set `0..k`.
    fn below(k: usize) -> Self {
        let mut b = Self::EMPTY;
        for (i, w) in b.0.iter_mut().enumerate() {
            let lo = i * 64;
            *w = if k >= lo + 64 {
                u64::MAX
            } else if k > lo {
                (1u64 << (k - lo)) - 1
            } else {
                0
            };
        }
        b
    }

    fn with(mut self, v: usize) -> Self {
        self.0[v / 64] |= 1u64 << (v % 64);
        self
    }

    fn without(mut self, v: usize) -> Self {
        self.0[v / 64] &= !(1u64 << (v % 64));
        self
    }

    fn and(mut self, o: Self) -> Self {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a &= b;
        }
        self
    }

    /// `self` without the members of `o`.
    fn minus(mut self, o: Self) -> Self {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a &= !b;
        }
        self
    }

    fn contains_all(self, o: Self) -> bool {
        self.and(o) == o
    }

    fn count(self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Upper bound (McMullen) on the vertices of a `d`-polytope with `k` facets, as f64.
pub fn vertex_bound(d: usize, k: usize) -> f64 {
    fn binom(n: usize, r: usize) -> f64 {
        if r > n {
            return 0.0;
        }
        (0..r).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
    }
    if k <= d {
        return 1.0;
    }
    let (lo, hi) = (d / 2, d.div_ceil(2));
    binom(k - hi, lo) + binom(k - lo - 1, hi - 1)
}

/// Integer, positive version of a payoff matrix: `L (M - min M) + 1`.
fn positive_integer_matrix(mat: &[Vec<Q>]) -> Vec<Vec<BigInt>> {
    let min = mat.iter().flatten().min().cloned().unwrap_or_else(Q::zero);
    let l = common_denominator(mat.iter().flatten());
    let lq = Q::from_integer(l);
    mat.iter().map(|row| row.iter().map(|x| ((x - &min) * &lq).to_integer() + BigInt::one()).collect()).collect()
}

/// A vertex of a best-response polytope.
#[derive(Debug, Clone)]
struct Vertex<const W: usize> {
    labels: Bits<W>,
    /// The strategy coordinates over a common denominator.
    nums: Vec<BigInt>,
}

/// Enumerates all vertices of `{ z : coef z = rhs, z >= 0 }` reachable from the given
/// feasible basis, returning one entry per distinct vertex (keyed by its zero set). The tableau
/// starts with `width` entries (see [`width_for`]), widens when a pivot needs it and narrows back
/// to `width` at most.
fn vertices<const W: usize>(
    coef: &[Vec<BigInt>],
    rhs: &[BigInt],
    basis: &[usize],
    coords: std::ops::Range<usize>,
    cap: u64,
    progress: Option<(&super::Progress, &str)>,
    width: Width,
) -> Result<Vec<Vertex<W>>> {
    let mut t = AnyTableau::with_width(coef, rhs, basis, width);
    let floor = t.width();
    let nv = t.num_vars();
    let mask_of = |t: &AnyTableau| t.basis().iter().fold(Bits::<W>::EMPTY, |acc, &v| acc.with(v));
    let labels_of = |t: &AnyTableau| (0..nv).filter(|&v| t.is_zero_var(v)).fold(Bits::<W>::EMPTY, |acc, v| acc.with(v));

    // Bases and label sets are bit masks: a fast non-cryptographic hash suffices (set membership
    // only, so the output does not depend on it).
    let mut visited: FxHashSet<Bits<W>> = FxHashSet::default();
    let mut seen: FxHashSet<Bits<W>> = FxHashSet::default();
    let mut out = Vec::new();
    let mut record = |t: &AnyTableau, out: &mut Vec<Vertex<W>>| {
        let labels = labels_of(t);
        if seen.insert(labels) {
            // Unreduced: only vertices in an equilibrium get normalised.
            out.push(Vertex { labels, nums: t.raw_values(coords.clone()) });
        }
    };
    visited.insert(mask_of(&t));
    record(&t, &mut out);
    // Depth-first search; each frame: next column to try, and how to pivot back.
    let mut stack: Vec<(usize, Option<(usize, usize)>)> = vec![(0, None)];
    while let Some(frame) = stack.last_mut() {
        let mut col = frame.0;
        while col < nv && t.row_of(col) != NONBASIC {
            col += 1;
        }
        if col >= nv {
            let back = frame.1;
            stack.pop();
            if let Some((row, var)) = back {
                t.pivot(row, var);
                if t.width() != floor {
                    t.try_narrow(floor);
                }
            }
            continue;
        }
        frame.0 = col + 1;
        let Some(row) = t.ratio_test(col) else { continue };
        let leaving = t.basis()[row];
        let mask = mask_of(&t).without(leaving).with(col);
        if !visited.insert(mask) {
            continue;
        }
        if visited.len() as u64 > cap {
            return Err(Error::TooLarge(format!(
                "vertex enumeration stopped after {cap} bases of one best-response polytope; \
                 raise --max-vertices or use `--method lemke` to find some equilibria"
            )));
        }
        t.pivot(row, col);
        record(&t, &mut out);
        stack.push((0, Some((row, leaving))));
        if let Some((observer, stage)) = progress {
            if visited.len().is_multiple_of(4096) {
                observer(&super::ProgressEvent {
                    stage: format!("{stage}, bases visited"),
                    done: visited.len() as u64,
                    bound: Some(cap),
                });
            }
        }
    }
    Ok(out)
}

/// The constraint rows of the best-response polytopes of the (made positive, integer)
/// bimatrix game: `P` over variables `x_0..x_{m-1}, s_0..s_{n-1}` with rows `B^T x + s = 1`,
/// and `Q` over `r_0..r_{m-1}, y_0..y_{n-1}` with rows `r + A y = 1`. In both, variable
/// number `l` carries label `l`.
pub(crate) fn polytopes(a: &[Vec<Q>], b: &[Vec<Q>]) -> (Vec<Vec<BigInt>>, Vec<Vec<BigInt>>) {
    let (m, n) = (a.len(), a.first().map_or(0, Vec::len));
    let a = positive_integer_matrix(a);
    let b = positive_integer_matrix(b);
    let p_coef = (0..n)
        .map(|j| (0..m).map(|i| b[i][j].clone()).chain((0..n).map(|k| BigInt::from(u8::from(k == j)))).collect())
        .collect();
    let q_coef =
        (0..m).map(|i| (0..m).map(|k| BigInt::from(u8::from(k == i))).chain(a[i].iter().cloned()).collect()).collect();
    (p_coef, q_coef)
}

/// A mixed strategy from unnormalised non-negative weights.
pub(crate) fn normalize(nums: &[BigInt]) -> Vec<Q> {
    let sum: BigInt = nums.iter().sum();
    nums.iter().map(|x| Q::new(x.clone(), sum.clone())).collect()
}

/// The completely labelled pairs `(i, j)` of non-zero vertices `pv[i]` of P and `qv[j]` of Q.
fn complete_pairs<const W: usize>(pv: &[Vertex<W>], qv: &[Vertex<W>], m: usize, n: usize) -> Vec<(usize, usize)> {
    let full = Bits::<W>::below(m + n);
    let x_zero = Bits::<W>::below(m);
    let y_zero = full.minus(x_zero);
    // Pairs of non-zero vertices whose labels cover everything. A simple vertex of P (exactly
    // m labels) needs exactly the n labels it lacks: a simple vertex of Q has exactly n labels,
    // so it must equal them (hash lookup), while a degenerate one may have more (scan). A
    // degenerate vertex of P is checked against every vertex of Q. Degenerate vertices are rare,
    // so this stays close to linear.
    let simple_q: FxHashMap<Bits<W>, usize> =
        qv.iter().enumerate().filter(|(_, y)| y.labels.count() == n).map(|(j, y)| (y.labels, j)).collect();
    let degenerate_q: Vec<usize> = (0..qv.len()).filter(|&j| qv[j].labels.count() > n).collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, x) in pv.iter().enumerate() {
        if x.labels.contains_all(x_zero) {
            continue;
        }
        let need = full.minus(x.labels);
        let covers = |j: usize| !qv[j].labels.contains_all(y_zero) && qv[j].labels.contains_all(need);
        if x.labels.count() == m {
            if let Some(&j) = simple_q.get(&need) {
                if covers(j) {
                    pairs.push((i, j));
                }
            }
            pairs.extend(degenerate_q.iter().copied().filter(|&j| covers(j)).map(|j| (i, j)));
        } else {
            pairs.extend((0..qv.len()).filter(|&j| covers(j)).map(|j| (i, j)));
        }
    }

    pairs
}

/// The enumeration itself; see the module docs.
pub fn enumerate(game: &NormalForm, options: &SolveOptions) -> Result<Solution> {
    enumerate_in(game, options, None)
}

/// [`enumerate`] with the tableau entry width forced to start at `width` (tests compare the
/// fixed-width tiers with big integers this way); `None` picks it from the payoffs.
fn enumerate_in(game: &NormalForm, options: &SolveOptions, width: Option<Width>) -> Result<Solution> {
    let (a, b) = game.bimatrix().ok_or_else(|| Error::Unsupported {
        method: "enum".into(),
        reason: "vertex enumeration needs two players; use `--method pure`".into(),
    })?;
    let (m, n) = (a.len(), a[0].len());
    let cap = options.max_vertices.unwrap_or(DEFAULT_MAX_VERTICES);
    let bound = vertex_bound(m, m + n).max(vertex_bound(n, m + n));
    if bound > cap as f64 * 50.0 {
        return Err(Error::TooLarge(format!(
            "a {m}x{n} game may have up to {} vertices per best-response polytope \
             (upper bound theorem), more than the limit of {cap} (times 50 for slack); \
             exhaustive enumeration could take very long. Use `--method lemke` to find some equilibria, \
             or raise --max-vertices to try anyway",
            if bound.is_finite() { format!("{bound:.2e}") } else { "more than 1e308".into() }
        )));
    }
    // Label sets as wide as the game needs (the common case, up to 128 strategies, in two words).
    match m + n {
        0..=128 => enumerate_with::<2>(game, options, width, &a, &b, cap),
        129..=512 => enumerate_with::<8>(game, options, width, &a, &b, cap),
        513..=2048 => enumerate_with::<32>(game, options, width, &a, &b, cap),
        _ => enumerate_with::<{ MAX_STRATEGIES / 64 }>(game, options, width, &a, &b, cap),
    }
}

/// [`enumerate_in`] with label sets of `64 W` bits.
fn enumerate_with<const W: usize>(
    game: &NormalForm,
    options: &SolveOptions,
    width: Option<Width>,
    a: &[Vec<Q>],
    b: &[Vec<Q>],
    cap: u64,
) -> Result<Solution> {
    let (m, n) = (a.len(), a[0].len());
    if m + n > 64 * W {
        return Err(Error::Internal(format!("{m}x{n} game: label sets of {} bits are too narrow", 64 * W)));
    }
    let (p_coef, q_coef) = polytopes(a, b);
    let one = BigInt::one();
    let observe = |stage| options.progress.as_ref().map(|p| (p, stage));
    let pv = vertices::<W>(
        &p_coef,
        &vec![one.clone(); n],
        &(m..m + n).collect::<Vec<_>>(),
        0..m,
        cap,
        observe("player 1's best-response polytope"),
        width.unwrap_or_else(|| width_for(&p_coef)),
    )?;
    let qv = vertices::<W>(
        &q_coef,
        &vec![one; m],
        &(0..m).collect::<Vec<_>>(),
        m..m + n,
        cap,
        observe("player 2's best-response polytope"),
        width.unwrap_or_else(|| width_for(&q_coef)),
    )?;

    let degenerate = pv.iter().any(|v| v.labels.count() > m) || qv.iter().any(|v| v.labels.count() > n);

    let pairs = complete_pairs(&pv, &qv, m, n);

    let mut eqs: Vec<(Equilibrium, usize, usize)> = pairs
        .into_iter()
        .map(|(i, j)| {
            let profile = MixedProfile { probs: vec![normalize(&pv[i].nums), normalize(&qv[j].nums)] };
            let payoffs = game.expected_payoffs(&profile);
            (Equilibrium { profile, payoffs }, i, j)
        })
        .collect();
    // Deterministic order: by profile, probabilities of earlier strategies first (descending).
    eqs.sort_by(|x, y| y.0.profile.cmp(&x.0.profile));

    let equilibria: Vec<Equilibrium> = eqs.iter().map(|e| e.0.clone()).collect();
    let pairs: Vec<(usize, usize)> = eqs.iter().map(|e| (e.1, e.2)).collect();
    let components = components(&equilibria, &pairs);
    let mut notes = Vec::new();
    if degenerate {
        notes.push(
            "the game is degenerate: some mixed strategy has more pure best responses than its support size".into(),
        );
    }
    if components.iter().any(|c| c.equilibria.len() > 1) {
        notes.push(
            "some equilibria are not isolated: extreme equilibria in the same convex set can be mixed freely \
             (see components)"
                .into(),
        );
    }
    notes.push(format!(
        "{} vertices of player 1's and {} of player 2's best-response polytope examined",
        pv.len(),
        qv.len()
    ));
    Ok(Solution { method: Method::Enum, exact: true, complete: true, equilibria, components, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    use crate::game::fixtures::bimatrix;

    #[test]
    fn chicken_has_three() {
        let g = bimatrix(&[&[6, 2], &[7, 0]], &[&[6, 7], &[2, 0]]);
        let s = crate::solve::solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        assert_eq!(s.equilibria.len(), 3);
        let mixed = MixedProfile { probs: vec![vec![frac(2, 3), frac(1, 3)], vec![frac(2, 3), frac(1, 3)]] };
        assert!(s.equilibria.iter().any(|e| e.profile == mixed));
    }

    #[test]
    fn degenerate_component() {
        // Player 2 indifferent everywhere: a continuum.
        let g = bimatrix(&[&[1, 0], &[0, 1]], &[&[0, 0], &[0, 0]]);
        let s = crate::solve::solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        // Extreme equilibria: (T, L), (B, R), (T/B mixed 1/2, (1/2,1/2))... check verified and >= 2.
        assert!(s.equilibria.len() >= 2);
        assert!(!s.components.is_empty());
    }

    /// The fast pairing agrees with checking every pair, on heavily degenerate games.
    #[test]
    fn pairing_matches_brute_force_on_degenerate_games() {
        let mut seed = 12345u64;
        let mut next = |k: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % k) as i64
        };
        for _ in 0..200 {
            let (m, n) = (1 + next(4) as usize, 1 + next(4) as usize);
            let a: Vec<Vec<Q>> = (0..m).map(|_| (0..n).map(|_| q(next(3))).collect()).collect();
            let b: Vec<Vec<Q>> = (0..m).map(|_| (0..n).map(|_| q(next(3))).collect()).collect();
            let (p, qc) = polytopes(&a, &b);
            let one = BigInt::one();
            let pv =
                vertices::<2>(&p, &vec![one.clone(); n], &(m..m + n).collect::<Vec<_>>(), 0..m, 1000, None, Width::I64)
                    .unwrap();
            let qv = vertices::<2>(&qc, &vec![one; m], &(0..m).collect::<Vec<_>>(), m..m + n, 1000, None, Width::I64)
                .unwrap();
            let to_u128 = |b: Bits<2>| u128::from(b.0[0]) | u128::from(b.0[1]) << 64;
            let full = (1u128 << (m + n)) - 1;
            let (xz, yz) = ((1u128 << m) - 1, full & !((1u128 << m) - 1));
            let mut brute = Vec::new();
            for (i, x) in pv.iter().enumerate() {
                for (j, y) in qv.iter().enumerate() {
                    let (xl, yl) = (to_u128(x.labels), to_u128(y.labels));
                    if xl & xz != xz && yl & yz != yz && xl | yl == full {
                        brute.push((i, j));
                    }
                }
            }
            let mut fast = complete_pairs(&pv, &qv, m, n);
            fast.sort();
            assert_eq!(fast, brute);
        }
    }

    /// Label sets of 8 and 32 words find exactly what those of 2 find.
    #[test]
    fn wide_label_sets_agree_with_narrow_ones() {
        let mut rng = Rng(7);
        let opts = SolveOptions::default();
        for round in 0..10 {
            let (m, n) = (2 + round % 4, 3 + round % 3);
            let range = if round % 2 == 0 { 3 } else { 100 };
            let (a, b) = (rng.matrix(m, n, range), rng.matrix(m, n, range));
            let g = game_of(&a, &b);
            let narrow = profiles(&enumerate_with::<2>(&g, &opts, None, &a, &b, DEFAULT_MAX_VERTICES).unwrap());
            assert!(!narrow.is_empty());
            let wide8 = profiles(&enumerate_with::<8>(&g, &opts, None, &a, &b, DEFAULT_MAX_VERTICES).unwrap());
            let wide32 = profiles(&enumerate_with::<32>(&g, &opts, None, &a, &b, DEFAULT_MAX_VERTICES).unwrap());
            assert_eq!(wide8, narrow, "round {round}");
            assert_eq!(wide32, narrow, "round {round}");
        }
        let b = Bits::<2>::below(70);
        assert_eq!((b.0[0], b.0[1], b.count()), (u64::MAX, (1 << 6) - 1, 70));
        assert_eq!(Bits::<2>::below(128).count(), 128);
        assert!(b.with(100).contains_all(b) && !b.contains_all(b.with(100)) && b.with(100).without(100) == b);
    }

    /// Beyond 128 strategies in all (the old fixed cap): a 2x150 game, each of its equilibria
    /// verified exactly by `solve`.
    #[test]
    fn more_than_128_strategies_are_enumerated() {
        let mut rng = Rng(11);
        let (a, b) = (rng.matrix(2, 150, 1000), rng.matrix(2, 150, 1000));
        let g = game_of(&a, &b);
        let s = crate::solve::solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        assert!(!s.equilibria.is_empty());
        assert!(s.complete && s.exact);
    }

    /// A deterministic stream of numbers for test games.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, k: u64) -> i64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % k) as i64
        }

        /// An `m x n` matrix of integers in `0..range`.
        fn matrix(&mut self, m: usize, n: usize, range: u64) -> Vec<Vec<Q>> {
            (0..m).map(|_| (0..n).map(|_| q(self.below(range))).collect()).collect()
        }
    }

    fn game_of(a: &[Vec<Q>], b: &[Vec<Q>]) -> NormalForm {
        let (m, n) = (a.len(), a[0].len());
        let players = vec![
            crate::game::Player { name: "1".into(), strategies: (1..=m).map(|i| i.to_string()).collect() },
            crate::game::Player { name: "2".into(), strategies: (1..=n).map(|i| i.to_string()).collect() },
        ];
        NormalForm::new("t", players, |p| vec![a[p[0]][p[1]].clone(), b[p[0]][p[1]].clone()]).unwrap()
    }

    fn profiles(s: &Solution) -> Vec<MixedProfile> {
        s.equilibria.iter().map(|e| e.profile.clone()).collect()
    }

    /// Starting the tableaux at each entry width (narrow ones overflow and widen, wide ones narrow
    /// back no further than where they started) finds exactly what big integers find.
    #[test]
    fn every_starting_width_finds_the_same_equilibria() {
        let mut rng = Rng(99);
        let opts = SolveOptions::default();
        for round in 0..12 {
            let (m, n) = (5 + round % 2, 5 + (round / 2) % 2);
            let range = if round % 3 == 0 { 10 } else { 1_000_000 };
            let g = game_of(&rng.matrix(m, n, range), &rng.matrix(m, n, range));
            let reference = profiles(&enumerate_in(&g, &opts, Some(Width::Big)).unwrap());
            assert!(!reference.is_empty());
            for width in [Width::I64, Width::I128, Width::I256, Width::I512] {
                let got = profiles(&enumerate_in(&g, &opts, Some(width)).unwrap());
                assert_eq!(got, reference, "round {round}, starting at {width:?}");
            }
            assert_eq!(profiles(&enumerate(&g, &opts).unwrap()), reference, "round {round}");
        }
    }

    /// A positive affine transform of each player's payoffs does not change the equilibria. With
    /// scales near 10^9, 10^30 and 10^60 the tableau entries are hundreds of bits wide: every
    /// tier from 128-bit to big integers is reached, and the answer must equal the unscaled one
    /// (computed in narrow integers) and the big-integer one.
    #[test]
    fn positive_affine_payoff_transforms_keep_the_equilibria() {
        let mut rng = Rng(2024);
        let opts = SolveOptions::default();
        for round in 0..6 {
            let (m, n) = (6, 5 + round % 2);
            let range = if round % 2 == 0 { 100 } else { 1_000_000 };
            let (a, b) = (rng.matrix(m, n, range), rng.matrix(m, n, range));
            let base = enumerate(&game_of(&a, &b), &opts).unwrap();
            for exp in [9u32, 30, 60] {
                let mut scale = || {
                    let big = num_traits::pow(BigInt::from(10), exp as usize);
                    Q::new(big + rng.below(1_000_000) + 1, BigInt::from(1 + rng.below(7)))
                };
                let (sa, sb) = (scale(), scale());
                let (oa, ob) = (q(rng.below(2_000_001) - 1_000_000), frac(rng.below(1000) - 500, 3));
                let tr = |mat: &[Vec<Q>], s: &Q, o: &Q| -> Vec<Vec<Q>> {
                    mat.iter().map(|r| r.iter().map(|x| x * s + o).collect()).collect()
                };
                let g = game_of(&tr(&a, &sa, &oa), &tr(&b, &sb, &ob));
                let scaled = enumerate(&g, &opts).unwrap();
                assert_eq!(profiles(&scaled), profiles(&base), "round {round}, 10^{exp}");
                let big = enumerate_in(&g, &opts, Some(Width::Big)).unwrap();
                assert_eq!(profiles(&big), profiles(&base), "round {round}, 10^{exp}, big integers");
                for (e, e0) in scaled.equilibria.iter().zip(&base.equilibria) {
                    assert_eq!(e.payoffs, vec![&e0.payoffs[0] * &sa + &oa, &e0.payoffs[1] * &sb + &ob]);
                }
            }
        }
    }

    #[test]
    fn bound() {
        assert_eq!(vertex_bound(2, 4), 4.0);
        assert!(vertex_bound(12, 24) > 20000.0);
    }
}
