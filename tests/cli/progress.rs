//! Practice history, stats, export and reset, through the real binary with a private
//! data directory.

use std::process::{Command, Stdio};

use crate::common::{TestEnv, fixture, json_of, stdout_of};
use predicates::prelude::*;

const ANSWER: &str = "Situation: I missed a promised date for a client report because I \
underestimated the data cleanup. Action: I called the client myself, said it was my error, and \
delivered a partial report the next morning. Result: they renewed, and I now add a buffer of 20% \
to every estimate.";

fn save(env: &TestEnv, question: &str, extra: &[&str]) {
    env.cmd()
        .args(["score", "--question", question, "--save"])
        .args(extra)
        .write_stdin(ANSWER)
        .assert()
        .success();
}

fn history_lines(env: &TestEnv) -> Vec<String> {
    std::fs::read_to_string(env.path("history.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn saved_scores_round_trip_through_history() {
    let env = TestEnv::new();
    save(&env, "missed-commitment", &[]);
    save(&env, "harsh-truth", &["--no-answer-text"]);
    let history = json_of(env.cmd().args(["history", "--format", "json"]));
    let records = history.as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["question"], "harsh-truth", "newest first");
    assert!(records[0]["answer"].is_null());
    let first = &records[1];
    assert_eq!(first["answer"], ANSWER);
    for key in [
        "schema", "at", "bank", "question", "kind", "score", "grade", "hit", "missed", "words",
        "seconds", "mode",
    ] {
        assert!(first.get(key).is_some(), "{key} missing");
    }
    assert_eq!(first["mode"], "score");
    assert_eq!(first["kind"], "first");
    assert_eq!(first["bank"], "embedded");
    let last = json_of(
        env.cmd()
            .args(["history", "--last", "1", "--format", "json"]),
    );
    assert_eq!(last.as_array().unwrap().len(), 1);
}

#[test]
fn history_compares_consecutive_attempts_at_a_question() {
    let env = TestEnv::new();
    env.cmd()
        .args(["score", "--question", "missed-commitment", "--save"])
        .write_stdin("We missed a date once and we fixed it as a team the next week.")
        .assert()
        .success();
    save(&env, "missed-commitment", &[]);
    let text = stdout_of(
        env.cmd()
            .args(["history", "--question", "missed-commitment"]),
    );
    assert!(text.contains("Attempts at missed-commitment"));
    assert!(text.contains('+'), "the rewrite's gain is shown: {text}");
    assert!(text.contains("now hits:"), "{text}");
}

#[test]
fn a_damaged_line_is_reported_skipped_and_kept() {
    let env = TestEnv::new();
    save(&env, "harsh-truth", &[]);
    let path = env.path("history.jsonl");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"broken\": tru\n");
    std::fs::write(&path, &bytes).unwrap();
    save(&env, "harsh-truth", &[]);
    let before = std::fs::read(&path).unwrap();
    env.cmd()
        .args(["history", "--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("history.jsonl:2:"))
        .stdout(predicate::function(|out: &str| {
            serde_json::from_str::<serde_json::Value>(out)
                .unwrap()
                .as_array()
                .unwrap()
                .len()
                == 2
        }));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing is rewritten"
    );
}

#[test]
fn concurrent_writers_lose_no_record() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..8)
        .map(|_| {
            let mut child = Command::new(assert_cmd::cargo::cargo_bin!("earn-trust"))
                .args([
                    "score",
                    "--question",
                    "harsh-truth",
                    "--save",
                    "--format",
                    "json",
                ])
                .env("EARN_TRUST_HOME", env.home.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(ANSWER.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let lines = history_lines(&env);
    assert_eq!(lines.len(), 8);
    let records: Vec<serde_json::Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).expect("every line is a whole record"))
        .collect();
    // One first try a question a day, however many saves race for it.
    let days: std::collections::BTreeSet<&str> = records
        .iter()
        .map(|r| &r["at"].as_str().unwrap()[..10])
        .collect();
    let firsts = records.iter().filter(|r| r["kind"] == "first").count();
    assert_eq!(firsts, days.len(), "{lines:#?}");
}

#[test]
fn score_save_is_a_first_try_once_a_day_per_question_and_bank() {
    let env = TestEnv::new();
    save(&env, "harsh-truth", &[]);
    env.cmd()
        .args(["score", "--question", "harsh-truth", "--save"])
        .write_stdin(ANSWER)
        .assert()
        .success()
        .stderr(predicate::str::contains("saved as a retry"));
    save(&env, "missed-commitment", &[]);
    let user_bank = fixture("banks/valid.yaml");
    save(
        &env,
        "first-question",
        &["--bank", user_bank.to_str().unwrap()],
    );
    let kinds: Vec<(String, String)> = history_lines(&env)
        .iter()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                record["question"].as_str().unwrap().to_string(),
                record["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let days: std::collections::BTreeSet<String> = history_lines(&env)
        .iter()
        .map(|line| line.split("\"at\":\"").nth(1).unwrap()[..10].to_string())
        .collect();
    if days.len() == 1 {
        assert_eq!(
            kinds,
            [
                ("harsh-truth", "first"),
                ("harsh-truth", "retry"),
                ("missed-commitment", "first"),
                ("first-question", "first"),
            ]
            .map(|(q, k)| (q.to_string(), k.to_string()))
        );
    }
}

#[test]
fn drill_saves_each_answer_unless_told_not_to() {
    let env = TestEnv::new();
    let two = format!("{ANSWER}\n---\n{ANSWER}\n");
    env.cmd()
        .args(["drill", "--count", "2", "--no-save"])
        .write_stdin(two.clone())
        .assert()
        .success();
    assert!(history_lines(&env).is_empty());
    env.cmd()
        .args(["drill", "--count", "2", "--no-answer-text"])
        .write_stdin(two)
        .assert()
        .success();
    let records = json_of(env.cmd().args(["history", "--format", "json"]));
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert!(
        records
            .iter()
            .all(|r| r["answer"].is_null() && r["mode"] == "piped")
    );
}

#[test]
fn drill_asks_never_answered_questions_first() {
    let env = TestEnv::new();
    let bank = fixture("banks/valid.yaml");
    env.cmd()
        .args(["score", "--question", "first-question", "--save", "--bank"])
        .arg(&bank)
        .write_stdin(ANSWER)
        .assert()
        .success();
    for seed in ["1", "2", "3", "4"] {
        let out = stdout_of(
            env.cmd()
                .args([
                    "drill",
                    "--count",
                    "1",
                    "--no-save",
                    "--seed",
                    seed,
                    "--bank",
                ])
                .arg(&bank)
                .write_stdin(ANSWER),
        );
        assert!(out.contains("second-question"), "seed {seed}: {out}");
    }
}

#[test]
fn stats_show_attempts_readiness_and_never_practised() {
    let env = TestEnv::new();
    save(&env, "missed-commitment", &[]);
    save(&env, "missed-commitment", &[]);
    let stats = json_of(env.cmd().args(["stats", "--format", "json"]));
    let questions = stats["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 1);
    assert_eq!(questions[0]["all_attempts"], 2);
    // Saved the same day, the second is a retry: one first try, no trend yet.
    let days: std::collections::BTreeSet<String> = history_lines(&env)
        .iter()
        .map(|line| line.split("\"at\":\"").nth(1).unwrap()[..10].to_string())
        .collect();
    assert_eq!(questions[0]["attempts"], days.len());
    let bank_size = json_of(env.cmd().args(["list", "--format", "json"]))
        .as_array()
        .unwrap()
        .len();
    assert_eq!(stats["readiness"]["total"], bank_size);
    assert_eq!(
        stats["never_practised"].as_array().unwrap().len(),
        bank_size - 1
    );
    assert_eq!(stats["timeline"].as_array().unwrap().len(), 2);
    assert!(
        stats["data_dir"]
            .as_str()
            .unwrap()
            .contains(env.home.path().to_str().unwrap())
    );
    let text = stdout_of(env.cmd().arg("stats"));
    assert!(text.contains("Scores over time"));
}

#[test]
fn a_long_history_makes_one_chart_line_that_fits_the_width() {
    let env = TestEnv::new();
    let first = std::fs::read_to_string(fixture("history.jsonl"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let lines: Vec<String> = (0..3000)
        .map(|i| first.replace("\"score\": 18", &format!("\"score\": {}", i % 101)))
        .collect();
    std::fs::write(env.path("history.jsonl"), lines.join("\n") + "\n").unwrap();
    let text = stdout_of(env.cmd().arg("stats").env("COLUMNS", "80"));
    let chart: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Scores over time"))
        .collect();
    assert_eq!(chart.len(), 1, "{text}");
    assert!(chart[0].chars().count() <= 80, "{}", chart[0]);
    assert!(chart[0].contains("each mark:"), "{}", chart[0]);
}

#[test]
fn export_writes_a_journal_of_fixture_history() {
    let env = TestEnv::new();
    std::fs::copy(fixture("history.jsonl"), env.path("history.jsonl")).unwrap();
    let journal = stdout_of(env.cmd().arg("export"));
    insta::assert_snapshot!(journal);
}

#[test]
fn export_refuses_to_overwrite_without_force() {
    let env = TestEnv::new();
    save(&env, "harsh-truth", &[]);
    let out = env.path("journal.md");
    std::fs::write(&out, "keep me").unwrap();
    env.cmd()
        .args(["export", "--output"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    env.cmd()
        .args(["export", "--force", "--format", "json", "--output"])
        .arg(&out)
        .assert()
        .success();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(written[0]["feedback"].is_array());
}

#[test]
fn reset_changes_nothing_without_yes() {
    let env = TestEnv::new();
    save(&env, "harsh-truth", &[]);
    let before = std::fs::read(env.path("history.jsonl")).unwrap();
    env.cmd()
        .arg("reset")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("history.jsonl"))
        .stderr(predicate::str::contains("--yes"));
    assert_eq!(std::fs::read(env.path("history.jsonl")).unwrap(), before);
    env.cmd().args(["reset", "--yes"]).assert().success();
    assert!(!env.path("history.jsonl").exists());
    env.cmd()
        .arg("reset")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing to remove"));
}

#[test]
fn stats_leave_out_answers_to_another_bank() {
    let env = TestEnv::new();
    env.cmd()
        .args(["score", "--question", "first-question", "--save", "--bank"])
        .arg(fixture("banks/valid.yaml"))
        .write_stdin(ANSWER)
        .assert()
        .success();
    save(&env, "harsh-truth", &[]);
    let stats = json_of(env.cmd().args(["stats", "--format", "json"]));
    let questions = stats["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 1);
    assert_eq!(questions[0]["question"], "harsh-truth");
    env.cmd().args(["history", "--last", "0"]).assert().code(2);
}
