//! `flips`: the single-indicator changes that change a rating.

use super::{usage, AuditFormat, Data, Exit, Global, Out};
use standpunkt::audit::flips;
use standpunkt::present::render_audit;
use standpunkt::Error;

/// Flip points: for each criterion, the single-indicator changes that change the rating.
///
/// `flips KAZ` for one country; `flips --all --within 10` lists the countries whose
/// numeric indicator lies within 10 % of its catalog range of a flip point.
#[derive(clap::Args)]
pub struct Args {
    /// ISO code, or German or English name, of the country.
    #[arg(conflicts_with = "all", required_unless_present = "all")]
    country: Option<String>,
    /// Every country: the borderline list.
    #[arg(long)]
    all: bool,
    /// With --all: the distance to a flip point, in percent of the indicator's range (default 10).
    #[arg(long, value_name = "PERCENT")]
    within: Option<f64>,
    #[arg(long)]
    as_of: Option<i32>,
    #[arg(long, value_enum, default_value = "text")]
    format: AuditFormat,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let lang = global.lang();
    let rules = global.rule_set()?;
    let data = Data::load(global, rules)?;
    let year = data.year(args.as_of)?;
    if args.all {
        let within = args.within.unwrap_or(10.0);
        if !(within > 0.0 && within <= 100.0) {
            return Err(usage(
                "flips",
                &format!("--within {within}: give a percentage above 0 and at most 100"),
            ));
        }
        let countries = data.store.countries();
        let progress = super::progress::bar(countries.len(), "flips");
        let list = flips::borderline_with_progress(
            rules,
            &data.store,
            &data.registry,
            &countries,
            year,
            within,
            &|| progress.inc(1),
        )?;
        progress.finish_and_clear();
        match args.format {
            AuditFormat::Json => out.json_pretty(&serde_json::json!({
                "schema": flips::SCHEMA_BORDERLINE,
                "as_of": year,
                "within_pct": within,
                "cases": list,
            }))?,
            AuditFormat::Text => out.print(&render_audit::borderline(
                &list,
                year,
                within,
                &rules.catalog,
                lang,
            ))?,
        }
        return Ok(Exit::Ok);
    }
    if args.within.is_some() {
        return Err(usage(
            "flips",
            "--within goes with --all (flips --all --within 10)",
        ));
    }
    let country = args
        .country
        .as_deref()
        .ok_or_else(|| usage("flips", "name a country (flips KAZ) or --all"))?;
    let iso3 = data.iso3(country)?;
    let result = flips::country(rules, &data.store, &data.registry, &iso3, year)?;
    match args.format {
        AuditFormat::Json => out.json_pretty(&result)?,
        AuditFormat::Text => out.print(&render_audit::flips(&result, &rules.catalog, lang))?,
    }
    Ok(Exit::Ok)
}
