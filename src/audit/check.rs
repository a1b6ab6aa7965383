//! `check` for reviewers: beyond what loading a rule already rejects, run every rule on
//! every shipped country and year and report which of its tests and conclusions were
//! ever reached (coverage), whether a worse indicator value can ever give a better
//! rating (monotonicity), and any rule that fails on real data.

use crate::data::store::Store;
use crate::model::catalog::{Direction, Indicator, Kind};
use crate::model::facts::{Fact, Facts};
use crate::model::rating::Rating;
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::rules::engine::{same_value, RuleSet};
use crate::rules::Criterion;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How often each test came out each way, and each conclusion was reached.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    pub(crate) criterion: u32,
    pub(crate) rule: String,
    /// line → (times true, times false)
    pub tests: BTreeMap<usize, (usize, usize)>,
    /// (line, conclusion) → times reached
    pub conclusions: BTreeMap<(usize, String), usize>,
}

impl Coverage {
    /// Conclusions no country in any year reached.
    pub fn unreached(&self) -> Vec<&(usize, String)> {
        self.conclusions
            .iter()
            .filter(|(_, n)| **n == 0)
            .map(|(k, _)| k)
            .collect()
    }

    /// Tests that always came out the same way: (line, the outcome never seen).
    pub fn one_sided(&self) -> Vec<(usize, bool)> {
        self.tests
            .iter()
            .filter_map(|(line, (t, f))| match (t, f) {
                (0, _) => Some((*line, true)),
                (_, 0) => Some((*line, false)),
                _ => None,
            })
            .collect()
    }
}

/// A worse value of an indicator gave a better rating, all else equal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub(crate) criterion: u32,
    pub(crate) iso3: String,
    pub(crate) year: i32,
    pub(crate) indicator: String,
    /// The better value and the rating it gave.
    pub better: (String, Rating),
    /// The worse value and the (better) rating it gave.
    pub worse: (String, Rating),
}

/// A rule that failed on real data: the criterion, country-year and the engine's message.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub(crate) criterion: u32,
    pub(crate) iso3: String,
    pub(crate) year: i32,
    pub(crate) message: String,
}

/// What `check` found over every shipped country and year.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub(crate) countries: usize,
    pub(crate) years: Vec<i32>,
    pub(crate) evaluations: usize,
    pub(crate) coverage: Vec<Coverage>,
    /// Worse values that gave better ratings: each is a rule bug to fix.
    pub violations: Vec<Violation>,
    /// Rules that failed on real data.
    pub failures: Vec<Failure>,
}

/// Severity for the monotonicity order; "nicht bewertbar" is outside it.
fn severity(rating: Rating) -> Option<u8> {
    match rating {
        Rating::NichtKritisch => Some(0),
        Rating::MoeglicherweiseKritisch => Some(1),
        Rating::Kritisch => Some(2),
        Rating::NichtBewertbar => None,
    }
}

/// The edition and source of a monotonicity step's fact (its year is the as-of year).
pub const STEP_EDITION: &str = "check";
/// See [`STEP_EDITION`].
pub const STEP_SOURCE: &str = "monotonicity check";

/// The values to step through, from best to worst, or None if the indicator has no order.
pub fn steps(indicator: &Indicator) -> Option<Vec<Value>> {
    let direction = indicator.direction?;
    let mut values = match indicator.kind {
        Kind::Boolean => vec![Value::Bool(false), Value::Bool(true)],
        Kind::Category => indicator
            .values
            .iter()
            .map(|v| Value::Category(v.clone()))
            .collect(),
        Kind::Integer => {
            let (min, max) = (indicator.min? as i64, indicator.max? as i64);
            let step = ((max - min) / 40).max(1);
            let mut v: Vec<Value> = (0..)
                .map(|i| min + i * step)
                .take_while(|x| *x <= max)
                .map(Value::Integer)
                .collect();
            if v.last() != Some(&Value::Integer(max)) {
                v.push(Value::Integer(max));
            }
            v
        }
        Kind::Number => {
            let (min, max) = (indicator.min?, indicator.max?);
            (0..=40)
                .map(|i| Value::Number(min + (max - min) * i as f64 / 40.0))
                .collect()
        }
        Kind::List => return None,
    };
    // Categories are listed best first (higher index = worse); numbers ascend.
    let ascending_is_worse = match indicator.kind {
        Kind::Category => true,
        _ => direction == Direction::HigherIsWorse,
    };
    if !ascending_is_worse {
        values.reverse();
    }
    Some(values)
}

/// What one country-year contributed: per criterion the steps that count for coverage,
/// and what went wrong.
struct JobResult {
    traces: Vec<Option<Vec<Step>>>,
    violations: Vec<Violation>,
    failures: Vec<Failure>,
    evaluations: usize,
}

/// Runs the checks over `countries` × `years`.
pub fn check(rules: &RuleSet, store: &Store, countries: &[String], years: &[i32]) -> Report {
    check_with_progress(rules, store, countries, years, &|| {})
}

/// [`check`], calling `tick` once per country-year done (the command line's progress bar).
pub fn check_with_progress(
    rules: &RuleSet,
    store: &Store,
    countries: &[String],
    years: &[i32],
    tick: &(dyn Fn() + Sync),
) -> Report {
    let jobs: Vec<(i32, &str)> = years
        .iter()
        .flat_map(|&y| countries.iter().map(move |c| (y, c.as_str())))
        .collect();
    let latest = years.iter().max().copied().unwrap_or_default();
    let results = crate::assess::batch::parallel_map(&jobs, |&(year, iso3)| {
        let facts = Arc::new(store.facts(iso3, year, &rules.catalog));
        let mut job = JobResult {
            traces: Vec::new(),
            violations: Vec::new(),
            failures: Vec::new(),
            evaluations: 0,
        };
        for criterion in &rules.criteria {
            job.evaluations += 1;
            // The indicators the rule looked at (found or not); None if it failed.
            let mut looked_at = None;
            let mut rating = None;
            match rules.evaluate(criterion, &facts) {
                Ok(result) => {
                    rating = Some(result.rating);
                    looked_at = Some(
                        result
                            .trace
                            .iter()
                            .filter_map(|s| match s {
                                Step::Read { indicator, .. } | Step::Missing { indicator, .. } => {
                                    Some(indicator.clone())
                                }
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    );
                    // Only tests and conclusions count for coverage.
                    job.traces.push(Some(
                        result
                            .trace
                            .into_iter()
                            .filter(|s| matches!(s, Step::Test { .. } | Step::Conclude { .. }))
                            .collect(),
                    ))
                }
                Err(e) => {
                    job.traces.push(None);
                    job.failures.push(Failure {
                        criterion: criterion.number,
                        iso3: iso3.into(),
                        year,
                        message: e.to_string(),
                    });
                }
            }
            // Monotonicity is stepped for the latest year only: it is about the rule, not the year.
            if year == latest {
                let unchanged = looked_at.as_deref().zip(rating);
                let (found, runs) = monotonicity(rules, criterion, &facts, unchanged);
                job.evaluations += runs;
                job.violations.extend(found);
            }
        }
        tick();
        job
    });
    let mut report = Report {
        countries: countries.len(),
        years: years.to_vec(),
        coverage: rules
            .criteria
            .iter()
            .map(|c| Coverage {
                criterion: c.number,
                rule: c.script_name.to_string(),
                tests: c.outline.tests.iter().map(|l| (*l, (0, 0))).collect(),
                conclusions: c
                    .outline
                    .conclusions
                    .iter()
                    .map(|k| (k.clone(), 0))
                    .collect(),
            })
            .collect(),
        ..Report::default()
    };
    for job in results {
        for (coverage, trace) in report.coverage.iter_mut().zip(&job.traces) {
            if let Some(trace) = trace {
                record(coverage, trace);
            }
        }
        report.evaluations += job.evaluations;
        report.violations.extend(job.violations);
        report.failures.extend(job.failures);
    }
    report.violations.sort_by(|a, b| {
        (a.criterion, &a.indicator, &a.iso3).cmp(&(b.criterion, &b.indicator, &b.iso3))
    });
    report
        .failures
        .sort_by(|a, b| (a.criterion, &a.iso3, a.year).cmp(&(b.criterion, &b.iso3, b.year)));
    report
}

fn record(coverage: &mut Coverage, trace: &[Step]) {
    for step in trace {
        match step {
            Step::Test { line, outcome, .. } => {
                let entry = coverage.tests.entry(*line).or_default();
                if *outcome {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
            Step::Conclude { line, .. } => {
                if let Some((_, n)) = coverage
                    .conclusions
                    .iter_mut()
                    .find(|((l, _), _)| l == line)
                {
                    *n += 1;
                }
            }
            _ => {}
        }
    }
}

/// Steps each ordered indicator the rule can read across its range, all else equal, and
/// reports each pair of neighbouring steps where the worse value rates better.
///
/// `unchanged`: the indicators the run on the unchanged facts read or found missing, and
/// its rating (None if it failed). A rule sees facts only through the reads its trace
/// records, so one it never looked at cannot change its course: every step of it gives
/// the unchanged result, hence no violation. Those steps are counted as evaluations but
/// not run. So is a step to the country's own value of an indicator whose year, edition
/// and note the rule does not see: it gives the unchanged rating.
fn monotonicity(
    rules: &RuleSet,
    criterion: &Criterion,
    facts: &Arc<Facts>,
    unchanged: Option<(&[Arc<str>], Rating)>,
) -> (Vec<Violation>, usize) {
    let looked_at = unchanged.map(|(ids, _)| ids);
    let mut found = Vec::new();
    let mut runs = 0;
    let mut stepping = rules.stepping(criterion, facts);
    let (edition, source): (Arc<str>, Arc<str>) = (STEP_EDITION.into(), STEP_SOURCE.into());
    for id in &criterion.outline.reads {
        let Some(indicator) = rules.catalog.get(id) else {
            continue;
        };
        let Some(values) = steps(indicator) else {
            continue;
        };
        if looked_at.is_some_and(|ids| !ids.iter().any(|i| **i == *id.as_str())) {
            runs += values.len();
            continue;
        }
        let mut last_rated: Option<(Value, Rating)> = None;
        // The step to the country's own value, where it gives the unchanged rating.
        let own = match (unchanged, facts.values.get(id.as_str())) {
            (Some((_, rating)), Some(fact)) if rules.sees_value_only(criterion, id) => {
                Some((&fact.value, rating))
            }
            _ => None,
        };
        for value in values {
            runs += 1;
            let rating = match own {
                Some((own, rating)) if same_value(own, &value) => rating,
                _ => {
                    let fact = Arc::new(Fact {
                        value: value.clone(),
                        year: Some(facts.as_of.year),
                        edition: Some(edition.clone()),
                        source: source.clone(),
                        note: None,
                    });
                    match stepping.rating(id, fact) {
                        Ok(rating) => rating,
                        Err(_) => continue,
                    }
                }
            };
            let Some(level) = severity(rating) else {
                continue;
            };
            if let Some((better_value, better_rating)) = &last_rated {
                if severity(*better_rating).is_some_and(|b| level < b) {
                    found.push(Violation {
                        criterion: criterion.number,
                        iso3: facts.iso3.clone(),
                        year: facts.as_of.year,
                        indicator: id.clone(),
                        better: (better_value.to_string(), *better_rating),
                        worse: (value.to_string(), rating),
                    });
                }
            }
            last_rated = Some((value, rating));
        }
    }
    (found, runs)
}
