//! Small text helpers shared by the analysis modules: word boundaries and capitalisation
//! (the char ↔ byte index is [`crate::text::CharIndex`]).

/// Whether `c` can be part of a word (letters, digits).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the byte span `start..end` of `text` stands alone as a word: no word char right
/// before it, and none right after it (a hyphen followed by a word char counts as a word
/// char, so `Ukraine` in `Ukraine-Invasion` is not a whole word).
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|c| is_word_char(c) || c == '-') {
        return false;
    }
    let mut after = text[end..].chars();
    match after.next() {
        Some(c) if is_word_char(c) => false,
        Some('-') => !after.next().is_some_and(is_word_char),
        _ => true,
    }
}

/// Whether the word starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every letter of the word is upper case and it has at least two letters.
pub fn is_all_caps(word: &str) -> bool {
    // Most words fail on their second byte (`Die`, `Russland`): decide those without
    // decoding.
    if word.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// A pre-check for word sets: which (first byte, byte length) pairs occur, ASCII case
/// folded. Two loads rule out most words before any hashing.
#[derive(Debug, Clone)]
pub struct ShapeFilter {
    bits: Vec<u64>,
}

impl Default for ShapeFilter {
    fn default() -> Self {
        ShapeFilter { bits: vec![0; 256] }
    }
}

impl ShapeFilter {
    /// A filter admitting the given words.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> ShapeFilter {
        let mut f = ShapeFilter::default();
        for w in words {
            f.add(w);
        }
        f
    }

    /// Admits `word`.
    pub fn add(&mut self, word: &str) {
        if let Some(&b) = word.as_bytes().first() {
            self.bits[usize::from(b.to_ascii_lowercase())] |= 1 << word.len().min(63);
        }
    }

    /// False when `word` (or its ASCII case variants) is certainly not in the set.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| {
            self.bits[usize::from(b.to_ascii_lowercase())] & (1 << word.len().min(63)) != 0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words() {
        let t = "Ukraine-Invasion in der Ukraine, Irans";
        assert!(!is_whole_word(t, 0, 7));
        let u = t.rfind("Ukraine").unwrap_or(0);
        assert!(is_whole_word(t, u, u + 7));
        let i = t.find("Iran").unwrap_or(0);
        assert!(!is_whole_word(t, i, i + 4));
    }

    #[test]
    fn shape_filter_admits_its_words_only() {
        let f = ShapeFilter::new(["sagte", "laut"]);
        assert!(f.may_contain("sagte") && f.may_contain("Sagte") && f.may_contain("LAUT"));
        assert!(!f.may_contain("sagten") && !f.may_contain("Russland") && !f.may_contain(""));
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("NATO"));
        assert!(!is_all_caps("Nato"));
        assert!(!is_all_caps("A"));
        assert!(is_capitalised("Österreich"));
    }
}
