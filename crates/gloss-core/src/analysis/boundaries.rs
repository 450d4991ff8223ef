//! Where a suggested name begins and ends, after the tagger and the rules are combined:
//! German news writes a body's kind before its name (`der Energiekonzern RWE`, `die
//! Terrormiliz Islamischer Staat`), leaves out a shared word (`Zentrum für Luft- und
//! Raumfahrt`), and a tagger cut short leaves a name ending in a connector (`Institut
//! für`). These are word-level facts the tagger, with a window of two words, gets wrong.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::{Candidate, Source};
use super::organisations::is_legal_form;
use super::patterns::Patterns;
use super::tokens::Token;
use super::words::is_capitalised;
use crate::article::Lang;

/// Heads of German compounds that name a kind of body (`Energiekonzern`, `Terrormiliz`,
/// `Nachrichtenagentur`): written before a name, they are its description, never part of
/// it. Only compounds count (`Autobauer`, not the surname `Bauer`); banks and savings
/// banks are left out because their compounds are names (`Commerzbank AG`).
const KIND_HEADS_DE: &[&str] = &[
    "miliz",
    "konzern",
    "partei",
    "gruppe",
    "organisation",
    "bewegung",
    "hersteller",
    "bauer",
    "riese",
    "sender",
    "agentur",
    "zeitung",
    "magazin",
    "verband",
    "unternehmen",
    "firma",
    "verein",
    "klub",
    "netzwerk",
    "dienst",
    "behörde",
    "institut",
    "anbieter",
    "händler",
    "versicherer",
    "airline",
    "fluggesellschaft",
    "reederei",
    "gewerkschaft",
    "kette",
    "portal",
    "plattform",
];

/// German words for relatives that stand before a name as a role word does (`seine Gattin
/// Maria`, `ihr Sohn Felix`).
const RELATIVES_DE: &[&str] = &[
    "Gattin",
    "Gatte",
    "Ehefrau",
    "Ehemann",
    "Frau",
    "Mann",
    "Sohn",
    "Tochter",
    "Bruder",
    "Schwester",
    "Vater",
    "Mutter",
    "Witwe",
    "Witwer",
    "Cousine",
    "Cousin",
    "Onkel",
    "Tante",
    "Neffe",
    "Nichte",
    "Enkel",
    "Enkelin",
    "Freundin",
    "Freund",
    "Lebensgefährtin",
    "Lebensgefährte",
];

/// Cuts the words before a person's name off the tagger's span of it: a role word
/// (`Außenministerin Annalena Baerbock`, `President Joe Biden`) or, in German, a relative
/// (`Gattin Maria`). The title is said of the person; it is not their name.
pub fn strip_roles(
    text: &str,
    toks: &[Token],
    lang: Lang,
    patterns: &Patterns,
    out: &mut [Candidate<'_>],
    scores: &mut HashMap<(usize, usize), f32>,
) {
    for c in out.iter_mut() {
        if c.source != Source::Tagger || c.label != "PER" {
            continue;
        }
        let i = toks.partition_point(|t| t.end <= c.start);
        let (Some(first), Some(next)) = (toks.get(i), toks.get(i + 1)) else {
            continue;
        };
        let word = first.text(text);
        if first.start != c.start
            || next.end > c.end
            || next.after_punct
            || !(patterns.is_role(word, lang) || lang == Lang::De && RELATIVES_DE.contains(&word))
        {
            continue;
        }
        respan(c, next.start, c.end, scores);
    }
}

/// Ends a German name at a word in the genitive that owns what follows (`Paulas
/// Cousine`, `McCartneys Ohr`): the word is a known first name or a word of the text with
/// an `s`, and is no first name itself (`Jonas Hector`, `Thomas Müller`).
pub fn cut_possessors(
    text: &str,
    toks: &[Token],
    lang: Lang,
    patterns: &Patterns,
    out: &mut [Candidate<'_>],
    scores: &mut HashMap<(usize, usize), f32>,
) {
    if lang != Lang::De {
        return;
    }
    // The text's words, gathered when the first genitive needs them (searching the whole
    // text for each name would make a long text's cost grow with its square).
    let mut words: Option<rustc_hash::FxHashSet<&str>> = None;
    for c in out.iter_mut() {
        if c.source != Source::Tagger {
            continue;
        }
        let i = toks.partition_point(|t| t.end <= c.start);
        let j = i + toks[i..].partition_point(|t| t.end <= c.end);
        if j <= i + 1 || j > toks.len() {
            continue;
        }
        // Every word but the last may own the rest.
        let Some(k) = (i..j - 1).find(|&k| {
            let w = toks[k].text(text);
            let Some(stem) = w.strip_suffix('s') else {
                return false;
            };
            !toks[k + 1].after_punct
                && stem.chars().count() >= 3
                && !stem.ends_with('s')
                && is_capitalised(stem)
                && !patterns.is_first_name(w)
                && (patterns.is_first_name(stem)
                    || words
                        .get_or_insert_with(|| toks.iter().map(|t| t.text(text)).collect())
                        .contains(stem))
        }) else {
            continue;
        };
        respan(c, c.start, toks[k].end, scores);
        c.canonical = None;
    }
}

/// Heads of German words for a public body or institution that is named by its place
/// (`Landgericht Berlin`, `Jugendamt Hamburg`, `Kunsthalle Bremen`, `Stadtwerke München`):
/// the word and the place together are the organisation's name, as annotators count it.
const INSTITUTION_HEADS_DE: &[&str] = &[
    "universität",
    "hochschule",
    "klinikum",
    "klinik",
    "gericht",
    "staatsanwaltschaft",
    "polizei",
    "amt",
    "kunsthalle",
    "museum",
    "theater",
    "schauspielhaus",
    "oper",
    "philharmonie",
    "stadtwerke",
    "verkehrsbetriebe",
    "sparkasse",
    "volksbank",
    "messe",
    "bibliothek",
    "archiv",
    "landtag",
    "stadtrat",
    "senat",
    "verwaltung",
    "landesregierung",
    "handelskammer",
    "handwerkskammer",
];

/// Makes an institution word and the place right after it one organisation
/// (`Landgericht Berlin`, not the place `Berlin`).
pub fn institution_at_place(
    text: &str,
    toks: &[Token],
    lang: Lang,
    out: &mut Vec<Candidate<'_>>,
    scores: &mut HashMap<(usize, usize), f32>,
) {
    if lang != Lang::De {
        return;
    }
    // Institution words made part of the name after them, dropped at the end (removing
    // each at once would move the rest of a long text's names every time).
    let mut merged = vec![false; out.len()];
    for k in 0..out.len() {
        let c = &out[k];
        let i = toks.partition_point(|t| t.end <= c.start);
        let fits = c.label == "LOC"
            && c.source != Source::Learned
            && i > 0
            && toks
                .get(i)
                .is_some_and(|t| t.start == c.start && !t.after_punct);
        let prev = fits.then(|| toks[i - 1]);
        let Some(p) = prev.filter(|p| {
            let w = p.text(text);
            is_capitalised(w) && {
                let lower = w.to_lowercase();
                // `Insgesamt` ends like `Jugendamt`.
                !lower.ends_with("gesamt")
                    && INSTITUTION_HEADS_DE.iter().any(|h| lower.ends_with(h))
            }
        }) else {
            continue;
        };
        // The institution word may be a name of its own already (`Kunsthalle`); a longer
        // name it is part of stays as it is.
        let before = k.checked_sub(1).filter(|&j| out[j].end > p.start);
        if let Some(j) = before
            && (merged[j] || out[j].start != p.start || out[j].end != p.end)
        {
            continue;
        }
        let end = c.end;
        scores.remove(&(c.start, c.end));
        if let Some(j) = before {
            scores.remove(&(out[j].start, out[j].end));
            merged[j] = true;
        }
        let c = &mut out[k];
        c.start = p.start;
        c.end = end;
        c.label = "ORG";
        c.canonical = None;
        c.source = Source::Institution;
        scores.insert(
            (c.start, c.end),
            super::tagger::rule_score(Source::Institution),
        );
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !merged[k - 1]
    });
}

/// Whether `word` is a German compound naming a kind of body (`Energiekonzern`).
fn is_kind_compound(word: &str) -> bool {
    if !is_capitalised(word) {
        return false;
    }
    let lower = word.to_lowercase();
    KIND_HEADS_DE.iter().any(|h| {
        // `Terror-Miliz` as well as `Terrormiliz`.
        lower.len() > h.len() + 2 && lower.ends_with(h)
    })
}

/// Drops a German kind-of-body word the combination took for a name of its own, or cuts
/// it off the front of a name (`Autobauer Volkswagen` → `Volkswagen`), when a
/// capitalised word follows it directly (not a legal form: `Holding AG` stays whole).
/// Only the tagger's and the capitalised runs' spans: a listed or taught name is meant.
pub fn strip_kind_words(
    text: &str,
    toks: &[Token],
    lang: Lang,
    out: &mut Vec<Candidate<'_>>,
    scores: &mut HashMap<(usize, usize), f32>,
) {
    if lang != Lang::De {
        return;
    }
    out.retain_mut(|c| {
        if !matches!(c.source, Source::Tagger | Source::Run) {
            return true;
        }
        let i = toks.partition_point(|t| t.end <= c.start);
        let (Some(first), Some(next)) = (toks.get(i), toks.get(i + 1)) else {
            return true;
        };
        let next_word = next.text(text);
        if first.start != c.start
            || next.after_punct
            || !is_capitalised(next_word)
            || is_legal_form(next_word)
            || !is_kind_compound(first.text(text))
        {
            return true;
        }
        if first.end == c.end {
            scores.remove(&(c.start, c.end));
            return false;
        }
        respan(c, next.start, c.end, scores);
        true
    });
}

/// Carries a German name over a word left out by a hyphen (`Deutsches Zentrum für Luft-
/// und Raumfahrt`, `Ministerium für Umwelt- und Verbraucherschutz`): an organisation's
/// name that ends at `X-` before `und`/`oder` and a word goes on to that word.
pub fn join_ellipsis(
    text: &str,
    toks: &[Token],
    lang: Lang,
    out: &mut [Candidate<'_>],
    scores: &mut HashMap<(usize, usize), f32>,
) {
    if lang != Lang::De {
        return;
    }
    for k in 0..out.len() {
        let c = &out[k];
        if c.label != "ORG" || c.source == Source::Learned {
            continue;
        }
        let rest = &text[c.end..];
        let Some(after) = ["- und ", "- oder "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        else {
            continue;
        };
        let from = c.end + (rest.len() - after.len());
        let Some(t) = toks.get(toks.partition_point(|t| t.start < from)) else {
            continue;
        };
        if t.start != from || !is_capitalised(t.text(text)) {
            continue;
        }
        if out.get(k + 1).is_some_and(|n| n.start < t.end) {
            continue;
        }
        let c = &mut out[k];
        respan(c, c.start, t.end, scores);
        // The canonical name was the part before the hyphen: the whole name is its own.
        c.canonical = None;
    }
}

/// Moves a name to `start..end`, its score with it (scores are kept by byte span).
fn respan(
    c: &mut Candidate<'_>,
    start: usize,
    end: usize,
    scores: &mut HashMap<(usize, usize), f32>,
) {
    if let Some(s) = scores.remove(&(c.start, c.end)) {
        scores.insert((start, end), s);
    }
    c.start = start;
    c.end = end;
}

/// Whether a name of several words ends in a lower-case word (`Institut für`, `Bank of`):
/// a name cut short, not a name.
pub fn ends_in_connector(text: &str, toks: &[Token], c: &Candidate<'_>) -> bool {
    let i = toks.partition_point(|t| t.end < c.end);
    let Some(last) = toks.get(i).filter(|t| t.end == c.end && t.start > c.start) else {
        return false;
    };
    last.text(text).chars().all(|ch| ch.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::candidate::cand;
    use crate::analysis::tokens::tokenize;

    #[test]
    fn a_kind_word_before_a_name_is_not_the_name() {
        let text = "Der Energiekonzern Uniper und die Terrormiliz Boko Haram.";
        let toks = tokenize(text);
        let mut out = vec![
            cand(text, "Energiekonzern Uniper", "ORG"),
            cand(text, "Terrormiliz", "ORG"),
            cand(text, "Boko Haram", "ORG"),
        ];
        let mut scores = HashMap::default();
        scores.insert((out[0].start, out[0].end), 0.7);
        strip_kind_words(text, &toks, Lang::De, &mut out, &mut scores);
        let names: Vec<&str> = out.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(names, ["Uniper", "Boko Haram"]);
        assert_eq!(scores.get(&(out[0].start, out[0].end)), Some(&0.7));
    }

    #[test]
    fn a_kind_word_alone_or_before_a_legal_form_stays() {
        let text = "Die Mediengruppe AG wächst. Der Autobauer meldet Gewinne. Bauer Müller.";
        let toks = tokenize(text);
        let mut out = vec![
            cand(text, "Mediengruppe AG", "ORG"),
            cand(text, "Autobauer", "ORG"),
            cand(text, "Bauer Müller", "PER"),
        ];
        let before = out.clone();
        strip_kind_words(text, &toks, Lang::De, &mut out, &mut HashMap::default());
        assert_eq!(out, before);
    }

    #[test]
    fn a_role_or_relative_before_a_name_is_not_the_name() {
        let p = Patterns::new();
        let text = "Außenministerin Annalena Baerbock traf seine Gattin Maria. König Müller.";
        let toks = tokenize(text);
        let mut out = vec![
            cand(text, "Außenministerin Annalena Baerbock", "PER"),
            cand(text, "Gattin Maria", "PER"),
            cand(text, "König", "PER"),
        ];
        strip_roles(text, &toks, Lang::De, &p, &mut out, &mut HashMap::default());
        let names: Vec<&str> = out.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(names, ["Annalena Baerbock", "Maria", "König"]);
    }

    #[test]
    fn a_genitive_owner_ends_the_name() {
        let p = Patterns::new();
        let text = "Paulas Cousine kam mit Jonas Hector. Oft sang Lennon. Lennons Gitarre klang.";
        let toks = tokenize(text);
        let mut out = vec![
            cand(text, "Paulas Cousine", "PER"),
            cand(text, "Jonas Hector", "PER"),
            cand(text, "Lennons Gitarre", "PER"),
        ];
        cut_possessors(text, &toks, Lang::De, &p, &mut out, &mut HashMap::default());
        let names: Vec<&str> = out.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(names, ["Paulas", "Jonas Hector", "Lennons"]);
    }

    #[test]
    fn an_institution_at_a_place_is_one_organisation() {
        let text = "Das Landgericht Berlin, die Kunsthalle Bremen und die Reise nach Berlin.";
        let toks = tokenize(text);
        let place = |name: &str, from: usize| {
            let start = from + text[from..].find(name).unwrap();
            Candidate {
                start,
                end: start + name.len(),
                label: "LOC",
                canonical: None,
                source: Source::Gazetteer,
            }
        };
        let mut out = vec![
            place("Berlin", 0),
            cand(text, "Kunsthalle", "ORG"),
            place("Bremen", 0),
            place("Berlin", 30),
        ];
        institution_at_place(text, &toks, Lang::De, &mut out, &mut HashMap::default());
        let names: Vec<(&str, &str)> = out
            .iter()
            .map(|c| (&text[c.start..c.end], c.label))
            .collect();
        assert_eq!(
            names,
            [
                ("Landgericht Berlin", "ORG"),
                ("Kunsthalle Bremen", "ORG"),
                ("Berlin", "LOC")
            ]
        );
    }

    #[test]
    fn a_name_goes_on_over_a_left_out_word() {
        let text = "Das Zentrum für Luft- und Raumfahrt startet. Nord- und Südamerika.";
        let toks = tokenize(text);
        let mut out = vec![
            cand(text, "Zentrum für Luft", "ORG"),
            cand(text, "Nord", "LOC"),
        ];
        join_ellipsis(text, &toks, Lang::De, &mut out, &mut HashMap::default());
        let names: Vec<&str> = out.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(names, ["Zentrum für Luft- und Raumfahrt", "Nord"]);
    }

    #[test]
    fn a_name_ending_in_a_connector_is_cut_short() {
        let text = "Das Institut für Kunst im Raum. Bank of England. Institut";
        let toks = tokenize(text);
        assert!(ends_in_connector(
            text,
            &toks,
            &cand(text, "Institut für", "ORG")
        ));
        assert!(ends_in_connector(
            text,
            &toks,
            &cand(text, "Bank of", "ORG")
        ));
        assert!(!ends_in_connector(
            text,
            &toks,
            &cand(text, "Bank of England", "ORG")
        ));
        assert!(!ends_in_connector(text, &toks, &cand(text, "Raum", "ORG")));
    }
}
