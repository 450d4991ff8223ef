//! The review of merge conflicts: the two versions a merge kept of one annotation, side by
//! side, with the keys that keep either.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::dim;
use crate::action::Action;
use crate::app::{App, conflict_pairs};
use crate::keymap::KeyMode;
use crate::widgets::centered_rect;
use gloss_core::annotation::{Annotation, Status};
use gloss_core::sanitize::for_display;

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Suggested => "suggested",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    }
}

/// One field of a version: its name and how to show it.
type Field = (&'static str, fn(&Annotation) -> String);

/// The fields of one version, one a line; `other` marks what differs from it.
fn version<'a>(a: &Annotation, other: Option<&Annotation>) -> Vec<Line<'a>> {
    let row = |name: &str, value: String, differs: bool| {
        let style = if differs {
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::default()
        };
        Line::from(vec![
            Span::styled(format!("{name:<8}"), dim()),
            Span::styled(for_display(&value), style),
        ])
    };
    let d = |f: fn(&Annotation) -> String| other.is_some_and(|o| f(o) != f(a));
    let fields: [Field; 9] = [
        ("text", |x| format!("“{}”", x.text)),
        ("label", |x| x.label.clone()),
        ("span", |x| format!("{}..{}", x.start, x.end)),
        ("status", |x| status_name(x.status).to_string()),
        ("tags", |x| x.tags.join(", ")),
        ("note", |x| x.note.replace('\n', " ⏎ ")),
        ("speaker", |x| x.speaker.clone().unwrap_or_default()),
        ("author", |x| x.author.clone().unwrap_or_default()),
        ("updated", |x| x.updated.to_string()),
    ];
    fields
        .iter()
        .map(|&(name, f)| row(name, f(a), d(f)))
        .collect()
}

/// Draws pair `at` of the open article's conflicts.
pub fn draw(frame: &mut Frame, app: &App, at: usize, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let pairs = conflict_pairs(doc);
    let Some(&(left, right)) = pairs.get(at) else {
        return;
    };
    let popup = centered_rect(90, 70, area);
    frame.render_widget(Clear, popup);
    let key = |a: Action| {
        app.keymap
            .hint_keys(KeyMode::Review, a)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let bottom = format!(
        " {} keep left · {} keep right · {}/{} next/previous · {} close ",
        key(Action::TakeLeft),
        key(Action::TakeRight),
        key(Action::Down),
        key(Action::Up),
        key(Action::Cancel)
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(app.theme.accent))
        .title(format!(" Review · conflict {}/{} ", at + 1, pairs.len()))
        .title_bottom(Line::from(Span::styled(bottom, dim())));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [l, r] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    let a = &doc.anns[left];
    let b = right.and_then(|j| doc.anns.get(j));
    let side = |title: &str| {
        Block::bordered()
            .border_type(BorderType::Rounded)
            .title(format!(" {title} "))
    };
    frame.render_widget(
        Paragraph::new(version(a, b))
            .wrap(Wrap { trim: false })
            .block(side("left")),
        l,
    );
    let right_lines = match b {
        Some(b) => version(b, Some(a)),
        None => vec![Line::from(Span::styled(
            "not in the other version: deleted there, or never made (keep right: remove it)",
            dim(),
        ))],
    };
    frame.render_widget(
        Paragraph::new(right_lines)
            .wrap(Wrap { trim: false })
            .block(side("right")),
        r,
    );
}
