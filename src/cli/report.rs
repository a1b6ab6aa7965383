//! `report`: static HTML pages, one country or every country and the overview.

use super::{usage, Data, Exit, Global, Out};
use standpunkt::present::report;
use standpunkt::Error;
use std::path::PathBuf;

/// Write HTML pages: one country (`report KAZ`), or every country and an overview
/// (`report --all`). Static files that open from disk: no server, no network.
#[derive(clap::Args)]
pub struct Args {
    /// ISO code, or German or English name, of the country.
    #[arg(conflicts_with = "all", required_unless_present = "all")]
    country: Option<String>,
    /// Every country a core index covers, plus index.html with the overview.
    #[arg(long)]
    all: bool,
    /// The year the pages speak for (default: default_as_of in data.toml); the
    /// ratings over time run from 2015 to it.
    #[arg(long)]
    as_of: Option<i32>,
    /// The folder to write to (created if missing): <ISO3>.html per country, index.html.
    #[arg(long, default_value = "report")]
    out: PathBuf,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let rules = global.rule_set()?;
    let data = Data::load(global, rules)?;
    let countries = match (&args.country, args.all) {
        (_, true) => data.store.countries(),
        (Some(country), false) => vec![data.iso3(country)?],
        (None, false) => return Err(usage("report", "name a country (report KAZ) or --all")),
    };
    let report = report::Report {
        rules,
        store: &data.store,
        registry: &data.registry,
        rules_hash: report::rules_hash(&global.rules)?,
        lang: global.lang(),
        year: data.year(args.as_of)?,
    };
    let dir = &args.out;
    let progress = super::progress::bar(if args.all { countries.len() } else { 0 }, "report");
    let written = report.write_with_progress(&countries, dir, args.all, &|| progress.inc(1))?;
    progress.finish_and_clear();
    match (&written.overview, written.pages.as_slice()) {
        (Some(index), pages) => out.line(&format!(
            "wrote {} and {} country pages in {}",
            index.display(),
            pages.len(),
            dir.display()
        ))?,
        (None, pages) => {
            for page in pages {
                out.line(&format!("wrote {}", page.display()))?;
            }
        }
    }
    Ok(Exit::Ok)
}
