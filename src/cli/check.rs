//! `check`: the rule set's static checks, then coverage, monotonicity and failures on
//! the shipped data.

use super::{usage, Data, Exit, Global, Out, Years};
use standpunkt::present::render;
use standpunkt::Error;

/// Validate the catalog and every rule; then, on the shipped data, report coverage of
/// each rule's tests and conclusions, monotonicity violations and rule failures.
#[derive(clap::Args)]
pub struct Args {
    /// Only the checks that need no data (what loading the rules checks).
    #[arg(long)]
    rules_only: bool,
    /// The years to run every rule on (default: 2015 to the default as-of year).
    #[arg(long, value_parser = super::parse_years)]
    years: Option<Years>,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let rules = global.rule_set()?;
    let open_ends: Vec<_> = rules
        .criteria
        .iter()
        .filter_map(standpunkt::rules::open_end::find)
        .collect();
    if !open_ends.is_empty() {
        for open in &open_ends {
            out.line(&open.to_string())?;
        }
        return Err(usage(
            &global.rules.display().to_string(),
            &format!(
                "check failed: {} rule(s) can end without a rating (listed above)",
                open_ends.len()
            ),
        ));
    }
    let parameters: usize = rules.criteria.iter().map(|c| c.parameters.len()).sum();
    out.line(&format!(
        "ok: {} indicators, {} criteria, {parameters} parameters — every rule compiles and reads only declared indicators and parameters",
        rules.catalog.iter().count(),
        rules.criteria.len()
    ))?;
    if args.rules_only {
        return Ok(Exit::Ok);
    }
    let data = Data::load(global, rules)?;
    let years = match &args.years {
        Some(years) => data.years(Some(years), None)?,
        None => (2015..=data.store.default_as_of.year).collect(),
    };
    let countries = data.store.countries();
    let progress = super::progress::bar(countries.len() * years.len(), "check");
    let report = standpunkt::audit::check::check_with_progress(
        rules,
        &data.store,
        &countries,
        &years,
        &|| progress.inc(1),
    );
    progress.finish_and_clear();
    out.print(&render::lint(&report, global.lang()))?;
    if !report.violations.is_empty() || !report.failures.is_empty() {
        return Err(Error::Invalid {
            path: global.rules.clone(),
            message: format!(
                "check failed: {} monotonicity violation(s), {} rule failure(s) on the shipped data",
                report.violations.len(),
                report.failures.len()
            ),
        });
    }
    Ok(Exit::Ok)
}
