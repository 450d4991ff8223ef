//! `gloss export`: TOML per the contract, JSON-LD, CSV, `--all`, `-o`, and the round trip
//! through `gloss import`.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gloss::annotation::{Annotation, Kind, Origin, Status, Store};
use gloss::article;

const ARTICLE: &str = "2024-03-01\n\nBerlin trifft Paris\n\nDie Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.\n\nDer Gipfel endete am Abend, sagte ein Sprecher der Regierung.\n";

struct Fixture {
    _t: tempfile::TempDir,
    root: PathBuf,
    news: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    let news = root.join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(news.join("gipfel.txt"), ARTICLE).unwrap();
    std::fs::write(
        news.join("leer.txt"),
        "2024-01-01\n\nNichts\n\nKein Eintrag hier.\n",
    )
    .unwrap();
    let data = root.join("data");
    annotate(&data, &news.join("gipfel.txt"));
    Fixture {
        _t: t,
        root,
        news,
        data,
    }
}

fn annotate(data: &Path, path: &Path) {
    let art = article::load(path).unwrap();
    let body = art.body();
    let store = Store::open(data).unwrap();
    let mut rec = store.load(path, &art.meta.title, &body).record;
    let mut add = |needle: &str, label: &str, status: Status| {
        let b = body.find(needle).unwrap();
        let s = body[..b].chars().count();
        let mut a = Annotation::new(
            &body,
            Kind::Entity,
            label,
            s,
            s + needle.chars().count(),
            Origin::Auto,
        );
        a.status = status;
        a.tags = vec!["key-actor".into()];
        a.note = "Notiz, mit \"Komma\"".into();
        rec.annotations.push(a);
    };
    add("Angela Merkel", "PER", Status::Accepted);
    add("Abend", "MISC", Status::Rejected);
    store.save(&rec).unwrap();
}

fn gloss(f: &Fixture) -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.current_dir(&f.root)
        .env("GLOSS_DATA_DIR", &f.data)
        .env_remove("GLOSS_CONFIG");
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn toml_export_follows_the_contract() {
    let f = fixture();
    let text = stdout(gloss(&f).args(["export", "news"]));
    let doc: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(doc["schema"].as_integer(), Some(1));
    assert!(doc["exported"].as_datetime().is_some());
    let arts = doc["article"].as_array().unwrap();
    assert_eq!(arts.len(), 1, "articles without annotations are left out");
    let a = &arts[0];
    assert_eq!(a["path"].as_str(), Some("news/gipfel.txt"));
    for k in ["title", "sha256"] {
        assert!(a.get(k).is_some(), "{k}");
    }
    let anns = a["annotation"].as_array().unwrap();
    assert_eq!(anns.len(), 1, "rejected left out by default");
    let x = &anns[0];
    for k in [
        "id", "kind", "label", "text", "prefix", "suffix", "start", "end", "status", "origin",
        "tags", "note", "created", "updated",
    ] {
        assert!(x.get(k).is_some(), "{k}");
    }
    assert_eq!(x["text"].as_str(), Some("Angela Merkel"));
    assert_eq!(x["status"].as_str(), Some("accepted"));

    let all = stdout(gloss(&f).args(["export", "--all", "news"]));
    assert!(all.contains("status = \"rejected\""));
}

#[test]
fn json_and_csv_exports() {
    let f = fixture();
    let json = stdout(gloss(&f).args(["export", "--format", "json", "news"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    let item = &v["first"]["items"][0];
    assert_eq!(item["type"], "Annotation");
    assert_eq!(item["target"]["source"], "news/gipfel.txt");
    assert_eq!(item["target"]["selector"][0]["exact"], "Angela Merkel");
    assert_eq!(
        item["target"]["selector"][1]["type"],
        "TextPositionSelector"
    );

    let out = f.root.join("out.csv");
    gloss(&f)
        .args(["export", "--format", "csv", "--all", "-o"])
        .arg(&out)
        .arg("news")
        .assert()
        .success();
    let csv_text = std::fs::read_to_string(&out).unwrap();
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    assert!(r.headers().unwrap().iter().any(|h| h == "text"));
    let rows: Vec<_> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c == "Notiz, mit \"Komma\""))
    );
}

#[test]
fn export_import_export_round_trip_is_identical() {
    let f = fixture();
    let first = stdout(gloss(&f).args(["export", "--all", "news"]));
    let file = f.root.join("export.toml");
    std::fs::write(&file, &first).unwrap();
    let fresh = f.root.join("fresh");
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.current_dir(&f.root)
        .env("GLOSS_DATA_DIR", &fresh)
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let mut c = Command::cargo_bin("gloss").unwrap();
    let second = stdout(
        c.current_dir(&f.root)
            .env("GLOSS_DATA_DIR", &fresh)
            .args(["export", "--all", "news"]),
    );
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("exported = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&first), strip(&second));
    assert!(first.contains("Angela Merkel"));
}

#[test]
fn library_round_trip_is_byte_identical_with_the_same_stamp() {
    use gloss::annotation::export::{collect, to_toml};
    let f = fixture();
    let stamp: toml::value::Datetime = "2026-11-25T12:00:00Z".parse().unwrap();
    let store = Store::open_for_reading(&f.data);
    let (arts, warnings) = collect(&store, &f.news, true);
    assert!(warnings.is_empty(), "{warnings:?}");
    let first = to_toml(&arts, stamp).unwrap();
    let fresh = f.root.join("fresh");
    let store2 = Store::open(&fresh).unwrap();
    gloss::annotation::import::import_toml(&store2, Path::new("x.toml"), &first).unwrap();
    let (arts2, _) = collect(&store2, &f.news, true);
    assert_eq!(first, to_toml(&arts2, stamp).unwrap());
    let _ = f.news;
}

#[test]
fn export_of_a_missing_folder_fails_naming_it() {
    let f = fixture();
    gloss(&f)
        .args(["export", "nowhere"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nowhere"));
}
