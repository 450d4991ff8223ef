//! `gloss agree`: how far two annotators' stores agree over the same articles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::check::plural;
use super::{AgreeFormat, Context, safe_line};
use gloss_core::annotation::Store;
use gloss_core::annotation::agree::{self, Report, Side};
use gloss_core::annotation::file::{self, StoreFile};
use gloss_core::article;

/// The annotations folder of a store given as a data dir or as the folder itself.
fn annotations_dir(store: &Path) -> anyhow::Result<PathBuf> {
    let inner = store.join("annotations");
    if inner.is_dir() {
        Ok(inner)
    } else if store.is_dir() {
        Ok(store.to_path_buf())
    } else {
        anyhow::bail!(
            "{}: no such store (a data dir, or its annotations folder)",
            store.display()
        )
    }
}

fn read_store(store: &Path) -> anyhow::Result<Vec<StoreFile>> {
    let dir = annotations_dir(store)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| file::is_store_file(p))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        // A file that does not parse would make the numbers quietly wrong: stop on it.
        if let Some(f) = file::read(&p)? {
            out.push(f);
        }
    }
    Ok(out)
}

/// Compares the stores `a` and `b`; with `path`, over the articles under it only.
pub fn run(
    ctx: &Context,
    a: &Path,
    b: &Path,
    path: Option<&Path>,
    format: AgreeFormat,
    review: bool,
) -> anyhow::Result<ExitCode> {
    let corpus = path.map_or_else(|| ctx.default_articles(), Path::to_path_buf);
    if path.is_some() && !corpus.exists() {
        anyhow::bail!("{}: no such file or folder", corpus.display());
    }
    let root = ctx.corpus_root(&corpus);
    // With --review, A's store is written: held, and migrated first so its files are
    // named by key like the ones written back.
    let store_a = if review {
        let dir = annotations_dir(a)?;
        let data = dir.parent().unwrap_or(&dir).to_path_buf();
        let store = Store::open(&data)?;
        if let Some(why) = store.read_only() {
            anyhow::bail!("cannot flag disagreements in {}: {why}", dir.display());
        }
        store.set_root(root.as_deref())?;
        Some(store)
    } else {
        None
    };
    let mut fa = read_store(a)?;
    let mut fb = read_store(b)?;
    // Bodies by key, for kappa; with PATH also the set of articles compared.
    let mut bodies: HashMap<String, String> = HashMap::new();
    let mut hashes: HashMap<String, String> = HashMap::new();
    if corpus.exists() {
        for p in article::scan(&corpus).files {
            if let Ok(art) = article::load(&p) {
                let body = art.body();
                let key = file::key(&p, root.as_deref());
                hashes.insert(file::sha256_hex(&body), key.clone());
                bodies.insert(key, body);
            }
        }
    }
    // A file of an older layout records an absolute path: its body hash finds its key.
    for f in fa.iter_mut().chain(fb.iter_mut()) {
        if Path::new(&f.path).is_absolute()
            && let Some(k) = hashes.get(&f.sha256)
        {
            f.path = k.clone();
        }
    }
    if path.is_some() {
        fa.retain(|f| bodies.contains_key(&f.path));
        fb.retain(|f| bodies.contains_key(&f.path));
    }
    let report = agree::compare(&fa, &fb, &|key| bodies.get(key).cloned());
    if let Some(store) = &store_a {
        let (files, n) = agree::as_conflicts(&fa, &fb, &report);
        for f in &files {
            store.write_file(f)?;
        }
        eprintln!(
            "{}",
            safe_line(&format!(
                "flagged {} in {} of {} for review: open the article in gloss and press R (h keeps yours, l theirs)",
                plural(n, "disagreement"),
                plural(files.len(), "article"),
                store.dir().display()
            ))
        );
    }
    let text = match format {
        AgreeFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
        AgreeFormat::Text => text(&report, a, b),
    };
    super::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |x| format!("{x:.2}"))
}

fn show(s: &Side) -> String {
    let mut out = format!("{} {}..{} \"{}\"", s.label, s.start, s.end, s.text);
    if let Some(sp) = &s.speaker {
        out.push_str(&format!(" (speaker: {sp})"));
    }
    out
}

fn text(r: &Report, a: &Path, b: &Path) -> String {
    let mut out = format!(
        "agreement of A = {} and B = {} over {} ({} only in A, {} only in B)\n\n",
        a.display(),
        b.display(),
        plural(r.articles, "article"),
        r.only_a_articles,
        r.only_b_articles
    );
    out.push_str(&format!(
        "{:<12} {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n",
        "label", "A", "B", "P", "R", "F1", "P~", "R~", "F1~"
    ));
    for l in &r.labels {
        out.push_str(&format!(
            "{:<12} {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n",
            l.label,
            l.a,
            l.b,
            num(l.precision),
            num(l.recall),
            num(l.f1),
            num(l.overlap.precision),
            num(l.overlap.recall),
            num(l.overlap.f1)
        ));
    }
    out.push_str("(P R F1: exact spans; ~: overlapping spans; B scored against A)\n\n");
    out.push_str(&format!(
        "Cohen's kappa over {} (entity labels): {}\n",
        plural(r.tokens, "word"),
        num(r.kappa)
    ));
    out.push_str(&format!(
        "claims: span F1 {} exact, {} overlapping; speakers agree on {} of {}\n",
        num(r.claims.f1),
        num(r.claims.f1_overlap),
        num(r.claims.speaker_agreement),
        plural(r.claims.pairs, "pair")
    ));
    out.push_str(&format!(
        "\n{}:\n",
        plural(r.disagreements.len(), "disagreement")
    ));
    for d in &r.disagreements {
        let line = match (&d.a, &d.b) {
            (Some(x), Some(y)) => format!("  {} {}: A {} | B {}", d.path, d.kind, show(x), show(y)),
            (Some(x), None) => format!("  {} only in A: {}", d.path, show(x)),
            (None, Some(y)) => format!("  {} only in B: {}", d.path, show(y)),
            (None, None) => continue,
        };
        out.push_str(&safe_line(&line));
        out.push('\n');
    }
    out
}
