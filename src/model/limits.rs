//! Input limits, decided before the work: the size of a file we read, the digits of one
//! number, and the memory a payoff table may take. Each refusal names the size found and the
//! cap, so a hostile or mistaken input (a model symlinked to `/dev/zero`, a number of a million
//! digits, a `.nfg` declaring a 20-player game) ends at once with a clear error instead of an
//! abort or a silent hang.

use crate::error::{Error, ModelError, Result};
pub use crate::game::budget::{human_bytes, limits, set_limits, Limits, PAYOFF_MEMORY_BUDGET};
use crate::num::{parse_q, Q};
use num_traits::One;
use std::io::Read;
use std::path::Path;

/// The default largest model or game file we read: 256 MiB (`--max-input`).
pub const MAX_INPUT_BYTES: u64 = crate::game::budget::DEFAULT_MAX_INPUT;

/// The default most digits one number literal may have, in a file or a `--set` value
/// (`--max-digits`). Exponents are capped at 10,000 by [`crate::num::parse_q`]; this caps the
/// written digits the same way.
pub const MAX_NUMBER_DIGITS: usize = crate::game::budget::DEFAULT_MAX_DIGITS as usize;

/// The default memory a TOML model may need while it is read, decided from its size before
/// parsing: 512 MiB, a quarter of `--max-memory`.
pub const TOML_MEMORY_BUDGET: u64 = PAYOFF_MEMORY_BUDGET / 4;

/// Measured peak memory per byte of a TOML model while it is read (the TOML document, our
/// located copy of it and one expression per payoff): about 70 bytes per source byte for a
/// 300x300 payoff table, rounded up.
pub const TOML_BYTES_PER_SOURCE_BYTE: u64 = 75;

/// Refuses a TOML model whose reading would take more than a quarter of `--max-memory`
/// ([`TOML_MEMORY_BUDGET`] by default).
pub fn check_toml_size(file: &str, src: &str) -> Result<()> {
    let need = (src.len() as u64).saturating_mul(TOML_BYTES_PER_SOURCE_BYTE);
    let budget = crate::game::budget::toml_budget();
    if need > budget {
        return Err(Error::TooLarge(format!(
            "{file}: this {} TOML model needs about {} of memory to read (the limit is {}, about {} of TOML, \
             a quarter of --max-memory); write large payoff tables as a Gambit .nfg file instead",
            human_bytes(src.len() as u64),
            human_bytes(need),
            human_bytes(budget),
            human_bytes(budget / TOML_BYTES_PER_SOURCE_BYTE)
        )));
    }
    Ok(())
}

/// Checks the digits of a number literal against `--max-digits` ([`MAX_NUMBER_DIGITS`] by default).
pub(crate) fn check_digits(text: &str) -> std::result::Result<(), String> {
    let digits = text.bytes().filter(u8::is_ascii_digit).count() as u64;
    let max = limits().digits;
    if digits > max {
        return Err(format!(
            "a number with {digits} digits is too long (at most {max} digits per number; raise it with --max-digits)"
        ));
    }
    Ok(())
}

/// [`parse_q`] with the digit cap: the error message is ready to show.
pub(crate) fn number(text: &str) -> std::result::Result<Q, String> {
    check_digits(text)?;
    let v = parse_q(text).map_err(|e| e.0)?;
    check_value_digits(&v)?;
    Ok(v)
}

/// Checks the exact value against `--max-digits` as it is written back (`n` or `n/d`): an exponent
/// (`5e8000`) makes a value longer than its literal, and every value we accept must be one we can
/// write out and read back.
pub(crate) fn check_value_digits(v: &Q) -> std::result::Result<(), String> {
    let max = limits().digits;
    // 10^(d-1) <= |x| < 10^d needs at least (d-1)·log2(10) bits: only long values are printed.
    let bits = v.numer().bits() + if v.denom().is_one() { 0 } else { v.denom().bits() };
    if bits as f64 <= (max as f64 - 2.0) * std::f64::consts::LOG2_10 {
        return Ok(());
    }
    let mut digits = v.numer().magnitude().to_string().len() as u64;
    if !v.denom().is_one() {
        digits += v.denom().magnitude().to_string().len() as u64;
    }
    if digits > max {
        return Err(format!(
            "the number's exact value has {digits} digits written out (at most {max} digits per number; raise \
             it with --max-digits)"
        ));
    }
    Ok(())
}

/// Reads a model or game file as UTF-8 text, at most `--max-input` bytes ([`MAX_INPUT_BYTES`]
/// by default).
///
/// The file is read through a limit, so a path to `/dev/zero` or `/dev/urandom` (or a FIFO that
/// never ends) is refused after at most the cap, and at the first NUL byte or invalid UTF-8
/// sequence (with its byte offset) well before that.
pub fn read_source(path: &Path) -> Result<String> {
    read_source_limited(path, limits().input)
}

/// [`read_source`] with an explicit size cap.
pub fn read_source_limited(path: &Path, cap: u64) -> Result<String> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let file = path.display().to_string();
    let too_large = |size: String| {
        Error::TooLarge(format!(
            "{file}: the file is {size}, larger than the {} a model or game file may have \
             (raise it with --max-input)",
            human_bytes(cap)
        ))
    };
    let f = std::fs::File::open(path).map_err(io)?;
    if let Ok(meta) = f.metadata() {
        if meta.is_file() && meta.len() > cap {
            return Err(too_large(human_bytes(meta.len())));
        }
    }
    let mut reader = f.take(cap + 1);
    let mut bytes: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    // Bytes before `checked` are known to be valid UTF-8 without NUL.
    let mut checked = 0usize;
    loop {
        let k = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(k) => k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if bytes.len() as u64 + k as u64 > cap {
            return Err(too_large(format!("more than {}", human_bytes(cap))));
        }
        bytes.try_reserve(k).map_err(|_| too_large(format!("more than {}", human_bytes(bytes.len() as u64))))?;
        bytes.extend_from_slice(&chunk[..k]);
        checked = check_text(&file, &bytes, checked, false)?;
    }
    check_text(&file, &bytes, checked, true)?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(format!("{file}: UTF-8 checked but not valid: {e}")))
}

/// Checks `bytes[from..]` for NUL bytes and invalid UTF-8; returns how far the text is valid
/// (an incomplete character at the end is left for the next chunk unless `end`).
fn check_text(file: &str, bytes: &[u8], from: usize, end: bool) -> Result<usize> {
    let bad = |offset: usize, what: &str| {
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
        let message = match Encoding::guess(bytes) {
            Encoding::Utf16 { bom: true } => format!(
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 \
                 ({what} at byte {offset})"
            ),
            Encoding::Utf16 { bom: false } => format!(
                "the file looks like UTF-16 (every other byte is NUL); save it as UTF-8 ({what} at byte {offset})"
            ),
            Encoding::Binary => {
                format!("{what} at byte {offset}: this looks like a binary file, not a text model or game file")
            }
            Encoding::Text => format!(
                "{what} at byte {offset}: model and game files must be UTF-8 text; \
                 save the file as UTF-8 (it may be in a legacy encoding such as Latin-1 or Windows-1252)"
            ),
        };
        Error::Model(ModelError::at(file, valid, offset, message))
    };
    let rest = &bytes[from..];
    let valid_len = match std::str::from_utf8(rest) {
        Ok(_) => rest.len(),
        Err(e) => {
            if e.error_len().is_some() || end {
                let at = from + e.valid_up_to();
                if let Some(nul) = rest[..e.valid_up_to()].iter().position(|&b| b == 0) {
                    return Err(bad(from + nul, "a NUL byte"));
                }
                return Err(bad(at, "invalid UTF-8"));
            }
            e.valid_up_to()
        }
    };
    if let Some(nul) = rest[..valid_len].iter().position(|&b| b == 0) {
        return Err(bad(from + nul, "a NUL byte"));
    }
    Ok(from + valid_len)
}

/// What a file that is not valid UTF-8 most likely is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// UTF-16, with or without a byte-order mark.
    Utf16 { bom: bool },
    /// Binary data: NUL bytes and control characters where text would have none.
    Binary,
    /// Text in another encoding (Latin-1, Windows-1252, ...).
    Text,
}

impl Encoding {
    /// Guesses from at most the first 4096 bytes.
    fn guess(bytes: &[u8]) -> Encoding {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Encoding::Utf16 { bom: true };
        }
        let head = &bytes[..bytes.len().min(4096)];
        let pairs = head.len() / 2;
        if pairs >= 2 {
            // UTF-16 of mostly ASCII text: one byte of each pair is NUL, the other printable.
            let ascii = |b: u8| b.is_ascii_graphic() || b.is_ascii_whitespace();
            let le = head.chunks_exact(2).filter(|p| p[1] == 0 && ascii(p[0])).count();
            let be = head.chunks_exact(2).filter(|p| p[0] == 0 && ascii(p[1])).count();
            if le.max(be) * 10 >= pairs * 9 {
                return Encoding::Utf16 { bom: false };
            }
        }
        let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
        if head.contains(&0) || control * 20 > head.len() {
            Encoding::Binary
        } else {
            Encoding::Text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_capped() {
        assert!(number("123/4").is_ok());
        let long = "1".repeat(MAX_NUMBER_DIGITS + 1);
        let e = number(&long).unwrap_err();
        assert!(e.contains("10001 digits"), "{e}");
        assert!(number(&"1".repeat(MAX_NUMBER_DIGITS)).is_ok());
    }

    #[test]
    fn text_checks_split_characters_across_chunks() {
        let s = "aé€😀".as_bytes();
        // Every prefix is either valid so far or an incomplete final character.
        for k in 0..=s.len() {
            let got = check_text("f", &s[..k], 0, false).unwrap();
            assert!(got <= k);
        }
        assert_eq!(check_text("f", s, 0, true).unwrap(), s.len());
        let e = check_text("f", b"ab\xffcd", 0, false).unwrap_err().to_string();
        assert!(e.contains("invalid UTF-8 at byte 2"), "{e}");
        assert!(e.contains("save the file as UTF-8"), "{e}");
        let e = check_text("f", b"ab\0", 0, true).unwrap_err().to_string();
        assert!(e.contains("NUL byte at byte 2"), "{e}");
        assert!(e.contains("looks like a binary file"), "{e}");
        let e = check_text("f", "é".as_bytes().split_at(1).0, 0, true).unwrap_err().to_string();
        assert!(e.contains("invalid UTF-8 at byte 0"), "{e}");
    }
}
