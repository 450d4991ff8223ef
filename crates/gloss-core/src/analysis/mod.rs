//! Suggestions: sentence segmentation, entity and claim finding (pure functions, no I/O
//! beyond loading the lexicon once).
//!
//! The engine: [`tokens`] and [`sentences`] cut the text; [`gazetteer`] (with
//! [`inflection`]), [`patterns`] and [`learn`] propose entities, [`entities`] merges them and
//! links short mentions to full names; [`claims`] finds claims and their speakers.

pub mod boundaries;
pub mod candidate;
pub mod claims;
pub mod entities;
pub mod gazetteer;
pub mod gazetteer_compile;
pub mod inflection;
pub mod learn;
pub mod lexicon;
pub mod organisations;
pub mod patterns;
pub use crate::text::sentences;
pub mod suffix;
pub mod tagger;
pub mod tokens;
pub mod words;

use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap as HashMap;

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
    /// How sure gloss is (0–1): the tagger's probability, or how often the rule that found
    /// it is right.
    #[serde(default)]
    pub score: Score,
}

/// A confidence between 0 and 1, kept in thousandths so that suggestions stay comparable
/// with `Eq`; written as a number (`0.873`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u16);

impl Score {
    /// The score of a probability (clamped to 0–1).
    pub fn new(p: f32) -> Score {
        Score((p.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    /// The score as a number between 0 and 1.
    pub fn get(self) -> f32 {
        f32::from(self.0) / 1000.0
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / 1000.0)
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Score, D::Error> {
        let p = f64::deserialize(d)?;
        Ok(Score::new(p as f32))
    }
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
    /// Suggest what the rules find, without the statistical tagger.
    pub rules_only: bool,
    /// Entity suggestions with a lower score are left out.
    pub min_score: Score,
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
            rules_only: false,
            min_score: Score::new(config.min_entity_score),
        }
    }
}

/// How the tagger and the rules are combined (defaults measured on held-out training
/// data, never on the development set).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggerParams {
    /// A tagger span at least this sure beats a rule entity it overlaps; below it the
    /// rule decides.
    pub confident: f32,
    /// A tagger span below this is not suggested (unless a rule agrees).
    pub min_span: f32,
    /// A rule entity the tagger calls no entity is kept while the tagger's probability of
    /// `O` on it stays below this.
    pub keep_rule: f32,
    /// Perceptron scores are margins, not log-odds: this maps them to probabilities (the
    /// softmax of score × scale).
    pub scale: f32,
    /// The same for the weakest rules (acronyms, English capitalised runs): kept only
    /// while the tagger's probability of `O` on them stays below this.
    pub keep_weak: f32,
    /// A tagger span on exactly a rule entity's words but of another type replaces it
    /// only this sure (`Joaquin Phoenix` stays a person although `Phoenix` is a city).
    pub retype: f32,
    /// A name suggested at least this sure is suggested with its type wherever its words
    /// recur in the text and nothing else is (Stanford NER's document consistency); above
    /// 1, never. 0.8 by cross-validation (English F1 0.660 → 0.675, German ±0: GermEval's
    /// sentences come from unrelated texts).
    pub propagate: f32,
    /// How many label sequences the tagger keeps while it reads (1: greedy); the model
    /// is trained with the same beam. 2 by cross-validation (German F1 0.590 → 0.602,
    /// English 0.688 → 0.692; 4: 0.597, 0.686).
    pub beam: usize,
    /// A suggestion less sure than this is not made when the tagger runs (the user's
    /// names are always sure). English's unsure names (first names, gazetteer words and
    /// linked surnames the tagger doubts) are mostly wrong. English 0.87: the lowest floor
    /// at which cross-validation by document reaches a precision of 0.75 (F1 0.678 P 0.741
    /// at 0.81, 0.673 P 0.750 at 0.87, 0.673 P 0.754 at 0.88), the precision a user should
    /// be able to trust. German 0, off.
    pub suggest_min: f32,
}

impl TaggerParams {
    /// The shipped models' parameters, chosen by 5-fold cross-validation on each
    /// language's training files (`train-ner --cv 5 --tune`): English's tagger is less
    /// sure of its unsure spans, so it needs a higher bar than German's.
    pub fn for_lang(lang: Lang) -> TaggerParams {
        match lang {
            Lang::De => TaggerParams::default(),
            Lang::En => TaggerParams {
                confident: 0.3,
                min_span: 0.8,
                keep_weak: 0.9,
                suggest_min: 0.87,
                ..TaggerParams::default()
            },
        }
    }
}

impl Default for TaggerParams {
    fn default() -> Self {
        TaggerParams {
            confident: 0.5,
            min_span: 0.5,
            keep_rule: 0.99,
            scale: 0.25,
            keep_weak: 0.9,
            retype: 0.9,
            propagate: 0.8,
            beam: 2,
            suggest_min: 0.0,
        }
    }
}

/// The models shipped in `assets/models/`, read on first use.
static SHIPPED_DE: LazyLock<Option<Arc<tagger::Model>>> = LazyLock::new(|| {
    shipped(
        "ner-de.bin",
        include_bytes!("../../../../assets/models/ner-de.bin"),
    )
});
static SHIPPED_EN: LazyLock<Option<Arc<tagger::Model>>> = LazyLock::new(|| {
    shipped(
        "ner-en.bin",
        include_bytes!("../../../../assets/models/ner-en.bin"),
    )
});

/// The model compiled in, or for developers a freshly trained one from the folder in
/// `GLOSS_NER_MODELS` (measuring a model with `ner_eval.py` then needs no rebuild).
fn shipped(name: &str, bytes: &'static [u8]) -> Option<Arc<tagger::Model>> {
    let fresh = std::env::var_os("GLOSS_NER_MODELS")
        .and_then(|dir| std::fs::read(std::path::Path::new(&dir).join(name)).ok());
    tagger::Model::from_bytes(fresh.as_deref().unwrap_or(bytes))
        .ok()
        .filter(|m| !m.is_empty())
        .map(Arc::new)
}

/// The shipped model for a language, loading it on first call (`None` if it is missing or
/// unreadable: gloss then suggests what the rules find).
pub fn shipped_model(lang: Lang) -> Option<Arc<tagger::Model>> {
    match lang {
        Lang::De => SHIPPED_DE.clone(),
        Lang::En => SHIPPED_EN.clone(),
    }
}

/// What the rules find: every candidate (for the tagger's features, when asked), the
/// entities resolved from them, and, where they differ, the entities the tagger's
/// features read instead.
type Rules<'a> = (
    Vec<Candidate<'a>>,
    Vec<Candidate<'a>>,
    Option<Vec<Candidate<'a>>>,
);

/// Which taggers an engine uses.
#[derive(Debug, Clone)]
enum Taggers {
    /// The shipped models, loaded lazily.
    Shipped,
    /// None: rules only.
    None,
    /// Given models (training, evaluation, tests).
    Given {
        de: Option<Arc<tagger::Model>>,
        en: Option<Arc<tagger::Model>>,
    },
}

/// The compiled lexicon: built once, shared behind an `Arc`.
#[derive(Debug)]
struct Engine {
    options: AnalysisOptions,
    gazetteer: Gazetteer,
    patterns: Patterns,
    cues_de: CueMatcher,
    cues_en: CueMatcher,
    taggers: Taggers,
    /// Combination parameters for every language (training, tests); `None`: each
    /// language's own ([`TaggerParams::for_lang`]).
    params: Option<TaggerParams>,
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
        let taggers = if options.rules_only {
            Taggers::None
        } else {
            Taggers::Shipped
        };
        Analyzer::build(options, taggers, None)
    }

    /// Builds the engine with the given tagger models (`None`: rules only for that
    /// language) and combination parameters.
    pub fn with_models(
        options: AnalysisOptions,
        de: Option<Arc<tagger::Model>>,
        en: Option<Arc<tagger::Model>>,
        params: TaggerParams,
    ) -> Analyzer {
        Analyzer::build(options, Taggers::Given { de, en }, Some(params))
    }

    fn build(options: AnalysisOptions, taggers: Taggers, params: Option<TaggerParams>) -> Analyzer {
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
            gazetteer: Gazetteer::bundled(),
            patterns: Patterns::new(),
            cues_de: cues(Lang::De),
            cues_en: cues(Lang::En),
            options,
            taggers,
            params,
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

    /// The tagger for a language, if the engine uses one.
    fn model(&self, lang: Lang) -> Option<Arc<tagger::Model>> {
        match &self.engine.taggers {
            Taggers::Shipped => shipped_model(lang),
            Taggers::None => None,
            Taggers::Given { de, en } => match lang {
                Lang::De => de.clone(),
                Lang::En => en.clone(),
            },
        }
    }

    fn lexicon(&self) -> tagger::Lexicon<'_> {
        tagger::Lexicon {
            patterns: &self.engine.patterns,
            gazetteer: &self.engine.gazetteer,
        }
    }

    /// What the rules find (see [`Rules`]; every candidate only when `keep_all`).
    fn rules<'a>(
        &'a self,
        body: &'a str,
        toks: &[tokens::Token],
        lang: Lang,
        learned: &'a Learned,
        keep_all: bool,
    ) -> Rules<'a> {
        let e = &*self.engine;
        let mut cands = learn::known(body, learned);
        cands.extend(e.patterns.find(body, toks, lang, &e.gazetteer));
        for hit in e.gazetteer.find(body, toks) {
            let name = &e.gazetteer.names[hit.name];
            cands.push(Candidate {
                start: hit.start,
                end: hit.end,
                label: name.label,
                canonical: Some(name.canonical),
                source: if body[hit.start..hit.end].contains(' ') {
                    Source::GazetteerLong
                } else if name.curated {
                    Source::Curated
                } else {
                    Source::Gazetteer
                },
            });
        }
        learn::drop_never(body, &mut cands, learned);
        let all = if keep_all { cands.clone() } else { Vec::new() };
        // A place at the start of an English organisation's name that its kind word ends
        // (`Stockholm International Peace Research Institute`) is part of that name, not
        // a place of its own. The tagger's features read the entities as resolved without
        // this (the models are trained on them): those are kept apart when it changes any.
        let mut read = None;
        if lang == Lang::En {
            let mut runs: Vec<(usize, usize)> = cands
                .iter()
                .filter(|c| c.source == Source::Run && c.label == "ORG")
                .map(|c| (c.start, c.end))
                .collect();
            // Runs do not overlap (the next is looked for after one ends): the one that may
            // hold a place is the last to start at or before it.
            runs.sort_unstable();
            let inside = |c: &Candidate<'_>| {
                c.source == Source::Gazetteer
                    && c.label == "LOC"
                    && runs
                        .partition_point(|r| r.0 <= c.start)
                        .checked_sub(1)
                        .is_some_and(|k| {
                            let (a, b) = runs[k];
                            c.end <= b && (a, b) != (c.start, c.end)
                        })
            };
            if cands.iter().any(inside) {
                let ents = entities::resolve(cands.clone());
                read = Some(entities::link_people(body, toks, ents));
                cands.retain(|c| !inside(c));
            }
        }
        let ents = entities::resolve(cands);
        let ents = entities::link_people(body, toks, ents);
        (all, ents, read)
    }

    /// A training example for the tagger: `text` read by the rules, with gold entity spans
    /// (byte offsets, type index into [`tagger::TYPES`]).
    pub fn training_example(
        &self,
        text: &str,
        lang: Lang,
        gold: &[(usize, usize, usize)],
    ) -> tagger::Example {
        let toks = tokens::tokenize(text);
        let learned = Learned::default();
        let (all, ents, read) = self.rules(text, &toks, lang, &learned, true);
        let seq = tagger::Sequence::new(text, &toks, lang, &all, read.as_ref().unwrap_or(&ents));
        tagger::Example::new(&seq, &self.lexicon(), tagger::gold_labels(&toks, gold))
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
        let model = self.model(lang);
        let (all, ents, read) = self.rules(body, &toks, lang, learned, model.is_some());
        let mut scores = HashMap::default();
        let params = e.params.unwrap_or_else(|| TaggerParams::for_lang(lang));
        let floor = Score::new(if model.is_some() {
            params.suggest_min
        } else {
            0.0
        });
        let ents = match &model {
            Some(m) => {
                let seq =
                    tagger::Sequence::new(body, &toks, lang, &all, read.as_ref().unwrap_or(&ents));
                let tagged = m.tag(&seq, &self.lexicon(), params.scale, params.beam);
                let combined = combine(
                    (body, &toks),
                    lang,
                    &tagged,
                    ents,
                    &e.patterns,
                    &params,
                    &mut scores,
                );
                entities::link_people(body, &toks, combined)
            }
            None => ents,
        };
        let mut ents = ents;
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
        // A name its kind word ends, of three words or more (`Stockholm International
        // Peace Research Institute`), is above the floor: the tagger seldom knows such
        // long names, and the rules rarely make them by mistake; so is the short form
        // the text gives it in brackets (`(SIPRI)`).
        // So is a listed place before a title (`US Defense Secretary`, `UK Health
        // Secretary`): the role word shows the capitalised words after it to be no name
        // the place begins, which is what the tagger doubts.
        let mut spared_end = None;
        let mut spared = |c: &Candidate<'_>| {
            let long = c.source == Source::Run && body[c.start..c.end].split(' ').count() >= 3;
            let short = matches!(c.source, Source::Linked | Source::Acronym)
                && spared_end.and_then(|end| body.get(end..c.start)) == Some(" (");
            if long {
                spared_end = Some(c.end);
            }
            let titled = lang == Lang::En
                && c.label == "LOC"
                && matches!(c.source, Source::Gazetteer | Source::Curated)
                && before_title(&body[c.end..], &e.patterns);
            long || short || titled
        };
        let entities = ents
            .into_iter()
            .map(|c| {
                let spared = spared(&c);
                let text = body[c.start..c.end].to_string();
                let s = EntitySuggestion {
                    start: w.char_at(BytePos(c.start)).0,
                    end: w.char_at(BytePos(c.end)).0,
                    canonical: c.canonical.map_or_else(|| text.clone(), str::to_string),
                    label: c.label.to_string(),
                    score: Score::new(
                        scores
                            .get(&(c.start, c.end))
                            .copied()
                            .unwrap_or_else(|| tagger::rule_score(c.source)),
                    ),
                    text,
                };
                (s, spared)
            })
            .filter(|(s, spared)| s.score >= e.options.min_score && (*spared || s.score >= floor))
            .map(|(s, _)| s)
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

/// Whether `rest` (the text after a name) goes on with a title: a space, at most two
/// capitalised words and an English role word (` Defense Secretary`, ` Secretary`).
fn before_title(rest: &str, patterns: &Patterns) -> bool {
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    for word in rest.split(' ').take(3) {
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if patterns.is_role(bare, Lang::En) {
            return true;
        }
        // Punctuation ends the phrase before any role word came.
        if bare.len() != word.len() || !word.starts_with(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// The tagger's spans and the rules' entities made one list: the user's names always win;
/// a sure tagger span beats the rule entities it overlaps, an unsure one yields to them;
/// a rule entity the tagger calls no entity stays while the tagger is not sure of that.
/// Scores of the spans kept go to `scores` by byte span.
fn combine<'a>(
    (text, toks): (&str, &[tokens::Token]),
    lang: Lang,
    tagged: &tagger::Tagged,
    rules: Vec<Candidate<'a>>,
    patterns: &Patterns,
    params: &TaggerParams,
    scores: &mut HashMap<(usize, usize), f32>,
) -> Vec<Candidate<'a>> {
    // A name ends with the dot of an abbreviation or initial (`Inc.`, `U.S.`), as the
    // data sets write them.
    let abbrev = crate::text::lexicon::abbreviations(lang);
    let span_bytes = |s: &tagger::Span| {
        let last = toks[s.last - 1];
        let w = last.text(text);
        let dot = text[last.end..].starts_with('.')
            && (abbrev.contains(w) || w.chars().count() == 1 && !w.starts_with(char::is_numeric));
        (toks[s.first].start, last.end + usize::from(dot))
    };
    let mut spans: Vec<(usize, usize, &tagger::Span)> = tagged
        .spans
        .iter()
        .map(|s| {
            let (a, b) = span_bytes(s);
            (a, b, s)
        })
        .collect();
    let mut out = Vec::with_capacity(rules.len() + spans.len());
    let mut dropped = vec![false; spans.len()];
    // Rules come in text order, so their tokens are found onward from the last ones.
    let mut at = tokens::Cursor::new(toks);
    let mut at_end = tokens::Cursor::new(toks);
    for r in rules {
        // Both lists are in text order and free of overlaps: the spans a rule meets start
        // where the spans ending after it begins do.
        let from = spans.partition_point(|s| s.1 <= r.start);
        let over: Vec<usize> = (from..spans.len())
            .take_while(|&k| spans[k].0 < r.end)
            .collect();
        let rule = tagger::rule_score(r.source);
        // The rules stay where they know better: the user's names, inflected names of
        // several words, model designations, mentions linked to a full name, and types the
        // tagger does not know.
        // A hand-curated name or an institution word (`Bundeskartellamt`) is trusted
        // unless the tagger sees it inside a longer name (`Bremen` in `Werder Bremen`).
        let trusted = matches!(
            r.source,
            Source::Learned | Source::GazetteerLong | Source::Model | Source::Linked
        ) || !matches!(r.label, "PER" | "LOC" | "ORG")
            || matches!(r.source, Source::Curated | Source::Institution)
                && over
                    .iter()
                    .all(|&k| r.start <= spans[k].0 && spans[k].1 <= r.end);
        // A German name in the genitive (`Sonys`, `Googles`) is a possessor: the word after
        // it is what it owns (`Sonys Vollformatkamera`), not more of its name.
        let possessor = lang == Lang::De
            && matches!(r.source, Source::Curated | Source::Gazetteer)
            && r.canonical.is_some_and(|n| {
                let w = &text[r.start..r.end];
                w.len() > n.len() && w.starts_with(n) && matches!(&w[n.len()..], "s" | "es")
            })
            && over.iter().all(|&k| spans[k].0 >= r.start);
        let trusted = trusted || possessor;
        // An English place the tagger reads before a role word is a title's qualifier
        // (`US Defense Secretary`): the rule's place stands, not the tagger's longer span.
        let before_role = lang == Lang::En
            && r.label == "LOC"
            && over.iter().all(|&k| {
                let last = at_end.ending_after(spans[k].1);
                spans[k].0 == r.start
                    && spans[k].1 > r.end
                    && toks
                        .get(last)
                        .is_some_and(|n| !n.after_punct && patterns.is_role(n.text(text), lang))
            });
        let trusted = trusted || before_role && !over.is_empty();
        // A tagger span inside a longer rule entity of its type is the same name cut short;
        // so is a place inside an organisation's name the rules found by its kind word
        // (`Stockholm International Peace Research Institute`).
        let wider = !over.is_empty()
            && over.iter().all(|&k| {
                let kind = tagger::TYPES[spans[k].2.kind];
                r.start <= spans[k].0
                    && spans[k].1 <= r.end
                    && (kind == r.label
                        || kind == "LOC"
                            && r.label == "ORG"
                            && matches!(r.source, Source::Run | Source::Institution)
                            && spans[k].1 - spans[k].0 < r.end - r.start)
            });
        if trusted || wider {
            if r.source != Source::Learned {
                let best = over.iter().map(|&k| spans[k].2.score).fold(rule, f32::max);
                scores.insert((r.start, r.end), best);
            }
            over.iter().for_each(|&k| dropped[k] = true);
            out.push(r);
            continue;
        }
        if over.is_empty() {
            let ab = at.range(r.start, r.end);
            let (a, b) = (ab.start, ab.end);
            let outside = tagged.outside[a..b].iter().copied().fold(0.0f32, f32::max);
            let weak = matches!(r.source, Source::Acronym | Source::Run);
            let keep = if weak {
                params.keep_weak
            } else {
                params.keep_rule
            };
            if outside < keep {
                scores.insert((r.start, r.end), rule.min(1.0 - outside).max(0.05));
                out.push(r);
            }
            continue;
        }
        let same = over.iter().copied().find(|&k| {
            spans[k].0 == r.start
                && spans[k].1 == r.end
                && tagger::TYPES[spans[k].2.kind] == r.label
        });
        let retyped = over.len() == 1
            && spans[over[0]].0 == r.start
            && spans[over[0]].1 == r.end
            && spans[over[0]].2.score < params.retype;
        if let Some(k) = same {
            dropped[k] = true;
            scores.insert((r.start, r.end), rule.max(spans[k].2.score));
            out.push(r);
        } else if retyped
            || over
                .iter()
                // A span below `min_span` is never suggested: it must not hide the rule.
                .all(|&k| spans[k].2.score < params.confident.max(params.min_span))
        {
            over.iter().for_each(|&k| dropped[k] = true);
            scores.insert((r.start, r.end), rule * 0.8);
            out.push(r);
        }
    }
    for (k, (a, b, s)) in spans.drain(..).enumerate() {
        // OTH (works, events) is learnt to keep it apart, never suggested.
        if dropped[k] || s.kind == 3 || s.score < params.min_span {
            continue;
        }
        scores.insert((a, b), s.score);
        out.push(Candidate {
            start: a,
            end: b,
            label: tagger::TYPES[s.kind],
            canonical: None,
            source: Source::Tagger,
        });
    }
    let mut out = entities::resolve(out);
    boundaries::strip_kind_words(text, toks, lang, &mut out, scores);
    boundaries::join_ellipsis(text, toks, lang, &mut out, scores);
    boundaries::strip_roles(text, toks, lang, patterns, &mut out, scores);
    boundaries::cut_possessors(text, toks, lang, patterns, &mut out, scores);
    boundaries::institution_at_place(text, toks, lang, &mut out, scores);
    if lang == Lang::En {
        let mut at = tokens::Cursor::new(toks);
        out.iter_mut()
            .for_each(|c| typed_by_kind_word(text, toks, &mut at, c));
    }
    let mut at = tokens::Cursor::new(toks);
    out.retain(|c| !not_a_name(text, toks, &mut at, lang, patterns, c));
    bracketed_short_forms(text, &mut out, scores);
    if params.propagate <= 1.0 {
        propagate(text, toks, &mut out, scores, params.propagate);
    }
    out
}

/// A name to spread: its text, its type (`None` once the text gave it two) and score.
type Known<'t, 'a> = (&'t str, Option<&'a str>, f32);

/// Document consistency: a name suggested at least `min` sure somewhere is suggested with
/// its type where its words recur on their own (a capitalised word before or after them
/// makes them part of another name). Names given two types are left alone.
fn propagate<'a>(
    text: &str,
    toks: &[tokens::Token],
    out: &mut Vec<Candidate<'a>>,
    scores: &mut HashMap<(usize, usize), f32>,
    min: f32,
) {
    // By first word: the name's text, its type and score; `None` type for two types.
    let mut names: HashMap<&str, Vec<Known<'_, 'a>>> = HashMap::default();
    let mut at = tokens::Cursor::new(toks);
    for c in out.iter() {
        let score = scores.get(&(c.start, c.end)).copied().unwrap_or(0.0);
        let name = &text[c.start..c.end];
        if score < min || !name.starts_with(char::is_uppercase) || name.chars().count() < 2 {
            continue;
        }
        let a = at.ending_after(c.start);
        let Some(first) = toks.get(a) else { continue };
        let list = names.entry(first.text(text)).or_default();
        match list.iter_mut().find(|e| e.0 == name) {
            Some(e) if e.1 != Some(c.label) => e.1 = None,
            Some(e) => e.2 = e.2.max(score),
            None => list.push((name, Some(c.label), score)),
        }
    }
    if names.is_empty() {
        return;
    }
    let mut covered = vec![false; toks.len()];
    for c in out.iter() {
        for i in at.range(c.start, c.end) {
            covered[i] = true;
        }
    }
    let cap = |i: usize| toks[i].text(text).starts_with(char::is_uppercase);
    let mut added = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A word inside a name already found starts no other.
        if covered[i] {
            i += 1;
            continue;
        }
        let Some(list) = names.get(toks[i].text(text)) else {
            i += 1;
            continue;
        };
        let start = toks[i].start;
        let hit = list.iter().find_map(|&(name, label, score)| {
            let label = label?;
            let end = start + name.len();
            // A name is a few words: counted on, not searched for in the rest of the text.
            let last = i + toks[i..].iter().take_while(|t| t.end < end).count();
            // Not the tail of a longer capitalised name, nor its head.
            let after_name = i > 0 && !toks[i].after_punct && !toks[i].initial && cap(i - 1);
            let before_name = toks
                .get(last + 1)
                .is_some_and(|n| !n.after_punct && cap(last + 1));
            let fits = toks.get(last).is_some_and(|t| t.end == end)
                && text.get(start..end) == Some(name)
                && !covered[i..=last].iter().any(|&c| c)
                && !after_name
                && !before_name;
            fits.then_some((last, end, label, score))
        });
        match hit {
            Some((last, end, label, score)) => {
                scores.insert((start, end), score * 0.9);
                added.push(Candidate {
                    start,
                    end,
                    label,
                    canonical: None,
                    source: Source::Tagger,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|c| c.start);
    }
}

/// Spans of the tagger or the weaker rules that the words around them show to be no name:
/// a German noun counted by a number (`bei 13 Siegen`), an English title word before a
/// role (`US Defense Secretary`), one word of a shouted headline (`A NIGHT FOR THE AGES`).
/// `at` is a cursor over `toks`, fastest when asked in text order.
fn not_a_name(
    text: &str,
    toks: &[tokens::Token],
    at: &mut tokens::Cursor<'_>,
    lang: Lang,
    patterns: &Patterns,
    c: &Candidate<'_>,
) -> bool {
    if matches!(
        c.source,
        Source::Learned | Source::Institution | Source::GazetteerLong | Source::Curated
    ) {
        return false;
    }
    if is_fragment(&text[c.start..c.end])
        || matches!(c.source, Source::Tagger | Source::Run)
            && boundaries::ends_in_connector(text, toks, c)
    {
        return true;
    }
    let i = at.ending_after(c.start);
    let Some(t) = toks.get(i) else {
        return false;
    };
    if t.end != c.end {
        return false;
    }
    let prev = i.checked_sub(1).map(|j| toks[j]);
    let next = toks.get(i + 1).copied();
    let word = t.text(text);
    // A technical or common acronym (`OLED`, `CPU`, `CEO`) names no organisation, however
    // the tagger reads it.
    if c.label == "ORG" && lexicon::NOT_ORG_ACRONYMS.contains(&word) {
        return true;
    }
    let counted = lang == Lang::De
        && !t.after_punct
        && prev.is_some_and(|p| p.text(text).bytes().all(|b| b.is_ascii_digit()));
    let before_role = lang == Lang::En
        && c.source == Source::Tagger
        && next.is_some_and(|n| !n.after_punct && patterns.is_role(n.text(text), lang));
    // Three letters at least: `US FBI` are two acronyms, `LOS ANGELES` is shouting.
    let shout = |w: &str| w.chars().count() >= 3 && w.chars().all(char::is_uppercase);
    let shouted = matches!(c.source, Source::Tagger | Source::Acronym | Source::Run)
        && shout(word)
        && [prev, next]
            .iter()
            .flatten()
            .any(|n| !n.after_punct && shout(n.text(text)));
    // An English word in capitals for emphasis (`the ONLINE magazine`): common in lower
    // case (one word in 100,000 or more often) and, to WordNet, no name (`WHO`, `US` and
    // `NATO` are), so no acronym.
    let emphasis = lang == Lang::En
        && matches!(c.source, Source::Tagger | Source::Acronym | Source::Run)
        && shout(word)
        && {
            let lower = word.to_lowercase();
            lexicon::WORDFREQ_EN
                .get(&lower)
                .is_some_and(|(cb, _)| cb <= 400)
                && lexicon::WORDNET_EN
                    .get(&lower)
                    .is_none_or(|s| s.named & 0x0f == 0)
        };
    // A dateline: `LONDON (Reuters) -`, `BERLIN (dpa) –`.
    let dateline = matches!(c.source, Source::Tagger | Source::Acronym | Source::Run)
        && t.initial
        && shout(word)
        && text[t.end..].trim_start().starts_with('(');
    // A credit's label (`Foto: IMAGO/…`, `Photo: Getty Images`).
    let credit = text[t.end..].starts_with(':')
        && matches!(
            word,
            "Foto"
                | "Fotos"
                | "Photo"
                | "Photos"
                | "Bild"
                | "Bilder"
                | "Quelle"
                | "Source"
                | "Grafik"
                | "Video"
                | "Credit"
                | "Credits"
                | "Illustration"
                | "Karte"
        );
    counted || before_role || shouted || emphasis || dateline || credit
}

/// An English "person" of several words the tagger or a first name found is of the kind
/// its last word names: `Hay Street` is a place, `Bell Telephone Company` an
/// organisation. A "place" of several words that ends in a [`team_word`] is a team
/// (`Pittsburgh Pirates`), unless the gazetteer or the user named it whole.
fn typed_by_kind_word(
    text: &str,
    toks: &[tokens::Token],
    at: &mut tokens::Cursor<'_>,
    c: &mut Candidate<'_>,
) {
    let person = c.label == "PER" && matches!(c.source, Source::Tagger | Source::Person);
    let place = c.label == "LOC"
        && !matches!(
            c.source,
            Source::Learned | Source::GazetteerLong | Source::Curated | Source::Institution
        );
    if !person && !place {
        return;
    }
    let words = at.range(c.start, c.end);
    if words.len() < 2 {
        return;
    }
    // The name's own last word, also when a dot closes it (`Arthur C.`).
    let word = toks[words.end - 1].text(text);
    if place {
        if team_word(word) {
            c.label = "ORG";
        }
    } else if lexicon::LOC_WORDS_EN.contains(&word) {
        c.label = "LOC";
    } else if lexicon::ORG_WORDS_EN.contains(&word) {
        c.label = "ORG";
    }
}

/// Whether a name's last word makes it a team or band, not the place it begins with
/// (`Pittsburgh Pirates`, `St. Louis Cardinals`, `Tampa Bay Devil Rays`): a capitalised
/// plural of people or animals, or one WordNet knows as part of a group's name. Plural
/// place words (`Falls`, `Heights`, `Islands`) and the ends of places' names (`Los
/// Angeles`, `United States`) are neither.
fn team_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    if !word.starts_with(char::is_uppercase)
        || !lower.ends_with('s')
        || lower.ends_with("ss")
        || lexicon::LOC_WORDS_EN.contains(&word)
    {
        return false;
    }
    let plural = lexicon::WORDNET_EN.get(&lower).unwrap_or_default();
    // Part of a place's name (`Los Angeles`, `United States`, `Niagara Falls`).
    if plural.named & 0x22 != 0 {
        return false;
    }
    let group_name = plural.named & 0x44 != 0;
    // `Hornets`, `Foxes`, `Wolves`, `Harpies`.
    let stem = |end: &str, with: &str| {
        lower
            .strip_suffix(end)
            .map_or(String::new(), |s| format!("{s}{with}"))
    };
    let singular = [
        stem("s", ""),
        stem("es", ""),
        stem("ves", "f"),
        stem("ies", "y"),
    ];
    let living = singular.iter().filter(|w| !w.is_empty()).any(|w| {
        lexicon::WORDNET_EN
            .get(w)
            // A person among its senses, or an animal first (lexicographer file 3).
            .is_some_and(|s| s.kinds & 1 != 0 || s.first == 3)
    });
    group_name || living
}

/// The short form a text defines in brackets right after a name (`Stockholm International
/// Peace Research Institute (SIPRI)`, `Bundesamt für Migration und Flüchtlinge (BAMF)`) is
/// the same body: suggested with its type and score, when its first letter is the name's.
fn bracketed_short_forms<'a>(
    text: &str,
    out: &mut Vec<Candidate<'a>>,
    scores: &mut HashMap<(usize, usize), f32>,
) {
    let mut found = Vec::new();
    for (k, c) in out.iter().enumerate() {
        let Some(rest) = text[c.end..].strip_prefix(" (") else {
            continue;
        };
        let len = rest
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
            .unwrap_or(rest.len());
        let short = &rest[..len];
        let upper = short.chars().filter(|ch| ch.is_uppercase()).count();
        if !(2..=12).contains(&len)
            || !rest[len..].starts_with(')')
            || upper < 2
            || !short.starts_with(|ch: char| ch.is_uppercase())
            || !text[c.start..].starts_with(|ch: char| short.starts_with(ch))
            || c.label == "PER"
        {
            continue;
        }
        let start = c.end + 2;
        let end = start + len;
        if out.get(k + 1).is_some_and(|n| n.start < end) {
            continue;
        }
        let score = scores.get(&(c.start, c.end)).copied().unwrap_or(0.5);
        found.push((
            k + 1,
            Candidate {
                start,
                end,
                label: c.label,
                canonical: None,
                source: Source::Linked,
            },
            score,
        ));
    }
    for (at, cand, score) in found.into_iter().rev() {
        scores.insert((cand.start, cand.end), score);
        out.insert(at, cand);
    }
}

/// A piece of a name that is no name on its own: one letter (`A`, `W.`), a short
/// abbreviation (`St.`, `Chr.`), a lower-case word (`de`, `von`) or a Roman numeral (`II`).
fn is_fragment(span: &str) -> bool {
    let letters = span.trim_end_matches('.');
    let n = letters.chars().count();
    n <= 1
        || span.ends_with('.') && n <= 3 && !letters.contains('.')
        || letters.chars().all(|c| c.is_lowercase() || c == '-')
        || n <= 4 && letters.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

#[cfg(test)]
mod tests {
    use super::candidate::cand;
    use super::*;

    #[test]
    fn a_title_after_a_place_is_found_and_other_words_are_not_one() {
        let p = Patterns::new();
        assert!(before_title(" Defense Secretary Lloyd Austin", &p));
        assert!(before_title(" Secretary Anna Berg said", &p));
        assert!(before_title(" Health Minister, Anna Berg", &p));
        assert!(!before_title(" Airport is closed", &p));
        assert!(!before_title(" Air Force Base was", &p));
        assert!(!before_title(" Defense, Secretary", &p));
        assert!(!before_title(", the secretary", &p));
        assert!(!before_title("", &p));
    }

    #[test]
    fn an_english_word_in_capitals_for_emphasis_is_no_name_and_an_acronym_is() {
        let an = Analyzer::default();
        let names = |text: &str| -> Vec<String> {
            an.suggest(text, Lang::En, &Learned::default())
                .entities
                .into_iter()
                .map(|e| e.text)
                .collect()
        };
        let found = names("The vote was close, the ONLINE magazine wrote.");
        assert!(!found.iter().any(|t| t == "ONLINE"), "{found:?}");
        let found = names("Officials at NASA and the WHO disagreed, Trelox said.");
        assert!(found.iter().any(|t| t == "NASA"), "{found:?}");
    }

    #[test]
    fn a_short_form_in_brackets_after_a_name_is_that_name() {
        let text = "laut dem Quellmark Institut für Meeresforschung (QIM) und Anna Berg (AB) \
                    sowie der Trelox Gruppe (Bericht)";
        let mut out = vec![
            cand(text, "Quellmark Institut für Meeresforschung", "ORG"),
            cand(text, "Anna Berg", "PER"),
            cand(text, "Trelox Gruppe", "ORG"),
        ];
        let mut scores = HashMap::default();
        scores.insert((out[0].start, out[0].end), 0.9);
        bracketed_short_forms(text, &mut out, &mut scores);
        let got: Vec<(&str, &str)> = out
            .iter()
            .map(|c| (&text[c.start..c.end], c.label))
            .collect();
        assert_eq!(
            got,
            [
                ("Quellmark Institut für Meeresforschung", "ORG"),
                ("QIM", "ORG"),
                ("Anna Berg", "PER"),
                ("Trelox Gruppe", "ORG"),
            ]
        );
        let q = text.find("QIM").unwrap_or(0);
        assert!((scores[&(q, q + 3)] - 0.9).abs() < 1e-6);
    }

    #[test]
    fn fragments_are_no_names() {
        for f in ["A", "W.", "St.", "Chr.", "Inc.", "de", "von", "II", "XIV"] {
            assert!(is_fragment(f), "{f}");
        }
        for n in ["EU", "UN", "Ulm", "U.S.", "Wien", "IVW", "VW", "eBay", "Xi"] {
            assert!(!is_fragment(n), "{n}");
        }
    }

    #[test]
    fn a_technical_acronym_is_no_organisation() {
        let text = "Das Telefon hat ein OLED-Display, NFC und eine CPU von AMD.";
        let toks = tokens::tokenize(text);
        let p = Patterns::new();
        let no = |name: &str, label: &'static str| {
            not_a_name(
                text,
                &toks,
                &mut tokens::Cursor::new(&toks),
                Lang::De,
                &p,
                &cand(text, name, label),
            )
        };
        assert!(no("NFC", "ORG"));
        assert!(no("CPU", "ORG"));
        assert!(!no("AMD", "ORG"));
    }

    /// The type [`typed_by_kind_word`] gives `name` (found as `label` from `source`).
    fn retyped(
        text: &str,
        toks: &[tokens::Token],
        name: &str,
        label: &'static str,
        source: Source,
    ) -> &'static str {
        let mut c = cand(text, name, label);
        c.source = source;
        typed_by_kind_word(text, toks, &mut tokens::Cursor::new(toks), &mut c);
        c.label
    }

    #[test]
    fn a_kind_word_at_the_end_types_an_english_name() {
        let text = "We met Tilda Morrow on Quillan Street near the Tilda Morrow Foundation.";
        let toks = tokens::tokenize(text);
        let typed = |name: &str, source: Source| retyped(text, &toks, name, "PER", source);
        assert_eq!(typed("Tilda Morrow", Source::Tagger), "PER");
        assert_eq!(typed("Quillan Street", Source::Tagger), "LOC");
        assert_eq!(typed("Quillan Street", Source::Person), "LOC");
        assert_eq!(typed("Tilda Morrow Foundation", Source::Tagger), "ORG");
        // The user's and the curated names keep their type.
        assert_eq!(typed("Quillan Street", Source::Learned), "PER");
        // A name closed by an initial's dot ends there, not at the word after it.
        let text = "A letter from Tilda M. Street sweepers read it.";
        let toks = tokens::tokenize(text);
        let mut c = cand(text, "Tilda M.", "PER");
        typed_by_kind_word(text, &toks, &mut tokens::Cursor::new(&toks), &mut c);
        assert_eq!(c.label, "PER");
    }

    #[test]
    fn a_place_with_a_plural_of_living_things_after_it_is_a_team() {
        let text = "The Harrowgate Wolves and the Harrowgate Falls side met in Los Angeles, \
                    the Dunmere Hornets in the United States.";
        let toks = tokens::tokenize(text);
        let typed = |name: &str, source: Source| retyped(text, &toks, name, "LOC", source);
        assert_eq!(typed("Harrowgate Wolves", Source::Tagger), "ORG");
        assert_eq!(typed("Dunmere Hornets", Source::Gazetteer), "ORG");
        // Plural place words and the ends of places' names stay places.
        assert_eq!(typed("Harrowgate Falls", Source::Tagger), "LOC");
        assert_eq!(typed("Los Angeles", Source::Tagger), "LOC");
        assert_eq!(typed("United States", Source::Tagger), "LOC");
        assert_eq!(typed("Harrowgate", Source::Tagger), "LOC");
        assert_eq!(typed("Harrowgate Wolves", Source::Learned), "LOC");
        assert_eq!(typed("Harrowgate Wolves", Source::GazetteerLong), "LOC");
    }

    #[test]
    fn a_sure_name_is_suggested_where_it_recurs_alone() {
        let text = "Die Firma Quorvex Solar baut. Quorvex Solar wächst. \
                    Die Vellmar Quorvex Solar AG nicht. Bei Trelox und Trelox.";
        let toks = tokens::tokenize(text);
        let mut out = vec![cand(text, "Quorvex Solar", "ORG")];
        let mut scores = HashMap::default();
        scores.insert((out[0].start, out[0].end), 0.95);
        // Trelox is named once unsure: not spread.
        let trelox = cand(text, "Trelox", "ORG");
        scores.insert((trelox.start, trelox.end), 0.6);
        out.push(trelox);
        out.sort_by_key(|c| c.start);
        propagate(text, &toks, &mut out, &mut scores, 0.8);
        let got: Vec<(usize, &str)> = out
            .iter()
            .map(|c| (c.start, &text[c.start..c.end]))
            .collect();
        let second = text[1..].find("Quorvex Solar wächst").map_or(0, |i| i + 1);
        assert!(got.contains(&(second, "Quorvex Solar")), "{got:?}");
        // Inside a longer capitalised run it is part of another name.
        let third = text.rfind("Quorvex").unwrap_or(0);
        assert!(!got.iter().any(|&(a, _)| a == third), "{got:?}");
        assert_eq!(got.iter().filter(|g| g.1 == "Trelox").count(), 1, "{got:?}");
        assert!(out.windows(2).all(|w| w[0].start < w[1].start));
        assert!((scores[&(second, second + 13)] - 0.855).abs() < 1e-3);
    }

    #[test]
    fn a_name_of_two_types_is_not_spread() {
        let text = "Quindt sprach. Dann Quindt AG meldete. Quindt kam. Und Quindt ging.";
        let toks = tokens::tokenize(text);
        let a = cand(text, "Quindt", "PER");
        let b_start = text.find("Quindt kam").unwrap_or(0);
        let b = Candidate {
            start: b_start,
            end: b_start + 6,
            label: "ORG",
            ..a
        };
        let mut scores = HashMap::default();
        scores.insert((a.start, a.end), 0.9);
        scores.insert((b.start, b.end), 0.9);
        let mut out = vec![a, b];
        propagate(text, &toks, &mut out, &mut scores, 0.8);
        assert_eq!(out.len(), 2);
    }
}
