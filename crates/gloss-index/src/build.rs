//! Keeping the index current: scan a folder, re-index only the articles whose file or
//! store file changed, drop the ones that are gone.
//!
//! Parsing and analysis run on every core; one writer commits in batches, each batch one
//! transaction, so a process killed at any moment leaves the last committed batch and the
//! next update redoes the rest.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;

use gloss_core::analysis::{Analyzer, Learned};
use gloss_core::annotation::{Kind, Status, Store};
use gloss_core::article::{self, Lang, Meta};
use gloss_core::text::Body;
use rusqlite::{Transaction, params};

use crate::{Index, IndexError, Stamp, canonical, under};

/// Articles per transaction: large enough that commits cost little, small enough that a
/// kill loses little and progress moves.
const BATCH: usize = 64;

/// How far an update has come, for a status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Articles handled (indexed, failed or found unchanged).
    pub done: usize,
    /// Articles to handle in all.
    pub total: usize,
    /// Bytes of article files read so far.
    pub bytes: u64,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Article files under the folder.
    pub files: usize,
    /// Articles (re-)indexed because they were new or changed.
    pub indexed: usize,
    /// Entries dropped because their file is gone.
    pub removed: usize,
    /// Bytes of article files read.
    pub bytes: u64,
    /// Articles that could not be read, with why (they are not in the index).
    pub errors: Vec<(PathBuf, String)>,
}

/// One entity mention to write.
struct MentionRow {
    canonical: String,
    label: String,
    text: String,
    start: usize,
    end: usize,
    saved: bool,
}

/// One claim to write.
struct ClaimRow {
    text: String,
    start: usize,
    end: usize,
    cue: String,
    speaker: Option<String>,
    saved: bool,
}

/// Everything the index holds of one article, made by a worker.
struct Doc {
    path: String,
    stamp: Stamp,
    store_stamp: Option<Stamp>,
    meta: Meta,
    body: String,
    mentions: Vec<MentionRow>,
    claims: Vec<ClaimRow>,
}

/// A worker's answer for one file.
enum Done {
    Doc(Box<Doc>, u64),
    Failed(PathBuf, String, String),
}

fn stamp_key(s: Option<Stamp>) -> String {
    s.map(Stamp::key).unwrap_or_default()
}

impl Index {
    /// Brings the index up to date with the articles under `root` (a folder or one file)
    /// and their saved annotations in `store`: new and changed articles are parsed,
    /// analysed and written, unchanged ones are only `stat`ed, vanished ones dropped.
    /// `progress` is called after every committed batch.
    pub fn update(
        &mut self,
        root: &Path,
        analyzer: &Analyzer,
        store: &Store,
        forced: Option<Lang>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<BuildStats, IndexError> {
        let scan = article::scan(root);
        let canon_root = canonical(root);
        // Joining the relative part to the canonical root costs no system call per file.
        let files: Vec<(PathBuf, String)> = scan
            .files
            .into_iter()
            .map(|f| {
                let c = match f.strip_prefix(root) {
                    Ok(rel) if !rel.as_os_str().is_empty() => canon_root.join(rel),
                    _ => canonical(&f),
                };
                let key = c.to_string_lossy().into_owned();
                (f, key)
            })
            .collect();
        let known = self.known_under(&canon_root)?;
        let mut stats = BuildStats {
            files: files.len(),
            ..BuildStats::default()
        };
        let present: HashSet<&str> = files.iter().map(|(_, k)| k.as_str()).collect();
        let gone: Vec<i64> = known
            .iter()
            .filter(|(p, _)| !present.contains(p.as_str()))
            .map(|(_, (id, _))| *id)
            .collect();
        let mut todo: Vec<(PathBuf, String, Stamp, Option<Stamp>)> = Vec::new();
        for (f, key) in &files {
            let Some(stamp) = Stamp::of(f) else {
                stats.errors.push((f.clone(), "cannot read".into()));
                continue;
            };
            let store_stamp = Stamp::of(&store.file_for(Path::new(key)));
            let fresh = known.get(key).is_some_and(|(_, (full, st))| {
                full.as_deref() == Some(stamp.key().as_str()) && *st == stamp_key(store_stamp)
            });
            if !fresh {
                todo.push((f.clone(), key.clone(), stamp, store_stamp));
            }
        }
        let total = files.len();
        let mut done = total - todo.len();
        if !gone.is_empty() {
            let tx = self.conn.transaction().map_err(|e| err(&self.file, e))?;
            for id in &gone {
                delete_article(&tx, *id).map_err(|e| err(&self.file, e))?;
            }
            tx.commit().map_err(|e| err(&self.file, e))?;
            stats.removed = gone.len();
        }
        progress(Progress {
            done,
            total,
            bytes: 0,
        });
        if todo.is_empty() {
            return Ok(stats);
        }
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .clamp(1, 8)
            .min(self.workers.unwrap_or(usize::MAX))
            .min(todo.len());
        // The newest files first (they sort first by name in dated folders); workers pop
        // from the end.
        todo.sort_by(|a, b| a.1.cmp(&b.1));
        let background = self.background;
        if background {
            lower_priority();
        }
        let queue = Mutex::new(todo);
        let (tx_done, rx_done) = mpsc::sync_channel::<Done>(BATCH * 2);
        let file = self.file.clone();
        let conn = &mut self.conn;
        let result = std::thread::scope(|s| -> Result<(), IndexError> {
            for _ in 0..workers {
                let tx_done = tx_done.clone();
                let queue = &queue;
                s.spawn(move || {
                    if background {
                        lower_priority();
                    }
                    loop {
                        let next = queue.lock().ok().and_then(|mut q| q.pop());
                        let Some((f, key, stamp, store_stamp)) = next else {
                            break;
                        };
                        let d = std::panic::catch_unwind(|| {
                            make_doc(&f, key.clone(), stamp, store_stamp, analyzer, store, forced)
                        })
                        .unwrap_or_else(|_| {
                            Done::Failed(f, key, "internal error while reading this file".into())
                        });
                        if tx_done.send(d).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx_done);
            let mut batch: Vec<Done> = Vec::with_capacity(BATCH);
            let mut rx = rx_done.iter();
            loop {
                let next = rx.next();
                let end = next.is_none();
                if let Some(d) = next {
                    batch.push(d);
                }
                if batch.len() >= BATCH || (end && !batch.is_empty()) {
                    let n = batch.len();
                    let tx = conn.transaction().map_err(|e| err(&file, e))?;
                    for d in batch.drain(..) {
                        match d {
                            Done::Doc(doc, bytes) => {
                                write_doc(&tx, &doc).map_err(|e| err(&file, e))?;
                                stats.indexed += 1;
                                stats.bytes += bytes;
                            }
                            Done::Failed(f, key, why) => {
                                if let Some((id, _)) = known.get(&key) {
                                    delete_article(&tx, *id).map_err(|e| err(&file, e))?;
                                }
                                stats.errors.push((f, why));
                            }
                        }
                    }
                    tx.commit().map_err(|e| err(&file, e))?;
                    done += n;
                    progress(Progress {
                        done,
                        total,
                        bytes: stats.bytes,
                    });
                }
                if end {
                    break;
                }
            }
            Ok(())
        });
        if result.is_err() {
            // Stop the workers early: nothing more will be written.
            if let Ok(mut q) = queue.lock() {
                q.clear();
            }
        }
        result?;
        Ok(stats)
    }

    /// Path → (row id, (full stamp, store stamp)) of every entry under `root`.
    #[allow(clippy::type_complexity)]
    fn known_under(
        &self,
        root: &Path,
    ) -> Result<HashMap<String, (i64, (Option<String>, String))>, IndexError> {
        let (exact, lo, hi) = under(root);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT path, id, full_stamp, store_stamp FROM article
                 WHERE path = ?1 OR (path >= ?2 AND path < ?3)",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![exact, lo, hi], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    (
                        r.get::<_, i64>(1)?,
                        (
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                        ),
                    ),
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// The nice value of a background update's threads: the interface (at 0) gets about nine
/// tenths of a core they share.
#[cfg(target_os = "linux")]
const BACKGROUND_NICE: libc::c_int = 10;

/// Lowers the calling thread's CPU priority (Linux; elsewhere nothing).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes a scheduling attribute; on Linux, `PRIO_PROCESS`
    // with `who = 0` applies to the calling thread alone. A failure leaves it as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICE);
    }
}

pub(crate) fn err(file: &Option<PathBuf>, source: rusqlite::Error) -> IndexError {
    IndexError::Sqlite {
        path: file.clone().unwrap_or_else(|| PathBuf::from(":memory:")),
        source,
    }
}

/// An article's rowid in `fts`: its date's day number in the high bits, its id in the
/// low 32, so FTS5's rowid order is the list's date order (undated last) and a search
/// can stop after its top results.
pub(crate) fn fts_key(date: Option<chrono::NaiveDate>, id: i64) -> i64 {
    use chrono::Datelike;
    // Above every day chrono can number before year 1 (so dated keys are positive and
    // above the undated ones).
    const DAYS_OFFSET: i64 = 1 << 27;
    let day = date.map_or(0, |d| i64::from(d.num_days_from_ce()) + DAYS_OFFSET);
    (day << 32) | (id & 0xffff_ffff)
}

/// The day part of an [`fts_key`]: equal for articles of the same date.
pub(crate) fn fts_day(key: i64) -> i64 {
    key >> 32
}

fn delete_article(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM fts WHERE rowid = (SELECT fts_key FROM article WHERE id = ?1)",
        [id],
    )?;
    tx.execute("DELETE FROM mention WHERE article = ?1", [id])?;
    tx.execute("DELETE FROM claim WHERE article = ?1", [id])?;
    tx.execute("DELETE FROM article WHERE id = ?1", [id])?;
    Ok(())
}

/// Writes (or replaces) one article's metadata row; returns its id.
pub(crate) fn write_meta(
    tx: &rusqlite::Connection,
    path: &str,
    stamp: Stamp,
    meta: &Meta,
) -> rusqlite::Result<i64> {
    with_meta_params(path, stamp, meta, |params| {
        tx.prepare_cached(&format!("{UPSERT_META} RETURNING id"))?
            .query_row(params, |r| r.get(0))
    })
}

/// Writes an article's row with its metadata (the list's columns), keeping the rest.
const UPSERT_META: &str = "INSERT INTO article
        (path, size, mtime_ns, title, date, section, source, author, url, lang)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
     ON CONFLICT(path) DO UPDATE SET size = ?2, mtime_ns = ?3, title = ?4, date = ?5,
        section = ?6, source = ?7, author = ?8, url = ?9, lang = ?10";

/// [`write_meta`] when the row's id is not needed (the list's metadata): without
/// `RETURNING` (a result row per insert, for 10,000 rows at a time).
pub(crate) fn write_meta_only(
    tx: &rusqlite::Connection,
    path: &str,
    stamp: Stamp,
    meta: &Meta,
) -> rusqlite::Result<()> {
    with_meta_params(path, stamp, meta, |params| {
        tx.prepare_cached(UPSERT_META)?.execute(params).map(drop)
    })
}

/// Runs `f` with [`UPSERT_META`]'s parameters for one article, in its order.
fn with_meta_params<T>(
    path: &str,
    stamp: Stamp,
    meta: &Meta,
    f: impl FnOnce(&[&dyn rusqlite::ToSql]) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let date = meta.date.map(|d| d.to_string());
    f(params![
        path,
        i64::try_from(stamp.size).unwrap_or(i64::MAX),
        stamp.mtime_ns.to_string(),
        meta.title,
        date,
        meta.section,
        meta.source,
        meta.author,
        meta.url,
        meta.lang.code(),
    ])
}

fn write_doc(tx: &Transaction<'_>, d: &Doc) -> rusqlite::Result<()> {
    let id = write_meta(tx, &d.path, d.stamp, &d.meta)?;
    tx.prepare_cached("UPDATE article SET full_stamp = ?2, store_stamp = ?3 WHERE id = ?1")?
        .execute(params![id, d.stamp.key(), stamp_key(d.store_stamp)])?;
    tx.prepare_cached("DELETE FROM fts WHERE rowid = (SELECT fts_key FROM article WHERE id = ?1)")?
        .execute([id])?;
    let key = fts_key(d.meta.date, id);
    tx.prepare_cached("INSERT INTO fts (rowid, title, body, article) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![key, d.meta.title, d.body, id])?;
    tx.prepare_cached("UPDATE article SET fts_key = ?2 WHERE id = ?1")?
        .execute(params![id, key])?;
    tx.prepare_cached("DELETE FROM mention WHERE article = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM claim WHERE article = ?1")?
        .execute([id])?;
    let mut m = tx.prepare_cached(
        "INSERT INTO mention (article, canonical, label, text, start, end, saved)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for x in &d.mentions {
        m.execute(params![
            id,
            x.canonical,
            x.label,
            x.text,
            x.start as i64,
            x.end as i64,
            x.saved
        ])?;
    }
    let mut c = tx.prepare_cached(
        "INSERT INTO claim (article, text, start, end, cue, speaker, speaker_fold, saved)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for x in &d.claims {
        c.execute(params![
            id,
            x.text,
            x.start as i64,
            x.end as i64,
            x.cue,
            x.speaker,
            x.speaker.as_deref().map(str::to_lowercase),
            x.saved
        ])?;
    }
    Ok(())
}

/// Parses and analyses one article and merges its saved annotations: a saved annotation
/// on a suggestion's span decides it (rejected: left out; otherwise its label and
/// speaker win), saved ones on other spans are added.
fn make_doc(
    f: &Path,
    key: String,
    stamp: Stamp,
    store_stamp: Option<Stamp>,
    analyzer: &Analyzer,
    store: &Store,
    forced: Option<Lang>,
) -> Done {
    let art = match article::load_with(f, forced) {
        Ok(a) => a,
        Err(e) => {
            let msg = e.to_string();
            let prefix = format!("{}: ", f.display());
            let msg = msg.strip_prefix(&prefix).unwrap_or(&msg).to_string();
            return Done::Failed(f.to_path_buf(), key, msg);
        }
    };
    let body = Body::new(art.body(), art.meta.lang);
    // What the user taught in other articles is left out on purpose: it changes with
    // every accept anywhere, and would make every article stale at once.
    let sugg = analyzer.suggest_body(&body, &Learned::default());
    let idx = body.index();
    let loaded = store.load_indexed(f, &art.meta.title, &idx);
    let saved: Vec<_> = loaded
        .record
        .annotations
        .iter()
        .filter(|a| !a.orphaned)
        .collect();
    let by_span: HashMap<(Kind, usize, usize), &&gloss_core::annotation::Annotation> = saved
        .iter()
        .map(|a| ((a.kind, a.start, a.end), a))
        .collect();
    let mut used: HashSet<(Kind, usize, usize)> = HashSet::new();
    let mut canon_of_text: HashMap<&str, &str> = HashMap::new();
    let mut mentions = Vec::with_capacity(sugg.entities.len());
    for e in &sugg.entities {
        canon_of_text.entry(e.text.as_str()).or_insert(&e.canonical);
        let span = (Kind::Entity, e.start, e.end);
        let (label, saved_here) = match by_span.get(&span) {
            Some(a) => {
                used.insert(span);
                if a.status == Status::Rejected {
                    continue;
                }
                (a.label.clone(), true)
            }
            None => (e.label.clone(), false),
        };
        mentions.push(MentionRow {
            canonical: if e.canonical.is_empty() {
                e.text.clone()
            } else {
                e.canonical.clone()
            },
            label,
            text: e.text.clone(),
            start: e.start,
            end: e.end,
            saved: saved_here,
        });
    }
    let mut claims = Vec::with_capacity(sugg.claims.len());
    for c in &sugg.claims {
        let span = (Kind::Claim, c.start, c.end);
        let (speaker, saved_here) = match by_span.get(&span) {
            Some(a) => {
                used.insert(span);
                if a.status == Status::Rejected {
                    continue;
                }
                (a.speaker.clone().or_else(|| c.speaker.clone()), true)
            }
            None => (c.speaker.clone(), false),
        };
        claims.push(ClaimRow {
            text: c.text.clone(),
            start: c.start,
            end: c.end,
            cue: c.cue.clone(),
            speaker,
            saved: saved_here,
        });
    }
    for a in &saved {
        if a.status == Status::Rejected || used.contains(&(a.kind, a.start, a.end)) {
            continue;
        }
        match a.kind {
            Kind::Entity => mentions.push(MentionRow {
                canonical: canon_of_text
                    .get(a.text.as_str())
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| a.text.clone()),
                label: a.label.clone(),
                text: a.text.clone(),
                start: a.start,
                end: a.end,
                saved: true,
            }),
            Kind::Claim => claims.push(ClaimRow {
                text: a.text.clone(),
                start: a.start,
                end: a.end,
                cue: String::new(),
                speaker: a.speaker.clone(),
                saved: true,
            }),
        }
    }
    let bytes = stamp.size;
    let text = body.as_str().to_string();
    Done::Doc(
        Box::new(Doc {
            path: key,
            stamp,
            store_stamp,
            meta: art.meta,
            body: text,
            mentions,
            claims,
        }),
        bytes,
    )
}
