//! The library: the articles of the folder opened, as the scan and the metadata batches
//! fill it in, kept newest first, with the list's selection and scroll, and the rows the
//! list shows: filtered (title words, `lang:`, `section:`, `is:`) and sorted (date, title,
//! number of annotations) on the metadata already in memory, so a list of 100,000
//! articles filters as fast as it is typed and drawing reads no file.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use gloss_core::article::{Meta, Scan};
use gloss_core::text::Lang;

use super::{App, InputFor, InputOutcome, Overlay, TextInput};

/// Metadata in before the first re-sort: enough to fill the first screen in order.
const FIRST_SORT_AT: usize = 512;

/// The order of the list's rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListSort {
    /// Newest first (undated last).
    #[default]
    Date,
    /// By title, A to Z (case and diacritics ignored).
    Title,
    /// Most saved annotations first, then newest first.
    Annotations,
}

impl ListSort {
    /// The next order `O` cycles to.
    pub fn next(self) -> ListSort {
        match self {
            ListSort::Date => ListSort::Title,
            ListSort::Title => ListSort::Annotations,
            ListSort::Annotations => ListSort::Date,
        }
    }

    /// How the list's title names it.
    pub fn describe(self) -> &'static str {
        match self {
            ListSort::Date => "newest first",
            ListSort::Title => "by title",
            ListSort::Annotations => "most annotated",
        }
    }
}

/// Which articles an `is:` word keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Which {
    /// Every article.
    #[default]
    All,
    /// Those with saved annotations.
    Annotated,
    /// Those without.
    NotAnnotated,
    /// Those never opened.
    Unread,
    /// Those opened before.
    Read,
}

impl Which {
    /// The word in the filter (`is:annotated`), none for all.
    pub fn word(self) -> Option<&'static str> {
        match self {
            Which::All => None,
            Which::Annotated => Some("is:annotated"),
            Which::NotAnnotated => Some("not:annotated"),
            Which::Unread => Some("is:unread"),
            Which::Read => Some("is:read"),
        }
    }

    /// The next one `F` cycles to (read is reached by typing it).
    pub fn next(self) -> Which {
        match self {
            Which::All => Which::Annotated,
            Which::Annotated => Which::NotAnnotated,
            Which::NotAnnotated => Which::Unread,
            Which::Unread | Which::Read => Which::All,
        }
    }

    fn from_word(w: &str) -> Option<Which> {
        Some(match w {
            "is:annotated" | "has:annotations" => Which::Annotated,
            "not:annotated" | "is:unannotated" | "-is:annotated" => Which::NotAnnotated,
            "is:unread" | "is:new" | "not:read" | "-is:read" => Which::Unread,
            "is:read" => Which::Read,
            _ => return None,
        })
    }
}

/// The list's filter, parsed from what was typed after `/` (or set by `F` and `L`): words
/// that must all be in the title, and `lang:CODE`, `section:WORD`, `is:annotated`,
/// `not:annotated`, `is:unread`, `is:read`. Case and diacritics do not matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// The filter as typed.
    pub query: String,
    /// Folded words the title must contain.
    words: Vec<String>,
    /// The language kept.
    lang: Option<Lang>,
    /// A folded word the section must contain.
    section: Option<String>,
    /// Read, annotated or not.
    which: Which,
    /// A word that no article can match (an unknown `lang:`).
    impossible: bool,
}

impl ListFilter {
    /// The filter of `query`. An unknown `lang:` keeps nothing, as a search for a word no
    /// title has would.
    pub fn parse(query: &str) -> ListFilter {
        let mut f = ListFilter {
            query: query.trim().to_string(),
            ..ListFilter::default()
        };
        for word in query.split_whitespace() {
            let low = word.to_lowercase();
            if let Some(w) = Which::from_word(&low) {
                f.which = w;
            } else if let Some(code) = low.strip_prefix("lang:") {
                f.lang = Some(match code {
                    "de" => Lang::De,
                    "en" => Lang::En,
                    // No article is in it: shown as "0 of N", not silently ignored.
                    _ => {
                        f.impossible = true;
                        continue;
                    }
                });
            } else if let Some(sec) = low.strip_prefix("section:").filter(|s| !s.is_empty()) {
                f.section = Some(fold(sec));
            } else {
                f.words.push(fold(word));
            }
        }
        f
    }

    /// Whether it keeps every article.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.lang.is_none()
            && self.section.is_none()
            && self.which == Which::All
            && !self.impossible
    }

    /// Which articles `is:` keeps.
    pub fn which(&self) -> Which {
        self.which
    }

    /// The language kept, if one is.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// The query with its word starting with one of `prefixes` replaced by `word` (or
    /// removed, for `None`): how `F` and `L` change the filter the user can read and edit.
    pub fn with_word(&self, prefixes: &[&str], word: Option<&str>) -> String {
        let mut words: Vec<&str> = self
            .query
            .split_whitespace()
            .filter(|w| {
                let low = w.to_lowercase();
                !prefixes.iter().any(|p| low.starts_with(p))
            })
            .collect();
        words.extend(word);
        words.join(" ")
    }
}

/// Whether an item's metadata is in (a parsed title is never empty): read from the row
/// itself, so a filter on 100,000 rows hashes no path.
fn loaded(meta: &Meta) -> bool {
    !meta.title.is_empty()
}

/// Text for matching: lower case, diacritics dropped (`Ärzte` → `arzte`, `café` → `cafe`),
/// `ß` as `ss`, so a filter typed on any keyboard finds the title.
pub fn fold(s: &str) -> String {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    // Char by char: 100,000 titles fold in a few milliseconds, where normalising whole
    // strings took a good part of a second. The marks dropped, their order (the one thing
    // NFD of the whole string adds) does not matter.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    if l == 'ß' {
                        out.push_str("ss");
                    } else {
                        out.push(l);
                    }
                }
            }
        });
    }
    out
}

/// The article list and what is known of it.
#[derive(Debug, Default)]
pub struct Library {
    /// The articles, newest first once metadata is in (title empty until loaded).
    pub items: Vec<(PathBuf, Meta)>,
    /// Path (its bytes: hashing a `Path` walks its components, a seventh of opening a
    /// folder seen before) → row in `items`; empty when `items` was reordered since
    /// (rebuilt on demand).
    index: HashMap<OsString, usize>,
    /// The list is re-sorted when this many files' metadata is in (see [`Library::add_metas`]).
    next_sort_at: usize,
    /// Selected row (of the rows shown, [`Library::view`]).
    pub sel: usize,
    /// First visible row.
    pub top: usize,
    /// Files to read metadata of.
    pub meta_total: usize,
    /// Files whose metadata has been read.
    pub meta_done: usize,
    /// The scan has finished.
    pub scanned: bool,
    /// Files skipped by the scan or load, with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// The rows shown: indices into `items`, filtered and in the list's order; `None`
    /// when they are all of `items` in order (no filter, newest first).
    view: Option<Vec<usize>>,
    /// The folded title of each item (see [`fold`]), in `items`' order; empty when it
    /// must be made again.
    folded: Vec<String>,
    /// Every item's index in title order (by `folded`), made once for the title sorts
    /// that follow; empty when it must be made again.
    title_order: Vec<usize>,
    /// Each item's saved-annotation count and whether it was read, in `items`' order, for
    /// the `is:` words and the annotation order (no path hashed per row and key); empty
    /// when it must be made again.
    flags: Vec<(usize, bool)>,
    /// The filter.
    pub filter: ListFilter,
    /// The order.
    pub sort: ListSort,
    /// Saved annotations per article (articles without any are not in it).
    pub annotated: HashMap<PathBuf, usize>,
    /// Articles opened before (they have a reading position) or in this session.
    pub read: HashSet<PathBuf>,
}

impl Library {
    /// Whether metadata is still being read.
    pub fn loading(&self) -> bool {
        !self.scanned || self.meta_done < self.meta_total
    }

    /// The number of rows shown (the articles the filter keeps).
    pub fn len(&self) -> usize {
        self.view.as_ref().map_or(self.items.len(), Vec::len)
    }

    /// Whether no row is shown.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i` of the list shown.
    pub fn row(&self, i: usize) -> Option<&(PathBuf, Meta)> {
        match &self.view {
            None => self.items.get(i),
            Some(v) => v.get(i).and_then(|&j| self.items.get(j)),
        }
    }

    /// The path of the selected row.
    pub fn selected(&self) -> Option<&Path> {
        self.row(self.sel).map(|(p, _)| p.as_path())
    }

    /// The row of `path` in the list shown.
    pub fn position(&self, path: &Path) -> Option<usize> {
        match &self.view {
            None => self.items.iter().position(|(p, _)| p == path),
            Some(v) => v
                .iter()
                .position(|&j| self.items.get(j).is_some_and(|(p, _)| p == path)),
        }
    }

    /// The index in `items` of the selected row.
    fn selected_item(&self) -> Option<usize> {
        match &self.view {
            None => (self.sel < self.items.len()).then_some(self.sel),
            Some(v) => v.get(self.sel).copied(),
        }
    }

    /// The row showing item `i`.
    fn row_of_item(&self, i: usize) -> Option<usize> {
        match &self.view {
            None => (i < self.items.len()).then_some(i),
            Some(v) => v.iter().position(|&j| j == i),
        }
    }

    /// Selects the row of `path`, when it is shown.
    pub fn select(&mut self, path: &Path) {
        if let Some(i) = self.position(path) {
            self.sel = i;
        }
    }

    /// Whether the rows shown are all the articles, newest first.
    pub fn is_plain(&self) -> bool {
        self.filter.is_empty() && self.sort == ListSort::Date
    }

    /// Sets the filter (as typed) and shows the rows it keeps, the selection staying on its
    /// article when it is still shown and going to the first row when not.
    pub fn set_filter(&mut self, query: &str) {
        let f = ListFilter::parse(query);
        if f != self.filter {
            self.filter = f;
            let was = self.selected_item();
            self.rebuild_view(false, was);
        }
    }

    /// Sets the order of the rows, the selection staying on its article.
    pub fn set_sort(&mut self, sort: ListSort) {
        if sort != self.sort {
            self.sort = sort;
            let was = self.selected_item();
            self.rebuild_view(true, was);
        }
    }

    /// Takes in the saved-annotation counts of the folder's articles.
    pub fn set_annotated(&mut self, counts: HashMap<PathBuf, usize>) {
        self.annotated = counts;
        self.flags.clear();
        if !self.is_plain() {
            let was = self.selected_item();
            self.rebuild_view(true, was);
        }
    }

    /// An article now has `n` saved annotations. The rows are not re-filtered: the one
    /// being worked on must not vanish from under the cursor.
    pub fn set_count(&mut self, path: &Path, n: usize) {
        self.flags.clear();
        if n == 0 {
            self.annotated.remove(path);
        } else {
            self.annotated.insert(path.to_path_buf(), n);
        }
    }

    /// `path` is read from now on (the rows are not re-filtered, as with [`Library::set_count`]).
    pub fn mark_read(&mut self, path: &Path) {
        if self.read.insert(path.to_path_buf()) {
            self.flags.clear();
        }
    }

    /// The saved annotations of an article.
    pub fn count(&self, path: &Path) -> usize {
        self.annotated.get(path).copied().unwrap_or(0)
    }

    /// Takes in the articles opened before (those with a reading position).
    pub fn set_read(&mut self, read: impl IntoIterator<Item = PathBuf>) {
        self.read.extend(read);
        self.flags.clear();
        if self.filter.which() != Which::All {
            let was = self.selected_item();
            self.rebuild_view(true, was);
        }
    }

    /// The languages of the articles whose metadata is in, in a stable order.
    pub fn languages(&self) -> Vec<Lang> {
        let mut out = Vec::new();
        for lang in [Lang::De, Lang::En] {
            if self.items.iter().any(|(_, m)| m.lang == lang && loaded(m)) {
                out.push(lang);
            }
        }
        out
    }

    /// Whether a row's metadata is in (its title is dimmed until then).
    pub fn meta_loaded(meta: &Meta) -> bool {
        loaded(meta)
    }

    /// The title a row shows and the filter reads: the file's stem until metadata is in.
    pub fn title_of<'a>(path: &'a Path, meta: &'a Meta) -> std::borrow::Cow<'a, str> {
        if meta.title.is_empty() {
            path.file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default()
        } else {
            std::borrow::Cow::Borrowed(meta.title.as_str())
        }
    }

    fn keeps(&self, i: usize) -> bool {
        let f = &self.filter;
        if f.impossible {
            return false;
        }
        let Some((path, meta)) = self.items.get(i) else {
            return false;
        };
        let (count, read) = self.flags.get(i).copied().unwrap_or_else(|| {
            (
                self.annotated.get(path).copied().unwrap_or(0),
                self.read.contains(path),
            )
        });
        let ok = match f.which {
            Which::All => true,
            Which::Annotated => count > 0,
            Which::NotAnnotated => count == 0,
            Which::Unread => !read,
            Which::Read => read,
        };
        if !ok {
            return false;
        }
        if (f.lang.is_some() || f.section.is_some()) && !loaded(meta) {
            return false;
        }
        if f.lang.is_some_and(|l| l != meta.lang) {
            return false;
        }
        if let Some(sec) = &f.section
            && !meta
                .section
                .as_deref()
                .is_some_and(|s| fold(s).contains(sec.as_str()))
        {
            return false;
        }
        let title = self.folded.get(i).map_or("", String::as_str);
        f.words.iter().all(|w| title.contains(w.as_str()))
    }

    /// Makes the rows shown again from `items`, the filter and the order. With `keep`, the
    /// selection follows its article; else (a new filter) it goes to the first row unless
    /// its article is still shown.
    /// `was` is the selected item (an index into `items`, which must not have moved since),
    /// found again by index: comparing 100,000 paths in a shuffled order cost more than
    /// the filter.
    fn rebuild_view(&mut self, keep: bool, was: Option<usize>) {
        if self.is_plain() {
            self.view = None;
        } else {
            // Folded once for every filter and sort that follow, until the rows move.
            if self.folded.len() != self.items.len() {
                self.folded = self
                    .items
                    .iter()
                    .map(|(p, m)| fold(&Library::title_of(p, m)))
                    .collect();
            }
            if (self.filter.which != Which::All || self.sort == ListSort::Annotations)
                && self.flags.len() != self.items.len()
            {
                self.flags = self
                    .items
                    .iter()
                    .map(|(p, _)| {
                        (
                            self.annotated.get(p).copied().unwrap_or(0),
                            self.read.contains(p),
                        )
                    })
                    .collect();
            }
            let mut view: Vec<usize> = if self.filter.is_empty() {
                (0..self.items.len()).collect()
            } else {
                (0..self.items.len()).filter(|&i| self.keeps(i)).collect()
            };
            match self.sort {
                ListSort::Date => {}
                // Stable sorts: ties stay newest first.
                // The title order is made once and then only filtered: `O` and each
                // filter key cost one pass, not a sort of 100,000 strings.
                ListSort::Title => {
                    if self.title_order.len() != self.items.len() {
                        let folded = &self.folded;
                        let mut order: Vec<usize> = (0..self.items.len()).collect();
                        order.sort_unstable_by(|&a, &b| folded[a].cmp(&folded[b]).then(a.cmp(&b)));
                        self.title_order = order;
                    }
                    view = if self.filter.is_empty() {
                        self.title_order.clone()
                    } else {
                        self.title_order
                            .iter()
                            .copied()
                            .filter(|&i| self.keeps(i))
                            .collect()
                    };
                }
                ListSort::Annotations => {
                    let flags = &self.flags;
                    view.sort_by_key(|&i| std::cmp::Reverse(flags.get(i).map_or(0, |&(n, _)| n)));
                }
            }
            self.view = Some(view);
        }
        let len = self.len();
        self.sel = match was.and_then(|i| self.row_of_item(i)) {
            Some(i) => i,
            None if keep => self.sel.min(len.saturating_sub(1)),
            None => 0,
        };
    }

    /// Takes in the scan: every file, ordered by the dates in their names until metadata
    /// arrives. Returns the files, newest first, whose metadata is to be read.
    pub fn scanned(&mut self, scan: Scan) -> Vec<PathBuf> {
        self.scanned = true;
        self.items = scan
            .files
            .into_iter()
            .map(|p| {
                let meta = Meta {
                    date: gloss_core::article::date_from_file_name(&p),
                    ..Meta::default()
                };
                (p, meta)
            })
            .collect();
        gloss_core::article::sort_newest_first(&mut self.items);
        self.index.clear();
        self.folded.clear();
        self.title_order.clear();
        self.flags.clear();
        self.rebuild_view(true, None);
        self.next_sort_at = FIRST_SORT_AT;
        let files: Vec<PathBuf> = self.items.iter().map(|(p, _)| p.clone()).collect();
        self.meta_total = files.len();
        self.meta_done = 0;
        self.skipped.extend(scan.skipped);
        files
    }

    /// Takes in a whole list at once (a folder the index listed as it is): `items` with
    /// their metadata, newest first, and what the scan skipped. No metadata is left to
    /// read.
    pub fn listed(&mut self, items: Vec<(PathBuf, Meta)>, skipped: Vec<(PathBuf, String)>) {
        self.scanned = true;
        self.items = items;
        self.index.clear();
        self.folded.clear();
        self.title_order.clear();
        self.flags.clear();
        self.rebuild_view(true, None);
        self.meta_total = self.items.len();
        self.meta_done = self.items.len();
        self.next_sort_at = (self.meta_done * 2).max(FIRST_SORT_AT);
        self.skipped.extend(skipped);
    }

    /// Takes in a batch of metadata: fills in the rows, drops the files that could not be
    /// read (unless `single`: the one article stays listed) and re-sorts now and then, the
    /// selection staying on its article. Returns whether a file was newly skipped.
    pub fn add_metas(&mut self, batch: Vec<(PathBuf, Result<Meta, String>)>, single: bool) -> bool {
        self.meta_done += batch.len();
        let had_skips = self.skipped.len();
        let mut failed = HashSet::new();
        // Rows arrive in the list's order (the index's batch does, and a reader's batch
        // mostly does): each is looked for at the row after the last one found before the
        // path map is asked (a tenth of opening a folder seen before).
        let mut next = 0;
        for (path, res) in batch {
            match res {
                Ok(m) => {
                    let at = if self.items.get(next).is_some_and(|(p, _)| *p == path) {
                        Some(next)
                    } else {
                        self.row_of_path(&path)
                    };
                    if let Some(i) = at {
                        next = i + 1;
                        if let Some(f) = self.folded.get_mut(i) {
                            *f = fold(&Library::title_of(&path, &m));
                            self.title_order.clear();
                            self.flags.clear();
                        }
                        self.items[i].1 = m;
                    }
                }
                Err(why) => {
                    failed.insert(path.clone());
                    self.skip(path, why);
                }
            }
        }
        // The selected article, found again after the rows move.
        let keep = self.selected().map(Path::to_path_buf);
        let mut reordered = false;
        if !failed.is_empty() && !single {
            self.items.retain(|(p, _)| !failed.contains(p));
            reordered = true;
        }
        // Sorting costs O(n log n); doing it after every batch made a folder of 100,000
        // articles quadratic. Sorting each time the loaded count doubles keeps the top of
        // the list in order early and the total cost near one sort. The rows shown are
        // made again at the same times (a filter or order reads the new metadata then).
        if self.meta_done >= self.next_sort_at || self.meta_done >= self.meta_total {
            gloss_core::article::sort_newest_first(&mut self.items);
            self.next_sort_at = (self.meta_done * 2).max(FIRST_SORT_AT);
            reordered = true;
        }
        if reordered {
            self.index.clear();
            self.folded.clear();
            self.title_order.clear();
            self.flags.clear();
            // The items moved: the selection is found again by its path below.
            self.rebuild_view(true, None);
            if let Some(i) = keep.and_then(|k| self.position(&k)) {
                self.sel = i;
            }
        }
        self.skipped.len() > had_skips
    }

    /// The row of `path` in `items`, through the path map (made again after rows moved).
    fn row_of_path(&mut self, path: &Path) -> Option<usize> {
        if self.index.is_empty() {
            self.index = self
                .items
                .iter()
                .enumerate()
                .map(|(i, (p, _))| (p.as_os_str().to_owned(), i))
                .collect();
        }
        self.index.get(path.as_os_str()).copied()
    }

    /// Records that `path` was skipped and why (once per file).
    pub fn skip(&mut self, path: PathBuf, why: String) {
        if !self.skipped.iter().any(|(p, _)| *p == path) {
            self.skipped.push((path, why));
        }
    }

    /// The full parse of an opened article is the truth; it also fills in a title the
    /// list may lack.
    pub fn opened(&mut self, path: &Path, meta: Meta) {
        if let Some(i) = self.items.iter().position(|(p, _)| p == path) {
            if let Some(f) = self.folded.get_mut(i) {
                *f = fold(&Library::title_of(path, &meta));
                self.title_order.clear();
                self.flags.clear();
            }
            self.items[i].1 = meta;
        }
    }

    /// Keeps the selection in range and on screen in a list of `h` rows.
    pub fn keep_visible(&mut self, h: usize) {
        let n = self.len();
        self.sel = self.sel.min(n.saturating_sub(1));
        // A hidden list (h = 0) keeps its scroll for when it shows again.
        if h > 0 {
            self.top = super::keep_visible(self.top, self.sel, h).min(n.saturating_sub(h));
        }
    }

    /// The status bar's summary of skipped files, sorted so the order results arrived in
    /// does not show; `None` when none was skipped.
    pub fn skipped_summary(&mut self) -> Option<String> {
        if self.skipped.is_empty() {
            return None;
        }
        self.skipped.sort();
        let n = self.skipped.len();
        let list: Vec<String> = self
            .skipped
            .iter()
            .take(3)
            .map(|(p, why)| {
                let name = p
                    .file_name()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default();
                format!("{name} ({why})")
            })
            .collect();
        let more = if n > 3 { ", …" } else { "" };
        let files = if n == 1 { "file" } else { "files" };
        Some(format!("{n} {files} skipped: {}{more}", list.join(", ")))
    }
}

/// What the list's title says of its rows: "12 of 340", the order when it is not the
/// default, and the filter as typed; just the count when every article is shown newest
/// first.
pub fn summary(lib: &Library) -> String {
    let mut parts = Vec::new();
    if lib.filter.is_empty() {
        parts.push(lib.items.len().to_string());
    } else {
        parts.push(format!("{} of {}", lib.len(), lib.items.len()));
    }
    if lib.sort != ListSort::Date {
        parts.push(lib.sort.describe().to_string());
    }
    if !lib.filter.is_empty() {
        parts.push(format!(
            "/{}",
            gloss_core::sanitize::for_display(&lib.filter.query)
        ));
    }
    parts.join(" · ")
}

/// `/` in the list: the filter prompt, with the filter in force to edit.
pub(super) fn open_filter(app: &mut App) {
    app.overlay = Overlay::Input {
        purpose: InputFor::ListFilter,
        input: TextInput::new(&app.library.filter.query, false),
    };
}

/// A key in the filter prompt: the rows follow what is typed; `Esc` clears the filter,
/// `Enter` keeps it.
pub(super) fn filter_typed(app: &mut App, input: TextInput, outcome: InputOutcome) {
    match outcome {
        InputOutcome::Continue => {
            app.library.set_filter(&input.text());
            app.overlay = Overlay::Input {
                purpose: InputFor::ListFilter,
                input,
            };
        }
        InputOutcome::Cancel => set_filter(app, ""),
        InputOutcome::Submit => set_filter(app, &input.text()),
    }
}

/// Sets the list's filter and says what it kept.
pub(super) fn set_filter(app: &mut App, query: &str) {
    app.library.set_filter(query);
    let lib = &app.library;
    if lib.filter.is_empty() {
        app.info(format!("filter cleared · {} articles", lib.items.len()));
    } else {
        let n = lib.len();
        let what = if lib.items.len() == 1 {
            "article"
        } else {
            "articles"
        };
        let text = format!("{n} of {} {what} · /{}", lib.items.len(), lib.filter.query);
        if n == 0 {
            app.error(format!("{text} · none matches"));
        } else {
            app.info(text);
        }
    }
}

/// `F`: all, annotated, not annotated, unread, in turn.
pub(super) fn cycle_which(app: &mut App) {
    let f = &app.library.filter;
    let next = f.which().next();
    let query = f.with_word(&["is:", "not:", "has:", "-is:"], next.word());
    set_filter(app, &query);
}

/// `L`: each language of the articles in turn, then all.
pub(super) fn cycle_lang(app: &mut App) {
    let langs = app.library.languages();
    let f = &app.library.filter;
    let next = match f.lang() {
        None => langs.first().copied(),
        Some(l) => langs
            .iter()
            .position(|x| *x == l)
            .and_then(|i| langs.get(i + 1))
            .copied(),
    };
    let word = next.map(|l| format!("lang:{}", l.code()));
    let query = f.with_word(&["lang:"], word.as_deref());
    set_filter(app, &query);
}

/// `O` in the list: newest first, by title, most annotated, in turn.
pub(super) fn cycle_sort(app: &mut App) {
    let next = app.library.sort.next();
    app.library.set_sort(next);
    app.info(format!("list sorted: {}", next.describe()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(date: &str, title: &str) -> Meta {
        Meta {
            date: date.parse().ok(),
            title: title.to_string(),
            ..Meta::default()
        }
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Ärzte in Zürich"), "arzte in zurich");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("CAFÉ Crème"), "cafe creme");
        assert_eq!(
            fold("Łódź"),
            "łodz",
            "a letter that is not a base + mark stays"
        );
        assert_eq!(fold("plain ascii"), "plain ascii");
    }

    #[test]
    fn metadata_resorts_and_the_selection_follows_its_article() {
        let mut lib = Library::default();
        let files = lib.scanned(Scan {
            files: vec!["a.txt".into(), "b.txt".into(), "c.txt".into()],
            skipped: Vec::new(),
        });
        assert_eq!(files.len(), 3);
        assert!(lib.loading());
        lib.sel = lib.position(Path::new("b.txt")).unwrap_or(0);
        let new_skip = lib.add_metas(
            vec![
                ("a.txt".into(), Ok(meta("2020-01-01", "A"))),
                ("b.txt".into(), Ok(meta("2025-01-01", "B"))),
                ("c.txt".into(), Err("unreadable".into())),
            ],
            false,
        );
        assert!(new_skip);
        assert!(!lib.loading());
        let order: Vec<_> = lib.items.iter().map(|(_, m)| m.title.clone()).collect();
        assert_eq!(
            order,
            ["B", "A"],
            "newest first, the unreadable file dropped"
        );
        assert_eq!(lib.selected(), Some(Path::new("b.txt")));
        assert_eq!(
            lib.skipped_summary().as_deref(),
            Some("1 file skipped: c.txt (unreadable)")
        );
    }
}
