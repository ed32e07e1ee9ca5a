//! Backward induction over 10,000 periods of the war of attrition (`models/attrition.toml` with
//! `horizon = 10000`, defaults otherwise), and the concession analysis of its mixed SPE. Run with
//! `cargo bench --bench attrition`; `ATTRITION_HORIZON=1000` makes it quicker.

use criterion::{criterion_group, criterion_main, Criterion};
use standoff::analysis::attrition::concession;
use standoff::model::{load_multistage, Settings};
use standoff::num::q;
use standoff::solve::tree::multistage::{solve_multistage, Selection};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let horizon: i64 = std::env::var("ATTRITION_HORIZON").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/attrition.toml");
    let mut g = c.benchmark_group("attrition");
    g.sample_size(10);
    for (name, scenario, set) in [
        ("defaults", None, vec![]),
        ("deadline_dprk", Some("deadline_dprk".to_string()), vec![]),
        // Both concede: each gets 1. The continuation values change every period and their exact
        // fractions grow with the horizon, so the cost grows much faster than linearly: 300 periods.
        ("deal_value_1", None, vec![("deal_value".to_string(), q(1))]),
    ] {
        let horizon = if name == "deal_value_1" { horizon.min(300) } else { horizon };
        let mut set = set;
        set.push(("horizon".to_string(), q(horizon)));
        let settings = Settings { scenario, set };
        let game = load_multistage(&path, &settings).expect("model").game;
        g.bench_function(format!("{name}/solve_default_{horizon}"), |b| {
            b.iter(|| solve_multistage(&game, Selection::Default).expect("solve"))
        });
        let spe = solve_multistage(&game, Selection::Mixed).expect("solve").spes.remove(0);
        g.bench_function(format!("{name}/concession_{horizon}"), |b| {
            b.iter(|| concession(&game, &spe).expect("analysis"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
