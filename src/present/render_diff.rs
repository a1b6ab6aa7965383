//! Output of `standpunkt diff`: text for the terminal and Markdown for a review
//! (JSON is [`crate::audit::diff::Diff::to_json`]).

use crate::audit::diff::{Change, Diff, Divergence, Outcome};
use crate::model::rating::Lang;
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::present::table::{self, Col};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Words of the report, per language.
struct Words {
    title: &'static str,
    countries: &'static str,
    year_one: &'static str,
    years: &'static str,
    criteria: &'static str,
    evaluations: &'static str,
    criterion: &'static str,
    changed: &'static str,
    transitions: &'static str,
    reason_only: &'static str,
    trace_only: &'static str,
    no_change: &'static str,
    rating_changes: &'static str,
    reason_changes: &'static str,
    first: &'static str,
    deciding: &'static str,
    new_reason: &'static str,
    country: &'static str,
    year: &'static str,
    old: &'static str,
    new: &'static str,
    lines: &'static str,
    line: &'static str,
    reads: &'static str,
    missing: &'static str,
    param: &'static str,
    tests: &'static str,
    result: &'static str,
    ends: &'static str,
    yes: &'static str,
    no: &'static str,
    same_trace: &'static str,
    more: &'static str,
    added: &'static str,
    removed: &'static str,
    data_toml: &'static str,
    q: (&'static str, &'static str),
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::De => Words {
            title: "Regelvergleich",
            countries: "Länder",
            year_one: "Jahr",
            years: "Jahre",
            criteria: "Kriterien",
            evaluations: "Bewertungen je Regelsatz",
            criterion: "Kriterium",
            changed: "geändert",
            transitions: "alt → neu",
            reason_only: "nur Begründung",
            trace_only: "nur Ablauf",
            no_change: "Keine Bewertung geändert.",
            rating_changes: "Geänderte Bewertungen",
            reason_changes: "Nur die Begründung geändert (Bewertung gleich), nach erster Abweichung",
            first: "erste Abweichung",
            deciding: "entscheidender Test",
            new_reason: "neue Begründung",
            country: "Land",
            year: "Jahr",
            old: "alt",
            new: "neu",
            lines: "Z. alt → neu",
            line: "Z.",
            reads: "liest",
            missing: "fehlt",
            param: "Parameter",
            tests: "prüft",
            result: "Ergebnis",
            ends: "(Ablauf endet)",
            yes: "ja",
            no: "nein",
            same_trace: "Abläufe gleich",
            more: "weitere",
            added: "Neue Kriterien",
            removed: "Entfallene Kriterien",
            data_toml: "Hinweis: data.toml unterscheidet sich; beide Regelsätze werden mit der Datenauswahl der neuen Regeln bewertet.",
            q: ("„", "“"),
        },
        Lang::En => Words {
            title: "Rule diff",
            countries: "countries",
            year_one: "year",
            years: "years",
            criteria: "criteria",
            evaluations: "evaluations per rule set",
            criterion: "Criterion",
            changed: "changed",
            transitions: "old → new",
            reason_only: "reason only",
            trace_only: "trace only",
            no_change: "No rating changed.",
            rating_changes: "Changed ratings",
            reason_changes: "Reason changed only (rating the same), by first divergence",
            first: "first divergence",
            deciding: "deciding test",
            new_reason: "new reason",
            country: "Country",
            year: "Year",
            old: "old",
            new: "new",
            lines: "l. old → new",
            line: "l.",
            reads: "reads",
            missing: "missing",
            param: "parameter",
            tests: "test",
            result: "result",
            ends: "(trace ends)",
            yes: "yes",
            no: "no",
            same_trace: "traces equal",
            more: "more",
            added: "New criteria",
            removed: "Removed criteria",
            data_toml: "Note: data.toml differs; both rule sets are assessed with the new rules' data selection.",
            q: ("\"", "\""),
        },
    }
}

/// A step as (kind, subject, value): the first two say what it is, the last what came out.
/// `side` words a test with the texts of the rule set that took the step.
fn parts(step: &Step, side: &Outcome, lang: Lang) -> (&'static str, String, String) {
    let w = words(lang);
    match step {
        Step::Read {
            indicator, fact, ..
        } => {
            let value = match &fact.value {
                Value::Bool(true) => w.yes.to_string(),
                Value::Bool(false) => w.no.to_string(),
                other => other.to_string(),
            };
            (w.reads, indicator.to_string(), value)
        }
        Step::Missing { indicator, .. } => (w.reads, indicator.to_string(), w.missing.to_string()),
        Step::Param { name, value, .. } => (w.param, name.to_string(), value.to_string()),
        Step::Test { outcome, .. } => (
            w.tests,
            format!(
                "{}{}{}",
                w.q.0,
                side.test_label(step, lang).unwrap_or_default(),
                w.q.1
            ),
            (if *outcome { w.yes } else { w.no }).to_string(),
        ),
        Step::Conclude { rating, .. } => (w.result, String::new(), rating.label(lang).to_string()),
    }
}

fn head(kind: &str, subject: &str) -> String {
    if subject.is_empty() {
        kind.to_string()
    } else {
        format!("{kind} {subject}")
    }
}

/// The divergence without lines: `Parameter cpi_kritisch: 30 → 35` where both sides took
/// the same kind of step on the same subject, else both steps in full.
pub fn divergence_text(c: &Change, lang: Lang) -> String {
    let w = words(lang);
    let Some(d) = c.divergence.as_ref() else {
        return w.same_trace.to_string();
    };
    let side = |s: &Option<Step>, outcome: &Outcome| match s {
        Some(step) => {
            let (kind, subject, value) = parts(step, outcome, lang);
            match step {
                Step::Test { .. } | Step::Missing { .. } => {
                    format!("{} → {value}", head(kind, &subject))
                }
                Step::Conclude { .. } => format!("{kind} {value}"),
                _ => format!("{} = {value}", head(kind, &subject)),
            }
        }
        None => w.ends.to_string(),
    };
    match (&d.old, &d.new) {
        (Some(a), Some(b)) => {
            let (ka, sa, va) = parts(a, &c.old, lang);
            let (kb, sb, vb) = parts(b, &c.new, lang);
            if ka == kb && sa == sb {
                format!("{}: {va} → {vb}", head(ka, &sa))
            } else {
                format!("{} ⇒ {}", side(&d.old, &c.old), side(&d.new, &c.new))
            }
        }
        _ => format!("{} ⇒ {}", side(&d.old, &c.old), side(&d.new, &c.new)),
    }
}

/// "18 → 18", "– → 21" where a side has no step.
fn lines_text(d: Option<&Divergence>) -> String {
    let line = |s: &Option<Step>| s.as_ref().map_or("–".to_string(), |s| s.line().to_string());
    match d {
        Some(d) => format!("{} → {}", line(&d.old), line(&d.new)),
        None => "–".to_string(),
    }
}

fn years_text(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn transitions_text(diff: &Diff, k: usize, lang: Lang) -> String {
    let text = diff.criteria[k]
        .transitions
        .iter()
        .map(|t| format!("{} → {}: {}", t.old.label(lang), t.new.label(lang), t.count))
        .collect::<Vec<_>>()
        .join("; ");
    if text.is_empty() {
        "–".to_string()
    } else {
        text
    }
}

/// The deciding test, where it is not already the first divergence:
/// `prüft „CPI unter 30: …“ nein → „CPI unter 35: …“ ja (Z. 20 → 20)`.
fn deciding_text(c: &Change, lang: Lang) -> Option<String> {
    let pair = c.deciding_test.as_ref()?;
    let first = c.divergence.as_ref()?;
    if first.old.as_ref() == Some(&pair.old) && first.new.as_ref() == Some(&pair.new) {
        return None;
    }
    let (kind, old_label, old_outcome) = parts(&pair.old, &c.old, lang);
    let (_, new_label, new_outcome) = parts(&pair.new, &c.new, lang);
    let w = words(lang);
    let text = if old_label == new_label {
        format!("{kind} {old_label}: {old_outcome} → {new_outcome}")
    } else {
        format!("{kind} {old_label} {old_outcome} → {new_label} {new_outcome}")
    };
    Some(format!(
        "{text} ({} {} → {})",
        w.line,
        pair.old.line(),
        pair.new.line()
    ))
}

/// Reason-only changes grouped by criterion and what they diverge on.
fn reason_groups(diff: &Diff, lang: Lang) -> BTreeMap<(u32, String), Vec<&Change>> {
    let mut groups: BTreeMap<(u32, String), Vec<&Change>> = BTreeMap::new();
    for c in &diff.reason_changes {
        let what = format!(
            "{} ({} {})",
            divergence_text(c, lang),
            words(lang).line,
            lines_text(c.divergence.as_ref())
        );
        groups.entry((c.criterion, what)).or_default().push(c);
    }
    groups
}

/// At most `n` "KAZ 2025" items, then "… and k more".
fn sample(changes: &[&Change], n: usize, w: &Words) -> String {
    let mut items: Vec<String> = changes
        .iter()
        .take(n)
        .map(|c| format!("{} {}", c.iso3, c.year))
        .collect();
    if changes.len() > n {
        items.push(format!("… +{} {}", changes.len() - n, w.more));
    }
    items.join(", ")
}

fn header(out: &mut String, diff: &Diff, w: &Words) {
    let _ = writeln!(
        out,
        "{} {} × {} {} ({}) × {} {} = {} {}",
        diff.countries,
        w.countries,
        diff.years.len(),
        if diff.years.len() == 1 {
            w.year_one
        } else {
            w.years
        },
        years_text(&diff.years),
        diff.criteria.len(),
        w.criteria,
        diff.evaluations,
        w.evaluations
    );
}

/// The report for a terminal.
pub fn text(diff: &Diff, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} → {}",
        w.title,
        diff.base.label(),
        diff.head.label()
    );
    header(&mut out, diff, &w);
    if diff.data_toml_differs {
        let _ = writeln!(out, "{}", w.data_toml);
    }
    for (label, list) in [
        (w.added, &diff.criteria_added),
        (w.removed, &diff.criteria_removed),
    ] {
        if !list.is_empty() {
            let numbers: Vec<String> = list.iter().map(u32::to_string).collect();
            let _ = writeln!(out, "{label}: {}", numbers.join(", "));
        }
    }
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {}",
        w.changed,
        diff.changes.len(),
        w.reason_only,
        diff.reason_changes.len(),
        w.trace_only,
        diff.trace_changes()
    );

    // Summary per criterion.
    let rows: Vec<[String; 5]> = diff
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| {
            [
                format!("{}. {}", c.number, c.title(lang)),
                c.rating_changes.to_string(),
                transitions_text(diff, k, lang),
                c.reason_changes.to_string(),
                c.trace_changes.to_string(),
            ]
        })
        .collect();
    let titles = [
        w.criterion.to_string(),
        w.changed.to_string(),
        w.transitions.to_string(),
        w.reason_only.to_string(),
        w.trace_only.to_string(),
    ];
    let header: Vec<&str> = titles.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    // Counts right-aligned, the criterion and its transitions left.
    let columns = [Col::LEFT, Col::RIGHT, Col::LEFT, Col::RIGHT, Col::RIGHT];
    let _ = writeln!(out);
    for line in table::ruled(&header, &rows, &columns) {
        let _ = writeln!(out, "{line}");
    }

    if diff.changes.is_empty() {
        let _ = writeln!(out, "\n{}", w.no_change);
    } else {
        let _ = writeln!(out, "\n{} ({})", w.rating_changes, diff.changes.len());
        let mut current = None;
        for c in &diff.changes {
            if current != Some(c.criterion) {
                current = Some(c.criterion);
                let title = diff
                    .criteria
                    .iter()
                    .find(|s| s.number == c.criterion)
                    .map_or("", |s| s.title(lang));
                let _ = writeln!(out, "\n{} {}: {title}", w.criterion, c.criterion);
            }
            let d = c.divergence.as_ref();
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                c.country(lang),
                c.year,
                c.old.rating.label(lang),
                c.new.rating.label(lang)
            );
            let _ = writeln!(
                out,
                "     {}: {} ({} {})",
                w.first,
                divergence_text(c, lang),
                w.line,
                lines_text(d)
            );
            if let Some(test) = deciding_text(c, lang) {
                let _ = writeln!(out, "     {}: {test}", w.deciding);
            }
            let _ = writeln!(out, "     {}: {}", w.new_reason, c.new.reason(lang));
        }
    }
    if !diff.reason_changes.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({})",
            w.reason_changes,
            diff.reason_changes.len()
        );
        for ((criterion, what), changes) in reason_groups(diff, lang) {
            let _ = writeln!(
                out,
                "  {} {criterion}, {what}: {} — {}",
                w.criterion,
                changes.len(),
                sample(&changes, 12, &w)
            );
        }
    }
    out
}

/// A Markdown table cell: no pipes, no line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown, to paste into a review.
pub fn markdown(diff: &Diff, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### {}: `{}` → `{}`\n",
        w.title,
        diff.base.label(),
        diff.head.label()
    );
    header(&mut out, diff, &w);
    if diff.data_toml_differs {
        let _ = writeln!(out, "\n> {}", w.data_toml);
    }
    for (label, list) in [
        (w.added, &diff.criteria_added),
        (w.removed, &diff.criteria_removed),
    ] {
        if !list.is_empty() {
            let numbers: Vec<String> = list.iter().map(u32::to_string).collect();
            let _ = writeln!(out, "\n**{label}:** {}", numbers.join(", "));
        }
    }
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} | {} |\n|---|---:|---|---:|---:|",
        w.criterion, w.changed, w.transitions, w.reason_only, w.trace_only
    );
    for (k, c) in diff.criteria.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {}. {} | {} | {} | {} | {} |",
            c.number,
            cell(c.title(lang)),
            c.rating_changes,
            cell(&transitions_text(diff, k, lang)),
            c.reason_changes,
            c.trace_changes
        );
    }
    if diff.changes.is_empty() {
        let _ = writeln!(out, "\n{}", w.no_change);
    } else {
        let _ = writeln!(
            out,
            "\n#### {} ({})\n\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---:|---|---|---|---|",
            w.rating_changes,
            diff.changes.len(),
            w.country,
            w.year,
            w.criterion,
            w.old,
            w.new,
            w.first,
            w.lines
        );
        for c in &diff.changes {
            let d = c.divergence.as_ref();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | **{}** | {} | {} |",
                cell(&c.country(lang)),
                c.year,
                c.criterion,
                c.old.rating.label(lang),
                c.new.rating.label(lang),
                cell(&match deciding_text(c, lang) {
                    Some(test) => format!("{}<br>{}: {test}", divergence_text(c, lang), w.deciding),
                    None => divergence_text(c, lang),
                }),
                lines_text(d)
            );
        }
    }
    if !diff.reason_changes.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{} ({})</summary>\n\n| {} | {} | # | {} |\n|---:|---|---:|---|",
            w.reason_changes,
            diff.reason_changes.len(),
            w.criterion,
            w.first,
            w.countries
        );
        for ((criterion, what), changes) in reason_groups(diff, lang) {
            let _ = writeln!(
                out,
                "| {criterion} | {} | {} | {} |",
                cell(&what),
                changes.len(),
                cell(&sample(&changes, 20, &w))
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    out
}
