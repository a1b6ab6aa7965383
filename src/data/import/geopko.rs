//! UN peacekeeping deployments from Geo-PKO v2.3 (`un-peacekeeping-geopko/FrontMap_v.2.3.csv`:
//! the publisher's dashboard extract, one row per mission × year × location with the
//! troops mapped there). Countries are English names as Geo-PKO writes them ("DRC",
//! "Ivory Coast"); a row in "Ethiopia/Eritrea" (UNMEE on the border) counts for both.
//!
//! Per country and year:
//! - `troops.un`: UN peacekeeping troops, the sum over locations and missions of
//!   `ave.no.troops` (the mean over the year's deployment maps). The file has one row per
//!   map, each repeating that mean: a mission's location counts once per year (the
//!   largest mean, should rows ever differ). Observer-, police- and
//!   headquarters-only sites map 0 troops, and `NA` (unknown) adds nothing: the count is
//!   troops, not all UN personnel. It is an estimate from deployment maps, not an
//!   official strength.
//! - `troops.un_missions`: the missions with troops in the country that year.
//!
//! Rows of a mission after the year its deployment ended are dropped, per [`ENDED`]:
//! Geo-PKO still maps MINUSMA in Mali in 2024 (its liquidation phase). Only country-years
//! with a row are returned; within [`YEARS`] a country without one had no mapped UN
//! peacekeepers, which the shared step fills.

use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::Path;

pub(crate) const EDITION: &str = "Geo-PKO v2.3";
/// The dashboard extract was published in May 2025 (repository commit 2025-05-04).
pub const PUBLISHED: i32 = 2025;
/// Years the data covers (Geo-PKO v2.3: 1994–2024).
pub const YEARS: RangeInclusive<i32> = 1994..=2024;

/// Missions whose last year of deployment the file overstates: (mission, last year,
/// citation). Rows of a later year are not read.
pub const ENDED: &[(&str, i32, &str)] = &[(
    "MINUSMA",
    2023,
    "UN Security Council resolution 2690 (2023), S/RES/2690, para. 1: the mandate ends on 30 June 2023 and the withdrawal is to be completed by 31 December 2023; the UN mission list (DPPADPOSS-PKO, last update 2024-02-19) still shows it active",
)];

/// A name that stands for several countries.
const SHARED: &[(&str, &[&str])] = &[("Ethiopia/Eritrea", &["Ethiopia", "Eritrea"])];

#[derive(Default)]
struct CountryYear {
    troops: f64,
    missions: BTreeSet<String>,
    row: usize,
}

/// Reads Geo-PKO: UN peacekeepers per host country and year.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_mission, c_year, c_country) = (t.col("mission")?, t.col("year")?, t.col("country")?);
    let c_troops = t.col("ave.no.troops")?;
    let mut by: BTreeMap<(String, i32), CountryYear> = BTreeMap::new();
    // (mission, year, country, location) → troops counted so far, for the one-row-per-map repeats.
    let mut counted: BTreeMap<(String, i32, String, String), f64> = BTreeMap::new();
    let c_location = t.col("location")?;
    for (row, f) in &t.rows {
        let year = t.int(*row, f, c_year)?;
        if !YEARS.contains(&year) {
            return Err(t.malformed(*row, super::year_outside(year, &YEARS, EDITION)));
        }
        let mission = f[c_mission].trim();
        let country = f[c_country].trim();
        if mission.is_empty() || country.is_empty() {
            return Err(t.malformed(*row, "empty mission or country"));
        }
        if ENDED
            .iter()
            .any(|(m, last, _)| *m == mission && year > *last)
        {
            continue;
        }
        let troops = match f[c_troops].trim() {
            "NA" => 0.0,
            raw => match raw.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => x,
                _ => {
                    return Err(t.malformed(
                        *row,
                        format!("ave.no.troops: expected a number of troops or NA, found {raw:?}"),
                    ))
                }
            },
        };
        let key = (
            mission.to_string(),
            year,
            country.to_string(),
            f[c_location].trim().to_string(),
        );
        let before = counted.get(&key).copied();
        let troops = match before {
            Some(b) if troops <= b => 0.0,
            Some(b) => {
                counted.insert(key, troops);
                troops - b
            }
            None => {
                counted.insert(key, troops);
                troops
            }
        };
        let countries: Vec<&str> = SHARED
            .iter()
            .find(|(name, _)| *name == country)
            .map_or_else(|| vec![country], |(_, all)| all.to_vec());
        for c in countries {
            let e = by.entry((c.to_string(), year)).or_default();
            if e.row == 0 {
                e.row = *row;
            }
            e.troops += troops;
            if troops > 0.0 || before.is_some_and(|b| b > 0.0) {
                e.missions.insert(mission.to_string());
            }
        }
    }
    let obs = |country: &str, id: &str, year: i32, value: Value, row: usize| {
        Observation::of(PUBLISHED, EDITION, country, id, year, value, row)
    };
    let mut out = Vec::new();
    for ((country, year), e) in by {
        let troops = Value::Integer(e.troops.round() as i64);
        out.push(obs(&country, "troops.un", year, troops, e.row));
        let missions = Value::List(e.missions.into_iter().collect());
        out.push(obs(&country, "troops.un_missions", year, missions, e.row));
    }
    Ok(out)
}
