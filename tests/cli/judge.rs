//! The model judge against a fake OpenAI-compatible server on 127.0.0.1: what is sent,
//! how servers' differences are handled, how verdicts are checked and combined, and that a
//! judge that fails never fails the command.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{TestEnv, json_of, stdout_of};
use crate::fake_judge::{FakeJudge, Reply};

const QUESTION: &str = "harsh-truth";

/// A candid answer written for these tests.
const ANSWER: &str = "Last spring I led the analytics team at a grocery chain. Our VP of \
stores, Dana, had told the board a new forecast would cut waste by 20 percent. After six weeks \
of back-testing I knew it could not deliver more than about 6 percent. I booked thirty minutes \
with her, showed her the charts, and said plainly that the 20 percent was not achievable and \
that my own early estimate had been too optimistic. I proposed 6 to 8 percent with a plan to \
reach 12 percent by adding supplier data, and offered to present the correction myself. She \
was frustrated but took the revised numbers to the board. We reached 7 percent in the quarter \
and 11 percent by the end of the year. I learned to give ranges from the first week.";

fn rubric_ids(env: &TestEnv) -> Vec<String> {
    let show = json_of(env.cmd().args(["show", QUESTION, "--format", "json"]));
    show["rubric"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

/// A verdict with every rubric point met by a real sentence of the answer.
fn verdict(ids: &[String], overall: u8, flags: Value, on_question: bool) -> String {
    let sentences: Vec<&str> = ANSWER.split(". ").collect();
    let rubric: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| json!({"id": id, "verdict": "met", "quote": sentences[(i + 2) % sentences.len()]}))
        .collect();
    json!({"rubric": rubric, "red_flags": flags, "on_question": on_question,
           "overall": overall, "reason": "candid and specific"})
    .to_string()
}

fn score(env: &TestEnv, extra: &[&str]) -> (Value, String) {
    let out = env
        .cmd()
        .args(["score", "--question", QUESTION, "--format", "json"])
        .args(extra)
        .write_stdin(ANSWER)
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .get_output()
        .clone();
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn judge_flags(server: &FakeJudge) -> Vec<String> {
    vec![
        "--judge".into(),
        server.url.clone(),
        "--judge-model".into(),
        "fake-model".into(),
    ]
}

fn args(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

#[test]
fn a_full_verdict_lifts_the_score_and_the_request_carries_what_it_should() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 5, json!([]), true);
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    let (plain, _) = score(&env, &[]);
    assert!(
        plain.get("judge").is_none(),
        "without a judge the JSON is unchanged"
    );
    let flags = judge_flags(&server);
    let (judged, _) = score(&env, &args(&flags));
    assert!(judged["score"].as_u64().unwrap() >= 90, "{judged}");
    assert_eq!(judged["judge"]["model"], "fake-model");
    assert_eq!(judged["judge"]["host"], "127.0.0.1");
    assert_eq!(judged["judge"]["rules_score"], plain["score"]);
    assert!(
        judged["judge"]["rubric"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["verified"] == true)
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.path, "/v1/chat/completions");
    assert_eq!(request.body["model"], "fake-model");
    assert_eq!(request.body["temperature"], 0.0);
    assert!(request.body["seed"].is_u64());
    assert_eq!(request.body["response_format"]["type"], "json_schema");
    let sent = request.body["messages"].to_string();
    assert!(sent.contains("harsh truth") && sent.contains("12 percent by adding supplier data"));
    assert!(
        request.header("authorization").is_none(),
        "no key, no header"
    );
}

#[test]
fn a_verified_breach_or_another_question_sinks_and_an_invented_quote_counts_for_nothing() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let real = "offered to present the correction myself";
    let invented = "I quietly changed the forecast before anyone could check it";
    for (flags, on_question, sinks) in [
        (json!([{"kind": "misleading", "quote": real}]), true, true),
        (json!([]), false, true),
        (
            json!([{"kind": "misleading", "quote": invented}]),
            true,
            false,
        ),
    ] {
        let content = verdict(&ids, 4, flags.clone(), on_question);
        let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
        let mut options = judge_flags(&server);
        options.push("--judge-refresh".into());
        let (judged, _) = score(&env, &args(&options));
        let score = judged["score"].as_u64().unwrap();
        assert_eq!(score < 40, sinks, "{flags} {on_question}: {score}");
        if !sinks {
            assert_eq!(judged["judge"]["red_flags"][0]["verified"], false);
        }
    }
}

#[test]
fn a_rejected_schema_is_retried_as_json_object_and_the_form_is_remembered() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 4, json!([]), true);
    let server = FakeJudge::start(move |request, _| {
        if request.body["response_format"]["type"] == "json_schema" {
            Reply::Status(500, "Input should be 'text' or 'json_object'".into())
        } else {
            Reply::Content(format!("Here you go:\n```json\n{content}\n```"))
        }
    });
    let flags = judge_flags(&server);
    let (judged, stderr) = score(&env, &args(&flags));
    assert!(judged.get("judge").is_some(), "{stderr}");
    let first: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| r.body["response_format"]["type"].clone())
        .collect();
    assert_eq!(first, [json!("json_schema"), json!("json_object")]);
    // Asked again (a fresh verdict), the form that worked goes first.
    let mut refresh = flags.clone();
    refresh.push("--judge-refresh".into());
    score(&env, &args(&refresh));
    assert_eq!(
        server.requests()[2].body["response_format"]["type"],
        "json_object"
    );
}

#[test]
fn the_same_answer_is_not_sent_twice_unless_asked_and_no_answer_text_keeps_nothing() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 5, json!([]), true);
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    let flags = judge_flags(&server);
    let (first, _) = score(&env, &args(&flags));
    let (again, _) = score(&env, &args(&flags));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(first["score"], again["score"]);
    let mut refresh = flags.clone();
    refresh.push("--judge-refresh".into());
    score(&env, &args(&refresh));
    assert_eq!(server.requests().len(), 2);
    // --no-answer-text: nothing cached, so a fresh data dir asks every time.
    let private = TestEnv::new();
    let mut no_text = flags.clone();
    no_text.extend(["--save".into(), "--no-answer-text".into()]);
    for _ in 0..2 {
        private
            .cmd()
            .args(["score", "--question", QUESTION])
            .args(&no_text)
            .write_stdin(ANSWER)
            .assert()
            .success();
    }
    assert_eq!(server.requests().len(), 4);
    assert!(!private.path("judge-cache").exists());
}

#[test]
fn a_judge_that_fails_leaves_the_rules_score_and_says_why() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let (plain, _) = score(&env, &[]);
    let good = verdict(&ids, 5, json!([]), true);
    let missing = json!({"rubric": [], "overall": 4}).to_string();
    let cases: Vec<(&str, Reply, &[&str])> = vec![
        ("garbage", Reply::Content("Sure! It is a 4.".into()), &[]),
        ("missing fields", Reply::Content(missing), &[]),
        ("401", Reply::Status(401, "bad key".into()), &[]),
        ("500", Reply::Status(503, "overloaded".into()), &[]),
        (
            "slow",
            Reply::Slow(Duration::from_secs(5), good.clone()),
            &["--judge-timeout", "1"],
        ),
        (
            "dribble",
            Reply::Dribble(Duration::from_millis(50), good),
            &["--judge-timeout", "2"],
        ),
    ];
    for (name, reply, extra) in cases {
        let reply = std::sync::Mutex::new(Some(reply));
        let server = FakeJudge::start(move |_, _| {
            reply
                .lock()
                .unwrap()
                .take()
                .unwrap_or(Reply::Status(500, "x".into()))
        });
        let mut flags = judge_flags(&server);
        flags.extend(extra.iter().map(|s| s.to_string()));
        flags.push("--judge-refresh".into());
        let (judged, stderr) = score(&env, &args(&flags));
        assert_eq!(judged["score"], plain["score"], "{name}");
        assert!(judged.get("judge").is_none(), "{name}");
        assert!(
            stderr.contains("the score is the rules' alone"),
            "{name}: {stderr}"
        );
    }
    // Nothing listening at all.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", closed.local_addr().unwrap());
    drop(closed);
    let (judged, stderr) = score(&env, &["--judge", &url, "--judge-model", "m"]);
    assert_eq!(judged["score"], plain["score"]);
    assert!(stderr.contains("cannot reach"), "{stderr}");
}

#[test]
fn the_key_is_sent_as_a_bearer_token_and_never_shown() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 4, json!([]), true);
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    let out = env
        .cmd()
        .args(["score", "--question", QUESTION, "--save"])
        .args(args(&judge_flags(&server)))
        .env("EARN_TRUST_JUDGE_KEY", "sk-secret-123")
        .write_stdin(ANSWER)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer sk-secret-123")
    );
    let everything = format!(
        "{}{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(env.path("history.jsonl")).unwrap()
    );
    assert!(!everything.contains("sk-secret-123"));
    let history = json_of(env.cmd().args(["history", "--format", "json"]));
    assert_eq!(history[0]["judge_model"], "fake-model");
    assert!(history[0]["rules_score"].is_u64());
}

#[test]
fn answers_go_to_another_host_only_with_consent() {
    let env = TestEnv::new();
    // Nothing listens there; without consent nothing is even tried.
    let (judged, stderr) = score(
        &env,
        &["--judge", "http://judge.invalid/v1", "--judge-model", "m"],
    );
    assert!(judged.get("judge").is_none());
    assert!(
        stderr.contains("judge.invalid") && stderr.contains("--judge-allow-remote"),
        "{stderr}"
    );
    // With --judge-allow-remote it is recorded in the config file, then tried.
    let (_, stderr) = score(
        &env,
        &[
            "--judge",
            "http://judge.invalid/v1",
            "--judge-model",
            "m",
            "--judge-allow-remote",
            "--judge-timeout",
            "3",
        ],
    );
    assert!(stderr.contains("cannot reach"), "{stderr}");
    let config = std::fs::read_to_string(env.config.path().join("earn-trust/config.json")).unwrap();
    assert!(config.contains("judge.invalid"), "{config}");
}

#[test]
fn flags_beat_the_environment_which_beats_the_config_and_no_judge_turns_it_off() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 5, json!([]), true);
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    env.cmd()
        .args([
            "judge",
            "setup",
            "--url",
            &server.url,
            "--model",
            "config-model",
        ])
        .assert()
        .success();
    let run = |extra: &[&str], model_env: Option<&str>| {
        let mut cmd = env.cmd();
        cmd.args([
            "score",
            "--question",
            QUESTION,
            "--format",
            "json",
            "--judge-refresh",
        ])
        .args(extra)
        .write_stdin(ANSWER);
        if let Some(model) = model_env {
            cmd.env("EARN_TRUST_JUDGE_MODEL", model);
        }
        let out: Value =
            serde_json::from_slice(&cmd.assert().success().get_output().stdout).unwrap();
        out
    };
    assert_eq!(run(&[], None)["judge"]["model"], "config-model");
    assert_eq!(run(&[], Some("env-model"))["judge"]["model"], "env-model");
    assert_eq!(
        run(&["--judge-model", "flag-model"], Some("env-model"))["judge"]["model"],
        "flag-model"
    );
    assert!(run(&["--no-judge"], None).get("judge").is_none());
    let check = stdout_of(env.cmd().args(["judge", "check"]));
    assert!(
        check.contains("it answered") && check.contains("json_schema"),
        "{check}"
    );
}

#[test]
fn the_text_report_says_who_judged_and_marks_points_by_the_verdict() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(
        &ids,
        4,
        json!([{"kind": "misleading", "quote": "offered to present the correction myself"}]),
        true,
    );
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    let text = stdout_of(
        env.cmd()
            .args(["score", "--question", QUESTION])
            .args(args(&judge_flags(&server)))
            .write_stdin(ANSWER),
    );
    assert!(
        text.contains("Judged by fake-model at 127.0.0.1; rules alone:"),
        "{text}"
    );
    assert!(text.contains("red flag misleading (judge)"), "{text}");
}

#[test]
fn eval_with_a_judge_shows_rules_and_judge_side_by_side() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 4, json!([]), true);
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    let set = env.path("set.yaml");
    let answer = ANSWER.replace('\n', " ");
    std::fs::write(
        &set,
        format!(
            "- id: a\n  question: {QUESTION}\n  label: 5\n  answer: \"{answer}\"\n\
             - id: b\n  question: {QUESTION}\n  label: 1\n  answer: I always tell the truth.\n"
        ),
    )
    .unwrap();
    let report = json_of(
        env.cmd()
            .args(["eval", "--format", "json", "--set"])
            .arg(&set)
            .args(args(&judge_flags(&server))),
    );
    assert_eq!(report["n"], 2);
    assert_eq!(report["judge"]["n"], 2);
    assert_eq!(report["judge"]["model"], "fake-model");
    let text = stdout_of(
        env.cmd()
            .args(["eval", "--set"])
            .arg(&set)
            .args(args(&judge_flags(&server))),
    );
    assert!(text.contains("rules") && text.contains("judge"), "{text}");
}

#[test]
fn reset_removes_the_judges_verdicts() {
    let env = TestEnv::new();
    let ids = rubric_ids(&env);
    let content = verdict(&ids, 4, json!([]), true);
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    score(&env, &args(&judge_flags(&server)));
    assert!(env.path("judge-cache").exists());
    env.cmd().args(["reset", "--yes"]).assert().success();
    assert!(!env.path("judge-cache").exists());
}

#[test]
fn a_piped_drill_asks_the_judge_for_each_answer() {
    let env = TestEnv::new();
    let content = json!({"rubric": [], "red_flags": [], "on_question": true, "overall": 3,
                          "reason": "fair"})
    .to_string();
    let server = FakeJudge::start(move |_, _| Reply::Content(content.clone()));
    let out = stdout_of(
        env.cmd()
            .args(["drill", "--question", QUESTION, "--no-save"])
            .args(args(&judge_flags(&server)))
            .write_stdin(ANSWER),
    );
    assert!(out.contains("Judged by fake-model"), "{out}");
    assert!(
        out.contains("Score: 6"),
        "overall 3 with nothing met sits at the bottom of 60-74: {out}"
    );
    assert_eq!(server.requests().len(), 1);
}
