//! Ordinal classification of 2x2 games (chicken, prisoner's dilemma, stag hunt, ...).
//!
//! # Method
//! Following the idea of the Robinson–Goforth topology, only each player's *ranking* of the four
//! outcomes matters. Label one strategy of each player `C` and the other `D`. From a player's own
//! point of view the four outcomes are
//!
//! - `R` (reward): both play C;  `P` (punishment): both play D;
//! - `T` (temptation): I play D, the other plays C;  `S` (sucker): I play C, the other plays D.
//!
//! A player's ranking of `T, R, P, S` depends on the labelling; relabelling both players' strategies
//! at once swaps `R↔P` and `T↔S`. The 24 strict rankings therefore fall into 12 *player types*,
//! each named after the symmetric game in which both players have that type:
//!
//! | type | ranking (best first) | symmetric game |
//! |---|---|---|
//! | prisoner's dilemma | T > R > P > S | Prisoner's Dilemma: D dominant, (D,D) Pareto-dominated by (C,C) |
//! | chicken | T > R > S > P | Chicken (Hawk–Dove, Snowdrift): equilibria (C,D), (D,C) |
//! | stag hunt | R > T > P > S | Stag Hunt (Assurance): (C,C) and (D,D), D safer |
//! | deadlock | T > P > R > S | Deadlock: D dominant, (D,D) best for both |
//! | harmony | R > T > S > P | Harmony: C dominant, (C,C) best for both |
//! | leader | T > S > R > P | Battle of the Sexes (Leader) |
//! | hero | S > T > R > P | Battle of the Sexes (Hero) |
//! | coordination | R > P > S > T | Coordination: (C,C) and (D,D), (C,C) preferred |
//! | risky coordination | R > P > T > S | Coordination (risky): as above, but playing C alone is worst |
//! | concord | R > S > T > P | Concord: C dominant; even being exploited beats exploiting |
//! | peace | R > S > P > T | Peace: C dominant, matching the other preferred |
//! | compromise | T > P > S > R | Compromise: D dominant, mismatching preferred |
//!
//! The first five rankings are the textbook inequalities; in all of them `T > P` and `R > S`, i.e.
//! the other player's `C` is better for me whatever I do (`C` "cooperates"). The last five names are
//! our own labels for the remaining symmetric games.
//!
//! A game is named by its players' types under the labelling that fits best: a labelling making
//! both players' rankings identical (a symmetric game: named by the table), else one where both
//! players' `C` is the strategy the other player likes (when such preferences exist), else the
//! lexicographically smallest pair of type indices. Non-symmetric games are "hybrids"
//! (`"hybrid: US has prisoner's-dilemma preferences, DPRK has chicken preferences"`); games without
//! a pure equilibrium are named "Matching Pennies (cyclic)". Games with ties are classified by every
//! strict game obtained by breaking the ties; if all agree (or all are Battle of the Sexes variants)
//! that name is used, otherwise `"unclassified (ties)"`. One tied structure is named directly:
//! "Pure Coordination" (two equilibria in opposite corners, each player indifferent between them and
//! preferring both to the other outcomes).
//!
//! The result is invariant under relabelling either player's strategies and (up to the rare games
//! that have two equally good readings) under swapping the players.

use crate::game::NormalForm;
use crate::num::Q;

/// The class of a 2x2 game.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// Common name of the game class, e.g. "Chicken", "Prisoner's Dilemma", or a hybrid description.
    pub name: String,
    /// Each player's ordinal preference type, e.g. "chicken", "prisoner's dilemma".
    pub player_types: Vec<String>,
    /// Plain-language facts: dominant strategies, number of pure equilibria, Pareto inefficiency, ties.
    pub facts: Vec<String>,
}

/// A player type: its name, the ranking of the symmetric representative, the symmetric game's name
/// and the family used to name games with ties.
struct TypeInfo {
    name: &'static str,
    ranking: &'static str,
    game: &'static str,
    family: Option<&'static str>,
}

const BATTLE: Option<&str> = Some("Battle of the Sexes");

static TYPES: [TypeInfo; 12] = [
    TypeInfo { name: "prisoner's dilemma", ranking: "TRPS", game: "Prisoner's Dilemma", family: None },
    TypeInfo { name: "chicken", ranking: "TRSP", game: "Chicken", family: None },
    TypeInfo { name: "stag hunt", ranking: "RTPS", game: "Stag Hunt", family: None },
    TypeInfo { name: "deadlock", ranking: "TPRS", game: "Deadlock", family: None },
    TypeInfo { name: "harmony", ranking: "RTSP", game: "Harmony", family: None },
    TypeInfo { name: "leader", ranking: "TSRP", game: "Battle of the Sexes (Leader)", family: BATTLE },
    TypeInfo { name: "hero", ranking: "STRP", game: "Battle of the Sexes (Hero)", family: BATTLE },
    TypeInfo { name: "coordination", ranking: "RPST", game: "Coordination", family: None },
    TypeInfo { name: "risky coordination", ranking: "RPTS", game: "Coordination (risky)", family: None },
    TypeInfo { name: "concord", ranking: "RSTP", game: "Concord", family: None },
    TypeInfo { name: "peace", ranking: "RSPT", game: "Peace", family: None },
    TypeInfo { name: "compromise", ranking: "TPSR", game: "Compromise", family: None },
];

const CYCLIC: &str = "Matching Pennies (cyclic)";
const UNCLASSIFIED: &str = "unclassified (ties)";

/// Relabelling both players: R<->P, T<->S.
fn swap_both(ranking: &str) -> String {
    ranking
        .chars()
        .map(|c| match c {
            'R' => 'P',
            'P' => 'R',
            'T' => 'S',
            _ => 'T',
        })
        .collect()
}

fn type_of(ranking: &str) -> usize {
    let other = swap_both(ranking);
    TYPES.iter().position(|t| t.ranking == ranking || t.ranking == other).unwrap_or(0)
}

/// A 2x2 payoff table `u[r][c]` of one player, as ranks (any totally ordered values).
type Table = [[u8; 2]; 2];

/// The ranking (best first) of T, R, P, S for a player with payoffs `u` (indexed by own, other's
/// strategy) when `c_own`/`c_other` are the strategies read as C.
fn ranking(u: &[[u8; 2]; 2], c_own: usize, c_other: usize) -> String {
    let (d_own, d_other) = (1 - c_own, 1 - c_other);
    let mut cells =
        [('T', u[d_own][c_other]), ('R', u[c_own][c_other]), ('P', u[d_own][d_other]), ('S', u[c_own][d_other])];
    cells.sort_by_key(|c| std::cmp::Reverse(c.1));
    cells.iter().map(|c| c.0).collect()
}

fn cooperative(r: &str) -> bool {
    let pos = |c| r.find(c).unwrap_or(0);
    pos('T') < pos('P') && pos('R') < pos('S')
}

/// The classification of a strict game (ranks distinct per player).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Strict {
    symmetric: bool,
    types: [usize; 2],
    rankings: [String; 2],
    /// Row and column strategy read as C.
    labelling: (usize, usize),
}

/// Preference order of labellings: not symmetric, non-cooperative readings, type indices.
type LabellingKey = (bool, usize, usize, usize, usize, usize);

fn classify_strict(u1: &Table, u2: &Table) -> Strict {
    // Player 2's own strategy is the column: transpose its table.
    let u2t = [[u2[0][0], u2[1][0]], [u2[0][1], u2[1][1]]];
    let mut best: Option<(LabellingKey, Strict)> = None;
    for a in 0..2 {
        for b in 0..2 {
            let r1 = ranking(u1, a, b);
            let r2 = ranking(&u2t, b, a);
            let symmetric = r1 == r2;
            let (t1, t2) = (type_of(&r1), type_of(&r2));
            let coop = usize::from(!cooperative(&r1)) + usize::from(!cooperative(&r2));
            let key = (!symmetric, coop, t1.min(t2), t1.max(t2), t1, t2);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, Strict { symmetric, types: [t1, t2], rankings: [r1, r2], labelling: (a, b) }));
            }
        }
    }
    // The loop always runs, so `best` is set.
    best.map(|(_, s)| s).unwrap_or(Strict {
        symmetric: false,
        types: [0, 0],
        rankings: [String::new(), String::new()],
        labelling: (0, 0),
    })
}

fn adjective(t: usize) -> String {
    TYPES[t].name.replace(' ', "-")
}

fn strict_name(s: &Strict, names: [&str; 2], cyclic: bool) -> String {
    if cyclic {
        CYCLIC.to_string()
    } else if s.symmetric {
        TYPES[s.types[0]].game.to_string()
    } else {
        format!(
            "hybrid: {} has {} preferences, {} has {} preferences",
            names[0],
            adjective(s.types[0]),
            names[1],
            adjective(s.types[1])
        )
    }
}

fn strict_family(s: &Strict) -> Option<&'static str> {
    let f = TYPES[s.types[0]].family;
    (f.is_some() && f == TYPES[s.types[1]].family).then_some(f).flatten()
}

/// Every strict ranking table obtained by breaking the ties in `v` (ranks 0..4, higher is better).
fn tie_breaks(v: &[[Q; 2]; 2]) -> Vec<Table> {
    let cells = [(0, 0), (0, 1), (1, 0), (1, 1)];
    let mut out: Vec<Table> = Vec::new();
    let mut perm = [0usize, 1, 2, 3];
    for _ in 0..24 {
        let mut order = cells;
        // Sort by payoff, ties broken by the priority given by `perm`.
        order.sort_by(|&(r1, c1), &(r2, c2)| v[r1][c1].cmp(&v[r2][c2]).then(perm[r1 * 2 + c1].cmp(&perm[r2 * 2 + c2])));
        let mut t: Table = [[0; 2]; 2];
        for (rank, &(r, c)) in order.iter().enumerate() {
            t[r][c] = rank as u8;
        }
        if !out.contains(&t) {
            out.push(t);
        }
        next_permutation(&mut perm);
    }
    out
}

fn next_permutation(p: &mut [usize; 4]) {
    let Some(i) = (0..3).rev().find(|&i| p[i] < p[i + 1]) else {
        p.reverse();
        return;
    };
    let j = (i + 1..4).rev().find(|&j| p[j] > p[i]).unwrap_or(i + 1);
    p.swap(i, j);
    p[i + 1..].reverse();
}

/// Classifies a 2x2 game by the ordinal structure of its payoffs; `None` if not 2x2.
pub fn classify_2x2(game: &NormalForm) -> Option<Classification> {
    if game.shape() != [2, 2] {
        return None;
    }
    let players = game.players();
    let names = [players[0].name.as_str(), players[1].name.as_str()];
    let label = |i: usize, s: usize| players[i].strategies[s].as_str();
    let u = |i: usize| -> [[Q; 2]; 2] {
        [
            [game.payoff(&[0, 0], i).clone(), game.payoff(&[0, 1], i).clone()],
            [game.payoff(&[1, 0], i).clone(), game.payoff(&[1, 1], i).clone()],
        ]
    };
    let (u1, u2) = (u(0), u(1));
    let mut facts = Vec::new();

    // Dominant strategies.
    for (i, tab) in [&u1, &u2].into_iter().enumerate() {
        // Payoff of player i with own strategy `own` against the other's `other`.
        let val = |own: usize, other: usize| if i == 0 { &tab[own][other] } else { &tab[other][own] };
        let mut found = false;
        for x in 0..2 {
            let y = 1 - x;
            let ge = (0..2).all(|t| val(x, t) >= val(y, t));
            let gt = (0..2).filter(|&t| val(x, t) > val(y, t)).count();
            if gt == 2 {
                facts.push(format!("{} has a dominant strategy: {}", names[i], label(i, x)));
                found = true;
            } else if ge && gt == 1 {
                facts.push(format!("{} has a weakly dominant strategy: {}", names[i], label(i, x)));
                found = true;
            }
        }
        if !found {
            facts.push(format!("{} has no dominant strategy", names[i]));
        }
    }

    // Pure equilibria and Pareto dominance.
    let cells = [(0, 0), (1, 0), (0, 1), (1, 1)];
    let outcome = |r: usize, c: usize| format!("({}, {})", label(0, r), label(1, c));
    let equilibria: Vec<(usize, usize)> =
        cells.iter().copied().filter(|&(r, c)| u1[r][c] >= u1[1 - r][c] && u2[r][c] >= u2[r][1 - c]).collect();
    if equilibria.is_empty() {
        facts.push("no pure equilibrium: best responses cycle, as in Matching Pennies".into());
    } else {
        let list: Vec<String> = equilibria.iter().map(|&(r, c)| outcome(r, c)).collect();
        let word = if list.len() == 1 { "pure equilibrium" } else { "pure equilibria" };
        facts.push(format!("{} {word}: {}", list.len(), list.join(", ")));
        let mut any = false;
        for &(r, c) in &equilibria {
            let better: Vec<String> = cells
                .iter()
                .filter(|&&(r2, c2)| {
                    u1[r2][c2] >= u1[r][c] && u2[r2][c2] >= u2[r][c] && (u1[r2][c2] > u1[r][c] || u2[r2][c2] > u2[r][c])
                })
                .map(|&(r2, c2)| outcome(r2, c2))
                .collect();
            if !better.is_empty() {
                any = true;
                facts.push(format!(
                    "the equilibrium {} is Pareto-dominated by {} (the prisoner's-dilemma signature)",
                    outcome(r, c),
                    better.join(", ")
                ));
            }
        }
        if !any {
            facts.push("no pure equilibrium is Pareto-dominated".into());
        }
    }
    let cyclic = equilibria.is_empty();

    // Ties.
    let has_ties = |t: &[[Q; 2]; 2]| {
        let v = [&t[0][0], &t[0][1], &t[1][0], &t[1][1]];
        (0..4).any(|a| (a + 1..4).any(|b| v[a] == v[b]))
    };
    let tied: Vec<usize> = (0..2).filter(|&i| has_ties([&u1, &u2][i])).collect();

    let (name, player_types) = if tied.is_empty() {
        let (b1, b2) = (tie_breaks(&u1), tie_breaks(&u2));
        let s = classify_strict(&b1[0], &b2[0]);
        let (a, b) = s.labelling;
        facts.push(format!(
            "ordinal pattern reading {} (for {}) and {} (for {}) as C: {} ranks {}, {} ranks {}",
            label(0, a),
            names[0],
            label(1, b),
            names[1],
            names[0],
            spaced(&s.rankings[0]),
            names[1],
            spaced(&s.rankings[1])
        ));
        (strict_name(&s, names, cyclic), vec![TYPES[s.types[0]].name.to_string(), TYPES[s.types[1]].name.to_string()])
    } else {
        let who: Vec<&str> = tied.iter().map(|&i| names[i]).collect();
        facts.push(format!("non-strict ordinal game: ties in the payoffs of {}", who.join(" and ")));
        let (b1, b2) = (tie_breaks(&u1), tie_breaks(&u2));
        let mut seen_names: Vec<String> = Vec::new();
        let mut families: Vec<Option<&'static str>> = Vec::new();
        let mut types: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for t1 in &b1 {
            for t2 in &b2 {
                let s = classify_strict(t1, t2);
                let n = strict_name(&s, names, cyclic);
                if !seen_names.contains(&n) {
                    seen_names.push(n);
                }
                let f = strict_family(&s);
                if !families.contains(&f) {
                    families.push(f);
                }
                for (list, &t) in types.iter_mut().zip(&s.types) {
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
            }
        }
        let name = if pure_coordination(&u1, &u2, &equilibria) {
            "Pure Coordination".to_string()
        } else if seen_names.len() == 1 {
            seen_names[0].clone()
        } else if let [Some(f)] = families.as_slice() {
            f.to_string()
        } else {
            if seen_names.len() <= 6 {
                facts.push(format!("breaking the ties gives: {}", seen_names.join("; ")));
            } else {
                facts.push(format!("breaking the ties gives {} different game classes", seen_names.len()));
            }
            UNCLASSIFIED.to_string()
        };
        let player_types = types
            .iter()
            .map(|ts| match ts.as_slice() {
                [t] => TYPES[*t].name.to_string(),
                [a, b] => format!("{} or {}", TYPES[*a.min(b)].name, TYPES[*a.max(b)].name),
                _ => UNCLASSIFIED.to_string(),
            })
            .collect();
        (name, player_types)
    };
    Some(Classification { name, player_types, facts })
}

/// Two equilibria in opposite corners, each player indifferent between them and strictly preferring
/// both to the two other outcomes.
fn pure_coordination(u1: &[[Q; 2]; 2], u2: &[[Q; 2]; 2], eqs: &[(usize, usize)]) -> bool {
    let [(r1, c1), (r2, c2)] = eqs else { return false };
    if r1 == r2 || c1 == c2 {
        return false;
    }
    let off = [(*r1, *c2), (*r2, *c1)];
    [u1, u2].iter().all(|u| {
        let (a, b) = (&u[*r1][*c1], &u[*r2][*c2]);
        a == b && off.iter().all(|&(r, c)| u[r][c] < *a)
    })
}

fn spaced(r: &str) -> String {
    r.chars().map(String::from).collect::<Vec<_>>().join(" > ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::q;

    /// `cells` lists (row payoff, column payoff) for (r0,c0), (r0,c1), (r1,c0), (r1,c1).
    fn game(names: [&str; 2], labels: [[&str; 2]; 2], cells: [(i64, i64); 4]) -> NormalForm {
        let players = (0..2)
            .map(|i| Player { name: names[i].into(), strategies: labels[i].iter().map(|s| s.to_string()).collect() })
            .collect();
        NormalForm::new("g", players, |p| {
            let (a, b) = cells[p[0] * 2 + p[1]];
            vec![q(a), q(b)]
        })
        .unwrap()
    }

    fn sym(r: i64, s: i64, t: i64, p: i64) -> NormalForm {
        // Strategy 0 = C, 1 = D for both.
        game(["A", "B"], [["C", "D"], ["C", "D"]], [(r, r), (s, t), (t, s), (p, p)])
    }

    fn swap_rows(g: &NormalForm) -> NormalForm {
        relabel(g, [1, 0], [0, 1], false)
    }
    fn swap_cols(g: &NormalForm) -> NormalForm {
        relabel(g, [0, 1], [1, 0], false)
    }
    fn transpose(g: &NormalForm) -> NormalForm {
        relabel(g, [0, 1], [0, 1], true)
    }
    fn relabel(g: &NormalForm, rows: [usize; 2], cols: [usize; 2], transpose: bool) -> NormalForm {
        let p = g.players();
        let mut players = vec![
            Player { name: p[0].name.clone(), strategies: rows.iter().map(|&r| p[0].strategies[r].clone()).collect() },
            Player { name: p[1].name.clone(), strategies: cols.iter().map(|&c| p[1].strategies[c].clone()).collect() },
        ];
        if transpose {
            players.swap(0, 1);
        }
        NormalForm::new("r", players, |x| {
            let (r, c) = if transpose { (x[1], x[0]) } else { (x[0], x[1]) };
            let v = [g.payoff(&[rows[r], cols[c]], 0).clone(), g.payoff(&[rows[r], cols[c]], 1).clone()];
            if transpose {
                vec![v[1].clone(), v[0].clone()]
            } else {
                v.to_vec()
            }
        })
        .unwrap()
    }

    /// Classifies and checks that every relabelling gives the same name (and, for transposes, the
    /// same multiset of player types).
    fn name_of(g: &NormalForm) -> String {
        let c = classify_2x2(g).unwrap();
        for v in [swap_rows(g), swap_cols(g), swap_rows(&swap_cols(g))] {
            let d = classify_2x2(&v).unwrap();
            assert_eq!(d.name, c.name, "relabelled strategies");
            assert_eq!(d.player_types, c.player_types);
        }
        let t = classify_2x2(&transpose(g)).unwrap();
        let mut a = c.player_types.clone();
        let mut b = t.player_types.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "transposed players");
        if !c.name.starts_with("hybrid") {
            assert_eq!(t.name, c.name, "transposed players");
        }
        c.name
    }

    #[test]
    fn textbook_symmetric_games() {
        assert_eq!(name_of(&sym(3, 0, 5, 1)), "Prisoner's Dilemma");
        assert_eq!(name_of(&sym(6, 2, 7, 0)), "Chicken");
        assert_eq!(name_of(&sym(4, 1, 3, 2)), "Stag Hunt");
        assert_eq!(name_of(&sym(2, 1, 4, 3)), "Deadlock");
        assert_eq!(name_of(&sym(4, 2, 3, 1)), "Harmony");
        assert_eq!(name_of(&sym(2, 3, 4, 1)), "Battle of the Sexes (Leader)");
        assert_eq!(name_of(&sym(2, 4, 3, 1)), "Battle of the Sexes (Hero)");
        assert_eq!(name_of(&sym(4, 2, 1, 3)), "Coordination");
        assert_eq!(name_of(&sym(4, 1, 2, 3)), "Coordination (risky)");
        assert_eq!(name_of(&sym(4, 3, 2, 1)), "Concord");
        assert_eq!(name_of(&sym(4, 3, 1, 2)), "Peace");
        assert_eq!(name_of(&sym(1, 2, 4, 3)), "Compromise");
    }

    #[test]
    fn prisoners_dilemma_facts() {
        let g = game(["Row", "Col"], [["C", "D"], ["C", "D"]], [(3, 3), (0, 5), (5, 0), (1, 1)]);
        let c = classify_2x2(&g).unwrap();
        assert_eq!(c.player_types, vec!["prisoner's dilemma", "prisoner's dilemma"]);
        assert!(c.facts.contains(&"Row has a dominant strategy: D".to_string()), "{:?}", c.facts);
        assert!(c.facts.contains(&"1 pure equilibrium: (D, D)".to_string()), "{:?}", c.facts);
        assert!(c.facts.iter().any(|f| f.contains("(D, D) is Pareto-dominated by (C, C)")), "{:?}", c.facts);
        // Relabelled so that D comes first: still a PD.
        let g = game(["Row", "Col"], [["D", "C"], ["C", "D"]], [(5, 0), (1, 1), (3, 3), (0, 5)]);
        assert_eq!(name_of(&g), "Prisoner's Dilemma");
    }

    #[test]
    fn battle_of_the_sexes_with_ties() {
        // Opera/Football: (3,2), (0,0) / (0,0), (2,3).
        let g = game(["He", "She"], [["Opera", "Football"], ["Opera", "Football"]], [(3, 2), (0, 0), (0, 0), (2, 3)]);
        let c = classify_2x2(&g).unwrap();
        assert_eq!(name_of(&g), "Battle of the Sexes");
        assert!(c.facts.iter().any(|f| f.starts_with("non-strict ordinal game")), "{:?}", c.facts);
        assert_eq!(c.player_types, vec!["leader or hero", "leader or hero"]);
        assert!(c.facts.contains(&"2 pure equilibria: (Opera, Opera), (Football, Football)".to_string()));
    }

    #[test]
    fn pure_coordination_with_ties() {
        let g = game(["A", "B"], [["L", "R"], ["L", "R"]], [(1, 1), (0, 0), (0, 0), (1, 1)]);
        assert_eq!(name_of(&g), "Pure Coordination");
    }

    #[test]
    fn matching_pennies_is_cyclic() {
        let g = game(["A", "B"], [["H", "T"], ["H", "T"]], [(1, -1), (-1, 1), (-1, 1), (1, -1)]);
        let c = classify_2x2(&g).unwrap();
        assert_eq!(name_of(&g), "Matching Pennies (cyclic)");
        assert!(c.facts.iter().any(|f| f.starts_with("no pure equilibrium")));
        // A strict cyclic game.
        let g = game(["A", "B"], [["H", "T"], ["H", "T"]], [(4, 1), (2, 3), (1, 4), (3, 2)]);
        assert_eq!(name_of(&g), "Matching Pennies (cyclic)");
    }

    #[test]
    fn all_ties_are_unclassified() {
        let g = game(["A", "B"], [["x", "y"], ["x", "y"]], [(0, 0); 4]);
        let c = classify_2x2(&g).unwrap();
        assert_eq!(c.name, "unclassified (ties)");
        assert_eq!(c.player_types, vec!["unclassified (ties)", "unclassified (ties)"]);
        assert!(c.facts.contains(&"4 pure equilibria: (x, x), (y, x), (x, y), (y, y)".to_string()), "{:?}", c.facts);
    }

    #[test]
    fn flagship_standoff_is_chicken() {
        let g = game(["US", "DPRK"], [["Concede", "Hold"], ["Concede", "Hold"]], [(3, 2), (1, 4), (5, 1), (0, -1)]);
        assert_eq!(name_of(&g), "Chicken");
        let c = classify_2x2(&g).unwrap();
        assert_eq!(c.player_types, vec!["chicken", "chicken"]);
        assert!(c.facts.contains(&"2 pure equilibria: (Hold, Concede), (Concede, Hold)".to_string()), "{:?}", c.facts);
        assert!(c.facts.contains(&"US has no dominant strategy".to_string()));
    }

    #[test]
    fn flagship_hybrid() {
        let g = game(["US", "DPRK"], [["Concede", "Hold"], ["Concede", "Hold"]], [(3, 2), (-2, 4), (5, 1), (0, -1)]);
        let name = name_of(&g);
        assert_eq!(name, "hybrid: US has prisoner's-dilemma preferences, DPRK has chicken preferences");
        let c = classify_2x2(&g).unwrap();
        assert_eq!(c.player_types, vec!["prisoner's dilemma", "chicken"]);
        assert!(c.facts.contains(&"US has a dominant strategy: Hold".to_string()), "{:?}", c.facts);
        // Swapping the players keeps the reading attached to the right names.
        let t = classify_2x2(&transpose(&g)).unwrap();
        assert_eq!(t.name, "hybrid: DPRK has chicken preferences, US has prisoner's-dilemma preferences");
    }

    #[test]
    fn not_two_by_two() {
        let players = vec![
            Player { name: "A".into(), strategies: vec!["x".into(), "y".into(), "z".into()] },
            Player { name: "B".into(), strategies: vec!["u".into(), "v".into()] },
        ];
        let g = NormalForm::new("3x2", players, |_| vec![q(0), q(0)]).unwrap();
        assert!(classify_2x2(&g).is_none());
    }

    #[test]
    fn every_strict_game_is_named_consistently() {
        // All 24 x 24 strict ordinal games: the name never depends on the labelling.
        let perms: Vec<[i64; 4]> = {
            let mut v = Vec::new();
            let mut p = [0usize, 1, 2, 3];
            for _ in 0..24 {
                v.push([p[0] as i64, p[1] as i64, p[2] as i64, p[3] as i64]);
                next_permutation(&mut p);
            }
            v
        };
        let mut names = std::collections::BTreeSet::new();
        for a in &perms {
            for b in &perms {
                let g = game(
                    ["A", "B"],
                    [["0", "1"], ["0", "1"]],
                    [(a[0], b[0]), (a[1], b[1]), (a[2], b[2]), (a[3], b[3])],
                );
                names.insert(name_of(&g));
            }
        }
        // 12 symmetric names, the cyclic name, and hybrids.
        assert!(names.len() > 13);
        for t in &TYPES {
            assert!(names.contains(t.game), "{} never produced", t.game);
        }
        assert!(names.contains(CYCLIC));
    }
}
