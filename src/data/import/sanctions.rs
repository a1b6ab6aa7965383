//! UN, EU and OSCE arms embargoes from the Global Sanctions Data Base, release 3
//! (`gsdb-sanctions/GSDB_V3.csv`: one row per sanction case with `begin`/`end` years,
//! an `arms` flag and the senders in `sanctioning_state`).
//!
//! A case counts when `arms` is 1 and the senders include the UN, the EU (or its
//! predecessor "EEC") or the OSCE (or its predecessor "CSCE"); it yields `full` for
//! every year from `begin` to `end` (`end` 2022 = still in force at the end of the data).
//!
//! GSDB has no column that tells an embargo on the state from one on non-state actors
//! in it (the UN embargoes on Lebanon, Afghanistan since 2002 or the DR Congo since
//! 2008 aim at non-state groups). The scope comes from the cited table
//! `embargo_scope.toml` ([`super::embargo_scope`]); an embargo year the table does not
//! cover is `full`. Targets that are no state ("Terrorist Organizations (...)") are
//! skipped; a multi-target case ("Pakistan, India") counts for each target.
//!
//! `embargo.cases` lists, per country and year, every embargo case behind the values:
//! body, the case's years, GSDB case number and row, scope and its citation.
//!
//! Only embargoed country-years are returned. `none` holds for every other country in
//! [`YEARS`]; the shared step fills it for the registry's countries, since the file
//! cannot list countries it never names. Country names are GSDB's ("Korea, North").

use super::embargo_scope;
use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::Path;

pub(crate) const EDITION: &str = "GSDB V3";
/// GSDB release 3 covers cases to 2022 and came out in 2023 (our copy: committed
/// 2023-08-12), so its values are visible from 2023 on.
pub const PUBLISHED: i32 = 2023;
/// Years the data covers: absence of an embargo means `none` within them.
pub const YEARS: RangeInclusive<i32> = 1949..=2022;

/// Sender as GSDB writes it → catalog id.
const SENDERS: &[(&str, &str)] = &[
    ("UN", "embargo.un"),
    ("EU", "embargo.eu"),
    ("EEC", "embargo.eu"),
    ("OSCE", "embargo.osce"),
    ("CSCE", "embargo.osce"),
];

/// Embargoed (country, indicator, year), each once, with its scope, and the cases.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let c_target = t.col("sanctioned_state")?;
    let c_sender = t.col("sanctioning_state")?;
    let (c_begin, c_end, c_arms) = (t.col("begin")?, t.col("end")?, t.col("arms")?);
    let (c_mult, c_case) = (t.col("target_mult")?, t.col("case_id")?);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    // (target, year) → case descriptions, and the first row.
    let mut cases: BTreeMap<(String, i32), (Vec<String>, usize)> = BTreeMap::new();
    for (row, f) in &t.rows {
        let (begin, end) = (t.int(*row, f, c_begin)?, t.int(*row, f, c_end)?);
        if begin > end || !YEARS.contains(&begin) {
            return Err(t.malformed(*row, format!("years {begin}..{end} outside {YEARS:?}")));
        }
        if !YEARS.contains(&end) {
            return Err(t.malformed(*row, super::year_outside(end, &YEARS, EDITION)));
        }
        match f[c_arms].trim() {
            "1" => {}
            "0" => continue,
            other => {
                return Err(t.malformed(*row, format!("arms: expected 0 or 1, found {other:?}")))
            }
        }
        let ids: BTreeSet<&str> = f[c_sender]
            .split(',')
            .filter_map(|s| {
                SENDERS
                    .iter()
                    .find(|(k, _)| *k == s.trim())
                    .map(|(_, id)| *id)
            })
            .collect();
        // Only a multi-target case lists several targets; "Korea, North" is one name.
        let targets: Vec<&str> = match f[c_mult].trim() {
            "1" => f[c_target].split(',').map(str::trim).collect(),
            _ => vec![f[c_target].trim()],
        };
        for target in targets {
            if target.is_empty() {
                return Err(t.malformed(*row, "empty sanctioned_state"));
            }
            if target.starts_with("Terrorist Organizations") {
                continue;
            }
            for id in &ids {
                let body = embargo_scope::body_of(id);
                for year in begin..=end {
                    let scope = embargo_scope::find(body, target, year);
                    let value = scope.map_or("full", |s| s.scope.as_str());
                    let why = scope.map_or_else(
                        || "no scope recorded: counted against the state".to_string(),
                        |s| s.citation.clone(),
                    );
                    let e = cases
                        .entry((target.to_string(), year))
                        .or_insert((Vec::new(), *row));
                    e.0.push(format!(
                        "{body} {begin}–{end} (GSDB V3 case {}, row {row}): {value} — {why}",
                        f[c_case].trim()
                    ));
                    if seen.insert((target.to_string(), *id, year)) {
                        out.push(Observation {
                            country: target.into(),
                            indicator: id.to_string(),
                            year,
                            published: PUBLISHED,
                            edition: EDITION.into(),
                            value: Value::Category(value.into()),
                            row: *row,
                        });
                    }
                }
            }
        }
    }
    for ((target, year), (list, row)) in cases {
        out.push(Observation {
            country: target,
            indicator: CASES.into(),
            year,
            published: PUBLISHED,
            edition: EDITION.into(),
            value: Value::List(list),
            row,
        });
    }
    Ok(out)
}

/// The indicator listing the embargo cases behind a country-year's values.
pub const CASES: &str = "embargo.cases";
