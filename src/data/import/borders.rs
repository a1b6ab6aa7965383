//! Land borders between countries (`borders/borders_long.csv`, columns
//! `iso3,iso2,neighbour_iso3,neighbour_iso2`, from mledoze/countries), for
//! `conflict.neighbours`. Not observations: pairs of ISO3 codes as the file writes them
//! (Kosovo = "UNK").
//!
//! The file lists each border from both sides. A pair listed from one side only
//! (Sri Lanka → India: the two share no land border) is dropped, so the result is
//! symmetric: (a, b) is in it exactly when (b, a) is. Sorted, each pair once.

use super::rows::Table;
use super::ImportError;
use std::collections::BTreeSet;
use std::path::Path;

/// Reads the land-border table: each pair of neighbouring countries as the source names them.
pub fn read(path: &Path) -> Result<Vec<(String, String)>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_a, c_b) = (t.col("iso3")?, t.col("neighbour_iso3")?);
    let mut listed = BTreeSet::new();
    for (row, f) in &t.rows {
        let (a, b) = (f[c_a].trim(), f[c_b].trim());
        let code = |s: &str| s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase());
        if !code(a) || !code(b) || a == b {
            return Err(t.malformed(*row, format!("not a pair of ISO3 codes: {a:?}, {b:?}")));
        }
        listed.insert((a.to_string(), b.to_string()));
    }
    Ok(listed
        .iter()
        .filter(|(a, b)| listed.contains(&(b.clone(), a.clone())))
        .cloned()
        .collect())
}
