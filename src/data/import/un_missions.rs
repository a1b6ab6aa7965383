//! The UN list of peacekeeping operations with their dates (UN Peace and Security Data
//! Hub, `un-peacekeeping-missions/DPPADPOSS-PKO.csv`, last update 2024-02-19). The list
//! has no host-country column, so it yields no country values; it is the reference for
//! mission names and end dates, against which the Geo-PKO import is checked
//! (a mission's deployments must not outlast its end, see `geopko::ENDED` for the one
//! end the list itself does not record yet).

use super::rows::Table;
use super::ImportError;
use std::path::Path;

/// One peacekeeping operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Mission {
    /// The mission's acronym, as Geo-PKO names it.
    pub acronym: String,
    pub(crate) name: String,
    /// `YYYY-MM-DD`; empty where the list gives none (UNOHCI, UNFOR).
    pub start: String,
    /// `YYYY-MM-DD`; empty for an ongoing mission (or an unknown end).
    pub end: String,
    /// Whether the mission was active in the year.
    pub active: bool,
    /// The row in the file (for error messages).
    pub row: usize,
}

impl Mission {
    /// The year of the end date, if the list gives one.
    pub fn end_year(&self) -> Option<i32> {
        self.end.get(..4).and_then(|y| y.parse().ok())
    }
}

fn date_ok(s: &str) -> bool {
    s.is_empty()
        || (s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            }))
}

/// Reads the UN missions table.
pub fn read(path: &Path) -> Result<Vec<Mission>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_acr, c_name) = (t.col("mission_acronym")?, t.col("mission_name")?);
    let (c_active, c_start, c_end) = (
        t.col("mission_isactive")?,
        t.col("start_date")?,
        t.col("end_date")?,
    );
    let mut out = Vec::new();
    for (row, f) in &t.rows {
        let (start, end) = (f[c_start].trim(), f[c_end].trim());
        if !date_ok(start) || !date_ok(end) {
            return Err(t.malformed(
                *row,
                format!("expected dates as YYYY-MM-DD, found start {start:?}, end {end:?}"),
            ));
        }
        if !start.is_empty() && !end.is_empty() && end < start {
            return Err(t.malformed(*row, format!("ends ({end}) before it starts ({start})")));
        }
        let active = match f[c_active].trim().to_ascii_lowercase().as_str() {
            "yes" => true,
            "no" => false,
            other => {
                return Err(t.malformed(
                    *row,
                    format!("mission_isactive: expected Yes or No, found {other:?}"),
                ))
            }
        };
        if f[c_acr].trim().is_empty() {
            return Err(t.malformed(*row, "empty mission_acronym"));
        }
        out.push(Mission {
            acronym: f[c_acr].trim().to_string(),
            name: f[c_name].trim().to_string(),
            start: start.to_string(),
            end: end.to_string(),
            active,
            row: *row,
        });
    }
    Ok(out)
}
