//! Practice history: one JSON record a line in `<data-dir>/history.jsonl`.
//!
//! Each record is appended in one write while holding an exclusive lock, after a newline
//! if the file does not end in one, so a torn last line stays separate and concurrent
//! writers never interleave. Damaged lines are reported, skipped and left as they are.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::attempt::{AnswerMode, Attempt, AttemptKind};
use crate::bank::Bank;
use crate::scoring::Grade;
use crate::{Error, Result};

/// Version of the record format.
pub const RECORD_SCHEMA: u32 = 1;

/// One scored answer, as kept in the history file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub schema: u32,
    /// When it was scored: RFC 3339, UTC.
    pub at: String,
    /// `embedded` or the bank file's path.
    pub bank: String,
    pub question: String,
    pub kind: AttemptKind,
    pub score: u8,
    pub grade: Grade,
    /// Rubric points hit and missed, by id.
    pub hit: Vec<String>,
    pub missed: Vec<String>,
    pub words: usize,
    pub seconds: Option<u64>,
    pub mode: AnswerMode,
    /// The answer, unless the user chose not to keep it.
    pub answer: Option<String>,
    /// When a model judge was used: the rules' score alone, and the judge's model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge_model: Option<String>,
}

impl Record {
    /// The record of `attempt` to `question`, made at `now`.
    pub fn new(
        question: &str,
        attempt: &Attempt,
        bank: &str,
        now: SystemTime,
        keep_text: bool,
    ) -> Self {
        let (hit, missed) = attempt.report.rubric_ids();
        Record {
            schema: RECORD_SCHEMA,
            at: humantime::format_rfc3339_seconds(now).to_string(),
            bank: bank.to_string(),
            question: question.to_string(),
            kind: attempt.kind,
            score: attempt.report.score,
            grade: attempt.report.grade,
            hit,
            missed,
            words: attempt.report.signals.word_count,
            seconds: attempt.seconds,
            mode: attempt.mode,
            answer: keep_text.then(|| attempt.answer.clone()),
            rules_score: attempt.report.judge.as_ref().map(|j| j.rules_score),
            judge_model: attempt.report.judge.as_ref().map(|j| j.model.clone()),
        }
    }

    /// When it was made, if the timestamp reads.
    pub fn time(&self) -> Option<SystemTime> {
        humantime::parse_rfc3339(&self.at).ok()
    }
}

/// Appends one record under an exclusive lock.
pub fn append(path: &Path, record: &Record) -> Result<()> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        what: "cannot save practice history",
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut line = serde_json::to_string(record).expect("plain data always serialises");
    line.push('\n');
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(fail)?;
    file.lock().map_err(fail)?;
    let result = (|| {
        if !ends_with_newline(&mut file)? {
            // A torn last line (a crash mid-write) stays a line of its own.
            line.insert(0, '\n');
        }
        file.write_all(line.as_bytes())?;
        file.sync_data()
    })();
    let _ = file.unlock();
    result.map_err(fail)
}

fn ends_with_newline(file: &mut File) -> std::io::Result<bool> {
    let length = file.seek(SeekFrom::End(0))?;
    if length == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// The records in the file, oldest first, and one warning per line that could not be
/// read. A missing file is an empty history.
pub fn load(path: &Path) -> Result<(Vec<Record>, Vec<String>)> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        // No file (or no directory where one should be) is an empty history.
        Err(err)
            if matches!(
                err.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok((Vec::new(), Vec::new()));
        }
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                what: "cannot read practice history",
                source,
            });
        }
    };
    let mut bytes = Vec::new();
    let read = file
        .lock_shared()
        .and_then(|()| file.read_to_end(&mut bytes));
    let _ = file.unlock();
    read.map_err(|source| Error::Read {
        path: path.to_path_buf(),
        what: "cannot read practice history",
        source,
    })?;
    Ok(parse(&bytes, &path.display().to_string()))
}

/// The records that belong to `bank` (by its label, and to a question it has).
pub fn records_for<'a>(records: &'a [Record], bank: &Bank, label: &str) -> Vec<&'a Record> {
    records
        .iter()
        .filter(|r| r.bank == label && bank.question(&r.question).is_some())
        .collect()
}

/// Parses history bytes; `name` labels warnings.
pub fn parse(bytes: &[u8], name: &str) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(line)
            .map_err(|_| "not UTF-8".to_string())
            .and_then(parse_record);
        match parsed {
            Ok(record) => records.push(record),
            Err(why) => warnings.push(format!(
                "{name}:{}: skipped a damaged or unknown line ({why}); it is left in the file",
                index + 1
            )),
        }
    }
    (records, warnings)
}

/// One line as a record. The schema is read first, so a record from a newer version
/// is reported as that rather than as a damaged line.
fn parse_record(text: &str) -> std::result::Result<Record, String> {
    #[derive(Deserialize)]
    struct Schema {
        schema: u32,
    }
    let schema = serde_json::from_str::<Schema>(text)
        .map_err(|e| e.to_string())?
        .schema;
    if schema != RECORD_SCHEMA {
        return Err(format!("unknown schema {schema}"));
    }
    serde_json::from_str::<Record>(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankSource, load_bank};
    use crate::scoring::score_answer;

    fn record(score_text: &str) -> Record {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let question = bank.question("harsh-truth").unwrap();
        let attempt = Attempt {
            kind: AttemptKind::First,
            mode: AnswerMode::Score,
            answer: score_text.to_string(),
            seconds: None,
            report: score_answer(&bank, question, score_text),
        };
        Record::new(
            "harsh-truth",
            &attempt,
            "embedded",
            SystemTime::UNIX_EPOCH,
            true,
        )
    }

    #[test]
    fn records_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let first = record("I told my lead the launch would slip.");
        append(&path, &first).unwrap();
        append(&path, &first).unwrap();
        let (records, warnings) = load(&path).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(records, vec![first.clone(), first]);
        assert_eq!(records[0].at, "1970-01-01T00:00:00Z");
    }

    #[test]
    fn a_torn_line_stays_separate_and_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let good = record("I told my lead the launch would slip.");
        append(&path, &good).unwrap();
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"schema\":1,\"at\":\"20").unwrap();
        append(&path, &good).unwrap();
        let before = std::fs::read(&path).unwrap();
        let (records, warnings) = load(&path).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains(":2:"), "{warnings:?}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "reading changes nothing"
        );
    }

    #[test]
    fn unknown_schemas_and_garbage_are_skipped() {
        let line = serde_json::to_string(&record("I told her.")).unwrap();
        let newer = line.replace("\"schema\":1", "\"schema\":2,\"new_field\":true");
        let text = format!("{line}\n{newer}\n\u{0}\u{ff}\n\n{line}\n");
        let (records, warnings) = parse(text.as_bytes(), "h");
        assert_eq!(records.len(), 2);
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].starts_with("h:2:") && warnings[0].contains("unknown schema 2"));
        assert!(warnings[1].starts_with("h:3:"));
    }
}
