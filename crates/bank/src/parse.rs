//! Reading a bank: size and encoding checks before parsing, YAML with positions in errors,
//! then the format's rules.

use std::io::Read;
use std::path::Path;

use crate::{Bank, BankError, validate_bank};

/// Banks larger than this are refused before parsing (8 MiB).
pub const MAX_BANK_BYTES: u64 = 8 * 1024 * 1024;

/// Reads, parses and validates the bank file at `file`; `path` names it in messages.
pub fn read_bank_file(file: &Path, path: &str) -> Result<Bank, BankError> {
    let bytes = read_capped(file, MAX_BANK_BYTES).map_err(|source| BankError::Read {
        path: path.to_string(),
        source,
    })?;
    let Some(bytes) = bytes else {
        return Err(too_large(path));
    };
    let text = decode(&bytes, path)?;
    parse_bank(text, path)
}

/// Parses and validates bank text; `path` names the file in messages.
pub fn parse_bank(text: &str, path: &str) -> Result<Bank, BankError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() as u64 > MAX_BANK_BYTES {
        return Err(too_large(path));
    }
    if is_blank_yaml(text) {
        return Err(BankError::Syntax {
            path: path.to_string(),
            location: ": ".to_string(),
            message: "the bank is empty: it needs `version`, `principle` and `questions`"
                .to_string(),
        });
    }
    let bank: Bank = serde_yaml::from_str(text).map_err(|err| syntax_error(&err, path))?;
    let problems = validate_bank(&bank, text);
    if problems.is_empty() {
        Ok(bank)
    } else {
        Err(BankError::Invalid {
            path: path.to_string(),
            problems,
        })
    }
}

fn too_large(path: &str) -> BankError {
    BankError::TooLarge {
        path: path.to_string(),
        limit: MAX_BANK_BYTES,
    }
}

/// The bytes of `file`, or `None` when it holds more than `cap` bytes. Reading one byte
/// past the cap tells "too large" apart without trusting metadata, which pipes and
/// special files do not have.
pub fn read_capped(file: &Path, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let handle = std::fs::File::open(file)?;
    let mut bytes = Vec::new();
    handle.take(cap + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

fn decode<'a>(bytes: &'a [u8], path: &str) -> Result<&'a str, BankError> {
    let not_text = |offset: usize, what| {
        let (line, column) = line_and_column(&bytes[..offset]);
        BankError::NotText {
            path: path.to_string(),
            line,
            column,
            what,
        }
    };
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(not_text(offset, "it holds binary data: a NUL byte"));
    }
    std::str::from_utf8(bytes).map_err(|err| not_text(err.valid_up_to(), "invalid UTF-8 bytes"))
}

fn line_and_column(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

pub(crate) fn syntax_error(err: &serde_yaml::Error, path: &str) -> BankError {
    let message = without_position(&err.to_string());
    let location = err
        .location()
        .map(|loc| format!(":{}:{}: ", loc.line(), loc.column()))
        .unwrap_or_else(|| ": ".to_string());
    BankError::Syntax {
        path: path.to_string(),
        location,
        message,
    }
}

/// Removes the parser's own " at line L column C" (the position goes up front instead).
fn without_position(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find(" at line ") {
        out.push_str(&rest[..start]);
        let tail = &rest[start + " at line ".len()..];
        let after_line = tail.trim_start_matches(|c: char| c.is_ascii_digit());
        rest = match after_line.strip_prefix(" column ") {
            Some(column) => column.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => after_line,
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_parsers_position_is_taken_out_of_the_message() {
        assert_eq!(
            without_position("did not find ',' at line 39 column 11, while parsing"),
            "did not find ',', while parsing"
        );
        assert_eq!(without_position("x at line 2 column 3"), "x");
        assert_eq!(without_position("plain"), "plain");
        assert_eq!(
            without_position("a at line 1 column 2, b at line 3 column 4"),
            "a, b"
        );
    }

    use super::*;

    #[test]
    fn positions_of_bad_bytes_are_one_based() {
        assert_eq!(line_and_column(b""), (1, 1));
        assert_eq!(line_and_column(b"ab\ncd"), (2, 3));
    }

    #[test]
    fn comment_only_text_counts_as_empty() {
        assert!(is_blank_yaml("# a\n\n  # b\n---\n"));
        assert!(!is_blank_yaml("version: 1\n"));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_without_trusting_its_metadata() {
        let dir = std::env::temp_dir().join(format!("bank-cap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.yaml");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_capped(&path, 10).unwrap().map(|b| b.len()), Some(10));
        assert_eq!(read_capped(&path, 9).unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
