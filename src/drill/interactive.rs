//! The drill in a terminal: the session's flow, drafts offered at the start, the report
//! and the menu after each answer. Typing itself lives in `typing`.

use std::sync::atomic::Ordering;
use std::time::Instant;

use console::Term;

use super::typing::{INTERRUPTED, LineEditor, Start, Typed, editor, select, type_answer};
use super::{Mode, Session, append_follow_up, choose_follow_up, render_question, strip_template};
use crate::attempt::{Attempt, AttemptKind, FollowUp};
use crate::bank::{Level, Principle, Question};
use crate::drafts::{self, Draft};
use crate::judge::verdict::CheckedVerdict;
use crate::judge::{Judge, NotUsed};
use crate::output::print_stdout;
use crate::output::{self, render_report, render_sample, samples_in_order};
use crate::scoring::Scorer;
use crate::{Error, Result};

const MENU: [&str; 5] = [
    "Try again",
    "See a sample answer",
    "Answer a follow-up",
    "Next question",
    "Quit",
];

/// Runs the drill in a terminal.
pub fn run<'a>(session: &mut Session<'a>, mut questions: Vec<&'a Question>) -> Result<()> {
    // Ctrl-C while no line is being typed (a menu, the editor, the judge) only sets a
    // flag the next prompt or wait takes up; while a line is typed it is a key. A second
    // handler is refused; that only happens in tests that run several drills in one
    // process.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    // A closed terminal (SIGHUP) or SIGTERM: every finished line is already saved; the
    // terminal is put back as it was before the process ends.
    let _restore = TerminalGuard::install();
    let mut editor = LineEditor::new()?;
    let term = Term::stderr();
    let result = drill(session, &mut questions, (&mut editor, &term));
    let _ = term.show_cursor();
    if matches!(result, Err(Error::Interrupted)) {
        // A line of its own, below whatever was being typed.
        let _ = term.write_line("");
        if session.has_answers() {
            let _ = print_stdout(&format!("\n{}", session.summary()));
        }
    }
    result
}

fn drill<'a>(
    session: &mut Session<'a>,
    questions: &mut Vec<&'a Question>,
    (editor_line, term): (&mut LineEditor, &Term),
) -> Result<()> {
    let (resumed, later) = offer_drafts(session, questions, term)?;
    let mode = match session.options.mode.unwrap_or(Mode::Guided) {
        Mode::Editor if editor().is_none() => {
            crate::output::stderr_line(
                "note: neither $VISUAL nor $EDITOR names an editor that can be found; using free mode",
            );
            Mode::Free
        }
        mode => mode,
    };
    print_header(session, questions.len(), mode)?;
    let total = questions.len();
    for (index, question) in questions.iter().enumerate() {
        let draft = resumed.iter().find(|d| d.question == question.id);
        let keep_draft = later.contains(&question.id);
        let keep_going = ask(
            session,
            question,
            (index, total),
            mode,
            (draft, keep_draft),
            (&mut *editor_line, term),
        )?;
        if !keep_going {
            break;
        }
    }
    print_stdout(&format!("\n{}", session.summary()))
}

fn print_header(session: &Session, count: usize, mode: Mode) -> Result<()> {
    let theme = session.theme;
    let principle = &session.bank.principle;
    let how = match mode {
        Mode::Guided => "You answer in four parts: Situation, Task, Action, Result.",
        Mode::Free => "You answer in one go, as you would say it.",
        Mode::Editor => "Your editor opens on a STAR template; save and close it to submit.",
    };
    let width = output::prose_width(session.width);
    let questions = crate::english::plural(count, "question");
    let typing = match mode {
        // The editor has keys of its own; Ctrl-C there belongs to it.
        Mode::Editor => "",
        Mode::Guided | Mode::Free => {
            " Arrow keys move and edit within what you type. End an answer (or a part) with a \
line holding only \".\", or with two empty lines: press Enter three times after your last \
line. Ctrl-C stops; what you typed is kept as a draft."
        }
    };
    let how_to = format!("{questions}. {how}{typing}");
    let text = format!(
        "{}\n{}\n\n{}\n",
        theme.heading(&format!("{} drill", principle.name)),
        theme.dim(&output::wrap(principle.text.trim(), width, "")),
        output::wrap(&how_to, width, ""),
    );
    print_stdout(&text)
}

/// Offers each saved draft: resume now, later, or discard. Returns the drafts to resume
/// (their questions go first) and the ids of drafts kept for later.
fn offer_drafts<'a>(
    session: &Session<'a>,
    questions: &mut Vec<&'a Question>,
    term: &Term,
) -> Result<(Vec<Draft>, Vec<String>)> {
    let (drafts, warnings) = drafts::load_drafts(&session.data);
    for warning in warnings {
        crate::output::stderr_line(&format!("warning: {warning}"));
    }
    // With --question or --tag, only drafts that fit what was asked for are offered.
    let filtered = session.options.narrowed;
    let mut resumed = Vec::new();
    let mut later = Vec::new();
    let wanted = questions.len();
    for mut draft in drafts {
        let Some(question) = session.bank.question(&draft.question) else {
            continue;
        };
        if draft.from_editor {
            // An editor's file left when a drill stopped: its hint lines are not the answer.
            draft.text = strip_template(&draft.text);
            if draft.text.trim().is_empty() {
                continue;
            }
        }
        if filtered && !questions.iter().any(|q| q.id == question.id) {
            continue;
        }
        let about = format!(
            "You have a draft answer to {}: \"{}\"",
            draft.question,
            draft.preview(8)
        );
        // Said before the menu, wrapped by word: a menu's prompt is one line.
        term.write_line(&output::wrap(&about, session.width, ""))
            .map_err(|source| Error::Io {
                what: "cannot write to the terminal",
                source,
            })?;
        // Esc or q keeps the draft for later; only an explicit choice discards it.
        match select(
            session,
            term,
            "This draft",
            &["Resume now", "Later", "Discard"],
            1,
        )? {
            0 => {
                questions.retain(|q| q.id != question.id);
                questions.insert(0, question);
                resumed.push(draft);
            }
            2 => drafts::remove_draft(&session.data, &draft.question)?,
            _ => {
                crate::output::stderr_line("Kept for later.");
                later.push(draft.question);
            }
        }
    }
    // Resumed drafts come first and take the places of chosen questions.
    questions.truncate(wanted.max(resumed.len()));
    Ok((resumed, later))
}

/// One question: answer, report, then the menu until Next or Quit. Returns false on Quit.
/// `draft` is a draft being resumed; `keep_draft` says an older one is kept for later.
fn ask(
    session: &mut Session,
    question: &Question,
    (index, total): (usize, usize),
    mode: Mode,
    (draft, keep_draft): (Option<&Draft>, bool),
    (editor_line, term): (&mut LineEditor, &Term),
) -> Result<bool> {
    let (theme, width) = (session.theme, session.width);
    print_stdout(&render_question(question, index, total, theme, width))?;
    let scorer = Scorer::new(session.bank, question);
    let start = match draft {
        Some(draft) => {
            print_stdout(&format!(
                "{}\n",
                theme.dim("Your draft so far is below; type on from its last line.")
            ))?;
            Start::Resume(&draft.text)
        }
        None => Start::Fresh,
    };
    // Time spent on a resumed draft before counts too.
    let before = draft.and_then(|d| d.seconds).unwrap_or(0);
    let typed = timed(session, question, before, |session| {
        type_answer(
            session,
            question,
            mode,
            start,
            keep_draft,
            (&mut *editor_line, term),
        )
    })?;
    let (mut answer, mut seconds) = match typed {
        (Typed::Answer(text), seconds) => (text, seconds),
        (Typed::Empty, _) => {
            crate::output::stderr_line("No answer typed; moving on.");
            return Ok(true);
        }
    };
    let mut kind = AttemptKind::First;
    let mut follow_up: Option<FollowUp> = None;
    let mut samples_shown = 0;
    let mut asked: Vec<String> = Vec::new();
    let mut last_score: Option<u8> = None;
    loop {
        let report = scorer.score(&answer);
        let report = session.with_judge(question, report, |judge| {
            wait_for_judge(judge, &session.bank.principle, question, &answer)
        });
        print_stdout(&format!("\n{}", render_report(&report, theme, width)))?;
        if let Some(before) = last_score {
            let change = i16::from(report.score) - i16::from(before);
            let verdict = match change {
                1.. => theme.good(&format!("+{change} on your last answer")),
                0 => "±0 on your last answer".to_string(),
                _ => theme.bad(&format!("{change} on your last answer")),
            };
            print_stdout(&format!("{verdict}\n"))?;
        }
        last_score = Some(report.score);
        if let Some(note) = session.time_note(seconds) {
            crate::output::stderr_line(&note);
        }
        session.record(
            question,
            Attempt {
                kind,
                mode: mode.answer_mode(),
                answer: answer.clone(),
                seconds: Some(seconds),
                report: report.clone(),
                follow_up: follow_up.take(),
            },
        )?;
        if !keep_draft {
            // Answered: the draft has served its purpose (unless the user kept it for later).
            drafts::remove_draft(&session.data, &question.id)?;
        }
        loop {
            match select(session, term, "What next?", &MENU, MENU.len() - 1)? {
                0 => {
                    print_stdout(&format!(
                        "\n{}\n",
                        theme.dim(&output::wrap(
                            "Your last answer comes back below: change or delete what the report flagged (arrow keys move), then end it as usual.",
                            output::prose_width(width),
                            ""
                        ))
                    ))?;
                    let typed = timed(session, question, 0, |session| {
                        type_answer(
                            session,
                            question,
                            mode,
                            Start::Edit(&answer),
                            keep_draft,
                            (&mut *editor_line, term),
                        )
                    })?;
                    match typed {
                        (Typed::Answer(text), _) if text.trim() == answer.trim() => {
                            crate::output::stderr_line("No change; your last answer stands.");
                        }
                        (Typed::Answer(text), spent) => {
                            answer = text;
                            kind = AttemptKind::Retry;
                            seconds = spent;
                            break;
                        }
                        (Typed::Empty, _) => {
                            crate::output::stderr_line("Nothing typed; your last answer stands.")
                        }
                    }
                }
                1 => samples_shown = show_sample(session, question, samples_shown)?,
                2 => {
                    let question_asked =
                        choose_follow_up(&session.bank.principle, question, &report, &asked);
                    asked.push(question_asked.clone());
                    print_stdout(&format!(
                        "\n{}\n",
                        output::wrap(
                            &format!("{} {question_asked}", theme.bold("Follow-up:")),
                            output::prose_width(width),
                            ""
                        )
                    ))?;
                    let typed = timed(session, question, 0, |session| {
                        type_answer(
                            session,
                            question,
                            Mode::Free,
                            Start::Fresh,
                            keep_draft,
                            (&mut *editor_line, term),
                        )
                    })?;
                    match typed {
                        (Typed::Answer(reply), spent) => {
                            answer = append_follow_up(&answer, &reply);
                            kind = AttemptKind::FollowUp;
                            follow_up = Some(FollowUp {
                                question: question_asked,
                                reply,
                            });
                            seconds += spent;
                            break;
                        }
                        (Typed::Empty, _) => {
                            crate::output::stderr_line("No follow-up answer typed.")
                        }
                    }
                }
                3 => return Ok(true),
                _ => return Ok(false),
            }
        }
    }
}

/// Runs `typing` and says how long it took, `before` seconds included; when Ctrl-C stops
/// it, the time so far is kept with the draft, to count when the draft is resumed.
fn timed(
    session: &Session,
    question: &Question,
    before: u64,
    typing: impl FnOnce(&Session) -> Result<Typed>,
) -> Result<(Typed, u64)> {
    let started = Instant::now();
    let result = typing(session);
    let seconds = before + started.elapsed().as_secs();
    match result {
        Ok(typed) => Ok((typed, seconds)),
        Err(Error::Interrupted) => {
            // Only a draft has a time to carry on from.
            if drafts::draft_path(&session.data, &question.id).is_file() {
                let _ = drafts::save_seconds(&session.data, &question.id, seconds);
            }
            Err(Error::Interrupted)
        }
        Err(err) => Err(err),
    }
}

/// Shows the next sample answer (strong first); returns how many have been shown.
fn show_sample(session: &Session, question: &Question, shown: usize) -> Result<usize> {
    let samples = samples_in_order(question);
    if samples.len() == 1 && shown > 0 {
        print_stdout("\n  This question has only the sample shown above.\n")?;
        return Ok(shown);
    }
    let sample = samples[shown % samples.len()];
    let mut text = format!(
        "\n{}",
        render_sample(sample, session.theme, output::prose_width(session.width))
    );
    if samples.len() > 1 {
        let next = &samples[(shown + 1) % samples.len()].level;
        let what = match next {
            Level::Strong if shown + 1 >= samples.len() => "the first one again",
            Level::Strong => "another strong one",
            _ => "a weaker one, to see what separates a pass from a miss",
        };
        text.push_str(&format!(
            "  (Choose \"See a sample answer\" again for {what}.)\n"
        ));
    }
    print_stdout(&text)?;
    Ok(shown + 1)
}

/// Asks the judge with a spinner counting the seconds; Ctrl-C cancels the wait (the
/// request is abandoned) and the rules' score stands.
fn wait_for_judge(
    judge: &Judge,
    principle: &Principle,
    question: &Question,
    answer: &str,
) -> std::result::Result<CheckedVerdict, NotUsed> {
    let (send, receive) = std::sync::mpsc::channel();
    let (judge, principle, question, answer) = (
        judge.clone(),
        principle.clone(),
        question.clone(),
        answer.to_string(),
    );
    let model = judge.settings.model.clone();
    std::thread::spawn(move || {
        let _ = send.send(judge.verdict(&principle, &question, &answer));
    });
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} Asking the judge ({msg})… {elapsed} (Ctrl-C: use the rules' score)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    spinner.set_message(model);
    INTERRUPTED.store(false, Ordering::SeqCst);
    let result = loop {
        match receive.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(result) => break result,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                break Err(NotUsed("the judge stopped without a verdict".into()));
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if INTERRUPTED.swap(false, Ordering::SeqCst) {
                    break Err(NotUsed("you cancelled the judge".into()));
                }
                spinner.tick();
            }
        }
    };
    spinner.finish_and_clear();
    result
}

/// Puts the terminal back as it was when the drill ends by SIGTERM or SIGHUP (a closed
/// terminal): the line editor cannot restore it then, and a terminal left raw has no echo
/// and no Ctrl-C. Finished lines are saved as they are typed, so nothing finished is lost.
struct TerminalGuard;

impl TerminalGuard {
    fn install() -> Option<Self> {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let saved = nix::sys::termios::tcgetattr(std::io::stdin()).ok()?;
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]).ok()?;
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = nix::sys::termios::tcsetattr(
                    std::io::stdin(),
                    nix::sys::termios::SetArg::TCSANOW,
                    &saved,
                );
                let _ = Term::stderr().show_cursor();
                // Then end as the signal would have ended the process.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        });
        Some(TerminalGuard)
    }
}
