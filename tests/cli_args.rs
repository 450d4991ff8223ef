//! Command-line parsing: global options before and after subcommands, exit codes.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use predicates::prelude::*;

fn gloss() -> Command {
    let mut c = Command::cargo_bin("gloss").unwrap();
    c.env_remove("GLOSS_CONFIG").env_remove("GLOSS_DATA_DIR");
    c
}

#[test]
fn global_options_work_before_a_subcommand() {
    let d = tempfile::tempdir().unwrap();
    gloss()
        .arg("--data-dir")
        .arg(d.path())
        .args(["export", "assets/articles"])
        .assert()
        .success()
        .stdout(predicate::str::contains("schema = 1"));
}

#[test]
fn global_options_work_after_a_subcommand() {
    let d = tempfile::tempdir().unwrap();
    gloss()
        .args(["export", "assets/articles", "--data-dir"])
        .arg(d.path())
        .assert()
        .success();
}

#[test]
fn unknown_config_key_exits_1_naming_file_line_and_key() {
    let d = tempfile::tempdir().unwrap();
    let cfg = d.path().join("my.toml");
    std::fs::write(&cfg, "language = \"de\"\nno_such_key = 1\n").unwrap();
    gloss()
        .arg("--config")
        .arg(&cfg)
        .args(["show", "assets/articles/2024-12-21-putin-pezeshkian.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("my.toml:2"))
        .stderr(predicate::str::contains("no_such_key"));
}

#[test]
fn config_from_environment() {
    let d = tempfile::tempdir().unwrap();
    let cfg = d.path().join("env.toml");
    std::fs::write(&cfg, "language = \"klingon\"\n").unwrap();
    gloss()
        .env("GLOSS_CONFIG", &cfg)
        .args(["show", "assets/articles/2024-12-21-putin-pezeshkian.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("env.toml:1"));
}

#[test]
fn missing_explicit_config_is_an_error() {
    gloss()
        .args([
            "--config",
            "/nonexistent/gloss.toml",
            "show",
            "assets/articles/2024-12-21-putin-pezeshkian.txt",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/gloss.toml"));
}

#[test]
fn bad_usage_exits_2() {
    gloss().args(["render", "--size", "axb"]).assert().code(2);
    gloss().args(["suggest"]).assert().code(2);
    gloss().args(["--no-such-flag"]).assert().code(2);
}
