//! Turns the gazetteer's lists into the table of surface forms it looks up. Plain `std`, so
//! that the build script compiles the bundled lists into the binary with this same code
//! (building the table at start-up took 70 M instructions, the largest part of an
//! analyzer's construction and of a warm `render`), and the tests and custom lists use it
//! at run time.

use std::collections::HashMap;

use super::inflection;
use super::tokens::tokenize;

/// A name from the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry<'a> {
    /// The name as listed (its base form, used as the canonical name).
    pub name: &'a str,
    /// Its entity type.
    pub label: &'a str,
    /// Whether German inflected forms should be generated for it.
    pub german: bool,
    /// Whether it comes from the hand-curated list (checked by hand, so trusted over the
    /// tagger).
    pub curated: bool,
}

/// Marks a form that is no name of its own.
pub const NO_NAME: usize = usize::MAX;

/// The compiled lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The distinct names, as indices into the entries.
    pub names: Vec<usize>,
    /// Every surface form: (form, index into `names` or [`NO_NAME`] for a word that only
    /// starts longer forms, the most words a form starting with it has), sorted by form.
    pub forms: Vec<(String, usize, usize)>,
    /// First bytes of forms that start lower case (`dpa`).
    pub lower_starts: [bool; 256],
}

/// Every entry of the two files: the hand-curated one first, then the generated one (the
/// first entry for a form wins, and a hand-checked `Benfica ORG` must beat GeoNames'
/// district). The generated file has a canonical column before the language; the
/// curated not.
pub fn parse<'a>(curated: &'a str, generated: &'a str) -> Vec<GazetteerEntry<'a>> {
    let lines = |text: &'a str| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    let mut out = Vec::new();
    let hand = lines(curated).map(|l| (l, true));
    for (line, hand) in hand.chain(lines(generated).map(|l| (l, false))) {
        let mut cols = line.split('\t');
        let (Some(name), Some(label)) = (cols.next(), cols.next()) else {
            continue;
        };
        let last = cols.next_back().unwrap_or("de");
        out.push(GazetteerEntry {
            name,
            label,
            german: last == "de",
            curated: hand,
        });
    }
    out
}

/// Compiles the entries and their inflected forms; the first entry for a form wins.
pub fn compile(entries: &[GazetteerEntry<'_>]) -> Compiled {
    let mut t = Table {
        by_form: HashMap::new(),
        lower_starts: [false; 256],
    };
    let mut names = Vec::new();
    // Every entry's own name first, then the inflected forms: an inflected form must
    // never shadow another entry's exact name (the genitive of "Brussel" is "Brussels",
    // which is a name of its own).
    let mut new = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if t.by_form.get(e.name).is_some_and(|v| v.0 != NO_NAME) {
            new.push(None);
            continue;
        }
        let id = names.len();
        names.push(i);
        t.add_form(e.name.to_string(), id);
        new.push(Some(id));
    }
    for (e, id) in entries.iter().zip(new) {
        if let Some(id) = id {
            for form in inflection::forms(e.name, e.label) {
                t.add_form(form, id);
            }
        }
    }
    let mut forms: Vec<_> = t.by_form.into_iter().map(|(f, (n, m))| (f, n, m)).collect();
    forms.sort_unstable();
    Compiled {
        names,
        forms,
        lower_starts: t.lower_starts,
    }
}

struct Table {
    by_form: HashMap<String, (usize, usize)>,
    lower_starts: [bool; 256],
}

impl Table {
    /// Makes `form` stand for name `id`, unless it already stands for another name.
    fn add_form(&mut self, form: String, id: usize) {
        let words = tokenize(&form).len();
        if words > 1 {
            let head = form
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .next();
            let entry = self
                .by_form
                .entry(head.unwrap_or_default().to_string())
                .or_insert((NO_NAME, 1));
            entry.1 = entry.1.max(words);
        }
        if let Some(&b) = form.as_bytes().first()
            && !form.chars().next().is_some_and(char::is_uppercase)
        {
            self.lower_starts[usize::from(b)] = true;
        }
        let entry = self.by_form.entry(form).or_insert((NO_NAME, 1));
        if entry.0 == NO_NAME {
            entry.0 = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_files_curated_first() {
        let e = parse(
            "# c\nBenfica\tORG\n",
            "# g\nBenfica\tLOC\tBenfica\tpt\nWien\tLOC\tWien\tde\n",
        );
        let got: Vec<_> = e
            .iter()
            .map(|e| (e.name, e.label, e.german, e.curated))
            .collect();
        assert_eq!(
            got,
            [
                ("Benfica", "ORG", true, true),
                ("Benfica", "LOC", false, false),
                ("Wien", "LOC", true, false)
            ]
        );
    }

    #[test]
    fn a_longer_form_marks_its_first_word() {
        let c = compile(&parse("", "Tel Aviv\tLOC\tTel Aviv\tde\n"));
        let find = |f: &str| c.forms.iter().find(|x| x.0 == f).map(|x| (x.1, x.2));
        assert_eq!(find("Tel"), Some((NO_NAME, 2)));
        assert_eq!(find("Tel Aviv"), Some((0, 1)));
        assert_eq!(find("Tel Avivs"), Some((0, 1)));
    }
}
