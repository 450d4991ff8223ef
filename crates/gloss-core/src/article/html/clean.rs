//! Cleaning what readability extracted: page furniture, bylines and kickers out, a lead
//! paragraph it left out back in.

use dom_query::Document;

use super::extract::blocks_of;
use super::head::clean_byline;
use crate::article::{dates, text};

/// How many leading chars of a page description identify the lead paragraph.
pub(super) const LEAD_PREFIX_CHARS: usize = 60;

/// The lead paragraph (standfirst) when readability left it out: pages often set it apart
/// from the text, next to the headline, and repeat it as their description. It is taken
/// only when the page shows it as a block of its own that starts like the description.
pub(super) fn missing_lead(html: &str, description: &str, paragraphs: &[String]) -> Option<String> {
    let description = text::collapse_whitespace(description);
    if description.chars().count() < LEAD_PREFIX_CHARS {
        return None;
    }
    let prefix: String = description
        .chars()
        .take(LEAD_PREFIX_CHARS)
        .collect::<String>()
        .to_lowercase();
    if paragraphs
        .iter()
        .any(|p| p.to_lowercase().contains(&prefix))
    {
        return None;
    }
    // A description that only rewords the opening paragraph (pages write one for search
    // results) is not a lead the text lacks; taking it would say the same thing twice.
    if paragraphs.iter().take(3).any(|p| restates(&description, p)) {
        return None;
    }
    let doc = Document::from(html);
    let body = doc.body()?;
    blocks_of(&body)
        .into_iter()
        .find(|b| b.to_lowercase().starts_with(&prefix))
}

/// Whether most of `summary`'s distinct words (at least [`RESTATED_SHARE`]) are in `paragraph`.
fn restates(summary: &str, paragraph: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let summary = words(summary);
    if summary.is_empty() {
        return false;
    }
    let paragraph = words(paragraph);
    let shared = summary.intersection(&paragraph).count();
    shared as f64 >= RESTATED_SHARE * summary.len() as f64
}

/// The share of a description's words an opening paragraph must have to restate it.
const RESTATED_SHARE: f64 = 0.6;

/// Removes cross-references to other pages: a paragraph or list item that is one link and
/// nothing else, whose text starts with a short label and a colon (`Related: …`, `Lesen Sie
/// auch: …`, `Watch: …`). The markup says it leads away from the article; a label that
/// is a sentence of the article would not be the whole text of a link.
pub(super) fn drop_cross_references(doc: &Document) {
    let teasers: Vec<_> = doc
        .select("p, li")
        .iter()
        .filter(|block| {
            let links = block.select("a");
            if links.length() != 1 {
                return false;
            }
            let own = text::collapse_whitespace(&block.text());
            own == text::collapse_whitespace(&links.text()) && is_labelled_teaser(&own)
        })
        .collect();
    for teaser in teasers {
        teaser.remove();
    }
}

/// Whether `text` reads `Label: words…` with a label of one to three words.
fn is_labelled_teaser(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    let label_words = label.split_whitespace().count();
    (1..=3).contains(&label_words)
        && label.chars().count() <= 30
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && rest.split_whitespace().count() >= 2
}

/// Drops page furniture that readability keeps with the text: reading-time notes, "related"
/// and "advertisement" labels, and labels left dangling at the end ("More from us:").
pub(super) fn drop_furniture(paragraphs: &mut Vec<String>) {
    const LABELS: &[&str] = &[
        "advertisement",
        "anzeige",
        "werbung",
        "related coverage",
        "related articles",
        "related stories",
        "read more",
        "mehr zum thema",
        "weiterlesen",
        "mehr anzeigen",
        "mehr lesen",
        "show more",
        "continue reading",
        "share",
        "share this article",
        "teilen",
        "artikel teilen",
        "most read",
        "meistgelesen",
    ];
    let is_furniture = |p: &String| {
        if p.chars().count() > 40 {
            return false;
        }
        let l = p.to_lowercase();
        let l = l.trim_end_matches([':', '.', ' ']);
        LABELS.contains(&l)
            || l.ends_with("min read")
            || l.ends_with("minute read")
            || l.ends_with("minutes read")
            || l.starts_with("lesezeit")
            || l.ends_with("min. lesezeit")
            || l.ends_with("min lesezeit")
    };
    // Photo credits and text that is no prose: a lone punctuation mark, or one "word" too
    // long to be one (class names and tracking ids that leaked into the page text).
    let is_debris = |p: &String| {
        let l = p.to_lowercase();
        let credit = p.chars().count() <= 80
            && [
                "(bild", "(foto", "(photo", "(image", "bild:", "foto:", "photo:", "image:", "©",
                "(©",
            ]
            .iter()
            .any(|c| l.starts_with(c));
        let no_words = !p.chars().any(char::is_alphanumeric);
        let one_long_token = !p.contains(' ') && p.chars().count() >= 40;
        credit || no_words || one_long_token
    };
    if paragraphs.len() > 1 {
        paragraphs.retain(|p| !is_furniture(p) && !is_debris(p));
    }
    for p in paragraphs.iter_mut() {
        drop_ui_instructions(p);
    }
    paragraphs.retain(|p| !p.is_empty());
    while paragraphs.len() > 1
        && paragraphs
            .last()
            .is_some_and(|p| p.ends_with(':') && p.chars().count() <= 60)
    {
        paragraphs.pop();
    }
}

/// Removes the sentences of a paragraph that tell the reader to work the page ("Zum
/// Vergrößern auf das Bild klicken.", "Click here to subscribe."): short ones whose verb
/// is a pointer's or a finger's. They are the page's, not the article's.
fn drop_ui_instructions(p: &mut String) {
    const POINTER_VERBS: &[&str] = &[
        "click", "klicken", "klick", "tap", "tippen", "antippen", "swipe", "wischen",
    ];
    if !POINTER_VERBS.iter().any(|v| p.to_lowercase().contains(v)) {
        return;
    }
    let sentences: Vec<&str> = p.split_inclusive(['.', '!']).collect();
    let kept: Vec<&str> = sentences
        .iter()
        .copied()
        .filter(|s| {
            let words: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            !(words.len() <= 8 && words.iter().any(|w| POINTER_VERBS.contains(&w.as_str())))
        })
        .collect();
    if kept.len() != sentences.len() {
        *p = kept.concat().trim().to_string();
    }
}

/// Removes a byline line ("Von Erika Muster", "By Jane Roe · 6 May 2025") near the top:
/// it is metadata, shown as such.
pub(super) fn drop_byline_lines(paragraphs: &mut Vec<String>, author: &str) {
    let author = author.to_lowercase();
    let at = paragraphs.iter().take(4).position(|p| {
        let lower = p.to_lowercase();
        let introduced = ["by ", "von "].iter().any(|w| lower.starts_with(w));
        p.chars().count() <= 100
            && clean_byline(p).is_some_and(|b| {
                let b = b.to_lowercase();
                b == author || (introduced && b.starts_with(&author))
            })
    });
    if let Some(i) = at
        && paragraphs.len() > 1
    {
        paragraphs.remove(i);
    }
}

/// Removes a line near the top that reads as a byline ("Von A, B und C, NDR", "By Jane
/// Roe and John Doe") and returns the names. A sentence that happens to start with "By"
/// ends with punctuation or goes on with a number or a lowercase word, so it stays.
pub(super) fn take_byline_line(paragraphs: &mut Vec<String>) -> Option<String> {
    if paragraphs.len() < 2 {
        return None;
    }
    let at = paragraphs.iter().take(4).position(|p| {
        let rest = ["Von ", "By ", "VON ", "BY "]
            .iter()
            .find_map(|w| p.strip_prefix(w));
        rest.is_some_and(|r| {
            p.chars().count() <= 100
                && r.chars().next().is_some_and(char::is_uppercase)
                && !p.ends_with(['.', '!', '?', ':', ';'])
        })
    })?;
    let line = paragraphs.remove(at);
    clean_byline(&line)
}

/// Removes kickers and date lines above the text: one to three words without punctuation
/// before the first real paragraph ("Tarifkonflikt", "Analysis", "6. Mai 2025, 7:45 Uhr").
pub(super) fn drop_kickers(paragraphs: &mut Vec<String>) {
    let is_kicker = |p: &String| {
        dates::parse_date_line(p).is_some()
            || p.split(' ').count() <= 3
                && p.chars().count() <= 40
                && !p.ends_with(['.', '!', '?', ':', '"', '“', '”'])
    };
    let leading = paragraphs.iter().take_while(|p| is_kicker(p)).count();
    if leading > 0 && leading <= 2 && paragraphs.len() > leading {
        paragraphs.drain(..leading);
    }
}
