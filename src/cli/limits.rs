//! The global limit flags: `--max-memory`, `--max-input`, `--max-digits`, `--max-work`,
//! `--max-pivots`, `--max-profiles`.
//!
//! Every command estimates its work before doing it and refuses with the estimate and the flag
//! that raises the cap; these flags set the caps for the whole process
//! ([`standoff::game::budget::set_limits`]). Per-command caps stay with their command
//! (`solve --max-vertices`, `sweep --max-points`).

use clap::Args;
use standoff::game::budget::{
    Limits, DEFAULT_MAX_DIGITS, DEFAULT_MAX_INPUT, DEFAULT_MAX_PROFILES, DEFAULT_MAX_WORK, PAYOFF_MEMORY_BUDGET,
};

/// Caps on memory, input size and work, for every subcommand.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Refuse work whose biggest buffer is estimated above SIZE (e.g. 512MB, 8GB) [default: 2GiB].
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub max_memory: Option<u64>,
    /// Refuse model and game files larger than SIZE [default: 256MiB].
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    pub max_input: Option<u64>,
    /// Refuse numbers with more than N digits, in files and --set values [default: 10000].
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_digits: Option<u64>,
    /// Refuse computations estimated above N operations (an exact one counts 100) [default: 1e10].
    #[arg(long, global = true, value_name = "N", value_parser = parse_count)]
    pub max_work: Option<u64>,
    /// Stop Lemke or Lemke-Howson after N pivots [default: 1000000, fewer on big tableaux].
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_pivots: Option<u64>,
    /// Refuse the exact correlated-equilibrium LP (correlated, region) on games of more than N
    /// pure profiles [default: 1024].
    #[arg(long, global = true, value_name = "N", value_parser = parse_count)]
    pub max_profiles: Option<u64>,
}

impl LimitArgs {
    /// The limits these flags ask for (defaults where a flag is absent).
    pub fn limits(&self) -> Limits {
        Limits {
            memory: self.max_memory.unwrap_or(PAYOFF_MEMORY_BUDGET),
            input: self.max_input.unwrap_or(DEFAULT_MAX_INPUT),
            digits: self.max_digits.unwrap_or(DEFAULT_MAX_DIGITS),
            work: self.max_work.unwrap_or(DEFAULT_MAX_WORK),
            pivots: self.max_pivots,
            profiles: self.max_profiles.unwrap_or(DEFAULT_MAX_PROFILES),
        }
    }
}

/// A size in bytes: `4096`, `64kB`, `512MB`, `2GB`, `1.5GB` (decimal units), or `2GiB`, `512MiB`
/// (binary units).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        u => return Err(format!("unknown unit `{u}` (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)")),
    };
    let v: f64 = num.parse().map_err(|_| format!("`{text}` is not a size (e.g. 512MB, 8GB)"))?;
    let bytes = v * scale;
    if !(1.0..1.8e19).contains(&bytes) {
        return Err(format!("`{text}` is out of range (at least 1 byte)"));
    }
    Ok(bytes as u64)
}

/// A positive count, plain (`20000000`) or in scientific notation (`2e7`).
pub fn parse_count(text: &str) -> Result<u64, String> {
    if let Ok(v) = text.trim().parse::<u64>() {
        return if v > 0 { Ok(v) } else { Err("must be at least 1".into()) };
    }
    match text.trim().parse::<f64>() {
        Ok(v) if (1.0..1.8e19).contains(&v) => Ok(v as u64),
        _ => Err(format!("`{text}` is not a positive count (e.g. 20000000 or 2e7)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512MB"), Ok(512_000_000));
        assert_eq!(parse_size("1.5GB"), Ok(1_500_000_000));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("64 kB"), Ok(64_000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").unwrap_err().contains("unknown unit"));
        assert!(parse_size("GB").is_err());
        assert_eq!(parse_count("2e7"), Ok(20_000_000));
        assert_eq!(parse_count("15"), Ok(15));
        assert!(parse_count("0").is_err() && parse_count("x").is_err());
    }
}
