//! The side panel: entities grouped by canonical name, then claims.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{dim, fit, pad, pane_block};
use crate::app::{App, detail_rows};
use crate::doc::{Doc, Filter, PanelRow, Summary};
use crate::layout::{Focus, panel_parts};
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
    // The same parts update scrolled the rows for.
    let full_w = panel_parts(area, 0).0.width;
    let (detail_body, detail) = detail_rows(doc, full_w);
    let (inn, detail_area) = panel_parts(area, detail.len());
    let w = inn.width as usize;
    let focused = app.focus == Focus::Panel;
    let mut lines: Vec<Line> = Vec::new();
    for (r, row) in doc.panel.iter().enumerate().skip(doc.panel_top) {
        if lines.len() >= inn.height as usize {
            break;
        }
        let rows = row_lines(app, doc, row, w);
        let selected = r == doc.panel_sel && doc.panel_selectable(r);
        lines.extend(rows.into_iter().map(|line| {
            if selected {
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
        }));
    }
    frame.render_widget(Paragraph::new(lines), inn);
    if let Some(d) = detail_area {
        draw_detail(frame, &detail_body, &detail, d);
    }
}

/// The selected annotation's whole claim and note, under a rule.
fn draw_detail(frame: &mut Frame, body: &str, rows: &[crate::wrap::Row], area: Rect) {
    let w = area.width as usize;
    let mut lines = vec![Line::from(Span::styled(
        fit(
            &format!("── selected {}", "─".repeat(w.saturating_sub(12))),
            w,
        ),
        dim(),
    ))];
    let room = (area.height as usize).saturating_sub(1);
    lines.extend(
        rows.iter()
            .take(room)
            .map(|row| crate::styled::row_line(body, row, &[], Style::default())),
    );
    if rows.len() > room
        && let Some(last) = lines.last_mut()
    {
        // Cut: say so rather than end mid-sentence as if that were all.
        let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
        *last = Line::from(fit(&format!("{text} …"), w));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The screen lines of one panel row ([`panel_row_lines`] of them).
fn row_lines<'a>(app: &App, doc: &Doc, row: &PanelRow, w: usize) -> Vec<Line<'a>> {
    match row {
        PanelRow::Claim(i) => {
            let Some(a) = doc.anns.get(*i) else {
                return vec![Line::default(), Line::default()];
            };
            claim_lines(app, a, w)
        }
        _ => vec![row_line(app, doc, row, w)],
    }
}

/// A claim on two lines: its mark and the quote's opening words, then the rest of them
/// and the speaker (and tags) right-aligned.
fn claim_lines<'a>(app: &App, a: &Annotation, w: usize) -> Vec<Line<'a>> {
    let (mark, mark_color) = status_mark(a);
    let quote = for_display(&format!("“{}”", a.text));
    let speaker = a
        .speaker
        .as_ref()
        .map(|s| format!(" — {}", for_display(s)))
        .unwrap_or_default();
    let tag_text: String = a
        .tags
        .iter()
        .map(|t| format!(" #{}", for_display(t)))
        .collect();
    let first_w = w.saturating_sub(2);
    let (first, rest) = split_at_width(&quote, first_w);
    let tail = fit(&format!("{speaker}{tag_text}"), (w / 2).max(1));
    let second_w = w.saturating_sub(2 + unicode_width::UnicodeWidthStr::width(tail.as_str()));
    let second = fit(rest.trim_start(), second_w);
    let pad_w = second_w.saturating_sub(unicode_width::UnicodeWidthStr::width(second.as_str()));
    let quote_style = Style::default().fg(app.theme.claim);
    vec![
        Line::from(vec![
            Span::styled(format!("{mark} "), Style::default().fg(mark_color)),
            Span::styled(first, quote_style),
        ]),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(second, quote_style),
            Span::raw(" ".repeat(pad_w)),
            Span::styled(tail, dim()),
        ]),
    ]
}

/// `s` split where it first exceeds `w` columns, at a space when one is near (so the
/// first line ends on a whole word).
fn split_at_width(s: &str, w: usize) -> (String, String) {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    let mut cut = s.len();
    for (b, c) in s.char_indices() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w {
            cut = b;
            break;
        }
        used += cw;
    }
    if cut == s.len() {
        return (s.to_string(), String::new());
    }
    let at = match s[..cut].rfind(' ') {
        Some(sp) if sp > cut / 2 => sp,
        _ => cut,
    };
    (s[..at].to_string(), s[at..].to_string())
}

/// One glyph for the state of one annotation.
fn status_mark(a: &Annotation) -> (&'static str, Color) {
    summary_mark(&Summary::of(std::iter::once(a)))
}

/// One glyph for the state of a set of mentions: orphaned, changed wording, all accepted,
/// all rejected, decided in part, or untouched.
fn summary_mark(s: &Summary) -> (&'static str, Color) {
    use crate::marks::{ACCEPTED, CHANGED, ORPHANED, PARTLY, REJECTED, SUGGESTED};
    // Awaiting review after a merge comes first: it is what the user must act on.
    if s.conflict {
        let m = crate::marks::CONFLICT;
        return (m.glyph, m.color);
    }
    let (acc, rej) = (s.accepted, s.rejected);
    let m = if s.orphaned {
        ORPHANED
    } else if s.changed {
        CHANGED
    } else if acc == s.count {
        ACCEPTED
    } else if rej == s.count {
        REJECTED
    } else if acc + rej > 0 {
        PARTLY
    } else {
        SUGGESTED
    };
    (m.glyph, m.color)
}

/// Whether a row shows a state the store does not hold yet (its save failed).
fn row_pending(doc: &Doc, row: &PanelRow) -> bool {
    if doc.pending.is_empty() {
        return false;
    }
    match row {
        PanelRow::Entity { mentions, .. } => mentions.iter().any(|&i| doc.is_pending(i)),
        PanelRow::Claim(i) => doc.is_pending(*i),
        PanelRow::Header(..) => false,
    }
}

/// The cell after the status mark: `*` in the error colour for an unsaved row, else blank.
fn pending_span<'a>(pending: bool) -> Span<'a> {
    if pending {
        Span::styled(
            crate::marks::UNSAVED.glyph,
            Style::default()
                .fg(crate::marks::UNSAVED.color)
                .add_modifier(Modifier::BOLD),
        )
    } else {
        Span::raw(" ")
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
            let pending = row_pending(doc, row);
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
                Span::styled(mark.to_string(), Style::default().fg(mark_color)),
                pending_span(pending),
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
            let pending = row_pending(doc, row);
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
                Span::styled(mark.to_string(), Style::default().fg(mark_color)),
                pending_span(pending),
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
