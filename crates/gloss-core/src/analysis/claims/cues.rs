//! Cue matching: where the cues of one language (verbs of saying, `laut`, hedges) stand
//! in a text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;

use crate::analysis::lexicon::{Cue, CueKind};
use crate::analysis::tokens::{Token, tokenize};
use crate::analysis::words::is_whole_word;

/// Compiled cue lists for one language.
///
/// Cues are whole words, so they can only start where a token starts: each token is looked
/// up in a map from first words to the cues starting with it. That costs one hash per
/// word, several times less than scanning every byte with an automaton; cues that do not
/// start with a word char (only possible from the config) keep an Aho-Corasick pass of
/// their own. Two filters on a word's shape (first byte and length, last byte and length)
/// spare most words the copy and the hash.
#[derive(Debug, Clone)]
pub struct CueMatcher {
    /// Lower-cased first word → (cue length in bytes, cue index), longest first.
    by_head: FxHashMap<Vec<u8>, Vec<(usize, usize)>>,
    /// The same for first words of up to 15 bytes, by [`short_key`]: one integer to hash
    /// and compare instead of a copied, lower-cased slice.
    by_short_head: FxHashMap<u128, Vec<(usize, usize)>>,
    /// The shapes of the first words.
    heads: Shapes,
    /// Their first two bytes (ASCII lower case, [`pair_slot`]) with their lengths: of
    /// the words the shapes let through, half are no first word on this alone.
    pairs: Box<[u64; PAIR_SLOTS]>,
    /// The cues as written.
    texts: Vec<String>,
    /// Cues that do not start with a word char.
    odd: Option<AhoCorasick>,
    odd_ids: Vec<usize>,
    kinds: Vec<CueKind>,
    /// The particle that must close the clause for a separable verb (`hielt … fest`:
    /// `hielt er dazu fest`), per cue.
    particles: Vec<Option<String>>,
}

/// A cue as written, split into its head and, for a separable verb (`hielt … fest`), the
/// particle that closes the clause.
fn split_particle(cue: &str) -> (&str, Option<&str>) {
    match cue.split_once(" … ") {
        Some((head, particle)) => (head.trim(), Some(particle.trim())),
        None => (cue, None),
    }
}

/// Particles that turn `sagen` into a verb of doing (`zusagen` promise, `absagen` cancel).
const SAY_PARTICLES: &[&str] = &["zu", "ab"];

/// Whether the clause after byte `from` ends with the word `particle` (`… dazu fest,`).
fn clause_ends_with(text: &str, from: usize, particle: &str) -> bool {
    let rest = &text[from..];
    // The stops are ASCII: looked for among the first 160 bytes, not decoded as chars up
    // to the next stop however far.
    let window = &rest.as_bytes()[..rest.len().min(160)];
    let mut end = window
        .iter()
        .position(|b| matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?' | b'\n'))
        .unwrap_or(window.len());
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let clause = rest[..end].trim_end();
    clause
        .strip_suffix(particle)
        .is_some_and(|head| head.ends_with(' '))
}

/// A word of up to 15 bytes as one number: its bytes ASCII-lower-cased (eight at a time)
/// and its length in the top byte. `None` for a longer word.
fn short_key(word: &[u8]) -> Option<u128> {
    if word.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..word.len()].copy_from_slice(word);
    buf[15] = word.len() as u8;
    let (mut lo, mut hi) = ([0u8; 8], [0u8; 8]);
    lo.copy_from_slice(&buf[..8]);
    hi.copy_from_slice(&buf[8..]);
    // The length byte (at most 15) is no upper-case letter: lower-casing keeps it.
    let lo = lower_ascii8(u64::from_le_bytes(lo));
    let hi = lower_ascii8(u64::from_le_bytes(hi));
    Some(u128::from(lo) | u128::from(hi) << 64)
}

/// `to_ascii_lowercase` of the eight bytes of `x` at once: `A`–`Z` gain 0x20, every other
/// byte stays (no carry crosses a byte: each sum stays below 0x100).
fn lower_ascii8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (0x7f * ONES);
    let at_least_a = low7 + (0x80 - u64::from(b'A')) * ONES;
    let past_z = low7 + (0x7f - u64::from(b'Z')) * ONES;
    let upper = at_least_a & !past_z & !x & (0x80 * ONES);
    x | (upper >> 2)
}

/// How many slots the first-two-bytes filter has.
const PAIR_SLOTS: usize = 1024;

/// The slot of a word's first two bytes, ASCII-lower-cased (a second byte of 0 for a
/// word of one byte).
#[inline]
fn pair_slot(word: &[u8]) -> usize {
    let a = usize::from(word.first().map_or(0, u8::to_ascii_lowercase));
    let b = usize::from(word.get(1).map_or(0, u8::to_ascii_lowercase));
    (a * 31 + b * 7) % PAIR_SLOTS
}

/// The bit of a word's length in a length mask (lengths past 63 share the last bit).
#[inline]
fn len_bit(word: &[u8]) -> u64 {
    1 << word.len().min(63)
}

/// The shapes of a set of words, for a filter that rules out most other words on their
/// bytes alone, before their text is cut out and looked up: each first and each last
/// byte (ASCII lower case) with the lengths of the words it starts or ends.
#[derive(Debug, Clone)]
pub(super) struct Shapes {
    first: Box<[u64; 256]>,
    last: Box<[u64; 256]>,
}

impl Shapes {
    /// The shapes of `words`.
    pub(super) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Shapes {
        let mut shapes = Shapes {
            first: Box::new([0; 256]),
            last: Box::new([0; 256]),
        };
        for w in words {
            let b = w.as_bytes();
            if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
                let len = 1 << b.len().min(63);
                shapes.first[usize::from(f.to_ascii_lowercase())] |= len;
                shapes.last[usize::from(l.to_ascii_lowercase())] |= len;
            }
        }
        shapes
    }

    /// False when `word` (or one of its ASCII case variants) is certainly none of the
    /// words.
    #[inline]
    pub(super) fn admit(&self, word: &[u8]) -> bool {
        let (Some(&f), Some(&l)) = (word.first(), word.last()) else {
            return false;
        };
        let len = 1 << word.len().min(63);
        self.first[usize::from(f.to_ascii_lowercase())] & len != 0
            && self.last[usize::from(l.to_ascii_lowercase())] & len != 0
    }
}

impl CueMatcher {
    /// Compiles the cues (matched as whole words, ASCII case-insensitive).
    pub fn new(cues: &[Cue]) -> CueMatcher {
        let mut by_head: FxHashMap<Vec<u8>, Vec<(usize, usize)>> = FxHashMap::default();
        let mut odd = Vec::new();
        for (id, c) in cues.iter().enumerate() {
            let (head, _) = split_particle(&c.text);
            let toks = tokenize(head);
            match toks.first() {
                Some(t) if t.start == 0 => by_head
                    .entry(t.text(head).as_bytes().to_ascii_lowercase())
                    .or_default()
                    .push((head.len(), id)),
                _ => odd.push(id),
            }
        }
        for list in by_head.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.0));
        }
        let matcher = (!odd.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .build(odd.iter().map(|&i| cues[i].text.as_str()))
                    .ok()
            })
            .flatten();
        let heads: Vec<String> = by_head
            .keys()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        let by_short_head = by_head
            .iter()
            .filter_map(|(k, list)| Some((short_key(k)?, list.clone())))
            .collect();
        let mut pairs = Box::new([0u64; PAIR_SLOTS]);
        for h in &heads {
            pairs[pair_slot(h.as_bytes())] |= len_bit(h.as_bytes());
        }
        CueMatcher {
            heads: Shapes::new(heads.iter().map(String::as_str)),
            pairs,
            by_head,
            by_short_head,
            texts: cues
                .iter()
                .map(|c| split_particle(&c.text).0.to_string())
                .collect(),
            particles: cues
                .iter()
                .map(|c| split_particle(&c.text).1.map(str::to_string))
                .collect(),
            odd: matcher,
            odd_ids: odd,
            kinds: cues.iter().map(|c| c.kind).collect(),
        }
    }

    /// The cues whose first word is `word` (ASCII case-insensitive): (cue length in bytes,
    /// cue index), longest first.
    #[cfg(test)]
    fn starting_with(&self, word: &str) -> &[(usize, usize)] {
        // No first word is looked up past 32 bytes; the shapes rule most words out.
        if !self.admits(word.as_bytes()) {
            return &[];
        }
        self.admitted(word)
    }

    /// False when `word` is certainly no first word of a cue (its shape or its first two
    /// bytes and length say so).
    #[inline]
    fn admits(&self, word: &[u8]) -> bool {
        self.heads.admit(word) && self.pairs[pair_slot(word)] & len_bit(word) != 0
    }

    /// [`Self::starting_with`] for a word [`Self::admits`] let through.
    fn admitted(&self, word: &str) -> &[(usize, usize)] {
        if let Some(key) = short_key(word.as_bytes()) {
            return self.by_short_head.get(&key).map_or(&[], Vec::as_slice);
        }
        let mut buf = [0u8; 32];
        if word.len() > buf.len() {
            return &[];
        }
        let key = &mut buf[..word.len()];
        key.copy_from_slice(word.as_bytes());
        key.make_ascii_lowercase();
        self.by_head.get(&*key).map_or(&[], Vec::as_slice)
    }

    /// Whole-word cue hits: (start, end, kind), in order, never overlapping.
    pub(super) fn find(&self, text: &str, toks: &[Token]) -> Vec<(usize, usize, CueKind)> {
        let mut out = Vec::new();
        let mut next_free = 0;
        for t in toks {
            // The shapes first, on the bytes: most words need not be cut out as text.
            if t.start < next_free || !self.admits(&text.as_bytes()[t.start..t.end]) {
                continue;
            }
            let word = t.text(text);
            let hit = self.admitted(word).iter().find(|&&(len, id)| {
                let end = t.start + len;
                text.get(t.start..end).is_some_and(|s| {
                    s.eq_ignore_ascii_case(&self.texts[id])
                        && is_whole_word(text, t.start, end)
                        && self.particles[id]
                            .as_deref()
                            .is_none_or(|p| clause_ends_with(text, end, p))
                })
            });
            if let Some(&(len, id)) = hit {
                let end = t.start + len;
                if !t.initial
                    && word.starts_with(|c: char| c.is_uppercase())
                    && self.texts[id].starts_with(|c: char| c.is_lowercase())
                {
                    // `die Frage`, `das Wissen`: a lower-case cue written with a capital
                    // inside a sentence is a noun (German) or a name.
                    continue;
                }
                if self.kinds[id] == CueKind::Say
                    && self.texts[id]
                        .get(..3)
                        .is_some_and(|h| h.eq_ignore_ascii_case("sag"))
                    && SAY_PARTICLES.iter().any(|p| clause_ends_with(text, end, p))
                {
                    // `Deutschland sagt mehr Geld zu`, `sagte den Besuch ab`: a particle
                    // closing the clause makes another verb (promise, cancel), no saying.
                    continue;
                }
                if self.texts[id].eq_ignore_ascii_case("so")
                    && !text[..t.start].trim_end().ends_with([',', '–', '-'])
                {
                    // `so` marks a source only as a quote frame: `…, so der Minister.`
                    continue;
                }
                out.push((t.start, end, self.kinds[id]));
                next_free = end;
            }
        }
        if let Some(m) = &self.odd {
            out.extend(
                m.find_iter(text)
                    .filter(|h| is_whole_word(text, h.start(), h.end()))
                    .map(|h| {
                        let id = self.odd_ids[h.pattern().as_usize()];
                        (h.start(), h.end(), self.kinds[id])
                    }),
            );
            out.sort_by_key(|h| h.0);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lexicon;
    use crate::article::Lang;

    /// The map this matcher replaced: lower-cased first word → cues, longest first.
    fn by_lowered_head(cues: &[Cue]) -> FxHashMap<Vec<u8>, Vec<(usize, usize)>> {
        let mut map: FxHashMap<Vec<u8>, Vec<(usize, usize)>> = FxHashMap::default();
        for (id, c) in cues.iter().enumerate() {
            let (head, _) = split_particle(&c.text);
            if let Some(t) = tokenize(head).first().filter(|t| t.start == 0) {
                map.entry(t.text(head).as_bytes().to_ascii_lowercase())
                    .or_default()
                    .push((head.len(), id));
            }
        }
        for list in map.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.0));
        }
        map
    }

    #[test]
    fn eight_bytes_are_lower_cased_as_each_byte_alone() {
        for x in [
            *b"ABCDEFGH",
            *b"@[`{Zz09",
            *b"\xC3\x84\xC3\x9CAz\x7f\x80",
            [0xC1, 0xDA, 0xE1, 0xFA, 0x41, 0x5A, 0x61, 0x7A],
            [0; 8],
            [0xFF; 8],
        ] {
            let want = x.map(|b| b.to_ascii_lowercase());
            assert_eq!(
                lower_ascii8(u64::from_le_bytes(x)).to_le_bytes(),
                want,
                "{x:?}"
            );
        }
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b; 8]);
            assert_eq!(
                lower_ascii8(x),
                u64::from_le_bytes([b.to_ascii_lowercase(); 8])
            );
        }
    }

    #[test]
    fn the_cues_of_a_word_are_those_of_its_lower_cased_first_word() {
        let text = "Die Ministerin SAGTE am Montag, die Lage sei ernst. Laut Polizei habe \
                    niemand etwas gesehen, erklärte ein Sprecher; er Betonte: Wir wissen es \
                    nicht. Nach Angaben der Stadt hielt der Bürgermeister dazu fest, dass \
                    Sagten und sagt zweierlei seien; Staatssekretär, Bundesministerin und \
                    Verantwortungsbewusstsein, ZURÜCKGEWIESEN, zurückgewiesen, @[`{. The minister said on Monday, according \
                    to officials, that prices Could rise; she TOLD reporters she believed it, \
                    warned and Denied it. Critics claimed the same. \
                    Übermorgen äußerte sich Ärztin Ö. zu den Vorwürfen, so die Zeitung.";
        for lang in [Lang::De, Lang::En] {
            let cues = lexicon::cues(lang);
            let m = CueMatcher::new(&cues);
            let old = by_lowered_head(&cues);
            let mut seen = 0;
            for t in tokenize(text) {
                let w = t.text(text);
                let want = old
                    .get(&w.as_bytes().to_ascii_lowercase())
                    .filter(|_| w.len() <= 32)
                    .cloned()
                    .unwrap_or_default();
                let got = m.starting_with(w).to_vec();
                assert_eq!(got, want, "{w:?} ({lang:?})");
                seen += usize::from(!want.is_empty());
            }
            // The sentences hold cues of either language.
            assert!(seen >= 5, "{lang:?}: {seen}");
        }
    }
}
