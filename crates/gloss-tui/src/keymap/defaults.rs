//! The default bindings: a TOML file in the user's own config format, shipped inside the
//! binary, so the defaults and a user's overrides are read by the same code and a test
//! checks the file whenever the tests run.

use std::path::Path;

use gloss_core::config::{Config, KeymapConfig};

/// Where the defaults live in the repository (for messages about them).
pub const DEFAULTS_PATH: &str = "assets/keymap.toml";

/// The text of the shipped defaults.
pub const DEFAULTS_TOML: &str = include_str!("../../../../assets/keymap.toml");

/// The shipped defaults as config data. A broken file fails `defaults_file_is_valid` at
/// test time; at run time it would leave the tables empty rather than panic.
pub fn default_config() -> KeymapConfig {
    Config::parse(Path::new(DEFAULTS_PATH), DEFAULTS_TOML)
        .map(|c| c.keymap)
        .unwrap_or_default()
}
