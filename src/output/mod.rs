//! Everything the user reads: colour, width, and renderers that turn data into text.
//!
//! Renderers return `String`s so they can be tested and snapshotted without a terminal;
//! only this module styles text.

mod list;
mod progress;
mod report;
mod show;

use std::io::{IsTerminal, Write};

use console::Style;

pub use crate::english::plural;
pub use list::{render_list, render_list_json};
pub use progress::{Journal, JournalEntry, render_comparisons, render_history, render_stats};
pub use report::{minutes, render_report, score_line};
pub use show::{render_sample, render_show, render_show_json, samples_in_order};

use crate::{Error, Result};

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

/// Writes one line to stderr. Unlike `eprintln!`, a closed or full stderr (`2>&1 | head`)
/// is no reason to panic: the message is dropped.
pub fn stderr_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(line.as_bytes())
        .and_then(|()| err.write_all(b"\n"))
        .and_then(|()| err.flush());
}

/// Writes to stdout; a closed pipe (`earn-trust list | head`) ends output quietly.
pub fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            what: "cannot write to stdout",
            source: err,
        }),
        _ => Ok(()),
    }
}

/// Decides colour once for a stream: `always`/`never` win; `auto` colours only a
/// terminal, and only when `NO_COLOR` is unset and `TERM` is not `dumb`.
pub fn decide_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Colour for stdout under `choice`.
pub fn stdout_color(choice: ColorChoice) -> bool {
    decide_color(choice, std::io::stdout().is_terminal())
}

/// Colour for stderr under `choice`.
pub fn stderr_color(choice: ColorChoice) -> bool {
    decide_color(choice, std::io::stderr().is_terminal())
}

/// Columns to fit output to: the terminal's width, else `COLUMNS`, else 100.
pub fn terminal_width() -> usize {
    let from_terminal = console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols));
    let from_env = || std::env::var("COLUMNS").ok()?.trim().parse().ok();
    from_terminal
        .or_else(from_env)
        .unwrap_or(100)
        .clamp(40, 400)
}

/// Width for running prose: the terminal's, but no wider than is comfortable to read.
pub fn prose_width(width: usize) -> usize {
    width.min(100)
}

/// Styles for every kind of text the tool prints, on or off as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// A theme that colours when `color` is true and prints plain text otherwise.
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn paint(&self, text: &str, style: Style) -> String {
        style.force_styling(self.color).apply_to(text).to_string()
    }

    /// A question or rubric id.
    pub fn id(&self, text: &str) -> String {
        self.paint(text, Style::new().cyan().bold())
    }
    /// A tag.
    pub fn tag(&self, text: &str) -> String {
        self.paint(text, Style::new().yellow())
    }
    /// A section heading.
    pub fn heading(&self, text: &str) -> String {
        self.paint(text, Style::new().bold().underlined())
    }
    /// Emphasis.
    pub fn bold(&self, text: &str) -> String {
        self.paint(text, Style::new().bold())
    }
    /// Something the answer did well.
    pub fn good(&self, text: &str) -> String {
        self.paint(text, Style::new().green())
    }
    /// Something the answer lacks.
    pub fn bad(&self, text: &str) -> String {
        self.paint(text, Style::new().red())
    }
    /// A caution.
    pub fn warn(&self, text: &str) -> String {
        self.paint(text, Style::new().yellow())
    }
    /// Secondary text.
    pub fn dim(&self, text: &str) -> String {
        self.paint(text, Style::new().dim())
    }
}

/// Wraps `text` to `width` columns with `indent` before every line; paragraphs are kept.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let options = textwrap::Options::new(width.max(indent.len() + 20))
        .initial_indent(indent)
        .subsequent_indent(indent)
        // Question ids like `missed-commitment` must not be split at their hyphens.
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    text.trim_end()
        .split('\n')
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                textwrap::fill(line.trim_end(), &options)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Serialises a value as pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("plain data always serialises");
    out.push('\n');
    out
}
