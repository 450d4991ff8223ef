//! `gloss export`: the saved annotations of a folder as TOML, JSON-LD or CSV.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::check::plural;
use super::{Context, ExportFormat, safe_line};
use gloss_core::annotation::Store;
use gloss_core::annotation::export::{self, Format};

/// Writes the saved annotations of the articles under `path` to stdout or `output`.
pub fn run(
    ctx: &Context,
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    all: bool,
) -> anyhow::Result<ExitCode> {
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", path.display());
    }
    // Export only reads: no lock, so it works while a gloss is open on the store.
    let store = Store::open_for_reading(&ctx.data_dir);
    store.set_root(ctx.corpus_root(path).as_deref())?;
    let format = match format {
        ExportFormat::Toml => Format::Toml,
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    let out = export::export_folder(&store, path, format, all)?;
    for w in &out.warnings {
        eprintln!("warning: {}", safe_line(&w.to_string()));
    }
    match output {
        Some(file) => {
            std::fs::write(file, &out.text)
                .with_context(|| format!("{}: cannot write", file.display()))?;
            eprintln!(
                "{}",
                safe_line(&format!(
                    "exported {} from {} to {}",
                    plural(out.annotations, "annotation"),
                    plural(out.articles, "article"),
                    file.display()
                ))
            );
        }
        None => super::write_stdout(&out.text)?,
    }
    // Whatever could be read was written; but an export missing a store file's
    // annotations must not look complete to the script that makes it.
    if !out.unread_store_files.is_empty() {
        eprintln!(
            "{}",
            safe_line(&format!(
                "error: {} could not be read; their annotations are not in this export (gloss check lists them)",
                plural(out.unread_store_files.len(), "store file")
            ))
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
