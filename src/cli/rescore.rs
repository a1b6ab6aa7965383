//! `rescore`: every country re-scored against indicators/ratings.lock.

use super::{Data, Exit, Global, Out};
use standpunkt::assess::batch;
use standpunkt::audit::rescore;
use standpunkt::present::{render, report};
use standpunkt::Error;
use std::path::PathBuf;

/// Re-score every country and list what changed against indicators/ratings.lock, and why.
#[derive(clap::Args)]
pub struct Args {
    /// Record the new ratings in indicators/ratings.lock.
    #[arg(long)]
    accept: bool,
    /// Also write the list of changes as an HTML page (the style of `report`).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Re-score as of this year instead of the lock's (after importing an edition first
    /// published in a later year); with --accept, the lock then records this year.
    #[arg(long, value_name = "YEAR")]
    as_of: Option<i32>,
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let lang = global.lang();
    let rules = global.rule_set()?;
    let data = Data::load(global, rules)?;
    let lock_path = global.indicators.join("ratings.lock");
    let lock = rescore::Lock::load(&lock_path)?;
    let year = match (args.as_of, &lock) {
        (Some(_), _) | (None, None) => data.year(args.as_of)?,
        (None, Some(lock)) => lock.year,
    };
    let countries = data.store.countries();
    let assessments = batch::assess_all(rules, &data.store, &data.registry, &countries, &[year])?;
    let current = rescore::Lock::from_assessments(year, &assessments);
    if let Some(lock) = lock.as_ref().filter(|l| l.year != year) {
        out.line(&render::rescored_as_of(year, lock.year, lang))?;
    }
    // Without a lock every rating is new: the page lists them all, the text says so.
    let empty = rescore::Lock {
        year,
        entries: Default::default(),
    };
    let changes = match (&lock, &args.html) {
        (None, None) => Vec::new(),
        _ => lock
            .as_ref()
            .unwrap_or(&empty)
            .explained(&current, &assessments, &data.store),
    };
    match &lock {
        Some(_) => out.print(&render::changes(&changes, &data.registry, year, lang))?,
        None => out.line(&format!(
            "no {} yet: every rating is new",
            lock_path.display()
        ))?,
    }
    if let Some(path) = &args.html {
        let page = report::changes_page(
            &changes,
            &data.registry,
            rules,
            &report::rules_hash(&global.rules)?,
            year,
            lang,
        )?;
        report::write_file(path, page.as_bytes())?;
        out.line(&format!("wrote {}", path.display()))?;
    }
    if args.accept {
        current.write(&lock_path)?;
        out.line(&format!(
            "recorded {} ratings as of {year} in {}",
            current.len(),
            lock_path.display()
        ))?;
    }
    Ok(Exit::Ok)
}
