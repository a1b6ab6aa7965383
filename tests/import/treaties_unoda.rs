//! The UNODA treaty table (treaties-unoda-2026) on a verbatim excerpt and on broken files.
use crate::import_common;
use standpunkt::data::import::treaties_unoda::read;

use import_common::{fixture, malformed_at, value};
use standpunkt::model::value::Value;

fn excerpt() -> Vec<standpunkt::data::import::Observation> {
    read(&fixture("treaties-unoda-2026/status_long.csv")).unwrap()
}

#[test]
fn status_per_year_from_the_dates() {
    let obs = excerpt();
    let cases = [
        // (country, indicator, year, party)
        ("Kazakhstan", "treaty.npt", 2000, true),
        ("Kazakhstan", "treaty.bwc", 2006, false),
        ("Kazakhstan", "treaty.bwc", 2007, true),
        ("Kazakhstan", "treaty.tpnw", 2018, false),
        ("Kazakhstan", "treaty.tpnw", 2019, true),
        ("Kazakhstan", "treaty.ctbt", 2002, true),
        // Russia revoked its CTBT ratification in 2023: party until 2022, not from 2023.
        ("Russia", "treaty.ctbt", 2022, true),
        ("Russia", "treaty.ctbt", 2023, false),
        // North Korea's 2003 NPT withdrawal, which the table does not show.
        ("Korea, North", "treaty.npt", 2002, true),
        ("Korea, North", "treaty.npt", 2003, false),
        ("Korea, North", "treaty.bwc", 2020, true),
        // "Has not yet joined" (Israel's CTBT signature is hidden in it): not a party.
        ("Israel", "treaty.npt", 2025, false),
        ("Israel", "treaty.ctbt", 2025, false),
    ];
    for (country, id, year, party) in cases {
        assert_eq!(
            value(&obs, country, id, year),
            Value::Bool(party),
            "{country} {id} {year}"
        );
    }
}

#[test]
fn each_year_is_published_in_that_year_and_cites_its_row() {
    let obs = excerpt();
    let o = obs
        .iter()
        .find(|o| o.country == "Kazakhstan" && o.indicator == "treaty.bwc" && o.year == 2010)
        .unwrap();
    assert_eq!(
        (o.published, o.edition.as_str(), o.row),
        (2010, "UNODA 2026", 21)
    );
    // Years 2000–2026 only; treaties outside the catalog (ICC) are not read.
    assert!(obs.iter().all(|o| (2000..=2026).contains(&o.year)));
    assert!(obs.iter().all(|o| o.indicator != "treaty.rome"));
}

#[test]
fn a_date_that_is_not_a_date_is_malformed() {
    let err = malformed_at(
        read(&fixture("treaties-unoda-2026/synthetic-bad-date.csv")),
        4,
    );
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn member_flag_without_a_date_is_malformed() {
    let err = malformed_at(
        read(&fixture(
            "treaties-unoda-2026/synthetic-member-mismatch.csv",
        )),
        4,
    );
    assert!(err.to_string().contains("member"), "{err}");
}

#[test]
fn truncated_file_is_malformed() {
    malformed_at(
        read(&fixture("treaties-unoda-2026/synthetic-truncated.csv")),
        4,
    );
}
