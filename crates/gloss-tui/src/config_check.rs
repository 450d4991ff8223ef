//! The interface's part of the config: colours and key bindings. The core parses the file
//! and checks its own fields; what only the interface understands is checked here, with the
//! same file-and-line errors.

use std::path::Path;

use gloss_core::config::{Config, ConfigError};

/// A colour from its config spelling, or `None` if it is not one.
pub fn parse_color(s: &str) -> Option<ratatui::style::Color> {
    s.parse::<ratatui::style::Color>().ok()
}

/// Checks the colours and key bindings of a parsed config.
pub fn validate(cfg: &Config) -> Result<(), ConfigError> {
    let Some(src) = cfg.source.as_ref() else {
        // The built-in defaults have no file to be wrong in.
        return Ok(());
    };
    for c in cfg.colour_settings() {
        if parse_color(c.get_ref()).is_none() {
            return Err(src.error_at(
                c.span(),
                format!(
                    "invalid colour {:?} (use a name like \"red\", \"lightblue\", or \"#rrggbb\")",
                    c.get_ref()
                ),
            ));
        }
    }
    crate::keymap::validate_config(&cfg.keymap, src)
}

/// Parses a config's text and checks every part of it, the core's and the interface's.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let cfg = Config::parse(path, text)?;
    validate(&cfg)?;
    Ok(cfg)
}

/// Loads the config (see [`Config::load`]) and checks every part of it.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let cfg = Config::load(explicit)?;
    validate(&cfg)?;
    Ok(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_colour_names_line() {
        let err = parse(Path::new("c.toml"), "\n[colors]\naccent = \"nocolour\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:3:"), "{err}");
        assert!(err.contains("nocolour"), "{err}");
    }

    #[test]
    fn example_config_passes_every_check() {
        let text = include_str!("../../../config.example.toml");
        parse(Path::new("config.example.toml"), text).unwrap();
    }
}
