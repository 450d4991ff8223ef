//! One screen row as a ratatui `Line`, with highlights, made safe for the terminal.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::wrap::Row;
use gloss_core::sanitize;

/// A style over a char range of the body (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyleSpan {
    /// Char offset into the body where the style starts.
    pub start: usize,
    /// Char offset where it ends (exclusive).
    pub end: usize,
    /// The style patched over the base style.
    pub style: Style,
}

/// The text of `row` with each span's style patched over the base style, in order (later
/// spans patch over earlier ones); every char passed through gloss_core::sanitize::display_char
/// so no control char or escape sequence can reach the terminal. Spans are char offsets into
/// the body, sorted by start, and may overlap each other and the row only partly.
pub fn row_line(body: &str, row: &Row, spans: &[StyleSpan], base: Style) -> Line<'static> {
    let text = body.get(row.byte_start..row.byte_end).unwrap_or("");
    // A linear scan rather than a binary search on the sorted starts: an early span may reach
    // far, and a caller's unsorted list must still come out right.
    let live: Vec<&StyleSpan> = spans
        .iter()
        .filter(|s| s.start < row.end && s.end > row.start && s.end > s.start)
        .collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(live.len() * 2 + 2);
    cuts.push(row.start);
    cuts.push(row.end);
    for s in &live {
        cuts.push(s.start.clamp(row.start, row.end));
        cuts.push(s.end.clamp(row.start, row.end));
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut out: Vec<Span<'static>> = Vec::new();
    let mut chars = text.chars();
    let mut cur_style: Option<Style> = None;
    let mut cur_text = String::new();
    for seg in cuts.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let style = live
            .iter()
            .filter(|s| s.start <= a && s.end >= b)
            .fold(base, |st, s| st.patch(s.style));
        if cur_style.is_some_and(|c| c != style) {
            let done = std::mem::take(&mut cur_text);
            out.push(Span::styled(done, cur_style.unwrap_or(base)));
        }
        cur_style = Some(style);
        cur_text.extend(chars.by_ref().take(b - a).map(sanitize::display_char));
    }
    if !cur_text.is_empty() {
        out.push(Span::styled(cur_text, cur_style.unwrap_or(base)));
    }
    Line::from(out).style(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wrap::wrap;
    use ratatui::style::{Color, Modifier};

    fn span(start: usize, end: usize, style: Style) -> StyleSpan {
        StyleSpan { start, end, style }
    }

    fn parts(line: &Line) -> Vec<(String, Style)> {
        line.spans
            .iter()
            .map(|s| (s.content.to_string(), s.style))
            .collect()
    }

    #[test]
    fn highlight_lands_on_the_right_multibyte_chars() {
        let body = "Präsident Putin und Ölfirmen";
        let rows = wrap(body, 80);
        let red = Style::new().fg(Color::Red);
        let line = row_line(body, &rows[0], &[span(10, 15, red)], Style::new());
        assert_eq!(
            parts(&line),
            [
                ("Präsident ".to_string(), Style::new()),
                ("Putin".to_string(), red),
                (" und Ölfirmen".to_string(), Style::new()),
            ]
        );
    }

    #[test]
    fn spans_crossing_the_row_edges_are_clipped() {
        let body = "aaaa bbbb cccc";
        let rows = wrap(body, 4);
        assert_eq!(rows.len(), 3);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        // From the middle of row 0 into row 2.
        let line = row_line(body, &rows[1], &[span(2, 12, bold)], Style::new());
        assert_eq!(parts(&line), [("bbbb".to_string(), bold)]);
        let line = row_line(body, &rows[2], &[span(2, 12, bold)], Style::new());
        assert_eq!(
            parts(&line),
            [("cc".to_string(), bold), ("cc".to_string(), Style::new())]
        );
    }

    #[test]
    fn later_spans_patch_over_earlier_ones() {
        let body = "abcdef";
        let rows = wrap(body, 80);
        let fg = Style::new().fg(Color::Red);
        let bg = Style::new().bg(Color::Blue);
        let base = Style::new().fg(Color::White);
        let line = row_line(body, &rows[0], &[span(0, 4, fg), span(2, 6, bg)], base);
        assert_eq!(
            parts(&line),
            [
                ("ab".to_string(), base.patch(fg)),
                ("cd".to_string(), base.patch(fg).patch(bg)),
                ("ef".to_string(), base.patch(bg)),
            ]
        );
    }

    #[test]
    fn escape_and_bidi_chars_are_replaced() {
        let body = "a\u{1b}[2Jb\u{202E}c\u{7}";
        let rows = wrap(body, 80);
        let line = row_line(
            body,
            &rows[0],
            &[span(1, 3, Style::new().red())],
            Style::new(),
        );
        let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}");
        assert_eq!(shown.chars().count(), body.chars().count());
    }

    #[test]
    fn empty_rows_and_bad_spans_do_not_panic() {
        let body = "ab\n\ncd";
        let rows = wrap(body, 80);
        let weird = [span(5, 1, Style::new()), span(0, 999, Style::new().red())];
        for r in &rows {
            let _ = row_line(body, r, &weird, Style::new());
        }
        let line = row_line(body, &rows[1], &weird, Style::new());
        assert!(line.spans.is_empty());
    }
}
