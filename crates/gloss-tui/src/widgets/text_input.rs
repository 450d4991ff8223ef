//! A multi-line text input (the note editor), also usable as a one-line prompt. Its keys
//! come from the keymap (`[keymap.editor]`, `[keymap.prompt]`): bound keys run editing
//! actions, unbound printable keys type themselves.
//!
//! Written here rather than taken from `ratatui-textarea` or `tui-input`: those keep their
//! viewport in cells that drawing writes and cursor movement reads (the very coupling that
//! made headless and terminal runs differ), measure width per char rather than per grapheme
//! as the reader does (`👍🏽` is 2 columns here and 4 there), and draw the text unsanitised.
//! The input needs only a small editing core; its width comes from the layout
//! ([`TextInput::layout`]), so drawing reads state and never writes it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use crate::action::Action;
use crate::keymap::{Key, KeyMode, Keymap};
use crate::textnav;
use crate::wrap::{self, Row};
use gloss_core::sanitize;

/// What the caller should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    /// Keep editing.
    Continue,
    /// Take the text (`<Esc>`, `<C-s>`, or `<Enter>` in a one-line input).
    Submit,
    /// Drop the edit (`<C-c>`).
    Cancel,
}

/// An editable text with a cursor, drawn in a bordered block.
#[derive(Debug, Clone)]
pub struct TextInput {
    lines: Vec<String>,
    /// Cursor line.
    row: usize,
    /// Cursor position in the line, in graphemes.
    col: usize,
    multiline: bool,
    /// Display column that Up/Down try to keep.
    goal: Option<usize>,
    /// First visible visual row (multi-line), kept by [`TextInput::layout`].
    scroll: usize,
    /// First visible column (one-line), kept by [`TextInput::layout`].
    hscroll: usize,
    /// Text width the layout gives the input, so Up/Down move by visual (wrapped) row;
    /// 0 before the first layout.
    width: u16,
}

impl TextInput {
    /// An input holding `text` with the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> TextInput {
        let mut input = TextInput {
            lines: vec![String::new()],
            row: 0,
            col: 0,
            multiline,
            goal: None,
            scroll: 0,
            hscroll: 0,
            width: 0,
        };
        input.insert_str(text);
        input
    }

    /// The text, lines joined with `'\n'`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(String::is_empty)
    }

    /// The cursor as (line, grapheme index in the line).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    /// Inserts `s` at the cursor (for pasted text): newlines split lines in a multi-line
    /// input and become spaces in a one-line one; other control chars are dropped.
    pub fn insert_str(&mut self, s: &str) {
        let s = s.replace("\r\n", "\n");
        for c in s.chars() {
            match c {
                '\n' if self.multiline => self.newline(),
                '\n' | '\t' => self.insert_char(' '),
                c if c.is_control() => {}
                c => self.insert_char(c),
            }
        }
    }

    /// The binding mode of this input: the note editor or a one-line prompt.
    pub fn key_mode(&self) -> KeyMode {
        if self.multiline {
            KeyMode::Editor
        } else {
            KeyMode::Prompt
        }
    }

    /// Applies one key through `keymap`: a bound key runs its action, an unbound printable
    /// key types itself, anything else is ignored.
    pub fn handle_key(&mut self, keymap: &Keymap, key: KeyEvent) -> InputOutcome {
        if key.kind == KeyEventKind::Release {
            return InputOutcome::Continue;
        }
        match keymap.action(self.key_mode(), Key::from_event(&key)) {
            Some(action) => self.apply(action),
            None => {
                if let Some(c) = typed_char(&key) {
                    self.goal = None;
                    self.insert_char(c);
                }
                InputOutcome::Continue
            }
        }
    }

    /// Performs one editing action (actions that mean nothing in a text input are ignored).
    pub fn apply(&mut self, action: Action) -> InputOutcome {
        if !matches!(action, Action::Up | Action::Down) {
            self.goal = None;
        }
        match action {
            Action::Submit => return InputOutcome::Submit,
            Action::Cancel => return InputOutcome::Cancel,
            Action::NewLine if self.multiline => self.newline(),
            Action::LineStart => self.col = 0,
            Action::LineEnd => self.col = self.line_len(),
            Action::DeleteWordBack => self.delete_word_back(),
            Action::DeleteToLineStart => self.delete_to_line_start(),
            Action::DeleteToLineEnd => self.delete_to_line_end(),
            Action::DeleteBack => self.backspace(),
            Action::DeleteForward => self.delete(),
            Action::WordPrev => self.word_left(),
            Action::WordNext => self.word_right(),
            Action::CharPrev => self.left(),
            Action::CharNext => self.right(),
            Action::Up => self.vertical(-1),
            Action::Down => self.vertical(1),
            _ => {}
        }
        InputOutcome::Continue
    }

    /// The text area inside the block drawn in `area`: the block's inside less the hint line.
    pub fn text_area(area: Rect) -> Rect {
        let inner = Block::bordered().inner(area);
        if inner.height >= 2 {
            Rect {
                height: inner.height - 1,
                ..inner
            }
        } else {
            inner
        }
    }

    /// Takes the size the layout gives the input (drawn in `area`): Up/Down then move by the
    /// rows as wrapped at that width, and the view scrolls to keep the cursor in sight. The
    /// app calls this after every update, so key handling never depends on a drawing.
    pub fn layout(&mut self, area: Rect) {
        let text = TextInput::text_area(area);
        self.width = text.width;
        if self.multiline {
            self.scroll = self.scroll_for(text);
        } else {
            self.hscroll = self.hscroll_for(text);
        }
    }

    /// The hints for the last line, longest first, from the keymap's keys for saving and
    /// cancelling in this input's mode.
    pub fn hints(&self, keymap: &Keymap) -> Vec<String> {
        let mode = self.key_mode();
        let save = keymap.hint_keys(mode, Action::Submit);
        let cancel = keymap.hint_keys(mode, Action::Cancel);
        let first = |v: &[String]| v.first().cloned().unwrap_or_else(|| "?".into());
        let short = |k: String| if k == "Enter" { "⏎".to_string() } else { k };
        let (s1, c1) = (first(&save), first(&cancel));
        vec![
            format!("{} save · {c1} cancel", save.join("/")),
            format!("{s1} save · {c1} cancel"),
            format!("{}:save {}:quit", short(s1.clone()), short(c1.clone())),
            format!("{}·{}", short(s1), short(c1)),
        ]
    }

    /// Draws the input in a bordered block titled `title`, with a key hint on the last line,
    /// and places the terminal cursor at the edit point.
    pub fn render(&self, frame: &mut Frame, area: Rect, title: &str, hints: &[String]) {
        frame.render_widget(Clear, area);
        let block = Block::bordered().title(sanitize::for_display(title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let (text_area, hint_area) = if inner.height >= 2 {
            let text = Rect {
                height: inner.height - 1,
                ..inner
            };
            let hint = Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            };
            (text, Some(hint))
        } else {
            (inner, None)
        };
        if let Some(hint_area) = hint_area
            && let Some(last) = hints.last()
        {
            // The longest hint that fits, so narrow popups still say how to leave.
            let fits = |h: &&String| wrap::str_width(h) <= usize::from(hint_area.width);
            let hint = hints.iter().find(fits).unwrap_or(last);
            frame.render_widget(
                Paragraph::new(hint.as_str()).style(Style::new().add_modifier(Modifier::DIM)),
                hint_area,
            );
        }
        let (lines, cx, cy) = if self.multiline {
            self.view_multiline(text_area)
        } else {
            self.view_single(text_area)
        };
        frame.render_widget(Paragraph::new(lines), text_area);
        let x = text_area.x
            + u16::try_from(cx)
                .unwrap_or(u16::MAX)
                .min(text_area.width - 1);
        let y = text_area.y
            + u16::try_from(cy)
                .unwrap_or(u16::MAX)
                .min(text_area.height - 1);
        frame.set_cursor_position(Position { x, y });
    }

    /// Visible lines of a multi-line input and the cursor (column, row) in the text area.
    /// The first visible row for a text area of this size: the kept one, moved just enough
    /// to show the cursor.
    fn scroll_for(&self, area: Rect) -> usize {
        let rows = self.visual_rows(area.width);
        let cur = self.cursor_visual(&rows);
        let height = usize::from(area.height);
        let mut top = self.scroll;
        if cur.0 < top {
            top = cur.0;
        } else if cur.0 >= top + height {
            top = cur.0 + 1 - height;
        }
        // Shrinking text must not leave the view scrolled past its end.
        top.min(rows.len().saturating_sub(height))
    }

    fn view_multiline(&self, area: Rect) -> (Vec<Line<'static>>, usize, usize) {
        let rows = self.visual_rows(area.width);
        let cur = self.cursor_visual(&rows);
        let height = usize::from(area.height);
        let top = self.scroll_for(area);
        let lines = rows
            .iter()
            .skip(top)
            .take(height)
            .map(|(li, r)| {
                let line = &self.lines[*li];
                Line::from(sanitize::for_display(
                    line.get(r.byte_start..r.byte_end).unwrap_or(""),
                ))
            })
            .collect();
        (lines, cur.1, cur.0 - top)
    }

    /// The visible part of a one-line input and the cursor (column, row).
    /// The first visible column for a text area of this width: the kept one, moved just
    /// enough to show the whole char under the cursor.
    fn hscroll_for(&self, area: Rect) -> usize {
        let line = &self.lines[0];
        let at = self.byte_at(self.col);
        let cx = wrap::str_width(&line[..at]);
        // The whole char under the cursor must show, not just its first column.
        let cw = line[at..]
            .graphemes(true)
            .next()
            .map_or(1, wrap::display_width)
            .max(1);
        let width = usize::from(area.width);
        let mut left = self.hscroll;
        if cx < left {
            left = cx;
        } else if cx + cw > left + width {
            left = (cx + cw).saturating_sub(width);
        }
        left
    }

    fn view_single(&self, area: Rect) -> (Vec<Line<'static>>, usize, usize) {
        let line = &self.lines[0];
        let at = self.byte_at(self.col);
        let cx = wrap::str_width(&line[..at]);
        let left = self.hscroll_for(area);
        let mut x = 0usize;
        // Column of the first shown grapheme: past `left` when a wide char straddles it.
        let mut first_x = None;
        let mut shown = String::new();
        for g in line.graphemes(true) {
            let w = wrap::display_width(g);
            if x >= left {
                first_x.get_or_insert(x);
                shown.extend(g.chars().map(sanitize::display_char));
            }
            x += w;
        }
        let first_x = first_x.unwrap_or(left);
        (vec![Line::from(shown)], cx.saturating_sub(first_x), 0)
    }

    /// Every line wrapped at `width`: (line index, row). A line's first row keeps its leading
    /// spaces (wrap drops spaces at row starts, but typed indentation must show).
    fn visual_rows(&self, width: u16) -> Vec<(usize, Row)> {
        let mut out = Vec::new();
        for (li, line) in self.lines.iter().enumerate() {
            let mut rows = wrap::wrap(line, width);
            // A line holds no "\n\n", so wrap returns rows of a single paragraph.
            if let Some(first) = rows.first_mut() {
                first.start = 0;
                first.byte_start = 0;
            }
            out.extend(rows.into_iter().map(|r| (li, r)));
        }
        out
    }

    /// (visual row index, display column) of the cursor.
    fn cursor_visual(&self, rows: &[(usize, Row)]) -> (usize, usize) {
        let line = &self.lines[self.row];
        let byte = self.byte_at(self.col);
        let first = rows.partition_point(|(li, _)| *li < self.row);
        let mut idx = first;
        for (i, (li, r)) in rows.iter().enumerate().skip(first) {
            if *li != self.row || r.byte_start > byte {
                break;
            }
            idx = i;
        }
        let start = rows.get(idx).map_or(0, |(_, r)| r.byte_start.min(byte));
        (idx, wrap::str_width(&line[start..byte]))
    }

    fn line_len(&self) -> usize {
        self.lines[self.row].graphemes(true).count()
    }

    /// Byte offset of grapheme `col` in the cursor line (its end when past it).
    fn byte_at(&self, col: usize) -> usize {
        let line = &self.lines[self.row];
        line.grapheme_indices(true)
            .nth(col)
            .map_or(line.len(), |(b, _)| b)
    }

    /// Sets the cursor to the grapheme holding byte `byte` of the cursor line.
    fn set_col_from_byte(&mut self, byte: usize) {
        let line = &self.lines[self.row];
        let byte = byte.min(line.len());
        self.col = line
            .grapheme_indices(true)
            .take_while(|(b, _)| *b < byte)
            .count();
    }

    fn insert_char(&mut self, c: char) {
        let b = self.byte_at(self.col);
        self.lines[self.row].insert(b, c);
        // A combining mark joins the grapheme before it, so count rather than add one.
        self.set_col_from_byte(b + c.len_utf8());
    }

    fn newline(&mut self) {
        let b = self.byte_at(self.col);
        let rest = self.lines[self.row].split_off(b);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    fn backspace(&mut self) {
        if self.col > 0 {
            let end = self.byte_at(self.col);
            let start = self.byte_at(self.col - 1);
            self.lines[self.row].replace_range(start..end, "");
            self.col -= 1;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_len();
            self.lines[self.row].push_str(&line);
        }
    }

    fn delete(&mut self) {
        if self.col < self.line_len() {
            let start = self.byte_at(self.col);
            let end = self.byte_at(self.col + 1);
            self.lines[self.row].replace_range(start..end, "");
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    fn delete_word_back(&mut self) {
        if self.col == 0 {
            self.backspace();
            return;
        }
        let end = self.byte_at(self.col);
        let line = &self.lines[self.row];
        let start = word_start_before(line, end);
        self.lines[self.row].replace_range(start..end, "");
        self.set_col_from_byte(start);
    }

    fn delete_to_line_start(&mut self) {
        let end = self.byte_at(self.col);
        self.lines[self.row].replace_range(..end, "");
        self.col = 0;
    }

    fn delete_to_line_end(&mut self) {
        let start = self.byte_at(self.col);
        self.lines[self.row].truncate(start);
    }

    fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line_len();
        }
    }

    fn right(&mut self) {
        if self.col < self.line_len() {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    fn word_left(&mut self) {
        if self.col == 0 {
            self.left();
            return;
        }
        let end = self.byte_at(self.col);
        let start = word_start_before(&self.lines[self.row], end);
        self.set_col_from_byte(start);
    }

    fn word_right(&mut self) {
        let line = &self.lines[self.row];
        let b = self.byte_at(self.col);
        let c = line[..b].chars().count();
        let next = textnav::next_word(line, c);
        if next > c {
            let byte = line.char_indices().nth(next).map_or(line.len(), |(i, _)| i);
            self.set_col_from_byte(byte);
        } else if self.col < self.line_len() {
            self.col = self.line_len();
        } else {
            self.right();
        }
    }

    /// Moves the cursor `delta` visual rows (logical lines before the first render).
    fn vertical(&mut self, delta: isize) {
        if !self.multiline {
            return;
        }
        let width = self.width;
        let rows = if width == 0 {
            self.visual_rows(u16::MAX)
        } else {
            self.visual_rows(width)
        };
        let (cur, x) = self.cursor_visual(&rows);
        let goal = *self.goal.get_or_insert(x);
        let Some(target) = cur.checked_add_signed(delta).filter(|t| *t < rows.len()) else {
            return;
        };
        let (li, r) = rows[target];
        // Whether a cursor at the row's end still shows on this row: true unless the next
        // row of the same line starts right there (a word broken without a space).
        let end_is_here = rows
            .get(target + 1)
            .is_none_or(|(l, next)| *l != li || next.byte_start > r.byte_end);
        self.row = li;
        let line = &self.lines[li];
        let mut byte = r.byte_start;
        let mut at = 0usize;
        let text = line.get(r.byte_start..r.byte_end).unwrap_or("");
        let mut last_start = r.byte_start;
        let mut reached = false;
        for (b, g) in text.grapheme_indices(true) {
            let w = wrap::display_width(g);
            last_start = r.byte_start + b;
            if at + w > goal {
                byte = r.byte_start + b;
                reached = true;
                break;
            }
            at += w;
        }
        if !reached {
            // Past the row's text: its end, or its last grapheme when the end would show the
            // cursor on the next row.
            byte = if end_is_here || text.is_empty() {
                r.byte_end
            } else {
                last_start
            };
        }
        self.set_col_from_byte(byte);
        self.goal = Some(goal);
    }
}

/// The char an unbound key types, if it types one: a printable char with no modifier, or
/// with Ctrl+Alt, which is how AltGr arrives on some systems.
pub fn typed_char(key: &KeyEvent) -> Option<char> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if ctrl == alt && !c.is_control() => Some(c),
        _ => None,
    }
}

/// Byte offset of the start of the word before byte `end` of `line` (skipping spaces and
/// punctuation first, like readline's `C-w`).
fn word_start_before(line: &str, end: usize) -> usize {
    let c = line[..end].chars().count();
    let start = textnav::prev_word(line, c);
    line.char_indices()
        .nth(start)
        .map_or(0, |(i, _)| i)
        .min(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;

    fn km() -> &'static Keymap {
        static KM: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        KM.get_or_init(Keymap::defaults)
    }
    use ratatui::{Terminal, backend::TestBackend};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(input: &mut TextInput, s: &str) {
        for c in s.chars() {
            input.handle_key(km(), key(KeyCode::Char(c)));
        }
    }

    fn draw(input: &TextInput, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let hints = input.hints(km());
        term.draw(|f| input.render(f, f.area(), "Note", &hints))
            .unwrap();
        term
    }

    #[test]
    fn typing_inserts_unicode_and_combining_marks() {
        let mut t = TextInput::new("", true);
        typed(&mut t, "Grüße 普京 e\u{301}!");
        assert_eq!(t.text(), "Grüße 普京 e\u{301}!");
        assert_eq!(t.cursor(), (0, 11));
    }

    #[test]
    fn enter_is_newline_when_multiline_and_submit_when_not() {
        let mut t = TextInput::new("ab", true);
        t.handle_key(km(), key(KeyCode::Left));
        assert_eq!(
            t.handle_key(km(), key(KeyCode::Enter)),
            InputOutcome::Continue
        );
        assert_eq!(t.text(), "a\nb");
        let mut one = TextInput::new("ab", false);
        assert_eq!(
            one.handle_key(km(), key(KeyCode::Enter)),
            InputOutcome::Submit
        );
        assert_eq!(one.text(), "ab");
    }

    #[test]
    fn esc_cancels_a_one_line_prompt() {
        let mut one = TextInput::new("x", false);
        assert_eq!(
            one.handle_key(km(), key(KeyCode::Esc)),
            InputOutcome::Cancel
        );
        assert_eq!(one.handle_key(km(), ctrl('c')), InputOutcome::Cancel);
        assert_eq!(
            one.handle_key(km(), key(KeyCode::Enter)),
            InputOutcome::Submit
        );
    }

    #[test]
    fn submit_and_cancel_keys() {
        let mut t = TextInput::new("x", true);
        assert_eq!(t.handle_key(km(), key(KeyCode::Esc)), InputOutcome::Submit);
        assert_eq!(t.handle_key(km(), ctrl('s')), InputOutcome::Submit);
        assert_eq!(t.handle_key(km(), ctrl('c')), InputOutcome::Cancel);
        assert_eq!(t.text(), "x");
    }

    #[test]
    fn backspace_and_delete_work_on_graphemes_and_join_lines() {
        let mut t = TextInput::new("a👍🏽\nb", true);
        t.handle_key(km(), key(KeyCode::Home));
        t.handle_key(km(), key(KeyCode::Backspace));
        assert_eq!(t.text(), "a👍🏽b");
        assert_eq!(t.cursor(), (0, 2));
        t.handle_key(km(), key(KeyCode::Backspace));
        assert_eq!(t.text(), "ab");
        t.handle_key(km(), key(KeyCode::Home));
        t.handle_key(km(), key(KeyCode::Delete));
        assert_eq!(t.text(), "b");
        t.handle_key(km(), key(KeyCode::End));
        t.handle_key(km(), key(KeyCode::Delete));
        assert_eq!(t.text(), "b");
    }

    #[test]
    fn arrows_home_end_and_emacs_keys_move() {
        let mut t = TextInput::new("abc\ndefgh", true);
        assert_eq!(t.cursor(), (1, 5));
        t.handle_key(km(), key(KeyCode::Up));
        assert_eq!(t.cursor(), (0, 3));
        t.handle_key(km(), key(KeyCode::Down));
        assert_eq!(t.cursor(), (1, 5), "goal column is kept");
        t.handle_key(km(), ctrl('a'));
        assert_eq!(t.cursor(), (1, 0));
        t.handle_key(km(), key(KeyCode::Left));
        assert_eq!(t.cursor(), (0, 3));
        t.handle_key(km(), key(KeyCode::Right));
        assert_eq!(t.cursor(), (1, 0));
        t.handle_key(km(), ctrl('e'));
        assert_eq!(t.cursor(), (1, 5));
        t.handle_key(km(), key(KeyCode::Home));
        t.handle_key(km(), key(KeyCode::End));
        assert_eq!(t.cursor(), (1, 5));
    }

    #[test]
    fn word_keys_delete_and_move_by_word() {
        let mut t = TextInput::new("Putin trifft Pezeshkian", false);
        t.handle_key(km(), ctrl('w'));
        assert_eq!(t.text(), "Putin trifft ");
        let ctrl_left = KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL);
        t.handle_key(km(), ctrl_left);
        assert_eq!(t.cursor(), (0, 6));
        let alt_left = KeyEvent::new(KeyCode::Left, KeyModifiers::ALT);
        t.handle_key(km(), alt_left);
        assert_eq!(t.cursor(), (0, 0));
        let ctrl_right = KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL);
        t.handle_key(km(), ctrl_right);
        assert_eq!(t.cursor(), (0, 6));
        t.handle_key(km(), ctrl_right);
        assert_eq!(t.cursor(), (0, 13));
        t.handle_key(km(), ctrl('u'));
        assert_eq!(t.text(), "");
    }

    #[test]
    fn ctrl_u_deletes_to_line_start_only() {
        let mut t = TextInput::new("eins\nzwei drei", true);
        t.handle_key(km(), KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        t.handle_key(km(), ctrl('u'));
        assert_eq!(t.text(), "eins\ndrei");
    }

    #[test]
    fn up_down_move_by_wrapped_row_after_layout() {
        let mut t = TextInput::new("aaaa bbbb cccc", true);
        t.layout(Rect::new(0, 0, 8, 6)); // text width 6: rows "aaaa", "bbbb", "cccc"
        t.handle_key(km(), key(KeyCode::Up));
        assert_eq!(t.cursor(), (0, 9));
        t.handle_key(km(), key(KeyCode::Up));
        assert_eq!(t.cursor(), (0, 4));
    }

    #[test]
    fn drawing_does_not_change_what_keys_do() {
        let mut t = TextInput::new("aaaa bbbb cccc", true);
        // Before any layout Up moves by logical line: a draw at any width must not change it.
        let _ = draw(&t, 8, 6);
        t.handle_key(km(), key(KeyCode::Up));
        assert_eq!(t.cursor(), (0, 14));
        t.layout(Rect::new(0, 0, 8, 6));
        let _ = draw(&t, 40, 6);
        t.handle_key(km(), key(KeyCode::Up));
        assert_eq!(
            t.cursor(),
            (0, 9),
            "the layout's width, not the last draw's"
        );
    }

    #[test]
    fn widths_are_per_grapheme_as_in_the_reader() {
        // Why not a crate that sums char widths: a skin-toned emoji is one 2-column
        // grapheme here, 4 columns counted char by char.
        use unicode_width::UnicodeWidthChar;
        let thumbs = "👍🏽";
        assert_eq!(wrap::display_width(thumbs), 2);
        let per_char: usize = thumbs.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(per_char, 4);
    }

    #[test]
    fn pasted_text_is_cleaned() {
        let mut t = TextInput::new("", false);
        t.insert_str("a\r\nb\tc\u{1b}d");
        assert_eq!(t.text(), "a b cd");
        let mut m = TextInput::new("", true);
        m.insert_str("a\r\nb");
        assert_eq!(m.text(), "a\nb");
    }

    #[test]
    fn release_events_are_ignored() {
        let mut t = TextInput::new("", false);
        let mut k = key(KeyCode::Char('x'));
        k.kind = KeyEventKind::Release;
        t.handle_key(km(), k);
        assert_eq!(t.text(), "");
    }

    #[test]
    fn snapshot_multiline_with_wrapping_and_wide_chars() {
        let t = TextInput::new(
            "Putin trifft Pezeshkian in Aschgabat.\n普京和佩泽什基安 👍🏽\nRLO\u{202E}ESC\u{1b}[31m",
            true,
        );
        let term = draw(&t, 24, 8);
        insta::assert_snapshot!(term.backend());
    }

    #[test]
    fn snapshot_scrolls_to_keep_cursor_visible() {
        let text: Vec<String> = (1..=12).map(|i| format!("line {i}")).collect();
        let t = TextInput::new(&text.join("\n"), true);
        let mut term = draw(&t, 20, 6);
        insta::assert_snapshot!(term.backend());
        let pos = term.get_cursor_position().unwrap();
        assert_eq!(pos, Position { x: 8, y: 3 });
    }

    #[test]
    fn snapshot_single_line_scrolls_horizontally() {
        let t = TextInput::new("a long one-line title that does not fit", false);
        let term = draw(&t, 20, 4);
        insta::assert_snapshot!(term.backend());
    }

    fn any_key() -> impl proptest::strategy::Strategy<Value = KeyEvent> {
        use proptest::prelude::*;
        let code = prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            prop::sample::select(vec!['a', ' ', '普', '\u{301}', '\u{200D}', '👍', 'w', 'u'])
                .prop_map(KeyCode::Char),
            prop::sample::select(vec![
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Home,
                KeyCode::End,
            ]),
        ];
        let mods = prop::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::SHIFT,
        ]);
        (code, mods).prop_map(|(c, m)| KeyEvent::new(c, m))
    }

    proptest::proptest! {
        #[test]
        fn random_keys_keep_the_cursor_valid(
            keys in proptest::collection::vec(any_key(), 0..80),
            multiline in proptest::bool::ANY,
            w in 1u16..30,
            h in 1u16..8,
        ) {
            let mut t = TextInput::new("ab cd\nef", multiline);
            for (i, k) in keys.into_iter().enumerate() {
                t.handle_key(km(), k);
                let (row, col) = t.cursor();
                proptest::prop_assert!(row < t.lines.len());
                proptest::prop_assert!(col <= t.lines[row].graphemes(true).count());
                if !multiline {
                    proptest::prop_assert_eq!(t.lines.len(), 1);
                }
                if i % 7 == 0 {
                    let _ = draw(&t, w, h);
                }
            }
            let _ = draw(&t, w, h);
        }
    }

    #[test]
    fn single_line_cursor_stays_on_its_char_with_wide_chars_scrolled() {
        let mut t = TextInput::new("普京和佩泽什基安普京和佩泽什基安", false);
        for _ in 0..3 {
            t.handle_key(km(), key(KeyCode::Left));
        }
        // Text width 7 (odd), so the left edge falls inside a wide char.
        let mut term = draw(&t, 9, 3);
        let pos = term.get_cursor_position().unwrap();
        let cell = term.backend().buffer()[(pos.x, pos.y)].symbol().to_string();
        assert_eq!(cell, "什");
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let t = TextInput::new("abc\ndef", true);
        for (w, h) in [(1, 1), (2, 2), (3, 3), (1, 5), (5, 1)] {
            let _ = draw(&t, w, h);
        }
    }
}
