//! `earn-trust validate [PATH]`: check a bank against the format's rules.

use super::Context;
use crate::Result;
use crate::bank::{self, BankSource};
use crate::cli::ValidateArgs;
use crate::english::plural;
use crate::output::print_stdout;

/// Validates the bank at `args.path`, or the bank in use; every problem is reported.
pub fn run(context: &Context, args: ValidateArgs) -> Result<()> {
    let source = args
        .path
        .map_or_else(|| context.bank_source.clone(), BankSource::File);
    let bank = bank::load_bank(&source)?;
    let rubric: usize = bank.questions.iter().map(|q| q.rubric.len()).sum();
    let samples: usize = bank.questions.iter().map(|q| q.sample_answers.len()).sum();
    print_stdout(&format!(
        "ok: {}, {}, {}\n",
        plural(bank.questions.len(), "question"),
        plural(rubric, "rubric point"),
        plural(samples, "sample answer")
    ))
}
