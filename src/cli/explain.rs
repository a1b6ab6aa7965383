//! `explain`: one criterion's full trace.

use super::{usage, AuditFormat, Data, Exit, Global, Out};
use standpunkt::present::render;
use standpunkt::Error;
use std::path::PathBuf;
use std::sync::Arc;

/// Show one criterion's full trace: every value read, every condition tested.
///
/// `explain KAZ 2` on the shipped data, or `explain --facts FILE 2`.
#[derive(clap::Args)]
pub struct Args {
    /// [COUNTRY] CRITERION — without the country when --facts is given.
    #[arg(num_args = 1..=2, required = true, value_name = "COUNTRY] [CRITERION")]
    args: Vec<String>,
    #[arg(long)]
    facts: Option<PathBuf>,
    #[arg(long)]
    as_of: Option<i32>,
    /// Text (the trace line by line) or json (one criterion object).
    #[arg(long, value_enum, default_value = "text")]
    format: AuditFormat,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let rules = global.rule_set()?;
    let (country, number) = match (args.args.as_slice(), &args.facts) {
        ([n], Some(_)) => (None, n),
        ([c, n], None) => (Some(c), n),
        _ => {
            return Err(usage(
                "explain",
                "give COUNTRY CRITERION (explain KAZ 2), or --facts FILE CRITERION",
            ))
        }
    };
    let number: u32 = number.parse().map_err(|_| {
        usage(
            "explain",
            &format!("'{number}' is not a criterion number (1–8)"),
        )
    })?;
    let criterion = rules.criterion(number)?;
    let facts = match (country, &args.facts) {
        (_, Some(path)) => global.facts(rules, path)?,
        (Some(country), None) => {
            let data = Data::load(global, rules)?;
            let year = data.year(args.as_of)?;
            Arc::new(data.store.facts(&data.iso3(country)?, year, &rules.catalog))
        }
        (None, None) => unreachable!("matched above"),
    };
    let result = rules.evaluate(criterion, &facts)?;
    match args.format {
        AuditFormat::Json => out.json_pretty(&result.json(global.lang()))?,
        AuditFormat::Text => out.print(&render::explain(&result, &rules.catalog, global.lang()))?,
    }
    Ok(Exit::Ok)
}
