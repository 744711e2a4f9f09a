//! Which questions a drill asks, in what order: chosen at random, without repeats.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::Result;
use crate::bank::{Bank, Question};

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
        return Err(bank.unknown_tag(selection.tag.as_deref().unwrap_or_default()));
    }
    let count = selection.count.max(1);
    let note = (count > candidates.len()).then(|| {
        format!(
            "note: only {} question(s) available; drilling {} instead of {count}",
            candidates.len(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn bank() -> Bank {
        crate::bank::load_bank(&crate::bank::BankSource::Embedded).unwrap()
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
}
