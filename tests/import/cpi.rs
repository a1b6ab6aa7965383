use crate::import_common;
use import_common::*;
use standpunkt::data::import::{cpi, ImportError};
use standpunkt::model::value::Value;

#[test]
fn results_table_excerpt() {
    let obs = cpi::read_results(&fixture("cpi/TI_CPI2023-excerpt.csv")).unwrap();
    assert_eq!(obs.len(), 4);
    assert_eq!(value(&obs, "KAZ", "cpi.score", 2023), Value::Integer(39));
    assert_eq!(value(&obs, "KSV", "cpi.score", 2023), Value::Integer(41));
    let kaz = obs.iter().find(|o| o.country == "KAZ").unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str(), kaz.row),
        (2024, "CPI 2023", 4)
    );
}

#[test]
fn owid_series_excerpt() {
    let obs = cpi::read_owid(&fixture("cpi/owid-cpi-excerpt.csv")).unwrap();
    // 13 Kazakhstan years + 2 Kosovo; the Aland Islands row has no score.
    assert_eq!(obs.len(), 15);
    assert_eq!(value(&obs, "KAZ", "cpi.score", 2023), Value::Integer(39));
    assert_eq!(value(&obs, "KAZ", "cpi.score", 2012), Value::Integer(28));
    assert_eq!(
        value(&obs, "OWID_KOS", "cpi.score", 2024),
        Value::Integer(44)
    );
    let kaz24 = obs
        .iter()
        .find(|o| o.country == "KAZ" && o.year == 2024)
        .unwrap();
    assert_eq!(
        (kaz24.published, kaz24.edition.as_str()),
        (2025, "CPI 2024")
    );
}

#[test]
fn read_tells_the_files_apart() {
    assert_eq!(
        cpi::read(&fixture("cpi/TI_CPI2023-excerpt.csv"))
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        cpi::read(&fixture("cpi/owid-cpi-excerpt.csv"))
            .unwrap()
            .len(),
        15
    );
}

#[test]
fn malformed_row_is_reported_with_its_row() {
    let err = import_common::malformed_at(cpi::read(&fixture("cpi/synthetic-malformed.csv")), 3);
    assert!(err.to_string().contains("thirty-nine"), "{err}");
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(cpi::read(&fixture("cpi/synthetic-truncated.csv")), 3);
}

#[test]
fn missing_file_is_io_error() {
    assert!(matches!(
        cpi::read(&fixture("cpi/no-such-file.csv")),
        Err(ImportError::Io { .. })
    ));
}

#[test]
fn real_files_agree_and_stay_in_range() {
    if without_raw() {
        return;
    }
    let table = cpi::read_results(&raw("ti-cpi/TI_CPI2023.csv")).unwrap();
    let owid = cpi::read_owid(&raw(
        "ti-cpi/owid_ti-corruption-perception-index_2012-2024.csv",
    ))
    .unwrap();
    assert_eq!(table.len(), 180);
    for o in &table {
        let code = if o.country == "KSV" {
            "OWID_KOS"
        } else {
            &o.country
        };
        assert_eq!(
            value(&owid, code, "cpi.score", 2023),
            o.value,
            "{}",
            o.country
        );
    }
    assert_eq!(out_of_range(&table), Vec::<String>::new());
    assert_eq!(duplicates(&table), Vec::<String>::new());
    assert_eq!(out_of_range(&owid), Vec::<String>::new());
    assert_eq!(duplicates(&owid), Vec::<String>::new());
}
