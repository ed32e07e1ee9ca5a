//! Helpers shared by the N-player solver tests (`tests/gnm.rs`, `tests/simpdiv.rs`,
//! `tests/nplayer.rs`): the reference corpus, random games, and the checks every certified
//! answer must pass. Each test crate uses part of it.
#![allow(dead_code)]

use num_traits::{Signed, Zero};
use standoff::model::{load, Settings};
use standoff::num::{parse_q, to_f64, Q};
use standoff::solve::{solve, Method, Solution, SolveOptions};
use standoff::NormalForm;
use std::path::{Path, PathBuf};

/// `tests/data`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// `tests/data/reference` (Gambit's games and results).
pub fn reference_dir() -> PathBuf {
    data_dir().join("reference")
}

/// A game file, loaded with default settings.
pub fn load_game(path: &Path) -> NormalForm {
    load(path, &Settings::default()).unwrap().game
}

/// A game of the reference corpus by file name.
pub fn reference_game(name: &str) -> NormalForm {
    load_game(&reference_dir().join("games").join(name))
}

/// The regret bound of the checks, `1e-9`.
pub fn one_billionth() -> Q {
    parse_q("1e-9").unwrap()
}

/// A profile's probabilities as floats, player by player.
pub fn flat(p: &standoff::MixedProfile) -> Vec<f64> {
    p.probs.iter().flatten().map(to_f64).collect()
}

/// The `standoff` binary.
pub fn standoff_bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("standoff").unwrap()
}

/// A random game of `shape` with integer payoffs in `lo..=hi` from `seed` (xorshift64; the
/// same games on every platform).
pub fn random_game(shape: &[usize], seed: u64, lo: i64, hi: i64) -> NormalForm {
    let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let modulus = (hi - lo + 1) as u64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % modulus) as i64 + lo
    };
    let players = shape
        .iter()
        .enumerate()
        .map(|(i, &m)| standoff::Player {
            name: format!("P{}", i + 1),
            strategies: (0..m).map(|j| format!("s{j}")).collect(),
        })
        .collect();
    let n = shape.iter().product::<usize>() * shape.len();
    NormalForm::from_flat("random", players, (0..n).map(|_| Q::from_integer(next().into())).collect()).unwrap()
}

/// Checks every equilibrium of a certified answer: max regret recomputed exactly here is 0 or
/// at most 1e-9; probabilities are a distribution; a pure answer is among `pure`'s; `exact` is
/// true exactly when every regret is 0. Returns the regrets.
pub fn check_certified(name: &str, game: &NormalForm, sol: &Solution) -> Vec<Q> {
    let mut regrets = Vec::new();
    for eq in &sol.equilibria {
        let regret = game.max_regret(&eq.profile);
        assert!(regret <= one_billionth(), "{name}: regret {}", to_f64(&regret));
        for probs in &eq.profile.probs {
            assert_eq!(probs.iter().sum::<Q>(), Q::from_integer(1.into()), "{name}");
            assert!(probs.iter().all(|x| !x.is_negative()), "{name}");
        }
        if let Some(pure) = eq.profile.as_pure() {
            let all = solve(game, Method::Pure, &SolveOptions::default()).unwrap();
            assert!(
                all.equilibria.iter().any(|e| e.profile.as_pure().as_ref() == Some(&pure)),
                "{name}: pure answer {pure:?} is not among `pure`'s"
            );
        }
        regrets.push(regret);
    }
    assert_eq!(sol.exact, regrets.iter().all(Q::is_zero), "{name}");
    regrets
}
