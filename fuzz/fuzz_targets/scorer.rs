//! Any bytes as an answer: the scorer must not panic, must stay within 0-100, must be
//! deterministic, and must never quote an escape character back.
#![no_main]

use std::sync::LazyLock;

use earn_trust::bank::{Bank, BankSource, load_bank};
use earn_trust::scoring::Scorer;
use libfuzzer_sys::fuzz_target;

static BANK: LazyLock<Bank> = LazyLock::new(|| load_bank(&BankSource::Embedded).unwrap());

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let question =
        &BANK.questions[data.first().copied().unwrap_or(0) as usize % BANK.questions.len()];
    let scorer = Scorer::new(&BANK, question);
    let report = scorer.score(&text);
    assert!(report.score <= 100);
    assert_eq!(report, scorer.score(&text));
    let quoted = serde_json::to_string(&report).unwrap();
    assert!(!quoted.contains("\\u001b"), "an escape was quoted back");
});
