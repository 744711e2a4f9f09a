//! The one error type of the crate, and the exit code each kind of failure maps to.

use std::path::PathBuf;

use thiserror::Error;

/// Exit code for bad usage or bad input (clap uses the same).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a run that failed for another reason (I/O, data directory).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code after Ctrl-C, as shells report for SIGINT.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Everything that can stop a command, each with what the user needs to fix it.
#[derive(Debug, Error)]
pub enum Error {
    /// A flag or argument combination that clap cannot catch on its own.
    #[error("{0}")]
    Usage(String),

    /// A bank file the user named could not be read.
    #[error("{path}: cannot read the bank: {source}")]
    BankRead {
        path: String,
        source: std::io::Error,
    },

    /// A bank file larger than the loader accepts.
    #[error("{path}: the bank is {size} bytes; the limit is {limit} bytes (8 MiB)")]
    BankTooLarge { path: String, size: u64, limit: u64 },

    /// A bank file that is binary or not UTF-8.
    #[error("{path}:{line}:{column}: the bank is not UTF-8 text ({what})")]
    BankNotText {
        path: String,
        line: usize,
        column: usize,
        what: &'static str,
    },

    /// A YAML syntax error, unknown field or wrong type.
    #[error("{path}{location}{message}")]
    BankSyntax {
        path: String,
        /// `:line:column: `, or `: ` when the parser gave no position.
        location: String,
        message: String,
    },

    /// A bank that parses but breaks the format's rules; every problem is listed.
    #[error("{path}: the bank has {} problem(s):\n{}", problems.len(), render_problems(path, problems))]
    BankInvalid {
        path: String,
        problems: Vec<crate::bank::Problem>,
    },

    /// A question id that is not in the bank.
    #[error("no question with id `{id}` in the bank{}", suggest(suggestions))]
    UnknownQuestion {
        id: String,
        suggestions: Vec<String>,
    },

    /// An answer that cannot be scored (empty, too large, unreadable).
    #[error("{0}")]
    BadAnswer(String),

    /// The data directory or a file in it cannot be created or written.
    #[error("{}: {what}: {source}", path.display())]
    Write {
        path: PathBuf,
        what: &'static str,
        source: std::io::Error,
    },

    /// No home directory to keep practice data in, and none named.
    #[error(
        "cannot find a home directory for practice data; pass --data-dir PATH or set EARN_TRUST_HOME"
    )]
    NoDataDir,

    /// Terminal or pipe I/O failed.
    #[error("{what}: {source}")]
    Io {
        what: &'static str,
        source: std::io::Error,
    },

    /// The user pressed Ctrl-C; whatever could be saved has been saved.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Write { .. } | Error::Io { .. } | Error::NoDataDir => EXIT_FAILURE,
            Error::Interrupted => EXIT_INTERRUPTED,
            _ => EXIT_USAGE,
        }
    }
}

fn render_problems(path: &str, problems: &[crate::bank::Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {}", p.render(path)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn suggest(suggestions: &[String]) -> String {
    match suggestions {
        [] => " (run `earn-trust list` to see them)".to_string(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of: {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
