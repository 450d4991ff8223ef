//! Wrapping a 10 MB body must stay far below 300 ms (release), since the reader re-wraps on
//! every resize; text navigation must cost one fast scan at most.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::tui::{textnav, wrap};

/// About `bytes` of news-like text of our own: German with umlauts, some CJK, emoji and
/// combining marks, paragraphs joined by "\n\n" as in the article body.
fn body(bytes: usize) -> String {
    let paras = [
        "Der Außenminister traf am 21. Dezember in der Hauptstadt ein, wo er z. B. über \
         Energiepreise, Öl-Lieferungen und die S-400-Systeme sprach. Beobachter erwarten \
         keine schnelle Einigung.",
        "Die Delegation (rund 40 Personen) reiste weiter nach Süden; ein Sprecher sagte, man \
         sei „zuversichtlich“, dass die Gespräche fortgesetzt würden.",
        "Zitat: 会谈将继续进行 — so die Nachrichtenagentur. Reaktionen im Netz 👍🏽 reichten \
         von Zustimmung bis Kritik; café, naïve, e\u{301}tude.",
    ];
    let mut out = String::with_capacity(bytes + 512);
    let mut i = 0;
    while out.len() < bytes {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(paras[i % paras.len()]);
        i += 1;
    }
    out
}

fn bench_wrap(c: &mut Criterion) {
    let text = body(10 * 1024 * 1024);
    let mut group = c.benchmark_group("wrap");
    group.sample_size(10);
    group.bench_function("10MB width 80", |b| {
        b.iter(|| wrap::wrap(black_box(&text), black_box(80)))
    });
    group.bench_function("10MB width 20", |b| {
        b.iter(|| wrap::wrap(black_box(&text), black_box(20)))
    });
    group.finish();

    let chars = text.chars().count();
    // The body is indexed and split once per article (as the reader does on opening it);
    // a motion then only searches the sentence starts.
    let body = gloss::text::Body::new(text.clone(), gloss::article::Lang::De);
    let _ = body.sentences();
    let mut nav = c.benchmark_group("textnav");
    nav.bench_function("sentence_at near end of 10MB", |b| {
        b.iter(|| textnav::sentence_at(black_box(&body), black_box(chars - 100)))
    });
    // What the first `(`/`)` in a 10 MB body pays once: indexing and splitting it.
    nav.bench_function("Body index and sentences of 10MB", |b| {
        b.iter(|| {
            let body = gloss::text::Body::new(black_box(text.clone()), gloss::article::Lang::De);
            body.sentences().len()
        })
    });
    nav.bench_function("next_word near end of 10MB", |b| {
        b.iter(|| textnav::next_word(black_box(&text), black_box(chars - 100)))
    });
    nav.finish();
}

criterion_group!(benches, bench_wrap);
criterion_main!(benches);
