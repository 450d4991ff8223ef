//! From keys to exported TOML: `gloss render --keys` writes to the store as the TUI does,
//! and `gloss export` shows the result.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SEED: &str = "assets/articles/2024-12-21-putin-pezeshkian.txt";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::copy(SEED, dir.path().join("articles/seed.txt")).unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        Env { dir }
    }

    fn article(&self) -> PathBuf {
        self.dir.path().join("articles/seed.txt")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs a gloss subcommand with this env's config and data dir.
    fn gloss(&self, sub: &str, args: &[&str], path: &Path) -> String {
        let out = Command::cargo_bin("gloss")
            .unwrap()
            .env_remove("GLOSS_CONFIG")
            .env_remove("GLOSS_DATA_DIR")
            .arg(sub)
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--data-dir")
            .arg(self.data())
            .args(args)
            .arg(path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn render(&self, keys: &str, path: &Path) -> String {
        self.gloss("render", &["--size", "120x40", "--keys", keys], path)
    }

    fn exported(&self) -> toml::Table {
        let text = self.gloss("export", &[], &self.dir.path().join("articles"));
        toml::from_str(&text).unwrap()
    }
}

fn annotations(t: &toml::Table) -> Vec<toml::Table> {
    t.get("article")
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
        .flat_map(|a| {
            a.get("annotation")
                .and_then(|x| x.as_array())
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|a| a.as_table().cloned())
        .collect()
}

fn field<'a>(a: &'a toml::Table, k: &str) -> &'a str {
    a.get(k).and_then(|v| v.as_str()).unwrap_or("")
}

#[test]
fn accept_from_any_focus_is_exported() {
    for keys in ["a", "<Tab>a", "<Tab><Tab>a"] {
        let env = Env::new();
        let screen = env.render(keys, &env.article());
        assert!(screen.contains("saved"), "{keys}: {screen}");
        let anns = annotations(&env.exported());
        assert_eq!(anns.len(), 1, "{keys}");
        assert_eq!(field(&anns[0], "status"), "accepted", "{keys}");
    }
}

#[test]
fn accept_the_first_entity_and_tag_it() {
    let env = Env::new();
    // The side panel lists entities first: accept the first one and tag it.
    env.render("<Tab>at<Enter>", &env.article());
    let anns = annotations(&env.exported());
    assert_eq!(anns.len(), 1);
    let a = &anns[0];
    assert_eq!(field(a, "kind"), "entity");
    assert_eq!(field(a, "status"), "accepted");
    let tags: Vec<&str> = a["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["key-actor"]);
}

#[test]
fn marking_by_hand_then_delete_and_undo() {
    let env = Env::new();
    // Mark two words as an ORG, write a note on it.
    env.render("wvwe<Down><Down><Enter>eein Vermerk<C-s>", &env.article());
    let anns = annotations(&env.exported());
    let m = anns
        .iter()
        .find(|a| field(a, "origin") == "manual")
        .expect("a manual annotation");
    assert_eq!(field(m, "label"), "ORG");
    assert_eq!(field(m, "note"), "ein Vermerk");
    assert_eq!(field(m, "text").split(' ').count(), 2);
    // Reopened, it is the first entity in the panel: delete and undo keeps it; delete
    // removes it.
    let manual = |env: &Env| {
        annotations(&env.exported())
            .into_iter()
            .filter(|a| field(a, "origin") == "manual")
            .count()
    };
    env.render("<Tab>du", &env.article());
    assert_eq!(manual(&env), 1);
    env.render("<Tab>d", &env.article());
    assert_eq!(manual(&env), 0);
}

#[test]
fn reject_and_never_suggest_again() {
    let env = Env::new();
    env.render("<Tab>x!", &env.article());
    let anns = annotations(&env.exported());
    assert!(anns.is_empty(), "rejected ones are not exported by default");
    let all = env.gloss("export", &["--all"], &env.dir.path().join("articles"));
    let all: toml::Table = toml::from_str(&all).unwrap();
    let rejected = annotations(&all);
    assert_eq!(rejected.len(), 1);
    assert_eq!(field(&rejected[0], "status"), "rejected");
    let never = std::fs::read_to_string(env.data().join("never.toml")).unwrap();
    assert!(never.contains(field(&rejected[0], "text")), "{never}");
}

#[test]
fn export_key_writes_a_file_and_names_it() {
    let env = Env::new();
    let screen = env.render("<Tab>aE", &env.dir.path().join("articles"));
    assert!(screen.contains("exported to"), "{screen}");
    let dir = env.data().join("exports");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    // The whole path shows, even with a long data dir at 120 columns: the message takes
    // the place of the counts when both do not fit.
    let name = files[0].file_name().to_string_lossy().to_string();
    let status = screen.lines().last().unwrap();
    assert!(status.contains(&name), "{status}");
    let text = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(text.contains("status = \"accepted\""), "{text}");
}

#[test]
fn a_locked_store_is_read_only_and_says_so() {
    let env = Env::new();
    // This process holds the store, as another running gloss would.
    let held = gloss::annotation::Store::open(&env.data()).unwrap();
    let screen = env.render("<Tab>a", &env.article());
    let status = screen.lines().last().unwrap();
    // A long error takes the place of the counts (and their READ-ONLY) in the status bar;
    // the reader's header says it all along.
    assert!(status.contains("read-only"), "{status}");
    assert!(status.contains("another gloss"), "{status}");
    assert!(screen.contains("· read-only"), "{screen}");
    drop(held);
    assert!(
        annotations(&env.exported()).is_empty(),
        "nothing was written"
    );
}
