//! `earn-trust score` end to end, and how edits move the score.

use crate::common::{TestEnv, json_of, stdout_of};
use earn_trust::bank::{Bank, BankSource, Level, load_bank};
use earn_trust::scoring::{Grade, score_answer};
use predicates::prelude::*;

const QUESTION: &str = "missed-commitment";

fn bank() -> Bank {
    load_bank(&BankSource::Embedded).unwrap()
}

fn strong_sample(bank: &Bank, id: &str) -> String {
    bank.question(id)
        .unwrap()
        .sample_answers
        .iter()
        .find(|s| s.level == Level::Strong)
        .unwrap()
        .text
        .clone()
}

fn score_of(bank: &Bank, id: &str, text: &str) -> u8 {
    score_answer(bank, bank.question(id).unwrap(), text).score
}

/// A solid answer with room to improve, written for these tests.
const BASE: &str = "Last year I was the analyst on a pricing project for a regional grocery chain, \
and I had promised our category manager, Dana, a markdown model by the first of March so she \
could plan the spring promotions. Two weeks before the date I realised I had underestimated the \
data cleanup: three years of store data used two different product codes. I told Dana the same \
day that I would miss the date, that the mistake was my estimate and not the data team, and I \
offered her a simpler version covering the top two hundred products by the original date. She \
agreed. I worked through the mapping with the data engineer, asked Dana which categories mattered \
most, and delivered the simple model on time and the full one nine days late. Dana used the \
simple model for the first promotion wave. I learned to check the data before I give a date, and \
I now build a one-day data audit into every estimate.";

#[test]
fn score_prints_the_score_line_first_and_explains_it() {
    let env = TestEnv::new();
    let path = env.path("answer.txt");
    std::fs::write(&path, BASE).unwrap();
    let out = stdout_of(
        env.cmd()
            .args(["score", "--question", QUESTION, "--answer-file"])
            .arg(&path),
    );
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("Score: ") && first.contains("/100 ("),
        "{first}"
    );
    for section in [
        "STAR",
        "What a bar-raiser listens for",
        "Signals",
        "Next steps",
    ] {
        assert!(out.contains(section), "{section} missing:\n{out}");
    }
}

/// Redacts a value of one kind, leaving the others (and the keys around it) as they are.
fn redact_kind(
    is_kind: fn(&insta::internals::Content) -> bool,
    as_: &'static str,
) -> insta::internals::Redaction {
    insta::dynamic_redaction(move |value, _| if is_kind(&value) { as_.into() } else { value })
}

fn found() -> insta::internals::Redaction {
    redact_kind(|v| v.as_bool().is_some(), "[bool]")
}

fn list() -> insta::internals::Redaction {
    redact_kind(|v| v.as_slice().is_some(), "[list]")
}

fn number() -> insta::internals::Redaction {
    redact_kind(|v| v.as_f64().is_some() || v.as_u64().is_some(), "[number]")
}

#[test]
fn score_json_has_the_documented_shape() {
    let env = TestEnv::new();
    let report = json_of(
        env.cmd()
            .args(["score", "--question", QUESTION, "--format", "json"])
            .write_stdin(BASE),
    );
    assert!(report["score"].as_u64().unwrap() <= 100);
    // The snapshot pins the shape (keys, and the rubric and signal ids the bank defines);
    // what the scorer found is asserted by ordering and thresholds elsewhere.
    insta::assert_json_snapshot!(report, {
        ".score" => "[score]",
        ".grade" => "[grade]",
        ".feedback" => list(),
        ".self_check" => list(),
        ".premise.found" => found(),
        ".premise.evidence" => list(),
        ".star.*.found" => found(),
        ".star.*.evidence" => list(),
        ".rubric[].hit" => found(),
        ".rubric[].evidence" => list(),
        ".signals.*" => number(),
        ".signals.metrics" => list(),
        ".signals.vague_claims" => list(),
        ".signals.red_flags" => list(),
        ".signals.hypothetical" => found(),
        ".signals.lesson.found" => found(),
        ".signals.lesson.evidence" => list(),
        ".signals.principle[].hit" => found(),
        ".signals.principle[].evidence" => list(),
    });
}

#[test]
fn score_reads_piped_stdin_and_a_dash() {
    let env = TestEnv::new();
    for args in [
        vec!["score", "--question", QUESTION],
        vec!["score", "--question", QUESTION, "--answer-file", "-"],
    ] {
        env.cmd()
            .args(&args)
            .write_stdin(BASE)
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Score: "));
    }
}

#[test]
fn score_refuses_bad_answers_with_exit_2() {
    let env = TestEnv::new();
    let blank = env.path("blank.txt");
    std::fs::write(&blank, " \n\t\n").unwrap();
    env.cmd()
        .args(["score", "--question", QUESTION, "--answer-file"])
        .arg(&blank)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    let big = env.path("big.txt");
    std::fs::write(&big, "word ".repeat(220_000)).unwrap();
    env.cmd()
        .args(["score", "--question", QUESTION, "--answer-file"])
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 MiB"));
    env.cmd()
        .args([
            "score",
            "--question",
            QUESTION,
            "--answer-file",
            "/no/such/answer.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/answer.txt"));
    env.cmd()
        .args(["score", "--question", "no-such-question"])
        .write_stdin(BASE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-question"));
    let latin1 = env.path("latin1.txt");
    std::fs::write(&latin1, b"I told her caf\xe9").unwrap();
    env.cmd()
        .args(["score", "--question", QUESTION, "--answer-file"])
        .arg(&latin1)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn exactly_one_mib_is_scored() {
    let env = TestEnv::new();
    let path = env.path("mib.txt");
    let mut text = "trust ".repeat(1024 * 1024 / 6);
    text.push_str(&"x".repeat(1024 * 1024 - text.len()));
    assert_eq!(text.len(), 1024 * 1024);
    std::fs::write(&path, &text).unwrap();
    let report = json_of(
        env.cmd()
            .args([
                "score",
                "--question",
                QUESTION,
                "--format",
                "json",
                "--answer-file",
            ])
            .arg(&path),
    );
    assert!(report["score"].as_u64().unwrap() < 40);
}

#[test]
fn gaming_answers_stay_below_40() {
    let bank = bank();
    let gaming = [
        "trust candid respect listened feedback self-critical benchmark result 40% improved learned owned commitment customer stakeholders situation task action result ".repeat(3),
        "I listened to my team and earned their trust by being candid. ".repeat(25),
        "blorf quantle mizzen throck vapple drindle skorp yarrow plimb ostrade ".repeat(12),
        "Situation: work.\nTask: trust.\nAction: I listened and was candid.\nResult: 50% better.\n".to_string(),
        format!("{BASE}\n\n{BASE}\n\n{BASE}"),
        "Situation:\n\nTask:\n\nAction:\n\nResult:\n".to_string(),
    ];
    for text in &gaming {
        for question in [QUESTION, "harsh-truth", "benchmark-against-best"] {
            let score = score_of(&bank, question, text);
            assert!(
                score < 40,
                "{question}: {score} for {:?}",
                &text[..60.min(text.len())]
            );
        }
    }
}

#[test]
fn a_strong_answer_grades_above_a_thin_one() {
    let bank = bank();
    let strong = strong_sample(&bank, QUESTION);
    let report = score_answer(&bank, bank.question(QUESTION).unwrap(), &strong);
    assert!(report.grade >= Grade::Strong, "{:?}", report.grade);
    let thin = score_of(
        &bank,
        QUESTION,
        "I missed a deadline once but it was fine in the end.",
    );
    assert!(thin < 40);
}

#[test]
fn adding_a_real_metric_raises_the_score() {
    let bank = bank();
    let without = BASE.replace(
        " and the full one nine days late",
        " and the full one later",
    );
    let with_metric = without.replace(
        "Dana used the simple model for the first promotion wave.",
        "Dana used the simple model for the first promotion wave, and markdown waste fell 12% against the previous spring.",
    );
    assert!(score_of(&bank, QUESTION, &with_metric) > score_of(&bank, QUESTION, &without));
}

#[test]
fn turning_i_into_we_lowers_the_score() {
    let bank = bank();
    let we = BASE
        .replace(" I ", " we ")
        .replace("I told", "We told")
        .replace("I worked", "We worked")
        .replace("I learned", "We learned")
        .replace("I was", "we were")
        .replace("I had", "we had")
        .replace("my estimate", "our estimate");
    assert!(score_of(&bank, QUESTION, &we) < score_of(&bank, QUESTION, BASE));
}

#[test]
fn dropping_the_lesson_lowers_the_score_more_on_a_failure_question() {
    let bank = bank();
    let without = BASE.replace(
        " I learned to check the data before I give a date, and I now build a one-day data audit into every estimate.",
        "",
    );
    assert!(score_of(&bank, QUESTION, &without) < score_of(&bank, QUESTION, BASE));
}

#[test]
fn blaming_others_pulls_the_score_down_hard() {
    let bank = bank();
    let blame = BASE.replace(
        "that the mistake was my estimate and not the data team",
        "that it was the data team's fault because they failed to tell me about the codes",
    );
    let base = score_of(&bank, QUESTION, BASE);
    let blamed = score_of(&bank, QUESTION, &blame);
    assert!(blamed + 15 <= base, "{blamed} vs {base}");
}

#[test]
fn a_hypothetical_answer_does_not_pass() {
    let bank = bank();
    let hypothetical = "If I missed a commitment I would always tell the person right away. I would \
apologise, explain what happened and give them a new date. I think it is important to be honest \
and I would make sure it did not happen again by planning better. I would also ask what I could \
do to limit the impact on them, and I would follow up every week until it was done. In general I \
try to under-promise and over-deliver, and I believe that being candid is the best way to keep \
people's trust over time, especially on a team that depends on each other.";
    assert!(score_of(&bank, QUESTION, hypothetical) < 40);
}

#[test]
fn quoted_evidence_never_carries_escape_sequences() {
    let bank = bank();
    let text = format!(
        "{BASE}\n\u{1b}[2J\u{1b}]0;pwned\u{7}I told Dana \u{1b}[31mplainly\u{1b}[0m it was my mistake."
    );
    let report = score_answer(&bank, bank.question(QUESTION).unwrap(), &text);
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains('\u{1b}') && !json.contains("\\u001b"),
        "{json}"
    );
    assert!(json.contains("plainly"));
}
