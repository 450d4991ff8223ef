//! `load_meta` reads only a prefix of each file, yet agrees with `load` on what the list
//! shows (title, date, section), also when the front matter is longer than the first read.
#![allow(clippy::unwrap_used)]

use gloss::article::{load, load_meta};

fn agree(name: &str, text: &str) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join(name);
    std::fs::write(&p, text).unwrap();
    let meta = load_meta(&p).unwrap();
    let full = load(&p).unwrap().meta;
    assert_eq!(meta.title, full.title, "{name}");
    assert_eq!(meta.date, full.date, "{name}");
    assert_eq!(meta.section, full.section, "{name}");
}

#[test]
fn bundled_articles_agree() {
    for f in gloss::article::scan(std::path::Path::new("assets/articles")).files {
        let meta = load_meta(&f).unwrap();
        let full = load(&f).unwrap().meta;
        assert_eq!(meta.title, full.title, "{}", f.display());
        assert_eq!(meta.date, full.date, "{}", f.display());
    }
}

#[test]
fn long_front_matter_is_read_past_the_first_prefix() {
    let long_note = "x".repeat(10_000);
    let text = format!(
        "+++\ntitle = \"Lange Vorrede\"\nsummary = \"{long_note}\"\ndate = 2024-03-01\nsection = \"Wirtschaft\"\n+++\n\nDer Text beginnt hier.\n"
    );
    agree("long.txt", &text);
    let md = format!(
        "---\nsummary: {long_note}\ntitle: Lange Vorrede\ndate: 2024-03-01\n---\n\nText.\n"
    );
    agree("long.md", &md);
}

#[test]
fn long_bodies_agree() {
    let body = "Ein Absatz mit vielen Wörtern, der immer weiter geht. ".repeat(400);
    agree(
        "seed-layout.txt",
        &format!("21. Dezember, 2024\n\nPolitik\n\nEin Titel\n\nEin Titel\n\n{body}\n\n{body}\n"),
    );
}
