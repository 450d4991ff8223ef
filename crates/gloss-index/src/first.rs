//! The first match of a search in an article's body, found in Rust.
//!
//! FTS5's `highlight()` gives it exactly, but it marks every match of the whole body and
//! took about a millisecond per result, most of a search's time. This module follows
//! the index's tokenizer (`unicode61 remove_diacritics 2`) for the text it can follow
//! exactly, ASCII and the Latin letters of [`fold`]'s table, and says so when a body or
//! query holds anything else before the first match: the caller then asks FTS5.

use super::query::ENDINGS;

/// One thing a query matches (see [`crate::fts_query`]).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    /// A token that starts with this (`"word"*`).
    Prefix(String),
    /// This token (`"stem"`).
    Exact(String),
}

/// The terms of what a user typed, folded as the index folds tokens; `None` when a word
/// holds a char [`fold`] cannot follow, or the query holds a `"quoted phrase"`: FTS5
/// merges overlapping matches into one mark, which only a phrase can make, so those
/// queries are left to it.
fn terms(user: &str) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    for (i, chunk) in user.split('"').enumerate() {
        let words: Vec<String> = chunk
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| fold_word(&w.to_lowercase()))
            .collect::<Option<_>>()?;
        if i % 2 == 1 {
            if !words.is_empty() {
                return None;
            }
            continue;
        }
        for w in words {
            let chars = w.chars().count();
            for end in ENDINGS {
                if let Some(stem) = w.strip_suffix(end)
                    && chars - end.chars().count() >= 4
                {
                    out.push(Term::Exact(stem.to_string()));
                    break;
                }
            }
            out.push(Term::Prefix(w));
        }
    }
    Some(out)
}

/// A char folded as the index's tokenizer folds it (lower case, no diacritics), or
/// `None` for a char outside ASCII and this table of Latin letters (whose folding is
/// checked against SQLite's in the tests).
fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď' | 'ď' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ' | 'ĥ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='į' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ľ' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'n',
        'Ò'..='Ö' | 'ò'..='ö' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' => 's',
        'Ţ'..='ť' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        'ß' => 'ß',
        _ => return None,
    };
    Some(base)
}

/// [`fold`] of every char of a word, or `None`.
fn fold_word(w: &str) -> Option<String> {
    w.chars().map(fold).collect()
}

/// Whether the tokenizer keeps `c` in a token (letters, digits, private use).
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{e000}'..='\u{f8ff}')
}

/// Char offsets of the first match of `user`'s query in `body`: `Some(None)` when the
/// body holds none, `None` when the query or the text before the first match holds
/// something this module cannot follow exactly.
pub(crate) fn first_match(user: &str, body: &str) -> Option<Option<(usize, usize)>> {
    let terms = terms(user)?;
    // Every term is one token, so a match is known when its token ends.
    let longest = 1;
    // (folded token, or None when it cannot be followed; char start; char end)
    let mut tokens: Vec<(Option<String>, usize, usize)> = Vec::new();
    let mut current = String::new();
    let mut followable = true;
    let mut start = None;
    for (at, c) in body.chars().chain(std::iter::once(' ')).enumerate() {
        if is_token_char(c) {
            start.get_or_insert(at);
            match fold(c) {
                Some(f) => current.push(f),
                None => followable = false,
            }
        } else if let Some(s) = start.take() {
            let tok = followable.then(|| current.clone());
            current.clear();
            followable = true;
            let blind = tok.is_none();
            tokens.push((tok, s, at));
            // Each token is looked at once it ends, so matches are found in the order
            // they start.
            if let Some(found) = match_at(&terms, &tokens, longest) {
                return Some(Some(found));
            }
            if blind {
                return None;
            }
        }
    }
    // The last tokens, which no later token brought in.
    for from in tokens.len().saturating_sub(longest)..tokens.len() {
        if let Some(found) = match_from(&terms, &tokens, from) {
            return Some(Some(found));
        }
    }
    Some(None)
}

/// The match starting `longest - 1` tokens back from the last one, if any: checked each
/// time a token ends, so matches are found in order of their start.
fn match_at(
    terms: &[Term],
    tokens: &[(Option<String>, usize, usize)],
    longest: usize,
) -> Option<(usize, usize)> {
    let from = tokens.len().checked_sub(longest)?;
    match_from(terms, tokens, from)
}

/// The match of any term at token `from`.
fn match_from(
    terms: &[Term],
    tokens: &[(Option<String>, usize, usize)],
    from: usize,
) -> Option<(usize, usize)> {
    let (Some(tok), start, end) = tokens.get(from)? else {
        return None;
    };
    terms
        .iter()
        .any(|t| match t {
            Term::Prefix(p) => tok.starts_with(p.as_str()),
            Term::Exact(e) => tok == e,
        })
        .then_some((*start, *end))
}

/// [`fold`], for the tests that check it against SQLite.
#[cfg(test)]
pub(crate) fn fold_for_tests(c: char) -> Option<char> {
    fold(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_matches_in_order() {
        let body = "Die Russlands Politik. Wladimir Putin und Russland.";
        assert_eq!(first_match("Russland", body), Some(Some((4, 13))));
        assert_eq!(first_match("putin", body), Some(Some((32, 37))));
        // Quoted phrases are left to FTS5 (it merges overlapping matches into one mark).
        assert_eq!(first_match("\"wladimir putin\"", body), None);
        assert_eq!(first_match("Russland \"die russlands\"", body), None);
        // Two words: the first of either.
        assert_eq!(first_match("Putin Politik", body), Some(Some((14, 21))));
        assert_eq!(first_match("Merkel", body), Some(None));
        // Text it cannot follow before any match: ask FTS5.
        assert_eq!(first_match("Putin", "Москва und Putin"), None);
        assert_eq!(first_match("Москва", "Putin"), None);
        // Diacritics and case as the tokenizer folds them; ß stays.
        assert_eq!(first_match("munchen", "In MÜNCHEN."), Some(Some((3, 10))));
        assert_eq!(first_match("strasse", "Die Straße"), Some(None));
    }
}
