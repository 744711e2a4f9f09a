//! What the judge is asked: the principle, the question with its premise, rubric points and
//! red flags (with ids), the label scale, and the answer; evidence first, then a verdict in
//! a fixed JSON shape.

use serde_json::{Value, json};

use crate::bank::{Principle, Question};

/// Changes whenever the prompt or the schema changes, so cached verdicts are asked again.
pub const PROMPT_VERSION: u32 = 1;

/// The principle-wide kinds of red flag a judge may name, with what each means.
pub const PRINCIPLE_FLAGS: [(&str, &str); 5] = [
    ("blame", "blames others or plays down their own part"),
    (
        "spin",
        "hides or softens a mistake or bad news, or lets it pass unmentioned",
    ),
    (
        "misleading",
        "tells someone what they knew was false or doubted, or lets a known-wrong claim stand",
    ),
    (
        "taking-credit",
        "presents others' work or ideas as their own",
    ),
    (
        "disrespect",
        "goes over or behind someone, shames them in front of others, or presses with rank",
    ),
];

/// The red-flag kinds a verdict may use for `question`: its own ids, then the principle's.
pub fn flag_kinds(question: &Question) -> Vec<&str> {
    question
        .red_flags
        .iter()
        .map(|f| f.id.as_str())
        .chain(PRINCIPLE_FLAGS.iter().map(|(kind, _)| *kind))
        .collect()
}

/// The chat messages for one answer.
pub fn messages(principle: &Principle, question: &Question, answer: &str) -> Value {
    let mut user = String::new();
    user.push_str(&format!(
        "PRINCIPLE: {}\n{}\n",
        principle.name,
        principle.text.trim()
    ));
    for behaviour in &principle.behaviours {
        user.push_str(&format!("- {behaviour}\n"));
    }
    user.push_str(&format!("\nQUESTION: {}\n", question.text.trim()));
    if let Some(premise) = &question.premise {
        user.push_str(&format!(
            "\nPREMISE (what the story must establish to answer this question at all): {}\n",
            premise.text.trim()
        ));
    }
    user.push_str("\nRUBRIC (what a strong answer shows), by id:\n");
    for point in &question.rubric {
        user.push_str(&format!("- {}: {}\n", point.id, point.point.trim()));
    }
    user.push_str("\nRED FLAGS (what sinks an answer), by kind:\n");
    for flag in &question.red_flags {
        user.push_str(&format!("- {}: {}\n", flag.id, flag.flag.trim()));
    }
    for (kind, meaning) in PRINCIPLE_FLAGS {
        user.push_str(&format!("- {kind}: the speaker {meaning}\n"));
    }
    user.push_str(
        "\nLABEL SCALE for overall: 5 strong hire, 4 hire, 3 borderline, 2 weak, 1 clear no.\n",
    );
    user.push_str(&format!(
        "\nANSWER (the candidate's own words, between the lines):\n-----\n{}\n-----\n",
        answer.trim()
    ));
    user.push_str(
        "\nFirst find the evidence, then decide. For each rubric id give a verdict (met, \
partly or missed) and quote the candidate's exact words that show it (empty when missed). \
List a red flag only for something the SPEAKER did or said, never what others said or felt, \
with its kind and the candidate's exact words. Quotes must be copied from the ANSWER, never \
from these instructions. Set on_question to false if the story never establishes the \
premise. Then give overall (1-5) and a one-sentence reason. Reply with JSON only, in this \
shape: {\"rubric\": [{\"id\": \"...\", \"verdict\": \"met\", \"quote\": \"...\"}], \
\"red_flags\": [{\"kind\": \"...\", \"quote\": \"...\"}], \"on_question\": true, \
\"overall\": 4, \"reason\": \"...\"}",
    );
    json!([
        {
            "role": "system",
            "content": "You are a strict Amazon bar-raiser scoring one behavioural interview \
    answer against a rubric. You judge only what the answer says, quote it exactly, and reply \
    with JSON only."
        },
        { "role": "user", "content": user }
    ])
}

/// The JSON schema of a verdict, for servers that enforce one.
pub fn schema() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["rubric", "red_flags", "on_question", "overall", "reason"],
        "properties": {
            "rubric": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "verdict", "quote"],
                    "properties": {
                        "id": { "type": "string" },
                        "verdict": { "type": "string", "enum": ["met", "partly", "missed"] },
                        "quote": { "type": "string" }
                    }
                }
            },
            "red_flags": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["kind", "quote"],
                    "properties": {
                        "kind": { "type": "string" },
                        "quote": { "type": "string" }
                    }
                }
            },
            "on_question": { "type": "boolean" },
            "overall": { "type": "integer", "minimum": 1, "maximum": 5 },
            "reason": { "type": "string" }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankSource, load_bank};

    #[test]
    fn the_prompt_carries_question_premise_rubric_flags_and_answer() {
        let bank = load_bank(&BankSource::Embedded).unwrap();
        let question = bank.question("harsh-truth").unwrap();
        let messages = messages(&bank.principle, question, "I told Omar the truth.");
        let user = messages[1]["content"].as_str().unwrap();
        for needle in [
            question.text.as_str(),
            question.premise.as_ref().unwrap().text.as_str(),
            question.rubric[0].id.as_str(),
            question.red_flags[0].id.as_str(),
            "taking-credit",
            "I told Omar the truth.",
        ] {
            assert!(user.contains(needle), "{needle}");
        }
        let kinds = flag_kinds(question);
        assert!(kinds.contains(&question.red_flags[0].id.as_str()) && kinds.contains(&"blame"));
    }
}
