//! Red flags in the speaker's own words: blame, spin, misleading someone, taking credit,
//! disrespect. Each comes with the sentence that raised it; a sentence in which the
//! speaker owns up (or, for spin, discloses) raises none, and neither do other people's
//! words.

use std::collections::BTreeSet;

use super::text::Analysis;
use super::{Lexicon, RedFlag, RedFlagKind};

/// Blame, spin, misleading a customer, taking credit, disrespect, each with its sentence;
/// never a sentence in which the speaker owns up (or, for spin, discloses).
pub fn red_flags(analysis: &Analysis, lexicon: &Lexicon) -> Vec<(usize, RedFlag)> {
    let owning = analysis.find_any(&lexicon.owning).sentences;
    let disclosing = analysis.find_any(&lexicon.disclosing).sentences;
    let reported = analysis.find_any(&lexicon.reported).sentences;
    let mut flagged = BTreeSet::new();
    let mut flags = Vec::new();
    for (list, cues) in [
        (List::Deflect, &lexicon.deflect),
        (List::Mislead, &lexicon.mislead),
        (List::Spin, &lexicon.spin),
        (List::Unnoticed, &lexicon.unnoticed),
        (List::Credit, &lexicon.credit),
        (List::Blame, &lexicon.blame),
        (List::Disrespect, &lexicon.disrespect),
    ] {
        for sentence in analysis.find_any_exact(cues) {
            // A mistake nobody noticed is fine when the speaker then tells someone
            // ("Nobody noticed. The next morning I told my manager.").
            let disclosed_soon =
                (sentence..sentence + 5).any(|s| owning.contains(&s) || disclosing.contains(&s));
            let excused = match list {
                List::Unnoticed => disclosed_soon,
                List::Spin => owning.contains(&sentence) || disclosing.contains(&sentence),
                List::Blame | List::Disrespect => owning.contains(&sentence),
                List::Deflect | List::Mislead | List::Credit => false,
            };
            let not_the_speakers = match list {
                List::Blame => reported.contains(&sentence),
                List::Disrespect => is_reported_speech(analysis, sentence),
                List::Spin | List::Mislead | List::Credit => !is_first_person(analysis, sentence),
                List::Deflect | List::Unnoticed => false,
            };
            if excused || not_the_speakers {
                continue;
            }
            // Two lists raising the same kind on one sentence make one flag, not two.
            let kind = list.kind();
            if flagged.insert((sentence, kind)) {
                flags.push((sentence, RedFlag::new(kind, analysis.evidence(sentence))));
            }
        }
    }
    flags
}

/// The phrase lists red flags are read from; two of them raise the same kind as another.
#[derive(Clone, Copy)]
enum List {
    Deflect,
    Mislead,
    Spin,
    Unnoticed,
    Credit,
    Blame,
    Disrespect,
}

impl List {
    fn kind(self) -> RedFlagKind {
        match self {
            List::Deflect | List::Blame => RedFlagKind::Blame,
            List::Mislead => RedFlagKind::Misleading,
            List::Spin | List::Unnoticed => RedFlagKind::Spin,
            List::Credit => RedFlagKind::TakingCredit,
            List::Disrespect => RedFlagKind::Disrespect,
        }
    }
}

/// Whether the speaker is in the sentence: hiding or spinning done by someone else is
/// part of the story, not the speaker's red flag.
fn is_first_person(analysis: &Analysis, sentence: usize) -> bool {
    analysis.sentence_tokens(sentence).iter().any(|t| {
        matches!(
            t.word.as_str(),
            "i" | "i'd" | "i'm" | "i've" | "we" | "me" | "my" | "our" | "us"
        )
    })
}

/// A quoted or reported insult ("he called them useless") is the story, not the speaker.
fn is_reported_speech(analysis: &Analysis, sentence: usize) -> bool {
    let text = &analysis.sentences[sentence].text;
    text.contains('"')
        || text.contains('\u{201c}')
        || !analysis
            .sentence_tokens(sentence)
            .iter()
            .any(|t| t.word == "i")
}
