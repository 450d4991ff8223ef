//! `gloss merge-driver`: git's merge driver for store files (merges by annotation id,
//! keeps both versions of a conflicting one for review), and `--install`, which sets it up
//! for the data dir's repository.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{Context, git, safe_line};
use gloss_core::annotation::merge;

/// The line of `annotations/.gitattributes` that routes store files to the driver.
const ATTRIBUTES: &str = "*.toml merge=gloss\n";

/// Merges `base`, `ours` and `theirs` (git's %O %A %B) into `ours`. Exit 0 when merged
/// (conflicting annotations kept both ways and flagged), 1 when a side cannot be read.
pub fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let shown = name.unwrap_or("store file");
    let m = merge::merge_paths(base, ours, theirs)
        .with_context(|| format!("{shown}: cannot merge, left for you to resolve"))?;
    if m.conflicts > 0 {
        eprintln!(
            "{}",
            safe_line(&format!(
                "gloss: {shown}: {} changed on both sides, both versions kept and flagged for review (gloss review)",
                super::check::plural(m.conflicts, "annotation")
            ))
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The shell word for a path (git runs the driver through `sh`).
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Sets the driver up for the data dir's repository: `annotations/.gitattributes` (shared
/// through git) and the `merge.gloss` config (each clone runs this once).
pub fn install(ctx: &Context) -> anyhow::Result<ExitCode> {
    let dir = setup(&ctx.data_dir)?;
    eprintln!(
        "{}",
        safe_line(&format!(
            "gloss merge driver set up for {} ({} routes store files to it; commit it so the team shares it)",
            dir.display(),
            dir.join(".gitattributes").display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the attributes and the config (see [`install`]); returns the annotations folder.
pub fn setup(data_dir: &Path) -> anyhow::Result<std::path::PathBuf> {
    let dir = data_dir.join("annotations");
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    git::top(&dir)?;
    let attrs = dir.join(".gitattributes");
    let current = std::fs::read_to_string(&attrs).unwrap_or_default();
    if !current.contains("merge=gloss") {
        let mut text = current;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES);
        std::fs::write(&attrs, text)
            .with_context(|| format!("{}: cannot write", attrs.display()))?;
    }
    let exe = std::env::current_exe().context("cannot find the gloss binary's path")?;
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        sh_quote(&exe.to_string_lossy())
    );
    git::check(
        &dir,
        &[
            "config",
            "merge.gloss.name",
            "gloss: merge annotations by id",
        ],
    )?;
    git::check(&dir, &["config", "merge.gloss.driver", &driver])?;
    Ok(dir)
}
