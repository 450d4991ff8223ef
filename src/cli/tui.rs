//! `gloss [PATH]`: the interactive TUI.

use std::io::IsTerminal as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::Context;
use gloss_tui::runtime;

/// Runs the interactive TUI on a folder or one article.
pub fn run(ctx: &Context, path: &Path, note: Option<String>) -> anyhow::Result<ExitCode> {
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", path.display());
    }
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("not a terminal: use `gloss render` to get the screen as text");
    }
    let mut config = ctx.config.clone();
    if config.author.is_none() {
        // Read once here, never in `update`: the data dir's repository first (a team's
        // identity), else the user's global git identity.
        config.author = super::git::config(&ctx.data_dir, "user.name")
            .or_else(|| super::git::config(Path::new("."), "user.name"));
    }
    let unsaved = runtime::run_noted(&config, &ctx.data_dir, path, note).context("terminal")?;
    if unsaved > 0 {
        let what = if unsaved == 1 { "change" } else { "changes" };
        eprintln!("gloss: quit with {unsaved} {what} not saved");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
