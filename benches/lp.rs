//! Criterion benchmarks of the hybrid exact LP on correlated-equilibrium problems.
//!
//! Random two-player n x n games (n = 6, 10, 15), integer payoffs uniform in 0..99 from a fixed
//! splitmix64 seed (the same generator as `benches/solvers.rs`):
//!
//! - `correlated/NxN`: the welfare-maximising correlated equilibrium, exact and certified
//!   ([`standoff::analysis::correlated::welfare_maximizing`]);
//! - `correlated_float/NxN`: the float phase alone on the same LP
//!   ([`standoff::solve::lp::simplex::LinearProgram::float_phase_value`]): the peer the exact time is
//!   compared with;
//! - `region/NxN`: the exact CE payoff polygon ([`standoff::analysis::correlated::payoff_region`]:
//!   float-first gift-wrapping, every basis certified exactly), n = 6 and 10 (and 15 with
//!   `LP_BENCH_REGION15=1`);
//! - `region_reference/6x6`: the same polygon by one exact LP per direction
//!   ([`standoff::analysis::correlated::payoff_region_reference`], the previous method);
//! - `polytope3/NxNxN`: the exact CE payoff polytope of a random three-player game
//!   ([`standoff::analysis::correlated::payoff_polytope3`]), n = 3 (and 4 with
//!   `LP_BENCH_POLYTOPE4=1`);
//! - `region_float/NxN`: the float phase alone on the LPs that confirm the final polygon (its four
//!   axis directions and one outward normal per edge): a lower bound of the float work the region
//!   needs, since the region also solves the LPs that found its vertices.
//!
//! Run with `cargo bench --bench lp` (all) or `cargo bench --bench lp -- region` (a filter).

use std::hint::black_box;
use std::time::Duration;

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use standoff::analysis::correlated::{
    payoff_polytope3, payoff_region, payoff_region_reference, program, welfare_maximizing,
};
use standoff::game::NormalForm;
use standoff::num::{q, Q};
use standoff::solve::lp::simplex::LinearProgram;

/// A random n x n game with integer payoffs in 0..99.
fn random_game(n: usize, seed: u64) -> NormalForm {
    common::random_game(&[n, n], seed, 100)
}

const SIZES: [usize; 3] = [6, 10, 15];

fn group<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    g
}

fn welfare_program(game: &NormalForm) -> LinearProgram {
    match program(game, &[q(1), q(1)]) {
        Ok(lp) => lp,
        Err(e) => panic!("{e}"),
    }
}

fn correlated(c: &mut Criterion) {
    let games: Vec<NormalForm> = SIZES.iter().map(|&n| random_game(n, 1)).collect();
    let mut g = group(c, "correlated");
    for game in &games {
        let id = format!("{0}x{0}", game.num_strategies(0));
        g.bench_with_input(BenchmarkId::from_parameter(&id), game, |b, game| {
            b.iter(|| welfare_maximizing(black_box(game)))
        });
    }
    g.finish();
    let mut g = group(c, "correlated_float");
    for game in &games {
        let id = format!("{0}x{0}", game.num_strategies(0));
        let lp = welfare_program(game);
        g.bench_with_input(BenchmarkId::from_parameter(&id), &lp, |b, lp| b.iter(|| black_box(lp).float_phase_value()));
    }
    g.finish();
}

fn region(c: &mut Criterion) {
    let sizes: &[usize] = if std::env::var_os("LP_BENCH_REGION15").is_some() { &SIZES } else { &SIZES[..2] };
    let games: Vec<NormalForm> = sizes.iter().map(|&n| random_game(n, 1)).collect();
    let mut g = group(c, "region");
    let mut confirming: Vec<Vec<LinearProgram>> = Vec::new();
    for game in &games {
        let id = format!("{0}x{0}", game.num_strategies(0));
        let polygon = match payoff_region(game) {
            Ok(p) => p,
            Err(e) => panic!("region {id}: {e}"),
        };
        eprintln!("region/{id}: {} vertices", polygon.len());
        let mut directions: Vec<(Q, Q)> = vec![(q(1), q(0)), (q(0), q(1)), (q(-1), q(0)), (q(0), q(-1))];
        let k = polygon.len();
        if k >= 2 {
            for i in 0..k {
                let (a, b) = (&polygon[i], &polygon[(i + 1) % k]);
                directions.push((&b.y - &a.y, &a.x - &b.x));
            }
        }
        confirming.push(
            directions
                .into_iter()
                .map(|(x, y)| match program(game, &[x, y]) {
                    Ok(lp) => lp,
                    Err(e) => panic!("{e}"),
                })
                .collect(),
        );
        g.bench_with_input(BenchmarkId::from_parameter(&id), game, |b, game| b.iter(|| payoff_region(black_box(game))));
    }
    g.finish();
    let mut g = group(c, "region_reference");
    let game = &games[0];
    let id = format!("{0}x{0}", game.num_strategies(0));
    g.bench_with_input(BenchmarkId::from_parameter(&id), game, |b, game| {
        b.iter(|| payoff_region_reference(black_box(game)))
    });
    g.finish();
    let mut g = group(c, "region_float");
    for (game, lps) in games.iter().zip(&confirming) {
        let id = format!("{0}x{0}", game.num_strategies(0));
        eprintln!("region_float/{id}: {} LPs", lps.len());
        g.bench_with_input(BenchmarkId::from_parameter(&id), lps, |b, lps| {
            b.iter(|| lps.iter().filter_map(|lp| black_box(lp).float_phase_value()).sum::<f64>())
        });
    }
    g.finish();
}

fn polytope3(c: &mut Criterion) {
    let sizes: &[usize] = if std::env::var_os("LP_BENCH_POLYTOPE4").is_some() { &[3, 4] } else { &[3] };
    let mut g = group(c, "polytope3");
    for &n in sizes {
        let game = common::random_game(&[n, n, n], 1, 100);
        let id = format!("{n}x{n}x{n}");
        match payoff_polytope3(&game) {
            Ok(h) => eprintln!("polytope3/{id}: {} vertices, {} facets", h.vertices.len(), h.facets.len()),
            Err(e) => {
                eprintln!("polytope3/{id}: {e}; skipped");
                continue;
            }
        }
        g.bench_with_input(BenchmarkId::from_parameter(&id), &game, |b, game| {
            b.iter(|| payoff_polytope3(black_box(game)))
        });
    }
    g.finish();
}

criterion_group!(benches, correlated, region, polytope3);
criterion_main!(benches);
