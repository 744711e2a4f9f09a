//! What each subcommand does: load what it needs, call the core, print the result.

use std::io::Write;
use std::path::PathBuf;

use crate::bank::{self, Bank, BankSource};
use crate::cli::{ColorChoice, Format, GlobalArgs};
use crate::output::{self, Theme};
use crate::{Error, Result};

/// What every command needs from the global flags, settled once.
#[derive(Debug, Clone)]
pub struct Context {
    /// Where the bank comes from.
    pub bank_source: BankSource,
    /// `--data-dir` or `EARN_TRUST_HOME`, if given.
    pub data_dir: Option<PathBuf>,
    /// The `--color` choice.
    pub color: ColorChoice,
}

impl Context {
    /// Settles the global flags.
    pub fn new(global: &GlobalArgs) -> Self {
        Context {
            bank_source: global
                .bank
                .clone()
                .map_or(BankSource::Embedded, BankSource::File),
            data_dir: global.data_dir.clone(),
            color: global.color,
        }
    }

    /// Loads and validates the bank in use.
    pub fn load_bank(&self) -> Result<Bank> {
        bank::load_bank(&self.bank_source)
    }

    /// The data directory in use: `--data-dir`, `EARN_TRUST_HOME` or the platform's.
    pub fn data_dir(&self) -> Result<crate::store::DataDir> {
        crate::store::DataDir::resolve(self.data_dir.as_deref())
    }

    /// The theme for stdout.
    pub fn stdout_theme(&self) -> Theme {
        Theme::new(output::stdout_color(self.color))
    }
}

/// Writes to stdout; a closed pipe (`earn-trust list | head`) ends output quietly.
pub fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            what: "cannot write to stdout",
            source: err,
        }),
        _ => Ok(()),
    }
}

/// `earn-trust list`.
pub fn list(context: &Context, tag: Option<&str>, format: Format) -> Result<()> {
    let bank = context.load_bank()?;
    let questions: Vec<_> = bank
        .questions
        .iter()
        .filter(|q| tag.is_none_or(|t| q.tags.iter().any(|qt| qt == t)))
        .collect();
    if let Some(tag) = tag
        && questions.is_empty()
    {
        return Err(bank.unknown_tag(tag));
    }
    let text = match format {
        Format::Json => output::render_list_json(&questions),
        Format::Text => {
            output::render_list(&questions, context.stdout_theme(), output::terminal_width())
        }
    };
    print_stdout(&text)
}

/// `earn-trust show ID`.
pub fn show(context: &Context, id: &str, format: Format, with_samples: bool) -> Result<()> {
    let bank = context.load_bank()?;
    let question = bank.require_question(id)?;
    let text = match format {
        Format::Json => output::render_show_json(question, with_samples),
        Format::Text => output::render_show(
            question,
            with_samples,
            context.stdout_theme(),
            output::terminal_width(),
        ),
    };
    print_stdout(&text)
}

/// `earn-trust validate [PATH]`.
pub fn validate(context: &Context, path: Option<PathBuf>) -> Result<()> {
    let source = path.map_or_else(|| context.bank_source.clone(), BankSource::File);
    let bank = bank::load_bank(&source)?;
    let rubric: usize = bank.questions.iter().map(|q| q.rubric.len()).sum();
    let samples: usize = bank.questions.iter().map(|q| q.sample_answers.len()).sum();
    print_stdout(&format!(
        "ok: {} questions, {rubric} rubric points, {samples} sample answers\n",
        bank.questions.len()
    ))
}

/// `earn-trust score`. `save` is `Some(keep_text)` to record the attempt in history.
pub fn score(
    context: &Context,
    question_id: &str,
    answer_file: Option<&std::path::Path>,
    format: Format,
    save: Option<bool>,
) -> Result<()> {
    let bank = context.load_bank()?;
    let question = bank.require_question(question_id)?;
    let data = match save {
        Some(_) => {
            let data = context.data_dir()?;
            data.ensure_writable()?;
            Some(data)
        }
        None => None,
    };
    let answer = crate::answer::read_answer(answer_file)?;
    let report = crate::scoring::score_answer(&bank.principle, question, &answer);
    if let (Some(data), Some(keep_text)) = (&data, save) {
        let attempt = crate::attempt::Attempt {
            kind: crate::attempt::AttemptKind::First,
            mode: crate::attempt::AnswerMode::Score,
            answer,
            seconds: None,
            report: report.clone(),
        };
        let record = crate::history::Record::new(
            &question.id,
            &attempt,
            &context.bank_source.label(),
            std::time::SystemTime::now(),
            keep_text,
        );
        crate::history::append(&data.history(), &record)?;
    }
    let text = match format {
        Format::Json => output::to_json(&report),
        Format::Text => {
            output::render_report(&report, context.stdout_theme(), output::terminal_width())
        }
    };
    print_stdout(&text)
}
