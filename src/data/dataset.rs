//! The normalised form of an imported source: `indicators/<source>/values.csv` (one row
//! per country, indicator, year and edition) and `indicators/<source>/source.toml` (where
//! it comes from, its licence and the checksum of the file it was imported from).
//! Writing swaps the whole folder in one rename, so a failed import leaves the previous
//! data exactly as it was.

use crate::error::{Error, Result};
use crate::model::catalog::{Catalog, Kind};
use crate::model::value::Value;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The distinct strings of one file, each allocated once.
type Strings = std::collections::HashSet<Arc<str>, std::hash::BuildHasherDefault<ahash::AHasher>>;

/// `text`, shared with the rows before it that had the same.
fn shared(strings: &mut Strings, text: &str) -> Arc<str> {
    match strings.get(text) {
        Some(known) => known.clone(),
        None => {
            let new: Arc<str> = text.into();
            strings.insert(new.clone());
            new
        }
    }
}

/// One stored value, resolved to an ISO code and checked against the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The country (ISO 3166 alpha-3). Shared (as are the indicator and the edition):
    /// the same few hundred strings repeat over some 400,000 rows.
    pub iso3: Arc<str>,
    /// The catalog's indicator id.
    pub indicator: Arc<str>,
    /// The year the value refers to.
    pub year: i32,
    /// The year the edition was published (as-of selection may not see later ones).
    pub published: i32,
    /// The edition, e.g. "FIW 2024".
    pub edition: Arc<str>,
    /// The value, checked against the catalog.
    pub value: Value,
}

/// `source.toml`: provenance of one imported source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    /// The source id, as `indicators/<source>/`.
    pub source: String,
    /// Who publishes it.
    pub publisher: String,
    pub(crate) dataset: String,
    pub(crate) url: String,
    pub(crate) licence: String,
    pub(crate) attribution: String,
    /// The files as the publisher ships them, each with its checksum and editions.
    pub files: Vec<ImportedFile>,
    /// The editions the dataset holds.
    pub editions: Vec<String>,
    /// Number of values.
    pub records: usize,
    /// Number of countries with a value.
    pub countries: usize,
    /// Names in the file that are not countries (regions, aggregates, territories the
    /// registry does not hold), skipped on purpose.
    #[serde(default)]
    pub ignored: Vec<String>,
    /// What absence means where the source is a complete census (e.g. "no conflict
    /// recorded → none"), if values were filled in for the registry's countries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled: Option<String>,
    /// Set for a time series shipped as one release: see `SourceSpec::series_lag`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_lag: Option<i32>,
    /// Wins ties with another source (same year, same publication year): higher wins.
    #[serde(default)]
    pub precedence: u8,
}

impl SourceMeta {
    /// `dir/source.toml` (`dir` = `indicators/<source>`), with the text it was read from.
    pub(crate) fn read(dir: &Path) -> Result<(SourceMeta, String)> {
        let path = dir.join("source.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let meta = toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?;
        Ok((meta, text))
    }
}

/// One imported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedFile {
    /// The raw file's name.
    pub file: String,
    /// Its checksum: a re-import of the same file is recognised.
    pub sha256: String,
    /// The editions it gave.
    pub editions: Vec<String>,
}

/// One imported source: its metadata and every value, as written under `indicators/<source>/`.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// `source.toml`.
    pub meta: SourceMeta,
    /// `values.csv`, one row per country, indicator, year and edition.
    pub records: Vec<Record>,
}

const HEADER: &str = "iso3,indicator,year,published,edition,value";

/// A value as stored: lists joined with `|`.
fn value_text(value: &Value) -> String {
    match value {
        Value::List(items) => items.join("|"),
        other => other.to_string(),
    }
}

pub(crate) fn parse_value(kind: Kind, text: &str) -> Option<Value> {
    Some(match kind {
        Kind::Number => Value::Number(text.parse().ok()?),
        Kind::Integer => Value::Integer(text.parse().ok()?),
        Kind::Boolean => Value::Bool(text.parse().ok()?),
        Kind::Category => Value::Category(text.to_string()),
        Kind::List if text.is_empty() => Value::List(Vec::new()),
        Kind::List => Value::List(text.split('|').map(str::to_string).collect()),
    })
}

impl Dataset {
    /// Reads `dir` (= `indicators/<source>`), checking every value against the catalog.
    pub fn read(dir: &Path, catalog: &Catalog) -> Result<Dataset> {
        Self::read_hashed(dir, catalog).map(|(data, _)| data)
    }

    /// [`Dataset::read`], and the SHA-256 of the bytes it read of `source.toml` and
    /// `values.csv` (what the store's snapshot records it was built from).
    pub(crate) fn read_hashed(dir: &Path, catalog: &Catalog) -> Result<(Dataset, [[u8; 32]; 2])> {
        use sha2::{Digest, Sha256};
        let (meta, text) = SourceMeta::read(dir)?;
        let path = dir.join("values.csv");
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let hashes = [Sha256::digest(&text).into(), Sha256::digest(&bytes).into()];
        let mut reader = csv::Reader::from_reader(&bytes[..]);
        // Rows are some 50 bytes of CSV: room for all of them at once, not by doubling.
        let rows = bytes.len() / 48;
        let mut records = Vec::with_capacity(rows);
        // The text of each row's year where it is not the plain number (e.g. "02024"), to
        // find duplicates by the text once all rows are read.
        let mut year_texts: Vec<Option<Box<str>>> = Vec::with_capacity(rows);
        // One record buffer for every row: no allocation per row for the fields.
        let mut row = csv::StringRecord::new();
        let mut last: Option<&crate::model::catalog::Indicator> = None;
        // Each country code and edition once, shared by its rows.
        let mut strings = Strings::default();
        for i in 0.. {
            if !reader
                .read_record(&mut row)
                .map_err(|e| csv_error(&path, e))?
            {
                break;
            }
            let line = i + 2;
            let bad = |message: String| Error::Invalid {
                path: PathBuf::from(format!("{}:{line}", path.display())),
                message,
            };
            if row.len() != 6 {
                return Err(bad(format!(
                    "expected 6 fields ({HEADER}), found {}",
                    row.len()
                )));
            }
            // Rows come grouped by indicator: look it up only when it changes.
            let indicator = match last {
                Some(indicator) if indicator.id == row[1] => indicator,
                _ => catalog
                    .get(&row[1])
                    .ok_or_else(|| catalog.unknown(&path, &row[1]))?,
            };
            last = Some(indicator);
            let year: i32 = row[2]
                .parse()
                .map_err(|_| bad(format!("year '{}' is not a number", &row[2])))?;
            let published = row[3]
                .parse()
                .map_err(|_| bad(format!("published '{}' is not a number", &row[3])))?;
            let value = parse_value(indicator.kind, &row[5]).ok_or_else(|| {
                bad(format!(
                    "'{}' is not a valid {:?} value for {}",
                    &row[5], indicator.kind, indicator.id
                ))
            })?;
            // The error names the line; the path with it is built only for an error.
            if indicator.check(&path, &value).is_err() {
                indicator.check(&PathBuf::from(format!("{}:{line}", path.display())), &value)?;
            }
            year_texts.push((!plain_integer(&row[2])).then(|| row[2].into()));
            records.push(Record {
                // Rows come grouped by country: most take the code of the row before.
                iso3: match records.last() {
                    Some(Record { iso3, .. }) if **iso3 == row[0] => iso3.clone(),
                    _ => shared(&mut strings, &row[0]),
                },
                indicator: indicator.key.clone(),
                year,
                published,
                edition: shared(&mut strings, &row[4]),
                value,
            });
        }
        // (iso3, indicator, year, edition) twice is an error, not a silent winner: the
        // rows sorted by that key, and the earliest second row reported (as reading the
        // file top to bottom would find it).
        let key = |i: usize| {
            let r = &records[i];
            (&r.iso3, &r.indicator, r.year, &year_texts[i], &r.edition)
        };
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by(|&a, &b| key(a).cmp(&key(b)).then(a.cmp(&b)));
        let mut duplicate: Option<(usize, usize)> = None;
        for pair in order.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            if key(first) == key(second) && duplicate.is_none_or(|(_, d)| second < d) {
                duplicate = Some((first, second));
            }
        }
        if let Some((first, second)) = duplicate {
            let r = &records[second];
            return Err(Error::Invalid {
                path: PathBuf::from(format!("{}:{}", path.display(), second + 2)),
                message: format!(
                    "duplicate value for {} {} {} {} (also line {}) — re-import the source instead of editing values.csv",
                    r.iso3,
                    r.indicator,
                    year_texts[second].as_deref().map_or(r.year.to_string(), str::to_string),
                    r.edition,
                    first + 2
                ),
            });
        }
        Ok((Dataset { meta, records }, hashes))
    }

    fn values_csv(&self) -> String {
        let mut out = String::from(HEADER);
        out.push('\n');
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for r in &self.records {
            let fields = [
                r.iso3.to_string(),
                r.indicator.to_string(),
                r.year.to_string(),
                r.published.to_string(),
                r.edition.to_string(),
                value_text(&r.value),
            ];
            writer.write_record(&fields).expect("writing to memory");
        }
        out.push_str(
            &String::from_utf8(writer.into_inner().expect("flush to memory")).expect("UTF-8"),
        );
        out
    }

    /// The two files the dataset is written as: `values.csv` and `source.toml`.
    fn files(&self) -> Result<(String, String)> {
        let meta = toml::to_string(&self.meta).map_err(|e| Error::Internal(e.to_string()))?;
        Ok((self.values_csv(), meta))
    }

    fn held_by(&self, indicators: &Path, values: &str, meta: &str) -> bool {
        let target = indicators.join(&self.meta.source);
        std::fs::read_to_string(target.join("values.csv")).is_ok_and(|v| v == values)
            && std::fs::read_to_string(target.join("source.toml")).is_ok_and(|m| m == meta)
    }

    /// Whether `indicators/<source>/` already holds exactly this data (what `write`
    /// would leave alone).
    pub fn is_imported(&self, indicators: &Path) -> Result<bool> {
        let (values, meta) = self.files()?;
        Ok(self.held_by(indicators, &values, &meta))
    }

    /// Writes the dataset to `indicators/<source>/`, replacing what was there in one step.
    /// Returns false when the folder already held exactly this data (nothing written).
    pub fn write(&self, indicators: &Path) -> Result<bool> {
        let name = &self.meta.source;
        let target = indicators.join(name);
        let (values, meta) = self.files()?;
        if self.held_by(indicators, &values, &meta) {
            return Ok(false);
        }
        let staging = indicators.join(format!(".{name}.importing"));
        let old = indicators.join(format!(".{name}.replaced"));
        let io = |path: &Path, e| Error::write(path, e);
        for leftover in [&staging, &old] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(|e| io(leftover, e))?;
            }
        }
        std::fs::create_dir_all(&staging).map_err(|e| io(&staging, e))?;
        for (file, text) in [("values.csv", &values), ("source.toml", &meta)] {
            let path = staging.join(file);
            std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        }
        if target.exists() {
            std::fs::rename(&target, &old).map_err(|e| io(&target, e))?;
        }
        if let Err(e) = std::fs::rename(&staging, &target) {
            // Put the previous data back before reporting.
            let _ = std::fs::rename(&old, &target);
            return Err(io(&target, e));
        }
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))?;
        }
        Ok(true)
    }
}

/// The text is how an integer prints ("2024", "-3", "0"; not "02024", "+2024", "-0").
fn plain_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && match digits {
            "0" => digits.len() == text.len(),
            _ => !digits.starts_with('0'),
        }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        message: format!("malformed CSV: {e}"),
    }
}

/// The sources imported under `indicators/`: every folder with a `source.toml`.
pub fn sources(indicators: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(indicators).map_err(|e| Error::io(indicators, e))? {
        let path = entry.map_err(|e| Error::io(indicators, e))?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_dir() && !hidden && path.join("source.toml").exists() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}
