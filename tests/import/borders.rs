use crate::import_common;
use standpunkt::data::import::borders::read;

use std::path::Path;

const DIR: &str = "fixtures/import/borders";

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn kazakhstan_neighbours_from_the_excerpt() {
    let pairs = read(&Path::new(DIR).join("borders_long.csv")).unwrap();
    let kaz: Vec<&str> = pairs
        .iter()
        .filter(|(a, _)| a == "KAZ")
        .map(|(_, b)| b.as_str())
        .collect();
    assert_eq!(kaz, ["CHN", "KGZ", "RUS", "TKM", "UZB"]);
    assert!(pairs.contains(&pair("RUS", "KAZ")));
    // Symmetric: every pair comes with its reverse.
    assert!(pairs.iter().all(|(a, b)| pairs.contains(&pair(b, a))));
}

#[test]
fn one_sided_sri_lanka_india_is_dropped_and_kosovo_kept() {
    let pairs = read(&Path::new(DIR).join("borders_long.csv")).unwrap();
    assert!(!pairs.iter().any(|(a, b)| a == "LKA" || b == "LKA"));
    assert!(pairs.contains(&pair("UNK", "SRB")));
    assert!(pairs.contains(&pair("SRB", "UNK")));
}

#[test]
fn name_instead_of_code_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-malformed.csv")), 3);
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(read(&Path::new(DIR).join("synthetic-truncated.csv")), 3);
}
