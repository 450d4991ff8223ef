//! The reading pane: the article header, then only the visible rows, each with the
//! highlights that fall in it.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{dim, fit, pane_block};
use crate::app::App;
use crate::doc::Doc;
use crate::layout::{Focus, reader_parts};
use crate::styled::{StyleSpan, row_line};
use crate::theme::Theme;
use gloss_core::sanitize::for_display;

/// Draws the reader pane.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let title = match (&app.doc, &app.opening) {
        (_, Some(p)) => format!(
            " opening {}… ",
            p.file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default()
        ),
        (Some(d), None) => {
            let pos = app
                .library
                .items
                .iter()
                .position(|(p, _)| *p == d.path)
                .map(|i| format!(" {}/{} ", i + 1, app.library.items.len()))
                .unwrap_or_else(|| " ".into());
            format!(" Reader{pos}")
        }
        (None, None) => " Reader ".into(),
    };
    let block = pane_block(app, Focus::Reader, Line::from(title));
    frame.render_widget(block, area);
    let Some(doc) = &app.doc else {
        return;
    };
    let (head, text) = reader_parts(area);
    if let Some(h) = head {
        draw_header(frame, app, doc, h);
    }
    draw_text(frame, app, doc, text);
    if doc.rows.len() > doc.view_h && area.height > 2 {
        let mut state = ScrollbarState::new(doc.max_top()).position(doc.top);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│"))
                .track_style(app.theme.border(app.focus == Focus::Reader))
                .thumb_style(Style::default().fg(app.theme.accent)),
            area.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut state,
        );
    }
}

fn draw_header(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let w = area.width as usize;
    let m = &doc.meta;
    let mut facts: Vec<String> = Vec::new();
    if let Some(d) = m.date {
        facts.push(d.format("%Y-%m-%d").to_string());
    }
    facts.extend(m.section.iter().cloned());
    facts.extend(m.source.iter().cloned());
    facts.extend(m.author.iter().cloned());
    facts.push(m.lang.code().to_string());
    if doc.read_only.is_some() || app.store_read_only.is_some() {
        facts.push("read-only".into());
    }
    let lines = vec![
        Line::from(Span::styled(
            fit(&for_display(&m.title), w),
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(
            fit(&for_display(&facts.join(" · ")), w),
            dim(),
        )),
        Line::from(Span::styled("─".repeat(w), dim())),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// Highlight spans for the chars `start..end`, in layering order: annotations, search
/// matches, the selected annotation, the visual selection, the cursor.
pub fn spans_for(app: &App, doc: &Doc, start: usize, end: usize) -> Vec<StyleSpan> {
    let theme: &Theme = &app.theme;
    let mut out = Vec::new();
    let range = doc.anns_in(start, end);
    // Claims first so entity colours inside them stay readable.
    for pass_claims in [true, false] {
        for i in range.clone() {
            let a = &doc.anns[i];
            // Orphaned ones hold a stale position: the panel lists them, the text does not.
            if (a.kind == gloss_core::annotation::Kind::Claim) != pass_claims
                || a.end <= start
                || a.orphaned
            {
                continue;
            }
            let mut style = theme.highlight(a.kind, &a.label, a.status);
            if a.changed_from.is_some() {
                // Changed wording: underlined in its own colour (the panel's mark's), over
                // whatever its status looks like, so a changed quote never passes as one
                // that was read and accepted as it stands.
                style = style
                    .underline_color(crate::marks::CHANGED.color)
                    .add_modifier(ratatui::style::Modifier::UNDERLINED);
            }
            out.push(StyleSpan {
                start: a.start,
                end: a.end,
                style,
            });
        }
    }
    if let Some(s) = &doc.search {
        let lo = s.matches.partition_point(|m| m.1 <= start);
        for &(ms, me) in s.matches[lo..].iter().take_while(|m| m.0 < end) {
            out.push(StyleSpan {
                start: ms,
                end: me,
                style: Style::default().fg(Color::Black).bg(theme.search),
            });
        }
    }
    if let Some(i) = doc.selected_index() {
        let a = &doc.anns[i];
        let mut style = Style::default()
            .bg(theme.selection)
            .add_modifier(Modifier::BOLD);
        // An accepted entity is dark text on its type's colour; on the selection's dark
        // background that text would vanish, so its colour becomes the text colour.
        if let Some(bg) = theme.highlight(a.kind, &a.label, a.status).bg {
            style = style.fg(bg);
        }
        out.push(StyleSpan {
            start: a.start,
            end: a.end,
            style,
        });
    }
    if let Some((s, e)) = doc.selection() {
        out.push(StyleSpan {
            start: s,
            end: e,
            style: Style::default().bg(Color::Blue).fg(Color::White),
        });
    }
    if app.focus == Focus::Reader && doc.char_len > 0 {
        let c = doc.cursor.min(doc.char_len - 1);
        out.push(StyleSpan {
            start: c,
            end: c + 1,
            style: Style::default().add_modifier(Modifier::REVERSED),
        });
    }
    out
}

fn draw_text(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let visible = &doc.rows
        [doc.top.min(doc.rows.len())..(doc.top + area.height as usize).min(doc.rows.len())];
    let (Some(first), Some(last)) = (visible.first(), visible.last()) else {
        return;
    };
    let spans = spans_for(app, doc, first.start, last.end.max(first.start + 1));
    let lines: Vec<Line> = visible
        .iter()
        .map(|row| row_line(&doc.body, row, &spans, Style::default()))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    // A changed quote's sign in the margin left of the row it starts on (the text itself
    // cannot take a glyph without moving every offset after it).
    if area.x == 0 {
        return;
    }
    let margin = area.x - 1;
    for (y, row) in (area.y..).zip(visible) {
        let changed = doc.anns_in(row.start, row.end.max(row.start + 1)).any(|i| {
            let a = &doc.anns[i];
            a.changed_from.is_some() && !a.orphaned && a.start >= row.start && a.start < row.end
        });
        if changed && let Some(cell) = frame.buffer_mut().cell_mut((margin, y)) {
            cell.set_symbol("≠")
                .set_style(Style::default().fg(crate::marks::CHANGED.color));
        }
    }
}
