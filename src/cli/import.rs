//! `gloss import`: merge an exported TOML file into the store.

use std::path::Path;
use std::process::ExitCode;

use super::check::plural;
use super::{Context, safe_line};
use gloss_core::annotation::Store;
use gloss_core::annotation::import;

/// Merges an exported TOML file into the store.
pub fn run(ctx: &Context, file: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open(&ctx.data_dir)?;
    if let Some(why) = store.read_only() {
        anyhow::bail!("cannot import into {}: {why}", store.dir().display());
    }
    if let Some(dir) = &ctx.config.articles_dir {
        store.set_root(ctx.corpus_root(dir).as_deref())?;
    }
    let report = import::import_file(&store, file)?;
    for (article, old, new) in &report.renamed {
        eprintln!(
            "{}",
            safe_line(&format!(
                "{article}: id {old} is already in the store with other content; imported as {new}"
            ))
        );
    }
    eprintln!(
        "imported {} into {} ({} already present)",
        plural(report.added, "annotation"),
        plural(report.articles, "article"),
        report.unchanged
    );
    Ok(ExitCode::SUCCESS)
}
