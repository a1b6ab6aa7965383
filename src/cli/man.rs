//! `man`: the man page (roff) generated from the clap definitions.

use super::{usage, Exit, Out};
use standpunkt::Error;
use std::path::PathBuf;

/// Print the man page (roff), generated from these definitions:
/// `standpunkt man > standpunkt.1 && man ./standpunkt.1`.
#[derive(clap::Args)]
pub struct Args {
    /// Write standpunkt.1 and one page per command (standpunkt-assess.1, …) into DIR instead.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// `command` is the whole command line's definition (from `main.rs`).
pub fn run(args: &Args, command: clap::Command, out: &mut Out) -> Result<Exit, Error> {
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.clone(),
                source: e,
            })?;
            clap_mangen::generate_to(command, dir).map_err(|e| {
                usage(
                    &dir.display().to_string(),
                    &format!("cannot write the man pages: {e}"),
                )
            })?;
            out.line(&format!("wrote the man pages to {}", dir.display()))?;
        }
        None => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut buf)
                .map_err(|e| Error::Internal(format!("rendering the man page: {e}")))?;
            out.print(&String::from_utf8_lossy(&buf))?;
        }
    }
    Ok(Exit::Ok)
}
