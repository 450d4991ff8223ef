//! The annotation store through its library API: files, read-only cases, lock, moves,
//! re-anchoring, learned.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use gloss::annotation::{Annotation, ArticleRecord, Kind, Origin, Status, Store, StoreError};
use gloss::article;

const ARTICLE: &str = "2024-03-01\n\nBerlin trifft Paris\n\nDie Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.\n\nDer Gipfel endete am Abend, sagte ein Sprecher der Regierung.\n";

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let arts = t.path().join("news");
    std::fs::create_dir(&arts).unwrap();
    let art = arts.join("berlin-paris.txt");
    std::fs::write(&art, ARTICLE).unwrap();
    let data = t.path().join("data");
    (t, art, data)
}

fn body(path: &Path) -> (String, String) {
    let a = article::load(path).unwrap();
    (a.meta.title.clone(), a.body())
}

fn span(body: &str, needle: &str) -> (usize, usize) {
    let b = body.find(needle).unwrap();
    let s = body[..b].chars().count();
    (s, s + needle.chars().count())
}

fn accepted(body: &str, needle: &str, label: &str) -> Annotation {
    let (s, e) = span(body, needle);
    let mut a = Annotation::new(body, Kind::Entity, label, s, e, Origin::Auto);
    a.status = Status::Accepted;
    a
}

fn save(store: &Store, art: &Path, anns: Vec<Annotation>) {
    let (title, body) = body(art);
    let mut rec = store.load(art, &title, &body).record;
    rec.annotations.extend(anns);
    store.save(&rec).unwrap();
}

#[test]
fn saves_only_what_is_worth_saving_sorted_one_field_per_line() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    let untouched = Annotation::new(&b, Kind::Entity, "LOC", 0, 3, Origin::Auto);
    save(
        &store,
        &art,
        vec![
            accepted(&b, "Emmanuel Macron", "PER"),
            untouched,
            accepted(&b, "Angela Merkel", "PER"),
        ],
    );
    let files = store.files();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.starts_with("schema = 1\npath = "), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o600, 0o600);
        assert_ne!(
            mode & 0o044,
            0,
            "readable like any file the user writes: {mode:o}"
        );
    }
    assert_eq!(text.matches("[[annotation]]").count(), 2, "{text}");
    let merkel = text.find("Angela Merkel").unwrap();
    let macron = text.find("Emmanuel Macron").unwrap();
    assert!(merkel < macron, "sorted by start");
    // One key per line: no inline tables.
    assert!(!text.contains('{'), "{text}");
    let (title, b) = body(&art);
    let loaded = store.load(&art, &title, &b);
    assert_eq!(loaded.read_only, None);
    assert_eq!(loaded.record.annotations.len(), 2);
    // Saving again without change writes the same bytes (nothing like a "saved at" stamp).
    store.save(&loaded.record).unwrap();
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), text);
}

#[test]
fn unparsable_file_opens_read_only_and_is_never_overwritten() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let file = store.file_for(&art);
    std::fs::write(&file, "schema = 1\npath = \"x\"\n[[annotation]\nid = 1\n").unwrap();
    let (title, b) = body(&art);
    let loaded = store.load(&art, &title, &b);
    let why = loaded.read_only.clone().unwrap();
    assert!(
        why.contains(&file.file_name().unwrap().to_string_lossy().to_string())
            && why.contains(&file.parent().unwrap().display().to_string())
            && why.contains(":3:"),
        "{why}"
    );
    let mut rec = loaded.record;
    rec.annotations.push(accepted(&b, "Berlin", "LOC"));
    assert!(matches!(store.save(&rec), Err(StoreError::ReadOnly(_))));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("[[annotation]\n")
    );
    // Also when save comes without a load first (a fresh store on the same folder).
    let store2 = {
        drop(store);
        Store::open(&data).unwrap()
    };
    assert!(matches!(store2.save(&rec), Err(StoreError::ReadOnly(_))));
}

#[test]
fn newer_schema_opens_read_only() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let file = store.file_for(&art);
    let text = "schema = 7\npath = \"x\"\ntitle = \"t\"\nsha256 = \"\"\nfuture = true\n";
    std::fs::write(&file, text).unwrap();
    let (title, b) = body(&art);
    let loaded = store.load(&art, &title, &b);
    assert!(loaded.read_only.unwrap().contains("schema = 7"));
    assert!(store.save(&loaded.record).is_err());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn second_store_on_same_folder_is_read_only() {
    let (_t, art, data) = setup();
    let first = Store::open(&data).unwrap();
    assert_eq!(first.read_only(), None);
    let second = Store::open(&data).unwrap();
    let why = second.read_only().unwrap().to_string();
    assert!(why.contains("another gloss"), "{why}");
    let (title, b) = body(&art);
    let loaded = second.load(&art, &title, &b);
    assert!(loaded.read_only.is_some());
    assert!(matches!(
        second.save(&loaded.record),
        Err(StoreError::ReadOnly(_))
    ));
    drop(first);
    drop(second);
    assert_eq!(Store::open(&data).unwrap().read_only(), None);
}

#[test]
fn annotations_follow_a_moved_article() {
    let (t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    save(&store, &art, vec![accepted(&b, "Angela Merkel", "PER")]);
    let old_file = store.file_for(&art);
    let moved = t.path().join("news/sub/renamed.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&art, &moved).unwrap();
    let (title, b) = body(&moved);
    let loaded = store.load(&moved, &title, &b);
    assert_eq!(loaded.record.annotations.len(), 1);
    assert!(!old_file.exists(), "old store file removed");
    assert!(
        store.file_for(&moved).exists(),
        "rewritten under the new name"
    );
    // Moved and edited: matched by title when the hash no longer matches.
    let again = t.path().join("news/again.txt");
    std::fs::write(&again, ARTICLE.replace("am Abend", "spät am Abend")).unwrap();
    std::fs::remove_file(&moved).unwrap();
    let (title, b) = body(&again);
    let loaded = store.load(&again, &title, &b);
    assert_eq!(loaded.record.annotations[0].text, "Angela Merkel");
}

#[test]
fn changed_article_is_reanchored_and_orphans_kept() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    save(
        &store,
        &art,
        vec![
            accepted(&b, "Emmanuel Macron", "PER"),
            accepted(&b, "Sprecher der Regierung", "ORG"),
        ],
    );
    let edited = ARTICLE
        .replace(
            "Die Kanzlerin",
            "Neu: ein Absatz davor.\n\nDie damalige Kanzlerin",
        )
        .replace("sagte ein Sprecher der Regierung", "hieß es");
    std::fs::write(&art, edited).unwrap();
    let (title, b) = body(&art);
    let rec = store.load(&art, &title, &b).record;
    let macron = rec.annotations.iter().find(|a| a.label == "PER").unwrap();
    assert!(!macron.orphaned);
    assert_eq!(
        (macron.start, macron.end),
        span(&b, "Emmanuel Macron"),
        "moved with the text"
    );
    let gone = rec.annotations.iter().find(|a| a.label == "ORG").unwrap();
    assert!(gone.orphaned);
    assert_eq!(gone.text, "Sprecher der Regierung");
    store.save(&rec).unwrap();
    let text = std::fs::read_to_string(store.file_for(&art)).unwrap();
    assert!(text.contains("orphaned = true"));
}

#[test]
fn learned_and_never_suggest() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    let mut rejected = accepted(&b, "Berlin", "LOC");
    rejected.status = Status::Rejected;
    save(
        &store,
        &art,
        vec![accepted(&b, "Angela Merkel", "PER"), rejected],
    );
    store.never_suggest("Abend", "MISC").unwrap();
    store.never_suggest("Abend", "MISC").unwrap();
    let l = store.learned();
    assert_eq!(l.known, vec![("Angela Merkel".into(), "PER".into())]);
    assert_eq!(l.never, vec![("Abend".into(), "MISC".into())]);
}

#[test]
fn saving_no_annotations_removes_the_file() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    save(&store, &art, vec![accepted(&b, "Berlin", "LOC")]);
    assert!(store.file_for(&art).exists());
    let (title, b) = body(&art);
    store
        .save(&ArticleRecord {
            path: art.clone(),
            title,
            sha256: String::new(),
            annotations: vec![Annotation::new(&b, Kind::Entity, "LOC", 0, 2, Origin::Auto)],
        })
        .unwrap();
    assert!(!store.file_for(&art).exists());
}

#[test]
fn unrelated_article_with_same_title_does_not_take_over() {
    let (t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    save(&store, &art, vec![accepted(&b, "Angela Merkel", "PER")]);
    let old_file = store.file_for(&art);
    std::fs::remove_file(&art).unwrap();
    let other = t.path().join("news/other.txt");
    std::fs::write(
        &other,
        "2024-03-01\n\nBerlin trifft Paris\n\nEin ganz anderer Text über Fußball in Madrid.\n",
    )
    .unwrap();
    let (title, b) = body(&other);
    assert!(store.load(&other, &title, &b).record.annotations.is_empty());
    assert!(old_file.exists(), "the old file is left alone");
}

#[test]
fn learned_stays_current_after_saves_without_rereading() {
    let (_t, art, data) = setup();
    let store = Store::open(&data).unwrap();
    let (_, b) = body(&art);
    assert!(store.learned().known.is_empty());
    save(&store, &art, vec![accepted(&b, "Angela Merkel", "PER")]);
    assert_eq!(
        store.learned().known,
        vec![("Angela Merkel".into(), "PER".into())]
    );
    // Rejecting it instead un-teaches it.
    let (title, b2) = body(&art);
    let mut rec = store.load(&art, &title, &b2).record;
    for a in &mut rec.annotations {
        a.status = Status::Rejected;
    }
    store.save(&rec).unwrap();
    assert!(store.learned().known.is_empty());
    drop(store);
    assert!(Store::open(&data).unwrap().learned().known.is_empty());
}
