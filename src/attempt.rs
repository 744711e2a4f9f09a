//! One scored answer: what the drill shows in its summary and what history keeps.

use serde::{Deserialize, Serialize};

use crate::scoring::Report;

/// Whether an answer was the first try, a rewrite, or the first with a follow-up added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttemptKind {
    First,
    Retry,
    FollowUp,
}

impl AttemptKind {
    /// The kind as history spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptKind::First => "first",
            AttemptKind::Retry => "retry",
            AttemptKind::FollowUp => "follow-up",
        }
    }
}

/// How the answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerMode {
    Guided,
    Free,
    Editor,
    Piped,
    Score,
}

impl AnswerMode {
    /// The mode as history spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerMode::Guided => "guided",
            AnswerMode::Free => "free",
            AnswerMode::Editor => "editor",
            AnswerMode::Piped => "piped",
            AnswerMode::Score => "score",
        }
    }
}

/// A scored answer.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub kind: AttemptKind,
    pub mode: AnswerMode,
    pub answer: String,
    /// Seconds from the question appearing to the answer ending, when known.
    pub seconds: Option<u64>,
    pub report: Report,
    /// For a follow-up: the question asked and the reply (the answer holds both).
    pub follow_up: Option<FollowUp>,
}

/// A bar-raiser's follow-up question and the reply to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub question: String,
    pub reply: String,
}
