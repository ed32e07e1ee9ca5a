//! Integer-pivoting simplex tableaux with lexicographic ratio tests.
//!
//! The tableau stays integral: after a pivot every entry is divided exactly by the
//! previous pivot element (the basis determinant). Entries are subdeterminants of the
//! initial matrix, so their size is bounded by Hadamard's inequality; we pick the
//! narrowest integer type that provably holds them ("hybrid arithmetic" in lrslib's
//! words): `i64` with `i128` intermediates, `i128` with wide intermediates, 256-bit and 512-bit
//! entries with exact division by 2-adic inversion (no wide intermediates), or `BigInt`.
//!
//! Degeneracy is resolved by the lexicographic rule: ties in the ratio test are broken
//! by comparing rows of the basis inverse, which is the simplex method on a perturbed,
//! non-degenerate right-hand side. This never cycles.

use bnum::cast::As;
use bnum::types::{I512, U512};
use ethnum::{I256, U256};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt::Debug;

/// Integer arithmetic used by tableaux. Operations report overflow with `None`; the caller
/// then restarts the computation in a wider type.
pub trait TabInt: Clone + Debug + PartialEq {
    /// Converts from a big integer, if it fits.
    fn from_big(x: &BigInt) -> Option<Self>;
    /// Converts to a big integer.
    fn to_big(&self) -> BigInt;
    /// True if zero.
    fn is_zero_(&self) -> bool;
    /// True if strictly positive.
    fn is_pos(&self) -> bool;
    /// `(a*b - c*d) / e`, where the division is known to be exact; `None` if the result
    /// does not fit.
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Option<Self>;
    /// Compares `a*b` with `c*d`, exactly.
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering;
    /// The value as an `i128`, if it fits.
    fn as_i128(&self) -> Option<i128>;
    /// From an `i128`, if it fits.
    fn from_i128(x: i128) -> Option<Self>;
    /// The value as a 512-bit integer, if it fits: conversions between the fixed widths pass
    /// through it without allocating.
    fn to_i512(&self) -> Option<I512> {
        I512::from_big(&self.to_big())
    }
    /// From a 512-bit integer, if it fits.
    fn from_i512(x: &I512) -> Option<Self> {
        Self::from_big(&x.to_big())
    }
    /// Bit length of the absolute value: the least `b` with `|x| < 2^b`.
    fn bit_len(&self) -> u32 {
        u32::try_from(self.to_big().bits()).unwrap_or(u32::MAX)
    }
    /// One row of a pivot on `piv` in column `col`: pushes `(x * piv - row[col] * p) / det` onto
    /// `out` for each entry `x` of `row` and `p` of the pivot row `prow`; `None` on overflow (`out`
    /// is then partly written). Fixed widths override it to prepare the division once per row.
    fn pivot_row(out: &mut Vec<Self>, row: &[Self], prow: &[Self], col: usize, piv: &Self, det: &Self) -> Option<()> {
        let f = &row[col];
        if f.is_zero_() {
            for x in row {
                out.push(if x.is_zero_() { x.clone() } else { Self::pivot_op(x, piv, f, f, det)? });
            }
        } else {
            for (x, p) in row.iter().zip(prow) {
                out.push(Self::pivot_op(x, piv, f, p, det)?);
            }
        }
        Some(())
    }
}

/// The inverse of an odd `e` modulo `2^64`, by Newton's iteration `x <- x (2 - e x)`, which
/// doubles the number of correct low bits each step. Any odd `e` is its own inverse modulo 8.
fn inverse_mod_2_64(e: u64) -> u64 {
    let mut x = e;
    for _ in 0..5 {
        // 3 -> 6 -> 12 -> 24 -> 48 -> 96 >= 64 correct bits.
        x = x.wrapping_mul(2u64.wrapping_sub(e.wrapping_mul(x)));
    }
    x
}

/// The inverse of an odd `e` modulo `2^128` (one more Newton step).
fn inverse_mod_2_128(e: u128) -> u128 {
    let x = inverse_mod_2_64(e as u64) as u128;
    x.wrapping_mul(2u128.wrapping_sub(e.wrapping_mul(x)))
}

/// A divisor prepared for exact division by 2-adic inversion: `e = 2^k e'` with `e'` odd, its
/// bit length `be`, and the inverse of `e'` modulo the width's power of two.
#[derive(Clone, Copy)]
struct Divisor<T, U> {
    e: T,
    be: u32,
    k: u32,
    inv: U,
}

impl TabInt for i64 {
    fn from_big(x: &BigInt) -> Option<Self> {
        x.to_i64()
    }
    fn to_big(&self) -> BigInt {
        BigInt::from(*self)
    }
    fn is_zero_(&self) -> bool {
        *self == 0
    }
    fn is_pos(&self) -> bool {
        *self > 0
    }
    #[inline]
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Option<Self> {
        // Each product is below 2^126 in magnitude, so the difference fits in i128.
        i64::try_from((*a as i128 * *b as i128 - *c as i128 * *d as i128) / *e as i128).ok()
    }
    #[inline]
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        (*a as i128 * *b as i128).cmp(&(*c as i128 * *d as i128))
    }
    fn as_i128(&self) -> Option<i128> {
        Some(*self as i128)
    }
    fn from_i128(x: i128) -> Option<Self> {
        i64::try_from(x).ok()
    }
    fn to_i512(&self) -> Option<I512> {
        Some((*self).as_())
    }
    fn from_i512(x: &I512) -> Option<Self> {
        (bits512(x) <= 63).then(|| (*x).as_())
    }
    fn bit_len(&self) -> u32 {
        64 - self.unsigned_abs().leading_zeros()
    }
    /// The quotient by 2-adic inversion (two 64-bit products), checked by multiplying back; the
    /// 128-bit division only when the check fails (the quotient does not fit, or `det` has many
    /// trailing zero bits).
    fn pivot_row(out: &mut Vec<Self>, row: &[Self], prow: &[Self], col: usize, piv: &Self, det: &Self) -> Option<()> {
        if *det == 0 {
            return None;
        }
        let (e, k) = (*det as i128, det.trailing_zeros());
        let inv = inverse_mod_2_64((*det >> k) as u64);
        let quot = |z: i128| {
            let r = ((z as u64).wrapping_mul(inv) as i64) >> k;
            // |r| <= 2^63 and |e| <= 2^63: the check cannot overflow.
            if r as i128 * e == z {
                Some(r)
            } else {
                i64::try_from(z / e).ok()
            }
        };
        let (piv, f) = (*piv as i128, row[col] as i128);
        if f == 0 {
            for &x in row {
                out.push(if x == 0 { 0 } else { quot(x as i128 * piv)? });
            }
        } else {
            for (&x, &p) in row.iter().zip(prow) {
                out.push(quot(x as i128 * piv - f * p as i128)?);
            }
        }
        Some(())
    }
}

impl TabInt for i128 {
    fn from_big(x: &BigInt) -> Option<Self> {
        x.to_i128()
    }
    fn to_big(&self) -> BigInt {
        BigInt::from(*self)
    }
    fn is_zero_(&self) -> bool {
        *self == 0
    }
    fn is_pos(&self) -> bool {
        *self > 0
    }
    #[inline]
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Option<Self> {
        if let (Some(x), Some(y)) = (a.checked_mul(*b), c.checked_mul(*d)) {
            if let Some(z) = x.checked_sub(y) {
                return Some(z / e);
            }
        }
        // 256-bit intermediates: each product is below 2^254, the difference below 2^255.
        let z = I256::from(*a) * I256::from(*b) - I256::from(*c) * I256::from(*d);
        i128::try_from(z / I256::from(*e)).ok()
    }
    #[inline]
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        if let (Some(x), Some(y)) = (a.checked_mul(*b), c.checked_mul(*d)) {
            return x.cmp(&y);
        }
        (I256::from(*a) * I256::from(*b)).cmp(&(I256::from(*c) * I256::from(*d)))
    }
    fn as_i128(&self) -> Option<i128> {
        Some(*self)
    }
    fn from_i128(x: i128) -> Option<Self> {
        Some(x)
    }
    fn to_i512(&self) -> Option<I512> {
        Some((*self).as_())
    }
    fn from_i512(x: &I512) -> Option<Self> {
        (bits512(x) <= 127).then(|| (*x).as_())
    }
    fn bit_len(&self) -> u32 {
        128 - self.unsigned_abs().leading_zeros()
    }
    /// Exact division by 2-adic inversion modulo `2^128` when the operand sizes allow it (see the
    /// [`I256`] implementation), otherwise through 256-bit entries.
    fn pivot_row(out: &mut Vec<Self>, row: &[Self], prow: &[Self], col: usize, piv: &Self, det: &Self) -> Option<()> {
        if *det == 0 {
            return None;
        }
        let k = det.trailing_zeros();
        let dv = Divisor { e: *det, be: det.bit_len(), k, inv: inverse_mod_2_128((*det >> k) as u128) };
        let (piv, f) = ((*piv, piv.bit_len()), (row[col], row[col].bit_len()));
        if f.1 == 0 {
            for &x in row {
                out.push(if x == 0 { 0 } else { div128((x, x.bit_len()), piv, f, f, &dv)? });
            }
        } else {
            for (&x, &p) in row.iter().zip(prow) {
                out.push(div128((x, x.bit_len()), piv, f, (p, p.bit_len()), &dv)?);
            }
        }
        Some(())
    }
}

/// `(a*b - c*d) / e` for an exact quotient, each operand with its bit length.
#[inline]
fn div128(a: (i128, u32), b: (i128, u32), c: (i128, u32), d: (i128, u32), dv: &Divisor<i128, u128>) -> Option<i128> {
    let p = (a.1 + b.1).max(c.1 + d.1);
    let need = (p + 2).saturating_sub(dv.be) + dv.k;
    if need > 127 {
        let w = I256::from;
        return i128::try_from(I256::pivot_op(&w(a.0), &w(b.0), &w(c.0), &w(d.0), &w(dv.e))?).ok();
    }
    let n = (a.0 as u128).wrapping_mul(b.0 as u128).wrapping_sub((c.0 as u128).wrapping_mul(d.0 as u128));
    Some((n.wrapping_mul(dv.inv) as i128) >> dv.k)
}

impl TabInt for BigInt {
    fn from_big(x: &BigInt) -> Option<Self> {
        Some(x.clone())
    }
    fn to_big(&self) -> BigInt {
        self.clone()
    }
    fn is_zero_(&self) -> bool {
        self.is_zero()
    }
    fn is_pos(&self) -> bool {
        self.is_positive()
    }
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Option<Self> {
        Some((a * b - c * d) / e)
    }
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        (a * b).cmp(&(c * d))
    }
    fn as_i128(&self) -> Option<i128> {
        self.to_i128()
    }
    fn from_i128(x: i128) -> Option<Self> {
        Some(BigInt::from(x))
    }
    fn to_i512(&self) -> Option<I512> {
        I512::from_big(self)
    }
    fn from_i512(x: &I512) -> Option<Self> {
        Some(x.to_big())
    }
    fn bit_len(&self) -> u32 {
        u32::try_from(self.bits()).unwrap_or(u32::MAX)
    }
}

/// Bit length of `|x|`: the least `b` with `|x| < 2^b`.
#[inline]
fn bits256(x: &I256) -> u32 {
    let (hi, lo) = x.into_words();
    if hi == lo >> 127 {
        // The value fits in an i128.
        128 - lo.unsigned_abs().leading_zeros()
    } else {
        256 - x.unsigned_abs().leading_zeros()
    }
}

/// The inverse of an odd `e` modulo `2^256`, by Newton's iteration `x <- x (2 - e x)`, which
/// doubles the number of correct low bits each step. Any odd `e` is its own inverse modulo 8.
fn inverse_mod_2_256(e: U256) -> U256 {
    let (_, lo) = e.into_words();
    let lo64 = lo as u64;
    let mut x = lo64;
    for _ in 0..5 {
        // 3 -> 6 -> 12 -> 24 -> 48 -> 96 >= 64 correct bits.
        x = x.wrapping_mul(2u64.wrapping_sub(lo64.wrapping_mul(x)));
    }
    let x = (x as u128).wrapping_mul(2u128.wrapping_sub(lo.wrapping_mul(x as u128)));
    let x = U256::from(x);
    x.wrapping_mul(U256::new(2).wrapping_sub(e.wrapping_mul(x)))
}

thread_local! {
    /// The last divisor `e = 2^k e'` with `e'` odd, with `k` and the inverse of `e'` modulo `2^256`:
    /// a pivot divides every entry of the tableau by the same determinant, so the inverse is
    /// computed once per pivot.
    static LAST_DIVISOR: Cell<(I256, u32, U256)> = const { Cell::new((I256::ONE, 0, U256::ONE)) };
}

/// `(k, inverse of e / 2^k modulo 2^256)` for a non-zero `e` with `k` trailing zero bits,
/// remembering the last result.
#[inline]
fn divisor_data(e: &I256) -> (u32, U256) {
    LAST_DIVISOR.with(|last| {
        let (d, k, inv) = last.get();
        if d == *e {
            return (k, inv);
        }
        let k = e.trailing_zeros();
        let inv = inverse_mod_2_256((*e >> k).as_u256());
        last.set((*e, k, inv));
        (k, inv)
    })
}

/// `e` prepared for [`div256`]; `None` if it is zero.
#[inline]
fn prepare256(e: &I256) -> Option<Divisor<I256, U256>> {
    let be = bits256(e);
    if be == 0 {
        return None;
    }
    let (k, inv) = divisor_data(e);
    Some(Divisor { e: *e, be, k, inv })
}

/// `(a*b - c*d) / e` for an exact quotient, each operand with its bit length.
#[inline]
fn div256(a: (I256, u32), b: (I256, u32), c: (I256, u32), d: (I256, u32), dv: &Divisor<I256, U256>) -> Option<I256> {
    if (a.1 == 0 || b.1 == 0) && (c.1 == 0 || d.1 == 0) {
        return Some(I256::ZERO);
    }
    // |a*b - c*d| < 2^(p+1) and |e| >= 2^(be-1), so |r| < 2^(p+2-be): r * 2^k needs
    // `need` bits besides the sign.
    let p = (a.1 + b.1).max(c.1 + d.1);
    let k = dv.k;
    let need = (p + 2).saturating_sub(dv.be) + k;
    let (a, b, c, d) = (a.0, b.0, c.0, d.0);
    if need > 255 {
        // The exact quotient may still fit: compute it with 512-bit entries (which fall back
        // to big integers in turn when their bound is not conclusive).
        let w = |x: &I256| widen256(x);
        return I256::from_i512(&I512::pivot_op(&w(&a), &w(&b), &w(&c), &w(&d), &w(&dv.e))?);
    }
    let low = |x: &I256| x.into_words().1 as u128;
    let inv_low = dv.inv.into_words().1;
    if need <= 63 {
        let (a, b, c, d) = (low(&a) as u64, low(&b) as u64, low(&c) as u64, low(&d) as u64);
        let n = a.wrapping_mul(b).wrapping_sub(c.wrapping_mul(d));
        let r = n.wrapping_mul(inv_low as u64) as i64;
        Some(I256::from(r >> k))
    } else if need <= 127 {
        let n = low(&a).wrapping_mul(low(&b)).wrapping_sub(low(&c).wrapping_mul(low(&d)));
        let r = n.wrapping_mul(inv_low) as i128;
        Some(I256::from(r >> k))
    } else {
        let n = a.wrapping_mul(b).wrapping_sub(c.wrapping_mul(d)).as_u256();
        Some(n.wrapping_mul(dv.inv).as_i256() >> k)
    }
}

/// 256-bit entries. A pivot step `(a*b - c*d) / e` needs no 512-bit product and no long division:
/// since the quotient `r` is exact, `a*b - c*d = r * 2^k * e'` with `e'` odd, so computing modulo
/// `2^B` gives `r * 2^k = (a*b - c*d) * e'^-1`, which determines `r` whenever `|r| * 2^k < 2^(B-1)`
/// (exact division by 2-adic inversion). The operand sizes bound `|r|`, which picks the cheapest
/// modulus `2^64`, `2^128` or `2^256`; when the bound is not conclusive the step is done with big
/// integers and kept if it fits.
impl TabInt for I256 {
    fn from_big(x: &BigInt) -> Option<Self> {
        let bytes = x.to_signed_bytes_le();
        if bytes.len() > 32 {
            return None;
        }
        let fill = if x.is_negative() { 0xff } else { 0 };
        let mut buf = [fill; 32];
        buf[..bytes.len()].copy_from_slice(&bytes);
        Some(I256::from_le_bytes(buf))
    }
    fn to_big(&self) -> BigInt {
        BigInt::from_signed_bytes_le(&self.to_le_bytes())
    }
    fn is_zero_(&self) -> bool {
        *self == I256::ZERO
    }
    fn is_pos(&self) -> bool {
        *self > I256::ZERO
    }
    #[inline]
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Option<Self> {
        let dv = prepare256(e)?;
        div256((*a, bits256(a)), (*b, bits256(b)), (*c, bits256(c)), (*d, bits256(d)), &dv)
    }
    fn pivot_row(out: &mut Vec<Self>, row: &[Self], prow: &[Self], col: usize, piv: &Self, det: &Self) -> Option<()> {
        let dv = prepare256(det)?;
        let (piv, f) = ((*piv, bits256(piv)), (row[col], bits256(&row[col])));
        if f.1 == 0 {
            for x in row {
                let bx = bits256(x);
                out.push(if bx == 0 { *x } else { div256((*x, bx), piv, f, f, &dv)? });
            }
        } else {
            for (x, p) in row.iter().zip(prow) {
                out.push(div256((*x, bits256(x)), piv, f, (*p, bits256(p)), &dv)?);
            }
        }
        Some(())
    }
    #[inline]
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        let (ba, bb, bc, bd) = (bits256(a), bits256(b), bits256(c), bits256(d));
        if ba + bb <= 255 && bc + bd <= 255 {
            return a.wrapping_mul(*b).cmp(&c.wrapping_mul(*d));
        }
        let x = approx(a.unsigned_abs().into_words(), ba, *a < I256::ZERO)
            * approx(b.unsigned_abs().into_words(), bb, *b < I256::ZERO);
        let y = approx(c.unsigned_abs().into_words(), bc, *c < I256::ZERO)
            * approx(d.unsigned_abs().into_words(), bd, *d < I256::ZERO);
        if let Some(ord) = decisive(x, y) {
            return ord;
        }
        let w = |x: &I256| widen256(x);
        I512::cmp_prod(&w(a), &w(b), &w(c), &w(d))
    }
    fn as_i128(&self) -> Option<i128> {
        i128::try_from(*self).ok()
    }
    fn from_i128(x: i128) -> Option<Self> {
        Some(I256::from(x))
    }
    fn to_i512(&self) -> Option<I512> {
        Some(widen256(self))
    }
    fn from_i512(x: &I512) -> Option<Self> {
        (bits512(x) <= 255).then(|| low256(x).as_i256())
    }
    fn bit_len(&self) -> u32 {
        bits256(self)
    }
}

/// A small non-negative 512-bit constant (bnum keeps its own `ZERO`/`ONE` private).
const fn small512(v: u8) -> [u8; 64] {
    let mut b = [0u8; 64];
    b[0] = v;
    b
}
const I512_ZERO: I512 = I512::from_le_bytes(small512(0));
const I512_ONE: I512 = I512::from_le_bytes(small512(1));
const U512_ONE: U512 = U512::from_le_bytes(small512(1));
const U512_TWO: U512 = U512::from_le_bytes(small512(2));

/// `±|x|` as an `f64` within a relative error of `2^-52`, for a magnitude given as the top 256
/// bits `(hi, lo)` of a number of `bits` bits in all (`bits <= 256`): its leading 64 bits are
/// kept (truncation error below `2^-63`) and rounded once.
#[inline]
fn approx((hi, lo): (u128, u128), bits: u32, negative: bool) -> f64 {
    let shift = bits.saturating_sub(64);
    let top = if shift >= 128 {
        (hi >> (shift - 128)) as u64
    } else if shift == 0 {
        lo as u64
    } else {
        ((lo >> shift) | (hi << (128 - shift))) as u64
    };
    let m = top as f64 * 2f64.powi(shift as i32);
    if negative {
        -m
    } else {
        m
    }
}

/// The order of two exact products `X`, `Y` from approximations `x`, `y` within a relative
/// error of `2^-50` each (two factors of `approx` and the rounding of their product), if the
/// approximations are far enough apart to decide it: then `|x - y| > 2^-45 max(|x|, |y|)`, more
/// than the two errors together. Both must be finite.
#[inline]
fn decisive(x: f64, y: f64) -> Option<Ordering> {
    let gap = (x - y).abs();
    if gap > x.abs().max(y.abs()) * 2f64.powi(-45) {
        Some(if x < y { Ordering::Less } else { Ordering::Greater })
    } else {
        None
    }
}

/// Bit length of `|x|`.
#[inline]
fn bits512(x: &I512) -> u32 {
    x.unsigned_abs().bit_width()
}

/// The low 256 bits of `x`.
#[inline]
fn low256(x: &I512) -> U256 {
    let bytes = x.to_le_bytes();
    let mut low = [0u8; 32];
    low.copy_from_slice(&bytes[..32]);
    U256::from_le_bytes(low)
}

/// `x` sign-extended to 512 bits.
#[inline]
fn widen256(x: &I256) -> I512 {
    let fill = if *x < I256::ZERO { 0xff } else { 0 };
    let mut buf = [fill; 64];
    buf[..32].copy_from_slice(&x.to_le_bytes());
    I512::from_le_bytes(buf)
}

/// The inverse of an odd `e` modulo `2^512`: the inverse modulo `2^256` lifted by one Newton step.
fn inverse_mod_2_512(e: U512) -> U512 {
    let low = inverse_mod_2_256(low256(&e.cast_signed()));
    let mut buf = [0u8; 64];
    buf[..32].copy_from_slice(&low.to_le_bytes());
    let x = U512::from_le_bytes(buf);
    x.wrapping_mul(U512_TWO.wrapping_sub(e.wrapping_mul(x)))
}

thread_local! {
    /// As [`LAST_DIVISOR`], for 512-bit entries.
    static LAST_DIVISOR_512: Cell<(I512, u32, U512)> = const { Cell::new((I512_ONE, 0, U512_ONE)) };
}

/// [`divisor_data`] for 512-bit entries.
#[inline]
fn divisor_data512(e: &I512) -> (u32, U512) {
    LAST_DIVISOR_512.with(|last| {
        let (d, k, inv) = last.get();
        if d == *e {
            return (k, inv);
        }
        let k = e.trailing_zeros();
        let inv = inverse_mod_2_512((*e >> k).cast_unsigned());
        last.set((*e, k, inv));
        (k, inv)
    })
}

/// `e` prepared for [`div512`]; `None` if it is zero.
#[inline]
fn prepare512(e: &I512) -> Option<Divisor<I512, U512>> {
    let be = bits512(e);
    if be == 0 {
        return None;
    }
    let (k, inv) = divisor_data512(e);
    Some(Divisor { e: *e, be, k, inv })
}

/// `(a*b - c*d) / e` for an exact quotient, each operand with its bit length (see [`div256`]).
#[inline]
fn div512(a: (I512, u32), b: (I512, u32), c: (I512, u32), d: (I512, u32), dv: &Divisor<I512, U512>) -> Option<I512> {
    if (a.1 == 0 || b.1 == 0) && (c.1 == 0 || d.1 == 0) {
        return Some(I512_ZERO);
    }
    let p = (a.1 + b.1).max(c.1 + d.1);
    let (k, inv) = (dv.k, dv.inv);
    let need = (p + 2).saturating_sub(dv.be) + k;
    let (a, b, c, d) = (a.0, b.0, c.0, d.0);
    if need > 511 {
        let r = BigInt::pivot_op(&a.to_big(), &b.to_big(), &c.to_big(), &d.to_big(), &dv.e.to_big())?;
        return I512::from_big(&r);
    }
    if need <= 63 {
        let (a, b, c, d) = (a.as_::<u64>(), b.as_::<u64>(), c.as_::<u64>(), d.as_::<u64>());
        let n = a.wrapping_mul(b).wrapping_sub(c.wrapping_mul(d));
        let r = n.wrapping_mul(inv.as_::<u64>()) as i64;
        Some((r >> k).as_())
    } else if need <= 127 {
        let (a, b, c, d) = (a.as_::<u128>(), b.as_::<u128>(), c.as_::<u128>(), d.as_::<u128>());
        let n = a.wrapping_mul(b).wrapping_sub(c.wrapping_mul(d));
        let r = n.wrapping_mul(inv.as_::<u128>()) as i128;
        Some((r >> k).as_())
    } else if need <= 255 {
        let n = low256(&a).wrapping_mul(low256(&b)).wrapping_sub(low256(&c).wrapping_mul(low256(&d)));
        let r = n.wrapping_mul(low256(&inv.cast_signed())).as_i256();
        Some(widen256(&(r >> k)))
    } else {
        let n = a.wrapping_mul(b).wrapping_sub(c.wrapping_mul(d)).cast_unsigned();
        Some(n.wrapping_mul(inv).cast_signed() >> k)
    }
}

/// 512-bit entries, for tableaux whose entries outgrow 256 bits (payoffs near 10^6 in games of 14
/// strategies and more). Pivot steps use exact division by 2-adic inversion as for [`I256`], in the
/// cheapest of 64, 128, 256 and 512 bits that the operand sizes allow.
impl TabInt for I512 {
    fn from_big(x: &BigInt) -> Option<Self> {
        let bytes = x.to_signed_bytes_le();
        if bytes.len() > 64 {
            return None;
        }
        let fill = if x.is_negative() { 0xff } else { 0 };
        let mut buf = [fill; 64];
        buf[..bytes.len()].copy_from_slice(&bytes);
        Some(I512::from_le_bytes(buf))
    }
    fn to_big(&self) -> BigInt {
        BigInt::from_signed_bytes_le(&self.to_le_bytes())
    }
    fn is_zero_(&self) -> bool {
        *self == I512_ZERO
    }
    fn is_pos(&self) -> bool {
        *self > I512_ZERO
    }
    #[inline]
    fn pivot_op(a: &Self, b: &Self, c: &Self, d: &Self, e: &Self) -> Option<Self> {
        let dv = prepare512(e)?;
        div512((*a, bits512(a)), (*b, bits512(b)), (*c, bits512(c)), (*d, bits512(d)), &dv)
    }
    fn pivot_row(out: &mut Vec<Self>, row: &[Self], prow: &[Self], col: usize, piv: &Self, det: &Self) -> Option<()> {
        let dv = prepare512(det)?;
        let (piv, f) = ((*piv, bits512(piv)), (row[col], bits512(&row[col])));
        if f.1 == 0 {
            for x in row {
                let bx = bits512(x);
                out.push(if bx == 0 { *x } else { div512((*x, bx), piv, f, f, &dv)? });
            }
        } else {
            for (x, p) in row.iter().zip(prow) {
                out.push(div512((*x, bits512(x)), piv, f, (*p, bits512(p)), &dv)?);
            }
        }
        Some(())
    }
    #[inline]
    fn cmp_prod(a: &Self, b: &Self, c: &Self, d: &Self) -> Ordering {
        let (ba, bb, bc, bd) = (bits512(a), bits512(b), bits512(c), bits512(d));
        if ba + bb <= 1000 && bc + bd <= 1000 {
            // The products stay below 2^1000, far from the end of the f64 range.
            let ap = |x: &I512, bits: u32| {
                let shift = bits.saturating_sub(256);
                let top = low256(&(x.unsigned_abs() >> shift).cast_signed()).into_words();
                approx(top, bits - shift, x.is_negative()) * 2f64.powi(shift as i32)
            };
            if let Some(ord) = decisive(ap(a, ba) * ap(b, bb), ap(c, bc) * ap(d, bd)) {
                return ord;
            }
        }
        if ba + bb <= 511 && bc + bd <= 511 {
            return a.wrapping_mul(*b).cmp(&c.wrapping_mul(*d));
        }
        (a.to_big() * b.to_big()).cmp(&(c.to_big() * d.to_big()))
    }
    fn as_i128(&self) -> Option<i128> {
        (bits512(self) <= 127).then(|| (*self).as_())
    }
    fn from_i128(x: i128) -> Option<Self> {
        Some(x.as_())
    }
    fn to_i512(&self) -> Option<I512> {
        Some(*self)
    }
    fn from_i512(x: &I512) -> Option<Self> {
        Some(*x)
    }
    fn bit_len(&self) -> u32 {
        bits512(self)
    }
}

/// An integer width for tableau entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Width {
    /// `i64` entries with `i128` intermediates.
    I64,
    /// `i128` entries with 256-bit intermediates.
    I128,
    /// 256-bit entries, exact division by 2-adic inversion.
    I256,
    /// 512-bit entries, exact division by 2-adic inversion.
    I512,
    /// Arbitrary precision.
    Big,
}

impl Width {
    /// The next wider type, after an overflow.
    pub fn wider(self) -> Width {
        match self {
            Width::I64 => Width::I128,
            Width::I128 => Width::I256,
            Width::I256 => Width::I512,
            Width::I512 | Width::Big => Width::Big,
        }
    }

    /// The narrowest width whose entries hold `bits`-bit magnitudes (plus the sign).
    pub fn for_bits(bits: u32) -> Width {
        match bits {
            0..=63 => Width::I64,
            64..=127 => Width::I128,
            128..=255 => Width::I256,
            256..=511 => Width::I512,
            _ => Width::Big,
        }
    }
}

/// The entry width to try first for a tableau built from `rows` (coefficients and right-hand
/// side; identity columns are accounted for). Every entry is a subdeterminant, bounded by the
/// product of the Euclidean norms of the rows involved (Hadamard). Typical entries are far
/// smaller than that bound, so we start optimistically and widen on overflow, as lrslib does.
pub fn width_for(rows: &[Vec<BigInt>]) -> Width {
    let mut log2 = 0.0f64;
    for r in rows {
        let sq: f64 = r.iter().map(|x| x.to_f64().unwrap_or(f64::INFINITY).powi(2)).sum::<f64>() + 1.0;
        log2 += 0.5 * sq.log2();
    }
    if log2 < 100.0 {
        Width::I64
    } else if log2 < 400.0 {
        Width::I128
    } else if log2 < 800.0 {
        Width::I256
    } else if log2 < 1600.0 {
        Width::I512
    } else {
        Width::Big
    }
}

/// Arithmetic overflow in a fixed-width tableau: redo the computation wider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// A dictionary `D * x_B = rhs - N x_N` kept as an integer matrix.
///
/// Variables are numbered `0..num_vars`. Column `num_vars` holds the right-hand side.
/// Basic variable columns are `det` times unit vectors. The lexicographic rule uses the
/// columns of the initial basis, which hold `det` times the basis inverse.
#[derive(Debug, Clone)]
pub struct Tableau<T: TabInt> {
    rows: usize,
    width: usize,
    m: Vec<T>,
    basis: Vec<usize>,
    row_of: Vec<usize>,
    det: T,
    lex: Vec<usize>,
    /// Buffer the next tableau is computed into, so a pivot that overflows leaves this one intact.
    scratch: Vec<T>,
}

/// Marks a nonbasic variable in `row_of`.
pub const NONBASIC: usize = usize::MAX;

impl<T: TabInt> Tableau<T> {
    /// Builds a tableau from constraint rows `coef[i] · x = rhs[i]` where the variables
    /// `initial_basis[i]` have unit columns in `coef` (a feasible starting basis with
    /// `rhs >= 0`).
    pub fn new(coef: &[Vec<BigInt>], rhs: &[BigInt], initial_basis: &[usize]) -> Result<Tableau<T>, Overflow> {
        let rows = coef.len();
        let num_vars = coef.first().map_or(0, Vec::len);
        let width = num_vars + 1;
        let mut m = Vec::with_capacity(rows * width);
        for (r, b) in coef.iter().zip(rhs) {
            for x in r.iter().chain(std::iter::once(b)) {
                m.push(T::from_big(x).ok_or(Overflow)?);
            }
        }
        let mut row_of = vec![NONBASIC; num_vars];
        for (i, &v) in initial_basis.iter().enumerate() {
            row_of[v] = i;
        }
        Ok(Tableau {
            rows,
            width,
            m,
            basis: initial_basis.to_vec(),
            row_of,
            det: T::from_big(&BigInt::from(1)).ok_or(Overflow)?,
            lex: initial_basis.to_vec(),
            scratch: Vec::new(),
        })
    }

    /// Number of constraint rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of variables.
    pub fn num_vars(&self) -> usize {
        self.width - 1
    }

    /// The basic variable of each row.
    pub fn basis(&self) -> &[usize] {
        &self.basis
    }

    /// Row of a basic variable, or [`NONBASIC`].
    pub fn row_of(&self, var: usize) -> usize {
        self.row_of[var]
    }

    #[inline]
    fn at(&self, i: usize, j: usize) -> &T {
        &self.m[i * self.width + j]
    }

    /// The row that leaves when `col` enters, by the lexicographic minimum-ratio test;
    /// `None` if no entry of the column is positive (an unbounded direction).
    pub fn ratio_test(&self, col: usize) -> Option<usize> {
        let rhs = self.width - 1;
        let mut best: Option<usize> = None;
        for i in 0..self.rows {
            if !self.at(i, col).is_pos() {
                continue;
            }
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            // Compare rhs_i / a_i with rhs_b / a_b, then the basis-inverse columns.
            let (ai, ab) = (self.at(i, col), self.at(b, col));
            let mut ord = T::cmp_prod(self.at(i, rhs), ab, self.at(b, rhs), ai);
            let mut k = 0;
            while ord == Ordering::Equal && k < self.lex.len() {
                let c = self.lex[k];
                ord = T::cmp_prod(self.at(i, c), ab, self.at(b, c), ai);
                k += 1;
            }
            if ord == Ordering::Less {
                best = Some(i);
            }
        }
        best
    }

    /// Pivots: `col` enters the basis in `row`. The pivot element must be non-zero
    /// (positive when chosen by [`Tableau::ratio_test`]). On [`Overflow`] nothing changes.
    pub fn pivot(&mut self, row: usize, col: usize) -> Result<(), Overflow> {
        let w = self.width;
        let piv = self.at(row, col).clone();
        let mut next = std::mem::take(&mut self.scratch);
        next.clear();
        next.reserve(self.m.len());
        let prow = &self.m[row * w..(row + 1) * w];
        for (i, chunk) in self.m.chunks(w).enumerate() {
            if i == row {
                next.extend_from_slice(prow);
                continue;
            }
            if T::pivot_row(&mut next, chunk, prow, col, &piv, &self.det).is_none() {
                self.scratch = next;
                return Err(Overflow);
            }
        }
        self.scratch = std::mem::replace(&mut self.m, next);
        let leaving = self.basis[row];
        self.row_of[leaving] = NONBASIC;
        self.row_of[col] = row;
        self.basis[row] = col;
        self.det = piv;
        Ok(())
    }

    /// The same tableau in another integer type, if every entry fits. Entries pass through
    /// `i128` or a 512-bit integer (no allocation), or through `BigInt` when wider.
    pub fn convert<U: TabInt>(&self) -> Option<Tableau<U>> {
        let conv = |x: &T| match x.as_i128() {
            Some(v) => U::from_i128(v),
            None => match x.to_i512() {
                Some(v) => U::from_i512(&v),
                None => U::from_big(&x.to_big()),
            },
        };
        Some(Tableau {
            rows: self.rows,
            width: self.width,
            m: self.m.iter().map(conv).collect::<Option<Vec<U>>>()?,
            basis: self.basis.clone(),
            row_of: self.row_of.clone(),
            det: conv(&self.det)?,
            lex: self.lex.clone(),
            scratch: Vec::new(),
        })
    }

    /// Numerator of the value of `var` over [`Tableau::det`] (zero if nonbasic).
    pub fn value_numer(&self, var: usize) -> Option<&T> {
        match self.row_of[var] {
            NONBASIC => None,
            r => Some(self.at(r, self.width - 1)),
        }
    }

    /// The current basis determinant (the common denominator of the basic solution).
    pub fn det(&self) -> &T {
        &self.det
    }

    /// The basic solution as exact integers over a common denominator: `(numerators, denominator)`,
    /// reduced by their gcd.
    pub fn solution(&self, vars: std::ops::Range<usize>) -> (Vec<BigInt>, BigInt) {
        let mut nums: Vec<BigInt> =
            vars.map(|v| self.value_numer(v).map_or_else(BigInt::zero, TabInt::to_big)).collect();
        let mut den = self.det.to_big();
        let g = nums.iter().fold(den.clone(), |g, x| g.gcd(x));
        if !g.is_zero() && g != BigInt::from(1) {
            for x in &mut nums {
                *x /= &g;
            }
            den /= &g;
        }
        (nums, den)
    }

    /// The basic solution's numerators over [`Tableau::det`], unreduced (cheap).
    pub fn raw_values(&self, vars: std::ops::Range<usize>) -> Vec<BigInt> {
        vars.map(|v| self.value_numer(v).map_or_else(BigInt::zero, TabInt::to_big)).collect()
    }

    /// True if variable `var` is zero at the current basic solution (nonbasic, or basic at zero).
    pub fn is_zero_var(&self, var: usize) -> bool {
        self.value_numer(var).is_none_or(TabInt::is_zero_)
    }

    /// Negates every entry and the determinant. The quotients entry / determinant, which are the
    /// rational tableau, do not change, and later pivots stay exact; use it to make the determinant
    /// positive again after pivoting on a negative element. On [`Overflow`] nothing changes.
    pub fn negate(&mut self) -> Result<(), Overflow> {
        let zero = T::from_i128(0).ok_or(Overflow)?;
        let one = T::from_i128(1).ok_or(Overflow)?;
        let neg = |x: &T| if x.is_zero_() { Some(x.clone()) } else { T::pivot_op(&zero, &zero, x, &one, &one) };
        let m: Vec<T> = self.m.iter().map(neg).collect::<Option<_>>().ok_or(Overflow)?;
        self.det = neg(&self.det).ok_or(Overflow)?;
        self.m = m;
        Ok(())
    }

    /// The entry in row `i` and column `j` (column [`Tableau::num_vars`] is the right-hand side).
    pub fn entry(&self, i: usize, j: usize) -> &T {
        self.at(i, j)
    }

    /// The leaving row when `col` enters, by the minimum-ratio test over `rows` only, ties broken
    /// by the smallest basic variable (Bland's rule); `None` if no entry of the column in `rows`
    /// is positive. Like [`Tableau::ratio_test`], it assumes a positive determinant.
    pub fn ratio_test_bland(&self, col: usize, rows: std::ops::Range<usize>) -> Option<usize> {
        let rhs = self.width - 1;
        let mut best: Option<usize> = None;
        for i in rows {
            if !self.at(i, col).is_pos() {
                continue;
            }
            let Some(b) = best else {
                best = Some(i);
                continue;
            };
            // rhs_i / a_i against rhs_b / a_b, both denominators positive.
            let ord = T::cmp_prod(self.at(i, rhs), self.at(b, col), self.at(b, rhs), self.at(i, col));
            if ord == Ordering::Less || (ord == Ordering::Equal && self.basis[i] < self.basis[b]) {
                best = Some(i);
            }
        }
        best
    }

    /// Replaces row `row` by the original row `orig` (one coefficient per variable, then the
    /// right-hand side) expressed in the current basis. The row keeps its basic variable, which
    /// must have coefficient 1 in `orig` and a unit column in the original system (as an objective
    /// row `z - c·x = 0` does); other basic variables are eliminated. On [`Overflow`] nothing
    /// changes.
    pub fn replace_row(&mut self, row: usize, orig: &[BigInt]) -> Result<(), Overflow> {
        let w = self.width;
        let det = self.det.to_big();
        let mut acc: Vec<BigInt> = orig.iter().take(w).map(|x| x * &det).collect();
        acc.resize(w, BigInt::zero());
        for (i, &b) in self.basis.iter().enumerate() {
            let f = match orig.get(b) {
                Some(f) if i != row && !f.is_zero() => f,
                _ => continue,
            };
            for (a, x) in acc.iter_mut().zip(&self.m[i * w..(i + 1) * w]) {
                if !x.is_zero_() {
                    *a -= f * x.to_big();
                }
            }
        }
        let new: Vec<T> = acc.iter().map(T::from_big).collect::<Option<_>>().ok_or(Overflow)?;
        self.m[row * w..(row + 1) * w].clone_from_slice(&new);
        Ok(())
    }
}

/// A tableau in the narrowest integer type that has sufficed so far: it starts at the width
/// [`width_for`] suggests and widens itself, without losing its state, when a pivot would
/// overflow ("hybrid arithmetic").
#[derive(Debug, Clone)]
pub enum AnyTableau {
    /// `i64` entries.
    I64(Tableau<i64>),
    /// `i128` entries.
    I128(Tableau<i128>),
    /// 256-bit entries.
    I256(Tableau<I256>),
    /// 512-bit entries.
    I512(Tableau<I512>),
    /// Arbitrary precision.
    Big(Tableau<BigInt>),
}

macro_rules! each {
    ($self:expr, $t:ident => $e:expr) => {
        match $self {
            AnyTableau::I64($t) => $e,
            AnyTableau::I128($t) => $e,
            AnyTableau::I256($t) => $e,
            AnyTableau::I512($t) => $e,
            AnyTableau::Big($t) => $e,
        }
    };
}

impl AnyTableau {
    /// Builds the tableau (see [`Tableau::new`]) in the width suggested by [`width_for`].
    pub fn new(coef: &[Vec<BigInt>], rhs: &[BigInt], initial_basis: &[usize]) -> AnyTableau {
        AnyTableau::with_width(coef, rhs, initial_basis, width_for(coef))
    }

    /// Builds the tableau (see [`Tableau::new`]) with `width` entries, or wider ones if some
    /// entry does not fit.
    pub fn with_width(coef: &[Vec<BigInt>], rhs: &[BigInt], initial_basis: &[usize], width: Width) -> AnyTableau {
        let mut width = width;
        loop {
            let t = match width {
                Width::I64 => Tableau::new(coef, rhs, initial_basis).map(AnyTableau::I64),
                Width::I128 => Tableau::new(coef, rhs, initial_basis).map(AnyTableau::I128),
                Width::I256 => Tableau::new(coef, rhs, initial_basis).map(AnyTableau::I256),
                Width::I512 => Tableau::new(coef, rhs, initial_basis).map(AnyTableau::I512),
                Width::Big => Tableau::new(coef, rhs, initial_basis).map(AnyTableau::Big),
            };
            match t {
                Ok(t) => return t,
                Err(Overflow) => width = width.wider(),
            }
        }
    }

    /// The current entry width.
    pub fn width(&self) -> Width {
        match self {
            AnyTableau::I64(_) => Width::I64,
            AnyTableau::I128(_) => Width::I128,
            AnyTableau::I256(_) => Width::I256,
            AnyTableau::I512(_) => Width::I512,
            AnyTableau::Big(_) => Width::Big,
        }
    }

    /// The same tableau with `width` entries, if every entry fits.
    fn converted(&self, width: Width) -> Option<AnyTableau> {
        each!(self, t => match width {
            Width::I64 => t.convert().map(AnyTableau::I64),
            Width::I128 => t.convert().map(AnyTableau::I128),
            Width::I256 => t.convert().map(AnyTableau::I256),
            Width::I512 => t.convert().map(AnyTableau::I512),
            Width::Big => t.convert().map(AnyTableau::Big),
        })
    }

    fn widen(&mut self) {
        // Entries always convert upwards.
        if self.width() != Width::Big {
            if let Some(w) = self.converted(self.width().wider()) {
                *self = w;
            }
        }
    }

    /// Goes back to a narrower type if every entry fits again (cheap test first: the
    /// determinant), but not below `floor`. Call after pivots that tend to shrink entries, such
    /// as backtracking.
    pub fn try_narrow(&mut self, floor: Width) {
        let det_bits = each!(self, t => t.det.bit_len());
        if Width::for_bits(det_bits).max(floor) >= self.width() {
            return;
        }
        let bits = each!(self, t => t.m.iter().map(TabInt::bit_len).fold(det_bits, u32::max));
        let target = Width::for_bits(bits).max(floor);
        if target < self.width() {
            if let Some(n) = self.converted(target) {
                *self = n;
            }
        }
    }

    /// See [`Tableau::pivot`]; widens as needed, so it always succeeds.
    pub fn pivot(&mut self, row: usize, col: usize) {
        loop {
            let r = each!(self, t => t.pivot(row, col));
            match r {
                Ok(()) => return,
                Err(Overflow) => self.widen(),
            }
        }
    }

    /// See [`Tableau::ratio_test`].
    pub fn ratio_test(&self, col: usize) -> Option<usize> {
        each!(self, t => t.ratio_test(col))
    }

    /// See [`Tableau::basis`].
    pub fn basis(&self) -> &[usize] {
        each!(self, t => t.basis())
    }

    /// See [`Tableau::row_of`].
    pub fn row_of(&self, var: usize) -> usize {
        each!(self, t => t.row_of(var))
    }

    /// See [`Tableau::num_vars`].
    pub fn num_vars(&self) -> usize {
        each!(self, t => t.num_vars())
    }

    /// See [`Tableau::is_zero_var`].
    pub fn is_zero_var(&self, var: usize) -> bool {
        each!(self, t => t.is_zero_var(var))
    }

    /// See [`Tableau::raw_values`].
    pub fn raw_values(&self, vars: std::ops::Range<usize>) -> Vec<BigInt> {
        each!(self, t => t.raw_values(vars))
    }

    /// See [`Tableau::solution`].
    pub fn solution(&self, vars: std::ops::Range<usize>) -> (Vec<BigInt>, BigInt) {
        each!(self, t => t.solution(vars))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: &[i64]) -> Vec<BigInt> {
        v.iter().map(|&x| BigInt::from(x)).collect()
    }

    fn run<T: TabInt>() -> (Vec<BigInt>, BigInt) {
        // x1 + 2 x2 + s1 = 4 ; 3 x1 + x2 + s2 = 6
        let coef = vec![b(&[1, 2, 1, 0]), b(&[3, 1, 0, 1])];
        let mut t: Tableau<T> = Tableau::new(&coef, &b(&[4, 6]), &[2, 3]).unwrap();
        let r = t.ratio_test(0).unwrap();
        assert_eq!(r, 1);
        t.pivot(r, 0).unwrap();
        let r = t.ratio_test(1).unwrap();
        assert_eq!(r, 0);
        t.pivot(r, 1).unwrap();
        t.solution(0..2)
    }

    #[test]
    fn pivots_exactly_in_every_width() {
        // Vertex x = (8/5, 6/5).
        for (n, d) in [run::<i64>(), run::<i128>(), run::<BigInt>()] {
            assert_eq!(n, b(&[8, 6]));
            assert_eq!(d, BigInt::from(5));
        }
    }

    #[test]
    fn lexicographic_rule_breaks_ties() {
        // Degenerate: both rows give ratio 0 for x1.
        let coef = vec![b(&[1, 1, 1, 0]), b(&[2, 1, 0, 1])];
        let t: Tableau<i64> = Tableau::new(&coef, &b(&[0, 0]), &[2, 3]).unwrap();
        // Row 0: (0, 1, 0)/1 vs row 1: (0, 0, 1)/2 -> row 1 is lexicographically smaller.
        assert_eq!(t.ratio_test(0), Some(1));
    }

    #[test]
    fn width_choice() {
        assert_eq!(width_for(&[b(&[1, 2]), b(&[3, 4])]), Width::I64);
        let big = vec![b(&[1 << 40, 1 << 40]); 4];
        assert_eq!(width_for(&big), Width::I128);
        let huge = vec![b(&[1 << 60, 1 << 60]); 8];
        assert_eq!(width_for(&huge), Width::I256);
        assert_eq!(width_for(&vec![b(&[1 << 60, 1 << 60]); 16]), Width::I512);
        assert_eq!(width_for(&vec![b(&[1 << 60, 1 << 60]); 32]), Width::Big);
    }

    #[test]
    fn overflow_is_reported_not_wrapped() {
        let x = i64::MAX / 2;
        assert_eq!(i64::pivot_op(&x, &x, &0, &0, &1), None);
        assert_eq!(i64::pivot_op(&x, &4, &x, &2, &2), Some(x));
        let y = i128::MAX / 2;
        assert_eq!(i128::pivot_op(&y, &y, &0, &0, &1), None);
        // Products overflow i128 but the exact quotient fits.
        assert_eq!(i128::pivot_op(&y, &4, &y, &2, &y), Some(2));
        assert_eq!(i128::cmp_prod(&y, &3, &y, &2), Ordering::Greater);
    }

    #[test]
    fn widens_in_place_and_keeps_state() {
        // Entries near 2^40: the products in the first pivot overflow i64.
        let big = 1i64 << 40;
        let coef = vec![b(&[big, 3, 1, 0]), b(&[5, big, 0, 1])];
        let mut t = AnyTableau::new(&coef, &b(&[big, big]), &[2, 3]);
        assert_eq!(t.width(), Width::I64);
        let mut r: Tableau<BigInt> = Tableau::new(&coef, &b(&[big, big]), &[2, 3]).unwrap();
        for col in [0, 1] {
            let row = t.ratio_test(col).unwrap();
            assert_eq!(Some(row), r.ratio_test(col));
            t.pivot(row, col);
            r.pivot(row, col).unwrap();
        }
        assert_ne!(t.width(), Width::I64);
        assert_eq!(t.solution(0..2), r.solution(0..2));
    }

    /// A deterministic stream of 64-bit words.
    struct Words(u64);

    impl Words {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 ^ (self.0 >> 29)
        }

        /// A signed big integer of about `bits` bits (possibly zero).
        fn big(&mut self, bits: u32) -> BigInt {
            let mut x = BigInt::zero();
            for _ in 0..bits.div_ceil(64) {
                x = (x << 64) + self.next();
            }
            x >>= (64 - bits % 64) % 64;
            if self.next().is_multiple_of(2) {
                -x
            } else {
                x
            }
        }

        /// A signed big integer of a random size, from 1 to 500 bits.
        fn wide(&mut self) -> BigInt {
            let bits = [1, 30, 63, 100, 127, 180, 250, 255, 300, 400, 500][(self.next() % 11) as usize];
            self.big(bits)
        }

        /// A signed big integer of a random size, from 1 to 250 bits.
        fn any(&mut self) -> BigInt {
            let bits = [1, 20, 40, 62, 64, 90, 126, 128, 150, 200, 250][(self.next() % 11) as usize];
            self.big(bits)
        }
    }

    #[test]
    fn i256_converts_exactly_at_the_limits() {
        let limit = BigInt::from(1) << 255;
        for x in [BigInt::zero(), BigInt::from(1), BigInt::from(-1), &limit - 1, -&limit, BigInt::from(i128::MIN)] {
            let y = I256::from_big(&x).unwrap();
            assert_eq!(y.to_big(), x);
            assert_eq!(TabInt::as_i128(&y), x.to_i128());
        }
        assert_eq!(I256::from_big(&limit), None);
        assert_eq!(I256::from_big(&(-&limit - 1)), None);
        assert_eq!(I256::from_i128(-5).map(|x| x.to_big()), Some(BigInt::from(-5)));
    }

    #[test]
    fn i256_pivot_matches_big_integers() {
        // Operands of many sizes and divisors with many trailing zero bits, arranged so the division
        // is exact: a*(e*s) - c*(e*u) = e*(a*s - c*u).
        let mut w = Words(1);
        let mut checked = [0usize; 2];
        for round in 0..4000 {
            let zeros = if round % 4 == 0 { (w.next() % 70) as usize } else { 0 };
            let mut e = w.any() << zeros;
            if e.is_zero() {
                e = BigInt::from(1);
            }
            let (a, c, s, u) = (w.any(), w.any(), w.any(), w.any());
            let (b, d) = (&e * &s, &e * &u);
            let exact = &a * &s - &c * &u;
            let ops = [&a, &b, &c, &d, &e].map(I256::from_big);
            let [Some(a), Some(b), Some(c), Some(d), Some(e)] = ops else {
                continue;
            };
            let got = I256::pivot_op(&a, &b, &c, &d, &e);
            assert_eq!(got, I256::from_big(&exact), "round {round}");
            checked[usize::from(got.is_some())] += 1;
            let want = (a.to_big() * b.to_big()).cmp(&(c.to_big() * d.to_big()));
            assert_eq!(I256::cmp_prod(&a, &b, &c, &d), want, "round {round}");
        }
        assert!(checked.iter().all(|&n| n > 200), "too few cases of each kind: {checked:?}");
    }

    #[test]
    fn i512_pivot_matches_big_integers() {
        // As for I256, with operands up to 500 bits: every modulus (2^64 ... 2^512) and the
        // big-integer fallback are reached.
        let mut w = Words(7);
        let mut checked = [0usize; 2];
        for round in 0..4000 {
            let zeros = if round % 4 == 0 { (w.next() % 140) as usize } else { 0 };
            let mut e = w.wide() << zeros;
            if e.is_zero() {
                e = BigInt::from(1);
            }
            let (a, c, s, u) = (w.wide(), w.wide(), w.wide(), w.wide());
            let (b, d) = (&e * &s, &e * &u);
            let exact = &a * &s - &c * &u;
            let [Some(a), Some(b), Some(c), Some(d), Some(e)] = [&a, &b, &c, &d, &e].map(I512::from_big) else {
                continue;
            };
            let got = I512::pivot_op(&a, &b, &c, &d, &e);
            assert_eq!(got, I512::from_big(&exact), "round {round}");
            checked[usize::from(got.is_some())] += 1;
            let want = (a.to_big() * b.to_big()).cmp(&(c.to_big() * d.to_big()));
            assert_eq!(I512::cmp_prod(&a, &b, &c, &d), want, "round {round}");
            assert_eq!(I512::from_big(&a.to_big()), Some(a));
            assert_eq!(I256::from_i512(&a).map(|x| x.to_big()), I256::from_big(&a.to_big()).map(|x| x.to_big()));
        }
        assert!(checked.iter().all(|&n| n > 200), "too few cases of each kind: {checked:?}");
    }

    /// Products that tie or nearly tie: `a * (s t)` against `(a s) * (t + δ)` for small `δ`, where
    /// the floating-point filter in `cmp_prod` must not decide, and clear cases where it does.
    #[test]
    fn wide_cmp_prod_is_exact_on_near_ties() {
        let mut w = Words(11);
        for round in 0..3000 {
            let (a, s, t) = (w.wide(), w.wide(), w.wide());
            let delta = BigInt::from((w.next() % 5) as i64 - 2) << (w.next() % 3 * 60);
            let (b, c, d) = (&s * &t, &a * &s, &t + &delta);
            let want = (&a * &b).cmp(&(&c * &d));
            if let [Some(a), Some(b), Some(c), Some(d)] = [&a, &b, &c, &d].map(I512::from_big) {
                assert_eq!(I512::cmp_prod(&a, &b, &c, &d), want, "round {round}");
                assert_eq!(I512::cmp_prod(&c, &d, &a, &b), want.reverse(), "round {round}");
            }
            if let [Some(a), Some(b), Some(c), Some(d)] = [&a, &b, &c, &d].map(I256::from_big) {
                assert_eq!(I256::cmp_prod(&a, &b, &c, &d), want, "round {round}");
                assert_eq!(I256::cmp_prod(&c, &d, &a, &b), want.reverse(), "round {round}");
            }
        }
    }

    /// A random system `coef · z = rhs` with an identity block on the last `rows` variables (the
    /// starting basis) and a positive right-hand side; other entries have about `bits` bits, a
    /// quarter of them zero.
    fn random_system(
        w: &mut Words,
        rows: usize,
        cols: usize,
        bits: u32,
    ) -> (Vec<Vec<BigInt>>, Vec<BigInt>, Vec<usize>) {
        let coef = (0..rows)
            .map(|i| {
                let structural: Vec<BigInt> =
                    (0..cols).map(|_| if w.next().is_multiple_of(4) { BigInt::zero() } else { w.big(bits) }).collect();
                structural.into_iter().chain((0..rows).map(|k| BigInt::from(u8::from(k == i)))).collect()
            })
            .collect();
        let rhs = (0..rows).map(|_| w.big(bits).abs() + 1).collect();
        (coef, rhs, (cols..cols + rows).collect())
    }

    /// Entries and determinant of a tableau as big integers.
    fn snapshot<T: TabInt>(t: &Tableau<T>) -> Vec<BigInt> {
        let mut v: Vec<BigInt> = (0..t.rows())
            .flat_map(|i| (0..=t.num_vars()).map(move |j| (i, j)))
            .map(|(i, j)| t.entry(i, j).to_big())
            .collect();
        v.push(t.det().to_big());
        v
    }

    /// Pivots a `T` tableau along the lexicographic pivots of a `BigInt` one (random entering
    /// columns). Until `T` reports an overflow its entries must equal the big ones exactly; it may
    /// report one only when some exact entry needs more than `limit` bits, and then stays unchanged.
    /// Returns whether an overflow happened.
    fn follow<T: TabInt>(coef: &[Vec<BigInt>], rhs: &[BigInt], basis: &[usize], w: &mut Words, limit: u64) -> bool {
        let Ok(mut t) = Tableau::<T>::new(coef, rhs, basis) else {
            return true;
        };
        let mut r: Tableau<BigInt> = Tableau::new(coef, rhs, basis).unwrap();
        for _ in 0..3 * coef.len() {
            let nv = r.num_vars();
            let start = (w.next() % nv as u64) as usize;
            let Some((row, col)) = (0..nv)
                .map(|k| (start + k) % nv)
                .filter(|&c| r.row_of(c) == NONBASIC)
                .find_map(|c| r.ratio_test(c).map(|row| (row, c)))
            else {
                break;
            };
            assert_eq!(t.ratio_test(col), Some(row));
            let before = snapshot(&t);
            r.pivot(row, col).unwrap();
            match t.pivot(row, col) {
                Ok(()) => assert_eq!(snapshot(&t), snapshot(&r)),
                Err(Overflow) => {
                    assert!(snapshot(&r).iter().any(|x| x.bits() > limit), "overflow reported, but every entry fits");
                    assert_eq!(snapshot(&t), before, "a failed pivot changed the tableau");
                    return true;
                }
            }
        }
        false
    }

    fn check_every_width(seed: u64, rows: usize, cols: usize, bits: u32) -> [bool; 4] {
        let mut w = Words(seed);
        let (coef, rhs, basis) = random_system(&mut w, rows, cols, bits);
        [
            follow::<i64>(&coef, &rhs, &basis, &mut Words(seed), 63),
            follow::<i128>(&coef, &rhs, &basis, &mut Words(seed), 127),
            follow::<I256>(&coef, &rhs, &basis, &mut Words(seed), 255),
            follow::<I512>(&coef, &rhs, &basis, &mut Words(seed), 511),
        ]
    }

    #[test]
    fn every_width_pivots_like_big_integers() {
        // Sizes chosen so that each width both completes and overflows on some systems.
        let mut outcomes = [[0usize; 2]; 4];
        for seed in 0..240u64 {
            let bits = [4, 12, 20, 31, 45, 62, 90, 120, 160][(seed % 9) as usize];
            let rows = 2 + (seed as usize / 9) % 5;
            for (k, overflowed) in check_every_width(seed, rows, rows + 1, bits).into_iter().enumerate() {
                outcomes[k][usize::from(overflowed)] += 1;
            }
        }
        assert!(outcomes.iter().all(|o| o[0] > 10 && o[1] > 10), "too few cases of each kind: {outcomes:?}");
    }

    #[test]
    fn any_tableau_agrees_from_every_starting_width() {
        // Entries of 40 bits: 6 pivots reach 256 bits and beyond, so every start widens, and
        // backtracking narrows again.
        for seed in 0..12u64 {
            let mut w = Words(seed);
            let (coef, rhs, basis) = random_system(&mut w, 6, 6, 40);
            let mut reference = AnyTableau::with_width(&coef, &rhs, &basis, Width::Big);
            let mut path = Vec::new();
            for _ in 0..6 {
                let nv = reference.num_vars();
                let Some((row, col)) = (0..nv)
                    .filter(|&c| reference.row_of(c) == NONBASIC)
                    .find_map(|c| reference.ratio_test(c).map(|r| (r, c)))
                else {
                    break;
                };
                path.push((row, col, reference.basis()[row]));
                reference.pivot(row, col);
            }
            for start in [Width::I64, Width::I128, Width::I256, Width::I512, Width::Big] {
                let mut t = AnyTableau::with_width(&coef, &rhs, &basis, start);
                let mut widths = vec![t.width()];
                for &(row, col, _) in &path {
                    assert_eq!(t.ratio_test(col), Some(row), "seed {seed} from {start:?}");
                    t.pivot(row, col);
                    widths.push(t.width());
                }
                assert_eq!(t.solution(0..12), reference.solution(0..12), "seed {seed} from {start:?}");
                assert_eq!(t.raw_values(0..12), reference.raw_values(0..12));
                // Back to the start, narrowing on the way as the search does.
                for &(row, _, leaving) in path.iter().rev() {
                    t.pivot(row, leaving);
                    t.try_narrow(start);
                }
                assert_eq!(t.width(), start, "seed {seed}: back at the start, widths {widths:?}");
                let fresh = AnyTableau::with_width(&coef, &rhs, &basis, Width::Big);
                assert_eq!(t.raw_values(0..12), fresh.raw_values(0..12));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Random small tableaux with large entries: every fixed width agrees with big integers or
        /// reports an overflow that the exact entries justify.
        #[test]
        fn fixed_widths_match_big_integers(seed in proptest::prelude::any::<u64>(), rows in 2usize..6, bits in 1u32..200) {
            check_every_width(seed, rows, rows + 2, bits);
        }
    }
}
