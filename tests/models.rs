//! Every model in `models/` is a test: each scenario, every applicable solver, exact checks.
//!
//! Generic checks for every model and scenario: `solve` verifies regret exactly 0 for every
//! reported profile; every pure equilibrium and every Lemke–Howson answer is among the
//! enumerated extreme equilibria; the LP answer is too for constant-sum games.
//! Specific checks: the flagship `standoff` model's equilibria in each scenario, derived by hand.

use standoff::game::MixedProfile;
use standoff::model::{load, Settings};
use standoff::num::{frac, q, Q};
use standoff::solve::{solve, SolveOptions, SOLVERS};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn model_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    let mut v = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models"), &mut v);
    v.sort();
    v
}

fn set(s: &standoff::solve::Solution) -> BTreeSet<MixedProfile> {
    s.equilibria.iter().map(|e| e.profile.clone()).collect()
}

#[test]
fn every_model_every_scenario_every_solver() {
    let files = model_files();
    assert!(files.len() >= 7);
    for f in files {
        let base = load(&f, &Settings::default()).unwrap();
        let mut settings = vec![Settings::default()];
        for s in &base.model.as_ref().unwrap().scenarios {
            settings.push(Settings { scenario: Some(s.name.clone()), set: vec![] });
        }
        for st in settings {
            let game = load(&f, &st).unwrap().game;
            let opts = SolveOptions::default();
            let auto = solve(&game, standoff::solve::Method::Auto, &opts).unwrap();
            assert!(auto.exact && !auto.equilibria.is_empty() || game.num_players() > 2, "{f:?}");
            for solver in SOLVERS {
                if solver.supports(&game).is_err()
                    || (solver.method() == standoff::solve::Method::Lp && game.constant_sum().is_none())
                {
                    continue;
                }
                let s = solve(&game, solver.method(), &opts)
                    .unwrap_or_else(|e| panic!("{f:?} {st:?} {}: {e}", solver.method()));
                // Approximate answers (`enumpoly`'s irrational roots) were checked by `solve`'s
                // verifier against the regret tolerance.
                for e in s.equilibria.iter().filter(|_| s.exact) {
                    assert_eq!(game.max_regret(&e.profile), q(0), "{f:?} {}", solver.method());
                }
                // `logit` and `simpdiv` may end inside an equilibrium component, not at an extreme point.
                if game.num_players() == 2
                    && !matches!(solver.method(), standoff::solve::Method::Logit | standoff::solve::Method::SimpDiv)
                {
                    let all = set(&solve(&game, standoff::solve::Method::Enum, &opts).unwrap());
                    assert!(set(&s).is_subset(&all), "{f:?} {:?}: {} not within enum", st, solver.method());
                }
            }
        }
    }
}

fn profile(p: Q, r: Q) -> MixedProfile {
    MixedProfile { probs: vec![vec![p.clone(), q(1) - p], vec![r.clone(), q(1) - r]] }
}

fn standoff(scenario: &str) -> BTreeSet<MixedProfile> {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/standoff.toml");
    let st = Settings { scenario: Some(scenario.into()), set: vec![] };
    set(&solve(&load(&f, &st).unwrap().game, standoff::solve::Method::Auto, &SolveOptions::default()).unwrap())
}

#[test]
fn standoff_baseline_is_chicken_with_three_equilibria() {
    // US: Concede 3/1, Hold 5/0. DPRK concedes with q: US indifferent when 3q + (1 - q) = 5q, q = 1/3.
    // DPRK: Concede 2/1, Hold 4/-1 against US Concede with p: 2p + (1 - p) = 4p - (1 - p), p = 1/2.
    let expected = [profile(q(1), q(0)), profile(q(0), q(1)), profile(frac(1, 2), frac(1, 3))];
    assert_eq!(standoff("baseline"), expected.into_iter().collect());
}

#[test]
fn coalition_pressure_moves_the_us_not_the_dprk() {
    // dprk_standoff = -4: DPRK indifferent when 1 + p = 4p - 4(1 - p), p = 5/7; the US's
    // indifference (which fixes the DPRK's mix) is unchanged, q = 1/3.
    let expected = [profile(q(1), q(0)), profile(q(0), q(1)), profile(frac(5, 7), frac(1, 3))];
    assert_eq!(standoff("coalition_pressure"), expected.into_iter().collect());
}

#[test]
fn hawkish_us_makes_hold_dominant_and_the_dprk_concede() {
    // us_sucker = -2: Hold gives the US 5 > 3 and 0 > -2, so Hold strictly dominates; the DPRK's
    // best reply to Hold is Concede (1 > -1). Unique equilibrium (Hold, Concede).
    let expected = [profile(q(0), q(1))];
    assert_eq!(standoff("hawkish_us"), expected.into_iter().collect());
}
