//! Quality of the embedded Earn Trust bank: the seed questions, coverage, sample answers
//! that are first person, within the spoken-length band, and original.

use std::collections::HashSet;

use earn_trust::bank::{Bank, BankSource, Level, load_bank};

const SEED_IDS: [&str; 13] = [
    "earn-trust-quickly",
    "build-trusting-relationships",
    "improve-morale",
    "missed-commitment",
    "resistant-peers",
    "gave-direct-feedback",
    "receive-feedback",
    "criticized-work",
    "harsh-truth",
    "change-in-direction",
    "convince-resistant",
    "client-trust-quickly",
    "coached-someone",
];

/// The tag vocabulary documented in docs/bank-format.md.
const TAGS: [&str; 14] = [
    "candour",
    "self-criticism",
    "listening",
    "respect",
    "commitments",
    "feedback",
    "benchmarking",
    "customer",
    "conflict",
    "leadership",
    "failure",
    "ethics",
    "delegation",
    "change",
];

fn bank() -> Bank {
    load_bank(&BankSource::Embedded).expect("the embedded bank passes validation")
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('\u{2019}', "'")
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_bank_holds_the_seed_questions_and_at_least_25() {
    let bank = bank();
    let ids: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    for id in SEED_IDS {
        assert!(ids.contains(id), "missing seed question {id}");
    }
    assert!(
        bank.questions.len() >= 25,
        "{} questions",
        bank.questions.len()
    );
}

#[test]
fn every_question_has_rubric_follow_ups_and_known_tags() {
    for q in bank().questions {
        assert!(
            (3..=6).contains(&q.rubric.len()),
            "{}: {} rubric points",
            q.id,
            q.rubric.len()
        );
        assert!(
            (2..=4).contains(&q.follow_ups.len()),
            "{}: follow-ups",
            q.id
        );
        assert!(!q.tags.is_empty(), "{}: no tags", q.id);
        for tag in &q.tags {
            assert!(
                TAGS.contains(&tag.as_str()),
                "{}: tag {tag} is not in the vocabulary",
                q.id
            );
        }
        for point in &q.rubric {
            assert!(point.cues.len() >= 5, "{}/{}: too few cues", q.id, point.id);
        }
    }
}

#[test]
fn every_behaviour_the_principle_names_is_covered_by_some_question() {
    let bank = bank();
    let tags: HashSet<&str> = bank
        .questions
        .iter()
        .flat_map(|q| q.tags.iter().map(String::as_str))
        .collect();
    for tag in TAGS {
        assert!(tags.contains(tag), "no question tagged {tag}");
    }
    let signals: HashSet<&str> = bank
        .principle
        .signals
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    for id in [
        "self-criticism",
        "candour",
        "listening",
        "respect",
        "benchmarking",
        "commitments",
    ] {
        assert!(signals.contains(id), "principle signal {id} missing");
    }
}

#[test]
fn strong_samples_are_first_person_and_fit_the_spoken_band() {
    let bank = bank();
    for q in &bank.questions {
        let strong: Vec<_> = q
            .sample_answers
            .iter()
            .filter(|s| s.level == Level::Strong)
            .collect();
        let wanted = if ["client-trust-quickly", "coached-someone"].contains(&q.id.as_str()) {
            2
        } else {
            1
        };
        assert!(
            strong.len() >= wanted,
            "{}: {} strong samples",
            q.id,
            strong.len()
        );
        for sample in strong {
            let count = sample.text.split_whitespace().count();
            assert!(
                (210..=420).contains(&count),
                "{}: strong sample of {count} words",
                q.id
            );
            let tokens = words(&sample.text);
            let i = tokens
                .iter()
                .filter(|w| matches!(w.as_str(), "i" | "my" | "me"))
                .count();
            let we = tokens
                .iter()
                .filter(|w| matches!(w.as_str(), "we" | "our" | "us"))
                .count();
            assert!(
                i >= 10 && i > we,
                "{}: strong sample is not first person (I {i}, we {we})",
                q.id
            );
            assert!(
                tokens.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())),
                "{}: strong sample has no number",
                q.id
            );
        }
        for sample in &q.sample_answers {
            assert!(
                !sample.commentary.trim().is_empty(),
                "{}: sample without commentary",
                q.id
            );
        }
    }
}

#[test]
fn the_featured_questions_have_strong_samples_at_different_seniority() {
    let bank = bank();
    for id in ["client-trust-quickly", "coached-someone"] {
        let roles: HashSet<&str> = bank
            .question(id)
            .unwrap()
            .sample_answers
            .iter()
            .filter(|s| s.level == Level::Strong)
            .map(|s| s.role.as_str())
            .collect();
        assert!(roles.len() >= 2, "{id}: strong samples share a role");
    }
}

#[test]
fn the_bank_has_at_least_ten_weaker_samples_to_learn_from() {
    let weaker = bank()
        .questions
        .iter()
        .flat_map(|q| &q.sample_answers)
        .filter(|s| matches!(s.level, Level::Adequate | Level::Weak))
        .count();
    assert!(weaker >= 10, "{weaker} adequate or weak samples");
}

#[test]
fn no_sample_copies_eight_words_from_the_seed_article() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/earn-trust-article.txt");
    let Ok(article) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the seed article is not at {}", path.display());
        return;
    };
    let article = words(&article);
    let grams: HashSet<&[String]> = article.windows(8).collect();
    for q in bank().questions {
        for sample in &q.sample_answers {
            let text = words(&sample.text);
            if let Some(copied) = text.windows(8).find(|w| grams.contains(w)) {
                panic!(
                    "{}: a sample copies the article: {}",
                    q.id,
                    copied.join(" ")
                );
            }
        }
    }
}

/// Both shipped banks: the built-in one and the second example.
fn shipped_banks() -> Vec<Bank> {
    let second =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/customer-obsession.yaml");
    vec![bank(), load_bank(&BankSource::File(second)).unwrap()]
}

#[test]
fn every_shipped_question_has_a_premise_and_red_flags_to_ask_about() {
    for bank in shipped_banks() {
        for q in &bank.questions {
            let premise = q
                .premise
                .as_ref()
                .unwrap_or_else(|| panic!("{}: no premise", q.id));
            assert!(premise.cues.len() >= 10, "{}: premise cues", q.id);
            assert!(
                (2..=4).contains(&q.red_flags.len()),
                "{}: {} red flags",
                q.id,
                q.red_flags.len()
            );
            for flag in &q.red_flags {
                assert!(flag.cues.len() >= 5, "{} {}: cues", q.id, flag.id);
                let ask = flag.ask.as_deref().unwrap_or_default();
                assert!(ask.ends_with('?'), "{} {}: ask {ask:?}", q.id, flag.id);
            }
        }
    }
}
