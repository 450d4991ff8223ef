//! Moving around: scrolling, the cursor, annotations, search, the panel selection.

use super::*;

pub(super) fn move_in_focus(app: &mut App, action: Action, visual: bool) {
    use Action as A;
    let areas = app.areas();
    let focus = if visual { Focus::Reader } else { app.focus };
    match focus {
        Focus::List => {
            let h = areas
                .list
                .map(|r| inner(r).height as usize)
                .unwrap_or(1)
                .max(1);
            let n = app.library.len();
            if n == 0 {
                return;
            }
            let sel = app.library.sel as isize;
            let next = match action {
                A::Down => sel + 1,
                A::Up => sel - 1,
                A::HalfPageDown => sel + (h / 2).max(1) as isize,
                A::HalfPageUp => sel - (h / 2).max(1) as isize,
                A::PageDown => sel + h as isize,
                A::PageUp => sel - h as isize,
                A::Top => 0,
                _ => n as isize - 1,
            };
            app.library.sel = next.clamp(0, n as isize - 1) as usize;
            app.user_moved = true;
        }
        Focus::Reader => {
            let Some(d) = app.doc.as_mut() else { return };
            let h = d.view_h.max(1) as isize;
            if visual && matches!(action, A::Down | A::Up) {
                let row = d.cursor_row();
                let next = if action == A::Down {
                    (row + 1).min(d.rows.len().saturating_sub(1))
                } else {
                    row.saturating_sub(1)
                };
                if let Some(r) = d.rows.get(next) {
                    d.cursor = r.start;
                }
                follow_cursor(d);
                return;
            }
            match action {
                A::Down => d.scroll(1),
                A::Up => d.scroll(-1),
                A::HalfPageDown => d.scroll((h / 2).max(1)),
                A::HalfPageUp => d.scroll(-(h / 2).max(1)),
                A::PageDown => d.scroll((h - 1).max(1)),
                A::PageUp => d.scroll(-(h - 1).max(1)),
                A::Top => {
                    d.top = 0;
                    d.cursor = 0;
                }
                _ => {
                    d.top = d.max_top();
                    d.cursor = d.rows.last().map(|r| r.start).unwrap_or(0);
                }
            }
        }
        Focus::Panel => {
            let Some(d) = app.doc.as_mut() else { return };
            let h = areas
                .panel
                .map(|r| inner(r).height as usize)
                .unwrap_or(1)
                .max(1);
            let n = d.panel.len();
            if n == 0 {
                return;
            }
            let sel = d.panel_sel as isize;
            let (target, dir) = match action {
                A::Down => (sel + 1, 1),
                A::Up => (sel - 1, -1),
                A::HalfPageDown => (sel + (h / 2).max(1) as isize, 1),
                A::HalfPageUp => (sel - (h / 2).max(1) as isize, -1),
                A::PageDown => (sel + h as isize, 1),
                A::PageUp => (sel - h as isize, -1),
                A::Top => (0, 1),
                _ => (n as isize - 1, -1),
            };
            let mut r = target.clamp(0, n as isize - 1);
            while r >= 0 && (r as usize) < n && !d.panel_selectable(r as usize) {
                r += dir;
            }
            if r < 0 || r as usize >= n {
                // Ran into a header at the edge: search the other way.
                r = target.clamp(0, n as isize - 1);
                while r >= 0 && (r as usize) < n && !d.panel_selectable(r as usize) {
                    r -= dir;
                }
            }
            if r >= 0 && (r as usize) < n && d.panel_selectable(r as usize) {
                d.panel_sel = r as usize;
                jump_to_panel_row(app, false);
            }
        }
    }
}

/// Selects the annotation of the selected panel row and shows it in the reader. With
/// `cycle`, a row already selected moves on to its next mention.
pub(super) fn jump_to_panel_row(app: &mut App, cycle: bool) {
    let Some(d) = app.doc.as_mut() else { return };
    let anns = d.panel_anns(d.panel_sel);
    let Some(&first) = anns.first() else { return };
    let cur = d.selected_index();
    let i = match cur.and_then(|c| anns.iter().position(|&a| a == c)) {
        Some(p) if cycle => anns[(p + 1) % anns.len()],
        Some(p) => anns[p],
        None => first,
    };
    d.select(Some(i));
    d.cursor = d.anns[i].start;
    d.reveal(d.anns[i].start);
    let mut text = describe(&d.anns[i]);
    if anns.len() > 1 {
        let p = anns.iter().position(|&a| a == i).unwrap_or(0);
        text = format!("{text} · mention {}/{}", p + 1, anns.len());
    }
    app.info(text);
}

/// One line about an annotation for the status bar: type, text, state, tags, speaker, note.
pub fn describe(a: &Annotation) -> String {
    let state = match a.status {
        Status::Suggested => "suggested",
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
    };
    let mut parts = vec![a.label.clone(), short(&a.text, 40), state.to_string()];
    if a.origin == Origin::Manual {
        parts.push("manual".into());
    }
    if a.orphaned {
        parts.push("orphaned: text not found".into());
    } else if let Some(was) = &a.changed_from {
        parts.push(format!("changed, was {:?}", short(was, 30)));
    }
    if let Some(sp) = &a.speaker {
        parts.push(format!("speaker {}", short(sp, 30)));
    }
    parts.extend(a.tags.iter().map(|t| format!("#{t}")));
    if !a.note.is_empty() {
        parts.push(format!("note: {}", short(&a.note.replace('\n', " "), 30)));
    }
    parts.join(" · ")
}

/// What the panel's detail box shows for the selected annotation: a claim's whole quote
/// and speaker, and any annotation's note in full (`None` when there is nothing more to
/// show than its row). Sanitised: it is article and user text.
pub fn detail_text(d: &Doc) -> Option<String> {
    let a = &d.anns[d.selected_index()?];
    let mut parts: Vec<String> = Vec::new();
    if a.kind == Kind::Claim {
        let mut quote = format!("“{}”", a.text);
        if let Some(sp) = &a.speaker {
            quote.push_str(&format!(" — {sp}"));
        }
        parts.push(quote);
    }
    if !a.note.is_empty() {
        parts.push(format!("note: {}", a.note));
    }
    if parts.is_empty() {
        return None;
    }
    // Paragraph breaks of the wrap's body model: one blank row between parts and between
    // the note's own paragraphs; a single line break stays a row break.
    let text = parts.join("\n\n");
    Some(
        text.chars()
            .map(|c| {
                if c == '\n' {
                    c
                } else {
                    gloss_core::sanitize::display_char(c)
                }
            })
            .collect(),
    )
}

/// The detail box's rows at width `w` (see [`detail_text`]).
pub fn detail_rows(d: &Doc, w: u16) -> (String, Vec<wrap::Row>) {
    match detail_text(d) {
        Some(t) => {
            let rows = wrap::wrap(&t, w.max(1));
            (t, rows)
        }
        None => (String::new(), Vec::new()),
    }
}

/// Screen lines a panel row takes: claims two (their opening words are what tells them
/// apart), others one.
pub fn panel_row_lines(row: &crate::doc::PanelRow) -> usize {
    match row {
        crate::doc::PanelRow::Claim(_) => 2,
        _ => 1,
    }
}

/// The first panel row to draw so that row `sel` is in `h` lines of rows of
/// [`panel_row_lines`] heights, moving `top` as little as possible.
pub fn panel_top_for(panel: &[crate::doc::PanelRow], top: usize, sel: usize, h: usize) -> usize {
    if h == 0 || panel.is_empty() {
        return top;
    }
    let sel = sel.min(panel.len() - 1);
    let mut top = top.min(sel);
    let lines =
        |from: usize, to: usize| panel[from..=to].iter().map(panel_row_lines).sum::<usize>();
    while top < sel && lines(top, sel) > h {
        top += 1;
    }
    // Never scrolled further than needed to fill the view to the last row.
    while top > 0 && lines(top - 1, panel.len() - 1) <= h {
        top -= 1;
    }
    top
}

/// The panel row drawn at line `line` of the rows area (see [`panel_row_lines`]).
pub fn panel_row_at_line(panel: &[crate::doc::PanelRow], top: usize, line: usize) -> Option<usize> {
    let mut y = 0;
    for (r, row) in panel.iter().enumerate().skip(top) {
        let n = panel_row_lines(row);
        if line < y + n {
            return Some(r);
        }
        y += n;
    }
    None
}

pub(super) fn follow_cursor(d: &mut Doc) {
    if d.rows.is_empty() {
        return;
    }
    let row = d.cursor_row();
    let h = d.view_h.max(1);
    if row < d.top {
        d.top = row;
    } else if row >= d.top + h {
        d.top = (row + 1 - h).min(d.max_top());
    }
}

pub(super) fn select_at_cursor(d: &mut Doc) {
    let at = d.ann_at(d.cursor);
    d.select(at);
    d.sync_panel_to_selection();
}

pub(super) fn move_cursor(app: &mut App, action: Action, visual: bool) {
    use Action as A;
    let Some(d) = app.doc.as_mut() else { return };
    app.focus = Focus::Reader;
    let body = &d.body;
    let c = d.cursor;
    d.cursor = match action {
        A::WordNext => textnav::next_word(body, c),
        A::WordPrev => textnav::prev_word(body, c),
        A::SentenceNext if visual => {
            // Extending a selection by a sentence takes it to the end of this sentence, or
            // of the next one when it is already there.
            let (_, e) = textnav::sentence_at(body, c);
            let (_, word_end) = d.unit_at(c);
            let e = if word_end >= e {
                textnav::sentence_at(body, textnav::next_sentence(body, c)).1
            } else {
                e
            };
            e.saturating_sub(1)
        }
        A::SentenceNext => textnav::next_sentence(body, c),
        _ => textnav::prev_sentence(body, c),
    }
    .min(d.char_len.saturating_sub(1));
    follow_cursor(d);
    if !visual {
        select_at_cursor(d);
    }
}

pub(super) fn search_step(app: &mut App, forward: bool) {
    let Some(d) = app.doc.as_mut() else { return };
    let Some(s) = d.search.as_ref() else {
        app.info("no search · / searches");
        return;
    };
    if s.matches.is_empty() {
        let q = s.query.clone();
        app.error(format!("not found: {q}"));
        return;
    }
    let n = s.matches.len();
    let i = if forward {
        let i = s.matches.partition_point(|m| m.0 <= d.cursor);
        if i == n { 0 } else { i }
    } else {
        let i = s.matches.partition_point(|m| m.0 < d.cursor);
        if i == 0 { n - 1 } else { i - 1 }
    };
    let (start, _) = s.matches[i];
    d.cursor = start;
    d.reveal(start);
    select_at_cursor(d);
    app.info(format!("match {}/{n}", i + 1));
}

/// Case-insensitive matches of `query` in `body`, as char spans.
pub fn find_all(body: &str, query: &str) -> Vec<(usize, usize)> {
    // Each char folds to one char, so char offsets in the folded text are those of the body.
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect()
    };
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let qlen = q.chars().count();
    let hay = fold(body);
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0usize, 0usize);
    for (b, _) in hay.match_indices(&q) {
        chars += hay[byte..b].chars().count();
        byte = b;
        out.push((chars, chars + qlen));
    }
    out
}

pub(super) fn step_annotation(app: &mut App, forward: bool) {
    let Some(d) = app.doc.as_mut() else { return };
    if d.anns.is_empty() {
        app.info("no annotations");
        return;
    }
    let cur = d
        .selected_index()
        .filter(|&i| d.is_visible(d.anns[i].start));
    let i = match (cur, forward) {
        (Some(i), true) => (i + 1).min(d.anns.len() - 1),
        (Some(i), false) => i.saturating_sub(1),
        (None, true) => d
            .anns
            .partition_point(|a| a.start < d.cursor)
            .min(d.anns.len() - 1),
        (None, false) => d
            .anns
            .partition_point(|a| a.start < d.cursor)
            .saturating_sub(1),
    };
    d.select(Some(i));
    d.cursor = d.anns[i].start;
    d.reveal(d.cursor);
    d.sync_panel_to_selection();
    let text = describe(&d.anns[i]);
    app.info(text);
}
