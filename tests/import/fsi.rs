use crate::import_common;
use import_common::*;
use standpunkt::data::import::fsi;

#[test]
fn excerpt_gives_the_published_total_and_the_security_apparatus() {
    let obs = fsi::read(&fixture("fsi/fsi-excerpt.csv")).unwrap();
    assert_eq!(number(&obs, "KAZ", "fsi.total", 2023), 60.6);
    assert_eq!(number(&obs, "KAZ", "fsi.security_apparatus", 2023), 4.0);
    // 2020 is unrounded, as in FFP's file; the total is FFP's, not a sum.
    assert_eq!(number(&obs, "YEM", "fsi.total", 2020), 112.43869382016283);
    assert_eq!(number(&obs, "YEM", "fsi.security_apparatus", 2020), 9.7);
    // An empty rank (South Sudan 2012) does not matter.
    assert_eq!(number(&obs, "SSD", "fsi.total", 2012), 108.4);
    // One total per country-edition; the "Change from Previous Year" row adds nothing.
    assert_eq!(duplicates(&obs), Vec::<String>::new());
    assert_eq!(obs.len(), 6, "{obs:?}");
    let kaz = obs
        .iter()
        .find(|o| o.country == "KAZ" && o.indicator == "fsi.total")
        .unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str(), kaz.row),
        (2023, "FSI 2023", 2)
    );
}

#[test]
fn a_total_that_differs_within_a_country_edition_is_malformed() {
    let err = malformed_at(fsi::read(&fixture("fsi/synthetic-total-differs.csv")), 4);
    assert!(
        err.to_string().contains("differs from 60.6 in row 2"),
        "{err}"
    );
}

#[test]
fn malformed_value_is_reported_with_its_row() {
    malformed_at(fsi::read(&fixture("fsi/synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    malformed_at(fsi::read(&fixture("fsi/synthetic-truncated.csv")), 4);
}

#[test]
fn real_file_matches_the_source_notes() {
    if without_raw() {
        return;
    }
    let obs = fsi::read(&raw("fsi-fundforpeace/fsi.DERIVED-from-rda.csv")).unwrap();
    // SOURCE.txt's Kazakhstan check: 2020 59.77, 2021 61.2, 2022 59.5, 2023 60.6.
    for (year, total) in [(2020, 59.77), (2021, 61.2), (2022, 59.5), (2023, 60.6)] {
        let found = number(&obs, "KAZ", "fsi.total", year);
        assert!((found - total).abs() < 0.01, "KAZ {year}: {found}");
    }
    assert_eq!(number(&obs, "RUS", "fsi.total", 2023), 80.7);
    let countries = |year| {
        obs.iter()
            .filter(|o| o.indicator == "fsi.total" && o.year == year)
            .count()
    };
    assert_eq!((countries(2006), countries(2023)), (146, 179));
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    assert_eq!(duplicates(&obs), Vec::<String>::new());
}
