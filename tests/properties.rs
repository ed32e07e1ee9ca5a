//! Property tests for the two-player solvers: every reported profile is an exact
//! equilibrium, relabelling strategies permutes the answer, Lemke–Howson's answers are
//! among the enumerated ones, and on non-degenerate games vertex enumeration agrees with
//! an independent support-enumeration oracle written here from scratch.

use proptest::prelude::*;
use standoff::game::{MixedProfile, NormalForm, Player};
use standoff::num::{q, Q};
use standoff::solve::{solve, SolveOptions};
use std::collections::BTreeSet;

fn game(m: usize, n: usize, a: &[i64], b: &[i64]) -> NormalForm {
    let players = vec![
        Player { name: "1".into(), strategies: (0..m).map(|i| format!("r{i}")).collect() },
        Player { name: "2".into(), strategies: (0..n).map(|j| format!("c{j}")).collect() },
    ];
    NormalForm::new("random", players, |p| vec![q(a[p[0] * n + p[1]]), q(b[p[0] * n + p[1]])]).unwrap()
}

fn arb_game(max: usize, range: i64) -> impl Strategy<Value = (usize, usize, Vec<i64>, Vec<i64>)> {
    (1..=max, 1..=max).prop_flat_map(move |(m, n)| {
        (
            Just(m),
            Just(n),
            proptest::collection::vec(-range..=range, m * n),
            proptest::collection::vec(-range..=range, m * n),
        )
    })
}

fn profiles(g: &NormalForm, method: standoff::solve::Method, opts: &SolveOptions) -> BTreeSet<MixedProfile> {
    solve(g, method, opts).unwrap().equilibria.into_iter().map(|e| e.profile).collect()
}

/// Solves `M z = rhs` exactly; None if singular.
fn solve_linear(mut m: Vec<Vec<Q>>, mut rhs: Vec<Q>) -> Option<Vec<Q>> {
    let k = m.len();
    for c in 0..k {
        let p = (c..k).find(|&r| m[r][c] != q(0))?;
        m.swap(c, p);
        rhs.swap(c, p);
        for r in 0..k {
            if r != c && m[r][c] != q(0) {
                let f = &m[r][c] / &m[c][c];
                let pivot_row = m[c].clone();
                for (x, p) in m[r].iter_mut().zip(&pivot_row) {
                    *x -= &f * p;
                }
                let v = &f * &rhs[c];
                rhs[r] -= v;
            }
        }
    }
    Some((0..k).map(|i| &rhs[i] / &m[i][i]).collect())
}

/// Support enumeration for non-degenerate games: equal-size supports, indifference equations.
fn support_enumeration(g: &NormalForm) -> BTreeSet<MixedProfile> {
    let (a, b) = g.bimatrix().unwrap();
    let (m, n) = (a.len(), a[0].len());
    let mut out = BTreeSet::new();
    for sx in 1u32..(1 << m) {
        for sy in 1u32..(1 << n) {
            if sx.count_ones() != sy.count_ones() {
                continue;
            }
            let i_s: Vec<usize> = (0..m).filter(|i| sx >> i & 1 == 1).collect();
            let j_s: Vec<usize> = (0..n).filter(|j| sy >> j & 1 == 1).collect();
            let k = i_s.len();
            // y on j_s makes rows i_s indifferent (value v): unknowns y_j.., v.
            let mut my: Vec<Vec<Q>> =
                i_s.iter().map(|&i| j_s.iter().map(|&j| a[i][j].clone()).chain([q(-1)]).collect()).collect();
            my.push(j_s.iter().map(|_| q(1)).chain([q(0)]).collect());
            let mut mx: Vec<Vec<Q>> =
                j_s.iter().map(|&j| i_s.iter().map(|&i| b[i][j].clone()).chain([q(-1)]).collect()).collect();
            mx.push(i_s.iter().map(|_| q(1)).chain([q(0)]).collect());
            let mut rhs = vec![q(0); k];
            rhs.push(q(1));
            let (Some(y), Some(x)) = (solve_linear(my, rhs.clone()), solve_linear(mx, rhs)) else { continue };
            if y[..k].iter().chain(&x[..k]).any(|p| *p < q(0)) {
                continue;
            }
            let mut px = vec![q(0); m];
            let mut py = vec![q(0); n];
            for (t, &i) in i_s.iter().enumerate() {
                px[i] = x[t].clone();
            }
            for (t, &j) in j_s.iter().enumerate() {
                py[j] = y[t].clone();
            }
            let prof = MixedProfile { probs: vec![px, py] };
            if g.max_regret(&prof) == q(0) {
                out.insert(prof);
            }
        }
    }
    out
}

/// A game is non-degenerate if no mixed strategy has more pure best responses than its support size;
/// checked here on the equilibria of the support oracle plus a random-tie heuristic: no repeated
/// payoffs in any column of A or row of B.
fn obviously_nondegenerate(m: usize, n: usize, a: &[i64], b: &[i64]) -> bool {
    let cols_distinct = (0..n).all(|j| {
        let s: BTreeSet<i64> = (0..m).map(|i| a[i * n + j]).collect();
        s.len() == m
    });
    let rows_distinct = (0..m).all(|i| {
        let s: BTreeSet<i64> = (0..n).map(|j| b[i * n + j]).collect();
        s.len() == n
    });
    cols_distinct && rows_distinct
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_enumerated_profile_is_an_equilibrium((m, n, a, b) in arb_game(4, 5)) {
        let g = game(m, n, &a, &b);
        let s = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
        prop_assert!(!s.equilibria.is_empty(), "every finite game has an equilibrium");
        for e in &s.equilibria {
            prop_assert_eq!(g.max_regret(&e.profile), q(0));
            prop_assert_eq!(&g.expected_payoffs(&e.profile), &e.payoffs);
        }
        // Every pure equilibrium is extreme, so it must be enumerated.
        for p in profiles(&g, standoff::solve::Method::Pure, &SolveOptions::default()) {
            prop_assert!(s.equilibria.iter().any(|e| e.profile == p));
        }
    }

    #[test]
    fn lemke_howson_finds_enumerated_equilibria((m, n, a, b) in arb_game(5, 3)) {
        let g = game(m, n, &a, &b);
        let all = profiles(&g, standoff::solve::Method::Enum, &SolveOptions::default());
        for p in profiles(&g, standoff::solve::Method::Lemke, &SolveOptions::default()) {
            prop_assert!(all.contains(&p), "Lemke-Howson found {:?}, not among the extreme equilibria", p);
        }
    }

    #[test]
    fn relabelling_permutes_the_answer((m, n, a, b) in arb_game(4, 4), seed in any::<u64>()) {
        let g = game(m, n, &a, &b);
        // A permutation of rows and of columns, and swapping the players.
        let mut rows: Vec<usize> = (0..m).collect();
        let mut cols: Vec<usize> = (0..n).collect();
        let mut s = seed | 1;
        for v in [&mut rows, &mut cols] {
            for i in (1..v.len()).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                v.swap(i, (s % (i as u64 + 1)) as usize);
            }
        }
        let a2: Vec<i64> = (0..m * n).map(|k| a[rows[k / n] * n + cols[k % n]]).collect();
        let b2: Vec<i64> = (0..m * n).map(|k| b[rows[k / n] * n + cols[k % n]]).collect();
        let g2 = game(m, n, &a2, &b2);
        let orig = profiles(&g, standoff::solve::Method::Enum, &SolveOptions::default());
        let permuted: BTreeSet<MixedProfile> = profiles(&g2, standoff::solve::Method::Enum, &SolveOptions::default())
            .into_iter()
            .map(|p| {
                let mut x = vec![q(0); m];
                let mut y = vec![q(0); n];
                for (k, &r) in rows.iter().enumerate() { x[r] = p.probs[0][k].clone(); }
                for (k, &c) in cols.iter().enumerate() { y[c] = p.probs[1][k].clone(); }
                MixedProfile { probs: vec![x, y] }
            })
            .collect();
        prop_assert_eq!(&orig, &permuted);
        // Transposed game: players swap roles.
        let at: Vec<i64> = (0..m * n).map(|k| b[(k % m) * n + k / m]).collect();
        let bt: Vec<i64> = (0..m * n).map(|k| a[(k % m) * n + k / m]).collect();
        let gt = game(n, m, &at, &bt);
        let swapped: BTreeSet<MixedProfile> = profiles(&gt, standoff::solve::Method::Enum, &SolveOptions::default())
            .into_iter()
            .map(|p| MixedProfile { probs: vec![p.probs[1].clone(), p.probs[0].clone()] })
            .collect();
        prop_assert_eq!(&orig, &swapped);
    }

    #[test]
    fn vertex_and_support_enumeration_agree_when_nondegenerate((m, n, a, b) in arb_game(4, 50)) {
        prop_assume!(obviously_nondegenerate(m, n, &a, &b));
        let g = game(m, n, &a, &b);
        let s = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
        prop_assume!(!s.notes.iter().any(|n| n.contains("degenerate")));
        let ours: BTreeSet<MixedProfile> = s.equilibria.into_iter().map(|e| e.profile).collect();
        prop_assert_eq!(ours, support_enumeration(&g));
    }
}
