//! Mouse input: wheel scrolling, clicks in each pane, drag selection in the reader.

use super::*;

pub(super) fn on_mouse(app: &mut App, ev: MouseEvent, fx: &mut Vec<Effect>) {
    if !matches!(app.overlay, Overlay::None) {
        return;
    }
    let areas = app.areas();
    let pos = Position::new(ev.column, ev.row);
    let over = [Focus::List, Focus::Reader, Focus::Panel]
        .into_iter()
        .find(|f| areas.of(*f).is_some_and(|r| r.contains(pos)));
    let Some(pane) = over else { return };
    match ev.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = ev.kind == MouseEventKind::ScrollDown;
            match pane {
                Focus::Reader => {
                    if let Some(d) = app.doc.as_mut() {
                        d.scroll(if down { 3 } else { -3 });
                    }
                }
                Focus::List => {
                    let n = app.library.len();
                    app.library.sel = if down {
                        (app.library.sel + 3).min(n.saturating_sub(1))
                    } else {
                        app.library.sel.saturating_sub(3)
                    };
                }
                Focus::Panel => {
                    let saved = app.focus;
                    app.focus = Focus::Panel;
                    for _ in 0..3 {
                        move_in_focus(app, if down { Action::Down } else { Action::Up }, false);
                    }
                    app.focus = saved;
                }
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            app.focus = pane;
            let Some(area) = areas.of(pane) else { return };
            let inn = inner(area);
            if !inn.contains(pos) {
                return;
            }
            let row = (pos.y - inn.y) as usize;
            match pane {
                Focus::List => {
                    let i = app.library.top + row;
                    if let Some((p, _)) = app.library.row(i) {
                        let p = p.clone();
                        app.library.sel = i;
                        app.user_moved = true;
                        request_open(app, p, fx);
                    }
                }
                Focus::Panel => {
                    if let Some(d) = app.doc.as_mut() {
                        let r = panel_row_at_line(&d.panel, d.panel_top, row).unwrap_or(usize::MAX);
                        if d.panel_selectable(r) {
                            d.panel_sel = r;
                            jump_to_panel_row(app, false);
                        }
                    }
                }
                Focus::Reader => {
                    if let Some(off) = reader_offset_at(app, area, pos)
                        && let Some(d) = app.doc.as_mut()
                    {
                        d.anchor = None;
                        d.cursor = d.unit_at(off).0;
                        select_at_cursor(d);
                        app.drag_from = Some(off);
                    }
                }
            }
        }
        MouseEventKind::Drag(MouseButton::Left) if pane == Focus::Reader => {
            let Some(area) = areas.reader else { return };
            if let (Some(from), Some(off)) = (app.drag_from, reader_offset_at(app, area, pos))
                && let Some(d) = app.doc.as_mut()
            {
                d.anchor = Some(from);
                d.cursor = off;
            }
        }
        MouseEventKind::Up(_) => app.drag_from = None,
        _ => {}
    }
}

pub(super) fn reader_offset_at(app: &App, reader: Rect, pos: Position) -> Option<usize> {
    let d = app.doc.as_ref()?;
    let (_, text) = reader_parts(reader);
    if !text.contains(pos) {
        return None;
    }
    let row = d.rows.get(d.top + (pos.y - text.y) as usize)?;
    row.para?;
    Some(wrap::offset_at_col(&d.body, row, pos.x - text.x))
}
