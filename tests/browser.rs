//! The pages in a real browser: headless Chromium opens the site from disk (no server,
//! no network), and the checks read the DOM after its scripts ran (`--dump-dom`): the
//! Kazakhstan page shows the eight ratings with their words, the overview has a row per
//! shipped country, and `index.html#sort=kritisch` sorts by the number of "kritisch".
//! Screenshots of both pages are left in target/report-test/ as artifacts.
//!
//! Without Chromium the tests say so and pass, except under CI (`CI` set), where .ci/run
//! installs Debian's `chromium` and a missing browser is a failure.
//! `STANDPUNKT_CHROMIUM=/path/to/chromium` picks another binary.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// target/report-test/, next to target/tmp/.
fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("report-test")
}

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("STANDPUNKT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let dirs: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("PATH")?).collect();
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| dirs.iter().map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// The browser, or None after saying why the test is skipped (to the terminal, past the
/// test harness's capture). Panics under CI, where .ci/run must have installed it.
fn browser() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but no chromium was found — .ci/run installs Debian's chromium (apt-get install -y chromium)");
        }
        let _ = writeln!(
            std::io::stderr(),
            "browser test SKIPPED: no chromium found on PATH (apt-get install chromium, or set STANDPUNKT_CHROMIUM)"
        );
    }
    found
}

/// Builds the whole site once with the real binary: target/report-test/site/.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = out_dir().join("site");
        if site.exists() {
            std::fs::remove_dir_all(&site).unwrap();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_standpunkt"))
            .args(["report", "--all", "--out"])
            .arg(&site)
            .current_dir(common::repo("."))
            .output()
            .expect("binary runs");
        assert!(
            out.status.success(),
            "report --all failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        site
    })
}

/// Runs headless Chromium on a file URL with `extra` flags, in a fresh profile; returns
/// stdout. Fails after 120 s.
fn run_chromium(browser: &Path, url: &str, extra: &[String]) -> String {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let profile = out_dir().join(format!("profile-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let logs = out_dir().join(format!("chromium-{n}.log"));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&logs).unwrap())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        text
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish within 120 s on {url} (log: {})",
                logs.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = reader.join().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        status.success(),
        "chromium failed on {url}: {status}; log: {}",
        std::fs::read_to_string(&logs).unwrap_or_default()
    );
    text
}

fn url(page: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", page.display())
}

fn dump_dom(browser: &Path, page: &Path, fragment: &str) -> String {
    let dom = run_chromium(browser, &url(page, fragment), &["--dump-dom".to_string()]);
    assert!(
        dom.contains("</html>"),
        "no DOM from {}: {dom}",
        page.display()
    );
    dom
}

fn screenshot(browser: &Path, page: &Path, fragment: &str, png: &Path) {
    let _ = std::fs::remove_file(png);
    run_chromium(
        browser,
        &url(page, fragment),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,2000".to_string(),
        ],
    );
    let bytes = std::fs::read(png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "{} is a PNG", png.display());
}

/// The part of `html` from the element with `id` to the end of its tbody.
fn tbody<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let body = start + html[start..].find("<tbody>").expect("tbody");
    let end = body + html[body..].find("</tbody>").expect("</tbody>");
    &html[body..end]
}

/// The rows of a tbody, each as its HTML.
fn rows(tbody: &str) -> Vec<&str> {
    tbody.split("<tr").skip(1).collect()
}

fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let start = element.find(&key)? + key.len();
    let end = start + element[start..].find('"')?;
    Some(&element[start..end])
}

/// The text of an HTML fragment: tags dropped, entities for & < > " kept decoded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

#[test]
fn kazakhstan_page_shows_the_eight_ratings_with_their_words() {
    let Some(browser) = browser() else { return };
    let page = site().join("KAZ.html");
    let dom = dump_dom(&browser, &page, "");
    assert!(dom.contains("lang=\"de\""));
    let expected = [
        ("nicht_kritisch", "nicht kritisch"),
        ("kritisch", "kritisch"),
        ("kritisch", "kritisch"),
        ("moeglicherweise_kritisch", "möglicherweise kritisch"),
        ("nicht_kritisch", "nicht kritisch"),
        ("nicht_kritisch", "nicht kritisch"),
        ("moeglicherweise_kritisch", "möglicherweise kritisch"),
        ("nicht_kritisch", "nicht kritisch"),
    ];
    let rows = rows(tbody(&dom, "ratings"));
    assert_eq!(rows.len(), 8, "eight criteria");
    for (i, (row, (key, word))) in rows.iter().zip(expected).enumerate() {
        assert_eq!(
            attr(row, "data-criterion"),
            Some((i + 1).to_string().as_str())
        );
        let badge = &row[row.find("class=\"rating").expect("a rating badge")..];
        assert_eq!(attr(badge, "data-rating"), Some(key), "criterion {}", i + 1);
        assert!(
            badge.starts_with(&format!("class=\"rating r-{key}\"")),
            "colour class of criterion {}: {badge}",
            i + 1
        );
        let shown = text(&format!("<{}", &badge[..badge.find("</span>").unwrap()]));
        assert_eq!(shown.trim(), word, "the word for criterion {}", i + 1);
    }
    // The grid over time and the four charts are in the rendered page.
    assert_eq!(rows_in(&dom, "grid"), 9, "eight criteria and the count");
    assert_eq!(dom.matches("<figure class=\"chart\"").count(), 4);
    assert!(dom.matches("<svg").count() >= 4);
    screenshot(&browser, &page, "", &out_dir().join("KAZ.png"));
}

fn rows_in(dom: &str, id: &str) -> usize {
    rows(tbody(dom, id)).len()
}

/// (iso3, kritisch count, hidden) of every overview row, in DOM order.
fn overview_rows(dom: &str) -> Vec<(String, usize, bool)> {
    rows(tbody(dom, "matrix"))
        .into_iter()
        .map(|row| {
            let tag = &row[..row.find('>').unwrap()];
            (
                attr(tag, "data-iso3").expect("data-iso3").to_string(),
                attr(tag, "data-kritisch").unwrap().parse().unwrap(),
                tag.contains(" hidden"),
            )
        })
        .collect()
}

#[test]
fn overview_has_a_row_per_shipped_country_and_sorts_by_kritisch() {
    let Some(browser) = browser() else { return };
    let (store, _) = common::store();
    let mut countries = store.countries();
    let index = site().join("index.html");

    let dom = dump_dom(&browser, &index, "");
    assert!(dom.contains("<body data-sort=\"name\">"), "the script ran");
    let by_name = overview_rows(&dom);
    let mut shown: Vec<String> = by_name.iter().map(|(iso3, ..)| iso3.clone()).collect();
    shown.sort();
    countries.sort();
    assert_eq!(shown, countries, "one row per shipped country");
    assert!(by_name.iter().all(|(_, _, hidden)| !hidden));
    for (iso3, ..) in &by_name {
        assert!(
            dom.contains(&format!("<a href=\"{iso3}.html\">")),
            "{iso3} links to its page"
        );
    }

    let dom = dump_dom(&browser, &index, "#sort=kritisch");
    assert!(
        dom.contains("<body data-sort=\"kritisch\">"),
        "the sort was applied"
    );
    let sorted = overview_rows(&dom);
    assert_eq!(sorted.len(), countries.len());
    let counts: Vec<usize> = sorted.iter().map(|(_, k, _)| *k).collect();
    let most = *counts.iter().max().unwrap();
    assert_eq!(counts[0], most, "the first row has the most 'kritisch'");
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "kritisch counts never rise down the table: {counts:?}"
    );
    assert_ne!(
        sorted.iter().map(|r| &r.0).collect::<Vec<_>>(),
        by_name.iter().map(|r| &r.0).collect::<Vec<_>>(),
        "sorting changed the order"
    );

    // The filter box, set through the fragment as well: only Kazakhstan is left.
    let dom = dump_dom(&browser, &index, "#sort=name&q=kasach");
    let visible: Vec<String> = overview_rows(&dom)
        .into_iter()
        .filter(|(_, _, hidden)| !hidden)
        .map(|(iso3, ..)| iso3)
        .collect();
    assert_eq!(visible, ["KAZ"]);

    screenshot(
        &browser,
        &index,
        "#sort=kritisch",
        &out_dir().join("index.png"),
    );
}

/// The part of `html` inside the element that starts with `start` and ends with `end`.
fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = from + html[from..].find(end).expect("end of section");
    &html[from..to]
}

/// (iso3, class of the path) of every linked shape of the world map.
fn map_shapes(dom: &str) -> Vec<(String, String)> {
    section(dom, "<svg id=\"worldmap\"", "</svg>")
        .split("<a href=")
        .skip(1)
        .map(|a| {
            let iso3 = attr(a, "data-iso3").expect("data-iso3").to_string();
            let path = &a[a.find("<path").expect("a path in the link")..];
            assert!(
                a.contains("<title>") && a.contains(&format!("({iso3})")),
                "{iso3} names itself"
            );
            (iso3, attr(path, "class").expect("class").to_string())
        })
        .collect()
}

/// iso3 → (class, the ratings of the criteria) from the overview's matrix.
fn matrix_ratings(dom: &str) -> std::collections::BTreeMap<String, (String, Vec<String>)> {
    rows(tbody(dom, "matrix"))
        .into_iter()
        .map(|row| {
            let iso3 = attr(row, "data-iso3").unwrap().to_string();
            let cells: Vec<String> = row
                .split("data-rating=\"")
                .skip(1)
                .map(|c| c[..c.find('"').unwrap()].to_string())
                .collect();
            let class = row.split("data-class=\"").nth(1).expect("class cell");
            (iso3, (class[..class.find('"').unwrap()].to_string(), cells))
        })
        .collect()
}

#[test]
fn overview_map_colours_each_country_by_its_class_and_by_a_chosen_criterion() {
    let Some(browser) = browser() else { return };
    let (store, _) = common::store();
    let rated = store.countries();
    let index = site().join("index.html");

    let dom = dump_dom(&browser, &index, "");
    let matrix = matrix_ratings(&dom);
    let shapes = map_shapes(&dom);
    assert!(
        dom.contains("data-colouring=\"class\""),
        "the map's script ran"
    );
    let with_shape: Vec<&String> = shapes
        .iter()
        .map(|(iso3, _)| iso3)
        .filter(|iso3| rated.contains(iso3))
        .collect();
    assert!(
        with_shape.len() >= 150,
        "a shape for at least 150 rated countries: {}",
        with_shape.len()
    );
    assert_eq!(with_shape.len(), shapes.len(), "only rated countries link");
    for (iso3, class) in &shapes {
        let (expected, _) = &matrix[iso3];
        assert_eq!(class, &format!("shape m-{expected}"), "{iso3}: BICC class");
    }
    // Each rated country is on the map or in the list under it.
    let listed = section(&dom, "id=\"map-listed\"", "</ul>");
    for iso3 in &rated {
        assert!(
            with_shape.contains(&iso3) || listed.contains(&format!("data-iso3=\"{iso3}\"")),
            "{iso3} is on the map or listed under it"
        );
    }

    // The selector, set through the fragment: criterion 2.
    let dom = dump_dom(&browser, &index, "#map=2");
    assert!(dom.contains("data-colouring=\"2\""), "criterion 2 chosen");
    let by_criterion = map_shapes(&dom);
    assert_eq!(by_criterion.len(), shapes.len());
    for (iso3, class) in &by_criterion {
        let (_, ratings) = &matrix[iso3];
        assert_eq!(
            class,
            &format!("shape r-{}", ratings[1]),
            "{iso3}: criterion 2"
        );
    }
    let changed = shapes
        .iter()
        .zip(&by_criterion)
        .filter(|(a, b)| a.1 != b.1)
        .count();
    assert_eq!(
        changed,
        shapes.len(),
        "the selector changed every shape's colouring"
    );
    // Criterion 2 tells the countries apart: more than one rating on the map.
    let kinds: std::collections::BTreeSet<&String> = by_criterion.iter().map(|(_, c)| c).collect();
    assert!(kinds.len() >= 3, "{kinds:?}");

    // The year control, set through the fragment: criterion 2 and the class as of 2016,
    // against the library's own assessments as of 2016.
    let (store, registry) = common::store();
    let rules = common::rules();
    let as_of_2016 =
        standpunkt::assess::batch::assess_all(&rules, &store, &registry, &rated, &[2016])
            .expect("assessed as of 2016");
    let then: std::collections::BTreeMap<&str, &standpunkt::Assessment> =
        as_of_2016.iter().map(|a| (a.iso3.as_str(), a)).collect();
    let key = |a: &standpunkt::Assessment| {
        serde_json::to_value(a.map_class())
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    };
    let dom = dump_dom(&browser, &index, "#map=2&year=2016");
    assert!(dom.contains("data-year=\"2016\""), "the year was applied");
    let moved = map_shapes(&dom)
        .iter()
        .filter(|(iso3, class)| {
            let a = then[iso3.as_str()];
            assert_eq!(
                class,
                &format!("shape r-{}", a.criteria[1].rating.key()),
                "{iso3} 2016"
            );
            a.criteria[1].rating.key() != matrix[iso3].1[1]
        })
        .count();
    assert!(
        moved > 0,
        "some criterion-2 ratings differ between 2016 and today"
    );
    let dom = dump_dom(&browser, &index, "#map=class&year=2016");
    for (iso3, class) in map_shapes(&dom) {
        assert_eq!(
            class,
            format!("shape m-{}", key(then[iso3.as_str()])),
            "{iso3} 2016"
        );
    }
    let legend = section(&dom, "id=\"map-legend-class\"", "</ul>");
    for class in ["dark_red", "light_red", "none"] {
        let item = section(legend, &format!("data-legend=\"m-{class}\""), "</li>");
        let shown = section(item, "class=\"count\">", "</span>");
        let expected = as_of_2016.iter().filter(|a| key(a) == class).count();
        assert_eq!(
            shown,
            format!("class=\"count\">{expected}"),
            "legend count {class} 2016"
        );
    }

    let png = out_dir().join("map.png");
    let _ = std::fs::remove_file(&png);
    run_chromium(
        &browser,
        &url(&index, "#map=2"),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,900".to_string(),
        ],
    );
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}
