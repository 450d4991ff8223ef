//! The help overlay, generated from the keymap: the bindings of the mode it was opened
//! from, then those of every other mode under a heading.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{dim, fit};
use crate::action::Action;
use crate::app::App;
use crate::keymap::KeyMode;

/// Draws the help overlay for `of`'s bindings, from line `scroll`.
pub fn draw(frame: &mut Frame, app: &App, of: KeyMode, scroll: usize, area: Rect) {
    let sections = app.keymap.help_sections(of);
    let (popup, _) = crate::layout::help_popup(area);
    let inner_w = popup.width.saturating_sub(2) as usize;
    let key_style = Style::default()
        .fg(app.theme.accent)
        .add_modifier(Modifier::BOLD);
    let heading = key_style.add_modifier(Modifier::UNDERLINED);
    let mut lines: Vec<Line> = Vec::new();
    for (i, (mode, bindings)) in sections.iter().enumerate() {
        // Each section aligns its own columns, so a long key list elsewhere does not push
        // this mode's descriptions right.
        let key_w = bindings
            .iter()
            .map(|(_, ks)| ks.join(" ").chars().count())
            .max()
            .unwrap_or(0)
            .min(inner_w / 2);
        let desc_w = bindings
            .iter()
            .map(|(a, _)| a.describe().chars().count())
            .max()
            .unwrap_or(0);
        // The action's config name in a column of its own, after a gap, when there is
        // room for most of it: it is what a `[keymap]` entry names, not part of the
        // description.
        let name_room = inner_w.saturating_sub(1 + key_w + 2 + desc_w + 3);
        let names_fit = name_room >= 10;
        if i > 0 {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!(" {} · {}", mode.name(), mode.describe()),
                heading,
            )));
        }
        lines.extend(bindings.iter().map(|(a, keys)| {
            let mut spans = vec![Span::styled(
                format!(" {:<key_w$}  ", fit(&keys.join(" "), key_w)),
                key_style,
            )];
            if names_fit {
                spans.push(Span::raw(format!("{:<desc_w$}   ", a.describe())));
                spans.push(Span::styled(fit(a.name(), name_room), dim()));
            } else {
                spans.push(Span::raw(a.describe()));
            }
            Line::from(spans)
        }));
        if i == 0 {
            legend(&mut lines, heading);
        }
    }
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    // The list's keys lie over normal mode's: both work there.
    let title = if of == KeyMode::List {
        " Keys · normal + list ".to_string()
    } else {
        format!(" Keys · {} ", of.name())
    };
    let first = |a: Action| app.keymap.hint_keys(KeyMode::Help, a).into_iter().next();
    let scroll_keys: Vec<String> = [Action::Down, Action::Up]
        .into_iter()
        .filter_map(first)
        .collect();
    let close = first(Action::Cancel).unwrap_or_default();
    let bottom = format!(" {} scroll · {close} close ", scroll_keys.join(" "));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.accent))
        .title(title)
        .title_bottom(Line::from(bottom).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The panel's marks, one meaning each, after the keys of the mode help was opened in
/// ([`crate::marks::legend_len`] lines).
fn legend(lines: &mut Vec<Line>, heading: Style) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(" MARKS · in the panel", heading)));
    for m in crate::marks::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!(" {}  ", m.glyph), Style::default().fg(m.color)),
            Span::raw(m.meaning),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(
            " abc",
            Style::default().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
        ),
        Span::raw("  marked by hand (manual; the only kind that can be deleted)"),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        " MARKS · in the article list",
        heading,
    )));
    for m in crate::marks::LIST {
        lines.push(Line::from(vec![
            Span::styled(format!(" {}  ", m.glyph), Style::default().fg(m.color)),
            Span::raw(m.meaning),
        ]));
    }
}
