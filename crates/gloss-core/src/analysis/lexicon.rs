//! The bundled lexicon (assets/lexicon/), compiled into the binary and parsed once.

use std::sync::LazyLock;

use rustc_hash::FxHashSet as HashSet;

use crate::article::Lang;

const GAZETTEER: &str = include_str!("../../../../assets/lexicon/gazetteer.tsv");
const CURATED: &str = include_str!("../../../../assets/lexicon/curated.tsv");
const FIRST_NAMES: &str = include_str!("../../../../assets/lexicon/firstnames.txt");
const STOPWORDS: &str = include_str!("../../../../assets/lexicon/stopwords.txt");
const ROLES_DE: &str = include_str!("../../../../assets/lexicon/roles-de.txt");
const ROLES_EN: &str = include_str!("../../../../assets/lexicon/roles-en.txt");
const CLAIMS_DE: &str = include_str!("../../../../assets/lexicon/claims-de.txt");
const CLAIMS_EN: &str = include_str!("../../../../assets/lexicon/claims-en.txt");
const CLAIM_UNITS_TXT: &str = include_str!("../../../../assets/lexicon/claim-units.txt");
const PRONOUNS_TXT: &str = include_str!("../../../../assets/lexicon/speaker-pronouns.txt");
const SKIP_DE_TXT: &str = include_str!("../../../../assets/lexicon/speaker-skip-de.txt");
const SKIP_EN_TXT: &str = include_str!("../../../../assets/lexicon/speaker-skip-en.txt");
const PREPOSITIONS_DE_TXT: &str =
    include_str!("../../../../assets/lexicon/speaker-prepositions-de.txt");
const AUX_EN_TXT: &str = include_str!("../../../../assets/lexicon/speaker-aux-en.txt");
const SOURCES_TXT: &str = include_str!("../../../../assets/lexicon/claims-sources.txt");
const FIRST_PERSON_TXT: &str = include_str!("../../../../assets/lexicon/claims-first-person.txt");
const TITLES_TXT: &str = include_str!("../../../../assets/lexicon/speaker-titles.txt");

const NOT_ORG_ACRONYMS_TXT: &str = include_str!("../../../../assets/lexicon/not-org-acronyms.txt");
const ORG_WORDS_EN_TXT: &str = include_str!("../../../../assets/lexicon/org-words-en.txt");
const LOC_WORDS_EN_TXT: &str = include_str!("../../../../assets/lexicon/loc-words-en.txt");
const NAME_PARTICLES_TXT: &str = include_str!("../../../../assets/lexicon/name-particles.txt");
const NOUN_ENDINGS_DE_TXT: &str = include_str!("../../../../assets/lexicon/noun-endings-de.txt");
const WORDNET_EN_TSV: &str = include_str!("../../../../assets/lexicon/wordnet-en.tsv");
const WORDFREQ_EN_TSV: &str = include_str!("../../../../assets/lexicon/wordfreq-en.tsv");

/// Acronyms that are not names of organisations.
pub static NOT_ORG_ACRONYMS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(NOT_ORG_ACRONYMS_TXT).collect());
/// Last words that make an English capitalised run an organisation.
pub static ORG_WORDS_EN: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(ORG_WORDS_EN_TXT).collect());
/// Last words that make an English capitalised run a place.
pub static LOC_WORDS_EN: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(LOC_WORDS_EN_TXT).collect());
/// Name particles that may stand inside a person's name.
pub static NAME_PARTICLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(NAME_PARTICLES_TXT).collect());
/// German noun endings that a surname practically never has.
pub static NOUN_ENDINGS_DE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(NOUN_ENDINGS_DE_TXT).collect());
/// A word list sorted by its first column, read where it lies in the binary: only its line
/// starts are found (one pass of `memchr`, about a millisecond), where parsing 150,000
/// lines into hash maps cost 50 ms on the first English text.
pub struct SortedList {
    text: &'static str,
    /// Where each line that is not a `#` comment starts.
    starts: Vec<u32>,
}

impl SortedList {
    fn new(text: &'static str) -> SortedList {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .filter(|&i| i < text.len() && text.as_bytes()[i] != b'#')
            .map(|i| i as u32)
            .collect();
        SortedList { text, starts }
    }

    /// The line starting at `start` as (key, the rest after its tab).
    fn entry(&self, start: u32) -> (&'static str, &'static str) {
        let line = self.text[start as usize..].split('\n').next().unwrap_or("");
        line.split_once('\t').unwrap_or((line, ""))
    }

    /// The rest of `key`'s line after its tab.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        let k = self
            .starts
            .binary_search_by(|&s| self.entry(s).0.cmp(key))
            .ok()?;
        Some(self.entry(self.starts[k]).1)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Every key, in order.
    #[cfg(test)]
    fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.starts.iter().map(|&s| self.entry(s).0)
    }
}

/// How common English words are: wordfreq's large lists (CC BY-SA 4.0), built by
/// `scripts/build-wordfreq.py`.
pub struct WordFrequencies(SortedList);

impl WordFrequencies {
    /// A lower-case word's frequency in centibels below one (300: one word in a thousand;
    /// 700: one in ten million, the rarest listed), and how much rarer it is in other
    /// languages (`None` where too few list it); `None` for a word not listed.
    pub fn get(&self, word: &str) -> Option<(u16, Option<i16>)> {
        let rest = self.0.get(word)?;
        let (cb, gap) = rest.split_once('\t').unwrap_or((rest, "-"));
        Some((cb.parse().ok()?, gap.parse().ok()))
    }
}

/// English word frequencies, read on first use.
pub static WORDFREQ_EN: LazyLock<WordFrequencies> =
    LazyLock::new(|| WordFrequencies(SortedList::new(WORDFREQ_EN_TSV)));

/// What WordNet says of an English word (see `scripts/build-wordnet.py`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordSenses {
    /// The kinds of named thing it is a word of: bits 0–3 a whole name of a person,
    /// location, group, other; bits 4–7 part of one.
    pub named: u8,
    /// Its first common-noun sense's lexicographer file (1-based; 0 for none).
    pub first: u8,
    /// Whether any common-noun sense is a person, location, group (bits 0–2).
    pub kinds: u8,
}

/// WordNet's English nouns: WordNet 3.0 (Princeton University, WordNet 3.0 licence), built
/// by `scripts/build-wordnet.py`.
pub struct WordNet(SortedList);

impl WordNet {
    /// What WordNet says of a lower-case word (`None` if it does not list it).
    pub fn get(&self, word: &str) -> Option<WordSenses> {
        const FILES: [&str; 26] = [
            "tops",
            "act",
            "animal",
            "artifact",
            "attribute",
            "body",
            "cognition",
            "communication",
            "event",
            "feeling",
            "food",
            "group",
            "location",
            "motive",
            "object",
            "person",
            "phenomenon",
            "plant",
            "possession",
            "process",
            "quantity",
            "relation",
            "shape",
            "state",
            "substance",
            "time",
        ];
        let rest = self.0.get(word)?;
        let (named, senses) = rest.split_once('\t').unwrap_or((rest, "-"));
        let mut ws = WordSenses::default();
        for c in named.chars() {
            let bit = match c.to_ascii_uppercase() {
                'P' => 0,
                'L' => 1,
                'G' => 2,
                'O' => 3,
                _ => continue,
            };
            ws.named |= 1 << (bit + if c.is_ascii_lowercase() { 4 } else { 0 });
        }
        for (k, sense) in senses.split(',').enumerate() {
            let Some(id) = FILES.iter().position(|f| *f == sense) else {
                continue;
            };
            if k == 0 {
                ws.first = id as u8 + 1;
            }
            ws.kinds |= match sense {
                "person" => 1,
                "location" => 2,
                "group" => 4,
                _ => 0,
            };
        }
        Some(ws)
    }
}

/// WordNet's English nouns, read on first use.
pub static WORDNET_EN: LazyLock<WordNet> =
    LazyLock::new(|| WordNet(SortedList::new(WORDNET_EN_TSV)));

/// Units that make a number a figure worth checking (`Prozent`, `people`).
pub static CLAIM_UNITS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(CLAIM_UNITS_TXT).collect());
/// Pronouns that take the last named person as speaker.
pub static SPEAKER_PRONOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(PRONOUNS_TXT).collect());
/// Words skipped between a German verb of saying and its subject.
pub static SPEAKER_SKIP_DE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(SKIP_DE_TXT).collect());
/// Words skipped between an English verb of saying and its subject.
pub static SPEAKER_SKIP_EN: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(SKIP_EN_TXT).collect());
/// German prepositions whose phrase stands between a clause's start and its subject.
pub static SPEAKER_PREPOSITIONS_DE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(PREPOSITIONS_DE_TXT).collect());
/// English auxiliaries and adverbs between a subject and its verb.
pub static SPEAKER_AUX_EN: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(AUX_EN_TXT).collect());

/// Nouns for described sources that are neither a person's name nor a role (`Experten`,
/// `Polizei`, `analysts`, `report`), lower case.
pub static CLAIM_SOURCES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(SOURCES_TXT).collect());
/// First-person words: outside the reporter's voice they carry on a source's words.
pub static FIRST_PERSON: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(FIRST_PERSON_TXT).collect());
/// Titles before a name (`Mr`, `Frau`): never the speaker themselves.
pub static SPEAKER_TITLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lines(TITLES_TXT).collect());

pub use super::gazetteer_compile::GazetteerEntry;

/// How a claim cue marks a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A verb of saying or thinking: the speaker stands next to it.
    Say,
    /// A marker followed by its source (`laut X`, `according to X`).
    After,
    /// A marker that follows its source (`X zufolge`).
    Before,
    /// A hedge or forecast (`könnte`, `may`): no source.
    Hedge,
    /// Konjunktiv I: reported speech that carries on the previous source's words.
    Reported,
    /// A non-statement or a note on the piece itself (`declined to comment`, `war nicht zu
    /// erreichen`, `berichtete Inforadio am … um … Uhr`): the sentence is no claim.
    Not,
}

/// A claim cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The cue phrase.
    pub text: String,
    /// What it marks.
    pub kind: CueKind,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Every gazetteer entry: the hand-curated file, then the generated one (the first entry
/// for a form wins, and a hand-checked `Benfica ORG` must beat GeoNames' district). The
/// analyzer uses the same lists compiled at build time ([`super::gazetteer::Gazetteer::bundled`]).
pub fn gazetteer() -> Vec<GazetteerEntry<'static>> {
    super::gazetteer_compile::parse(CURATED, GAZETTEER)
}

/// First names.
pub fn first_names() -> HashSet<&'static str> {
    lines(FIRST_NAMES).collect()
}

/// Words that are never names on their own, lower case.
pub fn stopwords() -> HashSet<String> {
    lines(STOPWORDS).map(str::to_lowercase).collect()
}

/// Role words for a language (German: lower-case word endings; English: whole words).
pub fn roles(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::De => lines(ROLES_DE).collect(),
        Lang::En => lines(ROLES_EN).collect(),
    }
}

/// The bundled claim cues for a language.
pub fn cues(lang: Lang) -> Vec<Cue> {
    let text = match lang {
        Lang::De => CLAIMS_DE,
        Lang::En => CLAIMS_EN,
    };
    lines(text)
        .filter_map(|line| {
            let (cue, kind) = line.split_once('\t')?;
            let kind = match kind.trim() {
                "say" => CueKind::Say,
                "after" => CueKind::After,
                "before" => CueKind::Before,
                "hedge" => CueKind::Hedge,
                "reported" => CueKind::Reported,
                "not" => CueKind::Not,
                _ => return None,
            };
            Some(Cue {
                text: cue.trim().to_string(),
                kind,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_parse() {
        let g = gazetteer();
        assert!(g.len() > 5000);
        assert!(g.iter().any(|e| e.name == "Russland" && e.label == "LOC"));
        assert!(g.iter().any(|e| e.name == "NATO" && e.label == "ORG"));
        assert!(first_names().contains("Wladimir"));
        assert!(stopwords().contains("der"));
        assert!(roles(Lang::De).contains(&"präsident"));
        assert!(cues(Lang::De).iter().any(|c| c.text == "betonte"));
        assert!(cues(Lang::En).iter().any(|c| c.text == "according to"));
    }

    #[test]
    fn english_word_lists_parse_and_say_what_the_tagger_reads() {
        assert!(WORDFREQ_EN.0.len() > 90_000, "{}", WORDFREQ_EN.0.len());
        let (the, gap) = WORDFREQ_EN.get("the").expect("the is listed");
        assert!(the < 200 && gap.is_some_and(|g| g > 150), "{the} {gap:?}");
        // A name is about as common in other languages; a common word is much rarer there.
        let name = WORDFREQ_EN
            .get("netflix")
            .and_then(|f| f.1)
            .expect("Netflix elsewhere");
        let word = WORDFREQ_EN
            .get("joke")
            .and_then(|f| f.1)
            .expect("joke elsewhere");
        assert!(name < 40 && word > 120, "{name} {word}");
        assert!(WORDFREQ_EN.get("zzzqqq").is_none());
        assert!(WORDNET_EN.0.len() > 50_000, "{}", WORDNET_EN.0.len());
        let harrison = WORDNET_EN.get("harrison").expect("harrison is listed");
        assert_eq!(harrison.named & 1, 1, "a whole person's name: {harrison:?}");
        assert_eq!(harrison.first, 0, "no common-noun sense: {harrison:?}");
        let division = WORDNET_EN.get("division").expect("division is listed");
        assert_eq!(division.kinds & 4, 4, "a group sense: {division:?}");
        assert_eq!(division.named & 0x0f, 0, "never a whole name: {division:?}");
        assert!(WORDNET_EN.get("Harrison").is_none(), "keys are lower case");
    }

    #[test]
    fn sorted_lists_are_sorted_and_find_every_key() {
        for list in [&WORDFREQ_EN.0, &WORDNET_EN.0] {
            let keys: Vec<&str> = list.keys().collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted, no key twice");
            for key in keys.iter().step_by(97) {
                assert!(list.get(key).is_some(), "{key}");
            }
        }
        let list = SortedList::new("# a comment\napple\t1\nbanana\t2\ncherry\n");
        assert_eq!(list.len(), 3);
        assert_eq!(list.get("apple"), Some("1"));
        assert_eq!(list.get("cherry"), Some(""));
        assert_eq!(list.get("# a comment"), None);
        assert_eq!(list.get("apricot"), None);
        assert!(SortedList::new("").is_empty());
    }
}
