//! Errors of the library. Every message is one line that names the file (and line,
//! where there is one) and says what to do next; `exit_code` tells the CLI whether the
//! user's input was at fault (2) or the program (1).

use std::path::PathBuf;

/// Every problem the library reports: a message naming the file, line or value, and what
/// to do next; [`Error::exit_code`] tells the user's mistakes from the program's faults.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // each variant's #[error] message says what it is and names its fields
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Output that could not be written (a full disk, a closed pipe, no permission).
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: malformed TOML: {message}")]
    Toml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: unknown indicator '{id}'{hint} — every indicator must be declared in indicators/catalog.toml")]
    UnknownIndicator {
        path: PathBuf,
        id: String,
        hint: String,
    },
    #[error("{path}: indicator '{id}' expects {expected}, found {found}")]
    WrongKind {
        path: PathBuf,
        id: String,
        expected: String,
        found: String,
    },
    #[error("{path}: indicator '{id}' = {value} is out of range ({range})")]
    OutOfRange {
        path: PathBuf,
        id: String,
        value: String,
        range: String,
    },
    #[error("unknown criterion {number} — the criteria are numbered {known}")]
    UnknownCriterion { number: u32, known: String },
    #[error("{path}:{line}:{column}: syntax error in rule: {message}")]
    RuleSyntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}:{line}:{column}: {message}")]
    RuleCheck {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}:{line}: rule for criterion {criterion} failed: {message}")]
    RuleRuntime {
        path: PathBuf,
        line: usize,
        criterion: u32,
        message: String,
    },
    #[error("{path}:{line}: rule for criterion {criterion} stopped: it exceeded the limit on {limit} — look for an endless loop or recursion")]
    RuleLimit {
        path: PathBuf,
        line: usize,
        criterion: u32,
        limit: String,
    },
    /// A rule that reached its end without a conclusion: a bug in the rule, never read as
    /// a data gap (only value() and require() stop a rule as "nicht bewertbar").
    #[error("{path}: rule for criterion {criterion} ended without a rating for {country} — every path must end in kritisch(..), moeglicherweise_kritisch(..), nicht_kritisch(..) or nicht_bewertbar(..); `standpunkt check --rules-only` shows where a path runs past the end")]
    NoRating {
        path: PathBuf,
        criterion: u32,
        country: String,
    },
    /// Every problem the load check found in a rule set, reported together (one line each).
    #[error("{}", Problem::list(.0))]
    Problems(Vec<Problem>),
    #[error(transparent)]
    Import(#[from] crate::data::import::ImportError),
    #[error(transparent)]
    Country(#[from] crate::model::countries::CountryError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// 2 for a problem in what the user gave (files, rules, arguments), 1 for a fault of
    /// the program or of its surroundings (output that cannot be written).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Internal(_) | Error::Write { .. } => 1,
            _ => 2,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    /// A TOML parse error, folded to one line (toml's own message spans several).
    pub(crate) fn toml(path: impl Into<PathBuf>, text: &str, err: &toml::de::Error) -> Error {
        let (line, column) = err
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((1, 1));
        Error::Toml {
            path: path.into(),
            line,
            column,
            message: err.message().trim().replace('\n', " "),
        }
    }
}

/// The library's result: [`Error`] unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem of a rule set, found before any rule runs: the file, the line and column
/// (line 0 when the problem has no place in the file, e.g. a duplicate criterion) and
/// what is wrong. The load check gathers them in a `Vec<Problem>` that every check of the
/// rule set (rules, parameters, texts) appends to; [`Problem::check`] fails on a non-empty
/// list with all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file with the problem (criteria.toml, a rule script, a text file).
    pub path: PathBuf,
    /// 1-based; 0 when the problem has no place in the file.
    pub line: usize,
    /// 1-based column on `line`.
    pub column: usize,
    /// What is wrong and what to do, one line.
    pub message: String,
}

impl Problem {
    /// A problem at `line`:`column` of `path`.
    pub fn at(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem of the file `path` as a whole.
    pub fn in_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem::at(path, 0, 0, message)
    }

    /// `Ok` when there is no problem, else every problem in one error.
    pub fn check(problems: Vec<Problem>) -> Result<()> {
        match problems.is_empty() {
            true => Ok(()),
            false => Err(Error::Problems(problems)),
        }
    }

    /// One problem as it is, several one per line under a count.
    fn list(problems: &[Problem]) -> String {
        match problems {
            [one] => one.to_string(),
            all => {
                let lines: Vec<String> = all.iter().map(Problem::to_string).collect();
                format!(
                    "{} problems in the rule set (no rule has run):\n{}",
                    all.len(),
                    lines.join("\n")
                )
            }
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.message),
            line => write!(
                f,
                "{}:{line}:{}: {}",
                self.path.display(),
                self.column,
                self.message
            ),
        }
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
