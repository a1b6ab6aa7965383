//! Standard output of the command line. Every command prints through one `Out`, so
//! that a write error is never a panic: a closed pipe (`assess --all | head`) ends the
//! program quietly with exit code 0, as other command-line tools do; any other error
//! (a full disk) is one line "cannot write standard output: …" and exit code 1.

use standpunkt::Error;
use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::PathBuf;

/// Buffered standard output; errors come back as `Error::Write` naming standard output.
pub struct Out {
    inner: BufWriter<Box<dyn Write>>,
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            inner: BufWriter::with_capacity(64 * 1024, unbuffered_stdout()),
        }
    }

    /// Writes `text` as it is.
    pub fn print(&mut self, text: &str) -> Result<(), Error> {
        self.inner.write_all(text.as_bytes()).map_err(error)
    }

    /// Writes `text` and a newline.
    pub fn line(&mut self, text: &str) -> Result<(), Error> {
        self.print(text)?;
        self.print("\n")
    }

    /// Pretty-printed JSON with sorted keys, and a newline.
    pub fn json_pretty(&mut self, json: &impl serde::Serialize) -> Result<(), Error> {
        let value = serde_json::to_value(json).map_err(json_error)?;
        serde_json::to_writer_pretty(&mut self.inner, &value).map_err(json_error)?;
        self.print("\n")
    }

    /// A compact JSON array of `items`, each serialised by `json` (`present::json::compact`),
    /// and a newline: the elements are serialised on whichever core is free, a few dozen
    /// at a time (so memory holds only those), and written in order.
    pub fn json_array<T: Sync>(
        &mut self,
        items: &[T],
        json: impl Fn(&T) -> Result<Vec<u8>, Error> + Sync,
    ) -> Result<(), Error> {
        use rayon::prelude::*;
        self.print("[")?;
        // The parts (tens of kB each) go straight to the descriptor, not through the buffer.
        self.inner.flush().map_err(error)?;
        for (i, chunk) in items.chunks(64).enumerate() {
            let parts: Vec<Vec<u8>> = chunk.par_iter().map(&json).collect::<Result<_, _>>()?;
            for (j, part) in parts.iter().enumerate() {
                if i + j > 0 {
                    self.inner.get_mut().write_all(b",").map_err(error)?;
                }
                self.inner.get_mut().write_all(part).map_err(error)?;
            }
        }
        self.print("]\n")
    }

    pub fn flush(&mut self) -> Result<(), Error> {
        self.inner.flush().map_err(error)
    }
}

/// Standard output without the line buffer that std keeps in front of it, which looks
/// for a newline in every byte written (a tenth of writing the batch's JSON): a copy of
/// its descriptor, where the system gives one; standard output itself otherwise.
fn unbuffered_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
}

fn error(source: io::Error) -> Error {
    Error::Write {
        path: PathBuf::from(STDOUT),
        source,
    }
}

fn json_error(e: serde_json::Error) -> Error {
    if e.is_io() {
        error(io::Error::from(e))
    } else {
        Error::Internal(format!("JSON output: {e}"))
    }
}

const STDOUT: &str = "standard output";

/// Whether `err` is a closed pipe on standard output: the reader has all it wanted.
pub fn is_closed_pipe(err: &Error) -> bool {
    matches!(err, Error::Write { path, source }
        if source.kind() == ErrorKind::BrokenPipe && path.as_os_str() == STDOUT)
}

/// Prints an error to standard error; a standard error that cannot be written is ignored
/// (there is nowhere left to say so).
pub fn report_error(err: &Error) {
    let _ = writeln!(io::stderr(), "error: {err}");
}
