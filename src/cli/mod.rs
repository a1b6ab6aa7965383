//! The commands of the binary, one file each. `main.rs` parses the arguments and calls
//! the command's `run`; the commands call the library and print through [`Out`]. Only
//! this folder knows clap.

pub mod assess;
pub mod check;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod flips;
pub mod import;
pub mod man;
pub mod report;
pub mod rescore;
pub mod whatif;

mod exit;
mod out;
mod progress;

pub use exit::Exit;
pub use out::Out;

use clap::ValueEnum;
use standpunkt::data::store::Store;
use standpunkt::model::countries::Registry;
use standpunkt::{Catalog, Error, Facts, Lang, RuleSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

// The options every command takes (flattened into the command line; no doc comment here,
// it would replace the program's `about`).
#[derive(clap::Args)]
pub struct Global {
    /// Folder with criteria.toml, data.toml and the rule scripts.
    #[arg(long, global = true, default_value = "rules")]
    pub rules: PathBuf,
    /// The indicator catalog.
    #[arg(long, global = true, default_value = "indicators/catalog.toml")]
    pub catalog: PathBuf,
    /// Age limits and default year of the data (default: data.toml in the rules folder).
    #[arg(long, global = true)]
    pub data: Option<PathBuf>,
    /// Folder with the imported data, countries.csv, facts/ and ratings.lock.
    #[arg(long, global = true, default_value = "indicators")]
    pub indicators: PathBuf,
    /// Language of titles, labels and reasons.
    #[arg(long, global = true, value_enum, default_value = "de")]
    pub lang: LangArg,
}

/// `--lang`: the library's [`Lang`] as the command line spells it (the library has no clap).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

impl Global {
    /// The language asked for.
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }

    /// data.toml: the one given with --data, else the one in the rules folder.
    pub fn data_toml(&self) -> PathBuf {
        self.data
            .clone()
            .unwrap_or_else(|| self.rules.join("data.toml"))
    }

    /// The catalog and the rule set, checked together. Like [`Data`], it lives until the
    /// process ends: freeing the results its memo keeps cost `check` a tenth of its time.
    pub fn rule_set(&self) -> Result<&'static RuleSet, Error> {
        let catalog = Catalog::load(&self.catalog)?;
        Ok(Box::leak(Box::new(RuleSet::load(&self.rules, catalog)?)))
    }

    /// The country registry, indicators/countries.csv.
    pub fn registry(&self) -> Result<Registry, Error> {
        Ok(Registry::load(&self.indicators.join("countries.csv"))?)
    }

    /// A fact file given with --facts, its country codes checked against the registry
    /// (which also gives the texts their country names).
    pub fn facts(&self, rules: &RuleSet, path: &Path) -> Result<Arc<Facts>, Error> {
        let facts = Facts::load(path, &rules.catalog)?;
        let registry = self.registry()?;
        facts.check_countries(&registry)?;
        rules.name_countries(&registry);
        Ok(Arc::new(facts))
    }
}

/// The output formats of `assess`.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
    /// An Excel workbook (ratings, reasons, values); needs --out FILE.
    Xlsx,
}

/// Output of the audit commands (explain, whatif, flips).
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum AuditFormat {
    Text,
    Json,
}

/// The years of a time series.
#[derive(Clone)]
pub struct Years(pub Vec<i32>);

/// `2015..2024` (both ends included) or a single year.
pub fn parse_years(text: &str) -> Result<Years, String> {
    let bad = || format!("'{text}' is not a year or a range like 2015..2024");
    let (from, to) = text.split_once("..").unwrap_or((text, text));
    let from: i32 = from.trim().parse().map_err(|_| bad())?;
    let to: i32 = to
        .trim()
        .trim_start_matches('=')
        .parse()
        .map_err(|_| bad())?;
    if from > to || !(1900..=2100).contains(&from) || !(1900..=2100).contains(&to) {
        return Err(bad());
    }
    Ok(Years((from..=to).collect()))
}

/// An argument the command refuses: exit code 2, the message names what was wrong.
pub fn usage(what: &str, message: &str) -> Error {
    Error::Invalid {
        path: PathBuf::from(what),
        message: message.to_string(),
    }
}

/// The shipped data: the store and the country registry.
pub struct Data {
    pub store: Store,
    pub registry: Registry,
}

impl Data {
    /// Loads the store and the registry for one command. They live until the process
    /// ends: freeing some 400,000 stored values at exit cost a tenth of a one-country run.
    pub fn load(global: &Global, rules: &RuleSet) -> Result<&'static Data, Error> {
        let data = Data {
            store: Store::load(&global.indicators, &global.data_toml(), &rules.catalog)?,
            registry: global.registry()?,
        };
        for facts in data.store.judgments.values() {
            facts.check_countries(&data.registry)?;
        }
        // The texts name other countries as the registry does (a parsed registry is a
        // tenth of a one-country run: it is read once).
        rules.name_countries(&data.registry);
        Ok(Box::leak(Box::new(data)))
    }

    /// The as-of year: the one given, if the data covers it, or the default.
    pub fn year(&self, as_of: Option<i32>) -> Result<i32, Error> {
        match as_of {
            Some(year) => self.store.check_year(year, "--as-of"),
            None => Ok(self.store.default_as_of.year),
        }
    }

    /// The years of `--years`, each covered by the data, or the as-of year alone.
    pub fn years(&self, years: Option<&Years>, as_of: Option<i32>) -> Result<Vec<i32>, Error> {
        match years {
            Some(Years(years)) => years
                .iter()
                .map(|&y| self.store.check_year(y, "--years"))
                .collect(),
            None => Ok(vec![self.year(as_of)?]),
        }
    }

    pub fn iso3(&self, country: &str) -> Result<String, Error> {
        Ok(self.registry.lookup(country)?.iso3.clone())
    }
}

/// Ends a run: flushes the output and turns the command's result into the exit code.
pub fn finish(result: Result<Exit, Error>, mut out: Out) -> Exit {
    match result.and_then(|exit| out.flush().map(|()| exit)) {
        Ok(exit) => exit,
        // The reader closed the pipe: it has what it wanted.
        Err(err) if out::is_closed_pipe(&err) => Exit::Ok,
        Err(err) => {
            out::report_error(&err);
            Exit::of(&err)
        }
    }
}

/// A parse error or `--help`/`--version` from clap: printed where clap prints it, and
/// the exit code clap would use (2 for a bad argument, 0 for help).
pub fn parse_failed(err: clap::Error) -> Exit {
    let _ = err.print();
    match err.use_stderr() {
        true => Exit::BadInput,
        false => Exit::Ok,
    }
}
