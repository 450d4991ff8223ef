//! A portable store: file names and recorded paths do not depend on where the corpus lies,
//! older stores migrate on first open, and a newer store is left alone.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use gloss::annotation::file::{self, LAYOUT_FILE};
use gloss::annotation::{Annotation, Kind, Origin, Status, Store};

const BODY: &str = "Die Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.";

fn corpus(at: &Path) -> PathBuf {
    let art = at.join("politik/gipfel.txt");
    std::fs::create_dir_all(art.parent().unwrap()).unwrap();
    std::fs::write(&art, BODY).unwrap();
    art
}

fn merkel() -> Annotation {
    let mut a = Annotation::new(BODY, Kind::Entity, "PER", 14, 27, Origin::Auto);
    a.status = Status::Accepted;
    a
}

fn save(store: &Store, art: &Path, a: &Annotation) {
    let mut rec = store.load(art, "Gipfel", BODY).record;
    rec.annotations.push(a.clone());
    store.save(&rec).unwrap();
}

fn listing(data: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(data.join("annotations"))
        .unwrap()
        .flatten()
        .filter(|e| file::is_store_file(&e.path()))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn two_checkouts_at_different_paths_write_the_same_files() {
    let t = tempfile::tempdir().unwrap();
    let a = merkel();
    let mut stores = Vec::new();
    for at in ["ann/corpus", "bob/deep/er/corpus"] {
        let root = t.path().join(at);
        let art = corpus(&root);
        let data = t.path().join(at).with_extension("data");
        let store = Store::open(&data).unwrap();
        store.set_root(Some(&root)).unwrap();
        save(&store, &art, &a);
        stores.push(listing(&data));
    }
    assert_eq!(stores[0].len(), 1);
    assert_eq!(stores[0], stores[1]);
    let (name, text) = &stores[0][0];
    assert!(name.starts_with("gipfel-"), "{name}");
    assert!(text.contains("path = \"politik/gipfel.txt\""), "{text}");
    assert!(!text.contains(&t.path().display().to_string()), "{text}");
}

#[test]
fn without_a_root_the_key_is_relative_to_the_git_work_tree() {
    let t = tempfile::tempdir().unwrap();
    let a = merkel();
    let mut stores = Vec::new();
    for at in ["x/repo", "y/z/repo"] {
        let root = t.path().join(at);
        let art = corpus(&root);
        std::fs::create_dir(root.join(".git")).unwrap();
        let data = t.path().join(at).with_extension("data");
        let store = Store::open(&data).unwrap();
        save(&store, &art, &a);
        stores.push(listing(&data));
    }
    assert_eq!(stores[0], stores[1]);
    assert!(stores[0][0].1.contains("path = \"politik/gipfel.txt\""));
}

/// A store file as gloss wrote it before layout 2: named after the absolute path.
fn legacy_store(data: &Path, art: &Path, a: &Annotation) -> PathBuf {
    let dir = data.join("annotations");
    std::fs::create_dir_all(&dir).unwrap();
    let f = file::StoreFile {
        schema: 1,
        path: file::canonical(art).to_string_lossy().into_owned(),
        title: "Gipfel".into(),
        sha256: file::sha256_hex(BODY),
        annotations: vec![a.clone()],
    };
    let old = dir.join(file::legacy_file_name(art));
    std::fs::write(&old, file::to_text(&f).unwrap()).unwrap();
    old
}

#[test]
fn an_older_store_is_migrated_on_first_open() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("corpus");
    let art = corpus(&root);
    let data = t.path().join("data");
    let a = merkel();
    let old = legacy_store(&data, &art, &a);
    let store = Store::open(&data).unwrap();
    assert_eq!(store.set_root(Some(&root)).unwrap(), 1);
    assert!(!old.exists(), "the old name is gone");
    let new = store.file_for(&art);
    assert_ne!(new, old);
    let text = std::fs::read_to_string(&new).unwrap();
    assert!(text.contains("path = \"politik/gipfel.txt\""), "{text}");
    assert!(data.join("annotations").join(LAYOUT_FILE).exists());
    let rec = store.load(&art, "Gipfel", BODY).record;
    assert_eq!(rec.annotations, vec![a]);
    // Once recorded, a second open has nothing to do.
    drop(store);
    let again = Store::open(&data).unwrap();
    assert_eq!(again.set_root(Some(&root)).unwrap(), 0);
}

#[test]
fn a_migration_cut_short_finishes_without_loss() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("corpus");
    let art = corpus(&root);
    let data = t.path().join("data");
    let a = merkel();
    legacy_store(&data, &art, &a);
    let store = Store::open(&data).unwrap();
    store.set_root(Some(&root)).unwrap();
    let new = store.file_for(&art);
    drop(store);
    let migrated = std::fs::read_to_string(&new).unwrap();
    std::fs::remove_file(data.join("annotations").join(LAYOUT_FILE)).unwrap();
    // What a kill between writing the new file and removing the old one leaves: both
    // files, no layout recorded.
    let old = legacy_store(&data, &art, &a);
    let store = Store::open(&data).unwrap();
    store.set_root(Some(&root)).unwrap();
    assert!(!old.exists(), "the duplicate old file goes");
    assert_eq!(std::fs::read_to_string(&new).unwrap(), migrated);
    // But an old file holding something the new one lacks is kept.
    drop(store);
    std::fs::remove_file(data.join("annotations").join(LAYOUT_FILE)).unwrap();
    let mut other = merkel();
    other.note = "only in the old file".into();
    let old = legacy_store(&data, &art, &other);
    let store = Store::open(&data).unwrap();
    store.set_root(Some(&root)).unwrap();
    assert!(old.exists(), "kept: it holds a note the new file lacks");
}

#[test]
fn an_older_store_opened_without_a_root_migrates_each_article_on_load() {
    let t = tempfile::tempdir().unwrap();
    let art = corpus(&t.path().join("corpus"));
    let data = t.path().join("data");
    let a = merkel();
    let old = legacy_store(&data, &art, &a);
    let store = Store::open(&data).unwrap();
    let rec = store.load(&art, "Gipfel", BODY).record;
    assert_eq!(rec.annotations, vec![a]);
    assert!(!old.exists());
    assert!(store.file_for(&art).exists());
}

#[test]
fn a_store_from_a_newer_gloss_is_left_alone() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("corpus");
    let art = corpus(&root);
    let data = t.path().join("data");
    let old = legacy_store(&data, &art, &merkel());
    let marker = data.join("annotations").join(LAYOUT_FILE);
    std::fs::write(&marker, "layout = 9\n").unwrap();
    let store = Store::open(&data).unwrap();
    let why = store.read_only().unwrap().to_string();
    assert!(
        why.contains("newer gloss") && why.contains("layout = 9"),
        "{why}"
    );
    assert_eq!(store.set_root(Some(&root)).unwrap(), 0);
    assert!(old.exists(), "nothing migrated");
    let loaded = store.load(&art, "Gipfel", BODY);
    assert!(loaded.read_only.is_some());
    assert!(store.save(&loaded.record).is_err());
    assert!(old.exists());
    assert_eq!(std::fs::read_to_string(&marker).unwrap(), "layout = 9\n");
}
