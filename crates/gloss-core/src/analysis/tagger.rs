//! The statistical entity tagger: a greedy averaged perceptron over gloss's own tokens, with
//! word, shape, affix and window features and the rule engine's candidates as features, so
//! it learns when the rules are right and finds the names they miss.
//!
//! Written here rather than taken from a crate because it must see gloss's tokens and rule
//! candidates without copying them into strings, train deterministically in seconds, and tag
//! several MB per second: an averaged perceptron with hashed features (as spaCy's first NER
//! and ixa-pipe-nerc do) is a hundred lines. Labels are BIO over PER, LOC, ORG and OTH (OTH
//! is learnt so that works and events are not called organisations, and never suggested).

use rustc_hash::FxHashMap as HashMap;
use thiserror::Error;

use super::candidate::{Candidate, Source};
use super::gazetteer::Gazetteer;
use super::lexicon::{WORDFREQ_EN, WORDNET_EN, WordSenses};
use super::patterns::Patterns;
use super::tokens::{Cursor, Token};
use crate::article::Lang;

/// The labels, in model order: `O`, then `B-`/`I-` of each type.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTH", "I-OTH",
];
/// The entity types, in label order (`B-` of type `k` is label `1 + 2k`).
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "OTH"];
const N: usize = LABELS.len();
const MAGIC: &[u8; 8] = b"GLNER\x00\x00\x02";

/// A model file that cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    /// Not a gloss entity model, or of another version.
    #[error("not a gloss entity model (bad header)")]
    Header,
    /// The file ends before its weights do.
    #[error("entity model is truncated")]
    Truncated,
}

/// A trained tagger: averaged weights per hashed feature.
#[derive(Debug, Clone, Default)]
pub struct Model {
    table: Table,
    /// The weights of the label-history features that read only the labels (the last
    /// label, the last two), summed per (last, one before): looked up for every
    /// hypothesis at every token, so added once here.
    labels: Vec<Row>,
}

/// The weights of one feature in vector lanes (SSE on x86-64, where the compiler left to
/// itself moved each weight through a scalar register), so that adding a row is three
/// vector additions.
#[cfg(target_arch = "x86_64")]
mod lanes {
    use super::N;
    use std::arch::x86_64::{
        __m128, _mm_add_ps, _mm_cvtss_f32, _mm_setr_ps, _mm_setzero_ps, _mm_shuffle_ps,
    };

    /// Twelve lanes, the first [`N`] used.
    #[derive(Debug, Clone, Copy)]
    pub struct Row([__m128; 3]);

    impl Default for Row {
        fn default() -> Row {
            // SAFETY: SSE is part of the x86-64 baseline (every x86-64 CPU has it), and
            // these intrinsics take no pointers.
            Row([unsafe { _mm_setzero_ps() }; 3])
        }
    }

    impl Row {
        /// The lanes of `w`, the rest zero.
        pub fn new(w: &[f32; N]) -> Row {
            let x = |k: usize| w.get(k).copied().unwrap_or(0.0);
            // SAFETY: as above.
            unsafe {
                Row([
                    _mm_setr_ps(x(0), x(1), x(2), x(3)),
                    _mm_setr_ps(x(4), x(5), x(6), x(7)),
                    _mm_setr_ps(x(8), x(9), x(10), x(11)),
                ])
            }
        }

        /// Adds `o` lane by lane.
        #[inline]
        pub fn add(&mut self, o: &Row) {
            for (a, b) in self.0.iter_mut().zip(&o.0) {
                // SAFETY: as above.
                *a = unsafe { _mm_add_ps(*a, *b) };
            }
        }

        /// The first [`N`] lanes.
        pub fn get(&self) -> [f32; N] {
            // SAFETY: as above.
            let lanes = |v: __m128| unsafe {
                [
                    _mm_cvtss_f32(v),
                    _mm_cvtss_f32(_mm_shuffle_ps::<0x55>(v, v)),
                    _mm_cvtss_f32(_mm_shuffle_ps::<0xaa>(v, v)),
                    _mm_cvtss_f32(_mm_shuffle_ps::<0xff>(v, v)),
                ]
            };
            let [a, b, c] = self.0.map(lanes);
            std::array::from_fn(|k| [a, b, c][k / 4][k % 4])
        }
    }
}

/// The weights of one feature (plain floats where there is no SSE).
#[cfg(not(target_arch = "x86_64"))]
mod lanes {
    use super::N;

    /// The [`N`] weights.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct Row([f32; N]);

    impl Row {
        /// The lanes of `w`.
        pub fn new(w: &[f32; N]) -> Row {
            Row(*w)
        }

        /// Adds `o` lane by lane.
        #[inline]
        pub fn add(&mut self, o: &Row) {
            for (a, b) in self.0.iter_mut().zip(&o.0) {
                *a += b;
            }
        }

        /// The weights.
        pub fn get(&self) -> [f32; N] {
            self.0
        }
    }
}

use lanes::Row;

/// The weights in one flat open-addressing table (linear probing, at most half full): a
/// lookup is a shift, a compare or two and no hashing, as the keys are hashes already.
#[derive(Debug, Clone, Default)]
struct Table {
    /// 0 marks an empty slot ([`key`] is never 0).
    keys: Vec<u64>,
    /// Per slot, the row of its weights in `vals`.
    rows: Vec<u32>,
    /// The weights, one row per feature: kept dense (not one per slot) so that the table
    /// stays small next to the caches (68,000 German features: 4.6 MB).
    vals: Vec<Row>,
    shift: u32,
}

impl Table {
    fn with_capacity(n: usize) -> Table {
        let slots = (n + n / 2 + 1).next_power_of_two().max(16);
        Table {
            keys: vec![0; slots],
            rows: vec![0; slots],
            vals: Vec::with_capacity(n),
            shift: 64 - slots.trailing_zeros(),
        }
    }

    fn slot(&self, k: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = (k >> self.shift) as usize;
        while self.keys[i] != k && self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// Adds a feature (the caller sizes the table for all of them).
    fn insert(&mut self, k: u64, v: [f32; N]) {
        let i = self.slot(k);
        if self.keys[i] == 0 {
            self.keys[i] = k;
            self.rows[i] = self.vals.len() as u32;
            self.vals.push(Row::new(&v));
        } else {
            self.vals[self.rows[i] as usize] = Row::new(&v);
        }
    }

    fn get(&self, k: u64) -> Option<&Row> {
        if self.keys.is_empty() {
            return None;
        }
        let i = self.slot(k);
        (self.keys[i] != 0).then(|| &self.vals[self.rows[i] as usize])
    }

    fn len(&self) -> usize {
        self.vals.len()
    }

    /// The entries, sorted by key.
    fn sorted(&self) -> Vec<(u64, [f32; N])> {
        let mut out: Vec<(u64, [f32; N])> = self
            .keys
            .iter()
            .zip(&self.rows)
            .filter(|(k, _)| **k != 0)
            .map(|(k, r)| (*k, self.vals[*r as usize].get()))
            .collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }
}

/// The label index of type `t` (index into [`TYPES`]) at the beginning or inside of a span.
pub fn label_of(t: usize, begin: bool) -> u8 {
    (1 + 2 * t + usize::from(!begin)) as u8
}

/// FNV-1a over bytes: a hash fixed for all time, so a shipped model means the same in every
/// build (a std or rustc-hash hasher may change between versions). Each word is hashed once
/// per text; features combine that hash with their template by [`key`].
const FNV0: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

fn fnv(s: &[u8]) -> u64 {
    s.iter().fold(FNV0, |h, &b| fnv_byte(h, b))
}

/// A feature: template `t` with value `v`, spread by a multiplication (the weight table
/// indexes by the high bits); never 0, the table's empty slot. The values are FNV hashes or
/// small numbers, and the templates' constants differ in their high bits, so features do
/// not collide in practice.
#[inline]
fn key(t: u8, v: u64) -> u64 {
    (v ^ u64::from(t).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_mul(0xbf58_476d_1ce4_e5b9)
        .max(1)
}

/// A feature of two values (a bigram, a label with a word).
#[inline]
fn key2(t: u8, a: u64, b: u64) -> u64 {
    key(t, a.rotate_left(23) ^ b.wrapping_mul(0x94d0_49bb_1331_11eb))
}

/// The value of a neighbour beyond either end of the text.
const EDGE: u64 = 0x0ed9_e0ed_9e0e_d9e0;

/// What the rules said about one token, packed: begin flag, label, source.
fn rule_code(c: &Candidate<'_>, begin: bool) -> u32 {
    let label = match c.label {
        "PER" => 0,
        "LOC" => 1,
        "ORG" => 2,
        _ => 3,
    };
    u32::from(begin) | label << 1 | (c.source as u32) << 4
}

/// The tagger's view of one text: its tokens with everything the features read.
pub struct Sequence<'t> {
    text: &'t str,
    toks: &'t [Token],
    lang: Lang,
    /// Resolved rule entity per token (code + 1; 0 for none).
    resolved: Vec<u32>,
    /// All rule candidates before overlaps were settled: codes by token, token `i`'s from
    /// `cand_start[i]` to `cand_start[i + 1]`.
    cands: Vec<u32>,
    cand_start: Vec<u32>,
    /// Per token, what the rest of the text says about its word (see [`doc_flags`]).
    doc: Vec<u8>,
    /// Per token, its place in a run of capitalised words: run length and position, each
    /// capped at 3 (0 for a lower-case word).
    run: Vec<u8>,
    /// Per token, the index of its word among the text's distinct words.
    word: Vec<u32>,
    /// Every distinct word's lower case, one after the other, and where each ends:
    /// computed once per word, read by its affix features.
    lowers: String,
    lower_end: Vec<u32>,
    /// Every token's lower case and shape, hashed once: read by its own features and its
    /// neighbours'.
    lower_h: Vec<u64>,
    shape_h: Vec<u64>,
    /// English: what WordNet says of every distinct word, looked up once (empty for
    /// German).
    wordnet: Vec<WordSenses>,
    /// English: every token's [`senses_code`], read by its neighbours' features (a table
    /// per token, as the tagger reads them: cheaper than going through the word each time).
    senses: Vec<u64>,
}

/// What the whole text says about each token's word, as the document-level features of
/// Stanford NER and ixa-pipe do: bit 0, the word also occurs in lower case (`Bahn` after
/// `bahnbrechend` says nothing, `The` after `the` does); bit 1, it also occurs capitalised
/// inside a sentence (a name at a sentence start is usually written so elsewhere too).
fn doc_flags(text: &str, toks: &[Token], keys: &[u64]) -> Vec<u8> {
    let mut seen: HashMap<u64, u8> =
        HashMap::with_capacity_and_hasher(toks.len() / 2, Default::default());
    for (t, &key) in toks.iter().zip(keys) {
        let cap = t.text(text).chars().next().is_some_and(char::is_uppercase);
        let bit = if !cap {
            1
        } else if !t.initial {
            2
        } else {
            0
        };
        *seen.entry(key).or_default() |= bit;
    }
    keys.iter()
        .map(|k| seen.get(k).copied().unwrap_or(0))
        .collect()
}

/// Run length and position of each token in its run of capitalised words, packed.
fn cap_runs(text: &str, toks: &[Token]) -> Vec<u8> {
    let cap = |t: &Token| t.text(text).chars().next().is_some_and(char::is_uppercase);
    let mut out = vec![0u8; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if !cap(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && cap(&toks[j]) && !toks[j].after_punct {
            j += 1;
        }
        let len = (j - i).min(3) as u8;
        for (k, o) in out[i..j].iter_mut().enumerate() {
            *o = 0x10 | len << 2 | (k.min(3) as u8);
        }
        i = j;
    }
    out
}

impl<'t> Sequence<'t> {
    /// The tagger's input: the tokens, the candidates every rule proposed and the entities
    /// the rules settled on.
    pub fn new(
        text: &'t str,
        toks: &'t [Token],
        lang: Lang,
        all: &[Candidate<'_>],
        resolved: &[Candidate<'_>],
    ) -> Sequence<'t> {
        let mut res = vec![0u32; toks.len()];
        let mut at = Cursor::new(toks);
        for c in resolved {
            for (k, i) in at.range(c.start, c.end).enumerate() {
                res[i] = rule_code(c, k == 0) + 1;
            }
        }
        let mut pairs = Vec::with_capacity(all.len() * 2);
        for c in all {
            for (k, i) in at.range(c.start, c.end).enumerate() {
                pairs.push((i as u32, rule_code(c, k == 0)));
            }
        }
        pairs.sort_unstable();
        let mut cand_start = Vec::with_capacity(toks.len() + 1);
        let mut at = 0;
        for i in 0..=toks.len() as u32 {
            while at < pairs.len() && pairs[at].0 < i {
                at += 1;
            }
            cand_start.push(at as u32);
        }
        // Each distinct word is lower-cased, shaped and hashed once: most words recur.
        let mut ids: HashMap<&str, u32> =
            HashMap::with_capacity_and_hasher(toks.len() / 4, Default::default());
        let mut word = Vec::with_capacity(toks.len());
        let mut lowers = String::new();
        let mut lower_end = Vec::new();
        let mut word_h: Vec<(u64, u64)> = Vec::new();
        let (mut l, mut sh) = (String::new(), Vec::new());
        for t in toks {
            let w = t.text(text);
            let id = *ids.entry(w).or_insert_with(|| {
                lower_into(w, &mut l);
                lowers.push_str(&l);
                lower_end.push(lowers.len() as u32);
                shape(w, &mut sh);
                word_h.push((fnv(l.as_bytes()), fnv(&sh)));
                (word_h.len() - 1) as u32
            });
            word.push(id);
        }
        let lower_h: Vec<u64> = word.iter().map(|&k| word_h[k as usize].0).collect();
        let shape_h = word.iter().map(|&k| word_h[k as usize].1).collect();
        let mut seq = Sequence {
            text,
            toks,
            lang,
            resolved: res,
            cands: pairs.into_iter().map(|p| p.1).collect(),
            cand_start,
            doc: doc_flags(text, toks, &lower_h),
            run: cap_runs(text, toks),
            word,
            lowers,
            lower_end,
            lower_h,
            shape_h,
            wordnet: Vec::new(),
            senses: Vec::new(),
        };
        if lang == Lang::En {
            seq.wordnet = (0..seq.words())
                .map(|w| WORDNET_EN.get(seq.word_lower(w)).unwrap_or_default())
                .collect();
            seq.senses = (0..seq.len())
                .map(|i| senses_code(seq.wordnet(i)))
                .collect();
        }
        seq
    }

    /// The number of distinct words.
    fn words(&self) -> usize {
        self.lower_end.len()
    }

    /// Token `i` in lower case.
    fn lower(&self, i: usize) -> &str {
        self.word_lower(self.word[i] as usize)
    }

    /// Distinct word `w` in lower case.
    fn word_lower(&self, w: usize) -> &str {
        let start = w.checked_sub(1).map_or(0, |j| self.lower_end[j] as usize);
        &self.lowers[start..self.lower_end[w] as usize]
    }

    /// What WordNet says of token `i`'s word (English only).
    fn wordnet(&self, i: usize) -> WordSenses {
        self.wordnet[self.word[i] as usize]
    }

    /// Whether each token is a role word (read by its own features and the next token's).
    fn roles(&self, lex: &Lexicon<'_>) -> Vec<bool> {
        self.toks
            .iter()
            .map(|t| lex.patterns.is_role(t.text(self.text), self.lang))
            .collect()
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }
}

/// Word shape with runs collapsed: `Xx`, `X`, `d`, `Xx-Xx`, `x`.
fn shape(w: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if out.last() != Some(&s) {
            out.push(s);
        }
    }
}

fn lower_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// A word's common-noun senses as one feature value: the first sense's lexicographer file
/// and whether any sense is a person, location or group.
fn senses_code(s: WordSenses) -> u64 {
    u64::from(s.first) | u64::from(s.kinds) << 5
}

/// How much rarer an English word is in other languages, in seven steps (7: too few list
/// it; 8: not in the English list either).
fn gap_step(gap: Option<Option<i16>>) -> u64 {
    match gap {
        None => 8,
        Some(None) => 7,
        Some(Some(g)) => [20, 40, 60, 90, 120, 160]
            .iter()
            .position(|&b| g < b)
            .unwrap_or(6) as u64,
    }
}

/// The lexicon signals the features read.
pub struct Lexicon<'a> {
    /// Stopwords, first names, role words.
    pub patterns: &'a Patterns,
    /// Gazetteer lookups of single words.
    pub gazetteer: &'a Gazetteer,
}

/// The features of token `i` that do not depend on earlier labels (`roles` from
/// [`Sequence::roles`]): those of its word, then those of its place.
fn static_features(
    seq: &Sequence<'_>,
    i: usize,
    lex: &Lexicon<'_>,
    roles: &[bool],
    out: &mut Vec<u64>,
) {
    word_features(seq, i, lex, roles[i], out);
    context_features(seq, i, roles, out);
}

/// The features of token `i` that depend on its word alone (and the language), so that
/// tagging scores them once per distinct word of a text.
fn word_features(seq: &Sequence<'_>, i: usize, lex: &Lexicon<'_>, role: bool, out: &mut Vec<u64>) {
    let w = seq.toks[i].text(seq.text);
    out.push(key(0, 0));
    out.push(key(1, fnv(w.as_bytes())));
    out.push(key(2, seq.lower_h[i]));
    out.push(key(3, seq.shape_h[i]));
    // Prefixes and suffixes of 1–4 chars, each hashed in one pass over the bytes (forwards
    // for prefixes, backwards for suffixes), keeping the hash at each char boundary.
    let lower = seq.lower(i).as_bytes();
    let boundary = |b: u8| b & 0xc0 != 0x80;
    let (mut h, mut k) = (FNV0, 0u8);
    for (j, &b) in lower.iter().enumerate() {
        h = fnv_byte(h, b);
        if lower.get(j + 1).is_none_or(|&n| boundary(n)) {
            k += 1;
            out.push(key(3 + k, h));
            if k == 4 {
                break;
            }
        }
    }
    // German also of 5 and 6 chars: the heads of compounds (`-verband`, `-ministerium`,
    // `-partei`) name organisations (5-fold CV: German F1 0.581 -> 0.583, P 0.676 -> 0.682;
    // English 0.675 -> 0.669, so not there).
    let longest = match seq.lang {
        Lang::De => 6,
        Lang::En => 4,
    };
    let (mut h, mut k) = (FNV0, 0u8);
    for &b in lower.iter().rev() {
        h = fnv_byte(h, b);
        if boundary(b) {
            k += 1;
            out.push(key(if k <= 4 { 7 + k } else { 65 + k }, h));
            if k == longest {
                break;
            }
        }
    }
    let n = lower.iter().filter(|&&b| boundary(b)).count();
    out.push(key(13, n.min(12) as u64));
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let pat = lex.patterns;
    out.push(key(
        16,
        u64::from(
            u8::from(pat.is_stopword(w))
                | u8::from(cap && pat.is_first_name(w)) << 1
                | u8::from(role) << 2,
        ),
    ));
    // English: what the wider language says of the word. How common it is, alone and with
    // its case (a capitalised word that is common in lower case is seldom a name); how much
    // rarer it is in other languages (names are shared across languages, common words are
    // not); and WordNet: the kinds of name it is a word of, its common-noun senses.
    // (5-fold CV by document: F1 0.657 -> 0.678, P 0.742 -> 0.741, R 0.589 -> 0.625. Each
    // alone gained less; the neighbours' frequencies, an ensemble of seeds and feature
    // dropout gained nothing.)
    if seq.lang == Lang::En {
        let lower = seq.lower(i);
        let freq = WORDFREQ_EN.get(lower);
        let step = u64::from(freq.map_or(15, |(cb, _)| cb / 50));
        out.push(key(80, step));
        out.push(key(81, step << 1 | u64::from(cap)));
        let gap = gap_step(freq.map(|(_, gap)| gap));
        out.push(key(85, gap));
        out.push(key(86, gap << 1 | u64::from(cap)));
        let wn = seq.wordnet(i);
        out.push(key(88, u64::from(wn.named) << 1 | u64::from(cap)));
        out.push(key(89, senses_code(wn)));
    }
    if cap {
        if let Some(name) = lex.gazetteer.lookup(w) {
            out.push(key(17, fnv(name.label.as_bytes())));
        } else if let Some(stem) = w.strip_suffix('s')
            && let Some(name) = lex.gazetteer.lookup(stem)
        {
            out.push(key(18, fnv(name.label.as_bytes())));
        }
    }
}

/// The features of token `i` that depend on where it stands: its neighbours, the text's
/// other occurrences of its word, the rules.
fn context_features(seq: &Sequence<'_>, i: usize, roles: &[bool], out: &mut Vec<u64>) {
    let text = seq.text;
    let toks = seq.toks;
    let t = toks[i];
    let lh = seq.lower_h[i];
    let cap = t.text(text).chars().next().is_some_and(char::is_uppercase);
    out.push(key(
        12,
        u64::from(u8::from(t.initial) | u8::from(t.after_punct) << 1 | u8::from(cap) << 2),
    ));
    if cap {
        out.push(key(19, u64::from(seq.doc[i] | u8::from(t.initial) << 2)));
        out.push(key(24, u64::from(seq.run[i])));
    }
    // The punctuation right before and after the token (quotes, brackets, full stops).
    // (Spaces skipped: a comma or full stop between two names ends the first.)
    let gap_start = if i > 0 { toks[i - 1].end } else { 0 };
    let gap_end = toks.get(i + 1).map_or(text.len(), |n| n.start);
    let mark = |c: &char| !c.is_whitespace() || *c == '\n';
    let (gap_before, gap_after) = (&text[gap_start..t.start], &text[t.end..gap_end]);
    let before = match gap_before {
        "" | " " => ' ',
        g => g.chars().rev().find(mark).unwrap_or(' '),
    };
    let after = match gap_after {
        "" | " " => ' ',
        g => g.chars().find(mark).unwrap_or(' '),
    };
    out.push(key(14, u64::from(before)));
    out.push(key(15, u64::from(after)));
    // English: the neighbours' WordNet senses (`Division`, `Railroad`, `Lake` after a name).
    if !seq.senses.is_empty() {
        for (d, tmpl) in [(-1i64, 91u8), (1, 92)] {
            let j = i as i64 + d;
            let code = if j < 0 || j >= toks.len() as i64 {
                255
            } else {
                seq.senses[j as usize]
            };
            out.push(key(tmpl, code));
        }
    }
    // Neighbours: lower-case forms and shapes two either side.
    for (d, tmpl) in [(-2i64, 20u8), (-1, 21), (1, 22), (2, 23)] {
        let j = i as i64 + d;
        if j < 0 || j >= toks.len() as i64 {
            out.push(key(tmpl, EDGE));
            continue;
        }
        let j = j as usize;
        let other = seq.lower_h[j];
        out.push(key(tmpl, other));
        if d == -1 || d == 1 {
            out.push(key(tmpl + 10, seq.shape_h[j]));
            // Bigrams with the word itself.
            out.push(key2(tmpl + 20, other, lh));
            if d == -1 {
                out.push(key(45, u64::from(roles[j])));
            }
        }
    }
    // The rules: what they settled on here and next door, and every candidate here.
    for (d, tmpl) in [(-1i64, 50u8), (0, 51), (1, 52)] {
        let j = i as i64 + d;
        let code = if j < 0 || j >= toks.len() as i64 {
            0
        } else {
            seq.resolved[j as usize]
        };
        // Neighbours: label and begin flag only.
        let code = if d == 0 { code } else { code & 0xf };
        out.push(key(tmpl, u64::from(code)));
    }
    let cands = seq.cand_start[i] as usize..seq.cand_start[i + 1] as usize;
    for &code in &seq.cands[cands] {
        out.push(key(53, u64::from(code)));
    }
    if seq.resolved[i] != 0 {
        out.push(key2(54, u64::from(seq.resolved[i]), lh));
    }
}

/// The features that read the labels already given (`shape`: the token's shape hash).
fn history_features(prev: u8, prev2: u8, shape: u64, out: &mut Vec<u64>) {
    label_features(prev, prev2, out);
    shape_feature(prev, shape, out);
}

/// The history features that read the labels alone.
fn label_features(prev: u8, prev2: u8, out: &mut Vec<u64>) {
    out.push(key(60, u64::from(prev)));
    out.push(key(61, u64::from(prev) | u64::from(prev2) << 8));
}

/// The history feature of the last label with the token's shape.
fn shape_feature(prev: u8, shape: u64, out: &mut Vec<u64>) {
    out.push(key2(62, u64::from(prev), shape));
}

/// One tagged span: token range, type index into [`TYPES`] and confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Type index into [`TYPES`].
    pub kind: usize,
    /// The lowest probability of its tokens' labels (0–1).
    pub score: f32,
}

/// What the tagger says about a text: its spans and, per token, the probability of `O`.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// Entity spans, in order.
    pub spans: Vec<Span>,
    /// Per token: how sure the tagger is that it is no entity.
    pub outside: Vec<f32>,
}

/// A label sequence of the beam search so far: its score, its last two labels, its last
/// step and (in training) whether it is the gold sequence.
#[derive(Debug, Clone, Copy)]
struct Hyp {
    score: f32,
    prev: u8,
    prev2: u8,
    at: u32,
    gold: bool,
}

impl Hyp {
    const START: Hyp = Hyp {
        score: 0.0,
        prev: 0,
        prev2: 0,
        at: u32::MAX,
        gold: true,
    };
}

/// Tokens from which a text is tagged in two halves at once (about 350 KB of prose).
const SPLIT_TOKENS: usize = 50_000;

/// A label offered for the beam: its sequence's score, the hypothesis it extends (and
/// that one's last label), the label.
#[derive(Debug, Clone, Copy)]
struct Choice {
    score: f32,
    hyp: usize,
    hyp_prev: u8,
    label: u8,
}

/// Keeps `chosen` the `beam` best choices, best first, one per state (the last two labels):
/// what sorting every choice and taking the first of each state would keep, without the
/// sort. Among equal scores the one offered first stays first.
fn offer(chosen: &mut Vec<Choice>, beam: usize, score: f32, hyp: usize, hyp_prev: u8, label: u8) {
    // Most choices are below the beam's worst (a choice of a state kept can only beat its
    // own entry if it beats the worst, which that entry then is).
    if chosen.len() == beam && chosen.last().is_some_and(|c| score <= c.score) {
        return;
    }
    if let Some(k) = chosen
        .iter()
        .position(|c| c.label == label && c.hyp_prev == hyp_prev)
    {
        if score <= chosen[k].score {
            return;
        }
        chosen.remove(k);
    }
    if chosen.len() == beam && chosen.last().is_some_and(|c| score <= c.score) {
        return;
    }
    let at = chosen
        .iter()
        .position(|c| c.score < score)
        .unwrap_or(chosen.len());
    chosen.insert(
        at,
        Choice {
            score,
            hyp,
            hyp_prev,
            label,
        },
    );
    chosen.truncate(beam);
}

impl Model {
    fn from_table(table: Table) -> Model {
        let mut m = Model {
            table,
            labels: Vec::new(),
        };
        let mut feats = Vec::with_capacity(2);
        for prev in 0..N as u8 {
            for prev2 in 0..N as u8 {
                feats.clear();
                label_features(prev, prev2, &mut feats);
                let mut row = Row::default();
                m.add_scores(&feats, &mut row);
                m.labels.push(row);
            }
        }
        m
    }

    /// The label-history features' weights for the last two labels.
    fn label_scores(&self, prev: u8, prev2: u8, out: &mut Row) {
        match self.labels.get(usize::from(prev) * N + usize::from(prev2)) {
            Some(r) => out.add(r),
            None => {
                let mut feats = Vec::with_capacity(2);
                label_features(prev, prev2, &mut feats);
                self.add_scores(&feats, out);
            }
        }
    }

    fn add_scores(&self, feats: &[u64], out: &mut Row) {
        for &f in feats {
            if let Some(w) = self.table.get(f) {
                out.add(w);
            }
        }
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the model has no weights (an untrained model).
    pub fn is_empty(&self) -> bool {
        self.table.len() == 0
    }

    /// Tags a sequence left to right, keeping the `beam` best label sequences (1: greedy).
    pub fn tag(&self, seq: &Sequence<'_>, lex: &Lexicon<'_>, scale: f32, beam: usize) -> Tagged {
        let (labels, probs, outside) = self.decode_split(seq, lex, scale, beam.max(1));
        let mut spans: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < labels.len() {
            let y = labels[i];
            if y == 0 {
                i += 1;
                continue;
            }
            let kind = usize::from((y - 1) / 2);
            let inside = label_of(kind, false);
            let mut j = i + 1;
            let mut score = probs[i];
            while j < labels.len() && labels[j] == inside {
                if breaks_name(&seq.text[seq.toks[j - 1].end..seq.toks[j].start]) {
                    // A name never runs on past a bracket, comma or quote (`Clara Westphal
                    // (Grüne)`): the tagger's continuation there is dropped, not made a
                    // name of its own.
                    let mut k = j;
                    while k < labels.len() && labels[k] == inside {
                        k += 1;
                    }
                    spans.push(Span {
                        first: i,
                        last: j,
                        kind,
                        score,
                    });
                    i = k;
                    break;
                }
                score = score.min(probs[j]);
                j += 1;
            }
            if i > j {
                continue;
            }
            // Two people's names side by side with nothing between them are one name the
            // greedy tagger began twice (`Edinson` `Cavani`).
            if kind == 0
                && !seq.toks[i].after_punct
                && let Some(last) = spans.last_mut()
                && last.kind == 0
                && last.last == i
                && !breaks_name(&seq.text[seq.toks[i - 1].end..seq.toks[i].start])
            {
                last.last = j;
                last.score = last.score.min(score);
                i = j;
                continue;
            }
            spans.push(Span {
                first: i,
                last: j,
                kind,
                score,
            });
            i = j;
        }
        Tagged { spans, outside }
    }

    /// [`Model::decode`] over the whole sequence; a long one (a book, a 10 MB dump) in two
    /// halves on two threads, split at the paragraph break nearest its middle, where the
    /// labels start afresh as at the start of a text: the result depends on the text
    /// alone, never on the machine.
    fn decode_split(
        &self,
        seq: &Sequence<'_>,
        lex: &Lexicon<'_>,
        scale: f32,
        beam: usize,
    ) -> (Vec<u8>, Vec<f32>, Vec<f32>) {
        let n = seq.len();
        let split = (n >= SPLIT_TOKENS)
            .then(|| {
                (n / 2..n)
                    .find(|&i| seq.text[seq.toks[i - 1].end..seq.toks[i].start].contains("\n\n"))
            })
            .flatten();
        let roles = seq.roles(lex);
        let Some(mid) = split else {
            return self.decode(seq, lex, &roles, scale, beam, 0..n);
        };
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(|| self.decode(seq, lex, &roles, scale, beam, mid..n));
            let first = self.decode(seq, lex, &roles, scale, beam, 0..mid);
            // A thread that cannot be joined panicked: decode its half here.
            let second = second
                .join()
                .unwrap_or_else(|_| self.decode(seq, lex, &roles, scale, beam, mid..n));
            (first, second)
        });
        let (mut labels, mut probs, mut outside) = a;
        labels.extend(b.0);
        probs.extend(b.1);
        outside.extend(b.2);
        (labels, probs, outside)
    }

    /// The labels of a beam search over label sequences by the sum of their scores, with
    /// each chosen label's probability and the probability of `O`. Hypotheses that end in
    /// the same two labels are merged (the features see no further back), so a beam of 1
    /// is the greedy tagger.
    fn decode(
        &self,
        seq: &Sequence<'_>,
        lex: &Lexicon<'_>,
        roles: &[bool],
        scale: f32,
        beam: usize,
        range: std::ops::Range<usize>,
    ) -> (Vec<u8>, Vec<f32>, Vec<f32>) {
        let mut feats = Vec::with_capacity(64);
        // The scores of each distinct word's own features, computed once per text.
        let mut words: Vec<Option<Row>> = vec![None; seq.words()];
        // Every step kept: (parent step or u32::MAX, label, its probability, that of `O`).
        // The two probabilities rather than the nine scores: a 10 MB text's steps were
        // 150 MB, and the page faults of their first touch cost more than the softmax.
        let mut steps: Vec<(u32, u8, f32, f32)> = Vec::with_capacity(range.len() * beam);
        let mut hyp_probs: Vec<Option<[f32; N]>> = Vec::with_capacity(beam);
        let mut hyps = vec![Hyp::START];
        let mut kept: Vec<Hyp> = Vec::with_capacity(beam);
        let mut heads: Vec<[f32; N]> = Vec::with_capacity(beam);
        let mut chosen: Vec<Choice> = Vec::with_capacity(beam);
        for i in range.clone() {
            let w = seq.word[i] as usize;
            let mut base = match words[w] {
                Some(s) => s,
                None => {
                    feats.clear();
                    word_features(seq, i, lex, roles[i], &mut feats);
                    let mut s = Row::default();
                    self.add_scores(&feats, &mut s);
                    words[w] = Some(s);
                    s
                }
            };
            feats.clear();
            context_features(seq, i, roles, &mut feats);
            self.add_scores(&feats, &mut base);
            heads.clear();
            chosen.clear();
            for (k, h) in hyps.iter().enumerate() {
                let mut scores = base;
                self.label_scores(h.prev, h.prev2, &mut scores);
                feats.clear();
                shape_feature(h.prev, seq.shape_h[i], &mut feats);
                self.add_scores(&feats, &mut scores);
                let head = scores.get();
                heads.push(head);
                if beam == 1 {
                    let y = best(&head);
                    offer(
                        &mut chosen,
                        beam,
                        h.score + head[usize::from(y)],
                        k,
                        h.prev,
                        y,
                    );
                    continue;
                }
                for y in 0..N as u8 {
                    offer(
                        &mut chosen,
                        beam,
                        h.score + head[usize::from(y)],
                        k,
                        h.prev,
                        y,
                    );
                }
            }
            kept.clear();
            hyp_probs.clear();
            hyp_probs.resize(heads.len(), None);
            for c in &chosen {
                let h = hyps[c.hyp];
                let p = *hyp_probs[c.hyp].get_or_insert_with(|| softmax(&heads[c.hyp], scale));
                steps.push((h.at, c.label, p[usize::from(c.label)], p[0]));
                kept.push(Hyp {
                    score: c.score,
                    prev: c.label,
                    prev2: h.prev,
                    at: (steps.len() - 1) as u32,
                    gold: false,
                });
            }
            std::mem::swap(&mut hyps, &mut kept);
        }
        let n = range.len();
        let mut labels = vec![0u8; n];
        let mut probs = vec![0.0f32; n];
        let mut outside = vec![0.0f32; n];
        let mut at = hyps.first().map_or(u32::MAX, |h| h.at);
        for i in (0..n).rev() {
            let Some(&(parent, y, p, o)) = steps.get(at as usize) else {
                break;
            };
            labels[i] = y;
            probs[i] = p;
            outside[i] = o;
            at = parent;
        }
        (labels, probs, outside)
    }

    /// The model as bytes: header, scale, then features sorted by hash with weights as
    /// 16-bit fixed point (a quarter of the size of f64, the same tags).
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = self.table.sorted();
        let max = entries
            .iter()
            .flat_map(|e| e.1.iter())
            .fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(16 + entries.len() * (8 + 2 * N));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, w) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            for x in w {
                out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(ModelError::Header)?;
        let take4 = |b: &[u8]| -> Result<[u8; 4], ModelError> {
            b.get(..4)
                .and_then(|s| s.try_into().ok())
                .ok_or(ModelError::Truncated)
        };
        let scale = f32::from_le_bytes(take4(rest)?);
        let count = u32::from_le_bytes(take4(&rest[4..])?) as usize;
        let body = &rest[8..];
        let row = 8 + 2 * N;
        if body.len() != count * row {
            return Err(ModelError::Truncated);
        }
        let mut table = Table::with_capacity(count);
        for r in body.chunks_exact(row) {
            let mut key = [0u8; 8];
            key.copy_from_slice(&r[..8]);
            let key = u64::from_le_bytes(key);
            if key == 0 {
                return Err(ModelError::Header);
            }
            let mut w = [0.0f32; N];
            for (k, x) in w.iter_mut().enumerate() {
                *x = f32::from(i16::from_le_bytes([r[8 + 2 * k], r[9 + 2 * k]])) * scale;
            }
            table.insert(key, w);
        }
        Ok(Model::from_table(table))
    }
}

/// The best label. Any label may follow any other: an `I-` after something else begins a
/// span, as conlleval reads it (a hard BIO constraint made the greedy tagger drop names
/// it was sure of when it had missed their first word).
fn best(scores: &[f32; N]) -> u8 {
    let mut best = 0u8;
    for y in 1..N as u8 {
        if scores[usize::from(y)] > scores[usize::from(best)] {
            best = y;
        }
    }
    best
}

/// Label probabilities: the softmax of the scores times `scale`.
fn softmax(scores: &[f32; N], scale: f32) -> [f32; N] {
    let max = scores.iter().copied().fold(f32::MIN, f32::max);
    let mut p = [0.0f32; N];
    let mut sum = 0.0;
    for (o, s) in p.iter_mut().zip(scores) {
        let x = (s - max) * scale;
        // exp(-20) is below a float's precision next to the best label's 1: not computed.
        *o = if x < -20.0 { 0.0 } else { x.exp() };
        sum += *o;
    }
    for x in &mut p {
        *x /= sum;
    }
    p
}

/// One training text: its static features per token and the gold labels.
#[derive(Debug, Clone, Default)]
pub struct Example {
    feats: Vec<Vec<u64>>,
    shapes: Vec<u64>,
    gold: Vec<u8>,
}

impl Example {
    /// Each token's label-independent features (hashed).
    pub fn features(&self) -> &[Vec<u64>] {
        &self.feats
    }

    /// Each token's gold label (index into [`LABELS`]).
    pub fn gold(&self) -> &[u8] {
        &self.gold
    }

    /// The features of a sequence with its gold labels (one per token, indices into
    /// [`LABELS`]).
    pub fn new(seq: &Sequence<'_>, lex: &Lexicon<'_>, gold: Vec<u8>) -> Example {
        let roles = seq.roles(lex);
        let feats = (0..seq.len())
            .map(|i| {
                let mut f = Vec::with_capacity(64);
                static_features(seq, i, lex, &roles, &mut f);
                f
            })
            .collect();
        Example {
            feats,
            shapes: seq.shape_h.clone(),
            gold,
        }
    }
}

/// Gold labels per token from entity spans (byte offsets, type index into [`TYPES`]).
pub fn gold_labels(toks: &[Token], spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut gold = vec![0u8; toks.len()];
    let mut at = Cursor::new(toks);
    for &(start, end, kind) in spans {
        for (k, i) in at.range(start, end).enumerate() {
            gold[i] = label_of(kind, k == 0);
        }
    }
    gold
}

/// Shuffles `order` (Fisher–Yates with xorshift64: reproducible without a dependency).
fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// Adds the training weights of `feats` to `out`.
fn add_weights(w: &HashMap<u64, [f32; N]>, feats: &[u64], out: &mut [f32; N]) {
    for f in feats {
        if let Some(x) = w.get(f) {
            for (o, v) in out.iter_mut().zip(x) {
                *o += v;
            }
        }
    }
}

/// Trains a structured averaged perceptron that tags with a beam of `beam` (Collins and
/// Roark's early update: where the gold labels fall out of the beam, the weights move
/// from the best sequence towards the gold one, and reading goes on from the gold
/// labels). `beam` 1 is [`train`].
pub fn train_beam(examples: &[Example], epochs: usize, seed: u64, beam: usize) -> Model {
    if beam <= 1 {
        return train(examples, epochs, seed);
    }
    let mut w: HashMap<u64, [f32; N]> = HashMap::default();
    let mut u: HashMap<u64, [f64; N]> = HashMap::default();
    let mut step = 1.0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let mut feats = Vec::with_capacity(8);
    let mut arena: Vec<(u32, u8)> = Vec::new();
    let mut chosen: Vec<Choice> = Vec::with_capacity(beam);
    let mut pred: Vec<u8> = Vec::new();
    let update = |w: &mut HashMap<u64, [f32; N]>,
                  u: &mut HashMap<u64, [f64; N]>,
                  f: u64,
                  y: u8,
                  d: f32,
                  step: f64| {
        w.entry(f).or_insert([0.0; N])[usize::from(y)] += d;
        u.entry(f).or_insert([0.0; N])[usize::from(y)] += f64::from(d) * step;
    };
    for _ in 0..epochs {
        shuffle(&mut order, &mut rng);
        for &e in &order {
            let ex = &examples[e];
            let n = ex.gold.len();
            let gold = |j: usize| ex.gold[j];
            let mut sync = 0usize;
            arena.clear();
            let mut hyps = vec![Hyp::START];
            for i in 0..n {
                let mut base = [0.0f32; N];
                add_weights(&w, &ex.feats[i], &mut base);
                chosen.clear();
                for (k, h) in hyps.iter().enumerate() {
                    let mut head = base;
                    feats.clear();
                    history_features(h.prev, h.prev2, ex.shapes[i], &mut feats);
                    add_weights(&w, &feats, &mut head);
                    for y in 0..N as u8 {
                        offer(
                            &mut chosen,
                            beam,
                            h.score + head[usize::from(y)],
                            k,
                            h.prev,
                            y,
                        );
                    }
                }
                let mut kept: Vec<Hyp> = Vec::with_capacity(beam);
                for c in &chosen {
                    let h = hyps[c.hyp];
                    arena.push((h.at, c.label));
                    kept.push(Hyp {
                        score: c.score,
                        prev: c.label,
                        prev2: h.prev,
                        at: (arena.len() - 1) as u32,
                        gold: h.gold && c.label == gold(i),
                    });
                }
                step += 1.0;
                let lost = !kept.iter().any(|h| h.gold);
                let last_wrong = i + 1 == n && !kept[0].gold;
                if !lost && !last_wrong {
                    hyps = kept;
                    continue;
                }
                // The best sequence since the last sync point, against the gold one.
                pred.clear();
                let mut at = kept[0].at;
                while let Some(&(parent, y)) = arena.get(at as usize) {
                    pred.push(y);
                    at = parent;
                }
                pred.reverse();
                let label = |j: usize| -> u8 { if j >= sync { pred[j - sync] } else { gold(j) } };
                for j in sync..=i {
                    let (g, p) = (gold(j), label(j));
                    let gh = (
                        j.checked_sub(1).map_or(0, gold),
                        j.checked_sub(2).map_or(0, gold),
                    );
                    let ph = (
                        j.checked_sub(1).map_or(0, label),
                        j.checked_sub(2).map_or(0, label),
                    );
                    if g != p {
                        for &f in &ex.feats[j] {
                            update(&mut w, &mut u, f, g, 1.0, step);
                            update(&mut w, &mut u, f, p, -1.0, step);
                        }
                    }
                    if (g, gh) != (p, ph) {
                        feats.clear();
                        history_features(gh.0, gh.1, ex.shapes[j], &mut feats);
                        for &f in &feats {
                            update(&mut w, &mut u, f, g, 1.0, step);
                        }
                        feats.clear();
                        history_features(ph.0, ph.1, ex.shapes[j], &mut feats);
                        for &f in &feats {
                            update(&mut w, &mut u, f, p, -1.0, step);
                        }
                    }
                }
                sync = i + 1;
                arena.clear();
                hyps = vec![Hyp {
                    score: 0.0,
                    prev: gold(i),
                    prev2: i.checked_sub(1).map_or(0, gold),
                    at: u32::MAX,
                    gold: true,
                }];
            }
        }
    }
    finish(w, &u, step)
}

/// Trains an averaged perceptron: `epochs` passes over the examples in an order shuffled
/// by `seed` (the same seed gives the same model).
pub fn train(examples: &[Example], epochs: usize, seed: u64) -> Model {
    // Averaging by the usual trick: keep the weights and the sum of step × update; the
    // average is then w - u / steps.
    let mut w: HashMap<u64, [f32; N]> = HashMap::default();
    let mut u: HashMap<u64, [f64; N]> = HashMap::default();
    let mut step = 1.0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let mut feats = Vec::with_capacity(80);
    for _ in 0..epochs {
        shuffle(&mut order, &mut rng);
        for &e in &order {
            let ex = &examples[e];
            let (mut prev, mut prev2) = (0u8, 0u8);
            for i in 0..ex.gold.len() {
                feats.clear();
                feats.extend_from_slice(&ex.feats[i]);
                history_features(prev, prev2, ex.shapes[i], &mut feats);
                let mut scores = [0.0f32; N];
                add_weights(&w, &feats, &mut scores);
                let guess = best(&scores);
                let truth = ex.gold[i];
                if guess != truth {
                    for &f in &feats {
                        let wf = w.entry(f).or_insert([0.0; N]);
                        wf[usize::from(truth)] += 1.0;
                        wf[usize::from(guess)] -= 1.0;
                        let uf = u.entry(f).or_insert([0.0; N]);
                        uf[usize::from(truth)] += step;
                        uf[usize::from(guess)] -= step;
                    }
                }
                step += 1.0;
                prev2 = prev;
                // Train on its own history, as it will tag.
                prev = guess;
            }
        }
    }
    finish(w, &u, step)
}

/// A model from a linear-chain CRF's weights (`train-ner --crf` reads them from
/// CRFsuite): per hashed feature one weight per label, and the weight of each label after
/// each label (`transitions[from][to]`), which become the last-label features.
pub fn from_crf(states: Vec<(u64, [f32; N])>, transitions: &[[f32; N]; N]) -> Model {
    let mut table = Table::with_capacity(states.len() + N);
    for (f, w) in states {
        if w.iter().any(|x| x.abs() > 1e-4) {
            table.insert(f, w);
        }
    }
    for (prev, row) in transitions.iter().enumerate() {
        table.insert(key(60, prev as u64), *row);
    }
    Model::from_table(table)
}

/// The averaged weights: `w - u / steps` for every feature, all but zero ones left out.
fn finish(w: HashMap<u64, [f32; N]>, u: &HashMap<u64, [f64; N]>, step: f64) -> Model {
    let mut table = Table::with_capacity(w.len());
    for (f, wf) in w {
        let uf = u.get(&f).copied().unwrap_or([0.0; N]);
        let mut avg = [0.0f32; N];
        for k in 0..N {
            avg[k] = (f64::from(wf[k]) - uf[k] / step) as f32;
        }
        // Features whose average is all but zero change no tag: leave them out of the file.
        if avg.iter().any(|x| x.abs() > 1e-3) {
            table.insert(f, avg);
        }
    }
    Model::from_table(table)
}

/// The score of a rule candidate the tagger did not see as an entity: how often each
/// source is right (roughly, on held-out training data).
pub fn rule_score(source: Source) -> f32 {
    match source {
        Source::Learned => 1.0,
        Source::Institution | Source::GazetteerLong | Source::Curated => 0.9,
        Source::Person | Source::Gazetteer | Source::Linked => 0.8,
        Source::Model => 0.75,
        Source::Run | Source::Acronym => 0.6,
        Source::Tagger => 0.5,
    }
}

/// Whether the text between two words ends a name: brackets, commas, colons, semicolons,
/// quotes and line breaks do; a space, hyphen, full stop (`St. Pauli`), ampersand or slash
/// (`Bündnis 90/Die Grünen`) do not.
fn breaks_name(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | ',' | ';' | ':' | '"' | '„' | '“' | '”' | '«' | '»' | '\n'
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;
    use crate::analysis::{AnalysisOptions, Analyzer, Learned, TaggerParams, shipped_model};
    use std::sync::Arc;

    #[test]
    fn a_crf_becomes_features_and_transitions() {
        let mut t = [[0.0f32; N]; N];
        t[1][2] = 2.5; // B-PER -> I-PER
        let mut w = [0.0f32; N];
        w[3] = 1.5;
        let m = from_crf(vec![(key(1, 42), w), (key(1, 7), [0.0; N])], &t);
        // The all-zero feature is left out; each label's transitions are one feature.
        assert_eq!(m.len(), 1 + N);
        let mut row = Row::default();
        m.add_scores(&[key(1, 42)], &mut row);
        assert_eq!(row.get()[3], 1.5);
        let mut row = Row::default();
        m.label_scores(1, 0, &mut row);
        assert_eq!(row.get()[2], 2.5);
        let back = Model::from_bytes(&m.to_bytes()).expect("reads");
        assert_eq!(back.len(), m.len());
    }

    /// Our own tiny fixture: (text, names with their type index into TYPES).
    const FIXTURE: &[(&str, &[(&str, usize)])] = &[
        (
            "Gestern sprach Zorbal Quindt in Vellmar.",
            &[("Zorbal Quindt", 0), ("Vellmar", 1)],
        ),
        ("Die Firma Trelox meldete Gewinne.", &[("Trelox", 2)]),
        (
            "In Vellmar traf Quindt die Firma Trelox.",
            &[("Vellmar", 1), ("Quindt", 0), ("Trelox", 2)],
        ),
        (
            "Zorbal Quindt kam nicht nach Vellmar.",
            &[("Zorbal Quindt", 0), ("Vellmar", 1)],
        ),
        (
            "Die Firma Trelox baut in Vellmar.",
            &[("Trelox", 2), ("Vellmar", 1)],
        ),
    ];

    fn spans(text: &str, names: &[(&str, usize)]) -> Vec<(usize, usize, usize)> {
        names
            .iter()
            .map(|(n, k)| {
                let a = text.find(n).unwrap_or(0);
                (a, a + n.len(), *k)
            })
            .collect()
    }

    #[test]
    fn english_words_carry_frequency_and_wordnet_features_and_german_ones_do_not() {
        let rules = Analyzer::new(AnalysisOptions {
            rules_only: true,
            ..AnalysisOptions::default()
        });
        let text = "Harrison crossed the lake.";
        let en = rules.training_example(text, Lang::En, &[]);
        let de = rules.training_example(text, Lang::De, &[]);
        let (cb, gap) = WORDFREQ_EN.get("harrison").expect("listed");
        let step = u64::from(cb / 50);
        let gap = gap_step(Some(gap));
        let wn = WORDNET_EN.get("harrison").expect("listed");
        let next = senses_code(WORDNET_EN.get("crossed").unwrap_or_default());
        let english = [
            key(80, step),
            key(81, step << 1 | 1),
            key(85, gap),
            key(86, gap << 1 | 1),
            key(88, u64::from(wn.named) << 1 | 1),
            key(89, senses_code(wn)),
            key(91, 255),
            key(92, next),
        ];
        for f in english {
            assert!(en.feats[0].contains(&f), "English lacks {f:x}");
            assert!(!de.feats[0].contains(&f), "German has {f:x}");
        }
        // `lake` is a common noun (WordNet: object) and common in English alone.
        assert_ne!(senses_code(WORDNET_EN.get("lake").unwrap_or_default()), 0);
        assert_eq!(gap_step(None), 8);
        assert_eq!(gap_step(Some(None)), 7);
        assert_eq!(gap_step(Some(Some(-5))), 0);
        assert_eq!(gap_step(Some(Some(500))), 6);
    }

    fn fixture_model(seed: u64) -> Model {
        fixture_model_beam(seed, TaggerParams::default().beam)
    }

    fn fixture_model_beam(seed: u64, beam: usize) -> Model {
        let rules = Analyzer::new(AnalysisOptions {
            rules_only: true,
            ..AnalysisOptions::default()
        });
        let examples: Vec<Example> = FIXTURE
            .iter()
            .map(|(t, n)| rules.training_example(t, Lang::De, &spans(t, n)))
            .collect();
        train_beam(&examples, 10, seed, beam)
    }

    #[test]
    fn training_on_a_tiny_fixture_learns_it_and_is_deterministic() {
        for beam in [1, 2, 4] {
            let model = fixture_model_beam(7, beam);
            assert!(!model.is_empty());
            assert_eq!(model.to_bytes(), fixture_model_beam(7, beam).to_bytes());
            learns_the_fixture(model, beam);
        }
        // The beam's training is not the greedy one's.
        assert_ne!(
            fixture_model_beam(7, 1).to_bytes(),
            fixture_model_beam(7, 2).to_bytes()
        );
    }

    fn learns_the_fixture(model: Model, beam: usize) {
        let an = Analyzer::with_models(
            AnalysisOptions::default(),
            Some(Arc::new(model)),
            None,
            // Ten sentences make no confident model: every span counts here.
            TaggerParams {
                min_span: 0.0,
                beam,
                ..TaggerParams::default()
            },
        );
        // Names no rule knows, in a sentence it never saw.
        let text = "Später sprach Zorbal Quindt über die Firma Trelox.";
        let got: Vec<(String, String)> = an
            .suggest(text, Lang::De, &Learned::default())
            .entities
            .into_iter()
            .map(|e| (e.text, e.label))
            .collect();
        assert!(
            got.contains(&("Zorbal Quindt".into(), "PER".into())),
            "{got:?}"
        );
        assert!(got.contains(&("Trelox".into(), "ORG".into())), "{got:?}");
    }

    #[test]
    fn a_suggestion_less_sure_than_the_floor_is_not_made() {
        let text = "Später sprach Zorbal Quindt über die Firma Trelox in Berlin.";
        let suggest = |suggest_min: f32, learned: &Learned| {
            let an = Analyzer::with_models(
                AnalysisOptions::default(),
                Some(Arc::new(fixture_model(7))),
                None,
                TaggerParams {
                    min_span: 0.0,
                    suggest_min,
                    ..TaggerParams::default()
                },
            );
            an.suggest(text, Lang::De, learned).entities
        };
        let all = suggest(0.0, &Learned::default());
        let least = all.iter().map(|e| e.score).min().expect("names found");
        let most = all.iter().map(|e| e.score).max().expect("names found");
        assert!(least < most, "{all:?}");
        let floor = (least.get() + most.get()) / 2.0;
        let sure = suggest(floor, &Learned::default());
        assert!(!sure.is_empty() && sure.len() < all.len(), "{sure:?}");
        assert!(
            sure.iter().all(|e| e.score.get() >= floor - 1e-3),
            "{sure:?}"
        );
        // What the user taught is always sure.
        let mut learned = Learned::default();
        learned.known.push(("Trelox".into(), "ORG".into()));
        let taught = suggest(1.0, &learned);
        assert!(taught.iter().any(|e| e.text == "Trelox"), "{taught:?}");
    }

    #[test]
    fn a_long_name_its_kind_word_ends_is_above_the_floor() {
        let an = Analyzer::with_models(
            AnalysisOptions::default(),
            None,
            Some(Arc::new(fixture_model(7))),
            TaggerParams {
                suggest_min: 1.0,
                ..TaggerParams::for_lang(Lang::En)
            },
        );
        let text = "Staff of the Quorvale Marine Research Institute (QMRI) met at Tarnby \
                    Institute (TI) today.";
        let got: Vec<String> = an
            .suggest(text, Lang::En, &Learned::default())
            .entities
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert!(
            got.contains(&"Quorvale Marine Research Institute".to_string()),
            "{got:?}"
        );
        assert!(got.contains(&"QMRI".to_string()), "{got:?}");
        assert!(!got.contains(&"Tarnby Institute".to_string()), "{got:?}");
        assert!(!got.contains(&"TI".to_string()), "{got:?}");
    }

    #[test]
    fn models_round_trip_and_bad_files_are_errors() {
        let model = fixture_model(1);
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).expect("reads its own bytes");
        assert_eq!(back.len(), model.len());
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(
            Model::from_bytes(b"nonsense").err(),
            Some(ModelError::Header)
        );
        assert_eq!(
            Model::from_bytes(&bytes[..bytes.len() - 3]).err(),
            Some(ModelError::Truncated)
        );
    }

    #[test]
    fn shipped_models_load() {
        for lang in [Lang::De, Lang::En] {
            let m = shipped_model(lang).expect("a shipped model");
            assert!(m.len() > 10_000, "{lang:?}: {} features", m.len());
        }
    }

    #[test]
    fn gold_labels_are_bio_over_gloss_tokens() {
        let t = "Zorbal Quindt in Vellmar";
        let toks = tokenize(t);
        assert_eq!(
            gold_labels(&toks, &spans(t, &[("Zorbal Quindt", 0), ("Vellmar", 1)])),
            [1, 2, 0, 3]
        );
    }

    #[test]
    fn probabilities_are_probabilities() {
        let p = softmax(&[3000.0, -3000.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, 0.0], 0.25);
        let sum: f32 = p.iter().sum();
        assert!((sum - 1.0).abs() < 1e-4);
        assert!(p.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)));
    }
}
