//! UCDP One-sided Violence Dataset (actor-years: deliberate killing of at least 25
//! civilians by a government or an organised group in a year). Read: v25.1 (1989–2024),
//! `OneSided_v25_1.DERIVED-from-rds.csv`, a mechanical CSV conversion of UCDP's `.rds`;
//! v23.1 (`OneSided_v23_1.csv`, UCDP's own CSV, 1989–2022) has the same columns and is
//! kept as a cross-check in the tests. Values carry the release the file's `version` column
//! names ([`super::release`]): 23.1 is labelled 23.1.
//!
//! Only government actors count (`is_government_actor` = 1). The country is the
//! PERPETRATOR, `gwnoa` (Gleditsch–Ward, comma-separated for a coalition), never the
//! place (`gwno_location`): the Government of Russia killing civilians in Ukraine counts
//! for Russia. A coalition without `gwnoa` ("Government of Eritrea, Government of
//! Ethiopia", 2020–2021) is split by its `actor_name` into its governments; each member
//! is counted with the coalition's fatalities.
//!
//! Per country and year:
//! - `violence.osv_gov_deaths`: civilians killed by the government that year (UCDP's
//!   best estimate, summed over its rows, coalitions included). Filled with 0 for the
//!   years the dataset covers: UCDP lists every actor-year with 25 or more deaths, so 0
//!   means fewer than 25 recorded, not none.
//! - `violence.osv_gov_events`: every year up to this one with government one-sided
//!   violence, as `YEAR;DEATHS;WHERE;UCDP` items (`WHERE` the ISO codes of the locations,
//!   `UCDP` the one-sided conflict ids), so that a rule can apply its own look-back and
//!   its reason can name the years, the fatalities and the places. Filled empty.

use super::release::{Release, ReleaseReader, Scheme};
use super::table;
use super::{ImportError, Observation};
use crate::model::codes::gleditsch_ward;
use crate::model::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How the file names its release: the edition label's dataset name before the
/// release number, and the dataset's first year.
const SCHEME: Scheme = Scheme::Ucdp {
    dataset: "UCDP OSV",
    first: 1989,
};

/// One government actor-year: who (countries as the importer names them), when, how many.
#[derive(Debug, Clone, PartialEq)]
pub struct GovernmentYear {
    pub(crate) conflict_id: String,
    pub(crate) actor: String,
    /// The year.
    pub year: i32,
    pub(crate) deaths: i64,
    /// Perpetrator countries: ISO3 from `gwnoa` (or from a coalition's names in the
    /// GW table), else the name as UCDP gives it.
    pub perpetrators: Vec<String>,
    /// Where: ISO3 where the GW table has it, else UCDP's location name.
    pub locations: Vec<String>,
    pub(crate) row: usize,
}

/// The government rows of a one-sided violence file (v25.1 or v23.1 layout).
pub fn government_years(path: &Path) -> Result<Vec<GovernmentYear>, ImportError> {
    Ok(release_rows(path)?.1)
}

/// The file's release (None without rows) and its rows.
fn release_rows(path: &Path) -> Result<(Option<Release>, Vec<GovernmentYear>), ImportError> {
    let csv = table::read_csv(path, b',')?;
    let mut release = ReleaseReader::new(SCHEME);
    let c_version = release.column(&csv.header, path)?;
    let col = |n| csv.col(n);
    let (c_conflict, c_actor, c_year, c_best) = (
        col("conflict_id")?,
        col("actor_name")?,
        col("year")?,
        col("best_fatality_estimate")?,
    );
    let (c_gov, c_loc, c_gwloc, c_gwnoa) = (
        col("is_government_actor")?,
        col("location")?,
        col("gwno_location")?,
        col("gwnoa")?,
    );
    let gw = gleditsch_ward();
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let bad = |m: String| table::malformed(&csv.path, *row, m);
        // Every row names the release, the non-government ones too.
        let this = release.row(&f[c_version]).map_err(bad)?.clone();
        match f[c_gov].as_str() {
            "1" => {}
            "0" => continue,
            other => {
                return Err(bad(format!(
                    "is_government_actor: expected 0 or 1, found '{other}'"
                )))
            }
        }
        let year = csv
            .integer(*row, c_year, &f[c_year], &[])?
            .ok_or_else(|| bad("column 'year' is empty".into()))? as i32;
        if !this.years.contains(&year) {
            return Err(bad(ReleaseReader::year_outside(&this, year)));
        }
        let deaths = csv
            .integer(*row, c_best, &f[c_best], &[])?
            .ok_or_else(|| bad("column 'best_fatality_estimate' is empty".into()))?;
        if deaths < 0 {
            return Err(bad(format!("best_fatality_estimate {deaths} is negative")));
        }
        let code = |c: &str| -> Result<String, ImportError> {
            let state = gw.lookup(c).map_err(|m| bad(format!("gwno: {m}")))?;
            Ok(state.iso3.clone().unwrap_or_else(|| state.name.clone()))
        };
        let codes: Vec<&str> = f[c_gwnoa]
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let perpetrators = if codes.is_empty() {
            // A coalition without gwnoa: its governments by name.
            let names: Vec<String> = f[c_actor]
                .split(", Government of ")
                .map(|s| s.trim().trim_start_matches("Government of ").to_string())
                .filter(|s| !s.is_empty())
                // UCDP's own names, as the GW table holds them, give the ISO code.
                .map(|s| match gw.by_name(&s).and_then(|st| st.iso3.clone()) {
                    Some(iso3) => iso3,
                    None => s,
                })
                .collect();
            if names.is_empty() || !f[c_actor].starts_with("Government of ") {
                return Err(bad(format!(
                    "government actor '{}' has no gwnoa and is not named 'Government of …'",
                    f[c_actor]
                )));
            }
            names
        } else {
            codes.into_iter().map(code).collect::<Result<_, _>>()?
        };
        let names: Vec<&str> = f[c_loc].split(',').map(str::trim).collect();
        let loc_codes: Vec<&str> = f[c_gwloc].split(',').map(str::trim).collect();
        let locations = if names.len() == loc_codes.len() {
            loc_codes.into_iter().map(code).collect::<Result<_, _>>()?
        } else {
            names.iter().map(|s| s.to_string()).collect()
        };
        out.push(GovernmentYear {
            conflict_id: f[c_conflict].clone(),
            actor: f[c_actor].clone(),
            year,
            deaths,
            perpetrators,
            locations,
            row: *row,
        });
    }
    Ok((release.finish(), out))
}

/// The indicators of the module doc, for the conflict country-years (the shared step
/// fills the rest).
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    // (country, year) → (deaths, locations, conflict ids, first row)
    type Entry = (i64, BTreeSet<String>, BTreeSet<String>, usize);
    let mut by: BTreeMap<(String, i32), Entry> = BTreeMap::new();
    let (Some(release), rows) = release_rows(path)? else {
        return Ok(Vec::new());
    };
    for g in rows {
        for country in &g.perpetrators {
            let e = by.entry((country.clone(), g.year)).or_insert((
                0,
                BTreeSet::new(),
                BTreeSet::new(),
                g.row,
            ));
            e.0 += g.deaths;
            e.1.extend(g.locations.iter().cloned());
            e.2.insert(g.conflict_id.clone());
        }
    }
    let obs = |country: &str, id: &str, year: i32, value: Value, row: usize| {
        release.observation(country, id, year, value, row)
    };
    let mut out = Vec::new();
    let countries: BTreeSet<&String> = by.keys().map(|(c, _)| c).collect();
    for country in countries {
        let mut history = Vec::new();
        for year in release.years.clone() {
            if let Some((deaths, places, ids, row)) = by.get(&(country.clone(), year)) {
                out.push(obs(
                    country,
                    "violence.osv_gov_deaths",
                    year,
                    Value::Integer(*deaths),
                    *row,
                ));
                history.push((
                    format!(
                        "{year};{deaths};{};{}",
                        places.iter().cloned().collect::<Vec<_>>().join(" "),
                        ids.iter().cloned().collect::<Vec<_>>().join(" ")
                    ),
                    *row,
                ));
            }
            if let Some((_, row)) = history.last() {
                let items = history.iter().map(|(s, _)| s.clone()).collect();
                out.push(obs(
                    country,
                    "violence.osv_gov_events",
                    year,
                    Value::List(items),
                    *row,
                ));
            }
        }
    }
    Ok(out)
}
