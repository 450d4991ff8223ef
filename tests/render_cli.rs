//! `gloss render` driven as a script would: the real binary, plain text out.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use predicates::prelude::*;

/// `gloss render` with its own config and data dir.
fn gloss(data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.env_remove("GLOSS_CONFIG")
        .env_remove("GLOSS_DATA_DIR")
        .arg("render")
        .arg("--config")
        .arg(data.join("no-config.toml"))
        .arg("--data-dir")
        .arg(data);
    c
}

fn with_empty_config(data: &std::path::Path) {
    std::fs::write(data.join("no-config.toml"), "").unwrap();
}

#[test]
fn render_shows_the_list_and_the_seed() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    let out = gloss(d.path())
        .args(["--size", "100x30", "assets/articles"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 30);
    assert!(text.contains("Articles"));
    assert!(text.contains("Putin und Pezeshkian"));
    assert!(
        text.lines().all(|l| l == l.trim_end()),
        "trailing spaces trimmed"
    );
}

#[test]
fn bad_key_notation_is_a_usage_error() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    gloss(d.path())
        .args(["--keys", "j<Nope>", "assets/articles"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<Nope>"));
    gloss(d.path())
        .args(["--keys", "<Tab", "assets/articles"])
        .assert()
        .code(2);
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    gloss(d.path())
        .args(["no/such/folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/folder"));
}

#[test]
fn escape_sequences_and_bidi_never_reach_the_screen() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    let art = d.path().join("2024-01-04-evil.txt");
    std::fs::write(
        &art,
        "2024-01-04\n\nEvil \u{1b}]0;title\u{7} headline\n\nRed \u{1b}[31mred\u{1b}[0m \u{1b}]52;c;ZWNobw==\u{7} \u{202e}bidi \u{2066}iso\u{2069} end.\n",
    )
    .unwrap();
    for target in [art.clone(), d.path().to_path_buf()] {
        let out = gloss(d.path())
            .args(["--size", "120x24"])
            .arg(&target)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}', '\u{2069}'] {
            assert!(!text.contains(bad), "{bad:?} reached the screen:\n{text}");
        }
        assert!(text.contains("end."), "{text}");
    }
}

#[test]
fn tiny_and_huge_sizes_render() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    for size in ["1x1", "2x2", "20x5", "300x100"] {
        gloss(d.path())
            .args(["--size", size, "--keys", "<Tab>jG?", "assets/articles"])
            .assert()
            .success();
    }
}

#[test]
fn a_single_article_opens_in_the_reader() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    let out = gloss(d.path())
        .args([
            "--size",
            "120x30",
            "assets/articles/2024-12-21-putin-pezeshkian.txt",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Reader 1/1"), "{text}");
    assert!(text.contains("Wladimir Putin"), "{text}");
}

#[test]
fn skipped_files_are_reported_in_the_status_bar() {
    let d = tempfile::tempdir().unwrap();
    with_empty_config(d.path());
    let arts = d.path().join("arts");
    std::fs::create_dir(&arts).unwrap();
    std::fs::write(
        arts.join("2024-01-01-good.txt"),
        "2024-01-01\n\nGood one\n\nText here.\n",
    )
    .unwrap();
    std::fs::write(arts.join("2024-01-02-bin.txt"), b"\x00\x01\x02bin").unwrap();
    std::fs::write(arts.join("2024-01-03-empty.txt"), "").unwrap();
    let out = gloss(d.path())
        .args(["--size", "160x8"])
        .arg(&arts)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let status = text.lines().last().unwrap();
    assert!(status.contains("2 files skipped"), "{status}");
    assert!(status.contains("empty"), "{status}");
    assert!(
        text.contains("Good one"),
        "the readable article is open:\n{text}"
    );
}
