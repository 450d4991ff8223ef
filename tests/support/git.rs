//! Real `git` for the tests that merge stores: a fixed identity and default branch, no
//! signing, whatever the machine's own git config says.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `git -C dir args…` and returns what it did.
pub fn git_out(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("the git binary is needed for this test")
}

/// Runs `git -C dir args…`, which must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let out = git_out(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
