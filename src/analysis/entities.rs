//! Entity suggestion: gazetteer hits, pattern candidates and learned names merged into one
//! non-overlapping list, with short mentions linked to the fuller name of the same entity.

use rustc_hash::FxHashMap as HashMap;

use super::patterns::{Candidate, Source};
use super::text::is_capitalised;
use super::tokens::Token;

/// Keeps the best candidates that do not overlap: better sources first, then longer ones.
pub fn resolve(mut cands: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    cands.sort_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept = Vec::with_capacity(cands.len());
    // Which bytes are taken: spans are short, so checking them byte by byte is cheaper
    // than any interval structure.
    let size = cands.iter().map(|c| c.end).max().unwrap_or(0);
    let mut taken = vec![false; size];
    for c in cands {
        if taken[c.start..c.end].iter().any(|&t| t) {
            continue;
        }
        taken[c.start..c.end].fill(true);
        kept.push(c);
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// Gives every person mention a canonical name, and adds single-word mentions of a known
/// surname (`Putin`, `Putins`) that the patterns could not see, linked to the fullest name
/// found in the text (`Wladimir Putin`).
pub fn link_people<'a>(
    text: &'a str,
    toks: &[Token],
    ents: Vec<Candidate<'a>>,
) -> Vec<Candidate<'a>> {
    let mut full: HashMap<&'a str, &'a str> = HashMap::default();
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
    let surname_of = |w: &str| -> Option<&'a str> {
        if let Some(&f) = full.get(w) {
            return Some(f);
        }
        // German genitive: `Putins`.
        w.strip_suffix('s').and_then(|s| full.get(s).copied())
    };
    let mut out: Vec<Candidate<'a>> = ents
        .into_iter()
        .map(|mut e| {
            if e.label == "PER" && e.canonical.is_none() {
                let name = &text[e.start..e.end];
                if !name.contains(' ')
                    && let Some(f) = surname_of(name)
                {
                    e.canonical = Some(f);
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
                label: "PER",
                canonical: Some(f),
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

    fn cand<'a>(text: &str, what: &str, label: &'a str, source: Source) -> Candidate<'a> {
        let start = text.find(what).unwrap_or(0);
        Candidate {
            start,
            end: start + what.len(),
            label,
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
            .map(|e| (&t[e.start..e.end], e.canonical))
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
