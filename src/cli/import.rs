//! `gloss import`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::Path;
use std::process::ExitCode;

use super::Context;

/// Merges an exported TOML file into the store.
pub fn run(ctx: &Context, file: &Path) -> anyhow::Result<ExitCode> {
    let _ = (ctx, file);
    anyhow::bail!("not implemented yet")
}
