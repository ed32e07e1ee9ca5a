//! Memory budgets for the big buffers of games (payoff tables, reduced strategies), decided
//! before the work: an estimate is compared with a budget and refused as [`Error::TooLarge`]
//! ("needs about 3.6 GB"), and the buffer itself is reserved fallibly, so running out of
//! memory is an error, never an abort.

use crate::error::{Error, Result};
use crate::num::Q;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default memory budget (`--max-memory`): 2 GiB. A strategic form's payoff table may take
/// all of it; a reduced strategy list half ([`reduced_strategy_budget`]); reading a TOML model a
/// quarter ([`toml_budget`]), since the game it describes is built afterwards.
pub const PAYOFF_MEMORY_BUDGET: u64 = 2 << 30;

/// The caps a user may raise (or lower) from the command line, one flag each. They are set once
/// by the binary before any work ([`set_limits`]) and read where the estimate is made, so the
/// parsers and solvers deep below keep their signatures; the library's defaults are
/// [`Limits::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `--max-memory`: bytes any one big buffer (payoff table, strategy list, tableau, periods)
    /// may be estimated to take.
    pub memory: u64,
    /// `--max-input`: bytes of a model or game file.
    pub input: u64,
    /// `--max-digits`: digits of one number literal (in a file or a `--set` value).
    pub digits: u64,
    /// `--max-work`: elementary floating-point operations one computation may be estimated to
    /// take (an exact big-integer operation counts as [`EXACT_OP_COST`]).
    pub work: u64,
    /// `--max-pivots`: pivots of one Lemke or Lemke–Howson run; `None` for the default
    /// ([`pivot_budget`]: [`DEFAULT_MAX_PIVOTS`], fewer on big tableaux).
    pub pivots: Option<u64>,
    /// `--max-profiles`: pure profiles of a game whose correlated equilibria are computed by one
    /// exact LP (`--method correlated`, `region`); the LP has one variable per profile.
    pub profiles: u64,
}

/// The default `--max-input`: 256 MiB.
pub const DEFAULT_MAX_INPUT: u64 = 256 << 20;
/// The default `--max-digits`.
pub const DEFAULT_MAX_DIGITS: u64 = 10_000;
/// The default `--max-work`: 10^10 operations, tens of seconds at most.
pub const DEFAULT_MAX_WORK: u64 = 10_000_000_000;
/// Floating-point operations one exact big-integer operation counts as in `--max-work`.
pub const EXACT_OP_COST: u64 = 100;
/// The default `--max-pivots`.
pub const DEFAULT_MAX_PIVOTS: u64 = 1_000_000;
/// The default `--max-profiles`: the exact correlated-equilibrium LP of a game with at most this
/// many pure profiles.
pub const DEFAULT_MAX_PROFILES: u64 = 1024;
/// Reduced pure-strategy profiles of a tree's reduced strategic form allowed at the default
/// `--max-memory`; scaled with it ([`reduced_profile_limit`]).
pub const DEFAULT_REDUCED_PROFILES: u64 = 2_000_000;
/// Reduced pure strategies of one player allowed at the default `--max-memory`; scaled with it
/// ([`reduced_strategy_limit`]).
pub const DEFAULT_REDUCED_STRATEGIES: u64 = 100_000;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            memory: PAYOFF_MEMORY_BUDGET,
            input: DEFAULT_MAX_INPUT,
            digits: DEFAULT_MAX_DIGITS,
            work: DEFAULT_MAX_WORK,
            pivots: None,
            profiles: DEFAULT_MAX_PROFILES,
        }
    }
}

static MEMORY: AtomicU64 = AtomicU64::new(PAYOFF_MEMORY_BUDGET);
static INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);
static DIGITS: AtomicU64 = AtomicU64::new(DEFAULT_MAX_DIGITS);
static WORK: AtomicU64 = AtomicU64::new(DEFAULT_MAX_WORK);
/// `--max-pivots`, or 0 for the default.
static PIVOTS: AtomicU64 = AtomicU64::new(0);
static PROFILES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_PROFILES);

/// Sets the limits for the rest of the process (the binary does this once, from its flags).
pub fn set_limits(limits: Limits) {
    MEMORY.store(limits.memory, Ordering::Relaxed);
    INPUT.store(limits.input, Ordering::Relaxed);
    DIGITS.store(limits.digits, Ordering::Relaxed);
    WORK.store(limits.work, Ordering::Relaxed);
    PIVOTS.store(limits.pivots.unwrap_or(0), Ordering::Relaxed);
    PROFILES.store(limits.profiles, Ordering::Relaxed);
}

/// The limits in force.
pub fn limits() -> Limits {
    Limits {
        memory: MEMORY.load(Ordering::Relaxed),
        input: INPUT.load(Ordering::Relaxed),
        digits: DIGITS.load(Ordering::Relaxed),
        work: WORK.load(Ordering::Relaxed),
        pivots: Some(PIVOTS.load(Ordering::Relaxed)).filter(|&p| p > 0),
        profiles: PROFILES.load(Ordering::Relaxed),
    }
}

/// The most pure profiles of a game whose correlated equilibria are one exact LP
/// (`--max-profiles`).
pub fn correlated_profile_limit() -> usize {
    usize::try_from(limits().profiles).unwrap_or(usize::MAX)
}

/// `default` scaled by `--max-memory` over its default (2 GiB), at least 1: the caps on a tree's
/// reduced strategic form grow and shrink with the memory allowed.
fn scaled_by_memory(default: u64) -> u128 {
    (u128::from(default) * u128::from(limits().memory) / u128::from(PAYOFF_MEMORY_BUDGET)).max(1)
}

/// The most profiles of a tree's reduced strategic form: [`DEFAULT_REDUCED_PROFILES`] at the
/// default `--max-memory`, in proportion to it otherwise.
pub fn reduced_profile_limit() -> u128 {
    scaled_by_memory(DEFAULT_REDUCED_PROFILES)
}

/// The most reduced strategies of one player: [`DEFAULT_REDUCED_STRATEGIES`] at the default
/// `--max-memory`, in proportion to it otherwise.
pub fn reduced_strategy_limit() -> u128 {
    scaled_by_memory(DEFAULT_REDUCED_STRATEGIES)
}

/// The pivots a Lemke run may make on a tableau of `entries` entries (`exact`: big-integer
/// entries): `--max-pivots` if given, otherwise [`DEFAULT_MAX_PIVOTS`] or as many as
/// `--max-work` allows (each pivot updates every entry), whichever is fewer, and at least 100.
pub fn pivot_budget(entries: u64, exact: bool) -> u64 {
    let per_pivot = entries.max(1).saturating_mul(if exact { EXACT_OP_COST } else { 1 });
    limits().pivots.unwrap_or_else(|| DEFAULT_MAX_PIVOTS.min((limits().work / per_pivot).max(100)))
}

/// Refuses a computation estimated at `ops` operations beyond `--max-work`, with the estimate.
pub fn check_work(ops: u128, what: &str) -> Result<()> {
    let limit = limits().work;
    if ops > u128::from(limit) {
        return Err(Error::TooLarge(format!(
            "{what} needs about {:.1e} operations (the limit is {:.1e}; raise it with --max-work)",
            ops as f64, limit as f64
        )));
    }
    Ok(())
}

/// The memory budget for a reduced strategy list: half of `--max-memory`.
pub fn reduced_strategy_budget() -> u64 {
    limits().memory / 2
}

/// The memory budget for reading a TOML model: a quarter of `--max-memory`.
pub fn toml_budget() -> u64 {
    limits().memory / 4
}

/// Refuses an estimate of `bytes` for `what` beyond `--max-memory`, with the estimate and the flag.
pub fn check_memory(bytes: u128, what: &str) -> Result<()> {
    let limit = limits().memory;
    if bytes > u128::from(limit) {
        return Err(Error::TooLarge(format!(
            "{what} needs about {} of memory (the limit is {}; raise it with --max-memory)",
            human_bytes(u64::try_from(bytes).unwrap_or(u64::MAX)),
            human_bytes(limit)
        )));
    }
    Ok(())
}

/// Estimated bytes per stored payoff: the exact number itself plus its two small heap limbs.
pub const BYTES_PER_PAYOFF: u64 = std::mem::size_of::<Q>() as u64 + 16;

/// "about 1.3 GB" (decimal units, one decimal below 10).
pub fn human_bytes(bytes: u64) -> String {
    let b = bytes as f64;
    let (v, unit) = if b >= 1e9 {
        (b / 1e9, "GB")
    } else if b >= 1e6 {
        (b / 1e6, "MB")
    } else {
        (b / 1e3, "kB")
    };
    if v < 10.0 {
        format!("{v:.1} {unit}")
    } else {
        format!("{v:.0} {unit}")
    }
}

/// Refuses a payoff table of `entries` numbers beyond `--max-memory`, with the estimate.
pub fn check_payoff_budget(entries: u128, what: &str) -> Result<()> {
    let bytes = entries.saturating_mul(u128::from(BYTES_PER_PAYOFF));
    let limit = limits().memory;
    if bytes > u128::from(limit) {
        let shown = u64::try_from(bytes).unwrap_or(u64::MAX);
        return Err(Error::TooLarge(format!(
            "{what} has {entries} payoff entries and needs about {} of memory (the limit is {}; \
             raise it with --max-memory); reduce the number of players or strategies",
            human_bytes(shown),
            human_bytes(limit)
        )));
    }
    Ok(())
}

/// A vector with room for `n` items, or a [`Error::TooLarge`] if the memory is not available
/// (never an abort).
pub fn vec_with_capacity<T>(n: usize, what: &str) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| {
        let bytes = (n as u64).saturating_mul(std::mem::size_of::<T>() as u64);
        Error::TooLarge(format!("{what} needs about {} of memory, which is not available", human_bytes(bytes)))
    })?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_and_human_bytes() {
        assert_eq!(human_bytes(1_340_000_000), "1.3 GB");
        assert_eq!(human_bytes(25_000_000_000), "25 GB");
        assert!(check_payoff_budget(1000, "g").is_ok());
        let e = check_payoff_budget(1 << 40, "the game").unwrap_err();
        assert!(matches!(e, Error::TooLarge(_)) && e.to_string().contains("needs about"), "{e}");
        let e = vec_with_capacity::<[u8; 1 << 20]>(1 << 40, "a buffer").unwrap_err();
        assert!(e.to_string().contains("not available"), "{e}");
    }
}
