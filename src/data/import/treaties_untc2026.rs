//! UN Treaty Collection status as scraped in 2026 (`treaties-untc-2026/untc_all_long.csv`,
//! columns `treaty,iso2,iso3,standing,year`).
//!
//! Values: `party` → true; `signatory` and `withdrawn` → false.
//!
//! Absent rows: the source says "a country absent for a treaty = no action recorded",
//! i.e. neither signed nor joined, so such a country is emitted as **not a party**
//! (false) — but only if the file lists it for at least one UNTC instrument, which
//! shows the scrape covered it. Countries the scrape never lists (Marshall Islands,
//! St Vincent and the Grenadines, Samoa, Cook Islands, Niue) get no value at all: for
//! them absence says nothing. The curated `schengen`/`echr` lists do not count as
//! coverage.
//!
//! Countries are the file's ISO3 codes. A value inferred from absence has `row` 0 (no
//! source row).
//!
//! The scrape is of 2026, but the `year` column dates each standing, so the status in
//! every year from [`FIRST_YEAR`] on is known, and was public in that year: a party since
//! year J is false before J and true from J (year = published = that year); a signatory
//! or an absent country is false in every year; a country that withdrew in year W is
//! false from W, and has no value before (when it joined is not in the file; where the
//! file gives no withdrawal year, only 2026 is certain). This lets
//! an assessment as of 2020 see the 2020 status without seeing the 2026 scrape.

use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const EDITION: &str = "UNTC 2026";
/// Year of the scrape (the file holds action years up to 2026).
pub const YEAR: i32 = 2026;
/// The first year a status is given for.
pub const FIRST_YEAR: i32 = 2010;

/// A country's standing for one treaty.
#[derive(Clone, Copy)]
enum Standing {
    /// Party since the year given.
    Party(i32),
    Signatory,
    /// Withdrew in the year given; without a year, only the scrape year is certain.
    Withdrawn(Option<i32>),
}

/// Source treaty key → catalog id; the other instruments in the file are not in the catalog.
const TREATIES: &[(&str, &str)] = &[
    ("att", "treaty.att"),
    ("mine-ban", "treaty.ottawa"),
    ("cluster-munitions", "treaty.ccm"),
    ("rome-statute", "treaty.rome"),
    ("cat", "treaty.cat"),
    ("iccpr", "treaty.iccpr"),
    ("icescr", "treaty.icescr"),
    ("cedaw", "treaty.cedaw"),
    ("crc", "treaty.crc"),
];
/// Instruments in the file that are not UNTC scrapes, so they say nothing about coverage.
const CURATED: &[&str] = &["schengen", "echr"];

/// Reads the UN Treaty Collection status table of 2026.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_treaty, c_iso3, c_standing) = (t.col("treaty")?, t.col("iso3")?, t.col("standing")?);
    let c_year = t.col("year")?;
    let mut covered = BTreeSet::new();
    // (indicator, iso3) → (value, row)
    let mut listed = BTreeMap::new();
    for (row, f) in &t.rows {
        let (treaty, iso3) = (f[c_treaty].trim(), f[c_iso3].trim());
        if iso3.is_empty() {
            return Err(t.malformed(*row, "empty iso3"));
        }
        if !CURATED.contains(&treaty) {
            covered.insert(iso3.to_string());
        }
        // Only the catalog's treaties are read further: the curated lists carry no year.
        if let Some((_, id)) = TREATIES.iter().find(|(k, _)| *k == treaty) {
            let standing = match f[c_standing].trim() {
                "party" => Standing::Party(t.int(*row, f, c_year)?),
                "signatory" => Standing::Signatory,
                "withdrawn" if f[c_year].trim().is_empty() => Standing::Withdrawn(None),
                "withdrawn" => Standing::Withdrawn(Some(t.int(*row, f, c_year)?)),
                other => return Err(t.malformed(*row, format!("unknown standing {other:?}"))),
            };
            if let Some((_, first)) = listed.insert((*id, iso3.to_string()), (standing, *row)) {
                return Err(
                    t.malformed(*row, format!("{treaty} {iso3} listed twice (row {first})"))
                );
            }
        }
    }
    let mut out = Vec::new();
    for (_, id) in TREATIES {
        for iso3 in &covered {
            // Absent but covered: no action recorded → not a party; row 0 = no source row.
            let (standing, row) = listed
                .get(&(*id, iso3.clone()))
                .copied()
                .unwrap_or((Standing::Signatory, 0));
            for year in FIRST_YEAR..=YEAR {
                let party = match standing {
                    Standing::Party(since) => year >= since,
                    Standing::Signatory => false,
                    Standing::Withdrawn(since) if year >= since.unwrap_or(YEAR) => false,
                    Standing::Withdrawn(_) => continue,
                };
                out.push(Observation {
                    country: iso3.clone(),
                    indicator: id.to_string(),
                    year,
                    published: year,
                    edition: EDITION.into(),
                    value: Value::Bool(party),
                    row,
                });
            }
        }
    }
    Ok(out)
}
