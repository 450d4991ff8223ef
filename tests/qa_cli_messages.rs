//! Messages of the command line are one safe line: a file name or article text holding
//! escape sequences never drives the terminal, and an error's cause is not printed twice.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

/// Bytes that would drive a terminal: ESC, BEL, CSI (C1) and a BIDI override.
fn has_raw_controls(out: &[u8]) -> bool {
    let s = String::from_utf8_lossy(out);
    s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

fn gloss(t: &tempfile::TempDir) -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.env_remove("GLOSS_CONFIG")
        .env("GLOSS_DATA_DIR", t.path().join("data"))
        .current_dir(t.path());
    c
}

#[test]
fn check_names_an_evil_file_without_its_escapes() {
    let t = tempfile::tempdir().unwrap();
    let news = t.path().join("news");
    std::fs::create_dir(&news).unwrap();
    // An empty file is an error `check` lists by name.
    std::fs::write(news.join("a\u{1b}]0;pwned\u{7}b\u{202E}c.txt"), "").unwrap();
    let out = gloss(&t).args(["check", "news"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pwned"), "{err}");
    assert!(!has_raw_controls(&out.stderr), "{err:?}");
    assert!(!has_raw_controls(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 error,"));
}

#[test]
fn an_error_naming_an_evil_path_is_safe() {
    let t = tempfile::tempdir().unwrap();
    let name = "x\u{1b}[2J\u{9b}31m.txt";
    let out = gloss(&t).args(["show", name]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!has_raw_controls(&out.stderr), "{:?}", out.stderr);
    let out = gloss(&t).args(["import", name]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!has_raw_controls(&out.stderr), "{:?}", out.stderr);
}

#[test]
fn an_os_error_is_said_once() {
    let t = tempfile::tempdir().unwrap();
    let out = gloss(&t).args(["import", "missing.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing.toml"), "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}

#[test]
fn show_says_missing_or_folder_rather_than_not_an_article() {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("news")).unwrap();
    let out = gloss(&t).args(["show", "nowhere"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nowhere: cannot read") && err.contains("os error 2"),
        "{err}"
    );
    let out = gloss(&t).args(["show", "news"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("news: cannot read: a folder"), "{err}");
}

/// Runs gloss with its stdout a pipe whose reader has already gone.
fn into_closed_pipe(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(assert_cmd::cargo::cargo_bin("gloss"))
        .args(args)
        .current_dir(dir)
        .env_remove("GLOSS_CONFIG")
        .env("GLOSS_DATA_DIR", dir.join("data"))
        .stdout(writer)
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_is_no_panic_and_no_message() {
    let t = tempfile::tempdir().unwrap();
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/articles/2024-12-21-putin-pezeshkian.txt"
    );
    for args in [
        vec!["render", "--size", "800x200", seed],
        vec!["show", seed],
        vec!["export", seed],
    ] {
        let out = into_closed_pipe(&args, t.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn help_says_how_to_start_and_the_exit_codes_without_env_values() {
    let t = tempfile::tempdir().unwrap();
    let out = gloss(&t)
        .env("GLOSS_CONFIG", "/secret/place.toml")
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("press ? in it"), "{help}");
    assert!(help.contains("Exit status"), "{help}");
    assert!(help.contains("[env: GLOSS_CONFIG]"), "{help}");
    assert!(!help.contains("/secret/place.toml"), "{help}");
}

#[test]
fn export_with_an_unreadable_store_file_writes_the_rest_and_exits_one() {
    let t = tempfile::tempdir().unwrap();
    let news = t.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let body = "2024-03-01\n\nTitel\n\nAngela Merkel traf in Berlin den Präsidenten Emmanuel Macron, sagte ein Sprecher.\n";
    std::fs::write(news.join("a.txt"), body).unwrap();
    std::fs::write(news.join("b.txt"), body.replace("Titel", "Anderer Titel")).unwrap();
    for f in ["a.txt", "b.txt"] {
        gloss(&t)
            .args(["render", "--size", "100x20", "--keys", "<Tab>a"])
            .arg(news.join(f))
            .assert()
            .success();
    }
    let dir = t.path().join("data/annotations");
    let broken = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("b-"))
        .unwrap();
    std::fs::write(&broken, "schema = 1\n[[annotation\n").unwrap();
    let out = gloss(&t).args(["export", "news"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 store file could not be read"), "{err}");
    let doc: toml::Table = toml::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap();
    assert_eq!(
        doc["article"].as_array().unwrap().len(),
        1,
        "a.txt is still exported"
    );
}
