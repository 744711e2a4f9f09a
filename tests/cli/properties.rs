//! Properties of the scorer for any answer text (proptest).

use earn_trust::bank::{Bank, BankSource, load_bank};
use earn_trust::scoring::Scorer;
use proptest::prelude::*;
use std::sync::LazyLock;

static BANK: LazyLock<Bank> = LazyLock::new(|| load_bank(&BankSource::Embedded).unwrap());

fn score(text: &str) -> u8 {
    let question = BANK.question("missed-commitment").unwrap();
    Scorer::new(&BANK.principle, question).score(text).score
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

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
fn pasting_a_strong_answer_twice_lowers_it() {
    let question = BANK.question("missed-commitment").unwrap();
    let strong = &question.sample_answers[0].text;
    assert!(score(&format!("{strong}\n\n{strong}")) < score(strong));
}
