//! The command line: parses arguments, calls the library, prints, sets the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use standpunkt::countries::Registry;
use standpunkt::importer::{self, SourceSpec};
use standpunkt::store::Store;
use standpunkt::{
    batch, colour, diff, flips, render, render_audit, render_diff, report, rescore, sources,
    whatif, Assessment, Catalog, Error, Facts, Lang, RuleSet,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

mod out;
use out::Out;

#[derive(Parser)]
#[command(
    name = "standpunkt",
    version,
    about = "Rates countries against the eight criteria of the EU Common Position on arms exports"
)]
struct Cli {
    /// Folder with criteria.toml, data.toml and the rule scripts.
    #[arg(long, global = true, default_value = "rules")]
    rules: PathBuf,
    /// The indicator catalog.
    #[arg(long, global = true, default_value = "indicators/catalog.toml")]
    catalog: PathBuf,
    /// Age limits and default year of the data (default: data.toml in the rules folder).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    /// Folder with the imported data, countries.csv, facts/ and ratings.lock.
    #[arg(long, global = true, default_value = "indicators")]
    indicators: PathBuf,
    /// Language of titles, labels and reasons.
    #[arg(long, global = true, value_enum, default_value = "de")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
    /// An Excel workbook (ratings, reasons, values); needs --out FILE.
    Xlsx,
}

/// Output of the audit commands (whatif, flips).
#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum AuditFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

/// The years of a time series.
#[derive(Clone)]
struct Years(Vec<i32>);

/// `2015..2024` (both ends included) or a single year.
fn parse_years(text: &str) -> Result<Years, String> {
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

#[derive(Subcommand)]
enum Command {
    /// Assess a country: the eight ratings with reasons and the values behind them.
    ///
    /// `assess KAZ` (or a German or English name) reads the shipped data; `assess --facts
    /// FILE` reads one fact file; `assess --all` assesses every country.
    Assess {
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
        #[arg(long, value_parser = parse_years)]
        years: Option<Years>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// With --format xlsx: the workbook to write (written beside it, then renamed).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Show one criterion's full trace: every value read, every condition tested.
    ///
    /// `explain KAZ 2` on the shipped data, or `explain --facts FILE 2`.
    Explain {
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
    },
    /// Validate the catalog and every rule; then, on the shipped data, report coverage of
    /// each rule's tests and conclusions, monotonicity violations and rule failures.
    Check {
        /// Only the checks that need no data (what loading the rules checks).
        #[arg(long)]
        rules_only: bool,
        /// The years to run every rule on (default: 2015 to the default as-of year).
        #[arg(long, value_parser = parse_years)]
        years: Option<Years>,
    },
    /// Import a published data file (e.g. a new edition of an index) into indicators/<source>/.
    Import {
        /// freedomhouse, cpi, cpi-series, hdi, gmi, sipri, who, wgi, pts, ucdp, sanctions,
        /// embargoes-2024, un-peacekeeping, us-troops,
        /// treaties-untc-2026, treaties-untc-2015, treaties-wikipedia-2016,
        /// treaties-unoda-2026, treaties-untc-xxvi-2026, treaties-ieadb-2026,
        /// wassenaar-snapshots, export-regimes, borders — or `all` to import every shipped
        /// raw file.
        source: String,
        /// The file as the publisher ships it (default: the shipped raw file).
        file: Option<PathBuf>,
        /// A name in the file that is not a country (a region, an aggregate); repeatable.
        #[arg(long = "ignore", value_name = "NAME")]
        ignore: Vec<String>,
        /// Folder with the shipped raw files.
        #[arg(long, default_value = "../shared/data/raw")]
        raw: PathBuf,
        /// Show what the import would change (ratings, as `rescore` lists them) and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Accept that the import drops values indicators/<source>/ holds (countries,
        /// editions, years the new file does not have); without it such an import is refused.
        #[arg(long)]
        allow_loss: bool,
    },
    /// What if: the assessment with indicator values replaced, next to the real one.
    ///
    /// `whatif KAZ --set cpi.score=45 --set treaty.ottawa=true`; `--set pts.score=missing`
    /// removes a value; `--from FILE` reads a TOML table `[values]` ("cpi.score" = 45).
    Whatif {
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
    },
    /// Flip points: for each criterion, the single-indicator changes that change the rating.
    ///
    /// `flips KAZ` for one country; `flips --all --within 10` lists the countries whose
    /// numeric indicator lies within 10 % of its catalog range of a flip point.
    Flips {
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
    },
    /// Compare two rule sets on every country and year: which ratings change, and why.
    ///
    /// `diff --base main` compares the rules folder (--rules, default rules/) with the same
    /// folder at git revision `main`; `diff --base-rules DIR` with another folder. Exit
    /// code 3 when any rating changed, 0 when none did.
    #[command(group(clap::ArgGroup::new("old").required(true).args(["base", "base_rules"])))]
    Diff {
        /// The git revision (branch, tag, commit) whose rules folder is the old rule set.
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        /// A folder with the old rule set (criteria.toml, data.toml, scripts).
        #[arg(long, value_name = "DIR")]
        base_rules: Option<PathBuf>,
        /// The year to assess (default: default_as_of in the new rules' data.toml).
        #[arg(long, conflicts_with = "years")]
        as_of: Option<i32>,
        /// Several years, e.g. 2015..2024.
        #[arg(long, value_parser = parse_years)]
        years: Option<Years>,
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
    },
    /// Re-score every country and list what changed against indicators/ratings.lock, and why.
    Rescore {
        /// Record the new ratings in indicators/ratings.lock.
        #[arg(long)]
        accept: bool,
        /// Also write the list of changes as an HTML page (the style of `report`).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Write HTML pages: one country (`report KAZ`), or every country and an overview
    /// (`report --all`). Static files that open from disk: no server, no network.
    Report {
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
    },
    /// Print a shell completion script, generated from these definitions.
    ///
    /// bash: `standpunkt completions bash > ~/.local/share/bash-completion/completions/standpunkt`;
    /// zsh: `standpunkt completions zsh > ~/.zfunc/_standpunkt`; fish:
    /// `standpunkt completions fish > ~/.config/fish/completions/standpunkt.fish`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions:
    /// `standpunkt man > standpunkt.1 && man ./standpunkt.1`.
    Man {
        /// Write standpunkt.1 and one page per command (standpunkt-assess.1, …) into DIR instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Out::stdout();
    match run(&cli, &mut out).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        // The reader closed the pipe: it has what it wanted.
        Err(err) if out::is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            out::report_error(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn load(cli: &Cli) -> Result<RuleSet, Error> {
    let catalog = Catalog::load(&cli.catalog)?;
    RuleSet::load(&cli.rules, catalog)
}

/// A fact file given with --facts, its country codes checked against the registry.
fn facts(cli: &Cli, rules: &RuleSet, path: &Path) -> Result<Arc<Facts>, Error> {
    let facts = Facts::load(path, &rules.catalog)?;
    facts.check_countries(&Registry::load(&cli.indicators.join("countries.csv"))?)?;
    Ok(Arc::new(facts))
}

/// The shipped data: the store and the country registry.
struct Data {
    store: Store,
    registry: Registry,
}

impl Data {
    fn load(cli: &Cli, rules: &RuleSet) -> Result<Data, Error> {
        let data = Data {
            store: Store::load(
                &cli.indicators,
                &cli.data
                    .clone()
                    .unwrap_or_else(|| cli.rules.join("data.toml")),
                &rules.catalog,
            )?,
            registry: Registry::load(&cli.indicators.join("countries.csv"))?,
        };
        for facts in data.store.judgments.values() {
            facts.check_countries(&data.registry)?;
        }
        Ok(data)
    }

    /// The as-of year: the one given, if the data covers it, or the default.
    fn year(&self, as_of: Option<i32>) -> Result<i32, Error> {
        match as_of {
            Some(year) => self.store.check_year(year, "--as-of"),
            None => Ok(self.store.default_as_of.year),
        }
    }

    /// The years of `--years`, each covered by the data, or the as-of year alone.
    fn years(&self, years: Option<&Years>, as_of: Option<i32>) -> Result<Vec<i32>, Error> {
        match years {
            Some(Years(years)) => years
                .iter()
                .map(|&y| self.store.check_year(y, "--years"))
                .collect(),
            None => Ok(vec![self.year(as_of)?]),
        }
    }

    fn iso3(&self, country: &str) -> Result<String, Error> {
        Ok(self.registry.lookup(country)?.iso3.clone())
    }
}

/// `import --dry-run`: checks the file as an import would, then lists the values it
/// would drop (with --allow-loss) and the ratings it would move; writes nothing.
fn dry_run_import(
    out: &mut Out,
    cli: &Cli,
    spec: &SourceSpec,
    path: &Path,
    catalog: &Catalog,
    registry: &Registry,
    options: &importer::Options,
) -> Result<(), Error> {
    let _lock = importer::ImportLock::acquire(&cli.indicators)?;
    let prepared = importer::prepare(spec, path, &cli.indicators, catalog, registry, options)?;
    out.line(&format!(
        "dry run, nothing written — {}",
        render::import_report(&prepared.report).replacen(
            ": unchanged (this data is already imported)",
            ": would import",
            1
        )
    ))?;
    if !prepared.loss.is_empty() {
        out.line(&format!(
            "would drop (--allow-loss): {}",
            prepared.loss.describe()
        ))?;
    }
    let rules = load(cli)?;
    let data_toml = cli
        .data
        .clone()
        .unwrap_or_else(|| cli.rules.join("data.toml"));
    let year = match rescore::Lock::load(&cli.indicators.join("ratings.lock"))? {
        Some(lock) => lock.year,
        None => {
            Store::load(&cli.indicators, &data_toml, &rules.catalog)?
                .default_as_of
                .year
        }
    };
    let changes = importer::preview(
        &prepared,
        &cli.indicators,
        &data_toml,
        &rules,
        registry,
        year,
    )?;
    if changes.is_empty() {
        out.line(&format!("no rating would change (as of {year})"))?;
    } else {
        out.line(&format!("ratings that would change (as of {year}):"))?;
        out.print(&render::changes(&changes, registry, cli.lang))?;
    }
    Ok(())
}

fn usage(what: &str, message: &str) -> Error {
    Error::Invalid {
        path: PathBuf::from(what),
        message: message.to_string(),
    }
}

fn run(cli: &Cli, out: &mut Out) -> Result<ExitCode, Error> {
    match &cli.command {
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut command, "standpunkt", &mut buf);
            out.print(&String::from_utf8_lossy(&buf))?;
        }
        Command::Man { out: Some(dir) } => {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.clone(),
                source: e,
            })?;
            clap_mangen::generate_to(<Cli as clap::CommandFactory>::command(), dir).map_err(
                |e| {
                    usage(
                        &dir.display().to_string(),
                        &format!("cannot write the man pages: {e}"),
                    )
                },
            )?;
            out.line(&format!("wrote the man pages to {}", dir.display()))?;
        }
        Command::Man { out: None } => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut buf)
                .map_err(|e| Error::Internal(format!("rendering the man page: {e}")))?;
            out.print(&String::from_utf8_lossy(&buf))?;
        }
        Command::Assess {
            country,
            facts: path,
            all,
            as_of,
            years,
            format,
            out: workbook,
        } => {
            let xlsx = workbook_target(*format, workbook.as_deref())?;
            let rules = load(cli)?;
            if let Some(path) = path {
                let assessment = rules.assess(facts(cli, &rules, path)?)?;
                if let Some(file) = xlsx {
                    return write_workbook(out, file, &[assessment], &rules, cli.lang);
                }
                print_each(out, &[assessment], &rules, *format, cli.lang)?;
                return Ok(ExitCode::SUCCESS);
            }
            let data = Data::load(cli, &rules)?;
            let years = data.years(years.as_ref(), *as_of)?;
            if *all {
                let countries = data.store.countries();
                let assessments =
                    batch::assess_all(&rules, &data.store, &data.registry, &countries, &years)?;
                if let Some(file) = xlsx {
                    let code = write_workbook(out, file, &assessments, &rules, cli.lang)?;
                    std::mem::forget((assessments, data, rules));
                    return Ok(code);
                }
                match format {
                    Format::Text => out.print(&colour::matrix(
                        &render::matrix(&assessments, cli.lang),
                        &assessments,
                        cli.lang,
                    ))?,
                    _ => print_each(out, &assessments, &rules, *format, cli.lang)?,
                }
                // The process ends here: leave the many traces to the OS rather than free
                // them one by one.
                std::mem::forget((assessments, data, rules));
                return Ok(ExitCode::SUCCESS);
            }
            let country = country.as_deref().ok_or_else(|| {
                usage(
                    "assess",
                    "name a country (assess KAZ), a fact file (--facts FILE) or --all",
                )
            })?;
            let iso3 = data.iso3(country)?;
            let assessments =
                batch::assess_all(&rules, &data.store, &data.registry, &[iso3], &years)?;
            if let Some(file) = xlsx {
                return write_workbook(out, file, &assessments, &rules, cli.lang);
            }
            print_each(out, &assessments, &rules, *format, cli.lang)?;
        }
        Command::Explain {
            args,
            facts: path,
            as_of,
            format,
        } => {
            let rules = load(cli)?;
            let (country, number) = match (args.as_slice(), path) {
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
            let facts = match (country, path) {
                (_, Some(path)) => facts(cli, &rules, path)?,
                (Some(country), None) => {
                    let data = Data::load(cli, &rules)?;
                    let year = data.year(*as_of)?;
                    Arc::new(data.store.facts(&data.iso3(country)?, year, &rules.catalog))
                }
                (None, None) => unreachable!("matched above"),
            };
            let result = rules.evaluate(criterion, &facts)?;
            match format {
                AuditFormat::Json => out.json_pretty(&result.json(cli.lang))?,
                AuditFormat::Text => {
                    out.print(&render::explain(&result, &rules.catalog, cli.lang))?
                }
            }
        }
        Command::Check { rules_only, years } => {
            let rules = load(cli)?;
            let open_ends: Vec<_> = rules
                .criteria
                .iter()
                .filter_map(standpunkt::open_end::find)
                .collect();
            if !open_ends.is_empty() {
                for open in &open_ends {
                    out.line(&open.to_string())?;
                }
                return Err(usage(
                    &cli.rules.display().to_string(),
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
            if *rules_only {
                return Ok(ExitCode::SUCCESS);
            }
            let data = Data::load(cli, &rules)?;
            let years = match years {
                Some(years) => data.years(Some(years), None)?,
                None => (2015..=data.store.default_as_of.year).collect(),
            };
            let report =
                standpunkt::lint::check(&rules, &data.store, &data.store.countries(), &years);
            out.print(&render::lint(&report, cli.lang))?;
            if !report.violations.is_empty() || !report.failures.is_empty() {
                return Err(Error::Invalid {
                    path: cli.rules.clone(),
                    message: format!(
                        "check failed: {} monotonicity violation(s), {} rule failure(s) on the shipped data",
                        report.violations.len(),
                        report.failures.len()
                    ),
                });
            }
        }
        Command::Import {
            source,
            file,
            ignore,
            raw,
            dry_run,
            allow_loss,
        } => {
            let catalog = Catalog::load(&cli.catalog)?;
            let registry = Registry::load(&cli.indicators.join("countries.csv"))?;
            let specs: Vec<&SourceSpec> = if source == "all" {
                sources::SOURCES.iter().collect()
            } else {
                let names: Vec<&str> = sources::SOURCES.iter().map(|s| s.name).collect();
                vec![sources::find(source).ok_or_else(|| {
                    usage(
                        source,
                        &format!("unknown source — the sources are: {}", names.join(", ")),
                    )
                })?]
            };
            for spec in specs {
                let path = match (file, source == "all") {
                    (Some(file), false) => file.clone(),
                    _ => raw.join(spec.raw),
                };
                let options = importer::Options {
                    ignore: ignore.clone(),
                    allow_loss: *allow_loss,
                };
                if *dry_run {
                    dry_run_import(out, cli, spec, &path, &catalog, &registry, &options)?;
                    continue;
                }
                let report = importer::import_with(
                    spec,
                    &path,
                    &cli.indicators,
                    &catalog,
                    &registry,
                    &options,
                )?;
                out.line(&render::import_report(&report))?;
            }
        }
        Command::Whatif {
            country,
            set,
            from,
            as_of,
            format,
        } => {
            let rules = load(cli)?;
            let mut overrides = match from {
                Some(path) => whatif::load(path, &rules.catalog)?,
                None => Vec::new(),
            };
            for text in set {
                overrides.push(whatif::parse_set(&rules.catalog, text)?);
            }
            if overrides.is_empty() {
                return Err(usage(
                    "whatif",
                    "give at least one --set ID=VALUE (e.g. --set cpi.score=45) or --from FILE",
                ));
            }
            let data = Data::load(cli, &rules)?;
            let iso3 = data.iso3(country)?;
            let year = data.year(*as_of)?;
            let result =
                whatif::assess(&rules, &data.store, &data.registry, &iso3, year, &overrides)?;
            match format {
                AuditFormat::Json => out.json_pretty(&result.to_json(cli.lang))?,
                AuditFormat::Text => {
                    out.print(&render_audit::whatif(&result, &rules.catalog, cli.lang))?
                }
            }
        }
        Command::Flips {
            country,
            all,
            within,
            as_of,
            format,
        } => {
            let rules = load(cli)?;
            let data = Data::load(cli, &rules)?;
            let year = data.year(*as_of)?;
            if *all {
                let within = within.unwrap_or(10.0);
                if !(within > 0.0 && within <= 100.0) {
                    return Err(usage(
                        "flips",
                        &format!("--within {within}: give a percentage above 0 and at most 100"),
                    ));
                }
                let countries = data.store.countries();
                let list = flips::borderline(
                    &rules,
                    &data.store,
                    &data.registry,
                    &countries,
                    year,
                    within,
                )?;
                match format {
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
                        cli.lang,
                    ))?,
                }
                return Ok(ExitCode::SUCCESS);
            }
            if within.is_some() {
                return Err(usage(
                    "flips",
                    "--within goes with --all (flips --all --within 10)",
                ));
            }
            let country = country
                .as_deref()
                .ok_or_else(|| usage("flips", "name a country (flips KAZ) or --all"))?;
            let iso3 = data.iso3(country)?;
            let result = flips::country(&rules, &data.store, &data.registry, &iso3, year)?;
            match format {
                AuditFormat::Json => out.json_pretty(&result)?,
                AuditFormat::Text => {
                    out.print(&render_audit::flips(&result, &rules.catalog, cli.lang))?
                }
            }
        }
        Command::Diff {
            base,
            base_rules,
            as_of,
            years,
            format,
        } => {
            let changed = diff_rules(
                cli,
                out,
                base.as_deref(),
                base_rules.as_deref(),
                *as_of,
                years.as_ref(),
                *format,
            )?;
            if changed {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Rescore { accept, html } => {
            let rules = load(cli)?;
            let data = Data::load(cli, &rules)?;
            let lock_path = cli.indicators.join("ratings.lock");
            let lock = rescore::Lock::load(&lock_path)?;
            let year = lock
                .as_ref()
                .map_or(data.store.default_as_of.year, |l| l.year);
            let countries = data.store.countries();
            let assessments =
                batch::assess_all(&rules, &data.store, &data.registry, &countries, &[year])?;
            let current = rescore::Lock::from_assessments(year, &assessments);
            match &lock {
                Some(lock) => out.print(&render::changes(
                    &lock.changes(&current),
                    &data.registry,
                    cli.lang,
                ))?,
                None => out.line(&format!(
                    "no {} yet: every rating is new",
                    lock_path.display()
                ))?,
            }
            if let Some(path) = html {
                let changes = lock.as_ref().map_or_else(
                    || {
                        rescore::Lock {
                            year,
                            entries: Default::default(),
                        }
                        .changes(&current)
                    },
                    |l| l.changes(&current),
                );
                let page = report::changes_page(
                    &changes,
                    &data.registry,
                    &rules,
                    &report::rules_hash(&cli.rules)?,
                    year,
                    cli.lang,
                )?;
                report::write_file(path, page.as_bytes())?;
                out.line(&format!("wrote {}", path.display()))?;
            }
            if *accept {
                current.write(&lock_path)?;
                out.line(&format!(
                    "recorded {} ratings as of {year} in {}",
                    current.len(),
                    lock_path.display()
                ))?;
            }
        }
        Command::Report {
            country,
            all,
            as_of,
            out: dir,
        } => {
            let rules = load(cli)?;
            let data = Data::load(cli, &rules)?;
            let countries = match (country, all) {
                (_, true) => data.store.countries(),
                (Some(country), false) => vec![data.iso3(country)?],
                (None, false) => {
                    return Err(usage("report", "name a country (report KAZ) or --all"))
                }
            };
            let report = report::Report {
                rules: &rules,
                store: &data.store,
                registry: &data.registry,
                rules_hash: report::rules_hash(&cli.rules)?,
                lang: cli.lang,
                year: data.year(*as_of)?,
            };
            let written = report.write(&countries, dir, *all)?;
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
            std::mem::forget((data, rules));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `diff`: prints the report; true when a rating changed (exit code 3).
fn diff_rules(
    cli: &Cli,
    out: &mut Out,
    base: Option<&str>,
    base_rules: Option<&Path>,
    as_of: Option<i32>,
    years: Option<&Years>,
    format: DiffFormat,
) -> Result<bool, Error> {
    let catalog = Catalog::load(&cli.catalog)?;
    let materialised;
    let (base_dir, base_origin) = match (base, base_rules) {
        (Some(rev), _) => {
            materialised = diff::materialise(rev, &cli.rules)?;
            (materialised.dir.clone(), materialised.origin())
        }
        (None, Some(dir)) => (dir.to_path_buf(), diff::Origin::dir(dir)),
        (None, None) => {
            return Err(usage(
                "diff",
                "name the old rules: --base REV or --base-rules DIR",
            ))
        }
    };
    let new = RuleSet::load(&cli.rules, catalog.clone())?;
    let old = RuleSet::load(&base_dir, catalog)?;
    let data = Data::load(cli, &new)?;
    let years = data.years(years, as_of)?;
    let countries = data.store.countries();
    let mut report = diff::compare(
        &old,
        &new,
        &data.store,
        &data.registry,
        &countries,
        &years,
        base_origin,
        diff::Origin::dir(&cli.rules),
    )?;
    // With --data both sides use that file; otherwise the new rules' data.toml.
    report.data_toml_differs = cli.data.is_none() && diff::data_toml_differs(&base_dir, &cli.rules);
    match format {
        DiffFormat::Text => out.print(&render_diff::text(&report, cli.lang))?,
        DiffFormat::Markdown => out.print(&render_diff::markdown(&report, cli.lang))?,
        DiffFormat::Json => out.json_pretty(&report.to_json(cli.lang))?,
    }
    Ok(report.changed())
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
) -> Result<ExitCode, Error> {
    standpunkt::xlsx::write(file, assessments, &rules.catalog, lang)?;
    out.line(&format!(
        "wrote {} ({} assessments)",
        file.display(),
        assessments.len()
    ))?;
    Ok(ExitCode::SUCCESS)
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
        Format::Json => {
            // Many assessments: one compact array, written straight to the output.
            let all: Vec<_> = assessments.iter().map(|a| a.json(lang)).collect();
            out.json(&all)
        }
    }
}
