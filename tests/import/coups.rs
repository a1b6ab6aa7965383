use crate::import_common;
use import_common::*;
use standpunkt::data::import::coups;
use standpunkt::model::value::Value;

fn list(obs: &[standpunkt::data::import::Observation], c: &str, y: i32) -> Vec<String> {
    match value(obs, c, "coup.events", y) {
        Value::List(items) => items,
        other => panic!("{other:?}"),
    }
}

#[test]
fn powell_thyne_excerpt_reads_gleditsch_ward_codes() {
    let (release, events) = coups::powell_thyne_events(&fixture(
        "coups-powell-thyne/powell_thyne_coups_final-excerpt.txt",
    ))
    .unwrap();
    let release = release.unwrap();
    assert_eq!(
        (release.edition.as_str(), release.published),
        ("Powell & Thyne 2020.10.13", 2020)
    );
    let find = |c: &str| events.iter().find(|e| e.country == c).unwrap();
    assert!(find("MLI").successful && find("SDN").successful);
    assert!(!find("TUR").successful && !find("GAB").successful);
    assert_eq!(find("TUR").date, "2016-07-15");
    // 678 is Yemen in Gleditsch–Ward (the Yemen Arab Republic and its successor).
    assert_eq!(find("YEM").year, 1978);
    let obs = coups::read_powell_thyne(&fixture(
        "coups-powell-thyne/powell_thyne_coups_final-excerpt.txt",
    ))
    .unwrap();
    assert_eq!(list(&obs, "MLI", 2020), vec!["2020-08-18;successful"]);
    assert_eq!(
        value(&obs, "TUR", "coup.count_20y", 2020),
        Value::Integer(1)
    );
    assert_eq!(
        value(&obs, "TUR", "coup.last_failed", 2020),
        Value::Integer(2016)
    );
    // Cuba 1952 is older than 20 years in 1990: listed, not counted.
    assert_eq!(list(&obs, "CUB", 1990), vec!["1952-03-10;successful"]);
    assert!(obs
        .iter()
        .all(|o| !(o.country == "CUB" && o.indicator == "coup.count_20y")));
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn colpus_excerpt_reads_correlates_of_war_codes() {
    let events =
        coups::colpus_events(&fixture("coups-colpus/Master_Coup_List-excerpt.xlsx")).unwrap();
    assert_eq!(events.len(), 6);
    // COW 678 is the Yemen Arab Republic (to 1990), not today's Yemen (679).
    assert!(events
        .iter()
        .any(|e| e.country == "Yemen Arab Republic" && e.year == 1978));
    let obs = coups::read_colpus(&fixture("coups-colpus/Master_Coup_List-excerpt.xlsx")).unwrap();
    assert_eq!(
        list(&obs, "MLI", 2022),
        vec!["2020-08-18;successful", "2021-05-24;successful"]
    );
    assert_eq!(
        value(&obs, "MLI", "coup.count_20y", 2022),
        Value::Integer(2)
    );
    assert_eq!(
        value(&obs, "NER", "coup.last_failed", 2022),
        Value::Integer(2021)
    );
    assert_eq!(
        value(&obs, "BOL", "coup.last_successful", 2022),
        Value::Integer(2019)
    );
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn failure_cases() {
    malformed_at(
        coups::powell_thyne_events(&fixture("coups-powell-thyne/synthetic-bad-outcome.txt")),
        2,
    );
    let err = malformed_at(
        coups::powell_thyne_events(&fixture("coups-powell-thyne/synthetic-unknown-code.txt")),
        2,
    );
    assert!(err.to_string().contains("9999"), "{err}");
    malformed_at(
        coups::colpus_events(&fixture("coups-colpus/synthetic-bad-success.xlsx")),
        3,
    );
    malformed_at(
        coups::colpus_events(&fixture("coups-colpus/synthetic-bad-id.xlsx")),
        3,
    );
}

#[test]
fn real_files_match_the_source_notes() {
    if without_raw() {
        return;
    }
    let colpus = coups::colpus_events(&raw(
        "coups-colpus/Master_Coup List_all countries_basic.xlsx",
    ))
    .unwrap();
    let pt = coups::powell_thyne_events(&raw("coups-powell-thyne/powell_thyne_coups_final.txt"))
        .unwrap()
        .1;
    // SOURCE.txt: 593 Colpus events (295 successful), 478 Powell & Thyne events.
    assert_eq!(
        (colpus.len(), colpus.iter().filter(|e| e.successful).count()),
        (593, 295)
    );
    assert_eq!(pt.len(), 478);
    for events in [&colpus, &pt] {
        assert!(events.iter().all(|e| e.country != "KAZ"));
    }
    // Russia: P&T only the failed attempt of 1991-08-21.
    let rus: Vec<_> = pt.iter().filter(|e| e.country == "RUS").collect();
    assert_eq!(
        (rus.len(), rus[0].date.as_str(), rus[0].successful),
        (1, "1991-08-21", false)
    );
    // Definitions differ: Colpus counts Bolivia 2019, Powell & Thyne do not.
    assert!(colpus.iter().any(|e| e.country == "BOL" && e.year == 2019));
    assert!(!pt.iter().any(|e| e.country == "BOL" && e.year == 2019));
    for obs in [
        coups::read_colpus(&raw(
            "coups-colpus/Master_Coup List_all countries_basic.xlsx",
        ))
        .unwrap(),
        coups::read_powell_thyne(&raw("coups-powell-thyne/powell_thyne_coups_final.txt")).unwrap(),
    ] {
        assert_eq!(out_of_range(&obs), Vec::<String>::new());
        assert_eq!(duplicates(&obs), Vec::<String>::new());
    }
}
