//! Timings that should feel instant: loading banks and scoring answers.
//! Run with `cargo bench`; results are recorded in the README.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use earn_trust::bank::{BankSource, Level, load_bank, parse_bank};
use earn_trust::scoring::{Scorer, score_answer};

/// A bank of `count` minimal questions, as a user's generated bank might be.
fn big_bank(count: usize) -> String {
    let mut text = String::from(
        "version: 1\nprinciple:\n  name: Speed\n  text: Leaders are quick.\nquestions:\n",
    );
    for i in 0..count {
        text.push_str(&format!(
            "  - id: q-{i}\n    text: Tell me about time {i}.\n    tags: [speed]\n    rubric:\n      - id: r\n        point: Was quick.\n        weight: 1\n        cues: [quick, fast]\n    sample_answers:\n      - level: strong\n        role: Engineer\n        text: I was quick and we shipped in {i} days.\n        commentary: Quick.\n"
        ));
    }
    text
}

fn bench_loading(c: &mut Criterion) {
    c.bench_function("load the embedded bank", |b| {
        b.iter(|| load_bank(black_box(&BankSource::Embedded)).unwrap())
    });
    let big = big_bank(10_000);
    assert!(big.len() < 8 * 1024 * 1024);
    let mut group = c.benchmark_group("big bank");
    group.sample_size(10);
    group.bench_function("load 10,000 questions", |b| {
        b.iter(|| parse_bank(black_box(&big), "big.yaml").unwrap())
    });
    group.finish();
}

fn bench_scoring(c: &mut Criterion) {
    let bank = load_bank(&BankSource::Embedded).unwrap();
    let question = bank.question("missed-commitment").unwrap();
    let strong = &question
        .sample_answers
        .iter()
        .find(|s| s.level == Level::Strong)
        .unwrap()
        .text;
    // About 1,000 words of varied prose: every strong sample of the bank, in turn.
    let mut long = String::new();
    for q in &bank.questions {
        for s in q.sample_answers.iter().filter(|s| s.level == Level::Strong) {
            if long.split_whitespace().count() < 1000 {
                long.push_str(&s.text);
                long.push('\n');
            }
        }
    }
    let long: String = long
        .split_whitespace()
        .take(1000)
        .collect::<Vec<_>>()
        .join(" ");
    c.bench_function("score a strong sample (~380 words)", |b| {
        b.iter(|| score_answer(&bank, question, black_box(strong)))
    });
    c.bench_function("score a 1,000-word answer", |b| {
        b.iter(|| score_answer(&bank, question, black_box(&long)))
    });
    let scorer = Scorer::new(&bank, question);
    c.bench_function("score a 1,000-word answer, cues prepared", |b| {
        b.iter(|| scorer.score(black_box(&long)))
    });
    let mib: String = long.repeat(1024 * 1024 / long.len() + 1)[..1024 * 1024]
        .to_string()
        .chars()
        .collect();
    let mut group = c.benchmark_group("huge answer");
    group.sample_size(10);
    group.bench_function("score a 1 MiB answer", |b| {
        b.iter(|| score_answer(&bank, question, black_box(&mib)))
    });
    group.finish();
}

fn bench_drill_start(c: &mut Criterion) {
    use earn_trust::choice::{Selection, choose_questions, shuffle};
    use earn_trust::drill::render_question;
    use earn_trust::output::Theme;
    use rand::SeedableRng;
    c.bench_function(
        "drill start-up: load, choose, show the first question",
        |b| {
            b.iter(|| {
                let bank = load_bank(&BankSource::Embedded).unwrap();
                let mut rng = rand::rngs::StdRng::seed_from_u64(7);
                let selection = Selection {
                    count: 3,
                    ..Selection::default()
                };
                let chosen = choose_questions(&bank, &selection, shuffle(&mut rng)).unwrap();
                black_box(render_question(
                    chosen.questions[0],
                    0,
                    3,
                    Theme::new(true),
                    100,
                ))
            })
        },
    );
}

fn bench_choice_in_a_big_bank(c: &mut Criterion) {
    use earn_trust::choice::{Selection, by_need, choose_questions};
    use earn_trust::history::Review;
    use rand::SeedableRng;
    let bank = parse_bank(&big_bank(20_000), "big.yaml").unwrap();
    let reviews: Vec<Review> = (0..20_000u64)
        .map(|i| Review {
            question: format!("q-{}", i * 7 % 20_000),
            day: 20_000 + i / 100,
            score: (i % 101) as u8,
        })
        .collect();
    let mut group = c.benchmark_group("big bank");
    group.sample_size(10);
    group.bench_function(
        "choose 5 by need: 20,000 questions, 20,000 first tries",
        |b| {
            b.iter(|| {
                let mut rng = rand::rngs::StdRng::seed_from_u64(7);
                let selection = Selection {
                    count: 5,
                    ..Selection::default()
                };
                let order = by_need(black_box(&reviews), 20_300, &mut rng);
                black_box(
                    choose_questions(&bank, &selection, order)
                        .unwrap()
                        .questions
                        .len(),
                )
            })
        },
    );
    group.finish();
}

criterion_group!(
    benches,
    bench_loading,
    bench_scoring,
    bench_drill_start,
    bench_choice_in_a_big_bank
);
criterion_main!(benches);
