//! Counted nouns in messages: "1 question", "3 questions".

/// `count` and the noun, plural unless the count is one: "1 word", "3 words". Only for
/// nouns that take an `s`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(plural(1, "question"), "1 question");
        assert_eq!(plural(0, "question"), "0 questions");
        assert_eq!(plural(2, "time"), "2 times");
    }
}
