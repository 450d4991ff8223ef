//! Front matter: `+++` TOML or `---` simple `key: value` lines at the top of a file.

use std::path::Path;

use chrono::NaiveDate;

use super::{ArticleError, Lang, dates};

/// The metadata a front matter block may give.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date` (a TOML date or datetime, or a string in any form gloss reads).
    pub date: Option<NaiveDate>,
    /// `section`.
    pub section: Option<String>,
    /// `source`.
    pub source: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// `author` (a list is joined with ", ").
    pub author: Option<String>,
    /// `lang` (`de`, `en`, `de-AT`, …; other languages are left to detection).
    pub lang: Option<Lang>,
}

/// A file split into its front matter and the rest.
#[derive(Debug)]
pub struct Split<'a> {
    /// The front matter, when the file has one.
    pub front: Option<FrontMatter>,
    /// The text after it.
    pub rest: &'a str,
}

/// Splits off and parses a leading `+++` (TOML) or `---` (`key: value`) block.
///
/// A `+++` block without its closing line is an error; an unclosed `---` is not front
/// matter (in Markdown it is a rule), so the text is returned whole.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, ArticleError> {
    let text_start = text.trim_start_matches('\u{feff}');
    let first_line = text_start.split('\n').next().unwrap_or("").trim();
    let fence = match first_line {
        "+++" => "+++",
        "---" => "---",
        _ => {
            return Ok(Split {
                front: None,
                rest: text,
            });
        }
    };
    let after_open = match text_start.find('\n') {
        Some(i) => &text_start[i + 1..],
        None => "",
    };
    let mut offset = 0;
    let mut close: Option<(usize, usize)> = None;
    for line in after_open.split_inclusive('\n') {
        if line.trim() == fence {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((inner_end, rest_start)) = close else {
        if fence == "---" {
            return Ok(Split {
                front: None,
                rest: text,
            });
        }
        return Err(fm_error(
            path,
            1,
            "`+++` is never closed by a second `+++` line",
        ));
    };
    let inner = &after_open[..inner_end];
    let front = if fence == "+++" {
        parse_toml(path, inner)?
    } else {
        parse_simple(path, inner)?
    };
    Ok(Split {
        front: Some(front),
        rest: &after_open[rest_start..],
    })
}

/// Whether `text` opens a front matter fence (`+++` or `---`) that it never closes: a
/// prefix read for metadata must then be read further.
pub fn unclosed_fence(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.split('\n');
    let fence = match lines.next().map(str::trim) {
        Some(f @ ("+++" | "---")) => f,
        _ => return false,
    };
    !lines.any(|l| l.trim() == fence)
}

fn fm_error(path: &Path, line: usize, message: impl Into<String>) -> ArticleError {
    ArticleError::FrontMatter {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// 1-based line in the file of a byte offset into the front matter (which starts on line 2).
fn line_of(inner: &str, byte: usize) -> usize {
    2 + inner.as_bytes()[..byte.min(inner.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

fn parse_toml(path: &Path, inner: &str) -> Result<FrontMatter, ArticleError> {
    let table: toml::Table = inner.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(2, |s| line_of(inner, s.start));
        fm_error(path, line, e.message().to_string())
    })?;
    let key_line = |key: &str| {
        inner
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(2, |i| i + 2)
    };
    let string = |key: &str| -> Result<Option<String>, ArticleError> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(non_empty(s)),
            Some(toml::Value::Array(items)) if key == "author" => {
                let names: Vec<&str> = items.iter().filter_map(toml::Value::as_str).collect();
                Ok(non_empty(&names.join(", ")))
            }
            Some(other) => Err(fm_error(
                path,
                key_line(key),
                format!("`{key}` must be a string, not {}", other.type_str()),
            )),
        }
    };
    let date = match table.get("date") {
        None => None,
        Some(toml::Value::Datetime(dt)) => match dt.date {
            Some(d) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            None => return Err(fm_error(path, key_line("date"), "`date` has no date part")),
        },
        Some(toml::Value::String(s)) => Some(dates::parse_date_value(s).ok_or_else(|| {
            fm_error(
                path,
                key_line("date"),
                format!("`date`: {s:?} is not a date"),
            )
        })?),
        Some(other) => {
            return Err(fm_error(
                path,
                key_line("date"),
                format!("`date` must be a date, not {}", other.type_str()),
            ));
        }
    };
    Ok(FrontMatter {
        title: string("title")?,
        date,
        section: string("section")?,
        source: string("source")?,
        url: string("url")?,
        author: string("author")?,
        lang: string("lang")?.as_deref().and_then(lang_from_tag),
    })
}

fn parse_simple(path: &Path, inner: &str) -> Result<FrontMatter, ArticleError> {
    let mut fm = FrontMatter::default();
    for (i, line) in inner.lines().enumerate() {
        let line_no = i + 2;
        let trimmed = line.trim();
        // Comments, YAML list items and indented continuations carry nothing gloss reads.
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with('-')
            || line.starts_with([' ', '\t'])
        {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(fm_error(
                path,
                line_no,
                format!("expected `key: value`, found {trimmed:?}"),
            ));
        };
        let value = unquote(value.trim());
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "title" => fm.title = non_empty(value),
            "date" if !value.is_empty() => {
                fm.date = Some(dates::parse_date_value(value).ok_or_else(|| {
                    fm_error(path, line_no, format!("`date`: {value:?} is not a date"))
                })?);
            }
            "section" | "category" => fm.section = non_empty(value),
            "source" | "publication" | "site" => fm.source = non_empty(value),
            "url" | "link" => fm.url = non_empty(value),
            "author" | "authors" | "byline" => fm.author = non_empty(value),
            "lang" | "language" => fm.lang = lang_from_tag(value),
            _ => {}
        }
    }
    Ok(fm)
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

fn non_empty(s: &str) -> Option<String> {
    let s = super::text::collapse_whitespace(s);
    (!s.is_empty()).then_some(s)
}

/// `de`, `de-AT`, `German`, `Deutsch` → German; `en`, `en-GB`, `English` → English.
pub fn lang_from_tag(tag: &str) -> Option<Lang> {
    let t = tag.trim().to_ascii_lowercase();
    let primary = t.split(['-', '_']).next().unwrap_or("");
    match primary {
        "de" | "deu" | "ger" | "german" | "deutsch" => Some(Lang::De),
        "en" | "eng" | "english" | "englisch" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::unclosed_fence;

    #[test]
    fn unclosed_fence_only_when_opened_and_not_closed() {
        assert!(unclosed_fence("+++\ntitle = \"x\"\n"));
        assert!(unclosed_fence("---\ntitle: x\n"));
        assert!(!unclosed_fence("+++\ntitle = \"x\"\n+++\nbody"));
        assert!(!unclosed_fence("2024-12-21\n\nTitle\n"));
    }

    use super::*;

    fn p() -> &'static Path {
        Path::new("a.md")
    }

    #[test]
    fn toml_front_matter() {
        let s = split(
            p(),
            "+++\ntitle = \"T\"\ndate = 2024-03-01\nauthor = [\"A\", \"B\"]\nlang = \"de\"\n+++\nBody\n",
        )
        .unwrap();
        let f = s.front.unwrap();
        assert_eq!(f.title.as_deref(), Some("T"));
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(f.author.as_deref(), Some("A, B"));
        assert_eq!(f.lang, Some(Lang::De));
        assert_eq!(s.rest, "Body\n");
    }

    #[test]
    fn toml_date_as_string_or_datetime() {
        let f = split(p(), "+++\ndate = \"21. Dezember 2024\"\n+++\n")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2024, 12, 21));
        let f = split(p(), "+++\ndate = 2024-12-21T10:00:00Z\n+++\n")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2024, 12, 21));
    }

    #[test]
    fn toml_syntax_error_names_the_line() {
        let err = split(p(), "+++\ntitle = \"T\"\ndate = = 3\n+++\n").unwrap_err();
        match err {
            ArticleError::FrontMatter { line, .. } => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        assert!(
            split(p(), "+++\ntitle = \"T\"\ndate = = 3\n+++\n")
                .unwrap_err()
                .to_string()
                .starts_with("a.md:3: front matter:")
        );
    }

    #[test]
    fn toml_wrong_type_names_the_key_and_line() {
        let err = split(p(), "+++\ntitle = \"T\"\nsection = 3\n+++\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("a.md:3:") && msg.contains("section"), "{msg}");
        let err = split(p(), "+++\ndate = \"soon\"\n+++\n").unwrap_err();
        assert!(err.to_string().contains("a.md:2:"), "{err}");
    }

    #[test]
    fn unclosed_toml_is_an_error_unclosed_dashes_are_not_front_matter() {
        assert!(split(p(), "+++\ntitle = \"T\"\nBody\n").is_err());
        let s = split(p(), "---\nJust a rule\n").unwrap();
        assert!(s.front.is_none());
        assert_eq!(s.rest, "---\nJust a rule\n");
    }

    #[test]
    fn simple_front_matter() {
        let s = split(
            p(),
            "---\ntitle: \"Hello: World\"\ndate: 2024-05-02\ntags:\n  - a\n- b\n# note\nlang: en-GB\n---\n# Head\n",
        )
        .unwrap();
        let f = s.front.unwrap();
        assert_eq!(f.title.as_deref(), Some("Hello: World"));
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2024, 5, 2));
        assert_eq!(f.lang, Some(Lang::En));
        assert_eq!(s.rest, "# Head\n");
    }

    #[test]
    fn simple_front_matter_errors_name_the_line() {
        let err = split(p(), "---\ntitle: T\nno colon here\n---\n").unwrap_err();
        assert!(
            err.to_string().starts_with("a.md:3: front matter:"),
            "{err}"
        );
        let err = split(p(), "---\ndate: someday\n---\n").unwrap_err();
        assert!(err.to_string().starts_with("a.md:2:"), "{err}");
    }
}
