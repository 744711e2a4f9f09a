//! What the scorer owes a candidate: flags only for the speaker's own words, the question's
//! own red flags and premise, evidence that supports each point, and feedback that agrees
//! with the score. Answers here are written for these tests.

use earn_trust::bank::{Bank, BankSource, Level, Question, load_bank};
use earn_trust::scoring::{Grade, RedFlagKind, Report, score_answer};

fn bank() -> Bank {
    load_bank(&BankSource::Embedded).unwrap()
}

fn report(bank: &Bank, id: &str, text: &str) -> Report {
    score_answer(bank, bank.question(id).unwrap(), text)
}

fn strong(question: &Question) -> &str {
    &question
        .sample_answers
        .iter()
        .find(|s| s.level == Level::Strong)
        .unwrap()
        .text
}

/// A candid answer to `harsh-truth`, with a place for one more sentence before its result.
const CANDID: &str = "Last spring I ran the data science team at a regional insurer. My peer \
Priya, who led underwriting, planned to tell the board that a new pricing model would lift \
margins by 12 percent. I had checked her back-test and found it left out the two storm seasons, \
when the model lost money. I asked her for an hour alone, showed her the seasonal numbers, and \
told her plainly that the 12 percent would not survive the board's questions. I also said I \
should have raised it the week before, when I first saw the gap. {extra}We reran the test \
together over two days, she presented 5 percent with the storm seasons included, and the board \
approved a limited launch that made 4.6 percent in its first year. I learned that a hard truth \
lands best early, in private, with the evidence on the table.";

fn candid(extra: &str) -> String {
    CANDID.replace("{extra}", extra)
}

#[test]
fn other_peoples_words_and_feelings_raise_no_flag_of_the_speakers() {
    let bank = bank();
    let plain = report(&bank, "harsh-truth", &candid(""));
    assert!(
        plain.signals.red_flags.is_empty(),
        "{:?}",
        plain.signals.red_flags
    );
    for reported in [
        "She was angry and said I was making her look bad in front of the board. ",
        "Two of her analysts were worried it was their fault and that they would be blamed. ",
        "She said, \"it was the actuaries' fault, not mine.\" ",
    ] {
        let with = report(&bank, "harsh-truth", &candid(reported));
        assert!(
            with.signals.red_flags.is_empty(),
            "{reported}: {:?}",
            with.signals.red_flags
        );
        assert!(plain.score.abs_diff(with.score) <= 10, "{reported}");
    }
}

#[test]
fn the_speakers_own_breach_costs_a_band_and_is_named() {
    let bank = bank();
    let plain = report(&bank, "harsh-truth", &candid(""));
    for breach in [
        "Before that meeting I went over her head and told the CFO the model was flawed. ",
        "I never actually told her the back-test was wrong; I hoped she would take the hint. ",
    ] {
        let with = report(&bank, "harsh-truth", &candid(breach));
        assert!(
            with.score + 15 <= plain.score,
            "{breach}: {} -> {}",
            plain.score,
            with.score
        );
        assert!(!with.signals.red_flags.is_empty());
        assert!(
            with.feedback
                .iter()
                .any(|f| f.contains(breach.split(' ').nth(2).unwrap()))
        );
    }
}

#[test]
fn a_question_flag_carries_its_id_and_its_sentence_earns_no_credit() {
    let bank = bank();
    let question = bank.question("harsh-truth").unwrap();
    let flag = &question.red_flags[0];
    let breach = "I never actually told her the numbers were wrong, I only hinted. ";
    let with = report(&bank, "harsh-truth", &candid(breach));
    let raised: Vec<_> = with
        .signals
        .red_flags
        .iter()
        .filter(|f| f.kind == RedFlagKind::Question)
        .collect();
    assert_eq!(raised.len(), 1, "{:?}", with.signals.red_flags);
    assert_eq!(raised[0].id.as_deref(), Some(flag.id.as_str()));
    for point in &with.rubric {
        assert!(
            !point.evidence.iter().any(|e| e.contains("only hinted")),
            "{} quotes the flagged sentence",
            point.id
        );
    }
    // The flag raised is not asked again as a self-check.
    assert!(!with.self_check.iter().any(|q| Some(q) == flag.ask.as_ref()));
}

#[test]
fn a_story_that_never_shows_the_premise_is_capped_and_told_why() {
    let bank = bank();
    // A well-told story of shipping under a deadline: nothing of a missed commitment.
    let other = "Last year I was the release manager for a payments app. The launch date was \
fixed by a partner bank, so I split the work into three streams, moved two engineers from \
reporting onto the payment flow, and ran a daily fifteen-minute check on the riskiest items. \
I cut two minor features after agreeing it with the product owner, and I automated the \
regression suite, which took our test cycle from three days to six hours. We shipped on the \
date with zero severity-one incidents, and transaction volume grew 30 percent in the first \
quarter. I learned to cut scope in the first week, not at the end.";
    let report = report(&bank, "missed-commitment", other);
    let premise = report.premise.as_ref().unwrap();
    assert!(!premise.found);
    assert!(report.grade <= Grade::Developing, "{}", report.score);
    assert!(
        report
            .feedback
            .iter()
            .any(|f| f.contains(premise.text.trim())),
        "{:?}",
        report.feedback
    );
}

#[test]
fn every_strong_sample_shows_its_premise_and_raises_no_flag() {
    let bank = bank();
    for question in &bank.questions {
        let report = score_answer(&bank, question, strong(question));
        assert!(report.premise.as_ref().unwrap().found, "{}", question.id);
        assert!(
            report.signals.red_flags.is_empty(),
            "{}: {:?}",
            question.id,
            report.signals.red_flags
        );
    }
}

#[test]
fn a_missed_point_quotes_nothing_and_a_hit_quotes_its_support() {
    let bank = bank();
    for question in &bank.questions {
        for sample in &question.sample_answers {
            let report = score_answer(&bank, question, &sample.text);
            for point in &report.rubric {
                assert_eq!(
                    point.hit,
                    !point.evidence.is_empty(),
                    "{} {}",
                    question.id,
                    point.id
                );
            }
        }
    }
}

#[test]
fn every_report_ends_with_questions_for_what_rules_cannot_read() {
    let bank = bank();
    for question in &bank.questions {
        let report = score_answer(&bank, question, strong(question));
        assert!(
            (2..=3).contains(&report.self_check.len()),
            "{}: {:?}",
            question.id,
            report.self_check
        );
        assert!(report.self_check.iter().all(|q| q.ends_with('?')));
    }
}

#[test]
fn feedback_agrees_with_the_grade_and_the_length() {
    let bank = bank();
    let question = bank.question("harsh-truth").unwrap();
    // Concise and strong: not told it is too short.
    let concise = report(&bank, "harsh-truth", &candid(""));
    if concise.grade >= Grade::Strong {
        assert!(
            !concise.feedback.iter().any(|f| f.contains("short")),
            "{:?}",
            concise.feedback
        );
    }
    // Long: the time in the advice is the time in the signals.
    let long = format!("{} {}", strong(question), candid(""));
    let long = score_answer(&bank, question, &long);
    let seconds = long.signals.spoken_seconds;
    assert!(seconds > 180, "{seconds}");
    let clock = format!("{}:{:02}", seconds / 60, seconds % 60);
    // The advice may be cut by higher priorities; when it is given, it agrees.
    if let Some(advice) = long.feedback.iter().find(|f| f.contains("runs long")) {
        assert!(advice.contains(&clock), "{advice} vs {clock}");
    }
}

#[test]
fn no_single_word_more_makes_a_cliff_in_the_score() {
    let bank = bank();
    for question in &bank.questions {
        let words: Vec<&str> = strong(question).split_whitespace().collect();
        if words.len() < 110 {
            continue;
        }
        // The start of a strong answer, then one more of its own words at a time, across
        // the length where a thin answer stops being capped.
        let scores: Vec<u8> = (60..110)
            .map(|n| report(&bank, &question.id, &words[..n].join(" ")).score)
            .collect();
        for (n, pair) in (60..).zip(scores.windows(2)) {
            assert!(
                pair[1] <= pair[0].saturating_add(20),
                "{}: {} words score {}, {} words {}",
                question.id,
                n,
                pair[0],
                n + 1,
                pair[1]
            );
        }
    }
}
