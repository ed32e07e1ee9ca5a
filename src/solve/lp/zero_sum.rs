//! Linear programming for two-player constant-sum games.
//!
//! With `A` player 1's payoff matrix, player 1's maximin strategy solves
//! `max v  s.t.  Σ_i x_i A[i][j] >= v for every column j,  Σ x = 1,  x >= 0` and player 2's
//! minimax strategy solves `min w  s.t.  Σ_j A[i][j] y_j <= w for every row i,  Σ y = 1,  y >= 0`.
//! Both are solved exactly with [`crate::solve::lp::simplex`]; by the minimax theorem `v = w` is the
//! value of the game, and `(x, y)` is an equilibrium with payoffs `(v, c − v)` where `c` is the
//! constant sum.
use super::simplex::{LinearProgram, LpOutcome, Relation};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};
use crate::num::{fmt_q, Q};
use crate::solve::{Equilibrium, Method, Solution, SolveOptions, Solver};
use num_traits::{One, Zero};

/// Solves a constant-sum game by LP.
pub struct ZeroSumLp;

impl Solver for ZeroSumLp {
    fn method(&self) -> Method {
        Method::Lp
    }
    fn description(&self) -> &'static str {
        "linear programming for two-player constant-sum games"
    }
    fn supports(&self, game: &NormalForm) -> Result<()> {
        let unsupported = |reason: String| Error::Unsupported { method: "lp".into(), reason };
        if game.num_players() != 2 {
            return Err(unsupported(format!(
                "it needs exactly two players, the game has {}; use `pure` for pure equilibria",
                game.num_players()
            )));
        }
        if game.constant_sum().is_none() {
            return Err(unsupported(
                "the game is not constant-sum (the players' payoffs do not add up to the same total in every \
                 outcome); use `enum` for all equilibria or `lemke` for one"
                    .into(),
            ));
        }
        Ok(())
    }
    fn run(&self, game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        self.supports(game)?;
        let (a, _) = game.bimatrix().ok_or_else(|| Error::Internal("lp: not a two-player game".into()))?;
        let c = game.constant_sum().ok_or_else(|| Error::Internal("lp: not constant-sum".into()))?;
        let (x, v) = maximin(&a)?;
        let (y, w) = minimax(&a)?;
        if v != w {
            return Err(Error::Internal(format!(
                "lp: maximin value {} differs from minimax value {}",
                fmt_q(&v),
                fmt_q(&w)
            )));
        }
        let profile = MixedProfile { probs: vec![x, y] };
        let other = &c - &v;
        let players = game.players();
        let note = format!(
            "value of the game: {} to {} ({} to {}; constant sum {})",
            fmt_q(&v),
            players[0].name,
            fmt_q(&other),
            players[1].name,
            fmt_q(&c)
        );
        let equilibria = vec![Equilibrium { profile, payoffs: vec![v, other] }];
        Ok(Solution {
            method: Method::Lp,
            exact: true,
            complete: false,
            equilibria,
            components: Vec::new(),
            notes: vec![note, "one equilibrium: a pair of optimal (maximin/minimax) strategies".into()],
        })
    }
}

/// Player 1's optimal (maximin) mixed strategy for payoff matrix `a` (rows = player 1's
/// strategies, player 1 maximizing), and the value.
pub fn maximin(a: &[Vec<Q>]) -> Result<(Vec<Q>, Q)> {
    let m = a.len();
    let n = a.first().map_or(0, Vec::len);
    if m == 0 || n == 0 || a.iter().any(|r| r.len() != n) {
        return Err(Error::Internal("lp: empty or ragged payoff matrix".into()));
    }
    // Variables x_0..x_{m-1}, v (free).
    let mut obj = vec![Q::zero(); m + 1];
    obj[m] = Q::one();
    let mut lp = LinearProgram::maximize(obj);
    lp.set_free(m);
    for j in 0..n {
        let mut row: Vec<Q> = a.iter().map(|r| r[j].clone()).collect();
        row.push(-Q::one());
        lp.constrain(row, Relation::Ge, Q::zero());
    }
    let mut sum = vec![Q::one(); m];
    sum.push(Q::zero());
    lp.constrain(sum, Relation::Eq, Q::one());
    match lp.solve()? {
        LpOutcome::Optimal(s) => {
            let mut x = s.x;
            let v = x.pop().unwrap_or_default();
            Ok((x, v))
        }
        other => Err(Error::Internal(format!("lp: the maximin program is not optimal: {other:?}"))),
    }
}

/// Player 2's optimal (minimax) mixed strategy against payoff matrix `a` (player 1's payoffs,
/// player 2 minimizing them), and the value.
pub fn minimax(a: &[Vec<Q>]) -> Result<(Vec<Q>, Q)> {
    let m = a.len();
    let n = a.first().map_or(0, Vec::len);
    if m == 0 || n == 0 || a.iter().any(|r| r.len() != n) {
        return Err(Error::Internal("lp: empty or ragged payoff matrix".into()));
    }
    // Variables y_0..y_{n-1}, w (free).
    let mut obj = vec![Q::zero(); n + 1];
    obj[n] = Q::one();
    let mut lp = LinearProgram::minimize(obj);
    lp.set_free(n);
    for row in a {
        let mut r = row.clone();
        r.push(-Q::one());
        lp.constrain(r, Relation::Le, Q::zero());
    }
    let mut sum = vec![Q::one(); n];
    sum.push(Q::zero());
    lp.constrain(sum, Relation::Eq, Q::one());
    match lp.solve()? {
        LpOutcome::Optimal(s) => {
            let mut y = s.x;
            let w = y.pop().unwrap_or_default();
            Ok((y, w))
        }
        other => Err(Error::Internal(format!("lp: the minimax program is not optimal: {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{frac, q};
    use crate::solve::solve;

    fn game(a: &[&[i64]], b: &[&[i64]]) -> NormalForm {
        let players = vec![
            Player { name: "Row".into(), strategies: (0..a.len()).map(|i| format!("r{i}")).collect() },
            Player { name: "Col".into(), strategies: (0..a[0].len()).map(|j| format!("c{j}")).collect() },
        ];
        NormalForm::new("g", players, |p| vec![q(a[p[0]][p[1]]), q(b[p[0]][p[1]])]).unwrap()
    }

    fn zero_sum(a: &[&[i64]]) -> NormalForm {
        let b: Vec<Vec<i64>> = a.iter().map(|r| r.iter().map(|x| -x).collect()).collect();
        let b: Vec<&[i64]> = b.iter().map(Vec::as_slice).collect();
        game(a, &b)
    }

    #[test]
    fn matching_pennies() {
        let g = zero_sum(&[&[1, -1], &[-1, 1]]);
        let sol = solve(&g, crate::solve::Method::Lp, &SolveOptions::default()).unwrap();
        let eq = &sol.equilibria[0];
        assert_eq!(eq.profile.probs, vec![vec![frac(1, 2), frac(1, 2)], vec![frac(1, 2), frac(1, 2)]]);
        assert_eq!(eq.payoffs, vec![q(0), q(0)]);
        assert!(sol.notes[0].contains("value of the game: 0 to Row"), "{:?}", sol.notes);
    }

    #[test]
    fn rock_paper_scissors() {
        let g = zero_sum(&[&[0, -1, 1], &[1, 0, -1], &[-1, 1, 0]]);
        let sol = solve(&g, crate::solve::Method::Lp, &SolveOptions::default()).unwrap();
        let third = vec![frac(1, 3); 3];
        assert_eq!(sol.equilibria[0].profile.probs, vec![third.clone(), third]);
        assert_eq!(sol.equilibria[0].payoffs, vec![q(0), q(0)]);
    }

    #[test]
    fn two_by_three_with_known_value() {
        // A = [[2, 3, 1], [0, -1, 4]]: the column player never uses column 1; on columns 0 and 2
        // the row player mixes (4/5, 1/5), the column player (3/5, 0, 2/5); value 8/5.
        let g = zero_sum(&[&[2, 3, 1], &[0, -1, 4]]);
        let sol = solve(&g, crate::solve::Method::Lp, &SolveOptions::default()).unwrap();
        let eq = &sol.equilibria[0];
        assert_eq!(eq.profile.probs[0], vec![frac(4, 5), frac(1, 5)]);
        assert_eq!(eq.profile.probs[1], vec![frac(3, 5), q(0), frac(2, 5)]);
        assert_eq!(eq.payoffs, vec![frac(8, 5), frac(-8, 5)]);
    }

    #[test]
    fn constant_sum_game() {
        // Payoffs sum to 10 everywhere; player 1's part is matching pennies shifted by 5.
        let g = game(&[&[6, 4], &[4, 6]], &[&[4, 6], &[6, 4]]);
        let sol = solve(&g, crate::solve::Method::Lp, &SolveOptions::default()).unwrap();
        assert_eq!(sol.equilibria[0].payoffs, vec![q(5), q(5)]);
        assert!(sol.notes[0].contains("constant sum 10"), "{:?}", sol.notes);
        // Negative value: both the value variable and the strategies are right.
        let g = zero_sum(&[&[-3, -5], &[-4, -2]]);
        let sol = solve(&g, crate::solve::Method::Lp, &SolveOptions::default()).unwrap();
        assert_eq!(sol.equilibria[0].payoffs, vec![frac(-7, 2), frac(7, 2)]);
    }

    #[test]
    fn pure_saddle_point() {
        let g = zero_sum(&[&[3, 5], &[1, 0]]);
        let sol = solve(&g, crate::solve::Method::Lp, &SolveOptions::default()).unwrap();
        assert_eq!(sol.equilibria[0].profile.as_pure(), Some(vec![0, 0]));
        assert_eq!(sol.equilibria[0].payoffs, vec![q(3), q(-3)]);
    }

    #[test]
    fn rejects_non_constant_sum_and_three_players() {
        let g = game(&[&[3, 0], &[5, 1]], &[&[3, 5], &[0, 1]]);
        match solve(&g, crate::solve::Method::Lp, &SolveOptions::default()) {
            Err(Error::Unsupported { method, reason }) => {
                assert_eq!(method, "lp");
                assert!(reason.contains("not constant-sum") && reason.contains("enum"), "{reason}");
            }
            other => panic!("expected Unsupported, got {other:?}"),
        }
        let s = || vec!["a".to_string(), "b".to_string()];
        let players = (0..3).map(|i| Player { name: i.to_string(), strategies: s() }).collect();
        let g = NormalForm::new("3", players, |_| vec![q(0), q(0), q(0)]).unwrap();
        assert!(matches!(ZeroSumLp.supports(&g), Err(Error::Unsupported { .. })));
    }
}
