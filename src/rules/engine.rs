//! Runs the rules: a sandboxed Rhai engine with the rule API, and the evaluation of
//! one criterion into a rating, a reason and a trace.

use crate::error::{Error, Result};
use crate::model::assessment::{Assessment, CriterionResult};
use crate::model::catalog::{Catalog, Ids};
use crate::model::facts::{Fact, Facts};
use crate::model::rating::Rating;
use crate::model::reason::{self, Reason, Values, Wording};
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::rules::direct::{Halt, Prefix, Program};
use crate::rules::texts;
use crate::rules::{self, Criterion};
use rhai::{
    Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, NativeCallContext, Position,
    Scope, INT,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Bounds that stop a careless rule instead of letting it hang or eat memory.
/// A real rule needs a few hundred operations; the limits leave room for a hundredfold.
pub mod limits {
    pub(crate) const OPERATIONS: u64 = 100_000;
    pub(crate) const CALL_LEVELS: usize = 16;
    pub(crate) const EXPR_DEPTH: usize = 64;
    pub(crate) const FN_EXPR_DEPTH: usize = 32;
    pub(crate) const STRING_SIZE: usize = 8_192;
    pub(crate) const ARRAY_SIZE: usize = 1_000;
    pub(crate) const MAP_SIZE: usize = 100;
    pub(crate) const VARIABLES: usize = 256;
}

/// A loaded, checked rule set ready to assess countries. Compiled once; `Sync`, so
/// one rule set serves every thread.
pub struct RuleSet {
    engine: Engine,
    /// The catalog the rules were checked against.
    pub catalog: Arc<Catalog>,
    /// Every criterion's rule, in order.
    pub criteria: Vec<Criterion>,
    /// Per criterion number, the texts that word its reasons and tests.
    wording: Vec<(u32, Arc<dyn Wording>)>,
    /// The names the texts give a country code (see [`RuleSet::name_countries`]).
    country_names: texts::CountryNames,
    /// More criteria "nicht bewertbar" than this, and no "kritisch": the class is
    /// "unvollständig" (criteria.toml, `[summary]`).
    pub max_not_assessable: Option<usize>,
    /// Per criterion (same order): what its rule can see, and the results so far.
    memo: Vec<Memo>,
    /// Per criterion (same order): Rhai's function-resolution caches of finished runs,
    /// one per thread that ran it. A fresh run would resolve every call again (some 5 %
    /// of a rule's instructions); the same compiled rule resolves to the same functions.
    resolved: Vec<Mutex<Vec<rhai::Caches>>>,
    /// Per criterion (same order): the rule translated for the direct evaluator, where
    /// it uses only what that evaluator knows (rules/direct.rs); Rhai runs the others.
    direct: Vec<Option<Program>>,
}

/// Most results kept per criterion (a result is a few kB); beyond that, new inputs are
/// evaluated and not kept. Every country over every year the data covers is at most
/// 199 × 27 = 5,373 inputs per criterion; `check`'s monotonicity steps make more.
const MEMO_LIMIT: usize = 6_000;

/// A rule on one country's facts with one fact replaced at a time: the facts are looked
/// up once, as for the memo's key, and each run replaces one entry of that key instead
/// of copying the facts' map and looking every read up in it by name. The statements
/// before the first that may read the replaced indicator run once for all its steps
/// (their course cannot depend on it); each step goes on from the state after them.
pub struct Stepping<'a> {
    rules: &'a RuleSet,
    criterion: &'a Criterion,
    facts: &'a Arc<Facts>,
    own: Option<usize>,
    /// The facts as the rule sees them (None where the direct evaluator cannot run it).
    key: Option<MemoKey>,
    /// For the indicator stepped last (its catalog index), what its steps share.
    shared: Option<(usize, Shared)>,
}

/// What every step of one indicator shares: the run up to the first statement that may
/// read it.
enum Shared {
    /// The rule may read it in its first statement: each step runs whole.
    Nothing,
    /// The statements before it ended the run: every step's rating (None: the direct
    /// evaluator gave up there, and each step is left to Rhai).
    Ended(Option<Rating>),
    /// The state after them.
    After(After),
}

impl Shared {
    /// The state a step goes on from (None: it runs whole, or not at all).
    fn after(&self) -> Option<&After> {
        match self {
            Shared::After(after) => Some(after),
            Shared::Nothing | Shared::Ended(_) => None,
        }
    }
}

/// A run's state after the first statements of its rule ([`Shared::After`]).
struct After {
    prefix: Prefix,
    read: ReadLog,
    missing: Vec<Arc<str>>,
    blocking: Vec<Arc<str>>,
}

impl Stepping<'_> {
    /// The rating alone, as [`RuleSet::rating`] gives it for the facts with `id`'s fact
    /// replaced by `fact`.
    pub fn rating(&mut self, id: &str, fact: Arc<Fact>) -> Result<Rating> {
        let rules = self.rules;
        let program = self.own.and_then(|own| rules.direct[own].as_ref());
        let at = match (self.own, rules.catalog.get(id)) {
            (Some(own), Some(indicator)) => {
                Some((indicator.index, rules.memo[own].positions[indicator.index]))
            }
            _ => None,
        };
        if let (Some(program), Some(own), Some((index, at)), Some(mut key)) =
            (program, self.own, at, self.key.take())
        {
            if at != NOT_READ {
                let at = at as usize;
                let positions = &rules.memo[own].positions;
                let shared = match self.shared.take() {
                    Some((i, shared)) if i == index => shared,
                    _ => {
                        let upto = program.before_read_of(index);
                        if upto == 0 {
                            Shared::Nothing
                        } else {
                            let prefetched = Prefetched::new(positions.clone(), Some(key));
                            let (shared, mut prefetched) = rules.prefix_run(
                                program,
                                self.criterion,
                                self.facts,
                                prefetched,
                                upto,
                            );
                            key = prefetched.key.take().expect("the run gives its key back");
                            shared
                        }
                    }
                };
                let rating = match &shared {
                    Shared::Ended(rating) => *rating,
                    Shared::Nothing | Shared::After(_) => {
                        let from = shared.after();
                        let sees = rules.memo[own].reads[at].1;
                        let before = key.facts[at].replace(Seen(fact.clone(), sees));
                        let prefetched = Prefetched::new(positions.clone(), Some(key));
                        let (rating, mut prefetched) = rules.rating_run(
                            program,
                            self.criterion,
                            self.facts,
                            Some(prefetched),
                            from,
                        );
                        key = prefetched.key.take().expect("the run gives its key back");
                        key.facts[at] = before;
                        rating
                    }
                };
                self.shared = Some((index, shared));
                self.key = Some(key);
                if let Some(rating) = rating {
                    return Ok(rating);
                }
            } else {
                self.key = Some(key);
            }
        }
        // Rhai runs it, on a copy of the facts with the one replaced.
        let mut varied = (**self.facts).clone();
        varied.values.insert(id, fact);
        rules.rating(self.criterion, &Arc::new(varied))
    }
}

/// One evaluation per distinct input: two countries (or years) whose facts look the
/// same to a rule get the same result, so the rule runs once and the result is shared.
/// What a rule can see is known from its syntax tree before it runs: which indicators it
/// reads through which function (`value`, `known`, `year`, `edition`, `note`, `tally`,
/// `require`), and whether it calls `as_of_year()`. The key is exactly that.
struct Memo {
    /// The indicators the rule can read and what it can see of each.
    reads: Vec<(String, Sees)>,
    /// The rule calls `as_of_year()`: the year is part of what it sees.
    year: bool,
    /// Per catalog index, the indicator's position in `reads` ([`NOT_READ`] if not there).
    positions: Arc<[u32]>,
    /// Per [`Memo::reads`], the indicator's catalog index (None: not in the catalog), with
    /// the catalog's ids: the key takes each fact from its slot.
    indices: Vec<Option<usize>>,
    ids: Arc<Ids>,
    /// Shared, so that a thread takes a result out and lets go of the lock before it
    /// copies it; the lock is held only to look up and to insert.
    results: Mutex<HashMap<MemoKey, Arc<Kept>, BuildHasherDefault<KeyHash>>>,
}

/// A kept result, and for each of its trace's read steps (by index) the position of its
/// indicator in [`Memo::reads`], so that rebinding it to other facts needs no lookups
/// (None if some read indicator is not among them: rebound by name).
struct Kept {
    result: CriterionResult,
    reads: Option<Vec<(usize, usize)>>,
}

/// The map's hasher: a [`MemoKey`] hashes as its hash, worked out once when it is built.
#[derive(Default)]
struct KeyHash(u64);

impl Hasher for KeyHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only MemoKey is hashed with this, through write_u64; anything else still works.
        let mut mix = ahash::AHasher::default();
        mix.write_u64(self.0);
        mix.write(bytes);
        self.0 = mix.finish();
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// What a rule can see of one fact, beyond whether it is there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Sees {
    value: bool,
    year: bool,
    edition: bool,
    note: bool,
}

impl Sees {
    /// What the rule API function `name` shows of its indicator.
    fn of(name: &str) -> Sees {
        let mut sees = Sees::default();
        match name {
            "value" | "tally" => sees.value = true,
            "year" => sees.year = true,
            // edition() falls back to the year where a fact has no edition.
            "edition" => (sees.edition, sees.year) = (true, true),
            "note" => sees.note = true,
            _ => {} // known(), require(): only whether there is a value
        }
        sees
    }

    fn add(&mut self, other: Sees) {
        self.value |= other.value;
        self.year |= other.year;
        self.edition |= other.edition;
        self.note |= other.note;
    }
}

/// What one rule sees of one country's facts, with its hash (aHash over what is seen,
/// worked out once: SipHash, std's default, cost some 3,400 instructions per evaluation).
struct MemoKey {
    hash: u64,
    year: Option<i32>,
    /// Per [`Memo::reads`], this country's fact.
    facts: Vec<Option<Seen>>,
}

impl PartialEq for MemoKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.year == other.year && self.facts == other.facts
    }
}

impl Eq for MemoKey {}

impl Hash for MemoKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A fact as far as a rule sees it: compared and hashed on those parts only (numbers by
/// their bits, so 0 and -0 stay apart).
struct Seen(Arc<Fact>, Sees);

impl PartialEq for Seen {
    fn eq(&self, other: &Self) -> bool {
        let (a, b, sees) = (&*self.0, &*other.0, self.1);
        Arc::ptr_eq(&self.0, &other.0)
            || ((!sees.value || same_value(&a.value, &b.value))
                && (!sees.year || a.year == b.year)
                && (!sees.edition || a.edition == b.edition)
                && (!sees.note || a.note == b.note))
    }
}

impl Eq for Seen {}

impl Hash for Seen {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (fact, sees) = (&*self.0, self.1);
        if sees.value {
            match &fact.value {
                Value::Number(x) => x.to_bits().hash(state),
                Value::Integer(i) => i.hash(state),
                Value::Bool(b) => b.hash(state),
                Value::Category(s) => s.hash(state),
                Value::List(items) => items.hash(state),
            }
        }
        if sees.year {
            fact.year.hash(state);
        }
        if sees.edition {
            fact.edition.hash(state);
        }
        if sees.note {
            fact.note.hash(state);
        }
    }
}

/// The same value, numbers compared by their bits (so 0 and -0 stay apart).
pub(crate) fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

impl Memo {
    /// Works out from the rule's syntax tree what it can see. The load check
    /// (`rules::check`) has made sure every indicator id is a literal or a list parameter;
    /// anything else seen here makes the rule see every part of every indicator it reads.
    fn new(criterion: &Criterion, catalog: &Catalog) -> Memo {
        use rhai::{ASTNode, Expr, Stmt};
        let mut year = false;
        let mut unclear = false;
        let mut reads: std::collections::BTreeMap<String, Sees> = criterion
            .outline
            .reads
            .iter()
            .map(|id| (id.clone(), Sees::default()))
            .collect();
        let mut saw = |id: &str, sees: Sees, unclear: &mut bool| match reads.get_mut(id) {
            Some(s) => s.add(sees),
            None => *unclear = true,
        };
        criterion.ast.walk(&mut |nodes: &[ASTNode]| {
            let call = match nodes.last() {
                Some(ASTNode::Expr(Expr::FnCall(call, _))) => call,
                Some(ASTNode::Stmt(Stmt::FnCall(call, _))) => call,
                _ => return true,
            };
            let name = call.name.as_str();
            let sees = Sees::of(name);
            if name == "as_of_year" {
                year = true;
            } else if rules::READS_INDICATOR.contains(&name) {
                match call.args.first() {
                    Some(Expr::StringConstant(id, _)) => saw(id, sees, &mut unclear),
                    _ => unclear = true,
                }
            } else if rules::READS_LIST.iter().any(|(n, _)| *n == name) {
                let ids: Vec<String> = match call.args.first() {
                    Some(Expr::Array(items, _)) => items
                        .iter()
                        .filter_map(|item| match item {
                            Expr::StringConstant(id, _) => Some(id.to_string()),
                            _ => {
                                unclear = true;
                                None
                            }
                        })
                        .collect(),
                    Some(Expr::DynamicConstant(list, _)) if list.is_array() => list
                        .clone()
                        .into_array()
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|id| id.into_immutable_string().ok().map(|s| s.to_string()))
                        .collect(),
                    Some(Expr::FnCall(inner, _)) if inner.name == "param" => {
                        match inner.args.first() {
                            Some(Expr::StringConstant(p, _)) => {
                                match criterion.parameters.get(p.as_str()).map(|p| &p.value) {
                                    Some(toml::Value::Array(ids)) => ids
                                        .iter()
                                        .filter_map(|id| id.as_str().map(str::to_string))
                                        .collect(),
                                    _ => {
                                        unclear = true;
                                        Vec::new()
                                    }
                                }
                            }
                            _ => {
                                unclear = true;
                                Vec::new()
                            }
                        }
                    }
                    _ => {
                        unclear = true;
                        Vec::new()
                    }
                };
                for id in ids {
                    saw(&id, sees, &mut unclear);
                }
            }
            true
        });
        let everything = Sees {
            value: true,
            year: true,
            edition: true,
            note: true,
        };
        let reads: Vec<(String, Sees)> = reads
            .into_iter()
            .map(|(id, sees)| (id, if unclear { everything } else { sees }))
            .collect();
        let mut positions = vec![NOT_READ; catalog.len()];
        for (at, (id, _)) in reads.iter().enumerate() {
            if let Some(indicator) = catalog.get(id) {
                positions[indicator.index] = at as u32;
            }
        }
        let indices = reads
            .iter()
            .map(|(id, _)| catalog.get(id).map(|i| i.index))
            .collect();
        Memo {
            reads,
            year,
            positions: positions.into(),
            indices,
            ids: catalog.ids().clone(),
            results: Mutex::new(HashMap::default()),
        }
    }

    fn key(&self, facts: &Facts) -> MemoKey {
        let year = self.year.then_some(facts.as_of.year);
        let facts: Vec<Option<Seen>> = self
            .reads
            .iter()
            .zip(&self.indices)
            .map(|((id, sees), index)| {
                index
                    .and_then(|i| facts.values.get_at(&self.ids, i, id))
                    .map(|f| Seen(f.clone(), *sees))
            })
            .collect();
        let mut state = ahash::AHasher::default();
        year.hash(&mut state);
        facts.hash(&mut state);
        MemoKey {
            hash: state.finish(),
            year,
            facts,
        }
    }
}

/// A kept result for other facts (`key`, built from them): the trace's read steps show
/// this country's facts (their provenance may differ where the rule does not see it).
fn rebind(kept: &Kept, key: &MemoKey, facts: &Facts) -> CriterionResult {
    let mut result = kept.result.clone();
    match &kept.reads {
        // Equal keys: a fact the kept run read is there in these facts too.
        Some(reads) => {
            for &(i, at) in reads {
                if let (Some(Step::Read { fact, .. }), Some(Some(own))) =
                    (result.trace.get_mut(i), key.facts.get(at))
                {
                    *fact = own.0.clone();
                }
            }
        }
        None => {
            for step in &mut result.trace {
                if let Step::Read {
                    indicator, fact, ..
                } = step
                {
                    if let Some(own) = facts.values.get(indicator) {
                        *fact = own.clone();
                    }
                }
            }
        }
    }
    result
}

/// What `finish` makes of a direct run for the rating alone that stopped: the
/// conclusion's rating, or "nicht bewertbar" for a missing value (None: it gave up).
fn stopped_rating(halt: std::result::Result<(), Halt>, run: &Run) -> Option<Rating> {
    match (halt, &run.conclusion, run.stop) {
        (Err(Halt::Stopped), Some((rating, _)), Some(_)) => Some(*rating),
        (Err(Halt::Stopped), None, Some(Stop::MissingValue)) => Some(Rating::NichtBewertbar),
        _ => None,
    }
}

/// How a rule stopped before its last line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    Concluded,
    MissingValue,
}

/// What one running rule has done so far. The direct evaluator holds it; for a run on
/// Rhai it lives in a thread-local ([`RUN`]) for the duration of the run, because the
/// registered API functions are shared by all rules.
pub(super) struct Run {
    facts: Arc<Facts>,
    /// Whether the trace is written (not for a rating alone, [`RuleSet::rating`]).
    steps: bool,
    prefetched: Prefetched,
    catalog: Arc<Catalog>,
    parameters: Arc<std::collections::BTreeMap<String, rules::Parameter>>,
    trace: Vec<Step>,
    read: ReadLog,
    missing: Vec<Arc<str>>,
    /// The missing indicators that stopped the rule (value(), require(), …).
    blocking: Vec<Arc<str>>,
    conclusion: Option<(Rating, Reason)>,
    stop: Option<Stop>,
}

/// The facts a run reads, as the memo's key has already looked them up: per catalog
/// index, the position in [`Memo::reads`] ([`NOT_READ`] for an indicator the rule cannot
/// read), and the key. A run without a key looks its facts up by id.
struct Prefetched {
    positions: Arc<[u32]>,
    key: Option<MemoKey>,
    /// For each read step of the trace so far, its index and the position of its fact in
    /// the key (what [`Kept::reads`] keeps); None once a read is not in the key.
    reads: Option<Vec<(usize, usize)>>,
}

impl Prefetched {
    fn new(positions: Arc<[u32]>, key: Option<MemoKey>) -> Prefetched {
        // At most one read step for each indicator the key holds.
        let reads = Vec::with_capacity(key.as_ref().map_or(0, |key| key.facts.len()));
        Prefetched {
            positions,
            key,
            reads: Some(reads),
        }
    }

    /// Nothing looked up: the run looks its facts up by id.
    fn none() -> Prefetched {
        Prefetched::new(Arc::from([]), None)
    }
}

const NOT_READ: u32 = u32::MAX;

/// Per catalog indicator (by index): once read (and in the trace), its fact or None; with
/// the indices read, so that emptying it for the next run touches only those.
#[derive(Clone, Default)]
struct ReadLog {
    facts: Vec<Option<Option<Arc<Fact>>>>,
    touched: Vec<usize>,
}

impl ReadLog {
    fn get(&self, index: usize) -> Option<&Option<Arc<Fact>>> {
        self.facts[index].as_ref()
    }

    /// Records the first read of the indicator at `index`.
    fn first(&mut self, index: usize, fact: Option<Arc<Fact>>) {
        self.facts[index] = Some(fact);
        self.touched.push(index);
    }

    /// Nothing read, for a catalog of `len` indicators.
    fn empty(&mut self, len: usize) {
        for index in self.touched.drain(..) {
            self.facts[index] = None;
        }
        self.facts.resize(len, None);
    }
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
    /// The last run's `read` list, emptied, kept so the next run on this thread need not allocate.
    static SPARE_READ: RefCell<ReadLog> = const { RefCell::new(ReadLog { facts: Vec::new(), touched: Vec::new() }) };
}

fn with_run<T>(f: impl FnOnce(&mut Run) -> T) -> T {
    RUN.with(|cell| {
        f(cell
            .borrow_mut()
            .as_mut()
            .expect("rule API called outside a rule run"))
    })
}

/// Where a rule API function was called from: its position (for errors) and line (for
/// the trace).
#[derive(Clone, Copy)]
pub(super) struct At {
    pub(super) pos: Position,
    pub(super) line: usize,
}

impl At {
    pub(super) fn new(pos: Position) -> At {
        At {
            pos,
            line: pos.line().unwrap_or(0),
        }
    }
}

fn at(ctx: &NativeCallContext) -> At {
    At::new(ctx.call_position())
}

/// The four conclusion functions.
pub(super) const RATINGS: [(&str, Rating); 4] = [
    ("kritisch", Rating::Kritisch),
    ("moeglicherweise_kritisch", Rating::MoeglicherweiseKritisch),
    ("nicht_kritisch", Rating::NichtKritisch),
    ("nicht_bewertbar", Rating::NichtBewertbar),
];

type RhaiResult<T> = std::result::Result<T, Box<EvalAltResult>>;

fn fail<T>(message: String, pos: Position) -> RhaiResult<T> {
    Err(Box::new(EvalAltResult::ErrorRuntime(message.into(), pos)))
}

/// Ends the rule: a conclusion or a missing value. Rhai sees an error that unwinds the
/// script; the reason is kept in the run, not in the error.
fn terminated<T>(pos: Position) -> RhaiResult<T> {
    Err(Box::new(EvalAltResult::ErrorTerminated(Dynamic::UNIT, pos)))
}

impl Run {
    /// Ends the rule early.
    fn stop<T>(&mut self, why: Stop, pos: Position) -> RhaiResult<T> {
        self.stop = Some(why);
        terminated(pos)
    }

    /// Ends the rule as "nicht bewertbar" because these indicators have no value.
    fn stop_missing<T>(&mut self, ids: &[&str], pos: Position) -> RhaiResult<T> {
        self.blocking
            .extend(ids.iter().map(|id| Arc::<str>::from(*id)));
        self.stop(Stop::MissingValue, pos)
    }

    /// Records the first read of an indicator and returns its fact, if any.
    pub(super) fn read(&mut self, id: &str, line: usize) -> RhaiResult<Option<Arc<Fact>>> {
        let Some(indicator) = self.catalog.get(id) else {
            return fail(
                format!("unknown indicator '{id}'{}", self.catalog.hint(id)),
                Position::NONE,
            );
        };
        let (index, key) = (indicator.index, indicator.key.clone());
        Ok(self.read_at(index, &key, line))
    }

    /// [`Run::read`] of the indicator at `index` in the catalog (`key` its id): the
    /// direct evaluator finds a literal id's index when it translates the rule.
    pub(super) fn read_at(
        &mut self,
        index: usize,
        key: &Arc<str>,
        line: usize,
    ) -> Option<Arc<Fact>> {
        // A rule asks for most indicators more than once (known, value, edition): the
        // facts are looked up once per run.
        if let Some(fact) = self.read.get(index) {
            return fact.clone();
        }
        // The memo's key has looked up every indicator the rule can read.
        let at = match (self.prefetched.positions.get(index), &self.prefetched.key) {
            (Some(&at), Some(_)) if at != NOT_READ => Some(at as usize),
            _ => None,
        };
        let fact = match (at, &self.prefetched.key) {
            (Some(at), Some(memo_key)) => memo_key.facts[at].as_ref().map(|seen| seen.0.clone()),
            _ => self.facts.values.get(key).cloned(),
        };
        self.read.first(index, fact.clone());
        if !self.steps {
            if fact.is_none() {
                self.missing.push(key.clone());
            }
            return fact;
        }
        if fact.is_some() {
            match (&mut self.prefetched.reads, at) {
                (Some(reads), Some(at)) => reads.push((self.trace.len(), at)),
                (reads, _) => *reads = None,
            }
        }
        self.trace.push(match &fact {
            Some(fact) => Step::Read {
                line,
                indicator: key.clone(),
                fact: fact.clone(),
            },
            None => {
                self.missing.push(key.clone());
                Step::Missing {
                    line,
                    indicator: key.clone(),
                }
            }
        });
        fact
    }
}

/// What `tally()` counts: its indicators with a true value, a false one and none.
#[derive(Default)]
pub(super) struct Tally {
    yes: Array,
    no: Array,
    missing: Array,
}

impl Tally {
    /// Counts one indicator (`id`) by its fact.
    pub(super) fn count(
        &mut self,
        at: At,
        id: ImmutableString,
        fact: Option<Arc<Fact>>,
    ) -> RhaiResult<()> {
        match fact.as_deref().map(|f| &f.value) {
            Some(Value::Bool(true)) => self.yes.push(id.into()),
            Some(Value::Bool(false)) => self.no.push(id.into()),
            Some(other) => {
                return fail(
                    format!(
                        "tally() counts boolean indicators; '{id}' is {}",
                        other.kind_name()
                    ),
                    at.pos,
                )
            }
            None => self.missing.push(id.into()),
        }
        Ok(())
    }

    /// The map a rule sees: `yes`, `no`, `missing` and their `_ids` (inserted by
    /// descending key, so that each insertion compares with one key).
    pub(super) fn map(self) -> Map {
        let count = |ids: &Array| Dynamic::from_int(ids.len() as INT);
        let (yes, no, missing) = (count(&self.yes), count(&self.no), count(&self.missing));
        let mut map = Map::new();
        map.insert("yes_ids".into(), self.yes.into());
        map.insert("yes".into(), yes);
        map.insert("no_ids".into(), self.no.into());
        map.insert("no".into(), no);
        map.insert("missing_ids".into(), self.missing.into());
        map.insert("missing".into(), missing);
        map
    }
}

fn to_dynamic(value: &Value) -> Dynamic {
    match value {
        Value::Number(x) => Dynamic::from_float(*x),
        Value::Integer(i) => Dynamic::from_int(*i),
        Value::Bool(b) => Dynamic::from_bool(*b),
        Value::Category(s) => Dynamic::from(s.clone()),
        Value::List(items) => {
            Dynamic::from_array(items.iter().map(|s| Dynamic::from(s.clone())).collect())
        }
    }
}

/// The rule API, for the Rhai engine's registered functions (through [`RUN`]) and the
/// direct evaluator (which holds the run) alike: one implementation.
impl Run {
    /// `f` on the fact of `id`, read first: the registered `value(id)` is
    /// `with_read(at, id, Run::value_of)`. The direct evaluator reads first itself (a
    /// literal id by its index) and calls `value_of` and its siblings (`read_api`).
    fn with_read<T>(
        &mut self,
        at: At,
        id: &str,
        f: impl FnOnce(&mut Run, At, &str, Option<Arc<Fact>>) -> RhaiResult<T>,
    ) -> RhaiResult<T> {
        let fact = self.read(id, at.line)?;
        f(self, at, id, fact)
    }

    /// The fact, or the rule stops here: a value it needs is missing.
    fn needed(&mut self, at: At, id: &str, fact: Option<Arc<Fact>>) -> RhaiResult<Arc<Fact>> {
        match fact {
            Some(fact) => Ok(fact),
            None => self.stop_missing(&[id], at.pos),
        }
    }

    /// What `value()` gives for a fact read.
    pub(super) fn value_of(
        &mut self,
        at: At,
        id: &str,
        fact: Option<Arc<Fact>>,
    ) -> RhaiResult<Dynamic> {
        Ok(to_dynamic(&self.needed(at, id, fact)?.value))
    }

    pub(super) fn known(&mut self, at: At, id: &str) -> RhaiResult<bool> {
        Ok(self.read(id, at.line)?.is_some())
    }

    pub(super) fn year_of(&mut self, at: At, id: &str, fact: Option<Arc<Fact>>) -> RhaiResult<INT> {
        match self.needed(at, id, fact)?.year {
            Some(year) => Ok(year as INT),
            None => fail(
                format!("indicator '{id}' has no year in the facts — give `year = …` for it"),
                at.pos,
            ),
        }
    }

    pub(super) fn tally(&mut self, at: At, ids: Array) -> RhaiResult<Map> {
        let mut tally = Tally::default();
        for id in ids {
            let id = id
                .into_immutable_string()
                .map_err(|t| format!("tally() takes indicator ids, got {t}"))?;
            let fact = self.read(&id, at.line)?;
            tally.count(at, id, fact)?;
        }
        Ok(tally.map())
    }

    pub(super) fn require(&mut self, at: At, ids: Array) -> RhaiResult<()> {
        let mut absent = Vec::new();
        for id in ids {
            let id = id
                .into_immutable_string()
                .map_err(|t| format!("require() takes indicator ids, got {t}"))?;
            if self.read(&id, at.line)?.is_none() {
                absent.push(id);
            }
        }
        if absent.is_empty() {
            Ok(())
        } else {
            self.stop_missing(
                &absent.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
                at.pos,
            )
        }
    }

    /// The fact's edition, or its year where it has none.
    pub(super) fn edition_of(
        &mut self,
        at: At,
        id: &str,
        fact: Option<Arc<Fact>>,
    ) -> RhaiResult<ImmutableString> {
        let fact = self.needed(at, id, fact)?;
        Ok(match (&fact.edition, fact.year) {
            (Some(e), _) => ImmutableString::from(&**e),
            (None, Some(y)) => y.to_string().into(),
            (None, None) => ImmutableString::new(),
        })
    }

    /// The fact's note ("" if none): what a derived value was built from, or an
    /// analyst's note.
    pub(super) fn note_of(
        &mut self,
        at: At,
        id: &str,
        fact: Option<Arc<Fact>>,
    ) -> RhaiResult<ImmutableString> {
        Ok(match &self.needed(at, id, fact)?.note {
            Some(note) => ImmutableString::from(note.as_str()),
            None => ImmutableString::new(),
        })
    }

    pub(super) fn param(&mut self, at: At, name: &str) -> RhaiResult<Dynamic> {
        let parameters = self.parameters.clone();
        match parameters.get(name) {
            Some(p) => Ok(self.param_of(at, p)),
            None => fail(format!("unknown parameter '{name}'"), at.pos),
        }
    }

    /// What `param()` gives for a parameter found (by the direct evaluator, when it
    /// translated the rule), with its step in the trace.
    pub(super) fn param_of(&mut self, at: At, p: &rules::Parameter) -> Dynamic {
        self.param_step(at, p);
        p.dynamic.clone()
    }

    /// The trace step of reading a parameter, for a caller that does not use its value
    /// (`tally(param("list"))`, whose ids the direct evaluator has looked up already).
    pub(super) fn param_step(&mut self, at: At, p: &rules::Parameter) {
        if self.steps {
            self.trace.push(Step::Param {
                line: at.line,
                name: p.step.0.clone(),
                value: p.step.1.clone(),
            });
        }
    }

    pub(super) fn test(
        &mut self,
        at: At,
        key: ImmutableString,
        values: Map,
        outcome: bool,
    ) -> bool {
        self.test_with(at, key, Values(Arc::new(values)), outcome)
    }

    /// [`Run::test`] with a values map made already (shared by every run).
    pub(super) fn test_with(
        &mut self,
        at: At,
        key: ImmutableString,
        values: Values,
        outcome: bool,
    ) -> bool {
        if self.steps {
            self.trace.push(Step::Test {
                line: at.line,
                key,
                values,
                outcome,
            });
        }
        outcome
    }

    pub(super) fn as_of_year(&self) -> INT {
        self.facts.as_of.year as INT
    }

    /// Ends the rule with `rating`; the reason is the key and values, worded only when shown.
    pub(super) fn conclude(
        &mut self,
        at: At,
        rating: Rating,
        key: ImmutableString,
        values: Map,
    ) -> RhaiResult<()> {
        if self.steps {
            self.trace.push(Step::Conclude {
                line: at.line,
                rating,
            });
        }
        self.conclusion = Some((
            rating,
            Reason {
                key,
                values: Values(Arc::new(values)),
            },
        ));
        self.stop(Stop::Concluded, at.pos)
    }
}

pub(super) fn new_engine() -> Engine {
    let mut engine = Engine::new();
    engine
        .set_max_operations(limits::OPERATIONS)
        .set_max_call_levels(limits::CALL_LEVELS)
        .set_max_expr_depths(limits::EXPR_DEPTH, limits::FN_EXPR_DEPTH)
        .set_max_string_size(limits::STRING_SIZE)
        .set_max_array_size(limits::ARRAY_SIZE)
        .set_max_map_size(limits::MAP_SIZE)
        .set_max_variables(limits::VARIABLES)
        // Interning strings costs more than it saves for short rule runs.
        .set_max_strings_interned(0)
        .set_max_modules(0)
        .set_fail_on_invalid_map_property(true)
        .set_strict_variables(true);
    // A conclusion must end the rule; `try` could swallow it. `eval` would escape the check.
    engine.disable_symbol("try").disable_symbol("eval");
    engine.on_print(|_| {}).on_debug(|_, _, _| {});

    // Each registered function is a thin wrapper around its `Run` method, which the
    // direct evaluator (rules/direct.rs) calls too: one implementation of the rule API.
    engine.register_fn("value", |ctx: NativeCallContext, id: &str| {
        with_run(|run| run.with_read(at(&ctx), id, Run::value_of))
    });
    engine.register_fn("known", |ctx: NativeCallContext, id: &str| {
        with_run(|run| run.known(at(&ctx), id))
    });
    engine.register_fn("year", |ctx: NativeCallContext, id: &str| {
        with_run(|run| run.with_read(at(&ctx), id, Run::year_of))
    });
    engine.register_fn("tally", |ctx: NativeCallContext, ids: Array| {
        with_run(|run| run.tally(at(&ctx), ids))
    });
    engine.register_fn("require", |ctx: NativeCallContext, ids: Array| {
        with_run(|run| run.require(at(&ctx), ids))
    });
    engine.register_fn("edition", |ctx: NativeCallContext, id: &str| {
        with_run(|run| run.with_read(at(&ctx), id, Run::edition_of))
    });
    engine.register_fn("note", |ctx: NativeCallContext, id: &str| {
        with_run(|run| run.with_read(at(&ctx), id, Run::note_of))
    });
    engine.register_fn("param", |ctx: NativeCallContext, name: &str| {
        with_run(|run| run.param(at(&ctx), name))
    });
    engine.register_fn(
        "test",
        |ctx: NativeCallContext, key: ImmutableString, outcome: bool| -> bool {
            with_run(|run| run.test(at(&ctx), key, Map::new(), outcome))
        },
    );
    engine.register_fn(
        "test",
        |ctx: NativeCallContext, key: ImmutableString, values: Map, outcome: bool| -> bool {
            with_run(|run| run.test(at(&ctx), key, values, outcome))
        },
    );
    engine.register_fn("as_of_year", || with_run(|run| run.as_of_year()));
    for (name, rating) in RATINGS {
        engine.register_fn(name, move |ctx: NativeCallContext, key: ImmutableString| {
            with_run(|run| run.conclude(at(&ctx), rating, key, Map::new()))
        });
        engine.register_fn(
            name,
            move |ctx: NativeCallContext, key: ImmutableString, values: Map| {
                with_run(|run| run.conclude(at(&ctx), rating, key, values))
            },
        );
    }
    engine
}

/// The innermost error: errors inside script functions come wrapped.
fn innermost(err: &EvalAltResult) -> &EvalAltResult {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, _) => innermost(inner),
        other => other,
    }
}

impl RuleSet {
    /// Loads the catalog and the rules in `rules_dir`, and checks every rule.
    pub fn load(rules_dir: &Path, catalog: Catalog) -> Result<RuleSet> {
        let engine = new_engine();
        // Every problem of the rules and their texts at once, before any rule runs.
        let mut problems = Vec::new();
        let (criteria, max_not_assessable) =
            rules::load_checked(rules_dir, &catalog, &engine, &mut problems)?;
        let catalog = Arc::new(catalog);
        let country_names = texts::CountryNames::default();
        let wording = texts::load(
            rules_dir,
            &criteria,
            &catalog,
            &country_names,
            &mut problems,
        )
        .into_iter()
        .map(|(n, t)| (n, t as Arc<dyn Wording>))
        .collect();
        crate::error::Problem::check(problems)?;
        let memo = criteria.iter().map(|c| Memo::new(c, &catalog)).collect();
        let resolved = criteria.iter().map(|_| Mutex::default()).collect();
        let direct = criteria
            .iter()
            .map(|c| Program::translate(&c.ast, &catalog, &c.parameters))
            .collect();
        Ok(RuleSet {
            engine,
            catalog,
            criteria,
            wording,
            country_names,
            max_not_assessable,
            memo,
            resolved,
            direct,
        })
    }

    /// The same rule set with every rule run on Rhai alone: to compare the direct
    /// evaluator with it, or to time the difference.
    pub fn rhai_only(mut self) -> RuleSet {
        self.direct.iter_mut().for_each(|d| *d = None);
        self.forget();
        self
    }

    /// The numbers of the criteria whose rules the direct evaluator runs.
    pub fn run_directly(&self) -> Vec<u32> {
        self.criteria
            .iter()
            .zip(&self.direct)
            .filter(|(_, d)| d.is_some())
            .map(|(c, _)| c.number)
            .collect()
    }

    /// Forgets the results kept so far (for a benchmark that times the rules, not the memo).
    pub fn forget(&self) {
        for memo in &self.memo {
            memo.results.lock().expect("memo lock").clear();
        }
    }

    /// How many distinct inputs have been evaluated (and kept), over all criteria.
    pub fn distinct_inputs(&self) -> usize {
        self.memo
            .iter()
            .map(|m| m.results.lock().expect("memo lock").len())
            .sum()
    }

    /// The criterion with this number, or an error listing the known ones.
    pub fn criterion(&self, number: u32) -> Result<&Criterion> {
        self.criteria
            .iter()
            .find(|c| c.number == number)
            .ok_or_else(|| Error::UnknownCriterion {
                number,
                known: self
                    .criteria
                    .iter()
                    .map(|c| c.number.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Assesses one country on every criterion.
    pub fn assess(&self, facts: Arc<Facts>) -> Result<Assessment> {
        let criteria = self
            .criteria
            .iter()
            .map(|c| self.evaluate(c, &facts))
            .collect::<Result<_>>()?;
        Ok(Assessment {
            iso3: facts.iso3.clone(),
            name_de: None,
            name_en: None,
            as_of: facts.as_of,
            synthetic: facts.synthetic,
            criteria,
            max_not_assessable: self.max_not_assessable,
        })
    }

    /// Lets the texts name the countries a reason mentions by code (criterion 4's
    /// neighbours, say) in the language of the output; without it they show the codes
    /// (and a text worded before keeps them; the same text worded after has the names).
    /// The first registry given stays. Assessing
    /// through [`crate::assess()`] (or `assess_all`, or comparing with `diff::compare`)
    /// does it with the registry passed.
    pub fn name_countries(&self, registry: &crate::model::countries::Registry) {
        if self.country_names.get().is_some() {
            return;
        }
        let names = registry
            .iter()
            .map(|c| (c.iso3.clone(), (c.name_de.clone(), c.name_en.clone())))
            .collect();
        let _ = self.country_names.set(names);
    }

    /// The texts of criterion `number` (keys alone for a criterion without texts).
    fn wording_of(&self, number: u32) -> Arc<dyn Wording> {
        match self.wording.iter().find(|(n, _)| *n == number) {
            Some((_, w)) => w.clone(),
            None => Arc::new(reason::KeysOnly),
        }
    }

    /// The position of a criterion of this rule set (by address: a criterion from
    /// elsewhere may carry other parameters, so its results are not this set's to keep).
    fn own(&self, criterion: &Criterion) -> Option<usize> {
        self.criteria
            .iter()
            .position(|c| std::ptr::eq(c, criterion))
    }

    /// Runs one criterion's rule on one country, or gives the result of an earlier run
    /// on facts that look the same to the rule.
    pub fn evaluate(&self, criterion: &Criterion, facts: &Arc<Facts>) -> Result<CriterionResult> {
        // Only this rule set's own criteria are kept.
        let Some(own) = self.own(criterion) else {
            let run = self.start(criterion, facts, None);
            return self.run(criterion, facts, run, None).0;
        };
        let memo = &self.memo[own];
        let key = memo.key(facts);
        let kept = memo.results.lock().expect("memo lock").get(&key).cloned();
        if let Some(kept) = kept {
            return Ok(rebind(&kept, &key, facts));
        }
        let prefetched = Prefetched::new(memo.positions.clone(), Some(key));
        let mut run = self.start(criterion, facts, Some(prefetched));
        // Errors are not kept: they name the country.
        let (result, prefetched) = match &self.direct[own] {
            Some(program) => match program.run(&mut run, false) {
                Err(Halt::Stopped) if run.stop.is_some() => {
                    let prefetched = std::mem::replace(&mut run.prefetched, Prefetched::none());
                    (self.finish(criterion, facts, run, Ok(())), prefetched)
                }
                // Rhai runs the rule afresh, and gives the result or the error.
                _ => {
                    let mut again = self.start(criterion, facts, None);
                    let key = run.prefetched.key.take();
                    again.prefetched = Prefetched::new(memo.positions.clone(), key);
                    self.recycle_read(std::mem::take(&mut run.read));
                    self.run(criterion, facts, again, Some(&self.resolved[own]))
                }
            },
            None => self.run(criterion, facts, run, Some(&self.resolved[own])),
        };
        let result = result?;
        if let Some(key) = prefetched.key {
            if memo.results.lock().expect("memo lock").len() < MEMO_LIMIT {
                let kept = Arc::new(Kept {
                    result: result.clone(),
                    reads: prefetched.reads,
                });
                let mut results = memo.results.lock().expect("memo lock");
                if results.len() < MEMO_LIMIT {
                    results.insert(key, kept);
                }
            }
        }
        Ok(result)
    }

    /// The rating alone of one criterion on one country, for a caller that looks at
    /// nothing else (`check`'s monotonicity steps, through [`RuleSet::stepping`]): the
    /// direct evaluator leaves out the values of tests and reasons where it can
    /// (rules/direct.rs), and nothing is kept. Where it cannot run the rule, the rating
    /// is [`RuleSet::evaluate`]'s.
    pub fn rating(&self, criterion: &Criterion, facts: &Arc<Facts>) -> Result<Rating> {
        let own = self.own(criterion);
        if let Some(program) = own.and_then(|own| self.direct[own].as_ref()) {
            let (rating, _) = self.rating_run(program, criterion, facts, None, None);
            if let Some(rating) = rating {
                return Ok(rating);
            }
        }
        self.evaluate(criterion, facts).map(|result| result.rating)
    }

    /// One run of the direct evaluator for the rating alone, on `facts` or on the
    /// prefetched ones: the rating if the run concluded or stopped at a gap (None if it
    /// gave up), and the prefetched facts back.
    fn rating_run(
        &self,
        program: &Program,
        criterion: &Criterion,
        facts: &Arc<Facts>,
        prefetched: Option<Prefetched>,
        from: Option<&After>,
    ) -> (Option<Rating>, Prefetched) {
        let mut run = self.start(criterion, facts, prefetched);
        run.steps = false;
        let halt = match from {
            None => program.run(&mut run, true),
            Some(after) => {
                run.read.clone_from(&after.read);
                run.missing.clone_from(&after.missing);
                run.blocking.clone_from(&after.blocking);
                program.run_from(&mut run, &after.prefix)
            }
        };
        self.recycle_read(std::mem::take(&mut run.read));
        (stopped_rating(halt, &run), run.prefetched)
    }

    /// The first `upto` statements of a rule run for the rating alone: the state after
    /// them, or how the run ended within them ([`Stepping`]).
    fn prefix_run(
        &self,
        program: &Program,
        criterion: &Criterion,
        facts: &Arc<Facts>,
        prefetched: Prefetched,
        upto: usize,
    ) -> (Shared, Prefetched) {
        let mut run = self.start(criterion, facts, Some(prefetched));
        run.steps = false;
        let shared = match program.prefix(&mut run, upto) {
            Ok(prefix) => Shared::After(After {
                prefix,
                read: run.read.clone(),
                missing: run.missing.clone(),
                blocking: run.blocking.clone(),
            }),
            Err(halt) => Shared::Ended(stopped_rating(Err(halt), &run)),
        };
        self.recycle_read(std::mem::take(&mut run.read));
        (shared, run.prefetched)
    }

    /// Whether the rule of `criterion` sees nothing of `id`'s fact but its value (and
    /// whether there is one): not its year, edition or note, which a monotonicity step's
    /// fact does not share with the country's own.
    pub fn sees_value_only(&self, criterion: &Criterion, id: &str) -> bool {
        let (Some(own), Some(indicator)) = (self.own(criterion), self.catalog.get(id)) else {
            return false;
        };
        let memo = &self.memo[own];
        match memo.positions.get(indicator.index) {
            Some(&at) if at != NOT_READ => {
                let sees = memo.reads[at as usize].1;
                !sees.year && !sees.edition && !sees.note
            }
            _ => false,
        }
    }

    /// One criterion's rule on one country's facts, to be run again and again with one
    /// fact replaced each time ([`Stepping::rating`], `check`'s monotonicity steps).
    pub fn stepping<'a>(&'a self, criterion: &'a Criterion, facts: &'a Arc<Facts>) -> Stepping<'a> {
        let own = self.own(criterion);
        let key = own
            .filter(|&own| self.direct[own].is_some())
            .map(|own| self.memo[own].key(facts));
        Stepping {
            rules: self,
            criterion,
            facts,
            own,
            key,
            shared: None,
        }
    }

    /// Runs one criterion's rule on Rhai, with the function-resolution caches of earlier
    /// runs of the same rule where there are (`resolved`). Gives back the memo's key.
    fn run(
        &self,
        criterion: &Criterion,
        facts: &Arc<Facts>,
        run: Run,
        resolved: Option<&Mutex<Vec<rhai::Caches>>>,
    ) -> (Result<CriterionResult>, Prefetched) {
        RUN.with(|cell| *cell.borrow_mut() = Some(run));
        let mut caches = resolved
            .and_then(|r| r.lock().expect("cache lock").pop())
            .unwrap_or_default();
        // What `Engine::run_ast_with_scope` does, with kept caches instead of new ones.
        let mut global = self.engine.new_global_runtime_state();
        global.lib.push(criterion.ast.shared_lib().clone());
        #[allow(deprecated)] // the one entry point that takes caches (`internals`)
        let outcome = self
            .engine
            .eval_statements_raw(
                &mut global,
                &mut caches,
                &mut Scope::new(),
                criterion.ast.statements(),
            )
            .map(|_| ());
        if let Some(resolved) = resolved {
            caches.rewind_fn_resolution_caches(1);
            resolved.lock().expect("cache lock").push(caches);
        }
        let mut run = RUN
            .with(|cell| cell.borrow_mut().take())
            .expect("run state present");
        let prefetched = std::mem::replace(&mut run.prefetched, Prefetched::none());
        (self.finish(criterion, facts, run, outcome), prefetched)
    }

    /// The run state of one rule run, with the `read` list the last run on this thread
    /// left (so that it need not allocate).
    fn start(
        &self,
        criterion: &Criterion,
        facts: &Arc<Facts>,
        prefetched: Option<Prefetched>,
    ) -> Run {
        let mut read = SPARE_READ.with(|cell| cell.take());
        read.empty(self.catalog.len());
        Run {
            facts: facts.clone(),
            steps: true,
            prefetched: prefetched.unwrap_or_else(Prefetched::none),
            catalog: self.catalog.clone(),
            parameters: criterion.parameters.clone(),
            // A rule takes some 10 to 30 steps.
            trace: Vec::with_capacity(32),
            read,
            missing: Vec::new(),
            blocking: Vec::new(),
            conclusion: None,
            stop: None,
        }
    }

    /// Keeps a run's `read` list for the next run on this thread.
    fn recycle_read(&self, mut spare: ReadLog) {
        spare.empty(spare.facts.len());
        SPARE_READ.with(|cell| *cell.borrow_mut() = spare);
    }

    /// The result of a finished run: its conclusion, the gap that stopped it, or the
    /// error that did.
    fn finish(
        &self,
        criterion: &Criterion,
        facts: &Arc<Facts>,
        mut run: Run,
        outcome: std::result::Result<(), Box<EvalAltResult>>,
    ) -> Result<CriterionResult> {
        let read = std::mem::take(&mut run.read);
        self.recycle_read(read);
        let script = &criterion.script;
        let number = criterion.number;
        if let Err(err) = outcome {
            if run.stop.is_none() {
                let err = innermost(&err);
                let line = err.position().line().unwrap_or(0);
                let limit = match err {
                    EvalAltResult::ErrorTooManyOperations(_) => {
                        Some(format!("operations ({})", limits::OPERATIONS))
                    }
                    EvalAltResult::ErrorStackOverflow(_) => {
                        Some(format!("call depth ({})", limits::CALL_LEVELS))
                    }
                    EvalAltResult::ErrorDataTooLarge(what, _) => Some(what.to_lowercase()),
                    EvalAltResult::ErrorTooManyVariables(_) => {
                        Some(format!("variables ({})", limits::VARIABLES))
                    }
                    _ => None,
                };
                return Err(match limit {
                    Some(limit) => Error::RuleLimit {
                        path: script.clone(),
                        line,
                        criterion: number,
                        limit,
                    },
                    None => Error::RuleRuntime {
                        path: script.clone(),
                        line,
                        criterion: number,
                        message: runtime_message(err),
                    },
                });
            }
        }
        let (rating, reason) = match (run.conclusion, run.stop) {
            (Some(c), _) => c,
            // value() or require() met a gap and stopped the rule: a data gap.
            (None, Some(Stop::MissingValue)) => (
                Rating::NichtBewertbar,
                Reason::new(
                    reason::VALUES_MISSING,
                    Values::from_pairs([(
                        "ids",
                        run.blocking
                            .iter()
                            .map(|id| Dynamic::from(id.to_string()))
                            .collect::<Array>(),
                    )]),
                ),
            ),
            // The rule ran past its last line (or returned) without a conclusion: a bug
            // in the rule, whatever it read or found missing on the way.
            (None, _) => {
                return Err(Error::NoRating {
                    path: script.clone(),
                    criterion: number,
                    country: facts.iso3.clone(),
                })
            }
        };
        // Name what stopped the rule; where the rule gave up by itself, every gap it met.
        let missing = match rating {
            Rating::NichtBewertbar if !run.blocking.is_empty() => run.blocking,
            Rating::NichtBewertbar => run.missing,
            _ => Vec::new(),
        };
        let missing = missing.iter().map(|id| id.to_string()).collect();
        Ok(CriterionResult {
            number,
            title_de: criterion.title_de.clone(),
            title_en: criterion.title_en.clone(),
            rating,
            reason,
            missing,
            rule: criterion.script_name.clone(),
            trace: {
                // Room for 32 steps was made at the start: a batch keeps some 16,000 traces.
                let mut trace = run.trace;
                trace.shrink_to_fit();
                trace
            },
            wording: self.wording_of(number),
        })
    }
}

/// Rhai's message without its position suffix (the error names the line itself).
fn runtime_message(err: &EvalAltResult) -> String {
    match err {
        EvalAltResult::ErrorRuntime(value, _) => value.to_string(),
        other => {
            let text = other.to_string();
            match text.rfind(" (line ") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}
