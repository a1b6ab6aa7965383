//! The command line: parses arguments, calls the library, prints, sets the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use standpunkt::{render, Catalog, Error, Facts, Lang, RuleSet};
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
