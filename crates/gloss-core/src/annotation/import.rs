//! Import of an exported TOML file into the store, merging by annotation id.
//!
//! Articles are matched to store files by path (resolved against the current folder, as
//! export wrote it), then by the body's SHA-256. An id already in the store with the same
//! content is a no-op; with different content both are kept and the imported one gets a
//! new id (reported, so nobody's work is silently replaced).

use std::path::{Path, PathBuf};

use super::export::TomlDoc;
use super::file::{self, SCHEMA, StoreFile};
use super::{Store, StoreError, new_id};

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The export file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The export file is not gloss's TOML export.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The store could not be written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Articles touched.
    pub articles: usize,
    /// Annotations added (including renamed ones).
    pub added: usize,
    /// Annotations already present, identical.
    pub unchanged: usize,
    /// Conflicting ids: (article path, id in the file, new id given to the imported one).
    pub renamed: Vec<(String, String, String)>,
}

/// Reads an exported TOML file and merges it into the store.
pub fn import_file(store: &Store, path: &Path) -> Result<ImportReport, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    import_toml(store, path, &text)
}

/// Merges an exported TOML document (`text`, read from `source`) into the store.
pub fn import_toml(store: &Store, source: &Path, text: &str) -> Result<ImportReport, ImportError> {
    let perr = |line: usize, message: String| ImportError::Parse {
        path: source.to_path_buf(),
        line,
        message,
    };
    let doc: TomlDoc = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text.as_bytes()[..s.start.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        perr(line, e.message().trim().to_string())
    })?;
    if doc.schema > SCHEMA {
        return Err(perr(
            1,
            format!(
                "schema = {} is newer than this gloss understands ({SCHEMA})",
                doc.schema
            ),
        ));
    }
    let mut report = ImportReport::default();
    for art in doc.articles {
        if art.annotations.is_empty() {
            continue;
        }
        let existing = store.find_raw(Path::new(&art.path), &art.sha256)?;
        let mut f = existing.unwrap_or_else(|| StoreFile {
            schema: SCHEMA,
            path: file::canonical(Path::new(&art.path))
                .to_string_lossy()
                .into_owned(),
            title: art.title.clone(),
            sha256: art.sha256.clone(),
            annotations: Vec::new(),
        });
        let before = f.clone();
        for mut a in art.annotations {
            match f.annotations.iter().find(|b| b.id == a.id) {
                Some(b) if *b == a => report.unchanged += 1,
                Some(_) => {
                    let new = new_id();
                    report
                        .renamed
                        .push((art.path.clone(), a.id.clone(), new.clone()));
                    a.id = new;
                    f.annotations.push(a);
                    report.added += 1;
                }
                None => {
                    f.annotations.push(a);
                    report.added += 1;
                }
            }
        }
        if f != before {
            store.write_file(&f)?;
            report.articles += 1;
        }
    }
    Ok(report)
}
