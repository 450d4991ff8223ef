//! `gloss import`: merging by id; a conflicting id keeps both and says so.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use gloss::annotation::{Annotation, Kind, Origin, Store};

const BODY: &str = "Die Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.";

fn export_doc(path: &str, a: &Annotation) -> String {
    use gloss::annotation::export::{ExportArticle, to_toml};
    let art = ExportArticle {
        path: path.into(),
        title: "Gipfel".into(),
        date: None,
        section: None,
        sha256: gloss::annotation::file::sha256_hex(BODY),
        annotations: vec![a.clone()],
    };
    to_toml(&[art], "2026-01-01T00:00:00Z".parse().unwrap()).unwrap()
}

#[test]
fn import_merges_by_id_and_keeps_both_on_conflict() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("gipfel.txt"), BODY).unwrap();
    let data = t.path().join("data");
    let mut a = Annotation::new(BODY, Kind::Entity, "PER", 14, 27, Origin::Manual);
    let file = t.path().join("in.toml");
    std::fs::write(&file, export_doc("gipfel.txt", &a)).unwrap();
    let run = || {
        let mut c = Command::cargo_bin("gloss").unwrap();
        c.current_dir(t.path())
            .env("GLOSS_DATA_DIR", &data)
            .arg("import")
            .arg(&file);
        c.output().unwrap()
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same again: a no-op.
    let out = run();
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported 0 annotations"));
    // Same id, other content: both kept, the imported one renamed, and said.
    a.note = "anders".into();
    std::fs::write(&file, export_doc("gipfel.txt", &a)).unwrap();
    let out = run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(
        err.contains(&a.id) && err.contains("other content"),
        "{err}"
    );
    let store = Store::open(&data).unwrap();
    let rec = store
        .load(&t.path().join("gipfel.txt"), "Gipfel", BODY)
        .record;
    assert_eq!(rec.annotations.len(), 2);
    assert!(
        rec.annotations
            .iter()
            .any(|x| x.id == a.id && x.note.is_empty())
    );
    assert!(
        rec.annotations
            .iter()
            .any(|x| x.id != a.id && x.note == "anders")
    );
}

#[test]
fn import_matches_a_moved_article_by_hash() {
    let t = tempfile::tempdir().unwrap();
    let here = t.path().join("here.txt");
    std::fs::write(&here, BODY).unwrap();
    let data = t.path().join("data");
    {
        let store = Store::open(&data).unwrap();
        let mut rec = store.load(&here, "Gipfel", BODY).record;
        rec.annotations.push(Annotation::new(
            BODY,
            Kind::Entity,
            "LOC",
            36,
            42,
            Origin::Manual,
        ));
        store.save(&rec).unwrap();
    }
    let a = Annotation::new(BODY, Kind::Entity, "PER", 14, 27, Origin::Manual);
    let file = t.path().join("in.toml");
    std::fs::write(&file, export_doc("elsewhere/gipfel.txt", &a)).unwrap();
    Command::cargo_bin("gloss")
        .unwrap()
        .current_dir(t.path())
        .env("GLOSS_DATA_DIR", &data)
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let store = Store::open(&data).unwrap();
    assert_eq!(store.files().len(), 1);
    assert_eq!(
        store.load(&here, "Gipfel", BODY).record.annotations.len(),
        2
    );
}

#[test]
fn import_of_a_bad_file_names_file_and_line() {
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("bad.toml");
    std::fs::write(
        &file,
        "schema = 1\nexported = 2026-01-01T00:00:00Z\n[[article]\n",
    )
    .unwrap();
    Command::cargo_bin("gloss")
        .unwrap()
        .env("GLOSS_DATA_DIR", t.path().join("data"))
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bad.toml:3"));
}
