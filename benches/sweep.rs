//! Criterion benchmark of a large sweep: models/standoff.toml over two parameters.
//!
//! `sweep_1000x1000`: us_sucker over -5..5 and dprk_standoff over -8..2, 1000 points each (a
//! million grid points), all equilibria at each point, every point written as CSV rows into a
//! sink in ordered chunks ([`Sweep::stream`], the path of `standoff sweep --format csv`). Small sample:
//! the whole sweep is one iteration.
//!
//! Run with `cargo bench --bench sweep`; `RAYON_NUM_THREADS` sets the number of threads.

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use standoff::analysis::sweep::{Grid, Subject, Sweep, CHUNK};
use standoff::model::Model;
use standoff::output::sweep::SweepCsv;

fn sweep_csv(model: &Model, steps: usize) -> u64 {
    let specs = [format!("us_sucker=-5:5:{steps}"), format!("dprk_standoff=-8:2:{steps}")];
    let grid = Grid::from_specs(model, &specs, u64::MAX).expect("grid");
    let total = grid.total;
    let sweep = Sweep::new(model, model.default_values(), grid, standoff::solve::Method::Auto);
    let subject = Subject::of(model, &model.default_values()).expect("subject");
    let csv = SweepCsv::with_axes(&subject, &sweep.grid().axes);
    let mut sink = std::io::sink();
    let mut bytes = 0u64;
    sink.write_all(csv.header(&sweep.grid().axes).as_bytes()).expect("sink");
    sweep
        .stream(
            0..total,
            CHUNK,
            |points, out: &mut String| {
                out.clear();
                csv.push_points(points, out);
            },
            |_, text| {
                bytes += text.len() as u64;
                sink.write_all(text.as_bytes()).expect("sink");
                Ok(())
            },
            &|_| {},
        )
        .expect("sweep");
    bytes
}

/// The same sweep without output: the cost of solving alone.
fn sweep_only(model: &Model, steps: usize) -> usize {
    let specs = [format!("us_sucker=-5:5:{steps}"), format!("dprk_standoff=-8:2:{steps}")];
    let grid = Grid::from_specs(model, &specs, u64::MAX).expect("grid");
    let total = grid.total;
    let sweep = Sweep::new(model, model.default_values(), grid, standoff::solve::Method::Auto);
    let mut n = 0;
    sweep
        .run(
            0..total,
            CHUNK,
            |points| {
                n += points.iter().map(|p| p.equilibria.len()).sum::<usize>();
                Ok(())
            },
            &|_| {},
        )
        .expect("sweep");
    n
}

fn bench(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/standoff.toml");
    let src = std::fs::read_to_string(&path).expect("model");
    let model = Model::parse("standoff.toml", &src).expect("parse");
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    group.bench_function("standoff_100x100_solve_only", |b| b.iter(|| black_box(sweep_only(&model, 100))));
    group.bench_function("standoff_100x100", |b| b.iter(|| black_box(sweep_csv(&model, 100))));
    group.bench_function("standoff_1000x1000", |b| b.iter(|| black_box(sweep_csv(&model, 1000))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
