//! `earn-trust list`: an aligned table, or JSON.

use serde::Serialize;

use super::Theme;
use crate::bank::Question;

/// One row of `list --format json`.
#[derive(Debug, Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    text: &'a str,
    tags: &'a [String],
    rubric_point_count: usize,
    sample_answer_count: usize,
}

/// The questions as JSON: `[{id, text, tags, rubric_point_count, sample_answer_count}]`.
pub fn render_list_json(questions: &[&Question]) -> String {
    let entries: Vec<ListEntry> = questions
        .iter()
        .map(|q| ListEntry {
            id: &q.id,
            text: &q.text,
            tags: &q.tags,
            rubric_point_count: q.rubric.len(),
            sample_answer_count: q.sample_answers.len(),
        })
        .collect();
    super::to_json(&entries)
}

/// The questions as a table fitted to `width` columns: id, tags, question.
pub fn render_list(questions: &[&Question], theme: Theme, width: usize) -> String {
    const GAP: &str = "  ";
    let id_width = column_width(questions.iter().map(|q| q.id.as_str()), "ID");
    let tags: Vec<String> = questions.iter().map(|q| q.tags.join(",")).collect();
    let tag_width = column_width(tags.iter().map(String::as_str), "TAGS").min(32);
    let text_width = width
        .saturating_sub(id_width + tag_width + 2 * GAP.len())
        .max(20);

    let mut out = String::new();
    let header = format!(
        "{}{GAP}{}{GAP}QUESTION",
        pad("ID", id_width),
        pad("TAGS", tag_width)
    );
    out.push_str(&theme.bold(&header));
    out.push('\n');
    for (question, tags) in questions.iter().zip(&tags) {
        let text = one_line(&question.text);
        out.push_str(&format!(
            "{}{GAP}{}{GAP}{}\n",
            theme.id(&pad(&question.id, id_width)),
            theme.tag(&pad(tags, tag_width)),
            console::truncate_str(&text, text_width, "…")
        ));
    }
    out.push_str(&theme.dim(&format!(
        "{} question(s). See one with `earn-trust show ID`.",
        questions.len()
    )));
    out.push('\n');
    out
}

fn column_width<'a>(cells: impl Iterator<Item = &'a str>, header: &str) -> usize {
    cells
        .map(console::measure_text_width)
        .chain(std::iter::once(header.len()))
        .max()
        .unwrap_or(0)
}

fn pad(text: &str, width: usize) -> String {
    console::pad_str(text, width, console::Alignment::Left, Some("…")).into_owned()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
