//! The next question a bar-raiser would ask: first what the answer lacked, then the bank's.

use crate::bank::{Principle, Question};
use crate::scoring::{Report, owned_up};

/// A follow-up to ask after `report`, avoiding those in `asked`.
pub fn choose_follow_up(
    principle: &Principle,
    question: &Question,
    report: &Report,
    asked: &[String],
) -> String {
    let s = &report.signals;
    let self_critical = owned_up(principle, report);
    let gaps = [
        (
            s.metrics.is_empty() || !report.star.result.found,
            "What changed because of what you did? How did you measure it?",
        ),
        (
            s.we_count > s.i_count,
            "You said \"we\" a lot. What did you yourself do?",
        ),
        (
            !self_critical || !s.lesson.found,
            "What would you do differently if it happened again?",
        ),
    ];
    gaps.iter()
        .filter(|(lacking, _)| *lacking)
        .map(|(_, text)| text.to_string())
        .chain(question.follow_ups.iter().cloned())
        .find(|f| !asked.contains(f))
        .or_else(|| question.follow_ups.first().cloned())
        .unwrap_or_else(|| "What would you do differently if it happened again?".to_string())
}

/// The original answer with the follow-up reply added as a paragraph, to be scored as a
/// whole (the question itself is not part of what the candidate said).
pub fn append_follow_up(answer: &str, reply: &str) -> String {
    format!("{}\n\n{}", answer.trim_end(), reply.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankSource, load_bank};
    use crate::scoring::score_answer;

    #[test]
    fn a_missing_result_is_asked_about_first_then_the_banks_own() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let question = bank.question("harsh-truth").unwrap();
        let report = score_answer(
            &bank,
            question,
            "We told the team the plan was late. We fixed it together.",
        );
        let first = choose_follow_up(&bank.principle, question, &report, &[]);
        assert!(first.contains("measure"), "{first}");
        let second = choose_follow_up(
            &bank.principle,
            question,
            &report,
            std::slice::from_ref(&first),
        );
        assert!(second.contains("yourself"), "{second}");
        let third = choose_follow_up(
            &bank.principle,
            question,
            &report,
            &[first.clone(), second.clone()],
        );
        let fourth = choose_follow_up(
            &bank.principle,
            question,
            &report,
            &[first, second, third.clone()],
        );
        assert!(question.follow_ups.contains(&fourth), "{fourth}");
    }

    #[test]
    fn the_follow_up_answer_is_appended() {
        let whole = append_follow_up("I told her.\n", " Churn fell 5%. ");
        assert!(whole.starts_with("I told her.\n\n"));
        assert!(whole.ends_with("Churn fell 5%."));
    }
}
