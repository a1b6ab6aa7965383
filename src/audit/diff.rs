//! Comparing two rule sets over the whole population: every country, every as-of year,
//! every criterion. Reports each rating that moved with the first step where the two
//! rules' traces part, each reason that changed while the rating stayed, and counts.
//!
//! Both rule sets run on the same facts (one store, one catalog); the facts of a
//! country-year are selected once and shared by both. Each rule set is compiled once and
//! shared by the worker threads, as in [`crate::assess::batch::assess_all`].
//!
//! A git revision's rules are written to a temporary folder by [`materialise`], which
//! asks `git` for the files (`git ls-tree`, `git show`).

use crate::assess::batch;
use crate::data::store::Store;
use crate::error::{Error, Result};
use crate::model::countries::Registry;
use crate::model::rating::{Lang, Rating};
use crate::model::reason::{Reason, Wording};
use crate::model::trace::Step;
use crate::rules::engine::RuleSet;
use crate::CriterionResult;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Version of the JSON format of a diff; bump it when a field changes meaning or goes away.
/// 2: each side's reason is `{key, values, text}` instead of `reason_de`/`reason_en`;
/// test steps carry `key`, `values` and `label`.
pub const SCHEMA: &str = "standpunkt.diff/2";

/// Where a rule set came from, for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// The rules folder as committed at a git revision (`--base REV`).
    Git {
        /// The revision as given (`--base REV`).
        rev: String,
        /// The commit the revision named when the diff ran.
        commit: String,
    },
    /// A rules folder on disk (`--base-rules DIR`, `--rules DIR`).
    Dir {
        /// The folder as given.
        path: String,
    },
}

impl Origin {
    /// The origin of a rules folder on disk.
    pub fn dir(path: &Path) -> Origin {
        Origin::Dir {
            path: path.display().to_string(),
        }
    }

    /// "main (1a2b3c4)" or the folder.
    pub fn label(&self) -> String {
        match self {
            Origin::Git { rev, commit } => {
                format!("{rev} ({})", &commit[..commit.len().min(7)])
            }
            Origin::Dir { path } => path.clone(),
        }
    }
}

/// The first step at which two traces of the same criterion part. A side is `None`
/// where its trace ended before the other's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Divergence {
    /// The position in both step lists (0-based).
    pub index: usize,
    /// The old trace's step (`None`: its trace ended first).
    pub old: Option<Step>,
    /// The new trace's step (`None`: its trace ended first).
    pub new: Option<Step>,
}

/// One side of a change: the rating, its reason and the script that gave it.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The rating on this side.
    pub rating: Rating,
    /// Its reason: key and values, worded by [`Outcome::reason`].
    pub reason: Reason,
    pub(crate) rule: String,
    /// The texts of the side's rule set: each side words its reason with its own texts.
    #[serde(skip)]
    pub(crate) wording: Arc<dyn Wording>,
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Outcome) -> bool {
        self.rating == other.rating && self.reason == other.reason && self.rule == other.rule
    }
}

impl Outcome {
    fn of(result: &CriterionResult) -> Outcome {
        Outcome {
            rating: result.rating,
            reason: result.reason.clone(),
            rule: result.rule.to_string(),
            wording: result.wording.clone(),
        }
    }

    /// The reason in `lang`, worded by this side's texts.
    pub fn reason(&self, lang: Lang) -> String {
        self.wording.reason(&self.reason, lang)
    }

    /// The label of one of this side's test steps in `lang`.
    pub fn test_label(&self, step: &Step, lang: Lang) -> Option<String> {
        self.wording.step_label(step, lang)
    }
}

/// A criterion of a country-year that came out differently under the new rules: a
/// rating change, or (in [`Diff::reason_changes`]) the same rating with another reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The country.
    pub iso3: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_de: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_en: Option<String>,
    /// The as-of year.
    pub year: i32,
    /// The criterion's number.
    pub criterion: u32,
    /// Under the base rules.
    pub old: Outcome,
    /// Under the new rules.
    pub new: Outcome,
    /// `None` only when the two traces are equal step by step (the ratings then differ
    /// in a way the trace does not show, e.g. a changed reason text alone).
    pub divergence: Option<Divergence>,
    /// The first test whose outcome differs, the tests of both traces paired in order;
    /// often the test a changed threshold decided differently (`None` if there is none).
    pub deciding_test: Option<TestPair>,
}

/// A test of the old trace and its counterpart in the new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestPair {
    /// The test in the old trace.
    pub old: Step,
    /// Its counterpart in the new trace.
    pub new: Step,
}

impl Change {
    /// "Kasachstan (KAZ)", or the code alone.
    pub fn country(&self, lang: Lang) -> String {
        crate::model::assessment::country_label(
            &self.iso3,
            self.name_de.as_deref(),
            self.name_en.as_deref(),
            lang,
        )
    }
}

/// How many ratings moved from `old` to `new`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    pub(crate) old: Rating,
    pub(crate) new: Rating,
    /// How many country-years moved so.
    pub count: usize,
}

/// The counts for one criterion that both rule sets have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionSummary {
    /// The criterion's number.
    pub number: u32,
    /// Titles as the new rules give them.
    pub title_de: String,
    pub(crate) title_en: String,
    /// Ratings that changed.
    pub rating_changes: usize,
    /// Same rating, another reason text.
    pub reason_changes: usize,
    /// Same rating and reason, but the traces part somewhere (e.g. a threshold that did
    /// not decide).
    pub trace_changes: usize,
    /// old → new rating, most frequent first.
    pub transitions: Vec<Transition>,
}

impl CriterionSummary {
    pub(crate) fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.title_de,
            Lang::En => &self.title_en,
        }
    }
}

/// Everything `standpunkt diff` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub(crate) base: Origin,
    pub(crate) head: Origin,
    pub(crate) years: Vec<i32>,
    /// Number of countries compared (each in every year).
    pub countries: usize,
    /// Criterion evaluations per rule set: countries × years × shared criteria.
    pub evaluations: usize,
    /// Criteria only the new rules have, and only the old ones.
    pub criteria_added: Vec<u32>,
    pub(crate) criteria_removed: Vec<u32>,
    /// `data.toml` (age limits, default year) differs between the two rule folders: the
    /// diff uses the new one's data selection for both (one store).
    pub data_toml_differs: bool,
    /// The counts per criterion both rule sets have.
    pub criteria: Vec<CriterionSummary>,
    /// Rating changes, by criterion, country and year.
    pub changes: Vec<Change>,
    /// Reason changes with the rating unchanged, in the same order.
    pub reason_changes: Vec<Change>,
}

impl Diff {
    /// Whether any rating changed (or a criterion appeared or went away): exit code 3.
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
            || !self.criteria_added.is_empty()
            || !self.criteria_removed.is_empty()
    }

    /// Country-years whose trace changed, over all criteria (a change the ratings may not show).
    pub fn trace_changes(&self) -> usize {
        self.criteria.iter().map(|c| c.trace_changes).sum()
    }

    /// The report as JSON (schema `standpunkt.diff/2`; keys sorted), reasons and test
    /// labels worded in `lang`, each side with its own texts.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut json = serde_json::to_value(self).expect("diff serialises");
        if let serde_json::Value::Object(map) = &mut json {
            for list in ["changes", "reason_changes"] {
                let changes = if list == "changes" {
                    &self.changes
                } else {
                    &self.reason_changes
                };
                if let Some(serde_json::Value::Array(items)) = map.get_mut(list) {
                    for (item, change) in items.iter_mut().zip(changes) {
                        word_change(item, change, lang);
                    }
                }
            }
            map.insert("schema".into(), SCHEMA.into());
            map.insert("changed".into(), self.changed().into());
            map.insert(
                "totals".into(),
                serde_json::json!({
                    "rating_changes": self.changes.len(),
                    "reason_changes": self.reason_changes.len(),
                    "trace_changes": self.trace_changes(),
                }),
            );
        }
        json
    }
}

/// Adds the texts to one change's JSON: each side's reason text and test labels.
fn word_change(item: &mut serde_json::Value, change: &Change, lang: Lang) {
    for (side, outcome) in [("old", &change.old), ("new", &change.new)] {
        if let Some(reason) = item.pointer_mut(&format!("/{side}/reason")) {
            reason["text"] = outcome.reason(lang).into();
        }
        let steps = [
            (
                format!("/divergence/{side}"),
                change.divergence.as_ref().and_then(|d| {
                    if side == "old" {
                        d.old.as_ref()
                    } else {
                        d.new.as_ref()
                    }
                }),
            ),
            (
                format!("/deciding_test/{side}"),
                change
                    .deciding_test
                    .as_ref()
                    .map(|t| if side == "old" { &t.old } else { &t.new }),
            ),
        ];
        for (pointer, step) in steps {
            if let (Some(json), Some(label)) = (
                item.pointer_mut(&pointer),
                step.and_then(|s| outcome.test_label(s, lang)),
            ) {
                json["label"] = label.into();
            }
        }
    }
}

/// Whether two steps mean the same, whatever line of their script took them: a read of
/// the same indicator with the same value, the same parameter value, the same test
/// (key and values) with the same outcome, the same conclusion.
pub fn same_step(a: &Step, b: &Step) -> bool {
    match (a, b) {
        (
            Step::Read {
                indicator: i,
                fact: f,
                ..
            },
            Step::Read {
                indicator: j,
                fact: g,
                ..
            },
        ) => i == j && f.value == g.value,
        (Step::Missing { indicator: i, .. }, Step::Missing { indicator: j, .. }) => i == j,
        (
            Step::Param {
                name: n, value: v, ..
            },
            Step::Param {
                name: m, value: w, ..
            },
        ) => n == m && v == w,
        (
            Step::Test {
                key: l,
                values: v,
                outcome: o,
                ..
            },
            Step::Test {
                key: k,
                values: w,
                outcome: p,
                ..
            },
        ) => l == k && v == w && o == p,
        (Step::Conclude { rating: r, .. }, Step::Conclude { rating: s, .. }) => r == s,
        _ => false,
    }
}

/// The first step where two traces part, walking both in order; `None` if they are
/// equal step for step.
pub fn first_divergence(old: &[Step], new: &[Step]) -> Option<Divergence> {
    let index = old
        .iter()
        .zip(new)
        .position(|(a, b)| !same_step(a, b))
        .or_else(|| (old.len() != new.len()).then(|| old.len().min(new.len())))?;
    Some(Divergence {
        index,
        old: old.get(index).cloned(),
        new: new.get(index).cloned(),
    })
}

/// The first pair of tests whose outcomes differ, pairing the `test` steps of both
/// traces in order.
pub fn deciding_test(old: &[Step], new: &[Step]) -> Option<TestPair> {
    let tests = |trace: &[Step]| -> Vec<Step> {
        trace
            .iter()
            .filter(|s| matches!(s, Step::Test { .. }))
            .cloned()
            .collect()
    };
    let outcome = |s: &Step| matches!(s, Step::Test { outcome: true, .. });
    tests(old)
        .into_iter()
        .zip(tests(new))
        .find(|(a, b)| outcome(a) != outcome(b))
        .map(|(old, new)| TestPair { old, new })
}

/// What one criterion of one country-year gave under both rule sets, as far as the
/// report needs it.
enum Compared {
    Same,
    Trace,
    Reason(Change),
    Rating(Change),
}

fn compare_one(
    old: &CriterionResult,
    new: &CriterionResult,
    iso3: &str,
    year: i32,
    registry: &Registry,
    texts_same: bool,
) -> Compared {
    let divergence = first_divergence(&old.trace, &new.trace);
    // Same key, values and texts: the same sentence. Otherwise compare what a reader
    // sees, in both languages (a renamed key with the same text is no change).
    let reason_same = (texts_same && old.reason == new.reason)
        || crate::rules::texts::LANGS
            .iter()
            .all(|(lang, _)| old.reason(*lang) == new.reason(*lang));
    if old.rating == new.rating && reason_same {
        return match divergence {
            None => Compared::Same,
            Some(_) => Compared::Trace,
        };
    }
    let country = registry.get(iso3);
    let change = Change {
        iso3: iso3.to_string(),
        name_de: country.map(|c| c.name_de.clone()),
        name_en: country.map(|c| c.name_en.clone()),
        year,
        criterion: new.number,
        old: Outcome::of(old),
        new: Outcome::of(new),
        divergence,
        deciding_test: deciding_test(&old.trace, &new.trace),
    };
    if old.rating == new.rating {
        Compared::Reason(change)
    } else {
        Compared::Rating(change)
    }
}

/// Same texts beside the rule, and the same engine texts.
fn same_texts(old: &crate::rules::Criterion, new: &crate::rules::Criterion) -> bool {
    let read = |c: &crate::rules::Criterion| {
        let dir = c.script.parent().map(Path::to_path_buf).unwrap_or_default();
        crate::rules::texts::LANGS
            .iter()
            .flat_map(|(_, code)| {
                [
                    std::fs::read(crate::rules::texts::text_path(c, code)).ok(),
                    std::fs::read(dir.join(format!("common.{code}.toml"))).ok(),
                ]
            })
            .collect::<Vec<_>>()
    };
    read(old) == read(new)
}

/// Same script text, same texts and same parameter values (rationales aside).
fn same_rule(old: &crate::rules::Criterion, new: &crate::rules::Criterion) -> bool {
    let source = |c: &crate::rules::Criterion| std::fs::read(&c.script).ok();
    let values = |c: &crate::rules::Criterion| {
        c.parameters
            .iter()
            .map(|(k, p)| (k.clone(), p.value.clone()))
            .collect::<Vec<_>>()
    };
    source(old).is_some()
        && source(old) == source(new)
        && values(old) == values(new)
        && same_texts(old, new)
}

/// What [`compare`] compares: two rule sets on the same data, over the same
/// countries and years, and where each rule set came from (named in the report).
pub struct Comparison<'a> {
    /// The rule set before the change (`diff --base` / `--base-rules`).
    pub old: &'a RuleSet,
    /// The rule set after the change (the `--rules` folder).
    pub new: &'a RuleSet,
    /// The data both rule sets are run on.
    pub store: &'a Store,
    /// Country names for the report.
    pub registry: &'a Registry,
    /// ISO codes of the countries to assess.
    pub countries: &'a [String],
    /// The as-of years to assess.
    pub years: &'a [i32],
    /// Where the old rule set came from.
    pub base: Origin,
    /// Where the new rule set came from.
    pub head: Origin,
}

/// Evaluates `old` and `new` on every (year, country) of the store and compares them
/// criterion by criterion (criteria matched by number). `base` and `head` only label the
/// report; `data_toml_differs` is left false for the caller to set.
pub fn compare(comparison: Comparison<'_>) -> Result<Diff> {
    let Comparison {
        old,
        new,
        store,
        registry,
        countries,
        years,
        base,
        head,
    } = comparison;
    // Both sides' texts name other countries as the registry does, as an assessment's.
    old.name_countries(registry);
    new.name_countries(registry);
    let pairs: Vec<_> = new
        .criteria
        .iter()
        .filter_map(|n| {
            old.criteria
                .iter()
                .find(|o| o.number == n.number)
                .map(|o| (o, n))
        })
        .collect();
    let criteria_added: Vec<u32> = new
        .criteria
        .iter()
        .filter(|n| !old.criteria.iter().any(|o| o.number == n.number))
        .map(|n| n.number)
        .collect();
    let criteria_removed: Vec<u32> = old
        .criteria
        .iter()
        .filter(|o| !new.criteria.iter().any(|n| n.number == o.number))
        .map(|o| o.number)
        .collect();
    let jobs: Vec<(i32, &str)> = years
        .iter()
        .flat_map(|&y| countries.iter().map(move |c| (y, c.as_str())))
        .collect();
    // A criterion whose script and parameter values are the same on both sides gives the
    // same result on the same data: it need not run twice.
    let unchanged: Vec<bool> = pairs.iter().map(|(o, n)| same_rule(o, n)).collect();
    let texts_same: Vec<bool> = pairs.iter().map(|(o, n)| same_texts(o, n)).collect();
    let results = batch::parallel_map(&jobs, |&(year, iso3)| -> Result<Vec<Compared>> {
        let facts = Arc::new(store.facts(iso3, year, &new.catalog));
        pairs
            .iter()
            .zip(unchanged.iter().zip(&texts_same))
            .map(|((o, n), (unchanged, texts_same))| {
                if *unchanged {
                    return Ok(Compared::Same);
                }
                let old_result = old.evaluate(o, &facts)?;
                let new_result = new.evaluate(n, &facts)?;
                Ok(compare_one(
                    &old_result,
                    &new_result,
                    iso3,
                    year,
                    registry,
                    *texts_same,
                ))
            })
            .collect()
    });

    let mut criteria: Vec<CriterionSummary> = pairs
        .iter()
        .map(|(_, n)| CriterionSummary {
            number: n.number,
            title_de: n.title_de.to_string(),
            title_en: n.title_en.to_string(),
            rating_changes: 0,
            reason_changes: 0,
            trace_changes: 0,
            transitions: Vec::new(),
        })
        .collect();
    let mut transitions: Vec<BTreeMap<(Rating, Rating), usize>> =
        vec![BTreeMap::new(); pairs.len()];
    let (mut changes, mut reason_changes) = (Vec::new(), Vec::new());
    for result in results {
        for (k, compared) in result?.into_iter().enumerate() {
            let summary = &mut criteria[k];
            match compared {
                Compared::Same => {}
                Compared::Trace => summary.trace_changes += 1,
                Compared::Reason(change) => {
                    summary.reason_changes += 1;
                    reason_changes.push(change);
                }
                Compared::Rating(change) => {
                    summary.rating_changes += 1;
                    *transitions[k]
                        .entry((change.old.rating, change.new.rating))
                        .or_default() += 1;
                    changes.push(change);
                }
            }
        }
    }
    for (summary, counts) in criteria.iter_mut().zip(transitions) {
        summary.transitions = counts
            .into_iter()
            .map(|((old, new), count)| Transition { old, new, count })
            .collect();
        summary
            .transitions
            .sort_by_key(|t| std::cmp::Reverse(t.count));
    }
    criteria.sort_by_key(|c| c.number);
    let order = |c: &Change| (c.criterion, c.iso3.clone(), c.year);
    changes.sort_by_key(order);
    reason_changes.sort_by_key(order);
    Ok(Diff {
        base,
        head,
        years: years.to_vec(),
        countries: countries.len(),
        evaluations: jobs.len() * pairs.len(),
        criteria_added,
        criteria_removed,
        data_toml_differs: false,
        criteria,
        changes,
        reason_changes,
    })
}

/// Whether `data.toml` differs between two rule folders (a missing file counts as empty).
pub fn data_toml_differs(old_rules: &Path, new_rules: &Path) -> bool {
    let read = |dir: &Path| std::fs::read(dir.join("data.toml")).unwrap_or_default();
    read(old_rules) != read(new_rules)
}

/// A rules folder written from a git revision into a temporary folder, removed when
/// this value is dropped.
#[derive(Debug)]
pub struct Materialised {
    /// The temporary rules folder (load the rule set from here).
    pub dir: PathBuf,
    pub(crate) rev: String,
    pub(crate) commit: String,
    /// Number of files written.
    pub files: usize,
}

impl Materialised {
    /// Where these rules came from, for the report.
    pub fn origin(&self) -> Origin {
        Origin::Git {
            rev: self.rev.clone(),
            commit: self.commit.clone(),
        }
    }
}

impl Drop for Materialised {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn git_error(rules_dir: &Path, message: String) -> Error {
    Error::Invalid {
        path: rules_dir.to_path_buf(),
        message,
    }
}

/// Runs git in `dir`; stdout on success, git's first error line otherwise.
fn git(dir: &Path, args: &[&str]) -> Result<std::result::Result<Vec<u8>, String>> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| {
            git_error(
                dir,
                format!(
                    "cannot run git ({e}) — install git, or compare folders with --base-rules DIR"
                ),
            )
        })?;
    if out.status.success() {
        Ok(Ok(out.stdout))
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("git failed")
            .to_string();
        Ok(Err(line))
    }
}

/// Writes the files under `rules_dir` as committed at `rev` into a new temporary folder.
/// `rules_dir` is the rules folder of the working tree (e.g. `rules`); its path inside
/// the repository is the same at `rev`.
pub fn materialise(rev: &str, rules_dir: &Path) -> Result<Materialised> {
    if rev.trim().is_empty() || rev.starts_with('-') {
        return Err(git_error(
            rules_dir,
            format!(
                "'{rev}' is not a git revision — name a branch, tag or commit, e.g. --base main"
            ),
        ));
    }
    if !rules_dir.is_dir() {
        return Err(git_error(
            rules_dir,
            "no such folder — --base REV reads the same folder at the revision; run from the repository root or pass --rules".into(),
        ));
    }
    if let Err(line) = git(rules_dir, &["rev-parse", "--git-dir"])? {
        return Err(git_error(
            rules_dir,
            format!(
                "not in a git repository ({line}) — compare folders with --base-rules DIR instead"
            ),
        ));
    }
    let commit = match git(
        rules_dir,
        &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")],
    )? {
        Ok(out) => String::from_utf8_lossy(&out).trim().to_string(),
        Err(_) => {
            return Err(git_error(
                rules_dir,
                format!("unknown git revision '{rev}' — name a branch, tag or commit (git rev-parse {rev} fails)"),
            ))
        }
    };
    let listing = git(
        rules_dir,
        &["ls-tree", "-r", "--name-only", "-z", &commit, "--", "."],
    )?
    .map_err(|line| git_error(rules_dir, format!("git ls-tree {rev} failed: {line}")))?;
    let files: Vec<String> = listing
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    if files.is_empty() {
        return Err(git_error(
            rules_dir,
            format!("no rules at git revision '{rev}': the folder is empty or did not exist then"),
        ));
    }
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let tag: String = rev
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(40)
        .collect();
    let dir = std::env::temp_dir().join(format!(
        "standpunkt-base-{tag}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let materialised = Materialised {
        dir,
        rev: rev.to_string(),
        commit: commit.clone(),
        files: files.len(),
    };
    let _ = std::fs::remove_dir_all(&materialised.dir);
    for file in &files {
        let content =
            git(rules_dir, &["show", &format!("{commit}:./{file}")])?.map_err(|line| {
                git_error(rules_dir, format!("git show {rev}:{file} failed: {line}"))
            })?;
        let target = materialised.dir.join(file);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        std::fs::write(&target, content).map_err(|e| Error::write(&target, e))?;
    }
    Ok(materialised)
}
