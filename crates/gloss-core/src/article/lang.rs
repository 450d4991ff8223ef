//! Language detection, restricted to the languages gloss has rules for.
//!
//! Most articles say which language they are in with their first few function words
//! (`der`, `und`, `nicht` against `the`, `and`, `which`), and counting those is about
//! a hundred times cheaper than whatlang's trigram model, which listing a large folder
//! would otherwise run on every file. Only a sample where the count is not clear-cut
//! (short, mixed, or neither language) goes to whatlang, so the answers are whatlang's
//! wherever the two could disagree.

use super::Lang;

/// How much text detection looks at: enough for a stable answer, cheap on long articles.
const SAMPLE_CHARS: usize = 800;

/// Function words frequent in German and rare in English text (none is an English word
/// in common use).
const GERMAN: &[&str] = &[
    "aber", "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "durch",
    "ein", "eine", "einem", "einen", "einer", "es", "für", "haben", "hatte", "im", "ist", "mit",
    "nach", "nicht", "noch", "oder", "sagte", "sich", "sie", "sind", "und", "vor", "werden", "wie",
    "wird", "wurde", "zu", "zum", "zur", "über",
];

/// Function words frequent in English and rare in German text.
const ENGLISH: &[&str] = &[
    "and", "are", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he", "is",
    "it", "its", "not", "of", "on", "said", "she", "that", "the", "their", "they", "this", "to",
    "were", "which", "with", "would",
];

/// At least this many function words of one language, and this many times those of the
/// other, decide without whatlang.
const CLEAR: usize = 4;

/// German or English, whichever the text is closer to (English when unsure or empty).
pub fn detect<'a, I>(parts: I) -> Lang
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let parts = parts.into_iter();
    match count_function_words(parts.clone()) {
        (de, en) if de >= CLEAR && de >= CLEAR * en => Lang::De,
        (de, en) if en >= CLEAR && en >= CLEAR * de => Lang::En,
        // Only here is the sample copied out: whatlang reads a string.
        _ => detect_whatlang(&sample(parts)),
    }
}

/// What the ASCII words of the lists are, as [`ascii_key`] packs them: a table of
/// 128 slots (open addressing), each a key and 1 for German, 2 for English (0: empty).
static ASCII_WORDS: [(u64, u8); 128] = {
    let mut table = [(0u64, 0u8); 128];
    let lists: [(&[&str], u8); 2] = [(GERMAN, 1), (ENGLISH, 2)];
    let mut l = 0;
    while l < lists.len() {
        let (list, lang) = lists[l];
        let mut w = 0;
        while w < list.len() {
            let bytes = list[w].as_bytes();
            let mut key = 0u64;
            let mut ascii = true;
            let mut k = 0;
            while k < bytes.len() {
                ascii &= bytes[k].is_ascii();
                key = key << 8 | bytes[k] as u64;
                k += 1;
            }
            if ascii {
                let mut slot = slot_of(key);
                while table[slot].1 != 0 {
                    slot = (slot + 1) % 128;
                }
                table[slot] = (key, lang);
            }
            w += 1;
        }
        l += 1;
    }
    table
};

/// The first slot to look in for a key.
const fn slot_of(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as usize
}

/// 1 if the packed ASCII word (lower case) is a German function word, 2 if English, 0
/// if neither.
#[inline]
fn ascii_word(key: u64) -> u8 {
    let mut slot = slot_of(key);
    loop {
        let (k, lang) = ASCII_WORDS[slot];
        if lang == 0 || k == key {
            return lang;
        }
        slot = (slot + 1) % 128;
    }
}

/// How many German and English function words the first [`SAMPLE_CHARS`] chars of the
/// parts (one per line, as [`sample`] joins them) hold: what [`function_words`] of the
/// sample counts, read in place, byte by byte, with no copy and no allocation (listing
/// a folder detects the language of every file).
fn count_function_words<'a>(parts: impl Iterator<Item = &'a str>) -> (usize, usize) {
    let mut counts = [0usize; 3];
    let mut budget = SAMPLE_CHARS;
    for part in parts {
        if budget == 0 {
            break;
        }
        // The part's share of the sample: all of it when it has no more bytes (so no
        // more chars) than the sample has room for.
        let (part, chars) = if part.len() <= budget {
            (part, part.chars().count())
        } else {
            match part.char_indices().nth(budget) {
                Some((cut, _)) => (&part[..cut], budget),
                None => (part, part.chars().count()),
            }
        };
        count_words(part, &mut counts);
        // The part's chars and the line break after it.
        budget = budget.saturating_sub(chars + 1);
    }
    (counts[1], counts[2])
}

/// Each byte's lower case if it is an ASCII letter, 0 for any other ASCII byte, and
/// 0xff for a byte of a char that is not ASCII (looked at as a char).
static LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            c | 0x20
        } else if c.is_ascii() {
            0
        } else {
            0xff
        };
        b += 1;
    }
    t
};

/// Adds the function words of `text` to `counts` (by [`word_lang`]).
fn count_words(text: &str, counts: &mut [usize; 3]) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        if LOWER[usize::from(bytes[i])] == 0 {
            i += 1;
            continue;
        }
        // A word: its lower-case ASCII bytes packed (the last 8), and whether it holds
        // a char that is not ASCII.
        let start = i;
        let mut key = 0u64;
        let mut ascii = true;
        while i < n {
            match LOWER[usize::from(bytes[i])] {
                0 => break,
                0xff => match text[i..].chars().next() {
                    Some(c) if c.is_alphabetic() => {
                        ascii = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                },
                c => {
                    key = key << 8 | u64::from(c);
                    i += 1;
                }
            }
        }
        if i == start {
            // A char that is neither ASCII nor a letter.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        counts[word_lang(&text[start..i], key, ascii)] += 1;
    }
}

/// 1 for a German function word, 2 for an English one, 0 for any other word.
#[inline(always)]
fn word_lang(word: &str, key: u64, ascii: bool) -> usize {
    // Every listed word is 2 to 6 bytes long (`werden`, `über`).
    if word.len() < 2 || word.len() > 6 {
        return 0;
    }
    if ascii {
        return usize::from(ascii_word(key));
    }
    let lower = word.to_lowercase();
    if GERMAN.binary_search(&lower.as_str()).is_ok() {
        1
    } else if ENGLISH.binary_search(&lower.as_str()).is_ok() {
        2
    } else {
        0
    }
}

/// The first [`SAMPLE_CHARS`] chars of the parts, one per line.
fn sample<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut sample = String::new();
    let mut chars = 0;
    for part in parts {
        if chars >= SAMPLE_CHARS {
            break;
        }
        match part.char_indices().nth(SAMPLE_CHARS - chars) {
            Some((cut, _)) => {
                sample.push_str(&part[..cut]);
                chars = SAMPLE_CHARS;
            }
            None => {
                sample.push_str(part);
                sample.push('\n');
                chars += part.chars().count() + 1;
            }
        }
    }
    // The sample is exactly the first SAMPLE_CHARS chars of the joined parts.
    if let Some((cut, _)) = sample.char_indices().nth(SAMPLE_CHARS) {
        sample.truncate(cut);
    }
    sample
}

/// How many German and English function words `sample` holds (the detector before the
/// byte loop, which [`count_function_words`] must equal).
#[cfg(test)]
fn function_words(sample: &str) -> (usize, usize) {
    let (mut de, mut en) = (0, 0);
    let mut buf = [0u8; 6];
    let mut owned;
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.len() < 2 || word.len() > 6 {
            continue;
        }
        let lower: &str = if word.is_ascii() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or_default()
        } else {
            owned = word.to_lowercase();
            &owned
        };
        if GERMAN.binary_search(&lower).is_ok() {
            de += 1;
        } else if ENGLISH.binary_search(&lower).is_ok() {
            en += 1;
        }
    }
    (de, en)
}

/// The detector before the byte loop: what [`detect`] must answer everywhere.
#[cfg(test)]
fn detect_before<'a>(parts: impl IntoIterator<Item = &'a str>) -> Lang {
    let sample = sample(parts);
    match function_words(&sample) {
        (de, en) if de >= CLEAR && de >= CLEAR * en => Lang::De,
        (de, en) if en >= CLEAR && en >= CLEAR * de => Lang::En,
        _ => detect_whatlang(&sample),
    }
}

/// whatlang's answer on the sample.
fn detect_whatlang(sample: &str) -> Lang {
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Deu, whatlang::Lang::Eng]);
    match detector.detect_lang(sample) {
        Some(whatlang::Lang::Deu) => Lang::De,
        _ => Lang::En,
    }
}

/// whatlang alone on the same sample as [`detect`]: what the fast path must agree with.
#[doc(hidden)]
pub fn detect_slow<'a>(parts: impl IntoIterator<Item = &'a str>) -> Lang {
    detect_whatlang(&sample(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_and_english() {
        assert_eq!(
            detect(["Die Bundesregierung hat am Mittwoch beschlossen, dass die Steuern steigen."]),
            Lang::De
        );
        assert_eq!(
            detect(["The government decided on Wednesday that taxes will rise next year."]),
            Lang::En
        );
        assert_eq!(detect([""]), Lang::En);
    }

    #[test]
    fn word_lists_are_sorted_and_disjoint() {
        // binary_search needs them sorted; a word in both would count for German only.
        for list in [GERMAN, ENGLISH] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(GERMAN.iter().all(|w| !ENGLISH.contains(w)));
        assert!(
            GERMAN
                .iter()
                .chain(ENGLISH)
                .all(|w| (2..=6).contains(&w.len()))
        );
    }

    #[test]
    fn the_sample_is_the_first_chars_of_the_parts() {
        let long = "ä".repeat(SAMPLE_CHARS + 5);
        assert_eq!(sample([long.as_str()]).chars().count(), SAMPLE_CHARS);
        assert_eq!(sample(["ab", "cd"]), "ab\ncd\n");
        let a = "x".repeat(SAMPLE_CHARS - 2);
        assert_eq!(
            sample([a.as_str(), "yyyy"]),
            format!("{a}\nyy")
                .chars()
                .take(SAMPLE_CHARS)
                .collect::<String>()
        );
    }

    #[test]
    fn the_fast_path_agrees_with_whatlang_where_it_decides() {
        let texts = [
            "Der Kanzler sagte am Mittwoch, die Regierung werde den Haushalt nicht kürzen.",
            "The minister said on Tuesday that the government would not cut the budget.",
            "Über die Pläne der Koalition wird seit Wochen gestritten, auch in der SPD.",
            "According to the report, which was published by the agency, prices have risen.",
        ];
        for t in texts {
            assert_eq!(detect([t]), detect_slow([t]), "{t}");
        }
    }

    #[test]
    fn unclear_samples_go_to_whatlang() {
        // Two function words of each: not clear-cut, so whatlang decides.
        let t = "Bundesregierung und Opposition: the budget and der Haushalt";
        assert_eq!(function_words(t), (2, 2));
        assert_eq!(detect([t]), detect_slow([t]));
    }

    #[test]
    fn the_word_table_holds_every_ascii_word_once() {
        for (list, lang) in [(GERMAN, 1), (ENGLISH, 2)] {
            for w in list.iter().filter(|w| w.is_ascii()) {
                let key = w.bytes().fold(0u64, |k, b| k << 8 | u64::from(b));
                assert_eq!(ascii_word(key), lang, "{w}");
            }
        }
        assert_eq!(ascii_word(u64::from_be_bytes(*b"\0\0\0\0the2")), 0);
        assert_eq!(
            ASCII_WORDS.iter().filter(|(_, l)| *l != 0).count(),
            GERMAN.len() + ENGLISH.len() - 2
        );
    }

    #[test]
    fn the_byte_loop_counts_what_the_old_split_counted() {
        for parts in [
            vec!["Der Kanzler sagte, die Regierung werde den Haushalt NICHT kürzen."],
            vec!["FÜR alle, Über uns, für\u{a0}die", "THE end", ""],
            vec!["", "", "und"],
            vec!["Straße größer İstanbul ǅemal und ΣΑΣ the"],
            vec!["x"; 900],
        ] {
            assert_eq!(
                count_function_words(parts.iter().copied()),
                function_words(&sample(parts.iter().copied())),
                "{parts:?}"
            );
        }
        // The sample's last word is cut where the sample ends, in both.
        let long = format!("{}und", "a ".repeat(399));
        assert_eq!(long.chars().count(), SAMPLE_CHARS + 1);
        assert_eq!(count_function_words([long.as_str()].into_iter()), (0, 0));
        assert_eq!(function_words(&sample([long.as_str()])), (0, 0));
    }

    proptest::proptest! {
        #[test]
        fn detect_answers_what_the_old_detector_answered(
            parts in proptest::collection::vec("((der|die|und|the|and|of|für|über|FÜR|Über|The|UND|ä|é|x|İ|Σ|[a-zA-Z]{1,7})[ ,.\n\u{a0}1-]{1,2}){0,60}", 0..4),
            big in 0usize..3,
        ) {
            // Long parts put the 800-char cut anywhere, mid-word included.
            let filler = "Wort ".repeat(big * 70);
            let mut all: Vec<&str> = vec![filler.as_str()];
            all.extend(parts.iter().map(String::as_str));
            proptest::prop_assert_eq!(
                count_function_words(all.iter().copied()),
                function_words(&sample(all.iter().copied()))
            );
            proptest::prop_assert_eq!(detect(all.iter().copied()), detect_before(all.iter().copied()));
        }

        #[test]
        fn detect_answers_what_the_old_detector_answered_on_any_text(s in "\\PC{0,900}") {
            proptest::prop_assert_eq!(detect([s.as_str()]), detect_before([s.as_str()]));
            proptest::prop_assert_eq!(
                count_function_words([s.as_str()].into_iter()),
                function_words(&sample([s.as_str()]))
            );
        }
    }

    /// Every article file under `dir`, recursively.
    #[test]
    fn the_fast_path_agrees_with_whatlang_on_real_articles() {
        // The sample articles, the shared corpus when it is there, and any folder named
        // by GLOSS_LANG_CORPUS (a generated corpus, say).
        let paths: Vec<_> = crate::article::corpus_files()
            .into_iter()
            .filter(|p| crate::article::Format::from_path(p).is_some())
            .collect();
        assert!(paths.len() >= 6, "the sample articles are missing");
        let mut checked = 0;
        for p in paths {
            let Ok(a) = crate::article::load(&p) else {
                continue;
            };
            let parts = || {
                std::iter::once(a.meta.title.as_str())
                    .chain(a.paragraphs.iter().map(String::as_str))
            };
            // Where they differ on single paragraphs, whatlang is the one that is wrong
            // (`Im Fall des Fotografen Dennis S. kommt iRights aber zum Schluss:` is
            // English to it); on whole articles, what `load` looks at, they must agree.
            assert_eq!(detect(parts()), detect_slow(parts()), "{}", p.display());
            assert_eq!(detect(parts()), detect_before(parts()), "{}", p.display());
            assert_eq!(
                count_function_words(parts()),
                function_words(&sample(parts())),
                "{}",
                p.display()
            );
            // And on every paragraph alone, where whatlang decides more often.
            for para in &a.paragraphs {
                assert_eq!(
                    detect([para.as_str()]),
                    detect_before([para.as_str()]),
                    "{}",
                    p.display()
                );
            }
            checked += 1;
        }
        assert!(checked >= 6);
    }
}
