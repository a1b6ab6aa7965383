//! UN Treaty Collection participant tables scraped 2013–2015 (`treaties-untc-2015/`:
//! `index.csv` names each treaty by chapter and number, `treaties/<chapter>-<no>.csv`
//! holds `Participant,Signature,...,<ratification/accession/succession column>`).
//!
//! Party = the ratification/accession/succession cell holds a date; a participant with
//! only a signature (or a provisional application) is not a party (false). As in every
//! UNTC table, a state that took no action is not listed, so a state the tables list
//! elsewhere but not for this treaty is emitted as not a party (false, `row` 0 = no
//! source row). The "European Union" is a participant in some tables but not a state:
//! skipped.
//!
//! Each table has its own scrape date (SOURCE.txt): the status holds as of it — later
//! accessions are missing. The ratification/accession/succession date dates each
//! party, so the status of every year from [`FIRST_YEAR`] to the scrape year is known
//! and was public then (year = published = that year, as for the other dated treaty
//! sources): a party since year J is not one before J. The tables record no
//! withdrawals (SOURCE.txt).

use super::dated::{yearly, Membership};
use super::rows::Table;
use super::{ImportError, Observation};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const EDITION: &str = "UNTC 2015";
/// The first year a status is given for.
pub const FIRST_YEAR: i32 = 2000;

/// File stem → (catalog id, year of the table's last scrape per SOURCE.txt, start of
/// the treaty's title in index.csv). CTBT and the CCW protocols are not in the catalog.
const TREATIES: &[(&str, &str, i32, &str)] = &[
    ("4-1", "treaty.genocide", 2015, "Convention on the Prevention and Punishment of the Crime of Genocide"),
    ("4-9", "treaty.cat", 2015, "Convention against Torture"),
    ("18-5", "treaty.hostages", 2014, "International Convention Against the Taking of Hostages"),
    ("18-7", "treaty.protected_persons", 2014, "Convention on the Prevention and Punishment of Crimes against Internationally Protected Persons"),
    ("18-9", "treaty.terrorist_bombings", 2014, "International Convention for the Suppression of Terrorist Bombings"),
    ("18-10", "treaty.rome", 2014, "Rome Statute of the International Criminal Court"),
    ("18-11", "treaty.terrorist_financing", 2014, "International Convention for the Suppression of the Financing of Terrorism"),
    ("18-12", "treaty.untoc", 2014, "United Nations Convention against Transnational Organized Crime"),
    ("18-12-a", "treaty.untoc_trafficking", 2014, "Protocol to Prevent, Suppress and Punish Trafficking in Persons"),
    ("18-12-b", "treaty.untoc_smuggling", 2014, "Protocol against the Smuggling of Migrants"),
    ("18-12-c", "treaty.untoc_firearms", 2014, "Protocol against the Illicit Manufacturing of and Trafficking in Firearms"),
    ("18-14", "treaty.uncac", 2014, "United Nations Convention against Corruption"),
    ("18-15", "treaty.nuclear_terrorism", 2014, "International Convention for the Suppression of Acts of Nuclear Terrorism"),
    ("26-1", "treaty.enmod", 2014, "Convention on the prohibition of military or any other hostile use of environmental modification"),
    ("26-2", "treaty.ccw", 2014, "Convention on Prohibitions or Restrictions on the Use of Certain Conventional Weapons"),
    ("26-3", "treaty.cwc", 2014, "Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical Weapons"),
    ("26-5", "treaty.ottawa", 2014, "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines"),
    ("26-6", "treaty.ccm", 2014, "Convention on Cluster Munitions"),
    ("26-8", "treaty.att", 2014, "Arms Trade Treaty"),
];

/// Participants that are not states.
const NOT_STATES: &[&str] = &["European Union"];

/// Reads `dir` (the `treaties-untc-2015` folder).
pub fn read(dir: &Path) -> Result<Vec<Observation>, ImportError> {
    check_index(&dir.join("index.csv"))?;
    let mut states = BTreeSet::new();
    let mut tables = Vec::new();
    for &(stem, id, year, _) in TREATIES {
        let parties = read_table(&dir.join("treaties").join(format!("{stem}.csv")))?;
        states.extend(parties.keys().cloned());
        tables.push((id, year, parties));
    }
    let mut out = Vec::new();
    for (id, year, parties) in tables {
        for state in &states {
            let (joined, row) = parties.get(state).copied().unwrap_or((None, 0));
            let m = Membership {
                joined,
                left: None,
                row,
            };
            out.extend(yearly(state, id, m, FIRST_YEAR..=year, EDITION));
        }
    }
    Ok(out)
}

/// Makes sure each file stem is the treaty we take it for.
fn check_index(path: &Path) -> Result<(), ImportError> {
    let t = Table::read(path, b',')?;
    let (c_chap, c_no, c_name) = (
        t.col("chapter_no")?,
        t.col("treaty_no")?,
        t.col("treaty_name")?,
    );
    for &(stem, _, _, title) in TREATIES {
        let found = t.rows.iter().find(|(_, f)| {
            format!("{}-{}", f[c_chap].trim(), f[c_no].trim().replace('.', "-")) == stem
        });
        match found {
            Some((_, f)) if f[c_name].starts_with(title) => {}
            Some((row, f)) => {
                return Err(t.malformed(
                    *row,
                    format!("{stem} is {:?}, expected {title:?}", f[c_name]),
                ))
            }
            None => {
                return Err(ImportError::Format {
                    path: path.into(),
                    message: format!("treaty {stem} not in the index"),
                })
            }
        }
    }
    Ok(())
}

/// Participant → (year it became a party, if it did; row) for one treaty table.
fn read_table(path: &Path) -> Result<BTreeMap<String, (Option<i32>, usize)>, ImportError> {
    let t = Table::read(path, b',')?;
    let c_name = t.col("Participant")?;
    let joined: Vec<usize> = (0..t.header.len())
        .filter(|&i| t.header[i].contains("Ratification"))
        .collect();
    let [c_joined] = joined[..] else {
        return Err(ImportError::Format {
            path: path.into(),
            message: format!("no single ratification column in {:?}", t.header),
        });
    };
    let mut out = BTreeMap::new();
    for (row, f) in &t.rows {
        let name = f[c_name].trim();
        if name.is_empty() {
            return Err(t.malformed(*row, "empty participant"));
        }
        let cell = f[c_joined].trim();
        if !cell.is_empty() && !is_date(cell) {
            return Err(t.malformed(*row, format!("not a date: {cell:?}")));
        }
        if NOT_STATES.contains(&name) {
            continue;
        }
        if out
            .insert(name.to_string(), (date_year(cell), *row))
            .is_some()
        {
            return Err(t.malformed(*row, format!("{name} listed twice")));
        }
    }
    Ok(out)
}

/// The year of a checked date cell (`"26 Aug 1998 a"` → 1998); None for an empty cell.
fn date_year(cell: &str) -> Option<i32> {
    cell.split_whitespace().nth(2).and_then(|y| y.parse().ok())
}

/// `"26 Aug 1998"`, optionally followed by UNTC's action mark (`a`, `d`, `A`, `AA`, `P`, `n`).
fn is_date(cell: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = cell.split_whitespace().collect();
    let date_ok = |d: &str, m: &str, y: &str| {
        d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
            && MONTHS.contains(&m)
            && y.len() == 4
            && y.parse::<u16>().is_ok()
    };
    match parts[..] {
        [d, m, y] => date_ok(d, m, y),
        [d, m, y, mark] => date_ok(d, m, y) && ["a", "d", "A", "AA", "P", "n"].contains(&mark),
        _ => false,
    }
}
