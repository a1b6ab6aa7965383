//! Wikipedia participant lists of early 2016 for NPT, BWC, CWC, Genocide Convention and
//! the Geneva Conventions (`treaties-wikipedia-2016/lists_long.csv`,
//! columns `treaty,name_in_source,iso3`).
//!
//! The lists do not separate parties from signatories (SOURCE.txt: the BWC list holds
//! signatories such as Egypt and Syria, the CWC list Israel, the NPT list North Korea
//! after its 2003 withdrawal). So being listed proves nothing about being a party, and
//! [`read`] emits only what is certain: a country the file lists for some treaty but
//! not for this one has neither signed nor joined it → not a party (false, `row` 0 = no
//! source row). Listed countries get no value from [`read`]; [`listed`] returns them as
//! "party or signatory" for whoever decides how far to trust that.
//!
//! Countries are the file's ISO3 codes (its names vary between lists: "Russia" and
//! "Russian Federation"). Year and published = 2016.

use super::rows::Table;
use super::{ImportError, Observation};
use crate::model::value::Value;
use std::collections::BTreeSet;
use std::path::Path;

pub(crate) const EDITION: &str = "Wikipedia 2016";
pub(crate) const YEAR: i32 = 2016;

const TREATIES: &[(&str, &str)] = &[
    ("npt", "treaty.npt"),
    ("bwc", "treaty.bwc"),
    ("cwc", "treaty.cwc"),
    ("genocide", "treaty.genocide"),
    ("geneva_conventions_1949", "treaty.geneva_iv"),
];

/// A country on a participant list: a party or a signatory, the list does not say which.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// ISO3 code as in the file.
    pub country: String,
    /// Catalog id of the treaty.
    pub indicator: String,
    /// 1-based row (header = 1).
    pub row: usize,
}

/// Not-a-party values, the only ones the lists make certain.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let all = listed(path)?;
    let covered: BTreeSet<&str> = all.iter().map(|l| l.country.as_str()).collect();
    let mut out = Vec::new();
    for (_, id) in TREATIES {
        for country in &covered {
            if !all
                .iter()
                .any(|l| l.indicator == *id && l.country == *country)
            {
                out.push(Observation {
                    country: country.to_string(),
                    indicator: id.to_string(),
                    year: YEAR,
                    published: YEAR,
                    edition: EDITION.into(),
                    value: Value::Bool(false),
                    row: 0,
                });
            }
        }
    }
    Ok(out)
}

/// Every (country, treaty) on the lists: party or signatory.
pub fn listed(path: &Path) -> Result<Vec<Listed>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_treaty, c_iso3) = (t.col("treaty")?, t.col("iso3")?);
    let mut out: Vec<Listed> = Vec::new();
    for (row, f) in &t.rows {
        let (treaty, iso3) = (f[c_treaty].trim(), f[c_iso3].trim());
        let Some((_, id)) = TREATIES.iter().find(|(k, _)| *k == treaty) else {
            return Err(t.malformed(*row, format!("unknown treaty {treaty:?}")));
        };
        if iso3.is_empty() {
            return Err(t.malformed(*row, "empty iso3"));
        }
        if out.iter().any(|l| l.indicator == *id && l.country == iso3) {
            return Err(t.malformed(*row, format!("{iso3} listed twice for {treaty}")));
        }
        out.push(Listed {
            country: iso3.into(),
            indicator: id.to_string(),
            row: *row,
        });
    }
    Ok(out)
}
