//! `earn-trust stats`: progress on the bank in use.

use std::time::SystemTime;

use serde::Serialize;

use super::Context;
use crate::Result;
use crate::cli::{Format, StatsArgs};
use crate::history::{Keep, records_for};
use crate::output::{self, print_stdout};
use crate::progress::{Stats, compute_stats, sparkline};

/// Prints scores per question, trends, weak points and readiness.
pub fn run(context: &Context, args: &StatsArgs) -> Result<()> {
    let bank = context.load_bank()?;
    let data = context.data_dir()?;
    let records = context.load_history(&data, Keep::NoAnswers)?;
    let records = records_for(&records, &bank, &context.bank_source.label());
    let stats = compute_stats(
        &bank,
        &records,
        SystemTime::now(),
        &data.path().display().to_string(),
    );
    let text = match args.format {
        Format::Json => {
            #[derive(Serialize)]
            struct WithChart<'a> {
                #[serde(flatten)]
                stats: &'a Stats,
                sparkline: String,
                history_file: String,
            }
            output::to_json(&WithChart {
                stats: &stats,
                sparkline: sparkline(&stats.timeline),
                history_file: data.history().display().to_string(),
            })
        }
        Format::Text => {
            output::render_stats(&stats, context.stdout_theme(), output::terminal_width())
        }
    };
    print_stdout(&text)
}
