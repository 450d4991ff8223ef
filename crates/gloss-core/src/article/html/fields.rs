//! The list's metadata of a scanned page ([`super::prescan`]'s small page) read without
//! any DOM.
//!
//! The small page holds only verbatim copies of the elements the metadata rules read, so
//! for most pages its elements can be listed by a byte walk, and dom_smoothie's metadata
//! rules (0.19: `get_article_metadata` without JSON-LD, `get_article_title`) and the head
//! rules ([`super::head::HeadMeta`], through the same code) applied to them by hand.
//! Building the small page's DOM cost some 55,000 instructions a page however small it
//! was (html5ever's own cost per document), most of listing a folder of web pages.
//!
//! Whatever the walk cannot read exactly as the tree builder and the selectors do leaves
//! the page to the DOM: a character reference anywhere (`&`: entities would have to be
//! decoded as html5ever does, in attributes and in text), a CR or NUL (the tokenizer
//! rewrites them), a JSON-LD script (read with gjson by dom_smoothie), an attribute value
//! a selector might compare without regard to case, and anything the small page is not
//! made of.

use super::Parsed;
use super::head::HeadMeta;
use super::prescan::{heading_end, parse_tag_with};
use dom_smoothie::Metadata;

/// A `<meta>` element's attributes the rules read (the first of each name, as the
/// tokenizer keeps it).
#[derive(Default)]
struct MetaTag<'a> {
    content: Option<&'a str>,
    http_equiv: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
    itemprop: Option<&'a str>,
}

/// What the rules read from the elements of a small page.
#[derive(Default)]
struct Elements<'a> {
    /// The `lang` of the first `<html>` start tag that has one (later tags only add the
    /// attributes the root does not have).
    html_lang: Option<&'a str>,
    metas: Vec<MetaTag<'a>>,
    /// The `href` of the first `<link rel=canonical>`, if that link has one.
    canonical: Option<Option<&'a str>>,
    /// The text of the head's first `<title>`.
    title: Option<&'a str>,
    /// The text of every `<h1>` (true) and `<h2>` (false), in order.
    headings: Vec<(bool, String)>,
    /// The `datetime` of the first `<time datetime>`.
    time: Option<&'a str>,
    /// The `datetime` of the first `<time pubdate datetime>` or
    /// `<time itemprop=datePublished datetime>`.
    preferred_time: Option<&'a str>,
}

/// The page's metadata as [`super::meta_of`] reads it from the DOM of `page` (a small
/// page of [`super::prescan::metadata_page`]), or `None` when it cannot be sure to.
pub(super) fn read(page: &str) -> Option<Parsed> {
    let els = elements(page)?;
    let title = article_title(els.title.unwrap_or(""), &els.headings);
    let md = metadata(&els, &title);
    let mut head = HeadMeta::default();
    for m in &els.metas {
        head.add_meta(m.content, m.http_equiv, [m.property, m.name, m.itemprop]);
    }
    head.canonical = els
        .canonical
        .flatten()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    head.time = els.preferred_time.or(els.time).map(str::to_string);
    head.h1 = els
        .headings
        .iter()
        .find(|(h1, _)| *h1)
        .map(|(_, t)| crate::article::text::collapse_whitespace(t))
        .filter(|t| !t.is_empty());
    let parsed = head.into_parsed(&md, || title);
    Some(super::with_lang(parsed, &md))
}

/// The byte range of `part` (a slice of `page`'s bytes) as a `&str` of `page`.
fn sub<'a>(page: &'a str, part: &'a [u8]) -> Option<&'a str> {
    let at = (part.as_ptr() as usize).checked_sub(page.as_ptr() as usize)?;
    page.get(at..at + part.len())
}

/// `value` when `name` is `want` (as the tokenizer lowercases names) and no earlier
/// attribute of that name was kept.
fn keep<'a>(slot: &mut Option<&'a str>, name: &[u8], want: &[u8], value: Option<&'a str>) {
    if slot.is_none() && name.eq_ignore_ascii_case(want) {
        *slot = value;
    }
}

/// Whether a value is the one a selector compares it with, or `None` when it equals it
/// only without regard to ASCII case (which some attributes' selectors ignore).
fn exactly(value: &str, want: &str) -> Option<bool> {
    if value == want {
        return Some(true);
    }
    if value.eq_ignore_ascii_case(want) {
        return None;
    }
    Some(false)
}

/// The elements of a small page, in order; `None` for anything the walk does not read
/// exactly.
fn elements(page: &str) -> Option<Elements<'_>> {
    let b = page.as_bytes();
    if memchr::memchr3(b'&', b'\r', b'\0', b).is_some() {
        return None;
    }
    let mut els = Elements::default();
    let mut body = false;
    let mut i = 0;
    if b.starts_with(b"<!") {
        // The doctype, copied only at the start.
        i = memchr::memchr(b'>', b).map(|k| k + 1)?;
    }
    while i < b.len() {
        // Nothing but elements is copied: anything between them is not a small page's.
        if b[i] != b'<' || !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut attrs: Vec<(&[u8], &[u8])> = Vec::new();
        let (name, end) = parse_tag_with(b, i + 1, |n, v| attrs.push((n, v)))?;
        let attr = |want: &[u8]| -> Option<Option<&str>> {
            match attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(want)) {
                Some((_, v)) => sub(page, v).map(Some),
                None => Some(None),
            }
        };
        let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
        i = end;
        if is(b"html") {
            if els.html_lang.is_none() {
                els.html_lang = attr(b"lang")?;
            }
        } else if is(b"meta") {
            let mut m = MetaTag::default();
            for &(n, v) in &attrs {
                let v = Some(sub(page, v)?);
                keep(&mut m.content, n, b"content", v);
                keep(&mut m.http_equiv, n, b"http-equiv", v);
                keep(&mut m.property, n, b"property", v);
                keep(&mut m.name, n, b"name", v);
                keep(&mut m.itemprop, n, b"itemprop", v);
            }
            els.metas.push(m);
        } else if is(b"link") {
            if els.canonical.is_none()
                && let Some(rel) = attr(b"rel")?
                && exactly(rel, "canonical")?
            {
                els.canonical = Some(attr(b"href")?);
            }
        } else if is(b"title") {
            if body {
                return None;
            }
            let (content_end, after) = title_end(b, end)?;
            if els.title.is_none() {
                els.title = Some(page.get(end..content_end)?);
            }
            i = after;
        } else if is(b"body") {
            if body {
                return None;
            }
            body = true;
        } else if is(b"h1") || is(b"h2") {
            let mut text = String::new();
            i = heading_end(b, end, false, |from, to| {
                text.push_str(page.get(from..to).unwrap_or(""));
            })?;
            els.headings.push((is(b"h1"), text));
        } else if is(b"time") {
            let close = b"</time>";
            if !b[end..].starts_with(close) {
                return None;
            }
            i = end + close.len();
            if let Some(dt) = attr(b"datetime")? {
                if els.time.is_none() {
                    els.time = Some(dt);
                }
                let pubdate = attr(b"pubdate")?.is_some();
                let itemprop = match attr(b"itemprop")? {
                    Some(v) => exactly(v, "datePublished")?,
                    None => false,
                };
                if els.preferred_time.is_none() && (pubdate || itemprop) {
                    els.preferred_time = Some(dt);
                }
            }
        } else {
            // A JSON-LD script, or anything else.
            return None;
        }
    }
    Some(els)
}

/// Where a title's text starting at `i` ends, and where its end tag ends.
fn title_end(b: &[u8], mut i: usize) -> Option<(usize, usize)> {
    loop {
        let lt = i + memchr::memchr(b'<', &b[i..])?;
        if b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..lt + 7)
                .is_some_and(|n| n.eq_ignore_ascii_case(b"title"))
            && b.get(lt + 7)
                .is_some_and(|&c| matches!(c, b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>'))
        {
            let (_, end) = parse_tag_with(b, lt + 2, |_, _| {})?;
            return Some((lt, end));
        }
        i = lt + 1;
    }
}

// dom_smoothie 0.19's metadata rules, as `Readability::get_article_metadata` (without
// JSON-LD) and `get_article_title` apply them.

const META_TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterms:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
];
const META_MOD_TIME_KEYS: &[&str] = &["article:modified_time", "dcterms.modified"];
const META_PUB_TIME_KEYS: &[&str] = &[
    "article:published_time",
    "dcterms.available",
    "dcterms.created",
    "dcterms.issued",
    "parsely-pub-date",
    "weibo:article:create_at",
];
const META_BYLINE_KEYS: &[&str] = &["dc:creator", "dcterms:creator", "author", "parsely-author"];
const META_EXCERPT_KEYS: &[&str] = &[
    "dc:description",
    "dcterms:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
];
const META_NAME_PREFIXES: &[&str] = &[
    "article",
    "dc",
    "dcterms",
    "og",
    "twitter",
    "parsely",
    "weibo:article",
    "weibo:webpage",
];
const META_NAME_KEYS: &[&str] = &[
    "author",
    "creator",
    "pub-date",
    "description",
    "title",
    "site_name",
];
const META_NAME_SEP: &[char] = &['-', '.', ':'];
const META_PROPERTY_PREFIXES: &[&str] = &["article", "dc", "dcterms", "og", "twitter"];
const META_PROPERTY_KEYS: &[&str] = &[
    "author",
    "creator",
    "description",
    "published_time",
    "title",
    "site_name",
    "image",
];
const TITLE_SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
const TITLE_HIERARCHY_SEP: &[char] = &['\\', '/', '>', '»'];

/// dom_smoothie's metadata of the elements (its `values` map: later metas win).
fn metadata(els: &Elements<'_>, article_title: &str) -> Metadata {
    let mut values: Vec<(String, &str)> = Vec::new();
    for m in &els.metas {
        let Some(content) = m.content else { continue };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        let key = if let Some(property) = m.property {
            // A meta with a `property` is read by it alone.
            match meta_property_name(&property.to_ascii_lowercase()) {
                Some(k) => k.trim().to_string(),
                None => continue,
            }
        } else if let Some(name) = m.name {
            let name = name.to_ascii_lowercase();
            if !is_meta_name(&name) {
                continue;
            }
            normalize_meta_key(&name)
        } else {
            continue;
        };
        match values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = content,
            None => values.push((key, content)),
        }
    }
    let get = |k: &str| {
        values
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| (*v).to_string())
    };
    let any = |keys: &[&str]| keys.iter().find_map(|k| get(k));
    let mut md = Metadata::default();
    if let Some(t) = any(META_TITLE_KEYS) {
        md.title = t;
    }
    if md.title.is_empty() {
        md.title = article_title.to_string();
    }
    md.byline =
        any(META_BYLINE_KEYS).or_else(|| get("article:author").filter(|v| !is_absolute_url(v)));
    md.excerpt = any(META_EXCERPT_KEYS);
    md.site_name = get("og:site_name");
    md.published_time = any(META_PUB_TIME_KEYS);
    md.modified_time = any(META_MOD_TIME_KEYS);
    md.lang = els.html_lang.map(str::to_string);
    md
}

fn is_meta_name(name: &str) -> bool {
    if let Some((prefix, key)) = name.split_once(META_NAME_SEP) {
        return META_NAME_PREFIXES.contains(&prefix) && META_NAME_KEYS.contains(&key);
    }
    META_NAME_KEYS.contains(&name)
}

fn meta_property_name(property: &str) -> Option<&str> {
    for part in property.split_whitespace() {
        if let Some(pos_r) = part.rfind(':') {
            let key = &part[pos_r + 1..];
            if !META_PROPERTY_KEYS.contains(&key) {
                continue;
            }
            let pre_pos = part[..pos_r].find(':').map_or(0, |pos_l| pos_l + 1);
            let pre = &part[pre_pos..pos_r];
            if META_PROPERTY_PREFIXES.contains(&pre) {
                return Some(&part[pre_pos..]);
            }
        }
    }
    None
}

fn normalize_meta_key(raw_key: &str) -> String {
    raw_key
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("")
        .replace('.', ":")
}

/// dom_smoothie's `is_absolute_url(s, true)`.
fn is_absolute_url(s: &str) -> bool {
    let s = s.trim();
    let delim = "://";
    if let Some(pos) = s.find(delim) {
        let scheme = &s[..pos];
        let mut chars = scheme.chars();
        if let Some(first) = chars.next()
            && first.is_ascii_alphabetic()
            && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return s.len() > pos + delim.len() && !s.ends_with(delim);
        }
    }
    false
}

fn truncate_title_last(title: &str) -> Option<&str> {
    if let Some((delim_pos, sep)) = title
        .char_indices()
        .rev()
        .find(|(_, c)| TITLE_SEPARATORS.contains(c))
    {
        let next_char = title.get(delim_pos + sep.len_utf8()..)?.chars().next()?;
        if next_char == ' ' {
            return title.get(..delim_pos).map(str::trim);
        }
    }
    None
}

fn truncate_title_first(title: &str) -> Option<&str> {
    if let Some((delim_pos, sep)) = title
        .char_indices()
        .find(|(_, c)| TITLE_SEPARATORS.contains(c))
    {
        let next_char = title.get(delim_pos + sep.len_utf8()..)?.chars().next()?;
        if next_char == ' ' {
            return title.get(delim_pos + sep.len_utf8()..).map(str::trim);
        }
    }
    None
}

fn normalize_spaces(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut iter = text.split_whitespace();
    if let Some(first) = iter.next() {
        result.push_str(first);
        for word in iter {
            result.push(' ');
            result.push_str(word);
        }
    }
    result
}

/// dom_smoothie's `get_article_title`: the head's title, cleaned of its site's name,
/// with the headings (`h1`, `h2`) it is compared with.
fn article_title(title: &str, headings: &[(bool, String)]) -> String {
    let orig_title = title.trim();
    let mut h1: Option<&str> = None;
    let mut cur_title = orig_title;
    let char_count = orig_title.chars().count();
    let mut has_hierarchy_sep = false;
    if orig_title.chars().any(|c| TITLE_SEPARATORS.contains(&c)) {
        has_hierarchy_sep = orig_title.chars().any(|c| TITLE_HIERARCHY_SEP.contains(&c));
        if let Some(title_part) = truncate_title_last(orig_title) {
            cur_title = title_part;
        }
        if cur_title.split_whitespace().count() < 3
            && let Some(title_part) = truncate_title_first(orig_title)
        {
            cur_title = title_part;
        }
    } else if cur_title.contains(": ") {
        let matched = headings.iter().any(|(_, text)| text.trim() == cur_title);
        if !matched
            && let Some(tmp_title) = orig_title
                .rfind(':')
                .map(|idx| orig_title[idx + 1..].trim())
        {
            cur_title = tmp_title;
            if cur_title.split_whitespace().count() < 3 {
                if let Some(tmp_title) =
                    orig_title.find(':').map(|idx| orig_title[idx + 1..].trim())
                {
                    cur_title = tmp_title;
                }
            } else if orig_title
                .find(':')
                .map_or(0, |idx| orig_title[0..=idx].split_whitespace().count())
                > 5
            {
                cur_title = orig_title;
            }
        }
    } else if !(15..=150).contains(&char_count) {
        h1 = headings
            .iter()
            .find(|(is_h1, _)| *is_h1)
            .map(|(_, t)| t.as_str());
    }
    if let Some(h1) = h1 {
        cur_title = h1;
    }
    let normalized_title = normalize_spaces(cur_title);
    cur_title = &normalized_title;
    let cur_title_wc = cur_title.split_whitespace().count();
    let orig_wc = orig_title
        .split(TITLE_SEPARATORS)
        .flat_map(str::split_whitespace)
        .count();
    if cur_title_wc <= 4 && (!has_hierarchy_sep || cur_title_wc + 1 != orig_wc) {
        cur_title = orig_title;
    }
    cur_title.to_string()
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::prescan::metadata_page;
    use super::super::{head_and_a_little_more, meta_of, parse_meta_dom};
    use super::*;

    /// The fields read without a DOM, when they are, after checking them against the
    /// small page's DOM and the whole page's.
    pub(in super::super) fn read_and_check(html: &str) -> Option<Parsed> {
        let page = metadata_page(head_and_a_little_more(html))?;
        let fast = read(&page)?;
        assert_eq!(fast, meta_of(&page), "small page: {page}");
        assert_eq!(fast, parse_meta_dom(html), "page: {html}");
        Some(fast)
    }

    /// Pieces that try the title, key and attribute rules one by one.
    const PIECES: &[&str] = &[
        "<!doctype html>",
        "<html lang=\"de\">",
        "<html lang=\"en-GB\" lang=de>",
        "<html data-x=1>",
        "<HTML LANG=EN>",
        "<head>",
        "</head>",
        "<body>",
        "<title>Kurz | Blatt</title>",
        "<title>Politik » Ausland » Ein Titel mit Wörtern</title>",
        "<title>Ein langer Titel mit Wörtern - Das Blatt</title>",
        "<title>Blatt - Ein langer Titel mit vielen Wörtern</title>",
        "<title>Blatt | Eins – Zwei</title>",
        "<title>a/b</title>",
        "<title>Politik » Ein Titel hier</title>",
        "<title>Der Rat: Was er beschlossen hat und warum</title>",
        "<title>Eins zwei drei vier fünf sechs: sieben acht neun</title>",
        "<title>Nachricht: kurz</title>",
        "<title>Nur ein Wort</title>",
        "<title>  Ein Titel, der zwischen fünfzehn und 150 Zeichen hat  </title>",
        "<title></title>",
        "<title>\u{a0}Geschützt\u{2003}leer </title>",
        "<h1>Der Rat: Was er beschlossen hat und warum</h1>",
        "<h1>  Überschrift   mit\n Zeilen </h1>",
        "<h1>Kurz</h1>",
        "<h1>Eine <em>lange</em> Überschrift <!-- c --> mit fünf Wörtern</h1>",
        "<h1>a <3 b</h1>",
        "<h2>Nachricht: kurz</h2>",
        "<h2>Der Rat: Was er beschlossen hat und warum</h2>",
        "<meta name=\"dc.creator\" content=\"DC Autor\">",
        "<meta name=\"DC.Title\" content=\"Dublin Titel\">",
        "<meta name=\"dcterms.modified\" content=\"2015-05-05\">",
        "<meta property=\"article:modified_time\" content=\"2014-04-04\">",
        "<meta property=\"article:author\" content=\"https://x.example/autor\">",
        "<meta property=\"article:author\" content=\"Artikel Autor\">",
        "<meta name=\"article:author\" content=\"Name Autor\">",
        "<meta name=author content=Erste><meta name=author content=Zweite>",
        "<meta name=\"description\" content=\" \u{a0} \">",
        "<meta name=description content=\"Die Regierung hat beschlossen, dass die Steuern steigen.\">",
        "<meta property=\"og:title og:description\" content=\"Zwei Schlüssel\">",
        "<meta property=\"og:image\" name=author content=\"Bild\">",
        "<meta property=\"og:title\" content=\"OG\" property=\"og:description\">",
        "<meta itemprop=headline content=\"Item Titel\">",
        "<meta itemprop=datePublished content=\"2013-03-03\">",
        "<meta name=\" Date \" content=\"2012-02-02\">",
        "<meta name=\"parsely-pub-date\" content=\"2011-01-11\">",
        "<meta http-equiv=\"Content-Language\" content=\"de\">",
        "<meta http-equiv=content-language content=\"en\" name=language>",
        "<meta name=\"og:locale\" content=\"en_US\">",
        "<meta property=og:site_name content=\"Die Seite\">",
        "<meta name=application-name content=App>",
        "<meta property=\"article:section\" content=\"Politik\">",
        "<meta property=\"og:url\" content=\"https://x.example/og\">",
        "<meta name=\"twitter:url\" content=\"http://x.example/tw\">",
        "<meta content>",
        "<meta name=title>",
        "<link rel=canonical href=\" https://x.example/c \">",
        "<link rel=canonical>",
        "<link rel=\"canonical\" href=\"/relativ\">",
        "<link rel=CANONICAL href=https://x.example/gross>",
        "<link rel=\"canonical alternate\" href=https://x.example/zwei>",
        "<time datetime=\"2010-10-10\">",
        "<time pubdate datetime=2009-09-09>",
        "<time itemprop=datePublished datetime=2008-08-08>",
        "<time itemprop=datepublished datetime=2007-07-07>",
        "<time datetime>",
        "<p>Text</p>",
        "<div>",
        "<a href=/>Link</a>",
    ];

    /// Random pages of these pieces and of the scan's (xorshift, fixed seed).
    fn random_pages(n: usize) -> Vec<String> {
        let pieces: Vec<&str> = PIECES
            .iter()
            .chain(super::super::prescan::tests::PIECES)
            .copied()
            .collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = next() % 14;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn random_pages_read_without_a_dom_agree_and_many_are() {
        let n = 4000;
        let read = random_pages(n)
            .iter()
            .filter(|html| read_and_check(html).is_some())
            .count();
        eprintln!("{read} of {n} random pages read without a DOM");
        // Pieces with `&`, CR-free but odd markup, scripts: a good part goes to the DOM.
        assert!(read * 5 > n, "only {read} of {n} read without a DOM");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        #[test]
        fn a_page_read_without_a_dom_gives_the_doms_fields(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..16),
            scan_pieces in proptest::collection::vec(
                proptest::sample::select(super::super::prescan::tests::PIECES), 0..6),
        ) {
            let mut html: String = pieces.concat();
            html.push_str(&scan_pieces.concat());
            // `read_and_check` asserts the agreement.
            let _ = read_and_check(&html);
        }
    }

    #[test]
    fn each_rule_is_read_without_a_dom_as_the_dom_reads_it() {
        let body = "<body><article><p>Der Text des Artikels.</p></article></body></html>";
        for head in [
            // Title cleaning: separators, hierarchy, colons, length, the h1.
            "<title>Kurz | Blatt</title>",
            "<title>Politik » Ausland » Ein Titel mit Wörtern</title>",
            "<title>Politik » Ein Titel hier</title>",
            "<title>Ein langer Titel mit Wörtern - Das Blatt</title>",
            "<title>Blatt - Ein langer Titel mit vielen Wörtern</title>",
            "<title>Der Rat: Was er beschlossen hat und warum</title>",
            "<title>Der Rat: Was er beschlossen hat und warum</title></head><body><h2>Der Rat: Was er beschlossen hat und warum</h2>",
            "<title>Eins zwei drei vier fünf sechs: sieben acht neun</title>",
            "<title>Nachricht: kurz</title>",
            "<title>Kurz</title></head><body><h1>Eine  <b>ganze</b> Überschrift mit Wörtern</h1>",
            "<title>Kurz</title></head><body><h1>Zwei Wörter</h1>",
            "",
            "</head><body><h1>Nur die <i>Überschrift</i>, ohne Titel</h1>",
            // Keys: property before name, first and last wins, Dublin Core, authors.
            "<meta property=\"og:title\" content=\"OG Titel\"><meta name=twitter:title content=\"TW\">",
            "<meta name=\"DC.Title\" content=\"Dublin Titel\"><meta name=\"dc.creator\" content=\"DC Autor\">",
            "<meta name=author content=Erste><meta name=author content=Zweite>",
            "<meta property=\"article:author\" content=\"https://x.example/autor\">",
            "<meta property=\"article:author\" content=\"Artikel Autor\">",
            "<meta property=\"og:image\" name=author content=\"Bild\">",
            "<meta itemprop=headline content=\"Item Titel\"><meta itemprop=datePublished content=\"2013-03-03\">",
            "<meta name=\"dcterms.modified\" content=\"2015-05-05\">",
            "<meta http-equiv=\"Content-Language\" content=\"en\"><meta name=description content=\"Die Regierung hat beschlossen, dass die Steuern steigen.\">",
            "<meta name=description content=\"The government said that taxes would rise next year.\">",
            // Links and times.
            "<link rel=canonical href=\" https://x.example/c \"><link rel=canonical href=https://x.example/d>",
            "<link rel=canonical><link rel=canonical href=https://x.example/d>",
            "</head><body><time datetime=2010-10-10></time><time pubdate datetime=2009-09-09>",
            "</head><body><time itemprop=datePublished datetime=2008-08-08>",
        ] {
            let html = format!("<!doctype html><html><head>{head}</head>{body}");
            assert!(read_and_check(&html).is_some(), "to the DOM: {head}");
            let html = format!("<html lang=de><head>{head}</head>{body}");
            assert!(read_and_check(&html).is_some(), "to the DOM: {head}");
        }
        // What the walk leaves to the DOM (and the result is the DOM's either way).
        for html in [
            "<html><head><title>A &amp; B</title></head></html>",
            "<html><head><title>A\r\nB</title></head></html>",
            "<html><head><script type=\"application/ld+json\">{}</script></head></html>",
            "<html><head><link rel=CANONICAL href=https://x.example/gross></head></html>",
            "<html><body><time itemprop=datepublished datetime=2007-07-07></time></body></html>",
        ] {
            let page = metadata_page(head_and_a_little_more(html)).unwrap();
            assert!(read(&page).is_none(), "read: {html}");
            assert_eq!(super::super::parse_meta(html), parse_meta_dom(html));
        }
    }
}
