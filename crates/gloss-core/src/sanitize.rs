//! Terminal safety: article text is untrusted, so nothing it holds may drive the terminal.

/// Whether a char must never be written to the terminal as is.
///
/// C0/C1 controls (ESC starts every escape sequence, BEL ends OSC), DEL, and the Unicode
/// bidirectional overrides and isolates, which can make text display in an order other than
/// the one it is stored in (CVE-2021-42574, "Trojan Source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
        )
}

/// Replaces every unsafe char with a visible stand-in of the same char count.
///
/// Keeping one char for one char means char offsets into the body stay valid for display.
/// Tabs become a space; everything else becomes U+FFFD.
pub fn display_char(c: char) -> char {
    if c == '\t' || c == '\n' {
        ' '
    } else if is_unsafe(c) {
        '\u{FFFD}'
    } else {
        c
    }
}

/// The string with every unsafe char replaced (see [`display_char`]).
pub fn for_display(s: &str) -> String {
    s.chars().map(display_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_are_replaced_char_for_char() {
        let raw = "a\u{1b}[31mb\u{7}c\u{202E}d";
        let shown = for_display(raw);
        assert_eq!(shown.chars().count(), raw.chars().count());
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{7}'));
        assert!(!shown.contains('\u{202E}'));
        assert!(shown.contains("[31mb"));
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "Präsident 普京 👍🏽 e\u{301}";
        assert_eq!(for_display(s), s);
    }
}
