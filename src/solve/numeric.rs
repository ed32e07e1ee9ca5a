//! Float evaluation of N-player games for the approximate solvers (`logit`, polishing).
//!
//! A [`FloatGame`] holds the payoff tensor as `f64` and evaluates, for a mixed profile stored
//! flat (player 1's strategies, then player 2's, ...), every strategy's expected payoff and
//! the derivatives of those payoffs. Floats live only here and in the solvers that use them;
//! every reported answer is re-checked in exact arithmetic ([`super::polish`]).

use crate::game::NormalForm;
use crate::num::to_f64;

/// A normal-form game with `f64` payoffs, for path following and Newton steps.
#[derive(Debug, Clone)]
pub struct FloatGame {
    /// Number of strategies per player.
    pub shape: Vec<usize>,
    /// Index of player `i`'s first strategy in a flat profile.
    pub offsets: Vec<usize>,
    /// Total number of strategies (length of a flat profile).
    pub total: usize,
    /// `payoffs[profile * n + i]`, Gambit order.
    payoffs: Vec<f64>,
    num_profiles: usize,
    /// Largest payoff minus smallest payoff (1 if all payoffs are equal).
    pub range: f64,
}

impl FloatGame {
    /// The number of pure profiles.
    pub fn num_profiles(&self) -> usize {
        self.num_profiles
    }

    /// Converts an exact game.
    pub fn new(game: &NormalForm) -> FloatGame {
        let shape = game.shape();
        let mut offsets = Vec::with_capacity(shape.len());
        let mut total = 0;
        for &m in &shape {
            offsets.push(total);
            total += m;
        }
        let payoffs: Vec<f64> = game.flat_payoffs().iter().map(to_f64).collect();
        let (lo, hi) = payoffs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
        let range = if hi > lo { hi - lo } else { 1.0 };
        FloatGame { shape, offsets, total, payoffs, num_profiles: game.num_profiles(), range }
    }

    /// The game restricted to the strategies `support[i]` of each player in `keep`, the other
    /// players being held at their only support strategy (`support[i]` must then have one
    /// element) and left out: the payoffs are the kept players'. Its [`Self::range`] stays this
    /// game's. Costs the restricted game's size plus the number of players.
    pub fn restrict(&self, support: &[Vec<usize>], keep: &[usize]) -> FloatGame {
        let n = self.num_players();
        let mut strides = Vec::with_capacity(n);
        let mut stride = 1;
        for &m in &self.shape {
            strides.push(stride);
            stride *= m;
        }
        let mut kept = vec![false; n];
        for &i in keep {
            kept[i] = true;
        }
        let base: usize = (0..n).filter(|&i| !kept[i]).map(|i| support[i][0] * strides[i]).sum();
        let shape: Vec<usize> = keep.iter().map(|&i| support[i].len()).collect();
        let mut offsets = Vec::with_capacity(keep.len());
        let mut total = 0;
        for &m in &shape {
            offsets.push(total);
            total += m;
        }
        let num_profiles: usize = shape.iter().product();
        let mut payoffs = Vec::with_capacity(num_profiles * keep.len());
        let mut digits = vec![0usize; keep.len()];
        for _ in 0..num_profiles {
            let idx = base + keep.iter().zip(&digits).map(|(&i, &d)| support[i][d] * strides[i]).sum::<usize>();
            payoffs.extend(keep.iter().map(|&i| self.payoffs[idx * n + i]));
            for (d, &m) in digits.iter_mut().zip(&shape) {
                *d += 1;
                if *d < m {
                    break;
                }
                *d = 0;
            }
        }
        FloatGame { shape, offsets, total, payoffs, num_profiles, range: self.range }
    }

    /// A copy with every payoff moved by `noise()` times the payoff range (`range` unchanged):
    /// a nearby generic game for path followers that degenerate games trip up.
    pub fn perturbed(&self, mut noise: impl FnMut() -> f64) -> FloatGame {
        let mut g = self.clone();
        for x in &mut g.payoffs {
            *x += noise() * self.range;
        }
        g
    }

    /// Number of players.
    pub fn num_players(&self) -> usize {
        self.shape.len()
    }

    /// Calls `f(digits, payoffs)` for every pure profile, digits in Gambit order.
    fn for_each_profile(&self, mut f: impl FnMut(&[usize], &[f64])) {
        let n = self.num_players();
        let mut digits = vec![0usize; n];
        for idx in 0..self.num_profiles {
            f(&digits, &self.payoffs[idx * n..(idx + 1) * n]);
            for (d, &m) in digits.iter_mut().zip(&self.shape) {
                *d += 1;
                if *d < m {
                    break;
                }
                *d = 0;
            }
        }
    }

    /// `V[off_i + j]`: player `i`'s expected payoff from strategy `j` against the others' mix `p`.
    pub fn values(&self, p: &[f64]) -> Vec<f64> {
        let n = self.num_players();
        let mut v = vec![0.0; self.total];
        let mut prefix = vec![1.0; n + 1];
        let mut suffix = vec![1.0; n + 1];
        self.for_each_profile(|s, u| {
            for i in 0..n {
                prefix[i + 1] = prefix[i] * p[self.offsets[i] + s[i]];
            }
            for i in (0..n).rev() {
                suffix[i] = suffix[i + 1] * p[self.offsets[i] + s[i]];
            }
            for i in 0..n {
                let w = prefix[i] * suffix[i + 1];
                if w != 0.0 {
                    v[self.offsets[i] + s[i]] += w * u[i];
                }
            }
        });
        v
    }

    /// Strategy values and their derivatives: `jac[a * total + b]` is the derivative of
    /// `V[a]` with respect to the probability `p[b]` (zero when `a` and `b` belong to the same
    /// player, since a player's own mix does not enter its strategy values).
    pub fn values_and_jacobian(&self, p: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let n = self.num_players();
        let t = self.total;
        let mut v = vec![0.0; t];
        let mut jac = vec![0.0; t * t];
        let probs: Vec<f64> = vec![0.0; n];
        let mut probs = probs;
        self.for_each_profile(|s, u| {
            for i in 0..n {
                probs[i] = p[self.offsets[i] + s[i]];
            }
            for i in 0..n {
                let a = self.offsets[i] + s[i];
                let mut w_i = 1.0;
                for (m, &q) in probs.iter().enumerate() {
                    if m != i {
                        w_i *= q;
                    }
                }
                v[a] += w_i * u[i];
                for k in 0..n {
                    if k == i {
                        continue;
                    }
                    let mut w = 1.0;
                    for (m, &q) in probs.iter().enumerate() {
                        if m != i && m != k {
                            w *= q;
                        }
                    }
                    if w != 0.0 {
                        jac[a * t + self.offsets[k] + s[k]] += w * u[i];
                    }
                }
            }
        });
        (v, jac)
    }

    /// The largest regret of `p` in floats (best strategy value minus expected payoff).
    pub fn max_regret(&self, p: &[f64]) -> f64 {
        let v = self.values(p);
        (0..self.num_players())
            .map(|i| {
                let r = self.offsets[i]..self.offsets[i] + self.shape[i];
                let best = v[r.clone()].iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let exp: f64 = r.map(|a| v[a] * p[a]).sum();
                best - exp
            })
            .fold(0.0, f64::max)
    }

    /// Splits a flat profile into per-player vectors.
    pub fn split(&self, p: &[f64]) -> Vec<Vec<f64>> {
        (0..self.num_players()).map(|i| p[self.offsets[i]..self.offsets[i] + self.shape[i]].to_vec()).collect()
    }

    /// The uniform profile (flat).
    pub fn uniform(&self) -> Vec<f64> {
        self.shape.iter().flat_map(|&m| std::iter::repeat_n(1.0 / m as f64, m)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::fixtures::chicken;

    #[test]
    fn values_and_jacobian_agree_with_exact_values() {
        let g = chicken();
        let fg = FloatGame::new(&g);
        let p = [0.25, 0.75, 0.5, 0.5];
        let v = fg.values(&p);
        let (v2, jac) = fg.values_and_jacobian(&p);
        assert_eq!(v, v2);
        // Finite differences: V is linear in each other player's probabilities.
        for b in 0..4 {
            let mut q = p;
            q[b] += 1.0;
            let vq = fg.values(&q);
            for a in 0..4 {
                assert!((vq[a] - v[a] - jac[a * 4 + b]).abs() < 1e-12, "a={a} b={b}");
            }
        }
        assert!(fg.max_regret(&p) > 0.0);
    }
}
