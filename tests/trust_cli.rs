//! The trust promises, through the real binary: a failed save is never passed off as a
//! success (`gloss render` exits 1, the screen counts what is unsaved), the undo of a
//! never-suggest reaches the store, and a config cannot lock the user in.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

const ARTICLE: &str = "2024-03-01\n\nBerlin trifft Paris\n\nDie Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron. Später reiste sie nach London.\n";

fn setup() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let news = t.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let art = news.join("gipfel.txt");
    std::fs::write(&art, ARTICLE).unwrap();
    (t, art)
}

fn gloss(t: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gloss"));
    c.current_dir(t)
        .env("GLOSS_CONFIG", "/dev/null")
        .env("GLOSS_DATA_DIR", t.join("data"))
        .env_remove("GLOSS_INJECT_FAULT");
    c
}

fn render(t: &Path, keys: &str, fault: Option<&str>) -> std::process::Output {
    let mut c = gloss(t);
    c.args([
        "render",
        "--size",
        "150x20",
        "--keys",
        keys,
        "news/gipfel.txt",
    ]);
    if let Some(f) = fault {
        c.env("GLOSS_INJECT_FAULT", f);
    }
    c.output().unwrap()
}

fn accepted(t: &Path) -> Vec<String> {
    let out = gloss(t).args(["export", "news"]).output().unwrap();
    assert!(out.status.success());
    let doc: toml::Table = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let mut v = Vec::new();
    for a in doc
        .get("article")
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
    {
        for x in a["annotation"].as_array().unwrap() {
            if x["status"].as_str() == Some("accepted") {
                v.push(x["text"].as_str().unwrap().to_string());
            }
        }
    }
    v
}

#[test]
fn a_failed_save_makes_render_exit_1_and_the_screen_count_it() {
    let (t, _) = setup();
    let ok = render(t.path(), "a", None);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // Every later write fails at the rename: accepting two more shows them, unsaved.
    let out = render(t.path(), "]]a]a", Some("rename"));
    assert_eq!(out.status.code(), Some(1));
    let screen = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not saved") && err.contains("injected fault"),
        "{err}"
    );
    assert!(screen.contains("2 unsaved"), "{screen}");
    assert!(
        screen.contains("✓*LOC  Berlin"),
        "the unsaved row is marked: {screen}"
    );
    assert!(
        screen.contains("✓ PER  Angela Merkel"),
        "the saved row is not: {screen}"
    );
    // After a restart only what was saved is there.
    assert_eq!(accepted(t.path()), vec!["Angela Merkel"]);
    // A fault after one good write: the good one is kept, the session still fails.
    let out = render(t.path(), "]]a]a", Some("fsync:1"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(accepted(t.path()).len(), 2);
    // A retry with the save key once the disk is well again: exit 0, all saved.
    let out = render(t.path(), "]]]a<C-s>", None);
    assert!(out.status.success());
    assert_eq!(accepted(t.path()).len(), 3);
}

#[test]
fn a_bad_fault_spec_is_a_clear_error() {
    let (t, _) = setup();
    let out = render(t.path(), "", Some("flush"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("GLOSS_INJECT_FAULT"));
}

#[test]
fn undoing_never_suggest_is_saved_and_the_name_comes_back() {
    let (t, _) = setup();
    // `!` on London (the fourth entity), then undo.
    let out = render(t.path(), "]]]]!", None);
    assert!(out.status.success());
    let never = std::fs::read_to_string(t.path().join("data/never.toml")).unwrap();
    assert!(never.contains("London"), "{never}");
    // Undone in the same session: off the list again.
    let (t, _) = setup();
    let out = render(t.path(), "]]]]!u", None);
    assert!(out.status.success());
    let never = std::fs::read_to_string(t.path().join("data/never.toml")).unwrap_or_default();
    assert!(!never.contains("London"), "{never}");
    // After a restart it is suggested again.
    let screen = String::from_utf8(render(t.path(), "", None).stdout).unwrap();
    assert!(screen.contains("· LOC  London"), "{screen}");
}

/// `chmod 555` stops only a non-root user: run the binary as `nobody` when the tests run as
/// root and `setpriv` is there, else as the user running the tests.
#[test]
fn a_read_only_annotations_folder_as_an_ordinary_user() {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let setpriv = Path::new("/usr/bin/setpriv").exists();
    if root && !setpriv {
        eprintln!("skipped: running as root without setpriv");
        return;
    }
    let (t, _) = setup();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(
        t.path().join("news"),
        std::fs::Permissions::from_mode(0o777),
    )
    .unwrap();
    let run = |keys: &str| {
        let mut c = if root {
            let mut c = Command::new("/usr/bin/setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            c.arg(env!("CARGO_BIN_EXE_gloss"));
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_gloss"))
        };
        c.current_dir(t.path())
            .env("GLOSS_CONFIG", "/dev/null")
            .env("GLOSS_DATA_DIR", t.path().join("data"))
            .env("HOME", t.path())
            .env_remove("GLOSS_INJECT_FAULT")
            .args([
                "render",
                "--size",
                "150x20",
                "--keys",
                keys,
                "news/gipfel.txt",
            ]);
        c.output().unwrap()
    };
    let first = run("a");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let dir = t.path().join("data/annotations");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = run("]]a]a");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Permission denied"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 unsaved"));
    assert_eq!(accepted(t.path()), vec!["Angela Merkel"]);
}

#[test]
fn a_config_without_a_key_to_quit_is_refused_naming_the_file_and_the_action() {
    let (t, _) = setup();
    let cfg = t.path().join("locked.toml");
    std::fs::write(
        &cfg,
        "[keymap.normal]\nq = \"none\"\n\"<C-c>\" = \"none\"\n",
    )
    .unwrap();
    let out = gloss(t.path())
        .env("GLOSS_CONFIG", &cfg)
        .args(["render", "news"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("locked.toml:") && err.contains("quit"),
        "{err}"
    );
    // `gloss check` says the same.
    let out = gloss(t.path())
        .env("GLOSS_CONFIG", &cfg)
        .args(["check", "news"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no key is left for quit"));
}
