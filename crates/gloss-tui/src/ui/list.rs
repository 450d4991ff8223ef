//! The article list: the rows the filter keeps, in the list's order, each with its read
//! and annotated marks. Only the visible rows are drawn, from metadata in memory.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{dim, fit, pad, pane_block};
use crate::app::{App, Library};
use crate::layout::{Focus, inner};
use crate::marks;
use gloss_core::sanitize::for_display;

/// Draws the list pane.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lib = &app.library;
    let mut title = vec![Span::raw(" Articles ")];
    if app.loading() {
        title.push(Span::styled(
            format!("{}/{} ", lib.meta_done, lib.meta_total),
            Style::default().fg(Color::Yellow),
        ));
    }
    if !lib.filter.is_empty() {
        title.push(Span::styled(
            format!("{} of {} ", lib.len(), lib.items.len()),
            Style::default().fg(app.theme.accent),
        ));
    } else if !app.loading() {
        title.push(Span::styled(format!("{} ", lib.items.len()), dim()));
    }
    let mut block = pane_block(app, Focus::List, Line::from(title));
    // The filter and the order in force, on the bottom border (the status bar says them
    // whole).
    let mut how: Vec<String> = Vec::new();
    if !lib.filter.is_empty() {
        how.push(format!("/{}", for_display(&lib.filter.query)));
    }
    if lib.sort != crate::app::ListSort::Date {
        how.push(lib.sort.describe().to_string());
    }
    if !how.is_empty() {
        let room = (area.width as usize).saturating_sub(4);
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {} ", fit(&how.join(" · "), room.saturating_sub(2))),
            Style::default().fg(app.theme.accent),
        )));
    }
    let inn = inner(area);
    frame.render_widget(block, area);
    let w = inn.width as usize;
    if lib.is_empty() && !lib.filter.is_empty() {
        let line = Line::from(Span::styled(
            fit("no article matches · Esc clears", w),
            dim(),
        ));
        frame.render_widget(Paragraph::new(line), inn);
        return;
    }
    let open = app.doc.as_ref().map(|d| &d.path);
    let focused = app.focus == Focus::List;
    // Full dates when there is room, month-day when the pane is narrower, none when a
    // date would leave the title too few columns to tell articles apart (the reader's
    // header shows it).
    let (fmt, date_w): (&str, usize) = if w >= 35 {
        ("%Y-%m-%d", 11)
    } else if w >= 30 {
        ("%m-%d", 6)
    } else {
        ("", 0)
    };
    let lines: Vec<Line> = (lib.top..lib.len().min(lib.top + inn.height as usize))
        .filter_map(|i| lib.row(i).map(|r| (i, r)))
        .map(|(i, (path, meta))| {
            let title = Library::title_of(path, meta);
            let date = meta
                .date
                .map(|d| d.format(fmt).to_string())
                .unwrap_or_else(|| " ".repeat(date_w.saturating_sub(1)));
            let is_open = open == Some(path);
            let marker = if is_open { "▍" } else { " " };
            // The open article is being read: no dot, whatever the reading positions say.
            let unread = !is_open && !lib.read.contains(path);
            let count = lib.count(path);
            let count_text = if count > 0 {
                format!(" {}{count}", marks::ANNOTATED.glyph)
            } else {
                String::new()
            };
            let count_w = count_text.chars().count();
            // One column holds both marks: the open article is never unread.
            let title_w = w.saturating_sub(1 + date_w + count_w);
            let mut title_style = if Library::meta_loaded(meta) {
                Style::default()
            } else {
                dim()
            };
            if is_open {
                title_style = title_style.add_modifier(Modifier::BOLD);
            }
            let mut spans = vec![if unread {
                Span::styled(
                    marks::UNREAD.glyph,
                    Style::default().fg(marks::UNREAD.color),
                )
            } else {
                Span::styled(marker, Style::default().fg(app.theme.accent))
            }];
            if date_w > 0 {
                spans.push(Span::styled(format!("{date} "), dim()));
            }
            let shown = fit(&for_display(&title), title_w);
            let gap = title_w.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
            spans.push(Span::styled(shown, title_style));
            if count > 0 {
                spans.push(Span::raw(" ".repeat(gap)));
                spans.push(Span::styled(
                    count_text,
                    Style::default().fg(marks::ANNOTATED.color),
                ));
            }
            let mut line = pad(Line::from(spans), w);
            if i == lib.sel {
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
