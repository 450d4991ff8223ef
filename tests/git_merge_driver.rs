//! Two people change the same article's annotations in clones of one repository; real
//! `git merge` combines them, with `gloss merge-driver` (set up by `gloss merge-driver
//! --install`) where a line merge cannot: nothing is lost, conflicts are kept both ways.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::git::{git, git_out};

use gloss::annotation::{Annotation, Kind, Origin, Status, Store};

const BODY: &str = "Die Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron. \
Später sprachen beide in Paris mit Vertretern der Europäischen Union über die Lage in Kyjiw.";

fn gloss(data: &Path, args: &[&str]) -> Output {
    // An empty config beside the data dir, out of its repository.
    let config = data.parent().unwrap().join("config.toml");
    std::fs::write(&config, "").unwrap();
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("GLOSS_CONFIG", &config)
        .output()
        .unwrap()
}

struct Team {
    _t: tempfile::TempDir,
    article: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

/// A repository `a` with Merkel, Berlin and Paris accepted, cloned as `b`.
fn team(driver: bool) -> Team {
    let t = tempfile::tempdir().unwrap();
    let article = t.path().join("gipfel.txt");
    std::fs::write(&article, BODY).unwrap();
    let a = t.path().join("a");
    let b = t.path().join("b");
    std::fs::create_dir(&a).unwrap();
    git(&a, &["init", "-q"]);
    edit(&a, &article, |anns| {
        for needle in ["Angela Merkel", "Berlin", "Paris"] {
            let s = BODY[..BODY.find(needle).unwrap()].chars().count();
            let mut x = Annotation::new(
                BODY,
                Kind::Entity,
                "PER",
                s,
                s + needle.chars().count(),
                Origin::Auto,
            );
            x.status = Status::Accepted;
            anns.push(x);
        }
    });
    if driver {
        let out = gloss(&a, &["merge-driver", "--install"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    git(&a, &["add", "-A"]);
    git(&a, &["commit", "-q", "-m", "base"]);
    git(t.path(), &["clone", "-q", "a", "b"]);
    if driver {
        // The config is per clone; the attributes came with the clone.
        let out = gloss(&b, &["merge-driver", "--install"]);
        assert!(out.status.success());
        assert_eq!(
            git_status(&b),
            "",
            "install changes nothing tracked in a clone"
        );
    }
    Team {
        _t: t,
        article,
        a,
        b,
    }
}

fn git_status(dir: &Path) -> String {
    String::from_utf8_lossy(&git_out(dir, &["status", "--porcelain"]).stdout).into_owned()
}

fn edit(data: &Path, article: &Path, f: impl FnOnce(&mut Vec<Annotation>)) {
    let store = Store::open(data).unwrap();
    let mut rec = store.load(article, "Gipfel", BODY).record;
    f(&mut rec.annotations);
    store.save(&rec).unwrap();
}

fn note(text: &'static str, note: &'static str) -> impl FnOnce(&mut Vec<Annotation>) {
    move |anns| {
        let a = anns.iter_mut().find(|a| a.text == text).unwrap();
        a.note = note.into();
    }
}

fn delete(text: &'static str) -> impl FnOnce(&mut Vec<Annotation>) {
    move |anns| anns.retain(|a| a.text != text)
}

fn commit_both(
    t: &Team,
    on_a: impl FnOnce(&mut Vec<Annotation>),
    on_b: impl FnOnce(&mut Vec<Annotation>),
) {
    edit(&t.a, &t.article, on_a);
    git(&t.a, &["commit", "-q", "-am", "a"]);
    edit(&t.b, &t.article, on_b);
    git(&t.b, &["commit", "-q", "-am", "b"]);
    git(&t.a, &["fetch", "-q", "../b", "HEAD"]);
}

fn merge(t: &Team) -> Output {
    git_out(&t.a, &["merge", "-q", "--no-edit", "FETCH_HEAD"])
}

fn merged(t: &Team) -> Vec<Annotation> {
    let loaded = Store::open(&t.a).unwrap().load(&t.article, "Gipfel", BODY);
    assert_eq!(loaded.read_only, None, "the merged file parses");
    loaded.record.annotations
}

#[test]
fn deleted_on_one_side_merges_with_plain_git() {
    let t = team(false);
    commit_both(&t, delete("Paris"), note("Angela Merkel", "Kanzlerin"));
    let out = merge(&t);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let anns = merged(&t);
    let texts: Vec<(&str, &str)> = anns
        .iter()
        .map(|a| (a.text.as_str(), a.note.as_str()))
        .collect();
    assert_eq!(texts, [("Angela Merkel", "Kanzlerin"), ("Berlin", "")]);
}

#[test]
fn the_same_annotation_changed_on_both_sides_is_a_conflict_for_plain_git() {
    let t = team(false);
    commit_both(
        &t,
        note("Berlin", "Hauptstadt"),
        note("Berlin", "Treffpunkt"),
    );
    assert!(!merge(&t).status.success(), "a line merge cannot decide");
}

#[test]
fn the_driver_keeps_both_versions_of_one_changed_on_both_sides() {
    let t = team(true);
    commit_both(
        &t,
        note("Berlin", "Hauptstadt"),
        note("Berlin", "Treffpunkt"),
    );
    let out = merge(&t);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("flagged for review"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let anns = merged(&t);
    let berlin: Vec<&Annotation> = anns.iter().filter(|a| a.text == "Berlin").collect();
    assert_eq!(berlin.len(), 2, "both versions kept");
    let mut notes: Vec<&str> = berlin.iter().map(|a| a.note.as_str()).collect();
    notes.sort();
    assert_eq!(notes, ["Hauptstadt", "Treffpunkt"]);
    assert_eq!(berlin[0].conflict.as_deref(), Some(berlin[1].id.as_str()));
    assert_eq!(berlin[1].conflict.as_deref(), Some(berlin[0].id.as_str()));
    assert_eq!(anns.len(), 4, "the others kept once: {anns:?}");
    assert_eq!(git_status(&t.a), "", "merged and committed");
}

#[test]
fn the_driver_merges_different_annotations_and_deletions() {
    let t = team(true);
    commit_both(
        &t,
        |anns| {
            delete("Paris")(anns);
            note("Angela Merkel", "Kanzlerin")(anns);
        },
        |anns| {
            let s = BODY[..BODY.find("Kyjiw").unwrap()].chars().count();
            anns.push(Annotation::new(
                BODY,
                Kind::Entity,
                "LOC",
                s,
                s + 5,
                Origin::Manual,
            ));
            note("Angela Merkel", "Kanzlerin")(anns);
        },
    );
    let out = merge(&t);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts: Vec<(String, String)> = merged(&t).into_iter().map(|a| (a.text, a.note)).collect();
    assert_eq!(
        texts,
        [
            ("Angela Merkel".to_string(), "Kanzlerin".to_string()),
            ("Berlin".into(), String::new()),
            ("Kyjiw".into(), String::new())
        ]
    );
}

#[test]
fn the_driver_keeps_one_changed_here_and_deleted_there() {
    let t = team(true);
    commit_both(&t, note("Paris", "Gipfelort"), delete("Paris"));
    let out = merge(&t);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let anns = merged(&t);
    let paris = anns.iter().find(|a| a.text == "Paris").unwrap();
    assert_eq!(paris.note, "Gipfelort");
    assert_eq!(paris.conflict.as_deref(), Some("deleted"));
}

#[test]
fn install_refuses_outside_a_repository() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let out = gloss(&data, &["merge-driver", "--install"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not in a git repository"), "{err}");
}
