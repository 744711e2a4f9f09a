//! A model's verdict on an answer: read leniently (code fences, text around the JSON), then
//! checked strictly, and every quote verified against the answer, so a judge that invents
//! evidence (or quotes the prompt back) gains nothing by it.

use serde::{Deserialize, Serialize};

pub use crate::scoring::Verdict;
use crate::scoring::{JudgedFlag, JudgedPoint};

/// The verdict as the model must send it (the JSON schema the request asks for).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVerdict {
    pub rubric: Vec<RawPoint>,
    pub red_flags: Vec<RawFlag>,
    pub on_question: bool,
    pub overall: u8,
    pub reason: String,
}

/// One rubric point in a raw verdict.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    pub id: String,
    pub verdict: Verdict,
    #[serde(default)]
    pub quote: String,
}

/// One red flag in a raw verdict.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlag {
    pub kind: String,
    #[serde(default)]
    pub quote: String,
}

/// A rubric point after checking.
pub type CheckedPoint = JudgedPoint;
/// A red flag after checking.
pub type CheckedFlag = JudgedFlag;

/// A verdict checked against the question and the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedVerdict {
    pub rubric: Vec<CheckedPoint>,
    pub red_flags: Vec<CheckedFlag>,
    pub on_question: bool,
    pub overall: u8,
    pub reason: String,
}

/// Finds the JSON object in a model's reply: the reply itself, inside a code fence, or the
/// outermost `{…}` in text around it.
pub fn extract_json(reply: &str) -> Option<&str> {
    let trimmed = reply.trim();
    if let Some(fenced) = trimmed
        .split("```")
        .nth(1)
        .map(|block| block.trim_start_matches("json").trim())
        .filter(|block| block.starts_with('{'))
    {
        return Some(fenced);
    }
    let start = trimmed.find('{')?;
    let end = trimmed.rfind('}')?;
    (end > start).then(|| &trimmed[start..=end])
}

/// Parses a reply leniently and validates it strictly; the error says what is wrong.
pub fn parse(reply: &str) -> Result<RawVerdict, String> {
    let json = extract_json(reply).ok_or("the reply holds no JSON object")?;
    let verdict: RawVerdict =
        serde_json::from_str(json).map_err(|err| format!("the verdict does not fit: {err}"))?;
    if !(1..=5).contains(&verdict.overall) {
        return Err(format!("overall is {}, not 1 to 5", verdict.overall));
    }
    Ok(verdict)
}

/// Checks `raw` against the question's rubric ids and red-flag kinds and against `answer`:
/// unknown ids and kinds are dropped, each quote is verified, and a `met` or `partly` whose
/// quote is empty or not in the answer counts as `partly` at most.
pub fn check(
    raw: RawVerdict,
    rubric_ids: &[&str],
    flag_kinds: &[&str],
    answer: &str,
) -> CheckedVerdict {
    let answer = normalise(answer);
    let rubric = rubric_ids
        .iter()
        .map(|id| {
            let point = raw.rubric.iter().find(|p| p.id == *id);
            let quote = point
                .map(|p| p.quote.trim().to_string())
                .unwrap_or_default();
            let verified = is_quoted_from(&quote, &answer);
            let verdict = match point.map(|p| p.verdict) {
                Some(Verdict::Met) if verified => Verdict::Met,
                Some(Verdict::Met | Verdict::Partly) => Verdict::Partly,
                Some(Verdict::Missed) | None => Verdict::Missed,
            };
            CheckedPoint {
                id: id.to_string(),
                verdict,
                quote,
                verified,
            }
        })
        .collect();
    let red_flags = raw
        .red_flags
        .into_iter()
        .filter(|f| flag_kinds.contains(&f.kind.as_str()))
        .map(|f| {
            let quote = f.quote.trim().to_string();
            CheckedFlag {
                verified: is_quoted_from(&quote, &answer),
                kind: f.kind,
                quote,
            }
        })
        .collect();
    CheckedVerdict {
        rubric,
        red_flags,
        on_question: raw.on_question,
        overall: raw.overall,
        reason: raw.reason.trim().to_string(),
    }
}

/// Quotes shorter than this many words prove nothing ("I", "the team").
const MIN_QUOTE_WORDS: usize = 3;

/// Whether `quote` stands in the (normalised) answer, once normalised itself.
fn is_quoted_from(quote: &str, normalised_answer: &str) -> bool {
    let quote = normalise(quote);
    let quote = quote.trim_matches(|c: char| c == '"' || c == '\'' || c == '.' || c == ' ');
    quote.split(' ').count() >= MIN_QUOTE_WORDS && normalised_answer.contains(quote)
}

/// Lowercase, one space between words, straight quote marks, no ellipsis: what a model may
/// change when it quotes, and what verification ignores.
fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2026}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANSWER: &str = "Last spring I told Dana plainly that the 20 percent figure was not \
achievable. We reached 7 percent in the quarter.";

    fn raw(json: &str) -> RawVerdict {
        parse(json).unwrap()
    }

    #[test]
    fn json_is_found_in_fences_and_text_around_it() {
        let plain = r#"{"rubric":[],"red_flags":[],"on_question":true,"overall":4,"reason":"ok"}"#;
        assert!(parse(plain).is_ok());
        assert!(
            parse(&format!(
                "Here is my verdict:\n```json\n{plain}\n```\nThanks"
            ))
            .is_ok()
        );
        assert!(parse(&format!("Sure! {plain} Hope that helps.")).is_ok());
        assert!(parse("Sure! I think it is a 4.").is_err());
        assert!(
            parse(&plain.replace("4", "9"))
                .unwrap_err()
                .contains("overall")
        );
        assert!(parse(&plain.replace("\"reason\":\"ok\"", "\"reasoning\":\"ok\"")).is_err());
    }

    #[test]
    fn quotes_are_verified_against_the_answer_and_unverified_claims_count_little() {
        let verdict = raw(r#"{"rubric":[
                {"id":"a","verdict":"met","quote":"I told  Dana plainly that the 20 percent"},
                {"id":"b","verdict":"met","quote":"I quietly changed the numbers"},
                {"id":"c","verdict":"missed","quote":""}],
              "red_flags":[
                {"kind":"misleading","quote":"We reached 7 percent in the quarter."},
                {"kind":"misleading","quote":"I hid the real figure from the board"},
                {"kind":"made-up","quote":"We reached 7 percent"}],
              "on_question":true,"overall":4,"reason":" candid "}"#);
        let checked = check(verdict, &["a", "b", "c", "d"], &["misleading"], ANSWER);
        let verdicts: Vec<(Verdict, bool)> = checked
            .rubric
            .iter()
            .map(|p| (p.verdict, p.verified))
            .collect();
        assert_eq!(
            verdicts,
            [
                (Verdict::Met, true),
                (Verdict::Partly, false),
                (Verdict::Missed, false),
                (Verdict::Missed, false)
            ]
        );
        let flags: Vec<bool> = checked.red_flags.iter().map(|f| f.verified).collect();
        assert_eq!(flags, [true, false], "an unknown kind is dropped");
        assert_eq!(checked.reason, "candid");
    }

    #[test]
    fn a_quote_too_short_to_prove_anything_is_not_verified() {
        assert!(!is_quoted_from("I told", &normalise(ANSWER)));
        assert!(is_quoted_from(
            "\u{201c}We reached 7 percent\u{201d}",
            &normalise(ANSWER)
        ));
    }
}
