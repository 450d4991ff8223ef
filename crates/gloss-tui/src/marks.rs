//! The marks the panel shows before each row, and what each means: one list for the
//! panel's glyphs and the legend in help, so the two cannot drift apart.

use ratatui::style::Color;

/// One mark: its glyph, its colour, and its one meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The glyph in the panel.
    pub glyph: &'static str,
    /// Its colour.
    pub color: Color,
    /// What it means, for the legend.
    pub meaning: &'static str,
}

/// Not decided yet.
pub const SUGGESTED: Mark = Mark {
    glyph: "·",
    color: Color::Gray,
    meaning: "suggested, not decided yet",
};
/// Accepted (every mention of a group).
pub const ACCEPTED: Mark = Mark {
    glyph: "✓",
    color: Color::LightGreen,
    meaning: "accepted (every mention)",
};
/// Rejected (every mention of a group).
pub const REJECTED: Mark = Mark {
    glyph: "✗",
    color: Color::LightRed,
    meaning: "rejected (every mention)",
};
/// Some mentions of a group decided, not all.
pub const PARTLY: Mark = Mark {
    glyph: "◐",
    color: Color::Yellow,
    meaning: "some mentions decided, not all",
};
/// The text was not found again after the article changed.
pub const ORPHANED: Mark = Mark {
    glyph: "?",
    color: Color::LightRed,
    meaning: "orphaned: its text is no longer in the article",
};

/// Found again, but its wording changed since it was annotated (`changed_from`); `a`
/// takes the new wording.
pub const CHANGED: Mark = Mark {
    glyph: "≠",
    color: Color::LightMagenta,
    meaning: "changed: its quote differs from what was annotated (a takes the new text)",
};
/// A change on screen the store does not hold yet (its save failed; `<C-s>` retries).
pub const UNSAVED: Mark = Mark {
    glyph: "*",
    color: Color::LightRed,
    meaning: "not saved yet: the write failed and is retried",
};

/// Two versions kept by a merge (or `gloss agree --review`) wait for the user to take one
/// (`R` opens the review).
pub const CONFLICT: Mark = Mark {
    glyph: "!",
    color: Color::LightMagenta,
    meaning: "merge conflict: two versions kept, R to review and take one",
};

/// Every mark, in the legend's order. A new mark goes here, and help shows it.
pub const ALL: &[Mark] = &[
    SUGGESTED, ACCEPTED, REJECTED, PARTLY, ORPHANED, CHANGED, UNSAVED, CONFLICT,
];

/// An article never opened (no reading position), in the article list.
pub const UNREAD: Mark = Mark {
    glyph: "•",
    color: Color::LightBlue,
    meaning: "unread: never opened",
};

/// An article with saved annotations, and how many, in the article list.
pub const ANNOTATED: Mark = Mark {
    glyph: "✎",
    color: Color::Yellow,
    meaning: "annotated: how many annotations are saved",
};

/// The article list's marks, in the legend's order.
pub const LIST: &[Mark] = &[UNREAD, ANNOTATED];

/// Lines the legend adds to help: a blank line, a heading, one line per mark, and one for
/// the manual style; then a blank line, a heading and the list's marks.
pub fn legend_len() -> usize {
    ALL.len() + 3 + LIST.len() + 2
}
