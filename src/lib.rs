//! earn-trust: drill Amazon "Earn Trust" behavioural interview answers in a terminal.
//!
//! The library holds everything; `main.rs` only parses arguments and maps errors to exit
//! codes. Modules each own one idea: [`bank`] (the question bank and the only YAML code),
//! [`output`] (colour and renderers), and [`commands`] (what each subcommand does).

pub mod answer;
pub mod attempt;
pub mod bank;
pub mod cli;
pub mod commands;
pub mod drafts;
pub mod drill;
pub mod error;
pub mod history;
pub mod output;
pub mod practice;
pub mod progress;
pub mod scoring;
pub mod store;

pub use error::{Error, Result};

/// The embedded bank as the build script validated and encoded it.
static EMBEDDED_BANK_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/earn-trust.bank"));

use cli::{Cli, Command};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let context = commands::Context::new(&cli.global);
    match cli.command {
        Command::List { tag, format } => commands::list(&context, tag.as_deref(), format),
        Command::Show {
            id,
            format,
            no_samples,
        } => commands::show(&context, &id, format, !no_samples),
        Command::Validate { path } => commands::validate(&context, path),
        Command::Drill {
            count,
            seed,
            question,
            tag,
            mode,
            time_limit,
            random,
            no_save,
            no_answer_text,
        } => drill::run_drill(
            &context,
            drill::DrillOptions {
                selection: drill::Selection {
                    count: count.into(),
                    question,
                    tag,
                },
                seed,
                mode,
                time_limit,
                random,
                save: !no_save,
                keep_text: !no_answer_text,
            },
        ),
        Command::Score {
            question,
            answer_file,
            format,
            save,
            no_answer_text,
        } => commands::score(
            &context,
            &question,
            answer_file.as_deref(),
            format,
            save.then_some(!no_answer_text),
        ),
        Command::History {
            question,
            last,
            format,
        } => practice::history(
            &context,
            question.as_deref(),
            last.map(|n| n as usize),
            format,
        ),
        Command::Stats { format } => practice::stats(&context, format),
        Command::Export {
            format,
            output,
            force,
        } => practice::export(&context, format, output.as_deref(), force),
        Command::Reset { yes } => practice::reset(&context, yes),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "earn-trust", &mut out);
            commands::print_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|source| Error::Io {
                    what: "cannot render the manual page",
                    source,
                })?;
            commands::print_stdout(&String::from_utf8_lossy(&out))
        }
    }
}
