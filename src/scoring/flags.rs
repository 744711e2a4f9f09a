//! Red flags in the speaker's own words: blame, spin, misleading someone, taking credit,
//! disrespect, and the question's own red flags. Each comes with the sentence that raised
//! it. Only the speaker's words count: never words in quotation marks, never what the story
//! reports of someone else ("he said…", "they were worried…"), and a flag that names an
//! act (hiding, going around someone, taking credit) needs the speaker in the sentence. A
//! sentence in which the speaker owns up (or, for spin, discloses) raises no blame or spin.

use std::collections::BTreeSet;

use super::text::{Analysis, Cue};
use super::{Lexicon, RedFlag, RedFlagKind};

/// The phrase lists red flags are read from (`phrases/<file>.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagList {
    /// Blaming others for what went wrong.
    Blame,
    /// Playing down one's own part.
    Deflect,
    /// A mistake nobody noticed (spin unless the speaker then tells someone).
    Unnoticed,
    /// Hiding or softening a mistake.
    Spin,
    /// Keeping information from people who should have it.
    Concealing,
    /// Telling someone what is not true.
    Mislead,
    /// Reassuring people with what the speaker knew was false or doubted.
    FalseReassurance,
    /// Letting a claim, a plan or a figure the speaker knew was wrong go ahead unsaid.
    LetItStand,
    /// Presenting others' work as one's own.
    Credit,
    /// Labels for people: "lazy", "clueless".
    Disrespect,
    /// Going over a peer's head or behind their back.
    GoingAround,
    /// Criticising or embarrassing someone in front of others.
    Shaming,
    /// Pressing with rank instead of persuading.
    PullingRank,
}

impl FlagList {
    /// Every list, in the order flags are reported.
    pub const ALL: [FlagList; 13] = [
        FlagList::Deflect,
        FlagList::Mislead,
        FlagList::FalseReassurance,
        FlagList::LetItStand,
        FlagList::Spin,
        FlagList::Concealing,
        FlagList::Unnoticed,
        FlagList::Credit,
        FlagList::Blame,
        FlagList::GoingAround,
        FlagList::Shaming,
        FlagList::PullingRank,
        FlagList::Disrespect,
    ];

    /// The list's file name in `phrases/`, without `.txt`.
    pub fn file(self) -> &'static str {
        match self {
            FlagList::Blame => "blame",
            FlagList::Deflect => "deflect",
            FlagList::Unnoticed => "unnoticed",
            FlagList::Spin => "spin",
            FlagList::Concealing => "concealing",
            FlagList::Mislead => "mislead",
            FlagList::FalseReassurance => "false-reassurance",
            FlagList::LetItStand => "let-it-stand",
            FlagList::Credit => "credit",
            FlagList::Disrespect => "disrespect",
            FlagList::GoingAround => "going-around",
            FlagList::Shaming => "shaming",
            FlagList::PullingRank => "pulling-rank",
        }
    }

    /// The kind of flag the list raises.
    fn kind(self) -> RedFlagKind {
        match self {
            FlagList::Blame | FlagList::Deflect => RedFlagKind::Blame,
            FlagList::Unnoticed | FlagList::Spin | FlagList::Concealing => RedFlagKind::Spin,
            FlagList::Mislead | FlagList::FalseReassurance | FlagList::LetItStand => {
                RedFlagKind::Misleading
            }
            FlagList::Credit => RedFlagKind::TakingCredit,
            FlagList::Disrespect
            | FlagList::GoingAround
            | FlagList::Shaming
            | FlagList::PullingRank => RedFlagKind::Disrespect,
        }
    }

    /// Whether the list names something the speaker does, so the speaker must be in the
    /// sentence; the others name what the speaker says of someone or something.
    fn is_act(self) -> bool {
        !matches!(
            self,
            FlagList::Blame | FlagList::Deflect | FlagList::Unnoticed | FlagList::Disrespect
        )
    }
}

/// Sentences that excuse a flag: the speaker owning up, or telling someone.
struct Excuses {
    owning: Vec<usize>,
    disclosing: Vec<usize>,
}

impl Excuses {
    fn excuse(&self, list: FlagList, sentence: usize) -> bool {
        let owns = self.owning.contains(&sentence);
        let tells = self.disclosing.contains(&sentence);
        match list {
            // "Nobody noticed. The next morning I told my manager."
            FlagList::Unnoticed => (sentence..sentence + 5)
                .any(|s| self.owning.contains(&s) || self.disclosing.contains(&s)),
            // Hiding told as the mistake the speaker then owns ("…without telling her.
            // That was my failure.") is owning up, not spin.
            FlagList::Spin => tells || (sentence..sentence + 5).any(|s| self.owning.contains(&s)),
            FlagList::Concealing => (sentence..sentence + 5).any(|s| self.owning.contains(&s)),
            FlagList::Blame | FlagList::Disrespect => owns,
            _ => false,
        }
    }
}

/// Every red flag in the speaker's own words, each with its sentence: the principle-wide
/// lists, then the question's own (`question_flags`: each flag's id and cues).
pub fn red_flags(
    analysis: &Analysis,
    lexicon: &Lexicon,
    question_flags: &[(&str, &[Cue])],
) -> Vec<(usize, RedFlag)> {
    let excuses = Excuses {
        owning: analysis.find_any(&lexicon.owning).sentences,
        disclosing: analysis.find_any(&lexicon.disclosing).sentences,
    };
    let reported = others_words(analysis, &lexicon.reported);
    let mut flags: Vec<(usize, RedFlag)> = Vec::new();
    // The question's own flags first: the most specific name for what a sentence does.
    for (id, cues) in question_flags {
        for at in starts(analysis, cues) {
            let sentence = analysis.tokens[at].sentence;
            let known = flags
                .iter()
                .any(|(s, f)| *s == sentence && f.id.as_deref() == Some(id));
            if known || !is_speakers(analysis, at, &reported, true) {
                continue;
            }
            flags.push((
                sentence,
                RedFlag {
                    kind: RedFlagKind::Question,
                    id: Some(id.to_string()),
                    evidence: analysis.evidence(sentence),
                },
            ));
        }
    }
    // Then the principle-wide lists: one flag a sentence (two lists raising the same kind,
    // or a list repeating a question flag, make one flag, not two).
    let mut flagged: BTreeSet<usize> = flags.iter().map(|(s, _)| *s).collect();
    for (list, cues) in &lexicon.flags {
        for at in starts(analysis, cues) {
            let sentence = analysis.tokens[at].sentence;
            if flagged.contains(&sentence)
                || excuses.excuse(*list, sentence)
                || !is_speakers(analysis, at, &reported, list.is_act())
            {
                continue;
            }
            flagged.insert(sentence);
            flags.push((
                sentence,
                RedFlag::new(list.kind(), analysis.evidence(sentence)),
            ));
        }
    }
    flags
}

/// Where any of `cues` starts, word for word, in order, and is not negated: "I never
/// went over his head" does not match "i went over his head" (a negation inside the match
/// or just before it, when the cue itself holds none).
fn starts(analysis: &Analysis, cues: &[Cue]) -> Vec<usize> {
    let mut at: Vec<usize> = cues
        .iter()
        .flat_map(|cue| {
            let spans = analysis.find_spans(cue, true);
            // Most cues match nothing: only a match needs its words looked at.
            let negative_cue = !spans.is_empty() && cue.words().any(is_negation);
            spans
                .into_iter()
                .filter(move |&(start, end)| negative_cue || !is_negated(analysis, start, end))
                .map(|(start, _)| start)
        })
        .collect();
    at.sort_unstable();
    at.dedup();
    at
}

/// Words that turn a phrase around.
fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "never"
            | "no"
            | "nor"
            | "didn't"
            | "don't"
            | "doesn't"
            | "wasn't"
            | "weren't"
            | "won't"
            | "wouldn't"
            | "couldn't"
            | "shouldn't"
            | "refused"
            | "avoided"
            | "instead"
    )
}

/// Whether a negation stands inside tokens `start..=end` or in the two words before them,
/// within the same clause.
fn is_negated(analysis: &Analysis, start: usize, end: usize) -> bool {
    let from = start.saturating_sub(2).max(clause_start(analysis, start));
    analysis.tokens[from..=end]
        .iter()
        .any(|t| is_negation(&t.word))
}

/// Where the story reports someone else's words or feelings ("he said", "they were
/// worried"): a reporting phrase with no "I" or "we" before it in its clause.
fn others_words(analysis: &Analysis, reported: &[Cue]) -> Vec<usize> {
    starts(analysis, reported)
        .into_iter()
        .filter(|&at| {
            let clause = clause_start(analysis, at);
            !analysis.tokens[clause..at]
                .iter()
                .any(|t| !t.quoted && matches!(t.word.as_str(), "i" | "we"))
        })
        .collect()
}

/// The first token of the clause holding token `at`.
fn clause_start(analysis: &Analysis, at: usize) -> usize {
    let sentence = &analysis.sentences[analysis.tokens[at].sentence];
    (sentence.start..=at)
        .rev()
        .find(|&t| analysis.tokens[t].clause_start)
        .unwrap_or(sentence.start)
}

/// Whether the words at token `at` are the speaker's own: not quoted, not inside a clause
/// that reports someone else's words or feelings, and (for an act) with the speaker in
/// the sentence.
fn is_speakers(analysis: &Analysis, at: usize, reported: &[usize], needs_speaker: bool) -> bool {
    let token = &analysis.tokens[at];
    if token.quoted {
        return false;
    }
    let clause = clause_start(analysis, at);
    if reported
        .iter()
        .any(|&r| r <= at && r >= clause && analysis.tokens[r].sentence == token.sentence)
    {
        return false;
    }
    // The speaker is the one acting: "I" or "we" in the clause of the act or the one
    // before it ("I told the VP, without telling him, that…"), not a "me" or an "us" that
    // someone else acted on.
    let previous_clause = clause.checked_sub(1).map_or(clause, |before| {
        if analysis.tokens[before].sentence == token.sentence {
            clause_start(analysis, before)
        } else {
            clause
        }
    });
    !needs_speaker
        || analysis.tokens[previous_clause..=at]
            .iter()
            .any(|t| !t.quoted && is_speaking_subject(&t.word))
}

fn is_speaking_subject(word: &str) -> bool {
    matches!(
        word,
        "i" | "i'd" | "i'm" | "i've" | "i'll" | "we" | "we'd" | "we've" | "we're" | "we'll"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<RedFlagKind> {
        let analysis = Analysis::new(text);
        red_flags(&analysis, &super::super::LEXICON, &[])
            .into_iter()
            .map(|(_, flag)| flag.kind)
            .collect()
    }

    #[test]
    fn other_peoples_words_and_feelings_are_not_the_speakers_flags() {
        assert_eq!(
            kinds("It was their fault the launch slipped."),
            [RedFlagKind::Blame]
        );
        assert!(kinds("He was upset and said it was my fault, not his fault.").is_empty());
        assert!(kinds("She told me, \"it was their fault\", and I disagreed.").is_empty());
    }

    #[test]
    fn a_question_flag_needs_the_speaker_and_is_kept_by_id() {
        let cue = Cue::all(&["presented it as mine"]);
        let analysis = Analysis::new("I presented it as mine to the VP. She presented it as mine.");
        let flags = red_flags(&analysis, &super::super::LEXICON, &[("took-credit", &cue)]);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].1.id.as_deref(), Some("took-credit"));
        assert_eq!(flags[0].0, 0);
    }
}
