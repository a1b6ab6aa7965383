//! Integrity at load: a broken `indicators/` folder is an error with file and row (exit 2),
//! never a silent winner, also where `indicators/.snapshot` was current before the edit.
//! Each case edits a copy of the shipped folder; one line per case.

use crate::common;

use common::copy_dir;
use common::{fails_with, repo, TempDir};
use std::path::Path;

fn append(path: &Path, line: &str) {
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push_str(line);
    std::fs::write(path, text).unwrap();
}

type Edit = fn(&Path);

/// (case, edit of the copy, fragments of the one-line error).
const CASES: &[(&str, Edit, &[&str])] = &[
    (
        "duplicate row",
        |d| {
            append(
                &d.join("pts/values.csv"),
                "KAZ,pts.score,2024,2025,PTS 2025,3\n",
            )
        },
        &[
            "pts/values.csv:",
            "duplicate value for KAZ pts.score 2024 PTS 2025 (also line",
        ],
    ),
    (
        "unknown country code",
        |d| {
            append(
                &d.join("pts/values.csv"),
                "XYZ,pts.score,2024,2025,PTS 2025,3\n",
            )
        },
        &["pts/values.csv:8696", "unknown country code 'XYZ'"],
    ),
    (
        "value outside the catalog",
        |d| {
            append(
                &d.join("pts/values.csv"),
                "KAZ,pts.score,2030,2031,PTS 2031,9\n",
            )
        },
        &["pts/values.csv:8696", "pts.score"],
    ),
    (
        "missing source.toml",
        |d| std::fs::remove_file(d.join("pts/source.toml")).unwrap(),
        &["pts/source.toml", "has values.csv but no source.toml"],
    ),
    (
        "fact file not named by ISO3",
        |d| std::fs::rename(d.join("facts/KAZ.toml"), d.join("facts/kasachstan.toml")).unwrap(),
        &[
            "facts/kasachstan.toml",
            "'kasachstan' is not a country code",
        ],
    ),
    (
        "fact file named for another country",
        |d| std::fs::rename(d.join("facts/KAZ.toml"), d.join("facts/UZB.toml")).unwrap(),
        &["facts/UZB.toml", "named UZB.toml but says iso3 = \"KAZ\""],
    ),
    (
        "not a fact file",
        |d| std::fs::write(d.join("facts/notes.txt"), "x").unwrap(),
        &[
            "facts/notes.txt",
            "one fact file per country, named <ISO3>.toml",
        ],
    ),
];

#[test]
fn broken_data_folders_are_errors_with_file_and_row() {
    for (case, edit, fragments) in CASES {
        let tmp = TempDir::new(&format!("integrity-{}", case.replace(' ', "-")));
        let dir = tmp.path().join("indicators");
        copy_dir(&repo("indicators"), &dir);
        // A load of the unedited copy makes its snapshot current: the edit must be seen
        // through it (the values are read from the CSV files again).
        let (code, _, err) =
            common::standpunkt(&["--indicators", dir.to_str().unwrap(), "assess", "KAZ"]);
        assert_eq!(code, 0, "{case}: the unedited copy loads: {err}");
        assert!(
            dir.join(".snapshot").is_file(),
            "{case}: and has a snapshot"
        );
        edit(&dir);
        eprintln!("case: {case}");
        fails_with(
            &["--indicators", dir.to_str().unwrap(), "assess", "KAZ"],
            fragments,
        );
    }
}
