//! `earn-trust history`: past attempts, newest first, or one question's attempts compared.

use super::Context;
use crate::Result;
use crate::cli::{Format, HistoryArgs};
use crate::history::{Keep, Record};
use crate::output::{self, print_stdout};
use crate::progress::compare_attempts;

/// Prints the history, filtered by `--question` and cut to `--last`.
pub fn run(context: &Context, args: &HistoryArgs) -> Result<()> {
    let data = context.data_dir()?;
    let question = args.question.as_deref();
    let last = args.last.map(|n| n as usize);
    let records = match (question, last) {
        // The last few attempts of all: read from the end of the file only.
        (None, Some(n)) => {
            let (records, warnings) = crate::history::load_last(&data.history(), n)?;
            super::warn_all(&warnings);
            records
        }
        _ => {
            let keep = if args.format == Format::Json {
                Keep::Answers
            } else {
                Keep::NoAnswers
            };
            context.load_history(&data, keep)?
        }
    };
    let mut selected: Vec<&Record> = records
        .iter()
        .filter(|r| question.is_none_or(|q| r.question == q))
        .collect();
    if let Some(q) = question
        && selected.is_empty()
    {
        // An id that is neither in the bank nor in the history is probably a typo.
        if let Ok(bank) = context.load_bank()
            && bank.question(q).is_none()
        {
            bank.require_question(q)?;
        }
    }
    let theme = context.stdout_theme();
    let text = match (args.format, question) {
        (Format::Text, Some(q)) => {
            // Compared oldest first, so each attempt is set against the one before it.
            let mut compared = compare_attempts(&selected);
            if let Some(n) = last {
                compared.drain(..compared.len().saturating_sub(n));
            }
            output::render_comparisons(q, &compared, theme)
        }
        (format, _) => {
            selected.reverse();
            selected.truncate(last.unwrap_or(usize::MAX));
            match format {
                Format::Json => output::to_json(&selected),
                Format::Text => output::render_history(&selected, theme),
            }
        }
    };
    print_stdout(&text)
}
