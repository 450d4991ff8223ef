//! `gloss check`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::Path;
use std::process::ExitCode;

use super::Context;

/// Validates config, articles and store; exit 1 when there are errors.
pub fn run(ctx: &Context, path: &Path) -> anyhow::Result<ExitCode> {
    let _ = (ctx, path);
    anyhow::bail!("not implemented yet")
}
