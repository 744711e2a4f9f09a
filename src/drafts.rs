//! Unfinished answers kept after Ctrl-C, one file per question, offered again next time.

use std::fs;
use std::path::{Path, PathBuf};

use crate::store::{DataDir, write_atomically};
use crate::{Error, Result};

/// An answer the user had started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The question it answers.
    pub question: String,
    /// What had been typed.
    pub text: String,
    /// Seconds spent on it before, when known.
    pub seconds: Option<u64>,
    /// Whether it was left in an editor's file (`<id>.edit.md`, hint lines and all).
    pub from_editor: bool,
}

impl Draft {
    /// The first few words, for a menu.
    pub fn preview(&self, words: usize) -> String {
        let mut preview: Vec<&str> = self.text.split_whitespace().take(words).collect();
        if self.text.split_whitespace().count() > words {
            preview.push("…");
        }
        crate::scoring::sanitize(&preview.join(" "))
    }
}

/// The file a question's draft lives in.
pub fn draft_path(data: &DataDir, question: &str) -> PathBuf {
    data.drafts().join(format!("{question}.txt"))
}

/// The file an editor works on for a question; left behind if the drill stops meanwhile.
pub fn editor_path(data: &DataDir, question: &str) -> PathBuf {
    data.drafts().join(format!("{question}.edit.md"))
}

fn seconds_path(data: &DataDir, question: &str) -> PathBuf {
    data.drafts().join(format!("{question}.seconds"))
}

/// Keeps how long a draft has taken so far, so a resumed answer's time includes it.
pub fn save_seconds(data: &DataDir, question: &str, seconds: u64) -> Result<()> {
    write_atomically(
        &seconds_path(data, question),
        seconds.to_string().as_bytes(),
    )
}

/// Saves a draft, replacing any earlier one for the question.
pub fn save_draft(data: &DataDir, question: &str, text: &str) -> Result<PathBuf> {
    let path = draft_path(data, question);
    write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// Removes a question's draft (and its time and any editor file left), if there is one.
pub fn remove_draft(data: &DataDir, question: &str) -> Result<()> {
    for path in [
        draft_path(data, question),
        seconds_path(data, question),
        editor_path(data, question),
    ] {
        match fs::remove_file(&path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::Write {
                    path,
                    what: "cannot remove the draft",
                    source: err,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every saved draft, sorted by question id, and a warning for each file that could not
/// be read (such files are left as they are).
pub fn load_drafts(data: &DataDir) -> (Vec<Draft>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut warnings = Vec::new();
    let Ok(entries) = fs::read_dir(data.drafts()) else {
        return (drafts, warnings);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some((question, from_editor)) = draft_question(&path) else {
            continue;
        };
        // A FIFO there would block the read forever.
        if let Err(err) = crate::store::require_regular_file(&path) {
            warnings.push(err.to_string());
            continue;
        }
        match fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) if !text.trim().is_empty() => drafts.push(Draft {
                seconds: fs::read_to_string(seconds_path(data, &question))
                    .ok()
                    .and_then(|s| s.trim().parse().ok()),
                question,
                text,
                from_editor,
            }),
            Ok(Ok(_)) => {}
            Ok(Err(_)) => warnings.push(format!(
                "{}: not UTF-8 text, so it was not read; it is left as it is",
                path.display()
            )),
            Err(err) => warnings.push(format!(
                "{}: cannot read this draft ({err}); it is left as it is",
                path.display()
            )),
        }
    }
    drafts.sort_by(|a, b| a.question.cmp(&b.question));
    // A typed draft and an editor's file for the same question: the typed one is offered.
    drafts.dedup_by(|later, earlier| later.question == earlier.question);
    (drafts, warnings)
}

/// The question a draft file is for, and whether it is an editor's file.
fn draft_question(path: &Path) -> Option<(String, bool)> {
    let name = path.file_name()?.to_str()?;
    let (id, from_editor) = match name.strip_suffix(".edit.md") {
        Some(id) => (id, true),
        None => (name.strip_suffix(".txt")?, false),
    };
    crate::bank::is_kebab_case(id).then(|| (id.to_string(), from_editor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_can_be_removed() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::resolve(Some(dir.path())).unwrap();
        save_draft(&data, "harsh-truth", "Situation: I had to tell my lead.").unwrap();
        fs::write(data.drafts().join("notes.md"), "ignored").unwrap();
        let (drafts, warnings) = load_drafts(&data);
        assert!(warnings.is_empty());
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].question, "harsh-truth");
        assert_eq!(drafts[0].preview(3), "Situation: I had …");
        assert!(!drafts[0].from_editor && drafts[0].seconds.is_none());
        save_seconds(&data, "harsh-truth", 95).unwrap();
        fs::write(
            editor_path(&data, "coached-someone"),
            "# hint\nAction: I told him.",
        )
        .unwrap();
        let (drafts, _) = load_drafts(&data);
        assert_eq!(drafts[1].seconds, Some(95));
        assert_eq!(drafts[0].question, "coached-someone");
        assert!(drafts[0].from_editor);
        remove_draft(&data, "harsh-truth").unwrap();
        remove_draft(&data, "coached-someone").unwrap();
        assert!(load_drafts(&data).0.is_empty());
        assert!(!data.drafts().join("harsh-truth.seconds").exists());
        remove_draft(&data, "harsh-truth").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_where_a_draft_should_be_is_reported_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::resolve(Some(dir.path())).unwrap();
        fs::create_dir_all(data.drafts()).unwrap();
        let path = data.drafts().join("harsh-truth.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let (drafts, warnings) = load_drafts(&data);
        assert!(drafts.is_empty());
        assert!(warnings[0].contains("FIFO"), "{warnings:?}");
        assert!(save_draft(&data, "harsh-truth", "text").is_err());
        assert!(path.exists());
    }

    #[test]
    fn an_unreadable_draft_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::resolve(Some(dir.path())).unwrap();
        fs::create_dir_all(data.drafts()).unwrap();
        let path = data.drafts().join("harsh-truth.txt");
        fs::write(&path, b"\xff\xfe broken").unwrap();
        let (drafts, warnings) = load_drafts(&data);
        assert!(drafts.is_empty());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("not UTF-8"), "{warnings:?}");
        assert!(path.exists());
    }
}
