//! `earn-trust eval`: score every answer of a labelled set and say how far the scores
//! agree with the labels.

use std::collections::HashMap;

use serde::Serialize;

use super::Context;
use super::judge::judge_for;
use crate::bank::{LabelledAnswer, PROJECT_LABELLED_SETS, parse_labelled_set};
use crate::cli::{EvalArgs, Format};
use crate::evaluate::{Agreement, Scored, agreement};
use crate::output::{self, plural, print_stdout};
use crate::scoring::Scorer;
use crate::{Error, Result};

/// How many of the worst disagreements are listed.
const WORST: usize = 8;

/// One labelled set, by the name it is shown with.
struct Set {
    name: String,
    answers: Vec<LabelledAnswer>,
}

/// The agreement of the scores with a judge's verdicts applied.
#[derive(Serialize)]
struct JudgeAgreement {
    model: String,
    host: String,
    /// Answers the judge gave no usable verdict on (they keep the rules' score).
    not_judged: usize,
    #[serde(flatten)]
    agreement: Agreement,
}

/// A set's name, size and agreement, for the per-set lines.
#[derive(Serialize)]
struct SetAgreement {
    name: String,
    n: usize,
    spearman: f64,
}

/// Scores the set at `--set` (or the project's own) and prints the agreement.
pub fn run(context: &Context, args: &EvalArgs) -> Result<()> {
    let bank = context.load_bank()?;
    let sets = match &args.set {
        Some(path) => vec![read_set(path)?],
        None => PROJECT_LABELLED_SETS
            .iter()
            .map(|(name, text)| {
                let answers =
                    parse_labelled_set(text, name).map_err(|why| Error::BuiltInDamaged {
                        what: "labelled set",
                        why: why.to_string(),
                    })?;
                Ok(Set {
                    name: name.to_string(),
                    answers,
                })
            })
            .collect::<Result<Vec<_>>>()?,
    };
    let judge = judge_for(context, &args.judge, true)?;
    let total: usize = sets.iter().map(|s| s.answers.len()).sum();
    let progress = judge.as_ref().map(|_| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("judging {pos}/{len} {wide_bar} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut scored: Vec<Vec<Scored>> = Vec::new();
    let mut judged: Vec<Scored> = Vec::new();
    let mut not_judged: Vec<String> = Vec::new();
    // One scorer a question, its cues prepared once, for all the answers to it.
    let mut scorers: HashMap<String, Scorer> = HashMap::new();
    for set in &sets {
        let mut set_scored = Vec::with_capacity(set.answers.len());
        for answer in &set.answers {
            let question = bank.question(&answer.question).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: answer `{}` is to question `{}`, which the bank does not have",
                    set.name, answer.id, answer.question
                ))
            })?;
            let scorer = scorers
                .entry(question.id.clone())
                .or_insert_with(|| Scorer::new(&bank, question));
            let mut report = scorer.score(&answer.answer);
            set_scored.push(Scored::new(answer, report.score));
            if let Some(judge) = &judge {
                match judge.verdict(&bank.principle, question, &answer.answer) {
                    Ok(verdict) => crate::judge::apply(&mut report, question, verdict, judge),
                    Err(why) => not_judged.push(format!("{}: {why}", answer.id)),
                }
                judged.push(Scored::new(answer, report.score));
            }
            if let Some(bar) = &progress {
                bar.inc(1);
            }
        }
        scored.push(set_scored);
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(first) = not_judged.first() {
        crate::output::stderr_line(&format!(
            "note: {} of {total} answers kept the rules' score (the judge was not used): {first}",
            not_judged.len()
        ));
    }
    let all: Vec<Scored> = scored.iter().flatten().cloned().collect();
    let overall = agreement(&all, WORST);
    let with_judge = judge.as_ref().map(|judge| JudgeAgreement {
        model: judge.settings.model.clone(),
        host: judge.settings.host.clone(),
        not_judged: not_judged.len(),
        agreement: agreement(&judged, WORST),
    });
    let per_set: Vec<SetAgreement> = if sets.len() > 1 {
        sets.iter()
            .zip(&scored)
            .map(|(set, scored)| SetAgreement {
                name: set.name.clone(),
                n: scored.len(),
                spearman: agreement(scored, 0).spearman,
            })
            .collect()
    } else {
        Vec::new()
    };
    let text = match args.format {
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                #[serde(flatten)]
                overall: &'a Agreement,
                sets: &'a [SetAgreement],
                #[serde(skip_serializing_if = "Option::is_none")]
                judge: Option<&'a JudgeAgreement>,
            }
            output::to_json(&Report {
                overall: &overall,
                sets: &per_set,
                judge: with_judge.as_ref(),
            })
        }
        Format::Text => {
            let mut text = render(&sets, &overall, &per_set);
            if let Some(judged) = &with_judge {
                text.push_str(&render_judged(&overall, judged));
            }
            text
        }
    };
    print_stdout(&text)
}

fn read_set(path: &std::path::Path) -> Result<Set> {
    let name = path.display().to_string();
    let bytes = earn_trust_bank::read_capped(path, earn_trust_bank::MAX_LABELLED_BYTES)
        .map_err(|err| Error::Usage(format!("--set {name}: cannot read it: {err}")))?
        .ok_or_else(|| {
            Error::Usage(format!(
                "--set {name}: larger than {} bytes",
                earn_trust_bank::MAX_LABELLED_BYTES
            ))
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("--set {name}: not UTF-8 text")))?;
    let answers = parse_labelled_set(&text, &name)?;
    Ok(Set { name, answers })
}

fn render(sets: &[Set], overall: &Agreement, per_set: &[SetAgreement]) -> String {
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    let mut out = format!(
        "Scorer against {} ({})\n\n",
        plural(overall.n, "labelled answer"),
        names.join(", ")
    );
    out.push_str(&format!(
        "  Spearman (rank agreement with the labels)  {:.2}   plain word count: {:.2}\n",
        overall.spearman, overall.word_count_spearman
    ));
    out.push_str(&format!(
        "  Pairs 2 or more labels apart, ordered right  {:.0}% of {}\n",
        overall.pair_accuracy * 100.0,
        overall.pairs
    ));
    for part in per_set {
        out.push_str(&format!(
            "  {}: n={} Spearman {:.2}\n",
            part.name, part.n, part.spearman
        ));
    }
    out.push_str("\nMean score by label\n");
    for (label, mean) in &overall.by_label {
        let (low, high) = crate::evaluate::label_band(*label);
        let band = format!("(band {low}-{high})");
        out.push_str(&format!(
            "  {label} {band:<15} n={:<4} {:.1}\n",
            mean.n, mean.mean
        ));
    }
    out.push_str("\nMean score by kind\n");
    let width = overall.by_kind.keys().map(String::len).max().unwrap_or(0);
    for (kind, mean) in &overall.by_kind {
        out.push_str(&format!(
            "  {kind:<width$}  n={:<4} {:.1}\n",
            mean.n, mean.mean
        ));
    }
    if !overall.worst.is_empty() {
        out.push_str("\nWorst disagreements (score outside the label's band)\n");
        for d in &overall.worst {
            out.push_str(&format!(
                "  {}  {}  label {}  score {}  {}\n",
                d.id,
                d.question,
                d.label,
                d.score,
                d.kind.as_deref().unwrap_or("")
            ));
        }
    }
    out
}

/// The rules and the judge side by side.
fn render_judged(rules: &Agreement, judged: &JudgeAgreement) -> String {
    let with = &judged.agreement;
    let mut out = format!(
        "\nWith the judge ({} at {}; {} kept the rules' score)\n",
        judged.model,
        judged.host,
        plural(judged.not_judged, "answer")
    );
    out.push_str(&format!("  {:<28} {:>7} {:>7}\n", "", "rules", "judge"));
    out.push_str(&format!(
        "  {:<28} {:>7.2} {:>7.2}\n",
        "Spearman", rules.spearman, with.spearman
    ));
    out.push_str(&format!(
        "  {:<28} {:>6.0}% {:>6.0}%\n",
        "Pairs 2+ labels apart right",
        rules.pair_accuracy * 100.0,
        with.pair_accuracy * 100.0
    ));
    for (kind, mean) in &rules.by_kind {
        let judged_mean = with.by_kind.get(kind).map_or(0.0, |m| m.mean);
        out.push_str(&format!(
            "  {:<28} {:>7.1} {:>7.1}\n",
            format!("mean, {kind}"),
            mean.mean,
            judged_mean
        ));
    }
    if !with.worst.is_empty() {
        out.push_str("  Worst disagreements with the judge\n");
        for d in &with.worst {
            out.push_str(&format!(
                "    {}  {}  label {}  score {}\n",
                d.id, d.question, d.label, d.score
            ));
        }
    }
    out
}
