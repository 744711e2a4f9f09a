//! The scoring policy in one place: what each part of an answer is worth, what costs
//! points, what caps the score, the grade bands, and how long an answer should be. The
//! scorer, its feedback, the report and the drill's summary all read these.

/// Speaking pace used for time estimates, in words a minute.
pub const WORDS_PER_MINUTE: usize = 140;

/// What each part of an answer is worth; the sum is scaled to 100.
pub mod weight {
    /// STAR structure.
    pub const STRUCTURE: f64 = 20.0;
    /// The question's rubric points.
    pub const RUBRIC: f64 = 30.0;
    /// The principle's signals.
    pub const SIGNALS: f64 = 15.0;
    /// "I" rather than "we".
    pub const OWNERSHIP: f64 = 10.0;
    /// A number in the result.
    pub const MEASURABLE: f64 = 10.0;
    /// A lesson learned.
    pub const LESSON: f64 = 8.0;
    /// A lesson learned, on a question about a mistake or a miss.
    pub const LESSON_ON_FAILURE: f64 = 15.0;
    /// Concrete detail.
    pub const SPECIFICITY: f64 = 7.0;

    /// Inside STRUCTURE: each STAR part (they add up to 20).
    pub const SITUATION: f64 = 4.0;
    pub const TASK: f64 = 3.0;
    pub const ACTION: f64 = 8.0;
    /// Action with only one "I did" sentence.
    pub const ONE_ACTION: f64 = 4.0;
    pub const RESULT: f64 = 5.0;
}

/// How much of a part's weight an answer earns.
pub mod credit {
    /// Share of the rubric's weight that earns full rubric marks: strong answers make
    /// most, not all, of a question's points.
    pub const RUBRIC_FULL_SHARE: f64 = 0.8;
    /// Share of the signals' weight that earns full marks: a few of the principle's
    /// behaviours in one story is plenty.
    pub const SIGNALS_FULL_SHARE: f64 = 0.4;
    /// Credit for a rubric point or signal by cues found: two or more make the point, one
    /// is a hint, a cue found only with its words out of order counts a quarter of one.
    pub const TWO_CUES: f64 = 1.0;
    pub const ONE_CUE: f64 = 0.6;
    pub const SOME_LOOSE_CUES: f64 = 0.4;
    pub const LOOSE_CUE: f64 = 0.25;
    /// Ownership: none below this share of "I" among "I" and "we", full from the top.
    pub const I_SHARE_NONE: f64 = 0.3;
    pub const I_SHARE_FULL: f64 = 0.65;
    /// Ownership needs at least this many "I".
    pub const MIN_I: usize = 3;
    /// Measurable: a number in the Result, a number elsewhere, a Result with no number.
    pub const NUMBER_IN_RESULT: f64 = 1.0;
    pub const NUMBER_ELSEWHERE: f64 = 0.5;
    pub const RESULT_WITHOUT_NUMBER: f64 = 0.2;
    /// Specificity: distinct concrete details for full marks, and the cost of each vague
    /// claim.
    pub const DETAILS_FOR_FULL: f64 = 6.0;
    pub const VAGUE_CLAIM_SHARE: f64 = 0.15;
}

/// Points taken from the score.
pub mod penalty {
    /// The first red flag in the speaker's own words, and each one after it.
    pub const RED_FLAG: f64 = 30.0;
    pub const FURTHER_RED_FLAG: f64 = 10.0;
    /// No Result found, without and with numbers elsewhere in the story.
    pub const NO_RESULT: f64 = 12.0;
    pub const NO_RESULT_WITH_NUMBERS: f64 = 8.0;
    /// A question about a mistake, answered with no owning up and no lesson.
    pub const FAILURE_UNOWNED: f64 = 12.0;
    /// Not one of the principle's behaviours shows.
    pub const NO_SIGNAL: f64 = 10.0;
    /// The question's premise shows through a single cue.
    pub const THIN_PREMISE: f64 = 5.0;
    /// Under this share of sentences about the question (its rubric or premise), points
    /// for each share missing: a story mostly about something else.
    pub const FOCUS_BELOW: f64 = 0.2;
    pub const FOCUS_POINTS_PER_SHARE: f64 = 100.0;
    /// Each vague claim, up to a ceiling.
    pub const VAGUE_CLAIM: f64 = 2.0;
    pub const VAGUE_CLAIMS_MOST: f64 = 8.0;
    /// Padding: from this many novel words, little on Action and Result costs points.
    pub const PADDING_FROM_WORDS: usize = 150;
    pub const PADDING_HEAVY_SHARE: f64 = 0.25;
    pub const PADDING_HEAVY: f64 = 15.0;
    pub const PADDING_SHARE: f64 = 0.4;
    pub const PADDING: f64 = 8.0;
    /// Rambling: past this many novel words, a point per so many words, up to a ceiling.
    pub const RAMBLE_FROM_WORDS: usize = 700;
    pub const RAMBLE_WORDS_PER_POINT: f64 = 40.0;
    pub const RAMBLE_MOST: f64 = 15.0;
    /// Gaming, below its cap, so pasting text twice never pays.
    pub const GAMING: f64 = 15.0;
}

/// Ceilings on the score, whatever else the answer has.
pub mod cap {
    /// Under this many novel words, a few words cannot earn much...
    pub const THIN_WORDS: usize = 80;
    /// ...half a point a word...
    pub const POINTS_PER_THIN_WORD: f64 = 0.5;
    /// ...and the ceiling then rises to nothing at this many, so that no one word more
    /// doubles a score.
    pub const FULL_WORDS: usize = 100;
    /// Two or more red flags in the speaker's own words: the story breaks the principle.
    pub const TWO_RED_FLAGS: f64 = 39.0;
    /// What the speaker would do, not what they did.
    pub const HYPOTHETICAL: f64 = 22.0;
    /// Nothing of the rubric or the principle.
    pub const OFF_QUESTION: f64 = 30.0;
    /// The story never establishes the question's premise (the `developing` band).
    pub const NO_PREMISE: f64 = 55.0;
    /// Under this share of the rubric, the cap is the base plus a slope times coverage.
    pub const LOW_RUBRIC_SHARE: f64 = 0.3;
    pub const LOW_RUBRIC_BASE: f64 = 40.0;
    pub const LOW_RUBRIC_SLOPE: f64 = 50.0;
    /// Mostly "we": at least this many "we" and under this share of "I".
    pub const MOSTLY_WE_COUNT: usize = 5;
    pub const MOSTLY_WE_I_SHARE: f64 = 0.4;
    pub const MOSTLY_WE: f64 = 55.0;
    /// Keyword lists, repeats, random words, empty headings.
    pub const GAMING: f64 = 30.0;
}

/// Off-question: no rubric credit, signals under this share, and at least this many words
/// (shorter answers get the length advice instead).
pub const OFF_QUESTION_SIGNAL_SHARE: f64 = 0.2;
pub const OFF_QUESTION_MIN_WORDS: usize = 40;

/// How long an answer should be, in words and spoken seconds. Feedback, the report and
/// the drill's summary all use these, so they never disagree.
pub mod length {
    /// Under this many words an answer is too thin to judge.
    pub const THIN_WORDS: usize = super::cap::THIN_WORDS;
    /// Under this many words an answer is short: a bar-raiser will want the detail.
    pub const SHORT_WORDS: usize = 150;
    /// The spoken length to aim for, in seconds.
    pub const AIM_SECONDS: (usize, usize) = (90, 180);
    /// The same aim in words at [`super::WORDS_PER_MINUTE`].
    pub const AIM_WORDS: (usize, usize) = (
        AIM_SECONDS.0 * super::WORDS_PER_MINUTE / 60,
        AIM_SECONDS.1 * super::WORDS_PER_MINUTE / 60,
    );
}

/// Share of words on Action and Result: what to aim for, and below what to say so.
pub const ACTION_RESULT_AIM: f64 = 0.7;
pub const ACTION_RESULT_ADVICE_BELOW: f64 = 0.5;

/// How many of the question's red flags a report turns into questions for the candidate.
pub const SELF_CHECK_QUESTIONS: usize = 3;

/// The lowest score of each grade band above `not-yet`.
pub mod band {
    pub const DEVELOPING: u8 = 40;
    pub const SOLID: u8 = 60;
    pub const STRONG: u8 = 75;
    pub const OUTSTANDING: u8 = 90;
}

/// `2:35` for 155 seconds: how the report, the feedback and the drill write a duration.
pub fn clock(seconds: usize) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Spoken seconds of `words` words at [`WORDS_PER_MINUTE`].
pub fn spoken_seconds(words: usize) -> usize {
    (words * 60).div_ceil(WORDS_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_star_weights_add_up_to_the_structure_weight() {
        let parts = weight::SITUATION + weight::TASK + weight::ACTION + weight::RESULT;
        assert_eq!(parts, weight::STRUCTURE);
    }

    #[test]
    fn the_aim_in_words_matches_the_aim_in_seconds() {
        assert_eq!(length::AIM_WORDS, (210, 420));
        assert_eq!(spoken_seconds(length::AIM_WORDS.1), length::AIM_SECONDS.1);
    }
}
