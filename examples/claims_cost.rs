//! What the claim finder adds to `gloss suggest`, for instruction counts: runs `suggest`
//! or `suggest_entities` (the same engine without sentences and claims) once on the suggest
//! benchmark's text, so that `valgrind --tool=callgrind` counts one run of each.
//!
//! usage: cargo run --release --example claims_cost -- suggest|entities|text de|en [MIB]
//! e.g.   valgrind --tool=callgrind target/release/examples/claims_cost suggest de 1
//! (`text` prints the generated text, to compare `gloss suggest` output on it.)

#[path = "../benches/support/news.rs"]
mod news;

use gloss::analysis::{AnalysisOptions, Analyzer, Learned};
use gloss::article::Lang;
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("suggest", String::as_str);
    let lang = match args.get(1).map(String::as_str) {
        Some("en") => Lang::En,
        _ => Lang::De,
    };
    let mib: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let text = news::generate(lang, mib << 20);
    if what == "text" {
        print!("{text}");
        return;
    }
    let analyzer = Analyzer::new(AnalysisOptions::default());
    let learned = Learned::default();
    // Once before, so that lazily built tables are not counted against either side.
    black_box(analyzer.suggest(&text[..text.len().min(4096)], lang, &learned));
    let found = match what {
        "entities" => analyzer.suggest_entities(black_box(&text), lang, &learned),
        _ => analyzer.suggest(black_box(&text), lang, &learned),
    };
    println!(
        "{what}: {} entities, {} claims",
        found.entities.len(),
        found.claims.len()
    );
}
