//! Regime labels: a short name for the qualitative outcome of a game, stable across parameter values.
//!
//! A regime names, for every equilibrium, which pure profile is played (`Concede/Hold`: one label
//! per player, joined by `/`) or, for a mixed equilibrium, its supports
//! (`mixed(Concede+Hold/Concede+Hold)`). The descriptions are sorted (pure ones first) and
//! de-duplicated, then joined by `; `. If some equilibria are not isolated (a continuum), ` {continuum}`
//! follows, and for a 2x2 game its ordinal class in brackets: `Concede/Hold; Hold/Concede;
//! mixed(Concede+Hold/Concede+Hold) [Chicken]`.
//!
//! For a game tree, an equilibrium is described by the actions chosen at the information sets that
//! are reached with positive probability, in the order they are first reached (depth first):
//! `Offer > Comply`; with mixing, the supports: `mixed(Offer+Hold > Comply)`. Moves off the path
//! of play are not part of the label.
//!
//! Two parameter values have the same regime exactly when these strings are equal, so the strings
//! can key the colours of a regime map. Probabilities and payoffs are *not* part of the label: they
//! vary continuously inside a regime.

use super::classify::classify_2x2;
use crate::game::tree::{BehaviorProfile, NodeKind, Tree};
use crate::game::{MixedProfile, NormalForm, Player};
use crate::num::Q;
use crate::solve::tree::TreeSolution;
use crate::solve::Solution;
use num_traits::Signed;
use std::collections::HashMap;
use std::sync::RwLock;

/// The description of one equilibrium: `Concede/Hold` or `mixed(Concede+Hold/Hold)`.
pub fn equilibrium_label(players: &[Player], profile: &MixedProfile) -> String {
    let label = |i: usize, s: usize| {
        players.get(i).and_then(|p| p.strategies.get(s)).cloned().unwrap_or_else(|| format!("#{}", s + 1))
    };
    if let Some(pure) = profile.as_pure() {
        return pure.iter().enumerate().map(|(i, &s)| label(i, s)).collect::<Vec<_>>().join("/");
    }
    let parts: Vec<String> = profile
        .probs
        .iter()
        .enumerate()
        .map(|(i, p)| (0..p.len()).filter(|&s| p[s].is_positive()).map(|s| label(i, s)).collect::<Vec<_>>().join("+"))
        .collect();
    format!("mixed({})", parts.join("/"))
}

/// The description of one equilibrium of a tree: `Offer > Comply` or `mixed(Offer+Hold > Comply)`
/// (see the module docs). A tree without moves on the path of play gives `(no moves)`.
///
/// A chance move on the path shows each of its branches with positive probability in the path
/// notation of `output::path` without the probability (`[chance: Pragmatic]`), followed
/// by the moves below it; branches are separated by ` | `:
/// `[chance: Pragmatic] > Offer > Comply | [chance: Resolute] > Offer > Exploit`. The probability is
/// left out because, like payoffs, it varies continuously inside a regime (a parameter may set it).
/// Within each chance branch an information set is listed once, at its first reached node.
pub fn tree_equilibrium_label(tree: &Tree, behavior: &BehaviorProfile) -> String {
    let n_nodes = tree.num_nodes();
    let mut reached = vec![false; n_nodes];
    // The chance branch a node lies in (the child of the nearest chance ancestor; the root if none).
    let mut scope = vec![0usize; n_nodes];
    let mut seen: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let mut chance_started = vec![false; n_nodes];
    let mut parts: Vec<(bool, String)> = Vec::new();
    let mut mixed = false;
    for n in tree.preorder() {
        let here = tree.parent(n).is_none_or(|p| reached[p] && reached_child(tree, behavior, p, n));
        reached[n] = here;
        scope[n] = match tree.parent(n) {
            Some(p) if matches!(tree.kind(p), NodeKind::Chance { .. }) => n,
            Some(p) => scope[p],
            None => n,
        };
        if !here {
            continue;
        }
        if let Some(p) = tree.parent(n) {
            if matches!(tree.kind(p), NodeKind::Chance { .. }) {
                let label = tree.action_into(n).and_then(|a| tree.actions(p).get(a).cloned());
                let label = label.unwrap_or_default();
                // The second and later branches of one chance move start a new alternative.
                let alternative = chance_started[p];
                chance_started[p] = true;
                parts.push((alternative, format!("[chance: {label}]")));
            }
        }
        if let NodeKind::Decision { infoset } = tree.kind(n) {
            if !seen.insert((scope[n], infoset)) {
                continue;
            }
            let h = &tree.infosets()[infoset];
            let Some(probs) = behavior.probs.get(h.player).and_then(|p| p.get(h.local)) else { continue };
            let support: Vec<&str> = tree
                .infoset_actions(infoset)
                .iter()
                .zip(probs)
                .filter(|(_, p)| p.is_positive())
                .map(|(a, _)| a.as_str())
                .collect();
            mixed |= support.len() > 1;
            parts.push((false, support.join("+")));
        }
    }
    let mut body = String::new();
    for (k, (alternative, text)) in parts.iter().enumerate() {
        if k > 0 {
            body.push_str(if *alternative { " | " } else { " > " });
        }
        body.push_str(text);
    }
    if body.is_empty() {
        body = "(no moves)".to_string();
    }
    if mixed {
        format!("mixed({body})")
    } else {
        body
    }
}

/// Whether the move from `parent` to its child `child` has positive probability.
fn reached_child(tree: &Tree, behavior: &BehaviorProfile, parent: usize, child: usize) -> bool {
    let Some(a) = tree.children(parent).position(|c| c == child) else { return false };
    match tree.kind(parent) {
        NodeKind::Terminal => false,
        NodeKind::Decision { infoset } => {
            let h = &tree.infosets()[infoset];
            behavior
                .probs
                .get(h.player)
                .and_then(|p| p.get(h.local))
                .and_then(|p| p.get(a))
                .is_some_and(|p| p.is_positive())
        }
        NodeKind::Chance { chance } => tree.chances()[chance].probs.get(a).is_some_and(|p| p.is_positive()),
    }
}

/// The regime of a solved tree: its equilibria's descriptions, pure ones first, de-duplicated,
/// joined by `; `, with ` {continuum}` when the reduced form's equilibria form a continuum.
pub fn tree_regime_label(tree: &Tree, solution: &TreeSolution) -> String {
    let labels: Vec<String> = solution.equilibria.iter().map(|e| tree_equilibrium_label(tree, &e.behavior)).collect();
    // Pure ones first, each group in lexicographic order: the solver lists equilibria by payoff,
    // which moves with the parameters, so its order would make one set of equilibria look like
    // several regimes.
    let mut parts: Vec<&String> = labels.iter().filter(|l| !l.starts_with("mixed(")).collect();
    parts.sort();
    let mut mixed: Vec<&String> = labels.iter().filter(|l| l.starts_with("mixed(")).collect();
    mixed.sort();
    parts.extend(mixed);
    let mut unique: Vec<&str> = Vec::with_capacity(parts.len());
    for l in parts {
        if !unique.contains(&l.as_str()) {
            unique.push(l);
        }
    }
    let mut out = if unique.is_empty() { "no equilibrium".to_string() } else { unique.join("; ") };
    if solution.components.iter().any(|c| c.equilibria.len() > 1) {
        out.push_str(" {continuum}");
    }
    out
}

/// Sort key of an equilibrium description: pure ones first, then by the support indices.
fn sort_key(profile: &MixedProfile) -> (bool, Vec<Vec<usize>>) {
    (profile.as_pure().is_none(), profile.supports())
}

/// The regime of a solved game; `class` is the 2x2 class name, if any (see [`ClassCache`]).
pub fn regime_label(game: &NormalForm, solution: &Solution, class: Option<&str>) -> String {
    let mut eqs: Vec<&MixedProfile> = solution.equilibria.iter().map(|e| &e.profile).collect();
    eqs.sort_by_key(|p| sort_key(p));
    let mut parts: Vec<String> = Vec::with_capacity(eqs.len());
    for p in eqs {
        let l = equilibrium_label(game.players(), p);
        if !parts.contains(&l) {
            parts.push(l);
        }
    }
    let mut out = if parts.is_empty() { "no equilibrium".to_string() } else { parts.join("; ") };
    if solution.components.iter().any(|c| c.equilibria.len() > 1) {
        out.push_str(" {continuum}");
    }
    if let Some(c) = class {
        out.push_str(" [");
        out.push_str(c);
        out.push(']');
    }
    out
}

/// Dense ranks (0 = lowest) of one player's payoffs in a 2x2 game: the key of its ordinal type.
fn ranks(values: [&Q; 4]) -> [u8; 4] {
    let mut out = [0u8; 4];
    for (k, v) in values.iter().enumerate() {
        // Count the distinct values below v: each counted at its first occurrence.
        out[k] = (0..4).filter(|&j| values[j] < *v && !values[..j].contains(&values[j])).count() as u8;
    }
    out
}

/// The ordinal key of a two-player 2x2 game given by its flat payoffs (Gambit order).
fn key_of_flat(flat: &[Q]) -> Option<[u8; 8]> {
    if flat.len() != 8 {
        return None;
    }
    // Cells in the order (0,0), (0,1), (1,0), (1,1): flat index of (r, c) is (r + 2c) * 2 + i.
    let cell = |r: usize, c: usize, i: usize| &flat[(r + 2 * c) * 2 + i];
    let k1 = ranks([cell(0, 0, 0), cell(0, 1, 0), cell(1, 0, 0), cell(1, 1, 0)]);
    let k2 = ranks([cell(0, 0, 1), cell(0, 1, 1), cell(1, 0, 1), cell(1, 1, 1)]);
    Some([k1[0], k1[1], k1[2], k1[3], k2[0], k2[1], k2[2], k2[3]])
}

/// A memo of 2x2 class names by ordinal pattern, shared by the threads of a sweep.
///
/// The class of a 2x2 game depends only on each player's ranking of the four outcomes (with
/// ties), so it is computed once per pattern, on a game whose payoffs are those ranks.
#[derive(Debug, Default)]
pub struct ClassCache {
    map: RwLock<HashMap<[u8; 8], Option<String>>>,
    regimes: RwLock<HashMap<[u8; 8], String>>,
}

impl ClassCache {
    /// A new, empty cache.
    pub fn new() -> ClassCache {
        ClassCache::default()
    }

    /// The regime of a **non-degenerate** two-player 2x2 game with flat payoffs `flat`, memoised
    /// by ordinal pattern: `compute` runs once per pattern. (For such games the equilibria's
    /// supports and the class depend only on the pattern, so the label does too.)
    pub fn fast_regime(&self, flat: &[Q], compute: impl FnOnce() -> Option<String>) -> Option<String> {
        self.fast_regime_by_key(key_of_flat(flat)?, compute)
    }

    /// [`ClassCache::fast_regime`] with the ordinal key already computed: each player's dense
    /// ranks of its payoffs at (0,0), (0,1), (1,0), (1,1) (row, column), player 1 then player 2.
    pub fn fast_regime_by_key(&self, key: [u8; 8], compute: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Ok(map) = self.regimes.read() {
            if let Some(r) = map.get(&key) {
                return Some(r.clone());
            }
        }
        let r = compute()?;
        if let Ok(mut map) = self.regimes.write() {
            map.insert(key, r.clone());
        }
        Some(r)
    }

    /// The class name of `game` if it is 2x2 (equal to `classify_2x2(game).name`), else `None`.
    pub fn class_name(&self, game: &NormalForm) -> Option<String> {
        if game.shape() != [2, 2] {
            return None;
        }
        let cell = |r: usize, c: usize, i: usize| game.payoff(&[r, c], i);
        let key_of = |i: usize| ranks([cell(0, 0, i), cell(0, 1, i), cell(1, 0, i), cell(1, 1, i)]);
        let (k1, k2) = (key_of(0), key_of(1));
        let key = [k1[0], k1[1], k1[2], k1[3], k2[0], k2[1], k2[2], k2[3]];
        if let Ok(map) = self.map.read() {
            if let Some(name) = map.get(&key) {
                return name.clone();
            }
        }
        let players = game.players().to_vec();
        let rank_game = NormalForm::new("", players, |p| {
            let cell = p[0] * 2 + p[1];
            vec![Q::from_integer(k1[cell].into()), Q::from_integer(k2[cell].into())]
        })
        .ok();
        let name = rank_game.as_ref().and_then(classify_2x2).map(|c| c.name);
        if let Ok(mut map) = self.map.write() {
            map.insert(key, name.clone());
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::q;
    use crate::solve::{solve, SolveOptions};

    fn game(a: [i64; 4], b: [i64; 4]) -> NormalForm {
        let players = vec![
            Player { name: "US".into(), strategies: vec!["Concede".into(), "Hold".into()] },
            Player { name: "DPRK".into(), strategies: vec!["Concede".into(), "Hold".into()] },
        ];
        NormalForm::new("g", players, |p| {
            let k = p[0] * 2 + p[1];
            vec![q(a[k]), q(b[k])]
        })
        .unwrap()
    }

    #[test]
    fn tree_labels_follow_the_path_of_play() {
        let t = crate::game::tree::tests::sequential_chicken();
        let sol = crate::solve::tree::solve_tree(&t, crate::solve::Method::Spe, &crate::solve::SolveOptions::default())
            .unwrap();
        // The first mover goes Straight; B swerves. B's move after Swerve (Straight: 7 > 6) is off the path.
        assert_eq!(tree_regime_label(&t, &sol), "Straight > Swerve");
        let mixed = BehaviorProfile {
            probs: vec![
                vec![vec![crate::num::frac(1, 2), crate::num::frac(1, 2)]],
                sol.equilibria[0].behavior.probs[1].clone(),
            ],
            unreached: vec![vec![false], vec![false, false]],
        };
        assert_eq!(tree_equilibrium_label(&t, &mixed), "mixed(Swerve+Straight > Straight > Swerve)");
    }

    fn model_tree(src: &str) -> Tree {
        let m = crate::model::Model::parse("m.toml", src).unwrap();
        m.evaluate_tree(&m.default_values()).unwrap()
    }

    #[test]
    fn tree_regime_label_does_not_depend_on_the_solvers_order() {
        // The solver lists SPEs by payoff, which moves with the parameters; attrition's deal_value
        // had 114 "boundaries", most of them only a change of that order.
        let t = model_tree(include_str!("../../models/attrition.toml"));
        let mut sol = crate::solve::tree::solve_tree(&t, crate::solve::Method::Spe, &SolveOptions::default()).unwrap();
        assert!(sol.equilibria.len() >= 3);
        let label = tree_regime_label(&t, &sol);
        sol.equilibria.reverse();
        assert_eq!(tree_regime_label(&t, &sol), label);
        assert!(label.starts_with("Concede > Hold; Hold > Concede; mixed("), "{label}");
    }

    #[test]
    fn chance_moves_are_part_of_tree_labels() {
        let t = model_tree(include_str!("../../models/type_uncertainty.toml"));
        let sol = crate::solve::tree::solve_tree(&t, crate::solve::Method::Spe, &SolveOptions::default()).unwrap();
        assert_eq!(
            tree_regime_label(&t, &sol),
            "[chance: Pragmatic] > Offer > Comply | [chance: Resolute] > Offer > Exploit"
        );
    }

    #[test]
    fn chicken_regime() {
        let g = game([3, 1, 5, 0], [2, 4, 1, -1]);
        let s = solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        let cache = ClassCache::new();
        let class = cache.class_name(&g);
        assert_eq!(class.as_deref(), Some("Chicken"));
        assert_eq!(
            regime_label(&g, &s, class.as_deref()),
            "Concede/Hold; Hold/Concede; mixed(Concede+Hold/Concede+Hold) [Chicken]"
        );
    }

    #[test]
    fn continuum_is_marked() {
        // us_sucker = us_standoff = 0: the US is indifferent when the DPRK holds.
        let g = game([3, 0, 5, 0], [2, 4, 1, -1]);
        let s = solve(&g, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        let r = regime_label(&g, &s, None);
        assert!(r.ends_with("{continuum}"), "{r}");
    }

    #[test]
    fn cached_class_equals_direct_classification() {
        // Every pattern of payoffs in -1..=1 for the row player against a few for the column player.
        let cache = ClassCache::new();
        let vals = [-1i64, 0, 1];
        for code in 0..81 {
            let a = [vals[code % 3], vals[(code / 3) % 3], vals[(code / 9) % 3], vals[(code / 27) % 3]];
            for b in [[2, 4, 1, -1], [0, 0, 1, 1], [3, 1, 3, 1], [1, 2, 3, 4]] {
                // Scale and shift so the cache sees different numbers with the same ranks.
                let g = game(a, b);
                let g2 = game(a.map(|x| 7 * x + 3), b.map(|x| 2 * x - 5));
                let direct = classify_2x2(&g).map(|c| c.name);
                assert_eq!(cache.class_name(&g), direct, "{a:?} {b:?}");
                assert_eq!(cache.class_name(&g2), direct, "{a:?} {b:?}");
            }
        }
    }
}
