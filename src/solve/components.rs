//! Equilibrium components of a two-player game from its extreme equilibria.
//!
//! Two extreme equilibria `(x, y)` and `(x', y')` lie in a common convex set of equilibria
//! when `x` also pairs with `y'` and `x'` with `y` — the set `conv X' × conv Y'` is made of
//! equilibria exactly when every `x ∈ X'` is an equilibrium partner of every `y ∈ Y'`. The
//! maximal such sets are the maximal bicliques of the bipartite "partner" graph; the
//! connected components of that graph are the topological components of the equilibrium
//! set (Avis, Rosenberg, Savani and von Stengel 2010).

use super::{Component, ConvexSet, Equilibrium};
use std::collections::{BTreeMap, BTreeSet};

/// Limit on the number of maximal convex sets computed per component.
const MAX_SETS: usize = 10_000;

/// Groups extreme equilibria into components. `pairs[k] = (i, j)` says equilibrium `k` is
/// made of player 1's extreme strategy number `i` and player 2's number `j` (any
/// numbering, equal numbers meaning equal strategies).
pub fn components(equilibria: &[Equilibrium], pairs: &[(usize, usize)]) -> Vec<Component> {
    // Union-find over row nodes and column nodes.
    let rows: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let cols: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    let row_ix: BTreeMap<usize, usize> = rows.iter().enumerate().map(|(k, &r)| (r, k)).collect();
    let col_ix: BTreeMap<usize, usize> = cols.iter().enumerate().map(|(k, &c)| (c, rows.len() + k)).collect();
    let mut parent: Vec<usize> = (0..rows.len() + cols.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(r, c) in pairs {
        let (a, b) = (find(&mut parent, row_ix[&r]), find(&mut parent, col_ix[&c]));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    // Collect equilibria per component, in order of first appearance.
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (k, &(r, _)) in pairs.iter().enumerate() {
        let root = find(&mut parent, row_ix[&r]);
        let list = by_root.entry(root).or_default();
        if list.is_empty() {
            order.push(root);
        }
        list.push(k);
    }
    order
        .into_iter()
        .map(|root| {
            let members = &by_root[&root];
            // Local numbering of distinct strategies, in order of appearance.
            let mut rloc: Vec<usize> = Vec::new();
            let mut cloc: Vec<usize> = Vec::new();
            let mut edges: BTreeSet<(usize, usize)> = BTreeSet::new();
            for &k in members {
                let (r, c) = pairs[k];
                let ri = rloc.iter().position(|&x| x == r).unwrap_or_else(|| {
                    rloc.push(r);
                    rloc.len() - 1
                });
                let ci = cloc.iter().position(|&x| x == c).unwrap_or_else(|| {
                    cloc.push(c);
                    cloc.len() - 1
                });
                edges.insert((ri, ci));
            }
            let first_with_row = |ri: usize| members.iter().find(|&&k| pairs[k].0 == rloc[ri]).map_or(0, |&k| k);
            let first_with_col = |ci: usize| members.iter().find(|&&k| pairs[k].1 == cloc[ci]).map_or(0, |&k| k);
            let row_points =
                (0..rloc.len()).map(|ri| equilibria[first_with_row(ri)].profile.probs[0].clone()).collect();
            let col_points =
                (0..cloc.len()).map(|ci| equilibria[first_with_col(ci)].profile.probs[1].clone()).collect();
            Component {
                equilibria: members.clone(),
                row_points,
                col_points,
                convex_sets: maximal_bicliques(rloc.len(), &edges),
            }
        })
        .collect()
}

/// Maximal bicliques of a bipartite graph with `nrows` row nodes, by closing the family of
/// column neighbourhoods under intersection (each closed set `Y` with its common
/// neighbours `X` is a maximal biclique).
fn maximal_bicliques(nrows: usize, edges: &BTreeSet<(usize, usize)>) -> Vec<ConvexSet> {
    let nbr: Vec<BTreeSet<usize>> =
        (0..nrows).map(|r| edges.iter().filter(|e| e.0 == r).map(|e| e.1).collect()).collect();
    let mut family: BTreeSet<BTreeSet<usize>> = BTreeSet::new();
    let mut queue: Vec<BTreeSet<usize>> = Vec::new();
    for n in &nbr {
        if family.insert(n.clone()) {
            queue.push(n.clone());
        }
    }
    while let Some(s) = queue.pop() {
        if family.len() >= MAX_SETS {
            break;
        }
        for n in &nbr {
            let t: BTreeSet<usize> = s.intersection(n).copied().collect();
            if !t.is_empty() && family.insert(t.clone()) {
                queue.push(t);
            }
        }
    }
    let mut sets: Vec<ConvexSet> = family
        .into_iter()
        .map(|cols| {
            let rows = (0..nrows).filter(|&r| cols.is_subset(&nbr[r])).collect();
            ConvexSet { rows, cols: cols.into_iter().collect() }
        })
        .collect();
    sets.sort_by(|a, b| a.rows.cmp(&b.rows).then(a.cols.cmp(&b.cols)));
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bicliques_of_a_path() {
        // r0-c0, r0-c1, r1-c1: two maximal bicliques {r0}x{c0,c1} and {r0,r1}x{c1}.
        let edges: BTreeSet<(usize, usize)> = [(0, 0), (0, 1), (1, 1)].into_iter().collect();
        let s = maximal_bicliques(2, &edges);
        assert_eq!(s.len(), 2);
        assert!(s.contains(&ConvexSet { rows: vec![0], cols: vec![0, 1] }));
        assert!(s.contains(&ConvexSet { rows: vec![0, 1], cols: vec![1] }));
    }
}
