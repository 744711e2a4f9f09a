//! `earn-trust show ID`: one question with its rubric, follow-ups and sample answers.

use super::Context;
use crate::Result;
use crate::cli::{Format, ShowArgs};
use crate::output::{self, print_stdout};

/// Shows the question `args.id`.
pub fn run(context: &Context, args: &ShowArgs) -> Result<()> {
    let bank = context.load_bank()?;
    let question = bank.require_question(&args.id)?;
    let with_samples = !args.no_samples;
    let text = match args.format {
        Format::Json => output::render_show_json(question, with_samples),
        Format::Text => output::render_show(
            question,
            with_samples,
            context.stdout_theme(),
            output::terminal_width(),
        ),
    };
    print_stdout(&text)
}
