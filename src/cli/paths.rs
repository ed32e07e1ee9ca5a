//! One check before any work: the files a command writes (`-o`, `--plot`) are neither each other
//! nor one of the model files it reads. `sweep m.toml -o out.svg --plot out.svg` used to write
//! both and keep whichever came last; `solve m.toml -o m.toml` replaced the model with its answer.
//!
//! Two paths are the same file when they name the same inode (through symbolic links, hard links,
//! `.` and `..`), or, for a file that does not exist yet, the same name in the same directory.
//! Devices, FIFOs and other non-regular files are left alone: writing twice to `/dev/null`, or
//! reading a model from `/dev/stdin` while writing to `/dev/stdout`, is what the user asked for.

use standoff::error::{Error, Result};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What a path refers to, for comparing.
#[derive(Debug, PartialEq, Eq)]
enum Identity {
    /// An existing regular file: device and inode.
    File(u64, u64),
    /// A file that does not exist yet: its directory, resolved, and its name.
    New(PathBuf),
    /// A device, FIFO, socket or directory, or a path whose directory cannot be resolved: not
    /// compared (the write itself reports what is wrong with it).
    Other,
}

fn identity(path: &Path) -> Identity {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Identity::File(m.dev(), m.ino()),
        Ok(_) => Identity::Other,
        Err(_) => {
            let (Some(name), parent) = (path.file_name(), path.parent()) else { return Identity::Other };
            let parent = match parent {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            match std::fs::canonicalize(parent) {
                Ok(dir) => Identity::New(dir.join(name)),
                Err(_) => Identity::Other,
            }
        }
    }
}

/// Refuses when two of `outputs` (flag, path) are the same file, or one of them is one of
/// `inputs`.
pub fn check_distinct(inputs: &[&Path], outputs: &[(&str, &Path)]) -> Result<()> {
    let ins: Vec<Identity> = inputs.iter().map(|p| identity(p)).collect();
    let outs: Vec<Identity> = outputs.iter().map(|(_, p)| identity(p)).collect();
    for (k, (flag, path)) in outputs.iter().enumerate() {
        if outs[k] == Identity::Other {
            continue;
        }
        if let Some(j) = ins.iter().position(|i| *i == outs[k]) {
            return Err(Error::Output(format!(
                "{}: {flag} would overwrite the model file `{}` that this command reads; write to another file",
                path.display(),
                inputs[j].display()
            )));
        }
        if let Some(j) = (0..k).find(|&j| outs[j] == outs[k]) {
            return Err(Error::Output(format!(
                "{}: {flag} and {} name the same file (`{}`); give each its own file",
                path.display(),
                outputs[j].0,
                outputs[j].1.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_files_are_found_through_links_and_new_names() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("m.toml");
        std::fs::write(&model, "x").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&model, &link).unwrap();
        let new = dir.path().join("out.svg");
        let new2 = dir.path().join(".").join("out.svg");
        let other = dir.path().join("other.svg");
        assert!(check_distinct(&[&model], &[("-o", &other), ("--plot", &new)]).is_ok());
        let e = check_distinct(&[&model], &[("-o", &link)]).unwrap_err().to_string();
        assert!(e.contains("would overwrite the model file"), "{e}");
        let e = check_distinct(&[&model], &[("-o", &new), ("--plot", &new2)]).unwrap_err().to_string();
        assert!(e.contains("--plot and -o name the same file"), "{e}");
        let null = Path::new("/dev/null");
        assert!(check_distinct(&[null], &[("-o", null), ("--plot", null)]).is_ok());
    }
}
