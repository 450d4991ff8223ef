//! `gloss show`: an article as gloss parsed it, for people (text) or scripts (JSON).

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::{Context, ShowFormat};
use gloss_core::article::{self, Article};
use gloss_core::sanitize::for_display;

/// The JSON shape of `gloss show --format json` (contract: every key always present).
#[derive(Debug, Serialize)]
struct ShowJson<'a> {
    path: String,
    title: &'a str,
    date: Option<String>,
    section: Option<&'a str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    lang: &'static str,
    paragraphs: &'a [String],
    warnings: &'a [String],
}

/// Prints an article as parsed.
pub fn run(ctx: &Context, file: &Path, format: ShowFormat) -> anyhow::Result<ExitCode> {
    // The error already names the file and what is wrong: add nothing to it.
    let article = article::load_with(file, ctx.config.language.forced())?;
    let out = match format {
        ShowFormat::Text => render_text(&article),
        ShowFormat::Json => render_json(&article)?,
    };
    super::write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Metadata lines, a blank line, then the paragraphs separated by blank lines; every
/// value made safe for a terminal.
pub fn render_text(article: &Article) -> String {
    let m = &article.meta;
    let or_dash = |v: Option<&str>| v.map_or_else(|| "-".to_string(), for_display);
    let mut out = String::new();
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    line("Title", for_display(&m.title));
    line(
        "Date",
        m.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
    );
    line("Section", or_dash(m.section.as_deref()));
    line("Source", or_dash(m.source.as_deref()));
    line("Author", or_dash(m.author.as_deref()));
    line("URL", or_dash(m.url.as_deref()));
    line("Language", m.lang.code().to_string());
    line(
        "Warnings",
        if article.warnings.is_empty() {
            "none".to_string()
        } else {
            for_display(&article.warnings.join("; "))
        },
    );
    for p in &article.paragraphs {
        out.push('\n');
        out.push_str(&for_display(p));
        out.push('\n');
    }
    out
}

/// The contract's JSON object (plus `warnings`), on one line.
pub fn render_json(article: &Article) -> anyhow::Result<String> {
    let m = &article.meta;
    let json = ShowJson {
        path: article.path.to_string_lossy().into_owned(),
        title: &m.title,
        date: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
        section: m.section.as_deref(),
        source: m.source.as_deref(),
        author: m.author.as_deref(),
        url: m.url.as_deref(),
        lang: m.lang.code(),
        paragraphs: &article.paragraphs,
        warnings: &article.warnings,
    };
    let mut s = serde_json::to_string(&json)?;
    s.push('\n');
    Ok(s)
}
