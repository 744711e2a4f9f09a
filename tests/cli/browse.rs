//! `list`, `show` and `validate` on the embedded bank and on fixture banks.

use crate::common::{TestEnv, fixture, json_of, stdout_of};
use predicates::prelude::*;

#[test]
fn list_prints_every_question_of_the_embedded_bank() {
    let env = TestEnv::new();
    let list = json_of(env.cmd().args(["list", "--format", "json"]));
    let list = list.as_array().expect("an array");
    assert!(list.len() >= 2);
    for entry in list {
        for key in [
            "id",
            "text",
            "tags",
            "rubric_point_count",
            "sample_answer_count",
        ] {
            assert!(entry.get(key).is_some(), "{key} missing in {entry}");
        }
    }
    let text = stdout_of(env.cmd().arg("list"));
    for entry in list {
        assert!(text.contains(entry["id"].as_str().unwrap()));
    }
}

#[test]
fn list_text_is_a_table_fitted_to_the_width() {
    let env = TestEnv::new();
    let narrow = stdout_of(
        env.cmd()
            .args(["list", "--bank"])
            .arg(fixture("banks/valid.yaml"))
            .env("COLUMNS", "60"),
    );
    insta::assert_snapshot!(narrow, @r"
    ID               QUESTION
    first-question   Tell me about a time you tested something.
    second-question  Tell me about a time you told someone a ha…
    2 questions. See one with `earn-trust show ID`.
    ");
    let wide = stdout_of(
        env.cmd()
            .args(["list", "--bank"])
            .arg(fixture("banks/valid.yaml"))
            .env("COLUMNS", "120"),
    );
    insta::assert_snapshot!(wide, @r"
    ID               TAGS             QUESTION
    first-question   testing,failure  Tell me about a time you tested something.
    second-question  candour          Tell me about a time you told someone a hard truth.
    2 questions. See one with `earn-trust show ID`.
    ");
}

#[test]
fn list_rows_never_outgrow_the_terminal_and_show_more_when_wide() {
    let env = TestEnv::new();
    let longest = |columns: &str| {
        let text = stdout_of(env.cmd().arg("list").env("COLUMNS", columns));
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
        let shown: usize = text.lines().map(|l| l.chars().count()).sum();
        (text, widest, shown)
    };
    for columns in [60, 80, 99, 100, 140, 200] {
        let (text, widest, _) = longest(&columns.to_string());
        assert!(widest <= columns, "at {columns} columns:\n{text}");
        assert_eq!(
            text.lines().next().unwrap().contains("TAGS"),
            columns >= 100
        );
    }
    assert!(
        longest("200").2 > longest("140").2,
        "a wider terminal shows more"
    );
}

#[test]
fn list_filters_by_tag_and_rejects_an_unused_tag() {
    let env = TestEnv::new();
    let bank = fixture("banks/valid.yaml");
    let list = json_of(
        env.cmd()
            .args(["list", "--tag", "candour", "--format", "json", "--bank"])
            .arg(&bank),
    );
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["second-question"]);
    env.cmd()
        .args(["list", "--tag", "nope", "--bank"])
        .arg(&bank)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--tag nope").and(predicate::str::contains("candour")));
}

#[test]
fn show_json_has_rubric_samples_and_follow_ups() {
    let env = TestEnv::new();
    let shown = json_of(
        env.cmd()
            .args(["show", "first-question", "--format", "json", "--bank"])
            .arg(fixture("banks/valid.yaml")),
    );
    insta::assert_json_snapshot!(shown);
}

#[test]
fn show_text_lists_rubric_and_samples_unless_told_not_to() {
    let env = TestEnv::new();
    let bank = fixture("banks/valid.yaml");
    let text = stdout_of(
        env.cmd()
            .args(["show", "first-question", "--bank"])
            .arg(&bank),
    );
    insta::assert_snapshot!(text);
    let bare = stdout_of(
        env.cmd()
            .args(["show", "first-question", "--no-samples", "--bank"])
            .arg(&bank),
    );
    assert!(bare.contains("tested-early"));
    assert!(!bare.contains("Sample answer"));
}

#[test]
fn show_of_an_unknown_id_exits_2_and_suggests_the_closest() {
    let env = TestEnv::new();
    env.cmd()
        .args(["show", "first-questio", "--bank"])
        .arg(fixture("banks/valid.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `first-question`"));
}

#[test]
fn validate_reports_counts_for_a_good_bank() {
    let env = TestEnv::new();
    env.cmd()
        .arg("validate")
        .arg(fixture("banks/valid.yaml"))
        .assert()
        .success()
        .stdout("ok: 2 questions, 3 rubric points, 3 sample answers\n");
    env.cmd()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "));
}

#[test]
fn bank_flag_beats_the_environment_variable() {
    let env = TestEnv::new();
    let from_env = json_of(
        env.cmd()
            .args(["list", "--format", "json"])
            .env("EARN_TRUST_BANK", fixture("banks/valid.yaml")),
    );
    assert_eq!(from_env.as_array().unwrap().len(), 2);
    env.cmd()
        .args(["list", "--bank", "/no/such/bank.yaml"])
        .env("EARN_TRUST_BANK", fixture("banks/valid.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/bank.yaml"));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let env = TestEnv::new();
    let bank = fixture("banks/valid.yaml");
    let forced = stdout_of(
        env.cmd()
            .args(["list", "--color", "always", "--bank"])
            .arg(&bank),
    );
    assert!(forced.contains("\x1b["), "--color always colours a pipe");
    let never = stdout_of(
        env.cmd()
            .args(["list", "--color", "never", "--bank"])
            .arg(&bank),
    );
    assert!(!never.contains("\x1b["));
    // auto into a pipe is plain, with or without NO_COLOR
    let auto = stdout_of(
        env.cmd()
            .args(["list", "--bank"])
            .arg(&bank)
            .env_remove("NO_COLOR"),
    );
    assert!(!auto.contains("\x1b["));
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.cmd().args(["list", "--no-such-flag"]).assert().code(2);
    env.cmd().arg("no-such-command").assert().code(2);
    env.cmd()
        .args(["list", "--color", "purple"])
        .assert()
        .code(2);
    env.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("earn-trust "));
}

#[test]
fn every_command_help_ends_with_examples() {
    let env = TestEnv::new();
    let top = stdout_of(env.cmd().arg("--help"));
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 3, "{top}");
    for command in commands {
        let help = stdout_of(env.cmd().args([command, "--help"]));
        let examples = help.split("Examples:\n").nth(1).unwrap_or("");
        assert!(
            examples.trim_start().starts_with("earn-trust "),
            "{command} --help lacks examples:\n{help}"
        );
    }
}

#[test]
fn show_gives_the_premise_and_what_sinks_the_answer() {
    let env = TestEnv::new();
    let json = json_of(
        env.cmd()
            .args(["show", "coached-someone", "--format", "json"]),
    );
    assert!(json["premise"]["text"].as_str().unwrap().len() > 20);
    assert!(!json["premise"]["cues"].as_array().unwrap().is_empty());
    let flags = json["red_flags"].as_array().unwrap();
    assert!(flags.len() >= 2);
    for flag in flags {
        for key in ["id", "flag", "ask", "cues"] {
            assert!(!flag[key].is_null(), "{key} in {flag}");
        }
    }
    let text = stdout_of(env.cmd().args(["show", "coached-someone"]));
    assert!(text.contains("Your story must show:"), "{text}");
    assert!(text.contains("What sinks this answer"), "{text}");
    let first_flag = flags[0]["id"].as_str().unwrap();
    assert!(text.contains(first_flag), "{text}");
}
