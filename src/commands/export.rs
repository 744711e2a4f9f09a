//! `earn-trust export`: a practice journal of every answer with its score and feedback.

use serde::Serialize;

use super::Context;
use crate::bank::Bank;
use crate::cli::{ExportArgs, ExportFormat};
use crate::history::{Keep, Record};
use crate::output::{self, JournalEntry, print_stdout};
use crate::scoring::score_answer;
use crate::store::write_user_file;
use crate::{Error, Result};

/// Writes the journal to stdout or `--output` (which is kept unless `--force`).
pub fn run(context: &Context, args: &ExportArgs) -> Result<()> {
    if let Some(path) = &args.output
        && path.exists()
        && !args.force
    {
        return Err(Error::Usage(format!(
            "--output {}: the file exists; add --force to overwrite it",
            path.display()
        )));
    }
    let data = context.data_dir()?;
    let records = context.load_history(&data, Keep::Answers)?;
    let bank = match context.load_bank() {
        Ok(bank) => Some(bank),
        Err(err) => {
            eprintln!(
                "warning: {err}\nwarning: the journal leaves out question texts and feedback"
            );
            None
        }
    };
    let entries: Vec<JournalEntry> = records
        .iter()
        .map(|record| JournalEntry {
            record,
            question_text: bank
                .as_ref()
                .and_then(|b| b.question(&record.question))
                .map(|q| q.text.as_str()),
            feedback: feedback_for(bank.as_ref(), record),
        })
        .collect();
    let text = match args.format {
        ExportFormat::Markdown => output::render_journal(&entries),
        ExportFormat::Json => {
            #[derive(Serialize)]
            struct Entry<'a> {
                #[serde(flatten)]
                record: &'a Record,
                question_text: Option<&'a str>,
                feedback: &'a [String],
            }
            let list: Vec<Entry> = entries
                .iter()
                .map(|e| Entry {
                    record: e.record,
                    question_text: e.question_text,
                    feedback: &e.feedback,
                })
                .collect();
            output::to_json(&list)
        }
    };
    match &args.output {
        Some(path) => {
            write_user_file(path, text.as_bytes())?;
            eprintln!("wrote {} attempt(s) to {}", records.len(), path.display());
            Ok(())
        }
        None => print_stdout(&text),
    }
}

/// The feedback a record's answer gets from today's bank, when both are there.
fn feedback_for(bank: Option<&Bank>, record: &Record) -> Vec<String> {
    let (Some(bank), Some(answer)) = (bank, &record.answer) else {
        return Vec::new();
    };
    bank.question(&record.question)
        .map(|q| score_answer(bank, q, answer).feedback)
        .unwrap_or_default()
}
