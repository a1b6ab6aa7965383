//! `assess`: the eight ratings of a country (or of every country) with reasons and values.

use super::{usage, Data, Exit, Format, Global, Out, Years};
use standpunkt::assess::batch;
use standpunkt::present::{colour, json, render};
use standpunkt::{Assessment, Error, Lang, RuleSet};
use std::path::{Path, PathBuf};

/// Assess a country: the eight ratings with reasons and the values behind them.
///
/// `assess KAZ` (or a German or English name) reads the shipped data; `assess --facts
/// FILE` reads one fact file; `assess --all` assesses every country.
#[derive(clap::Args)]
pub struct Args {
    /// ISO code, or German or English name, of the country.
    #[arg(conflicts_with_all = ["facts", "all"])]
    country: Option<String>,
    /// A country fact file (TOML), e.g. fixtures/KAZ-2025.toml, instead of the shipped data.
    #[arg(long, conflicts_with = "all")]
    facts: Option<PathBuf>,
    /// Every country a core index covers: a matrix (text), a table (csv) or every assessment (json).
    #[arg(long)]
    all: bool,
    /// The year the assessment speaks for: each indicator's newest edition published by then.
    #[arg(long, conflicts_with = "years")]
    as_of: Option<i32>,
    /// A time series, e.g. 2015..2024.
    #[arg(long, value_parser = super::parse_years)]
    years: Option<Years>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// With --format xlsx: the workbook to write (written beside it, then renamed).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let lang = global.lang();
    let xlsx = workbook_target(args.format, args.out.as_deref())?;
    let rules = global.rule_set()?;
    if let Some(path) = &args.facts {
        let assessment = rules.assess(global.facts(rules, path)?)?;
        if let Some(file) = xlsx {
            return write_workbook(out, file, &[assessment], rules, lang);
        }
        print_each(out, &[assessment], rules, args.format, lang)?;
        return Ok(Exit::Ok);
    }
    let data = Data::load(global, rules)?;
    let years = data.years(args.years.as_ref(), args.as_of)?;
    if args.all {
        let countries = data.store.countries();
        let assessments =
            batch::assess_all(rules, &data.store, &data.registry, &countries, &years)?;
        if let Some(file) = xlsx {
            let exit = write_workbook(out, file, &assessments, rules, lang)?;
            std::mem::forget(assessments);
            return Ok(exit);
        }
        match args.format {
            Format::Text => out.print(&colour::matrix(
                &render::matrix(&assessments, lang),
                &assessments,
                lang,
            ))?,
            _ => print_each(out, &assessments, rules, args.format, lang)?,
        }
        // The process ends here: leave the many traces to the OS rather than free
        // them one by one.
        std::mem::forget(assessments);
        return Ok(Exit::Ok);
    }
    let country = args.country.as_deref().ok_or_else(|| {
        usage(
            "assess",
            "name a country (assess KAZ), a fact file (--facts FILE) or --all",
        )
    })?;
    let iso3 = data.iso3(country)?;
    let assessments = batch::assess_all(rules, &data.store, &data.registry, &[iso3], &years)?;
    if let Some(file) = xlsx {
        return write_workbook(out, file, &assessments, rules, lang);
    }
    print_each(out, &assessments, rules, args.format, lang)?;
    Ok(Exit::Ok)
}

/// The workbook file for `--format xlsx` (which needs `--out`); `--out` goes with xlsx only.
fn workbook_target(format: Format, out: Option<&Path>) -> Result<Option<&Path>, Error> {
    match (format, out) {
        (Format::Xlsx, Some(file)) => Ok(Some(file)),
        (Format::Xlsx, None) => Err(usage(
            "assess",
            "--format xlsx writes a file: give it with --out FILE (e.g. --out ratings.xlsx)",
        )),
        (_, Some(_)) => Err(usage(
            "assess",
            "--out goes with --format xlsx; text, csv and json go to standard output",
        )),
        (_, None) => Ok(None),
    }
}

fn write_workbook(
    out: &mut Out,
    file: &Path,
    assessments: &[Assessment],
    rules: &RuleSet,
    lang: Lang,
) -> Result<Exit, Error> {
    standpunkt::present::xlsx::write(file, assessments, &rules.catalog, lang)?;
    out.line(&format!(
        "wrote {} ({} assessments)",
        file.display(),
        assessments.len()
    ))?;
    Ok(Exit::Ok)
}

fn print_each(
    out: &mut Out,
    assessments: &[Assessment],
    rules: &RuleSet,
    format: Format,
    lang: Lang,
) -> Result<(), Error> {
    match format {
        Format::Text => {
            let text: String = assessments
                .iter()
                .map(|a| render::assessment(a, &rules.catalog, lang))
                .collect();
            out.print(&colour::assessment(&text, assessments, lang))
        }
        Format::Csv => out.print(&render::csv(assessments)),
        Format::Xlsx => unreachable!("--format xlsx is written with write_workbook"),
        Format::Json if assessments.len() == 1 => out.json_pretty(&assessments[0].to_json(lang)),
        // Many assessments: one compact array, its elements worded and written on every core.
        Format::Json => out.json_array(assessments, |a| json::compact(&a.json(lang))),
    }
}
