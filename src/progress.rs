//! What the history says: per-question statistics and attempt-to-attempt comparisons.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::attempt::AttemptKind;
use crate::bank::Bank;
use crate::history::Record;

/// Scores at or above this count as ready.
pub const READY_SCORE: u8 = 75;
/// How recent a ready answer must be.
pub const READY_DAYS: u64 = 14;
use crate::history::DAY;

/// One question's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionStats {
    pub question: String,
    /// First tries only.
    pub attempts: usize,
    /// Every scored answer: first tries, retries and follow-ups.
    pub all_attempts: usize,
    pub best: u8,
    pub last: u8,
    /// Mean of first tries.
    pub average: f64,
    /// Last first try minus the one before, when there are two.
    pub trend: Option<i16>,
}

/// A rubric point and how often answers missed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missed {
    pub question: String,
    pub rubric: String,
    pub point: String,
    pub count: usize,
}

/// How many of the bank's questions have a recent strong answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    pub ready: usize,
    pub total: usize,
    pub days: u64,
    pub score: u8,
}

/// Everything `earn-trust stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub data_dir: String,
    pub questions: Vec<QuestionStats>,
    pub never_practised: Vec<String>,
    pub most_missed: Vec<Missed>,
    /// Every score, oldest first.
    pub timeline: Vec<u8>,
    pub readiness: Readiness,
}

/// Statistics of `records` (oldest first, all of this bank) against `bank`, as of `now`.
pub fn compute_stats(bank: &Bank, records: &[&Record], now: SystemTime, data_dir: &str) -> Stats {
    let mut by_question: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for &record in records {
        by_question
            .entry(&record.question)
            .or_default()
            .push(record);
    }
    let questions = by_question
        .iter()
        .map(|(id, list)| {
            let firsts: Vec<u8> = list
                .iter()
                .filter(|r| r.kind == AttemptKind::First)
                .map(|r| r.score)
                .collect();
            QuestionStats {
                question: (*id).to_string(),
                attempts: firsts.len(),
                all_attempts: list.len(),
                best: list.iter().map(|r| r.score).max().unwrap_or(0),
                last: list.last().map_or(0, |r| r.score),
                average: if firsts.is_empty() {
                    0.0
                } else {
                    (firsts.iter().map(|&s| f64::from(s)).sum::<f64>() / firsts.len() as f64 * 10.0)
                        .round()
                        / 10.0
                },
                trend: match firsts.as_slice() {
                    [.., before, last] => Some(i16::from(*last) - i16::from(*before)),
                    _ => None,
                },
            }
        })
        .collect();
    let never_practised = bank
        .questions
        .iter()
        .filter(|q| !by_question.contains_key(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect();

    let mut missed: HashMap<(&str, &str), usize> = HashMap::new();
    for record in records {
        for rubric in &record.missed {
            *missed.entry((&record.question, rubric)).or_default() += 1;
        }
    }
    let mut most_missed: Vec<Missed> = missed
        .into_iter()
        .map(|((question, rubric), count)| Missed {
            question: question.to_string(),
            rubric: rubric.to_string(),
            point: bank
                .question(question)
                .and_then(|q| q.rubric.iter().find(|p| p.id == rubric))
                .map_or_else(String::new, |p| p.point.clone()),
            count,
        })
        .collect();
    most_missed.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| (&a.question, &a.rubric).cmp(&(&b.question, &b.rubric)))
    });
    most_missed.truncate(5);

    let since = now
        .checked_sub(Duration::from_secs(READY_DAYS * DAY))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let ready = bank
        .questions
        .iter()
        .filter(|q| {
            by_question.get(q.id.as_str()).is_some_and(|list| {
                list.iter()
                    .any(|r| r.score >= READY_SCORE && r.time().is_some_and(|t| t >= since))
            })
        })
        .count();
    Stats {
        data_dir: data_dir.to_string(),
        questions,
        never_practised,
        most_missed,
        timeline: records.iter().map(|r| r.score).collect(),
        readiness: Readiness {
            ready,
            total: bank.questions.len(),
            days: READY_DAYS,
            score: READY_SCORE,
        },
    }
}

/// A one-line chart of scores: `▁▃▅█`.
pub fn sparkline(scores: &[u8]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|&s| BARS[(usize::from(s.min(100)) * (BARS.len() - 1) + 50) / 100])
        .collect()
}

/// One attempt compared with the one before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison<'a> {
    pub record: &'a Record,
    /// Score change from the previous attempt.
    pub change: Option<i16>,
    /// Rubric points hit now but not before, and hit before but not now.
    pub newly_hit: Vec<String>,
    pub lost: Vec<String>,
}

/// Each attempt (oldest first) compared with the one before it.
pub fn compare_attempts<'a>(records: &[&'a Record]) -> Vec<Comparison<'a>> {
    records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let before = i.checked_sub(1).map(|j| records[j]);
            Comparison {
                record,
                change: before.map(|b| i16::from(record.score) - i16::from(b.score)),
                newly_hit: before.map_or_else(Vec::new, |b| {
                    record
                        .hit
                        .iter()
                        .filter(|h| !b.hit.contains(h))
                        .cloned()
                        .collect()
                }),
                lost: before.map_or_else(Vec::new, |b| {
                    b.hit
                        .iter()
                        .filter(|h| !record.hit.contains(h))
                        .cloned()
                        .collect()
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::AnswerMode;
    use crate::bank::{BankSource, load_bank};
    use crate::scoring::Grade;

    fn record(question: &str, day: u64, score: u8, kind: AttemptKind, hit: &[&str]) -> Record {
        Record {
            schema: 1,
            at: humantime::format_rfc3339_seconds(
                SystemTime::UNIX_EPOCH + Duration::from_secs(day * DAY + 3600),
            )
            .to_string(),
            bank: "embedded".into(),
            question: question.into(),
            kind,
            score,
            grade: Grade::from_score(score),
            hit: hit.iter().map(|s| s.to_string()).collect(),
            missed: vec!["lesson".into()],
            words: 200,
            seconds: Some(120),
            mode: AnswerMode::Free,
            answer: None,
            rules_score: None,
            judge_model: None,
            follow_up: None,
        }
    }

    const TODAY: u64 = 20_000;

    #[test]
    fn records_of_another_bank_are_left_out() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let mut other = record("harsh-truth", TODAY, 90, AttemptKind::First, &[]);
        other.bank = "mine.yaml".into();
        let unknown = record("not-in-this-bank", TODAY, 90, AttemptKind::First, &[]);
        let ours = record("harsh-truth", TODAY, 90, AttemptKind::First, &[]);
        let all = vec![other, unknown, ours.clone()];
        assert_eq!(
            crate::history::records_for(&all, &bank, "embedded"),
            vec![&ours]
        );
    }

    #[test]
    fn stats_count_first_tries_and_find_trend_and_readiness() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let records = [
            record("harsh-truth", TODAY - 30, 40, AttemptKind::First, &[]),
            record("harsh-truth", TODAY - 30, 70, AttemptKind::Retry, &[]),
            record("harsh-truth", TODAY - 2, 80, AttemptKind::First, &[]),
            record("missed-commitment", TODAY - 20, 90, AttemptKind::First, &[]),
        ];
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(TODAY * DAY);
        let records: Vec<&Record> = records.iter().collect();
        let stats = compute_stats(&bank, &records, now, "/data");
        let harsh = stats
            .questions
            .iter()
            .find(|q| q.question == "harsh-truth")
            .unwrap();
        assert_eq!(
            (harsh.attempts, harsh.best, harsh.last, harsh.trend),
            (2, 80, 80, Some(40))
        );
        assert_eq!(harsh.average, 60.0);
        assert_eq!(stats.readiness.ready, 1, "only the recent 80 counts");
        assert_eq!(stats.never_practised.len(), bank.questions.len() - 2);
        assert_eq!(stats.timeline, vec![40, 70, 80, 90]);
        assert_eq!(stats.most_missed[0].count, 3);
    }

    #[test]
    fn sparklines_rise_with_scores() {
        assert_eq!(sparkline(&[0, 50, 100]), "▁▅█");
    }

    #[test]
    fn comparisons_show_change_and_rubric_points_won_and_lost() {
        let a = record("q", 1, 50, AttemptKind::First, &["x", "y"]);
        let b = record("q", 1, 65, AttemptKind::Retry, &["y", "z"]);
        let compared = compare_attempts(&[&a, &b]);
        assert_eq!(compared[0].change, None);
        assert_eq!(compared[1].change, Some(15));
        assert_eq!(compared[1].newly_hit, vec!["z".to_string()]);
        assert_eq!(compared[1].lost, vec!["x".to_string()]);
    }
}
