//! The three ratings of a criterion, plus the honest fourth outcome.

use serde::Serialize;

/// The rating of one criterion. `NichtBewertbar` is not one of BICC's three ratings:
/// it says the data needed to rate the criterion is missing, so that a gap never
/// passes for "nicht kritisch".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Not critical.
    NichtKritisch,
    /// Possibly critical.
    MoeglicherweiseKritisch,
    /// Critical.
    Kritisch,
    /// The data do not allow a rating (the reason names what is missing).
    NichtBewertbar,
}

/// Language of titles, labels and reasons. (The command line's `--lang` maps onto it
/// in `src/cli/`; the library does not depend on clap.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
}

impl Lang {
    /// The German or the English of a pair (a country's two names, a word's two forms).
    pub fn pick<T>(self, de: T, en: T) -> T {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

impl Rating {
    /// Every rating, from the mildest; "nicht bewertbar" last.
    pub const ALL: [Rating; 4] = [
        Rating::Kritisch,
        Rating::MoeglicherweiseKritisch,
        Rating::NichtKritisch,
        Rating::NichtBewertbar,
    ];

    /// The word shown to a reader: German labels are the canonical ones.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rating::Kritisch, Lang::De) => "kritisch",
            (Rating::MoeglicherweiseKritisch, Lang::De) => "möglicherweise kritisch",
            (Rating::NichtKritisch, Lang::De) => "nicht kritisch",
            (Rating::NichtBewertbar, Lang::De) => "nicht bewertbar",
            (Rating::Kritisch, Lang::En) => "critical",
            (Rating::MoeglicherweiseKritisch, Lang::En) => "possibly critical",
            (Rating::NichtKritisch, Lang::En) => "not critical",
            (Rating::NichtBewertbar, Lang::En) => "not assessable",
        }
    }

    /// The machine name used in JSON, CSV and lock files.
    pub fn key(self) -> &'static str {
        match self {
            Rating::Kritisch => "kritisch",
            Rating::MoeglicherweiseKritisch => "moeglicherweise_kritisch",
            Rating::NichtKritisch => "nicht_kritisch",
            Rating::NichtBewertbar => "nicht_bewertbar",
        }
    }

    /// The rating for its JSON key (`kritisch`, …).
    pub fn from_key(key: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == key)
    }
}
