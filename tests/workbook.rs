//! The Excel workbook (`assess --all --format xlsx --out FILE`), read back with calamine:
//! every rating, count and class equals the CSV output of the same command; the reasons
//! and values sheets hold a row per criterion and per value read; header rows are frozen
//! and filtered; a failed write leaves nothing behind.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{fails_with, standpunkt, TempDir};
use standpunkt::{Lang, Rating};
use std::io::Read;
use std::path::Path;

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(x) if x.fract() == 0.0 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// Every sheet as rows of cell texts, in the workbook's order.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("the workbook opens");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet reads");
            let rows = range.rows().map(|r| r.iter().map(text).collect()).collect();
            (name, rows)
        })
        .collect()
}

/// The rating key for a word of `lang` as the workbook shows it.
fn key(word: &str, lang: Lang) -> String {
    Rating::ALL
        .iter()
        .find(|r| r.label(lang) == word)
        .unwrap_or_else(|| panic!("'{word}' is no rating word"))
        .key()
        .to_string()
}

fn class_key(word: &str) -> &'static str {
    match word {
        "dunkelrot" | "dark red" => "dark_red",
        "hellrot" | "light red" => "light_red",
        "–" => "none",
        "unvollständig" | "incomplete" => "incomplete",
        other => panic!("'{other}' is no class"),
    }
}

fn compare_with_csv(lang: Lang, years: &str) {
    let tmp = TempDir::new(&format!("workbook-{lang:?}"));
    let file = tmp.path().join("ratings.xlsx");
    let lang_arg = if lang == Lang::De { "de" } else { "en" };
    let (code, stdout, stderr) = standpunkt(&[
        "--lang",
        lang_arg,
        "assess",
        "--all",
        "--years",
        years,
        "--format",
        "xlsx",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote "), "{stdout}");
    let (code, csv, stderr) = standpunkt(&["assess", "--all", "--years", years, "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    let mut csv = csv::Reader::from_reader(csv.as_bytes());
    let csv_header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    let csv_rows: Vec<Vec<String>> = csv
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(
        csv_rows.len() > 150,
        "every country, each year: {}",
        csv_rows.len()
    );

    let sheets = sheets(&file);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        match lang {
            Lang::De => ["Bewertungen", "Begründungen", "Werte"],
            Lang::En => ["Ratings", "Reasons", "Values"],
        }
    );
    let ratings = &sheets[0].1;
    assert_eq!(
        ratings.len(),
        csv_rows.len() + 1,
        "a header and a row per assessment"
    );
    // Columns: as of, ISO3, German name, English name, 8 criteria, kritisch, class; the CSV
    // has as_of, iso3, name_de, name_en, c1..c8, kritisch, map_class.
    assert_eq!(csv_header.len(), 14);
    for (row, expected) in ratings[1..].iter().zip(&csv_rows) {
        let label = format!("{} {}", expected[1], expected[0]);
        assert_eq!(&row[..4], &expected[..4], "{label}: as of, ISO3, names");
        for c in 0..8 {
            assert_eq!(
                key(&row[4 + c], lang),
                expected[4 + c],
                "{label}, criterion {}",
                c + 1
            );
        }
        assert_eq!(row[12], expected[12], "{label}: number kritisch");
        assert_eq!(class_key(&row[13]), expected[13], "{label}: class");
    }

    // Reasons: eight per assessment, each with its rating word and a reason.
    let reasons = &sheets[1].1;
    assert_eq!(reasons.len(), 8 * csv_rows.len() + 1);
    for (i, row) in reasons[1..].iter().enumerate() {
        let expected = &csv_rows[i / 8];
        assert_eq!(row[1], expected[1]);
        assert_eq!(row[3], (i % 8 + 1).to_string(), "criterion number");
        assert_eq!(key(&row[5], lang), expected[4 + i % 8], "reason row {i}");
        assert!(!row[6].is_empty(), "a reason in row {i}");
    }

    // Values: each with an indicator id, and a source unless it is missing.
    let values = &sheets[2].1;
    assert!(values.len() > reasons.len(), "more values than criteria");
    let missing = if lang == Lang::De { "fehlt" } else { "missing" };
    for row in &values[1..] {
        assert!(row[4].contains('.'), "an indicator id: {row:?}");
        assert!(
            row[6] == missing || !row[9].is_empty(),
            "a value has its source: {row:?}"
        );
    }
    let kaz_cpi = values[1..]
        .iter()
        .find(|r| r[1] == "KAZ" && r[4] == "cpi.score")
        .expect("Kazakhstan's CPI is among the values");
    assert!(
        kaz_cpi[6].parse::<f64>().is_ok(),
        "a number stays a number: {kaz_cpi:?}"
    );
    assert!(
        kaz_cpi[8].starts_with("CPI "),
        "with its edition: {kaz_cpi:?}"
    );

    // Frozen header row and filters on, in every sheet.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    for n in 1..=3 {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(
            xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
            "sheet {n}: frozen header"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet {n}: filters");
    }
    // The rating colours of the HTML pages are the workbook's fills.
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    for rgb in [
        "FFC62828", "FFF6C343", "FF2E7D32", "FF9E9E9E", "FF7F0000", "FFF4B6B6",
    ] {
        assert!(
            styles.contains(&format!("rgb=\"{rgb}\"")),
            "fill {rgb} in styles.xml"
        );
    }
    // Nothing left beside the target.
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the workbook: {left:?}");
}

#[test]
fn workbook_ratings_equal_the_csv_german() {
    compare_with_csv(Lang::De, "2023..2024");
}

#[test]
fn workbook_ratings_equal_the_csv_english() {
    compare_with_csv(Lang::En, "2025");
}

#[test]
fn workbook_replaces_an_existing_file_and_fails_cleanly() {
    let tmp = TempDir::new("workbook-replace");
    let file = tmp.path().join("kaz.xlsx");
    std::fs::write(&file, "old").unwrap();
    let (code, _, stderr) = standpunkt(&[
        "assess",
        "KAZ",
        "--format",
        "xlsx",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let sheets = sheets(&file);
    assert_eq!(sheets[0].1.len(), 2, "a header and Kazakhstan");
    assert_eq!(sheets[0].1[1][1], "KAZ");

    // A folder that does not exist: an error, and nothing is written anywhere.
    let missing = tmp.path().join("no-such-folder").join("x.xlsx");
    fails_with(
        &[
            "assess",
            "KAZ",
            "--format",
            "xlsx",
            "--out",
            missing.to_str().unwrap(),
        ],
        &["cannot write", "no-such-folder"],
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only kaz.xlsx: {left:?}");

    fails_with(&["assess", "--all", "--format", "xlsx"], &["--out FILE"]);
    // explain has no workbook: the argument parser refuses the format and names the others.
    let (code, _, stderr) = standpunkt(&["explain", "KAZ", "2", "--format", "xlsx"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("invalid value 'xlsx'") && stderr.contains("text, json"),
        "{stderr}"
    );
    fails_with(
        &["assess", "KAZ", "--format", "csv", "--out", "x.csv"],
        &["--out goes with --format xlsx"],
    );
}
