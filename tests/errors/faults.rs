//! Faults of the surroundings: a closed pipe, a full disk, a folder too small for the
//! report site. Output never panics, errors are one line "cannot write …", and a failed
//! site leaves the old one (or nothing) in place.

use crate::common;
use common::{repo, TempDir};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_standpunkt"));
    cmd.current_dir(repo("."));
    cmd
}

/// Reads `n` bytes of the command's output, closes the pipe, returns (exit code, stderr).
fn read_then_close(args: &[&str], n: usize) -> (i32, String) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = vec![0; n];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["assess", "--all", "--format", "json"][..],
        &[
            "assess",
            "--all",
            "--years",
            "2015..2024",
            "--format",
            "csv",
        ],
        &["assess", "--all"],
        &["explain", "KAZ", "2", "--format", "json"],
        &["check", "--years", "2024"],
    ] {
        let (code, stderr) = read_then_close(args, 10);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_is_one_line_and_exit_1() {
    for args in [
        &["assess", "KAZ"][..],
        &["assess", "KAZ", "--format", "json"],
        &["assess", "--all", "--format", "csv"],
        &["rescore"],
        &["check", "--rules-only"],
    ] {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = bin().args(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(
            stderr.trim_end(),
            "error: cannot write standard output: No space left on device (os error 28)",
            "{args:?}"
        );
    }
}

/// A folder that holds at most `kib` KiB: a tmpfs where mounting works (root), else the
/// process's file-size limit (RLIMIT_FSIZE) in a shell wrapper, which makes a large
/// write fail with EFBIG instead of ENOSPC.
struct Small {
    dir: TempDir,
    mounted: bool,
}

impl Small {
    fn new(name: &str, kib: usize) -> Small {
        let dir = TempDir::new(name);
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("mount not permitted: limiting the file size with ulimit -f instead");
        }
        Small { dir, mounted }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The command, limited to files of `kib` KiB where no tmpfs could be mounted.
    fn run(&self, args: &[&str], kib: usize) -> (i32, String) {
        let out = if self.mounted {
            bin().args(args).output().unwrap()
        } else {
            Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"",
                    kib * 2
                ))
                .arg(env!("CARGO_BIN_EXE_standpunkt"))
                .args(args)
                .current_dir(repo("."))
                .output()
                .unwrap()
        };
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

impl Drop for Small {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(self.dir.path()).status();
        }
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_site_that_does_not_fit_leaves_the_old_site() {
    // 400 KiB: the old site fits, the new one (≈ 15 MB, 200 pages) does not.
    let small = Small::new("small-site", 400);
    let site: PathBuf = small.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.html"), "old overview").unwrap();
    std::fs::write(site.join("KAZ.html"), "old page").unwrap();
    let out = site.to_str().unwrap();
    let (code, stderr) = small.run(&["report", "--all", "--out", out], 400);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: cannot write "), "{stderr}");
    assert!(stderr.contains(&format!("{}/", site.display())), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The old site, whole, and nothing else.
    assert_eq!(listing(small.path()), ["site"]);
    assert_eq!(listing(&site), ["KAZ.html", "index.html"]);
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        "old overview"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("KAZ.html")).unwrap(),
        "old page"
    );
}

#[test]
fn a_new_site_that_does_not_fit_leaves_nothing() {
    let small = Small::new("small-new-site", 400);
    let site = small.path().join("site");
    let (code, stderr) = small.run(&["report", "--all", "--out", site.to_str().unwrap()], 400);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: cannot write "), "{stderr}");
    assert!(
        listing(small.path()).is_empty(),
        "{:?}",
        listing(small.path())
    );
}

#[test]
fn a_page_that_does_not_fit_leaves_the_old_page() {
    let small = Small::new("small-page", 40);
    std::fs::write(small.path().join("KAZ.html"), "old page").unwrap();
    let (code, stderr) = small.run(
        &["report", "KAZ", "--out", small.path().to_str().unwrap()],
        40,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: cannot write "), "{stderr}");
    assert!(stderr.contains("KAZ.html"), "{stderr}");
    assert_eq!(listing(small.path()), ["KAZ.html"]);
    assert_eq!(
        std::fs::read_to_string(small.path().join("KAZ.html")).unwrap(),
        "old page"
    );
}

#[test]
fn a_site_replaces_the_old_one_whole() {
    let dir = TempDir::new("site-replaced");
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(
        site.join("XXX.html"),
        "a page of a country no longer listed",
    )
    .unwrap();
    let (code, _, stderr) =
        common::standpunkt(&["report", "--all", "--out", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.join("XXX.html").exists());
    assert!(site.join("index.html").exists() && site.join("KAZ.html").exists());
    assert_eq!(listing(dir.path()), ["site"]);
}

#[test]
fn a_folder_with_other_files_is_refused_and_kept() {
    let dir = TempDir::new("site-foreign");
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    common::fails_with(
        &["report", "--all", "--out", dir.path().to_str().unwrap()],
        &["notes.txt", "choose a new or empty folder"],
    );
    assert_eq!(listing(dir.path()), ["notes.txt"]);
}
