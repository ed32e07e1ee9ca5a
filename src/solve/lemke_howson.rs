//! The Lemke–Howson algorithm, exact, with lexicographic degeneracy resolution.
//!
//! Complementary pivoting on the best-response polytopes `P` and `Q` (see
//! [`super::enumerate`]): starting at the artificial equilibrium `(0, 0)`, label `k` is
//! dropped by letting variable `k` enter; each pivot picks up one label and drops another,
//! and the duplicate label's variable enters the other polytope's basis next. The path ends
//! when label `k` is picked up again, at a Nash equilibrium (von Stengel 2002, section 3).
//! The lexicographic ratio test keeps the path well defined on degenerate games, so it
//! never cycles. Every equilibrium found this way is also a vertex pair found by `enum`.

use super::enumerate::{normalize, polytopes};
use super::lp::tableau::AnyTableau;
use super::Method;
use super::{Equilibrium, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::Q;
use num_bigint::BigInt;
use num_traits::One;

/// Lemke–Howson (`--method lemke`).
pub struct LemkeHowson;

/// Pivots allowed on one path before giving up.
const MAX_PIVOTS: usize = 5_000_000;

impl Solver for LemkeHowson {
    fn method(&self) -> Method {
        Method::Lemke
    }
    fn description(&self) -> &'static str {
        "Lemke-Howson from one starting label, or from every label (two players), exact"
    }
    fn supports(&self, game: &NormalForm) -> Result<()> {
        if game.num_players() != 2 {
            return Err(Error::Unsupported {
                method: "lemke".into(),
                reason: format!("Lemke-Howson needs two players, this game has {}", game.num_players()),
            });
        }
        Ok(())
    }
    fn run(&self, game: &NormalForm, options: &SolveOptions) -> Result<Solution> {
        let (a, b) = game.bimatrix().ok_or_else(|| Error::Unsupported {
            method: "lemke".into(),
            reason: "Lemke-Howson needs two players".into(),
        })?;
        let (m, n) = (a.len(), a[0].len());
        let labels: Vec<usize> = match options.start_label {
            Some(k) if k >= m + n => {
                return Err(Error::InvalidOption(format!(
                    "start label {} is out of range: this {m}x{n} game has labels 1..{}",
                    k + 1,
                    m + n
                )))
            }
            Some(k) => vec![k],
            None => (0..m + n).collect(),
        };
        let (p, q) = polytopes(&a, &b);
        let mut found: Vec<(Equilibrium, Vec<usize>)> = Vec::new();
        for &k in &labels {
            let (x, y) = path(&p, &q, m, n, k)?;
            let profile = MixedProfile { probs: vec![x, y] };
            match found.iter_mut().find(|(e, _)| e.profile == profile) {
                Some((_, ks)) => ks.push(k),
                None => {
                    let payoffs = game.expected_payoffs(&profile);
                    found.push((Equilibrium { profile, payoffs }, vec![k]));
                }
            }
        }
        let label_name = |k: usize| {
            if k < m {
                format!("{} (player 1: {})", k + 1, game.players()[0].strategies[k])
            } else {
                format!("{} (player 2: {})", k + 1, game.players()[1].strategies[k - m])
            }
        };
        let notes = found
            .iter()
            .enumerate()
            .map(|(i, (_, ks))| {
                let names: Vec<String> = ks.iter().map(|&k| label_name(k)).collect();
                format!("equilibrium {} reached from label {}", i + 1, names.join(", "))
            })
            .collect();
        Ok(Solution {
            method: Method::Lemke,
            exact: true,
            complete: false,
            equilibria: found.into_iter().map(|(e, _)| e).collect(),
            components: Vec::new(),
            notes,
        })
    }
}

/// Follows the path that drops label `k`; returns the equilibrium strategies.
fn path(p: &[Vec<BigInt>], q: &[Vec<BigInt>], m: usize, n: usize, k: usize) -> Result<(Vec<Q>, Vec<Q>)> {
    let mut tp = AnyTableau::new(p, &vec![BigInt::one(); n], &(m..m + n).collect::<Vec<_>>());
    let mut tq = AnyTableau::new(q, &vec![BigInt::one(); m], &(0..m).collect::<Vec<_>>());
    // Label k < m belongs to x_k in P; label k >= m to y in Q.
    let mut in_p = k < m;
    let mut entering = k;
    for _ in 0..MAX_PIVOTS {
        let t = if in_p { &mut tp } else { &mut tq };
        let row = t
            .ratio_test(entering)
            .ok_or_else(|| Error::Internal("Lemke-Howson: unbounded ray in a bounded best-response polytope".into()))?;
        let leaving = t.basis()[row];
        t.pivot(row, entering);
        if leaving == k {
            let (x, _) = tp.solution(0..m);
            let (y, _) = tq.solution(m..m + n);
            return Ok((normalize(&x), normalize(&y)));
        }
        entering = leaving;
        in_p = !in_p;
    }
    Err(Error::TooLarge(format!("Lemke-Howson path from label {} exceeded {MAX_PIVOTS} pivots", k + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    use crate::game::fixtures::bimatrix;

    #[test]
    fn von_stengel_example() {
        // von Stengel (2002), the 3x2 example: equilibria (1,0,0; 1,0), (4/5,1/5,0; 2/3,1/3) and
        // (0,1/3,2/3; 1/3,2/3): against y = (1/3,2/3) rows 2 and 3 both earn 4, row 1 earns 3.
        let g = bimatrix(&[&[3, 3], &[2, 5], &[0, 6]], &[&[3, 2], &[2, 6], &[3, 1]]);
        let opts = SolveOptions { start_label: Some(0), ..Default::default() };
        let s = crate::solve::solve(&g, crate::solve::Method::Lemke, &opts).unwrap();
        assert_eq!(s.equilibria.len(), 1);
        let all = crate::solve::solve(&g, crate::solve::Method::Lemke, &SolveOptions::default()).unwrap();
        let e = crate::solve::solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        assert_eq!(e.equilibria.len(), 3);
        for x in &all.equilibria {
            assert!(e.equilibria.contains(x));
        }
        let mixed = MixedProfile { probs: vec![vec![q(0), frac(1, 3), frac(2, 3)], vec![frac(1, 3), frac(2, 3)]] };
        assert!(e.equilibria.iter().any(|x| x.profile == mixed));
    }

    #[test]
    fn rejects_bad_label() {
        let g = bimatrix(&[&[1, 0], &[0, 1]], &[&[1, 0], &[0, 1]]);
        let opts = SolveOptions { start_label: Some(4), ..Default::default() };
        assert!(matches!(crate::solve::solve(&g, crate::solve::Method::Lemke, &opts), Err(Error::InvalidOption(_))));
    }

    #[test]
    fn degenerate_game_terminates() {
        let g = bimatrix(&[&[1, 1], &[1, 1]], &[&[1, 1], &[1, 1]]);
        let s = crate::solve::solve(&g, crate::solve::Method::Lemke, &SolveOptions::default()).unwrap();
        assert!(!s.equilibria.is_empty());
    }
}
