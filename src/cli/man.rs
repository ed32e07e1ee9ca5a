//! `standoff man`: manual pages generated from the command definition (`clap_mangen`), so the
//! man page and `--help` come from one source.
//!
//! Without `--dir` it prints `standoff.1` (the overview, with the list of subcommands) to
//! standard output; with `--dir DIR` it writes `standoff.1` and one page per subcommand
//! (`standoff-solve.1`, ...) into DIR through the atomic writer.

use super::Cli;
use clap::{Args, CommandFactory};
use standoff::error::{Error, Result};
use standoff::output::write_atomic;
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  mkdir -p ~/.local/share/man/man1
  standoff man > ~/.local/share/man/man1/standoff.1
  standoff man --dir ~/.local/share/man/man1      # also standoff-solve.1, ...
  man standoff";

/// Raw arguments of `standoff man`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct ManArgs {
    /// Write standoff.1 and one page per subcommand (standoff-solve.1, ...) into DIR instead of
    /// printing standoff.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The manual pages: (file name, roff text), the overview first, then one per subcommand.
pub fn pages() -> Result<Vec<(String, String)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = vec![render(cmd.clone())?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push(render(sub.clone())?);
    }
    Ok(out)
}

fn render(cmd: clap::Command) -> Result<(String, String)> {
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    man.render(&mut buf).map_err(|e| Error::Internal(format!("rendering the man page: {e}")))?;
    Ok((man.get_filename(), String::from_utf8_lossy(&buf).into_owned()))
}

/// Runs `standoff man`.
pub fn run(args: &ManArgs, stdout: &mut dyn Write) -> Result<()> {
    let pages = pages()?;
    match &args.dir {
        None => super::notice::emit_to(&pages[0].1, None, stdout),
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Error::InvalidOption(format!(
                    "--dir {}: not a directory (create it first: mkdir -p {})",
                    dir.display(),
                    dir.display()
                )));
            }
            for (name, text) in &pages {
                let path = dir.join(name);
                write_atomic(&path, text.as_bytes())?;
                super::notice::wrote(&path);
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_per_subcommand() {
        let pages = pages().unwrap();
        assert_eq!(pages[0].0, "standoff.1");
        assert!(pages[0].1.contains(".TH standoff 1"), "{}", &pages[0].1[..200]);
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"standoff-solve.1"), "{names:?}");
        assert!(names.contains(&"standoff-man.1"), "{names:?}");
        let solve = &pages.iter().find(|(n, _)| n == "standoff-solve.1").unwrap().1;
        assert!(solve.contains("method"), "{solve}");
    }
}
