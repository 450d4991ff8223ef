//! Bytes to text: empty and binary files, byte order marks, invalid UTF-8, and the
//! charsets of web pages.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8};

use super::ArticleError;

/// How many leading bytes are looked at for NUL bytes (binary files).
const BINARY_SNIFF: usize = 8 * 1024;
/// How many leading bytes of a page are searched for a `<meta charset>`.
const META_SNIFF: usize = 4 * 1024;

/// Decoded text and what went wrong on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Non-fatal problems (for `Article::warnings`).
    pub warnings: Vec<String>,
}

/// Rejects empty and binary files. A UTF-16 byte order mark is text, NUL bytes and all.
pub fn check_bytes(path: &Path, bytes: &[u8]) -> Result<(), ArticleError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    let is_utf16 = Encoding::for_bom(bytes).is_some_and(|(enc, _)| enc != UTF_8);
    let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
    // memchr's SIMD search: the slice's own `contains` was a twentieth of listing a folder.
    if !is_utf16 && memchr::memchr(0, head).is_some() {
        return Err(ArticleError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Whether the bytes start with a byte-order mark (UTF-8, UTF-16LE or UTF-16BE).
pub fn has_bom(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some()
}

/// Decodes a text or Markdown file: UTF-8 (a BOM is dropped; UTF-16 with a BOM is read);
/// invalid UTF-8 is decoded lossily with a warning, unless the file is plainly in a legacy
/// charset (many invalid sequences that a guessed charset decodes without error).
pub fn decode_text(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), had_errors, enc);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_owned(),
            warnings: Vec::new(),
        },
        Err(_) => {
            let invalid = count_invalid_utf8(bytes);
            if invalid >= 3 {
                let guess = guess_encoding(bytes);
                if guess != UTF_8 {
                    let (text, had_errors) = guess.decode_without_bom_handling(bytes);
                    if !had_errors {
                        return Decoded {
                            text: text.into_owned(),
                            warnings: vec![format!(
                                "not UTF-8: decoded as {} (a guess)",
                                guess.name()
                            )],
                        };
                    }
                }
            }
            Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                warnings: vec![format!(
                    "invalid UTF-8: {invalid} byte sequence(s) replaced with U+FFFD"
                )],
            }
        }
    }
}

/// Decodes a web page: byte order mark, then `<meta charset>` / `http-equiv`, then UTF-8
/// if the bytes are valid UTF-8, then a guess by chardetng.
pub fn decode_html(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), had_errors, enc);
    }
    let valid_utf8 = std::str::from_utf8(bytes).ok();
    if let Some(declared) = declared_charset(bytes) {
        if declared == UTF_8 {
            return match valid_utf8 {
                // What `decode_text` makes of valid UTF-8 (no BOM here), without
                // checking it a second time.
                Some(s) => Decoded {
                    text: s.to_owned(),
                    warnings: Vec::new(),
                },
                None => decode_text(bytes),
            };
        }
        // A page that says it is in a legacy charset but is valid UTF-8 with non-ASCII text
        // was re-encoded without fixing the tag: no legacy text is valid UTF-8 by chance.
        if let Some(s) = valid_utf8.filter(|s| !s.is_ascii()) {
            return Decoded {
                text: s.to_owned(),
                warnings: vec![format!(
                    "page declares {} but is UTF-8; read as UTF-8",
                    declared.name()
                )],
            };
        }
        let (text, had_errors) = declared.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), had_errors, declared);
    }
    if let Some(s) = valid_utf8 {
        return Decoded {
            text: s.to_owned(),
            warnings: Vec::new(),
        };
    }
    let guess = guess_encoding(bytes);
    let (text, had_errors) = guess.decode_without_bom_handling(bytes);
    let mut out = finish(text.into_owned(), had_errors, guess);
    out.warnings.insert(
        0,
        format!(
            "page declares no charset and is not UTF-8: read as {} (a guess)",
            guess.name()
        ),
    );
    out
}

/// [`decode_html`]'s text, borrowed from `bytes` when they are valid UTF-8 and the page
/// does not say otherwise: checked once (with SIMD) and not copied.
pub fn decode_html_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if Encoding::for_bom(bytes).is_some() {
        return Cow::Owned(decode_html(bytes).text);
    }
    let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
        return Cow::Owned(decode_html(bytes).text);
    };
    match declared_charset(bytes) {
        Some(declared) if declared != UTF_8 && text.is_ascii() => {
            Cow::Owned(declared.decode_without_bom_handling(bytes).0.into_owned())
        }
        _ => Cow::Borrowed(text),
    }
}

fn finish(text: String, had_errors: bool, enc: &'static Encoding) -> Decoded {
    let warnings = if had_errors {
        vec![format!("invalid {} bytes replaced with U+FFFD", enc.name())]
    } else {
        Vec::new()
    };
    Decoded { text, warnings }
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn count_invalid_utf8(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .filter(|chunk| !chunk.invalid().is_empty())
        .count()
}

/// The charset a page declares in its first bytes (`<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`). UTF-16 labels mean
/// UTF-8 here, as in the HTML standard: a page read as bytes cannot be UTF-16 without a BOM.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SNIFF)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while lower.get(i).is_some_and(|b| {
            !matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') && !b.is_ascii_whitespace()
        }) {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            return Some(enc.output_encoding());
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_files_are_empty() {
        for bytes in [&b""[..], b" \n\t\r\n"] {
            assert!(matches!(
                check_bytes(Path::new("a.txt"), bytes),
                Err(ArticleError::Empty { .. })
            ));
        }
    }

    #[test]
    fn nul_bytes_mean_binary_but_utf16_is_text() {
        assert!(matches!(
            check_bytes(Path::new("a.txt"), b"PK\x03\x04\x00\x00"),
            Err(ArticleError::Binary { .. })
        ));
        let utf16: Vec<u8> = [0xFF, 0xFE, b'H', 0, b'i', 0].to_vec();
        assert!(check_bytes(Path::new("a.txt"), &utf16).is_ok());
        assert_eq!(decode_text(&utf16).text, "Hi");
    }

    #[test]
    fn a_few_bad_bytes_are_replaced_with_a_warning() {
        let d = decode_text(b"Gr\xfc\xdfe aus Berlin");
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.text.ends_with(" aus Berlin"));
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(d.warnings[0].contains("invalid UTF-8"));
    }

    #[test]
    fn a_legacy_charset_text_is_recognised() {
        let latin1 = b"Die Stra\xdfe in M\xfcnchen war gesperrt. Die B\xfcrger \xe4rgerten sich \xfcber den Stau, sagte der B\xfcrgermeister.";
        let d = decode_text(latin1);
        assert!(d.text.contains("München"), "{}", d.text);
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFHallo").text, "Hallo");
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            declared_charset(b"<meta charset=\"ISO-8859-1\">"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
            ),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(declared_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared_charset(b"<p>charset is a word</p>"), None);
    }

    #[test]
    fn html_in_a_declared_legacy_charset() {
        let page =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>K\xf6ln</p></body></html>";
        let d = decode_html(page);
        assert!(d.text.contains("Köln"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn html_mislabelled_but_utf8() {
        let page = "<meta charset=\"iso-8859-1\"><p>Köln</p>".as_bytes();
        let d = decode_html(page);
        assert!(d.text.contains("Köln"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn html_without_charset_is_guessed() {
        let page = b"<html><body><p>Die Stra\xdfe in M\xfcnchen war gesperrt, die B\xfcrger \xe4rgerten sich.</p></body></html>";
        let d = decode_html(page);
        assert!(d.text.contains("München"), "{}", d.text);
        assert!(!d.warnings.is_empty());
    }

    /// Pieces of pages in every charset case: declared or not, UTF-8, Latin-1, BOMs.
    const PIECES: &[&[u8]] = &[
        b"<html><head>",
        b"<meta charset=\"utf-8\">",
        b"<meta charset=\"iso-8859-1\">",
        b"<meta charset=utf-16>",
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        b"<p>K\xc3\xb6ln</p>",
        b"<p>K\xf6ln und M\xfcnchen</p>",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"<p>plain ASCII text</p>",
        b"\xe2\x82",
    ];

    proptest::proptest! {
        #[test]
        fn a_page_borrowed_decodes_as_a_page_copied(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..8),
        ) {
            let bytes = pieces.concat();
            proptest::prop_assert_eq!(decode_html_text(&bytes), decode_html(&bytes).text);
        }
    }

    #[test]
    fn every_kind_of_page_borrowed_decodes_as_copied() {
        for page in [
            &b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>K\xf6ln</p></body></html>"
                [..],
            "<meta charset=\"iso-8859-1\"><p>Köln</p>".as_bytes(),
            b"<meta charset=\"iso-8859-1\"><p>Koeln</p>",
            b"<html><body><p>Die Stra\xdfe in M\xfcnchen war gesperrt.</p></body></html>",
            "<meta charset=utf-8><p>Köln</p>".as_bytes(),
            b"\xef\xbb\xbf<p>x</p>",
            b"",
        ] {
            assert_eq!(decode_html_text(page), decode_html(page).text);
        }
    }
}
