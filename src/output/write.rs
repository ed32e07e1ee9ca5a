//! The one place that writes output: to standard output, or to a file given with `-o`/`--plot`.
//!
//! Every command writes through [`Output`] (streamed) or [`emit`] / [`write_atomic`] (whole texts),
//! and charts through [`OutputFile`]. A file is written the safe way:
//!
//! - A regular file (new or existing) is written to a temporary file next to it, named
//!   `.NAME.standoff-PID.XXXXXX.tmp`, and renamed over it only when complete: an interrupted or
//!   failed write leaves the old file as it was. An existing file keeps its mode (a 0600 file stays
//!   0600) and, where the system allows, its owner and group; a new file gets the usual mode
//!   (0666 less the umask).
//! - A symbolic link is written through: its final target is replaced, the link is kept.
//! - Anything that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO, a terminal) is
//!   written directly, without a temporary file.
//! - A file without write permission for its owner (mode 0444, say) is refused with
//!   [`Error::Output`] and left intact. The mode bits decide, not `access(2)`: as root every file
//!   looks writable.
//!
//! Live temporary files are kept in a process-wide registry, so that the binary's signal handler
//! can remove them ([`remove_live_temp_files`]) before it exits on SIGINT or SIGTERM. After a
//! SIGKILL they stay behind; the next write to the same target removes those whose process is
//! gone (the PID in the name is checked against `/proc`).
//!
//! A closed standard output (`standoff sweep ... | head -c 100`) is reported by [`Output`] as an
//! [`Error::Io`] of kind `BrokenPipe` ([`is_broken_pipe`]), so that streaming stops at the next
//! write; the binary then exits quietly with status 141, as a process killed by SIGPIPE would.
//! [`emit`], which writes an answer computed whole, drops the rest quietly and succeeds.

use crate::error::{Error, Result};
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, ErrorKind, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The path shown in errors about standard output.
const STDOUT: &str = "<stdout>";

/// Most symbolic links followed when resolving a target (as Linux's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// Temporary files of this process that are being written, as (directory, name prefix) patterns.
/// A pattern is registered *before* its file is created, so a signal arriving between the creation
/// and the registration cannot leave the file behind. The prefix holds this process's PID, so every
/// file matching it is ours.
static LIVE: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<(PathBuf, String)>> {
    // A panic while holding the lock cannot leave the list inconsistent (push and remove only).
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The files in `dir` whose names start with `prefix` and end in `.tmp`.
fn matching(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(prefix) && n.ends_with(".tmp")))
        .map(|e| e.path())
        .collect()
}

/// The temporary files this process is writing right now.
pub fn live_temp_files() -> Vec<PathBuf> {
    let patterns = live().clone();
    let mut files: Vec<PathBuf> = patterns.iter().flat_map(|(dir, prefix)| matching(dir, prefix)).collect();
    files.sort();
    files.dedup();
    files
}

/// Removes every live temporary file of this process (best effort) and forgets them. For the
/// binary's signal handler, which exits right after: a write still in progress on another thread
/// then fails or writes into an unlinked file, and nothing is left on disk.
pub fn remove_live_temp_files() {
    let mut patterns = live();
    for (dir, prefix) in patterns.drain(..) {
        for path in matching(&dir, &prefix) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// True if `e` is a write to a closed pipe (the reader has gone).
pub fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == ErrorKind::BrokenPipe)
}

/// Registers a temporary-file pattern as live; removes it from the registry when dropped.
#[derive(Debug)]
struct LiveTemp(PathBuf, String);

impl LiveTemp {
    fn new(dir: &Path, prefix: &str) -> LiveTemp {
        live().push((dir.to_path_buf(), prefix.to_string()));
        LiveTemp(dir.to_path_buf(), prefix.to_string())
    }
}

impl Drop for LiveTemp {
    fn drop(&mut self) {
        let mut patterns = live();
        if let Some(k) = patterns.iter().position(|(d, p)| d == &self.0 && p == &self.1) {
            patterns.swap_remove(k);
        }
    }
}

/// Follows symbolic links from `path` to the final target (which need not exist).
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&current).map_err(|source| Error::Io { path: current.clone(), source })?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::Output(format!("{}: too many levels of symbolic links", path.display())))
}

/// True for the paths that name a descriptor of this process rather than a file:
/// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`.
fn names_a_descriptor(path: &Path) -> bool {
    path == Path::new("/dev/stdout")
        || path == Path::new("/dev/stderr")
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc/self/fd")
}

/// The directory a path's temporary file goes to and the file name, as given.
fn dir_and_name(path: &Path) -> Result<(PathBuf, OsString)> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Output(format!("{}: not a file name to write to", path.display())))?
        .to_os_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name))
}

/// The prefix of our temporary files for a target named `name` (before the PID).
fn temp_prefix(name: &OsString) -> String {
    format!(".{}.standoff-", name.to_string_lossy())
}

/// Removes temporary files for the target `name` in `dir` left by processes that no longer run
/// (after a SIGKILL, a power cut). Only names of our exact pattern with a dead PID are touched;
/// where `/proc` is not available nothing is removed.
fn remove_stale_temps(dir: &Path, name: &OsString) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        if !rest.ends_with(".tmp") {
            continue;
        }
        let Some(pid) = rest.split('.').next().and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

enum Inner {
    /// Written in place: not a regular file.
    Direct(BufWriter<File>),
    /// Written to a temporary file, renamed over `dest` by [`OutputFile::commit`].
    Temp { file: BufWriter<tempfile::NamedTempFile>, dest: PathBuf, _live: LiveTemp },
}

/// A file being written (see the module docs): bytes go in with [`Write`], and
/// [`OutputFile::commit`] puts them in place. Dropped without `commit`, it leaves the target as it
/// was and removes its temporary file.
pub struct OutputFile {
    inner: Inner,
    /// The path as given, for messages.
    path: PathBuf,
}

impl OutputFile {
    /// Opens `path` for writing.
    pub fn create(path: &Path) -> Result<OutputFile> {
        let io_error = |source| Error::Io { path: path.to_path_buf(), source };
        // The kernel follows the links (including /proc's, which name pipes and sockets).
        let existing = match fs::metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(io_error(e)),
        };
        if let Some(m) = &existing {
            if m.is_dir() {
                return Err(Error::Output(format!("{}: is a directory, not a file to write to", path.display())));
            }
            if !m.is_file() || names_a_descriptor(path) {
                // A device, FIFO or socket, or one of our own descriptors (`/dev/stdout`, which may be
                // a file the shell opened): write in place. Append, so that `-o /dev/stdout` onto a
                // shell's `>>` appends as the shell asked.
                let file = OpenOptions::new().append(true).open(path).map_err(io_error)?;
                return Ok(OutputFile { inner: Inner::Direct(BufWriter::new(file)), path: path.to_path_buf() });
            }
            if m.permissions().mode() & 0o200 == 0 {
                return Err(Error::Output(format!(
                    "{}: the file is read-only (mode {:04o}); make it writable (chmod u+w) or remove it \
                     to replace it",
                    path.display(),
                    m.permissions().mode() & 0o7777
                )));
            }
        }
        let dest = resolve_links(path)?;
        let (dir, name) = dir_and_name(&dest)?;
        remove_stale_temps(&dir, &name);
        let prefix = format!("{}{}.", temp_prefix(&name), std::process::id());
        // Registered before the file exists: see `LIVE`.
        let live = LiveTemp::new(&dir, &prefix);
        let tmp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .rand_bytes(6)
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(&dir)
            .map_err(io_error)?;
        if let Some(m) = &existing {
            let file = tmp.as_file();
            file.set_permissions(fs::Permissions::from_mode(m.mode() & 0o7777)).map_err(io_error)?;
            // Keeping the owner needs privileges; without them the file is ours, as any new file.
            let _ = std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid()));
        }
        Ok(OutputFile {
            inner: Inner::Temp { file: BufWriter::with_capacity(1 << 16, tmp), dest, _live: live },
            path: path.to_path_buf(),
        })
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Finishes the file: flushes it and, for a regular file, renames the temporary file over the
    /// target. On error the target is left as it was and the temporary file is removed.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let io_error = |source| Error::Io { path: path.clone(), source };
        match self.inner {
            Inner::Direct(mut out) => out.flush().map_err(io_error),
            Inner::Temp { file, dest, _live } => {
                let tmp = file.into_inner().map_err(|e| io_error(e.into_error()))?;
                tmp.as_file().sync_all().map_err(io_error)?;
                tmp.persist(&dest).map_err(|e| io_error(e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Direct(out) => out.write(buf),
            Inner::Temp { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Direct(out) => out.write_all(buf),
            Inner::Temp { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Direct(out) => out.flush(),
            Inner::Temp { file, .. } => file.flush(),
        }
    }
}

/// Where a command's output goes: standard output, or a file (see [`OutputFile`]).
pub enum Output<'a> {
    /// Standard output (or the writer standing for it).
    Stdout(&'a mut dyn Write),
    /// A file.
    File(OutputFile),
}

impl<'a> Output<'a> {
    /// The file `dest` if given, else `stdout`.
    pub fn open(dest: Option<&Path>, stdout: &'a mut dyn Write) -> Result<Output<'a>> {
        Ok(match dest {
            Some(path) => Output::File(OutputFile::create(path)?),
            None => Output::Stdout(stdout),
        })
    }

    fn io_error(&self, source: io::Error) -> Error {
        match self {
            Output::Stdout(_) => Error::Io { path: PathBuf::from(STDOUT), source },
            Output::File(f) => Error::Io { path: f.path().to_path_buf(), source },
        }
    }

    /// Writes `bytes`. A closed standard output is an error for which [`is_broken_pipe`] holds.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let done = match self {
            Output::Stdout(out) => out.write_all(bytes),
            Output::File(f) => f.write_all(bytes),
        };
        done.map_err(|e| self.io_error(e))
    }

    /// Writes `text`.
    pub fn write_str(&mut self, text: &str) -> Result<()> {
        self.write_all(text.as_bytes())
    }

    /// Flushes standard output, or commits the file ([`OutputFile::commit`]).
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(out) => out.flush().map_err(|source| Error::Io { path: PathBuf::from(STDOUT), source }),
            Output::File(f) => f.commit(),
        }
    }
}

/// Writes `text` to the file `dest` (see [`OutputFile`]) or, without a file, to `stdout`.
///
/// A closed pipe on `stdout` (as in `standoff solve m.toml | head -1`) is returned as the error
/// [`is_broken_pipe`] recognises, as for streaming output ([`Output`]): the binary then ends
/// quietly with status 141.
pub fn emit(text: &str, dest: Option<&Path>, stdout: &mut dyn Write) -> Result<()> {
    // A closed pipe on standard output is returned like any error: the binary ends quietly with
    // the status of a process killed by SIGPIPE, as it does for streamed output.
    let mut out = Output::open(dest, stdout)?;
    out.write_str(text).and_then(|()| out.finish())
}

/// Writes `contents` to `path` as [`OutputFile`] does: atomically for a regular file (on any
/// error `path` is left as it was and the temporary file is removed), through symbolic links, and
/// directly to devices and pipes.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = OutputFile::create(path)?;
    file.write_all(contents).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    file.commit()
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn writes_and_replaces() {
        let dir = scratch("replace");
        let path = dir.join("out.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(names(&dir), ["out.txt"], "no temporary file left");
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
    fn a_directory_is_refused() {
        let dir = scratch("dir");
        let target = dir.join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"k").unwrap();
        assert!(matches!(write_atomic(&target, b"x"), Err(Error::Output(_))));
        assert_eq!(names(&dir), ["taken"], "only the directory remains");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn keeps_mode_and_refuses_read_only() {
        let dir = scratch("mode");
        let private = dir.join("private.csv");
        fs::write(&private, b"old").unwrap();
        fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&private, b"new").unwrap();
        assert_eq!(fs::metadata(&private).unwrap().permissions().mode() & 0o7777, 0o600);
        assert_eq!(fs::read(&private).unwrap(), b"new");
        let ro = dir.join("ro.csv");
        fs::write(&ro, b"keep").unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&ro, b"x").unwrap_err();
        assert!(matches!(&err, Error::Output(m) if m.contains("read-only")), "{err}");
        assert_eq!(fs::read(&ro).unwrap(), b"keep");
        assert_eq!(names(&dir), ["private.csv", "ro.csv"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn writes_through_symlinks_and_to_devices() {
        let dir = scratch("link");
        let real = dir.join("real.csv");
        fs::write(&real, b"old").unwrap();
        let link = dir.join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
        // A dangling link creates its target.
        let dangling = dir.join("dangling.csv");
        std::os::unix::fs::symlink("made.csv", &dangling).unwrap();
        write_atomic(&dangling, b"made").unwrap();
        assert_eq!(fs::read(dir.join("made.csv")).unwrap(), b"made");
        assert_eq!(names(&dir), ["dangling.csv", "link.csv", "made.csv", "real.csv"]);
        write_atomic(Path::new("/dev/null"), b"nothing").unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn interrupted_write_leaves_nothing_and_registers_its_temp() {
        let dir = scratch("drop");
        let path = dir.join("out.csv");
        fs::write(&path, b"old").unwrap();
        {
            let mut f = OutputFile::create(&path).unwrap();
            f.write_all(b"partial").unwrap();
            let live = live_temp_files();
            let ours: Vec<&PathBuf> = live.iter().filter(|p| p.starts_with(&dir)).collect();
            assert_eq!(ours.len(), 1, "{live:?}");
            let name = ours[0].file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(&format!(".out.csv.standoff-{}.", std::process::id())), "{name}");
        }
        assert!(!live_temp_files().iter().any(|p| p.starts_with(&dir)));
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(names(&dir), ["out.csv"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_temp_file_is_live_from_before_it_exists() {
        // Regression: the path used to be registered after the file was created, so a signal in
        // between left the file behind (tests/outputs.rs saw it under load).
        let dir = scratch("pattern");
        let prefix = format!(".out.csv.standoff-{}.", std::process::id());
        let live = LiveTemp::new(&dir, &prefix);
        let early = dir.join(format!("{prefix}Ab12Cd.tmp"));
        fs::write(&early, b"created by the writer, not yet known to it").unwrap();
        // What the signal handler removes (not called here: it drains every test's registrations).
        assert!(live_temp_files().contains(&early));
        drop(live);
        assert!(!live_temp_files().contains(&early));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_temps_of_dead_processes_are_removed() {
        let dir = scratch("stale");
        // PIDs above the kernel's maximum (4194304) never run.
        let stale = dir.join(".out.csv.standoff-99999999.abcdef.tmp");
        let other = dir.join(".other.csv.standoff-99999999.abcdef.tmp");
        let mine = dir.join(format!(".out.csv.standoff-{}.abcdef.tmp", std::process::id()));
        for p in [&stale, &other, &mine] {
            fs::write(p, b"debris").unwrap();
        }
        write_atomic(&dir.join("out.csv"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(other.exists(), "another target's temp file is not touched");
        assert!(mine.exists(), "a live process's temp file is not touched");
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
        // A closed pipe is reported (the binary exits 141 quietly), for whole answers as for streams.
        assert!(is_broken_pipe(&emit("x", None, &mut ClosedPipe).unwrap_err()));
        let mut closed = ClosedPipe;
        let mut streamed = Output::open(None, &mut closed).unwrap();
        assert!(is_broken_pipe(&streamed.write_str("x").unwrap_err()));
        let full = emit("x", None, &mut Full).unwrap_err();
        assert!(matches!(full, Error::Io { .. }) && !is_broken_pipe(&full));
        let mut buf = Vec::new();
        emit("hello", None, &mut buf).unwrap();
        assert_eq!(buf, b"hello");
    }
}
