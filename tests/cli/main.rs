//! The integration tests, in one crate so they build once: each module runs the real
//! binary (assert_cmd, expectrl) or the library against real content.

mod bank_content;
mod browse;
mod common;
mod drill_piped;
mod drill_pty;
mod eval;
mod fake_judge;
mod faults;
mod finish;
mod hostile;
mod judge;
mod progress;
mod properties;
mod robust_scoring;
mod scoring;
mod scoring_labelled;
mod validation;
