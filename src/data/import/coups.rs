//! Coup events: Colpus (Chin, Carter & Wright 2021; `Master_Coup List_all countries_basic.xlsx`,
//! 1946–2022, Correlates-of-War codes) and Powell & Thyne (2011; `powell_thyne_coups_final.txt`,
//! 1950–2020, tab-separated; labelled with the release its `version` column names, so the
//! authors' later list imports as itself). Powell & Thyne's SOURCE notes call its codes COW, but the
//! data numbers states by Gleditsch–Ward (`indicators/codes/README.md`), so it is read
//! with the GW table.
//!
//! Precedence: both give the same indicators; Colpus is newer (to 2022, with
//! micro-states) and wins where both give a year (`precedence` in `sources.rs`); Powell
//! & Thyne stays as the second coding, and where the two disagree the trace's note says
//! so (their definitions differ: Colpus counts Bolivia 2019 as a coup, Powell & Thyne do
//! not).
//!
//! Per country and year Y (from 1990; each coup from either file's start):
//! - `coup.events`: every coup attempt up to Y as `YYYY-MM-DD;successful` or
//!   `YYYY-MM-DD;failed`, oldest first. Filled empty: both lists are complete censuses.
//! - `coup.count_20y`: attempts (successful or failed) in Y-19..=Y. Filled 0.
//! - `coup.last_successful`, `coup.last_failed`: the year of the latest such attempt up
//!   to Y; absent where there was none.

use super::release::{Release, ReleaseReader, Scheme};
use super::table;
use super::{ImportError, Observation};
use crate::model::codes::{correlates_of_war, gleditsch_ward, Table};
use crate::model::value::Value;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const COLPUS_EDITION: &str = "Colpus 1.1";
pub(crate) const COLPUS_PUBLISHED: i32 = 2023;
pub(crate) const COLPUS_YEARS: std::ops::RangeInclusive<i32> = 1990..=2022;
/// The first year Powell & Thyne's indicators are given for (as Colpus's).
const PT_FROM: i32 = 1990;

/// One coup attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Coup {
    /// ISO3 from the code table, or the source's name for a former state.
    pub country: String,
    /// "YYYY-MM-DD" (day or month 0 where the source leaves them open).
    pub date: String,
    /// The year of the attempt.
    pub year: i32,
    /// Whether the coup succeeded.
    pub successful: bool,
    pub(crate) row: usize,
}

fn country(codes: &Table, code: &str, name: &str) -> Result<String, String> {
    let state = codes.lookup(code)?;
    Ok(state.iso3.clone().unwrap_or_else(|| name.to_string()))
}

/// Colpus: `id` is "ccode-year-month-day"; `success` 1 = successful, 2 = failed.
pub fn colpus_events(path: &Path) -> Result<Vec<Coup>, ImportError> {
    let sheet = table::read_sheet(path, "Sheet1")?;
    let mut rows = sheet.rows.iter();
    let (_, header) = rows
        .next()
        .ok_or_else(|| table::format_error(path, "empty sheet 'Sheet1'"))?;
    let header: Vec<String> = header.iter().map(table::text).collect();
    let col = |n: &str| {
        header
            .iter()
            .position(|h| h == n)
            .ok_or_else(|| table::format_error(path, &format!("missing column '{n}'")))
    };
    let (c_id, c_code, c_name, c_year, c_success) = (
        col("id")?,
        col("ccode")?,
        col("statenme")?,
        col("year")?,
        col("success")?,
    );
    let codes = correlates_of_war();
    let mut out = Vec::new();
    for (row, cells) in rows {
        let cell = |c: usize| cells.get(c).map(table::text).unwrap_or_default();
        if cells.iter().all(|c| table::text(c).is_empty()) {
            continue;
        }
        let bad = |m: String| table::malformed(path, *row, m);
        let id = cell(c_id);
        let parts: Vec<&str> = id.split('-').collect();
        let year: i32 = cell(c_year)
            .parse()
            .map_err(|_| bad(format!("year: expected a year, found '{}'", cell(c_year))))?;
        if parts.len() != 4 || parts[1] != year.to_string() || parts[0] != cell(c_code) {
            return Err(bad(format!(
                "id '{id}' is not 'ccode-year-month-day' for ccode {} and year {year}",
                cell(c_code)
            )));
        }
        let (month, day): (u32, u32) = match (parts[2].parse(), parts[3].parse()) {
            (Ok(m), Ok(d)) if m <= 12 && d <= 31 => (m, d),
            _ => return Err(bad(format!("id '{id}': month or day is not a number"))),
        };
        let successful = match cell(c_success).as_str() {
            "1" => true,
            "2" => false,
            other => return Err(bad(format!("success: expected 1 or 2, found '{other}'"))),
        };
        out.push(Coup {
            country: country(codes, &cell(c_code), &cell(c_name)).map_err(&bad)?,
            date: format!("{year:04}-{month:02}-{day:02}"),
            year,
            successful,
            row: *row,
        });
    }
    Ok(out)
}

/// Powell & Thyne: `coup` 2 = successful, 1 = failed; every row names the list's release,
/// which must be one (None for a file without rows).
pub fn powell_thyne_events(path: &Path) -> Result<(Option<Release>, Vec<Coup>), ImportError> {
    let csv = table::read_csv(path, b'\t')?;
    let (c_name, c_code, c_year, c_month, c_day, c_coup) = (
        csv.col("country")?,
        csv.col("ccode")?,
        csv.col("year")?,
        csv.col("month")?,
        csv.col("day")?,
        csv.col("coup")?,
    );
    let mut release = ReleaseReader::new(Scheme::PowellThyne);
    let c_version = release.column(&csv.header, path)?;
    let codes = gleditsch_ward();
    let mut out = Vec::new();
    for (row, f) in &csv.rows {
        let bad = |m: String| table::malformed(&csv.path, *row, m);
        let this = release.row(&f[c_version]).map_err(&bad)?.clone();
        let int = |c: usize| {
            csv.integer(*row, c, &f[c], &[])?
                .ok_or_else(|| bad(format!("column '{}' is empty", csv.header[c])))
        };
        let (year, month, day) = (int(c_year)? as i32, int(c_month)?, int(c_day)?);
        if !(0..=12).contains(&month) || !(0..=31).contains(&day) {
            return Err(bad(format!("no such date: {year}-{month}-{day}")));
        }
        if !this.years.contains(&year) {
            return Err(bad(ReleaseReader::year_outside(&this, year)));
        }
        let successful = match int(c_coup)? {
            2 => true,
            1 => false,
            other => return Err(bad(format!("coup: expected 1 or 2, found {other}"))),
        };
        out.push(Coup {
            country: country(codes, &f[c_code], &f[c_name]).map_err(&bad)?,
            date: format!("{year:04}-{month:02}-{day:02}"),
            year,
            successful,
            row: *row,
        });
    }
    Ok((release.finish(), out))
}

/// The indicators of the module doc from a list of events.
pub fn indicators(
    mut events: Vec<Coup>,
    years: std::ops::RangeInclusive<i32>,
    published: i32,
    edition: &str,
) -> Vec<Observation> {
    events.sort_by(|a, b| (&a.country, &a.date).cmp(&(&b.country, &b.date)));
    let mut by: BTreeMap<&str, Vec<&Coup>> = BTreeMap::new();
    for e in &events {
        by.entry(&e.country).or_default().push(e);
    }
    let mut out = Vec::new();
    for (country, coups) in by {
        for year in years.clone() {
            let upto: Vec<&&Coup> = coups.iter().filter(|c| c.year <= year).collect();
            let Some(last) = upto.last() else { continue };
            let obs = |id: &str, value: Value, row: usize| Observation {
                country: country.to_string(),
                indicator: id.into(),
                year,
                published,
                edition: edition.into(),
                value,
                row,
            };
            let items = upto
                .iter()
                .map(|c| {
                    format!(
                        "{};{}",
                        c.date,
                        if c.successful { "successful" } else { "failed" }
                    )
                })
                .collect();
            out.push(obs("coup.events", Value::List(items), last.row));
            let recent: Vec<&&&Coup> = upto.iter().filter(|c| c.year > year - 20).collect();
            if let Some(r) = recent.last() {
                out.push(obs(
                    "coup.count_20y",
                    Value::Integer(recent.len() as i64),
                    r.row,
                ));
            }
            for (id, successful) in [("coup.last_successful", true), ("coup.last_failed", false)] {
                if let Some(c) = upto.iter().rev().find(|c| c.successful == successful) {
                    out.push(obs(id, Value::Integer(c.year as i64), c.row));
                }
            }
        }
    }
    out
}

/// Reads Colpus (takes precedence over Powell & Thyne where both have a country-year).
pub fn read_colpus(path: &Path) -> Result<Vec<Observation>, ImportError> {
    Ok(indicators(
        colpus_events(path)?,
        COLPUS_YEARS,
        COLPUS_PUBLISHED,
        COLPUS_EDITION,
    ))
}

/// Reads Powell & Thyne's coup list, labelled with the release it names, each year from
/// 1990 up to the release's.
pub fn read_powell_thyne(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let (Some(release), events) = powell_thyne_events(path)? else {
        return Ok(Vec::new());
    };
    Ok(indicators(
        events,
        PT_FROM..=release.published,
        release.published,
        &release.edition,
    ))
}
