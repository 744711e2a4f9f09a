//! An optional model judge: an OpenAI-compatible chat-completions server (a local one such
//! as Ollama, llama.cpp's server, LM Studio or vLLM, or a hosted API the user agreed to)
//! reads the answer for what rules cannot: whether it answers the question and whether it
//! quietly breaks trust. The rules stay the default and the fallback; a judge that is
//! down, slow, refuses or talks nonsense leaves the rules' score and a reason.
//!
//! `prompt` says what is asked, `client` sends it, `verdict` reads and checks the reply,
//! `combine` turns verdicts into a score, `cache` keeps them, `settings` says which judge.

pub mod cache;
pub mod client;
pub mod combine;
pub mod prompt;
pub mod settings;
pub mod verdict;

use cache::Cache;
use client::{Failure, Form, Request};
use settings::Settings;
use verdict::CheckedVerdict;

use crate::bank::{Principle, Question};
use crate::scoring::{JudgeResult, Report};

/// The seed of the first sample; each further sample takes the next one.
const SEED: u64 = 20_240_917;
/// The temperature of samples when several are taken (one sample is taken at 0).
const SAMPLE_TEMPERATURE: f64 = 0.7;

/// A judge ready to read answers.
#[derive(Debug, Clone)]
pub struct Judge {
    pub settings: Settings,
    /// Where verdicts are kept; `None` keeps nothing (`--no-answer-text`).
    cache: Option<Cache>,
}

/// Why a judge gave no verdict, in words for a one-line note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUsed(pub String);

impl std::fmt::Display for NotUsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Judge {
    /// A judge with these settings, keeping verdicts in `cache` if given.
    pub fn new(settings: Settings, cache: Option<Cache>) -> Self {
        Judge { settings, cache }
    }

    /// The judge's verdict on `answer` to `question`: from the cache, or asked of the
    /// model (each sample with its own seed), checked and combined.
    pub fn verdict(
        &self,
        principle: &Principle,
        question: &Question,
        answer: &str,
    ) -> Result<CheckedVerdict, NotUsed> {
        let settings = &self.settings;
        let messages = prompt::messages(principle, question, answer);
        let key = Cache::key(
            &settings.model,
            prompt::PROMPT_VERSION,
            settings.samples,
            &messages.to_string(),
        );
        if !settings.refresh
            && let Some(cached) = self.cache.as_ref().and_then(|c| c.get(&key))
        {
            return Ok(cached);
        }
        if !settings.allowed {
            return Err(NotUsed(format!(
                "answers would go to {}, which is not this machine; agree once with \
--judge-allow-remote (or `earn-trust judge setup`)",
                settings.host
            )));
        }
        let rubric_ids: Vec<&str> = question.rubric.iter().map(|p| p.id.as_str()).collect();
        let kinds = prompt::flag_kinds(question);
        let schema = prompt::schema();
        let mut samples = Vec::new();
        for sample in 0..u64::from(settings.samples) {
            // Several samples must differ to be worth a vote; one alone is asked for at its
            // most likely.
            let temperature = if settings.samples > 1 {
                SAMPLE_TEMPERATURE
            } else {
                0.0
            };
            let request = settings.request(&messages, &schema, temperature, SEED + sample);
            let reply = self
                .ask(&request)
                .map_err(|failure| NotUsed(format!("the judge at {}: {failure}", settings.host)))?;
            let raw = verdict::parse(&reply)
                .map_err(|why| NotUsed(format!("the judge's reply could not be used: {why}")))?;
            samples.push(verdict::check(raw, &rubric_ids, &kinds, answer));
        }
        let combined = combine::aggregate(samples).ok_or_else(|| NotUsed("no sample".into()))?;
        if let Some(cache) = &self.cache {
            cache.put(&key, &combined);
        }
        Ok(combined)
    }

    /// Sends `request`, in the form that last worked with this server, else trying each
    /// form in turn while the server rejects what it was asked.
    pub fn ask(&self, request: &Request) -> Result<String, Failure> {
        let (reply, form) = self.ask_with_form(request)?;
        if let Some(cache) = &self.cache {
            cache.remember_form(request.url, form);
        }
        Ok(reply)
    }

    /// Like [`Judge::ask`], and which form worked.
    pub fn ask_with_form(&self, request: &Request) -> Result<(String, Form), Failure> {
        let remembered = self.cache.as_ref().and_then(|c| c.form_for(request.url));
        let forms = remembered
            .into_iter()
            .chain(Form::ALL.into_iter().filter(|f| Some(*f) != remembered));
        let mut last = None;
        for form in forms {
            match client::send(request, form) {
                Ok(reply) => return Ok((reply, form)),
                Err(failure) if client::is_rejection(&failure) => last = Some(failure),
                Err(failure) => return Err(failure),
            }
        }
        Err(last.unwrap_or(Failure::Malformed("no form was tried".into())))
    }
}

/// The report with the judge's verdict applied: the combined score and grade, and what
/// the judge said next to the rules' score.
pub fn apply(report: &mut Report, question: &Question, verdict: CheckedVerdict, judge: &Judge) {
    let gaming = report.signals.red_flags.iter().any(|f| f.kind.is_gaming());
    let weights: Vec<f64> = question.rubric.iter().map(|p| p.weight).collect();
    let rules_score = report.score;
    let score = combine::final_score(&verdict, &weights, rules_score, gaming);
    report.score = score;
    report.grade = crate::scoring::Grade::from_score(score);
    report.judge = Some(JudgeResult {
        model: judge.settings.model.clone(),
        host: judge.settings.host.clone(),
        overall: verdict.overall,
        reason: crate::scoring::sanitize(&verdict.reason),
        on_question: verdict.on_question,
        rubric: verdict.rubric,
        red_flags: verdict.red_flags,
        rules_score,
    });
}
