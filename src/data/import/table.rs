//! Reading the two shapes published sources come in — CSV files and Excel sheets — into
//! rows with 1-based row numbers, so every importer reports broken input the same way.

use super::ImportError;
use calamine::{Data, Reader};
use std::path::{Path, PathBuf};

/// A CSV file read whole: the header and every following record with its row number
/// (header = row 1). Every record has exactly as many fields as the header.
pub(crate) struct Csv {
    pub path: PathBuf,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV file as shipped: a UTF-8 byte-order mark is skipped, and a file that is
/// not valid UTF-8 is read as Latin-1 (the PTS file is).
pub(crate) fn read_csv(path: &Path, delimiter: u8) -> Result<Csv, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record = record.map_err(|e| malformed(path, row, e.to_string()))?;
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        match &header {
            None => header = Some(fields),
            Some(h) if fields.len() != h.len() => {
                let message = format!(
                    "expected {} fields as in the header, found {} (broken row or truncated file)",
                    h.len(),
                    fields.len()
                );
                return Err(malformed(path, row, message));
            }
            Some(_) => rows.push((row, fields)),
        }
    }
    let header = header.ok_or_else(|| format_error(path, "empty file, expected a header row"))?;
    Ok(Csv {
        path: path.to_path_buf(),
        header,
        rows,
    })
}

impl Csv {
    /// Index of the column named `name`.
    pub fn col(&self, name: &str) -> Result<usize, ImportError> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format_error(&self.path, &format!("missing column '{name}'")))
    }

    /// The number in `field`, `None` for an empty field or one of the source's
    /// no-data markers.
    pub fn number(
        &self,
        row: usize,
        col: usize,
        field: &str,
        no_data: &[&str],
    ) -> Result<Option<f64>, ImportError> {
        if field.is_empty() || no_data.contains(&field) {
            return Ok(None);
        }
        match field.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(malformed(
                &self.path,
                row,
                format!(
                    "column '{}': expected a number, found '{field}'",
                    self.header[col]
                ),
            )),
        }
    }

    /// Like [`Csv::number`], but the number must be whole.
    pub fn integer(
        &self,
        row: usize,
        col: usize,
        field: &str,
        no_data: &[&str],
    ) -> Result<Option<i64>, ImportError> {
        match self.number(row, col, field, no_data)? {
            Some(x) if x.fract() == 0.0 => Ok(Some(x as i64)),
            Some(_) => Err(malformed(
                &self.path,
                row,
                format!(
                    "column '{}': expected a whole number, found '{field}'",
                    self.header[col]
                ),
            )),
            None => Ok(None),
        }
    }
}

/// One worksheet: every row with its 1-based row number in the sheet.
pub(crate) struct Sheet {
    pub rows: Vec<(usize, Vec<Data>)>,
}

pub(crate) fn read_sheet(path: &Path, name: &str) -> Result<Sheet, ImportError> {
    // Checked first so that a missing file is an I/O error, not a format error.
    std::fs::metadata(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let fail = |e: calamine::Error| format_error(path, &format!("cannot read sheet '{name}': {e}"));
    let mut workbook = calamine::open_workbook_auto(path).map_err(fail)?;
    let range = workbook.worksheet_range(name).map_err(fail)?;
    let first = range.start().map_or(0, |(r, _)| r as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first + i + 1, cells.to_vec()))
        .collect();
    Ok(Sheet { rows })
}

/// A cell as text, trimmed ("" for an empty cell).
pub(crate) fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        other => other.to_string().trim().to_string(),
    }
}

/// A numeric cell's value (numbers stored as text count too).
pub(crate) fn cell_number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Int(i) => Some(*i as f64),
        Data::Float(x) => Some(*x),
        Data::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(crate) fn malformed(path: &Path, row: usize, message: String) -> ImportError {
    ImportError::Malformed {
        path: path.to_path_buf(),
        row,
        message,
    }
}

pub(crate) fn format_error(path: &Path, message: &str) -> ImportError {
    ImportError::Format {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}
