//! Criterion benchmarks of the equilibrium solvers on random games.
//!
//! Every game is fixed by its shape and a seed: integer payoffs drawn uniformly from 0..99 (or
//! 0..999999 for `enum_big`) by an inline splitmix64 generator, so the benchmarks need no extra dependency and measure the same
//! games on every machine. Each benchmark runs the full [`standoff::solve::solve`] path, which
//! includes the exact verification of every equilibrium.
//!
//! - `enum/NxN`: all extreme equilibria (vertex enumeration), n = 4, 6, 8, 10;
//! - `enum_big/NxN`: the same with payoffs 0..999999, n = 8, 10, 12 (tableau entries of 128 to
//!   512 bits: the wide fixed-width tiers);
//! - `lemke/NxN`: Lemke–Howson from every starting label (default options), n = 10, 20, 40;
//! - `lemke_label0/NxN`: Lemke–Howson from label 0 only (one path), n = 10, 20, 40;
//! - `pure/20x20x20`: all pure equilibria of a three-player game.
//!
//! A solver that returns an error on its game (not implemented yet, or unsupported) is reported on
//! stderr and skipped, so `cargo bench` still finishes.
//!
//! Run with `cargo bench --bench solvers` (all) or `cargo bench --bench solvers -- enum` (a filter).

use std::hint::black_box;
use std::time::Duration;

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use standoff::game::NormalForm;
use standoff::solve::Method;
use standoff::solve::{solve, SolveOptions};

/// Payoffs are drawn from `0..PAYOFF_RANGE`.
const PAYOFF_RANGE: u64 = 100;

/// Payoffs of the `enum_big` games are drawn from `0..BIG_PAYOFF_RANGE`.
const BIG_PAYOFF_RANGE: u64 = 1_000_000;

/// A random game of the given shape with integer payoffs in 0..99, payoffs in Gambit order.
fn random_game(shape: &[usize], seed: u64) -> NormalForm {
    common::random_game(shape, seed, PAYOFF_RANGE)
}

fn label(shape: &[usize]) -> String {
    shape.iter().map(usize::to_string).collect::<Vec<_>>().join("x")
}

/// Benchmarks `method` on each game in its own group, skipping (with a note) a game it cannot solve.
fn bench_method(c: &mut Criterion, group: &str, method: Method, options: &SolveOptions, games: &[NormalForm]) {
    let mut g = c.benchmark_group(group);
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    for game in games {
        let id = label(&game.shape());
        match solve(game, method, options) {
            Ok(solution) => {
                eprintln!("{group}/{id}: {} equilibria", solution.equilibria.len());
            }
            Err(e) => {
                eprintln!("{group}/{id}: skipped, `{method}` failed: {e}");
                continue;
            }
        }
        g.bench_with_input(BenchmarkId::from_parameter(&id), game, |b, game| {
            b.iter(|| solve(black_box(game), method, options))
        });
    }
    g.finish();
}

fn square_games(sizes: &[usize], seed: u64) -> Vec<NormalForm> {
    sizes.iter().map(|&n| random_game(&[n, n], seed)).collect()
}

fn enumeration(c: &mut Criterion) {
    bench_method(c, "enum", Method::Enum, &SolveOptions::default(), &square_games(&[4, 6, 8, 10], 1));
    let big: Vec<NormalForm> = [8, 10, 12].iter().map(|&n| common::random_game(&[n, n], 1, BIG_PAYOFF_RANGE)).collect();
    bench_method(c, "enum_big", Method::Enum, &SolveOptions::default(), &big);
}

fn lemke_howson(c: &mut Criterion) {
    let games = square_games(&[10, 20, 40], 2);
    bench_method(c, "lemke", Method::Lemke, &SolveOptions::default(), &games);
    let one = SolveOptions { start_label: Some(0), ..SolveOptions::default() };
    bench_method(c, "lemke_label0", Method::Lemke, &one, &games);
}

fn pure(c: &mut Criterion) {
    bench_method(c, "pure", Method::Pure, &SolveOptions::default(), &[random_game(&[20, 20, 20], 3)]);
}

criterion_group!(benches, enumeration, lemke_howson, pure);
criterion_main!(benches);
