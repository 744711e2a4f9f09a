//! `earn-trust list`: the bank's questions, as a table or JSON.

use super::Context;
use crate::Result;
use crate::cli::{Format, ListArgs};
use crate::output::{self, print_stdout};

/// Lists the questions, only those with `--tag` when given.
pub fn run(context: &Context, args: &ListArgs) -> Result<()> {
    let bank = context.load_bank()?;
    let tag = args.tag.as_deref();
    let questions: Vec<_> = bank
        .questions
        .iter()
        .filter(|q| tag.is_none_or(|t| q.tags.iter().any(|qt| qt == t)))
        .collect();
    if let Some(tag) = tag
        && questions.is_empty()
    {
        return Err(bank.unknown_tag(tag).into());
    }
    let text = match args.format {
        Format::Json => output::render_list_json(&questions),
        Format::Text => {
            output::render_list(&questions, context.stdout_theme(), output::terminal_width())
        }
    };
    print_stdout(&text)
}
