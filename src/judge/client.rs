//! One chat-completions request to an OpenAI-compatible server, with the ways servers
//! differ: a JSON schema in `response_format` (OpenAI, Ollama, vLLM, LM Studio), the
//! `json_object` form with a schema (llama.cpp's Python server), or the schema in the
//! prompt only.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The most tokens a verdict may take.
const MAX_VERDICT_TOKENS: u32 = 1500;

/// Replies larger than this are not read (1 MiB).
const MAX_REPLY_BYTES: u64 = 1024 * 1024;

/// How a request asks for JSON, most precise first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    JsonSchema,
    JsonObject,
    PromptOnly,
}

impl Form {
    /// Every form, in the order they are tried.
    pub const ALL: [Form; 3] = [Form::JsonSchema, Form::JsonObject, Form::PromptOnly];

    /// The `response_format` field for this form, if any.
    fn response_format(self, schema: &Value) -> Option<Value> {
        match self {
            Form::JsonSchema => Some(json!({
                "type": "json_schema",
                "json_schema": { "name": "verdict", "strict": true, "schema": schema }
            })),
            Form::JsonObject => Some(json!({ "type": "json_object", "schema": schema })),
            Form::PromptOnly => None,
        }
    }

    /// How `judge check` names it.
    pub fn describe(self) -> &'static str {
        match self {
            Form::JsonSchema => "response_format json_schema",
            Form::JsonObject => "response_format json_object with a schema",
            Form::PromptOnly => "the schema in the prompt only",
        }
    }
}

/// Why a request gave no reply to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server could not be reached, or the connection broke.
    Unreachable(String),
    /// No complete answer within the timeout.
    TimedOut,
    /// The server refused the key (401, 403).
    Refused(u16),
    /// The server answered with an error status.
    Status(u16, String),
    /// The reply was not a chat completion.
    Malformed(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unreachable(why) => write!(f, "cannot reach it ({why})"),
            Failure::TimedOut => f.write_str("no answer within the timeout"),
            Failure::Refused(status) => {
                write!(f, "it refused the request (HTTP {status}; check the key)")
            }
            Failure::Status(status, body) => write!(f, "HTTP {status}: {body}"),
            Failure::Malformed(why) => write!(f, "its reply is not a chat completion ({why})"),
        }
    }
}

/// What to send, and where.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The API base, e.g. `http://localhost:11434/v1`.
    pub url: &'a str,
    pub model: &'a str,
    /// Sent as a Bearer token; never printed.
    pub key: Option<&'a str>,
    pub timeout: Duration,
    pub messages: &'a Value,
    pub schema: &'a Value,
    pub temperature: f64,
    pub seed: u64,
}

/// The chat-completions endpoint under an API base.
pub fn endpoint(url: &str) -> String {
    format!("{}/chat/completions", url.trim_end_matches('/'))
}

/// Sends `request` in `form`; the reply's message content, or why there is none.
pub fn send(request: &Request, form: Form) -> Result<String, Failure> {
    let mut body = json!({
        "model": request.model,
        "messages": request.messages,
        "temperature": request.temperature,
        "seed": request.seed,
        "stream": false,
        // A verdict is short; a small model that starts repeating itself is cut off.
        "max_tokens": MAX_VERDICT_TOKENS,
    });
    if let Some(format) = form.response_format(request.schema) {
        body["response_format"] = format;
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(request.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut call = agent
        .post(&endpoint(request.url))
        .header("Content-Type", "application/json");
    if let Some(key) = request.key {
        call = call.header("Authorization", &format!("Bearer {key}"));
    }
    let mut response = call.send(body.to_string()).map_err(failure)?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(MAX_REPLY_BYTES)
        .read_to_string()
        .map_err(failure)?;
    match status {
        200..=299 => content_of(&text),
        401 | 403 => Err(Failure::Refused(status)),
        _ => Err(Failure::Status(status, excerpt(&text))),
    }
}

/// Whether a failure in one form is worth trying the next form for: the server refused
/// what was asked of it, rather than being down, slow or locked.
pub fn is_rejection(failure: &Failure) -> bool {
    matches!(failure, Failure::Status(400 | 415 | 422 | 500, _))
}

fn failure(err: ureq::Error) -> Failure {
    match err {
        ureq::Error::Timeout(_) => Failure::TimedOut,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::TimedOut,
        other => Failure::Unreachable(other.to_string()),
    }
}

fn content_of(text: &str) -> Result<String, Failure> {
    #[derive(Deserialize)]
    struct Completion {
        choices: Vec<Choice>,
    }
    #[derive(Deserialize)]
    struct Choice {
        message: Message,
    }
    #[derive(Deserialize)]
    struct Message {
        content: Option<String>,
    }
    let completion: Completion =
        serde_json::from_str(text).map_err(|err| Failure::Malformed(err.to_string()))?;
    completion
        .choices
        .into_iter()
        .next()
        .and_then(|c| c.message.content)
        .ok_or_else(|| Failure::Malformed("no message in the reply".to_string()))
}

/// The start of an error body, on one line, for a message.
fn excerpt(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = line.chars().take(160).collect();
    if line.chars().count() > 160 {
        cut.push('…');
    }
    crate::scoring::sanitize(&cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_is_under_the_api_base() {
        assert_eq!(endpoint("http://h:1/v1/"), "http://h:1/v1/chat/completions");
        assert_eq!(endpoint("http://h:1/v1"), "http://h:1/v1/chat/completions");
    }

    #[test]
    fn a_completion_gives_its_first_message() {
        let reply = r#"{"choices":[{"index":0,"message":{"role":"assistant","content":"{}"}}]}"#;
        assert_eq!(content_of(reply).unwrap(), "{}");
        assert!(content_of(r#"{"choices":[]}"#).is_err());
        assert!(content_of("<html>").is_err());
    }

    #[test]
    fn only_a_refusal_of_the_format_is_retried_in_another_form() {
        assert!(is_rejection(&Failure::Status(
            500,
            "Input should be 'text'".into()
        )));
        assert!(!is_rejection(&Failure::Refused(401)));
        assert!(!is_rejection(&Failure::TimedOut));
        assert!(!is_rejection(&Failure::Unreachable("refused".into())));
    }
}
