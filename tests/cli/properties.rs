//! Properties of the scorer for any answer text (proptest).

use earn_trust::bank::{Bank, BankSource, load_bank};
use earn_trust::scoring::Scorer;
use proptest::prelude::*;
use std::sync::LazyLock;

static BANK: LazyLock<Bank> = LazyLock::new(|| load_bank(&BankSource::Embedded).unwrap());

fn score(text: &str) -> u8 {
    let question = BANK.question("missed-commitment").unwrap();
    Scorer::new(&BANK, question).score(text).score
}

/// Words an answer is made of, so generated text looks like answers, not only noise.
const WORDS: &[&str] = &[
    "I",
    "we",
    "told",
    "my",
    "manager",
    "the",
    "launch",
    "slipped",
    "because",
    "I",
    "had",
    "underestimated",
    "it",
    "apologised",
    "and",
    "learned",
    "to",
    "check",
    "20%",
    "faster",
    "team",
    "customer",
    "trust",
    "listened",
    "result",
    "Situation:",
    "Action:",
    "Result:",
    "\n",
    ".",
    "as",
    "a",
    "result",
    "would",
    "always",
    "their",
    "fault",
    "3",
    "days",
    "later",
];

fn answer_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..160).prop_map(|w| w.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![answer_like(), any::<String>(), "\\PC{0,400}"]
}

/// CI runs the same cases every time: a fixed seed, unless `PROPTEST_RNG_SEED` asks for
/// another. To explore, run many more cases with a seed of your own:
/// `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=$RANDOM cargo test --release properties`.
/// Failures found are kept in `proptest-regressions/` and replayed first.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 96;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x5eed_7a57);
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_score_is_within_0_and_100_and_deterministic(text in any_text()) {
        let first = score(&text);
        prop_assert!(first <= 100);
        prop_assert_eq!(first, score(&text));
    }

    #[test]
    fn pasting_the_same_text_twice_never_pays(text in any_text()) {
        let once = score(&text);
        let twice = score(&format!("{text}{text}"));
        prop_assert!(twice <= once + 2, "once {once}, twice {twice}");
        let with_newline = score(&format!("{text}\n{text}"));
        prop_assert!(with_newline <= once + 2, "once {once}, twice {with_newline}");
    }
}

#[test]
fn pasting_a_thin_answer_twice_without_a_break_never_pays() {
    // Found by the property above: the join makes a new word ("managerSituation").
    for text in [
        "Situation: I my manager",
        "Situation: it apologised we told had",
    ] {
        assert!(score(&format!("{text}{text}")) <= score(text) + 2, "{text}");
    }
}

#[test]
fn pasting_a_strong_answer_twice_lowers_it() {
    let question = BANK.question("missed-commitment").unwrap();
    let strong = &question.sample_answers[0].text;
    assert!(score(&format!("{strong}\n\n{strong}")) < score(strong));
}

/// The bank's strong sample answers, each with its question.
fn strong_samples() -> Vec<(&'static earn_trust::bank::Question, &'static str)> {
    BANK.questions
        .iter()
        .flat_map(|q| {
            q.sample_answers
                .iter()
                .filter(|s| s.level == earn_trust::bank::Level::Strong)
                .map(move |s| (q, s.text.as_str()))
        })
        .collect()
}

fn score_for(question: &earn_trust::bank::Question, text: &str) -> i32 {
    i32::from(Scorer::new(&BANK, question).score(text).score)
}

/// Sentence starts in `text`: the first character, and each after ". ".
fn sentence_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices(". ").map(|(i, _)| i + 2))
        .filter(|&i| text[i..].starts_with(char::is_uppercase))
        .collect()
}

const CONNECTIVES: &[&str] = &[
    "In the end, ",
    "Then ",
    "After that, ",
    "So ",
    "As it turned out, ",
    "Eventually, ",
    "At that point, ",
];

/// Other people's words and feelings, which are part of a story, not the speaker's flags.
const REPORTED: &[&str] = &[
    "He was upset and said I had made him look bad in front of his team. ",
    "She told me it was unfair and that it was really the other team's fault. ",
    "Several of them were worried the change would cost them their jobs. ",
    "My manager was frustrated and said the delay made us all look careless. ",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_neutral_connective_moves_a_strong_answer_by_at_most_10(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        word in prop::sample::select(CONNECTIVES),
    ) {
        let samples = strong_samples();
        let (question, text) = samples[pick.index(samples.len())];
        let starts = sentence_starts(text);
        let start = starts[at.index(starts.len())];
        let mut changed = text[..start].to_string();
        changed.push_str(word);
        let mut rest = text[start..].chars();
        if let Some(first) = rest.next() {
            changed.extend(first.to_lowercase());
            changed.push_str(rest.as_str());
        }
        let (before, after) = (score_for(question, text), score_for(question, &changed));
        prop_assert!((before - after).abs() <= 10, "{} {before} -> {after}: {changed}", question.id);
    }

    #[test]
    fn one_reported_speech_sentence_moves_a_strong_answer_by_at_most_10(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        sentence in prop::sample::select(REPORTED),
    ) {
        let samples = strong_samples();
        let (question, text) = samples[pick.index(samples.len())];
        let starts = sentence_starts(text);
        let start = starts[at.index(starts.len())];
        let with = format!("{}{sentence}{}", &text[..start], &text[start..]);
        let (without, with) = (score_for(question, text), score_for(question, &with));
        prop_assert!((without - with).abs() <= 10, "{} {without} -> {with}: {sentence}", question.id);
    }
}
