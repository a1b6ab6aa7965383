//! An annual release of a series (PTS, SIPRI, GMI, WGI) is labelled by its own last data
//! year: the publisher's next release, read by the same importer, gets its own edition and
//! publication year instead of the label of the release the importer was written for.
//! Each case is a synthetic file one year past the shipped release.

use crate::common::TempDir;
use standpunkt::data::import::{gmi, pts, sipri, wgi, ImportError, Observation};
use std::path::Path;

type Read = fn(&Path) -> Result<Vec<Observation>, ImportError>;

/// A SIPRI-style workbook: the "Share of GDP" sheet, a title row, then the header.
fn sipri_workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Share of GDP").unwrap();
    sheet
        .write_string(
            0,
            0,
            "Military expenditure by country as percentage of GDP (synthetic)",
        )
        .unwrap();
    for (col, head) in ["Country", "Notes"].iter().enumerate() {
        sheet.write_string(2, col as u16, *head).unwrap();
    }
    for (col, year) in [2024.0, 2025.0].iter().enumerate() {
        sheet.write_number(2, 2 + col as u16, *year).unwrap();
    }
    sheet.write_string(3, 0, "Kazakhstan").unwrap();
    sheet.write_number(3, 2, 0.0043).unwrap();
    sheet.write_number(3, 3, 0.005).unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_release_is_labelled_by_its_last_data_year() {
    let tmp = TempDir::new("release-labels");
    // (importer, file name, contents or None for the SIPRI workbook, publication, edition)
    let cases: [(Read, &str, Option<&str>, i32, &str); 4] = [
        (
            wgi::read,
            "synthetic-wgi-2024.csv",
            Some("code,countryname,year,indicator,estimate\nKAZ,Kazakhstan,2023,va,-1.0\nKAZ,Kazakhstan,2024,va,-1.1\n"),
            2025,
            "WGI 2025 update",
        ),
        (
            gmi::read,
            "synthetic-gmi-2023.csv",
            Some("iso3,name,region,year,gmi_score,gmi_rank\nKAZ,Kazakhstan,Central Asia,2023,98.5,80\n"),
            2024,
            "GMI 2024",
        ),
        (
            pts::read,
            "synthetic-pts-2025.csv",
            Some("Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,PTS_A,PTS_H,PTS_S,NA_Status_A,NA_Status_H,NA_Status_S\nKazakhstan,Kazakhstan,2025,KZK,705,KAZ,398,eca,3,3,3,0,0,0\n"),
            2026,
            "PTS 2026",
        ),
        (sipri::read, "synthetic-sipri-2025.xlsx", None, 2026, "SIPRI Milex 2026"),
    ];
    for (read, name, contents, published, edition) in cases {
        let path = tmp.path().join(name);
        match contents {
            Some(text) => std::fs::write(&path, text).unwrap(),
            None => sipri_workbook(&path),
        }
        let obs = read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!obs.is_empty(), "{name}: no values");
        for o in &obs {
            assert_eq!(
                (o.published, o.edition.as_str()),
                (published, edition),
                "{name}"
            );
        }
    }
}
