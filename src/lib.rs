//! earn-trust: drill Amazon "Earn Trust" behavioural interview answers in a terminal.
//!
//! The library holds everything; `main.rs` only parses arguments and maps errors to exit
//! codes. [`commands`] is the one layer that knows the command line: one file per
//! subcommand, each loading what it needs and calling the modules below, which take and
//! return plain data:
//!
//! - [`bank`]: the question bank in use (the format is the `earn-trust-bank` crate);
//! - [`scoring`]: answer text in, an explained report out;
//! - [`drill`]: the practice session, in a terminal or over piped answers;
//! - [`choice`]: which questions a drill asks (random, by need, SM-2);
//! - [`evaluate`]: how far scores agree with labelled answers;
//! - [`judge`]: an optional model judge, for what rules cannot read;
//! - [`history`], [`progress`], [`drafts`], [`store`]: what is kept on disk and what it says;
//! - [`output`]: colour, width and every renderer.

pub mod answer;
pub mod attempt;
pub mod bank;
pub mod choice;
pub mod cli;
pub mod commands;
pub mod drafts;
pub mod drill;
pub mod english;
pub mod error;
pub mod evaluate;
pub mod history;
pub mod judge;
pub mod output;
pub mod progress;
pub mod scoring;
pub mod store;

pub use commands::run;
pub use error::{Error, Result};
