//! The status bar: mode, position, counts, the last message, a key hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use crate::action::Action;
use crate::app::{App, Mode};
use gloss_core::sanitize::for_display;

/// Draws the status bar.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let bar = Style::default().bg(app.theme.status_bar).fg(Color::White);
    let mode = app.mode();
    let badge_bg = match mode {
        Mode::Normal => app.theme.accent,
        Mode::Visual => Color::Magenta,
        Mode::Insert | Mode::Search => Color::Green,
        Mode::Picker => Color::Yellow,
        Mode::Help => Color::Blue,
        Mode::Review => Color::LightMagenta,
    };
    let mut left: Vec<Span> = vec![Span::styled(
        format!(" {} ", mode.name()),
        Style::default()
            .bg(badge_bg)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD),
    )];
    let w = area.width as usize;
    let mut facts: Vec<String> = Vec::new();
    // Narrow bars say the counts in short, so a message still fits beside them.
    let short = w < 100;
    // A filtered or re-sorted list says so whole here; its pane is often too narrow.
    if !app.library.is_plain() {
        facts.push(format!(
            "list {}",
            crate::app::library_summary(&app.library)
        ));
    }
    if let Some(d) = &app.doc {
        if let Some(i) = app.library.items.iter().position(|(p, _)| *p == d.path) {
            facts.push(format!("{}/{}", i + 1, app.library.items.len()));
        }
        // The cursor's paragraph: `}` moves it on past the last full view.
        let para = d
            .para_starts
            .partition_point(|&s| s <= d.cursor)
            .saturating_sub(1);
        facts.push(format!("¶ {}/{}", para + 1, d.para_starts.len()));
        facts.push(format!("{}%", d.percent()));
        if d.analysing {
            facts.push("finding suggestions…".into());
        } else if short {
            facts.push(format!(
                "{} sugg · {} acc",
                d.counts.suggested, d.counts.accepted
            ));
        } else {
            facts.push(format!(
                "{} suggested · {} accepted",
                d.counts.suggested, d.counts.accepted
            ));
        }
        let conflicts = crate::app::conflict_pairs(d).len();
        if conflicts > 0 {
            let key = app
                .keymap
                .hint(crate::keymap::KeyMode::Normal, Action::Review)
                .unwrap_or_default();
            facts.push(format!("{conflicts} ! to review ({key})"));
        }
        if d.read_only.is_some() || app.store_read_only.is_some() {
            facts.push("READ-ONLY".into());
        }
    }
    let unsaved = app.unsaved();
    if unsaved > 0 {
        facts.push(format!("{unsaved} unsaved"));
    }
    if app.loading() {
        facts.push(format!(
            "loading {}/{}",
            app.library.meta_done, app.library.meta_total
        ));
    }
    if app.opening.is_some() {
        facts.push("opening…".into());
    }
    if let Some((done, total)) = app.indexing
        && done < total
    {
        facts.push(format!("indexing {done}/{total}"));
    }
    let w = area.width as usize;
    let facts = Span::styled(format!(" {} ", facts.join(" · ")), bar);
    match &app.note {
        Some(n) if !n.text.is_empty() => {
            let style = if n.error {
                bar.fg(Color::LightRed).add_modifier(Modifier::BOLD)
            } else {
                bar.fg(Color::LightGreen)
            };
            let note = Span::styled(format!(" {} ", for_display(&n.text)), style);
            // An error or a file name that does not fit beside the position and counts
            // takes their place: the file it names (an export's path, a store error's file
            // and line) matters more than figures shown all along.
            let wide = n.error || n.names_file;
            if !wide || left[0].width() + facts.width() + note.width() <= w {
                left.push(facts);
            }
            left.push(note);
        }
        _ => left.push(facts),
    }
    let left_w: usize = left.iter().map(|s| s.width()).sum();
    let hint = hint(app, w.saturating_sub(left_w + 1));
    let mut spans = left;
    if left_w + hint.chars().count() < w {
        spans.push(Span::styled(
            " ".repeat(w - left_w - hint.chars().count()),
            bar,
        ));
        spans.push(Span::styled(hint, bar.fg(Color::Gray)));
    } else if left_w > w {
        // Too narrow for everything: keep the start, cut the rest.
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        spans = vec![Span::styled(fit(&text, w), bar)];
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(bar), area);
}

/// The hint at the right of the bar: the keys of a few actions of the current mode, from
/// the keymap (a rebinding shows here at once), after a waiting key sequence if any. In
/// `room` columns: when all do not fit, the least needed go first (help stays longest),
/// so a narrow terminal still shows how to get help and quit.
fn hint(app: &App, room: usize) -> String {
    let full = hint_of(app, usize::MAX);
    if full.chars().count() <= room {
        return full;
    }
    (1..HINT_PRIORITY.len())
        .rev()
        .map(|keep| hint_of(app, keep))
        .find(|h| h.chars().count() <= room)
        .unwrap_or_default()
}

/// The normal-mode hints in the order they are kept when the bar is short of room.
const HINT_PRIORITY: [Action; 7] = [
    Action::Help,
    Action::Quit,
    Action::FocusNext,
    Action::Accept,
    Action::ListFilter,
    Action::Reject,
    Action::ListSort,
];

/// The hint with at most `keep` of the normal-mode pairs (by [`HINT_PRIORITY`]).
fn hint_of(app: &App, keep: usize) -> String {
    let km = &app.keymap;
    let mode = app.key_mode();
    let first = |a: Action| km.hint_keys(mode, a).into_iter().next();
    let text_hint = |pairs: &[(Action, &str)], lead: &str| -> String {
        let mut parts: Vec<String> = Vec::new();
        if !lead.is_empty() {
            parts.push(lead.to_string());
        }
        parts.extend(
            pairs
                .iter()
                .filter_map(|(a, what)| first(*a).map(|k| format!("{k} {what}"))),
        );
        format!("{} ", parts.join(" · "))
    };
    let pairs: &[(Action, &str)] = match app.mode() {
        // In the list, its own keys instead of the panel's.
        Mode::Normal if app.focus == crate::layout::Focus::List => &[
            (Action::Help, "help"),
            (Action::FocusNext, "pane"),
            (Action::ListFilter, "filter"),
            (Action::ListSort, "sort"),
            (Action::Quit, "quit"),
        ],
        Mode::Normal => &[
            (Action::Help, "help"),
            (Action::FocusNext, "pane"),
            (Action::Accept, "accept"),
            (Action::Reject, "reject"),
            (Action::Quit, "quit"),
        ],
        Mode::Visual => &[
            (Action::MarkEntity, "entity"),
            (Action::MarkClaim, "claim"),
            (Action::Cancel, "cancel"),
        ],
        Mode::Help => &[(Action::Cancel, "close")],
        Mode::Review => &[
            (Action::TakeLeft, "keep left"),
            (Action::TakeRight, "keep right"),
            (Action::Down, "next"),
            (Action::Cancel, "close"),
        ],
        Mode::Insert if app.in_note_editor() => {
            // Esc saving is what vim users expect but others may not: name every save key.
            let save = km.hint_keys(mode, Action::Submit).join("/");
            let cancel = first(Action::Cancel).unwrap_or_default();
            return format!("{save} save · {cancel} cancel ");
        }
        Mode::Insert => {
            return text_hint(&[(Action::Submit, "save"), (Action::Cancel, "cancel")], "");
        }
        Mode::Search
            if matches!(
                app.overlay,
                crate::app::Overlay::Input {
                    purpose: crate::app::InputFor::ListFilter,
                    ..
                }
            ) =>
        {
            return text_hint(
                &[(Action::Submit, "keep"), (Action::Cancel, "clear")],
                "filters as you type",
            );
        }
        Mode::Search => {
            return text_hint(
                &[(Action::Submit, "search"), (Action::Cancel, "cancel")],
                "",
            );
        }
        Mode::Picker => {
            return text_hint(
                &[(Action::Submit, "choose"), (Action::Cancel, "cancel")],
                "type to filter",
            );
        }
    };
    let kept = |a: &Action| {
        HINT_PRIORITY
            .iter()
            .position(|p| p == a)
            .is_none_or(|i| i < keep)
    };
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(a, _)| kept(a))
        .filter_map(|(a, what)| km.hint(mode, *a).map(|k| format!("{k} {what}")))
        .collect();
    let waiting = app.waiting_keys();
    if waiting.is_empty() {
        format!("{} ", parts.join(" · "))
    } else {
        format!("{waiting}… · {} ", parts.join(" · "))
    }
}
