//! `gloss sync` against a local bare repository: commit with a message naming articles and
//! counts, pull with the merge driver, push; clear refusals when it cannot.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use gloss::annotation::{Annotation, Kind, Origin, Status, Store};

const BODY: &str = "Die Kanzlerin Angela Merkel traf in Berlin den Präsidenten Emmanuel Macron.";

struct Env {
    t: tempfile::TempDir,
    gitconfig: PathBuf,
    article: PathBuf,
}

impl Env {
    fn new() -> Env {
        let t = tempfile::tempdir().unwrap();
        let gitconfig = t.path().join("gitconfig");
        std::fs::write(
            &gitconfig,
            "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        )
        .unwrap();
        let article = t.path().join("gipfel.txt");
        std::fs::write(&article, BODY).unwrap();
        std::fs::write(t.path().join("config.toml"), "").unwrap();
        Env {
            t,
            gitconfig,
            article,
        }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.t.path().join(p)
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .env("GIT_CONFIG_GLOBAL", &self.gitconfig)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .expect("the git binary is needed for this test");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn sync(&self, data: &Path) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .env("GIT_CONFIG_GLOBAL", &self.gitconfig)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GLOSS_CONFIG", self.path("config.toml"))
            .arg("--data-dir")
            .arg(data)
            .arg("sync")
            .output()
            .unwrap()
    }

    fn edit(&self, data: &Path, f: impl FnOnce(&mut Vec<Annotation>)) {
        let store = Store::open(data).unwrap();
        let mut rec = store.load(&self.article, "Gipfel", BODY).record;
        f(&mut rec.annotations);
        store.save(&rec).unwrap();
    }

    fn annotations(&self, data: &Path) -> Vec<Annotation> {
        Store::open(data)
            .unwrap()
            .load(&self.article, "Gipfel", BODY)
            .record
            .annotations
    }
}

fn accept(needle: &'static str) -> impl FnOnce(&mut Vec<Annotation>) {
    move |anns| {
        let s = BODY[..BODY.find(needle).unwrap()].chars().count();
        let mut a = Annotation::new(
            BODY,
            Kind::Entity,
            "PER",
            s,
            s + needle.chars().count(),
            Origin::Auto,
        );
        a.status = Status::Accepted;
        anns.push(a);
    }
}

fn note(text: &'static str, note: &'static str) -> impl FnOnce(&mut Vec<Annotation>) {
    move |anns| anns.iter_mut().find(|a| a.text == text).unwrap().note = note.into()
}

/// One test at a time: the store's lock is an flock, and a child process forked by one
/// test thread (git, gloss) briefly holds every descriptor the process has open until it
/// execs, so another thread's store could find its own lock taken and open read-only.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn sync_commits_pulls_with_the_driver_and_pushes() {
    let _one_at_a_time = serial();
    let env = Env::new();
    let remote = env.path("team.git");
    env.git(env.t.path(), &["init", "-q", "--bare", "team.git"]);
    env.git(env.t.path(), &["clone", "-q", "team.git", "a"]);
    let a = env.path("a");

    // A annotates and syncs first: the remote had no branch yet.
    env.edit(&a, accept("Angela Merkel"));
    env.edit(&a, accept("Berlin"));
    let out = env.sync(&a);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("committed 2 annotation changes in 1 article"),
        "{said}"
    );
    assert!(said.contains("pushed to origin/main"), "{said}");
    let msg = env.git(&a, &["log", "-1", "--format=%B"]);
    assert!(msg.contains("gipfel.txt: 2 added"), "{msg}");
    assert_eq!(
        env.git(&remote, &["rev-parse", "main"]),
        env.git(&a, &["rev-parse", "HEAD"])
    );

    // B clones; both change Berlin's note, A syncs first, then B.
    env.git(env.t.path(), &["clone", "-q", "team.git", "b"]);
    let b = env.path("b");
    env.edit(&a, note("Berlin", "Hauptstadt"));
    assert!(env.sync(&a).status.success());
    env.edit(&b, note("Berlin", "Treffpunkt"));
    env.edit(&b, note("Angela Merkel", "Kanzlerin"));
    let out = env.sync(&b);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("committed 2 annotation changes"), "{said}");
    assert!(said.contains("pulled"), "{said}");
    assert!(said.contains("flagged"), "{said}");
    let msg = env.git(&b, &["log", "-2", "--format=%B"]);
    assert!(msg.contains("gipfel.txt: 2 changed"), "{msg}");

    // A pulls what B pushed: nothing is lost.
    let out = env.sync(&a);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing new to commit"));
    let anns = env.annotations(&a);
    let mut notes: Vec<&str> = anns.iter().map(|a| a.note.as_str()).collect();
    notes.sort();
    assert_eq!(notes, ["Hauptstadt", "Kanzlerin", "Treffpunkt"]);
    assert_eq!(anns.iter().filter(|a| a.conflict.is_some()).count(), 2);
}

#[test]
fn sync_refuses_without_a_repository_or_a_remote() {
    let _one_at_a_time = serial();
    let env = Env::new();
    let data = env.path("data");
    std::fs::create_dir(&data).unwrap();
    let out = env.sync(&data);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not in a git repository"),
        "{}",
        stderr(&out)
    );

    env.git(&data, &["init", "-q"]);
    let out = env.sync(&data);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no remote"), "{}", stderr(&out));
    assert_eq!(
        env.git(&data, &["rev-list", "--all"]),
        "",
        "nothing committed"
    );
}

#[test]
fn sync_leaves_a_conflict_it_cannot_merge_to_the_user() {
    let _one_at_a_time = serial();
    let env = Env::new();
    env.git(env.t.path(), &["init", "-q", "--bare", "team.git"]);
    env.git(env.t.path(), &["clone", "-q", "team.git", "a"]);
    let a = env.path("a");
    env.edit(&a, accept("Berlin"));
    assert!(env.sync(&a).status.success());
    env.git(env.t.path(), &["clone", "-q", "team.git", "b"]);
    let b = env.path("b");
    // never.toml is not a store file: a line merge of two different additions conflicts.
    Store::open(&a)
        .unwrap()
        .never_suggest("Abend", "MISC")
        .unwrap();
    assert!(env.sync(&a).status.success());
    Store::open(&b)
        .unwrap()
        .never_suggest("Morgen", "MISC")
        .unwrap();
    let out = env.sync(&b);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(
        said.contains("conflict") && said.contains("never.toml"),
        "{said}"
    );
    // Until resolved, sync refuses rather than piling on.
    let out = env.sync(&b);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("waiting for you"), "{}", stderr(&out));
}
