//! The text model every layer shares: an article body with its char ↔ byte index, built
//! once per article, the one sentence splitter ([`sentences`]) and the word lists it and
//! the date parser share ([`lexicon`]: months, abbreviations). It depends on no other
//! module, so articles, analysis, annotations and the TUI can all stand on it.
//!
//! Offsets in files, JSON and annotations are plain char offsets (the contract); inside the
//! program char and byte positions are [`CharPos`] and [`BytePos`] wherever they cross a
//! module boundary, so one cannot be passed where the other is meant.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::OnceLock;

pub mod lexicon;
pub mod sentences;

use serde::{Deserialize, Serialize};

/// Language of an article, detected or forced by config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    De,
    /// English (also the fallback for languages gloss has no rules for).
    #[default]
    En,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

/// A position counted in chars (what annotations, suggestions and the cursor use).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CharPos(pub usize);

/// A position counted in bytes (what slicing a `str` needs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BytePos(pub usize);

/// Chars between two byte-offset marks in [`CharIndex`].
const STEP: usize = 64;

/// Char ↔ byte offset conversion for one text: a byte offset every [`STEP`] chars, so a
/// 10 MB body costs one linear pass and a few KB, and a pure-ASCII text nothing at all.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    marks: Cow<'a, [usize]>,
    ascii: bool,
    chars: usize,
}

/// The marks of one text, owned (what [`Body`] keeps).
#[derive(Debug, Clone, Default)]
struct Marks {
    marks: Vec<usize>,
    ascii: bool,
    chars: usize,
}

impl Marks {
    fn new(text: &str) -> Marks {
        if text.is_ascii() {
            return Marks {
                marks: Vec::new(),
                ascii: true,
                chars: text.len(),
            };
        }
        // A byte loop (a char starts at every non-continuation byte): no decoding.
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let mut chars = 0;
        for (b, &byte) in text.as_bytes().iter().enumerate() {
            if (byte as i8) >= -0x40 {
                if chars % STEP == 0 {
                    marks.push(b);
                }
                chars += 1;
            }
        }
        Marks {
            marks,
            ascii: false,
            chars,
        }
    }
}

impl<'a> CharIndex<'a> {
    /// Indexes `text` in one pass.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let m = Marks::new(text);
        CharIndex {
            text,
            marks: Cow::Owned(m.marks),
            ascii: m.ascii,
            chars: m.chars,
        }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text's length in chars.
    pub fn len(&self) -> usize {
        self.chars
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// The byte offset of char `c` (clamped to the end).
    pub fn byte(&self, c: CharPos) -> BytePos {
        let c = c.0;
        if c >= self.chars {
            return BytePos(self.text.len());
        }
        if self.ascii {
            return BytePos(c);
        }
        let base = self.marks[c / STEP];
        let rest = c % STEP;
        BytePos(match self.text[base..].char_indices().nth(rest) {
            Some((b, _)) => base + b,
            None => self.text.len(),
        })
    }

    /// The char offset of byte `b`, which must be a char boundary (clamped to the end).
    pub fn char_at(&self, b: BytePos) -> CharPos {
        let b = b.0;
        if self.ascii {
            return CharPos(b.min(self.chars));
        }
        let i = match self.marks.binary_search(&b) {
            Ok(i) => return CharPos(i * STEP),
            Err(i) => i.saturating_sub(1),
        };
        let base = self.marks.get(i).copied().unwrap_or(0);
        let end = b.min(self.text.len());
        CharPos(i * STEP + self.text.get(base..end).map_or(0, |s| s.chars().count()))
    }

    /// The text of chars `start..end` (clamped).
    pub fn slice(&self, start: CharPos, end: CharPos) -> &'a str {
        let s = self.byte(start).0;
        let e = self.byte(end.max(start)).0;
        &self.text[s..e]
    }

    /// A converter for many byte offsets asked in increasing order (the engine's results):
    /// it counts on from its last answer instead of searching the marks each time.
    pub fn walker(&self) -> Walker<'a> {
        Walker {
            text: self.text,
            ascii: self.ascii,
            marks: Some(self.clone()),
            byte: 0,
            chars: 0,
        }
    }
}

/// Byte → char conversion walking forward through a text: [`CharIndex::walker`], or
/// [`Walker::over`] a text with no index, where building one would cost a pass of its own.
#[derive(Debug)]
pub struct Walker<'a> {
    text: &'a str,
    ascii: bool,
    marks: Option<CharIndex<'a>>,
    byte: usize,
    chars: usize,
}

impl<'a> Walker<'a> {
    /// A walker over `text` without an index: asked out of order, it counts from the start.
    pub fn over(text: &'a str) -> Walker<'a> {
        Walker {
            text,
            ascii: false,
            marks: None,
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of byte `b` (a char boundary; clamped to the end).
    pub fn char_at(&mut self, b: BytePos) -> CharPos {
        let b = b.0.min(self.text.len());
        if self.ascii {
            return CharPos(b);
        }
        if b < self.byte {
            // Asked out of order: the marks answer (or a count from the start), and
            // walking resumes from there.
            self.chars = match &self.marks {
                Some(ix) => ix.char_at(BytePos(b)).0,
                None => count_lead_bytes(&self.text.as_bytes()[..b]),
            };
        } else {
            self.chars += count_lead_bytes(&self.text.as_bytes()[self.byte..b]);
        }
        self.byte = b;
        CharPos(self.chars)
    }
}

/// Chars in `text`: its bytes that are not UTF-8 continuation bytes.
pub fn count_chars(text: &str) -> usize {
    count_lead_bytes(text.as_bytes())
}

/// Bytes that start a char. Chunks of a `str` may split a char, so they are counted as
/// bytes.
fn count_lead_bytes(bytes: &[u8]) -> usize {
    // Written as a branch-free sum over fixed chunks so the compiler vectorises it: for a
    // text without an index this is the only pass over the whole of it.
    let mut chunks = bytes.chunks_exact(64);
    let mut n = 0usize;
    for chunk in chunks.by_ref() {
        n += chunk
            .iter()
            .map(|&b| u8::from((b as i8) >= -0x40))
            .sum::<u8>() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count()
}

/// The byte offset of char `c` in a text without an index (one fast count, no
/// allocation), or None when the text has fewer chars. For a string asked once, such as a
/// prompt line; a body asks its [`CharIndex`].
pub fn byte_of_char(text: &str, c: CharPos) -> Option<BytePos> {
    const CHUNK: usize = 4096;
    let offset = c.0;
    let bytes = text.as_bytes();
    let mut chars = 0usize;
    let mut at = 0usize;
    // Whole chunks first (counted fast), then the last partial stretch char by char.
    while at + CHUNK <= bytes.len() {
        let n = count_lead_bytes(&bytes[at..at + CHUNK]);
        if chars + n > offset {
            break;
        }
        chars += n;
        at += CHUNK;
    }
    // A chunk edge may split a char; the chunk was counted whole, so resync forward.
    while at < bytes.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    for (i, _) in text[at..].char_indices() {
        if chars == offset {
            return Some(BytePos(at + i));
        }
        chars += 1;
    }
    (chars == offset).then_some(BytePos(bytes.len()))
}

/// A sentence of a [`Body`] in chars: `start..end`, trailing whitespace left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// The first char.
    pub start: CharPos,
    /// After the last char.
    pub end: CharPos,
}

/// An article body: its text, its char ↔ byte index (built once, on first use) and its
/// language.
/// Derefs to `str`, so text helpers take it as they take any string.
#[derive(Debug, Clone, Default)]
pub struct Body {
    text: String,
    /// Built the first time something needs positions: a one-pass reader such as the
    /// suggestion engine walks offsets in order and never needs it.
    marks: OnceLock<Marks>,
    lang: Lang,
    /// The engine's sentences, found the first time something asks.
    sentences: OnceLock<Vec<SentenceSpan>>,
}

impl Body {
    /// The body `text` in language `lang`; its index is built once, on first use.
    pub fn new(text: String, lang: Lang) -> Body {
        Body {
            text,
            marks: OnceLock::new(),
            lang,
            sentences: OnceLock::new(),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The language the body is read in (sentence rules depend on it).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The length in chars.
    pub fn char_len(&self) -> usize {
        self.marks().chars
    }

    fn marks(&self) -> &Marks {
        self.marks.get_or_init(|| Marks::new(&self.text))
    }

    /// The char ↔ byte index, borrowing the one built with the body.
    pub fn index(&self) -> CharIndex<'_> {
        let m = self.marks();
        CharIndex {
            text: &self.text,
            marks: Cow::Borrowed(&m.marks),
            ascii: m.ascii,
            chars: m.chars,
        }
    }

    /// The byte offset of char `c` (clamped to the end).
    pub fn byte(&self, c: CharPos) -> BytePos {
        self.index().byte(c)
    }

    /// The char offset of byte `b` (a char boundary; clamped to the end).
    pub fn char_at(&self, b: BytePos) -> CharPos {
        self.index().char_at(b)
    }

    /// The text of chars `start..end` (clamped).
    pub fn slice(&self, start: CharPos, end: CharPos) -> &str {
        let ix = self.index();
        let s = ix.byte(start).0;
        let e = ix.byte(end.max(start)).0;
        &self.text[s..e]
    }

    /// The sentences, as the suggestion engine splits them ([`sentences::split`]), in
    /// chars. Split once, on first use.
    pub fn sentences(&self) -> &[SentenceSpan] {
        self.sentences.get_or_init(|| {
            let ix = self.index();
            sentences::split(&self.text, self.lang)
                .into_iter()
                .map(|s| SentenceSpan {
                    start: ix.char_at(BytePos(s.start)),
                    end: ix.char_at(BytePos(s.end)),
                })
                .collect()
        })
    }
}

impl Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.text == other.text && self.lang == other.lang
    }
}

impl Eq for Body {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips_on_mixed_text() {
        let body: String = (0..500)
            .map(|i| if i % 3 == 0 { 'ä' } else { 'x' })
            .collect();
        let idx = CharIndex::new(&body);
        for c in 0..=500 {
            let b = idx.byte(CharPos(c));
            assert_eq!(idx.char_at(b), CharPos(c));
            assert_eq!(body[..b.0].chars().count(), c);
        }
        assert_eq!(idx.byte(CharPos(9999)), BytePos(body.len()));
    }

    #[test]
    fn char_index_counts_chars_not_bytes() {
        let t = "Äöü abc";
        let ix = CharIndex::new(t);
        assert_eq!(ix.char_at(BytePos(t.find('a').unwrap_or(0))), CharPos(4));
        assert_eq!(ix.char_at(BytePos(0)), CharPos(0));
        assert_eq!(ix.char_at(BytePos(t.len())), CharPos(7));
        assert_eq!(ix.slice(CharPos(1), CharPos(3)), "öü");
    }

    #[test]
    fn walker_agrees_with_the_index_in_and_out_of_order() {
        let t = "Äöü abc 普京 x".repeat(40);
        let ix = CharIndex::new(&t);
        let mut w = ix.walker();
        let bytes: Vec<usize> = t.char_indices().map(|(b, _)| b).collect();
        for &b in bytes.iter().step_by(3).chain(bytes.iter().rev().step_by(7)) {
            assert_eq!(w.char_at(BytePos(b)), ix.char_at(BytePos(b)));
        }
        assert_eq!(w.char_at(BytePos(t.len())), CharPos(t.chars().count()));
        let mut plain = Walker::over(&t);
        for &b in bytes
            .iter()
            .step_by(5)
            .chain(bytes.iter().rev().step_by(11))
        {
            assert_eq!(plain.char_at(BytePos(b)), ix.char_at(BytePos(b)));
        }
    }

    #[test]
    fn byte_of_char_matches_char_indices() {
        let s = "aä普👍".repeat(3000);
        for (ci, (bi, _)) in s.char_indices().enumerate().step_by(97) {
            assert_eq!(byte_of_char(&s, CharPos(ci)), Some(BytePos(bi)));
        }
        let n = s.chars().count();
        assert_eq!(count_chars(&s), n);
        assert_eq!(byte_of_char(&s, CharPos(n)), Some(BytePos(s.len())));
        assert_eq!(byte_of_char(&s, CharPos(n + 1)), None);
    }

    #[test]
    fn body_index_agrees_with_a_fresh_index_and_sentences_are_in_chars() {
        let body = Body::new("Über Öl. Mr. Smith met Gen. Jones.".into(), Lang::En);
        let fresh = CharIndex::new(body.as_str());
        for c in 0..=body.char_len() {
            assert_eq!(body.byte(CharPos(c)), fresh.byte(CharPos(c)));
        }
        let texts: Vec<&str> = body
            .sentences()
            .iter()
            .map(|s| body.slice(s.start, s.end))
            .collect();
        assert_eq!(texts, ["Über Öl.", "Mr. Smith met Gen. Jones."]);
    }
}
