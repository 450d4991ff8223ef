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

/// Splits `text` into word tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
