//! Memory budgets for the big buffers of games (payoff tables, reduced strategies), decided
//! before the work: an estimate is compared with a budget and refused as [`Error::TooLarge`]
//! ("needs about 3.6 GB"), and the buffer itself is reserved fallibly, so running out of
//! memory is an error, never an abort.

use crate::error::{Error, Result};
use crate::num::Q;

/// The memory a strategic form's payoff table may take before it is built: 2 GiB.
pub const PAYOFF_MEMORY_BUDGET: u64 = 2 << 30;

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

/// Refuses a payoff table of `entries` numbers beyond [`PAYOFF_MEMORY_BUDGET`], with the estimate.
pub fn check_payoff_budget(entries: u128, what: &str) -> Result<()> {
    let bytes = entries.saturating_mul(u128::from(BYTES_PER_PAYOFF));
    if bytes > u128::from(PAYOFF_MEMORY_BUDGET) {
        let shown = u64::try_from(bytes).unwrap_or(u64::MAX);
        return Err(Error::TooLarge(format!(
            "{what} has {entries} payoff entries and needs about {} of memory (the limit is {}); \
             reduce the number of players or strategies",
            human_bytes(shown),
            human_bytes(PAYOFF_MEMORY_BUDGET)
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
