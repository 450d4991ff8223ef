//! The store keeps its promises under failure: every step of a write can fail (injected,
//! since CI runs as root and root ignores `chmod`) and each leaves the old file intact; the
//! undo of a never-suggest is written; a second gloss becomes the writer once the first one
//! quits.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use gloss::annotation::file::{self, WriteStep};
use gloss::annotation::{Annotation, ArticleRecord, Kind, Origin, Store};

const BODY: &str = "Wladimir Putin traf Masoud Pezeshkian in Aschgabat.";

fn record(path: &Path, n: usize) -> ArticleRecord {
    let spans = [(0, 14), (20, 37), (41, 50)];
    ArticleRecord {
        path: path.to_path_buf(),
        title: "Treffen".into(),
        sha256: file::sha256_hex(BODY),
        annotations: spans[..n]
            .iter()
            .map(|&(s, e)| Annotation::new(BODY, Kind::Entity, "PER", s, e, Origin::Manual))
            .collect(),
    }
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp-"))
        .collect()
}

#[test]
fn every_failed_write_step_leaves_the_old_file_and_no_temporary() {
    for step in [
        WriteStep::Create,
        WriteStep::Write,
        WriteStep::Fsync,
        WriteStep::Rename,
        WriteStep::SyncDir,
    ] {
        let t = tempfile::tempdir().unwrap();
        let art = t.path().join("treffen.txt");
        std::fs::write(&art, BODY).unwrap();
        let store = Store::open(&t.path().join("data")).unwrap();
        let one = record(&art, 1);
        store.save(&one).unwrap();
        let target = store.file_for(&art);
        let before = std::fs::read_to_string(&target).unwrap();

        file::inject_fault(Some(step), 0);
        let err = store.save(&record(&art, 3)).unwrap_err().to_string();
        file::inject_fault(None, 0);
        assert!(err.contains("injected fault"), "{step:?}: {err}");
        assert!(
            temporaries(store.dir()).is_empty(),
            "{step:?}: temporary left"
        );
        let after = std::fs::read_to_string(&target).unwrap();
        // Also when the folder's fsync fails after the rename: the old file is put back.
        assert_eq!(after, before, "{step:?}: the old file must be intact");
        // Once the disk works again the next save goes through.
        store.save(&record(&art, 3)).unwrap();
        let f = file::read(&target).unwrap().unwrap();
        assert_eq!(f.annotations.len(), 3, "{step:?}");
    }
}

#[test]
fn a_fault_can_wait_for_some_writes_to_succeed() {
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("treffen.txt");
    std::fs::write(&art, BODY).unwrap();
    let store = Store::open(&t.path().join("data")).unwrap();
    file::inject_fault_spec("rename:1").unwrap();
    let first = store.save(&record(&art, 1));
    let second = store.save(&record(&art, 2));
    file::inject_fault(None, 0);
    first.unwrap();
    assert!(second.is_err());
    assert!(
        file::inject_fault_spec("flush")
            .unwrap_err()
            .contains("flush")
    );
    assert!(file::inject_fault_spec("rename:x").is_err());
    file::inject_fault(None, 0);
}

#[test]
fn deleting_the_last_annotation_can_fail_and_keeps_the_file() {
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("treffen.txt");
    std::fs::write(&art, BODY).unwrap();
    let store = Store::open(&t.path().join("data")).unwrap();
    store.save(&record(&art, 1)).unwrap();
    file::inject_fault(Some(WriteStep::Rename), 0);
    let res = store.save(&record(&art, 0));
    file::inject_fault(None, 0);
    assert!(res.is_err());
    assert!(store.file_for(&art).exists());
}

#[test]
fn never_suggest_and_its_undo_both_reach_never_toml() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let store = Store::open(&data).unwrap();
    store.never_suggest("London", "LOC").unwrap();
    store.never_suggest("Paris", "LOC").unwrap();
    assert!(
        store
            .learned()
            .never
            .contains(&("London".into(), "LOC".into()))
    );
    store.allow_suggest("London", "LOC").unwrap();
    drop(store);
    // After a restart London is suggested again; Paris is still never suggested.
    let store = Store::open(&data).unwrap();
    let never = store.learned().never;
    assert_eq!(never, vec![("Paris".to_string(), "LOC".to_string())]);
    // Not on the list: nothing to do, no error.
    store.allow_suggest("Rom", "LOC").unwrap();
    // A failing disk is an error, and the list is unchanged.
    file::inject_fault(Some(WriteStep::Write), 0);
    let res = store.allow_suggest("Paris", "LOC");
    file::inject_fault(None, 0);
    assert!(res.is_err());
    assert_eq!(store.learned().never.len(), 1);
}

#[test]
fn a_read_only_store_becomes_writable_once_the_other_gloss_quits() {
    let t = tempfile::tempdir().unwrap();
    let art = t.path().join("treffen.txt");
    std::fs::write(&art, BODY).unwrap();
    let data = t.path().join("data");
    let first = Store::open(&data).unwrap();
    let second = Store::open(&data).unwrap();
    assert!(second.read_only().unwrap().contains("another gloss"));
    assert!(!second.retry_lock(), "still held");
    assert!(second.save(&record(&art, 1)).is_err());
    first.save(&record(&art, 2)).unwrap();
    drop(first);
    assert!(second.retry_lock());
    assert_eq!(second.read_only(), None);
    assert!(!second.retry_lock(), "already the writer");
    // It sees what the first one wrote, and writes.
    let loaded = second.load(&art, "Treffen", BODY);
    assert_eq!(loaded.read_only, None);
    assert_eq!(loaded.record.annotations.len(), 2);
    second.save(&record(&art, 3)).unwrap();
    // And now it is the one that keeps a third out.
    let third = Store::open(&data).unwrap();
    assert!(third.read_only().is_some());
    // A store opened for reading never takes the lock.
    assert!(!Store::open_for_reading(&data).retry_lock());
}
