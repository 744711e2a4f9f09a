//! `earn-trust man`: the manual page (roff), generated from the CLI.

use crate::cli::Cli;
use crate::output::print_stdout;
use crate::{Error, Result};

/// Prints the manual page.
pub fn run() -> Result<()> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|source| Error::Io {
            what: "cannot render the manual page",
            source,
        })?;
    print_stdout(&String::from_utf8_lossy(&out))
}
