//! Reading a bank: size and encoding checks before parsing, YAML with positions in errors,
//! then the format's rules.

use std::io::Read;

use super::{Bank, BankSource, decode_bank, validate_bank};
use crate::{Error, Result};

/// Banks larger than this are refused before parsing (8 MiB).
pub const MAX_BANK_BYTES: u64 = 8 * 1024 * 1024;

/// Loads, parses and validates the bank from `source`.
pub fn load_bank(source: &BankSource) -> Result<Bank> {
    let path = source.display_path();
    match source {
        // Validated when the binary was built.
        BankSource::Embedded => decode_bank(crate::EMBEDDED_BANK_BINARY),
        BankSource::File(file) => {
            let bytes = read_capped(file, &path)?;
            let text = decode(&bytes, &path)?;
            parse_bank(text, &path)
        }
    }
}

/// Parses and validates bank text; `path` names the file in messages.
pub fn parse_bank(text: &str, path: &str) -> Result<Bank> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() as u64 > MAX_BANK_BYTES {
        return Err(Error::BankTooLarge {
            path: path.to_string(),
            size: text.len() as u64,
            limit: MAX_BANK_BYTES,
        });
    }
    if is_blank_yaml(text) {
        return Err(Error::BankSyntax {
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
        Err(Error::BankInvalid {
            path: path.to_string(),
            problems,
        })
    }
}

fn read_capped(file: &std::path::Path, path: &str) -> Result<Vec<u8>> {
    let read_error = |source| Error::BankRead {
        path: path.to_string(),
        source,
    };
    let handle = std::fs::File::open(file).map_err(read_error)?;
    let mut bytes = Vec::new();
    // Reading one byte past the cap tells "too large" apart without trusting metadata,
    // which pipes and special files do not have.
    handle
        .take(MAX_BANK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_BANK_BYTES {
        let size = std::fs::metadata(file)
            .map(|m| m.len())
            .unwrap_or(bytes.len() as u64);
        return Err(Error::BankTooLarge {
            path: path.to_string(),
            size,
            limit: MAX_BANK_BYTES,
        });
    }
    Ok(bytes)
}

fn decode<'a>(bytes: &'a [u8], path: &str) -> Result<&'a str> {
    let not_text = |offset: usize, what| {
        let (line, column) = line_and_column(&bytes[..offset]);
        Error::BankNotText {
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

fn syntax_error(err: &serde_yaml::Error, path: &str) -> Error {
    let message = without_position(&err.to_string());
    let location = err
        .location()
        .map(|loc| format!(":{}:{}: ", loc.line(), loc.column()))
        .unwrap_or_else(|| ": ".to_string());
    Error::BankSyntax {
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
    fn the_built_in_binary_form_matches_the_yaml() {
        let from_yaml = parse_bank(super::super::EMBEDDED_BANK, "embedded").unwrap();
        let from_binary = load_bank(&BankSource::Embedded).unwrap();
        assert_eq!(
            super::super::encode_bank(&from_yaml),
            super::super::encode_bank(&from_binary)
        );
    }

    #[test]
    fn the_embedded_bank_loads() {
        let bank = load_bank(&BankSource::Embedded).expect("the embedded bank is valid");
        assert!(!bank.questions.is_empty());
    }
}
