//! Articles: the model, the directory scan and one parser per format (txt, md, html).
//!
//! SKELETON: the types and function signatures here are the interface the rest of gloss
//! codes against. The parsers are placeholders to be replaced by the article work.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Language of an article, detected or forced by config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    De,
    /// English (also the fallback for languages gloss has no rules for).
    #[default]
    En,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

/// The file format, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the seed layout or `+++` front matter.
    Text,
    /// `.md` / `.markdown`.
    Markdown,
    /// `.html` / `.htm`.
    Html,
}

impl Format {
    /// The format for a path, or `None` when gloss does not read that kind of file.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What is known about an article besides its text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Title (never empty once parsed: falls back to the file stem).
    pub title: String,
    /// Publication date, when the article gives one.
    pub date: Option<NaiveDate>,
    /// Section or department (`Politik`).
    pub section: Option<String>,
    /// Publication or site name.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Detected or forced language.
    pub lang: Lang,
}

/// A parsed article: metadata and paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file it came from.
    pub path: PathBuf,
    /// Metadata.
    pub meta: Meta,
    /// The paragraphs, each plain text without newlines inside (whitespace collapsed).
    pub paragraphs: Vec<String>,
    /// Non-fatal problems met while reading (lossy UTF-8, …), for the status bar.
    pub warnings: Vec<String>,
}

/// The separator between paragraphs in the body (contract).
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

impl Article {
    /// The body: the paragraphs joined with `"\n\n"`. All offsets are char offsets into it.
    pub fn body(&self) -> String {
        self.paragraphs.join(PARAGRAPH_SEPARATOR)
    }

    /// Char offset in the body at which each paragraph starts.
    pub fn paragraph_starts(&self) -> Vec<usize> {
        let mut starts = Vec::with_capacity(self.paragraphs.len());
        let mut at = 0;
        for p in &self.paragraphs {
            starts.push(at);
            at += p.chars().count() + PARAGRAPH_SEPARATOR.len();
        }
        starts
    }
}

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file holds no text.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file looks binary (NUL bytes).
    #[error("{path}: binary file, not an article")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The extension is not one gloss reads.
    #[error("{path}: not an article (gloss reads .txt, .md and .html)")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The front matter is malformed.
    #[error("{path}:{line}: front matter: {message}")]
    FrontMatter {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Reads and parses one article file.
pub fn load(path: &Path) -> Result<Article, ArticleError> {
    let bytes = std::fs::read(path).map_err(|source| ArticleError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    let title = paragraphs[0].clone();
    Ok(Article {
        path: path.to_path_buf(),
        meta: Meta {
            title,
            ..Meta::default()
        },
        paragraphs,
        warnings: Vec::new(),
    })
}

/// Reads only what the article list needs (title, date, …), as cheaply as the format allows.
///
/// The list calls this lazily or in the background, so opening a large folder never waits
/// for every file to be parsed.
pub fn load_meta(path: &Path) -> Result<Meta, ArticleError> {
    load(path).map(|a| a.meta)
}

/// The result of scanning a folder.
#[derive(Debug, Default)]
pub struct Scan {
    /// Article files found (by extension), in no particular order.
    pub files: Vec<PathBuf>,
    /// Entries that were skipped, with why (hidden files are skipped silently).
    pub skipped: Vec<(PathBuf, String)>,
}

/// Lists the article files under `root` recursively (or `root` itself if it is a file),
/// without reading them.
pub fn scan(root: &Path) -> Scan {
    let mut out = Scan::default();
    if root.is_file() {
        out.files.push(root.to_path_buf());
        return out;
    }
    let Ok(rd) = std::fs::read_dir(root) else {
        out.skipped
            .push((root.to_path_buf(), "cannot read folder".into()));
        return out;
    };
    for entry in rd.flatten() {
        let p = entry.path();
        if Format::from_path(&p).is_some() {
            out.files.push(p);
        }
    }
    out
}

/// Orders metadata newest first by date, then by path (the contract's list order).
pub fn sort_newest_first(items: &mut [(PathBuf, Meta)]) {
    items.sort_by(|(pa, a), (pb, b)| b.date.cmp(&a.date).then_with(|| pa.cmp(pb)));
}
