//! `.md` articles: front matter, then Markdown whose blocks become paragraphs.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{ArticleError, Parsed, front_matter, text};

/// Parses a Markdown article.
pub fn parse(path: &Path, source: &str) -> Result<Parsed, ArticleError> {
    let split = front_matter::split(path, source)?;
    Ok(parse_rest(split.front, split.rest))
}

/// [`parse`] for the list's metadata: the same metadata, from as little of the text as
/// gives it for sure. With a title and a language in the front matter, the text is not
/// parsed at all; otherwise it is cut at a paragraph break past
/// [`super::txt::META_CUT_BYTES`] where nothing before the cut can depend on what
/// follows ([`meta_cut`]), and the cut is kept when it holds the title and more text
/// than language detection reads.
pub fn parse_meta(path: &Path, source: &str) -> Result<Parsed, ArticleError> {
    let split = front_matter::split(path, source)?;
    if let Some(fm) = &split.front
        && fm.title.is_some()
        && fm.lang.is_some()
    {
        return Ok(parse_rest(split.front, ""));
    }
    if let Some(cut) = meta_cut(split.rest) {
        let parsed = parse_rest(split.front.clone(), &split.rest[..cut]);
        let body: usize = parsed
            .paragraphs
            .iter()
            .map(|p| p.chars().count() + 1)
            .sum();
        if parsed.title.is_some()
            && parsed.paragraphs.len() > 1
            && body > super::txt::META_SAMPLE_CHARS
        {
            return Ok(parsed);
        }
    }
    Ok(parse_rest(split.front, split.rest))
}

/// Where [`parse_meta`] may cut Markdown: right after a blank line past
/// [`super::txt::META_CUT_BYTES`], before a line that starts with a letter or a char that
/// is not ASCII (a new paragraph: no list, quote, code or table goes on there), when
/// nothing before the cut
/// can be changed by what follows: no `[` (a link may be defined further on), no `<`
/// (HTML blocks run to their end tag), no code fence, no CR.
fn meta_cut(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut at = super::txt::META_CUT_BYTES;
    while at < b.len() {
        let end = at + memchr::memmem::find(&b[at..], b"\n\n")? + 2;
        // Every block marker is ASCII (and none a letter): a line starting with a letter
        // or any other char (`„`, a no-break space) starts a paragraph.
        if rest[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || !c.is_ascii())
        {
            let before = &b[..end];
            let safe = memchr::memchr3(b'[', b'<', b'`', before).is_none()
                && memchr::memchr2(b'~', b'\r', before).is_none();
            return safe.then_some(end);
        }
        at = end;
    }
    None
}

/// [`parse`] of the text after the front matter.
fn parse_rest(front: Option<front_matter::FrontMatter>, rest: &str) -> Parsed {
    let mut parsed = Parsed::default();
    if let Some(fm) = front {
        parsed.apply_front_matter(fm);
    }
    let blocks = markdown_blocks(rest);
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
    parsed
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

    /// `text` as `load_meta` reads it: its first 4 KB, cut after the last line break.
    fn as_listed(text: &str) -> &str {
        if text.len() <= 4096 {
            return text;
        }
        let mut end = 4096;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..text[..end].rfind('\n').map_or(end, |i| i + 1)]
    }

    #[test]
    fn the_metadata_of_cut_markdown_is_the_whole_texts() {
        // The sample articles, the shared corpus when it is there, a generated corpus
        // named by GLOSS_LANG_CORPUS, and texts made to tempt the cut.
        let mut texts: Vec<(std::path::PathBuf, String)> = crate::article::corpus_files()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .filter_map(|p| std::fs::read_to_string(&p).ok().map(|s| (p, s)))
            .collect();
        let para = |i: usize| {
            format!(
                "{}Absatz {i}: Der Rat hat lange über den Radweg gestritten, und am Ende stimmte eine Mehrheit zu, sagte die Sprecherin.\n\n",
                ["", "„", "\u{a0}", "1. "][i % 4]
            )
        };
        let body: String = (0..14).map(para).collect();
        let long_body: String = (0..18).map(para).collect();
        let long_english: String = (0..18).map(|i| format!("Part {i}: the council said that the road would be closed for the whole of the week.\n\n")).collect();
        let english: String = (0..14).map(|i| format!("Part {i}: the council said that the road would be closed for the whole of the week.\n\n")).collect();
        for front in [
            "---\ntitle: Ein Titel\ndate: 2024-01-02\n---\n\n# Ein Titel\n\n",
            "---\ntitle: Ein Titel\nlang: de\n---\n\n",
            "+++\ntitle = \"Ein Titel\"\n+++\n\n",
            "",
            "# Überschrift\n\n",
            "Kein Titel\n\n",
        ] {
            for after in [
                // A heading only after the cut: the title then comes from there.
                "## Later heading\n\nText.\n".to_string(),
                // A reference used before the cut and defined after it.
                "[the]: https://x.example\n".to_string(),
                // Blocks that would run across the cut.
                "- item\n\n  more of the item\n".to_string(),
                "    code\n".to_string(),
                String::new(),
            ] {
                for middle in [
                    String::new(),
                    "See [the] report.\n\n".to_string(),
                    "```\nfenced\n\nstill fenced\n".to_string(),
                    "<div>\n\nhtml\n".to_string(),
                    "- a list\n- of items\n\n".to_string(),
                    "> quoted\n\n".to_string(),
                ] {
                    for (long, text) in [(&long_body, &body), (&long_english, &english)] {
                        // The cut falls in the long part, before `after`, or (with
                        // `middle`) not at all.
                        texts.push((
                            "2023-01-02-x.md".into(),
                            format!("{front}{middle}{long}{after}{text}"),
                        ));
                        texts.push((
                            "2023-01-02-x.md".into(),
                            format!("{front}{middle}{text}{after}{text}"),
                        ));
                    }
                }
            }
        }
        let mut cut = 0;
        for (p, s) in &texts {
            let s = as_listed(s);
            let (Ok(full), Ok(short)) = (parse(p, s), parse_meta(p, s)) else {
                assert_eq!(
                    parse(p, s).is_ok(),
                    parse_meta(p, s).is_ok(),
                    "{}",
                    p.display()
                );
                continue;
            };
            assert_eq!(full.meta(p), short.meta(p), "{}: {s}", p.display());
            let rest = front_matter::split(p, s).unwrap().rest;
            cut += usize::from(meta_cut(rest).is_some());
        }
        assert!(cut >= 40, "only {cut} of {} texts were cut", texts.len());
    }
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
