//! Time to the first certified equilibrium of random N-player games, two groups: `logit` (the
//! logit QRE branch followed to its limit) and `simpdiv` (simplicial subdivision on a refining
//! grid from every player's first strategy); both polish and certify exactly.
//!
//! Games: 3x3x3, 4x4x4 and 2^6 (six players with two strategies each), integer payoffs drawn
//! uniformly from 0..99 by an inline splitmix64 generator with fixed seeds, so every machine
//! measures the same games. The timed call is the full [`standoff::solve::solve`] path including
//! the exact verification. Each game's outcome (exact or ε, proven regret) is printed once on
//! stderr before timing.
//!
//! Run with `cargo bench --bench nplayer`.

use std::hint::black_box;
use std::time::Duration;

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use standoff::game::NormalForm;
use standoff::num::to_f64;
use standoff::solve::{solve, Method, SolveOptions};

fn random_game(shape: &[usize], seed: u64) -> NormalForm {
    common::random_game(shape, seed, 100)
}

fn bench(c: &mut Criterion) {
    bench_method(c, Method::Logit);
    bench_method(c, Method::SimpDiv);
}

fn bench_method(c: &mut Criterion, method: Method) {
    let mut group = c.benchmark_group(method.name());
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, shape) in [("3x3x3", vec![3, 3, 3]), ("4x4x4", vec![4, 4, 4]), ("2^6", vec![2; 6])] {
        for seed in [1u64, 2, 3] {
            let game = random_game(&shape, seed);
            match solve(&game, method, &SolveOptions::default()) {
                Ok(sol) => {
                    let regret = game.max_regret(&sol.equilibria[0].profile);
                    eprintln!("{method} {name} seed {seed}: exact {}, max regret {:.3e}", sol.exact, to_f64(&regret));
                }
                Err(e) => {
                    eprintln!("{method} {name} seed {seed}: {e}");
                    continue;
                }
            }
            group.bench_with_input(BenchmarkId::new(name, seed), &game, |b, g| {
                b.iter(|| solve(black_box(g), method, &SolveOptions::default()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
