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
    /// Role word or first name before a name.
    Person = 3,
    /// The gazetteer.
    Gazetteer = 4,
    /// A model designation.
    Model = 5,
    /// An English capitalised run with a keyword.
    Run = 6,
    /// An acronym.
    Acronym = 7,
    /// The statistical tagger (ranks above linked mentions so that a tagged full name
    /// keeps its surname).
    Tagger = 8,
    /// A short mention linked to a fuller name.
    Linked = 9,
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
