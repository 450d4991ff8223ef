//! Drawing: a pure function of the app state. Nothing here changes state.

mod chart;
mod help;
mod list;
mod panel;
mod reader;
mod review;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use super::app::{App, InputFor, Overlay, PickFor, input_title};
use super::layout::{Areas, Focus};

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
    let Some(area) = app.overlay_area else {
        return;
    };
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { of, scroll } => help::draw(frame, app, *of, *scroll, area),
        Overlay::Review { at } => review::draw(frame, app, *at, area),
        Overlay::Input { purpose, input } => {
            if let (InputFor::Speaker(_), Some(names)) = (purpose, &app.speaker_names) {
                // The picker stands right above the prompt: its border, query line, the
                // row for the text as typed, and the names.
                let h = u16::try_from(names.len())
                    .unwrap_or(u16::MAX)
                    .saturating_add(4)
                    .min(area.y)
                    .min(10);
                if h >= 3 {
                    let above = Rect {
                        y: area.y - h,
                        height: h,
                        ..area
                    };
                    names.render(frame, above);
                }
            }
            input.render(
                frame,
                area,
                &input_title(app, purpose),
                &input.hints(&app.keymap),
            );
        }
        Overlay::Picker {
            purpose: PickFor::CorpusHit(_),
            picker,
        } if app.corpus_chart.is_some() => chart::draw_with_picker(frame, app, picker, area),
        Overlay::Picker { picker, .. } => picker.render(frame, area),
    }
}

/// The block every pane sits in. The focused one is unmistakable without colour too: a
/// thick border in the accent colour and a `▶` before its title; the others are rounded
/// and dim.
fn pane_block<'a>(app: &App, focus: Focus, mut title: Line<'a>) -> Block<'a> {
    let focused = app.focus == focus;
    if focused {
        title.spans.insert(0, ratatui::text::Span::raw("▶"));
    }
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
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
