//! The end-of-session summary: scores, time, weakest points, and one habit to work on.

use std::collections::BTreeMap;

use crate::attempt::Attempt;
use crate::output::{Theme, minutes, wrap};
use crate::scoring::policy::{self, length};
use crate::scoring::{RedFlagKind, Report};

/// Whether an answer needs a habit.
type Needs = fn(&Report) -> bool;

/// Habits, most important first, each with the test that says an answer needs it.
const HABITS: [(&str, Needs); 8] = [
    (
        "Own your part before anything else: no blame, no spin.",
        |r| {
            r.signals.red_flags.iter().any(|f| {
                matches!(
                    f.kind,
                    RedFlagKind::Blame | RedFlagKind::Spin | RedFlagKind::Misleading
                )
            })
        },
    ),
    ("Tell one real past event, not what you would do.", |r| {
        r.signals.hypothetical
    }),
    (
        "Give the whole story: 1.5 to 3 minutes, with the detail a bar-raiser needs.",
        |r| r.signals.word_count < length::SHORT_WORDS,
    ),
    (
        "Say \"I\": tell what you did, not what the team did.",
        |r| r.signals.we_count > r.signals.i_count,
    ),
    (
        "End with a number: what changed, and how you measured it.",
        |r| r.signals.metrics.is_empty(),
    ),
    (
        "Close with the lesson and what you now do differently.",
        |r| !r.signals.lesson.found,
    ),
    (
        "Spend most of your words on what you did and what came of it.",
        |r| r.signals.action_result_share < policy::ACTION_RESULT_ADVICE_BELOW,
    ),
    (
        "Swap stock phrases for names, quoted words and numbers.",
        |r| !r.signals.vague_claims.is_empty(),
    ),
];

/// When no answer lacks any of the habits above.
const KEEP_GOING: &str =
    "Rehearse the follow-ups out loud: the bar-raiser digs in after the first answer.";

/// The habit most answers of the session need (earlier habits win ties).
pub fn habit_to_work_on(reports: &[&Report]) -> &'static str {
    HABITS
        .iter()
        .map(|(habit, needs)| (*habit, reports.iter().filter(|r| needs(r)).count()))
        .filter(|(_, count)| *count > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(std::cmp::Ordering::Greater))
        .map_or(KEEP_GOING, |(habit, _)| habit)
}

/// Rubric points missed in the final answer to each question, most often missed first.
pub fn weakest_points(reports: &[&Report]) -> Vec<(String, usize)> {
    let mut missed: BTreeMap<String, usize> = BTreeMap::new();
    for report in reports {
        for point in report.rubric.iter().filter(|p| !p.hit) {
            *missed.entry(point.point.clone()).or_default() += 1;
        }
    }
    let mut missed: Vec<(String, usize)> = missed.into_iter().collect();
    missed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    missed.truncate(3);
    missed
}

/// The summary of a session: `attempts` in the order they were made.
pub fn render_summary(attempts: &[(String, Attempt)], theme: Theme, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&theme.heading("Session summary"));
    out.push('\n');
    if attempts.is_empty() {
        out.push_str("  No answers this time.\n");
        return out;
    }
    let mut order: Vec<&str> = Vec::new();
    for (question, _) in attempts {
        if !order.contains(&question.as_str()) {
            order.push(question);
        }
    }
    let id_width = order.iter().map(|q| q.len()).max().unwrap_or(0);
    let mut finals: Vec<&Report> = Vec::new();
    for question in &order {
        let tries: Vec<&Attempt> = attempts
            .iter()
            .filter(|(q, _)| q == question)
            .map(|(_, a)| a)
            .collect();
        let first = &tries[0].report;
        let last = &tries[tries.len() - 1].report;
        let best = tries.iter().map(|a| a.report.score).max().unwrap_or(0);
        // Every typed or edited answer was timed, however short: show it whenever known.
        let timed: Vec<u64> = tries.iter().filter_map(|a| a.seconds).collect();
        let mut line = format!(
            "  {}  first {:>3} ({})",
            theme.id(&format!("{question:<id_width$}")),
            first.score,
            first.grade
        );
        if tries.len() > 1 {
            line.push_str(&format!(", best {best:>3}, {} tries", tries.len()));
        }
        if !timed.is_empty() {
            let seconds: u64 = timed.iter().sum();
            line.push_str(&format!(", {}", minutes(seconds as usize)));
        }
        out.push_str(&wrap(line.trim_start(), width, "  "));
        out.push('\n');
        finals.push(last);
    }
    if attempts.iter().any(|(_, a)| a.seconds.is_some()) {
        let total: u64 = attempts.iter().filter_map(|(_, a)| a.seconds).sum();
        out.push_str(&format!("  Time answering: {}\n", minutes(total as usize)));
    }
    let weakest = weakest_points(&finals);
    if !weakest.is_empty() {
        out.push_str("  Weakest points:\n");
        for (point, count) in weakest {
            let line = wrap(&format!("{point} (missed in {count})"), width, "      ");
            out.push_str(&format!("    - {}\n", line.trim_start()));
        }
    }
    let habit = format!("Habit to work on next: {}", habit_to_work_on(&finals));
    out.push_str(&wrap(&habit, width, "  "));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::{AnswerMode, AttemptKind};
    use crate::bank::{BankSource, load_bank};
    use crate::scoring::score_answer;

    #[test]
    fn the_summary_names_scores_weak_points_and_a_habit() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let question = bank.question("harsh-truth").unwrap();
        let attempt = |text: &str, kind| Attempt {
            kind,
            mode: AnswerMode::Free,
            answer: text.to_string(),
            seconds: Some(75),
            report: score_answer(&bank, question, text),
            follow_up: None,
        };
        let we = "We told the team the launch was late and we fixed it together. We were honest.";
        let attempts = vec![
            ("harsh-truth".to_string(), attempt(we, AttemptKind::First)),
            ("harsh-truth".to_string(), attempt(we, AttemptKind::Retry)),
        ];
        let text = render_summary(&attempts, Theme::new(false), 100);
        assert!(text.contains("harsh-truth"));
        assert!(text.contains("2 tries"));
        assert!(text.contains("Time answering: 2:30"));
        assert!(text.contains("Weakest points"));
        assert!(
            text.contains("Habit to work on next: Give the whole story"),
            "{text}"
        );
    }
}
