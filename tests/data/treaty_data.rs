//! The dated treaty and regime data on the shipped indicators: one real-data check per
//! new input, the published Ukraine case of criterion 7, and the coverage of criteria 6
//! and 7 as of 2010, 2016, 2020 and 2025.

use crate::{assert_case, common};

use standpunkt::model::value::Value;
use standpunkt::Rating;

fn status(
    store: &standpunkt::data::store::Store,
    rules: &standpunkt::RuleSet,
    iso3: &str,
    id: &str,
    year: i32,
) -> Option<Value> {
    store
        .facts(iso3, year, &rules.catalog)
        .values
        .get(id)
        .map(|f| f.value.clone())
}

/// One line per input: each dated source gives the status of the assessment year.
#[test]
fn dated_membership_as_of_the_year() {
    use Value::Bool;
    let cases = [
        // (country, indicator, as of, status) — source
        ("MEX", "treaty.wassenaar", 2011, Some(Bool(false))), // Wassenaar lists + cited admission 2012
        ("MEX", "treaty.wassenaar", 2012, Some(Bool(true))),
        ("IND", "treaty.wassenaar", 2016, Some(Bool(false))), // joined December 2017
        ("IND", "treaty.wassenaar", 2020, Some(Bool(true))),
        ("KAZ", "treaty.wassenaar", 2010, Some(Bool(false))), // on no list
        ("PRK", "treaty.npt", 2010, Some(Bool(false))),       // UNODA + the 2003 withdrawal
        ("RUS", "treaty.ctbt", 2020, Some(Bool(true))),       // UNODA: revoked 2023
        ("RUS", "treaty.ctbt", 2025, Some(Bool(false))),
        ("KAZ", "treaty.bwc", 2010, Some(Bool(true))), // UNODA: acceded 2007
        ("KAZ", "treaty.ccw", 2010, Some(Bool(true))), // UNTC XXVI: acceded 2009
        ("KAZ", "treaty.att", 2016, Some(Bool(false))), // UNTC: acceded 2017
        (
            "KAZ",
            "treaty.geneva_protocol_1925",
            2019,
            Some(Bool(false)),
        ), // IEADB: 2020
        ("KAZ", "treaty.geneva_protocol_1925", 2020, Some(Bool(true))),
        ("DEU", "treaty.geneva_protocol_1925", 2010, Some(Bool(true))), // ratified 1929
        ("KAZ", "treaty.terrorist_bombings", 2010, Some(Bool(true))),   // UNTC 2015, dated
        ("FRA", "treaty.geneva_iv", 2010, Some(Bool(true))),            // ICRC: universal from 2006
        ("SSD", "treaty.geneva_iv", 2010, None),                        // not in the 2006 count
    ];
    let rules = common::rules();
    let (store, _) = common::store();
    for (iso3, id, year, expected) in cases {
        assert_eq!(
            status(&store, &rules, iso3, id, year),
            expected,
            "{iso3} {id} as of {year}"
        );
    }
}

/// A status known from two sources for the same year: the one of higher precedence wins,
/// and where they disagree the trace's note names the other.
#[test]
fn att_from_two_dated_sources_agrees_for_kazakhstan() {
    let rules = common::rules();
    let (store, _) = common::store();
    let facts = store.facts("KAZ", 2018, &rules.catalog);
    let att = &facts.values["treaty.att"];
    assert_eq!(att.value, Value::Bool(true));
    assert_eq!(att.year, Some(2018));
    assert!(att.note.is_none(), "{:?}", att.note);
}

/// The published case: Ukraine participates in the Wassenaar Arrangement without being
/// an ATT party, so criterion 7 is not "kritisch" by membership; its CPI makes it
/// "möglicherweise kritisch".
#[test]
fn ukraine_criterion_7_rests_on_wassenaar_and_the_cpi() {
    let (rules, data) = (common::rules(), common::store());
    let case = ("UKR", 2025, 7, Rating::MoeglicherweiseKritisch);
    assert_case(
        &rules,
        &data,
        case,
        &["Teilnehmer des Wassenaar-Abkommens"],
        &[],
    );
    // Before the 2018 CPI (30) rose above 29, Ukraine's corruption made it "kritisch".
    assert_case(&rules, &data, ("UKR", 2016, 7, Rating::Kritisch), &[], &[]);
}

/// Before 2012 there is no CPI: a Wassenaar participant is rated on the World Bank's
/// Control of Corruption, and the reason says so.
#[test]
fn without_a_cpi_criterion_7_reads_the_wgi_stand_in() {
    let (rules, data) = (common::rules(), common::store());
    let case = ("DEU", 2010, 7, Rating::NichtKritisch);
    assert_case(&rules, &data, case, &["kein CPI"], &["no CPI"]);
}
