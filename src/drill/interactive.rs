//! The drill in a terminal: prompts, typed answers, menus, drafts on Ctrl-C.
//! The only module that touches dialoguer.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use console::{Key, Term};
use dialoguer::Select;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme as PromptTheme};

use super::compose::{GUIDED_PARTS, editor_template};
use super::{
    AnswerLines, DrillMode, LineEffect, Session, append_follow_up, choose_follow_up, join_guided,
    render_question, strip_template,
};
use crate::attempt::{Attempt, AttemptKind};
use crate::bank::{Level, Question};
use crate::commands::print_stdout;
use crate::drafts::{self, Draft};
use crate::output::{self, render_report, render_sample, samples_in_order};
use crate::scoring::Scorer;
use crate::{Error, Result};

/// Set by the Ctrl-C handler; the prompt that sees it returns an interrupted error.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

const MENU: [&str; 5] = [
    "Try again",
    "See a sample answer",
    "Answer a follow-up",
    "Next question",
    "Quit",
];

/// A typed answer, or why there is none.
enum Typed {
    Answer(String),
    Empty,
}

/// Runs the drill in a terminal.
pub fn run<'a>(session: &mut Session<'a>, mut questions: Vec<&'a Question>) -> Result<()> {
    // Keep the process alive on Ctrl-C: the pending prompt returns an error instead, so
    // the draft can be saved and the terminal restored. A second handler is refused;
    // that only happens in tests that run several drills in one process.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    let term = Term::stderr();
    let result = drill(session, &mut questions, &term);
    let _ = term.show_cursor();
    if matches!(result, Err(Error::Interrupted)) {
        // A line of its own, below whatever was being typed.
        let _ = term.write_line("");
    }
    result
}

fn drill<'a>(
    session: &mut Session<'a>,
    questions: &mut Vec<&'a Question>,
    term: &Term,
) -> Result<()> {
    let resumed = offer_drafts(session, questions, term)?;
    let mode = match session.options.mode.unwrap_or(DrillMode::Guided) {
        DrillMode::Editor if editor().is_none() => {
            eprintln!(
                "note: neither $VISUAL nor $EDITOR names an editor that can be found; using free mode"
            );
            DrillMode::Free
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
        let keep_going = ask(session, question, index, total, mode, start_text, term)?;
        if !keep_going {
            break;
        }
    }
    print_stdout(&format!("\n{}", session.summary()))
}

fn print_header(session: &Session, count: usize, mode: DrillMode) -> Result<()> {
    let theme = session.theme;
    let principle = &session.bank.principle;
    let how = match mode {
        DrillMode::Guided => "You answer in four parts: Situation, Task, Action, Result.",
        DrillMode::Free => "You answer in one go, as you would say it.",
        DrillMode::Editor => "Your editor opens on a STAR template; save and close it to submit.",
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

/// Offers each saved draft: resume now, later, or discard. Returns the drafts to resume,
/// and puts their questions first.
fn offer_drafts<'a>(
    session: &Session<'a>,
    questions: &mut Vec<&'a Question>,
    term: &Term,
) -> Result<Vec<Draft>> {
    let (drafts, warnings) = drafts::load_drafts(&session.data);
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let mut resumed = Vec::new();
    let wanted = questions.len();
    for draft in drafts {
        let Some(question) = session.bank.question(&draft.question) else {
            continue;
        };
        let prompt = format!(
            "You have a draft answer to {}: \"{}\"",
            draft.question,
            draft.preview(8)
        );
        let choice = select(session, term, &prompt, &["Resume now", "Later", "Discard"])?;
        match choice {
            0 => {
                questions.retain(|q| q.id != question.id);
                questions.insert(0, question);
                resumed.push(draft);
            }
            2 => drafts::remove_draft(&session.data, &draft.question)?,
            _ => {}
        }
    }
    // Resumed drafts come first and take the places of chosen questions.
    questions.truncate(wanted.max(resumed.len()));
    Ok(resumed)
}

/// One question: answer, report, then the menu until Next or Quit. Returns false on Quit.
fn ask(
    session: &mut Session,
    question: &Question,
    index: usize,
    total: usize,
    mode: DrillMode,
    start_text: Option<String>,
    term: &Term,
) -> Result<bool> {
    let (theme, width) = (session.theme, session.width);
    print_stdout(&render_question(question, index, total, theme, width))?;
    let scorer = Scorer::new(&session.bank.principle, question);
    if let Some(text) = &start_text {
        print_stdout(&format!(
            "{}\n{}\n",
            theme.dim("Your draft so far:"),
            text.trim_end()
        ))?;
    }
    let started = Instant::now();
    let mut answer = match type_answer(
        session,
        question,
        mode,
        start_text.as_deref().unwrap_or(""),
        term,
    )? {
        Typed::Answer(text) => text,
        Typed::Empty => {
            eprintln!("No answer typed; moving on.");
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
            eprintln!("{note}");
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
        drafts::remove_draft(&session.data, &question.id)?;
        loop {
            match select(session, term, "What next?", &MENU)? {
                0 => {
                    print_stdout(&format!(
                        "\n{}\n{}\n",
                        theme.dim(
                            "Your last answer (improve on it; it stays unless you change it):"
                        ),
                        answer
                    ))?;
                    let started = Instant::now();
                    match type_answer(session, question, mode, &answer, term)? {
                        Typed::Answer(text) => {
                            answer = text;
                            kind = AttemptKind::Retry;
                            seconds = started.elapsed().as_secs();
                            break;
                        }
                        Typed::Empty => eprintln!("Nothing typed; your last answer stands."),
                    }
                }
                1 => samples_shown = show_sample(session, question, samples_shown)?,
                2 => {
                    let follow_up = choose_follow_up(question, &report, &asked);
                    asked.push(follow_up.clone());
                    print_stdout(&format!("\n{} {}\n", theme.bold("Follow-up:"), follow_up))?;
                    let started = Instant::now();
                    match type_answer(session, question, DrillMode::Free, "", term)? {
                        Typed::Answer(reply) => {
                            answer = append_follow_up(&answer, &reply);
                            kind = AttemptKind::FollowUp;
                            seconds += started.elapsed().as_secs();
                            break;
                        }
                        Typed::Empty => eprintln!("No follow-up answer typed."),
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
    let sample = samples[shown % samples.len()];
    let mut text = format!(
        "\n{}",
        render_sample(sample, session.theme, output::prose_width(session.width))
    );
    let left = samples.len() - 1 - (shown % samples.len());
    if left > 0 {
        let next = &samples[(shown + 1) % samples.len()].level;
        let what = if *next == Level::Strong {
            "another strong one"
        } else {
            "a weaker one, to see what separates a pass from a miss"
        };
        text.push_str(&format!(
            "  (Choose \"See a sample answer\" again for {what}.)\n"
        ));
    }
    print_stdout(&text)?;
    Ok(shown + 1)
}

/// Collects an answer in `mode`, starting from `previous`. On Ctrl-C, saves what was
/// typed as a draft and returns the interrupted error.
fn type_answer(
    session: &Session,
    question: &Question,
    mode: DrillMode,
    previous: &str,
    term: &Term,
) -> Result<Typed> {
    let text = match mode {
        DrillMode::Editor => match edit(session, question, previous) {
            Some(text) => text,
            None => type_lines(session, question, "Your answer", "", previous, term)?,
        },
        DrillMode::Free => type_lines(session, question, "Your answer", "", previous, term)?,
        DrillMode::Guided if !previous.trim().is_empty() => type_lines(
            session,
            question,
            "Your answer",
            "Add to it or rewrite it below.",
            previous,
            term,
        )?,
        DrillMode::Guided => {
            let mut parts: Vec<(&str, String)> = Vec::new();
            for (name, hint) in GUIDED_PARTS {
                let done_so_far = join_guided(&parts);
                let typed = type_lines(session, question, name, hint, "", term).map_err(|err| {
                    // The parts already finished belong in the draft too.
                    if matches!(err, Error::Interrupted) && !done_so_far.is_empty() {
                        let _ = save_partial(session, question, &done_so_far, "");
                    }
                    err
                })?;
                parts.push((name, typed));
            }
            join_guided(&parts)
        }
    };
    Ok(if text.trim().is_empty() {
        Typed::Empty
    } else {
        Typed::Answer(text)
    })
}

/// Reads lines until the answer ends. `previous` lines are kept (and shown) first.
fn type_lines(
    session: &Session,
    question: &Question,
    label: &str,
    hint: &str,
    previous: &str,
    term: &Term,
) -> Result<String> {
    let theme = session.theme;
    let mut heading = theme.bold(&format!("{label}:"));
    if !hint.is_empty() {
        heading.push(' ');
        heading.push_str(&theme.dim(hint));
    }
    term.write_line(&heading).map_err(io_error)?;
    let mut lines = if previous.trim().is_empty() {
        AnswerLines::default()
    } else {
        AnswerLines::starting_with(previous)
    };
    loop {
        match read_line(term) {
            Ok(Some(line)) => {
                if lines.push(&line) == LineEffect::Done {
                    return Ok(lines.text());
                }
            }
            Ok(None) => return Ok(lines.text()),
            Err(Error::Interrupted) => {
                // A label other than the whole answer means a guided part: keep its name.
                let prefix = if label == "Your answer" {
                    String::new()
                } else {
                    format!("{label}: ")
                };
                save_partial(session, question, &lines.text(), &prefix)?;
                return Err(Error::Interrupted);
            }
            Err(err) => return Err(err),
        }
    }
}

/// Saves the draft (earlier parts plus the lines of this one) and says where it is.
fn save_partial(session: &Session, question: &Question, text: &str, prefix: &str) -> Result<()> {
    let path = drafts::draft_path(&session.data, &question.id);
    let mut draft = std::fs::read_to_string(&path)
        .ok()
        .filter(|_| !prefix.is_empty())
        .unwrap_or_default();
    if !text.trim().is_empty() {
        if !draft.is_empty() {
            draft.push_str("\n\n");
        }
        draft.push_str(prefix);
        draft.push_str(text.trim_end());
    }
    if draft.trim().is_empty() {
        return Ok(());
    }
    let path = drafts::save_draft(&session.data, &question.id, &draft)?;
    eprintln!(
        "\nInterrupted. Your draft is saved in {}; the next drill offers to resume it.",
        path.display()
    );
    Ok(())
}

/// One typed line, or `None` at Ctrl-D on an empty line.
fn read_line(term: &Term) -> Result<Option<String>> {
    let mut line = String::new();
    loop {
        if INTERRUPTED.swap(false, Ordering::SeqCst) {
            return Err(Error::Interrupted);
        }
        let key = match term.read_key() {
            Ok(key) => key,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {
                INTERRUPTED.store(false, Ordering::SeqCst);
                return Err(Error::Interrupted);
            }
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(err) => return Err(io_error(err)),
        };
        match key {
            Key::Enter => {
                term.write_line("").map_err(io_error)?;
                return Ok(Some(line));
            }
            Key::Char('\u{4}') if line.is_empty() => return Ok(None),
            Key::Backspace => {
                if let Some(c) = line.pop() {
                    term.clear_chars(console::measure_text_width(&c.to_string()))
                        .map_err(io_error)?;
                }
            }
            Key::Char(c) if !c.is_control() => {
                line.push(c);
                term.write_str(&c.to_string()).map_err(io_error)?;
            }
            Key::Tab => {
                line.push(' ');
                term.write_str(" ").map_err(io_error)?;
            }
            _ => {}
        }
    }
}

/// A dialoguer menu; Ctrl-C becomes the interrupted error, Esc the last entry.
fn select(session: &Session, term: &Term, prompt: &str, items: &[&str]) -> Result<usize> {
    let colorful = ColorfulTheme::default();
    let theme: &dyn PromptTheme = if session.prompt_color {
        &colorful
    } else {
        &SimpleTheme
    };
    let result = Select::with_theme(theme)
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact_on_opt(term);
    match result {
        Ok(Some(choice)) => Ok(choice),
        Ok(None) => Ok(items.len() - 1),
        Err(dialoguer::Error::IO(err)) if err.kind() == std::io::ErrorKind::Interrupted => {
            INTERRUPTED.store(false, Ordering::SeqCst);
            Err(Error::Interrupted)
        }
        Err(dialoguer::Error::IO(err)) => Err(io_error(err)),
    }
}

fn io_error(source: std::io::Error) -> Error {
    Error::Io {
        what: "terminal error",
        source,
    }
}

/// `$VISUAL`, else `$EDITOR`, split into program and arguments, if the program exists.
fn editor() -> Option<Vec<String>> {
    ["VISUAL", "EDITOR"].iter().find_map(|name| {
        let value = std::env::var(name).ok()?;
        let words: Vec<String> = value.split_whitespace().map(str::to_string).collect();
        let program = words.first()?;
        program_exists(program).then_some(words)
    })
}

fn program_exists(program: &str) -> bool {
    let path = PathBuf::from(program);
    if path.components().count() > 1 {
        return path.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Opens the editor on the template; `None` (with a message) when it cannot be used.
fn edit(session: &Session, question: &Question, previous: &str) -> Option<String> {
    let words = editor()?;
    let path = session
        .data
        .drafts()
        .join(format!("{}.edit.md", question.id));
    let template = editor_template(&question.text, previous);
    if crate::store::write_atomically(&path, template.as_bytes()).is_err() {
        eprintln!(
            "note: cannot write {}; type your answer here instead",
            path.display()
        );
        return None;
    }
    let status = Command::new(&words[0])
        .args(&words[1..])
        .arg(&path)
        .status();
    let text = match status {
        Ok(status) if status.success() => std::fs::read_to_string(&path)
            .ok()
            .map(|t| strip_template(&t)),
        _ => {
            eprintln!("note: the editor did not finish cleanly; type your answer here instead");
            None
        }
    };
    let _ = std::fs::remove_file(&path);
    text
}
