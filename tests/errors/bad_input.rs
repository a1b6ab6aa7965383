//! Input that must be refused with one line and exit code 2: ambiguous country names,
//! years the data does not cover, a format a command cannot print, fact files with
//! dates in the future or codes that are no country's.

use crate::common;
use common::{fails_with, standpunkt};

fn facts(name: &str) -> String {
    format!("fixtures/broken/{name}")
}

#[test]
fn ambiguous_country_names_list_the_candidates() {
    for (command, name, candidates) in [
        ("assess", "Kongo", &["COD", "COG"][..]),
        ("assess", "Congo", &["COD", "COG"]),
        ("assess", "Korea", &["KOR", "PRK"]),
        ("report", "Kongo", &["COD", "COG"]),
        ("flips", "Korea", &["KOR", "PRK"]),
    ] {
        let mut fragments = vec!["matches several countries", "use the ISO code"];
        fragments.extend(candidates);
        fails_with(&[command, name], &fragments);
    }
    fails_with(
        &["whatif", "Congo", "--set", "cpi.score=45"],
        &["'Congo' matches several countries: DR Congo (COD), Congo (COG)"],
    );
    fails_with(
        &["explain", "Korea", "2"],
        &["South Korea (KOR), North Korea (PRK)"],
    );
}

#[test]
fn the_full_names_and_codes_still_resolve() {
    for name in [
        "COG",
        "Congo (Brazzaville)",
        "Kongo, Republik",
        "KOR",
        "Südkorea",
    ] {
        let (code, stdout, stderr) = standpunkt(&["assess", name]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(
            stdout.contains("(COG)") || stdout.contains("(KOR)"),
            "{name}"
        );
    }
}

#[test]
fn years_the_data_does_not_cover_are_refused() {
    let (first, last) = common::store()
        .0
        .years()
        .expect("the shipped data has core values");
    assert!(first <= 2015 && last >= 2025, "{first}..{last}");
    let covers = format!("outside the years the data covers: {first} to {last}");
    for args in [
        &["assess", "KAZ", "--as-of", "1800"][..],
        &["assess", "KAZ", "--as-of", "3000"],
        &["assess", "--all", "--as-of", "1800"],
        &["assess", "--all", "--years", "1980..1995"],
        &["explain", "KAZ", "2", "--as-of", "3000"],
        &["whatif", "KAZ", "--set", "cpi.score=45", "--as-of", "1800"],
        &["flips", "KAZ", "--as-of", "2999"],
        &[
            "report",
            "KAZ",
            "--as-of",
            "1800",
            "--out",
            "target/never-written",
        ],
    ] {
        fails_with(args, &[&covers, "choose a year in that range"]);
    }
    // check has printed that the rules load before it reads the data.
    let (code, _, stderr) = standpunkt(&["check", "--years", "1900..1901"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--years: 1900 is outside the years the data covers"),
        "{stderr}"
    );
    assert!(!std::path::Path::new("target/never-written").exists());
}

#[test]
fn explain_refuses_csv() {
    let (code, stdout, stderr) = standpunkt(&["explain", "KAZ", "2", "--format", "csv"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("invalid value 'csv'") && stderr.contains("text, json"),
        "{stderr}"
    );
}

#[test]
fn fact_files_with_future_dates_or_unknown_codes_are_refused() {
    for (file, fragments) in [
        (
            "future-judgment.toml",
            &[
                "future-judgment.toml",
                "'judgment.emergency_lethal_force' has year = 2027, after as_of = \"2024\"",
            ][..],
        ),
        (
            "future-as-of.toml",
            &["as_of = \"2099-01\" lies in the future"],
        ),
        (
            "unknown-iso3.toml",
            &["iso3 = \"KZK\" is not a country in indicators/countries.csv"],
        ),
        (
            "unknown-list-code.toml",
            &["'conflict.neighbours' lists \"RUX\", which is not a country code"],
        ),
    ] {
        fails_with(&["assess", "--facts", &facts(file)], fragments);
        fails_with(&["explain", "--facts", &facts(file), "4"], fragments);
    }
}

#[test]
fn only_a_synthetic_file_may_name_a_made_up_country() {
    let dir = common::TempDir::new("made-up-country");
    let file = dir.path().join("xsy.toml");
    let synthetic = std::fs::read_to_string(facts("cpi-39.toml")).unwrap();
    assert!(synthetic.contains("iso3 = \"XSY\"") && synthetic.contains("synthetic = true"));
    let (code, _, stderr) = standpunkt(&["assess", "--facts", &facts("cpi-39.toml")]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::write(
        &file,
        synthetic.replace("synthetic = true", "synthetic = false"),
    )
    .unwrap();
    fails_with(
        &["assess", "--facts", file.to_str().unwrap()],
        &["iso3 = \"XSY\" is not a country in indicators/countries.csv"],
    );
}
