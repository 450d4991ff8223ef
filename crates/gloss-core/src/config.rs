//! Configuration: the file format, defaults, loading and validation.
//!
//! Every key is optional; a missing file means defaults. Unknown keys and bad values are
//! errors that name the file, the line and what is wrong.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::article::Lang;

/// Language setting: detect per article, or force one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LangSetting {
    /// Detect per article.
    #[default]
    Auto,
    /// Always German.
    De,
    /// Always English.
    En,
}

impl LangSetting {
    /// The forced language, if any.
    pub fn forced(self) -> Option<Lang> {
        match self {
            LangSetting::Auto => None,
            LangSetting::De => Some(Lang::De),
            LangSetting::En => Some(Lang::En),
        }
    }
}

/// A tag the picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagDef {
    /// The tag.
    pub name: String,
    /// Its colour (a ratatui colour name or `#rrggbb`).
    #[serde(default)]
    pub color: Option<Spanned<String>>,
}

/// An entity type and its highlight colour.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityTypeDef {
    /// The label (`PER`, `WEAPON`, …), with its place in the file for error messages.
    pub name: Spanned<String>,
    /// Its colour.
    #[serde(default)]
    pub color: Option<Spanned<String>>,
}

/// Colours of the interface (each a ratatui colour name or `#rrggbb`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Borders and titles of the focused pane.
    pub accent: Option<Spanned<String>>,
    /// Claim highlight.
    pub claim: Option<Spanned<String>>,
    /// The selected annotation.
    pub selection: Option<Spanned<String>>,
    /// Status bar background.
    pub status_bar: Option<Spanned<String>>,
    /// Search matches.
    pub search: Option<Spanned<String>>,
}

/// Extra claim cue words, per language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// German cues.
    #[serde(default)]
    pub de: Vec<String>,
    /// English cues.
    #[serde(default)]
    pub en: Vec<String>,
}

/// Key bindings per mode: `mode -> key -> action`, each action with its place in the file so
/// an unknown action can be reported with its line.
pub type KeymapConfig = BTreeMap<String, BTreeMap<String, Spanned<String>>>;

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folder opened when gloss is started without a path.
    pub articles_dir: Option<PathBuf>,
    /// Who you are, recorded as `author` on what you annotate (else `git config
    /// user.name`, read by the interactive gloss when it starts).
    #[serde(default)]
    pub author: Option<String>,
    /// `auto`, `de` or `en`.
    #[serde(default)]
    pub language: LangSetting,
    /// Entity suggestions with a lower score (0–1) are not shown.
    #[serde(default)]
    pub min_entity_score: f32,
    /// Interface colours.
    #[serde(default)]
    pub colors: Colors,
    /// Tags offered by the tag picker.
    #[serde(default = "default_tags")]
    pub tags: Vec<TagDef>,
    /// Entity types and their colours (PER, LOC, ORG, MISC are always there).
    #[serde(default)]
    pub entity_types: Vec<EntityTypeDef>,
    /// Extra claim cues.
    #[serde(default)]
    pub cues: Cues,
    /// Key bindings that replace or add to the defaults.
    #[serde(default)]
    pub keymap: KeymapConfig,
    /// Where the config came from (`None`: built-in defaults).
    #[serde(skip)]
    pub source: Option<ConfigSource>,
}

/// The file a config was read from and its text, to turn spans into line numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigSource {
    /// The file.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

fn default_tags() -> Vec<TagDef> {
    [
        "key-actor",
        "verify",
        "disputed",
        "source-needed",
        "follow-up",
    ]
    .into_iter()
    .map(|name| TagDef {
        name: name.to_string(),
        color: None,
    })
    .collect()
}

/// A config error, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("{path}: cannot read config: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown key or a bad value.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// 1-based line number of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl ConfigSource {
    /// An [`ConfigError::Invalid`] for the value at `span`.
    pub fn error_at(
        &self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            line: line_of(&self.text, span.start),
            message: message.into(),
        }
    }
}

/// Where the config file is looked for when neither `--config` nor `GLOSS_CONFIG` is given.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "gloss").map(|d| d.config_dir().join("config.toml"))
}

/// Where annotations live when neither `--data-dir` nor `GLOSS_DATA_DIR` is given.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "gloss")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".gloss"))
}

impl Config {
    /// Parses a config file's text; `path` is used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let source = ConfigSource {
            path: path.to_path_buf(),
            text: text.to_string(),
        };
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                message: e.message().trim().to_string(),
            }
        })?;
        cfg.validate(&source)?;
        cfg.source = Some(source);
        Ok(cfg)
    }

    /// Loads the config from an explicit path (must exist), or from the default place
    /// (may be missing: defaults).
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, must_exist) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match default_path() {
                Some(p) => (p, false),
                None => return Ok(Config::default_config()),
            },
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                Ok(Config::default_config())
            }
            Err(source) => Err(ConfigError::Io { path, source }),
        }
    }

    /// The built-in defaults.
    pub fn default_config() -> Config {
        // An empty document takes every serde default (tags included).
        toml::from_str("").unwrap_or_default()
    }

    /// The entity types: the four built-in ones, then the configured ones.
    pub fn entity_labels(&self) -> Vec<String> {
        let mut out: Vec<String> = ["PER", "LOC", "ORG", "MISC"].map(String::from).to_vec();
        for t in &self.entity_types {
            if !out.contains(t.name.get_ref()) {
                out.push(t.name.get_ref().clone());
            }
        }
        out
    }

    /// Every colour the config sets, with its place in the file. The core does not know
    /// what a colour is; the interface checks them (`gloss_tui::config_check`).
    pub fn colour_settings(&self) -> Vec<&Spanned<String>> {
        let mut colors: Vec<&Spanned<String>> = [
            &self.colors.accent,
            &self.colors.claim,
            &self.colors.selection,
            &self.colors.status_bar,
            &self.colors.search,
        ]
        .into_iter()
        .flatten()
        .collect();
        colors.extend(self.tags.iter().filter_map(|t| t.color.as_ref()));
        colors.extend(self.entity_types.iter().filter_map(|t| t.color.as_ref()));
        colors
    }

    /// Checks the parts of the config the core owns; the interface checks its own
    /// (colours, key bindings) on top.
    fn validate(&self, src: &ConfigSource) -> Result<(), ConfigError> {
        if !(0.0..=1.0).contains(&self.min_entity_score) {
            let at = src.text.find("min_entity_score").unwrap_or(0);
            return Err(src.error_at(
                at..at,
                format!(
                    "min_entity_score = {}: use a number from 0 to 1",
                    self.min_entity_score
                ),
            ));
        }
        for t in &self.entity_types {
            let name = t.name.get_ref();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(src.error_at(
                    t.name.span(),
                    format!("entity type {name:?}: use letters, digits, '_' or '-'"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse(Path::new("c.toml"), "").unwrap();
        assert_eq!(c.language, LangSetting::Auto);
        assert!(!c.tags.is_empty());
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = Config::parse(Path::new("c.toml"), "language = \"de\"\nno_such_key = 1\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:2:"), "{err}");
        assert!(err.contains("no_such_key"), "{err}");
    }

    #[test]
    fn entity_score_threshold_is_read_and_checked() {
        let c = Config::parse(Path::new("c.toml"), "min_entity_score = 0.4\n").unwrap();
        assert_eq!(c.min_entity_score, 0.4);
        let err = Config::parse(Path::new("c.toml"), "\nmin_entity_score = 2\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.toml:2:"), "{err}");
        assert!(err.contains("0 to 1"), "{err}");
    }

    #[test]
    fn bad_entity_type_name_names_its_line() {
        let err = Config::parse(
            Path::new("c.toml"),
            "language = \"de\"\n\n[[entity_types]]\nname = \"no spaces\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("c.toml:4:"), "{err}");
    }

    #[test]
    fn bad_language_is_an_error() {
        assert!(Config::parse(Path::new("c.toml"), "language = \"fr\"").is_err());
    }

    #[test]
    fn example_config_parses() {
        let text = include_str!("../../../config.example.toml");
        let c = Config::parse(Path::new("config.example.toml"), text).unwrap();
        assert!(c.entity_labels().len() >= 4);
    }
}
