//! Entity patterns for names no gazetteer can know: role words before names, first name +
//! surname, acronyms, model designations, and English capitalised runs ending in an
//! organisation or place word.

use rustc_hash::FxHashSet as HashSet;

use super::candidate::{Candidate, Source};
use super::gazetteer::Gazetteer;
use super::lexicon::{
    self, LOC_WORDS_EN, NAME_PARTICLES, NOT_ORG_ACRONYMS, NOUN_ENDINGS_DE, ORG_WORDS_EN,
};
use super::organisations::OrgPatterns;
use super::suffix::SuffixSet;
use super::tokens::Token;
use super::words::{ShapeFilter, is_all_caps, is_capitalised};
use crate::article::Lang;

/// Whether token `i` is followed by a comma and then another token.
fn comma_after(text: &str, toks: &[Token], i: usize) -> bool {
    toks.get(i + 1)
        .is_some_and(|t| text[toks[i].end..t.start].trim() == ",")
}

/// Endings German role words take (`Präsidenten`, `Ministerin`).
const ROLE_ENDINGS_DE: &[&str] = &["", "in", "innen", "en", "n", "s"];

/// The compiled pattern word lists.
#[derive(Debug, Clone)]
pub struct Patterns {
    first_names: HashSet<&'static str>,
    first_name_shapes: ShapeFilter,
    stopwords: HashSet<String>,
    stopword_shapes: ShapeFilter,
    role_en_shapes: ShapeFilter,
    /// German role words with their endings, as word endings (`Außenminister`).
    roles_de: SuffixSet,
    roles_en: HashSet<String>,
    noun_endings_de: SuffixSet,
    orgs: OrgPatterns,
}

impl Default for Patterns {
    fn default() -> Self {
        Self::new()
    }
}

impl Patterns {
    /// Loads the bundled lists.
    pub fn new() -> Patterns {
        let forms: Vec<String> = lexicon::roles(Lang::De)
            .iter()
            .flat_map(|r| ROLE_ENDINGS_DE.iter().map(move |e| format!("{r}{e}")))
            .collect();
        let first_names = lexicon::first_names();
        let stopwords = lexicon::stopwords();
        let roles_en: HashSet<String> = lexicon::roles(Lang::En)
            .into_iter()
            .map(|r| r.trim_end_matches('.').to_string())
            .collect();
        Patterns {
            first_name_shapes: ShapeFilter::new(first_names.iter().copied()),
            stopword_shapes: ShapeFilter::new(stopwords.iter().map(String::as_str)),
            role_en_shapes: ShapeFilter::new(roles_en.iter().map(String::as_str)),
            first_names,
            stopwords,
            roles_en,
            roles_de: SuffixSet::new(forms.iter().map(String::as_str)),
            noun_endings_de: SuffixSet::new(NOUN_ENDINGS_DE.iter().copied()),
            orgs: OrgPatterns::new(),
        }
    }

    /// Whether `word` is a function word or otherwise never a name on its own.
    pub fn is_stopword(&self, word: &str) -> bool {
        // Most words are not: check the cheap way first.
        if word.len() > 16 || !self.stopword_shapes.may_contain(word) && word.is_ascii() {
            return false;
        }
        let mut buf = [0u8; 64];
        if word.is_ascii() {
            // The common case: lower-case the bytes in place of decoding chars.
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|l| self.stopwords.contains(l));
        }
        let lower = lower_into(word, &mut buf);
        self.stopwords.contains(lower)
    }

    /// Whether `word` is a known first name.
    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_name_shapes.may_contain(word) && self.first_names.contains(word)
    }

    /// Whether `word` is a role word that may stand before a name.
    pub fn is_role(&self, word: &str, lang: Lang) -> bool {
        match lang {
            Lang::En => self.is_role_en(word),
            Lang::De => is_capitalised(word) && self.roles_de.matches(word),
        }
    }

    /// A role word before an apposition: in English also in lower case (`the defence
    /// minister, Lucía Ortega,`), where a title before a name is capitalised.
    fn is_apposition_role(&self, word: &str, lang: Lang) -> bool {
        if self.is_role(word, lang) {
            return true;
        }
        if lang != Lang::En {
            return false;
        }
        let mut chars = word.chars();
        let Some(c) = chars.next().filter(|c| c.is_lowercase()) else {
            return false;
        };
        let capital: String = c.to_uppercase().chain(chars).collect();
        self.is_role_en(&capital)
    }

    fn is_role_en(&self, word: &str) -> bool {
        self.role_en_shapes.may_contain(word) && self.roles_en.contains(word)
    }

    /// Whether token `i` is a name particle followed by the rest of a name (`von der`
    /// only after `von`/`van`).
    fn is_particle(&self, toks: &[Token], text: &str, i: usize) -> bool {
        let w = toks[i].text(text);
        if !NAME_PARTICLES.contains(&w) || toks[i].after_punct {
            return false;
        }
        if matches!(w, "der" | "den") && !matches!(toks[i - 1].text(text), "von" | "van") {
            return false;
        }
        toks.get(i + 1).is_some_and(|n| {
            let nw = n.text(text);
            is_capitalised(nw) && !self.is_stopword(nw) || NAME_PARTICLES.contains(&nw)
        })
    }

    /// Whether a capitalised word may be (part of) a person's name.
    fn name_word(&self, word: &str, lang: Lang, gaz: &Gazetteer) -> bool {
        self.name_shape(word, lang) && gaz.lookup(word).is_none()
    }

    /// Like [`Patterns::name_word`], but a gazetteer name is fine (a surname after a first
    /// name: `John Kennedy`, `Paris Hilton`).
    fn name_shape(&self, word: &str, lang: Lang) -> bool {
        is_capitalised(word)
            && !is_all_caps(word)
            && word.chars().count() >= 2
            && !word.chars().any(|c| c.is_ascii_digit())
            && !self.is_stopword(word)
            && !self.is_role(word, lang)
            && !(lang == Lang::De && self.noun_endings_de.matches(word))
    }

    /// All pattern candidates in the text.
    ///
    /// (See [`joined_particle`] for Arabic surnames written with their article.)
    pub fn find(
        &self,
        text: &str,
        toks: &[Token],
        lang: Lang,
        gaz: &Gazetteer,
    ) -> Vec<Candidate<'static>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let w = toks[i].text(text);
            // Every pattern starts with a capital, except English lower-case roles
            // (`spokesman John Smith`): most words are ruled out here.
            if !(is_capitalised(w)
                || (lang == Lang::En && (self.is_role_en(w) || comma_after(text, toks, i))))
            {
                i += 1;
                continue;
            }
            if let Some(c) = self.person_at(text, toks, i, lang, gaz) {
                out.push(c);
            }
            if let Some(c) = model_or_acronym(w, &toks[i], gaz) {
                out.push(c);
            }
            if let Some(c) = self.orgs.at(self, text, toks, i) {
                out.push(c);
            }
            if lang == Lang::En
                && let Some((c, next)) = self
                    .english_run(text, toks, i)
                    .or_else(|| self.described_organisation(text, toks, i))
            {
                out.push(c);
                // The run's words may still end in a legal form (`Shares of Globex Inc.`).
                for k in i + 1..next {
                    out.extend(self.orgs.at(self, text, toks, k));
                }
                i = next;
                continue;
            }
            i += 1;
        }
        out
    }

    /// A person's name starting at or right after token `i`.
    fn person_at(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
        lang: Lang,
        gaz: &Gazetteer,
    ) -> Option<Candidate<'static>> {
        let w = toks[i].text(text);
        // `the defence minister, Lucía Ortega, said`: a name set off by commas right after a
        // role is that person, even when the first name is not in the list.
        let apposition = comma_after(text, toks, i) && self.is_apposition_role(w, lang);
        let (first, mut min_len) = if apposition {
            (i + 1, 2)
        } else if self.is_role(w, lang) {
            (i + 1, 1)
        } else if self.is_first_name(w) && gaz.lookup(w).is_none() && !self.is_stopword(w) {
            (i, 2)
        } else {
            return None;
        };
        // A name is first names (and initials), then one surname, possibly with particles
        // (`Ursula von der Leyen`): a further capitalised word is not part of it
        // (`Neil Armstrong den Mond`).
        let mut end = first;
        let mut surname = false;
        while end < toks.len() && end - first < 5 && !surname {
            let t = &toks[end];
            // A line break ends a name (`Foto: IMAGO/Sven Simon` then a new paragraph).
            if end > first && text[toks[end - 1].end..t.start].contains('\n') {
                break;
            }
            if end > first && t.after_punct {
                // `John F. Kennedy`: an initial's dot may sit inside a name.
                let prev = toks[end - 1].text(text);
                if !(prev.chars().count() == 1 && text[toks[end - 1].end..t.start].trim() == ".") {
                    break;
                }
            } else if end == first && first != i && t.after_punct && !apposition {
                break;
            }
            let word = t.text(text);
            if end > first && word.chars().count() == 1 && is_capitalised(word) {
                end += 1;
                continue;
            }
            if end > first && self.is_particle(toks, text, end) {
                end += 1;
                continue;
            }
            let shape = if end > first {
                self.name_shape(word, lang) || joined_particle(word)
            } else if self.name_word(word, lang, gaz) {
                true
            } else if first != i
                && is_capitalised(word)
                && !is_all_caps(word)
                && !self.is_role(word, lang)
                && toks
                    .get(end + 1)
                    .is_some_and(|n| !n.after_punct && self.name_shape(n.text(text), lang))
            {
                // Right after a role, a capitalised word before a surname is a first name
                // even when it is also a common word the lists leave out (`Secretary Mark
                // Holloway`, `President Will Hart`); the name then needs both words.
                min_len = min_len.max(2);
                true
            } else {
                false
            };
            if !shape || word.chars().count() > 16 {
                break;
            }
            // The word that starts the name may be a first name the list lacks
            // (`Präsidentin Annalena Zwoboda`); later unknown words are the surname.
            surname = end > first && !self.is_first_name(word);
            end += 1;
        }
        // Never end on a particle or an initial.
        while end > first {
            let last = toks[end - 1].text(text);
            if NAME_PARTICLES.contains(&last) || last.chars().count() == 1 {
                end -= 1;
            } else {
                break;
            }
        }
        if end - first < min_len {
            return None;
        }
        // The apposition must close: a comma right after the name (otherwise `said the
        // minister, Berlin Airport …` would make a person of whatever follows).
        if apposition
            && !text[toks[end - 1].end..]
                .trim_start_matches([' ', '\u{a0}'])
                .starts_with(',')
        {
            return None;
        }
        // One word after a role in German may be the object (`äußerten Experten Sorge`):
        // accept it only without the commonest noun endings.
        if lang == Lang::De && end - first == 1 && min_len == 1 {
            let w = toks[first].text(text);
            if w.ends_with('e') || w.ends_with("en") || w.ends_with("ern") {
                return None;
            }
        }
        Some(Candidate {
            start: toks[first].start,
            end: toks[end - 1].end,
            label: "PER",
            canonical: None,
            source: Source::Person,
        })
    }

    /// An English run of capitalised words right after a word that says what kind of body
    /// it names (`the peace research group International Alert`, `the charity Oxfam`).
    fn described_organisation(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
    ) -> Option<(Candidate<'static>, usize)> {
        let prev = toks[..i].last()?.text(text);
        if toks[i].after_punct || !DESCRIBED_ORGS_EN.contains(&prev) {
            return None;
        }
        let word = |k: usize| toks[k].text(text);
        let fits = |k: usize| is_capitalised(word(k)) && !self.is_stopword(word(k));
        if !fits(i) || self.is_first_name(word(i)) {
            return None;
        }
        let mut end = i + 1;
        while end < toks.len() && end - i < 4 && !toks[end].after_punct && fits(end) {
            end += 1;
        }
        Some((
            Candidate {
                start: toks[i].start,
                end: toks[end - 1].end,
                label: "ORG",
                canonical: None,
                source: Source::Run,
            },
            end,
        ))
    }

    /// An English run of capitalised words ending in an organisation or place word.
    fn english_run(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
    ) -> Option<(Candidate<'static>, usize)> {
        let mut start = i;
        let cap = |k: usize| is_capitalised(toks[k].text(text));
        if !cap(i) {
            return None;
        }
        let mut end = i + 1;
        while end < toks.len() && !toks[end].after_punct {
            let w = toks[end].text(text);
            let joiner = matches!(w, "of" | "for" | "on") && end + 1 < toks.len() && cap(end + 1);
            if !(is_capitalised(w) || joiner) {
                break;
            }
            end += 1;
        }
        // Most runs are one word or end in no keyword: decide that before the stopwords.
        if end - start < 2 {
            return None;
        }
        let last = toks[end - 1].text(text);
        // The head before a joiner names the kind too (`School of Biological Sciences`,
        // `Center for Science`).
        let head = (start + 1..end)
            .find(|&k| matches!(toks[k].text(text), "of" | "for" | "on"))
            .map(|k| toks[k - 1].text(text));
        let label =
            if ORG_WORDS_EN.contains(&last) || head.is_some_and(|h| ORG_WORDS_EN.contains(&h)) {
                "ORG"
            } else if LOC_WORDS_EN.contains(&last) {
                "LOC"
            } else {
                return None;
            };
        while start < end && self.is_stopword(toks[start].text(text)) {
            start += 1;
        }
        if end - start < 2 {
            return None;
        }
        Some((
            Candidate {
                start: toks[start].start,
                end: toks[end - 1].end,
                label,
                canonical: None,
                source: Source::Run,
            },
            end,
        ))
    }
}

/// English nouns for a kind of body, before its name.
const DESCRIBED_ORGS_EN: &[&str] = &[
    "group",
    "charity",
    "organisation",
    "organization",
    "company",
    "firm",
    "agency",
    "broadcaster",
    "newspaper",
    "carmaker",
    "retailer",
    "airline",
    "insurer",
    "union",
    "consultancy",
    "tank",
    "watchdog",
    "regulator",
    "lender",
    "chipmaker",
    "automaker",
];

/// `S-400`, `F-35`, `MiG-29` → MISC; `NATO`-like unknown acronyms → ORG.
fn model_or_acronym(w: &str, tok: &Token, gaz: &Gazetteer) -> Option<Candidate<'static>> {
    if is_model(w) {
        return Some(Candidate {
            start: tok.start,
            end: tok.end,
            label: "MISC",
            canonical: None,
            source: Source::Model,
        });
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if is_all_caps(w)
        && (3..=6).contains(&letters)
        && !w.contains('-')
        && gaz.lookup(w).is_none()
        && !NOT_ORG_ACRONYMS.contains(&w)
    {
        return Some(Candidate {
            start: tok.start,
            end: tok.end,
            label: "ORG",
            canonical: None,
            source: Source::Acronym,
        });
    }
    None
}

/// A model designation: 1–4 letters starting upper case, a hyphen, 1–4 digits, up to two
/// letters (`S-400`, `F-35A`, `MiG-29`, `Su-57`).
pub fn is_model(w: &str) -> bool {
    // Called for every capitalised word: a byte scan rules out words without a hyphen.
    let Some(dash) = w.bytes().position(|b| b == b'-') else {
        return false;
    };
    let (head, tail) = (&w[..dash], &w[dash + 1..]);
    let head_ok = (1..=4).contains(&head.chars().count())
        && head.chars().all(|c| c.is_ascii_alphabetic())
        && is_capitalised(head);
    let digits = tail.chars().take_while(char::is_ascii_digit).count();
    let rest = &tail[digits..];
    head_ok
        && (1..=4).contains(&digits)
        && rest.len() <= 2
        && rest.chars().all(|c| c.is_ascii_alphabetic())
}

/// Lower-cases `word` into `buf` without allocating; falls back to the word itself when it
/// does not fit (such long words are not stopwords anyway).
fn lower_into<'a>(word: &'a str, buf: &'a mut [u8; 64]) -> &'a str {
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return word;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    std::str::from_utf8(&buf[..len]).unwrap_or(word)
}

/// An Arabic surname joined to its article or kinship word by a hyphen (`al-Bashir`,
/// `as-Sisi`, `bin-Salman`): part of a person's name after a first name, though it starts
/// lower case.
fn joined_particle(word: &str) -> bool {
    word.split_once('-').is_some_and(|(p, rest)| {
        matches!(
            p,
            "al" | "el" | "ad" | "as" | "ash" | "at" | "ar" | "an" | "bin" | "ibn"
        ) && is_capitalised(rest)
            && rest.chars().count() >= 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn run(t: &str, lang: Lang) -> Vec<(String, String)> {
        let gaz = Gazetteer::bundled();
        let p = Patterns::new();
        p.find(t, &tokenize(t), lang, &gaz)
            .into_iter()
            .map(|c| (t[c.start..c.end].to_string(), c.label.to_string()))
            .collect()
    }

    #[test]
    fn role_words_before_names() {
        let found = run("dem russischen Präsidenten Wladimir Putin und", Lang::De);
        assert!(found.contains(&("Wladimir Putin".into(), "PER".into())));
        let found = run("sagte Außenminister Lawrow am Montag", Lang::De);
        assert!(found.contains(&("Lawrow".into(), "PER".into())));
        let found = run("Then President Joe Biden spoke.", Lang::En);
        assert!(found.contains(&("Joe Biden".into(), "PER".into())));
    }

    #[test]
    fn first_name_and_surname() {
        let found = run("mit Masoud Pezeshkian in", Lang::De);
        assert_eq!(found, [("Masoud Pezeshkian".into(), "PER".into())]);
        let found = run("when John F. Kennedy came", Lang::En);
        assert!(found.contains(&("John F. Kennedy".into(), "PER".into())));
    }

    #[test]
    fn first_names_after_punctuation_start_names() {
        let found = run(
            "Er kam. Anna Meier sagte, so der Sprecher, Max Holzmann.",
            Lang::De,
        );
        assert!(found.contains(&("Anna Meier".into(), "PER".into())));
        assert!(found.contains(&("Max Holzmann".into(), "PER".into())));
    }

    #[test]
    fn a_name_set_off_by_commas_after_a_role_is_a_person() {
        let found = run(
            "The defence minister, Lucía Ortega, said the plan would work.",
            Lang::En,
        );
        assert!(
            found.contains(&("Lucía Ortega".into(), "PER".into())),
            "{found:?}"
        );
        let found = run(
            "Die Ministerin, Jolanda Quastberg, widersprach am Montag.",
            Lang::De,
        );
        assert!(
            found.contains(&("Jolanda Quastberg".into(), "PER".into())),
            "{found:?}"
        );
        // Not closed by a comma: not an apposition.
        let found = run(
            "He met the minister, Berlin Airport officials said on Monday.",
            Lang::En,
        );
        assert!(!found.iter().any(|(_, l)| l == "PER"), "{found:?}");
    }

    #[test]
    fn a_first_name_that_is_also_a_word_after_a_role() {
        let found = run("Defense Secretary Mark Holloway told reporters.", Lang::En);
        assert!(
            found.contains(&("Mark Holloway".into(), "PER".into())),
            "{found:?}"
        );
        // A second role word is not a first name (`Secretary General Ingrid Solberg`).
        let found = run("Secretary General Ingrid Solberg spoke.", Lang::En);
        assert!(
            found.contains(&("Ingrid Solberg".into(), "PER".into())),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(t, _)| t.starts_with("General")),
            "{found:?}"
        );
        let found = run("Die Mark war damals viel wert.", Lang::De);
        assert!(!found.iter().any(|(_, l)| l == "PER"), "{found:?}");
    }

    #[test]
    fn a_role_before_punctuation_introduces_no_name() {
        let found = run(
            "Es sprach der Präsident. Danach Stille, sagte Kanzler: Nein.",
            Lang::De,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn models_and_acronyms() {
        assert!(is_model("S-400") && is_model("F-35") && is_model("MiG-29"));
        assert!(!is_model("Saudi-Arabien") && !is_model("2022-12") && !is_model("CO2-Ausstoß"));
        let found = run("Systeme wie die S-400 und die OSZE und ein CEO", Lang::De);
        assert!(found.contains(&("S-400".into(), "MISC".into())));
        assert!(!found.iter().any(|(t, _)| t == "CEO"));
    }

    #[test]
    fn english_runs_with_keywords() {
        let found = run(
            "a report by the Acme Research Institute and Baker Street.",
            Lang::En,
        );
        assert!(found.contains(&("Acme Research Institute".into(), "ORG".into())));
        assert!(found.contains(&("Baker Street".into(), "LOC".into())));
        let found = run(
            "She studied at the Kessler School of Marine Sciences, then joined Harlow Records \
             and the Morrow County Fire District.",
            Lang::En,
        );
        let described = run(
            "Critics, including the peace research group Quillon Watch, warned, and the \
             charity Brightwell said so; the company Anna did not.",
            Lang::En,
        );
        assert!(
            described.contains(&("Quillon Watch".into(), "ORG".into())),
            "{described:?}"
        );
        assert!(
            described.contains(&("Brightwell".into(), "ORG".into())),
            "{described:?}"
        );
        assert!(
            !described.iter().any(|(t, _)| t.contains("Anna")),
            "{described:?}"
        );
        for org in [
            "Kessler School of Marine Sciences",
            "Harlow Records",
            "Morrow County Fire District",
        ] {
            assert!(
                found.contains(&(org.into(), "ORG".into())),
                "{org}: {found:?}"
            );
        }
    }

    #[test]
    fn german_common_nouns_are_not_names() {
        let t = "Das Treffen der Experten brachte Spannungen und neue Luftabwehrsysteme.";
        assert!(run(t, Lang::De).is_empty());
    }

    #[test]
    fn an_arabic_surname_with_its_article_ends_a_name() {
        assert!(joined_particle("al-Bashir"));
        assert!(joined_particle("as-Sisi"));
        assert!(!joined_particle("al-"));
        assert!(!joined_particle("all-Stars"));
        assert!(!joined_particle("Al-Bashir"));
        let found = run("Präsident Omar Hassan al-Bashir sprach.", Lang::De);
        assert!(
            found
                .iter()
                .any(|(t, l)| t == "Omar Hassan al-Bashir" && l == "PER"),
            "{found:?}"
        );
    }
}
