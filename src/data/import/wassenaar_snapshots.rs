//! Wassenaar Arrangement participants at three dates (`wassenaar-snapshots/
//! wassenaar_membership_snapshots.csv`, columns `snapshot,source_url,as_listed`): the 33 of
//! the US Commerce page of 15 October 2004, the 41 of an undated wassenaar.org page
//! (after Mexico's admission, before India's), and India, the 42nd, in December 2017.
//!
//! The lists bound each participant's join year: on the 2004 list → joined by 2004; only
//! on the later list → after October 2004 and before December 2017. Each later list holds
//! every state of the earlier one (checked: a state that disappears is an error), so the
//! lists show no departure, and a state on none of them did not participate up to 2025:
//! the 42 "have been participating since December 2017" (Wikipedia, 2025;
//! `shared/data/raw/export-regimes/raw/wassenaar_arrangement.md`, Membership). The
//! shared import step fills "not a participant" for every other country, 2000–2025.
//!
//! Bounds are not years: a year between them would be unknown, not "not a participant".
//! [`JOINED`] narrows them to the year of admission from the cited documents; a state
//! whose year is still only bounded stops the import (the fill would otherwise turn its
//! unknown years into "not a participant").
//!
//! Two states are spelt differently on the two lists ([`SAME_STATE`]); the later list's
//! spelling is used.

use super::dated::{yearly, Membership};
use super::rows::Table;
use super::{ImportError, Observation};
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const EDITION: &str = "Wassenaar lists 2004–2017";
pub(crate) const FIRST_YEAR: i32 = 2000;
/// The participants did not change from December 2017 to 2025 (see the module comment).
pub const LAST_YEAR: i32 = 2025;

/// The three lists: label prefix → the year by which a listed state had joined, and
/// whether the list's own date is exact (the wassenaar.org page is undated: before
/// December 2017).
const LISTS: &[(&str, i32)] = &[
    ("bis.doc.gov 2004-10-15", 2004),
    ("wassenaar.org introduction page", 2017),
    ("India joined 2017-12-08", 2017),
];

/// (the 2004 list's spelling, the later list's).
pub const SAME_STATE: &[(&str, &str)] = &[
    ("Republic of Hungary", "Hungary"),
    ("Slovak Republic", "Slovakia"),
];

/// The 33 of the 2004 list are the founding states of 1996: "adopted in 1996 by 33
/// founding countries" (Croatian Ministry of Foreign and European Affairs, press release
/// of 29 June 2005, <https://mvep.gov.hr/print.aspx?id=191915>), and the 2004 list has 33.
pub const FOUNDED: (i32, usize, &str) = (
    1996,
    33,
    "Ministry of Foreign and European Affairs of Croatia, 29 June 2005: \"adopted in 1996 by 33 founding countries\" (https://mvep.gov.hr/print.aspx?id=191915)",
);

/// Year of admission of the states the lists only bound, with the document that gives it.
pub const JOINED: &[(&str, i32, &str)] = &[
    ("Croatia", 2005, "admitted 29 June 2005: Ministry of Foreign and European Affairs of Croatia, press release of 29 June 2005 (https://mvep.gov.hr/print.aspx?id=191915)"),
    ("Estonia", 2005, "first took part in the Plenary of 13–14 December 2005 as one of the new members with Croatia, Latvia, Lithuania, Malta and Slovenia: Ministry of Foreign and European Affairs of Croatia (https://mvep.gov.hr/print.aspx?id=192113); South African Department of Foreign Affairs, Wassenaar Arrangement page (http://www.dirco.gov.za/foreign/Multilateral/inter/wasse.htm)"),
    ("Latvia", 2005, "as Estonia: new member at the Plenary of December 2005 (https://mvep.gov.hr/print.aspx?id=192113)"),
    ("Lithuania", 2005, "as Estonia: new member at the Plenary of December 2005 (https://mvep.gov.hr/print.aspx?id=192113)"),
    ("Malta", 2005, "as Estonia: new member at the Plenary of December 2005 (https://mvep.gov.hr/print.aspx?id=192113)"),
    ("Slovenia", 2005, "as Estonia: new member at the Plenary of December 2005 (https://mvep.gov.hr/print.aspx?id=192113)"),
    ("South Africa", 2006, "membership formalised on 28 February 2006: South African Department of Foreign Affairs, Wassenaar Arrangement page (http://www.dirco.gov.za/foreign/Multilateral/inter/wasse.htm)"),
    ("Mexico", 2012, "41st participating state effective 25 January 2012: US Department of State via Diálogo, 1 April 2012 (https://dialogo-americas.com/articles/mexico-reducing-arms/); IANSA, February 2012"),
];

/// Reads the Wassenaar participant lists.
pub fn read(path: &Path) -> Result<Vec<Observation>, ImportError> {
    let t = Table::read(path, b',')?;
    let (c_snapshot, c_name) = (t.col("snapshot")?, t.col("as_listed")?);
    // state → (index of the first list naming it, row), per list the states it names.
    let mut first: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut lists: Vec<Vec<String>> = vec![Vec::new(); LISTS.len()];
    for (row, f) in &t.rows {
        let label = f[c_snapshot].trim();
        let Some(list) = LISTS
            .iter()
            .position(|(prefix, _)| label.starts_with(prefix))
        else {
            return Err(t.malformed(*row, format!("unknown snapshot {label:?}")));
        };
        let listed = f[c_name].trim();
        if listed.is_empty() {
            return Err(t.malformed(*row, "empty as_listed"));
        }
        let state = SAME_STATE
            .iter()
            .find(|(old, _)| *old == listed)
            .map_or(listed, |(_, new)| new)
            .to_string();
        if lists[list].contains(&state) {
            return Err(t.malformed(*row, format!("{listed} listed twice on the same list")));
        }
        lists[list].push(state.clone());
        let entry = first.entry(state).or_insert((list, *row));
        entry.0 = entry.0.min(list);
    }
    let format = |message: String| ImportError::Format {
        path: path.to_path_buf(),
        message,
    };
    if lists.iter().any(|l| l.is_empty()) {
        return Err(format(
            "a list is empty: expected the 2004 list, the wassenaar.org list and India's admission"
                .into(),
        ));
    }
    if let Some(gone) = lists[0].iter().find(|s| !lists[1].contains(s)) {
        return Err(format(format!("{gone} is on the 2004 list but not on the later one: the lists would show a departure, which the join-year reading does not allow (or the state is spelt differently: add it to SAME_STATE)")));
    }
    if lists[0].len() != FOUNDED.1 {
        return Err(format(format!(
            "the 2004 list has {} states, the founding states were {}",
            lists[0].len(),
            FOUNDED.1
        )));
    }
    let mut out = Vec::new();
    for (state, (list, row)) in &first {
        let latest = LISTS[*list].1;
        let joined = match *list {
            0 => FOUNDED.0,
            _ => match JOINED.iter().find(|(s, _, _)| s == state) {
                Some((_, year, _)) if (LISTS[list - 1].1..=latest).contains(year) => *year,
                Some((_, year, _)) => {
                    return Err(format(format!("{state}: the cited join year {year} lies outside the lists' bounds {}–{latest}", LISTS[list - 1].1)))
                }
                None if *list == 2 => latest,
                None => {
                    return Err(format(format!("{state} joined between {} and {latest}; the year is not known: add it with its citation to JOINED in src/data/import/wassenaar_snapshots.rs", LISTS[list - 1].1)))
                }
            },
        };
        let m = Membership {
            joined: Some(joined),
            left: None,
            row: *row,
        };
        out.extend(yearly(
            state,
            "treaty.wassenaar",
            m,
            FIRST_YEAR..=LAST_YEAR,
            EDITION,
        ));
    }
    Ok(out)
}
