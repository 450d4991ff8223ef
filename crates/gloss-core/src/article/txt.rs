//! `.txt` articles: the seed layout (a header of short lines, then paragraphs separated by
//! blank lines), optionally after `+++` TOML front matter.

use std::path::Path;

use super::{ArticleError, Parsed, dates, front_matter, text};

/// Longest line (in chars) that can still be a header line (title, section).
const MAX_HEADER_CHARS: usize = 150;
/// Most words a header line may have.
const MAX_HEADER_WORDS: usize = 25;
/// How many leading blocks may form the header.
const MAX_HEADER_BLOCKS: usize = 6;

/// Parses a text article.
pub fn parse(path: &Path, source: &str) -> Result<Parsed, ArticleError> {
    // Old Mac files end lines with a lone CR: without this they would be one paragraph.
    let normalized;
    let source = if source.contains('\r') {
        normalized = source.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        source
    };
    let split = front_matter::split(path, source)?;
    let mut blocks = text::blocks(split.rest);
    let mut parsed = Parsed::default();
    if let Some(fm) = split.front {
        parsed.apply_front_matter(fm);
    }
    if let Some(title) = parsed.title.clone() {
        // The title given above the text is often repeated as its first line.
        if blocks.first().is_some_and(|b| same_text(b, &title)) && blocks.len() > 1 {
            blocks.remove(0);
        }
        parsed.paragraphs = blocks;
        return Ok(parsed);
    }
    split_packed_header(split.rest, &mut blocks);
    let header = read_header(&blocks);
    parsed.date = parsed.date.or(header.date);
    parsed.section = parsed.section.or(header.section);
    parsed.title = header.title;
    let mut body: Vec<String> = blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| !header.consumed.contains(i))
        .map(|(_, b)| b.clone())
        .collect();
    if parsed.title.is_none() {
        parsed.title = title_from_first_line(split.rest, &mut body);
    }
    if body.is_empty() {
        // A file that is all header (one short line, say) still shows its text.
        body = blocks
            .into_iter()
            .filter(|b| dates::parse_date_line(b).is_none())
            .collect();
    }
    parsed.paragraphs = body;
    Ok(parsed)
}

/// [`parse`] for the list's metadata: a long text is parsed only up to a paragraph break
/// past [`META_CUT_BYTES`] and [`MAX_HEADER_BLOCKS`] blocks, which holds the whole header
/// and the sample language detection reads (its first 800 chars): the same metadata for
/// half the work (parsing was a fifth of listing a folder never opened). A cut that
/// leaves less body than that is not taken, nor one in front matter or CR line ends.
pub fn parse_meta(path: &Path, source: &str) -> Result<Parsed, ArticleError> {
    if let Some(parsed) = parse_meta_titled(path, source)? {
        return Ok(parsed);
    }
    if let Some(cut) = meta_cut(source) {
        let parsed = parse(path, &source[..cut])?;
        let body: usize = parsed
            .paragraphs
            .iter()
            .map(|p| p.chars().count() + 1)
            .sum();
        if body > META_SAMPLE_CHARS {
            return Ok(parsed);
        }
    }
    parse(path, source)
}

/// [`parse_meta`] of a text whose front matter gives its title: what [`parse`] makes of
/// it, except that only as many paragraphs are read as language detection looks at, and
/// none when the front matter gives the language too (the header is not read when the
/// front matter gives a title: the rest is all body). `None` for any other text.
fn parse_meta_titled(path: &Path, source: &str) -> Result<Option<Parsed>, ArticleError> {
    let starts_a_fence = source
        .trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace())
        .starts_with(['+', '-']);
    if !starts_a_fence || source.contains('\r') {
        return Ok(None);
    }
    let split = front_matter::split(path, source)?;
    let Some(fm) = split.front.filter(|fm| fm.title.is_some()) else {
        return Ok(None);
    };
    let mut parsed = Parsed::default();
    parsed.apply_front_matter(fm);
    if parsed.lang.is_some() {
        return Ok(Some(parsed));
    }
    // Enough when, whether or not the first block is dropped as the title's repeat, the
    // rest holds more than the sample.
    let mut blocks = text::blocks_while(split.rest, |b| {
        b.len() < 2
            || b[1..].iter().map(|p| p.chars().count() + 1).sum::<usize>() <= META_SAMPLE_CHARS
    });
    if let Some(title) = &parsed.title
        && blocks.first().is_some_and(|b| same_text(b, title))
        && blocks.len() > 1
    {
        blocks.remove(0);
    }
    parsed.paragraphs = blocks;
    Ok(Some(parsed))
}

/// How far [`parse_meta`] reads at least.
pub(super) const META_CUT_BYTES: usize = 2048;

/// More than the sample language detection reads (title and paragraphs, one per line).
pub(super) const META_SAMPLE_CHARS: usize = 1000;

/// Where [`parse_meta`] may cut `source`: right after a blank line (`\n\n`), past
/// [`META_CUT_BYTES`] and with more than [`MAX_HEADER_BLOCKS`] blocks of text before it
/// (parts with a letter or digit, so each is a block whatever the header reader makes of
/// it); `None` when the text is too short or starts with what may be front matter.
fn meta_cut(source: &str) -> Option<usize> {
    let b = source.as_bytes();
    if b.len() <= META_CUT_BYTES || b.contains(&b'\r') {
        return None;
    }
    let first = b.iter().find(|c| !c.is_ascii_whitespace())?;
    if *first == b'-' || *first == b'+' || !first.is_ascii() {
        return None;
    }
    let mut blocks = 0;
    let mut start = 0;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&b[at..], b"\n\n") {
        let end = at + i + 2;
        if b[start..end].iter().any(u8::is_ascii_alphanumeric) {
            blocks += 1;
        }
        start = end;
        at = end;
        if end >= META_CUT_BYTES && blocks > MAX_HEADER_BLOCKS {
            return (end < b.len()).then_some(end);
        }
    }
    None
}

/// A header written as consecutive lines (date, section, title with no blank line between
/// them, as many exports write it) is read as if each line were its own block, as in the
/// seed layout; otherwise the date and title would run together into one title.
fn split_packed_header(rest: &str, blocks: &mut Vec<String>) {
    let lines: Vec<String> = rest
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .map(text::collapse_whitespace)
        .collect();
    let is_date = |l: &String| dates::parse_date_line(l).is_some();
    let packed = (2..=4).contains(&lines.len())
        && (lines.first().is_some_and(is_date) || lines.last().is_some_and(is_date))
        && lines.iter().all(|l| is_date(l) || is_header_line(l))
        && blocks.first().is_some_and(|b| *b == lines.join(" "));
    if packed {
        blocks.splice(0..1, lines);
    }
}

/// What the leading short lines say.
#[derive(Debug, Default)]
struct Header {
    date: Option<chrono::NaiveDate>,
    section: Option<String>,
    title: Option<String>,
    /// Indices of the blocks that belong to the header (not the body).
    consumed: Vec<usize>,
}

fn read_header(blocks: &[String]) -> Header {
    let mut header = Header::default();
    // (block index, text) of the short lines, adjacent repeats already dropped.
    let mut shorts: Vec<(usize, &str)> = Vec::new();
    for (i, block) in blocks.iter().enumerate().take(MAX_HEADER_BLOCKS) {
        if header.date.is_none()
            && let Some(d) = dates::parse_date_line(block)
        {
            header.date = Some(d);
            header.consumed.push(i);
            continue;
        }
        if !is_header_line(block) {
            break;
        }
        if let Some((_, last)) = shorts.last()
            && same_text(last, block)
        {
            // A title repeated right after itself (common in scraped text) is dropped once.
            header.consumed.push(i);
            continue;
        }
        if shorts.len() == 3 {
            break;
        }
        shorts.push((i, block));
    }
    let title_at = match shorts.as_slice() {
        [] => return header,
        [_] => 0,
        [(si, s), ..] if is_section_like(s) => {
            header.section = Some((*s).to_string());
            header.consumed.push(*si);
            1
        }
        _ => 0,
    };
    let (ti, t) = shorts[title_at];
    header.title = Some(t.to_string());
    header.consumed.push(ti);
    // Later short lines (a subtitle, a subheading) are body text; drop the repeats that
    // followed them from the consumed list so nothing of the body is lost.
    let last_header_block = ti;
    let repeat_of_title = blocks.get(ti + 1).is_some_and(|b| same_text(b, t));
    header.consumed.retain(|&i| {
        i <= last_header_block
            || (repeat_of_title && i == ti + 1)
            || dates::parse_date_line(&blocks[i]).is_some()
    });
    header
}

/// A short line without sentence-final punctuation: a title or section line.
fn is_header_line(block: &str) -> bool {
    let chars = block.chars().count();
    if chars == 0 || chars > MAX_HEADER_CHARS || block.split(' ').count() > MAX_HEADER_WORDS {
        return false;
    }
    let end = block.trim_end_matches(['"', '\'', '“', '”', '„', '«', '»', '’', ')']);
    !end.ends_with(['.', ',', ';', ':'])
}

/// A section line names a department: one to three words, no digits of a date.
fn is_section_like(s: &str) -> bool {
    s.split(' ').count() <= 3 && s.chars().count() <= 40
}

fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    // Without lower-cased copies where both are ASCII (most lines): the header reader
    // compares every leading block with the one before it.
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // `str::to_lowercase` is the chars' lower case but for a capital sigma (final `ς`
    // or `σ` by its place in the word).
    if !a.contains('Σ') && !b.contains('Σ') {
        return a
            .chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase));
    }
    a.to_lowercase() == b.to_lowercase()
}

/// For a file without a header: its first line, when that line is clearly a heading run
/// into the first paragraph (short, no final punctuation, much shorter than the next line).
fn title_from_first_line(rest: &str, body: &mut [String]) -> Option<String> {
    let mut lines = rest
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty() || dates::parse_date_line(l).is_some());
    let first = text::collapse_whitespace(lines.next()?);
    let second = lines.next().unwrap_or("");
    let second_len = second.chars().count();
    let first_len = first.chars().count();
    if !is_header_line(&first) || second.is_empty() || first_len * 10 > second_len * 6 {
        return None;
    }
    let para = body.first_mut()?;
    let stripped = para.strip_prefix(first.as_str())?.trim_start().to_string();
    *para = stripped;
    Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    proptest::proptest! {
        #[test]
        fn same_text_is_equal_lower_case(a in "[ aAäÄßẞΣσςİi\u{130}\u{212a}kK]{0,8}", b in "[ aAäÄßẞΣσςİi\u{130}\u{212a}kK]{0,8}") {
            proptest::prop_assert_eq!(same_text(&a, &b), a.trim().to_lowercase() == b.trim().to_lowercase());
            proptest::prop_assert!(same_text(&a, &a.to_uppercase()) == (a.trim().to_lowercase() == a.to_uppercase().trim().to_lowercase()));
        }
    }

    #[test]
    fn the_metadata_of_a_cut_text_is_the_whole_texts() {
        // The sample articles, the shared corpus when it is there, a generated corpus
        // named by GLOSS_LANG_CORPUS, and texts made to put the cut near the header.
        let mut texts: Vec<(std::path::PathBuf, String)> = crate::article::corpus_files()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| std::fs::read_to_string(&p).ok().map(|s| (p, s)))
            .collect();
        let para = "Der erste Absatz erzählt, was geschah, und er ist lang genug. ";
        for n in [1, 3, 8, 20, 40] {
            for head in [
                "",
                "2024-01-02\n\nPolitik\n\nEin Titel\n\n",
                "Titel\nZweite Zeile\n\n",
            ] {
                let body: Vec<String> = (0..40)
                    .map(|i| para.repeat(n * (i % 3 + 1) / 2 + 1))
                    .collect();
                texts.push((
                    "2023-01-02-x.txt".into(),
                    format!("{head}{}", body.join("\n\n")),
                ));
            }
        }
        // Front matter with a title: with and without a language, the title repeated as
        // the first line or not, short and long bodies, TOML and `key: value`.
        for n in [0, 1, 3, 20] {
            let body: Vec<String> = (0..12).map(|i| para.repeat(n * (i % 3) + 1)).collect();
            let body = body.join("\n\n");
            for front in [
                "+++\ntitle = \"Ein Titel\"\nlang = \"de\"\n+++\n\n",
                "+++\ntitle = \"Ein Titel\"\ndate = 2024-01-02\n+++\nEin Titel\n\n",
                "+++\ntitle = \"The title\"\n+++\n\nThe Title\n\nThe minister said that it was.\n\n",
                "---\ntitle: Ein Titel\nsection: Politik\n---\n\n",
                "---\ntitle: \"\"\n---\n\n",
                "\u{feff}+++\ntitle = \"BOM\"\n+++\n",
                "+++\nsection = \"Ohne Titel\"\n+++\n\n",
                "+++\ntitle = \"CR\"\n+++\r\n\r\n",
            ] {
                texts.push(("2023-01-02-fm.txt".into(), format!("{front}{body}")));
            }
        }
        let mut cut = 0;
        let mut titled = 0;
        for (p, s) in &texts {
            // As `load_meta` reads them: 4 KB, cut after the last line break.
            let mut s = s.as_str();
            if s.len() > 4096 {
                let mut end = 4096;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s = &s[..s[..end].rfind('\n').map_or(end, |i| i + 1)];
            }
            let (Ok(full), Ok(short)) = (parse(p, s), parse_meta(p, s)) else {
                assert_eq!(
                    parse(p, s).is_ok(),
                    parse_meta(p, s).is_ok(),
                    "{}",
                    p.display()
                );
                continue;
            };
            assert_eq!(full.meta(p), short.meta(p), "{}", p.display());
            cut += usize::from(meta_cut(s).is_some());
            titled += usize::from(parse_meta_titled(p, s).is_ok_and(|t| t.is_some()));
        }
        assert!(cut >= 10, "only {cut} of {} texts were cut", texts.len());
        assert!(
            titled >= 20,
            "only {titled} texts had a title in their front matter"
        );
    }

    fn parse_str(s: &str) -> Parsed {
        parse(Path::new("2023-01-02-some-file.txt"), s).unwrap()
    }

    const BODY1: &str =
        "Der erste Absatz erzählt, was geschah, und er ist lang genug, um kein Titel zu sein.";
    const BODY2: &str = "Der zweite Absatz folgt nach einer Leerzeile.";

    #[test]
    fn seed_layout_with_repeated_title() {
        let p = parse_str(&format!(
            "21. Dezember, 2024\n\nPolitik\n\nDer Titel\n\nDer Titel\n\n{BODY1}\n\n{BODY2}\n"
        ));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 12, 21));
        assert_eq!(p.section.as_deref(), Some("Politik"));
        assert_eq!(p.title.as_deref(), Some("Der Titel"));
        assert_eq!(p.paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn header_without_section_or_repeat() {
        let p = parse_str(&format!("December 21, 2024\n\nA title here\n\n{BODY1}\n"));
        assert_eq!(p.section, None);
        assert_eq!(p.title.as_deref(), Some("A title here"));
        assert_eq!(p.paragraphs, vec![BODY1]);
    }

    #[test]
    fn title_repeated_only_once_is_dropped_once() {
        let p = parse_str(&format!(
            "2024-12-21\n\nTitel\n\nTitel\n\nTitel\n\n{BODY1}\n"
        ));
        assert_eq!(p.title.as_deref(), Some("Titel"));
        // Only one repeat is the scraper's echo; a further one is kept as text.
        assert_eq!(p.paragraphs, vec!["Titel", BODY1]);
    }

    #[test]
    fn date_after_title() {
        let p = parse_str(&format!(
            "Ein langer Titel über etwas\n\n21.12.2024\n\n{BODY1}\n"
        ));
        assert_eq!(p.title.as_deref(), Some("Ein langer Titel über etwas"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 12, 21));
        assert_eq!(p.paragraphs, vec![BODY1]);
    }

    #[test]
    fn subtitle_stays_in_the_body() {
        let p = parse_str(&format!(
            "2024-12-21\n\nPolitik\n\nTitel der Meldung\n\nZwischenzeile ohne Punkt\n\n{BODY1}\n"
        ));
        assert_eq!(p.title.as_deref(), Some("Titel der Meldung"));
        assert_eq!(p.paragraphs, vec!["Zwischenzeile ohne Punkt", BODY1]);
    }

    #[test]
    fn lines_inside_a_paragraph_are_joined_and_whitespace_collapsed() {
        let p = parse_str(
            "Titel\r\n\r\nEine Zeile\r\nund\tnoch   eine.\r\n\r\nZweiter\u{1b}Absatz.\r\n",
        );
        assert_eq!(
            p.paragraphs,
            vec!["Eine Zeile und noch eine.", "Zweiter\u{1b}Absatz."]
        );
    }

    #[test]
    fn header_lines_without_blank_lines_between() {
        for nl in ["\n", "\r\n"] {
            let src = format!("2024-03-03{nl}Politik{nl}Ein Titel{nl}{nl}{BODY1}{nl}");
            let p = parse_str(&src);
            assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 3, 3), "{src:?}");
            assert_eq!(p.section.as_deref(), Some("Politik"));
            assert_eq!(p.title.as_deref(), Some("Ein Titel"));
            assert_eq!(p.paragraphs, vec![BODY1]);
        }
        let p = parse_str(&format!("A title here\nDecember 21, 2024\n\n{BODY1}\n"));
        assert_eq!(p.title.as_deref(), Some("A title here"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 12, 21));
        // Short lines without a date are a stanza or a list, not a header: kept together.
        let p = parse_str(&format!("Erste Zeile\nZweite Zeile\n\n{BODY1}\n"));
        assert_eq!(p.title.as_deref(), Some("Erste Zeile Zweite Zeile"));
    }

    #[test]
    fn carriage_return_line_endings() {
        let p = parse_str(&format!("2024-12-21\r\rTitel\r\r{BODY1}\r\r{BODY2}\r"));
        assert_eq!(p.title.as_deref(), Some("Titel"));
        assert_eq!(p.paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn no_header_long_first_line_keeps_all_text() {
        let p = parse_str(&format!("{BODY1}\n\n{BODY2}\n"));
        assert_eq!(p.title, None);
        assert_eq!(p.paragraphs, vec![BODY1, BODY2]);
    }

    #[test]
    fn heading_run_into_first_paragraph() {
        let p = parse_str(&format!("Kurzer Titel\n{BODY1}\n"));
        assert_eq!(p.title.as_deref(), Some("Kurzer Titel"));
        assert_eq!(p.paragraphs, vec![BODY1]);
        // Hard-wrapped text: the first line is as long as the next, so it is not a title.
        let wrapped =
            "The minister said on Monday that the plan\nwould go ahead as announced last year.\n";
        let p = parse_str(wrapped);
        assert_eq!(p.title, None);
        assert_eq!(p.paragraphs.len(), 1);
    }

    #[test]
    fn only_a_title_keeps_its_text() {
        let p = parse_str("Nur eine Zeile\n");
        assert_eq!(p.title.as_deref(), Some("Nur eine Zeile"));
        assert_eq!(p.paragraphs, vec!["Nur eine Zeile"]);
    }

    #[test]
    fn front_matter_then_body() {
        let p = parse_str(&format!(
            "+++\ntitle = \"Ein Titel\"\ndate = 2024-02-03\nsection = \"Wirtschaft\"\n+++\n\nEin Titel\n\n{BODY1}\n"
        ));
        assert_eq!(p.title.as_deref(), Some("Ein Titel"));
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 2, 3));
        assert_eq!(p.section.as_deref(), Some("Wirtschaft"));
        assert_eq!(p.paragraphs, vec![BODY1]);
    }

    #[test]
    fn front_matter_error_is_reported() {
        let err = parse(Path::new("x.txt"), "+++\ntitle = \n+++\nBody\n").unwrap_err();
        assert!(
            err.to_string().starts_with("x.txt:2: front matter"),
            "{err}"
        );
    }
}
