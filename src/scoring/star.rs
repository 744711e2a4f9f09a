//! Situation, Task, Action and Result: from headings when the answer has them (a heading
//! with nothing under it earns nothing), otherwise from the narrative itself.

use super::lexicon::{IRREGULAR_PAST, NOT_PAST};
use super::text::{Analysis, Token};
use super::{Lexicon, Part, Star, StarPart};

/// Words a heading needs under it to count as content.
const MIN_HEADED_WORDS: usize = 6;

/// Each sentence's STAR part (or none), and the parts found.
pub struct StarReading {
    /// The part each unique sentence plays, if any.
    pub roles: Vec<Option<StarPart>>,
    /// Sentences that tell a first-person past action.
    pub past_actions: usize,
    /// Report form.
    pub star: Star,
}

/// Whether a sentence says "I <did something>" in the past tense.
pub fn is_past_action(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, token)| {
        token.word == "i"
            && tokens[i + 1..]
                .iter()
                .take(3)
                .take_while(|t| !NOT_PAST.contains(&t.word.as_str()))
                .any(|t| is_past_verb(&t.word))
    })
}

fn is_past_verb(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed") && !word.ends_with("eed"))
        || IRREGULAR_PAST.contains(&word)
}

/// Reads the STAR parts of an analysed answer.
pub fn read_star(analysis: &Analysis, lexicon: &Lexicon, with_metric: &[usize]) -> StarReading {
    let count = analysis.sentences.len();
    let situation = sentences_with(analysis, &lexicon.situation);
    let task = sentences_with(analysis, &lexicon.task);
    let result = sentences_with(analysis, &lexicon.result);
    let change = sentences_with(analysis, &lexicon.change);

    let mut roles = Vec::with_capacity(count);
    let mut past_actions = 0;
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        let tokens = analysis.sentence_tokens(index);
        let action = is_past_action(tokens);
        past_actions += usize::from(action);
        let late = index * 10 >= count * 4; // the last 60%
        let role = if let Some(label) = sentence.label {
            Some(label)
        } else if late
            && (result.contains(&index)
                || (!action && (change.contains(&index) || with_metric.contains(&index))))
        {
            Some(StarPart::Result)
        } else if situation.contains(&index) && index * 4 < count.max(4) {
            // An opening like "Last year I was the lead when..." sets the scene even
            // though it says "I".
            Some(StarPart::Situation)
        } else if task.contains(&index) && !late {
            Some(StarPart::Task)
        } else if action {
            Some(StarPart::Action)
        } else if situation.contains(&index) || index * 4 < count {
            Some(StarPart::Situation)
        } else {
            None
        };
        roles.push(role);
    }

    let part = |wanted: StarPart, min_sentences: usize| {
        let headed_words: usize = analysis
            .headings
            .iter()
            .filter(|h| h.part == wanted)
            .map(|h| h.words)
            .sum();
        let sentences: Vec<usize> = roles
            .iter()
            .enumerate()
            .filter(|(i, role)| {
                **role == Some(wanted)
                    && (analysis.sentences[*i].label.is_none() || headed_words >= MIN_HEADED_WORDS)
                    && analysis.sentences[*i].len() >= 4
            })
            .map(|(i, _)| i)
            .collect();
        // A heading with real content under it counts however few sentences it holds.
        let headed = headed_words >= MIN_HEADED_WORDS && !sentences.is_empty();
        Part {
            found: headed || sentences.len() >= min_sentences,
            evidence: sentences
                .iter()
                .take(2)
                .map(|&i| analysis.evidence(i))
                .collect(),
        }
    };
    let star = Star {
        situation: part(StarPart::Situation, 1),
        task: part(StarPart::Task, 1),
        action: part(StarPart::Action, 2),
        result: part(StarPart::Result, 1),
    };
    StarReading {
        roles,
        past_actions,
        star,
    }
}

fn sentences_with(analysis: &Analysis, cues: &[super::text::Cue]) -> Vec<usize> {
    analysis.find_any(cues).sentences
}

/// Share of words spent on Action and Result sentences.
pub fn action_result_share(analysis: &Analysis, roles: &[Option<StarPart>]) -> f64 {
    let total = analysis.unique_words();
    if total == 0 {
        return 0.0;
    }
    let on_action_result: usize = analysis
        .sentences
        .iter()
        .zip(roles)
        .filter(|(_, role)| matches!(role, Some(StarPart::Action | StarPart::Result)))
        .map(|(sentence, _)| sentence.len())
        .sum();
    on_action_result as f64 / total as f64
}
