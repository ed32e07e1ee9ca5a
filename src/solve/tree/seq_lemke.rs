//! Two-player trees on the sequence form: Lemke's algorithm (one equilibrium of any two-player
//! tree with perfect recall) and linear programming (constant-sum trees).
//!
//! # Lemke
//! An equilibrium is a pair of realization plans `x`, `y` with dual vectors `p`, `q` such that
//! (Koller, Megiddo and von Stengel 1996)
//!
//! ```text
//! E x = e,  x >= 0,  E'p - A y >= 0,  x'(E'p - A y) = 0
//! F y = f,  y >= 0,  F'q - B'x >= 0,  y'(F'q - B'x) = 0
//! ```
//!
//! where `p`, `q` are free. We write it as a standard linear complementarity problem
//! `w = r + M z >= 0, z >= 0, z'w = 0` in `z = (x, y, p⁺, p⁻, q⁺, q⁻)`, the equations as pairs of
//! inequalities (`e - E x >= 0` complementary to `p⁺`, `E x - e >= 0` to `p⁻`), after making every
//! terminal payoff negative (subtracting a constant from every leaf changes no player's
//! incentives, since the leaf probabilities of any pair of plans sum to one) and scaling to
//! integers. Then `z'Mz = -x'(A + B)y >= 0`, so `M` is copositive; with this structure Lemke's
//! algorithm (all-ones covering vector) ends at a solution, not on a ray (Koller, Megiddo and
//! von Stengel 1996). A ray would be reported as an internal error; none occurs on the
//! reference corpus. The answer is verified exactly like every other.
//!
//! The pivoting is exact and fraction-free: the tableau holds integers, each pivot divides the new
//! entries exactly by the previous pivot element, and ties in the ratio test are broken by the
//! lexicographic rule on the basis inverse, so the path is well defined and cannot cycle on
//! degenerate games.
//!
//! # LP
//! For a constant-sum tree (every leaf's accumulated payoffs sum to the same `c`), player 1's
//! optimal plan solves `max f'q  s.t.  F'q - A'x <= 0, E x = e, x >= 0` (`q` free) and player
//! 2's `min e'p  s.t.  E'p - A y >= 0, F y = f, y >= 0` (`p` free); both are solved exactly with
//! [`crate::solve::lp::simplex`] and their optimal values agree (the value of the game).

use super::sequence::{require_perfect_recall, SequenceForm};
use super::solution::{TreeEquilibrium, TreeSolution};
use crate::error::{Error, Result};
use crate::game::tree::Tree;
use crate::num::{common_denominator, fmt_q, Q};
use crate::solve::lp::simplex::{LinearProgram, LpOutcome, Relation};
use crate::solve::Method;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};
use std::cmp::Ordering;

fn require_two_players(tree: &Tree, method: &str) -> Result<()> {
    if tree.num_players() != 2 {
        return Err(Error::Unsupported {
            method: method.into(),
            reason: format!(
                "the sequence-form {method} needs two players, this tree has {}; use --method spe or pure",
                tree.num_players()
            ),
        });
    }
    Ok(())
}

/// A fraction-free integer tableau for Lemke's algorithm: `det · (rational tableau)`.
struct Tableau {
    rows: usize,
    cols: usize,
    m: Vec<BigInt>,
    det: BigInt,
    basis: Vec<usize>,
    /// Columns of the initial (identity) basis, for the lexicographic rule.
    lex: Vec<usize>,
}

impl Tableau {
    fn at(&self, i: usize, j: usize) -> &BigInt {
        &self.m[i * self.cols + j]
    }

    fn rhs(&self) -> usize {
        self.cols - 1
    }

    /// Lexicographic minimum-ratio test over rows with a positive entry in `col`.
    fn ratio_test(&self, col: usize) -> Option<usize> {
        let rhs = self.rhs();
        let mut best: Option<usize> = None;
        for i in 0..self.rows {
            if !self.at(i, col).is_positive() {
                continue;
            }
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            let (ai, ab) = (self.at(i, col), self.at(b, col));
            let cmp = |c: usize| (self.at(i, c) * ab).cmp(&(self.at(b, c) * ai));
            let mut ord = cmp(rhs);
            let mut k = 0;
            while ord == Ordering::Equal && k < self.lex.len() {
                ord = cmp(self.lex[k]);
                k += 1;
            }
            if ord == Ordering::Less {
                best = Some(i);
            }
        }
        best
    }

    fn pivot(&mut self, row: usize, col: usize) {
        let w = self.cols;
        let piv = self.at(row, col).clone();
        let prow: Vec<BigInt> = self.m[row * w..(row + 1) * w].to_vec();
        for i in 0..self.rows {
            if i == row {
                continue;
            }
            let f = self.m[i * w + col].clone();
            for (x, p) in self.m[i * w..(i + 1) * w].iter_mut().zip(&prow) {
                let v = if f.is_zero() { &*x * &piv } else { &*x * &piv - &f * p };
                *x = if v.is_zero() { v } else { v.div_floor(&self.det) };
            }
        }
        self.det = piv;
        if self.det.is_negative() {
            for x in &mut self.m {
                *x = -&*x;
            }
            self.det = -&self.det;
        }
        self.basis[row] = col;
    }

    fn value(&self, var: usize) -> Q {
        match self.basis.iter().position(|&b| b == var) {
            Some(r) => Q::new(self.at(r, self.rhs()).clone(), self.det.clone()),
            None => Q::zero(),
        }
    }
}

/// Realization plans of one equilibrium of a two-player tree, by Lemke's algorithm on the
/// sequence form, and the number of pivots.
pub fn lemke_plans(sf: &SequenceForm) -> Result<(Vec<Vec<Q>>, usize)> {
    let (n1, n2) = (sf.num_sequences[0], sf.num_sequences[1]);
    // The tableau is dense: estimate it before building anything.
    let rows = (n1 + n2 + 2 * sf.constraint_rows(0) + 2 * sf.constraint_rows(1)) as u128;
    crate::game::budget::check_memory(
        rows * (2 * rows + 2) * 64,
        &format!("sequence-form Lemke (a dense exact tableau of {rows}x{} entries)", 2 * rows + 2),
    )?;
    let e = sf.constraints(0);
    let f = sf.constraints(1);
    let (m1, m2) = (e.len(), f.len());
    // Negative payoffs: subtract (max leaf payoff + 1) at every leaf.
    let top = sf.leaves.iter().flat_map(|l| l.payoffs.iter()).max().cloned().unwrap_or_else(Q::zero) + Q::one();
    let mut a = std::collections::BTreeMap::<(usize, usize), Q>::new();
    let mut b = std::collections::BTreeMap::<(usize, usize), Q>::new();
    for l in &sf.leaves {
        if l.chance.is_zero() {
            continue;
        }
        let key = (l.sequences[0], l.sequences[1]);
        *a.entry(key).or_insert_with(Q::zero) += &l.chance * (&l.payoffs[0] - &top);
        *b.entry(key).or_insert_with(Q::zero) += &l.chance * (&l.payoffs[1] - &top);
    }
    let scale = common_denominator(a.values().chain(b.values()));
    let int = |x: &Q| (x * Q::from(scale.clone())).to_integer();
    // Variables: w (0..n), z (n..2n), z0 (2n), rhs (2n + 1); z = (x, y, p+, p-, q+, q-).
    let n = n1 + n2 + 2 * m1 + 2 * m2;
    let cols = 2 * n + 2;
    let entries = (n as u64).saturating_mul(cols as u64);
    let max_pivots = crate::game::budget::pivot_budget(entries, true);
    let (ox, oy, op, opm, oq, oqm) = (0, n1, n1 + n2, n1 + n2 + m1, n1 + n2 + 2 * m1, n1 + n2 + 2 * m1 + m2);
    let mut m = vec![BigInt::zero(); n * cols];
    let z = |j: usize| n + j;
    {
        let mut set = |r: usize, c: usize, v: BigInt| m[r * cols + c] = v;
        for r in 0..n {
            set(r, r, BigInt::one());
            set(r, 2 * n, -BigInt::one());
        }
        // Row block x: w = -A y + E'p+ - E'p-  =>  w + A y - E'p+ + E'p- = 0.
        for (&(s1, s2), v) in &a {
            set(ox + s1, z(oy + s2), int(v));
        }
        for (&(s1, s2), v) in &b {
            set(oy + s2, z(ox + s1), int(v));
        }
        for (k, row) in e.iter().enumerate() {
            for (s, v) in row.iter().enumerate() {
                if !v.is_zero() {
                    let v = v.to_integer();
                    set(ox + s, z(op + k), -v.clone());
                    set(ox + s, z(opm + k), v.clone());
                    // w_p+ = e - E x  =>  w_p+ + E x = e;  w_p- = E x - e  =>  w_p- - E x = -e.
                    set(op + k, z(ox + s), v.clone());
                    set(opm + k, z(ox + s), -v);
                }
            }
        }
        for (k, row) in f.iter().enumerate() {
            for (s, v) in row.iter().enumerate() {
                if !v.is_zero() {
                    let v = v.to_integer();
                    set(oy + s, z(oq + k), -v.clone());
                    set(oy + s, z(oqm + k), v.clone());
                    set(oq + k, z(oy + s), v.clone());
                    set(oqm + k, z(oy + s), -v);
                }
            }
        }
        set(op, 2 * n + 1, BigInt::one());
        set(opm, 2 * n + 1, -BigInt::one());
        set(oq, 2 * n + 1, BigInt::one());
        set(oqm, 2 * n + 1, -BigInt::one());
    }
    let mut t = Tableau { rows: n, cols, m, det: BigInt::one(), basis: (0..n).collect(), lex: (0..n).collect() };
    // z0 enters where r_i is most negative; ties go to the last such row, which keeps every
    // row lexicographically positive afterwards.
    let rhs = t.rhs();
    let mut start = 0;
    for i in 0..n {
        if t.at(i, rhs) <= t.at(start, rhs) {
            start = i;
        }
    }
    if !t.at(start, rhs).is_negative() {
        return Err(Error::Internal("sequence-form Lemke: the start is already complementary".into()));
    }
    t.pivot(start, 2 * n);
    let mut entering = z(start); // complement of the w that left
    for pivots in 1..max_pivots as usize {
        let row = t.ratio_test(entering).ok_or_else(|| {
            Error::Internal("sequence-form Lemke ended on a ray (this should not happen with negative payoffs)".into())
        })?;
        let leaving = t.basis[row];
        t.pivot(row, entering);
        if leaving == 2 * n {
            let x = (0..n1).map(|j| t.value(z(ox + j))).collect();
            let y = (0..n2).map(|j| t.value(z(oy + j))).collect();
            return Ok((vec![x, y], pivots + 1));
        }
        entering = if leaving < n { leaving + n } else { leaving - n };
    }
    Err(Error::TooLarge(format!(
        "sequence-form Lemke stopped after {max_pivots} pivots on a tableau of {n}x{cols} exact entries; \
         raise the limit with --max-pivots or --max-work"
    )))
}

fn solution_of(tree: &Tree, sf: &SequenceForm, plans: &[Vec<Q>], method: Method, notes: Vec<String>) -> TreeSolution {
    let behavior = sf.profile(plans);
    let payoffs = tree.expected_payoffs(&behavior);
    let mut notes = notes;
    if behavior.unreached.iter().flatten().any(|&u| u) {
        notes.push(
            "some information sets are never reached by their player's own strategy: any behaviour there is \
             equally good; they are marked unreached and shown as uniform"
                .into(),
        );
    }
    TreeSolution {
        method,
        exact: true,
        complete: false,
        equilibria: vec![TreeEquilibrium {
            behavior,
            payoffs,
            path: None,
            path_chance: Vec::new(),
            mixed: None,
            beliefs: Vec::new(),
            max_regret: None,
        }],
        reduced: None,
        components: Vec::new(),
        notes,
    }
}

/// `--method lemke` on a tree: one equilibrium in behaviour strategies.
pub fn solve_lemke(tree: &Tree) -> Result<TreeSolution> {
    require_two_players(tree, "lemke")?;
    require_perfect_recall(tree, "lemke")?;
    let sf = SequenceForm::new(tree)?;
    let (plans, pivots) = lemke_plans(&sf)?;
    let notes = vec![format!(
        "one equilibrium by Lemke's algorithm on the sequence form ({} + {} sequences, {pivots} pivots, exact \
         integer pivoting with lexicographic degeneracy resolution)",
        sf.num_sequences[0], sf.num_sequences[1]
    )];
    Ok(solution_of(tree, &sf, &plans, Method::Lemke, notes))
}

/// The constant sum of a two-player tree's leaves, if there is one.
pub fn constant_sum(sf: &SequenceForm) -> Option<Q> {
    let mut sums = sf.leaves.iter().map(|l| l.payoffs.iter().sum::<Q>());
    let c = sums.next().unwrap_or_else(Q::zero);
    sums.all(|s| s == c).then_some(c)
}

/// `--method lp` on a constant-sum two-player tree: optimal behaviour strategies and the value.
pub fn solve_lp(tree: &Tree) -> Result<TreeSolution> {
    require_two_players(tree, "lp")?;
    require_perfect_recall(tree, "lp")?;
    let sf = SequenceForm::new(tree)?;
    let c = constant_sum(&sf).ok_or_else(|| Error::Unsupported {
        method: "lp".into(),
        reason: "the tree is not constant-sum (the players' accumulated payoffs do not add up to the same total at \
                 every terminal node); use --method lemke for one equilibrium or spe"
            .into(),
    })?;
    let (n1, n2) = (sf.num_sequences[0], sf.num_sequences[1]);
    // Two dense exact linear programs of (sequences + information sets) squared entries, each
    // solved in about as many pivots as rows: estimate them before building anything.
    let (rows, cols) = ((sf.constraint_rows(0) + n2) as u128, (n1 + sf.constraint_rows(1)) as u128);
    let what = format!("solving the sequence-form linear programs ({rows}x{cols} dense exact entries)");
    crate::game::budget::check_memory(rows * cols * 64, &what)?;
    crate::game::budget::check_work(
        rows.saturating_mul(rows).saturating_mul(cols).saturating_mul(u128::from(crate::game::budget::EXACT_OP_COST)),
        &what,
    )?;
    let e = sf.constraints(0);
    let f = sf.constraints(1);
    let a = sf.matrix(0);
    // Player 1: variables (x, q); maximize q_0.
    let mut obj = vec![Q::zero(); n1 + f.len()];
    obj[n1] = Q::one();
    let mut lp1 = LinearProgram::maximize(obj);
    for (k, row) in e.iter().enumerate() {
        lp1.constrain(row.clone(), Relation::Eq, if k == 0 { Q::one() } else { Q::zero() });
    }
    for j in 0..n2 {
        let mut row = vec![Q::zero(); n1 + f.len()];
        for (s1, s2, v) in &a {
            if *s2 == j {
                row[*s1] -= v;
            }
        }
        for (k, fr) in f.iter().enumerate() {
            row[n1 + k] = fr[j].clone();
        }
        lp1.constrain(row, Relation::Le, Q::zero());
    }
    for k in 0..f.len() {
        lp1.set_free(n1 + k);
    }
    // Player 2: variables (y, p); minimize p_0.
    let mut obj = vec![Q::zero(); n2 + e.len()];
    obj[n2] = Q::one();
    let mut lp2 = LinearProgram::minimize(obj);
    for (k, row) in f.iter().enumerate() {
        lp2.constrain(row.clone(), Relation::Eq, if k == 0 { Q::one() } else { Q::zero() });
    }
    for i in 0..n1 {
        let mut row = vec![Q::zero(); n2 + e.len()];
        for (s1, s2, v) in &a {
            if *s1 == i {
                row[*s2] -= v;
            }
        }
        for (k, er) in e.iter().enumerate() {
            row[n2 + k] = er[i].clone();
        }
        lp2.constrain(row, Relation::Ge, Q::zero());
    }
    for k in 0..e.len() {
        lp2.set_free(n2 + k);
    }
    let optimal = |o: LpOutcome| match o {
        LpOutcome::Optimal(s) => Ok(s),
        other => Err(Error::Internal(format!("sequence-form LP: {other:?}"))),
    };
    let s1 = optimal(lp1.solve()?)?;
    let s2 = optimal(lp2.solve()?)?;
    if s1.value != s2.value {
        return Err(Error::Internal(format!(
            "sequence-form LP: maximin value {} differs from minimax value {}",
            fmt_q(&s1.value),
            fmt_q(&s2.value)
        )));
    }
    let plans = vec![s1.x[..n1].to_vec(), s2.x[..n2].to_vec()];
    let players = tree.players();
    let notes = vec![
        format!(
            "value of the game: {} to {} ({} to {}; constant sum {})",
            fmt_q(&s1.value),
            players[0],
            fmt_q(&(&c - &s1.value)),
            players[1],
            fmt_q(&c)
        ),
        format!("optimal behaviour strategies by linear programming on the sequence form ({} + {} sequences)", n1, n2),
    ];
    Ok(solution_of(tree, &sf, &plans, Method::Lp, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::tests::sequential_chicken;
    use crate::game::TreeBuilder;
    use crate::num::{frac, q};

    fn s(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    /// Matching pennies with a hidden first move: A picks H/T, B guesses without seeing it.
    fn pennies(extra: i64) -> Tree {
        let mut b = TreeBuilder::new("pennies", s(&["A", "B"])).unwrap();
        let ha = b.add_infoset(0, "", s(&["H", "T"])).unwrap();
        let hb = b.add_infoset(1, "", s(&["h", "t"])).unwrap();
        b.decision("", ha, None).unwrap();
        for row in [[1 + extra, -1], [-1, 1]] {
            b.decision("", hb, None).unwrap();
            for v in row {
                let o = b.add_outcome("", vec![q(v), q(-v)]).unwrap();
                b.terminal("", Some(o)).unwrap();
            }
        }
        b.finish().unwrap()
    }

    #[test]
    fn lemke_finds_the_mixed_equilibrium() {
        let t = pennies(0);
        let sol = solve_lemke(&t).unwrap();
        let e = &sol.equilibria[0];
        assert_eq!(e.behavior.probs, vec![vec![vec![frac(1, 2), frac(1, 2)]], vec![vec![frac(1, 2), frac(1, 2)]]]);
        assert_eq!(e.payoffs, vec![q(0), q(0)]);
        // Unequal: A: H pays 2 against h. B mixes h: 2p - (1-p) = -p + (1-p) => p = 2/5.
        let t = pennies(1);
        let sol = solve_lemke(&t).unwrap();
        assert_eq!(sol.equilibria[0].behavior.probs[1][0], vec![frac(2, 5), frac(3, 5)]);
        let lp = solve_lp(&t).unwrap();
        assert_eq!(lp.equilibria[0].payoffs, vec![frac(1, 5), frac(-1, 5)]);
        assert!(lp.notes[0].contains("value of the game: 1/5"), "{:?}", lp.notes);
    }

    #[test]
    fn degenerate_shapes() {
        // A lone terminal node, and a tree where B never moves.
        let mut b = TreeBuilder::new("t", s(&["A", "B"])).unwrap();
        let o = b.add_outcome("", vec![q(1), q(-1)]).unwrap();
        b.terminal("", Some(o)).unwrap();
        let t = b.finish().unwrap();
        assert_eq!(solve_lemke(&t).unwrap().equilibria[0].payoffs, vec![q(1), q(-1)]);
        assert_eq!(solve_lp(&t).unwrap().equilibria[0].payoffs, vec![q(1), q(-1)]);
        let mut b = TreeBuilder::new("t", s(&["A", "B"])).unwrap();
        let h = b.add_infoset(0, "", s(&["x", "y", "z"])).unwrap();
        b.decision("", h, None).unwrap();
        for v in [2, 5, 5] {
            let o = b.add_outcome("", vec![q(v), q(0)]).unwrap();
            b.terminal("", Some(o)).unwrap();
        }
        let t = b.finish().unwrap();
        let sol = solve_lemke(&t).unwrap();
        assert_eq!(sol.equilibria[0].payoffs, vec![q(5), q(0)]);
        assert!(matches!(solve_lp(&t), Err(Error::Unsupported { .. })));
    }

    #[test]
    fn lemke_on_a_perfect_information_tree() {
        let t = sequential_chicken();
        let sf = SequenceForm::new(&t).unwrap();
        let (plans, _) = lemke_plans(&sf).unwrap();
        assert!(sf.check_plans(&plans).is_ok());
        assert_eq!(sf.max_regret(&plans), q(0));
        assert!(matches!(solve_lp(&t), Err(Error::Unsupported { .. })));
    }
}
