//! The article list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{dim, fit, pad, pane_block};
use crate::app::App;
use crate::layout::{Focus, inner};
use gloss_core::sanitize::for_display;

/// Draws the list pane.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let mut title = vec![Span::raw(" Articles ")];
    if app.loading() {
        title.push(Span::styled(
            format!("{}/{} ", app.library.meta_done, app.library.meta_total),
            Style::default().fg(Color::Yellow),
        ));
    } else {
        title.push(Span::styled(format!("{} ", app.library.items.len()), dim()));
    }
    let block = pane_block(app, Focus::List, Line::from(title));
    let inn = inner(area);
    frame.render_widget(block, area);
    let w = inn.width as usize;
    let open = app.doc.as_ref().map(|d| &d.path);
    let focused = app.focus == Focus::List;
    let lines: Vec<Line> = app
        .library
        .items
        .iter()
        .enumerate()
        .skip(app.library.top)
        .take(inn.height as usize)
        .map(|(i, (path, meta))| {
            let title = if meta.title.is_empty() {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            } else {
                meta.title.clone()
            };
            // Full dates when there is room, month-day when the pane is narrower, none
            // when a date would leave the title too few columns to tell articles apart
            // (the list is sorted by date, and the reader's header shows it).
            let (fmt, date_w): (&str, usize) = if w >= 34 {
                ("%Y-%m-%d", 11)
            } else if w >= 29 {
                ("%m-%d", 6)
            } else {
                ("", 0)
            };
            let date = meta
                .date
                .map(|d| d.format(fmt).to_string())
                .unwrap_or_else(|| " ".repeat(date_w.saturating_sub(1)));
            let is_open = open == Some(path);
            let marker = if is_open { "▍" } else { " " };
            let title_w = w.saturating_sub(1 + date_w);
            let mut title_style = if app.library.meta_loaded.contains(path) {
                Style::default()
            } else {
                dim()
            };
            if is_open {
                title_style = title_style.add_modifier(Modifier::BOLD);
            }
            let mut spans = vec![Span::styled(marker, Style::default().fg(app.theme.accent))];
            if date_w > 0 {
                spans.push(Span::styled(format!("{date} "), dim()));
            }
            spans.push(Span::styled(
                fit(&for_display(&title), title_w),
                title_style,
            ));
            let mut line = pad(Line::from(spans), w);
            if i == app.library.sel {
                let bg = if focused {
                    app.theme.selection
                } else {
                    Color::Rgb(0x30, 0x30, 0x30)
                };
                line = line.style(Style::default().bg(bg));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inn);
}
