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
            // A date or a time of day says when, not how much.
            let of_month = raw.get(i + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
                && raw.get(i + 2).is_some_and(|w| is_month(w));
            let beside_month = of_month
                || [i.checked_sub(1), Some(i + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| raw.get(j))
                    .any(|w| is_month(w));
            if is_date_or_time(clean) || (beside_month && is_day_of_month(clean)) {
                continue;
            }
            let unit = || {
                raw.get(i + 1)
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    })
                    .filter(|n| UNITS.contains(&n.as_str()))
            };
            let is_figure = if clean.bytes().any(|b| b.is_ascii_digit()) {
                true
            } else {
                let known = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(clean));
                (known(NUMBER_WORDS) && unit().is_some()) || known(CHANGE_WORDS)
            };
            if !is_figure {
                continue;
            }
            let text = match unit() {
                Some(unit) => format!("{clean} {unit}"),
                None => clean.to_string(),
            };
            // "200 thousand dollars" is one figure, not "200" and "thousand dollars".
            let scale = raw.get(i + 1).map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            let text = match scale.as_deref() {
                Some(s @ ("thousand" | "million" | "billion" | "percent" | "k" | "m"))
                    if clean.bytes().any(|b| b.is_ascii_digit()) =>
                {
                    format!("{clean} {s}")
                }
                _ => text,
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

/// "2024-05-01", "2021-22", "3/14", "3/14/2024", "9:30", "9am", "Q3": when, not how much.
fn is_date_or_time(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let digits = |part: &str, min: usize, max: usize| {
        (min..=max).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let parts = |separator: char| lower.split(separator).collect::<Vec<_>>();
    let iso = match parts('-').as_slice() {
        [year, month, day] => digits(year, 4, 4) && digits(month, 1, 2) && digits(day, 1, 2),
        [year, next] => digits(year, 4, 4) && digits(next, 2, 2),
        _ => false,
    };
    let slashed = match parts('/').as_slice() {
        [a, b] => digits(a, 1, 2) && digits(b, 1, 2),
        [a, b, year] => {
            digits(a, 1, 2) && digits(b, 1, 2) && (digits(year, 2, 2) || digits(year, 4, 4))
        }
        _ => false,
    };
    let clock = match lower
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .split_once(':')
    {
        Some((hour, minute)) => digits(hour, 1, 2) && digits(minute, 2, 2),
        None => false,
    };
    let hour = ["am", "pm", "a.m", "p.m"]
        .iter()
        .any(|suffix| lower.strip_suffix(suffix).is_some_and(|h| digits(h, 1, 2)));
    let quarter = lower
        .strip_prefix('q')
        .is_some_and(|q| matches!(q, "1" | "2" | "3" | "4"));
    iso || slashed || clock || hour || quarter || is_bare_year(word)
}

/// "3", "14th": a day of the month, when it stands next to a month's name.
fn is_day_of_month(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    (1..=2).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
}

/// A month's name, in full or shortened ("Sept.", "Mar").
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
    let lower = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
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
                     and 10am I had asked. On May 3 and on the 14th of March, in Q3 of \
                     2021-22, I told him.";
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
}
