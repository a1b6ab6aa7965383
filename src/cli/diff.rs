//! `diff`: two rule sets on every country and year; exit code 3 when a rating changed.

use super::{usage, Data, Exit, Global, Out, Years};
use clap::ValueEnum;
use standpunkt::audit::diff;
use standpunkt::present::render_diff;
use standpunkt::{Catalog, Error, RuleSet};

/// Compare two rule sets on every country and year: which ratings change, and why.
///
/// `diff --base main` compares the rules folder (--rules, default rules/) with the same
/// folder at git revision `main`; `diff --base-rules DIR` with another folder. Exit
/// code 3 when any rating changed, 0 when none did.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("old").required(true).args(["base", "base_rules"])))]
pub struct Args {
    /// The git revision (branch, tag, commit) whose rules folder is the old rule set.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// A folder with the old rule set (criteria.toml, data.toml, scripts).
    #[arg(long, value_name = "DIR")]
    base_rules: Option<std::path::PathBuf>,
    /// The year to assess (default: default_as_of in the new rules' data.toml).
    #[arg(long, conflicts_with = "years")]
    as_of: Option<i32>,
    /// Several years, e.g. 2015..2024.
    #[arg(long, value_parser = super::parse_years)]
    years: Option<Years>,
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let lang = global.lang();
    let catalog = Catalog::load(&global.catalog)?;
    let materialised;
    let (base_dir, base_origin) = match (&args.base, &args.base_rules) {
        (Some(rev), _) => {
            materialised = diff::materialise(rev, &global.rules)?;
            (materialised.dir.clone(), materialised.origin())
        }
        (None, Some(dir)) => (dir.clone(), diff::Origin::dir(dir)),
        (None, None) => {
            return Err(usage(
                "diff",
                "name the old rules: --base REV or --base-rules DIR",
            ))
        }
    };
    let new = RuleSet::load(&global.rules, catalog.clone())?;
    let old = RuleSet::load(&base_dir, catalog)?;
    let data = Data::load(global, &new)?;
    let years = data.years(args.years.as_ref(), args.as_of)?;
    let countries = data.store.countries();
    let mut report = diff::compare(diff::Comparison {
        old: &old,
        new: &new,
        store: &data.store,
        registry: &data.registry,
        countries: &countries,
        years: &years,
        base: base_origin,
        head: diff::Origin::dir(&global.rules),
    })?;
    // With --data both sides use that file; otherwise the new rules' data.toml.
    report.data_toml_differs =
        global.data.is_none() && diff::data_toml_differs(&base_dir, &global.rules);
    match args.format {
        DiffFormat::Text => out.print(&render_diff::text(&report, lang))?,
        DiffFormat::Markdown => out.print(&render_diff::markdown(&report, lang))?,
        DiffFormat::Json => out.json_pretty(&report.to_json(lang))?,
    }
    Ok(match report.changed() {
        true => Exit::RatingsChanged,
        false => Exit::Ok,
    })
}
