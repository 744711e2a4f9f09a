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
