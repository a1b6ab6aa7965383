//! Participants of the export-control regimes (Wassenaar, MTCR, NSG, Australia Group)
//! as listed on Wikipedia about 2025 (`export-regimes/export_regimes_long.csv`,
//! columns `regime,name_in_source,iso3,status,year_joined`).
//!
//! Participant lists are complete, so any country not listed as a participant is not
//! one: participants (participating / partner / member) → true; adherents that are
//! not members (e.g. Kazakhstan in the Australia Group, China in the MTCR) → false;
//! every other country in the file → false for the regimes it is not listed in. For
//! countries the file never names, false holds too: the shared step fills it for the
//! registry's countries in `YEAR`. The European Commission (no ISO3, not a state) is
//! skipped.
//!
//! Countries are the file's ISO3 codes. Year and published = 2025, the vintage of the
//! pages (SOURCE.txt); the join years are not used, as Wassenaar has none.

use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const EDITION: &str = "Wikipedia 2025";
pub(crate) const YEAR: i32 = 2025;

const REGIMES: &[(&str, &str)] = &[
    ("wassenaar", "treaty.wassenaar"),
    ("mtcr", "treaty.mtcr"),
    ("nsg", "treaty.nsg"),
    ("australia_group", "treaty.australia_group"),
];

/// Reads the export-control regime membership table.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_regime, c_iso3, c_status) = (t.col("regime")?, t.col("iso3")?, t.col("status")?);
    let mut countries = BTreeSet::new();
    let mut listed = BTreeMap::new();
    for (row, f) in &t.rows {
        let (regime, iso3) = (f[c_regime].trim(), f[c_iso3].trim());
        let Some((_, id)) = REGIMES.iter().find(|(k, _)| *k == regime) else {
            return Err(t.malformed(*row, format!("unknown regime {regime:?}")));
        };
        let participant = match f[c_status].trim() {
            "participating" | "partner" | "member" => true,
            "adherent_non_member" => false,
            "international_organisation" => continue,
            other => return Err(t.malformed(*row, format!("unknown status {other:?}"))),
        };
        if iso3.is_empty() {
            return Err(t.malformed(*row, "empty iso3"));
        }
        countries.insert(iso3.to_string());
        if listed
            .insert((*id, iso3.to_string()), (participant, *row))
            .is_some()
        {
            return Err(t.malformed(*row, format!("{iso3} listed twice for {regime}")));
        }
    }
    let mut out = Vec::new();
    for (_, id) in REGIMES {
        for iso3 in &countries {
            let (participant, row) = listed
                .get(&(*id, iso3.clone()))
                .copied()
                .unwrap_or((false, 0));
            out.push(Observation {
                country: iso3.clone(),
                indicator: id.to_string(),
                year: YEAR,
                published: YEAR,
                edition: EDITION.into(),
                value: Value::Bool(participant),
                row,
            });
        }
    }
    Ok(out)
}
