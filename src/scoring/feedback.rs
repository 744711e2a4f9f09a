//! The few most useful next steps, each tied to what the answer did or did not do.

use super::policy::{self, length};
use super::{Grade, RedFlagKind, Report, gaming};
use crate::bank::Question;
use crate::english::plural;

/// How many next steps a report gives.
const MAX_STEPS: usize = 4;

/// Next steps for a scored answer, most important first.
pub fn next_steps(
    report: &Report,
    question: &Question,
    gaming_kind: Option<RedFlagKind>,
    words: usize,
) -> Vec<String> {
    let s = &report.signals;
    let mut steps: Vec<String> = Vec::new();

    if let Some(kind) = gaming_kind {
        steps.push(gaming::advice(kind).to_string());
    }
    for flag in &s.red_flags {
        let question_flag = flag
            .id
            .as_deref()
            .and_then(|id| question.red_flags.iter().find(|f| f.id == id));
        let own_advice;
        let advice = match flag.kind {
            RedFlagKind::Question => {
                let Some(question_flag) = question_flag else {
                    continue;
                };
                own_advice = format!(
                    "reads as what sinks this answer: {} If that is not what happened, say what did; if it is, choose another story.",
                    question_flag.flag.trim()
                );
                own_advice.as_str()
            }
            RedFlagKind::Blame => {
                "sounds like blame. Own your part first; bar-raisers mark finger-pointing down hard."
            }
            RedFlagKind::Spin => {
                "sounds like hiding or softening a mistake. Say plainly what went wrong and who you told."
            }
            RedFlagKind::Misleading => {
                "sounds like misleading someone. Earn Trust answers show candour, even when it costs you."
            }
            RedFlagKind::TakingCredit => {
                "sounds like taking credit for others' work. Name who did what, and share the credit."
            }
            RedFlagKind::Disrespect => {
                "sounds disrespectful. Describe people by what they did, not by labels."
            }
            // Said once, below, or by the gaming advice above.
            RedFlagKind::Hypothetical
            | RedFlagKind::OffQuestion
            | RedFlagKind::KeywordList
            | RedFlagKind::RepeatedText
            | RedFlagKind::RandomWords
            | RedFlagKind::EmptyHeadings => continue,
        };
        steps.push(format!(
            "\"{}\" {advice}",
            flag.evidence.trim_end_matches('.')
        ));
    }
    if s.hypothetical {
        steps.push(
            "You described what you would do, not what you did. Pick one real time and tell it in the past tense."
                .to_string(),
        );
    }
    if s.red_flags
        .iter()
        .any(|f| f.kind == RedFlagKind::OffQuestion)
    {
        steps.push(match &report.premise {
            Some(premise) if !premise.found => format!(
                "Your story never shows what this question is about. It must show: {} Choose a story that does, and say it early.",
                premise.text.trim()
            ),
            _ => format!(
                "This does not seem to answer the question asked: \"{}\". Choose a story that does.",
                question.text.trim()
            ),
        });
    }
    // Length advice agrees with the grade: a strong answer is not told it is too short.
    let short_matters = words < length::THIN_WORDS || report.grade < Grade::Strong;
    if words < length::SHORT_WORDS && gaming_kind.is_none() && short_matters {
        let how = if words < length::THIN_WORDS {
            "too thin to judge"
        } else {
            "short: a bar-raiser will want the detail"
        };
        let (low, high) = length::AIM_WORDS;
        steps.push(format!(
            "At {} (about {} spoken) this is {how}. Aim for {}: about {low} to {high} words.",
            plural(s.word_count, "word"),
            plural(s.spoken_seconds, "second"),
            aim_minutes()
        ));
    }
    if s.we_count > s.i_count && s.we_count >= 3 {
        steps.push(format!(
            "You said \"we\" {} and \"I\" {}. Say what you did: \"I asked\", \"I told\", \"I changed\".",
            plural(s.we_count, "time"),
            plural(s.i_count, "time")
        ));
    }
    if question.is_about_failure() && !s.lesson.found {
        steps.push(
            "You never said what you learned. On a question about a mistake, end with the lesson and what you now do differently."
                .to_string(),
        );
    }
    if s.metrics.is_empty() {
        steps.push(
            "No measurable result. Add a number: days saved, a percentage, money, customers, a score before and after."
                .to_string(),
        );
    } else if !report.star.result.found {
        steps.push(
            "The story has no clear ending. Say what changed because of what you did, and how you know."
                .to_string(),
        );
    }
    let mut missed: Vec<_> = report.rubric.iter().filter(|r| !r.hit).collect();
    missed.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    if let Some(point) = missed.first() {
        steps.push(format!(
            "A bar-raiser listens for this and did not hear it: {}",
            point.point
        ));
    }
    if !question.is_about_failure() && !s.lesson.found {
        steps.push("You never said what you learned or would do differently.".to_string());
    }
    if let Some(claim) = s.vague_claims.first() {
        steps.push(format!(
            "Vague claim {}. Replace it with who, what you said, and what changed.",
            claim.trim_end_matches(['.', '…'])
        ));
    }
    for (part, found, hint) in [
        (
            "Situation",
            report.star.situation.found,
            "open with when, where and what was at stake",
        ),
        (
            "Action",
            report.star.action.found,
            "say step by step what you did",
        ),
        (
            "Task",
            report.star.task.found,
            "say what you were responsible for",
        ),
    ] {
        if !found && gaming_kind.is_none() && words >= 40 && report.grade < Grade::Strong {
            steps.push(format!("No clear {part}: {hint}."));
        }
    }
    if words >= length::SHORT_WORDS && s.action_result_share < policy::ACTION_RESULT_ADVICE_BELOW {
        steps.push(format!(
            "Only {:.0}% of your words are about what you did and what came of it. Cut background; spend about {:.0}% on Action and Result.",
            s.action_result_share * 100.0,
            policy::ACTION_RESULT_AIM * 100.0
        ));
    }
    if s.spoken_seconds > length::AIM_SECONDS.1 {
        steps.push(format!(
            "At about {} spoken this runs long. Aim for {}.",
            policy::clock(s.spoken_seconds),
            aim_minutes()
        ));
    }
    if steps.is_empty() {
        steps.push(
            "Nothing big is missing. Now practise the follow-ups a bar-raiser would dig into (\"Answer a follow-up\" in the drill, or `earn-trust show` for the list)."
                .to_string(),
        );
    }
    steps.truncate(MAX_STEPS);
    steps
}

/// "1.5 to 3 minutes", from the policy's aim in seconds.
fn aim_minutes() -> String {
    let (low, high) = length::AIM_SECONDS;
    let minutes = |seconds: usize| {
        let m = seconds as f64 / 60.0;
        if m.fract() == 0.0 {
            format!("{m:.0}")
        } else {
            format!("{m:.1}")
        }
    };
    format!("{} to {} minutes", minutes(low), minutes(high))
}
