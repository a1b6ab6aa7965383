//! What an import would lose: values the current folder holds that the new file does
//! not have (whole countries, editions, years, or single values), and — for a census,
//! where absence reads as "none" — values the file used to list that would now be
//! filled in as absent. Refused unless the user says the loss is intended.

use crate::data::dataset::{Dataset, Record};
use std::collections::{BTreeMap, BTreeSet};

/// (iso3, indicator, year): one value of a source.
pub(crate) type Key = (String, String, i32);

/// Everything the current folder holds that the new import would drop or fake.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Loss {
    /// Countries with values now and none after the import.
    pub countries: Vec<String>,
    /// Editions with values now and none after the import.
    pub editions: Vec<String>,
    /// Data years with values now and none after the import.
    pub years: Vec<i32>,
    /// Values (country, indicator, year) that would be gone, as "KAZ cpi.score 2023".
    pub values: Vec<String>,
    /// Census values the file no longer lists, which would be filled as absent:
    /// "UKR conflict.internal 2022: war → none".
    pub filled: Vec<String>,
}

impl Loss {
    /// Whether nothing stored would be lost.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.filled.is_empty()
    }

    /// One line for the error message: counts and the first few of each.
    pub fn describe(&self) -> String {
        fn few<T: ToString>(items: &[T]) -> String {
            let shown: Vec<String> = items.iter().take(8).map(T::to_string).collect();
            let more = items.len().saturating_sub(shown.len());
            match more {
                0 => shown.join(", "),
                _ => format!("{}, … {more} more", shown.join(", ")),
            }
        }
        let mut parts = Vec::new();
        if !self.countries.is_empty() {
            parts.push(format!(
                "{} countr{} ({})",
                self.countries.len(),
                if self.countries.len() == 1 {
                    "y"
                } else {
                    "ies"
                },
                few(&self.countries)
            ));
        }
        if !self.editions.is_empty() {
            parts.push(format!(
                "{} edition(s) ({})",
                self.editions.len(),
                few(&self.editions)
            ));
        }
        if !self.years.is_empty() {
            parts.push(format!(
                "{} year(s) ({})",
                self.years.len(),
                few(&self.years)
            ));
        }
        if !self.values.is_empty() {
            parts.push(format!(
                "{} value(s) ({})",
                self.values.len(),
                few(&self.values)
            ));
        }
        if !self.filled.is_empty() {
            parts.push(format!(
                "{} value(s) the file no longer lists, which would be read as absent ({})",
                self.filled.len(),
                few(&self.filled)
            ));
        }
        parts.join("; ")
    }
}

/// Compares what the folder holds with what the import would write. `filled` are the
/// keys the census fill added (not read from the file).
pub(crate) fn compare(previous: &Dataset, new: &[Record], filled: &BTreeSet<Key>) -> Loss {
    let key = |r: &Record| (r.iso3.to_string(), r.indicator.to_string(), r.year);
    let after: BTreeMap<Key, &Record> = new.iter().map(|r| (key(r), r)).collect();
    let mut loss = Loss::default();
    // Per country, edition and year: (values held, values lost).
    let mut countries: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut editions: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut years: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for r in &previous.records {
        let k = key(r);
        let lost = match after.get(&k) {
            None => {
                loss.values.push(format!(
                    "{} {} {} ({})",
                    r.iso3, r.indicator, r.year, r.edition
                ));
                true
            }
            Some(now) if filled.contains(&k) && now.value != r.value => {
                loss.filled.push(format!(
                    "{} {} {}: {} → {}",
                    r.iso3, r.indicator, r.year, r.value, now.value
                ));
                true
            }
            Some(_) => false,
        };
        for count in [
            countries.entry(&r.iso3).or_default(),
            editions.entry(&r.edition).or_default(),
            years.entry(r.year).or_default(),
        ] {
            count.0 += 1;
            count.1 += usize::from(lost);
        }
    }
    let all_lost = |(held, lost): &(usize, usize)| held == lost;
    loss.countries = countries
        .iter()
        .filter(|(_, c)| all_lost(c))
        .map(|(k, _)| k.to_string())
        .collect();
    loss.editions = editions
        .iter()
        .filter(|(_, c)| all_lost(c))
        .map(|(k, _)| k.to_string())
        .collect();
    loss.years = years
        .iter()
        .filter(|(_, c)| all_lost(c))
        .map(|(k, _)| *k)
        .collect();
    loss
}
