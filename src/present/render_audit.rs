//! Text output of the audit commands: `whatif` (real and hypothetical ratings side by
//! side) and `flips` (flip points of one country, and the borderline list).

use crate::audit::flips::{Borderline, CountryFlips, CriterionFlips, Direction, Flip, Gap, Trend};
use crate::audit::whatif::{self, WhatIf};
use crate::model::catalog::Catalog;
use crate::model::facts::Fact;
use crate::model::rating::Lang;
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::present::table::{self, Col};
use std::fmt::Write;

/// A value as a reader writes it: "0,55" in German, booleans as ja/nein or yes/no.
pub fn value_text(value: &Value, lang: Lang) -> String {
    match (value, lang) {
        (Value::Bool(b), Lang::De) => (if *b { "ja" } else { "nein" }).to_string(),
        (Value::Bool(b), Lang::En) => (if *b { "yes" } else { "no" }).to_string(),
        (Value::Number(x), _) => number_text(*x, lang),
        (other, _) => other.to_string(),
    }
}

fn number_text(x: f64, lang: Lang) -> String {
    let text = format!("{x}");
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

fn percent(x: f64, lang: Lang) -> String {
    let text = format!("{x:.1} %");
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

fn indicator_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    match catalog.get(id) {
        Some(ind) => format!("{} [{id}]", ind.title(lang)),
        None => id.to_string(),
    }
}

/// "40 (CPI 2024; 2024; source)" for a real fact.
fn fact_text(fact: &Fact, lang: Lang) -> String {
    let mut about = Vec::new();
    if let Some(edition) = &fact.edition {
        about.push(edition.to_string());
    }
    if let Some(year) = fact.year {
        about.push(year.to_string());
    }
    about.push(fact.source.to_string());
    format!("{} ({})", value_text(&fact.value, lang), about.join("; "))
}

/// "40 (CPI 2024, 2024)": value, edition and year.
fn short_fact(fact: &Fact, lang: Lang) -> String {
    let about: Vec<String> = fact
        .edition
        .iter()
        .map(|e| e.to_string())
        .chain(fact.year.map(|y| y.to_string()))
        .collect();
    match about.is_empty() {
        true => value_text(&fact.value, lang),
        false => format!("{} ({})", value_text(&fact.value, lang), about.join(", ")),
    }
}

/// Real and hypothetical ratings side by side, the hypothetical values with their real
/// ones, and for every criterion that read a hypothetical value its reason.
pub fn whatif(w: &WhatIf, catalog: &Catalog, lang: Lang) -> String {
    let (title, values_w, real_w, hypo_w, criterion_w, changed_w, missing_w, none_w, reads_w) =
        match lang {
            Lang::De => (
                "Was wäre, wenn",
                "Hypothetische Werte",
                "real",
                "hypothetisch",
                "Kriterium",
                "← geändert",
                "fehlt",
                "kein realer Wert",
                "Kriterien, die hypothetische Werte lesen",
            ),
            Lang::En => (
                "What if",
                "Hypothetical values",
                "real",
                "hypothetical",
                "Criterion",
                "← changed",
                "missing",
                "no real value",
                "Criteria that read hypothetical values",
            ),
        };
    let mut out = String::new();
    let as_of_w = if lang == Lang::De { "Stand" } else { "as of" };
    let _ = writeln!(
        out,
        "{title}: {} ({as_of_w} {})",
        w.real.country(lang),
        w.real.as_of
    );
    if w.real.synthetic {
        let _ = writeln!(
            out,
            "*** {} ***",
            if lang == Lang::De {
                "SYNTHETISCHE TESTDATEN"
            } else {
                "SYNTHETIC TEST DATA"
            }
        );
    }
    let marked = match lang {
        Lang::De => "im Ablauf mit der Quelle",
        Lang::En => "marked in the trace with the source",
    };
    let _ = writeln!(out, "\n{values_w} ({marked} \"{}\"):", whatif::SOURCE);
    for o in &w.overrides {
        let value = o
            .value
            .as_ref()
            .map_or_else(|| missing_w.to_string(), |v| value_text(v, lang));
        let real = o.real.as_ref().map_or_else(
            || none_w.to_string(),
            |f| format!("{real_w}: {}", fact_text(f, lang)),
        );
        let _ = writeln!(
            out,
            "  {} = {value}   ({real})",
            indicator_name(catalog, &o.indicator, lang)
        );
    }
    let rows: Vec<(String, &str, &str, bool, bool)> = w
        .pairs()
        .map(|(r, h)| {
            let reads = reads_override(h, w);
            (
                format!("{}. {}", r.number, r.title(lang)),
                r.rating.label(lang),
                h.rating.label(lang),
                r.rating != h.rating,
                reads,
            )
        })
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(title, real, hypo, _, _)| vec![title.clone(), real.to_string(), hypo.to_string()])
        .collect();
    // Both rating columns as wide as the longest label, whichever ratings the rows hold.
    let columns = [Col::LEFT, Col::min(23), Col::min(24)];
    let lines = table::ruled(&[criterion_w, real_w, hypo_w], &cells, &columns);
    // The mark stands right of the table: two blanks after the widest label, which is
    // one short of where the rule (the second line) ends.
    let end = lines.get(1).map_or(0, |rule| rule.chars().count() - 1);
    let _ = writeln!(out);
    for (i, line) in lines.iter().enumerate() {
        let mark = match i.checked_sub(2).and_then(|row| rows.get(row)) {
            Some((_, _, _, true, _)) => changed_w,
            Some((_, _, _, false, true)) => "*",
            _ => "",
        };
        match mark {
            "" => writeln!(out, "{line}"),
            mark => writeln!(out, "{line:<end$}  {mark}"),
        }
        .ok();
    }
    let star = match lang {
        Lang::De => "* liest einen hypothetischen Wert, Bewertung unverändert",
        Lang::En => "* reads a hypothetical value, rating unchanged",
    };
    if rows.iter().any(|r| !r.3 && r.4) {
        let _ = writeln!(out, "{star}");
    }
    let reading: Vec<_> = w.pairs().filter(|(_, h)| reads_override(h, w)).collect();
    if !reading.is_empty() {
        let _ = writeln!(out, "\n{reads_w}:");
    }
    for (r, h) in reading {
        let _ = writeln!(
            out,
            "\n{}. {} — {} → {}",
            r.number,
            r.title(lang),
            r.rating.label(lang),
            h.rating.label(lang)
        );
        let _ = writeln!(out, "   {real_w}: {}", r.reason(lang));
        let _ = writeln!(out, "   {hypo_w}: {}", h.reason(lang));
        for step in &h.trace {
            match step {
                Step::Read {
                    indicator, fact, ..
                } if &*fact.source == whatif::SOURCE => {
                    let real = w
                        .overrides
                        .iter()
                        .find(|o| *o.indicator == **indicator)
                        .and_then(|o| o.real.as_ref())
                        .map_or_else(
                            || none_w.to_string(),
                            |f| format!("{real_w}: {}", short_fact(f, lang)),
                        );
                    let _ = writeln!(
                        out,
                        "     {} = {} ({hypo_w}; {real})",
                        indicator_name(catalog, indicator, lang),
                        value_text(&fact.value, lang),
                    );
                }
                Step::Missing { indicator, .. }
                    if w.overrides.iter().any(|o| *o.indicator == **indicator) =>
                {
                    let _ = writeln!(
                        out,
                        "     {} — {missing_w} ({hypo_w})",
                        indicator_name(catalog, indicator, lang)
                    );
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether a hypothetical result read an overridden indicator.
fn reads_override(h: &crate::model::assessment::CriterionResult, w: &WhatIf) -> bool {
    h.trace.iter().any(|s| match s {
        Step::Read { indicator, .. } | Step::Missing { indicator, .. } => {
            w.overrides.iter().any(|o| *o.indicator == **indicator)
        }
        _ => false,
    })
}

/// "Korruptionswahrnehmungsindex (CPI) [cpi.score] 40 → 29 würde Kriterium 7 kritisch machen".
pub fn flip_line(flip: &Flip, criterion: u32, catalog: &Catalog, lang: Lang) -> String {
    let target = match (flip.boundary, flip.direction, lang) {
        (Some(b), Direction::Down, Lang::De) => format!("unter {}", number_text(b, lang)),
        (Some(b), _, Lang::De) => format!("über {}", number_text(b, lang)),
        (Some(b), Direction::Down, Lang::En) => format!("below {}", number_text(b, lang)),
        (Some(b), _, Lang::En) => format!("above {}", number_text(b, lang)),
        (None, _, _) => value_text(&flip.value, lang),
    };
    let name = indicator_name(catalog, &flip.indicator, lang);
    let current = value_text(&flip.current, lang);
    let rating = flip.rating.label(lang);
    match lang {
        Lang::De => {
            format!("{name} {current} → {target} würde Kriterium {criterion} {rating} machen")
        }
        Lang::En => {
            format!("{name} {current} → {target} would make criterion {criterion} {rating}")
        }
    }
}

fn flip_detail(flip: &Flip, lang: Lang) -> String {
    let direction = match (flip.direction, lang) {
        (Direction::Up, Lang::De) => "aufwärts",
        (Direction::Down, Lang::De) => "abwärts",
        (Direction::Up, Lang::En) => "upwards",
        (Direction::Down, Lang::En) => "downwards",
        (Direction::Other, _) => return String::new(),
    };
    let range = if lang == Lang::De {
        "des Bereichs"
    } else {
        "of the range"
    };
    format!(
        " ({direction}, {} {range})",
        percent(flip.distance * 100.0, lang)
    )
}

fn gap_line(gap: &Gap, catalog: &Catalog, lang: Lang) -> String {
    let parts: Vec<String> = gap
        .outcomes
        .iter()
        .map(|o| {
            let values = if o.from == o.to {
                value_text(&o.from, lang)
            } else {
                format!("{}–{}", value_text(&o.from, lang), value_text(&o.to, lang))
            };
            format!("{values} → {}", o.rating.label(lang))
        })
        .collect();
    format!(
        "{} ({}): {}",
        indicator_name(catalog, &gap.indicator, lang),
        if lang == Lang::De { "fehlt" } else { "missing" },
        parts.join("; ")
    )
}

fn criterion_flips(out: &mut String, c: &CriterionFlips, catalog: &Catalog, lang: Lang) {
    let w = |de: &'static str, en: &'static str| if lang == Lang::De { de } else { en };
    let _ = writeln!(
        out,
        "\n{}. {} — {}",
        c.number,
        c.title(lang),
        c.rating.label(lang)
    );
    for (trend, label) in [
        (
            Trend::Worse,
            w("nächste Verschlechterung", "nearest change for the worse"),
        ),
        (
            Trend::Better,
            w("nächste Verbesserung", "nearest change for the better"),
        ),
    ] {
        let text = match c.nearest(trend) {
            Some(f) => flip_line(f, c.number, catalog, lang),
            None if crate::audit::flips::severity(c.rating).is_none() => w(
                "— (nicht bewertbar ist nicht geordnet)",
                "— (not assessable is not ordered)",
            )
            .to_string(),
            None => w("keine einzelne Änderung", "no single change").to_string(),
        };
        let _ = writeln!(out, "   {label}: {text}");
    }
    for (trend, label) in [
        (Trend::Worse, w("schlechter", "worse")),
        (Trend::Better, w("besser", "better")),
        (
            Trend::Unordered,
            w("nicht bewertbar / bewertbar", "not assessable / assessable"),
        ),
    ] {
        let flips: Vec<(usize, &Flip)> = c
            .flips
            .iter()
            .enumerate()
            .filter(|(_, f)| f.trend == trend)
            .collect();
        if flips.is_empty() {
            continue;
        }
        let _ = writeln!(out, "   {label}:");
        for (i, f) in flips {
            let mark = if Some(i) == c.nearest_worse || Some(i) == c.nearest_better {
                '*'
            } else {
                ' '
            };
            let _ = writeln!(
                out,
                "   {mark} {}{}",
                flip_line(f, c.number, catalog, lang),
                flip_detail(f, lang)
            );
        }
    }
    if !c.unchanged.is_empty() {
        let _ = writeln!(
            out,
            "   {}: {}",
            w("ohne Wirkung", "no effect"),
            c.unchanged.join(", ")
        );
    }
    for gap in c.gaps.iter().filter(|g| g.decides(c.rating)) {
        let _ = writeln!(out, "   {}", gap_line(gap, catalog, lang));
    }
    let idle: Vec<&str> = c
        .gaps
        .iter()
        .filter(|g| !g.decides(c.rating))
        .map(|g| g.indicator.as_str())
        .collect();
    if !idle.is_empty() {
        let _ = writeln!(
            out,
            "   {}: {}",
            w(
                "fehlt, kein einzelner Wert ändert die Bewertung",
                "missing, no single value changes the rating"
            ),
            idle.join(", ")
        );
    }
    if !c.no_range.is_empty() {
        let _ = writeln!(
            out,
            "   {}: {}",
            w(
                "ohne Katalogbereich, nicht gesucht",
                "no catalog range, not searched"
            ),
            c.no_range.join(", ")
        );
    }
}

/// The flip points of one country, criterion by criterion.
pub fn flips(f: &CountryFlips, catalog: &Catalog, lang: Lang) -> String {
    let mut out = String::new();
    let (title, as_of_w, how, legend) = match lang {
        Lang::De => (
            "Kipppunkte",
            "Stand",
            "Je ein Wert verändert, alle anderen wie sie sind; gefunden durch Auswerten der Regel.",
            "* = nächste Änderung in diese Richtung (Zahlen: Abstand in Anteilen des Katalogbereichs; ja/nein, Kategorie, Liste: ein ganzer Schritt)",
        ),
        Lang::En => (
            "Flip points",
            "as of",
            "One value changed at a time, all others as they are; found by evaluating the rule.",
            "* = nearest change in that direction (numbers: distance as a share of the catalog range; yes/no, category, list: one whole step)",
        ),
    };
    let _ = writeln!(out, "{title}: {} ({as_of_w} {})", f.country(lang), f.as_of);
    if f.synthetic {
        let _ = writeln!(out, "*** SYNTHETIC TEST DATA ***");
    }
    let _ = writeln!(out, "{how}\n{legend}");
    for c in &f.criteria {
        criterion_flips(&mut out, c, catalog, lang);
    }
    out
}

/// The borderline list: countries near a flip point, nearest first.
pub fn borderline(
    list: &[Borderline],
    year: i32,
    within_pct: f64,
    catalog: &Catalog,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = match lang {
        Lang::De => writeln!(
            out,
            "Grenzfälle (Stand {year}): Kipppunkte innerhalb von {} des Katalogbereichs — {} Fälle\n",
            percent(within_pct, lang),
            list.len()
        ),
        Lang::En => writeln!(
            out,
            "Borderline cases (as of {year}): flip points within {} of the catalog range — {} cases\n",
            percent(within_pct, lang),
            list.len()
        ),
    };
    let (distance_w, country_w, flip_w, now_w) = match lang {
        Lang::De => ("Abstand", "Land", "Kipppunkt", "jetzt"),
        Lang::En => ("distance", "country", "flip point", "now"),
    };
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|b| {
            vec![
                percent(b.distance_pct, lang),
                b.country(lang),
                format!(
                    "{} ({now_w} {})",
                    flip_line(&b.flip, b.criterion, catalog, lang),
                    b.rating.label(lang)
                ),
            ]
        })
        .collect();
    let columns = [
        Col {
            right: true,
            min: 8,
        },
        Col::min(7),
        Col::LEFT,
    ];
    for line in table::spaced(Some(&[distance_w, country_w, flip_w]), &rows, &columns) {
        let _ = writeln!(out, "{line}");
    }
    out
}
