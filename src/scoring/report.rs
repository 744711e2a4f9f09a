//! What the scorer reports: the score and grade, what was found with the words that show
//! it, and the next steps. The JSON of `score --format json` is this, serialised.

use serde::{Deserialize, Serialize};

use super::policy::band;

/// Version of the report's JSON shape.
pub const REPORT_SCHEMA: u32 = 1;

/// One of the four parts of a STAR answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StarPart {
    Situation,
    Task,
    Action,
    Result,
}

/// Whether a part was found, and the words that show it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub found: bool,
    pub evidence: Vec<String>,
}

/// The four STAR parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Star {
    pub situation: Part,
    pub task: Part,
    pub action: Part,
    pub result: Part,
}

/// One rubric point, hit or missed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricResult {
    pub id: String,
    pub point: String,
    pub weight: f64,
    pub hit: bool,
    pub evidence: Vec<String>,
}

/// One principle-wide signal, hit or missed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalResult {
    pub id: String,
    pub label: String,
    pub hit: bool,
    pub evidence: Vec<String>,
}

/// Something that pulls a score down hard, with the words that show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedFlag {
    pub kind: RedFlagKind,
    /// For [`RedFlagKind::Question`]: the id of the question's own red flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub evidence: String,
}

impl RedFlag {
    /// A principle-wide flag raised by `evidence`.
    pub fn new(kind: RedFlagKind, evidence: String) -> Self {
        RedFlag {
            kind,
            id: None,
            evidence,
        }
    }
}

/// The kinds of red flag, serialised in kebab-case (`taking-credit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RedFlagKind {
    /// Blaming others, or playing down one's own part.
    Blame,
    /// Hiding or softening a mistake.
    Spin,
    /// Misleading someone who relied on the speaker.
    Misleading,
    /// Taking credit for others' work.
    TakingCredit,
    /// Disrespect in the speaker's own words or acts.
    Disrespect,
    /// What the speaker would do, not what they did.
    Hypothetical,
    /// An answer to another question.
    OffQuestion,
    /// Gaming: a list of keywords.
    KeywordList,
    /// Gaming: the same text again and again.
    RepeatedText,
    /// Gaming: words that are not sentences.
    RandomWords,
    /// Gaming: STAR headings with nothing under them.
    EmptyHeadings,
    /// One of the question's own red flags (its id is in [`RedFlag::id`]).
    Question,
}

impl RedFlagKind {
    /// The kind as the report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RedFlagKind::Blame => "blame",
            RedFlagKind::Spin => "spin",
            RedFlagKind::Misleading => "misleading",
            RedFlagKind::TakingCredit => "taking-credit",
            RedFlagKind::Disrespect => "disrespect",
            RedFlagKind::Hypothetical => "hypothetical",
            RedFlagKind::OffQuestion => "off-question",
            RedFlagKind::KeywordList => "keyword-list",
            RedFlagKind::RepeatedText => "repeated-text",
            RedFlagKind::RandomWords => "random-words",
            RedFlagKind::EmptyHeadings => "empty-headings",
            RedFlagKind::Question => "question",
        }
    }

    /// Whether the kind marks an answer written to fool a scorer.
    pub fn is_gaming(self) -> bool {
        matches!(
            self,
            RedFlagKind::KeywordList
                | RedFlagKind::RepeatedText
                | RedFlagKind::RandomWords
                | RedFlagKind::EmptyHeadings
        )
    }
}

impl std::fmt::Display for RedFlagKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Measurements of the answer as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    pub word_count: usize,
    pub spoken_seconds: usize,
    pub i_count: usize,
    pub we_count: usize,
    /// Share of words on Action and Result (0 to 1).
    pub action_result_share: f64,
    pub metrics: Vec<String>,
    pub vague_claims: Vec<String>,
    pub lesson: Part,
    pub hypothetical: bool,
    pub principle: Vec<SignalResult>,
    pub red_flags: Vec<RedFlag>,
}

/// The grade bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    NotYet,
    Developing,
    Solid,
    Strong,
    Outstanding,
}

impl Grade {
    /// The band a score falls in.
    pub fn from_score(score: u8) -> Self {
        match score {
            s if s >= band::OUTSTANDING => Grade::Outstanding,
            s if s >= band::STRONG => Grade::Strong,
            s if s >= band::SOLID => Grade::Solid,
            s if s >= band::DEVELOPING => Grade::Developing,
            _ => Grade::NotYet,
        }
    }

    /// The grade as the report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::NotYet => "not-yet",
            Grade::Developing => "developing",
            Grade::Solid => "solid",
            Grade::Strong => "strong",
            Grade::Outstanding => "outstanding",
        }
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the scorer found, and what to do next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub question: String,
    pub score: u8,
    pub grade: Grade,
    pub star: Star,
    /// What the story must show to answer the question, when the bank says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premise: Option<PremiseResult>,
    pub rubric: Vec<RubricResult>,
    pub signals: Signals,
    /// The few most useful next steps, most important first.
    pub feedback: Vec<String>,
    /// Questions to ask of one's own story, for what the scorer cannot read: the
    /// question's red flags, put as questions.
    #[serde(default)]
    pub self_check: Vec<String>,
    /// What a model judge said, when one was used; the score is then the combined one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<JudgeResult>,
}

/// A model judge's verdict on an answer, every quote checked against the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeResult {
    pub model: String,
    /// Where the answer was sent.
    pub host: String,
    /// The judge's overall mark, 1 (clear no) to 5 (strong hire).
    pub overall: u8,
    pub reason: String,
    pub on_question: bool,
    pub rubric: Vec<JudgedPoint>,
    pub red_flags: Vec<JudgedFlag>,
    /// The score the rules alone gave.
    pub rules_score: u8,
}

/// How a rubric point fared, in a judge's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Missed,
    Partly,
    Met,
}

impl Verdict {
    /// The share of a point's weight the verdict earns.
    pub fn credit(self) -> f64 {
        match self {
            Verdict::Met => 1.0,
            Verdict::Partly => 0.5,
            Verdict::Missed => 0.0,
        }
    }
}

/// A rubric point as a judge saw it: the verdict counts only as far as its quote holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedPoint {
    pub id: String,
    pub verdict: Verdict,
    pub quote: String,
    /// Whether the quote is in the answer.
    pub verified: bool,
}

/// A red flag a judge raised; an unverified one counts for nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedFlag {
    pub kind: String,
    pub quote: String,
    /// Whether the quote is in the answer.
    pub verified: bool,
}

/// Whether the story establishes the question's premise, and the words that show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PremiseResult {
    pub text: String,
    pub found: bool,
    pub evidence: Vec<String>,
}

impl Report {
    /// Ids of the rubric points hit, and of those missed.
    pub fn rubric_ids(&self) -> (Vec<String>, Vec<String>) {
        let (hit, missed): (Vec<_>, Vec<_>) = self.rubric.iter().partition(|r| r.hit);
        let ids = |list: Vec<&RubricResult>| list.iter().map(|r| r.id.clone()).collect();
        (ids(hit), ids(missed))
    }
}
