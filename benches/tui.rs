//! The TUI's speed, headless (the same App, update and draw as the terminal, on ratatui's
//! TestBackend): the first frame of a folder, opening a 10 MB article, jumping to its end,
//! and a keypress plus redraw on it.
//!
//! `cargo bench --bench tui`. The corpus is generated in a temporary folder from a fixed
//! seed (benches/support/corpus.rs), so runs compare.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::config::Config;
use gloss::tui::app::{App, Msg, update};
use gloss::tui::headless::{press, screen, settle, start};
use gloss::tui::keymap::parse_key;
use gloss::tui::runner::Runner;

#[path = "support/corpus.rs"]
mod corpus;

fn first_frame(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().join("articles");
    corpus::generate(&folder, 1000, 0, 1).expect("corpus");
    let cfg = Config::default_config();
    let mut g = c.benchmark_group("first frame, 1,000 articles");
    g.sample_size(10);
    g.bench_function("cold (no metadata cache)", |b| {
        b.iter(|| {
            let data = tempfile::tempdir().expect("data dir");
            let (app, _runner) = start(&cfg, data.path(), &folder, 120, 40);
            black_box(screen(&app))
        })
    });
    let warm = tmp.path().join("warm");
    let _ = start(&cfg, &warm, &folder, 120, 40);
    g.bench_function("warm (metadata cache)", |b| {
        b.iter(|| {
            let (app, _runner) = start(&cfg, &warm, &folder, 120, 40);
            black_box(screen(&app))
        })
    });
    g.finish();
}

fn big_article(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let paths = corpus::generate(&tmp.path().join("big"), 0, 1, 1).expect("corpus");
    let big: &Path = &paths[0];
    let cfg = Config::default_config();
    let data = tmp.path().join("data");
    let mut g = c.benchmark_group("10 MB article");
    g.sample_size(10);
    g.bench_function("open: first frame with its text", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let mut app = App::new(cfg.clone(), big.to_path_buf(), true);
                let mut runner = Runner::new(&cfg, &data);
                update(&mut app, Msg::Resize(120, 40));
                runner.start(big);
                while app.doc.is_none() {
                    let Some(msg) = runner.next(true) else { break };
                    for fx in update(&mut app, msg) {
                        runner.run(fx);
                    }
                }
                black_box(screen(&app));
                total += t.elapsed();
                // The analysis finishes outside the timing, so runs do not overlap.
                settle(&mut app, &mut runner);
            }
            total
        })
    });
    g.bench_function("open and draw, with all suggestions", |b| {
        b.iter(|| {
            let (app, _runner) = start(&cfg, &data, big, 120, 40);
            black_box(screen(&app))
        })
    });
    let (mut app, mut runner) = start(&cfg, &data, big, 120, 40);
    let (top, bottom) = (parse_key("g").expect("key"), parse_key("G").expect("key"));
    let mut at_end = false;
    g.bench_function("jump to the other end (g/G) and redraw", |b| {
        b.iter(|| {
            at_end = !at_end;
            press(&mut app, &mut runner, if at_end { bottom } else { top });
            black_box(screen(&app))
        })
    });
    let (down, up) = (parse_key("j").expect("key"), parse_key("k").expect("key"));
    let mut flip = false;
    g.bench_function("keypress (j/k) and redraw", |b| {
        b.iter(|| {
            flip = !flip;
            press(&mut app, &mut runner, if flip { down } else { up });
            black_box(screen(&app))
        })
    });
    g.finish();
}

criterion_group!(benches, first_frame, big_article);
criterion_main!(benches);
