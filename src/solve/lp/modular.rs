//! Exact solution of square integer systems by modular arithmetic and Chinese remaindering.
//!
//! [`solve_both`] returns `det(M)`, `det(M) · M⁻¹ B` and `det(M) · M⁻ᵀ C` (integers, by Cramer's
//! rule) for an integer matrix `M` and right-hand sides `B` and `C` (a basis's primal and dual
//! systems). It solves them modulo several primes just below `2^60` (one LU factorization in
//! machine words per prime, `k³/3` multiply-adds accumulated in 128 bits), combines
//! the residues (Garner's form of the Chinese remainder theorem) into integers in a range large
//! enough for Hadamard's bound on every minor involved, and then **checks the answer exactly**:
//! `M · X = det · B` and `Mᵀ · Y = det · C` in big integers. The check is the proof: whatever the primes and the bound,
//! an answer that passes it is the exact solution (and `det` is non-zero, so `M` is regular);
//! one that fails it is dropped, and the caller falls back to fraction-free elimination.
//!
//! Fraction-free (Bareiss) elimination keeps every intermediate entry a minor of the system: on a
//! 40x40 correlated-equilibrium basis those minors run to hundreds of bits, so every one of the
//! `k³` steps is a big-integer multiplication and division. Here only the `k` values of the
//! answer are big integers.

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};
use std::sync::OnceLock;

/// A prime modulus `p` in `(2^59, 2^60)` and its arithmetic, with Barrett reduction: a `u128`
/// remainder is a library call (a long division in software), far slower than the two
/// multiplications that replace it here.
#[derive(Debug, Clone, Copy)]
struct Prime {
    p: u64,
    /// `floor(2^123 / p)`, below `2^64` because `p > 2^59`.
    mu: u64,
}

impl Prime {
    fn new(p: u64) -> Prime {
        assert!(p > 1 << 59 && p < 1 << 60, "modulus out of range");
        Prime { p, mu: ((1u128 << 123) / p as u128) as u64 }
    }

    /// `x mod p` for `x < 2^124`. With `a = floor(x / 2^60)` and `q = floor(a · mu / 2^63)`,
    /// `q <= x / p` (as `mu <= 2^123 / p`) and `q > x / p − 2^60 / p − a / 2^63 − 1 > x / p − 5`
    /// (`p > 2^59`, `a < 2^64`), so `x − q p` lies in `0..5p`, below `2^63`: its low 64 bits are
    /// exact, and at most four subtractions of `p` finish.
    #[inline]
    fn reduce128(self, x: u128) -> u64 {
        debug_assert!(x >> 124 == 0);
        let a = (x >> 60) as u64;
        let q = ((a as u128 * self.mu as u128) >> 63) as u64;
        let mut r = (x as u64).wrapping_sub(q.wrapping_mul(self.p));
        while r >= self.p {
            r -= self.p;
        }
        r
    }

    #[inline]
    fn mul(self, a: u64, b: u64) -> u64 {
        self.reduce128(a as u128 * b as u128)
    }

    #[inline]
    fn add(self, a: u64, b: u64) -> u64 {
        let s = a + b;
        if s >= self.p {
            s - self.p
        } else {
            s
        }
    }

    #[inline]
    fn sub(self, a: u64, b: u64) -> u64 {
        if a >= b {
            a - b
        } else {
            a + self.p - b
        }
    }

    /// `a⁻¹` for `a` in `1..p`, by the extended Euclidean algorithm (a few dozen word divisions,
    /// where Fermat's `a^(p−2)` takes about ninety modular multiplications). The Bézout
    /// coefficients stay below `p` in absolute value, so `i64` holds them.
    fn inv(self, a: u64) -> u64 {
        debug_assert!(a != 0 && a < self.p);
        let (mut r0, mut r1) = (self.p, a);
        let (mut s0, mut s1) = (0i64, 1i64);
        while r1 != 0 {
            let q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (s0, s1) = (s1, s0 - q as i64 * s1);
        }
        debug_assert_eq!(r0, 1);
        s0.rem_euclid(self.p as i64) as u64
    }

    /// `x mod p` in `0..p` for a machine integer, without a division when `|x| < p`.
    #[inline]
    fn reduce_i64(self, x: i64) -> u64 {
        let p = self.p as i64;
        if (0..p).contains(&x) {
            x as u64
        } else if (-p..0).contains(&x) {
            (x + p) as u64
        } else {
            x.rem_euclid(p) as u64
        }
    }

    /// `x mod p` in `0..p`.
    fn reduce(self, x: &BigInt) -> u64 {
        if let Some(v) = x.to_i64() {
            return self.reduce_i64(v);
        }
        let r = (x % BigInt::from(self.p)).to_i64().unwrap_or(0);
        r.rem_euclid(self.p as i64) as u64
    }
}

/// `a · b mod n` for any `n < 2^64` (Miller–Rabin only).
fn mul_mod(a: u64, b: u64, n: u64) -> u64 {
    ((a as u128 * b as u128) % n as u128) as u64
}

/// `a^e mod n` for any `n < 2^64` (Miller–Rabin only).
fn pow_mod(mut a: u64, mut e: u64, n: u64) -> u64 {
    let mut r = 1u64;
    while e > 0 {
        if e & 1 == 1 {
            r = mul_mod(r, a, n);
        }
        a = mul_mod(a, a, n);
        e >>= 1;
    }
    r
}

/// Deterministic Miller–Rabin for 64-bit numbers (these bases are enough below `2^64`).
fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    for p in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        if n.is_multiple_of(p) {
            return n == p;
        }
    }
    let (mut d, mut s) = (n - 1, 0);
    while d.is_multiple_of(2) {
        d /= 2;
        s += 1;
    }
    'witness: for a in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'witness;
            }
        }
        return false;
    }
    true
}

/// The largest primes below `2^60`, in decreasing order, enough for answers of about 3,800 bits.
/// (Below `2^60`, 255 products fit in a `u128` accumulator before a reduction.)
fn primes() -> &'static [u64] {
    static PRIMES: OnceLock<Vec<u64>> = OnceLock::new();
    PRIMES.get_or_init(|| {
        let mut out = Vec::with_capacity(64);
        let mut n = (1u64 << 60) - 1;
        while out.len() < 64 {
            if is_prime(n) {
                out.push(n);
            }
            n -= 2;
        }
        out
    })
}

/// An upper bound on `log2` of the Euclidean norm of `v` (`-inf` for a zero vector).
fn log2_norm(v: &[&BigInt]) -> f64 {
    let top = v.iter().map(|x| x.bits()).max().unwrap_or(0);
    if top == 0 {
        return f64::NEG_INFINITY;
    }
    // Scale by 2^-shift so that every term converts to a finite float; rounding the shifted
    // magnitudes up keeps the bound an upper bound.
    let shift = top.saturating_sub(60);
    let sum: f64 = v
        .iter()
        .filter(|x| !x.is_zero())
        .map(|x| {
            let m = ((x.magnitude() >> shift) + 1u32).to_f64().unwrap_or(f64::INFINITY);
            m * m
        })
        .sum();
    0.5 * sum.log2() * (1.0 + 1e-12) + shift as f64 + 1e-6
}

/// Solves `[M | B]` (each row: `k` entries of `M`, then `rhs` right-hand sides) for `k` rows:
/// `Some((X, d))` with `d = |det M| > 0` and `M X[c] = d · B[c]` for every right-hand side `c`
/// (the same contract as fraction-free elimination), checked exactly. `None` if the modular
/// method does not give a checked answer (`M` singular, or singular modulo too many primes):
/// then use fraction-free elimination, which decides.
pub(super) fn solve(rows: &[Vec<BigInt>], rhs: usize) -> Option<(Vec<Vec<BigInt>>, BigInt)> {
    let k = rows.len();
    if rows.iter().any(|r| r.len() != k + rhs) {
        return None;
    }
    let b: Vec<Vec<BigInt>> = (k..k + rhs).map(|c| rows.iter().map(|r| r[c].clone()).collect()).collect();
    solve_both(rows, &b, &[]).map(|(x, _, d)| (x, d))
}

/// Solves `M x = b` for every column `b` of `primal` and `Mᵀ y = c` for every column `c` of
/// `dual` at once (one factorization per prime), `M` being the first `k` entries of each of the `k`
/// rows of `m`: `Some((X, Y, d))` with `d = |det M| > 0`, `M X[i] = d · primal[i]` and
/// `Mᵀ Y[j] = d · dual[j]`, all checked exactly; `None` if the modular method gives no checked
/// answer.
#[allow(clippy::type_complexity)]
pub(super) fn solve_both(
    m: &[Vec<BigInt>],
    primal: &[Vec<BigInt>],
    dual: &[Vec<BigInt>],
) -> Option<(Vec<Vec<BigInt>>, Vec<Vec<BigInt>>, BigInt)> {
    let k = m.len();
    if k == 0 || m.iter().any(|r| r.len() < k) || primal.iter().chain(dual).any(|v| v.len() != k) {
        return None;
    }
    // Hadamard: |det M| <= Π ||columns|| and <= Π ||rows||; a Cramer numerator of M x = b
    // replaces a column by b, one of Mᵀ y = c a row by c.
    let col_logs: Vec<f64> = (0..k).map(|j| log2_norm(&m.iter().map(|r| &r[j]).collect::<Vec<_>>())).collect();
    let row_logs: Vec<f64> = m.iter().map(|r| log2_norm(&r[..k].iter().collect::<Vec<_>>())).collect();
    if col_logs.iter().chain(&row_logs).any(|l| !l.is_finite()) {
        return None; // a zero row or column: singular
    }
    let bound = |logs: &[f64], rhs: &[Vec<BigInt>]| -> f64 {
        let h: f64 = logs.iter().map(|l| l.max(0.0)).sum();
        let least = logs.iter().fold(f64::INFINITY, |a, &l| a.min(l.max(0.0)));
        let b = rhs.iter().map(|v| log2_norm(&v.iter().collect::<Vec<_>>())).fold(0.0f64, f64::max);
        h + (b - least).max(0.0)
    };
    let bound_bits = bound(&col_logs, primal).max(bound(&row_logs, dual)) + 2.0;
    if !bound_bits.is_finite() {
        return None;
    }
    let count = 1 + k * (primal.len() + dual.len());
    // Mixed-radix digits of every value (det, then X and Y vector by vector), one prime at a
    // time: value = d_0 + p_0 (d_1 + p_1 (d_2 + ...)), each d_i in 0..p_i.
    let mut used: Vec<Prime> = Vec::new();
    let mut digits: Vec<Vec<u64>> = Vec::new();
    let mut bits = 0.0f64;
    let mut singular = 0;
    let small = small_entries(m, k);
    for &p in primes() {
        let f = Prime::new(p);
        let Some(res) = solve_mod(m, small.as_deref(), k, primal, dual, f) else {
            singular += 1;
            if singular >= 3 {
                return None;
            }
            continue;
        };
        // Garner's step: d_i = (r − (d_0 + p_0 (d_1 + …))) / (p_0 ⋯ p_{i−1}) mod p_i.
        let mut prefix = 1u64; // p_0 ⋯ p_{i−1} mod p_i
        let used_mod: Vec<u64> = used.iter().map(|q| q.p % p).collect();
        for &q in &used_mod {
            prefix = f.mul(prefix, q);
        }
        let prefix_inv = f.inv(prefix);
        let new: Vec<u64> = (0..count)
            .map(|v| {
                // Horner from the last digit: the value so far mod p_i.
                let mut acc = 0u64;
                for (&q, d) in used_mod.iter().zip(&digits).rev() {
                    acc = f.add(f.mul(acc, q), if d[v] >= p { d[v] - p } else { d[v] });
                }
                f.mul(f.sub(res[v], acc), prefix_inv)
            })
            .collect();
        used.push(f);
        digits.push(new);
        bits += 59.99;
        // Stop when the reconstruction passes a cheap test modulo 2^64 ([`likely_complete`]) and
        // then the exact check, or when the modulus covers Hadamard's bound. (Waiting for a zero
        // digit, as this did before, costs one more prime: about a sixth of the work.)
        if bits > bound_bits || likely_complete(m, k, primal, dual, &used, &digits) {
            if let Some(answer) = reconstruct(m, k, primal, dual, &used, &digits) {
                return Some(answer);
            }
            if bits > bound_bits {
                return None;
            }
        }
    }
    None
}

/// `x mod 2^64` (two's complement).
fn low64(x: &BigInt) -> u64 {
    let low = x.magnitude().iter_u64_digits().next().unwrap_or(0);
    if x.sign() == Sign::Minus {
        low.wrapping_neg()
    } else {
        low
    }
}

/// A cheap test of whether the digits so far already give the answer: the values they stand for
/// (symmetric range) taken modulo `2^64`, and the first and last equations of `M X = d · b` and
/// `Mᵀ Y = d · c` checked modulo `2^64`. While the modulus is too small for the answer, the
/// reconstructed values are off by multiples of it and these equations fail (but for a chance of
/// about `2^-64`); a pass is only a hint, which [`reconstruct`]'s exact check confirms or rejects.
fn likely_complete(
    m: &[Vec<BigInt>],
    k: usize,
    primal: &[Vec<BigInt>],
    dual: &[Vec<BigInt>],
    used: &[Prime],
    digits: &[Vec<u64>],
) -> bool {
    // p_0 ⋯ p_{i−1} mod 2^64 for each digit i, and the whole modulus.
    let mut weights = Vec::with_capacity(used.len());
    let mut w = 1u64;
    for q in used {
        weights.push(w);
        w = w.wrapping_mul(q.p);
    }
    let modulus = w;
    let top = used.len() - 1;
    let value = |v: usize| -> u64 {
        let mut x = 0u64;
        for (d, &wt) in digits.iter().zip(&weights) {
            x = x.wrapping_add(d[v].wrapping_mul(wt));
        }
        // In the symmetric range a value is negative when its top digit is in the upper half.
        if digits[top][v] > used[top].p / 2 {
            x = x.wrapping_sub(modulus);
        }
        x
    };
    let det = value(0);
    if det == 0 {
        return false;
    }
    let rows = if k > 1 { vec![0, k - 1] } else { vec![0] };
    let xs: Vec<Vec<u64>> = (0..primal.len()).map(|c| (0..k).map(|j| value(1 + c * k + j)).collect()).collect();
    let ys: Vec<Vec<u64>> =
        (0..dual.len()).map(|c| (0..k).map(|j| value(1 + (primal.len() + c) * k + j)).collect()).collect();
    for &i in &rows {
        for (x, b) in xs.iter().zip(primal) {
            let mut s = det.wrapping_mul(low64(&b[i])).wrapping_neg();
            for (j, xj) in x.iter().enumerate() {
                s = s.wrapping_add(low64(&m[i][j]).wrapping_mul(*xj));
            }
            if s != 0 {
                return false;
            }
        }
        for (y, c) in ys.iter().zip(dual) {
            let mut s = det.wrapping_mul(low64(&c[i])).wrapping_neg();
            for (j, yj) in y.iter().enumerate() {
                s = s.wrapping_add(low64(&m[j][i]).wrapping_mul(*yj));
            }
            if s != 0 {
                return false;
            }
        }
    }
    true
}

/// The integers of the mixed-radix digits (symmetric range), checked: `M X[i] = d · primal[i]`
/// and `Mᵀ Y[j] = d · dual[j]`.
#[allow(clippy::type_complexity)]
fn reconstruct(
    m: &[Vec<BigInt>],
    k: usize,
    primal: &[Vec<BigInt>],
    dual: &[Vec<BigInt>],
    used: &[Prime],
    digits: &[Vec<u64>],
) -> Option<(Vec<Vec<BigInt>>, Vec<Vec<BigInt>>, BigInt)> {
    let modulus: BigInt = used.iter().fold(BigInt::from(1), |acc, q| acc * BigInt::from(q.p));
    let half = &modulus >> 1;
    let value = |v: usize| -> BigInt {
        let mut x = BigInt::zero();
        for (q, d) in used.iter().zip(digits).rev() {
            x = x * BigInt::from(q.p) + BigInt::from(d[v]);
        }
        if x > half {
            x -= &modulus;
        }
        x
    };
    let mut det = value(0);
    if det.is_zero() {
        return None;
    }
    let negative = det.sign() == Sign::Minus;
    if negative {
        det = -det;
    }
    let vector = |start: usize| -> Vec<BigInt> {
        (0..k)
            .map(|i| {
                let x = value(start + i);
                if negative {
                    -x
                } else {
                    x
                }
            })
            .collect()
    };
    let xs: Vec<Vec<BigInt>> = (0..primal.len()).map(|c| vector(1 + c * k)).collect();
    let ys: Vec<Vec<BigInt>> = (0..dual.len()).map(|c| vector(1 + (primal.len() + c) * k)).collect();
    // The proof: M X = det · b and Mᵀ Y = det · c, exactly.
    fn product<'a>(coef: impl Fn(usize) -> &'a BigInt, x: &[BigInt]) -> BigInt {
        let mut s = BigInt::zero();
        for (j, xj) in x.iter().enumerate() {
            let a = coef(j);
            if !a.is_zero() && !xj.is_zero() {
                s += a * xj;
            }
        }
        s
    }
    for i in 0..k {
        for (x, b) in xs.iter().zip(primal) {
            if product(|j| &m[i][j], x) != &det * &b[i] {
                return None;
            }
        }
        for (y, c) in ys.iter().zip(dual) {
            if product(|j| &m[j][i], y) != &det * &c[i] {
                return None;
            }
        }
    }
    Some((xs, ys, det))
}

/// `Σ a_t b_t mod p` over two slices of residues, the products accumulated in `u128`s and
/// reduced ([`Prime::reduce128`], two multiplications) once per 16 terms: each product is at most
/// `(p − 1)² < 2^120 − 2^61`, so sixteen of them plus a carried residue stay below `2^124`. Four
/// accumulators, so that the additions do not wait for each other.
#[inline]
fn dot(f: Prime, a: &[u64], b: &[u64]) -> u64 {
    let mut total = 0u64;
    for (ca, cb) in a.chunks(16).zip(b.chunks(16)) {
        let mut s = [0u128; 4];
        let (mut ia, mut ib) = (ca.chunks_exact(4), cb.chunks_exact(4));
        for (x, y) in (&mut ia).zip(&mut ib) {
            s[0] += x[0] as u128 * y[0] as u128;
            s[1] += x[1] as u128 * y[1] as u128;
            s[2] += x[2] as u128 * y[2] as u128;
            s[3] += x[3] as u128 * y[3] as u128;
        }
        for (&x, &y) in ia.remainder().iter().zip(ib.remainder()) {
            s[0] += x as u128 * y as u128;
        }
        total = f.reduce128(s[0] + s[1] + s[2] + s[3] + total as u128);
    }
    total
}

/// `M` with entries that fit in an `i64`, row-major, reduced once for every prime; `None` if an
/// entry is larger (then each prime reduces the big integers).
fn small_entries(m: &[Vec<BigInt>], k: usize) -> Option<Vec<i64>> {
    let mut out = Vec::with_capacity(k * k);
    for row in m {
        for x in &row[..k] {
            out.push(x.to_i64()?);
        }
    }
    Some(out)
}

/// `[det M, det · M⁻¹ b for each primal b, det · M⁻ᵀ c for each dual c]` modulo `p`, by one LU
/// factorization `P M = L U` (Crout order, so every entry is one accumulated dot product); `None`
/// if `M` is singular mod `p`. `small` is `M` in machine integers when it fits
/// ([`small_entries`]).
///
/// The factors are kept twice, row-major in `a` and column-major in `at` (`at[j k + t] = a[t k + j]`),
/// so that every dot product (a row of `L` with a column of `U`, and the transposed solves) runs
/// over two contiguous slices.
fn solve_mod(
    m: &[Vec<BigInt>],
    small: Option<&[i64]>,
    k: usize,
    primal: &[Vec<BigInt>],
    dual: &[Vec<BigInt>],
    f: Prime,
) -> Option<Vec<u64>> {
    let mut a: Vec<u64> = match small {
        Some(v) => v.iter().map(|&x| f.reduce_i64(x)).collect(),
        None => m.iter().flat_map(|row| row[..k].iter().map(|x| f.reduce(x))).collect(),
    };
    let mut at = vec![0u64; k * k];
    for i in 0..k {
        for j in 0..k {
            at[j * k + i] = a[i * k + j];
        }
    }
    let mut perm: Vec<usize> = (0..k).collect();
    let mut det = 1u64;
    let mut diag_inv = vec![0u64; k];
    for c in 0..k {
        // Column c of L·U's remainder for the rows not yet pivoted: row r of L times column c of U.
        for r in c..k {
            let s = dot(f, &a[r * k..r * k + c], &at[c * k..c * k + c]);
            let v = f.sub(a[r * k + c], s);
            a[r * k + c] = v;
            at[c * k + r] = v;
        }
        let piv = (c..k).find(|&r| a[r * k + c] != 0)?;
        if piv != c {
            for j in 0..k {
                a.swap(piv * k + j, c * k + j);
                at.swap(j * k + piv, j * k + c);
            }
            perm.swap(piv, c);
            det = f.sub(0, det);
        }
        let d = a[c * k + c];
        det = f.mul(det, d);
        let inv = f.inv(d);
        diag_inv[c] = inv;
        for r in c + 1..k {
            let v = f.mul(a[r * k + c], inv);
            a[r * k + c] = v;
            at[c * k + r] = v;
        }
        // Row c of U: row c of L times column j of U.
        for j in c + 1..k {
            let s = dot(f, &a[c * k..c * k + c], &at[j * k..j * k + c]);
            let v = f.sub(a[c * k + j], s);
            a[c * k + j] = v;
            at[j * k + c] = v;
        }
    }
    let mut out = Vec::with_capacity(1 + k * (primal.len() + dual.len()));
    out.push(det);
    for b in primal {
        // L z = P b, then U x = z.
        let mut z = vec![0u64; k];
        for i in 0..k {
            let s = dot(f, &a[i * k..i * k + i], &z[..i]);
            z[i] = f.sub(f.reduce(&b[perm[i]]), s);
        }
        let mut x = vec![0u64; k];
        for i in (0..k).rev() {
            let s = dot(f, &a[i * k + i + 1..(i + 1) * k], &x[i + 1..]);
            x[i] = f.mul(f.sub(z[i], s), diag_inv[i]);
        }
        out.extend(x.iter().map(|&v| f.mul(v, det)));
    }
    for c in dual {
        // Mᵀ = Uᵀ Lᵀ P: Uᵀ w = c, then Lᵀ v = w, then y = Pᵀ v.
        let mut w = vec![0u64; k];
        for i in 0..k {
            let s = dot(f, &at[i * k..i * k + i], &w[..i]);
            w[i] = f.mul(f.sub(f.reduce(&c[i]), s), diag_inv[i]);
        }
        let mut v = vec![0u64; k];
        for i in (0..k).rev() {
            let s = dot(f, &at[i * k + i + 1..(i + 1) * k], &v[i + 1..]);
            v[i] = f.sub(w[i], s);
        }
        let mut y = vec![0u64; k];
        for i in 0..k {
            y[perm[i]] = v[i];
        }
        out.extend(y.iter().map(|&v| f.mul(v, det)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(v: &[i64]) -> Vec<BigInt> {
        v.iter().map(|&x| BigInt::from(x)).collect()
    }

    #[test]
    fn primes_are_prime() {
        let p = primes();
        assert_eq!(p.len(), 64);
        assert!(p.iter().all(|&x| x < 1 << 60 && is_prime(x)));
        assert!(!is_prime(3_215_031_751)); // a strong pseudoprime to bases 2, 3, 5, 7
    }

    #[test]
    fn barrett_reduction_inverse_and_dot_agree_with_plain_remainders() {
        let mut seed = 3u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed
        };
        for &p in &primes()[..4] {
            let f = Prime::new(p);
            // The extremes of the documented range, then random values below 2^124.
            for x in [0u128, 1, p as u128 - 1, p as u128, (1u128 << 124) - 1, (p as u128 - 1) * (p as u128 - 1)] {
                assert_eq!(f.reduce128(x) as u128, x % p as u128);
            }
            for _ in 0..2000 {
                let x = ((next() as u128) << 64 | next() as u128) >> 4;
                assert_eq!(f.reduce128(x) as u128, x % p as u128);
                let (a, b) = (next() % p, next() % p);
                assert_eq!(f.mul(a, b), mul_mod(a, b, p));
                if a != 0 {
                    assert_eq!(f.mul(a, f.inv(a)), 1);
                }
            }
            for x in [i64::MIN, -(p as i64) - 1, -(p as i64), -1, 0, p as i64, i64::MAX] {
                assert_eq!(f.reduce_i64(x), x.rem_euclid(p as i64) as u64);
            }
            // Dot products of every length up to 70 (chunks of 16, remainders), largest residues.
            for n in 0..70 {
                let a: Vec<u64> = (0..n).map(|t| if t % 3 == 0 { p - 1 } else { next() % p }).collect();
                let b: Vec<u64> = (0..n).map(|_| p - 1 - next() % 4).collect();
                let want = a.iter().zip(&b).fold(0u128, |s, (&x, &y)| (s + x as u128 * y as u128) % p as u128);
                assert_eq!(dot(f, &a, &b) as u128, want, "n = {n}");
            }
        }
    }

    #[test]
    fn answers_from_few_primes_and_from_many() {
        // A 1x1 system whose answer needs one prime, and 12x12 systems with 200-digit right-hand
        // sides, whose answers need a dozen: the early stop must not cut either short.
        let (x, d) = solve(&[b(&[7, 3])], 1).unwrap();
        assert_eq!((x, d), (vec![b(&[3])], BigInt::from(7)));
        let mut seed = 5u64;
        let mut next = |m: i64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as i64 % (2 * m + 1)) - m
        };
        for _ in 0..5 {
            let rows: Vec<Vec<BigInt>> = (0..12)
                .map(|_| {
                    (0..13)
                        .map(|j| {
                            let x = BigInt::from(next(99));
                            if j == 12 {
                                x * BigInt::from(10u64).pow(200) - BigInt::from(next(1_000_000))
                            } else {
                                x
                            }
                        })
                        .collect()
                })
                .collect();
            let want = super::super::simplex::solve_fraction_free(&rows, 1);
            assert!(want.is_some());
            assert_eq!(solve(&rows, 1), want);
        }
    }

    #[test]
    fn primal_and_dual_at_once() {
        // M = [[2, 1], [4, -1]], det -6. M x = (3, 3): x = (1, 1); Mᵀ y = (1, 2): y = (3/2, -1/2).
        let m = vec![b(&[2, 1]), b(&[4, -1])];
        let (x, y, d) = solve_both(&m, &[b(&[3, 3])], &[b(&[1, 2])]).unwrap();
        assert_eq!(d, BigInt::from(6));
        assert_eq!(x, vec![b(&[6, 6])]);
        assert_eq!(y, vec![b(&[9, -3])]);
    }

    #[test]
    fn small_systems() {
        // 2x + y = 3, x - y = 0 -> x = y = 1; det = -3, so d = 3 and X = (3, 3).
        let (x, d) = solve(&[b(&[2, 1, 3]), b(&[1, -1, 0])], 1).unwrap();
        assert_eq!(d, BigInt::from(3));
        assert_eq!(x, vec![b(&[3, 3])]);
        // Singular.
        assert!(solve(&[b(&[1, 2, 1]), b(&[2, 4, 2])], 1).is_none());
    }

    #[test]
    fn agrees_with_fraction_free_elimination_on_random_systems() {
        let mut seed = 11u64;
        let mut next = |m: i64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) as i64 % (2 * m + 1)) - m
        };
        for k in [1usize, 2, 5, 12, 30] {
            for big in [false, true] {
                let rows: Vec<Vec<BigInt>> = (0..k)
                    .map(|_| {
                        (0..k + 2)
                            .map(|j| {
                                let x = BigInt::from(next(99));
                                if big && j >= k {
                                    x * BigInt::from(10u64).pow(60) + BigInt::from(next(5))
                                } else {
                                    x
                                }
                            })
                            .collect()
                    })
                    .collect();
                let want = super::super::simplex::solve_fraction_free(&rows, 2);
                assert_eq!(solve(&rows, 2), want, "k = {k}");
            }
        }
    }
}
