//! A published table found by its content, whatever the file is called: an Excel
//! workbook (xlsx, also strict OOXML, or xls) or a text table (CSV, TSV, `;` or `|`
//! separated; UTF-8 with or without a byte-order mark, or Latin-1; LF or CRLF). The data
//! is the first sheet with a row the importer recognises as its header — title rows
//! above it are skipped — and every row below it. Columns are then found by header name,
//! with the variants editions use.

use super::ImportError;
use calamine::{Data, Reader};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// How many rows from the top a header may sit below title rows.
const HEADER_SEARCH: usize = 40;

/// The table an importer asked for.
pub(crate) struct Grid {
    pub path: PathBuf,
    /// "an xlsx workbook, sheet 'CPI2025'" or "a CSV file": for messages.
    pub found: String,
    pub header: Vec<String>,
    /// 1-based row in the sheet or line in the file, and the cells as text (numbers
    /// written without a trailing ".0").
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A header matcher: true for the row that heads the data.
pub(crate) type IsHeader<'a> = &'a dyn Fn(&[String]) -> bool;

/// Finds the table. `importer` and `expected` ("a 'CPI score' column") name what was
/// looked for in the error when no sheet or line matches.
pub(crate) fn find(
    path: &Path,
    importer: &str,
    expected: &str,
    is_header: IsHeader,
) -> Result<Grid, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let fail = |message: String| ImportError::Format {
        path: path.to_path_buf(),
        message,
    };
    if bytes.is_empty() {
        return Err(fail(format!(
            "empty file: the {importer} importer expected a table with {expected}"
        )));
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        let kind = if zip {
            "an xlsx workbook"
        } else {
            "an xls workbook"
        };
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| fail(format!("{kind} that cannot be read: {e}")))?;
        let names = book.sheet_names().to_vec();
        for name in &names {
            let range = book
                .worksheet_range(name)
                .map_err(|e| fail(format!("{kind}, sheet '{name}' cannot be read: {e}")))?;
            let first = range.start().map_or(0, |(r, _)| r as usize);
            let rows: Vec<(usize, Vec<String>)> = range
                .rows()
                .enumerate()
                .map(|(i, cells)| (first + i + 1, cells.iter().map(cell_text).collect()))
                .collect();
            if let Some(at) = rows
                .iter()
                .take(HEADER_SEARCH)
                .position(|(_, r)| is_header(&trimmed(r)))
            {
                let header = trimmed(&rows[at].1);
                let mut body: Vec<(usize, Vec<String>)> = rows[at + 1..].to_vec();
                body.retain(|(_, r)| r.iter().any(|c| !c.is_empty()));
                return Ok(Grid {
                    path: path.to_path_buf(),
                    found: format!("{kind}, sheet '{name}'"),
                    header,
                    rows: body,
                });
            }
        }
        return Err(fail(format!(
            "{kind} (sheets {}), but the {importer} importer found no sheet with {expected}",
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    text_table(path, &bytes, importer, expected, is_header)
}

fn text_table(
    path: &Path,
    bytes: &[u8],
    importer: &str,
    expected: &str,
    is_header: IsHeader,
) -> Result<Grid, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let records = |delimiter: u8| -> Vec<Result<csv::StringRecord, csv::Error>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes())
            .records()
            .collect()
    };
    for (delimiter, kind) in [
        (b',', "a CSV file"),
        (b'\t', "a TSV file"),
        (b';', "a ';'-separated file"),
        (b'|', "a '|'-separated file"),
    ] {
        let records = records(delimiter);
        let Some(at) = records.iter().take(HEADER_SEARCH).position(|r| {
            r.as_ref()
                .is_ok_and(|r| r.len() > 1 && is_header(&r.iter().map(clean).collect::<Vec<_>>()))
        }) else {
            continue;
        };
        let header: Vec<String> = records[at]
            .as_ref()
            .expect("matched")
            .iter()
            .map(clean)
            .collect();
        let mut rows = Vec::new();
        // Rows are physical lines (blank lines and title rows count), from the record's
        // byte offset: the csv crate's own line count is off in CRLF files.
        let data = text.as_bytes();
        let (mut counted, mut lines) = (0usize, 0usize);
        let mut line_at = |byte: usize| {
            let start = if data.get(byte) == Some(&b'\n') {
                byte + 1
            } else {
                byte
            };
            let start = start.max(counted).min(data.len());
            lines += data[counted..start].iter().filter(|&&b| b == b'\n').count();
            counted = start;
            lines + 1
        };
        for record in &records[at + 1..] {
            let record = record.as_ref().map_err(|e| ImportError::Malformed {
                path: path.to_path_buf(),
                row: e.position().map_or(0, |p| p.line() as usize),
                message: e.to_string(),
            })?;
            let row = line_at(record.position().map_or(0, |p| p.byte() as usize));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != header.len() {
                return Err(ImportError::Malformed {
                    path: path.to_path_buf(),
                    row,
                    message: format!(
                        "expected {} fields as in the header, found {} (broken row or truncated file)",
                        header.len(),
                        record.len()
                    ),
                });
            }
            rows.push((row, record.iter().map(|f| f.trim().to_string()).collect()));
        }
        return Ok(Grid {
            path: path.to_path_buf(),
            found: kind.to_string(),
            header,
            rows,
        });
    }
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(80)
        .collect::<String>();
    Err(ImportError::Format {
        path: path.to_path_buf(),
        message: format!(
            "a text file (first line '{first}'), but the {importer} importer found no header row with {expected} in its first {HEADER_SEARCH} lines"
        ),
    })
}

/// A header cell for matching: trimmed, inner whitespace (line breaks too) collapsed.
fn clean(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn trimmed(cells: &[String]) -> Vec<String> {
    cells.iter().map(|c| clean(c)).collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        other => other.to_string().trim().to_string(),
    }
}

/// True if `header` has a column equal (ignoring case) to one of `names`.
pub(crate) fn has(header: &[String], names: &[&str]) -> bool {
    header
        .iter()
        .any(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
}

impl Grid {
    /// The column named by one of `names` (the variants editions use), ignoring case.
    pub fn col(&self, names: &[&str]) -> Result<usize, ImportError> {
        self.header
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
            .ok_or_else(|| ImportError::Format {
                path: self.path.clone(),
                message: format!(
                    "{}: no column {} in the header ({})",
                    self.found,
                    names
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    self.header.join(", ")
                ),
            })
    }

    /// The cell at `col` ("" past the row's end).
    pub fn cell<'a>(&self, cells: &'a [String], col: usize) -> &'a str {
        cells.get(col).map_or("", |c| c.as_str())
    }

    /// A whole number in `col`; `None` for an empty cell or one of `no_data`.
    pub fn integer(
        &self,
        row: usize,
        cells: &[String],
        col: usize,
        no_data: &[&str],
    ) -> Result<Option<i64>, ImportError> {
        let field = self.cell(cells, col);
        if field.is_empty() || no_data.contains(&field) {
            return Ok(None);
        }
        let what = match field.parse::<f64>() {
            Ok(x) if x.is_finite() && x.fract() == 0.0 => return Ok(Some(x as i64)),
            Ok(x) if x.is_finite() => "a whole number",
            _ => "a number",
        };
        Err(self.malformed(
            row,
            format!(
                "column '{}': expected {what}, found '{field}'",
                self.header[col]
            ),
        ))
    }

    pub fn malformed(&self, row: usize, message: String) -> ImportError {
        ImportError::Malformed {
            path: self.path.clone(),
            row,
            message,
        }
    }
}
