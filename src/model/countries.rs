//! The country registry (`indicators/countries.csv`): one row per country or territory
//! with its ISO 3166 codes, German and English names and the other names and codes the
//! published sources use. Importers keep a source's own spelling; this registry turns
//! any of those spellings, or what a user types, into one country.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One country or territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 (Kosovo, not in ISO 3166, uses `XKX`).
    pub iso3: String,
    /// ISO 3166-1 alpha-2 (Kosovo: `XK`).
    pub iso2: String,
    pub(crate) name_de: String,
    /// The English name.
    pub name_en: String,
    /// Other names and codes sources use for this country.
    pub variants: Vec<String>,
}

/// Why a registry could not be loaded or a country not found.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // each variant's #[error] message says what it is and names its fields
pub enum CountryError {
    #[error("cannot read country registry {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{row}: {message}")]
    Malformed {
        path: PathBuf,
        row: usize,
        message: String,
    },
    #[error("unknown country '{query}' — {}", did_you_mean(.suggestions))]
    Unknown {
        query: String,
        suggestions: Vec<String>,
    },
    #[error("'{query}' matches several countries: {} — use the ISO code instead", .candidates.join(", "))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => "use an ISO 3166 code or a name listed in indicators/countries.csv".to_string(),
        [one] => format!("did you mean {one}?"),
        [init @ .., last] => format!("did you mean {} or {last}?", init.join(", ")),
    }
}

/// All countries, with an index from every normalised name and code to its countries.
#[derive(Debug)]
pub struct Registry {
    countries: Vec<Country>,
    /// Normalised name or code -> indices into `countries` (more than one = ambiguous).
    index: HashMap<String, Vec<usize>>,
}

const HEADER: [&str; 5] = ["iso3", "iso2", "name_de", "name_en", "variants"];

impl Registry {
    /// Reads `indicators/countries.csv` (header `iso3,iso2,name_de,name_en,variants`,
    /// variants separated by `|`).
    pub fn load(path: &Path) -> Result<Registry, CountryError> {
        let text = std::fs::read_to_string(path).map_err(|source| CountryError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Registry::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<Registry, CountryError> {
        let malformed = |row: usize, message: String| CountryError::Malformed {
            path: path.to_path_buf(),
            row,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut registry = Registry {
            countries: Vec::new(),
            index: HashMap::new(),
        };
        for (i, record) in reader.records().enumerate() {
            let row = i + 1;
            let record = record.map_err(|e| malformed(row, e.to_string()))?;
            let fields: Vec<&str> = record.iter().map(str::trim).collect();
            if row == 1 {
                if fields != HEADER {
                    return Err(malformed(
                        row,
                        format!("header must be {}", HEADER.join(",")),
                    ));
                }
                continue;
            }
            let [iso3, iso2, name_de, name_en, variants] = fields[..] else {
                return Err(malformed(
                    row,
                    format!("expected 5 fields, found {}", fields.len()),
                ));
            };
            if iso3.len() != 3 || iso2.len() != 2 || name_de.is_empty() || name_en.is_empty() {
                return Err(malformed(
                    row,
                    "needs iso3 (3 letters), iso2 (2 letters), name_de and name_en".into(),
                ));
            }
            if registry.get(iso3).is_some() {
                return Err(malformed(row, format!("duplicate iso3 {iso3}")));
            }
            let country = Country {
                iso3: iso3.to_uppercase(),
                iso2: iso2.to_uppercase(),
                name_de: name_de.to_string(),
                name_en: name_en.to_string(),
                variants: variants
                    .split('|')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(String::from)
                    .collect(),
            };
            registry.add(country);
        }
        Ok(registry)
    }

    fn add(&mut self, country: Country) {
        let at = self.countries.len();
        for key in keys(&country) {
            let slot = self.index.entry(normalize(key)).or_default();
            if !slot.contains(&at) {
                slot.push(at);
            }
        }
        self.countries.push(country);
    }

    /// Finds a country by ISO3 or ISO2 code, German or English name or any variant,
    /// ignoring case, accents, punctuation and spacing.
    pub fn resolve(&self, query: &str) -> Result<&Country, CountryError> {
        match self.index.get(&normalize(query)).map(Vec::as_slice) {
            Some([one]) => Ok(&self.countries[*one]),
            Some(many) if !many.is_empty() => Err(CountryError::Ambiguous {
                query: query.to_string(),
                candidates: many
                    .iter()
                    .map(|&i| label(&self.countries[i], &self.countries[i].name_en))
                    .collect(),
            }),
            _ => Err(CountryError::Unknown {
                query: query.to_string(),
                suggestions: self.suggest(query),
            }),
        }
    }

    /// Finds the country a user means (`assess Kongo`): as [`Registry::resolve`], but a
    /// name that people give to more than one country is an error listing them — one
    /// in [`USER_AMBIGUOUS`] ("Kongo", "Congo"), or one that is no country's own name but
    /// part of several countries' names ("Korea": South Korea, North Korea). Importers
    /// keep `resolve`, where a publisher's "Congo" is the Republic of the Congo.
    pub fn lookup(&self, query: &str) -> Result<&Country, CountryError> {
        let q = normalize(query);
        let ambiguous = |mut candidates: Vec<usize>| {
            candidates.sort_by(|&a, &b| self.countries[a].iso3.cmp(&self.countries[b].iso3));
            candidates.dedup();
            CountryError::Ambiguous {
                query: query.to_string(),
                candidates: candidates
                    .iter()
                    .map(|&i| label(&self.countries[i], &self.countries[i].name_en))
                    .collect(),
            }
        };
        if let Some((_, codes)) = USER_AMBIGUOUS.iter().find(|(name, _)| normalize(name) == q) {
            let found: Vec<usize> = codes
                .iter()
                .filter_map(|code| self.countries.iter().position(|c| c.iso3 == *code))
                .collect();
            if found.len() > 1 {
                return Err(ambiguous(found));
            }
        }
        match self.resolve(query) {
            Err(CountryError::Unknown { suggestions, .. }) => {
                let wanted = words(query);
                let containing: Vec<usize> = match wanted.is_empty() {
                    true => Vec::new(),
                    false => (0..self.countries.len())
                        .filter(|&i| {
                            names(&self.countries[i])
                                .any(|n| words(n).windows(wanted.len()).any(|w| w == wanted))
                        })
                        .collect(),
                };
                match containing.as_slice() {
                    [_, _, ..] => Err(ambiguous(containing)),
                    [one] => {
                        let first = label(&self.countries[*one], &self.countries[*one].name_en);
                        let mut suggestions = suggestions;
                        suggestions.retain(|s| s != &first);
                        suggestions.insert(0, first);
                        suggestions.truncate(3);
                        Err(CountryError::Unknown {
                            query: query.to_string(),
                            suggestions,
                        })
                    }
                    [] => Err(CountryError::Unknown {
                        query: query.to_string(),
                        suggestions,
                    }),
                }
            }
            other => other,
        }
    }

    /// Up to three names closest to `query` by edit distance, as "Name (ISO3)".
    fn suggest(&self, query: &str) -> Vec<String> {
        let q = normalize(query);
        if q.is_empty() {
            return Vec::new();
        }
        let limit = 1 + q.chars().count() / 3;
        let mut best: Vec<(usize, String)> = self
            .countries
            .iter()
            .filter_map(|c| {
                names(c)
                    .map(|n| (edit_distance(&q, &normalize(n)), n))
                    .min_by_key(|(d, _)| *d)
                    .filter(|(d, _)| *d <= limit)
                    .map(|(d, n)| (d, label(c, n)))
            })
            .collect();
        best.sort();
        best.into_iter().take(3).map(|(_, s)| s).collect()
    }

    /// The country with this ISO3 code (any case).
    pub fn get(&self, iso3: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.iso3.eq_ignore_ascii_case(iso3))
    }

    /// Every country, in registry order.
    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }
}

/// Names that the registry, following the publishers, gives to one country but that
/// people use for two: the Republic of the Congo is "Congo" in most sources, and the
/// Democratic Republic of the Congo is commonly called "Congo" too. A user who types one
/// of these is asked for the ISO code.
pub const USER_AMBIGUOUS: &[(&str, &[&str])] =
    &[("Congo", &["COD", "COG"]), ("Kongo", &["COD", "COG"])];

/// A name's words, each normalised: "Korea, Republic of" -> ["korea", "republic", "of"].
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(normalize)
        .filter(|w| !w.is_empty())
        .collect()
}

fn label(country: &Country, name: &str) -> String {
    format!("{name} ({})", country.iso3)
}

/// Names (not codes) a user may mean: used for suggestions.
fn names(c: &Country) -> impl Iterator<Item = &str> {
    [c.name_de.as_str(), c.name_en.as_str()]
        .into_iter()
        .chain(c.variants.iter().map(String::as_str))
}

fn keys(c: &Country) -> impl Iterator<Item = &str> {
    [c.iso3.as_str(), c.iso2.as_str()]
        .into_iter()
        .chain(names(c))
}

/// Lower case, Latin diacritics folded ("Côte" -> "cote", "ß" -> "ss"), everything that
/// is not a letter or digit dropped, so "Côte d’Ivoire" and "Cote d'Ivoire" are equal.
pub fn normalize(s: &str) -> String {
    const FOLD: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ţťŧț", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("þ", "th"),
    ];
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some((_, to)) = FOLD.iter().find(|(from, _)| from.contains(c)) {
            out.push_str(to);
        } else if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real() -> Registry {
        Registry::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/indicators/countries.csv"
        )))
        .unwrap()
    }

    fn iso3(r: &Registry, q: &str) -> String {
        r.resolve(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .iso3
            .clone()
    }

    #[test]
    fn codes_in_any_case() {
        let r = real();
        for q in ["KAZ", "kaz", "KZ", "kz"] {
            assert_eq!(iso3(&r, q), "KAZ");
        }
        assert_eq!(r.get("kaz").unwrap().name_de, "Kasachstan");
    }

    #[test]
    fn german_and_english_names() {
        let r = real();
        assert_eq!(iso3(&r, "Kasachstan"), "KAZ");
        assert_eq!(iso3(&r, "Kazakhstan"), "KAZ");
        assert_eq!(iso3(&r, "Deutschland"), "DEU");
        assert_eq!(iso3(&r, "Vereinigtes Königreich"), "GBR");
    }

    #[test]
    fn variants_from_sources() {
        let r = real();
        assert_eq!(iso3(&r, "Korea, North"), "PRK");
        assert_eq!(iso3(&r, "Korea, Dem. People's Rep."), "PRK");
        assert_eq!(iso3(&r, "Congo (Kinshasa)"), "COD");
        assert_eq!(iso3(&r, "Congo (Brazzaville)"), "COG");
        assert_eq!(iso3(&r, "Turkey"), "TUR");
        assert_eq!(iso3(&r, "Türkiye"), "TUR");
        for q in ["Kosovo", "KSV", "XKX", "OWID_KOS"] {
            assert_eq!(iso3(&r, q), "XKX");
        }
    }

    #[test]
    fn diacritics_punctuation_and_spacing_are_ignored() {
        let r = real();
        assert_eq!(iso3(&r, "Cote d'Ivoire"), "CIV");
        assert_eq!(iso3(&r, "Côte d’Ivoire"), "CIV");
        assert_eq!(iso3(&r, "  COTE-D IVOIRE "), "CIV");
        assert_eq!(iso3(&r, "Turkiye"), "TUR");
        assert_eq!(iso3(&r, "Sao Tome and Principe"), "STP");
        assert_eq!(normalize("Straße"), "strasse");
    }

    #[test]
    fn the_shipped_registry_has_no_ambiguous_names() {
        let r = real();
        let ambiguous: Vec<_> = r
            .index
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, _)| k)
            .collect();
        assert!(ambiguous.is_empty(), "{ambiguous:?}");
        assert!(r.iter().count() >= 250);
    }

    #[test]
    fn ambiguous_names_are_reported() {
        let csv = "iso3,iso2,name_de,name_en,variants\n\
                   COG,CG,Kongo,Congo (Republic),Congo\n\
                   COD,CD,Kongo (Dem. Rep.),DR Congo,Congo\n";
        let r = Registry::parse(csv, Path::new("test.csv")).unwrap();
        let err = r.resolve("congo").unwrap_err();
        let CountryError::Ambiguous { candidates, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(candidates, &["Congo (Republic) (COG)", "DR Congo (COD)"]);
        assert!(err.to_string().contains("use the ISO code"));
        assert_eq!(r.resolve("COD").unwrap().name_en, "DR Congo");
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let r = real();
        let err = r.resolve("Kasachstn").unwrap_err();
        let CountryError::Unknown { suggestions, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(
            suggestions.first().map(String::as_str),
            Some("Kasachstan (KAZ)")
        );
        assert!(suggestions.len() <= 3);
        assert!(err
            .to_string()
            .starts_with("unknown country 'Kasachstn' — did you mean Kasachstan (KAZ)"));
        let err = r.resolve("Atlantis Prime").unwrap_err();
        assert!(
            matches!(&err, CountryError::Unknown { suggestions, .. } if suggestions.is_empty())
        );
        assert!(err.to_string().contains("ISO 3166 code"));
    }

    #[test]
    fn names_users_give_to_several_countries_are_ambiguous() {
        let r = real();
        for (query, expected) in [
            ("Kongo", &["DR Congo (COD)", "Congo (COG)"][..]),
            ("Congo", &["DR Congo (COD)", "Congo (COG)"]),
            ("congo", &["DR Congo (COD)", "Congo (COG)"]),
            ("Korea", &["South Korea (KOR)", "North Korea (PRK)"]),
            (
                "Virgin Islands",
                &[
                    "British Virgin Islands (VGB)",
                    "United States Virgin Islands (VIR)",
                ],
            ),
        ] {
            match r.lookup(query) {
                Err(CountryError::Ambiguous { candidates, .. }) => {
                    assert_eq!(candidates, expected, "{query}")
                }
                other => panic!("{query}: {other:?}"),
            }
        }
        // Codes, full names and the publishers' spellings stay unambiguous.
        for (query, iso3) in [
            ("COG", "COG"),
            ("COD", "COD"),
            ("Congo (Brazzaville)", "COG"),
            ("DR Congo", "COD"),
            ("Südkorea", "KOR"),
            ("North Korea", "PRK"),
            ("China", "CHN"),
            ("Sudan", "SDN"),
            ("Guinea", "GIN"),
            ("Niger", "NER"),
        ] {
            assert_eq!(r.lookup(query).unwrap().iso3, iso3, "{query}");
        }
        // Importers keep the publishers' meaning of "Congo".
        assert_eq!(iso3(&r, "Congo"), "COG");
        let err = r.lookup("Bosnia").unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean Bosnia and Herzegovina (BIH)"),
            "{err}"
        );
    }

    #[test]
    fn malformed_registry_rows_are_rejected() {
        let bad = "iso3,iso2,name_de,name_en,variants\nKAZ,KZ,Kasachstan\n";
        let err = Registry::parse(bad, Path::new("c.csv")).unwrap_err();
        assert!(
            matches!(err, CountryError::Malformed { row: 2, .. }),
            "{err}"
        );
        let dup = "iso3,iso2,name_de,name_en,variants\nKAZ,KZ,A,B,\nkaz,KY,C,D,\n";
        assert!(matches!(
            Registry::parse(dup, Path::new("c.csv")),
            Err(CountryError::Malformed { row: 3, .. })
        ));
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kasachstn", "kasachstan"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
