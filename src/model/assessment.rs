//! The result of an assessment, as data: what `--format json` prints.

use crate::model::facts::AsOf;
use crate::model::rating::{Lang, Rating};
use crate::model::trace::Step;
use serde::Serialize;

/// "Kasachstan (KAZ)" in German, "Kazakhstan (KAZ)" in English, or the code alone when
/// the name is not known.
pub fn country_label(
    iso3: &str,
    name_de: Option<&str>,
    name_en: Option<&str>,
    lang: Lang,
) -> String {
    match (lang, name_de, name_en) {
        (Lang::De, Some(name), _) | (Lang::En, _, Some(name)) => format!("{name} ({iso3})"),
        _ => iso3.to_string(),
    }
}

/// Version of the JSON format; bump it when a field changes meaning or goes away.
pub const SCHEMA: &str = "standpunkt.assessment/1";

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
    /// One result per criterion, in order.
    pub criteria: Vec<CriterionResult>,
    /// The rule set's limit on "nicht bewertbar" criteria for a class without "kritisch".
    #[serde(skip)]
    pub max_not_assessable: Option<usize>,
}

/// One criterion's outcome: the rating, the reason in both languages and the trace.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionResult {
    /// The criterion's number (1–8).
    pub number: u32,
    pub(crate) title_de: String,
    pub(crate) title_en: String,
    /// The rating the rule concluded.
    pub rating: Rating,
    /// Why, in German.
    pub reason_de: String,
    /// Why, in English.
    pub reason_en: String,
    /// Indicators whose absence made the criterion "nicht bewertbar".
    pub missing: Vec<String>,
    /// The rule script that produced the rating.
    pub rule: String,
    /// Every step the rule took, to check the reason against.
    pub trace: Vec<Step>,
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

    pub(crate) fn reason(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.reason_de,
            Lang::En => &self.reason_en,
        }
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

    /// The documented JSON form: the assessment plus a summary.
    pub fn json(&self) -> AssessmentJson<'_> {
        AssessmentJson {
            schema: SCHEMA,
            assessment: self,
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
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.json()).expect("assessment serialises")
    }
}

/// What `--format json` writes for one assessment, serialised straight from the data.
#[derive(Serialize)]
pub struct AssessmentJson<'a> {
    pub(crate) schema: &'static str,
    #[serde(flatten)]
    pub(crate) assessment: &'a Assessment,
    pub(crate) summary: Summary,
}

#[derive(Serialize)]
pub(crate) struct Summary {
    pub(crate) kritisch: usize,
    pub(crate) moeglicherweise_kritisch: usize,
    pub(crate) nicht_kritisch: usize,
    pub(crate) nicht_bewertbar: usize,
    pub(crate) map_class: MapClass,
}
