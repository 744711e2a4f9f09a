//! The drill without a terminal: answers come from stdin, separated by `---` lines.

use std::io::{IsTerminal, Read};

use super::{Session, render_question, split_blocks};
use crate::answer::{MAX_ANSWER_BYTES, check_answer};
use crate::attempt::{AnswerMode, Attempt, AttemptKind};
use crate::bank::Question;
use crate::english::plural;
use crate::output::print_stdout;
use crate::output::render_report;
use crate::scoring::Scorer;
use crate::{Error, Result};

/// The most a piped drill reads from stdin, answers and separators together (8 MiB).
pub const MAX_PIPED_BYTES: usize = 8 * 1024 * 1024;

/// Reads every answer from stdin, scores each against its question, prints the reports.
pub fn run(session: &mut Session, questions: &[&Question]) -> Result<()> {
    if std::io::stdin().is_terminal() {
        // Typed at a terminal whose stderr goes elsewhere (`2>log`): without this line the
        // drill would look hung. It goes where the user is looking.
        let why = "The drill prompts only when stdin and stderr are both a terminal; stderr is redirected, so it reads answers from stdin: type them in this order, with a line holding only --- between answers, then press Ctrl-D.";
        let width = crate::output::terminal_width();
        let mut line = format!("{}\n", crate::output::wrap(why, width, ""));
        // The questions come first, or the answers would be typed blind.
        for (index, question) in questions.iter().enumerate() {
            let plain = crate::output::Theme::new(false);
            line.push_str(&render_question(
                question,
                index,
                questions.len(),
                plain,
                width,
            ));
        }
        line.push('\n');
        if std::io::stdout().is_terminal() {
            crate::output::print_stdout(&line)?;
        } else {
            // Both outputs redirected: the terminal itself is the only place left to say it.
            let told = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/tty")
                .and_then(|mut tty| std::io::Write::write_all(&mut tty, line.as_bytes()));
            if told.is_err() {
                crate::output::stderr_line(why);
            }
        }
    }
    if session.options.mode.is_some() {
        crate::output::stderr_line(
            "note: --mode is ignored without a terminal; answers are read from stdin",
        );
    }
    if session.options.time_limit.is_some() {
        crate::output::stderr_line(
            "note: --time-limit is ignored without a terminal; piped answers are not timed",
        );
    }
    let mut input = Vec::new();
    // Room for a few full answers, whatever --count says: a drill is answered by a
    // person, and memory must not grow with what is piped in.
    let cap = MAX_PIPED_BYTES.min((MAX_ANSWER_BYTES + 16) * questions.len().max(1));
    std::io::stdin()
        .lock()
        .take(cap as u64 + 1)
        .read_to_end(&mut input)
        .map_err(|source| Error::Io {
            what: "cannot read answers from stdin",
            source,
        })?;
    if input.len() > cap {
        return Err(Error::BadAnswer(format!(
            "stdin: more than {cap} bytes of answers; a piped drill reads at most {} MiB, and each answer may be at most 1 MiB",
            MAX_PIPED_BYTES / (1024 * 1024)
        )));
    }
    let input = String::from_utf8(input)
        .map_err(|_| Error::BadAnswer("stdin: the answers are not UTF-8 text".to_string()))?;
    let (blocks, blank) = split_blocks(&input);
    if blank > 0 {
        crate::output::stderr_line(&format!(
            "warning: skipped {}",
            plural(blank, "empty answer")
        ));
    }
    if blocks.len() > questions.len() {
        crate::output::stderr_line(&format!(
            "warning: ignored {} beyond the {} of this drill (--count)",
            plural(blocks.len() - questions.len(), "answer"),
            plural(questions.len(), "question")
        ));
    }
    if blocks.is_empty() {
        return Err(Error::BadAnswer(
            "no answers on stdin: pipe in one answer per question, separated by lines holding only ---"
                .to_string(),
        ));
    }
    let (theme, width) = (session.theme, session.width);
    for (index, (question, answer)) in questions.iter().zip(&blocks).enumerate() {
        print_stdout(&render_question(
            question,
            index,
            questions.len(),
            theme,
            width,
        ))?;
        if let Err(err) = check_answer(answer, &format!("answer {}", index + 1)) {
            crate::output::stderr_line(&format!("warning: {err}; skipped"));
            continue;
        }
        let report = Scorer::new(session.bank, question).score(answer);
        let report = session.with_judge(question, report, |judge| {
            judge.verdict(&session.bank.principle, question, answer)
        });
        print_stdout(&format!("\n{}", render_report(&report, theme, width)))?;
        let attempt = Attempt {
            kind: AttemptKind::First,
            mode: AnswerMode::Piped,
            answer: answer.clone(),
            seconds: None,
            report,
            follow_up: None,
        };
        session.record(question, attempt)?;
    }
    if blocks.len() < questions.len() {
        crate::output::stderr_line(&format!(
            "note: end of input; {} left unanswered",
            plural(questions.len() - blocks.len(), "question")
        ));
    }
    if session.has_answers() {
        print_stdout(&format!("\n{}", session.summary()))?;
    }
    Ok(())
}
