//! The scorer: question, principle and answer text in, an explained report out.
//!
//! Pure: no terminal, no clock, no randomness. [`Scorer::score`] reads as docs/scoring.md
//! does: read the answer, find what a bar-raiser listens for (STAR structure, the
//! question's rubric, the principle's signals, first-person ownership, a measurable result,
//! a lesson, concrete detail), add up the points, take off penalties, then apply caps for
//! what sinks an answer however well it is dressed (gaming, hypotheticals, blame or spin,
//! an answer to another question, far too short) — so length and keywords alone never
//! pass. Every number is in [`policy`].

mod cues;
mod feedback;
mod flags;
mod gaming;
mod lexicon;
pub mod policy;
mod report;
mod signals;
mod star;
mod text;

use std::sync::LazyLock;

use crate::bank::{
    Bank, PreparedCues, Principle, Question, QuestionCues, SignalRole, prepare_signals,
};
pub use policy::WORDS_PER_MINUTE;
pub use report::{
    Grade, JudgeResult, JudgedFlag, JudgedPoint, Part, PremiseResult, REPORT_SCHEMA, RedFlag,
    RedFlagKind, Report, RubricResult, SignalResult, Signals, Star, StarPart, Verdict,
};
pub use text::{Cue, sanitize};

use cues::match_cues;
use flags::FlagList;
use lexicon::FUNCTION_WORDS;
use policy::{cap, credit, penalty, weight};
use signals::Metric;
use star::StarReading;
use text::Analysis;

/// The built-in phrase lists, prepared by the build script.
struct Lexicon {
    situation: Vec<Cue>,
    task: Vec<Cue>,
    result: Vec<Cue>,
    change: Vec<Cue>,
    lesson: Vec<Cue>,
    hypothetical: Vec<Cue>,
    vague: Vec<Cue>,
    /// The red-flag lists, in the order flags are reported.
    flags: Vec<(FlagList, Vec<Cue>)>,
    owning: Vec<Cue>,
    disclosing: Vec<Cue>,
    reported: Vec<Cue>,
}

/// The phrase lists of `phrases/*.txt`, prepared by the build script.
static PHRASES_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phrases.bin"));

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The build script wrote these bytes from the same files; a decoding failure is a
    // broken build, caught by the unit test below before any release.
    let mut lists = earn_trust_bank::decode_phrase_lists(PHRASES_BINARY).unwrap_or_default();
    let mut take = |name: &str| lists.remove(name).unwrap_or_default();
    Lexicon {
        situation: take("situation"),
        task: take("task"),
        result: take("result"),
        change: take("change"),
        lesson: take("lesson"),
        hypothetical: take("hypothetical"),
        vague: take("vague"),
        flags: FlagList::ALL
            .iter()
            .map(|&list| (list, take(list.file())))
            .collect(),
        owning: take("owning"),
        disclosing: take("disclosing"),
        reported: take("reported"),
    }
});

/// Scores `answer` to `question`, one of `bank`'s questions.
pub fn score_answer(bank: &Bank, question: &Question, answer: &str) -> Report {
    Scorer::new(bank, question).score(answer)
}

/// Whether the answer owns a mistake: it shows a signal whose bank role is `owning-up`.
pub fn owned_up(principle: &Principle, report: &Report) -> bool {
    shows_owning_up(principle, &report.signals.principle)
}

fn shows_owning_up(principle: &Principle, found: &[SignalResult]) -> bool {
    principle
        .signals
        .iter()
        .filter(|s| s.role == Some(SignalRole::OwningUp))
        .any(|s| found.iter().any(|p| p.id == s.id && p.hit))
}

/// A question's cues and the principle's signals, prepared once, ready to score answers.
pub struct Scorer<'a> {
    principle: &'a Principle,
    question: &'a Question,
    cues: QuestionCues,
    signal_cues: Vec<Vec<Cue>>,
}

impl<'a> Scorer<'a> {
    /// Prepares to score answers to `question`, one of `bank`'s questions: with the cues
    /// the build prepared, when the bank has them, else by preparing them now.
    pub fn new(bank: &'a Bank, question: &'a Question) -> Self {
        let prepared = bank.prepared.as_deref();
        let index = bank
            .questions
            .iter()
            .position(|q| std::ptr::eq(q, question));
        let cues = prepared
            .zip(index)
            .and_then(|(p, i)| p.question(i))
            .unwrap_or_else(|| QuestionCues::prepare(question));
        let signal_cues = prepared
            .and_then(PreparedCues::signals)
            .unwrap_or_else(|| prepare_signals(&bank.principle));
        Scorer {
            principle: &bank.principle,
            question,
            cues,
            signal_cues,
        }
    }

    /// Scores one answer.
    pub fn score(&self, answer: &str) -> Report {
        let clean = sanitize(answer);
        let analysis = Analysis::new(&clean);
        let found = self.find(&analysis, &clean);
        let mut score = points(&found, self.question);
        if found.gaming.is_some() {
            // Text written to fool a scorer earns only for what it says once.
            score *= found.novelty;
        }
        score -= penalties(&found, self.question, self.principle);
        score = score.min(self.cap(&found));
        if found.gaming.is_some() {
            score -= penalty::GAMING;
        }
        let score = score.clamp(0.0, 100.0).round() as u8;
        self.report(found, score)
    }

    /// Everything the answer shows, good and bad.
    fn find(&self, analysis: &Analysis, clean: &str) -> Findings {
        let lexicon = &*LEXICON;
        let metrics = signals::metrics(analysis);
        let metric_sentences: Vec<usize> = metrics.iter().map(|m| m.sentence).collect();
        let reading = star::read_star(analysis, lexicon, &metric_sentences);
        let action_result_share = star::action_result_share(analysis, &reading.roles);

        let question_flags: Vec<(&str, &[Cue])> = self
            .question
            .red_flags
            .iter()
            .zip(&self.cues.red_flags)
            .map(|(flag, cues)| (flag.id.as_str(), cues.as_slice()))
            .collect();
        let found_flags = flags::red_flags(analysis, lexicon, &question_flags);
        // What raised a red flag earns no credit ("it was his fault" does not own the miss),
        // and neither does a sentence that only repeats the question's own words.
        let mut no_credit: Vec<usize> = found_flags.iter().map(|(sentence, _)| *sentence).collect();
        no_credit.extend(analysis.echoes(&self.question.text, FUNCTION_WORDS));
        no_credit.sort_unstable();
        no_credit.dedup();
        let mut red_flags: Vec<RedFlag> = found_flags.into_iter().map(|(_, flag)| flag).collect();
        let speaker_flags = red_flags.len();

        let mut cue_hits = 0;
        let mut rubric_credit = 0.0;
        let mut on_topic: Vec<usize> = Vec::new();
        let rubric: Vec<RubricResult> = self
            .question
            .rubric
            .iter()
            .zip(&self.cues.rubric)
            .map(|(point, cues)| {
                let found = match_cues(analysis, cues, &no_credit, 2);
                cue_hits += found.strict;
                on_topic.extend(&found.sentences);
                rubric_credit += point.weight * found.strength;
                RubricResult {
                    id: point.id.clone(),
                    point: point.point.clone(),
                    weight: point.weight,
                    hit: found.hit,
                    evidence: found.evidence,
                }
            })
            .collect();
        let rubric_weight: f64 = self.question.rubric.iter().map(|p| p.weight).sum();
        let rubric_coverage =
            ratio(rubric_credit, rubric_weight * credit::RUBRIC_FULL_SHARE).min(1.0);

        let mut signal_credit = 0.0;
        let principle: Vec<SignalResult> = self
            .principle
            .signals
            .iter()
            .zip(&self.signal_cues)
            .map(|(signal, cues)| {
                let found = match_cues(analysis, cues, &no_credit, 1);
                cue_hits += found.strict;
                signal_credit += signal.weight * found.strength;
                SignalResult {
                    id: signal.id.clone(),
                    label: signal.label.clone(),
                    hit: found.hit,
                    evidence: found.evidence,
                }
            })
            .collect();
        let signal_weight: f64 = self.principle.signals.iter().map(|s| s.weight).sum();
        let signal_coverage =
            ratio(signal_credit, signal_weight * credit::SIGNALS_FULL_SHARE).min(1.0);
        let owned_up = shows_owning_up(self.principle, &principle);

        let (i_count, we_count) = signals::pronoun_counts(analysis);
        let lesson = signals::lesson(analysis, lexicon);
        let hypothetical_sentences = signals::hypothetical_sentences(analysis, lexicon);
        let hypothetical = !hypothetical_sentences.is_empty()
            && (reading.past_actions == 0
                || (hypothetical_sentences.len() >= 2
                    && hypothetical_sentences.len() >= reading.past_actions));
        let vague_claims = signals::vague_claims(analysis, lexicon);
        let concrete_details = signals::concrete_detail_count(analysis);

        let gaming = gaming::detect(analysis, cue_hits);
        if let Some(kind) = gaming {
            red_flags.insert(0, RedFlag::new(kind, text::quote(clean)));
        }
        if hypothetical {
            red_flags.push(RedFlag::new(
                RedFlagKind::Hypothetical,
                analysis.evidence(hypothetical_sentences[0]),
            ));
        }
        // Too short to tell what it is about: the length advice says enough.
        let judgeable =
            gaming.is_none() && analysis.unique_words() >= policy::OFF_QUESTION_MIN_WORDS;
        let about_nothing_asked = judgeable
            && rubric_coverage == 0.0
            && signal_coverage < policy::OFF_QUESTION_SIGNAL_SHARE;
        // The story never shows what the question is about (its premise).
        let premise_match = match_cues(analysis, &self.cues.premise, &no_credit, 1);
        let premise_strict = premise_match.strict;
        on_topic.extend(&premise_match.sentences);
        let premise = self.question.premise.as_ref().map(|premise| PremiseResult {
            text: premise.text.clone(),
            found: premise_match.hit,
            evidence: premise_match.evidence,
        });
        let premise_missing = judgeable && premise.as_ref().is_some_and(|p| !p.found);
        on_topic.sort_unstable();
        on_topic.dedup();
        // The share of the story that speaks to this question at all.
        let focus = ratio(on_topic.len() as f64, analysis.sentences.len() as f64);
        // One cue of the premise, once, is a thin sign the story is about it.
        let premise_thin =
            judgeable && !premise_missing && self.question.premise.is_some() && premise_strict < 2;
        let off_question = if about_nothing_asked {
            Some(OffQuestion::Unrelated)
        } else if premise_missing {
            Some(OffQuestion::NoPremise)
        } else {
            None
        };
        if off_question.is_some() {
            red_flags.push(RedFlag::new(RedFlagKind::OffQuestion, text::quote(clean)));
        }
        Findings {
            word_count: analysis.word_count,
            novel_words: analysis.novel_words(),
            distinct_words: analysis.distinct_words(),
            novelty: 1.0 - analysis.repeated_share,
            reading,
            action_result_share,
            metrics,
            rubric,
            rubric_coverage,
            principle,
            signal_coverage,
            any_signal: signal_credit > 0.0,
            owned_up,
            i_count,
            we_count,
            lesson,
            hypothetical,
            vague_claims,
            concrete_details,
            red_flags,
            speaker_flags,
            gaming,
            off_question,
            premise,
            premise_thin,
            focus,
        }
    }

    /// The lowest ceiling among the caps the answer earns.
    fn cap(&self, found: &Findings) -> f64 {
        let mut caps = vec![100.0];
        let words = found.novel_words.min(found.distinct_words);
        if words < cap::FULL_WORDS {
            // A few words cannot earn much, however they are arranged or repeated; past the
            // thin mark the ceiling climbs steadily to none.
            let thin = cap::POINTS_PER_THIN_WORD * cap::THIN_WORDS as f64;
            let ceiling = if words < cap::THIN_WORDS {
                cap::POINTS_PER_THIN_WORD * words as f64
            } else {
                let climbed =
                    (words - cap::THIN_WORDS) as f64 / (cap::FULL_WORDS - cap::THIN_WORDS) as f64;
                thin + (100.0 - thin) * climbed
            };
            caps.push(ceiling.floor());
        }
        if found.speaker_flags >= 2 {
            // Two red flags are strong evidence: the story breaks the principle.
            caps.push(cap::TWO_RED_FLAGS);
        }
        if found.hypothetical {
            caps.push(cap::HYPOTHETICAL);
        }
        match found.off_question {
            Some(OffQuestion::Unrelated) => caps.push(cap::OFF_QUESTION),
            Some(OffQuestion::NoPremise) => caps.push(cap::NO_PREMISE),
            None => {}
        }
        if found.rubric_coverage < cap::LOW_RUBRIC_SHARE {
            caps.push(cap::LOW_RUBRIC_BASE + cap::LOW_RUBRIC_SLOPE * found.rubric_coverage);
        }
        if found.we_count >= cap::MOSTLY_WE_COUNT && found.i_share() < cap::MOSTLY_WE_I_SHARE {
            caps.push(cap::MOSTLY_WE);
        }
        if found.gaming.is_some() {
            caps.push(cap::GAMING);
        }
        caps.into_iter().fold(f64::INFINITY, f64::min)
    }

    /// The report: what was found, the score, and the next steps.
    fn report(&self, found: Findings, score: u8) -> Report {
        let signals = Signals {
            word_count: found.word_count,
            spoken_seconds: policy::spoken_seconds(found.word_count),
            i_count: found.i_count,
            we_count: found.we_count,
            action_result_share: (found.action_result_share * 100.0).round() / 100.0,
            metrics: found.metrics.into_iter().map(|m| m.text).collect(),
            vague_claims: found.vague_claims,
            lesson: found.lesson,
            hypothetical: found.hypothetical,
            principle: found.principle,
            red_flags: found.red_flags,
        };
        let mut report = Report {
            schema: REPORT_SCHEMA,
            question: self.question.id.clone(),
            score,
            grade: Grade::from_score(score),
            star: found.reading.star,
            premise: found.premise,
            rubric: found.rubric,
            signals,
            feedback: Vec::new(),
            self_check: Vec::new(),
            judge: None,
        };
        report.self_check = self_check(self.question, &report.signals.red_flags);
        report.feedback =
            feedback::next_steps(&report, self.question, found.gaming, found.novel_words);
        report
    }
}

/// The question's red flags that the scorer did not raise, put as questions for the
/// candidate to ask of their own story: what rules cannot read is not silently passed.
fn self_check(question: &Question, raised: &[RedFlag]) -> Vec<String> {
    question
        .red_flags
        .iter()
        .filter(|flag| !raised.iter().any(|r| r.id.as_deref() == Some(&flag.id)))
        .take(policy::SELF_CHECK_QUESTIONS)
        .map(|flag| match &flag.ask {
            Some(ask) => ask.trim().to_string(),
            None => format!("Is this true of your story? {}", flag.flag.trim()),
        })
        .collect()
}

/// What the answer shows, before it is turned into points.
struct Findings {
    word_count: usize,
    /// Words said for the first time: pasting a passage again adds nothing here.
    novel_words: usize,
    /// Different words: repeating one adds nothing here.
    distinct_words: usize,
    /// Share of the text that does not repeat an earlier passage (1 for most answers).
    novelty: f64,
    reading: StarReading,
    action_result_share: f64,
    metrics: Vec<Metric>,
    rubric: Vec<RubricResult>,
    rubric_coverage: f64,
    principle: Vec<SignalResult>,
    signal_coverage: f64,
    any_signal: bool,
    owned_up: bool,
    i_count: usize,
    we_count: usize,
    lesson: Part,
    hypothetical: bool,
    vague_claims: Vec<String>,
    concrete_details: usize,
    red_flags: Vec<RedFlag>,
    /// Red flags in the speaker's own words (blame, spin, taking credit, the question's own…).
    speaker_flags: usize,
    gaming: Option<RedFlagKind>,
    off_question: Option<OffQuestion>,
    premise: Option<PremiseResult>,
    /// The premise shows through one cue only.
    premise_thin: bool,
    /// Share of sentences holding a cue of the question's rubric or premise.
    focus: f64,
}

/// Why an answer reads as an answer to another question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OffQuestion {
    /// Nothing of the rubric, and little of the principle.
    Unrelated,
    /// The story never establishes the question's premise.
    NoPremise,
}

impl Findings {
    fn i_share(&self) -> f64 {
        ratio(self.i_count as f64, (self.i_count + self.we_count) as f64)
    }
}

/// The weighted parts, scaled to 100.
fn points(found: &Findings, question: &Question) -> f64 {
    let star = &found.reading.star;
    let ownership = if found.i_count >= credit::MIN_I {
        ((found.i_share() - credit::I_SHARE_NONE) / (credit::I_SHARE_FULL - credit::I_SHARE_NONE))
            .clamp(0.0, 1.0)
    } else {
        0.0
    };
    let result_metric = found
        .metrics
        .iter()
        .any(|m| found.reading.roles.get(m.sentence) == Some(&Some(StarPart::Result)));
    let measurable = if result_metric {
        credit::NUMBER_IN_RESULT
    } else if !found.metrics.is_empty() {
        credit::NUMBER_ELSEWHERE
    } else if star.result.found {
        credit::RESULT_WITHOUT_NUMBER
    } else {
        0.0
    };
    let action = if star.action.found {
        weight::ACTION
    } else if found.reading.past_actions == 1 {
        weight::ONE_ACTION
    } else {
        0.0
    };
    let present = |found: bool| if found { 1.0 } else { 0.0 };
    let structure = (weight::SITUATION * present(star.situation.found)
        + weight::TASK * present(star.task.found)
        + action
        + weight::RESULT * present(star.result.found))
        / weight::STRUCTURE;
    let specificity = ((found.concrete_details as f64 / credit::DETAILS_FOR_FULL).min(1.0)
        - credit::VAGUE_CLAIM_SHARE * found.vague_claims.len() as f64)
        .clamp(0.0, 1.0);
    let lesson_weight = if question.is_about_failure() {
        weight::LESSON_ON_FAILURE
    } else {
        weight::LESSON
    };
    let parts = [
        (weight::STRUCTURE, structure),
        (weight::RUBRIC, found.rubric_coverage),
        (weight::SIGNALS, found.signal_coverage),
        (weight::OWNERSHIP, ownership),
        (weight::MEASURABLE, measurable),
        (lesson_weight, present(found.lesson.found)),
        (weight::SPECIFICITY, specificity),
    ];
    let total_weight: f64 = parts.iter().map(|(w, _)| w).sum();
    parts.iter().map(|(w, f)| w * f).sum::<f64>() / total_weight * 100.0
}

/// What a bar-raiser holds against an otherwise fine story: each graded, so no single
/// phrase found or missing decides the score.
fn penalties(found: &Findings, question: &Question, principle: &Principle) -> f64 {
    let mut off = 0.0;
    if found.speaker_flags > 0 {
        off += penalty::RED_FLAG + penalty::FURTHER_RED_FLAG * (found.speaker_flags - 1) as f64;
    }
    if !found.reading.star.result.found {
        off += if found.metrics.is_empty() {
            penalty::NO_RESULT
        } else {
            penalty::NO_RESULT_WITH_NUMBERS
        };
    }
    if question.is_about_failure() && !found.owned_up && !found.lesson.found {
        // On a question about a mistake, an answer that owns nothing falls short.
        off += penalty::FAILURE_UNOWNED;
    }
    if found.premise_thin {
        off += penalty::THIN_PREMISE;
    }
    if found.novel_words >= penalty::PADDING_FROM_WORDS && found.focus < penalty::FOCUS_BELOW {
        // Most of the story is about something the question did not ask.
        off += (penalty::FOCUS_BELOW - found.focus) * penalty::FOCUS_POINTS_PER_SHARE;
    }
    if !principle.signals.is_empty() && !found.any_signal {
        // Not one behaviour of the principle shows: likely a story about something else.
        off += penalty::NO_SIGNAL;
    }
    off += (penalty::VAGUE_CLAIM * found.vague_claims.len() as f64).min(penalty::VAGUE_CLAIMS_MOST);
    if found.novel_words >= penalty::PADDING_FROM_WORDS {
        // Padding: most of the words spent on background rather than on what was done.
        if found.action_result_share < penalty::PADDING_HEAVY_SHARE {
            off += penalty::PADDING_HEAVY;
        } else if found.action_result_share < penalty::PADDING_SHARE {
            off += penalty::PADDING;
        }
    }
    if found.novel_words > penalty::RAMBLE_FROM_WORDS {
        let extra = (found.novel_words - penalty::RAMBLE_FROM_WORDS) as f64;
        off += (extra / penalty::RAMBLE_WORDS_PER_POINT).min(penalty::RAMBLE_MOST);
    }
    off
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

#[cfg(test)]
mod lexicon_tests {
    use super::*;

    #[test]
    fn every_phrase_file_is_read_and_none_is_empty() {
        let files = [
            ("situation", include_str!("phrases/situation.txt")),
            ("owning", include_str!("phrases/owning.txt")),
            ("blame", include_str!("phrases/blame.txt")),
        ];
        let lists = earn_trust_bank::decode_phrase_lists(PHRASES_BINARY).unwrap();
        for (name, text) in files {
            assert_eq!(
                lists[name],
                earn_trust_bank::parse_phrase_list(text),
                "{name}"
            );
        }
        for (list, cues) in &LEXICON.flags {
            assert!(!cues.is_empty(), "phrases/{}.txt is empty", list.file());
        }
        assert!(!LEXICON.reported.is_empty() && !LEXICON.lesson.is_empty());
    }
}
