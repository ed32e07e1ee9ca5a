//! The Lemke–Howson algorithm, exact, with lexicographic degeneracy resolution.
//!
//! Complementary pivoting on the best-response polytopes `P` and `Q` (see
//! [`super::enumerate`]): starting at the artificial equilibrium `(0, 0)`, label `k` is
//! dropped by letting variable `k` enter; each pivot picks up one label and drops another,
//! and the duplicate label's variable enters the other polytope's basis next. The path ends
//! when label `k` is picked up again, at a Nash equilibrium (von Stengel 2002, section 3).
//! The lexicographic ratio test keeps the path well defined on degenerate games, so it
//! never cycles. Every equilibrium found this way is also a vertex pair found by `enum`.
//!
//! Speed with exactness: each path is first followed in floating point, with the same
//! lexicographic rule (ties within a tolerance broken by the basis inverse). The basis it ends
//! in names each player's support; the equilibrium is then solved on those supports in exact
//! arithmetic and accepted only if its probabilities are non-negative and its regret is exactly
//! zero. Otherwise (rounding led the float path astray) the path is followed again with exact
//! integer pivoting. Both are budgeted before the work: the tableaux' memory against
//! `--max-memory`, the pivots against `--max-pivots` (by default fewer on big tableaux, so a run
//! stays within seconds), with progress reported to the observer.

use super::enumerate::{normalize, polytopes};
use super::lp::tableau::AnyTableau;
use super::Method;
use super::{Equilibrium, ProgressEvent, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::budget::{check_memory, pivot_budget};
use crate::game::{MixedProfile, NormalForm};
use crate::num::{to_f64, Q};
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

/// Lemke–Howson (`--method lemke`).
pub struct LemkeHowson;

/// Estimated bytes per exact tableau entry (an integer of a few limbs and its heap block).
const EXACT_ENTRY_BYTES: u64 = 64;

/// Pivots made so far in one run, against its budget, with the progress observer.
struct Budget<'a> {
    done: u64,
    max: u64,
    stage: String,
    options: &'a SolveOptions,
}

impl Budget<'_> {
    /// Counts one pivot; an error naming `--max-pivots` once the budget is spent.
    fn pivot(&mut self, tableau: &str) -> Result<()> {
        self.done += 1;
        if self.done > self.max {
            return Err(Error::TooLarge(format!(
                "Lemke-Howson stopped after {} pivots on {tableau} ({}); raise the limit with --max-pivots \
                 or --max-work (Lemke-Howson paths can be exponentially long), or use --start-label to follow \
                 one path",
                self.max, self.stage
            )));
        }
        if let Some(progress) = &self.options.progress {
            if self.done.is_multiple_of(16) {
                progress(&ProgressEvent { stage: self.stage.clone(), done: self.done, bound: Some(self.max) });
            }
        }
        Ok(())
    }
}

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
        // Both tableaux: n rows (P) and m rows (Q) of m + n variables and a right-hand side.
        let entries = ((m + n) as u64).saturating_mul((m + n + 1) as u64);
        check_memory(u128::from(entries) * 8, &format!("Lemke-Howson on this {m}x{n} game (a float tableau)"))?;
        let mut float_budget = Budget {
            done: 0,
            max: pivot_budget(entries / 2, false),
            stage: format!("Lemke-Howson, {} path(s), float pivots", labels.len()),
            options,
        };
        let fp = to_float(&p);
        let fq = to_float(&q);
        let mut exact_budget: Option<Budget<'_>> = None;
        let mut found: Vec<(Equilibrium, Vec<usize>)> = Vec::new();
        for &k in &labels {
            let certified =
                float_path(&fp, &fq, m, n, k, &mut float_budget)?.and_then(|(sx, sy)| certify(game, &sx, &sy, m));
            let profile = match certified {
                Some(profile) => profile,
                None => {
                    let budget = match &mut exact_budget {
                        Some(b) => b,
                        None => {
                            check_memory(
                                u128::from(entries) * u128::from(EXACT_ENTRY_BYTES),
                                &format!("Lemke-Howson on this {m}x{n} game (an exact tableau)"),
                            )?;
                            exact_budget.insert(Budget {
                                done: 0,
                                max: pivot_budget(entries / 2, true),
                                stage: "Lemke-Howson, exact pivots".into(),
                                options,
                            })
                        }
                    };
                    let (x, y) = path(&p, &q, m, n, k, budget)?;
                    MixedProfile { probs: vec![x, y] }
                }
            };
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

/// Follows the path that drops label `k` in exact integer pivoting; returns the equilibrium
/// strategies.
fn path(
    p: &[Vec<BigInt>],
    q: &[Vec<BigInt>],
    m: usize,
    n: usize,
    k: usize,
    budget: &mut Budget<'_>,
) -> Result<(Vec<Q>, Vec<Q>)> {
    let mut tp = AnyTableau::new(p, &vec![BigInt::one(); n], &(m..m + n).collect::<Vec<_>>());
    let mut tq = AnyTableau::new(q, &vec![BigInt::one(); m], &(0..m).collect::<Vec<_>>());
    // Label k < m belongs to x_k in P; label k >= m to y in Q.
    let mut in_p = k < m;
    let mut entering = k;
    let size = format!("tableaux of {n}x{} and {m}x{} exact entries", m + n + 1, m + n + 1);
    loop {
        budget.pivot(&size)?;
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
}

/// A dense floating-point tableau `T x = rhs` (column `vars` is the right-hand side) with the
/// initial basis kept for the lexicographic rule.
struct FloatTableau {
    rows: usize,
    width: usize,
    t: Vec<f64>,
    basis: Vec<usize>,
    lex: Vec<usize>,
}

/// Relative tolerance below which two ratios count as tied, and an entry as zero.
const FLOAT_TOL: f64 = 1e-9;

fn to_float(coef: &[Vec<BigInt>]) -> Vec<Vec<f64>> {
    coef.iter().map(|r| r.iter().map(|x| to_f64(&Q::from_integer(x.clone()))).collect()).collect()
}

impl FloatTableau {
    fn new(coef: &[Vec<f64>], basis: Vec<usize>) -> FloatTableau {
        let rows = coef.len();
        let width = coef.first().map_or(0, Vec::len) + 1;
        let mut t = Vec::with_capacity(rows * width);
        for r in coef {
            t.extend_from_slice(r);
            t.push(1.0);
        }
        FloatTableau { rows, width, t, lex: basis.clone(), basis }
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.t[i * self.width + j]
    }

    /// The lexicographic minimum-ratio row for `col`; `Err(())` when a tie cannot be broken
    /// within the tolerance (the float path is then not trusted), `Ok(None)` on a ray.
    fn ratio_test(&self, col: usize) -> std::result::Result<Option<usize>, ()> {
        let rhs = self.width - 1;
        let mut best: Option<usize> = None;
        for i in 0..self.rows {
            let ai = self.at(i, col);
            if ai <= FLOAT_TOL {
                continue;
            }
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            let ab = self.at(b, col);
            let cmp = |c: usize| {
                let (x, y) = (self.at(i, c) / ai, self.at(b, c) / ab);
                if (x - y).abs() <= FLOAT_TOL * x.abs().max(y.abs()).max(1.0) {
                    std::cmp::Ordering::Equal
                } else {
                    x.total_cmp(&y)
                }
            };
            let mut ord = cmp(rhs);
            let mut k = 0;
            while ord == std::cmp::Ordering::Equal && k < self.lex.len() {
                ord = cmp(self.lex[k]);
                k += 1;
            }
            match ord {
                std::cmp::Ordering::Less => best = Some(i),
                std::cmp::Ordering::Equal => return Err(()),
                std::cmp::Ordering::Greater => {}
            }
        }
        Ok(best)
    }

    fn pivot(&mut self, row: usize, col: usize) {
        let w = self.width;
        let piv = self.at(row, col);
        let prow: Vec<f64> = self.t[row * w..(row + 1) * w].iter().map(|x| x / piv).collect();
        for (i, chunk) in self.t.chunks_mut(w).enumerate() {
            if i == row {
                chunk.copy_from_slice(&prow);
                continue;
            }
            let f = chunk[col];
            if f != 0.0 {
                for (x, p) in chunk.iter_mut().zip(&prow) {
                    *x -= f * p;
                }
                chunk[col] = 0.0;
            }
        }
        self.basis[row] = col;
    }
}

/// Follows the path that drops label `k` in floating point; returns the basic strategies of
/// each player at its end (the supports to certify), or `None` where the float path cannot be
/// trusted (a tie it cannot break, a ray).
fn float_path(
    p: &[Vec<f64>],
    q: &[Vec<f64>],
    m: usize,
    n: usize,
    k: usize,
    budget: &mut Budget<'_>,
) -> Result<Option<(Vec<usize>, Vec<usize>)>> {
    let mut tp = FloatTableau::new(p, (m..m + n).collect());
    let mut tq = FloatTableau::new(q, (0..m).collect());
    let size = format!("tableaux of {n}x{} and {m}x{} floats", m + n + 1, m + n + 1);
    let mut in_p = k < m;
    let mut entering = k;
    loop {
        budget.pivot(&size)?;
        let t = if in_p { &mut tp } else { &mut tq };
        let Ok(Some(row)) = t.ratio_test(entering) else { return Ok(None) };
        let leaving = t.basis[row];
        t.pivot(row, entering);
        if leaving == k {
            let sx = tp.basis.iter().copied().filter(|&v| v < m).collect();
            let sy = tq.basis.iter().copied().filter(|&v| v >= m).map(|v| v - m).collect();
            return Ok(Some((sx, sy)));
        }
        entering = leaving;
        in_p = !in_p;
    }
}

/// The equilibrium on the supports a float path ended with, solved exactly; `None` unless it
/// is a valid profile with regret exactly zero.
fn certify(game: &NormalForm, sx: &[usize], sy: &[usize], m: usize) -> Option<MixedProfile> {
    let mut sx = sx.to_vec();
    let mut sy = sy.to_vec();
    sx.sort_unstable();
    sy.sort_unstable();
    let profile = super::polish::two_player_exact(game, &[sx, sy])?;
    debug_assert_eq!(profile.probs[0].len(), m);
    if profile.probs.iter().flatten().any(Signed::is_negative) || profile.check(game).is_err() {
        return None;
    }
    game.max_regret(&profile).is_zero().then_some(profile)
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
