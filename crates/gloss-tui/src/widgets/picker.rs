//! A filterable list picker (the tag picker).

use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};

use super::text_input::typed_char;
use crate::action::Action;
use crate::keymap::{Key, KeyMode, Keymap};
use crate::wrap;
use gloss_core::sanitize;

/// One entry of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    /// The text shown and returned when chosen.
    pub label: String,
    /// Colour of the swatch before the label, if any.
    pub color: Option<Color>,
    /// Whether the item is already set (shown with a check mark).
    pub checked: bool,
}

/// What the caller should do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerOutcome {
    /// Keep picking.
    Continue,
    /// This label was taken (an existing item, or the typed text as a new entry).
    Chosen(String),
    /// The picker was closed without a choice.
    Cancel,
}

/// A list of items filtered by a typed query, with one highlighted.
#[derive(Debug, Clone)]
pub struct Picker {
    title: String,
    items: Vec<PickerItem>,
    allow_new: bool,
    query: String,
    /// Index into the visible rows (`visible()`).
    selected: usize,
    /// Lines under the rows: the keys, and how to add an entry where typing cannot.
    footer: Vec<String>,
    /// The typed text as the first row, highlighted until the user moves (the speaker
    /// picker: typing a name and <Enter> takes the name as typed); its label, e.g. "as
    /// typed". `None`: the new-entry row comes last (`+ new tag "…"`).
    free_first: Option<String>,
    /// Text the prompt opened with (the current speaker): while the query is still that,
    /// every item is listed, so changing a speaker shows the article's people at once.
    preset: Option<String>,
}

/// A row of the filtered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// Index into `items`.
    Item(usize),
    /// The `+ new "…"` row for the query.
    New,
}

impl Picker {
    /// A picker over `items`; with `allow_new`, typed text that names no item can be taken.
    pub fn new(title: &str, items: Vec<PickerItem>, allow_new: bool) -> Picker {
        Picker {
            title: title.to_string(),
            items,
            allow_new,
            query: String::new(),
            selected: 0,
            footer: Vec::new(),
            free_first: None,
            preset: None,
        }
    }

    /// The picker opened on `text` already typed (the current value), which filters
    /// nothing until the user edits it.
    pub fn with_preset(mut self, text: &str) -> Picker {
        self.set_query(text.to_string());
        self.preset = Some(text.to_string());
        self
    }

    /// The picker with the typed text as its first row, named `label` (`as typed`), and
    /// highlighted while the user has not moved: <Enter> takes the text as typed, the keys
    /// that move take a listed item. With nothing typed the row stands for "none" and
    /// gives an empty label.
    pub fn with_free_text(mut self, label: &str) -> Picker {
        self.allow_new = true;
        self.free_first = Some(label.to_string());
        self
    }

    /// The picker with `lines` shown under its rows before anything is typed and after
    /// (its keys; how to add an entry).
    pub fn with_footer(mut self, lines: Vec<String>) -> Picker {
        self.footer = lines;
        self
    }

    /// Filters by `q` (as typed into a prompt the picker completes), if it changed.
    pub fn filter_to(&mut self, q: &str) {
        if self.query != q {
            self.set_query(q.to_string());
        }
    }

    /// How many items it holds (filtered or not).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The typed filter text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The label of the highlighted row (the typed text for the new-entry row).
    pub fn selected_label(&self) -> Option<String> {
        match self.visible().get(self.selected)? {
            Entry::Item(i) => self.items.get(*i).map(|it| it.label.clone()),
            Entry::New => Some(self.query.trim().to_string()),
        }
    }

    /// Rows shown for the current query: matching items (case-insensitive substring), then
    /// the new-entry row when allowed and no item is named exactly by the query.
    /// With free text first, that row leads (also for an empty query: "none"), and an
    /// item the query names exactly leads in its place.
    fn visible(&self) -> Vec<Entry> {
        let q = self.query.trim().to_lowercase();
        let unedited = self.preset.as_deref() == Some(self.query.as_str());
        let mut out: Vec<Entry> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| unedited || it.label.to_lowercase().contains(&q))
            .map(|(i, _)| Entry::Item(i))
            .collect();
        let exact = self
            .items
            .iter()
            .position(|it| it.label.to_lowercase() == q);
        if self.free_first.is_some() {
            match exact {
                Some(i) => {
                    out.retain(|e| *e != Entry::Item(i));
                    out.insert(0, Entry::Item(i));
                }
                None => out.insert(0, Entry::New),
            }
        } else if self.allow_new && !q.is_empty() && exact.is_none() {
            out.push(Entry::New);
        }
        out
    }

    /// Applies one key through `keymap` (`[keymap.picker]`): a bound key runs its action,
    /// an unbound printable key types into the filter.
    pub fn handle_key(&mut self, keymap: &Keymap, key: KeyEvent) -> PickerOutcome {
        if key.kind == KeyEventKind::Release {
            return PickerOutcome::Continue;
        }
        match keymap.action(KeyMode::Picker, Key::from_event(&key)) {
            Some(action) => self.apply(action),
            None => {
                if let Some(c) = typed_char(&key) {
                    let mut q = self.query.clone();
                    q.push(c);
                    self.set_query(q);
                }
                PickerOutcome::Continue
            }
        }
    }

    /// Performs one action (those that mean nothing in a picker are ignored).
    pub fn apply(&mut self, action: Action) -> PickerOutcome {
        let count = self.visible().len();
        match action {
            Action::Cancel => return PickerOutcome::Cancel,
            Action::Submit => {
                return match self.selected_label() {
                    Some(label) if !label.is_empty() || self.free_first.is_some() => {
                        PickerOutcome::Chosen(label)
                    }
                    _ => PickerOutcome::Continue,
                };
            }
            Action::Down => self.step(1, count),
            Action::Up => self.step(-1, count),
            Action::PageDown | Action::HalfPageDown => self.step(5, count),
            Action::PageUp | Action::HalfPageUp => self.step(-5, count),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = count.saturating_sub(1),
            Action::DeleteToLineStart => self.set_query(String::new()),
            Action::DeleteWordBack => {
                let trimmed = self.query.trim_end();
                let cut = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                let q = self.query[..cut].to_string();
                self.set_query(q);
            }
            Action::DeleteBack => {
                let mut q = self.query.clone();
                q.pop();
                self.set_query(q);
            }
            _ => {}
        }
        PickerOutcome::Continue
    }

    fn set_query(&mut self, q: String) {
        self.query = q;
        // The first match is the likeliest choice after the filter changes.
        self.selected = 0;
    }

    /// Moves the highlight, wrapping around at either end.
    fn step(&mut self, delta: isize, count: usize) {
        if count == 0 {
            self.selected = 0;
            return;
        }
        let n = isize::try_from(count).unwrap_or(isize::MAX);
        let cur = isize::try_from(self.selected).unwrap_or(0);
        let next = if delta.abs() == 1 {
            (cur + delta).rem_euclid(n)
        } else {
            (cur + delta).clamp(0, n - 1)
        };
        self.selected = usize::try_from(next).unwrap_or(0);
    }

    /// Draws the picker: a bordered block with the query line on top and the rows below.
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        self.render_titled(frame, area, "");
    }

    /// Draws the picker with `more` after its title.
    pub fn render_titled(&self, frame: &mut Frame, area: Rect, more: &str) {
        frame.render_widget(Clear, area);
        let block =
            Block::bordered().title(sanitize::for_display(&format!("{}{more}", self.title)));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let query_area = Rect { height: 1, ..inner };
        let shown = sanitize::for_display(&self.query);
        let prompt = Line::from(vec![
            Span::styled("> ", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(shown.clone()),
        ]);
        frame.render_widget(Paragraph::new(prompt), query_area);
        let cx = 2 + wrap::str_width(&shown);
        let x = inner.x + u16::try_from(cx).unwrap_or(u16::MAX).min(inner.width - 1);
        frame.set_cursor_position(Position { x, y: inner.y });
        if inner.height < 2 {
            return;
        }
        // The footer when the rows keep at least two lines above it.
        let foot_h = if (inner.height as usize) >= self.footer.len() + 3 {
            self.footer.len() as u16
        } else {
            0
        };
        if foot_h > 0 {
            let foot = Rect {
                y: inner.y + inner.height - foot_h,
                height: foot_h,
                ..inner
            };
            let lines: Vec<Line> = self
                .footer
                .iter()
                .map(|l| {
                    Line::styled(
                        sanitize::for_display(l),
                        Style::new().add_modifier(Modifier::DIM),
                    )
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), foot);
        }
        let list_area = Rect {
            y: inner.y + 1,
            height: inner.height - 1 - foot_h,
            ..inner
        };
        let visible = self.visible();
        if visible.is_empty() {
            let msg = if self.items.is_empty() {
                "no entries"
            } else {
                "no match"
            };
            frame.render_widget(
                Paragraph::new(msg).style(Style::new().add_modifier(Modifier::DIM)),
                list_area,
            );
            return;
        }
        let rows: Vec<ListItem> = visible.iter().map(|e| self.row(*e)).collect();
        let list = List::new(rows)
            .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(list, list_area, &mut state);
    }

    fn row(&self, entry: Entry) -> ListItem<'static> {
        match entry {
            Entry::Item(i) => {
                let Some(item) = self.items.get(i) else {
                    return ListItem::new("");
                };
                let swatch = match item.color {
                    Some(c) => Span::styled("■ ", Style::new().fg(c)),
                    None => Span::raw("  "),
                };
                let check = if item.checked { "✓ " } else { "  " };
                ListItem::new(Line::from(vec![
                    swatch,
                    Span::styled(check, Style::new().fg(Color::Green)),
                    Span::raw(sanitize::for_display(&item.label)),
                ]))
            }
            Entry::New => {
                let q = sanitize::for_display(self.query.trim());
                let text = match &self.free_first {
                    Some(_) if q.is_empty() => "  none".to_string(),
                    Some(label) => format!("  \"{q}\" {label}"),
                    None => format!("+ new tag \"{q}\""),
                };
                ListItem::new(Line::from(vec![Span::styled(
                    text,
                    Style::new().add_modifier(Modifier::ITALIC),
                )]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn km() -> &'static Keymap {
        static KM: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        KM.get_or_init(Keymap::defaults)
    }
    use ratatui::{Terminal, backend::TestBackend};

    fn items() -> Vec<PickerItem> {
        let item = |label: &str, color, checked| PickerItem {
            label: label.to_string(),
            color,
            checked,
        };
        vec![
            item("key-actor", Some(Color::Red), true),
            item("verify", Some(Color::Yellow), false),
            item("Sanktionen", None, false),
            item("Über-Thema", Some(Color::Blue), false),
        ]
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(p: &mut Picker, s: &str) {
        for c in s.chars() {
            p.handle_key(km(), key(KeyCode::Char(c)));
        }
    }

    fn draw(p: &Picker, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| p.render(f, f.area())).unwrap();
        term
    }

    #[test]
    fn enter_takes_the_highlighted_item() {
        let mut p = Picker::new("Tag", items(), true);
        assert_eq!(
            p.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Chosen("key-actor".into())
        );
        p.handle_key(km(), key(KeyCode::Down));
        assert_eq!(
            p.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Chosen("verify".into())
        );
    }

    #[test]
    fn movement_keys_wrap_around() {
        let mut p = Picker::new("Tag", items(), false);
        p.handle_key(km(), key(KeyCode::Up));
        assert_eq!(p.selected_label().as_deref(), Some("Über-Thema"));
        p.handle_key(km(), key(KeyCode::Tab));
        assert_eq!(p.selected_label().as_deref(), Some("key-actor"));
        p.handle_key(km(), ctrl('n'));
        p.handle_key(km(), ctrl('n'));
        assert_eq!(p.selected_label().as_deref(), Some("Sanktionen"));
        p.handle_key(km(), ctrl('p'));
        assert_eq!(p.selected_label().as_deref(), Some("verify"));
        p.handle_key(km(), key(KeyCode::BackTab));
        assert_eq!(p.selected_label().as_deref(), Some("key-actor"));
    }

    #[test]
    fn typing_filters_case_insensitively() {
        let mut p = Picker::new("Tag", items(), false);
        typed(&mut p, "ÜBER");
        assert_eq!(p.visible().len(), 1);
        assert_eq!(
            p.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Chosen("Über-Thema".into())
        );
        p.handle_key(km(), ctrl('u'));
        typed(&mut p, "e");
        assert_eq!(p.visible().len(), 4);
        p.handle_key(km(), key(KeyCode::Backspace));
        typed(&mut p, "an");
        assert_eq!(p.selected_label().as_deref(), Some("Sanktionen"));
    }

    #[test]
    fn new_entry_when_allowed_and_no_exact_match() {
        let mut p = Picker::new("Tag", items(), true);
        typed(&mut p, "propaganda");
        assert_eq!(p.visible(), [Entry::New]);
        assert_eq!(
            p.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Chosen("propaganda".into())
        );
        let mut exact = Picker::new("Tag", items(), true);
        typed(&mut exact, "VERIFY");
        assert_eq!(exact.visible(), [Entry::Item(1)]);
        let mut closed = Picker::new("Tag", items(), false);
        typed(&mut closed, "propaganda");
        assert_eq!(
            closed.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Continue
        );
    }

    #[test]
    fn esc_and_ctrl_c_cancel() {
        let mut p = Picker::new("Tag", items(), true);
        assert_eq!(p.handle_key(km(), key(KeyCode::Esc)), PickerOutcome::Cancel);
        assert_eq!(p.handle_key(km(), ctrl('c')), PickerOutcome::Cancel);
    }

    #[test]
    fn empty_picker_does_not_panic() {
        let mut p = Picker::new("Tag", vec![], false);
        for k in [KeyCode::Up, KeyCode::Down, KeyCode::End, KeyCode::Enter] {
            assert_eq!(p.handle_key(km(), key(k)), PickerOutcome::Continue);
        }
        for (w, h) in [(1, 1), (3, 3), (10, 2), (40, 8)] {
            let _ = draw(&p, w, h);
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #[test]
        fn random_keys_keep_the_selection_in_range(
            keys in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        proptest::sample::select(vec!['e', 'x', 'Ü', ' ', 'n', 'p', 'u', 'w']).prop_map(KeyCode::Char),
                        proptest::sample::select(vec![
                            KeyCode::Up, KeyCode::Down, KeyCode::Tab, KeyCode::BackTab,
                            KeyCode::Backspace, KeyCode::PageDown, KeyCode::PageUp,
                            KeyCode::Home, KeyCode::End,
                        ]),
                    ],
                    proptest::sample::select(vec![KeyModifiers::NONE, KeyModifiers::CONTROL]),
                ),
                0..40,
            ),
            allow_new in proptest::bool::ANY,
        ) {
            let mut p = Picker::new("Tag", items(), allow_new);
            for (code, m) in keys {
                proptest::prop_assert_eq!(p.handle_key(km(), KeyEvent::new(code, m)), PickerOutcome::Continue);
                let n = p.visible().len();
                proptest::prop_assert!(p.selected < n || (n == 0 && p.selected == 0));
            }
            let _ = draw(&p, 30, 6);
        }
    }

    #[test]
    fn snapshot_picker_with_swatches_and_checks() {
        let mut p = Picker::new("Tag", items(), true);
        p.handle_key(km(), key(KeyCode::Down));
        insta::assert_snapshot!(draw(&p, 40, 8).backend());
    }

    #[test]
    fn snapshot_picker_new_entry_row() {
        let mut p = Picker::new("Tag", items(), true);
        typed(&mut p, "neu\u{1b}");
        insta::assert_snapshot!(draw(&p, 40, 8).backend());
    }

    #[test]
    fn free_text_first_is_taken_until_the_user_moves() {
        let mut p = Picker::new("Speaker", items(), true).with_free_text("as typed");
        typed(&mut p, "ver");
        assert_eq!(p.selected_label().as_deref(), Some("ver"));
        p.handle_key(km(), key(KeyCode::Tab));
        assert_eq!(
            p.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Chosen("verify".into())
        );
        // An item the text names exactly leads in the typed text's place.
        let mut p = Picker::new("Speaker", items(), true).with_free_text("as typed");
        typed(&mut p, "verify");
        assert_eq!(p.selected_label().as_deref(), Some("verify"));
        // Nothing typed: the first row is "none", an empty choice.
        let mut p = Picker::new("Speaker", items(), true).with_free_text("as typed");
        assert_eq!(
            p.handle_key(km(), key(KeyCode::Enter)),
            PickerOutcome::Chosen(String::new())
        );
        let screen = format!("{:?}", draw(&p, 30, 8).backend().buffer());
        assert!(screen.contains("none"), "{screen}");
    }

    #[test]
    fn a_preset_value_lists_every_item_until_edited() {
        let all = items().len();
        let mut p = Picker::new("Speaker", items(), true)
            .with_free_text("as typed")
            .with_preset("verify");
        // The current value leads, and every other item is offered under it.
        assert_eq!(p.visible().len(), all);
        assert_eq!(p.selected_label().as_deref(), Some("verify"));
        // Once edited, the text filters as usual.
        typed(&mut p, "x");
        assert_eq!(p.visible().len(), 1, "only the typed text is left");
        assert_eq!(p.selected_label().as_deref(), Some("verifyx"));
    }
}
