//! Runs the effects `update` asks for, and the background jobs (scan, metadata, opening an
//! article), and turns their results into messages. Shared by the terminal runtime and the
//! headless renderer, so both behave the same.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, LazyLock, Mutex};

use gloss_core::analysis::{AnalysisOptions, Analyzer, Learned, Suggestions};
use gloss_core::annotation::{Annotation, Kind, Loaded, Stamp, Store, merge_suggestions};
use gloss_core::article::{self, Article, Lang, Meta};
use gloss_core::config::Config;
use gloss_core::text::{Body, CharIndex};
use gloss_index::Index;
use gloss_index::Stamp as FileStamp;
use gloss_index::meta::MetaCache;
use gloss_index::packed::PackedList;

use super::app::{Effect, Msg, Opened, Suggested};

/// What background threads send back.
enum Event {
    /// A message for `update`.
    App(Msg),
}

/// The analyzer, built on a thread of its own as the runner starts: building it (word
/// lists, gazetteer, tagger model) took longer than scanning 10,000 files, and nothing
/// needs it before the first article opens. Whoever needs it first waits for it.
type SharedAnalyzer =
    Arc<LazyLock<Analyzer, Box<dyn FnOnce() -> Analyzer + Send + std::panic::UnwindSafe>>>;

/// Holds back the suggestions of an article opened before the list knows its order (the
/// scan's first file, a guess) while the index may still say which article is newest:
/// on a folder opened before the guess was often wrong, and its suggestions took a core
/// from reading the list's metadata. Released once the list has taken all metadata in, or
/// when files are left to read (a folder not seen before: the guess is shown meanwhile).
#[derive(Default)]
struct OpenGate {
    /// (metadata still pending, the number of articles opened so far).
    state: Mutex<(bool, u64)>,
    changed: Condvar,
}

impl OpenGate {
    fn set(&self, pending: bool, opened: Option<u64>) {
        if let Ok(mut g) = self.state.lock() {
            g.0 = pending;
            if let Some(n) = opened {
                g.1 = n;
            }
        }
        self.changed.notify_all();
    }

    /// Waits while metadata is pending and no later article was asked for; whether this
    /// article (the `n`th opened) is still the one wanted.
    fn wait(&self, n: u64) -> bool {
        let Ok(g) = self.state.lock() else {
            return true;
        };
        match self.changed.wait_while(g, |g| g.0 && g.1 == n) {
            Ok(g) => g.1 == n,
            Err(_) => true,
        }
    }
}

/// Metadata is sent to the UI in batches this big, so the list re-sorts a bounded number of
/// times however large the folder.
const META_BATCH: usize = 256;

/// Where the time and the id seed of each step come from: the clock and random numbers in
/// a session, or one fixed time and a count for a replay that must write the same bytes.
#[derive(Debug, Clone)]
pub enum Stamps {
    /// The clock's time, random seeds.
    System,
    /// Always this time; seeds counted from one, shared by every clone.
    Fixed {
        /// The time of every step.
        now: toml::value::Datetime,
        /// Seeds handed out so far.
        taken: Arc<AtomicU64>,
    },
}

impl Stamps {
    /// Fixed stamps at time `now`.
    pub fn fixed(now: toml::value::Datetime) -> Stamps {
        Stamps::Fixed {
            now,
            taken: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The stamp of the next step.
    pub fn stamp(&self) -> Stamp {
        match self {
            Stamps::System => Stamp::system(),
            Stamps::Fixed { now, taken } => {
                let n = taken.fetch_add(1, Ordering::SeqCst) + 1;
                // Above the version and variant bits and the count of one step's ids.
                Stamp::new(*now, u128::from(n) << 72)
            }
        }
    }
}

/// Executes effects and background jobs.
pub struct Runner {
    stamps: Stamps,
    store: Result<Arc<Store>, String>,
    analyzer: SharedAnalyzer,
    lang: Option<Lang>,
    learned: Option<Learned>,
    tx: Sender<Event>,
    rx: Receiver<Event>,
    ready: VecDeque<Msg>,
    in_flight: usize,
    data_dir: PathBuf,
    /// The folder or article opened (names its metadata cache).
    root: PathBuf,
    /// Whether a real terminal is in front: only then are URLs opened and the clipboard
    /// written (the headless renderer records them in [`Runner::outside`] instead).
    live: bool,
    /// The URLs to open and texts to copy asked for, in order (see `live`).
    pub outside: Vec<Effect>,
    /// `articles_dir` from the config: the corpus root when the opened path lies under it.
    articles_dir: Option<PathBuf>,
    /// Whether all metadata being in starts the corpus index's update in the background
    /// (the terminal session; a headless render leaves before it could finish).
    index_in_background: bool,
    /// The index and its metadata of the folder, read from [`Runner::start`] on while the
    /// folder is scanned (reading 100,000 rows took as long as the scan); sent when the
    /// folder is not as the index listed it (see [`list_folder`]).
    prefetched: Option<Receiver<(Index, MetaCache)>>,
    /// The scan's files in its order (paths'), for the folder's packed list written once
    /// all metadata is in, with their stamps when they were taken already; set only when
    /// the list must be made again.
    scan_order: Arc<Mutex<Option<ScanOrder>>>,
    gate: Arc<OpenGate>,
    /// Articles opened so far (see [`OpenGate`]).
    opens: u64,
    /// `MetaDone` was handed out: the next call of [`Runner::next`] comes after the list
    /// has chosen what to open.
    meta_handed: bool,
}

impl Drop for Runner {
    fn drop(&mut self) {
        // The analyzer's tables are freed on a thread of their own (a tenth of listing
        // 10,000 articles seen before, and the process often ends right after).
        let analyzer = std::mem::replace(
            &mut self.analyzer,
            Arc::new(LazyLock::new(Box::new(|| {
                Analyzer::new(AnalysisOptions::default())
            }))),
        );
        // Where no thread can be made, the closure (and the analyzer) is dropped here.
        let _ = std::thread::Builder::new().spawn(move || drop(analyzer));
    }
}

impl Runner {
    /// A runner writing to the store in `data_dir`.
    pub fn new(cfg: &Config, data_dir: &Path) -> Runner {
        let (tx, rx) = channel();
        let options = AnalysisOptions::from_config(cfg);
        let analyzer: SharedAnalyzer =
            Arc::new(LazyLock::new(Box::new(move || Analyzer::new(options))));
        let warm = Arc::clone(&analyzer);
        std::thread::spawn(move || {
            LazyLock::force(&warm);
        });
        Runner {
            stamps: Stamps::System,
            store: Store::open(data_dir)
                .map(Arc::new)
                .map_err(|e| e.to_string()),
            analyzer,
            lang: cfg.language.forced(),
            learned: None,
            tx,
            rx,
            ready: VecDeque::new(),
            in_flight: 0,
            data_dir: data_dir.to_path_buf(),
            root: PathBuf::new(),
            live: false,
            outside: Vec::new(),
            articles_dir: cfg.articles_dir.clone(),
            index_in_background: false,
            prefetched: None,
            scan_order: Arc::default(),
            gate: Arc::default(),
            opens: 0,
            meta_handed: false,
        }
    }

    /// The runner keeping the corpus index current in the background once the article
    /// list is in, with its progress sent as [`Msg::Indexing`].
    pub fn with_background_index(mut self, on: bool) -> Runner {
        self.index_in_background = on;
        self
    }

    /// The runner with its suggestions made at the times and with the ids of `stamps`.
    pub fn with_stamps(mut self, stamps: Stamps) -> Runner {
        self.stamps = stamps;
        self
    }

    /// This runner drives a real terminal: `o` opens URLs, `y` writes the clipboard.
    pub fn live(mut self) -> Runner {
        self.live = true;
        self
    }

    /// Whether no background job is running and no result is waiting.
    pub fn idle(&self) -> bool {
        self.in_flight == 0 && self.ready.is_empty()
    }

    /// Starts scanning `root` in the background.
    pub fn start(&mut self, root: &Path) {
        self.root = root.to_path_buf();
        if let Ok(store) = &self.store {
            // Keys are relative to the corpus root; a store of an older layout migrates now.
            let corpus =
                gloss_core::annotation::file::corpus_root(root, self.articles_dir.as_deref());
            if let Err(e) = store.set_root(corpus.as_deref()) {
                self.store = Err(format!("cannot migrate the store: {e}"));
            }
        }
        // The index is opened and its packed list of the folder read while the folder is
        // scanned. Without one, the rows are read next, still beside the scan.
        let (data_dir, folder) = (self.data_dir.clone(), root.to_path_buf());
        // An index not made yet holds no list: the scan does not wait for it to be made.
        let fresh = !data_dir.join("index").join(gloss_index::FILE_NAME).exists();
        let (packed_tx, packed_rx) = channel::<Option<(Index, PackedList)>>();
        let (cache_tx, cache_rx) = channel::<(Index, MetaCache)>();
        let rows_tx = cache_tx.clone();
        std::thread::spawn(move || {
            let index = Index::open(&data_dir);
            let packed = if folder.is_dir() {
                index.packed_list(&folder).filter(|p| !p.is_empty())
            } else {
                None
            };
            if let Some(p) = packed {
                let _ = packed_tx.send(Some((index, p)));
                return;
            }
            let _ = packed_tx.send(None);
            let cache = MetaCache::open_rows(&index, &folder);
            let _ = rows_tx.send((index, cache));
        });
        self.prefetched = Some(cache_rx);
        self.in_flight += 1;
        let root = root.to_path_buf();
        let positions = crate::reading::load(&self.data_dir, &root);
        if !positions.is_empty() {
            self.ready.push_back(Msg::Positions(positions));
        }
        // The saved-annotation counts (the list's marks) come just before the scan, always
        // in that order; the store is read while the folder is scanned.
        self.in_flight += 1;
        let listing = Listing {
            root,
            tx: self.tx.clone(),
            store: self.store.clone().ok(),
            packed: (!fresh).then_some(packed_rx),
            cache: cache_tx,
            order: Arc::clone(&self.scan_order),
            indexing: self.index_in_background.then(|| {
                (
                    IndexJob {
                        analyzer: Arc::clone(&self.analyzer),
                        forced: self.lang,
                    },
                    self.data_dir.clone(),
                )
            }),
        };
        std::thread::spawn(move || list_folder(listing));
    }

    /// The next message: a finished effect first, then background results. With `wait`,
    /// blocks while background work is running; returns `None` when there is nothing.
    pub fn next(&mut self, wait: bool) -> Option<Msg> {
        if std::mem::take(&mut self.meta_handed) {
            self.gate.set(false, None);
        }
        {
            if let Some(m) = self.ready.pop_front() {
                return Some(m);
            }
            let ev = if wait && self.in_flight > 0 {
                self.rx.recv().ok()?
            } else {
                self.rx.try_recv().ok()?
            };
            let Event::App(msg) = ev;
            let done = match &msg {
                // `Listed` is followed by `MetaDone`, which counts for both.
                Msg::Opened(o) => !o.more_coming,
                Msg::Scanned(_)
                | Msg::Annotated(_)
                | Msg::MetaDone
                | Msg::Suggested(_)
                | Msg::OpenFailed(..)
                | Msg::CorpusResults(..) => true,
                _ => false,
            };
            if done {
                self.in_flight = self.in_flight.saturating_sub(1);
            }
            if matches!(msg, Msg::MetaDone) {
                self.meta_handed = true;
            }
            Some(msg)
        }
    }

    fn learned(&mut self) -> Learned {
        if self.learned.is_none() {
            self.learned = Some(self.store.as_ref().map(|s| s.learned()).unwrap_or_default());
        }
        self.learned.clone().unwrap_or_default()
    }

    /// Runs one effect. Writes happen now, before the next key is handled; reading and
    /// analysing happens in the background.
    pub fn run(&mut self, fx: Effect) {
        match fx {
            Effect::LoadMeta(files) => self.load_meta(files),
            Effect::Open(path) => {
                self.in_flight += 1;
                let learned = self.learned();
                let analyzer = Arc::clone(&self.analyzer);
                let forced = self.lang;
                let store = self.store.clone();
                let tx = self.tx.clone();
                // Taken here, in the order of the effects, not in the thread: a replay
                // gives each article the same stamp.
                let mut stamp = self.stamps.stamp();
                self.opens += 1;
                let (gate, nth) = (Arc::clone(&self.gate), self.opens);
                gate.set(gate_pending(&gate), Some(nth));
                std::thread::spawn(move || {
                    // A parser or engine bug on one odd file must not take the UI down (or
                    // leave the headless renderer waiting forever): it becomes an error.
                    let work = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        match article::load_with(&path, forced) {
                            Ok(a) => {
                                let wanted = gate.wait(nth);
                                let job = OpenJob {
                                    store: &store,
                                    analyzer: &analyzer,
                                    learned: &learned,
                                    forced,
                                    suggest: wanted,
                                };
                                open_article(&job, a, &tx, &mut stamp)
                            }
                            Err(e) => Event::App(Msg::OpenFailed(path.clone(), e.to_string())),
                        }
                    }));
                    let ev = work.unwrap_or_else(|_| {
                        Event::App(Msg::OpenFailed(
                            path.clone(),
                            format!("{}: internal error while reading this file", path.display()),
                        ))
                    });
                    let _ = tx.send(ev);
                });
            }
            Effect::Save(record) => {
                let res = match &self.store {
                    Ok(s) => s.save(&record).map_err(|e| e.to_string()),
                    Err(e) => Err(e.clone()),
                };
                self.learned = None;
                self.ready.push_back(Msg::Saved(Box::new(record), res));
            }
            Effect::NeverSuggest {
                ref text,
                ref label,
            }
            | Effect::AllowSuggest {
                ref text,
                ref label,
            } => {
                let never = matches!(fx, Effect::NeverSuggest { .. });
                let res = match &self.store {
                    Ok(s) if never => s.never_suggest(text, label).map_err(|e| e.to_string()),
                    Ok(s) => s.allow_suggest(text, label).map_err(|e| e.to_string()),
                    Err(e) => Err(e.clone()),
                };
                self.learned = None;
                self.ready.push_back(Msg::NeverWritten(fx, res));
            }
            Effect::SavePosition(path, at) => {
                // A lost reading position is a nuisance, not worth an error.
                let _ = crate::reading::save(&self.data_dir, &path, at);
            }
            Effect::CorpusSearch { root, ask } => {
                self.in_flight += 1;
                let tx = self.tx.clone();
                let data_dir = self.data_dir.clone();
                std::thread::spawn(move || {
                    let res = std::panic::catch_unwind(|| corpus_ask(&data_dir, &root, &ask))
                        .unwrap_or_else(|_| Err("internal error while searching".into()));
                    let _ = tx.send(Event::App(Msg::CorpusResults(ask, res)));
                });
            }
            Effect::Export(root) => {
                let res = self.export(&root, self.stamps.stamp().now);
                self.ready.push_back(Msg::Exported(res));
            }
            Effect::OpenUrl(url) => {
                if self.live
                    && let Err(e) = crate::outside::open_url(&url)
                {
                    self.ready.push_back(Msg::OutsideFailed(e));
                }
                self.outside.push(Effect::OpenUrl(url));
            }
            Effect::Copy(text) => {
                if self.live
                    && let Err(e) = crate::outside::copy_to_clipboard(&text)
                {
                    self.ready.push_back(Msg::OutsideFailed(e));
                }
                self.outside.push(Effect::Copy(text));
            }
        }
    }

    /// Tries again to become the store's one writer when another gloss held it; says so
    /// (a [`Msg::StoreWritable`], and true) when it worked. Cheap: one non-blocking lock
    /// call.
    pub fn retry_lock(&mut self) -> bool {
        if let Ok(s) = &self.store
            && s.read_only().is_some()
            && s.retry_lock()
        {
            self.learned = None;
            self.ready.push_back(Msg::StoreWritable);
            return true;
        }
        false
    }

    /// Writes the TOML export of `root` to `<data dir>/exports/`, named by the time `at`.
    fn export(&self, root: &Path, at: toml::value::Datetime) -> Result<PathBuf, String> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let out = gloss_core::annotation::export::export_folder_at(
            store,
            root,
            gloss_core::annotation::export::Format::Toml,
            false,
            at,
        )
        .map_err(|e| e.to_string())?;
        let dir = self.data_dir.join("exports");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // `2026-01-02T12:00:00Z` → `20260102-120000`.
        let digits: String = at
            .to_string()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let stamp = format!(
            "{}-{}",
            digits.get(..8).unwrap_or_default(),
            digits.get(8..14).unwrap_or_default()
        );
        let file = dir.join(format!("gloss-export-{stamp}.toml"));
        std::fs::write(&file, out.text).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Some(first) = out.unread_store_files.first() {
            return Err(format!(
                "{} written without the annotations of {} unreadable store file(s): {first}",
                file.display(),
                out.unread_store_files.len()
            ));
        }
        Ok(file)
    }

    fn load_meta(&mut self, files: Vec<PathBuf>) {
        self.in_flight += 1;
        if files.is_empty() {
            self.ready.push_back(Msg::MetaDone);
            return;
        }
        let data_dir = self.data_dir.clone();
        let root = self.root.clone();
        let tx = self.tx.clone();
        let indexing = self.index_in_background.then(|| IndexJob {
            analyzer: Arc::clone(&self.analyzer),
            forced: self.lang,
        });
        let prefetched = self.prefetched.take();
        let (order, stamped) = match self.scan_order.lock().ok().and_then(|mut o| o.take()) {
            Some((order, stamps)) => (Some(order), stamps),
            None => (None, None),
        };
        self.gate.set(true, None);
        let gate = Arc::clone(&self.gate);
        // Reading the index's entries of a large folder takes a good part of a second: a
        // coordinator thread reads them and starts the workers, so the UI never waits.
        std::thread::spawn(move || {
            let workers = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(1, 4);
            let open = || {
                prefetched.and_then(|h| h.recv().ok()).unwrap_or_else(|| {
                    let index = Index::open(&data_dir);
                    let cache = MetaCache::open(&index, &root);
                    (index, cache)
                })
            };
            // The stamps the scan took already (to compare with the packed list) are not
            // taken again.
            let known: Option<HashMap<&std::ffi::OsStr, Option<FileStamp>>> =
                match (&order, &stamped) {
                    (Some(o), Some(s)) if o.len() == s.len() => Some(
                        o.iter()
                            .map(|p| p.as_os_str())
                            .zip(s.iter().copied())
                            .collect(),
                    ),
                    _ => None,
                };
            let (index, mut cache, files) = cached_first(open, files, workers, known.as_ref());
            drop(known);
            // Every file the index knows unchanged goes to the list in one batch: the
            // list then sorts once, where batches of 256 re-sorted it each time its
            // count doubled (a seventh of opening 10,000 articles seen before). They
            // stay in the cache too when the folder's list is packed again at the end.
            let hits: Vec<(PathBuf, Result<Meta, String>)> = files
                .iter()
                .filter(|(_, _, hit)| *hit)
                .filter_map(|(p, stamp, _)| {
                    let s = (*stamp)?;
                    let m = match order {
                        Some(_) => cache.get(p, s).cloned(),
                        None => cache.take(p, s),
                    }?;
                    Some((p.clone(), Ok(m)))
                })
                .collect();
            let files: Vec<(PathBuf, Option<FileStamp>)> = files
                .into_iter()
                .filter(|(_, _, hit)| !*hit)
                .map(|(p, s, _)| (p, s))
                .collect();
            if !files.is_empty() {
                // Files to read: the article guessed from the scan is shown meanwhile.
                gate.set(false, None);
            }
            if !hits.is_empty() && tx.send(Event::App(Msg::Metas(hits))).is_err() {
                return;
            }
            // What the workers read goes to the index as they read it, on a thread of its
            // own; the last worker waits for it before saying that all metadata is in.
            // A batch at a time: a row at a time woke the writer for each file (a futex
            // call and a switch of threads per file).
            let (rows, read) = channel::<Vec<(PathBuf, FileStamp, Meta)>>();
            let writer = std::thread::spawn(move || {
                let mut index = index;
                let read = read.into_iter().flatten();
                // Failing to write is harmless: the next start reads the files again.
                let _ = match order {
                    Some(order) => cache.save_stream_and_list(&mut index, read, &order),
                    None => cache.save_stream(&mut index, read),
                };
                index
            });
            let shared = Arc::new(Shared {
                writer: Mutex::new(Some(writer)),
                left: AtomicUsize::new(0),
                job: indexing.map(|j| (j, data_dir, root)),
            });
            // At least one, which says that all metadata is in.
            let workers = workers.min(files.len()).max(1);
            shared.left.store(workers, Ordering::SeqCst);
            // Workers take from the end: reversed, the newest (the top of the list) come first.
            let mut files = files;
            files.reverse();
            let queue = Arc::new(Mutex::new(files));
            for _ in 0..workers {
                let queue = Arc::clone(&queue);
                let shared = Arc::clone(&shared);
                let tx = tx.clone();
                let rows = rows.clone();
                std::thread::spawn(move || meta_worker(&queue, &shared, &tx, rows));
            }
        });
    }
}

/// The scan's files in its order, and their stamps (in the same order) if they were taken.
type ScanOrder = (Vec<PathBuf>, Option<Vec<Option<FileStamp>>>);

/// One file to read metadata of: its path, its stamp when it was taken already, and
/// whether the index holds its metadata at that stamp.
type Pending = (PathBuf, Option<FileStamp>, bool);

/// The index's metadata of the folder, and each of `files` (in order) with its stamp and
/// whether that entry is current. The stamps are taken on `workers` threads while the
/// index is read, since both are a good part of opening a folder seen before (and the
/// readers of a folder never seen then need not take them again).
fn cached_first(
    open: impl FnOnce() -> (Index, MetaCache) + Send,
    files: Vec<PathBuf>,
    workers: usize,
    known: Option<&HashMap<&std::ffi::OsStr, Option<FileStamp>>>,
) -> (Index, MetaCache, Vec<Pending>) {
    let per = files.len().div_ceil(workers).max(1);
    let stamp = move |p: &PathBuf| match known.and_then(|k| k.get(p.as_os_str())) {
        Some(s) => *s,
        None => FileStamp::of(p),
    };
    if known.is_none() {
        // The index is read first (it was opened while the folder was scanned): when it
        // knows none of the folder's files, no file is stamped here but by the reader
        // that reads it (a folder never opened waited for 10,000 stats before reading).
        let (index, cache) = open();
        if cache.is_empty() {
            let files = files.into_iter().map(|p| (p, None, false)).collect();
            return (index, cache, files);
        }
        let stamps = std::thread::scope(|s| {
            let stats: Vec<_> = files
                .chunks(per)
                .map(|part| s.spawn(move || part.iter().map(stamp).collect::<Vec<_>>()))
                .collect();
            stats
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect::<Vec<_>>()
        });
        return hits(index, cache, files, stamps);
    }
    let ((index, cache), stamps) = std::thread::scope(|s| {
        let stats: Vec<_> = files
            .chunks(per)
            .map(|part| s.spawn(move || part.iter().map(stamp).collect::<Vec<_>>()))
            .collect();
        let opened = open();
        let stamps: Vec<Option<FileStamp>> = stats
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect();
        (opened, stamps)
    });
    hits(index, cache, files, stamps)
}

/// Each of `files` with its stamp and whether the cache holds it at that stamp.
fn hits(
    index: Index,
    cache: MetaCache,
    files: Vec<PathBuf>,
    stamps: Vec<Option<FileStamp>>,
) -> (Index, MetaCache, Vec<Pending>) {
    let files = files
        .into_iter()
        .zip(stamps.into_iter().chain(std::iter::repeat(None)))
        .map(|(p, stamp)| {
            let hit = stamp.is_some_and(|s| cache.get(&p, s).is_some());
            (p, stamp, hit)
        })
        .collect();
    (index, cache, files)
}

/// What the background index update needs besides the index.
struct IndexJob {
    analyzer: SharedAnalyzer,
    forced: Option<Lang>,
}

/// What the metadata workers share.
struct Shared {
    /// The thread writing what the workers read to the index (it gives the index back).
    writer: Mutex<Option<std::thread::JoinHandle<Index>>>,
    left: AtomicUsize,
    /// The index update to run once the list is in: job, data dir, root.
    job: Option<(IndexJob, PathBuf, PathBuf)>,
}

/// Reads metadata from the shared queue in batches until it is empty; the last worker to
/// finish writes what it read to the index, says that all metadata is in, and then (in a
/// terminal session) brings the whole index up to date.
fn meta_worker(
    queue: &Mutex<Vec<(PathBuf, Option<FileStamp>)>>,
    shared: &Shared,
    tx: &Sender<Event>,
    rows: Sender<Vec<(PathBuf, FileStamp, Meta)>>,
) {
    loop {
        let chunk: Vec<(PathBuf, Option<FileStamp>)> = {
            let Ok(mut q) = queue.lock() else { break };
            let n = q.len().min(META_BATCH);
            let at = q.len() - n;
            // In the list's order again (the queue is reversed): the list finds each row
            // after the one before.
            let mut chunk = q.split_off(at);
            chunk.reverse();
            chunk
        };
        if chunk.is_empty() {
            break;
        }
        let mut read = Vec::with_capacity(chunk.len());
        let batch = chunk
            .into_iter()
            .map(|(p, stamp)| {
                // The stamp before the read: a file changed meanwhile is read again next time.
                let stamp = stamp.or_else(|| FileStamp::of(&p));
                let size = stamp.map(|s| s.size);
                let m = std::panic::catch_unwind(|| article::load_meta_sized(&p, size))
                    .map_err(|_| "internal error while reading this file".to_string())
                    .and_then(|r| r.map_err(|e| short_error(&e.to_string(), &p)));
                if let (Ok(meta), Some(stamp)) = (&m, stamp) {
                    read.push((p.clone(), stamp, meta.clone()));
                }
                (p, m)
            })
            .collect();
        if !read.is_empty() {
            let _ = rows.send(read);
        }
        if tx.send(Event::App(Msg::Metas(batch))).is_err() {
            break;
        }
    }
    // The writer finishes once every worker has let go of its end.
    drop(rows);
    if shared.left.fetch_sub(1, Ordering::SeqCst) != 1 {
        return;
    }
    let writer = shared.writer.lock().ok().and_then(|mut w| w.take());
    let index = writer.and_then(|w| w.join().ok());
    let _ = tx.send(Event::App(Msg::MetaDone));
    if let (Some((job, data_dir, root)), Some(ix)) = (&shared.job, index) {
        update_index(job, data_dir, root, ix, tx);
    }
}

/// Brings the whole index of `root` up to date in the background (a terminal session,
/// once the list is in), with its progress sent as [`Msg::Indexing`].
fn update_index(job: &IndexJob, data_dir: &Path, root: &Path, mut ix: Index, tx: &Sender<Event>) {
    let store = Store::open_for_reading(data_dir);
    // One core stays with the interface, so keys are answered as fast while it runs.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    ix.set_workers(cores.saturating_sub(1));
    ix.set_background();
    let mut progress = |p: gloss_index::Progress| {
        let _ = tx.send(Event::App(Msg::Indexing(p.done, p.total)));
    };
    let mut res = ix.update(root, &job.analyzer, &store, job.forced, &mut progress);
    if let Err(e) = &res
        && e.is_corrupt()
    {
        ix.rebuild_after(e);
        res = ix.update(root, &job.analyzer, &store, job.forced, &mut progress);
    }
    let done = match res {
        Ok(_) => Ok(ix.notice().map(str::to_string)),
        Err(e) => Err(e.to_string()),
    };
    let _ = tx.send(Event::App(Msg::Indexed(done)));
}

/// What [`list_folder`] needs.
struct Listing {
    root: PathBuf,
    tx: Sender<Event>,
    store: Option<Arc<Store>>,
    /// The index and its packed list of the folder, if it has one (`None`: no index was
    /// there to hold one).
    packed: Option<Receiver<Option<(Index, PackedList)>>>,
    /// Where the index and the cache made of the packed list go when the folder is not
    /// as listed (the metadata workers read them).
    cache: Sender<(Index, MetaCache)>,
    /// Where the scan's order (and stamps) go when the list is to be made again.
    order: Arc<Mutex<Option<ScanOrder>>>,
    /// The background index update of a terminal session, and the data dir.
    indexing: Option<(IndexJob, PathBuf)>,
}

/// Scans the folder and sends the saved-annotation counts, then the list: complete at
/// once ([`Msg::Listed`], then [`Msg::MetaDone`]) when every file is as the index's
/// packed list has it (stamped here, on every core, while nothing else needs them);
/// else the scan alone ([`Msg::Scanned`]), whose metadata the list then asks for.
fn list_folder(job: Listing) {
    let Listing {
        root,
        tx,
        store,
        packed,
        cache,
        order,
        indexing,
    } = job;
    let reading = std::thread::spawn(move || store.map(|s| (saved_by_key(&s), s)));
    let scan = article::scan(&root);
    let counts = match reading.join() {
        Ok(Some((by_key, s))) => match_counts(&s, &by_key, &scan.files),
        _ => HashMap::new(),
    };
    let mut stamped = None;
    let stale = match packed.map(|p| p.recv()) {
        Some(Ok(Some((index, list)))) => {
            let threads = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(1, 4);
            let stamps = FileStamp::of_all(&root, &scan.files, threads);
            if !scan.files.is_empty() && list.matches(&root, &scan.files, &stamps) {
                let items = list.into_list(scan.files);
                let _ = tx.send(Event::App(Msg::Annotated(counts)));
                let _ = tx.send(Event::App(Msg::Listed(items, scan.skipped)));
                let _ = tx.send(Event::App(Msg::MetaDone));
                if let Some((job, data_dir)) = indexing {
                    update_index(&job, &data_dir, &root, index, &tx);
                }
                return;
            }
            stamped = Some(stamps);
            Some((index, list))
        }
        _ => None,
    };
    if root.is_dir()
        && let Ok(mut o) = order.lock()
    {
        *o = Some((scan.files.clone(), stamped));
    }
    let _ = tx.send(Event::App(Msg::Annotated(counts)));
    let _ = tx.send(Event::App(Msg::Scanned(scan)));
    // Its entries still hold for the files unchanged: the list asks for them next.
    if let Some((index, list)) = stale {
        let _ = cache.send((index, MetaCache::from_packed(&root, list)));
    }
}

/// Store key → saved annotations, for the store files that hold any.
fn saved_by_key(store: &Store) -> HashMap<String, usize> {
    let (read, _unreadable) = store.read_all();
    read.into_iter()
        .filter(|(_, f)| !f.annotations.is_empty())
        .map(|(_, f)| (f.path, f.annotations.len()))
        .collect()
}

/// How many saved annotations each of `files` has in the store (those with none are left
/// out). One read of the store's files; a store key ends with its article's file name, so
/// only the files named like an annotated article have their key made (which resolves
/// the path on disk): 100,000 articles cost no more than the store has files.
fn match_counts(
    store: &Store,
    by_key: &HashMap<String, usize>,
    files: &[PathBuf],
) -> HashMap<PathBuf, usize> {
    if by_key.is_empty() {
        return HashMap::new();
    }
    let names: std::collections::HashSet<&str> = by_key
        .keys()
        .map(|k| k.rsplit('/').next().unwrap_or(k))
        .collect();
    files
        .iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| names.contains(n))
        })
        .filter_map(|p| by_key.get(&store.key_of(p)).map(|&n| (p.clone(), n)))
        .collect()
}

/// Most results a search across all articles shows.
const CORPUS_HITS: usize = 50;

/// Asks the index about the articles under `root`; paths come back spelled as the scan
/// of `root` spells them, so the list and the reader know them.
fn corpus_ask(
    data_dir: &Path,
    root: &Path,
    ask: &crate::app::CorpusAsk,
) -> Result<Vec<crate::app::CorpusHit>, String> {
    use crate::app::{CorpusAsk, CorpusHit};
    let index = Index::open(data_dir);
    let canon = gloss_index::canonical(root);
    let shown = |p: &Path| match p.strip_prefix(&canon) {
        Ok(rel) if !rel.as_os_str().is_empty() => root.join(rel),
        _ => root.to_path_buf(),
    };
    let e = |e: gloss_index::IndexError| e.to_string();
    let hits = match ask {
        CorpusAsk::Search(query) => index
            .search(&canon, query, CORPUS_HITS)
            .map_err(e)?
            .into_iter()
            .map(|h| CorpusHit {
                path: shown(&h.path),
                title: h.title,
                date: h.date,
                snippet: h.snippet,
                marks: h.marks,
                start: h.start,
                count: 1,
            })
            .collect(),
        CorpusAsk::Entity { canonical, label } => index
            .mentions(&canon, canonical, label)
            .map_err(e)?
            .into_iter()
            .map(|m| CorpusHit {
                path: shown(&m.path),
                title: m.title,
                date: m.date,
                snippet: format!("{} mentions", m.count),
                marks: Vec::new(),
                start: m.start,
                count: m.count,
            })
            .collect(),
        CorpusAsk::Speaker(name) => index
            .claims(&canon, Some(name))
            .map_err(e)?
            .into_iter()
            .map(|c| CorpusHit {
                path: shown(&c.path),
                title: c.title,
                date: c.date,
                snippet: c.text,
                marks: Vec::new(),
                start: c.start,
                count: 1,
            })
            .collect(),
        CorpusAsk::SameClaim { text, path } => {
            let here = gloss_index::canonical(path);
            index
                .same_claims(&canon, text, &here)
                .map_err(e)?
                .into_iter()
                .map(|(c, _)| CorpusHit {
                    path: shown(&c.path),
                    title: c.title,
                    date: c.date,
                    snippet: c.text,
                    marks: Vec::new(),
                    start: c.start,
                    count: 1,
                })
                .collect()
        }
    };
    Ok(hits)
}

/// Bodies larger than this are shown before their suggestions are ready: analysing a 10 MB
/// article takes a good part of a second, and the user can start reading meanwhile.
const TEXT_FIRST_BYTES: usize = 256 * 1024;

/// Parses, analyses and merges an article with its saved annotations. Returns the last
/// event to send; a large article first sends its text (through `tx`) and returns its
/// suggestions.
fn open_article(
    job: &OpenJob<'_>,
    article: Article,
    tx: &Sender<Event>,
    stamp: &mut Stamp,
) -> Event {
    let OpenJob {
        store,
        analyzer,
        learned,
        forced,
        suggest,
    } = *job;
    let analyzer = &**analyzer;
    // The one body of this article: its index is built here, once, and shared by the
    // suggestions, the re-anchoring and the reader.
    let body = Arc::new(Body::new(
        article.body(),
        forced.unwrap_or(article.meta.lang),
    ));
    let (loaded, store_ro) = load_saved(store, &article, &body.index());
    // Suggestions get the same ids on every open of the same text, so saved links to them
    // hold (the step's time is kept).
    let stamp = &mut Stamp::new(
        stamp.now,
        gloss_core::annotation::article_seed(&article.path, &loaded.record.sha256),
    );
    if body.len() <= TEXT_FIRST_BYTES {
        let sugg = if suggest {
            analyzer.suggest_body(&body, learned)
        } else {
            Suggestions::default()
        };
        let anns = merge_suggestions(&loaded.record.annotations, &sugg, &body.index(), stamp);
        let canonical = canonical_names(&anns, &sugg);
        return Event::App(Msg::Opened(Box::new(Opened {
            article,
            body,
            loaded,
            anns,
            canonical,
            store_read_only: store_ro,
            more_coming: false,
        })));
    }
    let path = article.path.clone();
    let saved = loaded.record.annotations.clone();
    let first = Opened {
        canonical: canonical_names(&saved, &Suggestions::default()),
        anns: saved.clone(),
        article,
        body: Arc::clone(&body),
        loaded,
        store_read_only: store_ro,
        more_coming: true,
    };
    let _ = tx.send(Event::App(Msg::Opened(Box::new(first))));
    let sugg = if suggest {
        analyzer.suggest_body(&body, learned)
    } else {
        Suggestions::default()
    };
    let saved_ids: std::collections::HashSet<&str> = saved.iter().map(|a| a.id.as_str()).collect();
    let anns: Vec<Annotation> = merge_suggestions(&saved, &sugg, &body.index(), stamp)
        .into_iter()
        .filter(|a| !saved_ids.contains(a.id.as_str()))
        .collect();
    let canonical = canonical_names(&anns, &sugg);
    Event::App(Msg::Suggested(Box::new(Suggested {
        path,
        anns,
        canonical,
    })))
}

/// What opening an article needs besides the article.
struct OpenJob<'a> {
    store: &'a Result<Arc<Store>, String>,
    analyzer: &'a SharedAnalyzer,
    learned: &'a Learned,
    forced: Option<Lang>,
    /// False for an article no longer wanted (another was asked for while it waited at
    /// the [`OpenGate`]): the UI drops it, so it is not analysed.
    suggest: bool,
}

/// Whether the gate holds suggestions back now.
fn gate_pending(gate: &OpenGate) -> bool {
    gate.state.lock().map(|g| g.0).unwrap_or(false)
}

/// The store's annotations of an article (re-anchored), and why it is read-only, if it is.
fn load_saved(
    store: &Result<Arc<Store>, String>,
    article: &Article,
    body: &CharIndex<'_>,
) -> (Loaded, Option<String>) {
    let (mut loaded, store_ro) = match store {
        Ok(s) => (
            s.load_indexed(&article.path, &article.meta.title, body),
            s.read_only(),
        ),
        Err(e) => (
            Loaded {
                read_only: Some(e.clone()),
                ..Loaded::default()
            },
            Some(e.clone()),
        ),
    };
    if loaded.record.path.as_os_str().is_empty() {
        loaded.record.path = article.path.clone();
        loaded.record.title = article.meta.title.clone();
    }
    if loaded.record.sha256.is_empty() {
        loaded.record.sha256 = gloss_core::annotation::file::sha256_hex(body.text());
    }
    (loaded, store_ro)
}

/// Annotation id → the canonical name its entity is grouped under: the engine's for a
/// suggested span, the annotation's own text otherwise.
fn canonical_names(anns: &[Annotation], sugg: &Suggestions) -> HashMap<String, String> {
    let by_span: HashMap<(usize, usize), &str> = sugg
        .entities
        .iter()
        .map(|e| ((e.start, e.end), e.canonical.as_str()))
        .collect();
    anns.iter()
        .filter(|a| a.kind == Kind::Entity)
        .map(|a| {
            let c = by_span
                .get(&(a.start, a.end))
                .filter(|c| !c.is_empty())
                .map(|c| c.to_string())
                .unwrap_or_else(|| a.text.clone());
            (a.id.clone(), c)
        })
        .collect()
}

/// An error without the path the list already shows.
fn short_error(e: &str, p: &Path) -> String {
    let prefix = format!("{}: ", p.display());
    e.strip_prefix(&prefix).unwrap_or(e).to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::app::{App, CorpusAsk, Effect, update};

    fn text_of(app: &App) -> String {
        let buf = crate::headless::screen(app);
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn the_index_is_brought_up_to_date_in_the_background_with_progress() {
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        for i in 0..5 {
            std::fs::write(
                arts.join(format!("2024-02-0{}-a{i}.txt", i + 1)),
                format!(
                    "2024-02-0{}\n\nTitel {i}\n\nOlaf Scholz besuchte Paris, sagte er.\n",
                    i + 1
                ),
            )
            .unwrap();
        }
        let data = d.path().join("data");
        let cfg = Config::default_config();
        let mut app = App::new(cfg.clone(), arts.clone(), false);
        update(&mut app, Msg::Resize(120, 30));
        let mut runner = Runner::new(&cfg, &data).with_background_index(true);
        runner.start(&arts);
        let mut progress = Vec::new();
        let mut indexed = None;
        // Bounded, not timed: the job ends long before, on any machine.
        for _ in 0..3000 {
            match runner.next(true) {
                Some(Msg::Indexing(done, total)) => {
                    progress.push((done, total));
                    update(&mut app, Msg::Indexing(done, total));
                    if done < total {
                        assert!(text_of(&app).contains(&format!("indexing {done}/{total}")));
                    }
                }
                Some(Msg::Indexed(r)) => {
                    indexed = Some(r);
                    break;
                }
                Some(m) => {
                    for fx in update(&mut app, m) {
                        runner.run(fx);
                    }
                }
                None => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        }
        assert_eq!(indexed, Some(Ok(None)), "{progress:?}");
        assert_eq!(progress.last(), Some(&(5, 5)));
        update(&mut app, Msg::Indexed(Ok(None)));
        assert!(!text_of(&app).contains("indexing"));
        // The first article's open may still be on its way (it starts once the index has
        // answered, and the build can finish first): let it land before asking the index.
        for _ in 0..3000 {
            if runner.idle() {
                break;
            }
            match runner.next(true) {
                Some(m) => {
                    for fx in update(&mut app, m) {
                        runner.run(fx);
                    }
                }
                None => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        }
        assert!(runner.idle());
        let ix = Index::open(&data);
        let root = gloss_index::canonical(&arts);
        assert_eq!(ix.search(&root, "Scholz", 10).unwrap().len(), 5);
        // The list's metadata came through the index too: every article has a row.
        assert_eq!(ix.len().unwrap(), 5);
        // A search across all articles, as `S` asks for it.
        runner.run(Effect::CorpusSearch {
            root: arts.clone(),
            ask: CorpusAsk::Search("scholz".into()),
        });
        let Some(Msg::CorpusResults(q, Ok(hits))) = runner.next(true) else {
            panic!("no results");
        };
        assert_eq!(q, CorpusAsk::Search("scholz".into()));
        assert_eq!(hits.len(), 5);
        assert!(
            hits.iter()
                .all(|h| h.path.starts_with(&arts) && h.path.exists())
        );
        assert_eq!(hits[0].date.as_deref(), Some("2024-02-05"), "newest first");
        assert!(runner.idle());
        // The entity view: every article naming Olaf Scholz, newest first, with counts.
        runner.run(Effect::CorpusSearch {
            root: arts.clone(),
            ask: CorpusAsk::Entity {
                canonical: "Olaf Scholz".into(),
                label: "PER".into(),
            },
        });
        let Some(Msg::CorpusResults(_, Ok(hits))) = runner.next(true) else {
            panic!("no entity view");
        };
        assert_eq!(hits.len(), 5);
        assert!(hits.iter().all(|h| h.count >= 1));
        assert!(hits.windows(2).all(|w| w[0].date >= w[1].date));
        // The same claim elsewhere: the four other articles say it, oldest first.
        let claim = Index::open(&data)
            .claims(&root, None)
            .unwrap()
            .into_iter()
            .next()
            .unwrap();
        runner.run(Effect::CorpusSearch {
            root: arts.clone(),
            ask: CorpusAsk::SameClaim {
                text: claim.text.clone(),
                path: claim.path.clone(),
            },
        });
        let Some(Msg::CorpusResults(_, Ok(hits))) = runner.next(true) else {
            panic!("no same-claim view");
        };
        assert_eq!(hits.len(), 4, "{hits:?}");
        assert!(
            hits.windows(2).all(|w| w[0].date <= w[1].date),
            "oldest first"
        );
    }

    #[test]
    fn the_scan_is_followed_by_each_articles_saved_annotation_count() {
        use gloss_core::annotation::{ArticleRecord, Origin};
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        // Two articles of one name in two folders: only the one annotated is counted.
        for sub in ["a", "b"] {
            std::fs::create_dir_all(arts.join(sub)).unwrap();
            std::fs::write(
                arts.join(sub).join("same.txt"),
                "2024-02-01\n\nTitel\n\nOlaf Scholz besuchte Paris.\n",
            )
            .unwrap();
        }
        std::fs::write(arts.join("other.txt"), "Text.\n").unwrap();
        let data = d.path().join("data");
        let cfg = Config::default_config();
        let annotated = arts.join("b").join("same.txt");
        {
            let mut runner = Runner::new(&cfg, &data);
            runner.start(&arts);
            let store = runner.store.clone().unwrap();
            let body = "Olaf Scholz besuchte Paris.";
            let anns = (0..3)
                .map(|i| Annotation::new(body, Kind::Entity, "PER", i, i + 4, Origin::Manual))
                .collect();
            store
                .save(&ArticleRecord {
                    path: annotated.clone(),
                    title: "Titel".into(),
                    sha256: gloss_core::annotation::file::sha256_hex(body),
                    annotations: anns,
                })
                .unwrap();
        }
        let mut runner = Runner::new(&cfg, &data);
        runner.start(&arts);
        let mut counts = None;
        for _ in 0..100 {
            match runner.next(true) {
                Some(Msg::Annotated(c)) => {
                    counts = Some(c);
                    break;
                }
                Some(_) => {}
                None => break,
            }
        }
        let counts = counts.expect("the counts arrive after the scan");
        assert_eq!(counts.len(), 1, "{counts:?}");
        assert_eq!(counts.get(&annotated), Some(&3));
    }

    /// One `Msg::Metas`.
    type Batch = Vec<(PathBuf, Result<Meta, String>)>;

    /// Every batch of metadata the runner sends for opening `arts` (a whole list the index
    /// listed counts as one), until all metadata is in.
    fn metas_of_opening(data: &Path, arts: &Path) -> (App, Vec<Batch>) {
        let (app, batches, _) = lists_of_opening(data, arts);
        (app, batches)
    }

    /// [`metas_of_opening`], and how many of the batches were whole lists.
    fn lists_of_opening(data: &Path, arts: &Path) -> (App, Vec<Batch>, usize) {
        let cfg = Config::default_config();
        let mut app = App::new(cfg.clone(), arts.to_path_buf(), false);
        update(&mut app, Msg::Resize(100, 30));
        let mut runner = Runner::new(&cfg, data);
        runner.start(arts);
        let mut batches = Vec::new();
        let mut lists = 0;
        while let Some(m) = runner.next(true) {
            match &m {
                Msg::Metas(b) => batches.push(b.clone()),
                Msg::Listed(items, _) => {
                    lists += 1;
                    batches.push(
                        items
                            .iter()
                            .map(|(p, m)| (p.clone(), Ok(m.clone())))
                            .collect(),
                    );
                }
                _ => {}
            }
            for fx in update(&mut app, m) {
                runner.run(fx);
            }
        }
        (app, batches, lists)
    }

    /// Every `Msg::Opened` of opening `arts`: the path and how many annotations it came with.
    fn opened_in_opening(data: &Path, arts: &Path) -> (App, Vec<(PathBuf, usize)>) {
        let cfg = Config::default_config();
        let mut app = App::new(cfg.clone(), arts.to_path_buf(), false);
        update(&mut app, Msg::Resize(100, 30));
        let mut runner = Runner::new(&cfg, data);
        runner.start(arts);
        let mut opened = Vec::new();
        while let Some(m) = runner.next(true) {
            if let Msg::Opened(o) = &m {
                opened.push((o.article.path.clone(), o.anns.len()));
            }
            for fx in update(&mut app, m) {
                runner.run(fx);
            }
        }
        (app, opened)
    }

    /// An index holding the rows of every article under `arts` and no packed list.
    fn rows_only(data: &Path, arts: &Path) {
        let mut ix = Index::open(data);
        let cache = std::sync::RwLock::new(MetaCache::open(&ix, arts));
        for f in article::scan(arts).files {
            gloss_index::meta::load_meta_cached(&cache, &f).unwrap();
        }
        cache.into_inner().unwrap().save(&mut ix).unwrap();
        assert!(ix.packed_list(arts).is_none());
    }

    #[test]
    fn the_scans_guess_is_analysed_only_when_the_index_has_not_chosen_another() {
        let d = tempfile::tempdir().unwrap();
        let text = "Olaf Scholz besuchte Paris, sagte er. Angela Merkel war in Berlin.";
        let folder = |name: &str, dated: &str, undated: &str| {
            let arts = d.path().join(name);
            std::fs::create_dir_all(&arts).unwrap();
            // The scan guesses the one dated name; the headers give the real dates.
            let guess = arts.join("2024-02-01-dated.txt");
            let other = arts.join("b.txt");
            std::fs::write(&guess, format!("{dated}\n\nEins\n\n{text}\n")).unwrap();
            std::fs::write(&other, format!("{undated}\n\nZwei\n\n{text}\n")).unwrap();
            (arts, guess, other)
        };
        let data = d.path().join("data");
        let shown = |app: &App| {
            let doc = app.doc.as_ref().unwrap();
            (doc.path.clone(), !doc.anns.is_empty())
        };
        // A wrong guess: `b.txt` is the newest.
        let (arts, guess, newest) = folder("wrong", "2024-02-01", "2024-03-01");
        // Never opened: the newest ends up shown with its suggestions (whether the guess
        // was analysed meanwhile depends on which finishes first).
        let (app, _) = opened_in_opening(&data, &arts);
        assert_eq!(shown(&app), (newest.clone(), true));
        // Opened before: the index lists the folder whole, so the guess is not even read.
        let (app, opened) = opened_in_opening(&data, &arts);
        assert_eq!(opened.len(), 1, "{opened:?}");
        assert_eq!(opened[0].0, newest, "{opened:?}");
        assert!(opened[0].1 > 0, "{opened:?}");
        assert_eq!(shown(&app), (newest.clone(), true));
        // Opened before by a gloss that kept only the rows (no packed list of the folder):
        // the index says which is newest, so the guess is never analysed.
        let rows = d.path().join("rows");
        rows_only(&rows, &arts);
        let (app, mut opened) = opened_in_opening(&rows, &arts);
        opened.sort();
        assert_eq!(opened.len(), 2, "{opened:?}");
        assert_eq!(opened[0], (guess, 0), "{opened:?}");
        assert_eq!(opened[1].0, newest, "{opened:?}");
        assert!(opened[1].1 > 0, "{opened:?}");
        assert_eq!(shown(&app), (newest, true));
        // A right guess is analysed, once, whether the folder was opened before or not.
        let (arts, guess, _) = folder("right", "2024-03-01", "2024-02-01");
        for _ in 0..2 {
            let (app, opened) = opened_in_opening(&data, &arts);
            assert_eq!(opened.len(), 1, "{opened:?}");
            assert_eq!(opened[0].0, guess, "{opened:?}");
            assert!(opened[0].1 > 0, "{opened:?}");
            assert_eq!(shown(&app), (guess.clone(), true));
        }
    }

    #[test]
    fn the_open_gate_lets_through_on_release_and_turns_away_the_superseded() {
        let gate = Arc::new(OpenGate::default());
        gate.set(true, Some(1));
        let g = Arc::clone(&gate);
        let first = std::thread::spawn(move || g.wait(1));
        gate.set(true, Some(2));
        assert!(!first.join().unwrap(), "a later open turns the first away");
        let g = Arc::clone(&gate);
        let second = std::thread::spawn(move || g.wait(2));
        gate.set(false, None);
        assert!(
            second.join().unwrap(),
            "released: the wanted article goes on"
        );
        assert!(gate.wait(2), "no wait once released");
    }

    #[test]
    fn metadata_the_index_holds_comes_in_one_batch_and_changes_are_read_again() {
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        let write = |name: &str, date: &str, title: &str| {
            std::fs::write(
                arts.join(name),
                format!("{date}\n\n{title}\n\nOlaf Scholz besuchte Paris.\n"),
            )
            .unwrap();
        };
        for i in 0..600 {
            write(&format!("a{i:03}.txt"), "2024-02-01", &format!("Titel {i}"));
        }
        let data = d.path().join("data");
        let (_, first) = metas_of_opening(&data, &arts);
        assert!(first.len() > 1, "a folder never opened is read in batches");
        assert_eq!(first.iter().map(Vec::len).sum::<usize>(), 600);
        // Opened again: everything from the index, in one batch.
        let (app, again) = metas_of_opening(&data, &arts);
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].len(), 600);
        assert_eq!(app.library.items.len(), 600);
        // One changed (its size too), one deleted, one added: the cached rest in one
        // batch, then the two read from their files.
        write("a005.txt", "2024-03-01", "Neuer Titel fünf, länger");
        std::fs::remove_file(arts.join("a006.txt")).unwrap();
        write("b000.txt", "2024-01-01", "Hinzugefügt");
        let (app, third) = metas_of_opening(&data, &arts);
        assert_eq!(
            third.len(),
            2,
            "{:?}",
            third.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!(third[0].len(), 598);
        let mut read: Vec<(PathBuf, String)> = third[1]
            .iter()
            .map(|(p, m)| (p.clone(), m.as_ref().unwrap().title.clone()))
            .collect();
        read.sort();
        assert_eq!(
            read,
            vec![
                (
                    arts.join("a005.txt"),
                    "Neuer Titel fünf, länger".to_string()
                ),
                (arts.join("b000.txt"), "Hinzugefügt".to_string()),
            ]
        );
        let items = &app.library.items;
        assert_eq!(items.len(), 600);
        assert_eq!(items[0].0, arts.join("a005.txt"), "newest first");
        assert_eq!(items[0].1.title, "Neuer Titel fünf, länger");
        assert_eq!(items[599].0, arts.join("b000.txt"));
        assert!(!items.iter().any(|(p, _)| p.ends_with("a006.txt")));
        assert!(items.iter().all(|(_, m)| !m.title.is_empty()));
        // And the changes were written back: a fourth opening reads no file.
        let (_, fourth) = metas_of_opening(&data, &arts);
        assert_eq!(fourth.len(), 1);
        assert_eq!(fourth[0].len(), 600);
    }

    #[test]
    fn a_folder_as_the_index_listed_it_comes_whole_and_every_change_is_seen() {
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        std::fs::create_dir_all(arts.join("sub")).unwrap();
        let write = |name: &str, date: &str, title: &str| {
            let p = arts.join(name);
            std::fs::write(
                &p,
                format!("{date}\n\n{title}\n\nOlaf Scholz besuchte Paris.\n"),
            )
            .unwrap();
            p
        };
        for i in 0..40 {
            let day = 1 + i % 5;
            write(
                &format!("a{i:02}.txt"),
                &format!("2024-02-0{day}"),
                &format!("Titel {i}"),
            );
        }
        write("sub/b.md", "2024-03-01", "Unten");
        let data = d.path().join("data");
        let items = |app: &App| app.library.items.clone();
        // Never opened, then as it was: the whole list at once, the same.
        let (cold, _, lists) = lists_of_opening(&data, &arts);
        assert_eq!((lists, cold.library.items.len()), (0, 41));
        let (warm, batches, lists) = lists_of_opening(&data, &arts);
        assert_eq!((lists, batches.len()), (1, 1));
        assert_eq!(items(&warm), items(&cold));
        assert_eq!(warm.doc.as_ref().unwrap().path, cold.library.items[0].0);
        assert_eq!(cold.doc.as_ref().unwrap().path, cold.library.items[0].0);
        let set_time = |p: &Path, t: std::time::SystemTime| {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(t)
                .unwrap();
        };
        let time_of = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
        // Each change is seen: the same size at another time, another size at the same
        // time, a file deleted, one added, one in a subfolder.
        let a03 = arts.join("a03.txt");
        let was = time_of(&a03);
        write("a03.txt", "2024-02-04", "Titel X");
        set_time(&a03, was + std::time::Duration::from_secs(1));
        let a05 = arts.join("a05.txt");
        let was = time_of(&a05);
        write("a05.txt", "2024-02-01", "Titel fünf, neu und länger");
        set_time(&a05, was);
        for what in ["changed", "deleted", "added", "below"] {
            match what {
                "deleted" => std::fs::remove_file(arts.join("a07.txt")).unwrap(),
                "added" => drop(write("a99.txt", "2024-04-01", "Ganz neu")),
                "below" => drop(write("sub/c.txt", "2023-01-01", "Alt")),
                _ => {}
            }
            let (again, _, lists) = lists_of_opening(&data, &arts);
            assert_eq!(lists, 0, "{what}: read again");
            let mut want: Vec<(PathBuf, Meta)> = article::scan(&arts)
                .files
                .into_iter()
                .map(|f| {
                    let m = article::load_meta(&f).unwrap();
                    (f, m)
                })
                .collect();
            article::sort_newest_first(&mut want);
            assert_eq!(items(&again), want, "{what}");
            // And listed whole again the next time.
            let (next, _, lists) = lists_of_opening(&data, &arts);
            assert_eq!(lists, 1, "{what}: listed whole");
            assert_eq!(items(&next), want, "{what}");
        }
        let titles: Vec<String> = items(&cold_after(&data, &arts))
            .into_iter()
            .map(|(_, m)| m.title)
            .collect();
        assert!(titles.contains(&"Titel X".to_string()));
        assert!(titles.contains(&"Titel fünf, neu und länger".to_string()));
        assert!(!titles.contains(&"Titel 3".to_string()));
    }

    /// The app after opening `arts` (with whatever the index holds).
    fn cold_after(data: &Path, arts: &Path) -> App {
        metas_of_opening(data, arts).0
    }

    #[test]
    fn a_headless_runner_does_not_index() {
        let d = tempfile::tempdir().unwrap();
        let arts = d.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        std::fs::write(arts.join("a.txt"), "2024-02-01\n\nTitel\n\nText hier.\n").unwrap();
        let data = d.path().join("data");
        let (_app, mut runner) =
            crate::headless::start(&Config::default_config(), &data, &arts, 80, 24);
        assert!(runner.next(false).is_none());
        let ix = Index::open(&data);
        // Metadata rows only: nothing searchable.
        assert_eq!(ix.len().unwrap(), 1);
        assert!(
            ix.search(&gloss_index::canonical(&arts), "Text", 10)
                .unwrap()
                .is_empty()
        );
    }
}
