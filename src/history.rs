//! Practice history: one JSON record a line in `<data-dir>/history.jsonl`.
//!
//! Each record is appended in one write while holding an exclusive lock, after a newline
//! if the file does not end in one, so a torn last line stays separate and concurrent
//! writers never interleave; a write that fails (a full disk) is rolled back before the
//! lock is released. Damaged lines are reported, skipped and left as they are. The file
//! is read as a stream (it can hold years of practice), or from its end for the last few
//! records; the file is never rewritten on read.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::attempt::{AnswerMode, Attempt, AttemptKind, FollowUp};
use crate::bank::Bank;
use crate::scoring::Grade;
use crate::{Error, Result};

/// Seconds in a day: records are grouped by UTC day.
pub const DAY: u64 = 86_400;

/// Version of the record format.
pub const RECORD_SCHEMA: u32 = 1;

/// One scored answer, as kept in the history file. `A` is the answer: its text (or null),
/// or [`Skipped`] when a reader has no use for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record<A = Option<String>> {
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
    pub answer: A,
    /// When a model judge was used: the rules' score alone, and the judge's model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge_model: Option<String>,
    /// For a follow-up: the question asked and the reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
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
            follow_up: if keep_text {
                attempt.follow_up.clone()
            } else {
                // The follow-up's question alone: the reply is answer text.
                attempt.follow_up.as_ref().map(|f| FollowUp {
                    question: f.question.clone(),
                    reply: String::new(),
                })
            },
        }
    }

    /// When it was made, if the timestamp reads.
    pub fn time(&self) -> Option<SystemTime> {
        humantime::parse_rfc3339(&self.at).ok()
    }
}

/// An answer a reader has no use for: read past without being kept.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Skipped)
    }
}

impl Record<Skipped> {
    /// The record with no answer text (`answer` is `None`).
    fn without_answer(self) -> Record {
        Record {
            schema: self.schema,
            at: self.at,
            bank: self.bank,
            question: self.question,
            kind: self.kind,
            score: self.score,
            grade: self.grade,
            hit: self.hit,
            missed: self.missed,
            words: self.words,
            seconds: self.seconds,
            mode: self.mode,
            answer: None,
            rules_score: self.rules_score,
            judge_model: self.judge_model,
            follow_up: self.follow_up,
        }
    }
}

/// What a reader keeps of each record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Everything, answers included (export, `history --format json`).
    Answers,
    /// Everything but the answers, which can be most of the file (stats, choice).
    NoAnswers,
}

fn read_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: path.to_path_buf(),
        what: "cannot read practice history",
        source,
    }
}

fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        what: "cannot save practice history",
        source,
    }
}

/// Appends one record under an exclusive lock. If the file was removed or replaced (by
/// `reset`) between opening and locking, the record goes to the file now at the path; if
/// the write fails, the file is cut back to where it was.
pub fn append(path: &Path, record: &Record) -> Result<()> {
    append_with(path, |_| Ok(record.clone())).map(|_| ())
}

/// Appends a scored answer: as its kind says, except that a first try becomes a retry
/// when the file already holds a first try at the same question of the same bank on the
/// same day (UTC). Decided under the lock that guards the write, so two saves at once cannot both
/// be first. Returns the kind it was saved as.
pub fn append_scored(path: &Path, record: &Record) -> Result<AttemptKind> {
    let saved = append_with(path, |file| {
        let mut record = record.clone();
        if record.kind == AttemptKind::First && has_first_try_on_day(file, &record)? {
            record.kind = AttemptKind::Retry;
        }
        Ok(record)
    })?;
    Ok(saved.kind)
}

/// The fields of a record that choosing questions and telling a first try need; the rest
/// (the answer above all) are read past without being kept.
#[derive(Deserialize)]
struct Brief<'a> {
    schema: u32,
    #[serde(borrow)]
    at: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    bank: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    question: std::borrow::Cow<'a, str>,
    kind: AttemptKind,
    score: u8,
}

/// Whether the history open in `file` holds a first try at `record`'s question and bank
/// on `record`'s day. Damaged lines are passed over: they are reported by every reader.
fn has_first_try_on_day(file: &mut File, record: &Record) -> std::io::Result<bool> {
    let day = day_of(&record.at);
    let mut same = BankMatch::new(&record.bank);
    let length = file.metadata()?.len();
    let mut found = false;
    read_lines(file, length, |line| {
        if let Ok(brief) = serde_json::from_slice::<Brief>(line) {
            found |= brief.schema == RECORD_SCHEMA
                && brief.kind == AttemptKind::First
                && brief.question == record.question
                && day.is_some()
                && day_of(&brief.at) == day
                && same.is(&brief.bank);
        }
    })?;
    Ok(found)
}

/// The day (since 1970, UTC) of an RFC 3339 time as records write it.
fn day_of(at: &str) -> Option<u64> {
    let time = humantime::parse_rfc3339(at).ok()?;
    Some(time.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs() / DAY)
}

/// Calls `each` with every line of the first `length` bytes of `file`, from its start.
fn read_lines(file: &File, length: u64, mut each: impl FnMut(&[u8])) -> std::io::Result<()> {
    let mut file = file;
    file.seek(SeekFrom::Start(0))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file.take(length));
    let mut line = Vec::new();
    loop {
        line.clear();
        if std::io::BufRead::read_until(&mut reader, b'\n', &mut line)? == 0 {
            return Ok(());
        }
        each(&line);
    }
}

/// Appends the record `prepare` makes, under an exclusive lock, from the file it is about
/// to be written to; returns the record written.
fn append_with(
    path: &Path,
    prepare: impl Fn(&mut File) -> std::io::Result<Record>,
) -> Result<Record> {
    let fail = write_error(path);
    crate::store::require_regular_file(path)?;
    if let Some(dir) = path.parent() {
        crate::store::create_private_dir(dir).map_err(&fail)?;
    }
    for _ in 0..3 {
        let mut file = open_for_append(path).map_err(&fail)?;
        file.lock().map_err(&fail)?;
        if !is_still_at(&file, path) {
            // Removed while we waited for the lock: write to the file at the path now.
            let _ = file.unlock();
            continue;
        }
        let result = prepare(&mut file).and_then(|record| {
            let mut line = serde_json::to_string(&record).expect("plain data always serialises");
            line.push('\n');
            write_record(&mut file, &line).map(|()| record)
        });
        let _ = file.unlock();
        return result.map_err(&fail);
    }
    Err(fail(std::io::Error::other(
        "the file kept being replaced while saving",
    )))
}

fn open_for_append(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Whether `file` is still the file at `path` (not removed or replaced since it was
/// opened).
fn is_still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(held), Ok(now)) => held.dev() == now.dev() && held.ino() == now.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Writes `line` at the end of the locked `file`, after a newline if a torn last line
/// needs one; on failure, cuts the file back to its length before.
fn write_record(file: &mut File, line: &str) -> std::io::Result<()> {
    let before = file.seek(SeekFrom::End(0))?;
    let mut line = line.to_string();
    if !ends_with_newline(file, before)? {
        // A torn last line (a crash mid-write) stays a line of its own.
        line.insert(0, '\n');
    }
    let written = file
        .write_all(line.as_bytes())
        .and_then(|()| file.sync_data());
    if written.is_err() {
        let _ = file.set_len(before);
        let _ = file.sync_data();
    }
    written
}

fn ends_with_newline(file: &mut File, length: u64) -> std::io::Result<bool> {
    if length == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(length - 1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    file.seek(SeekFrom::End(0))?;
    Ok(last[0] == b'\n')
}

/// Opens the history for reading under a shared lock; `None` when there is none yet.
fn open_locked(path: &Path) -> Result<Option<File>> {
    crate::store::require_regular_file(path)?;
    match File::open(path) {
        Ok(file) => {
            file.lock_shared().map_err(read_error(path))?;
            Ok(Some(file))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(read_error(path)(source)),
    }
}

/// The records in the file, oldest first, and one warning per line that could not be
/// read, streaming through the file. A missing file is an empty history.
pub fn load(path: &Path, keep: Keep) -> Result<(Vec<Record>, Vec<String>)> {
    let mut records = Vec::new();
    let warnings = for_each(path, keep, |record| records.push(record))?;
    Ok((records, warnings))
}

/// Calls `each` with every record in the file, oldest first, and returns a warning per
/// line that could not be read.
pub fn for_each(path: &Path, keep: Keep, mut each: impl FnMut(Record)) -> Result<Vec<String>> {
    each_line(path, |line| {
        parse_line(line, keep).map(|record| {
            if let Some(record) = record {
                each(record);
            }
        })
    })
}

/// A first try at a question, as the choice of questions needs it: which, on what day
/// (since 1970, UTC), and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub question: String,
    pub day: u64,
    pub score: u8,
}

/// The first tries at `bank`'s questions (the bank now called `label`), oldest first, and
/// a warning per line that could not be read. Reads only the fields it needs, so a long
/// history costs little time and memory.
pub fn reviews(path: &Path, bank: &Bank, label: &str) -> Result<(Vec<Review>, Vec<String>)> {
    let mut same = BankMatch::new(label);
    let mut reviews = Vec::new();
    let warnings = each_line(path, |line| {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let brief = match serde_json::from_slice::<Brief>(line) {
            Ok(brief) if brief.schema == RECORD_SCHEMA => brief,
            // The full reader says what is wrong with the line.
            _ => return parse_line(line, Keep::NoAnswers).map(|_| ()),
        };
        if let Some(day) = day_of(&brief.at)
            && brief.kind == AttemptKind::First
            && bank.question(&brief.question).is_some()
            && same.is(&brief.bank)
        {
            reviews.push(Review {
                question: brief.question.into_owned(),
                day,
                score: brief.score,
            });
        }
        Ok(())
    })?;
    Ok((reviews, warnings))
}

/// Calls `each` with every line of the file under a shared lock, and returns a warning per
/// line it could not read.
fn each_line(
    path: &Path,
    mut each: impl FnMut(&[u8]) -> std::result::Result<(), String>,
) -> Result<Vec<String>> {
    let Some(file) = open_locked(path)? else {
        return Ok(Vec::new());
    };
    // Records are appended whole under an exclusive lock: what is there while the shared
    // lock is held is whole, and stays so. Reading it after letting go of the lock keeps
    // a slow reader (an export scoring every answer) from holding up a drill's save.
    let length = file.metadata().map(|m| m.len()).map_err(read_error(path));
    let _ = file.unlock();
    let name = path.display().to_string();
    let mut warnings = Vec::new();
    let mut number = 0;
    read_lines(&file, length?, |line| {
        number += 1;
        if let Err(why) = each(line) {
            warnings.push(damaged(&name, number, &why));
        }
    })
    .map_err(read_error(path))?;
    Ok(warnings)
}

/// The last `count` records (oldest first), read from the end of the file, and a warning
/// for each damaged line among them.
pub fn load_last(path: &Path, count: usize) -> Result<(Vec<Record>, Vec<String>)> {
    let Some(mut file) = open_locked(path)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let result = read_tail(&mut file, path, count);
    let _ = file.unlock();
    result
}

fn read_tail(file: &mut File, path: &Path, count: usize) -> Result<(Vec<Record>, Vec<String>)> {
    const CHUNK: u64 = 1 << 16;
    let length = file.seek(SeekFrom::End(0)).map_err(read_error(path))?;
    let mut start = length;
    let mut tail: Vec<u8> = Vec::new();
    // Read back until the tail holds `count` whole lines (or the file is all read).
    loop {
        let lines = tail
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .count();
        if start == 0 || lines > count {
            break;
        }
        let from = start.saturating_sub(CHUNK);
        let mut chunk = vec![0; (start - from) as usize];
        file.seek(SeekFrom::Start(from)).map_err(read_error(path))?;
        file.read_exact(&mut chunk).map_err(read_error(path))?;
        chunk.extend_from_slice(&tail);
        tail = chunk;
        start = from;
    }
    let mut lines: Vec<(usize, &[u8])> = tail.split(|&b| b == b'\n').enumerate().collect();
    if start > 0 {
        // The first piece may be part of a longer line: it is not one of the last.
        lines.remove(0);
    }
    let mut records = Vec::new();
    let mut damaged_at = Vec::new();
    for (index, line) in lines.into_iter().rev() {
        if records.len() == count {
            break;
        }
        match parse_line(line, Keep::Answers) {
            Ok(Some(record)) => records.push(record),
            Ok(None) => {}
            Err(why) => damaged_at.push((index, why)),
        }
    }
    records.reverse();
    let warnings = if damaged_at.is_empty() {
        Vec::new()
    } else {
        // Line numbers need the lines before the tail counted: only done when needed.
        let before = count_lines_before(file, start).map_err(read_error(path))?;
        let name = path.display().to_string();
        let first = if start > 0 { before } else { 0 };
        damaged_at
            .into_iter()
            .rev()
            .map(|(index, why)| damaged(&name, first + index + usize::from(start == 0), &why))
            .collect()
    };
    Ok((records, warnings))
}

/// How many line starts lie before byte `end` (the number of the line holding `end`).
fn count_lines_before(file: &mut File, end: u64) -> std::io::Result<usize> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = std::io::BufReader::new(file.take(end));
    let mut buffer = [0u8; 1 << 16];
    let mut lines = 1;
    loop {
        let read = reader.read(&mut buffer)?;
        if read == 0 {
            return Ok(lines);
        }
        lines += buffer[..read].iter().filter(|&&b| b == b'\n').count();
    }
}

fn damaged(name: &str, line: usize, why: &str) -> String {
    format!("{name}:{line}: skipped a damaged or unknown line ({why}); it is left in the file")
}

/// The records that belong to `bank` (by its label, and to a question it has).
pub fn records_for<'a>(records: &'a [Record], bank: &Bank, label: &str) -> Vec<&'a Record> {
    let mut same = BankMatch::new(label);
    records
        .iter()
        .filter(|r| bank.question(&r.question).is_some() && same.is(&r.bank))
        .collect()
}

/// Whether a record's bank (as it was stored) is the bank now called `label`: the same
/// label, or a relative path that resolves from here to the same file. Each stored name
/// is resolved once, however many records carry it.
struct BankMatch<'l> {
    label: &'l str,
    resolved: std::collections::HashMap<String, bool>,
}

impl<'l> BankMatch<'l> {
    fn new(label: &'l str) -> Self {
        BankMatch {
            label,
            resolved: std::collections::HashMap::new(),
        }
    }

    fn is(&mut self, stored: &str) -> bool {
        if stored == self.label {
            return true;
        }
        if stored == "embedded" || self.label == "embedded" {
            return false;
        }
        if let Some(&same) = self.resolved.get(stored) {
            return same;
        }
        let same = std::fs::canonicalize(stored).is_ok_and(|p| p.to_string_lossy() == self.label);
        self.resolved.insert(stored.to_string(), same);
        same
    }
}

/// Parses history bytes; `name` labels warnings.
pub fn parse(bytes: &[u8], name: &str) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        match parse_line(line, Keep::Answers) {
            Ok(Some(record)) => records.push(record),
            Ok(None) => {}
            Err(why) => warnings.push(damaged(name, index + 1, &why)),
        }
    }
    (records, warnings)
}

/// One line as a record (`None` for a blank line). A record from a newer version is
/// reported as that rather than as a damaged line.
fn parse_line(line: &[u8], keep: Keep) -> std::result::Result<Option<Record>, String> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let parsed = match keep {
        Keep::Answers => serde_json::from_slice::<Record>(line),
        Keep::NoAnswers => {
            serde_json::from_slice::<Record<Skipped>>(line).map(Record::without_answer)
        }
    };
    match parsed {
        Ok(record) if record.schema == RECORD_SCHEMA => Ok(Some(record)),
        Ok(record) => Err(format!("unknown schema {}", record.schema)),
        Err(err) => {
            #[derive(Deserialize)]
            struct Schema {
                schema: u32,
            }
            match serde_json::from_slice::<Schema>(line) {
                Ok(Schema { schema }) if schema != RECORD_SCHEMA => {
                    Err(format!("unknown schema {schema}"))
                }
                _ if std::str::from_utf8(line).is_err() => Err("not UTF-8".to_string()),
                _ => Err(err.to_string()),
            }
        }
    }
}

/// Removes the history under its exclusive lock, so a writer that opened it before
/// cannot go on writing into a file no longer there: it waits, then writes to a new one.
pub fn remove(path: &Path) -> Result<()> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        what: "cannot remove",
        source,
    };
    crate::store::require_regular_file(path)?;
    let file = match OpenOptions::new().read(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(fail(err)),
    };
    file.lock().map_err(fail)?;
    let removed = std::fs::remove_file(path);
    let _ = file.unlock();
    removed.map_err(fail)
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
            follow_up: None,
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
        let (records, warnings) = load(&path, Keep::Answers).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(records, vec![first.clone(), first]);
        assert_eq!(records[0].at, "1970-01-01T00:00:00Z");
    }

    #[test]
    fn reviews_are_first_tries_at_this_banks_questions_and_damage_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let first = record("I told my lead the launch would slip.");
        let mut retry = first.clone();
        retry.kind = AttemptKind::Retry;
        let mut other_bank = first.clone();
        other_bank.bank = "/elsewhere/bank.yaml".into();
        let mut unknown_question = first.clone();
        unknown_question.question = "not-in-this-bank".into();
        for record in [&first, &retry, &other_bank, &unknown_question] {
            append(&path, record).unwrap();
        }
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"schema\":1,\"at\":\"torn\n").unwrap();
        let (reviews, warnings) = reviews(&path, &bank, "embedded").unwrap();
        assert_eq!(
            reviews,
            vec![Review {
                question: "harsh-truth".into(),
                day: 0,
                score: first.score,
            }]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains(":5:"), "{}", warnings[0]);
    }

    #[test]
    fn a_writer_that_opened_the_file_before_a_reset_writes_to_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let first = record("I told my lead the launch would slip.");
        append(&path, &first).unwrap();
        // A writer has the file open when reset removes it under the lock.
        let opened_before = open_for_append(&path).unwrap();
        remove(&path).unwrap();
        assert!(!is_still_at(&opened_before, &path));
        append(&path, &first).unwrap();
        let (records, _) = load(&path, Keep::Answers).unwrap();
        assert_eq!(records.len(), 1, "the record went to the file at the path");
    }

    #[test]
    fn the_last_records_are_read_from_the_end_with_line_numbers_for_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let good = record("I told my lead the launch would slip.");
        for _ in 0..3000 {
            append(&path, &good).unwrap();
        }
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{damaged\n").unwrap();
        append(&path, &good).unwrap();
        let (records, warnings) = load_last(&path, 3).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains(":3001:"), "{warnings:?}");
        let (all, _) = load(&path, Keep::NoAnswers).unwrap();
        assert_eq!(all.len(), 3001);
        assert!(all.iter().all(|r| r.answer.is_none()));
        assert_eq!(load_last(&path, 10_000).unwrap().0.len(), 3001);
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
        let (records, warnings) = load(&path, Keep::Answers).unwrap();
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
