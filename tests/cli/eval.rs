//! `earn-trust eval`: agreement of the scorer with a labelled set.

use crate::common::{TestEnv, json_of};

const SET: &str = "\
- id: strong
  question: missed-commitment
  label: 5
  kind: strong-genuine
  answer: |
    Last spring I promised Priya, our Android developer, a refund endpoint by Thursday so she could
    build the refund screen. On Monday I realised my design would pay duplicate refunds and needed
    three more days, and I had also taken on a colleague's on-call shift. I went to Priya that
    afternoon and told her plainly that I would miss Thursday, that it was my under-scoping, and
    that she would get it the next Tuesday. I wrote the API contract and a mock server that evening
    so she could build against it, and I handed the on-call shift back. The endpoint landed three
    days late, her integration took one day instead of four, and the release shipped on the original
    date. I learned to list failure cases before I commit to a date; since then I have met 15 of my
    16 sprint commitments and flagged the one I missed a week early.
- id: thin
  question: missed-commitment
  label: 1
  answer: I always meet my commitments.
- id: vague
  question: missed-commitment
  label: 2
  answer: We missed a date once and we all worked hard to fix it together as a team.
";

#[test]
fn eval_reports_agreement_of_a_labelled_set() {
    let env = TestEnv::new();
    let path = env.path("set.yaml");
    std::fs::write(&path, SET).unwrap();
    let report = json_of(
        env.cmd()
            .args(["eval", "--format", "json", "--set"])
            .arg(&path),
    );
    assert_eq!(report["n"], 3);
    let spearman = report["spearman"].as_f64().unwrap();
    assert!(spearman > 0.5, "the strong answer ranks first: {report}");
    assert_eq!(report["by_label"]["5"]["n"], 1);
    assert!(report["pair_accuracy"].as_f64().unwrap() >= 0.5);
}

#[test]
fn eval_without_a_set_uses_the_projects_own() {
    let env = TestEnv::new();
    let report = json_of(env.cmd().args(["eval", "--format", "json"]));
    assert!(report["n"].as_u64().unwrap() >= 100);
    assert!(report["sets"].as_array().unwrap().len() >= 2);
    let text = crate::common::stdout_of(env.cmd().arg("eval"));
    assert!(text.contains("Spearman"), "{text}");
    assert!(text.contains("Mean score by kind"), "{text}");
}

#[test]
fn eval_refuses_a_bad_set_with_where_it_is() {
    let env = TestEnv::new();
    let path = env.path("bad.yaml");
    std::fs::write(
        &path,
        "- id: a\n  question: missed-commitment\n  label: 9\n  answer: x\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["eval", "--set"])
        .arg(&path)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("bad.yaml:1") && stderr.contains("label 9"),
        "{stderr}"
    );

    std::fs::write(
        &path,
        "- id: a\n  question: no-such-question\n  label: 3\n  answer: x\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["eval", "--set"])
        .arg(&path)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("no-such-question"), "{stderr}");
}
