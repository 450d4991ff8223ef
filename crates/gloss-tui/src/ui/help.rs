//! The help overlay, generated from the keymap: every binding of one mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{dim, fit};
use crate::app::App;
use crate::keymap::KeyMode;
use crate::widgets::centered_rect;

/// Draws the help overlay for `of`'s bindings, from line `scroll`.
pub fn draw(frame: &mut Frame, app: &App, of: KeyMode, scroll: usize, area: Rect) {
    let bindings = app.keymap.bindings(of);
    let popup = centered_rect(80, 90, area);
    let key_w = bindings
        .iter()
        .map(|(_, ks)| ks.join(" ").chars().count())
        .max()
        .unwrap_or(0)
        .min(popup.width as usize / 2);
    let lines: Vec<Line> = bindings
        .iter()
        .skip(scroll)
        .map(|(a, keys)| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<key_w$}  ", fit(&keys.join(" "), key_w)),
                    Style::default()
                        .fg(app.theme.accent)
                        .add_modifier(Modifier::BOLD),
                ),
                Span::raw(a.describe()),
                Span::styled(format!("  {}", a.name()), dim()),
            ])
        })
        .collect();
    let title = format!(" Keys · {} ", of.name());
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.accent))
        .title(title)
        .title_bottom(Line::from(" j k scroll · Esc close ").right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
