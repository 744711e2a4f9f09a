//! Every validation rule broken by a fixture: exit 2, and the message names the file,
//! the question at fault and the line of the field that is wrong (the question's `id:`
//! line for what concerns the whole question).

use crate::common::{TestEnv, fixture};
use predicates::prelude::*;

#[track_caller]
fn assert_rejected(name: &str, needles: &[&str]) -> String {
    let env = TestEnv::new();
    let path = fixture(&format!("banks/{name}"));
    let out = env
        .cmd()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        stderr.contains(name),
        "{name}: the message names the file: {stderr}"
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{name}: want `{needle}` in: {stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn validate_reports_duplicate_question_ids() {
    assert_rejected(
        "duplicate-id.yaml",
        &[":36:", "`first-question`", "duplicate question id"],
    );
}

#[test]
fn validate_reports_duplicate_rubric_ids() {
    assert_rejected(
        "duplicate-rubric-id.yaml",
        &[":21:", "duplicate rubric id `tested-early`"],
    );
}

#[test]
fn validate_reports_empty_text() {
    assert_rejected(
        "empty-text.yaml",
        &[":37:", "`second-question`", "empty question text"],
    );
}

#[test]
fn validate_reports_weights_not_above_zero() {
    assert_rejected(
        "zero-weight.yaml",
        &[":42:", "`second-question`", "weight 0"],
    );
}

#[test]
fn validate_reports_a_question_without_rubric() {
    assert_rejected(
        "no-rubric.yaml",
        &[":36:", "`second-question`", "no rubric point"],
    );
}

#[test]
fn validate_reports_a_question_without_samples() {
    assert_rejected(
        "no-sample.yaml",
        &[":36:", "`second-question`", "no sample answer"],
    );
}

#[test]
fn validate_reports_ids_that_are_not_kebab_case() {
    assert_rejected(
        "not-kebab.yaml",
        &[":36:", "`Second_Question`", "kebab-case"],
    );
}

#[test]
fn validate_reports_an_unsupported_version() {
    assert_rejected("bad-version.yaml", &[":2:", "unsupported version 2"]);
}

#[test]
fn validate_reports_an_unknown_level() {
    assert_rejected(
        "unknown-level.yaml",
        &[":30:", "`first-question`", "unknown level `mediocre`"],
    );
}

#[test]
fn validate_reports_every_problem_at_once() {
    let stderr = assert_rejected(
        "two-problems.yaml",
        &["2 problems", "`Bad Id`", "weight -1"],
    );
    assert!(
        stderr.contains(":19:") && stderr.contains(":36:"),
        "{stderr}"
    );
}

#[test]
fn unknown_fields_name_the_field_line_and_column() {
    assert_rejected(
        "unknown-field.yaml",
        &[":50:5:", "unknown field `difficulty`"],
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    assert_rejected("syntax-error.yaml", &[":39:11:"]);
}

#[test]
fn wrong_types_name_line_and_column() {
    assert_rejected("wrong-type.yaml", &[":42:17:", "weight"]);
}

#[test]
fn oversized_banks_are_refused_before_parsing() {
    let env = TestEnv::new();
    let path = env.path("huge.yaml");
    let mut text = std::fs::read_to_string(fixture("banks/valid.yaml")).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(98)).repeat(90_000));
    std::fs::write(&path, text).unwrap();
    env.cmd()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("8 MiB").and(predicate::str::contains("huge.yaml")));
}

#[test]
fn binary_and_non_utf8_banks_are_refused() {
    let env = TestEnv::new();
    let binary = env.path("binary.yaml");
    std::fs::write(&binary, (0u8..=255).collect::<Vec<_>>()).unwrap();
    env.cmd()
        .arg("validate")
        .arg(&binary)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary.yaml:1:1").and(predicate::str::contains("NUL")));
    let latin1 = env.path("latin1.yaml");
    std::fs::write(&latin1, b"version: 1\nprinciple: caf\xe9\n").unwrap();
    env.cmd()
        .arg("validate")
        .arg(&latin1)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("latin1.yaml:2:15").and(predicate::str::contains("UTF-8")),
        );
}

#[test]
fn a_missing_bank_file_exits_2_naming_it() {
    let env = TestEnv::new();
    env.cmd()
        .args(["validate", "/no/such/file.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/file.yaml"));
}

#[test]
fn samples_the_scorer_reads_against_their_level_are_warned_about_not_refused() {
    let env = TestEnv::new();
    // The fixture's strong samples are one-line sketches, far under a strong score.
    let out = env
        .cmd()
        .arg("validate")
        .arg(fixture("banks/valid.yaml"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "))
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("valid.yaml")
            && stderr.contains("question `first-question`: sample answer 1 (strong")
            && stderr.contains("under 70"),
        "{stderr}"
    );
    // The project's own banks score their samples as labelled.
    for bank in [None, Some("content/customer-obsession.yaml")] {
        let mut cmd = env.cmd();
        cmd.arg("validate");
        if let Some(bank) = bank {
            cmd.arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(bank));
        }
        cmd.assert().success().stderr("");
    }
}
