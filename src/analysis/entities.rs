//! Entity suggestion: gazetteer hits, pattern candidates and learned names merged into one
//! non-overlapping list, with short mentions linked to the fuller name of the same entity.

use std::collections::{BTreeMap, HashMap};

use super::patterns::{Candidate, Source};
use super::text::is_capitalised;
use super::tokens::Token;

/// Keeps the best candidates that do not overlap: better sources first, then longer ones.
pub fn resolve(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(cands.len());
    // Kept spans by start, for overlap checks in O(log n).
    let mut spans: BTreeMap<usize, usize> = BTreeMap::new();
    for c in cands {
        let clash_prev = spans
            .range(..=c.start)
            .next_back()
            .is_some_and(|(_, &end)| end > c.start);
        let clash_next = spans.range(c.start..c.end).next().is_some();
        if clash_prev || clash_next {
            continue;
        }
        spans.insert(c.start, c.end);
        kept.push(c);
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// Gives every person mention a canonical name, and adds single-word mentions of a known
/// surname (`Putin`, `Putins`) that the patterns could not see, linked to the fullest name
/// found in the text (`Wladimir Putin`).
pub fn link_people(text: &str, toks: &[Token], ents: Vec<Candidate>) -> Vec<Candidate> {
    let mut full: HashMap<&str, &str> = HashMap::new();
    for e in &ents {
        if e.label != "PER" {
            continue;
        }
        let name = &text[e.start..e.end];
        if let Some((_, last)) = name.rsplit_once(' ') {
            let entry = full.entry(last).or_insert(name);
            if name.len() > entry.len() {
                *entry = name;
            }
        }
    }
    if full.is_empty() {
        return ents;
    }
    let surname_of = |w: &str| -> Option<&str> {
        if let Some(f) = full.get(w) {
            return Some(f);
        }
        // German genitive: `Putins`.
        w.strip_suffix('s').and_then(|s| full.get(s).copied())
    };
    let mut out: Vec<Candidate> = ents
        .iter()
        .cloned()
        .map(|mut e| {
            if e.label == "PER" && e.canonical.is_none() {
                let name = &text[e.start..e.end];
                if !name.contains(' ')
                    && let Some(f) = surname_of(name)
                {
                    e.canonical = Some(f.to_string());
                }
            }
            e
        })
        .collect();
    for t in toks {
        let w = t.text(text);
        if !is_capitalised(w) {
            continue;
        }
        if let Some(f) = surname_of(w) {
            out.push(Candidate {
                start: t.start,
                end: t.end,
                label: "PER".into(),
                canonical: Some(f.to_string()),
                source: Source::Linked,
            });
        }
    }
    resolve(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn cand(text: &str, what: &str, label: &str, source: Source) -> Candidate {
        let start = text.find(what).unwrap_or(0);
        Candidate {
            start,
            end: start + what.len(),
            label: label.into(),
            canonical: None,
            source,
        }
    }

    #[test]
    fn better_sources_win_overlaps() {
        let t = "Paris Hilton kam";
        let kept = resolve(vec![
            cand(t, "Paris", "LOC", Source::Gazetteer),
            cand(t, "Paris Hilton", "PER", Source::Person),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].label, "PER");
    }

    #[test]
    fn short_mentions_link_to_the_full_name() {
        let t = "Putin kam. Dann sprach Wladimir Putin. Putins Plan.";
        let ents = vec![cand(t, "Wladimir Putin", "PER", Source::Person)];
        let linked = link_people(t, &tokenize(t), ents);
        let got: Vec<(&str, Option<&str>)> = linked
            .iter()
            .map(|e| (&t[e.start..e.end], e.canonical.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Putin", Some("Wladimir Putin")),
                ("Wladimir Putin", None),
                ("Putins", Some("Wladimir Putin")),
            ]
        );
    }
}
