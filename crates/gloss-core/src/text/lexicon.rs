//! The word lists of the text model (assets/lexicon/, compiled into the binary and parsed
//! once): month names for the sentence splitter and the date parser, abbreviations for the
//! splitter. Each list lives in one file, so the suggestions, the reader's motions and the
//! date line cannot disagree.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Lang;

const MONTHS: &str = include_str!("../../../../assets/lexicon/months.tsv");
const ABBREV_DE: &str = include_str!("../../../../assets/lexicon/abbreviations-de.txt");
const ABBREV_EN: &str = include_str!("../../../../assets/lexicon/abbreviations-en.txt");

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The month tables, built from `months.tsv`.
struct Months {
    /// Lower-case form → month number (every form: names and abbreviations).
    number: FxHashMap<&'static str, u32>,
    /// German full names, capitalised as written (`Dezember`, `März`).
    german: FxHashSet<String>,
}

static MONTH_TABLE: LazyLock<Months> = LazyLock::new(|| {
    let mut number = FxHashMap::default();
    let mut german = FxHashSet::default();
    for line in lines(MONTHS) {
        let mut cols = line.split('\t');
        let (Some(n), Some(form), kind) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u32>() else { continue };
        number.insert(form, n);
        if kind == Some("de") {
            let mut c = form.chars();
            if let Some(first) = c.next() {
                german.insert(first.to_uppercase().chain(c).collect());
            }
        }
    }
    Months { number, german }
});

/// The month number of a German or English month name or abbreviation (lower case).
pub fn month_number(lower: &str) -> Option<u32> {
    MONTH_TABLE.number.get(lower).copied()
}

/// Whether `word` is a German month name as written in running text (`Dezember`).
pub fn is_german_month(word: &str) -> bool {
    MONTH_TABLE.german.contains(word)
}

static ABBREV_DE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| lines(ABBREV_DE).collect());
static ABBREV_EN_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| lines(ABBREV_EN).collect());

/// The longest abbreviation in bytes (a test holds the lists to it): longer words skip
/// the set lookup.
pub const ABBREV_MAX_LEN: usize = 6;

/// Abbreviations (without their final dot, case as written) after which a dot does not
/// end a sentence in `lang`.
pub fn abbreviations(lang: Lang) -> &'static FxHashSet<&'static str> {
    match lang {
        Lang::De => &ABBREV_DE_SET,
        Lang::En => &ABBREV_EN_SET,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_fit_the_length_bound() {
        for a in abbreviations(Lang::De)
            .iter()
            .chain(abbreviations(Lang::En))
        {
            assert!(a.len() <= ABBREV_MAX_LEN, "{a}");
        }
        assert!(abbreviations(Lang::De).contains("bzw"));
        assert!(abbreviations(Lang::En).contains("Gen"));
    }

    #[test]
    fn months_have_numbers_and_german_names() {
        assert_eq!(month_number("dezember"), Some(12));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("maerz"), Some(3));
        assert_eq!(month_number("monday"), None);
        assert!(is_german_month("März") && is_german_month("Jänner"));
        assert!(!is_german_month("march") && !is_german_month("Jan"));
        let numbers: FxHashSet<u32> = MONTH_TABLE.number.values().copied().collect();
        assert_eq!(numbers.len(), 12);
    }
}
