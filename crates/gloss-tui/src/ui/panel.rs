//! The side panel: entities grouped by canonical name, then claims.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{dim, fit, pad, pane_block};
use crate::app::App;
use crate::doc::{Doc, Filter, PanelRow, Summary};
use crate::layout::{Focus, inner};
use gloss_core::annotation::{Annotation, Kind};
use gloss_core::sanitize::for_display;

/// Draws the side panel.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let mut title = vec![Span::raw(" Entities · Claims ")];
    if let Some(d) = &app.doc
        && d.filter != Filter::All
    {
        title.push(Span::styled(
            format!("[{}] ", d.filter.name()),
            Style::default().fg(Color::Yellow),
        ));
    }
    frame.render_widget(pane_block(app, Focus::Panel, Line::from(title)), area);
    let Some(doc) = &app.doc else { return };
    let inn = inner(area);
    // One column of air on the left when there is room for it.
    let inn = if inn.width > 12 {
        Rect::new(inn.x + 1, inn.y, inn.width - 1, inn.height)
    } else {
        inn
    };
    let w = inn.width as usize;
    let focused = app.focus == Focus::Panel;
    let lines: Vec<Line> = doc
        .panel
        .iter()
        .enumerate()
        .skip(doc.panel_top)
        .take(inn.height as usize)
        .map(|(r, row)| {
            let line = row_line(app, doc, row, w);
            if r == doc.panel_sel && doc.panel_selectable(r) {
                let style = if focused {
                    Style::default()
                        .bg(app.theme.selection)
                        .add_modifier(Modifier::BOLD)
                } else {
                    Style::default().bg(Color::Rgb(0x30, 0x30, 0x30))
                };
                pad(line, w).style(style)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inn);
}

/// One glyph for the state of one annotation.
fn status_mark(a: &Annotation) -> (&'static str, Color) {
    summary_mark(&Summary::of(std::iter::once(a)))
}

/// One glyph for the state of a set of mentions: orphaned, all accepted, all rejected,
/// decided in part, or untouched.
fn summary_mark(s: &Summary) -> (&'static str, Color) {
    // Awaiting review after a merge comes first: it is what the user must act on.
    if s.conflict {
        return ("!", Color::LightMagenta);
    }
    if s.orphaned {
        return ("?", Color::LightRed);
    }
    let (acc, rej) = (s.accepted, s.rejected);
    if acc == s.count {
        ("✓", Color::LightGreen)
    } else if rej == s.count {
        ("✗", Color::LightRed)
    } else if acc + rej > 0 {
        ("◐", Color::Yellow)
    } else {
        ("·", Color::Gray)
    }
}

fn row_line<'a>(app: &App, doc: &Doc, row: &PanelRow, w: usize) -> Line<'a> {
    match row {
        PanelRow::Header(kind, n) => {
            let name = match kind {
                Kind::Entity => "ENTITIES",
                Kind::Claim => "CLAIMS",
            };
            Line::from(vec![
                Span::styled(
                    name,
                    Style::default()
                        .fg(app.theme.accent)
                        .add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!(" {n}"), dim()),
            ])
        }
        PanelRow::Entity { canon, summary, .. } => {
            if summary.count == 0 {
                return Line::default();
            }
            let label = summary.label.clone();
            let (mark, mark_color) = summary_mark(summary);
            let manual = summary.manual;
            let tags = summary.tags.clone();
            // Always a space before the count, however many digits it has (a name cut to
            // fit ran into a four-digit count).
            let count = format!(" {:>2}", summary.count);
            let type_w = 5;
            let tag_text: String = tags.iter().map(|t| format!(" #{t}")).collect();
            let fixed = 2 + type_w + count.len() + 1;
            let tag_room = if w >= 30 { w / 4 } else { 0 };
            let authors = authors_text(&summary.authors);
            let author_room = if w >= 30 { w / 5 } else { 0 };
            let name_w = w.saturating_sub(
                fixed
                    + tag_text.chars().count().min(tag_room)
                    + authors.chars().count().min(author_room),
            );
            let name = fit(&for_display(canon), name_w);
            let name_pad =
                name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
            let mut spans = vec![
                Span::styled(format!("{mark} "), Style::default().fg(mark_color)),
                Span::styled(
                    format!("{:<4} ", fit(&label, 4)),
                    Style::default()
                        .fg(app.theme.type_color(&label))
                        .add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    name,
                    if manual {
                        Style::default().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
                    } else {
                        Style::default()
                    },
                ),
                Span::raw(" ".repeat(name_pad)),
                Span::styled(count, dim()),
            ];
            if author_room > 0 && !authors.is_empty() {
                spans.push(Span::styled(fit(&authors, author_room), dim()));
            }
            for t in tags.into_iter().filter(|_| tag_room > 0) {
                spans.push(Span::styled(
                    fit(&format!(" #{}", for_display(&t)), tag_room),
                    Style::default().fg(app.theme.tag_color(&t)),
                ));
            }
            Line::from(spans)
        }
        PanelRow::Claim(i) => {
            let Some(a) = doc.anns.get(*i) else {
                return Line::default();
            };
            let (mark, mark_color) = status_mark(a);
            let speaker = a
                .speaker
                .as_ref()
                .map(|s| format!(" — {}", for_display(s)))
                .unwrap_or_default();
            let tag_text: String = a.tags.iter().map(|t| format!(" #{t}")).collect();
            let author = authors_text(a.author.as_slice());
            let quote_w = w.saturating_sub(
                2 + speaker.chars().count().min(w / 3)
                    + tag_text.chars().count().min(w / 4)
                    + author.chars().count().min(w / 5),
            );
            let mut spans = vec![
                Span::styled(format!("{mark} "), Style::default().fg(mark_color)),
                Span::styled(
                    fit(&format!("“{}”", for_display(&a.text)), quote_w),
                    Style::default().fg(app.theme.claim),
                ),
                Span::styled(fit(&speaker, w / 3), dim()),
            ];
            if !author.is_empty() {
                spans.push(Span::styled(fit(&author, w / 5), dim()));
            }
            for t in &a.tags {
                spans.push(Span::styled(
                    fit(&format!(" #{}", for_display(t)), w / 4),
                    Style::default().fg(app.theme.tag_color(t)),
                ));
            }
            Line::from(spans)
        }
    }
}

/// ` @ann,bob`: who made or changed these annotations (empty when no one is recorded).
fn authors_text(authors: &[String]) -> String {
    if authors.is_empty() {
        return String::new();
    }
    format!(" @{}", for_display(&authors.join(",")))
}
