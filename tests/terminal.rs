//! The terminal: ratings in colour only where stdout is a terminal that wants them
//! (forced here with CLICOLOR_FORCE, as a terminal would get them), plain when piped or
//! with NO_COLOR; shell completions and man pages generated from the command definitions.

mod common;

use common::{repo, standpunkt, TempDir};
use std::process::Command;

const ESC: char = '\u{1b}';

/// Runs the binary with extra environment variables; (exit code, stdout).
fn with_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_standpunkt"));
    command.args(args).current_dir(repo("."));
    command
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn ratings_are_coloured_on_a_terminal_and_plain_otherwise() {
    for args in [&["assess", "KAZ"][..], &["assess", "--all"][..]] {
        let (code, piped) = with_env(args, &[]);
        assert_eq!(code, 0);
        assert!(!piped.contains(ESC), "{args:?}: plain when piped");
        let (_, no_color) = with_env(args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
        assert!(!no_color.contains(ESC), "{args:?}: NO_COLOR wins");
        let (_, coloured) = with_env(args, &[("CLICOLOR_FORCE", "1")]);
        assert!(coloured.contains(ESC), "{args:?}: colour on a terminal");
        assert_eq!(
            strip(&coloured),
            piped,
            "{args:?}: the same text under the colour"
        );
    }
    // Kazakhstan's table: criterion 2 in red ("kritisch"), 1 in green, 4 in yellow.
    let (_, coloured) = with_env(&["assess", "KAZ"], &[("CLICOLOR_FORCE", "1")]);
    let row = |n: &str| {
        coloured
            .lines()
            .find(|l| l.starts_with(n) && l.contains(" | "))
            .unwrap_or_else(|| panic!("row {n}"))
            .to_string()
    };
    assert!(row("2.").contains("\u{1b}[31mkritisch"), "{}", row("2."));
    assert!(
        row("1.").contains("\u{1b}[32mnicht kritisch"),
        "{}",
        row("1.")
    );
    assert!(
        row("4.").contains("\u{1b}[33mmöglicherweise kritisch"),
        "{}",
        row("4.")
    );
    // The matrix: Kazakhstan's letters, each in its colour.
    let (_, matrix) = with_env(&["assess", "--all"], &[("CLICOLOR_FORCE", "1")]);
    let kaz = matrix
        .lines()
        .find(|l| l.starts_with("Kasachstan (KAZ)"))
        .expect("Kazakhstan's row");
    assert!(
        kaz.contains("\u{1b}[31mK\u{1b}[0m") && kaz.contains("\u{1b}[32mN\u{1b}[0m"),
        "{kaz}"
    );
}

#[test]
fn completions_for_each_shell_know_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, script, stderr) = standpunkt(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        for command in [
            "assess",
            "report",
            "diff",
            "whatif",
            "flips",
            "completions",
            "man",
        ] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
        assert!(script.contains("xlsx"), "{shell} completes --format xlsx");
    }
    // The bash script is valid bash.
    let tmp = TempDir::new("completions");
    let file = tmp.path().join("standpunkt.bash");
    std::fs::write(&file, standpunkt(&["completions", "bash"]).1).unwrap();
    let status = Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n accepts the script");
    let (code, _, stderr) = standpunkt(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
}

#[test]
fn man_pages_describe_every_command() {
    let (code, page, _) = standpunkt(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH standpunkt 1"));
    for command in ["assess", "explain", "report", "diff", "completions", "man"] {
        assert!(page.contains(command), "the page names {command}");
    }
    let tmp = TempDir::new("man");
    let dir = tmp.path().join("man1");
    let (code, stdout, stderr) = standpunkt(&["man", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("wrote the man pages"));
    let assess =
        std::fs::read_to_string(dir.join("standpunkt-assess.1")).expect("a page per command");
    assert!(
        assess.contains("xlsx") && assess.contains("\\-\\-out"),
        "assess documents --format xlsx --out"
    );
    assert!(dir.join("standpunkt-report.1").is_file());
}

/// Progress bars are drawn on stderr only when it is a terminal: a piped run of a long
/// command has an empty stderr and the same stdout.
#[test]
fn progress_stays_off_when_stderr_is_piped() {
    let args = &["flips", "--all", "--within", "1"];
    let (code, stdout, stderr) = standpunkt(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    assert!(
        stderr.is_empty(),
        "{args:?}: nothing on stderr, found: {stderr}"
    );
    assert!(!stdout.is_empty(), "{args:?}: the result on stdout");
}
