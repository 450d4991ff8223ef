//! Cursor movement over the body by words and sentences, in char offsets.
//!
//! Sentences are the engine's ([`Body::sentences`]: one splitter for suggestions and
//! motions, split once per article), so a motion is a binary search. Word functions work on
//! any `str` (the prompts use them too) over a window of a few KB around the offset
//! (growing only when the answer lies beyond it), so a call costs the same on a 10 MB body
//! as on a short one, apart from one fast byte count ([`text::byte_of_char`]).

use gloss_core::text::{self, Body, CharPos, SentenceSpan};
use unicode_segmentation::UnicodeSegmentation;

/// How far (in bytes) the first window reaches on each side of the offset.
const WINDOW: usize = 4096;

/// Start of the next word after the one at `offset` (like vim `w`); `offset` when none.
pub fn next_word(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Forward, |spans, o| {
        spans.iter().find(|s| s.0 > o).map(|s| s.0)
    })
    .unwrap_or_else(|| clamp(body, offset))
}

/// Start of the word holding `offset`, or of the previous word when at a word start (`b`).
pub fn prev_word(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Back, |spans, o| {
        spans.iter().rev().find(|s| s.0 < o).map(|s| s.0)
    })
    .unwrap_or(0)
}

/// End (exclusive) of the word at/after `offset`; `offset` when there is none.
pub fn word_end(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Forward, |spans, o| {
        spans.iter().find(|s| s.1 > o).map(|s| s.1)
    })
    .unwrap_or_else(|| clamp(body, offset))
}

/// The word span under `offset` (start, end exclusive), if the offset is on a word.
pub fn word_at(body: &str, offset: usize) -> Option<(usize, usize)> {
    let spans = spans_around(body, offset, WINDOW, WINDOW)?;
    spans
        .iter()
        .copied()
        .find(|s| s.0 <= offset && offset < s.1)
}

/// Start of the next sentence after `offset` (vim `)`); `offset` when none.
pub fn next_sentence(body: &Body, offset: usize) -> usize {
    let o = offset.min(body.char_len());
    let spans = body.sentences();
    let i = spans.partition_point(|s| s.start.0 <= o);
    spans.get(i).map_or(o, |s| s.start.0)
}

/// Start of the sentence holding `offset`, or of the previous one when at its start (`(`).
pub fn prev_sentence(body: &Body, offset: usize) -> usize {
    let o = offset.min(body.char_len());
    let spans = body.sentences();
    let i = spans.partition_point(|s| s.start.0 < o);
    i.checked_sub(1).map_or(0, |i| spans[i].start.0)
}

/// The sentence holding `offset` (start, end exclusive, trailing whitespace left out).
///
/// An offset in the whitespace after a sentence belongs to that sentence; one before the
/// first sentence to the first. `(offset, offset)` when the body has no sentence there.
pub fn sentence_at(body: &Body, offset: usize) -> (usize, usize) {
    let o = offset.min(body.char_len());
    let spans = body.sentences();
    let i = spans.partition_point(|s| s.start.0 <= o);
    i.checked_sub(1)
        .and_then(|i| spans.get(i))
        .or_else(|| spans.first())
        .map_or((o, o), |&SentenceSpan { start, end }| (start.0, end.0))
}

#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Forward,
    Back,
}

/// Runs `pick` on the spans of a window around `offset`, widening the window in `dir` until
/// `pick` finds an answer or the window covers the body on that side.
fn search(
    body: &str,
    offset: usize,
    dir: Dir,
    pick: impl Fn(&[(usize, usize)], usize) -> Option<usize>,
) -> Option<usize> {
    let offset = clamp(body, offset);
    let mut reach = WINDOW;
    loop {
        let (back, fwd) = match dir {
            Dir::Forward => (WINDOW, reach),
            Dir::Back => (reach, WINDOW),
        };
        let spans = spans_around(body, offset, back, fwd)?;
        if let Some(found) = pick(&spans, offset) {
            return Some(found);
        }
        if reach >= body.len() {
            return None;
        }
        reach = reach.saturating_mul(4);
    }
}

/// The char count of the body when `offset` is beyond it, else `offset`.
fn clamp(body: &str, offset: usize) -> usize {
    match text::byte_of_char(body, CharPos(offset)) {
        Some(_) => offset,
        None => text::count_chars(body),
    }
}

/// Word spans (char offsets) in a window reaching about `back` bytes before and `fwd`
/// bytes after `offset`. None only when `offset` is beyond the body.
fn spans_around(body: &str, offset: usize, back: usize, fwd: usize) -> Option<Vec<(usize, usize)>> {
    let pos = text::byte_of_char(body, CharPos(offset))?.0;
    let (b0, b1) = window(body, pos, back, fwd);
    let c0 = offset - text::count_chars(&body[b0..pos]);
    Some(words(&body[b0..b1], c0))
}

/// A byte window [b0, b1) around `pos` whose edges fall at whitespace, where no word
/// crosses.
fn window(body: &str, pos: usize, back: usize, fwd: usize) -> (usize, usize) {
    let bytes = body.as_bytes();
    let mut b0 = pos.saturating_sub(back);
    let mut b1 = pos.saturating_add(fwd).min(bytes.len());
    // Move to whitespace so the window does not start or end inside a word.
    if b0 > 0
        && let Some(i) = bytes[b0..pos].iter().position(u8::is_ascii_whitespace)
    {
        b0 += i;
    }
    if b1 < bytes.len()
        && let Some(i) = bytes[pos..b1].iter().rposition(u8::is_ascii_whitespace)
    {
        b1 = pos + i;
    }
    while !body.is_char_boundary(b0) {
        b0 += 1;
    }
    while !body.is_char_boundary(b1) {
        b1 -= 1;
    }
    (b0.min(pos), b1.max(pos))
}

/// Words of `text` (starting at body char `c0`): UAX #29 word segments holding a letter or
/// digit, joined across an inner hyphen (`S-400`, `Saudi-Arabien`).
fn words(text: &str, c0: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut c = c0;
    // Whether the last segment was a hyphen right after a word (a join candidate).
    let mut hyphen_after_word = false;
    let mut prev_was_word = false;
    for seg in text.split_word_bounds() {
        let n = seg.chars().count();
        let is_word = seg.chars().any(char::is_alphanumeric);
        if is_word {
            match out.last_mut() {
                Some(last) if hyphen_after_word && last.1 + 1 == c => last.1 = c + n,
                _ => out.push((c, c + n)),
            }
            hyphen_after_word = false;
        } else {
            hyphen_after_word = prev_was_word && matches!(seg, "-" | "\u{2010}");
        }
        prev_was_word = is_word;
        c += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gloss_core::article::Lang;
    use proptest::prelude::*;

    fn de(text: &str) -> Body {
        Body::new(text.to_string(), Lang::De)
    }

    fn at(body: &str, needle: &str) -> usize {
        let b = body.find(needle).unwrap_or(0);
        body[..b].chars().count()
    }

    fn sentence_texts(body: &str) -> Vec<String> {
        sentence_texts_in(&de(body))
    }

    fn sentence_texts_in(body: &Body) -> Vec<String> {
        let mut out = Vec::new();
        let mut o = 0;
        loop {
            let (s, e) = sentence_at(body, o);
            out.push(body.chars().skip(s).take(e - s).collect::<String>());
            let n = next_sentence(body, o);
            if n == o {
                break;
            }
            o = n;
        }
        out
    }

    #[test]
    fn next_and_prev_word_step_over_punctuation() {
        let body = "Die S-400 (Luftabwehr), sagt Saudi-Arabien.";
        assert_eq!(next_word(body, 0), at(body, "S-400"));
        assert_eq!(next_word(body, at(body, "S-400")), at(body, "Luftabwehr"));
        assert_eq!(next_word(body, at(body, "Luftabwehr")), at(body, "sagt"));
        assert_eq!(prev_word(body, at(body, "sagt")), at(body, "Luftabwehr"));
        assert_eq!(prev_word(body, at(body, "sagt") + 2), at(body, "sagt"));
        assert_eq!(prev_word(body, 0), 0);
        // No next word: the cursor stays.
        let last = at(body, "Saudi");
        assert_eq!(next_word(body, last), last);
    }

    #[test]
    fn hyphenated_words_are_one_word() {
        let body = "Die S-400 und Saudi-Arabien - nicht";
        let s = at(body, "S-400");
        assert_eq!(word_at(body, s + 3), Some((s, s + 5)));
        let sa = at(body, "Saudi");
        assert_eq!(word_at(body, sa), Some((sa, sa + 13)));
        assert_eq!(word_at(body, at(body, " - ") + 1), None);
        assert_eq!(word_end(body, s), s + 5);
        assert_eq!(word_end(body, s + 5), at(body, "und") + 3);
    }

    #[test]
    fn words_with_umlauts_and_cjk_use_char_offsets() {
        let body = "Über Öl: 普京 sagt";
        assert_eq!(word_at(body, 0), Some((0, 4)));
        assert_eq!(next_word(body, 0), 5);
        assert_eq!(word_at(body, at(body, "sagt")), Some((12, 16)));
    }

    #[test]
    fn german_dates_and_abbreviations_do_not_split_sentences() {
        let body = "Am 21. Dezember traf er Dr. Müller, z. B. in Moskau. Das war u. a. wichtig. \
                    Die U.S. Army schwieg. Mr. Smith kam am 3. Oktober.";
        assert_eq!(
            sentence_texts(body),
            [
                "Am 21. Dezember traf er Dr. Müller, z. B. in Moskau.",
                "Das war u. a. wichtig.",
                "Die U.S. Army schwieg.",
                "Mr. Smith kam am 3. Oktober.",
            ]
        );
    }

    #[test]
    fn seed_article_date_line_and_title_are_whole_sentences() {
        let seed = include_str!("../../../assets/articles/2024-12-21-putin-pezeshkian.txt");
        let sentences = sentence_texts(seed);
        assert_eq!(sentences[0], "21. Dezember, 2024");
        assert_eq!(sentences[1], "Politik");
        assert!(sentences.iter().all(|s| !s.contains("\n\n")));
        assert!(sentences.len() > 10, "{sentences:?}");
        let s400 = at(seed, "S-400");
        assert_eq!(word_at(seed, s400 + 2), Some((s400, s400 + 5)));
    }

    #[test]
    fn english_abbreviations_quotes_and_questions() {
        let body = "Mr. Smith said the U.S. would act, e.g. with sanctions. \"Will it work?\" \
                    he asked. Prof. Dr. Jane Doe (Ph.D.) disagreed! Nobody knew.";
        assert_eq!(
            sentence_texts_in(&Body::new(body.to_string(), Lang::En)),
            [
                "Mr. Smith said the U.S. would act, e.g. with sanctions.",
                "\"Will it work?\" he asked.",
                "Prof. Dr. Jane Doe (Ph.D.) disagreed!",
                "Nobody knew.",
            ]
        );
    }

    #[test]
    fn quoted_question_followed_by_lower_case_continues() {
        let body = "„Kommt er?“, fragte sie. „Nein!“ Dann ging sie.";
        assert_eq!(
            sentence_texts(body),
            ["„Kommt er?“, fragte sie.", "„Nein!“", "Dann ging sie."]
        );
    }

    #[test]
    fn chains_of_hyphenated_words_and_numbers_are_one_word() {
        let body = "Die E-Mail-Adresse nennt 3,5 Prozent.";
        let e = at(body, "E-Mail");
        assert_eq!(word_at(body, e + 4), Some((e, e + 14)));
        let n = at(body, "3,5");
        assert_eq!(word_at(body, n), Some((n, n + 3)));
    }

    #[test]
    fn a_year_at_the_end_still_ends_the_sentence() {
        let body = "Das war 2024. Dann kam mehr.";
        assert_eq!(sentence_texts(body), ["Das war 2024.", "Dann kam mehr."]);
    }

    #[test]
    fn paragraph_breaks_end_sentences_but_single_newlines_do_not() {
        let body = "Ein Titel ohne Punkt\n\nEin Satz der\numbricht. Zwei.";
        assert_eq!(
            sentence_texts(body),
            ["Ein Titel ohne Punkt", "Ein Satz der\numbricht.", "Zwei."]
        );
    }

    #[test]
    fn prev_sentence_goes_to_this_then_previous_start() {
        let text = "Eins ist hier. Zwei ist da. Drei.";
        let zwei = at(text, "Zwei");
        let body = &de(text);
        assert_eq!(prev_sentence(body, zwei + 3), zwei);
        assert_eq!(prev_sentence(body, zwei), 0);
        assert_eq!(next_sentence(body, 0), zwei);
        assert_eq!(sentence_at(body, zwei + 9), (zwei, zwei + 12));
        // In the space after a sentence: that sentence.
        assert_eq!(sentence_at(body, 14), (0, 14));
    }

    #[test]
    fn out_of_range_and_empty_inputs_clamp() {
        assert_eq!(next_word("", 5), 0);
        assert_eq!(prev_word("", 5), 0);
        assert_eq!(word_at("", 0), None);
        assert_eq!(sentence_at(&de(""), 3), (0, 0));
        assert_eq!(next_sentence(&de("ab"), 99), 2);
        assert_eq!(prev_sentence(&de("ab. Cd"), 99), 4);
        assert_eq!(word_end("ab cd", 99), 5);
    }

    #[test]
    fn works_far_into_a_big_body() {
        let para = "Der Präsident sagte am 21. Dezember, dass z. B. Öl teuer sei. ";
        let mut body = para.repeat(200_000);
        body.push_str("\n\nLetzter Satz hier.");
        let n = body.chars().count();
        let o = n - 5;
        let indexed = de(&body);
        assert_eq!(sentence_at(&indexed, o), (n - 18, n));
        assert_eq!(
            prev_sentence(&indexed, n - 18),
            n - 18 - 2 - para.chars().count()
        );
        assert_eq!(word_at(&body, o), Some((n - 5, n - 1)));
        assert_eq!(next_word(&body, 10), 14);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(" ".to_string()),
            Just(". ".to_string()),
            Just("\n\n".to_string()),
            Just("\n".to_string()),
            Just("-".to_string()),
            Just("z. B. ".to_string()),
            Just("21. Dezember".to_string()),
            "[A-Za-zäöü]{1,10}",
            "[普京和]{1,4}",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, 0..50).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn navigation_is_in_range_and_monotonic(body in text_strategy(), o in 0usize..400) {
            let n = body.chars().count();
            let nw = next_word(&body, o);
            prop_assert!(nw <= n && nw >= o.min(n));
            let pw = prev_word(&body, o);
            prop_assert!(pw <= o.min(n));
            if o > 0 && o <= n { prop_assert!(pw < o || pw == 0); }
            let we = word_end(&body, o);
            prop_assert!(we <= n && we >= o.min(n));
            if let Some((s, e)) = word_at(&body, o) {
                prop_assert!(s <= o && o < e && e <= n);
            }
            let indexed = de(&body);
            let ns = next_sentence(&indexed, o);
            prop_assert!(ns <= n && ns >= o.min(n));
            let ps = prev_sentence(&indexed, o);
            prop_assert!(ps <= o.min(n));
            let (s, e) = sentence_at(&indexed, o);
            prop_assert!(s <= e && e <= n);
            let text: String = body.chars().skip(s).take(e - s).collect();
            prop_assert!(!text.ends_with(char::is_whitespace));
        }
    }
}
