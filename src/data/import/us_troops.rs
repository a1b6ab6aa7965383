//! US military personnel abroad from troopdata (M. Flynn; DoD/DMDC reports):
//! `us-troops/troopdata-rebuild-country-year-quarter-format.csv`, one row per host
//! country and DMDC report (quarterly from about 2008, yearly before).
//!
//! `troops.us` per country and year is the largest `troops_ad` (active-duty total) of the
//! year's reports, as the package computes its own yearly value. `NA` reports are
//! skipped; a country-year with only `NA` reports has no value. The country is
//! `iso3c`, or `countryname` where `iso3c` is `NA` (Kosovo, Greenland, …). The United
//! States and its own territories are not host countries and are left out.
//!
//! Only country-years in the file are returned: within [`YEARS`] the DMDC reports list
//! every country with US personnel, so a country without a row had none, which the
//! shared step fills.

use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::Path;

pub(crate) const EDITION: &str = "troopdata 2026 (DMDC)";
/// The quarter file was last changed in April 2026 (troopdata commit 00c0deba).
pub const PUBLISHED: i32 = 2026;
/// Years the file covers.
pub const YEARS: RangeInclusive<i32> = 1950..=2025;

/// The United States and US territories: not foreign deployments.
const US_SOIL: &[&str] = &[
    "USA",
    "US Virgin Islands",
    "Guam",
    "American Samoa",
    "Wake Island",
    "Johnston Island",
    "Midway Islands",
    "PRI",
    "GUM",
    "VIR",
    "ASM",
    "MNP",
    "UMI",
];

/// Reads troopdata: US troops per host country and year.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_iso, c_name, c_year) = (t.col("iso3c")?, t.col("countryname")?, t.col("year")?);
    let c_troops = t.col("troops_ad")?;
    // A country may be written with its ISO code in one report and by name only in
    // another of the same year (Serbia 2007): a name the file pairs with an ISO code
    // elsewhere stands for that code.
    let mut iso_of: BTreeMap<&str, &str> = BTreeMap::new();
    for (_, f) in &t.rows {
        if !matches!(f[c_iso].trim(), "NA" | "") {
            iso_of.entry(f[c_name].trim()).or_insert(f[c_iso].trim());
        }
    }
    let mut by: BTreeMap<(String, i32), Group> = BTreeMap::new();
    for (row, f) in &t.rows {
        let year = t.int(*row, f, c_year)?;
        if !YEARS.contains(&year) {
            return Err(t.malformed(*row, super::year_outside(year, &YEARS, EDITION)));
        }
        let name = f[c_name].trim();
        let iso = match f[c_iso].trim() {
            "NA" | "" => iso_of.get(name).copied(),
            iso => Some(iso),
        };
        if iso.is_none() && name.is_empty() {
            return Err(t.malformed(*row, "neither iso3c nor countryname"));
        }
        if US_SOIL.contains(&iso.unwrap_or(name)) {
            continue;
        }
        let troops = match f[c_troops].trim() {
            "NA" => None,
            raw => Some(
                raw.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite() && *x >= 0.0 && x.fract() == 0.0)
                    .ok_or_else(|| {
                        t.malformed(
                            *row,
                            format!("troops_ad: expected a whole number or NA, found {raw:?}"),
                        )
                    })? as i64,
            ),
        };
        let g = by
            .entry((iso.unwrap_or(name).to_string(), year))
            .or_default();
        if g.iso.is_none() {
            g.iso = iso.map(str::to_string);
        }
        if g.name.is_empty() {
            g.name = name.to_string();
        }
        if let Some(troops) = troops {
            if g.max.is_none_or(|(m, _)| troops > m) {
                g.max = Some((troops, *row));
            }
        }
    }
    Ok(by
        .into_iter()
        .filter_map(|((_, year), g)| {
            let (troops, row) = g.max?;
            Some(Observation {
                country: g.iso.unwrap_or(g.name),
                indicator: "troops.us".into(),
                year,
                published: PUBLISHED,
                edition: EDITION.into(),
                value: Value::Integer(troops),
                row,
            })
        })
        .collect())
}

#[derive(Default)]
struct Group {
    iso: Option<String>,
    name: String,
    /// Largest troops_ad and its row.
    max: Option<(i64, usize)>,
}
