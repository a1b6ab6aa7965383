//! The HTML reports: a snapshot of the Kazakhstan page, deterministic output, the
//! `report` command in both languages, the rule-set version and `rescore --html`.
//! (tests/browser.rs opens the pages in a real browser.)

mod common;

use common::copy_dir;
use common::TempDir;

use common::repo;
use standpunkt::present::report::{self, Report};
use standpunkt::Lang;
use std::process::Command;

/// Runs the binary from the crate root; returns stdout after asserting success.
fn standpunkt(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_standpunkt"))
        .args(args)
        .current_dir(repo("."))
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Kazakhstan's page as `report KAZ` writes it, as of the default year.
fn kazakhstan(lang: Lang) -> String {
    let rules = common::rules();
    let (store, registry) = common::store();
    let report = Report {
        rules: &rules,
        store: &store,
        registry: &registry,
        rules_hash: report::rules_hash(&repo("rules")).unwrap(),
        lang,
        year: store.default_as_of.year,
    };
    report.country("KAZ").unwrap()
}

/// The whole page, so that a change to a rule, a threshold, the data or the templates
/// shows up in review as the reader would see it.
#[test]
fn kazakhstan_page_snapshot() {
    let html = kazakhstan(Lang::De);
    insta::assert_snapshot!("KAZ-page", html);
}

#[test]
fn kazakhstan_page_shows_the_brief_with_words_and_the_rule_set_version() {
    let html = kazakhstan(Lang::De);
    let hash = report::rules_hash(&repo("rules")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(html.contains(&format!("Regelwerk <code>{hash}</code>")));
    assert!(html.contains("<span>Stand 2025</span>"));
    let words = [
        "nicht_kritisch\">nicht kritisch",
        "kritisch\">kritisch",
        "kritisch\">kritisch",
        "moeglicherweise_kritisch\">möglicherweise kritisch",
        "nicht_kritisch\">nicht kritisch",
        "nicht_kritisch\">nicht kritisch",
        "moeglicherweise_kritisch\">möglicherweise kritisch",
        "nicht_kritisch\">nicht kritisch",
    ];
    for (i, word) in words.iter().enumerate() {
        let row = format!("<tr data-criterion=\"{}\">", i + 1);
        let start = html.find(&row).unwrap_or_else(|| panic!("row {}", i + 1));
        let end = start + html[start..].find("</tr>").unwrap();
        assert!(html[start..end].contains(word), "{}", &html[start..end]);
    }
    // Values with their sources, the trace collapsed, no network resources.
    assert!(html.contains("<td class=\"value\">40</td><td>2024</td><td>CPI 2024</td>"));
    assert_eq!(html.matches("<details>").count(), 8);
    for external in ["http://", "https://", "<link", "src="] {
        let outside_svg_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(
            !outside_svg_namespace.contains(external),
            "the page must open without network: found {external}"
        );
    }
    // The four charts, with the thresholds the rules use.
    for id in ["fh.total", "cpi.score", "hdi.value", "gmi.rank"] {
        assert!(html.contains(&format!("<figure class=\"chart\" id=\"chart-{id}\">")));
    }
    for threshold in [
        "cpi_kritisch = 30 (Kriterium 7)",
        "cpi_moeglich = 50 (Kriterium 7)",
        "hdi_low = 0,55 (Kriterium 8)",
        "hdi_very_high = 0,8 (Kriterium 8)",
        "gmi_rank_high = 30 (Kriterium 8)",
    ] {
        assert!(html.contains(threshold), "{threshold}");
    }
}

#[test]
fn english_pages_translate_labels_and_reasons() {
    let html = kazakhstan(Lang::En);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for text in [
        "Assessment under Common Position 2008/944/CFSP",
        "<span>As of 2025</span>",
        "Rule set <code>",
        "data-rating=\"kritisch\">critical</span>",
        "data-rating=\"moeglicherweise_kritisch\">possibly critical</span>",
        "Ratings over time",
        "Values used",
        "rates the country \"not free\"",
    ] {
        let escaped = text.replace('"', "&quot;");
        assert!(
            html.contains(text) || html.contains(&escaped),
            "missing: {text}"
        );
    }
    assert!(!html.contains("Begründungen"));
}

#[test]
fn output_is_deterministic_and_the_cli_writes_what_the_library_renders() {
    let first = kazakhstan(Lang::De);
    assert_eq!(first, kazakhstan(Lang::De), "same input, same bytes");
    let tmp = TempDir::new("cli");
    let out = tmp.path().to_str().unwrap();
    let stdout = standpunkt(&["report", "KAZ", "--out", out]);
    assert!(stdout.contains("KAZ.html"), "{stdout}");
    let written = std::fs::read_to_string(tmp.path().join("KAZ.html")).unwrap();
    assert_eq!(written, first);
    // By name as well as by code; and again: the same bytes.
    standpunkt(&["report", "Kasachstan", "--out", out]);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("KAZ.html")).unwrap(),
        first
    );
    let en = standpunkt(&["--lang", "en", "report", "KAZ", "--out", out]);
    assert!(en.contains("KAZ.html"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("KAZ.html")).unwrap(),
        kazakhstan(Lang::En)
    );
}

#[test]
fn site_has_an_overview_and_a_page_per_country_written_the_same_twice() {
    let rules = common::rules();
    let (store, registry) = common::store();
    let report = Report {
        rules: &rules,
        store: &store,
        registry: &registry,
        rules_hash: "000000000000".into(),
        lang: Lang::De,
        year: 2025,
    };
    let countries: Vec<String> = ["AFG", "DEU", "KAZ", "UKR"].map(String::from).to_vec();
    let (a, b) = (TempDir::new("site-a"), TempDir::new("site-b"));
    let written = report.write(&countries, a.path(), true).unwrap();
    report.write(&countries, b.path(), true).unwrap();
    assert_eq!(written.pages.len(), 4);
    for name in ["index.html", "AFG.html", "DEU.html", "KAZ.html", "UKR.html"] {
        let (x, y) = (
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between two runs");
    }
    let index = std::fs::read_to_string(a.path().join("index.html")).unwrap();
    assert_eq!(index.matches("<tr class=\"country\"").count(), 4);
    for iso3 in &countries {
        assert!(index.contains(&format!("<a href=\"{iso3}.html\">")));
    }
    // Rows in name order without script; Germany's row shows its ratings as letters.
    let afg = index.find("data-iso3=\"AFG\"").unwrap();
    let deu = index.find("data-iso3=\"DEU\"").unwrap();
    let kaz = index.find("data-iso3=\"KAZ\"").unwrap();
    assert!(
        afg < deu && deu < kaz,
        "Afghanistan, Deutschland, Kasachstan"
    );
    let kaz_page = std::fs::read_to_string(a.path().join("KAZ.html")).unwrap();
    assert!(kaz_page.contains("<a href=\"index.html\">"));
    // The single page is the site page less the link to the overview.
    assert!(!kazakhstan(Lang::De).contains("href=\"index.html\""));
}

#[test]
fn rules_hash_covers_names_and_contents_of_the_rules_folder() {
    let hash = report::rules_hash(&repo("rules")).unwrap();
    assert_eq!(hash.len(), 12);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
    let tmp = TempDir::new("hash");
    for entry in std::fs::read_dir(repo("rules")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
    }
    assert_eq!(report::rules_hash(tmp.path()).unwrap(), hash);
    let script = tmp.path().join("c7_wiederausfuhr.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    std::fs::write(&script, format!("{text}\n")).unwrap();
    assert_ne!(report::rules_hash(tmp.path()).unwrap(), hash);
}

/// README's example: raising cpi_kritisch moves Kazakhstan's criterion 7 to "kritisch";
/// `rescore --html` lists it in the page style, and the text output is unchanged.
#[test]
fn rescore_writes_the_changes_as_a_page() {
    let tmp = TempDir::new("rescore");
    copy_dir(&repo("indicators"), &tmp.path().join("indicators"));
    copy_dir(&repo("rules"), &tmp.path().join("rules"));
    let criteria = tmp.path().join("rules/criteria.toml");
    let text = std::fs::read_to_string(&criteria).unwrap();
    let raised = text.replace(
        "cpi_kritisch = { value = 30,",
        "cpi_kritisch = { value = 41,",
    );
    assert_ne!(text, raised);
    std::fs::write(&criteria, raised).unwrap();
    let page = tmp.path().join("changes.html");
    let dir = |p: &str| tmp.path().join(p).to_str().unwrap().to_string();
    let stdout = standpunkt(&[
        "--indicators",
        &dir("indicators"),
        "--rules",
        &dir("rules"),
        "--catalog",
        &dir("indicators/catalog.toml"),
        "rescore",
        "--html",
        page.to_str().unwrap(),
    ]);
    assert!(
        stdout.contains("Kasachstan (KAZ), Kriterium 7: möglicherweise kritisch → kritisch"),
        "{stdout}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    let hash = report::rules_hash(&tmp.path().join("rules")).unwrap();
    assert!(html.contains(&format!("Regelwerk <code>{hash}</code>")));
    let row = html
        .split("<tr class=\"change\">")
        .find(|r| r.contains("Kasachstan (KAZ)"))
        .expect("a row for Kazakhstan");
    assert!(row.contains("7. Unerlaubte Wiederausfuhr"), "{row}");
    let old = row.find("data-rating=\"moeglicherweise_kritisch\">möglicherweise kritisch");
    let new = row.find("data-rating=\"kritisch\">kritisch");
    assert!(old.is_some() && new.is_some() && old < new, "{row}");
    let changes = stdout
        .lines()
        .filter(|l| l.contains(", Kriterium "))
        .count();
    assert_eq!(html.matches("<tr class=\"change\">").count(), changes);
}

/// `rescore --as-of` re-scores as of another year than the lock's, says so, and with
/// `--accept` moves the lock to that year; a plain `rescore` then compares as of it.
#[test]
fn rescore_as_of_another_year_moves_the_lock() {
    let tmp = TempDir::new("rescore-as-of");
    let indicators = tmp.path().join("indicators");
    copy_dir(&repo("indicators"), &indicators);
    let on = |args: &[&str]| {
        let mut all = vec!["--indicators", indicators.to_str().unwrap(), "rescore"];
        all.extend(args);
        standpunkt(&all)
    };
    let lock = || std::fs::read_to_string(indicators.join("ratings.lock")).unwrap();
    let year_of = |text: &str| text.lines().nth(1).unwrap()[..4].to_string();
    assert_eq!(year_of(&lock()), "2025");
    let moved = on(&["--as-of", "2024", "--accept"]);
    assert!(
        moved.starts_with(
            "neu bewertet zum Stand 2024; ratings.lock enthält die Bewertungen zum Stand 2025\n"
        ),
        "{moved}"
    );
    assert!(moved.contains(" ratings as of 2024 in "), "{moved}");
    let text = lock();
    assert!(
        text.lines().skip(1).all(|l| l.starts_with("2024,")),
        "every rating as of 2024"
    );
    assert_eq!(
        on(&[]),
        "keine Änderung: alle Bewertungen wie in ratings.lock\n",
        "a plain rescore compares as of the lock's year"
    );
}

/// `rescore --as-of` a year in which values age out: each change gives its new reason,
/// the values its age limit dropped are listed under one note naming that limit, values
/// restated for the new year (same value and edition) are counted instead of listed, and
/// the first line counts the ratings that only ageing moved. The HTML page says the same.
#[test]
fn rescore_says_which_values_aged_out() {
    let tmp = TempDir::new("rescore-aged");
    let page = tmp.path().join("changes.html");
    let run = |lang: &str| {
        standpunkt(&[
            "--lang",
            lang,
            "rescore",
            "--as-of",
            "2026",
            "--html",
            page.to_str().unwrap(),
        ])
    };
    let de = run("de");
    let first = de.lines().nth(1).unwrap();
    assert!(
        first.contains("Bewertung(en) geändert, davon ")
            && first.ends_with(" nur, weil Werte zum Stand 2026 zu alt sind:"),
        "{first}"
    );
    let afghanistan = de
        .split("\n\n")
        .find(|b| b.starts_with("Afghanistan (AFG), Kriterium 6: "))
        .expect("Afghanistan's criterion 6 moves as of 2026");
    let lines: Vec<&str> = afghanistan.lines().collect();
    assert!(
        lines[1].starts_with("   Grund: Nicht bewertbar: "),
        "{afghanistan}"
    );
    let note = "   jetzt fehlend (der Wert für 2014 ist älter als die 11 Jahre, die [max_age.treaty] in data.toml zum Stand 2026 zulässt):";
    let at = lines.iter().position(|l| *l == note).expect(afghanistan);
    assert_eq!(
        lines[at + 1],
        "      treaty.hostages: true (UNTC 2015, 2014)"
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains("älter als")).count(),
        1,
        "one note for the values one limit dropped: {afghanistan}"
    );
    assert!(
        !afghanistan.contains("treaty.att:"),
        "a status restated for 2026 is not listed: {afghanistan}"
    );
    assert!(
        lines.last().unwrap().starts_with("   dazu ")
            && lines.last().unwrap().ends_with(
                " Wert(e) mit gleichem Wert und gleicher Ausgabe, nur für ein anderes Jahr"
            ),
        "{afghanistan}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    let row = html
        .split("<tr class=\"change\">")
        .find(|r| r.contains("Afghanistan (AFG)") && r.contains("6. "))
        .expect("a row for Afghanistan's criterion 6");
    assert!(
        row.contains("<p class=\"reason\">Nicht bewertbar: "),
        "{row}"
    );
    assert!(
        row.contains("→ <strong>fehlt</strong> <span class=\"small\">(der Wert für 2014 ist älter als die 11 Jahre"),
        "{row}"
    );
    assert!(
        row.contains(
            " Werte mit gleichem Wert und gleicher Ausgabe, nur für ein anderes Jahr</li>"
        ),
        "{row}"
    );

    let en = run("en");
    assert!(
        en.contains("   now missing (the value for 2014 is older than the 11 years [max_age.treaty] in data.toml allows as of 2026):\n      treaty.hostages: true (UNTC 2015, 2014)\n"),
        "{en}"
    );
    assert!(en
        .lines()
        .nth(1)
        .unwrap()
        .ends_with(" of them only because values are too old as of 2026:"));
}

#[test]
fn an_unknown_country_is_a_usage_error_that_writes_nothing() {
    let tmp = TempDir::new("unknown");
    let out = Command::new(env!("CARGO_BIN_EXE_standpunkt"))
        .args(["report", "Kasachstn", "--out"])
        .arg(tmp.path().join("pages"))
        .current_dir(repo("."))
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean Kasachstan (KAZ)?"),
        "{stderr}"
    );
    assert!(!tmp.path().join("pages").exists());
}
