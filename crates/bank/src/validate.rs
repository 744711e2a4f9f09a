//! The bank format's rules beyond what the parser checks, all reported at once.
//!
//! Content quality (how many questions, answer length) is not a rule here: a user's own
//! bank may be small. The embedded bank's quality is tested separately.

use std::collections::{HashMap, HashSet};

use crate::{Bank, Level, SUPPORTED_VERSION};

/// One broken rule, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the question's `id:` (or of the offending key for bank-wide rules).
    pub line: Option<usize>,
    /// The question the problem belongs to, if any.
    pub question: Option<String>,
    /// What is wrong, in words the author can act on.
    pub message: String,
}

impl Problem {
    /// `path:line: question `id`: message`.
    pub fn render(&self, path: &str) -> String {
        let mut out = path.to_string();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
        }
        out.push_str(": ");
        if let Some(id) = &self.question {
            out.push_str(&format!("question `{id}`: "));
        }
        out.push_str(&self.message);
        out
    }
}

/// Checks the rules on a parsed bank; `text` is the source, scanned for line numbers
/// because the parser keeps no positions after parsing.
pub fn validate_bank(bank: &Bank, text: &str) -> Vec<Problem> {
    // Scanning for line numbers costs more than the checks: only do it when needed.
    let problems = check_bank(bank, &KeyLines::default());
    if problems.is_empty() {
        return problems;
    }
    check_bank(bank, &KeyLines::scan(text))
}

fn check_bank(bank: &Bank, lines: &KeyLines) -> Vec<Problem> {
    let mut problems = Vec::new();
    let bank_problem = |key: &str, message: String| Problem {
        line: lines.first(key),
        question: None,
        message,
    };

    if bank.version != SUPPORTED_VERSION {
        problems.push(bank_problem(
            "version",
            format!(
                "unsupported version {}; this build reads version {SUPPORTED_VERSION}",
                bank.version
            ),
        ));
    }
    if bank.principle.name.trim().is_empty() || bank.principle.text.trim().is_empty() {
        problems.push(bank_problem(
            "principle",
            "the principle needs a non-empty `name` and `text`".to_string(),
        ));
    }
    if bank.questions.is_empty() {
        problems.push(bank_problem(
            "questions",
            "the bank has no questions".to_string(),
        ));
    }
    let mut signal_ids = HashSet::new();
    for signal in &bank.principle.signals {
        let mut issues = Vec::new();
        check_id(&signal.id, "signal id", &mut issues);
        if !signal_ids.insert(signal.id.as_str()) {
            issues.push(format!("signal id `{}` appears twice", signal.id));
        }
        check_weight(
            signal.weight,
            &format!("signal `{}`", signal.id),
            &mut issues,
        );
        check_cues(
            &signal.cues,
            &format!("signal `{}`", signal.id),
            &mut issues,
        );
        let line = lines.find_value(&signal.id, 0);
        problems.extend(issues.into_iter().map(|message| Problem {
            line,
            question: None,
            message,
        }));
    }

    let mut cursor = 0;
    let question_lines: Vec<Option<usize>> = bank
        .questions
        .iter()
        .map(|question| {
            let line = lines.find_value(&question.id, cursor);
            if let Some(found) = line {
                cursor = found;
            }
            line
        })
        .collect();
    let mut seen = HashSet::new();
    for (index, question) in bank.questions.iter().enumerate() {
        let line = question_lines[index];
        // A problem inside the question is looked for between its line and the next's.
        let end = question_lines[index + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(usize::MAX);
        let mut issues = Vec::new();
        if !seen.insert(question.id.as_str()) {
            issues.push((Place::Question, "duplicate question id".to_string()));
        }
        check_question(question, &mut issues);
        problems.extend(issues.into_iter().map(|(place, message)| Problem {
            line: line.map(|start| lines.place(place, start, end).unwrap_or(start)),
            question: Some(question.id.clone()),
            message,
        }));
    }
    problems
}

/// Where in a question a problem lies, so that its line can be found.
#[derive(Debug, Clone, Copy)]
enum Place<'q> {
    /// The question's own `id:` line.
    Question,
    /// One of the question's keys (`text`, `premise`, `tags`, `follow_ups`).
    Key(&'static str),
    /// A key of one entry of a list (`rubric`, `red_flags`), found by the entry's id (the
    /// `nth` entry with that id, from 0, for duplicates); the id's own line when `key` is
    /// `None`.
    Entry {
        list: &'static str,
        id: &'q str,
        nth: usize,
        key: Option<&'static str>,
    },
    /// A key of the `index`th sample answer (from 0), counted by their `level:` lines.
    Sample { index: usize, key: &'static str },
}

fn check_question<'q>(question: &'q crate::Question, issues: &mut Vec<(Place<'q>, String)>) {
    let mut at = |place: Place<'q>, found: Vec<String>| {
        issues.extend(found.into_iter().map(|message| (place, message)));
    };
    let mut found = Vec::new();
    check_id(&question.id, "question id", &mut found);
    if question.rubric.is_empty() {
        found.push("no rubric point".to_string());
    }
    if question.sample_answers.is_empty() {
        found.push("no sample answer".to_string());
    }
    at(Place::Question, found);
    for (index, sample) in question.sample_answers.iter().enumerate() {
        let name = format!("sample answer {}", index + 1);
        let sample_key = |key| Place::Sample { index, key };
        if let Level::Unknown(word) = &sample.level {
            at(
                sample_key("level"),
                vec![format!(
                    "{name} has unknown level `{word}`; use strong, adequate or weak"
                )],
            );
        }
        if sample.text.trim().is_empty() {
            at(sample_key("text"), vec![format!("{name} has empty text")]);
        }
        if sample.commentary.trim().is_empty() {
            at(
                sample_key("commentary"),
                vec![format!("{name} has an empty commentary")],
            );
        }
    }
    if question.text.trim().is_empty() {
        at(Place::Key("text"), vec!["empty question text".to_string()]);
    }
    let mut rubric_ids: HashMap<&str, usize> = HashMap::new();
    for point in &question.rubric {
        let name = format!("rubric point `{}`", point.id);
        let seen = rubric_ids.entry(&point.id).or_default();
        let nth = *seen;
        *seen += 1;
        let entry = |key| Place::Entry {
            list: "rubric",
            id: &point.id,
            nth,
            key,
        };
        let mut found = Vec::new();
        check_id(&point.id, "rubric id", &mut found);
        if nth > 0 {
            found.push(format!("duplicate rubric id `{}`", point.id));
        }
        at(entry(None), found);
        if point.point.trim().is_empty() {
            at(entry(Some("point")), vec![format!("{name} has empty text")]);
        }
        let mut found = Vec::new();
        check_weight(point.weight, &name, &mut found);
        at(entry(Some("weight")), found);
        let mut found = Vec::new();
        check_cues(&point.cues, &name, &mut found);
        at(entry(Some("cues")), found);
    }
    if let Some(premise) = &question.premise {
        let mut found = Vec::new();
        if premise.text.trim().is_empty() {
            found.push("the premise has empty text".to_string());
        }
        check_cues(&premise.cues, "the premise", &mut found);
        at(Place::Key("premise"), found);
    }
    let mut flag_ids: HashMap<&str, usize> = HashMap::new();
    for flag in &question.red_flags {
        let name = format!("red flag `{}`", flag.id);
        let seen = flag_ids.entry(&flag.id).or_default();
        let nth = *seen;
        *seen += 1;
        let entry = |key| Place::Entry {
            list: "red_flags",
            id: &flag.id,
            nth,
            key,
        };
        let mut found = Vec::new();
        check_id(&flag.id, "red flag id", &mut found);
        if nth > 0 {
            found.push(format!("duplicate red flag id `{}`", flag.id));
        }
        at(entry(None), found);
        if flag.flag.trim().is_empty() {
            at(
                entry(Some("flag")),
                vec![format!("{name} has empty `flag` text")],
            );
        }
        if flag.ask.as_ref().is_some_and(|a| a.trim().is_empty()) {
            at(
                entry(Some("ask")),
                vec![format!("{name} has an empty `ask`")],
            );
        }
        let mut found = Vec::new();
        check_cues(&flag.cues, &name, &mut found);
        at(entry(Some("cues")), found);
    }
    if question.follow_ups.iter().any(|f| f.trim().is_empty()) {
        at(
            Place::Key("follow_ups"),
            vec!["a follow-up is empty".to_string()],
        );
    }
    if question.tags.iter().any(|t| !is_kebab_case(t)) {
        at(
            Place::Key("tags"),
            vec!["tags must be kebab-case words".to_string()],
        );
    }
}

fn check_id(id: &str, what: &str, issues: &mut Vec<String>) {
    if !is_kebab_case(id) {
        issues.push(format!(
            "{what} `{id}` is not kebab-case (lowercase letters, digits and single hyphens)"
        ));
    }
}

/// The largest weight accepted: far beyond any sensible one, far below what overflows a sum.
pub const MAX_WEIGHT: f64 = 1000.0;

fn check_weight(weight: f64, name: &str, issues: &mut Vec<String>) {
    // NaN and infinities fail `is_finite`, so they are refused too.
    if !weight.is_finite() || weight <= 0.0 || weight > MAX_WEIGHT {
        issues.push(format!(
            "{name} has weight {weight}; weights must be numbers greater than 0 and at most {MAX_WEIGHT}"
        ));
    }
}

fn check_cues(cues: &[String], name: &str, issues: &mut Vec<String>) {
    if cues.iter().all(|c| c.trim().is_empty()) {
        issues.push(format!(
            "{name} has no cues, so no answer could ever match it"
        ));
    }
}

/// `earn-trust-quickly`: lowercase ASCII letters and digits in hyphen-separated words.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Line numbers of `key: value` lines, found by scanning the text.
#[derive(Default)]
struct KeyLines {
    /// (1-based line, key, value without quotes)
    entries: Vec<(usize, String, String)>,
}

impl KeyLines {
    fn scan(text: &str) -> Self {
        let entries = text
            .lines()
            .enumerate()
            .filter_map(|(index, line)| {
                let body = line.trim_start().trim_start_matches("- ").trim_start();
                let (key, value) = body.split_once(':')?;
                if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return None;
                }
                let value = value.split(" #").next().unwrap_or("").trim();
                let value = value.trim_matches(|c| c == '"' || c == '\'');
                Some((index + 1, key.to_string(), value.to_string()))
            })
            .collect();
        KeyLines { entries }
    }

    fn first(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|(_, k, _)| k == key)
            .map(|(line, _, _)| *line)
    }

    /// The line of `place` in the question whose `id:` is on line `start`, looking no
    /// further than line `end` (the next question's).
    fn place(&self, place: Place, start: usize, end: usize) -> Option<usize> {
        match place {
            Place::Question => Some(start),
            Place::Key(key) => self.next(start, end, |k, _| k == key),
            Place::Sample { index, key } => {
                let mut level = self.next(start, end, |k, _| k == "sample_answers")?;
                for _ in 0..=index {
                    level = self.next(level, end, |k, _| k == "level")?;
                }
                if key == "level" {
                    return Some(level);
                }
                let next_level = self.next(level, end, |k, _| k == "level").unwrap_or(end);
                self.next(level, next_level, |k, _| k == key)
            }
            Place::Entry { list, id, nth, key } => {
                let mut entry = self.next(start, end, |k, _| k == list)?;
                for _ in 0..=nth {
                    entry = self.next(entry, end, |k, v| k == "id" && v == id)?;
                }
                match key {
                    None => Some(entry),
                    // The entry's own key comes before the next entry's id.
                    Some(key) => {
                        let next_id = self.next(entry, end, |k, _| k == "id").unwrap_or(end);
                        self.next(entry, next_id, |k, _| k == key)
                    }
                }
            }
        }
    }

    /// The first line after `after` and before `before` whose key and value pass `wanted`.
    fn next(
        &self,
        after: usize,
        before: usize,
        wanted: impl Fn(&str, &str) -> bool,
    ) -> Option<usize> {
        let start = self.entries.partition_point(|(line, _, _)| *line <= after);
        self.entries[start..]
            .iter()
            .take_while(|(line, _, _)| *line < before)
            .find(|(_, k, v)| wanted(k, v))
            .map(|(line, _, _)| *line)
    }

    /// The first `id: value` line after `after`, else the first anywhere.
    fn find_value(&self, value: &str, after: usize) -> Option<usize> {
        let is_id = |(_, key, v): &&(usize, String, String)| key == "id" && v == value;
        // Entries are in line order, so the search can start right after `after`.
        let start = self.entries.partition_point(|(line, _, _)| *line <= after);
        self.entries[start..]
            .iter()
            .find(is_id)
            .or_else(|| self.entries[..start].iter().find(is_id))
            .map(|(line, _, _)| *line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_ids() {
        for good in ["a", "earn-trust", "q-10", "x2"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in ["", "Not Kebab", "a--b", "-a", "a-", "a_b", "É"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn finds_the_line_of_each_id_in_order() {
        let text = "questions:\n  - id: a\n    rubric:\n      - id: a\n  - id: 'b'\n  - id: a\n";
        let lines = KeyLines::scan(text);
        assert_eq!(lines.find_value("a", 0), Some(2));
        assert_eq!(lines.find_value("b", 2), Some(5));
        assert_eq!(lines.find_value("a", 5), Some(6));
        assert_eq!(lines.first("questions"), Some(1));
    }
}
