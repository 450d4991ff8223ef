//! The annotation store: `<data dir>/annotations/`, one TOML file per article (layout and
//! naming in [`super::file`]), one writer at a time (an advisory lock on
//! `annotations/.lock`), and a small index of file headers used only to follow articles
//! that were renamed or moved.

use std::collections::{HashMap, HashSet};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::anchor;
use super::file::{self, Header, LAYOUT, LAYOUT_FILE, LayoutFile, SCHEMA, StoreFile};
use super::{Annotation, ArticleRecord, Kind, Loaded, Origin, Status, StoreError};
use crate::analysis::Learned;
use crate::text::CharIndex;

/// The annotation store under `<data dir>/annotations/`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    data_dir: PathBuf,
    /// Held for the store's life: the advisory lock that makes this the one writer. `None`
    /// while another gloss holds it ([`Store::retry_lock`] takes it once that one quits).
    lock: Mutex<Option<File>>,
    /// The lock file, or `None` for a store opened for reading only (never locked).
    lock_path: Option<PathBuf>,
    read_only: Mutex<Option<String>>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Headers of every store file, built on the first lookup miss.
    index: Option<Vec<(PathBuf, Header)>>,
    /// Files that did not parse (or have a newer schema): never written.
    unreadable: HashSet<PathBuf>,
    /// Files read or written by this store, so known to parse.
    known_good: HashSet<PathBuf>,
    /// What each store file teaches (see [`Store::learned`]), read on the first call and
    /// kept current by every write, so opening an article never re-reads the whole store.
    taught: Option<HashMap<PathBuf, Vec<(String, String)>>>,
    /// The canonical corpus root keys are relative to (see [`file::key`]), when known.
    root: Option<PathBuf>,
}

/// The (text, label) pairs a store file teaches: accepted or hand-made entities.
fn taught_by(f: &StoreFile) -> Vec<(String, String)> {
    f.annotations
        .iter()
        .filter(|a| {
            let taught = a.status == Status::Accepted
                || (a.origin == Origin::Manual && a.status != Status::Rejected);
            a.kind == Kind::Entity && taught && !a.orphaned && !a.text.trim().is_empty()
        })
        .map(|a| (a.text.clone(), a.label.clone()))
        .collect()
}

/// One entry of `never.toml`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
struct Never {
    text: String,
    label: String,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct NeverFile {
    #[serde(default)]
    never: Vec<Never>,
}

impl Store {
    /// Opens (and creates) the store in `data_dir` for reading and writing. When another
    /// gloss holds the store, it opens read-only and [`Store::read_only`] says why.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let dir = data_dir.join("annotations");
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        // The folder may be shared through git: keep the lock and temporaries out of it.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = file::write_atomic(&ignore, ".lock\n.tmp-*\n");
        }
        let lock_path = dir.join(".lock");
        let (lock, read_only) = match take_lock(&lock_path)? {
            Some(f) => (Some(f), None),
            None => (
                None,
                Some(format!(
                    "another gloss is using the store {} (lock {}); opened read-only until it quits",
                    dir.display(),
                    lock_path.display()
                )),
            ),
        };
        let read_only = read_only.or_else(|| newer_layout(&dir));
        let store = Store {
            dir,
            data_dir: data_dir.to_path_buf(),
            lock: Mutex::new(lock),
            lock_path: Some(lock_path),
            read_only: Mutex::new(read_only),
            state: Mutex::new(State::default()),
        };
        if store.read_only().is_none() {
            store.remove_stale_temporaries();
            // A new store has nothing to migrate: it starts at today's layout.
            if !store.dir.join(LAYOUT_FILE).exists() && store.files().is_empty() {
                store.write_layout()?;
            }
        }
        Ok(store)
    }

    /// Tries again to take the lock a second gloss found held: true when this store has
    /// just become writable (the other gloss quit). Never blocks.
    pub fn retry_lock(&self) -> bool {
        let Some(lock_path) = &self.lock_path else {
            return false;
        };
        let mut lock = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        if lock.is_some() {
            return false;
        }
        match take_lock(lock_path) {
            Ok(Some(f)) => {
                *lock = Some(f);
                drop(lock);
                *self.read_only.lock().unwrap_or_else(|p| p.into_inner()) = None;
                // What the other gloss wrote is read afresh, not from caches of before.
                *self.state() = State::default();
                self.remove_stale_temporaries();
                true
            }
            _ => false,
        }
    }

    /// Sets the corpus root that keys are relative to (see [`file::corpus_root`]) and, the
    /// first time a writable store of an older layout is opened, migrates it: each file whose
    /// article is on this disk is rewritten under its portable name with its key as `path`
    /// (atomically: the new file is complete before the old one goes), then the layout is
    /// recorded. Returns how many files were migrated. Files whose article is not here are
    /// left as they are and found again by body hash or title when the article is opened.
    pub fn set_root(&self, root: Option<&Path>) -> Result<usize, StoreError> {
        self.state().root = root.map(file::canonical);
        if self.read_only().is_some() || self.dir.join(LAYOUT_FILE).exists() {
            return Ok(0);
        }
        let mut moved = 0;
        for old in self.files() {
            let Ok(h) = file::read_header(&old) else {
                continue;
            };
            let abs = Path::new(&h.path);
            if !abs.is_absolute() || !abs.exists() {
                continue;
            }
            let Ok(Some(f)) = file::read(&old) else {
                continue;
            };
            if self.migrate_file(abs, &old, f)?.is_some() {
                moved += 1;
            }
        }
        self.write_layout()?;
        Ok(moved)
    }

    fn write_layout(&self) -> Result<(), StoreError> {
        let text = toml::to_string(&LayoutFile { layout: LAYOUT }).map_err(|e| StoreError::Io {
            path: self.dir.join(LAYOUT_FILE),
            source: std::io::Error::other(e.to_string()),
        })?;
        file::write_atomic(&self.dir.join(LAYOUT_FILE), &text)
    }

    /// Rewrites an older-layout file `old` (of the article at `article`) under its portable
    /// name. When a file is already there (a migration cut short), the old one goes only if
    /// it holds nothing the new one lacks. Returns the file as now stored.
    fn migrate_file(
        &self,
        article: &Path,
        old: &Path,
        mut f: StoreFile,
    ) -> Result<Option<StoreFile>, StoreError> {
        let key = self.key_of(article);
        let target = self.dir.join(file::file_name_for_key(&key));
        if target == old {
            return Ok(Some(f));
        }
        f.path = key;
        match file::read(&target) {
            Ok(None) => {
                file::write_atomic(&target, &file::to_text(&f)?)?;
            }
            Ok(Some(there)) => {
                let lacks = f.annotations.iter().any(|a| !there.annotations.contains(a));
                if lacks {
                    return Ok(None);
                }
                f = there;
            }
            Err(_) => return Ok(None),
        }
        file::remove(old)?;
        let mut st = self.state();
        if let Some(index) = st.index.as_mut() {
            index.retain(|(p, _)| p != old && *p != target);
            index.push((target.clone(), header_of(&f)));
        }
        if let Some(taught) = st.taught.as_mut() {
            taught.remove(old);
            taught.insert(target.clone(), taught_by(&f));
        }
        st.known_good.insert(target);
        Ok(Some(f))
    }

    /// The key of an article in this store (see [`file::key`]).
    pub fn key_of(&self, article: &Path) -> String {
        let root = self.state().root.clone();
        file::key(article, root.as_deref())
    }

    /// Opens the store for reading only (export, check): no lock, nothing created, nothing
    /// written.
    pub fn open_for_reading(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("annotations"),
            data_dir: data_dir.to_path_buf(),
            lock: Mutex::new(None),
            lock_path: None,
            read_only: Mutex::new(Some("opened for reading only".into())),
            state: Mutex::new(State::default()),
        }
    }

    /// The folder holding the per-article files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Why the whole store is read-only (another gloss holds the lock), if it is.
    pub fn read_only(&self) -> Option<String> {
        self.read_only
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The store file that holds (or would hold) an article's annotations.
    pub fn file_for(&self, article: &Path) -> PathBuf {
        self.dir
            .join(file::file_name_for_key(&self.key_of(article)))
    }

    /// Reads an article's store file: under its portable name, else under the name an older
    /// layout gave it (migrated now when the store is writable).
    fn read_current(&self, article: &Path, target: &Path) -> Result<Option<StoreFile>, StoreError> {
        if let Some(f) = file::read(target)? {
            return Ok(Some(f));
        }
        let legacy = self.dir.join(file::legacy_file_name(article));
        if legacy == target {
            return Ok(None);
        }
        let Some(f) = file::read(&legacy)? else {
            return Ok(None);
        };
        if self.read_only().is_some() {
            return Ok(Some(f));
        }
        let kept = f.clone();
        Ok(Some(
            self.migrate_file(article, &legacy, f)?.unwrap_or(kept),
        ))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere cannot leave State half-updated in a way that matters here.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Temporary files left by a writer that was killed mid-write.
    fn remove_stale_temporaries(&self) {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".tmp-") && name.ends_with(".part") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// Loads the saved annotations of an article and re-anchors them to `body` (indexing
    /// it; a caller that already holds the article's index uses [`Store::load_indexed`]).
    pub fn load(&self, path: &Path, title: &str, body: &str) -> Loaded {
        self.load_indexed(path, title, &CharIndex::new(body))
    }

    /// Loads the saved annotations of an article and re-anchors them to its indexed body.
    pub fn load_indexed(&self, path: &Path, title: &str, body: &CharIndex<'_>) -> Loaded {
        match self.load_record(path, title, body) {
            Ok(record) => Loaded {
                record,
                read_only: self.read_only(),
            },
            Err(e) => Loaded {
                record: ArticleRecord {
                    path: path.to_path_buf(),
                    title: title.to_string(),
                    sha256: file::sha256_hex(body.text()),
                    annotations: Vec::new(),
                },
                read_only: Some(read_only_reason(&e)),
            },
        }
    }

    /// Like [`Store::load`], but an unreadable store file is an error (export, check).
    pub fn load_record(
        &self,
        path: &Path,
        title: &str,
        body: &CharIndex<'_>,
    ) -> Result<ArticleRecord, StoreError> {
        let sha = file::sha256_hex(body.text());
        let mut record = ArticleRecord {
            path: path.to_path_buf(),
            title: title.to_string(),
            sha256: sha.clone(),
            annotations: Vec::new(),
        };
        let target = self.file_for(path);
        let found = match self.read_current(path, &target) {
            Ok(Some(f)) => {
                self.state().known_good.insert(target.clone());
                Some(f)
            }
            Ok(None) => self.follow_move(path, title, body, &target),
            Err(e) => {
                self.state().unreadable.insert(target.clone());
                return Err(e);
            }
        };
        if let Some(f) = found {
            record.annotations = f.annotations;
            // Also when the hash matches: an import may have merged annotations made on
            // another version of the article. The position check makes this one pass.
            anchor::reanchor_all(&mut record.annotations, body);
        }
        Ok(record)
    }

    /// The store file of an article that was renamed or moved: same body hash, else same
    /// title, among files whose article is gone. Moved under the new name when writable.
    fn follow_move(
        &self,
        path: &Path,
        title: &str,
        body: &CharIndex<'_>,
        target: &Path,
    ) -> Option<StoreFile> {
        let sha = file::sha256_hex(body.text());
        let root = self.state().root.clone();
        let (key, base) = file::key_and_base(path, root.as_deref());
        let (old, by_hash) = {
            let mut st = self.state();
            let index = st.index.get_or_insert_with(|| self.build_index());
            // A key is relative to the corpus root, here taken to be this article's.
            let gone = |h: &Header| h.path != key && !base.join(&h.path).exists();
            if let Some((p, _)) = index.iter().find(|(_, h)| h.sha256 == sha && gone(h)) {
                (p.clone(), true)
            } else {
                let same: Vec<_> = index
                    .iter()
                    .filter(|(_, h)| !title.is_empty() && h.title == title && gone(h))
                    .collect();
                // Two gone articles with one title: no safe guess.
                if same.len() != 1 {
                    return None;
                }
                (same[0].0.clone(), false)
            }
        };
        let mut f = match file::read(&old) {
            Ok(f) => f?,
            Err(_) => {
                self.state().unreadable.insert(old);
                return None;
            }
        };
        if !by_hash {
            // A title alone may be shared by unrelated articles ("Liveblog"): take the file
            // over only if its annotations are found in this body.
            let mut probe = f.annotations.clone();
            anchor::reanchor_all(&mut probe, body);
            let found = probe.iter().filter(|a| !a.orphaned).count();
            if found * 2 < probe.len() {
                return None;
            }
        }
        if self.read_only().is_none() {
            f.path = key;
            let moved = file::to_text(&f)
                .and_then(|text| file::write_atomic(target, &text))
                .and_then(|()| file::remove(&old));
            if moved.is_ok() {
                let mut st = self.state();
                if let Some(index) = st.index.as_mut() {
                    index.retain(|(p, _)| *p != old);
                    index.push((target.to_path_buf(), header_of(&f)));
                }
                if let Some(taught) = st.taught.as_mut() {
                    taught.remove(&old);
                    taught.insert(target.to_path_buf(), taught_by(&f));
                }
                st.known_good.insert(target.to_path_buf());
            }
        }
        Some(f)
    }

    fn build_index(&self) -> Vec<(PathBuf, Header)> {
        self.files()
            .into_iter()
            .filter_map(|p| file::read_header(&p).ok().map(|h| (p, h)))
            .collect()
    }

    /// Every store file in the folder, sorted by name.
    pub fn files(&self) -> Vec<PathBuf> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| file::is_store_file(p))
            .collect();
        out.sort();
        out
    }

    /// Reads every store file: the parsed ones and the errors of those that do not parse.
    pub fn read_all(&self) -> (Vec<(PathBuf, StoreFile)>, Vec<StoreError>) {
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        for p in self.files() {
            match file::read(&p) {
                Ok(Some(f)) => ok.push((p, f)),
                Ok(None) => {}
                Err(e) => bad.push(e),
            }
        }
        (ok, bad)
    }

    /// The stored annotations of an article as on disk (no re-anchoring), found by path and
    /// else by body hash; `Ok(None)` when there are none.
    pub fn find_raw(&self, path: &Path, sha256: &str) -> Result<Option<StoreFile>, StoreError> {
        if let Some(f) = self.read_current(path, &self.file_for(path))? {
            return Ok(Some(f));
        }
        if sha256.is_empty() {
            return Ok(None);
        }
        let hit = {
            let mut st = self.state();
            let index = st.index.get_or_insert_with(|| self.build_index());
            index
                .iter()
                .find(|(_, h)| h.sha256 == sha256)
                .map(|(p, _)| p.clone())
        };
        match hit {
            Some(p) => file::read(&p),
            None => Ok(None),
        }
    }

    /// Writes an article's annotations (only those worth saving), atomically. Only this
    /// article's file is touched.
    pub fn save(&self, record: &ArticleRecord) -> Result<(), StoreError> {
        if let Some(why) = self.read_only() {
            return Err(StoreError::ReadOnly(why));
        }
        let target = self.file_for(&record.path);
        self.check_writable(&target)?;
        let mut annotations: Vec<Annotation> = record
            .annotations
            .iter()
            .filter(|a| a.worth_saving())
            .cloned()
            .collect();
        annotations.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        let f = StoreFile {
            schema: SCHEMA,
            path: self.key_of(&record.path),
            title: record.title.clone(),
            sha256: record.sha256.clone(),
            annotations,
        };
        self.write(&target, &f)
    }

    /// Writes a store file as is (import), after the same checks as [`Store::save`].
    pub fn write_file(&self, f: &StoreFile) -> Result<(), StoreError> {
        if let Some(why) = self.read_only() {
            return Err(StoreError::ReadOnly(why));
        }
        let mut f = f.clone();
        // A file of an older layout records an absolute path: it is stored under its key.
        if Path::new(&f.path).is_absolute() {
            f.path = self.key_of(Path::new(&f.path));
        }
        let target = self.dir.join(file::file_name_for_key(&f.path));
        self.check_writable(&target)?;
        f.annotations
            .sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        self.write(&target, &f)
    }

    /// Refuses files that exist but did not parse: they are never overwritten.
    fn check_writable(&self, target: &Path) -> Result<(), StoreError> {
        let unknown = {
            let st = self.state();
            if st.unreadable.contains(target) {
                return Err(StoreError::ReadOnly(format!(
                    "{} cannot be read, so it is not overwritten",
                    target.display()
                )));
            }
            !st.known_good.contains(target)
        };
        if unknown && let Err(e) = file::read(target) {
            self.state().unreadable.insert(target.to_path_buf());
            return Err(StoreError::ReadOnly(format!("{e}; not overwritten")));
        }
        Ok(())
    }

    fn write(&self, target: &Path, f: &StoreFile) -> Result<(), StoreError> {
        if f.annotations.is_empty() {
            file::remove(target)?;
        } else {
            file::write_atomic(target, &file::to_text(f)?)?;
        }
        let mut st = self.state();
        st.known_good.insert(target.to_path_buf());
        if let Some(index) = st.index.as_mut() {
            index.retain(|(p, _)| p != target);
            if !f.annotations.is_empty() {
                index.push((target.to_path_buf(), header_of(f)));
            }
        }
        if let Some(taught) = st.taught.as_mut() {
            taught.insert(target.to_path_buf(), taught_by(f));
        }
        Ok(())
    }

    /// What the user taught gloss across all articles (see [`Learned`]): accepted or
    /// hand-made entities are known, `never.toml` lists what is never suggested.
    pub fn learned(&self) -> Learned {
        let mut known: Vec<(String, String)> = {
            // Held while reading so no write can slip between the read and the cache.
            let mut st = self.state();
            if st.taught.is_none() {
                let all = self.read_all().0;
                st.taught = Some(all.iter().map(|(p, f)| (p.clone(), taught_by(f))).collect());
            }
            st.taught
                .iter()
                .flat_map(|t| t.values().flatten().cloned())
                .collect()
        };
        known.sort();
        known.dedup();
        let never = self
            .read_never()
            .map(|n| n.never.into_iter().map(|n| (n.text, n.label)).collect())
            .unwrap_or_default();
        Learned { known, never }
    }

    fn never_path(&self) -> PathBuf {
        self.data_dir.join("never.toml")
    }

    fn read_never(&self) -> Result<NeverFile, StoreError> {
        let path = self.never_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| StoreError::Parse {
                line: e.span().map_or(1, |s| {
                    text[..s.start.min(text.len())].lines().count().max(1)
                }),
                path,
                message: e.message().trim().to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(NeverFile::default()),
            Err(source) => Err(StoreError::Io { path, source }),
        }
    }

    /// Takes `text` as `label` off the never-suggest list (the undo of
    /// [`Store::never_suggest`]); nothing is written when it is not on it.
    pub fn allow_suggest(&self, text: &str, label: &str) -> Result<(), StoreError> {
        if let Some(why) = self.read_only() {
            return Err(StoreError::ReadOnly(why));
        }
        let mut n = self.read_never()?;
        let before = n.never.len();
        n.never.retain(|e| !(e.text == text && e.label == label));
        if n.never.len() == before {
            return Ok(());
        }
        self.write_never(&n)
    }

    fn write_never(&self, n: &NeverFile) -> Result<(), StoreError> {
        let text = toml::to_string(n).map_err(|e| StoreError::Io {
            path: self.never_path(),
            source: std::io::Error::other(e.to_string()),
        })?;
        file::write_atomic(&self.never_path(), &text)
    }

    /// Records that `text` as `label` must never be suggested again.
    pub fn never_suggest(&self, text: &str, label: &str) -> Result<(), StoreError> {
        if let Some(why) = self.read_only() {
            return Err(StoreError::ReadOnly(why));
        }
        // An unreadable never.toml is not overwritten (read_never fails).
        let mut n = self.read_never()?;
        let entry = Never {
            text: text.to_string(),
            label: label.to_string(),
        };
        if n.never.contains(&entry) {
            return Ok(());
        }
        n.never.push(entry);
        n.never.sort();
        self.write_never(&n)
    }
}

/// Opens the lock file and takes its advisory lock: `None` when another process holds it.
fn take_lock(lock_path: &Path) -> Result<Option<File>, StoreError> {
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)
        .map_err(|source| StoreError::Io {
            path: lock_path.to_path_buf(),
            source,
        })?;
    match lock.try_lock() {
        Ok(()) => Ok(Some(lock)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(source)) => Err(StoreError::Io {
            path: lock_path.to_path_buf(),
            source,
        }),
    }
}

/// Why a store of a newer layout (or an unreadable layout file) is left alone.
fn newer_layout(dir: &Path) -> Option<String> {
    let path = dir.join(LAYOUT_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    match toml::from_str::<LayoutFile>(&text) {
        Ok(l) if l.layout <= LAYOUT => None,
        Ok(l) => Some(format!(
            "{} says layout = {}: this store was written by a newer gloss (this one knows layout {LAYOUT}); it is left untouched, opened read-only",
            path.display(),
            l.layout
        )),
        Err(e) => Some(format!(
            "cannot parse {}: {}; the store is left untouched, opened read-only",
            path.display(),
            e.message().trim()
        )),
    }
}

fn header_of(f: &StoreFile) -> Header {
    Header {
        schema: f.schema,
        path: f.path.clone(),
        title: f.title.clone(),
        sha256: f.sha256.clone(),
    }
}

/// Why an article opens read-only, short enough for a status bar: the file's name and line
/// and what is wrong come first, the folder (long under a home directory) last.
fn read_only_reason(e: &StoreError) -> String {
    match e {
        StoreError::Parse {
            path,
            line,
            message,
        } => {
            let name = path
                .file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy();
            let dir = path.parent().unwrap_or(path).display();
            format!("cannot parse {name}:{line}: {message} (in {dir}; it is never overwritten)")
        }
        other => format!("{other}; this article opens read-only"),
    }
}
