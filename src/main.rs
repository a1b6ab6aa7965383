//! The command line: parses the arguments and hands them to the command's file in
//! `cli/`, which calls the library and prints; the exit code is a [`cli::Exit`].

mod cli;

/// A rule run allocates many small values; mimalloc serves them faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{CommandFactory, Parser, Subcommand};
use cli::{Exit, Out};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "standpunkt",
    version,
    about = "Rates countries against the eight criteria of the EU Common Position on arms exports"
)]
struct Cli {
    #[command(flatten)]
    global: cli::Global,
    #[command(subcommand)]
    command: Command,
}

/// The commands; each one's arguments and help are in its file in `cli/`.
#[derive(Subcommand)]
enum Command {
    Assess(cli::assess::Args),
    Explain(cli::explain::Args),
    Check(cli::check::Args),
    Import(cli::import::Args),
    Whatif(cli::whatif::Args),
    Flips(cli::flips::Args),
    Diff(cli::diff::Args),
    Rescore(cli::rescore::Args),
    Report(cli::report::Args),
    Completions(cli::completions::Args),
    Man(cli::man::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return cli::parse_failed(err).into(),
    };
    let global = &cli.global;
    let mut out = Out::stdout();
    let result = match &cli.command {
        Command::Assess(args) => cli::assess::run(args, global, &mut out),
        Command::Explain(args) => cli::explain::run(args, global, &mut out),
        Command::Check(args) => cli::check::run(args, global, &mut out),
        Command::Import(args) => cli::import::run(args, global, &mut out),
        Command::Whatif(args) => cli::whatif::run(args, global, &mut out),
        Command::Flips(args) => cli::flips::run(args, global, &mut out),
        Command::Diff(args) => cli::diff::run(args, global, &mut out),
        Command::Rescore(args) => cli::rescore::run(args, global, &mut out),
        Command::Report(args) => cli::report::run(args, global, &mut out),
        Command::Completions(args) => cli::completions::run(args, Cli::command(), &mut out),
        Command::Man(args) => cli::man::run(args, Cli::command(), &mut out),
    };
    Exit::into(cli::finish(result, out))
}
