//! The drill's session: questions one at a time, a typed or piped answer, the report, and
//! a chance to improve. [`run`] takes the questions already chosen and everything else it
//! needs as plain values; `interactive` runs the session in a terminal (typing itself in
//! `typing`), `piped` reads answers from stdin, `summary` renders the end of a session.

mod compose;
mod follow_up;
mod interactive;
mod piped;
mod summary;
mod typing;

use std::io::IsTerminal;
use std::time::SystemTime;

pub use compose::{join_guided, split_blocks, strip_template};
pub use follow_up::{append_follow_up, choose_follow_up};
pub use summary::render_summary;

use crate::Result;
use crate::attempt::{AnswerMode, Attempt};
use crate::bank::{Bank, Question};
use crate::history::{self, Record};
use crate::judge::verdict::CheckedVerdict;
use crate::judge::{Judge, NotUsed};
use crate::output::{self, Theme};
use crate::scoring::Report;
use crate::store::DataDir;

/// How answers are typed in a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One prompt per STAR part, each with a hint.
    Guided,
    /// One answer, typed freely.
    Free,
    /// `$VISUAL` or `$EDITOR`, on a STAR template.
    Editor,
}

impl Mode {
    fn answer_mode(self) -> AnswerMode {
        match self {
            Mode::Guided => AnswerMode::Guided,
            Mode::Free => AnswerMode::Free,
            Mode::Editor => AnswerMode::Editor,
        }
    }
}

/// How the drill should behave.
#[derive(Debug, Clone)]
pub struct DrillOptions {
    /// `None` when the user did not choose (guided in a terminal).
    pub mode: Option<Mode>,
    /// Minutes after which a gentle warning is shown.
    pub time_limit: Option<f64>,
    /// Record answers in the practice history.
    pub save: bool,
    /// Keep the answer text in the history.
    pub keep_text: bool,
    /// The questions were narrowed to an id or a tag: only drafts among them are offered.
    pub narrowed: bool,
}

/// What a drill needs, and what it has collected.
pub struct Session<'a> {
    pub bank: &'a Bank,
    pub data: DataDir,
    /// Theme for stdout.
    pub theme: Theme,
    /// Whether prompts (on stderr) are coloured.
    pub prompt_color: bool,
    pub width: usize,
    pub options: DrillOptions,
    /// How history names the bank.
    pub bank_label: String,
    /// A model judge to ask after the rules, if one is set.
    pub judge: Option<Judge>,
    /// Every scored answer, with its question id, in order.
    attempts: Vec<(String, Attempt)>,
}

impl<'a> Session<'a> {
    /// A session with nothing answered yet.
    pub fn new(
        bank: &'a Bank,
        data: DataDir,
        (theme, prompt_color, width): (Theme, bool, usize),
        options: DrillOptions,
        bank_label: String,
    ) -> Self {
        Session {
            bank,
            data,
            theme,
            prompt_color,
            width,
            options,
            bank_label,
            judge: None,
            attempts: Vec::new(),
        }
    }

    /// `report` with the judge's verdict applied, when a judge is set and answers; else as
    /// it is, with a one-line note of why. `wait` asks the judge (in the terminal: with a
    /// spinner, and Ctrl-C cancels).
    pub fn with_judge(
        &self,
        question: &Question,
        mut report: Report,
        wait: impl FnOnce(&Judge) -> Result<CheckedVerdict, NotUsed>,
    ) -> Report {
        if let Some(judge) = &self.judge {
            match wait(judge) {
                Ok(verdict) => crate::judge::apply(&mut report, question, verdict, judge),
                Err(not_used) => crate::output::stderr_line(&format!(
                    "note: {not_used}; the score is the rules' alone"
                )),
            }
        }
        report
    }

    /// Keeps a scored answer, and saves it to the history unless told not to.
    pub fn record(&mut self, question: &Question, attempt: Attempt) -> Result<()> {
        if self.options.save {
            let record = Record::new(
                &question.id,
                &attempt,
                &self.bank_label,
                SystemTime::now(),
                self.options.keep_text,
            );
            // A question has one first try a day: a resumed draft of a retry, or a second
            // drill the same day, is practice on it.
            history::append_scored(&self.data.history(), &record)?;
        }
        self.attempts.push((question.id.clone(), attempt));
        Ok(())
    }

    /// Whether anything has been answered yet.
    pub fn has_answers(&self) -> bool {
        !self.attempts.is_empty()
    }

    /// The session summary as text.
    pub fn summary(&self) -> String {
        render_summary(&self.attempts, self.theme, self.width)
    }

    /// A warning when an answer took longer than `--time-limit`.
    pub fn time_note(&self, seconds: u64) -> Option<String> {
        let limit = self.options.time_limit?;
        (seconds as f64 > limit * 60.0).then(|| {
            format!(
                "note: that took {}, past your {limit}-minute limit. In the room, land the result before then.",
                output::minutes(seconds as usize)
            )
        })
    }
}

/// The question's heading: position, id and tags, then the question.
pub fn render_question(
    question: &Question,
    index: usize,
    total: usize,
    theme: Theme,
    width: usize,
) -> String {
    let tags = question.tags.join(", ");
    let counter = format!("Question {} of {total} ·", index + 1);
    // The tags share the heading's line while it fits, else take a line of their own.
    let one_line = counter.chars().count() + question.id.chars().count() + tags.chars().count() + 3;
    let between = match (tags.is_empty(), one_line <= width) {
        (true, _) => "",
        (false, true) => "  ",
        (false, false) => "\n",
    };
    format!(
        "\n{} {}{between}{}\n{}\n",
        theme.dim(&counter),
        theme.id(&question.id),
        theme.tag(&output::wrap(&tags, width, "")),
        theme.bold(&output::wrap(
            &question.text,
            output::prose_width(width),
            ""
        ))
    )
}

/// Whether the drill can type answers in a terminal (else it reads them from stdin).
pub fn at_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Runs a drill over `questions`: in the terminal when `interactive`, else from stdin.
pub fn run<'a>(
    session: &mut Session<'a>,
    questions: Vec<&'a Question>,
    interactive: bool,
) -> Result<()> {
    if interactive {
        interactive::run(session, questions)
    } else {
        piped::run(session, &questions)
    }
}
