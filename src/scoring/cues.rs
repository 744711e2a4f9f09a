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
}

/// Finds `cues` outside the `excluded` sentences, with up to `most` quotes.
pub fn match_cues(analysis: &Analysis, cues: &[Cue], excluded: &[usize], most: usize) -> CueMatch {
    let (strict, loose) = analysis.find_any_loosely(cues, excluded);
    CueMatch {
        strict: strict.distinct,
        strength: strength(strict.distinct, loose.distinct),
        hit: strict.distinct > 0 || loose.distinct >= 2,
        evidence: evidence_of(analysis, &strict, &loose, most),
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

/// Up to `most` quotes: sentences with strict matches first, then loose ones.
fn evidence_of(analysis: &Analysis, strict: &CueHits, loose: &CueHits, most: usize) -> Vec<String> {
    let strict_best = strict.best_sentences();
    let loose_best = loose.best_sentences();
    strict_best
        .iter()
        .chain(loose_best.iter().filter(|s| !strict.sentences.contains(s)))
        .take(most)
        .map(|&s| analysis.evidence(s))
        .collect()
}
