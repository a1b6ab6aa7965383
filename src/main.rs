//! The command line: parses arguments, calls the library, prints, sets the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use standpunkt::countries::Registry;
use standpunkt::importer::{self, SourceSpec};
use standpunkt::{render, sources, Catalog, Error, Facts, Lang, RuleSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "standpunkt",
    version,
    about = "Rates countries against the eight criteria of the EU Common Position on arms exports"
)]
struct Cli {
    /// Folder with criteria.toml and the rule scripts.
    #[arg(long, global = true, default_value = "rules")]
    rules: PathBuf,
    /// The indicator catalog.
    #[arg(long, global = true, default_value = "indicators/catalog.toml")]
    catalog: PathBuf,
    /// Folder with the imported data, countries.csv and facts/.
    #[arg(long, global = true, default_value = "indicators")]
    indicators: PathBuf,
    /// Language of titles, labels and reasons.
    #[arg(long, global = true, value_enum, default_value = "de")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Assess a country: the eight ratings with reasons and the values behind them.
    Assess {
        /// A country fact file (TOML), e.g. fixtures/KAZ-2025.toml.
        #[arg(long)]
        facts: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Show one criterion's full trace: every value read, every condition tested.
    Explain {
        #[arg(long)]
        facts: PathBuf,
        /// The criterion number (1–8).
        criterion: u32,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Validate the catalog and every rule without assessing anything.
    Check,
    /// Import a published data file (a new edition of an index) into indicators/<source>/.
    Import {
        /// The source: freedomhouse, cpi, cpi-series, hdi, gmi, sipri, who, wgi, pts, ucdp,
        /// sanctions, treaties-untc-2026, treaties-untc-2015, treaties-wikipedia-2016,
        /// export-regimes, borders — or `all` for every shipped raw file.
        source: String,
        /// The file as the publisher ships it (default: the shipped raw file).
        file: Option<PathBuf>,
        /// A name in the file that is not a country (a region, an aggregate); repeatable.
        #[arg(long = "ignore", value_name = "NAME")]
        ignore: Vec<String>,
        /// Folder with the shipped raw files.
        #[arg(long, default_value = "../shared/data/raw")]
        raw: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn load(cli: &Cli) -> Result<RuleSet, Error> {
    let catalog = Catalog::load(&cli.catalog)?;
    RuleSet::load(&cli.rules, catalog)
}

fn facts(rules: &RuleSet, path: &Path) -> Result<Arc<Facts>, Error> {
    Ok(Arc::new(Facts::load(path, &rules.catalog)?))
}

fn run(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Assess {
            facts: path,
            format,
        } => {
            let rules = load(cli)?;
            let assessment = rules.assess(facts(&rules, path)?)?;
            match format {
                Format::Text => print!(
                    "{}",
                    render::assessment(&assessment, &rules.catalog, cli.lang)
                ),
                Format::Json => println!("{}", pretty(&assessment.to_json())),
            }
        }
        Command::Explain {
            facts: path,
            criterion,
            format,
        } => {
            let rules = load(cli)?;
            let criterion = rules.criterion(*criterion)?;
            let result = rules.evaluate(criterion, &facts(&rules, path)?)?;
            match format {
                Format::Text => print!("{}", render::explain(&result, &rules.catalog, cli.lang)),
                Format::Json => println!(
                    "{}",
                    pretty(&serde_json::to_value(&result).expect("serialises"))
                ),
            }
        }
        Command::Import {
            source,
            file,
            ignore,
            raw,
        } => {
            let catalog = Catalog::load(&cli.catalog)?;
            let registry = Registry::load(&cli.indicators.join("countries.csv"))?;
            let specs: Vec<&SourceSpec> = if source == "all" {
                sources::SOURCES.iter().collect()
            } else {
                vec![sources::find(source).ok_or_else(|| Error::Invalid {
                    path: PathBuf::from(source),
                    message: format!(
                        "unknown source — the sources are: {}",
                        sources::SOURCES
                            .iter()
                            .map(|s| s.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })?]
            };
            for spec in specs {
                let path = match (file, source == "all") {
                    (Some(file), false) => file.clone(),
                    _ => raw.join(spec.raw),
                };
                let report =
                    importer::import(spec, &path, &cli.indicators, &catalog, &registry, ignore)?;
                println!(
                    "{}: {} — {} values for {} countries, editions {}{}",
                    report.source,
                    if report.written {
                        "imported"
                    } else {
                        "unchanged (same data already imported)"
                    },
                    report.records,
                    report.countries,
                    report.editions.join(", "),
                    if report.ignored.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; ignored as not countries: {}",
                            report
                                .ignored
                                .iter()
                                .map(|(n, rows)| format!("{n} ({rows})"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                );
            }
        }
        Command::Check => {
            let rules = load(cli)?;
            let parameters: usize = rules.criteria.iter().map(|c| c.parameters.len()).sum();
            println!(
                "ok: {} indicators, {} criteria, {parameters} parameters — every rule compiles and reads only declared indicators and parameters",
                rules.catalog.iter().count(),
                rules.criteria.len()
            );
        }
    }
    Ok(())
}

fn pretty(json: &serde_json::Value) -> String {
    serde_json::to_string_pretty(json).expect("JSON serialises")
}
