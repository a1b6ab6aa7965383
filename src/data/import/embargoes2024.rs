//! The UN, EU and OSCE arms embargoes in force on 2024-03-20, as listed by Sweden's
//! Inspectorate of Strategic Products (ISP) and transcribed row by row in
//! `embargoes-list-2024/embargo_list_se_isp_2024-03-20.csv` (columns `imposing_body`,
//! `legal_nature_in_source`, `target_in_source_sv`, `target_en`, `note_in_source`).
//!
//! Each row yields the body's indicator for 2024 with the scope from the cited table
//! [`super::embargo_scope`] (`full` where it records none), and `embargo.cases` names the
//! row, the list's own note and the scope's citation. The OSCE embargo on
//! Nagorno-Karabakh counts for Armenia and Azerbaijan, as the list says. Every other
//! country had no UN, EU or OSCE arms embargo on that date: the shared step fills `none`.

use super::embargo_scope;
use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const EDITION: &str = "ISP-Liste 2024-03-20";
pub(crate) const YEAR: i32 = 2024;

/// Targets that are not one country name as the registry knows it.
const TARGETS: &[(&str, &[&str])] = &[
    ("North Korea (DPRK)", &["North Korea"]),
    (
        "Nagorno-Karabakh (affects Armenia and Azerbaijan)",
        &["Armenia", "Azerbaijan"],
    ),
];

/// Reads the ISP list of embargoes in force on 2024-03-20.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_body, c_nature) = (t.col("imposing_body")?, t.col("legal_nature_in_source")?);
    let (c_target, c_note) = (t.col("target_en")?, t.col("note_in_source")?);
    let mut out = Vec::new();
    let mut cases: BTreeMap<String, (Vec<String>, usize)> = BTreeMap::new();
    for (row, f) in &t.rows {
        let body = f[c_body].trim();
        let id = match body {
            "UN" => "embargo.un",
            "EU" => "embargo.eu",
            "OSCE" => "embargo.osce",
            other => {
                return Err(t.malformed(
                    *row,
                    format!("imposing_body: expected UN, EU or OSCE, found {other:?}"),
                ))
            }
        };
        let target = f[c_target].trim();
        if target.is_empty() {
            return Err(t.malformed(*row, "empty target_en"));
        }
        let countries: Vec<&str> = TARGETS
            .iter()
            .find(|(name, _)| *name == target)
            .map_or_else(|| vec![target], |(_, all)| all.to_vec());
        let scope = embargo_scope::find(body, target, YEAR);
        let value = scope.map_or("full", |s| s.scope.as_str());
        let why = scope.map_or_else(
            || "no narrower scope recorded: counted against the state".to_string(),
            |s| s.citation.clone(),
        );
        let note = match f[c_note].trim() {
            "" => String::new(),
            n => format!(", note '{n}'"),
        };
        let case = format!(
            "{body} in force 2024-03-20 (ISP list, row {row}: '{target}', {}{note}): {value} — {why}",
            f[c_nature].trim()
        );
        for country in countries {
            if out
                .iter()
                .any(|o: &Observation| o.country == country && o.indicator == id)
            {
                return Err(t.malformed(*row, format!("{body} embargo on {country} listed twice")));
            }
            out.push(Observation {
                country: country.into(),
                indicator: id.into(),
                year: YEAR,
                published: YEAR,
                edition: EDITION.into(),
                value: Value::Category(value.into()),
                row: *row,
            });
            let e = cases
                .entry(country.to_string())
                .or_insert((Vec::new(), *row));
            e.0.push(case.clone());
        }
    }
    for (country, (list, row)) in cases {
        out.push(Observation {
            country,
            indicator: super::sanctions::CASES.into(),
            year: YEAR,
            published: YEAR,
            edition: EDITION.into(),
            value: Value::List(list),
            row,
        });
    }
    Ok(out)
}
