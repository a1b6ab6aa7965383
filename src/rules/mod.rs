//! The rule set: `rules/criteria.toml` and one Rhai script per criterion, loaded,
//! compiled and checked against the catalog before any rule runs.
//!
//! The layer's other parts: [`engine`] runs the rules (the sandboxed Rhai engine and
//! the rule API), [`open_end`] finds rules that can end without a conclusion.

pub mod api;
mod direct;
pub mod engine;
pub mod open_end;
pub mod texts;

use crate::error::{Error, Problem, Result};
use crate::model::catalog::{Catalog, Kind};
use crate::model::origin::Origin;
use crate::model::rating::Lang;
use rhai::{Dynamic, AST};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A threshold or list a rule reads with `param("name")`.
#[derive(Debug, Clone)]
pub struct Parameter {
    pub(crate) value: toml::Value,
    /// Why this value (criteria.toml).
    pub rationale: String,
    /// Who set it.
    pub origin: Origin,
    pub(crate) dynamic: Dynamic,
    /// Its name and value as a trace step shows them, built once: a rule reads its
    /// parameters on every run (criterion 6 a list of 29 conventions).
    pub(crate) step: (Arc<str>, Arc<serde_json::Value>),
    /// Line and column of its entry in criteria.toml, for the problems found with it.
    pub(crate) at: (usize, usize),
}

/// One criterion: its titles, its compiled rule and its parameters.
#[derive(Debug, Clone)]
pub struct Criterion {
    /// The criterion's number (1–8).
    pub number: u32,
    pub(crate) title_de: Arc<str>,
    pub(crate) title_en: Arc<str>,
    /// The script's path (used in error messages).
    pub script: PathBuf,
    /// The script's file name inside the rules folder, as criteria.toml gives it
    /// (used in output, which must not depend on where the rules folder lies).
    pub script_name: Arc<str>,
    /// The thresholds and lists the rule reads with `param()`.
    pub parameters: Arc<BTreeMap<String, Parameter>>,
    pub(crate) ast: AST,
    /// What the rule can read and where it tests and concludes, from its source.
    pub outline: Outline,
}

/// A rule's shape, read from its syntax tree before it runs: the indicators it can read
/// (also through list parameters), and the lines of its `test` calls and conclusions.
/// Coverage, flip points and monotonicity checks start from here.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub(crate) reads: BTreeSet<String>,
    pub(crate) tests: BTreeSet<usize>,
    /// (line, rating function) of every conclusion call.
    pub conclusions: BTreeSet<(usize, String)>,
}

impl Outline {
    /// The indicators the rule can read, by id, in order.
    pub fn reads(&self) -> impl Iterator<Item = &str> {
        self.reads.iter().map(String::as_str)
    }
}

impl Criterion {
    pub(crate) fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.title_de,
            Lang::En => &self.title_en,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriteriaFile {
    criterion: Vec<RawCriterion>,
    /// Thresholds of the summaries (the class of a country), not of one criterion.
    #[serde(default)]
    summary: BTreeMap<String, toml::Spanned<RawParameter>>,
}

/// How many criteria may be "nicht bewertbar" before a country without a "kritisch" is
/// classed "unvollständig" rather than "keine" (`[summary] max_not_assessable` in
/// criteria.toml; without it, the class follows the "kritisch" count alone). Its problems
/// join the rest, each at the line of its entry.
fn max_not_assessable(
    summary: BTreeMap<String, toml::Spanned<RawParameter>>,
    path: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let mut limit = None;
    for (name, p) in summary {
        let (line, column) = crate::error::line_column(text, p.span().start);
        let mut problem = |message: String| problems.push(Problem::at(path, line, column, message));
        let p = p.into_inner();
        if name != "max_not_assessable" {
            problem(format!(
                "unknown summary parameter '{name}' — the summary knows max_not_assessable"
            ));
            continue;
        }
        if p.rationale.trim().is_empty() {
            problem("summary parameter 'max_not_assessable' has no rationale — say in one line why it has this value".into());
        }
        match p.value.as_integer() {
            Some(n) if n >= 0 => limit = Some(n as usize),
            _ => problem(
                "summary parameter 'max_not_assessable' must be a whole number of criteria (0 or more)"
                    .into(),
            ),
        }
    }
    limit
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    /// Spanned, as are the parameters: a problem found later names its line.
    number: toml::Spanned<u32>,
    title_de: String,
    title_en: String,
    script: toml::Spanned<String>,
    #[serde(default)]
    parameters: BTreeMap<String, toml::Spanned<RawParameter>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParameter {
    value: toml::Value,
    rationale: String,
    origin: Origin,
}

/// Functions of the rule API whose first argument is an indicator id.
pub(crate) const READS_INDICATOR: [&str; 5] = ["value", "known", "year", "edition", "note"];
/// Functions of the rule API whose first argument is a list of indicator ids, and
/// whether they take boolean indicators only.
pub(crate) const READS_LIST: [(&str, bool); 2] = [("tally", true), ("require", false)];
/// Functions that conclude a rule.
pub(crate) const CONCLUSIONS: [&str; 4] = [
    "kritisch",
    "moeglicherweise_kritisch",
    "nicht_kritisch",
    "nicht_bewertbar",
];

/// The criteria whose scripts compile and pass the checks, and the summary's gap limit
/// (`RuleSet::max_not_assessable`); every problem found (in
/// criteria.toml and in each script) is appended to `problems` rather than stopping at the
/// first, so that one run names them all. Fails early only when criteria.toml itself
/// cannot be read: then nothing else can be checked.
pub(crate) fn load_checked(
    dir: &Path,
    catalog: &Catalog,
    engine: &rhai::Engine,
    problems: &mut Vec<Problem>,
) -> Result<(Vec<Criterion>, Option<usize>)> {
    let path = dir.join("criteria.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let file: CriteriaFile = toml::from_str(&text).map_err(|e| Error::toml(&path, &text, &e))?;
    let mut criteria = Vec::new();
    let mut seen = BTreeSet::new();
    let at = |span: std::ops::Range<usize>| crate::error::line_column(&text, span.start);
    let max_not_assessable = max_not_assessable(file.summary, &path, &text, problems);
    for raw in file.criterion {
        let number = *raw.number.get_ref();
        if !seen.insert(number) {
            let (line, column) = at(raw.number.span());
            problems.push(Problem::at(
                &path,
                line,
                column,
                format!("criterion {number} is listed twice"),
            ));
            continue;
        }
        let mut parameters = BTreeMap::new();
        for (name, p) in raw.parameters {
            let (line, column) = at(p.span());
            let p = p.into_inner();
            if p.rationale.trim().is_empty() {
                problems.push(Problem::at(&path, line, column, format!(
                    "parameter '{name}' of criterion {number} has no rationale — say in one line why it has this value"
                )));
            }
            let Some(dynamic) = to_dynamic(&p.value) else {
                problems.push(Problem::at(&path, line, column, format!(
                    "parameter '{name}' of criterion {number} must be a number, boolean, string or list of those"
                )));
                continue;
            };
            parameters.insert(
                name.clone(),
                Parameter {
                    value: p.value,
                    rationale: p.rationale,
                    origin: p.origin,
                    step: (
                        name.as_str().into(),
                        Arc::new(crate::model::reason::dynamic_to_json(&dynamic)),
                    ),
                    dynamic,
                    at: (line, column),
                },
            );
        }
        let (script_line, script_column) = at(raw.script.span());
        let script_name = raw.script.into_inner();
        let script = dir.join(&script_name);
        let source = match std::fs::read_to_string(&script) {
            Ok(source) => source,
            Err(e) => {
                problems.push(Problem::at(
                    &path,
                    script_line,
                    script_column,
                    format!(
                        "cannot read the rule of criterion {number}, {}: {e}",
                        script.display()
                    ),
                ));
                continue;
            }
        };
        let ast = match engine.compile(&source) {
            Ok(ast) => ast,
            Err(e) => {
                problems.push(Problem::at(
                    &script,
                    e.1.line().unwrap_or(0),
                    e.1.position().unwrap_or(0),
                    format!("syntax error in rule: {}", e.0),
                ));
                continue;
            }
        };
        let mut criterion = Criterion {
            number,
            title_de: raw.title_de.into(),
            title_en: raw.title_en.into(),
            script,
            script_name: script_name.as_str().into(),
            parameters: Arc::new(parameters),
            ast,
            outline: Outline::default(),
        };
        let before = problems.len();
        criterion.outline = check(&criterion, &path, catalog, problems);
        if problems.len() == before {
            criteria.push(criterion);
        }
    }
    criteria.sort_by_key(|c| c.number);
    Ok((criteria, max_not_assessable))
}

fn to_dynamic(value: &toml::Value) -> Option<Dynamic> {
    Some(match value {
        toml::Value::Integer(i) => Dynamic::from_int(*i),
        toml::Value::Float(x) => Dynamic::from_float(*x),
        toml::Value::Boolean(b) => Dynamic::from_bool(*b),
        toml::Value::String(s) => Dynamic::from(s.clone()),
        toml::Value::Array(items) => {
            Dynamic::from_array(items.iter().map(to_dynamic).collect::<Option<Vec<_>>>()?)
        }
        _ => return None,
    })
}

/// Rejects a rule before it runs: every indicator it names must be in the catalog,
/// every parameter it reads declared (and every declared one read), and it must be
/// able to conclude. Indicator ids must be string literals (or a list parameter) so
/// that this check can see them.
fn check(
    criterion: &Criterion,
    criteria_toml: &Path,
    catalog: &Catalog,
    problems: &mut Vec<Problem>,
) -> Outline {
    use rhai::{ASTNode, Expr};
    let path = &criterion.script;
    let reads = std::cell::RefCell::new(BTreeSet::new());
    let mut tests = BTreeSet::new();
    let mut conclusions = BTreeSet::new();
    let mut params_read = BTreeSet::new();
    let mut found_all = Vec::new();
    let mut concludes = false;
    let at = |pos: rhai::Position, message: String| {
        Problem::at(
            path,
            pos.line().unwrap_or(0),
            pos.position().unwrap_or(0),
            message,
        )
    };
    let check_id = |id: &str, pos: rhai::Position, boolean_only: bool| -> Option<Problem> {
        match catalog.get(id) {
            None => Some(at(
                pos,
                format!(
                    "unknown indicator '{id}'{} — declare it in indicators/catalog.toml",
                    catalog.hint(id)
                ),
            )),
            Some(ind) if boolean_only && ind.kind != Kind::Boolean => Some(at(
                pos,
                format!(
                    "tally() counts boolean indicators; '{id}' is of kind {:?}",
                    ind.kind
                ),
            )),
            Some(_) => {
                reads.borrow_mut().insert(id.to_string());
                None
            }
        }
    };
    criterion.ast.walk(&mut |nodes: &[ASTNode]| {
        let (call, pos) = match nodes.last() {
            Some(ASTNode::Expr(Expr::FnCall(call, pos))) => (call, pos),
            Some(ASTNode::Stmt(rhai::Stmt::FnCall(call, pos))) => (call, pos),
            _ => return true,
        };
        let name = call.name.as_str();
        let first = call.args.first();
        let found: Vec<Problem> = if READS_INDICATOR.contains(&name) {
            match first {
                Some(Expr::StringConstant(id, p)) => check_id(id, *p, false).into_iter().collect(),
                _ => vec![at(*pos, format!("{name}() needs the indicator id as a string literal, e.g. {name}(\"cpi.score\")"))],
            }
        } else if name == "param" {
            match first {
                Some(Expr::StringConstant(p, ppos)) => {
                    params_read.insert(p.to_string());
                    (!criterion.parameters.contains_key(p.as_str())).then(|| {
                        at(*ppos, format!("unknown parameter '{p}' — declare it under criterion {} in criteria.toml", criterion.number))
                    }).into_iter().collect()
                }
                _ => vec![at(*pos, "param() needs the parameter name as a string literal".into())],
            }
        } else if let Some(&(_, boolean_only)) = READS_LIST.iter().find(|(n, _)| *n == name) {
            match first {
                Some(Expr::Array(items, _)) => items.iter().filter_map(|item| match item {
                    Expr::StringConstant(id, p) => check_id(id, *p, boolean_only),
                    other => Some(at(other.position(), format!("{name}() needs a list of indicator ids as string literals"))),
                }).collect(),
                // The optimiser folds a list of literals into one constant.
                Some(Expr::DynamicConstant(list, lpos)) if list.is_array() => {
                    list.clone().into_array().unwrap_or_default().iter().filter_map(|item| match item.clone().into_immutable_string() {
                        Ok(id) => check_id(&id, *lpos, boolean_only),
                        Err(_) => Some(at(*lpos, format!("{name}() needs a list of indicator ids as strings"))),
                    }).collect()
                }
                Some(Expr::FnCall(inner, ipos)) if inner.name == "param" => match inner.args.first() {
                    Some(Expr::StringConstant(p, _)) => match criterion.parameters.get(p.as_str()) {
                        Some(param) => match &param.value {
                            toml::Value::Array(ids) => ids.iter().filter_map(|id| match id.as_str() {
                                Some(id) => check_id(id, *ipos, boolean_only).map(|problem| Problem {
                                    message: format!("in parameter '{p}': {}", problem.message),
                                    ..problem
                                }),
                                None => Some(at(*ipos, format!("parameter '{p}' must list indicator ids as strings"))),
                            }).collect(),
                            _ => vec![at(*ipos, format!("parameter '{p}' must be a list of indicator ids"))],
                        },
                        None => Vec::new(), // reported by the param() branch
                    },
                    _ => Vec::new(),
                },
                _ => vec![at(*pos, format!("{name}() needs a list literal of indicator ids or param(\"list name\")"))],
            }
        } else {
            if CONCLUSIONS.contains(&name) {
                concludes = true;
                conclusions.insert((pos.line().unwrap_or(0), name.to_string()));
            }
            if name == "test" {
                tests.insert(pos.line().unwrap_or(0));
            }
            Vec::new()
        };
        found_all.extend(found);
        true
    });
    problems.extend(found_all);
    if !concludes {
        problems.push(Problem::at(
            path,
            1,
            1,
            "the rule never concludes — call kritisch(..), moeglicherweise_kritisch(..), nicht_kritisch(..) or nicht_bewertbar(..)",
        ));
    }
    for (unused, p) in criterion
        .parameters
        .iter()
        .filter(|(name, _)| !params_read.contains(*name))
    {
        problems.push(Problem::at(
            criteria_toml,
            p.at.0,
            p.at.1,
            format!(
                "parameter '{unused}' is declared in criteria.toml but the rule never reads it"
            ),
        ));
    }
    Outline {
        reads: reads.into_inner(),
        tests,
        conclusions,
    }
}
