//! The shipped data: every imported source under `indicators/`, the analyst judgments
//! in `indicators/facts/`, and the choice of what an assessment as of a year may see.

use crate::data::dataset::{self, Dataset, Record, SourceMeta};
use crate::error::{Error, Result};
use crate::model::catalog::Catalog;
use crate::model::countries::Registry;
use crate::model::facts::{AsOf, Fact, FactMap, Facts};
use crate::model::origin::Origin;
use crate::model::rating::Lang;
use crate::model::value::Value;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a load does with `indicators/.snapshot` (see [`Store::load`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snapshot {
    /// Read it if it is current, else read the CSV files and write a new one.
    ReadWrite,
    /// Read it if it is current; never write it (a dry run writes nothing).
    ReadOnly,
    /// Read the CSV files.
    Off,
}

/// How old a value may be (rules/data.toml), per indicator family.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxAge {
    /// The most years a value may lie before the as-of year.
    pub years: i32,
    /// The value describes a permanent fact (land borders): usable for any year.
    #[serde(default)]
    pub timeless: bool,
    /// Who set the limit.
    pub origin: Origin,
    /// Why this limit.
    pub rationale: String,
}

impl MaxAge {
    /// Whether a value describing `year` may still be used as of `as_of`.
    pub fn admits(&self, as_of: i32, year: i32) -> bool {
        within_age((self.timeless, self.years), as_of, year)
    }
}

/// The age rule of `[max_age]`, for a limit as a series keeps it (timeless, years): a
/// value describing `year` may be used as of `as_of` if it is at most `years` older.
fn within_age((timeless, years): (bool, i32), as_of: i32, year: i32) -> bool {
    timeless || as_of - year <= years
}

/// The year an assessment is as of when none is asked for (rules/data.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultAsOf {
    /// The year.
    pub year: i32,
    /// Who chose it.
    pub origin: Origin,
    /// Why this year.
    pub rationale: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    max_age: BTreeMap<String, MaxAge>,
    default_as_of: DefaultAsOf,
}

/// Every imported dataset and fact file, indexed for as-of selection.
pub struct Store {
    pub(crate) dir: PathBuf,
    /// The metadata of every dataset loaded.
    pub sources: Vec<SourceMeta>,
    /// "Publisher, dataset (indicators/source)" of each of them, shared by its facts.
    source_texts: Vec<Arc<str>>,
    /// iso3 → its stored values, prepared for as-of selection.
    values: BTreeMap<String, Country>,
    /// The values not yet read from the snapshot.
    lazy: Option<snapshot::Lazy>,
    /// The first publication of a core index and the newest of any value (see
    /// [`Store::years`]), kept at load so that no country need be read for them.
    published: (Option<i32>, Option<i32>),
    /// Analyst judgments and other hand-kept facts, by ISO code.
    pub judgments: BTreeMap<String, Facts>,
    pub(crate) max_age: BTreeMap<String, MaxAge>,
    /// The default as-of year.
    pub default_as_of: DefaultAsOf,
}

/// One country's values: indexed at load from the CSV files, or read from the snapshot
/// the first time an assessment asks for them (most commands look at one country).
struct Country {
    /// A core index covers it (see [`CORE`]).
    covered: bool,
    /// indicator → its stored values.
    series: std::sync::OnceLock<BTreeMap<String, Series>>,
    /// Where they are in the snapshot, while not read.
    raw: std::ops::Range<usize>,
}

/// One country's stored values of one indicator, prepared for as-of selection: sorted
/// by (published, year), with the indicator's age limit at hand, so that selecting
/// for a year scans back from the newest usable publication instead of every value.
struct Series {
    /// The id as the catalog shares it (the key of the facts an assessment gets).
    key: Arc<str>,
    /// `[max_age]` of the indicator's family: (timeless, years).
    limit: (bool, i32),
    /// More than one source gives values: only then can one overrule another.
    several_sources: bool,
    stored: Vec<Stored>,
    /// (published, year) of each stored value, in the same order: selection searches
    /// this compact copy and touches only the values it picks (a stored value is 88
    /// bytes and what its value holds, and scanning them was bound by memory, not by
    /// comparisons).
    at: Vec<(i32, i32)>,
}

impl Series {
    /// Sorts the values by (published, year) and makes the compact copy that selection
    /// searches.
    fn prepare(&mut self) {
        self.stored
            .sort_by_key(|v| (v.record.published, v.record.year));
        self.at = self
            .stored
            .iter()
            .map(|v| (v.record.published, v.record.year))
            .collect();
    }
}

/// A dataset value with the fact an assessment sees, built the first time an
/// assessment selects it (most stored values are never selected in a run).
struct Stored {
    source: usize,
    record: Held,
    fact: std::sync::OnceLock<Arc<Fact>>,
    /// When the record's edition came out (its latest `published`); later than an
    /// as-of year only for a series value used under its publication lag.
    release: i32,
}

/// A dataset row as its series keeps it: the country and the indicator are the series'
/// own, so each of some 400,000 values keeps only what selection and its fact need
/// (88 bytes a value instead of 136).
struct Held {
    year: i32,
    published: i32,
    edition: Arc<str>,
    value: Value,
}

impl From<Record> for Held {
    fn from(r: Record) -> Held {
        Held {
            year: r.year,
            published: r.published,
            edition: r.edition,
            value: r.value,
        }
    }
}

/// The indicators that make a country part of `--all`: it is covered by at least one of
/// the core indices (territories and uninhabited entries of the ISO list are not).
const CORE: [&str; 3] = ["fh.status", "hdi.value", "cpi.score"];

/// The family of an indicator id: "cpi" for "cpi.score".
pub(crate) fn family(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

mod integrity;
mod snapshot;

/// "Publisher, dataset (indicators/source)": where a fact comes from, shared by the
/// source's values.
fn source_text(meta: &SourceMeta) -> Arc<str> {
    format!(
        "{}, {} (indicators/{})",
        meta.publisher, meta.dataset, meta.source
    )
    .into()
}

impl Store {
    /// Loads every source under `indicators`, the judgments under `indicators/facts`, and
    /// the age limits from `data_toml`.
    ///
    /// The values come from `indicators/.snapshot` where it was built from exactly these
    /// files (see `store/snapshot.rs`); otherwise the CSV files are read and the snapshot
    /// written for the next load.
    pub fn load(indicators: &Path, data_toml: &Path, catalog: &Catalog) -> Result<Store> {
        Self::load_with(indicators, data_toml, catalog, Snapshot::ReadWrite)
    }

    /// [`Store::load`] from the CSV files alone: no snapshot read or written (for a
    /// throw-away copy of the data).
    pub fn load_csv(indicators: &Path, data_toml: &Path, catalog: &Catalog) -> Result<Store> {
        Self::load_with(indicators, data_toml, catalog, Snapshot::Off)
    }

    /// [`Store::load`], with the snapshot used as `snapshot` says.
    pub fn load_with(
        indicators: &Path,
        data_toml: &Path,
        catalog: &Catalog,
        snapshot: Snapshot,
    ) -> Result<Store> {
        let text = std::fs::read_to_string(data_toml).map_err(|e| Error::io(data_toml, e))?;
        let file: DataFile =
            toml::from_str(&text).map_err(|e| Error::toml(data_toml, &text, &e))?;
        let mut store = Store {
            dir: indicators.to_path_buf(),
            sources: Vec::new(),
            source_texts: Vec::new(),
            values: BTreeMap::new(),
            lazy: None,
            published: (None, None),
            judgments: BTreeMap::new(),
            max_age: file.max_age,
            default_as_of: file.default_as_of,
        };
        integrity::folders(indicators)?;
        let registry = integrity::registry(indicators)?;
        let dirs = dataset::sources(indicators)?;
        let inputs = snapshot::Inputs::of(indicators, &dirs, &text, catalog);
        let writes = snapshot == Snapshot::ReadWrite;
        let read = match snapshot {
            Snapshot::Off => None,
            _ => snapshot::read(&store, &inputs, catalog, writes),
        };
        match read {
            Some(loaded) => {
                store.source_texts = loaded.sources.iter().map(source_text).collect();
                store.sources = loaded.sources;
                store.values = loaded.countries;
                store.published = loaded.published;
                store.lazy = Some(loaded.lazy);
            }
            None => {
                let parsed = store.read_sources(&dirs, data_toml, catalog, registry.as_ref())?;
                if writes {
                    snapshot::write(&store, &inputs, &parsed);
                }
            }
        }
        store.read_judgments(catalog, registry.as_ref())?;
        Ok(store)
    }

    /// Reads and indexes every source's `values.csv`, checking each row. Returns the
    /// SHA-256 of each file read, by its path under `indicators/`.
    fn read_sources(
        &mut self,
        dirs: &[PathBuf],
        data_toml: &Path,
        catalog: &Catalog,
        registry: Option<&Registry>,
    ) -> Result<BTreeMap<String, [u8; 32]>> {
        let mut parsed = BTreeMap::new();
        let mut indexed: BTreeMap<String, BTreeMap<String, Series>> = BTreeMap::new();
        // The sources are independent: read them on every core, then index them in order
        // (so the first error reported is the first source's, as before).
        let read: Vec<Result<(Dataset, [[u8; 32]; 2])>> = {
            use rayon::prelude::*;
            dirs.par_iter()
                .map(|dir| {
                    let read = Dataset::read_hashed(dir, catalog)?;
                    if let Some(registry) = registry {
                        integrity::countries(dir, &read.0, registry)?;
                    }
                    Ok(read)
                })
                .collect()
        };
        for (dir, read) in dirs.iter().zip(read) {
            let (data, hashes) = read?;
            parsed.extend(snapshot::source_files(dir).into_iter().zip(hashes));
            let index = self.sources.len();
            // Edition → when it came out (its latest `published`). (aHash: SipHash, std's
            // default, cost more than the rest of indexing a row.)
            let mut releases: std::collections::HashMap<
                Arc<str>,
                i32,
                std::hash::BuildHasherDefault<ahash::AHasher>,
            > = Default::default();
            for record in &data.records {
                match releases.get_mut(&*record.edition) {
                    Some(release) => *release = (*release).max(record.published),
                    None => {
                        releases.insert(record.edition.clone(), record.published);
                    }
                }
            }
            // The rows come grouped by country and indicator: gather each run of them and
            // look up the country's map once per run, not once per row.
            let mut runs: Vec<(Arc<str>, Arc<str>, Vec<Stored>)> = Vec::new();
            let mut checked_family = "";
            let mut last_indicator: Option<Arc<str>> = None;
            // A file's rows share their ids and codes (dataset.rs): mostly a pointer test.
            let same = |a: &Arc<str>, b: &Arc<str>| Arc::ptr_eq(a, b) || a == b;
            for record in data.records {
                // The indicator's family is checked once per run of its rows.
                if !last_indicator
                    .as_ref()
                    .is_some_and(|last| same(last, &record.indicator))
                    && family(&record.indicator) != checked_family
                {
                    if !self.max_age.contains_key(family(&record.indicator)) {
                        return Err(Error::Invalid {
                            path: data_toml.to_path_buf(),
                            message: format!(
                                "no max_age for indicator family '{}' (from {}) — add [max_age.{}]",
                                family(&record.indicator),
                                dir.display(),
                                family(&record.indicator)
                            ),
                        });
                    }
                    checked_family = self
                        .max_age
                        .get_key_value(family(&record.indicator))
                        .map_or("", |(k, _)| k.as_str());
                }
                last_indicator = Some(record.indicator.clone());
                let run = match runs.last_mut() {
                    Some((iso3, indicator, run))
                        if same(iso3, &record.iso3) && same(indicator, &record.indicator) =>
                    {
                        run
                    }
                    _ => {
                        runs.push((record.iso3.clone(), record.indicator.clone(), Vec::new()));
                        &mut runs.last_mut().expect("just pushed").2
                    }
                };
                run.push(Stored {
                    source: index,
                    fact: std::sync::OnceLock::new(),
                    release: releases[&*record.edition],
                    record: record.into(),
                });
            }
            for (iso3, indicator, run) in runs {
                let indicators = match indexed.get_mut(&*iso3) {
                    Some(indicators) => indicators,
                    None => indexed.entry(iso3.to_string()).or_default(),
                };
                match indicators.get_mut(&*indicator) {
                    Some(series) => {
                        series.several_sources |= series.stored[0].source != index;
                        series.stored.extend(run)
                    }
                    None => {
                        let limit = &self.max_age[family(&indicator)];
                        let key = match catalog.get(&indicator) {
                            Some(indicator) => indicator.key.clone(),
                            None => indicator.clone(),
                        };
                        let series = Series {
                            key,
                            limit: (limit.timeless, limit.years),
                            several_sources: false,
                            stored: run,
                            at: Vec::new(),
                        };
                        indicators.insert(series.key.to_string(), series);
                    }
                }
            }
            self.source_texts.push(source_text(&data.meta));
            self.sources.push(data.meta);
        }
        for series in indexed.values_mut().flat_map(|m| m.values_mut()) {
            series.prepare();
        }
        let published = |core: bool| {
            indexed.values().flat_map(move |indicators| {
                indicators
                    .iter()
                    .filter(move |(id, _)| !core || CORE.contains(&id.as_str()))
                    .flat_map(|(_, series)| series.stored.iter().map(|v| v.record.published))
            })
        };
        self.published = (published(true).min(), published(false).max());
        self.values = indexed
            .into_iter()
            .map(|(iso3, series)| {
                let country = Country {
                    covered: CORE.iter().any(|id| series.contains_key(*id)),
                    series: series.into(),
                    raw: 0..0,
                };
                (iso3, country)
            })
            .collect();
        Ok(parsed)
    }

    /// Reads the judgments under `indicators/facts/`.
    fn read_judgments(&mut self, catalog: &Catalog, registry: Option<&Registry>) -> Result<()> {
        let facts_dir = self.dir.join("facts");
        if facts_dir.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&facts_dir)
                .map_err(|e| Error::io(&facts_dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            if let Some(registry) = registry {
                integrity::facts(&facts_dir, registry)?;
            }
            for path in files {
                let facts = Facts::load(&path, catalog)?;
                self.judgments.insert(facts.iso3.clone(), facts);
            }
        }
        Ok(())
    }

    /// The age limit of an indicator's family (`[max_age.<family>]` in data.toml), if
    /// data.toml sets one.
    pub fn max_age_of(&self, indicator: &str) -> Option<&MaxAge> {
        self.max_age.get(family(indicator))
    }

    /// Whether the values came from `indicators/.snapshot` rather than the CSV files.
    pub fn from_snapshot(&self) -> bool {
        self.lazy.is_some()
    }

    /// The countries `--all` assesses: those a core index (Freedom House, HDI, CPI)
    /// covers, plus any with a judgments file. Sorted by ISO code.
    pub fn countries(&self) -> Vec<String> {
        let covered = self
            .values
            .iter()
            .filter(|(_, country)| country.covered)
            .map(|(iso3, _)| iso3.clone());
        let mut all: Vec<String> = covered.chain(self.judgments.keys().cloned()).collect();
        all.sort();
        all.dedup();
        all
    }

    /// The as-of years the data can speak for: from the first year a core index
    /// (Freedom House, HDI, CPI) was published to the newest publication of any source
    /// (or the default as-of year, if later). `None` without any core value.
    pub fn years(&self) -> Option<(i32, i32)> {
        let first = self.published.0?;
        let last = self
            .published
            .1
            .unwrap_or(first)
            .max(self.default_as_of.year);
        Some((first, last))
    }

    /// `year` if the data covers it (see [`Store::years`]), else an error that names
    /// the years it covers.
    pub fn check_year(&self, year: i32, option: &str) -> Result<i32> {
        match self.years() {
            Some((first, last)) if year < first || year > last => Err(Error::Invalid {
                path: PathBuf::from(option),
                message: format!(
                    "{year} is outside the years the data covers: {first} to {last} (the first publication of Freedom House, the HDI or the CPI to the newest edition in {}) — choose a year in that range",
                    self.dir.display()
                ),
            }),
            _ => Ok(year),
        }
    }

    /// The newest value of `indicator` for `iso3` that an assessment as of `year` may
    /// use, and the other sources' values it wins over where they disagree.
    fn select(&self, iso3: &str, indicator: &str, year: i32) -> Option<(&Stored, Vec<&Stored>)> {
        self.select_from(self.country(iso3)?.get(indicator)?, year)
    }

    /// One country's stored values, read from the snapshot if this is the first look.
    fn country(&self, iso3: &str) -> Option<&BTreeMap<String, Series>> {
        let country = self.values.get(iso3)?;
        Some(country.series.get_or_init(|| match &self.lazy {
            Some(lazy) => lazy.country(&country.raw),
            None => BTreeMap::new(),
        }))
    }

    /// [`Store::select`] among one country's stored values of one indicator.
    fn select_from<'a>(
        &'a self,
        series: &'a Series,
        year: i32,
    ) -> Option<(&'a Stored, Vec<&'a Stored>)> {
        let (timeless, _) = series.limit;
        let usable = |&(published, of): &(i32, i32)| {
            timeless || (published <= year && of <= year && within_age(series.limit, year, of))
        };
        let (stored, at) = (&series.stored, &series.at);
        // Sorted by (published, year): nothing past the as-of year's publications is
        // usable (unless timeless), and the first usable value from the end has the
        // newest (published, year); among values that share it, precedence decides.
        let end = match timeless {
            true => at.len(),
            false => at.partition_point(|&(published, _)| published <= year),
        };
        let newest = at[..end].iter().rposition(usable)?;
        let best = (0..=newest)
            .rev()
            .take_while(|&i| at[i] == at[newest])
            .filter(|&i| usable(&at[i]))
            .map(|i| &stored[i])
            .max_by_key(|v| {
                (
                    self.sources[v.source].precedence,
                    std::cmp::Reverse(v.source),
                )
            })?;
        if !series.several_sources {
            return Some((best, Vec::new()));
        }
        // Another source disagrees when it gives another value for the same year, or a
        // status the newer one contradicts (party then, not party now).
        let disagrees = |r: &Held| {
            r.value != best.record.value
                && (r.year == best.record.year
                    || (r.value == Value::Bool(true) && best.record.value == Value::Bool(false)))
        };
        let overruled = stored
            .iter()
            .zip(at)
            .filter(|(v, at)| usable(at) && v.source != best.source && disagrees(&v.record))
            .map(|(v, _)| v)
            .collect();
        Some((best, overruled))
    }

    /// The fact for a selected value: the one built at load, or a copy with a note where
    /// it won over another source or comes from a later revision of a series.
    fn fact(&self, best: &Stored, overruled: &[&Stored], year: i32) -> Arc<Fact> {
        let meta = &self.sources[best.source];
        let mut notes = Vec::new();
        for v in overruled {
            let other = format!(
                "{} ({} {}): {}",
                self.sources[v.source].source, v.record.edition, v.record.year, v.record.value
            );
            let tie =
                (v.record.published, v.record.year) == (best.record.published, best.record.year);
            notes.push(match tie {
                true => format!(
                    "differs from {other}; {} takes precedence as the publisher's own table",
                    meta.source
                ),
                false => format!("newer than, and differs from, {other}"),
            });
        }
        if meta.series_lag.is_some() && best.release > year {
            // Pieced together rather than `format!`ted: a batch writes some 90,000 of these.
            let (release, year) = (best.release.to_string(), year.to_string());
            notes.push(
                [
                    "from the series as revised in ",
                    &best.record.edition,
                    " (released ",
                    &release,
                    "); the edition current in ",
                    &year,
                    " may have differed",
                ]
                .concat(),
            );
        }
        let plain = best.fact.get_or_init(|| {
            Arc::new(Fact {
                value: best.record.value.clone(),
                year: Some(best.record.year),
                edition: Some(best.record.edition.clone()),
                source: self.source_texts[best.source].clone(),
                note: None,
            })
        });
        if notes.is_empty() {
            return plain.clone();
        }
        let mut fact = (**plain).clone();
        // One note (the common case) is taken as it is, not copied by a join.
        fact.note = Some(match notes.len() {
            1 => notes.swap_remove(0),
            _ => notes.join("; "),
        });
        Arc::new(fact)
    }

    /// What is known about `iso3` as of `year`: the dataset values an assessment may use,
    /// the derived ones, and the judgments from `indicators/facts/`, which win over a
    /// dataset value (the fact's note says so). Values of indicators that `catalog` does
    /// not declare are left out.
    pub fn facts(&self, iso3: &str, year: i32, catalog: &Catalog) -> Facts {
        let mut values = FactMap::new(catalog);
        for series in self.country(iso3).into_iter().flat_map(|c| c.values()) {
            if let Some((best, overruled)) = self.select_from(series, year) {
                // A catalog other than the store's may lack the indicator: left out.
                values.insert_declared(&series.key, self.fact(best, &overruled, year));
            }
        }
        if catalog.get(NEIGHBOURS).is_some() && !values.contains_key(NEIGHBOURS) {
            if let Some((neighbours, conflicts)) = self.neighbours_in_conflict(iso3, year) {
                values.insert(NEIGHBOURS, Arc::new(neighbours));
                if catalog.get(NEIGHBOUR_CONFLICTS).is_some() {
                    values.insert(NEIGHBOUR_CONFLICTS, Arc::new(conflicts));
                }
            }
        }
        if catalog.get(NEARBY).is_some() && !values.contains_key(NEARBY) {
            if let Some(fact) = self.troops_nearby(iso3, year) {
                values.insert(NEARBY, Arc::new(fact));
            }
        }
        let mut synthetic = false;
        let mut path = self.dir.join(format!("{iso3}@{year}"));
        if let Some(judgments) = self.judgments.get(iso3) {
            synthetic = judgments.synthetic;
            path = judgments.path.clone();
            for (id, fact) in judgments.values.iter() {
                // A judgment speaks from the year it names, or from the date of its file.
                if fact.year.unwrap_or(judgments.as_of.year) > year {
                    continue;
                }
                let fact = match values.get(id) {
                    Some(replaced) => {
                        let mut fact = (**fact).clone();
                        let before = fact
                            .note
                            .take()
                            .map(|n| format!("{n}; "))
                            .unwrap_or_default();
                        fact.note = Some(format!(
                            "{before}overrides the dataset value {} ({})",
                            replaced.value,
                            replaced.edition.clone().unwrap_or_default()
                        ));
                        Arc::new(fact)
                    }
                    None => fact.clone(),
                };
                values.insert_declared(id, fact);
            }
        }
        Facts {
            path,
            iso3: iso3.to_string(),
            as_of: AsOf { year, month: None },
            synthetic,
            values,
        }
    }

    /// `conflict.neighbours`, derived: the land neighbours (geo.neighbours) whose
    /// `conflict.active` value for the year is true; and beside it
    /// `conflict.neighbour_conflicts`, each of them that has a `conflict.list` value with
    /// its conflicts, as "ISO3;UCDP 259 (Ukraine: … vs …), UCDP …", so that a rule can name
    /// them without reading a note. Missing if the borders or any neighbour's conflict
    /// value are missing.
    fn neighbours_in_conflict(&self, iso3: &str, year: i32) -> Option<(Fact, Fact)> {
        let (borders, _) = self.select(iso3, BORDERS, year)?;
        let Value::List(neighbours) = &borders.record.value else {
            return None;
        };
        let mut at_war = Vec::new();
        let mut conflicts = Vec::new();
        let (mut edition, mut conflict_year) =
            (borders.record.edition.clone(), borders.record.year);
        for n in neighbours {
            let (active, _) = self.select(n, ACTIVE, year)?;
            if active.record.value == Value::Bool(true) {
                at_war.push(n.clone());
                if let Some((list, _)) = self.select(n, CONFLICT_LIST, year) {
                    if let Value::List(items) = &list.record.value {
                        let named: Vec<String> = items.iter().map(|i| conflict_label(i)).collect();
                        conflicts.push(format!("{n};{}", named.join(", ")));
                    }
                }
            }
            (edition, conflict_year) = (active.record.edition.clone(), active.record.year);
        }
        let border_meta = &self.sources[borders.source];
        let in_conflict = Fact {
            value: Value::List(at_war),
            year: Some(conflict_year),
            edition: Some(edition.clone()),
            source: format!(
                "derived: land neighbours ({}, indicators/{}) that are a party to an armed conflict (conflict.active)",
                border_meta.dataset, border_meta.source
            )
            .into(),
            note: Some(format!("neighbours: {}", neighbours.join(", "))),
        };
        let named = Fact {
            value: Value::List(conflicts),
            year: Some(conflict_year),
            // conflict.list comes from the same UCDP/PRIO release as conflict.active.
            edition: Some(edition),
            source:
                "derived: the conflicts (conflict.list) of each neighbour in conflict.neighbours"
                    .into(),
            note: None,
        };
        Some((in_conflict, named))
    }

    /// `troops.nearby`, derived like `conflict.neighbours`: for the country and each land
    /// neighbour, the UN peacekeeping troops (with their missions) and the US military
    /// personnel present in the year, as "ISO3:UN:troops:MISSION,MISSION" and
    /// "ISO3:US:troops:". Places with none are left out; criterion 5 applies its
    /// thresholds. Missing if the borders or any place's troop values are missing.
    fn troops_nearby(&self, iso3: &str, year: i32) -> Option<Fact> {
        let (borders, _) = self.select(iso3, BORDERS, year)?;
        let Value::List(neighbours) = &borders.record.value else {
            return None;
        };
        let mut entries = Vec::new();
        let mut editions = std::collections::BTreeSet::new();
        let mut years = std::collections::BTreeSet::new();
        for place in std::iter::once(&iso3.to_string()).chain(neighbours) {
            let (un, _) = self.select(place, UN_TROOPS, year)?;
            let (us, _) = self.select(place, US_TROOPS, year)?;
            let missions = match self.select(place, UN_MISSIONS, year) {
                Some((m, _)) => match &m.record.value {
                    Value::List(list) => list.join(","),
                    _ => String::new(),
                },
                None => String::new(),
            };
            for (kind, v, detail) in [("UN", un, missions), ("US", us, String::new())] {
                editions.insert(v.record.edition.clone());
                years.insert(v.record.year);
                if let Value::Integer(n) = v.record.value {
                    if n > 0 {
                        entries.push(format!("{place}:{kind}:{n}:{detail}"));
                    }
                }
            }
        }
        let border_meta = &self.sources[borders.source];
        Some(Fact {
            value: Value::List(entries),
            year: years.iter().next_back().copied(),
            edition: Some(editions.into_iter().collect::<Vec<_>>().join(", ").into()),
            source: format!(
                "derived: troops.un, troops.us (indicators/un-peacekeeping, indicators/us-troops) for the country and its land neighbours ({}, indicators/{})",
                border_meta.dataset, border_meta.source
            )
            .into(),
            note: Some(format!(
                "years {}; neighbours: {}",
                years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", "),
                if neighbours.is_empty() { "none".to_string() } else { neighbours.join(", ") }
            )),
        })
    }

    /// The country registry's name for display, or the code.
    pub fn name<'a>(registry: &'a Registry, iso3: &'a str, lang: Lang) -> &'a str {
        match registry.get(iso3) {
            Some(c) => lang.pick(&c.name_de, &c.name_en),
            None => iso3,
        }
    }
}

const NEIGHBOURS: &str = "conflict.neighbours";
const NEIGHBOUR_CONFLICTS: &str = "conflict.neighbour_conflicts";
const BORDERS: &str = "geo.neighbours";
const ACTIVE: &str = "conflict.active";
const NEARBY: &str = "troops.nearby";
const UN_TROOPS: &str = "troops.un";
const UN_MISSIONS: &str = "troops.un_missions";
const US_TROOPS: &str = "troops.us";
const CONFLICT_LIST: &str = "conflict.list";

/// "UCDP 259 (Ukraine: Government of Russia vs Government of Ukraine)" from a
/// conflict.list item "id;location;side A;side B;type;intensity;role".
fn conflict_label(item: &str) -> String {
    let p: Vec<&str> = item.split(';').collect();
    match p.as_slice() {
        [id, location, a, b, ..] => format!("UCDP {id} ({location}: {a} vs {b})"),
        _ => item.to_string(),
    }
}
