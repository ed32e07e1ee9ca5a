//! N-player normal-form games: labels plus a flat tensor of exact payoffs.

use crate::error::{Error, Result};
use crate::num::Q;
use num_traits::Zero;

/// A payoff matrix: rows are player 1's strategies, columns player 2's.
pub type Matrix = Vec<Vec<Q>>;

/// A player: a name and the labels of its pure strategies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// Display name.
    pub name: String,
    /// Strategy labels, in file order.
    pub strategies: Vec<String>,
}

/// A finite game in strategic form with exact payoffs.
///
/// Profiles are indexed in Gambit's order: the first player's strategy varies
/// fastest. `payoffs[profile_index * n + i]` is player `i`'s payoff.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalForm {
    /// Title of the game.
    pub title: String,
    /// Free-text description or comment.
    pub description: String,
    /// Remarks about how the game was read (e.g. repeated labels in a Gambit file, renamed);
    /// reports show them with their own notes.
    pub notes: Vec<String>,
    players: Vec<Player>,
    payoffs: Vec<Q>,
    strides: Vec<usize>,
    num_profiles: usize,
}

impl NormalForm {
    /// Builds a game from players and a payoff function on pure profiles.
    ///
    /// Fails if a player has no strategy, labels repeat, or the game is too big to store.
    pub fn new(
        title: impl Into<String>,
        players: Vec<Player>,
        mut payoff: impl FnMut(&[usize]) -> Vec<Q>,
    ) -> Result<NormalForm> {
        let (strides, num_profiles) = Self::layout(&players)?;
        let n = players.len();
        // Estimated and reserved before the work: a game too large for memory is an error.
        super::budget::check_payoff_budget((num_profiles as u128) * (n as u128), "the game")?;
        let mut payoffs = super::budget::vec_with_capacity(num_profiles * n, "the payoff table")?;
        let mut profile = vec![0usize; n];
        for _ in 0..num_profiles {
            let v = payoff(&profile);
            if v.len() != n {
                return Err(Error::Game(format!("a payoff vector has {} entries for {n} players", v.len())));
            }
            payoffs.extend(v);
            advance(&mut profile, &players);
        }
        Ok(NormalForm {
            title: title.into(),
            description: String::new(),
            notes: Vec::new(),
            players,
            payoffs,
            strides,
            num_profiles,
        })
    }

    /// Builds a game from a flat payoff vector in Gambit order (player 1's strategy fastest,
    /// then all players' payoffs for that profile).
    pub fn from_flat(title: impl Into<String>, players: Vec<Player>, payoffs: Vec<Q>) -> Result<NormalForm> {
        let (strides, num_profiles) = Self::layout(&players)?;
        if payoffs.len() != num_profiles * players.len() {
            return Err(Error::Game(format!(
                "expected {} payoffs ({} profiles x {} players), got {}",
                num_profiles * players.len(),
                num_profiles,
                players.len(),
                payoffs.len()
            )));
        }
        Ok(NormalForm {
            title: title.into(),
            description: String::new(),
            notes: Vec::new(),
            players,
            payoffs,
            strides,
            num_profiles,
        })
    }

    fn layout(players: &[Player]) -> Result<(Vec<usize>, usize)> {
        if players.is_empty() {
            return Err(Error::Game("a game needs at least one player".into()));
        }
        let mut seen = std::collections::HashSet::new();
        for p in players {
            if !seen.insert(p.name.as_str()) {
                return Err(Error::Game(format!("player name `{}` is used twice", p.name)));
            }
            if p.strategies.is_empty() {
                return Err(Error::Game(format!("player `{}` has no strategies", p.name)));
            }
            let mut s = std::collections::HashSet::new();
            for l in &p.strategies {
                if !s.insert(l.as_str()) {
                    return Err(Error::Game(format!("player `{}` has strategy `{l}` twice", p.name)));
                }
            }
        }
        let mut strides = Vec::with_capacity(players.len());
        let mut total: usize = 1;
        for p in players {
            strides.push(total);
            total = total
                .checked_mul(p.strategies.len())
                .filter(|t| t.saturating_mul(players.len()) <= 50_000_000)
                .ok_or_else(|| {
                    Error::TooLarge(format!(
                        "the game has more than 50 million payoff entries ({} players, strategies {:?}); too large to store",
                        players.len(),
                        players.iter().map(|p| p.strategies.len()).collect::<Vec<_>>()
                    ))
                })?;
        }
        Ok((strides, total))
    }

    /// Number of players.
    pub fn num_players(&self) -> usize {
        self.players.len()
    }

    /// The players.
    pub fn players(&self) -> &[Player] {
        &self.players
    }

    /// Number of strategies of each player.
    pub fn shape(&self) -> Vec<usize> {
        self.players.iter().map(|p| p.strategies.len()).collect()
    }

    /// Number of strategies of player `i`.
    pub fn num_strategies(&self, i: usize) -> usize {
        self.players[i].strategies.len()
    }

    /// Number of pure profiles.
    pub fn num_profiles(&self) -> usize {
        self.num_profiles
    }

    /// Flat index of a pure profile.
    pub fn profile_index(&self, profile: &[usize]) -> usize {
        profile.iter().zip(&self.strides).map(|(s, k)| s * k).sum()
    }

    /// The pure profile with flat index `idx`.
    pub fn profile_at(&self, mut idx: usize) -> Vec<usize> {
        self.players
            .iter()
            .map(|p| {
                let k = p.strategies.len();
                let s = idx % k;
                idx /= k;
                s
            })
            .collect()
    }

    /// Stride of player `i`'s strategy in the flat profile index.
    pub fn stride(&self, i: usize) -> usize {
        self.strides[i]
    }

    /// Payoff of player `i` at a pure profile.
    pub fn payoff(&self, profile: &[usize], i: usize) -> &Q {
        &self.payoffs[self.profile_index(profile) * self.players.len() + i]
    }

    /// All players' payoffs at the profile with flat index `idx`.
    pub fn payoffs_at(&self, idx: usize) -> &[Q] {
        let n = self.players.len();
        &self.payoffs[idx * n..(idx + 1) * n]
    }

    /// The flat payoff vector (Gambit order).
    pub fn flat_payoffs(&self) -> &[Q] {
        &self.payoffs
    }

    /// Iterates over all pure profiles in Gambit order.
    pub fn profiles(&self) -> impl Iterator<Item = Vec<usize>> + '_ {
        (0..self.num_profiles).map(|i| self.profile_at(i))
    }

    /// If every profile's payoffs sum to the same constant, that constant.
    pub fn constant_sum(&self) -> Option<Q> {
        let n = self.players.len();
        let first: Q = self.payoffs[..n].iter().sum();
        self.payoffs.chunks(n).all(|c| c.iter().sum::<Q>() == first).then_some(first)
    }

    /// The two payoff matrices `(A, B)` of a two-player game, rows = player 1's strategies.
    pub fn bimatrix(&self) -> Option<(Matrix, Matrix)> {
        if self.players.len() != 2 {
            return None;
        }
        let (m, n) = (self.num_strategies(0), self.num_strategies(1));
        let a = (0..m).map(|i| (0..n).map(|j| self.payoff(&[i, j], 0).clone()).collect()).collect();
        let b = (0..m).map(|i| (0..n).map(|j| self.payoff(&[i, j], 1).clone()).collect()).collect();
        Some((a, b))
    }

    /// A copy of the game keeping only the listed strategies of each player (in the given order).
    pub fn restrict(&self, keep: &[Vec<usize>]) -> NormalForm {
        let players: Vec<Player> = self
            .players
            .iter()
            .zip(keep)
            .map(|(p, k)| Player {
                name: p.name.clone(),
                strategies: k.iter().map(|&s| p.strategies[s].clone()).collect(),
            })
            .collect();
        let n = self.players.len();
        let mut payoffs = Vec::new();
        let mut sub = vec![0usize; n];
        let total: usize = keep.iter().map(Vec::len).product();
        for _ in 0..total {
            let full: Vec<usize> = sub.iter().zip(keep).map(|(&s, k)| k[s]).collect();
            let idx = self.profile_index(&full);
            payoffs.extend_from_slice(self.payoffs_at(idx));
            advance(&mut sub, &players);
        }
        let (strides, num_profiles) = Self::layout(&players).unwrap_or((vec![1; n], total));
        NormalForm {
            title: self.title.clone(),
            description: self.description.clone(),
            notes: self.notes.clone(),
            players,
            payoffs,
            strides,
            num_profiles,
        }
    }

    /// True if every payoff is zero-sum (a convenience for solvers).
    pub fn is_zero_sum(&self) -> bool {
        self.constant_sum().is_some_and(|c| c.is_zero())
    }
}

/// Advances a mixed-radix counter (first digit fastest).
pub(crate) fn advance(profile: &mut [usize], players: &[Player]) {
    for (s, p) in profile.iter_mut().zip(players) {
        *s += 1;
        if *s < p.strategies.len() {
            return;
        }
        *s = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::q;

    pub(crate) fn pd() -> NormalForm {
        let players = vec![
            Player { name: "Row".into(), strategies: vec!["C".into(), "D".into()] },
            Player { name: "Col".into(), strategies: vec!["C".into(), "D".into()] },
        ];
        NormalForm::new("PD", players, |p| match (p[0], p[1]) {
            (0, 0) => vec![q(3), q(3)],
            (0, 1) => vec![q(0), q(5)],
            (1, 0) => vec![q(5), q(0)],
            _ => vec![q(1), q(1)],
        })
        .unwrap()
    }

    #[test]
    fn indexing_is_gambit_order() {
        let g = pd();
        assert_eq!(g.profile_at(1), vec![1, 0]);
        assert_eq!(g.payoff(&[1, 0], 0), &q(5));
        assert_eq!(g.payoffs_at(2), &[q(0), q(5)]);
        assert_eq!(g.constant_sum(), None);
    }

    #[test]
    fn rejects_duplicates_and_bad_sizes() {
        let p = Player { name: "A".into(), strategies: vec!["x".into(), "x".into()] };
        assert!(NormalForm::from_flat("t", vec![p], vec![q(1), q(2)]).is_err());
        let p = Player { name: "A".into(), strategies: vec!["x".into()] };
        assert!(NormalForm::from_flat("t", vec![p], vec![q(1), q(2)]).is_err());
    }

    #[test]
    fn restricts() {
        let g = pd().restrict(&[vec![1], vec![0, 1]]);
        assert_eq!(g.shape(), vec![1, 2]);
        assert_eq!(g.payoff(&[0, 1], 1), &q(1));
    }
}
