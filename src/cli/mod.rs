//! The commands of the `gloss` binary. Each takes parsed arguments and a [`Context`] and
//! returns an exit code; errors carry context for the user (anyhow) and are printed by
//! `main`.

pub mod agree;
pub mod check;
pub mod corpus;
pub mod export;
pub mod git;
pub mod import;
pub mod merge_driver;
pub mod render;
pub mod samples;
pub mod show;
pub mod suggest;
pub mod sync;
pub mod tui;

use std::path::{Path, PathBuf};

use gloss_core::config::Config;
use gloss_core::sanitize::for_display;

/// One line of a message for the terminal: control chars, escape sequences and BIDI
/// overrides in it (file names and article text are untrusted) replaced, so nothing in a
/// message can drive the terminal, and line breaks folded so it stays one line.
pub fn safe_line(s: &str) -> String {
    for_display(&s.replace(['\n', '\r'], " "))
}

/// Writes `text` to stdout. A reader that went away (`gloss export | head -1`) is not
/// an error worth a message, as for any Unix filter; other write errors are.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to stdout"))
        }
        _ => Ok(()),
    }
}

/// An error and its causes on one safe line. A cause whose text the message already
/// holds (typed errors often print their source inside their own message) is not
/// repeated.
pub fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    safe_line(&line)
}

/// What every command needs: the config and where the data lives.
#[derive(Debug, Clone)]
pub struct Context {
    /// The loaded config (defaults when there is no file).
    pub config: Config,
    /// The data dir (`--data-dir`, `GLOSS_DATA_DIR`, or the platform default).
    pub data_dir: PathBuf,
}

impl Context {
    /// The folder or article to open when no path is given: `articles_dir` from the config,
    /// else `<data dir>/articles`.
    pub fn default_articles(&self) -> PathBuf {
        self.config
            .articles_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("articles"))
    }

    /// What to open, for the commands that open the reader: `path`, else the default
    /// folder. When that is `<data dir>/articles` and does not exist yet, the bundled
    /// sample articles are written there first, and the message says so.
    pub fn articles_to_open(
        &self,
        path: Option<&Path>,
    ) -> anyhow::Result<(PathBuf, Option<String>)> {
        if path.is_some() || self.config.articles_dir.is_some() {
            return Ok((self.articles_or_default(path), None));
        }
        let dir = self.default_articles();
        if dir.exists() {
            return Ok((dir, None));
        }
        samples::write(&dir)?;
        let note = format!(
            "wrote {} sample articles to {} · gloss PATH opens your own",
            samples::SAMPLES.len(),
            dir.display()
        );
        Ok((dir, Some(note)))
    }

    /// The folder keys in the store are relative to when gloss works on `path` (see
    /// `gloss_core::annotation::file::corpus_root`).
    pub fn corpus_root(&self, path: &Path) -> Option<PathBuf> {
        gloss_core::annotation::file::corpus_root(path, self.config.articles_dir.as_deref())
    }

    /// `path`, or the default articles folder.
    pub fn articles_or_default(&self, path: Option<&Path>) -> PathBuf {
        path.map(Path::to_path_buf)
            .unwrap_or_else(|| self.default_articles())
    }
}

/// Output format of `gloss show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ShowFormat {
    /// Metadata, then the paragraphs, for people.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

/// Output format of `gloss suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum SuggestFormat {
    /// TOML.
    #[default]
    Toml,
    /// One JSON object.
    Json,
}

/// Output format of `gloss agree`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum AgreeFormat {
    /// A table and the disagreements, for people.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

/// Output format of `gloss export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ExportFormat {
    /// The TOML of the contract.
    #[default]
    Toml,
    /// W3C Web Annotation JSON-LD.
    Json,
    /// Comma-separated values, one annotation a row.
    Csv,
}

/// Output format of the corpus commands (`search`, `entities`, `claims`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum CorpusFormat {
    /// Lines for people.
    #[default]
    Text,
    /// One JSON object.
    Json,
}
