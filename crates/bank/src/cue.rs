//! Cue phrases as the scorer matches them: lowercase words and their English stems,
//! prepared once (at build time for the built-in bank and phrase lists).

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Lowercase stem of one word.
pub fn stem(word: &str) -> String {
    STEMMER.stem(word).into_owned()
}

/// Splits text into words: letters and digits, with inner apostrophes kept.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

/// A cue phrase, split into words and stemmed. Words and stems are each kept as one
/// space-separated string: built-in lists hold thousands of cues, and three allocations
/// a cue decode much faster than one a word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// The phrase as written.
    pub text: String,
    /// Its words, lowercase, separated by single spaces.
    words: String,
    /// The stem of each word, separated by single spaces.
    stems: String,
}

impl Cue {
    /// Prepares a phrase; `None` when it has no words.
    pub fn new(text: &str) -> Option<Self> {
        Cue::with_stemmer(text, &mut |word| stem(word))
    }

    fn with_stemmer(text: &str, stemmer: &mut impl FnMut(&str) -> String) -> Option<Self> {
        // `*` stands for a few words of any kind; it is kept as a word of its own, and is
        // never first or last.
        let mut words: Vec<String> = Vec::new();
        for piece in text.split_whitespace() {
            if piece == "*" {
                if words.last().is_some_and(|w| w != "*") {
                    words.push("*".to_string());
                }
            } else {
                words.extend(self::words(piece).map(str::to_lowercase));
            }
        }
        while words.last().is_some_and(|w| w == "*") {
            words.pop();
        }
        let stems: Vec<String> = words
            .iter()
            .map(|w| if w == "*" { w.clone() } else { stemmer(w) })
            .collect();
        (!stems.is_empty()).then(|| Cue {
            text: text.trim().to_string(),
            words: words.join(" "),
            stems: stems.join(" "),
        })
    }

    /// Prepares every phrase of a list, leaving out those with no words; each distinct word
    /// is stemmed once.
    pub fn all<S: AsRef<str>>(phrases: &[S]) -> Vec<Cue> {
        let mut known: HashMap<String, String> = HashMap::new();
        let mut stemmer = |word: &str| {
            known
                .entry(word.to_string())
                .or_insert_with(|| stem(word))
                .clone()
        };
        phrases
            .iter()
            .filter_map(|p| Cue::with_stemmer(p.as_ref(), &mut stemmer))
            .collect()
    }

    /// Its words, lowercase.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split(' ')
    }

    /// The stem of each word.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.stems.split(' ')
    }

    /// How many words it has.
    pub fn len(&self) -> usize {
        self.words.split(' ').count()
    }

    /// Always false: a cue has at least one word.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Named phrase lists, each prepared: what the scorer listens for on any principle.
pub type PhraseLists = BTreeMap<String, Vec<Cue>>;

/// The phrases of a list file: one a line; blank lines and `#` comments are left out.
pub fn parse_phrase_list(text: &str) -> Vec<Cue> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(Cue::new)
        .collect()
}

/// Prepared phrase lists in the compact binary form the build stores.
pub fn encode_phrase_lists(lists: &PhraseLists) -> Vec<u8> {
    postcard::to_allocvec(lists).expect("plain data always serialises")
}

/// Phrase lists from [`encode_phrase_lists`]'s bytes; the error says why they do not decode.
pub fn decode_phrase_lists(bytes: &[u8]) -> Result<PhraseLists, String> {
    postcard::from_bytes(bytes).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_keep_words_and_stems_in_order() {
        let cue = Cue::new(" I Admitted my mistakes ").unwrap();
        assert_eq!(cue.text, "I Admitted my mistakes");
        assert_eq!(
            cue.words().collect::<Vec<_>>(),
            ["i", "admitted", "my", "mistakes"]
        );
        assert_eq!(
            cue.stems().collect::<Vec<_>>(),
            ["i", "admit", "my", "mistak"]
        );
        assert_eq!(cue.len(), 4);
        assert_eq!(
            Cue::all(&["my mistakes", "mistakes"])[1].stems().next(),
            Some("mistak")
        );
        assert!(Cue::new(" -- ").is_none());
    }

    #[test]
    fn a_star_stands_for_words_between_but_never_first_or_last() {
        let cue = Cue::new("let him present * anyway *").unwrap();
        assert_eq!(
            cue.words().collect::<Vec<_>>(),
            ["let", "him", "present", "*", "anyway"]
        );
        assert_eq!(cue.stems().nth(3), Some("*"));
    }

    #[test]
    fn list_files_skip_comments_and_blank_lines() {
        let cues = parse_phrase_list("# a comment\n\nmy fault\n  i was wrong  \n");
        let texts: Vec<&str> = cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["my fault", "i was wrong"]);
        let lists = PhraseLists::from([("owning".to_string(), cues)]);
        assert_eq!(
            decode_phrase_lists(&encode_phrase_lists(&lists)).unwrap(),
            lists
        );
    }

    #[test]
    fn words_keep_inner_apostrophes_only() {
        let found: Vec<&str> = words("'I didn't' say—it's 2,300").collect();
        assert_eq!(found, ["I", "didn't", "say", "it's", "2", "300"]);
    }
}
