//! `earn-trust validate [PATH]`: check a bank against the format's rules.

use super::Context;
use crate::Result;
use crate::bank::{self, BankSource};
use crate::cli::ValidateArgs;
use crate::english::plural;
use crate::output::{self, print_stdout};
use crate::scoring::Scorer;

/// Validates the bank at `args.path`, or the bank in use; every problem is reported.
pub fn run(context: &Context, args: ValidateArgs) -> Result<()> {
    let source = args
        .path
        .map_or_else(|| context.bank_source.clone(), BankSource::File);
    let bank = bank::load_bank(&source)?;
    let rubric: usize = bank.questions.iter().map(|q| q.rubric.len()).sum();
    let samples: usize = bank.questions.iter().map(|q| q.sample_answers.len()).sum();
    for warning in sample_warnings(&bank, &source.label()) {
        output::stderr_line(&format!("warning: {warning}"));
    }
    print_stdout(&format!(
        "ok: {}, {}, {}\n",
        plural(bank.questions.len(), "question"),
        plural(rubric, "rubric point"),
        plural(samples, "sample answer")
    ))
}

/// A strong sample under this scores below the `strong` grade by a clear margin: the cues
/// or the sample probably need work.
const STRONG_SAMPLE_FLOOR: u8 = 70;
/// A weak sample over this scores as `strong`: it does not show what a weak answer is.
const WEAK_SAMPLE_CEILING: u8 = 74;

/// The bank's own samples that the scorer reads against their level: a strong sample
/// scoring under 70 or a weak one over 74. Valid banks still load; this is advice.
fn sample_warnings(bank: &bank::Bank, label: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    for question in &bank.questions {
        let scorer = Scorer::new(bank, question);
        for (index, sample) in question.sample_answers.iter().enumerate() {
            let score = scorer.score(&sample.text).score;
            let off = match sample.level {
                bank::Level::Strong if score < STRONG_SAMPLE_FLOOR => {
                    format!("under {STRONG_SAMPLE_FLOOR}")
                }
                bank::Level::Weak if score > WEAK_SAMPLE_CEILING => {
                    format!("over {WEAK_SAMPLE_CEILING}")
                }
                _ => continue,
            };
            warnings.push(format!(
                "{label}: question `{}`: sample answer {} ({}, {}) scores {score}, {off}; \
                 its text or the question's cues may need work",
                question.id,
                index + 1,
                sample.level,
                sample.role
            ));
        }
    }
    warnings
}
