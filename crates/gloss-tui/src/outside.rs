//! What gloss does outside its own screen, for the runner: opening a URL with the
//! system's opener, and putting text on the clipboard with OSC 52. `update` only asks
//! (an [`crate::app::Effect`]); these run after it, never in it.

use std::io::Write as _;

use base64::Engine as _;

/// Whether `url` is a web address (`http://` or `https://` and a host): the only kind
/// gloss hands to the opener, as article metadata is untrusted and a `file:` path or a
/// program name must not be run.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            !rest.is_empty()
                && !rest.starts_with('/')
                && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Opens a web address with the system's opener (xdg-open, open, start), detached so
/// gloss does not wait for the browser.
pub fn open_url(url: &str) -> Result<(), String> {
    if !is_web_url(url) {
        return Err(format!("not a web address, not opened: {url}"));
    }
    open::that_detached(url).map_err(|e| format!("cannot open {url}: {e}"))
}

/// Terminals drop OSC 52 payloads past about 100 KB; a quote is far shorter, and a longer
/// one is cut rather than lost.
const MAX_CLIPBOARD_CHARS: usize = 32 * 1024;

/// Text made safe for the clipboard: control chars (but line breaks and tabs) and BIDI
/// overrides out, since what is pasted elsewhere must not carry the article's escapes;
/// cut to [`MAX_CLIPBOARD_CHARS`].
pub fn clipboard_text(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !gloss_core::sanitize::is_unsafe(c))
        .take(MAX_CLIPBOARD_CHARS)
        .collect()
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. The text
/// travels base64-encoded, so nothing in it can act as a terminal control.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(clipboard_text(text));
    format!("\u{1b}]52;c;{b64}\u{7}")
}

/// Writes the OSC 52 sequence for `text` to the terminal (stdout). Works over ssh, as the
/// terminal on the user's side does the copying.
pub fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(osc52(text).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot copy: {e}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(is_web_url("https://example.org/a?b=1"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "calc.exe",
            "https://",
            "https:///x",
            "https://a b",
            "https://a\u{1b}]52",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
            assert!(open_url(bad).is_err());
        }
    }

    #[test]
    fn the_clipboard_gets_no_escapes_and_osc52_is_base64() {
        let raw = "“Red \u{1b}[31mred\u{7} \u{202e}x”\nTitle, 2024-12-21";
        let clean = clipboard_text(raw);
        assert_eq!(clean, "“Red [31mred x”\nTitle, 2024-12-21");
        let seq = osc52(raw);
        assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
        let payload = &seq["\u{1b}]52;c;".len()..seq.len() - 1];
        assert!(
            payload
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), clean);
        assert_eq!(
            clipboard_text(&"x".repeat(100_000)).len(),
            MAX_CLIPBOARD_CHARS
        );
    }
}
