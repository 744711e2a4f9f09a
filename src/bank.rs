//! The question bank in use: the built-in one (validated and encoded at build time) or a
//! file the user named. The format itself lives in the `earn-trust-bank` crate.

use std::path::PathBuf;

pub use earn_trust_bank::{
    Bank, LabelledAnswer, Level, Premise, PreparedCues, Principle, Question, QuestionCues,
    QuestionFlag, RubricPoint, SampleAnswer, SignalRole, is_kebab_case, parse_bank,
    parse_labelled_set, prepare_signals,
};

use crate::{Error, Result};

/// The built-in bank as the build script validated and encoded it, and its cues prepared.
static EMBEDDED_BANK_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/earn-trust.bank"));
static EMBEDDED_CUES_BINARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/earn-trust.cues"));

/// The project's own labelled answers, built in for `earn-trust eval`: written and
/// labelled 1-5 by people who had not seen the scorer.
pub const PROJECT_LABELLED_SETS: [(&str, &str); 3] = [
    (
        "content/labelled/tuning.yaml",
        include_str!("../content/labelled/tuning.yaml"),
    ),
    (
        "content/labelled/held-out.yaml",
        include_str!("../content/labelled/held-out.yaml"),
    ),
    (
        "content/labelled/fresh.yaml",
        include_str!("../content/labelled/fresh.yaml"),
    ),
];

/// Where a bank comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankSource {
    /// The bank compiled into the binary.
    Embedded,
    /// A bank file named by `--bank` or `EARN_TRUST_BANK`.
    File(PathBuf),
}

impl BankSource {
    /// How history records name this bank: `embedded`, or the file's canonical path, so
    /// `banks/co.yaml`, `./banks/co.yaml` and its absolute path are one bank.
    pub fn label(&self) -> String {
        match self {
            BankSource::Embedded => "embedded".to_string(),
            BankSource::File(path) => std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
        }
    }

    /// How error messages name this bank.
    pub fn display_path(&self) -> String {
        match self {
            BankSource::Embedded => "content/earn-trust.yaml (embedded)".to_string(),
            BankSource::File(path) => path.display().to_string(),
        }
    }
}

/// Loads the bank from `source`: a file is read, parsed and validated; the built-in bank
/// was validated when the binary was built.
pub fn load_bank(source: &BankSource) -> Result<Bank> {
    match source {
        BankSource::Embedded => {
            let damaged = |why| Error::BuiltInDamaged { what: "bank", why };
            let mut bank = earn_trust_bank::decode_bank(EMBEDDED_BANK_BINARY).map_err(damaged)?;
            let cues = PreparedCues::decode(EMBEDDED_CUES_BINARY).map_err(damaged)?;
            bank.prepared = Some(std::sync::Arc::new(cues));
            Ok(bank)
        }
        BankSource::File(file) => Ok(earn_trust_bank::read_bank_file(
            file,
            &source.display_path(),
        )?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_cues_are_prepared_as_the_scorer_would_prepare_them() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let prepared = bank.prepared.as_ref().unwrap();
        assert_eq!(prepared.signals(), Some(prepare_signals(&bank.principle)));
        for (index, question) in bank.questions.iter().enumerate() {
            assert_eq!(
                prepared.question(index),
                Some(QuestionCues::prepare(question))
            );
        }
    }

    #[test]
    fn the_built_in_binary_form_matches_the_yaml() {
        let yaml = include_str!("../content/earn-trust.yaml");
        let from_yaml = parse_bank(yaml, "embedded").unwrap();
        let from_binary = load_bank(&BankSource::Embedded).unwrap();
        assert_eq!(
            earn_trust_bank::encode_bank(&from_yaml),
            earn_trust_bank::encode_bank(&from_binary)
        );
    }
}
