//! Re-scoring: the ratings of record (`indicators/ratings.lock`, committed) against the
//! ratings the current data and rules give, with the indicator values that moved each one.

use crate::data::store::Store;
use crate::error::{Error, Result};
use crate::model::assessment::{Assessment, CriterionResult};
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

/// A rating that moved, and what moved it.
#[derive(Debug, Clone)]
pub struct Change {
    /// The country.
    pub iso3: String,
    /// The criterion's number.
    pub criterion: u32,
    /// None for a country or criterion the lock did not have.
    pub old: Option<Rating>,
    /// None for one the current data no longer rates.
    pub new: Option<Rating>,
    /// Every input whose value, edition or presence differs.
    pub moved: Vec<Moved>,
    /// Inputs whose value and edition stayed, only the year they describe moved (a
    /// treaty status restated for the new as-of year): counted, not listed, as the value a
    /// rule tests is the same.
    pub restated: usize,
    /// The criterion as rated now (None if no longer rated): its reason says why.
    /// Filled by [`Lock::explained`].
    pub now: Option<CriterionResult>,
}

impl Change {
    /// Whether only age moved this rating: values dropped out by their age limit, and
    /// no input got a new value (one the rule reads instead may now be missing too).
    pub fn only_aged_out(&self) -> bool {
        self.moved.iter().any(|m| m.aged_out.is_some())
            && self
                .moved
                .iter()
                .all(|m| m.new == MISSING || m.new == NOT_READ)
    }
}

/// An input that moved with a rating, as the lock records it: "value (edition, year)",
/// "missing" or "not read".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The indicator's id.
    pub indicator: String,
    /// Before.
    pub old: String,
    /// Now.
    pub new: String,
    /// For a value now missing because the year it describes is further back than its
    /// family's age limit allows: that year and the limit (filled by [`Lock::explained`]).
    pub aged_out: Option<AgedOut>,
}

/// Why a value dropped out: it describes `year`, more than `limit` years before the
/// as-of year (`[max_age.<family>]` in data.toml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgedOut {
    /// The indicator family whose limit it is ("treaty").
    pub family: String,
    /// The year the old value describes.
    pub year: i32,
    /// The age limit of its family, in years.
    pub limit: i32,
}

/// The value as the lock records it, split into the year it describes and the rest:
/// ("true (UNTC 2015", 2014) for "true (UNTC 2015, 2014)".
fn split_year(recorded: &str) -> Option<(&str, i32)> {
    let inner = recorded.strip_suffix(')')?;
    let (rest, year) = inner
        .rsplit_once(", ")
        .or_else(|| inner.rsplit_once(" ("))?;
    Some((rest, year.parse().ok()?))
}

/// What the lock records for an indicator the rule found missing.
pub const MISSING: &str = "missing";
/// What a change shows for an indicator the rule did not read.
pub const NOT_READ: &str = "not read";

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
                            Some((indicator.to_string(), MISSING.to_string()))
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
            let absent = NOT_READ.to_string();
            let mut moved = Vec::new();
            let mut restated = 0;
            for id in ids {
                let (a, b) = (
                    old_inputs.get(id).unwrap_or(&absent),
                    new_inputs.get(id).unwrap_or(&absent),
                );
                if a == b {
                    continue;
                }
                match (split_year(a), split_year(b)) {
                    (Some((a, _)), Some((b, _))) if a == b => restated += 1,
                    _ => moved.push(Moved {
                        indicator: id.clone(),
                        old: a.clone(),
                        new: b.clone(),
                        aged_out: None,
                    }),
                }
            }
            changes.push(Change {
                iso3: key.0.clone(),
                criterion: key.1,
                old: old.map(|e| e.rating),
                new: new.map(|e| e.rating),
                moved,
                restated,
                now: None,
            });
        }
        changes
    }

    /// [`Lock::changes`] against `current`, the lock of `assessments`, each change with
    /// what explains it: the criterion as now rated, and for a value now missing,
    /// whether its age dropped it (the store's age limits).
    pub fn explained(
        &self,
        current: &Lock,
        assessments: &[Assessment],
        store: &Store,
    ) -> Vec<Change> {
        let results: BTreeMap<(&str, u32), &CriterionResult> = assessments
            .iter()
            .flat_map(|a| {
                a.criteria
                    .iter()
                    .map(move |c| ((a.iso3.as_str(), c.number), c))
            })
            .collect();
        let mut changes = self.changes(current);
        for change in &mut changes {
            change.now = results
                .get(&(change.iso3.as_str(), change.criterion))
                .map(|c| (*c).clone());
            for m in change.moved.iter_mut().filter(|m| m.new == MISSING) {
                let (Some((_, year)), Some(limit)) =
                    (split_year(&m.old), store.max_age_of(&m.indicator))
                else {
                    continue;
                };
                if !limit.admits(current.year, year) {
                    m.aged_out = Some(AgedOut {
                        family: crate::data::store::family(&m.indicator).to_string(),
                        year,
                        limit: limit.years,
                    });
                }
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(year: i32, rating: Rating, inputs: &[(&str, &str)]) -> Lock {
        let inputs = inputs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let entry = Entry { rating, inputs };
        Lock {
            year,
            entries: BTreeMap::from([(("AFG".to_string(), 6), entry)]),
        }
    }

    /// The inputs now, the ids listed, the count restated, whether ageing alone moved it.
    type Case = (
        &'static [(&'static str, &'static str)],
        &'static [&'static str],
        usize,
        bool,
    );

    /// Which inputs a change lists, which it counts as restated, and whether only
    /// ageing moved it (`aged_out` as [`Lock::explained`] would fill it).
    #[test]
    fn what_a_change_lists() {
        let before = lock(
            2025,
            Rating::NichtKritisch,
            &[
                ("treaty.att", "true (UNTC 2026, 2025)"),
                ("treaty.uncac", "true (UNTC 2015, 2014)"),
                ("cpi.score", "31 (CPI 2024, 2024)"),
            ],
        );
        #[rustfmt::skip]
        let cases: [Case; 5] = [
            // restated for 2026, aged out, no longer read
            (&[("treaty.att", "true (UNTC 2026, 2026)"), ("treaty.uncac", "missing")], &["cpi.score", "treaty.uncac"], 1, true),
            // a new value beside the aged one: not ageing alone
            (&[("treaty.att", "false (UNTC 2026, 2026)"), ("treaty.uncac", "missing")], &["cpi.score", "treaty.att", "treaty.uncac"], 0, false),
            // a new edition with the same value is listed
            (&[("treaty.att", "true (UNTC 2027, 2026)"), ("treaty.uncac", "missing"), ("cpi.score", "31 (CPI 2024, 2024)")], &["treaty.att", "treaty.uncac"], 0, false),
            // nothing aged: not ageing
            (&[("treaty.att", "true (UNTC 2026, 2025)"), ("treaty.uncac", "true (UNTC 2015, 2014)")], &["cpi.score"], 0, false),
            // everything as before but the rating (a rule changed)
            (&[("treaty.att", "true (UNTC 2026, 2025)"), ("treaty.uncac", "true (UNTC 2015, 2014)"), ("cpi.score", "31 (CPI 2024, 2024)")], &[], 0, false),
        ];
        for (i, (now, listed, restated, aged)) in cases.into_iter().enumerate() {
            let [mut change]: [Change; 1] = before
                .changes(&lock(2026, Rating::NichtBewertbar, now))
                .try_into()
                .unwrap();
            for m in &mut change.moved {
                if m.indicator == "treaty.uncac" && m.new == "missing" {
                    m.aged_out = Some(AgedOut {
                        family: "treaty".into(),
                        year: 2014,
                        limit: 11,
                    });
                }
            }
            let ids: Vec<&str> = change.moved.iter().map(|m| m.indicator.as_str()).collect();
            assert_eq!(ids, listed, "case {i}");
            assert_eq!(change.restated, restated, "case {i}");
            assert_eq!(change.only_aged_out(), aged, "case {i}");
        }
    }

    #[test]
    fn the_year_a_recorded_value_describes() {
        let cases = [
            ("true (UNTC 2015, 2014)", Some(("true (UNTC 2015", 2014))),
            (
                "0.462 (HDR 2023/24, 2022)",
                Some(("0.462 (HDR 2023/24", 2022)),
            ),
            ("3 (2021)", Some(("3", 2021))),
            ("NF (FH 2025)", None),
            ("missing", None),
            ("not read", None),
        ];
        for (recorded, expected) in cases {
            assert_eq!(split_year(recorded), expected, "{recorded}");
        }
    }
}
