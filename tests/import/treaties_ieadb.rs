//! The IEADB members table (treaties-ieadb-2026) on a verbatim excerpt and on broken files.
use crate::import_common;
use standpunkt::data::import::treaties_ieadb::read;

use import_common::{fixture, malformed_at, value};
use standpunkt::data::import::ImportError;
use standpunkt::model::value::Value;

fn excerpt() -> Vec<standpunkt::data::import::Observation> {
    read(&fixture(
        "treaties-ieadb-2026/db_members_armscontrol_extract.csv",
    ))
    .unwrap()
}

#[test]
fn status_per_year_from_the_acts() {
    let obs = excerpt();
    let cases = [
        // Kazakhstan acceded to the Geneva Protocol in 2020 (the brief: party).
        ("Kazakhstan", "treaty.geneva_protocol_1925", 2019, false),
        ("Kazakhstan", "treaty.geneva_protocol_1925", 2020, true),
        ("Kazakhstan", "treaty.nuclear_material", 2005, true),
        ("Kazakhstan", "treaty.nuclear_material_2005", 2010, false),
        ("Kazakhstan", "treaty.nuclear_material_2005", 2011, true),
        // Complete list, Kazakhstan not on it: not a party.
        ("Kazakhstan", "treaty.ptbt", 2025, false),
        // Successors: the USSR's acts under the Russian Federation, Czechoslovakia's
        // and Czechia's own succession under Czechia.
        ("Russian Federation", "treaty.ptbt", 2000, true),
        ("Czechia", "treaty.ptbt", 2000, true),
        // An earlier period of the same state counts for it: Germany, ratified 1929.
        ("Germany", "treaty.geneva_protocol_1925", 2000, true),
        // Serbia: Yugoslavia's withdrawal and Serbia's accession on the same day, 2006.
        ("Serbia", "treaty.geneva_protocol_1925", 2005, false),
        ("Serbia", "treaty.geneva_protocol_1925", 2006, true),
        ("Russian Federation", "treaty.outer_space", 2025, true),
        ("Russian Federation", "treaty.seabed", 2025, true),
    ];
    for (country, id, year, party) in cases {
        assert_eq!(
            value(&obs, country, id, year),
            Value::Bool(party),
            "{country} {id} {year}"
        );
    }
}

/// Incomplete (Outer Space) and stale (Seabed) lists: absence says nothing.
#[test]
fn absence_from_an_incomplete_list_gives_no_value() {
    let obs = excerpt();
    for id in ["treaty.outer_space", "treaty.seabed"] {
        assert!(
            !obs.iter()
                .any(|o| o.country == "Kazakhstan" && o.indicator == id),
            "{id}"
        );
    }
    // Former states are not merged into anyone; "Germany (pre-1949)" is merged into Germany.
    assert!(obs.iter().all(|o| o.country != "Germany (pre-1949)"));
    // Treaties read from better sources are not read here.
    assert!(obs.iter().all(|o| o.indicator != "treaty.npt"));
}

#[test]
fn unknown_action_is_malformed() {
    let err = malformed_at(
        read(&fixture("treaties-ieadb-2026/synthetic-unknown-action.csv")),
        5,
    );
    assert!(err.to_string().contains("Reservation"), "{err}");
}

#[test]
fn bad_year_is_malformed() {
    let err = malformed_at(
        read(&fixture("treaties-ieadb-2026/synthetic-bad-year.csv")),
        5,
    );
    assert!(err.to_string().contains("19x1"), "{err}");
}

#[test]
fn missing_header_is_a_format_error() {
    let err = read(&fixture("treaties-ieadb-2026/synthetic-no-header.csv")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
    assert!(err.to_string().contains("Mitch ID"), "{err}");
}

#[test]
fn truncated_file_is_malformed() {
    malformed_at(
        read(&fixture("treaties-ieadb-2026/synthetic-truncated.csv")),
        6,
    );
}
