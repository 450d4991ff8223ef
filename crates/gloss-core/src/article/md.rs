//! `.md` articles: front matter, then Markdown whose blocks become paragraphs.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{ArticleError, Parsed, front_matter, text};

/// Parses a Markdown article.
pub fn parse(path: &Path, source: &str) -> Result<Parsed, ArticleError> {
    let split = front_matter::split(path, source)?;
    let mut parsed = Parsed::default();
    if let Some(fm) = split.front {
        parsed.apply_front_matter(fm);
    }
    let blocks = markdown_blocks(split.rest);
    let mut paragraphs: Vec<String> = blocks.iter().map(|b| b.text.clone()).collect();
    // A leading top-level heading is the title: taken as the title when none was given,
    // dropped as a repeat when it equals the given one.
    if let Some(first) = blocks.first()
        && first.h1
        && blocks.len() > 1
    {
        match &parsed.title {
            None => {
                parsed.title = Some(first.text.clone());
                paragraphs.remove(0);
            }
            Some(t) if t.to_lowercase() == first.text.to_lowercase() => {
                paragraphs.remove(0);
            }
            Some(_) => {}
        }
    }
    if parsed.title.is_none() {
        parsed.title = blocks.iter().find(|b| b.heading).map(|b| b.text.clone());
    }
    parsed.paragraphs = paragraphs;
    Ok(parsed)
}

/// One block of Markdown as plain text.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    text: String,
    heading: bool,
    h1: bool,
}

/// The plain text of each block (heading, paragraph, list item, code block, table row):
/// inline markup removed, links keep their text, images and raw HTML dropped.
fn markdown_blocks(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut in_image = 0usize;
    let mut html_block: Option<String> = None;
    let flush = |buf: &mut String, heading: Option<HeadingLevel>, out: &mut Vec<Block>| {
        let t = text::collapse_whitespace(buf);
        buf.clear();
        if !t.is_empty() {
            out.push(Block {
                text: t,
                heading: heading.is_some(),
                h1: heading == Some(HeadingLevel::H1),
            });
        }
    };
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    flush(&mut buf, None, &mut out);
                    heading = Some(level);
                }
                Tag::Paragraph
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::TableRow
                | Tag::TableHead
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_) => flush(&mut buf, None, &mut out),
                Tag::TableCell => buf.push(' '),
                Tag::Image { .. } => in_image += 1,
                Tag::HtmlBlock => {
                    flush(&mut buf, None, &mut out);
                    html_block = Some(String::new());
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    flush(&mut buf, heading, &mut out);
                    heading = None;
                }
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition => flush(&mut buf, None, &mut out),
                TagEnd::Image => in_image = in_image.saturating_sub(1),
                TagEnd::HtmlBlock => {
                    // Raw HTML in Markdown is still text the author wrote: keep its words.
                    if let Some(html) = html_block.take() {
                        let doc = dom_query::Document::fragment(html);
                        out.extend(super::html::blocks_of(&doc.root()).into_iter().map(|text| {
                            Block {
                                text,
                                heading: false,
                                h1: false,
                            }
                        }));
                    }
                }
                _ => {}
            },
            Event::Html(h) => {
                if let Some(block) = html_block.as_mut() {
                    block.push_str(&h);
                }
            }
            Event::Text(t) | Event::Code(t) if in_image == 0 => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, heading, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn texts(src: &str) -> Vec<String> {
        markdown_blocks(src).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blocks_become_paragraphs_without_markup() {
        let src = "# Title\n\nSome *emph* and **strong** with a [link](http://x.y) and `code`.\nSecond line.\n\n- item one\n- item **two**\n\n> quoted\n> text\n\n## Sub\n\n![alt text](img.png) After image.\n\n<div>raw <b>html</b> text<script>x()</script></div>\n";
        assert_eq!(
            texts(src),
            vec![
                "Title",
                "Some emph and strong with a link and code. Second line.",
                "item one",
                "item two",
                "quoted text",
                "Sub",
                "After image.",
                "raw html text",
            ]
        );
    }

    #[test]
    fn nested_and_loose_lists() {
        let src = "1. first\n\n   still first\n2. second\n   - nested\n";
        assert_eq!(texts(src), vec!["first", "still first", "second", "nested"]);
    }

    #[test]
    fn title_from_leading_h1_is_not_repeated_in_the_body() {
        let p = parse(
            Path::new("a.md"),
            "# Der Titel\n\nText eins.\n\nText zwei.\n",
        )
        .unwrap();
        assert_eq!(p.title.as_deref(), Some("Der Titel"));
        assert_eq!(p.paragraphs, vec!["Text eins.", "Text zwei."]);
    }

    #[test]
    fn front_matter_title_wins_and_drops_the_repeat() {
        let src = "---\ntitle: Der Titel\ndate: 2024-06-01\nsection: Kultur\n---\n\n# Der Titel\n\nText.\n";
        let p = parse(Path::new("a.md"), src).unwrap();
        assert_eq!(p.title.as_deref(), Some("Der Titel"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 6, 1));
        assert_eq!(p.section.as_deref(), Some("Kultur"));
        assert_eq!(p.paragraphs, vec!["Text."]);
    }

    #[test]
    fn toml_front_matter_in_markdown() {
        let src = "+++\ntitle = \"T\"\nlang = \"en\"\n+++\nBody *here*.\n";
        let p = parse(Path::new("a.md"), src).unwrap();
        assert_eq!(p.title.as_deref(), Some("T"));
        assert_eq!(p.lang, Some(crate::article::Lang::En));
        assert_eq!(p.paragraphs, vec!["Body here."]);
    }

    #[test]
    fn a_markdown_rule_at_the_top_is_not_front_matter() {
        let p = parse(Path::new("a.md"), "---\n\nJust text.\n").unwrap();
        assert_eq!(p.paragraphs, vec!["Just text."]);
    }

    #[test]
    fn front_matter_error_names_file_and_line() {
        let err = parse(Path::new("a.md"), "---\ntitle: T\noops\n---\nx\n").unwrap_err();
        assert!(err.to_string().starts_with("a.md:3: front matter"), "{err}");
    }
}
