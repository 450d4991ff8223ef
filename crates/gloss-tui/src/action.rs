//! What a key can do. The keymap in the config names these in snake_case, so a binding is
//! data, not code.

use serde::{Deserialize, Serialize};

/// One thing the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave gloss.
    Quit,
    /// Show the keys of the current mode.
    Help,
    /// Focus the next pane (list → reader → side panel).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// One line (or item) down.
    Down,
    /// One line (or item) up.
    Up,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// To the start of the next paragraph.
    NextParagraph,
    /// To the start of the previous paragraph.
    PrevParagraph,
    /// Open the article, or jump to the annotation.
    Open,
    /// Type a search.
    Search,
    /// Next search match.
    SearchNext,
    /// Previous search match.
    SearchPrev,
    /// Select the next annotation.
    NextAnnotation,
    /// Select the previous annotation.
    PrevAnnotation,
    /// Accept the selected annotation.
    Accept,
    /// Reject the selected annotation.
    Reject,
    /// Accept every mention of the selected entity.
    AcceptAll,
    /// Reject every mention of the selected entity.
    RejectAll,
    /// Never suggest the selected text as this type again.
    NeverSuggest,
    /// Tag the selected annotation (picker).
    Tag,
    /// Edit the note of the selected annotation.
    Note,
    /// Change the type of the selected entity (picker).
    ChangeType,
    /// Set the speaker of the selected claim.
    Speaker,
    /// Delete the selected annotation (manual ones only).
    Delete,
    /// Cycle the side panel filter.
    Filter,
    /// Write the export of the folder to a file.
    Export,
    /// Cursor to the next word.
    WordNext,
    /// Cursor to the previous word.
    WordPrev,
    /// Cursor to the next sentence.
    SentenceNext,
    /// Cursor to the previous sentence.
    SentencePrev,
    /// Start selecting text (visual mode).
    Visual,
    /// Mark the selection as an entity (type picker).
    MarkEntity,
    /// Mark the selection as a claim.
    MarkClaim,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Leave the current mode or close the overlay.
    Cancel,
}

impl Action {
    /// Every action, in the order help lists them.
    pub const ALL: &'static [Action] = &[
        Action::Down,
        Action::Up,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::NextParagraph,
        Action::PrevParagraph,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Open,
        Action::Search,
        Action::SearchNext,
        Action::SearchPrev,
        Action::NextAnnotation,
        Action::PrevAnnotation,
        Action::Accept,
        Action::Reject,
        Action::AcceptAll,
        Action::RejectAll,
        Action::NeverSuggest,
        Action::Tag,
        Action::Note,
        Action::ChangeType,
        Action::Speaker,
        Action::Delete,
        Action::Filter,
        Action::WordNext,
        Action::WordPrev,
        Action::SentenceNext,
        Action::SentencePrev,
        Action::Visual,
        Action::MarkEntity,
        Action::MarkClaim,
        Action::Undo,
        Action::Redo,
        Action::Export,
        Action::Help,
        Action::Cancel,
        Action::Quit,
    ];

    /// The config name (`half_page_down`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// What it does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Down => "down one line / item",
            Action::Up => "up one line / item",
            Action::HalfPageDown => "half page down",
            Action::HalfPageUp => "half page up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextParagraph => "next paragraph",
            Action::PrevParagraph => "previous paragraph",
            Action::Open => "open article / jump to annotation",
            Action::Search => "search",
            Action::SearchNext => "next match",
            Action::SearchPrev => "previous match",
            Action::NextAnnotation => "next annotation",
            Action::PrevAnnotation => "previous annotation",
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::AcceptAll => "accept every mention",
            Action::RejectAll => "reject every mention",
            Action::NeverSuggest => "never suggest this again",
            Action::Tag => "tag",
            Action::Note => "edit note",
            Action::ChangeType => "change entity type",
            Action::Speaker => "set claim speaker",
            Action::Delete => "delete manual annotation",
            Action::Filter => "cycle panel filter",
            Action::Export => "export folder to a file",
            Action::WordNext => "next word",
            Action::WordPrev => "previous word",
            Action::SentenceNext => "next sentence",
            Action::SentencePrev => "previous sentence",
            Action::Visual => "select text (visual)",
            Action::MarkEntity => "mark selection as entity",
            Action::MarkClaim => "mark selection as claim",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Cancel => "cancel / back",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(&a.name()), Some(*a), "{a:?}");
        }
        assert_eq!(Action::HalfPageDown.name(), "half_page_down");
        assert_eq!(Action::from_name("no_such"), None);
    }
}
