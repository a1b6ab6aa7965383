use crate::import_common;
use standpunkt::data::import::{sanctions, Observation};

use standpunkt::model::value::Value;
use std::path::Path;

const DIR: &str = "fixtures/import/gsdb-sanctions";

fn years(obs: &[Observation], country: &str, id: &str) -> Vec<i32> {
    obs.iter()
        .filter(|o| o.country == country && o.indicator == id)
        .map(|o| o.year)
        .collect()
}

#[test]
fn kazakhstan_has_no_un_eu_osce_arms_embargo() {
    let obs = sanctions::read(&Path::new(DIR).join("GSDB_V3.csv")).unwrap();
    assert!(obs.iter().all(|o| o.country != "Kazakhstan"));
    // So the shared step fills "none" for it in every covered year.
    assert_eq!(sanctions::YEARS, 1949..=2022);
}

#[test]
fn embargo_years_senders_and_targets() {
    let obs = sanctions::read(&Path::new(DIR).join("GSDB_V3.csv")).unwrap();
    // Scope from the cited table: the 2015 embargoes on Yemen target the Houthis and
    // designated individuals; the others in the excerpt count against the state.
    for o in obs.iter().filter(|o| o.indicator != "embargo.cases") {
        let expected = if o.country == "Yemen, North" {
            "non_state"
        } else {
            "full"
        };
        assert_eq!(o.value, Value::Category(expected.into()), "{o:?}");
    }
    let Value::List(yemen) = import_common::value(&obs, "Yemen, North", "embargo.cases", 2016)
    else {
        panic!("embargo.cases is a list")
    };
    assert!(
        yemen[0].starts_with("EU 2015–2022 (GSDB V3 case 1038") && yemen[0].contains("2015/882"),
        "{yemen:?}"
    );
    assert_eq!(
        years(&obs, "Korea, North", "embargo.un"),
        (1951..=2022).collect::<Vec<_>>()
    );
    assert_eq!(
        years(&obs, "Pakistan", "embargo.un"),
        (1965..=1975).collect::<Vec<_>>()
    );
    assert_eq!(
        years(&obs, "India", "embargo.un"),
        (1965..=1975).collect::<Vec<_>>()
    );
    // EEC counts as EU, CSCE as OSCE.
    assert_eq!(years(&obs, "Yugoslavia", "embargo.eu"), vec![1991, 1992]);
    assert_eq!(
        years(&obs, "Armenia", "embargo.osce"),
        (1992..=2022).collect::<Vec<_>>()
    );
    assert_eq!(
        years(&obs, "Russia", "embargo.eu"),
        (2014..=2022).collect::<Vec<_>>()
    );
    assert!(years(&obs, "Russia", "embargo.un").is_empty());
    assert!(obs.iter().all(|o| !o.country.starts_with("Terrorist")));
    let kenya = obs.iter().find(|o| o.country == "Kenya").unwrap();
    assert_eq!(
        (kenya.row, kenya.published, kenya.edition.as_str()),
        (9, 2023, "GSDB V3")
    );
}

#[test]
fn malformed_year_is_reported() {
    import_common::malformed_at(
        sanctions::read(&Path::new(DIR).join("synthetic-malformed.csv")),
        3,
    );
}

#[test]
fn truncated_file_is_malformed() {
    import_common::malformed_at(
        sanctions::read(&Path::new(DIR).join("synthetic-truncated.csv")),
        3,
    );
}
