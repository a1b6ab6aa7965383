//! Re-scoring: the ratings of record (`indicators/ratings.lock`, committed) against the
//! ratings the current data and rules give, with the indicator values that moved each one.

use crate::error::{Error, Result};
use crate::model::assessment::Assessment;
use crate::model::rating::Rating;
use crate::model::trace::Step;
use std::collections::BTreeMap;
use std::path::Path;

/// One criterion of one country: its rating and the values the rule read, as
/// "id" → "value (edition, year)" or "missing".
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub(crate) rating: Rating,
    pub(crate) inputs: BTreeMap<String, String>,
}

/// The ratings of every country as of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Lock {
    /// The as-of year of every rating in the lock.
    pub year: i32,
    /// (iso3, criterion) → entry.
    pub entries: BTreeMap<(String, u32), Entry>,
}

/// A rating that moved, and the inputs that moved with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The country.
    pub iso3: String,
    /// The criterion's number.
    pub criterion: u32,
    /// None for a country or criterion the lock did not have.
    pub old: Option<Rating>,
    /// None for one the current data no longer rates.
    pub new: Option<Rating>,
    /// (indicator, old value, new value) for every input that differs.
    pub moved: Vec<(String, String, String)>,
}

const HEADER: [&str; 5] = ["as_of", "iso3", "criterion", "rating", "inputs"];

impl Lock {
    /// The lock of the given assessments, with the inputs each rating read.
    pub fn from_assessments(year: i32, assessments: &[Assessment]) -> Lock {
        let mut entries = BTreeMap::new();
        for a in assessments {
            for c in &a.criteria {
                let inputs = c
                    .trace
                    .iter()
                    .filter_map(|step| match step {
                        Step::Read {
                            indicator, fact, ..
                        } => {
                            let about: Vec<String> = fact
                                .edition
                                .iter()
                                .map(|e| e.to_string())
                                .chain(fact.year.map(|y| y.to_string()))
                                .collect();
                            Some((
                                indicator.to_string(),
                                format!("{} ({})", fact.value, about.join(", ")),
                            ))
                        }
                        Step::Missing { indicator, .. } => {
                            Some((indicator.to_string(), "missing".to_string()))
                        }
                        _ => None,
                    })
                    .collect();
                entries.insert(
                    (a.iso3.clone(), c.number),
                    Entry {
                        rating: c.rating,
                        inputs,
                    },
                );
            }
        }
        Lock { year, entries }
    }

    /// Number of (country, criterion) ratings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lock rates nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads the lock, or None if there is none yet.
    pub fn load(path: &Path) -> Result<Option<Lock>> {
        if !path.exists() {
            return Ok(None);
        }
        let bad = |line: usize, message: String| Error::Invalid {
            path: format!("{}:{line}", path.display()).into(),
            message,
        };
        let mut reader = csv::Reader::from_path(path).map_err(|e| bad(1, e.to_string()))?;
        let mut entries = BTreeMap::new();
        let mut year = None;
        for (i, row) in reader.records().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| bad(line, e.to_string()))?;
            if row.len() != HEADER.len() {
                return Err(bad(
                    line,
                    format!("expected {} fields ({})", HEADER.len(), HEADER.join(",")),
                ));
            }
            let as_of: i32 = row[0]
                .parse()
                .map_err(|_| bad(line, format!("as_of '{}' is not a year", &row[0])))?;
            if *year.get_or_insert(as_of) != as_of {
                return Err(bad(line, "a lock holds one as-of year".into()));
            }
            let criterion: u32 = row[2]
                .parse()
                .map_err(|_| bad(line, format!("criterion '{}' is not a number", &row[2])))?;
            let rating = Rating::from_key(&row[3])
                .ok_or_else(|| bad(line, format!("unknown rating '{}'", &row[3])))?;
            let inputs = row[4]
                .split(" | ")
                .filter(|s| !s.is_empty())
                .filter_map(|pair| {
                    pair.split_once('=')
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                })
                .collect();
            entries.insert((row[1].to_string(), criterion), Entry { rating, inputs });
        }
        Ok(Some(Lock {
            year: year.unwrap_or(0),
            entries,
        }))
    }

    /// Writes the lock through a temporary file, so a failure leaves the old one whole.
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(HEADER).expect("writing to memory");
        for ((iso3, criterion), entry) in &self.entries {
            let inputs: Vec<String> = entry
                .inputs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            writer
                .write_record([
                    self.year.to_string(),
                    iso3.clone(),
                    criterion.to_string(),
                    entry.rating.key().to_string(),
                    inputs.join(" | "),
                ])
                .expect("writing to memory");
        }
        let bytes = writer.into_inner().expect("flush to memory");
        crate::data::atomic::write_file(path, &bytes)
    }

    /// Every rating that differs between this (the record) and `current`.
    pub fn changes(&self, current: &Lock) -> Vec<Change> {
        let mut keys: Vec<&(String, u32)> =
            self.entries.keys().chain(current.entries.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut changes = Vec::new();
        for key in keys {
            let (old, new) = (self.entries.get(key), current.entries.get(key));
            if old.map(|e| e.rating) == new.map(|e| e.rating) {
                continue;
            }
            let empty = BTreeMap::new();
            let (old_inputs, new_inputs) = (
                old.map_or(&empty, |e| &e.inputs),
                new.map_or(&empty, |e| &e.inputs),
            );
            let mut ids: Vec<&String> = old_inputs.keys().chain(new_inputs.keys()).collect();
            ids.sort();
            ids.dedup();
            let absent = "not read".to_string();
            let moved = ids
                .into_iter()
                .filter_map(|id| {
                    let (a, b) = (
                        old_inputs.get(id).unwrap_or(&absent),
                        new_inputs.get(id).unwrap_or(&absent),
                    );
                    (a != b).then(|| (id.clone(), a.clone(), b.clone()))
                })
                .collect();
            changes.push(Change {
                iso3: key.0.clone(),
                criterion: key.1,
                old: old.map(|e| e.rating),
                new: new.map(|e| e.rating),
                moved,
            });
        }
        changes
    }
}
