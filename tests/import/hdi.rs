use crate::import_common;
use import_common::*;
use standpunkt::data::import::hdi;

#[test]
fn excerpt_parses() {
    let obs = hdi::read(&fixture("hdi/HDR23-24-excerpt.csv")).unwrap();
    assert_eq!(number(&obs, "KAZ", "hdi.value", 2022), 0.802);
    assert_eq!(number(&obs, "KAZ", "hdi.value", 1990), 0.672);
    assert_eq!(number(&obs, "ZZK.WORLD", "hdi.value", 1990), 0.601);
    // North Korea has no HDI at all in this release.
    assert!(obs.iter().all(|o| o.country != "PRK"));
    let kaz = obs.iter().find(|o| o.country == "KAZ").unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str(), kaz.row),
        (2024, "HDR 2023/24", 2)
    );
}

#[test]
fn malformed_row_is_reported_with_its_row() {
    import_common::malformed_at(
        hdi::read(&fixture("hdi/HDR23-24_synthetic-malformed.csv")),
        3,
    );
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(
        hdi::read(&fixture("hdi/HDR23-24_synthetic-truncated.csv")),
        3,
    );
}

#[test]
fn real_file_stays_in_range() {
    if without_raw() {
        return;
    }
    let obs = hdi::read(&raw(
        "undp-hdi/HDR23-24_Composite_indices_complete_time_series.csv",
    ))
    .unwrap();
    assert_eq!(number(&obs, "KAZ", "hdi.value", 2022), 0.802);
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}

/// The edition comes from the name UNDP gives the table; any other name is refused.
#[test]
fn the_edition_comes_from_undps_file_name() {
    for (name, edition) in [
        (
            "HDR23-24_Composite_indices_complete_time_series.csv",
            Some(("HDR 2023/24", 2024)),
        ),
        (
            "HDR21-22_Composite_indices_complete_time_series.csv",
            Some(("HDR 2021/22", 2022)),
        ),
        (
            "HDR25_Composite_indices_complete_time_series.csv",
            Some(("HDR 2025", 2025)),
        ),
        (
            "HDR25_Composite_indices_complete_time_series (1).csv",
            Some(("HDR 2025", 2025)),
        ),
        ("HDR23-24-excerpt.csv", Some(("HDR 2023/24", 2024))),
        ("HDR23-25_Composite_indices_complete_time_series.csv", None),
        ("HDR2025_Composite_indices_complete_time_series.csv", None),
        ("HDR+5_Composite_indices_complete_time_series.csv", None),
        ("hdi.csv", None),
    ] {
        let found = hdi::edition_of(name);
        assert_eq!(
            found.as_ref().map(|(e, p)| (e.as_str(), *p)),
            edition,
            "{name}"
        );
    }
    let tmp = crate::common::TempDir::new("hdi-name");
    let renamed = tmp.path().join("hdi.csv");
    std::fs::copy(fixture("hdi/HDR23-24-excerpt.csv"), &renamed).unwrap();
    let err = hdi::read(&renamed).expect_err("a file not named as UNDP names it");
    assert!(
        err.to_string()
            .contains("cannot tell which Human Development Report this is"),
        "{err}"
    );
}
