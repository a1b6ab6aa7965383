//! `completions`: a shell completion script generated from the clap definitions.

use super::{Exit, Out};
use standpunkt::Error;

/// Print a shell completion script, generated from these definitions.
///
/// bash: `standpunkt completions bash > ~/.local/share/bash-completion/completions/standpunkt`;
/// zsh: `standpunkt completions zsh > ~/.zfunc/_standpunkt`; fish:
/// `standpunkt completions fish > ~/.config/fish/completions/standpunkt.fish`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// `command` is the whole command line's definition (from `main.rs`).
pub fn run(args: &Args, mut command: clap::Command, out: &mut Out) -> Result<Exit, Error> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut command, "standpunkt", &mut buf);
    out.print(&String::from_utf8_lossy(&buf))?;
    Ok(Exit::Ok)
}
