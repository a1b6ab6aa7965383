//! The shared import step: an importer's observations are resolved to countries,
//! checked against the catalog and written as one dataset — or, on any problem, nothing
//! is written and the error names the file and row.

use crate::data::dataset::{Dataset, ImportedFile, Record, SourceMeta};
use crate::data::import::{ImportError, Observation};
use crate::error::{Error, Result};
use crate::model::catalog::Catalog;
use crate::model::countries::{normalize, Registry};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod archive;
mod edition;
mod guard;
mod loss;
pub use guard::{clean_stale, ImportLock};
pub use loss::Loss;

/// Values to fill in for every registry country where a complete census (UCDP, the
/// sanctions list, a regime's participant list) has no row: absence there is a value.
pub struct Fill {
    /// (indicator, value as stored in values.csv).
    pub values: &'static [(&'static str, &'static str)],
    pub(crate) census: Census,
    /// What absence means, for source.toml and the attribution; `{years}` stands for the
    /// years filled ("2000–2024").
    pub meaning: &'static str,
}

/// The edition and years a census covers.
pub(crate) enum Census {
    /// The one edition the importer labels every value with, and its years.
    Fixed {
        years: std::ops::RangeInclusive<i32>,
        published: i32,
        edition: &'static str,
    },
    /// The release the file's values carry (a UCDP file or Powell & Thyne's list is one
    /// release): from `from` up to `lag` years before the release was published, the lag
    /// its release scheme reads the file with (`release::UCDP_LAG`,
    /// `release::POWELL_THYNE_LAG`). So a new release fills its own years under its own
    /// edition.
    Release { from: i32, lag: i32 },
}

/// A census resolved against the file: the edition and years it fills.
struct Span {
    years: std::ops::RangeInclusive<i32>,
    published: i32,
    edition: String,
}

impl Span {
    /// The census of `fill` for these records; a release census needs exactly one release.
    fn of(fill: &Fill, records: &[Record], file: &Path) -> Result<Span> {
        match &fill.census {
            Census::Fixed {
                years,
                published,
                edition,
            } => Ok(Span {
                years: years.clone(),
                published: *published,
                edition: edition.to_string(),
            }),
            Census::Release { from, lag } => {
                let releases: BTreeSet<(&str, i32)> =
                    records.iter().map(|r| (&*r.edition, r.published)).collect();
                match releases.iter().collect::<Vec<_>>()[..] {
                    [(edition, published)] => Ok(Span {
                        years: *from..=published - lag,
                        published: *published,
                        edition: edition.to_string(),
                    }),
                    _ => Err(Error::Invalid {
                        path: file.to_path_buf(),
                        message: format!(
                            "the values carry {} releases ({}), but a census is filled from one — import one release as published; nothing was written",
                            releases.len(),
                            releases.iter().map(|(e, _)| *e).collect::<Vec<_>>().join(", ")
                        ),
                    }),
                }
            }
        }
    }

    /// "2000–2024", or "2024" for one year.
    fn text(&self) -> String {
        match self.years.start() == self.years.end() {
            true => self.years.start().to_string(),
            false => format!("{}–{}", self.years.start(), self.years.end()),
        }
    }
}

/// Everything known about a source except its data.
pub struct SourceSpec {
    /// Folder name under `indicators/` and the name `standpunkt import` takes.
    pub name: &'static str,
    pub(crate) publisher: &'static str,
    pub(crate) dataset: &'static str,
    pub(crate) url: &'static str,
    pub(crate) licence: &'static str,
    pub(crate) attribution: &'static str,
    /// The shipped raw file (or folder), relative to the raw-data folder.
    pub raw: &'static str,
    /// The importer that reads the raw file.
    pub read: fn(&Path) -> std::result::Result<Vec<Observation>, ImportError>,
    /// Names in the shipped file that are not countries (regions, aggregates, territories).
    pub aggregates: &'static [&'static str],
    pub(crate) fill: Option<Fill>,
    /// One edition per file (the CPI results table): a new file adds its edition and
    /// keeps the earlier ones, instead of replacing them.
    pub accumulate: bool,
    /// For a source shipped as one release of a whole time series (HDI, GMI, PTS, …):
    /// the years between a data year and its first publication. The value for year Y
    /// then counts as published in Y + lag (or the release year, if earlier), so that
    /// an assessment as of a past year can use the series; the trace's note says the
    /// value comes from a later revision.
    pub series_lag: Option<i32>,
    /// Which source wins when two give the same indicator for the same year and
    /// publication year (the publisher's own table over a re-publication): higher wins.
    pub precedence: u8,
}

/// What an import did, for the user.
#[derive(Debug)]
pub struct ImportReport {
    /// The source id.
    pub source: String,
    /// The raw file read.
    pub file: PathBuf,
    /// Number of values.
    pub records: usize,
    /// Number of countries with a value.
    pub countries: usize,
    /// The editions the file gave.
    pub editions: Vec<String>,
    /// Ignored names and how many rows each had.
    pub ignored: Vec<(String, usize)>,
    /// False when the data was already exactly this (re-import of the same file).
    pub written: bool,
}

/// How an import may proceed.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Names in the file that are not countries (`--ignore`).
    pub ignore: Vec<String>,
    /// The user accepts that values the folder holds are dropped (`--allow-loss`).
    pub allow_loss: bool,
}

/// An import checked and ready to write: the new dataset and what it replaces.
pub struct Prepared {
    pub(crate) dataset: Dataset,
    /// What the import would write, for the summary line.
    pub report: ImportReport,
    /// What the folder holds that the new data would not (empty unless allowed).
    pub loss: Loss,
}

impl Prepared {
    /// Writes the dataset (replacing the folder in one rename) and returns the report.
    pub fn write(mut self, indicators: &Path) -> Result<ImportReport> {
        self.report.written = self.dataset.write(indicators)?;
        Ok(self.report)
    }

    /// Whether `indicators/<source>/` already holds exactly what this import would
    /// write (a dry run then says so instead of "would import").
    pub fn is_imported(&self, indicators: &Path) -> Result<bool> {
        self.dataset.is_imported(indicators)
    }
}

/// For `import all`: the files `indicators/<source>/` was imported from, where the
/// source's shipped raw file is not among them (a newer release imported by its path,
/// which re-importing the shipped file would replace); None where it is, or where the
/// source has not been imported.
pub fn imported_instead(spec: &SourceSpec, indicators: &Path) -> Result<Option<Vec<String>>> {
    let dir = indicators.join(spec.name);
    if !dir.join("source.toml").exists() {
        return Ok(None);
    }
    let (meta, _) = SourceMeta::read(&dir)?;
    let shipped = Path::new(spec.raw)
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok((!meta.files.iter().any(|f| f.file == shipped))
        .then(|| meta.files.iter().map(|f| f.file.clone()).collect()))
}

/// Reads `file` with the source's importer, resolves and checks every value, and
/// replaces `indicators/<source>/` with the result. An import that would lose values
/// the folder holds is refused (see [`import_with`] for the explicit override).
pub fn import(
    spec: &SourceSpec,
    file: &Path,
    indicators: &Path,
    catalog: &Catalog,
    registry: &Registry,
    extra_ignored: &[String],
) -> Result<ImportReport> {
    let options = Options {
        ignore: extra_ignored.to_vec(),
        allow_loss: false,
    };
    import_with(spec, file, indicators, catalog, registry, &options)
}

/// [`import`] with options: holds the import lock on `indicators/` (a second import
/// waits), cleans what an interrupted import left, checks, then writes.
pub fn import_with(
    spec: &SourceSpec,
    file: &Path,
    indicators: &Path,
    catalog: &Catalog,
    registry: &Registry,
    options: &Options,
) -> Result<ImportReport> {
    let _lock = ImportLock::acquire(indicators)?;
    clean_stale(indicators)?;
    prepare(spec, file, indicators, catalog, registry, options)?.write(indicators)
}

/// Everything an import does except writing: reads the file, resolves names, checks
/// values, refuses a file without data rows, a census incomplete for the years it
/// claims, and (unless allowed) any loss against the folder's current data.
pub fn prepare(
    spec: &SourceSpec,
    file: &Path,
    indicators: &Path,
    catalog: &Catalog,
    registry: &Registry,
    options: &Options,
) -> Result<Prepared> {
    let extra_ignored = &options.ignore;
    let unpacked = archive::unpack(file)?;
    let observations = match &unpacked {
        Some(u) => (spec.read)(&u.path).map_err(|e| u.name_in_archive(e))?,
        None => (spec.read)(file)?,
    };
    if observations.is_empty() {
        return Err(Error::Invalid {
            path: file.to_path_buf(),
            message: format!(
                "no data rows: the {} importer found no values in this file (only a header, or an empty table) — check that it is the complete file as published; nothing was written",
                spec.name
            ),
        });
    }
    let bytes = if file.is_dir() {
        directory_bytes(file)
    } else {
        std::fs::read(file)
    }
    .map_err(|e| Error::io(file, e))?;
    let sha256 = hex(&sha2::Digest::finalize(
        <sha2::Sha256 as sha2::Digest>::new_with_prefix(&bytes),
    ));

    // Previously accepted non-country names stay accepted on the next edition.
    let previous = match indicators.join(spec.name).join("source.toml").exists() {
        true => Some(Dataset::read(&indicators.join(spec.name), catalog)?),
        false => None,
    };
    let mut ignorable: BTreeSet<String> = spec.aggregates.iter().map(|s| s.to_string()).collect();
    ignorable.extend(extra_ignored.iter().cloned());
    if let Some(previous) = &previous {
        ignorable.extend(previous.meta.ignored.iter().cloned());
    }
    let ignorable_keys: BTreeSet<String> = ignorable.iter().map(|s| normalize(s)).collect();

    // A row is a row of the data file, inside the archive if the file was one.
    let rows_of = unpacked.as_ref().map_or(file, |u| &u.shown);
    let at = |row: usize, message: String| Error::Invalid {
        path: PathBuf::from(format!("{}:{row}", rows_of.display())),
        message,
    };
    let mut unmatched: BTreeMap<String, usize> = BTreeMap::new();
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen: BTreeMap<(String, String, i32, String), usize> = BTreeMap::new();
    let mut records = Vec::new();
    let mut inferred: BTreeSet<loss::Key> = BTreeSet::new();
    for obs in observations {
        let iso3 = match registry.resolve(&obs.country) {
            Ok(country) => country.iso3.clone(),
            Err(_) if ignorable_keys.contains(&normalize(&obs.country)) => {
                *ignored.entry(obs.country.clone()).or_default() += 1;
                continue;
            }
            Err(_) => {
                unmatched.entry(obs.country.clone()).or_insert(obs.row);
                continue;
            }
        };
        let indicator = catalog.get(&obs.indicator).ok_or_else(|| {
            at(
                obs.row,
                format!(
                    "the importer produced '{}', which the catalog does not declare",
                    obs.indicator
                ),
            )
        })?;
        if let Err(e) = indicator.check(file, &obs.value) {
            let message = e.to_string();
            let message = message
                .strip_prefix(&format!("{}: ", file.display()))
                .unwrap_or(&message);
            return Err(at(
                obs.row,
                format!("{message} for '{}' — nothing was written", obs.country),
            ));
        }
        let key = (
            iso3.clone(),
            obs.indicator.clone(),
            obs.year,
            obs.edition.clone(),
        );
        // A negative value the importer inferred from the file's silence (no source
        // row): if it replaces a stored value, that value was lost, not revised.
        if obs.row == 0 && is_absence(&obs.value) {
            inferred.insert((key.0.clone(), key.1.clone(), key.2));
        }
        if let Some(first) = seen.insert(key, obs.row) {
            return Err(at(
                obs.row,
                format!(
                    "duplicate value for {iso3} {} {} {} (also row {first}; '{}' names a country given twice) — nothing was written",
                    obs.indicator, obs.year, obs.edition, obs.country
                ),
            ));
        }
        records.push(Record {
            iso3: iso3.into(),
            indicator: obs.indicator.into(),
            year: obs.year,
            published: obs.published,
            edition: obs.edition.into(),
            value: obs.value,
        });
    }
    if !unmatched.is_empty() {
        let names: Vec<String> = unmatched
            .iter()
            .map(|(name, row)| format!("'{name}' (row {row})"))
            .collect();
        return Err(Error::Invalid {
            path: file.to_path_buf(),
            message: format!(
                "{} name(s) match no country: {} — add each as a variant in indicators/countries.csv, or, if it is not a country (a region, an aggregate, a former state), pass --ignore \"NAME\"; nothing was written",
                names.len(),
                names.join(", ")
            ),
        });
    }
    if records.is_empty() {
        return Err(Error::Invalid {
            path: file.to_path_buf(),
            message: format!(
                "no data rows for any country: every name in the file is ignored as not a country ({}) — nothing was written",
                ignored.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        });
    }
    let census = match &spec.fill {
        Some(fill) => {
            let span = Span::of(fill, &records, file)?;
            census_complete(fill, &span, &records, file)?;
            Some((fill, span))
        }
        None => None,
    };
    let editions: BTreeSet<String> = records.iter().map(|r| r.edition.to_string()).collect();
    let mut files = vec![ImportedFile {
        file: file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        sha256,
        editions: editions.iter().cloned().collect(),
    }];
    if spec.accumulate {
        if let Some(previous) = &previous {
            records.extend(
                previous
                    .records
                    .iter()
                    .filter(|r| !editions.contains(&*r.edition))
                    .cloned(),
            );
            files.extend(
                previous
                    .meta
                    .files
                    .iter()
                    .filter(|f| f.editions.iter().all(|e| !editions.contains(e)))
                    .cloned(),
            );
        }
    }
    let mut filled = match &census {
        Some((fill, span)) => fill_absent(fill, span, &mut records, registry, catalog),
        None => BTreeSet::new(),
    };
    filled.extend(inferred);
    if let Some(lag) = spec.series_lag {
        for r in &mut records {
            r.published = r.published.min(r.year + lag);
        }
    }
    records.sort_by(|a, b| {
        (&a.iso3, &a.indicator, a.year, &a.edition).cmp(&(
            &b.iso3,
            &b.indicator,
            b.year,
            &b.edition,
        ))
    });
    files.sort_by(|a, b| a.file.cmp(&b.file));
    let all_editions: BTreeSet<String> = records.iter().map(|r| r.edition.to_string()).collect();
    let countries: BTreeSet<&str> = records.iter().map(|r| &*r.iso3).collect();
    let meta = SourceMeta {
        source: spec.name.to_string(),
        publisher: spec.publisher.to_string(),
        dataset: spec.dataset.to_string(),
        url: spec.url.to_string(),
        licence: spec.licence.to_string(),
        attribution: spec.attribution.to_string(),
        files,
        editions: all_editions.iter().cloned().collect(),
        records: records.len(),
        countries: countries.len(),
        ignored: ignored.keys().cloned().collect(),
        filled: census
            .as_ref()
            .map(|(fill, span)| fill.meaning.replace("{years}", &span.text())),
        series_lag: spec.series_lag,
        precedence: spec.precedence,
    };
    let countries = meta.countries;
    let dataset = Dataset { meta, records };
    if let Some(previous) = &previous {
        let beyond = edition::beyond_label(previous, &dataset.records);
        if !beyond.is_empty() {
            let named: Vec<String> = beyond
                .iter()
                .map(|(edition, then, now)| {
                    format!(
                        "'{edition}' runs to {then} in indicators/{}, this file to {now}",
                        spec.name
                    )
                })
                .collect();
            return Err(Error::Invalid {
                path: file.to_path_buf(),
                message: format!(
                    "a newer release than the edition the {} importer labels its values with: {} — give the importer the new edition's label and publication year (src/data/import/, src/data/sources.rs) before importing, so that its values are not filed as the old edition; nothing was written",
                    spec.name,
                    named.join("; ")
                ),
            });
        }
    }
    let loss = match &previous {
        Some(previous) => loss::compare(previous, &dataset.records, &filled),
        None => Loss::default(),
    };
    if !loss.is_empty() && !options.allow_loss {
        return Err(Error::Invalid {
            path: file.to_path_buf(),
            message: format!(
                "this import would lose what indicators/{} holds: {} — check that the file is complete as published; if the loss is intended, pass --allow-loss; nothing was written",
                spec.name,
                loss.describe()
            ),
        });
    }
    let report = ImportReport {
        source: spec.name.to_string(),
        file: file.to_path_buf(),
        records: dataset.records.len(),
        countries,
        editions: all_editions.into_iter().collect(),
        ignored: ignored.into_iter().collect(),
        written: false,
    };
    Ok(Prepared {
        dataset,
        report,
        loss,
    })
}

/// The values that say "nothing": false, none, zero, an empty list.
fn is_absence(value: &crate::model::value::Value) -> bool {
    use crate::model::value::Value;
    match value {
        Value::Bool(b) => !b,
        Value::Category(c) => c == "none",
        Value::Integer(i) => *i == 0,
        Value::Number(x) => *x == 0.0,
        Value::List(items) => items.is_empty(),
    }
}

/// A census reads absence as "none", so a file that lacks a year it claims (cut short,
/// an excerpt) would fake "none" for every country in that year: refused.
fn census_complete(fill: &Fill, span: &Span, records: &[Record], file: &Path) -> Result<()> {
    let years: BTreeSet<i32> = records.iter().map(|r| r.year).collect();
    let missing: Vec<String> = span
        .years
        .clone()
        .filter(|y| !years.contains(y))
        .map(|y| y.to_string())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid {
        path: file.to_path_buf(),
        message: format!(
            "incomplete census: {} covers {}–{}, where a country without a row counts as '{}', but the file has no rows for {} — it is cut short or an excerpt; nothing was written",
            span.edition,
            span.years.start(),
            span.years.end(),
            fill.values.iter().map(|(_, v)| *v).collect::<Vec<_>>().join("/"),
            missing.join(", ")
        ),
    })
}

/// Adds the census value for every registry country and year the source has no row for;
/// returns the keys it filled.
fn fill_absent(
    fill: &Fill,
    span: &Span,
    records: &mut Vec<Record>,
    registry: &Registry,
    catalog: &Catalog,
) -> BTreeSet<loss::Key> {
    let mut filled = BTreeSet::new();
    let present: BTreeSet<(String, String, i32)> = records
        .iter()
        .map(|r| (r.iso3.to_string(), r.indicator.to_string(), r.year))
        .collect();
    for (indicator, text) in fill.values {
        let kind = catalog
            .get(indicator)
            .expect("fill names a catalog indicator")
            .kind;
        let value = super::dataset::parse_value(kind, text).expect("fill value fits its indicator");
        for country in registry.iter() {
            for year in span.years.clone() {
                if !present.contains(&(country.iso3.clone(), indicator.to_string(), year)) {
                    filled.insert((country.iso3.clone(), indicator.to_string(), year));
                    records.push(Record {
                        iso3: country.iso3.as_str().into(),
                        indicator: (*indicator).into(),
                        year,
                        published: span.published,
                        edition: span.edition.as_str().into(),
                        value: value.clone(),
                    });
                }
            }
        }
    }
    filled
}

/// A source that is a folder of files (UNTC 2015): its files' names and bytes in order.
fn directory_bytes(dir: &Path) -> std::io::Result<Vec<u8>> {
    let mut files = walk(dir)?;
    files.sort();
    let mut bytes = Vec::new();
    for file in files {
        bytes.extend(
            file.strip_prefix(dir)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        bytes.extend(std::fs::read(&file)?);
    }
    Ok(bytes)
}

fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
