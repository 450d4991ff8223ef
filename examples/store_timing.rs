//! Measures the store: save with 10,000 annotations in the store, and re-anchoring in a
//! 10 MB article. Run with `cargo run --release --example store_timing`.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use gloss::annotation::{Annotation, Kind, Origin, Status, Store};

fn body(n: usize, seed: usize) -> String {
    (0..n)
        .map(|i| format!("Satz {seed}-{i}: Der Präsident traf in Berlin den Minister."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn fill(store: &Store, path: &std::path::Path, body: &str, n: usize) {
    // A real file: annotations of articles whose file is gone may be claimed by title.
    std::fs::write(path, body).unwrap();
    let mut rec = store.load(path, "Titel", body).record;
    let len = body.chars().count();
    for i in 0..n {
        let s = (i * 997) % (len - 20);
        let mut a = Annotation::new(body, Kind::Entity, "PER", s, s + 12, Origin::Auto);
        a.status = Status::Accepted;
        rec.annotations.push(a);
    }
    store.save(&rec).unwrap();
}

fn ms(t0: Instant, runs: usize) -> f64 {
    t0.elapsed().as_secs_f64() * 1000.0 / runs as f64
}

fn main() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::open(&t.path().join("data")).unwrap();

    // 100 articles × 100 annotations.
    let bodies: Vec<String> = (0..100).map(|i| body(300, i)).collect();
    for (i, b) in bodies.iter().enumerate() {
        fill(&store, &t.path().join(format!("a{i}.txt")), b, 100);
    }
    let p = t.path().join("a7.txt");
    let mut rec = store.load(&p, "Titel", &bodies[7]).record;
    let t0 = Instant::now();
    for i in 0..50 {
        rec.annotations[0].note = format!("note {i}");
        store.save(&rec).unwrap();
    }
    println!(
        "save, 10,000 annotations in 100 files: {:.2} ms",
        ms(t0, 50)
    );
    let t0 = Instant::now();
    let _ = store.load(&t.path().join("new.txt"), "Neu", "Ein neuer Artikel.");
    println!(
        "load of an unannotated article (builds the move index): {:.2} ms",
        ms(t0, 1)
    );
    let t0 = Instant::now();
    let _ = store.learned();
    println!("learned() over 100 files: {:.2} ms", ms(t0, 1));

    // One article holding 10,000 annotations.
    let big = body(3000, 999);
    let bp = t.path().join("big.txt");
    fill(&store, &bp, &big, 10_000);
    let mut rec = store.load(&bp, "Titel", &big).record;
    let t0 = Instant::now();
    for i in 0..10 {
        rec.annotations[0].note = format!("note {i}");
        store.save(&rec).unwrap();
    }
    println!(
        "save, one article with 10,000 annotations: {:.2} ms",
        ms(t0, 10)
    );
    let t0 = Instant::now();
    let _ = store.load(&bp, "Titel", &big);
    println!(
        "load, one article with 10,000 annotations: {:.2} ms",
        ms(t0, 1)
    );

    if std::env::var_os("STOP").is_some() {
        return;
    }
    // A 10 MB article with 1,000 annotations, then edits.
    let huge = body(180_000, 5);
    let hp = t.path().join("huge.txt");
    fill(&store, &hp, &huge, 1000);
    println!("huge body: {:.1} MB", huge.len() as f64 / 1e6);
    let t0 = Instant::now();
    let _ = store.load(&hp, "Titel", &huge);
    println!("load 10 MB, unchanged: {:.1} ms", ms(t0, 1));
    let edited = format!("Ein neuer Absatz über Öl.\n\n{huge}");
    let t0 = Instant::now();
    let l = store.load(&hp, "Titel", &edited);
    let orphans = l.record.annotations.iter().filter(|a| a.orphaned).count();
    println!(
        "load 10 MB, paragraph inserted on top: {:.1} ms ({orphans} orphaned)",
        ms(t0, 1)
    );
    let typo = edited.replacen("Minister.", "Ministr.", 2000);
    let t0 = Instant::now();
    let l = store.load(&hp, "Titel", &typo);
    let orphans = l.record.annotations.iter().filter(|a| a.orphaned).count();
    println!(
        "load 10 MB, + 2000 typos in the first 5%: {:.1} ms ({orphans} orphaned)",
        ms(t0, 1)
    );
}
