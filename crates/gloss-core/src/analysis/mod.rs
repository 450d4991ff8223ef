//! Suggestions: sentence segmentation, entity and claim finding (pure functions, no I/O
//! beyond loading the lexicon once).
//!
//! The engine: [`tokens`] and [`sentences`] cut the text; [`gazetteer`] (with
//! [`inflection`]), [`patterns`] and [`learn`] propose entities, [`entities`] merges them and
//! links short mentions to full names; [`claims`] finds claims and their speakers.

pub mod candidate;
pub mod claims;
pub mod entities;
pub mod gazetteer;
pub mod inflection;
pub mod learn;
pub mod lexicon;
pub mod organisations;
pub mod patterns;
pub use crate::text::sentences;
pub mod suffix;
pub mod tokens;
pub mod words;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::article::Lang;
use crate::config::Config;
use crate::text::{Body, BytePos, Walker};

use candidate::{Candidate, Source};
use claims::CueMatcher;
use gazetteer::Gazetteer;
use patterns::Patterns;

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

impl AnalysisOptions {
    /// The options a config asks for: its extra entity types and claim cues.
    pub fn from_config(config: &Config) -> AnalysisOptions {
        let builtin = ["PER", "LOC", "ORG", "MISC"];
        AnalysisOptions {
            extra_types: config
                .entity_labels()
                .into_iter()
                .filter(|n| !builtin.contains(&n.as_str()))
                .collect(),
            extra_cues: config
                .cues
                .de
                .iter()
                .map(|c| (Lang::De, c.clone()))
                .chain(config.cues.en.iter().map(|c| (Lang::En, c.clone())))
                .collect(),
        }
    }
}

/// The compiled lexicon: built once, shared behind an `Arc`.
#[derive(Debug)]
struct Engine {
    options: AnalysisOptions,
    gazetteer: Gazetteer,
    patterns: Patterns,
    cues_de: CueMatcher,
    cues_en: CueMatcher,
}

/// The suggestion engine. Built once (the lexicon is compiled into matchers), then used
/// for every article; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Analyzer {
    engine: Arc<Engine>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(AnalysisOptions::default())
    }
}

impl Analyzer {
    /// Builds the engine with the bundled lexicon and the given options.
    pub fn new(options: AnalysisOptions) -> Analyzer {
        let cues = |lang: Lang| {
            let mut list = lexicon::cues(lang);
            list.extend(
                options
                    .extra_cues
                    .iter()
                    .filter(|(l, c)| *l == lang && !c.trim().is_empty())
                    .map(|(_, c)| lexicon::Cue {
                        text: c.trim().to_string(),
                        kind: lexicon::CueKind::Say,
                    }),
            );
            CueMatcher::new(&list)
        };
        let engine = Engine {
            gazetteer: Gazetteer::new(&lexicon::gazetteer()),
            patterns: Patterns::new(),
            cues_de: cues(Lang::De),
            cues_en: cues(Lang::En),
            options,
        };
        Analyzer {
            engine: Arc::new(engine),
        }
    }

    /// The options the engine was built with.
    pub fn options(&self) -> &AnalysisOptions {
        &self.engine.options
    }

    /// Detects the language of a text (German or English): [`crate::article::lang::detect`],
    /// the one detector the CLI and the TUI share.
    pub fn detect_lang(&self, text: &str) -> Lang {
        crate::article::lang::detect([text])
    }

    /// Finds entities and claims in an article body, read in its language. Offsets are char
    /// offsets into the body.
    pub fn suggest_body(&self, body: &Body, learned: &Learned) -> Suggestions {
        // The engine asks for offsets in order: a walker needs no index, so a body read
        // once (the CLI) never builds one, and the TUI builds it once, for the reader.
        let text = body.as_str();
        self.suggest_walking(text, || Walker::over(text), body.lang(), learned)
    }

    /// Finds entities and claims in `body`. Offsets are char offsets into `body`.
    pub fn suggest(&self, body: &str, lang: Lang, learned: &Learned) -> Suggestions {
        // One pass in offset order needs no index: building one would cost a pass more.
        self.suggest_walking(body, || Walker::over(body), lang, learned)
    }

    /// Finds the entities of `body` only, no claims: what `suggest` costs without the
    /// claim finder (the suggest benchmark compares the two).
    pub fn suggest_entities(&self, body: &str, lang: Lang, learned: &Learned) -> Suggestions {
        self.suggest_with(body, || Walker::over(body), lang, learned, false)
    }

    /// The engine, converting its byte offsets to chars with walkers from `walker`.
    fn suggest_walking<'a>(
        &self,
        body: &'a str,
        walker: impl Fn() -> Walker<'a>,
        lang: Lang,
        learned: &Learned,
    ) -> Suggestions {
        self.suggest_with(body, walker, lang, learned, true)
    }

    /// The engine; with `claims` off, entities only.
    fn suggest_with<'a>(
        &self,
        body: &'a str,
        walker: impl Fn() -> Walker<'a>,
        lang: Lang,
        learned: &Learned,
        with_claims: bool,
    ) -> Suggestions {
        let e = &*self.engine;
        let toks = tokens::tokenize(body);
        let mut cands = learn::known(body, learned);
        cands.extend(e.patterns.find(body, &toks, lang, &e.gazetteer));
        for hit in e.gazetteer.find(body, &toks) {
            let name = &e.gazetteer.names[hit.name];
            cands.push(Candidate {
                start: hit.start,
                end: hit.end,
                label: &name.label,
                canonical: Some(&name.canonical),
                source: if body[hit.start..hit.end].contains(' ') {
                    Source::GazetteerLong
                } else {
                    Source::Gazetteer
                },
            });
        }
        learn::drop_never(body, &mut cands, learned);
        let ents = entities::resolve(cands);
        let mut ents = entities::link_people(body, &toks, ents);
        learn::drop_never(body, &mut ents, learned);

        let cues = match lang {
            Lang::De => &e.cues_de,
            Lang::En => &e.cues_en,
        };
        // Without claims, no sentences are split either: the benchmark's baseline is
        // the entities alone.
        let found = if with_claims {
            let sents = sentences::split(body, lang);
            claims::find(
                &claims::Input {
                    text: body,
                    lang,
                    sentences: &sents,
                    tokens: &toks,
                    entities: &ents,
                    before: &ents,
                    patterns: &e.patterns,
                },
                cues,
            )
        } else {
            Vec::new()
        };

        let mut w = walker();
        let entities = ents
            .into_iter()
            .map(|c| {
                let text = body[c.start..c.end].to_string();
                EntitySuggestion {
                    start: w.char_at(BytePos(c.start)).0,
                    end: w.char_at(BytePos(c.end)).0,
                    canonical: c.canonical.map_or_else(|| text.clone(), str::to_string),
                    label: c.label.to_string(),
                    text,
                }
            })
            .collect();
        let mut w = walker();
        let claims = found
            .into_iter()
            .map(|c| ClaimSuggestion {
                text: body[c.start..c.end].to_string(),
                start: w.char_at(BytePos(c.start)).0,
                end: w.char_at(BytePos(c.end)).0,
                cue: c.cue,
                speaker: c.speaker,
            })
            .collect();
        Suggestions { entities, claims }
    }
}
