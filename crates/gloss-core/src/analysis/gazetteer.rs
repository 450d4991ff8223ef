//! Gazetteer lookup: every name and its generated inflected forms in one Aho-Corasick
//! automaton, built once.

use rustc_hash::FxHashMap;

use super::inflection;
use super::lexicon::GazetteerEntry;
use super::tokens::Token;
use super::words::is_capitalised;

/// What a surface form stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The entity type.
    pub label: String,
    /// The base form all inflected forms are grouped under.
    pub canonical: String,
    /// From the hand-curated list.
    pub curated: bool,
}

/// A gazetteer hit in a text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
    /// Index into [`Gazetteer::names`].
    pub name: usize,
}

/// Marks a form that is no name of its own.
const NO_NAME: usize = usize::MAX;

/// The compiled gazetteer: every surface form in a hash map, looked up per word and word
/// n-gram. (An Aho-Corasick automaton over the ~50,000 forms scans the text several times
/// slower than hashing the few capitalised words, and names always start with one.)
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The distinct names.
    pub names: Vec<Name>,
    /// Surface form → (index into `names`, or [`NO_NAME`] for a word that only starts
    /// longer forms; the most words a form starting with it has). One map, so a word costs
    /// one hash whether it is a name, starts one, or both.
    by_form: FxHashMap<String, (usize, usize)>,
    /// First bytes of forms that start lower case (`dpa`), to look up only such words.
    lower_starts: [bool; 256],
}

impl Gazetteer {
    /// Compiles the entries and their inflected forms; the first entry for a form wins.
    pub fn new(entries: &[GazetteerEntry]) -> Gazetteer {
        let mut g = Gazetteer {
            names: Vec::new(),
            by_form: FxHashMap::default(),
            lower_starts: [false; 256],
        };
        // Every entry's own name first, then the inflected forms: an inflected form must
        // never shadow another entry's exact name (the genitive of "Brussel" is "Brussels",
        // which is a name of its own).
        let mut ids = Vec::with_capacity(entries.len());
        for e in entries {
            if let Some(&(id, _)) = g.by_form.get(e.name).filter(|v| v.0 != NO_NAME) {
                ids.push((id, false));
                continue;
            }
            let id = g.names.len();
            g.names.push(Name {
                label: e.label.to_string(),
                canonical: e.name.to_string(),
                curated: e.curated,
            });
            g.add_form(e.name.to_string(), id);
            ids.push((id, true));
        }
        for (e, &(id, new)) in entries.iter().zip(&ids) {
            if new {
                for form in inflection::forms(e.name) {
                    g.add_form(form, id);
                }
            }
        }
        g
    }

    /// Makes `form` stand for name `id`, unless it already stands for another name.
    fn add_form(&mut self, form: String, id: usize) {
        let words = word_count(&form);
        if words > 1 {
            let head = form
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .next();
            let entry = self
                .by_form
                .entry(head.unwrap_or_default().to_string())
                .or_insert((NO_NAME, 1));
            entry.1 = entry.1.max(words);
        }
        if let Some(&b) = form.as_bytes().first()
            && !is_capitalised(&form)
        {
            self.lower_starts[usize::from(b)] = true;
        }
        let entry = self.by_form.entry(form).or_insert((NO_NAME, 1));
        if entry.0 == NO_NAME {
            entry.0 = id;
        }
    }

    /// Hits among the tokens of `text`: the longest form starting at each capitalised
    /// word, in order, never overlapping.
    pub fn find(&self, text: &str, toks: &[Token]) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let first = toks[i].text(text);
            if !is_capitalised(first) && !self.lower_starts[usize::from(first.as_bytes()[0])] {
                i += 1;
                continue;
            }
            let Some(&(single, most)) = self.by_form.get(first) else {
                i += 1;
                continue;
            };
            let longest = most.min(toks.len() - i);
            let found = (2..=longest)
                .rev()
                .find_map(|n| {
                    let (start, end) = (toks[i].start, toks[i + n - 1].end);
                    self.by_form
                        .get(&text[start..end])
                        .filter(|v| v.0 != NO_NAME)
                        .map(|&(name, _)| (n, Hit { start, end, name }))
                })
                .or_else(|| {
                    (single != NO_NAME).then_some((
                        1,
                        Hit {
                            start: toks[i].start,
                            end: toks[i].end,
                            name: single,
                        },
                    ))
                });
            match found {
                Some((n, hit)) => {
                    out.push(hit);
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The name a surface form stands for, if any.
    pub fn lookup(&self, form: &str) -> Option<&Name> {
        self.by_form
            .get(form)
            .filter(|v| v.0 != NO_NAME)
            .map(|&(i, _)| &self.names[i])
    }
}

/// Words in a form, counted as the tokenizer counts them.
fn word_count(form: &str) -> usize {
    super::tokens::tokenize(form).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn entry(name: &'static str, label: &'static str) -> GazetteerEntry {
        GazetteerEntry {
            name,
            label,
            german: true,
            curated: false,
        }
    }

    #[test]
    fn finds_inflected_forms_under_the_base_name() {
        let g = Gazetteer::new(&[
            entry("Vereinigte Arabische Emirate", "LOC"),
            entry("Iran", "LOC"),
        ]);
        let t = "mit den Vereinigten Arabischen Emiraten und Irans Führung";
        let hits = g.find(t, &tokenize(t));
        assert_eq!(hits.len(), 2);
        assert_eq!(
            &t[hits[0].start..hits[0].end],
            "Vereinigten Arabischen Emiraten"
        );
        assert_eq!(
            g.names[hits[0].name].canonical,
            "Vereinigte Arabische Emirate"
        );
        assert_eq!(g.names[hits[1].name].canonical, "Iran");
    }

    #[test]
    fn parts_of_words_are_not_hits() {
        let g = Gazetteer::new(&[entry("Iran", "LOC")]);
        let t = "Iranerin und Iran-Deal";
        assert!(g.find(t, &tokenize(t)).is_empty());
    }

    #[test]
    fn an_inflected_form_never_shadows_another_entrys_own_name() {
        // "Brussels" is the genitive of "Brussel" and a name of its own, listed after it.
        let g = Gazetteer::new(&[entry("Brussel", "LOC"), entry("Brussels", "LOC")]);
        let t = "talks in Brussels ended";
        let hits = g.find(t, &tokenize(t));
        assert_eq!(hits.len(), 1);
        assert_eq!(g.names[hits[0].name].canonical, "Brussels");
    }
}
