//! A byte scan of a page for the elements its list metadata is read from.
//!
//! Listing a folder reads the title, date, source, author, URL and language of every
//! page, and building the DOM of a page's first 16 KB of body for that (html5ever through
//! dom_smoothie) was a quarter of listing a folder never opened. The scan walks the page's
//! tokens without building anything and copies, verbatim and in their order, the only
//! elements the metadata rules read: every `<html>` start tag (its `lang`), `<meta>` and
//! `<link>`, the `<title>` of the head, JSON-LD scripts, `<h1>`/`<h2>` with their text and
//! `<time>` start tags. That small page then goes through the same dom_smoothie and
//! [`super::head::HeadMeta`] code as the whole page did, so every rule (Readability's
//! title cleaning, JSON-LD with `@graph`, entities, `og:` against `twitter:` against
//! `<title>`) is the same code reading the same elements.
//!
//! What the rules see depends on where the tree builder puts an element only for the
//! title (`head title`): a `<title>` is the head's when no token before it started the
//! body. Everything else the scan cannot reproduce with certainty (foreign content,
//! tables and selects that move elements, templates, scripts with `<!--` escapes, markup
//! inside a heading beyond balanced inline tags, text in the head that a character
//! reference might make white space, a page cut inside an element that matters) makes it
//! give up, and the caller builds the whole page's DOM as before.

/// Inline elements a heading's text may be marked up with and still be copied as it is.
const HEADING_INLINE: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"br", b"cite", b"code", b"dfn", b"em", b"i", b"img",
    b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strong", b"sub", b"sup", b"u",
    b"var", b"wbr",
];

/// Void elements among [`HEADING_INLINE`]: they have no end tag.
const HEADING_VOID: &[&[u8]] = &[b"br", b"img", b"wbr"];

/// Start tags after which the scan cannot say where later elements end up.
const GIVE_UP: &[&[u8]] = &[
    b"frame",
    b"frameset",
    b"math",
    b"plaintext",
    b"select",
    b"svg",
    b"table",
    b"template",
];

/// Start tags that keep the tree builder in the head: any other starts the body.
const HEAD_TAGS: &[&[u8]] = &[
    b"base",
    b"basefont",
    b"bgsound",
    b"head",
    b"html",
    b"link",
    b"meta",
    b"noframes",
    b"noscript",
    b"script",
    b"style",
    b"title",
];

/// Elements whose content is raw text up to their end tag (`textarea` and `title`,
/// RCDATA, end the same way).
const RAW_TEXT: &[&[u8]] = &[
    b"iframe",
    b"noembed",
    b"noframes",
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
];

/// The elements of `html` that list metadata is read from, as a page of their own, or
/// `None` when the scan cannot be sure to find the same elements as the tree builder.
pub(super) fn metadata_page(html: &str) -> Option<String> {
    let mut scan = Scan {
        bytes: html.as_bytes(),
        html,
        out: String::with_capacity(1024),
        body: false,
        initial: true,
        open_a: 0,
    };
    scan.run()?;
    Some(scan.out)
}

struct Scan<'a> {
    html: &'a str,
    bytes: &'a [u8],
    /// The page of the elements found.
    out: String,
    /// Whether a token has started the body (a `<title>` after that is not the head's).
    body: bool,
    /// Whether only comments and white space came before (a doctype counts only then).
    initial: bool,
    /// `<a>` start tags without their end tag: a link inside a heading would then be
    /// moved around by the adoption agency.
    open_a: usize,
}

/// The white space of HTML's tokenizer (CR is read as LF).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_one_of(name: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// A tag: its name (as written), where it ends (after `>`) and the raw value of its
/// first `type` attribute.
struct Tag<'a> {
    name: &'a [u8],
    end: usize,
    type_value: Option<&'a [u8]>,
}

impl<'a> Scan<'a> {
    fn run(&mut self) -> Option<()> {
        let b = self.bytes;
        let mut i = 0;
        while i < b.len() {
            let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) else {
                self.text(&b[i..])?;
                break;
            };
            self.text(&b[i..lt])?;
            i = match b.get(lt + 1) {
                Some(b'!') => self.markup_declaration(lt)?,
                Some(b'?') => bogus_comment_end(b, lt + 2),
                Some(b'/') => match b.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let Some(tag) = parse_tag(b, lt + 2) else {
                            // A tag cut by the end of the page is dropped.
                            return Some(());
                        };
                        self.end_tag(tag.name);
                        tag.end
                    }
                    Some(b'>') => lt + 3,
                    None => b.len(),
                    Some(_) => bogus_comment_end(b, lt + 2),
                },
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = parse_tag(b, lt + 1) else {
                        return Some(());
                    };
                    self.start_tag(lt, &tag)?
                }
                _ => {
                    self.text(b"<")?;
                    lt + 1
                }
            };
        }
        Some(())
    }

    /// Text between tags: in the head, anything but white space starts the body.
    fn text(&mut self, t: &[u8]) -> Option<()> {
        if self.body || t.iter().all(|&c| is_space(c)) {
            return Some(());
        }
        if t.contains(&b'&') {
            // `&#32;` is white space to the tree builder and leaves the head open.
            return None;
        }
        self.initial = false;
        self.start_body();
        Some(())
    }

    fn start_body(&mut self) {
        if !self.body {
            self.body = true;
            self.out.push_str("<body>");
        }
    }

    /// `<!…`: a comment, a doctype or a bogus comment; returns where it ends.
    fn markup_declaration(&mut self, lt: usize) -> Option<usize> {
        let b = self.bytes;
        if b[lt..].starts_with(b"<!--") {
            return Some(comment_end(b, lt + 4));
        }
        if b.len() >= lt + 9 && b[lt + 2..lt + 9].eq_ignore_ascii_case(b"doctype") {
            let end = bogus_comment_end(b, lt + 9);
            if self.initial && end <= b.len() && b[..end].ends_with(b">") {
                self.out.push_str(&self.html[lt..end]);
            }
            self.initial = false;
            return Some(end);
        }
        Some(bogus_comment_end(b, lt + 2))
    }

    fn end_tag(&mut self, name: &[u8]) {
        if name.eq_ignore_ascii_case(b"a") {
            self.open_a = self.open_a.saturating_sub(1);
        }
        if !self.body && is_one_of(name, &[b"body", b"html", b"br"]) {
            self.start_body();
        }
        self.initial = false;
    }

    /// A start tag at `lt`; returns where what it opens has been read to.
    fn start_tag(&mut self, lt: usize, tag: &Tag<'a>) -> Option<usize> {
        let name = tag.name;
        self.initial = false;
        if is_one_of(name, GIVE_UP) {
            return None;
        }
        if !is_one_of(name, HEAD_TAGS) {
            self.start_body();
        }
        let verbatim = |s: &mut Self, end: usize| s.out.push_str(&s.html[lt..end]);
        if is_one_of(name, &[b"html", b"meta", b"link"]) {
            verbatim(self, tag.end);
            return Some(tag.end);
        }
        if name.eq_ignore_ascii_case(b"time") {
            verbatim(self, tag.end);
            self.out.push_str("</time>");
            return Some(tag.end);
        }
        if name.eq_ignore_ascii_case(b"a") {
            self.open_a += 1;
            return Some(tag.end);
        }
        if is_one_of(name, &[b"h1", b"h2"]) {
            let end = self.heading(tag.end)?;
            verbatim(self, end);
            return Some(end);
        }
        if is_one_of(name, RAW_TEXT) {
            let Some((content_end, end)) = raw_text_end(self.bytes, tag.end, name) else {
                // The page ends inside: what matters there cannot be copied whole, and
                // nothing else follows.
                let matters = if name.eq_ignore_ascii_case(b"script") {
                    is_json_ld(tag.type_value) != Some(false)
                } else {
                    name.eq_ignore_ascii_case(b"title") && !self.body
                };
                return if matters {
                    None
                } else {
                    Some(self.bytes.len())
                };
            };
            let content = &self.bytes[tag.end..content_end];
            if name.eq_ignore_ascii_case(b"title") {
                if !self.body {
                    verbatim(self, end);
                }
            } else if name.eq_ignore_ascii_case(b"script") {
                if memchr::memmem::find(content, b"<!--").is_some() {
                    // Script data's escapes: its end may not be the first `</script>`.
                    return None;
                }
                if is_json_ld(tag.type_value)? {
                    verbatim(self, end);
                }
            }
            return Some(end);
        }
        Some(tag.end)
    }

    /// The content of a heading starting at `i`, up to and with the end tag that closes
    /// it; `None` unless it is text and balanced inline markup.
    fn heading(&self, i: usize) -> Option<usize> {
        heading_end(self.bytes, i, self.open_a > 0, |_, _| {})
    }
}

/// Where the content of a heading starting at `i` ends, after the end tag that closes it;
/// `None` unless it is text and balanced inline markup (and no link when `in_a`, a link
/// left open before it). Each run of its text is handed to `on_text` as a byte range.
pub(super) fn heading_end(
    b: &[u8],
    mut i: usize,
    in_a: bool,
    mut on_text: impl FnMut(usize, usize),
) -> Option<usize> {
    let mut open: Vec<&[u8]> = Vec::new();
    // Where the text not yet handed on starts.
    let mut text = i;
    loop {
        let lt = i + memchr::memchr(b'<', &b[i..])?;
        i = match b.get(lt + 1) {
            Some(b'!') if b[lt..].starts_with(b"<!--") => {
                let end = comment_end(b, lt + 4);
                if end >= b.len() {
                    return None;
                }
                end
            }
            Some(b'/') if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let tag = parse_tag(b, lt + 2)?;
                if is_one_of(tag.name, &[b"h1", b"h2", b"h3", b"h4", b"h5", b"h6"]) {
                    if !open.is_empty() {
                        return None;
                    }
                    on_text(text, lt);
                    return Some(tag.end);
                }
                if !open.last()?.eq_ignore_ascii_case(tag.name) {
                    return None;
                }
                open.pop();
                tag.end
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = parse_tag(b, lt + 1)?;
                if !is_one_of(tag.name, HEADING_INLINE) {
                    return None;
                }
                if tag.name.eq_ignore_ascii_case(b"a")
                    && (in_a || open.iter().any(|n| n.eq_ignore_ascii_case(b"a")))
                {
                    return None;
                }
                if !is_one_of(tag.name, HEADING_VOID) {
                    if open.len() >= 8 {
                        return None;
                    }
                    open.push(tag.name);
                }
                tag.end
            }
            Some(b'!' | b'?' | b'/') => return None,
            // A `<` that opens nothing is text.
            _ => {
                i = lt + 1;
                continue;
            }
        };
        on_text(text, lt);
        text = i;
    }
}

/// Whether a script with this `type` is JSON-LD to `script[type='application/ld+json']`,
/// or `None` when the scan cannot tell (a character reference, a difference of case).
fn is_json_ld(type_value: Option<&[u8]>) -> Option<bool> {
    let Some(v) = type_value else {
        return Some(false);
    };
    if v == b"application/ld+json" {
        return Some(true);
    }
    if v.contains(&b'&') || v.eq_ignore_ascii_case(b"application/ld+json") {
        return None;
    }
    Some(false)
}

/// Where a comment whose text starts at `i` (after `<!--`) ends, after its `-->`
/// (`--!>` too, and `<!-->` / `<!--->` at once), or the end of the page.
fn comment_end(b: &[u8], i: usize) -> usize {
    if b.get(i) == Some(&b'>') {
        return i + 1;
    }
    if b.get(i..i + 2) == Some(b"->") {
        return i + 2;
    }
    let mut at = i;
    while let Some(k) = memchr::memmem::find(&b[at..], b"--") {
        let mut p = at + k + 2;
        while b.get(p) == Some(&b'-') {
            p += 1;
        }
        match b.get(p) {
            Some(b'>') => return p + 1,
            Some(b'!') if b.get(p + 1) == Some(&b'>') => return p + 2,
            None => return b.len(),
            Some(_) => at = p,
        }
    }
    b.len()
}

/// Where a bogus comment (or a doctype) from `i` ends: after the next `>`, or the end of
/// the page.
fn bogus_comment_end(b: &[u8], i: usize) -> usize {
    let i = i.min(b.len());
    memchr::memchr(b'>', &b[i..]).map_or(b.len(), |k| i + k + 1)
}

/// Where raw text from `i` ends: the start of the end tag `</name` (followed by white
/// space, `/` or `>`) and the end of that tag; `None` when the page ends first.
fn raw_text_end(b: &[u8], mut i: usize, name: &[u8]) -> Option<(usize, usize)> {
    loop {
        let lt = i + memchr::memchr(b'<', &b[i..])?;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            let tag = parse_tag(b, lt + 2)?;
            return Some((lt, tag.end));
        }
        i = lt + 1;
    }
}

/// A tag whose name starts at `i`, read as HTML's tokenizer reads it (attribute values
/// quoted or not, `>` inside quotes); `None` when the page ends inside it.
fn parse_tag(b: &[u8], i: usize) -> Option<Tag<'_>> {
    let mut type_value = None;
    let (name, end) = parse_tag_with(b, i, |attr, value| {
        if type_value.is_none() && attr.eq_ignore_ascii_case(b"type") {
            type_value = Some(value);
        }
    })?;
    Some(Tag {
        name,
        end,
        type_value,
    })
}

/// [`parse_tag`], handing each attribute (its name as written and its raw value, empty
/// when it has none) to `on_attr` in order; returns the name and where the tag ends.
pub(super) fn parse_tag_with<'a>(
    b: &'a [u8],
    i: usize,
    mut on_attr: impl FnMut(&'a [u8], &'a [u8]),
) -> Option<(&'a [u8], usize)> {
    let name_end = i + b[i..]
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')?;
    let name = &b[i..name_end];
    let mut p = name_end;
    loop {
        // Before an attribute's name.
        while b.get(p).is_some_and(|&c| is_space(c) || c == b'/') {
            p += 1;
        }
        match b.get(p)? {
            b'>' => return Some((name, p + 1)),
            _ => {
                // The name: its first char may be `=`.
                let start = p;
                p += 1;
                while b
                    .get(p)
                    .is_some_and(|&c| !(is_space(c) || c == b'/' || c == b'>' || c == b'='))
                {
                    p += 1;
                }
                let attr = &b[start..p];
                while b.get(p).is_some_and(|&c| is_space(c)) {
                    p += 1;
                }
                if b.get(p) != Some(&b'=') {
                    // An attribute without a value: its value is empty.
                    b.get(p)?;
                    on_attr(attr, &b[p..p]);
                    continue;
                }
                p += 1;
                while b.get(p).is_some_and(|&c| is_space(c)) {
                    p += 1;
                }
                let value = match *b.get(p)? {
                    q @ (b'"' | b'\'') => {
                        let end = p + 1 + memchr::memchr(q, &b[p + 1..])?;
                        let v = &b[p + 1..end];
                        p = end + 1;
                        v
                    }
                    b'>' => &b[p..p],
                    _ => {
                        let start = p;
                        while b.get(p).is_some_and(|&c| !(is_space(c) || c == b'>')) {
                            p += 1;
                        }
                        &b[start..p]
                    }
                };
                on_attr(attr, value);
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::{parse_meta, parse_meta_dom};
    use super::*;

    /// The scan's metadata, or `None` when it gave up; asserts that it agrees with the DOM.
    fn agrees(html: &str) -> Option<()> {
        let cut = super::super::head_and_a_little_more(html);
        metadata_page(cut)?;
        assert_eq!(parse_meta(html), parse_meta_dom(html), "{html}");
        Some(())
    }

    /// Every web page under `dir`, recursively.
    #[test]
    fn the_scan_gives_the_doms_metadata_on_every_page_we_have() {
        // The sample articles, the shared corpus when it is there, and any folder named
        // by GLOSS_LANG_CORPUS (a generated corpus, say): field by field.
        let paths: Vec<_> = crate::article::corpus_files()
            .into_iter()
            .filter(|p| crate::article::Format::from_path(p) == Some(crate::article::Format::Html))
            .collect();
        assert!(!paths.is_empty(), "the sample pages are missing");
        let (mut scanned, mut no_dom, mut fell_back) = (0, 0, Vec::new());
        for p in &paths {
            let bytes = std::fs::read(p).unwrap();
            let html = crate::article::decode::decode_html(&bytes).text;
            let (fast, dom) = (parse_meta(&html), parse_meta_dom(&html));
            for (field, a, b) in [
                (
                    "title",
                    format!("{:?}", fast.title),
                    format!("{:?}", dom.title),
                ),
                (
                    "date",
                    format!("{:?}", fast.date),
                    format!("{:?}", dom.date),
                ),
                (
                    "section",
                    format!("{:?}", fast.section),
                    format!("{:?}", dom.section),
                ),
                (
                    "source",
                    format!("{:?}", fast.source),
                    format!("{:?}", dom.source),
                ),
                (
                    "author",
                    format!("{:?}", fast.author),
                    format!("{:?}", dom.author),
                ),
                ("url", format!("{:?}", fast.url), format!("{:?}", dom.url)),
                (
                    "lang",
                    format!("{:?}", fast.lang),
                    format!("{:?}", dom.lang),
                ),
            ] {
                assert_eq!(a, b, "{field} of {}", p.display());
            }
            assert_eq!(fast, dom, "{}", p.display());
            if metadata_page(super::super::head_and_a_little_more(&html)).is_some() {
                scanned += 1;
            } else {
                fell_back.push(p.display().to_string());
            }
            // Read without any DOM: the same fields again, checked against both DOMs.
            if super::super::fields::tests::read_and_check(&html).is_some() {
                no_dom += 1;
            }
        }
        eprintln!(
            "{} pages: {scanned} scanned ({no_dom} read without a DOM), {} through the DOM: {fell_back:?}",
            paths.len(),
            fell_back.len()
        );
        // The sample articles' page is plain markup: the scan reads it.
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/articles/2025-05-06-hafenstreik-hamburg.html");
        let html = String::from_utf8(std::fs::read(sample).unwrap()).unwrap();
        assert!(agrees(&html).is_some());
        // A page as a news site's template makes it (no JSON-LD) is read without a DOM.
        let news = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Neue Gespräche über Waffenruhe (8307)</title><meta property=\"article:published_time\" content=\"2021-01-19T08:00:00Z\"><meta property=\"og:site_name\" content=\"Generated Times\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Neue Gespräche über Waffenruhe (8307)</h1><p class=\"byline\">By Generated Desk</p>\n<p>Laut EU die Inflation im kommenden Jahr deutlich sinken könnte.</p></article></body></html>";
        assert!(super::super::fields::tests::read_and_check(news).is_some());
    }

    #[test]
    fn odd_markup_is_read_as_the_tree_builder_reads_it_or_left_to_it() {
        let body = "<body><article><p>Der Text des Artikels, lang genug für einen Absatz.</p></article></body></html>";
        let page =
            |head: &str| format!("<!doctype html><html lang=\"de\"><head>{head}</head>{body}");
        let scanned = [
            // Attributes in any order and quoting.
            r#"<meta content="Titel A" property="og:title"><meta property=og:site_name content=Blatt><meta content='2024-03-04' name='date'>"#,
            r#"<META PROPERTY="og:title" CONTENT="Groß &amp; klein"><TITLE>Fallback &ndash; Seite</TITLE>"#,
            // A `>` inside a quoted value, and a value with no quotes next to `/>`.
            r#"<meta name="description" content="a > b"><meta name=author content=Erika/><title>Ein Titel mit genug Wörtern hier</title>"#,
            // Comments hide what they hold; `--!>` and `<!-->` end them.
            r#"<!-- <meta property="og:title" content="Versteckt"> --><title>Sichtbar, ein ganzer Titel</title><!--> <meta name=author content=X><!-- a --!><meta name=author content=Y>"#,
            // A script whose text looks like markup.
            r#"<script>var s = "<meta name='author' content='Falsch'>";</script><title>Titel | Blatt</title>"#,
            // JSON-LD: arrays, @graph, CDATA, entities.
            r#"<script type="application/ld+json">[{"@context":"https://schema.org","@type":"NewsArticle","headline":"Aus dem Array","datePublished":"2023-05-06","author":[{"name":"A"},{"name":"B"}]}]</script>"#,
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Seite"},{"@type":"NewsArticle","headline":"Im Graph","dateCreated":"2022-02-03"}]}</script><title>Im Graph - Blatt</title>"#,
            r#"<script type="application/ld+json">//<![CDATA[
{"@context":"http://schema.org","@type":"Article","name":"d-12345","headline":"Mit CDATA &amp; mehr","publisher":{"name":"Verlag"}}
//]]></script>"#,
            // og: against twitter: against <title>.
            r#"<title>Der Seitentitel: Untertitel mit Wörtern</title><meta name="twitter:title" content="Twitter-Titel"><meta property="og:title" content="">"#,
            r#"<title>Kurz</title>"#,
            r#"<title>Politik: Was der Rat beschlossen hat</title>"#,
            r#"<meta http-equiv="Content-Language" content="en"><meta charset="iso-8859-1"><link rel="canonical" href="https://x.example/a"><link href="/rel" rel=icon>"#,
            // A doctype-less page, a <title> after </head> (still the head's).
            "",
            // No head element at all.
        ];
        for head in scanned {
            assert!(agrees(&page(head)).is_some(), "not scanned: {head}");
        }
        let whole = [
            "<html><title>Nur ein Titel, ohne Kopf</title><h1>Die Überschrift</h1><p>Text.</p>",
            "<title>Der Titel</title></head><title>Zweiter</title><body><h1>H &amp; <b>fett</b><br>weiter</h1><h2>Zwei: <span>Unter</span></h2><time datetime=\"2021-01-01\" pubdate>1.1.</time>",
            "<html lang=en><head></head><body><h1>A</h1><html lang=de data-x=1><p>x</p>",
            "<head><title>Der Titel, der lang genug ist</title></head>\n<body>\n<a href=/>Start</a> <h1><a href=/x>Verlinkt</a></h1>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\"><html><head><title>Alt</title><noscript><meta name=author content=N></noscript></head><body>x</body></html>",
            "<title>Text vor dem Titel</title>",
        ];
        for html in whole {
            assert!(agrees(html).is_some(), "not scanned: {html}");
        }
        // What the scan leaves to the tree builder.
        for html in [
            // Text in the head that may be white space.
            "<html><head>&#32;<title>Titel</title></head></html>",
            // Foreign content and elements the tree builder moves.
            "<html><head><title>T</title></head><body><svg><title>Bild</title></svg><h1>H</h1></body></html>",
            "<html><body><table><h1>Verschoben</h1><tr><td>x</td></tr></table></body></html>",
            "<html><head><template><meta name=author content=T></template></head></html>",
            // Markup in a heading beyond balanced inline tags.
            "<html><body><h1>Titel<div>Block</div></h1></body></html>",
            "<html><body><h1><b>offen</h1></body></html>",
            "<html><body><a href=/><h1><a href=/x>Zwei Links</a></h1></a></body></html>",
            // A script with the escapes of script data.
            "<html><head><script><!-- document.write('<script></script>') --></script><title>T</title></head></html>",
            // JSON-LD the scan cannot be sure is JSON-LD.
            "<html><head><script type=\"Application/LD+JSON\">{}</script></head></html>",
            // A page cut inside its title.
            "<html><head><title>Ohne Ende",
        ] {
            let cut = super::super::head_and_a_little_more(html);
            assert!(metadata_page(cut).is_none(), "scanned: {html}");
            // And the result is the DOM's, whatever it is.
            assert_eq!(parse_meta(html), parse_meta_dom(html));
        }
    }

    /// Pieces of pages, plain and odd, that random pages are made of.
    pub(in super::super) const PIECES: &[&str] = &[
        "<!doctype html>",
        "<html lang=\"de\">",
        "<html lang=en>",
        "<head>",
        "</head>",
        "<body>",
        "</body>",
        "</html>",
        "\n  ",
        "Text",
        "&amp;",
        "&#32;",
        "<",
        "<title>Ein Titel: mit Doppelpunkt und Wörtern</title>",
        "<title>Kurz</title>",
        "<title>A &amp; B | Blatt</title>",
        "<TITLE>Groß</TITLE>",
        "<meta property=\"og:title\" content=\"OG Titel\">",
        "<meta content='Twitter Titel' name=twitter:title>",
        "<meta name=author content=\"Von Erika Muster\">",
        "<meta property=\"article:published_time\" content=\"2024-01-02T03:04:05Z\">",
        "<meta name=\"description\" content=\"The minister said that the plan would be published.\">",
        "<meta property=og:site_name content=Blatt>",
        "<meta name=section content=Politik>",
        "<meta http-equiv=content-language content=en>",
        "<link rel=canonical href=\"https://x.example/a\">",
        "<link rel=\"icon\" href=/i.png>",
        "<!-- <meta name=author content=Versteckt> -->",
        "<!-->",
        "<!--->",
        "<!-- a --!>",
        "<![CDATA[ <meta name=author content=C> ]]>",
        "<?php echo 1 ?>",
        "</ p>",
        "</>",
        "<script>var x = '<title>nein</title>';</script>",
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"LD Titel\",\"datePublished\":\"2020-02-02\"}</script>",
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"Article\",\"name\":\"Graph\",\"dateCreated\":\"2019-09-09\"}]}</script>",
        "<script><!-- x --></script>",
        "<style>h1 { color: red } <meta></style>",
        "<noscript><meta name=author content=N></noscript>",
        "<textarea><h1>nein</h1></textarea>",
        "<h1>Überschrift</h1>",
        "<h1>Mit <b>fett</b> und <a href=/>Link</a></h1>",
        "<h2>Zweite: Ebene</h2>",
        "<h1>Offen",
        "<h1><div>Block</div></h1>",
        "<h1>A</h2>",
        "<a href=/>",
        "</a>",
        "<b>",
        "</b>",
        "<p>",
        "<div>",
        "</div>",
        "<time datetime=\"2018-08-08\">8.8.</time>",
        "<time pubdate datetime=2017-07-07>",
        "<svg><title>S</title></svg>",
        "<table><tr><td>",
        "</table>",
        "<select><option>",
        "<template>",
        "<meta name=author content=\"cut",
        "<title>cut",
    ];

    #[test]
    fn most_random_pages_are_scanned_and_agree() {
        // The property below holds trivially for a page the scan leaves to the DOM: here
        // the same kind of pages (xorshift, fixed seed) must mostly be scanned.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut scanned, n) = (0, 3000);
        for _ in 0..n {
            let len = next() % 12;
            let html: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            if agrees(&html).is_some() {
                scanned += 1;
            }
        }
        eprintln!("{scanned} of {n} random pages scanned");
        assert!(scanned * 4 > n, "only {scanned} of {n} scanned");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn the_scan_agrees_with_the_dom_or_leaves_the_page_to_it(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24),
        ) {
            let html: String = pieces.concat();
            let cut = super::super::head_and_a_little_more(&html);
            if metadata_page(cut).is_some() {
                proptest::prop_assert_eq!(parse_meta(&html), parse_meta_dom(&html), "{}", html);
            }
        }
    }
}
