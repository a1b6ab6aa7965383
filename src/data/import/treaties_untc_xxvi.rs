//! UN Treaty Collection, chapter XXVI (disarmament), status as at 3 February 2026
//! (`treaties-untc-xxvi-2026/arms_control_ratifications.csv`, columns
//! `country_name,treaty_id,treaty_name,action_type,action_date,signature_date,…`: one row
//! per participant with a date, the scraping project's own parse of the pages).
//!
//! Read: ENMOD, the CCW (1980 convention) with its amended Protocol II and Protocol V,
//! the CWC, the ATT and the TPNW, each a party from the year of its ratification,
//! accession or succession (`action_date`); a row with only a `signature_date` is a
//! signatory, not a party — except in the two-column tables of the protocols, where the
//! scrape put the consent date there (SOURCE.txt, caveat 1). A country the file lists
//! for some chapter XXVI treaty but not for this one took no action: not a party (row 0).
//! Countries the file never lists get no value.
//!
//! Not read: the Ottawa Convention and the CCM, because the file leaves out the rows
//! whose date the pages show in brackets — the withdrawals of 2025 (SOURCE.txt, caveat
//! 2); the 2026 UN Treaty Collection source carries them with their withdrawal. None of
//! the pages of the treaties read here has a bracketed participant date (checked by
//! `tests/import/treaties_untc_xxvi.rs` on the saved pages). The CTBT is read from
//! UNODA, whose table keeps Russia's withdrawal of 2023 (this file drops it); Protocol IV
//! and the article 1 amendment of the CCW are not in the catalog.

use super::dated::{iso_year, yearly, Membership};
use super::rows::Table;
use super::{ImportError, Observation};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const EDITION: &str = "UNTC XXVI 2026-02";
pub(crate) const FIRST_YEAR: i32 = 2000;
pub(crate) const LAST_YEAR: i32 = 2026;

/// Source treaty id → catalog id.
pub const TREATIES: &[(&str, &str)] = &[
    ("enmod", "treaty.enmod"),
    ("ccw", "treaty.ccw"),
    ("ccw_p2a", "treaty.ccw_p2a"),
    ("ccw_p5", "treaty.ccw_p5"),
    ("cwc", "treaty.cwc"),
    ("att", "treaty.att"),
    ("tpnw", "treaty.tpnw"),
];
/// Treaty ids in the file that are deliberately not read (see the module comment).
const NOT_READ: &[&str] = &["ottawa", "ccm", "ctbt", "ccw_p4", "ccw_art1"];
/// The protocols whose table has two columns: the scrape put the consent-to-be-bound
/// date in `signature_date` and left `action_type` empty (SOURCE.txt, caveat 1).
const CONSENT_IN_SIGNATURE: &[&str] = &["ccw_p2a", "ccw_p5"];

/// Reads the saved chapter XXVI pages of the UN Treaty Collection.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_country, c_treaty) = (t.col("country_name")?, t.col("treaty_id")?);
    let (c_action, c_date, c_signed) = (
        t.col("action_type")?,
        t.col("action_date")?,
        t.col("signature_date")?,
    );
    let mut covered = BTreeSet::new();
    let mut listed: BTreeMap<(&str, String), Membership> = BTreeMap::new();
    for (row, f) in &t.rows {
        let (country, treaty) = (f[c_country].trim(), f[c_treaty].trim());
        if country.is_empty() {
            return Err(t.malformed(*row, "empty country_name"));
        }
        let id = match TREATIES.iter().find(|(k, _)| *k == treaty) {
            Some((_, id)) => *id,
            None if NOT_READ.contains(&treaty) => {
                covered.insert(country.to_string());
                continue;
            }
            None => return Err(t.malformed(*row, format!("unknown treaty_id {treaty:?}"))),
        };
        covered.insert(country.to_string());
        let date = |col: usize| match f[col].trim() {
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
        };
        let joined = match f[c_action].trim() {
            "" if CONSENT_IN_SIGNATURE.contains(&treaty) => {
                Some(date(c_signed)?.ok_or_else(|| {
                    t.malformed(
                        *row,
                        "a protocol row without its consent date (signature_date)",
                    )
                })?)
            }
            "Ratification" | "Accession" | "Succession" => {
                Some(date(c_date)?.ok_or_else(|| {
                    t.malformed(
                        *row,
                        "a ratification, accession or succession without action_date",
                    )
                })?)
            }
            "" if date(c_signed)?.is_some() => None,
            "" => return Err(t.malformed(*row, "neither an action nor a signature date")),
            other => return Err(t.malformed(*row, format!("unknown action_type {other:?}"))),
        };
        let m = Membership {
            joined,
            left: None,
            row: *row,
        };
        if listed.insert((id, country.to_string()), m).is_some() {
            return Err(t.malformed(*row, format!("{country} listed twice for {treaty}")));
        }
    }
    let mut out = Vec::new();
    for (_, id) in TREATIES {
        for country in &covered {
            let m = listed
                .get(&(*id, country.clone()))
                .copied()
                .unwrap_or(Membership::none(0));
            out.extend(yearly(country, id, m, FIRST_YEAR..=LAST_YEAR, EDITION));
        }
    }
    Ok(out)
}
