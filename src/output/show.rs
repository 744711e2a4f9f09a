//! `earn-trust show`: one question with its rubric, follow-ups and sample answers.

use serde::Serialize;

use super::{Theme, prose_width, wrap};
use crate::bank::{Premise, Question, QuestionFlag, RubricPoint, SampleAnswer};

#[derive(Debug, Serialize)]
struct ShowQuestion<'a> {
    id: &'a str,
    text: &'a str,
    tags: &'a [String],
    premise: Option<&'a Premise>,
    rubric: &'a [RubricPoint],
    red_flags: &'a [QuestionFlag],
    sample_answers: Vec<&'a SampleAnswer>,
    follow_ups: &'a [String],
}

/// Sample answers, strong first, in file order within a level.
pub fn samples_in_order(question: &Question) -> Vec<&SampleAnswer> {
    let mut samples: Vec<&SampleAnswer> = question.sample_answers.iter().collect();
    samples.sort_by_key(|s| s.level.rank());
    samples
}

/// The question as JSON; `with_samples` false leaves `sample_answers` empty.
pub fn render_show_json(question: &Question, with_samples: bool) -> String {
    super::to_json(&ShowQuestion {
        id: &question.id,
        text: &question.text,
        tags: &question.tags,
        premise: question.premise.as_ref(),
        rubric: &question.rubric,
        red_flags: &question.red_flags,
        sample_answers: if with_samples {
            samples_in_order(question)
        } else {
            Vec::new()
        },
        follow_ups: &question.follow_ups,
    })
}

/// The question as readable text wrapped to `width`.
pub fn render_show(question: &Question, with_samples: bool, theme: Theme, width: usize) -> String {
    let width = prose_width(width);
    let mut out = String::new();
    let tags: Vec<String> = question.tags.iter().map(|t| theme.tag(t)).collect();
    out.push_str(&format!(
        "{}  {}\n",
        theme.id(&question.id),
        tags.join(", ")
    ));
    out.push_str(&theme.bold(&wrap(&question.text, width, "")));
    out.push_str("\n\n");
    if let Some(premise) = &question.premise {
        out.push_str(&wrap(
            &format!("Your story must show: {}", premise.text),
            width,
            "",
        ));
        out.push_str("\n\n");
    }

    out.push_str(&theme.heading("What a bar-raiser listens for"));
    out.push('\n');
    for point in &question.rubric {
        let line = format!("{} (weight {}): {}", point.id, point.weight, point.point);
        out.push_str(&wrap(&line, width, "  "));
        out.push('\n');
    }

    if !question.red_flags.is_empty() {
        out.push('\n');
        out.push_str(&theme.heading("What sinks this answer"));
        out.push('\n');
        for flag in &question.red_flags {
            out.push_str(&wrap(&format!("{}: {}", flag.id, flag.flag), width, "  "));
            out.push('\n');
        }
    }

    if !question.follow_ups.is_empty() {
        out.push('\n');
        out.push_str(&theme.heading("Follow-ups to expect"));
        out.push('\n');
        for follow_up in &question.follow_ups {
            out.push_str(&wrap(&format!("- {follow_up}"), width, "  "));
            out.push('\n');
        }
    }

    if with_samples {
        for sample in samples_in_order(question) {
            out.push('\n');
            out.push_str(&render_sample(sample, theme, width));
        }
    }
    out
}

/// One sample answer: a heading with level and role, the text, then the commentary.
pub fn render_sample(sample: &SampleAnswer, theme: Theme, width: usize) -> String {
    let words = sample.text.split_whitespace().count();
    let heading = format!(
        "Sample answer ({}): {} · {words} words",
        sample.level, sample.role
    );
    let mut out = String::new();
    out.push_str(&theme.heading(&wrap(&heading, width, "")));
    out.push('\n');
    out.push_str(&wrap(&sample.text, width, "  "));
    out.push_str("\n\n");
    out.push_str(&theme.dim(&wrap(&format!("Why: {}", sample.commentary), width, "  ")));
    out.push('\n');
    out
}
