//! Exact rational numbers and helpers.
//!
//! Every payoff and probability in `standoff` is a [`Q`], an arbitrary-precision
//! rational. Floats appear only inside approximate code paths and in charts.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The exact rational type used throughout the crate.
pub type Q = num_rational::BigRational;

/// An integer as a [`Q`].
pub fn q(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// The fraction `n/d` as a [`Q`]. Panics if `d == 0`; use only with constant denominators.
pub fn frac(n: i64, d: i64) -> Q {
    Q::new(BigInt::from(n), BigInt::from(d))
}

/// Formats a rational the way Gambit and our JSON do: `"-1"`, `"2/3"`.
pub fn fmt_q(x: &Q) -> String {
    x.to_string()
}

/// Converts to the nearest `f64` (for display and charts only).
pub fn to_f64(x: &Q) -> f64 {
    match (x.numer().to_f64(), x.denom().to_f64()) {
        (Some(n), Some(d)) if n.is_finite() && d.is_finite() => n / d,
        _ => {
            // Huge numerator or denominator: scale down by a power of two first.
            let shift = x.numer().bits().max(x.denom().bits()).saturating_sub(1000);
            let n = (x.numer() >> shift).to_f64().unwrap_or(f64::NAN);
            let d = (x.denom() >> shift).to_f64().unwrap_or(f64::NAN);
            n / d
        }
    }
}

/// Why a string is not an exact number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NumberError(pub String);

/// Parses an exact number: integers (`-3`), fractions (`-7/2`), decimals (`0.25`,
/// `.5`, `7.600000`) and scientific notation (`1.5e-3`). Decimals are read exactly:
/// `0.1` is `1/10`.
pub fn parse_q(s: &str) -> Result<Q, NumberError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(NumberError("expected a number, found nothing".into()));
    }
    if let Some((n, d)) = t.split_once('/') {
        let n = parse_decimal(n.trim())?;
        let d = parse_decimal(d.trim())?;
        if d.is_zero() {
            return Err(NumberError(format!("`{t}` divides by zero")));
        }
        return Ok(n / d);
    }
    parse_decimal(t)
}

fn parse_decimal(t: &str) -> Result<Q, NumberError> {
    let bad = || NumberError(format!("`{t}` is not a number (expected e.g. 3, -7/2, 0.25, 1e-3)"));
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => {
            let e: i64 = t[i + 1..].parse().map_err(|_| bad())?;
            (&t[..i], e)
        }
        None => (t, 0),
    };
    let (neg, m) = match mantissa.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (int_part, frac_part) = match m.split_once('.') {
        Some((a, b)) => (a, b),
        None => (m, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(bad());
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if exp.abs() > 10_000 {
        return Err(NumberError(format!("`{t}`: exponent too large")));
    }
    let digits = format!("{int_part}{frac_part}");
    let mut n: BigInt = if digits.is_empty() { BigInt::zero() } else { digits.parse().map_err(|_| bad())? };
    if neg {
        n = -n;
    }
    let scale = exp - frac_part.len() as i64;
    let ten = BigInt::from(10);
    Ok(if scale >= 0 {
        Q::from_integer(n * num_traits::pow(ten, scale as usize))
    } else {
        Q::new(n, num_traits::pow(ten, (-scale) as usize))
    })
}

/// Converts an `f64` read from a TOML file to the exact number its shortest
/// decimal representation denotes (`0.1` becomes `1/10`, not the binary double).
pub fn from_f64_shortest(x: f64) -> Option<Q> {
    if !x.is_finite() {
        return None;
    }
    parse_q(&format!("{x:e}")).ok()
}

/// Least common multiple of the denominators of `xs` (1 for an empty slice).
pub fn common_denominator<'a>(xs: impl IntoIterator<Item = &'a Q>) -> BigInt {
    xs.into_iter().fold(BigInt::one(), |acc, x| acc.lcm(x.denom()))
}

/// `x^e` for an integer exponent (negative allowed when `x != 0`).
pub fn pow_q(x: &Q, e: i64) -> Option<Q> {
    if e < 0 && x.is_zero() {
        return None;
    }
    // Numerator and denominator are coprime, so their powers are too: no gcd on the way (a
    // generic `pow` through `Mul` reduces at every squaring, which dominates for long values).
    let k = e.unsigned_abs() as usize;
    let p = Q::new_raw(num_traits::pow(x.numer().clone(), k), num_traits::pow(x.denom().clone(), k));
    Some(if e < 0 { p.recip() } else { p })
}

/// True if `x` is an integer.
pub fn is_integer(x: &Q) -> bool {
    x.is_integer()
}

/// Absolute value.
pub fn abs_q(x: &Q) -> Q {
    x.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_q("0.1").unwrap(), frac(1, 10));
        assert_eq!(parse_q("-7/2").unwrap(), frac(-7, 2));
        assert_eq!(parse_q("7.600000").unwrap(), frac(38, 5));
        assert_eq!(parse_q("1.5e-3").unwrap(), frac(3, 2000));
        assert_eq!(parse_q("2E2").unwrap(), q(200));
        assert_eq!(parse_q(".5").unwrap(), frac(1, 2));
        assert_eq!(parse_q("+3").unwrap(), q(3));
        assert!(parse_q("1/0").is_err());
        assert!(parse_q("abc").is_err());
        assert!(parse_q("").is_err());
        assert!(parse_q("-").is_err());
        assert!(parse_q("1e").is_err());
    }

    #[test]
    fn formats_like_gambit() {
        assert_eq!(fmt_q(&frac(2, 3)), "2/3");
        assert_eq!(fmt_q(&q(-1)), "-1");
        assert_eq!(fmt_q(&frac(4, 2)), "2");
    }

    #[test]
    fn shortest_float() {
        assert_eq!(from_f64_shortest(0.1).unwrap(), frac(1, 10));
        assert_eq!(from_f64_shortest(-2.5).unwrap(), frac(-5, 2));
        assert_eq!(from_f64_shortest(f64::NAN), None);
    }

    #[test]
    fn to_float() {
        assert!((to_f64(&frac(1, 3)) - 1.0 / 3.0).abs() < 1e-15);
    }
}
