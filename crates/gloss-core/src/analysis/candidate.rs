//! The entity candidate every finder proposes (patterns, gazetteer, learned names,
//! organisations) and [`entities`](super::entities) resolves.

/// Where a candidate came from; lower ranks win overlaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Taught by the user.
    Learned = 0,
    /// An organisation by its legal form or institution word (`Siemens AG` beats the
    /// gazetteer's `Siemens`, `Universität Heidelberg` the place).
    Institution = 1,
    /// A gazetteer name of several words (`San Juan` beats the first name `San`).
    GazetteerLong = 2,
    /// Role word or first name before a name (`Chelsea Clinton` beats the club).
    Person = 3,
    /// A name of the hand-curated list (`assets/lexicon/curated.tsv`): clubs, media,
    /// bodies whose names are also places or words (`Benfica`, `Chelsea`, `L'Equipe`).
    Curated = 4,
    /// The gazetteer.
    Gazetteer = 5,
    /// A model designation.
    Model = 6,
    /// An English capitalised run with a keyword.
    Run = 7,
    /// An acronym.
    Acronym = 8,
    /// The statistical tagger (ranks above linked mentions so that a tagged full name
    /// keeps its surname).
    Tagger = 9,
    /// A short mention linked to a fuller name.
    Linked = 10,
}

/// An entity candidate (byte offsets); borrows its label and canonical name from the
/// lexicon, the user's lists or the text, so finding one allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// Byte offset of the first char.
    pub start: usize,
    /// Byte offset after the last char.
    pub end: usize,
    /// Entity type.
    pub label: &'a str,
    /// Canonical name, when known (else the text).
    pub canonical: Option<&'a str>,
    /// Where it came from.
    pub source: Source,
}

/// A tagger candidate for `name`'s first occurrence in `text`: what the analysis tests
/// start from.
#[cfg(test)]
pub(crate) fn cand(text: &str, name: &str, label: &'static str) -> Candidate<'static> {
    let start = text.find(name).expect("the name is in the text");
    Candidate {
        start,
        end: start + name.len(),
        label,
        canonical: None,
        source: Source::Tagger,
    }
}
