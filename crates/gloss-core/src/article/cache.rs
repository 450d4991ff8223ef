//! A cache of article metadata, so a folder opened before shows its full, sorted list after
//! a `stat` of each file instead of a read of each file.
//!
//! Entries are keyed by path and trusted only while the file's size and modification time
//! are unchanged. The cache is disposable: a missing, unreadable or outdated cache file is
//! simply rebuilt, never an error the user sees.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::Meta;

/// Bumped whenever the parsers change what they extract, so old entries are not trusted.
const VERSION: u32 = 1;

/// What identifies one version of a file: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            size: md.len(),
            mtime_ns,
        })
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    stamp: Stamp,
    meta: Meta,
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: Vec<Entry>,
}

/// Metadata of articles seen before, by path.
#[derive(Debug, Default)]
pub struct MetaCache {
    file: Option<PathBuf>,
    entries: HashMap<PathBuf, (Stamp, Meta)>,
    dirty: bool,
}

impl MetaCache {
    /// The cache stored in `file` (empty when it is missing or unusable).
    pub fn open(file: &Path) -> MetaCache {
        let entries = std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|c| c.version == VERSION)
            .map(|c| {
                c.entries
                    .into_iter()
                    .map(|e| (e.path, (e.stamp, e.meta)))
                    .collect()
            })
            .unwrap_or_default();
        MetaCache {
            file: Some(file.to_path_buf()),
            entries,
            dirty: false,
        }
    }

    /// A cache that is never stored (tests, read-only use).
    pub fn in_memory() -> MetaCache {
        MetaCache::default()
    }

    /// The cached metadata of `path`, if the file still has the stamp it had then.
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<&Meta> {
        self.entries
            .get(path)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, m)| m)
    }

    /// Remembers the metadata of `path` at `stamp`.
    pub fn insert(&mut self, path: PathBuf, stamp: Stamp, meta: Meta) {
        self.entries.insert(path, (stamp, meta));
        self.dirty = true;
    }

    /// Forgets every entry whose path is not in `keep` (files deleted or moved away).
    pub fn retain(&mut self, keep: &[PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = keep.iter().collect();
        let before = self.entries.len();
        self.entries.retain(|p, _| keep.contains(p));
        self.dirty |= self.entries.len() != before;
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the cache back if it changed (atomically: a crash leaves the old one or the
    /// new one, and a reader never sees half a file).
    pub fn save(&mut self) -> std::io::Result<()> {
        let Some(file) = self.file.clone() else {
            return Ok(());
        };
        if !self.dirty {
            return Ok(());
        }
        let mut entries: Vec<Entry> = self
            .entries
            .iter()
            .map(|(p, (s, m))| Entry {
                path: p.clone(),
                stamp: *s,
                meta: m.clone(),
            })
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let bytes = serde_json::to_vec(&CacheFile {
            version: VERSION,
            entries,
        })
        .map_err(std::io::Error::other)?;
        let dir = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        tmp.persist(&file).map_err(|e| e.error)?;
        self.dirty = false;
        Ok(())
    }
}

/// [`super::load_meta`] through the cache: a file unchanged since it was cached is not read.
pub fn load_meta_cached(
    cache: &std::sync::RwLock<MetaCache>,
    path: &Path,
) -> Result<Meta, super::ArticleError> {
    let stamp = Stamp::of(path);
    if let (Some(stamp), Ok(c)) = (stamp, cache.read())
        && let Some(m) = c.get(path, stamp)
    {
        return Ok(m.clone());
    }
    let meta = super::load_meta(path)?;
    if let (Some(stamp), Ok(mut c)) = (stamp, cache.write()) {
        c.insert(path.to_path_buf(), stamp, meta.clone());
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::RwLock;

    fn article(dir: &Path, name: &str, title: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, format!("2024-01-02\n\n{title}\n\nText.\n")).unwrap();
        p
    }

    #[test]
    fn cached_meta_is_used_until_the_file_changes() {
        let d = tempfile::tempdir().unwrap();
        let p = article(d.path(), "a.txt", "Erster Titel");
        let cache = RwLock::new(MetaCache::open(&d.path().join("cache.json")));
        assert_eq!(load_meta_cached(&cache, &p).unwrap().title, "Erster Titel");
        // Same stamp: served from the cache even though the entry is now different.
        let stamp = Stamp::of(&p).unwrap();
        let mut fake = load_meta_cached(&cache, &p).unwrap();
        fake.title = "aus dem Cache".into();
        cache.write().unwrap().insert(p.clone(), stamp, fake);
        assert_eq!(load_meta_cached(&cache, &p).unwrap().title, "aus dem Cache");
        // The file changes (size differs): read again.
        std::fs::write(&p, "2024-01-02\n\nZweiter, längerer Titel\n\nText.\n").unwrap();
        assert_eq!(
            load_meta_cached(&cache, &p).unwrap().title,
            "Zweiter, längerer Titel"
        );
    }

    #[test]
    fn survives_a_round_trip_and_ignores_garbage() {
        let d = tempfile::tempdir().unwrap();
        let file = d.path().join("sub/cache.json");
        let p = article(d.path(), "a.txt", "Titel");
        let mut c = MetaCache::open(&file);
        let m = crate::article::load_meta(&p).unwrap();
        c.insert(p.clone(), Stamp::of(&p).unwrap(), m.clone());
        c.save().unwrap();
        let again = MetaCache::open(&file);
        assert_eq!(again.get(&p, Stamp::of(&p).unwrap()), Some(&m));
        std::fs::write(&file, "not json").unwrap();
        assert!(MetaCache::open(&file).is_empty());
    }

    #[test]
    fn retain_drops_files_that_are_gone() {
        let d = tempfile::tempdir().unwrap();
        let a = article(d.path(), "a.txt", "A");
        let b = article(d.path(), "b.txt", "B");
        let mut c = MetaCache::in_memory();
        for p in [&a, &b] {
            c.insert(
                p.clone(),
                Stamp::of(p).unwrap(),
                crate::article::load_meta(p).unwrap(),
            );
        }
        c.retain(std::slice::from_ref(&a));
        assert_eq!(c.len(), 1);
        assert!(c.get(&b, Stamp::of(&b).unwrap()).is_none());
    }
}
