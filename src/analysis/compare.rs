//! Side-by-side comparison of scenarios (or of model files): parameters that differ, equilibria,
//! payoffs, outcome probabilities, regimes, and what changed relative to the first column.
//!
//! Equilibria of two columns are matched by their description (`equilibrium_label`: the same
//! pure profile, or a mixed equilibrium with the same supports), so "what changed" can say that
//! the mixed equilibrium's `US:Concede` went from 1/2 to 5/7.
//!
//! Game trees are solved with [`solve_tree`] (subgame-perfect equilibria by default) and
//! described by their path of play (`tree_equilibrium_label`); their strategies are the reduced
//! strategic form's (`Offer`, `Comply/Exploit`, ...) and their outcomes are the tree's leaves,
//! named by the moves that lead there (`Offer > Comply`).

use super::regime::{equilibrium_label, tree_equilibrium_label, tree_regime_label, ClassCache};
use super::sweep::solve_game;
use crate::error::Result;
use crate::game::reduce::reduce;
use crate::game::tree::{BehaviorProfile, NodeKind, Tree};
use crate::game::{NormalForm, Player};
use crate::num::{fmt_q, Q};
use crate::solve::tree::solve_tree;
use crate::solve::Method;
use crate::solve::{Equilibrium, SolveOptions};
use num_traits::{One, Signed, Zero};

/// The most outcomes (pure profiles or leaves) listed per column.
pub const MAX_OUTCOMES: usize = 64;

/// The game of one input.
#[derive(Debug, Clone)]
pub enum InputGame {
    /// A normal-form game.
    Normal(NormalForm),
    /// A game tree.
    Tree(Box<Tree>),
}

/// One thing to compare: a game with the parameter values it was built from.
#[derive(Debug, Clone)]
pub struct Input {
    /// Column label (scenario name, file name, or both).
    pub label: String,
    /// The parameter values used, in declaration order.
    pub parameters: Vec<(String, Q)>,
    /// The game.
    pub game: InputGame,
}

/// One solved column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Column label.
    pub label: String,
    /// Parameter values used.
    pub parameters: Vec<(String, Q)>,
    /// Players and strategies.
    pub players: Vec<Player>,
    /// The equilibria, in the order of `standoff solve`.
    pub equilibria: Vec<Equilibrium>,
    /// Description of each equilibrium (see `equilibrium_label`, `tree_equilibrium_label`).
    pub labels: Vec<String>,
    /// Every outcome's name: pure profiles `A/B` (when at most [`MAX_OUTCOMES`]) or a tree's
    /// leaves `Offer > Comply`.
    pub outcome_names: Vec<String>,
    /// Per equilibrium, the probability of each outcome that has positive probability.
    pub outcomes: Vec<Vec<(String, Q)>>,
    /// The regime (see `super::regime`).
    pub regime: String,
}

/// A parameter whose value is not the same in every column.
#[derive(Debug, Clone, PartialEq)]
pub struct DifferingParameter {
    /// Name.
    pub name: String,
    /// Value per column (`None` where the column's model has no such parameter).
    pub values: Vec<Option<Q>>,
}

/// The comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The columns, in the order given.
    pub columns: Vec<Column>,
    /// Parameters that differ between columns, in order of first declaration.
    pub differing: Vec<DifferingParameter>,
    /// Per column after the first: sentences saying what changed relative to the first column.
    pub changes: Vec<Vec<String>>,
}

/// The probability of each pure profile under an equilibrium (positive ones), labelled `A/B`.
pub fn outcome_probabilities(players: &[Player], eq: &Equilibrium) -> Vec<(String, Q)> {
    let (outs, _) = eq.profile.outcomes(64);
    outs.into_iter()
        .map(|(prof, p)| {
            let labels: Vec<&str> = prof
                .iter()
                .enumerate()
                .map(|(i, &s)| players.get(i).and_then(|pl| pl.strategies.get(s)).map_or("?", String::as_str))
                .collect();
            (labels.join("/"), p)
        })
        .collect()
}

/// Solves every input with `method` and compares them.
pub fn compare(inputs: Vec<Input>, method: Method) -> Result<Comparison> {
    let classes = ClassCache::new();
    let mut columns = Vec::with_capacity(inputs.len());
    for input in inputs {
        columns.push(match input.game {
            InputGame::Normal(game) => {
                let (equilibria, regime) = solve_game(&game, method, &classes)?;
                let players = game.players().to_vec();
                let labels = equilibria.iter().map(|e| equilibrium_label(&players, &e.profile)).collect();
                let outcomes = equilibria.iter().map(|e| outcome_probabilities(&players, e)).collect();
                let outcome_names = profile_names(&players);
                Column {
                    label: input.label,
                    parameters: input.parameters,
                    players,
                    equilibria,
                    labels,
                    outcome_names,
                    outcomes,
                    regime,
                }
            }
            InputGame::Tree(tree) => tree_column(input.label, input.parameters, &tree, method)?,
        });
    }
    let mut names: Vec<&str> = Vec::new();
    for c in &columns {
        for (n, _) in &c.parameters {
            if !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
    }
    let differing = names
        .iter()
        .filter_map(|n| {
            let values: Vec<Option<Q>> =
                columns.iter().map(|c| c.parameters.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone())).collect();
            let same = values.windows(2).all(|w| w[0] == w[1]);
            (!same).then(|| DifferingParameter { name: n.to_string(), values })
        })
        .collect::<Vec<_>>();
    let changes = columns.iter().skip(1).map(|c| changes(&columns[0], c)).collect();
    Ok(Comparison { columns, differing, changes })
}

/// The names of all pure profiles (`A/B`, player 1 fastest), if there are at most [`MAX_OUTCOMES`].
fn profile_names(players: &[Player]) -> Vec<String> {
    let total = players.iter().try_fold(1usize, |acc, p| acc.checked_mul(p.strategies.len()));
    match total {
        Some(t) if t <= MAX_OUTCOMES => (0..t)
            .map(|mut idx| {
                let labels: Vec<&str> = players
                    .iter()
                    .map(|p| {
                        let s = idx % p.strategies.len();
                        idx /= p.strategies.len();
                        p.strategies[s].as_str()
                    })
                    .collect();
                labels.join("/")
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Solves a tree and describes it as a column (strategies of the reduced strategic form).
fn tree_column(label: String, parameters: Vec<(String, Q)>, tree: &Tree, method: Method) -> Result<Column> {
    let solution = solve_tree(tree, method, &SolveOptions::default())?;
    let reduced = match &solution.reduced {
        Some(r) => r.clone(),
        None => reduce(tree)?,
    };
    let players = reduced.game.players().to_vec();
    let regime = tree_regime_label(tree, &solution);
    let equilibria: Vec<Equilibrium> = solution
        .equilibria
        .iter()
        .map(|e| Equilibrium { profile: reduced.mixed_of(&e.behavior), payoffs: e.payoffs.clone() })
        .collect();
    let labels = solution.equilibria.iter().map(|e| tree_equilibrium_label(tree, &e.behavior)).collect();
    let leaves = leaf_names(tree);
    let outcomes = solution
        .equilibria
        .iter()
        .map(|e| {
            leaf_probabilities(tree, &e.behavior)
                .into_iter()
                .zip(&leaves)
                .filter(|(p, _)| p.is_positive())
                .map(|(p, name)| (name.clone(), p))
                .collect()
        })
        .collect();
    let outcome_names = if leaves.len() <= MAX_OUTCOMES { leaves } else { Vec::new() };
    Ok(Column { label, parameters, players, equilibria, labels, outcome_names, outcomes, regime })
}

/// The leaves of `tree` in preorder, each named by the moves (chance moves included) from the root.
pub fn leaf_names(tree: &Tree) -> Vec<String> {
    let mut path: Vec<Vec<String>> = vec![Vec::new(); tree.num_nodes()];
    let mut out = Vec::new();
    for n in tree.preorder() {
        if let Some(p) = tree.parent(n) {
            let a = tree.action_into(n).unwrap_or(0);
            let mut here = path[p].clone();
            here.push(tree.actions(p).get(a).cloned().unwrap_or_default());
            path[n] = here;
        }
        if tree.kind(n) == NodeKind::Terminal {
            out.push(if path[n].is_empty() { "(root)".to_string() } else { path[n].join(" > ") });
        }
    }
    out
}

/// The probability of reaching each leaf (preorder) under `behavior`.
pub fn leaf_probabilities(tree: &Tree, behavior: &BehaviorProfile) -> Vec<Q> {
    let mut reach: Vec<Q> = vec![Q::zero(); tree.num_nodes()];
    let mut out = Vec::new();
    for n in tree.preorder() {
        reach[n] = match tree.parent(n) {
            None => Q::one(),
            Some(p) => {
                let a = tree.action_into(n).unwrap_or(0);
                let prob = match tree.kind(p) {
                    NodeKind::Decision { infoset } => {
                        let h = &tree.infosets()[infoset];
                        behavior.probs.get(h.player).and_then(|x| x.get(h.local)).and_then(|x| x.get(a)).cloned()
                    }
                    NodeKind::Chance { chance } => tree.chances()[chance].probs.get(a).cloned(),
                    NodeKind::Terminal => None,
                };
                &reach[p] * prob.unwrap_or_default()
            }
        };
        if tree.kind(n) == NodeKind::Terminal {
            out.push(reach[n].clone());
        }
    }
    out
}

/// What changed from `a` to `b`, in sentences.
fn changes(a: &Column, b: &Column) -> Vec<String> {
    let mut out = Vec::new();
    for (n, vb) in &b.parameters {
        let va = a.parameters.iter().find(|(k, _)| k == n).map(|(_, v)| v);
        if va != Some(vb) {
            out.push(format!("{n}: {} -> {}", va.map_or("(none)".into(), fmt_q), fmt_q(vb)));
        }
    }
    if a.regime == b.regime {
        out.push(format!("regime unchanged: {}", a.regime));
    } else {
        out.push(format!("regime: {} -> {}", a.regime, b.regime));
    }
    let same_game = a.players == b.players;
    for (k, l) in b.labels.iter().enumerate() {
        match a.labels.iter().position(|x| x == l) {
            None => out.push(format!("new equilibrium: {l}")),
            Some(j) if same_game && a.labels.iter().filter(|x| *x == l).count() == 1 => {
                let (ea, eb) = (&a.equilibria[j], &b.equilibria[k]);
                let mut diffs = Vec::new();
                for (i, p) in b.players.iter().enumerate() {
                    for (s, label) in p.strategies.iter().enumerate() {
                        let (x, y) = (&ea.profile.probs[i][s], &eb.profile.probs[i][s]);
                        if x != y {
                            diffs.push(format!("P({} {label}) {} -> {}", p.name, fmt_q(x), fmt_q(y)));
                        }
                    }
                }
                for (i, p) in b.players.iter().enumerate() {
                    if ea.payoffs[i] != eb.payoffs[i] {
                        diffs.push(format!("{} payoff {} -> {}", p.name, fmt_q(&ea.payoffs[i]), fmt_q(&eb.payoffs[i])));
                    }
                }
                let (oa, ob) = (&a.outcomes[j], &b.outcomes[k]);
                for (name, y) in ob {
                    let x = oa.iter().find(|(n, _)| n == name).map(|(_, p)| p.clone()).unwrap_or_default();
                    if &x != y {
                        diffs.push(format!("P({name}) {} -> {}", fmt_q(&x), fmt_q(y)));
                    }
                }
                if !diffs.is_empty() {
                    out.push(format!("{l}: {}", diffs.join("; ")));
                }
            }
            Some(_) => {}
        }
    }
    for l in &a.labels {
        if !b.labels.contains(l) {
            out.push(format!("equilibrium gone: {l}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, Settings};
    use crate::num::{frac, q};

    fn input(m: &Model, scenario: Option<&str>) -> Input {
        let settings = Settings { scenario: scenario.map(String::from), set: vec![] };
        Input {
            label: scenario.unwrap_or("defaults").into(),
            parameters: m.named_values(&settings).unwrap(),
            game: InputGame::Normal(m.game(&settings).unwrap()),
        }
    }

    #[test]
    fn coalition_pressure_moves_the_us() {
        let m = Model::parse("standoff.toml", include_str!("../../models/standoff.toml")).unwrap();
        let c =
            compare(vec![input(&m, None), input(&m, Some("coalition_pressure"))], crate::solve::Method::Auto).unwrap();
        assert_eq!(c.differing.len(), 1);
        assert_eq!(c.differing[0].name, "dprk_standoff");
        assert_eq!(c.differing[0].values, vec![Some(q(-1)), Some(q(-4))]);
        let ch = &c.changes[0];
        let mixed = ch.iter().find(|s| s.starts_with("mixed(")).unwrap();
        assert!(mixed.contains("P(US Concede) 1/2 -> 5/7"), "{mixed}");
        assert!(mixed.contains("DPRK payoff 3/2 -> 12/7"), "{mixed}");
        assert!(mixed.contains("P(Hold/Hold) 1/3 -> 4/21"), "{mixed}");
        assert!(!mixed.contains("DPRK Concede"), "the DPRK's mix stays at 1/3: {mixed}");
        let mix = &c.columns[1].equilibria.iter().find(|e| e.profile.as_pure().is_none()).unwrap();
        assert_eq!(mix.profile.probs[0][0], frac(5, 7));
    }

    #[test]
    fn hawkish_us_loses_equilibria() {
        let m = Model::parse("standoff.toml", include_str!("../../models/standoff.toml")).unwrap();
        let c = compare(vec![input(&m, None), input(&m, Some("hawkish_us"))], crate::solve::Method::Auto).unwrap();
        let ch = &c.changes[0];
        assert!(ch.iter().any(|s| s == "equilibrium gone: Concede/Hold"), "{ch:?}");
        assert!(ch.iter().any(|s| s.starts_with("equilibrium gone: mixed(")), "{ch:?}");
        assert_eq!(c.columns[1].labels, vec!["Hold/Concede"]);
    }
}
