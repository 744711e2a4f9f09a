//! Faults, races, odd files and permissions: no answer lost, no file broken, no panic, no
//! hang. Tests run as root here, so a full disk is a file-size limit in a child shell, an
//! unreadable directory is the child dropping root (skipped where `setpriv` is missing),
//! and special files are FIFOs only.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::{TestEnv, json_of, stdout_of};

const QUESTION: &str = "missed-commitment";
const ANSWER: &str = "Last spring I promised our designer the refund API by Thursday. On Monday \
I saw it would slip, told her that day it was my estimate, and gave her a mock server so she \
could build against it. The API landed two days late and the release shipped on time. I learned \
to list the failure cases before I give a date.";

fn bin() -> &'static Path {
    assert_cmd::cargo::cargo_bin!("earn-trust")
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `earn-trust ARGS` in `sh -c` with `setup` run first (a ulimit, a umask), stdin from
/// `input`.
fn in_shell(env: &TestEnv, setup: &str, args: &str, input: &str) -> std::process::Output {
    let script = format!("{setup}; exec \"$BIN\" {args}");
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .env("BIN", bin())
        .env("EARN_TRUST_HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.config.path())
        .env("NO_COLOR", "1")
        .env_remove("EARN_TRUST_BANK")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn save(env: &TestEnv) {
    env.cmd()
        .args(["score", "--question", QUESTION, "--save"])
        .write_stdin(ANSWER)
        .assert()
        .success();
}

#[test]
fn a_full_disk_leaves_no_torn_record_and_the_score_is_still_shown() {
    let env = TestEnv::new();
    save(&env);
    let history = env.path("history.jsonl");
    let before = std::fs::read(&history).unwrap();
    // A file-size limit just above the history as it is: the next record cannot fit.
    let blocks = before.len() / 512 + 1;
    let out = in_shell(
        &env,
        &format!("trap '' XFSZ; ulimit -f {blocks}"),
        &format!("score --question {QUESTION} --save"),
        ANSWER,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Score: "));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot save practice history"));
    assert_eq!(
        std::fs::read(&history).unwrap(),
        before,
        "rolled back to the last good record"
    );
    let leftovers: Vec<_> = std::fs::read_dir(env.home.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let history = json_of(env.cmd().args(["history", "--format", "json"]));
    assert_eq!(history.as_array().unwrap().len(), 1);
}

#[test]
fn a_score_that_cannot_be_saved_is_printed_then_the_error() {
    let env = TestEnv::new();
    let file = env.path("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = env
        .cmd()
        .args(["--data-dir"])
        .arg(&file)
        .args(["score", "--question", QUESTION, "--save"])
        .write_stdin(ANSWER)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Score: "));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is a regular file, not a directory"),
        "{stderr}"
    );
}

#[test]
fn a_data_directory_that_is_a_file_or_a_loop_is_named_for_what_it_is() {
    let env = TestEnv::new();
    let file = env.path("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = env
        .cmd()
        .arg("--data-dir")
        .arg(&file)
        .arg("history")
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a directory"));
    let looped = env.path("loop");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let out = env
        .cmd()
        .arg("--data-dir")
        .arg(&looped)
        .arg("stats")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot be used") && stderr.contains("loop"),
        "{stderr}"
    );
}

#[test]
fn private_data_is_private_whatever_the_umask() {
    let env = TestEnv::new();
    let home = env.path("fresh");
    let out = Command::new("sh")
        .args(["-c", "umask 000; printf '%s' \"$ANSWER\" | exec \"$BIN\" --data-dir \"$HOME_DIR\" score --question missed-commitment --save"])
        .env("BIN", bin())
        .env("ANSWER", ANSWER)
        .env("HOME_DIR", &home)
        .env("XDG_CONFIG_HOME", env.config.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&home), 0o700);
    assert_eq!(mode(&home.join("history.jsonl")), 0o600);
}

#[test]
fn special_files_in_the_data_directory_are_refused_not_waited_on() {
    let env = TestEnv::new();
    mkfifo(&env.path("history.jsonl"));
    for args in [
        &["history"][..],
        &["stats"],
        &["score", "--question", QUESTION, "--save"],
    ] {
        let out = env
            .cmd()
            .args(args)
            .write_stdin(ANSWER)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("FIFO"), "{args:?}: {stderr}");
    }
    // An answer file may be a pipe.
    env.cmd()
        .args([
            "score",
            "--question",
            QUESTION,
            "--answer-file",
            "/dev/stdin",
        ])
        .write_stdin(ANSWER)
        .timeout(Duration::from_secs(30))
        .assert()
        .success();
}

#[test]
fn export_writes_through_a_symlink_and_refuses_a_fifo() {
    let env = TestEnv::new();
    save(&env);
    let real = env.path("journal.md");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = env.path("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    env.cmd()
        .args(["export", "--force", "--output"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("# Practice journal")
    );
    assert_eq!(mode(&real), 0o640);
    let fifo = env.path("pipe");
    mkfifo(&fifo);
    let out = env
        .cmd()
        .args(["export", "--force", "--output"])
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("FIFO"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo_like()
    );
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn a_closed_stderr_is_no_reason_to_panic() {
    let env = TestEnv::new();
    save(&env);
    let mut history = std::fs::read_to_string(env.path("history.jsonl")).unwrap();
    for _ in 0..2000 {
        history.push_str("{damaged\n");
    }
    std::fs::write(env.path("history.jsonl"), history).unwrap();
    let out = Command::new("bash")
        .args([
            "-c",
            "\"$BIN\" history 2>&1 | head -1 >/dev/null; exit ${PIPESTATUS[0]}",
        ])
        .env("BIN", bin())
        .env("EARN_TRUST_HOME", env.home.path())
        .env("XDG_CONFIG_HOME", env.config.path())
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(101), "panicked");
}

#[test]
fn reset_fails_and_says_why_when_it_cannot_look() {
    let env = TestEnv::new();
    save(&env);
    if Command::new("setpriv").arg("--help").output().is_err() {
        eprintln!("skipped: setpriv is not installed");
        return;
    }
    std::fs::set_permissions(env.home.path(), std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin())
        .args(["reset", "--yes"])
        .env("EARN_TRUST_HOME", env.home.path())
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    std::fs::set_permissions(env.home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ermission denied"));
    assert!(env.path("history.jsonl").exists(), "nothing was removed");
}

#[test]
fn empty_environment_variables_count_as_unset() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    env.cmd()
        .env("EARN_TRUST_BANK", "")
        .arg("list")
        .assert()
        .success();
    env.cmd()
        .env("EARN_TRUST_HOME", "")
        .env("XDG_DATA_HOME", data.path())
        .env("HOME", data.path())
        .arg("history")
        .assert()
        .success();
}

#[test]
fn a_piped_drill_reads_a_bounded_amount_whatever_the_count() {
    let env = TestEnv::new();
    let big = "word ".repeat(2_000_000);
    let out = env
        .cmd()
        .args(["drill", "--count", "60000", "--no-save"])
        .write_stdin(big)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 8 MiB"));
}

#[test]
fn one_bank_however_its_path_is_written() {
    let env = TestEnv::new();
    let dir = env.path("banks");
    std::fs::create_dir_all(&dir).unwrap();
    let bank = dir.join("co.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/customer-obsession.yaml"),
        &bank,
    )
    .unwrap();
    let id = "said-no-to-customer";
    for path in ["banks/co.yaml", "./banks/co.yaml"] {
        env.cmd()
            .current_dir(env.home.path())
            .args(["--bank", path, "score", "--question", id, "--save"])
            .write_stdin(ANSWER)
            .assert()
            .success();
    }
    // A record from before, keyed by the path as it was typed, still counts.
    let history = std::fs::read_to_string(env.path("history.jsonl")).unwrap();
    let first = history.lines().next().unwrap();
    let canonical = std::fs::canonicalize(&bank).unwrap().display().to_string();
    let old = first.replace(&canonical, "banks/co.yaml");
    assert_ne!(old, first);
    std::fs::write(env.path("history.jsonl"), format!("{history}{old}\n")).unwrap();
    let stats = json_of(
        env.cmd()
            .current_dir(env.home.path())
            .args(["--bank"])
            .arg(&bank)
            .args(["stats", "--format", "json"]),
    );
    assert_eq!(stats["timeline"].as_array().unwrap().len(), 3, "{stats}");
}

#[test]
fn history_never_prints_escape_sequences_from_a_hand_edited_record() {
    let env = TestEnv::new();
    save(&env);
    let history = std::fs::read_to_string(env.path("history.jsonl")).unwrap();
    let edited = history.replace(
        QUESTION,
        "missed\\u001b[31m-commitment\\u001b]0;owned\\u0007",
    );
    std::fs::write(env.path("history.jsonl"), edited).unwrap();
    let text = stdout_of(env.cmd().arg("history"));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    let journal = stdout_of(env.cmd().arg("export"));
    assert!(!journal.contains('\u{1b}'), "{journal:?}");
}

#[test]
fn weights_out_of_range_are_refused_with_the_reason() {
    let env = TestEnv::new();
    let valid = std::fs::read_to_string(crate::common::fixture("banks/valid.yaml")).unwrap();
    for weight in ["1e308", ".inf", "1001"] {
        let text = valid.replacen("weight: 3", &format!("weight: {weight}"), 1);
        assert_ne!(text, valid);
        let path = env.path("bank.yaml");
        std::fs::write(&path, text).unwrap();
        let out = env
            .cmd()
            .arg("validate")
            .arg(&path)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("at most 1000"), "{weight}: {stderr}");
    }
}
