//! Key bindings: vim-notation key parsing, the default table, config overrides.
//!
//! SKELETON: placeholder to be replaced by the TUI work.

use crate::config::{ConfigError, ConfigSource, KeymapConfig};

/// Checks the `[keymap]` section of a config: known modes, parseable keys, known actions.
pub fn validate_config(keymap: &KeymapConfig, src: &ConfigSource) -> Result<(), ConfigError> {
    let _ = (keymap, src);
    Ok(())
}
