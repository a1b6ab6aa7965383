//! Nothing lost or faked in silence, for every source in `sources::SOURCES` (a source
//! added there is covered without touching this file): from each source's shipped raw
//! file, four broken files are derived — header only, empty, cut at a line end, one
//! country's rows removed — and importing each into a copy of the shipped `indicators/`
//! must exit 2 and leave the copy byte for byte as it was.
//!
//! A workbook is turned into CSV first (its largest sheet), which the importers read by
//! content as well; a source that is a folder has every CSV file in it broken the same
//! way. Needs `../shared/data/raw` (skipped without it, a failure under CI).

use crate::common;
use crate::import_common;

use common::copy_dir;
use common::{repo, TempDir};
use standpunkt::data::importer::SourceSpec;
use standpunkt::model::codes::{correlates_of_war, gleditsch_ward};
use standpunkt::model::countries::Registry;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` (relative path → bytes; a folder → empty).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if path.is_dir() {
                out.insert(rel, Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A text file's lines (with their line ends) and delimiter. A workbook becomes the CSV
/// lines of the first sheet the source's importer reads on its own as CSV (else of the
/// largest sheet).
fn text_lines(spec: &SourceSpec, path: &Path) -> (Vec<String>, char) {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(b"PK") {
        return text_file_lines(&bytes);
    }
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut sheets: Vec<String> = book
        .worksheets()
        .into_iter()
        .map(|(_, range)| sheet_csv(&range))
        .collect();
    let probe = std::env::temp_dir().join(format!(
        "standpunkt-refusals-probe-{}-{}.csv",
        std::process::id(),
        spec.name
    ));
    let readable = sheets.iter().position(|text| {
        std::fs::write(&probe, text).unwrap();
        (spec.read)(&probe).is_ok_and(|o| !o.is_empty())
    });
    let _ = std::fs::remove_file(&probe);
    let index = readable.unwrap_or_else(|| {
        (0..sheets.len())
            .max_by_key(|&i| sheets[i].len())
            .expect("a workbook has a sheet")
    });
    let text = sheets.swap_remove(index);
    (
        text.split_inclusive('\n').map(str::to_string).collect(),
        ',',
    )
}

fn sheet_csv(range: &calamine::Range<calamine::Data>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let fields: Vec<String> = row
            .iter()
            .map(|c| match c {
                calamine::Data::Empty => String::new(),
                calamine::Data::Float(x) if x.fract() == 0.0 => format!("{x:.0}"),
                other => other.to_string(),
            })
            .collect();
        writer.write_record(&fields).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn text_file_lines(bytes: &[u8]) -> (Vec<String>, char) {
    let text: String = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    // The delimiter the header uses, which may stand below title lines (IEADB): the one
    // that is most frequent on any of the first lines.
    let delimiter = [',', ';', '\t', '|']
        .into_iter()
        .max_by_key(|d| text.lines().take(20).map(|l| l.matches(*d).count()).max())
        .unwrap();
    (
        text.split_inclusive('\n').map(str::to_string).collect(),
        delimiter,
    )
}

/// The four ways a file can be broken, each from the file's lines.
/// (lines, delimiter, the removed country's names) → the broken file's text.
type Break = fn(&[String], char, &[String]) -> String;

const BREAKS: &[(&str, Break)] = &[
    ("header only", |lines, _, _| lines[0].clone()),
    ("empty", |_, _, _| String::new()),
    ("cut at a line end", |lines, _, _| {
        lines[..lines.len() / 2].concat()
    }),
    ("a country's rows removed", |lines, delimiter, names| {
        let mut out = lines[0].clone();
        for line in &lines[1..] {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter as u8)
                .from_reader(line.as_bytes());
            let hit = reader
                .records()
                .flatten()
                .any(|record| record.iter().any(|f| names.iter().any(|n| n == f.trim())));
            if !hit {
                out.push_str(line);
            }
        }
        out
    }),
];

/// The names the source writes for the country it has most values for (a resolvable
/// country, not an aggregate), in every spelling the file uses for it.
fn most_covered_country(spec: &SourceSpec, file: &Path, registry: &Registry) -> Vec<String> {
    let observations = (spec.read)(file).unwrap();
    let mut by_iso: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    for o in &observations {
        if let Ok(c) = registry.resolve(&o.country) {
            let entry = by_iso.entry(c.iso3.clone()).or_default();
            entry.0 += 1;
            if !entry.1.contains(&o.country) {
                entry.1.push(o.country.clone());
            }
        }
    }
    let (_, (_, names)) = by_iso
        .into_iter()
        .max_by_key(|(iso, (n, _))| (*n, std::cmp::Reverse(iso.clone())))
        .expect("the shipped file has a country");
    let mut names = names;
    // A code-keyed file names the country by code elsewhere in the row too, and a file
    // read through a code table (UCDP, the coup data) by its state number or full name.
    if let Ok(c) = registry.resolve(&names[0]) {
        let c = c.clone();
        names.push(c.iso3.clone());
        names.extend([c.name_en.clone(), format!("Government of {}", c.name_en)]);
        names.extend(c.variants.iter().cloned());
        for table in [gleditsch_ward(), correlates_of_war()] {
            let codes = table
                .iter()
                .filter(|s| s.iso3.as_deref() == Some(c.iso3.as_str()));
            names.extend(codes.map(|s| s.code.to_string()));
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Writes the broken copy of `raw` (a file, or every CSV file of a folder) to `out`.
fn broken_copy(
    spec: &SourceSpec,
    raw: &Path,
    out: &Path,
    case: usize,
    names: &[String],
) -> PathBuf {
    let break_file = |from: &Path, to: &Path| {
        let (lines, delimiter) = text_lines(spec, from);
        std::fs::write(to, (BREAKS[case].1)(&lines, delimiter, names)).unwrap();
    };
    if raw.is_dir() {
        copy_dir(raw, out);
        fn csvs(dir: &Path, found: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    csvs(&p, found);
                } else if p.extension().is_some_and(|x| x == "csv") {
                    found.push(p);
                }
            }
        }
        let mut found = Vec::new();
        csvs(out, &mut found);
        for f in found {
            break_file(&f.clone(), &f);
        }
        out.to_path_buf()
    } else {
        let file = out.join(raw.file_name().unwrap()).with_extension("csv");
        std::fs::create_dir_all(out).unwrap();
        break_file(raw, &file);
        file
    }
}

#[test]
fn every_source_refuses_broken_files_and_writes_nothing() {
    if import_common::without_raw() {
        return;
    }
    let registry = Registry::load(&repo("indicators/countries.csv")).unwrap();
    let mut failures = Vec::new();
    for spec in standpunkt::data::sources::SOURCES {
        let raw = import_common::raw(spec.raw);
        assert!(
            raw.exists(),
            "{}: shipped raw file {} missing",
            spec.name,
            raw.display()
        );
        let names = most_covered_country(spec, &raw, &registry);
        let tmp = TempDir::new(&format!("refusals-{}", spec.name));
        let indicators = tmp.path().join("indicators");
        copy_dir(&repo("indicators"), &indicators);
        let before = snapshot(&indicators);
        for (case, (what, _)) in BREAKS.iter().enumerate() {
            let file = broken_copy(
                spec,
                &raw,
                &tmp.path().join(format!("case{case}")),
                case,
                &names,
            );
            let (code, stdout, stderr) = common::standpunkt(&[
                "--indicators",
                indicators.to_str().unwrap(),
                "import",
                spec.name,
                file.to_str().unwrap(),
            ]);
            if code != 2 {
                failures.push(format!(
                    "{} / {what}: exit {code}, stdout {stdout:?}, stderr {stderr:?}",
                    spec.name
                ));
            }
            if snapshot(&indicators) != before {
                failures.push(format!("{} / {what}: indicators/ changed", spec.name));
                std::fs::remove_dir_all(&indicators).unwrap();
                copy_dir(&repo("indicators"), &indicators);
            }
            eprintln!("{} / {what}: {}", spec.name, stderr.trim_end());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
