//! What the user taught gloss: known (text, label) pairs suggested wherever the text occurs,
//! and pairs never to suggest.

use std::collections::HashSet;

use aho_corasick::{AhoCorasickBuilder, MatchKind};

use super::Learned;
use super::candidate::{Candidate, Source};
use super::words::is_whole_word;

/// Whole-word occurrences of the known entities in `text`.
pub fn known<'a>(text: &str, learned: &'a Learned) -> Vec<Candidate<'a>> {
    let pairs: Vec<&(String, String)> = learned
        .known
        .iter()
        .filter(|(t, _)| !t.trim().is_empty())
        .collect();
    if pairs.is_empty() {
        return Vec::new();
    }
    let Ok(m) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(pairs.iter().map(|(t, _)| t.as_str()))
    else {
        return Vec::new();
    };
    m.find_iter(text)
        .filter(|h| is_whole_word(text, h.start(), h.end()))
        .map(|h| Candidate {
            start: h.start(),
            end: h.end(),
            label: pairs[h.pattern().as_usize()].1.as_str(),
            canonical: None,
            source: Source::Learned,
        })
        .collect()
}

/// Drops candidates whose (text, label) the user never wants.
pub fn drop_never(text: &str, cands: &mut Vec<Candidate<'_>>, learned: &Learned) {
    if learned.never.is_empty() {
        return;
    }
    let never: HashSet<(&str, &str)> = learned
        .never
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_str()))
        .collect();
    cands.retain(|c| !never.contains(&(&text[c.start..c.end], c.label)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_texts_are_found_as_whole_words() {
        let learned = Learned {
            known: vec![
                ("Kasan".into(), "LOC".into()),
                ("Acme".into(), "ORG".into()),
            ],
            never: vec![],
        };
        let t = "Acme in Kasan, nicht Acmeville";
        let found = known(t, &learned);
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|c| (&t[c.start..c.end], c.label))
            .collect();
        assert_eq!(got, [("Acme", "ORG"), ("Kasan", "LOC")]);
    }

    #[test]
    fn never_pairs_are_dropped_by_text_and_label() {
        let t = "Acme Acme";
        let learned = Learned {
            known: vec![],
            never: vec![("Acme".into(), "ORG".into())],
        };
        let mut c = vec![
            Candidate {
                start: 0,
                end: 4,
                label: "ORG",
                canonical: None,
                source: Source::Gazetteer,
            },
            Candidate {
                start: 5,
                end: 9,
                label: "PER",
                canonical: None,
                source: Source::Gazetteer,
            },
        ];
        drop_never(t, &mut c, &learned);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].label, "PER");
    }
}
