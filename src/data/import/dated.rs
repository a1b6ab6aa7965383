//! Dated membership: a treaty or regime status that a source dates (ratification,
//! accession, succession; withdrawal) holds in every year from its date. Shared by the
//! dated treaty importers so that each year's status is derived the same way.
//!
//! An assessment as of year Y sees the status of Y, published in Y (the depositary's
//! record was public then), and not the later scrape the date comes from.

use super::Observation;
use crate::model::value::Value;

/// What a source says about one country and one treaty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// The year the country became a party (None: no action, or a signature only).
    pub joined: Option<i32>,
    /// The year a withdrawal took effect (None: none recorded).
    pub left: Option<i32>,
    /// The source row (0 = inferred from absence).
    pub row: usize,
}

impl Membership {
    /// Not a party: listed without a consent to be bound, or covered but not listed.
    pub fn none(row: usize) -> Membership {
        Membership {
            joined: None,
            left: None,
            row,
        }
    }

    /// The status in `year`: `Some(true)` a party, `Some(false)` not one, `None` when
    /// the source cannot tell (before a withdrawal whose join year it does not give).
    pub fn status(&self, year: i32) -> Option<bool> {
        match (self.joined, self.left) {
            (_, Some(left)) if year >= left => Some(false),
            (Some(joined), _) => Some(year >= joined),
            (None, Some(_)) => None,
            (None, None) => Some(false),
        }
    }
}

/// One observation per year of `years` in which the status is known.
pub fn yearly(
    country: &str,
    indicator: &str,
    membership: Membership,
    years: std::ops::RangeInclusive<i32>,
    edition: &str,
) -> Vec<Observation> {
    years
        .filter_map(|year| {
            membership.status(year).map(|party| Observation {
                country: country.to_string(),
                indicator: indicator.to_string(),
                year,
                published: year,
                edition: edition.to_string(),
                value: Value::Bool(party),
                row: membership.row,
            })
        })
        .collect()
}

/// The year of an ISO date ("2007-06-15"), or None if the text is not one.
pub fn iso_year(text: &str) -> Option<i32> {
    let t = text.trim();
    let b = t.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    match shaped {
        true => t[..4].parse().ok(),
        false => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_by_year() {
        let m = |joined, left| Membership {
            joined,
            left,
            row: 1,
        };
        let cases = [
            // (joined, left, year, status)
            (Some(2007), None, 2006, Some(false)),
            (Some(2007), None, 2007, Some(true)),
            (Some(2004), Some(2025), 2024, Some(true)),
            (Some(2004), Some(2025), 2025, Some(false)),
            (None, Some(2023), 2022, None),
            (None, Some(2023), 2023, Some(false)),
            (None, None, 2020, Some(false)),
        ];
        for (joined, left, year, status) in cases {
            assert_eq!(
                m(joined, left).status(year),
                status,
                "{joined:?} {left:?} {year}"
            );
        }
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_year("2007-06-15"), Some(2007));
        assert_eq!(iso_year(" 1994-05-20 "), Some(1994));
        for bad in ["", "2007", "15.06.2007", "2007-6-15", "20x7-06-15"] {
            assert_eq!(iso_year(bad), None, "{bad}");
        }
    }
}
