//! The drill in a real pseudo-terminal: typed answers, menus, Ctrl-C and drafts.
//! Output is read with a deadline and ANSI codes are stripped before matching.
#![cfg(unix)]

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::WaitStatus;

const WAIT: Duration = Duration::from_secs(10);

struct Pty {
    session: expectrl::session::OsSession,
    raw: Vec<u8>,
    /// How much of the screen text earlier waits have consumed.
    mark: usize,
}

impl Pty {
    fn spawn(home: &std::path::Path, args: &[&str]) -> Pty {
        Pty::spawn_with(home, args, |_| {})
    }

    /// Spawns another program (a shell, say) with the same environment.
    fn spawn_program(home: &std::path::Path, program: &str, args: &[&str]) -> Pty {
        Pty::spawn_command(home, Command::new(program), args, |_| {})
    }

    /// Spawns with extra settings on the command (environment for an editor, say).
    fn spawn_with(home: &std::path::Path, args: &[&str], setup: impl FnOnce(&mut Command)) -> Pty {
        let command = Command::new(assert_cmd::cargo::cargo_bin!("earn-trust"));
        Pty::spawn_command(home, command, args, setup)
    }

    fn spawn_command(
        home: &std::path::Path,
        mut command: Command,
        args: &[&str],
        setup: impl FnOnce(&mut Command),
    ) -> Pty {
        command
            .args(args)
            .env("EARN_TRUST_HOME", home)
            .env_remove("EARN_TRUST_BANK")
            .env_remove("NO_COLOR")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("TERM", "xterm-256color");
        setup(&mut command);
        let session = Session::spawn(command).expect("spawn in a pty");
        Pty {
            session,
            raw: Vec::new(),
            mark: 0,
        }
    }

    /// The screen so far, escape codes stripped and every run of white space (the line
    /// editor wraps long lines at the terminal's width) made one space.
    fn text(&self) -> String {
        let plain = console::strip_ansi_codes(&String::from_utf8_lossy(&self.raw)).into_owned();
        plain.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Reads until `needle` appears after the last match, or the deadline passes.
    #[track_caller]
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text();
            if let Some(at) = text[self.mark.min(text.len())..].find(needle) {
                self.mark += at + needle.len();
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} within {WAIT:?}; screen:\n{}",
                &text[text.len().saturating_sub(1500)..]
            );
            self.pump();
        }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 4096];
        match self.session.try_read(&mut buf) {
            Ok(0) => std::thread::sleep(Duration::from_millis(20)),
            Ok(n) => self.raw.extend_from_slice(&buf[..n]),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }

    fn type_line(&mut self, line: &str) {
        self.session.write_all(line.as_bytes()).unwrap();
        self.session.write_all(b"\r").unwrap();
        self.session.flush().unwrap();
        // The echo proves the line was read before the next keys are sent.
        let echo: String = line.chars().take(20).collect();
        if !echo.trim().is_empty() {
            self.wait_for(&echo);
        }
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.session.write_all(bytes).unwrap();
        self.session.flush().unwrap();
    }

    /// Waits for the process to end and returns its exit code.
    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => return code,
                Ok(WaitStatus::StillAlive) | Err(_) => {}
                Ok(other) => panic!("ended with {other:?}"),
            }
            assert!(
                Instant::now() < deadline,
                "still running; screen:\n{}",
                self.text()
            );
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.session.get_process_mut().exit(true);
    }
}

const DOWN: &[u8] = b"\x1b[B";

#[test]
fn a_guided_answer_reaches_a_report_and_the_menu() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(home.path(), &["drill", "--seed", "5", "--count", "1"]);
    pty.wait_for("Question 1 of 1");
    pty.wait_for("Situation:");
    pty.type_line(
        "Last spring I ran support for a payroll app and had promised a customer a fix by Friday.",
    );
    pty.type_line(".");
    pty.wait_for("Task:");
    pty.type_line("I owned the fix and the customer relationship.");
    pty.type_line(".");
    pty.wait_for("Action:");
    pty.type_line("I told the customer on Wednesday that I would miss Friday, apologised, and gave a new date.");
    pty.type_line("");
    pty.type_line("");
    pty.wait_for("Result:");
    pty.type_line(
        "We shipped on Tuesday, they renewed, and I learned to flag risk the day I see it.",
    );
    pty.type_line(".");
    pty.wait_for("Score: ");
    pty.wait_for("Next steps");
    for entry in [
        "Try again",
        "See a sample answer",
        "Answer a follow-up",
        "Next question",
        "Quit",
    ] {
        pty.wait_for(entry);
    }
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(b"\r");
    pty.wait_for("Session summary");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn try_again_starts_from_the_last_answer_and_next_moves_on() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--seed", "9", "--count", "2", "--mode", "free"],
    );
    pty.wait_for("Question 1 of 2");
    pty.wait_for("Your answer:");
    pty.type_line("We had a late launch and we fixed it together as a team.");
    pty.type_line(".");
    pty.wait_for("Score: ");
    pty.wait_for("Quit");
    pty.keys(b"\r"); // Try again
    pty.wait_for("Your last answer comes back");
    pty.wait_for("Your answer:");
    pty.wait_for("We had a late launch"); // back, editable
    pty.keys(&[1, 11]); // Ctrl-A, Ctrl-K: the whole line goes
    pty.type_line("I told my manager the same day that the slip was my estimate, and we shipped 3 days later.");
    pty.type_line(".");
    pty.wait_for("on your last answer");
    pty.wait_for("Quit");
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(b"\r"); // Next question
    pty.wait_for("Question 2 of 2");
    pty.wait_for("Your answer:");
    pty.keys(&[4]); // Ctrl-D on an empty line: no answer
    pty.wait_for("Session summary");
    pty.wait_for("2 tries");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn ctrl_c_keeps_a_draft_exits_130_and_the_next_run_offers_it() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--question", "harsh-truth", "--mode", "free"],
    );
    pty.wait_for("Your answer:");
    pty.type_line(
        "I had to tell our best engineer that his design review habits were hurting the team.",
    );
    // As a person would: the line is on the screen before Ctrl-C.
    pty.wait_for("hurting the team.");
    pty.keys(&[3]); // Ctrl-C
    pty.wait_for("draft is saved");
    assert_eq!(pty.exit_code(), 130);
    let draft = std::fs::read_to_string(home.path().join("drafts/harsh-truth.txt")).unwrap();
    assert!(draft.contains("design review habits"), "{draft}");

    let mut again = Pty::spawn(home.path(), &["drill", "--count", "1"]);
    again.wait_for("harsh-truth");
    again.wait_for("Resume now");
    again.keys(b"\r");
    again.wait_for("Your draft so far");
    again.wait_for("design review habits");
    again.keys(&[3]);
    assert_eq!(again.exit_code(), 130);
}

/// An editor-mode drill of `missed-commitment` whose `$EDITOR` is a shell script of `body`
/// (the file to edit is `$1`).
fn drill_with_editor(home: &std::path::Path, body: &str) -> Pty {
    use std::os::unix::fs::PermissionsExt;
    let editor = home.join("fake-editor.sh");
    std::fs::write(&editor, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let args = [
        "drill",
        "--question",
        "missed-commitment",
        "--mode",
        "editor",
    ];
    Pty::spawn_with(home, &args, |command| {
        command.env("EDITOR", &editor);
    })
}

#[test]
fn editor_mode_scores_the_edited_template_without_its_hints() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = drill_with_editor(
        home.path(),
        "printf 'Situation: last year I ran billing for a clinic and I had promised our finance lead a report.\\nAction: I told her on Monday that I would miss the date and gave her a partial report.\\n' >> \"$1\"\n",
    );
    pty.wait_for("Score: ");
    pty.wait_for("partial report");
    let text = pty.text();
    assert!(
        !text.contains("Lines starting with #"),
        "hints were scored:\n{text}"
    );
    pty.wait_for("Quit");
    pty.keys(b"q");
    pty.wait_for("Session summary");
    pty.wait_for("Time answering:"); // the time in the editor counts
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn editor_mode_without_an_editor_falls_back_to_free_mode() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(home.path(), &["drill", "--count", "1", "--mode", "editor"]);
    pty.wait_for("using free mode");
    pty.wait_for("Your answer:");
    pty.keys(&[3]);
    assert_eq!(pty.exit_code(), 130);
}

#[test]
fn a_drill_killed_mid_answer_keeps_every_earlier_record() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--seed", "2", "--count", "2", "--mode", "free"],
    );
    pty.wait_for("Your answer:");
    pty.type_line(
        "I told my manager the same day that I had broken the build, and I fixed it in 2 hours.",
    );
    pty.type_line(".");
    pty.wait_for("Quit");
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(DOWN);
    pty.keys(b"\r");
    pty.wait_for("Question 2 of 2");
    pty.type_line("Half an answer that will never be fin");
    pty.session
        .get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL)
        .unwrap();
    let history = std::fs::read_to_string(home.path().join("history.jsonl")).unwrap();
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 1);
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(record["mode"], "free");
    assert!(
        record["answer"]
            .as_str()
            .unwrap()
            .contains("broken the build")
    );
}

#[test]
fn ctrl_c_in_guided_mode_keeps_every_part_and_the_line_being_typed() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(home.path(), &["drill", "--question", "missed-commitment"]);
    pty.wait_for("Situation:");
    pty.type_line("Last spring I promised our designer the API by Friday.");
    pty.type_line(".");
    pty.wait_for("Task:");
    pty.type_line("I owned the endpoint.");
    pty.keys(b"and half a sentence");
    pty.wait_for("half a sentence");
    pty.keys(&[3]);
    pty.wait_for("draft is saved");
    assert_eq!(pty.exit_code(), 130);
    let draft = std::fs::read_to_string(home.path().join("drafts/missed-commitment.txt")).unwrap();
    assert!(
        draft.contains("Situation: Last spring I promised"),
        "{draft}"
    );
    assert!(draft.contains("Task: I owned the endpoint."), "{draft}");
    assert!(draft.contains("and half a sentence"), "{draft}");

    // Esc at the offer keeps the draft for later.
    let mut again = Pty::spawn(home.path(), &["drill", "--question", "missed-commitment"]);
    again.wait_for("Resume now");
    again.keys(b"\x1b");
    again.wait_for("Situation:");
    again.keys(&[3]);
    assert_eq!(again.exit_code(), 130);
    assert!(home.path().join("drafts/missed-commitment.txt").exists());
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let home = tempfile::tempdir().unwrap();
    let mut coloured = Pty::spawn(home.path(), &["list"]);
    coloured.wait_for("26 questions.");
    assert!(String::from_utf8_lossy(&coloured.raw).contains("\u{1b}["));
    assert_eq!(coloured.exit_code(), 0);
    let mut plain = Pty::spawn_with(home.path(), &["list"], |command| {
        command.env("NO_COLOR", "1");
    });
    plain.wait_for("26 questions.");
    assert!(!String::from_utf8_lossy(&plain.raw).contains("\u{1b}["));
    assert_eq!(plain.exit_code(), 0);
}

#[test]
fn a_resumed_draft_is_typed_on_from_its_last_line() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("drafts")).unwrap();
    std::fs::write(
        home.path().join("drafts/harsh-truth.txt"),
        "I had to tell our lead the numbers were wrong.\nThey had been wrong for three mon",
    )
    .unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--question", "harsh-truth", "--mode", "free"],
    );
    pty.wait_for("Resume now");
    pty.keys(b"\r");
    pty.wait_for("three mon");
    pty.type_line("ths, and I said so plainly.");
    pty.type_line(".");
    pty.wait_for("Score: ");
    pty.wait_for("Quit");
    pty.keys(b"q");
    assert_eq!(pty.exit_code(), 0);
    let history = std::fs::read_to_string(home.path().join("history.jsonl")).unwrap();
    assert!(
        history.contains("three months, and I said so plainly."),
        "{history}"
    );
    assert!(
        !home.path().join("drafts/harsh-truth.txt").exists(),
        "answered: the draft is gone"
    );
}

#[test]
fn a_closed_terminal_keeps_the_finished_lines() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--question", "harsh-truth", "--mode", "free"],
    );
    pty.wait_for("Your answer:");
    pty.type_line("I told our founder the churn numbers were worse than the deck said.");
    pty.wait_for("worse than the deck said.");
    pty.keys(b"and then I");
    pty.wait_for("and then I");
    pty.session
        .get_process_mut()
        .signal(expectrl::process::unix::Signal::SIGHUP)
        .unwrap();
    let status = pty.session.get_process_mut().wait().unwrap();
    assert!(
        matches!(
            status,
            WaitStatus::Signaled(_, expectrl::process::unix::Signal::SIGHUP, _)
        ),
        "{status:?}"
    );
    let draft = std::fs::read_to_string(home.path().join("drafts/harsh-truth.txt")).unwrap();
    assert!(draft.contains("worse than the deck said."), "{draft}");
}

#[test]
fn sigterm_under_sh_leaves_the_terminal_sane() {
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("earn-trust");
    let script = format!(
        "echo \"before: $(stty -g)\"; '{}' drill --question harsh-truth --mode free; echo \"drill ended: $?\"; echo \"after: $(stty -g) end\"",
        bin.display()
    );
    let mut pty = Pty::spawn_program(home.path(), "sh", &["-c", &script]);
    pty.wait_for("Your answer:");
    pty.type_line("I told our founder the churn numbers were worse than the deck said.");
    pty.wait_for("worse than the deck said.");
    let shell = pty.session.get_process().pid().as_raw();
    let children = Command::new("pgrep")
        .args(["-P", &shell.to_string()])
        .output()
        .unwrap();
    let drill = String::from_utf8_lossy(&children.stdout).trim().to_string();
    assert!(!drill.is_empty(), "the drill runs under sh");
    assert!(
        Command::new("kill")
            .args(["-TERM", &drill])
            .status()
            .unwrap()
            .success()
    );
    pty.wait_for("drill ended: 143");
    pty.wait_for(" end");
    let screen = pty.text();
    let setting = |label: &str| {
        screen
            .split(label)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        setting("before: "),
        setting("after: "),
        "the terminal was left as the drill had it: {screen}"
    );
}

#[test]
fn a_resumed_guided_draft_carries_on_at_the_part_it_stopped_in() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("drafts")).unwrap();
    std::fs::write(
        home.path().join("drafts/missed-commitment.txt"),
        "Situation: Last spring I promised our designer an API by Friday.\n\nTask: I ow",
    )
    .unwrap();
    let mut pty = Pty::spawn(home.path(), &["drill", "--question", "missed-commitment"]);
    pty.wait_for("Resume now");
    pty.keys(b"\r");
    pty.wait_for("Task:");
    pty.wait_for("I ow");
    pty.type_line("ned the endpoint.");
    pty.type_line(".");
    pty.wait_for("Action:");
    pty.keys(&[3]);
    pty.wait_for("draft is saved");
    assert_eq!(pty.exit_code(), 130);
    let draft = std::fs::read_to_string(home.path().join("drafts/missed-commitment.txt")).unwrap();
    assert!(draft.contains("Situation: Last spring"), "{draft}");
    assert!(draft.contains("Task: I owned the endpoint."), "{draft}");
}

/// The answer the history holds for the last record.
fn last_saved_answer(home: &std::path::Path) -> String {
    let history = std::fs::read_to_string(home.join("history.jsonl")).unwrap();
    let last: serde_json::Value = serde_json::from_str(history.lines().last().unwrap()).unwrap();
    last["answer"].as_str().unwrap().to_string()
}

const HOME: &[u8] = b"\x1b[H";
const END: &[u8] = b"\x1b[F";
const LEFT: &[u8] = b"\x1b[D";
const WORD_LEFT: &[u8] = b"\x1b[1;5D";
const BACKSPACE: u8 = 0x7f;

#[test]
fn arrows_and_editing_work_inside_a_line_longer_than_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--question", "harsh-truth", "--mode", "free"],
    );
    pty.wait_for("Your answer:");
    // 120 characters: the 80-column terminal wraps it.
    let long = "I told our lead engineer that his review comments were hurting the team and that I wanted him to change how he gave them";
    assert!(long.len() > 80);
    pty.keys(long.as_bytes());
    pty.wait_for("how he gave them");
    pty.keys(HOME);
    pty.keys(b"In 2023 ");
    pty.keys(END);
    // Back over the wrap: "gave them" goes, "wrote them" comes.
    pty.keys(&[BACKSPACE; 9]);
    pty.keys(b"wrote them.");
    // Two words left of the end, then one character left: before "them" and its space.
    pty.keys(WORD_LEFT);
    pty.keys(LEFT);
    pty.keys(b" all");
    // Enter in the middle of a line splits it, as in any editor: end the answer from its end.
    pty.keys(END);
    pty.keys(b"\r\r\r");
    pty.wait_for("Score: ");
    pty.wait_for("Quit");
    pty.keys(b"q");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(
        last_saved_answer(home.path()),
        "In 2023 I told our lead engineer that his review comments were hurting the team and that I wanted him to change how he wrote all them."
    );
}

#[test]
fn a_pasted_answer_keeps_its_paragraphs() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--question", "harsh-truth", "--mode", "free"],
    );
    pty.wait_for("Your answer:");
    // Bracketed paste, as terminals send it: paragraphs and all, with carriage returns.
    pty.keys(b"\x1b[200~I told our lead engineer his comments hurt the team.\r\rHe changed them within a week.\r\rI learned to say it early.\x1b[201~");
    pty.wait_for("say it early.");
    pty.keys(b"\r\r\r");
    pty.wait_for("Score: ");
    pty.wait_for("Quit");
    pty.keys(b"q");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(
        last_saved_answer(home.path()),
        "I told our lead engineer his comments hurt the team.\n\nHe changed them within a week.\n\nI learned to say it early."
    );
}

#[test]
fn try_again_can_delete_the_flagged_sentence_and_the_rescore_drops_the_flag() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(
        home.path(),
        &["drill", "--question", "missed-commitment", "--mode", "free"],
    );
    pty.wait_for("Your answer:");
    let story = "Last spring I led the billing migration at a clinic network and I promised our finance lead the reconciliation report by March 3. I underestimated the data cleanup, so I told her on Monday that I would miss the date, apologised, and gave her a partial report that covered 80% of accounts. I delivered the full report four days late. I learned to size the cleanup before I commit to a date.";
    let flagged = "I blamed the data team for the delay in front of the VP.";
    pty.keys(story.as_bytes());
    pty.keys(b"\r");
    pty.keys(flagged.as_bytes());
    pty.wait_for("in front of the VP.");
    pty.keys(b"\r\r\r");
    pty.wait_for("red flag blame");
    pty.wait_for("Quit");
    pty.keys(b"\r"); // Try again
    pty.wait_for("Your answer:");
    pty.wait_for("in front of the VP."); // back, editable, the cursor at its end
    pty.keys(&vec![BACKSPACE; flagged.len() + 1]);
    pty.keys(b"\r\r\r");
    pty.wait_for("on your last answer");
    let rescored = pty.text();
    let rescored = &rescored[rescored.rfind("Score: ").unwrap()..];
    assert!(!rescored.contains("red flag"), "{rescored}");
    pty.wait_for("Quit");
    pty.keys(b"q");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(last_saved_answer(home.path()), story);
}

#[test]
fn ctrl_c_inside_the_editor_belongs_to_the_editor() {
    let home = tempfile::tempdir().unwrap();
    // An editor that, like vim, takes Ctrl-C as a key and carries on.
    let mut pty = drill_with_editor(
        home.path(),
        "trap 'echo editor-took-ctrl-c; printf \"Action: I told my finance lead on Monday that I would miss the date.\\n\" >> \"$1\"; exit 0' INT\necho editor-ready\nwhile :; do sleep 0.1; done\n",
    );
    pty.wait_for("editor-ready");
    pty.keys(&[3]); // Ctrl-C while the editor runs
    pty.wait_for("editor-took-ctrl-c"); // the editor saves and quits on its own terms
    pty.wait_for("Score: ");
    pty.wait_for("Quit");
    pty.keys(b"q");
    assert_eq!(pty.exit_code(), 0);
    assert!(last_saved_answer(home.path()).contains("I would miss the date"));
    assert!(
        !home
            .path()
            .join("drafts/missed-commitment.edit.md")
            .exists()
    );
}

#[test]
fn stderr_redirected_at_a_terminal_says_why_it_reads_stdin() {
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("earn-trust");
    let script = format!(
        "exec '{}' drill --question harsh-truth --no-save 2>'{}'",
        bin.display(),
        home.path().join("log").display()
    );
    let mut pty = Pty::spawn_program(home.path(), "sh", &["-c", &script]);
    pty.wait_for("stderr is redirected");
    pty.wait_for("Question 1 of 1"); // shown before the answer is typed
    pty.wait_for("harsh truth");
    // The terminal is in its ordinary line mode (this pty does not echo).
    pty.keys(b"I told our lead engineer his review comments were hurting the team.\r");
    pty.keys(&[4]); // Ctrl-D: end of the answers
    pty.wait_for("Score: ");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn sixty_columns_break_no_word_and_leave_no_lone_bracket() {
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("earn-trust");
    let script = format!(
        "stty cols 60 rows 40; exec '{}' drill --question missed-commitment --mode guided",
        bin.display()
    );
    let mut pty = Pty::spawn_program(home.path(), "sh", &["-c", &script]);
    let parts = [
        (
            "Situation:",
            "Last spring I ran billing at a clinic network and promised our finance lead a reconciliation report by the third.",
        ),
        (
            "Task:",
            "The report was mine: I had scoped it and I owned the date I gave her.",
        ),
        (
            "Action:",
            "I underestimated the data cleanup, so on Monday I told her I would miss the date, apologised, and gave her a partial report covering most accounts. I moved two evenings to the cleanup.",
        ),
        (
            "Result:",
            "I delivered the full report four days late and she closed the month on time. I learned to size the cleanup before I commit, and I now add a buffer to every estimate.",
        ),
    ];
    for (heading, part) in parts {
        pty.wait_for(heading);
        // The echo is the line editor's, wrapped by character: the next heading is the sync.
        pty.keys(part.as_bytes());
        pty.keys(b"\r\r\r");
    }
    pty.wait_for("Next steps");
    pty.wait_for("Quit");
    pty.keys(b"q");
    pty.wait_for("Session summary");
    assert_eq!(pty.exit_code(), 0);
    let screen = console::strip_ansi_codes(&String::from_utf8_lossy(&pty.raw)).into_owned();
    // What the drill printed (the line being typed is the line editor's, wrapped by the
    // terminal): every line fits, no line is a lone bracket.
    let printed = screen
        .split(['\n', '\r'])
        .filter(|line| !line.starts_with("> "));
    for line in printed {
        assert!(line.chars().count() <= 60, "longer than 60: {line:?}");
        assert_ne!(line.trim(), ")", "a lone bracket:\n{screen}");
    }
    // Words come out whole: the question, the hints and the report read as written.
    let text = pty.text();
    for whole in [
        "Give an example of a time where you were not able to meet a commitment to a team member.",
        "Where and when was this, who was involved, and what was at stake?",
        "What changed, with a number if you can, and what did you learn?",
        "(aim for 1:30 to 3:00)",
        "Time answering:",
    ] {
        assert!(text.contains(whole), "{whole:?} is not whole in:\n{text}");
    }
}
