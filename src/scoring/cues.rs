//! Finding a rubric point's or a signal's cues in an answer, with credit and evidence.

use super::policy::credit;
use super::text::{Analysis, Cue, CueHits};

/// How a rubric point's or a signal's cues fared in an answer.
pub struct CueMatch {
    /// Cues found in order.
    pub strict: usize,
    /// Share of the weight earned, 0 to 1.
    pub strength: f64,
    /// Whether the report ticks it: a loose match alone is too weak for that.
    pub hit: bool,
    pub evidence: Vec<String>,
    /// The sentences holding a cue found in order.
    pub sentences: Vec<usize>,
}

/// Finds `cues` outside the `excluded` sentences, with up to `most` quotes.
pub fn match_cues(analysis: &Analysis, cues: &[Cue], excluded: &[usize], most: usize) -> CueMatch {
    let (strict, loose) = analysis.find_any_loosely(cues, excluded);
    let hit = strict.distinct > 0 || loose.distinct >= 2;
    CueMatch {
        strict: strict.distinct,
        strength: strength(strict.distinct, loose.distinct),
        hit,
        // A point not made has nothing to quote: a hint of it is not evidence.
        evidence: if hit {
            evidence_of(analysis, &strict, &loose, most)
        } else {
            Vec::new()
        },
        sentences: strict.sentences.clone(),
    }
}

/// Credit for a rubric point or signal: one cue is a hint, two or more make the point; a
/// cue found only with its words out of order counts a quarter.
fn strength(strict: usize, loose: usize) -> f64 {
    let found = strict as f64 + credit::LOOSE_CUE * loose as f64;
    if found >= 2.0 {
        credit::TWO_CUES
    } else if found >= 1.0 {
        credit::ONE_CUE
    } else if found > 0.0 {
        credit::SOME_LOOSE_CUES
    } else {
        0.0
    }
}

/// Up to `most` quotes, the best support first: sentences with strict matches before loose
/// ones, then those holding the most cues, then those where the speaker acts ("I told
/// her…") over those that only mention the topic.
fn evidence_of(analysis: &Analysis, strict: &CueHits, loose: &CueHits, most: usize) -> Vec<String> {
    let ranked = |hits: &CueHits| {
        // The sentences are in order, and the sort is stable: among equals, the earlier.
        let mut best = hits.sentences.clone();
        best.sort_by_cached_key(|&s| {
            (
                std::cmp::Reverse(hits.cues_in(s)),
                !speaker_acts(analysis, s),
            )
        });
        best
    };
    let loose_best = ranked(loose);
    ranked(strict)
        .into_iter()
        .chain(
            loose_best
                .into_iter()
                .filter(|s| !strict.sentences.contains(s)),
        )
        .take(most)
        .map(|s| analysis.evidence(s))
        .collect()
}

/// Whether the speaker is the subject somewhere in sentence `s`.
fn speaker_acts(analysis: &Analysis, s: usize) -> bool {
    analysis
        .sentence_tokens(s)
        .iter()
        .any(|t| !t.quoted && matches!(t.word.as_str(), "i" | "i'd" | "i've" | "i'm"))
}
