//! gloss's corpus index: each article's metadata, full text, entities and claims in one
//! SQLite database under `<data dir>/index/`, so questions that span articles (where else
//! was this said, who else names this person, what has this speaker claimed) are answered
//! without reading every file.
//!
//! The index is derived data, safe to delete: the article files and the annotation store
//! stay the source of truth. Opening never fails: an index that is corrupt or from an older
//! schema is rebuilt, one from a newer gloss, on a read-only disk or held too long by
//! another process is bypassed by a temporary in-memory index, and [`Index::notice`] says
//! which, in one line for the status bar or stderr.
//!
//! Its own crate so gloss-core stays free of C code and SQLite; the TUI and the command
//! line both use it.

mod build;
mod first;
pub mod meta;
pub mod packed;
mod query;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use build::{BuildStats, Progress};
pub use query::{ClaimHit, EntityCount, Mention, SearchHit, fts_query};

/// The schema this gloss writes. An index with a larger `user_version` was written by a
/// newer gloss and is never touched; a smaller one is rebuilt.
pub const SCHEMA: i64 = 3;

/// The index database's file name inside `<data dir>/index/`.
pub const FILE_NAME: &str = "gloss.sqlite3";

/// How long a statement waits for another process's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the index could not answer.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// SQLite failed.
    #[error("index {path}: {source}")]
    Sqlite {
        /// The database file (or `:memory:`).
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
}

impl IndexError {
    /// Whether the database file itself is damaged (so rebuilding it is the cure).
    pub fn is_corrupt(&self) -> bool {
        let IndexError::Sqlite { source, .. } = self;
        matches!(
            source.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        )
    }

    /// Whether another process held the database longer than the busy timeout.
    pub fn is_busy(&self) -> bool {
        let IndexError::Sqlite { source, .. } = self;
        matches!(
            source.sqlite_error_code(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    }
}

/// The corpus index: one connection to the database.
pub struct Index {
    conn: Connection,
    /// The database file, or `None` for a temporary in-memory index.
    file: Option<PathBuf>,
    notice: Option<String>,
    /// At most this many threads parse and analyse in [`Index::update`] (`None`: one per
    /// core).
    workers: Option<usize>,
    /// Whether [`Index::update`] runs behind an interface: its threads then yield the CPU
    /// to it.
    background: bool,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("file", &self.file)
            .field("notice", &self.notice)
            .finish()
    }
}

const CREATE: &str = "
CREATE TABLE IF NOT EXISTS article (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    -- The stamp (size, mtime) the metadata was read at.
    size INTEGER NOT NULL,
    mtime_ns TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    -- The rest of the list's metadata, in plain columns (schema 3: reading 100,000 rows
    -- of JSON was a third of opening a folder seen before).
    section TEXT,
    source TEXT,
    author TEXT,
    url TEXT,
    lang TEXT NOT NULL,
    -- The stamps the full text, entities and claims were indexed at (NULL: not yet):
    -- the article's and its store file's, so a change to either re-indexes it.
    full_stamp TEXT,
    store_stamp TEXT,
    -- The article's rowid in `fts` (see `build::fts_key`), NULL until its text is in.
    fts_key INTEGER
);
CREATE INDEX IF NOT EXISTS article_date ON article(date);
-- Rowids are `build::fts_key` (date, then article id): newest first is FTS5's own
-- descending rowid order, so a search reads its top results and stops.
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, article UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '3'
);
CREATE TABLE IF NOT EXISTS mention (
    article INTEGER NOT NULL,
    canonical TEXT NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    -- 1 when the mention comes from a saved annotation (accepted or made by hand).
    saved INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mention_article ON mention(article);
CREATE INDEX IF NOT EXISTS mention_canonical ON mention(canonical, label);
CREATE TABLE IF NOT EXISTS claim (
    article INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    cue TEXT NOT NULL,
    speaker TEXT,
    -- The speaker lower-cased, for case-insensitive look-ups.
    speaker_fold TEXT,
    saved INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_article ON claim(article);
CREATE INDEX IF NOT EXISTS claim_speaker ON claim(speaker_fold);
";

/// Each folder's list packed in one value (see `packed.rs`): a cache of the `article`
/// rows above, checked against every file's stamp when read. Added within schema 3 (an
/// index without it gets it when a list is first written; a gloss that does not know it
/// leaves it alone, and what it misses shows as changed stamps).
pub(crate) const CREATE_FOLDER_LIST: &str =
    "CREATE TABLE IF NOT EXISTS folder_list (root TEXT PRIMARY KEY, data BLOB NOT NULL);";

impl Index {
    /// The index under `<data_dir>/index/`, created when missing. Never fails: see the
    /// crate docs for what happens to an index that cannot be used.
    pub fn open(data_dir: &Path) -> Index {
        let dir = data_dir.join("index");
        let file = dir.join(FILE_NAME);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Index::temporary(format!(
                "index {}: cannot create the folder ({e}); using a temporary index",
                dir.display()
            ));
        }
        match Index::open_file(&file) {
            Ok(ix) => ix,
            Err(Open::Newer(v)) => Index::temporary(format!(
                "index {} is from a newer gloss (schema {v}, this one knows {SCHEMA}); left as it is, using a temporary index",
                file.display()
            )),
            Err(Open::Rebuild(why)) => {
                remove_db(&file);
                match Index::open_file(&file) {
                    Ok(mut ix) => {
                        ix.notice = Some(format!("index {} {why}; rebuilt", file.display()));
                        ix
                    }
                    Err(e) => Index::temporary(format!(
                        "index {} {why} and cannot be rebuilt ({}); using a temporary index",
                        file.display(),
                        e.describe()
                    )),
                }
            }
            Err(e) => Index::temporary(format!(
                "index {}: {}; using a temporary index",
                file.display(),
                e.describe()
            )),
        }
    }

    /// An index in memory only, gone when dropped (tests, and the fallback of
    /// [`Index::open`]): `notice` says why it is used.
    pub fn temporary(notice: String) -> Index {
        let conn = Connection::open_in_memory().and_then(|c| {
            c.execute_batch(CREATE)?;
            c.execute_batch(CREATE_FOLDER_LIST)?;
            c.pragma_update(None, "user_version", SCHEMA)?;
            Ok(c)
        });
        let conn = match conn {
            Ok(c) => c,
            // SQLite cannot make an empty in-memory database only when memory is out.
            Err(_) => match Connection::open_in_memory() {
                Ok(c) => c,
                Err(e) => panic!("SQLite cannot open an in-memory database: {e}"),
            },
        };
        Index {
            conn,
            file: None,
            notice: Some(notice).filter(|n| !n.is_empty()),
            workers: None,
            background: false,
        }
    }

    fn open_file(file: &Path) -> Result<Index, Open> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(file, flags).map_err(Open::from_sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(Open::from_sqlite)?;
        // WAL: readers never wait for the writer, and a killed writer leaves the last
        // committed state. `synchronous = NORMAL` is safe with WAL against a process kill
        // (only a power cut can lose the last commits, and the index is derived data).
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(Open::from_sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(Open::from_sqlite)?;
        // Writing 10,000 metadata rows in one transaction touches more pages than the
        // default 2 MB cache holds, and spilling it wrote each page to the WAL several
        // times.
        conn.pragma_update(None, "cache_size", -32_768)
            .map_err(Open::from_sqlite)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(Open::from_sqlite)?;
        if version > SCHEMA {
            return Err(Open::Newer(version));
        }
        if version != 0 && version < SCHEMA {
            return Err(Open::Rebuild(format!(
                "was written by an older gloss (schema {version})"
            )));
        }
        if version == 0 {
            // Another process may be creating it at the same moment: one transaction,
            // and `IF NOT EXISTS`, so both end with the same schema.
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {CREATE} {CREATE_FOLDER_LIST} PRAGMA user_version = {SCHEMA}; COMMIT;"
            ))
            .map_err(Open::from_sqlite)?;
        }
        // A cheap look at the pages a query needs first: a damaged file usually fails
        // here rather than in the middle of an answer.
        conn.query_row("SELECT count(*) FROM article", [], |r| r.get::<_, i64>(0))
            .map_err(Open::from_sqlite)?;
        Ok(Index {
            conn,
            file: Some(file.to_path_buf()),
            notice: None,
            workers: None,
            background: false,
        })
    }

    /// What the user should know about this index (rebuilt, bypassed and why), if
    /// anything.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The database file, or `None` for a temporary index.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Replaces a damaged database by an empty one (the caller then updates it again),
    /// or by a temporary one when the file cannot be replaced. Sets the notice.
    pub fn rebuild_after(&mut self, why: &IndexError) {
        let Some(file) = self.file.clone() else {
            *self = Index::temporary(format!("temporary index failed ({why}); rebuilt"));
            return;
        };
        let data_dir = file
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .to_path_buf();
        // Close our connection before the file goes.
        *self = Index::temporary(String::new());
        remove_db(&file);
        let mut fresh = Index::open(&data_dir);
        if fresh.notice.is_none() {
            fresh.notice = Some(format!(
                "index {} was damaged ({why}); rebuilt",
                file.display()
            ));
        }
        *self = fresh;
    }

    /// Limits the threads [`Index::update`] parses and analyses on (a background update
    /// leaves a core to the interface).
    pub fn set_workers(&mut self, n: usize) {
        self.workers = Some(n.max(1));
    }

    /// [`Index::update`] runs behind an interface: its threads (the caller's included)
    /// run at a lower CPU priority, so a key is answered as fast while it runs.
    pub fn set_background(&mut self) {
        self.background = true;
    }

    /// Sets the notice (the caller fell back to something and wants it said).
    pub fn set_notice(&mut self, notice: String) {
        self.notice = Some(notice);
    }

    fn err(&self, source: rusqlite::Error) -> IndexError {
        IndexError::Sqlite {
            path: self
                .file
                .clone()
                .unwrap_or_else(|| PathBuf::from(":memory:")),
            source,
        }
    }

    /// Number of articles the index knows (metadata at least).
    pub fn len(&self) -> Result<usize, IndexError> {
        self.conn
            .query_row("SELECT count(*) FROM article", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Whether the index knows no article.
    pub fn is_empty(&self) -> Result<bool, IndexError> {
        self.len().map(|n| n == 0)
    }
}

/// Why a database file could not be opened as this gloss's index.
enum Open {
    /// Written by a newer gloss: schema version.
    Newer(i64),
    /// Unusable as it is; deleting it and starting again cures it.
    Rebuild(String),
    /// Any other failure (read-only disk, permissions, busy).
    Other(rusqlite::Error),
}

impl Open {
    fn from_sqlite(e: rusqlite::Error) -> Open {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Open::Rebuild(format!("was damaged ({e})"))
            }
            _ => Open::Other(e),
        }
    }

    fn describe(&self) -> String {
        match self {
            Open::Newer(v) => format!("schema {v} is newer than {SCHEMA}"),
            Open::Rebuild(why) => why.clone(),
            Open::Other(e) => e.to_string(),
        }
    }
}

/// Deletes the database and its WAL files; what cannot be deleted is left (the next open
/// then fails and falls back to a temporary index).
fn remove_db(file: &Path) {
    let _ = std::fs::remove_file(file);
    for ext in ["-wal", "-shm"] {
        let mut s = file.as_os_str().to_owned();
        s.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(s));
    }
}

/// A file's size and modification time: what says that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u128,
}

impl Stamp {
    /// The stamp of the file at `path` now, or `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let md = std::fs::metadata(path).ok()?;
        let mtime_ns = md
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            size: md.len(),
            mtime_ns,
        })
    }

    /// The stamps of `files`, each below the folder `root` as a scan of it spells them,
    /// in their order, taken on `threads` threads: [`Stamp::of`] of each, the same
    /// numbers, for less. Each is looked up from the folder instead of from the start of
    /// its path, and only the size and time are asked for (`statx` relative to the
    /// folder's descriptor on Linux: 100,000 `stat`s of full paths were a quarter of a
    /// second of system time).
    pub fn of_all(root: &Path, files: &[PathBuf], threads: usize) -> Vec<Option<Stamp>> {
        let per = files.len().div_ceil(threads.max(1)).max(1);
        #[cfg(target_os = "linux")]
        let dir = rustix::fs::open(
            root,
            rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .ok();
        let stamp = |f: &PathBuf| -> Option<Stamp> {
            #[cfg(target_os = "linux")]
            if let (Some(dir), Some(rel)) = (&dir, packed::below(root, f)) {
                return Stamp::at(dir, rel).unwrap_or_else(|| Stamp::of(f));
            }
            Stamp::of(f)
        };
        if files.len() <= per {
            return files.iter().map(stamp).collect();
        }
        std::thread::scope(|s| {
            let parts: Vec<_> = files
                .chunks(per)
                .map(|part| s.spawn(|| part.iter().map(stamp).collect::<Vec<_>>()))
                .collect();
            let mut out = Vec::with_capacity(files.len());
            for (h, part) in parts.into_iter().zip(files.chunks(per)) {
                match h.join() {
                    Ok(v) => out.extend(v),
                    Err(_) => out.extend(part.iter().map(|_| None)),
                }
            }
            out
        })
    }

    /// The stamp of the file `rel` below the folder open as `dir`, following links as
    /// [`Stamp::of`] does; `Some(None)` when it cannot be read, `None` when `statx` could
    /// not say (the caller then asks [`Stamp::of`]).
    #[cfg(target_os = "linux")]
    fn at(dir: &rustix::fd::OwnedFd, rel: &[u8]) -> Option<Option<Stamp>> {
        use rustix::fs::{AtFlags, StatxFlags};
        let want = StatxFlags::SIZE | StatxFlags::MTIME;
        match rustix::fs::statx(dir, rel, AtFlags::empty(), want) {
            Ok(st) if StatxFlags::from_bits_retain(st.stx_mask).contains(want) => {
                // As `SystemTime::duration_since(UNIX_EPOCH)`: none before 1970.
                let secs = u128::try_from(st.stx_mtime.tv_sec).ok()?;
                Some(Some(Stamp {
                    size: st.stx_size,
                    mtime_ns: secs * 1_000_000_000 + u128::from(st.stx_mtime.tv_nsec),
                }))
            }
            Ok(_) => None,
            Err(rustix::io::Errno::NOENT | rustix::io::Errno::NOTDIR) => Some(None),
            Err(_) => None,
        }
    }

    /// One text for the database (`size:mtime`).
    fn key(self) -> String {
        format!("{}:{}", self.size, self.mtime_ns)
    }
}

/// The canonical form of a folder or file for the index's keys: absolute, symlinks
/// resolved, so two spellings of one folder share its entries.
pub fn canonical(path: &Path) -> PathBuf {
    gloss_core::annotation::file::canonical(path)
}

/// The SQL range of paths under `root` (itself, or anything below it): `(exact, lo, hi)`
/// for `path = exact OR (path >= lo AND path < hi)`.
fn under(root: &Path) -> (String, String, String) {
    let exact = root.to_string_lossy().into_owned();
    let mut lo = exact.trim_end_matches('/').to_string();
    lo.push('/');
    // '0' is the char after '/': every path that starts with `lo` sorts below `hi`.
    let mut hi = lo.clone();
    hi.pop();
    hi.push('0');
    (exact, lo, hi)
}

#[cfg(test)]
mod tests;
