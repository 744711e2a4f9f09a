//! How typed or piped text becomes an answer: the rules that end an answer, the blocks of
//! piped input, guided STAR parts, and the editor template.

/// Whether typed text ends the answer: its last line holds only `.`, or its last two
/// lines are empty (Enter three times after the last line of text).
pub fn ends_answer(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    match lines.as_slice() {
        [.., last] if last.trim() == "." => true,
        [_, .., before, last] => before.trim().is_empty() && last.trim().is_empty(),
        _ => false,
    }
}

/// The answer in typed text: without the `.` line that ended it, or the empty lines after
/// it.
pub fn finish_answer(text: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    if lines.last().is_some_and(|l| l.trim() == ".") {
        lines.pop();
    }
    let text = lines.join("\n");
    text.trim_end().to_string()
}

/// Splits piped input into answers at lines holding only `---` (trailing spaces or `\r`
/// allowed). Blank blocks are counted, not returned.
pub fn split_blocks(input: &str) -> (Vec<String>, usize) {
    let mut blocks = Vec::new();
    let mut blank = 0;
    let mut current = String::new();
    let mut finish = |current: &mut String| {
        let text = current.trim().to_string();
        if text.is_empty() {
            blank += 1;
        } else {
            blocks.push(text);
        }
        current.clear();
    };
    for line in input.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---" {
            finish(&mut current);
        } else {
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        finish(&mut current);
    }
    (blocks, blank)
}

/// The STAR parts the guided mode asks for, each with a one-line hint.
pub const GUIDED_PARTS: [(&str, &str); 4] = [
    (
        "Situation",
        "Where and when was this, who was involved, and what was at stake?",
    ),
    ("Task", "What were you responsible for? What did you own?"),
    (
        "Action",
        "What did you do, step by step? Say \"I\", not \"we\".",
    ),
    (
        "Result",
        "What changed, with a number if you can, and what did you learn?",
    ),
];

/// Joins guided parts into one answer with STAR headings; parts left empty are left out.
pub fn join_guided(parts: &[(&str, String)]) -> String {
    parts
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(name, text)| format!("{name}: {}", text.trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The file the editor opens: hint lines start with `#` and are removed before scoring.
pub fn editor_template(question: &str, previous: &str) -> String {
    let mut template = String::new();
    template.push_str(&format!("# {question}\n"));
    template.push_str("# Lines starting with # are hints and are removed before scoring.\n");
    template.push_str("# Save and close the editor when you are done.\n#\n");
    if previous.trim().is_empty() {
        for (name, hint) in GUIDED_PARTS {
            template.push_str(&format!("# {name}: {hint}\n{name}: \n\n"));
        }
    } else {
        template.push_str(previous.trim_end());
        template.push('\n');
    }
    template
}

/// The answer in an edited template: every `#` line removed, and headings left empty
/// removed too.
pub fn strip_template(edited: &str) -> String {
    let kept: Vec<&str> = edited
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter(|line| {
            !GUIDED_PARTS
                .iter()
                .any(|(name, _)| line.trim().trim_end_matches(':') == *name)
        })
        .collect();
    kept.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_ends_with_a_dot_line_or_two_empty_lines() {
        assert!(!ends_answer("I told her."));
        assert!(!ends_answer("I told her.\n"));
        assert!(ends_answer("I told her.\n\n"));
        assert!(ends_answer("I told her.\n."));
        assert!(!ends_answer("First.\n\nSecond."));
        assert!(!ends_answer(""));
        assert!(!ends_answer("\n"));
        assert_eq!(finish_answer("First.\n\nSecond.\n."), "First.\n\nSecond.");
        assert_eq!(finish_answer("First.\n\n"), "First.");
    }

    #[test]
    fn a_dot_line_ends_the_answer_wherever_it_is_typed() {
        assert!(ends_answer("I told her.\n . "));
        assert_eq!(finish_answer("I told her.\n . "), "I told her.");
        assert!(!ends_answer("I told her. ."));
    }

    #[test]
    fn one_empty_line_is_a_paragraph_break_two_end_the_answer() {
        assert!(!ends_answer("First.\n\nSecond.\n"));
        assert!(ends_answer("First.\n\nSecond.\n\n"));
        assert_eq!(finish_answer("First.\n\nSecond.\n\n"), "First.\n\nSecond.");
        assert_eq!(finish_answer("Windows line.\r\n.\r"), "Windows line.");
    }

    #[test]
    fn piped_blocks_split_on_dashes_and_skip_blank_ones() {
        let input = "one\nline two\n---  \r\n\n \n---\nthree\n---\n";
        let (blocks, blank) = split_blocks(input);
        assert_eq!(
            blocks,
            vec!["one\nline two".to_string(), "three".to_string()]
        );
        assert_eq!(blank, 1);
        assert_eq!(split_blocks("only\n").0, vec!["only".to_string()]);
        assert_eq!(split_blocks("a --- b\n").0, vec!["a --- b".to_string()]);
    }

    #[test]
    fn guided_parts_join_with_headings() {
        let parts = [
            ("Situation", "Late launch.".to_string()),
            ("Task", " ".to_string()),
            ("Action", "I told her.".to_string()),
        ];
        assert_eq!(
            join_guided(&parts),
            "Situation: Late launch.\n\nAction: I told her."
        );
    }

    #[test]
    fn editor_hints_are_removed() {
        let template = editor_template("Tell me about a time…", "");
        assert_eq!(strip_template(&template), "");
        let edited = template.replace("Action: \n", "Action: I told my manager the same day.\n");
        assert_eq!(
            strip_template(&edited),
            "Action: I told my manager the same day."
        );
        let again = editor_template("Q", "Situation: x\nAction: y");
        assert_eq!(strip_template(&again), "Situation: x\nAction: y");
    }
}
