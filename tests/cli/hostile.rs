//! Hostile input: bank files and answers built to break a parser or a terminal. Each bad
//! bank ends in a clear error and exit 2 within a generous hang guard; never a panic.

use std::time::Duration;

use crate::common::{TestEnv, fixture, json_of};
use predicates::prelude::*;

/// Only a guard against a hang, far beyond what any of these takes even in a debug build
/// on a loaded machine; speed itself is measured in benches/.
const HANG_GUARD: Duration = Duration::from_secs(120);

fn valid_bank() -> String {
    std::fs::read_to_string(fixture("banks/valid.yaml")).unwrap()
}

#[track_caller]
fn assert_refused(name: &str, content: &[u8], needle: &str) {
    let env = TestEnv::new();
    let path = env.path(name);
    std::fs::write(&path, content).unwrap();
    let out = env
        .cmd()
        .arg("validate")
        .arg(&path)
        .timeout(HANG_GUARD)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(name),
        "{name}: message names the file: {stderr}"
    );
    assert!(
        stderr.to_lowercase().contains(&needle.to_lowercase()),
        "{name}: want {needle:?} in {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
}

#[test]
fn a_billion_laughs_alias_bomb_is_refused() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names: Vec<char> = "abcdefghi".chars().collect();
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    bomb.push_str("version: 1\nprinciple: {name: x, text: y}\nquestions: *i\n");
    // Refused at the first key that is not the format's, before any alias is expanded.
    assert_refused(
        "bomb.yaml",
        bomb.as_bytes(),
        "bomb.yaml:1:1: unknown field `a`",
    );
}

#[test]
fn nesting_ten_thousand_deep_is_refused() {
    let deep = format!("questions: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_refused("deep.yaml", deep.as_bytes(), "deep.yaml:1:");
    // Deep nesting inside a mapping, where the parser itself must stop descending.
    let deep_map = format!("version: 1\nprinciple: {}\n", "{a: ".repeat(10_000));
    assert_refused("deep-map.yaml", deep_map.as_bytes(), "deep-map.yaml");
}

#[test]
fn a_9_mib_file_is_refused_before_parsing() {
    let mut big = valid_bank();
    big.push_str(
        &"# padding padding padding padding padding padding padding padding\n".repeat(150_000),
    );
    assert!(big.len() > 9 * 1024 * 1024);
    assert_refused("nine-mib.yaml", big.as_bytes(), "8 MiB");
}

#[test]
fn a_file_that_is_one_5_mib_scalar_is_refused() {
    assert_refused(
        "scalar.yaml",
        "a".repeat(5 * 1024 * 1024).as_bytes(),
        "invalid type",
    );
}

#[test]
fn binary_bytes_and_invalid_utf8_are_refused() {
    assert_refused(
        "binary.yaml",
        &(0u8..=255).cycle().take(4096).collect::<Vec<_>>(),
        "binary",
    );
    let mut latin1 = valid_bank().into_bytes();
    latin1.extend_from_slice(b"# caf\xe9\n");
    assert_refused("latin1.yaml", &latin1, "UTF-8");
}

#[test]
fn tabs_for_indentation_are_refused_with_a_position() {
    let tabs = valid_bank().replace("  name: Test Principle", "\tname: Test Principle");
    assert_refused("tabs.yaml", tabs.as_bytes(), "tabs.yaml:");
}

#[test]
fn duplicate_keys_are_refused_not_silently_merged() {
    let duplicated = valid_bank().replace("version: 1\n", "version: 1\nversion: 1\n");
    assert_refused(
        "duplicate-keys.yaml",
        duplicated.as_bytes(),
        "duplicate field `version`",
    );
}

#[test]
fn a_mapping_where_a_list_belongs_is_refused() {
    let mapping = "version: 1\nprinciple: {name: x, text: y}\nquestions: {first: 1}\n";
    assert_refused("mapping.yaml", mapping.as_bytes(), "expected a sequence");
}

#[test]
fn empty_and_comment_only_files_are_refused() {
    assert_refused("empty.yaml", b"", "empty");
    assert_refused("comments.yaml", b"# nothing\n  # here either\n", "empty");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let env = TestEnv::new();
    let path = env.path("bom.yaml");
    let mut bytes = vec![0xef, 0xbb, 0xbf];
    bytes.extend_from_slice(valid_bank().as_bytes());
    std::fs::write(&path, bytes).unwrap();
    env.cmd()
        .arg("validate")
        .arg(&path)
        .timeout(HANG_GUARD)
        .assert()
        .success();
}

#[test]
fn ten_thousand_minimal_questions_under_8_mib_are_accepted() {
    let env = TestEnv::new();
    let mut bank = String::from(
        "version: 1\nprinciple:\n  name: Speed\n  text: Leaders are quick.\nquestions:\n",
    );
    for i in 0..10_000 {
        bank.push_str(&format!(
            "  - id: q-{i}\n    text: Tell me about time {i}.\n    rubric:\n      - {{id: r, point: Was quick., weight: 1, cues: [quick]}}\n    sample_answers:\n      - {{level: strong, role: Engineer, text: I was quick., commentary: Quick.}}\n"
        ));
    }
    assert!(bank.len() < 8 * 1024 * 1024);
    let path = env.path("ten-thousand.yaml");
    std::fs::write(&path, bank).unwrap();
    env.cmd()
        .arg("validate")
        .arg(&path)
        .timeout(HANG_GUARD)
        .assert()
        .success()
        .stdout("ok: 10000 questions, 10000 rubric points, 10000 sample answers\n");
}

fn score_json(env: &TestEnv, answer: &[u8]) -> serde_json::Value {
    let path = env.path("answer.txt");
    std::fs::write(&path, answer).unwrap();
    json_of(
        env.cmd()
            .args([
                "score",
                "--question",
                "harsh-truth",
                "--format",
                "json",
                "--answer-file",
            ])
            .arg(&path)
            .timeout(HANG_GUARD),
    )
}

#[test]
fn empty_and_blank_answers_are_refused() {
    let env = TestEnv::new();
    for (name, content) in [("empty.txt", ""), ("blank.txt", " \n\t \r\n")] {
        let path = env.path(name);
        std::fs::write(&path, content).unwrap();
        env.cmd()
            .args(["score", "--question", "harsh-truth", "--answer-file"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("empty"));
    }
}

#[test]
fn one_mib_of_one_word_is_accepted_and_one_byte_more_is_refused() {
    let env = TestEnv::new();
    let mut text = "trust ".repeat(1024 * 1024 / 6);
    while text.len() < 1024 * 1024 {
        text.push('x');
    }
    let report = score_json(&env, text.as_bytes());
    assert!(report["score"].as_u64().unwrap() < 40);
    text.push('x');
    let path = env.path("over.txt");
    std::fs::write(&path, &text).unwrap();
    env.cmd()
        .args(["score", "--question", "harsh-truth", "--answer-file"])
        .arg(&path)
        .timeout(HANG_GUARD)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 MiB"));
}

#[test]
fn one_mib_without_spaces_is_scored_low() {
    let env = TestEnv::new();
    let report = score_json(&env, "a".repeat(1024 * 1024).as_bytes());
    assert!(report["score"].as_u64().unwrap() < 40);
}

#[test]
fn many_scripts_emoji_and_right_to_left_text_are_handled() {
    let env = TestEnv::new();
    let text = "I told my manager 😅 the truth: «c'est ma faute». Я сказал правду. 我告诉了他真相。 \
                قلت له الحقيقة. \u{202e}reversed\u{202c} नमस्ते 👍🏽 and we shipped 20% faster.";
    let report = score_json(&env, text.as_bytes());
    let json = report.to_string();
    assert!(
        !json.contains('\u{202e}'),
        "bidirectional overrides are removed from evidence"
    );
    assert!(report["score"].as_u64().unwrap() <= 100);
}

#[test]
fn escape_sequences_in_answers_never_reach_the_terminal() {
    let env = TestEnv::new();
    let answer = "Last year I told my team lead, \u{1b}[2J\u{1b}[31mplainly\u{1b}[0m, that the \
                  launch would slip.\u{7}\u{1b}]0;owned\u{7} I apologised and we shipped 2 weeks \
                  later; I learned to flag risks early.\u{0}\u{8}";
    let path = env.path("escapes.txt");
    std::fs::write(&path, answer).unwrap();
    let out = env
        .cmd()
        .args([
            "score",
            "--question",
            "harsh-truth",
            "--color",
            "never",
            "--answer-file",
        ])
        .arg(&path)
        .timeout(HANG_GUARD)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{0}'),
        "{text:?}"
    );
    assert!(text.contains("plainly"));
}
