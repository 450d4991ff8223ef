#![allow(clippy::unwrap_used)]
//! English analysis through the public engine: one test per rule, and texts where nothing
//! should be found.

use gloss::analysis::{AnalysisOptions, Analyzer, Learned, Suggestions};
use gloss::article::Lang;

fn run(text: &str) -> Suggestions {
    Analyzer::new(AnalysisOptions::default()).suggest(text, Lang::En, &Learned::default())
}

fn has(text: &str, mention: &str, label: &str) -> bool {
    run(text)
        .entities
        .iter()
        .any(|e| e.text == mention && e.label == label)
}

#[test]
fn places_organisations_and_people() {
    let t = "President Joe Biden met officials of the European Union in London on Monday.";
    assert!(has(t, "Joe Biden", "PER"));
    assert!(has(t, "European Union", "ORG"));
    assert!(has(t, "London", "LOC"));
}

#[test]
fn capitalised_runs_with_a_keyword() {
    let t = "A study by the Harwick Policy Institute was sent to Maple County officials.";
    assert!(has(t, "Harwick Policy Institute", "ORG"));
    assert!(has(t, "Maple County", "LOC"));
}

#[test]
fn ordinary_sentences_have_no_entities() {
    let s = run("The weather was fine. We walked to the market and bought bread and cheese.");
    assert!(s.entities.is_empty(), "{:?}", s.entities);
}

#[test]
fn claims_with_speakers() {
    let t = "\"The plan will fail,\" said Mary Okonkwo. Officials denied the report. \
             According to the ministry, exports fell. The river is long.";
    let s = run(t);
    let got: Vec<(&str, Option<&str>)> = s
        .claims
        .iter()
        .map(|c| (c.cue.as_str(), c.speaker.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("said", Some("Mary Okonkwo")),
            ("denied", Some("Officials")),
            ("According to", Some("ministry")),
        ]
    );
}

#[test]
fn hedges_and_figures() {
    let s = run("Prices could rise. The deal is worth $40 million. Growth is expected to slow.");
    let cues: Vec<&str> = s.claims.iter().map(|c| c.cue.as_str()).collect();
    assert_eq!(cues, ["could", "$40", "is expected to"]);
}

#[test]
fn sentence_offsets_survive_abbreviations() {
    let t = "Mr. Smith said the U.S. Army left. Dr. Jones disagreed.";
    let s = run(t);
    assert_eq!(s.claims.len(), 1);
    assert_eq!(s.claims[0].text, "Mr. Smith said the U.S. Army left.");
    assert_eq!(s.claims[0].speaker.as_deref(), Some("Smith"));
}

#[test]
fn detects_english() {
    let a = Analyzer::new(AnalysisOptions::default());
    assert_eq!(
        a.detect_lang("The government said on Monday that taxes would fall next year."),
        Lang::En
    );
}
