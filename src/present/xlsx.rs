//! The Excel workbook (`assess --format xlsx --out FILE`): what policy staff hand on.
//! Three sheets — the ratings (one row per country and year, the eight ratings as words
//! on their colours), the reasons (one row per criterion) and every value a rule read,
//! with its source and edition. Each sheet has a frozen header row and filters on.
//!
//! The file is written beside the target and renamed over it, so a reader never sees a
//! half-written workbook and a failure leaves an existing file as it was.

use crate::error::{Error, Result};
use crate::model::assessment::{Assessment, MapClass};
use crate::model::catalog::Catalog;
use crate::model::rating::{Lang, Rating};
use crate::model::trace::Step;
use crate::model::value::Value;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Sheet names and column headers: (German, English).
struct Words {
    ratings: &'static str,
    reasons: &'static str,
    values: &'static str,
    as_of: &'static str,
    name_de: &'static str,
    name_en: &'static str,
    country: &'static str,
    criterion: &'static str,
    title: &'static str,
    rating: &'static str,
    kritisch: &'static str,
    class: &'static str,
    reason: &'static str,
    missing: &'static str,
    rule: &'static str,
    indicator: &'static str,
    indicator_title: &'static str,
    value: &'static str,
    year: &'static str,
    edition: &'static str,
    source: &'static str,
    note: &'static str,
    missing_value: &'static str,
    yes: &'static str,
    no: &'static str,
    dark_red: &'static str,
    light_red: &'static str,
    incomplete: &'static str,
    synthetic: &'static str,
}

const DE: Words = Words {
    ratings: "Bewertungen",
    reasons: "Begründungen",
    values: "Werte",
    as_of: "Stand",
    name_de: "Land (deutsch)",
    name_en: "Land (englisch)",
    country: "Land",
    criterion: "Kriterium",
    title: "Titel",
    rating: "Bewertung",
    kritisch: "Anzahl kritisch",
    class: "BICC-Klasse",
    reason: "Begründung",
    missing: "Fehlende Indikatoren",
    rule: "Regel",
    indicator: "Indikator-ID",
    indicator_title: "Indikator",
    value: "Wert",
    year: "Jahr",
    edition: "Ausgabe",
    source: "Quelle",
    note: "Anmerkung",
    missing_value: "fehlt",
    yes: "ja",
    no: "nein",
    dark_red: "dunkelrot",
    light_red: "hellrot",
    incomplete: "unvollständig",
    synthetic: "SYNTHETISCHE TESTDATEN",
};

const EN: Words = Words {
    ratings: "Ratings",
    reasons: "Reasons",
    values: "Values",
    as_of: "As of",
    name_de: "Country (German)",
    name_en: "Country (English)",
    country: "Country",
    criterion: "Criterion",
    title: "Title",
    rating: "Rating",
    kritisch: "Number critical",
    class: "BICC class",
    reason: "Reason",
    missing: "Missing indicators",
    rule: "Rule",
    indicator: "Indicator id",
    indicator_title: "Indicator",
    value: "Value",
    year: "Year",
    edition: "Edition",
    source: "Source",
    note: "Note",
    missing_value: "missing",
    yes: "yes",
    no: "no",
    dark_red: "dark red",
    light_red: "light red",
    incomplete: "incomplete",
    synthetic: "SYNTHETIC TEST DATA",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The colours of the HTML reports (templates/base.html): background, text.
fn rating_colours(rating: Rating) -> (u32, Color) {
    match rating {
        Rating::Kritisch => (0xc62828, Color::White),
        Rating::MoeglicherweiseKritisch => (0xf6c343, Color::RGB(0x1a1a1a)),
        Rating::NichtKritisch => (0x2e7d32, Color::White),
        Rating::NichtBewertbar => (0x9e9e9e, Color::RGB(0x1a1a1a)),
    }
}

fn filled(background: u32, text: Color) -> Format {
    Format::new()
        .set_background_color(Color::RGB(background))
        .set_font_color(text)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::White)
}

/// The formats a sheet uses, made once.
struct Styles {
    header: Format,
    wrap: Format,
    ratings: [Format; 4],
    dark_red: Format,
    light_red: Format,
    missing: Format,
}

impl Styles {
    fn new() -> Styles {
        let rating = |r| {
            let (bg, fg) = rating_colours(r);
            filled(bg, fg)
        };
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xf3f3f3))
                .set_border_bottom(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap(),
            ratings: Rating::ALL.map(rating),
            dark_red: filled(0x7f0000, Color::White),
            light_red: filled(0xf4b6b6, Color::RGB(0x1a1a1a)),
            missing: Format::new()
                .set_font_color(Color::RGB(0xc62828))
                .set_bold(),
        }
    }

    fn rating(&self, rating: Rating) -> &Format {
        let i = Rating::ALL
            .iter()
            .position(|r| *r == rating)
            .expect("every rating is in ALL");
        &self.ratings[i]
    }
}

/// The workbook for `assessments` as the bytes of an .xlsx file.
pub fn workbook(assessments: &[Assessment], catalog: &Catalog, lang: Lang) -> Result<Vec<u8>> {
    build(assessments, catalog, lang)
        .map_err(|e| Error::Internal(format!("building the workbook: {e}")))
}

/// Writes the workbook to `path`: into a temporary file beside it, then renamed over it.
pub fn write(path: &Path, assessments: &[Assessment], catalog: &Catalog, lang: Lang) -> Result<()> {
    let bytes = workbook(assessments, catalog, lang)?;
    write_atomically(path, &bytes)
}

/// `bytes` to `path` without a moment in which `path` holds part of them.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().ok_or_else(|| Error::Invalid {
        path: path.to_path_buf(),
        message: "not a file name — give the file to write, e.g. --out ratings.xlsx".into(),
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let failed = |e: std::io::Error| Error::Invalid {
        path: path.to_path_buf(),
        message: format!("cannot write: {e} — check that the folder exists and is writable"),
    };
    if let Err(e) = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(failed(e));
    }
    Ok(())
}

fn header(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, (title, width)) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *title, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Filters on every column of the header row, over `rows` data rows.
fn filters(sheet: &mut Worksheet, rows: u32, columns: usize) -> Result<(), XlsxError> {
    sheet.autofilter(0, 0, rows.max(1), columns.saturating_sub(1) as u16)?;
    Ok(())
}

/// The as-of date: a number for a year (so that it sorts and filters as one), else text.
fn write_as_of(sheet: &mut Worksheet, row: u32, a: &Assessment) -> Result<(), XlsxError> {
    match a.as_of.month {
        None => sheet.write_number(row, 0, f64::from(a.as_of.year))?,
        Some(_) => sheet.write_string(row, 0, a.as_of.to_string())?,
    };
    Ok(())
}

fn build(assessments: &[Assessment], catalog: &Catalog, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let w = words(lang);
    let styles = Styles::new();
    let mut book = Workbook::new();
    let numbers: Vec<u32> = assessments
        .first()
        .map(|a| a.criteria.iter().map(|c| c.number).collect())
        .unwrap_or_default();

    // Ratings: one row per country and year.
    let sheet = book.add_worksheet().set_name(w.ratings)?;
    let mut columns: Vec<(String, f64)> = vec![
        (w.as_of.into(), 8.0),
        ("ISO3".into(), 6.0),
        (w.name_de.into(), 26.0),
        (w.name_en.into(), 26.0),
    ];
    for (n, c) in numbers
        .iter()
        .zip(assessments.first().map_or(&[][..], |a| &a.criteria))
    {
        columns.push((format!("{n}. {}", c.title(lang)), 16.0));
    }
    columns.push((w.kritisch.into(), 9.0));
    columns.push((w.class.into(), 11.0));
    let titles: Vec<(&str, f64)> = columns.iter().map(|(t, wd)| (t.as_str(), *wd)).collect();
    header(sheet, &titles, &styles)?;
    sheet.set_row_height(0, 45)?;
    sheet.set_row_format(0, &styles.header.clone().set_text_wrap())?;
    for (i, a) in assessments.iter().enumerate() {
        let row = i as u32 + 1;
        write_as_of(sheet, row, a)?;
        sheet.write_string(row, 1, &a.iso3)?;
        sheet.write_string(row, 2, a.name_de.as_deref().unwrap_or(&a.iso3))?;
        sheet.write_string(row, 3, a.name_en.as_deref().unwrap_or(&a.iso3))?;
        for (k, c) in a.criteria.iter().enumerate() {
            sheet.write_string_with_format(
                row,
                4 + k as u16,
                c.rating.label(lang),
                styles.rating(c.rating),
            )?;
        }
        let col = 4 + a.criteria.len() as u16;
        sheet.write_number(row, col, a.count(Rating::Kritisch) as f64)?;
        match a.map_class() {
            MapClass::DarkRed => {
                sheet.write_string_with_format(row, col + 1, w.dark_red, &styles.dark_red)?
            }
            MapClass::LightRed => {
                sheet.write_string_with_format(row, col + 1, w.light_red, &styles.light_red)?
            }
            MapClass::None => sheet.write_string(row, col + 1, "–")?,
            MapClass::Incomplete => sheet.write_string(row, col + 1, w.incomplete)?,
        };
        if a.synthetic {
            sheet.write_string(row, col + 2, w.synthetic)?;
        }
    }
    filters(sheet, assessments.len() as u32, columns.len())?;

    // Reasons: one row per country, year and criterion.
    let sheet = book.add_worksheet().set_name(w.reasons)?;
    let columns = [
        (w.as_of, 8.0),
        ("ISO3", 6.0),
        (w.country, 24.0),
        (w.criterion, 9.0),
        (w.title, 30.0),
        (w.rating, 20.0),
        (w.reason, 90.0),
        (w.missing, 24.0),
        (w.rule, 22.0),
    ];
    header(sheet, &columns, &styles)?;
    let mut row = 0u32;
    for a in assessments {
        let country = a.country(lang);
        for c in &a.criteria {
            row += 1;
            write_as_of(sheet, row, a)?;
            sheet.write_string(row, 1, &a.iso3)?;
            sheet.write_string(row, 2, &country)?;
            sheet.write_number(row, 3, f64::from(c.number))?;
            sheet.write_string(row, 4, c.title(lang))?;
            sheet.write_string_with_format(
                row,
                5,
                c.rating.label(lang),
                styles.rating(c.rating),
            )?;
            sheet.write_string_with_format(row, 6, c.reason(lang), &styles.wrap)?;
            sheet.write_string(row, 7, c.missing.join(", "))?;
            sheet.write_string(row, 8, &*c.rule)?;
        }
    }
    filters(sheet, row, columns.len())?;

    // Values: every value a rule read (or asked for and did not find).
    let sheet = book.add_worksheet().set_name(w.values)?;
    let columns = [
        (w.as_of, 8.0),
        ("ISO3", 6.0),
        (w.country, 24.0),
        (w.criterion, 9.0),
        (w.indicator, 22.0),
        (w.indicator_title, 34.0),
        (w.value, 12.0),
        (w.year, 7.0),
        (w.edition, 16.0),
        (w.source, 50.0),
        (w.note, 40.0),
    ];
    header(sheet, &columns, &styles)?;
    let mut row = 0u32;
    for a in assessments {
        let country = a.country(lang);
        for c in &a.criteria {
            for step in &c.trace {
                let (indicator, fact) = match step {
                    Step::Read {
                        indicator, fact, ..
                    } => (indicator, Some(fact)),
                    Step::Missing { indicator, .. } => (indicator, None),
                    _ => continue,
                };
                row += 1;
                write_as_of(sheet, row, a)?;
                sheet.write_string(row, 1, &a.iso3)?;
                sheet.write_string(row, 2, &country)?;
                sheet.write_number(row, 3, f64::from(c.number))?;
                sheet.write_string(row, 4, indicator.to_string())?;
                let title = catalog
                    .get(indicator)
                    .map_or(indicator.to_string(), |i| i.title(lang).to_string());
                sheet.write_string(row, 5, title)?;
                let Some(fact) = fact else {
                    sheet.write_string_with_format(row, 6, w.missing_value, &styles.missing)?;
                    continue;
                };
                match &fact.value {
                    Value::Number(x) => sheet.write_number(row, 6, *x)?,
                    Value::Integer(i) => sheet.write_number(row, 6, *i as f64)?,
                    Value::Bool(b) => sheet.write_string(row, 6, if *b { w.yes } else { w.no })?,
                    Value::Category(s) => sheet.write_string(row, 6, s)?,
                    Value::List(items) => sheet.write_string(row, 6, items.join(", "))?,
                };
                if let Some(year) = fact.year {
                    sheet.write_number(row, 7, f64::from(year))?;
                }
                if let Some(edition) = &fact.edition {
                    sheet.write_string(row, 8, &**edition)?;
                }
                sheet.write_string(row, 9, &*fact.source)?;
                if let Some(note) = &fact.note {
                    sheet.write_string(row, 10, note)?;
                }
            }
        }
    }
    filters(sheet, row, columns.len())?;
    book.save_to_buffer()
}
