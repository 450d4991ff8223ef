//! Whitespace normalisation shared by every parser.

/// Collapses every run of whitespace (`\r`, `\t`, `\n`, no-break space, …) to one space and
/// trims the ends; every other char, control chars included, is kept as it is.
///
/// Control chars are kept on purpose: offsets must index the text as read, and the TUI
/// replaces them for display char for char.
pub fn collapse_whitespace(s: &str) -> String {
    // Runs of non-whitespace are copied as slices, and only bytes that can start a
    // whitespace char are looked at closely: every parser calls this on every
    // paragraph, and listing a folder parses the head of every file.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ws_len = match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
            // The lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000.
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

/// Splits text into blocks separated by blank (whitespace-only) lines; each block is
/// collapsed to one line. Empty blocks are dropped.
pub fn blocks(text: &str) -> Vec<String> {
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
