//! Reading an answer the user wrote: from a file or piped stdin, capped at 1 MiB.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::{Error, Result};

/// The largest answer accepted, in bytes (1 MiB; exactly this much is fine).
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// Reads the answer from `path` (`-` for stdin) or, with no path, from piped stdin.
pub fn read_answer(path: Option<&Path>) -> Result<String> {
    let (bytes, name) = match path {
        Some(p) if p != Path::new("-") => {
            let file = std::fs::File::open(p).map_err(|err| {
                Error::BadAnswer(format!(
                    "--answer-file {}: cannot read it: {err}",
                    p.display()
                ))
            })?;
            (
                read_capped(file, &p.display().to_string())?,
                p.display().to_string(),
            )
        }
        Some(_) => (
            read_capped(std::io::stdin().lock(), "stdin")?,
            "stdin".to_string(),
        ),
        None => {
            if std::io::stdin().is_terminal() {
                return Err(Error::BadAnswer(
                    "no answer given: pass --answer-file PATH, or pipe it in \
                     (earn-trust score --question ID < answer.txt)"
                        .to_string(),
                ));
            }
            (
                read_capped(std::io::stdin().lock(), "stdin")?,
                "stdin".to_string(),
            )
        }
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::BadAnswer(format!("{name}: the answer is not UTF-8 text")))?;
    check_answer(&text, &name)?;
    Ok(text)
}

/// Refuses an answer that is blank or over [`MAX_ANSWER_BYTES`].
pub fn check_answer(text: &str, name: &str) -> Result<()> {
    if text.len() > MAX_ANSWER_BYTES {
        return Err(too_long(name));
    }
    if text.trim().is_empty() {
        return Err(Error::BadAnswer(format!(
            "{name}: the answer is empty; write what you would say in the interview"
        )));
    }
    Ok(())
}

fn too_long(name: &str) -> Error {
    Error::BadAnswer(format!(
        "{name}: the answer is over 1 MiB ({MAX_ANSWER_BYTES} bytes); nobody speaks that long in an interview"
    ))
}

fn read_capped(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_ANSWER_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Error::BadAnswer(format!("{name}: cannot read the answer: {err}")))?;
    if bytes.len() > MAX_ANSWER_BYTES {
        return Err(too_long(name));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_mib_is_accepted_and_one_byte_more_refused() {
        let at_limit = "a".repeat(MAX_ANSWER_BYTES);
        assert!(check_answer(&at_limit, "x").is_ok());
        let over = "a".repeat(MAX_ANSWER_BYTES + 1);
        assert!(check_answer(&over, "x").is_err());
    }

    #[test]
    fn blank_answers_are_refused() {
        assert!(check_answer(" \n\t ", "x").is_err());
        assert!(check_answer("I did it.", "x").is_ok());
    }
}
