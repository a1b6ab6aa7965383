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
//! source row). Every value is as of the scrape: year and
//! published = 2026, whatever year the standing itself dates from.

use super::rows::Table;
use super::{ImportError, Observation};
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const EDITION: &str = "UNTC 2026";
/// Year of the scrape (the file holds action years up to 2026).
pub const YEAR: i32 = 2026;

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

pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_treaty, c_iso3, c_standing) = (t.col("treaty")?, t.col("iso3")?, t.col("standing")?);
    let mut covered = BTreeSet::new();
    // (indicator, iso3) → (value, row)
    let mut listed = BTreeMap::new();
    for (row, f) in &t.rows {
        let (treaty, iso3) = (f[c_treaty].trim(), f[c_iso3].trim());
        if iso3.is_empty() {
            return Err(t.malformed(*row, "empty iso3"));
        }
        let party = match f[c_standing].trim() {
            "party" => true,
            "signatory" | "withdrawn" => false,
            other => return Err(t.malformed(*row, format!("unknown standing {other:?}"))),
        };
        if !CURATED.contains(&treaty) {
            covered.insert(iso3.to_string());
        }
        if let Some((_, id)) = TREATIES.iter().find(|(k, _)| *k == treaty) {
            if let Some((_, first)) = listed.insert((*id, iso3.to_string()), (party, *row)) {
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
            let (party, row) = listed
                .get(&(*id, iso3.clone()))
                .copied()
                .unwrap_or((false, 0));
            out.push(Observation {
                country: iso3.clone(),
                indicator: id.to_string(),
                year: YEAR,
                published: YEAR,
                edition: EDITION.into(),
                value: Value::Bool(party),
                row,
            });
        }
    }
    Ok(out)
}
