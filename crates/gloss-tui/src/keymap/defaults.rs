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

/// Where each default binding stands in the shipped file: (mode, key as written) → its
/// place. Hints name the first-listed key of an action (`w` before `l`), so the file's
/// order is the order of preference.
pub fn default_order() -> std::collections::HashMap<(String, String), usize> {
    let mut out = std::collections::HashMap::new();
    let mut mode = String::new();
    for (i, line) in DEFAULTS_TOML.lines().enumerate() {
        let line = line.trim();
        if let Some(m) = line
            .strip_prefix("[keymap.")
            .and_then(|l| l.strip_suffix(']'))
        {
            mode = m.to_string();
        } else if let Some((key, _)) = line.split_once(" = ")
            && !line.starts_with('#')
        {
            let key = key.trim();
            let key = key
                .strip_prefix('"')
                .and_then(|k| k.strip_suffix('"'))
                .unwrap_or(key);
            out.insert((mode.clone(), key.to_string()), i);
        }
    }
    out
}
