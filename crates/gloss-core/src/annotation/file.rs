//! One store file: its TOML layout, its name, reading it and writing it atomically.
//!
//! # Layout
//!
//! ```toml
//! schema = 1
//! path = "politik/2024-12-21-putin-pezeshkian.txt"
//! title = "Putin und Pezeshkian schmieden neue strategische Allianz"
//! sha256 = "…"
//!
//! [[annotation]]
//! id = "…"
//! kind = "entity"
//! …
//! ```
//!
//! The header comes first (the move index reads only it), annotations are sorted by start
//! then id, keys keep one order, one per line, and nothing changes on a save that did not
//! change an annotation: two people's files merge line by line with git.
//!
//! # Key and name
//!
//! An article's *key* is its path relative to its corpus root, with `/` between the parts
//! (see [`key`]): the articles folder gloss was given when the article lies under it, else
//! the top of the git work tree holding the article, else the article's own folder. The key
//! is what the file records as `path`, and the file name is
//! `<slug of the file stem>-<first 12 hex digits of the SHA-256 of the key>.toml`, e.g.
//! `2024-12-21-putin-pezeshkian-3f9c0a1b2c4d.toml`: readable in a listing, the same in every
//! checkout of a corpus wherever it lies on disk, and distinct for equal stems in different
//! folders of it. The slug keeps ASCII letters and digits (lowercased), turns anything else
//! into `-`, and is at most 48 chars (`article` when nothing is left).
//!
//! Stores before layout 2 named files after the article's absolute path and recorded it;
//! [`legacy_file_name`] finds them so the store can migrate them (see `Store::set_root`).

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Annotation, StoreError};

/// The schema version this gloss writes and reads.
pub const SCHEMA: u32 = 1;
/// The store layout this gloss writes, recorded in [`LAYOUT_FILE`]: 1 named files after
/// absolute paths, 2 after corpus-relative keys.
pub const LAYOUT: u32 = 2;
/// The file in the annotations folder that records the layout (TOML, but not named
/// `.toml`: nothing that lists store files may take it for one).
pub const LAYOUT_FILE: &str = ".store-layout";
/// The line that starts the first annotation; the header is everything before it.
const FIRST_ANNOTATION: &str = "[[annotation]]";

/// A store file as written on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreFile {
    /// Schema version.
    pub schema: u32,
    /// Canonical path of the article.
    pub path: String,
    /// Title of the article.
    pub title: String,
    /// SHA-256 of the body the positions refer to.
    pub sha256: String,
    /// Annotations, sorted by start then id.
    #[serde(default, rename = "annotation")]
    pub annotations: Vec<Annotation>,
}

/// The header of a store file (what the move index needs).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Header {
    /// Schema version.
    #[serde(default)]
    pub schema: u32,
    /// Canonical path of the article.
    #[serde(default)]
    pub path: String,
    /// Title of the article.
    #[serde(default)]
    pub title: String,
    /// SHA-256 of the body.
    #[serde(default)]
    pub sha256: String,
}

/// SHA-256 of a text, hex.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The absolute, symlink-free path of an article; a lexically cleaned absolute path when
/// the file does not exist (an import of an article not on this machine).
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn slug(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "article".into()
    } else {
        slug.to_string()
    }
}

/// The folder an article's key is relative to when gloss opened `opened`: the configured
/// `articles_dir` when `opened` lies under it, else `opened` when it is a folder, else none
/// (then [`key`] falls back to the git work tree or the article's folder).
pub fn corpus_root(opened: &Path, articles_dir: Option<&Path>) -> Option<PathBuf> {
    let opened = canonical(opened);
    if let Some(dir) = articles_dir {
        let dir = canonical(dir);
        if opened.starts_with(&dir) {
            return Some(dir);
        }
    }
    opened.is_dir().then_some(opened)
}

/// The top of the git work tree holding `path`, if any (a `.git` folder or file above it).
fn git_top(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The key of an article (see the module docs): its path relative to `root` (canonical)
/// when under it, else to its git work tree, else its file name; parts joined by `/`.
pub fn key(article: &Path, root: Option<&Path>) -> String {
    key_and_base(article, root).0
}

/// The key of an article and the folder it is relative to.
pub fn key_and_base(article: &Path, root: Option<&Path>) -> (String, PathBuf) {
    let canon = canonical(article);
    let base = root
        .filter(|r| canon.starts_with(r) && canon != *r)
        .map(Path::to_path_buf)
        .or_else(|| git_top(&canon))
        .or_else(|| canon.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let rel = canon.strip_prefix(&base).unwrap_or(&canon);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (parts.join("/"), base)
}

/// The store file name for a key (see the module docs).
pub fn file_name_for_key(key: &str) -> String {
    let hash = hex::encode(Sha256::digest(key.as_bytes()));
    format!("{}-{}.toml", slug(Path::new(key)), &hash[..12])
}

/// The name a store before layout 2 gave an article's file: the hash of its absolute path.
pub fn legacy_file_name(path: &Path) -> String {
    let canon = canonical(path);
    let hash = hex::encode(Sha256::digest(canon.as_os_str().as_encoded_bytes()));
    format!("{}-{}.toml", slug(path), &hash[..12])
}

/// The layout recorded in the annotations folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutFile {
    /// See [`LAYOUT`].
    pub layout: u32,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn parse_error(path: &Path, text: &str, e: &toml::de::Error) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        message: e.message().trim().to_string(),
    }
}

/// Parses a store file's text; a newer schema is an error (never rewritten).
pub fn parse(path: &Path, text: &str) -> Result<StoreFile, StoreError> {
    match toml::from_str::<StoreFile>(text) {
        Ok(f) if f.schema > SCHEMA => Err(newer_schema(path, text, f.schema)),
        Ok(f) => Ok(f),
        Err(e) => {
            // A newer schema may not fit today's fields: say that rather than the field error.
            if let Ok(h) = toml::from_str::<Header>(text)
                && h.schema > SCHEMA
            {
                return Err(newer_schema(path, text, h.schema));
            }
            Err(parse_error(path, text, &e))
        }
    }
}

fn newer_schema(path: &Path, text: &str, schema: u32) -> StoreError {
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("schema"))
        .map_or(1, |i| i + 1);
    StoreError::Parse {
        path: path.to_path_buf(),
        line,
        message: format!(
            "schema = {schema} is newer than this gloss understands ({SCHEMA}); left untouched"
        ),
    }
}

/// Reads and parses a store file; `Ok(None)` when it does not exist.
pub fn read(path: &Path) -> Result<Option<StoreFile>, StoreError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Reads only the header lines of a store file.
pub fn read_header(path: &Path) -> Result<Header, StoreError> {
    use std::io::BufRead;
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let f = std::fs::File::open(path).map_err(io)?;
    let mut text = String::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line.map_err(io)?;
        if line.trim() == FIRST_ANNOTATION {
            break;
        }
        text.push_str(&line);
        text.push('\n');
    }
    toml::from_str::<Header>(&text).map_err(|e| parse_error(path, &text, &e))
}

/// Serializes a store file (annotations must already be sorted).
pub fn to_text(file: &StoreFile) -> Result<String, StoreError> {
    toml::to_string(file).map_err(|e| StoreError::Io {
        path: PathBuf::from(&file.path),
        source: std::io::Error::other(e.to_string()),
    })
}

/// A step of [`write_atomic`], named so a test can make it fail (see [`inject_fault`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// Creating the temporary file.
    Create,
    /// Writing the text into it.
    Write,
    /// Flushing it to the disk.
    Fsync,
    /// Renaming it over the store file.
    Rename,
    /// Flushing the folder, so the rename survives a crash.
    SyncDir,
}

impl WriteStep {
    /// The step's name in `GLOSS_INJECT_FAULT` (`create`, `write`, `fsync`, `rename`,
    /// `sync_dir`).
    pub fn from_name(s: &str) -> Option<WriteStep> {
        Some(match s {
            "create" => WriteStep::Create,
            "write" => WriteStep::Write,
            "fsync" => WriteStep::Fsync,
            "rename" => WriteStep::Rename,
            "sync_dir" => WriteStep::SyncDir,
            _ => return None,
        })
    }
}

/// A fault to inject: the step that fails, after how many writes have gone through.
#[derive(Debug, Clone, Copy)]
struct Fault {
    step: WriteStep,
    after: usize,
    seen: usize,
}

std::thread_local! {
    static FAULT: std::cell::Cell<Option<Fault>> = const { std::cell::Cell::new(None) };
}

/// Makes every later store write on this thread fail at `step`, once `after` writes have
/// succeeded (`None` removes the fault). For tests: CI runs as root, whom `chmod` does not
/// stop, so a failing disk is simulated here. A process can be given one with the
/// environment variable `GLOSS_INJECT_FAULT=STEP` or `STEP:AFTER` (read by the binary at
/// start, which calls this).
pub fn inject_fault(step: Option<WriteStep>, after: usize) {
    FAULT.with(|f| {
        f.set(step.map(|step| Fault {
            step,
            after,
            seen: 0,
        }))
    });
}

/// Injects the fault a `GLOSS_INJECT_FAULT` value names: `STEP` or `STEP:AFTER` (see
/// [`inject_fault`]); an error names what is wrong with the value.
pub fn inject_fault_spec(spec: &str) -> Result<(), String> {
    let (step, after) = spec.split_once(':').unwrap_or((spec, "0"));
    let step = WriteStep::from_name(step.trim()).ok_or_else(|| {
        format!("{step:?} is not a write step (create, write, fsync, rename, sync_dir)")
    })?;
    let after = after
        .trim()
        .parse()
        .map_err(|_| format!("{after:?} is not a number of writes"))?;
    inject_fault(Some(step), after);
    Ok(())
}

/// The error of an injected fault at `step` for a write of `path`, if one is due. Hidden
/// files (the store's `.gitignore`) are never failed, so the count of writes a fault waits
/// for is a count of store files and `never.toml`.
fn fault_at(path: &Path, step: WriteStep) -> std::io::Result<()> {
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    {
        return Ok(());
    }
    FAULT.with(|f| match f.get() {
        Some(fault) if fault.step == step && fault.seen >= fault.after => {
            Err(std::io::Error::other(format!("injected fault at {step:?}")))
        }
        _ => Ok(()),
    })
}

/// Counts one write that got through every step (for the `after` of a fault).
fn count_write() {
    FAULT.with(|f| {
        if let Some(mut fault) = f.get() {
            fault.seen += 1;
            f.set(Some(fault));
        }
    });
}

/// Writes `text` to `path` atomically: a temporary file in the same folder, fsync, rename,
/// fsync of the folder. A reader (or a crash) sees the old file or the new one, never half;
/// when a step before the rename fails, the old file is untouched and the temporary file
/// is removed.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tmp-").suffix(".part");
    // tempfile makes 0600 files; a store file is an ordinary file, shared through git.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    fault_at(path, WriteStep::Create).map_err(io)?;
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    // On any error below `tmp` is dropped, which deletes the temporary file.
    fault_at(path, WriteStep::Write)
        .and_then(|()| tmp.write_all(text.as_bytes()))
        .map_err(io)?;
    fault_at(path, WriteStep::Fsync)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io)?;
    fault_at(path, WriteStep::Rename).map_err(io)?;
    // A second name for the old file, so that a failure after the rename can put it back:
    // a write that reports failure leaves the old file, whatever step failed. (Where the
    // file system has no hard links the old file cannot be kept; the new one is whole.)
    let backup = if path.exists() {
        let b = dir.join(format!(
            ".tmp-{}.bak.part",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        let _ = std::fs::remove_file(&b);
        std::fs::hard_link(path, &b).ok().map(|()| b)
    } else {
        None
    };
    if let Err(e) = tmp.persist(path) {
        if let Some(b) = &backup {
            let _ = std::fs::remove_file(b);
        }
        return Err(io(e.error));
    }
    let synced = fault_at(path, WriteStep::SyncDir)
        .map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })
        .and_then(|()| sync_dir(dir));
    if let Err(e) = synced {
        // Back to the old file (or to no file), so the store holds what it held.
        match &backup {
            Some(b) => {
                let _ = std::fs::rename(b, path);
            }
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
        return Err(e);
    }
    if let Some(b) = &backup {
        let _ = std::fs::remove_file(b);
    }
    if !path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    {
        count_write();
    }
    Ok(())
}

/// Removes a store file and makes the removal durable.
pub fn remove(path: &Path) -> Result<(), StoreError> {
    // Removing is how the last annotation's deletion replaces the file.
    fault_at(path, WriteStep::Rename).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })
}

/// Whether a folder entry is a store file (not hidden, not a temporary file, `.toml`).
pub fn is_store_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.') && name.ends_with(".toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_file_name_is_slug_plus_hash_of_the_absolute_path() {
        let file_name = legacy_file_name;
        let n = file_name(Path::new("/news/2024-12-21 Putin & Pezeshkian.txt"));
        assert!(n.starts_with("2024-12-21-putin-pezeshkian-"), "{n}");
        assert!(n.ends_with(".toml"));
        assert_eq!(
            n,
            file_name(Path::new("/news/./2024-12-21 Putin & Pezeshkian.txt"))
        );
        assert_ne!(
            n,
            file_name(Path::new("/other/2024-12-21 Putin & Pezeshkian.txt"))
        );
        assert!(file_name(Path::new("/x/Ärger.txt")).starts_with("rger-"));
        assert!(file_name(Path::new("/x/ää.txt")).starts_with("article-"));
    }

    #[test]
    fn key_is_relative_to_the_root_and_the_name_follows_it() {
        let t = tempfile::tempdir().unwrap();
        let root = canonical(t.path());
        let a = root.join("politik/2024-12-21 Putin & Pezeshkian.txt");
        assert_eq!(
            key(&a, Some(&root)),
            "politik/2024-12-21 Putin & Pezeshkian.txt"
        );
        // Outside the root and any git work tree: the file name.
        let elsewhere = tempfile::tempdir().unwrap();
        let b = elsewhere.path().join("x.txt");
        assert_eq!(key(&b, Some(&root)), "x.txt");
        // In a git work tree: relative to its top.
        std::fs::create_dir_all(root.join("repo/.git")).unwrap();
        let c = root.join("repo/news/x.txt");
        assert_eq!(key(&c, None), "news/x.txt");
        let n = file_name_for_key("politik/2024-12-21 Putin & Pezeshkian.txt");
        assert!(n.starts_with("2024-12-21-putin-pezeshkian-"), "{n}");
        assert!(n.ends_with(".toml"));
        assert_ne!(
            n,
            file_name_for_key("sport/2024-12-21 Putin & Pezeshkian.txt")
        );
        assert!(file_name_for_key("x/Ärger.txt").starts_with("rger-"));
        assert!(file_name_for_key("ää.txt").starts_with("article-"));
    }

    #[test]
    fn corpus_root_prefers_the_configured_articles_dir() {
        let t = tempfile::tempdir().unwrap();
        let root = canonical(t.path());
        let sub = root.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("a.txt"), "x").unwrap();
        assert_eq!(corpus_root(&sub, Some(&root)), Some(root.clone()));
        assert_eq!(corpus_root(&sub, None), Some(sub.clone()));
        assert_eq!(corpus_root(&sub.join("a.txt"), None), None);
        assert_eq!(corpus_root(&sub.join("a.txt"), Some(&root)), Some(root));
    }

    #[test]
    fn parse_error_names_line() {
        let text =
            "schema = 1\npath = \"a\"\ntitle = \"t\"\nsha256 = \"x\"\n[[annotation]]\nid = \n";
        match parse(Path::new("s.toml"), text) {
            Err(StoreError::Parse { line, .. }) => assert_eq!(line, 6),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn newer_schema_is_refused() {
        let text = "schema = 2\npath = \"a\"\ntitle = \"t\"\nsha256 = \"x\"\nnew_thing = 3\n";
        let e = parse(Path::new("s.toml"), text).unwrap_err().to_string();
        assert!(e.contains("schema = 2"), "{e}");
    }
}
