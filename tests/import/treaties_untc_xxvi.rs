//! UN Treaty Collection chapter XXVI (treaties-untc-xxvi-2026) on a verbatim excerpt, on
//! broken files, and one check on the saved pages of the shipped folder.
use crate::import_common;
use standpunkt::data::import::treaties_untc_xxvi::{read, TREATIES};

use import_common::{fixture, malformed_at, raw, value, without_raw};
use standpunkt::model::value::Value;
use std::io::Write;

fn excerpt() -> Vec<standpunkt::data::import::Observation> {
    read(&fixture(
        "treaties-untc-xxvi-2026/arms_control_ratifications.csv",
    ))
    .unwrap()
}

#[test]
fn status_per_year_from_the_dates() {
    let obs = excerpt();
    let cases = [
        ("Kazakhstan", "treaty.att", 2016, false),
        ("Kazakhstan", "treaty.att", 2017, true),
        ("Kazakhstan", "treaty.enmod", 2005, true),
        ("Kazakhstan", "treaty.ccw", 2008, false),
        ("Kazakhstan", "treaty.ccw", 2009, true),
        ("Kazakhstan", "treaty.cwc", 2000, true),
        // Listed for other chapter XXVI treaties, not for these: no action, not a party.
        ("Kazakhstan", "treaty.ccw_p2a", 2025, false),
        ("Kazakhstan", "treaty.ccw_p5", 2025, false),
        ("Germany", "treaty.tpnw", 2025, false),
        // Protocol tables: the consent date stands in the signature column.
        ("Germany", "treaty.ccw_p2a", 2000, true),
        ("Estonia", "treaty.ccw_p5", 2025, true),
        // A signature only is not a party.
        (
            "Bolivia (Plurinational State of)",
            "treaty.enmod",
            2025,
            false,
        ),
    ];
    for (country, id, year, party) in cases {
        assert_eq!(
            value(&obs, country, id, year),
            Value::Bool(party),
            "{country} {id} {year}"
        );
    }
}

/// Ottawa and the CCM are not read: the file drops the withdrawn states (Estonia 2025).
#[test]
fn treaties_with_dropped_withdrawals_are_not_read() {
    let obs = excerpt();
    assert!(obs
        .iter()
        .all(|o| o.indicator != "treaty.ottawa" && o.indicator != "treaty.ccm"));
}

#[test]
fn unknown_action_type_is_malformed() {
    let err = malformed_at(
        read(&fixture(
            "treaties-untc-xxvi-2026/synthetic-unknown-action.csv",
        )),
        4,
    );
    assert!(err.to_string().contains("Adherence"), "{err}");
}

#[test]
fn unknown_treaty_is_malformed() {
    let err = malformed_at(
        read(&fixture(
            "treaties-untc-xxvi-2026/synthetic-unknown-treaty.csv",
        )),
        4,
    );
    assert!(err.to_string().contains("start"), "{err}");
}

#[test]
fn truncated_file_is_malformed() {
    malformed_at(
        read(&fixture("treaties-untc-xxvi-2026/synthetic-truncated.csv")),
        4,
    );
}

/// The CSV leaves out participants whose date the page shows in brackets (withdrawals).
/// The treaties read from it must have none: a bracketed date in a participant cell of
/// their saved page would be a withdrawal the import misses.
#[test]
fn pages_of_the_treaties_read_show_no_bracketed_participant_date() {
    if without_raw() {
        return;
    }
    let dir = raw("treaties-untc-xxvi-2026/content");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing under CI",
            dir.display()
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: {} not found (the raw data folder sits beside the checkout)",
            dir.display()
        );
        return;
    }
    let months = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    let bracketed = regex_lite(months);
    for (key, _) in TREATIES {
        let page = std::fs::read_to_string(dir.join(format!("{key}.content.html"))).unwrap();
        assert!(
            !bracketed(&page),
            "{key}: a bracketed participant date (a withdrawal) on the page"
        );
    }
    // The check finds them where they are: the Ottawa page has the 2025 withdrawals.
    let ottawa = std::fs::read_to_string(dir.join("ottawa.content.html")).unwrap();
    assert!(bracketed(&ottawa));
}

/// "[ 9 Jan  2012 a]"-style cells: '[', optional spaces/&nbsp;, a day, a month, a year.
fn regex_lite(months: &str) -> impl Fn(&str) -> bool {
    let months: Vec<String> = months
        .trim_matches(|c| c == '(' || c == ')')
        .split('|')
        .map(String::from)
        .collect();
    move |page: &str| {
        page.match_indices('[').any(|(i, _)| {
            let rest: String = page[i + 1..].chars().take(40).collect();
            let rest = rest.replace("&nbsp;", " ");
            let words: Vec<&str> = rest.split_whitespace().collect();
            words.len() >= 3
                && words[0].parse::<u8>().is_ok()
                && months.iter().any(|m| m == words[1])
                && words[2].trim_end_matches(']').len() == 4
                && words[2].trim_end_matches(']').parse::<u16>().is_ok()
        })
    }
}
