//! Flip points (counterfactuals): for each criterion of a country, the single-indicator
//! changes that change its rating, found by running the rule on altered facts — never by
//! reading the script.
//!
//! - Numbers and whole numbers: from the current value upwards and downwards over the
//!   catalog range. Whole numbers are tried at every step; numbers on a grid of
//!   [`GRID`] steps over the range, then bisected to [`PRECISION`] of the range. In each
//!   direction every rating met is reported at the first value that gives it.
//! - Booleans: the other value. Categories: every other value. Lists: the empty list and,
//!   for a list of two or more, the list with each single element removed (nothing else:
//!   adding codes is not tried).
//! - Indicators the rule asked for and did not find ("fehlt") are filled with every value
//!   (the range for numbers), to show which values would decide.
//!
//! An indicator the rule did not read on this country's path cannot change the rating
//! (the rule is deterministic in what it reads), so it is listed and not tried.
//!
//! "Worse" and "better" follow nicht kritisch < möglicherweise kritisch < kritisch. A flip
//! to or from "nicht bewertbar" is reported as such and is never the nearest worse or
//! better flip.

use crate::assess::batch;
use crate::audit::whatif;
use crate::data::store::Store;
use crate::error::{Error, Result};
use crate::model::catalog::{Indicator, Kind};
use crate::model::countries::Registry;
use crate::model::facts::{AsOf, Fact, Facts};
use crate::model::rating::{Lang, Rating};
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::rules::engine::RuleSet;
use crate::rules::Criterion;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Steps of the grid over a number's range.
pub const GRID: usize = 500;
/// Bisection precision, as a fraction of a number's range: a reported number flip lies
/// within this distance of the point where the rating changes.
pub const PRECISION: f64 = 1e-4;
/// JSON schemas.
pub const SCHEMA: &str = "standpunkt.flips/1";
/// JSON schema of `flips --borderline`.
pub const SCHEMA_BORDERLINE: &str = "standpunkt.borderline/1";

/// nicht kritisch 0 < möglicherweise kritisch 1 < kritisch 2; nicht bewertbar: unordered.
pub fn severity(rating: Rating) -> Option<u8> {
    match rating {
        Rating::NichtKritisch => Some(0),
        Rating::MoeglicherweiseKritisch => Some(1),
        Rating::Kritisch => Some(2),
        Rating::NichtBewertbar => None,
    }
}

/// Which way a flip changes the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A higher number.
    Up,
    /// A lower number.
    Down,
    /// Another boolean, category or list value.
    Other,
}

/// Whether a flip makes the rating worse or better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Towards "kritisch".
    Worse,
    /// Towards "nicht kritisch".
    Better,
    /// To or from "nicht bewertbar".
    Unordered,
}

pub(crate) fn trend(from: Rating, to: Rating) -> Trend {
    match (severity(from), severity(to)) {
        (Some(a), Some(b)) if b > a => Trend::Worse,
        (Some(_), Some(_)) => Trend::Better,
        _ => Trend::Unordered,
    }
}

/// One change of one indicator that changes the rating.
#[derive(Debug, Clone, Serialize)]
pub struct Flip {
    /// The indicator changed.
    pub indicator: String,
    /// Its kind in the catalog (how its values are searched).
    pub kind: Kind,
    /// Its real value.
    pub current: Value,
    /// The value that gives `rating` (evaluated).
    pub value: Value,
    /// Numbers: the value just short of `value`, towards `current`, that does not give
    /// `rating` (evaluated). Whole numbers: one step short.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<Value>,
    /// Numbers only: where the rating changes just past a round value (`x < 0.55`), that
    /// value; `value` is then a little beyond it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boundary: Option<f64>,
    /// Which way the value changes.
    pub direction: Direction,
    /// The rating with the new value.
    pub rating: Rating,
    /// Whether the new rating is worse or better.
    pub trend: Trend,
    /// How far the change goes: numbers as a fraction of the catalog range; categories
    /// as the fraction of their ordered values stepped over; booleans and lists 1.
    pub distance: f64,
    /// The first change of rating met in this direction (always true for non-numbers).
    pub first: bool,
}

impl Flip {
    /// Numbers and whole numbers (searched by bisection or steps; the others by trying each value).
    pub fn is_numeric(&self) -> bool {
        matches!(self.kind, Kind::Number | Kind::Integer)
    }
}

/// What filling a missing indicator would give: value (or range of values) → rating.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The value, or the start of a range of values, filled in.
    pub from: Value,
    /// The end of the range (numbers); equal to `from` for a single value.
    pub to: Value,
    /// The rating it gives.
    pub rating: Rating,
}

/// A missing indicator the rule asked for, and the ratings its possible values would give.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// The missing indicator.
    pub indicator: String,
    pub(crate) kind: Kind,
    /// Each value (or range) and the rating it gives.
    pub outcomes: Vec<Outcome>,
}

impl Gap {
    /// Whether some value would change the rating.
    pub fn decides(&self, current: Rating) -> bool {
        self.outcomes.iter().any(|o| o.rating != current)
    }
}

/// The flip points of one criterion.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionFlips {
    /// The criterion's number.
    pub number: u32,
    pub(crate) title_de: String,
    pub(crate) title_en: String,
    /// The rating with the real values.
    pub rating: Rating,
    /// Every single-indicator change that changes the rating.
    pub flips: Vec<Flip>,
    /// Index into `flips` of the nearest flip to a worse / better rating.
    pub nearest_worse: Option<usize>,
    /// Index into `flips` of the nearest flip to a better rating.
    pub nearest_better: Option<usize>,
    /// Indicators tried whose every tried value leaves the rating as it is.
    pub unchanged: Vec<String>,
    /// Indicators with a value that the rule can read but did not read on this path.
    pub not_read: Vec<String>,
    /// Indicators the rule asked for and did not find, filled with each value.
    pub gaps: Vec<Gap>,
    /// Numeric indicators without a catalog range (not searched).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_range: Vec<String>,
    /// How many times the rule ran (the base run included).
    #[serde(skip)]
    pub evaluations: usize,
}

impl CriterionFlips {
    pub(crate) fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.title_de,
            Lang::En => &self.title_en,
        }
    }

    /// The nearest flip towards a worse or better rating (none for unordered).
    pub fn nearest(&self, trend: Trend) -> Option<&Flip> {
        match trend {
            Trend::Worse => self.nearest_worse.map(|i| &self.flips[i]),
            Trend::Better => self.nearest_better.map(|i| &self.flips[i]),
            Trend::Unordered => None,
        }
    }
}

/// The flip points of one country, criterion by criterion.
#[derive(Debug, Clone, Serialize)]
pub struct CountryFlips {
    pub(crate) schema: &'static str,
    pub(crate) iso3: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_de: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_en: Option<String>,
    pub(crate) as_of: AsOf,
    pub(crate) synthetic: bool,
    /// One entry per criterion, in order.
    pub criteria: Vec<CriterionFlips>,
}

impl CountryFlips {
    pub(crate) fn country(&self, lang: Lang) -> String {
        crate::model::assessment::country_label(
            &self.iso3,
            self.name_de.as_deref(),
            self.name_en.as_deref(),
            lang,
        )
    }

    /// The flips of one criterion, if the rule set has it.
    pub fn criterion(&self, number: u32) -> Option<&CriterionFlips> {
        self.criteria.iter().find(|c| c.number == number)
    }
}

/// Runs one criterion with one indicator's value replaced. The facts are cloned once per
/// indicator; each trial replaces one `Arc<Fact>` in place.
struct Probe<'a> {
    rules: &'a RuleSet,
    criterion: &'a Criterion,
    facts: Arc<Facts>,
    id: &'a str,
    template: Fact,
    evaluations: usize,
}

impl<'a> Probe<'a> {
    fn new(rules: &'a RuleSet, criterion: &'a Criterion, facts: &Arc<Facts>, id: &'a str) -> Self {
        let real = facts.values.get(id).map(|f| f.as_ref());
        // The same fact `whatif` would put there, so that both agree.
        let template = whatif::hypothetical_fact(Value::Bool(false), None, real, facts.as_of.year);
        Probe {
            rules,
            criterion,
            facts: Arc::new((**facts).clone()),
            id,
            template,
            evaluations: 0,
        }
    }

    fn rating(&mut self, value: &Value) -> Result<Rating> {
        let fact = Fact {
            value: value.clone(),
            ..self.template.clone()
        };
        Arc::make_mut(&mut self.facts)
            .values
            .insert(self.id, Arc::new(fact));
        self.evaluations += 1;
        Ok(self.rules.evaluate(self.criterion, &self.facts)?.rating)
    }

    fn number(&mut self, kind: Kind, x: f64) -> Result<Rating> {
        let value = numeric(kind, x);
        self.rating(&value)
    }
}

fn numeric(kind: Kind, x: f64) -> Value {
    match kind {
        Kind::Integer => Value::Integer(x.round() as i64),
        _ => Value::Number(if x == 0.0 { 0.0 } else { x }),
    }
}

/// The roundest decimal in [a, b] (a ≤ b): the fewest decimal places.
fn roundest(a: f64, b: f64) -> f64 {
    for d in 0..=12 {
        let s = 10f64.powi(d);
        let k = (a * s - 1e-7).ceil();
        let x = k / s;
        if x <= b + 1e-12 * s.recip() {
            return if x == 0.0 { 0.0 } else { x };
        }
    }
    b
}

/// The numeric range of an indicator, if the catalog gives both ends.
fn range(ind: &Indicator) -> Option<(f64, f64)> {
    match (ind.min, ind.max) {
        (Some(min), Some(max)) if max > min => Some((min, max)),
        _ => None,
    }
}

/// The flips of one numeric indicator in one direction, within `limit` (a fraction of
/// the range) of the current value.
fn scan(
    probe: &mut Probe,
    ind: &Indicator,
    current: f64,
    base: Rating,
    up: bool,
    limit: f64,
) -> Result<Vec<Flip>> {
    let Some((min, max)) = range(ind) else {
        return Ok(Vec::new());
    };
    let span = max - min;
    let sign = if up { 1.0 } else { -1.0 };
    let end = if up {
        max.min(current + limit * span)
    } else {
        min.max(current - limit * span)
    };
    let points: Vec<f64> = match ind.kind {
        Kind::Integer => {
            let from = current.round() as i64;
            let to = if up { end.floor() } else { end.ceil() } as i64;
            if up {
                (from + 1..=to).map(|i| i as f64).collect()
            } else {
                (to..from).rev().map(|i| i as f64).collect()
            }
        }
        _ => {
            let step = span / GRID as f64;
            let mut points = Vec::new();
            let mut k = 1;
            loop {
                let x = current + sign * k as f64 * step;
                if (up && x >= end) || (!up && x <= end) {
                    break;
                }
                points.push(x);
                k += 1;
            }
            if end != current {
                points.push(end);
            }
            points
        }
    };
    let mut seen = BTreeSet::from([base]);
    let mut flips = Vec::new();
    let mut prev = current;
    for x in points {
        let rating = probe.number(ind.kind, x)?;
        if !seen.contains(&rating) {
            let first = seen.len() == 1;
            seen.insert(rating);
            let (value, short, boundary) = match ind.kind {
                Kind::Integer => (x, prev, None),
                _ => bisect(probe, ind.kind, prev, x, rating, span)?,
            };
            flips.push(Flip {
                indicator: ind.id.clone(),
                kind: ind.kind,
                current: numeric(ind.kind, current),
                value: numeric(ind.kind, value),
                short: Some(numeric(ind.kind, short)),
                boundary,
                direction: if up { Direction::Up } else { Direction::Down },
                rating,
                trend: trend(base, rating),
                distance: (value - current).abs() / span,
                first,
            });
            if seen.len() == Rating::ALL.len() {
                break;
            }
        }
        prev = x;
    }
    Ok(flips)
}

/// Narrows the change to `target` between `lo` (not `target`) and `hi` (`target`) to
/// PRECISION of the range, then prefers a round value. Returns (value, short, boundary).
fn bisect(
    probe: &mut Probe,
    kind: Kind,
    mut lo: f64,
    mut hi: f64,
    target: Rating,
    span: f64,
) -> Result<(f64, f64, Option<f64>)> {
    while (hi - lo).abs() > PRECISION * span / 2.0 {
        let mid = (lo + hi) / 2.0;
        if probe.number(kind, mid)? == target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let c = roundest(lo.min(hi), lo.max(hi));
    if c == hi {
        return Ok((hi, lo, None));
    }
    if c == lo {
        // The rating changes just past the round value.
        return Ok((past(probe, kind, c, hi, target)?, lo, Some(c)));
    }
    if probe.number(kind, c)? == target {
        Ok((c, lo, None))
    } else {
        Ok((past(probe, kind, c, hi, target)?, c, Some(c)))
    }
}

/// A round value just past `c` towards `hi` that gives `target`, or `hi`.
fn past(probe: &mut Probe, kind: Kind, c: f64, hi: f64, target: Rating) -> Result<f64> {
    let gap = (hi - c).abs();
    let sign = if hi > c { 1.0 } else { -1.0 };
    for d in 0..=12 {
        let s = 10f64.powi(d);
        if s.recip() <= gap {
            let x = ((c * s).round() + sign) / s;
            if probe.number(kind, x)? == target {
                return Ok(x);
            }
            break;
        }
    }
    Ok(hi)
}

/// The other values of a boolean, category or list, with their distance.
fn alternatives(ind: &Indicator, current: &Value) -> Vec<(Value, f64)> {
    match (ind.kind, current) {
        (Kind::Boolean, Value::Bool(b)) => vec![(Value::Bool(!b), 1.0)],
        (Kind::Category, Value::Category(c)) => {
            let at = ind.values.iter().position(|v| v == c);
            let steps = (ind.values.len().max(2) - 1) as f64;
            ind.values
                .iter()
                .enumerate()
                .filter(|(_, v)| *v != c)
                .map(|(i, v)| {
                    let d = at.map_or(1.0, |at| (i as f64 - at as f64).abs() / steps);
                    (Value::Category(v.clone()), d)
                })
                .collect()
        }
        (Kind::List, Value::List(items)) => {
            let mut out = Vec::new();
            if !items.is_empty() {
                out.push((Value::List(Vec::new()), 1.0));
            }
            if items.len() >= 2 {
                for i in 0..items.len() {
                    let mut fewer = items.clone();
                    fewer.remove(i);
                    out.push((Value::List(fewer), 1.0));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The indicators a rule run read (value, known, tally, require, year, edition), in order.
fn read_in(trace: &[Step]) -> Vec<(&str, bool)> {
    trace
        .iter()
        .filter_map(|s| match s {
            Step::Read { indicator, .. } => Some((&**indicator, true)),
            Step::Missing { indicator, .. } => Some((&**indicator, false)),
            _ => None,
        })
        .collect()
}

/// How far to look and what to try.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    /// Numbers: how far from the current value, as a fraction of the range (1 = all).
    pub limit: f64,
    /// Also try booleans, categories and lists.
    pub discrete: bool,
    /// Also fill missing indicators.
    pub gaps: bool,
}

impl Search {
    /// Every indicator, every direction: what `flips` runs unless told otherwise.
    pub const FULL: Search = Search {
        limit: 1.0,
        discrete: true,
        gaps: true,
    };
}

/// The flips of one criterion for `facts`.
pub fn criterion(
    rules: &RuleSet,
    criterion: &Criterion,
    facts: &Arc<Facts>,
    search: Search,
) -> Result<CriterionFlips> {
    let base = rules.evaluate(criterion, facts)?;
    let current = base.rating;
    let read = read_in(&base.trace);
    let mut out = CriterionFlips {
        number: criterion.number,
        title_de: criterion.title_de.to_string(),
        title_en: criterion.title_en.to_string(),
        rating: current,
        flips: Vec::new(),
        nearest_worse: None,
        nearest_better: None,
        unchanged: Vec::new(),
        not_read: criterion
            .outline
            .reads
            .iter()
            .filter(|id| {
                facts.values.contains_key(id.as_str()) && !read.iter().any(|(r, _)| r == id)
            })
            .cloned()
            .collect(),
        gaps: Vec::new(),
        no_range: Vec::new(),
        evaluations: 1,
    };
    for (id, present) in read {
        let ind = rules.catalog.get(id).ok_or_else(|| {
            Error::Internal(format!("indicator '{id}' read but not in the catalog"))
        })?;
        let numeric = matches!(ind.kind, Kind::Number | Kind::Integer);
        if numeric && range(ind).is_none() {
            out.no_range.push(id.to_string());
            continue;
        }
        let mut probe = Probe::new(rules, criterion, facts, id);
        if !present {
            if search.gaps {
                out.gaps.push(gap(&mut probe, ind)?);
                out.evaluations += probe.evaluations;
            }
            continue;
        }
        let value = facts.values[id].value.clone();
        let before = out.flips.len();
        match value.as_f64() {
            Some(x) if numeric => {
                for up in [false, true] {
                    out.flips
                        .extend(scan(&mut probe, ind, x, current, up, search.limit)?);
                }
            }
            _ if search.discrete => {
                for (alt, distance) in alternatives(ind, &value) {
                    let rating = probe.rating(&alt)?;
                    if rating != current {
                        out.flips.push(Flip {
                            indicator: id.to_string(),
                            kind: ind.kind,
                            current: value.clone(),
                            value: alt,
                            short: None,
                            boundary: None,
                            direction: Direction::Other,
                            rating,
                            trend: trend(current, rating),
                            distance,
                            first: true,
                        });
                    }
                }
            }
            _ => continue,
        }
        out.evaluations += probe.evaluations;
        if out.flips.len() == before {
            out.unchanged.push(id.to_string());
        }
    }
    // Nearest first; a number before a boolean, category or list at the same distance.
    out.flips.sort_by(|a, b| {
        a.distance
            .total_cmp(&b.distance)
            .then(b.is_numeric().cmp(&a.is_numeric()))
    });
    let nearest = |trend: Trend| {
        out.flips
            .iter()
            .enumerate()
            .filter(|(_, f)| f.trend == trend)
            .min_by(|(_, a), (_, b)| {
                a.distance
                    .total_cmp(&b.distance)
                    .then(b.is_numeric().cmp(&a.is_numeric()))
            })
            .map(|(i, _)| i)
    };
    out.nearest_worse = nearest(Trend::Worse);
    out.nearest_better = nearest(Trend::Better);
    Ok(out)
}

/// Fills a missing indicator with every value: numbers over the grid, boundaries
/// bisected; whole numbers at every step; booleans and categories each value; a list
/// the empty list.
fn gap(probe: &mut Probe, ind: &Indicator) -> Result<Gap> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    let push = |from: Value, to: Value, rating: Rating, outcomes: &mut Vec<Outcome>| {
        outcomes.push(Outcome { from, to, rating })
    };
    match ind.kind {
        Kind::Integer | Kind::Number => {
            let (min, max) = range(ind).expect("checked by the caller");
            let span = max - min;
            let points: Vec<f64> = match ind.kind {
                Kind::Integer => (min.ceil() as i64..=max.floor() as i64)
                    .map(|i| i as f64)
                    .collect(),
                _ => (0..=GRID)
                    .map(|k| {
                        if k == GRID {
                            max
                        } else {
                            min + span * k as f64 / GRID as f64
                        }
                    })
                    .collect(),
            };
            let mut prev: Option<(f64, Rating)> = None;
            for x in points {
                let rating = probe.number(ind.kind, x)?;
                let start = match prev {
                    Some((p, r)) if r != rating && ind.kind == Kind::Number => {
                        let (value, short, _) = bisect(probe, ind.kind, p, x, rating, span)?;
                        if let Some(last) = outcomes.last_mut() {
                            last.to = numeric(ind.kind, short);
                        }
                        value
                    }
                    _ => x,
                };
                let v = numeric(ind.kind, start);
                let merge = matches!(prev, Some((_, r)) if r == rating);
                if merge {
                    if let Some(last) = outcomes.last_mut() {
                        last.to = numeric(ind.kind, x);
                    }
                } else {
                    push(v.clone(), numeric(ind.kind, x), rating, &mut outcomes);
                }
                prev = Some((x, rating));
            }
        }
        Kind::Boolean => {
            for b in [true, false] {
                let v = Value::Bool(b);
                let rating = probe.rating(&v)?;
                push(v.clone(), v, rating, &mut outcomes);
            }
        }
        Kind::Category => {
            for c in &ind.values {
                let v = Value::Category(c.clone());
                let rating = probe.rating(&v)?;
                push(v.clone(), v, rating, &mut outcomes);
            }
        }
        Kind::List => {
            let v = Value::List(Vec::new());
            let rating = probe.rating(&v)?;
            push(v.clone(), v, rating, &mut outcomes);
        }
    }
    Ok(Gap {
        indicator: ind.id.clone(),
        kind: ind.kind,
        outcomes,
    })
}

/// The flips of every criterion for `facts`.
pub fn facts(rules: &RuleSet, facts: &Arc<Facts>, search: Search) -> Result<Vec<CriterionFlips>> {
    rules
        .criteria
        .iter()
        .map(|c| criterion(rules, c, facts, search))
        .collect()
}

/// The flips of `iso3` as of `year` on the shipped data.
pub fn country(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    iso3: &str,
    year: i32,
) -> Result<CountryFlips> {
    let f = Arc::new(store.facts(iso3, year, &rules.catalog));
    let criteria = facts(rules, &f, Search::FULL)?;
    let country = registry.get(iso3);
    Ok(CountryFlips {
        schema: SCHEMA,
        iso3: iso3.to_string(),
        name_de: country.map(|c| c.name_de.clone()),
        name_en: country.map(|c| c.name_en.clone()),
        as_of: f.as_of,
        synthetic: f.synthetic,
        criteria,
    })
}

/// A country near a flip point of a numeric indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Borderline {
    /// The country.
    pub iso3: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_de: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_en: Option<String>,
    /// The criterion's number.
    pub criterion: u32,
    pub(crate) rating: Rating,
    /// The flip within the distance asked for.
    #[serde(flatten)]
    pub flip: Flip,
    /// `flip.distance` in percent of the range.
    pub distance_pct: f64,
}

impl Borderline {
    pub(crate) fn country(&self, lang: Lang) -> String {
        crate::model::assessment::country_label(
            &self.iso3,
            self.name_de.as_deref(),
            self.name_en.as_deref(),
            lang,
        )
    }
}

/// Every country whose numeric indicator lies within `within_pct` percent of its catalog
/// range of a flip point, nearest first. Countries run in parallel.
pub fn borderline(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    countries: &[String],
    year: i32,
    within_pct: f64,
) -> Result<Vec<Borderline>> {
    borderline_with_progress(rules, store, registry, countries, year, within_pct, &|| {})
}

/// [`borderline`], calling `tick` once per country done (the command line's progress bar).
pub fn borderline_with_progress(
    rules: &RuleSet,
    store: &Store,
    registry: &Registry,
    countries: &[String],
    year: i32,
    within_pct: f64,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Borderline>> {
    let search = Search {
        limit: within_pct / 100.0,
        discrete: false,
        gaps: false,
    };
    let per_country = batch::parallel_map(countries, |iso3| -> Result<Vec<Borderline>> {
        let f = Arc::new(store.facts(iso3, year, &rules.catalog));
        let country = registry.get(iso3);
        let mut out = Vec::new();
        for c in &rules.criteria {
            let flips = criterion(rules, c, &f, search)?;
            for flip in flips.flips {
                if flip.distance * 100.0 <= within_pct + 1e-9 {
                    out.push(Borderline {
                        iso3: iso3.to_string(),
                        name_de: country.map(|c| c.name_de.clone()),
                        name_en: country.map(|c| c.name_en.clone()),
                        criterion: c.number,
                        rating: flips.rating,
                        distance_pct: flip.distance * 100.0,
                        flip,
                    });
                }
            }
        }
        tick();
        Ok(out)
    });
    let mut all = Vec::new();
    for r in per_country {
        all.extend(r?);
    }
    all.sort_by(|a, b| {
        a.flip
            .distance
            .total_cmp(&b.flip.distance)
            .then_with(|| a.iso3.cmp(&b.iso3))
            .then(a.criterion.cmp(&b.criterion))
            .then_with(|| a.flip.indicator.cmp(&b.flip.indicator))
    });
    Ok(all)
}
