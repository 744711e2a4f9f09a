//! Answers written to fool a scorer rather than to tell a story: keyword lists, pasted
//! repeats, random words, and STAR headings with nothing under them.

use std::sync::LazyLock;

use rustc_hash::FxHashSet as HashSet;

use super::RedFlagKind;
use super::lexicon::FUNCTION_WORDS;
use super::text::Analysis;

static FUNCTION: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());

/// Below this share of function words, text is not running English.
const MIN_FUNCTION_SHARE: f64 = 0.2;
/// Above this share of repeated shingles, the answer repeats itself.
const MAX_REPEATED_SHARE: f64 = 0.3;

/// What kind of gaming an answer shows, if any.
pub fn detect(analysis: &Analysis, cue_hits: usize) -> Option<RedFlagKind> {
    if analysis.repeated_share >= MAX_REPEATED_SHARE
        || (analysis.repeated_sentences >= 3
            && analysis.repeated_sentences * 4 >= analysis.sentences.len())
    {
        return Some(RedFlagKind::RepeatedText);
    }
    let words = analysis.tokens.len();
    if words >= 12 {
        let function = analysis
            .tokens
            .iter()
            .filter(|t| FUNCTION.contains(t.word.as_str()))
            .count();
        if (function as f64) < MIN_FUNCTION_SHARE * words as f64 {
            return Some(if cue_hits >= 3 {
                RedFlagKind::KeywordList
            } else {
                RedFlagKind::RandomWords
            });
        }
    }
    let headed = &analysis.headings;
    if headed.len() >= 2 {
        let empty = headed.iter().filter(|h| h.words < 4).count();
        if empty * 2 >= headed.len() {
            return Some(RedFlagKind::EmptyHeadings);
        }
    }
    None
}

/// One line of advice for a kind of gaming.
pub fn advice(kind: RedFlagKind) -> &'static str {
    match kind {
        RedFlagKind::RepeatedText => {
            "The same words appear again and again. Say each thing once, then move the story on."
        }
        RedFlagKind::KeywordList => {
            "This is a list of keywords, not a story. Interviewers score what you did: tell one real event in full sentences."
        }
        RedFlagKind::RandomWords => {
            "This does not read as sentences. Tell one real event: what happened, what you did, what changed."
        }
        _ => {
            "Your STAR headings have almost nothing under them. Under each one, say what happened in a few full sentences."
        }
    }
}
