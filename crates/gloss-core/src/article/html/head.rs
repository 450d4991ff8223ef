//! Head metadata: what the page's `<head>` (meta tags, JSON-LD, `<time>`, `<h1>`) says
//! about the article, beyond what dom_smoothie reads.

use std::collections::HashMap;
use std::sync::LazyLock;

use dom_query::{Document, Matcher, Selection};
use dom_smoothie::Metadata;

use crate::article::{Lang, Parsed, dates, front_matter, text};

/// Metadata read from the `<head>` (and `<time>` elements), beyond what dom_smoothie reads.
#[derive(Debug, Default)]
pub(super) struct HeadMeta {
    /// Meta tag `name` / `property` / `itemprop` (lowercase) → content.
    values: HashMap<String, String>,
    pub(super) canonical: Option<String>,
    pub(super) time: Option<String>,
    content_language: Option<String>,
    pub(super) h1: Option<String>,
    /// JSON-LD `dateCreated` (dom_smoothie reads only `datePublished`).
    ld_created: Option<String>,
    /// JSON-LD `headline`.
    ld_headline: Option<String>,
}

/// A selector compiled once: `Document::select` parses its selector on every call, and
/// listing a folder reads the head of every page (six selections a page were a third of
/// reading a page's metadata).
struct Compiled {
    selector: &'static str,
    matcher: LazyLock<Option<Matcher>>,
}

macro_rules! compiled {
    ($name:ident, $selector:expr) => {
        static $name: Compiled = Compiled {
            selector: $selector,
            matcher: LazyLock::new(|| Matcher::new($selector).ok()),
        };
    };
}

compiled!(META, "meta");
compiled!(CANONICAL, "link[rel=canonical]");
compiled!(TIMES, "time[datetime]");
compiled!(
    PREFERRED_TIMES,
    "time[pubdate][datetime], time[itemprop=datePublished][datetime]"
);
compiled!(JSON_LD, "script[type='application/ld+json']");
compiled!(H1, "h1");

impl Compiled {
    fn select<'d>(&self, doc: &'d Document) -> Selection<'d> {
        match &*self.matcher {
            Some(m) => doc.select_matcher(m),
            // Never: the selectors are constants and valid.
            None => doc.select(self.selector),
        }
    }
}

impl HeadMeta {
    pub(super) fn read(doc: &Document) -> HeadMeta {
        let mut head = HeadMeta::default();
        for node in META.select(doc).nodes() {
            let attr = |name| node.attr(name);
            let (content, http_equiv) = (attr("content"), attr("http-equiv"));
            let keys = [attr("property"), attr("name"), attr("itemprop")];
            head.add_meta(
                content.as_deref(),
                http_equiv.as_deref(),
                keys.each_ref().map(|k| k.as_deref()),
            );
        }
        head.canonical = CANONICAL
            .select(doc)
            .attr("href")
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        let times = TIMES.select(doc);
        let preferred = PREFERRED_TIMES.select(doc);
        head.time = preferred
            .attr("datetime")
            .or_else(|| times.attr("datetime"))
            .map(|t| t.to_string());
        let json_ld: Vec<serde_json::Value> = JSON_LD
            .select(doc)
            .nodes()
            .iter()
            .filter_map(|n| serde_json::from_str(&n.text()).ok())
            .collect();
        head.ld_created = json_ld.iter().find_map(|v| find_json_key(v, "dateCreated"));
        head.ld_headline = json_ld.iter().find_map(|v| find_json_key(v, "headline"));
        head.h1 = H1
            .select(doc)
            .nodes()
            .first()
            .map(|n| text::collapse_whitespace(&n.text()))
            .filter(|t| !t.is_empty());
        head
    }

    /// Takes in one `<meta>` element: its `content`, `http-equiv`, and `property`,
    /// `name` and `itemprop` (in that order), each as the element has it.
    pub(super) fn add_meta(
        &mut self,
        content: Option<&str>,
        http_equiv: Option<&str>,
        keys: [Option<&str>; 3],
    ) {
        let Some(content) = content else {
            return;
        };
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        if http_equiv.is_some_and(|h| h.eq_ignore_ascii_case("content-language")) {
            self.content_language = Some(content.to_string());
        }
        for key in keys.into_iter().flatten() {
            self.values
                .entry(key.trim().to_ascii_lowercase())
                .or_insert_with(|| content.to_string());
        }
    }

    pub(super) fn value(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.values.get(*k))
            .map(String::as_str)
    }

    pub(super) fn into_parsed(self, md: &Metadata, page_title: impl FnOnce() -> String) -> Parsed {
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
pub(super) fn find_json_key(v: &serde_json::Value, key: &str) -> Option<String> {
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
pub(super) fn looks_like_an_id(t: &str) -> bool {
    !t.contains(' ')
        && t.chars()
            .any(|c| c.is_ascii_digit() || c == '-' || c == '_')
        && t.chars().count() > 3
}

pub(super) fn non_empty(s: &str) -> Option<String> {
    let s = text::collapse_whitespace(s);
    (!s.is_empty()).then_some(s)
}

/// A byline without its "By" / "Von" and without a URL for a name.
pub(super) fn clean_byline(s: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_compiles() {
        // Otherwise it would be parsed again on every call (the `None` branch).
        for c in [&META, &CANONICAL, &TIMES, &PREFERRED_TIMES, &JSON_LD, &H1] {
            assert!(c.matcher.is_some(), "{}", c.selector);
        }
    }
}
