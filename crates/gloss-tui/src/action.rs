//! What a key can do. Every action is declared once, here: its config name (snake_case),
//! its help text and its place in the help list all come from this enum through `strum`,
//! so a new action cannot be missing from help or config.

use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumMessage, EnumString, IntoEnumIterator, IntoStaticStr};

/// One thing the user can ask for. The declaration order is the order help lists them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    EnumIter,
    EnumString,
    IntoStaticStr,
    EnumMessage,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// One line (or item) down.
    #[strum(message = "down one line / item")]
    Down,
    /// One line (or item) up.
    #[strum(message = "up one line / item")]
    Up,
    /// Half a page down.
    #[strum(message = "half page down")]
    HalfPageDown,
    /// Half a page up.
    #[strum(message = "half page up")]
    HalfPageUp,
    /// A page down.
    #[strum(message = "page down")]
    PageDown,
    /// A page up.
    #[strum(message = "page up")]
    PageUp,
    /// To the top.
    #[strum(message = "top")]
    Top,
    /// To the bottom.
    #[strum(message = "bottom")]
    Bottom,
    /// To the start of the next paragraph.
    #[strum(message = "next paragraph")]
    NextParagraph,
    /// To the start of the previous paragraph.
    #[strum(message = "previous paragraph")]
    PrevParagraph,
    /// Focus the next pane (list → reader → side panel).
    #[strum(message = "next pane")]
    FocusNext,
    /// Focus the previous pane.
    #[strum(message = "previous pane")]
    FocusPrev,
    /// Open the article, or jump to the annotation.
    #[strum(message = "open article / jump to annotation")]
    Open,
    /// Type a search.
    #[strum(message = "search")]
    Search,
    /// Search across every article (the corpus index).
    #[strum(message = "search all articles")]
    CorpusSearch,
    /// Entity: every article naming it; claim: the same claim in other articles.
    #[strum(message = "entity / claim across articles")]
    CorpusView,
    /// Every claim of the selected claim's speaker, across articles.
    #[strum(message = "speaker across articles")]
    SpeakerView,
    /// Next search match.
    #[strum(message = "next match")]
    SearchNext,
    /// Previous search match.
    #[strum(message = "previous match")]
    SearchPrev,
    /// Select the next annotation.
    #[strum(message = "next annotation")]
    NextAnnotation,
    /// Select the previous annotation.
    #[strum(message = "previous annotation")]
    PrevAnnotation,
    /// Accept the selected annotation.
    #[strum(message = "accept")]
    Accept,
    /// Reject the selected annotation.
    #[strum(message = "reject")]
    Reject,
    /// Accept every mention of the selected entity.
    #[strum(message = "accept every mention")]
    AcceptAll,
    /// Reject every mention of the selected entity.
    #[strum(message = "reject every mention")]
    RejectAll,
    /// Never suggest the selected text as this type again.
    #[strum(message = "never suggest this again")]
    NeverSuggest,
    /// Tag the selected annotation (picker).
    #[strum(message = "tag")]
    Tag,
    /// Edit the note of the selected annotation.
    #[strum(message = "edit note")]
    Note,
    /// Change the type of the selected entity (picker).
    #[strum(message = "change entity type")]
    ChangeType,
    /// Set the speaker of the selected claim.
    #[strum(message = "set claim speaker")]
    Speaker,
    /// Delete the selected annotation (manual ones only).
    #[strum(message = "delete manual annotation")]
    Delete,
    /// Of two versions a merge kept (flagged `!`), keep the selected one, drop the other.
    #[strum(message = "keep this version of a conflict")]
    TakeVersion,
    /// Review the article's merge conflicts: both versions side by side.
    #[strum(message = "review merge conflicts side by side")]
    Review,
    /// In review: keep the left version, drop the right one.
    #[strum(message = "keep the left version")]
    TakeLeft,
    /// In review: keep the right version, drop the left one.
    #[strum(message = "keep the right version")]
    TakeRight,
    /// Cycle the side panel filter.
    #[strum(message = "cycle panel filter")]
    Filter,
    /// Order the side panel's entities by score or by position.
    #[strum(message = "sort panel by score")]
    SortPanel,
    /// In the article list: filter it as you type (title words; `lang:de`, `section:…`,
    /// `is:annotated`, `not:annotated`, `is:unread`, `is:read`).
    #[strum(message = "filter the list: title, lang: section: is:")]
    ListFilter,
    /// In the article list: all, annotated, not annotated, unread, in turn.
    #[strum(message = "list: all / annotated / not annotated / unread")]
    ListWhich,
    /// In the article list: each language in turn, then all.
    #[strum(message = "list: cycle the language shown")]
    ListLang,
    /// In the article list: newest first, by title, most annotated, in turn.
    #[strum(message = "sort list: date / title / annotations")]
    ListSort,
    /// Cursor to the next word.
    #[strum(message = "next word")]
    WordNext,
    /// Cursor to the previous word.
    #[strum(message = "previous word")]
    WordPrev,
    /// Cursor to the next sentence.
    #[strum(message = "next sentence")]
    SentenceNext,
    /// Cursor to the previous sentence.
    #[strum(message = "previous sentence")]
    SentencePrev,
    /// Start selecting text (visual mode).
    #[strum(message = "select text (visual)")]
    Visual,
    /// Mark the selection as an entity (type picker).
    #[strum(message = "mark selection as entity")]
    MarkEntity,
    /// Mark the selection as a claim.
    #[strum(message = "mark selection as claim")]
    MarkClaim,
    /// Undo the last change.
    #[strum(message = "undo")]
    Undo,
    /// Redo the last undone change.
    #[strum(message = "redo")]
    Redo,
    /// Write what is not saved yet (every change saves at once; this retries a failed save).
    #[strum(message = "save now (retry a failed save)")]
    Save,
    /// Write the export of the folder to a file.
    #[strum(message = "export folder to a file")]
    Export,
    /// Open the article's URL (from its metadata) with the system's opener.
    #[strum(message = "open the article's URL in the browser")]
    OpenUrl,
    /// Copy the selected annotation's quote and its source line to the clipboard.
    #[strum(message = "copy quote with title, date, URL")]
    Copy,
    /// Take the text or the highlighted choice.
    #[strum(message = "save / take")]
    Submit,
    /// Start a new line in the note.
    #[strum(message = "new line")]
    NewLine,
    /// Cursor one character left.
    #[strum(message = "left one character")]
    CharPrev,
    /// Cursor one character right.
    #[strum(message = "right one character")]
    CharNext,
    /// Cursor to the start of the line.
    #[strum(message = "start of line")]
    LineStart,
    /// Cursor to the end of the line.
    #[strum(message = "end of line")]
    LineEnd,
    /// Delete the character before the cursor.
    #[strum(message = "delete character before")]
    DeleteBack,
    /// Delete the character under the cursor.
    #[strum(message = "delete character under")]
    DeleteForward,
    /// Delete the word before the cursor.
    #[strum(message = "delete word before")]
    DeleteWordBack,
    /// Delete to the start of the line (clears a picker's filter).
    #[strum(message = "delete to line start")]
    DeleteToLineStart,
    /// Delete to the end of the line.
    #[strum(message = "delete to line end")]
    DeleteToLineEnd,
    /// Show the keys of the current mode.
    #[strum(message = "help")]
    Help,
    /// Leave the current mode or close the overlay.
    #[strum(message = "cancel / back")]
    Cancel,
    /// Leave gloss.
    #[strum(message = "quit")]
    Quit,
}

impl Action {
    /// Every action, in the order help lists them.
    pub fn all() -> impl Iterator<Item = Action> {
        Action::iter()
    }

    /// The config name (`half_page_down`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// What it does, for the help overlay.
    pub fn describe(self) -> &'static str {
        self.get_message().unwrap_or_else(|| self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::all() {
            assert_eq!(Action::from_name(a.name()), Some(a), "{a:?}");
        }
        assert_eq!(Action::HalfPageDown.name(), "half_page_down");
        assert_eq!(Action::from_name("no_such"), None);
    }

    #[test]
    fn serde_and_strum_agree_on_names() {
        for a in Action::all() {
            let json = serde_json::to_value(a).unwrap();
            assert_eq!(json.as_str(), Some(a.name()), "{a:?}");
        }
    }

    #[test]
    fn every_action_has_help_text() {
        for a in Action::all() {
            assert!(a.get_message().is_some_and(|m| !m.is_empty()), "{a:?}");
        }
    }
}
