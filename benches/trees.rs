//! Backward induction on a generated perfect-information tree: a complete binary tree, two
//! players alternating, random integer payoffs at the leaves (splitmix64, fixed seed).
//! The tree has 2^(depth+1) - 1 nodes; `depth = 23` (the default) gives 16.8 million nodes. Run with
//! `cargo bench --bench trees`; `TREE_DEPTH=19` makes it quicker.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use standoff::game::tree::{Tree, TreeBuilder};
use standoff::num::q;
use standoff::solve::tree::backward::all_spe;

/// Leaf payoffs are uniform in 0..PAYOFF_RANGE; a large range makes ties (and the all-SPE pass) rare.
const PAYOFF_RANGE: u64 = 1_000_000_007;

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn binary_tree(depth: u32) -> Tree {
    let mut b = TreeBuilder::new("binary", vec!["A".into(), "B".into()]).expect("players");
    let mut seed = 7u64;
    // Pre-order: an explicit stack of depths.
    let mut stack = vec![0u32];
    while let Some(d) = stack.pop() {
        if d == depth {
            let u = [q((splitmix(&mut seed) % PAYOFF_RANGE) as i64), q((splitmix(&mut seed) % PAYOFF_RANGE) as i64)];
            let o = b.add_outcome("", u.to_vec()).expect("outcome");
            b.terminal("", Some(o)).expect("leaf");
        } else {
            // Perfect information: every decision node is its own information set.
            let h = b.add_infoset((d % 2) as usize, "", vec!["L".into(), "R".into()]).expect("infoset");
            b.decision("", h, None).expect("decision");
            stack.push(d + 1);
            stack.push(d + 1);
        }
    }
    b.finish().expect("tree")
}

fn bench(c: &mut Criterion) {
    let depth: u32 = std::env::var("TREE_DEPTH").ok().and_then(|s| s.parse().ok()).unwrap_or(23);
    let t0 = std::time::Instant::now();
    let tree = binary_tree(depth);
    eprintln!("built a tree with {} nodes in {:?}", tree.num_nodes(), t0.elapsed());
    let mut g = c.benchmark_group("backward_induction");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tree.num_nodes() as u64));
    g.bench_function(format!("binary_depth_{depth}"), |bch| bch.iter(|| all_spe(&tree, 10).expect("spe")));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
