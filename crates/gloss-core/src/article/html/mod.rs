//! `.html` / `.htm` articles: the main text through dom_smoothie (a port of Mozilla's
//! Readability), metadata from the page's `<head>`.

use dom_query::Document;
use dom_smoothie::Readability;

mod clean;
mod extract;
mod fields;
mod head;
mod prescan;

use super::Parsed;
use clean::{
    drop_byline_lines, drop_cross_references, drop_furniture, drop_kickers, missing_lead,
    take_byline_line,
};
pub(crate) use extract::blocks_of;
use extract::deeper_than;
use head::{HeadMeta, clean_byline};

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

/// Page clutter that readability keeps with the text, removed by what the markup says it
/// is rather than by its words: text only screen readers get (skip links, "Image
/// caption" labels), controls (`role=button`: "Show all 50"), media players and their
/// placeholders ("Media playback is unsupported on your device"), galleries, photo
/// credits and licences, and inline promo boxes. Captions stay: they describe the
/// article's pictures in words of their own.
const CLUTTER: &str = "[role=button], [class*=visually-hidden], [class*=off-screen], \
    [class*=offscreen], [class*=sr-only], [class*=screen-reader], [class*=skip-link], \
    [class*=player], [class*=placeholder], [class*=gallery], [class*=copyright], \
    [class*=credit], [class*=license], [rel=license], [class*=textbox]";

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
    readability.doc.select(CLUTTER).remove();
    drop_cross_references(&readability.doc);
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

/// Reads only the metadata of a page (from its first bytes): no readability pass, and
/// unless the page's markup is odd, no DOM of the page either: the DOM is built of the
/// few elements the metadata is read from ([`prescan`]).
pub fn parse_meta(html: &str) -> Parsed {
    let html = head_and_a_little_more(html);
    match prescan::metadata_page(html) {
        Some(page) => fields::read(&page).unwrap_or_else(|| meta_of(&page)),
        None => meta_of(html),
    }
}

/// [`parse_meta`] through the DOM of the whole page (what the scan must agree with).
#[cfg(test)]
fn parse_meta_dom(html: &str) -> Parsed {
    meta_of(head_and_a_little_more(html))
}

/// The metadata dom_smoothie and the head rules read from a page.
fn meta_of(html: &str) -> Parsed {
    let Ok(readability) = Readability::new(html, None, None) else {
        return Parsed::default();
    };
    let metadata = readability.get_article_metadata(readability.parse_json_ld());
    let head = HeadMeta::read(&readability.doc);
    let parsed = head.into_parsed(&metadata, || readability.get_article_title().to_string());
    with_lang(parsed, &metadata)
}

/// The metadata with its language detected (from the title and the description) when
/// the page declares none.
fn with_lang(mut parsed: Parsed, metadata: &dom_smoothie::Metadata) -> Parsed {
    if parsed.lang.is_none() {
        let title = parsed.title.as_deref().unwrap_or_default();
        let excerpt = metadata.excerpt.as_deref().unwrap_or_default();
        parsed.lang = Some(super::lang::detect([title, excerpt]));
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

#[cfg(test)]
mod tests {
    use super::head::looks_like_an_id;
    use super::*;
    use crate::article::Lang;
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

    /// A page with the clutter readability keeps, each piece marked up as what it is.
    const CLUTTERED: &str = r##"<!doctype html><html lang="en"><head><title>Floods</title></head><body>
<article>
<h1>Floods close the coast road</h1>
<a class="visually-hidden skip-to-text-link" href="#story">Continue reading the main story</a>
<figure class="media-with-caption"><div class="player-with-placeholder"><div class="player-with-placeholder__caption">Media playback is unsupported on your device</div></div></figure>
<p>The coast road between the two towns was closed on Monday after heavy rain flooded the low section near the harbour, the county council said in a statement.</p>
<figure><img src="a.jpg"><span class="off-screen">Image copyright</span><span class="story-image-copyright">Jane Roe/Agency</span><figcaption>Water covered the road near the harbour. Click the picture to enlarge. <span class="media-license-caption"><a rel="license" href="/cc">CC-BY-SA 2.0</a></span></figcaption></figure>
<div class="gallery-btn" role="button"><h2>UK news in pictures</h2><span>Show all 50</span></div>
<p>Engineers expect the water to drain by Wednesday, when the road will be inspected before it reopens to traffic, a council spokesperson added.</p>
<div class="a-inline-textbox"><p>This article is from our print issue. Highlights of the issue:</p></div>
<p>Residents were advised to use the inland route, which adds about twenty minutes to the journey between the towns.</p>
</article></body></html>"##;

    #[test]
    fn clutter_goes_by_what_its_markup_says_it_is() {
        let p = parse(CLUTTERED);
        let body = p.paragraphs.join("\n\n");
        for kept in [
            "The coast road between",
            "Engineers expect the water",
            "Residents were advised",
            "Water covered the road near the harbour.",
        ] {
            assert!(body.contains(kept), "{kept} kept:\n{body}");
        }
        for clutter in [
            "Continue reading the main story",
            "Media playback is unsupported",
            "Image copyright",
            "Jane Roe/Agency",
            "Click the picture",
            "CC-BY-SA",
            "UK news in pictures",
            "Show all 50",
            "Highlights of the issue",
        ] {
            assert!(!body.contains(clutter), "{clutter} in:\n{body}");
        }
    }

    #[test]
    fn cross_references_go_but_sentences_with_links_stay() {
        let body_p = "<p>The museum reopened on Saturday after a two-year renovation of its east wing, the city said, and visitors queued from early morning.</p>";
        let page = format!(
            r#"<html><head><title>Museum</title></head><body><article><h1>Museum reopens</h1>{body_p}
<p><a href="/other"><span>Related: City budget leaves little for the arts</span></a></p>
{body_p}
<p><a href="/weiter">Lesen Sie auch: Neue Ausstellung im Herbst</a></p>
<ul><li><a href="/v">Watch: Inside the new east wing</a></li></ul>
<p>Tickets are sold online, as <a href="/t">the museum's site</a> explains: adults pay twelve euros and children enter free of charge.</p>
<p><a href="/report">Note: the report was published in March</a> and it found that the renovation came in under budget.</p>
{body_p}</article></body></html>"#
        );
        let p = parse(&page);
        let body = p.paragraphs.join("\n\n");
        for teaser in ["Related:", "Lesen Sie auch", "Watch:"] {
            assert!(!body.contains(teaser), "{teaser} in:\n{body}");
        }
        assert!(body.contains("Tickets are sold online"), "{body}");
        assert!(body.contains("Note: the report was published"), "{body}");
    }

    #[test]
    fn a_description_that_rewords_the_opening_is_not_added_again() {
        let opening = "The mayor has admitted that the failure to build the new bridge in time is the greatest disappointment of her first term in office.";
        let promo = "The mayor tells the local paper the failure to build the new bridge is the greatest disappointment of her first term.";
        let paras: String = (0..5)
            .map(|i| format!("<p>Part {i}: the council debated the bridge for years, and the costs rose each time the plans changed, officials said on Monday.</p>"))
            .collect();
        let page = format!(
            r#"<html><head><meta name="description" content="{promo}"></head><body><div class="page"><article><h1>Bridge delayed</h1><p>{opening}</p>{paras}</article></div><aside class="top-stories"><p>{promo}</p></aside></body></html>"#
        );
        let p = parse(&page);
        assert_eq!(
            p.paragraphs.first().map(String::as_str),
            Some(opening),
            "{:?}",
            p.paragraphs
        );
        assert!(
            !p.paragraphs.iter().any(|x| x == promo),
            "{:?}",
            p.paragraphs
        );
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
