//! Suggestion throughput (MB/s, one core) on generated German and English news-like text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gloss::analysis::{AnalysisOptions, Analyzer, Learned};
use gloss::article::Lang;
use std::hint::black_box;

#[path = "support/news.rs"]
mod news;
use news::generate;

fn bench(c: &mut Criterion) {
    // With the tagger (as gloss runs) and the rules alone beside it, on the same text.
    let tagged = Analyzer::new(AnalysisOptions::default());
    let rules = Analyzer::new(AnalysisOptions {
        rules_only: true,
        ..AnalysisOptions::default()
    });
    let learned = Learned::default();
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    for (name, lang) in [("de", Lang::De), ("en", Lang::En)] {
        let text = generate(lang, 4 << 20);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| black_box(tagged.suggest(black_box(&text), lang, &learned)))
        });
        group.bench_function(format!("{name}-rules-only"), |b| {
            b.iter(|| black_box(rules.suggest(black_box(&text), lang, &learned)))
        });
        // The same text without the claim finder: what claims add to `suggest`.
        group.bench_function(format!("{name}-entities-only"), |b| {
            b.iter(|| black_box(tagged.suggest_entities(black_box(&text), lang, &learned)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
