//! `gloss tui`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::Path;
use std::process::ExitCode;

use super::Context;

/// Runs the interactive TUI on a folder or one article.
pub fn run(ctx: &Context, path: &Path) -> anyhow::Result<ExitCode> {
    let _ = (ctx, path);
    anyhow::bail!("not implemented yet")
}
