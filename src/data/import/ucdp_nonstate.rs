//! UCDP Non-State Conflict Dataset (`Nonstate_v23_1.csv`, release 23.1, dyad-years
//! 1989–2022: organised armed force between two groups, neither a government, with at
//! least 25 battle-related deaths in the year). Values carry the release the file's
//! `version` column names ([`super::release`]). Countries are the conflict's locations
//! (`gwno_location`, Gleditsch–Ward, comma-separated where UCDP places a conflict in
//! several countries).
//!
//! Per country and year:
//! - `nonstate.deaths`: best-estimate deaths in the non-state conflicts UCDP places in
//!   this country alone. A conflict placed in several countries gives its deaths to none
//!   of them (UCDP does not split them: Mexican cartels fighting in "Mexico, United
//!   States" would otherwise count in full for both); it is listed in the next two.
//!   Filled with 0 (fewer than 25 deaths per dyad, or none).
//! - `nonstate.conflicts`: the year's non-state conflicts in the country, each as
//!   `UCDP id;side A;side B;deaths;organisation` (organisation 1 formally organised
//!   groups, 2 supporters of parties, 3 identity groups; deaths of the dyad, all its
//!   locations). Filled empty.
//! - `nonstate.years_5y`: years among Y-4..=Y with a non-state conflict that UCDP places
//!   in this country alone (as for the deaths). Filled 0.
//! - `nonstate.cross_border`: the year's non-state conflicts that UCDP places in this
//!   and at least one other country, as `UCDP id;side A;side B;deaths;other countries`.
//!   Filled empty.

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
    dataset: "UCDP NSC",
    first: 1989,
};

/// One dyad-year, its locations already ISO codes (or UCDP's name for a former state).
#[derive(Debug, Clone, PartialEq)]
pub struct DyadYear {
    pub(crate) conflict_id: String,
    pub(crate) side_a: String,
    pub(crate) side_b: String,
    pub(crate) org: u8,
    /// The year.
    pub year: i32,
    /// Battle deaths (best estimate).
    pub deaths: i64,
    /// The countries where the fighting took place.
    pub locations: Vec<String>,
    pub(crate) row: usize,
}

/// Every dyad-year of the file, before the per-country indicators are derived.
pub fn dyad_years(path: &Path) -> Result<Vec<DyadYear>, ImportError> {
    Ok(release_rows(path)?.1)
}

/// The file's release (None without rows) and its rows.
fn release_rows(path: &Path) -> Result<(Option<Release>, Vec<DyadYear>), ImportError> {
    let csv = table::read_csv(path, b',')?;
    let mut release = ReleaseReader::new(SCHEME);
    let c_version = release.column(&csv.header, path)?;
    let col = |n| csv.col(n);
    let (c_id, c_a, c_b, c_org) = (
        col("conflict_id")?,
        col("side_a_name")?,
        col("side_b_name")?,
        col("org")?,
    );
    let (c_year, c_best, c_loc) = (
        col("year")?,
        col("best_fatality_estimate")?,
        col("gwno_location")?,
    );
    let gw = gleditsch_ward();
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let bad = |m: String| table::malformed(&csv.path, *row, m);
        let year = csv
            .integer(*row, c_year, &f[c_year], &[])?
            .ok_or_else(|| bad("column 'year' is empty".into()))? as i32;
        let this = release.row(&f[c_version]).map_err(bad)?;
        if !this.years.contains(&year) {
            return Err(bad(ReleaseReader::year_outside(this, year)));
        }
        let deaths = csv
            .integer(*row, c_best, &f[c_best], &[])?
            .filter(|d| *d >= 0)
            .ok_or_else(|| {
                bad(format!(
                    "best_fatality_estimate: expected a count, found '{}'",
                    f[c_best]
                ))
            })?;
        let org = match f[c_org].as_str() {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            other => return Err(bad(format!("org: expected 1, 2 or 3, found '{other}'"))),
        };
        let locations = f[c_loc]
            .split(',')
            .map(|c| {
                let state = gw
                    .lookup(c)
                    .map_err(|m| bad(format!("gwno_location: {m}")))?;
                Ok(state.iso3.clone().unwrap_or_else(|| state.name.clone()))
            })
            .collect::<Result<Vec<_>, ImportError>>()?;
        out.push(DyadYear {
            conflict_id: f[c_id].clone(),
            side_a: f[c_a].clone(),
            side_b: f[c_b].clone(),
            org,
            year,
            deaths,
            locations,
            row: *row,
        });
    }
    Ok((release.finish(), out))
}

/// Reads UCDP Non-State Conflict into per-country indicators.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    #[derive(Default)]
    struct Entry {
        deaths: i64,
        conflicts: Vec<String>,
        cross: Vec<String>,
        /// A conflict placed in this country alone.
        own: bool,
        row: usize,
    }
    let mut by: BTreeMap<(String, i32), Entry> = BTreeMap::new();
    let (Some(release), rows) = release_rows(path)? else {
        return Ok(Vec::new());
    };
    for d in rows {
        let single = d.locations.len() == 1;
        for country in &d.locations {
            let e = by.entry((country.clone(), d.year)).or_default();
            if e.row == 0 {
                e.row = d.row;
            }
            if single {
                e.deaths += d.deaths;
                e.own = true;
            } else {
                let others: Vec<&str> = d
                    .locations
                    .iter()
                    .filter(|c| *c != country)
                    .map(String::as_str)
                    .collect();
                e.cross.push(format!(
                    "{};{};{};{};{}",
                    d.conflict_id,
                    d.side_a,
                    d.side_b,
                    d.deaths,
                    others.join(" ")
                ));
            }
            e.conflicts.push(format!(
                "{};{};{};{};{}",
                d.conflict_id, d.side_a, d.side_b, d.deaths, d.org
            ));
        }
    }
    let obs = |country: &str, id: &str, year: i32, value: Value, row: usize| {
        release.observation(country, id, year, value, row)
    };
    let mut out = Vec::new();
    for ((country, year), e) in &by {
        out.push(obs(
            country,
            "nonstate.deaths",
            *year,
            Value::Integer(e.deaths),
            e.row,
        ));
        out.push(obs(
            country,
            "nonstate.conflicts",
            *year,
            Value::List(e.conflicts.clone()),
            e.row,
        ));
        if !e.cross.is_empty() {
            out.push(obs(
                country,
                "nonstate.cross_border",
                *year,
                Value::List(e.cross.clone()),
                e.row,
            ));
        }
    }
    let countries: BTreeSet<&String> = by.keys().map(|(c, _)| c).collect();
    for country in countries {
        for year in release.years.clone() {
            let rows: Vec<usize> = (year - 4..=year)
                .filter_map(|y| {
                    by.get(&(country.clone(), y))
                        .filter(|e| e.own)
                        .map(|e| e.row)
                })
                .collect();
            if let Some(&row) = rows.last() {
                out.push(obs(
                    country,
                    "nonstate.years_5y",
                    year,
                    Value::Integer(rows.len() as i64),
                    row,
                ));
            }
        }
    }
    Ok(out)
}
