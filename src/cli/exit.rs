//! The exit codes of the command line, one type so that every command ends with a code
//! whose meaning is written down here (and in the README) and nowhere else.

use standpunkt::Error;
use std::process::ExitCode;

/// How a run ended. Scripts and CI read these codes; their numbers never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done (also when the reader of a pipe closed it: it has what it wanted).
    Ok,
    /// 1: a fault of the program or its surroundings: output that cannot be written, an
    /// internal error.
    Fault,
    /// 2: the input was refused: a file, a rule, an argument or a country that is wrong,
    /// or a check that found problems (`check`).
    BadInput,
    /// 3: `diff` found ratings that change between the two rule sets.
    RatingsChanged,
}

impl Exit {
    /// The exit code an error ends the run with: the user's input (2) or the program (1).
    pub fn of(err: &Error) -> Exit {
        match err {
            Error::Internal(_) | Error::Write { .. } => Exit::Fault,
            _ => Exit::BadInput,
        }
    }

    /// The number the process ends with.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Fault => 1,
            Exit::BadInput => 2,
            Exit::RatingsChanged => 3,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn errors_map_to_the_documented_codes() {
        let io = || std::io::Error::other("disk full");
        let cases = [
            (Error::Internal("bug".into()), 1),
            (
                Error::Write {
                    path: PathBuf::from("out"),
                    source: io(),
                },
                1,
            ),
            (
                Error::Io {
                    path: PathBuf::from("in"),
                    source: io(),
                },
                2,
            ),
            (
                Error::Invalid {
                    path: PathBuf::from("diff"),
                    message: "no base".into(),
                },
                2,
            ),
            (
                Error::UnknownCriterion {
                    number: 9,
                    known: "1–8".into(),
                },
                2,
            ),
        ];
        for (err, code) in cases {
            assert_eq!(Exit::of(&err).code(), code, "{err}");
            // The library's own classification agrees.
            assert_eq!(err.exit_code(), code as i32, "{err}");
        }
        assert_eq!(Exit::RatingsChanged.code(), 3);
    }
}
