//! The rule API's reference, generated from the engine: every function a rule can call,
//! with the signatures the engine registers and the one line of documentation kept here
//! (the only place it is written). The README's table between the `rule-api` markers is
//! [`reference()`]'s output; a unit test fails when the two differ, when the engine registers
//! a function this table does not document, or when it documents one the engine lacks.
//! Regenerate the README's table with `RULE_API=write cargo test --lib rules::api`.

use std::collections::BTreeMap;

/// One row of the reference: functions that share a meaning (overloads, the German and
/// English variant, the four conclusions), the names of their parameters (the engine
/// knows only their types), and what a rule author needs to know.
struct Doc {
    names: &'static [&'static str],
    /// One list of parameter names per overload, told apart by their number.
    params: &'static [&'static [&'static str]],
    text: &'static str,
}

/// The rule API, in the order a rule author reads it.
const DOCS: &[Doc] = &[
    Doc {
        names: &["value"],
        params: &[&["id"]],
        text: "the indicator's value; if it is missing, the rule stops and the criterion is \"nicht bewertbar\" naming `id`",
    },
    Doc {
        names: &["known"],
        params: &[&["id"]],
        text: "whether the indicator has a value (to handle a gap explicitly)",
    },
    Doc {
        names: &["require"],
        params: &[&["ids"]],
        text: "stops as \"nicht bewertbar\" unless all have values, naming the missing ones",
    },
    Doc {
        names: &["tally"],
        params: &[&["ids"]],
        text: "counts boolean indicators (also a list parameter: `tally(param(\"list\"))`): `#{yes, no, missing, yes_ids, no_ids, missing_ids}`",
    },
    Doc {
        names: &["year", "edition"],
        params: &[&["id"]],
        text: "the year / edition of a value (edition falls back to the year)",
    },
    Doc {
        names: &["note"],
        params: &[&["id"]],
        text: "the value's note (\"\" if none): for a derived value what it was built from (e.g. the land neighbours behind `conflict.neighbours`), for a judgment the analyst's note; for a reader, not to be parsed",
    },
    Doc {
        names: &["param"],
        params: &[&["name"]],
        text: "a parameter from criteria.toml",
    },
    Doc {
        names: &["test"],
        params: &[&["key", "condition"], &["key", "values", "condition"]],
        text: "returns `condition` and records it in the trace with its text key, named values (a literal `#{…}`) and line",
    },
    Doc {
        names: &["as_of_year"],
        params: &[&[]],
        text: "the year of the assessment",
    },
    Doc {
        names: &["kritisch", "moeglicherweise_kritisch", "nicht_kritisch", "nicht_bewertbar"],
        params: &[&["key"], &["key", "values"]],
        text: "conclude with a rating and the reason's text key and named values (a literal `#{…}`; the sentences are in the rule's text files); the rule ends here",
    },
];

/// Rhai's name for a Rust return type, as a rule author writes values.
fn rhai_type(rust: &str) -> String {
    let inner = rust
        .strip_prefix("core::result::Result<")
        .and_then(|r| r.rsplit_once(','))
        .map_or(rust, |(ok, _)| ok);
    match inner {
        "()" => String::new(),
        "rhai::types::dynamic::Dynamic" => "any".into(),
        "alloc::string::String" | "string" | "rhai::types::immutable_string::ImmutableString" => {
            "string".into()
        }
        t if t.starts_with("alloc::collections::btree::map::BTreeMap<") => "map".into(),
        t => t.rsplit("::").next().unwrap_or(t).to_string(),
    }
}

/// The engine's registered functions, by name: each overload as `name(p: type) -> type`,
/// with the parameter names from [`DOCS`]. Errors name what does not match.
fn signatures() -> Result<BTreeMap<String, Vec<String>>, Vec<String>> {
    let params: BTreeMap<&str, &[&[&str]]> = DOCS
        .iter()
        .flat_map(|d| d.names.iter().map(move |n| (*n, d.params)))
        .collect();
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut registered = std::collections::BTreeSet::new();
    for raw in super::engine::new_engine().gen_fn_signatures(false) {
        let (head, ret) = raw
            .split_once(") -> ")
            .unwrap_or((raw.trim_end_matches(')'), ""));
        let (name, args) = head.split_once('(').unwrap_or((head, ""));
        let types: Vec<&str> = args
            .split(", ")
            .filter(|a| !a.is_empty())
            .map(|a| a.trim_start_matches("_: "))
            .collect();
        registered.insert(name.to_string());
        let Some(overloads) = params.get(name) else {
            problems.push(format!(
                "`{name}` is registered but not documented: add it to DOCS in src/rules/api.rs"
            ));
            continue;
        };
        let Some(names) = overloads.iter().find(|n| n.len() == types.len()) else {
            problems.push(format!(
                "`{name}` takes {} parameters, DOCS names none with as many",
                types.len()
            ));
            continue;
        };
        let args: Vec<String> = names
            .iter()
            .zip(&types)
            .map(|(n, t)| format!("{n}: {t}"))
            .collect();
        let ret = rhai_type(ret);
        let arrow = if ret.is_empty() {
            String::new()
        } else {
            format!(" -> {ret}")
        };
        by_name
            .entry(name.to_string())
            .or_default()
            .push(format!("{name}({}){arrow}", args.join(", ")));
    }
    for name in params.keys() {
        if !registered.contains(*name) {
            problems.push(format!(
                "`{name}` is documented in DOCS but the engine does not register it"
            ));
        }
    }
    if problems.is_empty() {
        Ok(by_name)
    } else {
        Err(problems)
    }
}

/// The rule API as a Markdown table, generated from the engine (the README shows it).
/// Panics when the engine and the documentation table disagree: that is a bug to fix
/// in `src/rules/api.rs`, caught by its unit test.
pub fn reference() -> String {
    let mut by_name = signatures().unwrap_or_else(|p| panic!("{}", p.join("\n")));
    let mut out = String::from("| function | what it does |\n|---|---|\n");
    for doc in DOCS {
        let mut cells = Vec::new();
        for name in doc.names {
            let mut overloads = by_name.remove(*name).unwrap_or_default();
            overloads.sort();
            cells.extend(overloads.into_iter().map(|s| format!("`{s}`")));
        }
        out += &format!("| {} | {} |\n", cells.join(", "), doc.text);
    }
    out
}

#[cfg(test)]
mod tests {
    const START: &str =
        "<!-- rule-api: generated by `RULE_API=write cargo test --lib rules::api` -->\n";
    const END: &str = "<!-- rule-api end -->\n";

    /// Every registered function is documented, every documented one registered.
    #[test]
    fn every_registered_function_is_documented() {
        if let Err(problems) = super::signatures() {
            panic!("{}", problems.join("\n"));
        }
    }

    /// The README's table is the engine's, so it cannot drift from what rules can call.
    #[test]
    fn readme_table_is_the_engines() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let start = readme
            .find(START)
            .expect("README has the rule-api start marker")
            + START.len();
        let end = start
            + readme[start..]
                .find(END)
                .expect("README has the rule-api end marker");
        let generated = super::reference();
        if readme[start..end] == generated {
            return;
        }
        if std::env::var("RULE_API").as_deref() == Ok("write") {
            let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!(
            "the README's rule-API table differs from the engine's; regenerate it with \
             `RULE_API=write cargo test --lib rules::api` and read the diff.\n\
             generated:\n{generated}"
        );
    }
}
