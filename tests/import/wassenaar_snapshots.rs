//! The Wassenaar participant lists (wassenaar-snapshots) on the whole published file and
//! on broken copies.
use crate::import_common;
use standpunkt::data::import::wassenaar_snapshots::{read, JOINED};

use import_common::{fixture, malformed_at, value};
use standpunkt::data::import::ImportError;
use standpunkt::model::value::Value;

#[test]
fn join_years_from_the_lists_and_the_cited_admissions() {
    let obs = read(&fixture(
        "wassenaar-snapshots/wassenaar_membership_snapshots.csv",
    ))
    .unwrap();
    let cases = [
        // Founding state (on the 2004 list).
        ("Ukraine", 2000, true),
        ("Republic of Korea", 2025, true),
        // "Republic of Hungary" (2004) and "Hungary" (later list) are one state.
        ("Hungary", 2004, true),
        ("Croatia", 2004, false),
        ("Croatia", 2005, true),
        ("South Africa", 2005, false),
        ("South Africa", 2006, true),
        ("Mexico", 2011, false),
        ("Mexico", 2012, true),
        ("India", 2016, false),
        ("India", 2017, true),
        ("India", 2025, true),
    ];
    for (state, year, participant) in cases {
        assert_eq!(
            value(&obs, state, "treaty.wassenaar", year),
            Value::Bool(participant),
            "{state} {year}"
        );
    }
    assert!(!obs.iter().any(|o| o.country == "Republic of Hungary"));
    // 42 participants, 2000–2025, each year published in that year.
    let states: std::collections::BTreeSet<_> = obs.iter().map(|o| &o.country).collect();
    assert_eq!(states.len(), 42);
    assert!(obs
        .iter()
        .all(|o| (2000..=2025).contains(&o.year) && o.published == o.year));
    // Every cited admission names its document.
    assert!(JOINED.iter().all(|(_, _, cite)| cite.contains("http")));
}

#[test]
fn a_state_that_disappears_from_a_later_list_stops_the_import() {
    let err = read(&fixture("wassenaar-snapshots/synthetic-departure.csv")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
    assert!(err.to_string().contains("Austria"), "{err}");
}

/// A join year the lists only bound is unknown; it is never filled as "not a participant".
#[test]
fn a_join_year_known_only_by_bounds_stops_the_import() {
    let err = read(&fixture("wassenaar-snapshots/synthetic-unbounded.csv")).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("Chile") && text.contains("between 2004 and 2017"),
        "{text}"
    );
}

#[test]
fn unknown_list_is_malformed() {
    let err = malformed_at(
        read(&fixture("wassenaar-snapshots/synthetic-unknown-list.csv")),
        4,
    );
    assert!(err.to_string().contains("nti.org"), "{err}");
}
