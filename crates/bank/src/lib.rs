//! The earn-trust question bank format: its data types, reading it from YAML with
//! positions in every error, the format's rules, and cue phrases prepared for matching.
//!
//! This crate is the only place that touches YAML, so the parser can be swapped in one
//! place. It is its own crate so that the build script can validate the built-in bank and
//! prepare its cues with the very code the binary uses.

mod cue;
mod error;
mod labelled;
mod parse;
mod prepared;
mod validate;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use cue::{
    Cue, PhraseLists, decode_phrase_lists, encode_phrase_lists, parse_phrase_list, stem, words,
};
pub use error::BankError;
pub use labelled::{LabelledAnswer, MAX_LABELLED_BYTES, parse_labelled_set};
pub use parse::{MAX_BANK_BYTES, parse_bank, read_bank_file, read_capped};
pub use prepared::{PreparedCues, QuestionCues, prepare_signals};
pub use validate::{Problem, is_kebab_case, validate_bank};

/// A validated bank in the compact binary form the build stores.
pub fn encode_bank(bank: &Bank) -> Vec<u8> {
    postcard::to_allocvec(bank).expect("plain data always serialises")
}

/// A bank from [`encode_bank`]'s bytes; the error says why they do not decode.
pub fn decode_bank(bytes: &[u8]) -> Result<Bank, String> {
    postcard::from_bytes(bytes).map_err(|err| err.to_string())
}

/// The only bank format version this build understands.
pub const SUPPORTED_VERSION: u32 = 1;

/// A whole bank: one principle and the questions that drill it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    /// Format version; only [`SUPPORTED_VERSION`] is accepted.
    pub version: u32,
    /// The principle every question in this bank is about.
    pub principle: Principle,
    /// The questions, in the order the file gives them.
    pub questions: Vec<Question>,
    /// The cues, prepared ahead of time (the built-in bank's, by the build), if any.
    #[serde(skip)]
    pub prepared: Option<std::sync::Arc<PreparedCues>>,
    /// Question ids to positions, built on first lookup: a bank may hold thousands.
    #[serde(skip)]
    index: std::sync::OnceLock<HashMap<String, usize>>,
}

/// The principle a bank drills, and what the scorer listens for in any answer to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// Short name, e.g. "Earn Trust".
    pub name: String,
    /// The principle's official wording.
    pub text: String,
    /// The behaviours that show the principle, in plain words.
    #[serde(default)]
    pub behaviours: Vec<String>,
    /// Principle-wide behaviours the scorer looks for in every answer.
    #[serde(default)]
    pub signals: Vec<Signal>,
}

/// A principle-wide behaviour, found in an answer through its cues.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    /// Kebab-case id, unique in the bank.
    pub id: String,
    /// What the behaviour is called in feedback.
    pub label: String,
    /// Words and short phrases that show the behaviour.
    pub cues: Vec<String>,
    /// How much the behaviour counts, greater than 0.
    pub weight: f64,
    /// What else the scorer does with the signal, beyond counting it. (Always written:
    /// the built-in bank's binary form has no field names to skip by.)
    #[serde(default)]
    pub role: Option<SignalRole>,
}

/// A job a signal does in the scorer besides earning credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalRole {
    /// The speaker owns a mistake: on a question tagged `failure`, an answer that shows no
    /// signal with this role and names no lesson is capped.
    OwningUp,
}

/// One interview question with what a bar-raiser listens for and answers to learn from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable kebab-case id; history refers to questions by it.
    pub id: String,
    /// The question as the interviewer asks it.
    pub text: String,
    /// Words from the tag vocabulary; `failure` marks questions about a mistake or a miss.
    #[serde(default)]
    pub tags: Vec<String>,
    /// What a strong answer to this question shows.
    pub rubric: Vec<RubricPoint>,
    /// Model answers at several levels, with commentary.
    pub sample_answers: Vec<SampleAnswer>,
    /// What a bar-raiser asks next.
    #[serde(default)]
    pub follow_ups: Vec<String>,
    /// What a story must establish to answer this question at all.
    #[serde(default)]
    pub premise: Option<Premise>,
    /// What sinks an answer to this question even when it is told well.
    #[serde(default)]
    pub red_flags: Vec<QuestionFlag>,
}

/// What a story must establish to be an answer to its question, and the words that show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Premise {
    /// In plain words: "A commitment the speaker made to a team member, and did not meet."
    pub text: String,
    /// Words and short phrases a story that establishes it would contain.
    pub cues: Vec<String>,
}

/// Something that sinks an answer to one question, and the first-person words that show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFlag {
    /// Kebab-case, unique within the question.
    pub id: String,
    /// The behaviour in plain words: "Presents the coachee's work as their own."
    pub flag: String,
    /// What the candidate should ask of their own story: "Did anyone else do the work you
    /// presented?"
    #[serde(default)]
    pub ask: Option<String>,
    /// First-person words and phrases a speaker doing it would say.
    pub cues: Vec<String>,
}

impl Question {
    /// True for questions about a mistake, a miss or criticism, where the lesson weighs more.
    pub fn is_about_failure(&self) -> bool {
        self.tags.iter().any(|t| t == "failure")
    }
}

/// One thing a bar-raiser listens for in an answer to a question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricPoint {
    /// Kebab-case id, unique within its question.
    pub id: String,
    /// The point in plain words.
    pub point: String,
    /// How much the point counts, greater than 0.
    pub weight: f64,
    /// Words and short phrases an answer that makes the point would contain.
    pub cues: Vec<String>,
}

/// A model answer and what an interviewer would say of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleAnswer {
    /// How good the answer is.
    pub level: Level,
    /// Who is speaking: role, industry, seniority.
    pub role: String,
    /// The answer as a candidate would say it.
    pub text: String,
    /// Why it works or where it falls short.
    pub commentary: String,
}

/// How good a sample answer is. Unknown words are kept so validation can report them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Level {
    /// An answer that would pass a bar-raiser.
    Strong,
    /// A real answer with gaps.
    Adequate,
    /// An answer that would not pass.
    Weak,
    /// Anything else the file said; refused by validation.
    Unknown(String),
}

impl Level {
    /// Sort key: strong first.
    pub fn rank(&self) -> u8 {
        match self {
            Level::Strong => 0,
            Level::Adequate => 1,
            Level::Weak => 2,
            Level::Unknown(_) => 3,
        }
    }
}

impl From<String> for Level {
    fn from(word: String) -> Self {
        match word.as_str() {
            "strong" => Level::Strong,
            "adequate" => Level::Adequate,
            "weak" => Level::Weak,
            _ => Level::Unknown(word),
        }
    }
}

impl From<Level> for String {
    fn from(level: Level) -> Self {
        level.to_string()
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Strong => "strong",
            Level::Adequate => "adequate",
            Level::Weak => "weak",
            Level::Unknown(word) => word,
        })
    }
}

impl Bank {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.questions.len());
            for (position, question) in self.questions.iter().enumerate() {
                // The first of two equal ids wins, as a search in order would find it.
                index.entry(question.id.clone()).or_insert(position);
            }
            index
        });
        index.get(id).map(|&position| &self.questions[position])
    }

    /// The question with this id, or an error that suggests the closest ids.
    pub fn require_question(&self, id: &str) -> Result<&Question, BankError> {
        self.question(id).ok_or_else(|| BankError::UnknownQuestion {
            id: id.to_string(),
            suggestions: self.closest_ids(id),
        })
    }

    /// Up to three ids that look like `id`: by edit distance, or containing it.
    pub fn closest_ids(&self, id: &str) -> Vec<String> {
        let wanted = id.to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .questions
            .iter()
            .map(|q| {
                let mut similarity = strsim::jaro_winkler(&wanted, &q.id);
                if !wanted.is_empty() && q.id.contains(&wanted) {
                    similarity += 0.5;
                }
                (similarity, q.id.as_str())
            })
            .filter(|(similarity, _)| *similarity >= 0.85)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(3)
            .map(|(_, id)| id.to_string())
            .collect()
    }

    /// The error for a `--tag` no question has, listing the tags there are.
    pub fn unknown_tag(&self, tag: &str) -> BankError {
        BankError::UnknownTag {
            tag: tag.to_string(),
            tags: self.tags().iter().map(|t| t.to_string()).collect(),
        }
    }

    /// Every tag used in the bank, sorted, each once.
    pub fn tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self
            .questions
            .iter()
            .flat_map(|q| q.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }
}
