//! HTML reports for readers who do not read JSON: a page per country (the brief's table,
//! reasons, values, traces, ratings over time with small charts), an overview of every
//! country, and a page of what `rescore` found changed.
//!
//! The pages are rendered with minijinja from the templates under `templates/` (compiled
//! into the binary), so they open from disk without a server, fonts or scripts from
//! elsewhere. The output depends only on the rules, the data and the as-of year: no
//! timestamps, so the same input gives the same bytes.

use crate::assess::batch;
use crate::audit::rescore::Change;
use crate::data::atomic;
use crate::data::store::Store;
use crate::error::{Error, Result};
use crate::model::assessment::{Assessment, CriterionResult, MapClass};
use crate::model::catalog::Catalog;
use crate::model::countries::{self, Registry};
use crate::model::facts::{Fact, Facts};
use crate::model::rating::{Lang, Rating};
use crate::model::trace::Step;
use crate::model::value::Value;
use crate::present::render;
use crate::rules::engine::RuleSet;
use minijinja::value::Serde;
use minijinja::Environment;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The first year of the "ratings over time" grid.
pub const FIRST_YEAR: i32 = 2015;

/// The indicators drawn as charts on a country page, each with the thresholds (criterion,
/// parameter in rules/criteria.toml, the rating below which it separates) drawn as lines.
/// Freedom House's total has none: criterion 2 reads the status (free, partly free, not
/// free), not a cut-off on the total.
/// A threshold drawn on a chart: criterion, parameter, the rating on the worse side.
type Threshold = (u32, &'static str, Rating);

const CHARTS: [(&str, &[Threshold]); 4] = [
    ("fh.total", &[]),
    (
        "cpi.score",
        &[
            (7, "cpi_kritisch", Rating::Kritisch),
            (7, "cpi_moeglich", Rating::MoeglicherweiseKritisch),
        ],
    ),
    (
        "hdi.value",
        &[
            (8, "hdi_low", Rating::Kritisch),
            (8, "hdi_very_high", Rating::NichtKritisch),
        ],
    ),
    ("gmi.rank", &[(8, "gmi_rank_high", Rating::Kritisch)]),
];

/// Labels of the pages in both languages: (key, German, English).
const LABELS: &[(&str, &str, &str)] = &[
    ("doc_title", "Bewertung nach dem Gemeinsamen Standpunkt 2008/944/GASP", "Assessment under Common Position 2008/944/CFSP"),
    ("overview_title", "Alle Länder: Bewertung nach dem Gemeinsamen Standpunkt 2008/944/GASP", "All countries: assessment under Common Position 2008/944/CFSP"),
    ("changes_title", "Geänderte Bewertungen gegenüber ratings.lock", "Ratings changed against ratings.lock"),
    ("as_of", "Stand", "As of"),
    ("rules_version", "Regelwerk", "Rule set"),
    ("rules_version_help", "SHA-256 über die Dateien in rules/ (Name und Inhalt, nach Namen geordnet), erste 12 Stellen", "SHA-256 over the files in rules/ (name and content, in name order), first 12 digits"),
    ("overview", "Übersicht aller Länder", "Overview of all countries"),
    ("rating", "Bewertung", "Rating"),
    ("criterion", "Kriterium", "Criterion"),
    ("criterion_short", "K", "C"),
    ("reasons", "Begründungen", "Reasons"),
    ("values", "Verwendete Werte", "Values used"),
    ("indicator", "Indikator", "Indicator"),
    ("value", "Wert", "Value"),
    ("year", "Jahr", "Year"),
    ("edition", "Ausgabe", "Edition"),
    ("source", "Quelle", "Source"),
    ("missing", "fehlt", "missing"),
    ("missing_heading", "Fehlende Daten", "Missing data"),
    ("trace", "Ablauf der Regel", "Rule trace"),
    ("line", "Z.", "l."),
    ("step", "Schritt", "Step"),
    ("what", "Inhalt", "Content"),
    ("reads", "liest", "reads"),
    ("tests", "prüft", "tests"),
    ("param", "Parameter", "parameter"),
    ("result", "Ergebnis", "result"),
    ("yes", "ja", "yes"),
    ("no", "nein", "no"),
    ("rule", "Regel", "Rule"),
    ("synthetic", "SYNTHETISCHE TESTDATEN", "SYNTHETIC TEST DATA"),
    ("summary_kritisch", "kritisch", "critical"),
    ("class", "BICC-Klasse", "BICC class"),
    ("class_dark_red_short", "dunkelrot", "dark red"),
    ("class_light_red_short", "hellrot", "light red"),
    ("class_none_short", "–", "–"),
    ("class_incomplete_short", "unvollständig", "incomplete"),
    ("not_assessable_count", "nicht bewertbar", "not assessable"),
    ("not_assessable_help", "Anzahl der Kriterien, die mangels Daten nicht bewertet werden konnten", "Number of criteria that could not be rated for lack of data"),
    ("over_time", "Bewertungen im Zeitverlauf", "Ratings over time"),
    ("over_time_help", "Jede Spalte ist eine eigene Bewertung mit dem Stand des Jahres: die Daten, die bis dahin veröffentlicht waren.", "Each column is an assessment of its own as of that year: the data published by then."),
    ("count_kritisch", "Anzahl kritisch", "Number critical"),
    ("indicators_over_time", "Hauptindikatoren im Zeitverlauf", "Main indicators over time"),
    ("charts_help", "Wert, den eine Bewertung mit dem Stand des Jahres liest; gestrichelt die Schwellen der Regeln (rules/criteria.toml). Oben ist jeweils besser.", "The value an assessment as of the year reads; dashed, the thresholds of the rules (rules/criteria.toml). Up is better in each chart."),
    ("no_threshold_fh", "keine Schwelle: Kriterium 2 liest den Status (frei, teilweise frei, nicht frei), nicht den Gesamtwert", "no threshold: criterion 2 reads the status (free, partly free, not free), not the total"),
    ("gmi_axis", "Platz 1 = am stärksten militarisiert", "rank 1 = most militarised"),
    ("no_data", "keine Daten", "no data"),
    ("thresholds", "Schwellen", "Thresholds"),
    ("toggle_traces", "Alle Abläufe auf- oder zuklappen", "Expand or collapse all traces"),
    ("legend", "Legende", "Legend"),
    ("country", "Land", "Country"),
    ("countries", "Länder", "countries"),
    ("countries_shown", "Ländern angezeigt", "countries shown"),
    ("sort_by", "Sortieren nach", "Sort by"),
    ("sort_name", "Name", "name"),
    ("sort_kritisch", "Anzahl kritisch", "number critical"),
    ("filter", "Nach Name filtern", "Filter by name"),
    ("of", "von", "of"),
    ("counts", "Länder je Kriterium und Bewertung", "Countries per criterion and rating"),
    ("classes_count", "BICC-Klassen", "BICC classes"),
    ("old", "bisher", "before"),
    ("new", "jetzt", "now"),
    ("inputs_moved", "Geänderte Eingaben", "Inputs that changed"),
    ("inputs_unchanged", "keine: die Regel oder eine Schwelle hat sich geändert", "none: a rule or a threshold changed"),
    ("inputs_restated", "Werte mit gleichem Wert und gleicher Ausgabe, nur für ein anderes Jahr", "values with the same value and edition, only for another year"),
    ("no_changes", "Keine Änderung: alle Bewertungen wie in ratings.lock.", "No change: every rating as in ratings.lock."),
    ("changes_count", "geänderte Bewertungen", "ratings changed"),
    ("none", "(keine)", "(none)"),
    ("footer", "Erzeugt von standpunkt aus den Regeln in rules/ und den Daten in indicators/. „nicht bewertbar“ heißt: die Daten für eine Entscheidung fehlen; die Regel nennt sie.", "Produced by standpunkt from the rules in rules/ and the data in indicators/. \"not assessable\" means the data to decide is missing; the rule names it."),
];

fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    label_table(LABELS, lang)
}

/// A page's label table (key, German, English) in one language, as templates read it.
pub(crate) fn label_table(
    table: &'static [(&'static str, &'static str, &'static str)],
    lang: Lang,
) -> BTreeMap<&'static str, &'static str> {
    table
        .iter()
        .map(|(k, de, en)| (*k, if lang == Lang::De { *de } else { *en }))
        .collect()
}

fn label(lang: Lang, key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, de, en)| if lang == Lang::De { *de } else { *en })
        .unwrap_or("")
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "de",
        Lang::En => "en",
    }
}

/// The rule-set version printed on every page: SHA-256 over the regular files in `dir`,
/// in name order, each as its name, a NUL byte, its length (8 bytes, little endian) and
/// its contents; the first 12 hex digits.
pub fn rules_hash(dir: &Path) -> Result<String> {
    use sha2::Digest;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut hasher = sha2::Sha256::new();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        hasher.update(name.unwrap_or_default().as_bytes());
        hasher.update([0u8]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let digest = hasher.finalize();
    Ok(digest.iter().take(6).map(|b| format!("{b:02x}")).collect())
}

/// The years of the "ratings over time" grid for an assessment as of `as_of`.
pub fn years(as_of: i32) -> Vec<i32> {
    (FIRST_YEAR.min(as_of)..=as_of).collect()
}

/// What a report is made from.
pub struct Report<'a> {
    /// The rule set the pages show.
    pub rules: &'a RuleSet,
    /// The shipped data.
    pub store: &'a Store,
    /// For country names.
    pub registry: &'a Registry,
    /// From [`rules_hash`].
    pub rules_hash: String,
    /// The pages' language.
    pub lang: Lang,
    /// The as-of year of the pages; the grid runs from [`FIRST_YEAR`] to it.
    pub year: i32,
}

/// Writes one page (e.g. `rescore --html FILE`) beside its target and renames it.
pub fn write_file(path: &Path, html: &[u8]) -> Result<()> {
    atomic::write_file(path, html)
}

/// What [`Report::write`] wrote.
pub struct Written {
    /// Every country page written.
    pub pages: Vec<PathBuf>,
    /// The overview page, if written.
    pub overview: Option<PathBuf>,
}

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // minijinja's HTML escaping also escapes "/"; escape only what HTML needs, so
        // that text stays readable in the page source and its snapshot.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text)
                if !value.is_safe() && *state.auto_escape() == minijinja::AutoEscape::Html =>
            {
                out.write_str(&escape(text)).map_err(|e| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
                })
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        for (name, source) in [
            ("base.html", include_str!("../../templates/base.html")),
            ("country.html", include_str!("../../templates/country.html")),
            (
                "overview.html",
                include_str!("../../templates/overview.html"),
            ),
            ("changes.html", include_str!("../../templates/changes.html")),
            ("map.html", include_str!("../../templates/map.html")),
        ] {
            env.add_template(name, source)
                .expect("the report templates compile");
        }
        env
    })
}

/// Text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn render<T: Serialize>(template: &str, page: &T) -> Result<String> {
    env()
        .get_template(template)
        .and_then(|t| t.render(minijinja::Value::from(Serde(page))))
        .map_err(|e| Error::Internal(format!("rendering {template}: {e:#}")))
}

impl Report<'_> {
    /// Assesses `countries` for every year of the grid and writes one page per country to
    /// `out` (created if missing), plus `index.html` with `overview`. Country pages link
    /// to the overview only when it is written too.
    pub fn write(&self, countries: &[String], out: &Path, overview: bool) -> Result<Written> {
        self.write_with_progress(countries, out, overview, &|| {})
    }

    /// [`Report::write`], calling `tick` once per country page written (the command
    /// line's progress bar).
    pub fn write_with_progress(
        &self,
        countries: &[String],
        out: &Path,
        overview: bool,
        tick: &(dyn Fn() + Sync),
    ) -> Result<Written> {
        // A site (with the overview) is written into a folder beside `out` that then
        // replaces it whole; single pages are each written beside and renamed, so a
        // failure never leaves a page cut off or a site half old, half new.
        let site = match overview {
            true => Some(atomic::Staged::new(out, &["html"])?),
            false => {
                std::fs::create_dir_all(out).map_err(|e| Error::write(out, e))?;
                None
            }
        };
        let write = |file: &str, html: &str| -> Result<PathBuf> {
            match &site {
                Some(site) => site.write(file, html.as_bytes()),
                None => {
                    let path = out.join(file);
                    atomic::write_file(&path, html.as_bytes())?;
                    Ok(path)
                }
            }
        };
        let years = years(self.year);
        let all = batch::assess_all(self.rules, self.store, self.registry, countries, &years)?;
        // assess_all orders by year, then country: the history of country i is every
        // countries.len()-th assessment from i on.
        let n = countries.len();
        let histories: Vec<Vec<&Assessment>> = (0..n)
            .map(|i| all.iter().skip(i).step_by(n).collect())
            .collect();
        let pages = batch::parallel_map(&histories, |history| -> Result<PathBuf> {
            let html = self.country_page(history, overview)?;
            let iso3 = &history.last().expect("at least one year").iso3;
            let written = write(&format!("{iso3}.html"), &html);
            tick();
            written
        })
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
        let index = match overview {
            true => {
                let current: Vec<&Assessment> = histories
                    .iter()
                    .map(|h| *h.last().expect("at least one year"))
                    .collect();
                let html = self.overview_page_over_time(&current, &histories)?;
                Some(write("index.html", &html)?)
            }
            false => None,
        };
        if let Some(site) = site {
            site.commit()?;
        }
        Ok(Written {
            pages,
            overview: index,
        })
    }

    /// One country's page on its own (as `report KAZ` writes it): assessed for every
    /// year of the grid, without a link to an overview.
    pub fn country(&self, iso3: &str) -> Result<String> {
        let years = years(self.year);
        let history = batch::assess_all(
            self.rules,
            self.store,
            self.registry,
            &[iso3.to_string()],
            &years,
        )?;
        let history: Vec<&Assessment> = history.iter().collect();
        self.country_page(&history, false)
    }

    fn header(&self) -> Header {
        Header {
            lang: lang_code(self.lang),
            t: labels(self.lang),
            legend: legend(self.lang),
            as_of: self.year.to_string(),
            rules_hash: self.rules_hash.clone(),
        }
    }

    /// One country's page: `history` holds its assessments for the grid's years, oldest
    /// first; the last one is the assessment the page is about.
    pub fn country_page(&self, history: &[&Assessment], overview: bool) -> Result<String> {
        let lang = self.lang;
        let a = *history.last().expect("at least one assessment");
        let catalog = &self.rules.catalog;
        let criteria: Vec<CriterionView> = a
            .criteria
            .iter()
            .map(|c| criterion_view(c, catalog, lang))
            .collect();
        let grid = Grid {
            years: history.iter().map(|h| h.as_of.to_string()).collect(),
            rows: a
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| GridRow {
                    number: c.number,
                    title: c.title(lang).to_string(),
                    cells: history
                        .iter()
                        .map(|h| cell(h.criteria[i].rating, lang, &h.as_of.to_string()))
                        .collect(),
                })
                .collect(),
            kritisch: history.iter().map(|h| h.count(Rating::Kritisch)).collect(),
        };
        // What an assessment as of each year reads, for the charts.
        let facts: Vec<(i32, Facts)> = history
            .iter()
            .map(|h| {
                let year = h.as_of.year;
                (year, self.store.facts(&a.iso3, year, &self.rules.catalog))
            })
            .collect();
        let charts = CHARTS
            .iter()
            .map(|(id, thresholds)| self.chart(&facts, id, thresholds))
            .collect();
        let page = CountryPage {
            header: self.header(),
            iso3: a.iso3.clone(),
            name: Store::name(self.registry, &a.iso3, lang).to_string(),
            country: a.country(lang),
            synthetic: a.synthetic,
            overview_link: overview,
            kritisch: a.count(Rating::Kritisch),
            class: class_view(a, lang),
            criteria,
            grid,
            charts,
        };
        render("country.html", &page)
    }

    fn chart(&self, facts: &[(i32, Facts)], id: &str, thresholds: &[Threshold]) -> Chart {
        let lang = self.lang;
        let indicator = self.rules.catalog.get(id);
        let points: Vec<(i32, Option<std::sync::Arc<Fact>>)> = facts
            .iter()
            .map(|(year, facts)| (*year, facts.values.get(id).cloned()))
            .collect();
        let lines: Vec<(f64, String, Rating)> = thresholds
            .iter()
            .filter_map(|(number, name, rating)| {
                let criterion = self.rules.criteria.iter().find(|c| c.number == *number)?;
                let value = criterion.parameters.get(*name)?.value.clone();
                let x = match value {
                    toml::Value::Integer(i) => i as f64,
                    toml::Value::Float(x) => x,
                    _ => return None,
                };
                Some((
                    x,
                    format!(
                        "{name} = {} ({} {number})",
                        number_text(x, lang),
                        label(lang, "criterion")
                    ),
                    *rating,
                ))
            })
            .collect();
        let values: Vec<f64> = points
            .iter()
            .filter_map(|(_, f)| f.as_ref().and_then(|f| f.value.as_f64()))
            .collect();
        let note = match id {
            "fh.total" => label(lang, "no_threshold_fh").to_string(),
            "gmi.rank" => label(lang, "gmi_axis").to_string(),
            _ => String::new(),
        };
        let title = indicator.map_or(id.to_string(), |i| i.title(lang).to_string());
        let thresholds_text = lines
            .iter()
            .map(|(_, text, rating)| Line {
                y: String::new(),
                label: text.clone(),
                class: rating.key(),
            })
            .collect();
        let plot = (!values.is_empty()).then(|| {
            let (min, max) = indicator.map_or((None, None), |i| (i.min, i.max));
            plot(&points, &values, &lines, min, max, lang)
        });
        Chart {
            id: id.to_string(),
            title,
            note,
            thresholds: thresholds_text,
            plot,
        }
    }

    /// The overview: every country in `current` (one assessment each, same year).
    pub fn overview_page(&self, current: &[&Assessment]) -> Result<String> {
        self.overview_page_over_time(current, &[])
    }

    /// The overview, its map with a year control over `histories` (per country its
    /// assessments for the grid's years, oldest first; empty: no year control).
    pub fn overview_page_over_time(
        &self,
        current: &[&Assessment],
        histories: &[Vec<&Assessment>],
    ) -> Result<String> {
        let lang = self.lang;
        let mut rows: Vec<OverviewRow> = current
            .iter()
            .map(|a| {
                let name = Store::name(self.registry, &a.iso3, lang).to_string();
                OverviewRow {
                    iso3: a.iso3.clone(),
                    sort_key: countries::normalize(&name),
                    name,
                    cells: a
                        .criteria
                        .iter()
                        .map(|c| {
                            let about = format!("{} {}", label(lang, "criterion"), c.number);
                            cell(c.rating, lang, &about)
                        })
                        .collect(),
                    kritisch: a.count(Rating::Kritisch),
                    not_assessable: a.count(Rating::NichtBewertbar),
                    class: class_view(a, lang),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then(a.iso3.cmp(&b.iso3)));
        let criteria: Vec<CountRow> = self
            .rules
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| CountRow {
                number: c.number,
                title: c.title(lang).to_string(),
                counts: Rating::ALL
                    .iter()
                    .map(|r| {
                        current
                            .iter()
                            .filter(|a| a.criteria.get(i).map(|c| c.rating) == Some(*r))
                            .count()
                    })
                    .collect(),
            })
            .collect();
        let page = OverviewPage {
            header: self.header(),
            map: crate::present::map::view(current, histories, self.registry, lang),
            criteria,
            // As in `assess --all`: each country in one class, so the counts add up.
            classes: MapClass::ALL
                .iter()
                .filter(|&&c| c != MapClass::Incomplete || self.rules.max_not_assessable.is_some())
                .map(|&class| ClassCount {
                    key: class_key(class),
                    label: crate::present::render::class_label(
                        class,
                        self.rules.max_not_assessable,
                        lang,
                    ),
                    count: current.iter().filter(|a| a.map_class() == class).count(),
                })
                .collect(),
            total: rows.len(),
            numbers: self.rules.criteria.iter().map(|c| c.number).collect(),
            rows,
        };
        render("overview.html", &page)
    }
}

/// The page `rescore --html` writes: each moved rating with the inputs that moved.
pub fn changes_page(
    changes: &[Change],
    registry: &Registry,
    rules: &RuleSet,
    rules_hash: &str,
    year: i32,
    lang: Lang,
) -> Result<String> {
    let rows = changes
        .iter()
        .map(|c| {
            let title = rules
                .criteria
                .iter()
                .find(|r| r.number == c.criterion)
                .map_or(String::new(), |r| r.title(lang).to_string());
            ChangeRow {
                country: match registry.get(&c.iso3) {
                    Some(_) => format!("{} ({})", Store::name(registry, &c.iso3, lang), c.iso3),
                    None => c.iso3.clone(),
                },
                number: c.criterion,
                title,
                old: c.old.map(|r| cell(r, lang, "")),
                new: c.new.map(|r| cell(r, lang, "")),
                reason: c.now.as_ref().map(|now| now.reason(lang)),
                moved: c
                    .moved
                    .iter()
                    .map(|m| Moved {
                        id: m.indicator.clone(),
                        name: rules
                            .catalog
                            .get(&m.indicator)
                            .map_or(String::new(), |i| i.title(lang).to_string()),
                        old: render::recorded(&m.old, lang).to_string(),
                        new: render::recorded(&m.new, lang).to_string(),
                        why: m
                            .aged_out
                            .as_ref()
                            .map(|aged| render::aged_out(aged, year, lang)),
                    })
                    .collect(),
                restated: c.restated,
            }
        })
        .collect();
    let page = ChangesPage {
        header: Header {
            lang: lang_code(lang),
            t: labels(lang),
            legend: legend(lang),
            as_of: year.to_string(),
            rules_hash: rules_hash.to_string(),
        },
        rows,
    };
    render("changes.html", &page)
}

#[derive(Serialize)]
struct Header {
    lang: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    /// The four ratings, for legends.
    legend: Vec<Cell>,
    as_of: String,
    rules_hash: String,
}

#[derive(Serialize)]
struct CountryPage {
    #[serde(flatten)]
    header: Header,
    iso3: String,
    name: String,
    country: String,
    synthetic: bool,
    overview_link: bool,
    kritisch: usize,
    class: ClassView,
    criteria: Vec<CriterionView>,
    grid: Grid,
    charts: Vec<Chart>,
}

#[derive(Serialize)]
struct ClassView {
    key: &'static str,
    label: String,
    /// The class name alone, for the overview's column.
    short: &'static str,
}

fn class_key(class: MapClass) -> &'static str {
    match class {
        MapClass::DarkRed => "dark_red",
        MapClass::LightRed => "light_red",
        MapClass::None => "none",
        MapClass::Incomplete => "incomplete",
    }
}

fn class_view(a: &Assessment, lang: Lang) -> ClassView {
    let class = a.map_class();
    let key = class_key(class);
    ClassView {
        key,
        label: crate::present::render::class_label(class, a.max_not_assessable, lang),
        short: label(lang, &format!("class_{key}_short")),
    }
}

/// One class and its number of countries, for the overview's summary line.
#[derive(Serialize)]
struct ClassCount {
    key: &'static str,
    label: String,
    count: usize,
}

/// A rating as the pages show it: colour class, word, and a one-letter short form.
#[derive(Serialize)]
struct Cell {
    key: &'static str,
    label: &'static str,
    letter: &'static str,
    /// What the cell is about (a year, a criterion), for its tooltip.
    about: String,
}

fn legend(lang: Lang) -> Vec<Cell> {
    Rating::ALL.iter().map(|r| cell(*r, lang, "")).collect()
}

fn cell(rating: Rating, lang: Lang, about: &str) -> Cell {
    Cell {
        key: rating.key(),
        label: rating.label(lang),
        letter: letter(rating, lang),
        about: about.to_string(),
    }
}

/// One letter per rating: the text matrix's K/M/N/? in German, C/P/N/? in English.
fn letter(rating: Rating, lang: Lang) -> &'static str {
    match (rating, lang) {
        (Rating::Kritisch, Lang::De) => "K",
        (Rating::MoeglicherweiseKritisch, Lang::De) => "M",
        (Rating::Kritisch, Lang::En) => "C",
        (Rating::MoeglicherweiseKritisch, Lang::En) => "P",
        (Rating::NichtKritisch, _) => "N",
        (Rating::NichtBewertbar, _) => "?",
    }
}

#[derive(Serialize)]
struct CriterionView {
    number: u32,
    title: String,
    rating: Cell,
    reason: String,
    rule: String,
    missing: Vec<String>,
    values: Vec<ValueRow>,
    trace: Vec<TraceRow>,
}

#[derive(Serialize)]
struct ValueRow {
    id: String,
    name: String,
    /// None where the rule asked for the indicator and it has no value.
    value: Option<String>,
    year: String,
    edition: String,
    source: String,
    note: String,
}

#[derive(Serialize)]
struct TraceRow {
    line: usize,
    kind: &'static str,
    word: &'static str,
    text: String,
    /// For a test: "yes" or "no"; for a conclusion: the rating.
    outcome: Option<Cell>,
    yes: Option<bool>,
}

fn indicator_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    catalog
        .get(id)
        .map_or(id.to_string(), |i| i.title(lang).to_string())
}

fn number_text(x: f64, lang: Lang) -> String {
    let text = format!("{x}");
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

fn value_text(value: &Value, lang: Lang) -> String {
    match value {
        Value::Number(x) => number_text(*x, lang),
        Value::Integer(i) => i.to_string(),
        Value::Bool(b) => label(lang, if *b { "yes" } else { "no" }).to_string(),
        Value::Category(s) => s.clone(),
        Value::List(items) if items.is_empty() => "–".to_string(),
        Value::List(items) => items.join(", "),
    }
}

fn json_text(value: &serde_json::Value, lang: Lang) -> String {
    match value {
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(|i| i.to_string())
            .or_else(|| n.as_f64().map(|x| number_text(x, lang)))
            .unwrap_or_else(|| n.to_string()),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(b) => label(lang, if *b { "yes" } else { "no" }).to_string(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| json_text(i, lang))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn criterion_view(c: &CriterionResult, catalog: &Catalog, lang: Lang) -> CriterionView {
    let values = c
        .trace
        .iter()
        .filter_map(|step| match step {
            Step::Read {
                indicator, fact, ..
            } => Some(ValueRow {
                id: indicator.to_string(),
                name: indicator_name(catalog, indicator, lang),
                value: Some(value_text(&fact.value, lang)),
                year: fact.year.map_or(String::new(), |y| y.to_string()),
                edition: fact.edition.as_deref().unwrap_or_default().to_string(),
                source: fact.source.to_string(),
                note: fact.note.clone().unwrap_or_default(),
            }),
            Step::Missing { indicator, .. } => Some(ValueRow {
                id: indicator.to_string(),
                name: indicator_name(catalog, indicator, lang),
                value: None,
                year: String::new(),
                edition: String::new(),
                source: String::new(),
                note: String::new(),
            }),
            _ => None,
        })
        .collect();
    let trace = c
        .trace
        .iter()
        .map(|step| {
            let (kind, word, text, outcome, yes) = match step {
                Step::Read {
                    indicator, fact, ..
                } => {
                    let mut about: Vec<String> = Vec::new();
                    if let Some(y) = fact.year {
                        about.push(y.to_string());
                    }
                    if let Some(e) = &fact.edition {
                        about.push(e.to_string());
                    }
                    about.push(fact.source.to_string());
                    if let Some(n) = &fact.note {
                        about.push(n.clone());
                    }
                    (
                        "read",
                        "reads",
                        format!(
                            "{} [{indicator}] = {} ({})",
                            indicator_name(catalog, indicator, lang),
                            value_text(&fact.value, lang),
                            about.join("; ")
                        ),
                        None,
                        None,
                    )
                }
                Step::Missing { indicator, .. } => (
                    "missing",
                    "reads",
                    format!(
                        "{} [{indicator}] — {}",
                        indicator_name(catalog, indicator, lang),
                        label(lang, "missing")
                    ),
                    None,
                    None,
                ),
                Step::Param { name, value, .. } => (
                    "param",
                    "param",
                    format!("{name} = {}", json_text(value, lang)),
                    None,
                    None,
                ),
                Step::Test { outcome, .. } => (
                    "test",
                    "tests",
                    c.test_label(step, lang).unwrap_or_default(),
                    None,
                    Some(*outcome),
                ),
                Step::Conclude { rating, .. } => (
                    "conclude",
                    "result",
                    String::new(),
                    Some(cell(*rating, lang, "")),
                    None,
                ),
            };
            TraceRow {
                line: step.line(),
                kind,
                word: label(lang, word),
                text,
                outcome,
                yes,
            }
        })
        .collect();
    CriterionView {
        number: c.number,
        title: c.title(lang).to_string(),
        rating: cell(c.rating, lang, ""),
        reason: c.reason(lang),
        rule: c.rule.to_string(),
        missing: c
            .missing
            .iter()
            .map(|id| format!("{} [{id}]", indicator_name(catalog, id, lang)))
            .collect(),
        values,
        trace,
    }
}

#[derive(Serialize)]
struct Grid {
    years: Vec<String>,
    rows: Vec<GridRow>,
    kritisch: Vec<usize>,
}

#[derive(Serialize)]
struct GridRow {
    number: u32,
    title: String,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Chart {
    id: String,
    title: String,
    note: String,
    thresholds: Vec<Line>,
    /// None where the country has no value in any year.
    plot: Option<Plot>,
}

/// An SVG line chart, laid out here; the template only draws it.
#[derive(Serialize)]
struct Plot {
    width: u32,
    height: u32,
    left: u32,
    right: String,
    top: u32,
    bottom: String,
    /// SVG path data of the series: one segment per run of years with a value.
    path: String,
    dots: Vec<Dot>,
    y_ticks: Vec<Tick>,
    x_ticks: Vec<Tick>,
    lines: Vec<Line>,
}

#[derive(Serialize)]
struct Dot {
    x: String,
    y: String,
    title: String,
}

#[derive(Serialize)]
struct Tick {
    pos: String,
    label: String,
}

#[derive(Serialize)]
struct Line {
    y: String,
    label: String,
    class: &'static str,
}

const WIDTH: u32 = 260;
const HEIGHT: u32 = 150;
const LEFT: u32 = 36;
const RIGHT: u32 = 16;
const TOP: u32 = 10;
const BOTTOM: u32 = 22;

fn fixed(x: f64) -> String {
    format!("{x:.1}")
}

/// The axis from `lo` to `hi` widened to whole steps of 1, 2 or 5 times a power of ten,
/// with at most 6 steps: (from, to, step).
fn axis(lo: f64, hi: f64) -> (f64, f64, f64) {
    let power = 10f64.powf(((hi - lo) / 4.0).log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0, 20.0, 50.0] {
        let step = m * power;
        let (from, to) = ((lo / step).floor() * step, (hi / step).ceil() * step);
        if ((to - from) / step).round() <= 6.0 {
            return (from, to, step);
        }
    }
    (lo, hi, hi - lo)
}

fn plot(
    points: &[(i32, Option<std::sync::Arc<Fact>>)],
    values: &[f64],
    lines: &[(f64, String, Rating)],
    min: Option<f64>,
    max: Option<f64>,
    lang: Lang,
) -> Plot {
    // The value range, widened to the thresholds, padded, kept inside the catalog's range.
    let mut lo: f64 = values
        .iter()
        .chain(lines.iter().map(|(x, ..)| x))
        .fold(f64::INFINITY, |a, &b| a.min(b));
    let mut hi: f64 = values
        .iter()
        .chain(lines.iter().map(|(x, ..)| x))
        .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let pad = ((hi - lo) * 0.1).max(hi.abs().max(1.0) * 0.02);
    lo -= pad;
    hi += pad;
    // At least a fifth of the indicator's whole range, so that a change of a point or
    // two does not fill the chart.
    if let (Some(min), Some(max)) = (min, max) {
        let least = (max - min) / 5.0;
        if hi - lo < least {
            let mid = (hi + lo) / 2.0;
            (lo, hi) = (mid - least / 2.0, mid + least / 2.0);
            if lo < min {
                (lo, hi) = (min, min + least);
            }
            if hi > max {
                (lo, hi) = (max - least, max);
            }
        }
    }
    if let Some(min) = min {
        lo = lo.max(min);
    }
    if let Some(max) = max {
        hi = hi.min(max);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let (lo, hi, step) = axis(lo, hi);
    let (plot_w, plot_h) = (
        f64::from(WIDTH - LEFT - RIGHT),
        f64::from(HEIGHT - TOP - BOTTOM),
    );
    let n = points.len();
    let x_of = |i: usize| {
        f64::from(LEFT)
            + if n > 1 {
                plot_w * i as f64 / (n - 1) as f64
            } else {
                plot_w / 2.0
            }
    };
    let y_of = |v: f64| f64::from(TOP) + plot_h * (hi - v) / (hi - lo);
    let mut path = String::new();
    let mut dots = Vec::new();
    let mut pen_down = false;
    for (i, (year, fact)) in points.iter().enumerate() {
        match fact.as_ref().and_then(|f| f.value.as_f64().map(|v| (f, v))) {
            Some((fact, v)) => {
                let (x, y) = (fixed(x_of(i)), fixed(y_of(v)));
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push_str(&format!("{}{x},{y}", if pen_down { "L" } else { "M" }));
                pen_down = true;
                let mut about = Vec::new();
                if let Some(e) = &fact.edition {
                    about.push(e.to_string());
                }
                if let Some(y) = fact.year {
                    about.push(y.to_string());
                }
                dots.push(Dot {
                    x,
                    y,
                    title: format!(
                        "{year}: {} ({})",
                        value_text(&fact.value, lang),
                        about.join(", ")
                    ),
                });
            }
            None => pen_down = false,
        }
    }
    let mut y_ticks = Vec::new();
    let mut v = lo;
    while v <= hi + step / 1000.0 {
        // Round away float noise (0.30000000000000004) before printing.
        let shown = (v / step).round() * step;
        let shown = (shown * 1e6).round() / 1e6;
        y_ticks.push(Tick {
            pos: fixed(y_of(v)),
            label: number_text(shown, lang),
        });
        v += step;
    }
    // At most about six year labels.
    let every = n.div_ceil(6).max(1);
    let x_ticks = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == n - 1)
        .map(|(i, (year, _))| Tick {
            pos: fixed(x_of(i)),
            label: year.to_string(),
        })
        .collect();
    let lines = lines
        .iter()
        .map(|(x, text, rating)| Line {
            y: fixed(y_of(*x)),
            label: text.clone(),
            class: rating.key(),
        })
        .collect();
    Plot {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: (WIDTH - RIGHT).to_string(),
        top: TOP,
        bottom: (HEIGHT - BOTTOM).to_string(),
        path,
        dots,
        y_ticks,
        x_ticks,
        lines,
    }
}

#[derive(Serialize)]
struct OverviewPage {
    #[serde(flatten)]
    header: Header,
    /// The world map (templates/map.html).
    map: crate::present::map::MapView,
    criteria: Vec<CountRow>,
    classes: Vec<ClassCount>,
    total: usize,
    numbers: Vec<u32>,
    rows: Vec<OverviewRow>,
}

#[derive(Serialize)]
struct CountRow {
    number: u32,
    title: String,
    /// In the order of [`Rating::ALL`].
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct OverviewRow {
    iso3: String,
    name: String,
    sort_key: String,
    cells: Vec<Cell>,
    kritisch: usize,
    /// How many criteria could not be rated.
    not_assessable: usize,
    class: ClassView,
}

#[derive(Serialize)]
struct ChangesPage {
    #[serde(flatten)]
    header: Header,
    rows: Vec<ChangeRow>,
}

#[derive(Serialize)]
struct ChangeRow {
    country: String,
    number: u32,
    title: String,
    old: Option<Cell>,
    new: Option<Cell>,
    /// The reason of the new rating.
    reason: Option<String>,
    moved: Vec<Moved>,
    /// Inputs whose value and edition stayed, only their year moved.
    restated: usize,
}

#[derive(Serialize)]
struct Moved {
    id: String,
    name: String,
    old: String,
    new: String,
    /// Why the value dropped out, where its age did.
    why: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_have_round_steps() {
        assert_eq!(axis(0.0, 100.0), (0.0, 100.0, 20.0));
        assert_eq!(axis(21.0, 52.0), (20.0, 60.0, 10.0));
        let (from, to, step) = axis(0.525, 0.825);
        assert!((from - 0.5).abs() < 1e-9 && (to - 0.9).abs() < 1e-9 && (step - 0.1).abs() < 1e-9);
    }
}
