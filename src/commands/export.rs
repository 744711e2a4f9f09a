//! `earn-trust export`: a practice journal of every answer with its score and feedback.

use super::Context;
use std::collections::HashMap;

use crate::cli::{ExportArgs, ExportFormat};
use crate::history::Keep;
use crate::output::{self, Journal, JournalEntry, print_stdout};
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
    let bank = match context.load_bank() {
        Ok(bank) => Some(bank),
        Err(err) => {
            crate::output::stderr_line(&format!(
                "warning: {err}\nwarning: the journal leaves out question texts and feedback"
            ));
            None
        }
    };
    // One scorer a question, its cues prepared once, for all the answers to it; each
    // record goes into the journal as it is read, so the records are never all in memory
    // at once (the journal's text is, to be written in one go).
    let mut scorers: HashMap<String, Scorer> = HashMap::new();
    let mut journal = Journal::new(args.format == ExportFormat::Json);
    let warnings = crate::history::for_each(&data.history(), Keep::Answers, |record| {
        let question = bank
            .as_ref()
            .and_then(|b| Some((b, b.question(&record.question)?)));
        let feedback = match (question, &record.answer) {
            (Some((bank, question)), Some(answer)) => {
                scorers
                    .entry(question.id.clone())
                    .or_insert_with(|| Scorer::new(bank, question))
                    .score(answer)
                    .feedback
            }
            _ => Vec::new(),
        };
        journal.push(&JournalEntry {
            record: &record,
            question_text: question.map(|(_, q)| q.text.as_str()),
            feedback,
        });
    })?;
    super::warn_all(&warnings);
    let (text, count) = journal.finish();
    match &args.output {
        Some(path) => {
            write_user_file(path, text.as_bytes())?;
            crate::output::stderr_line(&format!(
                "wrote {} to {}",
                output::plural(count, "attempt"),
                path.display()
            ));
            Ok(())
        }
        None => print_stdout(&text),
    }
}
