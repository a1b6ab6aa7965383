//! International Environmental Agreements Database (IEADB), members table as downloaded
//! 2026-01-31 (`treaties-ieadb-2026/db_members_armscontrol_extract.csv`: the file's four
//! header lines and its arms-control records, bytes unchanged; `;`-separated, three
//! citation lines and a blank line before the column header).
//!
//! Read: the 1925 Geneva Protocol, the Partial Test Ban Treaty, the Convention on the
//! Physical Protection of Nuclear Material (1980) and its 2005 amendment, the Outer Space
//! Treaty and the Seabed Treaty. A country is a party from the year of its first consent to be bound
//! (ratification, accession, succession, acceptance, approval, consent to be bound; the
//! entry into force where no such row exists), until a withdrawal; a consent on or
//! after a withdrawal (Serbia's accession of 2006 beside Yugoslavia's withdrawal of the
//! same day, a succession artefact) is a party again.
//!
//! Countries are IEADB's official names (`Country (official name)`), which already put
//! a predecessor's acts under its successor (the USSR's under the Russian Federation,
//! Czechoslovakia's under Czechia), and mark a state's earlier period with a suffix
//! (`PERIODS`), whose acts count for the state; states that no longer exist (the GDR,
//! South Vietnam, the two Yemens before 1990, the Yugoslavia of 1918–1943) are ignored
//! as former states.
//!
//! What absence means differs (SOURCE.txt): the Geneva Protocol, the PTBT and the CPPNM
//! (and amendment) lists are complete, so a country the file lists for another treaty but not for this
//! one is not a party (row 0). The Outer Space list is incomplete (75 of about 115
//! parties) and the Seabed list stale (no act after 1996): there only the listed
//! parties get a value, and absence says nothing. BWC, ENMOD, CWC and NPT are in the
//! file but not read: UNODA and the UN Treaty Collection give them better.

use super::dated::{yearly, Membership};
use super::{ImportError, Observation};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const EDITION: &str = "IEADB 2026-01";
pub(crate) const FIRST_YEAR: i32 = 2000;
pub(crate) const LAST_YEAR: i32 = 2026;

/// IEADB "Mitch ID" → (catalog id, whether absence means "not a party").
pub const TREATIES: &[(&str, &str, bool)] = &[
    ("2603", "treaty.geneva_protocol_1925", true),
    ("2726", "treaty.ptbt", true),
    ("2911", "treaty.nuclear_material", true),
    ("4508", "treaty.nuclear_material_2005", true),
    ("3607", "treaty.outer_space", false),
    ("3769", "treaty.seabed", false),
];
/// Ids in the extract deliberately not read: BWC, ENMOD, CWC, NPT.
const NOT_READ: &[&str] = &["2807", "2866", "3149", "3610"];

const CONSENT: &[&str] = &[
    "Ratification",
    "Accession",
    "Succession",
    "Acceptance",
    "Approval",
    "Consent To Be Bound",
];
const OTHER_ACTIONS: &[&str] = &["Signature"];

/// Suffixes of IEADB's official names that mark an earlier period of the same state
/// (continuity under international law: Germany before 1949, the Baltic states before
/// 1940, India before 1947, Iraq before 1932, Belarus, Russia and Ukraine in the Soviet
/// period). Their acts count for the state: Germany is a party to the Geneva Protocol by
/// the ratification of 1929. "Yugoslavia (1918-1943)" is not among them: Serbia acceded
/// on its own in 2006.
const PERIODS: &[&str] = &[
    " (pre-1949)",
    " (pre-1940)",
    " (pre-1947)",
    " (pre-1932)",
    " (Soviet period)",
];

fn same_state(name: &str) -> &str {
    PERIODS
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
}

#[derive(Default)]
struct Acts {
    consent: Vec<i32>,
    in_force: Vec<i32>,
    withdrawal: Option<i32>,
    row: usize,
}

/// Reads the IEADB members table.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text =
        String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned();
    let format = |message: &str| ImportError::Format {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    // The column header is the first line that starts with "Mitch ID".
    const HEADER: &str = "\"Mitch ID\"";
    let offset = match text.starts_with(HEADER) {
        true => 0,
        false => text
            .find(&format!("\n{HEADER}"))
            .map(|i| i + 1)
            .ok_or_else(|| {
                format("no header line starting with \"Mitch ID\" (the IEADB members table)")
            })?,
    };
    let skip = text[..offset].matches('\n').count();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&text.as_bytes()[offset..]);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format(&e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format(&format!("no column {name:?} in header")))
    };
    let (c_id, c_country, c_action, c_year) = (
        col("Mitch ID")?,
        col("Country (official name)")?,
        col("Action Type")?,
        col("Year")?,
    );
    let mut covered = BTreeSet::new();
    let mut acts: BTreeMap<(&str, String), Acts> = BTreeMap::new();
    for record in reader.records() {
        let line = |e: Option<&csv::Position>| skip + e.map_or(0, |p| p.line() as usize);
        let record = record.map_err(|e| ImportError::Malformed {
            path: path.to_path_buf(),
            row: line(e.position()),
            message: format!("{e} (broken row or truncated file)"),
        })?;
        let row = line(record.position());
        let malformed = |message: String| ImportError::Malformed {
            path: path.to_path_buf(),
            row,
            message,
        };
        let (id, action) = (record[c_id].trim(), record[c_action].trim());
        let country = same_state(record[c_country].trim());
        if country.is_empty() {
            return Err(malformed("empty country name".into()));
        }
        // The amendment's own negotiation row names "Agreement", not a country.
        if action == "Amendment negotiated by members" {
            continue;
        }
        let Some((_, indicator, _)) = TREATIES.iter().find(|(k, _, _)| *k == id) else {
            if NOT_READ.contains(&id) {
                covered.insert(country.to_string());
                continue;
            }
            return Err(malformed(format!("unknown Mitch ID {id:?}")));
        };
        covered.insert(country.to_string());
        let year = || -> Result<i32, ImportError> {
            let raw = record[c_year].trim();
            raw.parse()
                .map_err(|_| malformed(format!("Year: expected a whole number, found {raw:?}")))
        };
        let entry = acts.entry((indicator, country.to_string())).or_default();
        if entry.row == 0 {
            entry.row = row;
        }
        match action {
            a if CONSENT.contains(&a) => entry.consent.push(year()?),
            "Entry into force" | "Entry Into Force 2" => entry.in_force.push(year()?),
            "Withdrawal" => entry.withdrawal = Some(year()?),
            a if OTHER_ACTIONS.contains(&a) => {}
            other => return Err(malformed(format!("unknown Action Type {other:?}"))),
        }
    }
    let mut out = Vec::new();
    for (code, indicator, complete) in TREATIES {
        let _ = code;
        for country in &covered {
            let m = match acts.get(&(*indicator, country.clone())) {
                Some(a) => membership(a),
                None if *complete => Membership::none(0),
                None => continue,
            };
            if !complete && m.joined.is_none() {
                // Incomplete or stale list: only a recorded party is evidence.
                continue;
            }
            out.extend(yearly(
                country,
                indicator,
                m,
                FIRST_YEAR..=LAST_YEAR,
                EDITION,
            ));
        }
    }
    Ok(out)
}

/// The membership the acts show (see the module comment for the order of acts).
fn membership(a: &Acts) -> Membership {
    let consent = |from: i32| a.consent.iter().copied().filter(|y| *y >= from).min();
    let joined = consent(i32::MIN).or_else(|| a.in_force.iter().copied().min());
    match a.withdrawal {
        Some(w) => match consent(w) {
            Some(again) => Membership {
                joined: Some(again),
                left: None,
                row: a.row,
            },
            None => Membership {
                joined,
                left: Some(w),
                row: a.row,
            },
        },
        None => Membership {
            joined,
            left: None,
            row: a.row,
        },
    }
}
