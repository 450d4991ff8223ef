//! Drawing: a pure function of the app state. Nothing here changes state.

mod help;
mod list;
mod panel;
mod reader;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use super::app::{App, InputFor, Overlay, input_title};
use super::layout::{Areas, Focus};
use super::widgets::centered_rect;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let size = frame.area();
    let areas = Areas::compute(size, app.focus, true);
    if let Some(r) = areas.list {
        list::draw(frame, app, r);
    }
    if let Some(r) = areas.reader {
        reader::draw(frame, app, r);
    }
    if let Some(r) = areas.panel {
        panel::draw(frame, app, r);
    }
    if let Some(r) = areas.status {
        status::draw(frame, app, r);
    }
    let body = body_rect(size);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { of, scroll } => help::draw(frame, app, *of, *scroll, body),
        Overlay::Input { purpose, input } => {
            let title = input_title(app, purpose);
            let area = input_rect(size, purpose);
            input.render(frame, area, &title, &input.hints(&app.keymap));
        }
        Overlay::Picker { picker, .. } => picker.render(frame, centered_rect(50, 60, body)),
    }
}

/// The screen above the status bar, where overlays go.
fn body_rect(size: Rect) -> Rect {
    Rect::new(
        size.x,
        size.y,
        size.width,
        size.height.saturating_sub(1).max(1),
    )
}

/// Where a text input is drawn on a screen of `size`: the note editor centred, a prompt as
/// a band at the bottom. The app lays the input out with the same rect, so what key
/// handling knows of its width is what the screen shows.
pub fn input_rect(size: Rect, purpose: &InputFor) -> Rect {
    let body = body_rect(size);
    match purpose {
        InputFor::Note(_) => centered_rect(70, 50, body),
        _ => bottom_rect(body, 3),
    }
}

/// A full-width band of `h` rows at the bottom of `area`, inset by two columns.
fn bottom_rect(area: Rect, h: u16) -> Rect {
    let h = h.min(area.height);
    let inset = if area.width > 8 { 2 } else { 0 };
    Rect::new(
        area.x + inset,
        area.y + area.height - h,
        area.width - 2 * inset,
        h,
    )
}

/// The rounded block every pane sits in, its border in the accent colour when focused.
fn pane_block<'a>(app: &App, focus: Focus, title: Line<'a>) -> Block<'a> {
    let focused = app.focus == focus;
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(app.theme.border(focused))
        .title(title.style(app.theme.title(focused)))
}

/// Cuts a string to `w` display columns, with an ellipsis when cut.
fn fit(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// A dim style for secondary text.
fn dim() -> Style {
    Style::default().fg(ratatui::style::Color::DarkGray)
}

/// Fills a line with spaces to `w` columns so a background covers the whole row.
fn pad(mut line: Line<'_>, w: usize) -> Line<'_> {
    let used = line.width();
    if used < w {
        line.spans
            .push(ratatui::text::Span::raw(" ".repeat(w - used)));
    }
    line
}
