//! Running `git` for `merge-driver --install` and `sync`: the git a team already has, not
//! a library, so its config, hooks, credentials and merge drivers all apply.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;

/// What one git command printed.
#[derive(Debug)]
pub struct Output {
    /// Whether it exited with 0.
    pub ok: bool,
    /// Stdout, trimmed.
    pub stdout: String,
    /// Stderr, trimmed.
    pub stderr: String,
}

/// Runs `git -C dir args…`; an error only when git cannot be started.
pub fn run(dir: &Path, args: &[&str]) -> anyhow::Result<Output> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git (is it installed?)")?;
    Ok(Output {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).trim().to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
    })
}

/// Runs git and fails with its message when it fails.
pub fn check(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = run(dir, args)?;
    if !out.ok {
        let why = if out.stderr.is_empty() {
            out.stdout
        } else {
            out.stderr
        };
        anyhow::bail!("git {} failed in {}: {why}", args.join(" "), dir.display());
    }
    Ok(out.stdout)
}

/// The top of the git work tree holding `dir`, or a clear refusal.
pub fn top(dir: &Path) -> anyhow::Result<PathBuf> {
    if !dir.is_dir() {
        anyhow::bail!("{}: no such folder", dir.display());
    }
    let out = run(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.ok {
        anyhow::bail!(
            "{} is not in a git repository (run `git init` there, or clone your team's repository as the data dir)",
            dir.display()
        );
    }
    Ok(PathBuf::from(out.stdout))
}

/// The value of a git config key, if set.
pub fn config(dir: &Path, key: &str) -> Option<String> {
    run(dir, &["config", "--get", key])
        .ok()
        .filter(|o| o.ok && !o.stdout.is_empty())
        .map(|o| o.stdout)
}
