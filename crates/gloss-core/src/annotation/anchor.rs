//! Re-anchoring: finding saved annotations again after the article's text changed.
//!
//! Three steps, cheapest first: the old position (text at `start..end` equals the quote),
//! then the exact quote (best prefix/suffix match, nearest the old position), then a fuzzy
//! match (edit distance over candidate regions found from short exact seeds of the quote
//! and its context). What none of them finds is marked `orphaned`, keeping its last known
//! position; it is never dropped.
//!
//! Offsets are char offsets; [`CharIndex`] converts them to byte offsets without a
//! per-char table, so a 10 MB body costs one linear pass.

use super::{Annotation, CONTEXT_CHARS};
use crate::text::CharIndex;
use crate::text::{BytePos, CharPos};

/// Lowest similarity (1 - distance / length) a fuzzy match needs.
pub const FUZZY_THRESHOLD: f64 = 0.8;
/// Length of the exact seeds used to find fuzzy candidates.
const SEED_CHARS: usize = 8;
/// Most candidate regions tried per annotation (nearest the old position first).
const MAX_CANDIDATES: usize = 24;
/// Cap on dynamic-programming cells per annotation, so one huge quote cannot stall.
const MAX_CELLS: usize = 40_000_000;

/// How an annotation was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Still at its old position.
    Position,
    /// Its exact quote, elsewhere.
    Quote,
    /// A close but changed quote; the text was updated.
    Fuzzy,
    /// Not found: kept, marked orphaned.
    Orphaned,
}

/// Re-anchors every annotation to the indexed body (the article's one index, built once).
///
/// In start order, carrying the shift of the last one found: an edit above shifts all that
/// follow alike, so each is checked at its shifted position before the body is searched.
pub fn reanchor_all(annotations: &mut [Annotation], idx: &CharIndex<'_>) {
    annotations.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    let mut shift: isize = 0;
    for a in annotations.iter_mut() {
        let old = a.start as isize;
        if reanchor_with_shift(a, idx, shift) != Found::Orphaned {
            shift = a.start as isize - old;
        }
    }
    annotations.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
}

/// Whether the quote stands at char `start` (with the annotation's length).
fn text_at(a: &Annotation, idx: &CharIndex<'_>, start: usize) -> bool {
    let end = start + a.end.saturating_sub(a.start);
    a.start <= a.end && end <= idx.len() && idx.slice(CharPos(start), CharPos(end)) == a.text
}

/// Finds one annotation again in the indexed body, updating its span, quote and context.
pub fn reanchor(a: &mut Annotation, idx: &CharIndex<'_>) -> Found {
    reanchor_with_shift(a, idx, 0)
}

/// [`reanchor`], first trying the old position moved by `shift` chars (with its full
/// context, so a repeated quote is not taken by mistake).
pub fn reanchor_with_shift(a: &mut Annotation, idx: &CharIndex<'_>, shift: isize) -> Found {
    let len = a.end.saturating_sub(a.start);
    let full_context = a.prefix.chars().count() + a.suffix.chars().count();
    let shifted = a.start.checked_add_signed(shift).filter(|&s| {
        shift != 0 && text_at(a, idx, s) && context_score(a, idx, s, s + len) == full_context
    });
    let found = if text_at(a, idx, a.start) {
        Some((a.start, a.end, Found::Position))
    } else if let Some(s) = shifted {
        Some((s, s + len, Found::Quote))
    } else if a.text.is_empty() {
        None
    } else {
        // Near where it should be first, so a big body is searched whole only for what
        // really moved or changed; exact before fuzzy everywhere, so a moved quote is not
        // mistaken for a similar one nearby.
        let hint = a.start.saturating_add_signed(shift).min(idx.len());
        let near = Window {
            lo: hint.saturating_sub(LOCAL_CHARS),
            hi: (hint + len + LOCAL_CHARS).min(idx.len()),
            hint,
        };
        let all = Window {
            lo: 0,
            hi: idx.len(),
            hint,
        };
        let local_is_all = near.lo == 0 && near.hi == idx.len();
        by_quote(a, idx, &near, true)
            .or_else(|| by_quote(a, idx, &all, false))
            .map(|(s, e)| (s, e, Found::Quote))
            .or_else(|| {
                by_fuzzy(a, idx, &near)
                    .or_else(|| (!local_is_all).then(|| by_fuzzy(a, idx, &all)).flatten())
                    .map(|(s, e)| (s, e, Found::Fuzzy))
            })
    };
    match found {
        Some((s, e, how)) => {
            a.start = s;
            a.end = e;
            let now = idx.slice(CharPos(s), CharPos(e));
            // A changed quote is news to a fact-checker: the wording it was made on is kept
            // until the user accepts the new one (the first change is the one that counts,
            // so a second edit does not hide what was annotated).
            if now != a.text && a.changed_from.is_none() {
                a.changed_from = Some(std::mem::take(&mut a.text));
            }
            a.text = now.to_string();
            if a.changed_from.as_deref() == Some(a.text.as_str()) {
                // Edited back to the annotated wording.
                a.changed_from = None;
            }
            refresh_context(a, idx);
            a.orphaned = false;
            how
        }
        None => {
            a.orphaned = true;
            Found::Orphaned
        }
    }
}

/// Sets prefix and suffix from the body around `start..end`.
pub fn refresh_context(a: &mut Annotation, idx: &CharIndex<'_>) {
    a.prefix = idx
        .slice(
            CharPos(a.start.saturating_sub(CONTEXT_CHARS)),
            CharPos(a.start),
        )
        .to_string();
    a.suffix = idx
        .slice(
            CharPos(a.end),
            CharPos((a.end + CONTEXT_CHARS).min(idx.len())),
        )
        .to_string();
}

/// How well the context around an occurrence matches the saved prefix and suffix, in chars.
fn context_score(a: &Annotation, idx: &CharIndex<'_>, start: usize, end: usize) -> usize {
    let before = idx.slice(CharPos(start.saturating_sub(CONTEXT_CHARS)), CharPos(start));
    let after = idx.slice(CharPos(end), CharPos(end + CONTEXT_CHARS));
    let pre = a
        .prefix
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let suf = a
        .suffix
        .chars()
        .zip(after.chars())
        .take_while(|(x, y)| x == y)
        .count();
    pre + suf
}

/// The exact quote: the occurrence with the best context, nearest the old position. An
/// occurrence with no matching context is taken only when it is the only one.
fn by_quote(
    a: &Annotation,
    idx: &CharIndex<'_>,
    w: &Window,
    need_context: bool,
) -> Option<(usize, usize)> {
    let len = a.text.chars().count();
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    let mut count = 0usize;
    for s in occurrences(idx, &a.text, w) {
        count += 1;
        let score = context_score(a, idx, s, s + len);
        let dist = s.abs_diff(w.hint);
        let better = match best {
            None => true,
            Some((bs, bd, _)) => score > bs || (score == bs && dist < bd),
        };
        if better {
            best = Some((score, dist, s));
        }
    }
    let (score, _, s) = best?;
    (score > 0 || (count == 1 && !need_context)).then_some((s, s + len))
}

/// Chars searched on each side of the expected position before the whole body.
const LOCAL_CHARS: usize = 4096;

/// Where to search (chars `lo..hi`) and where the quote is expected.
struct Window {
    lo: usize,
    hi: usize,
    hint: usize,
}

/// Char offsets of every occurrence of `needle` within the window.
fn occurrences(idx: &CharIndex<'_>, needle: &str, w: &Window) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    let lo = idx.byte(CharPos(w.lo)).0;
    let hi = idx.byte(CharPos(w.hi)).0;
    idx.text()[lo..hi]
        .match_indices(needle)
        .map(|(b, _)| idx.char_at(BytePos(lo + b)).0)
        .collect()
}

/// Fuzzy: regions where a short exact seed (start or end of the quote, end of the prefix,
/// start of the suffix) or the old position suggests the quote might be, each aligned
/// against the quote by edit distance; the best one above the threshold wins.
fn by_fuzzy(a: &Annotation, idx: &CharIndex<'_>, w: &Window) -> Option<(usize, usize)> {
    let pat: Vec<char> = a.text.chars().collect();
    let m = pat.len();
    if m == 0 || idx.is_empty() {
        return None;
    }
    let k = SEED_CHARS.min(m);
    let head: String = pat[..k].iter().collect();
    let tail: String = pat[m - k..].iter().collect();
    let pre: String = {
        let p: Vec<char> = a.prefix.chars().collect();
        p[p.len().saturating_sub(SEED_CHARS)..].iter().collect()
    };
    let suf: String = a.suffix.chars().take(SEED_CHARS).collect();

    // Estimated start of the quote for each candidate.
    let mut starts: Vec<usize> = vec![w.hint];
    starts.extend(occurrences(idx, &head, w));
    starts.extend(
        occurrences(idx, &tail, w)
            .into_iter()
            .map(|e| (e + k).saturating_sub(m)),
    );
    let pre_len = pre.chars().count();
    starts.extend(occurrences(idx, &pre, w).into_iter().map(|s| s + pre_len));
    starts.extend(
        occurrences(idx, &suf, w)
            .into_iter()
            .map(|s| s.saturating_sub(m)),
    );
    starts.sort_by_key(|s| (s.abs_diff(w.hint), *s));
    starts.dedup();

    let slack = m / 4 + 2;
    // The similarity is measured against the longer of quote and match, so a match longer
    // than the quote (words inserted into it) may be further away than (1 - T) · m; the
    // threshold itself is checked below.
    let max_dist = ((1.0 - FUZZY_THRESHOLD) * (m + slack) as f64).floor() as usize;
    let mut best: Option<(usize, usize, usize, usize)> = None; // (dist, |Δpos|, start, end)
    let mut cells = 0usize;
    let mut tried = 0usize;
    let mut seen_regions: Vec<usize> = Vec::new();
    for s in starts {
        if tried >= MAX_CANDIDATES || cells >= MAX_CELLS {
            break;
        }
        let lo = s.saturating_sub(slack);
        if seen_regions.iter().any(|r| r.abs_diff(lo) <= slack / 2) {
            continue;
        }
        seen_regions.push(lo);
        let hi = (s + m + slack).min(idx.len());
        if hi <= lo {
            continue;
        }
        tried += 1;
        let region: Vec<char> = idx.slice(CharPos(lo), CharPos(hi)).chars().collect();
        cells += m * region.len();
        if let Some((d, rs, re)) = align(&pat, &region) {
            let (rs, re) = snap_to_words(a, &region, rs, re);
            let (fs, fe) = (lo + rs, lo + re);
            let len = fe - fs;
            if len == 0 || d > max_dist || d > len {
                continue;
            }
            let sim = 1.0 - d as f64 / m.max(len) as f64;
            if sim < FUZZY_THRESHOLD {
                continue;
            }
            let cand = (d, fs.abs_diff(w.hint), fs, fe);
            if best.is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                best = Some(cand);
            }
        }
    }
    best.map(|(_, _, s, e)| (s, e))
}

/// A quote that started (ended) on a word boundary should again: an alignment may stop a
/// char or two inside a word when the edit was near the edge.
fn snap_to_words(a: &Annotation, region: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    let word = |c: &char| c.is_alphanumeric();
    let starts_word = a.text.chars().next().is_some_and(|c| word(&c))
        && !a.prefix.chars().next_back().is_some_and(|c| word(&c));
    let ends_word = a.text.chars().next_back().is_some_and(|c| word(&c))
        && !a.suffix.chars().next().is_some_and(|c| word(&c));
    let limit = 3;
    if starts_word {
        let mut k = 0;
        while s > 0 && k < limit && region.get(s - 1).is_some_and(word) && s < e {
            s -= 1;
            k += 1;
        }
    }
    if ends_word {
        let mut k = 0;
        while e < region.len() && k < limit && region.get(e).is_some_and(word) {
            e += 1;
            k += 1;
        }
    }
    (s, e)
}

/// Semi-global alignment (Sellers): the substring of `text` closest to all of `pat` by
/// edit distance. Returns (distance, start, end) in chars of `text`. Written by hand
/// because strsim only compares whole strings.
fn align(pat: &[char], text: &[char]) -> Option<(usize, usize, usize)> {
    let n = text.len();
    // Row i: distance and alignment start for pat[..i] ending at each text position.
    let mut dist: Vec<usize> = vec![0; n + 1];
    let mut from: Vec<usize> = (0..=n).collect();
    let mut nd = vec![0usize; n + 1];
    let mut nf = vec![0usize; n + 1];
    for (i, &pc) in pat.iter().enumerate() {
        nd[0] = i + 1;
        nf[0] = 0;
        for j in 1..=n {
            let diag = dist[j - 1] + usize::from(text[j - 1] != pc);
            let up = dist[j] + 1;
            let left = nd[j - 1] + 1;
            if diag <= up && diag <= left {
                nd[j] = diag;
                nf[j] = from[j - 1];
            } else if up <= left {
                nd[j] = up;
                nf[j] = from[j];
            } else {
                nd[j] = left;
                nf[j] = nf[j - 1];
            }
        }
        std::mem::swap(&mut dist, &mut nd);
        std::mem::swap(&mut from, &mut nf);
    }
    // Equal distance: the span whose length is closest to the quote's.
    (1..=n)
        .min_by_key(|&j| (dist[j], (j - from[j]).abs_diff(pat.len()), j))
        .map(|j| (dist[j], from[j], j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Kind, Origin};
    use proptest::prelude::*;

    fn ann(body: &str, start: usize, end: usize) -> Annotation {
        Annotation::new(body, Kind::Entity, "PER", start, end, Origin::Manual)
    }

    fn at(body: &str, needle: &str) -> (usize, usize) {
        let b = body.find(needle).unwrap();
        let s = body[..b].chars().count();
        (s, s + needle.chars().count())
    }

    #[test]
    fn char_index_round_trips_on_multibyte_text() {
        let body: String = (0..500)
            .map(|i| if i % 3 == 0 { 'ä' } else { 'x' })
            .collect();
        let idx = CharIndex::new(&body);
        for c in [0, 1, 63, 64, 65, 200, 499, 500] {
            let b = idx.byte(CharPos(c)).0;
            assert_eq!(idx.char_at(BytePos(b)).0, c);
            assert_eq!(body[..b].chars().count(), c);
        }
    }

    #[test]
    fn position_wins_when_text_unchanged() {
        let body = "Wladimir Putin traf Pezeshkian.";
        let mut a = ann(body, 9, 14);
        assert_eq!(reanchor(&mut a, &CharIndex::new(body)), Found::Position);
        assert_eq!((a.start, a.end), (9, 14));
    }

    #[test]
    fn quote_found_after_paragraph_inserted_before() {
        let old = "Erster Absatz.\n\nPutin traf Pezeshkian in Aschgabat.";
        let (s, e) = at(old, "Pezeshkian");
        let mut a = ann(old, s, e);
        let new =
            "Neuer Absatz über Ölpreise.\n\nErster Absatz.\n\nPutin traf Pezeshkian in Aschgabat.";
        assert_eq!(reanchor(&mut a, &CharIndex::new(new)), Found::Quote);
        assert_eq!((a.start, a.end), at(new, "Pezeshkian"));
        assert!(a.prefix.ends_with("Putin traf "));
    }

    #[test]
    fn best_context_wins_among_repeated_quotes() {
        let old = "Putin sprach. Dann kam Putin nach Moskau.";
        let (s, _) = at(old, "Putin nach");
        let mut a = ann(old, s, s + 5);
        let new = "Heute: Putin sprach lange. Dann kam Putin nach Moskau. Putin!";
        reanchor(&mut a, &CharIndex::new(new));
        assert_eq!(a.start, at(new, "Putin nach").0);
    }

    #[test]
    fn typo_fix_inside_quote_is_found_fuzzily() {
        let old = "Der Präsident Masoud Pezeshkain reiste nach Moskau.";
        let (s, e) = at(old, "Masoud Pezeshkain");
        let mut a = ann(old, s, e);
        let new = "Der Präsident Masoud Pezeshkian reiste gestern nach Moskau.";
        assert_eq!(reanchor(&mut a, &CharIndex::new(new)), Found::Fuzzy);
        assert_eq!(a.text, "Masoud Pezeshkian");
        assert_eq!(a.changed_from.as_deref(), Some("Masoud Pezeshkain"));
        assert!(!a.orphaned);
        // Found again at its new place with its new wording: the flag keeps the wording it
        // was annotated on, not the intermediate one.
        let newer = format!("Vorweg.\n\n{new}");
        assert_eq!(reanchor(&mut a, &CharIndex::new(&newer)), Found::Quote);
        assert_eq!(a.changed_from.as_deref(), Some("Masoud Pezeshkain"));
        // Edited back: the quote is the annotated one again, nothing changed.
        assert_eq!(reanchor(&mut a, &CharIndex::new(old)), Found::Fuzzy);
        assert_eq!(a.text, "Masoud Pezeshkain");
        assert_eq!(a.changed_from, None);
    }

    #[test]
    fn a_changed_word_inside_a_claim_or_a_name_is_flagged_with_the_old_quote() {
        let old = "Masoud Pezeshkian betonte, die Allianz sei gegen niemanden gerichtet.";
        let claim = "Masoud Pezeshkian betonte, die Allianz sei gegen niemanden gerichtet";
        let (s, e) = at(old, claim);
        let mut c = ann(old, s, e);
        let (s, e) = at(old, "Masoud Pezeshkian");
        let mut n = ann(old, s, e);
        let new = "Massud Peseschkian erklärte, die Allianz sei gegen niemanden gerichtet.";
        let idx = CharIndex::new(new);
        assert_ne!(reanchor(&mut c, &idx), Found::Orphaned);
        assert_eq!(c.changed_from.as_deref(), Some(claim));
        assert!(c.text.contains("erklärte"), "{}", c.text);
        assert_ne!(reanchor(&mut n, &idx), Found::Orphaned);
        assert_eq!(n.text, "Massud Peseschkian");
        assert_eq!(n.changed_from.as_deref(), Some("Masoud Pezeshkian"));
    }

    #[test]
    fn an_initial_inserted_into_a_short_name_is_found() {
        // Three chars into fourteen: the match (17 chars) is 82 % like the quote, above
        // the threshold, though more than a fifth of the quote's own length away.
        let old = "Treffen mit dem Präsidenten Wladimir Putin und dem neuen Kollegen.";
        let (s, e) = at(old, "Wladimir Putin");
        let mut a = ann(old, s, e);
        let new = "Treffen mit dem Präsidenten Wladimir W. Putin und dem neuen Kollegen.";
        assert_eq!(reanchor(&mut a, &CharIndex::new(new)), Found::Fuzzy);
        assert_eq!(a.text, "Wladimir W. Putin");
    }

    #[test]
    fn removed_text_is_orphaned_and_keeps_position() {
        let old = "Absatz eins.\n\nPutin traf Pezeshkian.";
        let (s, e) = at(old, "Pezeshkian");
        let mut a = ann(old, s, e);
        let new = "Absatz eins.\n\nEtwas ganz anderes steht hier.";
        assert_eq!(reanchor(&mut a, &CharIndex::new(new)), Found::Orphaned);
        assert!(a.orphaned);
        assert_eq!((a.start, a.end, a.text.as_str()), (s, e, "Pezeshkian"));
    }

    fn words() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "der",
                "Präsident",
                "traf",
                "Moskau",
                "und",
                "Teheran",
                "am",
                "Montag",
                "sagte",
                "über",
                "Öl",
                "die",
                "Allianz",
                "news",
                "Iran",
                "2024",
                "ß",
            ]),
            0..40,
        )
        .prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn edits_outside_keep_the_span_exact(
            before in words(), after in words(),
            ins_before in words(), ins_after in words(),
            cut_before in 0usize..20, cut_after in 0usize..20,
        ) {
            let quote = "Wladimir Putin";
            let old = format!("{before} {quote} {after}");
            let s = before.chars().count() + 1;
            let mut a = ann(&old, s, s + quote.chars().count());
            // Edit: replace some chars before and after the span with new words.
            let b: Vec<char> = before.chars().collect();
            let keep_b: String = b[..b.len().saturating_sub(cut_before)].iter().collect();
            let af: Vec<char> = after.chars().collect();
            let keep_a: String = af[cut_after.min(af.len())..].iter().collect();
            let new = format!("{keep_b}{ins_before} {quote} {ins_after}{keep_a}");
            let expect = keep_b.chars().count() + ins_before.chars().count() + 1;
            let idx = CharIndex::new(&new);
            let how = reanchor(&mut a, &idx);
            prop_assert_ne!(how, Found::Orphaned);
            prop_assert_eq!(&a.text, quote);
            prop_assert_eq!(&a.changed_from, &None, "an exact re-anchoring flags nothing");
            prop_assert_eq!(a.start, expect);
            prop_assert_eq!(idx.slice(CharPos(a.start), CharPos(a.end)), quote);
        }

        #[test]
        fn edits_inside_never_lose_it_silently(
            before in words(), after in words(), inner in words(),
            pos in 0usize..30, del in 0usize..6, ins in "[a-zäö ]{0,6}",
        ) {
            let quote = format!("Putin {inner} Pezeshkian");
            let old = format!("{before} {quote} {after}");
            let s = before.chars().count() + 1;
            let mut a = ann(&old, s, s + quote.chars().count());
            let q: Vec<char> = quote.chars().collect();
            let p = pos.min(q.len());
            let d = del.min(q.len() - p);
            let edited: String = q[..p].iter().copied().chain(ins.chars()).chain(q[p + d..].iter().copied()).collect();
            let new = format!("{before} {edited} {after}");
            let idx = CharIndex::new(&new);
            let how = reanchor(&mut a, &idx);
            if how == Found::Orphaned {
                prop_assert!(a.orphaned);
                prop_assert_eq!(a.text, quote);
            } else {
                prop_assert!(!a.orphaned);
                prop_assert_eq!(idx.slice(CharPos(a.start), CharPos(a.end)), a.text.as_str());
                // Changed wording is never taken silently.
                if a.text != quote {
                    prop_assert_eq!(a.changed_from.as_deref(), Some(quote.as_str()));
                } else {
                    prop_assert_eq!(&a.changed_from, &None);
                }
                prop_assert!(!a.text.is_empty());
                // Found where the edited quote is, not somewhere else.
                let edited_end = s + edited.chars().count();
                prop_assert!(a.start < edited_end.max(s + 1) && a.end > s, "{:?} vs {}..{}", (a.start, a.end), s, edited_end);
            }
        }
    }
}
