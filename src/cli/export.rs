//! `gloss export`.
//!
//! SKELETON: placeholder to be replaced.

use std::path::Path;
use std::process::ExitCode;

use super::{Context, ExportFormat};

/// Writes the saved annotations of the articles under `path` to stdout or `output`.
pub fn run(
    ctx: &Context,
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    all: bool,
) -> anyhow::Result<ExitCode> {
    let _ = (ctx, path, format, output, all);
    anyhow::bail!("not implemented yet")
}
