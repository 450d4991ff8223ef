//! Gazetteer lookup: every name and its generated inflected forms in one Aho-Corasick
//! automaton, built once.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::inflection;
use super::lexicon::GazetteerEntry;
use super::text::is_whole_word;

/// What a surface form stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The entity type.
    pub label: String,
    /// The base form all inflected forms are grouped under.
    pub canonical: String,
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

/// The compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    matcher: Option<AhoCorasick>,
    /// Per pattern: index into `names`.
    pattern_name: Vec<usize>,
    /// The distinct names.
    pub names: Vec<Name>,
    /// Surface form → index into `names`.
    pub by_form: HashMap<String, usize>,
}

impl Gazetteer {
    /// Compiles the entries and their inflected forms; the first entry for a form wins.
    pub fn new(entries: &[GazetteerEntry]) -> Gazetteer {
        let mut names = Vec::new();
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_name = Vec::new();
        for e in entries {
            if by_form.contains_key(e.name) {
                continue;
            }
            let id = names.len();
            names.push(Name {
                label: e.label.to_string(),
                canonical: e.name.to_string(),
            });
            let mut all = vec![e.name.to_string()];
            all.extend(inflection::forms(e.name));
            for form in all {
                if let std::collections::hash_map::Entry::Vacant(v) = by_form.entry(form.clone()) {
                    v.insert(id);
                    patterns.push(form);
                    pattern_name.push(id);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Gazetteer {
            matcher,
            pattern_name,
            names,
            by_form,
        }
    }

    /// Whole-word hits in `text`, in order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        m.find_iter(text)
            .filter(|h| is_whole_word(text, h.start(), h.end()))
            .map(|h| Hit {
                start: h.start(),
                end: h.end(),
                name: self.pattern_name[h.pattern().as_usize()],
            })
            .collect()
    }

    /// The name a surface form stands for, if any.
    pub fn lookup(&self, form: &str) -> Option<&Name> {
        self.by_form.get(form).map(|&i| &self.names[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &'static str, label: &'static str) -> GazetteerEntry {
        GazetteerEntry {
            name,
            label,
            german: true,
        }
    }

    #[test]
    fn finds_inflected_forms_under_the_base_name() {
        let g = Gazetteer::new(&[
            entry("Vereinigte Arabische Emirate", "LOC"),
            entry("Iran", "LOC"),
        ]);
        let t = "mit den Vereinigten Arabischen Emiraten und Irans Führung";
        let hits = g.find(t);
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
        assert!(g.find("Iranerin und Iran-Deal").is_empty());
    }
}
