//! `import`: a publisher's file (or every shipped raw file) into indicators/<source>/.

use super::{usage, Exit, Global, Out};
use standpunkt::audit::{import_preview, rescore};
use standpunkt::data::import::embargo_scope;
use standpunkt::data::importer::{self, SourceSpec};
use standpunkt::data::sources;
use standpunkt::data::store::{Snapshot, Store};
use standpunkt::model::countries::Registry;
use standpunkt::present::render;
use standpunkt::{Catalog, Error};
use std::path::{Path, PathBuf};

/// Import a published data file (e.g. a new edition of an index) into indicators/<source>/.
#[derive(clap::Args)]
pub struct Args {
    /// The source (the list is the source table's), or `all` to import every shipped raw file.
    #[arg(help = source_help())]
    source: String,
    /// The file as the publisher ships it, or a ZIP archive holding it (default: the
    /// shipped raw file).
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
}

pub fn run(args: &Args, global: &Global, out: &mut Out) -> Result<Exit, Error> {
    let catalog = Catalog::load(&global.catalog)?;
    let registry = global.registry()?;
    let all = args.source == "all";
    let specs: Vec<&SourceSpec> = if all {
        sources::SOURCES.iter().collect()
    } else {
        let names: Vec<&str> = sources::SOURCES.iter().map(|s| s.name).collect();
        vec![sources::find(&args.source).ok_or_else(|| {
            usage(
                &args.source,
                &format!("unknown source — the sources are: {}", names.join(", ")),
            )
        })?]
    };
    // Refused before anything is read or written, also for `all`.
    if specs
        .iter()
        .any(|s| embargo_scope::READ_BY.contains(&s.name))
    {
        if let Some(path) = embargo_scope::edited_since_build(&global.indicators) {
            return Err(Error::Invalid {
                path,
                message: "differs from the embargo scope table this program was built with \
                          (the table is compiled in) — rebuild it (`cargo build --release`) so \
                          that the import applies the edited table; nothing was imported"
                    .into(),
            });
        }
    }
    let progress = super::progress::bar(if all { specs.len() } else { 0 }, "import");
    for spec in specs {
        progress.set_message(spec.name);
        let path = match (&args.file, all) {
            (Some(file), false) => file.clone(),
            _ => args.raw.join(spec.raw),
        };
        if all {
            if let Some(files) = importer::imported_instead(spec, &global.indicators)? {
                out.line(&format!(
                    "{}: skipped — indicators/{} was imported from {}, not the shipped {}; re-importing that would replace it (import the newer file by its path again, or name it in src/data/sources.rs)",
                    spec.name,
                    spec.name,
                    files.join(", "),
                    spec.raw
                ))?;
                progress.inc(1);
                continue;
            }
        }
        if args.file.is_none() || all {
            shipped_file_present(spec, &path)?;
        }
        let options = importer::Options {
            ignore: args.ignore.clone(),
            allow_loss: args.allow_loss,
        };
        if args.dry_run {
            dry_run(out, global, spec, &path, &catalog, &registry, &options)?;
        } else {
            let report = importer::import_with(
                spec,
                &path,
                &global.indicators,
                &catalog,
                &registry,
                &options,
            )?;
            let outcome = render::ImportOutcome::of(report.written);
            out.line(&render::import_report(&report, outcome))?;
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    if !args.dry_run {
        // Loading writes indicators/.snapshot from the new files, so the next command
        // need not read them. A load error is not this import's: the next command reports it.
        let _ = Store::load(&global.indicators, &global.data_toml(), &catalog);
    }
    Ok(Exit::Ok)
}

/// `import --dry-run`: checks the file as an import would, then lists the values it
/// would drop (with --allow-loss) and the ratings it would move; writes nothing.
fn dry_run(
    out: &mut Out,
    global: &Global,
    spec: &SourceSpec,
    path: &Path,
    catalog: &Catalog,
    registry: &Registry,
    options: &importer::Options,
) -> Result<(), Error> {
    let _lock = importer::ImportLock::acquire(&global.indicators)?;
    let prepared = importer::prepare(spec, path, &global.indicators, catalog, registry, options)?;
    let outcome = match prepared.is_imported(&global.indicators)? {
        true => render::ImportOutcome::Unchanged,
        false => render::ImportOutcome::WouldImport,
    };
    let summary = render::import_report(&prepared.report, outcome);
    out.line(&format!("dry run, nothing written — {summary}"))?;
    if !prepared.loss.is_empty() {
        out.line(&format!(
            "would drop (--allow-loss): {}",
            prepared.loss.describe()
        ))?;
    }
    let rules = global.rule_set()?;
    let data_toml = global.data_toml();
    let year = match rescore::Lock::load(&global.indicators.join("ratings.lock"))? {
        Some(lock) => lock.year,
        None => {
            Store::load_with(
                &global.indicators,
                &data_toml,
                &rules.catalog,
                Snapshot::ReadOnly,
            )?
            .default_as_of
            .year
        }
    };
    // Values first published after that year are compared as of their year too (data
    // already in place moves nothing in any year).
    let mut years = vec![year];
    if outcome == render::ImportOutcome::WouldImport {
        years.extend(import_preview::first_published_after(&prepared, year));
    }
    let previews = import_preview::preview(
        &prepared,
        &global.indicators,
        &data_toml,
        rules,
        registry,
        &years,
    )?;
    for (year, changes) in previews {
        if changes.is_empty() {
            out.line(&format!("no rating would change (as of {year})"))?;
        } else {
            out.line(&format!("ratings that would change (as of {year}):"))?;
            out.print(&render::changes(&changes, registry, year, global.lang()))?;
        }
    }
    if let [lock_year, later] = years[..] {
        out.line(&format!(
            "the import holds values first published in {later}, after {lock_year}, the year of the ratings of record: after the import, `standpunkt rescore --as-of {later}` re-scores every country as of {later}"
        ))?;
    }
    Ok(())
}

/// A source's shipped raw file is where the source table says: else an error that lists
/// what the folder holds instead (a publisher's next release has a name of its own).
fn shipped_file_present(spec: &SourceSpec, path: &Path) -> Result<(), Error> {
    if path.exists() {
        return Ok(());
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut held: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && name != "SOURCE.txt")
        .collect();
    held.sort();
    let message = match (folder.is_dir(), held.is_empty()) {
        (false, _) => format!(
            "no such file: the folder {} is missing (README, \"Where the raw files come from\") — point --raw at the raw files, or import one file by its path (`standpunkt import {} FILE`)",
            folder.display(),
            spec.name
        ),
        (true, true) => format!(
            "no such file, and {} holds no other — import the file by its path (`standpunkt import {} FILE`)",
            folder.display(),
            spec.name
        ),
        (true, false) => format!(
            "no such file; {} holds {} — import a newer release by its path (`standpunkt import {} {}`), and name it in src/data/sources.rs for `import all`",
            folder.display(),
            held.join(", "),
            spec.name,
            folder.join("FILE").display()
        ),
    };
    Err(Error::Invalid {
        path: path.to_path_buf(),
        message,
    })
}

/// The SOURCE argument's help: every source of the source table, so that the list cannot
/// fall behind it.
fn source_help() -> String {
    let names: Vec<&str> = sources::SOURCES.iter().map(|s| s.name).collect();
    format!(
        "{} — or `all` to import every shipped raw file",
        names.join(", ")
    )
}
