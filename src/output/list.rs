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

/// Below this width the TAGS column is left out, so the question keeps room to be read.
const TAGS_FROM_WIDTH: usize = 100;
/// The question column never gets less than this.
const MIN_QUESTION_WIDTH: usize = 20;

/// The questions as a table fitted to `width` columns: id, tags (at 100 columns or more)
/// and as much of the question as fits; no row is longer than `width` unless an id alone
/// leaves the question less than its minimum.
pub fn render_list(questions: &[&Question], theme: Theme, width: usize) -> String {
    const GAP: &str = "  ";
    let with_tags = width >= TAGS_FROM_WIDTH;
    // Ids are never cut: they are what `show` and `drill --question` take.
    let id_width = column_width(questions.iter().map(|q| q.id.as_str()), "ID");
    let tags: Vec<String> = questions.iter().map(|q| q.tags.join(",")).collect();
    // Tags take what the id and the question's minimum leave, up to 32 columns; with too
    // little room for them they are left out.
    let tag_room = width.saturating_sub(id_width + 2 * GAP.len() + MIN_QUESTION_WIDTH);
    let with_tags = with_tags && tag_room >= "TAGS".len();
    let tag_width = if with_tags {
        column_width(tags.iter().map(String::as_str), "TAGS")
            .min(32)
            .min(tag_room)
    } else {
        0
    };
    let used = id_width + GAP.len() + if with_tags { tag_width + GAP.len() } else { 0 };
    let text_width = width.saturating_sub(used).max(MIN_QUESTION_WIDTH);
    let row = |id: &str, tags: &str, text: &str| {
        if with_tags {
            format!("{id}{GAP}{tags}{GAP}{text}")
        } else {
            format!("{id}{GAP}{text}")
        }
    };

    let mut out = String::new();
    let header = row(&pad("ID", id_width), &pad("TAGS", tag_width), "QUESTION");
    out.push_str(&theme.bold(&header));
    out.push('\n');
    for (question, tags) in questions.iter().zip(&tags) {
        let text = one_line(&question.text);
        out.push_str(&row(
            &theme.id(&pad(&question.id, id_width)),
            &theme.tag(&pad(tags, tag_width)),
            &console::truncate_str(&text, text_width, "…"),
        ));
        out.push('\n');
    }
    let count = super::plural(questions.len(), "question");
    let footer = format!("{count}. See one with `earn-trust show ID`.");
    out.push_str(&theme.dim(&super::wrap(&footer, width, "")));
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
