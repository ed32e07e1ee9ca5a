//! Textbook games give their closed-form equilibria exactly.

use standoff::game::{MixedProfile, NormalForm, Player};
use standoff::num::{frac, q, Q};
use standoff::solve::{solve, SolveOptions};
use std::collections::BTreeSet;

fn two_by_two(a: [[Q; 2]; 2], b: [[Q; 2]; 2]) -> NormalForm {
    let players = vec![
        Player { name: "Row".into(), strategies: vec!["Top".into(), "Bottom".into()] },
        Player { name: "Col".into(), strategies: vec!["Left".into(), "Right".into()] },
    ];
    NormalForm::new("2x2", players, |p| vec![a[p[0]][p[1]].clone(), b[p[0]][p[1]].clone()]).unwrap()
}

fn set(g: &NormalForm, method: standoff::solve::Method) -> BTreeSet<MixedProfile> {
    solve(g, method, &SolveOptions::default()).unwrap().equilibria.into_iter().map(|e| e.profile).collect()
}

fn mixed(p: Q, r: Q) -> MixedProfile {
    MixedProfile { probs: vec![vec![p.clone(), q(1) - p], vec![r.clone(), q(1) - r]] }
}

fn pure(i: usize, j: usize) -> MixedProfile {
    let e = |k: usize| if k == 0 { vec![q(1), q(0)] } else { vec![q(0), q(1)] };
    MixedProfile { probs: vec![e(i), e(j)] }
}

/// Closed form of the completely mixed equilibrium of a 2x2 game: the row player mixes to make
/// the column player indifferent and vice versa.
fn indifference(a: &[[Q; 2]; 2], b: &[[Q; 2]; 2]) -> MixedProfile {
    let p = (&b[1][1] - &b[1][0]) / (&b[0][0] - &b[0][1] - &b[1][0] + &b[1][1]);
    let r = (&a[1][1] - &a[0][1]) / (&a[0][0] - &a[0][1] - &a[1][0] + &a[1][1]);
    mixed(p, r)
}

#[test]
fn chicken_with_aumanns_numbers() {
    // (Swerve, Swerve) = (6, 6), (Swerve, Straight) = (2, 7), (Straight, Swerve) = (7, 2), (Straight, Straight) = (0, 0).
    let a = [[q(6), q(2)], [q(7), q(0)]];
    let b = [[q(6), q(7)], [q(2), q(0)]];
    let g = two_by_two(a.clone(), b.clone());
    let expected: BTreeSet<_> = [pure(0, 1), pure(1, 0), mixed(frac(2, 3), frac(2, 3))].into_iter().collect();
    assert_eq!(set(&g, standoff::solve::Method::Enum), expected);
    assert_eq!(indifference(&a, &b), mixed(frac(2, 3), frac(2, 3)));
    let s = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
    let m = s.equilibria.iter().find(|e| e.profile == mixed(frac(2, 3), frac(2, 3))).unwrap();
    assert_eq!(m.payoffs, vec![frac(14, 3), frac(14, 3)]);
}

#[test]
fn hawk_dove_mixes_with_probability_v_over_c() {
    for (v, c) in [(2, 6), (4, 10), (1, 3), (7, 9)] {
        let (v, c) = (q(v), q(c));
        let half = frac(1, 2);
        // Hawk = first strategy.
        let hh = (&v - &c) * &half;
        let a = [[hh.clone(), v.clone()], [q(0), &v * &half]];
        let b = [[hh, q(0)], [v.clone(), &v * &half]];
        let g = two_by_two(a, b);
        let p = &v / &c;
        let expected: BTreeSet<_> = [pure(0, 1), pure(1, 0), mixed(p.clone(), p)].into_iter().collect();
        assert_eq!(set(&g, standoff::solve::Method::Enum), expected, "V = {v}, C = {c}");
    }
}

#[test]
fn asymmetric_chicken_matches_the_indifference_formula() {
    // The flagship standoff at its defaults and with pressure (dprk_standoff = -4).
    for dprk_standoff in [-1, -4, -10] {
        let a = [[q(3), q(1)], [q(5), q(0)]];
        let b = [[q(2), q(4)], [q(1), q(dprk_standoff)]];
        let g = two_by_two(a.clone(), b.clone());
        let m = indifference(&a, &b);
        let expected: BTreeSet<_> = [pure(0, 1), pure(1, 0), m.clone()].into_iter().collect();
        assert_eq!(set(&g, standoff::solve::Method::Enum), expected);
        // DPRK concedes with probability 1/3 whatever the pressure: pressure moves the US's mix.
        assert_eq!(m.probs[1][0], frac(1, 3));
    }
    let b = [[q(2), q(4)], [q(1), q(-4)]];
    let m = indifference(&[[q(3), q(1)], [q(5), q(0)]], &b);
    // DPRK indifferent: Concede 2p + (1 - p) = 1 + p, Hold 4p - 4(1 - p) = 8p - 4, so p = 5/7.
    assert_eq!(m.probs[0][0], frac(5, 7));
}

#[test]
fn battle_of_the_sexes() {
    let a = [[q(3), q(0)], [q(0), q(2)]];
    let b = [[q(2), q(0)], [q(0), q(3)]];
    let g = two_by_two(a, b);
    let expected: BTreeSet<_> = [pure(0, 0), pure(1, 1), mixed(frac(3, 5), frac(2, 5))].into_iter().collect();
    assert_eq!(set(&g, standoff::solve::Method::Enum), expected);
}

#[test]
fn matching_pennies_and_prisoners_dilemma() {
    let g = two_by_two([[q(1), q(-1)], [q(-1), q(1)]], [[q(-1), q(1)], [q(1), q(-1)]]);
    let only: BTreeSet<_> = [mixed(frac(1, 2), frac(1, 2))].into_iter().collect();
    assert_eq!(set(&g, standoff::solve::Method::Enum), only);
    assert_eq!(set(&g, standoff::solve::Method::Lp), only);
    assert_eq!(set(&g, standoff::solve::Method::Lemke), only);
    assert!(set(&g, standoff::solve::Method::Pure).is_empty());
    let pd = two_by_two([[q(3), q(0)], [q(5), q(1)]], [[q(3), q(5)], [q(0), q(1)]]);
    let only: BTreeSet<_> = [pure(1, 1)].into_iter().collect();
    assert_eq!(set(&pd, standoff::solve::Method::Enum), only);
    assert_eq!(set(&pd, standoff::solve::Method::Pure), only);
}

#[test]
fn rock_paper_scissors_by_lp_and_enumeration() {
    let players = vec![
        Player { name: "A".into(), strategies: vec!["R".into(), "P".into(), "S".into()] },
        Player { name: "B".into(), strategies: vec!["R".into(), "P".into(), "S".into()] },
    ];
    let w = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]];
    let g = NormalForm::new("rps", players, |p| vec![q(w[p[0]][p[1]]), q(-w[p[0]][p[1]])]).unwrap();
    let third = vec![frac(1, 3); 3];
    let only: BTreeSet<_> = [MixedProfile { probs: vec![third.clone(), third] }].into_iter().collect();
    assert_eq!(set(&g, standoff::solve::Method::Enum), only);
    assert_eq!(set(&g, standoff::solve::Method::Lp), only);
}

#[test]
fn a_continuum_is_reported_as_one_component() {
    // Row indifferent between Top and Bottom when Col plays Left; Col strictly prefers Left.
    let g = two_by_two([[q(1), q(0)], [q(1), q(2)]], [[q(1), q(0)], [q(1), q(0)]]);
    let s = solve(&g, standoff::solve::Method::Enum, &SolveOptions::default()).unwrap();
    // Extreme equilibria: (Top, Left) and (Bottom, Left); every mixture of them is an equilibrium.
    let expected: BTreeSet<_> = [pure(0, 0), pure(1, 0)].into_iter().collect();
    assert_eq!(s.equilibria.iter().map(|e| e.profile.clone()).collect::<BTreeSet<_>>(), expected);
    assert_eq!(s.components.len(), 1);
    assert_eq!(s.components[0].convex_sets.len(), 1);
    assert_eq!(s.components[0].convex_sets[0].rows.len(), 2);
}
