//! UCDP/PRIO Armed Conflict Dataset (`ucdp/UcdpPrioConflict_v25_1.csv`, release 25.1, one
//! row per conflict and year). Values carry the release the file's `version` column names
//! ([`super::release`]), so a later release imports as what it is. UCDP ships a
//! comma CSV; the shipped copy was re-saved by Excel: `;`-separated, CRLF, and one
//! record (China/ETIM, conflict 11349, 2008) broken across two lines — the first line
//! ends after `territory_name` (year empty), the second starts with `;`. Such a pair is
//! joined back; any other row without a year is malformed. The older
//! `UcdpPrioConflict_v24_1.csv` is not read: a copy with columns removed (no `version`),
//! and 25.1 covers it.
//!
//! Countries are governments as UCDP names them, "Government of Russia (Soviet Union)",
//! turned into the country string "Russia (Soviet Union)" by [`government_country`];
//! the parenthesis (historical name) is left for the registry to resolve.
//!
//! Per country and year:
//! - `conflict.internal`: the government is side A of an intrastate or internationalised
//!   intrastate conflict (type 3, 4); intensity 1 → `minor`, 2 → `war` (the higher wins).
//! - `conflict.interstate`: the government is a party to an interstate conflict (type 2:
//!   side A or B, secondary parties included) or backs the rebels with troops in an
//!   internationalised intrastate one (type 4, `side_b_2nd`, e.g. Russia in Donbas
//!   2014–2022, Rwanda in the DR Congo). The states backing the *government* in a type 4
//!   conflict (`side_a_2nd`) are not counted: UCDP lists UN peacekeeping contributors
//!   there (Central African Republic 2022: the MINUSCA contingents, Kazakhstan among
//!   them) and has no flag for a UN mandate, which BICC's C4 rule excludes.
//! - `conflict.interstate_10y`: `conflict.interstate` in any of the years Y-9..=Y.
//! - `conflict.internal_years_5y`: years among Y-4..=Y with `conflict.internal`.
//! - `conflict.active`: the government is a party to any armed conflict in the year (the
//!   parties of [`active_parties`]), the input for `conflict.neighbours`.
//! - `conflict.list`: every conflict the government is a party to in the year, as
//!   `UCDP id;location;side A;side B;type;intensity;role` (role A, B, or A2/B2 for a
//!   secondary party backing side A/B; states backing a government against rebels are
//!   left out, as above), so that reasons can name the conflict.
//!
//! Only the conflict country-years are returned: within the release's years, absence means
//! `none`, false or 0, which the shared step fills for the registry's countries.
//! [`conflict_years`] gives the parsed rows for anything else.

use super::release::{Release, ReleaseReader, Scheme};
use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::Path;

/// How the file names its release: the edition label's dataset name before the
/// release number, and the dataset's first year.
const SCHEME: Scheme = Scheme::Ucdp {
    dataset: "UCDP/PRIO ACD",
    first: 1946,
};

/// One conflict in one year, governments already turned into country names.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictYear {
    /// UCDP's conflict id.
    pub conflict_id: String,
    /// The year the conflict was active.
    pub year: i32,
    /// 1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalised intrastate.
    pub kind: u8,
    /// 1 = 25–999 battle deaths, 2 = 1000 or more.
    pub intensity: u8,
    /// Governments on side A (type 2: also side B).
    pub primary: Vec<String>,
    /// Governments in `side_a_2nd`.
    pub secondary_a: Vec<String>,
    /// Governments in `side_b_2nd`.
    pub secondary_b: Vec<String>,
    /// Type 2 only: the governments of side B (also in `primary`).
    pub side_b_governments: Vec<String>,
    /// `location`, `side_a`, `side_b` as UCDP writes them.
    pub location: String,
    pub(crate) side_a: String,
    pub(crate) side_b: String,
    /// 1-based line of the record (header = 1).
    pub row: usize,
}

impl ConflictYear {
    /// Every government party with its role: "A" (side A), "B" (side B of an interstate
    /// conflict), "A2"/"B2" (secondary party backing side A/B with troops; A2 only in an
    /// interstate conflict, see the module doc).
    pub fn roles(&self) -> Vec<(&str, &'static str)> {
        let mut out: Vec<(&str, &'static str)> = Vec::new();
        for g in &self.primary {
            let role = if self.side_b_governments.contains(g) {
                "B"
            } else {
                "A"
            };
            out.push((g, role));
        }
        // States backing the government in an intrastate conflict are left out, as for
        // conflict.interstate: UCDP lists UN peacekeeping contributors there.
        if self.kind == 2 {
            out.extend(self.secondary_a.iter().map(|g| (g.as_str(), "A2")));
        }
        out.extend(self.secondary_b.iter().map(|g| (g.as_str(), "B2")));
        out
    }

    /// States counted as parties under the interstate rule in the module doc.
    fn interstate_parties(&self) -> Vec<&String> {
        match self.kind {
            2 => self
                .primary
                .iter()
                .chain(&self.secondary_a)
                .chain(&self.secondary_b)
                .collect(),
            4 => self.secondary_b.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// "Government of Russia (Soviet Union)" → "Russia (Soviet Union)"; None if the side is
/// not a government.
pub fn government_country(side: &str) -> Option<&str> {
    side.trim().strip_prefix("Government of ").map(str::trim)
}

/// The file's rows, with the broken record joined back.
pub fn conflict_years(path: &Path) -> Result<Vec<ConflictYear>, ImportError> {
    Ok(release_rows(path)?.1)
}

/// The file's release (None without rows) and its rows.
fn release_rows(path: &Path) -> Result<(Option<Release>, Vec<ConflictYear>), ImportError> {
    let t = Table::read_either(path, b";,")?;
    let mut release = ReleaseReader::new(SCHEME);
    let c_version = release.column(&t.header, path)?;
    let col = |n| t.col(n);
    let (c_id, c_year, c_int) = (col("conflict_id")?, col("year")?, col("intensity_level")?);
    let (c_type, c_a, c_b) = (col("type_of_conflict")?, col("side_a")?, col("side_b")?);
    let (c_a2, c_b2, c_loc) = (col("side_a_2nd")?, col("side_b_2nd")?, col("location")?);
    let mut out = Vec::new();
    let mut rows = t.rows.iter().peekable();
    while let Some((row, fields)) = rows.next() {
        let mut f = fields.clone();
        let joined = f[c_year].trim().is_empty();
        if joined {
            match rows.next() {
                Some((_, next)) if next[0].is_empty() => f = join_broken(&f, next),
                _ => {
                    return Err(t.malformed(
                        *row,
                        "no year, and the next line does not continue this record",
                    ))
                }
            }
        }
        let year = t.int(*row, &f, c_year)?;
        // The re-save shifted the joined record's last columns, so its version is not under
        // the header's `version`: it takes the release of the rows before it.
        let this = match release.current() {
            Some(before) if joined => before,
            _ => release
                .row(&f[c_version])
                .map_err(|m| t.malformed(*row, m))?,
        };
        if !this.years.contains(&year) {
            return Err(t.malformed(*row, ReleaseReader::year_outside(this, year)));
        }
        let small = |c: usize, allowed: RangeInclusive<u8>| {
            f[c].trim()
                .parse::<u8>()
                .ok()
                .filter(|v| allowed.contains(v))
                .ok_or_else(|| t.malformed(*row, format!("{}: unexpected {:?}", t.header[c], f[c])))
        };
        let (kind, intensity) = (small(c_type, 1..=4)?, small(c_int, 1..=2)?);
        let govs = |c: usize| governments(&f[c]).map_err(|m| t.malformed(*row, m));
        let mut primary = govs(c_a)?;
        let side_b_governments = if kind == 2 { govs(c_b)? } else { Vec::new() };
        primary.extend(side_b_governments.iter().cloned());
        out.push(ConflictYear {
            conflict_id: f[c_id].trim().to_string(),
            year,
            kind,
            intensity,
            primary,
            secondary_a: govs(c_a2)?,
            secondary_b: govs(c_b2)?,
            side_b_governments,
            location: f[c_loc].trim().to_string(),
            side_a: f[c_a].trim().to_string(),
            side_b: f[c_b].trim().to_string(),
            row: *row,
        });
    }
    Ok((release.finish(), out))
}

/// The record split by a stray line break: the first part up to its last non-empty
/// field, the second part's first field glued to that, then the rest of the second part.
fn join_broken(first: &[String], second: &[String]) -> Vec<String> {
    let last = first.iter().rposition(|s| !s.is_empty()).unwrap_or(0);
    let mut joined = first[..=last].to_vec();
    joined[last].push_str(&second[0]);
    joined.extend(second[1..].iter().cloned());
    joined
}

/// Countries of a side cell ("Government of A, Government of B"); empty cell = none.
fn governments(cell: &str) -> Result<Vec<String>, String> {
    cell.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            government_country(s)
                .map(str::to_string)
                .ok_or_else(|| format!("not a government: {s:?}"))
        })
        .collect()
}

/// The conflict indicators per country-year (see the module doc).
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let (Some(release), conflicts) = release_rows(path)? else {
        return Ok(Vec::new());
    };
    // (country, year) → (intensity, row), and → row for interstate.
    let mut internal: BTreeMap<(String, i32), (u8, usize)> = BTreeMap::new();
    let mut interstate: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let mut listed: BTreeMap<(String, i32), (Vec<String>, usize)> = BTreeMap::new();
    for c in &conflicts {
        for (country, role) in c.roles() {
            let e = listed
                .entry((country.to_string(), c.year))
                .or_insert((Vec::new(), c.row));
            let clean = |s: &str| s.replace([';', '|'], ",");
            e.0.push(format!(
                "{};{};{};{};{};{};{role}",
                c.conflict_id,
                clean(&c.location),
                clean(&c.side_a),
                clean(&c.side_b),
                c.kind,
                c.intensity
            ));
        }
        if c.kind == 3 || c.kind == 4 {
            for country in &c.primary {
                let e = internal
                    .entry((country.clone(), c.year))
                    .or_insert((c.intensity, c.row));
                if c.intensity > e.0 {
                    *e = (c.intensity, c.row);
                }
            }
        }
        for country in c.interstate_parties() {
            interstate.entry((country.clone(), c.year)).or_insert(c.row);
        }
    }
    let obs = |country: &str, id: &str, year: i32, value: Value, row: usize| {
        release.observation(country, id, year, value, row)
    };
    let mut out = Vec::new();
    for ((country, year), row) in parties(&conflicts) {
        out.push(obs(
            &country,
            "conflict.active",
            year,
            Value::Bool(true),
            row,
        ));
    }
    for ((country, year), (intensity, row)) in &internal {
        let level = if *intensity == 2 { "war" } else { "minor" };
        out.push(obs(
            country,
            "conflict.internal",
            *year,
            Value::Category(level.into()),
            *row,
        ));
    }
    for ((country, year), (items, row)) in &listed {
        out.push(obs(
            country,
            "conflict.list",
            *year,
            Value::List(items.clone()),
            *row,
        ));
    }
    for ((country, year), row) in &interstate {
        out.push(obs(
            country,
            "conflict.interstate",
            *year,
            Value::Bool(true),
            *row,
        ));
    }
    let countries: BTreeSet<&String> = internal
        .keys()
        .chain(interstate.keys())
        .map(|(c, _)| c)
        .collect();
    for country in countries {
        for year in release.years.clone() {
            // Rows of the conflict-years in each window; the value cites the latest.
            let internal_rows: Vec<usize> = (year - 4..=year)
                .filter_map(|y| internal.get(&(country.clone(), y)).map(|e| e.1))
                .collect();
            if let Some(&row) = internal_rows.last() {
                let n = Value::Integer(internal_rows.len() as i64);
                out.push(obs(country, "conflict.internal_years_5y", year, n, row));
            }
            let interstate_row = (year - 9..=year)
                .rev()
                .find_map(|y| interstate.get(&(country.clone(), y)));
            if let Some(&row) = interstate_row {
                out.push(obs(
                    country,
                    "conflict.interstate_10y",
                    year,
                    Value::Bool(true),
                    row,
                ));
            }
        }
    }
    Ok(out)
}

/// (country, year) for every state that is a party to an armed conflict of any type in
/// that year: the government whose conflict it is, and the parties counted for
/// `conflict.interstate`. Sorted, each once.
pub fn active_parties(path: &Path) -> Result<Vec<(String, i32)>, ImportError> {
    Ok(parties(&conflict_years(path)?).into_keys().collect())
}

/// The parties of [`active_parties`], each with the first row that names it.
fn parties(conflicts: &[ConflictYear]) -> BTreeMap<(String, i32), usize> {
    let mut out = BTreeMap::new();
    for c in conflicts {
        for country in c.primary.iter().chain(c.interstate_parties()) {
            out.entry((country.clone(), c.year)).or_insert(c.row);
        }
    }
    out
}
