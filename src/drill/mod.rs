//! `earn-trust drill`: questions one at a time, a typed answer, the report, and a chance
//! to improve. The session logic lives here; `interactive` and `piped` own the terminal
//! and the pipe.

mod compose;
mod follow_up;
mod interactive;
mod piped;
mod select;
mod summary;
mod typing;

use std::io::IsTerminal;
use std::time::SystemTime;

use rand::SeedableRng;
use rand::rngs::StdRng;

pub use compose::{AnswerLines, LineEffect, join_guided, split_blocks, strip_template};
pub use follow_up::{append_follow_up, choose_follow_up};
pub use select::{Selection, choose_questions, shuffle};
pub use summary::render_summary;

use crate::Result;
use crate::attempt::{AnswerMode, Attempt};
use crate::bank::{Bank, Question};
use crate::commands::Context;
use crate::history::{self, Record};
use crate::output::{self, Theme};
use crate::progress;
use crate::store::DataDir;

/// How answers are typed in a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DrillMode {
    /// One prompt per STAR part, each with a hint.
    Guided,
    /// One answer, typed freely.
    Free,
    /// Your $VISUAL or $EDITOR, on a STAR template.
    Editor,
}

impl DrillMode {
    fn answer_mode(self) -> AnswerMode {
        match self {
            DrillMode::Guided => AnswerMode::Guided,
            DrillMode::Free => AnswerMode::Free,
            DrillMode::Editor => AnswerMode::Editor,
        }
    }
}

/// Everything `drill` was asked to do.
#[derive(Debug, Clone)]
pub struct DrillOptions {
    pub selection: Selection,
    pub seed: Option<u64>,
    /// `None` when the user did not pass `--mode` (guided in a terminal).
    pub mode: Option<DrillMode>,
    /// Minutes after which a gentle warning is shown.
    pub time_limit: Option<f64>,
    /// Pure random choice instead of choice by need.
    pub random: bool,
    /// Record answers in the practice history.
    pub save: bool,
    /// Keep the answer text in the history.
    pub keep_text: bool,
}

/// A drill in progress: what it needs and what it has collected.
pub(crate) struct Session<'a> {
    pub bank: &'a Bank,
    pub data: DataDir,
    pub theme: Theme,
    /// Whether prompts (on stderr) are coloured.
    pub prompt_color: bool,
    pub width: usize,
    pub options: DrillOptions,
    /// Every scored answer, with its question id, in order.
    pub attempts: Vec<(String, Attempt)>,
    /// How history names the bank.
    pub bank_label: String,
}

impl Session<'_> {
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
            history::append(&self.data.history(), &record)?;
        }
        self.attempts.push((question.id.clone(), attempt));
        Ok(())
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
    format!(
        "\n{} {}  {}\n{}\n",
        theme.dim(&format!("Question {} of {total} ·", index + 1)),
        theme.id(&question.id),
        theme.tag(&tags),
        theme.bold(&output::wrap(
            &question.text,
            output::prose_width(width),
            ""
        ))
    )
}

/// Runs `earn-trust drill`.
pub fn run_drill(context: &Context, options: DrillOptions) -> Result<()> {
    let bank = context.load_bank()?;
    let data = context.data_dir()?;
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    // Without a terminal and with --no-save, nothing is ever written.
    if terminal || options.save {
        data.ensure_writable()?;
    }
    let seed = options.seed.unwrap_or_else(rand::random);
    let mut rng = StdRng::seed_from_u64(seed);
    let records = if options.random {
        Vec::new()
    } else {
        crate::practice::load_history(&data)?
    };
    let records = progress::records_for(&records, &bank, &context.bank_source.label());
    let chosen = if records.is_empty() {
        choose_questions(&bank, &options.selection, shuffle(&mut rng))?
    } else {
        let today = progress::day_of(SystemTime::now());
        choose_questions(
            &bank,
            &options.selection,
            progress::by_need(&records, today, &mut rng),
        )?
    };
    if let Some(note) = &chosen.note {
        eprintln!("{note}");
    }
    let mut session = Session {
        bank: &bank,
        data,
        theme: context.stdout_theme(),
        prompt_color: output::stderr_color(context.color),
        width: output::terminal_width(),
        options,
        attempts: Vec::new(),
        bank_label: context.bank_source.label(),
    };
    if terminal {
        interactive::run(&mut session, chosen.questions)
    } else {
        piped::run(&mut session, &chosen.questions)
    }
}
