//! Speaker attribution: who a claim is attributed to, from the words around its cue
//! (subject, apposition, `laut X`, a pronoun for the last named person, a role word for
//! the person it stands for).

use super::Input;
use crate::analysis::candidate::Candidate;
use crate::analysis::lexicon::{
    CLAIM_SOURCES, CueKind, SPEAKER_AUX_EN, SPEAKER_PREPOSITIONS_DE, SPEAKER_PRONOUNS,
    SPEAKER_SKIP_DE, SPEAKER_SKIP_EN, SPEAKER_TITLES,
};
use crate::analysis::tokens::Token;
use crate::analysis::words::is_capitalised;
use crate::article::Lang;
use crate::text::sentences::Sentence;

/// Who says it: the source next to the cue.
pub(super) fn speaker(
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
        CueKind::After => {
            // `nach Angaben aus Moskau`, `nach Angaben von X`, `according to figures of X`.
            let mut from = after;
            while toks.get(from).is_some_and(|t| {
                matches!(t.text(input.text), "aus" | "von" | "vom" | "of") && !t.after_punct
            }) {
                from += 1;
            }
            phrase_after(input, from, true)
        }
        CueKind::Before => phrase_before(input, first, false),
        _ => {
            // `betonte Pezeshkian`, `said John Smith`: a person right after the verb wins;
            // then the subject before it (`Experten vermuten`), then (German) any name
            // after it (`betont Teheran`), then the sentence's subject when the verb ends
            // the clause (`Russland hat … gefordert`). After `told` stands the addressee
            // (`told the BBC`, `told reporters`), never the speaker.
            let addressed = input.text[cs..ce].eq_ignore_ascii_case("told");
            let after_ok = !addressed;
            let first = skip_parenthesis(input, skip_aux(input, first), cs);
            after_ok
                .then(|| entity_after(input, after, true))
                .flatten()
                .or_else(|| after_ok.then(|| apposition_after(input, after)).flatten())
                .or_else(|| person_before(input, first))
                .or_else(|| apposition_before(input, first))
                .or_else(|| phrase_before(input, first, true))
                .or_else(|| {
                    (input.lang == Lang::De)
                        .then(|| entity_after(input, after, false))
                        .flatten()
                })
                .or_else(|| {
                    // `sagte Niessl im Interview`, `so Niessl.`: a capitalised word right
                    // after the verb, closing the frame, is a name the tagger may have
                    // missed; one followed by another noun (`betonte Brasiliens
                    // Teamkicker`) is not.
                    after_ok
                        .then(|| phrase_after(input, after, false))
                        .flatten()
                        .map(untitled)
                        .filter(|sp| plausible(input, sp) || inverted_name(input, after, sp))
                })
                .or_else(|| {
                    clause_final(input, after, s)
                        .then(|| subject(input, s))
                        .flatten()
                })
        }
    };
    found
        .map(untitled)
        .map(|sp| resolve_role(input, sp, cs, memo))
        .filter(|sp| plausible(input, sp) || inverted_name(input, after, sp))
}

/// Whether `sp` is one capitalised word standing right after the cue (within two words)
/// and not followed by another capitalised word: in an inverted frame (`sagte Niessl`,
/// `so Niessl`) that is the speaker's name.
fn inverted_name(input: &Input<'_>, after: usize, sp: &str) -> bool {
    let toks = input.tokens;
    let text = input.text;
    if sp.contains(' ') || !is_capitalised(sp) || input.patterns.is_stopword(sp) {
        return false;
    }
    let Some(k) = (after..toks.len().min(after + 3)).find(|&k| toks[k].text(text) == sp) else {
        return false;
    };
    toks.get(k + 1)
        .is_none_or(|n| n.after_punct || !is_capitalised(n.text(text)))
}

/// The speaker without a title before it (`Mr. Reeves` → `Reeves`).
fn untitled(sp: String) -> String {
    let mut rest = sp.as_str();
    loop {
        let word = rest.split([' ', '.']).next().unwrap_or("");
        if word.is_empty() || word.len() == rest.len() || !SPEAKER_TITLES.contains(&word) {
            break;
        }
        rest = rest[word.len()..].trim_start_matches(['.', ' ']);
    }
    if rest.len() == sp.len() {
        sp
    } else {
        rest.to_string()
    }
}

/// Whether a speaker is a source at all: an entity (or a name an entity goes by), a role
/// word, a described group (`Experten`, `officials`), a German person noun (`Kritiker`,
/// `Aktivisten`) or an English name. Common nouns, fragments and adverbs (`Sturz`,
/// `Woraufhin`, `estimates`, `H`) are not: no speaker rather than a wrong one.
pub(super) fn plausible(input: &Input<'_>, sp: &str) -> bool {
    if sp.chars().count() < 2 {
        return false;
    }
    let named = |e: &Candidate<'_>| e.canonical == Some(sp) || &input.text[e.start..e.end] == sp;
    // The sentence's own entities first: most speakers are named where they speak, and
    // the word lists are cheaper than a look back over the text.
    if input.entities.iter().any(named) || plausible_word(input, sp) {
        return true;
    }
    input.before.iter().rev().take(200).any(named)
}

/// Whether a speaker that no entity names is a source by its words.
fn plausible_word(input: &Input<'_>, sp: &str) -> bool {
    if sp.contains(' ') {
        // A name-like run the tagger missed (`Harald Neumann`); German capitalises every
        // noun, so only English runs of capitalised words count.
        return input.lang == Lang::En && sp.split(' ').all(is_capitalised);
    }
    let lower = sp.to_lowercase();
    if CLAIM_SOURCES.contains(lower.as_str()) {
        return true;
    }
    let mut capital = String::with_capacity(sp.len());
    let mut chars = sp.chars();
    if let Some(c) = chars.next() {
        capital.extend(c.to_uppercase());
        capital.push_str(chars.as_str());
    }
    if input.patterns.is_role(&capital, input.lang) || input.patterns.is_role(sp, input.lang) {
        return true;
    }
    match input.lang {
        Lang::De => {
            is_capitalised(sp)
                && !input.patterns.is_stopword(sp)
                && PERSON_ENDINGS_DE.iter().any(|e| lower.ends_with(e))
        }
        Lang::En => is_capitalised(sp) && !input.patterns.is_stopword(sp),
    }
}

/// Endings of German nouns for people (`Kritiker`, `Aktivisten`, `Demonstrantinnen`).
const PERSON_ENDINGS_DE: &[&str] = &[
    "er", "erin", "innen", "isten", "istin", "enten", "anten", "oren", "eure", "ler",
];

/// A role word as speaker (`so der Landeshauptmann`, `the president`) stands for the last
/// person named with that role before (`Landeshauptmann Hans Niessl`).
pub(super) fn resolve_role(
    input: &Input<'_>,
    speaker: String,
    before: usize,
    memo: &mut RoleMemo,
) -> String {
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
pub(super) type RoleMemo = Vec<(String, usize, Option<usize>)>;

/// Whether `word` ends with `suffix`, ignoring case (`Außenminister` ends with `minister`).
pub(super) fn ends_with_ignore_case(word: &str, suffix: &str) -> bool {
    let mut w = word.chars().rev();
    for s in suffix.chars().rev() {
        match w.next() {
            Some(c) if c == s || c.to_lowercase().eq(s.to_lowercase()) => {}
            _ => return false,
        }
    }
    true
}

/// Whether a capitalised word is an adjective by its ending (`Syrische`, `Russischen`,
/// `Deutscher`): `-ische(n/r/s)`, `-ige(n/r/s)`, `-liche(n/r/s)`.
pub(super) fn is_capitalised_adjective(w: &str) -> bool {
    let stem = w
        .strip_suffix("en")
        .or_else(|| w.strip_suffix("er"))
        .or_else(|| w.strip_suffix("es"))
        .or_else(|| w.strip_suffix('e'))
        .unwrap_or(w);
    stem.ends_with("isch") || stem.ends_with("ig") || stem.ends_with("lich")
}

/// Token index `before`, moved back over English auxiliaries.
pub(super) fn skip_aux(input: &Input<'_>, mut before: usize) -> usize {
    if input.lang == Lang::En {
        while before > 0 && SPEAKER_AUX_EN.contains(&input.tokens[before - 1].text(input.text)) {
            before -= 1;
        }
    }
    before
}

/// Token index `before` (the cue's first token), moved back over a parenthesis right
/// before the cue (`Johanna Mikl-Leitner (ÖVP) erklärte`): a party or age is not the speaker.
pub(super) fn skip_parenthesis(input: &Input<'_>, before: usize, cue_start: usize) -> usize {
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
pub(super) fn apposition_before(input: &Input<'_>, before: usize) -> Option<String> {
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
pub(super) fn apposition_after(input: &Input<'_>, from: usize) -> Option<String> {
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
pub(super) fn clause_final(input: &Input<'_>, after: usize, s: Sentence) -> bool {
    input
        .tokens
        .get(after)
        .is_none_or(|t| t.after_punct || t.start >= s.end)
}

/// The first name or noun of the sentence, after articles and adjectives.
pub(super) fn subject(input: &Input<'_>, s: Sentence) -> Option<String> {
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
        if SPEAKER_PREPOSITIONS_DE.contains(&w) && input.lang == Lang::De {
            k += 2;
            seen += 1;
            continue;
        }
        if let Some(e) = entity_at(input, t) {
            return Some(entity_name(input, e));
        }
        if is_capitalised(w) && !input.patterns.is_stopword(w) {
            // `Der Machthaber Bashar al-Assad`: the person the noun introduces.
            let named = toks
                .get(k + 1)
                .filter(|n| !n.after_punct)
                .and_then(|n| entity_at(input, n))
                .filter(|e| e.label == "PER" && e.start > t.start);
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

pub(super) fn entity_at<'a>(input: &Input<'a>, tok: &Token) -> Option<&'a Candidate<'a>> {
    let ents = input.entities;
    let at = ents.partition_point(|e| e.end <= tok.start);
    ents.get(at)
        .filter(|e| e.start <= tok.start && e.end >= tok.end)
}

pub(super) fn entity_name(input: &Input<'_>, e: &Candidate<'_>) -> String {
    // The name the entities group it under: `Masoud Pezeshkian` for a later `Pezeshkian`,
    // `Statistisches Bundesamt` for `Statistischen Bundesamts`.
    e.canonical
        .map_or_else(|| input.text[e.start..e.end].to_string(), str::to_string)
}

pub(super) fn skippable(input: &Input<'_>, w: &str) -> bool {
    let list: &[&str] = match input.lang {
        Lang::De => &SPEAKER_SKIP_DE,
        Lang::En => &SPEAKER_SKIP_EN,
    };
    list.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// An entity within the first words after the cue (only articles and adjectives between);
/// with `person_only`, only a person.
pub(super) fn entity_after(input: &Input<'_>, from: usize, person_only: bool) -> Option<String> {
    let toks = input.tokens;
    let mut titled = false;
    for t in toks.iter().skip(from).take(4) {
        if t.after_punct && !titled {
            return None;
        }
        // `said Mr. Reeves`: the name after a title; `sagte Außenminister Sergej Lawrow`:
        // after a role.
        let w = t.text(input.text);
        titled = SPEAKER_TITLES.contains(&w);
        if titled || input.patterns.is_role(w, input.lang) {
            continue;
        }
        if let Some(e) = entity_at(input, t) {
            // `betonte Brasiliens Teamkicker`: a name right before a noun is its
            // possessor, not the speaker.
            if is_possessor(input, e) {
                return None;
            }
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

/// Whether a place or organisation stands right before a noun (`Brasiliens Teamkicker`,
/// `Apple CEO`): its possessor, not a speaker.
fn is_possessor(input: &Input<'_>, e: &Candidate<'_>) -> bool {
    e.label != "PER"
        && input
            .tokens
            .iter()
            .find(|n| n.start >= e.end)
            .is_some_and(|n| !n.after_punct && is_capitalised(n.text(input.text)))
}

/// Whether the entity is a dateline (`Eisenstadt – Die Regierung …`): a place before a dash
/// at the start of a paragraph, never a speaker.
pub(super) fn is_dateline(input: &Input<'_>, e: &Candidate<'_>) -> bool {
    let after = &input.text[e.end..];
    let dashed = after.starts_with(" – ") || after.starts_with(" - ") || after.starts_with(" — ");
    dashed && (e.start == 0 || input.text[..e.start].ends_with('\n'))
}

pub(super) fn is_adjective(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && (w.ends_with("e") || w.ends_with("en") || w.ends_with("er"))
}

/// A person entity that ends right before token `before`.
pub(super) fn person_before(input: &Input<'_>, before: usize) -> Option<String> {
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
pub(super) fn phrase_before(
    input: &Input<'_>,
    before: usize,
    clause_start: bool,
) -> Option<String> {
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
    if SPEAKER_PRONOUNS.contains(&w) {
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
pub(super) fn phrase_after(input: &Input<'_>, from: usize, nouns: bool) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let mut i = from;
    let mut seen = 0;
    let mut titled = false;
    while i < toks.len() && seen < 4 {
        let t = toks[i];
        if t.after_punct && !titled {
            return None;
        }
        titled = SPEAKER_TITLES.contains(&t.text(text));
        if titled {
            i += 1;
            seen += 1;
            continue;
        }
        if let Some(e) = entity_at(input, &t) {
            return (!is_possessor(input, e)).then(|| entity_name(input, e));
        }
        let w = t.text(text);
        if SPEAKER_PRONOUNS.contains(&w) {
            return last_person(input, t.start);
        }
        if is_capitalised(w) && !input.patterns.is_stopword(w) {
            // German capitalises every noun: only English runs of capitals are one name.
            let mut end = i + 1;
            while input.lang == Lang::En
                && end < toks.len()
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
pub(super) fn last_person(input: &Input<'_>, before: usize) -> Option<String> {
    let upto = input.before.partition_point(|e| e.end <= before);
    input.before[..upto]
        .iter()
        .rev()
        .take(50)
        .filter(|e| e.label == "PER")
        .map(|e| entity_name(input, e))
        .next()
}
