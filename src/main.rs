//! The `earn-trust` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use earn_trust::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (2).
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let color = cli.global.color;
    match earn_trust::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The drill has already said where the draft is.
        Err(earn_trust::Error::Interrupted) => ExitCode::from(earn_trust::error::EXIT_INTERRUPTED),
        Err(err) => {
            let theme = earn_trust::output::Theme::new(earn_trust::output::stderr_color(color));
            earn_trust::output::stderr_line(&format!("{} {err}", theme.bad("error:")));
            ExitCode::from(err.exit_code())
        }
    }
}
