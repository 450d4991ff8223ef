//! Who did it: the config's `author` is recorded on what the user makes or changes, shown
//! in the panel, and kept in every export.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;

const SEED: &str = "assets/articles/2024-12-21-putin-pezeshkian.txt";

fn gloss(data: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("gloss")
        .unwrap()
        .env_remove("GLOSS_CONFIG")
        .env_remove("GLOSS_DATA_DIR")
        .arg("--config")
        .arg(data.join("config.toml"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_author_is_recorded_shown_and_exported() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path();
    std::fs::write(data.join("config.toml"), "author = \"Ann\"\n").unwrap();
    // Accept the first suggestion, then look at the panel.
    let out = gloss(
        data,
        &["render", "--size", "120x30", "--keys", "<Tab>a", SEED],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("@Ann"), "{screen}");

    let stored: Vec<String> = std::fs::read_dir(data.join("annotations"))
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].contains("author = \"Ann\""), "{}", stored[0]);

    let toml = gloss(data, &["export", SEED]);
    assert!(String::from_utf8_lossy(&toml.stdout).contains("author = \"Ann\""));
    let json = gloss(data, &["export", "--format", "json", SEED]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["first"]["items"][0]["creator"]["name"], "Ann");
    let csv = gloss(data, &["export", "--format", "csv", SEED]);
    let text = String::from_utf8_lossy(&csv.stdout);
    // Its own column (later issues add columns after it).
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "author")
        .expect("an author column");
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(row.get(col), Some("Ann"), "{text}");
}

#[test]
fn without_an_author_nothing_is_recorded() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path();
    std::fs::write(data.join("config.toml"), "").unwrap();
    let out = gloss(
        data,
        &["render", "--size", "120x30", "--keys", "<Tab>a", SEED],
    );
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains('@'));
    let toml = String::from_utf8_lossy(&gloss(data, &["export", SEED]).stdout).into_owned();
    assert!(toml.contains("status = \"accepted\""), "{toml}");
    assert!(!toml.contains("author"), "{toml}");
}
