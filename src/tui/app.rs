//! App state and the one `update` function: a message in, state changed, effects out. No
//! I/O happens here, so every rule is unit-tested without a terminal.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::annotation::{Annotation, Kind, Loaded, Origin, Status, now};
use crate::article::{Article, Meta, Scan};
use crate::config::Config;

use super::action::Action;
use super::doc::{Change, Doc, Filter, SearchState, UNDO_DEPTH};
use super::keymap::{Key, KeyMode, Keymap};
use super::layout::{Areas, Focus, inner, reader_parts};
use super::textnav;
use super::theme::Theme;
use super::widgets::picker::{Picker, PickerItem, PickerOutcome};
use super::widgets::text_input::{InputOutcome, TextInput};
use super::wrap;

/// An article ready for the reader: parsed, analysed, merged with the store.
#[derive(Debug)]
pub struct Opened {
    /// The parsed article.
    pub article: Article,
    /// What the store holds for it (record, read-only reason).
    pub loaded: Loaded,
    /// Saved annotations merged with the suggestions.
    pub anns: Vec<Annotation>,
    /// Annotation id → canonical entity name.
    pub canonical: HashMap<String, String>,
    /// Why the whole store is read-only, if it is.
    pub store_read_only: Option<String>,
}

/// Something that happened: input, or the result of an effect or a background job.
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse did something.
    Mouse(MouseEvent),
    /// The screen has a new size.
    Resize(u16, u16),
    /// The folder was scanned.
    Scanned(Scan),
    /// Metadata of some articles arrived (or why it could not be read).
    Metas(Vec<(PathBuf, Result<Meta, String>)>),
    /// All metadata has been read.
    MetaDone,
    /// An article was opened.
    Opened(Box<Opened>),
    /// An article could not be opened.
    OpenFailed(PathBuf, String),
    /// A save finished.
    Saved(Result<(), String>),
    /// A never-suggest was recorded (the text), or failed.
    NeverSuggested(Result<String, String>),
    /// An export was written (its path), or failed.
    Exported(Result<PathBuf, String>),
}

/// Work for the runtime to do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the metadata of these files in the background.
    LoadMeta(Vec<PathBuf>),
    /// Open (parse, analyse, load annotations of) an article.
    Open(PathBuf),
    /// Write an article's annotations to the store.
    Save(crate::annotation::ArticleRecord),
    /// Never suggest this text as this type again.
    NeverSuggest {
        /// The text.
        text: String,
        /// The entity type.
        label: String,
    },
    /// Write the export of the folder to a file.
    Export(PathBuf),
}

/// What a text input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputFor {
    /// The note of an annotation (id).
    Note(String),
    /// The speaker of a claim (id).
    Speaker(String),
    /// A search of the body.
    Search,
}

/// What a picker is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// Toggle a tag on an annotation (id).
    Tag(String),
    /// Change an entity's type (id).
    Type(String),
    /// Mark the span as an entity of the chosen type.
    Mark(usize, usize),
}

/// What covers the panes, if anything.
pub enum Overlay {
    /// Nothing.
    None,
    /// The key list of a mode.
    Help {
        /// Whose keys.
        of: KeyMode,
        /// First line shown.
        scroll: usize,
    },
    /// A text input.
    Input {
        /// What for.
        purpose: InputFor,
        /// The widget.
        input: TextInput,
    },
    /// A picker.
    Picker {
        /// What for.
        purpose: PickFor,
        /// The widget.
        picker: Picker,
    },
}

/// The mode the status bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading.
    Normal,
    /// Selecting text.
    Visual,
    /// Typing text.
    Insert,
    /// Typing a search.
    Search,
    /// Choosing from a picker.
    Picker,
    /// Reading help.
    Help,
}

impl Mode {
    /// The badge text.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "NORMAL",
            Mode::Visual => "VISUAL",
            Mode::Insert => "INSERT",
            Mode::Search => "SEARCH",
            Mode::Picker => "PICK",
            Mode::Help => "HELP",
        }
    }
}

/// A status bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The text.
    pub text: String,
    /// Shown as an error.
    pub error: bool,
}

/// The whole state of the interface.
pub struct App {
    /// The config (tags, types).
    pub config: Config,
    /// Key bindings.
    pub keymap: Keymap,
    /// Colours.
    pub theme: Theme,
    /// The folder or article opened.
    pub root: PathBuf,
    /// `root` is one article.
    pub single: bool,
    /// The article list, newest first once metadata is in (title empty until loaded).
    pub items: Vec<(PathBuf, Meta)>,
    /// Files whose metadata has arrived.
    pub meta_loaded: HashSet<PathBuf>,
    /// Selected list row.
    pub list_sel: usize,
    /// First visible list row.
    pub list_top: usize,
    /// Files to read metadata of.
    pub meta_total: usize,
    /// Files whose metadata has been read.
    pub meta_done: usize,
    /// The scan has finished.
    pub scanned: bool,
    /// Files skipped by the scan or load, with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// The article in the reader.
    pub doc: Option<Doc>,
    /// The article being opened.
    pub opening: Option<PathBuf>,
    /// The focused pane.
    pub focus: Focus,
    /// What covers the panes.
    pub overlay: Overlay,
    /// The status bar message.
    pub note: Option<Note>,
    /// Screen size.
    pub size: Rect,
    /// Why the store is read-only, if it is.
    pub store_read_only: Option<String>,
    /// The user picked an article, so the list must not open the newest by itself.
    pub user_moved: bool,
    /// Where a mouse drag in the reader started (char offset).
    pub drag_from: Option<usize>,
    /// Time to leave.
    pub quit: bool,
}

impl App {
    /// A fresh app for `root` (nothing scanned yet).
    pub fn new(config: Config, root: PathBuf, single: bool) -> App {
        App {
            keymap: Keymap::from_config(&config.keymap),
            theme: Theme::from_config(&config),
            config,
            root,
            single,
            items: Vec::new(),
            meta_loaded: HashSet::new(),
            list_sel: 0,
            list_top: 0,
            meta_total: 0,
            meta_done: 0,
            scanned: false,
            skipped: Vec::new(),
            doc: None,
            opening: None,
            focus: if single { Focus::Reader } else { Focus::List },
            overlay: Overlay::None,
            note: None,
            size: Rect::new(0, 0, 80, 24),
            store_read_only: None,
            user_moved: false,
            drag_from: None,
            quit: false,
        }
    }

    /// The mode shown in the status bar.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::Help { .. } => Mode::Help,
            Overlay::Input {
                purpose: InputFor::Search,
                ..
            } => Mode::Search,
            Overlay::Input { .. } => Mode::Insert,
            Overlay::Picker { .. } => Mode::Picker,
            Overlay::None => {
                if self.doc.as_ref().is_some_and(|d| d.anchor.is_some()) {
                    Mode::Visual
                } else {
                    Mode::Normal
                }
            }
        }
    }

    /// The binding mode keys are looked up in.
    pub fn key_mode(&self) -> KeyMode {
        match self.mode() {
            Mode::Visual => KeyMode::Visual,
            Mode::Help => KeyMode::Help,
            _ => KeyMode::Normal,
        }
    }

    /// Whether metadata is still being read.
    pub fn loading(&self) -> bool {
        !self.scanned || self.meta_done < self.meta_total
    }

    /// The panes at the current size.
    pub fn areas(&self) -> Areas {
        Areas::compute(self.size, self.focus, true)
    }

    fn info(&mut self, text: impl Into<String>) {
        self.note = Some(Note {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.note = Some(Note {
            text: text.into(),
            error: true,
        });
    }

    /// Brings derived view state in line with the screen: wraps the body for the reader's
    /// width, and keeps list and panel selections on screen.
    pub fn sync_layout(&mut self) {
        let areas = self.areas();
        if let Some(r) = areas.reader
            && let Some(doc) = self.doc.as_mut()
        {
            let (_, text) = reader_parts(r);
            doc.rewrap(text.width.max(1));
            doc.view_h = text.height as usize;
            doc.top = doc.top.min(doc.max_top());
        }
        let list_h = areas.list.map(|r| inner(r).height as usize).unwrap_or(0);
        self.list_sel = self.list_sel.min(self.items.len().saturating_sub(1));
        self.list_top = keep_visible(self.list_top, self.list_sel, list_h);
        if let Some(doc) = self.doc.as_mut() {
            let h = areas.panel.map(|r| inner(r).height as usize).unwrap_or(0);
            doc.panel_sel = doc.panel_sel.min(doc.panel.len().saturating_sub(1));
            doc.panel_top = keep_visible(doc.panel_top, doc.panel_sel, h);
            if doc.panel_sel <= 1 {
                // Keep the "Entities" heading in view at the top.
                doc.panel_top = 0;
            }
        }
    }
}

fn keep_visible(top: usize, sel: usize, h: usize) -> usize {
    if h == 0 {
        return sel;
    }
    if sel < top {
        sel
    } else if sel >= top + h {
        sel + 1 - h
    } else {
        top
    }
}

/// Applies one message to the state and returns the effects to run.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(ev) => {
            if ev.kind != KeyEventKind::Release {
                on_key(app, ev, &mut fx);
            }
        }
        Msg::Mouse(ev) => on_mouse(app, ev, &mut fx),
        Msg::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        Msg::Scanned(scan) => on_scanned(app, scan, &mut fx),
        Msg::Metas(batch) => on_metas(app, batch),
        Msg::MetaDone => {
            app.meta_done = app.meta_total;
            report_skipped(app);
            auto_open_newest(app, &mut fx);
        }
        Msg::Opened(o) => on_opened(app, *o),
        Msg::OpenFailed(path, why) => {
            if app.opening.as_ref() == Some(&path) {
                app.opening = None;
            }
            if app.user_moved || app.single {
                app.error(why);
            } else {
                // Opened on its own while the list loads: one summary of skipped files says
                // it better than an error about a file the user never picked.
                if !app.skipped.iter().any(|(p, _)| *p == path) {
                    let prefix = format!("{}: ", path.display());
                    let why = why.strip_prefix(&prefix).unwrap_or(&why).to_string();
                    app.skipped.push((path, why));
                }
                report_skipped(app);
            }
        }
        Msg::Saved(Ok(())) => app.info("saved"),
        Msg::Saved(Err(e)) => app.error(format!("not saved: {e}")),
        Msg::NeverSuggested(Ok(text)) => {
            app.info(format!("saved · {text:?} will not be suggested again"))
        }
        Msg::NeverSuggested(Err(e)) => app.error(format!("never-suggest not saved: {e}")),
        Msg::Exported(Ok(path)) => app.info(format!("exported to {}", path.display())),
        Msg::Exported(Err(e)) => app.error(format!("export failed: {e}")),
    }
    app.sync_layout();
    fx
}

fn on_scanned(app: &mut App, scan: Scan, fx: &mut Vec<Effect>) {
    app.scanned = true;
    // Until metadata arrives, dates in file names give a fair newest-first order.
    app.items = scan
        .files
        .iter()
        .map(|p| {
            let meta = Meta {
                date: crate::article::date_from_file_name(p),
                ..Meta::default()
            };
            (p.clone(), meta)
        })
        .collect();
    crate::article::sort_newest_first(&mut app.items);
    let files: Vec<PathBuf> = app.items.iter().map(|(p, _)| p.clone()).collect();
    app.meta_total = files.len();
    app.meta_done = 0;
    app.skipped.extend(scan.skipped);
    if files.is_empty() {
        app.error(format!("no articles in {}", app.root.display()));
    } else {
        fx.push(Effect::LoadMeta(files.clone()));
        if let Some(first) = files.first() {
            request_open(app, first.clone(), fx);
        }
    }
    report_skipped(app);
}

fn report_skipped(app: &mut App) {
    if app.skipped.is_empty() {
        return;
    }
    // Background results arrive in any order; the message must not depend on it.
    app.skipped.sort();
    let n = app.skipped.len();
    let list: Vec<String> = app
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
    app.error(format!("{n} {files} skipped: {}{more}", list.join(", ")));
}

fn on_metas(app: &mut App, batch: Vec<(PathBuf, Result<Meta, String>)>) {
    let keep = app.items.get(app.list_sel).map(|(p, _)| p.clone());
    let mut metas: HashMap<PathBuf, Meta> = HashMap::new();
    let mut failed = HashSet::new();
    app.meta_done += batch.len();
    let had_skips = app.skipped.len();
    for (path, res) in batch {
        match res {
            Ok(m) => {
                metas.insert(path, m);
            }
            Err(why) => {
                failed.insert(path.clone());
                if !app.skipped.iter().any(|(p, _)| *p == path) {
                    app.skipped.push((path, why));
                }
            }
        }
    }
    if !failed.is_empty() && !app.single {
        app.items.retain(|(p, _)| !failed.contains(p));
    }
    for (p, m) in app.items.iter_mut() {
        if let Some(meta) = metas.remove(p) {
            *m = meta;
            app.meta_loaded.insert(p.clone());
        }
    }
    crate::article::sort_newest_first(&mut app.items);
    if let Some(keep) = keep
        && let Some(i) = app.items.iter().position(|(p, _)| *p == keep)
    {
        app.list_sel = i;
    }
    if app.skipped.len() > had_skips {
        report_skipped(app);
    }
}

fn auto_open_newest(app: &mut App, fx: &mut Vec<Effect>) {
    if app.user_moved || app.single {
        return;
    }
    let Some((first, _)) = app.items.first() else {
        return;
    };
    let first = first.clone();
    app.list_sel = 0;
    let current = app
        .opening
        .clone()
        .or_else(|| app.doc.as_ref().map(|d| d.path.clone()));
    if current.as_ref() != Some(&first) {
        request_open(app, first, fx);
    }
}

fn request_open(app: &mut App, path: PathBuf, fx: &mut Vec<Effect>) {
    if app.doc.as_ref().is_some_and(|d| d.path == path) {
        app.opening = None;
        return;
    }
    app.opening = Some(path.clone());
    fx.push(Effect::Open(path));
}

fn on_opened(app: &mut App, o: Opened) {
    if app.opening.as_ref() != Some(&o.article.path) {
        return; // the user moved on to another article meanwhile
    }
    app.opening = None;
    let Opened {
        article,
        loaded,
        anns,
        canonical,
        store_read_only,
    } = o;
    let mut doc = Doc::new(
        article.path.clone(),
        article.meta.clone(),
        &article.paragraphs,
        loaded.record,
        anns,
        canonical,
    );
    doc.read_only = loaded.read_only;
    doc.warnings = article.warnings;
    app.store_read_only = store_read_only;
    if let Some(i) = app.items.iter().position(|(p, _)| *p == article.path) {
        // The full parse is the truth; it also fills in a title the list may lack.
        app.items[i].1 = article.meta;
        app.meta_loaded.insert(article.path.clone());
    }
    let warn = doc.warnings.first().cloned();
    let ro = doc
        .read_only
        .clone()
        .or_else(|| app.store_read_only.clone());
    app.doc = Some(doc);
    if let Some(why) = ro {
        app.error(format!("read-only: {why}"));
    } else if let Some(w) = warn {
        app.error(format!("warning: {w}"));
    }
}

fn on_key(app: &mut App, ev: KeyEvent, fx: &mut Vec<Effect>) {
    let overlay = std::mem::replace(&mut app.overlay, Overlay::None);
    match overlay {
        Overlay::Input { purpose, mut input } => match input.handle_key(ev) {
            InputOutcome::Continue => app.overlay = Overlay::Input { purpose, input },
            InputOutcome::Cancel => app.info("cancelled"),
            InputOutcome::Submit => submit_input(app, purpose, input.text(), fx),
        },
        Overlay::Picker {
            purpose,
            mut picker,
        } => match picker.handle_key(ev) {
            PickerOutcome::Continue => app.overlay = Overlay::Picker { purpose, picker },
            PickerOutcome::Cancel => app.info("cancelled"),
            PickerOutcome::Chosen(choice) => picked(app, purpose, choice, fx),
        },
        Overlay::Help { of, scroll } => {
            let n = app.keymap.bindings(of).len();
            let page = app.size.height.saturating_sub(6).max(1) as usize;
            let scroll = match app.keymap.action(KeyMode::Help, Key::from_event(&ev)) {
                Some(Action::Cancel) => return,
                Some(Action::Down) => scroll + 1,
                Some(Action::Up) => scroll.saturating_sub(1),
                Some(Action::HalfPageDown) => scroll + page / 2,
                Some(Action::HalfPageUp) => scroll.saturating_sub(page / 2),
                Some(Action::PageDown) => scroll + page,
                Some(Action::PageUp) => scroll.saturating_sub(page),
                Some(Action::Top) => 0,
                Some(Action::Bottom) => n,
                _ => scroll,
            };
            app.overlay = Overlay::Help {
                of,
                scroll: scroll.min(n.saturating_sub(page)),
            };
        }
        Overlay::None => {
            let mode = app.key_mode();
            let key = Key::from_event(&ev);
            match app.keymap.action(mode, key) {
                Some(a) => act(app, a, fx),
                None => {
                    let help = app.keymap.hint(mode, Action::Help).unwrap_or_default();
                    app.info(format!("{} is not bound · {help} help", key.notation()));
                }
            }
        }
    }
}

/// Performs one action, as if its key had been pressed.
pub fn act(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    use Action as A;
    let visual = app.mode() == Mode::Visual;
    match action {
        A::Quit => app.quit = true,
        A::Help => {
            app.overlay = Overlay::Help {
                of: app.key_mode(),
                scroll: 0,
            }
        }
        A::Cancel => {
            if let Some(d) = app.doc.as_mut() {
                if d.anchor.take().is_some() {
                    app.info("");
                    return;
                }
                if d.search.take().is_some() {
                    app.info("search cleared");
                    return;
                }
            }
            app.note = None;
        }
        A::FocusNext | A::FocusPrev => {
            let order = [Focus::List, Focus::Reader, Focus::Panel];
            let i = order.iter().position(|f| *f == app.focus).unwrap_or(0);
            let step = if action == A::FocusNext { 1 } else { 2 };
            app.focus = order[(i + step) % 3];
        }
        A::Down
        | A::Up
        | A::HalfPageDown
        | A::HalfPageUp
        | A::PageDown
        | A::PageUp
        | A::Top
        | A::Bottom => move_in_focus(app, action, visual),
        A::NextParagraph | A::PrevParagraph => {
            if let Some(d) = app.doc.as_mut() {
                let target = if action == A::NextParagraph {
                    d.para_starts.iter().copied().find(|&s| s > d.cursor)
                } else {
                    d.para_starts.iter().rev().copied().find(|&s| s < d.cursor)
                };
                let target = target.unwrap_or(if action == A::NextParagraph {
                    d.para_starts.last().copied().unwrap_or(0)
                } else {
                    0
                });
                d.cursor = target;
                if !d.rows.is_empty() {
                    d.top = wrap::row_of(&d.rows, target).min(d.max_top());
                }
                select_at_cursor(d);
            }
        }
        A::Open => match app.focus {
            Focus::List => {
                if let Some((p, _)) = app.items.get(app.list_sel) {
                    let p = p.clone();
                    app.user_moved = true;
                    request_open(app, p, fx);
                    app.focus = Focus::Reader;
                }
            }
            Focus::Panel => jump_to_panel_row(app, true),
            Focus::Reader => {
                if let Some(d) = app.doc.as_mut() {
                    select_at_cursor(d);
                }
            }
        },
        A::Search => {
            let q = app
                .doc
                .as_ref()
                .and_then(|d| d.search.as_ref().map(|s| s.query.clone()))
                .unwrap_or_default();
            if app.doc.is_some() {
                app.overlay = Overlay::Input {
                    purpose: InputFor::Search,
                    input: TextInput::new(&q, false),
                };
            }
        }
        A::SearchNext | A::SearchPrev => search_step(app, action == A::SearchNext),
        A::NextAnnotation | A::PrevAnnotation => step_annotation(app, action == A::NextAnnotation),
        A::Accept | A::Reject => set_status(app, action == A::Accept, false, fx),
        A::AcceptAll | A::RejectAll => set_status(app, action == A::AcceptAll, true, fx),
        A::NeverSuggest => never_suggest(app, fx),
        A::Tag => open_tag_picker(app),
        A::Note => open_text(app, false),
        A::Speaker => open_text(app, true),
        A::ChangeType => open_type_picker(app),
        A::Delete => delete(app, fx),
        A::Filter => cycle_filter(app),
        A::Export => {
            app.info("exporting…");
            fx.push(Effect::Export(app.root.clone()));
        }
        A::WordNext | A::WordPrev | A::SentenceNext | A::SentencePrev => {
            move_cursor(app, action, visual)
        }
        A::Visual => {
            if let Some(d) = app.doc.as_mut() {
                let (s, _) = d.unit_at(d.cursor);
                d.cursor = s;
                d.anchor = Some(s);
                app.focus = Focus::Reader;
                app.info("select with w b ) ( j k · e entity · c claim · Esc cancel");
            }
        }
        A::MarkEntity => {
            let Some(d) = app.doc.as_mut() else { return };
            let Some((s, e)) = d.selection() else { return };
            d.anchor = None;
            let items = app
                .config
                .entity_labels()
                .into_iter()
                .map(|l| PickerItem {
                    color: Some(app.theme.type_color(&l)),
                    label: l,
                    checked: false,
                })
                .collect();
            app.overlay = Overlay::Picker {
                purpose: PickFor::Mark(s, e),
                picker: Picker::new("Entity type", items, false),
            };
        }
        A::MarkClaim => {
            let Some(d) = app.doc.as_mut() else { return };
            let Some((s, e)) = d.selection() else { return };
            d.anchor = None;
            create_manual(app, Kind::Claim, "claim", s, e, fx);
        }
        A::Undo => undo(app, true, fx),
        A::Redo => undo(app, false, fx),
    }
}

fn move_in_focus(app: &mut App, action: Action, visual: bool) {
    use Action as A;
    let areas = app.areas();
    let focus = if visual { Focus::Reader } else { app.focus };
    match focus {
        Focus::List => {
            let h = areas
                .list
                .map(|r| inner(r).height as usize)
                .unwrap_or(1)
                .max(1);
            let n = app.items.len();
            if n == 0 {
                return;
            }
            let sel = app.list_sel as isize;
            let next = match action {
                A::Down => sel + 1,
                A::Up => sel - 1,
                A::HalfPageDown => sel + (h / 2).max(1) as isize,
                A::HalfPageUp => sel - (h / 2).max(1) as isize,
                A::PageDown => sel + h as isize,
                A::PageUp => sel - h as isize,
                A::Top => 0,
                _ => n as isize - 1,
            };
            app.list_sel = next.clamp(0, n as isize - 1) as usize;
            app.user_moved = true;
        }
        Focus::Reader => {
            let Some(d) = app.doc.as_mut() else { return };
            let h = d.view_h.max(1) as isize;
            if visual && matches!(action, A::Down | A::Up) {
                let row = d.cursor_row();
                let next = if action == A::Down {
                    (row + 1).min(d.rows.len().saturating_sub(1))
                } else {
                    row.saturating_sub(1)
                };
                if let Some(r) = d.rows.get(next) {
                    d.cursor = r.start;
                }
                follow_cursor(d);
                return;
            }
            match action {
                A::Down => d.scroll(1),
                A::Up => d.scroll(-1),
                A::HalfPageDown => d.scroll((h / 2).max(1)),
                A::HalfPageUp => d.scroll(-(h / 2).max(1)),
                A::PageDown => d.scroll((h - 1).max(1)),
                A::PageUp => d.scroll(-(h - 1).max(1)),
                A::Top => {
                    d.top = 0;
                    d.cursor = 0;
                }
                _ => {
                    d.top = d.max_top();
                    d.cursor = d.rows.last().map(|r| r.start).unwrap_or(0);
                }
            }
        }
        Focus::Panel => {
            let Some(d) = app.doc.as_mut() else { return };
            let h = areas
                .panel
                .map(|r| inner(r).height as usize)
                .unwrap_or(1)
                .max(1);
            let n = d.panel.len();
            if n == 0 {
                return;
            }
            let sel = d.panel_sel as isize;
            let (target, dir) = match action {
                A::Down => (sel + 1, 1),
                A::Up => (sel - 1, -1),
                A::HalfPageDown => (sel + (h / 2).max(1) as isize, 1),
                A::HalfPageUp => (sel - (h / 2).max(1) as isize, -1),
                A::PageDown => (sel + h as isize, 1),
                A::PageUp => (sel - h as isize, -1),
                A::Top => (0, 1),
                _ => (n as isize - 1, -1),
            };
            let mut r = target.clamp(0, n as isize - 1);
            while r >= 0 && (r as usize) < n && !d.panel_selectable(r as usize) {
                r += dir;
            }
            if r < 0 || r as usize >= n {
                // Ran into a header at the edge: search the other way.
                r = target.clamp(0, n as isize - 1);
                while r >= 0 && (r as usize) < n && !d.panel_selectable(r as usize) {
                    r -= dir;
                }
            }
            if r >= 0 && (r as usize) < n && d.panel_selectable(r as usize) {
                d.panel_sel = r as usize;
                jump_to_panel_row(app, false);
            }
        }
    }
}

/// Selects the annotation of the selected panel row and shows it in the reader. With
/// `cycle`, a row already selected moves on to its next mention.
fn jump_to_panel_row(app: &mut App, cycle: bool) {
    let Some(d) = app.doc.as_mut() else { return };
    let anns = d.panel_anns(d.panel_sel);
    let Some(&first) = anns.first() else { return };
    let cur = d.selected_index();
    let i = match cur.and_then(|c| anns.iter().position(|&a| a == c)) {
        Some(p) if cycle => anns[(p + 1) % anns.len()],
        Some(p) => anns[p],
        None => first,
    };
    d.select(Some(i));
    d.cursor = d.anns[i].start;
    d.reveal(d.anns[i].start);
    let mut text = describe(&d.anns[i]);
    if anns.len() > 1 {
        let p = anns.iter().position(|&a| a == i).unwrap_or(0);
        text = format!("{text} · mention {}/{}", p + 1, anns.len());
    }
    app.info(text);
}

/// One line about an annotation for the status bar: type, text, state, tags, speaker, note.
pub fn describe(a: &Annotation) -> String {
    let state = match a.status {
        Status::Suggested => "suggested",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    };
    let mut parts = vec![a.label.clone(), short(&a.text, 40), state.to_string()];
    if a.origin == Origin::Manual {
        parts.push("manual".into());
    }
    if a.orphaned {
        parts.push("orphaned: text not found".into());
    }
    if let Some(sp) = &a.speaker {
        parts.push(format!("speaker {}", short(sp, 30)));
    }
    parts.extend(a.tags.iter().map(|t| format!("#{t}")));
    if !a.note.is_empty() {
        parts.push(format!("note: {}", short(&a.note.replace('\n', " "), 30)));
    }
    parts.join(" · ")
}

fn follow_cursor(d: &mut Doc) {
    if d.rows.is_empty() {
        return;
    }
    let row = d.cursor_row();
    let h = d.view_h.max(1);
    if row < d.top {
        d.top = row;
    } else if row >= d.top + h {
        d.top = (row + 1 - h).min(d.max_top());
    }
}

fn select_at_cursor(d: &mut Doc) {
    let at = d.ann_at(d.cursor);
    d.select(at);
    d.sync_panel_to_selection();
}

fn move_cursor(app: &mut App, action: Action, visual: bool) {
    use Action as A;
    let Some(d) = app.doc.as_mut() else { return };
    app.focus = Focus::Reader;
    let body = &d.body;
    let c = d.cursor;
    d.cursor = match action {
        A::WordNext => textnav::next_word(body, c),
        A::WordPrev => textnav::prev_word(body, c),
        A::SentenceNext if visual => {
            // Extending a selection by a sentence takes it to the end of this sentence, or
            // of the next one when it is already there.
            let (_, e) = textnav::sentence_at(body, c);
            let (_, word_end) = d.unit_at(c);
            let e = if word_end >= e {
                textnav::sentence_at(body, textnav::next_sentence(body, c)).1
            } else {
                e
            };
            e.saturating_sub(1)
        }
        A::SentenceNext => textnav::next_sentence(body, c),
        _ => textnav::prev_sentence(body, c),
    }
    .min(d.char_len.saturating_sub(1));
    follow_cursor(d);
    if !visual {
        select_at_cursor(d);
    }
}

fn search_step(app: &mut App, forward: bool) {
    let Some(d) = app.doc.as_mut() else { return };
    let Some(s) = d.search.as_ref() else {
        app.info("no search · / searches");
        return;
    };
    if s.matches.is_empty() {
        let q = s.query.clone();
        app.error(format!("not found: {q}"));
        return;
    }
    let n = s.matches.len();
    let i = if forward {
        let i = s.matches.partition_point(|m| m.0 <= d.cursor);
        if i == n { 0 } else { i }
    } else {
        let i = s.matches.partition_point(|m| m.0 < d.cursor);
        if i == 0 { n - 1 } else { i - 1 }
    };
    let (start, _) = s.matches[i];
    d.cursor = start;
    d.reveal(start);
    select_at_cursor(d);
    app.info(format!("match {}/{n}", i + 1));
}

/// Case-insensitive matches of `query` in `body`, as char spans.
pub fn find_all(body: &str, query: &str) -> Vec<(usize, usize)> {
    // Each char folds to one char, so char offsets in the folded text are those of the body.
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect()
    };
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let qlen = q.chars().count();
    let hay = fold(body);
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0usize, 0usize);
    for (b, _) in hay.match_indices(&q) {
        chars += hay[byte..b].chars().count();
        byte = b;
        out.push((chars, chars + qlen));
    }
    out
}

fn step_annotation(app: &mut App, forward: bool) {
    let Some(d) = app.doc.as_mut() else { return };
    if d.anns.is_empty() {
        app.info("no annotations");
        return;
    }
    let cur = d
        .selected_index()
        .filter(|&i| d.is_visible(d.anns[i].start));
    let i = match (cur, forward) {
        (Some(i), true) => (i + 1).min(d.anns.len() - 1),
        (Some(i), false) => i.saturating_sub(1),
        (None, true) => d
            .anns
            .partition_point(|a| a.start < d.cursor)
            .min(d.anns.len() - 1),
        (None, false) => d
            .anns
            .partition_point(|a| a.start < d.cursor)
            .saturating_sub(1),
    };
    d.select(Some(i));
    d.cursor = d.anns[i].start;
    d.reveal(d.cursor);
    d.sync_panel_to_selection();
    let text = describe(&d.anns[i]);
    app.info(text);
}

/// The annotation an action applies to: the selected one if it is in view (or chosen in
/// the panel), else the first at or after the cursor. It becomes the selected one.
fn target(app: &mut App) -> Option<usize> {
    let from_panel = app.focus == Focus::Panel;
    let d = app.doc.as_mut()?;
    if from_panel {
        // The highlighted panel row is what the user is looking at.
        let row = d.panel_anns(d.panel_sel);
        let i = match d.selected_index() {
            Some(i) if row.contains(&i) => Some(i),
            _ => row.first().copied(),
        };
        if let Some(i) = i {
            d.select(Some(i));
            return Some(i);
        }
    }
    if let Some(i) = d.selected_index()
        && (d.view_h == 0 || d.is_visible(d.anns[i].start))
    {
        return Some(i);
    }
    let i = d.ann_from(d.cursor)?;
    d.select(Some(i));
    d.sync_panel_to_selection();
    Some(i)
}

fn target_or_say(app: &mut App) -> Option<usize> {
    if app.doc.is_none() {
        app.info("no article open");
        return None;
    }
    let t = target(app);
    if t.is_none() {
        app.info("no annotation here");
    }
    t
}

fn writable(app: &mut App) -> bool {
    let why = app
        .doc
        .as_ref()
        .and_then(|d| d.read_only.clone())
        .or_else(|| app.store_read_only.clone());
    match why {
        Some(why) => {
            app.error(format!("read-only, not changed: {why}"));
            false
        }
        None => true,
    }
}

/// Applies a change, records it for undo and asks for a save.
fn commit(
    app: &mut App,
    what: &str,
    edits: Vec<(Option<Annotation>, Option<Annotation>)>,
    fx: &mut Vec<Effect>,
) {
    let Some(d) = app.doc.as_mut() else { return };
    if edits.is_empty() {
        return;
    }
    apply_edits(d, &edits);
    d.history.push(Change {
        what: what.to_string(),
        edits,
    });
    if d.history.len() > UNDO_DEPTH {
        d.history.remove(0);
    }
    d.future.clear();
    fx.push(Effect::Save(d.record_to_save()));
    app.info(format!("{what} · saving…"));
}

fn apply_edits(d: &mut Doc, edits: &[(Option<Annotation>, Option<Annotation>)]) {
    let mut structural = false;
    for (before, after) in edits {
        let at = before.as_ref().and_then(|b| d.find(&b.id, b.start));
        match (at, after) {
            (Some(i), Some(a)) => {
                structural |= d.anns[i].start != a.start || d.anns[i].end != a.end;
                d.anns[i] = a.clone();
            }
            (None, Some(a)) => {
                structural = true;
                d.anns.push(a.clone());
            }
            (Some(i), None) => {
                structural = true;
                d.anns.remove(i);
            }
            (None, None) => {}
        }
    }
    d.refresh_after(structural);
}

fn undo(app: &mut App, back: bool, fx: &mut Vec<Effect>) {
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_mut() else { return };
    let popped = if back {
        d.history.pop()
    } else {
        d.future.pop()
    };
    let Some(change) = popped else {
        app.info(if back {
            "nothing to undo"
        } else {
            "nothing to redo"
        });
        return;
    };
    let edits: Vec<_> = if back {
        change
            .edits
            .iter()
            .rev()
            .map(|(b, a)| (a.clone(), b.clone()))
            .collect()
    } else {
        change.edits.clone()
    };
    apply_edits(d, &edits);
    if let Some(a) = edits.iter().find_map(|(_, a)| a.as_ref()) {
        d.selected = Some((a.id.clone(), a.start));
        d.reveal(a.start);
    }
    d.sync_panel_to_selection();
    let what = change.what.clone();
    if back {
        d.future.push(change);
    } else {
        d.history.push(change);
    }
    fx.push(Effect::Save(d.record_to_save()));
    app.info(format!(
        "{} {what} · saving…",
        if back { "undid" } else { "redid" }
    ));
}

fn touched(a: &Annotation) -> Annotation {
    let mut a = a.clone();
    a.updated = now();
    a
}

fn set_status(app: &mut App, accept: bool, all: bool, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_ref() else { return };
    let status = if accept {
        Status::Accepted
    } else {
        Status::Rejected
    };
    let group: Vec<usize> = if all && d.anns[i].kind == Kind::Entity {
        let canon = d.canon_of(i);
        (0..d.anns.len())
            .filter(|&j| d.anns[j].kind == Kind::Entity && d.canon_of(j) == canon)
            .collect()
    } else {
        vec![i]
    };
    let edits: Vec<_> = group
        .iter()
        .filter(|&&j| d.anns[j].status != status)
        .map(|&j| {
            let mut a = touched(&d.anns[j]);
            a.status = status;
            (Some(d.anns[j].clone()), Some(a))
        })
        .collect();
    let name = d.anns[i].text.clone();
    let label = d.anns[i].label.clone();
    let is_entity = d.anns[i].kind == Kind::Entity;
    let verb = if accept { "accepted" } else { "rejected" };
    if edits.is_empty() {
        app.info(format!("already {verb}"));
        return;
    }
    let n = edits.len();
    let what = if n > 1 {
        format!("{verb} {n} mentions of {}", short(&name, 30))
    } else {
        format!("{verb} {}", short(&name, 30))
    };
    commit(app, &what, edits, fx);
    if !accept && is_entity {
        let key = app
            .keymap
            .hint(KeyMode::Normal, Action::NeverSuggest)
            .unwrap_or_else(|| "never_suggest".into());
        app.info(format!(
            "{what} · saving… · {key} never suggest {:?} as {label}",
            short(&name, 24)
        ));
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn never_suggest(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_ref() else { return };
    let a = d.anns[i].clone();
    if a.kind != Kind::Entity {
        app.info("never-suggest applies to entities");
        return;
    }
    fx.push(Effect::NeverSuggest {
        text: a.text.clone(),
        label: a.label.clone(),
    });
    if a.status != Status::Rejected {
        let mut r = touched(&a);
        r.status = Status::Rejected;
        commit(
            app,
            &format!("rejected {}", short(&a.text, 30)),
            vec![(Some(a), Some(r))],
            fx,
        );
    }
}

fn open_tag_picker(app: &mut App) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    let mut names: Vec<String> = app.config.tags.iter().map(|t| t.name.clone()).collect();
    for x in d.anns.iter().flat_map(|a| a.tags.iter()) {
        if !names.contains(x) {
            names.push(x.clone());
        }
    }
    let items = names
        .into_iter()
        .map(|n| PickerItem {
            color: Some(app.theme.tag_color(&n)),
            checked: a.tags.contains(&n),
            label: n,
        })
        .collect();
    let title = format!("Tag {}", short(&crate::sanitize::for_display(&a.text), 30));
    app.overlay = Overlay::Picker {
        purpose: PickFor::Tag(a.id.clone()),
        picker: Picker::new(&title, items, true),
    };
}

fn open_type_picker(app: &mut App) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    if a.kind != Kind::Entity {
        app.info("claims have no type");
        return;
    }
    let items = app
        .config
        .entity_labels()
        .into_iter()
        .map(|l| PickerItem {
            color: Some(app.theme.type_color(&l)),
            checked: l == a.label,
            label: l,
        })
        .collect();
    let title = format!(
        "Type of {}",
        short(&crate::sanitize::for_display(&a.text), 30)
    );
    app.overlay = Overlay::Picker {
        purpose: PickFor::Type(a.id.clone()),
        picker: Picker::new(&title, items, false),
    };
}

fn open_text(app: &mut App, speaker: bool) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    if speaker && a.kind != Kind::Claim {
        app.info("only claims have a speaker");
        return;
    }
    let (purpose, input) = if speaker {
        (
            InputFor::Speaker(a.id.clone()),
            TextInput::new(a.speaker.as_deref().unwrap_or(""), false),
        )
    } else {
        (InputFor::Note(a.id.clone()), TextInput::new(&a.note, true))
    };
    app.overlay = Overlay::Input { purpose, input };
}

/// The title of the open text input, for drawing.
pub fn input_title(app: &App, purpose: &InputFor) -> String {
    let text_of = |id: &str| {
        app.doc
            .as_ref()
            .and_then(|d| d.index_of(id).map(|i| d.anns[i].text.clone()))
            .map(|t| short(&crate::sanitize::for_display(&t), 30))
            .unwrap_or_default()
    };
    match purpose {
        InputFor::Note(id) => format!("Note · {}", text_of(id)),
        InputFor::Speaker(id) => format!("Speaker · {}", text_of(id)),
        InputFor::Search => "Search".into(),
    }
}

fn edit_by_id(
    app: &mut App,
    id: &str,
    what: &str,
    fx: &mut Vec<Effect>,
    f: impl FnOnce(&mut Annotation),
) {
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_mut() else { return };
    let Some(i) = d.index_of(id) else { return };
    let before = d.anns[i].clone();
    let mut after = touched(&before);
    f(&mut after);
    let mut same = after.clone();
    same.updated = before.updated;
    if same == before {
        app.info("unchanged");
        return;
    }
    d.select(Some(i));
    commit(app, what, vec![(Some(before), Some(after))], fx);
}

fn submit_input(app: &mut App, purpose: InputFor, text: String, fx: &mut Vec<Effect>) {
    match purpose {
        InputFor::Search => {
            let Some(d) = app.doc.as_mut() else { return };
            let matches = find_all(&d.body, &text);
            d.search = Some(SearchState {
                query: text.clone(),
                matches,
            });
            search_step(app, true);
        }
        InputFor::Note(id) => {
            edit_by_id(app, &id, "note saved", fx, |a| a.note = text);
        }
        InputFor::Speaker(id) => {
            let t = text.trim().to_string();
            edit_by_id(app, &id, "speaker set", fx, |a| {
                a.speaker = (!t.is_empty()).then_some(t)
            });
        }
    }
}

fn picked(app: &mut App, purpose: PickFor, choice: String, fx: &mut Vec<Effect>) {
    match purpose {
        PickFor::Tag(id) => {
            let choice = choice.trim().to_string();
            if choice.is_empty() {
                return;
            }
            let has = app
                .doc
                .as_ref()
                .and_then(|d| d.index_of(&id).map(|i| d.anns[i].tags.contains(&choice)))
                .unwrap_or(false);
            let what = if has {
                format!("untagged #{choice}")
            } else {
                format!("tagged #{choice}")
            };
            edit_by_id(app, &id, &what, fx, |a| {
                if has {
                    a.tags.retain(|t| *t != choice);
                } else {
                    a.tags.push(choice.clone());
                }
            });
        }
        PickFor::Type(id) => {
            let what = format!("type set to {choice}");
            edit_by_id(app, &id, &what, fx, |a| a.label = choice);
        }
        PickFor::Mark(s, e) => create_manual(app, Kind::Entity, &choice, s, e, fx),
    }
}

fn create_manual(app: &mut App, kind: Kind, label: &str, s: usize, e: usize, fx: &mut Vec<Effect>) {
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_mut() else { return };
    if e <= s {
        return;
    }
    let a = Annotation::new(&d.body, kind, label, s, e, Origin::Manual);
    d.canonical.insert(a.id.clone(), a.text.clone());
    d.selected = Some((a.id.clone(), a.start));
    let what = match kind {
        Kind::Entity => format!("marked {} as {label}", short(&a.text, 30)),
        Kind::Claim => "marked claim".to_string(),
    };
    commit(app, &what, vec![(None, Some(a))], fx);
}

fn delete(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    if !writable(app) {
        return;
    }
    let Some(d) = app.doc.as_ref() else { return };
    let a = d.anns[i].clone();
    if a.origin != Origin::Manual {
        let key = app
            .keymap
            .hint(KeyMode::Normal, Action::Reject)
            .unwrap_or_default();
        app.info(format!(
            "only manual annotations can be deleted · {key} rejects a suggestion"
        ));
        return;
    }
    let what = format!("deleted {}", short(&a.text, 30));
    if let Some(d) = app.doc.as_mut() {
        d.select(None);
    }
    commit(app, &what, vec![(Some(a), None)], fx);
}

fn cycle_filter(app: &mut App) {
    let Some(d) = app.doc.as_mut() else { return };
    let mut tags: Vec<String> = app.config.tags.iter().map(|t| t.name.clone()).collect();
    for x in d.anns.iter().flat_map(|a| a.tags.iter()) {
        if !tags.contains(x) {
            tags.push(x.clone());
        }
    }
    let mut order = vec![
        Filter::All,
        Filter::Suggested,
        Filter::Accepted,
        Filter::Rejected,
        Filter::Manual,
    ];
    order.extend(tags.into_iter().map(Filter::Tag));
    let i = order.iter().position(|f| *f == d.filter).unwrap_or(0);
    d.filter = order[(i + 1) % order.len()].clone();
    d.refresh();
    let name = d.filter.name();
    app.info(format!("panel shows: {name}"));
}

fn on_mouse(app: &mut App, ev: MouseEvent, fx: &mut Vec<Effect>) {
    if !matches!(app.overlay, Overlay::None) {
        return;
    }
    let areas = app.areas();
    let pos = Position::new(ev.column, ev.row);
    let over = [Focus::List, Focus::Reader, Focus::Panel]
        .into_iter()
        .find(|f| areas.of(*f).is_some_and(|r| r.contains(pos)));
    let Some(pane) = over else { return };
    match ev.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = ev.kind == MouseEventKind::ScrollDown;
            match pane {
                Focus::Reader => {
                    if let Some(d) = app.doc.as_mut() {
                        d.scroll(if down { 3 } else { -3 });
                    }
                }
                Focus::List => {
                    let n = app.items.len();
                    app.list_sel = if down {
                        (app.list_sel + 3).min(n.saturating_sub(1))
                    } else {
                        app.list_sel.saturating_sub(3)
                    };
                }
                Focus::Panel => {
                    let saved = app.focus;
                    app.focus = Focus::Panel;
                    for _ in 0..3 {
                        move_in_focus(app, if down { Action::Down } else { Action::Up }, false);
                    }
                    app.focus = saved;
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            app.focus = pane;
            let Some(area) = areas.of(pane) else { return };
            let inn = inner(area);
            if !inn.contains(pos) {
                return;
            }
            let row = (pos.y - inn.y) as usize;
            match pane {
                Focus::List => {
                    let i = app.list_top + row;
                    if let Some((p, _)) = app.items.get(i) {
                        let p = p.clone();
                        app.list_sel = i;
                        app.user_moved = true;
                        request_open(app, p, fx);
                    }
                }
                Focus::Panel => {
                    if let Some(d) = app.doc.as_mut() {
                        let r = d.panel_top + row;
                        if d.panel_selectable(r) {
                            d.panel_sel = r;
                            jump_to_panel_row(app, false);
                        }
                    }
                }
                Focus::Reader => {
                    if let Some(off) = reader_offset_at(app, area, pos)
                        && let Some(d) = app.doc.as_mut()
                    {
                        d.anchor = None;
                        d.cursor = d.unit_at(off).0;
                        select_at_cursor(d);
                        app.drag_from = Some(off);
                    }
                }
            }
        }
        MouseEventKind::Drag(MouseButton::Left) if pane == Focus::Reader => {
            let Some(area) = areas.reader else { return };
            if let (Some(from), Some(off)) = (app.drag_from, reader_offset_at(app, area, pos))
                && let Some(d) = app.doc.as_mut()
            {
                d.anchor = Some(from);
                d.cursor = off;
            }
        }
        MouseEventKind::Up(_) => app.drag_from = None,
        _ => {}
    }
}

fn reader_offset_at(app: &App, reader: Rect, pos: Position) -> Option<usize> {
    let d = app.doc.as_ref()?;
    let (_, text) = reader_parts(reader);
    if !text.contains(pos) {
        return None;
    }
    let row = d.rows.get(d.top + (pos.y - text.y) as usize)?;
    row.para?;
    Some(wrap::offset_at_col(&d.body, row, pos.x - text.x))
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
