#![allow(clippy::unwrap_used)]
//! `gloss show` driven through the real binary.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const SEED: &str = "assets/articles/2024-12-21-putin-pezeshkian.txt";

fn gloss() -> Command {
    let mut cmd = Command::cargo_bin("gloss").unwrap();
    // Keep the user's config out of the tests: an empty config is all defaults.
    let config = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_show_empty_config.toml");
    std::fs::write(&config, "").unwrap();
    cmd.env("GLOSS_CONFIG", config);
    cmd
}

#[test]
fn seed_as_text() {
    let out = gloss().args(["show", SEED]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let (head, body) = text.split_once("\n\n").unwrap();
    assert!(head.starts_with("Title: Putin und Pezeshkian schmieden neue strategische Allianz\n"));
    for line in [
        "Date: 2024-12-21",
        "Section: Politik",
        "Source: -",
        "Author: -",
        "URL: -",
        "Language: de",
        "Warnings: none",
    ] {
        assert!(head.lines().any(|l| l == line), "{line} missing in {head}");
    }
    let paragraphs: Vec<&str> = body.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 7);
    assert!(paragraphs[0].starts_with("Das erste Treffen"));
    assert!(paragraphs.iter().all(|p| !p.contains('\n')));
}

#[test]
fn seed_as_json() {
    let out = gloss()
        .args(["show", "--format", "json", SEED])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        vec![
            "author",
            "date",
            "lang",
            "paragraphs",
            "path",
            "section",
            "source",
            "title",
            "url",
            "warnings"
        ]
    );
    assert_eq!(
        v["title"],
        "Putin und Pezeshkian schmieden neue strategische Allianz"
    );
    assert_eq!(v["date"], "2024-12-21");
    assert_eq!(v["section"], "Politik");
    assert_eq!(v["lang"], "de");
    assert_eq!(v["path"], SEED);
    assert!(v["author"].is_null() && v["source"].is_null() && v["url"].is_null());
    let paragraphs = v["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 7);
    assert!(
        paragraphs[0]
            .as_str()
            .unwrap()
            .starts_with("Das erste Treffen")
    );
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn html_sample_as_json_has_its_metadata() {
    let out = gloss()
        .args([
            "show",
            "--format",
            "json",
            "assets/articles/2025-05-06-hafenstreik-hamburg.html",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["date"], "2025-05-06");
    assert_eq!(v["author"], "Leonie Brandt");
    assert_eq!(v["source"], "Gloss Nordkurier");
    assert_eq!(
        v["url"],
        "https://nordkurier.example/wirtschaft/warnstreik-hafen-hamburg"
    );
    let body = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(
        !body.contains("Impressum") && !body.contains("Festgeld") && !body.contains("Meistgelesen")
    );
}

#[test]
fn terminal_escapes_are_neutralised_in_text_but_kept_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("esc.txt");
    std::fs::write(
        &f,
        "2024-01-04\n\nTitel \u{1b}]0;x\u{7}\n\nRot \u{1b}[31mrot\u{1b}[0m und \u{202e}bidi.\n",
    )
    .unwrap();
    let out = gloss().arg("show").arg(&f).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
    assert!(text.contains("[31mrot"));
    let out = gloss()
        .args(["show", "--format", "json"])
        .arg(&f)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // JSON keeps the text as read (escaped by JSON), so offsets stay true.
    assert!(v["paragraphs"][0].as_str().unwrap().contains("\u{1b}[31m"));
}

fn assert_one_line_error(file: &Path, what: &str) {
    let out = gloss().arg("show").arg(file).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains(what), "{err}");
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn errors_exit_1_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_one_line_error(&d.join("missing.txt"), "cannot read");
    std::fs::write(d.join("empty.txt"), "").unwrap();
    assert_one_line_error(&d.join("empty.txt"), "empty");
    std::fs::write(d.join("bin.txt"), b"\x00\x01\x02PK").unwrap();
    assert_one_line_error(&d.join("bin.txt"), "binary");
    std::fs::write(
        d.join("fm.md"),
        "+++\ntitle = \"x\"\ndate = = 1\n+++\nText\n",
    )
    .unwrap();
    assert_one_line_error(&d.join("fm.md"), ":3: front matter");
    std::fs::write(d.join("x.pdf"), "%PDF").unwrap();
    assert_one_line_error(&d.join("x.pdf"), "not an article");
}

#[test]
fn invalid_utf8_is_shown_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.txt");
    std::fs::write(
        &f,
        b"Titel\n\nEin Satz mit einem kaputten Byte \xff am Ende.\n",
    )
    .unwrap();
    gloss()
        .arg("show")
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("Warnings: invalid UTF-8"))
        .stdout(predicate::str::contains("Byte \u{fffd} am Ende."));
}

#[test]
fn config_can_force_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "language = \"en\"\n").unwrap();
    let out = gloss()
        .env("GLOSS_CONFIG", &config)
        .args(["show", "--format", "json", SEED])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["lang"], "en");
}

#[test]
fn seed_text_snapshot() {
    let out = gloss().args(["show", SEED]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    insta::assert_snapshot!(text);
}
