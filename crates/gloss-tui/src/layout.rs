//! Where each pane goes at a given screen size. Shared by `update` (page sizes, mouse hits)
//! and drawing, so both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// The focusable panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
    /// The side panel of entities and claims.
    Panel,
}

/// The rectangles of one screen. A pane that does not fit is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The article list (with its border).
    pub list: Option<Rect>,
    /// The reader (with its border).
    pub reader: Option<Rect>,
    /// The side panel (with its border).
    pub panel: Option<Rect>,
    /// The status bar.
    pub status: Option<Rect>,
}

/// Lines of the article header (title, date · section · source, rule) when there is room.
pub const HEADER_LINES: u16 = 3;

/// What kind of popup covers the panes, for [`overlay_rect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    /// The key list.
    Help,
    /// The multi-line note editor.
    NoteEditor,
    /// A one-line prompt (search, speaker).
    Prompt,
    /// A picker.
    Picker,
}

/// Where a popup goes on a screen of `size`: over the panes, never over the status bar.
/// Kept in the state by `update` (key handling needs the editor's width to move by
/// wrapped row) and read by drawing, so both use the same rectangle.
pub fn overlay_rect(size: Rect, kind: OverlayKind) -> Rect {
    let body = Rect::new(
        size.x,
        size.y,
        size.width,
        size.height.saturating_sub(1).max(1),
    );
    match kind {
        OverlayKind::Help => body,
        OverlayKind::NoteEditor => crate::widgets::centered_rect(70, 50, body),
        OverlayKind::Prompt => bottom_rect(body, 3),
        OverlayKind::Picker => crate::widgets::centered_rect(50, 60, body),
    }
}

/// The side panel's parts inside its border: the rows (one column of air on the left when
/// there is room), and under them a detail box of `detail_rows` text rows plus a rule,
/// at most half the panel, when the panel is tall enough to keep rows above it.
pub fn panel_parts(panel: Rect, detail_rows: usize) -> (Rect, Option<Rect>) {
    let inn = inner(panel);
    let inn = if inn.width > 12 {
        Rect::new(inn.x + 1, inn.y, inn.width - 1, inn.height)
    } else {
        inn
    };
    if detail_rows == 0 || inn.height < 10 {
        return (inn, None);
    }
    let h = (detail_rows as u16 + 1).min(inn.height / 2);
    let rows = Rect::new(inn.x, inn.y, inn.width, inn.height - h);
    let detail = Rect::new(inn.x, inn.y + inn.height - h, inn.width, h);
    (rows, Some(detail))
}

/// The help popup inside the help overlay's `area`, and how many lines it shows: paging
/// and drawing use this one rectangle, so the last line can always be scrolled to.
pub fn help_popup(area: Rect) -> (Rect, usize) {
    let popup = crate::widgets::centered_rect(80, 90, area);
    (popup, inner(popup).height as usize)
}

/// A full-width band of `h` rows at the bottom of `area`, inset by two columns.
fn bottom_rect(area: Rect, h: u16) -> Rect {
    let h = h.min(area.height);
    let inset = if area.width > 8 { 2 } else { 0 };
    Rect::new(
        area.x + inset,
        area.y + area.height - h,
        area.width - 2 * inset,
        h,
    )
}

impl Areas {
    /// The panes for a screen of `size`. Wide screens show all three panes; narrower ones
    /// show the reader with the focused side pane; the narrowest only the focused pane.
    pub fn compute(size: Rect, focus: Focus, has_list: bool) -> Areas {
        let mut out = Areas::default();
        if size.width == 0 || size.height == 0 {
            return out;
        }
        let (main, status) = if size.height >= 3 {
            let [m, s] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(size);
            (m, Some(s))
        } else {
            (size, None)
        };
        out.status = status;
        let w = main.width;
        let show_list = has_list;
        if w >= 110 {
            let list_w = if show_list { (w / 5).clamp(22, 40) } else { 0 };
            let panel_w = (w * 3 / 10).clamp(30, 48);
            let [l, r, p] = Layout::horizontal([
                Constraint::Length(list_w),
                Constraint::Min(10),
                Constraint::Length(panel_w),
            ])
            .areas(main);
            out.list = show_list.then_some(l);
            out.reader = Some(r);
            out.panel = Some(p);
        } else if w >= 60 {
            let side = match focus {
                Focus::List if show_list => Focus::List,
                _ => Focus::Panel,
            };
            let side_w = (w * 2 / 5).clamp(20, 40);
            let [s, r] = if side == Focus::List {
                Layout::horizontal([Constraint::Length(side_w), Constraint::Min(10)]).areas(main)
            } else {
                let [r, s] = Layout::horizontal([Constraint::Min(10), Constraint::Length(side_w)])
                    .areas(main);
                [s, r]
            };
            out.reader = Some(r);
            if side == Focus::List {
                out.list = Some(s);
            } else {
                out.panel = Some(s);
            }
        } else {
            match focus {
                Focus::List if show_list => out.list = Some(main),
                Focus::Panel => out.panel = Some(main),
                _ => out.reader = Some(main),
            }
        }
        out
    }

    /// The area of a pane, if shown.
    pub fn of(&self, focus: Focus) -> Option<Rect> {
        match focus {
            Focus::List => self.list,
            Focus::Reader => self.reader,
            Focus::Panel => self.panel,
        }
    }
}

/// Inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect::new(r.x, r.y, 0, 0);
    }
    Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2)
}

/// The reader's header and text areas inside its border: the header only when the pane is
/// tall enough to keep most of it for text, and one column of padding each side when wide.
pub fn reader_parts(reader: Rect) -> (Option<Rect>, Rect) {
    let i = inner(reader);
    let pad = if i.width >= 24 { 1 } else { 0 };
    let i = Rect::new(i.x + pad, i.y, i.width.saturating_sub(2 * pad), i.height);
    if i.height >= 8 {
        let head = Rect::new(i.x, i.y, i.width, HEADER_LINES);
        let text = Rect::new(i.x, i.y + HEADER_LINES, i.width, i.height - HEADER_LINES);
        (Some(head), text)
    } else {
        (None, i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_three_panes() {
        let a = Areas::compute(Rect::new(0, 0, 160, 40), Focus::List, true);
        assert!(a.list.is_some() && a.reader.is_some() && a.panel.is_some());
        assert_eq!(a.status.map(|s| s.y), Some(39));
    }

    #[test]
    fn narrow_screens_show_the_focused_pane() {
        let a = Areas::compute(Rect::new(0, 0, 40, 10), Focus::Panel, true);
        assert!(a.panel.is_some() && a.reader.is_none() && a.list.is_none());
        let a = Areas::compute(Rect::new(0, 0, 80, 10), Focus::Panel, true);
        assert!(a.panel.is_some() && a.reader.is_some());
        let a = Areas::compute(Rect::new(0, 0, 80, 10), Focus::Reader, true);
        assert!(
            a.panel.is_some() && a.reader.is_some(),
            "annotating needs the panel"
        );
        let a = Areas::compute(Rect::new(0, 0, 80, 10), Focus::List, true);
        assert!(a.list.is_some() && a.reader.is_some());
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (2, 2), (20, 5), (300, 100)] {
            for f in [Focus::List, Focus::Reader, Focus::Panel] {
                let a = Areas::compute(Rect::new(0, 0, w, h), f, true);
                if let Some(r) = a.reader {
                    let _ = reader_parts(r);
                }
            }
        }
    }
}
