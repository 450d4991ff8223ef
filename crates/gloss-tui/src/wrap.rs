//! Lays the body (paragraphs joined by `"\n\n"`) out in screen rows of a given width.
//!
//! Hand-written rather than taken from ratatui's `Paragraph` wrapping because the reader
//! needs, for every row, the char and byte range of the body it shows (to place
//! highlights, the cursor and mouse clicks by char offset), and it must lay out a 10 MB body
//! in one allocation-free pass. Breaks follow a small subset of UAX #14 that fits news text:
//! after spaces, after a hyphen inside a word, and around CJK ideographs; a word wider than
//! the row is broken at grapheme boundaries.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use gloss_core::sanitize;

/// One screen row of the laid-out body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index of the paragraph, or None for the blank row between two paragraphs.
    pub para: Option<usize>,
    /// Char offset into the body where the row starts.
    pub start: usize,
    /// Char offset where the row's text ends (exclusive; the spaces at a wrap point are not included).
    pub end: usize,
    /// Byte offset into the body where the row starts.
    pub byte_start: usize,
    /// Byte offset where the row's text ends (exclusive).
    pub byte_end: usize,
}

/// The separator between paragraphs (the article contract).
const PARA_SEP: &str = "\n\n";

/// Lays `body` out in rows no wider than `width` columns.
///
/// Paragraphs are the pieces of the body between `"\n\n"` (so paragraph indices match
/// `Article::paragraph_starts`); each gets at least one row, and a blank row (`para: None`)
/// sits between two paragraphs. A single `'\n'` inside a paragraph (raw input) forces a row
/// break. Width 0 is treated as 1. The only row that may be wider than `width` is a row
/// holding one grapheme that is itself wider (a CJK char at width 1).
pub fn wrap(body: &str, width: u16) -> Vec<Row> {
    let width = usize::from(width.max(1));
    // A rough guess of the row count saves most reallocations on big bodies.
    let mut rows = Vec::with_capacity(body.len() / (width * 2).max(8) + 4);
    let mut char_at = 0usize;
    let mut byte_at = 0usize;
    for (para, text) in body.split(PARA_SEP).enumerate() {
        if para > 0 {
            // The blank row sits between the two newlines so that row starts stay strictly
            // increasing even around empty paragraphs.
            rows.push(Row {
                para: None,
                start: char_at + 1,
                end: char_at + 1,
                byte_start: byte_at + 1,
                byte_end: byte_at + 1,
            });
            char_at += 2;
            byte_at += 2;
        }
        char_at = wrap_paragraph(text, para, width, char_at, byte_at, &mut rows);
        byte_at += text.len();
    }
    rows
}

/// Where a row may end and where the next one then starts.
#[derive(Clone, Copy)]
struct Break {
    end_c: usize,
    end_b: usize,
    next_c: usize,
    next_b: usize,
    /// Row width at `next` (the width of everything before the next row's first char).
    next_w: usize,
}

/// State of the row being filled.
struct Filler<'r> {
    rows: &'r mut Vec<Row>,
    para: usize,
    width: usize,
    start_c: usize,
    start_b: usize,
    /// Width of the row from its start through the last non-space grapheme.
    row_w: usize,
    brk: Option<Break>,
    /// The run of spaces after the last non-space grapheme: (char, byte, width) of its start.
    spaces: Option<(usize, usize, usize)>,
    prev_cjk: bool,
    /// First char of the previous grapheme (' ' after a space or at a row start).
    prev: char,
}

impl Filler<'_> {
    fn emit(&mut self, end_c: usize, end_b: usize) {
        self.rows.push(Row {
            para: Some(self.para),
            start: self.start_c,
            end: end_c,
            byte_start: self.start_b,
            byte_end: end_b,
        });
    }

    /// Starts a fresh row at (c, b), e.g. after a hard line break.
    fn restart(&mut self, c: usize, b: usize) {
        self.start_c = c;
        self.start_b = b;
        self.row_w = 0;
        self.brk = None;
        self.spaces = None;
        self.prev_cjk = false;
        self.prev = ' ';
    }

    fn space(&mut self, c: usize, b: usize, w: usize) {
        if self.start_c == c {
            // No row starts with a space: a space here is a wrap-point space.
            self.start_c = c + 1;
            self.start_b = b + 1;
            return;
        }
        match &mut self.spaces {
            Some((_, _, sw)) => *sw += w,
            None => self.spaces = Some((c, b, w)),
        }
        self.prev_cjk = false;
        self.prev = ' ';
    }

    fn grapheme(&mut self, c: usize, b: usize, g: &str, w: usize, nchars: usize) {
        let first = g.chars().next().unwrap_or(' ');
        let cjk = is_cjk(first);
        if let Some((sc, sb, sw)) = self.spaces.take() {
            self.brk = Some(Break {
                end_c: sc,
                end_b: sb,
                next_c: c,
                next_b: b,
                next_w: self.row_w + sw,
            });
            self.row_w += sw;
        } else if (cjk || self.prev_cjk) && c > self.start_c {
            self.brk = Some(Break {
                end_c: c,
                end_b: b,
                next_c: c,
                next_b: b,
                next_w: self.row_w,
            });
        }
        if self.row_w + w > self.width && c > self.start_c {
            if let Some(brk) = self.brk.take() {
                self.emit(brk.end_c, brk.end_b);
                self.start_c = brk.next_c;
                self.start_b = brk.next_b;
                self.row_w -= brk.next_w;
            }
            if self.row_w + w > self.width && c > self.start_c {
                // The word alone is wider than the row: break it here.
                self.emit(c, b);
                self.start_c = c;
                self.start_b = b;
                self.row_w = 0;
            }
        }
        self.row_w += w;
        // is_alphanumeric is a table lookup for non-ASCII chars: only ask at a hyphen.
        if is_hyphen(first) && self.prev.is_alphanumeric() {
            let (nc, nb) = (c + nchars, b + g.len());
            self.brk = Some(Break {
                end_c: nc,
                end_b: nb,
                next_c: nc,
                next_b: nb,
                next_w: self.row_w,
            });
        }
        self.prev_cjk = cjk;
        self.prev = first;
    }

    /// A run of printable ASCII chars that are neither spaces nor hyphens, at (c, b).
    fn ascii_run(&mut self, c: usize, b: usize, run: &str) {
        let n = run.len();
        self.grapheme(c, b, &run[..1], 1, 1);
        if self.row_w + (n - 1) <= self.width {
            self.row_w += n - 1;
            self.prev = char::from(run.as_bytes()[n - 1]);
        } else {
            for k in 1..n {
                self.grapheme(c + k, b + k, &run[k..=k], 1, 1);
            }
        }
    }

    /// Ends the current row at (c, b), leaving out trailing spaces.
    fn finish(&mut self, c: usize, b: usize) {
        let (ec, eb) = match self.spaces {
            Some((sc, sb, _)) => (sc, sb),
            None => (c, b),
        };
        if ec >= self.start_c {
            self.emit(ec, eb);
        } else {
            // Only spaces were seen since the row start moved past them.
            self.emit(self.start_c, self.start_b);
        }
    }
}

/// Wraps one paragraph starting at body char `c0` / byte `b0`; returns the char offset after it.
fn wrap_paragraph(
    text: &str,
    para: usize,
    width: usize,
    c0: usize,
    b0: usize,
    rows: &mut Vec<Row>,
) -> usize {
    let mut f = Filler {
        rows,
        para,
        width,
        start_c: c0,
        start_b: b0,
        row_w: 0,
        brk: None,
        spaces: None,
        prev_cjk: false,
        prev: ' ',
    };
    let bytes = text.as_bytes();
    let mut c = c0;
    let mut i = 0usize;
    while i < bytes.len() {
        let byte = bytes[i];
        // Fastest path: a run of printable ASCII word chars. No break is possible inside it,
        // each is one column, so unless it overflows the row it is taken in one step.
        if is_run_byte(byte) {
            let mut j = i + 1;
            while j < bytes.len() && is_run_byte(bytes[j]) {
                j += 1;
            }
            // The last char joins a combining mark after it: leave it to the grapheme path.
            if j < bytes.len() && simple_char(text, j).is_none() {
                j -= 1;
            }
            if j > i {
                f.ascii_run(c, b0 + i, &text[i..j]);
                c += j - i;
                i = j;
                continue;
            }
        }
        // Fast path: two "simple" chars in a row (below U+0300, not CR) always have a grapheme
        // boundary between them, so Latin text never enters the grapheme state machine.
        let (len, nchars, g) = match simple_char(text, i) {
            Some(len) if simple_char(text, i + len).is_some() || i + len == bytes.len() => {
                (len, 1, &text[i..i + len])
            }
            _ => {
                let g = next_grapheme(text, i);
                (g.len(), g.chars().count(), g)
            }
        };
        let b = b0 + i;
        if byte == b'\n' || g == "\r\n" {
            f.finish(c, b);
            f.restart(c + nchars, b + len);
        } else if len == 1 && (byte == b' ' || byte == b'\t') {
            // Only a bare space: a space carrying a combining mark is a visible grapheme.
            f.space(c, b, 1);
        } else {
            let w = if nchars == 1 {
                char_width(g)
            } else {
                display_width(g)
            };
            f.grapheme(c, b, g, w, nchars);
        }
        c += nchars;
        i += len;
    }
    f.finish(c, b0 + bytes.len());
    c
}

/// Printable ASCII other than space and hyphen: never a break opportunity, one column.
fn is_run_byte(b: u8) -> bool {
    b > b' ' && b < 0x7F && b != b'-'
}

/// The byte length of the char at byte `i` when it is "simple": a char whose grapheme
/// break property is Other or Control (ASCII except CR, U+0080–U+02FF, general punctuation,
/// CJK ideographs and kana).
///
/// Such chars are never Prepend, Extend, SpacingMark, ZWJ, regional indicators, emoji or
/// Hangul jamo, so a boundary always lies between two of them (UAX #29, GB3–GB999).
fn simple_char(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    match *bytes.get(i)? {
        b'\r' => None,
        b if b < 0x80 => Some(1),
        // Two-byte sequences with lead bytes C2..=CB encode U+0080..=U+02FF.
        0xC2..=0xCB => Some(2),
        lead @ 0xE0..=0xEF => {
            let b1 = u32::from(*bytes.get(i + 1)? & 0x3F);
            let b2 = u32::from(*bytes.get(i + 2)? & 0x3F);
            let cp = (u32::from(lead & 0x0F) << 12) | (b1 << 6) | b2;
            // ZWJ/ZWNJ (U+200C/D), the bidi marks and line separators (U+200E–U+202F) and
            // the ideographic tone marks (U+302A–U+302F) and kana voicing marks (U+3099/A)
            // are left out on purpose.
            let simple = matches!(cp,
                0x2010..=0x2027 | 0x2030..=0x205F | 0x3001..=0x3029 | 0x3041..=0x3096
                | 0x30A0..=0x30FF | 0x4E00..=0x9FFF);
            simple.then_some(3)
        }
        _ => None,
    }
}

/// Display width of a one-char grapheme (see [`display_width`]).
fn char_width(g: &str) -> usize {
    let c = g.chars().next().unwrap_or(' ');
    if c.is_ascii() || sanitize::is_unsafe(c) {
        1
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// The grapheme cluster of `text` starting at byte `i` (a grapheme boundary).
fn next_grapheme(text: &str, i: usize) -> &str {
    let mut cursor = unicode_segmentation::GraphemeCursor::new(i, text.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(end)) if end > i => &text[i..end],
        // Cannot happen with the whole string as the chunk; fall back to one char.
        _ => {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            &text[i..i + len]
        }
    }
}

/// Display width of a grapheme as the drawing code shows it (unsafe chars become U+FFFD).
pub fn display_width(g: &str) -> usize {
    if g.chars().any(sanitize::is_unsafe) {
        g.chars()
            .map(|c| {
                if sanitize::is_unsafe(c) {
                    1
                } else {
                    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
                }
            })
            .sum()
    } else {
        g.width()
    }
}

/// Display width of a string, grapheme by grapheme (see [`display_width`]).
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(display_width).sum()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2013}')
}

/// Ideographic scripts, which break between any two chars.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'     // radicals, kana, CJK unified ideographs, …
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FF00}'..='\u{FF60}'   // full-width forms
        | '\u{20000}'..='\u{3FFFF}' // ideograph extensions
    )
}

/// The index of the row holding char offset `offset` (the nearest row before it for offsets in separators).
pub fn row_of(rows: &[Row], offset: usize) -> usize {
    let i = rows
        .partition_point(|r| r.start <= offset)
        .saturating_sub(1);
    if rows.get(i).is_some_and(|r| r.para.is_none()) && i > 0 {
        i - 1
    } else {
        i
    }
}

/// The char offset under screen column `col` of `row` (for mouse clicks); clamps to the row.
///
/// A column past the end of the text gives the row's last char (or `row.start` for an
/// empty row); a column inside a wide char gives that char.
pub fn offset_at_col(body: &str, row: &Row, col: u16) -> usize {
    let text = body.get(row.byte_start..row.byte_end).unwrap_or("");
    let col = usize::from(col);
    let mut x = 0usize;
    let mut c = row.start;
    for g in text.graphemes(true) {
        let w = display_width(g);
        if col < x + w.max(1) {
            return c;
        }
        x += w;
        c += g.chars().count();
    }
    if row.end > row.start {
        // The start of the last grapheme, so a click past the text lands on a real char.
        let last = text
            .graphemes(true)
            .next_back()
            .map_or(1, |g| g.chars().count());
        row.end - last
    } else {
        row.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(body: &str, rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| body[r.byte_start..r.byte_end].to_string())
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        let body = "the quick brown fox jumps";
        let rows = wrap(body, 10);
        assert_eq!(texts(body, &rows), ["the quick", "brown fox", "jumps"]);
        assert_eq!(rows[1].start, 10);
        assert_eq!(rows[1].end, 19);
    }

    #[test]
    fn paragraphs_get_a_blank_row_between() {
        let body = "eins zwei\n\ndrei";
        let rows = wrap(body, 20);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].para, Some(0));
        assert_eq!(rows[1].para, None);
        assert_eq!(rows[2].para, Some(1));
        assert_eq!(rows[2].start, 11);
        assert_eq!(texts(body, &rows), ["eins zwei", "", "drei"]);
    }

    #[test]
    fn umlauts_count_one_column_and_offsets_are_chars() {
        let body = "Präsident über Öl";
        let rows = wrap(body, 9);
        assert_eq!(texts(body, &rows), ["Präsident", "über Öl"]);
        assert_eq!(rows[1].start, 10);
        assert_eq!(rows[1].byte_start, 11);
    }

    #[test]
    fn cjk_is_two_columns_and_breaks_between_ideographs() {
        let body = "普京和佩泽什基安";
        let rows = wrap(body, 5);
        assert_eq!(texts(body, &rows), ["普京", "和佩", "泽什", "基安"]);
    }

    #[test]
    fn long_word_breaks_at_graphemes_not_inside_emoji() {
        let body = "a👨‍👩‍👧b👍🏽c";
        let rows = wrap(body, 3);
        for r in &rows {
            assert!(str_width(&body[r.byte_start..r.byte_end]) <= 3);
        }
        let all: String = texts(body, &rows).concat();
        assert_eq!(all, body);
        assert!(texts(body, &rows).contains(&"a👨‍👩‍👧".to_string()));
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let body = "e\u{301}e\u{301}e\u{301}";
        let rows = wrap(body, 2);
        assert_eq!(texts(body, &rows), ["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn a_space_carrying_a_mark_is_kept_on_a_row() {
        let body = "a \u{200D}b";
        let rows = wrap(body, 1);
        let all: String = texts(body, &rows).concat();
        assert!(all.contains('\u{200D}'), "{rows:?}");
    }

    #[test]
    fn breaks_after_inner_hyphen() {
        let body = "Saudi-Arabien";
        let rows = wrap(body, 8);
        assert_eq!(texts(body, &rows), ["Saudi-", "Arabien"]);
    }

    #[test]
    fn control_chars_take_one_column() {
        let body = "a\u{1b}\u{202E}bc";
        let rows = wrap(body, 2);
        assert_eq!(texts(body, &rows), ["a\u{1b}", "\u{202E}b", "c"]);
    }

    #[test]
    fn single_newline_forces_a_row_break() {
        let body = "one\ntwo";
        assert_eq!(texts(body, &wrap(body, 20)), ["one", "two"]);
        let body = "one\r\ntwo";
        assert_eq!(texts(body, &wrap(body, 20)), ["one", "two"]);
    }

    #[test]
    fn width_zero_and_one_terminate() {
        let body = "ab 普 c";
        assert_eq!(texts(body, &wrap(body, 0)), ["a", "b", "普", "c"]);
        assert_eq!(texts(body, &wrap(body, 1)), ["a", "b", "普", "c"]);
    }

    #[test]
    fn empty_body_and_empty_paragraphs_have_rows() {
        assert_eq!(wrap("", 10).len(), 1);
        let rows = wrap("a\n\n\n\nb", 10);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[2].para, Some(1));
        assert_eq!(rows[2].start, rows[2].end);
    }

    #[test]
    fn row_of_finds_rows_and_separators_go_back() {
        let body = "the quick brown fox\n\njumps";
        let rows = wrap(body, 10);
        assert_eq!(row_of(&rows, 0), 0);
        assert_eq!(row_of(&rows, 9), 0);
        assert_eq!(row_of(&rows, 10), 1);
        assert_eq!(row_of(&rows, 20), 1);
        assert_eq!(row_of(&rows, 21), 3);
        assert_eq!(row_of(&rows, 999), 3);
        assert_eq!(row_of(&[], 5), 0);
    }

    #[test]
    fn offset_at_col_handles_wide_chars_and_clamps() {
        let body = "a普b";
        let rows = wrap(body, 10);
        assert_eq!(offset_at_col(body, &rows[0], 0), 0);
        assert_eq!(offset_at_col(body, &rows[0], 1), 1);
        assert_eq!(offset_at_col(body, &rows[0], 2), 1);
        assert_eq!(offset_at_col(body, &rows[0], 3), 2);
        assert_eq!(offset_at_col(body, &rows[0], 50), 2);
        let empty = Row {
            para: Some(0),
            start: 4,
            end: 4,
            byte_start: 4,
            byte_end: 4,
        };
        assert_eq!(offset_at_col("abcd", &empty, 3), 4);
    }

    const SEED: &str = include_str!("../../../assets/articles/2024-12-21-putin-pezeshkian.txt");

    #[test]
    fn seed_article_wraps_within_width_at_every_width() {
        for width in 1..=120u16 {
            let rows = wrap(SEED, width);
            let mut covered = 0usize;
            for r in &rows {
                let text = &SEED[r.byte_start..r.byte_end];
                assert!(str_width(text) <= usize::from(width), "{text:?} at {width}");
                assert!(!text.starts_with(' ') && !text.ends_with(' '));
                covered += text.chars().filter(|c| !c.is_whitespace()).count();
            }
            let total = SEED.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(covered, total, "width {width}");
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(" ".to_string()),
            Just("  ".to_string()),
            Just("\n\n".to_string()),
            Just("\n".to_string()),
            Just("-".to_string()),
            Just("👨‍👩‍👧".to_string()),
            Just("e\u{301}".to_string()),
            Just("\u{1b}[31m".to_string()),
            Just("普\u{302A}".to_string()),
            Just("か\u{3099}".to_string()),
            Just("\u{200D}".to_string()),
            Just("„“–—…".to_string()),
            "[a-zäöüß]{1,12}",
            "[普京和佩泽什基安]{1,6}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn rows_are_ordered_within_width_and_cover_the_text(body in text_strategy(), width in 1u16..200) {
            let rows = wrap(&body, width);
            prop_assert!(!rows.is_empty());
            let mut covered = vec![false; body.chars().count()];
            let mut prev_end = 0usize;
            for (i, r) in rows.iter().enumerate() {
                prop_assert!(r.start <= r.end);
                prop_assert!(r.start >= prev_end, "row {} overlaps", i);
                if i > 0 { prop_assert!(r.start > rows[i - 1].start || rows[i-1].start == rows[i-1].end); }
                prev_end = r.end;
                let text = &body[r.byte_start..r.byte_end];
                prop_assert_eq!(text.chars().count(), r.end - r.start);
                let w = str_width(text);
                let single = text.graphemes(true).count() <= 1;
                prop_assert!(w <= usize::from(width) || single, "row {:?} is {} wide", text, w);
                for c in covered.iter_mut().take(r.end).skip(r.start) { *c = true; }
                prop_assert_eq!(row_of(&rows, r.start), i.min(if r.para.is_none() { i - 1 } else { i }));
            }
            for (i, ch) in body.chars().enumerate() {
                prop_assert!(covered[i] || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r',
                    "char {} {:?} is on no row", i, ch);
            }
        }

        #[test]
        fn offset_at_col_stays_in_the_row(body in text_strategy(), width in 1u16..40, col in 0u16..50) {
            for r in wrap(&body, width) {
                let o = offset_at_col(&body, &r, col);
                prop_assert!(o >= r.start && (o < r.end || o == r.start));
            }
        }
    }
}
