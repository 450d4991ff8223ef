//! One text model: the reader's `)` motion stops exactly where the suggestion engine's
//! sentence splitter starts a sentence, for every sample article and, when the shared
//! corpus is present, every `de_news` text.

use std::path::{Path, PathBuf};

use gloss::article;
use gloss::text::{Body, BytePos, CharIndex};
use gloss::tui::textnav;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Walks `)` from the top and compares its stops with the engine's sentence starts.
fn check(path: &Path) -> usize {
    let art = article::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = art.body();
    let lang = art.meta.lang;
    // The engine's starts, from the splitter itself (not through the Body's cache).
    let ix = CharIndex::new(&text);
    let want: Vec<usize> = gloss::analysis::sentences::split(&text, lang)
        .iter()
        .map(|s| ix.char_at(BytePos(s.start)).0)
        .filter(|&s| s > 0)
        .collect();
    let body = Body::new(text.clone(), lang);
    let mut got = Vec::new();
    let mut o = 0;
    loop {
        let n = textnav::next_sentence(&body, o);
        if n == o {
            break;
        }
        got.push(n);
        o = n;
    }
    assert_eq!(
        got,
        want,
        "{}: `)` stops differ from sentence starts",
        path.display()
    );
    // And `(` walks the same starts back.
    let mut back = Vec::new();
    let mut o = body.char_len();
    while o > 0 {
        o = textnav::prev_sentence(&body, o);
        back.push(o);
    }
    back.reverse();
    let mut all = vec![0];
    all.extend(&want);
    all.dedup();
    assert_eq!(back, all, "{}: `(` stops differ", path.display());
    want.len()
}

#[test]
fn sentence_motion_stops_at_the_engine_sentence_starts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut samples = Vec::new();
    files_under(&root.join("assets/articles"), &mut samples);
    samples.sort();
    assert!(samples.len() >= 8, "sample articles missing: {samples:?}");
    let mut sentences = 0;
    for p in &samples {
        sentences += check(p);
    }
    assert!(sentences > 100, "only {sentences} sentences in the samples");

    let corpus = root.join("../shared/corpus/de_news");
    if !corpus.is_dir() {
        println!("skipped: {} not present", corpus.display());
        return;
    }
    let mut texts = Vec::new();
    files_under(&corpus, &mut texts);
    texts.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    texts.sort();
    for p in &texts {
        check(p);
    }
    println!(
        "checked {} samples and {} de_news texts",
        samples.len(),
        texts.len()
    );
}
