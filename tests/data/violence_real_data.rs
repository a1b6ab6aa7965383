//! Criteria 2–4 on the shipped data through the inputs from UCDP one-sided violence,
//! UCDP non-state conflicts, the coup lists and the Fragile States Index: one real case
//! per input, the reasons naming what decided, and how many countries are rated.

use crate::{assert_case, common};
use standpunkt::Rating::{self, *};

/// (country, as-of year, criterion, rating, fragments of the German reason).
#[rustfmt::skip]
const CASES: &[(&str, i32, usize, Rating, &[&str])] = &[
    // C2, BICC's rule from UCDP: Russia killed civilians in Ukraine in 2022–2024.
    ("RUS", 2025, 2, Kritisch, &["UCDP OSV 25.1", "2022: 1130 Tote (Ort: UKR; UCDP-Konflikt 453)"]),
    // Mexico is "teilweise frei"; UCDP lists government killings in 2021.
    ("MEX", 2025, 2, Kritisch, &["2021: 26 Tote (Ort: MEX"]),
    // Kazakhstan: no UCDP row; "kritisch" rests on Freedom House, as in the brief.
    ("KAZ", 2025, 2, Kritisch, &["„nicht frei“"]),
    // C3, non-state conflicts at war scale: Mexico's cartels.
    ("MEX", 2025, 3, Kritisch, &["UCDP 13737 Jalisco Cartel New Generation gegen Sinaloa Cartel (3726 Tote)"]),
    // C3, a successful coup in the last five years: Guinea, 5 September 2021.
    ("GIN", 2025, 3, Kritisch, &["zuletzt 2021-09-05", "Colpus 1.1"]),
    // C3, a fragile state: Sri Lanka, FSI 2023 = 90.3.
    ("LKA", 2025, 3, MoeglicherweiseKritisch, &["FSI 2023: 90,3 von 120"]),
    // C3, Kazakhstan stays "kritisch" (January 2022, the brief's judgment).
    ("KAZ", 2025, 3, Kritisch, &["Ausnahmezustand"]),
    // C4, the conflict named: New Zealand backs the US and UK against Yemen's Houthis.
    ("NZL", 2025, 4, Kritisch, &["UCDP-Konflikt 16099", "unterstützt Seite A mit Truppen"]),
    // C4, the neighbour named with its conflicts.
    ("DEU", 2025, 4, MoeglicherweiseKritisch, &["(Niederlande: UCDP 16099"]),
    // C4, a non-state conflict across the border: Colombia (FARC dissidents vs ELN, also in Venezuela).
    ("COL", 2025, 4, MoeglicherweiseKritisch, &["UCDP 15700", "auch in Venezuela"]),
    // C4, a coup in the last five years: Fiji, December 2006.
    ("FJI", 2010, 4, MoeglicherweiseKritisch, &["zuletzt 2006-12-05"]),
];

#[test]
fn each_new_input_decides_a_real_case_and_the_reason_names_it() {
    let (rules, data) = (common::rules(), common::store());
    for (iso3, year, number, rating, fragments) in CASES {
        assert_case(
            &rules,
            &data,
            (iso3, *year, *number, *rating),
            fragments,
            &[],
        );
    }
}

/// Issue: a rating that rests on a missing optional input says so — Kazakhstan without
/// its judgment on the state of emergency.
#[test]
fn a_missing_judgment_is_named_in_the_reason() {
    // JSON words the reasons in the language asked for: German, then English.
    for (lang, text) in [
        (
            "de",
            "Keine Analystenbewertung zu einem Ausnahmezustand mit tödlicher Gewalt hinterlegt",
        ),
        (
            "en",
            "No analyst judgment on a state of emergency with lethal force on file",
        ),
    ] {
        let (code, out, _) = common::standpunkt(&[
            "--lang",
            lang,
            "whatif",
            "KAZ",
            "--set",
            "judgment.emergency_lethal_force=missing",
            "--format",
            "json",
        ]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains(text), "{lang}: {out}");
    }
}
