//! Articles: the model, the directory scan and one parser per format (txt, md, html).
//!
//! Reading goes bytes → text ([`decode`]) → format parser ([`txt`], [`md`], [`html`]) →
//! [`Parsed`] → [`Article`] with fallbacks (title from the file name, date from the file
//! name, language detected) applied in one place.

pub mod dates;
pub mod decode;
pub mod front_matter;
pub mod html;
pub mod lang;
pub mod md;
mod scan;
pub mod text;
pub mod txt;

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::text::Lang;

/// The file format, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the seed layout or `+++` front matter.
    Text,
    /// `.md` / `.markdown`.
    Markdown,
    /// `.html` / `.htm`.
    Html,
}

impl Format {
    /// The format for a path, or `None` when gloss does not read that kind of file.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What is known about an article besides its text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Title (never empty once parsed: falls back to the file stem).
    pub title: String,
    /// Publication date, when the article gives one.
    pub date: Option<NaiveDate>,
    /// Section or department (`Politik`).
    pub section: Option<String>,
    /// Publication or site name.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Detected or forced language.
    pub lang: Lang,
}

/// A parsed article: metadata and paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file it came from.
    pub path: PathBuf,
    /// Metadata.
    pub meta: Meta,
    /// The paragraphs, each plain text without newlines inside (whitespace collapsed).
    pub paragraphs: Vec<String>,
    /// Non-fatal problems met while reading (lossy UTF-8, …), for the status bar.
    pub warnings: Vec<String>,
}

/// The separator between paragraphs in the body (contract).
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

impl Article {
    /// The body: the paragraphs joined with `"\n\n"`. All offsets are char offsets into it.
    pub fn body(&self) -> String {
        self.paragraphs.join(PARAGRAPH_SEPARATOR)
    }

    /// Char offset in the body at which each paragraph starts.
    pub fn paragraph_starts(&self) -> Vec<usize> {
        let mut starts = Vec::with_capacity(self.paragraphs.len());
        let mut at = 0;
        for p in &self.paragraphs {
            starts.push(at);
            at += p.chars().count() + PARAGRAPH_SEPARATOR.len();
        }
        starts
    }
}

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file holds no text.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file looks binary (NUL bytes).
    #[error("{path}: binary file, not an article")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The extension is not one gloss reads.
    #[error("{path}: not an article (gloss reads .txt, .md and .html)")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The front matter is malformed.
    #[error("{path}:{line}: front matter: {message}")]
    FrontMatter {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// What a format parser found; [`Article`] and [`Meta`] are built from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// Title, if the file gives one.
    pub title: Option<String>,
    /// Date, if the file gives one.
    pub date: Option<NaiveDate>,
    /// Section.
    pub section: Option<String>,
    /// Publication.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language the file declares.
    pub lang: Option<Lang>,
    /// Paragraphs (empty when only metadata was read).
    pub paragraphs: Vec<String>,
}

impl Parsed {
    /// Takes every field the front matter gives.
    pub fn apply_front_matter(&mut self, fm: front_matter::FrontMatter) {
        self.title = fm.title.or(self.title.take());
        self.date = fm.date.or(self.date);
        self.section = fm.section.or(self.section.take());
        self.source = fm.source.or(self.source.take());
        self.author = fm.author.or(self.author.take());
        self.url = fm.url.or(self.url.take());
        self.lang = fm.lang.or(self.lang);
    }

    /// The metadata, with the fallbacks: title from the file name, date from the file
    /// name, language detected from the text.
    fn meta(&self, path: &Path) -> Meta {
        let title = self
            .title
            .clone()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| text::title_from_file_name(path));
        let lang = self.lang.unwrap_or_else(|| {
            lang::detect(
                std::iter::once(title.as_str()).chain(self.paragraphs.iter().map(String::as_str)),
            )
        });
        Meta {
            title,
            date: self.date.or_else(|| date_from_file_name(path)),
            section: self.section.clone(),
            source: self.source.clone(),
            author: self.author.clone(),
            url: self.url.clone(),
            lang,
        }
    }
}

/// How much of a text or Markdown file [`load_meta`] reads first: enough for a seed-layout
/// header or ordinary front matter, and little enough that listing 10,000 files costs less
/// than reading them.
const META_TEXT_BYTES: u64 = 4 * 1024;
/// How far [`load_meta`] reads when front matter is not closed within the first read.
const META_TEXT_MAX_BYTES: u64 = 64 * 1024;
/// How much of a web page [`load_meta`] reads: enough for any sane `<head>`.
const META_HTML_BYTES: u64 = 64 * 1024;

/// Why a path without an article's extension cannot be read, when the deeper reason is
/// that it does not exist or is a folder: that, not "not an article", is what the user
/// needs to hear.
fn missing_or_folder(path: &Path) -> Option<ArticleError> {
    match std::fs::metadata(path) {
        Err(e) => Some(io_error(path, e)),
        Ok(m) if m.is_dir() => Some(io_error(
            path,
            std::io::Error::other("a folder, not an article file"),
        )),
        Ok(_) => None,
    }
}

fn io_error(path: &Path, source: std::io::Error) -> ArticleError {
    ArticleError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The first `limit` bytes of a file; `size`, its size when known, saves the read that
/// finds the end of a shorter file (what is read is then what the size said).
fn read_prefix(path: &Path, limit: u64, size: Option<u64>) -> Result<Vec<u8>, ArticleError> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    // Room for the whole prefix: grown from empty, it took eight reads per file.
    let mut bytes = Vec::with_capacity(usize::try_from(limit).unwrap_or(0).min(1 << 20));
    file.take(size.map_or(limit, |n| n.min(limit)))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    Ok(bytes)
}

fn format_of(path: &Path) -> Result<Format, ArticleError> {
    Format::from_path(path).ok_or_else(|| ArticleError::UnknownFormat {
        path: path.to_path_buf(),
    })
}

/// Reads and parses one article file.
pub fn load(path: &Path) -> Result<Article, ArticleError> {
    let format = format_of(path).map_err(|e| missing_or_folder(path).unwrap_or(e))?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    parse_bytes(path, format, &bytes)
}

/// [`load`], with the language forced when the config says so (`language = "de"`):
/// pass `config.language.forced()`.
pub fn load_with(path: &Path, forced_lang: Option<Lang>) -> Result<Article, ArticleError> {
    let mut article = load(path)?;
    if let Some(lang) = forced_lang {
        article.meta.lang = lang;
    }
    Ok(article)
}

/// Parses an article from bytes already read (`path` names it and gives its format).
pub fn parse_bytes(path: &Path, format: Format, bytes: &[u8]) -> Result<Article, ArticleError> {
    decode::check_bytes(path, bytes)?;
    let (parsed, warnings) = match format {
        Format::Text => {
            let d = decode::decode_text(bytes);
            (txt::parse(path, &d.text)?, d.warnings)
        }
        Format::Markdown => {
            let d = decode::decode_text(bytes);
            (md::parse(path, &d.text)?, d.warnings)
        }
        Format::Html => {
            let d = decode::decode_html(bytes);
            (html::parse(&d.text), d.warnings)
        }
    };
    if parsed.paragraphs.is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Article {
        path: path.to_path_buf(),
        meta: parsed.meta(path),
        paragraphs: parsed.paragraphs,
        warnings,
    })
}

/// Reads only what the article list needs (title, date, …), as cheaply as the format allows.
///
/// The list calls this lazily or in the background, so opening a large folder never waits
/// for every file to be parsed. Text and Markdown files are read up to 16 KB (their header
/// or front matter), web pages up to 64 KB (their `<head>`), without the readability pass.
/// The title, date and section agree with [`load`]; the language may be detected from
/// less text.
pub fn load_meta(path: &Path) -> Result<Meta, ArticleError> {
    load_meta_sized(path, None)
}

/// [`load_meta`] of a file whose size was just taken (`size`): a file shorter than what
/// is read of it is read in one call, without a second to find its end. A file that
/// grew since is read as long as it was.
pub fn load_meta_sized(path: &Path, size: Option<u64>) -> Result<Meta, ArticleError> {
    let format = format_of(path)?;
    let parsed = match format {
        Format::Html => {
            let bytes = read_prefix(path, META_HTML_BYTES, size)?;
            decode::check_bytes(path, &bytes)?;
            html::parse_meta(&decode::decode_html_text(&bytes))
        }
        Format::Text | Format::Markdown => {
            let bytes = read_prefix(path, META_TEXT_BYTES, size)?;
            match text_meta(path, format, bytes, META_TEXT_BYTES, true)? {
                Some(parsed) => parsed,
                // Front matter not closed within the first read: read further.
                None => {
                    let bytes = read_prefix(path, META_TEXT_MAX_BYTES, size)?;
                    text_meta(path, format, bytes, META_TEXT_MAX_BYTES, false)?.unwrap_or_default()
                }
            }
        }
    };
    Ok(parsed.meta(path))
}

/// The list metadata of a text or Markdown file's first `limit` bytes (`bytes`, all of
/// the file when fewer), or `None` when `may_grow` and they open a front matter fence
/// they do not close. The prefix is checked as UTF-8 once (with SIMD) and parsed in
/// place: checking it for the fence, for its cut and for its decoding (and copying it)
/// took a tenth of listing a folder.
fn text_meta(
    path: &Path,
    format: Format,
    mut bytes: Vec<u8>,
    limit: u64,
    may_grow: bool,
) -> Result<Option<Parsed>, ArticleError> {
    use std::borrow::Cow;
    let truncated = bytes.len() as u64 >= limit;
    let grow = |text: &str| may_grow && truncated && front_matter::unclosed_fence(text);
    let text: Cow<str> = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => {
            if may_open_a_fence(&bytes) && grow(text) {
                return Ok(None);
            }
            decode::check_bytes(path, &bytes)?;
            if decode::has_bom(&bytes) {
                Cow::Owned(decode::decode_text(&bytes).text)
            } else {
                Cow::Borrowed(text)
            }
        }
        Err(_) => {
            if may_open_a_fence(&bytes) && grow(&String::from_utf8_lossy(&bytes)) {
                return Ok(None);
            }
            decode::check_bytes(path, &bytes)?;
            if truncated {
                cut_after_last_line(&mut bytes);
            }
            Cow::Owned(decode::decode_text(&bytes).text)
        }
    };
    // The last paragraph may be cut anywhere; the header is what matters here.
    let text = match text.rfind('\n') {
        Some(i) if truncated => &text[..=i],
        _ => &text[..],
    };
    let parsed = if format == Format::Text {
        txt::parse_meta(path, text)?
    } else {
        md::parse_meta(path, text)?
    };
    Ok(Some(parsed))
}

/// Whether text could start with a front matter fence (`---`, `+++`): its first byte
/// after a BOM and ASCII white space is `-`, `+` or not ASCII (Unicode white space). Most
/// files do not, and are then not decoded a second time only to find that out.
fn may_open_a_fence(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'-' || b == b'+' || !b.is_ascii())
}

/// A prefix of a UTF-8 file that ends inside a char is cut after its last whole line,
/// which is all [`load_meta`] keeps of it anyway: decoding it whole would take the slow
/// path for invalid UTF-8 (and copy it) for the sake of one cut char. Anything else
/// (another encoding, invalid bytes before the end, no line break) is left as it is.
fn cut_after_last_line(bytes: &mut Vec<u8>) {
    if decode::has_bom(bytes) {
        return;
    }
    if let Err(e) = std::str::from_utf8(bytes)
        && e.error_len().is_none()
        && let Some(i) = bytes[..e.valid_up_to()].iter().rposition(|&b| b == b'\n')
    {
        bytes.truncate(i + 1);
    }
}

/// The date at the start of, or anywhere in, a file name (`2024-12-21-foo.txt`): what the
/// article list shows before an article's metadata has been read.
pub fn date_from_file_name(path: &Path) -> Option<NaiveDate> {
    // The bytes after the last `/`, as `file_name` has them for a scan's paths (without
    // its walk over components: this is asked for every file of a folder).
    let bytes = path.as_os_str().as_encoded_bytes();
    let name = &bytes[bytes.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1)..];
    if matches!(name, b"" | b"." | b"..") {
        return dates::date_in_name(&path.file_name()?.to_string_lossy());
    }
    match std::str::from_utf8(name) {
        Ok(name) => dates::date_in_name(name),
        Err(_) => dates::date_in_name(&String::from_utf8_lossy(name)),
    }
}

/// The result of scanning a folder.
#[derive(Debug, Default)]
pub struct Scan {
    /// Article files found (by extension), in the order of their paths.
    pub files: Vec<PathBuf>,
    /// Entries that were skipped, with why (hidden files are skipped silently).
    pub skipped: Vec<(PathBuf, String)>,
}

/// Lists the article files under `root` recursively (or `root` itself if it is a file),
/// without reading them. Hidden entries are skipped; symlinked folders are not followed.
pub fn scan(root: &Path) -> Scan {
    scan::scan(root)
}

/// Orders metadata newest first by date, then by path (the contract's list order).
pub fn sort_newest_first(items: &mut [(PathBuf, Meta)]) {
    // Sorted as indices, then moved once: an item is some 200 bytes, and the list is
    // sorted again as its metadata comes in.
    let order = newest_first_order(items, |(p, m)| (m.date, p.as_path()));
    if order.iter().enumerate().all(|(k, &i)| k == i) {
        return;
    }
    let mut taken: Vec<(PathBuf, Meta)> = items.iter_mut().map(std::mem::take).collect();
    for (slot, &from) in items.iter_mut().zip(&order) {
        *slot = std::mem::take(&mut taken[from]);
    }
}

/// The indices of `items` in [`sort_newest_first`]'s order, given each item's date and
/// path (`key`): what the index stores beside a folder's packed list, so the list is
/// not sorted again when it is read back.
pub fn newest_first_order<T>(
    items: &[T],
    key: impl Fn(&T) -> (Option<NaiveDate>, &Path),
) -> Vec<usize> {
    use chrono::Datelike;
    // By day first (a counting sort: a folder's articles span a few thousand days),
    // keeping ties in the order they are in; then each day's articles by path, which
    // costs one comparison per article when they are in that order already (as a scan
    // lists them, or as the list was sorted before). Comparison sorts of 100,000
    // articles took most of opening a folder seen before.
    let days: Vec<Option<i32>> = items
        .iter()
        .map(|it| key(it).0.map(|d| d.num_days_from_ce()))
        .collect();
    let mut order = newest_day_first(&days);
    let mut start = 0;
    while start < order.len() {
        let day = days[order[start]];
        let end = start
            + order[start..]
                .iter()
                .position(|&i| days[i] != day)
                .unwrap_or(order.len() - start);
        let run = &mut order[start..end];
        let path = |i: usize| key(&items[i]).1;
        let after =
            |a: usize, b: usize| path_order(path(a), path(b)) == std::cmp::Ordering::Greater;
        if run.len() <= 64 {
            // Insertion: a day's few articles are nearly in order (one or two moved in
            // from another day), where a general sort cost 20,000 instructions a day.
            for k in 1..run.len() {
                let mut j = k;
                while j > 0 && after(run[j - 1], run[j]) {
                    run.swap(j - 1, j);
                    j -= 1;
                }
            }
        } else if !run.is_sorted_by(|&a, &b| !after(a, b)) {
            run.sort_by(|&a, &b| path_order(path(a), path(b)));
        }
        start = end;
    }
    order
}

/// The indices of `days`, latest first and `None` last, ties in their order: a counting
/// sort when the days span no more than a few per item, as a folder's do.
fn newest_day_first(days: &[Option<i32>]) -> Vec<usize> {
    let dated = days.iter().flatten();
    let (Some(&lo), Some(&hi)) = (dated.clone().min(), dated.max()) else {
        return (0..days.len()).collect();
    };
    let span = usize::try_from(i64::from(hi) - i64::from(lo) + 1).unwrap_or(usize::MAX);
    // Bucket of each item: 0 for the latest day, `span` for undated.
    let bucket = |d: Option<i32>| {
        d.map_or(span, |d| {
            usize::try_from(i64::from(hi) - i64::from(d)).unwrap_or(span)
        })
    };
    if span > days.len().saturating_mul(4).saturating_add(4096) {
        let mut order: Vec<usize> = (0..days.len()).collect();
        order.sort_by_key(|&i| bucket(days[i]));
        return order;
    }
    let mut starts = vec![0usize; span + 2];
    for &d in days {
        starts[bucket(d) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut order = vec![0; days.len()];
    for (i, &d) in days.iter().enumerate() {
        let b = bucket(d);
        order[starts[b]] = i;
        starts[b] += 1;
    }
    order
}

/// [`Path`]'s order, which walks components and took a fifth of opening a folder of
/// 10,000 articles seen before. Paths that first differ inside plain names (not empty,
/// `.` or `..`) are in the order of their bytes with `/` lowest, found 8 bytes at a time
/// (a folder's paths share a long prefix); anything else is left to `Path`.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (x, y) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let n = x.len().min(y.len());
    let mut i = 0;
    while i + 8 <= n && x[i..i + 8] == y[i..i + 8] {
        i += 8;
    }
    while i < n && x[i] == y[i] {
        i += 1;
    }
    if i == n {
        // One is the other plus more: only `/` and what follows could make them equal.
        let rest = if x.len() > y.len() { &x[n..] } else { &y[n..] };
        if rest.first() == Some(&b'/') || n == 0 {
            return a.cmp(b);
        }
        return x.len().cmp(&y.len());
    }
    // The bytes before the names that differ are the same in both, so both hold the
    // same components up to there; the names decide unless one is special. A name with
    // three bytes before `i` is not (the usual case: checked without finding its ends).
    if i < 3 || x[i - 3..i].contains(&b'/') {
        let start = x[..i].iter().rposition(|&c| c == b'/').map_or(0, |p| p + 1);
        let name = |p: &[u8]| -> bool {
            let rest = &p[start..];
            let name = &rest[..rest.iter().position(|&c| c == b'/').unwrap_or(rest.len())];
            matches!(name, b"" | b"." | b"..")
        };
        if name(x) || name(y) {
            return a.cmp(b);
        }
    }
    match (x[i], y[i]) {
        (b'/', _) => Ordering::Less,
        (_, b'/') => Ordering::Greater,
        (p, q) => p.cmp(&q),
    }
}

/// Every file under the sample articles, the shared corpus when it is there, and any
/// folder named by `GLOSS_LANG_CORPUS` (a generated corpus, say): the real texts the
/// parsers' tests check the fast paths against the old ones on.
#[cfg(test)]
pub(crate) fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut stack = vec![root.join("assets/articles"), root.join("../shared/corpus")];
    stack.extend(std::env::var_os("GLOSS_LANG_CORPUS").map(PathBuf::from));
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod order_tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_fast_order_is_paths_order(
            names in proptest::collection::vec("[a./_-]{0,10}(/[a./_-]{0,10}){0,3}", 1..12),
            absolute in proptest::bool::ANY,
        ) {
            let base = if absolute { "/r/a-folder-name-longer-than-8" } else { "r" };
            let mut fast: Vec<(PathBuf, Meta)> = names
                .iter()
                .map(|n| (PathBuf::from(format!("{base}/{n}")), Meta::default()))
                .collect();
            let mut slow = fast.clone();
            sort_newest_first(&mut fast);
            slow.sort_by(|(pa, _), (pb, _)| pa.cmp(pb));
            let fast: Vec<_> = fast.into_iter().map(|(p, _)| p).collect();
            let slow: Vec<_> = slow.into_iter().map(|(p, _)| p).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    proptest::proptest! {
        #[test]
        fn newest_first_is_date_then_path_from_any_start(
            items in proptest::collection::vec(("[ab/]{1,6}", proptest::option::of(0u32..4)), 1..40),
            by_path_first in proptest::bool::ANY,
            // Days far apart: the comparison sort instead of the counting sort.
            far in proptest::bool::ANY,
        ) {
            let scale = if far { 900_000 } else { 1 };
            let mut got: Vec<(PathBuf, Meta)> = items
                .iter()
                .map(|(n, d)| {
                    let date = d.and_then(|d| {
                        NaiveDate::from_num_days_from_ce_opt(738_000 + i32::try_from(d * scale).unwrap() - 700_000 * i32::from(far))
                    });
                    (PathBuf::from(format!("r/{n}")), Meta { date, ..Meta::default() })
                })
                .collect();
            if by_path_first {
                // As a scan lists them: the order the fast path takes.
                got.sort_by(|(a, _), (b, _)| a.cmp(b));
            }
            let mut want = got.clone();
            want.sort_by(|(pa, a), (pb, b)| b.date.cmp(&a.date).then_with(|| pa.cmp(pb)));
            sort_newest_first(&mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn a_file_names_date_is_read_from_its_last_component() {
        for (p, want) in [
            ("/r/2024-12-21-a.txt", Some((2024, 12, 21))),
            ("2024-12-21.md", Some((2024, 12, 21))),
            ("/r/2024-12-21/a.txt", None),
            ("/r/x_2023-01-02.html", Some((2023, 1, 2))),
            ("/r/2024-12-21-a.txt/", Some((2024, 12, 21))),
            ("/r/2024-12-21/..", None),
            ("/r/ä-2024-02-29.txt", Some((2024, 2, 29))),
        ] {
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(date_from_file_name(Path::new(p)), want, "{p}");
        }
    }

    #[test]
    fn the_fence_precheck_never_skips_an_unclosed_fence() {
        for text in [
            "---\ntitle: x\n",
            "+++\ntitle = 1\n",
            "\u{feff}---\nx\n",
            "  ---  \nx\n",
            "\u{3000}---\nx\n",
            "\n---\nx\n",
            "Titel\n---\n",
            "---\nx\n---\n",
            "",
            "\t\n",
            "\u{feff}Titel\n",
        ] {
            if front_matter::unclosed_fence(text) {
                assert!(may_open_a_fence(text.as_bytes()), "{text:?}");
            }
        }
        assert!(!may_open_a_fence(b"2024-01-01\n\nTitel\n"));
        assert!(!may_open_a_fence(b"\xef\xbb\xbfTitel\n"));
    }

    #[test]
    fn a_prefix_cut_inside_a_char_loses_only_its_last_line() {
        let mut b = "Titel\nZeile zwei\nä".as_bytes().to_vec();
        b.pop(); // half of `ä`
        cut_after_last_line(&mut b);
        assert_eq!(b, b"Titel\nZeile zwei\n");
        // Invalid bytes inside, another encoding, or no line: left alone.
        for mut other in [
            b"a\xff\nb\xc3".to_vec(),
            b"\xef\xbb\xbfa\nb\xc3".to_vec(),
            b"no line \xc3".to_vec(),
            b"whole\n".to_vec(),
        ] {
            let before = other.clone();
            cut_after_last_line(&mut other);
            assert_eq!(other, before);
        }
    }

    #[test]
    fn load_meta_of_a_file_cut_inside_a_char_agrees_with_load() {
        let dir = tempfile::tempdir().unwrap();
        // The 4 KB prefix ends inside an `ü`.
        let f = dir.path().join("cut.txt");
        let mut text = "2024-12-21\n\nÜber den Haushalt\n\n".to_string();
        while text.len() < 4000 {
            text.push_str("Die Regierung sagte, dass die Kürzungen nicht kommen.\n\n");
        }
        text.push_str(&"x".repeat(META_TEXT_BYTES as usize - 1 - text.len()));
        text.push_str("über alles.\n\nUnd noch mehr Text, der nicht gelesen wird.\n");
        let cut_inside = !text.is_char_boundary(META_TEXT_BYTES as usize);
        std::fs::write(&f, &text).unwrap();
        let (meta, full) = (load_meta(&f).unwrap(), load(&f).unwrap().meta);
        assert_eq!(
            (meta.title, meta.date, meta.lang),
            (full.title, full.date, full.lang)
        );
        assert!(cut_inside);
    }

    #[test]
    fn load_meta_given_the_size_reads_what_load_meta_reads() {
        let files: Vec<PathBuf> = corpus_files()
            .into_iter()
            .filter(|p| Format::from_path(p).is_some())
            .collect();
        assert!(!files.is_empty());
        for p in &files {
            let size = std::fs::metadata(p).unwrap().len();
            let (sized, plain) = (load_meta_sized(p, Some(size)), load_meta(p));
            assert_eq!(
                format!("{sized:?}"),
                format!("{plain:?}"),
                "{}",
                p.display()
            );
        }
        // A file that grew since its size was taken is read as long as it was.
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("grew.txt");
        std::fs::write(&f, "Erster Titel\n\nText.\n").unwrap();
        let size = std::fs::metadata(&f).unwrap().len();
        std::fs::write(&f, "Erster Titel\n\nText.\nMehr.\n").unwrap();
        let grown = load_meta_sized(&f, Some(size)).unwrap();
        assert_eq!(grown.title, "Erster Titel");
    }

    #[test]
    fn path_order_is_paths_order() {
        use std::cmp::Ordering::Less;
        let o = |a: &str, b: &str| path_order(Path::new(a), Path::new(b));
        assert_eq!(o("a/b", "a-b"), Less);
        assert!(Path::new("a/b") < Path::new("a-b"));
        assert_eq!(o("a", "a/b"), Less);
        let long = |s: &str| format!("/tmp/some-long-folder/{s}");
        assert_eq!(o(&long("x/y"), &long("x-y")), Less);
        for (a, b) in [
            ("a//b", "a/b"),
            ("a/./b", "a/b"),
            ("./a", "a"),
            ("a/../b", "a/-"),
            ("a/", "a"),
            ("/a", "a"),
            ("a/.", "a"),
            ("", "a"),
            ("../x", "-/x"),
        ] {
            assert_eq!(o(a, b), Path::new(a).cmp(Path::new(b)), "{a} {b}");
            assert_eq!(o(b, a), Path::new(b).cmp(Path::new(a)), "{b} {a}");
        }
    }

    #[test]
    fn newest_first_then_by_path() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let item = |p: &str, date| {
            (
                PathBuf::from(p),
                Meta {
                    date,
                    ..Meta::default()
                },
            )
        };
        let mut v = vec![
            item("r/b", d("2024-01-01")),
            item("r/a-x", None),
            item("r/a/x", None),
            item("r/c", d("2025-01-01")),
        ];
        sort_newest_first(&mut v);
        let order: Vec<_> = v
            .iter()
            .map(|(p, _)| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(order, ["r/c", "r/b", "r/a/x", "r/a-x"]);
    }
}
