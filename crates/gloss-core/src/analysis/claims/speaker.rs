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
use crate::analysis::words::{ShapeFilter, is_capitalised};
use crate::article::Lang;
use crate::text::sentences::Sentence;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const GENDER_TSV: &str = include_str!("../../../../../assets/lexicon/claims-gender.tsv");

/// First name → gender (`m`/`f`), from nam_dict.txt (see scripts/build-claims-gender.py):
/// names whose entries disagree or are unisex are not in it. As a hash table: the oracle
/// the sorted search ([`gender_of`]) is tested against.
#[cfg(test)]
static GENDER_TABLE: LazyLock<FxHashMap<&'static str, Gender>> =
    LazyLock::new(|| gender_table(GENDER_TSV));

/// Reads the gender table: lines of a name, a tab and `m` or `f`; `#` opens a comment line.
#[cfg(test)]
fn gender_table(tsv: &'static str) -> FxHashMap<&'static str, Gender> {
    let bytes = tsv.as_bytes();
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    let mut map = FxHashMap::with_capacity_and_hasher(lines, Default::default());
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let line = &tsv[start..end];
        start = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') {
            continue;
        }
        let Some(tab) = memchr::memchr(b'\t', line.as_bytes()) else {
            continue;
        };
        let g = match line[tab + 1..].trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => continue,
        };
        map.insert(&line[..tab], g);
    }
    map
}

/// The first names of the gender table, sorted, for a binary search: read from the
/// table's lines in one pass, not hashed (hashing its 17,000 names cost a claim-finding
/// process more than finding the claims of a 40 KB text).
static GENDER: LazyLock<GenderIndex> = LazyLock::new(|| GenderIndex::new(GENDER_TSV.as_bytes()));

/// A gender table's names in the order of its lines (which must be sorted bytewise by
/// name, as the script writes them: a test holds the bundled one to that), each with its
/// gender, and where each first byte's names start.
struct GenderIndex {
    text: &'static [u8],
    /// (start of the name, its length, its gender), in line order.
    names: Vec<(u32, u8, Gender)>,
    /// `first[b]..first[b + 1]`: the names whose first byte is `b`.
    first: Box<[u32; 257]>,
}

impl GenderIndex {
    /// The names of the lines `name\tm` or `name\tf` of `text`; `#` opens a comment line,
    /// other lines are skipped.
    fn new(text: &'static [u8]) -> GenderIndex {
        // One pass over the bytes: the lines are short, and a memchr call per line and
        // per tab cost more than the loop.
        let mut names = Vec::with_capacity(text.len() / 8);
        let n = text.len();
        let mut i = 0;
        while i < n {
            let start = i;
            while i < n && text[i] != b'\n' && text[i] != b'\t' {
                i += 1;
            }
            let tab = i;
            while i < n && text[i] != b'\n' {
                i += 1;
            }
            let end = i;
            i += 1;
            if text[start] == b'#' || tab == end {
                continue;
            }
            let g = match text[tab + 1..end].trim_ascii() {
                b"m" => Gender::Male,
                b"f" => Gender::Female,
                _ => continue,
            };
            // First names are short; a longer one (none is) could not be a key.
            if let (Ok(len), Ok(at)) = (u8::try_from(tab - start), u32::try_from(start)) {
                names.push((at, len, g));
            }
        }
        let mut first = Box::new([0u32; 257]);
        let name = |e: &(u32, u8, Gender)| &text[e.0 as usize..e.0 as usize + usize::from(e.1)];
        for (b, slot) in first.iter_mut().enumerate() {
            // An empty name sorts before every first byte.
            let i =
                names.partition_point(|e| name(e).first().map_or(-1, |&x| i32::from(x)) < b as i32);
            *slot = i as u32;
        }
        GenderIndex { text, names, first }
    }

    /// The gender of the first name `key`.
    fn get(&self, key: &str) -> Option<Gender> {
        let key = key.as_bytes();
        let range = match key.first() {
            Some(&b) => {
                self.first[usize::from(b)] as usize..self.first[usize::from(b) + 1] as usize
            }
            None => 0..self.first[0] as usize,
        };
        let names = &self.names[range];
        names
            .binary_search_by(|&(at, len, _)| {
                self.text[at as usize..at as usize + usize::from(len)].cmp(key)
            })
            .ok()
            .map(|i| names[i].2)
    }
}

/// The gender of a first name.
fn gender_of(first: &str) -> Option<Gender> {
    GENDER.get(first)
}

/// A person's gender, as far as the first name tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender of a person's name by its first word (`Anna Weber` → female); `None` for a
/// surname alone or a name that can be either.
fn gender(name: &str) -> Option<Gender> {
    let first = name.split(' ').next()?;
    (name.contains(' ')).then(|| gender_of(first)).flatten()
}

/// What a pronoun stands for: a man, a woman, a group, or (German `sie` with no verb to
/// tell its number) a woman or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Referent {
    Male,
    Female,
    Plural,
    FemaleOrPlural,
}

/// What a pronoun (or possessive) refers to; German `sie` takes its number from the verb
/// beside it (`sie sagte` one woman, `sie sagten` a group). `None` for other words.
pub(super) fn referent_of(pronoun: &str, verb: Option<&str>) -> Option<Referent> {
    Some(match pronoun {
        "er" | "Er" | "he" | "He" | "Sein" | "Seine" | "His" => Referent::Male,
        "she" | "She" | "Her" => Referent::Female,
        "they" | "They" | "Their" => Referent::Plural,
        "sie" | "Sie" | "Ihr" | "Ihre" => match verb {
            Some(v) if german_plural(v) => Referent::Plural,
            Some(v) if v.starts_with(char::is_lowercase) => Referent::Female,
            _ => Referent::FemaleOrPlural,
        },
        _ => return None,
    })
}

/// Whether a German finite verb is plural by its ending (`sagten`, `seien`, `sind`);
/// singular forms end otherwise (`sagte`, `sei`, `kann`).
fn german_plural(verb: &str) -> bool {
    verb.len() > 3 && verb.ends_with("en") || verb == "sind"
}

/// Whether a source already carried on can be what the pronoun stands for: a named person
/// of the other gender cannot.
pub(super) fn fits(name: &str, r: Referent) -> bool {
    match (r, gender(name)) {
        (_, None) => true,
        (Referent::Male, Some(g)) => g == Gender::Male,
        (Referent::Female | Referent::FemaleOrPlural, Some(g)) => g == Gender::Female,
        (Referent::Plural, Some(_)) => false,
    }
}

/// The last source before `before` that the pronoun can stand for: for `er`/`she` the last
/// person not of the other gender; for `they` (or plural `sie`) the last organisation, if
/// no person was named since; for `sie` of unknown number only a woman by her first name.
/// No referent rather than a wrong one.
pub(super) fn referent(input: &Input<'_>, r: Referent, before: usize) -> Option<String> {
    let upto = input.before.partition_point(|e| e.end <= before);
    let mut recent = input.before[..upto].iter().rev().take(50);
    match r {
        Referent::Male | Referent::Female => recent
            .filter(|e| e.label == "PER")
            .map(|e| name_of(input, e))
            .find(|n| fits(n, r))
            .map(str::to_string),
        Referent::FemaleOrPlural => recent
            .filter(|e| e.label == "PER")
            .map(|e| name_of(input, e))
            .find(|n| gender(n) == Some(Gender::Female))
            .map(str::to_string),
        Referent::Plural => recent
            .find(|e| matches!(e.label, "PER" | "ORG"))
            .filter(|e| e.label == "ORG")
            .map(|e| entity_name(input, e)),
    }
}

/// The pronoun opening the sentence (`Er sagte`, `Sie seien`), with what it stands for.
pub(super) fn sentence_pronoun(input: &Input<'_>, s: Sentence) -> Option<Referent> {
    let toks = input.tokens;
    let i = toks.partition_point(|t| t.start < s.start);
    let t = toks.get(i).filter(|t| t.end <= s.end)?;
    let w = t.text(input.text);
    if !SPEAKER_PRONOUNS.contains(&w) {
        return None;
    }
    let verb = toks
        .get(i + 1)
        .filter(|v| !v.after_punct && v.end <= s.end)
        .map(|v| v.text(input.text));
    referent_of(w, verb)
}

/// A pronoun at token `i` resolved; its verb is the token `verb` (the cue beside it).
fn pronoun_at(input: &Input<'_>, i: usize, verb: Option<usize>) -> Option<String> {
    let toks = input.tokens;
    let t = toks.get(i)?;
    let v = verb.and_then(|k| toks.get(k)).map(|v| v.text(input.text));
    referent(input, referent_of(t.text(input.text), v)?, t.start)
}

/// Who says it: the source next to the cue.
pub(super) fn speaker(
    input: &Input<'_>,
    s: Sentence,
    (cs, ce): (usize, usize),
    kind: CueKind,
    roles: &mut Roles<'_>,
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
            // `so kann man James Butterfill interpretieren`: a person within the frame.
            phrase_after(input, from, true).or_else(|| {
                (input.text[cs..ce].eq_ignore_ascii_case("so"))
                    .then(|| person_within(input, after, 6))
                    .flatten()
            })
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
                .or_else(|| relative_before(input, first))
                .or_else(|| as_clause(input, first, clause_final(input, after, s)))
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
                        .filter(|sp| plausible(input, sp, roles) || inverted_name(input, after, sp))
                })
                .or_else(|| {
                    clause_final(input, after, s)
                        .then(|| subject(input, s))
                        .flatten()
                })
        }
    };
    // A word that is no source by itself may still be the surname of a person named in
    // full before (`Geht es nach Bunge` after `Rainer Bunge`).
    let single = found
        .map(untitled)
        .map(|sp| resolve_role(input, sp, cs, roles))
        .and_then(|sp| {
            if plausible(input, &sp, roles) || inverted_name(input, after, &sp) {
                Some(sp)
            } else {
                surname_named(input, &sp, cs, roles)
            }
        });
    // `Die USA und die syrische Opposition fordern`, `Beide rechnen damit`: more than one.
    let before_cue = toks.partition_point(|t| t.start < cs);
    coordinated(input, s, before_cue).or(single)
}

/// A subject of several sources before the verb: `Die USA und die syrische Opposition
/// fordern` → `USA und die syrische Opposition`, `Faymann, Mitterlehner und Co sehen` →
/// all three; `Beide`/`Both` → the last two people named (`A und B`). The subject must
/// open the sentence, and the names before `und` be entities.
fn coordinated(input: &Input<'_>, s: Sentence, cue: usize) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let first = toks.partition_point(|t| t.start < s.start);
    let head = toks.get(first..cue)?;
    let w = |t: &Token| t.text(text);
    if let [only] = head
        && matches!(w(only), "Beide" | "Both")
    {
        let upto = input.before.partition_point(|e| e.end <= only.start);
        let mut people = input.before[..upto]
            .iter()
            .rev()
            .take(30)
            .filter(|e| e.label == "PER")
            .map(|e| entity_name(input, e));
        let b = people.next()?;
        let a = people.find(|n| *n != b)?;
        // In the order the text named them first.
        let first_at = |n: &str| input.before.iter().position(|e| entity_name(input, e) == n);
        let (a, b) = if first_at(&b) < first_at(&a) {
            (b, a)
        } else {
            (a, b)
        };
        let and = if input.lang == Lang::De { "und" } else { "and" };
        return Some(format!("{a} {and} {b}"));
    }
    if head.len() < 3 || head.len() > 8 {
        return None;
    }
    let joint = head.iter().position(|t| matches!(w(t), "und" | "and"))?;
    if joint == 0
        || head[joint + 1..]
            .iter()
            .any(|t| matches!(w(t), "und" | "and"))
    {
        return None;
    }
    let article = |t: &Token| {
        matches!(
            t.text(text),
            "Der" | "Die" | "Das" | "The" | "der" | "die" | "das" | "the"
        )
    };
    // Before the joint: names (and commas); after it: an article, adjectives, one noun.
    let lead = usize::from(article(&head[0]));
    if lead >= joint {
        return None;
    }
    let named = head[lead..joint]
        .iter()
        .all(|t| entity_at(input, t).is_some());
    let (last, mid) = head[joint + 1..].split_last()?;
    let tail_ok = mid.iter().all(|t| article(t) || is_adjective(w(t)))
        && is_capitalised(w(last))
        && !input.patterns.is_stopword(w(last));
    let span = &text[head[lead].start..last.end];
    if !(named && tail_ok) || span.contains(['.', ';', ':', '(']) {
        return None;
    }
    Some(span.to_string())
}

/// `die Grünen, die fürchten`, `Tom Baker, who said`: a relative pronoun right before the
/// cue, after a comma, stands for the name before the comma.
fn relative_before(input: &Input<'_>, before: usize) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let rel = toks.get(before.checked_sub(1)?)?;
    if !matches!(
        rel.text(text),
        "der" | "die" | "welche" | "welcher" | "who" | "which"
    ) || !rel.after_punct
    {
        return None;
    }
    let name = toks.get(before.checked_sub(2)?)?;
    if text[name.end..rel.start].trim() != "," {
        return None;
    }
    entity_at(input, name)
        .filter(|e| matches!(e.label, "PER" | "ORG") && e.end == name.end)
        .map(|e| entity_name(input, e))
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

/// The first bytes and lengths of the titles.
static TITLE_SHAPES: LazyLock<ShapeFilter> =
    LazyLock::new(|| ShapeFilter::new(SPEAKER_TITLES.iter().copied()));

/// The speaker without a title before it (`Mr. Reeves` → `Reeves`).
fn untitled(sp: String) -> String {
    // Most speakers start with no title: the shapes of the titles rule them out.
    let first = &sp[..sp
        .bytes()
        .position(|b| b == b' ' || b == b'.')
        .unwrap_or(sp.len())];
    if !TITLE_SHAPES.may_contain(first) {
        return sp;
    }
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
pub(super) fn plausible(input: &Input<'_>, sp: &str, roles: &mut Roles<'_>) -> bool {
    if sp.chars().count() < 2 {
        return false;
    }
    let named = |e: &Candidate<'_>| e.canonical == Some(sp) || &input.text[e.start..e.end] == sp;
    // The sentence's own entities first: most speakers are named where they speak, and
    // the word lists are cheaper than a look back over the text.
    if input.entities.iter().any(named) {
        return true;
    }
    let by_words = match roles.words.get(sp) {
        Some(&w) => w,
        None => {
            let w = plausible_word(input, sp);
            roles.words.insert(sp.to_string(), w);
            w
        }
    };
    by_words || roles.named_before(input, sp)
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

/// A role word or a described source as speaker (`so der Landeshauptmann`, `the
/// president`, `sagt der Ökonom`) stands for the person named with that role: the last one
/// before (`Landeshauptmann Hans Niessl`, `Butterfill ist Chefökonom`), or, where none was
/// named yet (a headline), the first one after. Where two people were named with the role
/// (`Außenminister Lawrow` … `US-Außenminister Kerry`), the role word stays: no person
/// rather than the wrong one.
pub(super) fn resolve_role(
    input: &Input<'_>,
    speaker: String,
    before: usize,
    roles: &mut Roles<'_>,
) -> String {
    if speaker.contains(' ') {
        return speaker;
    }
    // Whether a word is a role is asked once per word and text: most speakers repeat.
    // A word known to be no role is answered by this one look-up.
    let known = roles.memo.get(speaker.as_str()).map(Option::is_some);
    if known == Some(false) {
        return speaker;
    }
    if known.is_none() {
        let mut capital = String::with_capacity(speaker.len());
        let mut chars = speaker.chars();
        if let Some(c) = chars.next() {
            capital.extend(c.to_uppercase());
            capital.push_str(chars.as_str());
        }
        let lower = speaker.to_lowercase();
        let is_role =
            input.patterns.is_role(&capital, input.lang) || CLAIM_SOURCES.contains(lower.as_str());
        let role = match speaker.as_bytes().last() {
            Some(&last) if is_role => Some((
                Role {
                    capital,
                    last: last.to_ascii_lowercase(),
                    last_char: speaker.chars().next_back().unwrap_or(' '),
                },
                RoleScan::default(),
            )),
            _ => None,
        };
        roles.memo.insert(speaker.clone(), role);
    }
    let Roles {
        all,
        text,
        memo,
        around,
        quick,
        ..
    } = roles;
    let (all, text) = (*all, *text);
    let Some(Some((role, memo))) = memo.get_mut(speaker.as_str()) else {
        return speaker;
    };
    let role = &*role;
    let upto = all.partition_point(|e| e.end <= before);
    // Every entity's surroundings once, at the first role word: each role then reads
    // the entities one summary word each, and the rest only where that may fit.
    if around.len() < all.len() {
        *around = all.iter().map(|e| Around::of(text, e)).collect();
        *quick = around.iter().map(Around::summary).collect();
    }
    let quick = &*quick;
    // Whether the entity is named with the role: `Some(true)` with the role word itself
    // (`Außenminister Sergej Lawrow`), `Some(false)` with a compound or a description
    // (`US-Außenminister John Kerry`, `Butterfill ist Chefökonom`).
    let introduces = |i: usize| -> Option<bool> {
        if !role.may_introduce(quick[i]) {
            return None;
        }
        let a = around[i].as_ref()?;
        // The word before the name must end like the speaker: one byte mostly decides.
        if !role.last.is_ascii() || a.lead_last == Some(role.last) {
            let word = a.word;
            if word.eq_ignore_ascii_case(&role.capital) {
                return Some(true);
            }
            if ends_with_ignore_case(word, &speaker)
                && (input.patterns.is_role(word, input.lang) || word.len() > speaker.len())
            {
                return Some(false);
            }
        }
        // `Butterfill ist Chefökonom`, `Tom Baker, the mayor,`: a person described after
        // the name.
        (a.person && a.described_as(&speaker, role.last_char)).then_some(false)
    };
    // Claims come in text order: each role's entities are scanned once, its introductions
    // kept while they are inside the window.
    let floor = upto.saturating_sub(ROLE_WINDOW);
    if memo.scanned > upto {
        *memo = RoleScan::default();
    }
    let from = memo.scanned.max(floor);
    for i in from..upto {
        // The summary first, without the closure: most entities stop here.
        if !role.may_introduce(quick[i]) {
            continue;
        }
        if let Some(exact) = introduces(i) {
            memo.intros.push((i, entity_name(input, &all[i]), exact));
        }
    }
    memo.scanned = memo.scanned.max(upto);
    memo.intros.retain(|&(i, _, _)| i >= floor);
    // Two people with the role: the one named with the role word itself, if only one was
    // (`Außenminister Lawrow` beside `US-Außenminister Kerry` for `der Außenminister`).
    let one = |exact_only: bool| {
        let mut names = memo
            .intros
            .iter()
            .filter(|(_, _, exact)| *exact || !exact_only)
            .map(|(_, n, _)| n);
        let first = names.next()?;
        names.all(|n| n == first).then(|| first.clone())
    };
    let found = match memo.intros.last() {
        Some(_) => one(false).or_else(|| one(true)),
        None => {
            // A headline: the first person named with the role after it.
            let ahead = match memo.ahead {
                Some(i) if i >= upto => Some(i),
                _ => {
                    let end = (upto + ROLE_WINDOW).min(all.len());
                    let from = memo.ahead_scanned.clamp(upto, end);
                    memo.ahead_scanned = end;
                    (from..end).find(|&i| role.may_introduce(quick[i]) && introduces(i).is_some())
                }
            };
            memo.ahead = ahead;
            ahead.map(|i| entity_name(input, &all[i]))
        }
    };
    found.unwrap_or(speaker)
}

/// What the words around a person or organisation say about a role it may have: the word
/// right before it and the words after it that [`described_after`] reads, cut out once per
/// entity rather than once per role word and entity.
#[derive(Clone)]
struct Around<'a> {
    person: bool,
    /// The ASCII-lower-cased last byte before the name (past spaces).
    lead_last: Option<u8>,
    /// The word before the name.
    word: &'a str,
    /// A person's description after a comma (`, der Sprecher`): the first word.
    comma_first: Option<&'a str>,
    /// The words a description may end with (`ist Chefökonom`, `, the mayor`), at most 3.
    described: [&'a str; 3],
    described_len: usize,
    /// The last chars of `comma_first` and `described`, ASCII-lower-cased, as bits (`c &
    /// 31`); `odd` if one is not ASCII: most role words end otherwise and need no
    /// comparison.
    ends: u32,
    odd: bool,
}

impl<'a> Around<'a> {
    /// `None` for an entity that is neither a person nor an organisation.
    fn of(text: &'a str, e: &Candidate<'_>) -> Option<Around<'a>> {
        if !matches!(e.label, "PER" | "ORG") {
            return None;
        }
        let lead = text[..e.start].trim_end();
        // Past the separator, which may take more than one byte (`»`, `–`).
        let word_start = lead
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut a = Around {
            person: e.label == "PER",
            lead_last: lead.as_bytes().last().map(u8::to_ascii_lowercase),
            word: &lead[word_start..],
            comma_first: None,
            described: [""; 3],
            described_len: 0,
            ends: 0,
            odd: false,
        };
        if !a.person {
            return Some(a);
        }
        // The words of [`described_after`], without the role.
        let rest = &text[e.end..];
        let mut words = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let Some(first) = words.next() else {
            return Some(a);
        };
        let comma = rest.trim_start().starts_with(',');
        let link = matches!(first, "ist" | "war" | "is" | "was");
        if comma {
            a.comma_first = Some(first.trim_end_matches(['.', ',']));
        }
        if link || comma {
            let lead = (!link).then_some(first);
            for w in lead.into_iter().chain(words).take(3) {
                a.described[a.described_len] = w.trim_end_matches(['.', ',', ';']);
                a.described_len += 1;
            }
        }
        for w in a.comma_first.iter().chain(&a.described[..a.described_len]) {
            match w.chars().next_back() {
                Some(c) if c.is_ascii() => a.ends |= 1 << (c.to_ascii_lowercase() as u32 & 31),
                Some(_) => a.odd = true,
                None => {}
            }
        }
        Some(a)
    }

    /// The entity in one word: whether it is a person or organisation and a person, its
    /// [`Self::lead_last`], and `ends` and `odd`.
    fn summary(a: &Option<Around<'_>>) -> u64 {
        let Some(a) = a else {
            return 0;
        };
        let mut s = IS_SOURCE | u64::from(a.ends);
        if a.person {
            s |= IS_PERSON;
        }
        if a.odd {
            s |= ODD_END;
        }
        if let Some(b) = a.lead_last {
            s |= HAS_LEAD | u64::from(b) << 32;
        }
        s
    }

    /// [`described_after`] for this person and `role`, whose last char is `last`.
    fn described_as(&self, role: &str, last: char) -> bool {
        if last.is_ascii()
            && !self.odd
            && self.ends & (1 << (last.to_ascii_lowercase() as u32 & 31)) == 0
        {
            return false;
        }
        // The last chars decide most words without the full comparison.
        let may_end = |w: &str| {
            w.chars().next_back().is_some_and(|c| {
                !(c.is_ascii() && last.is_ascii()) || c.eq_ignore_ascii_case(&last)
            }) && ends_with_ignore_case(w, role)
        };
        self.comma_first.is_some_and(may_end)
            || self.described[..self.described_len]
                .iter()
                .any(|w| may_end(w))
    }
}

/// Whether the words after a name describe it as `role` (`ist Chefökonom`, `, der
/// Sprecher`, `is the mayor`): within four words, past a verb of being or a comma.
#[cfg(test)]
fn described_after(text: &str, end: usize, role: &str) -> bool {
    let rest = &text[end..];
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    let comma = rest.trim_start().starts_with(',');
    let (first_is_role, link) = (
        comma && ends_with_ignore_case(first.trim_end_matches(['.', ',']), role),
        matches!(first, "ist" | "war" | "is" | "was"),
    );
    if first_is_role {
        return true;
    }
    if !(link || comma) {
        return false;
    }
    let candidates = if link {
        words.take(3).collect::<Vec<_>>()
    } else {
        std::iter::once(first).chain(words.take(2)).collect()
    };
    candidates
        .iter()
        .any(|w| ends_with_ignore_case(w.trim_end_matches(['.', ',', ';']), role))
}

/// How many entities back (or, for a headline, ahead) a role word looks for its person.
const ROLE_WINDOW: usize = 150;

/// How many entities back a speaker's name counts as named before ([`plausible`]).
const NAMED_WINDOW: usize = 200;

/// Per text: all its entities (a role may be named before its person), for each
/// role-word speaker what the entities scanned so far gave, and the lookups that repeat
/// from claim to claim, done once.
pub(super) struct Roles<'a> {
    text: &'a str,
    all: &'a [Candidate<'a>],
    /// Per speaker word: its spellings and scan, or `None` for a word that is no role.
    memo: FxHashMap<String, Option<(Role, RoleScan)>>,
    /// Per entity: the words around it ([`Around`]), and their summary
    /// ([`Around::summary`]).
    around: Vec<Option<Around<'a>>>,
    quick: Vec<u64>,
    /// Every name of the entities read so far (canonical and as written) → the last
    /// entity that has it.
    names: FxHashMap<&'a str, usize>,
    names_read: usize,
    /// Per speaker: whether its words make it a source ([`plausible_word`]).
    words: FxHashMap<String, bool>,
    /// The last word of every person's name of more than one word → the indices of those
    /// people, in order: a surname's people without a scan of the entities before it.
    surnames: Option<FxHashMap<&'a str, Vec<usize>>>,
    /// Per surname looked for: where it occurs in the window searched last.
    occurrences: FxHashMap<String, Occurrences>,
}

/// A role word's spellings: capitalised, and its last byte (ASCII lower case) and char.
struct Role {
    capital: String,
    last: u8,
    last_char: char,
}

/// The bits of [`Around::summary`].
const IS_SOURCE: u64 = 1 << 63;
const IS_PERSON: u64 = 1 << 62;
const ODD_END: u64 = 1 << 61;
const HAS_LEAD: u64 = 1 << 60;

impl Role {
    /// False where an entity of that summary certainly does not introduce the role: the
    /// byte before it differs, and no description after it can end like the role.
    fn may_introduce(&self, summary: u64) -> bool {
        if summary & IS_SOURCE == 0 {
            return false;
        }
        let lead = summary & HAS_LEAD != 0 && (summary >> 32) as u8 == self.last;
        if !self.last.is_ascii() || lead {
            return true;
        }
        summary & IS_PERSON != 0
            && (!self.last_char.is_ascii()
                || summary & ODD_END != 0
                || summary & (1 << (self.last_char.to_ascii_lowercase() as u32 & 31)) != 0)
    }
}

/// One role's scan: how far back the entities were read and the people named with the
/// role there (index, name); the first one ahead and how far ahead was read.
#[derive(Default)]
pub(super) struct RoleScan {
    scanned: usize,
    intros: Vec<(usize, String, bool)>,
    ahead: Option<usize>,
    ahead_scanned: usize,
}

impl<'a> Roles<'a> {
    /// Roles resolved among these entities (all of the text's, sorted by start).
    pub(super) fn new(text: &'a str, all: &'a [Candidate<'a>]) -> Self {
        Roles {
            text,
            all,
            memo: FxHashMap::default(),
            around: Vec::new(),
            quick: Vec::new(),
            names: FxHashMap::default(),
            names_read: 0,
            words: FxHashMap::default(),
            surnames: None,
            occurrences: FxHashMap::default(),
        }
    }

    /// The indices of the people among `input.before` whose name ends in the word `w`
    /// after a space, in order; `None` where `input.before` is not a prefix of the text's
    /// entities (the caller scans them then).
    fn people_named(&mut self, input: &Input<'_>, w: &str) -> Option<&[usize]> {
        let before = input.before;
        if !std::ptr::eq(before.as_ptr(), self.all.as_ptr()) || before.len() > self.all.len() {
            return None;
        }
        let (all, text) = (self.all, self.text);
        let map = self.surnames.get_or_insert_with(|| {
            let mut map: FxHashMap<&'a str, Vec<usize>> = FxHashMap::default();
            for (i, e) in all.iter().enumerate().filter(|(_, e)| e.label == "PER") {
                let name = e.canonical.unwrap_or(&text[e.start..e.end]);
                if let Some(space) = name.rfind(' ') {
                    map.entry(&name[space + 1..]).or_default().push(i);
                }
            }
            map
        });
        Some(map.get(w).map_or(&[], Vec::as_slice))
    }

    /// Whether one of the last [`NAMED_WINDOW`] entities of `before` (a prefix of the
    /// text's entities, growing from call to call) is named `sp`.
    fn named_before(&mut self, input: &Input<'_>, sp: &str) -> bool {
        let before = input.before;
        let prefix = std::ptr::eq(before.as_ptr(), self.all.as_ptr())
            && before.len() <= self.all.len()
            && before.len() >= self.names_read;
        if !prefix {
            let named =
                |e: &Candidate<'_>| e.canonical == Some(sp) || &input.text[e.start..e.end] == sp;
            return before.iter().rev().take(NAMED_WINDOW).any(named);
        }
        if self.names_read == 0 {
            // Sized once for the whole text, before the first names go in: growing it
            // rehashed every name so far.
            self.names.reserve(before.len().max(self.all.len()));
        }
        for (i, e) in self.all[..before.len()]
            .iter()
            .enumerate()
            .skip(self.names_read)
        {
            let written = &self.text[e.start..e.end];
            if let Some(c) = e.canonical.filter(|&c| c != written) {
                self.names.insert(c, i);
            }
            self.names.insert(written, i);
        }
        self.names_read = before.len();
        self.names
            .get(sp)
            .is_some_and(|&i| i >= before.len().saturating_sub(NAMED_WINDOW))
    }
}

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
    // `… AG (LLI), Josef Pröll, zeigt sich`: a parenthesis may close before the comma.
    let gap = |k: usize| text[toks[k - 1].end..toks[k].start].trim();
    if k == 0 || !toks[k].after_punct || !matches!(gap(k), "," | "),") {
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

/// The first person among the `n` words from token `from`, before any punctuation.
fn person_within(input: &Input<'_>, from: usize, n: usize) -> Option<String> {
    let toks = input.tokens;
    for (k, t) in toks.iter().enumerate().skip(from).take(n) {
        if k > from && t.after_punct {
            return None;
        }
        if let Some(e) = entity_at(input, t) {
            return (e.label == "PER").then(|| entity_name(input, e));
        }
    }
    None
}

/// The person or organisation in an `as`-clause before the cue: `wie das Land
/// Niederösterreich im Herbst bekanntgab` → Land Niederösterreich, `as the agency said`.
/// The first entity after `wie`/`as`, with no clause break between it and the cue.
fn as_clause(input: &Input<'_>, before: usize, clause_final: bool) -> Option<String> {
    let toks = input.tokens;
    let text = input.text;
    let from = before.saturating_sub(10);
    // `weshalb Landeshauptmann Erwin Pröll die Idee ablehnte`: a subordinate clause whose
    // verb of saying closes it.
    let opener = (from..before).rev().find(|&k| match toks[k].text(text) {
        "wie" | "Wie" | "as" | "As" => true,
        "weshalb" | "weswegen" | "weil" | "nachdem" | "Nachdem" | "Weil" | "because" => {
            clause_final
        }
        _ => false,
    })?;
    // No clause break between (a parenthesis is fine: `Erwin Pröll (ÖVP)`).
    let last = toks.get(before.checked_sub(1)?)?;
    if text[toks[opener].end..last.end].contains([',', ';', ':', '.', '!', '?']) {
        return None;
    }
    let inner = &toks[opener + 1..before];
    let found = inner
        .iter()
        .enumerate()
        .filter_map(|(j, t)| entity_at(input, t).map(|e| (j, e)))
        .find(|&(j, e)| {
            // `wie das Land Niederösterreich mitteilte`; not `wie die in London ansässige …`.
            let after_prep = j > 0 && PREPOSITIONS.contains(&inner[j - 1].text(text));
            (matches!(e.label, "PER" | "ORG") || e.label == "LOC" && !after_prep)
                && !is_dateline(input, e)
        })
        .map(|(_, e)| entity_name(input, e));
    // `As the report states`: an article and one noun.
    found.or_else(|| match inner {
        [a, n] if matches!(a.text(text), "the" | "der" | "die" | "das") => {
            Some(n.text(text).to_string())
        }
        _ => None,
    })
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
    name_of(input, e).to_string()
}

/// The name the entities group it under: `Masoud Pezeshkian` for a later `Pezeshkian`,
/// `Statistisches Bundesamt` for `Statistischen Bundesamts`; borrowed, for look-backs
/// that compare many names and keep one.
fn name_of<'a>(input: &Input<'a>, e: &Candidate<'a>) -> &'a str {
    e.canonical.unwrap_or(&input.text[e.start..e.end])
}

/// The skip words of each language (German, English), ASCII-lower-cased: one look-up per
/// word instead of a scan of the list.
static SKIP: LazyLock<[FxHashSet<Vec<u8>>; 2]> = LazyLock::new(|| {
    let set = |list: &[&str]| {
        list.iter()
            .map(|w| w.as_bytes().to_ascii_lowercase())
            .collect()
    };
    [set(&SPEAKER_SKIP_DE), set(&SPEAKER_SKIP_EN)]
});

/// The first bytes and lengths of the skip words of both languages.
static SKIP_SHAPES: LazyLock<ShapeFilter> = LazyLock::new(|| {
    ShapeFilter::new(
        SPEAKER_SKIP_DE
            .iter()
            .chain(SPEAKER_SKIP_EN.iter())
            .copied(),
    )
});

/// Whether `w` is one of the words skipped between a verb of saying and its subject (ASCII
/// case-insensitive).
pub(super) fn skippable(input: &Input<'_>, w: &str) -> bool {
    let set = match input.lang {
        Lang::De => &SKIP[0],
        Lang::En => &SKIP[1],
    };
    // Most words have the shape of none: no copy, no hash.
    if !SKIP_SHAPES.may_contain(w) {
        return false;
    }
    let mut buf = [0u8; 32];
    let Some(key) = buf.get_mut(..w.len()) else {
        return set.iter().any(|s| s.eq_ignore_ascii_case(w.as_bytes()));
    };
    key.copy_from_slice(w.as_bytes());
    key.make_ascii_lowercase();
    set.contains(&*key)
}

/// An entity within the first words after the cue (only articles and adjectives between);
/// with `person_only`, only a person.
pub(super) fn entity_after(input: &Input<'_>, from: usize, person_only: bool) -> Option<String> {
    let toks = input.tokens;
    let mut titled = false;
    let mut role = false;
    for (i, t) in toks.iter().enumerate().skip(from).take(4) {
        if t.after_punct && !titled {
            return None;
        }
        // `said Mr. Reeves`: the name after a title; `sagte Außenminister Sergej Lawrow`:
        // after a role.
        let w = t.text(input.text);
        titled = SPEAKER_TITLES.contains(&w);
        if titled || input.patterns.is_role(w, input.lang) {
            role = true;
            continue;
        }
        if let Some(e) = entity_at(input, t) {
            // `zeigt sich Landeshauptmann HansNiessl`: a name right after a role is the
            // person, whatever type the tagger gave it (not a place: `Präsident Frankreichs`).
            let named = role && e.start == t.start && e.label != "LOC";
            // `betonte Brasiliens Teamkicker`: a name right before a noun is its
            // possessor, not the speaker.
            if is_possessor(input, e) {
                return None;
            }
            // `said Nordvind chief executive Lars Henningsen`: a name, then lower-case job
            // words, then a person; the name is the person's employer, the person speaks.
            if let Some(p) = person_after_job(input, e.end) {
                return Some(entity_name(input, p));
            }
            if (!person_only || e.label == "PER" || named) && !is_dateline(input, e) {
                return Some(entity_name(input, e));
            }
            return None;
        }
        let w = t.text(input.text);
        // An employer the entities missed (`said Brightwater chief executive Anna Keller`).
        if is_capitalised(w)
            && let Some(p) = person_after_job(input, t.end)
        {
            return Some(entity_name(input, p));
        }
        // `betonte Stadtrat Otto Brenner`: a job word the role list lacks, right before a
        // person, is that person's title.
        let before_person = toks
            .get(i + 1)
            .filter(|n| !n.after_punct)
            .and_then(|n| entity_at(input, n).filter(|e| e.label == "PER" && e.start == n.start))
            .is_some();
        if is_capitalised(w) && before_person {
            role = true;
            continue;
        }
        if !skippable(input, w) && !is_adjective(w) {
            return None;
        }
    }
    None
}

/// The person named after the name ending at `end` and one to three lower-case words
/// (`chief executive`, `head of research`) with no punctuation between: that name is where
/// the person works.
fn person_after_job<'a>(input: &Input<'a>, end: usize) -> Option<&'a Candidate<'a>> {
    let toks = input.tokens;
    let from = toks.partition_point(|t| t.start < end);
    for (n, t) in toks.iter().skip(from).take(4).enumerate() {
        if t.after_punct {
            return None;
        }
        let w = t.text(input.text);
        if let Some(p) = entity_at(input, t) {
            return (n > 0 && p.label == "PER" && p.start == t.start).then_some(p);
        }
        if !w.chars().all(char::is_lowercase) {
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
    // At a line's start, or a sentence's where a subheading was glued to the text (`…
    // wetten. Frankfurt – Fürchtet euch nicht`).
    let before = input.text[..e.start].trim_end_matches(' ');
    dashed && (before.is_empty() || before.ends_with(['\n', '.', '!', '?', ':']))
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

/// Prepositions before a name that make it an object or a place, never the subject of the
/// verb after it.
const PREPOSITIONS: &[&str] = &[
    "in", "im", "aus", "nach", "bei", "beim", "mit", "für", "über", "vor", "seit", "am", "zum",
    "zur", "gegen", "durch", "unter", "for", "at", "on", "with", "to", "In", "Im", "Aus", "Nach",
    "Bei", "Mit", "Für", "Über", "Vor", "Seit", "Am", "Gegen", "For", "At", "On", "With",
];

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
        if is_dateline(input, e) {
            return None;
        }
        let k = toks.partition_point(|t| t.start < e.start);
        if clause_start && k > 0 && k < toks.len() && !toks[k].after_punct && !toks[k].initial {
            let p = toks[k - 1].text(text);
            // `David Wech von JPC Energy erwartet`: the person the organisation is of.
            if matches!(p, "von" | "vom" | "of" | "from") {
                return k
                    .checked_sub(2)
                    .and_then(|j| entity_at(input, &toks[j]).filter(|e| e.end == toks[j].end))
                    .filter(|e| e.label == "PER")
                    .map(|e| entity_name(input, e));
            }
            // `für die USA erwartet X`, `im Burgenland zeigt sich X`: a name after a
            // preposition is an object or a place, not the subject.
            let article = matches!(p, "der" | "die" | "das" | "den" | "dem" | "des" | "the");
            let prep_at = if article {
                k.checked_sub(2)
            } else {
                Some(k - 1)
            };
            if prep_at.is_some_and(|j| {
                !(article && toks[k - 1].after_punct) && PREPOSITIONS.contains(&toks[j].text(text))
            }) {
                return None;
            }
        }
        return Some(entity_name(input, e));
    }
    let w = last.text(text);
    if SPEAKER_PRONOUNS.contains(&w) {
        return pronoun_at(input, before - 1, Some(before));
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
            return pronoun_at(input, i, from.checked_sub(1));
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

/// The person named in full before whose surname the token is (`Schmuckenschlager` after
/// `Stefan Schmuckenschlager`): a capitalised word, not a stopword, that ends a person's
/// name. The person's name; `None` if no one or more than one person has that surname.
pub(super) fn surname_of(input: &Input<'_>, t: &Token, roles: &mut Roles<'_>) -> Option<String> {
    surname_named(input, t.text(input.text), t.start, roles)
}

/// How many entities back a surname looks for the person named in full.
const SURNAME_WINDOW: usize = 200;

/// [`surname_of`] for the word `w` standing at byte `at`.
fn surname_named(input: &Input<'_>, w: &str, at: usize, roles: &mut Roles<'_>) -> Option<String> {
    if w.chars().count() < 3
        || w.contains(' ')
        || !is_capitalised(w)
        || input.patterns.is_stopword(w)
    {
        return None;
    }
    let upto = input.before.partition_point(|e| e.end <= at);
    let found = match roles.people_named(input, w) {
        // The people whose name ends in ` w`, by index, among the last entities.
        Some(ids) => {
            let from = ids.partition_point(|&i| i < upto.saturating_sub(SURNAME_WINDOW));
            let to = ids.partition_point(|&i| i < upto);
            let mut names = ids[from..to]
                .iter()
                .rev()
                .map(|&i| name_of(input, &input.before[i]));
            names
                .next()
                .map(|first| names.all(|n| n == first).then(|| first.to_string()))
        }
        None => {
            let mut names = input.before[..upto]
                .iter()
                .rev()
                .take(SURNAME_WINDOW)
                .filter(|e| e.label == "PER")
                .map(|e| name_of(input, e))
                .filter(|n| ends_in_word(n, w));
            names
                .next()
                .map(|first| names.all(|n| n == first).then(|| first.to_string()))
        }
    };
    match found {
        Some(one) => one,
        None => {
            if !roles.occurrences.contains_key(w) {
                roles
                    .occurrences
                    .insert(w.to_string(), Occurrences::default());
            }
            let occ = roles.occurrences.get_mut(w)?;
            first_name_in(input.text, at, w, occ)
        }
    }
}

/// Whether the name `n` ends in the word `w` after a space (`Otto Brenner` in `Brenner`).
fn ends_in_word(n: &str, w: &str) -> bool {
    n.len() > w.len() && n.ends_with(w) && n[..n.len() - w.len()].ends_with(' ')
}

/// How far back [`first_name_before`] looks for a surname's first mention: some pages
/// of news, and a bound on the work a long text costs.
const NAME_WINDOW: usize = 16 * 1024;

/// `Bürgermeister Stefan Schmuckenschlager` before a later `Schmuckenschlager` that no
/// entity covers: the full name, where a known first name stood before the surname in
/// the text (the last such mention, among the last three of the surname, within
/// [`NAME_WINDOW`] bytes).
#[cfg(test)]
fn first_name_before(text: &str, before: usize, surname: &str) -> Option<String> {
    first_name_in(text, before, surname, &mut Occurrences::default())
}

/// Where one word occurs in a stretch of the text: every start `p` (overlapping ones too)
/// with `lo <= p` and `p + len <= hi`, in order. Kept per surname from claim to claim, so
/// that the text is searched once per surname and window, not back over the window for
/// every mention.
#[derive(Debug, Default)]
pub(super) struct Occurrences {
    lo: usize,
    hi: usize,
    at: Vec<usize>,
}

impl Occurrences {
    /// Makes the stretch cover `from..to` of `text` (char boundaries), searching only what
    /// it did not cover; starts before `from` are dropped.
    fn cover(&mut self, text: &str, word: &str, from: usize, to: usize) {
        let len = word.len();
        let (scan, keep_above) = if self.lo <= from && from <= self.hi {
            if to <= self.hi {
                return;
            }
            // Starts whose match would run past the old end are new.
            (self.hi.saturating_sub(len - 1).max(self.lo), self.hi)
        } else {
            self.at.clear();
            (from, 0)
        };
        let cut = self.at.partition_point(|&p| p < from);
        self.at.drain(..cut);
        let finder = memchr::memmem::Finder::new(word);
        let hay = &text.as_bytes()[..to];
        let mut pos = scan;
        while let Some(i) = finder.find(&hay[pos..]) {
            let p = pos + i;
            if p + len > keep_above {
                self.at.push(p);
            }
            pos = p + 1;
        }
        self.lo = from;
        self.hi = to;
    }

    /// The last start `p >= from` whose match ends by `end`.
    fn last_before(&self, from: usize, end: usize, len: usize) -> Option<usize> {
        let i = self.at.partition_point(|&p| p + len <= end);
        i.checked_sub(1).map(|i| self.at[i]).filter(|&p| p >= from)
    }
}

/// [`first_name_before`], with the surname's occurrences kept in `occ`.
fn first_name_in(
    text: &str,
    before: usize,
    surname: &str,
    occ: &mut Occurrences,
) -> Option<String> {
    first_name_within(text, before, surname, occ, NAME_WINDOW)
}

/// [`first_name_in`] with a window of `window` bytes.
fn first_name_within(
    text: &str,
    before: usize,
    surname: &str,
    occ: &mut Occurrences,
    window: usize,
) -> Option<String> {
    // Searching back to the start of the text for every capitalised word made a long
    // text quadratic (a 2.5 MB one spent a quarter of its time here); a person is
    // introduced within a few pages of being named again.
    let mut from = before.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = text.get(from..before)?;
    if surname.is_empty() {
        return None;
    }
    occ.cover(text, surname, from, before);
    // The last three matches, each ending before the one after it (as a search back
    // from the end finds them).
    let mut end = before;
    for _ in 0..3 {
        let at = occ.last_before(from, end, surname.len())? - from;
        end = at + from;
        let lead = head[..at].strip_suffix(' ')?;
        // Past the separator, which may take more than one byte (`„`, `–`).
        let start = lead
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
            .map(|(i, c)| i + c.len_utf8());
        // A word at the window's edge may be the tail of a longer one.
        let start = match start {
            Some(i) => i,
            None if from == 0 => 0,
            None => continue,
        };
        let first = &lead[start..];
        let closes = head[at + surname.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if closes && gender_of(first).is_some() {
            return Some(format!("{first} {surname}"));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gender_table_reads_as_lines_split_at_the_first_tab() {
        let read = |tsv: &'static str| -> FxHashMap<&'static str, Gender> {
            tsv.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| {
                    let (name, g) = l.split_once('\t')?;
                    let g = match g.trim() {
                        "m" => Gender::Male,
                        "f" => Gender::Female,
                        _ => return None,
                    };
                    Some((name, g))
                })
                .collect()
        };
        for tsv in [
            GENDER_TSV,
            "# c\nAnna\tf\r\nOtto\tm \nKim\tx\nno tab\n\nJo\tf\tm\nEva\tf",
            "Max\tm\n",
            "",
        ] {
            assert_eq!(gender_table(tsv), read(tsv));
        }
        assert_eq!(GENDER_TABLE.get("Anna"), Some(&Gender::Female));
    }

    #[test]
    fn the_sorted_search_finds_what_the_gender_table_holds() {
        // The search needs the names sorted bytewise, each once.
        let names: Vec<&[u8]> = GENDER
            .names
            .iter()
            .map(|&(at, len, _)| &GENDER.text[at as usize..at as usize + usize::from(len)])
            .collect();
        assert!(names.len() > 10_000);
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "claims-gender.tsv unsorted"
        );
        assert_eq!(names.len(), GENDER_TABLE.len());
        for (name, g) in GENDER_TABLE.iter() {
            assert_eq!(gender_of(name), Some(*g), "{name}");
        }
        for name in [
            "",
            "A",
            "Anna ",
            "anna",
            "Zzzz",
            "Ännchen",
            "#",
            "Aad\tm",
            "\u{10ffff}",
        ] {
            assert_eq!(gender_of(name), GENDER_TABLE.get(name).copied(), "{name:?}");
        }
        assert_eq!(gender_of("Anna"), Some(Gender::Female));
        assert_eq!(gender_of("Otto"), Some(Gender::Male));
        // Tables of our own, sorted: comments, CR LF, lines without a tab or with another
        // value, an empty name, names of other first bytes; all as the hash table reads them.
        for t in [
            "# c\nAnna\tf\r\nBert\tm\nCarl\nDora\tx\nEva\tf",
            "\tm\nAnna\tf \nZoe\tf\n\u{c4}nne\tf\n",
            "",
            "Anna\tf\n",
        ] {
            let index = GenderIndex::new(t.as_bytes());
            let table = gender_table(t);
            for key in [
                "",
                "Anna",
                "Ann",
                "Annas",
                "Bert",
                "Carl",
                "Dora",
                "Eva",
                "Evan",
                "Zoe",
                "\u{c4}nne",
                "Zz",
            ] {
                assert_eq!(index.get(key), table.get(key).copied(), "{key:?} in {t:?}");
            }
        }
    }

    #[test]
    fn the_words_around_an_entity_say_what_described_after_says() {
        // Sentences of our own, each with a person at `Tom Baker` or `Anna Weber`, and
        // the role words a speaker may be; the cut-out words must answer as the scan of
        // the text after the name does.
        let texts = [
            "Tom Baker, the mayor, said so.",
            "Tom Baker ist Chefökonom der Bank.",
            "Tom Baker war Sprecher, sagte sie.",
            "Tom Baker is the new Minister.",
            "Tom Baker, der Sprecher des Ministeriums, sagte das.",
            "Tom Baker,Sprecher; sagte das.",
            "Tom Baker",
            "Tom Baker , die Bürgermeisterin. Dann",
            "Tom Baker was. Minister",
            "Tom Baker kam nach Linz, der Minister auch.",
            "Anna Weber, Ökonomin: es reicht.",
            "Anna Weber, die Außenministerin, blieb.",
            "Anna Weber is mayor; said it.",
        ];
        let roles = [
            "mayor",
            "Mayor",
            "Chefökonom",
            "ökonom",
            "Ökonomin",
            "Sprecher",
            "sprecher",
            "Minister",
            "minister",
            "Bürgermeisterin",
            "ministerin",
            "Sagte",
            "der",
        ];
        for t in texts {
            let start = t.find(|c: char| c.is_uppercase()).unwrap_or(0);
            let end = start + t[start..].find(' ').unwrap_or(0) + 1;
            let end = end + t[end..].find([' ', ',']).unwrap_or(t.len() - end);
            let e = Candidate {
                start,
                end,
                label: "PER",
                canonical: None,
                source: crate::analysis::candidate::Source::Person,
            };
            let a = Around::of(t, &e).expect("a person");
            for role in roles {
                let last = role.chars().next_back().unwrap_or(' ');
                assert_eq!(
                    a.described_as(role, last),
                    described_after(t, end, role),
                    "{t:?} as {role:?}"
                );
            }
        }
    }

    /// The search `first_name_within` replaced: back from the end of the window with
    /// memchr's reverse searcher, for every call.
    fn first_name_searched_back(
        text: &str,
        before: usize,
        surname: &str,
        window: usize,
    ) -> Option<String> {
        let mut from = before.saturating_sub(window);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let head = text.get(from..before)?;
        let mut end = head.len();
        let finder = memchr::memmem::FinderRev::new(surname);
        for _ in 0..3 {
            let at = finder.rfind(&head.as_bytes()[..end])?;
            end = at;
            let lead = head[..at].strip_suffix(' ')?;
            let start = lead
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
                .map(|(i, c)| i + c.len_utf8());
            let start = match start {
                Some(i) => i,
                None if from == 0 => 0,
                None => continue,
            };
            let first = &lead[start..];
            let closes = head[at + surname.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if closes && gender_of(first).is_some() {
                return Some(format!("{first} {surname}"));
            }
        }
        None
    }

    proptest::proptest! {
        /// The occurrences kept from call to call answer as a fresh search back would,
        /// for calls in any order, windows of any size and words that overlap themselves.
        #[test]
        fn kept_occurrences_answer_as_a_search_back(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Otto ", "Anna ", "Otto", "QuaQua", "Qua", "aQu", "Qu", " ", ", ", "-",
                    "ä", "x", "Anna Qua", "Otto QuaQua ", "\u{201e}",
                ]),
                0..40,
            ),
            word in proptest::sample::select(vec!["Qua", "QuaQua", "aQu", "Anna"]),
            calls in proptest::collection::vec((0usize..400, proptest::bool::ANY), 1..12),
            window in 1usize..80,
        ) {
            let text: String = pieces.concat();
            let mut occ = Occurrences::default();
            let mut at = 0;
            for (step, forward) in calls {
                // Mostly forward, as claims come, sometimes back.
                at = if forward { at + step % 60 } else { step };
                let mut b = at.min(text.len());
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                proptest::prop_assert_eq!(
                    first_name_within(&text, b, word, &mut occ, window),
                    first_name_searched_back(&text, b, word, window),
                    "{:?} at {}", text, b
                );
            }
        }
    }

    #[test]
    fn a_first_name_is_found_within_the_window_and_not_past_it() {
        let intro = "Es sprach Bürgermeister Otto Quendelbacher. ";
        let later = "Quendelbacher sagte, es reiche.";
        let near = format!("{intro}{}{later}", "Füllwort und mehr. ".repeat(100));
        let at = near.len() - later.len();
        assert_eq!(
            first_name_before(&near, at, "Quendelbacher").as_deref(),
            Some("Otto Quendelbacher")
        );
        // Past the window the search stops, however long the text (it once ran back to
        // the start for every capitalised word).
        let filler = "Füllwort und mehr. ".repeat(NAME_WINDOW / 10);
        let far = format!("{intro}{filler}{later}");
        let at = far.len() - later.len();
        assert_eq!(first_name_before(&far, at, "Quendelbacher"), None);
        // A window that starts inside a multi-byte char or a word never slices or
        // takes the word's tail for a first name.
        // Here it starts inside `ä` (two bytes), and `Otto` is the tail of `äOtto`.
        let cut = format!("äOtto Quendelbacher {}", "x".repeat(NAME_WINDOW));
        assert_eq!(
            first_name_before(&cut, NAME_WINDOW + 1, "Quendelbacher"),
            None
        );
        // The same name a word further on is found.
        let whole = format!("ä Otto Quendelbacher {}", "x".repeat(NAME_WINDOW));
        assert_eq!(
            first_name_before(&whole, NAME_WINDOW + 1, "Quendelbacher").as_deref(),
            Some("Otto Quendelbacher")
        );
    }
}
