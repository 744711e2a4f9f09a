//! A scored answer as text: the score line first, then what was found, then next steps.

use super::{Theme, prose_width, wrap};
use crate::english::plural;
use crate::scoring::policy::{self, length};
use crate::scoring::{Grade, Part, Report};

/// The report as readable text wrapped to `width`.
pub fn render_report(report: &Report, theme: Theme, width: usize) -> String {
    let width = prose_width(width);
    let mut out = String::new();
    out.push_str(&score_line(report, theme));
    out.push('\n');
    if let Some(judge) = &report.judge {
        let line = format!(
            "Judged by {} at {}; rules alone: {}. {}",
            judge.model, judge.host, judge.rules_score, judge.reason
        );
        out.push_str(&theme.dim(&wrap(line.trim_end(), width, "")));
        out.push('\n');
    }
    out.push('\n');

    out.push_str(&theme.heading("STAR"));
    out.push('\n');
    let star = &report.star;
    for (name, part) in [
        ("Situation", &star.situation),
        ("Task", &star.task),
        ("Action", &star.action),
        ("Result", &star.result),
    ] {
        out.push_str(&found_line(name, part, theme, width));
    }

    if let Some(premise) = &report.premise {
        let part = Part {
            found: premise.found,
            evidence: premise.evidence.clone(),
        };
        out.push_str(&found_line("On the question", &part, theme, width));
        if !premise.found {
            push_wrapped(
                &mut out,
                &format!("It must show: {}", premise.text),
                width,
                "      ",
            );
        }
    }

    out.push('\n');
    out.push_str(&theme.heading("What a bar-raiser listens for"));
    out.push('\n');
    for point in &report.rubric {
        let judged = report
            .judge
            .as_ref()
            .and_then(|j| j.rubric.iter().find(|p| p.id == point.id));
        let (mark, evidence) = match judged {
            // With a judge, its verdict and its quote (marked when not in the answer).
            Some(judged) => (
                verdict_mark(judged.verdict, theme),
                (!judged.quote.is_empty()).then(|| {
                    let unverified = if judged.verified {
                        ""
                    } else {
                        " (not in your answer)"
                    };
                    format!(
                        "\"{}\"{unverified}",
                        crate::scoring::sanitize(&judged.quote)
                    )
                }),
            ),
            None => (
                mark(point.hit, theme),
                point.evidence.first().map(|e| format!("\"{e}\"")),
            ),
        };
        out.push_str(&format!("  {mark} {}\n", theme.id(&point.id)));
        push_wrapped(&mut out, &point.point, width, "      ");
        if let Some(evidence) = evidence {
            out.push_str(&theme.dim(&wrap(&format!("you said: {evidence}"), width, "      ")));
            out.push('\n');
        }
    }

    let s = &report.signals;
    out.push('\n');
    out.push_str(&theme.heading("Signals"));
    out.push('\n');
    let (low, high) = length::AIM_SECONDS;
    let length = format!(
        "Length: {}, about {} spoken (aim for {} to {})",
        plural(s.word_count, "word"),
        minutes(s.spoken_seconds),
        minutes(low),
        minutes(high)
    );
    push_wrapped(&mut out, &length, width, "  ");
    let ownership = format!(
        "Ownership: \"I\" {}, \"we\" {}",
        plural(s.i_count, "time"),
        plural(s.we_count, "time")
    );
    push_wrapped(&mut out, &ownership, width, "  ");
    let share = format!(
        "Action and Result: {:.0}% of the words (aim for about {:.0}%)",
        s.action_result_share * 100.0,
        policy::ACTION_RESULT_AIM * 100.0
    );
    push_wrapped(&mut out, &share, width, "  ");
    let metrics = if s.metrics.is_empty() {
        theme.bad("none")
    } else {
        s.metrics
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    };
    push_wrapped(
        &mut out,
        &format!("Numbers you gave: {metrics}"),
        width,
        "  ",
    );
    out.push_str(&found_line("Lesson", &s.lesson, theme, width));
    // Each behaviour stays whole on a line: its spaces are glued while wrapping.
    let principle: Vec<String> = s
        .principle
        .iter()
        .map(|p| format!("{} {}", mark(p.hit, theme), p.label).replace(' ', GLUE))
        .collect();
    if !principle.is_empty() {
        let line = format!("Principle: {}", principle.join("  "));
        out.push_str(&wrap(&line, width, "  ").replace(GLUE, " "));
        out.push('\n');
    }
    for claim in &s.vague_claims {
        let line = format!("{} vague: {claim}", theme.warn("!"));
        push_wrapped(&mut out, &line, width, "  ");
    }
    if let Some(judge) = &report.judge {
        for flag in judge.red_flags.iter().filter(|f| f.verified) {
            let line = format!(
                "{} {} (judge): \"{}\"",
                theme.bad("red flag"),
                crate::scoring::sanitize(&flag.kind),
                crate::scoring::sanitize(&flag.quote)
            );
            push_wrapped(&mut out, &line, width, "  ");
        }
        if !judge.on_question {
            let line = format!(
                "{} the judge reads this as an answer to another question",
                theme.bad("red flag")
            );
            push_wrapped(&mut out, &line, width, "  ");
        }
    }
    for flag in &s.red_flags {
        let kind = match &flag.id {
            Some(id) => format!("{} ({id})", flag.kind),
            None => flag.kind.to_string(),
        };
        let line = format!("{} {kind}: \"{}\"", theme.bad("red flag"), flag.evidence);
        push_wrapped(&mut out, &line, width, "  ");
    }

    out.push('\n');
    out.push_str(&theme.heading("Next steps"));
    out.push('\n');
    for (i, step) in report.feedback.iter().enumerate() {
        let text = wrap(step, width, "     ");
        out.push_str(&format!("  {}. {}\n", i + 1, text.trim_start()));
    }
    if !report.self_check.is_empty() {
        out.push('\n');
        out.push_str(&theme.heading("Ask yourself (what a score cannot read)"));
        out.push('\n');
        for question in &report.self_check {
            let text = wrap(question, width, "    ");
            out.push_str(&format!("  - {}\n", text.trim_start()));
        }
    }
    out
}

/// `Score: NN/100 (grade)`, coloured by band.
pub fn score_line(report: &Report, theme: Theme) -> String {
    let line = format!("Score: {}/100 ({})", report.score, report.grade);
    match report.grade {
        Grade::Strong | Grade::Outstanding => theme.good(&theme.bold(&line)),
        Grade::Solid => theme.bold(&line),
        Grade::Developing => theme.warn(&line),
        Grade::NotYet => theme.bad(&line),
    }
}

fn found_line(name: &str, part: &Part, theme: Theme, width: usize) -> String {
    let mark = mark(part.found, theme);
    let detail = match part.evidence.first() {
        Some(evidence) if part.found => format!("\"{evidence}\""),
        _ => "not found".to_string(),
    };
    let text = wrap(
        &format!("{name}: {detail}"),
        width.saturating_sub(4),
        "    ",
    );
    format!("  {mark} {}\n", text.trim_start())
}

/// Appends `text` wrapped to `width` with `indent`, and a line break.
/// A no-break space: the wrapper never breaks a line there.
const GLUE: &str = "\u{a0}";

fn push_wrapped(out: &mut String, text: &str, width: usize, indent: &str) {
    out.push_str(&wrap(text, width, indent));
    out.push('\n');
}

fn verdict_mark(verdict: crate::scoring::Verdict, theme: Theme) -> String {
    match verdict {
        crate::scoring::Verdict::Met => theme.good("✓"),
        crate::scoring::Verdict::Partly => theme.warn("~"),
        crate::scoring::Verdict::Missed => theme.bad("✗"),
    }
}

fn mark(hit: bool, theme: Theme) -> String {
    if hit {
        theme.good("✓")
    } else {
        theme.bad("✗")
    }
}

/// `2:35` for 155 seconds.
pub fn minutes(seconds: usize) -> String {
    policy::clock(seconds)
}
