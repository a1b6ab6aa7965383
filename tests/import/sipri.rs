//! SIPRI ships an Excel file; these tests read the real one in shared/.
use crate::import_common;
use import_common::*;
use standpunkt::data::import::{sipri, ImportError};

const FILE: &str = "sipri-milex/SIPRI-Milex-data-1949-2024_2.xlsx";

#[test]
fn kazakhstan_share_of_gdp_in_percent() {
    if without_raw() {
        return;
    }
    let obs = sipri::read(&raw(FILE)).unwrap();
    assert!((number(&obs, "Kazakhstan", "milex.gdp_pct", 2024) - 0.43).abs() < 0.005);
    let kaz = obs
        .iter()
        .find(|o| o.country == "Kazakhstan" && o.year == 2024)
        .unwrap();
    assert_eq!(
        (kaz.published, kaz.edition.as_str()),
        (2025, "SIPRI Milex 2025")
    );
    // "..." and "xxx" are no data; region headings give nothing.
    assert!(obs
        .iter()
        .all(|o| o.country != "Africa" && o.country != "North Africa"));
    assert!(obs
        .iter()
        .all(|o| !(o.country == "Yemen, North" && o.year >= 1990)));
    assert_eq!(obs.iter().filter(|o| o.year == 2024).count(), 149);
}

/// Kuwait spent more than its GDP on the military in 1991 (Gulf War): 117 %, which the
/// catalog's range allows.
#[test]
fn every_value_fits_the_catalog() {
    if without_raw() {
        return;
    }
    let obs = sipri::read(&raw(FILE)).unwrap();
    assert_eq!(duplicates(&obs), Vec::<String>::new());
    assert_eq!(out_of_range(&obs), Vec::<String>::new());
    let kuwait = obs
        .iter()
        .find(|o| o.country == "Kuwait" && o.year == 1991)
        .unwrap();
    assert!(kuwait.value.as_f64().unwrap() > 117.0, "{:?}", kuwait.value);
}

#[test]
fn a_file_without_the_sheet_is_a_format_error() {
    if without_raw() {
        return;
    }
    let err = sipri::read(&raw("freedomhouse/All_data_FIW_2013-2024.xlsx")).unwrap_err();
    assert!(matches!(err, ImportError::Format { .. }), "{err}");
}
