//! Suggestions: sentence segmentation, entity and claim finding (pure functions, no I/O
//! beyond loading the lexicon once).
//!
//! SKELETON: the types and signatures here are the interface the rest of gloss codes
//! against; the engine is a placeholder to be replaced by the analysis work.

use serde::{Deserialize, Serialize};

use crate::article::Lang;

/// An entity mention gloss suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySuggestion {
    /// The exact text of the mention (`body[start..end]` in chars).
    pub text: String,
    /// Entity type: `PER`, `LOC`, `ORG`, `MISC` or a configured one.
    pub label: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset after the last char.
    pub end: usize,
    /// The name all mentions of this entity are grouped under (`Putins` → `Wladimir Putin`).
    pub canonical: String,
}

/// A claim gloss suggests: a sentence or clause that reports an assertion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSuggestion {
    /// The exact text of the claim.
    pub text: String,
    /// Char offset of the first char.
    pub start: usize,
    /// Char offset after the last char.
    pub end: usize,
    /// The word or phrase that marks it as a claim (`betonte`, `according to`, `könnte`).
    pub cue: String,
    /// Who the claim is attributed to, where the text says.
    pub speaker: Option<String>,
}

/// Everything found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    /// Entity mentions, sorted by start.
    pub entities: Vec<EntitySuggestion>,
    /// Claims, sorted by start.
    pub claims: Vec<ClaimSuggestion>,
}

/// What the user taught gloss, read from the annotation store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learned {
    /// Entities accepted or marked by hand in any article: (text, label). Suggested
    /// wherever the text occurs.
    pub known: Vec<(String, String)>,
    /// (text, label) pairs the user never wants suggested again, in any article.
    pub never: Vec<(String, String)>,
}

/// Extra configuration for the engine (from the config file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// Extra entity types beyond PER, LOC, ORG, MISC.
    pub extra_types: Vec<String>,
    /// Extra claim cue words per language code (`de`, `en`).
    pub extra_cues: Vec<(Lang, String)>,
}

/// The suggestion engine. Built once (the lexicon is compiled into matchers), then used
/// for every article; cheap to share between threads.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    options: AnalysisOptions,
}

impl Analyzer {
    /// Builds the engine with the bundled lexicon and the given options.
    pub fn new(options: AnalysisOptions) -> Analyzer {
        Analyzer { options }
    }

    /// Detects the language of a text (German or English).
    pub fn detect_lang(&self, text: &str) -> Lang {
        let de = [" der ", " die ", " und ", " das "]
            .iter()
            .filter(|w| text.contains(*w))
            .count();
        if de >= 2 { Lang::De } else { Lang::En }
    }

    /// Finds entities and claims in `body`. Offsets are char offsets into `body`.
    pub fn suggest(&self, body: &str, lang: Lang, learned: &Learned) -> Suggestions {
        let _ = (body, lang, learned, &self.options);
        Suggestions::default()
    }
}
