//! The result of an assessment, as data: what `--format json` prints.

use crate::model::facts::AsOf;
use crate::model::rating::{Lang, Rating};
use crate::model::reason::{Reason, Wording};
use crate::model::trace::Step;
use serde::Serialize;
use std::sync::Arc;

/// "Kasachstan (KAZ)" in German, "Kazakhstan (KAZ)" in English, or the code alone when
/// the name is not known.
pub fn country_label(
    iso3: &str,
    name_de: Option<&str>,
    name_en: Option<&str>,
    lang: Lang,
) -> String {
    match lang.pick(name_de, name_en) {
        Some(name) => format!("{name} ({iso3})"),
        None => iso3.to_string(),
    }
}

/// Version of the JSON format; bump it when a field changes meaning or goes away.
/// 2: a criterion's reason is `{key, values, text}` (text in the language asked for)
/// instead of `reason_de`/`reason_en`; a test step has `key`, `values` and `label`.
/// 3: a read step's `source` is the index of its source and edition in the criterion's
/// `sources`, instead of the source text and `edition` in every step that reads it.
pub const SCHEMA: &str = "standpunkt.assessment/3";

/// The eight criteria of one country as of one date: what `assess` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// The country (ISO 3166 alpha-3).
    pub iso3: String,
    /// The country's name from the registry, where the assessment came from the store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_de: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name_en: Option<String>,
    /// The date the assessment speaks for.
    pub as_of: AsOf,
    /// True when the facts are a made-up test fixture.
    pub synthetic: bool,
    /// One result per criterion, in order (serialised through [`Assessment::json`],
    /// which words the reasons).
    #[serde(skip)]
    pub criteria: Vec<CriterionResult>,
    /// The rule set's limit on "nicht bewertbar" criteria for a class without "kritisch".
    #[serde(skip)]
    pub max_not_assessable: Option<usize>,
}

/// One criterion's outcome: the rating, the reason's key and values, and the trace.
#[derive(Debug, Clone)]
pub struct CriterionResult {
    /// The criterion's number (1–8).
    pub number: u32,
    pub(crate) title_de: Arc<str>,
    pub(crate) title_en: Arc<str>,
    /// The rating the rule concluded.
    pub rating: Rating,
    /// Why: a text key and its values; [`CriterionResult::reason`] words it.
    pub reason: Reason,
    /// Indicators whose absence made the criterion "nicht bewertbar".
    pub missing: Vec<String>,
    /// The rule script that produced the rating.
    pub rule: Arc<str>,
    /// Every step the rule took, to check the reason against.
    pub trace: Vec<Step>,
    /// The texts of the rule set that made the result, to word its reason and tests.
    pub wording: Arc<dyn Wording>,
}

/// BICC's map classes: dark red with at least 4 "kritisch", light red with 1 to 3, none
/// with 0 — and, where a country has no "kritisch" but more criteria "nicht bewertbar"
/// than the rule set allows, incomplete: "none" would claim more than the data shows.
/// The classes are disjoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MapClass {
    /// At least four criteria "kritisch".
    DarkRed,
    /// One to three "kritisch".
    LightRed,
    /// No "kritisch", and enough criteria rated.
    None,
    /// No "kritisch", but more "nicht bewertbar" than the rule set allows.
    Incomplete,
}

impl MapClass {
    /// In the order the summaries list them.
    pub const ALL: [MapClass; 4] = [
        MapClass::DarkRed,
        MapClass::LightRed,
        MapClass::None,
        MapClass::Incomplete,
    ];
}

impl CriterionResult {
    pub(crate) fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.title_de,
            Lang::En => &self.title_en,
        }
    }

    /// The reason in `lang`, worded by the rule set's texts.
    pub fn reason(&self, lang: Lang) -> String {
        self.wording.reason(&self.reason, lang)
    }

    /// The label of a test step in `lang` (None for other steps).
    pub fn test_label(&self, step: &Step, lang: Lang) -> Option<String> {
        self.wording.step_label(step, lang)
    }
}

impl Assessment {
    /// "Kasachstan (KAZ)", or the code alone.
    pub fn country(&self, lang: Lang) -> String {
        country_label(
            &self.iso3,
            self.name_de.as_deref(),
            self.name_en.as_deref(),
            lang,
        )
    }

    /// How many criteria have the rating.
    pub fn count(&self, rating: Rating) -> usize {
        self.criteria.iter().filter(|c| c.rating == rating).count()
    }

    /// BICC's map class of the country.
    pub fn map_class(&self) -> MapClass {
        let gaps = self.count(Rating::NichtBewertbar);
        match self.count(Rating::Kritisch) {
            0 if self.max_not_assessable.is_some_and(|max| gaps > max) => MapClass::Incomplete,
            0 => MapClass::None,
            1..=3 => MapClass::LightRed,
            _ => MapClass::DarkRed,
        }
    }

    /// The documented JSON form: the assessment plus a summary, reasons and test labels
    /// worded in `lang`.
    pub fn json(&self, lang: Lang) -> AssessmentJson<'_> {
        AssessmentJson {
            schema: SCHEMA,
            assessment: self,
            criteria: self.criteria.iter().map(|c| c.json(lang)).collect(),
            summary: Summary {
                kritisch: self.count(Rating::Kritisch),
                moeglicherweise_kritisch: self.count(Rating::MoeglicherweiseKritisch),
                nicht_kritisch: self.count(Rating::NichtKritisch),
                nicht_bewertbar: self.count(Rating::NichtBewertbar),
                map_class: self.map_class(),
            },
        }
    }

    /// The JSON form as a value (for tests and snapshots).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::to_value(self.json(lang)).expect("assessment serialises")
    }
}

/// What `--format json` writes for one assessment, serialised straight from the data.
#[derive(Serialize)]
pub struct AssessmentJson<'a> {
    pub(crate) schema: &'static str,
    #[serde(flatten)]
    pub(crate) assessment: &'a Assessment,
    pub(crate) criteria: Vec<CriterionJson<'a>>,
    pub(crate) summary: Summary,
}

/// One criterion as JSON, its reason and test labels worded in one language.
#[derive(Serialize)]
pub struct CriterionJson<'a> {
    pub(crate) number: u32,
    pub(crate) title_de: &'a str,
    pub(crate) title_en: &'a str,
    pub(crate) rating: Rating,
    pub(crate) reason: ReasonJson<'a>,
    pub(crate) missing: &'a [String],
    pub(crate) rule: &'a str,
    /// Where the values read come from, each source and edition once, in the order the
    /// rule first read them: what a read step's `source` indexes.
    pub(crate) sources: Vec<SourceJson<'a>>,
    /// The steps, test steps with their labels.
    pub trace: Vec<StepJson<'a>>,
}

/// A source and edition that read steps refer to.
#[derive(Serialize)]
pub struct SourceJson<'a> {
    pub(crate) source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) edition: Option<&'a str>,
}

/// A reason as JSON: the key and values the rule gave, and the sentence they make.
#[derive(Serialize)]
pub struct ReasonJson<'a> {
    #[serde(flatten)]
    pub(crate) reason: &'a Reason,
    pub(crate) text: String,
}

/// A trace step as JSON: a read step refers to its source, a test step carries its label.
#[derive(Serialize)]
#[serde(untagged)]
pub enum StepJson<'a> {
    /// An indicator read, its provenance by reference.
    Read(ReadJson<'a>),
    /// Any other step as it is, a test step with its label.
    Other {
        #[serde(flatten)]
        #[allow(missing_docs)]
        step: &'a Step,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[allow(missing_docs)]
        label: Option<String>,
    },
}

/// A read step as JSON: the value and its year and note, and the index of its source
/// and edition in the criterion's `sources` (the same text, written once per criterion
/// instead of in each step: it was over a quarter of a batch's bytes).
#[derive(Serialize)]
pub struct ReadJson<'a> {
    step: &'static str,
    line: usize,
    indicator: &'a str,
    value: &'a crate::model::value::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    source: usize,
}

impl CriterionResult {
    /// The JSON form, worded in `lang`.
    pub fn json(&self, lang: Lang) -> CriterionJson<'_> {
        let mut sources: Vec<SourceJson<'_>> = Vec::new();
        let trace = self
            .trace
            .iter()
            .map(|step| match step {
                Step::Read {
                    line,
                    indicator,
                    fact,
                } => {
                    let edition = fact.edition.as_deref();
                    // A criterion reads a handful of sources: a linear scan finds its entry.
                    let source = match sources
                        .iter()
                        .position(|s| s.edition == edition && s.source == &*fact.source)
                    {
                        Some(at) => at,
                        None => {
                            sources.push(SourceJson {
                                source: &fact.source,
                                edition,
                            });
                            sources.len() - 1
                        }
                    };
                    StepJson::Read(ReadJson {
                        step: "read",
                        line: *line,
                        indicator,
                        value: &fact.value,
                        year: fact.year,
                        note: fact.note.as_deref(),
                        source,
                    })
                }
                _ => StepJson::Other {
                    step,
                    label: self.test_label(step, lang),
                },
            })
            .collect();
        CriterionJson {
            number: self.number,
            title_de: &self.title_de,
            title_en: &self.title_en,
            rating: self.rating,
            reason: ReasonJson {
                reason: &self.reason,
                text: self.reason(lang),
            },
            missing: &self.missing,
            rule: &self.rule,
            sources,
            trace,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Summary {
    pub(crate) kritisch: usize,
    pub(crate) moeglicherweise_kritisch: usize,
    pub(crate) nicht_kritisch: usize,
    pub(crate) nicht_bewertbar: usize,
    pub(crate) map_class: MapClass,
}
