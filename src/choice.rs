//! Which questions a drill asks, in what order: at random without repeats, or by need
//! (never answered, then weak or falling, then due for review on an SM-2 schedule).

use std::time::SystemTime;

use rand::Rng;
use rand::seq::SliceRandom;

use crate::Result;
use crate::bank::{Bank, Question};
use crate::history::DAY;
use crate::history::Review;

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// How many questions.
    pub count: usize,
    /// Only this question.
    pub question: Option<String>,
    /// Only questions with this tag.
    pub tag: Option<String>,
}

/// The questions chosen, and a note for the user when fewer than asked were available.
#[derive(Debug)]
pub struct Chosen<'a> {
    pub questions: Vec<&'a Question>,
    pub note: Option<String>,
}

/// The questions `selection` allows, in the order given by `order` (which receives the
/// candidates and may sort or shuffle them), clamped to the count.
pub fn choose_questions<'a>(
    bank: &'a Bank,
    selection: &Selection,
    order: impl FnOnce(&mut Vec<&'a Question>),
) -> Result<Chosen<'a>> {
    if let Some(id) = &selection.question {
        return Ok(Chosen {
            questions: vec![bank.require_question(id)?],
            note: None,
        });
    }
    let mut candidates: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| {
            selection
                .tag
                .as_ref()
                .is_none_or(|tag| q.tags.iter().any(|t| t == tag))
        })
        .collect();
    if candidates.is_empty() {
        return Err(bank
            .unknown_tag(selection.tag.as_deref().unwrap_or_default())
            .into());
    }
    let count = selection.count.max(1);
    let note = (count > candidates.len()).then(|| {
        format!(
            "note: only {} available; drilling {} instead of {count}",
            crate::english::plural(candidates.len(), "question"),
            candidates.len()
        )
    });
    order(&mut candidates);
    candidates.truncate(count);
    Ok(Chosen {
        questions: candidates,
        note,
    })
}

/// Pure random order.
pub fn shuffle<'a>(rng: &mut impl Rng) -> impl FnOnce(&mut Vec<&'a Question>) {
    move |candidates| candidates.shuffle(rng)
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
    // Intervals grow by the ease factor each time: past a lifetime they only overflow.
    const LONGEST_INTERVAL_DAYS: f64 = 36_500.0;
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
                _ => (interval * ease).round().min(LONGEST_INTERVAL_DAYS),
            };
            repetitions = repetitions.saturating_add(1);
        }
        ease = (ease + 0.1 - (5.0 - grade) * (0.08 + (5.0 - grade) * 0.02)).max(1.3);
        last_day = Some(day);
    }
    last_day.map(|day| day.saturating_add(interval as u64))
}

/// How much `question` needs practice on `today` (days since 1970, UTC), judged by its
/// first tries: a rewrite in the same session is practice, not a review.
pub fn need_of(question: &str, reviews: &[Review], today: u64) -> Need {
    let days: Vec<(u64, u8)> = reviews
        .iter()
        .filter(|r| r.question == question)
        .map(|r| (r.day, r.score))
        .collect();
    need_from(&days, today)
}

/// The need of a question whose first tries are `reviews` (day, score), oldest first.
fn need_from(reviews: &[(u64, u8)], today: u64) -> Need {
    match reviews {
        [] => Need::NeverAnswered,
        [.., (_, before), (_, last)] if *last < 60 || last < before => Need::WeakOrFalling,
        [(_, last)] if *last < 60 => Need::WeakOrFalling,
        _ if next_due_day(reviews).is_some_and(|due| due <= today) => Need::Due,
        _ => Need::NotDue,
    }
}

/// Orders candidates by need, at random among equals: the same seed, history and day give
/// the same order.
pub fn by_need<'a, 'r>(
    reviews: &'r [Review],
    today: u64,
    rng: &'r mut impl Rng,
) -> impl FnOnce(&mut Vec<&'a Question>) + 'r {
    move |candidates| {
        let mut by_question: std::collections::HashMap<&str, Vec<(u64, u8)>> =
            std::collections::HashMap::new();
        for review in reviews {
            by_question
                .entry(&review.question)
                .or_default()
                .push((review.day, review.score));
        }
        candidates.shuffle(rng);
        candidates.sort_by_cached_key(|q| {
            need_from(
                by_question.get(q.id.as_str()).map_or(&[], Vec::as_slice),
                today,
            )
        });
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
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn bank() -> Bank {
        crate::bank::load_bank(&crate::bank::BankSource::Embedded).unwrap()
    }

    const TODAY: u64 = 20_000;

    fn review(question: &str, day: u64, score: u8) -> Review {
        Review {
            question: question.into(),
            day,
            score,
        }
    }

    fn ids(chosen: &Chosen) -> Vec<String> {
        chosen.questions.iter().map(|q| q.id.clone()).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_questions_without_repeats() {
        let bank = bank();
        let selection = Selection {
            count: 5,
            ..Selection::default()
        };
        let first =
            choose_questions(&bank, &selection, shuffle(&mut StdRng::seed_from_u64(7))).unwrap();
        let again =
            choose_questions(&bank, &selection, shuffle(&mut StdRng::seed_from_u64(7))).unwrap();
        let other =
            choose_questions(&bank, &selection, shuffle(&mut StdRng::seed_from_u64(8))).unwrap();
        assert_eq!(ids(&first), ids(&again));
        assert_ne!(ids(&first), ids(&other));
        let mut unique = ids(&first);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 5);
    }

    #[test]
    fn a_tag_filters_and_a_large_count_is_clamped_with_a_note() {
        let bank = bank();
        let selection = Selection {
            count: 99,
            tag: Some("failure".into()),
            ..Selection::default()
        };
        let chosen =
            choose_questions(&bank, &selection, shuffle(&mut StdRng::seed_from_u64(1))).unwrap();
        let tagged = bank
            .questions
            .iter()
            .filter(|q| q.is_about_failure())
            .count();
        assert_eq!(chosen.questions.len(), tagged);
        assert!(chosen.questions.iter().all(|q| q.is_about_failure()));
        assert!(chosen.note.unwrap().contains("only"));
        let none = Selection {
            count: 1,
            tag: Some("no-such-tag".into()),
            ..Selection::default()
        };
        let err = choose_questions(&bank, &none, |_| {}).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn a_named_question_is_the_only_one() {
        let bank = bank();
        let selection = Selection {
            count: 3,
            question: Some("harsh-truth".into()),
            ..Selection::default()
        };
        let chosen = choose_questions(&bank, &selection, |_| {}).unwrap();
        assert_eq!(ids(&chosen), vec!["harsh-truth".to_string()]);
        let unknown = Selection {
            count: 1,
            question: Some("nope".into()),
            ..Selection::default()
        };
        assert!(choose_questions(&bank, &unknown, |_| {}).is_err());
    }

    #[test]
    fn sm2_saturates_after_a_long_run_of_high_scores() {
        let reviews: Vec<(u64, u8)> = (0..500).map(|i| (TODAY + i, 100)).collect();
        let due = next_due_day(&reviews).unwrap();
        assert!(due > TODAY + 499 && due <= TODAY + 499 + 36_500, "{due}");
        assert_eq!(next_due_day(&[(u64::MAX - 1, 100)]), Some(u64::MAX));
        let reviews: Vec<Review> = (0..200)
            .map(|i| review("q", TODAY - 200 + i, 100))
            .collect();
        assert_eq!(need_of("q", &reviews, TODAY), Need::NotDue);
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
            review("weak", TODAY - 1, 45),
            review("falling", TODAY - 3, 85),
            review("falling", TODAY - 1, 70),
            review("due", TODAY - 10, 90),
            review("fresh", TODAY - 30, 90),
            review("fresh", TODAY - 29, 90),
            review("fresh", TODAY - 1, 95),
        ];
        assert_eq!(need_of("never", &records, TODAY), Need::NeverAnswered);
        assert_eq!(need_of("weak", &records, TODAY), Need::WeakOrFalling);
        assert_eq!(need_of("falling", &records, TODAY), Need::WeakOrFalling);
        assert_eq!(need_of("due", &records, TODAY), Need::Due);
        assert_eq!(need_of("fresh", &records, TODAY), Need::NotDue);
    }

    #[test]
    fn ordering_by_need_is_reproducible_and_keeps_tiers() {
        let bank = crate::bank::load_bank(&crate::bank::BankSource::Embedded).unwrap();
        let records: Vec<Review> = bank
            .questions
            .iter()
            .skip(1)
            .map(|q| review(&q.id, TODAY - 1, 95))
            .collect();
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
