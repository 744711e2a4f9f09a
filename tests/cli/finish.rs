//! Shell completions, the manual page, and colour on every command.

use crate::common::{TestEnv, stdout_of};
use predicates::prelude::*;

#[test]
fn completions_are_printed_for_every_shell() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(env.cmd().args(["completions", shell]));
        assert!(
            script.contains("earn-trust") || script.contains("earn_trust"),
            "{shell}"
        );
        assert!(script.contains("drill"), "{shell} completes subcommands");
    }
    env.cmd().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_manual_page_is_roff() {
    let env = TestEnv::new();
    let page = stdout_of(env.cmd().arg("man"));
    assert!(page.contains(".TH earn-trust 1"));
    assert!(page.contains("drill"));
}

#[test]
fn every_command_honours_color_and_no_color() {
    let env = TestEnv::new();
    let answer =
        "I told my manager the same day that I had missed the date, and we shipped 3 days late.";
    env.cmd()
        .args(["score", "--question", "harsh-truth", "--save"])
        .write_stdin(answer)
        .assert()
        .success();
    let runs: [&[&str]; 6] = [
        &["list"],
        &["show", "harsh-truth"],
        &["score", "--question", "harsh-truth"],
        &["history"],
        &["stats"],
        &["drill", "--count", "1", "--no-save"],
    ];
    for args in runs {
        let colored = env
            .cmd()
            .args(args)
            .args(["--color", "always"])
            .write_stdin(answer)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(
            String::from_utf8_lossy(&colored).contains("\u{1b}["),
            "{args:?} --color always"
        );
        env.cmd()
            .args(args)
            .args(["--color", "never"])
            .env_remove("NO_COLOR")
            .write_stdin(answer)
            .assert()
            .success()
            .stdout(predicate::str::contains("\u{1b}[").not());
    }
}
