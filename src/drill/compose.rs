//! How typed or piped text becomes an answer: the rules that end an answer, the blocks of
//! piped input, guided STAR parts, and the editor template.

/// What a typed line does to the answer being collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEffect {
    /// Keep collecting.
    More,
    /// The answer is complete.
    Done,
}

/// Collects typed lines until a line holding only `.`, two empty lines in a row, or end
/// of input (Ctrl-D). A single empty line stays as a paragraph break.
#[derive(Debug, Default, Clone)]
pub struct AnswerLines {
    lines: Vec<String>,
    empty_run: usize,
}

impl AnswerLines {
    /// Starts from lines already written (a draft, or the answer being retried).
    pub fn starting_with(text: &str) -> Self {
        let mut lines = AnswerLines::default();
        lines.lines = text.trim_end().lines().map(str::to_string).collect();
        lines
    }

    /// Adds one line (without its newline) and says whether the answer is complete.
    pub fn push(&mut self, line: &str) -> LineEffect {
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim() == "." {
            return LineEffect::Done;
        }
        if line.trim().is_empty() {
            self.empty_run += 1;
            if self.empty_run >= 2 {
                return LineEffect::Done;
            }
        } else {
            self.empty_run = 0;
        }
        self.lines.push(line.to_string());
        LineEffect::More
    }

    /// Adds text that holds several lines (pasted, or an earlier answer accepted whole):
    /// all of it is kept, empty lines included; none of it ends the answer.
    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        for line in text.split('\n') {
            self.lines.push(line.trim_end_matches('\r').to_string());
        }
        self.empty_run = 0;
    }

    /// Removes and returns the last line, to be typed on (a draft cut off mid-line).
    pub fn take_last_line(&mut self) -> Option<String> {
        while self.lines.last().is_some_and(|l| l.trim().is_empty()) {
            self.lines.pop();
        }
        self.empty_run = 0;
        self.lines.pop()
    }

    /// The answer so far, without trailing blank lines.
    pub fn text(&self) -> String {
        let mut text = self.lines.join("\n");
        text.truncate(text.trim_end().len());
        text
    }
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

    fn collect(lines: &[&str]) -> (String, bool) {
        let mut answer = AnswerLines::default();
        for line in lines {
            if answer.push(line) == LineEffect::Done {
                return (answer.text(), true);
            }
        }
        (answer.text(), false)
    }

    #[test]
    fn a_dot_line_ends_the_answer() {
        assert_eq!(
            collect(&["I told her.", " . ", "ignored"]),
            ("I told her.".into(), true)
        );
    }

    #[test]
    fn two_empty_lines_end_it_and_one_is_a_paragraph_break() {
        let (text, done) = collect(&["First.", "", "Second.", "", ""]);
        assert!(done);
        assert_eq!(text, "First.\n\nSecond.");
        assert!(!collect(&["First.", "", "Second."]).1);
    }

    #[test]
    fn the_last_line_can_be_taken_back_to_type_on() {
        let mut answer = AnswerLines::starting_with("First line.\nSecond, cut off mid-wo");
        assert_eq!(
            answer.take_last_line().as_deref(),
            Some("Second, cut off mid-wo")
        );
        assert_eq!(answer.text(), "First line.");
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
