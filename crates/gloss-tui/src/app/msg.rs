//! The messages `update` takes and the effects it asks the runner for.

use super::*;
use gloss_core::text::Body;

/// An article ready for the reader: parsed, analysed, merged with the store.
#[derive(Debug)]
pub struct Opened {
    /// The parsed article.
    pub article: Article,
    /// Its body and the one char↔byte index every layer uses for it, built once by the
    /// runner (suggestions, re-anchoring and the reader share it).
    pub body: std::sync::Arc<Body>,
    /// What the store holds for it (record, read-only reason).
    pub loaded: Loaded,
    /// Saved annotations merged with the suggestions.
    pub anns: Vec<Annotation>,
    /// Annotation id → canonical entity name.
    pub canonical: HashMap<String, String>,
    /// Why the whole store is read-only, if it is.
    pub store_read_only: Option<String>,
    /// The suggestions are still being computed and follow in [`Msg::Suggested`] (large
    /// articles show their text first).
    pub more_coming: bool,
}

/// Suggestions for an article opened without them (see [`Opened::more_coming`]).
#[derive(Debug)]
pub struct Suggested {
    /// The article they belong to.
    pub path: PathBuf,
    /// New suggestions (annotations not in the store).
    pub anns: Vec<Annotation>,
    /// Annotation id → canonical entity name, for these suggestions.
    pub canonical: HashMap<String, String>,
}

/// Something that happened: input, or the result of an effect or a background job.
#[derive(Debug)]
pub enum Msg {
    /// The time and the seed of fresh ids for the messages that follow: the runtime sends
    /// one before each input, so `update` reads no clock and draws no random number.
    Stamp(Stamp),
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse did something.
    Mouse(MouseEvent),
    /// The screen has a new size.
    Resize(u16, u16),
    /// The folder was scanned.
    Scanned(Scan),
    /// The folder was scanned and is as the index listed it last time (every file
    /// unchanged, none added or removed): every article with its metadata, newest first,
    /// and what the scan skipped. [`Msg::MetaDone`] follows; no metadata is read.
    Listed(Vec<(PathBuf, Meta)>, Vec<(PathBuf, String)>),
    /// Metadata of some articles arrived (or why it could not be read).
    Metas(Vec<(PathBuf, Result<Meta, String>)>),
    /// All metadata has been read.
    MetaDone,
    /// An article was opened.
    Opened(Box<Opened>),
    /// The suggestions of an article opened with its text first.
    Suggested(Box<Suggested>),
    /// An article could not be opened.
    OpenFailed(PathBuf, String),
    /// A save of this record finished, or failed.
    Saved(
        Box<gloss_core::annotation::ArticleRecord>,
        Result<(), String>,
    ),
    /// A change to the never-suggest list ([`Effect::NeverSuggest`] or
    /// [`Effect::AllowSuggest`], the effect given) was written, or failed.
    NeverWritten(Effect, Result<(), String>),
    /// The store, read-only because another gloss held it, is writable now.
    StoreWritable,
    /// An export was written (its path), or failed.
    Exported(Result<PathBuf, String>),
    /// Opening a URL or copying to the clipboard failed (why).
    OutsideFailed(String),
    /// The saved reading positions of the folder's articles (char offsets).
    Positions(std::collections::BTreeMap<PathBuf, usize>),
    /// How many saved annotations each of the folder's articles has (those without any
    /// are left out).
    Annotated(HashMap<PathBuf, usize>),
    /// Results of a search across all articles (the query), or why it failed.
    CorpusResults(super::CorpusAsk, Result<Vec<super::CorpusHit>, String>),
    /// The corpus index is being brought up to date: articles done, articles in all.
    Indexing(usize, usize),
    /// The corpus index is current (with what the user should know about it, if
    /// anything: rebuilt, bypassed), or could not be updated.
    Indexed(Result<Option<String>, String>),
}

/// Work for the runtime to do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the metadata of these files in the background.
    LoadMeta(Vec<PathBuf>),
    /// Open (parse, analyse, load annotations of) an article.
    Open(PathBuf),
    /// Write an article's annotations to the store.
    Save(gloss_core::annotation::ArticleRecord),
    /// Never suggest this text as this type again.
    NeverSuggest {
        /// The text.
        text: String,
        /// The entity type.
        label: String,
    },
    /// Take this text as this type off the never-suggest list (undoing a never-suggest).
    AllowSuggest {
        /// The text.
        text: String,
        /// The entity type.
        label: String,
    },
    /// Write the export of the folder to a file.
    Export(PathBuf),
    /// Open this web address with the system's opener (never done in `update`).
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52, written by gloss to the terminal).
    Copy(String),
    /// Remember where the reader is in this article (char offset).
    SavePosition(PathBuf, usize),
    /// Ask the corpus index about every article under `root`.
    CorpusSearch {
        /// The folder.
        root: PathBuf,
        /// The question.
        ask: super::CorpusAsk,
    },
}
