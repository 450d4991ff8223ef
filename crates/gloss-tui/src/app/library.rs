//! The library: the articles of the folder opened, as the scan and the metadata batches
//! fill it in, kept newest first, with the list's selection and scroll.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use gloss_core::article::{Meta, Scan};

/// Metadata in before the first re-sort: enough to fill the first screen in order.
const FIRST_SORT_AT: usize = 512;

/// The article list and what is known of it.
#[derive(Debug, Default)]
pub struct Library {
    /// The articles, newest first once metadata is in (title empty until loaded).
    pub items: Vec<(PathBuf, Meta)>,
    /// Files whose metadata has arrived.
    pub meta_loaded: HashSet<PathBuf>,
    /// Path → row in `items`; empty when `items` was reordered since (rebuilt on demand).
    index: HashMap<PathBuf, usize>,
    /// The list is re-sorted when this many files' metadata is in (see [`Library::add_metas`]).
    next_sort_at: usize,
    /// Selected row.
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
}

impl Library {
    /// Whether metadata is still being read.
    pub fn loading(&self) -> bool {
        !self.scanned || self.meta_done < self.meta_total
    }

    /// The path of the selected row.
    pub fn selected(&self) -> Option<&Path> {
        self.items.get(self.sel).map(|(p, _)| p.as_path())
    }

    /// The row of `path`.
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.items.iter().position(|(p, _)| p == path)
    }

    /// Takes in the scan: every file, ordered by the dates in their names until metadata
    /// arrives. Returns the files, newest first, whose metadata is to be read.
    pub fn scanned(&mut self, scan: Scan) -> Vec<PathBuf> {
        self.scanned = true;
        self.items = scan
            .files
            .iter()
            .map(|p| {
                let meta = Meta {
                    date: gloss_core::article::date_from_file_name(p),
                    ..Meta::default()
                };
                (p.clone(), meta)
            })
            .collect();
        gloss_core::article::sort_newest_first(&mut self.items);
        self.index.clear();
        self.next_sort_at = FIRST_SORT_AT;
        let files: Vec<PathBuf> = self.items.iter().map(|(p, _)| p.clone()).collect();
        self.meta_total = files.len();
        self.meta_done = 0;
        self.skipped.extend(scan.skipped);
        files
    }

    /// Takes in a batch of metadata: fills in the rows, drops the files that could not be
    /// read (unless `single`: the one article stays listed) and re-sorts now and then, the
    /// selection staying on its article. Returns whether a file was newly skipped.
    pub fn add_metas(&mut self, batch: Vec<(PathBuf, Result<Meta, String>)>, single: bool) -> bool {
        self.meta_done += batch.len();
        let had_skips = self.skipped.len();
        if self.index.is_empty() {
            self.index = self
                .items
                .iter()
                .enumerate()
                .map(|(i, (p, _))| (p.clone(), i))
                .collect();
        }
        let mut failed = HashSet::new();
        for (path, res) in batch {
            match res {
                Ok(m) => {
                    if let Some(&i) = self.index.get(&path) {
                        self.items[i].1 = m;
                        self.meta_loaded.insert(path);
                    }
                }
                Err(why) => {
                    failed.insert(path.clone());
                    self.skip(path, why);
                }
            }
        }
        let keep = self.selected().map(Path::to_path_buf);
        let mut reordered = false;
        if !failed.is_empty() && !single {
            self.items.retain(|(p, _)| !failed.contains(p));
            reordered = true;
        }
        // Sorting costs O(n log n); doing it after every batch made a folder of 100,000
        // articles quadratic. Sorting each time the loaded count doubles keeps the top of
        // the list in order early and the total cost near one sort.
        if self.meta_done >= self.next_sort_at || self.meta_done >= self.meta_total {
            gloss_core::article::sort_newest_first(&mut self.items);
            self.next_sort_at = (self.meta_done * 2).max(FIRST_SORT_AT);
            reordered = true;
        }
        if reordered {
            self.index.clear();
            if let Some(i) = keep.and_then(|k| self.position(&k)) {
                self.sel = i;
            }
        }
        self.skipped.len() > had_skips
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
        if let Some(i) = self.position(path) {
            self.items[i].1 = meta;
            self.meta_loaded.insert(path.to_path_buf());
        }
    }

    /// Keeps the selection in range and on screen in a list of `h` rows.
    pub fn keep_visible(&mut self, h: usize) {
        self.sel = self.sel.min(self.items.len().saturating_sub(1));
        // A hidden list (h = 0) keeps its scroll for when it shows again.
        if h > 0 {
            self.top =
                super::keep_visible(self.top, self.sel, h).min(self.items.len().saturating_sub(h));
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
