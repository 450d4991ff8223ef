//! `gloss sync`: commit the store's changes, pull (merging store files with `gloss
//! merge-driver`) and push, in the data dir's git repository. It runs only when asked.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use super::check::plural;
use super::{Context, git, safe_line};
use gloss_core::annotation::Store;
use gloss_core::annotation::file::{self, StoreFile};

/// What changed in one article's store file since the last commit.
#[derive(Debug, Default)]
struct Counts {
    added: usize,
    changed: usize,
    removed: usize,
}

impl Counts {
    fn total(&self) -> usize {
        self.added + self.changed + self.removed
    }

    fn text(&self) -> String {
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(format!("{} added", self.added));
        }
        if self.changed > 0 {
            parts.push(format!("{} changed", self.changed));
        }
        if self.removed > 0 {
            parts.push(format!("{} removed", self.removed));
        }
        if parts.is_empty() {
            "no annotation changed".into()
        } else {
            parts.join(", ")
        }
    }
}

fn parse_opt(name: &Path, text: Option<String>) -> Option<StoreFile> {
    file::parse(name, &text?).ok()
}

/// The staged store files against HEAD: (article, counts), by article.
fn staged_counts(top: &Path, data: &Path) -> anyhow::Result<BTreeMap<String, Counts>> {
    let names = git::check(
        top,
        &[
            "diff",
            "--cached",
            "--name-only",
            "--no-renames",
            "-z",
            "--",
            ".",
        ],
    )?;
    let mut out = BTreeMap::new();
    for name in names.split('\0').filter(|n| !n.is_empty()) {
        let path = top.join(name);
        if !path.starts_with(data.join("annotations")) || !file::is_store_file(&path) {
            continue;
        }
        let old = git::run(top, &["show", &format!("HEAD:{name}")])
            .ok()
            .filter(|o| o.ok)
            .map(|o| o.stdout);
        let new = git::run(top, &["show", &format!(":{name}")])
            .ok()
            .filter(|o| o.ok)
            .map(|o| o.stdout);
        let old = parse_opt(&path, old);
        let new = parse_opt(&path, new);
        let article = new
            .as_ref()
            .or(old.as_ref())
            .map(|f| f.path.clone())
            .unwrap_or_else(|| name.to_string());
        let mut c = Counts::default();
        let none = Vec::new();
        let before = old.as_ref().map_or(&none, |f| &f.annotations);
        let after = new.as_ref().map_or(&none, |f| &f.annotations);
        for a in after {
            match before.iter().find(|b| b.id == a.id) {
                None => c.added += 1,
                Some(b) if b != a => c.changed += 1,
                Some(_) => {}
            }
        }
        c.removed = before
            .iter()
            .filter(|b| !after.iter().any(|a| a.id == b.id))
            .count();
        out.insert(article, c);
    }
    Ok(out)
}

fn message(counts: &BTreeMap<String, Counts>) -> String {
    let total: usize = counts.values().map(Counts::total).sum();
    let mut m = format!(
        "gloss: {} in {}\n\n",
        plural(total, "annotation change"),
        plural(counts.len(), "article")
    );
    for (article, c) in counts {
        m.push_str(&format!("{article}: {}\n", c.text()));
    }
    m
}

fn refuse(msg: &str) -> anyhow::Result<ExitCode> {
    eprintln!("{}", safe_line(&format!("gloss sync: {msg}")));
    Ok(ExitCode::from(1))
}

/// Commits, pulls and pushes the data dir's repository; says what it did.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let data = &ctx.data_dir;
    let top = match git::top(data) {
        Ok(t) => t,
        Err(e) => return refuse(&e.to_string()),
    };
    let data = &std::fs::canonicalize(data)?;
    // Hold the store's lock: no gloss may write while files are merged under it.
    let store = Store::open(data)?;
    if let Some(why) = store.read_only() {
        return refuse(&format!("{why}; quit that gloss first"));
    }
    let in_merge = git::run(&top, &["rev-parse", "-q", "--verify", "MERGE_HEAD"])?.ok;
    let unmerged = git::check(&top, &["diff", "--name-only", "--diff-filter=U"])?;
    if in_merge || !unmerged.is_empty() {
        let files = if unmerged.is_empty() {
            String::new()
        } else {
            format!(" ({})", unmerged.lines().collect::<Vec<_>>().join(", "))
        };
        return refuse(&format!(
            "a merge in {} is waiting for you{files}: resolve it with git (store files: `gloss merge-driver --install`, then review the flagged annotations), commit, and run gloss sync again",
            top.display()
        ));
    }
    let branch = match git::run(&top, &["symbolic-ref", "--short", "HEAD"])? {
        o if o.ok => o.stdout,
        _ => return refuse(&format!("{} is not on a branch", top.display())),
    };
    let upstream = git::run(
        &top,
        &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"],
    )?;
    let remote = if upstream.ok {
        upstream
            .stdout
            .split_once('/')
            .map(|(r, _)| r.to_string())
            .unwrap_or_default()
    } else {
        let remotes = git::check(&top, &["remote"])?;
        let list: Vec<&str> = remotes.lines().collect();
        match list.as_slice() {
            [] => {
                return refuse(&format!(
                    "{} has no remote to sync with (add one: git -C {} remote add origin URL)",
                    top.display(),
                    top.display()
                ));
            }
            [one] => one.to_string(),
            _ if list.contains(&"origin") => "origin".into(),
            _ => {
                return refuse(&format!(
                    "{} has several remotes and {branch} tracks none: set one with git push -u REMOTE {branch}",
                    top.display()
                ));
            }
        }
    };
    // Pull with the driver: set it up (idempotent) so store files merge by id.
    super::merge_driver::setup(data)?;

    // 1. Commit what the store holds.
    let mut add: Vec<&str> = vec!["add", "-A", "--", "annotations"];
    if data.join("never.toml").exists() {
        add.push("never.toml");
    }
    git::check(data, &add)?;
    let counts = staged_counts(&top, data)?;
    let staged = !git::run(&top, &["diff", "--cached", "--quiet"])?.ok;
    let mut said = Vec::new();
    if staged {
        let msg = message(&counts);
        git::check(&top, &["commit", "-q", "-m", &msg])?;
        let total: usize = counts.values().map(Counts::total).sum();
        said.push(format!(
            "committed {} in {}",
            plural(total, "annotation change"),
            plural(counts.len(), "article")
        ));
    } else {
        said.push("nothing new to commit".into());
    }

    // 2. Pull, when the remote has the branch.
    let has_branch = !git::check(&top, &["ls-remote", "--heads", &remote, &branch])?.is_empty();
    if has_branch {
        let before = git::check(&top, &["rev-parse", "HEAD"]).unwrap_or_default();
        let pull = git::run(
            &top,
            &["pull", "--no-rebase", "--no-edit", &remote, &branch],
        )?;
        if !pull.ok {
            let unmerged = git::check(&top, &["diff", "--name-only", "--diff-filter=U"])?;
            if !unmerged.is_empty() {
                eprintln!("{}", safe_line(&format!("gloss sync: {}", said.join("; "))));
                return refuse(&format!(
                    "pulling from {remote} left a conflict that gloss cannot merge in {}: resolve it with git, commit, and run gloss sync again",
                    unmerged.lines().collect::<Vec<_>>().join(", ")
                ));
            }
            let why = if pull.stderr.is_empty() {
                pull.stdout
            } else {
                pull.stderr
            };
            return refuse(&format!("git pull from {remote} failed: {why}"));
        }
        let after = git::check(&top, &["rev-parse", "HEAD"]).unwrap_or_default();
        if before == after {
            said.push(format!("{remote}/{branch} had nothing new"));
        } else {
            let n = git::check(
                &top,
                &["rev-list", "--count", &format!("{before}..{after}")],
            )
            .unwrap_or_default();
            said.push(format!("pulled {n} commit(s) from {remote}/{branch}"));
        }
        if pull.stderr.contains("flagged for review") {
            said.push("some annotations were changed on both sides: both versions are kept, flagged (!) for review".into());
        }
    }

    // 3. Push.
    let push = if upstream.ok {
        git::run(&top, &["push", "-q", &remote, &branch])?
    } else {
        git::run(&top, &["push", "-q", "-u", &remote, &branch])?
    };
    if !push.ok {
        eprintln!("{}", safe_line(&format!("gloss sync: {}", said.join("; "))));
        return refuse(&format!("git push to {remote} failed: {}", push.stderr));
    }
    said.push(format!("pushed to {remote}/{branch}"));
    drop(store);
    eprintln!("{}", safe_line(&format!("gloss sync: {}", said.join("; "))));
    Ok(ExitCode::SUCCESS)
}
