//! `gloss show`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::Path;
use std::process::ExitCode;

use super::{Context, ShowFormat};

/// Prints an article as parsed.
pub fn run(ctx: &Context, file: &Path, format: ShowFormat) -> anyhow::Result<ExitCode> {
    let _ = (ctx, file, format);
    anyhow::bail!("not implemented yet")
}
