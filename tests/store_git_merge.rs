//! Two people annotate different spans of the same article in their own stores (git
//! repositories); `git merge` combines the store files without a conflict.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

mod support;
use support::git::git;

use gloss::annotation::{Annotation, Kind, Origin, Status, Store};

const BODY: &str = "Die Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron. \
Später sprachen beide in Paris mit Vertretern der Europäischen Union über die Lage in Kyjiw.";

fn annotate(data: &Path, article: &Path, needle: &str, note: Option<(&str, &str)>) {
    let store = Store::open(data).unwrap();
    let mut rec = store.load(article, "Gipfel", BODY).record;
    if !needle.is_empty() {
        let b = BODY.find(needle).unwrap();
        let s = BODY[..b].chars().count();
        let mut a = Annotation::new(
            BODY,
            Kind::Entity,
            "PER",
            s,
            s + needle.chars().count(),
            Origin::Auto,
        );
        a.status = Status::Accepted;
        rec.annotations.push(a);
    }
    if let Some((text, note)) = note {
        let a = rec.annotations.iter_mut().find(|a| a.text == text).unwrap();
        a.note = note.into();
    }
    store.save(&rec).unwrap();
}

#[test]
fn git_merges_two_stores_line_by_line() {
    let t = tempfile::tempdir().unwrap();
    let article = t.path().join("gipfel.txt");
    std::fs::write(&article, BODY).unwrap();
    let a = t.path().join("a");
    let b = t.path().join("b");

    std::fs::create_dir(&a).unwrap();
    git(&a, &["init", "-q"]);
    annotate(&a, &article, "Berlin", None);
    annotate(&a, &article, "Paris", None);
    git(&a, &["add", "-A"]);
    git(&a, &["commit", "-q", "-m", "base"]);
    git(t.path(), &["clone", "-q", "a", "b"]);

    // A annotates before the shared ones and notes one; B after them and notes the other.
    annotate(
        &a,
        &article,
        "Angela Merkel",
        Some(("Berlin", "Hauptstadt")),
    );
    git(&a, &["commit", "-q", "-am", "a"]);
    annotate(&b, &article, "Kyjiw", Some(("Paris", "Treffen")));
    git(&b, &["add", "-A"]);
    git(&b, &["commit", "-q", "-m", "b"]);

    git(&a, &["fetch", "-q", "../b", "HEAD"]);
    git(&a, &["merge", "-q", "--no-edit", "FETCH_HEAD"]);

    let store = Store::open(&a).unwrap();
    let loaded = store.load(&article, "Gipfel", BODY);
    assert_eq!(loaded.read_only, None, "merged file parses");
    let texts: Vec<(&str, &str)> = loaded
        .record
        .annotations
        .iter()
        .map(|x| (x.text.as_str(), x.note.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("Angela Merkel", ""),
            ("Berlin", "Hauptstadt"),
            ("Paris", "Treffen"),
            ("Kyjiw", "")
        ]
    );
    // The lock file is not part of what people share.
    let tracked = Command::new("git")
        .arg("-C")
        .arg(&a)
        .args(["ls-files"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&tracked.stdout).contains(".lock"));
}
