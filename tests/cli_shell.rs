//! The shell knows gloss: completion scripts and a man page, both generated from the one
//! clap definition of the command line.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

fn stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("gloss")
        .unwrap()
        .env("GLOSS_CONFIG", "/nonexistent/never-read.toml")
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands_and_options() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gloss"),
        ("fish", "complete -c gloss"),
    ] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["render", "export", "suggest", "data-dir", "keys"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    Command::cargo_bin("gloss")
        .unwrap()
        .args(["completions", "nosuchshell"])
        .assert()
        .code(2);
}

#[test]
fn the_man_page_is_roff_of_the_same_definitions() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH gloss 1"), "{page}");
    assert!(page.contains(".SH NAME"));
    for word in ["render", "export", "completions", "data\\-dir"] {
        assert!(page.contains(word), "man page names {word}");
    }
}
