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
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        // A Ctrl-C that lands between two key reads (when the terminal briefly leaves raw
        // mode) reaches no prompt. If nothing has taken it up after a moment, stop here:
        // finished lines are already in the draft, so only the terminal needs restoring.
        std::thread::sleep(std::time::Duration::from_millis(700));
        if INTERRUPTED.load(Ordering::SeqCst) {
            let _ = Term::stderr().show_cursor();
            eprintln!("\nInterrupted. Lines you finished are kept as a draft for the next drill.");
            std::process::exit(i32::from(crate::error::EXIT_INTERRUPTED));
        }
    });
    let term = Term::stderr();
    let result = drill(session, &mut questions, &term);
    let _ = term.show_cursor();
    if matches!(result, Err(Error::Interrupted)) {
        // A line of its own, below whatever was being typed.
        let _ = term.write_line("");
        if !session.attempts.is_empty() {
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

/// Offers each saved draft: resume now, later, or discard. Returns the drafts to resume
/// (their questions go first) and the ids of drafts kept for later.
fn offer_drafts<'a>(
    session: &Session<'a>,
    questions: &mut Vec<&'a Question>,
    term: &Term,
) -> Result<(Vec<Draft>, Vec<String>)> {
    let (drafts, warnings) = drafts::load_drafts(&session.data);
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    // With --question or --tag, only drafts that fit what was asked for are offered.
    let filtered =
        session.options.selection.question.is_some() || session.options.selection.tag.is_some();
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
                eprintln!("Kept for later.");
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
    mode: DrillMode,
    start_text: Option<String>,
    keep_draft: bool,
    term: &Term,
) -> Result<bool> {
    let (theme, width) = (session.theme, session.width);
    print_stdout(&render_question(question, index, total, theme, width))?;
    let scorer = Scorer::new(&session.bank.principle, question);
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
                        Typed::Empty => eprintln!("Nothing typed; your last answer stands."),
                    }
                }
                1 => samples_shown = show_sample(session, question, samples_shown)?,
                2 => {
                    let follow_up = choose_follow_up(question, &report, &asked);
                    asked.push(follow_up.clone());
                    print_stdout(&format!("\n{} {}\n", theme.bold("Follow-up:"), follow_up))?;
                    let started = Instant::now();
                    match type_answer(
                        session,
                        question,
                        DrillMode::Free,
                        "",
                        (keep_draft, false),
                        term,
                    )? {
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

/// What typing produced: a finished text, or the text so far when Ctrl-C came.
enum Typing {
    Done(String),
    Interrupted(String),
}

/// Collects an answer in `mode`, starting from `previous`. On Ctrl-C, saves everything
/// typed (finished parts, finished lines and the line being typed) as a draft and returns
/// the interrupted error.
fn type_answer(
    session: &Session,
    question: &Question,
    mode: DrillMode,
    previous: &str,
    (keep_draft, resume): (bool, bool),
    term: &Term,
) -> Result<Typed> {
    let whole = DraftTarget {
        question,
        before: String::new(),
        part: None,
        enabled: !keep_draft,
        resume,
    };
    let typing = match mode {
        DrillMode::Editor => match edit(session, question, previous) {
            Some(text) => Typing::Done(text),
            None => type_lines(session, "Your answer", "", previous, &whole, term)?,
        },
        DrillMode::Guided if previous.trim().is_empty() => {
            let mut parts: Vec<(&str, String)> = Vec::new();
            let mut interrupted = None;
            for (name, hint) in GUIDED_PARTS {
                let target = DraftTarget {
                    question,
                    before: join_guided(&parts),
                    part: Some(name),
                    enabled: !keep_draft,
                    resume: false,
                };
                match type_lines(session, name, hint, "", &target, term)? {
                    Typing::Done(text) => parts.push((name, text)),
                    // The target already joined the finished parts with this one.
                    Typing::Interrupted(draft) => {
                        interrupted = Some(draft);
                        break;
                    }
                }
            }
            match interrupted {
                Some(draft) => Typing::Interrupted(draft),
                None => Typing::Done(join_guided(&parts)),
            }
        }
        DrillMode::Guided => type_lines(
            session,
            "Your answer",
            "Add to it below.",
            previous,
            &whole,
            term,
        )?,
        DrillMode::Free => type_lines(session, "Your answer", "", previous, &whole, term)?,
    };
    match typing {
        Typing::Done(text) if text.trim().is_empty() => Ok(Typed::Empty),
        Typing::Done(text) => Ok(Typed::Answer(text)),
        Typing::Interrupted(text) => {
            save_draft(session, question, &text)?;
            Err(Error::Interrupted)
        }
    }
}

/// Where finished lines are saved as they are typed, so that nothing completed is lost even
/// if the process dies: the question's draft, after the guided parts already finished.
struct DraftTarget<'a> {
    question: &'a Question,
    /// Finished guided parts, with their headings.
    before: String,
    /// The guided part being typed, if any.
    part: Option<&'a str>,
    /// False when the user kept an older draft of this question for later.
    enabled: bool,
    /// Typing resumes a draft: its last line may have been cut off, so it is typed on.
    resume: bool,
}

impl DraftTarget<'_> {
    fn text(&self, typed: &str) -> String {
        let current = match self.part {
            Some(name) if !typed.trim().is_empty() => format!("{name}: {typed}"),
            _ => typed.to_string(),
        };
        [self.before.as_str(), current.as_str()]
            .iter()
            .filter(|t| !t.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Reads lines until the answer ends. `previous` lines are kept first.
fn type_lines(
    session: &Session,
    label: &str,
    hint: &str,
    previous: &str,
    target: &DraftTarget,
    term: &Term,
) -> Result<Typing> {
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
    let mut carried = if target.resume {
        lines.take_last_line()
    } else {
        None
    };
    if target.resume {
        // Show what is already there; the last line comes back to be typed on.
        for line in lines.text().lines() {
            term.write_line(&format!("> {line}")).map_err(io_error)?;
        }
    }
    loop {
        let mut line = carried.take().unwrap_or_default();
        match read_line(term, &mut line) {
            Ok(true) => {
                if lines.push(&line) == LineEffect::Done {
                    return Ok(Typing::Done(lines.text()));
                }
                if target.enabled && !line.trim().is_empty() {
                    // Best effort: a draft that cannot be written now is written on Ctrl-C.
                    let _ = drafts::save_draft(
                        &session.data,
                        &target.question.id,
                        &target.text(&lines.text()),
                    );
                }
            }
            Ok(false) => return Ok(Typing::Done(lines.text())),
            Err(Error::Interrupted) => {
                // The line being typed is kept too.
                lines.push(&line);
                return Ok(Typing::Interrupted(target.text(&lines.text())));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Saves what was typed as the question's draft and says where it is.
fn save_draft(session: &Session, question: &Question, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        eprintln!("\nInterrupted; nothing was typed for this question.");
        return Ok(());
    }
    let path = drafts::save_draft(&session.data, &question.id, text)?;
    let message = format!(
        "Interrupted. Your draft is saved in {}; the next drill offers to resume it.",
        path.display()
    );
    eprintln!("\n{}", output::wrap(&message, session.width, ""));
    Ok(())
}

/// Reads one typed line into `line`: `Ok(true)` at Enter, `Ok(false)` at Ctrl-D on an
/// empty line. On Ctrl-C, `line` keeps what was typed so far.
fn read_line(term: &Term, line: &mut String) -> Result<bool> {
    term.write_str("> ").map_err(io_error)?;
    term.write_str(line).map_err(io_error)?;
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
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
            Err(err) => return Err(io_error(err)),
        };
        match key {
            Key::Enter => {
                term.write_line("").map_err(io_error)?;
                return Ok(true);
            }
            Key::Char('\u{4}') if line.is_empty() => {
                term.write_line("").map_err(io_error)?;
                return Ok(false);
            }
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

/// A dialoguer menu; Ctrl-C becomes the interrupted error, Esc or `q` picks `on_cancel`.
fn select(
    session: &Session,
    term: &Term,
    prompt: &str,
    items: &[&str],
    on_cancel: usize,
) -> Result<usize> {
    // A Ctrl-C pressed earlier (while an editor ran, say) must not end this prompt.
    INTERRUPTED.store(false, Ordering::SeqCst);
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
        Ok(None) => Ok(on_cancel),
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
    INTERRUPTED.store(false, Ordering::SeqCst);
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
