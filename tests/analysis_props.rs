#![allow(clippy::unwrap_used)]
//! Invariants of the engine on any text: no panics, offsets are char offsets whose slice is
//! the reported text, results sorted and entities never overlapping.

use gloss::analysis::{AnalysisOptions, Analyzer, Learned};
use gloss::article::Lang;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Built once: the lexicon takes a moment to compile in debug builds.
fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(AnalysisOptions::default()))
}

fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

proptest! {
    #[test]
    fn offsets_index_the_text(
        text in "[A-Za-zÄÖÜäöüß0-9 .,!?;:\"„“'()\\-–…€%\n]{0,400}",
        de in any::<bool>(),
    ) {
        let lang = if de { Lang::De } else { Lang::En };
        let a = analyzer();
        let learned = Learned {
            known: vec![("Ab".into(), "ORG".into())],
            never: vec![],
        };
        let s = a.suggest(&text, lang, &learned);
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for e in &s.entities {
            prop_assert!(e.start < e.end && e.end <= chars.len());
            prop_assert_eq!(slice(&chars, e.start, e.end), e.text.clone());
            prop_assert!(e.start >= last_end);
            last_end = e.end;
        }
        for c in &s.claims {
            prop_assert!(c.start < c.end && c.end <= chars.len());
            prop_assert_eq!(slice(&chars, c.start, c.end), c.text.clone());
        }
    }
}

/// Words the claim finder reacts to, mixed with multi-byte quote marks and umlauts, so that
/// every rule that steps over a word or a mark by bytes meets a mark of several bytes.
const CLAIM_WORDS: &[&str] = &[
    "„",
    "“",
    "”",
    "«",
    "»",
    "\"",
    "–",
    "(",
    ")",
    "…",
    "sagte",
    "said",
    "laut",
    "zufolge",
    "so",
    "betonte",
    "quipped",
    "told",
    "hat gesagt",
    "Sie sagen",
    "wie",
    "according to",
    "nach Angaben von",
    "sei",
    "habe",
    "er",
    "sie",
    "he",
    "she",
    "they",
    "dem",
    "NDR",
    "reporters",
    "Frau",
    "Herr",
    "Mr",
    "Dr.",
    "Anna",
    "Jürgen",
    "Müller",
    "Özdemir",
    "Big",
    "Mama",
    "Weiß",
    "Straße",
    "Größe",
    "über",
    "Äpfel",
    "ß",
    "ü",
    "Experten",
    "die Polizei",
    "und",
    "and",
    "dass",
    "that",
];

proptest! {
    #[test]
    fn claims_never_panic_on_quotes_umlauts_cues_and_names(
        words in prop::collection::vec(
            (prop::sample::select(CLAIM_WORDS), prop::sample::select(&[" ", "", ", ", ". ", ": ", "\n\n"][..])),
            0..80,
        ),
        de in any::<bool>(),
    ) {
        let text: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
        let lang = if de { Lang::De } else { Lang::En };
        let s = analyzer().suggest(&text, lang, &Learned::default());
        let chars: Vec<char> = text.chars().collect();
        for c in &s.claims {
            prop_assert!(c.start < c.end && c.end <= chars.len());
            prop_assert_eq!(slice(&chars, c.start, c.end), c.text.clone());
        }
    }
}
