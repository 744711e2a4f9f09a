//! What bar-raisers listen for on any principle: ownership in the first person, measurable
//! results, a lesson, a real past event, concrete detail, and red flags.

use std::collections::BTreeSet;

use super::lexicon::{ARTEFACTS, CHANGE_WORDS, I_WORDS, NUMBER_WORDS, UNITS, WE_WORDS};
use super::text::Analysis;
use super::{Lexicon, Part};

/// How often the answer says "I" and "we", not counting words that only repeat an
/// earlier passage.
pub fn pronoun_counts(analysis: &Analysis) -> (usize, usize) {
    let count = |list: &[&str]| {
        analysis
            .tokens
            .iter()
            .filter(|t| !t.repeat && list.contains(&t.word.as_str()))
            .count()
    };
    (count(I_WORDS), count(WE_WORDS))
}

/// A measurable figure and the sentence it is in.
#[derive(Debug, Clone)]
pub struct Metric {
    pub text: String,
    pub sentence: usize,
}

/// Numbers, percentages, money, durations: each distinct figure once.
pub fn metrics(analysis: &Analysis) -> Vec<Metric> {
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        let raw: Vec<&str> = sentence.text.split_whitespace().collect();
        for (i, word) in raw.iter().enumerate() {
            let clean = word.trim_matches(|c: char| ",.;:!?()\"'".contains(c));
            // A figure is short: "40%", "$1.2m"; a long run of symbols is not one.
            if clean.chars().count() > 16 {
                continue;
            }
            let has_digit = clean.bytes().any(|b| b.is_ascii_digit());
            // The next word, as units and scales are listed.
            let next = raw.get(i + 1).map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            let unit = next.as_deref().filter(|n| UNITS.contains(n));
            let is_figure = if has_digit {
                // A date or a time of day says when, not how much.
                !says_when(&raw, i, clean)
            } else {
                let known = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(clean));
                (known(NUMBER_WORDS) && unit.is_some()) || known(CHANGE_WORDS)
            };
            if !is_figure {
                continue;
            }
            let text = match (unit, next.as_deref()) {
                (Some(unit), _) => format!("{clean} {unit}"),
                // "200 thousand dollars" is one figure, not "200" and "thousand dollars".
                (None, Some(s @ ("thousand" | "million" | "billion" | "percent" | "k" | "m")))
                    if has_digit =>
                {
                    format!("{clean} {s}")
                }
                _ => clean.to_string(),
            };
            let previous_was_figure = i > 0 && raw[i - 1].bytes().any(|b| b.is_ascii_digit());
            if previous_was_figure
                && matches!(
                    lower_word(clean).as_str(),
                    "thousand" | "million" | "billion" | "percent"
                )
            {
                continue;
            }
            if seen.insert(text.to_lowercase()) {
                found.push(Metric {
                    text,
                    sentence: index,
                });
            }
        }
    }
    found
}

fn lower_word(word: &str) -> String {
    word.to_lowercase()
}

/// Whether word `i` of a sentence (`clean` is it without punctuation) says when rather than
/// how much: "2024-05-01", "3/14/2024", "on 3/14", "2021-22", "at 9:30", "9am", "Q3", a
/// year on its own, "3 May", "May 3," or "the 14th of March". A unit after it makes it a
/// measure whatever its shape ("2000 hours"); so does a shape that only looks like a date
/// ("12/15 accounts", "a 1:10 ratio", "In May 20 customers").
fn says_when(raw: &[&str], i: usize, clean: &str) -> bool {
    let word_at = |j: usize| {
        raw.get(j).map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
    };
    let before = i.checked_sub(1).and_then(word_at);
    let after = word_at(i + 1);
    if after.as_deref().is_some_and(|w| UNITS.contains(&w)) {
        return false;
    }
    let after_a_time_word = before.as_deref().is_some_and(|w| {
        matches!(
            w,
            "on" | "by" | "since" | "until" | "till" | "before" | "after" | "at" | "from"
        )
    });
    let lower = clean.to_ascii_lowercase();
    let digits = |part: &str, min: usize, max: usize| {
        (min..=max).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let dashed: Vec<&str> = lower.split('-').collect();
    let full_date = match dashed.as_slice() {
        [year, month, day] => is_bare_year(year) && digits(month, 1, 2) && digits(day, 1, 2),
        [year, next] => is_bare_year(year) && digits(next, 2, 2),
        _ => false,
    };
    let slashed = match lower.split('/').collect::<Vec<_>>().as_slice() {
        [a, b, year] => {
            digits(a, 1, 2) && digits(b, 1, 2) && (digits(year, 2, 2) || digits(year, 4, 4))
        }
        [a, b] => after_a_time_word && digits(a, 1, 2) && digits(b, 1, 2),
        _ => false,
    };
    let meridiem = |w: &str| matches!(w, "am" | "pm" | "a.m" | "p.m");
    let next_is_meridiem = after.as_deref().is_some_and(meridiem);
    let (hour_part, suffixed) = ["a.m", "p.m", "am", "pm"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix).map(|h| (h, true)))
        .unwrap_or((lower.as_str(), false));
    let clock = match hour_part.split_once(':') {
        Some((hour, minute)) => {
            digits(hour, 1, 2)
                && digits(minute, 2, 2)
                && (suffixed || next_is_meridiem || after_a_time_word)
        }
        None => digits(hour_part, 1, 2) && (suffixed || next_is_meridiem),
    };
    let quarter = matches!(lower.as_str(), "q1" | "q2" | "q3" | "q4");
    full_date || slashed || clock || quarter || is_bare_year(clean) || is_day_of_month(raw, i)
}

/// Whether word `i` is a day of the month: "3 May", "the 14th of March", "May 3," or "May
/// 3" ending the sentence; not "In May 20 customers churned".
fn is_day_of_month(raw: &[&str], i: usize) -> bool {
    let word = raw[i];
    let clean = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = clean.to_ascii_lowercase();
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix));
    let number = ordinal.unwrap_or(&lower);
    if !((1..=2).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let month_at = |j: usize| raw.get(j).is_some_and(|w| is_month(w));
    let month_after = month_at(i + 1)
        || (raw.get(i + 1).is_some_and(|w| w.eq_ignore_ascii_case("of")) && month_at(i + 2));
    let month_before = i > 0 && month_at(i - 1);
    let clause_ends = word.ends_with([',', '.', ';', ':', '!', '?', ')'])
        || i + 1 == raw.len()
        || raw
            .get(i + 1)
            .is_some_and(|w| is_bare_year(w.trim_matches(|c: char| !c.is_alphanumeric())));
    month_after || (month_before && (ordinal.is_some() || clause_ends))
}

/// A month's name, capitalised as a date writes it, in full or shortened ("Sept.", "Mar"):
/// "may" and "march" in lower case are other words.
fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = word.trim_matches(|c: char| !c.is_alphanumeric());
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let lower = name.to_lowercase();
    lower.len() >= 3
        && MONTHS
            .iter()
            .any(|month| *month == lower || (lower.len() <= 4 && month.starts_with(&lower)))
}

/// `2021` or `1998` on its own is a date, not a measure.
fn is_bare_year(word: &str) -> bool {
    word.len() == 4
        && word.chars().all(|c| c.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

/// The lesson learned or what the speaker would do differently.
pub fn lesson(analysis: &Analysis, lexicon: &Lexicon) -> Part {
    let hits = analysis.find_any(&lexicon.lesson);
    // A lesson sits late in a story; "I now work at..." in the opening is not one.
    let mut late: Vec<usize> = hits
        .sentences
        .into_iter()
        .filter(|&s| s * 3 >= analysis.sentences.len())
        .collect();
    if late.is_empty() && analysis.headings.iter().any(|h| h.lesson && h.words >= 4) {
        // Sentences under a "Lesson:" heading are the lesson.
        late.extend(
            (0..analysis.sentences.len())
                .rev()
                .take(1)
                .filter(|&s| analysis.sentences[s].label.is_some()),
        );
    }
    // The last lesson said is usually the real one; earlier "I learned that..." is often
    // a finding.
    Part {
        found: !late.is_empty(),
        evidence: late
            .iter()
            .rev()
            .take(2)
            .map(|&s| analysis.evidence(s))
            .collect(),
    }
}

/// Sentences about what the speaker would do, rather than did.
pub fn hypothetical_sentences(analysis: &Analysis, lexicon: &Lexicon) -> Vec<usize> {
    let lessons = analysis.find_any(&lexicon.lesson).sentences;
    analysis
        .find_any(&lexicon.hypothetical)
        .sentences
        .into_iter()
        .filter(|s| !lessons.contains(s))
        .collect()
}

/// Stock phrases with no concrete detail (number, name, quote, artefact) near them.
pub fn vague_claims(analysis: &Analysis, lexicon: &Lexicon) -> Vec<String> {
    let mut claims = Vec::new();
    for cue in &lexicon.vague {
        for sentence in analysis.find(cue) {
            if !has_concrete_detail(analysis, sentence) {
                claims.push(format!(
                    "\"{}\" in: {}",
                    cue.text,
                    analysis.evidence(sentence)
                ));
                break;
            }
        }
    }
    claims
}

/// A number, a quote, a proper name or a named artefact in the sentence or next to it.
fn has_concrete_detail(analysis: &Analysis, sentence: usize) -> bool {
    let from = sentence.saturating_sub(1);
    let to = (sentence + 1).min(analysis.sentences.len().saturating_sub(1));
    (from..=to).any(|s| {
        let text = &analysis.sentences[s].text;
        text.contains('"') || text.contains('\u{201c}') || concrete_tokens(analysis, s) > 0
    })
}

fn concrete_tokens(analysis: &Analysis, sentence: usize) -> usize {
    analysis
        .sentence_tokens(sentence)
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.raw.chars().any(|c| c.is_ascii_digit())
                || ARTEFACTS.contains(&t.word.as_str())
                || (*i > 0 && t.raw != "I" && t.raw.chars().next().is_some_and(char::is_uppercase))
        })
        .count()
}

/// Distinct concrete details: figures, names, artefacts and quoted words.
pub fn concrete_detail_count(analysis: &Analysis) -> usize {
    let mut details = BTreeSet::new();
    for (index, sentence) in analysis.sentences.iter().enumerate() {
        if sentence.text.contains('"') || sentence.text.contains('\u{201c}') {
            details.insert(format!("quote {index}"));
        }
        for (i, token) in analysis.sentence_tokens(index).iter().enumerate() {
            let is_name = i > 0
                && token.raw != "I"
                && !token.raw.starts_with("I'")
                && token.raw.chars().next().is_some_and(char::is_uppercase);
            if is_name
                || token.raw.chars().any(|c| c.is_ascii_digit())
                || ARTEFACTS.contains(&token.word.as_str())
            {
                details.insert(token.word.clone());
            }
        }
    }
    details.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<String> {
        metrics(&Analysis::new(text))
            .into_iter()
            .map(|m| m.text)
            .collect()
    }

    #[test]
    fn dates_and_times_of_day_are_not_figures() {
        let dated = "On 2024-05-01 I called her. By 3/14 and again on 3/14/2024 at 9:30 \
                     and 10am I had asked. On May 3, and on the 14th of March, in Q3 of \
                     2021-22, I told him. I wrote to her on 3 May 2023.";
        assert_eq!(figures(dated), Vec::<String>::new());
    }

    #[test]
    fn measures_are_still_figures_next_to_dates() {
        let measured = "On 3 May I cut the backlog by 40% and saved $12,000 in 3 weeks.";
        let found = figures(measured);
        assert!(found.iter().any(|f| f == "40%"), "{found:?}");
        assert!(found.iter().any(|f| f == "$12,000"), "{found:?}");
        assert!(found.iter().any(|f| f == "3 weeks"), "{found:?}");
        assert!(!found.iter().any(|f| f == "3"), "{found:?}");
    }

    #[test]
    fn shapes_that_only_look_like_dates_are_figures() {
        for (text, figure) in [
            ("I saved 12/15 accounts.", "12/15"),
            ("I kept 3/4 of the team.", "3/4"),
            ("I got a 1:10 ratio of reviews.", "1:10"),
            ("I cut it to 2:30 a call.", "2:30"),
            ("By June 12 teams had moved.", "12"),
            ("In May 20 customers churned.", "20"),
            ("I saved 2000 hours.", "2000 hours"),
            ("I said the 2 may leave.", "2"),
        ] {
            let found = figures(text);
            assert!(
                found.iter().any(|f| f.starts_with(figure)),
                "{text}: {found:?}"
            );
        }
    }
}
