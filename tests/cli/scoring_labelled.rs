//! The scorer against answers labelled 1-5 by strict bar-raisers who had not seen it.
//! Tests assert on the tuning file only; the held-out file is scored and reported, never
//! asserted on answer by answer.

use earn_trust::bank::{Bank, BankSource, LabelledAnswer, Level, load_bank, parse_labelled_set};
use earn_trust::evaluate::spearman;
use earn_trust::scoring::score_answer;

/// Kinds written to fool a scorer: they must stay under 40 whatever they hold.
const GAMING_KINDS: [&str; 3] = ["keyword-list", "repeated", "random-words"];

fn set(name: &str) -> Vec<LabelledAnswer> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("content/labelled/{name}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse_labelled_set(&text, &path.display().to_string()).unwrap()
}

fn tuning() -> Vec<LabelledAnswer> {
    set("tuning")
}

fn kind(answer: &LabelledAnswer) -> &str {
    answer.kind.as_deref().unwrap_or_default()
}

fn bank() -> Bank {
    load_bank(&BankSource::Embedded).unwrap()
}

fn score(bank: &Bank, question: &str, text: &str) -> u8 {
    let q = bank
        .question(question)
        .expect("labelled question is in the bank");
    score_answer(bank, q, text).score
}

#[test]
fn the_labelled_sets_are_big_and_varied_enough() {
    let (tuning, held_out) = (tuning(), set("held-out"));
    assert!(tuning.len() >= 45);
    let questions: std::collections::HashSet<_> = tuning.iter().map(|a| &a.question).collect();
    assert!(questions.len() >= 10);
    assert!(held_out.len() >= 60, "held out: {}", held_out.len());
    let bank = bank();
    for answer in tuning.iter().chain(&held_out) {
        assert!(bank.question(&answer.question).is_some(), "{}", answer.id);
    }
}

/// Spearman's rho of label against score, and of label against plain word count.
fn correlations(bank: &Bank, part: &[LabelledAnswer]) -> (f64, f64) {
    let labels: Vec<f64> = part.iter().map(|a| f64::from(a.label)).collect();
    let scores: Vec<f64> = part
        .iter()
        .map(|a| f64::from(score(bank, &a.question, &a.answer)))
        .collect();
    let lengths: Vec<f64> = part
        .iter()
        .map(|a| a.answer.split_whitespace().count() as f64)
        .collect();
    (spearman(&labels, &scores), spearman(&labels, &lengths))
}

#[test]
fn scores_rank_answers_like_the_labels_and_beat_word_count() {
    let bank = bank();
    let (rho, rho_words) = correlations(&bank, &tuning());
    assert!(
        rho >= rho_words + 0.3,
        "Spearman {rho:.3} is not 0.3 above word count's {rho_words:.3}"
    );
    // A floor under today's figure (0.72 on 221 answers, a third of them written against
    // the failure classes of the scoring issue), so a change that makes it worse fails.
    assert!(rho >= 0.68, "Spearman {rho:.3} is below 0.68");
}

/// Prints the held-out agreement (`cargo test held_out -- --nocapture`): a measurement
/// for docs/scoring.md, not a gate to tune toward.
#[test]
fn held_out_agreement_is_reported() {
    let bank = bank();
    let held_out = set("held-out");
    let (rho, rho_words) = correlations(&bank, &held_out);
    println!(
        "held out: n={} Spearman {rho:.3} (word count {rho_words:.3})",
        held_out.len()
    );
    assert!(rho.is_finite());
}

#[test]
fn label_5_answers_pass_and_none_sinks() {
    let bank = bank();
    let scores: Vec<(String, u8)> = tuning()
        .iter()
        .filter(|a| a.label == 5)
        .map(|a| (a.id.clone(), score(&bank, &a.question, &a.answer)))
        .collect();
    let passing = scores.iter().filter(|(_, s)| *s >= 70).count();
    assert!(
        passing * 10 >= scores.len() * 9,
        "{passing} of {} label-5 answers score 70 or more: {scores:?}",
        scores.len()
    );
    assert!(scores.iter().all(|(_, s)| *s >= 40), "{scores:?}");
}

#[test]
fn every_gaming_answer_scores_below_40() {
    let bank = bank();
    for a in tuning().iter().filter(|a| GAMING_KINDS.contains(&kind(a))) {
        let s = score(&bank, &a.question, &a.answer);
        assert!(s < 40, "{} ({}) scored {s}", a.id, kind(a));
    }
}

#[test]
fn strong_bank_samples_pass_and_beat_weaker_ones() {
    let bank = bank();
    for q in &bank.questions {
        let scored: Vec<(Level, u8)> = q
            .sample_answers
            .iter()
            .map(|s| (s.level.clone(), score_answer(&bank, q, &s.text).score))
            .collect();
        let strong: Vec<u8> = scored
            .iter()
            .filter(|(l, _)| *l == Level::Strong)
            .map(|(_, s)| *s)
            .collect();
        let weaker: Vec<u8> = scored
            .iter()
            .filter(|(l, _)| *l != Level::Strong)
            .map(|(_, s)| *s)
            .collect();
        for s in &strong {
            assert!(*s >= 70, "{}: strong sample scored {s}: {scored:?}", q.id);
        }
        if let (Some(min_strong), Some(max_weaker)) = (strong.iter().min(), weaker.iter().max()) {
            assert!(min_strong > max_weaker, "{}: {scored:?}", q.id);
        }
    }
}
