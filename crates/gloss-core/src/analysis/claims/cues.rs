//! Cue matching: where the cues of one language (verbs of saying, `laut`, hedges) stand
//! in a text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;

use crate::analysis::lexicon::{Cue, CueKind};
use crate::analysis::tokens::{Token, tokenize};
use crate::analysis::words::{ShapeFilter, is_whole_word};

/// Compiled cue lists for one language.
///
/// Cues are whole words, so they can only start where a token starts: each token is looked
/// up (lower-cased on the stack) in a map from first words to the cues starting with it.
/// That costs one hash per word, several times less than scanning every byte with an
/// automaton; cues that do not start with a word char (only possible from the config) keep
/// an Aho-Corasick pass of their own.
#[derive(Debug, Clone)]
pub struct CueMatcher {
    /// Lower-cased first word → (cue length in bytes, cue index), longest first.
    by_head: FxHashMap<Vec<u8>, Vec<(usize, usize)>>,
    /// The shapes of the first words.
    heads: ShapeFilter,
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
    let end = rest
        .find([',', '.', ';', ':', '!', '?', '\n'])
        .unwrap_or(rest.len())
        .min(160);
    let mut end = end;
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let clause = rest[..end].trim_end();
    clause
        .strip_suffix(particle)
        .is_some_and(|head| head.ends_with(' '))
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
        let mut heads = ShapeFilter::default();
        for k in by_head.keys() {
            heads.add(&String::from_utf8_lossy(k));
        }
        CueMatcher {
            heads,
            by_head,
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

    /// Whole-word cue hits: (start, end, kind), in order, never overlapping.
    pub(super) fn find(&self, text: &str, toks: &[Token]) -> Vec<(usize, usize, CueKind)> {
        let mut out = Vec::new();
        let mut buf = [0u8; 32];
        let mut next_free = 0;
        for t in toks {
            if t.start < next_free {
                continue;
            }
            let word = t.text(text);
            if word.len() > buf.len() || !self.heads.may_contain(word) {
                continue;
            }
            let key = &mut buf[..word.len()];
            key.copy_from_slice(word.as_bytes());
            key.make_ascii_lowercase();
            let Some(list) = self.by_head.get(&*key) else {
                continue;
            };
            let hit = list.iter().find(|&&(len, id)| {
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
