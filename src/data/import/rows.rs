//! Reading a CSV file into rows with their 1-based line numbers, so every importer
//! reports the same errors (unreadable file, missing column, short or long row) the
//! same way.

use super::ImportError;
use std::path::{Path, PathBuf};

/// A CSV file read whole: header plus data rows, each with the line it starts on
/// (header = line 1).
pub(crate) struct Table {
    pub path: PathBuf,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Reads `path`. Every row must have as many fields as the header: a file cut off
    /// mid-row then fails here instead of yielding a half row.
    pub fn read(path: &Path, delimiter: u8) -> Result<Table, ImportError> {
        Table::parse(path, bytes(path)?, delimiter)
    }

    /// [`Table::read`] with whichever of `delimiters` splits the header line into the
    /// most fields: a publisher's comma CSV and a spreadsheet's re-save with `;` read alike.
    pub fn read_either(path: &Path, delimiters: &[u8]) -> Result<Table, ImportError> {
        let data = bytes(path)?;
        let header = data.split(|&b| b == b'\n').next().unwrap_or_default();
        let count = |d: u8| header.iter().filter(|&&b| b == d).count();
        let delimiter = delimiters
            .iter()
            .copied()
            .max_by_key(|&d| count(d))
            .expect("at least one delimiter");
        Table::parse(path, data, delimiter)
    }

    fn parse(path: &Path, data: Vec<u8>, delimiter: u8) -> Result<Table, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(&data[..]);
        let mut lines = LineCounter::default();
        let mut header = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(path, &data, e))?;
            let line = lines.line_at(&data, record.position().map_or(0, |p| p.byte() as usize));
            let fields: Vec<String> = record.iter().map(str::to_string).collect();
            if header.is_none() {
                header = Some(fields);
            } else {
                rows.push((line, fields));
            }
        }
        let header = header.ok_or_else(|| ImportError::Format {
            path: path.to_path_buf(),
            message: "empty file".into(),
        })?;
        Ok(Table {
            path: path.to_path_buf(),
            header,
            rows,
        })
    }

    /// Index of the column named `name`, or a format error naming it.
    pub fn col(&self, name: &str) -> Result<usize, ImportError> {
        self.header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| ImportError::Format {
                path: self.path.clone(),
                message: format!("no column {name:?} in header {:?}", self.header),
            })
    }

    /// A `Malformed` error for `row` of this file.
    pub fn malformed(&self, row: usize, message: impl Into<String>) -> ImportError {
        ImportError::Malformed {
            path: self.path.clone(),
            row,
            message: message.into(),
        }
    }

    /// The integer in `field`, or a `Malformed` error naming the column.
    pub fn int(&self, row: usize, fields: &[String], col: usize) -> Result<i32, ImportError> {
        let raw = fields[col].trim();
        raw.parse().map_err(|_| {
            self.malformed(
                row,
                format!(
                    "{}: expected a whole number, found {raw:?}",
                    self.header[col]
                ),
            )
        })
    }
}

/// Physical line numbers from byte offsets. The csv crate's own line count is off by
/// one in CRLF files (Excel's), and it puts a record's start on the preceding `\n`.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    /// 1-based line of the record starting at `byte`; offsets must not decrease.
    fn line_at(&mut self, data: &[u8], byte: usize) -> usize {
        let start = if data.get(byte) == Some(&b'\n') {
            byte + 1
        } else {
            byte
        };
        let start = start.max(self.byte);
        self.line += data[self.byte..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.byte = start;
        self.line + 1
    }
}

/// Maps a csv error to ours: I/O stays I/O, anything else names its line.
fn csv_error(path: &Path, data: &[u8], e: csv::Error) -> ImportError {
    let row = e.position().map_or(0, |p| {
        LineCounter::default().line_at(data, p.byte() as usize)
    });
    match e.into_kind() {
        csv::ErrorKind::Io(source) => ImportError::Io {
            path: path.to_path_buf(),
            source,
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => ImportError::Malformed {
            path: path.to_path_buf(),
            row,
            message: format!("{len} fields where the header has {expected_len} (truncated row?)"),
        },
        other => ImportError::Malformed {
            path: path.to_path_buf(),
            row,
            message: format!("{other:?}"),
        },
    }
}

/// The file's bytes, or the error that names it.
fn bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}
