//! Cursor movement over the body by words and sentences, in char offsets.
//!
//! Every function works on a window of a few KB around the offset (growing only when the
//! answer lies beyond it), so a call costs the same on a 10 MB body as on a short one, apart
//! from one fast byte count to turn the char offset into a byte offset.

use unicode_segmentation::UnicodeSegmentation;

/// How far (in bytes) the first window reaches on each side of the offset.
const WINDOW: usize = 4096;

/// Start of the next word after the one at `offset` (like vim `w`); `offset` when none.
pub fn next_word(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Forward, Unit::Word, |spans, o| {
        spans.iter().find(|s| s.0 > o).map(|s| s.0)
    })
    .unwrap_or_else(|| clamp(body, offset))
}

/// Start of the word holding `offset`, or of the previous word when at a word start (`b`).
pub fn prev_word(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Back, Unit::Word, |spans, o| {
        spans.iter().rev().find(|s| s.0 < o).map(|s| s.0)
    })
    .unwrap_or(0)
}

/// End (exclusive) of the word at/after `offset`; `offset` when there is none.
pub fn word_end(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Forward, Unit::Word, |spans, o| {
        spans.iter().find(|s| s.1 > o).map(|s| s.1)
    })
    .unwrap_or_else(|| clamp(body, offset))
}

/// The word span under `offset` (start, end exclusive), if the offset is on a word.
pub fn word_at(body: &str, offset: usize) -> Option<(usize, usize)> {
    let spans = spans_around(body, offset, Unit::Word, WINDOW, WINDOW)?;
    spans
        .iter()
        .copied()
        .find(|s| s.0 <= offset && offset < s.1)
}

/// Start of the next sentence after `offset` (vim `)`); `offset` when none.
pub fn next_sentence(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Forward, Unit::Sentence, |spans, o| {
        spans.iter().find(|s| s.0 > o).map(|s| s.0)
    })
    .unwrap_or_else(|| clamp(body, offset))
}

/// Start of the sentence holding `offset`, or of the previous one when at its start (`(`).
pub fn prev_sentence(body: &str, offset: usize) -> usize {
    search(body, offset, Dir::Back, Unit::Sentence, |spans, o| {
        spans.iter().rev().find(|s| s.0 < o).map(|s| s.0)
    })
    .unwrap_or(0)
}

/// The sentence holding `offset` (start, end exclusive, trailing whitespace left out).
///
/// An offset in the whitespace after a sentence belongs to that sentence; one before the
/// first sentence to the first. `(offset, offset)` when the body has no sentence there.
pub fn sentence_at(body: &str, offset: usize) -> (usize, usize) {
    let o = clamp(body, offset);
    let Some(spans) = spans_around(body, o, Unit::Sentence, WINDOW * 2, WINDOW * 2) else {
        return (o, o);
    };
    spans
        .iter()
        .rev()
        .find(|s| s.0 <= o)
        .or_else(|| spans.first())
        .copied()
        .unwrap_or((o, o))
}

#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Forward,
    Back,
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Word,
    Sentence,
}

/// Runs `pick` on the spans of a window around `offset`, widening the window in `dir` until
/// `pick` finds an answer or the window covers the body on that side.
fn search(
    body: &str,
    offset: usize,
    dir: Dir,
    unit: Unit,
    pick: impl Fn(&[(usize, usize)], usize) -> Option<usize>,
) -> Option<usize> {
    let offset = clamp(body, offset);
    let mut reach = WINDOW;
    loop {
        let (back, fwd) = match dir {
            Dir::Forward => (WINDOW, reach),
            Dir::Back => (reach, WINDOW),
        };
        let spans = spans_around(body, offset, unit, back, fwd)?;
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
    match char_to_byte(body, offset) {
        Some(_) => offset,
        None => count_chars(body.as_bytes()),
    }
}

/// Chars in `bytes` (valid UTF-8): the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    // Written as a branch-free sum over fixed chunks so the compiler vectorises it: this is
    // the only part of a call that looks at the whole body.
    let mut chunks = bytes.chunks_exact(64);
    let mut n = 0usize;
    for chunk in chunks.by_ref() {
        n += chunk
            .iter()
            .map(|&b| u8::from((b as i8) >= -0x40))
            .sum::<u8>() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count()
}

/// Byte offset of char `offset`, or None when the body has fewer chars.
fn char_to_byte(body: &str, offset: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    const CHUNK: usize = 4096;
    let mut chars = 0usize;
    let mut at = 0usize;
    // Whole chunks first (counted fast), then the last partial stretch char by char.
    while at + CHUNK <= bytes.len() {
        let n = count_chars(&bytes[at..at + CHUNK]);
        if chars + n > offset {
            break;
        }
        chars += n;
        at += CHUNK;
    }
    // `at` may sit inside a char when a chunk edge split one; step to the char's start is not
    // needed because the chunk was counted whole: resync to a boundary going forward.
    while at < bytes.len() && !body.is_char_boundary(at) {
        at += 1;
    }
    for (i, _) in body[at..].char_indices() {
        if chars == offset {
            return Some(at + i);
        }
        chars += 1;
    }
    (chars == offset).then_some(bytes.len())
}

/// Word or sentence spans (char offsets) in a window reaching about `back` bytes before and
/// `fwd` bytes after `offset`. None only when `offset` is beyond the body.
fn spans_around(
    body: &str,
    offset: usize,
    unit: Unit,
    back: usize,
    fwd: usize,
) -> Option<Vec<(usize, usize)>> {
    let pos = char_to_byte(body, offset)?;
    let (b0, b1) = window(body, pos, back, fwd, unit);
    let c0 = offset - count_chars(&body.as_bytes()[b0..pos]);
    let text = &body[b0..b1];
    Some(match unit {
        Unit::Word => words(text, c0),
        Unit::Sentence => sentences(text, c0),
    })
}

/// A byte window [b0, b1) around `pos` whose edges fall where no word (or, preferably,
/// sentence) crosses: at whitespace, or for sentences at a paragraph break.
fn window(body: &str, pos: usize, back: usize, fwd: usize, unit: Unit) -> (usize, usize) {
    let bytes = body.as_bytes();
    let mut b0 = pos.saturating_sub(back);
    let mut b1 = pos.saturating_add(fwd).min(bytes.len());
    let mut b0_para = false;
    let mut b1_para = false;
    if unit == Unit::Sentence {
        // Cut at the paragraph break farthest from `pos`, unless it is the only one: then
        // cutting there could hide the previous (next) paragraph that a search wants.
        let before = &bytes[b0..pos];
        if let (Some(first), Some(last)) = (find(before, b"\n\n"), find_rev(before, b"\n\n"))
            && b0 > 0
            && first != last
        {
            b0 += first + 2;
            b0_para = true;
        }
        let after = &bytes[pos..b1];
        if let (Some(first), Some(last)) = (find(after, b"\n\n"), find_rev(after, b"\n\n"))
            && b1 < bytes.len()
            && first != last
        {
            b1 = pos + last;
            b1_para = true;
        }
    }
    // Move to whitespace so the window does not start or end inside a word.
    if b0 > 0
        && !b0_para
        && let Some(i) = bytes[b0..pos].iter().position(u8::is_ascii_whitespace)
    {
        b0 += i;
    }
    if b1 < bytes.len()
        && !b1_para
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_rev(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
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

/// Sentences of `text` (starting at body char `c0`), trailing whitespace left out.
fn sentences(text: &str, c0: usize) -> Vec<(usize, usize)> {
    // A single newline inside a paragraph (hard-wrapped raw text) must not end a sentence, but
    // UAX #29 treats it as a paragraph separator; blank it out in a copy of the same length.
    let bytes = text.as_bytes();
    let mut flat: Vec<u8> = bytes.to_vec();
    for i in 0..flat.len() {
        let lone = bytes[i] == b'\n'
            && bytes.get(i + 1) != Some(&b'\n')
            && (i == 0 || bytes[i - 1] != b'\n');
        if lone || bytes[i] == b'\r' {
            flat[i] = b' ';
        }
    }
    let flat = String::from_utf8(flat).unwrap_or_else(|_| text.to_string());

    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut c = c0;
    let mut join_next = false;
    for seg in flat.split_sentence_bounds() {
        let n = seg.chars().count();
        let trimmed = seg.trim_end();
        let lead = seg.chars().take_while(|ch| ch.is_whitespace()).count();
        let content = trimmed.trim_start();
        if content.is_empty() {
            c += n;
            continue;
        }
        let start = c + lead;
        let end = c + trimmed.chars().count();
        let para_break = seg.ends_with("\n\n") || seg.ends_with('\n');
        match out.last_mut() {
            Some(last) if join_next => last.1 = end,
            _ => out.push((start, end)),
        }
        let next_text = flat[flat.len().min(byte_after(&flat, seg))..].trim_start();
        // A sentence never starts in lower case: `„Kommt er?“, fragte sie.` is one sentence
        // (UAX #29 breaks after `?`/`!` whatever follows).
        let next_lower = next_text.chars().next().is_some_and(char::is_lowercase);
        join_next = !para_break && (next_lower || ends_without_sentence_end(content, next_text));
        c += n;
    }
    out
}

/// The byte offset right after `seg`, a sub-slice of `text`.
fn byte_after(text: &str, seg: &str) -> usize {
    (seg.as_ptr() as usize - text.as_ptr() as usize) + seg.len()
}

/// Months that follow a German ordinal date (`21. Dezember`) or an English one.
const MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "october",
    "december",
    "jan",
    "feb",
    "mär",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "dez",
    "dec",
];

/// Words after which an ordinal number is read as an ordinal (`am 3. Oktober`, `der 2. Weltkrieg`).
const ORDINAL_LEADS: &[&str] = &[
    "am", "an", "der", "die", "das", "den", "dem", "des", "zum", "zur", "vom", "im", "beim", "bis",
    "seit", "ab", "ihr", "ihre", "ihrem", "ihren", "sein", "seine", "seinem", "seinen",
];

/// Abbreviations (lower case, without the final period) that do not end a sentence. Words
/// that also end sentences as ordinary words (`no`, `Art`, `Gen`) are left out.
const ABBREVIATIONS: &[&str] = &[
    "dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "nr", "ca", "bzw", "vgl", "usw", "etc",
    "inkl", "ggf", "evtl", "sog", "lt", "hr", "fr", "dipl", "ing", "mio", "mrd", "tsd", "bspw",
    "zb", "ua", "vs", "bd", "jh", "jhd", "chr", "gegr", "geb", "verh", "ehem", "rd", "sen", "rep",
    "gov", "col", "capt", "sgt", "mt", "ft", "dept", "corp", "inc", "ltd", "co", "e.g", "i.e",
    "u.s", "u.k", "u.n", "z.b", "u.a", "d.h", "o.g", "s.o", "u.u",
];

/// Whether a sentence segment ending in `content` should run on into `next` because its
/// final period belongs to an abbreviation, an initial or an ordinal date.
fn ends_without_sentence_end(content: &str, next: &str) -> bool {
    let Some(before) = content.strip_suffix('.') else {
        return false;
    };
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '„')
        .next()
        .unwrap_or("");
    if last.is_empty() {
        return false;
    }
    let lower = last.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Single letters: initials (`John F. Kennedy`) and `z. B.`, `u. a.`.
    if last.chars().count() == 1 && last.chars().all(char::is_alphabetic) {
        return true;
    }
    // Dotted acronyms such as `U.S.` or `z.B.`: letters separated by periods.
    if last.contains('.')
        && last
            .split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty())
    {
        return true;
    }
    if !last.is_empty() && last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit()) {
        let next_word: String = next
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if MONTHS.contains(&next_word.as_str()) {
            return true;
        }
        let prev_word = before[..before.len() - last.len()]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        if ORDINAL_LEADS.contains(&prev_word.as_str()) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(body: &str, needle: &str) -> usize {
        let b = body.find(needle).unwrap_or(0);
        body[..b].chars().count()
    }

    fn sentence_texts(body: &str) -> Vec<String> {
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
            sentence_texts(body),
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
        let body = "Eins ist hier. Zwei ist da. Drei.";
        let zwei = at(body, "Zwei");
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
        assert_eq!(sentence_at("", 3), (0, 0));
        assert_eq!(next_sentence("ab", 99), 2);
        assert_eq!(prev_sentence("ab. Cd", 99), 4);
        assert_eq!(word_end("ab cd", 99), 5);
    }

    #[test]
    fn works_far_into_a_big_body() {
        let para = "Der Präsident sagte am 21. Dezember, dass z. B. Öl teuer sei. ";
        let mut body = para.repeat(200_000);
        body.push_str("\n\nLetzter Satz hier.");
        let n = body.chars().count();
        let o = n - 5;
        assert_eq!(sentence_at(&body, o), (n - 18, n));
        assert_eq!(
            prev_sentence(&body, n - 18),
            n - 18 - 2 - para.chars().count()
        );
        assert_eq!(word_at(&body, o), Some((n - 5, n - 1)));
        assert_eq!(next_word(&body, 10), 14);
    }

    #[test]
    fn char_to_byte_matches_char_indices() {
        let s = "aä普👍".repeat(3000);
        for (ci, (bi, _)) in s.char_indices().enumerate().step_by(97) {
            assert_eq!(char_to_byte(&s, ci), Some(bi));
        }
        let n = s.chars().count();
        assert_eq!(char_to_byte(&s, n), Some(s.len()));
        assert_eq!(char_to_byte(&s, n + 1), None);
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
            let ns = next_sentence(&body, o);
            prop_assert!(ns <= n && ns >= o.min(n));
            let ps = prev_sentence(&body, o);
            prop_assert!(ps <= o.min(n));
            let (s, e) = sentence_at(&body, o);
            prop_assert!(s <= e && e <= n);
            let text: String = body.chars().skip(s).take(e - s).collect();
            prop_assert!(!text.ends_with(char::is_whitespace));
        }
    }
}
