//! `gloss render`: the TUI without a terminal.

use std::path::Path;
use std::process::ExitCode;

use super::Context;
use gloss_tui::{headless, keymap};

/// Replays `keys` on the TUI without a terminal and prints the final screen as text.
pub fn run(
    ctx: &Context,
    path: &Path,
    width: u16,
    height: u16,
    keys: &str,
    note: Option<String>,
) -> anyhow::Result<ExitCode> {
    let keys = match keymap::parse_keys(keys) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("gloss: --keys: {}", super::safe_line(&e.to_string()));
            return Ok(ExitCode::from(2));
        }
    };
    if !path.exists() {
        anyhow::bail!("{}: no such file or folder", path.display());
    }
    let out = headless::render_session(
        &ctx.config,
        &ctx.data_dir,
        path,
        (width, height),
        &keys,
        gloss_tui::runner::Stamps::System,
        note,
    );
    super::write_stdout(&out.screen)?;
    // A screen that shows changes the store does not hold is not a success.
    if let Some(e) = &out.save_failed {
        let left = match out.unsaved {
            0 => "retried and saved since".to_string(),
            n => format!("{n} unsaved"),
        };
        eprintln!("gloss: not saved: {} ({left})", super::safe_line(e));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
