//! `earn-trust score`: score one written answer and explain the score.

use std::time::SystemTime;

use super::Context;
use super::judge::judge_for;
use crate::Result;
use crate::answer::read_answer;
use crate::attempt::{AnswerMode, Attempt, AttemptKind};
use crate::cli::{Format, ScoreArgs};
use crate::history::{self, Record};
use crate::output::{self, print_stdout};
use crate::scoring::score_answer;

/// Scores the answer in `args.answer_file` (or piped stdin), saving it with `--save`.
pub fn run(context: &Context, args: &ScoreArgs) -> Result<()> {
    let bank = context.load_bank()?;
    let question = bank.require_question(&args.question)?;
    let answer = read_answer(args.answer_file.as_deref())?;
    let mut report = score_answer(&bank, question, &answer);
    let keep_text = !(args.save && args.no_answer_text);
    if let Some(judge) = judge_for(context, &args.judge, keep_text)? {
        match judge.verdict(&bank.principle, question, &answer) {
            Ok(verdict) => crate::judge::apply(&mut report, question, verdict, &judge),
            Err(not_used) => crate::output::stderr_line(&format!(
                "note: {not_used}; the score is the rules' alone"
            )),
        }
    }
    let text = match args.format {
        Format::Json => output::to_json(&report),
        Format::Text => {
            output::render_report(&report, context.stdout_theme(), output::terminal_width())
        }
    };
    // The score first: if it cannot be saved, the answer's feedback is not lost with it.
    print_stdout(&text)?;
    if args.save {
        let data = context.data_dir()?;
        data.ensure_writable()?;
        let attempt = Attempt {
            kind: AttemptKind::First,
            mode: AnswerMode::Score,
            answer,
            seconds: None,
            report,
            follow_up: None,
        };
        let record = Record::new(
            &question.id,
            &attempt,
            &context.bank_source.label(),
            SystemTime::now(),
            !args.no_answer_text,
        );
        if history::append_scored(&data.history(), &record)? == AttemptKind::Retry {
            crate::output::stderr_line(
                "note: saved as a retry: this question already has a first try today",
            );
        }
    }
    Ok(())
}
