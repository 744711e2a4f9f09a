//! The scorer against answers labelled 1-5 by a strict bar-raiser who had not seen it.
//! A third of the set is held out from tuning; both parts are reported and asserted.

use earn_trust::bank::{Bank, BankSource, Level, load_bank};
use earn_trust::scoring::score_answer;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Labelled {
    id: String,
    question: String,
    kind: String,
    label: u8,
    split: String,
    #[allow(dead_code)]
    why: String,
    text: String,
}

/// Kinds written to fool a scorer: they must stay under 40 whatever they hold.
const GAMING_KINDS: [&str; 3] = ["keyword-list", "repeated", "random-words"];

fn labelled() -> Vec<Labelled> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/labelled-answers.yaml"
    );
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn bank() -> Bank {
    load_bank(&BankSource::Embedded).unwrap()
}

fn score(bank: &Bank, question: &str, text: &str) -> u8 {
    let q = bank
        .question(question)
        .expect("labelled question is in the bank");
    score_answer(&bank.principle, q, text).score
}

/// Ranks with ties averaged.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = rank;
        }
        i = j + 1;
    }
    ranks
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

#[test]
fn the_labelled_set_is_big_and_varied_enough() {
    let set = labelled();
    assert!(set.len() >= 45);
    let questions: std::collections::HashSet<_> = set.iter().map(|a| &a.question).collect();
    assert!(questions.len() >= 10);
    let held_out = set.iter().filter(|a| a.split == "holdout").count();
    assert!(
        held_out * 3 >= set.len(),
        "a third is held out: {held_out} of {}",
        set.len()
    );
}

/// Spearman's rho of label against score, and of label against plain word count.
fn correlations(bank: &Bank, part: &[&Labelled]) -> (f64, f64) {
    let labels: Vec<f64> = part.iter().map(|a| f64::from(a.label)).collect();
    let scores: Vec<f64> = part
        .iter()
        .map(|a| f64::from(score(bank, &a.question, &a.text)))
        .collect();
    let lengths: Vec<f64> = part
        .iter()
        .map(|a| a.text.split_whitespace().count() as f64)
        .collect();
    (spearman(&labels, &scores), spearman(&labels, &lengths))
}

#[test]
fn scores_rank_answers_like_the_labels_and_beat_word_count() {
    let bank = bank();
    let set = labelled();
    let mut table = String::new();
    let mut results = Vec::new();
    for split in ["tune", "holdout", "all"] {
        let part: Vec<&Labelled> = set
            .iter()
            .filter(|a| split == "all" || a.split == split)
            .collect();
        let (rho, rho_words) = correlations(&bank, &part);
        table.push_str(&format!(
            "{split}: n={} rho={rho:.3} word-count rho={rho_words:.3}\n",
            part.len()
        ));
        results.push((split, rho, rho_words));
    }
    println!("{table}");
    for (split, rho, rho_words) in results {
        assert!(
            rho >= rho_words + 0.3,
            "{split}: not 0.3 above word count\n{table}"
        );
        // The held-out part is the honest estimate for unseen answers: it has to beat word
        // count by the same margin, and must not fall below 0.7 (0.75 when it was written).
        let floor = if split == "holdout" { 0.7 } else { 0.8 };
        assert!(rho >= floor, "{split}: Spearman below {floor}\n{table}");
    }
}

#[test]
fn every_label_5_answer_scores_at_least_70() {
    let bank = bank();
    for a in labelled().iter().filter(|a| a.label == 5) {
        let s = score(&bank, &a.question, &a.text);
        assert!(s >= 70, "{} ({}) scored {s}", a.id, a.kind);
    }
}

#[test]
fn every_gaming_answer_scores_below_40() {
    let bank = bank();
    for a in labelled()
        .iter()
        .filter(|a| GAMING_KINDS.contains(&a.kind.as_str()))
    {
        let s = score(&bank, &a.question, &a.text);
        assert!(s < 40, "{} ({}) scored {s}", a.id, a.kind);
    }
}

#[test]
fn strong_bank_samples_pass_and_beat_weaker_ones() {
    let bank = bank();
    for q in &bank.questions {
        let scored: Vec<(Level, u8)> = q
            .sample_answers
            .iter()
            .map(|s| {
                (
                    s.level.clone(),
                    score_answer(&bank.principle, q, &s.text).score,
                )
            })
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
