//! Whitespace normalisation shared by every parser.

/// Collapses every run of whitespace (`\r`, `\t`, `\n`, no-break space, …) to one space and
/// trims the ends; every other char, control chars included, is kept as it is.
///
/// Control chars are kept on purpose: offsets must index the text as read, and the TUI
/// replaces them for display char for char.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
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
