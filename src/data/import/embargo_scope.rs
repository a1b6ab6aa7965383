//! The scope of each arms embargo (on the state, or on non-state actors only), from
//! `embargo_scope.toml` beside this file: a hand-kept table in which every entry cites
//! the resolution or decision it rests on, since no shipped dataset records the scope.

use serde::Deserialize;
use std::sync::OnceLock;

/// The table as shipped in the binary.
pub const TABLE: &str = include_str!("embargo_scope.toml");

/// Where a checkout keeps the table, relative to the folder that holds `indicators/`.
pub const PATH: &str = "src/data/import/embargo_scope.toml";

/// The importers that read the table.
pub const READ_BY: [&str; 2] = ["sanctions", "embargoes-2024"];

/// The checkout's table beside `indicators`, if it differs from the one this binary was
/// built with: the table is compiled in, so an import would apply the old one and an
/// edited citation or scope would be silently left out. `None` without a checkout.
pub fn edited_since_build(indicators: &std::path::Path) -> Option<std::path::PathBuf> {
    let path = indicators.parent()?.join(PATH);
    let text = std::fs::read_to_string(&path).ok()?;
    (text != TABLE).then_some(path)
}

/// One entry: an embargo by `body` on `target` has `scope` in the years `from..=to`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Who imposed it: UN, EU or OSCE.
    pub body: String,
    /// The target as the sources write it (GSDB name, the 2024 list's English gloss).
    pub target: Vec<String>,
    /// First year in force.
    pub from: i32,
    /// Last year in force (`None`: still in force).
    #[serde(default)]
    pub to: Option<i32>,
    /// "full" or "non_state".
    pub scope: String,
    /// The resolution or Council decision and paragraph that sets the scope.
    pub citation: String,
    /// The paragraph or article cited was seen on one of the `checked` pages; `false`
    /// where only the document and its scope were confirmed (the citation says so).
    #[serde(default)]
    pub verified: bool,
    /// The public pages the citation was checked against (URLs).
    #[serde(default)]
    pub checked: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    embargo: Vec<Scope>,
}

/// Every entry of the table, checked once: a malformed table is a build defect, caught
/// by the tests.
pub fn all() -> &'static [Scope] {
    static ALL: OnceLock<Vec<Scope>> = OnceLock::new();
    ALL.get_or_init(|| parse(TABLE).expect("src/data/import/embargo_scope.toml is valid"))
}

/// Parses a scope table, rejecting an unknown body or scope, an empty citation, an
/// inverted year range, a checked page that is no URL or a verified entry without one.
pub fn parse(text: &str) -> Result<Vec<Scope>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    for (i, s) in file.embargo.iter().enumerate() {
        let at = format!("embargo entry {} ({} {:?})", i + 1, s.body, s.target);
        if !["UN", "EU", "OSCE"].contains(&s.body.as_str()) {
            return Err(format!("{at}: body must be UN, EU or OSCE"));
        }
        if !["full", "non_state"].contains(&s.scope.as_str()) {
            return Err(format!("{at}: scope must be full or non_state"));
        }
        if s.citation.trim().is_empty() || s.target.is_empty() {
            return Err(format!("{at}: needs a target and a citation"));
        }
        if s.to.is_some_and(|to| to < s.from) {
            return Err(format!("{at}: ends before it starts"));
        }
        if let Some(url) = s.checked.iter().find(|u| !u.starts_with("http")) {
            return Err(format!("{at}: checked page {url:?} is not a URL"));
        }
        if s.verified && s.checked.is_empty() {
            return Err(format!("{at}: verified, but no checked page is named"));
        }
    }
    Ok(file.embargo)
}

/// The entry for an embargo by `body` ("UN", "EU", "OSCE") on `target` in `year`.
/// (A source whose importer calls this belongs in [`READ_BY`].)
pub fn find(body: &str, target: &str, year: i32) -> Option<&'static Scope> {
    all().iter().find(|s| {
        s.body == body
            && s.target.iter().any(|t| t == target)
            && year >= s.from
            && s.to.is_none_or(|to| year <= to)
    })
}

/// The body of an embargo indicator: "embargo.un" → "UN".
pub fn body_of(indicator: &str) -> &'static str {
    match indicator {
        "embargo.un" => "UN",
        "embargo.eu" => "EU",
        _ => "OSCE",
    }
}
