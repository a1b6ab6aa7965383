//! A publisher's ZIP archive imports as the data file inside it: the same outcome as the
//! file unzipped, errors that name the file inside the archive and its row, and archives
//! that do not hold one data file refused with what they hold.

use crate::common::{self, copy_dir, repo, TempDir};
use std::io::Write;
use std::path::Path;

/// A ZIP archive at `path` holding `entries` (name, bytes).
fn zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut archive = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        archive
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        archive.write_all(bytes).unwrap();
    }
    archive.finish().unwrap();
}

#[test]
fn an_archive_imports_as_the_file_inside_it() {
    let tmp = TempDir::new("archive");
    let dir = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &dir);
    let indicators = dir.to_str().unwrap();
    let cpi = std::fs::read(repo("fixtures/import/pipeline/synthetic-cpi2024-kaz.csv")).unwrap();
    let malformed =
        std::fs::read(repo("fixtures/import/pipeline/synthetic-malformed.csv")).unwrap();
    // The archive's dry run says what the unzipped file's says.
    let plain = repo("fixtures/import/pipeline/synthetic-cpi2024-kaz.csv");
    let zipped = tmp.path().join("synthetic-cpi2024.zip");
    zip(
        &zipped,
        &[
            ("CPI2024/", b""),
            ("CPI2024/synthetic-cpi2024-kaz.csv", &cpi),
        ],
    );
    let dry = |file: &Path| {
        common::standpunkt(&[
            "--indicators",
            indicators,
            "import",
            "cpi",
            file.to_str().unwrap(),
            "--dry-run",
        ])
    };
    let (code, from_zip, err) = dry(&zipped);
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_zip, dry(&plain).1);
    assert!(
        from_zip.contains("Kasachstan (KAZ), Kriterium 7"),
        "{from_zip}"
    );
    // What cannot be imported, and what the message says.
    let two = tmp.path().join("two.zip");
    zip(
        &two,
        &[("a.csv", &cpi), ("b.csv", &cpi), ("readme.pdf", b"%PDF")],
    );
    let none = tmp.path().join("none.zip");
    zip(&none, &[("readme.pdf", b"%PDF")]);
    let broken = tmp.path().join("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04 not really").unwrap();
    let bad_row = tmp.path().join("bad-row.zip");
    zip(&bad_row, &[("inner/synthetic-malformed.csv", &malformed)]);
    let before = std::fs::read_to_string(dir.join("cpi/values.csv")).unwrap();
    for (file, fragment) in [
        (&two, "the archive holds a.csv, b.csv, readme.pdf: 2 data files (csv, tsv, txt, xlsx, xls) where an import reads one — unzip it"),
        (&none, "the archive holds readme.pdf: 0 data files"),
        (&broken, "not a readable ZIP archive"),
        (&bad_row, "bad-row.zip/inner/synthetic-malformed.csv:"),
    ] {
        common::fails_with(
            &["--indicators", indicators, "import", "cpi", file.to_str().unwrap()],
            &[fragment],
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("cpi/values.csv")).unwrap(),
        before,
        "nothing written"
    );
}
