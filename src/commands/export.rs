//! `earn-trust export`: a practice journal of every answer with its score and feedback.

use serde::Serialize;

use super::Context;
use std::collections::HashMap;

use crate::cli::{ExportArgs, ExportFormat};
use crate::history::{Keep, Record};
use crate::output::{self, JournalEntry, print_stdout};
use crate::scoring::Scorer;
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
            crate::output::stderr_line(&format!(
                "warning: {err}\nwarning: the journal leaves out question texts and feedback"
            ));
            None
        }
    };
    // One scorer a question, its cues prepared once, for all the answers to it.
    let mut scorers: HashMap<&str, Scorer> = HashMap::new();
    let entries: Vec<JournalEntry> = records
        .iter()
        .map(|record| {
            let question = bank
                .as_ref()
                .and_then(|b| Some((b, b.question(&record.question)?)));
            let feedback = match (question, &record.answer) {
                (Some((bank, question)), Some(answer)) => {
                    scorers
                        .entry(question.id.as_str())
                        .or_insert_with(|| Scorer::new(bank, question))
                        .score(answer)
                        .feedback
                }
                _ => Vec::new(),
            };
            JournalEntry {
                record,
                question_text: question.map(|(_, q)| q.text.as_str()),
                feedback,
            }
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
            crate::output::stderr_line(&format!(
                "wrote {} attempt(s) to {}",
                records.len(),
                path.display()
            ));
            Ok(())
        }
        None => print_stdout(&text),
    }
}
