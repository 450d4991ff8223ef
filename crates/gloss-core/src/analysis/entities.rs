//! Entity suggestion: gazetteer hits, pattern candidates and learned names merged into one
//! non-overlapping list, with short mentions linked to the fuller name of the same entity.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::{Candidate, Source};
use super::tokens::Token;
use super::words::is_capitalised;

/// Keeps the best candidates that do not overlap: better sources first, then longer ones.
///
/// Candidates are swept in text order and only clusters of overlapping ones are ranked, so
/// the cost is one sort by position.
pub fn resolve(mut cands: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    cands.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    sweep(cands)
}

/// [`resolve`] for candidates already sorted by start (then longest first).
fn sweep(cands: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    let mut kept = Vec::with_capacity(cands.len());
    let mut cluster: Vec<Candidate<'_>> = Vec::new();
    let mut cluster_end = 0;
    for c in cands {
        if !cluster.is_empty() && c.start >= cluster_end {
            settle(&mut cluster, &mut kept);
        }
        cluster_end = if cluster.is_empty() {
            c.end
        } else {
            cluster_end.max(c.end)
        };
        cluster.push(c);
    }
    settle(&mut cluster, &mut kept);
    kept
}

/// Picks the non-overlapping best of one cluster of overlapping candidates, in text order.
fn settle<'a>(cluster: &mut Vec<Candidate<'a>>, kept: &mut Vec<Candidate<'a>>) {
    if cluster.len() <= 1 {
        kept.append(cluster);
        return;
    }
    cluster.sort_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let from = kept.len();
    for c in cluster.drain(..) {
        if kept[from..]
            .iter()
            .all(|k| k.end <= c.start || c.end <= k.start)
        {
            kept.push(c);
        }
    }
    kept[from..].sort_by_key(|c| c.start);
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
    // Only words of a surname's first byte and length (or one more, for the genitive)
    // are hashed: most capitalised words are ruled out by two loads.
    let mut shapes = [0u64; 256];
    for last in full.keys() {
        if let Some(&b) = last.as_bytes().first() {
            shapes[usize::from(b)] |= 1 << last.len().min(62) | 1 << (last.len() + 1).min(63);
        }
    }
    let ents: Vec<Candidate<'a>> = ents
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
    let mut linked = Vec::new();
    for t in toks {
        let w = t.text(text);
        let b = w.as_bytes()[0];
        if shapes[usize::from(b)] & (1 << w.len().min(63)) == 0 || !is_capitalised(w) {
            continue;
        }
        if let Some(f) = surname_of(w) {
            linked.push(Candidate {
                start: t.start,
                end: t.end,
                label: "PER",
                canonical: Some(f),
                source: Source::Linked,
            });
        }
    }
    if linked.is_empty() {
        return ents;
    }
    // Both lists are in text order: merge them instead of sorting again.
    let mut merged = Vec::with_capacity(ents.len() + linked.len());
    let mut a = ents.into_iter().peekable();
    let mut b = linked.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                (x.start, std::cmp::Reverse(x.end)) <= (y.start, std::cmp::Reverse(y.end))
            }
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        merged.extend(if take_a { a.next() } else { b.next() });
    }
    sweep(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;
    use proptest::prelude::*;

    fn source(n: u8) -> Source {
        [
            Source::Learned,
            Source::Person,
            Source::Gazetteer,
            Source::Acronym,
        ][usize::from(n % 4)]
    }

    proptest! {
        #[test]
        fn resolve_keeps_sorted_disjoint_and_only_drops_overlapped(
            spans in prop::collection::vec((0usize..60, 1usize..8, 0u8..4), 0..30)
        ) {
            let cands: Vec<Candidate<'static>> = spans
                .iter()
                .map(|&(start, len, src)| Candidate {
                    start,
                    end: start + len,
                    label: "LOC",
                    canonical: None,
                    source: source(src),
                })
                .collect();
            let kept = resolve(cands.clone());
            for w in kept.windows(2) {
                prop_assert!(w[0].end <= w[1].start);
            }
            for c in &cands {
                let overlapped = kept.iter().any(|k| k.start < c.end && c.start < k.end);
                prop_assert!(overlapped, "{c:?} dropped without a rival");
            }
        }
    }

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
