//! The drill in a terminal: the session's flow, drafts offered at the start, the report
//! and the menu after each answer. Typing itself lives in `typing`.

use std::sync::atomic::Ordering;
use std::time::Instant;

use console::Term;

use super::typing::{INTERRUPTED, PENDING_DRAFT, Typed, editor, select, type_answer};
use super::{Mode, Session, append_follow_up, choose_follow_up, render_question};
use crate::attempt::{Attempt, AttemptKind};
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
    // Keep the process alive on Ctrl-C: the pending prompt returns an error instead, so
    // the draft can be saved and the terminal restored. A second handler is refused;
    // that only happens in tests that run several drills in one process.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        // A Ctrl-C that lands between two key reads (when the terminal briefly leaves raw
        // mode) reaches no prompt. If nothing has taken it up after a moment, save the
        // draft as it stands, restore the terminal and stop here.
        std::thread::sleep(std::time::Duration::from_millis(700));
        if INTERRUPTED.load(Ordering::SeqCst) {
            let pending = PENDING_DRAFT.lock().ok().and_then(|mut p| p.take());
            let _ = Term::stderr().show_cursor();
            match pending {
                Some((path, text)) => {
                    match crate::store::write_atomically(&path, text.as_bytes()) {
                        Ok(()) => crate::output::stderr_line(&format!(
                            "\nInterrupted. Your draft is saved in {}; the next drill offers to resume it.",
                            path.display()
                        )),
                        Err(err) => crate::output::stderr_line(&format!(
                            "\nInterrupted, and your draft could not be saved ({err}). Here it is:\n\n{text}\n"
                        )),
                    }
                }
                None => crate::output::stderr_line("\nInterrupted."),
            }
            std::process::exit(i32::from(crate::error::EXIT_INTERRUPTED));
        }
    });
    let term = Term::stderr();
    let result = drill(session, &mut questions, &term);
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
    term: &Term,
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
        let start_text = resumed
            .iter()
            .find(|d| d.question == question.id)
            .map(|d| d.text.clone());
        let keep_draft = later.contains(&question.id);
        let keep_going = ask(
            session,
            question,
            (index, total),
            mode,
            start_text,
            keep_draft,
            term,
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
    let text = format!(
        "{}\n{}\n\n{count} question(s). {how}\nEnd an answer (or a part) with a line holding only \".\", or press Enter twice.\nPress Ctrl-C to stop; what you typed is kept as a draft.\n",
        theme.heading(&format!("{} drill", principle.name)),
        theme.dim(&output::wrap(
            principle.text.trim(),
            output::prose_width(session.width),
            ""
        )),
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
    for draft in drafts {
        let Some(question) = session.bank.question(&draft.question) else {
            continue;
        };
        if filtered && !questions.iter().any(|q| q.id == question.id) {
            continue;
        }
        let prompt = format!(
            "You have a draft answer to {}: \"{}\"",
            draft.question,
            draft.preview(8)
        );
        // Esc or q keeps the draft for later; only an explicit choice discards it.
        match select(
            session,
            term,
            &prompt,
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
fn ask(
    session: &mut Session,
    question: &Question,
    (index, total): (usize, usize),
    mode: Mode,
    start_text: Option<String>,
    keep_draft: bool,
    term: &Term,
) -> Result<bool> {
    let (theme, width) = (session.theme, session.width);
    print_stdout(&render_question(question, index, total, theme, width))?;
    let scorer = Scorer::new(session.bank, question);
    if start_text.is_some() {
        print_stdout(&format!(
            "{}\n",
            theme.dim("Your draft so far is below; type on from its last line.")
        ))?;
    }
    let started = Instant::now();
    let mut answer = match type_answer(
        session,
        question,
        mode,
        start_text.as_deref().unwrap_or(""),
        (keep_draft, start_text.is_some()),
        term,
    )? {
        Typed::Answer(text) => text,
        Typed::Empty => {
            crate::output::stderr_line("No answer typed; moving on.");
            return Ok(true);
        }
    };
    let mut kind = AttemptKind::First;
    let mut seconds = started.elapsed().as_secs();
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
                0 => "no change from your last answer".to_string(),
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
                        "\n{}\n{}\n",
                        theme.dim(
                            "Your last answer (improve on it; it stays unless you change it):"
                        ),
                        answer
                    ))?;
                    let started = Instant::now();
                    match type_answer(session, question, mode, &answer, (keep_draft, false), term)?
                    {
                        Typed::Answer(text) => {
                            answer = text;
                            kind = AttemptKind::Retry;
                            seconds = started.elapsed().as_secs();
                            break;
                        }
                        Typed::Empty => {
                            crate::output::stderr_line("Nothing typed; your last answer stands.")
                        }
                    }
                }
                1 => samples_shown = show_sample(session, question, samples_shown)?,
                2 => {
                    let follow_up =
                        choose_follow_up(&session.bank.principle, question, &report, &asked);
                    asked.push(follow_up.clone());
                    print_stdout(&format!("\n{} {}\n", theme.bold("Follow-up:"), follow_up))?;
                    let started = Instant::now();
                    match type_answer(session, question, Mode::Free, "", (keep_draft, false), term)?
                    {
                        Typed::Answer(reply) => {
                            answer = append_follow_up(&answer, &reply);
                            kind = AttemptKind::FollowUp;
                            seconds += started.elapsed().as_secs();
                            break;
                        }
                        Typed::Empty => crate::output::stderr_line("No follow-up answer typed."),
                    }
                }
                3 => return Ok(true),
                _ => return Ok(false),
            }
        }
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
