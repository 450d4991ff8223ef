//! How long the article list takes on 100,000 articles held in memory: each key of a title
//! filter typed after `/`, clearing it, each order `O` cycles to, a language filter, and
//! one frame drawn with a filter in force. The same `update` and drawing as the terminal;
//! no file is read. Beside each figure, the floor measured in the same run: one
//! lower-case substring scan over the same 100,000 titles, the least a filter can do.
//!
//! ```sh
//! cargo run --release --example list_timing -- [N] [ROUNDS]
//! ```
//! For instruction counts, which load on the machine does not change:
//! `valgrind --tool=callgrind --toggle-collect='*list_timing*one_key*' target/release/examples/list_timing 100000 1`.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use gloss::article::{Meta, Scan};
use gloss::config::Config;
use gloss::text::Lang;
use gloss::tui::app::{App, Msg, update};
use gloss::tui::headless::screen;
use gloss::tui::keymap::parse_keys;
use gloss::tui::layout::Focus;

const WORDS: &[&str] = &[
    "Regierung",
    "Haushalt",
    "Berlin",
    "Wahl",
    "Klima",
    "Ärzte",
    "Hafen",
    "Streik",
    "Energie",
    "Gericht",
    "Schule",
    "Bahn",
    "Budget",
    "talks",
    "election",
    "court",
    "harbour",
    "strike",
    "energy",
    "Zürich",
    "Köln",
    "Müller",
    "Straße",
    "Gesundheit",
];

fn title(i: usize) -> String {
    let w = |k: usize| WORDS[(i * 7919 + k * 104729) % WORDS.len()];
    format!("{} {} und {} – Bericht {i}", w(1), w(2), w(3))
}

fn app(n: usize) -> App {
    let mut app = App::new(Config::default_config(), PathBuf::from("arts"), false);
    update(&mut app, Msg::Resize(160, 50));
    let files: Vec<PathBuf> = (0..n)
        .map(|i| PathBuf::from(format!("arts/{i:06}.txt")))
        .collect();
    update(
        &mut app,
        Msg::Scanned(Scan {
            files: files.clone(),
            skipped: Vec::new(),
        }),
    );
    for chunk in files.chunks(256) {
        let batch = chunk
            .iter()
            .map(|p| {
                let i: usize = p.file_stem().unwrap().to_string_lossy().parse().unwrap();
                let meta = Meta {
                    title: title(i),
                    date: chrono::NaiveDate::from_ymd_opt(
                        2000 + (i % 25) as i32,
                        1 + (i % 12) as u32,
                        1 + (i % 28) as u32,
                    ),
                    lang: if i.is_multiple_of(3) {
                        Lang::En
                    } else {
                        Lang::De
                    },
                    section: Some(["Politik", "Wirtschaft", "Sport"][i % 3].into()),
                    ..Meta::default()
                };
                (p.clone(), Ok(meta))
            })
            .collect();
        update(&mut app, Msg::Metas(batch));
    }
    update(&mut app, Msg::MetaDone);
    let counts: HashMap<PathBuf, usize> = files.iter().step_by(7).map(|p| (p.clone(), 3)).collect();
    update(&mut app, Msg::Annotated(counts));
    app.focus = Focus::List;
    app
}

#[inline(never)]
fn one_key(app: &mut App, key: &str) {
    for k in parse_keys(key).unwrap() {
        update(app, Msg::Key(k.to_event()));
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    let t = Instant::now();
    let mut app = app(n);
    println!("{n} articles, metadata in, in {}", ms(t.elapsed()));
    let titles: Vec<String> = (0..n).map(title).collect();
    let mut floor = Vec::new();
    let mut keys: Vec<Vec<Duration>> = vec![Vec::new(); 4];
    let mut clear = Vec::new();
    let mut sorts: Vec<Vec<Duration>> = vec![Vec::new(); 3];
    let mut lang = Vec::new();
    let mut which = Vec::new();
    let mut frame = Vec::new();
    let mut kept = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let hits = titles
            .iter()
            .filter(|s| s.to_lowercase().contains("wahl"))
            .count();
        floor.push(t.elapsed());
        black_box(hits);
        one_key(&mut app, "/");
        for (i, k) in ["w", "a", "h", "l"].iter().enumerate() {
            let t = Instant::now();
            one_key(&mut app, k);
            keys[i].push(t.elapsed());
        }
        kept = app.library.len();
        let t = Instant::now();
        black_box(screen(&app));
        frame.push(t.elapsed());
        let t = Instant::now();
        one_key(&mut app, "<Esc>");
        clear.push(t.elapsed());
        for s in &mut sorts {
            let t = Instant::now();
            one_key(&mut app, "O");
            s.push(t.elapsed());
        }
        let t = Instant::now();
        one_key(&mut app, "L");
        lang.push(t.elapsed());
        one_key(&mut app, "L");
        one_key(&mut app, "L");
        let t = Instant::now();
        one_key(&mut app, "F");
        which.push(t.elapsed());
        one_key(&mut app, "FFF");
    }
    let floor = median(floor);
    let row = |what: &str, d: Duration| {
        println!(
            "{what:<40} {:>10}   {:>5.1}× the floor",
            ms(d),
            d.as_secs_f64() / floor.as_secs_f64()
        );
    };
    println!(
        "floor: lower-case substring scan of {n} titles: {}",
        ms(floor)
    );
    for (i, k) in ["w", "wa", "wah", "wahl"].iter().enumerate() {
        row(&format!("filter key: /{k}"), median(keys[i].clone()));
    }
    println!("  ({kept} of {n} kept by /wahl)");
    row("one frame drawn, filter in force", median(frame));
    row("Esc: filter cleared", median(clear));
    for (i, s) in ["by title", "most annotated", "newest first"]
        .iter()
        .enumerate()
    {
        row(&format!("O: {s}"), median(sorts[i].clone()));
    }
    row("L: lang:de", median(lang));
    row("F: is:annotated", median(which));
}
