//! Claim suggestion: sentences that report an assertion (a verb of saying, `laut X`,
//! `X zufolge`), hedges and forecasts, and figures; each with its cue and, where the text
//! says, its speaker.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;

use super::lexicon::{Cue, CueKind};
use super::patterns::{Candidate, Patterns};
use super::sentences::Sentence;
use super::text::{ShapeFilter, is_capitalised, is_whole_word};
use super::tokens::{Token, tokenize};
use crate::article::Lang;

/// A claim found (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
    /// The cue as it stands in the text.
    pub cue: String,
    /// Who says it, where the text says.
    pub speaker: Option<String>,
}

/// Units that make a number a figure worth checking.
const UNITS: &[&str] = &[
    "Prozent",
    "Prozentpunkte",
    "percent",
    "per",
    "Euro",
    "Dollar",
    "US-Dollar",
    "Franken",
    "Pfund",
    "Rubel",
    "Yuan",
    "Millionen",
    "Million",
    "Milliarden",
    "Milliarde",
    "Billionen",
    "million",
    "billion",
    "trillion",
    "Mio",
    "Mrd",
    "Tonnen",
    "tons",
    "tonnes",
    "Kilometer",
    "km",
    "Meter",
    "Menschen",
    "Tote",
    "Toten",
    "Todesopfer",
    "Verletzte",
    "people",
    "dead",
    "deaths",
    "Einwohner",
    "Soldaten",
    "troops",
    "soldiers",
    "Stimmen",
    "votes",
    "Jahre",
    "Jahren",
    "years",
    "dollars",
    "euros",
    "pounds",
    "Grad",
    "degrees",
    "Barrel",
    "barrels",
];
const CURRENCY: &[char] = &['$', '€', '£', '¥', '%'];
/// Pronouns that take the last named person as speaker.
const PRONOUNS: &[&str] = &["er", "sie", "Er", "Sie", "he", "she", "He", "She"];
/// Words skipped between a verb of saying and its subject (`sagte der russische …`).
const SKIP_DE: &[&str] = &[
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "am",
    "zuletzt",
    "auch",
    "jedoch",
    "nun",
    "dann",
    "außerdem",
    "zudem",
];
const SKIP_EN: &[&str] = &["the", "a", "an", "also", "then", "later", "on", "in"];

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
}

impl CueMatcher {
    /// Compiles the cues (matched as whole words, ASCII case-insensitive).
    pub fn new(cues: &[Cue]) -> CueMatcher {
        let mut by_head: FxHashMap<Vec<u8>, Vec<(usize, usize)>> = FxHashMap::default();
        let mut odd = Vec::new();
        for (id, c) in cues.iter().enumerate() {
            let toks = tokenize(&c.text);
            match toks.first() {
                Some(t) if t.start == 0 => by_head
                    .entry(t.text(&c.text).as_bytes().to_ascii_lowercase())
                    .or_default()
                    .push((c.text.len(), id)),
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
            texts: cues.iter().map(|c| c.text.clone()).collect(),
            odd: matcher,
            odd_ids: odd,
            kinds: cues.iter().map(|c| c.kind).collect(),
        }
    }

    /// Whole-word cue hits: (start, end, kind), in order, never overlapping.
    fn find(&self, text: &str, toks: &[Token]) -> Vec<(usize, usize, CueKind)> {
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
                    s.eq_ignore_ascii_case(&self.texts[id]) && is_whole_word(text, t.start, end)
                })
            });
            if let Some(&(len, id)) = hit {
                let end = t.start + len;
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

/// What the claim finder reads.
pub struct Input<'a> {
    /// The text.
    pub text: &'a str,
    /// Its language.
    pub lang: Lang,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its entities, sorted by start.
    pub entities: &'a [Candidate<'a>],
    /// Entities that earlier mentions are looked up in (all of them, or those up to the
    /// end of the sentence at hand).
    pub before: &'a [Candidate<'a>],
    /// The pattern lists (stopwords).
    pub patterns: &'a Patterns,
}

fn rank(kind: CueKind) -> u8 {
    match kind {
        CueKind::Say | CueKind::After | CueKind::Before => 0,
        CueKind::Reported => 1,
        CueKind::Hedge => 2,
    }
}

/// Finds the claims.
pub fn find(input: &Input<'_>, cues: &CueMatcher) -> Vec<Claim> {
    let text = input.text;
    let hits = cues.find(text, input.tokens);
    let mut roles = RoleMemo::new();
    let mut out = Vec::new();
    let mut h = 0;
    // The speaker of the claim in the previous sentence, for Konjunktiv continuations.
    let mut last_speaker: Option<(usize, Option<String>)> = None;
    let (mut t0, mut e0) = (0, 0);
    for (si, s) in input.sentences.iter().enumerate() {
        while h < hits.len() && hits[h].0 < s.start {
            h += 1;
        }
        // Each sentence sees only its own words and entities: lookups stay local and
        // cheap, and no phrase runs into the next sentence.
        while t0 < input.tokens.len() && input.tokens[t0].start < s.start {
            t0 += 1;
        }
        let mut t1 = t0;
        while t1 < input.tokens.len() && input.tokens[t1].start < s.end {
            t1 += 1;
        }
        while e0 < input.entities.len() && input.entities[e0].start < s.start {
            e0 += 1;
        }
        let mut e1 = e0;
        while e1 < input.entities.len() && input.entities[e1].start < s.end {
            e1 += 1;
        }
        let local = Input {
            text,
            lang: input.lang,
            sentences: input.sentences,
            tokens: &input.tokens[t0..t1],
            entities: &input.entities[e0..e1],
            before: &input.entities[..e1],
            patterns: input.patterns,
        };
        let input = &local;
        let mut best: Option<(usize, usize, CueKind)> = None;
        let mut k = h;
        while k < hits.len() && hits[k].1 <= s.end {
            let hit = hits[k];
            if best.is_none_or(|b| rank(hit.2) < rank(b.2)) {
                best = Some(hit);
            }
            k += 1;
        }
        // Konjunktiv I within a few sentences of an attributed claim carries on its words.
        let continues = last_speaker.as_ref().is_some_and(|(at, _)| si <= at + 3);
        let sentence = &text[s.start..s.end];
        // A frame without content (`President Obama also said:`) is not itself a claim.
        let frame_only = sentence.ends_with(':');
        let quoted = sentence.starts_with(['"', '“', '„', '«', '»']);
        let claim = match best {
            Some((_, _, kind)) if rank(kind) == 0 && frame_only => None,
            Some((cs, ce, kind)) if rank(kind) == 0 => Some(Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: speaker(input, *s, (cs, ce), kind, &mut roles).or_else(|| {
                    // `Er sei zuversichtlich`: a pronoun subject continues the last source.
                    let first = input
                        .tokens
                        .get(input.tokens.partition_point(|t| t.start < s.start));
                    first
                        .filter(|t| PRONOUNS.contains(&t.text(text)))
                        .and_then(|_| {
                            last_speaker
                                .as_ref()
                                .and_then(|(_, sp)| sp.clone())
                                .or_else(|| last_person(input, s.start))
                        })
                }),
            }),
            Some((cs, ce, CueKind::Reported)) if continues => Some(Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: last_speaker.as_ref().and_then(|(_, sp)| sp.clone()),
            }),
            _ if quoted => Some(Claim {
                start: s.start,
                end: s.end,
                cue: sentence
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
                speaker: last_speaker
                    .as_ref()
                    .and_then(|(_, sp)| sp.clone())
                    .or_else(|| last_person(input, s.start)),
            }),
            Some((cs, ce, CueKind::Hedge)) => Some(Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: None,
            }),
            _ => figure(input, *s).map(|(fs, fe)| Claim {
                start: s.start,
                end: s.end,
                cue: text[fs..fe].to_string(),
                speaker: None,
            }),
        };
        if let Some(c) = claim {
            let attributed = quoted || best.is_some_and(|b| rank(b.2) <= 1);
            last_speaker = attributed.then(|| (si, c.speaker.clone()));
            out.push(c);
        }
    }
    out
}

/// The first figure in the sentence: a number with a unit, a currency sign or a percent.
fn figure(input: &Input<'_>, s: Sentence) -> Option<(usize, usize)> {
    let text = input.text;
    let toks = input.tokens;
    let first = toks.partition_point(|t| t.start < s.start);
    let mut i = first;
    while i < toks.len() && toks[i].end <= s.end {
        let t = toks[i];
        let w = t.text(text);
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            let before = text[..t.start].chars().next_back();
            if before.is_some_and(|c| CURRENCY.contains(&c)) {
                return Some((t.start - before.map_or(0, char::len_utf8), t.end));
            }
            // `3,5` and `1.000` are split by the tokenizer: take the whole number.
            let mut end_tok = i;
            while end_tok + 1 < toks.len()
                && matches!(&text[toks[end_tok].end..toks[end_tok + 1].start], "," | ".")
                && toks[end_tok + 1]
                    .text(text)
                    .starts_with(|c: char| c.is_ascii_digit())
            {
                end_tok += 1;
            }
            let end = toks[end_tok].end;
            let after = text[end..].trim_start_matches(' ');
            if after.starts_with('%') || after.starts_with(['€', '$']) {
                let gap = text[end..].len() - after.len();
                return Some((
                    t.start,
                    end + gap + after.chars().next().map_or(0, char::len_utf8),
                ));
            }
            if let Some(next) = toks.get(end_tok + 1)
                && next.end <= s.end
                && text[end..next.start].trim().is_empty()
                && UNITS.contains(&next.text(text))
            {
                return Some((t.start, next.end));
            }
            i = end_tok;
        }
        i += 1;
    }
    None
}

/// Who says it: the source next to the cue.
fn speaker(
    input: &Input<'_>,
    s: Sentence,
    (cs, ce): (usize, usize),
    kind: CueKind,
    memo: &mut RoleMemo,
) -> Option<String> {
    let toks = input.tokens;
    let first = toks.partition_point(|t| t.start < cs);
    let after = toks.partition_point(|t| t.start < ce);
    let found = match kind {
        CueKind::After => phrase_after(input, after, true),
        CueKind::Before => phrase_before(input, first, false),
        _ => {
            // `betonte Pezeshkian`, `said John Smith`: a person right after the verb wins;
            // then the subject before it (`Experten vermuten`), then (German) any name
            // after it (`betont Teheran`), then the sentence's subject when the verb ends
            // the clause (`Russland hat … gefordert`).
            let first = skip_parenthesis(input, skip_aux(input, first), cs);
            entity_after(input, after, true)
                .or_else(|| apposition_after(input, after))
                .or_else(|| person_before(input, first))
                .or_else(|| apposition_before(input, first))
                .or_else(|| phrase_before(input, first, true))
                .or_else(|| {
                    (input.lang == Lang::De)
                        .then(|| entity_after(input, after, false))
                        .flatten()
                })
                .or_else(|| phrase_after(input, after, false))
                .or_else(|| {
                    clause_final(input, after, s)
                        .then(|| subject(input, s))
                        .flatten()
                })
        }
    };
    found.map(|sp| resolve_role(input, sp, cs, memo))
}

/// A role word as speaker (`so der Landeshauptmann`, `the president`) stands for the last
/// person named with that role before (`Landeshauptmann Hans Niessl`).
fn resolve_role(input: &Input<'_>, speaker: String, before: usize, memo: &mut RoleMemo) -> String {
    if speaker.contains(' ') {
        return speaker;
    }
    let mut capital = String::with_capacity(speaker.len());
    let mut chars = speaker.chars();
    if let Some(c) = chars.next() {
        capital.extend(c.to_uppercase());
        capital.push_str(chars.as_str());
    }
    if !input.patterns.is_role(&capital, input.lang) {
        return speaker;
    }
    let upto = input.before.partition_point(|e| e.end <= before);
    let Some(&last) = speaker.as_bytes().last() else {
        return speaker;
    };
    let last = last.to_ascii_lowercase();
    let introduces = |e: &Candidate<'_>| {
        if e.label != "PER" {
            return false;
        }
        let lead = input.text[..e.start].trim_end();
        // The word before a person must end like the speaker: one byte mostly decides.
        if last.is_ascii() && lead.as_bytes().last().map(u8::to_ascii_lowercase) != Some(last) {
            return false;
        }
        // Past the separator, which may take more than one byte (`»`, `–`).
        let word_start = lead
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &lead[word_start..];
        word.eq_ignore_ascii_case(&capital)
            || ends_with_ignore_case(word, &speaker) && input.patterns.is_role(word, input.lang)
    };
    // Claims come in text order: only the entities since the last lookup of this role
    // are new; an older match stays valid while it is inside the window.
    let floor = upto.saturating_sub(ROLE_WINDOW);
    let slot = memo.iter().position(|m| m.0 == speaker);
    let (scanned, prev) = slot.map_or((0, None), |k| (memo[k].1, memo[k].2));
    let (from, prev) = if scanned <= upto {
        (scanned.max(floor), prev.filter(|&p| p >= floor))
    } else {
        (floor, None)
    };
    let found = (from..upto)
        .rev()
        .find(|&i| introduces(&input.before[i]))
        .or(prev);
    match slot {
        Some(k) => memo[k] = (speaker.clone(), upto, found),
        None => memo.push((speaker.clone(), upto, found)),
    }
    found.map_or(speaker, |i| entity_name(input, &input.before[i]))
}

/// How many entities back a role word looks for the person it stands for.
const ROLE_WINDOW: usize = 150;

/// Per text: each role-word speaker resolved so far, how far the entities were scanned for
/// it, and the entity it resolved to.
type RoleMemo = Vec<(String, usize, Option<usize>)>;

/// Whether `word` ends with `suffix`, ignoring case (`Außenminister` ends with `minister`).
fn ends_with_ignore_case(word: &str, suffix: &str) -> bool {
    let mut w = word.chars().rev();
    for s in suffix.chars().rev() {
        match w.next() {
            Some(c) if c == s || c.to_lowercase().eq(s.to_lowercase()) => {}
            _ => return false,
        }
    }
    true
}

/// German prepositions whose phrase stands between a clause's start and its subject.
const PREPOSITIONS_DE: &[&str] = &[
    "in", "aus", "nach", "bei", "mit", "für", "über", "vor", "seit",
];

/// Whether a capitalised word is an adjective by its ending (`Syrische`, `Russischen`,
/// `Deutscher`): `-ische(n/r/s)`, `-ige(n/r/s)`, `-liche(n/r/s)`.
fn is_capitalised_adjective(w: &str) -> bool {
    let stem = w
        .strip_suffix("en")
        .or_else(|| w.strip_suffix("er"))
        .or_else(|| w.strip_suffix("es"))
        .or_else(|| w.strip_suffix('e'))
        .unwrap_or(w);
    stem.ends_with("isch") || stem.ends_with("ig") || stem.ends_with("lich")
}

/// English auxiliaries and adverbs that stand between a subject and its verb
/// (`Obama has admitted`, `The president also said`).
const AUX_EN: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "will",
    "would",
    "did",
    "does",
    "repeatedly",
    "reportedly",
    "later",
    "then",
    "previously",
];

/// Token index `before`, moved back over English auxiliaries.
fn skip_aux(input: &Input<'_>, mut before: usize) -> usize {
    if input.lang == Lang::En {
        while before > 0 && AUX_EN.contains(&input.tokens[before - 1].text(input.text)) {
            before -= 1;
        }
    }
    before
}

/// Token index `before` (the cue's first token), moved back over a parenthesis right
/// before the cue (`Johanna Mikl-Leitner (ÖVP) erklärte`): a party or age is not the speaker.
fn skip_parenthesis(input: &Input<'_>, before: usize, cue_start: usize) -> usize {
    let toks = input.tokens;
    let Some(last) = before.checked_sub(1).and_then(|k| toks.get(k)) else {
        return before;
    };
    let gap_end = toks
        .get(before)
        .map_or(cue_start, |t| t.start.min(cue_start));
    if !input.text[last.end..gap_end].trim_start().starts_with(')') {
        return before;
    }
    let from = last.start.saturating_sub(60);
    let head = &input.text[..last.start];
    match head.rfind('(') {
        Some(open) if open >= from => toks.partition_point(|t| t.start < open),
        _ => before,
    }
}

/// The person an apposition before the cue names: `X, the Y of Z, said` → X and
/// `der Chef der Firma, Max Müller, sagte` → Max Müller.
fn apposition_before(input: &Input<'_>, before: usize) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let last = toks.get(before.checked_sub(1)?)?;
    let cue = toks.get(before)?;
    if text[last.end..cue.start].trim() != "," {
        return None;
    }
    // The apposition starts after the comma before it, at most a dozen words back.
    let mut k = before - 1;
    while k > 0 && before - k < 12 {
        if toks[k].after_punct || toks[k].initial {
            break;
        }
        k -= 1;
    }
    if k == 0 || !toks[k].after_punct || text[toks[k - 1].end..toks[k].start].trim() != "," {
        return None;
    }
    // `…, Max Müller, sagte`: the whole apposition is a person.
    if let Some(e) = entity_at(input, last)
        && e.label == "PER"
        && e.start == toks[k].start
    {
        return Some(entity_name(input, e));
    }
    // `John Smith, the head of the agency, said`: the person before the apposition.
    entity_at(input, &toks[k - 1])
        .filter(|e| e.label == "PER" && e.end == toks[k - 1].end)
        .map(|e| entity_name(input, e))
}

/// The person an apposition after the cue names: `sagte der Sprecher des Ministeriums,
/// Max Müller` → Max Müller; `said a spokesman, John Smith` → John Smith.
fn apposition_after(input: &Input<'_>, from: usize) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let opener = toks.get(from)?;
    let w = opener.text(text);
    if opener.after_punct || !(skippable(input, w) || input.patterns.is_role(w, input.lang)) {
        return None;
    }
    let mut k = from + 1;
    while k < toks.len() && k - from < 8 {
        let t = &toks[k];
        if t.after_punct {
            if text[toks[k - 1].end..t.start].trim() != "," {
                return None;
            }
            let e = entity_at(input, t).filter(|e| e.label == "PER" && e.start == t.start)?;
            // The name must close the clause, or it starts a list (`der Sprecher, Max und …`).
            let rest = text[e.end..].trim_start();
            if rest.is_empty() || rest.starts_with(['.', ',', ';', '!', '?', '"', '“', '«', '»'])
            {
                return Some(entity_name(input, e));
            }
            return None;
        }
        k += 1;
    }
    None
}

/// Whether the cue ends its clause (a participle or separable prefix at the end).
fn clause_final(input: &Input<'_>, after: usize, s: Sentence) -> bool {
    input
        .tokens
        .get(after)
        .is_none_or(|t| t.after_punct || t.start >= s.end)
}

/// The first name or noun of the sentence, after articles and adjectives.
fn subject(input: &Input<'_>, s: Sentence) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let mut first = toks.partition_point(|t| t.start < s.start);
    // A dateline (`Wien – Die Regierung …`) is not the subject.
    let mut head_end = s.end.min(s.start + 40);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    if let Some(dash) = text[s.start..head_end].find(" – ") {
        first = toks.partition_point(|t| t.start < s.start + dash);
    }
    let mut k = first;
    let mut seen = 0;
    while k < toks.len() && seen < 4 {
        let t = &toks[k];
        if t.start >= s.end {
            break;
        }
        let w = t.text(text);
        // `in London`, `aus Moskau`: a place after a preposition is not the subject.
        if PREPOSITIONS_DE.contains(&w) && input.lang == Lang::De {
            k += 2;
            seen += 1;
            continue;
        }
        if let Some(e) = entity_at(input, t) {
            return Some(entity_name(input, e));
        }
        if is_capitalised(w) && !input.patterns.is_stopword(w) {
            // `Der Machthaber Bashar al-Assad`: the person the role introduces.
            let named = toks
                .get(k + 1)
                .filter(|n| !n.after_punct && input.patterns.is_role(w, input.lang))
                .and_then(|n| entity_at(input, n))
                .filter(|e| e.label == "PER");
            if let Some(e) = named {
                return Some(entity_name(input, e));
            }
            // `Syrische Aktivisten`: an adjective capitalised only as the first word.
            let next = toks
                .get(k + 1)
                .filter(|n| !n.after_punct && n.start < s.end);
            if t.initial
                && w.ends_with(['e', 'n', 'r', 's'])
                && is_capitalised_adjective(w)
                && let Some(n) = next
                && is_capitalised(n.text(text))
            {
                k += 1;
                seen += 1;
                continue;
            }
            return Some(w.to_string());
        }
        if !(skippable(input, w) || is_adjective(w) || input.patterns.is_stopword(w)) {
            return None;
        }
        k += 1;
        seen += 1;
    }
    None
}

fn entity_at<'a>(input: &Input<'a>, tok: &Token) -> Option<&'a Candidate<'a>> {
    let ents = input.entities;
    let at = ents.partition_point(|e| e.end <= tok.start);
    ents.get(at)
        .filter(|e| e.start <= tok.start && e.end >= tok.end)
}

fn entity_name(input: &Input<'_>, e: &Candidate<'_>) -> String {
    match (e.canonical, e.label) {
        (Some(c), "PER") => c.to_string(),
        _ => input.text[e.start..e.end].to_string(),
    }
}

fn skippable(input: &Input<'_>, w: &str) -> bool {
    let list = match input.lang {
        Lang::De => SKIP_DE,
        Lang::En => SKIP_EN,
    };
    list.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// An entity within the first words after the cue (only articles and adjectives between);
/// with `person_only`, only a person.
fn entity_after(input: &Input<'_>, from: usize, person_only: bool) -> Option<String> {
    let toks = input.tokens;
    for t in toks.iter().skip(from).take(4) {
        if t.after_punct {
            return None;
        }
        if let Some(e) = entity_at(input, t) {
            if (!person_only || e.label == "PER") && !is_dateline(input, e) {
                return Some(entity_name(input, e));
            }
            return None;
        }
        let w = t.text(input.text);
        if !skippable(input, w) && !is_adjective(w) {
            return None;
        }
    }
    None
}

/// Whether the entity is a dateline (`Eisenstadt – Die Regierung …`): a place before a dash
/// at the start of a paragraph, never a speaker.
fn is_dateline(input: &Input<'_>, e: &Candidate<'_>) -> bool {
    let after = &input.text[e.end..];
    let dashed = after.starts_with(" – ") || after.starts_with(" - ") || after.starts_with(" — ");
    dashed && (e.start == 0 || input.text[..e.start].ends_with('\n'))
}

fn is_adjective(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && (w.ends_with("e") || w.ends_with("en") || w.ends_with("er"))
}

/// A person entity that ends right before token `before`.
fn person_before(input: &Input<'_>, before: usize) -> Option<String> {
    let last = input.tokens.get(before.checked_sub(1)?)?;
    let next = input.tokens.get(before).map_or(last.end, |t| t.start);
    if input.text[last.end..next].contains([',', '.', ';', ':']) {
        return None;
    }
    entity_at(input, last)
        .filter(|e| e.label == "PER")
        .map(|e| entity_name(input, e))
}

/// The capitalised phrase (or entity) that ends right before token `before`.
/// With `clause_start`, the phrase must open its clause: only articles and adjectives may
/// stand before it (`Der russische Außenminister sagte`), so that an object right before a
/// participle (`… eine Lösung des Konflikts gefordert`) is not taken for the speaker.
fn phrase_before(input: &Input<'_>, before: usize, clause_start: bool) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    if before == 0 {
        return None;
    }
    let last = toks[before - 1];
    if text[last.end..toks.get(before).map_or(last.end, |t| t.start)].contains([',', '.', ';', ':'])
    {
        return None;
    }
    if let Some(e) = entity_at(input, &last) {
        return (!is_dateline(input, e)).then(|| entity_name(input, e));
    }
    let w = last.text(text);
    if PRONOUNS.contains(&w) {
        return last_person(input, last.start);
    }
    if input.lang == Lang::En
        && clause_start
        && !is_capitalised(w)
        && before >= 2
        && toks[before - 2].text(text).eq_ignore_ascii_case("the")
        && (toks[before - 2].initial || toks[before - 2].after_punct)
    {
        // `The report concluded`, `the president said`.
        return Some(w.to_string());
    }
    if !is_capitalised(w) || input.patterns.is_stopword(w) {
        return None;
    }
    let mut first = before - 1;
    while first > 0 && !toks[first].after_punct && !toks[first].initial {
        let p = toks[first - 1].text(text);
        if is_capitalised(p) && !input.patterns.is_stopword(p) && input.lang == Lang::En {
            first -= 1;
        } else {
            break;
        }
    }
    if clause_start {
        let mut k = first;
        while k > 0 && !toks[k].after_punct && !toks[k].initial {
            let p = toks[k - 1].text(text);
            let first_adjective = toks[k - 1].initial && is_capitalised_adjective(p);
            if !(skippable(input, p) || is_adjective(p) || first_adjective) {
                return None;
            }
            k -= 1;
        }
    }
    Some(text[toks[first].start..last.end].to_string())
}

/// The phrase after token `from`: an entity, or the first capitalised words after articles
/// and adjectives; with `nouns`, an English lower-case noun too (`according to officials`).
fn phrase_after(input: &Input<'_>, from: usize, nouns: bool) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let mut i = from;
    let mut seen = 0;
    while i < toks.len() && seen < 4 {
        let t = toks[i];
        if t.after_punct {
            return None;
        }
        if let Some(e) = entity_at(input, &t) {
            return Some(entity_name(input, e));
        }
        let w = t.text(text);
        if PRONOUNS.contains(&w) {
            return last_person(input, t.start);
        }
        if is_capitalised(w) && !input.patterns.is_stopword(w) {
            let mut end = i + 1;
            while end < toks.len()
                && !toks[end].after_punct
                && end - i < 4
                && is_capitalised(toks[end].text(text))
                && !input.patterns.is_stopword(toks[end].text(text))
            {
                end += 1;
            }
            return Some(text[t.start..toks[end - 1].end].to_string());
        }
        if !skippable(input, w) && !is_adjective(w) {
            if nouns && input.lang == Lang::En && w.chars().all(char::is_alphabetic) {
                return Some(w.to_string());
            }
            return None;
        }
        i += 1;
        seen += 1;
    }
    None
}

/// The last person mentioned before `before`.
fn last_person(input: &Input<'_>, before: usize) -> Option<String> {
    let upto = input.before.partition_point(|e| e.end <= before);
    input.before[..upto]
        .iter()
        .rev()
        .take(50)
        .filter(|e| e.label == "PER")
        .map(|e| entity_name(input, e))
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalysisOptions, Analyzer, Learned};

    fn speakers(t: &str, lang: Lang) -> Vec<Option<String>> {
        let a = Analyzer::new(AnalysisOptions::default());
        a.suggest(t, lang, &Learned::default())
            .claims
            .into_iter()
            .map(|c| c.speaker)
            .collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn a_parenthesis_before_the_verb_is_not_the_speaker() {
        let t = "Innenministerin Anna Weber (SPD) erklärte, das Gesetz komme.";
        assert_eq!(speakers(t, Lang::De), [some("Anna Weber")]);
        // Without a parenthesis the word before the verb still counts.
        assert_eq!(
            speakers("Die SPD erklärte, das Gesetz komme.", Lang::De),
            [some("SPD")]
        );
    }

    #[test]
    fn appositions_name_the_speaker() {
        let t = "Der Chef der Firma, Max Holzmann, sagte, es gebe keine Pläne. Der Plan sei \
                 gut, betonte der Sprecher des Ministeriums, Max Holzmann.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("Max Holzmann"), some("Max Holzmann")]
        );
        let t = "John Smith, the head of the agency, said the plan would fail. The talks \
                 failed, said a spokesman, Tom Baker.";
        assert_eq!(
            speakers(t, Lang::En),
            [some("John Smith"), some("Tom Baker")]
        );
    }

    #[test]
    fn a_list_after_the_speaker_is_not_an_apposition() {
        let t = "Das sei gut, sagte der Sprecher, Anna Weber und andere stimmten zu.";
        assert_ne!(speakers(t, Lang::De), [some("Anna Weber")]);
    }

    #[test]
    fn a_dateline_is_not_a_speaker() {
        // The only place is the dateline: no speaker rather than a wrong one.
        assert_eq!(
            speakers("Wien – Vermutet wird ein Defekt.", Lang::De),
            [None]
        );
        assert_eq!(
            speakers("In Wien vermutet Wien einen Defekt.", Lang::De),
            [some("Wien")]
        );
    }

    #[test]
    fn roles_and_prepositions_before_the_subject() {
        let t = "Der umstrittene Präsident Karl Brenner habe die Vorwürfe zurückgewiesen.";
        assert_eq!(speakers(t, Lang::De), [some("Karl Brenner")]);
        let t = "Wie die in Berlin ansässige Behörde mitteilte, seien die Preise gestiegen.";
        assert_ne!(speakers(t, Lang::De), [some("Berlin")]);
        let t = "Syrische Aktivisten berichteten von Angriffen.";
        assert_eq!(speakers(t, Lang::De), [some("Aktivisten")]);
    }

    #[test]
    fn sentence_heads_cut_inside_a_char_do_not_panic() {
        // Byte 40 of this sentence falls inside `ß`; the participle at the end makes the
        // finder look for the sentence's subject in its first 40 bytes.
        let t = "Erst wenn der Hund in die Position a Fuß kommt, wird er dafür bestätigt.";
        let a = Analyzer::new(AnalysisOptions::default());
        let s = a.suggest(t, Lang::De, &Learned::default());
        assert_eq!(s.claims.len(), 1);
    }
}
