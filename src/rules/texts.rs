//! The rule texts: the sentences beside each rule (`rules/<rule>.de.toml`,
//! `rules/<rule>.en.toml`) and the engine's own (`rules/common.*.toml`), compiled once as
//! minijinja templates and rendered only when an output shows a reason or a test label,
//! in the one language it asks for.
//!
//! minijinja rather than Project Fluent: it is already in the tree for the report pages,
//! its conditions and loops cover the optional parts of a reason ("Fälle: …" only where
//! there are cases), and the per-language filters below do what Fluent's functions would.
//!
//! At load, `check` compares the rule's syntax tree with its texts and reports every
//! problem at once, each with its file and line.

use crate::error::line_column;
use crate::model::catalog::Catalog;
use crate::model::rating::Lang;
use crate::model::reason::{self, Reason, Values, Wording};
use crate::rules::{Criterion, CONCLUSIONS};
use minijinja::{Environment, UndefinedBehavior};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The languages every text must exist in, with their file suffix.
pub(crate) const LANGS: [(Lang, &str); 2] = [(Lang::De, "de"), (Lang::En, "en")];

/// The engine's texts as shipped, for a rules folder that does not bring its own.
const COMMON_SHIPPED: [(&str, &str); 2] = [
    ("de", include_str!("../../rules/common.de.toml")),
    ("en", include_str!("../../rules/common.en.toml")),
];

/// The two kinds of text a rule has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    Reasons,
    Tests,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Reasons => "reasons",
            Section::Tests => "tests",
        }
    }
}

/// A problem with a rule's texts, at a file and line (a text's key starts its line, so
/// the loader reports it at column 1).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Problem {
    pub(crate) path: PathBuf,
    pub(crate) line: usize,
    pub(crate) message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// One rule's texts in both languages, compiled. Words the rule's results.
pub(crate) struct RuleTexts {
    /// Per language (in [`LANGS`] order): the templates `reasons.<key>`, `tests.<key>`
    /// and `common.reasons.<key>`.
    envs: Vec<Environment<'static>>,
    /// Texts already rendered, by template, language and values: a test's label mostly
    /// names only thresholds, so a batch renders it once instead of once per country.
    rendered: std::sync::Mutex<RenderCache>,
    /// The country names the texts use, once given: a text worded before keeps codes,
    /// so it is kept apart from the same text worded with names.
    names: CountryNames,
}

type Hasher = std::hash::BuildHasherDefault<ahash::AHasher>;

/// The texts rendered so far, found in two ways.
#[derive(Default)]
struct RenderCache {
    /// By a hash of (section, key, language, with country names or not, values).
    by_values: HashMap<u64, Vec<Kept>, Hasher>,
    /// By the address of the values map, language and names: a test label's constant
    /// map and a result the memo shares come back as the same map, found here without
    /// hashing what it holds. Each entry keeps its map, so that no other map can take
    /// the address while the entry is here.
    by_address: HashMap<(usize, u8, bool), Vec<Kept>, Hasher>,
}

/// A rendered text and what it was rendered from.
struct Kept {
    section: Section,
    key: String,
    lang: Lang,
    named: bool,
    /// Compared in `by_values`; in `by_address`, held so that its address stays its own.
    values: Values,
    text: Arc<str>,
}

impl Kept {
    fn is(&self, section: Section, key: &str, lang: Lang, named: bool) -> bool {
        self.section == section && self.key == key && self.lang == lang && self.named == named
    }
}

impl RenderCache {
    /// The text kept for the values map at `address` (with its language and names).
    fn at_address(&self, address: (usize, u8, bool), section: Section, key: &str) -> Option<&str> {
        let texts = self.by_address.get(&address)?;
        texts
            .iter()
            .find(|kept| kept.section == section && kept.key == key)
            .map(|kept| &*kept.text)
    }

    fn keep_address(&mut self, address: (usize, u8, bool), kept: Kept) {
        if self.by_address.len() < RENDERED_LIMIT {
            self.by_address.entry(address).or_default().push(kept);
        }
    }
}

/// Most texts kept per rule (a few hundred bytes each); beyond that, new ones are
/// rendered and not kept.
const RENDERED_LIMIT: usize = 20_000;

impl fmt::Debug for RuleTexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RuleTexts")
    }
}

impl RuleTexts {
    fn env(&self, lang: Lang) -> &Environment<'static> {
        &self.envs[LANGS.iter().position(|(l, _)| *l == lang).unwrap_or(0)]
    }

    /// The text `section.key` (a reason falls back on `common.reasons.key`) worded with
    /// `values` in `lang`, from the cache where it was worded before.
    fn render(&self, section: Section, key: &str, values: &Values, lang: Lang) -> Option<String> {
        use std::hash::Hasher;
        let named = self.names.get().is_some();
        let address = (Arc::as_ptr(&values.0) as usize, lang as u8, named);
        let cache = self.rendered.lock().expect("text cache lock");
        if let Some(text) = cache.at_address(address, section, key) {
            return Some(text.to_string());
        }
        drop(cache);
        let mut state = ahash::AHasher::default();
        state.write_u8(section as u8);
        state.write(key.as_bytes());
        state.write_u8(lang as u8);
        state.write_u8(u8::from(named));
        values.hash_into(&mut state);
        let hash = state.finish();
        let mut cache = self.rendered.lock().expect("text cache lock");
        let kept = cache.by_values.get(&hash).and_then(|texts| {
            texts
                .iter()
                .find(|kept| kept.is(section, key, lang, named) && kept.values.same(values))
                .map(|kept| kept.text.clone())
        });
        let entry = |text: &Arc<str>| Kept {
            section,
            key: key.to_string(),
            lang,
            named,
            values: values.clone(),
            text: text.clone(),
        };
        if let Some(text) = kept {
            cache.keep_address(address, entry(&text));
            return Some(text.to_string());
        }
        drop(cache);
        let own = format!("{}.{key}", section.name());
        let common = format!("common.{own}");
        let env = self.env(lang);
        let template = match section {
            Section::Reasons => env
                .get_template(&own)
                .or_else(|_| env.get_template(&common)),
            Section::Tests => env.get_template(&own),
        }
        .ok()?;
        let text = template
            .render(values.to_template())
            .unwrap_or_else(|e| format!("[{own}: {e}]"));
        let kept: Arc<str> = text.as_str().into();
        let mut cache = self.rendered.lock().expect("text cache lock");
        if cache.by_values.len() < RENDERED_LIMIT {
            cache.by_values.entry(hash).or_default().push(entry(&kept));
        }
        cache.keep_address(address, entry(&kept));
        Some(text)
    }
}

impl Wording for RuleTexts {
    fn reason(&self, r: &Reason, lang: Lang) -> String {
        self.render(Section::Reasons, &r.key, &r.values, lang)
            .unwrap_or_else(|| reason::KeysOnly.reason(r, lang))
    }

    fn test(&self, key: &str, values: &Values, lang: Lang) -> String {
        self.render(Section::Tests, key, values, lang)
            .unwrap_or_else(|| reason::KeysOnly.test(key, values, lang))
    }
}

/// "A, B und C" / "A, B and C".
pub(crate) fn join(items: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::De => " und ",
        Lang::En => " and ",
    };
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// A number as the reader expects it: "0,802" in German, "0.802" in English; whole
/// numbers plain.
/// With `decimals`, a float is first rounded half away from zero at that many decimals
/// (`(x * 10^p).round() / 10^p`, as the rules rounded before their texts moved here).
pub(crate) fn number(value: &minijinja::Value, decimals: Option<i32>, lang: Lang) -> String {
    if value.is_integer() {
        return value.to_string();
    }
    match f64::try_from(value.clone()) {
        Ok(x) => {
            let x = match decimals {
                Some(p) => {
                    let f = 10f64.powi(p);
                    (x * f).round() / f
                }
                None => x,
            };
            let text = format!("{x}");
            match lang {
                Lang::De => text.replace('.', ","),
                Lang::En => text,
            }
        }
        Err(_) => value.to_string(),
    }
}

fn unknown_indicator(id: &str) -> minijinja::Error {
    minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("unknown indicator '{id}'"),
    )
}

/// Country names (German, English) by ISO code, for the `countries` filter: given once
/// the registry is loaded (`RuleSet::name_countries`); until then, and for a code the
/// registry lacks, a text shows the code.
pub(crate) type CountryNames = Arc<std::sync::OnceLock<HashMap<String, (String, String)>>>;

/// An environment for one language with the filters the texts use.
fn environment(catalog: &Arc<Catalog>, names: &CountryNames, lang: Lang) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_filter("num", move |v: minijinja::Value, decimals: Option<i32>| {
        number(&v, decimals, lang)
    });
    let c = catalog.clone();
    env.add_filter(
        "titles",
        move |ids: Vec<String>| -> Result<String, minijinja::Error> {
            let titles = ids
                .iter()
                .map(|id| {
                    c.get(id)
                        .map(|i| i.title(lang).to_string())
                        .ok_or_else(|| unknown_indicator(id))
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(join(&titles, lang))
        },
    );
    let c = catalog.clone();
    env.add_filter("named", move |ids: Vec<String>| -> String {
        ids.iter()
            .map(|id| match c.get(id) {
                Some(ind) => format!("{} ({id})", ind.title(lang)),
                None => id.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    });
    let c = catalog.clone();
    env.add_filter(
        "label",
        move |value: String, id: String| -> Result<String, minijinja::Error> {
            let ind = c.get(&id).ok_or_else(|| unknown_indicator(&id))?;
            Ok(ind.label(&value, lang).to_string())
        },
    );
    let n = names.clone();
    env.add_filter(
        "countries",
        move |codes: minijinja::Value| -> Result<String, minijinja::Error> {
            let codes: Vec<String> = match codes.as_str() {
                Some(one) => vec![one.to_string()],
                None => codes.try_iter()?.map(|c| c.to_string()).collect(),
            };
            let named: Vec<String> = codes
                .into_iter()
                .map(|code| match n.get().and_then(|names| names.get(&code)) {
                    Some((de, en)) => lang.pick(de, en).clone(),
                    None => code,
                })
                .collect();
            Ok(join(&named, lang))
        },
    );
    env.add_filter("and_list", move |items: Vec<minijinja::Value>| {
        join(
            &items.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
            lang,
        )
    });
    env
}

/// One text as written: its template source and the line of its key.
#[derive(Debug, Clone)]
struct Text {
    source: String,
    line: usize,
}

/// A text file, parsed: per section, key → text.
#[derive(Debug, Default)]
struct TextFile {
    path: PathBuf,
    sections: BTreeMap<Section, BTreeMap<String, Text>>,
}

fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> TextFile {
    type Raw =
        BTreeMap<toml::Spanned<String>, BTreeMap<toml::Spanned<String>, toml::Spanned<String>>>;
    let mut file = TextFile {
        path: path.to_path_buf(),
        ..TextFile::default()
    };
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_column(text, s.start).0);
            problems.push(Problem {
                path: path.to_path_buf(),
                line,
                message: format!(
                    "malformed texts: {} — a text file has tables [reasons] and [tests] of key = \"text\"",
                    e.message().trim().replace('\n', " ")
                ),
            });
            return file;
        }
    };
    for (section, entries) in raw {
        let kind = match section.get_ref().as_str() {
            "reasons" => Section::Reasons,
            "tests" => Section::Tests,
            other => {
                problems.push(Problem {
                    path: path.to_path_buf(),
                    line: line_column(text, section.span().start).0,
                    message: format!(
                        "unknown table [{other}] — a text file has [reasons] and [tests]"
                    ),
                });
                continue;
            }
        };
        let texts = file.sections.entry(kind).or_default();
        for (key, value) in entries {
            texts.insert(
                key.get_ref().clone(),
                Text {
                    source: value.into_inner(),
                    line: line_column(text, key.span().start).0,
                },
            );
        }
    }
    file
}

/// Where a rule uses a text key, and the names of the values it passes there (None
/// when the values are not a literal map, which is reported).
#[derive(Debug, Clone)]
pub(crate) struct Use {
    pub(crate) section: Section,
    pub(crate) key: String,
    pub(crate) line: usize,
    pub(crate) names: BTreeSet<String>,
}

/// Every text key a rule uses, from its syntax tree: conclusions and test() calls with a
/// string-literal key and a literal values map; a call that hides its key or its values
/// is a problem.
pub(crate) fn uses(criterion: &Criterion) -> (Vec<Use>, Vec<Problem>) {
    use rhai::{ASTNode, Expr, Stmt};
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let path = &criterion.script;
    let problem = |pos: rhai::Position, message: String| Problem {
        path: path.clone(),
        line: pos.line().unwrap_or(0),
        message,
    };
    criterion.ast.walk(&mut |nodes: &[ASTNode]| {
        let (call, pos) = match nodes.last() {
            Some(ASTNode::Expr(Expr::FnCall(call, pos))) => (call, *pos),
            Some(ASTNode::Stmt(Stmt::FnCall(call, pos))) => (call, *pos),
            _ => return true,
        };
        let name = call.name.as_str();
        let args = &call.args;
        let (section, values) = if CONCLUSIONS.contains(&name) {
            match args.len() {
                1 => (Section::Reasons, None),
                2 => (Section::Reasons, Some(&args[1])),
                _ => return true,
            }
        } else if name == "test" {
            match args.len() {
                2 => (Section::Tests, None),
                3 => (Section::Tests, Some(&args[1])),
                _ => return true,
            }
        } else {
            return true;
        };
        let key = match &args[0] {
            Expr::StringConstant(key, _) => key.to_string(),
            other => {
                problems.push(problem(
                    other.position(),
                    format!("{name}() needs its text key as a string literal, e.g. {name}(\"embargo_state\", …)"),
                ));
                return true;
            }
        };
        let names = match values {
            None => Some(BTreeSet::new()),
            Some(Expr::Map(map, _)) => Some(map.0.iter().map(|(id, _)| id.name.to_string()).collect()),
            // The optimiser folds a map of constants into one constant.
            Some(Expr::DynamicConstant(d, _)) if d.is_map() => Some(
                d.read_lock::<rhai::Map>()
                    .map(|m| m.keys().map(|k| k.to_string()).collect())
                    .unwrap_or_default(),
            ),
            Some(text @ (Expr::StringConstant(..) | Expr::InterpolatedString(..))) => {
                problems.push(problem(
                    text.position(),
                    format!("{name}() takes a text key and a values map, not the sentence — write the texts under [{}] in {} and .en.toml", section.name(), text_path(criterion, "de").file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())),
                ));
                None
            }
            Some(other) => {
                problems.push(problem(
                    other.position(),
                    format!("the values of '{key}' in {name}() must be a literal map in the call — write it as #{{name: value, …}} so the texts can be checked against it"),
                ));
                None
            }
        };
        if let Some(names) = names {
            found.push(Use {
                section,
                key,
                line: pos.line().unwrap_or(0),
                names,
            });
        }
        true
    });
    (found, problems)
}

/// A rule's text files, `<rules dir>/<script stem>.<lang>.toml`.
pub(crate) fn text_path(criterion: &Criterion, code: &str) -> PathBuf {
    criterion.script.with_extension(format!("{code}.toml"))
}

/// Loads and checks the texts of every criterion in `rules_dir`, appending every problem
/// to `found` (the rule set's list, reported at once by the loader).
pub(crate) fn load(
    rules_dir: &Path,
    criteria: &[Criterion],
    catalog: &Arc<Catalog>,
    names: &CountryNames,
    found: &mut Vec<crate::error::Problem>,
) -> Vec<(u32, Arc<RuleTexts>)> {
    let mut problems = Vec::new();
    // The engine's texts, per language.
    let mut common = Vec::new();
    for (lang, code) in LANGS {
        let path = rules_dir.join(format!("common.{code}.toml"));
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => parse(&path, &text, &mut problems),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let shipped = COMMON_SHIPPED
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map_or("", |s| s.1);
                let mut file = parse(
                    Path::new("rules")
                        .join(format!("common.{code}.toml"))
                        .as_path(),
                    shipped,
                    &mut problems,
                );
                file.path = path.clone();
                file
            }
            Err(e) => {
                problems.push(Problem {
                    path: path.clone(),
                    line: 1,
                    message: format!("cannot read: {e}"),
                });
                TextFile::default()
            }
        };
        check_common(&file, &mut problems);
        common.push((lang, file));
    }
    let mut out = Vec::new();
    for criterion in criteria {
        let (used, found) = uses(criterion);
        problems.extend(found);
        let mut files = Vec::new();
        for (lang, code) in LANGS {
            let path = text_path(criterion, code);
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((lang, parse(&path, &text, &mut problems))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(Problem {
                        path: criterion.script.clone(),
                        line: used.first().map_or(1, |u| u.line),
                        message: format!(
                            "the rule's texts are missing: write its [reasons] and [tests] in {}",
                            path.display()
                        ),
                    });
                    files.push((
                        lang,
                        TextFile {
                            path,
                            ..TextFile::default()
                        },
                    ));
                }
                Err(e) => {
                    problems.push(Problem {
                        path: path.clone(),
                        line: 1,
                        message: format!("cannot read: {e}"),
                    });
                    files.push((
                        lang,
                        TextFile {
                            path,
                            ..TextFile::default()
                        },
                    ));
                }
            }
        }
        check(criterion, &used, &files, &mut problems);
        let mut envs = Vec::new();
        for ((lang, file), (_, common)) in files.iter().zip(&common) {
            let mut env = environment(catalog, names, *lang);
            for (prefix, file) in [("", file), ("common.", common)] {
                for (section, texts) in &file.sections {
                    for (key, text) in texts {
                        let name = format!("{prefix}{}.{key}", section.name());
                        if let Err(e) = env.add_template_owned(name, text.source.clone()) {
                            if prefix.is_empty() {
                                problems.push(syntax(&file.path, text, &e));
                            }
                        }
                    }
                }
            }
            envs.push(env);
        }
        out.push((
            criterion.number,
            Arc::new(RuleTexts {
                envs,
                rendered: Default::default(),
                names: names.clone(),
            }),
        ));
    }
    // The common texts' syntax, once.
    for (_, file) in &common {
        let env = environment(catalog, names, Lang::De);
        for texts in file.sections.values() {
            for text in texts.values() {
                if let Err(e) = env.template_from_str(&text.source) {
                    problems.push(syntax(&file.path, text, &e));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    found.extend(
        problems
            .into_iter()
            .map(|p| crate::error::Problem::at(p.path, p.line, 1, p.message)),
    );
    out
}

fn syntax(path: &Path, text: &Text, e: &minijinja::Error) -> Problem {
    Problem {
        path: path.to_path_buf(),
        line: text.line + e.line().unwrap_or(1).saturating_sub(1),
        message: format!(
            "template syntax error: {}",
            e.detail().unwrap_or(&e.to_string())
        ),
    }
}

/// The placeholders a template uses (top-level names), or None if it does not compile.
fn placeholders(source: &str) -> Option<BTreeSet<String>> {
    let env = Environment::new();
    let template = env.template_from_str(source).ok()?;
    Some(template.undeclared_variables(false).into_iter().collect())
}

/// The engine's texts: only the keys the engine uses, each in every language, with the
/// values the engine passes.
fn check_common(file: &TextFile, problems: &mut Vec<Problem>) {
    let reasons = file.sections.get(&Section::Reasons);
    for key in reason::ENGINE_KEYS {
        if !reasons.is_some_and(|r| r.contains_key(key)) {
            problems.push(Problem {
                path: file.path.clone(),
                line: 1,
                message: format!(
                    "the engine's reason '{key}' has no text — add it under [reasons]"
                ),
            });
        }
    }
    for (section, texts) in &file.sections {
        for (key, text) in texts {
            if *section != Section::Reasons || !reason::ENGINE_KEYS.contains(&key.as_str()) {
                problems.push(Problem {
                    path: file.path.clone(),
                    line: text.line,
                    message: format!(
                        "text '{key}' is not one the engine uses (it uses [reasons] {})",
                        reason::ENGINE_KEYS.join(", ")
                    ),
                });
                continue;
            }
            for name in placeholders(&text.source).unwrap_or_default() {
                if name != "ids" {
                    problems.push(Problem {
                        path: file.path.clone(),
                        line: text.line,
                        message: format!("placeholder '{name}' in '{key}' is not a value the engine passes (it passes ids)"),
                    });
                }
            }
        }
    }
}

/// One rule against its texts: every key it uses has a text in every language, every
/// text is used, every placeholder names a value passed with that key.
fn check(
    criterion: &Criterion,
    used: &[Use],
    files: &[(Lang, TextFile)],
    problems: &mut Vec<Problem>,
) {
    let script = &criterion.script;
    let script_name = script
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    for (_, file) in files {
        if !file.path.exists() {
            continue; // reported once, in load()
        }
        for u in used {
            let Some(text) = file.sections.get(&u.section).and_then(|t| t.get(&u.key)) else {
                problems.push(Problem {
                    path: script.clone(),
                    line: u.line,
                    message: format!(
                        "{} key '{}' has no text in {} — add it under [{}]",
                        if u.section == Section::Reasons {
                            "reason"
                        } else {
                            "test"
                        },
                        u.key,
                        file.path.display(),
                        u.section.name()
                    ),
                });
                continue;
            };
            let Some(names) = placeholders(&text.source) else {
                continue; // a syntax error, reported with the template
            };
            for name in names.difference(&u.names) {
                let passed = if u.names.is_empty() {
                    "no values".to_string()
                } else {
                    u.names.iter().cloned().collect::<Vec<_>>().join(", ")
                };
                problems.push(Problem {
                    path: file.path.clone(),
                    line: text.line,
                    message: format!(
                        "placeholder '{name}' in '{}' is not a value the rule passes with that key ({script_name}:{} passes {passed})",
                        u.key, u.line
                    ),
                });
            }
        }
        for (section, texts) in &file.sections {
            for (key, text) in texts {
                if !used.iter().any(|u| u.section == *section && &u.key == key) {
                    problems.push(Problem {
                        path: file.path.clone(),
                        line: text.line,
                        message: format!(
                            "text '{key}' under [{}] is not used by {script_name} — remove it or use the key",
                            section.name()
                        ),
                    });
                }
            }
        }
    }
}
