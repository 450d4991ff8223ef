//! `gloss suggest`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, SuggestFormat};

/// Prints the entities and claims found in each file (`-` is stdin).
pub fn run(
    ctx: &Context,
    files: &[PathBuf],
    format: SuggestFormat,
    raw: bool,
) -> anyhow::Result<ExitCode> {
    let _ = (ctx, files, format, raw);
    anyhow::bail!("not implemented yet")
}
