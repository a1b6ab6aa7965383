//! `whatif`: the assessment with indicator values replaced, next to the real one.

use super::{usage, AuditFormat, Data, Exit, Global, Out};
use standpunkt::audit::whatif;
use standpunkt::present::render_audit;
use standpunkt::Error;
use std::path::PathBuf;

/// What if: the assessment with indicator values replaced, next to the real one.
///
/// `whatif KAZ --set cpi.score=45 --set treaty.ottawa=true`; `--set pts.score=missing`
/// removes a value; `--from FILE` reads a TOML table `[values]` ("cpi.score" = 45).
#[derive(clap::Args)]
pub struct Args {
    /// ISO code, or German or English name, of the country.
    country: String,
    /// ID=VALUE: a number, whole number, true/false, category value, or a list as
    /// comma-separated codes; ID=missing removes the value. Repeatable; wins over --from.
    #[arg(long = "set", value_name = "ID=VALUE")]
    set: Vec<String>,
    /// A TOML file with a table [values] of hypothetical values.
    #[arg(long, value_name = "FILE")]
    from: Option<PathBuf>,
    #[arg(long)]
    as_of: Option<i32>,
    #[arg(long, value_enum, default_value = "text")]
    format: AuditFormat,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let rules = global.rule_set()?;
    let mut overrides = match &args.from {
        Some(path) => whatif::load(path, &rules.catalog)?,
        None => Vec::new(),
    };
    for text in &args.set {
        overrides.push(whatif::parse_set(&rules.catalog, text)?);
    }
    if overrides.is_empty() {
        return Err(usage(
            "whatif",
            "give at least one --set ID=VALUE (e.g. --set cpi.score=45) or --from FILE",
        ));
    }
    let data = Data::load(global, rules)?;
    let iso3 = data.iso3(&args.country)?;
    let year = data.year(args.as_of)?;
    let result = whatif::assess(rules, &data.store, &data.registry, &iso3, year, &overrides)?;
    match args.format {
        AuditFormat::Json => out.json_pretty(&result.to_json(global.lang()))?,
        AuditFormat::Text => out.print(&render_audit::whatif(
            &result,
            &rules.catalog,
            global.lang(),
        ))?,
    }
    Ok(Exit::Ok)
}
