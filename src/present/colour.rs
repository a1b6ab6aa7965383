//! Ratings in colour on a terminal: red "kritisch", yellow "möglicherweise kritisch",
//! green "nicht kritisch", grey "nicht bewertbar" — in the all-country matrix and in the
//! table of one assessment.
//!
//! The text renderers stay plain (snapshots, pipes and files read them); this module
//! colours their output afterwards, where it finds a rating in its place, and leaves
//! every other character as it was — and only when stdout wants colour ([`enabled`]:
//! a terminal, no `NO_COLOR`; `CLICOLOR_FORCE` forces it), so its result can go to any
//! writer. [`print()`] writes through `anstream`, which strips colour again where it is
//! not wanted.

use crate::model::assessment::Assessment;
use crate::model::rating::{Lang, Rating};
use anstyle::{AnsiColor, Style};
use std::io::Write;

/// Whether stdout takes colour: a terminal (or `CLICOLOR_FORCE`), and no `NO_COLOR`.
pub fn enabled() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// The terminal style of a rating.
pub fn style(rating: Rating) -> Style {
    let colour = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    match rating {
        Rating::Kritisch => colour(AnsiColor::Red).bold(),
        Rating::MoeglicherweiseKritisch => colour(AnsiColor::Yellow).bold(),
        Rating::NichtKritisch => colour(AnsiColor::Green),
        Rating::NichtBewertbar => colour(AnsiColor::BrightBlack),
    }
}

fn paint(text: &str, rating: Rating) -> String {
    let style = style(rating);
    format!("{style}{text}{style:#}")
}

/// The matrix of `render::matrix`, its rating letters coloured where stdout takes colour.
pub fn matrix(plain: &str, assessments: &[Assessment], lang: Lang) -> String {
    match enabled() {
        true => matrix_coloured(plain, assessments, lang),
        false => plain.to_string(),
    }
}

/// The matrix with its letters coloured: on each line that starts with an assessment's
/// country, the letters of its ratings that follow the name.
pub fn matrix_coloured(plain: &str, assessments: &[Assessment], lang: Lang) -> String {
    let mut rows = assessments.iter().peekable();
    let mut out = String::with_capacity(plain.len() * 2);
    for line in plain.split_inclusive('\n') {
        let coloured = rows.peek().and_then(|a| {
            let name = a.country(lang);
            let rest = line.strip_prefix(name.as_str())?;
            let letters: Vec<char> = a.criteria.iter().map(|c| letter(c.rating)).collect();
            let cells: String = letters
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            let at = rest.find(&cells)?;
            // Only blanks between the name and the letters.
            if !rest[..at].chars().all(|c| c == ' ') {
                return None;
            }
            let painted: Vec<String> = a
                .criteria
                .iter()
                .zip(&letters)
                .map(|(c, l)| paint(&l.to_string(), c.rating))
                .collect();
            Some(format!(
                "{name}{}{}{}",
                &rest[..at],
                painted.join(" "),
                &rest[at + cells.len()..]
            ))
        });
        match coloured {
            Some(line) => {
                out.push_str(&line);
                rows.next();
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The text of `render::assessment`, its rating words coloured where stdout takes colour.
pub fn assessment(plain: &str, assessments: &[Assessment], lang: Lang) -> String {
    match enabled() {
        true => assessment_coloured(plain, assessments, lang),
        false => plain.to_string(),
    }
}

/// The text of `render::assessment` (one or more), each criterion's rating word coloured
/// where a line starts with "N. title" of a criterion and ends in a rating word: the
/// table's rows and the headings of the reasons.
pub fn assessment_coloured(plain: &str, assessments: &[Assessment], lang: Lang) -> String {
    let mut out = String::with_capacity(plain.len() + 1024);
    let heads: Vec<String> = assessments
        .first()
        .map(|a| {
            a.criteria
                .iter()
                .map(|c| format!("{}. {}", c.number, c.title(lang)))
                .collect()
        })
        .unwrap_or_default();
    for line in plain.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        // The longest rating word the line ends in ("nicht kritisch" also ends in "kritisch").
        let hit = heads
            .iter()
            .any(|head| body.starts_with(head.as_str()))
            .then(|| {
                Rating::ALL
                    .into_iter()
                    .filter(|r| body.ends_with(r.label(lang)))
                    .max_by_key(|r| r.label(lang).len())
            })
            .flatten();
        match hit {
            Some(rating) => {
                let word = rating.label(lang);
                out.push_str(&body[..body.len() - word.len()]);
                out.push_str(&paint(word, rating));
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The letter `render::matrix` prints for a rating.
fn letter(rating: Rating) -> char {
    match rating {
        Rating::Kritisch => 'K',
        Rating::MoeglicherweiseKritisch => 'M',
        Rating::NichtKritisch => 'N',
        Rating::NichtBewertbar => '?',
    }
}

/// Writes `text` to stdout, with its colours only where stdout is a terminal that wants
/// them. A closed pipe (`| head`) ends the output quietly.
pub fn print(text: &str) {
    let mut out = anstream::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_keeps_the_text_and_adds_only_escape_codes() {
        let red = paint("K", Rating::Kritisch);
        assert!(red.starts_with("\u{1b}[") && red.contains('K') && red.ends_with("\u{1b}[0m"));
        let stripped: String = anstream::adapter::strip_str(&red).to_string();
        assert_eq!(stripped, "K");
    }
}
