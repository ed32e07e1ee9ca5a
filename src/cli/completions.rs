//! `standoff completions`: shell completion scripts generated from the command definition.

use super::Cli;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use standoff::error::Result;
use standoff::output::emit;
use std::io::Write;

const EXAMPLES: &str = "\
Examples (create the directory first: it may not exist on a fresh account):
  mkdir -p ~/.local/share/bash-completion/completions
  standoff completions bash > ~/.local/share/bash-completion/completions/standoff
  mkdir -p ~/.zfunc && standoff completions zsh > ~/.zfunc/_standoff
  mkdir -p ~/.config/fish/completions
  standoff completions fish > ~/.config/fish/completions/standoff.fish";

/// Raw arguments of `standoff completions`.
#[derive(Debug, Clone, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "standoff", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Runs `standoff completions`.
pub fn run(args: &CompletionsArgs, stdout: &mut dyn Write) -> Result<()> {
    emit(&script(args.shell), None, stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
            let s = script(shell);
            assert!(s.contains("standoff"), "{shell}");
            assert!(s.contains("solve"), "{shell}");
        }
    }
}
