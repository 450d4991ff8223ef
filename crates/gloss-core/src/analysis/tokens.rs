//! Word tokens with byte offsets: runs of letters and digits, joined across inner hyphens
//! (`Saudi-Arabien`, `S-400`). Written by hand because the entity patterns need exactly this
//! notion of a word and a flag for "first word of a sentence", in one allocation-free pass.

/// A word in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
    /// Whether it starts a sentence, paragraph, quote or the text (its capital letter then
    /// says nothing about it being a name).
    pub initial: bool,
    /// Whether punctuation (other than a hyphen) stands between the previous word and this.
    pub after_punct: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Finds tokens by byte offset for lookups that mostly come in text order: it gallops from
/// its last answer instead of searching the whole slice. A 10 MB text has 40 MB of tokens,
/// where every binary search missed the cache about twenty times; in text order the next
/// answer is a few tokens on, already in cache. Any order gives the same answers.
#[derive(Debug, Clone)]
pub struct Cursor<'t> {
    toks: &'t [Token],
    at: usize,
}

impl<'t> Cursor<'t> {
    /// A cursor at the first token.
    pub fn new(toks: &'t [Token]) -> Cursor<'t> {
        Cursor { toks, at: 0 }
    }

    /// The first token ending after `pos`: `toks.partition_point(|t| t.end <= pos)`.
    pub fn ending_after(&mut self, pos: usize) -> usize {
        self.at = gallop(self.toks, self.at, |t| t.end <= pos);
        self.at
    }

    /// The first token starting at or after `pos`: `toks.partition_point(|t| t.start < pos)`.
    pub fn starting_from(&mut self, pos: usize) -> usize {
        self.at = gallop(self.toks, self.at, |t| t.start < pos);
        self.at
    }

    /// The tokens a byte span covers, in part or whole.
    pub fn range(&mut self, start: usize, end: usize) -> std::ops::Range<usize> {
        let a = self.ending_after(start);
        let b = a + self.toks[a..].iter().take_while(|t| t.start < end).count();
        a..b
    }
}

/// `toks.partition_point(before)` searched outwards from `hint`: steps doubling away from
/// it until they pass the answer, then a binary search of the last step.
fn gallop(toks: &[Token], hint: usize, before: impl Fn(&Token) -> bool) -> usize {
    let hint = hint.min(toks.len());
    if hint < toks.len() && before(&toks[hint]) {
        // The answer is after the hint.
        let mut lo = hint + 1;
        let mut step = 1;
        loop {
            let hi = (lo + step).min(toks.len());
            if hi == toks.len() || !before(&toks[hi]) {
                return lo + toks[lo..hi].partition_point(&before);
            }
            lo = hi + 1;
            step *= 2;
        }
    }
    // The answer is at the hint or before it.
    let mut hi = hint;
    let mut step = 1;
    loop {
        let lo = hi.saturating_sub(step);
        if lo == 0 || before(&toks[lo]) {
            return lo + toks[lo..hi].partition_point(&before);
        }
        hi = lo;
        step *= 2;
    }
}

/// The char at byte `i` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap_or('\u{fffd}');
        (c, c.len_utf8())
    }
}

#[inline]
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// What an ASCII byte does to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Newline,
    /// Punctuation that starts a sentence, quote or parenthesis.
    Opener,
    /// `,` and `;`: the next word does not start a sentence.
    Comma,
    Other,
}

/// The class of every ASCII byte, so the common case needs no decoding.
const CLASSES: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if c == b'\n' {
            Class::Newline
        } else if c.is_ascii_whitespace() || c == 0x0b {
            Class::Space
        } else if matches!(c, b'.' | b'!' | b'?' | b':' | b'"' | b'(') {
            Class::Opener
        } else if matches!(c, b',' | b';') {
            Class::Comma
        } else {
            Class::Other
        };
        b += 1;
    }
    t
};

/// The class of a non-ASCII char.
fn class_of(c: char) -> Class {
    if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else if matches!(c, '„' | '“' | '«' | '»' | '‚' | '‘' | '…' | '–' | '—') {
        Class::Opener
    } else {
        Class::Other
    }
}

/// Whether a word char starts at byte `i`.
#[inline]
fn word_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => CLASSES[usize::from(b)] == Class::Word,
        Some(_) => is_word(char_at(text, i).0),
    }
}

/// Splits `text` into word tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut initial = true;
    let mut after_punct = false;
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let (class, len) = if b < 0x80 {
            (CLASSES[usize::from(b)], 1)
        } else {
            let (c, len) = char_at(text, i);
            (class_of(c), len)
        };
        match class {
            Class::Word => {
                let start = i;
                let mut end = i + len;
                while end < n {
                    let d = bytes[end];
                    if d < 0x80 {
                        if CLASSES[usize::from(d)] == Class::Word {
                            end += 1;
                        } else if d == b'-' && word_at(text, end + 1) {
                            // Join only when a word char follows the hyphen.
                            end += 1;
                        } else {
                            break;
                        }
                    } else {
                        let (c, dlen) = char_at(text, end);
                        if is_word(c) || c == '\u{2011}' && word_at(text, end + dlen) {
                            end += dlen;
                        } else {
                            break;
                        }
                    }
                }
                out.push(Token {
                    start,
                    end,
                    initial,
                    after_punct,
                });
                initial = false;
                after_punct = false;
                i = end;
                continue;
            }
            Class::Space => {}
            Class::Newline => initial = true,
            Class::Opener => {
                after_punct = true;
                initial = true;
            }
            Class::Comma => {
                after_punct = true;
                initial = false;
            }
            Class::Other => after_punct = true,
        }
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The cursor answers as a binary search over the whole slice does, whatever the
        /// order of the questions.
        #[test]
        fn the_cursor_finds_what_a_binary_search_finds(
            text in "[a-c ,.]{0,80}",
            asks in prop::collection::vec((0usize..90, 0usize..90), 0..40),
        ) {
            let toks = tokenize(&text);
            let mut c = Cursor::new(&toks);
            for (a, b) in asks {
                prop_assert_eq!(c.ending_after(a), toks.partition_point(|t| t.end <= a));
                prop_assert_eq!(c.starting_from(b), toks.partition_point(|t| t.start < b));
                let x = toks.partition_point(|t| t.end <= a);
                let y = x + toks[x..].partition_point(|t| t.start < b);
                prop_assert_eq!(c.range(a, b), x..y.max(x));
            }
        }
    }

    /// The first, char-by-char tokenizer: the oracle for the table-driven one.
    fn reference(text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 6);
        let mut initial = true;
        let mut after_punct = false;
        let n = text.len();
        let mut i = 0;
        while i < n {
            let (c, len) = char_at(text, i);
            if is_word(c) {
                let start = i;
                let mut end = i + len;
                while end < n {
                    let (d, dlen) = char_at(text, end);
                    if is_word(d) {
                        end += dlen;
                    } else if (d == '-' || d == '\u{2011}')
                        && end + dlen < n
                        && is_word(char_at(text, end + dlen).0)
                    {
                        // Join only when a word char follows the hyphen.
                        end += dlen;
                    } else {
                        break;
                    }
                }
                out.push(Token {
                    start,
                    end,
                    initial,
                    after_punct,
                });
                initial = false;
                after_punct = false;
                i = end;
                continue;
            }
            if c.is_whitespace() {
                if c == '\n' {
                    initial = true;
                }
            } else {
                after_punct = true;
                if matches!(
                    c,
                    '.' | '!'
                        | '?'
                        | ':'
                        | '"'
                        | '„'
                        | '“'
                        | '«'
                        | '»'
                        | '‚'
                        | '‘'
                        | '('
                        | '…'
                        | '–'
                        | '—'
                ) {
                    initial = true;
                } else if matches!(c, ',' | ';') {
                    initial = false;
                }
            }
            i += len;
        }
        out
    }

    proptest! {
        #[test]
        fn table_tokenizer_agrees_with_the_reference(
            t in "[a-zA-Z0-9äÖß \\-\u{2011}.,;:!?\"„“«»()…–—\n\t\u{a0}\u{2003}'/]{0,60}"
        ) {
            prop_assert_eq!(tokenize(&t), reference(&t));
        }
    }

    #[test]
    fn words_hyphens_and_sentence_starts() {
        let t = "Die S-400 und Saudi-Arabien. Danach: „Nein“, sagte er -";
        let toks = tokenize(t);
        let words: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            [
                "Die",
                "S-400",
                "und",
                "Saudi-Arabien",
                "Danach",
                "Nein",
                "sagte",
                "er"
            ]
        );
        let initial: Vec<bool> = toks.iter().map(|k| k.initial).collect();
        assert_eq!(
            initial,
            [true, false, false, false, true, true, false, false]
        );
        assert!(toks[6].after_punct);
    }
}
