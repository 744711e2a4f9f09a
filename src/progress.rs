//! What the history says: per-question statistics, attempt-to-attempt comparisons, and
//! which questions need practice next (never answered, then weak or falling, then due for
//! review on an SM-2 schedule).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use rand::Rng;
use rand::seq::SliceRandom;
use serde::Serialize;

use crate::attempt::AttemptKind;
use crate::bank::{Bank, Question};
use crate::history::Record;

/// Scores at or above this count as ready.
pub const READY_SCORE: u8 = 75;
/// How recent a ready answer must be.
pub const READY_DAYS: u64 = 14;
const DAY: u64 = 86_400;

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

/// The records that belong to `bank` (by its label, and to a question it has).
pub fn records_for<'a>(records: &'a [Record], bank: &Bank, label: &str) -> Vec<&'a Record> {
    records
        .iter()
        .filter(|r| r.bank == label && bank.question(&r.question).is_some())
        .collect()
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

/// How much a question needs practice; lower comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    NeverAnswered,
    /// The last score was low (under 60) or lower than the one before.
    WeakOrFalling,
    /// Due for review on the SM-2 schedule.
    Due,
    NotDue,
}

/// The day (since 1970, UTC) a question is next due, by SM-2 over its scores: each answer
/// is a review graded 0-5 (score / 20); a grade under 3 starts the intervals again.
pub fn next_due_day(reviews: &[(u64, u8)]) -> Option<u64> {
    let mut repetitions = 0u32;
    let mut ease = 2.5f64;
    let mut interval = 0f64;
    let mut last_day = None;
    for &(day, score) in reviews {
        let grade = (f64::from(score) / 20.0).round().clamp(0.0, 5.0);
        if grade < 3.0 {
            repetitions = 0;
            interval = 1.0;
        } else {
            interval = match repetitions {
                0 => 1.0,
                1 => 6.0,
                _ => (interval * ease).round(),
            };
            repetitions += 1;
        }
        ease = (ease + 0.1 - (5.0 - grade) * (0.08 + (5.0 - grade) * 0.02)).max(1.3);
        last_day = Some(day);
    }
    last_day.map(|day| day + interval as u64)
}

/// How much `question` needs practice on `today` (days since 1970, UTC), judged by first
/// tries: a rewrite in the same session is practice, not a review.
pub fn need_of(question: &str, records: &[&Record], today: u64) -> Need {
    let reviews: Vec<(u64, u8)> = records
        .iter()
        .filter(|r| r.question == question && r.kind == AttemptKind::First)
        .filter_map(|r| {
            let day = r
                .time()?
                .duration_since(SystemTime::UNIX_EPOCH)
                .ok()?
                .as_secs()
                / DAY;
            Some((day, r.score))
        })
        .collect();
    match reviews.as_slice() {
        [] => Need::NeverAnswered,
        [.., (_, before), (_, last)] if *last < 60 || last < before => Need::WeakOrFalling,
        [(_, last)] if *last < 60 => Need::WeakOrFalling,
        _ if next_due_day(&reviews).is_some_and(|due| due <= today) => Need::Due,
        _ => Need::NotDue,
    }
}

/// Orders candidates by need, at random among equals: the same seed, history and day give
/// the same order.
pub fn by_need<'a, 'r>(
    records: &'r [&'r Record],
    today: u64,
    rng: &'r mut impl Rng,
) -> impl FnOnce(&mut Vec<&'a Question>) + 'r {
    move |candidates| {
        candidates.shuffle(rng);
        candidates.sort_by_cached_key(|q| need_of(&q.id, records, today));
    }
}

/// Days since 1970 (UTC) at `time`.
pub fn day_of(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / DAY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::AnswerMode;
    use crate::bank::{BankSource, load_bank};
    use crate::scoring::Grade;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

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
        assert_eq!(records_for(&all, &bank, "embedded"), vec![&ours]);
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

    #[test]
    fn sm2_intervals_grow_with_good_scores_and_reset_on_bad_ones() {
        assert_eq!(next_due_day(&[(100, 90)]), Some(101));
        assert_eq!(next_due_day(&[(100, 90), (101, 90)]), Some(107));
        assert!(next_due_day(&[(100, 90), (101, 90), (107, 90)]).unwrap() > 107 + 6);
        assert_eq!(next_due_day(&[(100, 90), (101, 90), (107, 30)]), Some(108));
    }

    #[test]
    fn need_puts_never_answered_first_then_weak_then_due() {
        let records = [
            record("weak", TODAY - 1, 45, AttemptKind::First, &[]),
            record("falling", TODAY - 3, 85, AttemptKind::First, &[]),
            record("falling", TODAY - 1, 70, AttemptKind::First, &[]),
            record("due", TODAY - 10, 90, AttemptKind::First, &[]),
            record("fresh", TODAY - 30, 90, AttemptKind::First, &[]),
            record("fresh", TODAY - 29, 90, AttemptKind::First, &[]),
            record("fresh", TODAY - 1, 95, AttemptKind::First, &[]),
            record("fresh", TODAY - 1, 20, AttemptKind::Retry, &[]),
        ];
        let records: Vec<&Record> = records.iter().collect();
        assert_eq!(need_of("never", &records, TODAY), Need::NeverAnswered);
        assert_eq!(need_of("weak", &records, TODAY), Need::WeakOrFalling);
        assert_eq!(need_of("falling", &records, TODAY), Need::WeakOrFalling);
        assert_eq!(need_of("due", &records, TODAY), Need::Due);
        assert_eq!(need_of("fresh", &records, TODAY), Need::NotDue);
    }

    #[test]
    fn ordering_by_need_is_reproducible_and_keeps_tiers() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let records: Vec<Record> = bank
            .questions
            .iter()
            .skip(1)
            .map(|q| record(&q.id, TODAY - 1, 95, AttemptKind::First, &[]))
            .collect();
        let records: Vec<&Record> = records.iter().collect();
        let order = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut list: Vec<&Question> = bank.questions.iter().collect();
            by_need(&records, TODAY, &mut rng)(&mut list);
            list.iter().map(|q| q.id.clone()).collect::<Vec<_>>()
        };
        let first = order(3);
        assert_eq!(
            first[0], bank.questions[0].id,
            "the never-answered question comes first"
        );
        assert_eq!(first, order(3));
        assert_ne!(first, order(4), "random among equals");
    }
}
