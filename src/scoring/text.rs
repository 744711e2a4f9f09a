//! Turning an answer into sentences and stemmed tokens, and finding cue phrases in them.
//!
//! Everything here is linear in the answer's length: sentences and repeats are found by
//! hashing, cues through an index from stem to positions.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use earn_trust_bank::{Cue, stem, words};

use super::StarPart;

/// The longest evidence quote, in characters.
pub const EVIDENCE_CHARS: usize = 160;

/// One word of the answer.
#[derive(Debug, Clone)]
pub struct Token {
    /// The word as written (apostrophes normalised).
    pub raw: String,
    /// Lowercase form.
    pub word: String,
    /// Id of the English stem of the lowercase form (see [`Analysis::find`]).
    stem: u32,
    /// Index of the sentence the word belongs to.
    pub sentence: usize,
    /// Whether the word only repeats a run of words said earlier in the answer.
    pub repeat: bool,
    /// Whether the word stands inside quotation marks: someone's words, quoted.
    pub quoted: bool,
    /// Whether punctuation inside the sentence (a comma, a colon, a dash, a bracket) comes
    /// right before the word: it starts a new clause.
    pub clause_start: bool,
}

/// One sentence of the answer, after duplicates were dropped.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence text, cleaned of control characters.
    pub text: String,
    /// Token range `[start, end)` in [`Analysis::tokens`].
    pub start: usize,
    pub end: usize,
    /// The STAR heading the sentence stands under, if the answer uses headings.
    pub label: Option<StarPart>,
}

impl Sentence {
    /// Number of words in the sentence.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A STAR heading and how many words stand under it.
#[derive(Debug, Clone, Copy)]
pub struct Heading {
    pub part: StarPart,
    /// "Lesson:" or "Learning:" (kept under Result, and read as the lesson too).
    pub lesson: bool,
    pub words: usize,
}

/// An answer broken into parts the scorer reads.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Unique sentences in order (a sentence said again is kept once).
    pub sentences: Vec<Sentence>,
    /// Tokens of the unique sentences.
    pub tokens: Vec<Token>,
    /// Explicit STAR headings in the order they appear.
    pub headings: Vec<Heading>,
    /// Whitespace-separated words in the whole answer, repeats included.
    pub word_count: usize,
    /// Sentences dropped because they repeated an earlier one.
    pub repeated_sentences: usize,
    /// Share of word shingles in the whole answer that had appeared before.
    pub repeated_share: f64,
    /// Stem → id, and for each id the token positions holding it.
    stem_ids: HashMap<String, u32>,
    index: Vec<Vec<usize>>,
}

/// Removes ANSI escape sequences and control characters (newlines and tabs become spaces
/// or stay line breaks), so quoted evidence can never drive the terminal.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => out.push('\''),
            c if c.is_control() || is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_invisible_format(c: char) -> bool {
    // Bidirectional overrides and isolates can reorder the text a terminal shows.
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            // CSI: parameters and intermediates, then one final byte in @..~
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            chars.next();
            // OSC: until BEL or ESC \
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// Cuts `text` to [`EVIDENCE_CHARS`] characters at a word boundary, with an ellipsis.
pub fn quote(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Sentence splitting can leave a closing quote mark at the start of the next sentence.
    let text = text.trim_start_matches(['"', '\u{201d}', ' ']).to_string();
    if text.chars().count() <= EVIDENCE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EVIDENCE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > EVIDENCE_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

impl Analysis {
    /// Analyses an answer (already sanitised).
    pub fn new(text: &str) -> Self {
        let word_count = text.split_whitespace().count();
        let repeated_share = repeated_shingle_share(text);
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        let mut headings: Vec<Heading> = Vec::new();
        let mut seen = HashSet::default();
        let mut repeated_sentences = 0;
        let mut label = None;
        // Answers repeat their words; stemming each distinct word once is much cheaper.
        let mut stem_ids: HashMap<String, u32> = HashMap::default();
        let mut stem_of_word: HashMap<String, u32> = HashMap::default();
        let mut index: Vec<Vec<usize>> = Vec::new();

        for line in logical_lines(text) {
            // A quotation can run over several sentences of a line.
            let mut in_quote = false;
            let (heading, rest) = split_heading(&line);
            if let Some((part, lesson)) = heading {
                label = Some(part);
                headings.push(Heading {
                    part,
                    lesson,
                    words: 0,
                });
            }
            for piece in split_sentences(rest) {
                let marked = marked_words(piece, &mut in_quote);
                let words: Vec<&str> = marked.iter().map(|w| w.text).collect();
                if words.is_empty() {
                    continue;
                }
                if label.is_some()
                    && let Some(last) = headings.last_mut()
                {
                    last.words += words.len();
                }
                let key = words
                    .iter()
                    .fold(0u64, |h, w| h.rotate_left(7) ^ word_hash(w));
                if !seen.insert(key) {
                    repeated_sentences += 1;
                    continue;
                }
                let sentence_index = sentences.len();
                let start = tokens.len();
                for (raw, marks) in words.into_iter().zip(&marked) {
                    let word = raw.to_lowercase();
                    // Answers repeat their words; each distinct word is stemmed once.
                    let id = match stem_of_word.get(&word) {
                        Some(&id) => id,
                        None => {
                            let stemmed = stem(&word);
                            let next = stem_ids.len() as u32;
                            let id = *stem_ids.entry(stemmed).or_insert(next);
                            if id as usize == index.len() {
                                index.push(Vec::new());
                            }
                            stem_of_word.insert(word.clone(), id);
                            id
                        }
                    };
                    index[id as usize].push(tokens.len());
                    tokens.push(Token {
                        raw: raw.to_string(),
                        word,
                        stem: id,
                        sentence: sentence_index,
                        repeat: false,
                        quoted: marks.quoted,
                        clause_start: marks.clause_start,
                    });
                }
                sentences.push(Sentence {
                    text: piece.trim().to_string(),
                    start,
                    end: tokens.len(),
                    label,
                });
            }
        }

        mark_repeats(&mut tokens);
        Analysis {
            sentences,
            tokens,
            headings,
            word_count,
            repeated_sentences,
            repeated_share,
            stem_ids,
            index,
        }
    }

    /// The sentences that contain `cue`, in order, each once.
    pub fn find(&self, cue: &Cue) -> Vec<usize> {
        self.sentences_of(self.find_starts(cue, false))
    }

    /// Where `cue` starts, as token positions in order: stem for stem, or word for word
    /// when `exact`; each later word follows in the same sentence with at most one extra
    /// word between ("I openly admitted" matches "i admitted").
    pub fn find_starts(&self, cue: &Cue, exact: bool) -> Vec<usize> {
        self.find_spans(cue, exact)
            .into_iter()
            .map(|(start, _)| start)
            .collect()
    }

    /// Where `cue` is found, as the token positions of its first and last words.
    pub fn find_spans(&self, cue: &Cue, exact: bool) -> Vec<(usize, usize)> {
        // Each word of the cue, with the gap allowed before it: one extra word, or a few
        // where the cue says `*` ("let him present * anyway").
        // Most cues have a word the answer never uses: those are rejected before anything
        // is allocated.
        if cue
            .stems()
            .any(|stem| stem != WILDCARD && !self.stem_ids.contains_key(stem))
        {
            return Vec::new();
        }
        let mut wanted: Vec<(u32, &str, usize)> = Vec::new();
        let mut gap = 1;
        for (stem, word) in cue.stems().zip(cue.words()) {
            if word == WILDCARD {
                gap = WILDCARD_WORDS;
                continue;
            }
            let Some(&id) = self.stem_ids.get(stem) else {
                return Vec::new();
            };
            wanted.push((id, word, gap));
            gap = 1;
        }
        let Some(&(first, first_word, _)) = wanted.first() else {
            return Vec::new();
        };
        self.index[first as usize]
            .iter()
            .copied()
            .filter_map(|start| {
                if exact && self.tokens[start].word != first_word {
                    return None;
                }
                let sentence_end = self.sentences[self.tokens[start].sentence].end;
                let mut position = start;
                let all = wanted[1..].iter().all(|&(stem, word, gap)| {
                    let window_end = (position + 2 + gap).min(sentence_end);
                    let next = (position + 1..window_end).find(|&p| {
                        self.tokens[p].stem == stem && (!exact || self.tokens[p].word == word)
                    });
                    next.map(|next| position = next).is_some()
                });
                all.then_some((start, position))
            })
            .collect()
    }

    /// The sentences of token positions, in order, each once.
    fn sentences_of(&self, positions: Vec<usize>) -> Vec<usize> {
        let mut sentences: Vec<usize> = positions
            .into_iter()
            .map(|p| self.tokens[p].sentence)
            .collect();
        sentences.dedup();
        sentences
    }

    /// Sentences that hold every word of `cue` in any order ("I finally told her" for
    /// "i told her"; "the promise I kept" for "kept my promise" without "my").
    pub fn find_loose(&self, cue: &Cue) -> Vec<usize> {
        let ids: Vec<u32> = cue
            .stems()
            .filter(|s| !LOOSE_SKIP.contains(s))
            .filter_map(|s| self.stem_ids.get(s).copied())
            .collect();
        let wanted = cue.stems().filter(|s| !LOOSE_SKIP.contains(s)).count();
        if ids.is_empty() || ids.len() < wanted {
            return Vec::new();
        }
        let rarest = ids
            .iter()
            .min_by_key(|&&id| self.index[id as usize].len())
            .copied()
            .unwrap_or(ids[0]);
        let mut found: Vec<usize> = Vec::new();
        for &position in &self.index[rarest as usize] {
            let sentence = self.tokens[position].sentence;
            if found.last() == Some(&sentence) {
                continue;
            }
            let tokens = self.sentence_tokens(sentence);
            if ids.iter().all(|id| tokens.iter().any(|t| t.stem == *id)) {
                found.push(sentence);
            }
        }
        found
    }

    /// Cues found strictly (in order) and, apart from those, loosely (any order), leaving
    /// out the `excluded` sentences (those that raised a red flag earn no credit).
    pub fn find_any_loosely(&self, cues: &[Cue], excluded: &[usize]) -> (CueHits, CueHits) {
        let mut strict = CueHits::default();
        let mut loose = CueHits::default();
        for cue in cues {
            let keep = |found: Vec<usize>| -> Vec<usize> {
                found
                    .into_iter()
                    .filter(|s| !excluded.contains(s))
                    .collect()
            };
            let sentences = keep(self.find(cue));
            if !sentences.is_empty() {
                strict.add(cue, sentences);
            } else if cue.len() >= 2 {
                let sentences = keep(self.find_loose(cue));
                if !sentences.is_empty() {
                    loose.add(cue, sentences);
                }
            }
        }
        (strict.finish(), loose.finish())
    }

    /// The sentences holding any of `cues`, and how many distinct cues hit.
    pub fn find_any(&self, cues: &[Cue]) -> CueHits {
        let mut hits = CueHits::default();
        for cue in cues {
            let sentences = self.find(cue);
            if !sentences.is_empty() {
                hits.add(cue, sentences);
            }
        }
        hits.finish()
    }

    /// Sentences that mostly repeat `text` (the question): at least three words that are
    /// not function words, and at least half of those words in `text` too. Opening with
    /// the question's own words shows nothing of the story.
    pub fn echoes(&self, text: &str, function_words: &[&str]) -> Vec<usize> {
        let echoed: HashSet<u32> = words(text)
            .map(str::to_lowercase)
            .filter(|w| !function_words.contains(&w.as_str()))
            .filter_map(|w| self.stem_ids.get(&stem(&w)).copied())
            .collect();
        (0..self.sentences.len())
            .filter(|&s| {
                let content: Vec<&Token> = self
                    .sentence_tokens(s)
                    .iter()
                    .filter(|t| !function_words.contains(&t.word.as_str()))
                    .collect();
                let shared = content.iter().filter(|t| echoed.contains(&t.stem)).count();
                content.len() >= 3 && shared * 2 >= content.len()
            })
            .collect()
    }

    /// Sentence `index`'s tokens.
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        let sentence = &self.sentences[index];
        &self.tokens[sentence.start..sentence.end]
    }

    /// Quoted text of sentence `index`, capped in length.
    pub fn evidence(&self, index: usize) -> String {
        quote(&self.sentences[index].text)
    }

    /// Words in the unique sentences, less the share that repeats earlier word runs.
    pub fn novel_words(&self) -> usize {
        (self.tokens.len() as f64 * (1.0 - self.repeated_share)).round() as usize
    }

    /// Different words (by stem) in the answer: saying a word again adds none.
    pub fn distinct_words(&self) -> usize {
        self.index.len()
    }

    /// Words in the unique sentences.
    pub fn unique_words(&self) -> usize {
        self.tokens.len()
    }
}

/// In a cue, `*` stands for a few words of any kind ("let him present * anyway").
pub const WILDCARD: &str = "*";
/// How many words a `*` in a cue may stand for.
const WILDCARD_WORDS: usize = 5;

/// Little words a loose match may do without ("kept my promise" ~ "kept the promise").
const LOOSE_SKIP: &[&str] = &[
    "my", "the", "a", "an", "to", "of", "our", "their", "his", "her", "it", "that", "with", "for",
    "on", "in",
];

/// Where a set of cues was found.
#[derive(Debug, Clone, Default)]
pub struct CueHits {
    /// How many different cues matched.
    pub distinct: usize,
    /// Sentences holding a match, sorted.
    pub sentences: Vec<usize>,
    /// The cues that matched, as written in the bank.
    pub phrases: Vec<String>,
    /// Each matching sentence once per cue it holds (before `finish` sorts and dedups).
    hits_per_sentence: Vec<usize>,
}

impl CueHits {
    fn add(&mut self, cue: &Cue, sentences: Vec<usize>) {
        self.distinct += 1;
        self.hits_per_sentence.extend(&sentences);
        self.sentences.extend(sentences);
        self.phrases.push(cue.text.clone());
    }

    /// How many of the cues hit sentence `s`.
    pub fn cues_in(&self, s: usize) -> usize {
        self.hits_per_sentence.iter().filter(|h| **h == s).count()
    }

    fn finish(mut self) -> Self {
        self.sentences.sort_unstable();
        self.sentences.dedup();
        self
    }
}

/// Lines as the writer meant them: a hard-wrapped paragraph is one line; blank lines,
/// STAR headings and list items start new ones.
fn logical_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let starts_new = trimmed.is_empty()
            || split_heading(line).0.is_some()
            || trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed.starts_with("• ");
        if starts_new && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !trimmed.is_empty() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(trimmed);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// A STAR heading at the start of a line: "Situation:", "S:", "**Task**", "## Action -".
/// The part, and whether the heading names a lesson.
fn split_heading(line: &str) -> (Option<(StarPart, bool)>, &str) {
    let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || "#*_>-".contains(c));
    let word_end = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    let word = trimmed[..word_end].to_lowercase();
    let part = match word.as_str() {
        "situation" | "context" | "background" | "s" => (StarPart::Situation, false),
        "task" | "goal" | "t" => (StarPart::Task, false),
        "action" | "actions" | "a" => (StarPart::Action, false),
        "result" | "results" | "outcome" | "r" => (StarPart::Result, false),
        "learning" | "learnings" | "lesson" | "lessons" | "takeaway" | "l" => {
            (StarPart::Result, true)
        }
        _ => return (None, line),
    };
    let after = trimmed[word_end..].trim_start_matches(['*', '_', ' ']);
    let single_letter = word.len() == 1;
    let rest = if let Some(rest) = after.strip_prefix(':') {
        rest
    } else if !single_letter && after.trim().is_empty() {
        after
    } else if !single_letter && (after.starts_with("- ") || after.starts_with("— ")) {
        &after[after.find(' ').unwrap_or(0)..]
    } else {
        return (None, line);
    };
    (Some(part), rest)
}

/// A word of a sentence with what surrounds it.
struct MarkedWord<'a> {
    text: &'a str,
    quoted: bool,
    clause_start: bool,
}

/// The words of a sentence as [`words`] finds them, each marked: inside quotation marks
/// (straight quotes toggle, curly ones open and close; `in_quote` carries over from the
/// sentence before), and after clause punctuation.
fn marked_words<'a>(piece: &'a str, in_quote: &mut bool) -> Vec<MarkedWord<'a>> {
    let mut found = Vec::new();
    let mut start = None;
    let mut break_seen = false;
    let push = |found: &mut Vec<MarkedWord<'a>>, word: &'a str, quoted, clause_start| {
        let word = word.trim_matches('\'');
        if !word.is_empty() {
            found.push(MarkedWord {
                text: word,
                quoted,
                clause_start,
            });
        }
    };
    for (i, c) in piece.char_indices() {
        if c.is_alphanumeric() || c == '\'' {
            start.get_or_insert(i);
            continue;
        }
        if let Some(from) = start.take() {
            push(&mut found, &piece[from..i], *in_quote, break_seen);
            break_seen = false;
        }
        match c {
            '"' => *in_quote = !*in_quote,
            '\u{201c}' => *in_quote = true,
            '\u{201d}' => *in_quote = false,
            ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}' => break_seen = true,
            _ => {}
        }
    }
    if let Some(from) = start {
        push(&mut found, &piece[from..], *in_quote, break_seen);
    }
    found
}

/// Splits a line at sentence ends: `.`, `!`, `?` or `;` followed by a space or the end.
fn split_sentences(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?' | b';') {
            let next = bytes.get(i + 1).copied();
            if next.is_none_or(|n| n == b' ' || n == b'"' || n == b'\'') {
                pieces.push(&line[start..=i]);
                start = i + 1;
            }
        }
    }
    if start < line.len() {
        pieces.push(&line[start..]);
    }
    pieces
}

/// Share of word shingles that appeared earlier in the text: near 0 for prose, near 0.5
/// for a text pasted twice, near 1 for one sentence repeated many times.
///
/// Read twice, by word and by letter (spaces and punctuation left out), and the larger share
/// kept: a passage pasted straight after itself glues two words together ("…hadSituation"),
/// which hides the repeat from the words but not from the letters.
fn repeated_shingle_share(text: &str) -> f64 {
    let hashes: Vec<u64> = words(text).map(word_hash).collect();
    let short = hashes.len() < 60;
    let by_words = shingle_share(&hashes, if short { 3 } else { 5 });
    let letters: Vec<u64> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(u64::from)
        .collect();
    // About as long as the word shingles: three or five words of five letters.
    let by_letters = shingle_share(&letters, if short { 15 } else { 25 });
    by_words.max(by_letters)
}

/// Share of the `size`-long runs of `items` that appeared earlier.
fn shingle_share(items: &[u64], size: usize) -> f64 {
    if items.len() < size * 2 {
        return 0.0;
    }
    let mut seen = HashSet::default();
    let mut repeated = 0usize;
    let total = items.len() - size + 1;
    for shingle in items.windows(size) {
        let key = shingle.iter().fold(0u64, |h, w| {
            h.rotate_left(11) ^ w.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        if !seen.insert(key) {
            repeated += 1;
        }
    }
    repeated as f64 / total as f64
}

/// Marks the words of every three-word run that already appeared earlier.
fn mark_repeats(tokens: &mut [Token]) {
    const RUN: usize = 3;
    let mut seen = HashSet::default();
    for start in 0..tokens.len().saturating_sub(RUN - 1) {
        let key = tokens[start..start + RUN].iter().fold(0u64, |h, t| {
            h.rotate_left(11) ^ u64::from(t.stem).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        if !seen.insert(key) {
            for token in &mut tokens[start..start + RUN] {
                token.repeat = true;
            }
        }
    }
}

/// A hash of a word, ignoring case, without allocating.
fn word_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    for c in word.chars().flat_map(char::to_lowercase) {
        hasher.write_u32(c as u32);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_control_characters_are_removed() {
        let dirty = "I \u{1b}[31mtold\u{1b}[0m her\u{7}\u{1b}]0;title\u{7} plainly\u{202e}.\r\nok";
        assert_eq!(sanitize(dirty), "I told her plainly.\nok");
    }

    #[test]
    fn quotes_are_capped_at_a_word_boundary() {
        let long = "word ".repeat(100);
        let quoted = quote(&long);
        assert!(quoted.chars().count() <= EVIDENCE_CHARS + 1);
        assert!(quoted.ends_with('…'));
    }

    #[test]
    fn headings_are_found_in_several_spellings() {
        for line in [
            "Situation: x",
            "S: x",
            "**Task**: x",
            "## Action - x",
            "result:x",
            "Result",
        ] {
            assert!(split_heading(line).0.is_some(), "{line}");
        }
        for line in [
            "Since then I changed",
            "A colleague said",
            "Task force met",
            "S3 bucket",
        ] {
            assert!(split_heading(line).0.is_none(), "{line}");
        }
    }

    #[test]
    fn cues_match_stems_in_order_with_a_small_gap() {
        let analysis = Analysis::new("I openly admitted the mistakes. Then we listened to them.");
        let admitted = Cue::new("i admitted").unwrap();
        let mistake = Cue::new("my mistake").unwrap();
        let listen = Cue::new("we listen").unwrap();
        assert_eq!(analysis.find(&admitted), vec![0]);
        assert!(analysis.find(&mistake).is_empty());
        assert_eq!(analysis.find(&listen), vec![1]);
    }

    #[test]
    fn a_star_in_a_cue_spans_a_few_words_in_one_sentence() {
        let analysis = Analysis::new(
            "I let her ship the whole quarterly plan anyway. Then it was anyway late.",
        );
        let cue = Cue::new("let her ship * anyway").unwrap();
        assert_eq!(analysis.find(&cue), vec![0]);
        let far = Analysis::new("I let her ship the plan that nobody had read or tested anyway.");
        assert!(
            far.find(&cue).is_empty(),
            "more words than a star stands for"
        );
    }

    #[test]
    fn hard_wrapped_lines_join_into_sentences() {
        let analysis = Analysis::new(
            "I told my\ndirector the same day.\n\nSituation: new\npart here.\n- a list item",
        );
        let texts: Vec<&str> = analysis.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "I told my director the same day.",
                "new part here.",
                "- a list item"
            ]
        );
        assert_eq!(analysis.headings.len(), 1);
    }

    #[test]
    fn repeated_sentences_are_kept_once() {
        let analysis = Analysis::new("I said it. I said it. I said it. Then I left.");
        assert_eq!(analysis.sentences.len(), 2);
        assert_eq!(analysis.repeated_sentences, 2);
        assert!(analysis.repeated_share > 0.3);
        let prose = Analysis::new(
            "I told my manager the date would slip. She thanked me and we replanned the launch together.",
        );
        assert!(prose.repeated_share < 0.1);
    }
}
