//! `earn-trust completions SHELL`: a shell completion script, generated from the CLI.

use crate::Result;
use crate::cli::{Cli, CompletionsArgs};
use crate::output::print_stdout;

/// Prints the completion script for `args.shell`.
pub fn run(args: &CompletionsArgs) -> Result<()> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "earn-trust", &mut out);
    print_stdout(&String::from_utf8_lossy(&out))
}
