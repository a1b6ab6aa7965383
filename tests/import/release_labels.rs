//! An annual release is labelled as what it is: a series (PTS, SIPRI, GMI, WGI) by its own
//! last data year, a UCDP file or Powell & Thyne's coup list by the release its `version`
//! column names, the HDI table by the report UNDP's file name gives. The publisher's
//! next release, read by the same importer, gets its own edition and publication year
//! instead of the label of the release the importer was written for. Each case is a
//! synthetic file one release past the shipped one.

use crate::common::TempDir;
use standpunkt::data::import::{gmi, hdi, pts, sipri, wgi, ImportError, Observation};
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
    let cases: [(Read, &str, Option<&str>, i32, &str); 5] = [
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
        (
            hdi::read,
            "HDR25_synthetic-composite-indices.csv",
            Some("iso3,country,hdicode,region,hdi_rank_2023,hdi_2022,hdi_2023\nKAZ,Kazakhstan,Very High,ECA,60,0.80,0.81\n"),
            2025,
            "HDR 2025",
        ),
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

/// An importer that reads one release's years names a year after them, with the row,
/// instead of a bare "outside": the GSDB, Geo-PKO and troopdata as a newer release than the
/// one the importer is written for, a UCDP file or Powell & Thyne's list as a row that its
/// own `version` column contradicts. Each case is the shipped excerpt with the year of one data row (the first
/// that holds `marker`: a row the importer reads, without quoted commas) moved one past
/// the release.
#[test]
fn a_year_after_the_release_is_named_as_a_newer_release() {
    use standpunkt::data::import::{
        coups, geopko, sanctions, ucdp, ucdp_nonstate, ucdp_onesided, us_troops,
    };
    let tmp = TempDir::new("newer-years");
    const NEWER: &str = "a newer release needs the importer's edition and years updated";
    const CONTRADICTED: &str =
        "the release the file's version column names — the row belongs to a later release";
    // (importer, excerpt, delimiter, (year column, marker, a year past the release),
    // named, what to do)
    let cases: [(Read, &str, char, Moved, &str, &str); 7] = [
        (
            coups::read_powell_thyne,
            "coups-powell-thyne/powell_thyne_coups_final-excerpt.txt",
            '\t',
            ("year", "\"Cuba\"", "2021"),
            "2020, the last year of Powell & Thyne 2020.10.13",
            CONTRADICTED,
        ),
        (
            sanctions::read,
            "gsdb-sanctions/GSDB_V3.csv",
            ',',
            ("end", "Armenia,OSCE", "2023"),
            "2022, the last year of GSDB V3",
            NEWER,
        ),
        (
            ucdp::read,
            "ucdp/UcdpPrioConflict_v25_1.csv",
            ';',
            ("year", "", "2025"),
            "2024, the last year of UCDP/PRIO ACD 25.1",
            CONTRADICTED,
        ),
        (
            ucdp_onesided::read,
            "ucdp-onesided/OneSided_v25_1-excerpt.csv",
            ',',
            ("year", ",Government of Russia", "2025"),
            "2024, the last year of UCDP OSV 25.1",
            CONTRADICTED,
        ),
        (
            ucdp_nonstate::read,
            "ucdp-nonstate/Nonstate_v23_1-excerpt.csv",
            ',',
            ("\"year\"", "", "\"2023\""),
            "2022, the last year of UCDP NSC 23.1",
            CONTRADICTED,
        ),
        (
            geopko::read,
            "un-peacekeeping-geopko/FrontMap-excerpt.csv",
            ',',
            ("year", "", "2025"),
            "2024, the last year of Geo-PKO v2.3",
            NEWER,
        ),
        (
            us_troops::read,
            "us-troops/troopdata-excerpt.csv",
            ',',
            ("year", "", "2026"),
            "2025, the last year of troopdata 2026 (DMDC)",
            NEWER,
        ),
    ];
    for (read, excerpt, delimiter, moved, named, advice) in cases {
        let (text, row) = relabelled(excerpt, delimiter, None, Some(moved));
        let path = tmp.path().join(excerpt.replace('/', "-"));
        std::fs::write(&path, text).unwrap();
        let err = crate::import_common::malformed_at(read(&path), row.unwrap());
        let message = err.to_string();
        for part in [
            format!("year {} is after {named}", moved.2.trim_matches('"')),
            advice.to_string(),
        ] {
            assert!(
                message.contains(&part),
                "{excerpt}: {part:?} not in {message}"
            );
        }
    }
}

/// (year column, marker, new year): the year of the first data row that holds `marker` (a
/// row the importer reads, without quoted commas) set to the new year.
type Moved = (&'static str, &'static str, &'static str);
/// (the `version` cells' release, the one they are set to).
type Versions = (&'static str, &'static str);

/// The shipped excerpt with every `version` cell (the last column of the three UCDP files)
/// that says `from` set to `to`, and one row `moved`; with the 1-based row of the moved one.
fn relabelled(
    excerpt: &str,
    delimiter: char,
    versions: Option<Versions>,
    moved: Option<Moved>,
) -> (String, Option<usize>) {
    let text = std::fs::read_to_string(crate::import_common::fixture(excerpt)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if let Some((from, to)) = versions {
        for line in lines.iter_mut().skip(1) {
            if let Some((rest, last)) = line.rsplit_once(delimiter) {
                if last.trim_matches('"') == from {
                    *line = format!("{rest}{delimiter}{to}");
                }
            }
        }
    }
    let mut row = None;
    if let Some((column, marker, year)) = moved {
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
        cells[at] = year.to_string();
        lines[line] = cells.join(&delimiter.to_string());
        row = Some(line + 1);
    }
    (lines.join("\n") + "\n", row)
}

/// A UCDP file or Powell & Thyne's list is labelled by the release its `version` column
/// names: the shipped excerpt as the next release (every version cell changed, one row
/// moved into the new last year) imports under that release's edition and publication
/// year, its new year included.
#[test]
fn a_file_is_labelled_by_the_release_its_version_column_names() {
    use standpunkt::data::import::{coups, ucdp, ucdp_nonstate, ucdp_onesided};
    let tmp = TempDir::new("ucdp-release");
    // (importer, excerpt, delimiter, (version, next), moved into the new last year,
    // edition, publication year)
    let cases: [(Read, &str, char, Versions, Moved, &str, i32); 4] = [
        (
            ucdp::read,
            "ucdp/UcdpPrioConflict_v25_1.csv",
            ';',
            ("25.1", "26.1"),
            ("year", "", "2025"),
            "UCDP/PRIO ACD 26.1",
            2026,
        ),
        (
            ucdp_onesided::read,
            "ucdp-onesided/OneSided_v25_1-excerpt.csv",
            ',',
            ("25.1", "26.1"),
            ("year", ",Government of Russia", "2025"),
            "UCDP OSV 26.1",
            2026,
        ),
        (
            ucdp_nonstate::read,
            "ucdp-nonstate/Nonstate_v23_1-excerpt.csv",
            ',',
            ("23.1", "\"24.1\""),
            ("\"year\"", "", "\"2023\""),
            "UCDP NSC 24.1",
            2024,
        ),
        (
            coups::read_powell_thyne,
            "coups-powell-thyne/powell_thyne_coups_final-excerpt.txt",
            '\t',
            ("V2020.10.13", "\"V2025.06.30\""),
            ("year", "\"Cuba\"", "2025"),
            "Powell & Thyne 2025.06.30",
            2025,
        ),
    ];
    for (read, excerpt, delimiter, versions, moved, edition, published) in cases {
        let path = tmp.path().join(excerpt.replace('/', "-"));
        let (text, _) = relabelled(excerpt, delimiter, Some(versions), Some(moved));
        std::fs::write(&path, text).unwrap();
        let obs = read(&path).unwrap_or_else(|e| panic!("{excerpt}: {e}"));
        for o in &obs {
            assert_eq!(
                (o.published, o.edition.as_str()),
                (published, edition),
                "{excerpt}: {o:?}"
            );
        }
        let year: i32 = moved.2.trim_matches('"').parse().unwrap();
        assert!(
            obs.iter().any(|o| o.year == year),
            "{excerpt}: nothing for {year}, the new release's last year"
        );
    }
}

/// A UCDP file or Powell & Thyne's list that does not name one release cannot be
/// labelled: a row naming another release, a version that is not a release number, or no
/// version column at all.
#[test]
fn a_file_without_one_release_is_refused() {
    use standpunkt::data::import::{coups, ucdp, ucdp_nonstate, ucdp_onesided};
    let tmp = TempDir::new("ucdp-no-release");
    const UCDP: [&str; 3] = [
        "the file mixes UCDP releases",
        "expected a UCDP release number such as \"25.1\", found \"v25\"",
        "no column 'version': UCDP's files name their release in it",
    ];
    // (importer, excerpt, delimiter, what the mixed, the garbled and the cut file are told)
    let excerpts: [(Read, &str, char, [&str; 3]); 4] = [
        (ucdp::read, "ucdp/UcdpPrioConflict_v25_1.csv", ';', UCDP),
        (
            ucdp_onesided::read,
            "ucdp-onesided/OneSided_v25_1-excerpt.csv",
            ',',
            UCDP,
        ),
        (
            ucdp_nonstate::read,
            "ucdp-nonstate/Nonstate_v23_1-excerpt.csv",
            ',',
            UCDP,
        ),
        (
            coups::read_powell_thyne,
            "coups-powell-thyne/powell_thyne_coups_final-excerpt.txt",
            '\t',
            [
                "the file mixes Powell & Thyne releases",
                "expected a date such as \"V2020.10.13\", found \"v25\"",
                "no column 'version': Powell & Thyne's files name their release in it",
            ],
        ),
    ];
    for (read, excerpt, delimiter, [mixes, garbles, cuts]) in excerpts {
        let (text, _) = relabelled(excerpt, delimiter, None, None);
        let lines: Vec<&str> = text.lines().collect();
        // The second data row names release 26.1.
        let mut mixed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let (rest, _) = mixed[2].rsplit_once(delimiter).unwrap();
        mixed[2] = format!("{rest}{delimiter}26.1");
        // The first data row's version is no release number.
        let mut garbled: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let (rest, _) = garbled[1].rsplit_once(delimiter).unwrap();
        garbled[1] = format!("{rest}{delimiter}v25");
        // Every line without its last column.
        let cut: Vec<String> = lines
            .iter()
            .map(|l| {
                l.rsplit_once(delimiter)
                    .map_or(*l, |(rest, _)| rest)
                    .to_string()
            })
            .collect();
        for (name, lines, row, fragment) in [
            ("mixed", mixed, Some(3), mixes),
            ("garbled", garbled, Some(2), garbles),
            ("cut", cut, None, cuts),
        ] {
            let path = tmp
                .path()
                .join(format!("{name}-{}", excerpt.replace('/', "-")));
            std::fs::write(&path, lines.join("\n") + "\n").unwrap();
            let result = read(&path);
            let err = match row {
                Some(row) => crate::import_common::malformed_at(result, row),
                None => result.expect_err("a file without a version column"),
            };
            assert!(
                err.to_string().contains(fragment),
                "{name} {excerpt}: {fragment:?} not in {err}"
            );
        }
    }
}

/// The next UCDP release imports without a code change: its dry run compares as of its
/// publication year too, and it is what an assessment as of that year reads. The file is
/// the shipped ACD 25.1 made into a synthetic 26.1, in a temporary folder only, written
/// as UCDP ships it (a comma CSV, quoted where a field holds a comma, in a ZIP archive;
/// the shipped copy is a `;` re-save): every version cell 26.1, and 2024's rows again
/// for 2025.
#[test]
fn the_next_ucdp_release_imports_and_is_read() {
    use crate::import_common::{raw, without_raw};
    if without_raw() {
        return;
    }
    let tmp = TempDir::new("ucdp-next");
    let dir = tmp.path().join("indicators");
    crate::common::copy_dir(&crate::common::repo("indicators"), &dir);
    let shipped = std::fs::read_to_string(raw("ucdp/UcdpPrioConflict_v25_1.csv")).unwrap();
    let file = tmp.path().join("synthetic-UcdpPrioConflict_v26_1.csv");
    let mut next = csv::Writer::from_path(&file).unwrap();
    for line in shipped.lines() {
        let mut cells: Vec<&str> = line.split(';').collect();
        if cells.last() == Some(&"25.1") {
            *cells.last_mut().unwrap() = "26.1";
        }
        next.write_record(&cells).unwrap();
        if cells.get(10) == Some(&"2024") {
            cells[10] = "2025";
            next.write_record(&cells).unwrap();
        }
    }
    next.flush().unwrap();
    drop(next);
    let csv = std::fs::read(&file).unwrap();
    assert!(
        csv.starts_with(b"conflict_id,location,side_a,"),
        "a comma CSV"
    );
    // In a ZIP archive, as UCDP's download page gives it.
    let file = tmp.path().join("synthetic-ucdp-prio-acd-261-csv.zip");
    let mut archive = zip::ZipWriter::new(std::fs::File::create(&file).unwrap());
    archive
        .start_file(
            "UcdpPrioConflict_v26_1.csv",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    std::io::Write::write_all(&mut archive, &csv).unwrap();
    archive.finish().unwrap();
    let on = |args: &[&str]| {
        let mut all = vec!["--indicators", dir.to_str().unwrap()];
        all.extend(args);
        crate::common::standpunkt(&all)
    };
    // The dry run also compares as of 2026, the year the release is first published.
    let (code, out, err) = on(&["import", "ucdp", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "no rating would change (as of 2025)",
        "would change (as of 2026)",
        "the import holds values first published in 2026, after 2025, the year of the ratings of record: after the import, `standpunkt rescore --as-of 2026` re-scores every country as of 2026",
    ] {
        assert!(out.contains(line), "{line:?} not in {out}");
    }
    let (code, out, err) = on(&["import", "ucdp", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("ucdp: imported") && out.contains("editions UCDP/PRIO ACD 26.1;"),
        "{out}"
    );
    // Once in place, the same file moves nothing in any year: one comparison, no advice.
    let (code, again, err) = on(&["import", "ucdp", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        again.contains("ucdp: unchanged (this data is already imported)")
            && again.ends_with("\nno rating would change (as of 2025)\n"),
        "{again}"
    );
    let meta = std::fs::read_to_string(dir.join("ucdp/source.toml")).unwrap();
    for line in [
        "editions = [\"UCDP/PRIO ACD 26.1\"]",
        "a country-year it does not list had none (filled for 2000–2025).",
    ] {
        assert!(meta.contains(line), "{line:?} not in {meta}");
    }
    // `import all` leaves the newer release in place instead of going back to the shipped file.
    let (code, all, err) = on(&["import", "all"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        all.contains("ucdp: skipped — indicators/ucdp was imported from synthetic-ucdp-prio-acd-261-csv.zip, not the shipped ucdp/UcdpPrioConflict_v25_1.csv"),
        "{all}"
    );
    assert!(std::fs::read_to_string(dir.join("ucdp/source.toml"))
        .unwrap()
        .contains("UCDP/PRIO ACD 26.1"));
    let (code, out, err) = on(&["explain", "KAZ", "3", "--as-of", "2026"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("[conflict.internal] = kein innerstaatlicher bewaffneter Konflikt (none) (2025; UCDP/PRIO ACD 26.1;"),
        "{out}"
    );
}
