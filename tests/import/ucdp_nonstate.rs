use crate::import_common;
use import_common::*;
use standpunkt::data::import::ucdp_nonstate;
use standpunkt::model::value::Value;

#[test]
fn excerpt_keeps_cross_border_conflicts_out_of_either_countrys_deaths() {
    let obs = ucdp_nonstate::read(&fixture("ucdp-nonstate/Nonstate_v23_1-excerpt.csv")).unwrap();
    assert_eq!(
        value(&obs, "NGA", "nonstate.deaths", 2021),
        Value::Integer(41)
    );
    assert_eq!(
        value(&obs, "NGA", "nonstate.conflicts", 2021),
        Value::List(vec!["9488;Fulani;Yoruba;41;3".into()])
    );
    assert_eq!(
        value(&obs, "NGA", "nonstate.years_5y", 2022),
        Value::Integer(1)
    );
    // Jalisco vs Sinaloa is placed in "Mexico, United States": listed, cross-border, no deaths.
    assert_eq!(
        value(&obs, "MEX", "nonstate.deaths", 2022),
        Value::Integer(0)
    );
    assert_eq!(
        value(&obs, "USA", "nonstate.deaths", 2022),
        Value::Integer(0)
    );
    assert_eq!(
        value(&obs, "USA", "nonstate.cross_border", 2022),
        Value::List(vec![
            "13737;Jalisco Cartel New Generation;Sinaloa Cartel;3726;MEX".into()
        ])
    );
    assert!(obs
        .iter()
        .all(|o| !(o.indicator == "nonstate.years_5y" && o.country == "USA")));
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn bad_organisation_level_is_malformed() {
    malformed_at(
        ucdp_nonstate::read(&fixture("ucdp-nonstate/synthetic-bad-org.csv")),
        2,
    );
}

#[test]
fn unknown_location_code_is_malformed() {
    let err = malformed_at(
        ucdp_nonstate::read(&fixture("ucdp-nonstate/synthetic-unknown-gwno.csv")),
        2,
    );
    assert!(err.to_string().contains("4750"), "{err}");
}

#[test]
fn real_file_matches_the_source_notes() {
    if without_raw() {
        return;
    }
    let rows = ucdp_nonstate::dyad_years(&raw("ucdp-nonstate/Nonstate_v23_1.csv")).unwrap();
    assert_eq!(rows.len(), 1542);
    assert!(rows
        .iter()
        .all(|d| !d.locations.contains(&"KAZ".to_string())));
    // SOURCE.txt: China 2009 (187 deaths), Kyrgyzstan 2010 (44).
    let deaths = |c: &str, y: i32| -> i64 {
        rows.iter()
            .filter(|d| d.year == y && d.locations == vec![c.to_string()])
            .map(|d| d.deaths)
            .sum()
    };
    assert_eq!((deaths("CHN", 2009), deaths("KGZ", 2010)), (187, 44));
    let obs = ucdp_nonstate::read(&raw("ucdp-nonstate/Nonstate_v23_1.csv")).unwrap();
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}
