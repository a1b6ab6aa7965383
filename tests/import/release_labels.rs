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

/// An importer that reads one release's years (UCDP, the GSDB, Geo-PKO, troopdata) names a year
/// after them as a newer release than the one it reads, with the row, instead of a bare
/// "outside": each case is the shipped excerpt with the year of one data row (the first
/// that holds `marker`: a row the importer reads, without quoted commas) moved one past
/// the release.
#[test]
fn a_year_after_the_release_is_named_as_a_newer_release() {
    use standpunkt::data::import::{
        geopko, sanctions, ucdp, ucdp_nonstate, ucdp_onesided, us_troops,
    };
    let tmp = TempDir::new("newer-years");
    // (importer, excerpt, delimiter, year column, marker, a year past the release, named)
    let cases: [(Read, &str, char, &str, &str, &str, &str); 6] = [
        (
            sanctions::read,
            "gsdb-sanctions/GSDB_V3.csv",
            ',',
            "end",
            "Armenia,OSCE",
            "2023",
            "2022, the last year of GSDB V3",
        ),
        (
            ucdp::read,
            "ucdp/UcdpPrioConflict_v25_1.csv",
            ';',
            "year",
            "",
            "2025",
            "2024, the last year of UCDP/PRIO ACD 25.1",
        ),
        (
            ucdp_onesided::read,
            "ucdp-onesided/OneSided_v25_1-excerpt.csv",
            ',',
            "year",
            ",Government of Russia",
            "2025",
            "2024, the last year of UCDP OSV 25.1",
        ),
        (
            ucdp_nonstate::read,
            "ucdp-nonstate/Nonstate_v23_1-excerpt.csv",
            ',',
            "\"year\"",
            "",
            "\"2023\"",
            "2022, the last year of UCDP NSC 23.1",
        ),
        (
            geopko::read,
            "un-peacekeeping-geopko/FrontMap-excerpt.csv",
            ',',
            "year",
            "",
            "2025",
            "2024, the last year of Geo-PKO v2.3",
        ),
        (
            us_troops::read,
            "us-troops/troopdata-excerpt.csv",
            ',',
            "year",
            "",
            "2026",
            "2025, the last year of troopdata 2026 (DMDC)",
        ),
    ];
    for (read, excerpt, delimiter, column, marker, later, named) in cases {
        let text = std::fs::read_to_string(crate::import_common::fixture(excerpt)).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let at = lines[0]
            .trim_start_matches('\u{feff}')
            .split(delimiter)
            .position(|c| c == column)
            .unwrap_or_else(|| panic!("{excerpt}: no {column} column"));
        let line = 1 + lines[1..]
            .iter()
            .position(|l| l.contains(marker))
            .unwrap_or_else(|| panic!("{excerpt}: no row with {marker:?}"));
        let mut cells: Vec<String> = lines[line].split(delimiter).map(str::to_string).collect();
        cells[at] = later.to_string();
        lines[line] = cells.join(&delimiter.to_string());
        let path = tmp.path().join(excerpt.replace('/', "-"));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let err = crate::import_common::malformed_at(read(&path), line + 1);
        let message = err.to_string();
        for part in [
            format!("year {} is after {named}", later.trim_matches('"')),
            "a newer release needs the importer's edition and years updated".to_string(),
        ] {
            assert!(
                message.contains(&part),
                "{excerpt}: {part:?} not in {message}"
            );
        }
    }
}
