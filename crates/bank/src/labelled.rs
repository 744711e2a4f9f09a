//! Labelled answer sets: answers written and labelled 1-5 by people, to measure how far
//! the scorer agrees with them (`earn-trust eval`).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::parse::syntax_error;
use crate::{BankError, Problem};

/// Labelled sets larger than this are refused before parsing (16 MiB).
pub const MAX_LABELLED_BYTES: u64 = 16 * 1024 * 1024;

/// One answer and the label people gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledAnswer {
    /// Unique in the set.
    pub id: String,
    /// The id of the question it answers.
    pub question: String,
    /// 1 (clear no) to 5 (strong hire).
    pub label: u8,
    /// What sort of answer it is (`strong-genuine`, `long-padded`, ...), if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The answer as written; `text` is accepted too.
    #[serde(alias = "text")]
    pub answer: String,
    /// Why it got its label, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Parses a labelled set (a YAML list); `path` names the file in messages.
pub fn parse_labelled_set(text: &str, path: &str) -> Result<Vec<LabelledAnswer>, BankError> {
    if text.len() as u64 > MAX_LABELLED_BYTES {
        return Err(BankError::TooLarge {
            path: path.to_string(),
            limit: MAX_LABELLED_BYTES,
        });
    }
    let set: Vec<LabelledAnswer> =
        serde_yaml::from_str(text).map_err(|err| syntax_error(&err, path))?;
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for answer in &set {
        let mut problem = |message: String| {
            problems.push(Problem {
                line: line_of_id(text, &answer.id),
                question: None,
                message: format!("answer `{}`: {message}", answer.id),
            })
        };
        if !seen.insert(answer.id.as_str()) {
            problem("the id appears twice".to_string());
        }
        if !(1..=5).contains(&answer.label) {
            problem(format!("label {} is not 1 to 5", answer.label));
        }
        if answer.answer.trim().is_empty() {
            problem("the answer is empty".to_string());
        }
    }
    if set.is_empty() {
        problems.push(Problem {
            line: None,
            question: None,
            message: "the set has no answers".to_string(),
        });
    }
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(BankError::Invalid {
            path: path.to_string(),
            problems,
        })
    }
}

fn line_of_id(text: &str, id: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let body = line.trim_start().trim_start_matches("- ").trim_start();
            body.strip_prefix("id:")
                .is_some_and(|value| value.trim().trim_matches(['"', '\'']) == id)
        })
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_field_spellings_are_read() {
        let text = "- id: a\n  question: q\n  label: 5\n  answer: I did it.\n\
                    - id: b\n  question: q\n  label: 1\n  kind: too-short\n  why: thin\n  text: No.\n";
        let set = parse_labelled_set(text, "set.yaml").unwrap();
        assert_eq!(set.len(), 2);
        assert_eq!(set[1].answer, "No.");
        assert_eq!(set[1].kind.as_deref(), Some("too-short"));
    }

    #[test]
    fn bad_labels_and_repeated_ids_are_reported_with_lines() {
        let text = "- id: a\n  question: q\n  label: 7\n  answer: x\n- id: a\n  question: q\n  label: 2\n  answer: y\n";
        let err = parse_labelled_set(text, "set.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("set.yaml:1: answer `a`: label 7 is not 1 to 5"),
            "{err}"
        );
        assert!(err.contains("appears twice"), "{err}");
        let err = parse_labelled_set("- id: a\n  label: [\n", "set.yaml").unwrap_err();
        assert!(err.to_string().starts_with("set.yaml:"), "{err}");
    }
}
