//! Whitespace normalisation shared by every parser.

/// Collapses every run of whitespace (`\r`, `\t`, `\n`, no-break space, …) to one space and
/// trims the ends; every other char, control chars included, is kept as it is.
///
/// Control chars are kept on purpose: offsets must index the text as read, and the TUI
/// replaces them for display char for char.
pub fn collapse_whitespace(s: &str) -> String {
    // Every parser calls this on every paragraph, and listing a folder parses the head of
    // every file: text is copied in long slices, broken only where the white space is not
    // already one space between two words (a line break, a double space), and the bytes
    // between spaces are skipped 8 at a time.
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out = String::with_capacity(n);
    let mut i = 0;
    // Leading white space.
    while i < n {
        match ws_len(s, i) {
            0 => break,
            w => i += w,
        }
    }
    // `s[from..i]` is kept as it is and not yet copied.
    let mut from = i;
    while i < n {
        i = next_candidate(bytes, i);
        if i == n {
            break;
        }
        if bytes[i] == b' '
            && bytes
                .get(i + 1)
                .is_some_and(|&b| WS_CLASS[usize::from(b)] == 0)
        {
            // One space before a word (the usual case): kept, and the word goes on.
            i += 2;
            continue;
        }
        let w = ws_len(s, i);
        if w == 0 {
            i += 1;
            continue;
        }
        let mut end = i + w;
        while end < n {
            match ws_len(s, end) {
                0 => break,
                w => end += w,
            }
        }
        if end == n {
            // Trailing white space.
            break;
        }
        if !(end == i + 1 && bytes[i] == b' ') {
            out.push_str(&s[from..i]);
            out.push(' ');
            from = end;
        }
        i = end;
    }
    out.push_str(&s[from..i]);
    out
}

/// The first byte at or after `i` that is below `!` or not ASCII (every white space char
/// starts with one), or `bytes.len()`; it may also stop earlier, at a byte that is
/// neither, which the caller checks again.
#[inline]
fn next_candidate(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte's high bit is set if it is not ASCII, or if subtracting 0x21 from it
        // borrowed (it is below 0x21). A borrow carried into the next byte can only mark
        // a byte after the first one found, never hide one.
        let marks = (x.wrapping_sub(ONES * 0x21) | x) & HIGH;
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && (0x21..0x80).contains(&bytes[i]) {
        i += 1;
    }
    i
}

/// What a byte may start: nothing to look at (0), an ASCII white space (1), or a char
/// that may be Unicode white space (2: the lead bytes of U+0085, U+00A0, U+1680,
/// U+2000–U+205F and U+3000).
static WS_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    t[b'\t' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[0x0b] = 1;
    t[0x0c] = 1;
    t[b'\r' as usize] = 1;
    t[0xc2] = 2;
    t[0xe1] = 2;
    t[0xe2] = 2;
    t[0xe3] = 2;
    t
};

/// The length of the white space char at `i`, or 0.
#[inline(always)]
fn ws_len(s: &str, i: usize) -> usize {
    match WS_CLASS[usize::from(s.as_bytes()[i])] {
        0 => 0,
        1 => 1,
        _ => match s[i..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
    }
}

/// Splits text into blocks separated by blank (whitespace-only) lines; each block is
/// collapsed to one line. Empty blocks are dropped.
pub fn blocks(text: &str) -> Vec<String> {
    blocks_while(text, |_| true)
}

/// The first [`blocks`] of `text`: they are split off one by one, and the split stops
/// once `more` says that the blocks so far are enough (each block needs only the lines
/// up to the blank line after it, so these are the first blocks of the whole text).
pub fn blocks_while(text: &str, mut more: impl FnMut(&[String]) -> bool) -> Vec<String> {
    // A block's lines are one slice of the text (its line breaks collapse to spaces like
    // any other white space), so each block is collapsed straight from the text.
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let end = at + line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                push_block(&mut out, &text[s..end]);
                if !more(&out) {
                    return out;
                }
            }
        } else if start.is_none() {
            start = Some(at);
        }
        at = end + 1;
    }
    if let Some(s) = start {
        push_block(&mut out, &text[s..]);
    }
    out
}

fn push_block(out: &mut Vec<String>, block: &str) {
    let block = collapse_whitespace(block);
    if !block.is_empty() {
        out.push(block);
    }
}

/// The implementations before the byte loops, which the new ones must equal.
#[cfg(test)]
mod reference {
    pub(super) fn collapse_whitespace(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = String::with_capacity(s.len());
        let mut word = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let ws_len = match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
                0xc2 | 0xe1 | 0xe2 | 0xe3 => match s[i..].chars().next() {
                    Some(c) if c.is_whitespace() => c.len_utf8(),
                    _ => 0,
                },
                _ => 0,
            };
            if ws_len > 0 {
                push_word(&mut out, &s[word..i]);
                word = i + ws_len;
                i = word;
            } else {
                i += 1;
            }
        }
        push_word(&mut out, &s[word..]);
        out
    }

    fn push_word(out: &mut String, word: &str) {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }

    pub(super) fn blocks(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        for line in text.split('\n') {
            if line.trim().is_empty() {
                push_block(&mut out, &mut current);
            } else {
                current.push_str(line);
                current.push('\n');
            }
        }
        push_block(&mut out, &mut current);
        out
    }

    fn push_block(out: &mut Vec<String>, current: &mut String) {
        let block = collapse_whitespace(current);
        if !block.is_empty() {
            out.push(block);
        }
        current.clear();
    }
}

/// A title from a file name: the stem without a leading `YYYY-MM-DD-`, with `-` and `_`
/// as spaces (`2024-12-21-putin-visit.txt` → `Putin visit`).
pub fn title_from_file_name(path: &std::path::Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rest = match stem.get(..10) {
        Some(prefix) if super::dates::parse_iso_prefix(prefix).is_some() => {
            stem[10..].trim_start_matches(['-', '_', ' '])
        }
        _ => stem.as_str(),
    };
    let words = collapse_whitespace(&rest.replace(['-', '_'], " "));
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_of_every_kind_becomes_one_space() {
        assert_eq!(collapse_whitespace(" a\r\n\tb\u{a0} c  "), "a b c");
    }

    #[test]
    fn collapsing_equals_the_char_by_char_definition() {
        fn reference(s: &str) -> String {
            s.split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a  b",
            "\u{85}x\u{2028}y\u{3000}",
            "ä\u{a0}\u{a0}ö ü",
            "\u{1b}\tb\r\n",
            "x\u{b}\u{c}y",
            "\u{200b}zero width is not space",
        ] {
            assert_eq!(collapse_whitespace(s), reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn collapsing_equals_the_definition_on_any_text(s in "[ a\t\n\r\u{a0}\u{85}\u{2009}ä\u{b}\u{1b}]{0,40}") {
            let reference = s
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&s), reference);
        }
    }

    proptest::proptest! {
        #[test]
        fn collapsing_equals_the_old_loop(s in "([ a\t\n\r\u{a0}\u{85}\u{2009}\u{2028}\u{3000}\u{1680}\u{200b}\u{e1}\u{c2}ä€\u{b}\u{c}\u{1b}]|  |a b ){0,60}") {
            proptest::prop_assert_eq!(collapse_whitespace(&s), reference::collapse_whitespace(&s));
        }

        #[test]
        fn collapsing_any_string_equals_the_old_loop(s in "\\PC{0,80}|[\\s\\S]{0,80}") {
            proptest::prop_assert_eq!(collapse_whitespace(&s), reference::collapse_whitespace(&s));
        }

        #[test]
        fn collapsing_long_words_equals_the_old_loop(s in "([a-zA-Z0-9!~\u{7f}]{0,20}[ \n\t\u{a0}\u{20}\u{3000}äé\u{1f}\u{0}]{0,3}){0,20}") {
            proptest::prop_assert_eq!(collapse_whitespace(&s), reference::collapse_whitespace(&s));
        }

        #[test]
        fn blocks_equal_the_old_splitter(s in "([ a\t\n\r\u{a0}\u{2028}ä]|\n\n|\n \n|\r\n|word ){0,60}") {
            proptest::prop_assert_eq!(blocks(&s), reference::blocks(&s));
        }
    }

    #[test]
    fn collapsing_and_blocks_equal_the_old_ones_on_real_articles() {
        // The sample articles, the shared corpus when it is there and any folder named by
        // GLOSS_LANG_CORPUS (a generated corpus): the whole files, through both.
        let mut seen = 0;
        for p in crate::article::corpus_files() {
            if let Ok(bytes) = std::fs::read(&p) {
                let s = String::from_utf8_lossy(&bytes);
                assert_eq!(
                    collapse_whitespace(&s),
                    reference::collapse_whitespace(&s),
                    "{}",
                    p.display()
                );
                assert_eq!(blocks(&s), reference::blocks(&s), "{}", p.display());
                seen += 1;
            }
        }
        assert!(seen >= 6);
    }

    proptest::proptest! {
        #[test]
        fn the_first_blocks_are_the_first_of_all_blocks(s in "([ a\t\n\u{a0}ä]|\n\n|\n \n|word ){0,60}", k in 0usize..6) {
            let all = blocks(&s);
            let first = blocks_while(&s, |b| b.len() < k);
            proptest::prop_assert_eq!(&all[..first.len()], &first[..]);
            proptest::prop_assert!(first.len() >= k.min(all.len()));
        }
    }

    #[test]
    fn control_chars_are_kept() {
        assert_eq!(collapse_whitespace("a\u{1b}[1mb\u{7}"), "a\u{1b}[1mb\u{7}");
    }

    #[test]
    fn blocks_split_on_blank_lines_and_join_lines() {
        let b = blocks("one\ntwo\n \t\nthree\r\n\n\n");
        assert_eq!(b, vec!["one two", "three"]);
    }

    #[test]
    fn file_name_titles() {
        use std::path::Path;
        assert_eq!(
            title_from_file_name(Path::new("x/2024-12-21-putin-visit.txt")),
            "Putin visit"
        );
        assert_eq!(
            title_from_file_name(Path::new("notes_on_it.md")),
            "Notes on it"
        );
        assert_eq!(
            title_from_file_name(Path::new("2024-12-21.txt")),
            "2024-12-21"
        );
    }
}
