//! The progress commands: `history`, `stats`, `export` and `reset`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;

use crate::bank::Bank;
use crate::cli::{ExportFormat, Format};
use crate::commands::{Context, print_stdout};
use crate::history::{self, Record};
use crate::output::{self, JournalEntry};
use crate::progress::{compare_attempts, compute_stats};
use crate::scoring::score_answer;
use crate::store::{DataDir, write_atomically};
use crate::{Error, Result};

/// Loads the history, reporting each damaged line once on stderr.
pub fn load_history(data: &DataDir) -> Result<Vec<Record>> {
    let (records, warnings) = history::load(&data.history())?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    Ok(records)
}

/// `earn-trust history`.
pub fn history(
    context: &Context,
    question: Option<&str>,
    last: Option<usize>,
    format: Format,
) -> Result<()> {
    let data = context.data_dir()?;
    let records = load_history(&data)?;
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
    let text = match (format, question) {
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

/// `earn-trust stats`.
pub fn stats(context: &Context, format: Format) -> Result<()> {
    let bank = context.load_bank()?;
    let data = context.data_dir()?;
    let records = load_history(&data)?;
    let records = crate::progress::records_for(&records, &bank, &context.bank_source.label());
    let stats = compute_stats(
        &bank,
        &records,
        SystemTime::now(),
        &data.path().display().to_string(),
    );
    let text = match format {
        Format::Json => {
            #[derive(Serialize)]
            struct WithChart<'a> {
                #[serde(flatten)]
                stats: &'a crate::progress::Stats,
                sparkline: String,
                history_file: String,
            }
            output::to_json(&WithChart {
                stats: &stats,
                sparkline: crate::progress::sparkline(&stats.timeline),
                history_file: data.history().display().to_string(),
            })
        }
        Format::Text => {
            output::render_stats(&stats, context.stdout_theme(), output::terminal_width())
        }
    };
    print_stdout(&text)
}

/// The feedback a record's answer gets from today's bank, when both are there.
fn feedback_for(bank: Option<&Bank>, record: &Record) -> Vec<String> {
    let (Some(bank), Some(answer)) = (bank, &record.answer) else {
        return Vec::new();
    };
    bank.question(&record.question)
        .map(|q| score_answer(&bank.principle, q, answer).feedback)
        .unwrap_or_default()
}

/// `earn-trust export`.
pub fn export(
    context: &Context,
    format: ExportFormat,
    output_path: Option<&Path>,
    force: bool,
) -> Result<()> {
    if let Some(path) = output_path
        && path.exists()
        && !force
    {
        return Err(Error::Usage(format!(
            "--output {}: the file exists; add --force to overwrite it",
            path.display()
        )));
    }
    let data = context.data_dir()?;
    let records = load_history(&data)?;
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
    let text = match format {
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
    match output_path {
        Some(path) => {
            write_atomically(path, text.as_bytes())?;
            eprintln!("wrote {} attempt(s) to {}", records.len(), path.display());
            Ok(())
        }
        None => print_stdout(&text),
    }
}

/// `earn-trust reset`.
pub fn reset(context: &Context, yes: bool) -> Result<()> {
    let data = context.data_dir()?;
    let targets: Vec<PathBuf> = [data.history(), data.drafts()]
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    if targets.is_empty() {
        return print_stdout(&format!(
            "Nothing to remove in {}.\n",
            data.path().display()
        ));
    }
    let list: String = targets
        .iter()
        .map(|p| format!("  {}\n", p.display()))
        .collect();
    if !yes {
        print_stdout(&format!("This would remove:\n{list}"))?;
        return Err(Error::Usage(
            "nothing was removed; run `earn-trust reset --yes` to remove the files above"
                .to_string(),
        ));
    }
    for target in &targets {
        let removed = if target.is_dir() {
            std::fs::remove_dir_all(target)
        } else {
            std::fs::remove_file(target)
        };
        removed.map_err(|source| Error::Write {
            path: target.clone(),
            what: "cannot remove",
            source,
        })?;
    }
    print_stdout(&format!("Removed:\n{list}"))
}
