//! The bank format's rules beyond what the parser checks, all reported at once.
//!
//! Content quality (how many questions, answer length) is not a rule here: a user's own
//! bank may be small. The embedded bank's quality is tested separately.

use std::collections::{HashMap, HashSet};

use crate::{Bank, Level, SUPPORTED_VERSION};

/// One broken rule, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the field at fault (a rubric point's `weight:`, a sample's `level:`),
    /// of the question's `id:` for what concerns the whole question, or of the offending
    /// key for bank-wide rules.
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
    let signal_items = lines.top_items(Some("principle"), "signals");
    for (index, signal) in bank.principle.signals.iter().enumerate() {
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
        let line = signal_items
            .get(index)
            .map(|&item| lines.line_in(item, "id"));
        problems.extend(issues.into_iter().map(|message| Problem {
            line,
            question: None,
            message,
        }));
    }

    // The bank's questions are its `questions:` items, in the same order.
    let question_items = lines.top_items(None, "questions");
    let mut seen = HashSet::new();
    for (index, question) in bank.questions.iter().enumerate() {
        let item = question_items.get(index).copied();
        let mut issues = Vec::new();
        if !seen.insert(question.id.as_str()) {
            issues.push((Place::Question, "duplicate question id".to_string()));
        }
        check_question(question, &mut issues);
        problems.extend(issues.into_iter().map(|(place, message)| Problem {
            line: item.and_then(|item| {
                lines
                    .place(place, item)
                    .or_else(|| lines.place(Place::Question, item))
            }),
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
    let mut rubric_ids = HashMap::new();
    for point in &question.rubric {
        let name = format!("rubric point `{}`", point.id);
        let entry = check_entry(("rubric", "rubric id"), &point.id, &mut rubric_ids, &mut at);
        if point.point.trim().is_empty() {
            at(
                entry.place(Some("point")),
                vec![format!("{name} has empty text")],
            );
        }
        let mut found = Vec::new();
        check_weight(point.weight, &name, &mut found);
        at(entry.place(Some("weight")), found);
        let mut found = Vec::new();
        check_cues(&point.cues, &name, &mut found);
        at(entry.place(Some("cues")), found);
    }
    if let Some(premise) = &question.premise {
        let mut found = Vec::new();
        if premise.text.trim().is_empty() {
            found.push("the premise has empty text".to_string());
        }
        check_cues(&premise.cues, "the premise", &mut found);
        at(Place::Key("premise"), found);
    }
    let mut flag_ids = HashMap::new();
    for flag in &question.red_flags {
        let name = format!("red flag `{}`", flag.id);
        let entry = check_entry(
            ("red_flags", "red flag id"),
            &flag.id,
            &mut flag_ids,
            &mut at,
        );
        if flag.flag.trim().is_empty() {
            at(
                entry.place(Some("flag")),
                vec![format!("{name} has empty `flag` text")],
            );
        }
        if flag.ask.as_ref().is_some_and(|a| a.trim().is_empty()) {
            at(
                entry.place(Some("ask")),
                vec![format!("{name} has an empty `ask`")],
            );
        }
        let mut found = Vec::new();
        check_cues(&flag.cues, &name, &mut found);
        at(entry.place(Some("cues")), found);
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

/// What every entry of a list with ids (`rubric`, `red_flags`) is checked for: a
/// kebab-case id, not given before in the list (`seen` counts them). Returns where the
/// entry's keys are, for its own checks.
fn check_entry<'q>(
    (list, what): (&'static str, &str),
    id: &'q str,
    seen: &mut HashMap<&'q str, usize>,
    at: &mut impl FnMut(Place<'q>, Vec<String>),
) -> EntryAt<'q> {
    let count = seen.entry(id).or_default();
    let nth = *count;
    *count += 1;
    let mut found = Vec::new();
    check_id(id, what, &mut found);
    if nth > 0 {
        found.push(format!("duplicate {what} `{id}`"));
    }
    let entry = EntryAt { list, id, nth };
    at(entry.place(None), found);
    entry
}

/// Where an entry of a list with ids is: the `nth` (from 0) with `id` in `list`.
#[derive(Debug, Clone, Copy)]
struct EntryAt<'q> {
    list: &'static str,
    id: &'q str,
    nth: usize,
}

impl<'q> EntryAt<'q> {
    /// The line of the entry's `key`, or of its id when `None`.
    fn place(self, key: Option<&'static str>) -> Place<'q> {
        Place::Entry {
            list: self.list,
            id: self.id,
            nth: self.nth,
            key,
        }
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

/// One `key: value` line of the source.
#[derive(Debug)]
struct KeyLine {
    /// 1-based.
    line: usize,
    /// Where the key starts: the keys of one mapping share it.
    column: usize,
    /// Whether the line starts an item of a list (`- key: value`).
    item: bool,
    key: String,
    /// Without quotes or a trailing comment.
    value: String,
}

/// The `key: value` lines of a bank, found by scanning the text (the parser keeps no
/// positions), read as nested mappings by their indentation.
#[derive(Default)]
struct KeyLines {
    entries: Vec<KeyLine>,
}

impl KeyLines {
    fn scan(text: &str) -> Self {
        let entries = text
            .lines()
            .enumerate()
            .filter_map(|(index, line)| {
                let indent = line.len() - line.trim_start().len();
                let after_indent = &line[indent..];
                let item = after_indent.starts_with("- ");
                let body = after_indent.trim_start_matches("- ").trim_start();
                let column = line.len() - body.len();
                let (key, value) = body.split_once(':')?;
                if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return None;
                }
                let value = value.split(" #").next().unwrap_or("").trim();
                let value = value.trim_matches(|c| c == '"' || c == '\'');
                Some(KeyLine {
                    line: index + 1,
                    column,
                    item,
                    key: key.to_string(),
                    value: value.to_string(),
                })
            })
            .collect();
        KeyLines { entries }
    }

    /// The line of the first top-level `key`.
    fn first(&self, key: &str) -> Option<usize> {
        self.top(key).map(|at| self.entries[at].line)
    }

    fn top(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.column == 0 && e.key == key)
    }

    /// The entries (by index) of the mapping that entry `at` belongs to: from its item's
    /// `- ` line (or the start of the mapping) to the line before the next sibling or the
    /// end of the parent.
    fn block(&self, at: usize) -> std::ops::Range<usize> {
        let column = self.entries[at].column;
        let mut start = at;
        while !(self.entries[start].item && self.entries[start].column == column)
            && start > 0
            && self.entries[start - 1].column >= column
        {
            start -= 1;
        }
        let end = (at + 1..self.entries.len())
            .find(|&k| {
                let e = &self.entries[k];
                e.column < column || (e.item && e.column == column)
            })
            .unwrap_or(self.entries.len());
        start..end
    }

    /// Entry `key` of the mapping that entry `at` belongs to.
    fn key_of(&self, at: usize, key: &str) -> Option<usize> {
        let column = self.entries[at].column;
        self.block(at)
            .find(|&k| self.entries[k].column == column && self.entries[k].key == key)
    }

    /// The items of the list under entry `at` (a `key:` whose value is a block list): the
    /// first entry of each.
    fn items(&self, at: usize) -> Vec<usize> {
        let column = self.entries[at].column;
        let Some(first) = self
            .entries
            .get(at + 1)
            .filter(|e| e.column > column && e.item)
        else {
            return Vec::new();
        };
        let item_column = first.column;
        (at + 1..self.entries.len())
            .take_while(|&k| self.entries[k].column > column)
            .filter(|&k| self.entries[k].item && self.entries[k].column == item_column)
            .collect()
    }

    /// The first entry of each item under the top-level `list` (or under `parent`, then
    /// `list`), in file order.
    fn top_items(&self, parent: Option<&str>, list: &str) -> Vec<usize> {
        let found = match parent {
            None => self.top(list),
            Some(parent) => self.top(parent).and_then(|at| {
                let column = self.entries[at].column;
                (at + 1..self.entries.len())
                    .take_while(|&k| self.entries[k].column > column)
                    .find(|&k| self.entries[k].key == list)
            }),
        };
        found.map_or_else(Vec::new, |at| self.items(at))
    }

    /// The line of `key` in the mapping of item `item`, else the item's first line.
    fn line_in(&self, item: usize, key: &str) -> usize {
        let at = self.key_of(item, key).unwrap_or(item);
        self.entries[at].line
    }

    /// The line of `place` in the question whose item starts at entry `question`.
    fn place(&self, place: Place, question: usize) -> Option<usize> {
        let list_items = |list: &str| {
            self.key_of(question, list)
                .map_or_else(Vec::new, |at| self.items(at))
        };
        match place {
            Place::Question => Some(self.line_in(question, "id")),
            Place::Key(key) => self.key_of(question, key).map(|at| self.entries[at].line),
            Place::Sample { index, key } => {
                let item = *list_items("sample_answers").get(index)?;
                Some(self.line_in(item, key))
            }
            Place::Entry { list, id, nth, key } => {
                let item = list_items(list)
                    .into_iter()
                    .filter(|&item| {
                        self.key_of(item, "id")
                            .is_some_and(|at| self.entries[at].value == id)
                    })
                    .nth(nth)?;
                Some(self.line_in(item, key.unwrap_or("id")))
            }
        }
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
    fn fields_are_found_in_their_own_mapping_whatever_the_key_order() {
        let text = "\
version: 1
questions:
  - id: a
    rubric:
      - point: Says it.
        id: r
        weight: -1
      - id: s
        weight: 2
    sample_answers:
      - text: One.
        level: strong
      - level: nope
        text: Two.
  - text: Second.
    id: b
    rubric:
      - id: r
        weight: 0
";
        let lines = KeyLines::scan(text);
        let questions = lines.top_items(None, "questions");
        assert_eq!(questions.len(), 2);
        let weight = |id, nth| Place::Entry {
            list: "rubric",
            id,
            nth,
            key: Some("weight"),
        };
        assert_eq!(lines.place(weight("r", 0), questions[0]), Some(7));
        assert_eq!(lines.place(weight("s", 0), questions[0]), Some(9));
        assert_eq!(lines.place(weight("r", 0), questions[1]), Some(19));
        let level = |index| Place::Sample {
            index,
            key: "level",
        };
        assert_eq!(lines.place(level(0), questions[0]), Some(12));
        assert_eq!(lines.place(level(1), questions[0]), Some(13));
        assert_eq!(lines.place(Place::Question, questions[1]), Some(16));
        assert_eq!(lines.place(Place::Key("text"), questions[1]), Some(15));
        assert_eq!(lines.first("version"), Some(1));
    }
}
