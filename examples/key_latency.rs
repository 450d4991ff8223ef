//! Times a keypress to its frame in the interactive TUI while the corpus index is built in
//! the background, and the same keys once it is done: the same App, runner, background
//! index thread and drawing as the terminal, on a TestBackend.
//!
//! ```sh
//! cargo run --release --example key_latency -- FOLDER DATA_DIR   # DATA_DIR: empty or new
//! ```
//!
//! Keys (`j`, `k` in turn, one every 15 ms, as a fast typist) are fed while `Msg::Indexing`
//! reports progress and after `Msg::Indexed`; each is timed from the key to the frame
//! drawn after `update` handled it and its results that were ready. Prints the median,
//! 90th and 99th percentile and the worst of each phase.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gloss::config::Config;
use gloss::tui::app::{App, Msg, update};
use gloss::tui::headless::screen;
use gloss::tui::keymap::parse_keys;
use gloss::tui::runner::Runner;

/// Keys timed once the index is done.
const AFTER: usize = 300;

fn feed(app: &mut App, runner: &mut Runner, msg: Msg) {
    for fx in update(app, msg) {
        runner.run(fx);
    }
}

fn summary(name: &str, v: &mut [f64]) {
    if v.is_empty() {
        println!("{name}: no keys");
        return;
    }
    v.sort_by(f64::total_cmp);
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "{name}: {} keys, median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        v.len(),
        q(0.5),
        q(0.9),
        q(0.99),
        v[v.len() - 1]
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(data)) = (args.next(), args.next()) else {
        eprintln!("usage: key_latency FOLDER DATA_DIR");
        std::process::exit(2);
    };
    let (root, data) = (PathBuf::from(root), PathBuf::from(data));
    let keys = parse_keys("jk").unwrap_or_default();
    let cfg = Config::default_config();
    let mut app = App::new(cfg.clone(), root.clone(), root.is_file());
    let mut runner = Runner::new(&cfg, &data).with_background_index(true);
    feed(&mut app, &mut runner, Msg::Resize(120, 40));
    runner.start(&root);
    let (mut during, mut after) = (Vec::new(), Vec::new());
    let (mut indexing, mut indexed) = (false, false);
    let mut built = None;
    let started = Instant::now();
    let mut n = 0usize;
    while after.len() < AFTER && started.elapsed() < Duration::from_secs(1800) {
        while let Some(msg) = runner.next(false) {
            match &msg {
                Msg::Indexing(..) => indexing = true,
                Msg::Indexed(..) => {
                    indexed = true;
                    built = Some(started.elapsed());
                }
                _ => {}
            }
            feed(&mut app, &mut runner, msg);
        }
        if indexing && !keys.is_empty() {
            let key = keys[n % keys.len()];
            n += 1;
            let t = Instant::now();
            feed(
                &mut app,
                &mut runner,
                Msg::Stamp(gloss::annotation::Stamp::system()),
            );
            feed(&mut app, &mut runner, Msg::Key(key.to_event()));
            while let Some(m) = runner.next(false) {
                feed(&mut app, &mut runner, m);
            }
            let _ = screen(&app);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if indexed { &mut after } else { &mut during }.push(ms);
        }
        std::thread::sleep(Duration::from_millis(15));
    }
    match built {
        Some(t) => println!("index built in the background: {:.1} s", t.as_secs_f64()),
        None => println!("the index was not built within the time allowed"),
    }
    summary("key → frame while the index builds", &mut during);
    summary("key → frame after", &mut after);
}
