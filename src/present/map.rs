//! The world map on the overview page: an inline SVG choropleth of every rated country,
//! coloured by BICC's classes or by one criterion's rating.
//!
//! The outlines come from `assets/world/countries.tsv` (Natural Earth, public domain;
//! converted once by `tools/worldmap.mjs`, see `assets/world/SOURCE.md`), compiled into the
//! binary so the page is built offline. This module only lays out the view data; the
//! template `templates/map.html` draws it and its small script switches the colouring.

use crate::data::store::Store;
use crate::model::assessment::Assessment;
use crate::model::countries::Registry;
use crate::model::rating::{Lang, Rating};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const COUNTRIES_TSV: &str = include_str!("../../assets/world/countries.tsv");

/// A country whose shape covers less than this many square pixels (at the map's 1000 px
/// width), or is narrower and lower than [`SMALL_SIDE`], is listed under the map too.
const SMALL_AREA: f64 = 8.0;
const SMALL_SIDE: f64 = 3.0;

/// One outline from the shipped file.
pub struct Outline {
    pub(crate) iso3: String,
    /// Projected area in square pixels.
    pub area: f64,
    pub(crate) width: f64,
    pub(crate) height: f64,
    /// SVG path data.
    pub path: String,
}

impl Outline {
    /// Too small to see (or to point at) on the map.
    pub fn small(&self) -> bool {
        self.area < SMALL_AREA || (self.width < SMALL_SIDE && self.height < SMALL_SIDE)
    }
}

/// The map's geometry: its SVG viewBox and one outline per ISO alpha-3 code.
pub struct World {
    pub(crate) view_box: String,
    pub(crate) outlines: Vec<Outline>,
}

/// The shipped outlines, parsed once.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| parse(COUNTRIES_TSV).expect("assets/world/countries.tsv is well-formed"))
}

/// Reads the converter's format: `#viewBox\t…`, comments, then
/// `iso3\tnames\tarea\twidth\theight\tpath` lines.
pub fn parse(text: &str) -> Result<World, String> {
    let mut view_box = None;
    let mut outlines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(v) = line.strip_prefix("#viewBox\t") {
            view_box = Some(v.to_string());
            continue;
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let number = |i: usize| -> Result<f64, String> {
            fields[i]
                .parse()
                .map_err(|_| format!("line {}: '{}' is not a number", n + 1, fields[i]))
        };
        if fields.len() != 6 {
            return Err(format!(
                "line {}: {} fields, expected 6",
                n + 1,
                fields.len()
            ));
        }
        outlines.push(Outline {
            iso3: fields[0].to_string(),
            area: number(2)?,
            width: number(3)?,
            height: number(4)?,
            path: fields[5].to_string(),
        });
    }
    Ok(World {
        view_box: view_box.ok_or("no #viewBox line")?,
        outlines,
    })
}

/// What the template draws.
#[derive(Serialize)]
pub struct MapView {
    pub(crate) view_box: String,
    /// Rated countries with an outline.
    pub shapes: Vec<Shape>,
    /// Outlines of territories with no assessment (drawn grey, no link).
    pub unrated: Vec<Unrated>,
    /// Rated countries too small to see or without an outline, listed under the map.
    pub listed: Vec<Listed>,
    /// The selector's choices: the criteria.
    pub criteria: Vec<Choice>,
    /// The years of the year control, oldest first (empty: no year control); the last
    /// is the year of `current`.
    pub years: Vec<String>,
    /// Legend entries for the class view and for the criterion view.
    pub class_legend: Vec<LegendEntry>,
    pub(crate) rating_legend: Vec<LegendEntry>,
    pub(crate) t: BTreeMap<&'static str, &'static str>,
}

/// A rated country's outline on the map, with its class and ratings.
#[derive(Serialize)]
pub struct Shape {
    pub(crate) iso3: String,
    pub(crate) name: String,
    pub(crate) path: String,
    /// BICC's class: `dark_red`, `light_red`, `none`.
    pub class: String,
    pub(crate) kritisch: usize,
    /// The rating keys of the criteria, in order, separated by spaces.
    pub ratings: String,
    /// The hover and focus text of the class view.
    pub title: String,
    pub(crate) small: bool,
    /// Per year of [`MapView::years`]: "class:ratings" with one letter per criterion
    /// (k, m, n, x for nicht bewertbar), separated by spaces.
    pub history: String,
}

/// A country without a rating, drawn grey.
#[derive(Serialize)]
pub struct Unrated {
    pub(crate) iso3: String,
    pub(crate) path: String,
}

/// A row of the list beside the map (for countries too small to see and for screen readers).
#[derive(Serialize)]
pub struct Listed {
    pub(crate) iso3: String,
    pub(crate) name: String,
    /// Whether the country has an outline at all (else it is too small to see).
    pub has_shape: bool,
    /// As [`Shape::history`], for the legend's counts per year.
    pub history: String,
    pub(crate) class: String,
    pub(crate) class_label: &'static str,
    pub(crate) kritisch: usize,
    pub(crate) cells: Vec<ListedCell>,
}

#[derive(Serialize)]
pub(crate) struct ListedCell {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    pub(crate) letter: &'static str,
    pub(crate) number: u32,
}

/// An entry of the map's view selector (BICC classes or one criterion).
#[derive(Serialize)]
pub struct Choice {
    pub(crate) value: String,
    pub(crate) label: String,
}

/// An entry of the map's legend.
#[derive(Serialize)]
pub struct LegendEntry {
    /// The CSS class of the fill: `m-dark_red` or `r-kritisch`.
    pub class: String,
    pub(crate) label: String,
    pub(crate) count: usize,
}

/// Labels of the map: (key, German, English).
const LABELS: &[(&str, &str, &str)] = &[
    ("map", "Weltkarte", "World map"),
    ("colour_by", "Färben nach", "Colour by"),
    ("by_class", "BICC-Klasse (Anzahl kritisch)", "BICC class (number critical)"),
    ("criterion", "Kriterium", "Criterion"),
    ("year", "Stand", "As of"),
    ("listed_year", "Bewertungen mit dem Stand", "Ratings as of"),
    ("map_help", "Jedes Land verlinkt auf seine Seite; der Name und die Bewertung erscheinen beim Zeigen oder mit der Tabulatortaste. Schraffur zeigt die Bewertung auch ohne Farbe: gekreuzt = dunkelrot bzw. kritisch, schräg = hellrot bzw. möglicherweise kritisch, Punkte = nicht bewertbar.", "Each country links to its page; its name and rating appear on pointing or with the tab key. Hatching shows the rating without colour too: crossed = dark red or critical, diagonal = light red or possibly critical, dots = not assessable."),
    ("not_rated", "nicht bewertet (kein Land der Bewertung)", "not rated (not a country of the assessment)"),
    ("listed", "Zu klein für die Karte oder ohne Umriss", "Too small for the map, or without an outline"),
    ("too_small", "zu klein", "too small"),
    ("no_shape", "kein Umriss", "no outline"),
    ("shape", "Karte", "Map"),
    ("class_dark_red", "dunkelrot (≥ 4 kritisch)", "dark red (≥ 4 critical)"),
    ("class_light_red", "hellrot (1–3 kritisch)", "light red (1–3 critical)"),
    ("class_none", "0 kritisch", "0 critical"),
    ("class_incomplete", "unvollständig (0 kritisch, zu viele nicht bewertbar)", "incomplete (0 critical, too many not assessable)"),
    ("kritisch", "kritisch", "critical"),
    ("source", "Umrisse: Natural Earth 1:50m (gemeinfrei), über world-atlas 2.0.2; Equal-Earth-Projektion.", "Outlines: Natural Earth 1:50m (public domain), via world-atlas 2.0.2; Equal Earth projection."),
];

fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    crate::present::report::label_table(LABELS, lang)
}

/// The class of an assessment as its JSON key (`dark_red`, `light_red`, `none`).
fn class_key(a: &Assessment) -> String {
    serde_json::to_value(a.map_class())
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn class_label(t: &BTreeMap<&str, &'static str>, key: &str) -> &'static str {
    t.get(format!("class_{key}").as_str())
        .copied()
        .unwrap_or("")
}

/// One letter per rating, as in the overview's matrix.
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

/// One letter per rating for the year control's data.
fn code(rating: Rating) -> char {
    match rating {
        Rating::Kritisch => 'k',
        Rating::MoeglicherweiseKritisch => 'm',
        Rating::NichtKritisch => 'n',
        Rating::NichtBewertbar => 'x',
    }
}

/// "light_red:nkkmnnmn" for one assessment.
fn year_code(a: &Assessment) -> String {
    let ratings: String = a.criteria.iter().map(|c| code(c.rating)).collect();
    format!("{}:{ratings}", class_key(a))
}

/// The map of `current` (one assessment per country, one year), with a year control
/// over `histories` (each country's assessments, oldest first, the same years for
/// every country; empty for none).
pub fn view(
    current: &[&Assessment],
    histories: &[Vec<&Assessment>],
    registry: &Registry,
    lang: Lang,
) -> MapView {
    let t = labels(lang);
    let history_of: BTreeMap<&str, String> = histories
        .iter()
        .filter_map(|h| {
            let last = h.last()?;
            let codes: Vec<String> = h.iter().map(|a| year_code(a)).collect();
            Some((last.iso3.as_str(), codes.join(" ")))
        })
        .collect();
    let years: Vec<String> = histories
        .first()
        .filter(|h| h.len() > 1)
        .map(|h| h.iter().map(|a| a.as_of.to_string()).collect())
        .unwrap_or_default();
    let history = |a: &Assessment| match years.is_empty() {
        true => String::new(),
        false => history_of.get(a.iso3.as_str()).cloned().unwrap_or_default(),
    };
    let world = world();
    let by_iso3: BTreeMap<&str, &Assessment> =
        current.iter().map(|a| (a.iso3.as_str(), *a)).collect();
    let outlines: BTreeMap<&str, &Outline> = world
        .outlines
        .iter()
        .map(|o| (o.iso3.as_str(), o))
        .collect();
    let name = |iso3: &str| format!("{} ({iso3})", Store::name(registry, iso3, lang));
    let mut shapes = Vec::new();
    let mut unrated = Vec::new();
    for outline in &world.outlines {
        let Some(a) = by_iso3.get(outline.iso3.as_str()) else {
            unrated.push(Unrated {
                iso3: outline.iso3.clone(),
                path: outline.path.clone(),
            });
            continue;
        };
        let class = class_key(a);
        let kritisch = a.count(Rating::Kritisch);
        shapes.push(Shape {
            iso3: a.iso3.clone(),
            name: name(&a.iso3),
            path: outline.path.clone(),
            title: format!(
                "{}: {}, {kritisch} × {}",
                name(&a.iso3),
                class_label(&t, &class),
                t["kritisch"]
            ),
            class,
            kritisch,
            ratings: a
                .criteria
                .iter()
                .map(|c| c.rating.key())
                .collect::<Vec<_>>()
                .join(" "),
            small: outline.small(),
            history: history(a),
        });
    }
    let mut listed: Vec<Listed> = current
        .iter()
        .filter(|a| outlines.get(a.iso3.as_str()).is_none_or(|o| o.small()))
        .map(|a| {
            let class = class_key(a);
            Listed {
                iso3: a.iso3.clone(),
                name: Store::name(registry, &a.iso3, lang).to_string(),
                has_shape: outlines.contains_key(a.iso3.as_str()),
                history: history(a),
                class_label: class_label(&t, &class),
                class,
                kritisch: a.count(Rating::Kritisch),
                cells: a
                    .criteria
                    .iter()
                    .map(|c| ListedCell {
                        key: c.rating.key(),
                        label: c.rating.label(lang),
                        letter: letter(c.rating, lang),
                        number: c.number,
                    })
                    .collect(),
            }
        })
        .collect();
    listed.sort_by(|a, b| {
        crate::model::countries::normalize(&a.name)
            .cmp(&crate::model::countries::normalize(&b.name))
            .then(a.iso3.cmp(&b.iso3))
    });
    let criteria = current.first().map_or(Vec::new(), |a| {
        a.criteria
            .iter()
            .map(|c| Choice {
                value: c.number.to_string(),
                label: format!("{} {}: {}", t["criterion"], c.number, c.title(lang)),
            })
            .collect()
    });
    // BICC's three classes always; any other class the assessments have (a country with
    // too many gaps to be called "none") after them.
    let mut keys: Vec<String> = ["dark_red", "light_red", "none"].map(String::from).to_vec();
    for a in current {
        let key = class_key(a);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let class_legend = keys
        .iter()
        .map(|key| LegendEntry {
            class: format!("m-{key}"),
            label: class_label(&t, key).to_string(),
            count: current.iter().filter(|a| class_key(a) == *key).count(),
        })
        .collect();
    let rating_legend = Rating::ALL
        .iter()
        .map(|r| LegendEntry {
            class: format!("r-{}", r.key()),
            label: r.label(lang).to_string(),
            count: 0,
        })
        .collect();
    MapView {
        view_box: world.view_box.clone(),
        shapes,
        unrated,
        listed,
        criteria,
        years,
        class_legend,
        rating_legend,
        t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_parse_and_cover_the_large_countries() {
        let world = world();
        assert!(world.view_box.starts_with("0 0 1000 "));
        assert!(world.outlines.len() > 200, "{}", world.outlines.len());
        for iso3 in ["RUS", "USA", "BRA", "KAZ", "XKX", "CYP", "SOM"] {
            let o = world.outlines.iter().find(|o| o.iso3 == iso3).expect(iso3);
            assert!(o.path.starts_with('M') && o.path.ends_with('z'), "{iso3}");
        }
        let small = |iso3: &str| {
            world
                .outlines
                .iter()
                .find(|o| o.iso3 == iso3)
                .unwrap()
                .small()
        };
        assert!(small("MLT") && small("SGP") && !small("KAZ") && !small("CHE"));
    }

    #[test]
    fn malformed_lines_are_refused() {
        assert!(parse("#viewBox\t0 0 1 1\nKAZ\tKazakhstan\t1\t2\n").is_err());
        assert!(parse("#viewBox\t0 0 1 1\nKAZ\tK\tx\t1\t1\tM0 0z\n").is_err());
        assert!(parse("KAZ\tK\t1\t1\t1\tM0 0z\n").is_err());
        assert_eq!(
            parse("#viewBox\t0 0 1 1\nKAZ\tK\t1\t1\t1\tM0 0z\n")
                .unwrap()
                .outlines
                .len(),
            1
        );
    }
}
