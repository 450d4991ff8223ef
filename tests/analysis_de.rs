#![allow(clippy::unwrap_used)]
//! German analysis through the public engine: one test per rule, and texts where nothing
//! should be found.

use gloss::analysis::{AnalysisOptions, Analyzer, Learned, Suggestions};
use gloss::article::Lang;

fn run(text: &str) -> Suggestions {
    Analyzer::new(AnalysisOptions::default()).suggest(text, Lang::De, &Learned::default())
}

fn ents(text: &str) -> Vec<(String, String, String)> {
    run(text)
        .entities
        .into_iter()
        .map(|e| (e.text, e.label, e.canonical))
        .collect()
}

fn has(text: &str, mention: &str, label: &str, canonical: &str) -> bool {
    ents(text)
        .iter()
        .any(|(t, l, c)| t == mention && l == label && c == canonical)
}

#[test]
fn ordinary_capitalised_nouns_are_not_entities() {
    let t = "Nach dem Treffen äußerten Experten Sorge über die Spannungen. Die Luftabwehrsysteme \
             und Kampfflugzeuge sollen die Verteidigungsfähigkeit stärken. Am Abend gab es ein \
             Gespräch über Waffen, Preise und die Zukunft der Beziehungen.";
    assert_eq!(ents(t), Vec::<(String, String, String)>::new());
}

#[test]
fn genitive_and_case_endings_link_to_the_base_name() {
    let t = "Die Führung Russlands und die Pläne Irans beunruhigen die Berater des Kremls.";
    assert!(has(t, "Russlands", "LOC", "Russland"));
    assert!(has(t, "Irans", "LOC", "Iran"));
    assert!(has(t, "Kremls", "ORG", "Kreml"));
}

#[test]
fn inflected_multi_word_names() {
    let t = "Gespräche mit den Vereinigten Arabischen Emiraten und Konflikte im Nahen Osten.";
    assert!(has(
        t,
        "Vereinigten Arabischen Emiraten",
        "LOC",
        "Vereinigte Arabische Emirate"
    ));
    assert!(has(t, "Nahen Osten", "LOC", "Naher Osten"));
}

#[test]
fn role_words_before_unknown_names() {
    let t = "Das sagte Außenministerin Annalena Zwoboda am Rande des Gipfels.";
    assert!(has(t, "Annalena Zwoboda", "PER", "Annalena Zwoboda"));
    let t = "Bundeskanzler Quandtmeyer reiste ab.";
    assert!(has(t, "Quandtmeyer", "PER", "Quandtmeyer"));
}

#[test]
fn short_and_inflected_mentions_group_under_the_full_name() {
    let t = "Präsident Karol Wendtland sprach lange. Später widersprach Wendtland. \
             Wendtlands Rede dauerte eine Stunde.";
    assert!(has(t, "Wendtland", "PER", "Karol Wendtland"));
    assert!(has(t, "Wendtlands", "PER", "Karol Wendtland"));
}

#[test]
fn acronyms_and_model_designations() {
    let t = "Die NATO prüft, ob die F-35 und die MiG-29 der OSZE gemeldet werden.";
    assert!(has(t, "NATO", "ORG", "NATO"));
    assert!(has(t, "F-35", "MISC", "F-35"));
    assert!(has(t, "MiG-29", "MISC", "MiG-29"));
    assert!(has(t, "OSZE", "ORG", "OSZE"));
}

#[test]
fn learned_names_are_suggested_and_never_pairs_dropped() {
    let a = Analyzer::new(AnalysisOptions::default());
    let learned = Learned {
        known: vec![("Grünfelder Werke".into(), "ORG".into())],
        never: vec![("Wien".into(), "LOC".into())],
    };
    let s = a.suggest(
        "Die Grünfelder Werke liefern nach Wien.",
        Lang::De,
        &learned,
    );
    let got: Vec<(&str, &str)> = s
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.label.as_str()))
        .collect();
    assert_eq!(got, [("Grünfelder Werke", "ORG")]);
}

#[test]
fn claims_with_cues_and_speakers() {
    let t = "Der Minister kam am 21. Dezember nach Berlin. Laut Regierung ist die Lage ernst. \
             Die Wirtschaft könnte schrumpfen. Der Vorschlag sei gut, sagte Gerhard Lindmaier. \
             Er sei zuversichtlich. Das Haus ist alt. Der Preis stieg um 12 Prozent.";
    let s = run(t);
    let got: Vec<(&str, &str, Option<&str>)> = s
        .claims
        .iter()
        .map(|c| (c.text.as_str(), c.cue.as_str(), c.speaker.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Laut Regierung ist die Lage ernst.",
                "Laut",
                Some("Regierung")
            ),
            ("Die Wirtschaft könnte schrumpfen.", "könnte", None),
            (
                "Der Vorschlag sei gut, sagte Gerhard Lindmaier.",
                "sagte",
                Some("Gerhard Lindmaier")
            ),
            (
                "Er sei zuversichtlich.",
                "zuversichtlich",
                Some("Gerhard Lindmaier")
            ),
            ("Der Preis stieg um 12 Prozent.", "12 Prozent", None),
        ]
    );
}

#[test]
fn zufolge_takes_the_source_before_it() {
    let s = run("Dem Bericht zufolge wurden keine Waffen geliefert.");
    assert_eq!(s.claims.len(), 1);
    assert_eq!(s.claims[0].speaker.as_deref(), Some("Bericht"));
}

#[test]
fn narration_without_cues_is_not_a_claim() {
    let s = run("Die Stadt liegt am Fluss. Im Sommer kommen viele Gäste. Der Markt ist am Montag.");
    assert!(s.claims.is_empty(), "{:?}", s.claims);
}

#[test]
fn extra_cues_from_the_options() {
    let a = Analyzer::new(AnalysisOptions {
        extra_types: vec![],
        extra_cues: vec![(Lang::De, "raunte".into())],
        ..AnalysisOptions::default()
    });
    let s = a.suggest("Der Nachbar raunte etwas.", Lang::De, &Learned::default());
    assert_eq!(s.claims.len(), 1);
    assert_eq!(s.claims[0].cue, "raunte");
    assert_eq!(s.claims[0].speaker.as_deref(), Some("Nachbar"));
}

#[test]
fn detects_german() {
    let a = Analyzer::new(AnalysisOptions::default());
    assert_eq!(
        a.detect_lang("Die Regierung hat am Montag beschlossen, dass die Steuern sinken."),
        Lang::De
    );
}

#[test]
fn a_role_word_after_a_multibyte_separator_does_not_panic() {
    // A role word resolved to the person it introduced, where the word before that person
    // follows a separator of more than one byte (`»`, `–`).
    for sep in ["»", "–", "„", "«"] {
        let t = format!(
            "Zuvor hatte {sep}Ministerin Anna Weber erklärt, die Lage sei ernst. \
             Die Ministerin sagte, es gebe keine Alternative."
        );
        let s = gloss::analysis::Analyzer::default().suggest(&t, Lang::De, &Default::default());
        assert!(
            s.claims
                .iter()
                .any(|c| c.text.contains("keine Alternative")),
            "{sep}"
        );
    }
}
