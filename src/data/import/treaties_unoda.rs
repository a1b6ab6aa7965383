//! UNODA treaty status with dates, as rendered by SurvivalScores.org in 2026
//! (`treaties-unoda-2026/status_long.csv`: one row per country and treaty, columns
//! `country_in_source,treaty_in_source,member,action,signed,joined,withdrew,title_text`,
//! a mechanical extraction of the cell titles of the published table).
//!
//! Read: the NPT, the BWC, the CTBT and the TPNW (the ICC, the zones and the
//! environmental treaties are not in the catalog). A `joined` date makes the country a
//! party from that year (ratification, accession, succession: "inherited membership");
//! a `withdrew` date ends it from that year. "Has not yet joined" is not a party — this
//! includes signatories, which the table does not show.
//!
//! Trap: the table still shows North Korea as an NPT party; its withdrawal of 2003
//! (SOURCE.txt, caveat 1) is applied here ([`WITHDRAWALS`]).
//!
//! Countries are the table's short names ("Korea, North"); every country of the table
//! has a row per treaty, so no status is inferred from absence.

use super::dated::{iso_year, yearly, Membership};
use super::rows::Table;
use super::{ImportError, Observation};
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const EDITION: &str = "UNODA 2026";
/// The first and last year a status is given for (the page is of August 2026).
pub const FIRST_YEAR: i32 = 2000;
pub(crate) const LAST_YEAR: i32 = 2026;

const TREATIES: &[(&str, &str)] = &[
    ("Non-Proliferation Treaty", "treaty.npt"),
    ("Biological Weapons Convention", "treaty.bwc"),
    ("Comprehensive Nuclear-Test-Ban Treaty", "treaty.ctbt"),
    ("Prohibition of Nuclear Weapons", "treaty.tpnw"),
];

/// Withdrawals the table does not show: (country as in the table, catalog id, year,
/// citation).
pub const WITHDRAWALS: &[(&str, &str, i32, &str)] = &[(
    "Korea, North",
    "treaty.npt",
    2003,
    "withdrawal announced 10 January 2003; shared/data/raw/treaties-unoda-2026/SOURCE.txt, caveat (1)",
)];

/// Reads the UNODA treaty table.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_country, c_treaty) = (t.col("country_in_source")?, t.col("treaty_in_source")?);
    let (c_member, c_joined, c_withdrew) = (t.col("member")?, t.col("joined")?, t.col("withdrew")?);
    let mut listed: BTreeMap<(&str, String), Membership> = BTreeMap::new();
    for (row, f) in &t.rows {
        let country = f[c_country].trim();
        if country.is_empty() || country == "?" {
            return Err(t.malformed(
                *row,
                "a cell the extraction could not read (country '?' or empty)",
            ));
        }
        let Some((_, id)) = TREATIES.iter().find(|(k, _)| *k == f[c_treaty].trim()) else {
            continue;
        };
        let date = |col: usize| -> Result<Option<i32>, ImportError> {
            match f[col].trim() {
                "" => Ok(None),
                text => iso_year(text).map(Some).ok_or_else(|| {
                    t.malformed(
                        *row,
                        format!(
                            "{}: expected a date YYYY-MM-DD, found {text:?}",
                            t.header[col]
                        ),
                    )
                }),
            }
        };
        let mut m = Membership {
            joined: date(c_joined)?,
            left: date(c_withdrew)?,
            row: *row,
        };
        let member = f[c_member].trim();
        let consistent = match member {
            "1" => m.joined.is_some() && m.left.is_none(),
            "0" => m.joined.is_none() || m.left.is_some(),
            _ => false,
        };
        if !consistent {
            return Err(t.malformed(
                *row,
                format!("member {member:?} does not fit the dates given"),
            ));
        }
        if let Some((_, _, year, _)) = WITHDRAWALS
            .iter()
            .find(|(c, i, _, _)| *c == country && i == id)
        {
            m.left = Some(*year);
        }
        if listed.insert((id, country.to_string()), m).is_some() {
            return Err(t.malformed(
                *row,
                format!("{country} listed twice for {}", f[c_treaty].trim()),
            ));
        }
    }
    Ok(listed
        .into_iter()
        .flat_map(|((id, country), m)| yearly(&country, id, m, FIRST_YEAR..=LAST_YEAR, EDITION))
        .collect())
}
