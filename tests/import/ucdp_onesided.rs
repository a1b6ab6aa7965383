use crate::import_common;
use import_common::*;
use standpunkt::data::import::ucdp_onesided;
use standpunkt::model::value::Value;

fn events(obs: &[standpunkt::data::import::Observation], country: &str, year: i32) -> Vec<String> {
    match value(obs, country, "violence.osv_gov_events", year) {
        Value::List(items) => items,
        other => panic!("{other:?}"),
    }
}

#[test]
fn excerpt_counts_the_perpetrator_and_splits_coalitions() {
    let obs = ucdp_onesided::read(&fixture("ucdp-onesided/OneSided_v25_1-excerpt.csv")).unwrap();
    // Russia killed in Ukraine: counted for Russia, where = UKR.
    assert_eq!(
        value(&obs, "RUS", "violence.osv_gov_deaths", 2022),
        Value::Integer(1130)
    );
    assert_eq!(events(&obs, "RUS", 2022), vec!["2022;1130;UKR;453"]);
    // Two locations ("Georgia, Ukraine" / "369, 372"), as ISO codes.
    assert_eq!(events(&obs, "RUS", 2023)[1], "2023;314;GEO UKR;453");
    // The coalition without gwnoa is split by name; each member gets its deaths.
    assert_eq!(
        value(&obs, "ETH", "violence.osv_gov_deaths", 2020),
        Value::Integer(512 + 546)
    );
    assert_eq!(
        value(&obs, "ERI", "violence.osv_gov_deaths", 2020),
        Value::Integer(1522 + 546)
    );
    assert_eq!(events(&obs, "ERI", 2020), vec!["2020;2068;ETH;15226 699"]);
    // The coalition with gwnoa "432, 365" (2024) counts for Mali and Russia.
    assert_eq!(
        value(&obs, "MLI", "violence.osv_gov_deaths", 2024),
        Value::Integer(299)
    );
    assert_eq!(
        events(&obs, "RUS", 2024).last().unwrap(),
        "2024;299;MLI;16369"
    );
    // The list carries the history: Russia 2024 still shows 2022 and 2023.
    assert_eq!(events(&obs, "RUS", 2024).len(), 3);
    // Not a government: no value for the place (Russia 2010).
    assert!(obs.iter().all(|o| o.year != 2010 || o.country != "RUS"));
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

#[test]
fn unknown_perpetrator_code_is_malformed_and_names_the_table() {
    let err = malformed_at(
        ucdp_onesided::read(&fixture("ucdp-onesided/synthetic-unknown-gwno.csv")),
        2,
    );
    assert!(err.to_string().contains("gleditsch-ward.csv"), "{err}");
}

#[test]
fn year_outside_the_dataset_is_malformed() {
    malformed_at(
        ucdp_onesided::read(&fixture("ucdp-onesided/synthetic-year-out-of-range.csv")),
        2,
    );
}

#[test]
fn truncated_file_is_malformed() {
    malformed_at(
        ucdp_onesided::read(&fixture("ucdp-onesided/synthetic-truncated.csv")),
        3,
    );
}

/// The real v25.1 file, checked against SOURCE.txt and against v23.1 (UCDP's own CSV).
#[test]
fn real_file_matches_the_source_notes_and_version_23_1() {
    if without_raw() {
        return;
    }
    let v25 =
        ucdp_onesided::government_years(&raw("ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv"))
            .unwrap();
    let v23 = ucdp_onesided::government_years(&raw("ucdp-onesided/OneSided_v23_1.csv")).unwrap();
    assert_eq!(
        (v25.len(), v23.len()),
        (463, 427),
        "government rows per SOURCE.txt"
    );
    // Kazakhstan never; Russia in the years SOURCE.txt lists.
    let years = |rows: &[ucdp_onesided::GovernmentYear], c: &str| -> Vec<i32> {
        let mut y: Vec<i32> = rows
            .iter()
            .filter(|g| g.perpetrators.iter().any(|p| p == c))
            .map(|g| g.year)
            .collect();
        y.sort();
        y.dedup();
        y
    };
    assert!(years(&v25, "KAZ").is_empty());
    assert_eq!(
        years(&v25, "RUS"),
        vec![1991, 1995, 1996, 1999, 2000, 2001, 2002, 2022, 2023, 2024]
    );
    // 1989–2022: the two versions name mostly the same perpetrator country-years.
    let keys =
        |rows: &[ucdp_onesided::GovernmentYear]| -> std::collections::BTreeSet<(String, i32)> {
            rows.iter()
                .filter(|g| g.year <= 2022)
                .flat_map(|g| g.perpetrators.iter().map(move |p| (p.clone(), g.year)))
                .collect()
        };
    let (a, b) = (keys(&v25), keys(&v23));
    let differ = a.symmetric_difference(&b).count();
    assert!(
        differ * 10 < a.len(),
        "{differ} of {} country-years differ between 25.1 and 23.1",
        a.len()
    );
    assert!(a.contains(&("RUS".into(), 2022)) && b.contains(&("RUS".into(), 2022)));
    let obs =
        ucdp_onesided::read(&raw("ucdp-onesided/OneSided_v25_1.DERIVED-from-rds.csv")).unwrap();
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
    // Each file is labelled by the release it names: 23.1 is not filed as 25.1.
    for (file, edition, published, last) in [
        (
            "OneSided_v25_1.DERIVED-from-rds.csv",
            "UCDP OSV 25.1",
            2025,
            2024,
        ),
        ("OneSided_v23_1.csv", "UCDP OSV 23.1", 2023, 2022),
    ] {
        let obs = ucdp_onesided::read(&raw(&format!("ucdp-onesided/{file}"))).unwrap();
        assert!(
            obs.iter()
                .all(|o| (o.edition.as_str(), o.published) == (edition, published)),
            "{file}"
        );
        assert_eq!(obs.iter().map(|o| o.year).max(), Some(last), "{file}");
    }
}
