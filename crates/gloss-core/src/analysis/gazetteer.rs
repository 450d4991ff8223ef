//! Gazetteer lookup: every name and its generated inflected forms in one hash map. The
//! bundled lists are compiled by the build script (with [`super::gazetteer_compile`]), so
//! an analyzer starts without generating and hashing 25,000 strings.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::gazetteer_compile::{self, GazetteerEntry, NO_NAME};
use super::tokens::Token;
use super::words::is_capitalised;

/// What a surface form stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The entity type.
    pub label: &'static str,
    /// The base form all inflected forms are grouped under.
    pub canonical: &'static str,
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

// The bundled lists, compiled: `NAMES`, `FORMS` and `LOWER_STARTS`.
include!(concat!(env!("OUT_DIR"), "/gazetteer_table.rs"));

/// The compiled gazetteer: every surface form in a hash map, looked up per word and word
/// n-gram. (An Aho-Corasick automaton over the ~25,000 forms scans the text several times
/// slower than hashing the few capitalised words, and names always start with one.)
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The distinct names.
    pub names: Cow<'static, [Name]>,
    /// Surface form → (index into `names`, or [`NO_NAME`] for a word that only starts
    /// longer forms; the most words a form starting with it has). One map, so a word costs
    /// one hash whether it is a name, starts one, or both.
    by_form: FxHashMap<Cow<'static, str>, (usize, usize)>,
    /// First bytes of forms that start lower case (`dpa`), to look up only such words.
    lower_starts: [bool; 256],
}

impl Gazetteer {
    /// The bundled lists (assets/lexicon/curated.tsv, then gazetteer.tsv), compiled at
    /// build time.
    pub fn bundled() -> Gazetteer {
        let mut by_form = FxHashMap::default();
        by_form.reserve(FORMS.len());
        by_form.extend(
            FORMS
                .iter()
                .map(|&(form, name, most)| (Cow::Borrowed(form), (name, most))),
        );
        Gazetteer {
            names: Cow::Borrowed(NAMES),
            by_form,
            lower_starts: LOWER_STARTS,
        }
    }

    /// Compiles the entries and their inflected forms; the first entry for a form wins.
    pub fn new(entries: &[GazetteerEntry<'static>]) -> Gazetteer {
        let c = gazetteer_compile::compile(entries);
        let names = c
            .names
            .iter()
            .map(|&i| Name {
                label: entries[i].label,
                canonical: entries[i].name,
                curated: entries[i].curated,
            })
            .collect::<Vec<_>>();
        Gazetteer {
            names: Cow::Owned(names),
            by_form: c
                .forms
                .into_iter()
                .map(|(form, name, most)| (Cow::Owned(form), (name, most)))
                .collect(),
            lower_starts: c.lower_starts,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn entry(name: &'static str, label: &'static str) -> GazetteerEntry<'static> {
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
    fn the_bundled_table_is_the_lists_compiled_now() {
        let built = Gazetteer::bundled();
        let now = Gazetteer::new(&crate::analysis::lexicon::gazetteer());
        assert!(built.names.len() > 10_000);
        assert_eq!(built.names, now.names);
        assert_eq!(built.by_form, now.by_form);
        assert_eq!(built.lower_starts, now.lower_starts);
        let t = "in Russlands Süden";
        let hits = built.find(t, &crate::analysis::tokens::tokenize(t));
        assert_eq!(built.names[hits[0].name].canonical, "Russland");
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
