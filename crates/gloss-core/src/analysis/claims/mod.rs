//! Claim suggestion: sentences that report an assertion (a verb of saying, `laut X`,
//! `X zufolge`), hedges and forecasts, and figures; each with its cue and, where the text
//! says, its speaker.

mod cues;
mod speaker;

pub use cues::CueMatcher;

use super::candidate::Candidate;
use super::lexicon::{CLAIM_UNITS, CueKind, FIRST_PERSON, SPEAKER_PRONOUNS};
use super::patterns::Patterns;
use super::sentences::Sentence;
use super::tokens::Token;
use super::words::is_capitalised;
use crate::article::Lang;
use rustc_hash::FxHashSet;
use speaker::{Roles, last_person, speaker};
use std::sync::LazyLock;

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

const CURRENCY: &[char] = &['$', '€', '£', '¥', '%'];
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
        CueKind::Not => 3,
    }
}

/// How many sentences after an attributed one may still carry on its source's words.
const CONTINUATION: usize = 3;

/// Finds the claims.
pub fn find(input: &Input<'_>, cues: &CueMatcher) -> Vec<Claim> {
    let text = input.text;
    let hits = cues.find(text, input.tokens);
    let mut roles = Roles::new(text, input.entities);
    // At most a claim per sentence, bar the few sentences of two sources: sized once.
    let mut out = Vec::with_capacity(input.sentences.len());
    // The colons of the text, found in one pass: a sentence asks whether it holds one.
    let colons: Vec<usize> = memchr::memchr_iter(b':', text.as_bytes()).collect();
    let mut c0 = 0;
    // Per claim: its sentence, and whether it is narration (no source carried on).
    let mut seen: Vec<(usize, bool)> = Vec::new();
    // Sentences that carry no source's words on: non-statements and frames.
    let mut blocked: Vec<usize> = Vec::new();
    let mut h = 0;
    // The speaker of the last attributed claim, for continuations.
    // (Its sentence, and the claim that has it or a frame's own.)
    let mut last_speaker: Option<(usize, Last)> = None;
    // A frame without content (`President Obama also said:`): its speaker, the sentence it
    // was last carried to, and whether the first sentence after it was seen.
    let mut frame: Option<(usize, Option<String>, bool)> = None;
    let (mut t0, mut e0) = (0, 0);
    // Where the last sentence's tokens and entities ended: the next one's start there or
    // later (sentences are in order and never overlap).
    let (mut t_end, mut e_end) = (0, 0);
    for (si, s) in input.sentences.iter().enumerate() {
        while h < hits.len() && hits[h].0 < s.start {
            h += 1;
        }
        // Each sentence sees only its own words and entities: lookups stay local and
        // cheap, and no phrase runs into the next sentence.
        t0 = t0.max(t_end);
        while t0 < input.tokens.len() && input.tokens[t0].start < s.start {
            t0 += 1;
        }
        let mut t1 = t0;
        while t1 < input.tokens.len() && input.tokens[t1].start < s.end {
            t1 += 1;
        }
        t_end = t1;
        e0 = e0.max(e_end);
        while e0 < input.entities.len() && input.entities[e0].start < s.start {
            e0 += 1;
        }
        let mut e1 = e0;
        while e1 < input.entities.len() && input.entities[e1].start < s.end {
            e1 += 1;
        }
        e_end = e1;
        while c0 < colons.len() && colons[c0] < s.start {
            c0 += 1;
        }
        let has_colon_char = colons.get(c0).is_some_and(|&c| c < s.end);
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
        let mut negated = false;
        let mut k = h;
        while k < hits.len() && hits[k].1 <= s.end {
            let hit = hits[k];
            negated |= hit.2 == CueKind::Not;
            // `Ich habe das erlebt`, `komme ich zum Schluss`: next to `ich` a Konjunktiv I
            // form is the indicative first person.
            let indicative = hit.2 == CueKind::Reported && next_to_ich(input.text, hit);
            if hit.2 != CueKind::Not
                && !indicative
                && !explains_a_thing(text, s, &hits[h..], hit)
                && best.is_none_or(|b| rank(hit.2) < rank(b.2))
            {
                best = Some(hit);
            }
            k += 1;
        }
        if negated {
            // `X war nicht zu erreichen`: no claim, and nothing of X's to carry on.
            blocked.push(si);
            last_speaker = None;
            frame = None;
            continue;
        }
        let continues = last_speaker
            .as_ref()
            .is_some_and(|(at, _)| si <= at + CONTINUATION);
        // The source carried on; a pronoun subject (`Er gehe davon aus`) names the last
        // person where the chain had none.
        // A pronoun subject that cannot stand for the source (`Anna Weber sagte …` then
        // `Er habe …`) names the last person who fits it instead.
        let carried = || {
            let chain = last_speaker
                .as_ref()
                .and_then(|(_, l)| l.speaker(&out))
                .cloned();
            match speaker::sentence_pronoun(input, *s) {
                Some(r) => chain
                    .filter(|c| speaker::fits(c, r))
                    .or_else(|| speaker::referent(input, r, s.start)),
                None => chain,
            }
        };
        let sentence = &text[s.start..s.end];
        // A frame without content (`President Obama also said:`) is not itself a claim.
        let frame_only = sentence.ends_with(':');
        let quoted = sentence.starts_with(['"', '“', '„', '«', '»']);
        // The frame's speaker, for the sentence right after it and for list items after
        // that (no final stop).
        let framed: Option<Option<String>> = frame
            .as_ref()
            .filter(|(at, _, seen)| {
                si == at + 1 && (!seen || !sentence.ends_with(['.', '!', '?', '"', '”', '«', '»']))
            })
            .map(|f| f.1.clone());
        // Konjunktiv II (`wäre`, `würde`) stands for reported speech only within a source's
        // words; on its own it is mostly the reporter's conditional.
        if !continues
            && best.is_some_and(|b| b.2 == CueKind::Reported && is_subjunctive_two(&text[b.0..b.1]))
        {
            best = None;
        }
        // `Die Begegnung diente als Vorgeschmack auf ein Abkommen, das … umfassen könnte`:
        // a hedge inside a relative clause qualifies a noun of the reporter's sentence.
        if best.is_some_and(|b| b.2 == CueKind::Hedge)
            && hits[h..k]
                .iter()
                .filter(|o| o.2 == CueKind::Hedge)
                .all(|o| in_relative_clause(input, *s, o.0))
        {
            best = None;
        }
        let said = best.is_some_and(|b| rank(b.2) == 0);
        // `Die Verhandlungsführerin …, Leilani Tupou aus Tonga, reagierte zurückhaltend:`:
        // a sentence that names one person and ends in a colon frames what follows, with
        // or without a verb of saying.
        let named_frame = (frame_only && !said && framed.is_none())
            .then(|| frame_person(input, *s))
            .flatten();
        // Only a sentence with a colon can be a colon frame: the carried source is cloned
        // for those alone.
        let colon = (!said && framed.is_none() && has_colon_char)
            .then(|| colon_frame(input, *s, carried(), &mut roles))
            .flatten();
        let has_colon = colon.is_some();
        let konj = (best.is_none_or(|b| rank(b.2) > 1) && colon.is_none())
            .then(|| konjunktiv(input, *s))
            .flatten();
        let mine = (continues && konj.is_none())
            .then(|| first_person(input, *s))
            .flatten();
        // `He vowed to keep trying, but the editor Jon Sopel said …`: two sources, two
        // claims.
        if said
            && !frame_only
            && let Some((first, second)) = two_sources(input, *s, &hits[h..k], &mut roles)
        {
            last_speaker = Some((si, Last::Claim(out.len() + 1)));
            out.push(first);
            out.push(second);
            seen.push((si, false));
            seen.push((si, false));
            continue;
        }
        let claim = match best {
            Some((cs, ce, kind)) if rank(kind) == 0 && frame_only => {
                let sp = speaker(input, *s, (cs, ce), kind, &mut roles);
                frame = Some((si, sp.clone(), false));
                last_speaker = Some((si, Last::Frame(sp)));
                blocked.push(si);
                None
            }
            _ if named_frame.is_some() => {
                frame = Some((si, named_frame.clone(), false));
                last_speaker = Some((si, Last::Frame(named_frame.clone())));
                blocked.push(si);
                None
            }
            // `Die Ministerin sei gefordert, …`: a passive participle inside reported
            // speech has no agent; the words are still the carried source's.
            Some((cs, ce, CueKind::Say)) if continues && passive(input, &hits[h..k], cs) => {
                Some(Claim {
                    start: s.start,
                    end: s.end,
                    cue: text[cs..ce].to_string(),
                    speaker: carried(),
                })
            }
            Some((cs, ce, kind)) if rank(kind) == 0 => Some(Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: speaker(input, *s, (cs, ce), kind, &mut roles)
                    .or_else(|| {
                        // `Die Exekutivsekretärin …, Amara Nwosu, mahnte`: a name the
                        // tagger missed, apposed right before the verb.
                        apposed_name(input, *s)
                            .filter(|&(_, next)| next == cs)
                            .map(|(name, _)| name)
                    })
                    .or_else(|| {
                        // `Fürchtet euch nicht, so kann man X interpretieren`: a marker
                        // elsewhere in the sentence (`so`, `laut`) may name the source.
                        hits[h..k]
                            .iter()
                            .filter(|o| matches!(o.2, CueKind::After | CueKind::Before))
                            .filter(|o| o.0 != cs)
                            .find_map(|o| speaker(input, *s, (o.0, o.1), o.2, &mut roles))
                    })
                    .or_else(|| {
                        // `Das ist bestätigt: Die Firma X habe …`: reported speech after a
                        // colon names its own source.
                        let colon = s.start + text[s.start..s.end].find(": ")? + 2;
                        let rest = Sentence {
                            start: colon,
                            end: s.end,
                        };
                        hits[h..k]
                            .iter()
                            .any(|o| o.0 > colon && o.2 == CueKind::Reported)
                            .then(|| named_subject(input, rest, &mut roles))
                            .flatten()
                    })
                    .or_else(|| {
                        // `Daher müsse man damit rechnen`: an impersonal subject in
                        // Konjunktiv I within a source's words is that source.
                        let reported = hits[h..k].iter().any(|o| {
                            o.2 == CueKind::Reported && !is_subjunctive_two(&text[o.0..o.1])
                        });
                        (continues && reported).then(carried).flatten()
                    })
                    .or_else(|| {
                        // `Er sei zuversichtlich`: a pronoun subject continues the last source.
                        speaker::sentence_pronoun(input, *s).and_then(|r| {
                            carried().or_else(|| speaker::referent(input, r, s.start))
                        })
                    }),
            }),
            _ if framed.is_some() => Some(Claim {
                start: s.start,
                end: s.end,
                cue: ":".to_string(),
                speaker: framed.clone().flatten(),
            }),
            _ if colon.is_some() => colon.map(|(cue, sp)| Claim {
                start: s.start,
                end: s.end,
                cue,
                speaker: sp,
            }),
            Some((cs, ce, CueKind::Reported)) => Some(Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: if continues {
                    carried().or_else(|| named_subject(input, *s, &mut roles))
                } else {
                    named_subject(input, *s, &mut roles)
                },
            }),
            _ if konj.is_some() => konj.map(|(cs, ce)| Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: if continues {
                    carried().or_else(|| named_subject(input, *s, &mut roles))
                } else {
                    named_subject(input, *s, &mut roles)
                },
            }),
            _ if quoted => Some(Claim {
                start: s.start,
                end: s.end,
                cue: sentence
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
                speaker: carried().or_else(|| last_person(input, s.start)),
            }),
            // Within a source's words, first person is still theirs.
            _ if mine.is_some() => mine.map(|(cs, ce)| Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: carried(),
            }),
            // Forecasts and figures are claims worth checking in any voice; they have a
            // speaker only where a pronoun carries on a source (`Er könnte …`).
            Some((cs, ce, CueKind::Hedge)) => Some(Claim {
                start: s.start,
                end: s.end,
                cue: text[cs..ce].to_string(),
                speaker: (continues && pronoun_subject(input, *s))
                    .then(carried)
                    .flatten(),
            }),
            _ => figure(input, *s).map(|(fs, fe)| Claim {
                start: s.start,
                end: s.end,
                cue: text[fs..fe].to_string(),
                speaker: None,
            }),
        };
        if let Some(c) = claim {
            if framed.is_some() {
                frame = Some((si, c.speaker.clone(), true));
            }
            // Forecasts and figures in the reporter's voice do not carry a source on.
            let narration = c.speaker.is_none()
                && (best.is_some_and(|b| b.2 == CueKind::Hedge) || best.is_none())
                && konj.is_none()
                && !has_colon
                && framed.is_none()
                && !quoted;
            // First person carries a source's words on, but does not start them again: a
            // speech or a column is first person throughout and the author's own voice.
            let first_person_only = mine.is_some_and(|(a, b)| c.cue == text[a..b])
                && best.is_none_or(|b| rank(b.2) > 1)
                && konj.is_none()
                && !quoted
                && framed.is_none()
                && !has_colon;
            if !narration && !first_person_only {
                last_speaker = Some((si, Last::Claim(out.len())));
            }
            seen.push((si, narration));
            out.push(c);
        }
    }
    between_statements(&mut out, &seen);
    sandwiched(input, out, &seen, &blocked)
}

/// Where the last attributed source's speaker is: in a claim found (its index; claims
/// are only added to while sentences are read) or, for a frame without content, its own.
/// A claim's speaker is read from the claim, not cloned for every claim in case the
/// next sentence carries it on.
enum Last {
    Claim(usize),
    Frame(Option<String>),
}

impl Last {
    /// The speaker, read from `out` (the claims so far).
    fn speaker<'x>(&'x self, out: &'x [Claim]) -> Option<&'x String> {
        match self {
            Last::Claim(i) => out.get(*i).and_then(|c| c.speaker.as_ref()),
            Last::Frame(sp) => sp.as_ref(),
        }
    }
}

/// How many sentences without a cue may stand between two statements of one source and
/// still be taken as that source's words.
const SANDWICH: usize = 2;

/// Sentences without a cue between two statements of one named source, with no change of
/// voice, carry on that source's words (`Niessl sagte … . Jetzt wird das ernst genommen.
/// Die Ministerin sei gefordert, …`): they are claims of that source. Questions, frames,
/// non-statements and headings (no final stop) are not.
fn sandwiched(
    input: &Input<'_>,
    out: Vec<Claim>,
    seen: &[(usize, bool)],
    blocked: &[usize],
) -> Vec<Claim> {
    let text = input.text;
    let mut result = Vec::with_capacity(out.len());
    let mut claims = out.into_iter().enumerate().peekable();
    while let Some((i, c)) = claims.next() {
        let Some((_, next)) = claims.peek() else {
            result.push(c);
            break;
        };
        let (a, b) = (seen[i].0, seen[i + 1].0);
        if b <= a + 1 || b - a - 1 > SANDWICH || c.speaker.is_none() || next.speaker != c.speaker {
            result.push(c);
            continue;
        }
        let gap = &input.sentences[a + 1..b];
        // A sentence that speaks of a person (`Butterfill ist Chefökonom`, `Gleichzeitig
        // will er …`, `Mr Obama lands …`) or gives figures is the reporter's.
        let about_someone = |g: &Sentence| {
            let e0 = input.entities.partition_point(|e| e.start < g.start);
            input.entities[e0..]
                .iter()
                .take_while(|e| e.start < g.end)
                .any(|e| e.label == "PER")
                || sentence_tokens(input, g)
                    .iter()
                    .any(|t| THIRD_PERSON.contains(&t.text(text)))
        };
        // `blocked` is in sentence order.
        let fits = (a + 1..b).all(|si| blocked.binary_search(&si).is_err())
            && gap.iter().all(|g| {
                let t = text[g.start..g.end].trim_end();
                t.ends_with(['.', '!', '"', '”', '«', '»'])
                    && !t.contains('?')
                    && !t.contains(|c: char| c.is_ascii_digit())
                    && !about_someone(g)
            });
        if !fits {
            result.push(c);
            continue;
        }
        let speaker = c.speaker.clone();
        result.push(c);
        for g in gap {
            let cue = sentence_tokens(input, g)
                .first()
                .map_or_else(String::new, |t| t.text(text).to_string());
            result.push(Claim {
                start: g.start,
                end: g.end,
                cue,
                speaker: speaker.clone(),
            });
        }
    }
    result
}

/// The tokens of a sentence.
fn sentence_tokens<'a>(input: &Input<'a>, s: &Sentence) -> &'a [Token] {
    let from = input.tokens.partition_point(|t| t.start < s.start);
    let to = input.tokens.partition_point(|t| t.end <= s.end);
    &input.tokens[from..to.max(from)]
}

/// Whether byte `at` of the sentence stands in a relative clause: after the last comma
/// before it comes a relative pronoun (`, das auch … umfassen könnte`, `, which could`).
fn in_relative_clause(input: &Input<'_>, s: Sentence, at: usize) -> bool {
    let head = &input.text[s.start..at.max(s.start)];
    head.rfind(',').is_some_and(|comma| {
        let word = head[comma + 1..]
            .split_whitespace()
            .next()
            .unwrap_or_default();
        RELATIVES.contains(&word)
    })
}

/// `Er erklärt es am Beispiel Kupfer`, `erklärt er Anlegern die Lage`: `erklären` with an
/// object and no content (no second clause, colon or quote, no reported speech in the
/// sentence) explains something; it reports no statement.
fn explains_a_thing(
    text: &str,
    s: &Sentence,
    hits: &[(usize, usize, CueKind)],
    (start, _, kind): (usize, usize, CueKind),
) -> bool {
    kind == CueKind::Say
        && text
            .get(start..start + 4)
            .is_some_and(|h| h.eq_ignore_ascii_case("erkl"))
        && !has_frame_mark(&text[s.start..s.end])
        && !hits
            .iter()
            .take_while(|o| o.1 <= s.end)
            .any(|o| o.2 == CueKind::Reported)
}

/// Whether the sentence holds a comma, a colon or a quote mark (`"`, `“`, `„`, `«`, `»`);
/// read by bytes: the ASCII marks directly, the others by their UTF-8 lead bytes first.
fn has_frame_mark(sentence: &str) -> bool {
    sentence
        .bytes()
        .any(|b| matches!(b, b',' | b':' | b'"' | 0xC2 | 0xE2))
        && sentence.contains([',', ':', '"', '“', '„', '«', '»'])
}

/// Whether the word `ich` stands right before or after the hit.
fn next_to_ich(text: &str, (start, end, _): (usize, usize, CueKind)) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let after = text[end..].trim_start_matches(' ');
    let word_before = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let word_after = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    before.len() < text[..start].len() && matches!(word_before, "ich" | "Ich")
        || after.len() < text[end..].len() && matches!(word_after, "ich" | "Ich")
}

/// Third-person words for a person: a sentence holding one speaks about someone.
const THIRD_PERSON: &[&str] = &[
    "er", "Er", "ihm", "ihn", "sein", "seine", "seiner", "seinem", "seinen", "seines", "Sein",
    "Seine", "sie", "he", "He", "him", "his", "His", "she", "She", "her", "Her",
];

/// Words that open a relative clause.
const RELATIVES: &[&str] = &[
    "der", "die", "das", "dem", "den", "deren", "dessen", "denen", "welche", "welcher", "welches",
    "wo", "which", "who", "whose", "whom", "where",
];

/// The one person a colon frame names (`Die Sprecherin, Anna Weber, antwortete:`).
fn frame_person(input: &Input<'_>, s: Sentence) -> Option<String> {
    let mut people = input
        .entities
        .iter()
        .filter(|e| e.label == "PER" && e.start >= s.start && e.end <= s.end)
        .map(|e| speaker::entity_name(input, e));
    match people.next() {
        Some(first) => people.all(|p| p == first).then_some(first),
        None => apposed_name(input, s).map(|(name, _)| name),
    }
}

/// A name the tagger missed, as the apposition after the sentence's opening description:
/// `Die Sprecherin der Inselstaaten, Leilani Tupou aus Tonga, …` → `Leilani Tupou`. Two
/// capitalised words between commas, optionally with their origin (`aus X`, `of X`); with
/// the byte where the word after the closing comma starts.
fn apposed_name(input: &Input<'_>, s: Sentence) -> Option<(String, usize)> {
    let text = input.text;
    // Tokens are in order and never overlap: the sentence's are one run.
    let from = input.tokens.partition_point(|t| t.start < s.start);
    let toks = &input.tokens[from..];
    let toks = &toks[..toks.partition_point(|t| t.end <= s.end)];
    let opens = toks
        .first()
        .is_some_and(|t| matches!(t.text(text), "Der" | "Die" | "The"));
    // The first comma, which may close a parenthesis (`(AOSIS), Leilani Tupou`).
    let comma =
        (1..toks.len()).find(|&k| text[toks[k - 1].end..toks[k].start].trim().ends_with(','))?;
    if !opens || comma < 2 {
        return None;
    }
    let [a, b, rest @ ..] = &toks[comma..] else {
        return None;
    };
    let word = |t: &Token| {
        let w = t.text(text);
        is_capitalised(w)
            && !input.patterns.is_stopword(w)
            && !input.patterns.is_role(w, input.lang)
            && speaker::entity_at(input, t).is_none_or(|e| e.label == "PER")
    };
    if b.after_punct || !word(a) || !word(b) {
        return None;
    }
    let closes = |t: &Token| text[..t.start].trim_end().ends_with(',');
    let next = match rest {
        [n, ..] if closes(n) => n.start,
        [p, place, n, ..]
            if matches!(p.text(text), "aus" | "von" | "from" | "of")
                && is_capitalised(place.text(text))
                && closes(n) =>
        {
            n.start
        }
        _ => return None,
    };
    Some((text[a.start..b.end].to_string(), next))
}

/// Forecasts and figures with no source of their own that stand between two statements of
/// one source, with no sentence between, are that source's words too (`Anna Weber sagte …
/// Das Heer könnte helfen. … betonte Weber.`). `seen`: each claim's sentence and whether it
/// is such narration.
fn between_statements(out: &mut [Claim], seen: &[(usize, bool)]) {
    let mut i = 0;
    while i < out.len() {
        if !seen[i].1 || i == 0 {
            i += 1;
            continue;
        }
        // A run of narration in consecutive sentences.
        let mut j = i;
        while j + 1 < out.len() && seen[j + 1].1 && seen[j + 1].0 == seen[j].0 + 1 {
            j += 1;
        }
        let adjacent = seen[i - 1].0 + 1 == seen[i].0
            && seen
                .get(j + 1)
                .is_some_and(|n| n.0 == seen[j].0 + 1 && !n.1);
        let source = out[i - 1].speaker.clone();
        if adjacent
            && j - i < CONTINUATION
            && source.is_some()
            && out.get(j + 1).is_some_and(|n| n.speaker == source)
        {
            for c in &mut out[i..=j] {
                c.speaker.clone_from(&source);
            }
        }
        i = j + 1;
    }
}

/// A sentence whose two main clauses, joined by `, but` / `; ` / `, aber` …, each have a
/// verb of saying with a different source: the two clauses as two claims.
fn two_sources(
    input: &Input<'_>,
    s: Sentence,
    hits: &[(usize, usize, CueKind)],
    roles: &mut speaker::Roles<'_>,
) -> Option<(Claim, Claim)> {
    let text = input.text;
    // Read from the hits in place: most sentences have one verb of saying and need no
    // list of them.
    let mut says = hits
        .iter()
        .copied()
        .filter(|h| rank(h.2) == 0 && h.1 <= s.end);
    let a = says.next()?;
    for b in says {
        let gap = &text[a.1..b.0];
        let Some((at, joint)) = JOINTS
            .iter()
            .filter_map(|j| gap.rfind(j).map(|p| (p, *j)))
            .max_by_key(|&(p, _)| p)
        else {
            continue;
        };
        let cut = a.1 + at;
        let second_start = cut + joint.len();
        let first = Sentence {
            start: s.start,
            end: cut,
        };
        let second = Sentence {
            start: second_start,
            end: s.end,
        };
        let sp1 = speaker(input, first, (a.0, a.1), a.2, roles)?;
        let sp2 = speaker(input, second, (b.0, b.1), b.2, roles)?;
        if sp1 == sp2 {
            return None;
        }
        let claim = |span: Sentence, cue: (usize, usize, CueKind), sp: String| Claim {
            start: span.start,
            end: span.end,
            cue: text[cue.0..cue.1].to_string(),
            speaker: Some(sp),
        };
        return Some((claim(first, a, sp1), claim(second, b, sp2)));
    }
    None
}

/// What joins two main clauses with sources of their own.
const JOINTS: &[&str] = &[
    ", but ",
    "; ",
    ", while ",
    ", whereas ",
    ", aber ",
    ", doch ",
    ", während ",
    ", wohingegen ",
];

/// A German Konjunktiv I next to a subject pronoun (`er gehe`, `erkenne man`): reported
/// speech even where the verb is in no list. Indicative third person ends in `-t`, the
/// past in `-te`; a lower-case word in `-e` beside `er`/`sie`/`es`/`man` is mostly the
/// subjunctive.
fn konjunktiv(input: &Input<'_>, s: Sentence) -> Option<(usize, usize)> {
    if input.lang != Lang::De {
        return None;
    }
    let text = input.text;
    let toks = input.tokens;
    let is_subject =
        |w: &str| matches!(w, "er" | "Er" | "sie" | "Sie" | "es" | "Es" | "man" | "Man");
    let is_form = |t: &Token| {
        let w = t.text(text);
        w.len() >= 4
            && w.starts_with(|c: char| c.is_lowercase())
            && w.ends_with('e')
            && !w.ends_with("te")
            && !w.ends_with("ie")
            && !matches!(
                w,
                "ohne" | "gegen" | "gerne" | "heute" | "bitte" | "ganze" | "alle"
            )
            && !input.patterns.is_stopword(w)
    };
    for (i, t) in toks.iter().enumerate() {
        if t.start < s.start || t.end > s.end || !is_subject(t.text(text)) {
            continue;
        }
        if let Some(v) = toks.get(i + 1).filter(|v| !v.after_punct && is_form(v)) {
            return Some((v.start, v.end));
        }
        if let Some(v) = i
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .filter(|v| !t.after_punct && is_form(v))
        {
            return Some((v.start, v.end));
        }
    }
    None
}

/// Whether the cue at `cs` is a participle (`gefordert`) after a passive auxiliary in
/// Konjunktiv (`sei`, `werde`) among the sentence's cue hits.
fn passive(input: &Input<'_>, hits: &[(usize, usize, CueKind)], cs: usize) -> bool {
    let text = input.text;
    text[cs..].starts_with("ge")
        && hits.iter().any(|&(a, b, kind)| {
            a < cs
                && kind == CueKind::Reported
                && matches!(&text[a..b], "sei" | "seien" | "werde" | "werden")
        })
}

/// The person or organisation that opens the sentence (after an article): with no source
/// to carry on, the subject of reported speech speaks for itself (`Die Firma X habe …`).
fn named_subject(input: &Input<'_>, s: Sentence, roles: &mut Roles<'_>) -> Option<String> {
    let text = input.text;
    let toks = input.tokens;
    let first = toks.iter().position(|t| t.start >= s.start)?;
    let t = toks
        .get(first)
        .filter(|t| !matches!(t.text(text), "Der" | "Die" | "Das"))
        .or_else(|| toks.get(first + 1))?;
    if let Some(e) = speaker::entity_at(input, t) {
        return (matches!(e.label, "PER" | "ORG") && e.start == t.start)
            .then(|| speaker::entity_name(input, e));
    }
    // `Schmuckenschlager gibt zu bedenken`: a surname alone that the tagger missed, of a
    // person named in full before; or a later mention the tagger missed of a person or
    // organisation it found before (`Novomatic habe …`).
    speaker::surname_of(input, t, roles).or_else(|| {
        let w = t.text(text);
        let upto = input.before.partition_point(|e| e.end <= t.start);
        input.before[..upto]
            .iter()
            .rev()
            .take(200)
            .find(|e| matches!(e.label, "PER" | "ORG") && &text[e.start..e.end] == w)
            .map(|e| speaker::entity_name(input, e))
    })
}

/// Whether a Konjunktiv form is Konjunktiv II (`wäre`, `würde`, `müssten`).
fn is_subjunctive_two(w: &str) -> bool {
    matches!(
        w,
        "wäre" | "würde" | "Wäre" | "Würde" | "müsste" | "müssten" | "Müsste" | "Müssten"
    )
}

/// Whether the sentence opens with a subject pronoun (`Er`, `She`).
fn pronoun_subject(input: &Input<'_>, s: Sentence) -> bool {
    input
        .tokens
        .iter()
        .find(|t| t.start >= s.start)
        .is_some_and(|t| t.end <= s.end && SPEAKER_PRONOUNS.contains(&t.text(input.text)))
}

/// The first-person words as a set: looked up for every word of a sentence.
static FIRST_PERSON_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| FIRST_PERSON.iter().copied().collect());
/// Their shapes: most words are ruled out on their bytes, without a hash.
static FIRST_PERSON_SHAPES: LazyLock<cues::Shapes> =
    LazyLock::new(|| cues::Shapes::new(FIRST_PERSON.iter().copied()));

/// The first first-person word of the sentence (`ich`, `wir`, `our`).
fn first_person(input: &Input<'_>, s: Sentence) -> Option<(usize, usize)> {
    input
        .tokens
        .iter()
        .filter(|t| t.start >= s.start && t.end <= s.end)
        // Every first-person word has at most seven letters: longer ones need no look-up.
        .find(|t| {
            FIRST_PERSON_SHAPES.admit(&input.text.as_bytes()[t.start..t.end])
                && FIRST_PERSON_SET.contains(t.text(input.text))
        })
        .map(|t| (t.start, t.end))
}

/// A colon frame with the content after it: `Landeshauptmann: Die Lage ist ernst`,
/// `Sein Argument: Österreich habe …`, `Anna Weber: Wir bleiben`. The head before the colon
/// is a named source, a role word, or a possessive and a noun for the last source.
fn colon_frame(
    input: &Input<'_>,
    s: Sentence,
    carried: Option<String>,
    roles: &mut Roles<'_>,
) -> Option<(String, Option<String>)> {
    let text = input.text;
    let sentence = &text[s.start..s.end];
    let colon = s.start + sentence.find(':')?;
    if text[colon + 1..s.end].trim().len() < 2 {
        return None;
    }
    let toks = input.tokens;
    let head: Vec<&Token> = toks
        .iter()
        .filter(|t| t.start >= s.start && t.end <= colon)
        .collect();
    let last = **head.last()?;
    if head.len() > 4 || !text[last.end..colon].trim().is_empty() {
        return None;
    }
    let cue = ":".to_string();
    let w = |t: &Token| t.text(text);
    if let Some(e) = speaker::entity_at(input, &last)
        && matches!(e.label, "PER" | "ORG")
        && e.end == last.end
    {
        return Some((cue, Some(speaker::entity_name(input, e))));
    }
    if head.len() == 1 && input.patterns.is_role(w(&last), input.lang) {
        let sp = speaker::resolve_role(input, w(&last).to_string(), s.start, roles);
        return Some((cue, Some(sp)));
    }
    // `Sein Argument:`, `Her answer:`: the possessive's gender and number must fit.
    let possessive = speaker::referent_of(w(head[0]), None).filter(|_| {
        matches!(
            w(head[0]),
            "Sein" | "Seine" | "Ihr" | "Ihre" | "His" | "Her" | "Their"
        )
    });
    if let Some(r) = possessive
        && head.len() == 2
        && is_capitalised(w(&last))
    {
        let sp = carried
            .filter(|c| speaker::fits(c, r))
            .or_else(|| speaker::referent(input, r, s.start));
        return Some((cue, sp));
    }
    None
}

/// The first figure in the sentence: a number with a unit, a currency sign or a percent.
fn figure(input: &Input<'_>, s: Sentence) -> Option<(usize, usize)> {
    let text = input.text;
    let toks = input.tokens;
    let first = toks.partition_point(|t| t.start < s.start);
    let mut i = first;
    while i < toks.len() && toks[i].end <= s.end {
        let t = toks[i];
        // A token starts with an ASCII digit where its first byte is one: most do not,
        // and need not be cut out as text.
        if t.start < t.end && text.as_bytes()[t.start].is_ascii_digit() {
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
                && CLAIM_UNITS.contains(&next.text(text))
            {
                return Some((t.start, next.end));
            }
            i = end_tok;
        }
        i += 1;
    }
    None
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

    #[test]
    fn suggesting_on_a_body_equals_suggesting_on_its_text() {
        let a = Analyzer::new(AnalysisOptions::default());
        let t = "Außenminister Lawrow sagte am Montag, Russland werde nicht nachgeben. \
                 Laut Kreml-Sprecher Dmitri Peskow könnte es 3,5 Prozent kosten.";
        let body = crate::text::Body::new(t.to_string(), Lang::De);
        let learned = Learned::default();
        let on_body = a.suggest_body(&body, &learned);
        assert_eq!(on_body, a.suggest(t, Lang::De, &learned));
        assert!(!on_body.claims.is_empty() && !on_body.entities.is_empty());
    }

    #[test]
    fn entities_only_is_suggest_without_its_claims() {
        let a = Analyzer::new(AnalysisOptions::default());
        let t = "Außenminister Lawrow sagte am Montag, Russland werde nicht nachgeben.";
        let learned = Learned::default();
        let full = a.suggest(t, Lang::De, &learned);
        let only = a.suggest_entities(t, Lang::De, &learned);
        assert!(!full.claims.is_empty() && only.claims.is_empty());
        assert_eq!(only.entities, full.entities);
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn a_dateline_glued_into_the_text_is_never_the_speaker() {
        // `Fürchtet` is a verb of thinking: the place before it must not be its subject.
        let t = "Der Markt sei stabil, sagte eine Händlerin. Hamburg – Fürchtet euch nicht, so \
                 kann man Anna Weber verstehen, es ist alles halb so schlimm.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1].1, some("Anna Weber"), "{c:?}");
    }

    #[test]
    fn a_person_after_an_employer_and_a_job_speaks_not_the_employer() {
        let t = "\"We will build the line,\" said Brightwater chief executive Anna Keller.";
        assert_eq!(speakers(t, Lang::En), [some("Anna Keller")]);
        // Without a person after the job words, the name before them still speaks.
        let t = "\"We will build the line,\" said the Brightwater Group.";
        assert_eq!(speakers(t, Lang::En), [some("Brightwater Group")]);
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
    fn claims(t: &str, lang: Lang) -> Vec<(String, Option<String>)> {
        let a = Analyzer::new(AnalysisOptions::default());
        a.suggest(t, lang, &Learned::default())
            .claims
            .into_iter()
            .map(|c| (c.text, c.speaker))
            .collect()
    }

    #[test]
    fn konjunktiv_next_to_a_pronoun_carries_on_the_source() {
        // `plane` is in no cue list: the form beside `sie` makes it reported speech.
        let t = "Anna Weber sagte am Montag, die Reform komme. Sie plane keine weitere \
                 Änderung. Der Bahnhof liegt im Norden.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1].1, some("Anna Weber"));
        // Indicative and past forms are not Konjunktiv.
        assert!(
            claims(
                "Max Holzmann ging. Er plant nichts. Sie ging nach Hause.",
                Lang::De
            )
            .is_empty()
        );
    }

    #[test]
    fn first_person_after_a_claim_is_the_same_source() {
        let t = "Tom Baker said the plant would close. We had no choice. The plant opened in \
                 1990.";
        let c = claims(t, Lang::En);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1], ("We had no choice.".to_string(), some("Tom Baker")));
        // First person with no source before it is not taken for one.
        assert!(claims("We had no choice.", Lang::En).is_empty());
    }

    #[test]
    fn first_person_does_not_carry_itself_on() {
        // A quote's first-person sentences are the source's, for a few sentences; a text
        // in the first person throughout is the author's own voice.
        let t = "Tom Baker said the plant would close. We had no choice. We tried. We \
                 failed. We are sad. We go home.";
        let c = claims(t, Lang::En);
        assert_eq!(c.len(), 4, "{c:?}");
    }

    #[test]
    fn konjunktiv_two_alone_is_the_reporters_conditional() {
        assert!(claims("Ein Neubau wäre teurer als die Sanierung.", Lang::De).is_empty());
        let t = "Max Holzmann sagte, der Plan sei gut. Ein Neubau wäre teurer.";
        assert_eq!(claims(t, Lang::De).len(), 2);
    }

    #[test]
    fn a_frame_without_content_gives_its_list_items() {
        let t = "Tom Baker also said:\n\nTaxes will rise next year\n\nSchools will get more \
                 money\n\nThe weather was fine.";
        let c = claims(t, Lang::En);
        let texts: Vec<&str> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            texts,
            ["Taxes will rise next year", "Schools will get more money"],
            "{c:?}"
        );
        assert!(c.iter().all(|c| c.1 == some("Tom Baker")));
    }

    #[test]
    fn a_colon_after_a_source_frames_a_claim() {
        let t = "Max Holzmann war in Linz. Sein Argument: Die Mieten steigen zu schnell.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].1, some("Max Holzmann"));
        // A colon after any other words is narration.
        assert!(claims("Der Befund ist klar: Die Mieten steigen.", Lang::De).is_empty());
    }

    #[test]
    fn non_statements_and_notes_on_the_piece_are_no_claims() {
        for t in [
            "Die Firma war nicht zu erreichen.",
            "Der Sprecher sagte, er wolle sich nicht äußern, und machte keine Angaben.",
            "Über dieses Thema berichtete der Sender am 3. Mai um 10:15 Uhr.",
        ] {
            assert!(claims(t, Lang::De).is_empty(), "{t}");
        }
        for t in [
            "A spokesman for the firm declined to comment.",
            "The mayor could not be reached on Sunday.",
        ] {
            assert!(claims(t, Lang::En).is_empty(), "{t}");
        }
    }

    #[test]
    fn figures_and_forecasts_have_a_speaker_only_where_a_pronoun_carries_one() {
        assert_eq!(
            speakers("Die Stadt hat 63.000 Einwohner.", Lang::De),
            [None]
        );
        assert_eq!(speakers("Der Bau könnte teurer werden.", Lang::De), [None]);
        // Within a source's words, a pronoun subject keeps the source.
        let t = "Max Holzmann sagte, der Bau werde teuer. Er könnte 40 Millionen Euro kosten.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1].1, some("Max Holzmann"));
    }

    #[test]
    fn common_nouns_fragments_and_adjectives_are_never_speakers() {
        let t = "Der Einsatz sei teuer gewesen, betonte Brasiliens Teamkicker.";
        assert_eq!(speakers(t, Lang::De), [None]);
        let t = "Darin wird kritisiert, dass die Preise steigen.";
        assert_eq!(speakers(t, Lang::De), [None]);
        assert_eq!(
            speakers("According to estimates, 40 people died.", Lang::En),
            [None]
        );
        // Described groups are sources.
        assert_eq!(
            speakers("According to officials, 40 people died.", Lang::En),
            [some("officials")]
        );
        assert_eq!(
            speakers("Kritiker warnen vor höheren Preisen.", Lang::De),
            [some("Kritiker")]
        );
    }

    #[test]
    fn the_addressee_is_never_the_speaker() {
        let t = "Max Holzmann ist seit Mai Minister. Das sei falsch, sagte er dem NDR.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        let t = "Das Gesetz komme, sagte dem ZDF ein Sprecher.";
        assert_ne!(speakers(t, Lang::De), [some("ZDF")]);
        let t = "Former chief whip Tom Baker told him: the vote is lost.";
        assert_eq!(speakers(t, Lang::En), [some("Tom Baker")]);
        let t = "Tom Baker told the BBC the vote was lost.";
        assert_eq!(speakers(t, Lang::En), [some("Tom Baker")]);
    }

    #[test]
    fn titles_and_inverted_frames_give_the_person() {
        assert_eq!(
            speakers("The plan is dead, said Mr. Reeves.", Lang::En),
            [some("Reeves")]
        );
        assert_eq!(
            speakers("Mr Hancock responded: the figures are wrong.", Lang::En),
            [some("Hancock")]
        );
        assert_eq!(
            speakers("The food was better than the film, quipped Pitt.", Lang::En),
            [some("Pitt")]
        );
        assert_eq!(
            speakers("Das sei gut für die Stadt, so Holzmann.", Lang::De),
            [some("Holzmann")]
        );
        let t = "Anna Weber visited the plant. She stressed that the jobs were safe.";
        assert_eq!(speakers(t, Lang::En), [some("Anna Weber")]);
    }

    #[test]
    fn a_later_surname_is_given_under_the_full_name() {
        let t = "Masoud Pezeshkian reiste nach Genf. Die Gespräche seien gut, betonte \
                 Pezeshkian.";
        assert_eq!(speakers(t, Lang::De), [some("Masoud Pezeshkian")]);
    }

    #[test]
    fn a_passive_participle_in_reported_speech_keeps_the_source() {
        let t = "Max Holzmann sagte, die Lage sei ernst. Die Ministerin sei gefordert, rasch \
                 zu handeln.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("Max Holzmann"), some("Max Holzmann")]
        );
    }

    #[test]
    fn pronouns_take_the_last_person_of_their_gender() {
        let t = "Anna Weber traf Max Holzmann in Linz. Sie sagte, der Vertrag sei gut.";
        assert_eq!(speakers(t, Lang::De), [some("Anna Weber")]);
        let t = "Anna Weber traf Max Holzmann in Linz. Er sagte, der Vertrag sei gut.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        let t = "Tom Baker met Anna Weber in Leeds. He said the deal was good.";
        assert_eq!(speakers(t, Lang::En), [some("Tom Baker")]);
        let t = "Anna Weber met Tom Baker in Leeds. She said the deal was good.";
        assert_eq!(speakers(t, Lang::En), [some("Anna Weber")]);
        // A carried source of the other gender gives way to the pronoun's person.
        let t = "Anna Weber sagte, der Plan sei gut. Max Holzmann kam später. Er sei \
                 anderer Meinung.";
        let c = claims(t, Lang::De);
        assert_eq!(
            c.last().map(|c| c.1.clone()),
            Some(some("Max Holzmann")),
            "{c:?}"
        );
    }

    #[test]
    fn plural_pronouns_take_a_group_never_a_person() {
        // German `sie` takes its number from the verb: `sie warnten` is a group.
        let t = "Anna Weber sprach mit Vertretern der Gewerkschaft. Sie warnten vor höheren \
                 Preisen.";
        assert_ne!(speakers(t, Lang::De), [some("Anna Weber")]);
        let t = "Anna Weber met Tom Baker in Leeds. They said the deal was good.";
        assert_eq!(speakers(t, Lang::En), [None]);
        let t = "Greenpeace published a report on Monday. They said the river was dirty.";
        assert_eq!(speakers(t, Lang::En), [some("Greenpeace")]);
    }

    #[test]
    fn a_role_names_the_person_given_that_role_before_or_after() {
        // A headline names the role before the text names the person.
        let t = "Ministerin: Die Reform kommt noch im Mai.\n\nLinz – Ministerin Anna Weber \
                 stellte am Montag ihren Plan vor.";
        assert_eq!(claims(t, Lang::De)[0].1, some("Anna Weber"));
        // `X ist Chefökonom`: a person described after the name.
        let t = "Max Holzmann ist Chefökonom der Bank. Die Preise würden steigen, sagt der \
                 Ökonom.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        // Two people with the role: the role word stays, no guess.
        let t = "Minister Karl Brenner traf Minister Tom Baker. Das sei ein guter Tag, sagte \
                 der Minister.";
        assert_eq!(speakers(t, Lang::De), [some("Minister")]);
    }

    #[test]
    fn appositions_and_as_clauses_name_the_speaker() {
        let t = "Der Chef der Firma Holzmann (HAG), Max Holzmann, sagte, es gebe keine Pläne.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        let t = "Die Preise steigen, wie Max Holzmann am Montag im Radio mitteilte.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        let t = "Prices will rise, as Tom Baker told the paper on Monday.";
        assert_eq!(speakers(t, Lang::En), [some("Tom Baker")]);
    }

    #[test]
    fn a_name_after_a_preposition_is_not_the_subject() {
        let t = "Für die USA erwartet die Weltbank einen Rückgang der Preise.";
        assert_ne!(speakers(t, Lang::De), [some("USA")]);
        let t = "Im Burgenland zeigt sich Landeshauptmann Max Holzmann zufrieden mit der Lage.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        // `X von Y erwartet`: the person, not the organisation.
        let t = "Auch Max Holzmann von Greenpeace erwartet einen Rückgang der Preise.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
    }

    #[test]
    fn a_surname_alone_opening_reported_speech_is_the_person() {
        let t = "Max Holzmann ist seit Mai im Amt. Holzmann gibt zu bedenken: Die Stadt \
                 habe kein Geld.";
        let c = claims(t, Lang::De);
        assert_eq!(
            c.last().map(|c| c.1.clone()),
            Some(some("Max Holzmann")),
            "{c:?}"
        );
    }

    #[test]
    fn sagen_with_a_closing_particle_is_no_verb_of_saying() {
        // `zusagen` (promise) and `absagen` (cancel) report no statement.
        assert!(claims("Die Stadt sagt den Vereinen mehr Geld zu", Lang::De).is_empty());
        assert!(claims("Der Minister sagte seinen Besuch in Linz ab.", Lang::De).is_empty());
        // `sagen` itself still is one.
        assert_eq!(
            claims("Der Minister sagte, der Besuch sei abgesagt.", Lang::De).len(),
            1
        );
    }

    #[test]
    fn first_person_verbs_of_saying_and_thinking_are_cues() {
        for t in [
            "Ich glaube, die Brücke wird zu teuer.",
            "Deshalb schlage ich vor, die Steuer zu senken.",
            "Wir wissen, dass die Kassen leer sind.",
            "Ich frage Sie: Wer soll das bezahlen?",
            "Diese Behauptung weise ich zurück.",
        ] {
            assert_eq!(claims(t, Lang::De).len(), 1, "{t}");
        }
    }

    #[test]
    fn a_cue_written_as_a_noun_is_no_cue() {
        // `Frage` and `Wissen` inside a sentence are nouns, not `frage` and `wissen`.
        assert!(claims("Die Frage nach dem Geld blieb offen.", Lang::De).is_empty());
        assert!(claims("Das Wissen der Bauern ging verloren.", Lang::De).is_empty());
    }

    #[test]
    fn a_konjunktiv_form_next_to_ich_is_the_indicative() {
        // `habe`, `komme` are first person here, not reported speech.
        assert!(claims("Ich habe das oft genug erlebt.", Lang::De).is_empty());
        assert!(claims("Damit komme ich zum Schluss.", Lang::De).is_empty());
        // Without `ich` they still report: `Der Bürgermeister habe das erlebt`.
        assert_eq!(
            claims("Der Bürgermeister habe das oft erlebt.", Lang::De).len(),
            1
        );
    }

    #[test]
    fn the_role_word_itself_names_its_person_beside_a_compound_of_it() {
        // `der Außenminister` is Milan Kovač, named with the word itself; Tom Reed is only
        // a `US-Außenminister`.
        let t = "Außenminister Milan Kovač traf US-Außenminister Tom Reed in Genf. Der \
                 kroatische Außenminister machte sich für Gespräche stark.";
        let c = claims(t, Lang::De);
        assert_eq!(
            c.last().map(|c| c.1.clone()),
            Some(some("Milan Kovač")),
            "{c:?}"
        );
        // Both named with the word itself: no person rather than the wrong one.
        let t = "Außenminister Milan Kovač traf Außenminister Tom Reed in Genf. Der \
                 Außenminister machte sich für Gespräche stark.";
        let c = claims(t, Lang::De);
        assert!(
            c.last()
                .is_some_and(|c| c.1 != some("Milan Kovač") && c.1 != some("Tom Reed")),
            "{c:?}"
        );
    }

    #[test]
    fn vorhalten_with_its_object_between_is_a_cue() {
        let t = "Die Opposition hält der Regierung vor, die Zahlen geschönt zu haben.";
        assert_eq!(speakers(t, Lang::De), [some("Opposition")]);
    }

    #[test]
    fn muessten_carries_reported_speech_on_but_starts_none() {
        let t = "Anna Weber sagte, die Lage sei ernst. Auch die Nachbarn müssten helfen.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("Anna Weber"), some("Anna Weber")]
        );
        assert!(claims("Auch die Nachbarn müssten helfen.", Lang::De).is_empty());
    }

    #[test]
    fn erklaeren_with_an_object_and_no_content_is_no_claim() {
        assert!(claims("Er erklärt es am Beispiel Kupfer.", Lang::De).is_empty());
        assert!(claims("Am Montag erklärt sie Anlegern die Lage.", Lang::De).is_empty());
        // With content it reports a statement.
        assert_eq!(
            claims("Die Lage ist ernst, erklärte sie.", Lang::De).len(),
            1
        );
        assert_eq!(
            claims("Sie erklärte, die Lage sei ernst.", Lang::De).len(),
            1
        );
    }

    #[test]
    fn a_job_word_before_a_name_is_a_title_not_the_end_of_the_frame() {
        // `Stadtrat` is in no role list: the person after it speaks, not the last source.
        let t = "Die Lage sei ernst, sagte Anna Weber. Die Stadt müsse sparen, betonte \
                 Finanzstadtrat Otto Brenner.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("Anna Weber"), some("Otto Brenner")]
        );
    }

    #[test]
    fn a_hedge_in_a_relative_clause_is_the_reporters_narration() {
        let t = "Das Treffen in Graz diente als Auftakt für einen Vertrag, der auch den \
                 Handel umfassen könnte.";
        assert!(claims(t, Lang::De).is_empty());
        let t = "The meeting in Leeds opened talks on a treaty, which could cover trade.";
        assert!(claims(t, Lang::En).is_empty());
        // A forecast in the main clause is still one.
        let t = "Der Vertrag könnte auch den Handel umfassen, der seit Jahren stockt.";
        assert_eq!(claims(t, Lang::De).len(), 1);
    }

    #[test]
    fn a_colon_frame_naming_one_person_gives_the_quote_to_that_person() {
        // No verb of saying in the frame, and a name the tagger may miss: the quote after
        // it is hers, not the previous speaker's.
        let t = "Ministerin Clara Westphal kündigte an, mehr Geld zu geben. Sie betonte, \
                 auch andere Länder müssten zahlen.\n\nDie Sprecherin der Inselstaaten, \
                 Leilani Tupou aus Tonga, reagierte zurückhaltend:\n\nVersprechen haben wir \
                 genug gehört. Wir brauchen Geld, das ankommt.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 4, "{c:?}");
        assert_eq!(c[2].1, some("Leilani Tupou"), "{c:?}");
        assert_eq!(c[3].1, some("Leilani Tupou"), "{c:?}");
    }

    #[test]
    fn a_name_apposed_before_the_verb_speaks() {
        let t = "Die Sprecherin der Inselstaaten, Leilani Tupou aus Tonga, mahnte zur Eile.";
        assert_eq!(speakers(t, Lang::De), [some("Leilani Tupou")]);
    }

    #[test]
    fn sentences_between_two_statements_of_one_source_are_that_sources() {
        let t = "Die Lage sei ernst, sagte Bürgermeisterin Anna Weber am Montag. Das ist der \
                 Unterschied zu früher: Jetzt wird gehandelt. Die Stadt müsse sparen, betonte \
                 Weber.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 3, "{c:?}");
        assert!(c.iter().all(|c| c.1 == some("Anna Weber")), "{c:?}");
    }

    #[test]
    fn narration_about_the_source_between_two_statements_stays_out() {
        // A sentence about the source is the reporter's.
        let t = "Die Lage sei ernst, sagte Bürgermeisterin Anna Weber am Montag. Weber ist \
                 seit Mai im Amt. Die Stadt müsse sparen, betonte Weber.";
        assert_eq!(claims(t, Lang::De).len(), 2);
        let t = "Die Lage sei ernst, sagte Bürgermeisterin Anna Weber am Montag. Danach \
                 eröffnete sie das Fest. Die Stadt müsse sparen, betonte Weber.";
        assert_eq!(claims(t, Lang::De).len(), 2);
        // Two different sources: the sentence between belongs to neither.
        let t = "Die Lage sei ernst, sagte Bürgermeisterin Anna Weber am Montag. Das ist \
                 neu. Die Stadt müsse sparen, betonte Stadtrat Otto Brenner.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("Anna Weber"), some("Otto Brenner")]
        );
    }

    #[test]
    fn a_name_after_an_opening_quote_mark_is_read_past_the_mark() {
        // `„` takes three bytes: the word before a later surname starts after all of them.
        let t = "Als „Rosa Quendel“ kennt man die Zensorin. Quendel sagte, das sei gut. \
                 Die Zensur nennt man „Big Mama“. Mama sagte, das sei Unsinn.";
        let c = claims(t, Lang::De);
        assert!(c.iter().any(|c| c.1 == some("Rosa Quendel")), "{c:?}");
    }

    #[test]
    fn a_surname_alone_finds_a_full_name_the_entities_missed() {
        // `Bürgermeister Otto Quendelbacher` may be tagged as no entity at all.
        let t = "Es spricht Bürgermeister Otto Quendelbacher (ÖVP). Quendelbacher gibt zu \
                 bedenken: Die Stadt habe kein Geld.";
        let c = claims(t, Lang::De);
        assert!(c.iter().any(|c| c.1 == some("Otto Quendelbacher")), "{c:?}");
    }

    #[test]
    fn as_clauses_with_a_place_or_a_document() {
        let t = "Die Schulen bleiben zu, wie das Land Tirol am Montag bekanntgab.";
        assert_eq!(speakers(t, Lang::De), [some("Tirol")]);
        let t = "As the report states: the poor pay more.";
        assert_eq!(speakers(t, Lang::En), [some("report")]);
        // A place after a preposition in the clause is not the source.
        let t = "Wie die in Berlin ansässige Stelle mitteilte, seien die Preise gestiegen.";
        assert_ne!(speakers(t, Lang::De), [some("Berlin")]);
    }

    #[test]
    fn a_sentence_with_two_sources_gives_two_claims() {
        let t = "Anna Weber visited the plant. She vowed to keep it open, but the union \
                 leader Tom Baker said the plant would close.";
        let c = claims(t, Lang::En);
        assert_eq!(
            c,
            [
                ("She vowed to keep it open".to_string(), some("Anna Weber")),
                (
                    "the union leader Tom Baker said the plant would close.".to_string(),
                    some("Tom Baker")
                )
            ]
        );
        // One source in both clauses: one claim.
        let t = "Tom Baker said the plant would close, but he said the jobs were safe.";
        assert_eq!(claims(t, Lang::En).len(), 1);
    }

    #[test]
    fn forecasts_between_two_statements_of_one_source_are_its_words() {
        let t = "Max Holzmann sagte, die Lage sei ernst. Das Heer könnte helfen. Die Polizei \
                 sei überlastet, betonte Holzmann. Der Bau könnte teurer werden.";
        let c = claims(t, Lang::De);
        assert_eq!(c.len(), 4, "{c:?}");
        assert_eq!(c[1].1, some("Max Holzmann"));
        // After the last statement, a forecast stays the reporter's.
        assert_eq!(c[3].1, None);
    }

    #[test]
    fn several_sources_in_one_subject_are_all_the_speaker() {
        let t = "Die USA und die syrische Opposition fordern einen Waffenstillstand.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("USA und die syrische Opposition")]
        );
        let t = "Anna Weber traf Max Holzmann in Linz. Beide rechnen damit, dass der Plan \
                 kommt.";
        assert_eq!(speakers(t, Lang::De), [some("Anna Weber und Max Holzmann")]);
    }

    #[test]
    fn a_relative_pronoun_stands_for_the_name_before_it() {
        let t = "Das kritisiert die Gewerkschaft Verdi, die fürchten, dass Stellen wegfallen.";
        let c = claims(t, Lang::De);
        assert!(c.iter().all(|c| c.1 != some("Stellen")), "{c:?}");
        let t = "The plan was dropped by Tom Baker, who said the costs were too high.";
        assert_eq!(speakers(t, Lang::En), [some("Tom Baker")]);
    }

    #[test]
    fn a_subordinate_clause_closed_by_a_verb_of_saying_names_its_subject() {
        let t = "Die Kosten wären zu hoch, weshalb Bürgermeister Max Holzmann die Idee \
                 ablehnte.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
    }

    #[test]
    fn reported_speech_after_a_frame_names_or_carries_its_source() {
        let t = "Das ist nun bestätigt: Greenpeace habe den Vertrag unterschrieben.";
        assert_eq!(speakers(t, Lang::De), [some("Greenpeace")]);
        let t = "Max Holzmann sagte, die Lage sei ernst. Daher müsse man mit mehr Kosten \
                 rechnen.";
        assert_eq!(
            speakers(t, Lang::De),
            [some("Max Holzmann"), some("Max Holzmann")]
        );
    }

    #[test]
    fn a_later_mention_the_tagger_missed_is_still_the_source() {
        let t = "Der Glücksspielkonzern Novomatic steigt ein. Der Plan sei weit gediehen, \
                 berichtete Max Holzmann. Mittlerweile ist das bestätigt: Novomatic habe \
                 Angebote gelegt.";
        let c = claims(t, Lang::De);
        assert_eq!(
            c.last().map(|c| c.1.clone()),
            Some(some("Novomatic")),
            "{c:?}"
        );
    }

    #[test]
    fn another_verb_of_saying_may_name_the_source() {
        // `Fürchtet` names no one; the frame after it does.
        let t = "Fürchtet euch nicht, so kann man Max Holzmann verstehen, die Lage sei gut.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
    }

    #[test]
    fn separable_verbs_of_saying_and_frames_with_so_or_nach() {
        let t = "Die Lage sei ernst, hielt Minister Max Holzmann dazu fest.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
        // Without the particle, `hielt` is no verb of saying.
        assert!(claims("Max Holzmann hielt die Rede in Linz.", Lang::De).is_empty());
        let t = "Max Holzmann kam nach Linz. Geht es nach Holzmann, steigen die Preise bald.";
        let c = claims(t, Lang::De);
        assert_eq!(
            c.last().map(|c| c.1.clone()),
            Some(some("Max Holzmann")),
            "{c:?}"
        );
        let t = "Alles halb so schlimm, so kann man Max Holzmann verstehen.";
        assert_eq!(speakers(t, Lang::De), [some("Max Holzmann")]);
    }
}
