//! Scratch: `suggest --raw --format json` claims only, without building the whole binary.
#![allow(missing_docs, clippy::unwrap_used)]
use gloss_core::analysis::{AnalysisOptions, Analyzer, Learned};
fn main() {
    let path = std::env::args().last().unwrap();
    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
    let a = Analyzer::new(AnalysisOptions::default());
    let lang = a.detect_lang(&text);
    let s = a.suggest(&text, lang, &Learned::default());
    let out = serde_json::json!({"articles": [{"claims": s.claims}]});
    println!("{}", serde_json::to_string(&out).unwrap());
}
