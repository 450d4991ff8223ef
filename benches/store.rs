//! Store and export benchmarks: saving after one change with 10,000 annotations in the
//! store, loading an article's annotations, reading what the user taught gloss, and
//! exporting 100,000 annotations to TOML.
//!
//! `cargo bench --bench store`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::annotation::export::{ExportArticle, to_toml};
use gloss::annotation::{Annotation, ArticleRecord, Kind, Origin, Status, Store, now};

const ARTICLES: usize = 100;
const PER_ARTICLE: usize = 100;

fn body(i: usize) -> String {
    (0..400)
        .map(|w| format!("Wort{i}x{w} Berlin sagte"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn record(i: usize, n: usize) -> ArticleRecord {
    let body = body(i);
    let annotations = (0..n)
        .map(|k| {
            let start = k * 20;
            let mut a = Annotation::new(&body, Kind::Entity, "LOC", start, start + 6, Origin::Auto);
            a.status = Status::Accepted;
            a.tags = vec!["verify".into()];
            a
        })
        .collect();
    ArticleRecord {
        path: PathBuf::from(format!("/bench/articles/article-{i}.txt")),
        title: format!("Article {i}"),
        sha256: format!("{i:064x}"),
        annotations,
    }
}

fn store_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("store");
    let records: Vec<ArticleRecord> = (0..ARTICLES).map(|i| record(i, PER_ARTICLE)).collect();
    for r in &records {
        store.save(r).expect("save");
    }
    let mut changed = records[ARTICLES / 2].clone();
    let mut flip = false;
    c.bench_function(
        "store: save one article after one change (10,000 in store)",
        |b| {
            b.iter(|| {
                flip = !flip;
                changed.annotations[0].note = if flip {
                    "checked".into()
                } else {
                    String::new()
                };
                store.save(black_box(&changed)).expect("save");
            })
        },
    );
    // Baseline: the bare cost of a durable write of the same bytes (write, fsync, rename,
    // fsync the folder), which no atomic store can avoid.
    let bytes = std::fs::read(store.file_for(&changed.path)).expect("store file");
    let base = dir.path().join("baseline");
    std::fs::create_dir_all(&base).expect("baseline dir");
    c.bench_function("baseline: durable write of the same bytes", |b| {
        b.iter(|| {
            let tmp = base.join("f.tmp");
            let mut f = std::fs::File::create(&tmp).expect("create");
            std::io::Write::write_all(&mut f, &bytes).expect("write");
            f.sync_all().expect("fsync");
            std::fs::rename(&tmp, base.join("f")).expect("rename");
            std::fs::File::open(&base)
                .and_then(|d| d.sync_all())
                .expect("fsync dir");
        })
    });
    let body = body(ARTICLES / 2);
    c.bench_function(
        "store: load and re-anchor one article (100 annotations)",
        |b| b.iter(|| black_box(store.load(&changed.path, &changed.title, black_box(&body)))),
    );
    c.bench_function("store: learned from 10,000 annotations", |b| {
        b.iter(|| black_box(store.learned()))
    });
}

fn export_benches(c: &mut Criterion) {
    let articles: Vec<ExportArticle> = (0..1000)
        .map(|i| {
            let r = record(i, 100);
            ExportArticle {
                path: r.path.to_string_lossy().into_owned(),
                title: r.title,
                date: None,
                section: Some("Politik".into()),
                sha256: r.sha256,
                annotations: r.annotations,
            }
        })
        .collect();
    let stamp = now();
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    g.bench_function("to_toml 100,000 annotations", |b| {
        b.iter(|| black_box(to_toml(black_box(&articles), stamp).expect("export")))
    });
    g.finish();
}

criterion_group!(benches, store_benches, export_benches);
criterion_main!(benches);
