//! `gloss render`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::Path;
use std::process::ExitCode;

use super::Context;

/// Replays `keys` on the TUI without a terminal and prints the final screen as text.
pub fn run(
    ctx: &Context,
    path: &Path,
    width: u16,
    height: u16,
    keys: &str,
) -> anyhow::Result<ExitCode> {
    let _ = (ctx, path, width, height, keys);
    anyhow::bail!("not implemented yet")
}
