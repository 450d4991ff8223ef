//! Article metadata through the index, so a folder opened before shows its full, sorted
//! list after a `stat` of each file instead of a read of each file. (This replaces the
//! JSON metadata cache: the rows are the index's own `article` rows.)
//!
//! Entries are trusted only while the file's size and modification time are unchanged.
//! The whole folder's entries are read into memory in one query when it is opened, and
//! new ones are written back in one transaction by [`MetaCache::save`].

use rustc_hash::FxHashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use gloss_core::article::{ArticleError, Meta, load_meta};
use gloss_core::text::Lang;

use crate::build::write_meta_only;
use crate::packed::PackedList;
use crate::{Index, Stamp, canonical, under};

/// Metadata of the articles under one folder, as the index had them, plus what was read
/// since.
#[derive(Debug, Default)]
pub struct MetaCache {
    /// The folder as given, and its canonical form (the index's keys).
    root: Option<(PathBuf, PathBuf)>,
    /// Keyed by the path's bytes: hashing a `Path` walks its components, and this map is
    /// filled and asked once per article every time a folder is opened (hence also the
    /// fast hash: the keys are the user's own file names, not an attacker's).
    entries: FxHashMap<OsString, (Stamp, Meta)>,
    new: Vec<PathBuf>,
    /// The checksum of the packed list the entries came from, if they did: a list that
    /// packs the same is not written again.
    packed_sum: Option<u64>,
}

impl MetaCache {
    /// The entries the index holds for the articles under `root`: from the folder's packed
    /// list when it has one, else from the rows; empty when the index cannot be read (the
    /// files are then simply read again).
    pub fn open(index: &Index, root: &Path) -> MetaCache {
        match index.packed_list(root) {
            Some(p) => MetaCache::from_packed(root, p),
            None => MetaCache::open_rows(index, root),
        }
    }

    /// The entries of a folder's packed list (see [`Index::packed_list`]), keyed by the
    /// paths as the scan of `root` spells them.
    pub fn from_packed(root: &Path, packed: PackedList) -> MetaCache {
        let canon = canonical(root);
        let base = root.as_os_str().as_encoded_bytes();
        let packed_sum = Some(packed.checksum());
        let mut entries = FxHashMap::default();
        entries.reserve(packed.len());
        for (rel, stamp, meta) in packed.into_entries() {
            entries.insert(joined(base, &rel), (stamp, meta));
        }
        MetaCache {
            root: Some((root.to_path_buf(), canon)),
            entries,
            new: Vec::new(),
            packed_sum,
        }
    }

    /// [`MetaCache::open`] from the index's rows alone (not its packed lists).
    pub fn open_rows(index: &Index, root: &Path) -> MetaCache {
        let canon = canonical(root);
        let mut entries = FxHashMap::default();
        let (exact, lo, hi) = under(&canon);
        // Keyed by the path as the scan of `root` spells it: `root` joined with the part
        // below the canonical root (the query's range guarantees that prefix).
        let prefix = canon.to_string_lossy().trim_end_matches('/').len();
        let base = root.as_os_str().as_encoded_bytes();
        // The folder's range and the exact path (a single article) apart: their `OR` made
        // SQLite de-duplicate every row through a row set.
        const COLUMNS: &str = "SELECT path, size, mtime_ns, title, date, section, source, author, url, lang FROM article";
        for (cond, args) in [
            ("path >= ?1 AND path < ?2", vec![lo.as_str(), hi.as_str()]),
            ("path = ?1", vec![exact.as_str()]),
        ] {
            let Ok(mut st) = index.conn.prepare(&format!("{COLUMNS} WHERE {cond}")) else {
                continue;
            };
            let Ok(mut rows) = st.query(rusqlite::params_from_iter(args)) else {
                continue;
            };
            while let Ok(Some(row)) = rows.next() {
                let text = |i: usize| row.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok());
                let owned = |i: usize| text(i).flatten().map(str::to_string);
                let (Some(Some(path)), Ok(size), Some(Some(mtime)), Some(Some(title))) =
                    (text(0), row.get::<_, i64>(1), text(2), text(3))
                else {
                    continue;
                };
                let (Ok(mtime_ns), Ok(size)) = (mtime.parse::<u128>(), u64::try_from(size)) else {
                    continue;
                };
                let date = match text(4) {
                    Some(None) => None,
                    Some(Some(d)) => match gloss_core::article::dates::parse_iso_prefix(d) {
                        Some(d) => Some(d),
                        None => continue,
                    },
                    None => continue,
                };
                let lang = match text(9).flatten() {
                    Some("de") => Lang::De,
                    Some("en") => Lang::En,
                    _ => continue,
                };
                let meta = Meta {
                    title: title.to_string(),
                    date,
                    section: owned(5),
                    source: owned(6),
                    author: owned(7),
                    url: owned(8),
                    lang,
                };
                let key = match path.get(prefix..) {
                    Some(rel) if rel.starts_with('/') && rel.len() > 1 => {
                        joined(base, &rel.as_bytes()[1..])
                    }
                    _ => root.as_os_str().to_owned(),
                };
                entries.insert(key, (Stamp { size, mtime_ns }, meta));
            }
        }
        MetaCache {
            root: Some((root.to_path_buf(), canon)),
            entries,
            new: Vec::new(),
            packed_sum: None,
        }
    }

    /// A cache that is never stored (tests).
    pub fn in_memory() -> MetaCache {
        MetaCache::default()
    }

    /// The cached metadata of `path`, if the file still has the stamp it had then.
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<&Meta> {
        self.entries
            .get(path.as_os_str())
            .filter(|(s, _)| *s == stamp)
            .map(|(_, m)| m)
    }

    /// The cached metadata of `path` at `stamp`, taken out of the cache (for the caller
    /// that hands it on, without a copy).
    pub fn take(&mut self, path: &Path, stamp: Stamp) -> Option<Meta> {
        match self.entries.get(path.as_os_str()) {
            Some((s, _)) if *s == stamp => self.entries.remove(path.as_os_str()).map(|(_, m)| m),
            _ => None,
        }
    }

    /// Remembers the metadata of `path` at `stamp`.
    pub fn insert(&mut self, path: PathBuf, stamp: Stamp, meta: Meta) {
        self.new.push(path.clone());
        self.entries.insert(path.into_os_string(), (stamp, meta));
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes what was read since [`MetaCache::open`] to the index, in one transaction.
    /// Rows whose full text is indexed keep it only if the file is unchanged (their full
    /// stamp then still matches); a changed file's row is re-indexed on the next update.
    pub fn save(&mut self, index: &mut Index) -> Result<(), crate::IndexError> {
        let new = std::mem::take(&mut self.new);
        let rows = new.iter().filter_map(|p| {
            let (stamp, meta) = self.entries.get(p.as_os_str())?;
            Some((p, *stamp, meta))
        });
        self.write_rows(index, rows)
    }
}

impl MetaCache {
    /// [`MetaCache::save`] of rows as they are read (path, stamp, metadata): each is
    /// written while the rest are still being read, instead of all of them after the last
    /// (10,000 rows were a tail one core did alone), in one transaction committed when
    /// `rows` ends. No row, no transaction.
    pub fn save_stream(
        &self,
        index: &mut Index,
        rows: impl IntoIterator<Item = (PathBuf, Stamp, Meta)>,
    ) -> Result<(), crate::IndexError> {
        self.write_rows(index, rows)
    }

    /// [`MetaCache::save_stream`], and then the folder's packed list made of `files` (the
    /// scan of the folder, in its order), each with the metadata it was just read with or
    /// else the one the cache holds, at their stamps. Rows and list go in one
    /// transaction, so they agree; a list that packs as the one read is not written
    /// again.
    ///
    /// A file that could not be read is left out. One that changed and could not be read
    /// again keeps its entry at the old stamp: it does not match the file, which is read
    /// again next time (and the list is made of the rows and files again).
    pub fn save_stream_and_list(
        &mut self,
        index: &mut Index,
        rows: impl IntoIterator<Item = (PathBuf, Stamp, Meta)>,
        files: &[PathBuf],
    ) -> Result<(), crate::IndexError> {
        let Some((root, canon)) = self.root.clone() else {
            return Ok(());
        };
        let file = index.file.clone();
        let e = |x| crate::build::err(&file, x);
        let tx = index.conn.transaction().map_err(e)?;
        for (p, stamp, meta) in rows {
            let key = index_key(&root, &canon, &p);
            write_meta_only(&tx, &key.to_string_lossy(), stamp, &meta).map_err(e)?;
            self.entries.insert(p.into_os_string(), (stamp, meta));
        }
        let items: Vec<(&Path, Stamp, &Meta)> = files
            .iter()
            .filter_map(|f| {
                let (stamp, meta) = self.entries.get(f.as_os_str())?;
                Some((f.as_path(), *stamp, meta))
            })
            .collect();
        if root.is_dir()
            && let Some(data) = crate::packed::encode(&root, &items)
            && crate::packed::checksum_of(&data) != self.packed_sum
        {
            write_packed(&tx, &canon, &data).map_err(e)?;
        }
        tx.commit().map_err(e)
    }

    /// Writes `rows` (path, stamp, metadata) in one transaction under the index's key of
    /// each path; no row, no transaction.
    fn write_rows<P: AsRef<Path>, M: std::borrow::Borrow<Meta>>(
        &self,
        index: &mut Index,
        rows: impl IntoIterator<Item = (P, Stamp, M)>,
    ) -> Result<(), crate::IndexError> {
        let mut rows = rows.into_iter().peekable();
        let Some((root, canon)) = &self.root else {
            return Ok(());
        };
        if rows.peek().is_none() {
            return Ok(());
        }
        let file = index.file.clone();
        let tx = index
            .conn
            .transaction()
            .map_err(|e| crate::build::err(&file, e))?;
        for (p, stamp, meta) in rows {
            let key = index_key(root, canon, p.as_ref());
            write_meta_only(&tx, &key.to_string_lossy(), stamp, meta.borrow())
                .map_err(|e| crate::build::err(&file, e))?;
        }
        tx.commit().map_err(|e| crate::build::err(&file, e))
    }
}

/// The index's key of `p`, a path below `root` (whose canonical form is `canon`).
fn index_key(root: &Path, canon: &Path, p: &Path) -> PathBuf {
    match p.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => canon.join(rel),
        _ => canonical(p),
    }
}

/// Stores the packed list of the folder `canon` (see [`crate::packed`]).
fn write_packed(tx: &rusqlite::Connection, canon: &Path, data: &[u8]) -> rusqlite::Result<()> {
    // An index made before the table existed gets it now.
    tx.execute_batch(crate::CREATE_FOLDER_LIST)?;
    tx.prepare_cached("INSERT OR REPLACE INTO folder_list (root, data) VALUES (?1, ?2)")?
        .execute(rusqlite::params![canon.to_string_lossy(), data])
        .map(drop)
}

impl Index {
    /// The packed list of the folder `root` (under any spelling), if the index holds one
    /// that reads back whole; `None` for a file, or when it has none or a damaged one.
    pub fn packed_list(&self, root: &Path) -> Option<PackedList> {
        let canon = canonical(root);
        let row: i64 = self
            .conn
            .query_row(
                "SELECT rowid FROM folder_list WHERE root = ?1",
                [canon.to_string_lossy()],
                |r| r.get(0),
            )
            .ok()?;
        // Read straight into one buffer: a column read assembled the value in a buffer of
        // SQLite's first (15 MB for 100,000 articles), then copied it.
        let blob = self
            .conn
            .blob_open(rusqlite::MAIN_DB, c"folder_list", c"data", row, true)
            .ok()?;
        let mut data = vec![0u8; blob.len()];
        blob.read_at_exact(&mut data, 0).ok()?;
        crate::packed::decode(data)
    }
}

/// `base` (a folder as given) joined with `rel` (bytes below it) as `Path::join` joins
/// them: one separator between the two.
fn joined(base: &[u8], rel: &[u8]) -> OsString {
    let mut k = Vec::with_capacity(base.len() + rel.len() + 1);
    k.extend_from_slice(base);
    if !base.ends_with(b"/") {
        k.push(b'/');
    }
    k.extend_from_slice(rel);
    os_string(k)
}

/// The bytes of a path built from an `OsStr`'s bytes and UTF-8 (always a valid `OsString`
/// on Unix, where gloss's paths are bytes).
fn os_string(bytes: Vec<u8>) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(bytes)
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// [`load_meta`] through the cache: a file unchanged since it was cached is not read.
pub fn load_meta_cached(cache: &RwLock<MetaCache>, path: &Path) -> Result<Meta, ArticleError> {
    load_meta_cached_at(cache, path, None)
}

/// [`load_meta_cached`] of a file whose stamp was taken already (`None`: take it now).
pub fn load_meta_cached_at(
    cache: &RwLock<MetaCache>,
    path: &Path,
    stamp: Option<Stamp>,
) -> Result<Meta, ArticleError> {
    let stamp = stamp.or_else(|| Stamp::of(path));
    if let (Some(stamp), Ok(c)) = (stamp, cache.read())
        && let Some(m) = c.get(path, stamp)
    {
        return Ok(m.clone());
    }
    let meta = load_meta(path)?;
    if let (Some(stamp), Ok(mut c)) = (stamp, cache.write()) {
        c.insert(path.to_path_buf(), stamp, meta.clone());
    }
    Ok(meta)
}
