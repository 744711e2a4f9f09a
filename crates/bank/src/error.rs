//! What can be wrong with a bank, each with where it is and what to fix.

use thiserror::Error;

use crate::Problem;

/// A bank that cannot be used, or a question or tag it does not have.
#[derive(Debug, Error)]
pub enum BankError {
    /// A bank file that could not be read.
    #[error("{path}: cannot read the bank: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },

    /// A bank file larger than the loader accepts.
    #[error("{path}: the file is larger than the limit of {limit} bytes ({} MiB)", limit / (1024 * 1024))]
    TooLarge { path: String, limit: u64 },

    /// A bank file that is binary or not UTF-8.
    #[error("{path}:{line}:{column}: the bank is not UTF-8 text ({what})")]
    NotText {
        path: String,
        line: usize,
        column: usize,
        what: &'static str,
    },

    /// A YAML syntax error, unknown field or wrong type.
    #[error("{path}{location}{message}")]
    Syntax {
        path: String,
        /// `:line:column: `, or `: ` when the parser gave no position.
        location: String,
        message: String,
    },

    /// A bank that parses but breaks the format's rules; every problem is listed.
    #[error("{path}: the bank has {} problem{}:\n{}", problems.len(), plural(problems.len()), render_problems(path, problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },

    /// A question id that is not in the bank.
    #[error("no question with id `{id}` in the bank{}", suggest(suggestions))]
    UnknownQuestion {
        id: String,
        suggestions: Vec<String>,
    },

    /// A `--tag` that no question has.
    #[error("--tag {tag}: no question has this tag; tags in the bank: {}", tags.join(", "))]
    UnknownTag { tag: String, tags: Vec<String> },
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn render_problems(path: &str, problems: &[Problem]) -> String {
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
