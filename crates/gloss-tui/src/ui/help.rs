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
use crate::widgets::centered_rect;

/// Draws the help overlay for `of`'s bindings, from line `scroll`.
pub fn draw(frame: &mut Frame, app: &App, of: KeyMode, scroll: usize, area: Rect) {
    let sections = app.keymap.help_sections(of);
    let popup = centered_rect(80, 90, area);
    let key_style = Style::default()
        .fg(app.theme.accent)
        .add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = Vec::new();
    for (i, (mode, bindings)) in sections.iter().enumerate() {
        // Each section aligns its own column, so a long key list elsewhere does not push
        // this mode's descriptions right.
        let key_w = bindings
            .iter()
            .map(|(_, ks)| ks.join(" ").chars().count())
            .max()
            .unwrap_or(0)
            .min(popup.width as usize / 2);
        if i > 0 {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!(" {} · {}", mode.name(), mode.describe()),
                key_style.add_modifier(Modifier::UNDERLINED),
            )));
        }
        lines.extend(bindings.iter().map(|(a, keys)| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<key_w$}  ", fit(&keys.join(" "), key_w)),
                    key_style,
                ),
                Span::raw(a.describe()),
                Span::styled(format!("  {}", a.name()), dim()),
            ])
        }));
    }
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    let title = format!(" Keys · {} ", of.name());
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
