//! The article in the reader: its text, layout rows, annotations, cursor, selection, panel
//! rows and undo history. Plain data plus queries; the rules of change live in `app`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use gloss_core::annotation::{Annotation, ArticleRecord, Kind, Origin, Status};
use gloss_core::article::Meta;
use gloss_core::text::Body;

use super::wrap::{self, Row};

/// Which annotations the side panel lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Filter {
    /// Everything.
    #[default]
    All,
    /// Untouched suggestions.
    Suggested,
    /// Accepted ones.
    Accepted,
    /// Rejected ones.
    Rejected,
    /// Marked by hand.
    Manual,
    /// Found again with changed wording (`changed_from`).
    Changed,
    /// Not found again after the article changed.
    Orphaned,
    /// Those with one tag.
    Tag(String),
}

impl Filter {
    /// Whether `a` passes.
    pub fn keeps(&self, a: &Annotation) -> bool {
        match self {
            Filter::All => true,
            Filter::Suggested => a.status == Status::Suggested,
            Filter::Accepted => a.status == Status::Accepted,
            Filter::Rejected => a.status == Status::Rejected,
            Filter::Manual => a.origin == Origin::Manual,
            Filter::Changed => a.changed_from.is_some() && !a.orphaned,
            Filter::Orphaned => a.orphaned,
            Filter::Tag(t) => a.tags.iter().any(|x| x == t),
        }
    }

    /// Its name in the panel title.
    pub fn name(&self) -> String {
        match self {
            Filter::All => "all".into(),
            Filter::Suggested => "suggested".into(),
            Filter::Accepted => "accepted".into(),
            Filter::Rejected => "rejected".into(),
            Filter::Manual => "manual".into(),
            Filter::Changed => "changed".into(),
            Filter::Orphaned => "orphaned".into(),
            Filter::Tag(t) => format!("#{t}"),
        }
    }
}

/// One row of the side panel.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelRow {
    /// A section title with the number of items under it.
    Header(Kind, usize),
    /// An entity: every mention with the same canonical name.
    Entity {
        /// The canonical name.
        canon: String,
        /// Indices into `Doc::anns` of its mentions (that pass the filter), by position.
        mentions: Vec<usize>,
        /// What the row shows, kept up to date so drawing never walks every mention.
        summary: Summary,
    },
    /// One claim (index into `Doc::anns`).
    Claim(usize),
}

/// The state of an entity's mentions, as the panel row shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Type of the first mention.
    pub label: String,
    /// Mentions.
    pub count: usize,
    /// Accepted mentions.
    pub accepted: usize,
    /// Rejected mentions.
    pub rejected: usize,
    /// Some mention could not be found again after the article changed.
    pub orphaned: bool,
    /// Some mention was found again with changed wording.
    pub changed: bool,
    /// Some mention was marked by hand.
    pub manual: bool,
    /// Tags of all mentions, first seen first.
    pub tags: Vec<String>,
    /// Some mention was changed differently by two people and awaits review (`conflict`).
    pub conflict: bool,
    /// Who made or changed the mentions, first seen first.
    pub authors: Vec<String>,
}

impl Summary {
    /// The summary of these annotations.
    pub fn of<'a>(anns: impl Iterator<Item = &'a Annotation>) -> Summary {
        let mut s = Summary::default();
        for a in anns {
            if s.count == 0 {
                s.label = a.label.clone();
            }
            s.count += 1;
            match a.status {
                Status::Accepted => s.accepted += 1,
                Status::Rejected => s.rejected += 1,
                Status::Suggested => {}
            }
            s.orphaned |= a.orphaned;
            s.changed |= a.changed_from.is_some() && !a.orphaned;
            s.manual |= a.origin == Origin::Manual;
            s.conflict |= a.conflict.is_some();
            if let Some(who) = &a.author
                && !s.authors.contains(who)
            {
                s.authors.push(who.clone());
            }
            for t in &a.tags {
                if !s.tags.contains(t) {
                    s.tags.push(t.clone());
                }
            }
        }
        s
    }
}

/// Counts for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Untouched suggestions.
    pub suggested: usize,
    /// Accepted.
    pub accepted: usize,
    /// Rejected.
    pub rejected: usize,
}

/// A set of annotation edits that undo reverts as one: (before, after) per annotation;
/// `None` before means created, `None` after means deleted.
#[derive(Debug, Clone)]
pub struct Change {
    /// What it was, for the status bar ("accept").
    pub what: String,
    /// The edits.
    pub edits: Vec<(Option<Annotation>, Option<Annotation>)>,
    /// A (text, type) this change put on the never-suggest list: undo takes it off again.
    pub never: Option<(String, String)>,
}

/// Search results in the body.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// What was searched.
    pub query: String,
    /// Char spans of the matches, in order.
    pub matches: Vec<(usize, usize)>,
}

/// The open article.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The file.
    pub path: PathBuf,
    /// Its metadata.
    pub meta: Meta,
    /// The body with its char index; annotation offsets index its chars.
    pub body: std::sync::Arc<Body>,
    /// Number of chars in the body.
    pub char_len: usize,
    /// Char offset at which each paragraph starts.
    pub para_starts: Vec<usize>,
    /// The store record (path, title, sha256); its annotations are rebuilt on save.
    pub record: ArticleRecord,
    /// All annotations shown, sorted by start then id.
    pub anns: Vec<Annotation>,
    /// Longest annotation, so a visible range can find annotations starting before it.
    pub max_ann_len: usize,
    /// Annotation id → the canonical name its entity is grouped under.
    pub canonical: HashMap<String, String>,
    /// Why this article cannot be written, if it cannot.
    pub read_only: Option<String>,
    /// Non-fatal problems from parsing.
    pub warnings: Vec<String>,
    /// The body wrapped at `wrap_width`.
    pub rows: Vec<Row>,
    /// Width the rows were made for.
    pub wrap_width: u16,
    /// First visible row.
    pub top: usize,
    /// Text rows visible.
    pub view_h: usize,
    /// The char the user had at the top before a resize pulled the view up (the window
    /// grew past the end of the text), with the top row it was pulled to; a later resize
    /// puts the char back at the top, so growing and shrinking a window does not lose the
    /// reading position. Forgotten once the view moves for any other reason.
    pub resize_top_char: Option<(usize, usize)>,
    /// Cursor, a char offset.
    pub cursor: usize,
    /// Visual mode: where the selection started.
    pub anchor: Option<usize>,
    /// The selected annotation: its id and start (to find it by binary search).
    pub selected: Option<(String, usize)>,
    /// Side panel rows for the current filter.
    pub panel: Vec<PanelRow>,
    /// Selected panel row.
    pub panel_sel: usize,
    /// First visible panel row.
    pub panel_top: usize,
    /// Panel filter.
    pub filter: Filter,
    /// Entities in the panel by score, most certain first (else by first mention).
    pub by_score: bool,
    /// Counts for the status bar.
    pub counts: Counts,
    /// Undo stack.
    pub history: Vec<Change>,
    /// Redo stack.
    pub future: Vec<Change>,
    /// The last search.
    pub search: Option<SearchState>,
    /// Suggestions are still being computed (a large article shows its text first).
    pub analysing: bool,
    /// What the store holds for this article, by id: the annotations as last read or
    /// successfully written. The screen shows these plus [`Doc::pending`].
    pub on_disk: HashMap<String, Annotation>,
    /// Ids of annotations whose state on screen is not in the store yet (changed, made,
    /// or deleted and not written: a save failed, or is on its way).
    pub pending: HashSet<String>,
}

/// Undo keeps at least this many steps.
pub const UNDO_DEPTH: usize = 500;

impl Doc {
    /// A doc for an article and its annotations (sorted here).
    pub fn new(
        path: PathBuf,
        meta: Meta,
        body: std::sync::Arc<Body>,
        para_starts: Vec<usize>,
        record: ArticleRecord,
        anns: Vec<Annotation>,
        canonical: HashMap<String, String>,
    ) -> Doc {
        let char_len = body.char_len();
        let mut d = Doc {
            path,
            meta,
            body,
            char_len,
            para_starts,
            record,
            anns,
            max_ann_len: 0,
            canonical,
            read_only: None,
            warnings: Vec::new(),
            rows: Vec::new(),
            wrap_width: 0,
            top: 0,
            view_h: 0,
            resize_top_char: None,
            cursor: 0,
            anchor: None,
            selected: None,
            panel: Vec::new(),
            panel_sel: 0,
            panel_top: 0,
            filter: Filter::All,
            by_score: false,
            counts: Counts::default(),
            history: Vec::new(),
            future: Vec::new(),
            search: None,
            analysing: false,
            on_disk: HashMap::new(),
            pending: HashSet::new(),
        };
        d.on_disk = d
            .record
            .annotations
            .iter()
            .map(|a| (a.id.clone(), a.clone()))
            .collect();
        d.refresh();
        d.recount_pending();
        d
    }

    /// Re-derives everything computed from the annotations (order, counts, panel rows).
    pub fn refresh(&mut self) {
        self.refresh_after(true);
    }

    /// Like [`Doc::refresh`]; when no annotation was added, removed or moved and the panel
    /// shows everything, the order and panel rows still hold and are kept (on a 10 MB
    /// article with half a million suggestions, rebuilding them per key would cost 100 ms).
    pub fn refresh_after(&mut self, structural: bool) {
        if structural {
            // Entities before the claims that start with them, then shorter first: ids are
            // random, so they must not decide which annotation `]` or `a` reaches first.
            self.anns.sort_by(|a, b| {
                (a.start, a.kind, a.end, &a.id).cmp(&(b.start, b.kind, b.end, &b.id))
            });
            self.max_ann_len = self
                .anns
                .iter()
                .map(|a| a.end.saturating_sub(a.start))
                .max()
                .unwrap_or(0);
        }
        let mut c = Counts::default();
        for a in &self.anns {
            match a.status {
                Status::Suggested => c.suggested += 1,
                Status::Accepted => c.accepted += 1,
                Status::Rejected => c.rejected += 1,
            }
        }
        self.counts = c;
        if structural || self.filter != Filter::All {
            self.rebuild_panel();
        } else {
            let anns = &self.anns;
            for row in &mut self.panel {
                if let PanelRow::Entity {
                    mentions, summary, ..
                } = row
                {
                    *summary = Summary::of(mentions.iter().filter_map(|&i| anns.get(i)));
                }
            }
            self.sync_panel_to_selection();
        }
    }

    /// The canonical name of an annotation.
    pub fn canon_of(&self, i: usize) -> String {
        self.anns
            .get(i)
            .map(|a| {
                self.canonical
                    .get(&a.id)
                    .cloned()
                    .unwrap_or_else(|| a.text.clone())
            })
            .unwrap_or_default()
    }

    fn rebuild_panel(&mut self) {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut claims = Vec::new();
        for (i, a) in self.anns.iter().enumerate() {
            if !self.filter.keeps(a) {
                continue;
            }
            match a.kind {
                Kind::Entity => {
                    let canon = self.canon_of(i);
                    let g = *index.entry(canon.clone()).or_insert_with(|| {
                        groups.push((canon, Vec::new()));
                        groups.len() - 1
                    });
                    groups[g].1.push(i);
                }
                Kind::Claim => claims.push(i),
            }
        }
        if self.by_score {
            // An entity is as certain as its surest mention; the user's own count as sure.
            let score = |mentions: &[usize]| {
                mentions
                    .iter()
                    .map(|&i| {
                        self.anns[i]
                            .score
                            .map_or(1000, |s| (s.get() * 1000.0) as u32)
                    })
                    .max()
                    .unwrap_or(0)
            };
            groups.sort_by_cached_key(|(_, m)| std::cmp::Reverse(score(m)));
        }
        let mut rows = Vec::with_capacity(groups.len() + claims.len() + 2);
        rows.push(PanelRow::Header(Kind::Entity, groups.len()));
        rows.extend(groups.into_iter().map(|(canon, mentions)| {
            let summary = Summary::of(mentions.iter().map(|&i| &self.anns[i]));
            PanelRow::Entity {
                canon,
                mentions,
                summary,
            }
        }));
        rows.push(PanelRow::Header(Kind::Claim, claims.len()));
        rows.extend(claims.into_iter().map(PanelRow::Claim));
        self.panel = rows;
        self.sync_panel_to_selection();
    }

    /// Moves the panel selection to the row holding the selected annotation, or to the
    /// first selectable row when the old one is gone.
    pub fn sync_panel_to_selection(&mut self) {
        if let Some(i) = self.selected_index()
            && let Some(r) = self.panel.iter().position(|row| match row {
                PanelRow::Entity { mentions, .. } => mentions.contains(&i),
                PanelRow::Claim(c) => *c == i,
                PanelRow::Header(..) => false,
            })
        {
            self.panel_sel = r;
            return;
        }
        if !self.panel_selectable(self.panel_sel) {
            self.panel_sel = (0..self.panel.len())
                .find(|r| self.panel_selectable(*r))
                .unwrap_or(0);
        }
    }

    /// Whether a panel row can be selected (headers cannot).
    pub fn panel_selectable(&self, r: usize) -> bool {
        matches!(
            self.panel.get(r),
            Some(PanelRow::Entity { .. } | PanelRow::Claim(_))
        )
    }

    /// The annotation indices of a panel row.
    pub fn panel_anns(&self, r: usize) -> Vec<usize> {
        match self.panel.get(r) {
            Some(PanelRow::Entity { mentions, .. }) => mentions.clone(),
            Some(PanelRow::Claim(i)) => vec![*i],
            _ => Vec::new(),
        }
    }

    /// Index of the selected annotation.
    pub fn selected_index(&self) -> Option<usize> {
        let (id, start) = self.selected.as_ref()?;
        self.find(id, *start)
    }

    /// Selects annotation `i` (or nothing).
    pub fn select(&mut self, i: Option<usize>) {
        self.selected = i
            .and_then(|i| self.anns.get(i))
            .map(|a| (a.id.clone(), a.start));
    }

    /// Index of the annotation with this id, looked up by its start first.
    pub fn find(&self, id: &str, start: usize) -> Option<usize> {
        let lo = self.anns.partition_point(|a| a.start < start);
        self.anns[lo..]
            .iter()
            .take_while(|a| a.start == start)
            .position(|a| a.id == id)
            .map(|p| lo + p)
            .or_else(|| self.index_of(id))
    }

    /// Index of the annotation with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.anns.iter().position(|a| a.id == id)
    }

    /// Annotations overlapping the char range `start..end`, as indices (by start).
    pub fn anns_in(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let from = start.saturating_sub(self.max_ann_len);
        let lo = self.anns.partition_point(|a| a.start < from);
        let hi = self.anns.partition_point(|a| a.start < end.max(start + 1));
        lo..hi.max(lo)
    }

    /// The innermost annotation covering char `offset`.
    pub fn ann_at(&self, offset: usize) -> Option<usize> {
        self.anns_in(offset, offset + 1)
            .filter(|&i| self.anns[i].start <= offset && offset < self.anns[i].end)
            .min_by_key(|&i| self.anns[i].end - self.anns[i].start)
    }

    /// The first annotation ending after `offset`.
    pub fn ann_from(&self, offset: usize) -> Option<usize> {
        let r = self.anns_in(offset, usize::MAX / 2);
        r.into_iter().find(|&i| self.anns[i].end > offset)
    }

    /// Re-lays the body out for a new width, keeping the top row's text at the top.
    pub fn rewrap(&mut self, width: u16) {
        if width == self.wrap_width && !self.rows.is_empty() {
            return;
        }
        let keep = self.rows.get(self.top).map(|r| r.start).unwrap_or(0);
        self.rows = wrap::wrap(&self.body, width.max(1));
        self.wrap_width = width;
        self.top = if self.rows.is_empty() {
            0
        } else {
            wrap::row_of(&self.rows, keep)
        };
    }

    /// The last row that can be the top one.
    pub fn max_top(&self) -> usize {
        self.rows.len().saturating_sub(self.view_h.max(1))
    }

    /// Scrolls by `delta` rows, keeping the cursor on screen.
    pub fn scroll(&mut self, delta: isize) {
        let top = self.top as isize + delta;
        self.top = top.clamp(0, self.max_top() as isize) as usize;
        self.clamp_cursor_to_view();
    }

    /// Puts the cursor back inside the visible rows.
    pub fn clamp_cursor_to_view(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        let row = self.cursor_row();
        let last = (self.top + self.view_h.max(1) - 1).min(self.rows.len() - 1);
        if row < self.top {
            self.cursor = self.rows[self.top].start;
        } else if row > last {
            self.cursor = self.rows[last].start;
        }
    }

    /// The row of the cursor.
    pub fn cursor_row(&self) -> usize {
        if self.rows.is_empty() {
            0
        } else {
            wrap::row_of(&self.rows, self.cursor)
        }
    }

    /// Scrolls so char `offset` is visible, a third from the top when it must move.
    pub fn reveal(&mut self, offset: usize) {
        if self.rows.is_empty() {
            return;
        }
        let row = wrap::row_of(&self.rows, offset);
        let h = self.view_h.max(1);
        if row < self.top || row >= self.top + h {
            self.top = row.saturating_sub(h / 3).min(self.max_top());
        }
    }

    /// Whether char `offset` is on a visible row.
    pub fn is_visible(&self, offset: usize) -> bool {
        if self.rows.is_empty() {
            return false;
        }
        let row = wrap::row_of(&self.rows, offset);
        row >= self.top && row < self.top + self.view_h
    }

    /// Index of the paragraph at the top of the view (0-based).
    pub fn top_paragraph(&self) -> usize {
        let at = self.rows.get(self.top).map(|r| r.start).unwrap_or(0);
        self.para_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// How far through the article the bottom of the view is, in percent.
    pub fn percent(&self) -> usize {
        if self.rows.is_empty() {
            return 100;
        }
        ((self.top + self.view_h).min(self.rows.len()) * 100) / self.rows.len()
    }

    /// The visual selection as a char span (whole words at both ends).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let a = self.anchor?;
        let (a0, a1) = self.unit_at(a);
        let (c0, c1) = self.unit_at(self.cursor);
        Some((a0.min(c0), a1.max(c1)))
    }

    /// The word under `offset`, or the single char there.
    pub fn unit_at(&self, offset: usize) -> (usize, usize) {
        let o = offset.min(self.char_len.saturating_sub(1));
        super::textnav::word_at(&self.body, o).unwrap_or((o, (o + 1).min(self.char_len)))
    }

    /// Recomputes [`Doc::pending`]: what the store would get from [`Doc::record_to_save`]
    /// against what it holds.
    pub fn recount_pending(&mut self) {
        let mut pending = HashSet::new();
        let mut kept = 0usize;
        for a in self.anns.iter().filter(|a| a.worth_saving()) {
            match self.on_disk.get(&a.id) {
                Some(d) if d == a => kept += 1,
                Some(_) => {
                    kept += 1;
                    pending.insert(a.id.clone());
                }
                None => {
                    pending.insert(a.id.clone());
                }
            }
        }
        if kept < self.on_disk.len() {
            // Deleted (or undone back to an untouched suggestion) but still in the store.
            let shown: HashSet<&str> = self
                .anns
                .iter()
                .filter(|a| a.worth_saving())
                .map(|a| a.id.as_str())
                .collect();
            pending.extend(
                self.on_disk
                    .keys()
                    .filter(|id| !shown.contains(id.as_str()))
                    .cloned(),
            );
        }
        self.pending = pending;
    }

    /// A save of `rec` reached the store: it now holds exactly those annotations.
    pub fn saved(&mut self, rec: &ArticleRecord) {
        self.on_disk = rec
            .annotations
            .iter()
            .map(|a| (a.id.clone(), a.clone()))
            .collect();
        self.recount_pending();
    }

    /// Whether the annotation at `i` is shown in a state the store does not hold yet.
    pub fn is_pending(&self, i: usize) -> bool {
        !self.pending.is_empty()
            && self
                .anns
                .get(i)
                .is_some_and(|a| self.pending.contains(&a.id))
    }

    /// The record to save: the annotations worth keeping.
    pub fn record_to_save(&self) -> ArticleRecord {
        let mut rec = self.record.clone();
        rec.annotations = self
            .anns
            .iter()
            .filter(|a| a.worth_saving())
            .cloned()
            .collect();
        rec
    }
}
