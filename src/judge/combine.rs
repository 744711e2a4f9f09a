//! Turning checked verdicts into one, and that one into the final score: the judge's
//! overall sets the band, the share of rubric weight it saw met places the score inside
//! it, and what sinks an answer sinks it whatever the overall says.

use super::verdict::{CheckedFlag, CheckedPoint, CheckedVerdict, Verdict};
use crate::evaluate::label_band;

/// Several samples as one verdict: the median overall, each rubric point's majority
/// verdict (a tie goes to the lower one), and the red flags a majority of samples raised
/// with a verified quote. One sample is returned as it is.
pub fn aggregate(mut samples: Vec<CheckedVerdict>) -> Option<CheckedVerdict> {
    if samples.len() <= 1 {
        return samples.pop();
    }
    let majority = samples.len() / 2 + 1;
    let mut overalls: Vec<u8> = samples.iter().map(|s| s.overall).collect();
    overalls.sort_unstable();
    // The lower median of an even count: a judge in two minds rounds down.
    let overall = overalls[(overalls.len() - 1) / 2];
    let on_question = samples.iter().filter(|s| s.on_question).count() >= majority;
    let first = &samples[0];
    let rubric = first
        .rubric
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let mut verdicts: Vec<&CheckedPoint> =
                samples.iter().filter_map(|s| s.rubric.get(i)).collect();
            verdicts.sort_by_key(|p| p.verdict);
            let chosen = verdicts[(verdicts.len() - 1) / 2];
            CheckedPoint {
                id: point.id.clone(),
                ..chosen.clone()
            }
        })
        .collect();
    let mut red_flags: Vec<CheckedFlag> = Vec::new();
    for sample in &samples {
        for flag in sample.red_flags.iter().filter(|f| f.verified) {
            let raised_by = samples
                .iter()
                .filter(|s| {
                    s.red_flags
                        .iter()
                        .any(|f| f.verified && f.kind == flag.kind)
                })
                .count();
            if raised_by >= majority && !red_flags.iter().any(|f| f.kind == flag.kind) {
                red_flags.push(flag.clone());
            }
        }
    }
    let reason = samples
        .iter()
        .find(|s| s.overall == overall)
        .map_or_else(String::new, |s| s.reason.clone());
    Some(CheckedVerdict {
        rubric,
        red_flags,
        on_question,
        overall,
        reason,
    })
}

/// The final score from a checked verdict, the rubric's weights (in the verdict's order),
/// the rules' score, and whether the rules saw gaming.
pub fn final_score(verdict: &CheckedVerdict, weights: &[f64], rules_score: u8, gaming: bool) -> u8 {
    if gaming {
        // Text written to fool a scorer is the rules' to judge; their cap always applies.
        return rules_score;
    }
    let total: f64 = weights.iter().sum();
    let met: f64 = verdict
        .rubric
        .iter()
        .zip(weights)
        .map(|(point, weight)| point.verdict.credit() * weight)
        .sum();
    let share = if total > 0.0 { met / total } else { 0.0 };
    let sunk = !verdict.on_question || verdict.red_flags.iter().any(|f| f.verified);
    let (low, high) = if sunk {
        label_band(1)
    } else {
        label_band(verdict.overall)
    };
    let placed = f64::from(low) + share * f64::from(high - low);
    placed.round().clamp(f64::from(low), f64::from(high)) as u8
}

/// Whether a verdict point counts as met (for the report's ticks).
pub fn is_met(point: &CheckedPoint) -> bool {
    point.verdict == Verdict::Met
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(
        overall: u8,
        met: &[Verdict],
        flag: Option<bool>,
        on_question: bool,
    ) -> CheckedVerdict {
        CheckedVerdict {
            rubric: met
                .iter()
                .enumerate()
                .map(|(i, v)| CheckedPoint {
                    id: format!("p{i}"),
                    verdict: *v,
                    quote: "a real quote here".into(),
                    verified: true,
                })
                .collect(),
            red_flags: flag
                .map(|verified| CheckedFlag {
                    kind: "misleading".into(),
                    quote: "q".into(),
                    verified,
                })
                .into_iter()
                .collect(),
            on_question,
            overall,
            reason: format!("overall {overall}"),
        }
    }

    const ALL: [Verdict; 3] = [Verdict::Met, Verdict::Met, Verdict::Met];
    const NONE: [Verdict; 3] = [Verdict::Missed, Verdict::Missed, Verdict::Missed];

    #[test]
    fn the_overall_sets_the_band_and_the_rubric_places_the_score_in_it() {
        let weights = [3.0, 2.0, 1.0];
        for overall in 1..=5 {
            let (low, high) = label_band(overall);
            let top = final_score(&verdict(overall, &ALL, None, true), &weights, 50, false);
            let bottom = final_score(&verdict(overall, &NONE, None, true), &weights, 50, false);
            assert_eq!((bottom, top), (low, high), "overall {overall}");
        }
    }

    #[test]
    fn a_verified_breach_or_another_question_sinks_and_an_invented_one_does_not() {
        let weights = [1.0, 1.0, 1.0];
        assert!(final_score(&verdict(5, &ALL, Some(true), true), &weights, 90, false) < 40);
        assert!(final_score(&verdict(5, &ALL, None, false), &weights, 90, false) < 40);
        assert!(final_score(&verdict(4, &ALL, Some(false), true), &weights, 90, false) >= 75);
        assert_eq!(
            final_score(&verdict(5, &ALL, None, true), &weights, 12, true),
            12
        );
    }

    #[test]
    fn samples_combine_by_median_and_majority() {
        let m = Verdict::Met;
        let x = Verdict::Missed;
        let samples = vec![
            verdict(5, &[m, m, x], Some(true), true),
            verdict(3, &[m, x, x], None, true),
            verdict(4, &[x, m, m], Some(true), false),
        ];
        let combined = aggregate(samples).unwrap();
        assert_eq!(combined.overall, 4);
        let verdicts: Vec<Verdict> = combined.rubric.iter().map(|p| p.verdict).collect();
        assert_eq!(verdicts, [m, m, x]);
        assert_eq!(combined.red_flags.len(), 1, "two of three raised it");
        assert!(combined.on_question);
        assert_eq!(combined.reason, "overall 4");
        assert!(aggregate(Vec::new()).is_none());
    }
}
