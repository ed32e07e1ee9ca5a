//! The one place that writes rendered output: to standard output, or atomically to a file.

use crate::error::{Error, Result};
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Writes `text` to the file `dest` (atomically, see [`write_atomic`]) or, without a file, to `stdout`.
///
/// A closed pipe on `stdout` (as in `standoff solve m.toml | head -1`) is not an error: the reader
/// has what it wanted, so the rest is dropped silently.
pub fn emit(text: &str, dest: Option<&Path>, stdout: &mut dyn Write) -> Result<()> {
    if let Some(path) = dest {
        return write_atomic(path, text.as_bytes());
    }
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::Io { path: PathBuf::from("<stdout>"), source }),
    }
}

/// Writes `contents` to `path` atomically: first to a new temporary file in the same
/// directory, then renamed over `path`. On any error the temporary file is removed and
/// `path` is left as it was (absent or with its old contents).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Usage(format!("{}: not a file name to write to", path.display())))?
        .to_string_lossy()
        .into_owned();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(e) => return Err(io_error(e)),
        }
    };
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    drop(file);
    match written.and_then(|()| fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            // Best effort: the temporary file is ours and must not be left behind.
            let _ = fs::remove_file(&tmp);
            Err(io_error(e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("standoff-write-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_and_replaces() {
        let dir = scratch("replace");
        let path = dir.join("out.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_path() {
        let dir = scratch("missing");
        let path = dir.join("nope").join("out.txt");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert!(err.to_string().contains("out.txt"), "{err}");
        assert!(!path.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rename_failure_removes_the_temporary_file() {
        let dir = scratch("rename");
        let target = dir.join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"k").unwrap();
        assert!(write_atomic(&target, b"x").is_err());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "only the directory remains");
        fs::remove_dir_all(&dir).unwrap();
    }

    struct ClosedPipe;
    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from(ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn stdout_errors() {
        assert!(emit("x", None, &mut ClosedPipe).is_ok());
        assert!(matches!(emit("x", None, &mut Full), Err(Error::Io { .. })));
        let mut buf = Vec::new();
        emit("hello", None, &mut buf).unwrap();
        assert_eq!(buf, b"hello");
    }
}
