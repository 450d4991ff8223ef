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
pub fn detect<'a>(parts: impl IntoIterator<Item = &'a str>) -> Lang {
    let sample = sample(parts);
    match function_words(&sample) {
        (de, en) if de >= CLEAR && de >= CLEAR * en => Lang::De,
        (de, en) if en >= CLEAR && en >= CLEAR * de => Lang::En,
        _ => detect_whatlang(&sample),
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

/// How many German and English function words `sample` holds.
fn function_words(sample: &str) -> (usize, usize) {
    let (mut de, mut en) = (0, 0);
    let mut buf = [0u8; 6];
    let mut owned;
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        // Every listed word is 2 to 6 bytes long (`werden`, `über`).
        if word.len() < 2 || word.len() > 6 {
            continue;
        }
        let lower: &str = if word.is_ascii() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            // ASCII stays UTF-8 when lower-cased.
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

    /// Every article file under `dir`, recursively.
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if crate::article::Format::from_path(&p).is_some() {
                out.push(p);
            }
        }
    }

    #[test]
    fn the_fast_path_agrees_with_whatlang_on_real_articles() {
        // The sample articles, the shared corpus when it is there, and any folder named
        // by GLOSS_LANG_CORPUS (a generated corpus, say).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut dirs = vec![root.join("assets/articles"), root.join("../shared/corpus")];
        dirs.extend(std::env::var_os("GLOSS_LANG_CORPUS").map(std::path::PathBuf::from));
        let mut paths = Vec::new();
        for d in &dirs {
            files(d, &mut paths);
        }
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
            checked += 1;
        }
        assert!(checked >= 6);
    }
}
