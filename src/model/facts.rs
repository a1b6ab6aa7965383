//! Country fact files: the values an assessment reads, each with its source.

use crate::error::{Error, Result};
use crate::model::catalog::{Catalog, Ids};
use crate::model::countries::Registry;
use crate::model::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One indicator value with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// The value.
    pub value: Value,
    /// The year the value refers to (data year, or the edition year for annual reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The edition of the dataset, e.g. "FIW 2024".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<Arc<str>>,
    /// Document and table/box/page the value was taken from. (Shared strings: a source's
    /// provenance is the same for all its facts.)
    pub source: Arc<str>,
    /// What a derived value was built from, or an analyst's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The date an assessment speaks for: a year, optionally with a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AsOf {
    /// The year.
    pub year: i32,
    pub(crate) month: Option<u32>,
}

impl AsOf {
    /// Reads `2025` or `2025-02`; `None` for anything else.
    pub fn parse(text: &str) -> Option<AsOf> {
        let (year, month) = match text.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (text, None),
        };
        let year: i32 = year.parse().ok().filter(|y| (1900..=2100).contains(y))?;
        let month = match month {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        Some(AsOf { year, month })
    }
}

impl std::fmt::Display for AsOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}-{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

impl Serialize for AsOf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Everything known about one country at one date.
#[derive(Debug, Clone)]
pub struct Facts {
    pub(crate) path: PathBuf,
    pub(crate) iso3: String,
    pub(crate) as_of: AsOf,
    /// True for test fixtures that are made up rather than transcribed.
    pub synthetic: bool,
    /// Shared, because the same fact is read by several rules and kept in their traces.
    pub values: FactMap,
}

/// The facts of one country and date by indicator: one slot per indicator of the catalog
/// the map was made for, so that a rule that knows an indicator's catalog position reads
/// its fact without a lookup, and selecting a country's facts builds no tree. Iterates in
/// id order, as the catalog does.
#[derive(Clone)]
pub struct FactMap {
    ids: Arc<Ids>,
    slots: Vec<Option<Arc<Fact>>>,
    len: usize,
}

impl FactMap {
    /// An empty map for the indicators of `catalog`.
    pub fn new(catalog: &Catalog) -> FactMap {
        FactMap {
            ids: catalog.ids().clone(),
            slots: vec![None; catalog.len()],
            len: 0,
        }
    }

    /// The fact of indicator `id`.
    pub fn get(&self, id: &str) -> Option<&Arc<Fact>> {
        self.slots[self.ids.position(id)?].as_ref()
    }

    /// The fact of the indicator at `index` among `ids`, whose id is `id`: found by
    /// position where the map was made for the catalog of `ids`, else by id.
    pub(crate) fn get_at(&self, ids: &Arc<Ids>, index: usize, id: &str) -> Option<&Arc<Fact>> {
        if Arc::ptr_eq(ids, &self.ids) {
            self.slots[index].as_ref()
        } else {
            self.get(id)
        }
    }

    /// Whether there is a fact of indicator `id`.
    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Sets the fact of indicator `id`, giving back the one it replaces.
    ///
    /// # Panics
    ///
    /// If `id` is not in the catalog: every fact is checked against the catalog (fact
    /// files, datasets, overrides) before it gets here.
    pub fn insert(&mut self, id: &str, fact: Arc<Fact>) -> Option<Arc<Fact>> {
        let Some(at) = self.ids.position(id) else {
            panic!("indicator '{id}' is not in the catalog these facts were made for");
        };
        self.set(at, fact)
    }

    /// Sets the fact of indicator `id` if the catalog declares it, and leaves it out if
    /// not: no rule checked against that catalog could read it.
    pub(crate) fn insert_declared(&mut self, id: &str, fact: Arc<Fact>) {
        if let Some(at) = self.ids.position(id) {
            self.set(at, fact);
        }
    }

    fn set(&mut self, at: usize, fact: Arc<Fact>) -> Option<Arc<Fact>> {
        let old = self.slots[at].replace(fact);
        self.len += usize::from(old.is_none());
        old
    }

    /// Takes out the fact of indicator `id`.
    pub fn remove(&mut self, id: &str) -> Option<Arc<Fact>> {
        let old = self.slots[self.ids.position(id)?].take();
        self.len -= usize::from(old.is_some());
        old
    }

    /// Every fact with its indicator id, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&Arc<str>, &Arc<Fact>)> + '_ {
        self.ids
            .keys
            .iter()
            .zip(&self.slots)
            .filter_map(|(id, fact)| Some((id, fact.as_ref()?)))
    }

    /// The ids of the indicators that have a fact, in id order.
    pub fn keys(&self) -> impl Iterator<Item = &Arc<str>> + '_ {
        self.iter().map(|(id, _)| id)
    }

    /// How many indicators have a fact.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no indicator has a fact.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl std::ops::Index<&str> for FactMap {
    type Output = Arc<Fact>;

    fn index(&self, id: &str) -> &Arc<Fact> {
        self.get(id)
            .unwrap_or_else(|| panic!("no fact of indicator '{id}'"))
    }
}

/// Equal when they hold the same facts for the same ids (whatever catalog they were made for).
impl PartialEq for FactMap {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for FactMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactFile {
    iso3: String,
    as_of: String,
    #[serde(default)]
    synthetic: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, RawFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    value: toml::Value,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    edition: Option<String>,
    source: String,
    #[serde(default)]
    note: Option<String>,
}

impl Facts {
    /// Reads a fact file (`--facts FILE`), checked against the catalog.
    pub fn load(path: &Path, catalog: &Catalog) -> Result<Facts> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Facts::parse(path, &text, catalog)
    }

    /// Checks a fact file given as text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str, catalog: &Catalog) -> Result<Facts> {
        let file: FactFile = toml::from_str(text).map_err(|e| Error::toml(path, text, &e))?;
        let invalid = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let iso3_ok = file.iso3.len() == 3 && file.iso3.chars().all(|c| c.is_ascii_uppercase());
        if !iso3_ok {
            return Err(invalid(format!(
                "iso3 = \"{}\" is not an ISO 3166 alpha-3 code (three capital letters, e.g. \"KAZ\")",
                file.iso3
            )));
        }
        let as_of = AsOf::parse(&file.as_of).ok_or_else(|| {
            invalid(format!(
                "as_of = \"{}\" is not a date of the form \"2025\" or \"2025-02\"",
                file.as_of
            ))
        })?;
        let this_year = this_year();
        if as_of.year > this_year {
            return Err(invalid(format!(
                "as_of = \"{as_of}\" lies in the future (this is {this_year}): a fact file speaks for a date that has come"
            )));
        }
        let mut values = FactMap::new(catalog);
        for (id, raw) in file.values {
            let indicator = catalog.get(&id).ok_or_else(|| catalog.unknown(path, &id))?;
            if raw.source.trim().is_empty() {
                return Err(invalid(format!(
                    "indicator '{id}' has no source — say which document and table it comes from"
                )));
            }
            let value = indicator.convert(path, &raw.value)?;
            if let Some(year) = raw.year.filter(|&y| y > as_of.year) {
                return Err(invalid(format!(
                    "indicator '{id}' has year = {year}, after as_of = \"{as_of}\": a value or judgment cannot describe a year after the date the file speaks for — correct the year or the as_of"
                )));
            }
            let fact = Fact {
                value,
                year: raw.year,
                edition: raw.edition.map(Into::into),
                source: raw.source.into(),
                note: raw.note,
            };
            values.insert(&id, Arc::new(fact));
        }
        Ok(Facts {
            path: path.to_path_buf(),
            iso3: file.iso3,
            as_of,
            synthetic: file.synthetic,
            values,
        })
    }

    /// Checks the country codes against the registry: the file's `iso3` and every code in
    /// a list value (the neighbour lists hold ISO codes). An unknown code is an error, not
    /// a country that silently matches nothing; only a synthetic file may use a code from
    /// ISO's user-assigned range for a made-up country.
    pub fn check_countries(&self, registry: &Registry) -> Result<()> {
        let invalid = |message: String| Error::Invalid {
            path: self.path.clone(),
            message,
        };
        // A made-up test file may name a made-up country, in ISO's user-assigned range.
        let known =
            |code: &str| registry.get(code).is_some() || (self.synthetic && user_assigned(code));
        if !known(&self.iso3) {
            return Err(invalid(format!(
                "iso3 = \"{}\" is not a country in indicators/countries.csv — use the ISO 3166 alpha-3 code of the country (e.g. \"KAZ\")",
                self.iso3
            )));
        }
        for (id, fact) in self.values.iter() {
            if let Value::List(codes) = &fact.value {
                if let Some(code) = codes.iter().find(|c| !known(c)) {
                    return Err(invalid(format!(
                        "indicator '{id}' lists \"{code}\", which is not a country code in indicators/countries.csv — use ISO 3166 alpha-3 codes"
                    )));
                }
            }
        }
        Ok(())
    }
}

/// ISO 3166's user-assigned alpha-3 codes (AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ): never a
/// real country's, so synthetic fixtures use them (e.g. "XSY").
fn user_assigned(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3
        && b.iter().all(u8::is_ascii_uppercase)
        && (b[0] == b'X' || &b[..2] == b"AA" || &b[..2] == b"ZZ" || (b[0] == b'Q' && b[1] >= b'M'))
}

/// The current calendar year (UTC) from the system clock.
pub fn this_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil-from-days (Howard Hinnant's algorithm), year only.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}
