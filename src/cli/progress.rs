//! Progress bars for the runs that take seconds. Drawn on standard error, and only when
//! it is a terminal: tests, pipes and redirected output see nothing of them.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `len` steps named `what`; hidden when `len` is 0 (nothing worth a bar) or
/// standard error is not a terminal.
pub fn bar(len: usize, what: &'static str) -> ProgressBar {
    if len == 0 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64).with_prefix(what);
    if let Ok(style) =
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {elapsed} {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
