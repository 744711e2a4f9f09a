//! Typing an answer in the terminal: a real line editor (rustyline: arrow keys, Home/End,
//! word moves, editing across lines and wrapped lines, bracketed paste), guided parts, the
//! editor, menus (the only dialoguer code), and drafts saved as lines are finished. Ctrl-C
//! is a key here: what was being typed comes back with it, and becomes the interrupted
//! error once the draft is saved.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use console::Term;
use dialoguer::Select;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme as PromptTheme};
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, Helper, KeyEvent,
    RepeatCount,
};

use super::compose::{GUIDED_PARTS, editor_template, ends_answer, finish_answer};
use super::{Mode, Session, join_guided, strip_template};
use crate::bank::Question;
use crate::drafts;
use crate::output;
use crate::{Error, Result};

/// Set by the Ctrl-C handler while no line is being typed (a menu, an editor, a judge);
/// whatever waits next sees it.
pub(super) static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// A typed answer, or why there is none.
pub(super) enum Typed {
    Answer(String),
    Empty,
}

/// A STAR part's name and what was typed for it.
type GuidedPart = (&'static str, String);

/// A guided draft split at its STAR headings: the finished parts, and the last one (which
/// may have been cut off). `None` when the text has no guided headings.
fn split_guided(text: &str) -> Option<(Vec<GuidedPart>, GuidedPart)> {
    let mut parts: Vec<GuidedPart> = Vec::new();
    for block in text.split("\n\n") {
        let heading = GUIDED_PARTS
            .iter()
            .find(|(name, _)| block.starts_with(&format!("{name}: ")));
        match (heading, parts.last_mut()) {
            (Some((name, _)), _) => parts.push((name, block[name.len() + 2..].to_string())),
            (None, Some((_, text))) => {
                text.push_str("\n\n");
                text.push_str(block);
            }
            (None, None) => return None,
        }
    }
    let last = parts.pop()?;
    Some((parts, last))
}

/// What typing produced: a finished text, or the text so far when Ctrl-C came.
enum Typing {
    Done(String),
    /// Ctrl-D with nothing typed.
    Ended,
    Interrupted(String),
}

/// The line editor, kept for the whole drill. An answer (or a guided part) is one editing
/// buffer over several lines: arrow keys move through all of it, Enter starts a new line
/// until the answer ends, and keys typed ahead are never lost between lines.
pub(super) struct LineEditor {
    editor: Editor<AnswerHelper, DefaultHistory>,
    /// The answer as it stood when Ctrl-C was pressed.
    cut: Arc<Mutex<String>>,
}

/// What one read gave.
enum Read {
    /// The answer, ended as the banner says.
    Answer(String),
    /// Ctrl-D on an empty answer.
    End,
    /// Ctrl-C, with the answer as it stood.
    Interrupted(String),
}

/// Ctrl-C keeps what was typed: it is put aside before the read is interrupted.
struct KeepTextOnInterrupt(Arc<Mutex<String>>);

impl ConditionalEventHandler for KeepTextOnInterrupt {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if let Ok(mut cut) = self.0.lock() {
            *cut = ctx.line().to_string();
        }
        Some(Cmd::Interrupt)
    }
}

/// Decides, at each Enter, whether the answer has ended; until it has, the text so far is
/// handed to `save` (the draft), so every finished line is kept.
struct AnswerHelper {
    save: Box<dyn Fn(&str)>,
}

impl Validator for AnswerHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if ends_answer(input) {
            Ok(ValidationResult::Valid(None))
        } else {
            (self.save)(&finish_answer(input));
            Ok(ValidationResult::Incomplete)
        }
    }
}

impl Completer for AnswerHelper {
    type Candidate = String;
}

impl Hinter for AnswerHelper {
    type Hint = String;
}

impl Highlighter for AnswerHelper {}

impl Helper for AnswerHelper {}

impl LineEditor {
    /// A line editor on the terminal.
    pub(super) fn new() -> Result<Self> {
        let config = rustyline::Config::builder().auto_add_history(false).build();
        let mut editor: Editor<AnswerHelper, DefaultHistory> =
            Editor::with_config(config).map_err(readline_error)?;
        let cut = Arc::new(Mutex::new(String::new()));
        editor.bind_sequence(
            KeyEvent::ctrl('C'),
            EventHandler::Conditional(Box::new(KeepTextOnInterrupt(Arc::clone(&cut)))),
        );
        Ok(LineEditor { editor, cut })
    }

    /// Reads an answer after `> `, starting from `initial` (editable, cursor at its end);
    /// `save` receives the text each time a line is finished.
    fn read(&mut self, initial: &str, save: Box<dyn Fn(&str)>) -> Result<Read> {
        if let Ok(mut cut) = self.cut.lock() {
            cut.clear();
        }
        // A Ctrl-C that came while no answer was being typed stops this one.
        if INTERRUPTED.swap(false, Ordering::SeqCst) {
            return Ok(Read::Interrupted(initial.to_string()));
        }
        self.editor.set_helper(Some(AnswerHelper { save }));
        let read = self.editor.readline_with_initial("> ", (initial, ""));
        self.editor.set_helper(None);
        match read {
            Ok(text) => Ok(Read::Answer(finish_answer(&text))),
            Err(ReadlineError::Eof) => Ok(Read::End),
            Err(ReadlineError::Interrupted) => {
                let cut = self.cut.lock().map(|c| c.clone()).unwrap_or_default();
                Ok(Read::Interrupted(finish_answer(&cut)))
            }
            Err(err) => Err(readline_error(err)),
        }
    }
}

fn readline_error(err: ReadlineError) -> Error {
    Error::Io {
        what: "terminal error",
        source: std::io::Error::other(err.to_string()),
    }
}

/// Where typing starts.
#[derive(Debug, Clone, Copy)]
pub(super) enum Start<'a> {
    /// Nothing typed yet.
    Fresh,
    /// A draft cut off mid-answer: its lines stand, its last line is typed on.
    Resume(&'a str),
    /// The last answer, to change: it comes back editable.
    Edit(&'a str),
}

/// Collects an answer in `mode` from `start`. On Ctrl-C, saves everything typed
/// (finished parts, finished lines and the line being typed) as a draft and returns the
/// interrupted error. `keep_draft` is true when an older draft of this question is kept
/// for later (and must not be overwritten).
pub(super) fn type_answer(
    session: &Session,
    question: &Question,
    mode: Mode,
    start: Start,
    keep_draft: bool,
    (editor, term): (&mut LineEditor, &Term),
) -> Result<Typed> {
    let whole = DraftTarget {
        question,
        before: String::new(),
        part: None,
        enabled: !keep_draft,
    };
    let previous = match start {
        Start::Fresh => "",
        Start::Resume(text) | Start::Edit(text) => text,
    };
    let typing = match mode {
        Mode::Editor => match edit(session, question, previous, keep_draft) {
            Some(text) => Typing::Done(text),
            None => type_lines(session, ("Your answer", ""), start, &whole, (editor, term))?,
        },
        Mode::Guided if previous.trim().is_empty() || split_guided(previous).is_some() => {
            type_guided(session, question, start, keep_draft, (editor, term))?
        }
        Mode::Guided | Mode::Free => {
            let hint = match start {
                Start::Edit(_) => "change it, then end as usual",
                _ => "",
            };
            type_lines(
                session,
                ("Your answer", hint),
                start,
                &whole,
                (editor, term),
            )?
        }
    };
    match typing {
        Typing::Ended => Ok(Typed::Empty),
        Typing::Done(text) if text.trim().is_empty() => Ok(Typed::Empty),
        Typing::Done(text) => Ok(Typed::Answer(text)),
        Typing::Interrupted(text) => {
            save_draft(session, question, &text)?;
            Err(Error::Interrupted)
        }
    }
}

/// The guided answer: each STAR part in turn. A resumed draft carries on at the part it
/// was cut off in; an answer being changed brings each part back, editable.
fn type_guided(
    session: &Session,
    question: &Question,
    start: Start,
    keep_draft: bool,
    (editor, term): (&mut LineEditor, &Term),
) -> Result<Typing> {
    let (mut parts, mut current, editing) = match start {
        Start::Resume(text) => match split_guided(text) {
            Some((done, (name, last))) => (done, Some((name, last)), Vec::new()),
            None => (Vec::new(), None, Vec::new()),
        },
        Start::Edit(text) => match split_guided(text) {
            Some((mut done, last)) => {
                done.push(last);
                (Vec::new(), None, done)
            }
            None => (Vec::new(), None, Vec::new()),
        },
        Start::Fresh => (Vec::new(), None, Vec::new()),
    };
    if !parts.is_empty() {
        term.write_line(&join_guided(&parts)).map_err(io_error)?;
    }
    for (name, hint) in GUIDED_PARTS {
        if parts.iter().any(|(done, _)| *done == name) {
            continue;
        }
        let carried = current.take().filter(|(part, _)| *part == name);
        let before = editing
            .iter()
            .find(|(part, _)| *part == name)
            .map(|(_, t)| t.as_str());
        loop {
            let target = DraftTarget {
                question,
                before: join_guided(&parts),
                part: Some(name),
                enabled: !keep_draft,
            };
            let part_start = match (&carried, before) {
                (Some((_, text)), _) => Start::Resume(text),
                (None, Some(text)) => Start::Edit(text),
                (None, None) => Start::Fresh,
            };
            match type_lines(session, (name, hint), part_start, &target, (editor, term))? {
                // Ctrl-D before anything is typed: no answer to this question.
                Typing::Ended if parts.iter().all(|(_, text)| text.trim().is_empty()) => {
                    return Ok(Typing::Ended);
                }
                Typing::Done(text) if !text.trim().is_empty() => {
                    parts.push((name, text));
                    break;
                }
                Typing::Ended | Typing::Done(_) => {
                    let prompt = format!("Nothing typed for {name}. Skip it?");
                    if select(session, term, &prompt, &["Type it", "Skip it"], 0)? == 1 {
                        parts.push((name, String::new()));
                        break;
                    }
                }
                // The target already joined the finished parts with this one.
                Typing::Interrupted(draft) => return Ok(Typing::Interrupted(draft)),
            }
        }
    }
    Ok(Typing::Done(join_guided(&parts)))
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
}

impl DraftTarget<'_> {
    fn text(&self, typed: &str) -> String {
        DraftTarget::join(&self.before, self.part, typed)
    }

    /// The draft: the finished parts, then the part being typed under its heading.
    fn join(before: &str, part: Option<&str>, typed: &str) -> String {
        let current = match part {
            Some(name) if !typed.trim().is_empty() => format!("{name}: {typed}"),
            _ => typed.to_string(),
        };
        [before, current.as_str()]
            .iter()
            .filter(|t| !t.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Reads an answer until it ends: a line holding only `.`, two empty lines in a row, or
/// Ctrl-D on an empty answer. Pasted text (several lines at once) is kept as it is.
fn type_lines(
    session: &Session,
    (label, hint): (&str, &str),
    start: Start,
    target: &DraftTarget,
    (editor, term): (&mut LineEditor, &Term),
) -> Result<Typing> {
    let theme = session.theme;
    let mut heading = theme.bold(&format!("{label}:"));
    if !hint.is_empty() {
        heading.push(' ');
        heading.push_str(&theme.dim(hint));
    }
    // Wrapped by word here: the terminal would break the hint mid-word.
    let heading = output::wrap(&heading, session.width, "");
    term.write_line(&heading).map_err(io_error)?;
    let initial = match start {
        Start::Fresh => String::new(),
        Start::Resume(text) | Start::Edit(text) => text.trim_end().to_string(),
    };
    let save: Box<dyn Fn(&str)> = if target.enabled {
        let (data, id) = (session.data.clone(), target.question.id.clone());
        let (before, part) = (target.before.clone(), target.part.map(str::to_string));
        Box::new(move |typed: &str| {
            if !typed.trim().is_empty() {
                let text = DraftTarget::join(&before, part.as_deref(), typed);
                // Best effort: a draft that cannot be written now is shown on Ctrl-C.
                let _ = drafts::save_draft(&data, &id, &text);
            }
        })
    } else {
        Box::new(|_: &str| {})
    };
    Ok(match editor.read(&initial, save)? {
        Read::Answer(text) => Typing::Done(text),
        Read::End => Typing::Ended,
        // What was being typed is kept too.
        Read::Interrupted(text) => Typing::Interrupted(target.text(&text)),
    })
}

/// Saves what was typed as the question's draft and says where it is; a draft that
/// cannot be saved is shown instead, so nothing typed is lost.
fn save_draft(session: &Session, question: &Question, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        output::stderr_line("\nInterrupted; nothing was typed for this question.");
        return Ok(());
    }
    let message = match drafts::save_draft(&session.data, &question.id, text) {
        Ok(path) => format!(
            "Interrupted. Your draft is saved in {}; the next drill offers to resume it.",
            path.display()
        ),
        Err(err) => format!(
            "Interrupted, and your draft could not be saved ({err}). Here it is:\n\n{text}\n"
        ),
    };
    output::stderr_line(&format!("\n{}", output::wrap(&message, session.width, "")));
    Ok(())
}

/// A dialoguer menu; Ctrl-C becomes the interrupted error, Esc or `q` picks `on_cancel`.
pub(super) fn select(
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
pub(super) fn editor() -> Option<Vec<String>> {
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

/// Opens the editor on the template; `None` (with a message) when it cannot be used. While
/// it runs, Ctrl-C belongs to the editor (the drill's handler only notes it). Its file is
/// `drafts/<id>.edit.md`, left there if the drill stops meanwhile (the next drill offers
/// it), or a file of its own when an older one is kept for later.
fn edit(
    session: &Session,
    question: &Question,
    previous: &str,
    keep_draft: bool,
) -> Option<String> {
    let words = editor()?;
    let path = if keep_draft {
        session
            .data
            .drafts()
            .join(format!("{}.edit.{}.md", question.id, std::process::id()))
    } else {
        drafts::editor_path(&session.data, &question.id)
    };
    let template = editor_template(&question.text, previous);
    if crate::store::write_atomically(&path, template.as_bytes()).is_err() {
        output::stderr_line(&format!(
            "note: cannot write {}; type your answer here instead",
            path.display()
        ));
        return None;
    }
    let status = Command::new(&words[0])
        .args(&words[1..])
        .arg(&path)
        .status();
    INTERRUPTED.store(false, Ordering::SeqCst);
    if !status.is_ok_and(|s| s.success()) {
        output::stderr_line(&format!(
            "note: the editor did not finish cleanly; {} is kept; type your answer here instead",
            path.display()
        ));
        return None;
    }
    match std::fs::read(&path).map(String::from_utf8) {
        Ok(Ok(text)) => {
            let _ = std::fs::remove_file(&path);
            Some(strip_template(&text))
        }
        Ok(Err(_)) => {
            output::stderr_line(&format!(
                "note: {} is not UTF-8 text, so it was not read; it is kept as it is. Type your answer here instead",
                path.display()
            ));
            None
        }
        Err(err) => {
            output::stderr_line(&format!(
                "note: cannot read {} ({err}); type your answer here instead",
                path.display()
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guided_drafts_split_at_their_headings() {
        let (done, last) =
            split_guided("Situation: A launch.\n\nMore of it.\n\nTask: I own").unwrap();
        assert_eq!(
            done,
            vec![("Situation", "A launch.\n\nMore of it.".to_string())]
        );
        assert_eq!(last, ("Task", "I own".to_string()));
        assert!(split_guided("A free answer with no headings.").is_none());
    }
}
