//! Typing an answer in the terminal: lines, guided parts, the editor, menus (the only
//! dialoguer code), and drafts saved as lines are finished. Ctrl-C turns into an
//! interrupted error here.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Key, Term};
use dialoguer::Select;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme as PromptTheme};

use super::compose::{GUIDED_PARTS, editor_template};
use super::{AnswerLines, LineEffect, Mode, Session, join_guided, strip_template};
use crate::bank::Question;
use crate::drafts;
use crate::output;
use crate::{Error, Result};

/// Set by the Ctrl-C handler; the prompt that sees it returns an interrupted error.
/// The draft as it stands at this keystroke (file, text), for the Ctrl-C handler's
/// last resort when no prompt takes the interrupt up.
pub(super) static PENDING_DRAFT: Mutex<Option<(PathBuf, String)>> = Mutex::new(None);

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
    Interrupted(String),
}

/// Collects an answer in `mode`, starting from `previous`. On Ctrl-C, saves everything
/// typed (finished parts, finished lines and the line being typed) as a draft and returns
/// the interrupted error.
pub(super) fn type_answer(
    session: &Session,
    question: &Question,
    mode: Mode,
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
        Mode::Editor => match edit(session, question, previous) {
            Some(text) => Typing::Done(text),
            None => type_lines(session, "Your answer", "", previous, &whole, term)?,
        },
        Mode::Guided
            if previous.trim().is_empty() || (resume && split_guided(previous).is_some()) =>
        {
            // A resumed guided draft carries on at the part it was cut off in.
            let (mut parts, mut current) = match split_guided(previous) {
                Some((done, (name, text))) if resume => (done, Some((name, text))),
                _ => (Vec::new(), None),
            };
            if !parts.is_empty() {
                term.write_line(&join_guided(&parts)).map_err(io_error)?;
            }
            let mut interrupted = None;
            for (name, hint) in GUIDED_PARTS {
                if parts.iter().any(|(done, _)| *done == name) {
                    continue;
                }
                let carried = current.take().filter(|(part, _)| *part == name);
                let target = DraftTarget {
                    question,
                    before: join_guided(&parts),
                    part: Some(name),
                    enabled: !keep_draft,
                    resume: carried.is_some(),
                };
                let start = carried.map(|(_, text)| text).unwrap_or_default();
                match type_lines(session, name, hint, &start, &target, term)? {
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
        Mode::Guided => type_lines(
            session,
            "Your answer",
            "Add to it below.",
            previous,
            &whole,
            term,
        )?,
        Mode::Free => type_lines(session, "Your answer", "", previous, &whole, term)?,
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
    let draft_path = drafts::draft_path(&session.data, &target.question.id);
    loop {
        let mut line = carried.take().unwrap_or_default();
        let finished = lines.text();
        let mut keep_pending =
            |typed: &str| remember_pending(target, &draft_path, &finished, typed);
        match read_line(term, &mut line, &mut keep_pending) {
            Ok(true) => {
                if lines.push(&line) == LineEffect::Done {
                    forget_pending();
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
            Ok(false) => {
                forget_pending();
                return Ok(Typing::Done(lines.text()));
            }
            Err(Error::Interrupted) => {
                // The line being typed is kept too.
                lines.push(&line);
                return Ok(Typing::Interrupted(target.text(&lines.text())));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Keeps the draft as it stands at this keystroke (finished lines and the line being typed)
/// where the Ctrl-C handler can find it.
fn remember_pending(target: &DraftTarget, path: &std::path::Path, finished: &str, typed: &str) {
    if !target.enabled {
        return;
    }
    let text = match (finished.is_empty(), typed.is_empty()) {
        (_, true) => finished.to_string(),
        (true, false) => typed.to_string(),
        (false, false) => format!("{finished}\n{typed}"),
    };
    let draft = target.text(&text);
    if let Ok(mut pending) = PENDING_DRAFT.lock() {
        *pending = (!draft.trim().is_empty()).then(|| (path.to_path_buf(), draft));
    }
}

fn forget_pending() {
    if let Ok(mut pending) = PENDING_DRAFT.lock() {
        *pending = None;
    }
}

/// Saves what was typed as the question's draft and says where it is.
fn save_draft(session: &Session, question: &Question, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        crate::output::stderr_line("\nInterrupted; nothing was typed for this question.");
        return Ok(());
    }
    let message = match drafts::save_draft(&session.data, &question.id, text) {
        Ok(path) => format!(
            "Interrupted. Your draft is saved in {}; the next drill offers to resume it.",
            path.display()
        ),
        // Nothing typed is lost: what cannot be saved is shown, to copy.
        Err(err) => format!(
            "Interrupted, and your draft could not be saved ({err}). Here it is:\n\n{text}\n"
        ),
    };
    crate::output::stderr_line(&format!("\n{}", output::wrap(&message, session.width, "")));
    Ok(())
}

/// Reads one typed line into `line`: `Ok(true)` at Enter, `Ok(false)` at Ctrl-D on an
/// empty line. On Ctrl-C, `line` keeps what was typed so far.
fn read_line(term: &Term, line: &mut String, on_change: &mut dyn FnMut(&str)) -> Result<bool> {
    term.write_str("> ").map_err(io_error)?;
    term.write_str(line).map_err(io_error)?;
    loop {
        on_change(line);
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

/// Opens the editor on the template; `None` (with a message) when it cannot be used.
fn edit(session: &Session, question: &Question, previous: &str) -> Option<String> {
    let words = editor()?;
    let path = session
        .data
        .drafts()
        .join(format!("{}.edit.md", question.id));
    let template = editor_template(&question.text, previous);
    if crate::store::write_atomically(&path, template.as_bytes()).is_err() {
        crate::output::stderr_line(&format!(
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
    let text = match status {
        Ok(status) if status.success() => std::fs::read_to_string(&path)
            .ok()
            .map(|t| strip_template(&t)),
        _ => {
            crate::output::stderr_line(
                "note: the editor did not finish cleanly; type your answer here instead",
            );
            None
        }
    };
    let _ = std::fs::remove_file(&path);
    text
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
