//! Sentence segmentation for German and English: UAX #29 sentence bounds
//! (unicode-segmentation), then the language rules UAX #29 does not know: abbreviations,
//! ordinal dates, initials and ellipses do not end a sentence.

use unicode_segmentation::UnicodeSegmentation;

use super::{Lang, lexicon};
use lexicon::ABBREV_MAX_LEN;

/// Words that start a new sentence after a number with a dot (`… im Jahr 2022. Die …`).
const SENTENCE_STARTERS_DE: &[&str] = &[
    "Der",
    "Die",
    "Das",
    "Den",
    "Dem",
    "Des",
    "Ein",
    "Eine",
    "Er",
    "Sie",
    "Es",
    "Ich",
    "Wir",
    "Ihr",
    "Man",
    "In",
    "Im",
    "Am",
    "Auch",
    "Doch",
    "Aber",
    "Und",
    "Damit",
    "Dabei",
    "Dann",
    "Danach",
    "Nach",
    "Bei",
    "Mit",
    "So",
    "Zudem",
    "Außerdem",
    "Bis",
    "Seit",
    "Laut",
    "Dies",
    "Diese",
    "Dieser",
    "Wie",
    "Was",
    "Wer",
    "Als",
    "Nun",
    "Jetzt",
    "Heute",
];

/// A sentence: byte range into the text, trailing whitespace trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
}

/// Splits `text` into sentences (byte ranges, in order, never empty, never overlapping).
pub fn split(text: &str, lang: Lang) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut pending: Option<Sentence> = None;
    // The fragments as they are found, not collected first.
    each_bound(text, |start, frag| {
        // Most fragments start with a letter and end in a space: their first and last
        // bytes decide without the Unicode trims.
        let trimmed = match frag.as_bytes().last() {
            Some(&b) if b.is_ascii() && !is_ascii_space(b) => frag,
            _ => frag.trim_end(),
        };
        let lead = match frag.as_bytes().first() {
            Some(&b) if b.is_ascii() && !is_ascii_space(b) => 0,
            _ => frag.len() - frag.trim_start().len(),
        };
        if lead >= trimmed.len() {
            return;
        }
        let piece = Sentence {
            start: start + lead,
            end: start + trimmed.len(),
        };
        let joined = match pending {
            Some(prev)
                if !paragraph_break(text, prev.end, piece.start)
                    && continues(text, prev, piece, lang) =>
            {
                Sentence {
                    start: prev.start,
                    end: piece.end,
                }
            }
            Some(prev) => {
                out.push(prev);
                piece
            }
            None => piece,
        };
        pending = Some(joined);
    });
    if let Some(p) = pending {
        out.push(p);
    }
    out
}

/// UAX #29 sentence fragments of `text` (start byte, fragment), as
/// `split_sentence_bound_indices` gives them. Lines made only of common Latin letters and
/// punctuation take a hand-written path that applies the same rules (SB4–SB11) several
/// times faster; any other line goes through unicode-segmentation. The `fast_path_agrees`
/// property test holds the two paths to the same answers.
pub fn bounds(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 64);
    each_bound(text, |start, frag| out.push((start, frag)));
    out
}

/// [`bounds`], each fragment handed to `f` as it is found.
fn each_bound<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    let mut breaks = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if fast_line(line) {
            let mut from = 0;
            fast_breaks(line, &mut breaks);
            for &b in &breaks {
                f(line_start + from, &line[from..b]);
                from = b;
            }
            if from < line.len() {
                f(line_start + from, &line[from..]);
            }
        } else {
            for (i, frag) in line.split_sentence_bound_indices() {
                f(line_start + i, frag);
            }
        }
        line_start += line.len();
    }
}

/// Whether every char of `line` is a [`fast_char`]; ASCII bytes are checked without
/// decoding.
fn fast_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    // One branch-free pass the compiler vectorises: control bytes rule the line out,
    // and only a line with non-ASCII bytes needs its chars decoded.
    let (ctrl, high) = bytes.iter().fold((false, false), |(ctrl, high), &b| {
        (
            ctrl | (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f),
            high | (b >= 0x80),
        )
    });
    if ctrl {
        return false;
    }
    !high || non_ascii_chars(line).all(fast_char)
}

/// The non-ASCII chars of `s`, found by their bytes: eight ASCII bytes at a time are
/// skipped without decoding a char (decoding every char of a German line cost a fifth
/// of the splitter).
fn non_ascii_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 8 <= bytes.len() {
            let mut word = [0; 8];
            word.copy_from_slice(&bytes[i..i + 8]);
            if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        while i < bytes.len() && bytes[i].is_ascii() {
            i += 1;
        }
        // `i` follows ASCII bytes (or starts the text): a char boundary.
        let c = s.get(i..)?.chars().next()?;
        i += c.len_utf8();
        Some(c)
    })
}

/// Chars the fast path knows the UAX #29 sentence class of.
fn fast_char(c: char) -> bool {
    matches!(c, ' '..='~' | '\n' | '\t' | '\u{a0}')
        || (('\u{c0}'..='\u{24f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
        || matches!(
            c,
            '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»' | '–' | '—' | '…'
        )
}

fn is_close(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '«'
            | '»'
            | '„'
            | '“'
            | '”'
            | '‚'
            | '‘'
            | '’'
    )
}

fn is_sp(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

fn is_sterm(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

fn is_scontinue(c: char) -> bool {
    matches!(c, ',' | '-' | ':' | ';' | '–' | '—')
}

/// Byte offsets (inside `line`, before its end) where UAX #29 puts a sentence break, for a
/// line of [`fast_char`]s ending at most in one `\n`. Only terminal punctuation can start a
/// break, and it is ASCII, so the line is scanned as bytes and decoded only around it.
fn fast_breaks(line: &str, out: &mut Vec<usize>) {
    let bytes = line.as_bytes();
    let n = bytes.len();
    out.clear();
    let mut i = 0;
    while i < n {
        // Only terminal punctuation can break: jump to the next one.
        let Some(at) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) else {
            break;
        };
        i += at;
        let b = bytes[i];
        let aterm = b == b'.';
        let mut j = i + 1;
        if let Some(next) = line[j..].chars().next() {
            if aterm && next.is_ascii_digit() {
                i = j; // SB6
                continue;
            }
            let prev_letter = line[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_uppercase() || p.is_lowercase());
            if aterm && prev_letter && next.is_uppercase() {
                i = j; // SB7
                continue;
            }
        }
        let mut rest = line[j..].chars();
        let mut next = rest.next();
        while let Some(c) = next.filter(|&c| is_close(c)) {
            j += c.len_utf8();
            next = rest.next();
        }
        while let Some(c) = next.filter(|&c| is_sp(c)) {
            j += c.len_utf8();
            next = rest.next();
        }
        let Some(next) = next.filter(|&c| c != '\n') else {
            i = n;
            continue;
        };
        if is_scontinue(next) || is_sterm(next) {
            i = j; // SB8a
            continue;
        }
        if aterm {
            // SB8: no break if a lower-case letter follows before any other letter.
            let mut k = j;
            let mut lower = false;
            for d in line[j..].chars() {
                if d.is_alphabetic() || d == '\n' || is_sterm(d) {
                    lower = d.is_lowercase();
                    break;
                }
                k += d.len_utf8();
            }
            if lower {
                i = k;
                continue;
            }
        }
        out.push(j);
        i = j;
    }
}

/// Whether an ASCII byte is a char that `char::is_whitespace` takes (`\t` to `\r`, space).
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Whether a blank line lies between two fragments. A single newline inside a paragraph
/// (hard-wrapped raw text) does not end a sentence by itself.
fn paragraph_break(text: &str, from: usize, to: usize) -> bool {
    let gap = &text[from..to];
    gap.bytes().filter(|&b| b == b'\n').nth(1).is_some()
}

/// Whether the fragment `next` continues the sentence `prev` (UAX #29 split wrongly).
fn continues(text: &str, prev: Sentence, next: Sentence, lang: Lang) -> bool {
    let prev_text = &text[prev.start..prev.end];
    let next_text = &text[next.start..next.end];
    let Some(first) = next_text.chars().next() else {
        return false;
    };
    if first.is_lowercase() || first.is_ascii_digit() {
        return true;
    }
    if prev_text.ends_with("...") || prev_text.ends_with('…') {
        return true;
    }
    let Some(body) = prev_text.strip_suffix('.') else {
        return false;
    };
    let word = last_word(body);
    if word.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: `F.`, `U.S.`, `z.B.`
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
        return true;
    }
    if word.bytes().any(|b| b == b'.') {
        return true;
    }
    let list = lexicon::abbreviations(lang);
    // Every abbreviation is short: most sentence-final words skip the list.
    if word.len() <= ABBREV_MAX_LEN && list.contains(word) {
        return true;
    }
    if word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2 {
        let next_word = first_word(next_text);
        if lexicon::is_german_month(next_word) {
            return true;
        }
        // German ordinals (`der 2. Weltkrieg`): a short number, then a noun that does not
        // start a sentence.
        return lang == Lang::De && !SENTENCE_STARTERS_DE.contains(&next_word);
    }
    false
}

fn last_word(s: &str) -> &str {
    // ASCII words (most) are read back by their bytes; any other char decides by the
    // chars, as before.
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        let b = bytes[i - 1];
        if !b.is_ascii() {
            break;
        }
        if !(b.is_ascii_alphanumeric() || b == b'.') {
            return &s[i..];
        }
        i -= 1;
    }
    if i == 0 {
        return s;
    }
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_path_agrees(t in "[a-cA-CäÄ0-9 .!?,;:\\-\"'()„“”«»–…\n]{0,40}") {
            let fast: Vec<(usize, &str)> = bounds(&t);
            let uax: Vec<(usize, &str)> = t.split_sentence_bound_indices().collect();
            prop_assert_eq!(fast, uax);
        }
    }

    #[test]
    fn non_ascii_chars_and_last_words_read_by_bytes_agree_with_the_chars() {
        for t in [
            "",
            "a",
            "ä",
            "Straße",
            "abcdefgh",
            "abcdefghä",
            "abcdefghijklmnopäq„x“ und «so» – weiter…",
            "der 2. Weltkrieg",
            "Die Preise steigen, sagte Dr.",
            "z.B.",
            "U.S.",
            "Grüße aus Köln.",
            "Ende ö.ä.",
            "x Maß.1",
            "1234567890123456789ß",
        ] {
            let want: Vec<char> = t.chars().filter(|c| !c.is_ascii()).collect();
            assert_eq!(non_ascii_chars(t).collect::<Vec<_>>(), want, "{t:?}");
            let start = t
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            assert_eq!(last_word(t), &t[start..], "{t:?}");
        }
    }

    fn texts(t: &str, lang: Lang) -> Vec<&str> {
        split(t, lang).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn titles_are_abbreviations_in_both_languages() {
        let t = "Mr. Smith met Gen. Jones. Then he left.";
        for lang in [Lang::De, Lang::En] {
            assert_eq!(
                texts(t, lang),
                ["Mr. Smith met Gen. Jones.", "Then he left."]
            );
        }
    }

    #[test]
    fn a_single_newline_inside_a_paragraph_does_not_end_a_sentence() {
        let t = "Ein Satz der\numbricht. Zwei.\n\nDrei";
        assert_eq!(
            texts(t, Lang::De),
            ["Ein Satz der\numbricht.", "Zwei.", "Drei"]
        );
    }

    #[test]
    fn splits_at_terminal_punctuation() {
        assert_eq!(
            texts("Er kam. Sie ging! Wer bleibt? Niemand.", Lang::De),
            ["Er kam.", "Sie ging!", "Wer bleibt?", "Niemand."]
        );
    }

    #[test]
    fn ordinal_dates_do_not_split() {
        assert_eq!(
            texts("Am 21. Dezember traf er ihn. Danach nicht.", Lang::De),
            ["Am 21. Dezember traf er ihn.", "Danach nicht."]
        );
        assert_eq!(
            texts("Es war der 2. Weltkrieg. Der Rest folgt.", Lang::De),
            ["Es war der 2. Weltkrieg.", "Der Rest folgt."]
        );
    }

    #[test]
    fn german_abbreviations_do_not_split() {
        let t = "Waffen, z. B. Drohnen, u. a. aus Iran bzw. Russland. Dr. Müller sagte das.";
        assert_eq!(
            texts(t, Lang::De),
            [
                "Waffen, z. B. Drohnen, u. a. aus Iran bzw. Russland.",
                "Dr. Müller sagte das."
            ]
        );
    }

    #[test]
    fn english_abbreviations_and_initials_do_not_split() {
        let t = "Mr. Smith met John F. Kennedy in the U.S. Army. It rained.";
        assert_eq!(
            texts(t, Lang::En),
            [
                "Mr. Smith met John F. Kennedy in the U.S. Army.",
                "It rained."
            ]
        );
    }

    #[test]
    fn decimals_and_ellipses_do_not_split() {
        assert_eq!(
            texts("Der Wert stieg um 3.5 Prozent... Dann fiel er.", Lang::De),
            ["Der Wert stieg um 3.5 Prozent... Dann fiel er."]
        );
        assert_eq!(
            texts("It grew 2.5 percent… and then stopped. Fine.", Lang::En),
            ["It grew 2.5 percent… and then stopped.", "Fine."]
        );
    }

    #[test]
    fn splits_after_closing_quotes() {
        assert_eq!(
            texts("„Wir kommen.“ Dann ging er. \"Yes.\" He left.", Lang::De),
            ["„Wir kommen.“", "Dann ging er.", "\"Yes.\"", "He left."]
        );
    }

    #[test]
    fn a_year_at_the_end_still_splits() {
        assert_eq!(
            texts("Das geschah 2022. Die Folgen bleiben.", Lang::De),
            ["Das geschah 2022.", "Die Folgen bleiben."]
        );
    }

    #[test]
    fn paragraphs_are_never_joined() {
        assert_eq!(
            texts("Titel ohne Punkt\n\nDer Text beginnt hier.", Lang::De),
            ["Titel ohne Punkt", "Der Text beginnt hier."]
        );
    }
}
