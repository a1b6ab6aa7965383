//! Text output for people: the ratings table with reasons, and a rule's trace.

use crate::audit::rescore::{AgedOut, Change, Moved, MISSING, NOT_READ};
use crate::model::assessment::{Assessment, CriterionResult};
use crate::model::catalog::Catalog;
use crate::model::facts::Fact;
use crate::model::rating::Lang;
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::present::table::{self, Col};
use std::fmt::Write;

fn words(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::De => [
            "Bewertung",
            "Kriterium",
            "Stand",
            "Begründungen",
            "Werte",
            "fehlt",
            "Ablauf",
            "liest",
            "prüft",
            "Ergebnis",
            "Parameter",
            "SYNTHETISCHE TESTDATEN",
        ],
        Lang::En => [
            "Rating",
            "Criterion",
            "as of",
            "Reasons",
            "Values",
            "missing",
            "Trace",
            "reads",
            "tests",
            "result",
            "parameter",
            "SYNTHETIC TEST DATA",
        ],
    }
}

/// The ratings table, then per criterion the reason and the values behind it.
pub fn assessment(a: &Assessment, catalog: &Catalog, lang: Lang) -> String {
    let [rating_w, criterion_w, as_of_w, reasons_w, values_w, missing_w, ..] = words(lang);
    let mut out = String::new();
    let title = match lang {
        Lang::De => "Bewertung nach dem Gemeinsamen Standpunkt 2008/944/GASP",
        Lang::En => "Assessment under Common Position 2008/944/CFSP",
    };
    let _ = writeln!(out, "{title}: {} ({as_of_w} {})", a.country(lang), a.as_of);
    if a.synthetic {
        let _ = writeln!(out, "*** {} ***", words(lang)[11]);
    }
    let rows: Vec<Vec<String>> = a
        .criteria
        .iter()
        .map(|c| {
            vec![
                format!("{}. {}", c.number, c.title(lang)),
                c.rating.label(lang).to_string(),
            ]
        })
        .collect();
    // The rating column as wide as its longest label, whichever ratings the rows hold.
    let ratings = [Col::LEFT, Col::min(24)];
    out.push('\n');
    for line in table::ruled(&[criterion_w, rating_w], &rows, &ratings) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{reasons_w}");
    for c in &a.criteria {
        let _ = writeln!(
            out,
            "\n{}. {} — {}",
            c.number,
            c.title(lang),
            c.rating.label(lang)
        );
        let _ = writeln!(out, "   {}", c.reason(lang));
        let reads: Vec<&Step> = c
            .trace
            .iter()
            .filter(|s| matches!(s, Step::Read { .. } | Step::Missing { .. }))
            .collect();
        if !reads.is_empty() {
            let _ = writeln!(out, "   {values_w}:");
        }
        for step in reads {
            match step {
                Step::Read {
                    indicator, fact, ..
                } => {
                    let _ = writeln!(
                        out,
                        "     {} = {}",
                        indicator_name(catalog, indicator, lang),
                        fact_text(catalog, indicator, fact, lang)
                    );
                }
                Step::Missing { indicator, .. } => {
                    let _ = writeln!(
                        out,
                        "     {} — {missing_w}",
                        indicator_name(catalog, indicator, lang)
                    );
                }
                _ => {}
            }
        }
    }
    out
}

fn indicator_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    match catalog.get(id) {
        Some(ind) => format!("{} [{id}]", ind.title(lang)),
        None => id.to_string(),
    }
}

/// "nicht frei (NF) (2024; FIW 2024; brief, Box 8)": booleans in the reader's language, a
/// category value with its catalog label where it has one, the code kept for the reader who
/// looks it up in the data.
fn fact_text(catalog: &Catalog, indicator: &str, fact: &Fact, lang: Lang) -> String {
    let mut about = Vec::new();
    if let Some(year) = fact.year {
        about.push(year.to_string());
    }
    if let Some(edition) = &fact.edition {
        about.push(edition.to_string());
    }
    about.push(fact.source.to_string());
    if let Some(note) = &fact.note {
        about.push(note.clone());
    }
    let value = match (&fact.value, lang) {
        (Value::Bool(b), Lang::De) => (if *b { "ja" } else { "nein" }).to_string(),
        (Value::Bool(b), Lang::En) => (if *b { "yes" } else { "no" }).to_string(),
        (Value::Category(code), _) => match catalog.get(indicator).map(|i| i.label(code, lang)) {
            Some(label) if label != code.as_str() => format!("{label} ({code})"),
            _ => code.to_string(),
        },
        (other, _) => other.to_string(),
    };
    format!("{value} ({})", about.join("; "))
}

/// One criterion in full: rating, reason, the rule and each step it took.
pub fn explain(c: &CriterionResult, catalog: &Catalog, lang: Lang) -> String {
    let [rating_w, criterion_w, _, _, _, missing_w, trace_w, reads_w, tests_w, result_w, param_w, _] =
        words(lang);
    let (yes, no, line_w, rule_w, reason_w) = match lang {
        Lang::De => ("ja", "nein", "Z.", "Regel", "Begründung"),
        Lang::En => ("yes", "no", "l.", "Rule", "Reason"),
    };
    let mut out = String::new();
    let _ = writeln!(out, "{criterion_w} {}: {}", c.number, c.title(lang));
    let _ = writeln!(out, "{rating_w}: {}", c.rating.label(lang));
    let _ = writeln!(out, "{reason_w}: {}", c.reason(lang));
    let _ = writeln!(out, "{rule_w}: {}", c.rule);
    let _ = writeln!(out, "\n{trace_w}:");
    for step in &c.trace {
        let what = match step {
            Step::Read {
                indicator, fact, ..
            } => format!(
                "{reads_w:<9} {} = {}",
                indicator_name(catalog, indicator, lang),
                fact_text(catalog, indicator, fact, lang)
            ),
            Step::Missing { indicator, .. } => {
                format!(
                    "{reads_w:<9} {} — {missing_w}",
                    indicator_name(catalog, indicator, lang)
                )
            }
            Step::Param { name, value, .. } => format!("{param_w:<9} {name} = {value}"),
            Step::Test { outcome, .. } => format!(
                "{tests_w:<9} {} → {}",
                c.test_label(step, lang).unwrap_or_default(),
                if *outcome { yes } else { no }
            ),
            Step::Conclude { rating, .. } => format!("{result_w:<9} {}", rating.label(lang)),
        };
        let _ = writeln!(out, "  {line_w} {:<4} {what}", step.line());
    }
    out
}

/// One letter per rating, for the all-country matrix.
fn letter(rating: crate::model::rating::Rating) -> char {
    use crate::model::rating::Rating::*;
    match rating {
        Kritisch => 'K',
        MoeglicherweiseKritisch => 'M',
        NichtKritisch => 'N',
        NichtBewertbar => '?',
    }
}

/// Every country × criterion for one year, then the population counts.
pub fn matrix(assessments: &[Assessment], lang: Lang) -> String {
    use crate::model::assessment::MapClass;
    use crate::model::rating::Rating;
    let mut out = String::new();
    let (country_w, kritisch_w, gaps_w, class_w, legend) = match lang {
        Lang::De => (
            "Land",
            "kritisch",
            "n. bew.",
            "Klasse",
            "K = kritisch, M = möglicherweise kritisch, N = nicht kritisch, ? = nicht bewertbar",
        ),
        Lang::En => (
            "Country",
            "critical",
            "n/a",
            "class",
            "K = critical, M = possibly critical, N = not critical, ? = not assessable",
        ),
    };
    let class_name = |c: MapClass| match (c, lang) {
        (MapClass::DarkRed, Lang::De) => "dunkelrot",
        (MapClass::LightRed, Lang::De) => "hellrot",
        (MapClass::DarkRed, Lang::En) => "dark red",
        (MapClass::LightRed, Lang::En) => "light red",
        (MapClass::Incomplete, Lang::De) => "unvollständig",
        (MapClass::Incomplete, Lang::En) => "incomplete",
        (MapClass::None, _) => "-",
    };
    let mut years: Vec<String> = assessments.iter().map(|a| a.as_of.to_string()).collect();
    years.dedup();
    for year in years {
        let rows: Vec<&Assessment> = assessments
            .iter()
            .filter(|a| a.as_of.to_string() == year)
            .collect();
        let numbers: String = rows.first().map_or(String::new(), |a| {
            a.criteria
                .iter()
                .map(|c| c.number.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let _ = writeln!(
            out,
            "{} {year}   ({legend})\n",
            if lang == Lang::De { "Stand" } else { "As of" }
        );
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|a| {
                let letters: Vec<String> = a
                    .criteria
                    .iter()
                    .map(|c| letter(c.rating).to_string())
                    .collect();
                vec![
                    a.country(lang),
                    letters.join(" "),
                    a.count(Rating::Kritisch).to_string(),
                    a.count(Rating::NichtBewertbar).to_string(),
                    class_name(a.map_class()).to_string(),
                ]
            })
            .collect();
        let header = [country_w, &numbers, kritisch_w, gaps_w, class_w];
        let columns = [Col::LEFT, Col::LEFT, Col::RIGHT, Col::RIGHT, Col::LEFT];
        for line in table::spaced(Some(&header), &cells, &columns) {
            let _ = writeln!(out, "{line}");
        }
        out.push_str(&population(&rows, lang));
        out.push('\n');
    }
    out
}

/// How many countries fall in each rating per criterion, and in BICC's two classes.
pub fn population(rows: &[&Assessment], lang: Lang) -> String {
    use crate::model::assessment::MapClass;
    use crate::model::rating::Rating;
    let mut out = String::new();
    let Some(first) = rows.first() else {
        return out;
    };
    let header = match lang {
        Lang::De => "Kriterium  kritisch  möglich.  nicht k.  n. bewertbar",
        Lang::En => "Criterion  critical  possibly  not crit  not assessable",
    };
    let _ = writeln!(out, "\n{header}");
    let counts: Vec<Vec<String>> = first
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let count = |r: Rating| {
                let n = rows.iter().filter(|a| a.criteria[i].rating == r).count();
                n.to_string()
            };
            vec![
                c.number.to_string(),
                count(Rating::Kritisch),
                count(Rating::MoeglicherweiseKritisch),
                count(Rating::NichtKritisch),
                count(Rating::NichtBewertbar),
            ]
        })
        .collect();
    // Fixed widths under the header line above (its last word may be wider than 13).
    let right = |min| Col { right: true, min };
    let columns = [right(9), right(8), right(8), right(8), right(13)];
    for line in table::spaced(None, &counts, &columns) {
        let _ = writeln!(out, "{line}");
    }
    // Each country in exactly one class, so the counts add up to the countries.
    let classes: Vec<String> = MapClass::ALL
        .iter()
        .filter(|&&class| class != MapClass::Incomplete || first.max_not_assessable.is_some())
        .map(|&class| {
            let n = rows.iter().filter(|a| a.map_class() == class).count();
            format!("{} {n}", class_label(class, first.max_not_assessable, lang))
        })
        .collect();
    let _ = match lang {
        Lang::De => writeln!(out, "{} Länder: {}", rows.len(), classes.join(", ")),
        Lang::En => writeln!(out, "{} countries: {}", rows.len(), classes.join(", ")),
    };
    out
}

/// A class with what puts a country in it: "hellrot (1–3 kritisch)".
pub fn class_label(
    class: crate::model::assessment::MapClass,
    max_not_assessable: Option<usize>,
    lang: Lang,
) -> String {
    use crate::model::assessment::MapClass;
    let max = max_not_assessable.unwrap_or(0);
    match (class, lang) {
        (MapClass::DarkRed, Lang::De) => "dunkelrot (≥ 4 kritisch)".into(),
        (MapClass::LightRed, Lang::De) => "hellrot (1–3 kritisch)".into(),
        (MapClass::None, Lang::De) => match max_not_assessable {
            Some(max) => format!("keine (0 kritisch, ≤ {max} nicht bewertbar)"),
            None => "keine (0 kritisch)".into(),
        },
        (MapClass::Incomplete, Lang::De) => {
            format!("unvollständig (0 kritisch, > {max} nicht bewertbar)")
        }
        (MapClass::DarkRed, Lang::En) => "dark red (≥ 4 critical)".into(),
        (MapClass::LightRed, Lang::En) => "light red (1–3 critical)".into(),
        (MapClass::None, Lang::En) => match max_not_assessable {
            Some(max) => format!("none (0 critical, ≤ {max} not assessable)"),
            None => "none (0 critical)".into(),
        },
        (MapClass::Incomplete, Lang::En) => {
            format!("incomplete (0 critical, > {max} not assessable)")
        }
    }
}

/// year, country, the eight ratings and the class, one row per assessment.
pub fn csv(assessments: &[Assessment]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["as_of", "iso3", "name_de", "name_en"]
        .map(String::from)
        .to_vec();
    if let Some(first) = assessments.first() {
        header.extend(first.criteria.iter().map(|c| format!("c{}", c.number)));
    }
    header.extend(["kritisch", "map_class"].map(String::from));
    writer.write_record(&header).expect("writing to memory");
    for a in assessments {
        let mut row = vec![
            a.as_of.to_string(),
            a.iso3.clone(),
            a.name_de.clone().unwrap_or_default(),
            a.name_en.clone().unwrap_or_default(),
        ];
        row.extend(a.criteria.iter().map(|c| c.rating.key().to_string()));
        row.push(a.count(crate::model::rating::Rating::Kritisch).to_string());
        let class = serde_json::to_value(a.map_class()).expect("serialises");
        row.push(class.as_str().unwrap_or_default().to_string());
        writer.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flush to memory")).expect("UTF-8")
}

/// What became of an import, for its report line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Written to `indicators/`.
    Imported,
    /// `indicators/` already held exactly this data: nothing written (or to write).
    Unchanged,
    /// A dry run of data that differs from what `indicators/` holds.
    WouldImport,
}

impl ImportOutcome {
    /// The outcome of an import that wrote (`written`) or found its data in place.
    pub fn of(written: bool) -> ImportOutcome {
        match written {
            true => ImportOutcome::Imported,
            false => ImportOutcome::Unchanged,
        }
    }
}

/// One line per imported source.
pub fn import_report(
    report: &crate::data::importer::ImportReport,
    outcome: ImportOutcome,
) -> String {
    let mut line = format!(
        "{}: {} — {} values for {} countries, editions {}",
        report.source,
        match outcome {
            ImportOutcome::Imported => "imported",
            ImportOutcome::Unchanged => "unchanged (this data is already imported)",
            ImportOutcome::WouldImport => "would import",
        },
        report.records,
        report.countries,
        report.editions.join(", ")
    );
    if !report.ignored.is_empty() {
        let ignored: Vec<String> = report
            .ignored
            .iter()
            .map(|(n, rows)| format!("{n} ({rows} rows)"))
            .collect();
        let _ = write!(line, "; ignored as not countries: {}", ignored.join(", "));
    }
    line
}

/// The line above `rescore --as-of`'s changes when the lock holds another year.
pub fn rescored_as_of(year: i32, lock_year: i32, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "neu bewertet zum Stand {year}; ratings.lock enthält die Bewertungen zum Stand {lock_year}"
        ),
        Lang::En => format!("re-scored as of {year}; ratings.lock holds the ratings as of {lock_year}"),
    }
}

/// What `rescore` found as of `year`: each moved rating with its new reason and the inputs
/// that moved (and why a value dropped out, where its age did).
pub fn changes(
    changes: &[Change],
    registry: &crate::model::countries::Registry,
    year: i32,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let label = |r: Option<crate::model::rating::Rating>| match (r, lang) {
        (Some(r), _) => r.label(lang).to_string(),
        (None, Lang::De) => "(keine)".to_string(),
        (None, Lang::En) => "(none)".to_string(),
    };
    if changes.is_empty() {
        out.push_str(match lang {
            Lang::De => "keine Änderung: alle Bewertungen wie in ratings.lock\n",
            Lang::En => "no change: every rating as in ratings.lock\n",
        });
        return out;
    }
    let aged = changes.iter().filter(|c| c.only_aged_out()).count();
    let _ = match (lang, aged) {
        (Lang::De, 0) => writeln!(out, "{} Bewertung(en) geändert:", changes.len()),
        (Lang::En, 0) => writeln!(out, "{} rating(s) changed:", changes.len()),
        (Lang::De, _) => writeln!(
            out,
            "{} Bewertung(en) geändert, davon {aged} nur, weil Werte zum Stand {year} zu alt sind:",
            changes.len()
        ),
        (Lang::En, _) => writeln!(
            out,
            "{} rating(s) changed, {aged} of them only because values are too old as of {year}:",
            changes.len()
        ),
    };
    for c in changes {
        let country = registry.get(&c.iso3);
        let name = crate::model::assessment::country_label(
            &c.iso3,
            country.map(|c| c.name_de.as_str()),
            country.map(|c| c.name_en.as_str()),
            lang,
        );
        let word = if lang == Lang::De {
            "Kriterium"
        } else {
            "criterion"
        };
        let _ = writeln!(
            out,
            "\n{name}, {word} {}: {} → {}",
            c.criterion,
            label(c.old),
            label(c.new)
        );
        if let Some(now) = &c.now {
            let word = if lang == Lang::De { "Grund" } else { "reason" };
            let _ = writeln!(out, "   {word}: {}", now.reason(lang));
        }
        // Values that dropped out for the same age limit are listed under one note.
        let mut aged: Vec<(&AgedOut, Vec<&Moved>)> = Vec::new();
        for m in &c.moved {
            let Some(a) = &m.aged_out else {
                let (old, new) = (recorded(&m.old, lang), recorded(&m.new, lang));
                let _ = writeln!(out, "   {}: {old} → {new}", m.indicator);
                continue;
            };
            match aged.iter_mut().find(|(key, _)| *key == a) {
                Some((_, group)) => group.push(m),
                None => aged.push((a, vec![m])),
            }
        }
        for (a, group) in &aged {
            let now = if lang == Lang::De {
                "jetzt fehlend"
            } else {
                "now missing"
            };
            let why = aged_out(a, year, lang);
            let _ = writeln!(out, "   {now} ({why}):");
            for m in group {
                let _ = writeln!(out, "      {}: {}", m.indicator, recorded(&m.old, lang));
            }
        }
        if c.restated > 0 {
            let _ = match lang {
                Lang::De => writeln!(
                    out,
                    "   dazu {} Wert(e) mit gleichem Wert und gleicher Ausgabe, nur für ein anderes Jahr",
                    c.restated
                ),
                Lang::En => writeln!(
                    out,
                    "   and {} value(s) with the same value and edition, only for another year",
                    c.restated
                ),
            };
        }
    }
    out
}

/// A value as `ratings.lock` records it, its two words in the reader's language.
pub fn recorded(value: &str, lang: Lang) -> &str {
    match (value, lang) {
        (MISSING, Lang::De) => "fehlt",
        (NOT_READ, Lang::De) => "nicht gelesen",
        _ => value,
    }
}

/// Why a value dropped out: "the value for 2014 is older than the 11 years
/// [max_age.treaty] in data.toml allows as of 2026".
pub fn aged_out(aged: &AgedOut, as_of: i32, lang: Lang) -> String {
    let AgedOut {
        family,
        year,
        limit,
    } = aged;
    match lang {
        Lang::De => format!(
            "der Wert für {year} ist älter als die {limit} Jahre, die [max_age.{family}] in data.toml zum Stand {as_of} zulässt"
        ),
        Lang::En => format!(
            "the value for {year} is older than the {limit} years [max_age.{family}] in data.toml allows as of {as_of}"
        ),
    }
}

/// The reviewer's part of `check`: coverage, monotonicity, failures.
pub fn lint(report: &crate::audit::check::Report, lang: Lang) -> String {
    let de = lang == Lang::De;
    let mut out = String::new();
    let years = match (report.years.first(), report.years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{} {} {} × {} ({years}), {} {}:",
        if de {
            "Abdeckung über"
        } else {
            "Coverage over"
        },
        report.countries,
        if de { "Länder" } else { "countries" },
        report.years.len(),
        report.evaluations,
        if de { "Auswertungen" } else { "evaluations" },
    );
    for c in &report.coverage {
        let reached = c.conclusions.values().filter(|n| **n > 0).count();
        let both = c.tests.values().filter(|(t, f)| *t > 0 && *f > 0).count();
        let _ = writeln!(
            out,
            "  {} {} ({}): {reached}/{} {}, {both}/{} {}",
            if de { "Kriterium" } else { "criterion" },
            c.criterion,
            c.rule,
            c.conclusions.len(),
            if de {
                "Schlüsse erreicht"
            } else {
                "conclusions reached"
            },
            c.tests.len(),
            if de {
                "Prüfungen in beide Richtungen"
            } else {
                "tests both ways"
            },
        );
        for (line, function) in c.unreached() {
            let _ = writeln!(
                out,
                "      {} {line}: {function}(..) {}",
                if de { "Zeile" } else { "line" },
                if de {
                    "— von keinem Land erreicht"
                } else {
                    "— reached by no country"
                }
            );
        }
        for (line, never) in c.one_sided() {
            let _ = writeln!(
                out,
                "      {} {line}: test() {} {}",
                if de { "Zeile" } else { "line" },
                if de { "nie" } else { "never" },
                match (never, de) {
                    (true, true) => "wahr",
                    (false, true) => "falsch",
                    (true, false) => "true",
                    (false, false) => "false",
                }
            );
        }
    }
    if report.violations.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if de {
                "Monotonie: keine Verletzung (jeder geordnete Indikator über seinen Wertebereich, alles andere gleich)"
            } else {
                "Monotonicity: no violation (every ordered indicator stepped across its range, all else equal)"
            }
        );
    } else {
        let _ = writeln!(
            out,
            "{} {}:",
            if de {
                "Monotonie verletzt:"
            } else {
                "Monotonicity violated:"
            },
            report.violations.len()
        );
        for v in &report.violations {
            let (gives, but) = if de {
                ("ergibt", "der schlechtere Wert")
            } else {
                ("gives", "the worse value")
            };
            let _ = writeln!(
                out,
                "  {} {}, {} {}: {} {} {gives} {}, {but} {} {gives} {}",
                if de { "Kriterium" } else { "criterion" },
                v.criterion,
                v.iso3,
                v.year,
                v.indicator,
                v.better.0,
                v.better.1.label(lang),
                v.worse.0,
                v.worse.1.label(lang),
            );
        }
    }
    for f in &report.failures {
        let _ = writeln!(
            out,
            "  {} {} {} {}: {}",
            if de { "Fehler" } else { "failure" },
            f.criterion,
            f.iso3,
            f.year,
            f.message
        );
    }
    out
}
