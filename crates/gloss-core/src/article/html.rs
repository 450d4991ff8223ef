//! `.html` / `.htm` articles: the main text through dom_smoothie (a port of Mozilla's
//! Readability), metadata from the page's `<head>`.

use std::collections::HashMap;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Metadata, Readability};

use super::{Lang, Parsed, dates, front_matter, text};

/// Below this many chars of extracted text, readability is taken to have missed the
/// article and the page's `<article>` / `<main>` / `<body>` is read instead.
const MIN_EXTRACTED_CHARS: usize = 200;

/// Deeper than this, a page is not handed to readability (real pages nest a few dozen
/// levels; hostile ones hundreds of thousands).
const MAX_DEPTH: usize = 256;

/// Elements removed before readability scores the page: navigation, page furniture and
/// widgets are never article text, and removing them keeps their links and teasers from
/// being mistaken for it on pages whose markup says what they are.
const BOILERPLATE: &str = "nav, aside, form[role=search], button, select, svg, iframe, \
    template, dialog, [role=navigation], [role=complementary], [role=contentinfo], \
    [role=search], [aria-hidden=true], [hidden], body > footer, body > header";

/// Parses a whole page.
pub fn parse(html: &str) -> Parsed {
    let readability = match Readability::new(html, None, None) {
        Ok(r) => r,
        // Only a bad document URL fails here, and none is given; read the page as text.
        Err(_) => return fallback_only(html),
    };
    let metadata = readability.get_article_metadata(readability.parse_json_ld());
    let head = HeadMeta::read(&readability.doc);
    let mut parsed = head.into_parsed(&metadata, || readability.get_article_title().to_string());
    let mut readability = readability;
    if deeper_than(&readability.doc.root(), MAX_DEPTH) {
        // Readability's scoring is quadratic in the nesting depth (and recursive): on
        // such a page only the plain block text is read.
        parsed.paragraphs = fallback_blocks(html);
        return parsed;
    }
    readability.doc.select(BOILERPLATE).remove();
    let mut paragraphs = match readability.parse() {
        Ok(article) => {
            if parsed.author.is_none() {
                parsed.author = article.byline.as_deref().and_then(clean_byline);
            }
            blocks_of(&Document::from(article.content.to_string()).root())
        }
        Err(_) => Vec::new(),
    };
    if paragraphs.iter().map(|p| p.chars().count()).sum::<usize>() < MIN_EXTRACTED_CHARS {
        let fallback = fallback_blocks(html);
        if total_chars(&fallback) > total_chars(&paragraphs) {
            paragraphs = fallback;
        }
    }
    if let Some(title) = &parsed.title
        && paragraphs.len() > 1
        && paragraphs
            .first()
            .is_some_and(|p| p.to_lowercase() == title.to_lowercase())
    {
        paragraphs.remove(0);
    }
    if let Some(author) = &parsed.author {
        drop_byline_lines(&mut paragraphs, author);
    }
    if let Some(byline) = take_byline_line(&mut paragraphs)
        && parsed.author.is_none()
    {
        parsed.author = Some(byline);
    }
    if let Some(lead) = metadata
        .excerpt
        .as_deref()
        .and_then(|d| missing_lead(html, d, &paragraphs))
    {
        paragraphs.insert(0, lead);
    }
    drop_furniture(&mut paragraphs);
    drop_kickers(&mut paragraphs);
    parsed.paragraphs = paragraphs;
    parsed
}

/// How many leading chars of a page description identify the lead paragraph.
const LEAD_PREFIX_CHARS: usize = 60;

/// The lead paragraph (standfirst) when readability left it out: pages often set it apart
/// from the text, next to the headline, and repeat it as their description. It is taken
/// only when the page shows it as a block of its own that starts like the description.
fn missing_lead(html: &str, description: &str, paragraphs: &[String]) -> Option<String> {
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
    let doc = Document::from(html);
    let body = doc.body()?;
    blocks_of(&body)
        .into_iter()
        .find(|b| b.to_lowercase().starts_with(&prefix))
}

/// Drops page furniture that readability keeps with the text: reading-time notes, "related"
/// and "advertisement" labels, and labels left dangling at the end ("More from us:").
fn drop_furniture(paragraphs: &mut Vec<String>) {
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
    while paragraphs.len() > 1
        && paragraphs
            .last()
            .is_some_and(|p| p.ends_with(':') && p.chars().count() <= 60)
    {
        paragraphs.pop();
    }
}

/// Removes a byline line ("Von Erika Muster", "By Jane Roe · 6 May 2025") near the top:
/// it is metadata, shown as such.
fn drop_byline_lines(paragraphs: &mut Vec<String>, author: &str) {
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
fn take_byline_line(paragraphs: &mut Vec<String>) -> Option<String> {
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
fn drop_kickers(paragraphs: &mut Vec<String>) {
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

/// Reads only the metadata of a page (from its first bytes): no readability pass.
pub fn parse_meta(html: &str) -> Parsed {
    let html = head_and_a_little_more(html);
    let Ok(readability) = Readability::new(html, None, None) else {
        return Parsed::default();
    };
    let metadata = readability.get_article_metadata(readability.parse_json_ld());
    let head = HeadMeta::read(&readability.doc);
    let mut parsed = head.into_parsed(&metadata, || readability.get_article_title().to_string());
    if parsed.lang.is_none() {
        let title = parsed.title.clone().unwrap_or_default();
        let excerpt = metadata.excerpt.clone().unwrap_or_default();
        parsed.lang = Some(super::lang::detect([title.as_str(), excerpt.as_str()]));
    }
    parsed
}

/// How much of the body [`parse_meta`] keeps after `</head>`: enough for a `<h1>`, a
/// `<time>` or JSON-LD placed early in the body.
const META_BODY_BYTES: usize = 16 * 1024;

/// The page cut some way after its `</head>`: building the DOM of what follows costs time
/// and gives the list nothing.
fn head_and_a_little_more(html: &str) -> &str {
    let bytes = html.as_bytes();
    let Some(head_end) = bytes
        .windows(7)
        .position(|w| w.eq_ignore_ascii_case(b"</head>"))
    else {
        return html;
    };
    let mut end = (head_end + META_BODY_BYTES).min(html.len());
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

fn total_chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

fn fallback_only(html: &str) -> Parsed {
    Parsed {
        paragraphs: fallback_blocks(html),
        ..Parsed::default()
    }
}

/// The text of the page's `<article>` (the longest), else `<main>`, else `<body>`, with
/// boilerplate removed.
fn fallback_blocks(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    doc.select("script, style, noscript").remove();
    doc.select(BOILERPLATE).remove();
    for selector in ["article", "main, [role=main]", "body"] {
        let best = doc
            .select(selector)
            .nodes()
            .iter()
            .map(blocks_of)
            .max_by_key(|b| total_chars(b));
        if let Some(blocks) = best
            && !blocks.is_empty()
        {
            return blocks;
        }
    }
    blocks_of(&doc.root())
}

/// Metadata read from the `<head>` (and `<time>` elements), beyond what dom_smoothie reads.
#[derive(Debug, Default)]
struct HeadMeta {
    /// Meta tag `name` / `property` / `itemprop` (lowercase) → content.
    values: HashMap<String, String>,
    canonical: Option<String>,
    time: Option<String>,
    content_language: Option<String>,
    h1: Option<String>,
    /// JSON-LD `dateCreated` (dom_smoothie reads only `datePublished`).
    ld_created: Option<String>,
    /// JSON-LD `headline`.
    ld_headline: Option<String>,
}

impl HeadMeta {
    fn read(doc: &Document) -> HeadMeta {
        let mut head = HeadMeta::default();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content") else {
                continue;
            };
            let content = content.trim().to_string();
            if content.is_empty() {
                continue;
            }
            if node
                .attr("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
            {
                head.content_language = Some(content.clone());
            }
            for key_attr in ["property", "name", "itemprop"] {
                if let Some(key) = node.attr(key_attr) {
                    head.values
                        .entry(key.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        head.canonical = doc
            .select("link[rel=canonical]")
            .attr("href")
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        let times = doc.select("time[datetime]");
        let preferred =
            doc.select("time[pubdate][datetime], time[itemprop=datePublished][datetime]");
        head.time = preferred
            .attr("datetime")
            .or_else(|| times.attr("datetime"))
            .map(|t| t.to_string());
        let json_ld: Vec<serde_json::Value> = doc
            .select("script[type='application/ld+json']")
            .nodes()
            .iter()
            .filter_map(|n| serde_json::from_str(&n.text()).ok())
            .collect();
        head.ld_created = json_ld.iter().find_map(|v| find_json_key(v, "dateCreated"));
        head.ld_headline = json_ld.iter().find_map(|v| find_json_key(v, "headline"));
        head.h1 = doc
            .select("h1")
            .nodes()
            .first()
            .map(|n| text::collapse_whitespace(&n.text()))
            .filter(|t| !t.is_empty());
        head
    }

    fn value(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.values.get(*k))
            .map(String::as_str)
    }

    fn into_parsed(self, md: &Metadata, page_title: impl FnOnce() -> String) -> Parsed {
        // JSON-LD `name` is sometimes an internal id ("d-161500790"): not a title.
        let title = non_empty(&md.title)
            .filter(|t| !looks_like_an_id(t))
            .or_else(|| {
                self.value(&["og:title", "twitter:title", "headline"])
                    .or(self.ld_headline.as_deref())
                    .and_then(non_empty)
                    .filter(|t| !looks_like_an_id(t))
            })
            .or_else(|| non_empty(&page_title()).filter(|t| !looks_like_an_id(t)))
            .or_else(|| self.h1.clone())
            .or_else(|| non_empty(&md.title));
        const DATE_KEYS: &[&str] = &[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "date",
            "dc.date",
            "dc.date.issued",
            "dc.date.created",
            "dcterms.date",
            "dcterms.issued",
            "dcterms.created",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "parsely-pub-date",
            "sailthru.date",
            "article.published",
            "citation_publication_date",
            "last-modified",
        ];
        let date = md
            .published_time
            .as_deref()
            .and_then(dates::parse_date_value)
            .or_else(|| {
                DATE_KEYS
                    .iter()
                    .filter_map(|k| self.values.get(*k))
                    .find_map(|v| dates::parse_date_value(v))
            })
            .or_else(|| self.ld_created.as_deref().and_then(dates::parse_date_value))
            .or_else(|| self.time.as_deref().and_then(dates::parse_date_value))
            // The last change is a worse date than the first publication, but better than
            // none for ordering the list.
            .or_else(|| {
                md.modified_time
                    .as_deref()
                    .and_then(dates::parse_date_value)
            });
        let url = self
            .canonical
            .clone()
            .or_else(|| self.value(&["og:url", "twitter:url"]).map(str::to_string))
            .or_else(|| md.url.clone())
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let source = md.site_name.as_deref().and_then(non_empty).or_else(|| {
            self.value(&["application-name", "publisher"])
                .and_then(non_empty)
        });
        let lang: Option<Lang> = md
            .lang
            .as_deref()
            .and_then(front_matter::lang_from_tag)
            .or_else(|| {
                self.content_language
                    .as_deref()
                    .and_then(front_matter::lang_from_tag)
            })
            .or_else(|| {
                self.value(&["og:locale", "language", "dc.language"])
                    .and_then(front_matter::lang_from_tag)
            });
        Parsed {
            title,
            date,
            section: self
                .value(&["article:section", "section", "articlesection"])
                .and_then(non_empty),
            source,
            author: md.byline.as_deref().and_then(clean_byline),
            url,
            lang,
            paragraphs: Vec::new(),
        }
    }
}

/// The first string value of `key` anywhere in a JSON-LD value (objects, `@graph` lists).
fn find_json_key(v: &serde_json::Value, key: &str) -> Option<String> {
    match v {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .or_else(|| map.values().find_map(|x| find_json_key(x, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|x| find_json_key(x, key)),
        _ => None,
    }
}

/// One word with digits or joiners and no spaces: an id or slug, not a headline.
fn looks_like_an_id(t: &str) -> bool {
    !t.contains(' ')
        && t.chars()
            .any(|c| c.is_ascii_digit() || c == '-' || c == '_')
        && t.chars().count() > 3
}

fn non_empty(s: &str) -> Option<String> {
    let s = text::collapse_whitespace(s);
    (!s.is_empty()).then_some(s)
}

/// A byline without its "By" / "Von" and without a URL for a name.
fn clean_byline(s: &str) -> Option<String> {
    let s = text::collapse_whitespace(s);
    if s.starts_with("http://") || s.starts_with("https://") {
        return None;
    }
    let lower = s.to_lowercase();
    let s = ["by ", "von ", "from "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(s.as_str(), |p| &s[p.len()..])
        .trim();
    (!s.is_empty() && s.chars().count() <= 200).then(|| s.to_string())
}

/// Elements whose content is never text to read.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "button"
            | "select"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "head"
            | "title"
            | "img"
            | "picture"
            | "video"
            | "audio"
            | "input"
            | "textarea"
    )
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "form"
            | "fieldset"
            | "body"
            | "html"
    )
}

/// The text of each block element under `node`, one paragraph each, whitespace collapsed.
///
/// Iterative, not recursive: a hostile page nested 100,000 levels deep must not overflow
/// the stack.
pub(crate) fn blocks_of(node: &NodeRef) -> Vec<String> {
    enum Step<'a> {
        Node(NodeRef<'a>),
        EndBlock,
        Space,
    }
    let mut out = Vec::new();
    let mut buf = String::new();
    // Children are pushed last first, so the first child is handled first.
    let mut stack: Vec<Step> = node.children_it(true).map(Step::Node).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::EndBlock => {
                flush(&mut buf, &mut out);
                continue;
            }
            Step::Space => {
                buf.push(' ');
                continue;
            }
            Step::Node(child) => child,
        };
        if child.is_text() {
            buf.push_str(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if is_skipped(&name) {
            continue;
        }
        match name.as_str() {
            "br" => {
                buf.push(' ');
                continue;
            }
            "td" | "th" => {
                buf.push(' ');
                stack.push(Step::Space);
            }
            _ if is_block(&name) => {
                flush(&mut buf, &mut out);
                stack.push(Step::EndBlock);
            }
            _ => {}
        }
        stack.extend(child.children_it(true).map(Step::Node));
    }
    flush(&mut buf, &mut out);
    out
}

/// Whether the tree under `node` is nested deeper than `limit` (iteratively).
fn deeper_than(node: &NodeRef, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef, usize)> = vec![(*node, 0)];
    while let Some((n, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(
            n.children_it(false)
                .filter(NodeRef::is_element)
                .map(|c| (c, depth + 1)),
        );
    }
    false
}

fn flush(buf: &mut String, out: &mut Vec<String>) {
    let t = text::collapse_whitespace(buf);
    buf.clear();
    if !t.is_empty() {
        out.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r#"<!doctype html>
<html lang="de-DE"><head>
<meta charset="utf-8">
<title>Stadtrat beschließt neuen Radweg | Beispielblatt</title>
<meta property="og:title" content="Stadtrat beschließt neuen Radweg">
<meta property="og:site_name" content="Beispielblatt">
<meta property="article:published_time" content="2024-04-05T08:00:00+02:00">
<meta name="author" content="Erika Muster">
<link rel="canonical" href="https://beispielblatt.example/radweg">
</head><body>
<header><nav><ul><li><a href="/">Start</a></li><li><a href="/politik">Politik</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad">Anzeige: Kaufen Sie jetzt!</div>
<main><article>
<span class="kicker">Verkehr</span>
<h1>Stadtrat beschließt neuen Radweg</h1>
<p class="byline">Von Erika Muster</p>
<p class="date">Freitag, 5. April 2024, 8:00 Uhr</p>
<p>Der Stadtrat von Neustadt hat am Donnerstag mit großer Mehrheit den Bau eines neuen Radwegs entlang der Hauptstraße beschlossen. Die Kosten liegen laut Verwaltung bei 2,4 Millionen Euro.</p>
<p>Bürgermeisterin Anna Beispiel sagte, der Radweg sei <em>ein wichtiger Schritt</em> für die Verkehrswende. Die Bauarbeiten sollen im Herbst beginnen und rund acht Monate dauern.</p>
<p>Kritik kam von der Opposition: Der Fraktionschef der Bürgerliste, Karl Probe, bemängelte, dass Parkplätze wegfallen. Rund 120 Stellplätze könnten verloren gehen, sagte er.</p>
</article></main>
<aside><h2>Mehr zum Thema</h2><ul><li><a href="/a">Neue Buslinie</a></li><li><a href="/b">Baustelle am Markt</a></li></ul></aside>
<footer><p>© Beispielblatt 2024 · Impressum · Datenschutz</p></footer>
</body></html>"#;

    #[test]
    fn main_text_without_menus_ads_and_footer() {
        let p = parse(PAGE);
        let body = p.paragraphs.join("\n\n");
        assert!(body.starts_with("Der Stadtrat von Neustadt"), "{body}");
        assert!(body.contains("ein wichtiger Schritt für die Verkehrswende"));
        assert!(body.contains("Rund 120 Stellplätze"));
        assert!(!p.paragraphs.iter().any(|x| x == "Verkehr"), "kicker kept");
        for junk in [
            "Impressum",
            "Neue Buslinie",
            "Anzeige",
            "Sport",
            "Von Erika",
        ] {
            assert!(!body.contains(junk), "{junk} in {body}");
        }
        assert_eq!(p.paragraphs.len(), 3, "{:?}", p.paragraphs);
    }

    #[test]
    fn metadata_from_the_head() {
        let p = parse(PAGE);
        assert_eq!(p.title.as_deref(), Some("Stadtrat beschließt neuen Radweg"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 4, 5));
        assert_eq!(p.source.as_deref(), Some("Beispielblatt"));
        assert_eq!(p.author.as_deref(), Some("Erika Muster"));
        assert_eq!(
            p.url.as_deref(),
            Some("https://beispielblatt.example/radweg")
        );
        assert_eq!(p.lang, Some(Lang::De));
    }

    #[test]
    fn meta_only_agrees_with_the_full_parse() {
        let full = parse(PAGE);
        let meta = parse_meta(PAGE);
        assert_eq!(meta.title, full.title);
        assert_eq!(meta.date, full.date);
        assert_eq!(meta.source, full.source);
        assert!(meta.paragraphs.is_empty());
    }

    #[test]
    fn dates_from_json_ld_time_and_dc_meta() {
        let ld = r#"<html><head><title>T</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"T","datePublished":"2023-07-08T10:00:00Z"}</script></head><body><p>x</p></body></html>"#;
        assert_eq!(parse_meta(ld).date, NaiveDate::from_ymd_opt(2023, 7, 8));
        let time = r#"<html><head><title>T</title></head><body><article><time datetime="2022-01-02">2. Januar</time><p>x</p></article></body></html>"#;
        assert_eq!(parse_meta(time).date, NaiveDate::from_ymd_opt(2022, 1, 2));
        let dc = r#"<html><head><meta name="DC.date" content="2021-03-04"><title>T</title></head><body></body></html>"#;
        assert_eq!(parse_meta(dc).date, NaiveDate::from_ymd_opt(2021, 3, 4));
        let og_url =
            r#"<html><head><meta property="og:url" content="https://x.example/a"></head></html>"#;
        assert_eq!(
            parse_meta(og_url).url.as_deref(),
            Some("https://x.example/a")
        );
    }

    #[test]
    fn an_id_in_json_ld_name_is_not_the_title() {
        let page = r#"<html><head><title>Ein Albtraum - Das Blatt</title><meta property="og:title" content="Ein Albtraum"><script type="application/ld+json">{"@context":"http://schema.org","@type":"NewsArticle","name":"d-1234567","headline":"Ein Albtraum","dateCreated":"2018-12-22T00:00:00+0100"}</script></head><body><p>x</p></body></html>"#;
        let p = parse_meta(page);
        assert_eq!(p.title.as_deref(), Some("Ein Albtraum"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2018, 12, 22));
        assert!(looks_like_an_id("d-161500790") && looks_like_an_id("article_42"));
        assert!(!looks_like_an_id("Brexit") && !looks_like_an_id("COVID-19 in Europa"));
    }

    #[test]
    fn a_short_page_still_gives_its_text() {
        let p = parse("<html><body><p>Nur ein kurzer Satz.</p></body></html>");
        assert_eq!(p.paragraphs, vec!["Nur ein kurzer Satz."]);
    }

    #[test]
    fn blocks_split_on_block_elements_and_join_inline() {
        let doc = Document::from(
            "<div>Eins <b>fett</b><br>weiter<div>Zwei</div><ul><li>Drei</li><li>Vier</li></ul><table><tr><td>a</td><td>b</td></tr></table></div>",
        );
        assert_eq!(
            blocks_of(&doc.root()),
            vec!["Eins fett weiter", "Zwei", "Drei", "Vier", "a b"]
        );
    }

    #[test]
    fn a_lead_set_apart_from_the_text_is_kept() {
        let lead = "Die Stadt Neustadt bekommt einen neuen Radweg, der Stadtrat hat ihn beschlossen und die Kosten liegen hoch.";
        let paras: String = (0..6)
            .map(|i| format!("<p>Absatz {i}: Der Stadtrat hat lange über den Radweg gestritten, am Ende stimmte eine Mehrheit von zwanzig Mitgliedern zu, sagte die Sprecherin der Verwaltung.</p>"))
            .collect();
        let page = format!(
            r#"<html><head><meta name="description" content="{lead}"></head><body><div class="page"><header class="entry"><h1>Radweg kommt</h1><div class="teaser"><p>{lead}</p></div></header><div class="content">{paras}</div></div></body></html>"#
        );
        let p = parse(&page);
        assert_eq!(
            p.paragraphs.first().map(String::as_str),
            Some(lead),
            "{:?}",
            p.paragraphs
        );
        assert_eq!(
            p.paragraphs.iter().filter(|x| x.as_str() == lead).count(),
            1
        );
    }

    #[test]
    fn furniture_lines_are_dropped() {
        let mut ps: Vec<String> = [
            "4 Min Read",
            "Text one.",
            "Advertisement",
            "Text two.",
            "Mehr aus dem Ressort:",
        ]
        .map(String::from)
        .to_vec();
        drop_furniture(&mut ps);
        assert_eq!(ps, vec!["Text one.", "Text two."]);
    }

    #[test]
    fn byline_lines_are_metadata_but_sentences_are_text() {
        let mut ps: Vec<String> = [
            "Von Anna Eins, Berta Zwei und Carla Drei, NDR",
            "By 2030, the plan says, emissions will halve.",
            "Text.",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            take_byline_line(&mut ps).as_deref(),
            Some("Anna Eins, Berta Zwei und Carla Drei, NDR")
        );
        assert_eq!(ps.len(), 2);
        assert_eq!(take_byline_line(&mut ps), None);
        let mut ps: Vec<String> = ["By Monday the deal was done.", "Text."]
            .map(String::from)
            .to_vec();
        assert_eq!(take_byline_line(&mut ps), None);
    }

    #[test]
    fn deeply_nested_pages_neither_hang_nor_overflow() {
        // Block nesting makes parsing itself quadratic (html5ever), so it stays moderate
        // here; inline nesting is cheap to parse and goes deep enough to overflow a
        // recursive walk.
        let (blocks, inline) = (2_000, 100_000);
        let page = format!(
            "<html><body>{}<p>Tief unten steht der Text.</p>{}{}tief{}</body></html>",
            "<div>".repeat(blocks),
            "</div>".repeat(blocks),
            "<span>".repeat(inline),
            "</span>".repeat(inline)
        );
        let p = parse(&page);
        assert!(
            p.paragraphs
                .iter()
                .any(|x| x.contains("Tief unten steht der Text."))
        );
        assert!(p.paragraphs.iter().any(|x| x.contains("tief")));
    }

    #[test]
    fn bylines_are_cleaned() {
        assert_eq!(clean_byline("By  Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(
            clean_byline("Von Max Mustermann").as_deref(),
            Some("Max Mustermann")
        );
        assert_eq!(clean_byline("https://x.example/me"), None);
    }
}
