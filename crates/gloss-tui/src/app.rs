//! App state and the one `update` function: a message in, state changed, effects out. No
//! I/O happens here, no clock is read and no random number drawn (the time and the seed of
//! new ids arrive in [`Msg::Stamp`]), so every rule is unit-tested without a terminal and a
//! replayed session makes the same store. The layout key handling needs (page sizes, the
//! popup's rectangle) is set here too, never by drawing.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use gloss_core::annotation::{
    Annotation, ArticleRecord, Kind, Loaded, Origin, Stamp, Status, later_than,
};
use gloss_core::article::{Article, Meta, Scan};
use gloss_core::config::Config;

use super::action::Action;
use super::doc::{Change, Doc, Filter, SearchState, UNDO_DEPTH};
use super::keymap::{Key, KeyMode, Keymap, Step};
use super::layout::{Areas, Focus, OverlayKind, inner, overlay_rect, reader_parts};
use super::textnav;
use super::theme::Theme;
use super::widgets::picker::{Picker, PickerItem, PickerOutcome};
use super::widgets::text_input::{InputOutcome, TextInput};
use super::wrap;

/// What a text input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputFor {
    /// The note of an annotation (id).
    Note(String),
    /// The speaker of a claim (id).
    Speaker(String),
    /// A search of the body.
    Search,
    /// A search across every article (the corpus index).
    Corpus,
    /// The article list's filter, applied as it is typed.
    ListFilter,
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
    /// Open one of these search results.
    CorpusHit(Vec<CorpusHit>),
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
    /// The merge conflicts of the article, one pair at a time, side by side.
    Review {
        /// Which pair (see [`conflict_pairs`]).
        at: usize,
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
    /// Reviewing merge conflicts.
    Review,
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
            Mode::Review => "REVIEW",
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
    /// Names a file the user needs to see whole (an export): like an error, it takes the
    /// place of the counts when both do not fit.
    pub names_file: bool,
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
    /// The articles of the folder, the list's selection and scroll.
    pub library: Library,
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
    /// Where the popup covering the panes is drawn, if one is open: set with the layout
    /// after every message, so key handling and drawing use the same rectangle.
    pub overlay_area: Option<Rect>,
    /// The speaker prompt's completions: the article's people and organisations, filtered
    /// by the typed text (`Tab`/`Down` take the next one into the prompt).
    pub speaker_names: Option<Picker>,
    /// Why the store is read-only, if it is.
    pub store_read_only: Option<String>,
    /// The user picked an article, so the list must not open the newest by itself.
    pub user_moved: bool,
    /// Where a mouse drag in the reader started (char offset).
    pub drag_from: Option<usize>,
    /// A key sequence begun and not finished, with the mode it was begun in (see
    /// [`crate::keymap::Trie::feed`]).
    pub pending_keys: Option<(KeyMode, Vec<Key>)>,
    /// The time and id source of the current step (see [`Msg::Stamp`]).
    pub stamp: Stamp,
    /// Articles left with changes the store does not hold (a save failed, then another
    /// article was opened): their records, retried with the save key.
    pub unsaved_records: Vec<(gloss_core::annotation::ArticleRecord, usize)>,
    /// Never-suggest changes that could not be written, retried with the save key.
    pub unsaved_never: Vec<Effect>,
    /// The first write that failed in this session, if one did (`gloss render` exits 1).
    pub save_failed: Option<String>,
    /// Quit was pressed with unsaved changes and warned about: pressed again, it quits.
    pub quit_armed: bool,
    /// Time to leave.
    pub quit: bool,
    /// The corpus index's update in the background: articles done, in all.
    pub indexing: Option<(usize, usize)>,
    /// The last search across all articles.
    pub corpus_query: String,
    /// Where to put the cursor once this article has opened (a search result's match).
    pub open_at: Option<(PathBuf, usize)>,
    /// Where the reader was in each article (saved across sessions).
    pub positions: std::collections::BTreeMap<PathBuf, usize>,
    /// The chart of the entity view shown (its mentions over time).
    pub corpus_chart: Option<MentionChart>,
}

/// The time of a step before any [`Msg::Stamp`] arrived.
const EPOCH: toml::value::Datetime = toml::value::Datetime {
    date: Some(toml::value::Date {
        year: 1970,
        month: 1,
        day: 1,
    }),
    time: Some(toml::value::Time {
        hour: 0,
        minute: 0,
        second: Some(0),
        nanosecond: None,
    }),
    offset: Some(toml::value::Offset::Z),
};

impl App {
    /// A fresh app for `root` (nothing scanned yet).
    pub fn new(config: Config, root: PathBuf, single: bool) -> App {
        App {
            keymap: Keymap::from_config(&config.keymap),
            theme: Theme::from_config(&config),
            config,
            root,
            single,
            library: Library::default(),
            doc: None,
            opening: None,
            focus: if single { Focus::Reader } else { Focus::List },
            overlay: Overlay::None,
            note: None,
            size: Rect::new(0, 0, 80, 24),
            overlay_area: None,
            speaker_names: None,
            store_read_only: None,
            user_moved: false,
            drag_from: None,
            pending_keys: None,
            stamp: Stamp::new(EPOCH, 0),
            unsaved_records: Vec::new(),
            unsaved_never: Vec::new(),
            save_failed: None,
            quit_armed: false,
            indexing: None,
            corpus_query: String::new(),
            open_at: None,
            positions: Default::default(),
            corpus_chart: None,
            quit: false,
        }
    }

    /// The mode shown in the status bar.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::Help { .. } => Mode::Help,
            Overlay::Review { .. } => Mode::Review,
            Overlay::Input {
                purpose: InputFor::Search | InputFor::ListFilter,
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

    /// Whether the multi-line note editor is open (Esc saves there; it cancels a prompt).
    pub fn in_note_editor(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::Input {
                purpose: InputFor::Note(_),
                ..
            }
        )
    }

    /// The binding mode keys are looked up in.
    pub fn key_mode(&self) -> KeyMode {
        match &self.overlay {
            Overlay::Help { .. } => KeyMode::Help,
            Overlay::Review { .. } => KeyMode::Review,
            Overlay::Input { input, .. } => input.key_mode(),
            Overlay::Picker { .. } => KeyMode::Picker,
            Overlay::None if self.mode() == Mode::Visual => KeyMode::Visual,
            Overlay::None if self.focus == Focus::List => KeyMode::List,
            Overlay::None => KeyMode::Normal,
        }
    }

    /// The keys of a sequence waiting for its next key, for the status bar (empty when
    /// none waits).
    pub fn waiting_keys(&self) -> String {
        match &self.pending_keys {
            Some((mode, keys)) if self.keymap.waits(*mode, keys) => crate::keymap::display_of(keys),
            _ => String::new(),
        }
    }

    /// Changes on screen the store does not hold: the open article's, other articles'
    /// left unsaved, and never-suggest changes.
    pub fn unsaved(&self) -> usize {
        self.doc.as_ref().map_or(0, |d| d.pending.len())
            + self.unsaved_records.iter().map(|(_, n)| n).sum::<usize>()
            + self.unsaved_never.len()
    }

    /// Whether metadata is still being read.
    pub fn loading(&self) -> bool {
        self.library.loading()
    }

    /// The panes at the current size.
    pub fn areas(&self) -> Areas {
        Areas::compute(self.size, self.focus, true)
    }

    fn info(&mut self, text: impl Into<String>) {
        self.note = Some(Note {
            text: text.into(),
            error: false,
            names_file: false,
        });
    }

    fn info_file(&mut self, text: impl Into<String>) {
        self.note = Some(Note {
            text: text.into(),
            error: false,
            names_file: true,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.note = Some(Note {
            text: text.into(),
            error: true,
            names_file: false,
        });
    }

    /// Brings derived view state in line with the screen: wraps the body for the reader's
    /// width, and keeps list and panel selections on screen.
    pub fn sync_layout(&mut self) {
        let areas = self.areas();
        let kind = match &self.overlay {
            Overlay::None => None,
            Overlay::Help { .. } | Overlay::Review { .. } => Some(OverlayKind::Help),
            Overlay::Input {
                purpose: InputFor::Note(_),
                ..
            } => Some(OverlayKind::NoteEditor),
            Overlay::Input { .. } => Some(OverlayKind::Prompt),
            Overlay::Picker { .. } => Some(OverlayKind::Picker),
        };
        self.overlay_area = kind.map(|k| overlay_rect(self.size, k));
        if let Some(r) = areas.reader
            && let Some(doc) = self.doc.as_mut()
        {
            let (_, text) = reader_parts(r);
            let resized = text.width.max(1) != doc.wrap_width || text.height as usize != doc.view_h;
            if !resized && doc.resize_top_char.is_some_and(|(_, top)| top != doc.top) {
                doc.resize_top_char = None;
            }
            let wanted = doc
                .resize_top_char
                .map(|(c, _)| c)
                .or_else(|| doc.rows.get(doc.top).map(|row| row.start));
            doc.rewrap(text.width.max(1));
            doc.view_h = text.height as usize;
            if resized && let Some(c) = wanted.filter(|_| !doc.rows.is_empty()) {
                doc.top = wrap::row_of(&doc.rows, c);
            }
            doc.top = doc.top.min(doc.max_top());
            if resized {
                // Remembered while the top row does not start with it (pulled up, or the
                // char now sits inside a wider row).
                let exact = doc.rows.get(doc.top).map(|row| row.start) == wanted;
                doc.resize_top_char = if exact {
                    None
                } else {
                    wanted.map(|c| (c, doc.top))
                };
            }
        }
        // The input lays itself out in the rect drawing will use, so what key handling
        // knows of its width is what the screen shows.
        if let (Overlay::Input { input, .. }, Some(area)) = (&mut self.overlay, self.overlay_area) {
            input.layout(area);
        }
        let list_h = areas.list.map(|r| inner(r).height as usize).unwrap_or(0);
        self.library.keep_visible(list_h);
        if let Some(doc) = self.doc.as_mut() {
            let h = areas
                .panel
                .map(|r| {
                    let w = crate::layout::panel_parts(r, 0).0.width;
                    let detail = motion::detail_rows(doc, w).1.len();
                    crate::layout::panel_parts(r, detail).0.height as usize
                })
                .unwrap_or(0);
            doc.panel_sel = doc.panel_sel.min(doc.panel.len().saturating_sub(1));
            // A hidden panel keeps its scroll; a shown one never scrolls past its end.
            doc.panel_top = motion::panel_top_for(&doc.panel, doc.panel_top, doc.panel_sel, h);
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
        Msg::Stamp(s) => app.stamp = s,
        Msg::Resize(w, h) => app.size = Rect::new(0, 0, w, h),
        Msg::Scanned(scan) => on_scanned(app, scan, &mut fx),
        Msg::Listed(items, skipped) => on_listed(app, items, skipped, &mut fx),
        Msg::Metas(batch) => {
            if app.library.add_metas(batch, app.single) {
                report_skipped(app);
            }
        }
        Msg::MetaDone => {
            app.library.meta_done = app.library.meta_total;
            report_skipped(app);
            auto_open_newest(app, &mut fx);
        }
        Msg::Opened(o) => on_opened(app, *o),
        Msg::Suggested(s) => on_suggested(app, *s),
        Msg::OpenFailed(path, why) => on_open_failed(app, path, why),
        Msg::Saved(rec, res) => {
            if res.is_ok() {
                let n = rec.annotations.iter().filter(|a| a.worth_saving()).count();
                app.library.set_count(&rec.path, n);
            }
            on_saved(app, &rec, res)
        }
        Msg::NeverWritten(effect, res) => on_never_written(app, effect, res),
        Msg::StoreWritable => on_store_writable(app, &mut fx),
        Msg::Exported(Ok(path)) => app.info_file(format!("exported to {}", path.display())),
        Msg::Exported(Err(e)) => app.error(format!("export failed: {e}")),
        Msg::OutsideFailed(e) => app.error(e),
        Msg::Indexing(done, total) => app.indexing = Some((done, total)),
        Msg::CorpusResults(query, res) => corpus::on_results(app, query, res),
        Msg::Positions(p) => {
            app.library.set_read(p.keys().cloned());
            app.positions = p;
        }
        Msg::Annotated(counts) => app.library.set_annotated(counts),
        Msg::Indexed(res) => {
            app.indexing = None;
            match res {
                Ok(Some(notice)) => app.info(notice),
                Ok(None) => {}
                Err(e) => app.error(format!("index not updated: {e}")),
            }
        }
    }
    app.sync_layout();
    fx
}

/// A save finished: "did X · saving…" becomes "did X · saved"; with no such message,
/// plain "saved".
fn saved_note(app: &mut App) {
    let text = match &app.note {
        Some(n) if !n.error && n.text.contains(" · saving…") => {
            n.text.replace(" · saving…", " · saved")
        }
        // The second of two writes of one action (the store and the never-suggest list).
        Some(n) if !n.error && n.text.ends_with(" · saved") => n.text.clone(),
        _ => "saved".to_string(),
    };
    app.info(text);
}

fn on_key(app: &mut App, ev: KeyEvent, fx: &mut Vec<Effect>) {
    let overlay = std::mem::replace(&mut app.overlay, Overlay::None);
    match overlay {
        Overlay::Input { purpose, mut input } => {
            app.pending_keys = None;
            if matches!(purpose, InputFor::Speaker(_))
                && ev.kind != KeyEventKind::Release
                && let Some(names) = app.speaker_names.as_mut()
                && let Some(step @ (Action::Down | Action::Up)) =
                    app.keymap.action(KeyMode::Prompt, Key::from_event(&ev))
            {
                // The picker: the keys that move, move its highlight; the typed text stays.
                names.apply(step);
                app.overlay = Overlay::Input { purpose, input };
                return;
            }
            let outcome = input.handle_key(&app.keymap, ev);
            if purpose == InputFor::ListFilter {
                library::filter_typed(app, input, outcome);
                return;
            }
            if let Some(names) = app.speaker_names.as_mut() {
                names.filter_to(&input.text());
            }
            // <Enter> takes the highlighted row: the text as typed until the user moves.
            let chosen = app
                .speaker_names
                .as_ref()
                .and_then(Picker::selected_label)
                .unwrap_or_else(|| input.text());
            if outcome != InputOutcome::Continue {
                app.speaker_names = None;
            }
            match outcome {
                InputOutcome::Continue => app.overlay = Overlay::Input { purpose, input },
                InputOutcome::Cancel => app.info("cancelled"),
                InputOutcome::Submit => submit_input(app, purpose, chosen, fx),
            }
        }
        Overlay::Picker {
            purpose,
            mut picker,
        } => {
            app.pending_keys = None;
            match picker.handle_key(&app.keymap, ev) {
                PickerOutcome::Continue => app.overlay = Overlay::Picker { purpose, picker },
                PickerOutcome::Cancel => app.info("cancelled"),
                PickerOutcome::Chosen(choice) => picked(app, purpose, choice, fx),
            }
        }
        other => {
            app.overlay = other;
            dispatch(app, Key::from_event(&ev), fx);
        }
    }
}

/// Runs a key through the current mode's trie (normal, visual or help), keeping a begun
/// sequence in `app.pending_keys` until it ends.
fn dispatch(app: &mut App, key: Key, fx: &mut Vec<Effect>) {
    let mode = app.key_mode();
    let mut pending = match app.pending_keys.take() {
        Some((m, keys)) if m == mode => keys,
        _ => Vec::new(),
    };
    let steps = app.keymap.feed(mode, &mut pending, key);
    if !pending.is_empty() {
        app.pending_keys = Some((mode, pending));
    }
    for step in steps {
        if app.key_mode() != mode {
            // An earlier step opened or closed an overlay: the rest was meant for this mode.
            app.pending_keys = None;
            break;
        }
        match step {
            Step::Act(a) if mode == KeyMode::Help => help_act(app, a),
            Step::Act(a) if mode == KeyMode::Review => review_act(app, a, fx),
            Step::Act(a) => act(app, a, fx),
            Step::Unbound(k) => {
                let help = app.keymap.hint(mode, Action::Help).unwrap_or_default();
                app.info(format!("{} is not bound · {help} help", k.notation()));
            }
        }
    }
    if app.key_mode() != mode {
        app.pending_keys = None;
    }
}

/// Performs an action in the help overlay: scrolling, or closing it.
fn help_act(app: &mut App, action: Action) {
    let Overlay::Help { of, scroll } = app.overlay else {
        return;
    };
    let n = app.keymap.help_len(of) + crate::marks::legend_len();
    let area = overlay_rect(app.size, OverlayKind::Help);
    let page = crate::layout::help_popup(area).1.max(1);
    let scroll = match action {
        Action::Cancel => {
            app.overlay = Overlay::None;
            return;
        }
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::HalfPageDown => scroll + page / 2,
        Action::HalfPageUp => scroll.saturating_sub(page / 2),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => n,
        _ => scroll,
    };
    app.overlay = Overlay::Help {
        of,
        scroll: scroll.min(n.saturating_sub(page)),
    };
}

/// Performs one action, as if its key had been pressed.
pub fn act(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    use Action as A;
    let visual = app.mode() == Mode::Visual;
    if action != A::Quit {
        app.quit_armed = false;
    }
    match action {
        A::Quit => {
            let n = app.unsaved();
            if n == 0 || app.quit_armed {
                corpus::leave_article(app, fx);
                app.quit = true;
            } else {
                // Asked once: the second press means it.
                app.quit_armed = true;
                let key = app
                    .keymap
                    .hint(KeyMode::Normal, Action::Quit)
                    .unwrap_or_else(|| "quit".into());
                let save = app
                    .keymap
                    .hint(KeyMode::Normal, Action::Save)
                    .map(|k| format!(" · {k} retry"))
                    .unwrap_or_default();
                let what = if n == 1 { "change" } else { "changes" };
                app.error(format!(
                    "{n} {what} not saved — {key} again to quit without them{save}"
                ));
            }
        }
        A::Save => retry_saves(app, fx),
        A::Help => {
            app.overlay = Overlay::Help {
                of: app.key_mode(),
                scroll: 0,
            }
        }
        A::Cancel => {
            if app.focus == Focus::List && !app.library.filter.is_empty() {
                library::set_filter(app, "");
                return;
            }
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
                app.focus = Focus::Reader;
                if !d.rows.is_empty() {
                    d.top = wrap::row_of(&d.rows, target).min(d.max_top());
                }
                select_at_cursor(d);
            }
        }
        A::Open => match app.focus {
            Focus::List => {
                if let Some(p) = app.library.selected() {
                    let p = p.to_path_buf();
                    app.user_moved = true;
                    request_open(app, p, fx);
                    app.focus = Focus::Reader;
                    // Focus moving is said, not only drawn.
                    let back = app
                        .keymap
                        .hint(KeyMode::Normal, Action::FocusPrev)
                        .unwrap_or_default();
                    app.info(format!("in the reader · {back} list"));
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
            // A new search starts empty, as in less and vim (`n` repeats the last one).
            if app.doc.is_some() {
                app.overlay = Overlay::Input {
                    purpose: InputFor::Search,
                    input: TextInput::new("", false),
                };
            }
        }
        A::SearchNext | A::SearchPrev => search_step(app, action == A::SearchNext),
        A::CorpusSearch => corpus::open_prompt(app),
        A::CorpusView => corpus::view_selected(app, fx),
        A::SpeakerView => corpus::speaker_view(app, fx),
        A::NextAnnotation | A::PrevAnnotation => step_annotation(app, action == A::NextAnnotation),
        A::Accept | A::Reject => set_status(app, action == A::Accept, false, fx),
        A::AcceptAll | A::RejectAll => set_status(app, action == A::AcceptAll, true, fx),
        A::NeverSuggest => never_suggest(app, fx),
        A::Tag => open_tag_picker(app),
        A::Note => open_text(app, false),
        A::Speaker => open_text(app, true),
        A::ChangeType => open_type_picker(app),
        A::Delete => delete(app, fx),
        A::TakeVersion => take_version(app, fx),
        A::Review => open_review(app),
        // Only in review.
        A::TakeLeft | A::TakeRight => {}
        A::Filter => cycle_filter(app),
        A::ListFilter => library::open_filter(app),
        A::ListWhich => library::cycle_which(app),
        A::ListLang => library::cycle_lang(app),
        A::ListSort => library::cycle_sort(app),
        A::SortPanel => {
            if let Some(d) = app.doc.as_mut() {
                d.by_score = !d.by_score;
                d.refresh();
                let how = if d.by_score { "score" } else { "position" };
                app.info(format!("panel sorted by {how}"));
            }
        }
        A::Export => {
            app.info("exporting…");
            fx.push(Effect::Export(app.root.clone()));
        }
        A::OpenUrl => open_url(app, fx),
        A::Copy => copy_quote(app, fx),
        A::WordNext | A::WordPrev | A::SentenceNext | A::SentencePrev => {
            move_cursor(app, action, visual)
        }
        A::Visual => {
            if let Some(d) = app.doc.as_mut() {
                let (s, _) = d.unit_at(d.cursor);
                d.cursor = s;
                d.anchor = Some(s);
                app.focus = Focus::Reader;
                let msg = visual_hint(&app.keymap);
                app.info(msg);
            }
        }
        A::MarkEntity => {
            let Some(d) = app.doc.as_mut() else { return };
            let Some((s, e)) = d.selection() else { return };
            d.anchor = None;
            let items = edit::type_items(app, None);
            app.overlay = Overlay::Picker {
                purpose: PickFor::Mark(s, e),
                picker: Picker::new("Entity type", items, false)
                    .with_footer(edit::picker_footer(app, edit::TYPES_HINT)),
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
        // Editing keys act inside prompts, pickers and the note editor; bound in normal or
        // visual mode by a config, they do nothing.
        A::Submit
        | A::NewLine
        | A::CharPrev
        | A::CharNext
        | A::LineStart
        | A::LineEnd
        | A::DeleteBack
        | A::DeleteForward
        | A::DeleteWordBack
        | A::DeleteToLineStart
        | A::DeleteToLineEnd => {}
    }
}

/// `o`: the article's URL to the system's opener, by the runner. Only web addresses: the
/// metadata is the article's, untrusted, and must not make gloss run a file or a program.
fn open_url(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(d) = app.doc.as_ref() else {
        app.info("no article open");
        return;
    };
    match d.meta.url.as_deref().map(str::trim) {
        Some(url) if crate::outside::is_web_url(url) => {
            let url = url.to_string();
            app.info(format!("opening {url}"));
            fx.push(Effect::OpenUrl(url));
        }
        Some(url) => app.error(format!("not a web address, not opened: {url}")),
        None => app.info("this article has no URL in its metadata"),
    }
}

/// `y`: the selected annotation's quote and a source line (title, date, URL) to the
/// clipboard, by the runner.
fn copy_quote(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(i) = target_or_say(app) else { return };
    let Some(d) = app.doc.as_ref() else { return };
    let a = &d.anns[i];
    let mut quote = format!("“{}”", a.text);
    if let Some(sp) = &a.speaker {
        quote.push_str(&format!(" — {sp}"));
    }
    let m = &d.meta;
    let source: Vec<String> = [
        Some(m.title.clone()).filter(|t| !t.is_empty()),
        m.source.clone(),
        m.date.map(|d| d.format("%Y-%m-%d").to_string()),
        m.url.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let text = if source.is_empty() {
        quote
    } else {
        format!("{quote}\n{}", source.join(", "))
    };
    let what = format!("copied {} with its source", short(&a.text, 30));
    fx.push(Effect::Copy(crate::outside::clipboard_text(&text)));
    app.info(what);
}

/// What to press once a selection starts, from the visual keymap.
fn visual_hint(km: &Keymap) -> String {
    let key = |a: Action| {
        km.hint_keys(KeyMode::Visual, a)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let moves: Vec<String> = [
        Action::WordNext,
        Action::WordPrev,
        Action::SentenceNext,
        Action::SentencePrev,
        Action::Down,
        Action::Up,
    ]
    .into_iter()
    .map(key)
    .filter(|k| !k.is_empty())
    .collect();
    format!(
        "select with {} · {} entity · {} claim · {} cancel",
        moves.join(" "),
        key(Action::MarkEntity),
        key(Action::MarkClaim),
        key(Action::Cancel)
    )
}

mod corpus;
mod edit;
mod library;
mod motion;
mod mouse;
mod msg;
mod open;

pub use corpus::{CorpusAsk, CorpusHit, MentionChart};
use edit::*;
pub use edit::{conflict_pairs, input_title};
pub use library::{Library, ListFilter, ListSort, Which, fold, summary as library_summary};
use motion::*;
pub use motion::{
    describe, detail_rows, detail_text, find_all, panel_row_at_line, panel_row_lines, panel_top_for,
};
use mouse::*;
pub use msg::{Effect, Msg, Opened, Suggested};
use open::*;

#[cfg(test)]
mod tests;
