//! `gloss check`: exit 0 with a summary on a clean store, 1 naming what is broken.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use gloss::annotation::{Annotation, Kind, Origin, Store};
use gloss::article;
use predicates::prelude::*;
use predicates::str::contains;

const ARTICLE: &str = "2024-03-01\n\nBerlin trifft Paris\n\nDie Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.\n";

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let news = t.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let path = news.join("gipfel.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let art = article::load(&path).unwrap();
    let body = art.body();
    let store = Store::open(&t.path().join("data")).unwrap();
    let mut rec = store.load(&path, &art.meta.title, &body).record;
    let b = body.find("Angela Merkel").unwrap();
    let s = body[..b].chars().count();
    rec.annotations.push(Annotation::new(
        &body,
        Kind::Entity,
        "PER",
        s,
        s + 13,
        Origin::Manual,
    ));
    store.save(&rec).unwrap();
    (t, path)
}

fn check(t: &tempfile::TempDir) -> assert_cmd::assert::Assert {
    Command::cargo_bin("gloss")
        .unwrap()
        .env_remove("GLOSS_CONFIG")
        .current_dir(t.path())
        .env("GLOSS_DATA_DIR", "data")
        .args(["check", "news"])
        .assert()
}

#[test]
fn clean_store_exits_zero_with_summary() {
    let (t, _) = setup();
    check(&t)
        .success()
        .stdout(contains("1 article and 1 store file: 0 errors"));
}

#[test]
fn unparsable_store_file_is_an_error_with_file_and_line() {
    let (t, _) = setup();
    let dir = t.path().join("data/annotations");
    std::fs::write(
        dir.join("broken-000000000000.toml"),
        "schema = 1\n\npath = [\n",
    )
    .unwrap();
    check(&t)
        .code(1)
        .stderr(contains("broken-000000000000.toml:3"))
        .stdout(contains("1 error,"));
}

#[test]
fn orphaned_annotation_is_reported_as_warning() {
    let (t, path) = setup();
    std::fs::write(
        &path,
        ARTICLE.replace("Angela Merkel", "die Regierungschefin"),
    )
    .unwrap();
    check(&t)
        .success()
        .stderr(contains("orphaned annotation \"Angela Merkel\""));
}

#[test]
fn a_changed_quote_is_reported_as_warning_with_both_wordings() {
    let (t, path) = setup();
    std::fs::write(&path, ARTICLE.replace("Angela Merkel", "Angela Merkle")).unwrap();
    check(&t)
        .success()
        .stderr(contains(
            "changed quote (PER) at 14..27: annotated \"Angela Merkel\", now \"Angela Merkle\"",
        ))
        .stdout(contains("1 warning"));
}

#[test]
fn an_edit_elsewhere_flags_nothing() {
    let (t, path) = setup();
    std::fs::write(&path, ARTICLE.replace("Berlin den", "Bonn den")).unwrap();
    check(&t)
        .success()
        .stderr(predicates::str::contains("changed quote").not())
        .stdout(contains("0 warnings"));
}

#[test]
fn unreadable_article_is_an_error() {
    let (t, _) = setup();
    std::fs::write(t.path().join("news/leer.txt"), "").unwrap();
    check(&t).code(1).stderr(contains("leer.txt"));
}
