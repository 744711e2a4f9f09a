//! A bank's cues prepared ahead of time: the build stores them for the built-in bank, and
//! each question's are decoded only when that question is scored.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::{Bank, Cue, Principle, Question};

/// The cues of one question, prepared for matching, in the bank's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionCues {
    /// Each rubric point's cues.
    pub rubric: Vec<Vec<Cue>>,
    /// The premise's cues (none when the question has no premise).
    pub premise: Vec<Cue>,
    /// Each of the question's red flags' cues.
    pub red_flags: Vec<Vec<Cue>>,
}

impl QuestionCues {
    /// Prepares the cues of `question`.
    pub fn prepare(question: &Question) -> Self {
        QuestionCues {
            rubric: question.rubric.iter().map(|p| Cue::all(&p.cues)).collect(),
            premise: question
                .premise
                .as_ref()
                .map_or_else(Vec::new, |p| Cue::all(&p.cues)),
            red_flags: question
                .red_flags
                .iter()
                .map(|f| Cue::all(&f.cues))
                .collect(),
        }
    }
}

/// Each of the principle's signals' cues, prepared, in the bank's order.
pub fn prepare_signals(principle: &Principle) -> Vec<Vec<Cue>> {
    principle
        .signals
        .iter()
        .map(|s| Cue::all(&s.cues))
        .collect()
}

/// Every cue of a bank, prepared and encoded; decoded a question at a time, straight from
/// the bytes (the built-in bank's are in the binary).
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedCues {
    bytes: Cow<'static, [u8]>,
}

/// How the bytes are laid out: each part encoded on its own, so one can be read alone.
#[derive(Serialize, Deserialize)]
struct Layout<'a> {
    #[serde(borrow)]
    signals: &'a [u8],
    #[serde(borrow)]
    questions: Vec<&'a [u8]>,
}

impl PreparedCues {
    /// Prepares every cue of `bank`.
    pub fn prepare(bank: &Bank) -> Self {
        let signals = encode(&prepare_signals(&bank.principle));
        let questions: Vec<Vec<u8>> = bank
            .questions
            .iter()
            .map(|q| encode(&QuestionCues::prepare(q)))
            .collect();
        let layout = Layout {
            signals: &signals,
            questions: questions.iter().map(Vec::as_slice).collect(),
        };
        PreparedCues {
            bytes: Cow::Owned(encode(&layout)),
        }
    }

    /// The compact binary form the build stores.
    pub fn encode(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }

    /// From [`PreparedCues::encode`]'s bytes, checking their layout; the error says why they
    /// do not decode.
    pub fn decode(bytes: &'static [u8]) -> Result<Self, String> {
        postcard::from_bytes::<Layout>(bytes).map_err(|err| err.to_string())?;
        Ok(PreparedCues {
            bytes: Cow::Borrowed(bytes),
        })
    }

    fn layout(&self) -> Option<Layout<'_>> {
        postcard::from_bytes(&self.bytes).ok()
    }

    /// The principle's signals' cues, or `None` if they do not decode.
    pub fn signals(&self) -> Option<Vec<Vec<Cue>>> {
        postcard::from_bytes(self.layout()?.signals).ok()
    }

    /// The cues of the question at `index`, or `None` if there is none or it does not
    /// decode.
    pub fn question(&self, index: usize) -> Option<QuestionCues> {
        postcard::from_bytes(self.layout()?.questions.get(index)?).ok()
    }
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("plain data always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepared_cues_decode_a_question_at_a_time() {
        let text = "version: 1\nprinciple: {name: P, text: T, signals: [{id: s, label: S, weight: 1, cues: [i listened]}]}\n\
                    questions:\n  - id: q\n    text: Q?\n    rubric: [{id: r, point: R, weight: 1, cues: [i told her, owned it]}]\n    \
                    sample_answers: [{level: strong, role: x, text: y, commentary: z}]\n";
        let bank = crate::parse_bank(text, "t.yaml").unwrap();
        let bytes: &'static [u8] = PreparedCues::prepare(&bank).encode().leak();
        let prepared = PreparedCues::decode(bytes).unwrap();
        assert_eq!(
            prepared.question(0),
            Some(QuestionCues::prepare(&bank.questions[0]))
        );
        assert_eq!(prepared.question(1), None);
        assert_eq!(prepared.signals(), Some(prepare_signals(&bank.principle)));
    }
}
