//! Typed errors. Model errors carry the file, line and column of the problem.

use std::fmt;
use std::path::PathBuf;

/// A position in a source file (1-based line and column, counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File name as the user gave it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
}

impl Location {
    /// The location of byte offset `offset` in `source`.
    pub fn from_offset(file: &str, source: &str, offset: usize) -> Location {
        let offset = offset.min(source.len());
        let before = &source[..floor_char_boundary(source, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { file: file.to_string(), line, column }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// An error in a model file or Gambit file, located precisely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// Where the problem is.
    pub location: Location,
    /// What was wrong and what was expected.
    pub message: String,
    /// The offending source line, for display with a caret.
    pub source_line: Option<String>,
}

impl ModelError {
    /// A located error at byte offset `offset` of `source`.
    pub fn at(file: &str, source: &str, offset: usize, message: impl Into<String>) -> ModelError {
        let location = Location::from_offset(file, source, offset);
        let source_line = source.lines().nth(location.line - 1).map(str::to_string);
        ModelError { location, message: message.into(), source_line }
    }
}

/// Lines longer than twice this are shown as a window of this many characters.
const SHOWN_LINE_CHARS: usize = 120;

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(line) = &self.source_line {
            let gutter = self.location.line.to_string();
            let pad = " ".repeat(gutter.len());
            // A very long line (a generated one-line file) is shown as a window around the column.
            let col = self.location.column.saturating_sub(1);
            let (line, col) = if line.len() > 2 * SHOWN_LINE_CHARS {
                let chars: Vec<char> = line.chars().collect();
                let start = col.saturating_sub(SHOWN_LINE_CHARS / 2).min(chars.len());
                let end = (start + SHOWN_LINE_CHARS).min(chars.len());
                let lead = if start > 0 { "…" } else { "" };
                let tail = if end < chars.len() { "…" } else { "" };
                let window: String = chars[start..end].iter().collect();
                (format!("{lead}{window}{tail}"), col - start + usize::from(start > 0))
            } else {
                (line.clone(), col)
            };
            let caret_pad: String = line.chars().take(col).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            write!(f, "\n{pad} |\n{gutter} | {line}\n{pad} | {caret_pad}^")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelError {}

/// Every error the library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed model or game file.
    #[error("{0}")]
    Model(#[from] ModelError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A game that is well-formed as a file but invalid as a game.
    #[error("invalid game: {0}")]
    Game(String),
    /// The method cannot handle this game.
    #[error("method `{method}` does not support this game: {reason}")]
    Unsupported {
        /// The method name.
        method: String,
        /// Why not, and what to use instead.
        reason: String,
    },
    /// The computation would be too large; the message gives an estimate and an alternative.
    #[error("{0}")]
    TooLarge(String),
    /// A parameter assignment or scenario the model does not accept (unknown name, bad value).
    #[error("{0}")]
    Parameter(String),
    /// The model or file is of another kind than the operation needs (a tree where a
    /// strategic form is needed, a strategic form where a multistage model is needed, ...).
    #[error("{0}")]
    WrongKind(String),
    /// An option value outside its domain: an empty or malformed range, zero steps, a player
    /// or label that does not exist, a method that is not known.
    #[error("{0}")]
    InvalidOption(String),
    /// An output that cannot be written as asked: not a file name, an unknown chart
    /// extension, a format the report does not have.
    #[error("{0}")]
    Output(String),
    /// A solver produced something that failed exact verification: a bug.
    #[error("internal error (please report): {0}")]
    Internal(String),
}

/// Result alias for the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets() {
        let src = "ab\ncdé\nf";
        let l = Location::from_offset("x", src, 7);
        assert_eq!((l.line, l.column), (2, 4));
        let l = Location::from_offset("x", src, 0);
        assert_eq!((l.line, l.column), (1, 1));
        let l = Location::from_offset("x", src, 999);
        assert_eq!(l.line, 3);
    }

    #[test]
    fn long_lines_are_shown_as_a_window() {
        let src = format!("{}x{}", "0 ".repeat(50_000), " 1".repeat(50_000));
        let e = ModelError::at("g.nfg", &src, 100_000, "bad");
        let s = e.to_string();
        assert!(s.len() < 600, "{} bytes", s.len());
        let lines: Vec<&str> = s.lines().collect();
        let shown = lines[2].split_once("| ").unwrap().1;
        let caret = lines[3].split_once("| ").unwrap().1;
        assert_eq!(shown.chars().nth(caret.len() - 1), Some('x'), "{s}");
    }

    #[test]
    fn displays_caret() {
        let e = ModelError::at("m.toml", "a = 1\nb = oops\n", 10, "expected a number");
        let s = e.to_string();
        assert!(s.starts_with("m.toml:2:5: expected a number"), "{s}");
        assert!(s.contains("2 | b = oops"), "{s}");
    }
}
