//! Text output for people: the ratings table with reasons, and a rule's trace.

use crate::assessment::{Assessment, CriterionResult};
use crate::catalog::Catalog;
use crate::facts::Fact;
use crate::rating::Lang;
use crate::trace::Step;
use crate::value::Value;
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
    let _ = writeln!(out, "{title}: {} ({as_of_w} {})", a.iso3, a.as_of);
    if a.synthetic {
        let _ = writeln!(out, "*** {} ***", words(lang)[11]);
    }
    let rows: Vec<(String, &str)> = a
        .criteria
        .iter()
        .map(|c| {
            (
                format!("{}. {}", c.number, c.title(lang)),
                c.rating.label(lang),
            )
        })
        .collect();
    let width = rows
        .iter()
        .map(|(t, _)| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(criterion_w.len());
    let _ = writeln!(out, "\n{criterion_w:<width$} | {rating_w}");
    let _ = writeln!(out, "{}-+-{}", "-".repeat(width), "-".repeat(24));
    for (title, label) in &rows {
        let _ = writeln!(out, "{title:<width$} | {label}");
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
                        fact_text(fact, lang)
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

/// "NF (2024; FIW 2024; brief, Box 8)"; booleans in the reader's language.
fn fact_text(fact: &Fact, lang: Lang) -> String {
    let mut about = Vec::new();
    if let Some(year) = fact.year {
        about.push(year.to_string());
    }
    if let Some(edition) = &fact.edition {
        about.push(edition.clone());
    }
    about.push(fact.source.clone());
    let value = match (&fact.value, lang) {
        (Value::Bool(b), Lang::De) => (if *b { "ja" } else { "nein" }).to_string(),
        (Value::Bool(b), Lang::En) => (if *b { "yes" } else { "no" }).to_string(),
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
                fact_text(fact, lang)
            ),
            Step::Missing { indicator, .. } => {
                format!(
                    "{reads_w:<9} {} — {missing_w}",
                    indicator_name(catalog, indicator, lang)
                )
            }
            Step::Param { name, value, .. } => format!("{param_w:<9} {name} = {value}"),
            Step::Test { label, outcome, .. } => {
                format!("{tests_w:<9} {label} → {}", if *outcome { yes } else { no })
            }
            Step::Conclude { rating, .. } => format!("{result_w:<9} {}", rating.label(lang)),
        };
        let _ = writeln!(out, "  {line_w} {:<4} {what}", step.line());
    }
    out
}
