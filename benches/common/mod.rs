//! The random games every benchmark uses: a splitmix64 generator with fixed seeds, so the same
//! games are timed everywhere (`mod common;` in each bench file).

use standoff::game::{NormalForm, Player};
use standoff::num::q;

/// splitmix64: a tiny, well-mixed 64-bit generator (Steele, Lea and Flood, 2014).
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (rejection sampling, no modulo bias).
    pub fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % bound;
            }
        }
    }
}

/// A random game of the given shape with integer payoffs in `0..range`, payoffs in Gambit order.
pub fn random_game(shape: &[usize], seed: u64, range: u64) -> NormalForm {
    let players: Vec<Player> = shape
        .iter()
        .enumerate()
        .map(|(i, &k)| Player { name: format!("{}", i + 1), strategies: (1..=k).map(|s| format!("s{s}")).collect() })
        .collect();
    let entries = shape.iter().product::<usize>() * shape.len();
    let mut rng = SplitMix64(seed);
    let payoffs = (0..entries).map(|_| q(rng.below(range) as i64)).collect();
    let title = format!("random {shape:?} seed {seed}, payoffs 0..{}", range - 1);
    match NormalForm::from_flat(title, players, payoffs) {
        Ok(game) => game,
        Err(e) => panic!("benchmark game {shape:?} is invalid: {e}"),
    }
}
