//! The scorer: question, principle and answer text in, an explained report out.
//!
//! Pure: no terminal, no clock, no randomness. The score adds up what a bar-raiser listens
//! for (STAR structure, the question's rubric, the principle's signals, first-person
//! ownership, a measurable result, a lesson, concrete detail), then applies caps for what
//! sinks an answer however well it is dressed (gaming, hypotheticals, blame or spin, an
//! answer to another question, far too short) — so length and keywords alone never pass.

mod feedback;
mod gaming;
mod lexicon;
mod signals;
mod star;
mod text;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::bank::{Principle, Question};
pub use text::{Cue, sanitize};

/// Version of the report's JSON shape.
pub const REPORT_SCHEMA: u32 = 1;
/// Speaking pace used for time estimates, in words a minute.
pub const WORDS_PER_MINUTE: usize = 140;

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
    /// blame, spin, misleading, taking-credit, disrespect, hypothetical, off-question,
    /// keyword-list, repeated-text, random-words or empty-headings.
    pub kind: String,
    pub evidence: String,
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
            0..=39 => Grade::NotYet,
            40..=59 => Grade::Developing,
            60..=74 => Grade::Solid,
            75..=89 => Grade::Strong,
            _ => Grade::Outstanding,
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
    pub rubric: Vec<RubricResult>,
    pub signals: Signals,
    /// The few most useful next steps, most important first.
    pub feedback: Vec<String>,
}

impl Report {
    /// Ids of the rubric points hit, and of those missed.
    pub fn rubric_ids(&self) -> (Vec<String>, Vec<String>) {
        let (hit, missed): (Vec<_>, Vec<_>) = self.rubric.iter().partition(|r| r.hit);
        let ids = |list: Vec<&RubricResult>| list.iter().map(|r| r.id.clone()).collect();
        (ids(hit), ids(missed))
    }
}

/// The built-in phrase lists, stemmed once.
pub(crate) struct Lexicon {
    situation: Vec<Cue>,
    task: Vec<Cue>,
    result: Vec<Cue>,
    change: Vec<Cue>,
    lesson: Vec<Cue>,
    hypothetical: Vec<Cue>,
    vague: Vec<Cue>,
    blame: Vec<Cue>,
    spin: Vec<Cue>,
    unnoticed: Vec<Cue>,
    deflect: Vec<Cue>,
    mislead: Vec<Cue>,
    credit: Vec<Cue>,
    disrespect: Vec<Cue>,
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
        blame: take("blame"),
        spin: take("spin"),
        unnoticed: take("unnoticed"),
        deflect: take("deflect"),
        mislead: take("mislead"),
        credit: take("credit"),
        disrespect: take("disrespect"),
        owning: take("owning"),
        disclosing: take("disclosing"),
        reported: take("reported"),
    }
});

/// Scores `answer` to `question` under `principle`.
pub fn score_answer(principle: &Principle, question: &Question, answer: &str) -> Report {
    Scorer::new(principle, question).score(answer)
}

/// A question's cues and the principle's signals, stemmed once, ready to score answers.
pub struct Scorer<'a> {
    principle: &'a Principle,
    question: &'a Question,
    rubric_cues: Vec<Vec<Cue>>,
    signal_cues: Vec<Vec<Cue>>,
}

impl<'a> Scorer<'a> {
    /// Prepares to score answers to `question`.
    pub fn new(principle: &'a Principle, question: &'a Question) -> Self {
        Scorer {
            principle,
            question,
            rubric_cues: question.rubric.iter().map(|p| Cue::all(&p.cues)).collect(),
            signal_cues: principle
                .signals
                .iter()
                .map(|s| Cue::all(&s.cues))
                .collect(),
        }
    }

    /// Scores one answer.
    pub fn score(&self, answer: &str) -> Report {
        score_with(self, answer)
    }
}

fn score_with(scorer: &Scorer, answer: &str) -> Report {
    let (principle, question) = (scorer.principle, scorer.question);
    let lexicon = &*LEXICON;
    let clean = sanitize(answer);
    let analysis = text::Analysis::new(&clean);

    let metrics = signals::metrics(&analysis);
    let metric_sentences: Vec<usize> = metrics.iter().map(|m| m.sentence).collect();
    let reading = star::read_star(&analysis, lexicon, &metric_sentences);
    let action_result_share = star::action_result_share(&analysis, &reading.roles);

    let found_flags = signals::red_flags(&analysis, lexicon);
    // What raised a red flag earns no credit ("it was his fault" does not own the miss).
    let mut flagged: Vec<usize> = found_flags.iter().map(|(sentence, _)| *sentence).collect();
    flagged.sort_unstable();
    flagged.dedup();
    let mut red_flags: Vec<RedFlag> = found_flags.into_iter().map(|(_, flag)| flag).collect();
    let mut cue_hits = 0;
    let mut rubric_credit = 0.0;
    let rubric: Vec<RubricResult> = question
        .rubric
        .iter()
        .zip(&scorer.rubric_cues)
        .map(|(point, cues)| {
            let found = match_cues(&analysis, cues, &flagged, 2);
            cue_hits += found.strict;
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
    let rubric_weight: f64 = question.rubric.iter().map(|p| p.weight).sum();
    // Most strong answers make most, not all, of a question's points.
    let rubric_coverage = ratio(rubric_credit, rubric_weight * 0.8).min(1.0);

    let mut signal_credit = 0.0;
    let principle_results: Vec<SignalResult> = principle
        .signals
        .iter()
        .zip(&scorer.signal_cues)
        .map(|(signal, cues)| {
            let found = match_cues(&analysis, cues, &flagged, 1);
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
    let signal_weight: f64 = principle.signals.iter().map(|s| s.weight).sum();
    // Showing a few of the principle's behaviours in one story is plenty.
    let signal_coverage = ratio(signal_credit, signal_weight * 0.4).min(1.0);

    let (i_count, we_count) = signals::pronoun_counts(&analysis);
    let lesson = signals::lesson(&analysis, lexicon);
    let hypothetical_sentences = signals::hypothetical_sentences(&analysis, lexicon);
    let hypothetical = !hypothetical_sentences.is_empty()
        && (reading.past_actions == 0
            || (hypothetical_sentences.len() >= 2
                && hypothetical_sentences.len() >= reading.past_actions));
    let vague_claims = signals::vague_claims(&analysis, lexicon);
    let concrete = signals::concrete_detail_count(&analysis);

    let serious = red_flags.iter().filter(|f| f.kind != "disrespect").count();
    let disrespect = red_flags.len() - serious;
    let gaming = gaming::detect(&analysis, cue_hits);
    if let Some(kind) = gaming {
        red_flags.insert(
            0,
            RedFlag {
                kind: kind.to_string(),
                evidence: text::quote(&clean),
            },
        );
    }
    if hypothetical {
        red_flags.push(RedFlag {
            kind: "hypothetical".to_string(),
            evidence: analysis.evidence(hypothetical_sentences[0]),
        });
    }
    // Too short to tell what it is about: the length advice says enough.
    let off_question = rubric_coverage == 0.0
        && signal_coverage < 0.2
        && gaming.is_none()
        && analysis.unique_words() >= 40;
    if off_question {
        red_flags.push(RedFlag {
            kind: "off-question".to_string(),
            evidence: text::quote(&clean),
        });
    }

    // Ownership: full marks from about 65% "I", none below 30%.
    let i_share = ratio(i_count as f64, (i_count + we_count) as f64);
    let ownership = if i_count >= 3 {
        ((i_share - 0.3) / 0.35).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let result_metric = metrics
        .iter()
        .any(|m| reading.roles.get(m.sentence) == Some(&Some(StarPart::Result)));
    let measurable = if result_metric {
        1.0
    } else if !metrics.is_empty() {
        0.5
    } else if reading.star.result.found {
        0.2
    } else {
        0.0
    };
    let star = &reading.star;
    let structure = (4.0 * f64::from(u8::from(star.situation.found))
        + 3.0 * f64::from(u8::from(star.task.found))
        + if star.action.found {
            8.0
        } else if reading.past_actions == 1 {
            4.0
        } else {
            0.0
        }
        + 5.0 * f64::from(u8::from(star.result.found)))
        / 20.0;
    let specificity =
        ((concrete as f64 / 6.0).min(1.0) - 0.15 * vague_claims.len() as f64).clamp(0.0, 1.0);
    let lesson_weight = if question.is_about_failure() {
        15.0
    } else {
        8.0
    };
    let parts = [
        (20.0, structure),
        (30.0, rubric_coverage),
        (15.0, signal_coverage),
        (10.0, ownership),
        (10.0, measurable),
        (lesson_weight, f64::from(u8::from(lesson.found))),
        (7.0, specificity),
    ];
    let total_weight: f64 = parts.iter().map(|(w, _)| w).sum();
    let mut score = parts.iter().map(|(w, f)| w * f).sum::<f64>() / total_weight * 100.0;

    let words = analysis.word_count;
    // Words said for the first time: pasting a passage again adds nothing here.
    let unique_words = analysis.novel_words();
    // Penalties: what a bar-raiser holds against an otherwise fine story.
    if serious > 0 {
        score -= 15.0;
    }
    score -= 8.0 * disrespect as f64;
    score -= (2.0 * vague_claims.len() as f64).min(8.0);
    if unique_words >= 150 {
        // Padding: most of the words spent on background rather than on what was done.
        score -= if action_result_share < 0.25 {
            15.0
        } else if action_result_share < 0.4 {
            8.0
        } else {
            0.0
        };
    }
    if unique_words > 700 {
        score -= ((unique_words - 700) as f64 / 40.0).min(15.0);
    }
    // Caps: what sinks an answer however much else it has.
    let mut cap: f64 = 100.0;
    // Too thin to judge: the cap rises gently with length, up to no cap at 150 words.
    let words_f = unique_words as f64;
    if unique_words < 80 {
        // Half a point a word: a few words cannot earn much, however they are arranged.
        cap = cap.min((0.5 * words_f).floor());
    }
    cap = cap.min(match serious {
        0 => 100.0,
        1 => 40.0,
        2 => 32.0,
        _ => 25.0,
    });
    let self_critical = principle_results
        .iter()
        .any(|s| s.id == "self-criticism" && s.hit);
    if question.is_about_failure() && !self_critical && !lesson.found {
        // On a question about a mistake, an answer that owns nothing cannot pass.
        cap = cap.min(55.0);
    }
    if hypothetical {
        cap = cap.min(22.0);
    }
    if off_question {
        cap = cap.min(30.0);
    }
    if rubric_coverage < 0.3 {
        cap = cap.min(40.0 + 50.0 * rubric_coverage);
    }
    if we_count >= 5 && i_share < 0.4 {
        cap = cap.min(55.0);
    }
    if !star.result.found {
        cap = cap.min(if metrics.is_empty() { 45.0 } else { 50.0 });
    }
    if !principle.signals.is_empty() && signal_credit == 0.0 {
        // Not one behaviour of the principle shows: a story about something else.
        cap = cap.min(45.0);
    }
    if gaming.is_some() {
        // Under the cap, and lower still, so pasting text twice never pays.
        cap = cap.min(30.0);
    }
    score = score.min(cap);
    if gaming.is_some() {
        score -= 15.0;
    }
    let score = score.clamp(0.0, 100.0).round() as u8;

    let signals = Signals {
        word_count: words,
        spoken_seconds: (words * 60).div_ceil(WORDS_PER_MINUTE),
        i_count,
        we_count,
        action_result_share: (action_result_share * 100.0).round() / 100.0,
        metrics: metrics.into_iter().map(|m| m.text).collect(),
        vague_claims,
        lesson,
        hypothetical,
        principle: principle_results,
        red_flags,
    };
    let mut report = Report {
        schema: REPORT_SCHEMA,
        question: question.id.clone(),
        score,
        grade: Grade::from_score(score),
        star: reading.star,
        rubric,
        signals,
        feedback: Vec::new(),
    };
    report.feedback = feedback::next_steps(&report, question, gaming, unique_words);
    report
}

/// How a rubric point's or a signal's cues fared in an answer.
struct CueMatch {
    /// Cues found in order.
    strict: usize,
    /// Share of the weight earned, 0 to 1.
    strength: f64,
    /// Whether the report ticks it: a loose match alone is too weak for that.
    hit: bool,
    evidence: Vec<String>,
}

/// Finds `cues` outside the `excluded` sentences, with up to `most` quotes.
fn match_cues(
    analysis: &text::Analysis,
    cues: &[Cue],
    excluded: &[usize],
    most: usize,
) -> CueMatch {
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
    let found = strict as f64 + 0.25 * loose as f64;
    if found >= 2.0 {
        1.0
    } else if found >= 1.0 {
        0.6
    } else if found > 0.0 {
        0.4
    } else {
        0.0
    }
}

/// Up to `most` quotes: sentences with strict matches first, then loose ones.
fn evidence_of(
    analysis: &text::Analysis,
    strict: &text::CueHits,
    loose: &text::CueHits,
    most: usize,
) -> Vec<String> {
    let strict_best = strict.best_sentences();
    let loose_best = loose.best_sentences();
    strict_best
        .iter()
        .chain(loose_best.iter().filter(|s| !strict.sentences.contains(s)))
        .take(most)
        .map(|&s| analysis.evidence(s))
        .collect()
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}
