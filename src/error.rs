//! The one error type of the crate, and the exit code each kind of failure maps to.

use std::path::PathBuf;

use thiserror::Error;

use earn_trust_bank::BankError;

/// Exit code for bad usage or bad input (clap uses the same).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a run that failed for another reason (I/O, data directory, a fault of
/// the tool itself).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code after Ctrl-C, as shells report for SIGINT.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Everything that can stop a command, each with what the user needs to fix it.
#[derive(Debug, Error)]
pub enum Error {
    /// A flag or argument combination that clap cannot catch on its own.
    #[error("{0}")]
    Usage(String),

    /// A bank the user named that cannot be used, or a question or tag it does not have.
    #[error(transparent)]
    Bank(#[from] BankError),

    /// Data compiled into the binary does not decode: the build is broken, not the input.
    #[error("the built-in {what} is damaged ({why}); rebuild earn-trust")]
    BuiltInDamaged { what: &'static str, why: String },

    /// An answer that cannot be scored (empty, too large, unreadable).
    #[error("{0}")]
    BadAnswer(String),

    /// A file in the data directory (or one the user named) cannot be read.
    #[error("{}: {what}: {source}", path.display())]
    Read {
        path: PathBuf,
        what: &'static str,
        source: std::io::Error,
    },

    /// The data directory or a file in it cannot be created or written.
    #[error("{}: {what}: {source}", path.display())]
    Write {
        path: PathBuf,
        what: &'static str,
        source: std::io::Error,
    },

    /// The data directory's path cannot be a data directory.
    #[error("the data directory {}: {why}", path.display())]
    DataDir { path: PathBuf, why: String },

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
            Error::Usage(_) | Error::Bank(_) | Error::BadAnswer(_) => EXIT_USAGE,
            Error::BuiltInDamaged { .. }
            | Error::Read { .. }
            | Error::Write { .. }
            | Error::DataDir { .. }
            | Error::NoDataDir
            | Error::Io { .. } => EXIT_FAILURE,
            Error::Interrupted => EXIT_INTERRUPTED,
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_errors_exit_2_and_faults_exit_1() {
        let unknown = BankError::UnknownQuestion {
            id: "x".into(),
            suggestions: vec![],
        };
        assert_eq!(Error::from(unknown).exit_code(), EXIT_USAGE);
        let damaged = Error::BuiltInDamaged {
            what: "bank",
            why: "truncated".into(),
        };
        assert_eq!(damaged.exit_code(), EXIT_FAILURE);
        assert!(damaged.to_string().contains("rebuild"));
        let read = Error::Read {
            path: "h".into(),
            what: "cannot read practice history",
            source: std::io::Error::other("x"),
        };
        assert_eq!(read.exit_code(), EXIT_FAILURE);
        assert_eq!(Error::Interrupted.exit_code(), EXIT_INTERRUPTED);
    }
}
