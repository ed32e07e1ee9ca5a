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
//! - `region/NxN`: the exact CE payoff polygon ([`standoff::analysis::correlated::payoff_region`]),
//!   n = 6 and 10 (15 with `LP_BENCH_REGION15=1`: minutes per iteration, see `benches/README.md`);
//! - `region_float/NxN`: the float phase alone on the LPs that confirm the final polygon (its four
//!   axis directions and one outward normal per edge): a lower bound of the float work the region
//!   needs, since the region also solves the LPs that found its vertices.
//!
//! Run with `cargo bench --bench lp` (all) or `cargo bench --bench lp -- region` (a filter).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use standoff::analysis::correlated::{payoff_region, program, welfare_maximizing};
use standoff::game::{NormalForm, Player};
use standoff::num::{q, Q};
use standoff::solve::lp::simplex::LinearProgram;

/// splitmix64 (Steele, Lea and Flood, 2014).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (rejection sampling, no modulo bias).
    fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % bound;
            }
        }
    }
}

/// A random n x n game with integer payoffs in 0..99.
fn random_game(n: usize, seed: u64) -> NormalForm {
    let players: Vec<Player> = (1..=2)
        .map(|i| Player { name: format!("{i}"), strategies: (1..=n).map(|s| format!("s{s}")).collect() })
        .collect();
    let mut rng = SplitMix64(seed);
    let payoffs = (0..n * n * 2).map(|_| q(rng.below(100) as i64)).collect();
    match NormalForm::from_flat(format!("random {n}x{n} seed {seed}"), players, payoffs) {
        Ok(game) => game,
        Err(e) => panic!("benchmark game {n}x{n} is invalid: {e}"),
    }
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

criterion_group!(benches, correlated, region);
criterion_main!(benches);
