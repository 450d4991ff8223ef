//! `gloss agree`: two annotators' stores over one corpus, as text and JSON.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use gloss::annotation::{Annotation, Kind, Origin, Store};

const BODY: &str = "Angela Merkel traf Emmanuel Macron in Berlin. Sie sagte, alles sei gut.";

fn annotate(data: &Path, root: &Path, anns: &[(&str, &str)]) {
    let art = root.join("gipfel.txt");
    let store = Store::open(data).unwrap();
    store.set_root(Some(root)).unwrap();
    let mut rec = store.load(&art, "", BODY).record;
    for (needle, label) in anns {
        let s = BODY[..BODY.find(needle).unwrap()].chars().count();
        let kind = if *label == "claim" {
            Kind::Claim
        } else {
            Kind::Entity
        };
        rec.annotations.push(Annotation::new(
            BODY,
            kind,
            label,
            s,
            s + needle.chars().count(),
            Origin::Manual,
        ));
    }
    store.save(&rec).unwrap();
}

fn agree(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("gloss")
        .unwrap()
        .current_dir(dir)
        .env_remove("GLOSS_CONFIG")
        .env_remove("GLOSS_DATA_DIR")
        .arg("agree")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn agree_reports_scores_kappa_and_disagreements() {
    let t = tempfile::tempdir().unwrap();
    // Each annotator's corpus lies elsewhere on disk: the keys still pair the articles.
    for (who, at, anns) in [
        (
            "ann",
            "ann/corpus",
            &[("Angela Merkel", "PER"), ("Berlin", "LOC")][..],
        ),
        (
            "bob",
            "bob/x/corpus",
            &[
                ("Angela Merkel", "PER"),
                ("Berlin", "ORG"),
                ("Macron", "PER"),
            ][..],
        ),
    ] {
        let root = t.path().join(at);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("gipfel.txt"), BODY).unwrap();
        annotate(&t.path().join(who), &root, anns);
    }
    let out = agree(t.path(), &["ann", "bob", "ann/corpus", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 1);
    let labels = v["labels"].as_array().unwrap();
    let per = labels.iter().find(|l| l["label"] == "PER").unwrap();
    assert_eq!(per["precision"], 0.5);
    assert_eq!(per["recall"], 1.0);
    assert!(per["f1"].as_f64().unwrap() > 0.66 && per["f1"].as_f64().unwrap() < 0.67);
    let k = v["kappa"].as_f64().unwrap();
    assert!(k > 0.0 && k < 1.0, "{k}");
    let kinds: Vec<&str> = v["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["only_b", "label"]);

    let out = agree(t.path(), &["ann", "bob", "ann/corpus"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Cohen's kappa over 12 words"), "{text}");
    assert!(text.contains("only in B: PER 28..34 \"Macron\""), "{text}");
    assert!(text.contains("label: A LOC 38..44"), "{text}");
}

#[test]
fn agree_refuses_a_missing_store() {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("a")).unwrap();
    let out = agree(t.path(), &["a", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope: no such store"), "{err}");
}

#[test]
fn agree_review_flags_the_disagreements_for_the_tui_review() {
    let t = tempfile::tempdir().unwrap();
    for (who, anns) in [
        ("ann", &[("Angela Merkel", "PER"), ("Berlin", "LOC")][..]),
        (
            "bob",
            &[
                ("Angela Merkel", "PER"),
                ("Berlin", "ORG"),
                ("Macron", "PER"),
            ][..],
        ),
    ] {
        let root = t.path().join(who).join("corpus");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("gipfel.txt"), BODY).unwrap();
        annotate(&t.path().join(who).join("data"), &root, anns);
    }
    let out = agree(
        t.path(),
        &["ann/data", "bob/data", "ann/corpus", "--review"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("flagged 2 disagreements in 1 article"),
        "{said}"
    );
    // The TUI opens them one by one, both versions side by side.
    let render = |keys: &str| {
        let out = Command::cargo_bin("gloss")
            .unwrap()
            .current_dir(t.path())
            .env_remove("GLOSS_CONFIG")
            .env("GLOSS_DATA_DIR", t.path().join("ann/data"))
            .args([
                "render",
                "--size",
                "120x30",
                "--keys",
                keys,
                "ann/corpus/gipfel.txt",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // The first is Macron, which only Bob has.
    let text = render("R");
    assert!(text.contains("conflict 1/2"), "{text}");
    let row = text.lines().find(|l| l.contains("text ")).unwrap();
    assert!(
        row.contains("Macron") && row.contains("not in the other version"),
        "{row}"
    );
    // The second is Berlin: LOC here, ORG there.
    let text = render("R<Down>");
    assert!(text.contains("conflict 2/2"), "{text}");
    let row = text.lines().find(|l| l.contains("label")).unwrap();
    assert!(row.contains("LOC") && row.contains("ORG"), "{row}");
    // Made again, nothing more is flagged.
    let out = agree(
        t.path(),
        &["ann/data", "bob/data", "ann/corpus", "--review"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("flagged 0 disagreements"));
}
