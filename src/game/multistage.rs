//! Multistage games with observed actions: one stage game (any number of players, moving at
//! once) played in periods `t = 0, 1, ..., T-1`, every player seeing what was played before.
//!
//! Each pure profile of the stage game (Gambit order: player 1's action varies fastest, as in
//! [`NormalForm`]) is either [`StageOutcome::Stop`] — the game ends with these payoffs — or
//! [`StageOutcome::Continue`] — each player receives its flow payoff for the period and play
//! moves on to period `t + 1`. Period-`t` payoffs are worth `δ^t` at the start (δ in (0, 1]).
//! If play continues past the last period `T - 1`, the players receive the terminal payoffs
//! (worth `δ^T`).
//!
//! The structure is stationary: the stage game is the same in every period, and play moves to
//! the same next period whichever continuing outcome occurred. [`Multistage::expand`] writes the
//! game out as an explicit [`Tree`] (simultaneous moves as information sets) for checking with
//! the tree tools; it refuses games whose tree would exceed a node cap.

use super::normal::{NormalForm, Player};
use super::tree::{Tree, TreeBuilder, TreeError};
use crate::error::Error;
use crate::num::Q;
use num_traits::{One, Signed, Zero};

/// The default cap on the number of nodes [`Multistage::expand`] builds.
pub const MAX_EXPANDED_NODES: u64 = 2_000_000;

/// The most bits of exact discounted payoffs an expanded tree may hold (about 500 MB).
pub const MAX_EXPANDED_BITS: u128 = 4_000_000_000;

/// The most periods a multistage game may have.
pub const MAX_HORIZON: u64 = 10_000_000;

/// What one pure profile of the stage game does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageOutcome {
    /// Each player gets `flow[i]` this period and play moves to the next period.
    Continue {
        /// Payoff per player for this period.
        flow: Vec<Q>,
    },
    /// The game ends with `payoffs[i]` (paid this period).
    Stop {
        /// Final payoff per player.
        payoffs: Vec<Q>,
    },
}

impl StageOutcome {
    /// True for [`StageOutcome::Stop`].
    pub fn is_stop(&self) -> bool {
        matches!(self, StageOutcome::Stop { .. })
    }

    /// The payoff vector (flow or final payoffs).
    pub fn payoffs(&self) -> &[Q] {
        match self {
            StageOutcome::Continue { flow } => flow,
            StageOutcome::Stop { payoffs } => payoffs,
        }
    }
}

/// What is wrong with a multistage game.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MultistageError {
    /// No players.
    #[error("a multistage game needs at least one player")]
    NoPlayers,
    /// Two players share a name.
    #[error("player name `{0}` is used twice")]
    DuplicatePlayer(String),
    /// A player without stage actions.
    #[error("player `{0}` has no stage actions")]
    NoActions(String),
    /// A player lists an action twice.
    #[error("player `{player}` has stage action `{action}` twice")]
    DuplicateAction {
        /// The player.
        player: String,
        /// The repeated label.
        action: String,
    },
    /// The number of stage outcomes is not the number of pure profiles.
    #[error("expected {expected} stage outcomes (one per pure profile), found {found}")]
    OutcomeCount {
        /// Number of profiles.
        expected: usize,
        /// Number given.
        found: usize,
    },
    /// A payoff vector of the wrong length.
    #[error("{what} has {found} payoffs, expected {expected} (one per player)")]
    PayoffCount {
        /// Which payoff vector.
        what: String,
        /// Number of players.
        expected: usize,
        /// Number given.
        found: usize,
    },
    /// δ outside (0, 1].
    #[error("the discount factor must be in (0, 1], found {0}")]
    Discount(Q),
    /// A horizon of zero or too many periods.
    #[error("the horizon must be a whole number of periods from 1 to {max}, found {found}")]
    Horizon {
        /// What was given.
        found: Q,
        /// The largest horizon allowed.
        max: u64,
    },
    /// The stage game has too many profiles.
    #[error("the stage game is too large ({0} pure profiles; at most 1,000,000)")]
    TooLarge(String),
}

impl From<MultistageError> for Error {
    fn from(e: MultistageError) -> Error {
        Error::Game(e.to_string())
    }
}

/// A multistage game with observed actions (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multistage {
    /// Title.
    pub title: String,
    /// Free-text description.
    pub description: String,
    players: Vec<Player>,
    outcomes: Vec<StageOutcome>,
    discount: Q,
    horizon: u64,
    terminal: Vec<Q>,
}

impl Multistage {
    /// Builds and validates a game: `players` with their stage actions, one outcome per pure
    /// profile in Gambit order (player 1's action fastest), δ in (0, 1], `horizon >= 1` periods
    /// and the payoffs at the horizon.
    pub fn new(
        title: impl Into<String>,
        players: Vec<Player>,
        outcomes: Vec<StageOutcome>,
        discount: Q,
        horizon: u64,
        terminal: Vec<Q>,
    ) -> Result<Multistage, MultistageError> {
        if players.is_empty() {
            return Err(MultistageError::NoPlayers);
        }
        let mut profiles: usize = 1;
        for (k, p) in players.iter().enumerate() {
            if players[..k].iter().any(|q| q.name == p.name) {
                return Err(MultistageError::DuplicatePlayer(p.name.clone()));
            }
            if p.strategies.is_empty() {
                return Err(MultistageError::NoActions(p.name.clone()));
            }
            for (j, a) in p.strategies.iter().enumerate() {
                if p.strategies[..j].contains(a) {
                    return Err(MultistageError::DuplicateAction { player: p.name.clone(), action: a.clone() });
                }
            }
            profiles = profiles
                .checked_mul(p.strategies.len())
                .filter(|&x| x <= 1_000_000)
                .ok_or_else(|| MultistageError::TooLarge("more than 1,000,000".into()))?;
        }
        let n = players.len();
        if outcomes.len() != profiles {
            return Err(MultistageError::OutcomeCount { expected: profiles, found: outcomes.len() });
        }
        for (k, o) in outcomes.iter().enumerate() {
            if o.payoffs().len() != n {
                return Err(MultistageError::PayoffCount {
                    what: format!("stage outcome {}", k + 1),
                    expected: n,
                    found: o.payoffs().len(),
                });
            }
        }
        if terminal.len() != n {
            return Err(MultistageError::PayoffCount {
                what: "the terminal payoff".into(),
                expected: n,
                found: terminal.len(),
            });
        }
        if !discount.is_positive() || discount > Q::one() {
            return Err(MultistageError::Discount(discount));
        }
        if horizon == 0 || horizon > MAX_HORIZON {
            return Err(MultistageError::Horizon { found: Q::from_integer(horizon.into()), max: MAX_HORIZON });
        }
        Ok(Multistage {
            title: title.into(),
            description: String::new(),
            players,
            outcomes,
            discount,
            horizon,
            terminal,
        })
    }

    /// Players and their stage action labels.
    pub fn players(&self) -> &[Player] {
        &self.players
    }

    /// Number of players.
    pub fn num_players(&self) -> usize {
        self.players.len()
    }

    /// The stage outcomes in Gambit order (player 1's action fastest).
    pub fn outcomes(&self) -> &[StageOutcome] {
        &self.outcomes
    }

    /// The discount factor δ.
    pub fn discount(&self) -> &Q {
        &self.discount
    }

    /// The number of periods `T` (periods `0..T`).
    pub fn horizon(&self) -> u64 {
        self.horizon
    }

    /// Payoffs if play continues past the last period.
    pub fn terminal(&self) -> &[Q] {
        &self.terminal
    }

    /// The pure profile (one action per player) of outcome index `k`.
    pub fn profile_at(&self, mut k: usize) -> Vec<usize> {
        self.players
            .iter()
            .map(|p| {
                let m = p.strategies.len();
                let a = k % m;
                k /= m;
                a
            })
            .collect()
    }

    /// The outcome index of a pure profile.
    pub fn profile_index(&self, profile: &[usize]) -> usize {
        let mut idx = 0;
        let mut stride = 1;
        for (p, &a) in self.players.iter().zip(profile) {
            idx += a * stride;
            stride *= p.strategies.len();
        }
        idx
    }

    /// `"Hold, Concede"`: the action labels of outcome `k`.
    pub fn profile_label(&self, k: usize) -> String {
        let prof = self.profile_at(k);
        self.players.iter().zip(&prof).map(|(p, &a)| p.strategies[a].as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The actions of player `i` that end the game whatever the others do ("concede" actions):
    /// every outcome in which `i` plays them is a [`StageOutcome::Stop`].
    pub fn stop_actions(&self, i: usize) -> Vec<usize> {
        let Some(p) = self.players.get(i) else { return Vec::new() };
        (0..p.strategies.len())
            .filter(|&a| (0..self.outcomes.len()).all(|k| self.profile_at(k)[i] != a || self.outcomes[k].is_stop()))
            .collect()
    }

    /// True if some outcome continues.
    pub fn has_continuation(&self) -> bool {
        self.outcomes.iter().any(|o| !o.is_stop())
    }

    /// The stage game of a period whose continuation value (the players' payoffs from the next
    /// period on, valued at the next period) is `next`: Stop payoffs on stopping outcomes,
    /// `flow + δ·next` on continuing ones.
    pub fn stage_game(&self, next: &[Q]) -> crate::error::Result<NormalForm> {
        let n = self.num_players();
        if next.len() != n {
            return Err(Error::Internal(format!("{} continuation values for {n} players", next.len())));
        }
        let disc: Vec<Q> = next.iter().map(|v| &self.discount * v).collect();
        let mut flat = Vec::with_capacity(self.outcomes.len() * n);
        for o in &self.outcomes {
            match o {
                StageOutcome::Stop { payoffs } => flat.extend(payoffs.iter().cloned()),
                StageOutcome::Continue { flow } => flat.extend(flow.iter().zip(&disc).map(|(f, d)| f + d)),
            }
        }
        let mut g = NormalForm::from_flat(self.title.clone(), self.players.clone(), flat)?;
        g.description = self.description.clone();
        Ok(g)
    }

    /// The number of nodes of the expanded tree (saturating at `u64::MAX`).
    pub fn expanded_size(&self) -> u64 {
        // One stage: decision nodes at depth k are the products of the earlier players' action
        // counts; then one leaf per profile (a stopping leaf, or the next stage's root).
        let mut stage_decisions: u64 = 0;
        let mut width: u64 = 1;
        for p in &self.players {
            stage_decisions = stage_decisions.saturating_add(width);
            width = width.saturating_mul(p.strategies.len() as u64);
        }
        let stops = self.outcomes.iter().filter(|o| o.is_stop()).count() as u64;
        let cont = self.outcomes.len() as u64 - stops;
        // Subgames in period t: cont^t. Period t < T-1 costs decisions + stops nodes per
        // subgame (its continuing leaves are the next roots); the last period has all leaves.
        let mut total: u64 = 0;
        let mut subgames: u64 = 1;
        for t in 0..self.horizon {
            let per = if t + 1 == self.horizon {
                stage_decisions.saturating_add(width)
            } else {
                stage_decisions.saturating_add(stops)
            };
            total = total.saturating_add(subgames.saturating_mul(per));
            subgames = subgames.saturating_mul(cont);
            if total == u64::MAX || (subgames == 0 && t + 1 < self.horizon) {
                break;
            }
        }
        total
    }

    /// The explicit game tree (see [`Multistage::expand_capped`]) with the default cap
    /// `MAX_EXPANDED_NODES`.
    pub fn expand(&self) -> crate::error::Result<Tree> {
        self.expand_capped(MAX_EXPANDED_NODES)
    }

    /// The explicit game tree: in each period player 1 moves, then player 2 in an information
    /// set spanning player 1's actions, and so on (simultaneous moves); each period's subgame
    /// has its own information sets (actions are observed). All payoffs sit on the leaves,
    /// discounted to period 0 (period-`t` payoffs times `δ^t`). Refuses, with an estimate,
    /// trees of more than `cap` nodes.
    pub fn expand_capped(&self, cap: u64) -> crate::error::Result<Tree> {
        let size = self.expanded_size();
        if size > cap {
            let shown = if size == u64::MAX { "more than 18 quintillion".to_string() } else { size.to_string() };
            return Err(Error::TooLarge(format!(
                "the expanded tree of this multistage game would have {shown} nodes (at most {cap} are built); \
                 solve it directly with `standoff attrition`, or lower the horizon"
            )));
        }
        // Exact payoffs carry δ^t: their size grows linearly with t, so the tree's numbers grow
        // quadratically with the horizon. Refuse what would not fit in a few hundred megabytes.
        let bits_per_period =
            self.discount.numer().bits().saturating_sub(1) + self.discount.denom().bits().saturating_sub(1);
        let payload = (size as u128) * u128::from(self.horizon) * u128::from(bits_per_period) / 2;
        if payload > MAX_EXPANDED_BITS {
            return Err(Error::TooLarge(format!(
                "the expanded tree of this multistage game would have {size} nodes whose exact discounted payoffs \
                 take about {} MB (δ^t has about {} bits at the horizon); solve it directly with \
                 `standoff attrition`, or lower the horizon",
                payload / 8 / 1_000_000,
                u128::from(self.horizon) * u128::from(bits_per_period)
            )));
        }
        let tree_err = |e: TreeError| Error::Game(format!("expanding the multistage game: {e}"));
        let n = self.num_players();
        let names: Vec<String> = self.players.iter().map(|p| p.name.clone()).collect();
        let mut b = TreeBuilder::new(self.title.clone(), names).map_err(tree_err)?;
        // δ^t for t = 0..=T.
        let mut powers: Vec<Q> = Vec::with_capacity(self.horizon as usize + 1);
        let mut d = Q::one();
        for _ in 0..=self.horizon {
            powers.push(d.clone());
            d *= &self.discount;
        }
        /// Player `k`'s node of the subgame `sub` in period `t`, after actions `prefix`.
        struct Frame {
            t: u64,
            sub: usize,
            k: usize,
            prefix: usize,
            stride: usize,
            acc: Vec<Q>,
        }
        // Information sets of each subgame: infosets[sub][k].
        let mut infosets: Vec<Vec<usize>> = Vec::new();
        let mut counters: Vec<u64> = vec![0; self.horizon as usize];
        let mut new_subgame =
            |b: &mut TreeBuilder, infosets: &mut Vec<Vec<usize>>, t: u64| -> crate::error::Result<usize> {
                let c = counters[t as usize];
                counters[t as usize] += 1;
                let suffix = if c == 0 && (self.outcomes.iter().filter(|o| !o.is_stop()).count() <= 1) {
                    String::new()
                } else {
                    format!(" #{}", c + 1)
                };
                let mut sets = Vec::with_capacity(n);
                for (i, p) in self.players.iter().enumerate() {
                    let label = format!("{} t={t}{suffix}", p.name);
                    sets.push(b.add_infoset(i, label, p.strategies.clone()).map_err(tree_err)?);
                }
                infosets.push(sets);
                Ok(infosets.len() - 1)
            };
        let root = new_subgame(&mut b, &mut infosets, 0)?;
        let mut stack = vec![Frame { t: 0, sub: root, k: 0, prefix: 0, stride: 1, acc: vec![Q::zero(); n] }];
        while let Some(Frame { t, sub, k, prefix, stride, acc }) = stack.pop() {
            if k < n {
                let h = infosets[sub][k];
                let label = if k == 0 { format!("t={t}") } else { String::new() };
                b.decision(label, h, None).map_err(tree_err)?;
                let m = self.players[k].strategies.len();
                for a in (0..m).rev() {
                    stack.push(Frame {
                        t,
                        sub,
                        k: k + 1,
                        prefix: prefix + a * stride,
                        stride: stride * m,
                        acc: acc.clone(),
                    });
                }
                continue;
            }
            let w = &powers[t as usize];
            let label = format!("{} @ t={t}", self.profile_label(prefix));
            match &self.outcomes[prefix] {
                StageOutcome::Stop { payoffs } => {
                    let pay: Vec<Q> = acc.iter().zip(payoffs).map(|(a, u)| a + w * u).collect();
                    let o = b.add_outcome(label, pay).map_err(tree_err)?;
                    b.terminal("", Some(o)).map_err(tree_err)?;
                }
                StageOutcome::Continue { flow } => {
                    let acc: Vec<Q> = acc.iter().zip(flow).map(|(a, u)| a + w * u).collect();
                    if t + 1 == self.horizon {
                        let wt = &powers[self.horizon as usize];
                        let pay: Vec<Q> = acc.iter().zip(&self.terminal).map(|(a, u)| a + wt * u).collect();
                        let o = b.add_outcome(format!("{label}, horizon"), pay).map_err(tree_err)?;
                        b.terminal("", Some(o)).map_err(tree_err)?;
                    } else {
                        let next = new_subgame(&mut b, &mut infosets, t + 1)?;
                        stack.push(Frame { t: t + 1, sub: next, k: 0, prefix: 0, stride: 1, acc });
                    }
                }
            }
        }
        let mut tree = b.finish().map_err(tree_err)?;
        tree.description = self.description.clone();
        Ok(tree)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::num::{frac, q};

    pub(crate) fn player(name: &str, actions: &[&str]) -> Player {
        Player { name: name.into(), strategies: actions.iter().map(|s| s.to_string()).collect() }
    }

    /// The discrete war of attrition: prizes `v`, costs `c`, deal value `d` when both concede.
    pub(crate) fn attrition(
        v: [i64; 2],
        c: [i64; 2],
        d: i64,
        discount: Q,
        horizon: u64,
        terminal: [i64; 2],
    ) -> Multistage {
        let players = vec![player("US", &["Concede", "Hold"]), player("DPRK", &["Concede", "Hold"])];
        // Gambit order: (C,C), (H,C), (C,H), (H,H).
        let outcomes = vec![
            StageOutcome::Stop { payoffs: vec![q(d), q(d)] },
            StageOutcome::Stop { payoffs: vec![q(v[0]), q(0)] },
            StageOutcome::Stop { payoffs: vec![q(0), q(v[1])] },
            StageOutcome::Continue { flow: vec![q(-c[0]), q(-c[1])] },
        ];
        Multistage::new("attrition", players, outcomes, discount, horizon, terminal.iter().map(|&x| q(x)).collect())
            .unwrap()
    }

    #[test]
    fn validates() {
        let p = || vec![player("A", &["x", "y"])];
        let stop = || StageOutcome::Stop { payoffs: vec![q(1)] };
        assert_eq!(
            Multistage::new("t", p(), vec![stop()], q(1), 1, vec![q(0)]).unwrap_err(),
            MultistageError::OutcomeCount { expected: 2, found: 1 }
        );
        assert!(matches!(
            Multistage::new("t", p(), vec![stop(), stop()], q(0), 1, vec![q(0)]),
            Err(MultistageError::Discount(_))
        ));
        assert!(matches!(
            Multistage::new("t", p(), vec![stop(), stop()], frac(3, 2), 1, vec![q(0)]),
            Err(MultistageError::Discount(_))
        ));
        assert!(matches!(
            Multistage::new("t", p(), vec![stop(), stop()], q(1), 0, vec![q(0)]),
            Err(MultistageError::Horizon { .. })
        ));
        assert!(matches!(
            Multistage::new("t", p(), vec![stop(), stop()], q(1), 1, vec![]),
            Err(MultistageError::PayoffCount { .. })
        ));
        assert!(matches!(
            Multistage::new("t", p(), vec![stop(), StageOutcome::Continue { flow: vec![] }], q(1), 1, vec![q(0)]),
            Err(MultistageError::PayoffCount { .. })
        ));
        assert_eq!(Multistage::new("t", vec![], vec![], q(1), 1, vec![]).unwrap_err(), MultistageError::NoPlayers);
        assert!(matches!(
            Multistage::new("t", vec![player("A", &["x", "x"])], vec![stop(), stop()], q(1), 1, vec![q(0)]),
            Err(MultistageError::DuplicateAction { .. })
        ));
        assert!(matches!(
            Multistage::new("t", vec![player("A", &[])], vec![], q(1), 1, vec![q(0)]),
            Err(MultistageError::NoActions(_))
        ));
        assert!(Multistage::new("t", p(), vec![stop(), stop()], q(1), 1, vec![q(0)]).is_ok());
    }

    #[test]
    fn stop_actions_and_stage_game() {
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 5, [0, 0]);
        assert_eq!(g.stop_actions(0), vec![0]);
        assert_eq!(g.stop_actions(1), vec![0]);
        assert_eq!(g.profile_label(3), "Hold, Hold");
        assert_eq!(g.profile_index(&[1, 0]), 1);
        let s = g.stage_game(&[q(10), q(0)]).unwrap();
        assert_eq!(s.payoff(&[1, 1], 0), &q(7));
        assert_eq!(s.payoff(&[1, 1], 1), &q(-2));
        assert_eq!(s.payoff(&[1, 0], 0), &q(10));
    }

    #[test]
    fn expands_into_a_tree_with_discounted_leaves() {
        let g = attrition([10, 10], [2, 2], 0, frac(1, 2), 3, [4, 0]);
        // Per period: 1 + 2 decision nodes, 3 stopping leaves; the last period 4 leaves.
        assert_eq!(g.expanded_size(), 6 + 6 + 7);
        let t = g.expand().unwrap();
        assert_eq!(t.num_nodes(), 19);
        assert!(t.perfect_recall().is_ok());
        assert!(!t.is_perfect_information());
        assert_eq!(t.player_infosets(0).len(), 3);
        // Hold forever: -2 - 1 - 1/2 + (1/8) * 4 for the US.
        let hold = crate::game::tree::BehaviorProfile::pure(&t, &[vec![1, 1, 1], vec![1, 1, 1]]);
        assert_eq!(t.expected_payoffs(&hold), vec![frac(-3, 1), frac(-7, 2)]);
        // The DPRK concedes in period 1: -2 + (1/2) * 10 for the US.
        let b = crate::game::tree::BehaviorProfile::pure(&t, &[vec![1, 1, 1], vec![1, 0, 1]]);
        assert_eq!(t.expected_payoffs(&b), vec![q(3), q(-2)]);
        assert!(matches!(g.expand_capped(10), Err(Error::TooLarge(_))));
    }

    #[test]
    fn branching_continuations_are_counted_and_refused() {
        // Two continuing outcomes: the tree doubles every period.
        let players = vec![player("A", &["x", "y"])];
        let outcomes = vec![StageOutcome::Continue { flow: vec![q(1)] }, StageOutcome::Continue { flow: vec![q(2)] }];
        let g = Multistage::new("b", players.clone(), outcomes.clone(), q(1), 3, vec![q(0)]).unwrap();
        assert_eq!(g.expanded_size(), 1 + 2 + 4 * 3);
        let t = g.expand().unwrap();
        assert_eq!(t.num_nodes(), 15);
        assert_eq!(t.player_infosets(0).len(), 7);
        let g = Multistage::new("b", players, outcomes, q(1), 100, vec![q(0)]).unwrap();
        assert_eq!(g.expanded_size(), u64::MAX);
        assert!(matches!(g.expand(), Err(Error::TooLarge(_))));
    }

    #[test]
    fn long_discounted_horizons_are_refused_by_the_size_of_their_numbers() {
        // 100,000 periods fit the node cap (7 nodes a period) but δ^t = (9/10)^t makes the exact
        // payoffs grow with t: refused with an estimate, not expanded for minutes.
        let g = attrition([10, 10], [2, 2], 0, frac(9, 10), 100_000, [0, 0]);
        assert!(g.expanded_size() <= MAX_EXPANDED_NODES);
        let Err(Error::TooLarge(msg)) = g.expand() else { panic!("expected a refusal") };
        assert!(msg.contains("MB"), "{msg}");
        // Undiscounted, or short, it is built.
        assert!(attrition([10, 10], [2, 2], 0, q(1), 20_000, [0, 0]).expand().is_ok());
        assert!(attrition([10, 10], [2, 2], 0, frac(9, 10), 200, [0, 0]).expand().is_ok());
    }
}
