//! How far scores agree with people's labels: rank correlation, pair accuracy, means per
//! label and per kind, and the answers where the two disagree most. Pure: scores in,
//! figures out; `earn-trust eval` does the scoring and the printing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::bank::LabelledAnswer;

/// One labelled answer and the score it got.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub kind: Option<&'a str>,
    pub label: u8,
    pub score: u8,
    pub words: usize,
}

impl<'a> Scored<'a> {
    /// `answer` with the score it got.
    pub fn new(answer: &'a LabelledAnswer, score: u8) -> Self {
        Scored {
            id: &answer.id,
            question: &answer.question,
            kind: answer.kind.as_deref(),
            label: answer.label,
            score,
            words: answer.answer.split_whitespace().count(),
        }
    }
}

/// A group's size and mean score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mean {
    pub n: usize,
    pub mean: f64,
}

/// An answer whose score falls outside the band its label stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub id: String,
    pub question: String,
    pub kind: Option<String>,
    pub label: u8,
    pub score: u8,
    /// Points between the score and the nearest edge of the label's band.
    pub off_by: u8,
}

/// The agreement of scores with labels over a set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub n: usize,
    /// Spearman's rank correlation of label and score.
    pub spearman: f64,
    /// The same for plain word count, the baseline a scorer must beat.
    pub word_count_spearman: f64,
    /// Share of pairs whose labels differ by 2 or more that the scores order the same way
    /// (a tie counts half), and how many such pairs there are.
    pub pair_accuracy: f64,
    pub pairs: usize,
    pub by_label: BTreeMap<u8, Mean>,
    pub by_kind: BTreeMap<String, Mean>,
    /// The worst disagreements, worst first.
    pub worst: Vec<Disagreement>,
}

/// The score band a label stands for: 1 → 0–39, 2 → 40–59, 3 → 60–74, 4 → 75–89, 5 → 90–100.
pub fn label_band(label: u8) -> (u8, u8) {
    use crate::scoring::policy::band::{DEVELOPING, OUTSTANDING, SOLID, STRONG};
    match label {
        0 | 1 => (0, DEVELOPING - 1),
        2 => (DEVELOPING, SOLID - 1),
        3 => (SOLID, STRONG - 1),
        4 => (STRONG, OUTSTANDING - 1),
        _ => (OUTSTANDING, 100),
    }
}

/// How far scores agree with labels; `worst` disagreements are listed.
pub fn agreement(scored: &[Scored], worst: usize) -> Agreement {
    let labels: Vec<f64> = scored.iter().map(|s| f64::from(s.label)).collect();
    let scores: Vec<f64> = scored.iter().map(|s| f64::from(s.score)).collect();
    let words: Vec<f64> = scored.iter().map(|s| s.words as f64).collect();
    let (pair_accuracy, pairs) = pair_accuracy(scored);
    let mut disagreements: Vec<Disagreement> = scored
        .iter()
        .filter_map(|s| {
            let (low, high) = label_band(s.label);
            let off_by = low
                .saturating_sub(s.score)
                .max(s.score.saturating_sub(high));
            (off_by > 0).then(|| Disagreement {
                id: s.id.to_string(),
                question: s.question.to_string(),
                kind: s.kind.map(str::to_string),
                label: s.label,
                score: s.score,
                off_by,
            })
        })
        .collect();
    disagreements.sort_by(|a, b| b.off_by.cmp(&a.off_by).then_with(|| a.id.cmp(&b.id)));
    disagreements.truncate(worst);
    Agreement {
        n: scored.len(),
        spearman: spearman(&labels, &scores),
        word_count_spearman: spearman(&labels, &words),
        pair_accuracy,
        pairs,
        by_label: means(scored.iter().map(|s| (s.label, s.score))),
        by_kind: means(
            scored
                .iter()
                .map(|s| (s.kind.unwrap_or("(none)").to_string(), s.score)),
        ),
        worst: disagreements,
    }
}

fn means<K: Ord>(items: impl Iterator<Item = (K, u8)>) -> BTreeMap<K, Mean> {
    let mut sums: BTreeMap<K, (usize, f64)> = BTreeMap::new();
    for (key, score) in items {
        let entry = sums.entry(key).or_default();
        entry.0 += 1;
        entry.1 += f64::from(score);
    }
    sums.into_iter()
        .map(|(key, (n, sum))| {
            (
                key,
                Mean {
                    n,
                    mean: sum / n as f64,
                },
            )
        })
        .collect()
}

fn pair_accuracy(scored: &[Scored]) -> (f64, usize) {
    let mut pairs = 0usize;
    let mut agreed = 0.0;
    for (i, a) in scored.iter().enumerate() {
        for b in &scored[i + 1..] {
            if a.label.abs_diff(b.label) < 2 {
                continue;
            }
            pairs += 1;
            let (better, worse) = if a.label > b.label { (a, b) } else { (b, a) };
            agreed += match better.score.cmp(&worse.score) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Equal => 0.5,
                std::cmp::Ordering::Less => 0.0,
            };
        }
    }
    let accuracy = if pairs == 0 {
        0.0
    } else {
        agreed / pairs as f64
    };
    (accuracy, pairs)
}

/// Ranks with ties averaged (1-based).
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

/// Spearman's rank correlation: Pearson's on ranks, ties averaged; 0 when either side
/// does not vary.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(id: &'static str, label: u8, score: u8) -> Scored<'static> {
        Scored {
            id,
            question: "q",
            kind: Some(if label >= 4 { "strong" } else { "weak" }),
            label,
            score,
            words: 100 + usize::from(score),
        }
    }

    #[test]
    fn spearman_is_1_for_the_same_order_and_minus_1_for_the_reverse() {
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-9);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-9);
        assert_eq!(spearman(&[1.0, 1.0], &[2.0, 3.0]), 0.0);
        assert_eq!(ranks(&[5.0, 1.0, 5.0]), vec![2.5, 1.0, 2.5]);
    }

    #[test]
    fn pairs_far_apart_in_label_are_counted_and_misorders_found() {
        let set = [
            scored("a", 5, 90),
            scored("b", 1, 20),
            scored("c", 3, 95),
            scored("d", 1, 95),
        ];
        let agreement = agreement(&set, 2);
        // Pairs 2 or more apart: a-b, a-c, a-d, b-c, c-d.
        assert_eq!(agreement.pairs, 5);
        // a>b yes, a>c no, a>d no, c>b yes, c=d half.
        assert!((agreement.pair_accuracy - 2.5 / 5.0).abs() < 1e-9);
        assert_eq!(agreement.worst[0].id, "d");
        assert_eq!(agreement.worst[0].off_by, 56);
        assert_eq!(agreement.worst.len(), 2);
        assert_eq!(agreement.by_label[&1].n, 2);
        assert_eq!(agreement.by_kind["weak"].mean, (20.0 + 95.0 + 95.0) / 3.0);
    }
}
