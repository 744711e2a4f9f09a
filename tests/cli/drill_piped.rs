//! The drill without a terminal: answers piped on stdin, separated by `---` lines.

use crate::common::{TestEnv, fixture};
use predicates::prelude::*;

const ANSWER: &str = "Situation: last spring our release slipped because I had promised a date \
without checking with the database team.\nTask: I owned the launch and had to reset expectations.\n\
Action: I told my director the same day that the miss was my planning error, listened to the \
team's concerns, and published a new plan with weekly checkpoints.\nResult: we shipped two weeks \
late with zero incidents, and I now confirm dependencies before I commit to a date.\n";

fn score_lines(out: &str) -> usize {
    out.lines()
        .filter(|l| l.starts_with("Score: ") && l.contains("/100 ("))
        .count()
}

#[test]
fn drill_reads_piped_answers_without_a_terminal() {
    let env = TestEnv::new();
    let input = format!("{ANSWER}---\n{ANSWER}");
    let out = env
        .cmd()
        .args(["drill", "--seed", "7", "--count", "2"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(score_lines(&stdout), 2, "{stdout}");
    assert!(stdout.contains("Question 1 of 2") && stdout.contains("Question 2 of 2"));
    assert!(stdout.contains("Session summary"));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("Try again"),
        "no menus without a terminal"
    );
}

#[test]
fn the_same_seed_asks_the_same_questions() {
    let env = TestEnv::new();
    let run = |seed: &str| {
        let out = env
            .cmd()
            .args(["drill", "--seed", seed, "--count", "3", "--no-save"])
            .write_stdin(format!("{ANSWER}---\n{ANSWER}---\n{ANSWER}"))
            .output()
            .unwrap();
        // Every question heading, in order: "Question 1 of 3 · id  tags".
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("Question "))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let first = run("11");
    assert_eq!(first.len(), 3, "{first:?}");
    assert_eq!(first, run("11"));
    let mut ids: Vec<&str> = first.iter().filter_map(|l| l.split(' ').nth(5)).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "three different questions: {first:?}");
}

#[test]
fn empty_and_extra_blocks_are_warned_about() {
    let env = TestEnv::new();
    let input = format!("\n---  \r\n{ANSWER}---\n{ANSWER}---\n{ANSWER}");
    env.cmd()
        .args(["drill", "--count", "2", "--mode", "guided"])
        .write_stdin(input)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("skipped 1 empty answer")
                .and(predicate::str::contains("ignored 1 answer"))
                .and(predicate::str::contains("--mode is ignored")),
        );
}

#[test]
fn end_of_input_ends_the_session() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["drill", "--count", "3"])
        .write_stdin(ANSWER)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 questions left unanswered"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(score_lines(&String::from_utf8(out).unwrap()), 1);
}

#[test]
fn a_large_count_is_clamped_with_a_note() {
    let env = TestEnv::new();
    env.cmd()
        .args(["drill", "--count", "50", "--bank"])
        .arg(fixture("banks/valid.yaml"))
        .write_stdin(ANSWER)
        .assert()
        .success()
        .stderr(predicate::str::contains("only 2 questions available"));
}

#[test]
fn a_bad_bank_exits_2_before_the_first_question() {
    let env = TestEnv::new();
    env.cmd()
        .args(["drill", "--bank"])
        .arg(fixture("banks/duplicate-id.yaml"))
        .write_stdin(ANSWER)
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn an_unwritable_data_dir_exits_1_before_the_first_question() {
    let env = TestEnv::new();
    let file = env.path("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    env.cmd()
        .args(["drill", "--data-dir"])
        .arg(file.join("sub"))
        .write_stdin(ANSWER)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("data directory"));
}

#[test]
fn usage_errors_name_the_flag() {
    let env = TestEnv::new();
    env.cmd()
        .args(["drill", "--count", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--count"));
    env.cmd()
        .args(["drill", "--time-limit", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--time-limit"));
    env.cmd()
        .args(["drill", "--mode", "shouting"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--mode"));
    env.cmd()
        .args(["drill", "--tag", "nope"])
        .write_stdin(ANSWER)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--tag nope"));
}

#[test]
fn no_answers_on_stdin_is_bad_input() {
    let env = TestEnv::new();
    env.cmd()
        .args(["drill", "--count", "2"])
        .write_stdin("\n---\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no answers on stdin"));
}

#[test]
fn no_save_without_a_terminal_needs_no_writable_data_dir() {
    let env = TestEnv::new();
    let file = env.path("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    env.cmd()
        .args(["drill", "--count", "1", "--no-save", "--data-dir"])
        .arg(file.join("sub"))
        .write_stdin(ANSWER)
        .assert()
        .success();
}

#[test]
fn a_named_question_conflicts_with_tag_and_count() {
    let env = TestEnv::new();
    env.cmd()
        .args(["drill", "--question", "harsh-truth", "--tag", "failure"])
        .assert()
        .code(2);
}

#[test]
fn the_second_example_bank_drills() {
    let env = TestEnv::new();
    let bank =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/customer-obsession.yaml");
    let out = env
        .cmd()
        .args(["drill", "--count", "1", "--no-save", "--bank"])
        .arg(&bank)
        .write_stdin(ANSWER)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(score_lines(&String::from_utf8(out).unwrap()), 1);
}
