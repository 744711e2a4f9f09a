//! History, statistics and the practice journal as text.

use super::{Theme, plural, wrap};
use crate::history::Record;
use crate::progress::{Comparison, Stats, sparkline};

/// `2026-11-26 06:53 UTC` from an RFC 3339 timestamp.
fn when(record: &Record) -> String {
    let minute: String = clean(&record.at)
        .replacen('T', " ", 1)
        .chars()
        .take(16)
        .collect();
    format!("{minute} UTC")
}

/// A field of a record as it may be printed: a hand-edited history may hold escape
/// sequences or control characters, and none of them reaches the terminal.
fn clean(text: &str) -> String {
    crate::scoring::sanitize(text).replace('\n', " ")
}

/// Past attempts, in the order given (newest first), one line each.
pub fn render_history(records: &[&Record], theme: Theme) -> String {
    if records.is_empty() {
        return "No practice yet. Start with `earn-trust drill`.\n".to_string();
    }
    let id_width = records
        .iter()
        .map(|r| clean(&r.question).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for record in records {
        out.push_str(&format!(
            "{}  {}  {:<9} {:>3} {:<13} {:>4} words  {}\n",
            theme.dim(&when(record)),
            theme.id(&format!("{:<id_width$}", clean(&record.question))),
            record.kind.as_str(),
            record.score,
            format!("({})", record.grade),
            record.words,
            record.mode.as_str()
        ));
    }
    out
}

/// One question's attempts, newest first, each compared with the one before it.
pub fn render_comparisons(question: &str, comparisons: &[Comparison], theme: Theme) -> String {
    if comparisons.is_empty() {
        return format!(
            "No attempts at {question} yet. Try `earn-trust drill --question {question}`.\n"
        );
    }
    let mut out = format!(
        "{}\n",
        theme.heading(&format!("Attempts at {question}, newest first"))
    );
    for c in comparisons.iter().rev() {
        let r = c.record;
        let change = match c.change {
            Some(d) if d > 0 => theme.good(&format!("+{d}")),
            Some(d) if d < 0 => theme.bad(&d.to_string()),
            Some(_) => "±0".to_string(),
            None => String::new(),
        };
        out.push_str(&format!(
            "  {}  {:<9} {:>3} ({}) {change}\n",
            theme.dim(&when(r)),
            r.kind.as_str(),
            r.score,
            r.grade
        ));
        if !c.newly_hit.is_empty() {
            out.push_str(&format!(
                "      now hits: {}\n",
                clean(&c.newly_hit.join(", "))
            ));
        }
        if !c.lost.is_empty() {
            out.push_str(&format!("      lost: {}\n", clean(&c.lost.join(", "))));
        }
    }
    out
}

/// `earn-trust stats` as text.
pub fn render_stats(stats: &Stats, theme: Theme, width: usize) -> String {
    let mut out = format!("Practice data: {}\n\n", stats.data_dir);
    let r = &stats.readiness;
    out.push_str(&theme.bold(&format!(
        "Ready: {} of {} questions have an answer of {} or more in the last {} days.",
        r.ready, r.total, r.score, r.days
    )));
    out.push('\n');
    if stats.timeline.is_empty() {
        out.push_str("\nNo practice yet. Start with `earn-trust drill`.\n");
        return out;
    }
    // One mark a score while they fit on the line; past that, each mark is the mean of a
    // run of scores, so years of practice still make one line.
    const LABEL: usize = "Scores over time: ".len();
    const NOTE: usize = " (each mark: 100000 answers)".len();
    let (marks, note) = if stats.timeline.len() <= width.saturating_sub(LABEL) {
        (sparkline(&stats.timeline), String::new())
    } else {
        let room = width.saturating_sub(LABEL + NOTE).max(10);
        let per = stats.timeline.len().div_ceil(room);
        let means: Vec<u8> = stats
            .timeline
            .chunks(per)
            .map(|run| (run.iter().map(|&s| u32::from(s)).sum::<u32>() / run.len() as u32) as u8)
            .collect();
        (
            sparkline(&means),
            format!(" (each mark: {})", plural(per, "answer")),
        )
    };
    out.push_str(&format!("\nScores over time: {marks}{note}\n"));
    out.push('\n');
    out.push_str(&theme.heading("Per question"));
    out.push('\n');
    let id_width = stats
        .questions
        .iter()
        .map(|q| q.question.len())
        .max()
        .unwrap_or(0);
    out.push_str(&theme.dim(&format!(
        "  {:<id_width$}  first tries  all tries  best  last  average  trend\n",
        "question"
    )));
    for q in &stats.questions {
        let trend = q.trend.map_or_else(String::new, |t| format!("{t:+}"));
        out.push_str(&format!(
            "  {}  {:>11}  {:>9}  {:>4}  {:>4}  {:>7.1}  {trend}\n",
            theme.id(&format!("{:<id_width$}", q.question)),
            q.attempts,
            q.all_attempts,
            q.best,
            q.last,
            q.average
        ));
    }
    out.push_str(&theme.dim("  (average and trend are over first tries: how you answer cold)\n"));
    if !stats.most_missed.is_empty() {
        out.push('\n');
        out.push_str(&theme.heading("Most often missed"));
        out.push('\n');
        for m in &stats.most_missed {
            let line = format!("{} ({}, {}×): {}", m.rubric, m.question, m.count, m.point);
            let text = wrap(&line, width, "    ");
            out.push_str(&format!("  - {}\n", text.trim_start()));
        }
    }
    if !stats.never_practised.is_empty() {
        out.push('\n');
        let line = format!("Never practised: {}", stats.never_practised.join(", "));
        out.push_str(&wrap(&line, width, ""));
        out.push('\n');
    }
    out
}

/// One attempt of the journal, with what is needed to write it.
pub struct JournalEntry<'a> {
    pub record: &'a Record,
    pub question_text: Option<&'a str>,
    pub feedback: Vec<String>,
}

/// The practice journal, added to one attempt at a time so the records need not all be in
/// memory at once: Markdown, or a JSON array of the records with their question and next
/// steps.
pub struct Journal {
    json: bool,
    out: String,
    count: usize,
}

impl Journal {
    /// An empty journal, as JSON or as Markdown.
    pub fn new(json: bool) -> Self {
        let out = if json {
            String::from("[")
        } else {
            String::from(
                "# Practice journal\n\nEach attempt keeps the score it got; the next steps come from scoring the kept answer again today.\n",
            )
        };
        Journal {
            json,
            out,
            count: 0,
        }
    }

    /// Adds one attempt.
    pub fn push(&mut self, entry: &JournalEntry) {
        if self.json {
            #[derive(serde::Serialize)]
            struct Entry<'a> {
                #[serde(flatten)]
                record: &'a Record,
                question_text: Option<&'a str>,
                feedback: &'a [String],
            }
            let entry = Entry {
                record: entry.record,
                question_text: entry.question_text,
                feedback: &entry.feedback,
            };
            // The array is pretty-printed as a whole would be: each element indented.
            self.out
                .push_str(if self.count == 0 { "\n" } else { ",\n" });
            for (index, line) in super::to_json(&entry).trim_end().lines().enumerate() {
                if index > 0 {
                    self.out.push('\n');
                }
                self.out.push_str("  ");
                self.out.push_str(line);
            }
        } else {
            markdown_entry(&mut self.out, entry);
        }
        self.count += 1;
    }

    /// The journal's text and how many attempts it holds.
    pub fn finish(mut self) -> (String, usize) {
        if self.json {
            self.out
                .push_str(if self.count == 0 { "]\n" } else { "\n]\n" });
        } else if self.count == 0 {
            self.out.push_str("\nNo practice yet.\n");
        }
        (self.out, self.count)
    }
}

/// One attempt of the Markdown journal.
fn markdown_entry(out: &mut String, entry: &JournalEntry) {
    let r = entry.record;
    out.push_str(&format!(
        "\n## {} · {} · {}\n\n",
        clean(&r.question),
        when(r),
        r.kind.as_str()
    ));
    if let Some(text) = entry.question_text {
        out.push_str(&format!(
            "*{}*\n\n",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
    out.push_str(&format!(
        "**Score: {}/100 ({})** · {} · {}\n\n",
        r.score,
        r.grade,
        plural(r.words, "word"),
        r.mode.as_str()
    ));
    // A follow-up's reply is kept at the end of the answer; it is shown after its question.
    let reply = r.follow_up.as_ref().map(|f| f.reply.trim());
    match &r.answer {
        Some(answer) => {
            let answer = reply
                .and_then(|reply| answer.trim_end().strip_suffix(reply))
                .unwrap_or(answer);
            quote_into(out, answer.trim_end());
        }
        None => out.push_str("_The answer text was not kept._\n"),
    }
    if let Some(follow_up) = &r.follow_up {
        out.push_str(&format!(
            "\nFollow-up: *{}*\n\n",
            clean(&follow_up.question)
        ));
        quote_into(out, &follow_up.reply);
    }
    if !entry.feedback.is_empty() {
        out.push_str("\nNext steps:\n\n");
        for step in &entry.feedback {
            out.push_str(&format!("- {step}\n"));
        }
    }
}

/// `text` as a Markdown block quote.
fn quote_into(out: &mut String, text: &str) {
    for line in crate::scoring::sanitize(text).lines() {
        out.push_str(if line.is_empty() { ">" } else { "> " });
        out.push_str(line);
        out.push('\n');
    }
}
